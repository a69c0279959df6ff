//! How subscriptions look: the contract's JSON and the table columns.

use serde_json::{Value, json};

use crate::catalog;
use crate::output::{Fit, LazySeq, Render};
use crate::providers::{ProviderKind, Subscription};

/// One or more subscriptions of one profile.
pub struct Subscriptions<'a> {
    pub provider: ProviderKind,
    pub profile: &'a str,
    pub items: &'a [Subscription],
    /// Show secrets in full (`subscribe`, `rotate-secret`, `--show-secret`).
    pub reveal: bool,
    /// One object rather than an array in JSON, and a field/value table.
    pub single: bool,
}

pub fn status(enabled: bool) -> &'static str {
    if enabled { "enabled" } else { "disabled" }
}

fn secret_json(s: &Subscription, reveal: bool) -> Value {
    match &s.secret {
        Some(sec) if reveal => json!(sec.expose()),
        Some(sec) => json!(sec.masked()),
        None => Value::Null,
    }
}

/// A subscription in the contract's JSON shape.
pub fn subscription_json(
    provider: ProviderKind,
    profile: &str,
    s: &Subscription,
    reveal: bool,
) -> Value {
    json!({
        "id": s.id,
        "provider": provider.name(),
        "profile": profile,
        "url": s.url,
        "description": s.description,
        "events": s.events,
        "status": status(s.enabled),
        "secret": secret_json(s, reveal),
        "created_at": s.created_at,
        "updated_at": s.updated_at,
    })
}

/// The events of a subscription, whole groups folded into `group.*`.
pub fn events_summary(provider: ProviderKind, s: &Subscription) -> String {
    catalog::get(provider).summarise(&s.events).join(", ")
}

/// The secret as a table shows it: masked unless revealed, `-` when there is none.
fn secret_cell(s: &Subscription, reveal: bool) -> String {
    match secret_json(s, reveal) {
        Value::String(v) => v,
        _ => "-".to_string(),
    }
}

/// The columns of a list of subscriptions after `leading` (profile, provider): ids and URLs
/// whole, the events cut between names, the secret (with `--show-secret`) whole, and the
/// creation time left out first.
fn list_columns(leading: &[&'static str], reveal: bool) -> (Vec<&'static str>, Vec<Fit>) {
    let mut headers = leading.to_vec();
    let mut fits = vec![Fit::Whole; leading.len()];
    headers.extend(["ID", "URL", "EVENTS", "STATUS"]);
    fits.extend([Fit::Whole, Fit::Whole, Fit::Words, Fit::Whole]);
    if reveal {
        headers.push("SECRET");
        fits.push(Fit::Whole);
    }
    headers.push("CREATED");
    fits.push(Fit::Drop);
    (headers, fits)
}

/// One subscription's cells under [`list_columns`] (after the leading ones).
fn list_cells(row: &mut Vec<String>, s: &Subscription, events: String, reveal: bool) {
    row.extend([
        s.id.clone(),
        s.url.clone(),
        events,
        status(s.enabled).into(),
    ]);
    if reveal {
        row.push(secret_cell(s, true));
    }
    row.push(s.created_at.clone().unwrap_or_default());
}

impl Subscriptions<'_> {
    pub fn one_json(&self, s: &Subscription) -> Value {
        subscription_json(self.provider, self.profile, s, self.reveal)
    }

    fn events_summary(&self, s: &Subscription) -> String {
        events_summary(self.provider, s)
    }
}

/// Subscriptions of several profiles (`list --all-profiles`).
pub struct Across {
    pub items: Vec<(String, ProviderKind, Subscription)>,
    pub reveal: bool,
}

