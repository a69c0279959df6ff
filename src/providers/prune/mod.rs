//! Prune Payments (the "GB provider"): two webhook URLs per account, `EVENT` and `CALLBACK`.
//!
//! "Update Webhook URL" is `PATCH /v1/accounts/webhooks` with `{"eventURL", "callbackURL"}`
//! (docs.prunepayments.net/webhooks/update-webhook-url); "Get Webhook URLs" is
//! `GET /v1/accounts/webhooks`, answering `data: [{id, type: EVENT|CALLBACK, url, …}]` (the
//! call Prune's own dashboard makes; its docs page was not found). Whether a field left out
//! of the PATCH is kept or cleared is not published, so every change reads both URLs first
//! and sends both. Answers are wrapped as `{status, message, data, meta, code}`; `message` is
//! shown on errors. whctl shows the two URLs as two subscriptions, ids `event` and
//! `callback`; an unset one is disabled with an empty URL.

pub mod sandbox;

use async_trait::async_trait;
use serde_json::{Value, json};

use super::{
    Change, Endpoint, NewSubscription, Op, Provider, ProviderKind, Subscription, join, unexpected,
};
use crate::config::{Profile, Secret};
use crate::error::Error;
use crate::http::{Http, Request, Response, snippet};
use crate::spec::{Capabilities, Credential, Delivered, Envelope, Retries, Route, Spec, Support};

/// Everything whctl knows about Prune, as data.
pub static SPEC: Spec = Spec {
    name: "prune",
    default_base_url: "https://dps.prunepayments.net",
    credentials: &[Credential::ApiKey],
    capabilities: Capabilities {
        api: true,
        subscribe: Support::Partly("sets the event or callback URL"),
        list: Support::Yes,
        update: Support::Partly("URL only"),
        delete: Support::Partly("clears the URL"),
        rotate: Support::No,
        event_filter: false,
        server_wildcards: false,
        url_kinds: &URL_KINDS,
        notes: "two URLs per account (event, callback); get path from Prune's dashboard (overridable per profile)",
        after_subscribe: Some(
            "prune now sends a notification to the new URL (as its docs say it does in the sandbox)",
        ),
        descriptions: false,
        client_secret: false,
    },
    // update: docs.prunepayments.net/webhooks/update-webhook-url; get: the call Prune's own
    // dashboard makes (no docs page found).
    routes: &[
        Route {
            op: "get",
            method: "GET",
            path: "/v1/accounts/webhooks",
            documented: false,
        },
        Route {
            op: "update",
            method: "PATCH",
            path: "/v1/accounts/webhooks",
            documented: true,
        },
    ],
    catalog: include_str!("../../catalog/data/prune.json"),
    signature: None,
    envelope: Envelope {
        event_field: "identifier",
        minimal: |e| json!({ "message": e.description, "identifier": e.name, "code": e.code }),
        fresh: &[],
    },
    delivered: Delivered::AnyTwoXx,
    register: None,
    // No retry schedule or answer timeout is published (seed 003).
    retries: Retries::NONE,
    answer_within_secs: None,
};

/// The API client of a profile.
pub fn client(profile: &Profile, http: Http) -> Result<Box<dyn Provider>, Error> {
    Ok(Box::new(Prune::new(profile, http)?))
}

/// The account's two URLs, as whctl names them (ids), with Prune's `type` and PATCH field.
const KINDS: [(&str, &str, &str); 2] = [
    ("event", "EVENT", "eventURL"),
    ("callback", "CALLBACK", "callbackURL"),
];
const URL_KINDS: [&str; 2] = [KINDS[0].0, KINDS[1].0];

pub struct Prune {
    kind: ProviderKind,
    /// Held from the read to the PATCH of a change (see [`Prune::set`]).
    writing: tokio::sync::Mutex<()>,
    http: Http,
    base: String,
    key: Secret,
    get: Endpoint,
    update: Endpoint,
}

/// The account's two URLs (an unset one is empty), with their dates when Prune gives them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Urls {
    /// Indexed like [`KINDS`].
    url: [String; 2],
    created: [Option<String>; 2],
    updated: [Option<String>; 2],
}

/// The index in [`KINDS`] of a subscription id (`event`, `callback`), else a not-found error.
fn kind_index(id: &str) -> Result<usize, Error> {
    KINDS
        .iter()
        .position(|(k, ..)| k.eq_ignore_ascii_case(id.trim()))
        .ok_or_else(|| {
            Error::not_found(format!(
                "prune has two webhook URLs per account, ids 'event' and 'callback'; there is no '{id}'"
            ))
        })
}

