//! Subscriptions as code: the desired-state file (`webhooks.toml`), its validation, and the
//! plan that turns the live state into it.
//!
//! ```toml
//! [[subscription]]
//! profile = "atelio-live"
//! url = "https://api.example.com/hooks/atelio"
//! events = ["card.*", "kyc.*"]
//! description = "cards and kyc"   # optional: not compared when absent
//! enabled = true                  # default true
//!
//! [[subscription]]
//! profile = "prune-live"
//! type = "callback"               # which of the account's URLs (Prune: event, callback)
//! url = "https://api.example.com/hooks/prune-callbacks"
//! ```
//!
//! A subscription is identified by (profile, url); for providers whose account has fixed
//! URLs (Prune), by (profile, type), `type` defaulting to the first kind (`event`). Events
//! are compared by meaning: the live list (expanded by the provider, or holding Qolo's
//! classes) is in sync when it holds every catalog event the desired patterns name, and
//! nothing they do not match.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::catalog::{self, Pattern};
use crate::config::ConfigFile;
use crate::providers::{ProviderKind, Subscription};

/// One `[[subscription]]` as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Desired {
    pub profile: String,
    pub url: String,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Which of the account's fixed URLs this is (Prune: `event`, `callback`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub url_type: Option<String>,
}

impl Desired {
    /// The account URL this entry sets, for providers with URL kinds (default: the first).
    pub fn url_kind(&self, provider: ProviderKind) -> Option<String> {
        let kinds = provider.capabilities().url_kinds;
        match &self.url_type {
            Some(t) => Some(t.trim().to_ascii_lowercase()),
            None => kinds.first().map(|k| k.to_string()),
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(default)]
    subscription: Vec<Spanned<Desired>>,
}

/// A checked entry: where it was, and its profile's provider.
#[derive(Debug, Clone)]
pub struct Entry {
    pub line: usize,
    pub provider: ProviderKind,
    pub desired: Desired,
    /// The desired patterns, checked against the catalog.
    pub resolved: Vec<catalog::Resolved>,
}

/// Line numbers of byte offsets in a text, found by binary search over where its lines
/// start (scanning the text from its start for each entry made `load` quadratic).
struct Lines {
    /// The offset just past each `\n`.
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        Lines {
            starts: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1)
                .collect(),
        }
    }

    /// The 1-based line of `offset` (past the end: the last line).
    fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) + 1
    }
}

