//! One sweep over every command, success and failure paths, with `-v`, using sentinel API keys
//! and secrets: a sentinel may appear only where the command exists to reveal it.

use crate::common::{Home, stderr, stdout};
use crate::fakes::Fault;
use crate::fakes::{atelio::FakeAtelio, prune::FakePrune, qolo::FakeQolo};

struct Run {
    args: Vec<String>,
    out: String,
    err: String,
    code: Option<i32>,
}

fn run(home: &Home, args: &[&str], stdin: Option<&str>) -> Run {
    let mut c = home.cmd();
    c.args(args).arg("-v");
    if let Some(s) = stdin {
        c.write_stdin(s);
    }
    let o = c.output().unwrap();
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        out: stdout(&o),
        err: stderr(&o),
        code: o.status.code(),
    }
}

#[test]
fn no_sentinel_leaks_anywhere_it_is_not_meant_to_be() {
    use crate::fakes::{atelio, prune, qolo};
    let home = Home::new();
    let a = FakeAtelio::start();
    let q = FakeQolo::start();
    let p = FakePrune::start();
    let mut runs = Vec::new();
    runs.push(run(
        &home,
        &[
            "profile",
            "add",
            "a",
            "--provider",
            "atelio",
            "--base-url",
            &a.base_url,
            "--identity",
            atelio::IDENTITY,
            "--api-key-stdin",
        ],
        Some(atelio::KEY),
    ));
    runs.push(run(
        &home,
        &[
            "profile",
            "add",
            "q",
            "--provider",
            "qolo",
            "--base-url",
            &q.base_url,
            "--login-id",
            qolo::LOGIN_ID,
            "--program-guid",
            qolo::PROGRAM,
            "--api-key-stdin",
        ],
        Some(qolo::KEY),
    ));
    runs.push(run(
        &home,
        &[
            "profile",
            "add",
            "p",
            "--provider",
            "prune",
            "--base-url",
            &p.base_url,
            "--api-key-stdin",
        ],
        Some(prune::KEY),
    ));
    // Revealing runs: their stdout may hold a webhook secret, nothing else may.
    let mut revealing = Vec::new();
    for prof in ["a", "q"] {
        revealing.push(run(
            &home,
            &[
                "-p",
                prof,
                "subscribe",
                "--url",
                "https://example.com/s",
                "--events",
                "card.created",
                "-o",
                "json",
            ],
            None,
        ));
    }
    let aid = a.subs()[0].id.clone();
    let qid = q.notes()[0].guid.clone();
    revealing.push(run(
        &home,
        &["-p", "a", "list", "--show-secret", "-o", "json"],
        None,
    ));
    revealing.push(run(
        &home,
        &["-p", "q", "get", &qid, "--show-secret", "-o", "json"],
        None,
    ));
    revealing.push(run(
        &home,
        &["-p", "q", "rotate-secret", &qid, "-o", "json"],
        None,
    ));
    revealing.push(run(
        &home,
        &["-p", "a", "rotate-secret", &aid, "-o", "table"],
        None,
    ));
    let aid = a.subs()[0].id.clone();
    // Everything else, success and failure.
    let secret_file = home.path().join("whsec");
    std::fs::write(&secret_file, "whsec_SECRETSENTINELlocal0123456789").unwrap();
    let sf = secret_file.to_str().unwrap().to_string();
    let out_file = home.path().join("rotated");
    let of = out_file.to_str().unwrap().to_string();
    let plain: Vec<Vec<&str>> = vec![
        vec!["profile", "list"],
        vec!["profile", "show", "a"],
        vec!["profile", "show", "q", "-o", "json"],
        vec!["profile", "show", "p"],
        vec!["-p", "a", "list"],
        vec!["-p", "a", "list", "-o", "table"],
        vec!["-p", "a", "get", &aid],
        vec!["-p", "a", "get", "missing"],
        vec!["-p", "a", "update", &aid, "--add-events", "kyc.*"],
        vec!["-p", "a", "update", &aid, "--events", "crad.*"],
        vec![
            "-p",
            "a",
            "subscribe",
            "--url",
            "https://e.com/x",
            "--events",
            "card.*",
            "--dry-run",
        ],
        vec!["-p", "a", "rotate-secret", &aid, "--dry-run"],
        vec!["-p", "a", "rotate-secret", &aid, "--secret-out", &of],
        vec!["-p", "a", "delete", "missing", "--yes"],
        vec!["-p", "q", "list"],
        vec!["-p", "q", "update", &qid, "--disable"],
        vec![
            "-p",
            "q",
            "subscribe",
            "--url",
            "https://e.com/y",
            "--events",
            "all",
            "--dry-run",
        ],
        vec!["-p", "q", "rotate-secret", &qid, "--dry-run"],
        vec!["-p", "q", "delete", "missing", "--yes"],
        vec!["-p", "p", "list"],
        vec!["-p", "p", "subscribe", "--url", "https://e.com/p"],
        vec!["-p", "p", "update", "default", "--events", "BALANCE_UPDATE"],
        vec![
            "sign",
            "--provider",
            "atelio",
            "--secret-file",
            &sf,
            "--payload",
            &sf,
        ],
        vec![
            "verify",
            "--provider",
            "atelio",
            "--secret-file",
            &sf,
            "--header",
            "Bond-Signature: t=1,v2=00",
            "--payload",
            &sf,
        ],
        vec![
            "trigger",
            "card.created",
            "--provider",
            "atelio",
            "--to",
            "http://127.0.0.1:9/x",
            "--secret-file",
            &sf,
            "--timeout",
            "1",
        ],
    ];
    for args in &plain {
        runs.push(run(&home, args, None));
    }
    // Failure paths from the providers: 401s, 5xx with retries, a login that fails.
    a.fault(Fault::new("GET", "/webhooks", 503, 2));
    runs.push(run(&home, &["-p", "a", "list"], None));
    q.expire_tokens();
    runs.push(run(&home, &["-p", "q", "list"], None));
    q.expire_tokens();
    q.fault(Fault::new("POST", "/auth/login", 401, usize::MAX));
    runs.push(run(&home, &["-p", "q", "list"], None));
    runs.push(run(&home, &["-p", "p", "delete", "default", "--yes"], None));
    let mut wrong = home.cmd();
    let o = wrong
        .env("WHCTL_API_KEY", "wrong-SENTINEL-key")
        .args(["-p", "a", "list", "-v"])
        .output()
        .unwrap();
    runs.push(Run {
        args: vec!["wrong key".into()],
        out: stdout(&o),
        err: stderr(&o),
        code: o.status.code(),
    });

    let keys = [
        atelio::KEY,
        atelio::IDENTITY,
        qolo::KEY,
        prune::KEY,
        "qolo-token-",
        "wrong-SENTINEL-key",
    ];
    let mut secrets: Vec<String> = a.subs().iter().map(|s| s.secret.clone()).collect();
    secrets.extend(q.notes().iter().map(|n| n.secret.clone()));
    secrets.push("whsec_SECRETSENTINELlocal0123456789".into());
    secrets.push(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .trim()
            .to_string(),
    );
    secrets.push("SECRETSENTINEL".into()); // every Atelio fake secret carries it
    let profile_shows = |r: &Run| r.args.iter().any(|a| a == "profile");
    // Every failure on this sweep is a typed one: exit 1 means a failure path that reached
    // the user untyped (an error the contract has no code for).
    for r in runs.iter().chain(revealing.iter()) {
        assert_ne!(r.code, Some(1), "{:?} ended in exit 1: {}", r.args, r.err);
        assert!(r.code.is_some(), "{:?} was killed", r.args);
    }
    for r in runs.iter().chain(revealing.iter()) {
        for k in keys {
            // The identity names the account and `profile show` displays it; all else hides it.
            if k == atelio::IDENTITY && profile_shows(r) {
                continue;
            }
            assert!(
                !r.out.contains(k) && !r.err.contains(k),
                "{:?} leaked {k}:\n{}\n{}",
                r.args,
                r.out,
                r.err
            );
        }
        assert!(
            !r.err.contains("SECRETSENTINEL"),
            "{:?} put a secret on stderr:\n{}",
            r.args,
            r.err
        );
    }
    for r in &runs {
        for s in &secrets {
            assert!(
                !r.out.contains(s.as_str()),
                "{:?} printed a secret ({s}):\n{}",
                r.args,
                r.out
            );
        }
    }
    // The revealing runs did reveal (the sweep checked something).
    assert!(
        revealing.iter().all(|r| r.out.contains("whsec_")),
        "secrets revealed where meant"
    );
    assert!(
        runs.iter().any(|r| r.err.contains("[redacted]")),
        "-v logged requests"
    );
}

