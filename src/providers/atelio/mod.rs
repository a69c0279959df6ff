//! Atelio (formerly Bond): a full subscription API with server-side wildcard expansion.
//!
//! `Authorization: <key>` (no `Bearer`) and `Identity: <identity>` on every call;
//! `POST/GET /webhooks`, `PATCH/DELETE /webhooks/{id}`; no get-one endpoint, no rotate
//! endpoint (rotation is done by replacement). Responses come nested
//! (`{"webhook_subscription":{…}}`) or flat (`{"webhook_id",…}`), status as
//! `STATUS_ENABLED` or `enabled`: all are read.

mod list;
use list::{ListReader, read_list};
pub mod sandbox;

use async_trait::async_trait;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    Change, Endpoint, NewSubscription, Op, Provider, ProviderKind, Rotation, Sink, Subscription,
    join,
};
use crate::config::{Profile, Secret};
use crate::error::{Error, Kind};
use crate::http::{Answer, Http, Request};
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
        event_field: "event",
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
    ["status_enabled", "enabled", "active"]
        .iter()
        .any(|e| status.eq_ignore_ascii_case(e))
}

fn shape_error(what: &str, v: &Value) -> Error {
    super::unexpected(SPEC.name, what, v.to_string().as_bytes())
}

/// One subscription from a nested or flat answer: the nested one when it is valid, else
/// the flat fields.
fn parse_one(v: Value) -> Result<Subscription, Error> {
    if let Some(w) = v
        .get("webhook_subscription")
        .and_then(|inner| Wire::deserialize(inner).ok())
    {
        return Ok(w.into());
    }
    Wire::deserialize(&v)
        .map(Subscription::from)
        .map_err(|_| shape_error("a subscription", &v))
}

