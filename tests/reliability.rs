//! No lost or duplicated subscriptions, bounded waits, malformed answers, config safety.

use std::time::{Duration, Instant};

use crate::common::{Home, json_out, stderr, stdout};
use crate::fakes::atelio::{FakeAtelio, IDENTITY, KEY};
use crate::fakes::{After, Fault};

fn env_cmd(home: &Home, fake: &FakeAtelio) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.env("WHCTL_PROVIDER", "atelio")
        .env("WHCTL_BASE_URL", &fake.base_url)
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_IDENTITY", IDENTITY);
    c
}

fn subscribe(home: &Home, fake: &FakeAtelio, extra: &[&str]) -> std::process::Output {
    env_cmd(home, fake)
        .args([
            "subscribe",
            "--url",
            "https://example.com/once",
            "--events",
            "card.*",
            "--description",
            "once",
            "-o",
            "json",
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_create_that_took_effect_before_failing_is_adopted_not_repeated() {
    for (after, extra) in [
        (After::Status, vec![]),
        (After::Drop, vec![]),
        (After::Hang, vec!["--timeout", "1"]),
    ] {
        let fake = FakeAtelio::start();
        let home = Home::new();
        fake.fault(Fault::after("POST", "/webhooks", after, 1));
        let out = subscribe(&home, &fake, &extra);
        assert!(out.status.success(), "{after:?}: {}", stderr(&out));
        let subs = fake.subs();
        assert_eq!(subs.len(), 1, "{after:?}: exactly one subscription");
        assert_eq!(json_out(&out)["id"], subs[0].id);
        assert_eq!(
            json_out(&out)["secret"],
            subs[0].secret,
            "the secret still reaches the user"
        );
        assert!(
            stderr(&out).contains("adopting"),
            "{after:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            fake.requests()
                .iter()
                .filter(|r| r.method == "POST")
                .count(),
            1,
            "{after:?}"
        );
    }
}

#[test]
fn a_create_that_failed_is_retried_with_the_same_idempotency_key() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    // Someone else's identical subscription exists already: it must not be adopted.
    fake.seed("https://example.com/once", &["card.created"]);
    fake.fault(Fault::new("POST", "/webhooks", 502, 1));
    let out = subscribe(&home, &fake, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.subs().len(), 2, "the seeded one and ours");
    let posts: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 2);
    let k0 = posts[0].header("idempotency-key").unwrap().to_string();
    assert!(k0.len() >= 32);
    assert_eq!(posts[1].header("idempotency-key"), Some(k0.as_str()));
}

#[test]
fn a_rejected_create_is_not_retried() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.fault(Fault::new("POST", "/webhooks", 400, 1));
    let out = subscribe(&home, &fake, &[]);
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(
        fake.requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count(),
        1
    );
    assert!(fake.subs().is_empty());
}

#[test]
fn a_server_that_never_answers_ends_in_exit_7_within_the_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().flatten() {
            held.push(s); // accept, never read or answer
        }
    });
    let home = Home::new();
    let started = Instant::now();
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "atelio")
        .env("WHCTL_BASE_URL", format!("http://{addr}/api/v0.1"))
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_IDENTITY", IDENTITY)
        .args(["list", "--timeout", "1"])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(
        took < Duration::from_secs(15),
        "bounded by --timeout, took {took:?}"
    );
}