#[test]
fn environment_overrides_reach_only_the_selected_profile() {
    const ENV_KEY: &str = "ENV-KEY-SENTINEL-77aa";
    let a = FakeAtelio::start();
    let q = FakeQolo::start();
    let p = FakePrune::start();
    let home = Home::new();
    a.add_profile(&home, "a");
    q.add_profile(&home, "q", &[]);
    p.add_profile(&home, "p");
    let sent_env_key = |reqs: Vec<crate::fakes::Recorded>| {
        reqs.iter()
            .any(|r| r.headers.iter().any(|(_, v)| v.contains(ENV_KEY)) || r.body.contains(ENV_KEY))
    };
    let file = home.path().join("w.toml");
    std::fs::write(
        &file,
        "[[subscription]]\nprofile = \"a\"\nurl = \"https://example.com/a\"\nevents = [\"card.*\"]\n\n[[subscription]]\nprofile = \"q\"\nurl = \"https://example.com/q\"\nevents = [\"card\"]\n\n[[subscription]]\nprofile = \"p\"\nurl = \"https://example.com/p\"\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    for args in [
        vec!["list", "--all-profiles"],
        vec!["export", "--all-profiles"],
        vec!["plan", "-f", f],
        vec!["apply", "--yes", "-f", f],
    ] {
        // The run selects profile a: the variables are a's, and only a's.
        let out = home
            .cmd()
            .env("WHCTL_API_KEY", ENV_KEY)
            .env("WHCTL_BASE_URL", &a.base_url)
            .args(["-p", "a"])
            .args(&args)
            .output()
            .unwrap();
        assert!(
            !sent_env_key(q.requests()) && !sent_env_key(p.requests()),
            "{args:?}: the environment's key went to another profile's provider"
        );
        assert!(
            q.requests().iter().any(|r| r.path.contains("/webhooks")),
            "{args:?}: q still used its own credentials: {}",
            stderr(&out)
        );
        assert!(sent_env_key(a.requests()), "{args:?}: a got the override");
    }
}