/// Reads and checks a desired-state file. Every problem is reported at once, each with its
/// line; nothing is sent before this passes.
pub fn load(text: &str, path: &str, cfg: &ConfigFile) -> Result<Vec<Entry>, Vec<String>> {
    let lines = Lines::new(text);
    let shape: FileShape = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| lines.of(s.start));
        vec![format!(
            "{path}:{line}: {}",
            e.message().trim().replace('\n', " ")
        )]
    })?;
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut account_urls: BTreeMap<(String, String), usize> = BTreeMap::new();
    for spanned in shape.subscription {
        let line = lines.of(spanned.span().start);
        let d = spanned.into_inner();
        let at = format!("{path}:{line}");
        let Some(profile) = cfg.profiles.get(&d.profile) else {
            problems.push(format!(
                "{at}: unknown profile '{}' (see `whctl profile list`)",
                d.profile
            ));
            continue;
        };
        let Some(provider) = crate::providers::registry().parse(&profile.provider) else {
            problems.push(format!(
                "{at}: profile '{}' names unknown provider '{}'",
                d.profile, profile.provider
            ));
            continue;
        };
        let caps = provider.capabilities();
        if !caps.api {
            problems.push(format!(
                "{at}: {provider} has no webhook management API ({}); whctl cannot apply this",
                caps.notes
            ));
            continue;
        }
        match reqwest::Url::parse(d.url.trim()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {}
            _ => problems.push(format!(
                "{at}: url '{}' is not an absolute http(s) URL",
                d.url
            )),
        }
        // Account URLs (Prune) are told apart by type, below: two may share a URL.
        if caps.url_kinds.is_empty()
            && let Some(first) = seen.insert((d.profile.clone(), d.url.clone()), line)
        {
            problems.push(format!(
                "{at}: duplicate of line {first}: profile '{}' already has url {}",
                d.profile, d.url
            ));
        }
        if d.description.is_some() && !caps.descriptions {
            problems.push(if caps.one_url_per_account() {
                format!("{at}: {provider} webhooks have no description")
            } else {
                format!("{at}: {provider} subscriptions have no description")
            });
        }
        if !d.enabled && caps.one_url_per_account() {
            problems.push(format!("{at}: {provider} cannot hold a disabled webhook"));
        }
        let mut resolved = Vec::new();
        if caps.event_filter {
            if d.events.is_empty() {
                problems.push(format!(
                    "{at}: events is empty: name events or patterns such as \"card.*\""
                ));
            }
            for e in &d.events {
                match catalog::get(provider).resolve(e) {
                    Ok(r) => resolved.push(r),
                    Err(err) => problems.push(format!("{at}: {}", err.message)),
                }
            }
        } else {
            if d.events.iter().any(|e| e.trim() != "*") {
                problems.push(format!(
                    "{at}: {provider} cannot filter events (every event goes to the URL): use events = [\"*\"] or leave events out"
                ));
            }
        }
        let kinds = caps.url_kinds;
        match d.url_kind(provider) {
            Some(_) if kinds.is_empty() => {
                problems.push(format!("{at}: {provider} has no URL types: drop type"))
            }
            Some(k) if kinds.contains(&k.as_str()) => {
                if let Some(first) = account_urls.insert((d.profile.clone(), k.clone()), line) {
                    problems.push(format!(
                        "{at}: line {first} already sets the {k} URL of profile '{}' ({provider} has one of each per account)",
                        d.profile
                    ));
                }
            }
            Some(k) => problems.push(format!(
                "{at}: type '{k}': {provider} has the URLs {}",
                kinds.join(", ")
            )),
            None => {}
        }
        entries.push(Entry {
            line,
            provider,
            desired: d,
            resolved,
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// The catalog events a list of live events stands for (Qolo's classes expanded) and the
/// names the catalog does not know.
fn live_events(provider: ProviderKind, live: &[String]) -> (BTreeSet<String>, Vec<String>) {
    let c = catalog::get(provider);
    let mut known = BTreeSet::new();
    let mut unknown = Vec::new();
    for e in live {
        match c.resolve(e) {
            Ok(r) if r.class.is_some() || !r.pattern.is_wildcard() => {
                known.extend(r.matches.iter().map(|&i| c.events[i].name.clone()));
            }
            _ => unknown.push(e.clone()),
        }
    }
    (known, unknown)
}

/// Events to add and to remove so that `live` means what `entry` asks for.
pub fn event_diff(entry: &Entry, live: &[String]) -> (Vec<String>, Vec<String>) {
    if !entry.provider.capabilities().event_filter {
        return (Vec::new(), Vec::new());
    }
    let c = catalog::get(entry.provider);
    let want: BTreeSet<String> = entry
        .resolved
        .iter()
        .flat_map(|r| r.matches.iter().map(|&i| c.events[i].name.clone()))
        .collect();
    let (have, unknown) = live_events(entry.provider, live);
    let add: Vec<String> = want.difference(&have).cloned().collect();
    let mut remove: Vec<String> = have.difference(&want).cloned().collect();
    // Events newer than the catalog are fine when a desired pattern covers them.
    remove.extend(
        unknown
            .into_iter()
            .filter(|u| !entry.resolved.iter().any(|r| r.pattern.matches(u))),
    );
    (add, remove)
}

/// One change the plan would make.
#[derive(Debug, Clone)]
pub enum Action {
    Create {
        entry: Entry,
    },
    Update {
        entry: Entry,
        id: String,
        /// An account URL (Prune) set to another URL, which this update replaces.
        replaces: Option<String>,
        add: Vec<String>,
        remove: Vec<String>,
        description: Option<String>,
        enabled: Option<bool>,
    },
    Delete {
        profile: String,
        provider: ProviderKind,
        sub: Subscription,
    },
}

impl Action {
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Create { .. } => "create",
            Action::Update { .. } => "update",
            Action::Delete { .. } => "delete",
        }
    }
    pub fn profile(&self) -> &str {
        match self {
            Action::Create { entry } | Action::Update { entry, .. } => &entry.desired.profile,
            Action::Delete { profile, .. } => profile,
        }
    }
    pub fn provider(&self) -> ProviderKind {
        match self {
            Action::Create { entry } | Action::Update { entry, .. } => entry.provider,
            Action::Delete { provider, .. } => *provider,
        }
    }
    pub fn url(&self) -> &str {
        match self {
            Action::Create { entry } | Action::Update { entry, .. } => &entry.desired.url,
            Action::Delete { sub, .. } => &sub.url,
        }
    }
    pub fn id(&self) -> Option<&str> {
        match self {
            // An account URL is known by its kind before it is set.
            Action::Create { entry } => entry
                .provider
                .capabilities()
                .url_kinds
                .iter()
                .find(|k| entry.desired.url_kind(entry.provider).as_deref() == Some(**k))
                .copied(),
            Action::Update { id, .. } => Some(id),
            Action::Delete { sub, .. } => Some(&sub.id),
        }
    }
}

/// The live subscriptions, indexed the ways [`plan`] looks them up: by (profile, url), and
/// by (profile, id) among the account URLs that are set (Prune). The first of equals wins,
/// as a scan would find it; looking entries up here keeps a plan linear in their number.
struct LiveIndex<'a> {
    by_url: HashMap<(&'a str, &'a str), &'a Subscription>,
    set_by_id: HashMap<(&'a str, &'a str), &'a Subscription>,
}

