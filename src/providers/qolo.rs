//! Qolo: notification subscriptions behind a 12-hour login token.
//!
//! `POST /api/v1/auth/login` with `loginid` + `apikey` gives a bearer token, cached per
//! profile in whctl's cache folder (mode 0600), refreshed before its 12 hours run out and
//! once on a 401. Only the update (`UpdateNotificationById`) is documented; the create, list
//! and delete paths are assumed and live in [`PATHS`], overridable per profile. The secret
//! is chosen by the client, so rotation is an update carrying a new one.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{
    Capabilities, Change, Endpoint, NewSubscription, Op, Provider, ProviderKind, Rotation,
    Subscription, Support, generate_secret, join,
};
use crate::config::{Profile, Secret};
use crate::error::{Error, Kind};
use crate::http::{Http, Request, snippet};

pub const CAPABILITIES: Capabilities = Capabilities {
    api: true,
    subscribe: Support::Yes,
    list: Support::Yes,
    update: Support::Yes,
    delete: Support::Yes,
    rotate: Support::Partly("in place"),
    event_filter: true,
    signature: Some(("x-qolo-signature", "HMAC-SHA256 of body")),
    notes: "create/list/delete paths assumed (overridable per profile)",
    after_subscribe: Some(
        "qolo now pings the URL: if it gets no 2xx within 5 s the subscription stays inactive (check with `whctl get ID`)",
    ),
    descriptions: false,
    client_secret: true,
};

/// Every path whctl uses, with whether a public page confirms it. A profile overrides one
/// with `whctl profile add … --path OP='METHOD /path'`.
pub const PATHS: [(&str, &str, &str, bool); 5] = [
    ("login", "POST", "/api/v1/auth/login", true),
    ("create", "POST", "/api/{version}/notifications", false),
    (
        "list",
        "GET",
        "/api/{version}/notifications?program_guid={program_guid}",
        false,
    ),
    (
        "update",
        "PUT",
        "/api/{version}/notifications/{notification_guid}",
        false,
    ),
    (
        "delete",
        "DELETE",
        "/api/{version}/notifications/{notification_guid}",
        false,
    ),
];

/// Tokens live 12 hours; whctl logs in again when less than this is left.
const REFRESH_MARGIN: Duration = Duration::from_secs(15 * 60);
const TOKEN_LIFETIME: Duration = Duration::from_secs(12 * 3600);

pub struct Qolo {
    http: Http,
    base: String,
    profile: String,
    login_id: String,
    key: Secret,
    program_guid: String,
    version: String,
    paths: std::collections::BTreeMap<String, String>,
    token: Mutex<Option<Secret>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CachedToken {
    token: String,
    /// Unix seconds.
    expires_at: u64,
    base_url: String,
    login_id: String,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `<cache dir>/whctl/qolo-token-<profile>.json`.
pub fn token_cache_path(profile: &str) -> Option<PathBuf> {
    let safe: String = profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    dirs::cache_dir().map(|d| d.join("whctl").join(format!("qolo-token-{safe}.json")))
}

impl Qolo {
    pub fn new(profile: &Profile, http: Http) -> Result<Self, Error> {
        let key = profile.require_key()?.clone();
        let login_id = profile
            .require(&profile.login_id, "login-id", "WHCTL_LOGIN_ID")?
            .to_string();
        let program_guid = profile
            .require(&profile.program_guid, "program-guid", "WHCTL_PROGRAM_GUID")?
            .to_string();
        let q = Qolo {
            http,
            base: profile.base_url.value.clone(),
            profile: profile.name.clone(),
            login_id,
            key,
            program_guid,
            version: profile
                .api_version
                .as_ref()
                .map_or_else(|| "v1".to_string(), |v| v.value.clone()),
            paths: profile.paths.clone(),
            token: Mutex::new(None),
        };
        // Check every path override now, before anything is sent.
        for (op, ..) in PATHS {
            q.endpoint(op)?;
        }
        Ok(q)
    }

    fn endpoint(&self, op: &str) -> Result<Endpoint, Error> {
        let (_, m, p, _) = PATHS.iter().find(|(o, ..)| *o == op).expect("known op");
        let method = Method::from_bytes(m.as_bytes()).expect("valid method");
        Endpoint::resolve(&self.paths, op, (method, p))
    }

    fn url(&self, op: &str, guid: Option<&str>) -> Result<(Method, String), Error> {
        let e = self.endpoint(op)?;
        let path = e.fill(&[
            ("version", &self.version),
            ("program_guid", &self.program_guid),
            ("notification_guid", guid.unwrap_or("")),
        ]);
        Ok((e.method, join(&self.base, &path)))
    }

    fn read_cache(&self) -> Option<Secret> {
        let path = token_cache_path(&self.profile)?;
        let text = std::fs::read_to_string(path).ok()?;
        let c: CachedToken = serde_json::from_str(&text).ok()?;
        let fresh = c.expires_at > now() + REFRESH_MARGIN.as_secs();
        (fresh && c.base_url == self.base && c.login_id == self.login_id)
            .then(|| Secret::new(c.token))
    }

    fn write_cache(&self, token: &Secret, expires_at: u64) {
        let Some(path) = token_cache_path(&self.profile) else {
            return;
        };
        let c = CachedToken {
            token: token.expose().to_string(),
            expires_at,
            base_url: self.base.clone(),
            login_id: self.login_id.clone(),
        };
        // A cache that cannot be written only costs a login next time.
        let _ = crate::config::write_private(
            &path,
            serde_json::to_string(&c).unwrap_or_default().as_bytes(),
        );
    }

    async fn login(&self) -> Result<Secret, Error> {
        let (method, url) = self.url("login", None)?;
        let req = Request::new(method, url).json(json!({
            "loginid": self.login_id,
            "apikey": self.key.expose(),
        }));
        let resp = self.http.send(&req).await?;
        resp.check("qolo").map_err(|e| {
            if e.kind == Kind::Config {
                Error::config(format!(
                    "qolo login failed: {e} (check login_id and the API key)"
                ))
            } else {
                e
            }
        })?;
        let v = resp.json()?;
        let inner = v.get("data").filter(|d| d.is_object()).unwrap_or(&v);
        let token = ["token", "access_token"]
            .iter()
            .find_map(|k| inner.get(*k).and_then(Value::as_str))
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::unavailable(format!(
                    "qolo's login answer carries no token: {}",
                    snippet(&resp.body)
                ))
            })?;
        let lifetime = inner
            .get("expires_in")
            .and_then(Value::as_u64)
            .map_or(TOKEN_LIFETIME, Duration::from_secs);
        let token = Secret::new(token);
        self.write_cache(&token, now() + lifetime.as_secs());
        Ok(token)
    }