#[test]
fn credentials_never_follow_a_redirect_to_another_origin() {
    use std::sync::{Arc, Mutex};
    // The other origin records whatever reaches it.
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = seen.clone();
    let other = crate::fakes::serve(axum::Router::new().fallback(
        move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
            let sink = sink.clone();
            async move {
                sink.lock()
                    .unwrap()
                    .push(format!("{headers:?} {}", String::from_utf8_lossy(&body)));
                crate::fakes::answer(
                    axum::http::StatusCode::OK,
                    serde_json::json!({"webhook_subscriptions": [], "token": "t"}),
                )
            }
        },
    ));
    let target = format!("http://{other}/elsewhere");
    for status in [301u16, 302, 307, 308] {
        let to = target.clone();
        let redirecting = crate::fakes::serve(axum::Router::new().fallback(move || {
            let to = to.clone();
            async move {
                (
                    axum::http::StatusCode::from_u16(status).unwrap(),
                    [("location", to)],
                    "",
                )
            }
        }));
        let home = Home::new();
        for (provider, extra) in [
            ("atelio", vec![("WHCTL_IDENTITY", "ident-SENTINEL")]),
            (
                "qolo",
                vec![
                    ("WHCTL_LOGIN_ID", "login-SENTINEL"),
                    ("WHCTL_PROGRAM_GUID", "p"),
                ],
            ),
            ("prune", vec![]),
        ] {
            let out = home
                .cmd()
                .env("WHCTL_PROVIDER", provider)
                .env("WHCTL_BASE_URL", format!("http://{redirecting}"))
                .env("WHCTL_API_KEY", "key-SENTINEL")
                .envs(extra)
                .args(["list", "-v"])
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(3),
                "{provider} {status}: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains(&target),
                "{provider} {status}: names where it pointed: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains("not followed"),
                "-v logs it: {}",
                stderr(&out)
            );
        }
    }
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
}

