//! The providers whctl speaks to: the registry of which ones exist, and the [`Provider`]
//! interface their API clients implement.
//!
//! Each provider lives in its own file: its [`Spec`] (`SPEC`: everything whctl knows about
//! it as data — capabilities, routes, catalog, signature scheme, delivery envelope), its API
//! client behind the [`Provider`] trait when it has an API, with its wire types private to
//! that file, and the tests of its own facts. `ENTRIES` lists them, one line each.

use std::sync::LazyLock;

pub mod atelio;
pub mod graph;
pub mod prune;
pub mod qolo;
pub mod sturdy;

pub use crate::spec::{Capabilities, ProviderKind, Registry, Spec, Support};

/// Builds the client of a provider with an API from a profile.
pub type ClientFn = fn(&Profile, Http) -> Result<Box<dyn Provider>, Error>;

/// A registered provider: its spec, its API client when it has an API, and that API's
/// server side for `whctl sandbox`.
pub struct Entry {
    pub spec: &'static Spec,
    pub client: Option<ClientFn>,
    pub sandbox: Option<&'static crate::sandbox::Api>,
}

impl Entry {
    /// A provider with a management API, and how to build its client.
    pub const fn api(spec: &'static Spec, client: ClientFn) -> Entry {
        Entry {
            spec,
            client: Some(client),
            sandbox: None,
        }
    }

    /// A provider without one (its spec says where webhooks are registered).
    pub const fn no_api(spec: &'static Spec) -> Entry {
        Entry {
            spec,
            client: None,
            sandbox: None,
        }
    }

    /// The provider's API as `whctl sandbox serve` serves it.
    pub const fn sandbox(self, api: &'static crate::sandbox::Api) -> Entry {
        Entry {
            sandbox: Some(api),
            ..self
        }
    }
}

/// The registry: every provider whctl knows, one line each, in the order `whctl providers`
/// lists them. Adding a provider is a module with its `SPEC` (and `client` when it has an
/// API), its catalog file, and a line here (see ARCHITECTURE.md).
const ENTRIES: &[Entry] = &[
    Entry::api(&atelio::SPEC, atelio::client).sandbox(&atelio::sandbox::API),
    Entry::api(&qolo::SPEC, qolo::client).sandbox(&qolo::sandbox::API),
    Entry::no_api(&sturdy::SPEC),
    Entry::api(&prune::SPEC, prune::client).sandbox(&prune::sandbox::API),
    Entry::no_api(&graph::SPEC),
];

/// The specs of [`ENTRIES`], in the same order.
static SPECS: [&Spec; ENTRIES.len()] = {
    let mut out = [ENTRIES[0].spec; ENTRIES.len()];
    let mut i = 0;
    while i < ENTRIES.len() {
        out[i] = ENTRIES[i].spec;
        i += 1;
    }
    out
};

static REGISTRY: Registry = Registry::new(&SPECS);

/// The providers whctl knows.
pub fn registry() -> &'static Registry {
    &REGISTRY
}

/// Every registered provider, in order (also the CLI's `--provider` values).
pub fn all() -> &'static [ProviderKind] {
    static ALL: LazyLock<Vec<ProviderKind>> = LazyLock::new(|| REGISTRY.kinds().collect());
    &ALL
}

/// The providers whose API `whctl sandbox serve` serves, each with its server side.
pub fn sandboxes() -> Vec<(ProviderKind, &'static crate::sandbox::Api)> {
    ENTRIES
        .iter()
        .filter_map(|e| e.sandbox.map(|api| (kind_of(e.spec), api)))
        .collect()
}

/// The registered provider of a spec.
pub fn kind_of(spec: &'static Spec) -> ProviderKind {
    REGISTRY
        .kinds()
        .find(|k| std::ptr::eq(k.spec(), spec))
        .expect("every spec is registered")
}

