//! sign / verify / trigger / listen through the binary.
//!
//! Known-answer vectors were computed independently with Python's hmac module on the bytes
//! of tests/fixtures/delivery.json (which ends in a newline and has a space after colons):
//!
//! ```text
//! python3 -c 'import hmac,hashlib; b=open("tests/fixtures/delivery.json","rb").read();
//!   print(hmac.new(b"whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB", b"1700000000."+b, hashlib.sha256).hexdigest())'
//! ```
//! and likewise for the body-only schemes (key `qolo-secret-123`, `sturdy_whsec_abc`), and for
//! v1 over the compact re-serialisation `{"event":"card.created","occurred_at":"2024-01-01T00:00:00Z"}`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{Home, json_out, stderr, stdout, whctl};

const ATELIO_SECRET: &str = "whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB";
const V2: &str = "fcecb18c7ee352ca4678c914214dfd36d6ccb87fc72d243e00f06e942cd4cfb1";
const V1: &str = "f1f4686d288954c0e4c5964d276bbac32d7d6f4b6b0b255edee7e76b80befb4c";
const QOLO_HEX: &str = "423211e353f63e79613b980d501a5251666a6cf80e71bca8340e6ce9dad26ef3";
const STURDY_HEX: &str = "99d40c8e1ce94b0fbc24d66904ad2bbce8adfdda86946d97546b70e8ca4aafe1";

fn fixture() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/delivery.json"
    ))
}

fn secret_file(home: &Home, secret: &str) -> PathBuf {
    let p = home.path().join(format!("secret-{}", secret.len()));
    std::fs::write(&p, format!("{secret}\n")).unwrap();
    p
}

#[test]
fn known_answers_for_every_scheme() {
    let home = Home::new();
    let out = home
        .cmd()
        .args([
            "sign",
            "--provider",
            "atelio",
            "--timestamp",
            "1700000000",
            "-o",
            "table",
            "--secret-file",
        ])
        .arg(secret_file(&home, ATELIO_SECRET))
        .arg("--payload")
        .arg(fixture())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("Bond-Signature: t=1700000000,v1={V1},v2={V2}")
    );
    for (provider, secret, header, hex) in [
        ("qolo", "qolo-secret-123", "x-qolo-signature", QOLO_HEX),
        (
            "sturdy",
            "sturdy_whsec_abc",
            "X-Sturdy-Signature",
            STURDY_HEX,
        ),
    ] {
        let out = home
            .cmd()
            .args(["sign", "--provider", provider, "-o", "json", "--payload"])
            .arg(fixture())
            .env("WHCTL_WEBHOOK_SECRET", secret)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(json_out(&out)["headers"][header], hex, "{provider}");
        // verify agrees with the independent value.
        let out = home
            .cmd()
            .args([
                "verify",
                "--provider",
                provider,
                "--header",
                &format!("{header}: {hex}"),
                "--payload",
            ])
            .arg(fixture())
            .env("WHCTL_WEBHOOK_SECRET", secret)
            .output()
            .unwrap();
        assert!(out.status.success(), "{provider}: {}", stderr(&out));
    }
}

fn verify_atelio(
    home: &Home,
    header: &str,
    payload: &[u8],
    extra: &[&str],
) -> std::process::Output {
    let body = home.path().join("body");
    std::fs::write(&body, payload).unwrap();
    home.cmd()
        .args(["verify", "--provider", "atelio", "--header", header])
        .args(extra)
        .arg("--secret-file")
        .arg(secret_file(home, ATELIO_SECRET))
        .arg("--payload")
        .arg(&body)
        .output()
        .unwrap()
}

