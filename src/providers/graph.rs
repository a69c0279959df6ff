//! Graph (usegraph): no documented webhook management API.

use serde_json::json;

use crate::spec::{Capabilities, Delivered, Envelope, Retries, Spec};

/// Everything whctl knows about Graph, as data.
pub static SPEC: Spec = Spec {
    name: "graph",
    default_base_url: "https://api.usegraph.com/v1",
    credentials: &[],
    capabilities: Capabilities::NO_API,
    routes: &[],
    catalog: include_str!("../catalog/data/graph.json"),
    signature: None,
    envelope: Envelope {
        event_field: "event_type",
        minimal: |e| json!({ "event_type": e.name, "entity": e.group, "data": {} }),
        fresh: &[],
    },
    delivered: Delivered::AnyTwoXx,
    register: Some("no documented webhook API: set webhooks up with Graph"),
    // No retry schedule or answer timeout is published (seed 004).
    retries: Retries::NONE,
    answer_within_secs: None,
};