impl<'a> LiveIndex<'a> {
    fn new(live: &'a BTreeMap<String, Vec<Subscription>>) -> Self {
        let mut by_url = HashMap::new();
        let mut set_by_id = HashMap::new();
        for (profile, subs) in live {
            for s in subs {
                by_url
                    .entry((profile.as_str(), s.url.as_str()))
                    .or_insert(s);
                if s.enabled {
                    set_by_id
                        .entry((profile.as_str(), s.id.as_str()))
                        .or_insert(s);
                }
            }
        }
        LiveIndex { by_url, set_by_id }
    }

    /// The live subscription an entry stands for: an account URL (Prune) is the one of its
    /// kind, set or not; any other, the one at its URL.
    fn find(&self, e: &Entry) -> Option<&'a Subscription> {
        let d = &e.desired;
        match d.url_kind(e.provider) {
            Some(kind) => self
                .set_by_id
                .get(&(d.profile.as_str(), kind.as_str()))
                .copied(),
            None => self
                .by_url
                .get(&(d.profile.as_str(), d.url.as_str()))
                .copied(),
        }
    }
}

/// The changes that turn `live` (per profile) into the entries. Deletions only with `prune`,
/// and only in profiles the file names.
pub fn plan(
    entries: &[Entry],
    live: &BTreeMap<String, Vec<Subscription>>,
    prune: bool,
) -> Vec<Action> {
    let index = LiveIndex::new(live);
    let mut actions = Vec::new();
    let mut claimed: HashSet<(&str, &str)> = HashSet::new();
    for e in entries {
        let d = &e.desired;
        let Some(s) = index.find(e) else {
            actions.push(Action::Create { entry: e.clone() });
            continue;
        };
        claimed.insert((d.profile.as_str(), s.id.as_str()));
        if let Some(update) = update_of(e, s) {
            actions.push(update);
        }
    }
    if prune {
        // Each profile the file names, with the provider of its first entry.
        let mut named: BTreeMap<&str, ProviderKind> = BTreeMap::new();
        for e in entries {
            named
                .entry(e.desired.profile.as_str())
                .or_insert(e.provider);
        }
        for (profile, provider) in named {
            for s in live.get(profile).map(Vec::as_slice).unwrap_or_default() {
                // An unset account URL (Prune) has nothing to delete.
                let unset = !provider.capabilities().url_kinds.is_empty() && !s.enabled;
                if !unset && !claimed.contains(&(profile, s.id.as_str())) {
                    actions.push(Action::Delete {
                        profile: profile.to_string(),
                        provider,
                        sub: s.clone(),
                    });
                }
            }
        }
    }
    actions
}

