//! `whctl sandbox`: whctl itself pointed at the sandbox with `WHCTL_BASE_URL`, and a
//! receiver written here, independently of whctl (its own HMAC code, not whctl's signing
//! module), that checks every delivery's signature with the secret `whctl subscribe` printed.
//! Every wait is bounded; the sandbox listens on a port it picks (`--port 0`, read from its
//! ready line) and is killed when the test ends.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::common::{Home, json_out, stderr};

/// How long the sandbox may take to print its ready line, and any polled condition to hold.
const DEADLINE: Duration = Duration::from_secs(30);

/// A running `whctl sandbox serve`, killed when dropped.
struct Sandbox {
    child: Child,
    info: Value,
    home: Home,
}

impl Sandbox {
    fn start(extra: &[&str]) -> Sandbox {
        Self::start_in(Home::new(), extra)
    }

    fn start_in(home: Home, extra: &[&str]) -> Sandbox {
        let mut child = crate::common::spawnable(home.path())
            .args(["sandbox", "serve", "--port", "0", "-o", "json"])
            .args(["--retry-scale", "0.0001"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = out.lines();
            if let Some(Ok(l)) = lines.next() {
                let _ = tx.send(l);
            }
            // Keep reading so the sandbox never blocks on a full pipe.
            for _ in lines {}
        });
        let line = match rx.recv_timeout(DEADLINE) {
            Ok(l) => l,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the sandbox printed no ready line within {DEADLINE:?}");
            }
        };
        let info: Value = serde_json::from_str(&line).expect("the ready line is one JSON object");
        Sandbox { child, info, home }
    }

    fn url(&self) -> String {
        self.info["sandbox"].as_str().unwrap().to_string()
    }

    /// The `WHCTL_*` variables the ready line gives for a provider.
    fn env(&self, provider: &str) -> Vec<(String, String)> {
        self.info["providers"][provider]["env"]
            .as_object()
            .unwrap_or_else(|| panic!("no {provider} in {}", self.info))
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect()
    }

    /// whctl with a provider's variables and `WHCTL_SANDBOX`, no config file.
    fn whctl(&self, provider: &str) -> assert_cmd::Command {
        self.whctl_in(&self.home, provider)
    }

    /// The same in another home (no cached Qolo token).
    fn whctl_in(&self, home: &Home, provider: &str) -> assert_cmd::Command {
        let mut c = home.cmd();
        c.envs(self.env(provider))
            .env("WHCTL_SANDBOX", self.url())
            .env("WHCTL_OUTPUT", "json");
        c
    }

    fn run(&self, provider: &str, args: &[&str]) -> std::process::Output {
        self.whctl(provider).args(args).output().unwrap()
    }

    fn ok(&self, provider: &str, args: &[&str]) -> Value {
        let out = self.run(provider, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        json_out(&out)
    }

    fn deliveries(&self) -> Vec<Value> {
        self.ok("atelio", &["sandbox", "deliveries"])
            .as_array()
            .unwrap()
            .clone()
    }

    /// Stops the sandbox (SIGKILL) and hands back its home.
    fn stop(mut self) -> Home {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.home, Home::new())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `f` until it is true, failing the test past [`DEADLINE`].
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < DEADLINE,
            "not within {DEADLINE:?}: {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One delivery as the receiver got it.
#[derive(Debug, Clone)]
struct Got {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    answered: u16,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
    fn event(&self) -> String {
        let v = self.json();
        ["event", "event_type", "identifier"]
            .iter()
            .find_map(|k| v[k].as_str())
            .unwrap_or("")
            .to_string()
    }
}

/// A receiver written for these tests: records every delivery, answers 500 to the first
/// `fail_first` of them and 200 afterwards.
#[derive(Clone)]
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Got>>>,
    fail_first: Arc<AtomicUsize>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let fail = r
        .fail_first
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    let status = if fail {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    };
    r.got.lock().unwrap().push(Got {
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect(),
        body: body.to_vec(),
        answered: status.as_u16(),
    });
    status
}

impl Receiver {
    fn start(fail_first: usize) -> Receiver {
        let mut r = Receiver {
            url: String::new(),
            got: Arc::new(Mutex::new(Vec::new())),
            fail_first: Arc::new(AtomicUsize::new(fail_first)),
        };
        let app = Router::new().fallback(receive).with_state(r.clone());
        let addr = crate::fakes::serve(app);
        r.url = format!("http://{addr}/hook");
        r
    }
    fn got(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }
    fn of(&self, event: &str) -> Vec<Got> {
        self.got()
            .into_iter()
            .filter(|g| g.event() == event)
            .collect()
    }
}

