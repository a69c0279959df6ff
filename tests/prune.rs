//! Prune through the binary: one URL per account, shown as subscription `default`.

use crate::common::{Home, json_out, stderr};
use crate::fakes::Fault;
use crate::fakes::prune::{FakePrune, KEY};

fn setup() -> (Home, FakePrune) {
    let fake = FakePrune::start();
    let home = Home::new();
    fake.add_profile(&home, "p");
    (home, fake)
}

#[test]
fn read_and_set_the_accounts_url() {
    let (home, fake) = setup();
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v[0]["id"], "default");
    assert_eq!(v[0]["status"], "disabled", "no URL set yet");
    assert_eq!(v[0]["events"].as_array().unwrap().len(), 9);

    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/prune",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.url(), "https://example.com/prune");
    let put = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(
        put.json(),
        serde_json::json!({"url": "https://example.com/prune"})
    );
    assert_eq!(
        put.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );

    let out = home
        .cmd()
        .args(["get", "default", "-o", "json"])
        .output()
        .unwrap();
    let v = json_out(&out);
    assert_eq!(v["url"], "https://example.com/prune");
    assert_eq!(v["status"], "enabled");

    let out = home
        .cmd()
        .args([
            "update",
            "default",
            "--url",
            "https://example.com/p2",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.url(), "https://example.com/p2");

    let out = home
        .cmd()
        .args(["delete", "default", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.url(), "", "cleared");
}

#[test]
fn event_filters_are_refused_with_exit_5_and_nothing_sent() {
    let (home, fake) = setup();
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/p",
            "--events",
            "ACCOUNT_CREATED",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(stderr(&out).contains("every event"), "{}", stderr(&out));
    assert!(fake.requests().is_empty());
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/p",
            "--events",
            "*",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "'*' is every event: {}", stderr(&out));
    for args in [
        vec!["update", "default", "--events", "BALANCE_UPDATE"],
        vec!["update", "default", "--add-events", "BALANCE_UPDATE"],
        vec!["update", "default", "--description", "d"],
        vec!["update", "default", "--disable"],
        vec!["rotate-secret", "default"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(
        fake.requests().iter().filter(|r| r.method == "PUT").count(),
        1
    );
}

#[test]
fn only_the_default_id_exists() {
    let (home, _fake) = setup();
    for args in [
        vec!["get", "other"],
        vec!["delete", "other", "--yes"],
        vec!["update", "other", "--url", "https://e.com/x"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(4), "{args:?}");
    }
}

#[test]
fn the_envelopes_message_is_shown() {
    let (home, fake) = setup();
    // 200 with status false.
    let out = home
        .cmd()
        .args(["subscribe", "--url", "https://example.com/ok"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut f = Fault::new("PUT", "/v1/webhooks", 422, 1);
    f.body = "URL is not reachable".into();
    fake.fault(f);
    let out = home
        .cmd()
        .args(["update", "default", "--url", "https://example.com/x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("URL is not reachable"),
        "{}",
        stderr(&out)
    );
    let out = home
        .cmd()
        .env("WHCTL_API_KEY", "bad")
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("invalid API key"), "{}", stderr(&out));
}
