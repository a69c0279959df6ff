//! Atelio (formerly Bond): a full subscription API with server-side wildcard expansion.
//!
//! `Authorization: <key>` (no `Bearer`) and `Identity: <identity>` on every call;
//! `POST/GET /webhooks`, `PATCH/DELETE /webhooks/{id}`; no get-one endpoint, no rotate
//! endpoint (rotation is done by replacement). Responses come nested
//! (`{"webhook_subscription":{…}}`) or flat (`{"webhook_id",…}`), status as
//! `STATUS_ENABLED` or `enabled`: all are read.

pub mod sandbox;

use async_trait::async_trait;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    Change, Endpoint, NewSubscription, Op, Provider, ProviderKind, Rotation, Subscription, join,
};
use crate::config::{Profile, Secret};
use crate::error::{Error, Kind};
use crate::http::{Http, Request};
use crate::spec::{
    Capabilities, Credential, Delivered, Envelope, Fresh, Retries, Route, Scheme, Spec, Support,
};

/// Everything whctl knows about Atelio, as data.
pub static SPEC: Spec = Spec {
    name: "atelio",
    default_base_url: "https://api.atelio.com/api/v0.1",
    credentials: &[Credential::ApiKey, Credential::Identity],
    capabilities: Capabilities {
        api: true,
        subscribe: Support::Yes,
        list: Support::Yes,
        update: Support::Yes,
        delete: Support::Yes,
        rotate: Support::Partly("by replacement"),
        event_filter: true,
        server_wildcards: true,
        url_kinds: &[],
        notes: "no get-one endpoint: get reads the list",
        after_subscribe: None,
        descriptions: true,
        client_secret: false,
    },
    // Atelio's "Webhook events" page (create) and its webhook API reference.
    routes: &[
        Route {
            op: "create",
            method: "POST",
            path: "/webhooks",
            documented: true,
        },
        Route {
            op: "list",
            method: "GET",
            path: "/webhooks",
            documented: true,
        },
        Route {
            op: "update",
            method: "PATCH",
            path: "/webhooks/{id}",
            documented: true,
        },
        Route {
            op: "delete",
            method: "DELETE",
            path: "/webhooks/{id}",
            documented: true,
        },
    ],
    catalog: include_str!("../../catalog/data/atelio.json"),
    signature: Some(Scheme::Timestamped("Bond-Signature")),
    envelope: Envelope {
        minimal: |e| json!({ "event": e.name, "occurred_at": e.now }),
        fresh: &[("occurred_at", Fresh::Now)],
    },
    // Atelio retries anything but 200 or 201.
    delivered: Delivered::Only(&[200, 201]),
    register: None,
    // "Retried with backoff for about 3 days" (seed 001); the waits are not published:
    // doubling from 1 minute, 12 retries, about 2.8 days in all.
    retries: Retries {
        delays_secs: &[
            60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440, 122880,
        ],
        documented: false,
    },
    answer_within_secs: None,
};

/// The API client of a profile.
pub fn client(profile: &Profile, http: Http) -> Result<Box<dyn Provider>, Error> {
    Ok(Box::new(Atelio::new(profile, http)?))
}

