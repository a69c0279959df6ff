//! Prune through the binary: the account's two URLs, shown as subscriptions `event` and
//! `callback`, against a fake that follows Prune's published shapes.

use crate::common::{Home, json_out, stderr};
use crate::fakes::Fault;
use crate::fakes::prune::{FakePrune, KEY};

fn setup() -> (Home, FakePrune) {
    let fake = FakePrune::start();
    let home = Home::new();
    fake.add_profile(&home, "p");
    (home, fake)
}

fn ok(home: &Home, args: &[&str]) -> serde_json::Value {
    let out = home.cmd().args(args).args(["-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    json_out(&out)
}

fn patches(fake: &FakePrune) -> Vec<serde_json::Value> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "PATCH")
        .map(|r| r.json())
        .collect()
}

#[test]
fn list_shows_both_urls_set_or_not() {
    let (home, fake) = setup();
    let v = ok(&home, &["list"]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["event", "callback"]);
    for s in v.as_array().unwrap() {
        assert_eq!(s["status"], "disabled", "nothing set yet: {s}");
        assert_eq!(s["url"], "");
    }
    assert_eq!(v[0]["events"].as_array().unwrap().len(), 9);
    let get = fake.requests().pop().unwrap();
    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("GET", "/v1/accounts/webhooks")
    );
    assert_eq!(
        get.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );

    fake.set_urls("https://e.example/ev", "https://e.example/cb");
    let v = ok(&home, &["list"]);
    assert_eq!(v[0]["url"], "https://e.example/ev");
    assert_eq!(v[0]["status"], "enabled");
    assert_eq!(v[1]["url"], "https://e.example/cb");
    assert_eq!(v[1]["created_at"], "2026-01-05T10:00:00.000Z");
}

#[test]
fn each_url_is_read_set_and_cleared_without_touching_the_other() {
    let (home, fake) = setup();
    ok(&home, &["subscribe", "--url", "https://e.example/ev"]);
    assert_eq!(fake.urls(), ("https://e.example/ev".into(), String::new()));
    // The documented PATCH, both fields every time.
    assert_eq!(
        patches(&fake).last().unwrap(),
        &serde_json::json!({"eventURL": "https://e.example/ev", "callbackURL": ""})
    );

    let v = ok(
        &home,
        &["subscribe", "--callback", "--url", "https://e.example/cb"],
    );
    assert_eq!(v["id"], "callback");
    assert_eq!(
        fake.urls(),
        ("https://e.example/ev".into(), "https://e.example/cb".into()),
        "setting the callback URL keeps the event URL"
    );
    assert_eq!(
        ok(&home, &["get", "callback"])["url"],
        "https://e.example/cb"
    );
    assert_eq!(ok(&home, &["get", "event"])["url"], "https://e.example/ev");

    ok(
        &home,
        &[
            "update",
            "callback",
            "--url",
            "https://e.example/cb2",
            "--yes",
        ],
    );
    assert_eq!(
        fake.urls(),
        (
            "https://e.example/ev".into(),
            "https://e.example/cb2".into()
        )
    );
    ok(
        &home,
        &["update", "event", "--url", "https://e.example/ev2", "--yes"],
    );
    assert_eq!(
        fake.urls(),
        (
            "https://e.example/ev2".into(),
            "https://e.example/cb2".into()
        )
    );

    let out = home
        .cmd()
        .args(["delete", "event", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fake.urls(),
        (String::new(), "https://e.example/cb2".into()),
        "clearing the event URL keeps the callback URL"
    );
    let out = home
        .cmd()
        .args(["delete", "callback", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.urls(), (String::new(), String::new()));
    // Every change read both URLs first.
    let reqs = fake.requests();
    for (i, r) in reqs.iter().enumerate() {
        if r.method == "PATCH" {
            assert_eq!(
                reqs[i - 1].method,
                "GET",
                "a PATCH without a read before it"
            );
        }
    }
}

#[test]
fn replacing_a_set_url_needs_confirmation() {
    let (home, fake) = setup();
    fake.set_urls("https://live.example/ev", "");
    // stdin is not a terminal: without --yes nothing is sent.
    for args in [
        vec!["subscribe", "--url", "https://new.example/ev"],
        vec!["update", "event", "--url", "https://new.example/ev"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("https://live.example/ev"),
            "names the URL it would replace: {}",
            stderr(&out)
        );
    }
    assert!(patches(&fake).is_empty());
    assert_eq!(fake.urls().0, "https://live.example/ev");
    // The same URL again, or an unset one, asks nothing.
    ok(&home, &["subscribe", "--url", "https://live.example/ev"]);
    ok(
        &home,
        &["subscribe", "--callback", "--url", "https://new.example/cb"],
    );
    let out = home
        .cmd()
        .args(["subscribe", "--url", "https://new.example/ev", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fake.urls(),
        (
            "https://new.example/ev".into(),
            "https://new.example/cb".into()
        )
    );
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
    ok(
        &home,
        &[
            "subscribe",
            "--url",
            "https://example.com/p",
            "--events",
            "*",
        ],
    );
    for args in [
        vec!["update", "event", "--events", "BALANCE_UPDATE"],
        vec!["update", "event", "--add-events", "BALANCE_UPDATE"],
        vec!["update", "event", "--description", "d"],
        vec!["update", "callback", "--disable"],
        vec!["rotate-secret", "event"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(patches(&fake).len(), 1);
}

#[test]
fn only_event_and_callback_exist() {
    let (home, fake) = setup();
    for args in [
        vec!["get", "default"],
        vec!["delete", "other", "--yes"],
        vec!["update", "other", "--url", "https://e.com/x"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(4), "{args:?}");
        assert!(
            stderr(&out).contains("'event' and 'callback'"),
            "{}",
            stderr(&out)
        );
    }
    assert!(patches(&fake).is_empty());
}

#[test]
fn callback_is_refused_where_there_is_none() {
    let fake = crate::fakes::atelio::FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "a");
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--callback",
            "--url",
            "https://e.example/x",
            "--events",
            "card.*",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(fake.subs().is_empty());
}

#[test]
fn a_shapeless_answer_is_an_error_not_an_empty_account() {
    let (home, fake) = setup();
    for body in ["", "{}", r#"{"status": true, "message": "ok"}"#] {
        let mut f = Fault::new("GET", "/v1/accounts/webhooks", 200, 1);
        f.body = body.into();
        fake.fault_raw(f);
        let out = home.cmd().args(["list"]).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{body:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("unexpected answer"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn the_envelopes_message_is_shown() {
    let (home, fake) = setup();
    ok(&home, &["subscribe", "--url", "https://example.com/ok"]);
    let mut f = Fault::new("PATCH", "/v1/accounts/webhooks", 422, 1);
    f.body = "URL is not reachable".into();
    fake.fault(f);
    let out = home
        .cmd()
        .args(["update", "event", "--url", "https://example.com/x", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("URL is not reachable"),
        "{}",
        stderr(&out)
    );
    // 200 with status false.
    let out = home
        .cmd()
        .args(["subscribe", "--callback", "--url", "ftp://example.com/x"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "whctl refuses a non-http URL itself"
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
