//! Atelio's whole life cycle through the binary, against the stateful fake.

use std::io::Write;

use crate::common::{Home, json_out, stderr, stdout};
use crate::fakes::Fault;
use crate::fakes::atelio::{FakeAtelio, IDENTITY, KEY};

/// A HOME with an Atelio profile `t` (key entered on stdin) pointing at the fake.
fn setup() -> (Home, FakeAtelio) {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    (home, fake)
}

fn subscribe(home: &Home, events: &[&str]) -> serde_json::Value {
    crate::common::subscribe_json(home, "https://example.com/hooks", events)
}

#[test]
fn subscribe_sends_patterns_and_shows_the_servers_expansion() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["card.*", "kyc.verification.success"]);
    // The fake knows one card event whctl's catalog does not: the server's list is shown.
    let events: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(events.len(), 13, "{events:?}");
    assert!(events.contains(&"card.status.suspended"));
    assert_eq!(v["provider"], "atelio");
    assert_eq!(v["profile"], "t");
    assert_eq!(v["status"], "enabled");
    assert!(
        v["secret"]
            .as_str()
            .unwrap()
            .starts_with("whsec_SECRETSENTINEL"),
        "subscribe reveals the secret"
    );
    let reqs = fake.requests();
    let post = reqs.iter().find(|r| r.method == "POST").unwrap();
    assert_eq!(post.header("authorization"), Some(KEY));
    assert_eq!(post.header("identity"), Some(IDENTITY));
    assert_eq!(
        post.json()["events"],
        serde_json::json!(["card.*", "kyc.verification.success"])
    );
    assert_eq!(post.json()["status"], "STATUS_ENABLED");
    assert!(post.header("user-agent").unwrap().starts_with("whctl/"));
}

#[test]
fn suffix_and_star_patterns_are_expanded_locally() {
    let (home, fake) = setup();
    subscribe(&home, &["*.success"]);
    let post = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    let sent: Vec<String> = post.json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_string())
        .collect();
    assert!(sent.contains(&"kyc.verification.success".to_string()));
    assert!(sent.iter().all(|e| e.ends_with(".success")), "{sent:?}");
}

#[test]
fn a_typo_costs_no_request() {
    let (home, fake) = setup();
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/h",
            "--events",
            "crad.*",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("card.*"));
    assert!(fake.requests().is_empty(), "nothing was sent");
}

#[test]
fn bad_urls_are_usage_errors_and_plain_http_warns() {
    let (home, fake) = setup();
    for bad in ["example.com/hooks", "ftp://example.com/x", "not a url"] {
        let out = home
            .cmd()
            .args(["subscribe", "--url", bad, "--events", "card.*"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
    }
    assert!(fake.requests().is_empty());
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "http://example.com/h",
            "--events",
            "card.*",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("plain http"), "{}", stderr(&out));
}

#[test]
fn list_get_mask_secrets_unless_asked() {
    let (home, fake) = setup();
    let created = subscribe(&home, &["kyc.*"]);
    let id = created["id"].as_str().unwrap();
    let full = created["secret"].as_str().unwrap();

    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v.as_array().unwrap().len(), 1);
    let masked = v[0]["secret"].as_str().unwrap();
    assert!(
        masked.contains('…') && !stdout(&out).contains(full),
        "{masked}"
    );
    let mut keys: Vec<&str> = v[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "created_at",
            "description",
            "events",
            "id",
            "profile",
            "provider",
            "secret",
            "status",
            "updated_at",
            "url"
        ]
    );

    let out = home
        .cmd()
        .args(["list", "-o", "json", "--show-secret"])
        .output()
        .unwrap();
    assert_eq!(json_out(&out)[0]["secret"], full);

    let out = home.cmd().args(["get", id, "-o", "json"]).output().unwrap();
    let v = json_out(&out);
    assert_eq!(v["id"], id);
    assert!(!stdout(&out).contains(full));
    let out = home
        .cmd()
        .args(["get", id, "--show-secret", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_out(&out)["secret"], full);

    let out = home.cmd().args(["list", "-o", "table"]).output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains(id) && text.contains("kyc.*"),
        "events summarised: {text}"
    );
    assert!(!text.contains(full));
    // get through the list: one GET, no get-one endpoint.
    assert!(
        fake.requests()
            .iter()
            .all(|r| r.method != "GET" || r.path.ends_with("/webhooks"))
    );
}

