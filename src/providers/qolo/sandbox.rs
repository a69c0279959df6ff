//! Qolo's webhook API as the sandbox serves it (`/qolo`), following its published OpenAPI
//! file: `POST /api/v1/auth/login` (`loginid` + `apikey`, or `login_id` + `api_key`) gives a
//! bearer token valid 12 hours; under `/api/{version}/webhooks`: a paged list (`limit`
//! default 10, `start_index` from 1, `{count, start_index, end_index, has_more, data}`),
//! get-one, **201** creates honouring `IdempotencyKey`, `PUT` replacing the whole
//! `NotificationConfigurationDTO` (answered 204), and the assumed `DELETE`. Bodies are
//! checked against the DTO (`additionalProperties: false`, the profile's program, event
//! names of the published enum). On create Qolo pings the URL: no 2xx within 5 s leaves the
//! subscription inactive (done in the background, so the create answers at once). Errors
//! are RFC 7807 `ProblemDetails`.

use serde_json::{Map, Value, json};

use super::{DTO_FIELDS, TOKEN_LIFETIME};
use crate::sandbox::{Api, Call, Reply, Scope, Subscription, now_rfc3339, now_unix, uuid};
use crate::spec::Credential;

/// Qolo in the sandbox.
pub static API: Api = Api { routes, error };

/// The most webhooks on one page, whatever `limit` asks for.
const PAGE_MAX: usize = 100;

/// Qolo's error shape, `ProblemDetails`.
pub fn error(status: u16, detail: &str) -> Reply {
    let title = axum::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    Reply::json(
        status,
        json!({
            "type": "https://tools.ietf.org/html/rfc7231",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": null,
        }),
    )
}

fn dto(s: &Subscription) -> Value {
    json!({
        "notification_guid": s.id,
        "program_guid": s.extra.get("program_guid").cloned().unwrap_or(Value::Null),
        "url": s.url,
        "headers": s.extra.get("headers").cloned().unwrap_or(Value::Null),
        "secret": s.secret,
        "active": s.enabled,
        "event_type": s.events,
    })
}

/// Checks a `NotificationConfigurationDTO` and returns (url, events, secret, active, headers).
type Dto = (String, Vec<String>, Option<String>, bool, Value);

fn check(scope: &Scope<'_>, b: &Value) -> Result<Dto, String> {
    let Some(o) = b.as_object() else {
        return Err("a JSON object is required".into());
    };
    if let Some(extra) = o.keys().find(|k| !DTO_FIELDS.contains(&k.as_str())) {
        return Err(format!(
            "'{extra}' is not a NotificationConfigurationDTO field"
        ));
    }
    let program = b["program_guid"].as_str().unwrap_or("");
    if program.is_empty() {
        return Err("program_guid is required".into());
    }
    if Some(program.to_string()) != scope.credential(Credential::ProgramGuid) {
        return Err(format!("unknown program_guid {program}"));
    }
    let url = b["url"].as_str().unwrap_or("");
    if url.is_empty() {
        return Err("url is required".into());
    }
    if !url::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
    {
        return Err(format!("url '{url}' is not a valid http(s) URL"));
    }
    let Some(list) = b["event_type"].as_array().filter(|a| !a.is_empty()) else {
        return Err("event_type is required".into());
    };
    let c = scope.catalog();
    let mut events = Vec::new();
    for e in list {
        let name = e.as_str().unwrap_or("");
        let known = c.events.iter().any(|x| x.name == name) || c.classes().any(|(k, _)| k == name);
        if !known {
            return Err(format!("invalid event_type {e}"));
        }
        events.push(name.to_string());
    }
    let secret = match &b["secret"] {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        _ => return Err("secret must be a string or null".into()),
    };
    let active = match &b["active"] {
        Value::Null => true,
        Value::Bool(a) => *a,
        _ => return Err("active must be a boolean or null".into()),
    };
    let headers = match &b["headers"] {
        v @ (Value::Null | Value::String(_)) => v.clone(),
        _ => return Err("headers must be a string or null".into()),
    };
    Ok((url.to_string(), events, secret, active, headers))
}

fn number(call: &Call<'_>, name: &str, default: usize) -> Result<usize, String> {
    match call.param(name) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!("{name} must be a whole number from 1")),
        },
    }
}

fn login(call: &Call<'_>, scope: &Scope<'_>) -> Reply {
    let b = match call.json() {
        Ok(b) => b,
        Err(m) => return error(400, &m),
    };
    let field = |a: &str, b2: &str| {
        b.get(a)
            .or_else(|| b.get(b2))
            .and_then(Value::as_str)
            .map(String::from)
    };
    let (id, key) = (field("loginid", "login_id"), field("apikey", "api_key"));
    if id.is_none() || key.is_none() {
        return error(400, "loginid and apikey are required");
    }
    if id != scope.credential(Credential::LoginId) || key != scope.credential(Credential::ApiKey) {
        return error(401, "invalid loginid or apikey");
    }
    let lifetime = TOKEN_LIFETIME.as_secs();
    let token = scope.write(|p| p.issue_token(lifetime as i64, now_unix()));
    Reply::json(200, json!({ "token": token, "expires_in": lifetime }))
}