#[test]
fn a_base_url_with_credentials_or_that_does_not_parse_is_exit_2_before_any_request() {
    let a = FakeAtelio::start();
    let home = Home::new();
    let with_creds = a
        .base_url
        .replacen("http://", "http://user:PW-SENTINEL@", 1);
    for (url, args) in [
        (with_creds.as_str(), vec!["list"]),
        (
            with_creds.as_str(),
            vec![
                "subscribe",
                "--url",
                "https://e.com/x",
                "--events",
                "card.*",
                "--dry-run",
            ],
        ),
        ("not a url", vec!["list"]),
        ("ftp://127.0.0.1/x", vec!["list"]),
    ] {
        let out = home
            .cmd()
            .env("WHCTL_PROVIDER", "atelio")
            .env("WHCTL_BASE_URL", url)
            .env("WHCTL_API_KEY", crate::fakes::atelio::KEY)
            .env("WHCTL_IDENTITY", "i")
            .args(&args)
            .arg("-v")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{url} {args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("PW-SENTINEL") && !stdout(&out).contains("PW-SENTINEL"));
    }
    let out = home
        .cmd()
        .args([
            "profile",
            "add",
            "x",
            "--provider",
            "atelio",
            "--base-url",
            &with_creds,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!stderr(&out).contains("PW-SENTINEL"));
    assert!(!home.config_path().exists(), "nothing saved");
    assert!(a.requests().is_empty());
    // One written into the file by hand is never shown, and never used.
    std::fs::create_dir_all(home.config_path().parent().unwrap()).unwrap();
    std::fs::write(
        home.config_path(),
        format!("[profiles.x]\nprovider = \"atelio\"\nbase_url = \"{with_creds}\"\nidentity = \"i\"\napi_key = \"key-123456\"\n"),
    )
    .unwrap();
    for args in [
        vec!["profile", "show", "x", "-o", "json"],
        vec!["profile", "show", "x", "-o", "table"],
        vec!["profile", "list", "-o", "table"],
        vec!["profile", "list", "-o", "json"],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            !stdout(&out).contains("PW-SENTINEL"),
            "{args:?}: {}",
            stdout(&out)
        );
        assert!(stdout(&out).contains("***@"), "{args:?}: {}", stdout(&out));
    }
    let out = home.cmd().args(["-p", "x", "list", "-v"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!stderr(&out).contains("PW-SENTINEL"));
    assert!(a.requests().is_empty());
}

#[test]
fn provider_text_is_scrubbed_before_it_is_shown() {
    // A server that echoes what it was sent, in its error and in odd-shaped answers, with a
    // secret field and terminal escape sequences of its own.
    let app = axum::Router::new().fallback(
        |uri: axum::http::Uri, headers: axum::http::HeaderMap, body: axum::body::Bytes| async move {
            let echoed: Vec<String> = headers
                .iter()
                .map(|(k, v)| format!("{k}={}", v.to_str().unwrap_or("")))
                .collect();
            let text = serde_json::json!({
                "message": format!("\u{1b}]0;pwned\u{7}\u{1b}[2Jrejected {} {}", echoed.join(" "), String::from_utf8_lossy(&body)),
                "secret": "whsec_ECHOED-SECRET-1234567890",
            })
            .to_string();
            let status = if uri.path().ends_with("/login") { 200 } else { 400 };
            let body = if status == 200 {
                // A login answer without a token, holding a credential under another name.
                serde_json::json!({"jwt": "LOGIN-JWT-SENTINEL-abcdef", "note": "ok"}).to_string()
            } else {
                text
            };
            (
                axum::http::StatusCode::from_u16(status).unwrap(),
                [("content-type", "application/json")],
                body,
            )
        },
    );
    let addr = crate::fakes::serve(app);
    let home = Home::new();
    for (provider, extra) in [
        ("atelio", vec![("WHCTL_IDENTITY", "IDENT-SENTINEL-4242")]),
        (
            "qolo",
            vec![("WHCTL_LOGIN_ID", "login-1"), ("WHCTL_PROGRAM_GUID", "p")],
        ),
        ("prune", vec![]),
    ] {
        for args in [vec!["list"], vec!["list", "-v"]] {
            let out = home
                .cmd()
                .env("WHCTL_PROVIDER", provider)
                .env("WHCTL_BASE_URL", format!("http://{addr}"))
                .env("WHCTL_API_KEY", "APIKEY-SENTINEL-777777")
                .envs(extra.clone())
                .args(&args)
                .output()
                .unwrap();
            assert!(!out.status.success());
            let err = stderr(&out);
            for s in [
                "APIKEY-SENTINEL-777777",
                "IDENT-SENTINEL-4242",
                "ECHOED-SECRET",
                "LOGIN-JWT-SENTINEL",
            ] {
                assert!(!err.contains(s), "{provider} {args:?} shows {s}: {err}");
            }
            assert!(
                !err.contains('\u{1b}') && !err.contains('\u{7}'),
                "{provider}: raw escapes: {err:?}"
            );
            assert!(err.contains("error:"), "{err}");
        }
    }
}
