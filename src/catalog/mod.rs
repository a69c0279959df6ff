//! Event catalogs for every provider, embedded as data files, and the pattern engine that
//! expands `card.*`-style patterns against them.
//!
//! A catalog is parsed the first time it is needed (one small JSON file per provider, named
//! by the provider's [`Spec`](crate::spec::Spec)). This module knows no provider: what it
//! needs of one comes with its [`ProviderKind`].

pub mod pattern;

use std::collections::BTreeSet;
use std::sync::{OnceLock, RwLock};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::spec::{EventFields, Fresh, ProviderKind};
pub use pattern::{Pattern, PatternError};

/// One event a provider can send.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Event {
    pub name: String,
    pub group: String,
    pub description: String,
    /// Prune's numeric event code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    /// A delivery body as the provider's documentation shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<serde_json::Value>,
}

impl Event {
    /// Whether `name` names this event: its name in any letter case, or Prune's numeric code.
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        self.name.eq_ignore_ascii_case(name) || self.code.is_some_and(|c| c.to_string() == name)
    }
}

/// One provider's events, in the order its documentation lists them.
#[derive(Debug)]
pub struct Catalog {
    pub provider: ProviderKind,
    /// Bare names the provider documents as standing for a set of events
    /// (e.g. `card` → `card.*`, `all` → `*`).
    classes: serde_json::Map<String, serde_json::Value>,
    pub events: Vec<Event>,
    /// [`Catalog::prefixes`], worked out on first use: tables summarise every row with them.
    prefixes: OnceLock<Vec<(String, Vec<String>)>>,
}

/// A catalog file.
#[derive(Deserialize)]
struct File {
    #[serde(default)]
    classes: serde_json::Map<String, serde_json::Value>,
    events: Vec<Event>,
}

/// Parses a catalog file (`Spec::catalog`).
pub fn parse(provider: ProviderKind, json: &str) -> Result<Catalog, serde_json::Error> {
    let f: File = serde_json::from_str(json)?;
    Ok(Catalog {
        provider,
        classes: f.classes,
        events: f.events,
        prefixes: OnceLock::new(),
    })
}

/// The catalog of one provider, parsed once per run.
pub fn get(p: ProviderKind) -> &'static Catalog {
    static PARSED: RwLock<Vec<&'static Catalog>> = RwLock::new(Vec::new());
    let find = |v: &[&'static Catalog]| v.iter().copied().find(|c| c.provider == p);
    if let Some(c) = find(&PARSED.read().unwrap_or_else(|e| e.into_inner())) {
        return c;
    }
    let mut parsed = PARSED.write().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = find(&parsed) {
        return c;
    }
    let c: &'static Catalog =
        Box::leak(Box::new(parse(p, p.spec().catalog).unwrap_or_else(|e| {
            panic!("embedded catalog for {p} is invalid: {e}")
        })));
    parsed.push(c);
    c
}

/// A pattern checked against a catalog: what it matched, and the form to send.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The pattern as the provider spells it (exact names in the catalog's spelling,
    /// class names as documented, wildcards in the catalog's letter case).
    pub canonical: String,
    pub pattern: Pattern,
    /// Set when the pattern is one of the provider's documented class names.
    pub class: Option<String>,
    /// Indices into the catalog's events.
    pub matches: Vec<usize>,
}

