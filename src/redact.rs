//! What whctl shows on stderr is scrubbed here: the credentials and secrets this run holds
//! (every [`crate::config::Secret`] registers itself, and so do identities), JSON fields named
//! like a secret in text quoted from a provider, and control characters, which are escaped so
//! that provider data cannot move the cursor, recolour or retitle the terminal.
//!
//! Output that exists to reveal a secret (`subscribe`, `rotate-secret`, `--show-secret`) goes
//! to stdout and is not touched.

use std::hash::BuildHasher;
use std::sync::{LazyLock, Mutex};

use foldhash::fast::RandomState;

/// Values shorter than this are not scrubbed (they would mangle ordinary words).
const MIN_LEN: usize = 6;

/// The registered values, one after another in one string (a list of 100,000 secrets makes
/// no allocation per secret).
///
/// A value registered again is found in a small cache of recent values by its hash (a long
/// list registers 100,000 secrets: a table of them all would be looked up at random, out of
/// the processor's cache, for each). What the cache misses is kept twice, until the values
/// outgrow twice what they were after the last compaction (and [`COMPACT_AT`]): then they
/// are made unique again. So the memory stays within about twice the distinct values, and
/// registering one costs a hash and an append.
struct Known {
    text: String,
    /// Where each value ends in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
    /// By the low bits of a value's hash: that hash, and the value's index in `ends` + 1
    /// (0: none).
    recent: Box<[(u64, usize)]>,
    hasher: RandomState,
    /// The length of `text` that makes the next compaction.
    compact_at: usize,
}

/// The slots of [`Known::recent`] (a power of two; 64 KiB).
const RECENT: usize = 4096;

/// `text` is never compacted below this length.
const COMPACT_AT: usize = 16 << 20;

impl Default for Known {
    fn default() -> Self {
        Known {
            text: String::new(),
            ends: Vec::new(),
            recent: vec![(0, 0); RECENT].into_boxed_slice(),
            hasher: RandomState::default(),
            compact_at: COMPACT_AT,
        }
    }
}

impl Known {
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn values(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    fn insert(&mut self, v: &str) {
        let h = self.hasher.hash_one(v);
        let slot = (h as usize) & (RECENT - 1);
        match self.recent[slot] {
            (hash, i) if hash == h && i > 0 && self.get(i - 1) == v => return,
            _ => {}
        }
        self.text.push_str(v);
        self.ends.push(self.text.len());
        self.recent[slot] = (h, self.ends.len());
        if self.text.len() > self.compact_at {
            self.compact();
        }
    }

    /// Keeps each value once (the first of each, in order).
    fn compact(&mut self) {
        let mut seen = std::collections::HashSet::with_capacity(self.ends.len());
        let mut text = String::with_capacity(self.text.len() / 2);
        let mut ends = Vec::new();
        for v in self.values() {
            if seen.insert(v) {
                text.push_str(v);
                ends.push(text.len());
            }
        }
        drop(seen);
        self.text = text;
        self.ends = ends;
        self.recent.fill((0, 0));
        self.compact_at = (self.text.len() * 2).max(COMPACT_AT);
    }
}

static KNOWN: LazyLock<Mutex<Known>> = LazyLock::new(Mutex::default);

/// Remembers a credential or secret so that it never reaches stderr.
pub fn register(value: &str) {
    let v = value.trim();
    if v.len() < MIN_LEN {
        return;
    }
    KNOWN.lock().unwrap_or_else(|e| e.into_inner()).insert(v);
}

/// Text for stderr: every registered value replaced by `[redacted]`, sensitive JSON fields
/// redacted, control characters escaped.
pub fn scrub(text: &str) -> String {
    let mut out = redact_fields(text);
    let known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    // Longest first, so that a value containing another is replaced whole.
    let mut values: Vec<&str> = known.values().filter(|v| v.len() <= out.len()).collect();
    values.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    values.dedup();
    for v in values {
        if out.contains(v) {
            out = out.replace(v, "[redacted]");
        }
    }
    escape_controls(&out)
}

/// Control characters (ESC, BEL, CR, other C0 and C1 codes) as visible escapes; newlines and
/// tabs are kept.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a JSON field name is one whose value is a credential or secret.
fn sensitive(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "secret",
        "token",
        "password",
        "passwd",
        "apikey",
        "api_key",
        "authorization",
    ]
    .iter()
    .any(|s| n.contains(s))
        || n == "key"
        || n.ends_with("_key")
        || n.ends_with("-key")
        || name.ends_with("Key")
}

