//! Prune Payments: one webhook URL per account, every event sent to it.

use super::{Capabilities, Support};

pub const CAPABILITIES: Capabilities = Capabilities {
    api: true,
    subscribe: Support::Partly("sets the account URL"),
    list: Support::Yes,
    update: Support::Partly("URL only"),
    delete: Support::Partly("clears the URL"),
    rotate: Support::No,
    event_filter: false,
    signature: None,
    notes: "one URL per account; paths unconfirmed (overridable per profile)",
};
