//! What the user hands whctl: size limits on every input, and keys and secrets typed on a
//! terminal without echo.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{
    Home, json_out, run_in_pty, spawnable, stderr, stdout, wait_with_deadline, whctl, whctl_in,
};
use crate::fakes::atelio::{FakeAtelio, IDENTITY, KEY};

/// What a run's stdin is.
#[derive(Clone, Copy, Debug)]
enum Feed {
    /// Empty.
    Nothing,
    /// `/dev/zero`: endless NUL bytes.
    Zero,
    /// An endless pipe, as from `yes |`.
    Yes,
}

/// Runs whctl in `home` with `stdin`, within a deadline far below what reading an endless
/// input to its end would take; returns the exit code, stderr and the time it took.
fn run_fed(
    home: &Home,
    args: &[&str],
    envs: &[(&str, &str)],
    feed: Feed,
) -> (Option<i32>, String, Duration) {
    let mut cmd = spawnable(home.path());
    cmd.args(args)
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    match feed {
        Feed::Nothing => cmd.stdin(Stdio::null()),
        Feed::Zero => cmd.stdin(std::fs::File::open("/dev/zero").unwrap()),
        Feed::Yes => cmd.stdin(Stdio::piped()),
    };
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    if let Some(mut stdin) = child.stdin.take() {
        std::thread::spawn(move || {
            let chunk = b"y\n".repeat(32 * 1024);
            // Until whctl stops reading and the pipe breaks.
            while stdin.write_all(&chunk).is_ok() {}
        });
    }
    let status = wait_with_deadline(&mut child, Duration::from_secs(30));
    let took = started.elapsed();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    (status.code(), err, took)
}

/// Arguments, environment, stdin, the exit code wanted, and what the message must name.
type Case<'a> = (
    Vec<&'a str>,
    &'a [(&'a str, &'a str)],
    Feed,
    i32,
    [&'a str; 2],
);

fn file(home: &Home, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let p = home.path().join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn huge_or_endless_inputs_are_refused_quickly_naming_the_input_and_its_limit() {
    let home = Home::new();
    let secret = file(&home, "secret.txt", "whsec_inputs_test_secret\n");
    let body = file(&home, "body.json", "{\"a\": 1}");
    let (_refused, port) = crate::common::refused_port();
    let to = format!("http://127.0.0.1:{port}/hook");
    let base = format!("http://127.0.0.1:{port}");
    let qolo_env: &[(&str, &str)] = &[
        ("WHCTL_PROVIDER", "qolo"),
        ("WHCTL_BASE_URL", &base),
        ("WHCTL_API_KEY", "qolo-key-0123456789"),
        ("WHCTL_LOGIN_ID", "login"),
        ("WHCTL_PROGRAM_GUID", "program"),
    ];
    let add_key = [
        "profile",
        "add",
        "p",
        "--provider",
        "atelio",
        "--api-key-stdin",
    ];
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        (add_key.to_vec(), &[], Feed::Zero, 2, ["the API key from stdin", "64 KiB"]),
        (add_key.to_vec(), &[], Feed::Yes, 2, ["the API key from stdin", "64 KiB"]),
        (vec!["sign", "--provider", "qolo", "--secret-file", "/dev/zero", "--payload", s(&body)], &[], Feed::Nothing, 2, ["the secret file /dev/zero", "64 KiB"]),
        (vec!["sign", "--provider", "qolo", "--secret-file", "-", "--payload", s(&body)], &[], Feed::Yes, 2, ["the secret from stdin", "64 KiB"]),
        (vec!["sign", "--provider", "qolo", "--secret-file", s(&secret), "--payload", "/dev/zero"], &[], Feed::Nothing, 2, ["the payload /dev/zero", "1 MiB"]),
        (vec!["sign", "--provider", "qolo", "--secret-file", s(&secret)], &[], Feed::Yes, 2, ["the payload from stdin", "1 MiB"]),
        (vec!["verify", "--provider", "qolo", "--secret-file", s(&secret), "--header", "x-qolo-signature: 00", "--payload", "-"], &[], Feed::Zero, 2, ["the payload from stdin", "1 MiB"]),
        (vec!["trigger", "card.created", "--provider", "qolo", "--to", &to, "--secret-file", "-"], &[], Feed::Yes, 2, ["the secret from stdin", "64 KiB"]),
        (vec!["listen", "--provider", "qolo", "--port", "0", "--secret-file", "/dev/zero"], &[], Feed::Nothing, 2, ["the secret file /dev/zero", "64 KiB"]),
        (vec!["subscribe", "--url", "https://example.com/h", "--events", "card", "--secret-file", "-"], qolo_env, Feed::Zero, 2, ["the secret from stdin", "64 KiB"]),
        (vec!["plan", "-f", "/dev/zero"], &[], Feed::Nothing, 2, ["the plan file /dev/zero", "16 MiB"]),
        (vec!["apply", "--yes", "-f", "/dev/zero"], &[], Feed::Nothing, 2, ["the plan file /dev/zero", "16 MiB"]),
        (vec!["--config", "/dev/zero", "profile", "list"], &[], Feed::Nothing, 3, ["config file /dev/zero", "16 MiB"]),
        (vec!["--config", "/dev/zero", "list"], qolo_env, Feed::Nothing, 3, ["config file /dev/zero", "16 MiB"]),
    ];
    for (args, envs, feed, code, [what, limit]) in cases {
        let (got, err, took) = run_fed(&home, &args, envs, feed);
        let case = format!("{args:?} with {feed:?}");
        assert_eq!(got, Some(code), "{case}: {err}");
        assert!(
            err.contains(what) && err.contains(limit) && err.contains("larger than"),
            "{case}: the message names the input and the limit: {err}"
        );
        assert!(
            took < Duration::from_secs(15),
            "{case}: refused at once, took {took:?}"
        );
    }
    assert!(
        !home.config_path().exists(),
        "a refused key wrote no config file"
    );
}

