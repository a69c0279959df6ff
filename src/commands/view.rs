//! How subscriptions look: the contract's JSON and the table columns.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog;
use crate::output::{Fit, LazySeq, Pretty, Render, pretty};
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

fn secret_json(s: &Subscription, reveal: bool) -> Option<Cow<'_, str>> {
    match &s.secret {
        Some(sec) if reveal => Some(Cow::Borrowed(sec.expose())),
        Some(sec) => Some(Cow::Owned(sec.masked())),
        None => None,
    }
}

/// A subscription in the contract's JSON shape, fields in the contract's order, borrowed
/// from the subscription: long lists are written from these one by one, with no map built.
#[derive(Serialize)]
pub struct SubscriptionJson<'a> {
    id: &'a str,
    provider: &'static str,
    profile: &'a str,
    url: &'a str,
    description: &'a Option<String>,
    events: &'a [String],
    status: &'static str,
    secret: Option<Cow<'a, str>>,
    created_at: &'a Option<String>,
    updated_at: &'a Option<String>,
}

impl<'a> SubscriptionJson<'a> {
    pub fn new(
        provider: ProviderKind,
        profile: &'a str,
        s: &'a Subscription,
        reveal: bool,
    ) -> Self {
        SubscriptionJson {
            id: &s.id,
            provider: provider.name(),
            profile,
            url: &s.url,
            description: &s.description,
            events: &s.events,
            status: status(s.enabled),
            secret: secret_json(s, reveal),
            created_at: &s.created_at,
            updated_at: &s.updated_at,
        }
    }
}

impl Pretty for SubscriptionJson<'_> {
    /// The same fields in the same order as the derived `Serialize` (a test compares them).
    fn write_pretty(&self, out: &mut Vec<u8>, level: usize) {
        out.push(b'{');
        pretty::key(out, level, true, "id");
        pretty::string(out, self.id);
        pretty::key(out, level, false, "provider");
        pretty::string(out, self.provider);
        pretty::key(out, level, false, "profile");
        pretty::string(out, self.profile);
        pretty::key(out, level, false, "url");
        pretty::string(out, self.url);
        pretty::key(out, level, false, "description");
        pretty::opt_string(out, self.description.as_deref());
        pretty::key(out, level, false, "events");
        pretty::strings(out, level + 1, self.events);
        pretty::key(out, level, false, "status");
        pretty::string(out, self.status);
        pretty::key(out, level, false, "secret");
        pretty::opt_string(out, self.secret.as_deref());
        pretty::key(out, level, false, "created_at");
        pretty::opt_string(out, self.created_at.as_deref());
        pretty::key(out, level, false, "updated_at");
        pretty::opt_string(out, self.updated_at.as_deref());
        pretty::end_object(out, level);
    }
}

/// A subscription in the contract's JSON shape, as a value (the same fields in the same
/// order as [`SubscriptionJson`], which it is built from).
pub fn subscription_json(
    provider: ProviderKind,
    profile: &str,
    s: &Subscription,
    reveal: bool,
) -> Value {
    serde_json::to_value(SubscriptionJson::new(provider, profile, s, reveal))
        .expect("a subscription serialises")
}

/// The events of a subscription, whole groups folded into `group.*`.
pub fn events_summary(provider: ProviderKind, s: &Subscription) -> String {
    catalog::get(provider).summarise(&s.events).join(", ")
}

/// The secret as a table shows it: masked unless revealed, `-` when there is none.
fn secret_cell(s: &Subscription, reveal: bool) -> String {
    secret_json(s, reveal).map_or_else(|| "-".to_string(), Cow::into_owned)
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

    fn one<'s>(&'s self, s: &'s Subscription) -> SubscriptionJson<'s> {
        SubscriptionJson::new(self.provider, self.profile, s, self.reveal)
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
        let items = LazySeq::new(&self.items, |(profile, p, s)| {
            SubscriptionJson::new(*p, profile, s, self.reveal)
        });
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, w);
        serde_json::to_writer_pretty(&mut w, &items)?;
        std::io::Write::flush(&mut w).map_err(serde_json::Error::io)
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
        // Buffered here too: serde_json writes token by token, and `w` is a trait object.
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, w);
        serde_json::to_writer_pretty(&mut w, &LazySeq::new(self.items, |s| self.one(s)))?;
        std::io::Write::flush(&mut w).map_err(serde_json::Error::io)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    fn sub(id: &str, secret: Option<&str>) -> Subscription {
        Subscription {
            id: id.into(),
            url: format!("https://example.com/{id}"),
            description: None,
            events: vec!["card.created".into(), "quote\"d\n".into()],
            enabled: false,
            secret: secret.map(Secret::new),
            created_at: Some("2026-11-24T10:00:00".into()),
            updated_at: None,
        }
    }

    proptest::proptest! {
        /// The fast writer writes what serde_json's pretty printer writes, escapes and all.
        #[test]
        fn pretty_json_is_serde_jsons(
            id in "\\PC{0,8}|[\"\\\\\u{0}-\u{1f}\u{7f}é😀/]{0,6}",
            url in "\\PC{0,8}",
            description in proptest::option::of("[a-z\"\\\\\n\t\u{1}\u{2028}]{0,6}"),
            events in proptest::collection::vec("[a-z.*\"\\\\\u{0}]{0,6}", 0..4),
            enabled: bool,
            secret in proptest::option::of("[a-zA-Z0-9_\\\\é]{0,20}"),
            created in proptest::option::of("\\PC{0,8}"),
            reveal: bool,
            level in 0usize..3,
        ) {
            let provider = crate::providers::registry().kinds().next().unwrap();
            let s = Subscription {
                id, url, description, events, enabled,
                secret: secret.map(Secret::new),
                created_at: created.clone(),
                updated_at: created.map(|c| c + "x"),
            };
            let json = SubscriptionJson::new(provider, "pro\"file", &s, reveal);
            // Nested `level` times, as serde_json would write it there.
            let mut want = serde_json::to_string_pretty(&json).unwrap();
            let mut fast = Vec::new();
            json.write_pretty(&mut fast, level);
            for _ in 0..level {
                want = want.replace('\n', "\n  ");
            }
            proptest::prop_assert_eq!(String::from_utf8(fast).unwrap(), want);
        }
    }

    #[test]
    fn the_list_is_written_as_the_json_view_prints_it() {
        let provider = crate::providers::registry().kinds().next().unwrap();
        let items = [sub("a1", Some("whsec_abcdefghijklmnop")), sub("a2", None)];
        for reveal in [false, true] {
            let list = Subscriptions {
                provider,
                profile: "p",
                items: &items,
                reveal,
                single: false,
            };
            let mut written = Vec::new();
            list.write_json(&mut written).unwrap();
            let expected = serde_json::to_string_pretty(&list.json()).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), expected);
            let json = list.json();
            let keys: Vec<&String> = json[0].as_object().unwrap().keys().collect();
            assert_eq!(
                keys,
                [
                    "id",
                    "provider",
                    "profile",
                    "url",
                    "description",
                    "events",
                    "status",
                    "secret",
                    "created_at",
                    "updated_at"
                ]
            );
        }
    }
}
