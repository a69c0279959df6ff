//! Sturdy Technologies: no management API; webhooks are registered by dashboard or support.

use serde_json::json;

use crate::spec::{Capabilities, Delivered, Envelope, Fresh, Retries, Scheme, Spec};

/// Everything whctl knows about Sturdy, as data.
pub static SPEC: Spec = Spec {
    name: "sturdy",
    default_base_url: "",
    credentials: &[],
    capabilities: Capabilities::NO_API,
    routes: &[],
    catalog: include_str!("../catalog/data/sturdy.json"),
    signature: Some(Scheme::BodyHmac("X-Sturdy-Signature")),
    envelope: Envelope {
        event_field: "event_type",
        minimal: |e| json!({ "event_id": "", "event_type": e.name, "timestamp": e.now, "data": {} }),
        fresh: &[("event_id", Fresh::Id("evt_")), ("timestamp", Fresh::Now)],
    },
    delivered: Delivered::AnyTwoXx,
    register: Some("register webhooks in the Sturdy dashboard or through support"),
    // seed 002: "retries at 1 min, 5 min, 15 min, 1 h, 6 h"; "answer 200 within 5 s".
    retries: Retries {
        delays_secs: &[60, 300, 900, 3600, 21600],
        documented: true,
    },
    answer_within_secs: Some(5),
};
