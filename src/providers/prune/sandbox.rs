//! Prune's webhook API as the sandbox serves it (`/prune`): an account's two webhook URLs,
//! read with `GET /v1/accounts/webhooks` (`data: [{id, type: EVENT|CALLBACK, url, …}]`, a
//! type never set missing) and set with `PATCH /v1/accounts/webhooks {"eventURL",
//! "callbackURL"}`, `Authorization: Bearer <key>`, every answer in the `{status, message,
//! data, meta, code}` envelope. What Prune does not publish is read as the project's fake
//! reads it: a URL left out of the PATCH is cleared, and an invalid URL is answered 200 with
//! `status: false`. Events go to the EVENT URL (every event: there is no per-event choice);
//! the CALLBACK URL receives none of them.

use serde_json::{Map, Value, json};

use super::KINDS;
use crate::sandbox::{Api, Call, Reply, Scope, Subscription, now_rfc3339, uuid};
use crate::spec::Credential;

/// Prune in the sandbox.
pub static API: Api = Api { routes, error };

/// Prune's envelope.
fn envelope(code: u16, ok: bool, message: &str, data: Value) -> Reply {
    Reply::json(
        code,
        json!({ "status": ok, "message": message, "data": data, "meta": {}, "code": code }),
    )
}

/// Prune's error shape: the envelope with `status: false`.
pub fn error(code: u16, message: &str) -> Reply {
    envelope(code, false, message, Value::Null)
}

/// The `type` of a stored URL.
fn kind_of(s: &Subscription) -> &str {
    s.extra.get("type").and_then(Value::as_str).unwrap_or("")
}

/// The routes.
pub fn routes(call: &Call<'_>, scope: &Scope<'_>) -> Reply {
    let key = scope.credential(Credential::ApiKey).unwrap_or_default();
    let bearer = call
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "));
    if key.is_empty() || bearer != Some(key.as_str()) {
        return error(401, "Unauthorized: invalid API key");
    }
    match (call.method, call.segments().as_slice()) {
        ("GET", ["v1", "accounts", "webhooks"]) => {
            let data: Vec<Value> = scope.read(|p| {
                KINDS
                    .iter()
                    .filter_map(|(_, ty, _)| p.subscriptions.iter().find(|s| kind_of(s) == *ty))
                    .map(|s| {
                        json!({
                            "id": s.id, "type": kind_of(s), "url": s.url,
                            "createdAt": s.created, "updatedAt": s.updated,
                            "deletedAt": null, "companyId": "sbx-company",
                        })
                    })
                    .collect()
            });
            envelope(200, true, "Webhooks retrieved", json!(data))
        }
        ("PATCH", ["v1", "accounts", "webhooks"]) => {
            let b = match call.json() {
                Ok(b @ Value::Object(_)) => b,
                Ok(_) => return error(400, "the body must be a JSON object"),
                Err(m) => return error(400, &m),
            };
            let mut urls = Vec::new();
            for (_, ty, field) in KINDS {
                let url = match &b[field] {
                    Value::Null => "",
                    Value::String(s) => s.as_str(),
                    _ => return error(400, &format!("{field} must be a string")),
                };
                if !url.is_empty()
                    && !url::Url::parse(url).is_ok_and(|u| {
                        matches!(u.scheme(), "http" | "https") && u.host_str().is_some()
                    })
                {
                    // Prune answers some rejections with 200 and status false.
                    return envelope(200, false, "Invalid webhook URL", Value::Null);
                }
                urls.push((ty, url.to_string()));
            }
            scope.write(|p| {
                for (ty, url) in urls {
                    let now = now_rfc3339();
                    match p.subscriptions.iter_mut().find(|s| kind_of(s) == ty) {
                        Some(_) if url.is_empty() => {
                            p.subscriptions.retain(|s| kind_of(s) != ty);
                        }
                        Some(s) => {
                            if s.url != url {
                                s.url = url;
                                s.updated = now;
                            }
                        }
                        None if url.is_empty() => {}
                        None => {
                            let mut extra = Map::new();
                            extra.insert("type".into(), json!(ty));
                            let events = if ty == KINDS[0].1 {
                                vec!["*".to_string()]
                            } else {
                                Vec::new()
                            };
                            let _ = p.insert(Subscription {
                                id: uuid(),
                                url,
                                description: String::new(),
                                events,
                                enabled: true,
                                secret: None,
                                created: now.clone(),
                                updated: now,
                                extra,
                            });
                        }
                    }
                }
            });
            Reply::json(
                200,
                json!({ "status": true, "message": "Webhooks updated", "code": 200 }),
            )
        }
        (_, ["v1", "accounts", "webhooks"]) => error(405, "Method not allowed"),
        _ => error(404, "Not found"),
    }
}