impl Prune {
    pub fn new(profile: &Profile, http: Http) -> Result<Self, Error> {
        let endpoint = |op: &str| super::endpoint(profile, op);
        Ok(Prune {
            kind: profile.provider,
            writing: tokio::sync::Mutex::new(()),
            key: profile.require_key()?.clone(),
            base: profile.base_url.value.clone(),
            get: endpoint("get")?,
            update: endpoint("update")?,
            http,
        })
    }

    fn request(&self, e: &Endpoint) -> Request {
        Request::new(e.method.clone(), join(&self.base, &e.path))
            .secret_header("Authorization", format!("Bearer {}", self.key.expose()))
    }

    /// The PATCH that sets both URLs.
    fn set_request(&self, event: &str, callback: &str) -> Request {
        self.request(&self.update).json(json!({
            KINDS[0].2: event,
            KINDS[1].2: callback,
        }))
    }

    /// Sends and unwraps the envelope: a non-2xx status, or a 2xx whose `status` says it
    /// failed, is an error carrying the envelope's `message`.
    async fn call(&self, req: &Request) -> Result<Response, Error> {
        let resp = self.http.send(req).await?;
        resp.check("prune")?;
        if let Ok(v) = serde_json::from_slice::<Value>(&resp.body)
            && envelope_failed(&v)
        {
            return Err(Error::rejected(format!(
                "prune refused the request: {}",
                message(&resp, &v)
            )));
        }
        Ok(resp)
    }

    async fn read(&self) -> Result<Urls, Error> {
        let resp = self.call(&self.request(&self.get)).await?;
        parse_urls(&resp.body)
    }

    /// Sets URL `i` to `url` (empty clears it), sending the other one as it was read. The
    /// read and the PATCH are one step: two changes to the account's URLs at once (`apply`
    /// setting both) would otherwise each send the other's old value, and one would be lost.
    async fn set(&self, i: usize, url: &str) -> Result<Urls, Error> {
        let _one_at_a_time = self.writing.lock().await;
        let mut urls = self.read().await?;
        urls.url[i] = url.to_string();
        self.call(&self.set_request(&urls.url[0], &urls.url[1]))
            .await?;
        Ok(urls)
    }
}

fn envelope_failed(v: &Value) -> bool {
    match v.get("status") {
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s)) => {
            let s = s.to_ascii_lowercase();
            s == "error" || s == "failed" || s == "failure" || s == "false"
        }
        _ => false,
    }
}

fn message(resp: &Response, v: &Value) -> String {
    v.get("message")
        .and_then(Value::as_str)
        .map_or_else(|| snippet(&resp.body), String::from)
}

/// The envelope's `data`: a list of `{id, type, url, createdAt, updatedAt, deletedAt}`; a
/// type that is missing (or deleted) is unset. Anything but a list is an unexpected answer.
fn parse_urls(body: &[u8]) -> Result<Urls, Error> {
    let bad = || unexpected(SPEC.name, "the webhook URLs", body);
    let v: Value = serde_json::from_slice(body).map_err(|_| bad())?;
    let Some(Value::Array(items)) = v.get("data") else {
        return Err(bad());
    };
    let mut urls = Urls::default();
    for item in items {
        let text = |k: &str| item.get(k).and_then(Value::as_str).map(String::from);
        let Some(t) = text("type") else {
            return Err(bad());
        };
        let deleted = item.get("deletedAt").is_some_and(|d| !d.is_null());
        let Some(i) = KINDS
            .iter()
            .position(|(_, w, _)| w.eq_ignore_ascii_case(&t))
        else {
            continue; // a type whctl does not know is left alone
        };
        if deleted {
            continue;
        }
        urls.url[i] = text("url").unwrap_or_default();
        urls.created[i] = text("createdAt");
        urls.updated[i] = text("updatedAt");
    }
    Ok(urls)
}

/// URL `i` as a subscription: the event URL gets every Prune event; the callback URL gets
/// callbacks, not event notifications.
fn as_subscription(urls: &Urls, i: usize) -> Subscription {
    let url = urls.url[i].clone();
    Subscription {
        id: KINDS[i].0.to_string(),
        enabled: !url.is_empty(),
        url,
        description: Some(
            if i == 0 {
                "every event goes to the account's event URL"
            } else {
                "callbacks go to the account's callback URL"
            }
            .to_string(),
        ),
        events: if i == 0 {
            crate::catalog::get(super::kind_of(&SPEC))
                .events
                .iter()
                .map(|e| e.name.clone())
                .collect()
        } else {
            Vec::new()
        },
        secret: None,
        created_at: urls.created[i].clone(),
        updated_at: urls.updated[i].clone(),
    }
}