fn hmac_hex(key: &[u8], parts: &[&[u8]]) -> String {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    for p in parts {
        m.update(p);
    }
    hex::encode(m.finalize().into_bytes())
}

/// Atelio: `Bond-Signature: t=…,v1=…,v2=…`, v2 = HMAC(secret, "{t}." + body).
fn atelio_valid(g: &Got, secret: &str) -> bool {
    let Some(h) = g.header("bond-signature") else {
        return false;
    };
    let field = |k: &str| {
        h.split(',')
            .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
            .unwrap_or("")
            .to_string()
    };
    let t = field("t");
    !t.is_empty() && field("v2") == hmac_hex(secret.as_bytes(), &[t.as_bytes(), b".", &g.body])
}

/// A body HMAC in `header`.
fn body_hmac_valid(g: &Got, header: &str, secret: &str) -> bool {
    g.header(header) == Some(hmac_hex(secret.as_bytes(), &[&g.body]).as_str())
}

/// An HTTP call with a client of the test's own.
fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        let mut req = client.request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = req.body(body.to_string()).send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    })
}

fn env_of<'a>(env: &'a [(String, String)], k: &str) -> &'a str {
    env.iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.as_str())
        .unwrap()
}

#[test]
fn whctl_manages_subscriptions_on_all_three_through_the_sandbox() {
    let sb = Sandbox::start(&[]);
    // Atelio: `card.*` is stored expanded, as the real API does.
    let a = sb.ok(
        "atelio",
        &[
            "subscribe",
            "--url",
            "https://example.com/a",
            "--events",
            "card.*",
            "--description",
            "cards",
        ],
    );
    let id = a["id"].as_str().unwrap().to_string();
    assert!(a["secret"].as_str().unwrap().starts_with("whsec_"), "{a}");
    let listed = sb.ok("atelio", &["list"]);
    let events: Vec<&str> = listed[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        events.contains(&"card.created") && events.contains(&"card.status.fraud"),
        "{events:?}"
    );
    assert!(events.iter().all(|e| e.starts_with("card.")), "{events:?}");
    let u = sb.ok(
        "atelio",
        &[
            "update",
            &id,
            "--url",
            "https://example.com/a2",
            "--disable",
        ],
    );
    assert_eq!(u["url"], "https://example.com/a2");
    assert_eq!(u["status"], "disabled");
    sb.ok("atelio", &["delete", &id, "--yes"]);
    assert_eq!(sb.ok("atelio", &["list"]), json!([]));
    // Unknown id: 404, exit 4.
    let out = sb.run("atelio", &["update", "nope", "--disable"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));

    // Qolo: login, 201 create, paged list, get, PUT, delete.
    let q = sb.ok(
        "qolo",
        &[
            "subscribe",
            "--url",
            "https://example.com/q",
            "--events",
            "card",
            "auth.approved",
        ],
    );
    let qid = q["id"].as_str().unwrap().to_string();
    assert_eq!(
        sb.ok("qolo", &["get", &qid])["events"],
        json!(["card", "auth.approved"])
    );
    for i in 0..11 {
        sb.ok(
            "qolo",
            &[
                "subscribe",
                "--url",
                &format!("https://example.com/q{i}"),
                "--events",
                "all",
            ],
        );
    }
    assert_eq!(sb.ok("qolo", &["list"]).as_array().unwrap().len(), 12);
    let u = sb.ok("qolo", &["update", &qid, "--add-events", "payment.success"]);
    assert_eq!(
        u["events"],
        json!(["card", "auth.approved", "payment.success"])
    );
    sb.ok("qolo", &["delete", &qid, "--yes"]);
    let out = sb.run("qolo", &["get", &qid]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));

    // Prune: the account's EVENT and CALLBACK URLs.
    sb.ok("prune", &["subscribe", "--url", "https://example.com/p"]);
    let listed = sb.ok("prune", &["list"]);
    assert_eq!(listed[0]["id"], "event");
    assert_eq!(listed[0]["url"], "https://example.com/p");
    sb.ok(
        "prune",
        &["update", "callback", "--url", "https://example.com/cb"],
    );
    let listed = sb.ok("prune", &["list"]);
    assert_eq!(listed[1]["url"], "https://example.com/cb");
    assert_eq!(
        listed[0]["url"], "https://example.com/p",
        "the other URL is kept"
    );
    sb.ok("prune", &["delete", "event", "--yes"]);
    assert_eq!(sb.ok("prune", &["list"])[0]["url"], "");

    // A wrong key: 401, exit 3, on each (in a fresh home: no cached Qolo token).
    let fresh = Home::new();
    for p in ["atelio", "qolo", "prune"] {
        let out = sb
            .whctl_in(&fresh, p)
            .env("WHCTL_API_KEY", "wrong")
            .arg("list")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{p}: {}", stderr(&out));
    }
}