pub struct Atelio {
    kind: ProviderKind,
    endpoints: Vec<(&'static str, Endpoint)>,
    http: Http,
    base: String,
    key: Secret,
    identity: String,
}

impl Atelio {
    pub fn new(profile: &Profile, http: Http) -> Result<Self, Error> {
        let key = profile.require_key()?.clone();
        let identity = profile
            .require(&profile.identity, "identity", "WHCTL_IDENTITY")?
            .to_string();
        let endpoints = SPEC
            .routes
            .iter()
            .map(|r| Ok((r.op, super::endpoint(profile, r.op)?)))
            .collect::<Result<_, Error>>()?;
        Ok(Atelio {
            kind: profile.provider,
            endpoints,
            http,
            base: profile.base_url.value.clone(),
            key,
            identity,
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(method, join(&self.base, path))
            .secret_header("Authorization", self.key.expose())
            .secret_header("Identity", &self.identity)
    }

    /// The request of an operation ([`SPEC`]'s route or the profile's override), `{id}`
    /// filled.
    fn route(&self, op: &str, id: &str) -> Request {
        let e = self
            .endpoints
            .iter()
            .find(|(o, _)| *o == op)
            .map(|(_, e)| e)
            .expect("every operation has a route");
        self.request(e.method.clone(), &e.fill(&[("id", id)]))
    }

    fn create_request(&self, new: &NewSubscription) -> Request {
        let mut body = json!({
            "url": new.url,
            "events": new.events,
            "version": "0.1",
            "status": if new.enabled { "STATUS_ENABLED" } else { "STATUS_DISABLED" },
        });
        if let Some(d) = &new.description {
            body["description"] = json!(d);
        }
        let mut r = self.route("create", "").json(body);
        if let Some(k) = &new.idempotency_key {
            r = r.header("Idempotency-Key", k);
        }
        r
    }

    fn update_request(&self, id: &str, change: &Change) -> Request {
        let mut body = serde_json::Map::new();
        if let Some(u) = &change.url {
            body.insert("url".into(), json!(u));
        }
        if let Some(d) = &change.description {
            body.insert("description".into(), json!(d));
        }
        if let Some(e) = &change.events {
            body.insert("events".into(), json!(e));
        }
        if let Some(on) = change.enabled {
            body.insert(
                "status".into(),
                json!(if on {
                    "STATUS_ENABLED"
                } else {
                    "STATUS_DISABLED"
                }),
            );
        }
        self.route("update", id).json(Value::Object(body))
    }

    fn delete_request(&self, id: &str) -> Request {
        self.route("delete", id)
    }

    /// Sends and returns the JSON of a successful answer, or the contract's error.
    async fn call(&self, req: &Request) -> Result<Value, Error> {
        let resp = self.http.send(req).await?;
        resp.check("atelio")?;
        resp.json()
    }
}

/// Both of Atelio's subscription shapes, field names of either.
#[derive(Debug, Deserialize)]
struct Wire {
    #[serde(alias = "webhook_id", alias = "webhook_subscription_id")]
    id: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    secret: Option<String>,
    #[serde(default, alias = "date_created", alias = "created_at")]
    created_time: Option<String>,
    #[serde(default, alias = "date_updated", alias = "updated_at")]
    updated_time: Option<String>,
}

/// `{"webhook_subscriptions": [...]}` with items of either shape.
#[derive(Debug, Deserialize)]
struct ListWire {
    webhook_subscriptions: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Item {
    Nested { webhook_subscription: Wire },
    Flat(Wire),
}

impl Item {
    fn into_subscription(self) -> Subscription {
        match self {
            Item::Nested {
                webhook_subscription,
            } => webhook_subscription.into(),
            Item::Flat(w) => w.into(),
        }
    }
}

impl From<Wire> for Subscription {
    fn from(w: Wire) -> Self {
        Subscription {
            id: w.id,
            url: w.url,
            description: w.description.filter(|d| !d.is_empty()),
            events: w.events,
            enabled: w.status.as_deref().is_none_or(is_enabled),
            secret: w.secret.filter(|s| !s.is_empty()).map(Secret::new),
            created_at: w.created_time,
            updated_at: w.updated_time,
        }
    }
}

fn is_enabled(status: &str) -> bool {
    let s = status.to_ascii_lowercase();
    s == "status_enabled" || s == "enabled" || s == "active"
}

fn shape_error(what: &str, v: &Value) -> Error {
    super::unexpected(SPEC.name, what, v.to_string().as_bytes())
}

/// One subscription from a nested or flat answer.
fn parse_one(v: Value) -> Result<Subscription, Error> {
    let inner = match v.get("webhook_subscription") {
        Some(inner) => inner.clone(),
        None => v.clone(),
    };
    serde_json::from_value::<Wire>(inner)
        .map(Subscription::from)
        .map_err(|_| shape_error("a subscription", &v))
}

/// The list answer: `{"webhook_subscriptions":[…]}` (or a bare array), items of either shape.
/// Only an explicit empty list is empty: an empty body, `{}` or a missing list is an error.
fn parse_list(body: &[u8]) -> Result<Vec<Subscription>, Error> {
    let bad = || super::unexpected(SPEC.name, "the subscription list", body);
    let v: Value = serde_json::from_slice(body).map_err(|_| bad())?;
    let items = match v {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("webhook_subscriptions") {
            Some(Value::Array(a)) => a,
            _ => return Err(bad()),
        },
        _ => return Err(bad()),
    };
    items.into_iter().map(parse_one).collect()
}

#[async_trait]
impl Provider for Atelio {
    fn kind(&self) -> ProviderKind {
        self.kind
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        let resp = self.http.send(&self.route("list", "")).await?;
        resp.check("atelio")?;
        // The usual shape straight into typed values (no intermediate JSON tree, which
        // matters for long lists); anything else through the tolerant reader.
        if let Ok(l) = serde_json::from_slice::<ListWire>(&resp.body) {
            return Ok(l
                .webhook_subscriptions
                .into_iter()
                .map(Item::into_subscription)
                .collect());
        }
        parse_list(&resp.body)
    }

    async fn create(&self, new: &NewSubscription) -> Result<Subscription, Error> {
        let resp = self.http.send(&self.create_request(new)).await?;
        resp.check("atelio")?;
        // Accepted: an answer that cannot be read still means the subscription exists.
        resp.json()
            .and_then(parse_one)
            .map_err(|_| super::unexpected(SPEC.name, "the create", &resp.body).answered_ok())
    }

    async fn update(&self, id: &str, change: &Change) -> Result<Subscription, Error> {
        // Atelio answers 404 for an unknown id; the message says which.
        let v = self
            .call(&self.update_request(id, change))
            .await
            .map_err(|e| not_found_id(e, id))?;
        parse_one(v)
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        self.call(&self.delete_request(id))
            .await
            .map_err(|e| not_found_id(e, id))?;
        Ok(())
    }

    /// Atelio has no rotate endpoint: create an identical subscription, confirm it is
    /// listed, then delete the old one. At every step at least one subscription is live.
    async fn rotate_secret(&self, id: &str) -> Result<Rotation, Error> {
        let old = self.get(id).await?;
        let new = NewSubscription {
            url: old.url.clone(),
            description: old.description.clone(),
            events: old.events.clone(),
            enabled: old.enabled,
            secret: None,
            url_kind: None,
            idempotency_key: Some(super::idempotency_key()),
        };
        let note = |_: &str| {};
        let created = super::safe_create(self, &new, &note).await.map_err(|e| {
            let what = if e.maybe_applied {
                "rotation stopped: the replacement may or may not have been created"
            } else {
                "rotation stopped before any change: creating the replacement failed"
            };
            let check = if e.maybe_applied {
                format!(": check with `whctl list` and delete a second subscription to {} if there is one", old.url)
            } else {
                String::new()
            };
            Error::new(
                e.kind,
                format!("{what} ({e}); {id} is unchanged and live{check}"),
            )
        })?;
        let confirmed = match self.list().await {
            Ok(all) => all.into_iter().find(|s| s.id == created.id),
            Err(e) => {
                return Ok(Rotation {
                    subscription: created.clone(),
                    old_id: id.to_string(),
                    incomplete: Some(Error::new(
                        e.kind,
                        format!(
                            "rotation incomplete: replacement {} was created but could not be confirmed ({e}); the old subscription {id} was kept: check with `whctl list`, then `whctl delete {id}`",
                            created.id
                        ),
                    )),
                });
            }
        };
        let Some(mut confirmed) = confirmed else {
            return Ok(Rotation {
                subscription: created.clone(),
                old_id: id.to_string(),
                incomplete: Some(Error::unavailable(format!(
                    "rotation incomplete: replacement {} does not appear in the list yet; the old subscription {id} was kept: check with `whctl list`, then `whctl delete {id}`",
                    created.id
                ))),
            });
        };
        if confirmed.secret.is_none() {
            confirmed.secret = created.secret.clone();
        }
        let incomplete = self.delete(id).await.err().map(|e| {
            let old_state = if e.maybe_applied {
                format!("deleting the old subscription {id} may or may not have taken effect ({e}): check with `whctl list`; while it is there, both receive deliveries: run `whctl delete {id}`")
            } else {
                format!("deleting the old subscription {id} failed ({e}), so both receive deliveries: run `whctl delete {id}`")
            };
            Error::new(
                e.kind,
                format!(
                    "rotation incomplete: replacement {} is live with the new secret, but {old_state}",
                    confirmed.id
                ),
            )
        });
        Ok(Rotation {
            subscription: confirmed,
            old_id: id.to_string(),
            incomplete,
        })
    }

    fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
        Ok(match op {
            Op::Create(new) => vec![self.create_request(new)],
            Op::Update(id, change) => vec![self.update_request(id, change)],
            Op::Delete(id) => vec![self.delete_request(id)],
            Op::Rotate(old) => vec![
                self.create_request(&NewSubscription {
                    url: old.url.clone(),
                    description: old.description.clone(),
                    events: old.events.clone(),
                    enabled: old.enabled,
                    secret: None,
                    url_kind: None,
                    idempotency_key: None,
                }),
                self.route("list", ""),
                self.delete_request(&old.id),
            ],
        })
    }
}

fn not_found_id(e: Error, id: &str) -> Error {
    if e.kind == Kind::NotFound {
        Error::not_found(format!("no atelio subscription with id '{id}' ({e})"))
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static crate::catalog::Catalog {
        crate::catalog::get(super::super::kind_of(&SPEC))
    }

    fn names(pats: &[&str]) -> Vec<String> {
        catalog()
            .expand(pats)
            .unwrap()
            .into_iter()
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn card_star_is_eleven_events_with_the_four_extra_statuses() {
        let card = names(&["card.*"]);
        assert_eq!(card.len(), 11, "{card:?}");
        for s in ["fraud", "lost", "no_withdrawals", "stolen"] {
            assert!(card.contains(&format!("card.status.{s}")));
        }
        assert_eq!(card, names(&["card*"]));
        assert!(catalog().event("kyb.verification.approved").is_some());
        assert!(catalog().event("account.statement.ready").is_some());
    }

    #[test]
    fn prefixes_go_as_written_and_other_wildcards_as_names() {
        let kind = super::super::kind_of(&SPEC);
        let resolved: Vec<_> = ["CARD.*", "*.success", "kyc.verification.success"]
            .iter()
            .map(|p| catalog().resolve(p).unwrap())
            .collect();
        let wire = super::super::wire_events(kind, &resolved);
        assert_eq!(wire[0], "card.*");
        assert!(!wire.iter().any(|e| e.contains("*.")), "{wire:?}");
        assert_eq!(
            wire.iter()
                .filter(|e| *e == "kyc.verification.success")
                .count(),
            1
        );
    }

    #[test]
    fn reads_the_flat_shape_of_the_docs() {
        let v = json!({
            "date_created": "2020-11-17T11:13:06.568119",
            "webhook_id": "522e9ec7",
            "url": "https://hostname.com/webhook/route",
            "description": "KYC state changes.",
            "events": ["card.created"],
            "status": "STATUS_ENABLED",
            "secret": "whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB"
        });
        let s = parse_one(v).unwrap();
        assert_eq!(s.id, "522e9ec7");
        assert!(s.enabled);
        assert_eq!(s.created_at.as_deref(), Some("2020-11-17T11:13:06.568119"));
    }

    #[test]
    fn reads_the_nested_shape_and_lower_case_status() {
        let v = json!({"webhook_subscription": {
            "id": "a1", "url": "u", "events": [], "status": "disabled",
            "created_time": "t1", "updated_time": "t2", "version": "0.1"
        }});
        let s = parse_one(v).unwrap();
        assert_eq!(s.id, "a1");
        assert!(!s.enabled);
        assert_eq!(s.updated_at.as_deref(), Some("t2"));
    }

    #[test]
    fn the_typed_list_reader_agrees_with_the_tolerant_one() {
        let body = json!({"webhook_subscriptions": [
            {"webhook_id": "f1", "url": "u1", "events": ["a"], "status": "STATUS_DISABLED", "secret": "whsec_x", "date_created": "t"},
            {"webhook_subscription": {"id": "n1", "url": "u2", "events": [], "status": "enabled"}},
            {"id": "n2", "url": "u3", "status": "enabled", "created_time": "t2"}
        ]});
        let typed: ListWire = serde_json::from_value(body.clone()).unwrap();
        let typed: Vec<Subscription> = typed
            .webhook_subscriptions
            .into_iter()
            .map(Item::into_subscription)
            .collect();
        let tolerant = parse_list(body.to_string().as_bytes()).unwrap();
        assert_eq!(format!("{typed:?}"), format!("{tolerant:?}"));
        assert_eq!(typed.len(), 3);
        assert!(!typed[0].enabled && typed[1].enabled);
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        assert!(parse_one(json!({"nope": 1})).is_err());
        for body in [
            "",
            " ",
            "{}",
            "null",
            "\"text\"",
            r#"{"webhook_subscriptions": 3}"#,
            r#"{"webhook_subscriptions": null}"#,
            r#"{"data": []}"#,
        ] {
            let e = parse_list(body.as_bytes()).unwrap_err();
            assert_eq!(e.kind, Kind::Unavailable, "{body}");
            assert!(e.message.contains("unexpected answer"), "{}", e.message);
        }
        assert!(
            parse_list(br#"{"webhook_subscriptions": []}"#)
                .unwrap()
                .is_empty()
        );
        assert!(parse_list(b"[]").unwrap().is_empty());
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_json_answer_parses_or_is_an_error(v in crate::testutil::arb_json()) {
            let _ = parse_one(v.clone());
            let _ = parse_list(v.to_string().as_bytes());
        }
    }
}
