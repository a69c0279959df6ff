//! A fake Atelio: `/api/v0.1/webhooks` as the docs describe it. It checks both auth
//! headers, expands `card.*`/`card*` itself (its event list has one event whctl's catalog
//! lacks, `card.status.suspended`), keeps state, answers creates in the flat shape of the
//! docs and everything else in the nested shape with lower-case status.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Fault, Recorded, answer, error, take_fault};
use crate::common::Home;

pub const KEY: &str = "atelio-key-SENTINEL-5f2c9d1e";
pub const IDENTITY: &str = "atelio-identity-7b1";
pub const PREFIX: &str = "/api/v0.1";

#[derive(Debug, Clone)]
pub struct Sub {
    pub id: String,
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub enabled: bool,
    pub secret: String,
    pub created: String,
    pub updated: String,
}

#[derive(Default)]
pub struct Inner {
    pub subs: Vec<Sub>,
    pub requests: Vec<Recorded>,
    pub next: u64,
}

#[derive(Clone)]
pub struct FakeAtelio {
    pub base_url: String,
    pub inner: Arc<Mutex<Inner>>,
    pub faults: Arc<Mutex<Vec<Fault>>>,
}

fn server_events() -> Vec<String> {
    let catalog: Value =
        serde_json::from_str(include_str!("../../src/catalog/data/atelio.json")).unwrap();
    let mut names: Vec<String> = catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    names.push("card.status.suspended".to_string());
    names
}