impl Render for Across {
    fn headers(&self) -> Vec<&'static str> {
        list_columns(&["PROFILE", "PROVIDER"], self.reveal).0
    }
    fn fits(&self) -> Vec<Fit> {
        list_columns(&["PROFILE", "PROVIDER"], self.reveal).1
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.items
            .iter()
            .map(|(profile, p, s)| {
                let mut row = vec![profile.clone(), p.to_string()];
                list_cells(&mut row, s, events_summary(*p, s), self.reveal);
                row
            })
            .collect()
    }
    fn json(&self) -> Value {
        Value::Array(
            self.items
                .iter()
                .map(|(profile, p, s)| subscription_json(*p, profile, s, self.reveal))
                .collect(),
        )
    }
    fn ids(&self) -> Vec<String> {
        self.items.iter().map(|(_, _, s)| s.id.clone()).collect()
    }

    fn write_json(&self, w: &mut dyn std::io::Write) -> serde_json::Result<()> {
        let one = |(profile, p, s): &(String, ProviderKind, Subscription)| {
            subscription_json(*p, profile, s, self.reveal)
        };
        serde_json::to_writer_pretty(w, &LazySeq(&self.items, one))
    }
}

impl Render for Subscriptions<'_> {
    fn headers(&self) -> Vec<&'static str> {
        if self.single {
            vec!["FIELD", "VALUE"]
        } else {
            list_columns(&[], self.reveal).0
        }
    }

    fn fits(&self) -> Vec<Fit> {
        if self.single {
            vec![Fit::Key, Fit::Wrap]
        } else {
            list_columns(&[], self.reveal).1
        }
    }

    fn rows(&self) -> Vec<Vec<String>> {
        if self.single
            && let Some(s) = self.items.first()
        {
            let secret = secret_cell(s, self.reveal);
            return vec![
                vec!["id".into(), s.id.clone()],
                vec!["provider".into(), self.provider.to_string()],
                vec!["profile".into(), self.profile.to_string()],
                vec!["url".into(), s.url.clone()],
                vec![
                    "description".into(),
                    s.description.clone().unwrap_or_default(),
                ],
                vec!["events".into(), self.events_summary(s)],
                vec!["status".into(), status(s.enabled).into()],
                vec!["secret".into(), secret],
                vec!["created".into(), s.created_at.clone().unwrap_or_default()],
                vec!["updated".into(), s.updated_at.clone().unwrap_or_default()],
            ];
        }
        self.items
            .iter()
            .map(|s| {
                let mut row = Vec::with_capacity(6);
                list_cells(&mut row, s, self.events_summary(s), self.reveal);
                row
            })
            .collect()
    }

    fn json(&self) -> Value {
        if self.single
            && let Some(s) = self.items.first()
        {
            return self.one_json(s);
        }
        Value::Array(self.items.iter().map(|s| self.one_json(s)).collect())
    }

    fn ids(&self) -> Vec<String> {
        self.items.iter().map(|s| s.id.clone()).collect()
    }

    fn write_json(&self, w: &mut dyn std::io::Write) -> serde_json::Result<()> {
        if self.single {
            return serde_json::to_writer_pretty(w, &self.json());
        }
        serde_json::to_writer_pretty(w, &LazySeq(self.items, |s: &Subscription| self.one_json(s)))
    }
}

/// What `--dry-run` prints: the requests, credentials redacted.
pub struct DryRun<'a>(pub &'a [crate::http::Request]);

impl Render for DryRun<'_> {
    fn headers(&self) -> Vec<&'static str> {
        vec!["METHOD", "URL", "BODY"]
    }
    fn fits(&self) -> Vec<Fit> {
        vec![Fit::Whole, Fit::Whole, Fit::Wrap]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .iter()
            .map(|r| {
                vec![
                    r.method.to_string(),
                    r.url.clone(),
                    r.body
                        .as_ref()
                        .map(|b| serde_json::to_string_pretty(b).unwrap_or_default())
                        .unwrap_or_default(),
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        json!({
            "dry_run": true,
            "requests": self.0.iter().map(|r| json!({
                "method": r.method.as_str(),
                "url": r.url,
                "headers": r.headers.iter().map(|(n, v, secret)| {
                    (n.clone(), json!(if *secret { "[redacted]" } else { v.as_str() }))
                }).collect::<serde_json::Map<_, _>>(),
                "body": r.body,
            })).collect::<Vec<_>>(),
        })
    }
}
