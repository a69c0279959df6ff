//! Qolo: notification subscriptions behind a 12-hour login token.

use super::{Capabilities, Support};

pub const CAPABILITIES: Capabilities = Capabilities {
    api: true,
    subscribe: Support::Yes,
    list: Support::Yes,
    update: Support::Yes,
    delete: Support::Yes,
    rotate: Support::Partly("in place"),
    event_filter: true,
    signature: Some(("x-qolo-signature", "HMAC-SHA256 of body")),
    notes: "create/list/delete paths unconfirmed (overridable per profile)",
};
