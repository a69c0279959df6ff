//! Atelio's webhook API as the sandbox serves it (`/atelio`), following what its docs
//! publish: `Authorization: <key>` and `Identity: <identity>` on every call; `POST/GET
//! /webhooks`, `PATCH/DELETE /webhooks/{id}`; patterns in `events` (`card.*`, `card*`, `*`)
//! expanded from the catalog and stored expanded, an unknown name refused; `whsec_` secrets;
//! creates answered in the flat shape of seed 001 (`webhook_id`, `STATUS_ENABLED`), the rest
//! nested (`webhook_subscription`, `enabled`), so both shapes and both status spellings are
//! seen; `Idempotency-Key` honoured on creates; errors as `{"message"}`.

use serde_json::{Map, Value, json};

use crate::sandbox::{Api, Call, Reply, Scope, Subscription, now_rfc3339, uuid};
use crate::spec::Credential;

/// Atelio in the sandbox.
pub static API: Api = Api { routes, error };

/// Atelio's error shape.
pub fn error(status: u16, msg: &str) -> Reply {
    Reply::json(status, json!({ "message": msg }))
}

fn flat(s: &Subscription) -> Value {
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

fn nested_fields(s: &Subscription) -> Value {
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

/// A status in either spelling.
fn status(v: &Value) -> Result<Option<bool>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => match s.as_str() {
            "STATUS_ENABLED" | "enabled" => Ok(Some(true)),
            "STATUS_DISABLED" | "disabled" => Ok(Some(false)),
            _ => Err(format!(
                "invalid status '{s}': use STATUS_ENABLED or STATUS_DISABLED"
            )),
        },
        _ => Err("status must be a string".into()),
    }
}

/// The events a request asks for, expanded as Atelio expands them.
fn events(scope: &Scope<'_>, v: &Value) -> Result<Vec<String>, String> {
    let Some(list) = v.as_array() else {
        return Err("events must be a list of event names".into());
    };
    let mut patterns = Vec::new();
    for e in list {
        match e.as_str() {
            Some(s) if !s.trim().is_empty() => patterns.push(s.to_string()),
            _ => return Err("events must be a list of event names".into()),
        }
    }
    if patterns.is_empty() {
        return Err("events is required".into());
    }
    let c = scope.catalog();
    for p in &patterns {
        if c.resolve(p).is_err() {
            return Err(format!("invalid event: {p}"));
        }
    }
    let expanded = c.expand(&patterns).map_err(|e| e.message)?;
    Ok(expanded.into_iter().map(|e| e.name.clone()).collect())
}

fn url(v: &Value) -> Result<String, String> {
    let Some(u) = v.as_str().filter(|u| !u.trim().is_empty()) else {
        return Err("url is required".into());
    };
    match url::Url::parse(u) {
        Ok(p) if matches!(p.scheme(), "http" | "https") && p.host_str().is_some() => {
            Ok(u.to_string())
        }
        _ => Err(format!("url '{u}' is not a valid http(s) URL")),
    }
}

fn text(v: &Value, field: &str) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(format!("{field} must be a string")),
    }
}

/// The routes.
pub fn routes(call: &Call<'_>, scope: &Scope<'_>) -> Reply {
    let key = scope.credential(Credential::ApiKey);
    let identity = scope.credential(Credential::Identity);
    if call.header("authorization").is_none()
        || call.header("authorization").map(String::from) != key
        || call.header("identity").map(String::from) != identity
    {
        return error(401, "Invalid Authorization or Identity header");
    }
    let body = match call.json() {
        Ok(b) => b,
        Err(m) => return error(400, &m),
    };
    let b = |field: &str| body.get(field).cloned().unwrap_or(Value::Null);
    match (call.method, call.segments().as_slice()) {
        ("GET", ["webhooks"]) => {
            let subs = scope.read(|p| {
                p.subscriptions
                    .iter()
                    .map(nested_fields)
                    .collect::<Vec<_>>()
            });
            Reply::json(200, json!({ "webhook_subscriptions": subs }))
        }
        ("POST", ["webhooks"]) => {
            if !body.is_object() {
                return error(400, "the body must be a JSON object");
            }
            let new = (|| -> Result<Subscription, String> {
                let now = now_rfc3339();
                Ok(Subscription {
                    id: uuid(),
                    url: url(&b("url"))?,
                    description: text(&b("description"), "description")?.unwrap_or_default(),
                    events: events(scope, &b("events"))?,
                    enabled: status(&b("status"))?.unwrap_or(true),
                    secret: Some(crate::providers::generate_secret().expose().to_string()),
                    created: now.clone(),
                    updated: now,
                    extra: Map::new(),
                })
            })();
            let new = match new {
                Ok(n) => n,
                Err(m) => return error(400, &m),
            };
            let idem = call.header("idempotency-key").map(String::from);
            scope.write(|p| {
                if let Some(s) = idem.as_deref().and_then(|k| p.recall(k)) {
                    return Reply::json(200, flat(s));
                }
                if let Err(full) = p.insert(new.clone()) {
                    return error(400, &full.to_string());
                }
                if let Some(k) = &idem {
                    p.remember(k, &new.id);
                }
                Reply::json(200, flat(&new))
            })
        }
        (m @ ("PATCH" | "DELETE"), ["webhooks", id]) => {
            if m == "PATCH" && !body.is_object() {
                return error(400, "the body must be a JSON object");
            }
            let change = (|| -> Result<_, String> {
                let url = match b("url") {
                    Value::Null => None,
                    v => Some(url(&v)?),
                };
                let events = match b("events") {
                    Value::Null => None,
                    v => Some(events(scope, &v)?),
                };
                Ok((
                    url,
                    text(&b("description"), "description")?,
                    events,
                    status(&b("status"))?,
                ))
            })();
            let (new_url, description, new_events, enabled) = match change {
                Ok(c) => c,
                Err(m) => return error(400, &m),
            };
            scope.write(|p| {
                if p.get(id).is_none() {
                    return error(404, &format!("webhook subscription {id} not found"));
                }
                if m == "DELETE" {
                    let s = p.remove(id).unwrap_or_default();
                    return Reply::json(200, json!({ "webhook_subscription": nested_fields(&s) }));
                }
                let Some(s) = p.get_mut(id) else {
                    return error(404, &format!("webhook subscription {id} not found"));
                };
                if let Some(u) = new_url {
                    s.url = u;
                }
                if let Some(d) = description {
                    s.description = d;
                }
                if let Some(e) = new_events {
                    s.events = e;
                }
                if let Some(on) = enabled {
                    s.enabled = on;
                }
                s.updated = now_rfc3339();
                Reply::json(200, json!({ "webhook_subscription": nested_fields(s) }))
            })
        }
        (_, ["webhooks"] | ["webhooks", _]) => error(405, "method not allowed"),
        _ => error(404, &format!("no such route: {}", call.path)),
    }
}
