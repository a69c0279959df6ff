//! `whctl events list|show` through the binary.

use crate::common::{json_out, stderr, stdout, whctl};

fn names(provider: &str, patterns: &[&str]) -> Vec<String> {
    let mut args = vec!["events", "list", "-o", "json", "--provider", provider];
    args.extend(patterns);
    let out = whctl().args(&args).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    json_out(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn atelio_card_star_table_has_the_eleven_card_events() {
    let out = whctl()
        .args([
            "events",
            "list",
            "--provider",
            "atelio",
            "card.*",
            "-o",
            "table",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains(" card.")).collect();
    assert_eq!(rows.len(), 11, "{text}");
    for e in [
        "card.created",
        "card.status.active",
        "card.status.closed",
        "card.status.fraud",
        "card.status.inactive",
        "card.status.lost",
        "card.status.no_withdrawals",
        "card.status.reissue",
        "card.status.stolen",
        "card.wallet.add",
        "card.wallet.add_failure",
    ] {
        assert!(text.contains(e), "{e} missing:\n{text}");
    }
    assert!(text.contains("PROVIDER") && text.contains("DESCRIPTION"));
    assert!(!text.contains("kyc."));
}

#[test]
fn json_has_the_contract_fields() {
    let out = whctl()
        .args([
            "events",
            "list",
            "--provider",
            "atelio",
            "card.*",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json_out(&out);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 11);
    for e in arr {
        let obj = e.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["description", "group", "name", "provider"]);
        assert_eq!(e["provider"], "atelio");
        assert_eq!(e["group"], "card");
        assert!(!e["description"].as_str().unwrap().is_empty());
    }
}

#[test]
fn json_is_the_default_when_piped() {
    let out = whctl()
        .args(["events", "list", "--provider", "graph"])
        .output()
        .unwrap();
    assert_eq!(json_out(&out).as_array().unwrap().len(), 4);
}

#[test]
fn whctl_output_env_selects_the_format() {
    let out = whctl()
        .env("WHCTL_OUTPUT", "table")
        .args(["events", "list", "--provider", "graph"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("EVENT"), "{}", stdout(&out));
}

#[test]
fn qolo_star_created() {
    let mut got = names("qolo", &["*.created"]);
    got.sort();
    assert_eq!(
        got,
        [
            "account.created",
            "account.instrument.created",
            "card.created",
            "company.created",
            "outside.instrument.created",
            "person.created",
            "wallet.created"
        ]
    );
}

#[test]
fn qolo_bare_class_card_is_every_card_event() {
    let card = names("qolo", &["card"]);
    assert_eq!(card, names("qolo", &["card.*"]));
    assert!(card.contains(&"card.pin.changed".to_string()));
    assert!(card.iter().all(|e| e.starts_with("card.")));
}

#[test]
fn sturdy_card_auth() {
    assert_eq!(
        names("sturdy", &["card.auth.*"]),
        [
            "card.auth.approved",
            "card.auth.settled",
            "card.auth.declined",
            "card.auth.reversal"
        ]
    );
}

#[test]
fn prune_star_is_all_nine_with_codes() {
    let out = whctl()
        .args(["events", "list", "--provider", "prune", "*", "-o", "json"])
        .output()
        .unwrap();
    let v = json_out(&out);
    let mut pairs: Vec<(String, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["code"].as_u64().unwrap(),
            )
        })
        .collect();
    pairs.sort_by_key(|p| p.1);
    let expected = [
        ("ACCOUNT_CREATED", 1143),
        ("ACCOUNT_REQUEST_APPROVED", 2196),
        ("ACCOUNT_REQUEST_REJECTED", 2198),
        ("BALANCE_UPDATE", 3019),
        ("DEPOSIT_BALANCE_UPDATE", 3020),
        ("TRANSACTION_CONFIRMED", 3021),
        ("TRANSACTION_REJECTED", 3022),
        ("ACCOUNT_CREDITED", 3023),
        ("ACCOUNT_DEBITED", 3024),
    ];
    assert_eq!(pairs.len(), 9);
    for ((n, c), (en, ec)) in pairs.iter().zip(expected) {
        assert_eq!((n.as_str(), *c), (en, ec));
    }
}

#[test]
fn graph_card_star() {
    assert_eq!(
        names("graph", &["card.*"]),
        ["card.created", "card.frozen", "card.closed"]
    );
}

#[test]
fn typo_exits_2_and_suggests_card_star() {
    let out = whctl()
        .args(["events", "list", "--provider", "atelio", "crad.*"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let err = stderr(&out);
    assert!(err.contains("card.*"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn without_provider_every_provider_is_covered() {
    let out = whctl()
        .args(["events", "list", "-o", "json"])
        .output()
        .unwrap();
    let v = json_out(&out);
    let arr = v.as_array().unwrap();
    for p in whctl::providers::registry().names() {
        assert!(arr.iter().any(|e| e["provider"] == p), "{p} missing");
    }
    let out = whctl()
        .args(["events", "list", "-o", "json", "card.created"])
        .output()
        .unwrap();
    let providers: Vec<String> = json_out(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["provider"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(providers, ["atelio", "qolo", "sturdy", "graph"]);
}

#[test]
fn without_provider_a_pattern_matching_nowhere_is_exit_2() {
    let out = whctl()
        .args(["events", "list", "nothing.*"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("matches no event"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn comma_separated_patterns_and_bad_patterns() {
    assert_eq!(
        names("graph", &["account.*,card.frozen"]),
        ["account.created", "card.frozen"]
    );
    for bad in ["**", "", "card .*"] {
        let out = whctl()
            .args(["events", "list", "--provider", "atelio", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn quiet_prints_names_only() {
    let out = whctl()
        .args(["events", "list", "--provider", "graph", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "account.created\ncard.created\ncard.frozen\ncard.closed\n"
    );
}

#[test]
fn show_prints_description_and_sample() {
    let out = whctl()
        .args([
            "events",
            "show",
            "transactions",
            "--provider",
            "atelio",
            "-o",
            "table",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("transactions") && text.contains("Sample payload"),
        "{text}"
    );
    assert!(
        text.contains("\"occurred_at\": \"2022-07-27T21:56:53.150700+00:00\""),
        "{text}"
    );

    let out = whctl()
        .args(["events", "show", "card.frozen", "-o", "json"])
        .output()
        .unwrap();
    let v = json_out(&out);
    assert_eq!(v["provider"], "graph");
    assert_eq!(v["sample"]["entity"], "card");
}

#[test]
fn show_ambiguous_or_unknown_event_is_exit_2() {
    let out = whctl()
        .args(["events", "show", "card.created"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--provider"));
    let out = whctl()
        .args(["events", "show", "card.nope", "--provider", "atelio"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn show_prune_by_code() {
    let out = whctl()
        .args([
            "events",
            "show",
            "3021",
            "--provider",
            "prune",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let v = json_out(&out);
    assert_eq!(v["name"], "TRANSACTION_CONFIRMED");
    assert_eq!(v["sample"]["code"], 3021);
}

#[test]
fn broken_pipe_is_success() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = crate::common::spawnable(&std::env::temp_dir())
        .args(["events", "list", "-o", "table"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe before whctl has written everything.
    let mut stdout = child.stdout.take().unwrap();
    let mut b = [0u8; 1];
    stdout.read_exact(&mut b).unwrap();
    drop(stdout);
    let status = crate::common::wait_with_deadline(&mut child, crate::common::PROCESS_DEADLINE);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}