#[test]
fn verify_valid_tampered_wrong_secret_stale_bad_format() {
    let home = Home::new();
    let body = std::fs::read(fixture()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Sign now with the binary, then verify: a round trip.
    let out = home
        .cmd()
        .args(["sign", "--provider", "atelio", "-o", "json", "--payload"])
        .arg(fixture())
        .env("WHCTL_WEBHOOK_SECRET", ATELIO_SECRET)
        .output()
        .unwrap();
    let header = format!(
        "Bond-Signature: {}",
        json_out(&out)["headers"]["Bond-Signature"]
            .as_str()
            .unwrap()
    );
    let out = verify_atelio(&home, &header, &body, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("valid"));

    let mut tampered = body.clone();
    tampered[10] ^= 1;
    let out = verify_atelio(&home, &header, &tampered, &[]);
    assert_eq!(out.status.code(), Some(8));
    assert!(stderr(&out).contains("mismatch"), "{}", stderr(&out));

    let out = home
        .cmd()
        .args([
            "verify",
            "--provider",
            "atelio",
            "--header",
            &header,
            "--payload",
        ])
        .arg(fixture())
        .env("WHCTL_WEBHOOK_SECRET", "whsec_wrong")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8));

    // The known-answer header from 2023 is stale now, valid with a wide enough tolerance.
    let old = format!("Bond-Signature: t=1700000000,v1={V1},v2={V2}");
    let out = verify_atelio(&home, &old, &body, &[]);
    assert_eq!(out.status.code(), Some(8));
    assert!(stderr(&out).contains("stale"), "{}", stderr(&out));
    let wide = (now - 1_700_000_000 + 60).to_string();
    let out = verify_atelio(&home, &old, &body, &["--tolerance", &wide]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Only v2 counts: a wrong v1 does not matter, a wrong v2 does.
    let v1_wrong = format!("Bond-Signature: t=1700000000,v1={},v2={V2}", "0".repeat(64));
    assert_eq!(
        verify_atelio(&home, &v1_wrong, &body, &["--tolerance", &wide])
            .status
            .code(),
        Some(0)
    );
    let v2_wrong = format!("Bond-Signature: t=1700000000,v1={V1},v2={}", "0".repeat(64));
    assert_eq!(
        verify_atelio(&home, &v2_wrong, &body, &["--tolerance", &wide])
            .status
            .code(),
        Some(8)
    );

    for bad in [
        "Bond-Signature: nonsense",
        "Bond-Signature: t=abc,v2=00",
        "X-Other: 1",
    ] {
        let out = verify_atelio(&home, bad, &body, &[]);
        assert_eq!(out.status.code(), Some(8), "{bad}");
    }
    let out = verify_atelio(&home, "no colon here", &body, &[]);
    assert_eq!(out.status.code(), Some(2));
}

/// Atelio's `v2` over `"{t}." + body`, computed here: `whctl sign` refuses such a `t`.
fn atelio_v2(t: &str, body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(ATELIO_SECRET.as_bytes()).unwrap();
    m.update(format!("{t}.").as_bytes());
    m.update(body);
    hex::encode(m.finalize().into_bytes())
}

