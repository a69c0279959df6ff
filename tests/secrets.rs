//! A new secret is never lost: `--secret-out`/`--secrets-out` checked before any change,
//! `-q` never drops one, a write that fails after the change prints it, a Qolo rotation whose
//! outcome is unknown keeps it in a 0600 file, and ids never name a path outside the folder.

use std::sync::{Arc, Mutex};

use crate::common::{Home, json_out, stderr, stdout};
use crate::fakes::atelio::FakeAtelio;
use crate::fakes::qolo::FakeQolo;
use crate::fakes::{After, Fault};

fn atelio() -> (Home, FakeAtelio) {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    (home, fake)
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn secret_out_targets_are_checked_before_any_change() {
    let (home, fake) = atelio();
    let old = fake.seed("https://example.com/r", &["card.created"]);
    let folder = home.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let missing = home.path().join("no/such/folder/secret");
    for target in [&folder, &missing] {
        let out = home
            .cmd()
            .args(["rotate-secret", &old.id, "--secret-out"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let out = home
            .cmd()
            .args([
                "subscribe",
                "--url",
                "https://example.com/n",
                "--events",
                "card.*",
            ])
            .arg("--secret-out")
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    }
    let subs = fake.subs();
    assert_eq!(subs.len(), 1, "nothing created or rotated");
    assert_eq!(
        (subs[0].id.as_str(), subs[0].secret.as_str()),
        (old.id.as_str(), old.secret.as_str())
    );
    assert!(!fake.requests().iter().any(|r| r.method != "GET"));
}

#[test]
fn quiet_never_drops_a_new_secret() {
    let (home, fake) = atelio();
    let old = fake.seed("https://example.com/r", &["card.created"]);
    for args in [
        vec![
            "subscribe",
            "-q",
            "--url",
            "https://example.com/n",
            "--events",
            "card.*",
        ],
        vec!["rotate-secret", "-q", old.id.as_str()],
    ] {
        let out = home.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("--secret-out"), "{}", stderr(&out));
    }
    assert_eq!(fake.subs().len(), 1, "nothing sent");
    // With somewhere to put it, -q prints the id only.
    let f = home.path().join("s");
    let out = home
        .cmd()
        .args([
            "subscribe",
            "-q",
            "--url",
            "https://example.com/n",
            "--events",
            "card.*",
            "--secret-out",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    let new = fake.subs().into_iter().find(|s| s.id == id).unwrap();
    assert_eq!(std::fs::read_to_string(&f).unwrap().trim(), new.secret);
}

#[test]
fn a_secret_file_planted_as_a_symlink_is_replaced_not_followed() {
    let (home, fake) = atelio();
    let old = fake.seed("https://example.com/r", &["card.created"]);
    let victim = home.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = home.path().join("secret-out");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out = home
        .cmd()
        .args(["rotate-secret", &old.id, "--secret-out"])
        .arg(&link)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        !std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&link).unwrap().trim(),
        fake.subs()[0].secret
    );
    #[cfg(unix)]
    assert_eq!(mode(&link), 0o600);
}

/// An Atelio-shaped server whose create makes the `--secret-out` target a folder before it
/// answers, so that writing the secret fails after the change.
fn server_that_breaks(target: std::path::PathBuf, id: &'static str) -> String {
    let app = axum::Router::new().fallback(move |method: axum::http::Method| {
        let target = target.clone();
        async move {
            let body = if method == axum::http::Method::POST {
                let _ = std::fs::create_dir_all(&target);
                let _ = std::fs::write(target.join("occupied"), "x");
                serde_json::json!({"webhook_id": id, "url": "https://example.com/n",
                    "events": ["card.created"], "status": "enabled", "secret": "whsec_AFTER-CHANGE-0123456789"})
            } else {
                serde_json::json!({"webhook_subscriptions": []})
            };
            crate::fakes::answer(axum::http::StatusCode::OK, body)
        }
    });
    format!("http://{}", crate::fakes::serve(app))
}

#[test]
fn a_write_that_fails_after_the_change_prints_the_secret_and_the_id() {
    let home = Home::new();
    let target = home.path().join("becomes-a-folder");
    let base = server_that_breaks(target.clone(), "wh-created-1");
    for quiet in [false, true] {
        let _ = std::fs::remove_dir_all(&target);
        let mut cmd = home.cmd();
        cmd.env("WHCTL_PROVIDER", "atelio")
            .env("WHCTL_BASE_URL", &base)
            .env("WHCTL_API_KEY", "key-123456")
            .env("WHCTL_IDENTITY", "ident-1")
            .args([
                "subscribe",
                "--url",
                "https://example.com/n",
                "--events",
                "card.created",
                "-o",
                "json",
            ])
            .arg("--secret-out")
            .arg(&target);
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        let v = json_out(&out);
        assert_eq!(v["id"], "wh-created-1", "quiet={quiet}");
        assert_eq!(
            v["secret"], "whsec_AFTER-CHANGE-0123456789",
            "quiet={quiet}"
        );
        assert!(stderr(&out).contains("wh-created-1"), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot write the secret"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn apply_secret_files_stay_inside_their_folder() {
    let home = Home::new();
    let created = Arc::new(Mutex::new(0));
    let counter = created.clone();
    // Ids chosen by a hostile or broken provider.
    let app = axum::Router::new().fallback(move |method: axum::http::Method| {
        let counter = counter.clone();
        async move {
            let body = if method == axum::http::Method::POST {
                let mut n = counter.lock().unwrap();
                *n += 1;
                let id = ["x/../../OUTSIDE/pwned", ".."][*n - 1];
                serde_json::json!({"webhook_id": id, "url": format!("https://example.com/{n}"),
                    "events": ["card.created"], "status": "enabled", "secret": format!("whsec_FILE-{n}-0123456789")})
            } else {
                serde_json::json!({"webhook_subscriptions": []})
            };
            crate::fakes::answer(axum::http::StatusCode::OK, body)
        }
    });
    let base = format!("http://{}", crate::fakes::serve(app));
    crate::fakes::add_profile(
        &home,
        "p",
        &[
            "--provider",
            "atelio",
            "--base-url",
            &base,
            "--identity",
            "ident-1",
        ],
        "key-123456",
    );
    let file = home.path().join("w.toml");
    std::fs::write(
        &file,
        "[[subscription]]\nprofile = \"p\"\nurl = \"https://example.com/1\"\nevents = [\"card.created\"]\n\n[[subscription]]\nprofile = \"p\"\nurl = \"https://example.com/2\"\nevents = [\"card.created\"]\n",
    )
    .unwrap();
    let dir = home.path().join("deep/secrets");
    let out = home
        .cmd()
        .args(["apply", "--yes", "--concurrency", "1", "-f"])
        .arg(&file)
        .arg("--secrets-out")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!home.path().join("OUTSIDE").exists() && !home.path().join("deep/OUTSIDE").exists());
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        assert!(f.starts_with("p.") && f.ends_with(".secret"), "{f}");
        #[cfg(unix)]
        assert_eq!(mode(&dir.join(f)), 0o600);
    }
    #[cfg(unix)]
    assert_eq!(mode(&dir), 0o700, "a folder whctl creates is private");
    // A --secrets-out that is a file is refused before any change.
    let not_dir = home.path().join("plain-file");
    std::fs::write(&not_dir, "").unwrap();
    let before = *created.lock().unwrap();
    let out = home
        .cmd()
        .args(["apply", "--yes", "-f"])
        .arg(&file)
        .arg("--secrets-out")
        .arg(&not_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(*created.lock().unwrap(), before);
}

#[test]
fn a_qolo_rotation_that_may_have_applied_keeps_the_secret() {
    let fake = FakeQolo::start();
    let home = Home::new();
    fake.add_profile(&home, "q", &[]);
    let id = fake.seed(1)[0].clone();
    for after in [After::Status, After::Drop] {
        // Applied, then no clear answer, on every attempt (whctl retries a PUT 4 times).
        fake.fault(Fault::after("PUT", "/api/v1/webhooks/", after, 4));
        let out = home.cmd().args(["rotate-secret", &id]).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("may have taken effect"), "{err}");
        let path = err
            .split_whitespace()
            .find(|w| w.contains("pending-secrets"))
            .unwrap_or_else(|| panic!("no path in: {err}"));
        let kept = std::fs::read_to_string(path).unwrap();
        let live = fake
            .notes()
            .into_iter()
            .find(|n| n.guid == id)
            .unwrap()
            .secret;
        assert_eq!(
            kept.trim(),
            live,
            "{after:?}: the kept secret is the one now live"
        );
        assert!(!err.contains(&live), "the secret itself stays off stderr");
        #[cfg(unix)]
        assert_eq!(mode(std::path::Path::new(path)), 0o600);
    }
    // A rotation that did not apply says so.
    fake.fault(Fault::new("PUT", "/api/v1/webhooks/", 400, 1));
    let out = home.cmd().args(["rotate-secret", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("did not take effect"),
        "{}",
        stderr(&out)
    );
}