#[test]
fn a_receiver_verifies_every_delivery_of_a_matching_event_and_no_other() {
    let sb = Sandbox::start(&[]);
    let rx = Receiver::start(0);
    let a = sb.ok(
        "atelio",
        &["subscribe", "--url", &rx.url, "--events", "card.*"],
    );
    let a_secret = a["secret"].as_str().unwrap().to_string();
    let q = sb.ok("qolo", &["subscribe", "--url", &rx.url, "--events", "card"]);
    let q_secret = q["secret"].as_str().unwrap().to_string();
    sb.ok("prune", &["subscribe", "--url", &rx.url]);
    // Qolo pings the URL on subscribe (signed too); the receiver answers 200, so it stays active.
    eventually("qolo's ping", || !rx.of("ping").is_empty());
    assert!(body_hmac_valid(
        &rx.of("ping")[0],
        "x-qolo-signature",
        &q_secret
    ));
    assert_eq!(sb.ok("qolo", &["list"])[0]["status"], "enabled");

    // Atelio: a matching event is delivered, signed with the subscription's own secret.
    let e = sb.ok(
        "atelio",
        &[
            "sandbox",
            "emit",
            "card.created",
            "--provider",
            "atelio",
            "--override",
            "data.note=hi",
        ],
    );
    assert_eq!(e["deliveries"].as_array().unwrap().len(), 1, "{e}");
    assert_eq!(e["deliveries"][0]["status"], 200);
    let got = rx.of("card.created");
    assert_eq!(got.len(), 1);
    assert!(atelio_valid(&got[0], &a_secret), "{:?}", got[0]);
    assert!(!atelio_valid(&got[0], "whsec_other"));
    assert_eq!(got[0].json()["data"]["note"], "hi");
    // A non-matching one is not.
    let before = rx.got().len();
    let e = sb.ok(
        "atelio",
        &["sandbox", "emit", "transactions", "--provider", "atelio"],
    );
    assert_eq!(e["deliveries"], json!([]));

    // Qolo: `card` takes card.activated, not auth.approved.
    let e = sb.ok(
        "qolo",
        &["sandbox", "emit", "card.activated", "--provider", "qolo"],
    );
    assert_eq!(e["deliveries"].as_array().unwrap().len(), 1, "{e}");
    let got = rx.of("card.activated");
    assert_eq!(got.len(), 1);
    assert!(body_hmac_valid(&got[0], "x-qolo-signature", &q_secret));
    assert_eq!(
        sb.ok(
            "qolo",
            &["sandbox", "emit", "auth.approved", "--provider", "qolo"]
        )["deliveries"],
        json!([])
    );

    // Prune: every event to the EVENT URL, unsigned (no scheme is documented).
    sb.ok(
        "prune",
        &["sandbox", "emit", "ACCOUNT_CREDITED", "--provider", "prune"],
    );
    let got = rx.of("ACCOUNT_CREDITED");
    assert_eq!(got.len(), 1);
    assert_eq!(rx.got().len(), before + 2);

    // The log has every attempt, with its signature header.
    let log = sb.deliveries();
    let card = log.iter().find(|a| a["event"] == "card.created").unwrap();
    assert_eq!(card["signature_header"], "Bond-Signature");
    assert_eq!(card["attempt"], 1);
    assert_eq!(card["url"], rx.url.as_str());
    assert_eq!(card["subscription"], a["id"]);
    let prune = log
        .iter()
        .find(|a| a["event"] == "ACCOUNT_CREDITED")
        .unwrap();
    assert_eq!(prune["signature_header"], Value::Null);
    // The table view lists them too.
    let out = sb
        .whctl("atelio")
        .args(["sandbox", "deliveries", "-o", "table"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        table.contains("ATTEMPT")
            && table.contains("card.created")
            && table.contains("Bond-Signature"),
        "{table}"
    );
}

#[test]
fn a_receiver_that_fails_at_first_is_retried_until_it_accepts() {
    let sb = Sandbox::start(&[]);
    let rx = Receiver::start(2);
    let a = sb.ok(
        "atelio",
        &["subscribe", "--url", &rx.url, "--events", "card.created"],
    );
    let secret = a["secret"].as_str().unwrap().to_string();
    let e = sb.ok(
        "atelio",
        &["sandbox", "emit", "card.created", "--provider", "atelio"],
    );
    assert_eq!(e["deliveries"][0]["status"], 500);
    assert_eq!(e["deliveries"][0]["accepted"], false);
    assert!(e["deliveries"][0]["next_attempt_in_ms"].is_u64(), "{e}");
    eventually("a retry that is accepted", || {
        rx.got().iter().any(|g| g.answered == 200)
    });
    let got = rx.got();
    assert_eq!(
        got.iter().map(|g| g.answered).collect::<Vec<_>>(),
        [500, 500, 200]
    );
    // The same event every time (receivers drop duplicates by it), each attempt signed.
    assert!(got.iter().all(|g| atelio_valid(g, &secret)));
    assert!(
        got.iter()
            .all(|g| g.json()["occurred_at"] == got[0].json()["occurred_at"])
    );
    let log = sb.deliveries();
    let attempts: Vec<(u64, Value)> = log
        .iter()
        .map(|a| (a["attempt"].as_u64().unwrap(), a["status"].clone()))
        .collect();
    assert_eq!(
        attempts,
        [(1, json!(500)), (2, json!(500)), (3, json!(200))]
    );
    assert_eq!(log[2]["accepted"], true);
    assert_eq!(log[2]["max_attempts"], 13);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(rx.got().len(), 3, "no retry after an accepted attempt");
}

#[test]
fn subscriptions_and_keys_survive_a_restart_with_state() {
    let sb = Sandbox::start(&[]);
    let state = sb.home.path().join("sandbox.json");
    drop(sb);
    let sb = Sandbox::start(&["--state", state.to_str().unwrap()]);
    let a = sb.ok(
        "atelio",
        &[
            "subscribe",
            "--url",
            "https://example.com/s",
            "--events",
            "card.*",
        ],
    );
    let q = sb.ok(
        "qolo",
        &[
            "subscribe",
            "--url",
            "http://127.0.0.1:9/q",
            "--events",
            "all",
            "--disabled",
        ],
    );
    let env = sb.env("atelio");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let home = sb.stop();
    let sb = Sandbox::start_in(home, &["--state", state.to_str().unwrap()]);
    assert_eq!(sb.env("atelio")[2..], env[2..], "the keys are kept");
    let listed = sb.ok("atelio", &["list", "--show-secret"]);
    assert_eq!(listed[0]["id"], a["id"]);
    assert_eq!(listed[0]["secret"], a["secret"]);
    assert_eq!(
        sb.ok("qolo", &["get", q["id"].as_str().unwrap()])["status"],
        "disabled"
    );
    // A state file that is not one: exit 3, nothing overwritten.
    let bad = sb.home.path().join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    let out = sb
        .home
        .cmd()
        .args([
            "sandbox",
            "serve",
            "--port",
            "0",
            "--state",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "not json");
}

#[test]
fn bad_input_is_answered_in_each_providers_shape_and_bounded() {
    let sb = Sandbox::start(&[]);
    let base = sb.url();
    let a = sb.env("atelio");
    let a_auth = [
        ("authorization", env_of(&a, "WHCTL_API_KEY")),
        ("identity", env_of(&a, "WHCTL_IDENTITY")),
    ];
    let hooks = format!("{base}/atelio/webhooks");
    // Atelio: {"message"}.
    let (s, v) = http("GET", &hooks, &[], "");
    assert_eq!((s, v["message"].is_string()), (401, true), "{v}");
    let (s, v) = http("POST", &hooks, &a_auth, "{not json");
    assert_eq!((s, v["message"].is_string()), (400, true), "{v}");
    let (s, v) = http(
        "POST",
        &hooks,
        &a_auth,
        r#"{"url":"https://x.example/h","events":["card.nope"]}"#,
    );
    assert_eq!(s, 400);
    assert!(v["message"].as_str().unwrap().contains("card.nope"), "{v}");
    let (s, _) = http(
        "POST",
        &hooks,
        &a_auth,
        r#"{"url":"https://x.example/h","events":"card.*"}"#,
    );
    assert_eq!(s, 400);
    let (s, _) = http(
        "POST",
        &hooks,
        &a_auth,
        r#"{"url":"https://x.example/h","events":["card.*"],"status":"ON"}"#,
    );
    assert_eq!(s, 400);
    let (s, v) = http("PATCH", &format!("{hooks}/nope"), &a_auth, "{}");
    assert_eq!((s, v["message"].is_string()), (404, true));
    let big = format!(
        r#"{{"url":"https://x.example/h","description":"{}"}}"#,
        "x".repeat(300 * 1024)
    );
    let (s, v) = http("POST", &hooks, &a_auth, &big);
    assert_eq!((s, v["message"].is_string()), (413, true), "{v}");
    // Idempotency-Key: the same create twice makes one.
    let body = r#"{"url":"https://x.example/h","events":["card*"]}"#;
    let k = [a_auth[0], a_auth[1], ("idempotency-key", "k1")];
    let (s1, v1) = http("POST", &hooks, &k, body);
    let (s2, v2) = http("POST", &hooks, &k, body);
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(v1["webhook_id"], v2["webhook_id"]);
    assert_eq!(v1["status"], "STATUS_ENABLED");
    let (_, list) = http("GET", &hooks, &a_auth, "");
    assert_eq!(list["webhook_subscriptions"].as_array().unwrap().len(), 1);
    assert_eq!(list["webhook_subscriptions"][0]["status"], "enabled");

    // Qolo: ProblemDetails.
    let q = sb.env("qolo");
    let (s, v) = http(
        "POST",
        &format!("{base}/qolo/api/v1/auth/login"),
        &[],
        r#"{"loginid":"x","apikey":"y"}"#,
    );
    assert_eq!(
        (s, v["status"].as_u64(), v["title"].is_string()),
        (401, Some(401), true),
        "{v}"
    );
    let login =
        json!({"loginid": env_of(&q, "WHCTL_LOGIN_ID"), "apikey": env_of(&q, "WHCTL_API_KEY")});
    let (s, v) = http(
        "POST",
        &format!("{base}/qolo/api/v1/auth/login"),
        &[],
        &login.to_string(),
    );
    assert_eq!(s, 200, "{v}");
    let bearer = format!("Bearer {}", v["token"].as_str().unwrap());
    let auth = [("authorization", bearer.as_str())];
    let qhooks = format!("{base}/qolo/api/v1/webhooks");
    let program = env_of(&q, "WHCTL_PROGRAM_GUID");
    let dto = json!({"program_guid": program, "url": "https://x.example/q", "event_type": ["card"], "extra": 1});
    let (s, v) = http("POST", &qhooks, &auth, &dto.to_string());
    assert_eq!(s, 400);
    assert!(v["detail"].as_str().unwrap().contains("extra"), "{v}");
    let dto =
        json!({"program_guid": program, "url": "https://x.example/q", "event_type": ["card.nope"]});
    assert_eq!(http("POST", &qhooks, &auth, &dto.to_string()).0, 400);
    let (s, v) = http("GET", &format!("{qhooks}?limit=zero"), &auth, "");
    assert_eq!((s, v["detail"].is_string()), (400, true));
    let (s, v) = http("GET", &format!("{qhooks}/nope"), &auth, "");
    assert_eq!((s, v["status"].as_u64()), (404, Some(404)));
    let dto = json!({"program_guid": program, "url": "https://x.example/q", "event_type": ["all"], "active": false});
    let (s, v) = http("POST", &qhooks, &auth, &dto.to_string());
    assert_eq!((s, v["active"].as_bool()), (201, Some(false)), "{v}");
    let (s, v) = http("GET", &format!("{qhooks}?limit=1&start_index=1"), &auth, "");
    assert_eq!(
        (s, v["count"].as_u64(), v["has_more"].as_bool()),
        (200, Some(1), Some(false)),
        "{v}"
    );

    // Prune: the envelope with status false.
    let p = sb.env("prune");
    let bearer = format!("Bearer {}", env_of(&p, "WHCTL_API_KEY"));
    let auth = [("authorization", bearer.as_str())];
    let phooks = format!("{base}/prune/v1/accounts/webhooks");
    let (s, v) = http("GET", &phooks, &[], "");
    assert_eq!(
        (s, v["status"].as_bool(), v["code"].as_u64()),
        (401, Some(false), Some(401)),
        "{v}"
    );
    let (s, v) = http("PATCH", &phooks, &auth, "[1]");
    assert_eq!((s, v["status"].as_bool()), (400, Some(false)), "{v}");
    let (s, v) = http("PATCH", &phooks, &auth, r#"{"eventURL":"not a url"}"#);
    assert_eq!((s, v["status"].as_bool()), (200, Some(false)), "{v}");
    let (s, v) = http("GET", &format!("{base}/prune/v1/nope"), &auth, "");
    assert_eq!((s, v["status"].as_bool()), (404, Some(false)));

    // The control endpoints refuse what they cannot do; the sandbox still answers after all this.
    let (s, _) = http(
        "POST",
        &format!("{base}/_sandbox/emit"),
        &[],
        r#"{"provider":"atelio","event":"nope"}"#,
    );
    assert_eq!(s, 400);
    let (s, _) = http("POST", &format!("{base}/_sandbox/emit"), &[], "[]");
    assert_eq!(s, 400);
    let (s, _) = http("GET", &format!("{base}/elsewhere"), &[], "");
    assert_eq!(s, 404);
    assert_eq!(http("GET", &format!("{base}/_sandbox"), &[], "").0, 200);
}

#[test]
fn a_qolo_url_that_does_not_answer_2xx_leaves_the_subscription_inactive() {
    let sb = Sandbox::start(&[]);
    let (_sock, port) = crate::common::refused_port();
    let failing = Receiver::start(usize::MAX);
    let bad = sb.ok(
        "qolo",
        &[
            "subscribe",
            "--url",
            &format!("http://127.0.0.1:{port}/h"),
            "--events",
            "all",
        ],
    );
    let refused = sb.ok(
        "qolo",
        &["subscribe", "--url", &failing.url, "--events", "all"],
    );
    for s in [&bad, &refused] {
        let id = s["id"].as_str().unwrap();
        eventually("the failed ping disables the subscription", || {
            sb.ok("qolo", &["get", id])["status"] == "disabled"
        });
    }
    // Inactive subscriptions get no deliveries.
    let e = sb.ok(
        "qolo",
        &["sandbox", "emit", "card.created", "--provider", "qolo"],
    );
    assert_eq!(e["deliveries"], json!([]));
}

#[test]
fn providers_without_an_api_emit_to_the_url_given() {
    let sb = Sandbox::start(&[]);
    let rx = Receiver::start(0);
    let e = sb
        .whctl("atelio")
        .env("WHCTL_WEBHOOK_SECRET", "sturdy-secret")
        .args([
            "sandbox",
            "emit",
            "card.transaction",
            "--provider",
            "sturdy",
            "--to",
            &rx.url,
        ])
        .output()
        .unwrap();
    assert!(e.status.success(), "{}", stderr(&e));
    let got = rx.of("card.transaction");
    assert_eq!(got.len(), 1);
    assert!(body_hmac_valid(
        &got[0],
        "x-sturdy-signature",
        "sturdy-secret"
    ));
    assert_eq!(json_out(&e)["deliveries"][0]["subscription"], Value::Null);
    // Without --to there is nothing to deliver to: a usage error.
    let out = sb.run(
        "atelio",
        &[
            "sandbox",
            "emit",
            "card.transaction",
            "--provider",
            "sturdy",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // An unknown event or a bad override fails before anything is sent.
    let out = sb.run(
        "atelio",
        &["sandbox", "emit", "card.nope", "--provider", "atelio"],
    );
    assert_eq!(out.status.code(), Some(2));
    // No sandbox there: exit 7, saying how to start one.
    let (_sock, port) = crate::common::refused_port();
    let out = sb
        .whctl("atelio")
        .args([
            "sandbox",
            "deliveries",
            "--sandbox",
            &format!("http://127.0.0.1:{port}"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(
        stderr(&out).contains("whctl sandbox serve"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_sandbox_stops_cleanly_on_ctrl_c_and_kill() {
    for signal in ["-INT", "-TERM"] {
        let mut sb = Sandbox::start(&[]);
        let pid = sb.child.id().to_string();
        let status = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(status.success());
        let status = crate::common::wait_with_deadline(&mut sb.child, DEADLINE);
        assert!(status.success(), "{signal}: {status:?}");
    }
}