#[test]
fn a_timestamp_out_of_range_is_invalid_never_a_pass_or_a_panic() {
    let home = Home::new();
    let body = std::fs::read(fixture()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let widest = i64::MAX.to_string();
    // `i64::MIN + now` once wrapped `now - t` into a pass; each is signed with the right secret.
    for t in [i64::MIN + now, i64::MIN, i64::MAX, -1, 253_402_300_800] {
        let t = t.to_string();
        let header = format!("Bond-Signature: t={t},v2={}", atelio_v2(&t, &body));
        for tolerance in ["300", widest.as_str()] {
            let out = verify_atelio(
                &home,
                &header,
                &body,
                &["--tolerance", tolerance, "-o", "json"],
            );
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(8), "t={t} ±{tolerance}: {err}");
            assert!(err.contains("timestamp out of range"), "{err}");
            let v = json_out(&out);
            assert_eq!(v["valid"], false);
            assert!(
                v["reason"].as_str().unwrap().contains("out of range"),
                "{v}"
            );
        }
    }
    // The same body signed now is valid with the widest tolerance: no overflow there either.
    let t = now.to_string();
    let header = format!("Bond-Signature: t={t},v2={}", atelio_v2(&t, &body));
    let out = verify_atelio(&home, &header, &body, &["--tolerance", &widest]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // `sign` does not write such a timestamp, and `listen` takes no negative tolerance.
    let out = home
        .cmd()
        .args(["sign", "--provider", "atelio", "--payload"])
        .arg(fixture())
        .arg(format!("--timestamp={}", i64::MIN + now))
        .env("WHCTL_WEBHOOK_SECRET", ATELIO_SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("out of range"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let out = home
        .cmd()
        .args([
            "listen",
            "--provider",
            "atelio",
            "--port",
            "0",
            "--tolerance=-1",
        ])
        .env("WHCTL_WEBHOOK_SECRET", ATELIO_SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--tolerance"), "{}", stderr(&out));
}

#[test]
fn secrets_come_from_a_file_stdin_or_env_never_a_flag() {
    let home = Home::new();
    let out = home
        .cmd()
        .args([
            "sign",
            "--provider",
            "qolo",
            "--secret-file",
            "-",
            "--payload",
        ])
        .arg(fixture())
        .write_stdin("qolo-secret-123\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(QOLO_HEX));
    let out = home
        .cmd()
        .args(["sign", "--provider", "qolo", "--payload"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "no secret");
    assert!(stderr(&out).contains("WHCTL_WEBHOOK_SECRET"));
    let out = home
        .cmd()
        .args(["sign", "--provider", "qolo", "--secret", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Providers without a documented scheme.
    for p in ["prune", "graph"] {
        let out = home
            .cmd()
            .args(["sign", "--provider", p, "--payload"])
            .arg(fixture())
            .env("WHCTL_WEBHOOK_SECRET", "s")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{p}");
    }
}

/// `whctl listen` in the background; its address read from the readiness line.
struct Listen {
    child: Child,
    addr: String,
    stdout: std::thread::JoinHandle<String>,
    stderr_lines: Arc<Mutex<Vec<String>>>,
}

/// How long a listener may take to get ready, and to stop after its last delivery.
const LISTEN_DEADLINE: Duration = Duration::from_secs(60);

impl Listen {
    fn start(home: &Home, args: &[&str]) -> Listen {
        let mut cmd = crate::common::spawnable(home.path());
        let mut child = cmd
            .args(["listen", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let err = BufReader::new(child.stderr.take().unwrap());
        let mut out = child.stdout.take().unwrap();
        let stdout = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut out, &mut s);
            s
        });
        // stderr is read on a thread; the ready line is awaited with a deadline.
        let stderr_lines = Arc::new(Mutex::new(Vec::new()));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let sink = stderr_lines.clone();
        std::thread::spawn(move || {
            let mut ready = Some(ready_tx);
            for l in err.lines().map_while(Result::ok) {
                sink.lock().unwrap().push(l.clone());
                if l.starts_with("Ready") {
                    if let Some(tx) = ready.take() {
                        let _ = tx.send(l);
                    }
                }
            }
        });
        let line = match ready_rx.recv_timeout(LISTEN_DEADLINE) {
            Ok(l) => l,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "listen was not ready within {LISTEN_DEADLINE:?}: {:?}",
                    stderr_lines.lock().unwrap()
                );
            }
        };
        let addr = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        Listen {
            child,
            addr,
            stdout,
            stderr_lines,
        }
    }

    /// Waits (bounded) for the process to end: it stops by itself after --max deliveries.
    fn finish(mut self) -> (String, Vec<String>) {
        let status = crate::common::wait_with_deadline(&mut self.child, LISTEN_DEADLINE);
        let out = self.stdout.join().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            status.success(),
            "listen failed: {:?}",
            self.stderr_lines.lock().unwrap()
        );
        (out, self.stderr_lines.lock().unwrap().clone())
    }
}

#[test]
fn trigger_to_listen_end_to_end_for_every_signing_scheme() {
    for (provider, event, secret) in [
        ("atelio", "card.created", ATELIO_SECRET),
        ("qolo", "payment.success", "qolo-secret-123"),
        ("sturdy", "card.auth.approved", "sturdy_whsec_abc"),
    ] {
        let home = Home::new();
        let s = secret_file(&home, secret);
        let s_str = s.to_str().unwrap();
        let listen = Listen::start(
            &home,
            &[
                "--provider",
                provider,
                "--secret-file",
                s_str,
                "--max",
                "2",
                "-o",
                "json",
            ],
        );
        let out = home
            .cmd()
            .args([
                "trigger",
                event,
                "--provider",
                provider,
                "--to",
                &format!("{}/hook", listen.addr),
                "--secret-file",
                s_str,
                "-o",
                "json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{provider}: {}", stderr(&out));
        let v = json_out(&out);
        assert_eq!(v["accepted"], true);
        assert_eq!(v["status"], 200);
        // A delivery signed with another secret is shown as invalid and answered 400.
        let out = home
            .cmd()
            .args([
                "trigger",
                event,
                "--provider",
                provider,
                "--to",
                &format!("{}/hook", listen.addr),
                "-o",
                "json",
            ])
            .env("WHCTL_WEBHOOK_SECRET", "not-the-secret")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(6), "{provider}");
        assert_eq!(json_out(&out)["status"], 400);
        let (rows, _) = listen.finish();
        let rows: Vec<serde_json::Value> = rows
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 2, "{provider}: {rows:?}");
        assert_eq!(rows[0]["event"], event);
        assert_eq!(rows[0]["signature"], "valid", "{provider}: {rows:?}");
        assert_eq!(rows[1]["signature"], "invalid");
        assert!(rows[1]["reason"].as_str().unwrap().contains("mismatch"));
    }
}

#[test]
fn listen_table_and_forwarding_unchanged() {
    use axum::body::Bytes;
    use axum::http::HeaderMap;
    let got: Arc<Mutex<Vec<(HeaderMap, Bytes)>>> = Arc::default();
    let sink = got.clone();
    let app = axum::Router::new().fallback(move |h: HeaderMap, b: Bytes| {
        let sink = sink.clone();
        async move {
            sink.lock().unwrap().push((h, b));
            (axum::http::StatusCode::CREATED, "created")
        }
    });
    let app_addr = crate::fakes::serve(app);
    let home = Home::new();
    let s = secret_file(&home, ATELIO_SECRET);
    let listen = Listen::start(
        &home,
        &[
            "--provider",
            "atelio",
            "--secret-file",
            s.to_str().unwrap(),
            "--max",
            "1",
            "-o",
            "table",
            "--forward-to",
            &format!("http://{app_addr}/app"),
        ],
    );
    let out = home
        .cmd()
        .args([
            "trigger",
            "transactions",
            "--provider",
            "atelio",
            "--override",
            "transaction.amount=99.5",
            "-o",
            "json",
            "--to",
            &listen.addr,
            "--secret-file",
        ])
        .arg(&s)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_out(&out)["status"], 201, "the app's answer is relayed");
    let (table, err) = listen.finish();
    assert!(table.starts_with("TIME"), "{table}");
    let row = table.lines().nth(1).unwrap();
    assert!(
        row.contains("transactions") && row.contains("valid") && row.contains("201"),
        "{row}"
    );
    assert!(err.iter().any(|l| l.contains("stopped after 1")), "{err:?}");
    let got = got.lock().unwrap();
    assert_eq!(got.len(), 1);
    let (headers, body) = &got[0];
    let v: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(v["transaction"]["amount"], 99.5, "override applied");
    assert_eq!(v["event"], "transactions");
    // The forwarded delivery still verifies: body and signature header unchanged.
    let sig = headers
        .get("bond-signature")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let body_file = home.path().join("fwd-body");
    std::fs::write(&body_file, body).unwrap();
    let out = whctl()
        .args([
            "verify",
            "--provider",
            "atelio",
            "--header",
            &format!("Bond-Signature: {sig}"),
            "--payload",
        ])
        .arg(&body_file)
        .env("WHCTL_WEBHOOK_SECRET", ATELIO_SECRET)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn trigger_counts_only_what_the_provider_accepts() {
    let status = Arc::new(Mutex::new(202u16));
    let s2 = status.clone();
    let app = axum::Router::new().fallback(move || {
        let s = *s2.lock().unwrap();
        async move { axum::http::StatusCode::from_u16(s).unwrap() }
    });
    let addr = crate::fakes::serve(app);
    let to = format!("http://{addr}/h");
    let run = |p: &str, e: &str| {
        whctl()
            .args(["trigger", e, "--provider", p, "--to", &to])
            .env("WHCTL_WEBHOOK_SECRET", "x")
            .output()
            .unwrap()
    };
    assert_eq!(
        run("atelio", "card.created").status.code(),
        Some(6),
        "Atelio wants 200 or 201"
    );
    assert_eq!(
        run("sturdy", "card.created").status.code(),
        Some(0),
        "2xx is enough elsewhere"
    );
    *status.lock().unwrap() = 500;
    let out = run("graph", "card.frozen");
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).contains("500"));
    let out = run("atelio", "crad.created");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn listen_stops_cleanly_on_ctrl_c() {
    let home = Home::new();
    let listen = Listen::start(&home, &["--provider", "sturdy"]);
    let pid = listen.child.id().to_string();
    // SIGINT, as Ctrl-C sends it.
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let (_, err) = listen.finish();
    assert!(
        err.iter().any(|l| l.contains("stopped after 0 deliveries")),
        "{err:?}"
    );
}