    async fn token(&self, fresh: bool) -> Result<Secret, Error> {
        if !fresh {
            if let Some(t) = self.token.lock().unwrap().clone() {
                return Ok(t);
            }
            if let Some(t) = self.read_cache() {
                *self.token.lock().unwrap() = Some(t.clone());
                return Ok(t);
            }
        }
        let t = self.login().await?;
        *self.token.lock().unwrap() = Some(t.clone());
        Ok(t)
    }

    fn request(&self, op: &str, guid: Option<&str>, body: Option<Value>) -> Result<Request, Error> {
        let (method, url) = self.url(op, guid)?;
        let mut r = Request::new(method, url);
        if let Some(b) = body {
            r = r.json(b);
        }
        Ok(r)
    }

    /// Sends with the bearer token; on a 401, logs in once more and retries.
    async fn call(&self, req: Request) -> Result<Value, Error> {
        let mut fresh = false;
        loop {
            let token = self.token(fresh).await?;
            let r = req
                .clone()
                .secret_header("Authorization", format!("Bearer {}", token.expose()));
            let resp = self.http.send(&r).await?;
            if resp.status == StatusCode::UNAUTHORIZED && !fresh {
                fresh = true;
                continue;
            }
            resp.check("qolo")?;
            return resp.json();
        }
    }

    fn body(
        &self,
        url: &str,
        events: &[String],
        active: bool,
        secret: Option<&Secret>,
        guid: Option<&str>,
    ) -> Value {
        let mut b = json!({
            "program_guid": self.program_guid,
            "url": url,
            "event_type": events,
            "active": active,
        });
        if let Some(s) = secret {
            b["secret"] = json!(s.expose());
        }
        if let Some(g) = guid {
            b["notification_guid"] = json!(g);
        }
        b
    }

    fn update_request(
        &self,
        cur: &Subscription,
        change: &Change,
        secret: Option<&Secret>,
    ) -> Result<Request, Error> {
        let events = change.events.as_ref().unwrap_or(&cur.events);
        let url = change.url.as_deref().unwrap_or(&cur.url);
        let active = change.enabled.unwrap_or(cur.enabled);
        // `headers` is left out so that custom headers set in Qolo are kept.
        let body = self.body(url, events, active, secret, Some(&cur.id));
        self.request("update", Some(&cur.id), Some(body))
    }
}

#[derive(Debug, Deserialize)]
struct Wire {
    #[serde(alias = "guid", alias = "id")]
    notification_guid: String,
    #[serde(default)]
    url: String,
    #[serde(default, alias = "event_types")]
    event_type: Vec<String>,
    #[serde(default)]
    active: Option<bool>,
    #[serde(default)]
    secret: Option<String>,
    #[serde(default, alias = "created", alias = "create_date")]
    created_at: Option<String>,
    #[serde(default, alias = "updated", alias = "update_date")]
    updated_at: Option<String>,
}

fn shape_error(what: &str, v: &Value) -> Error {
    Error::unavailable(format!(
        "qolo answered {what} in an unexpected shape: {}",
        snippet(v.to_string().as_bytes())
    ))
}

fn parse_one(v: &Value) -> Result<Subscription, Error> {
    let inner = v.get("data").filter(|d| d.is_object()).unwrap_or(v);
    let w: Wire =
        serde_json::from_value(inner.clone()).map_err(|_| shape_error("a notification", v))?;
    Ok(Subscription {
        id: w.notification_guid,
        url: w.url,
        description: None,
        events: w.event_type,
        enabled: w.active.unwrap_or(true),
        secret: w.secret.filter(|s| !s.is_empty()).map(Secret::new),
        created_at: w.created_at,
        updated_at: w.updated_at,
    })
}