#[test]
fn get_unknown_id_is_exit_4() {
    let (home, _fake) = setup();
    let out = home.cmd().args(["get", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("nope"));
}

#[test]
fn quiet_list_feeds_delete() {
    let (home, fake) = setup();
    subscribe(&home, &["kyc.*"]);
    subscribe(&home, &["kyb.*"]);
    let out = home.cmd().args(["list", "-q"]).output().unwrap();
    let ids: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(ids.len(), 2);
    let mut args = vec!["delete".to_string(), "--yes".to_string()];
    args.extend(ids);
    let out = home.cmd().args(&args).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fake.subs().is_empty());
}

#[test]
fn delete_needs_yes_without_a_terminal() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["kyc.*"]);
    let id = v["id"].as_str().unwrap();
    let out = home.cmd().args(["delete", id]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(fake.subs().len(), 1, "nothing deleted");
    assert!(fake.requests().iter().all(|r| r.method != "DELETE"));
}

#[test]
fn delete_unknown_id_is_exit_4_and_others_still_go() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["kyc.*"]);
    let id = v["id"].as_str().unwrap();
    let out = home
        .cmd()
        .args(["delete", "--yes", "missing-id", id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let r = json_out(&out);
    assert_eq!(r[0]["deleted"], false);
    assert_eq!(r[1]["deleted"], true);
    assert!(fake.subs().is_empty());
}

#[test]
fn update_replace_add_remove_url_description_status() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["kyc.verification.success"]);
    let id = v["id"].as_str().unwrap().to_string();

    let out = home
        .cmd()
        .args([
            "update",
            &id,
            "--add-events",
            "card.created",
            "kyb.*",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let evs = json_out(&out)["events"].clone();
    let evs: Vec<&str> = evs
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(evs.contains(&"kyc.verification.success") && evs.contains(&"card.created"));
    assert!(evs.contains(&"kyb.verification.approved"));

    let out = home
        .cmd()
        .args(["update", &id, "--remove-events", "kyb.*", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fake.subs()[0].events,
        ["kyc.verification.success", "card.created"]
    );

    // Removing what is not there changes nothing and sends nothing.
    let before = fake.requests().len();
    let out = home
        .cmd()
        .args(["update", &id, "--remove-events", "portal.*"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fake.requests().len(), before + 1, "only the read");
    assert!(fake.requests().last().unwrap().method == "GET");

    let out = home
        .cmd()
        .args([
            "update",
            &id,
            "--events",
            "transactions",
            "--url",
            "https://example.org/new",
            "--description",
            "d2",
            "--disable",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v["events"], serde_json::json!(["transactions"]));
    assert_eq!(v["url"], "https://example.org/new");
    assert_eq!(v["description"], "d2");
    assert_eq!(v["status"], "disabled");
    let patch = fake
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "PATCH")
        .unwrap();
    assert_eq!(patch.json()["status"], "STATUS_DISABLED");

    let out = home
        .cmd()
        .args(["update", &id, "--enable", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_out(&out)["status"], "enabled");

    let out = home.cmd().args(["update", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "no change is a usage error");
    let out = home
        .cmd()
        .args(["update", "missing", "--description", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn dry_run_sends_nothing() {
    let (home, fake) = setup();
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/h",
            "--events",
            "card.*",
            "--dry-run",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["requests"][0]["method"], "POST");
    assert_eq!(
        v["requests"][0]["body"]["events"],
        serde_json::json!(["card.*"])
    );
    assert_eq!(v["requests"][0]["headers"]["Authorization"], "[redacted]");
    assert!(!stdout(&out).contains(KEY));
    assert!(fake.requests().is_empty());

    let sub = fake.seed("https://example.com/s", &["kyc.verification.success"]);
    for args in [
        vec!["delete", sub.id.as_str(), "--dry-run"],
        vec![
            "update",
            sub.id.as_str(),
            "--url",
            "https://x.example/h",
            "--dry-run",
        ],
        vec!["rotate-secret", sub.id.as_str(), "--dry-run"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert!(
        fake.requests().iter().all(|r| r.method == "GET"),
        "only reads"
    );
    assert_eq!(fake.subs().len(), 1);
    assert_eq!(fake.subs()[0].url, "https://example.com/s");
}

#[test]
fn rotate_replaces_and_writes_the_secret_to_a_0600_file() {
    let (home, fake) = setup();
    let old = fake.seed(
        "https://example.com/r",
        &["card.created", "kyc.verification.success"],
    );
    let secret_file = home.path().join("new-secret");
    let out = home
        .cmd()
        .args(["rotate-secret", &old.id, "--secret-out"])
        .arg(&secret_file)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    let subs = fake.subs();
    assert_eq!(subs.len(), 1);
    let new = &subs[0];
    assert_ne!(new.id, old.id);
    assert_eq!(new.url, old.url);
    assert_eq!(new.events, old.events);
    assert_eq!(v["id"], new.id);
    let written = std::fs::read_to_string(&secret_file).unwrap();
    assert_eq!(written.trim(), new.secret);
    assert!(
        !stdout(&out).contains(&new.secret),
        "secret kept out of the log"
    );
    assert!(!stderr(&out).contains(&new.secret));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret_file)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn rotate_never_leaves_the_url_without_a_live_subscription() {
    let (home, fake) = setup();
    let old = fake.seed("https://example.com/r", &["card.created"]);
    fake.fault(Fault::new("DELETE", "/webhooks/", 500, usize::MAX));
    let out = home
        .cmd()
        .args(["rotate-secret", &old.id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let subs = fake.subs();
    assert_eq!(subs.len(), 2, "old kept, new live");
    let new = subs.iter().find(|s| s.id != old.id).unwrap();
    // The new secret still reaches the user, and the message says what to do.
    assert_eq!(json_out(&out)["secret"], new.secret);
    let err = stderr(&out);
    assert!(
        err.contains(&old.id) && err.contains(&new.id) && err.contains("whctl delete"),
        "{err}"
    );

    // A failed create leaves the old one untouched.
    let (home, fake) = setup();
    let old = fake.seed("https://example.com/r", &["card.created"]);
    fake.fault(Fault::new("POST", "/webhooks", 400, 1));
    let out = home
        .cmd()
        .args(["rotate-secret", &old.id])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    assert_eq!(fake.subs().len(), 1);
    assert_eq!(fake.subs()[0].id, old.id);
}

#[test]
fn retries_503_503_then_200() {
    let (home, fake) = setup();
    fake.seed("https://example.com/a", &["card.created"]);
    fake.fault(Fault::new("GET", "/webhooks", 503, 2));
    let out = home
        .cmd()
        .args(["list", "-o", "json", "-v"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_out(&out).as_array().unwrap().len(), 1);
    assert_eq!(fake.requests().len(), 3);
    assert!(stderr(&out).contains("503"));
}

#[test]
fn retry_after_is_honoured() {
    let (home, fake) = setup();
    let mut f = Fault::new("GET", "/webhooks", 429, 1);
    f.retry_after = Some(1);
    fake.fault(f);
    let started = std::time::Instant::now();
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "waited for Retry-After"
    );
}

#[test]
fn a_provider_that_stays_down_is_exit_7_and_a_post_is_not_retried_on_5xx() {
    let (home, fake) = setup();
    fake.fault(Fault::new("GET", "/webhooks", 503, usize::MAX));
    let out = home.cmd().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(stderr(&out).contains("503"), "{}", stderr(&out));
    let gets = fake.requests().len();
    assert_eq!(gets, 4, "bounded retries");

    fake.fault(Fault::new("POST", "/webhooks", 502, usize::MAX));
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/h",
            "--events",
            "kyc.*",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(
        fake.requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count(),
        1
    );
}

#[test]
fn nothing_listening_is_exit_7() {
    let home = Home::new();
    let (_refusing, port) = crate::common::refused_port();
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "atelio")
        .env(
            "WHCTL_BASE_URL",
            format!("http://127.0.0.1:{port}/api/v0.1"),
        )
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_IDENTITY", IDENTITY)
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(
        stderr(&out).contains("could not connect"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exit_codes_for_401_404_400() {
    let (home, fake) = setup();
    // 401: a wrong key, from the environment, beats the profile's.
    let out = home
        .cmd()
        .env("WHCTL_API_KEY", "wrong-key")
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("Invalid Authorization"),
        "provider's message: {}",
        stderr(&out)
    );
    // 400 from the provider: exit 6 with its message.
    fake.fault(Fault::new("POST", "/webhooks", 400, 1));
    let out = home
        .cmd()
        .args([
            "subscribe",
            "--url",
            "https://example.com/h",
            "--events",
            "kyc.*",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).contains("injected failure 400"));
    // 404 from a delete.
    let out = home
        .cmd()
        .args(["delete", "--yes", "gone"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn environment_only_with_no_config_file() {
    let fake = FakeAtelio::start();
    fake.seed("https://example.com/env", &["card.created"]);
    let home = Home::new();
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "atelio")
        .env("WHCTL_BASE_URL", &fake.base_url)
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_IDENTITY", IDENTITY)
        .args(["list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_out(&out)[0]["url"], "https://example.com/env");
    assert!(!home.config_path().exists(), "no config written");
}

#[test]
fn no_profile_and_missing_credentials_are_exit_3() {
    let home = Home::new();
    let out = home.cmd().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("profile add"));
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "atelio")
        .env("WHCTL_API_KEY", "k")
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("identity"), "{}", stderr(&out));
}

#[test]
fn secrets_and_keys_never_reach_logs_or_errors() {
    let (home, fake) = setup();
    let v = subscribe(&home, &["kyc.*"]);
    let id = v["id"].as_str().unwrap().to_string();
    let secret = fake.subs()[0].secret.clone();
    fake.fault(Fault::new("GET", "/webhooks", 500, 1));
    fake.fault(Fault::new("PATCH", "/webhooks/", 400, 1));
    let runs: Vec<Vec<&str>> = vec![
        vec!["list", "-v"],
        vec!["list", "-v", "-o", "table"],
        vec!["get", &id, "-v"],
        vec!["update", &id, "--description", "x", "-v"],
        vec!["update", &id, "--description", "y", "-v"],
        vec!["profile", "show", "t", "-v"],
        vec!["profile", "list", "-v"],
        vec![
            "subscribe",
            "--url",
            "https://e.com/x",
            "--events",
            "kyc.*",
            "--dry-run",
            "-v",
        ],
        vec!["delete", "nope", "--yes", "-v"],
    ];
    for args in runs {
        let out = home.cmd().args(&args).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains(KEY), "{args:?} leaked the API key:\n{all}");
        // The identity names the account (like a login id): `profile show` displays it, but
        // it travels beside the key, so request logs redact it.
        if args[0] != "profile" {
            assert!(
                !all.contains(IDENTITY),
                "{args:?} leaked the identity:\n{all}"
            );
        }
        assert!(!all.contains(&secret), "{args:?} leaked the secret:\n{all}");
    }
    // -v does log something useful.
    let out = home.cmd().args(["list", "-v"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("GET http://127.0.0.1") && err.contains("< 200") && err.contains("[redacted]"),
        "{err}"
    );
    // A wrong key in an error answer is not echoed either.
    let out = home
        .cmd()
        .env("WHCTL_API_KEY", "wrong-SENTINEL-key")
        .args(["list", "-v"])
        .output()
        .unwrap();
    assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains("wrong-SENTINEL-key"));
}

#[test]
fn profile_commands_and_the_config_file() {
    let (home, fake) = setup();
    let path = home.config_path();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("default_profile = \"t\""), "{text}");

    // show: redacted, with sources.
    let out = home
        .cmd()
        .env("WHCTL_IDENTITY", "from-env")
        .args(["profile", "show", "t", "-o", "json"])
        .output()
        .unwrap();
    let v = json_out(&out);
    assert_eq!(v["api_key"]["source"], "file");
    assert_ne!(v["api_key"]["value"], KEY);
    assert_eq!(v["identity"]["value"], "from-env");
    assert_eq!(v["identity"]["source"], "env WHCTL_IDENTITY");
    assert_eq!(v["base_url"]["value"], fake.base_url);

    // A second profile reading its key from a named variable.
    let out = home
        .cmd()
        .args([
            "profile",
            "add",
            "second",
            "--provider",
            "atelio",
            "--identity",
            IDENTITY,
            "--base-url",
            &fake.base_url,
            "--api-key-env",
            "MY_ATELIO_KEY",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains(KEY.replace("atelio-key", "x").as_str())
    );
    let out = home
        .cmd()
        .env("MY_ATELIO_KEY", KEY)
        .args(["-p", "second", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home.cmd().args(["-p", "second", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("MY_ATELIO_KEY"));

    // add again without --force: refused, file unchanged.
    let before = std::fs::read_to_string(&path).unwrap();
    let out = home
        .cmd()
        .args(["profile", "add", "second", "--provider", "qolo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);

    let out = home
        .cmd()
        .args(["profile", "list", "-o", "json"])
        .output()
        .unwrap();
    let v = json_out(&out);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["name"], "second");
    assert_eq!(v[0]["api_key"], "env $MY_ATELIO_KEY");
    assert_eq!(v[1]["default"], true);

    assert!(
        home.cmd()
            .args(["profile", "use", "second"])
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("default_profile = \"second\"")
    );
    assert_eq!(
        home.cmd()
            .args(["profile", "use", "nope"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(3)
    );
    assert!(
        home.cmd()
            .args(["profile", "remove", "second"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("second") && !text.contains("default_profile"),
        "{text}"
    );
}

#[test]
fn a_key_is_never_a_flag_value() {
    let out = crate::common::whctl()
        .args([
            "profile",
            "add",
            "x",
            "--provider",
            "atelio",
            "--api-key",
            "k",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_broken_config_file_is_named_and_never_overwritten() {
    let home = Home::new();
    let path = home.config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "default_profile = \"a\"\n[profiles.a\nprovider = \"atelio\"\n";
    std::fs::write(&path, broken).unwrap();
    let out = home.cmd().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    let out = home
        .cmd()
        .args(["profile", "add", "b", "--provider", "graph"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_config_readable_by_others_gets_a_warning() {
    let (home, _fake) = setup();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(home.config_path(), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        let out = home.cmd().args(["profile", "list"]).output().unwrap();
        assert!(stderr(&out).contains("chmod 600"), "{}", stderr(&out));
    }
}

#[test]
fn config_flag_and_env_choose_the_file() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    let cfg = home.path().join("elsewhere.toml");
    let mut f = std::fs::File::create(&cfg).unwrap();
    writeln!(
        f,
        "default_profile = \"x\"\n[profiles.x]\nprovider = \"atelio\"\nbase_url = \"{}\"\nidentity = \"{IDENTITY}\"\napi_key = \"{KEY}\"",
        fake.base_url
    )
    .unwrap();
    let out = home
        .cmd()
        .arg("--config")
        .arg(&cfg)
        .args(["list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home
        .cmd()
        .env("WHCTL_CONFIG", &cfg)
        .args(["list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn atelios_own_example_spelling_is_accepted() {
    let (home, fake) = setup();
    // Atelio's subscribe example uses the singular; its event table the plural.
    let v = subscribe(
        &home,
        &["account.statement.ready", "account.statements.ready"],
    );
    assert_eq!(
        v["events"],
        serde_json::json!(["account.statement.ready", "account.statements.ready"])
    );
    let post = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    assert_eq!(
        post.json()["events"],
        serde_json::json!(["account.statement.ready", "account.statements.ready"])
    );
    // Patterns over it: local expansion (`*.ready`) and the catalog listing.
    let out = home
        .cmd()
        .args([
            "events",
            "list",
            "--provider",
            "atelio",
            "-o",
            "json",
            "*.ready",
        ])
        .output()
        .unwrap();
    let names: Vec<String> = json_out(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"account.statement.ready".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"account.statements.ready".to_string()),
        "{names:?}"
    );
}

#[test]
fn an_empty_list_answer_is_not_an_empty_list() {
    for (status, body) in [(204, ""), (200, "{}"), (200, "")] {
        let (home, fake) = setup();
        let mut f = Fault::new("GET", "/webhooks", status, usize::MAX);
        f.body = body.into();
        fake.fault(f);
        let out = home.cmd().args(["list"]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(7),
            "{status} {body:?}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("unexpected answer"),
            "{}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "no false []");
        let out = crate::common::apply_one(&home, "t", "https://example.com/h", "card.*");
        assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
        assert!(
            fake.subs().is_empty(),
            "nothing created on a shapeless list"
        );
    }
}

#[test]
fn ids_that_would_change_the_path_are_usage_errors_before_any_request() {
    let (home, fake) = setup();
    let long = "x".repeat(1025);
    for id in [
        "",
        " ",
        ".",
        "..",
        "x/../../other",
        "a\u{1b}[31m",
        long.as_str(),
    ] {
        for args in [
            vec!["get", id],
            vec!["update", id, "--url", "https://example.com/x"],
            vec!["delete", "--yes", id],
            vec!["rotate-secret", id],
        ] {
            let out = home.cmd().args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        }
    }
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
    // 1 KiB is still an id (the provider says whether it exists).
    let out = home
        .cmd()
        .args(["get", &"x".repeat(1024)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
}
