//! A fake Prune: one webhook URL per account behind `GET/PUT /v1/webhooks`, every answer in
//! the `{status, message, data, meta, code}` envelope.

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
    pub url: String,
    pub requests: Vec<Recorded>,
}

#[derive(Clone)]
pub struct FakePrune {
    pub base_url: String,
    pub inner: Arc<Mutex<Inner>>,
    pub faults: Arc<Mutex<Vec<Fault>>>,
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
    pub fn url(&self) -> String {
        self.inner.lock().unwrap().url.clone()
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
    let mut inner = fake.inner.lock().unwrap();
    match (method.as_str(), path.as_str()) {
        ("GET", "/v1/webhooks") => {
            let data = if inner.url.is_empty() {
                json!([])
            } else {
                json!([{ "url": inner.url, "type": "account" }])
            };
            envelope(StatusCode::OK, true, "Webhook URLs retrieved", data)
        }
        ("PUT", "/v1/webhooks") => {
            let b: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let Some(url) = b["url"].as_str() else {
                return envelope(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    false,
                    "url is required",
                    Value::Null,
                );
            };
            if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
                // Prune answers some rejections with 200 and status false.
                return envelope(StatusCode::OK, false, "Invalid webhook URL", Value::Null);
            }
            inner.url = url.to_string();
            envelope(
                StatusCode::OK,
                true,
                "Webhook URL updated",
                json!({ "url": url }),
            )
        }
        _ => envelope(StatusCode::NOT_FOUND, false, "Not found", Value::Null),
    }
}
