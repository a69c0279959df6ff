//! A fake Qolo: login tokens that can be expired, and notification subscriptions at the
//! assumed paths (`/api/{version}/notifications[/{guid}]`), plus one alternative delete path
//! (`POST …/{guid}/delete`) to exercise per-profile path overrides.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Fault, Recorded, answer, error, take_fault};
use crate::common::Home;

pub const LOGIN_ID: &str = "qolo-login-42";
pub const KEY: &str = "qolo-apikey-SENTINEL-93ab";
pub const PROGRAM: &str = "prog-guid-1";

#[derive(Debug, Clone)]
pub struct Notification {
    pub guid: String,
    pub program: String,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub secret: String,
}

#[derive(Default)]
pub struct Inner {
    pub notes: Vec<Notification>,
    pub requests: Vec<Recorded>,
    pub tokens: Vec<String>,
    pub logins: usize,
    pub next: u64,
}

#[derive(Clone)]
pub struct FakeQolo {
    pub base_url: String,
    pub inner: Arc<Mutex<Inner>>,
    pub faults: Arc<Mutex<Vec<Fault>>>,
}

const EVENTS: &[&str] = &[
    "all",
    "card",
    "card.created",
    "card.activated",
    "card.status",
    "card.pin.changed",
    "card.replaced",
    "card.fulfilment",
    "person.created",
    "person.verification.success",
    "person.updated",
    "wallet.created",
    "account.created",
    "account.activated",
    "account.closed",
    "account.status",
    "account.instrument.created",
    "outside.instrument.created",
    "outside.instrument.updated",
    "auth.approved",
    "auth.reversed",
    "auth.refunded",
    "auth.declined",
    "bankeft.credit.received",
    "bankeft.credit.reversed",
    "bankeft.credit.returned",
    "bankeft.debit.received",
    "bankeft.debit.reversed",
    "bankeft.debit.returned",
    "transfer.success",
    "check.cleared",
    "payment.success",
    "payment.failure",
    "realtimepayment",
    "company.created",
    "company.updated",
];

fn to_json(n: &Notification) -> Value {
    json!({
        "notification_guid": n.guid,
        "program_guid": n.program,
        "url": n.url,
        "event_type": n.events,
        "active": n.active,
        "secret": n.secret,
        "headers": {},
    })
}

impl FakeQolo {
    pub fn start() -> Self {
        let fake = FakeQolo {
            base_url: String::new(),
            inner: Arc::new(Mutex::new(Inner::default())),
            faults: Arc::new(Mutex::new(Vec::new())),
        };
        let app = Router::new().fallback(handle).with_state(fake.clone());
        let addr = super::serve(app);
        FakeQolo {
            base_url: format!("http://{addr}"),
            ..fake
        }
    }
    /// Adds a Qolo profile pointing at this fake (`extra`: more `profile add` flags).
    pub fn add_profile(&self, home: &Home, name: &str, extra: &[&str]) {
        let mut args = vec![
            "--provider",
            "qolo",
            "--base-url",
            &self.base_url,
            "--login-id",
            LOGIN_ID,
            "--program-guid",
            PROGRAM,
        ];
        args.extend(extra);
        super::add_profile(home, name, &args, KEY);
    }

    pub fn fault(&self, f: Fault) {
        self.faults.lock().unwrap().push(f);
    }
    pub fn requests(&self) -> Vec<Recorded> {
        self.inner.lock().unwrap().requests.clone()
    }
    pub fn notes(&self) -> Vec<Notification> {
        self.inner.lock().unwrap().notes.clone()
    }
    pub fn logins(&self) -> usize {
        self.inner.lock().unwrap().logins
    }
    /// Every token issued so far stops working (as after 12 hours).
    pub fn expire_tokens(&self) {
        self.inner.lock().unwrap().tokens.clear();
    }
}

