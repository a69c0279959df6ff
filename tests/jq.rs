//! `--jq EXPR` (as `gh --jq`): implies JSON, each result on its own line, strings raw; an
//! invalid expression is exit 2 before anything is sent; a new secret is never filtered away.

use crate::common::{Home, stderr, stdout, whctl};
use crate::fakes::atelio::FakeAtelio;

#[test]
fn strings_are_printed_raw_one_per_line() {
    let out = whctl()
        .args(["events", "list", "--provider", "atelio", "card.*"])
        .args(["--jq", ".[].name"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(names.len(), 11, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("card.") && !n.contains('"'))
    );
}

#[test]
fn other_values_are_json_one_line_each_when_piped() {
    let out = whctl()
        .args(["providers", "--jq", ".[] | {provider, api}"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0],
        serde_json::json!({"provider": "atelio", "api": true})
    );
}

#[test]
fn jq_implies_json_over_table() {
    let out = whctl()
        .args(["events", "show", "card.created", "--provider", "atelio"])
        .args(["-o", "table", "--jq", ".name"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "card.created\n");
}

#[test]
fn sign_with_jq_gives_the_header_value_alone() {
    let home = Home::new();
    let secret = home.path().join("whsec.txt");
    std::fs::write(&secret, "s3cret").unwrap();
    let body = home.path().join("body.json");
    std::fs::write(&body, "{}").unwrap();
    let out = home
        .cmd()
        .args(["sign", "--provider", "qolo", "--secret-file"])
        .arg(&secret)
        .arg("--payload")
        .arg(&body)
        .args(["--jq", ".headers[\"x-qolo-signature\"]"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sig = stdout(&out);
    assert_eq!(sig.trim_end().len(), 64, "{sig}");
    assert!(sig.trim_end().chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn invalid_expression_is_a_usage_error_before_any_request() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    let before = fake.requests().len();
    for bad in [".[", "nosuch_function", "if . then 1"] {
        let out = home.cmd().args(["list", "--jq", bad]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("invalid --jq expression"),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
    }
    assert_eq!(fake.requests().len(), before, "a request was sent");
}

#[test]
fn list_and_get_are_filtered() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    let a = fake.seed("https://example.com/a", &["card.created"]);
    let b = fake.seed("https://example.com/b", &["kyc.verification.success"]);
    let out = home
        .cmd()
        .args([
            "list",
            "--jq",
            ".[] | select(.url | endswith(\"/b\")) | .id",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}\n", b.id));
    let out = home
        .cmd()
        .args(["get", &a.id, "--jq", ".events | length"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "1\n");
}

#[test]
fn a_filter_that_fails_on_the_output_is_a_usage_error() {
    let out = whctl()
        .args(["providers", "--jq", ".provider"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).starts_with("error: --jq: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn jq_and_quiet_do_not_mix() {
    let out = whctl()
        .args(["providers", "-q", "--jq", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_new_secret_is_not_filtered_away() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    let sub = |extra: &[&str]| {
        home.cmd()
            .args([
                "subscribe",
                "--url",
                "https://example.com/h",
                "--events",
                "card.*",
            ])
            .args(["--jq", ".id"])
            .args(extra)
            .output()
            .unwrap()
    };
    // Without --secret-out the filter could drop the secret: refused before anything is sent.
    let out = sub(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--secret-out"), "{}", stderr(&out));
    assert!(fake.subs().is_empty(), "a subscription was created");
    // With it, the secret is in the file and the filter prints the id.
    let file = home.path().join("whsec.txt");
    let out = sub(&["--secret-out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let subs = fake.subs();
    assert_eq!(subs.len(), 1);
    assert_eq!(stdout(&out), format!("{}\n", subs[0].id));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("whsec_")
    );
}
