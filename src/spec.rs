//! What whctl knows about a provider, as data: a [`Spec`] per provider, and the
//! [`Registry`] that lists them.
//!
//! This module is the bottom layer: it names no provider and imports nothing of whctl's.
//! Each provider's spec is a `static SPEC` in its own module under `src/providers/`, and
//! `src/providers/mod.rs` holds the one registry (a line per provider). Everything else —
//! the CLI's provider names, `whctl providers`, profile fields, catalogs, signing, `trigger`,
//! config — reads a provider's facts from its spec through a [`ProviderKind`], which is a
//! spec together with the registry it belongs to (so the catalog can say "that pattern
//! matches another provider's events" without knowing which providers exist).

use std::fmt;
use std::hash::{Hash, Hasher};

use serde_json::Value;

/// Everything whctl knows about one provider that is not code talking to its API.
#[derive(Debug)]
pub struct Spec {
    /// The name used on the command line and in config files (lower case).
    pub name: &'static str,
    /// The API base a profile uses when it names none; empty when there is no API.
    pub default_base_url: &'static str,
    /// The credential fields a profile of this provider uses (besides the base URL).
    pub credentials: &'static [Credential],
    /// What the provider's management API supports.
    pub capabilities: Capabilities,
    /// Every request whctl sends, and whether a public source confirms it.
    pub routes: &'static [Route],
    /// The event catalog: a JSON file embedded with `include_str!` (see `src/catalog`).
    pub catalog: &'static str,
    /// How deliveries are signed; `None` when no scheme is documented.
    pub signature: Option<Scheme>,
    /// The body of a delivery, for `trigger` and the sandbox.
    pub envelope: Envelope,
    /// The answers to a delivery that the provider counts as delivered.
    pub delivered: Delivered,
    /// Where webhooks are registered when there is no API (shown instead of an operation).
    pub register: Option<&'static str>,
    /// How the provider retries a delivery it does not count as delivered (the sandbox
    /// follows it).
    pub retries: Retries,
    /// How long the provider waits for a delivery's answer, where it says.
    pub answer_within_secs: Option<u64>,
}

/// A provider's retry schedule for deliveries.
#[derive(Debug, Clone, Copy)]
pub struct Retries {
    /// The wait before each retry, in seconds, in order (empty: no retry is known).
    pub delays_secs: &'static [u64],
    /// Whether the provider publishes this schedule (otherwise it is whctl's reading of
    /// what it says, e.g. "up to 6 times").
    pub documented: bool,
}

impl Retries {
    /// No retry schedule is known.
    pub const NONE: Retries = Retries {
        delays_secs: &[],
        documented: false,
    };
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
    /// Whether a subscription can choose its events (false: every event goes to the URL).
    pub event_filter: bool,
    /// Whether the provider expands `prefix.*` patterns itself (they are sent as written, so
    /// events newer than whctl's catalog are kept); otherwise whctl sends event names.
    pub server_wildcards: bool,
    /// The fixed webhook URLs of an account, when that is what the provider has instead of
    /// subscriptions (one URL of each kind per account): each is shown as a subscription
    /// with that id, set or not, and `subscribe` sets one of them. Empty: subscriptions,
    /// as many as the account wants. See [`Capabilities::one_url_per_account`].
    pub url_kinds: &'static [&'static str],
    /// Caveats shown by `whctl providers` and in "not supported" errors.
    pub notes: &'static str,
    /// Said after a successful subscribe (e.g. a ping of the URL).
    pub after_subscribe: Option<&'static str>,
    /// Whether the client may choose the webhook secret (`subscribe --secret-file`).
    pub client_secret: bool,
    /// Whether a subscription carries a description.
    pub descriptions: bool,
}

impl Capabilities {
    /// A provider without a management API: no operation, no filtering.
    pub const NO_API: Capabilities = Capabilities {
        api: false,
        subscribe: Support::No,
        list: Support::No,
        update: Support::No,
        delete: Support::No,
        rotate: Support::No,
        event_filter: false,
        server_wildcards: false,
        url_kinds: &[],
        notes: "",
        after_subscribe: None,
        client_secret: false,
        descriptions: false,
    };

    /// Whether the account has a fixed set of URLs ([`Capabilities::url_kinds`]), one of
    /// each, rather than subscriptions: such a URL cannot be disabled, only set or cleared,
    /// and two kinds may share one URL.
    pub fn one_url_per_account(&self) -> bool {
        !self.url_kinds.is_empty()
    }
}

/// A credential field of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    ApiKey,
    Identity,
    LoginId,
    ProgramGuid,
    ApiVersion,
}

impl Credential {
    pub const ALL: [Credential; 5] = [
        Credential::ApiKey,
        Credential::Identity,
        Credential::LoginId,
        Credential::ProgramGuid,
        Credential::ApiVersion,
    ];