#[test]
fn inputs_at_their_limit_are_read_and_one_byte_more_is_refused() {
    let home = Home::new();
    let kib64 = 64 * 1024;
    let mib = 1024 * 1024;
    let body = file(&home, "body.json", "{}");
    let secret = file(&home, "secret.txt", "whsec_limit");
    for (name, bytes, ok) in [
        ("secret-at.txt", kib64, true),
        ("secret-over.txt", kib64 + 1, false),
    ] {
        let f = file(&home, name, "s".repeat(bytes));
        let out = home
            .cmd()
            .args([
                "sign",
                "--provider",
                "qolo",
                "--payload",
                s(&body),
                "--secret-file",
                s(&f),
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "{name}: {}", stderr(&out));
        if !ok {
            assert_eq!(out.status.code(), Some(2));
            assert!(stderr(&out).contains("64 KiB"), "{}", stderr(&out));
        }
    }
    for (name, bytes, ok) in [
        ("payload-at.json", mib, true),
        ("payload-over.json", mib + 1, false),
    ] {
        let f = file(&home, name, "p".repeat(bytes));
        let out = home
            .cmd()
            .args([
                "sign",
                "--provider",
                "qolo",
                "--secret-file",
                s(&secret),
                "--payload",
                s(&f),
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "{name}: {}", stderr(&out));
        if !ok {
            assert_eq!(out.status.code(), Some(2));
            assert!(stderr(&out).contains("1 MiB"), "{}", stderr(&out));
        }
    }
    for (name, bytes, ok) in [("at", kib64, true), ("over", kib64 + 1, false)] {
        let out = home
            .cmd()
            .args([
                "profile",
                "add",
                name,
                "--provider",
                "prune",
                "--api-key-stdin",
            ])
            .write_stdin("k".repeat(bytes))
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "{name}: {}", stderr(&out));
    }
    let text = std::fs::read_to_string(home.config_path()).unwrap();
    assert!(text.contains("[profiles.at]") && !text.contains("[profiles.over]"));
}

#[test]
fn a_refused_plan_file_sends_nothing() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "a");
    let big = file(
        &home,
        "big.toml",
        format!(
            "[[subscription]]\nprofile = \"a\"\nurl = \"https://example.com/x\"\nevents = [\"card.*\"]\n{}",
            "#".repeat(16 * 1024 * 1024)
        ),
    );
    let out = home
        .cmd()
        .args(["apply", "--yes", "-f", s(&big)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("16 MiB"), "{}", stderr(&out));
    assert!(fake.requests().is_empty(), "nothing was sent");
    assert!(fake.subs().is_empty());
}