/// Replaces the value of every `"name": value` whose name is sensitive with `"[redacted]"`.
/// Works on text that is not valid JSON too (a truncated or malformed body).
pub fn redact_fields(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        // A quoted string from i to its closing quote.
        let end = string_end(b, i);
        let closed = end > i + 1 && b[end - 1] == b'"';
        let name = &text[i + 1..if closed { end - 1 } else { end }];
        let mut j = end;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b':' && sensitive(name) {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let value_end = if j < b.len() && b[j] == b'"' {
                string_end(b, j)
            } else {
                let mut k = j;
                while k < b.len() && !matches!(b[k], b',' | b'}' | b']' | b'\n') {
                    k += 1;
                }
                k
            };
            if value_end > j {
                out.push_str(&text[copied..j]);
                out.push_str("\"[redacted]\"");
                copied = value_end;
            }
            i = value_end.max(j);
        } else {
            i = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The index just past the closing quote of the string starting at `start` (or the end).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut k = start + 1;
    while k < b.len() {
        match b[k] {
            b'\\' => k += 2,
            b'"' => return k + 1,
            _ => k += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_fields_are_redacted_in_valid_and_broken_json() {
        assert_eq!(
            redact_fields(r#"{"id": "a", "secret": "whsec_abc", "url": "u"}"#),
            r#"{"id": "a", "secret": "[redacted]", "url": "u"}"#
        );
        assert_eq!(
            redact_fields(r#"{"access_token":"t0k","apiKey": 123, "data": {"password" : "p\"w"}}"#),
            r#"{"access_token":"[redacted]","apiKey": "[redacted]", "data": {"password" : "[redacted]"}}"#
        );
        // Truncated: the value runs to the end.
        assert_eq!(
            redact_fields(r#"[{"id": "a", "secret": "whsec_abcdef"#),
            r#"[{"id": "a", "secret": "[redacted]""#
        );
        assert_eq!(redact_fields("plain text: secret"), "plain text: secret");
        assert_eq!(
            redact_fields(r#"{"events": ["a"], "url": "x"}"#),
            r#"{"events": ["a"], "url": "x"}"#
        );
    }

    #[test]
    fn a_value_registered_again_is_kept_once() {
        let mut k = Known::default();
        for v in [
            "whsec_one111",
            "whsec_two222",
            "whsec_one111",
            "whsec_one11",
        ] {
            k.insert(v);
        }
        let values: Vec<&str> = k.values().collect();
        assert_eq!(values, ["whsec_one111", "whsec_two222", "whsec_one11"]);
    }

    #[test]
    fn values_outgrowing_the_cache_are_compacted_to_each_once() {
        let mut k = Known::default();
        let distinct: Vec<String> = (0..3 * RECENT).map(|i| format!("whsec_{i:08}")).collect();
        // Registered over and over, more of them than the cache holds.
        let mut registered = 0;
        while registered < 3 * COMPACT_AT {
            for v in &distinct {
                k.insert(v);
                registered += v.len();
            }
        }
        let size = distinct.iter().map(String::len).sum::<usize>();
        assert!(
            k.text.len() <= COMPACT_AT.max(2 * size) + size,
            "{} bytes kept for {size} distinct",
            k.text.len()
        );
        k.compact();
        assert_eq!(k.values().collect::<Vec<_>>(), distinct);
    }

    #[test]
    fn registered_values_and_control_characters_are_scrubbed() {
        register("SCRUB-ME-9f8e7d");
        register("short");
        let s = scrub("key SCRUB-ME-9f8e7d echoed \u{1b}]0;title\u{7} short\r\n");
        assert!(!s.contains("SCRUB-ME-9f8e7d"), "{s}");
        assert!(s.contains("[redacted]"));
        assert!(s.contains("short"), "short values are left alone: {s}");
        assert!(
            !s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\r'),
            "{s:?}"
        );
        assert!(s.ends_with('\n'));
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn never_panics_and_never_keeps_a_control_character(s in ".{0,200}") {
            let out = scrub(&s);
            prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            let _ = redact_fields(&s);
        }
    }
}
