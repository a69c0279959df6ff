//! `whctl sandbox`: the providers' webhook management APIs on 127.0.0.1, delivering real
//! signed events.
//!
//! This module is the provider-agnostic machinery; it names no provider. Each provider with
//! an API brings its own [`Api`] (its routes and its error shape, in
//! `src/providers/<name>/sandbox.rs`, registered in the provider registry); what the sandbox
//! needs of a provider otherwise is data in its spec (credentials, signature scheme,
//! delivery envelope, accepted answers, retry schedule, answer timeout) and its catalog.
//!
//! - [`store`]: the state (subscriptions, credentials, tokens, idempotency keys), saved to
//!   `--state FILE` after every change;
//! - [`deliver`]: the delivery engine and its bounded attempt log;
//! - [`server`]: the HTTP server, each provider under `/<name>`, and the control endpoints
//!   `POST /_sandbox/emit` and `GET /_sandbox/deliveries` that `whctl sandbox emit` and
//!   `whctl sandbox deliveries` call.
//!
//! Bounds: request bodies ([`MAX_REQUEST_BODY`]), subscriptions per provider
//! ([`MAX_SUBSCRIPTIONS`]), logged attempts ([`MAX_ATTEMPTS_LOGGED`]), deliveries waiting for
//! a retry ([`MAX_PENDING`]), tokens and idempotency keys.

pub mod deliver;
pub mod server;
pub mod store;

use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value, json};

use crate::catalog::{self, Catalog};
use crate::error::Error;
use crate::http::{Http, Retry};
use crate::spec::{Credential, ProviderKind};
pub use deliver::{Attempt, Job, Target};
pub use store::{ProviderState, Subscription};

/// The largest request body the sandbox reads.
pub const MAX_REQUEST_BODY: usize = 256 * 1024;
/// The most subscriptions the sandbox holds per provider.
pub const MAX_SUBSCRIPTIONS: usize = 1000;
/// The most delivery attempts the log keeps (the oldest go first).
pub const MAX_ATTEMPTS_LOGGED: usize = 2000;
/// The most deliveries waiting for a retry at once.
pub const MAX_PENDING: usize = 1000;
/// The most login tokens kept per provider.
pub const MAX_TOKENS: usize = 1000;
/// The most idempotency keys remembered per provider.
pub const MAX_IDEMPOTENCY_KEYS: usize = 1000;
/// How long a delivery waits for an answer when the provider does not say.
pub const DEFAULT_ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// One provider's API in the sandbox.
pub struct Api {
    /// Answers a request under the provider's prefix (`call.path` is the rest, from `/`).
    pub routes: fn(&Call<'_>, &Scope<'_>) -> Reply,
    /// An error answer in the provider's shape.
    pub error: fn(u16, &str) -> Reply,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sandbox::Api")
    }
}

/// A request to a provider's API.
#[derive(Debug)]
pub struct Call<'a> {
    pub method: &'a str,
    /// The path after the provider's prefix, starting with `/`.
    pub path: &'a str,
    /// The query string, without `?` (empty when none).
    pub query: &'a str,
    /// Header names (lower case) and values.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl Call<'_> {
    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter, decoded.
    pub fn param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The body as JSON (`Null` when empty); a body that is not JSON is an error message.
    pub fn json(&self) -> Result<Value, String> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        serde_json::from_slice(self.body).map_err(|e| format!("the body is not JSON: {e}"))
    }

    /// The path's segments after the prefix (`/webhooks/x` → `["webhooks", "x"]`).
    pub fn segments(&self) -> Vec<&str> {
        self.path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// An answer: a status and a JSON body (none: an empty body).
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Option<Value>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Some(body),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply { status, body: None }
    }
}

/// How `whctl sandbox serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    pub state: Option<PathBuf>,
    /// Multiplies every retry wait (`--retry-scale`).
    pub retry_scale: f64,
    /// An API key every provider accepts instead of a picked one.
    pub api_key: Option<String>,
    /// Log deliveries to stderr (`-v`).
    pub verbose: bool,
}

/// The running sandbox: the state, the APIs served, the delivery clients and log.
pub struct Sandbox {
    state: Mutex<store::State>,
    file: Option<PathBuf>,
    apis: Vec<(ProviderKind, &'static Api)>,
    kinds: Vec<ProviderKind>,
    base: String,
    retry_scale: f64,
    clients: Vec<(ProviderKind, Http)>,
    log: Mutex<deliver::Log>,
    pending: AtomicUsize,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("base", &self.base).finish()
    }
}