fn parse_list(v: &Value) -> Result<Vec<Subscription>, Error> {
    let items = match v {
        Value::Array(a) => a,
        Value::Object(o) => match o.get("data").or_else(|| o.get("notifications")) {
            Some(Value::Array(a)) => a,
            Some(Value::Null) => return Ok(Vec::new()),
            _ => return Err(shape_error("the notification list", v)),
        },
        Value::Null => return Ok(Vec::new()),
        _ => return Err(shape_error("the notification list", v)),
    };
    items.iter().map(parse_one).collect()
}

#[async_trait]
impl Provider for Qolo {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Qolo
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        parse_list(&self.call(self.request("list", None, None)?).await?)
    }

    async fn create(&self, new: &NewSubscription) -> Result<Subscription, Error> {
        // The command generates the secret once, so that a retried create sends the same one.
        let secret = new.secret.clone().unwrap_or_else(generate_secret);
        let body = self.body(&new.url, &new.events, new.enabled, Some(&secret), None);
        let v = self.call(self.request("create", None, Some(body))?).await?;
        let mut sub = parse_one(&v).or_else(|e| {
            // Some answers carry only the guid; the rest is what was sent.
            let guid = v
                .get("notification_guid")
                .or_else(|| v.get("data").and_then(|d| d.get("notification_guid")))
                .and_then(Value::as_str)
                .ok_or(e)?;
            Ok::<_, Error>(Subscription {
                id: guid.to_string(),
                url: new.url.clone(),
                description: None,
                events: new.events.clone(),
                enabled: new.enabled,
                secret: None,
                created_at: None,
                updated_at: None,
            })
        })?;
        sub.secret = Some(secret);
        Ok(sub)
    }

    async fn update(&self, id: &str, change: &Change) -> Result<Subscription, Error> {
        if change.description.is_some() {
            return Err(Error::unsupported(
                "qolo notifications have no description: drop --description",
            ));
        }
        let cur = self.get(id).await?;
        let req = self.update_request(&cur, change, change.secret.as_ref())?;
        let v = self.call(req).await?;
        let mut sub = parse_one(&v).unwrap_or_else(|_| Subscription {
            url: change.url.clone().unwrap_or(cur.url.clone()),
            events: change.events.clone().unwrap_or(cur.events.clone()),
            enabled: change.enabled.unwrap_or(cur.enabled),
            ..cur.clone()
        });
        if let Some(s) = &change.secret {
            sub.secret = Some(s.clone());
        }
        Ok(sub)
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        self.call(self.request("delete", Some(id), None)?)
            .await
            .map_err(|e| {
                if e.kind == Kind::NotFound {
                    Error::not_found(format!("no qolo notification with guid '{id}' ({e})"))
                } else {
                    e
                }
            })?;
        Ok(())
    }

    /// In place: an update carrying a freshly generated secret.
    async fn rotate_secret(&self, id: &str) -> Result<Rotation, Error> {
        let secret = generate_secret();
        let change = Change {
            secret: Some(secret),
            ..Change::default()
        };
        let sub = self.update(id, &change).await?;
        Ok(Rotation {
            subscription: sub,
            old_id: id.to_string(),
            incomplete: None,
        })
    }

    fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
        let placeholder = Secret::new("<generated at run time>");
        Ok(match op {
            Op::Create(new) => {
                let secret = if new.secret.is_some() {
                    Secret::new("<from --secret-file>")
                } else {
                    placeholder
                };
                vec![self.request(
                    "create",
                    None,
                    Some(self.body(&new.url, &new.events, new.enabled, Some(&secret), None)),
                )?]
            }
            Op::Update(id, change) => {
                let cur = Subscription {
                    id: id.to_string(),
                    url: "<current url>".into(),
                    description: None,
                    events: vec!["<current events>".into()],
                    enabled: true,
                    secret: None,
                    created_at: None,
                    updated_at: None,
                };
                vec![self.update_request(&cur, change, None)?]
            }
            Op::Delete(id) => vec![self.request("delete", Some(id), None)?],
            Op::Rotate(cur) => {
                vec![self.update_request(cur, &Change::default(), Some(&placeholder))?]
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_arrays_and_data_envelopes() {
        let one =
            json!({"notification_guid": "g1", "url": "u", "event_type": ["card"], "active": false});
        assert_eq!(parse_list(&json!([one.clone()])).unwrap()[0].id, "g1");
        let l = parse_list(&json!({"data": [one.clone()]})).unwrap();
        assert!(!l[0].enabled);
        assert_eq!(parse_one(&json!({"data": one})).unwrap().events, ["card"]);
        assert!(parse_list(&json!({"data": 3})).is_err());
        assert!(parse_one(&json!({"nope": 1})).is_err());
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_json_answer_parses_or_is_an_error(v in crate::testutil::arb_json()) {
            let _ = parse_one(&v);
            let _ = parse_list(&v);
        }
    }
}