/// The routes.
pub fn routes(call: &Call<'_>, scope: &Scope<'_>) -> Reply {
    let segs = call.segments();
    if segs == ["api", "v1", "auth", "login"] {
        return match call.method {
            "POST" => login(call, scope),
            _ => error(405, "method not allowed"),
        };
    }
    let bearer = call
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let now = now_unix();
    if bearer.is_empty() || !scope.read(|p| p.token_valid(bearer, now)) {
        return error(401, "token expired or invalid");
    }
    let rest = match segs.as_slice() {
        ["api", version, rest @ ..] if !version.is_empty() => rest,
        _ => return error(404, &format!("no such route: {}", call.path)),
    };
    match (call.method, rest) {
        ("GET", ["webhooks"]) => {
            let (limit, start) = match (number(call, "limit", 10), number(call, "start_index", 1)) {
                (Ok(l), Ok(s)) => (l.min(PAGE_MAX), s),
                (Err(m), _) | (_, Err(m)) => return error(400, &m),
            };
            scope.read(|p| {
                let total = p.subscriptions.len();
                let page: Vec<Value> = p
                    .subscriptions
                    .iter()
                    .skip(start - 1)
                    .take(limit)
                    .map(dto)
                    .collect();
                let end = (start - 1).saturating_add(page.len());
                Reply::json(
                    200,
                    json!({
                        "count": total,
                        "start_index": start,
                        "end_index": end,
                        "has_more": end < total,
                        "data": page,
                    }),
                )
            })
        }
        ("POST", ["webhooks"]) => {
            let b = match call.json() {
                Ok(b) => b,
                Err(m) => return error(400, &m),
            };
            let (url, events, secret, active, headers) = match check(scope, &b) {
                Ok(d) => d,
                Err(m) => return error(400, &m),
            };
            let key = call.header("idempotencykey").map(String::from);
            let now = now_rfc3339();
            let mut extra = Map::new();
            extra.insert("program_guid".into(), b["program_guid"].clone());
            extra.insert("headers".into(), headers);
            let new = Subscription {
                id: uuid(),
                url,
                description: String::new(),
                events,
                enabled: active,
                secret,
                created: now.clone(),
                updated: now,
                extra,
            };
            let reply = scope.write(|p| {
                if let Some(s) = key.as_deref().and_then(|k| p.recall(k)) {
                    // The same key again: the first create's answer, nothing new.
                    return Err(Reply::json(201, dto(s)));
                }
                if let Err(full) = p.insert(new.clone()) {
                    return Err(error(400, &full.to_string()));
                }
                if let Some(k) = &key {
                    p.remember(k, &new.id);
                }
                Ok(Reply::json(201, dto(&new)))
            });
            match reply {
                Ok(r) => {
                    if new.enabled {
                        scope.ping(
                            &new.id,
                            "ping",
                            json!({
                                "event_type": "ping",
                                "notification_guid": new.id,
                                "created_at": now_rfc3339(),
                            }),
                        );
                    }
                    r
                }
                Err(r) => r,
            }
        }
        ("GET", ["webhooks", guid]) => scope.read(|p| match p.get(guid) {
            Some(s) => Reply::json(200, dto(s)),
            None => error(404, "Webhook not found"),
        }),
        ("PUT", ["webhooks", guid]) => {
            if scope.read(|p| p.get(guid).is_none()) {
                return error(404, "Webhook not found");
            }
            let b = match call.json() {
                Ok(b) => b,
                Err(m) => return error(400, &m),
            };
            let (url, events, secret, active, headers) = match check(scope, &b) {
                Ok(d) => d,
                Err(m) => return error(400, &m),
            };
            if b.get("notification_guid").is_some_and(|g| g != *guid) {
                return error(400, "notification_guid does not match");
            }
            scope.write(|p| {
                let Some(s) = p.get_mut(guid) else {
                    return error(404, "Webhook not found");
                };
                // The DTO is replaced whole.
                s.url = url;
                s.events = events;
                s.secret = secret;
                s.enabled = active;
                s.extra.insert("headers".into(), headers);
                s.updated = now_rfc3339();
                Reply::empty(204)
            })
        }
        ("DELETE", ["webhooks", guid]) => scope.write(|p| match p.remove(guid) {
            Some(_) => Reply::empty(204),
            None => error(404, "Webhook not found"),
        }),
        (_, ["webhooks"] | ["webhooks", _]) => error(405, "method not allowed"),
        _ => error(404, &format!("no such route: {}", call.path)),
    }
}