/// A fresh random id in the 8-4-4-4-12 form.
pub fn uuid() -> String {
    let a: u128 = rand::random();
    let h = format!("{a:032x}");
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

/// Now, RFC 3339 with microseconds.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_micros(SystemTime::now()).to_string()
}

/// Now, unix seconds.
pub fn now_unix() -> i64 {
    crate::signing::unix_secs(SystemTime::now())
}

/// A credential value the sandbox picks for a provider.
fn pick(kind: ProviderKind, c: Credential) -> Option<String> {
    let hex = format!("{:024x}", rand::random::<u128>() >> 32);
    match c {
        Credential::ApiKey => Some(format!("sbx_{}_{hex}", kind.name())),
        Credential::Identity => Some(format!("sbx-identity-{}", &hex[..12])),
        Credential::LoginId => Some(format!("sbx-login-{}", &hex[..12])),
        Credential::ProgramGuid => Some(uuid()),
        // The API version is part of each request's path: any is served.
        Credential::ApiVersion => None,
    }
}

impl Sandbox {
    /// Loads the state (or starts empty), picks the credentials each API does not have yet
    /// (or takes `api_key`), and saves the state once, so a `--state` that cannot be written
    /// fails now rather than at the first change.
    pub fn new(
        apis: Vec<(ProviderKind, &'static Api)>,
        kinds: Vec<ProviderKind>,
        opts: &Options,
    ) -> Result<Arc<Sandbox>, Error> {
        if !(opts.retry_scale.is_finite() && (0.0..=1.0).contains(&opts.retry_scale)) {
            return Err(Error::usage(
                "--retry-scale must be between 0 and 1 (e.g. 0.001: an hour's wait becomes 3.6 s)",
            ));
        }
        let mut state = match &opts.state {
            Some(p) => store::load(p)?,
            None => store::State::default(),
        };
        for (kind, _) in &apis {
            let ps = state.providers.entry(kind.name().to_string()).or_default();
            for c in kind.spec().credentials {
                let value = match (c, &opts.api_key) {
                    (Credential::ApiKey, Some(k)) => Some(k.clone()),
                    _ => ps
                        .credentials
                        .get(c.field())
                        .cloned()
                        .or_else(|| pick(*kind, *c)),
                };
                if let Some(v) = value {
                    ps.credentials.insert(c.field().to_string(), v);
                }
            }
        }
        if let Some(p) = &opts.state {
            store::save(p, &state)?;
        }
        let mut clients = Vec::new();
        for k in &kinds {
            let within = k
                .spec()
                .answer_within_secs
                .map_or(DEFAULT_ANSWER_WITHIN, Duration::from_secs);
            let http = Http::new(within, opts.verbose)?.with_retry(Retry {
                attempts: 1,
                ..Retry::default()
            });
            clients.push((*k, http));
        }
        Ok(Arc::new(Sandbox {
            state: Mutex::new(state),
            file: opts.state.clone(),
            apis,
            kinds,
            base: opts.base.trim_end_matches('/').to_string(),
            retry_scale: opts.retry_scale,
            clients,
            log: Mutex::new(deliver::Log::default()),
            pending: AtomicUsize::new(0),
        }))
    }

    fn client(&self, kind: ProviderKind) -> &Http {
        self.clients
            .iter()
            .find(|(k, _)| *k == kind)
            .or(self.clients.first())
            .map(|(_, h)| h)
            .expect("the sandbox has a client per provider")
    }

    /// The provider served under `/<name>`.
    pub fn api(&self, name: &str) -> Option<(ProviderKind, &'static Api)> {
        self.apis.iter().copied().find(|(k, _)| k.name() == name)
    }

    /// Any registered provider (also those without an API, for `emit --to`).
    pub fn kind(&self, name: &str) -> Option<ProviderKind> {
        self.kinds
            .iter()
            .copied()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The base URL of a provider's API in the sandbox.
    pub fn base_url(&self, kind: ProviderKind) -> String {
        format!("{}/{}", self.base, kind.name())
    }

    /// What `sandbox serve` prints once it is ready: per provider its base URL and the
    /// `WHCTL_*` variables that point whctl at it.
    pub fn info(&self, state_file: Option<&std::path::Path>, retry_scale: f64) -> Value {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut providers = Map::new();
        for (kind, _) in &self.apis {
            let mut env = Map::new();
            env.insert("WHCTL_PROVIDER".into(), json!(kind.name()));
            env.insert("WHCTL_BASE_URL".into(), json!(self.base_url(*kind)));
            if let Some(ps) = state.providers.get(kind.name()) {
                for c in kind.spec().credentials {
                    if let Some(v) = ps.credentials.get(c.field()) {
                        env.insert(c.env().into(), json!(v));
                    }
                }
            }
            providers.insert(
                kind.name().into(),
                json!({ "base_url": self.base_url(*kind), "env": env }),
            );
        }
        json!({
            "sandbox": self.base,
            "port": url::Url::parse(&self.base).ok().and_then(|u| u.port()),
            "state": state_file.map(|p| p.display().to_string()),
            "retry_scale": retry_scale,
            "providers": providers,
            "env": { "WHCTL_SANDBOX": self.base },
        })
    }

    /// Every attempt in the log, oldest first.
    pub fn attempts(&self) -> Vec<Attempt> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).all()
    }

