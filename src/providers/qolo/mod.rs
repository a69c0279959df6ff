//! Qolo: webhook subscriptions behind a 12-hour login token.
//!
//! `POST /api/v1/auth/login` with `loginid` + `apikey` gives a bearer token, cached per
//! profile in whctl's cache folder (mode 0600), refreshed before its 12 hours run out and
//! once on a 401. The webhook operations are those of Qolo's published OpenAPI file
//! (`CreateNotification`, `GetNotificationAll`, `GetNotificationById`,
//! `UpdateNotificationById` under `/api/{version}/webhooks`); the list is paged and read to
//! its end. No delete operation is published: `DELETE …/webhooks/{guid}` is assumed. Every
//! path lives in [`SPEC`]'s routes, overridable per profile. The secret is chosen by the client, so
//! rotation is an update carrying a new one.

pub mod sandbox;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{
    Change, Endpoint, NewSubscription, Op, Provider, ProviderKind, Rotation, Sink, Subscription,
    generate_secret, join, unexpected,
};
use crate::config::{Profile, Secret};
use crate::error::{Error, Kind};
use crate::http::{Http, Request, Response};
use crate::spec::{
    Capabilities, Credential, Delivered, Envelope, Retries, Route, Scheme, Spec, Support,
};

/// Everything whctl knows about Qolo, as data.
pub static SPEC: Spec = Spec {
    name: "qolo",
    default_base_url: "https://devapi.qolopay.com",
    credentials: &[
        Credential::ApiKey,
        Credential::LoginId,
        Credential::ProgramGuid,
        Credential::ApiVersion,
    ],
    capabilities: Capabilities {
        api: true,
        subscribe: Support::Yes,
        list: Support::Yes,
        update: Support::Yes,
        delete: Support::Partly("path assumed"),
        rotate: Support::Partly("in place"),
        event_filter: true,
        server_wildcards: false,
        url_kinds: &[],
        notes: "delete path assumed (no published operation; overridable per profile)",
        after_subscribe: Some(
            "qolo now pings the URL: if it gets no 2xx within 5 s the subscription stays inactive (check with `whctl get ID`)",
        ),
        descriptions: false,
        client_secret: true,
    },
    // Sources: Qolo's OpenAPI file (operations `CreateNotification`, `GetNotificationAll`,
    // `GetNotificationById`, `UpdateNotificationById`) and the getting-started page (login).
    // A profile overrides one with `whctl profile add … --path OP='METHOD /path'`. The list
    // path must keep `{start_index}`; its `limit` is the page size asked for (no maximum is
    // published).
    routes: &[
        Route {
            op: "login",
            method: "POST",
            path: "/api/v1/auth/login",
            documented: true,
        },
        Route {
            op: "create",
            method: "POST",
            path: "/api/{version}/webhooks",
            documented: true,
        },
        Route {
            op: "list",
            method: "GET",
            path: "/api/{version}/webhooks?limit=100&start_index={start_index}",
            documented: true,
        },
        Route {
            op: "get",
            method: "GET",
            path: "/api/{version}/webhooks/{notification_guid}",
            documented: true,
        },
        Route {
            op: "update",
            method: "PUT",
            path: "/api/{version}/webhooks/{notification_guid}",
            documented: true,
        },
        Route {
            op: "delete",
            method: "DELETE",
            path: "/api/{version}/webhooks/{notification_guid}",
            documented: false,
        },
    ],
    catalog: include_str!("../../catalog/data/qolo.json"),
    signature: Some(Scheme::BodyHmac("x-qolo-signature")),
    // Qolo's delivery envelope is not documented: a plain one, named as the event.
    envelope: Envelope {
        event_field: "event_type",
        minimal: |e| json!({ "event_type": e.name, "created_at": e.now, "data": {} }),
        fresh: &[],
    },
    delivered: Delivered::AnyTwoXx,
    register: None,
    // "Deliveries are retried up to 6 times when not answered 2xx within 5 s"
    // (docs/event-processing); the waits between them are not published: these are whctl's.
    retries: Retries {
        delays_secs: &[60, 300, 900, 1800, 3600, 7200],
        documented: false,
    },
    answer_within_secs: Some(5),
};

/// The API client of a profile.
pub fn client(profile: &Profile, http: Http) -> Result<Box<dyn Provider>, Error> {
    Ok(Box::new(Qolo::new(profile, http)?))
}