impl Catalog {
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.is_named(name))
    }

    /// The documented class names and the pattern each stands for.
    pub fn classes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.classes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
    }

    fn upper_case(&self) -> bool {
        self.events
            .first()
            .is_some_and(|e| e.name.chars().any(|c| c.is_ascii_uppercase()))
    }

    /// Checks one pattern. One that matches nothing is a usage error naming the closest events.
    pub fn resolve(&self, raw: &str) -> Result<Resolved, Error> {
        let trimmed = raw.trim();
        if let Some((class, pat)) = self
            .classes()
            .find(|(k, _)| k.eq_ignore_ascii_case(trimmed))
        {
            let pattern = Pattern::parse(pat).map_err(|e| Error::usage(e.to_string()))?;
            return Ok(Resolved {
                canonical: class.to_string(),
                matches: self.matching(&pattern),
                pattern,
                class: Some(class.to_string()),
            });
        }
        let pattern = Pattern::parse(raw).map_err(|e| Error::usage(e.to_string()))?;
        // Prune's numeric codes stand for their events.
        if let Pattern::Exact(name) = &pattern
            && let Some(i) = self.events.iter().position(|e| e.is_named(name))
        {
            return Ok(Resolved {
                canonical: self.events[i].name.clone(),
                pattern,
                class: None,
                matches: vec![i],
            });
        }
        let matches = self.matching(&pattern);
        if matches.is_empty() {
            return Err(self.no_match(trimmed));
        }
        let canonical = if self.upper_case() {
            pattern.to_string().to_ascii_uppercase()
        } else {
            pattern.to_string().to_ascii_lowercase()
        };
        Ok(Resolved {
            canonical,
            pattern,
            class: None,
            matches,
        })
    }

    fn matching(&self, pattern: &Pattern) -> Vec<usize> {
        self.events
            .iter()
            .enumerate()
            .filter(|(_, e)| pattern.matches(&e.name))
            .map(|(i, _)| i)
            .collect()
    }

    /// Checks every pattern and returns the union of their events, in catalog order.
    pub fn expand<S: AsRef<str>>(&self, patterns: &[S]) -> Result<Vec<&Event>, Error> {
        let mut hit = vec![false; self.events.len()];
        for p in patterns {
            for i in self.resolve(p.as_ref())?.matches {
                hit[i] = true;
            }
        }
        Ok(self
            .events
            .iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(e, _)| e)
            .collect())
    }

    /// The group prefixes (`card.`) of the catalog, each with its events.
    fn prefixes(&self) -> &[(String, Vec<String>)] {
        self.prefixes.get_or_init(|| {
            let mut out: Vec<(String, Vec<String>)> = Vec::new();
            for e in &self.events {
                if let Some((head, _)) = e.name.split_once('.') {
                    let prefix = format!("{head}.");
                    match out.iter_mut().find(|(p, _)| *p == prefix) {
                        Some((_, v)) => v.push(e.name.clone()),
                        None => out.push((prefix, vec![e.name.clone()])),
                    }
                }
            }
            out
        })
    }

    /// Shortens a list of event names for display: a whole group becomes `group.*`, every
    /// event `*`. Names the catalog does not know are kept as they are.
    pub fn summarise(&self, names: &[String]) -> Vec<String> {
        let set: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        if !self.events.is_empty() && self.events.iter().all(|e| set.contains(e.name.as_str())) {
            let mut out = vec!["*".to_string()];
            out.extend(names.iter().filter(|n| self.event(n).is_none()).cloned());
            return out;
        }
        let mut covered: BTreeSet<&str> = BTreeSet::new();
        let mut out = Vec::new();
        for (prefix, members) in self.prefixes() {
            if members.len() > 1 && members.iter().all(|m| set.contains(m.as_str())) {
                out.push(format!("{prefix}*"));
                covered.extend(members.iter().map(String::as_str));
            }
        }
        for n in names {
            if !covered.contains(n.as_str()) {
                out.push(n.clone());
            }
        }
        out
    }

    fn no_match(&self, raw: &str) -> Error {
        let mut msg = format!(
            "pattern '{raw}' matches no {} event; closest: {}",
            self.provider,
            closest(&[self], raw).join(", ")
        );
        let elsewhere: Vec<&str> = self
            .provider
            .registry()
            .kinds()
            .filter(|p| *p != self.provider && get(*p).resolve_quiet(raw))
            .map(ProviderKind::name)
            .collect();
        if !elsewhere.is_empty() {
            msg.push_str(&format!(" (it matches {} events)", elsewhere.join(", ")));
        }
        msg.push_str(&format!(
            "; see `whctl events list --provider {}`",
            self.provider
        ));
        Error::usage(msg)
    }

    /// Whether the pattern matches something here, without building an error.
    fn resolve_quiet(&self, raw: &str) -> bool {
        self.classes()
            .any(|(k, _)| k.eq_ignore_ascii_case(raw.trim()))
            || Pattern::parse(raw).is_ok_and(|pat| {
                self.events
                    .iter()
                    .any(|e| pat.matches(&e.name) || e.is_named(raw))
            })
    }
}