    /// Saves the state to `--state`, if any; a failure is reported on stderr (the state in
    /// memory stays right).
    fn save(&self, state: &store::State) {
        if let Some(p) = &self.file
            && let Err(e) = store::save(p, state)
        {
            crate::output::Output::new(None, false).warn(&e.message);
        }
    }

    /// The enabled subscriptions of `kind` that take `event`, as delivery targets.
    pub fn targets(&self, kind: ProviderKind, event: &str) -> Vec<Target> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let Some(ps) = state.providers.get(kind.name()) else {
            return Vec::new();
        };
        ps.subscriptions
            .iter()
            .filter(|s| s.enabled && !s.url.is_empty() && deliver::takes(kind, &s.events, event))
            .map(|s| Target {
                subscription: Some(s.id.clone()),
                url: s.url.clone(),
                secret: s.secret.clone().filter(|x| !x.is_empty()),
            })
            .collect()
    }
}

/// What a provider's routes may do with the sandbox: read and change its own part of the
/// state, check credentials, look events up, and ping a URL.
pub struct Scope<'a> {
    pub kind: ProviderKind,
    sandbox: &'a Arc<Sandbox>,
}

impl<'a> Scope<'a> {
    pub fn new(kind: ProviderKind, sandbox: &'a Arc<Sandbox>) -> Self {
        Scope { kind, sandbox }
    }

    /// The value the sandbox accepts for a credential of this provider.
    pub fn credential(&self, c: Credential) -> Option<String> {
        self.read(|p| p.credentials.get(c.field()).cloned())
    }

    /// Reads this provider's state.
    pub fn read<R>(&self, f: impl FnOnce(&ProviderState) -> R) -> R {
        let state = self.sandbox.state.lock().unwrap_or_else(|e| e.into_inner());
        match state.providers.get(self.kind.name()) {
            Some(p) => f(p),
            None => f(&ProviderState::default()),
        }
    }

    /// Changes this provider's state and saves it.
    pub fn write<R>(&self, f: impl FnOnce(&mut ProviderState) -> R) -> R {
        let mut state = self.sandbox.state.lock().unwrap_or_else(|e| e.into_inner());
        let r = f(state
            .providers
            .entry(self.kind.name().to_string())
            .or_default());
        self.sandbox.save(&state);
        r
    }

    /// The provider's event catalog.
    pub fn catalog(&self) -> &'static Catalog {
        catalog::get(self.kind)
    }

    /// Sends `body` once to subscription `id`'s URL, signed with its secret; when the answer
    /// is not one the provider counts as delivered (or none comes within its answer time),
    /// the subscription is disabled. Done in the background: the caller answers at once.
    pub fn ping(&self, id: &str, event: &str, body: Value) {
        let Some(target) = self.read(|p| {
            p.get(id).map(|s| Target {
                subscription: Some(s.id.clone()),
                url: s.url.clone(),
                secret: s.secret.clone().filter(|x| !x.is_empty()),
            })
        }) else {
            return;
        };
        let job = Job {
            kind: self.kind,
            event: event.to_string(),
            body: Arc::new(serde_json::to_vec(&body).unwrap_or_default()),
            target,
            id: deliver::delivery_id(),
            retried: false,
        };
        let sb = self.sandbox.clone();
        let kind = self.kind;
        let id = id.to_string();
        tokio::spawn(async move {
            let a = sb.attempt(&job, 1, None).await;
            if !a.accepted {
                Scope::new(kind, &sb).write(|p| {
                    if let Some(s) = p.get_mut(&id)
                        && s.url == job.target.url
                    {
                        s.enabled = false;
                        s.updated = now_rfc3339();
                    }
                });
            }
        });
    }
}
