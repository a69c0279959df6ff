//! Stateful fakes of the providers' APIs, served on 127.0.0.1 (port 0) from a thread of
//! their own, so that the blocking `assert_cmd` calls of the tests can reach them.

pub mod atelio;
pub mod prune;
pub mod qolo;

use std::net::SocketAddr;
use std::sync::Mutex;

use axum::Router;

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// An injected failure: requests whose method and path match answer `status` instead,
/// `times` times (then the fake behaves again).
#[derive(Debug, Clone)]
pub struct Fault {
    pub method: &'static str,
    pub path_contains: String,
    pub status: u16,
    pub times: usize,
    pub retry_after: Option<u64>,
    pub body: String,
    /// Carry the request out first, then fail this way (the outcome is unknown to the client).
    pub after_applying: Option<After>,
    /// Send `body` as it is, not in the fake's error shape.
    pub raw: bool,
    /// Let this many matching requests through before the fault starts.
    pub skip: usize,
}

/// How a fault that lets the request take effect fails afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Answer with the fault's status instead of the real answer.
    Status,
    /// Never answer (the client times out).
    Hang,
    /// Close the connection without an answer.
    Drop,
}

impl Fault {
    pub fn new(method: &'static str, path_contains: &str, status: u16, times: usize) -> Self {
        Fault {
            method,
            path_contains: path_contains.to_string(),
            status,
            times,
            retry_after: None,
            body: format!("{{\"message\":\"injected failure {status}\"}}"),
            after_applying: None,
            raw: false,
            skip: 0,
        }
    }

    /// Applies the request, then fails as `after` says.
    pub fn after(method: &'static str, path_contains: &str, after: After, times: usize) -> Self {
        Fault {
            after_applying: Some(after),
            ..Fault::new(method, path_contains, 502, times)
        }
    }
}

/// Turns the real answer into the failure a fault asks for, once the request was applied.
pub async fn fail_after(f: &Fault, real: axum::response::Response) -> axum::response::Response {
    use axum::response::IntoResponse;
    match f.after_applying {
        Some(After::Status) | None => (
            axum::http::StatusCode::from_u16(f.status).unwrap(),
            f.body.clone(),
        )
            .into_response(),
        Some(After::Hang) => {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            real
        }
        Some(After::Drop) => {
            // Ends the connection's task: the client sees the connection close unanswered.
            panic!("fake: dropping the connection on purpose");
        }
    }
}

/// A JSON answer.
pub fn answer(status: axum::http::StatusCode, body: serde_json::Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A JSON error answer, `{"message": …}`, as Atelio and Qolo send them.
pub fn error(status: axum::http::StatusCode, msg: &str) -> axum::response::Response {
    answer(status, serde_json::json!({ "message": msg }))
}

/// Records a request as the fakes keep it.
pub fn record(
    method: &axum::http::Method,
    uri: &axum::http::Uri,
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Recorded {
    Recorded {
        method: method.to_string(),
        path: uri.to_string(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect(),
        body: String::from_utf8_lossy(body).to_string(),
    }
}

/// Adds a profile named `name` to `home` with `args` and a key piped to `--api-key-stdin`.
pub fn add_profile(home: &crate::common::Home, name: &str, args: &[&str], key: &str) {
    let out = home
        .cmd()
        .args(["profile", "add", name])
        .args(args)
        .arg("--api-key-stdin")
        .write_stdin(key.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Takes the first fault matching a request, counting it down.
pub fn take_fault(faults: &Mutex<Vec<Fault>>, method: &str, path: &str) -> Option<Fault> {
    let mut faults = faults.lock().unwrap();
    let i = faults
        .iter()
        .position(|f| f.method == method && path.contains(&f.path_contains) && f.times > 0)?;
    if faults[i].skip > 0 {
        faults[i].skip -= 1;
        return None;
    }
    faults[i].times -= 1;
    Some(faults[i].clone())
}

/// Serves `app` on 127.0.0.1 on a free port, on a thread with its own runtime.
pub fn serve(app: Router) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    addr
}
