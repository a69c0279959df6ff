//! The providers whctl speaks to: which ones exist and what each can do.
//!
//! Each provider lives in its own file with its wire types private to it and a
//! `CAPABILITIES` constant saying what its API supports.

use std::fmt;

pub mod atelio;
pub mod graph;
pub mod prune;
pub mod qolo;
pub mod sturdy;

/// The five providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum ProviderKind {
    Atelio,
    Qolo,
    Sturdy,
    Prune,
    Graph,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 5] = [
        ProviderKind::Atelio,
        ProviderKind::Qolo,
        ProviderKind::Sturdy,
        ProviderKind::Prune,
        ProviderKind::Graph,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProviderKind::Atelio => "atelio",
            ProviderKind::Qolo => "qolo",
            ProviderKind::Sturdy => "sturdy",
            ProviderKind::Prune => "prune",
            ProviderKind::Graph => "graph",
        }
    }

    pub fn parse(s: &str) -> Option<ProviderKind> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
    }

    /// What this provider's API supports.
    pub fn capabilities(self) -> &'static Capabilities {
        match self {
            ProviderKind::Atelio => &atelio::CAPABILITIES,
            ProviderKind::Qolo => &qolo::CAPABILITIES,
            ProviderKind::Sturdy => &sturdy::CAPABILITIES,
            ProviderKind::Prune => &prune::CAPABILITIES,
            ProviderKind::Graph => &graph::CAPABILITIES,
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether a provider can do one kind of operation, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Yes,
    /// Supported with a qualification shown to the user (e.g. "by replacement").
    Partly(&'static str),
    No,
}

impl Support {
    pub fn is_supported(self) -> bool {
        !matches!(self, Support::No)
    }
}

/// What a provider supports, shown by `whctl providers` and checked before any request.
#[derive(Debug)]
pub struct Capabilities {
    /// Whether the provider has a webhook management API at all.
    pub api: bool,
    pub subscribe: Support,
    pub list: Support,
    pub update: Support,
    pub delete: Support,
    pub rotate: Support,
    /// Whether a subscription can choose its events.
    pub event_filter: bool,
    /// The fixed webhook URLs of an account, when that is what the provider has instead of
    /// subscriptions (Prune: `event`, `callback`): each is shown as a subscription with
    /// that id, set or not, and `subscribe` sets one of them. Empty: subscriptions.
    pub url_kinds: &'static [&'static str],
    /// Delivery signature header and scheme, when documented.
    pub signature: Option<(&'static str, &'static str)>,
    /// How webhooks are managed when there is no API, or other caveats.
    pub notes: &'static str,
    /// Said after a successful subscribe (e.g. Qolo's ping of the URL).
    pub after_subscribe: Option<&'static str>,
    /// Whether the client may choose the webhook secret (`subscribe --secret-file`).
    pub client_secret: bool,
    /// Whether a subscription carries a description.
    pub descriptions: bool,
}

/// The API base a profile uses when it names none.
pub fn default_base_url(p: ProviderKind) -> &'static str {
    match p {
        ProviderKind::Atelio => "https://api.atelio.com/api/v0.1",
        ProviderKind::Qolo => "https://devapi.qolopay.com",
        ProviderKind::Prune => "https://dps.prunepayments.net",
        ProviderKind::Graph => "https://api.usegraph.com/v1",
        ProviderKind::Sturdy => "",
    }
}

// ---------------------------------------------------------------------------------------
// The provider interface.

use async_trait::async_trait;

use crate::config::{Profile, Secret};
use crate::error::Error;
use crate::http::{Http, Request};

/// A webhook subscription as whctl shows it, whatever the provider's wire shape.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: String,
    pub url: String,
    pub description: Option<String>,
    pub events: Vec<String>,
    pub enabled: bool,
    pub secret: Option<Secret>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// What `subscribe` asks for. `events` are patterns already checked against the catalog, in
/// the form the provider should receive.
#[derive(Debug, Clone)]
pub struct NewSubscription {
    pub url: String,
    pub description: Option<String>,
    pub events: Vec<String>,
    pub enabled: bool,
    /// A secret chosen by the client, for providers that take one (Qolo).
    pub secret: Option<Secret>,
    /// Which of the account's URLs to set, for providers with URL kinds (Prune); `None`
    /// is the first (`event`).
    pub url_kind: Option<String>,
    /// Sent as `Idempotency-Key` where the provider honours one (Atelio), the same on every
    /// attempt of one create.
    pub idempotency_key: Option<String>,
}

