//! `whctl providers`: the capability matrix.

use crate::common::{json_out, stdout, whctl};

#[test]
fn table_lists_every_provider_and_no_api_where_there_is_none() {
    // Wide enough for the whole matrix on one line per provider (see tables.rs for 80).
    let out = whctl()
        .env("COLUMNS", "250")
        .args(["providers", "-o", "table"])
        .output()
        .unwrap();
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
    assert_eq!(arr.len(), whctl::providers::all().len());
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

/// The README's provider table says what the binary's matrix says.
#[test]
fn readme_table_agrees_with_the_binary() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let out = whctl().args(["providers", "-o", "json"]).output().unwrap();
    let matrix = json_out(&out);
    let mut seen = 0;
    let mut readme_order: Vec<&str> = Vec::new();
    for line in readme.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let Some(p) = matrix
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["provider"] == cells[0])
        else {
            continue;
        };
        if cells.len() != 8 {
            continue;
        }
        seen += 1;
        readme_order.push(cells[0]);
        let fields = [
            "subscribe",
            "list",
            "update",
            "delete",
            "rotate_secret",
            "event_filtering",
        ];
        for (cell, field) in cells[1..7].iter().zip(fields) {
            let binary = &p[field];
            let readme_says = if cell.starts_with("no API") {
                "none"
            } else if cell.starts_with("no") {
                "no"
            } else {
                "yes"
            };
            let binary_says = if p["api"] == false {
                "none"
            } else if binary == false {
                "no"
            } else {
                "yes"
            };
            assert_eq!(
                readme_says, binary_says,
                "{} {field}: README '{cell}', binary {binary}",
                cells[0]
            );
        }
        let sig = &p["signature"];
        if sig.is_null() {
            assert_eq!(cells[7], "not documented", "{}", cells[0]);
        } else {
            assert!(
                cells[7].contains(sig["header"].as_str().unwrap()),
                "{}",
                cells[0]
            );
        }
    }
    let mut registered = whctl::providers::registry().names();
    registered.sort_unstable();
    readme_order.sort_unstable();
    assert_eq!(
        seen,
        registered.len(),
        "the README's table has a row per provider"
    );
    assert_eq!(readme_order, registered, "README rows vs the registry");
}

/// `whctl providers` shows every registered provider, in the registry's order, with what
/// its spec says.
#[test]
fn the_matrix_is_the_registry() {
    let out = whctl().args(["providers", "-o", "json"]).output().unwrap();
    let matrix = json_out(&out);
    let rows = matrix.as_array().unwrap();
    let kinds = whctl::providers::all();
    assert_eq!(rows.len(), kinds.len());
    for (row, kind) in rows.iter().zip(kinds) {
        let caps = kind.capabilities();
        assert_eq!(row["provider"], kind.name());
        assert_eq!(row["api"], caps.api, "{kind}");
        assert_eq!(row["event_filtering"], caps.event_filter, "{kind}");
        assert_eq!(
            row["subscribe"] != false,
            caps.subscribe.is_supported(),
            "{kind}"
        );
        assert_eq!(
            row["rotate_secret"] != false,
            caps.rotate.is_supported(),
            "{kind}"
        );
        match kind.spec().signature {
            Some(s) => assert_eq!(row["signature"]["header"], s.header(), "{kind}"),
            None => assert!(row["signature"].is_null(), "{kind}"),
        }
    }
    // The CLI's --provider values are the registry's names.
    let out = whctl()
        .args(["events", "list", "--provider", "nope"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&whctl::providers::registry().names().join(", ")),
        "{err}"
    );
}
