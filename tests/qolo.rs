//! Qolo through the binary: login and token cache, notifications, rotation in place.

use crate::common::{Home, json_out, stderr, stdout};
use crate::fakes::Fault;
use crate::fakes::qolo::{FakeQolo, KEY, LOGIN_ID, PROGRAM};

fn setup_with(extra: &[&str]) -> (Home, FakeQolo) {
    let fake = FakeQolo::start();
    let home = Home::new();
    fake.add_profile(&home, "q", extra);
    (home, fake)
}

fn setup() -> (Home, FakeQolo) {
    setup_with(&[])
}

fn token_cache(home: &Home) -> std::path::PathBuf {
    home.path().join(".cache/whctl/qolo-token-q.json")
}

fn subscribe(home: &Home, events: &[&str]) -> serde_json::Value {
    crate::common::subscribe_json(home, "https://example.com/qolo", events)
}

#[test]
fn subscribe_with_a_pattern_and_the_bare_class() {
    let (home, fake) = setup();
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/qolo",
            "--events",
            "bankeft.*",
            "card",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("5 s"),
        "mentions Qolo's ping: {}",
        stderr(&out)
    );
    let v = json_out(&out);
    let post = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path == "/api/v1/webhooks")
        .unwrap();
    assert!(
        post.header("IdempotencyKey").is_some_and(|k| k.len() >= 16),
        "the documented idempotency header: {:?}",
        post.headers
    );
    let body = post.json();
    let sent: Vec<&str> = body["event_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(sent.len(), 7, "{sent:?}");
    assert!(sent.contains(&"card") && sent.contains(&"bankeft.debit.returned"));
    assert_eq!(body["program_guid"], PROGRAM);
    // A locally generated secret: 32 random bytes or more, sent and shown once.
    let secret = body["secret"].as_str().unwrap();
    assert!(secret.len() >= 64, "{secret}");
    assert_eq!(v["secret"], secret);
    assert_eq!(v["provider"], "qolo");
    assert_eq!(fake.notes()[0].secret, secret);
    // Another subscribe gets another secret.
    let w = subscribe(&home, &["all"]);
    assert_ne!(w["secret"], v["secret"]);
    assert_eq!(fake.notes()[1].events, ["all"]);
}

#[test]
fn subscribe_with_a_secret_from_a_file_or_stdin() {
    let (home, fake) = setup();
    let f = home.path().join("s");
    std::fs::write(&f, "my-own-secret-value-0123456789\n").unwrap();
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/q",
            "--events",
            "card.created",
            "-o",
            "json",
            "--secret-file",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.notes()[0].secret, "my-own-secret-value-0123456789");
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/q",
            "--events",
            "card.created",
            "-o",
            "json",
            "--secret-file",
            "-",
        ])
        .write_stdin("from-stdin-secret-abcdefgh")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.notes()[1].secret, "from-stdin-secret-abcdefgh");
}