/// The three candidates (group patterns, event names, class names) nearest to `raw` by edit
/// distance, over the given catalogs.
fn closest(catalogs: &[&Catalog], raw: &str) -> Vec<String> {
    let needle = raw.trim().to_ascii_lowercase();
    let mut candidates: BTreeSet<String> = BTreeSet::new();
    for c in catalogs {
        candidates.extend(c.prefixes().iter().map(|(p, _)| format!("{p}*")));
        candidates.extend(c.events.iter().map(|e| e.name.clone()));
        candidates.extend(c.classes().map(|(k, _)| k.to_string()));
    }
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&needle, &c.to_ascii_lowercase()), c))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Checks patterns against every provider: each must match at least one provider's events.
/// Returns, per provider, the union of what matched (all events when `patterns` is empty).
pub fn expand_everywhere<S: AsRef<str>>(
    providers: impl IntoIterator<Item = ProviderKind>,
    patterns: &[S],
) -> Result<Vec<(ProviderKind, &'static Event)>, Error> {
    let all: Vec<&'static Catalog> = providers.into_iter().map(get).collect();
    for p in patterns {
        let p = p.as_ref();
        Pattern::parse(p).map_err(|e| Error::usage(e.to_string()))?;
        if !all.iter().any(|c| c.resolve_quiet(p)) {
            return Err(Error::usage(format!(
                "pattern '{p}' matches no event of any provider; closest: {}; see `whctl events list`",
                closest(&all, p).join(", ")
            )));
        }
    }
    let mut rows = Vec::new();
    for c in all {
        if patterns.is_empty() {
            rows.extend(c.events.iter().map(|e| (c.provider, e)));
            continue;
        }
        let matching: Vec<&str> = patterns
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| c.resolve_quiet(p))
            .collect();
        if !matching.is_empty() {
            rows.extend(c.expand(&matching)?.into_iter().map(|e| (c.provider, e)));
        }
    }
    Ok(rows)
}

/// A delivery body for `event` in the provider's envelope: the catalog's sample where the
/// documentation shows one, else the envelope's minimal body. The envelope's fresh fields
/// (those receivers use to drop duplicates) are set anew, so two triggers are two deliveries.
pub fn delivery(
    p: ProviderKind,
    event: &Event,
    now_rfc3339: &str,
    unique: &str,
) -> serde_json::Value {
    let envelope = &p.spec().envelope;
    let mut body = event.sample.clone().unwrap_or_else(|| {
        (envelope.minimal)(&EventFields {
            name: &event.name,
            group: &event.group,
            description: &event.description,
            code: event.code,
            now: now_rfc3339,
        })
    });
    if let Some(obj) = body.as_object_mut() {
        for (field, fresh) in envelope.fresh {
            let value = match fresh {
                Fresh::Now => now_rfc3339.to_string(),
                Fresh::Id(prefix) => format!("{prefix}{unique}"),
            };
            obj.insert(field.to_string(), serde_json::Value::String(value));
        }
    }
    body
}

/// The event a delivery body of provider `p` names (its envelope's event field).
pub fn event_of(p: ProviderKind, body: &serde_json::Value) -> Option<String> {
    body.get(p.spec().envelope.event_field)
        .and_then(serde_json::Value::as_str)
        .map(String::from)
}