/// What `update` changes; `None` leaves a field as it is. `events` replaces the whole list.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub url: Option<String>,
    pub description: Option<String>,
    pub events: Option<Vec<String>>,
    pub enabled: Option<bool>,
    /// A new secret, for providers that take one (Qolo's rotation).
    pub secret: Option<Secret>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.url.is_none()
            && self.description.is_none()
            && self.events.is_none()
            && self.enabled.is_none()
            && self.secret.is_none()
    }
}

/// The outcome of `rotate-secret`.
#[derive(Debug)]
pub struct Rotation {
    /// The subscription that now carries the new secret (a new id when rotated by replacement).
    pub subscription: Subscription,
    pub old_id: String,
    /// A step that failed after the new secret became live (e.g. the old subscription could
    /// not be deleted). The new secret must still reach the user.
    pub incomplete: Option<Error>,
}

/// The operations whctl performs; a provider overrides what its API supports, the rest
/// answer with an "unsupported" error (exit 5).
#[async_trait]
pub trait Provider: Send + Sync {
    fn kind(&self) -> ProviderKind;

    fn capabilities(&self) -> &'static Capabilities {
        self.kind().capabilities()
    }

    async fn list(&self) -> Result<Vec<Subscription>, Error> {
        Err(unsupported(self.kind(), "list"))
    }

    /// One subscription; by default found in the list.
    async fn get(&self, id: &str) -> Result<Subscription, Error> {
        self.list()
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| {
                Error::not_found(format!(
                    "no {} subscription with id '{id}' (see `whctl list`)",
                    self.kind()
                ))
            })
    }

    async fn create(&self, _new: &NewSubscription) -> Result<Subscription, Error> {
        Err(unsupported(self.kind(), "subscribe"))
    }

    async fn update(&self, _id: &str, _change: &Change) -> Result<Subscription, Error> {
        Err(unsupported(self.kind(), "update"))
    }

    async fn delete(&self, _id: &str) -> Result<(), Error> {
        Err(unsupported(self.kind(), "delete"))
    }

    async fn rotate_secret(&self, _id: &str) -> Result<Rotation, Error> {
        Err(unsupported(self.kind(), "rotate-secret"))
    }

    /// The requests an operation would send, for `--dry-run`: built by the same code that
    /// sends them, with credentials marked secret and generated secrets as placeholders.
    fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
        Err(unsupported(self.kind(), op.name()))
    }
}

/// A mutating operation, as `--dry-run` previews it.
#[derive(Debug, Clone, Copy)]
pub enum Op<'a> {
    Create(&'a NewSubscription),
    Update(&'a str, &'a Change),
    Delete(&'a str),
    Rotate(&'a Subscription),
}

impl Op<'_> {
    pub fn name(&self) -> &'static str {
        match self {
            Op::Create(_) => "subscribe",
            Op::Update(..) => "update",
            Op::Delete(_) => "delete",
            Op::Rotate(_) => "rotate-secret",
        }
    }
}

/// The "not supported" error for an operation, saying what the provider offers instead.
pub fn unsupported(p: ProviderKind, op: &str) -> Error {
    let caps = p.capabilities();
    if !caps.api {
        Error::unsupported(format!(
            "{p} has no webhook management API, so whctl cannot {op}: {}",
            caps.notes
        ))
    } else {
        Error::unsupported(format!("{p} does not support {op} ({})", caps.notes))
    }
}

/// Builds the provider a profile names.
pub fn build(profile: &Profile, http: Http) -> Result<Box<dyn Provider>, Error> {
    Ok(match profile.provider {
        ProviderKind::Atelio => Box::new(atelio::Atelio::new(profile, http)?),
        ProviderKind::Qolo => Box::new(qolo::Qolo::new(profile, http)?),
        ProviderKind::Prune => Box::new(prune::Prune::new(profile, http)?),
        ProviderKind::Sturdy => Box::new(NoApi(ProviderKind::Sturdy)),
        ProviderKind::Graph => Box::new(NoApi(ProviderKind::Graph)),
    })
}

/// A provider with no management API: every operation is unsupported.
pub struct NoApi(pub ProviderKind);