impl clap::ValueEnum for ProviderKind {
    fn value_variants<'a>() -> &'a [Self] {
        all()
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}

// ---------------------------------------------------------------------------------------
// The provider interface.

use async_trait::async_trait;

use crate::config::{Profile, Secret};
use crate::error::Error;
use crate::http::{Http, Request};

/// Where [`Provider::list_each`] hands each subscription; an error stops the listing.
/// A subscription is lent, not given: the sink may take what it holds (swapping in another
/// subscription's buffers), and the provider reads the next one into whatever is left.
pub type Sink<'a> = dyn FnMut(&mut Subscription) -> Result<(), Error> + Send + 'a;

/// A webhook subscription as whctl shows it, whatever the provider's wire shape.
#[derive(Debug, Clone, Default)]
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

    /// Every subscription, handed to `sink` one by one in the list's order as the answer is
    /// read, without the whole list ever held; returns how many. An error (from the provider,
    /// or from `sink`, which stops the listing) may come after some were handed over. By
    /// default [`Provider::list`], fed item by item.
    async fn list_each(&self, sink: &mut Sink<'_>) -> Result<usize, Error> {
        let items = self.list().await?;
        let n = items.len();
        for mut s in items {
            sink(&mut s)?;
        }
        Ok(n)
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
            p.spec().register.unwrap_or(caps.notes)
        ))
    } else {
        Error::unsupported(format!("{p} does not support {op} ({})", caps.notes))
    }
}

/// Builds the provider a profile names: its API client, or [`NoApi`].
pub fn build(profile: &Profile, http: Http) -> Result<Box<dyn Provider>, Error> {
    let spec = profile.provider.spec();
    match ENTRIES.iter().find(|e| std::ptr::eq(e.spec, spec)) {
        Some(Entry {
            client: Some(client),
            ..
        }) => client(profile, http),
        _ => Ok(Box::new(NoApi(profile.provider))),
    }
}

/// A provider with no management API: every operation is unsupported.
pub struct NoApi(pub ProviderKind);

#[async_trait]
impl Provider for NoApi {
    fn kind(&self) -> ProviderKind {
        self.0
    }
}

/// The default path of an operation, and the profile's override of it
/// (`[profiles.NAME.paths]`).
pub fn endpoint(profile: &Profile, op: &str) -> Result<Endpoint, Error> {
    let route = profile
        .provider
        .route(op)
        .ok_or_else(|| Error::config(format!("{} has no operation '{op}'", profile.provider)))?;
    let method = reqwest::Method::from_bytes(route.method.as_bytes())
        .map_err(|_| Error::config(format!("route {op}: bad method {}", route.method)))?;
    Endpoint::resolve(&profile.paths, op, (method, route.path))
}