/// The properties of `NotificationConfigurationDTO`, which forbids any other
/// (`additionalProperties: false`): an update sends back exactly these, as read.
const DTO_FIELDS: [&str; 7] = [
    "notification_guid",
    "program_guid",
    "url",
    "headers",
    "secret",
    "active",
    "event_type",
];

/// A list that still says `has_more` after this many pages is an error, not a hang.
const MAX_PAGES: u64 = 10_000;

/// Tokens live 12 hours; whctl logs in again when less than this is left.
const REFRESH_MARGIN: Duration = Duration::from_secs(15 * 60);
const TOKEN_LIFETIME: Duration = Duration::from_secs(12 * 3600);

pub struct Qolo {
    kind: ProviderKind,
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
            kind: profile.provider,
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
        for route in SPEC.routes {
            q.endpoint(route.op)?;
        }
        if !q.endpoint("list")?.path.contains("{start_index}") {
            return Err(Error::config(
                "path override list: qolo's list is paged, so the path must keep start_index={start_index}",
            ));
        }
        Ok(q)
    }

    fn endpoint(&self, op: &str) -> Result<Endpoint, Error> {
        let route = SPEC
            .routes
            .iter()
            .find(|r| r.op == op)
            .expect("every operation has a route");
        let method = Method::from_bytes(route.method.as_bytes()).expect("a valid method");
        Endpoint::resolve(&self.paths, op, (method, route.path))
    }

    /// The request for `op`; `guid` fills `{notification_guid}`, `start` `{start_index}`.
    fn request(&self, op: &str, guid: Option<&str>, start: u64) -> Result<Request, Error> {
        let e = self.endpoint(op)?;
        let path = e.fill(&[
            ("version", &self.version),
            ("program_guid", &self.program_guid),
            ("notification_guid", guid.unwrap_or("")),
            ("start_index", &start.to_string()),
        ]);
        Ok(Request::new(e.method, join(&self.base, &path)))
    }

    fn read_cache(&self) -> Option<Secret> {
        let path = token_cache_path(&self.profile)?;
        let text = std::fs::read_to_string(path).ok()?;
        let c: CachedToken = serde_json::from_str(&text).ok()?;
        let fresh = c.expires_at > now().saturating_add(REFRESH_MARGIN.as_secs());
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
        let req = self.request("login", None, 1)?.json(json!({
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
                // The answer may hold credentials under another name: show its field names
                // only, never its values.
                let fields: Vec<&str> = inner
                    .as_object()
                    .map(|o| o.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                Error::unavailable(format!(
                    "qolo's login answer carries no token (no `token` or `access_token`; its fields: {})",
                    if fields.is_empty() { "none".to_string() } else { fields.join(", ") }
                ))
            })?;
        let lifetime = inner
            .get("expires_in")
            .and_then(Value::as_u64)
            .map_or(TOKEN_LIFETIME, Duration::from_secs);
        let token = Secret::new(token);
        // `expires_in` is the provider's number: an absurd one must not overflow.
        self.write_cache(&token, now().saturating_add(lifetime.as_secs()));
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

    /// Sends with the bearer token (on a 401, logs in once more and retries) and checks the
    /// status; errors carry Qolo's `ProblemDetails` `detail` (else `title`).
    async fn send(&self, req: &Request) -> Result<Response, Error> {
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
            return Ok(resp);
        }
    }

    /// Every webhook of the profile's program, page after page until `has_more` is false,
    /// each page handed to `sink` item by item as soon as it is read (only one page is held).
    async fn list_pages(&self, sink: &mut Sink<'_>) -> Result<usize, Error> {
        let mut count = 0;
        let mut start: u64 = 1;
        for _ in 0..MAX_PAGES {
            let resp = self.send(&self.request("list", None, start)?).await?;
            let page: Page = serde_json::from_slice(&resp.body)
                .map_err(|_| unexpected(SPEC.name, "the webhook list", &resp.body))?;
            let n = page.data.len() as u64;
            for w in page.data {
                if w.program_guid
                    .as_deref()
                    .is_none_or(|p| p == self.program_guid)
                {
                    sink(&mut w.into())?;
                    count += 1;
                }
            }
            if !page.has_more {
                return Ok(count);
            }
            if n == 0 {
                return Err(Error::unavailable(format!(
                    "unexpected answer from qolo for the webhook list: has_more is true but the page at start_index {start} is empty"
                )));
            }
            // The next page starts after this one's end (1-based, inclusive); a page that
            // is not the one asked for would loop forever.
            let stuck = page.start_index.is_some_and(|s| s != start)
                || page.end_index.is_some_and(|e| e < start);
            if stuck {
                return Err(Error::unavailable(format!(
                    "unexpected answer from qolo for the webhook list: asked for start_index {start}, got the page {}..{}",
                    page.start_index.unwrap_or(0),
                    page.end_index.unwrap_or(0)
                )));
            }
            start = page.end_index.map_or(start + n, |e| e + 1);
        }
        Err(Error::unavailable(format!(
            "qolo still answered has_more after {MAX_PAGES} pages of webhooks; stopped reading"
        )))
    }

    /// One webhook as read (`GetNotificationById`), and as whctl shows it.
    async fn read(&self, id: &str) -> Result<(Map<String, Value>, Subscription), Error> {
        let resp = self
            .send(&self.request("get", Some(id), 1)?)
            .await
            .map_err(|e| not_found_guid(e, id))?;
        let bad = || unexpected(SPEC.name, "a webhook", &resp.body);
        let Value::Object(raw) = serde_json::from_slice(&resp.body).map_err(|_| bad())? else {
            return Err(bad());
        };
        let w: Wire = serde_json::from_value(Value::Object(raw.clone())).map_err(|_| bad())?;
        if w.program_guid
            .as_deref()
            .is_some_and(|p| p != self.program_guid)
        {
            return Err(Error::not_found(format!(
                "qolo webhook '{id}' belongs to another program than this profile's"
            )));
        }
        Ok((raw, w.into()))
    }

    fn create_body(&self, new: &NewSubscription, secret: &Secret) -> Value {
        json!({
            "program_guid": self.program_guid,
            "url": new.url,
            "event_type": new.events,
            "secret": secret.expose(),
            "active": new.enabled,
        })
    }

    fn create_request(&self, new: &NewSubscription, secret: &Secret) -> Result<Request, Error> {
        let mut r = self
            .request("create", None, 1)?
            .json(self.create_body(new, secret));
        if let Some(k) = &new.idempotency_key {
            r = r.header("IdempotencyKey", k);
        }
        Ok(r)
    }

    /// The full object as read, with the change applied: only the DTO's own fields, none
    /// dropped (`headers` and the rest go back as they were).
    fn update_request(
        &self,
        id: &str,
        raw: &Map<String, Value>,
        change: &Change,
    ) -> Result<(Request, Map<String, Value>), Error> {
        let mut body: Map<String, Value> = raw
            .iter()
            .filter(|(k, _)| DTO_FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Some(u) = &change.url {
            body.insert("url".into(), json!(u));
        }
        if let Some(e) = &change.events {
            body.insert("event_type".into(), json!(e));
        }
        if let Some(a) = change.enabled {
            body.insert("active".into(), json!(a));
        }
        if let Some(s) = &change.secret {
            body.insert("secret".into(), json!(s.expose()));
        }
        let req = self
            .request("update", Some(id), 1)?
            .json(Value::Object(body.clone()));
        Ok((req, body))
    }

    /// PUTs the webhook as read with `change` applied (200 without a body or 204; a DTO
    /// answer is read when there is one).
    async fn put(
        &self,
        id: &str,
        raw: &Map<String, Value>,
        change: &Change,
    ) -> Result<Subscription, Error> {
        let (req, sent) = self.update_request(id, raw, change)?;
        let resp = self.send(&req).await.map_err(|e| not_found_guid(e, id))?;
        let answered = match serde_json::from_slice::<Value>(&resp.body) {
            Ok(Value::Object(o)) => from_object(&o),
            _ => None,
        };
        let mut sub = answered
            .or_else(|| from_object(&sent))
            .ok_or_else(|| unexpected(SPEC.name, "a webhook", &resp.body))?;
        if sub.id.is_empty() {
            sub.id = id.to_string();
        }
        if let Some(s) = &change.secret {
            sub.secret = Some(s.clone());
        }
        Ok(sub)
    }
}

/// Keeps a generated secret whose rotation may have taken effect:
/// `<cache dir>/whctl/pending-secrets/PROFILE.ID-UNIXTIME.secret`, mode 0600.
fn keep_pending(profile: &str, id: &str, secret: &Secret) -> Result<PathBuf, Error> {
    let dir = dirs::cache_dir()
        .ok_or_else(|| Error::config("no cache folder"))?
        .join("whctl")
        .join("pending-secrets");
    crate::secret_out::SecretDir::prepare(&dir)?.write(profile, &format!("{id}-{}", now()), secret)
}

fn not_found_guid(e: Error, id: &str) -> Error {
    if e.kind == Kind::NotFound {
        Error::not_found(format!("no qolo webhook with guid '{id}' ({e})"))
    } else {
        e
    }
}

/// `NotificationConfigurationDTOSearchResponse`: one page of the list.
#[derive(Debug, Deserialize)]
struct Page {
    has_more: bool,
    #[serde(default)]
    start_index: Option<u64>,
    #[serde(default)]
    end_index: Option<u64>,
    data: Vec<Wire>,
}

/// `NotificationConfigurationDTO`, as far as whctl reads it.
#[derive(Debug, Deserialize)]
struct Wire {
    notification_guid: String,
    #[serde(default)]
    program_guid: Option<String>,
    #[serde(default)]
    url: String,
    #[serde(default)]
    event_type: Option<Vec<String>>,
    #[serde(default)]
    active: Option<bool>,
    #[serde(default)]
    secret: Option<String>,
}

impl From<Wire> for Subscription {
    fn from(w: Wire) -> Self {
        Subscription {
            id: w.notification_guid,
            url: w.url,
            description: None,
            events: w.event_type.unwrap_or_default(),
            enabled: w.active.unwrap_or(true),
            secret: w.secret.filter(|s| !s.is_empty()).map(Secret::new),
            created_at: None,
            updated_at: None,
        }
    }
}

/// A subscription from a DTO held as JSON (what an update sent, or a create's answer).
fn from_object(o: &Map<String, Value>) -> Option<Subscription> {
    serde_json::from_value::<Wire>(Value::Object(o.clone()))
        .ok()
        .map(Subscription::from)
}

#[async_trait]
impl Provider for Qolo {
    fn kind(&self) -> ProviderKind {
        self.kind
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        let mut out = Vec::new();
        self.list_pages(&mut |s| {
            out.push(s.clone());
            Ok(())
        })
        .await?;
        Ok(out)
    }

    async fn list_each(&self, sink: &mut Sink<'_>) -> Result<usize, Error> {
        self.list_pages(sink).await
    }

    async fn get(&self, id: &str) -> Result<Subscription, Error> {
        Ok(self.read(id).await?.1)
    }

    async fn create(&self, new: &NewSubscription) -> Result<Subscription, Error> {
        // The command generates the secret once, so that a retried create sends the same one.
        let secret = new.secret.clone().unwrap_or_else(generate_secret);
        let resp = self.send(&self.create_request(new, &secret)?).await?;
        // 201 with the DTO. Any other 2xx answer still means it was created.
        let mut sub = match serde_json::from_slice::<Value>(&resp.body) {
            Ok(Value::Object(o)) => from_object(&o),
            _ => None,
        }
        .ok_or_else(|| unexpected(SPEC.name, "the create", &resp.body).answered_ok())?;
        if sub.url.is_empty() {
            sub.url = new.url.clone();
        }
        if sub.events.is_empty() {
            sub.events = new.events.clone();
        }
        sub.secret = Some(secret);
        Ok(sub)
    }

    async fn update(&self, id: &str, change: &Change) -> Result<Subscription, Error> {
        if change.description.is_some() {
            return Err(Error::unsupported(
                "qolo webhooks have no description: drop --description",
            ));
        }
        let (raw, _) = self.read(id).await?;
        self.put(id, &raw, change).await
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        self.send(&self.request("delete", Some(id), 1)?)
            .await
            .map_err(|e| not_found_guid(e, id))?;
        Ok(())
    }

    /// In place: an update carrying a freshly generated secret. When the update's outcome is
    /// unknown, the secret is kept in a 0600 file whose path the error gives.
    async fn rotate_secret(&self, id: &str) -> Result<Rotation, Error> {
        let (raw, _) = self.read(id).await.map_err(|e| {
            Error::new(
                e.kind,
                format!("{e}; nothing was changed: {id} keeps its secret"),
            )
        })?;
        let secret = generate_secret();
        let change = Change {
            secret: Some(secret.clone()),
            ..Change::default()
        };
        let sub = match self.put(id, &raw, &change).await {
            Ok(sub) => sub,
            Err(e) if e.maybe_applied => {
                let kept = match keep_pending(&self.profile, id, &secret) {
                    Ok(path) => format!("the new secret is kept in {} (mode 0600)", path.display()),
                    Err(w) => format!("the new secret could not be kept ({w})"),
                };
                return Err(Error::new(
                    e.kind,
                    format!(
                        "the rotation of {id} may have taken effect ({e}): {kept}; see which secret is live with `whctl get {id} --show-secret`"
                    ),
                ));
            }
            Err(e) => {
                return Err(Error::new(
                    e.kind,
                    format!("{e}; the rotation did not take effect: {id} keeps its secret"),
                ));
            }
        };
        Ok(Rotation {
            subscription: sub,
            old_id: id.to_string(),
            incomplete: None,
        })
    }
    fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
        let placeholder = Secret::new("<generated at run time>");
        // An update sends the webhook as read first; the preview shows that as placeholders.
        let as_read = |id: &str, cur: Option<&Subscription>| {
            let mut raw = Map::new();
            raw.insert("notification_guid".into(), json!(id));
            raw.insert("program_guid".into(), json!(self.program_guid));
            let (url, events) = match cur {
                Some(c) => (json!(c.url), json!(c.events)),
                None => (json!("<as read>"), json!(["<as read>"])),
            };
            raw.insert("url".into(), url);
            raw.insert("event_type".into(), events);
            raw.insert("headers".into(), json!("<as read>"));
            raw.insert("active".into(), json!("<as read>"));
            raw.insert("secret".into(), json!("<as read>"));
            raw
        };
        Ok(match op {
            Op::Create(new) => {
                let secret = if new.secret.is_some() {
                    Secret::new("<from --secret-file>")
                } else {
                    placeholder
                };
                vec![self.create_request(new, &secret)?]
            }
            Op::Update(id, change) => vec![
                self.request("get", Some(id), 1)?,
                self.update_request(id, &as_read(id, None), change)?.0,
            ],
            Op::Delete(id) => vec![self.request("delete", Some(id), 1)?],
            Op::Rotate(cur) => {
                let change = Change {
                    secret: Some(placeholder),
                    ..Change::default()
                };
                vec![
                    self.request("get", Some(&cur.id), 1)?,
                    self.update_request(&cur.id, &as_read(&cur.id, Some(cur)), &change)?
                        .0,
                ]
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_expand_and_go_as_written() {
        let kind = super::super::kind_of(&SPEC);
        let c = crate::catalog::get(kind);
        let names = |p: &[&str]| -> Vec<String> {
            c.expand(p)
                .unwrap()
                .iter()
                .map(|e| e.name.clone())
                .collect()
        };
        assert_eq!(names(&["card"]), names(&["card.*"]));
        assert!(names(&["card"]).len() >= 6);
        assert_eq!(names(&["all"]).len(), c.events.len());
        let r = c.resolve("CARD").unwrap();
        assert_eq!(r.canonical, "card");
        assert_eq!(r.class.as_deref(), Some("card"));
        let resolved: Vec<_> = ["CARD", "*", "card.*"]
            .iter()
            .map(|p| c.resolve(p).unwrap())
            .collect();
        let wire = super::super::wire_events(kind, &resolved);
        assert_eq!(wire[..2], ["card", "all"]);
        // `card.*` is not sent as a wildcard: its events go by name.
        assert!(wire.contains(&"card.created".to_string()), "{wire:?}");
        assert!(!wire.iter().any(|e| e.contains('*')), "{wire:?}");
    }

    #[test]
    fn reads_pages_and_dtos() {
        let page: Page = serde_json::from_value(json!({
            "count": 1, "start_index": 1, "end_index": 1, "has_more": false,
            "data": [{"notification_guid": "g1", "program_guid": "p", "url": "u",
                      "event_type": ["card"], "active": false, "headers": null, "secret": "s"}]
        }))
        .unwrap();
        assert!(!page.has_more);
        let s = Subscription::from(page.data.into_iter().next().unwrap());
        assert_eq!((s.id.as_str(), s.enabled), ("g1", false));
        assert_eq!(s.events, ["card"]);
        // Without its list field, or without has_more, a page is not an empty page.
        assert!(serde_json::from_value::<Page>(json!({"has_more": false})).is_err());
        assert!(serde_json::from_value::<Page>(json!({"data": []})).is_err());
        assert!(serde_json::from_value::<Page>(json!({})).is_err());
        assert!(from_object(&Map::new()).is_none());
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_json_answer_parses_or_is_an_error(v in crate::testutil::arb_json()) {
            let _ = serde_json::from_value::<Page>(v.clone());
            if let Value::Object(o) = &v {
                let _ = from_object(o);
            }
        }
    }
}