    /// The field's name in the config file and in `profile show`.
    pub fn field(self) -> &'static str {
        match self {
            Credential::ApiKey => "api_key",
            Credential::Identity => "identity",
            Credential::LoginId => "login_id",
            Credential::ProgramGuid => "program_guid",
            Credential::ApiVersion => "api_version",
        }
    }

    /// The environment variable that overrides it.
    pub fn env(self) -> &'static str {
        match self {
            Credential::ApiKey => "WHCTL_API_KEY",
            Credential::Identity => "WHCTL_IDENTITY",
            Credential::LoginId => "WHCTL_LOGIN_ID",
            Credential::ProgramGuid => "WHCTL_PROGRAM_GUID",
            Credential::ApiVersion => "WHCTL_API_VERSION",
        }
    }

    /// The `profile add` flag that sets it.
    pub fn flag(self) -> &'static str {
        match self {
            Credential::ApiKey => "--api-key-stdin",
            Credential::Identity => "--identity",
            Credential::LoginId => "--login-id",
            Credential::ProgramGuid => "--program-guid",
            Credential::ApiVersion => "--api-version",
        }
    }
}

/// One request whctl sends: its operation name (the key of a profile's path override),
/// method and path (with `{placeholders}`), and whether a public source confirms it.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub op: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub documented: bool,
}

/// A delivery signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `HEADER: t=<unix seconds>,v1=<hex>,v2=<hex>`: `v2` is HMAC-SHA256 keyed with the
    /// whole secret over `"{t}." + raw body`, `v1` the same over a compact re-serialised body.
    Timestamped(&'static str),
    /// `HEADER: <hex HMAC-SHA256 of the raw body>`.
    BodyHmac(&'static str),
}

impl Scheme {
    /// The header a delivery carries its signature in.
    pub fn header(self) -> &'static str {
        match self {
            Scheme::Timestamped(h) | Scheme::BodyHmac(h) => h,
        }
    }

    /// What is signed, in a few words (`whctl providers`).
    pub fn describe(self) -> &'static str {
        match self {
            Scheme::Timestamped(_) => "HMAC-SHA256 of t.body",
            Scheme::BodyHmac(_) => "HMAC-SHA256 of body",
        }
    }
}

/// What a delivery's body is built from.
#[derive(Debug, Clone, Copy)]
pub struct EventFields<'a> {
    pub name: &'a str,
    pub group: &'a str,
    pub description: &'a str,
    pub code: Option<u32>,
    /// Now, RFC 3339.
    pub now: &'a str,
}

/// A provider's delivery envelope.
#[derive(Debug)]
pub struct Envelope {
    /// The top-level field of a delivery that names its event.
    pub event_field: &'static str,
    /// The body of a delivery when the catalog shows no sample of the event.
    pub minimal: fn(&EventFields<'_>) -> Value,
    /// Top-level fields made fresh on every delivery, so that two deliveries are two
    /// (receivers drop duplicates by them).
    pub fresh: &'static [(&'static str, Fresh)],
}

/// A value made fresh for every delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fresh {
    /// The current time, RFC 3339.
    Now,
    /// A unique id with this prefix.
    Id(&'static str),
}

/// The answers to a delivery that count as delivered (others are retried by the provider).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    AnyTwoXx,
    Only(&'static [u16]),
}

impl Delivered {
    pub fn accepts(self, status: u16) -> bool {
        match self {
            Delivered::AnyTwoXx => (200..300).contains(&status),
            Delivered::Only(codes) => codes.contains(&status),
        }
    }

    /// "2xx", "200 or 201".
    pub fn describe(self) -> String {
        match self {
            Delivered::AnyTwoXx => "2xx".to_string(),
            Delivered::Only(codes) => {
                let s: Vec<String> = codes.iter().map(u16::to_string).collect();
                match s.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => s.join(""),
                }
            }
        }
    }
}

/// The providers whctl knows, in the order `whctl providers` lists them.
#[derive(Debug)]
pub struct Registry {
    specs: &'static [&'static Spec],
}

impl Registry {
    pub const fn new(specs: &'static [&'static Spec]) -> Registry {
        Registry { specs }
    }

    /// Every provider, in order.
    pub fn kinds(&'static self) -> impl Iterator<Item = ProviderKind> + Clone {
        self.specs.iter().map(move |spec| ProviderKind {
            spec,
            registry: self,
        })
    }

    /// The provider of that name (any letter case, surrounding spaces ignored).
    pub fn parse(&'static self, name: &str) -> Option<ProviderKind> {
        self.kinds()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The provider names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.specs.iter().map(|s| s.name).collect()
    }

    /// "unknown provider 'x': use one of a, b, c".
    pub fn unknown(&self, name: &str) -> String {
        format!(
            "unknown provider '{name}': use one of {}",
            self.names().join(", ")
        )
    }
}

/// One provider: its spec, and the registry it is listed in.
#[derive(Clone, Copy)]
pub struct ProviderKind {
    spec: &'static Spec,
    registry: &'static Registry,
}