/// Joins a base URL and a path.
pub fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The `events` list a provider receives for checked patterns: documented class names as
/// written (and `*` as the class that stands for every event, where there is one),
/// `prefix.*`/`prefix*` as given where the provider expands wildcards itself (so events newer
/// than whctl's catalog are not lost), everything else as event names.
pub fn wire_events(kind: ProviderKind, resolved: &[crate::catalog::Resolved]) -> Vec<String> {
    use crate::catalog::Pattern;
    let catalog = crate::catalog::get(kind);
    let all_class = catalog.classes().find(|(_, p)| *p == "*").map(|(k, _)| k);
    let server_wildcards = kind.capabilities().server_wildcards;
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    for r in resolved {
        match (&r.pattern, &r.class, all_class) {
            (Pattern::Exact(_), None, _) => push(&r.canonical),
            (_, Some(class), _) => push(class),
            (Pattern::All, None, Some(class)) => push(class),
            (Pattern::Prefix(_), None, _) if server_wildcards => push(&r.canonical),
            _ => r
                .matches
                .iter()
                .for_each(|&i| push(&catalog.events[i].name)),
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
pub fn unexpected(provider: impl std::fmt::Display, what: &str, body: &[u8]) -> Error {
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
mod registry_tests {
    //! The registry is whole: every provider module is registered, and every registered
    //! provider has every part of its spec.
    use super::*;
    use crate::spec::{Credential, Fresh};
    use std::collections::BTreeSet;

    #[test]
    fn every_provider_module_is_registered_once() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/providers");
        // A provider module is a file `NAME.rs` or a folder `NAME/` with a `mod.rs`.
        let modules: BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter_map(|path| {
                let name = path.file_name()?.to_string_lossy().into_owned();
                if path.is_dir() {
                    assert!(
                        path.join("mod.rs").is_file(),
                        "src/providers/{name}/ has no mod.rs"
                    );
                    Some(name)
                } else {
                    name.strip_suffix(".rs").map(str::to_string)
                }
            })
            .filter(|m| m != "mod")
            .collect();
        let names: BTreeSet<String> = registry().names().into_iter().map(String::from).collect();
        assert_eq!(
            names, modules,
            "src/providers/*.rs, src/providers/*/ and the registry differ"
        );
        assert_eq!(names.len(), ENTRIES.len(), "a provider is registered twice");
        for k in all() {
            assert_eq!(k.to_string(), k.name());
            assert_eq!(k.name(), k.name().to_ascii_lowercase());
            assert_eq!(registry().parse(&k.name().to_ascii_uppercase()), Some(*k));
        }
    }

    #[test]
    fn every_registered_provider_has_a_whole_spec() {
        for entry in ENTRIES {
            let kind = kind_of(entry.spec);
            let spec = kind.spec();
            let caps = kind.capabilities();
            let p = spec.name;
            assert!(!p.is_empty());
            // The API: a client, a base URL, credentials and a route for each operation.
            assert_eq!(caps.api, entry.client.is_some(), "{p}: api vs client");
            if caps.api {
                let url = reqwest::Url::parse(spec.default_base_url)
                    .unwrap_or_else(|e| panic!("{p}: default base URL: {e}"));
                assert_eq!(url.scheme(), "https", "{p}");
                assert!(spec.credentials.contains(&Credential::ApiKey), "{p}");
                assert!(
                    spec.register.is_none(),
                    "{p}: has an API and a register text"
                );
                assert!(!caps.notes.is_empty(), "{p}: notes");
                for (op, support, route_op) in [
                    ("subscribe", caps.subscribe, "create"),
                    ("list", caps.list, "list"),
                    ("update", caps.update, "update"),
                    ("delete", caps.delete, "delete"),
                ] {
                    if support.is_supported() && route_op != "create" {
                        let routed = kind.route(route_op).is_some()
                            || (!caps.url_kinds.is_empty() && kind.route("update").is_some());
                        assert!(routed, "{p}: {op} is supported but has no route");
                    }
                }
                for r in spec.routes {
                    assert!(r.path.starts_with('/'), "{p} {}: {}", r.op, r.path);
                    reqwest::Method::from_bytes(r.method.as_bytes())
                        .unwrap_or_else(|_| panic!("{p} {}: method {}", r.op, r.method));
                }
            } else {
                assert!(
                    spec.register.is_some_and(|r| !r.is_empty()),
                    "{p}: no API, so it must say where webhooks are registered"
                );
                for s in [
                    caps.subscribe,
                    caps.list,
                    caps.update,
                    caps.delete,
                    caps.rotate,
                ] {
                    assert!(!s.is_supported(), "{p}: no API but an operation");
                }
            }
            assert_eq!(
                caps.one_url_per_account(),
                !caps.url_kinds.is_empty(),
                "{p}"
            );
            // The catalog parses, with unique, described events.
            let c = crate::catalog::get(kind);
            assert!(!c.events.is_empty(), "{p} has no events");
            let set: BTreeSet<_> = c.events.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(set.len(), c.events.len(), "{p} has duplicate names");
            for e in &c.events {
                assert!(
                    !e.description.trim().is_empty(),
                    "{p} {} lacks a description",
                    e.name
                );
                assert!(!e.group.trim().is_empty(), "{p} {} lacks a group", e.name);
                // The envelope makes a body that names the event, with its fresh fields set.
                let body = crate::catalog::delivery(kind, e, "2026-01-01T00:00:00Z", "abc");
                assert!(body.is_object(), "{p} {}: body is not an object", e.name);
                assert_eq!(
                    crate::catalog::event_of(kind, &body).as_deref(),
                    Some(e.name.as_str()),
                    "{p}: a delivery of {} does not name it in {}",
                    e.name,
                    spec.envelope.event_field
                );
                for (field, fresh) in spec.envelope.fresh {
                    let want = match fresh {
                        Fresh::Now => "2026-01-01T00:00:00Z".to_string(),
                        Fresh::Id(prefix) => format!("{prefix}abc"),
                    };
                    assert_eq!(body[*field], want.as_str(), "{p} {}: {field}", e.name);
                }
                let minimal = (spec.envelope.minimal)(&crate::spec::EventFields {
                    name: &e.name,
                    group: &e.group,
                    description: &e.description,
                    code: e.code,
                    now: "now",
                });
                assert!(
                    minimal.to_string().contains(&format!("\"{}\"", e.name)),
                    "{p}: the minimal body does not name {}",
                    e.name
                );
            }
            // The signature scheme has a header; deliveries have accepted statuses.
            if let Some(s) = spec.signature {
                assert!(!s.header().is_empty(), "{p}");
            }
            assert!(spec.delivered.accepts(200), "{p}: 200 is not delivered?");
            assert!(!spec.delivered.accepts(500), "{p}");
            // The sandbox serves every API; deliveries are retried on a sane schedule and
            // answered within a sane time.
            assert_eq!(caps.api, entry.sandbox.is_some(), "{p}: api vs sandbox");
            let delays = spec.retries.delays_secs;
            assert!(delays.iter().all(|d| *d > 0), "{p}: a retry without a wait");
            assert!(
                delays.windows(2).all(|w| w[0] <= w[1]),
                "{p}: retry waits go down"
            );
            assert!(delays.len() <= 32, "{p}: more than 32 retries");
            assert!(
                !spec.retries.documented || !delays.is_empty(),
                "{p}: a documented schedule with no retry"
            );
            assert!(
                spec.answer_within_secs
                    .is_none_or(|s| (1..=300).contains(&s)),
                "{p}: answer time"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn resolve_gives_matches_or_a_usage_error(raw in "[a-zA-Z0-9._* -]{0,24}") {
            for &p in all() {
                match crate::catalog::get(p).resolve(&raw) {
                    Ok(r) => proptest::prop_assert!(!r.matches.is_empty()),
                    Err(e) => proptest::prop_assert_eq!(e.kind, crate::error::Kind::Usage),
                }
            }
        }
    }

    /// Outside `src/providers/`, no code names a provider: not as a string, a type or a
    /// path (comments, test modules and data aside).
    #[test]
    fn no_code_outside_the_providers_names_one() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    if !path.ends_with("providers") {
                        dirs.push(path);
                    }
                } else if path.extension().is_some_and(|x| x == "rs") {
                    files.push(path);
                }
            }
        }
        let mut found = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("#[cfg(test)]") {
                    break;
                }
                let code = line.split("//").next().unwrap_or("");
                for name in registry().names() {
                    let title = format!("{}{}", name[..1].to_ascii_uppercase(), &name[1..]);
                    let quoted = format!("\"{name}\"");
                    let word = |w: &str| {
                        code.match_indices(w).any(|(i, _)| {
                            let before = code[..i].chars().next_back();
                            let after = code[i + w.len()..].chars().next();
                            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        })
                    };
                    if code.contains(&quoted) || word(&title) || code.contains(&format!("{name}::"))
                    {
                        found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "provider named outside src/providers:\n{}",
            found.join("\n")
        );
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
