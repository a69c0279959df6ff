//! Profile editing that loses nothing: `profile set`, a merging `profile add --force`, and a
//! `--config` file that does not exist.

use crate::common::{Home, json_out, stderr, whctl_in};

fn show(home: &Home, name: &str) -> serde_json::Value {
    let out = home
        .cmd()
        .args(["profile", "show", name, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    json_out(&out)
}

fn stored(home: &Home) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(home.config_path()).unwrap()).unwrap()
}

fn add_qolo(home: &Home) {
    let out = home
        .cmd()
        .args([
            "profile",
            "add",
            "q",
            "--provider",
            "qolo",
            "--login-id",
            "login-1",
            "--program-guid",
            "prog-1",
            "--base-url",
            "http://127.0.0.1:9/qolo",
            "--api-key-stdin",
        ])
        .write_stdin("qolo-key-0123456789")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn profile_set_changes_one_field_and_keeps_the_others() {
    let home = Home::new();
    add_qolo(&home);
    let out = home
        .cmd()
        .args([
            "profile",
            "set",
            "q",
            "--path",
            "delete=POST /api/{version}/webhooks/{notification_guid}/delete",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("profile 'q' (qolo) updated in")
            && stderr(&out).contains("path.delete"),
        "{}",
        stderr(&out)
    );
    let p = &stored(&home)["profiles"]["q"];
    assert_eq!(p["api_key"].as_str(), Some("qolo-key-0123456789"));
    assert_eq!(p["login_id"].as_str(), Some("login-1"));
    assert_eq!(p["program_guid"].as_str(), Some("prog-1"));
    assert_eq!(p["base_url"].as_str(), Some("http://127.0.0.1:9/qolo"));
    assert!(p["paths"]["delete"].as_str().unwrap().starts_with("POST "));

    // --unset clears one field; the rest stays.
    let out = home
        .cmd()
        .args([
            "profile",
            "set",
            "q",
            "--unset",
            "base_url",
            "--unset",
            "path.delete",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = show(&home, "q");
    assert_eq!(v["base_url"]["source"], "default", "{v}");
    let p = &stored(&home)["profiles"]["q"];
    assert!(
        p.get("base_url").is_none()
            && p.get("paths")
                .is_none_or(|t| t.as_table().unwrap().is_empty())
    );
    assert_eq!(p["login_id"].as_str(), Some("login-1"));
    assert_eq!(p["api_key"].as_str(), Some("qolo-key-0123456789"));
}

#[test]
fn add_force_on_the_same_provider_merges_and_another_provider_replaces() {
    let home = Home::new();
    add_qolo(&home);
    let out = home
        .cmd()
        .args([
            "profile",
            "add",
            "q",
            "--provider",
            "qolo",
            "--api-version",
            "v2",
            "--force",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no API key"), "{}", stderr(&out));
    let p = &stored(&home)["profiles"]["q"];
    assert_eq!(p["api_version"].as_str(), Some("v2"));
    assert_eq!(p["api_key"].as_str(), Some("qolo-key-0123456789"));
    assert_eq!(p["login_id"].as_str(), Some("login-1"));

    // Without --force: refused, with the way to change it.
    let out = home
        .cmd()
        .args(["profile", "add", "q", "--provider", "qolo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("whctl profile set q"),
        "{}",
        stderr(&out)
    );

    // Another provider: a new profile under the old name (nothing of qolo's is kept).
    let out = home
        .cmd()
        .args(["profile", "add", "q", "--provider", "prune", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("no API key stored: pipe one to `whctl profile set q --api-key-stdin`"),
        "{}",
        stderr(&out)
    );
    let p = &stored(&home)["profiles"]["q"];
    assert_eq!(p["provider"].as_str(), Some("prune"));
    assert!(
        p.get("login_id").is_none() && p.get("api_key").is_none(),
        "{p}"
    );
}

#[test]
fn profile_set_refuses_what_the_profile_cannot_hold_and_writes_nothing() {
    let home = Home::new();
    add_qolo(&home);
    let before = std::fs::read_to_string(home.config_path()).unwrap();
    for (args, code, says) in [
        (vec!["q"], 2, "nothing to change"),
        (
            vec!["q", "--identity", "x"],
            2,
            "--identity does not apply to qolo",
        ),
        (vec!["q", "--login-id", ""], 2, "--login-id is empty"),
        (vec!["q", "--unset", "colour"], 2, "not a field"),
        (
            vec!["q", "--unset", "path.delete"],
            2,
            "overrides no path 'delete'",
        ),
        (
            vec!["nope", "--base-url", "http://127.0.0.1:1"],
            3,
            "no profile named 'nope'",
        ),
    ] {
        let mut all = vec!["profile", "set"];
        all.extend(&args);
        let out = home.cmd().args(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(home.config_path()).unwrap(),
            before,
            "{args:?}"
        );
    }
}

#[test]
fn a_config_file_named_but_missing_is_exit_3() {
    let home = Home::new();
    let missing = home.path().join("typo.toml");
    for args in [
        vec!["list"],
        vec!["get", "x"],
        vec!["profile", "list"],
        vec!["profile", "show"],
        vec!["export"],
    ] {
        let out = whctl_in(home.path())
            .arg("--config")
            .arg(&missing)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("does not exist"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // WHCTL_CONFIG the same.
    let out = whctl_in(home.path())
        .env("WHCTL_CONFIG", &missing)
        .args(["profile", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // The environment alone still makes a profile (no file needed).
    let out = whctl_in(home.path())
        .arg("--config")
        .arg(&missing)
        .env("WHCTL_PROVIDER", "sturdy")
        .args(["profile", "show", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // And profile add creates the file.
    let out = whctl_in(home.path())
        .arg("--config")
        .arg(&missing)
        .args(["profile", "add", "s", "--provider", "sturdy"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(missing.exists());
    // The default file may be missing: a fresh machine lists no profiles.
    let fresh = Home::new();
    let out = fresh
        .cmd()
        .args(["profile", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_out(&out), serde_json::json!([]));
}
