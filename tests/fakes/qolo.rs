//! A fake Qolo that follows the published OpenAPI file: login tokens that can be expired,
//! webhooks under `/api/{version}/webhooks` with a paged list (`limit` default 10, at most
//! [`PAGE_MAX`] per page whatever is asked, `start_index` from 1, `{count, start_index,
//! end_index, has_more, data}`), get-one, 201 creates honouring `IdempotencyKey`, updates
//! answered 204 (or 200 without a body), bodies checked against the DTO
//! (`additionalProperties: false`), errors as `ProblemDetails`. Delete is the assumed
//! `DELETE …/{guid}`, plus `POST …/{guid}/delete` to exercise per-profile path overrides.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Fault, Recorded, answer, take_fault};
use crate::common::Home;

pub const LOGIN_ID: &str = "qolo-login-42";
pub const KEY: &str = "qolo-apikey-SENTINEL-93ab";
pub const PROGRAM: &str = "prog-guid-1";

/// The most webhooks the fake puts on one page, whatever `limit` asks for.
pub const PAGE_MAX: usize = 10;

#[derive(Debug, Clone)]
pub struct Notification {
    pub guid: String,
    pub program: String,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub secret: String,
    pub headers: Value,
}

/// How the fake's list misbehaves, for the bounded-paging tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paging {
    #[default]
    Honest,
    /// `has_more` is always true and every page after the first is empty.
    EmptyForever,
    /// Every page is the first one again, `has_more` true.
    SamePageForever,
}

#[derive(Default)]
pub struct Inner {
    pub notes: Vec<Notification>,
    pub requests: Vec<Recorded>,
    pub tokens: Vec<String>,
    pub logins: usize,
    pub next: u64,
    /// IdempotencyKey → the guid its create made.
    pub idempotency: Vec<(String, String)>,
    /// Answer updates 200 with no body instead of 204.
    pub update_200: bool,
    pub paging: Paging,
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
        "headers": n.headers,
        "secret": n.secret,
        "active": n.active,
        "event_type": n.events,
    })
}

/// An RFC 7807 `ProblemDetails` answer, as Qolo's API documents its errors.
pub fn problem(status: StatusCode, detail: &str) -> Response {
    answer(
        status,
        json!({
            "type": "https://tools.ietf.org/html/rfc7231",
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "detail": detail,
            "instance": null,
        }),
    )
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
    /// Adds `n` webhooks of the profile's program (and one of another program, which the
    /// list also returns and whctl must leave out); returns the program's guids in order.
    pub fn seed(&self, n: usize) -> Vec<String> {
        let mut inner = self.inner.lock().unwrap();
        let mut guids = Vec::new();
        for i in 0..=n {
            inner.next += 1;
            let guid = format!("ntf-{:04}", inner.next);
            let other = i == n / 2;
            inner.notes.push(Notification {
                guid: guid.clone(),
                program: if other { "other-program" } else { PROGRAM }.into(),
                url: format!("https://example.com/seed/{i}"),
                events: vec!["card".into()],
                active: true,
                secret: format!("seed-secret-{i}"),
                headers: json!("X-Team: payments"),
            });
            if !other {
                guids.push(guid);
            }
        }
        guids
    }
    pub fn set_paging(&self, p: Paging) {
        self.inner.lock().unwrap().paging = p;
    }
    pub fn answer_updates_200(&self) {
        self.inner.lock().unwrap().update_200 = true;
    }
    /// Every token issued so far stops working (as after 12 hours).
    pub fn expire_tokens(&self) {
        self.inner.lock().unwrap().tokens.clear();
    }
}

/// The DTO's properties; the schema forbids any other.
const DTO_FIELDS: [&str; 7] = [
    "notification_guid",
    "program_guid",
    "url",
    "headers",
    "secret",
    "active",
    "event_type",
];

fn check_body(b: &Value) -> Result<(), String> {
    let Some(o) = b.as_object() else {
        return Err("a JSON object is required".into());
    };
    if let Some(extra) = o.keys().find(|k| !DTO_FIELDS.contains(&k.as_str())) {
        return Err(format!(
            "'{extra}' is not a NotificationConfigurationDTO field"
        ));
    }
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
    Ok(())
}

fn query(uri: &Uri, name: &str) -> Option<String> {
    uri.query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .map(String::from)
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
    let fault = take_fault(&fake.faults, method.as_str(), &path);
    if let Some(f) = &fault
        && f.after_applying.is_none()
    {
        return (StatusCode::from_u16(f.status).unwrap(), f.body.clone()).into_response();
    }
    let real = route(&fake, &method, &uri, &headers, &body);
    match fault {
        Some(f) => super::fail_after(&f, real).await,
        None => real,
    }
}