#[test]
fn malformed_answers_are_errors_showing_the_body_never_panics() {
    let cases: [(&str, &str, Option<i32>); 7] = [
        (
            "<html><body>502 Bad Gateway from the proxy</body></html>",
            "<html>",
            Some(7),
        ),
        (
            "{\"webhook_subscriptions\": [{\"id\": \"a\"",
            "webhook_subscriptions",
            Some(7),
        ),
        (
            "{\"webhook_subscriptions\": 42}",
            "unexpected answer",
            Some(7),
        ),
        ("[1, 2, 3]", "unexpected answer", Some(7)),
        // No false "empty": only an explicit empty list is empty.
        ("", "(empty body)", Some(7)),
        ("{}", "unexpected answer", Some(7)),
        ("{\"data\": []}", "{\"data\": []}", Some(7)),
    ];
    for (body, expect, code) in cases {
        let fake = FakeAtelio::start();
        let home = Home::new();
        let mut f = Fault::new("GET", "/webhooks", 200, 1);
        f.body = body.to_string();
        fake.fault(f);
        let out = env_cmd(&home, &fake).args(["list"]).output().unwrap();
        assert_eq!(out.status.code(), code, "{body}: {}", stderr(&out));
        assert!(stderr(&out).contains(expect), "{body}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
}

#[test]
fn an_oversized_answer_is_refused() {
    let app = axum::Router::new().fallback(|| async {
        let big = vec![b' '; 33 * 1024 * 1024];
        (axum::http::StatusCode::OK, big)
    });
    let addr = crate::fakes::serve(app);
    let home = Home::new();
    let out = home
        .cmd()
        .env("WHCTL_PROVIDER", "atelio")
        .env("WHCTL_BASE_URL", format!("http://{addr}"))
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_IDENTITY", IDENTITY)
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(stderr(&out).contains("MiB"), "{}", stderr(&out));
}

#[test]
fn twenty_concurrent_profile_adds_lose_nothing() {
    let home = Home::new();
    let children: Vec<_> = (0..20)
        .map(|i| {
            crate::common::spawnable(home.path())
                .args(["profile", "add", &format!("p{i}"), "--provider", "graph"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        let status = crate::common::wait_with_deadline(&mut c, crate::common::PROCESS_DEADLINE);
        let mut err = String::new();
        std::io::Read::read_to_string(&mut c.stderr.take().unwrap(), &mut err).unwrap();
        assert!(status.success(), "{err}");
    }
    let out = home.cmd().args(["profile", "list", "-q"]).output().unwrap();
    let mut names: Vec<String> = stdout(&out).lines().map(String::from).collect();
    names.sort();
    let mut want: Vec<String> = (0..20).map(|i| format!("p{i}")).collect();
    want.sort();
    assert_eq!(names, want);
}

#[test]
fn a_write_killed_at_any_point_leaves_a_valid_file() {
    let home = Home::new();
    assert!(
        home.cmd()
            .args(["profile", "add", "base", "--provider", "graph"])
            .output()
            .unwrap()
            .status
            .success()
    );
    for i in 0..40u64 {
        let mut c = crate::common::spawnable(home.path());
        let mut child = c
            .args(["profile", "add", &format!("k{i}"), "--provider", "sturdy"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(200 * (i % 10)));
        let _ = child.kill();
        crate::common::wait_with_deadline(&mut child, crate::common::PROCESS_DEADLINE);
        let text = std::fs::read_to_string(home.config_path()).unwrap();
        let v: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("run {i}: {e}\n{text}"));
        assert!(
            v["profiles"].get("base").is_some(),
            "run {i} lost a profile"
        );
    }
    add_profile(&home, "after");
    assert_eq!(strays(&home), Vec::<String>::new(), "no temp copy left");
}

/// `profile add NAME --provider graph` in `home`, which must succeed.
fn add_profile(home: &Home, name: &str) {
    let out = home
        .cmd()
        .args(["profile", "add", name, "--provider", "graph"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The files of the config folder other than the config file and its lock: temp copies.
fn strays(home: &Home) -> Vec<String> {
    let dir = home.config_path().parent().unwrap().to_path_buf();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "config.toml" && n != ".config.toml.lock")
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_killed_mid_way_leaves_no_temp_copy_once_the_next_write_is_done() {
    let home = Home::new();
    add_profile(&home, "base");
    // A large config makes each write last long enough to be caught in the act.
    let mut text = std::fs::read_to_string(home.config_path()).unwrap();
    text.push_str(&format!(
        "\n[profiles.big]\nprovider = \"graph\"\nnote = \"{}\"\n",
        "x".repeat(8 * 1024 * 1024)
    ));
    std::fs::write(home.config_path(), text).unwrap();
    let mut caught = 0;
    for i in 0..30 {
        let mut child = crate::common::spawnable(home.path())
            .args(["profile", "add", &format!("k{i}"), "--provider", "sturdy"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it the moment a temp copy of the config appears, before it is renamed.
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(60) {
            if !strays(&home).is_empty() {
                let _ = child.kill();
                break;
            }
        }
        crate::common::wait_with_deadline(&mut child, crate::common::PROCESS_DEADLINE);
        let v: toml::Table =
            toml::from_str(&std::fs::read_to_string(home.config_path()).unwrap()).unwrap();
        assert!(
            v["profiles"].get("base").is_some(),
            "run {i} lost a profile"
        );
        if !strays(&home).is_empty() {
            caught += 1;
            break;
        }
    }
    assert!(
        caught > 0,
        "no write was killed mid-way: the test proved nothing"
    );
    add_profile(&home, "after");
    assert_eq!(
        strays(&home),
        Vec::<String>::new(),
        "the next write removed the temp copy the killed one left (it holds keys)"
    );
    let text = std::fs::read_to_string(home.config_path()).unwrap();
    assert!(text.contains("[profiles.after]") && text.contains("[profiles.big]"));
}

#[test]
fn a_held_config_lock_is_waited_for_a_bounded_time_then_exit_3() {
    use fs4::fs_std::FileExt;
    let home = Home::new();
    add_profile(&home, "base");
    let before = std::fs::read_to_string(home.config_path()).unwrap();
    let lock_path = home.config_path().with_file_name(".config.toml.lock");
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .unwrap();
    FileExt::lock_exclusive(&held).unwrap();

    let spawn = |name: &str, wait_ms: &str| {
        crate::common::spawnable(home.path())
            .env("WHCTL_LOCK_TIMEOUT_MS", wait_ms)
            .args(["profile", "add", name, "--provider", "graph"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let read_err = |c: &mut std::process::Child| {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut c.stderr.take().unwrap(), &mut err).unwrap();
        err
    };

    // Held throughout: gives up after the wait, exit 3, nothing written.
    let started = Instant::now();
    let mut child = spawn("late", "800");
    let status = crate::common::wait_with_deadline(&mut child, Duration::from_secs(30));
    let took = started.elapsed();
    let err = read_err(&mut child);
    assert_eq!(status.code(), Some(3), "{err}");
    let shown = home.config_path().display().to_string();
    assert!(
        err.contains(&format!(
            "waiting for another whctl to finish writing {shown}"
        )),
        "{err}"
    );
    assert!(
        err.contains("another whctl is still writing") && err.contains(&shown),
        "{err}"
    );
    assert!(took >= Duration::from_millis(800), "waited, took {took:?}");
    assert!(took < Duration::from_secs(20), "bounded, took {took:?}");
    assert_eq!(std::fs::read_to_string(home.config_path()).unwrap(), before);

    // Released while it waits: it goes on and writes.
    let mut child = spawn("patient", "30000");
    std::thread::sleep(Duration::from_millis(600));
    FileExt::unlock(&held).unwrap();
    let status = crate::common::wait_with_deadline(&mut child, Duration::from_secs(30));
    let err = read_err(&mut child);
    assert!(status.success(), "{err}");
    assert!(err.contains("waiting for another whctl"), "{err}");
    let text = std::fs::read_to_string(home.config_path()).unwrap();
    assert!(text.contains("[profiles.patient]") && !text.contains("[profiles.late]"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_config_is_written_through_to_its_target() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let elsewhere = home.path().join("dotfiles");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let real = elsewhere.join("real.toml");
    std::fs::write(&real, "[profiles.kept]\nprovider = \"graph\"\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = home.config_path();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    // A relative link, resolved against the link's own folder.
    let rel = std::path::Path::new("../../dotfiles/real.toml");
    std::os::unix::fs::symlink(rel, &link).unwrap();

    add_profile(&home, "added");
    let out = home
        .cmd()
        .args(["profile", "use", "kept"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read_link(&link).unwrap(), rel);
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(
        text.contains("[profiles.kept]") && text.contains("[profiles.added]"),
        "{text}"
    );
    assert!(text.contains("default_profile = \"kept\""), "{text}");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the target stays private");
    let left: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "real.toml" && n != ".real.toml.lock")
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // A link to a file that does not exist yet: the file is created there.
    let fresh = elsewhere.join("fresh.toml");
    let link2 = home.path().join("other.toml");
    std::os::unix::fs::symlink(&fresh, &link2).unwrap();
    let out = home
        .cmd()
        .arg("--config")
        .arg(&link2)
        .args(["profile", "add", "new", "--provider", "graph"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link2)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&fresh).unwrap();
    assert!(text.contains("[profiles.new]"), "{text}");
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn list_all_profiles_queries_every_profile_and_reports_failures() {
    use crate::fakes::{prune::FakePrune, qolo::FakeQolo};
    let a = FakeAtelio::start();
    let q = FakeQolo::start();
    let p = FakePrune::start();
    a.seed("https://example.com/a", &["card.created"]);
    p.set_urls("https://example.com/p", "");
    let home = Home::new();
    a.add_profile(&home, "a");
    let bad = [
        "--provider",
        "atelio",
        "--base-url",
        &a.base_url,
        "--identity",
        IDENTITY,
    ];
    crate::fakes::add_profile(&home, "bad", &bad, "wrong");
    q.add_profile(&home, "q", &[]);
    p.add_profile(&home, "p");
    let out = home
        .cmd()
        .args(["profile", "add", "s", "--provider", "sturdy"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = home
        .cmd()
        .args(["list", "--all-profiles", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "the worst outcome: a 401 in profile 'bad'"
    );
    let v = json_out(&out);
    let profiles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["profile"].as_str().unwrap())
        .collect();
    assert_eq!(profiles, ["a", "p", "p"], "the others still listed");
    assert_eq!(v[1]["provider"], "prune");
    assert_eq!(
        (v[1]["id"].as_str(), v[2]["id"].as_str()),
        (Some("event"), Some("callback"))
    );
    let err = stderr(&out);
    assert!(
        err.contains("profile 'bad'") && err.contains("401"),
        "{err}"
    );
    assert!(err.contains("skipping profile 's'"), "{err}");
    assert!(
        !err.contains("querying"),
        "no progress when stderr is not a terminal"
    );
    // Wide enough for one line per subscription (80 columns get key: value blocks).
    let out = home
        .cmd()
        .env("COLUMNS", "160")
        .args(["list", "--all-profiles", "-o", "table"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("PROFILE")
            && text.contains("PROVIDER")
            && text.contains("https://example.com/p"),
        "{text}"
    );
}

#[test]
fn delete_many_ids_in_parallel_reports_each() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    let ids: Vec<String> = (0..20)
        .map(|i| {
            fake.seed(&format!("https://example.com/{i}"), &["card.created"])
                .id
        })
        .collect();
    fake.fault(Fault::new("DELETE", &ids[3], 503, usize::MAX));
    let mut args = vec!["delete", "--yes", "--concurrency", "4", "-o", "json"];
    args.extend(ids.iter().map(String::as_str));
    let out = env_cmd(&home, &fake).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v.as_array().unwrap().len(), 20);
    assert_eq!(v[3]["deleted"], false);
    assert_eq!(v[3]["id"], ids[3], "results in the order given");
    assert_eq!(fake.subs().len(), 1, "the other 19 were deleted");
    assert!(
        !stderr(&out).contains("deleting"),
        "no progress bar off a terminal"
    );
    let out = env_cmd(&home, &fake)
        .args(["delete", "--yes", "--concurrency", "0", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn http_proxy_is_honoured() {
    let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let sink = seen.clone();
    let proxy =
        axum::Router::new().fallback(move |uri: axum::http::Uri, h: axum::http::HeaderMap| {
            let sink = sink.clone();
            async move {
                let host = h
                    .get("host")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                sink.lock().unwrap().push(format!("{host} {uri}"));
                (
                    [("content-type", "application/json")],
                    "{\"webhook_subscriptions\": []}",
                )
            }
        });
    let addr = crate::fakes::serve(proxy);
    let home = Home::new();
    let out = home
        .cmd()
        .env("HTTP_PROXY", format!("http://{addr}"))
        .env("WHCTL_PROVIDER", "atelio")
        .env("WHCTL_BASE_URL", "http://atelio.test/api/v0.1")
        .env("WHCTL_API_KEY", KEY)
        .env("WHCTL_IDENTITY", IDENTITY)
        .args(["list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].starts_with("atelio.test "),
        "went through the proxy: {seen:?}"
    );
}

/// A server that answers every request 429 with `Retry-After: {retry_after}`, and counts them.
fn always_429(retry_after: String) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let hits = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    let app = axum::Router::new().fallback(move || {
        counted.fetch_add(1, Ordering::SeqCst);
        let retry_after = retry_after.clone();
        async move {
            (
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                [
                    ("retry-after", retry_after),
                    ("content-type", "application/json".to_string()),
                ],
                "{\"message\":\"slow down\"}",
            )
        }
    });
    let addr = crate::fakes::serve(app);
    (format!("http://{addr}/api/v0.1"), hits)
}

#[test]
fn a_retry_after_past_the_timeout_ends_at_once_saying_when_to_retry() {
    let in_an_hour = std::time::SystemTime::now() + Duration::from_secs(3600);
    for retry_after in ["3600".to_string(), httpdate::fmt_http_date(in_an_hour)] {
        let (base, hits) = always_429(retry_after.clone());
        let home = Home::new();
        let started = Instant::now();
        let out = home
            .cmd()
            .env("WHCTL_PROVIDER", "atelio")
            .env("WHCTL_BASE_URL", &base)
            .env("WHCTL_API_KEY", KEY)
            .env("WHCTL_IDENTITY", IDENTITY)
            .args(["--timeout", "5", "-v", "list"])
            .output()
            .unwrap();
        let took = started.elapsed();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(7), "{retry_after}: {err}");
        // Not a correctness bound on speed: without the budget this waited the 30 s cap, 3 times.
        assert!(
            took < Duration::from_secs(15),
            "{retry_after}: bounded by --timeout, took {took:?}"
        );
        assert_eq!(
            hits.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "{retry_after}: no attempt after a wait that does not fit"
        );
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.contains("answered 429 (slow down) and asks to retry in 3600 s")
                || last.contains("answered 429 (slow down) and asks to retry in 3599 s"),
            "{retry_after}: {err}"
        );
        assert!(
            last.contains(" UTC)") && last.contains("--timeout") && last.contains("try again then"),
            "{retry_after}: {err}"
        );
        assert!(err.contains("not retrying"), "-v logs it: {err}");
        assert!(!err.contains(KEY), "no key in the log");
    }
}
