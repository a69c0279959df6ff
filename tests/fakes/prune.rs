//! A fake Prune that follows what Prune publishes: an account's two webhook URLs, read with
//! `GET /v1/accounts/webhooks` as `data: [{id, type: EVENT|CALLBACK, url, …}]` (a type never
//! set is missing) and set with `PATCH /v1/accounts/webhooks {"eventURL", "callbackURL"}`,
//! every answer in the `{status, message, data, meta, code}` envelope. What Prune does not
//! publish is taken at its worst: a field left out of the PATCH clears that URL.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Fault, Recorded, take_fault};
use crate::common::Home;

pub const KEY: &str = "prune-key-SENTINEL-c0ffee";

#[derive(Default)]
pub struct Inner {
    /// The EVENT and CALLBACK URLs; empty when unset.
    pub event: String,
    pub callback: String,
    pub requests: Vec<Recorded>,
}

#[derive(Clone)]
pub struct FakePrune {
    pub base_url: String,
    pub inner: Arc<Mutex<Inner>>,
    pub faults: Arc<Mutex<Vec<Fault>>>,
    /// How long a PATCH takes (ms) before it changes anything, to make concurrent changes
    /// overlap.
    pub write_delay_ms: Arc<AtomicU64>,
}

fn envelope(status: StatusCode, ok: bool, message: &str, data: Value) -> Response {
    let body = json!({
        "status": ok,
        "message": message,
        "data": data,
        "meta": {},
        "code": status.as_u16(),
    });
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

impl FakePrune {
    pub fn start() -> Self {
        let fake = FakePrune {
            base_url: String::new(),
            inner: Arc::new(Mutex::new(Inner::default())),
            faults: Arc::new(Mutex::new(Vec::new())),
            write_delay_ms: Arc::new(AtomicU64::new(0)),
        };
        let app = Router::new().fallback(handle).with_state(fake.clone());
        let addr = super::serve(app);
        FakePrune {
            base_url: format!("http://{addr}"),
            ..fake
        }
    }
    /// Adds a Prune profile pointing at this fake.
    pub fn add_profile(&self, home: &Home, name: &str) {
        super::add_profile(
            home,
            name,
            &["--provider", "prune", "--base-url", &self.base_url],
            KEY,
        );
    }

    pub fn fault(&self, f: Fault) {
        self.faults.lock().unwrap().push(f);
    }
    /// A fault whose body is sent as it is, outside the envelope.
    pub fn fault_raw(&self, f: Fault) {
        self.fault(Fault { raw: true, ..f });
    }
    /// The (event, callback) URLs.
    pub fn urls(&self) -> (String, String) {
        let i = self.inner.lock().unwrap();
        (i.event.clone(), i.callback.clone())
    }
    pub fn set_urls(&self, event: &str, callback: &str) {
        let mut i = self.inner.lock().unwrap();
        i.event = event.into();
        i.callback = callback.into();
    }
    pub fn requests(&self) -> Vec<Recorded> {
        self.inner.lock().unwrap().requests.clone()
    }
}

async fn handle(
    State(fake): State<FakePrune>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    fake.inner
        .lock()
        .unwrap()
        .requests
        .push(super::record(&method, &uri, &headers, &body));
    if let Some(f) = take_fault(&fake.faults, method.as_str(), &path) {
        if f.raw {
            return (StatusCode::from_u16(f.status).unwrap(), f.body).into_response();
        }
        return envelope(
            StatusCode::from_u16(f.status).unwrap(),
            false,
            &f.body,
            Value::Null,
        );
    }
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    if auth != Some(&format!("Bearer {KEY}")) {
        return envelope(
            StatusCode::UNAUTHORIZED,
            false,
            "Unauthorized: invalid API key",
            Value::Null,
        );
    }
    let delay = fake.write_delay_ms.load(Ordering::Relaxed);
    if method == Method::PATCH && delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let mut inner = fake.inner.lock().unwrap();
    match (method.as_str(), path.as_str()) {
        ("GET", "/v1/accounts/webhooks") => {
            let item = |id: &str, kind: &str, url: &str| {
                json!({
                    "id": id, "type": kind, "url": url,
                    "createdAt": "2026-01-05T10:00:00.000Z",
                    "updatedAt": "2026-01-06T10:00:00.000Z",
                    "deletedAt": null, "companyId": "cmp-1",
                })
            };
            let mut data = Vec::new();
            if !inner.event.is_empty() {
                data.push(item("wh-event-1", "EVENT", &inner.event));
            }
            if !inner.callback.is_empty() {
                data.push(item("wh-callback-1", "CALLBACK", &inner.callback));
            }
            envelope(StatusCode::OK, true, "Webhooks retrieved", json!(data))
        }
        ("PATCH", "/v1/accounts/webhooks") => {
            let b: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            // Not published; taken at its worst: a URL left out is cleared.
            let event = b["eventURL"].as_str().unwrap_or("");
            let callback = b["callbackURL"].as_str().unwrap_or("");
            for url in [event, callback] {
                if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
                    // Prune answers some rejections with 200 and status false.
                    return envelope(StatusCode::OK, false, "Invalid webhook URL", Value::Null);
                }
            }
            inner.event = event.to_string();
            inner.callback = callback.to_string();
            patched()
        }
        _ => envelope(StatusCode::NOT_FOUND, false, "Not found", Value::Null),
    }
}

/// The documented answer to the PATCH: no data.
fn patched() -> Response {
    let body = json!({ "status": true, "message": "Webhooks updated", "code": 200 });
    (
        StatusCode::OK,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}
