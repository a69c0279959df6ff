//! `-q` means the same everywhere: only what a script captures (ids, a header value), or
//! nothing when the exit code says it all.

use std::path::Path;

use crate::common::{Home, stderr, stdout};

const SECRET: &str = "whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB";

/// A HOME holding `whsec.txt` and `body.json`, as the README's recipe expects.
fn files() -> Home {
    let home = Home::new();
    std::fs::write(home.path().join("whsec.txt"), format!("{SECRET}\n")).unwrap();
    std::fs::write(
        home.path().join("body.json"),
        br#"{"event":"card.created"}"#,
    )
    .unwrap();
    home
}

fn run(home: &Home, args: &[&str]) -> std::process::Output {
    home.cmd()
        .current_dir(home.path())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn sign_q_prints_only_the_header_value_that_verify_takes() {
    let home = files();
    for (provider, header) in [
        ("atelio", "Bond-Signature"),
        ("qolo", "x-qolo-signature"),
        ("sturdy", "X-Sturdy-Signature"),
    ] {
        let sign = [
            "sign",
            "--provider",
            provider,
            "--secret-file",
            "whsec.txt",
            "--payload",
            "body.json",
        ];
        // -q beats the format: neither JSON (piped) nor `Name: value` (table).
        for format in [&[][..], &["-o", "table"], &["-o", "json"]] {
            let out = run(&home, &[&sign[..], format, &["-q"]].concat());
            assert!(out.status.success(), "{}", stderr(&out));
            let sig = stdout(&out);
            assert_eq!(sig.lines().count(), 1, "{provider} {format:?}: {sig}");
            assert!(
                !sig.contains(header) && !sig.contains('{') && !sig.contains(' '),
                "{provider} {format:?}: {sig}"
            );
            let value = format!("{header}: {}", sig.trim_end());
            let out = run(
                &home,
                &[
                    "verify",
                    "--provider",
                    provider,
                    "--secret-file",
                    "whsec.txt",
                    "--payload",
                    "body.json",
                    "--header",
                    &value,
                    "-q",
                ],
            );
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            assert_eq!(stdout(&out), "", "verify -q prints nothing on success");
        }
    }
}

#[test]
fn verify_q_says_it_with_the_exit_code() {
    let home = files();
    for format in [&[][..], &["-o", "table"], &["-o", "json"]] {
        let args = [
            "verify",
            "--provider",
            "qolo",
            "--secret-file",
            "whsec.txt",
            "--payload",
            "body.json",
            "--header",
            "x-qolo-signature: 00",
            "-q",
        ];
        let out = run(&home, &[&args[..], format].concat());
        assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
        assert_eq!(stdout(&out), "", "{format:?}");
        assert!(stderr(&out).contains("not valid"), "{}", stderr(&out));
    }
    // Without -q, piped, the JSON verdict is still printed.
    let out = run(
        &home,
        &[
            "verify",
            "--provider",
            "qolo",
            "--secret-file",
            "whsec.txt",
            "--payload",
            "body.json",
            "--header",
            "x-qolo-signature: 00",
        ],
    );
    assert!(
        stdout(&out).contains("\"valid\": false"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn events_show_q_prints_the_event_name() {
    let home = Home::new();
    for (args, name) in [
        (
            &["events", "show", "card.created", "--provider", "atelio"][..],
            "card.created",
        ),
        (
            &["events", "show", "3021", "--provider", "prune"],
            "TRANSACTION_CONFIRMED",
        ),
        (&["events", "show", "card.frozen"], "card.frozen"),
    ] {
        for format in [&[][..], &["-o", "table"], &["-o", "json"]] {
            let out = run(&home, &[args, format, &["-q"]].concat());
            assert!(out.status.success(), "{}", stderr(&out));
            assert_eq!(stdout(&out), format!("{name}\n"), "{args:?} {format:?}");
        }
    }
}

/// The README's recipe, as written: `SIG=$(whctl sign … -q)` then `verify --header "…: $SIG"`.
#[test]
fn the_readmes_sign_then_verify_recipe_works() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let sign = readme
        .lines()
        .find(|l| l.starts_with("SIG=$(whctl sign "))
        .expect("the README captures SIG from whctl sign");
    let verify = readme
        .lines()
        .find(|l| l.starts_with("whctl verify ") && l.contains("$SIG"))
        .expect("the README verifies with $SIG");
    let home = files();
    let bin = assert_cmd::cargo::cargo_bin("whctl");
    let dir = bin.parent().unwrap_or(Path::new("."));
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = format!("set -e\n{sign}\n{verify}\necho \"exit=$?\"\n");
    let out = assert_cmd::Command::new("sh")
        .current_dir(home.path())
        .env("HOME", home.path())
        .env("PATH", path)
        .env_remove("WHCTL_WEBHOOK_SECRET")
        .env_remove("WHCTL_OUTPUT")
        .arg("-c")
        .arg(&script)
        .timeout(crate::common::PROCESS_DEADLINE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    assert!(stdout(&out).ends_with("exit=0\n"), "{}", stdout(&out));
}