/// The update that makes the live `s` what entry `e` asks for, if it differs.
fn update_of(e: &Entry, s: &Subscription) -> Option<Action> {
    let d = &e.desired;
    let replaces = (s.url != d.url).then(|| s.url.clone());
    let (add, remove) = event_diff(e, &s.events);
    let description = d
        .description
        .as_ref()
        .filter(|want| s.description.as_deref().unwrap_or("") != want.as_str())
        .cloned();
    let enabled = (s.enabled != d.enabled).then_some(d.enabled);
    let unchanged = add.is_empty()
        && remove.is_empty()
        && description.is_none()
        && enabled.is_none()
        && replaces.is_none();
    (!unchanged).then(|| Action::Update {
        entry: e.clone(),
        id: s.id.clone(),
        replaces,
        add,
        remove,
        description,
        enabled,
    })
}

/// The live state of one profile as desired-state entries (for `whctl export`). Events are
/// summarised as patterns; events the catalog does not know are returned apart.
pub fn export(
    profile: &str,
    provider: ProviderKind,
    subs: &[Subscription],
) -> (Vec<Desired>, Vec<String>) {
    let c = catalog::get(provider);
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for s in subs {
        if !provider.capabilities().url_kinds.is_empty() {
            // Account URLs (Prune): each one that is set, with its type.
            if s.enabled {
                out.push(Desired {
                    profile: profile.into(),
                    url: s.url.clone(),
                    events: Vec::new(),
                    description: None,
                    enabled: true,
                    url_type: Some(s.id.clone()),
                });
            }
            continue;
        }
        let (known, other) = live_events(provider, &s.events);
        // Keep Qolo's classes as written; fold the rest.
        let classes: Vec<String> = s
            .events
            .iter()
            .filter(|e| c.classes().any(|(k, _)| k == e.as_str()))
            .cloned()
            .collect();
        let names: Vec<String> = c
            .events
            .iter()
            .filter(|e| known.contains(&e.name))
            .filter(|e| {
                !classes.iter().any(|k| {
                    c.resolve(k)
                        .is_ok_and(|r| r.matches.iter().any(|&i| c.events[i].name == e.name))
                })
            })
            .map(|e| e.name.clone())
            .collect();
        let mut events = classes;
        events.extend(c.summarise(&names));
        unknown.extend(other.into_iter().filter(|o| {
            !events
                .iter()
                .any(|p| Pattern::parse(p).is_ok_and(|p| p.matches(o)))
        }));
        out.push(Desired {
            profile: profile.into(),
            url: s.url.clone(),
            events,
            description: s.description.clone(),
            enabled: s.enabled,
            url_type: None,
        });
    }
    (out, unknown)
}

