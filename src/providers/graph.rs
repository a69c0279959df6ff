//! Graph (usegraph): no documented webhook management API.

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
    signature: None,
    notes: "no documented webhook API: set webhooks up with Graph",
    after_subscribe: None,
    descriptions: false,
    client_secret: false,
};