#[async_trait]
impl Provider for NoApi {
    fn kind(&self) -> ProviderKind {
        self.0
    }
}

/// Joins a base URL and a path.
pub fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The `events` list a provider receives for checked patterns. Atelio expands `prefix.*` and
/// `prefix*` itself, so those go as given (events newer than whctl's catalog are not lost);
/// Qolo takes its documented classes (`card`, `all`); everything else goes as event names.
pub fn wire_events(kind: ProviderKind, resolved: &[crate::catalog::Resolved]) -> Vec<String> {
    use crate::catalog::Pattern;
    let names = &crate::catalog::get(kind).events;
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    for r in resolved {
        match (kind, &r.pattern, &r.class) {
            (_, Pattern::Exact(_), None) => push(&r.canonical),
            (ProviderKind::Qolo, _, Some(class)) => push(class),
            (ProviderKind::Qolo, Pattern::All, None) => push("all"),
            (ProviderKind::Atelio, Pattern::Prefix(_), _) => push(&r.canonical),
            _ => r.matches.iter().for_each(|&i| push(&names[i].name)),
        }
    }
    out
}

/// A fresh webhook secret from the operating system's CSPRNG (via `rand`'s thread RNG):
/// 32 random bytes, hex-encoded, prefixed `whsec_` like the secrets providers issue.
pub fn generate_secret() -> Secret {
    let bytes: [u8; 32] = rand::random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Secret::new(format!("whsec_{hex}"))
}

/// A fresh idempotency key (128 random bits, hex).
pub fn idempotency_key() -> String {
    format!("whctl-{:032x}", rand::random::<u128>())
}

/// A provider path that no public page confirms, overridable per profile
/// (`[profiles.NAME.paths] delete = "POST /api/{version}/webhooks/{notification_guid}/delete"`).
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub method: reqwest::Method,
    pub path: String,
}

impl Endpoint {
    /// The profile's override of `op`, else the default. An override is `METHOD /path` or
    /// just `/path` (the default method is kept).
    pub fn resolve(
        profile_paths: &std::collections::BTreeMap<String, String>,
        op: &str,
        default: (reqwest::Method, &str),
    ) -> Result<Endpoint, Error> {
        let Some(raw) = profile_paths.get(op) else {
            return Ok(Endpoint {
                method: default.0,
                path: default.1.to_string(),
            });
        };
        let raw = raw.trim();
        let (method, path) = match raw.split_once(' ') {
            Some((m, p)) => (
                reqwest::Method::from_bytes(m.trim().to_ascii_uppercase().as_bytes()).map_err(
                    |_| {
                        Error::config(format!(
                            "path override {op} = '{raw}': unknown method '{m}'"
                        ))
                    },
                )?,
                p.trim(),
            ),
            None => (default.0, raw),
        };
        if !path.starts_with('/') {
            return Err(Error::config(format!(
                "path override {op} = '{raw}': the path must start with '/'"
            )));
        }
        Ok(Endpoint {
            method,
            path: path.to_string(),
        })
    }

    /// The path with `{name}` placeholders filled (values percent-encoded).
    pub fn fill(&self, vars: &[(&str, &str)]) -> String {
        let mut p = self.path.clone();
        for (k, v) in vars {
            p = p.replace(&format!("{{{k}}}"), &encode_segment(v));
        }
        p
    }
}

/// Percent-encodes one path segment or query value.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a stored subscription is the one `new` asked for: same URL and description, and
/// events that the sent patterns account for (the provider may have expanded them).
pub fn matches_request(new: &NewSubscription, s: &Subscription) -> bool {
    use crate::catalog::Pattern;
    let pats: Vec<Pattern> = new
        .events
        .iter()
        .filter_map(|e| Pattern::parse(e).ok())
        .collect();
    // Stored events are what was sent (Qolo keeps `card`, `all` as written) or its expansion
    // (Atelio): either way each is matched by a sent pattern, and each pattern matches one.
    s.url == new.url
        && s.description.as_deref().unwrap_or("") == new.description.as_deref().unwrap_or("")
        && s.events.iter().all(|e| pats.iter().any(|p| p.matches(e)))
        && pats.iter().all(|p| s.events.iter().any(|e| p.matches(e)))
}