#[async_trait]
impl Provider for Atelio {
    fn kind(&self) -> ProviderKind {
        self.kind
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        let mut out = Vec::new();
        // Each subscription taken, not copied: the reader reads the next into new buffers.
        self.list_each(&mut |s| {
            out.push(std::mem::take(s));
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// The list is read as it arrives: each subscription goes to `sink` as soon as its
    /// bytes have (see [`ListReader`]).
    async fn list_each(&self, sink: &mut Sink<'_>) -> Result<usize, Error> {
        let mut body = match self.http.send_streaming(&self.route("list", "")).await? {
            Answer::Streaming(body) => body,
            Answer::Whole(resp) => {
                resp.check("atelio")?;
                return read_list(&resp.body, sink);
            }
        };
        let mut reader = ListReader::new(sink);
        let mut part = Vec::new();
        while body.read_into(&mut part).await? {
            reader.feed_buf(&mut part)?;
        }
        reader.finish()
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

    /// The list answer read on a JSON tree, item by item through [`parse_one`] (what
    /// whctl did before it streamed): what [`read_list`] must agree with.
    pub(super) fn parse_list(body: &[u8]) -> Result<Vec<Subscription>, Error> {
        let bad = || super::super::unexpected(SPEC.name, "the subscription list", body);
        let v: Value = serde_json::from_slice(body).map_err(|_| bad())?;
        let items = match v {
            Value::Array(a) => a,
            Value::Object(mut o) => match o.shift_remove("webhook_subscriptions") {
                Some(Value::Array(a)) => a,
                _ => return Err(bad()),
            },
            _ => return Err(bad()),
        };
        items.into_iter().map(parse_one).collect()
    }

    /// [`read_list`] into a vector.
    pub(super) fn collect(body: &[u8]) -> Result<Vec<Subscription>, Error> {
        let mut out = Vec::new();
        read_list(body, &mut |s| {
            out.push(s.clone());
            Ok(())
        })?;
        Ok(out)
    }

    /// Everything a subscription holds, secret included, to compare two readings.
    pub(super) fn whole(subs: &[Subscription]) -> Vec<String> {
        subs.iter()
            .map(|s| format!("{s:?} {:?}", s.secret.as_ref().map(Secret::expose)))
            .collect()
    }

    #[test]
    fn the_streamed_list_agrees_with_the_tree_reader() {
        let body = json!({"webhook_subscriptions": [
            {"webhook_id": "f1", "url": "u1", "events": ["a"], "status": "STATUS_DISABLED", "secret": "whsec_x", "date_created": "t"},
            {"webhook_subscription": {"id": "n1", "url": "u2", "events": [], "status": "enabled"}},
            {"id": "n2", "url": "u3", "status": "enabled", "created_time": "t2", "description": "d\u{e9}\"q"}
        ]});
        let streamed = collect(body.to_string().as_bytes()).unwrap();
        let tree = parse_list(body.to_string().as_bytes()).unwrap();
        assert_eq!(whole(&streamed), whole(&tree));
        assert_eq!(streamed.len(), 3);
        assert!(!streamed[0].enabled && streamed[1].enabled);
        assert_eq!(streamed[2].description.as_deref(), Some("d\u{e9}\"q"));
    }

    #[test]
    fn odd_items_are_read_as_the_untagged_reader_did() {
        // Each item as `#[serde(untagged)] enum { Nested { webhook_subscription }, Flat }`
        // read it: a valid nested subscription wins, else the flat fields.
        let body = json!({"webhook_subscriptions": [
            {"webhook_subscription": {"id": "n1", "url": "u1"}, "id": "f1", "url": "x"},
            {"webhook_subscription": {"url": "no id"}, "webhook_id": "f2", "url": "u2"},
            {"webhook_subscription": 5, "id": "f3"},
            {"webhook_subscription": null, "id": "f4", "status": "STATUS_DISABLED"},
            {"webhook_subscription": {"id": "n5"}, "url": 7},
            {"webhook_subscription": {"id": "n6", "webhook_id": "twice"}, "id": "f6"},
            ["a7", "u7", null, ["e"]]
        ]});
        let subs = collect(body.to_string().as_bytes()).unwrap();
        let ids: Vec<&str> = subs.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["n1", "f2", "f3", "f4", "n5", "f6", "a7"]);
        assert_eq!(subs[0].url, "u1");
        assert_eq!(subs[1].url, "u2");
        assert!(!subs[3].enabled);
        assert_eq!(subs[6].events, ["e"]);
        assert_eq!(
            whole(&subs),
            whole(&parse_list(body.to_string().as_bytes()).unwrap())
        );
        // A repeated name: the last one counts, as in a JSON tree.
        let subs = collect(br#"[{"id": 1, "url": "a", "id": "r1", "url": "b"}]"#).unwrap();
        assert_eq!((subs[0].id.as_str(), subs[0].url.as_str()), ("r1", "b"));
        // Neither a nested subscription nor a flat id: an error, as before.
        for bad in [
            r#"{"webhook_subscriptions": [{"webhook_subscription": {"url": "u"}}]}"#,
            r#"{"webhook_subscriptions": [{"url": "u"}]}"#,
            r#"[{"id": "x", "events": "card.created"}]"#,
            r#"[{"id": "x", "webhook_id": "y"}]"#,
            r#"[["a", "u", null, [], null, null, null, null, "ninth"]]"#,
            r#"[[]]"#,
            r#"["x"]"#,
        ] {
            assert!(collect(bad.as_bytes()).is_err(), "{bad}");
            assert!(parse_list(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn wrong_shapes_are_errors_before_any_item() {
        assert!(parse_one(json!({"nope": 1})).is_err());
        for body in [
            "",
            " ",
            "{}",
            "null",
            "\"text\"",
            "3",
            r#"{"webhook_subscriptions": 3}"#,
            r#"{"webhook_subscriptions": null}"#,
            r#"{"webhook_subscriptions": {"id": "x"}}"#,
            r#"{"data": [{"id": "x"}]}"#,
            r#"{"data": [{"id": "x"}], "webhook_subscriptions": "[]"}"#,
        ] {
            let mut handed = 0;
            let e = read_list(body.as_bytes(), &mut |_| {
                handed += 1;
                Ok(())
            })
            .unwrap_err();
            assert_eq!(handed, 0, "{body}");
            assert_eq!(e.kind, Kind::Unavailable, "{body}");
            assert!(e.message.contains("unexpected answer"), "{}", e.message);
        }
        assert!(
            collect(br#"{"webhook_subscriptions": []}"#)
                .unwrap()
                .is_empty()
        );
        assert!(collect(b" [ ] ").unwrap().is_empty());
        // The list wherever it is among other fields.
        let subs = collect(
            br#"{"total": {"n": [1]}, "webhook_subscriptions": [{"id": "a"}], "more": false}"#,
        )
        .unwrap();
        assert_eq!(subs[0].id, "a");
    }

    #[test]
    fn items_go_out_as_read_and_a_failure_partway_stops_the_listing() {
        let read = |body: &str| {
            let mut seen = Vec::new();
            let r = read_list(body.as_bytes(), &mut |s| {
                seen.push(s.id.clone());
                Ok(())
            });
            (r, seen)
        };
        // A bad item: those before it went out, the error says which one.
        let (e, seen) = read(
            r#"{"webhook_subscriptions": [{"id": "a"}, {"id": "b"}, {"url": "c"}, {"id": "d"}]}"#,
        );
        let e = e.unwrap_err();
        assert_eq!(e.kind, Kind::Unavailable);
        assert!(
            e.message.contains("item 3 is not a subscription"),
            "{}",
            e.message
        );
        assert_eq!(seen, ["a", "b"]);
        // Broken JSON (a cut connection): the same, the place named.
        let (e, seen) = read(r#"{"webhook_subscriptions": [{"id": "a"}, {"id": "b", "url"#);
        let e = e.unwrap_err();
        assert!(e.message.contains("unexpected answer"), "{}", e.message);
        assert!(e.message.contains("EOF"), "{}", e.message);
        assert_eq!(seen, ["a"]);
        let e = read(r#"[{"id": "a"}] trailing"#).0.unwrap_err();
        assert!(e.message.contains("trailing"), "{}", e.message);
        // A second list: an error, not a merge.
        let e = read(r#"{"webhook_subscriptions": [{"id": "a"}], "webhook_subscriptions": []}"#);
        assert!(e.0.is_err());
        // The sink's own error ends the listing as it is.
        let mut n = 0;
        let e = read_list(br#"[{"id": "a"}, {"id": "b"}, {"id": "c"}]"#, &mut |_| {
            n += 1;
            if n == 2 {
                Err(Error::usage("stop"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert_eq!((e.kind, e.message.as_str(), n), (Kind::Usage, "stop", 2));
        assert_eq!(read(r#"[{"id": "a"}, {"id": "b"}]"#).0.unwrap(), 2);
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::tests::{collect, parse_list, whole};
    use super::*;

    /// A value one of [`Wire`]'s fields could hold, or not.
    fn field_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            "[a-z\"\\\\é]{0,6}".prop_map(Value::String),
            Just(Value::Null),
            prop::collection::vec("[a-z.]{0,6}".prop_map(Value::String), 0..3)
                .prop_map(Value::Array),
            Just(json!(7)),
            Just(json!([1])),
            Just(json!({"id": "x"})),
        ]
    }

    /// An object with some of [`list::KEYS`] (aliases mixed), maybe another field.
    fn object() -> impl Strategy<Value = Value> {
        let key = prop_oneof![
            prop::sample::select(
                list::KEYS
                    .iter()
                    .map(|(k, _)| k.to_string())
                    .collect::<Vec<_>>()
            ),
            Just("version".to_string()),
        ];
        prop::collection::vec((key, field_value()), 0..6)
            .prop_map(|kv| Value::Object(kv.into_iter().collect()))
    }

    /// A list item: flat, nested, both, an array of fields, or anything.
    fn item() -> impl Strategy<Value = Value> {
        prop_oneof![
            object(),
            (object(), object()).prop_map(|(mut flat, nested)| {
                flat["webhook_subscription"] = nested;
                flat
            }),
            (object(), field_value()).prop_map(|(mut flat, nested)| {
                flat["webhook_subscription"] = nested;
                flat
            }),
            prop::collection::vec(field_value(), 0..10).prop_map(Value::Array),
            crate::testutil::arb_json(),
        ]
    }

    proptest! {
        #[test]
        fn any_json_answer_parses_or_is_an_error(v in crate::testutil::arb_json()) {
            let _ = parse_one(v.clone());
            let body = v.to_string();
            match (collect(body.as_bytes()), parse_list(body.as_bytes())) {
                (Ok(a), Ok(b)) => prop_assert_eq!(whole(&a), whole(&b)),
                (Err(_), Err(_)) => {}
                (a, b) => prop_assert!(false, "{body}: streamed {a:?}, tree {b:?}"),
            }
        }

        /// Read in parts cut anywhere (as the answer arrives), the list is the list read
        /// whole: the same items handed over, the same outcome.
        #[test]
        fn the_list_read_in_parts_is_the_list_read_whole(
            items in prop::collection::vec(item(), 0..5),
            wrapped: bool,
            extra in crate::testutil::arb_json(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
            garbage in prop::option::of(prop::sample::select(vec!["", "x", "]", "}", ",", "\"", "[", " 1"])),
        ) {
            let list = Value::Array(items);
            let mut body = if wrapped {
                json!({"total": extra, "webhook_subscriptions": list, "more": "]}\"["}).to_string()
            } else {
                list.to_string()
            }
            .into_bytes();
            if let Some(g) = garbage {
                let at = cuts.first().map_or(body.len() / 2, |i| i.index(body.len() + 1));
                body.splice(at..at, g.bytes());
            }
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(body.len() + 1)).collect();
            at.sort_unstable();
            let read = |parts: &[&[u8]]| {
                let mut seen = Vec::new();
                let mut sink = |s: &mut Subscription| {
                    seen.push(format!("{s:?} {:?}", s.secret.as_ref().map(Secret::expose)));
                    Ok(())
                };
                let mut reader = list::ListReader::new(&mut sink);
                let mut r = Ok(());
                for p in parts {
                    r = reader.feed(p);
                    if r.is_err() {
                        break;
                    }
                }
                // The error's reason (the quoted start of the answer is what had arrived).
                let r = r.and_then(|()| reader.finish()).map_err(|e| {
                    e.message.rsplit_once(" (").map(|(_, why)| why.to_string())
                });
                (r, seen)
            };
            let mut parts = Vec::new();
            let mut from = 0;
            for a in at {
                parts.push(&body[from..a]);
                from = a;
            }
            parts.push(&body[from..]);
            prop_assert_eq!(read(&parts), read(&[&body[..]]));
        }

        /// Item by item, the one-pass reader decides as [`parse_one`] does on a tree.
        #[test]
        fn the_streamed_list_reads_every_item_as_the_tree_reader(
            items in prop::collection::vec(item(), 0..6),
            wrapped: bool,
        ) {
            let list = Value::Array(items.clone());
            let body = if wrapped { json!({"webhook_subscriptions": list}) } else { list }.to_string();
            let tree: Vec<Option<Subscription>> = items.into_iter().map(|i| parse_one(i).ok()).collect();
            let n = tree.len();
            let mut streamed = Vec::new();
            let r = read_list(body.as_bytes(), &mut |s| {
                streamed.push(s.clone());
                Ok(())
            });
            let good = tree.iter().take_while(|s| s.is_some()).count();
            let expected: Vec<Subscription> = tree.into_iter().take(good).flatten().collect();
            prop_assert_eq!(whole(&streamed), whole(&expected));
            prop_assert_eq!(r.ok(), (good == n).then_some(n));
        }
    }
}