/// Splits `--events` values: each may hold several patterns separated by commas.
pub fn split_patterns<S: AsRef<str>>(values: &[S]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.as_ref().split(','))
        .map(|s| s.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    //! Against the made-up providers of [`crate::spec::testing`]: the real catalogs are
    //! tested in their providers' modules.
    use super::*;
    use crate::spec::testing::{alpha, beta};

    fn names(p: ProviderKind, pats: &[&str]) -> Vec<String> {
        get(p)
            .expand(pats)
            .unwrap()
            .into_iter()
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn wildcards_expand_and_the_union_is_deduplicated_in_catalog_order() {
        assert_eq!(names(alpha(), &["card.*"]), ["card.created", "card.closed"]);
        assert_eq!(names(alpha(), &["card*"]), names(alpha(), &["card.*"]));
        assert_eq!(
            names(alpha(), &["card.closed", "*.passed", "card.*"]),
            ["card.created", "card.closed", "kyc.passed"]
        );
        assert_eq!(names(alpha(), &["*"]).len(), 3);
    }

    #[test]
    fn class_names_expand_and_are_only_the_providers_own() {
        let r = get(beta()).resolve("ALL").unwrap();
        assert_eq!(r.canonical, "all");
        assert_eq!(r.class.as_deref(), Some("all"));
        assert_eq!(r.matches, vec![0]);
        assert!(get(alpha()).resolve("all").is_err());
    }

    #[test]
    fn no_match_names_the_closest_events() {
        let err = get(alpha()).resolve("crad.*").unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::Usage);
        assert!(err.message.contains("closest: card.*"), "{}", err.message);
        assert!(err.message.contains("--provider alpha"), "{}", err.message);
    }

    #[test]
    fn another_providers_pattern_is_refused_with_a_hint() {
        let err = get(alpha()).resolve("PAYMENT_SENT").unwrap_err();
        assert!(
            err.message.contains("matches beta events"),
            "{}",
            err.message
        );
        let err = get(beta()).resolve("kyc.*").unwrap_err();
        assert!(
            err.message.contains("matches alpha events"),
            "{}",
            err.message
        );
    }

    #[test]
    fn canonical_spelling_follows_the_catalog() {
        assert_eq!(get(alpha()).resolve("CARD.*").unwrap().canonical, "card.*");
        assert_eq!(
            get(beta()).resolve("payment_*").unwrap().canonical,
            "PAYMENT_*"
        );
        assert_eq!(get(beta()).resolve("7").unwrap().canonical, "PAYMENT_SENT");
        assert_eq!(
            get(alpha()).resolve(" Card.Created ").unwrap().canonical,
            "card.created"
        );
    }

    #[test]
    fn bad_patterns_are_usage_errors() {
        for p in ["", "  ", "**", "card.*.x", "card kyc"] {
            let err = get(alpha()).resolve(p).unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::Usage, "{p:?}");
        }
    }

    #[test]
    fn summarise_folds_whole_groups() {
        let c = get(alpha());
        let mut evs = names(alpha(), &["card.*"]);
        assert_eq!(c.summarise(&evs), vec!["card.*"]);
        evs.push("brand.new".into());
        assert_eq!(c.summarise(&evs), vec!["card.*", "brand.new"]);
        let all: Vec<String> = c.events.iter().map(|e| e.name.clone()).collect();
        assert_eq!(c.summarise(&all), vec!["*"]);
    }

    #[test]
    fn expand_everywhere_checks_each_pattern_somewhere() {
        let kinds = [alpha(), beta()];
        let rows = expand_everywhere(kinds, &["card.*", "PAYMENT_*"]).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].0, beta());
        assert!(expand_everywhere(kinds, &["nope.*"]).is_err());
        assert_eq!(expand_everywhere(kinds, &[] as &[&str]).unwrap().len(), 4);
    }

    #[test]
    fn deliveries_use_the_envelope_and_make_its_fields_fresh() {
        let e = &get(alpha()).events[0];
        let body = delivery(alpha(), e, "2026-01-01T00:00:00Z", "u1");
        assert_eq!(
            body,
            serde_json::json!({"type": "card.created", "at": "2026-01-01T00:00:00Z"})
        );
        let e = &get(beta()).events[0];
        let body = delivery(beta(), e, "now", "u2");
        assert_eq!(body["id"], "evt_u2");
        assert_eq!(body["type"], "PAYMENT_SENT");
    }

    #[test]
    fn split_patterns_accepts_commas() {
        assert_eq!(
            split_patterns(&["card.*,kyc.*", "transactions"]),
            vec!["card.*", "kyc.*", "transactions"]
        );
    }
}