/// `profile show NAME -o json` in `home`.
fn show(home: &Home, name: &str) -> serde_json::Value {
    let out = home
        .cmd()
        .args(["profile", "show", name, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    json_out(&out)
}

#[test]
fn a_key_typed_on_a_terminal_is_not_echoed_and_ends_at_enter() {
    let home = Home::new();
    let typed = "tty-typed-key-7f3a9c2e51";
    let (code, screen) = run_in_pty(
        &home,
        &[
            "profile",
            "add",
            "t",
            "--provider",
            "atelio",
            "--identity",
            IDENTITY,
            "--api-key-stdin",
        ],
        typed,
    );
    assert_eq!(code, Some(0), "terminal showed: {screen}");
    assert!(screen.contains("[pty echo after exit: on]"), "{screen}");
    assert!(screen.contains("(input hidden)"), "a prompt: {screen}");
    assert!(
        !screen.contains(typed),
        "the key was echoed on the terminal: {screen}"
    );
    assert!(screen.contains("profile 't' (atelio) saved"), "{screen}");
    let v = show(&home, "t");
    assert_eq!(v["api_key"]["source"], "file");
    let cfg: toml::Table =
        toml::from_str(&std::fs::read_to_string(home.config_path()).unwrap()).unwrap();
    assert_eq!(cfg["profiles"]["t"]["api_key"].as_str(), Some(typed));

    // Enter alone is an empty key: refused, nothing written.
    let (code, screen) = run_in_pty(
        &home,
        &[
            "profile",
            "add",
            "e",
            "--provider",
            "atelio",
            "--api-key-stdin",
        ],
        "",
    );
    assert_eq!(code, Some(2), "terminal showed: {screen}");
    assert!(screen.contains("empty key"), "{screen}");
    let text = std::fs::read_to_string(home.config_path()).unwrap();
    assert!(!text.contains("[profiles.e]"), "{text}");

    // Ctrl-C at the prompt cancels, and the terminal gets its echo back.
    let (code, screen) = run_in_pty(
        &home,
        &[
            "profile",
            "add",
            "c",
            "--provider",
            "atelio",
            "--api-key-stdin",
        ],
        "half-typed\u{3}",
    );
    assert_eq!(code, Some(2), "terminal showed: {screen}");
    assert!(screen.contains("cancelled"), "{screen}");
    assert!(
        screen.contains("[pty echo after exit: on]"),
        "echo left off after Ctrl-C: {screen}"
    );
    let text = std::fs::read_to_string(home.config_path()).unwrap();
    assert!(!text.contains("[profiles.c]"), "{text}");
}

#[test]
fn a_secret_typed_on_a_terminal_is_not_echoed_and_piped_ones_are_unchanged() {
    let home = Home::new();
    let typed = "whsec_tty_typed_5be0c4d1";
    let body = file(&home, "body.json", "{\"event\": \"card.created\"}");
    let args = [
        "sign",
        "--provider",
        "qolo",
        "--secret-file",
        "-",
        "--payload",
        s(&body),
        "-o",
        "json",
    ];
    // The same secret piped in, with a trailing newline: read to its end, trimmed.
    let out = home
        .cmd()
        .args(args)
        .write_stdin(format!("{typed}\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let want = json_out(&out)["headers"]["x-qolo-signature"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(want.len(), 64);

    let (code, screen) = run_in_pty(&home, &args, typed);
    assert_eq!(code, Some(0), "terminal showed: {screen}");
    assert!(
        screen.contains("Webhook secret (input hidden): "),
        "{screen}"
    );
    assert!(
        !screen.contains(typed),
        "the secret was echoed on the terminal: {screen}"
    );
    assert!(
        screen.contains(&want),
        "signed with the typed secret: {screen}"
    );
}

#[test]
fn keys_still_come_from_a_pipe_whole_and_trimmed() {
    let home = Home::new();
    let out = home
        .cmd()
        .args([
            "profile",
            "add",
            "p",
            "--provider",
            "atelio",
            "--api-key-stdin",
        ])
        .write_stdin(format!("  {KEY}\n\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("input hidden"),
        "no prompt when stdin is a pipe: {}",
        stderr(&out)
    );
    let cfg: toml::Table =
        toml::from_str(&std::fs::read_to_string(home.config_path()).unwrap()).unwrap();
    assert_eq!(cfg["profiles"]["p"]["api_key"].as_str(), Some(KEY));
}

/// `profile add` takes only the fields the provider's profiles use (its spec's credentials
/// and routes), and no empty values: exit 2, and the config file is not touched.
#[test]
fn profile_add_refuses_foreign_flags_and_empty_values() {
    let home = Home::new();
    for (args, says) in [
        (
            vec!["--provider", "qolo", "--identity", "x"],
            "--identity does not apply to qolo profiles (they use --api-key-stdin, --login-id, --program-guid, --api-version)",
        ),
        (
            vec!["--provider", "atelio", "--login-id", "x"],
            "--login-id does not apply to atelio",
        ),
        (
            vec!["--provider", "sturdy", "--api-key-env", "K"],
            "--api-key-env does not apply to sturdy profiles (they take no credentials)",
        ),
        (
            vec!["--provider", "atelio", "--identity", ""],
            "--identity is empty",
        ),
        (
            vec!["--provider", "qolo", "--login-id", " "],
            "--login-id is empty",
        ),
        (
            vec!["--provider", "atelio", "--base-url", ""],
            "--base-url is empty",
        ),
        (
            vec!["--provider", "qolo", "--path", "remove=/x"],
            "qolo has no operation 'remove' (its operations: login, create, list, get, update, delete)",
        ),
        (
            vec!["--provider", "graph", "--path", "delete=/x"],
            "graph has no API paths to override",
        ),
    ] {
        let mut all = vec!["profile", "add", "p"];
        all.extend(&args);
        let out = whctl_in(home.path()).args(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!home.config_path().exists(), "{args:?} wrote the config");
    }
    // The help says which providers use each field, from the registry.
    let out = whctl().args(["profile", "add", "--help"]).output().unwrap();
    let help = stdout(&out);
    assert!(help.contains("The login id (qolo)"), "{help}");
    assert!(help.contains("The Identity header (atelio)"), "{help}");
}
