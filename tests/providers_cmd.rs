//! `whctl providers`: the capability matrix.

use crate::common::{json_out, stdout, whctl};

#[test]
fn table_lists_every_provider_and_no_api_where_there_is_none() {
    let out = whctl().args(["providers", "-o", "table"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    for p in ["atelio", "qolo", "sturdy", "prune", "graph"] {
        assert!(text.contains(p), "{p} missing:\n{text}");
    }
    let sturdy = text.lines().find(|l| l.contains("sturdy")).unwrap();
    assert!(sturdy.contains("no API"), "{sturdy}");
    assert!(text.contains("Bond-Signature"));
}

#[test]
fn json_matrix() {
    let out = whctl().args(["providers", "-o", "json"]).output().unwrap();
    let v = json_out(&out);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 5);
    let atelio = &arr[0];
    assert_eq!(atelio["provider"], "atelio");
    assert_eq!(atelio["subscribe"], true);
    assert_eq!(atelio["event_filtering"], true);
    let prune = arr.iter().find(|p| p["provider"] == "prune").unwrap();
    assert_eq!(prune["rotate_secret"], false);
    assert_eq!(prune["event_filtering"], false);
    let graph = arr.iter().find(|p| p["provider"] == "graph").unwrap();
    assert_eq!(graph["api"], false);
    assert_eq!(graph["subscribe"], false);
}
