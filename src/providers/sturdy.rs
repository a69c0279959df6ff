//! Sturdy Technologies: no management API; webhooks are registered by dashboard or support.

use super::{Capabilities, Support};

pub const CAPABILITIES: Capabilities = Capabilities {
    api: false,
    subscribe: Support::No,
    list: Support::No,
    update: Support::No,
    delete: Support::No,
    rotate: Support::No,
    event_filter: false,
    url_kinds: &[],
    signature: Some(("X-Sturdy-Signature", "HMAC-SHA256 of body")),
    notes: "register webhooks in the Sturdy dashboard or through support",
    after_subscribe: None,
    descriptions: false,
    client_secret: false,
};
