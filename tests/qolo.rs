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
        .find(|r| r.method == "POST" && r.path.contains("notifications"))
        .unwrap();
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
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.path == "/api/v2/notifications")
    );
}

#[test]
fn paths_can_be_overridden_per_profile() {
    let (home, fake) = setup_with(&[
        "--path",
        "delete=POST /api/{version}/notifications/{notification_guid}/delete",
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