impl ProviderKind {
    pub fn spec(self) -> &'static Spec {
        self.spec
    }

    pub fn name(self) -> &'static str {
        self.spec.name
    }

    /// What this provider's API supports.
    pub fn capabilities(self) -> &'static Capabilities {
        &self.spec.capabilities
    }

    /// The registry this provider is listed in.
    pub fn registry(self) -> &'static Registry {
        self.registry
    }

    /// Its place in the registry.
    pub fn index(self) -> usize {
        self.registry
            .specs
            .iter()
            .position(|s| std::ptr::eq(*s, self.spec))
            .unwrap_or(usize::MAX)
    }

    /// The route of an operation (every provider with an API lists each it sends).
    pub fn route(self, op: &str) -> Option<&'static Route> {
        self.spec.routes.iter().find(|r| r.op == op)
    }
}

impl PartialEq for ProviderKind {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.spec, other.spec)
    }
}

impl Eq for ProviderKind {}

impl Hash for ProviderKind {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.spec.name.hash(state);
    }
}

impl PartialOrd for ProviderKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ProviderKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.index()
            .cmp(&other.index())
            .then_with(|| self.name().cmp(other.name()))
    }
}

impl fmt::Debug for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec.name)
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec.name)
    }
}

/// Made-up providers for the unit tests of the layers that must not know the real ones.
#[cfg(test)]
pub mod testing {
    use super::*;
    use serde_json::json;

    fn minimal(e: &EventFields<'_>) -> Value {
        json!({ "type": e.name, "at": e.now })
    }

    const CAPS: Capabilities = Capabilities {
        api: true,
        subscribe: Support::Yes,
        list: Support::Yes,
        update: Support::Yes,
        delete: Support::Yes,
        rotate: Support::No,
        event_filter: true,
        server_wildcards: false,
        url_kinds: &[],
        notes: "",
        after_subscribe: None,
        client_secret: false,
        descriptions: true,
    };

    pub static ALPHA: Spec = Spec {
        name: "alpha",
        default_base_url: "https://alpha.example/api",
        credentials: &[Credential::ApiKey, Credential::Identity],
        capabilities: CAPS,
        routes: &[],
        catalog: r#"{"events": [
            {"name": "card.created", "group": "card", "description": "A card was created"},
            {"name": "card.closed", "group": "card", "description": "A card was closed"},
            {"name": "kyc.passed", "group": "kyc", "description": "KYC passed"}
        ]}"#,
        signature: Some(Scheme::Timestamped("Alpha-Signature")),
        envelope: Envelope {
            event_field: "type",
            minimal,
            fresh: &[("at", Fresh::Now)],
        },
        delivered: Delivered::Only(&[200, 201]),
        register: None,
        retries: Retries {
            delays_secs: &[1, 10],
            documented: true,
        },
        answer_within_secs: Some(5),
    };

    pub static BETA: Spec = Spec {
        name: "beta",
        default_base_url: "",
        credentials: &[],
        capabilities: Capabilities { api: false, ..CAPS },
        routes: &[],
        catalog: r#"{"classes": {"all": "*"}, "events": [
            {"name": "PAYMENT_SENT", "group": "payment", "description": "Sent", "code": 7}
        ]}"#,
        signature: None,
        envelope: Envelope {
            event_field: "type",
            minimal,
            fresh: &[("id", Fresh::Id("evt_"))],
        },
        delivered: Delivered::AnyTwoXx,
        register: Some("in the Beta dashboard"),
        retries: Retries::NONE,
        answer_within_secs: None,
    };

    pub static REGISTRY: Registry = Registry::new(&[&ALPHA, &BETA]);

    pub fn alpha() -> ProviderKind {
        REGISTRY.parse("alpha").unwrap()
    }

    pub fn beta() -> ProviderKind {
        REGISTRY.parse("beta").unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn kinds_parse_compare_and_order_by_registry() {
        assert_eq!(REGISTRY.parse(" ALPHA "), Some(alpha()));
        assert_eq!(REGISTRY.parse("gamma"), None);
        assert!(alpha() < beta());
        assert_ne!(alpha(), beta());
        assert_eq!(REGISTRY.names(), vec!["alpha", "beta"]);
        assert_eq!(beta().index(), 1);
        assert!(std::ptr::eq(alpha().registry(), &REGISTRY));
        assert!(REGISTRY.unknown("x").contains("alpha, beta"));
    }

    #[test]
    fn delivered_statuses() {
        let only = Delivered::Only(&[200, 201]);
        assert!(only.accepts(201) && !only.accepts(202));
        assert_eq!(only.describe(), "200 or 201");
        assert!(Delivered::AnyTwoXx.accepts(204) && !Delivered::AnyTwoXx.accepts(301));
        assert_eq!(Delivered::AnyTwoXx.describe(), "2xx");
    }
}