/// Expands patterns as Atelio does; an unknown name is an error.
fn expand(patterns: &[String]) -> Result<Vec<String>, String> {
    let all = server_events();
    let mut out: Vec<String> = Vec::new();
    for p in patterns {
        let matched: Vec<&String> = if p == "*" {
            all.iter().collect()
        } else if let Some(prefix) = p.strip_suffix('*') {
            all.iter().filter(|e| e.starts_with(prefix)).collect()
        } else {
            all.iter().filter(|e| *e == p).collect()
        };
        if matched.is_empty() {
            return Err(format!("invalid event: {p}"));
        }
        for m in matched {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
    }
    Ok(out)
}

fn flat(s: &Sub) -> Value {
    json!({
        "webhook_id": s.id,
        "date_created": s.created,
        "url": s.url,
        "description": s.description,
        "events": s.events,
        "status": if s.enabled { "STATUS_ENABLED" } else { "STATUS_DISABLED" },
        "secret": s.secret,
    })
}

fn nested_fields(s: &Sub) -> Value {
    json!({
        "id": s.id,
        "url": s.url,
        "description": s.description,
        "events": s.events,
        "version": "0.1",
        "secret": s.secret,
        "status": if s.enabled { "enabled" } else { "disabled" },
        "created_time": s.created,
        "updated_time": s.updated,
    })
}

impl FakeAtelio {
    pub fn start() -> Self {
        let fake = FakeAtelio {
            base_url: String::new(),
            inner: Arc::new(Mutex::new(Inner::default())),
            faults: Arc::new(Mutex::new(Vec::new())),
        };
        let app = Router::new().fallback(handle).with_state(fake.clone());
        let addr = super::serve(app);
        FakeAtelio {
            base_url: format!("http://{addr}{PREFIX}"),
            ..fake
        }
    }

    /// Adds an Atelio profile pointing at this fake.
    pub fn add_profile(&self, home: &Home, name: &str) {
        super::add_profile(
            home,
            name,
            &[
                "--provider",
                "atelio",
                "--base-url",
                &self.base_url,
                "--identity",
                IDENTITY,
            ],
            KEY,
        );
    }

    pub fn fault(&self, f: Fault) {
        self.faults.lock().unwrap().push(f);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.inner.lock().unwrap().requests.clone()
    }

    pub fn subs(&self) -> Vec<Sub> {
        self.inner.lock().unwrap().subs.clone()
    }

    /// Adds a subscription directly (as if made in Atelio's dashboard).
    pub fn seed(&self, url: &str, events: &[&str]) -> Sub {
        let mut inner = self.inner.lock().unwrap();
        let sub = new_sub(
            &mut inner,
            url,
            "seeded",
            events.iter().map(|e| e.to_string()).collect(),
            true,
        );
        inner.subs.push(sub.clone());
        sub
    }
}

fn new_sub(
    inner: &mut Inner,
    url: &str,
    description: &str,
    events: Vec<String>,
    enabled: bool,
) -> Sub {
    inner.next += 1;
    let n = inner.next;
    Sub {
        id: format!("522e9ec7-0000-4d92-8270-{n:012}"),
        url: url.to_string(),
        description: description.to_string(),
        events,
        enabled,
        secret: format!("whsec_SECRETSENTINEL{n:04}qTEJtniwuEhp0A1c1c"),
        created: format!("2026-11-24T10:00:{:02}.000000", n % 60),
        updated: format!("2026-11-24T10:00:{:02}.000000", n % 60),
    }
}

async fn handle(
    State(fake): State<FakeAtelio>,
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
    let fault = take_fault(&fake.faults, method.as_str(), &path);
    if let Some(f) = fault.as_ref().filter(|f| f.after_applying.is_some()) {
        let real = route(&fake, method, &path, &headers, &body);
        return super::fail_after(f, real).await;
    }
    if let Some(f) = fault {
        let mut r = (
            StatusCode::from_u16(f.status).unwrap(),
            [("content-type", "application/json")],
            f.body.clone(),
        )
            .into_response();
        if let Some(s) = f.retry_after {
            r.headers_mut()
                .insert("retry-after", s.to_string().parse().unwrap());
        }
        return r;
    }
    route(&fake, method, &path, &headers, &body)
}

fn route(
    fake: &FakeAtelio,
    method: Method,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    let identity = headers.get("identity").and_then(|v| v.to_str().ok());
    if auth != Some(KEY) || identity != Some(IDENTITY) {
        return error(
            StatusCode::UNAUTHORIZED,
            "Invalid Authorization or Identity header",
        );
    }
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return error(StatusCode::NOT_FOUND, "no such route");
    };
    let body_json: Value = if body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(_) => return error(StatusCode::BAD_REQUEST, "body is not JSON"),
        }
    };
    let mut inner = fake.inner.lock().unwrap();
    match (method.as_str(), rest.trim_end_matches('/')) {
        ("GET", "/webhooks") => answer(
            StatusCode::OK,
            json!({ "webhook_subscriptions": inner.subs.iter().map(nested_fields).collect::<Vec<_>>() }),
        ),
        ("POST", "/webhooks") => {
            let url = body_json["url"].as_str().unwrap_or("");
            if url.is_empty() {
                return error(StatusCode::BAD_REQUEST, "url is required");
            }
            let patterns: Vec<String> = body_json["events"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|e| e.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            if patterns.is_empty() {
                return error(StatusCode::BAD_REQUEST, "events is required");
            }
            let events = match expand(&patterns) {
                Ok(e) => e,
                Err(m) => return error(StatusCode::BAD_REQUEST, &m),
            };
            let enabled = body_json["status"].as_str() != Some("STATUS_DISABLED");
            let description = body_json["description"].as_str().unwrap_or("").to_string();
            let sub = new_sub(&mut inner, url, &description, events, enabled);
            inner.subs.push(sub.clone());
            answer(StatusCode::OK, flat(&sub))
        }
        (m, p) if p.starts_with("/webhooks/") => {
            let id = &p["/webhooks/".len()..];
            let Some(i) = inner.subs.iter().position(|s| s.id == id) else {
                return error(
                    StatusCode::NOT_FOUND,
                    &format!("webhook subscription {id} not found"),
                );
            };
            match m {
                "PATCH" => {
                    let mut s = inner.subs[i].clone();
                    if let Some(u) = body_json["url"].as_str() {
                        s.url = u.to_string();
                    }
                    if let Some(d) = body_json["description"].as_str() {
                        s.description = d.to_string();
                    }
                    if let Some(evs) = body_json["events"].as_array() {
                        let pats: Vec<String> = evs
                            .iter()
                            .filter_map(|e| e.as_str().map(String::from))
                            .collect();
                        match expand(&pats) {
                            Ok(e) => s.events = e,
                            Err(m) => return error(StatusCode::BAD_REQUEST, &m),
                        }
                    }
                    if let Some(st) = body_json["status"].as_str() {
                        s.enabled = st == "STATUS_ENABLED";
                    }
                    s.updated = "2026-11-24T11:00:00.000000".to_string();
                    inner.subs[i] = s.clone();
                    answer(
                        StatusCode::OK,
                        json!({ "webhook_subscription": nested_fields(&s) }),
                    )
                }
                "DELETE" => {
                    let s = inner.subs.remove(i);
                    answer(
                        StatusCode::OK,
                        json!({ "webhook_subscription": nested_fields(&s) }),
                    )
                }
                _ => error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
            }
        }
        _ => error(StatusCode::NOT_FOUND, "no such route"),
    }
}
