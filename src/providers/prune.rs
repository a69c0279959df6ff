//! Prune Payments (the "GB provider"): one webhook URL per account, every event sent to it.
//!
//! Two documented operations, "Get Webhook URLs" and "Update Webhook URL"; their paths and
//! bodies are assumed ([`PATHS`], overridable per profile). Answers are wrapped as
//! `{status, message, data, meta, code}`; `message` is shown on errors. whctl shows the
//! account's URL as one subscription with id `default`.

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{Value, json};

use super::{
    Capabilities, Change, Endpoint, NewSubscription, Op, Provider, ProviderKind, Subscription,
    Support, join,
};
use crate::config::{Profile, Secret};
use crate::error::Error;
use crate::http::{Http, Request, Response, snippet};

pub const CAPABILITIES: Capabilities = Capabilities {
    api: true,
    subscribe: Support::Partly("sets the account URL"),
    list: Support::Yes,
    update: Support::Partly("URL only"),
    delete: Support::Partly("clears the URL"),
    rotate: Support::No,
    event_filter: false,
    signature: None,
    notes: "one URL per account; paths assumed (overridable per profile)",
    after_subscribe: None,
    descriptions: false,
    client_secret: false,
};

/// Every path whctl uses; none is confirmed by a public page.
pub const PATHS: [(&str, &str, &str, bool); 2] = [
    ("get", "GET", "/v1/webhooks", false),
    ("update", "PUT", "/v1/webhooks", false),
];

/// The id under which the account's one URL is shown.
pub const DEFAULT_ID: &str = "default";

pub struct Prune {
    http: Http,
    base: String,
    key: Secret,
    get: Endpoint,
    update: Endpoint,
}

impl Prune {
    pub fn new(profile: &Profile, http: Http) -> Result<Self, Error> {
        let endpoint = |op: &str| {
            let (_, m, p, _) = PATHS.iter().find(|(o, ..)| *o == op).expect("known op");
            Endpoint::resolve(
                &profile.paths,
                op,
                (Method::from_bytes(m.as_bytes()).expect("valid method"), p),
            )
        };
        Ok(Prune {
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

    fn set_request(&self, url: &str) -> Request {
        self.request(&self.update).json(json!({ "url": url }))
    }

    /// Sends and unwraps the envelope: a non-2xx status, or a 2xx whose `status` says it
    /// failed, is an error carrying the envelope's `message`.
    async fn call(&self, req: &Request) -> Result<Value, Error> {
        let resp = self.http.send(req).await?;
        resp.check("prune")?;
        let v = resp.json()?;
        if envelope_failed(&v) {
            return Err(Error::rejected(format!(
                "prune refused the request: {}",
                message(&resp, &v)
            )));
        }
        Ok(v.get("data").cloned().unwrap_or(Value::Null))
    }

    async fn current_url(&self) -> Result<Option<String>, Error> {
        parse_url(&self.call(&self.request(&self.get)).await?)
    }

    fn check_id(id: &str) -> Result<(), Error> {
        if id == DEFAULT_ID {
            Ok(())
        } else {
            Err(Error::not_found(format!(
                "prune has one webhook URL per account, shown as id '{DEFAULT_ID}'; there is no '{id}'"
            )))
        }
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

/// The URL in `data`: a list of `{"url", …}` (the first with a URL), one object, or a string.
fn parse_url(data: &Value) -> Result<Option<String>, Error> {
    let url_of = |o: &Value| -> Option<String> {
        o.get("url")
            .or_else(|| o.get("webhook_url"))
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .map(String::from)
    };
    match data {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone()).filter(|s| !s.is_empty())),
        Value::Array(items) => Ok(items.iter().find_map(url_of)),
        Value::Object(_) => Ok(url_of(data)),
        other => Err(Error::unavailable(format!(
            "prune answered the webhook URL in an unexpected shape: {}",
            snippet(other.to_string().as_bytes())
        ))),
    }
}

/// The account's URL as one subscription to every Prune event.
fn as_subscription(url: Option<String>) -> Subscription {
    Subscription {
        id: DEFAULT_ID.to_string(),
        enabled: url.is_some(),
        url: url.unwrap_or_default(),
        description: Some("every event goes to the account's one URL".to_string()),
        events: crate::catalog::get(ProviderKind::Prune)
            .events
            .iter()
            .map(|e| e.name.clone())
            .collect(),
        secret: None,
        created_at: None,
        updated_at: None,
    }
}

fn refuse_change(change: &Change) -> Result<&str, Error> {
    if change.events.is_some() {
        return Err(Error::unsupported(
            "prune sends every event to the account's URL: drop --events",
        ));
    }
    if change.description.is_some() {
        return Err(Error::unsupported("prune webhooks have no description"));
    }
    if change.enabled == Some(false) {
        return Err(Error::unsupported(
            "prune cannot disable its webhook: `whctl delete default` clears the URL",
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

#[async_trait]
impl Provider for Prune {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Prune
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        Ok(vec![as_subscription(self.current_url().await?)])
    }

    async fn get(&self, id: &str) -> Result<Subscription, Error> {
        Self::check_id(id)?;
        Ok(as_subscription(self.current_url().await?))
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
        self.call(&self.set_request(&new.url)).await?;
        Ok(as_subscription(Some(new.url.clone())))
    }

    async fn update(&self, id: &str, change: &Change) -> Result<Subscription, Error> {
        Self::check_id(id)?;
        let url = refuse_change(change)?;
        self.call(&self.set_request(url)).await?;
        Ok(as_subscription(Some(url.to_string())))
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        Self::check_id(id)?;
        self.call(&self.set_request("")).await?;
        Ok(())
    }

    fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
        match op {
            Op::Create(new) => Ok(vec![self.set_request(&new.url)]),
            Op::Update(id, change) => {
                Self::check_id(id)?;
                Ok(vec![self.set_request(refuse_change(change)?)])
            }
            Op::Delete(id) => {
                Self::check_id(id)?;
                Ok(vec![self.set_request("")])
            }
            Op::Rotate(_) => Err(super::unsupported(ProviderKind::Prune, "rotate-secret")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shapes() {
        assert_eq!(
            parse_url(&json!([{"url": "https://a"}]))
                .unwrap()
                .as_deref(),
            Some("https://a")
        );
        assert_eq!(
            parse_url(&json!({"url": "https://b"})).unwrap().as_deref(),
            Some("https://b")
        );
        assert_eq!(parse_url(&json!([{"url": ""}])).unwrap(), None);
        assert_eq!(parse_url(&Value::Null).unwrap(), None);
        assert!(parse_url(&json!(3)).is_err());
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
            let _ = parse_url(&v);
            let _ = envelope_failed(&v);
        }
    }
}