fn check_body(b: &Value, need_guid: bool) -> Result<(), String> {
    for f in ["program_guid", "url"] {
        if b[f].as_str().is_none_or(str::is_empty) {
            return Err(format!("{f} is required"));
        }
    }
    if b["program_guid"] != PROGRAM {
        return Err("unknown program_guid".into());
    }
    let evs = b["event_type"].as_array().ok_or("event_type is required")?;
    if evs.is_empty() {
        return Err("event_type is required".into());
    }
    for e in evs {
        let e = e.as_str().unwrap_or("");
        if !EVENTS.contains(&e) {
            return Err(format!("invalid event_type {e}"));
        }
    }
    if need_guid && b["notification_guid"].as_str().is_none() {
        return Err("notification_guid is required".into());
    }
    Ok(())
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

async fn handle(
    State(fake): State<FakeQolo>,
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
        return (StatusCode::from_u16(f.status).unwrap(), f.body.clone()).into_response();
    }
    let b: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let mut inner = fake.inner.lock().unwrap();
    if method == Method::POST && path == "/api/v1/auth/login" {
        if b["loginid"] != LOGIN_ID || b["apikey"] != KEY {
            return error(StatusCode::UNAUTHORIZED, "invalid loginid or apikey");
        }
        inner.logins += 1;
        let token = format!("qolo-token-{}", inner.logins);
        inner.tokens.push(token.clone());
        return answer(
            StatusCode::OK,
            json!({ "token": token, "expires_in": 43200 }),
        );
    }
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !bearer.is_some_and(|t| inner.tokens.iter().any(|x| x == t)) {
        return error(StatusCode::UNAUTHORIZED, "token expired or invalid");
    }
    let Some(rest) = path.strip_prefix("/api/") else {
        return error(StatusCode::NOT_FOUND, "no such route");
    };
    let Some((_version, rest)) = rest.split_once('/') else {
        return error(StatusCode::NOT_FOUND, "no such route");
    };
    let segs: Vec<&str> = rest.split('/').collect();
    match (method.as_str(), segs.as_slice()) {
        ("GET", ["notifications"]) => {
            let program = uri
                .query()
                .unwrap_or("")
                .split('&')
                .find_map(|kv| kv.strip_prefix("program_guid="))
                .unwrap_or("");
            if program.is_empty() {
                return error(StatusCode::BAD_REQUEST, "program_guid is required");
            }
            let items: Vec<Value> = inner
                .notes
                .iter()
                .filter(|n| n.program == program)
                .map(to_json)
                .collect();
            answer(StatusCode::OK, json!({ "data": items }))
        }
        ("POST", ["notifications"]) => {
            if let Err(m) = check_body(&b, false) {
                return error(StatusCode::BAD_REQUEST, &m);
            }
            inner.next += 1;
            let n = Notification {
                guid: format!("ntf-{:04}", inner.next),
                program: PROGRAM.into(),
                url: b["url"].as_str().unwrap().into(),
                events: strings(&b["event_type"]),
                active: b["active"].as_bool().unwrap_or(true),
                secret: b["secret"].as_str().unwrap_or("").into(),
            };
            inner.notes.push(n.clone());
            answer(StatusCode::OK, to_json(&n))
        }
        ("PUT", ["notifications", guid]) => {
            let Some(i) = inner.notes.iter().position(|n| n.guid == *guid) else {
                return error(StatusCode::NOT_FOUND, "notification not found");
            };
            if let Err(m) = check_body(&b, true) {
                return error(StatusCode::BAD_REQUEST, &m);
            }
            let n = &mut inner.notes[i];
            n.url = b["url"].as_str().unwrap().into();
            n.events = strings(&b["event_type"]);
            if let Some(a) = b["active"].as_bool() {
                n.active = a;
            }
            if let Some(s) = b["secret"].as_str() {
                n.secret = s.into();
            }
            let v = to_json(n);
            answer(StatusCode::OK, json!({ "data": v }))
        }
        ("DELETE", ["notifications", guid]) | ("POST", ["notifications", guid, "delete"]) => {
            let Some(i) = inner.notes.iter().position(|n| n.guid == *guid) else {
                return error(StatusCode::NOT_FOUND, "notification not found");
            };
            inner.notes.remove(i);
            answer(StatusCode::OK, json!({ "message": "deleted" }))
        }
        _ => error(StatusCode::NOT_FOUND, "no such route"),
    }
}