fn route(
    fake: &FakeQolo,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let path = uri.path();
    let b: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let mut inner = fake.inner.lock().unwrap();
    if method == Method::POST && path == "/api/v1/auth/login" {
        if b["loginid"] != LOGIN_ID || b["apikey"] != KEY {
            return problem(StatusCode::UNAUTHORIZED, "invalid loginid or apikey");
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
        return problem(StatusCode::UNAUTHORIZED, "token expired or invalid");
    }
    let Some(rest) = path.strip_prefix("/api/") else {
        return problem(StatusCode::NOT_FOUND, "no such route");
    };
    let Some((_version, rest)) = rest.split_once('/') else {
        return problem(StatusCode::NOT_FOUND, "no such route");
    };
    let segs: Vec<&str> = rest.split('/').collect();
    match (method.as_str(), segs.as_slice()) {
        ("GET", ["webhooks"]) => {
            let num = |name: &str, default: usize| match query(uri, name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<usize>()
                    .map_err(|_| format!("{name} must be a number")),
            };
            let (limit, start) = match (num("limit", 10), num("start_index", 1)) {
                (Ok(l), Ok(s)) if l >= 1 && s >= 1 => (l.min(PAGE_MAX), s),
                (Err(m), _) | (_, Err(m)) => return problem(StatusCode::BAD_REQUEST, &m),
                _ => return problem(StatusCode::BAD_REQUEST, "limit and start_index start at 1"),
            };
            let total = inner.notes.len();
            let (start, has_more_forever) = match inner.paging {
                Paging::Honest => (start, false),
                Paging::SamePageForever => (1, true),
                Paging::EmptyForever if start > 1 => (total + 1, true),
                Paging::EmptyForever => (start, true),
            };
            let page: Vec<Value> = inner
                .notes
                .iter()
                .skip(start - 1)
                .take(limit)
                .map(to_json)
                .collect();
            let end = start - 1 + page.len();
            answer(
                StatusCode::OK,
                json!({
                    "count": total,
                    "start_index": start,
                    "end_index": end,
                    "has_more": has_more_forever || end < total,
                    "data": page,
                }),
            )
        }
        ("POST", ["webhooks"]) => {
            if let Err(m) = check_body(&b) {
                return problem(StatusCode::BAD_REQUEST, &m);
            }
            let key = headers
                .get("idempotencykey")
                .and_then(|v| v.to_str().ok())
                .map(String::from);
            if let Some(k) = &key
                && let Some((_, guid)) = inner.idempotency.iter().find(|(x, _)| x == k)
                && let Some(n) = inner.notes.iter().find(|n| &n.guid == guid)
            {
                // The same key again: the first create's answer, nothing new.
                return answer(StatusCode::CREATED, to_json(n));
            }
            inner.next += 1;
            let n = Notification {
                guid: format!("ntf-{:04}", inner.next),
                program: PROGRAM.into(),
                url: b["url"].as_str().unwrap().into(),
                events: strings(&b["event_type"]),
                active: b["active"].as_bool().unwrap_or(true),
                secret: b["secret"].as_str().unwrap_or("").into(),
                headers: b.get("headers").cloned().unwrap_or(Value::Null),
            };
            inner.notes.push(n.clone());
            if let Some(k) = key {
                inner.idempotency.push((k, n.guid.clone()));
            }
            answer(StatusCode::CREATED, to_json(&n))
        }
        ("GET", ["webhooks", guid]) => match inner.notes.iter().find(|n| n.guid == *guid) {
            Some(n) => answer(StatusCode::OK, to_json(n)),
            None => problem(StatusCode::NOT_FOUND, "Webhook not found"),
        },
        ("PUT", ["webhooks", guid]) => {
            let Some(i) = inner.notes.iter().position(|n| n.guid == *guid) else {
                return problem(StatusCode::NOT_FOUND, "Webhook not found");
            };
            if let Err(m) = check_body(&b) {
                return problem(StatusCode::BAD_REQUEST, &m);
            }
            if b.get("notification_guid").is_some_and(|g| g != *guid) {
                return problem(StatusCode::BAD_REQUEST, "notification_guid does not match");
            }
            let update_200 = inner.update_200;
            let n = &mut inner.notes[i];
            n.url = b["url"].as_str().unwrap().into();
            n.events = strings(&b["event_type"]);
            // A field left out is cleared (the DTO is replaced whole).
            n.active = b["active"].as_bool().unwrap_or(true);
            n.secret = b["secret"].as_str().unwrap_or("").into();
            n.headers = b.get("headers").cloned().unwrap_or(Value::Null);
            if update_200 {
                StatusCode::OK.into_response()
            } else {
                StatusCode::NO_CONTENT.into_response()
            }
        }
        ("DELETE", ["webhooks", guid]) | ("POST", ["webhooks", guid, "delete"]) => {
            let Some(i) = inner.notes.iter().position(|n| n.guid == *guid) else {
                return problem(StatusCode::NOT_FOUND, "Webhook not found");
            };
            inner.notes.remove(i);
            StatusCode::NO_CONTENT.into_response()
        }
        _ => problem(StatusCode::NOT_FOUND, "no such route"),
    }
}