/// A 2xx answer whose body is not what the provider documents (an empty body, `{}`, a list
/// without its list field…): exit 7, never read as "nothing there".
pub fn unexpected(provider: ProviderKind, what: &str, body: &[u8]) -> Error {
    let start = if body.iter().all(u8::is_ascii_whitespace) {
        "(empty body)".to_string()
    } else {
        crate::http::snippet(body)
    };
    Error::unavailable(format!(
        "unexpected answer from {provider} for {what}: {start}"
    ))
}

/// Creates a subscription without ever making two. When an attempt's outcome is unknown (a
/// timeout or dropped connection after sending, a 5xx), it lists, adopts a subscription that
/// matches what was sent and was not there before, and only then tries again (with the same
/// idempotency key). `note` reports what happened.
pub async fn safe_create(
    p: &dyn Provider,
    new: &NewSubscription,
    note: &(dyn Fn(&str) + Sync),
) -> Result<Subscription, Error> {
    const ATTEMPTS: u32 = 3;
    // What exists before the first attempt: anything new afterwards came from us.
    let before: Option<Vec<String>> = p
        .list()
        .await
        .ok()
        .map(|l| l.into_iter().map(|s| s.id).collect());
    let mut attempt = 0;
    loop {
        attempt += 1;
        let err = match p.create(new).await {
            Ok(s) => return Ok(s),
            Err(e) if !e.maybe_applied => return Err(e),
            Err(e) => e,
        };
        let Some(before) = &before else {
            // Without a list of what was there, adopting could take someone else's.
            let state = if err.answered_ok {
                "the provider accepted the create"
            } else {
                "the subscription may or may not exist"
            };
            return Err(Error::new(
                err.kind,
                format!("{err}; {state}: check with `whctl list` before retrying"),
            ));
        };
        note(&format!(
            "create attempt {attempt} ended without a clear answer ({err}); checking whether it took effect"
        ));
        if let Ok(now) = p.list().await
            && let Some(mut found) = now
                .into_iter()
                .find(|s| !before.contains(&s.id) && matches_request(new, s))
        {
            note(&format!(
                "the subscription was created: adopting {}",
                found.id
            ));
            if found.secret.is_none() {
                found.secret = new.secret.clone();
            }
            return Ok(found);
        }
        if err.answered_ok {
            // The provider accepted the create: sending it again would make a second one.
            return Err(Error::new(
                err.kind,
                format!(
                    "{err}; the provider accepted the create but no matching subscription is listed yet: check with `whctl list` before retrying"
                ),
            ));
        }
        if attempt >= ATTEMPTS {
            return Err(Error::new(
                err.kind,
                format!("{err} (after {attempt} attempts; no matching subscription was created)"),
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 * u64::from(attempt))).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(events: &[&str]) -> NewSubscription {
        NewSubscription {
            url: "https://x.example/h".into(),
            description: Some("d".into()),
            events: events.iter().map(|e| e.to_string()).collect(),
            enabled: true,
            secret: None,
            url_kind: None,
            idempotency_key: None,
        }
    }

    fn stored(events: &[&str]) -> Subscription {
        Subscription {
            id: "1".into(),
            url: "https://x.example/h".into(),
            description: Some("d".into()),
            events: events.iter().map(|e| e.to_string()).collect(),
            enabled: true,
            secret: None,
            created_at: None,
            updated_at: None,
        }
    }

    #[test]
    fn a_stored_subscription_matches_what_was_sent() {
        // Qolo keeps its classes as sent.
        assert!(matches_request(
            &new(&["card", "auth.approved"]),
            &stored(&["card", "auth.approved"])
        ));
        // Atelio expands, possibly with events newer than the catalog.
        assert!(matches_request(
            &new(&["card.*"]),
            &stored(&["card.created", "card.status.suspended"])
        ));
        assert!(!matches_request(
            &new(&["card.*"]),
            &stored(&["card.created", "kyc.verification.success"])
        ));
        assert!(!matches_request(
            &new(&["card.*", "kyc.*"]),
            &stored(&["card.created"])
        ));
        let mut other_url = stored(&["card"]);
        other_url.url = "https://y.example/h".into();
        assert!(!matches_request(&new(&["card"]), &other_url));
        let mut other_desc = stored(&["card"]);
        other_desc.description = None;
        assert!(!matches_request(&new(&["card"]), &other_desc));
    }
}