/// Writes entries as a desired-state file.
pub fn to_toml(entries: &[Desired]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        subscription: &'a [Desired],
    }
    toml::to_string_pretty(&Out {
        subscription: entries,
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atelio() -> ProviderKind {
        crate::providers::registry().parse("atelio").unwrap()
    }

    fn cfg() -> ConfigFile {
        crate::config::parse(
            "[profiles.a]\nprovider = \"atelio\"\n[profiles.q]\nprovider = \"qolo\"\n[profiles.p]\nprovider = \"prune\"\n[profiles.s]\nprovider = \"sturdy\"\n",
        )
        .unwrap()
    }

    fn sub(id: &str, url: &str, events: &[&str]) -> Subscription {
        Subscription {
            id: id.into(),
            url: url.into(),
            description: None,
            events: events.iter().map(|e| e.to_string()).collect(),
            enabled: true,
            secret: None,
            created_at: None,
            updated_at: None,
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = r#"
[[subscription]]
profile = "nope"
url = "https://a.example/h"
events = ["card.*"]

[[subscription]]
profile = "a"
url = "https://a.example/h"
events = ["crad.*"]

[[subscription]]
profile = "a"
url = "https://a.example/h"
events = ["card.*"]

[[subscription]]
profile = "p"
url = "https://p.example/h"
events = ["BALANCE_UPDATE"]

[[subscription]]
profile = "s"
url = "not a url"
"#;
        let errs = load(text, "w.toml", &cfg()).unwrap_err();
        assert_eq!(errs.len(), 5, "{errs:#?}");
        assert!(
            errs[0].starts_with("w.toml:2: unknown profile 'nope'"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].starts_with("w.toml:7:") && errs[1].contains("card.*"),
            "{}",
            errs[1]
        );
        assert!(
            errs[2].starts_with("w.toml:12: duplicate of line 7"),
            "{}",
            errs[2]
        );
        assert!(
            errs[3].starts_with("w.toml:17:") && errs[3].contains("cannot filter"),
            "{}",
            errs[3]
        );
        assert!(
            errs[4].starts_with("w.toml:22:") && errs[4].contains("no webhook management API"),
            "{}",
            errs[4]
        );
    }

    #[test]
    fn account_urls_are_told_apart_by_type_not_url() {
        let both = "[[subscription]]\nprofile = \"p\"\nurl = \"https://x.example/h\"\n\n[[subscription]]\nprofile = \"p\"\ntype = \"callback\"\nurl = \"https://x.example/h\"\n";
        let entries = load(both, "f", &cfg()).unwrap();
        assert_eq!(entries.len(), 2, "event and callback may share a URL");
        let twice = "[[subscription]]\nprofile = \"p\"\nurl = \"https://x.example/a\"\n\n[[subscription]]\nprofile = \"p\"\ntype = \"event\"\nurl = \"https://x.example/b\"\n";
        let errs = load(twice, "f", &cfg()).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].contains("already sets the event URL"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn events_compare_by_meaning() {
        let text = "[[subscription]]\nprofile = \"a\"\nurl = \"https://x.example/h\"\nevents = [\"card.*\"]\n";
        let e = &load(text, "f", &cfg()).unwrap()[0];
        let all_card: Vec<String> = catalog::get(atelio())
            .expand(&["card.*"])
            .unwrap()
            .iter()
            .map(|e| e.name.clone())
            .collect();
        let mut live = all_card.clone();
        live.push("card.status.suspended".into()); // newer than the catalog, covered by card.*
        assert_eq!(event_diff(e, &live), (vec![], vec![]));
        live.push("kyc.verification.success".into());
        assert_eq!(
            event_diff(e, &live),
            (vec![], vec!["kyc.verification.success".to_string()])
        );
        let (add, _) = event_diff(e, &all_card[1..]);
        assert_eq!(add, vec!["card.created".to_string()]);
        // Qolo's class is what it names.
        let q = "[[subscription]]\nprofile = \"q\"\nurl = \"https://x.example/h\"\nevents = [\"card.*\"]\n";
        let e = &load(q, "f", &cfg()).unwrap()[0];
        assert_eq!(event_diff(e, &["card".to_string()]), (vec![], vec![]));
    }

    #[test]
    fn plan_creates_updates_and_prunes_only_named_profiles() {
        let text = "[[subscription]]\nprofile = \"a\"\nurl = \"https://keep.example/h\"\nevents = [\"kyc.*\"]\n\n[[subscription]]\nprofile = \"a\"\nurl = \"https://new.example/h\"\nevents = [\"transactions\"]\n";
        let entries = load(text, "f", &cfg()).unwrap();
        let kyc: Vec<&str> = vec!["kyc.verification.success"];
        let mut live = BTreeMap::new();
        live.insert(
            "a".to_string(),
            vec![
                sub("1", "https://keep.example/h", &kyc),
                sub("2", "https://old.example/h", &["transactions"]),
            ],
        );
        live.insert(
            "q".to_string(),
            vec![sub("9", "https://other.example/h", &["card"])],
        );
        let kinds = |acts: &[Action]| {
            acts.iter()
                .map(|a| format!("{} {}", a.kind(), a.url()))
                .collect::<Vec<_>>()
        };
        let acts = plan(&entries, &live, false);
        assert_eq!(
            kinds(&acts),
            [
                "update https://keep.example/h",
                "create https://new.example/h"
            ]
        );
        let acts = plan(&entries, &live, true);
        assert_eq!(
            kinds(&acts),
            [
                "update https://keep.example/h",
                "create https://new.example/h",
                "delete https://old.example/h"
            ],
            "q is not named in the file: untouched"
        );
    }

    /// `n` Atelio entries of profile `a`, four lines each plus a blank one: entry `i` is on
    /// line `5 * i + 1` and has the URL `https://x.example/{i}`.
    fn many(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "[[subscription]]\nprofile = \"a\"\nurl = \"https://x.example/{i}\"\nevents = [\"card.*\"]\n\n"
                )
            })
            .collect()
    }

    #[test]
    fn line_numbers_are_those_of_a_count_from_the_start() {
        let text = "a\n\nb\r\nc\n\n\nd";
        let lines = Lines::new(text);
        for offset in 0..text.len() + 3 {
            let counted = text[..offset.min(text.len())].matches('\n').count() + 1;
            assert_eq!(lines.of(offset), counted, "offset {offset}");
        }
        assert_eq!(Lines::new("").of(0), 1);
    }

    #[test]
    fn forty_thousand_entries_load_and_every_duplicate_is_reported() {
        const N: usize = 40_000;
        let text = many(N);
        let entries = load(&text, "w.toml", &cfg()).unwrap();
        assert_eq!(entries.len(), N);
        assert_eq!(
            (entries[N - 1].line, entries[N - 1].desired.url.as_str()),
            (5 * (N - 1) + 1, "https://x.example/39999")
        );
        // Every 4,000th URL again, after the others: each duplicate is named with both lines.
        let again: Vec<usize> = (0..N).step_by(4_000).collect();
        let mut text = text;
        for &i in &again {
            text.push_str(&format!(
                "[[subscription]]\nprofile = \"a\"\nurl = \"https://x.example/{i}\"\nevents = [\"card.*\"]\n\n"
            ));
        }
        let errs = load(&text, "w.toml", &cfg()).unwrap_err();
        assert_eq!(errs.len(), again.len(), "{errs:#?}");
        for (k, (err, &i)) in errs.iter().zip(&again).enumerate() {
            let line = 5 * (N + k) + 1;
            assert!(
                err.starts_with(&format!(
                    "w.toml:{line}: duplicate of line {}: profile 'a' already has url https://x.example/{i}",
                    5 * i + 1
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn a_large_plan_matches_each_entry_to_its_own_subscription() {
        const N: usize = 40_000;
        let entries = load(&many(N), "w.toml", &cfg()).unwrap();
        let card: Vec<String> = catalog::get(atelio())
            .expand(&["card.*"])
            .unwrap()
            .iter()
            .map(|e| e.name.clone())
            .collect();
        let card: Vec<&str> = card.iter().map(String::as_str).collect();
        // The even entries are live and in sync; two live subscriptions share the URL of
        // entry 1, out of sync: the first is updated, the second is left to --prune.
        let mut subs: Vec<Subscription> = (0..N)
            .step_by(2)
            .map(|i| sub(&format!("id{i}"), &format!("https://x.example/{i}"), &card))
            .collect();
        subs.push(sub(
            "first",
            "https://x.example/1",
            &["kyc.verification.success"],
        ));
        subs.push(sub("second", "https://x.example/1", &card));
        let live = BTreeMap::from([("a".to_string(), subs)]);
        let acts = plan(&entries, &live, true);
        let count = |k: &str| acts.iter().filter(|a| a.kind() == k).count();
        assert_eq!(
            (count("create"), count("update"), count("delete")),
            (N / 2 - 1, 1, 1)
        );
        assert!(
            acts.iter()
                .any(|a| a.kind() == "update" && a.id() == Some("first"))
        );
        assert!(
            acts.iter()
                .any(|a| a.kind() == "delete" && a.id() == Some("second"))
        );
        assert_eq!(acts[0].url(), "https://x.example/1", "in the file's order");
    }

    #[test]
    fn export_round_trips_through_plan() {
        let live = vec![sub(
            "1",
            "https://x.example/h",
            &catalog::get(atelio())
                .expand(&["card.*", "kyb.verification.error"])
                .unwrap()
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>(),
        )];
        let (desired, unknown) = export("a", atelio(), &live);
        assert!(unknown.is_empty());
        assert_eq!(desired[0].events, vec!["card.*", "kyb.verification.error"]);
        let text = to_toml(&desired);
        let entries = load(&text, "f", &cfg()).unwrap();
        let mut m = BTreeMap::new();
        m.insert("a".to_string(), live);
        assert!(plan(&entries, &m, true).is_empty(), "{text}");
    }
}