#[test]
fn list_get_update_delete() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["card"]);
    let id = v["id"].as_str().unwrap().to_string();
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    let l = json_out(&out);
    assert_eq!(l[0]["id"], id);
    assert!(l[0]["secret"].as_str().unwrap().contains('…'), "masked");
    let out = home
        .cmd()
        .args(["get", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_out(&out)["events"], serde_json::json!(["card"]));

    let out = home
        .cmd()
        .args([
            "update",
            &id,
            "--add-events",
            "auth.*",
            "--url",
            "https://example.com/q2",
            "--disable",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let n = &fake.notes()[0];
    assert_eq!(n.url, "https://example.com/q2");
    assert!(!n.active);
    assert!(
        n.events.contains(&"card".to_string()) && n.events.contains(&"auth.declined".to_string())
    );
    let put = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(put.json()["notification_guid"], id);
    assert_eq!(put.json()["program_guid"], PROGRAM);

    let out = home
        .cmd()
        .args(["update", &id, "--description", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "no description on Qolo");

    let out = home.cmd().args(["delete", &id, "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fake.notes().is_empty());
    let out = home.cmd().args(["delete", &id, "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let out = home.cmd().args(["get", "ntf-9999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn rotate_in_place_sends_a_new_secret_and_shows_it_once() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["card"]);
    let id = v["id"].as_str().unwrap().to_string();
    let old = fake.notes()[0].secret.clone();
    let out = home
        .cmd()
        .args(["rotate-secret", &id, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let new = json_out(&out)["secret"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    assert!(new.len() >= 64);
    assert_eq!(fake.notes()[0].secret, new, "the update carried it");
    assert_eq!(fake.notes()[0].guid, id, "same subscription");
    let put = fake
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(put.json()["secret"], new);
    assert_eq!(
        put.json()["event_type"],
        serde_json::json!(["card"]),
        "events kept"
    );
    // --secret-out keeps it out of stdout.
    let f = home.path().join("rotated");
    let out = home
        .cmd()
        .args(["rotate-secret", &id, "-o", "json", "--secret-out"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let written = std::fs::read_to_string(&f).unwrap().trim().to_string();
    assert_eq!(fake.notes()[0].secret, written);
    assert!(!stdout(&out).contains(&written));
}

#[test]
fn the_token_is_cached_0600_and_reused_across_runs() {
    let (home, fake) = setup();
    for _ in 0..3 {
        let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(fake.logins(), 1);
    let cache = token_cache(&home);
    let text = std::fs::read_to_string(&cache).unwrap();
    assert!(text.contains("qolo-token-1"));
    assert!(!text.contains(KEY), "the API key is not cached");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_token_near_its_end_is_refreshed_before_use() {
    let (home, fake) = setup();
    assert!(home.cmd().args(["list"]).output().unwrap().status.success());
    let cache = token_cache(&home);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cache).unwrap()).unwrap();
    let soon = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 60;
    v["expires_at"] = serde_json::json!(soon);
    std::fs::write(&cache, v.to_string()).unwrap();
    let before = fake.requests().len();
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.logins(), 2);
    let reqs = fake.requests();
    // The stale token was never sent: the run starts with a login.
    assert!(
        reqs[before].path.ends_with("/auth/login"),
        "{:?}",
        reqs[before].path
    );
    assert_eq!(reqs.len(), before + 2);
}

#[test]
fn an_absurd_token_lifetime_does_not_overflow_the_expiry() {
    let (home, fake) = setup();
    let mut f = Fault::new("POST", "/auth/login", 200, 1);
    f.body = format!(
        "{{\"token\":\"qolo-token-odd\",\"expires_in\":{}}}",
        u64::MAX
    );
    fake.fault(f);
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    // The odd token is refused (401), so whctl logs in once more and goes on.
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(fake.logins(), 1, "the real login, after the odd one");
}

#[test]
fn a_401_logs_in_once_more() {
    let (home, fake) = setup();
    assert!(home.cmd().args(["list"]).output().unwrap().status.success());
    fake.expire_tokens();
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.logins(), 2);
    // A login that keeps failing is exit 3, without looping.
    fake.expire_tokens();
    fake.fault(Fault::new("POST", "/auth/login", 401, usize::MAX));
    let out = home.cmd().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("login"));
}

#[test]
fn no_token_or_key_in_logs() {
    let (home, fake) = setup();
    subscribe(&home, &["card"]);
    let out = home
        .cmd()
        .args(["list", "-v", "-o", "json"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("GET ") && err.contains("[redacted]"), "{err}");
    for s in [KEY, "qolo-token-"] {
        assert!(!err.contains(s), "{s} in the log: {err}");
        assert!(!stdout(&out).contains(s));
    }
    let secret = fake.notes()[0].secret.clone();
    assert!(!stdout(&out).contains(&secret) && !err.contains(&secret));
}

#[test]
fn missing_qolo_fields_are_exit_3() {
    let home = Home::new();
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "qolo")
        .env("WHCTL_API_KEY", "k")
        .env("WHCTL_PROGRAM_GUID", "p")
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("login-id"), "{}", stderr(&out));
}

#[test]
fn environment_only_and_api_version() {
    let fake = FakeQolo::start();
    let home = Home::new();
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "qolo")
        .env("WHCTL_BASE_URL", &fake.base_url)
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_LOGIN_ID", LOGIN_ID)
        .env("WHCTL_PROGRAM_GUID", PROGRAM)
        .env("WHCTL_API_VERSION", "v2")
        .args([
            "subscribe",
            "--url",
            "https://e.com/x",
            "--events",
            "card.created",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fake.requests().iter().any(|r| r.path == "/api/v2/webhooks"));
}

#[test]
fn paths_can_be_overridden_per_profile() {
    let (home, fake) = setup_with(&[
        "--path",
        "delete=POST /api/{version}/webhooks/{notification_guid}/delete",
    ]);
    let v = subscribe(&home, &["card"]);
    let id = v["id"].as_str().unwrap();
    let out = home.cmd().args(["delete", id, "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.method == "POST" && r.path.ends_with("/delete"))
    );
    assert!(fake.notes().is_empty());
    let out = home
        .cmd()
        .args(["profile", "show", "q", "-o", "table"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("delete=POST"), "{}", stdout(&out));
}

#[test]
fn patterns_are_checked_against_qolos_catalog() {
    let (home, fake) = setup();
    let out = home
        .cmd()
        .args(["subscribe", "--url", "https://e.com/x", "--events", "kyc.*"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("atelio"),
        "hint that it is another provider's: {}",
        stderr(&out)
    );
    assert!(fake.requests().is_empty());
}

fn run_json(home: &Home, args: &[&str]) -> serde_json::Value {
    let out = home.cmd().args(args).args(["-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    json_out(&out)
}

#[test]
fn twenty_five_webhooks_are_all_listed_and_the_25th_is_managed() {
    let (home, fake) = setup();
    let guids = fake.seed(25);
    assert_eq!(guids.len(), 25);
    let list = run_json(&home, &["list"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, guids, "every page read, the other program's left out");
    // Pages of at most 10 (the fake's cap, whatever limit asks), start_index from 1.
    let pages: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/api/v1/webhooks?"))
        .map(|r| r.path)
        .collect();
    assert_eq!(
        pages,
        [
            "/api/v1/webhooks?limit=100&start_index=1",
            "/api/v1/webhooks?limit=100&start_index=11",
            "/api/v1/webhooks?limit=100&start_index=21",
        ]
    );

    let last = guids.last().unwrap().as_str();
    let got = run_json(&home, &["get", last, "--show-secret"]);
    assert_eq!(got["url"], "https://example.com/seed/25");
    assert_eq!(got["secret"], "seed-secret-25");
    let before = fake.requests().len();
    run_json(&home, &["update", last, "--add-events", "auth.approved"]);
    let reqs = &fake.requests()[before..];
    // get-one, then the PUT: no list.
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].path, format!("/api/v1/webhooks/{last}"));
    let put = reqs.iter().find(|r| r.method == "PUT").unwrap();
    assert_eq!(
        put.json(),
        serde_json::json!({
            "notification_guid": last,
            "program_guid": PROGRAM,
            "url": "https://example.com/seed/25",
            "headers": "X-Team: payments",
            "secret": "seed-secret-25",
            "active": true,
            "event_type": ["card", "auth.approved"],
        }),
        "the full object as read, with the change: nothing dropped or added"
    );
    let rotated = run_json(&home, &["rotate-secret", last]);
    let n = fake.notes().into_iter().find(|n| n.guid == last).unwrap();
    assert_eq!(rotated["secret"], n.secret.as_str());
    assert_ne!(n.secret, "seed-secret-25");
    assert_eq!(
        n.headers, "X-Team: payments",
        "headers kept through a rotation"
    );
    let out = home.cmd().args(["delete", last, "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!fake.notes().iter().any(|n| n.guid == last));
    let del = fake.requests().pop().unwrap();
    assert_eq!(
        (del.method.as_str(), del.path.as_str()),
        ("DELETE", format!("/api/v1/webhooks/{last}").as_str())
    );
}

#[test]
fn updates_answered_200_without_a_body_or_204_both_succeed() {
    let (home, fake) = setup();
    let id = subscribe(&home, &["card"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let v = run_json(&home, &["update", &id, "--url", "https://example.com/204"]);
    assert_eq!(v["url"], "https://example.com/204");
    fake.answer_updates_200();
    let v = run_json(&home, &["update", &id, "--url", "https://example.com/200"]);
    assert_eq!(v["url"], "https://example.com/200");
    assert_eq!(v["events"], serde_json::json!(["card"]));
    assert_eq!(fake.notes()[0].url, "https://example.com/200");
}

#[test]
fn problem_details_show_their_detail() {
    let (home, fake) = setup();
    let out = home.cmd().args(["get", "ntf-9999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("Webhook not found"),
        "{}",
        stderr(&out)
    );
    let id = subscribe(&home, &["card"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut f = Fault::new("PUT", "/api/v1/webhooks/", 400, 1);
    f.body = serde_json::json!({
        "type": "about:blank", "title": "Bad Request", "status": 400,
        "detail": "url must be https", "instance": null
    })
    .to_string();
    fake.fault(f);
    let out = home
        .cmd()
        .args(["update", &id, "--url", "https://example.com/x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("url must be https"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_ambiguous_create_leaves_exactly_one_webhook() {
    use crate::fakes::After;
    for after in [After::Status, After::Drop] {
        let (home, fake) = setup();
        fake.fault(Fault::after("POST", "/api/v1/webhooks", after, 1));
        let v = subscribe(&home, &["card"]);
        assert_eq!(fake.notes().len(), 1, "{after:?}");
        assert_eq!(v["id"], fake.notes()[0].guid.as_str());
        assert_eq!(v["secret"], fake.notes()[0].secret.as_str());
    }
    // The adoption check fails too: the create is sent again with the same IdempotencyKey,
    // and Qolo does not create twice.
    let (home, fake) = setup();
    fake.fault(Fault::after("POST", "/api/v1/webhooks", After::Drop, 1));
    fake.fault(Fault {
        skip: 1,
        ..Fault::new("GET", "/api/v1/webhooks", 400, 1)
    });
    let v = subscribe(&home, &["card"]);
    assert_eq!(fake.notes().len(), 1);
    assert_eq!(v["id"], fake.notes()[0].guid.as_str());
    let keys: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/api/v1/webhooks")
        .map(|r| r.header("IdempotencyKey").unwrap().to_string())
        .collect();
    assert_eq!(keys.len(), 2, "sent twice");
    assert_eq!(keys[0], keys[1], "with the same key");
    // A 2xx answer that cannot be read: created, found by listing, never sent again.
    let (home, fake) = setup();
    let mut f = Fault::after("POST", "/api/v1/webhooks", After::Status, 1);
    f.status = 201;
    f.body = String::new();
    fake.fault(f);
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/qolo",
            "--events",
            "card",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("adopting"), "{}", stderr(&out));
    assert_eq!(fake.notes().len(), 1);
    let posts = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/api/v1/webhooks")
        .count();
    assert_eq!(posts, 1);
}

#[test]
fn a_list_that_never_ends_is_an_error_not_a_hang() {
    use crate::fakes::qolo::Paging;
    for paging in [Paging::EmptyForever, Paging::SamePageForever] {
        let (home, fake) = setup();
        fake.seed(12);
        fake.set_paging(paging);
        let out = home.cmd().args(["list"]).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{paging:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("unexpected answer"),
            "{}",
            stderr(&out)
        );
        // A create never goes ahead on a list it could not read to its end.
        let out = crate::common::apply_one(&home, "q", "https://example.com/new", "card");
        assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
        assert!(
            !fake
                .requests()
                .iter()
                .any(|r| r.method == "POST" && r.path.contains("webhooks"))
        );
    }
}

#[test]
fn a_shapeless_list_answer_is_an_error_and_creates_nothing() {
    for body in ["", "{}", r#"{"has_more": false}"#, r#"{"data": []}"#] {
        let (home, fake) = setup();
        let mut f = Fault::new("GET", "/api/v1/webhooks", 200, usize::MAX);
        f.body = body.into();
        fake.fault(f);
        let out = home.cmd().args(["list"]).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{body:?}: {}", stderr(&out));
        let out = crate::common::apply_one(&home, "q", "https://example.com/new", "card");
        assert_eq!(out.status.code(), Some(7), "{body:?}: {}", stderr(&out));
        assert!(fake.notes().is_empty(), "{body:?}: nothing created");
    }
}