fn refuse_change(change: &Change) -> Result<&str, Error> {
    if change.events.is_some() {
        return Err(Error::unsupported(
            "prune sends every event to the account's event URL: drop --events",
        ));
    }
    if change.description.is_some() {
        return Err(Error::unsupported("prune webhooks have no description"));
    }
    if change.enabled == Some(false) {
        return Err(Error::unsupported(
            "prune cannot disable a webhook URL: `whctl delete event` (or `callback`) clears it",
        ));
    }
    if change.secret.is_some() {
        return Err(Error::unsupported("prune has no webhook secret to rotate"));
    }
    change
        .url
        .as_deref()
        .ok_or_else(|| Error::unsupported("prune can only change the URL: pass --url"))
}

/// Which URL a create sets: `event` unless the request names another.
fn target(new: &NewSubscription) -> Result<usize, Error> {
    new.url_kind.as_deref().map_or(Ok(0), kind_index)
}

#[async_trait]
impl Provider for Prune {
    fn kind(&self) -> ProviderKind {
        self.kind
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        let urls = self.read().await?;
        Ok((0..KINDS.len())
            .map(|i| as_subscription(&urls, i))
            .collect())
    }

    async fn get(&self, id: &str) -> Result<Subscription, Error> {
        let i = kind_index(id)?;
        Ok(as_subscription(&self.read().await?, i))
    }

    async fn create(&self, new: &NewSubscription) -> Result<Subscription, Error> {
        if new.description.is_some() {
            return Err(Error::unsupported("prune webhooks have no description"));
        }
        if !new.enabled {
            return Err(Error::unsupported(
                "prune cannot hold a disabled webhook URL",
            ));
        }
        let i = target(new)?;
        Ok(as_subscription(&self.set(i, &new.url).await?, i))
    }

    async fn update(&self, id: &str, change: &Change) -> Result<Subscription, Error> {
        let i = kind_index(id)?;
        let url = refuse_change(change)?;
        Ok(as_subscription(&self.set(i, url).await?, i))
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        self.set(kind_index(id)?, "").await?;
        Ok(())
    }

    fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
        // Each change reads both URLs first, then sends both.
        let both = |i: usize, url: &str| {
            let mut urls = [String::from("<as read>"), String::from("<as read>")];
            urls[i] = url.to_string();
            vec![
                self.request(&self.get),
                self.set_request(&urls[0], &urls[1]),
            ]
        };
        match op {
            Op::Create(new) => Ok(both(target(new)?, &new.url)),
            Op::Update(id, change) => Ok(both(kind_index(id)?, refuse_change(change)?)),
            Op::Delete(id) => Ok(both(kind_index(id)?, "")),
            Op::Rotate(_) => Err(super::unsupported(self.kind, "rotate-secret")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_codes_name_their_events() {
        let c = crate::catalog::get(super::super::kind_of(&SPEC));
        assert_eq!(c.resolve("1143").unwrap().canonical, "ACCOUNT_CREATED");
        assert_eq!(c.resolve("account_*").unwrap().canonical, "ACCOUNT_*");
    }

    #[test]
    fn url_shapes() {
        let body = json!({"status": true, "message": "ok", "code": 200, "meta": {}, "data": [
            {"id": "w1", "type": "EVENT", "url": "https://a", "createdAt": "t1", "updatedAt": "t2", "deletedAt": null},
            {"id": "w2", "type": "CALLBACK", "url": "https://c", "deletedAt": "t3"},
        ]});
        let u = parse_urls(body.to_string().as_bytes()).unwrap();
        assert_eq!(u.url, ["https://a".to_string(), String::new()]);
        assert_eq!(u.created[0].as_deref(), Some("t1"));
        let none = parse_urls(br#"{"status": true, "data": []}"#).unwrap();
        assert_eq!(none, Urls::default());
        for bad in [
            "",
            "{}",
            r#"{"status": true}"#,
            r#"{"data": null}"#,
            r#"{"data": {"url": "x"}}"#,
            r#"{"data": [{"url": "x"}]}"#,
        ] {
            assert!(parse_urls(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_name_the_two_urls() {
        assert_eq!(kind_index("event").unwrap(), 0);
        assert_eq!(kind_index("CALLBACK").unwrap(), 1);
        assert!(kind_index("default").is_err());
    }

    #[test]
    fn envelope_status() {
        assert!(envelope_failed(&json!({"status": false})));
        assert!(envelope_failed(&json!({"status": "error"})));
        assert!(!envelope_failed(&json!({"status": "success"})));
        assert!(!envelope_failed(&json!({"status": true})));
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_json_answer_parses_or_is_an_error(v in crate::testutil::arb_json()) {
            let _ = parse_urls(v.to_string().as_bytes());
            let _ = envelope_failed(&v);
        }
    }
}
