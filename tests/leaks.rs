//! One sweep over every command, success and failure paths, with `-v`, using sentinel API keys
//! and secrets: a sentinel may appear only where the command exists to reveal it.

use crate::common::{Home, stderr, stdout};
use crate::fakes::Fault;
use crate::fakes::{atelio::FakeAtelio, prune::FakePrune, qolo::FakeQolo};

struct Run {
    args: Vec<String>,
    out: String,
    err: String,
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
