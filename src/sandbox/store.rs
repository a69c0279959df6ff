//! The sandbox's state: per provider, its credentials, subscriptions, login tokens and
//! idempotency keys; saved whole to the `--state` file (0600, atomic) after every change.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{MAX_IDEMPOTENCY_KEYS, MAX_SUBSCRIPTIONS, MAX_TOKENS};
use crate::error::Error;

/// Everything the sandbox keeps, by provider name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    /// The format of the file.
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub providers: BTreeMap<String, ProviderState>,
}

fn version() -> u32 {
    1
}

/// One provider's part of the sandbox.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProviderState {
    /// Credential field (`api_key`, `identity`…) → the value the sandbox accepts.
    #[serde(default)]
    pub credentials: BTreeMap<String, String>,
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    /// Login tokens handed out, with their expiry (unix seconds).
    #[serde(default)]
    pub tokens: Vec<Token>,
    /// Idempotency key → the id of the subscription its create made.
    #[serde(default)]
    pub idempotency: Vec<(String, String)>,
    /// A counter for ids.
    #[serde(default)]
    pub next: u64,
}

/// A webhook subscription, as the sandbox keeps it whatever the provider's wire shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub url: String,
    #[serde(default)]
    pub description: String,
    /// As the provider stores them (names, documented class names, or `*`).
    #[serde(default)]
    pub events: Vec<String>,
    pub enabled: bool,
    /// The signing secret; `None`: deliveries go unsigned.
    #[serde(default)]
    pub secret: Option<String>,
    pub created: String,
    pub updated: String,
    /// Provider-specific fields kept as they were sent (a program id, custom headers…).
    #[serde(default)]
    pub extra: Map<String, Value>,
}

/// A bearer token and when it stops working.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    pub value: String,
    pub expires: i64,
}

/// The sandbox holds as many subscriptions of a provider as it will.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the sandbox holds at most {MAX_SUBSCRIPTIONS} subscriptions per provider: delete some first"
        )
    }
}

impl ProviderState {
    /// A fresh number for an id.
    pub fn next_number(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    pub fn get(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| s.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Subscription> {
        self.subscriptions.iter_mut().find(|s| s.id == id)
    }

    /// Adds a subscription, unless the provider's share is full.
    pub fn insert(&mut self, s: Subscription) -> Result<(), Full> {
        if self.subscriptions.len() >= MAX_SUBSCRIPTIONS {
            return Err(Full);
        }
        self.subscriptions.push(s);
        Ok(())
    }

    pub fn remove(&mut self, id: &str) -> Option<Subscription> {
        let i = self.subscriptions.iter().position(|s| s.id == id)?;
        Some(self.subscriptions.remove(i))
    }

    /// Hands out a token valid `lifetime` seconds from `now`; the oldest go past
    /// [`MAX_TOKENS`], and expired ones are dropped.
    pub fn issue_token(&mut self, lifetime: i64, now: i64) -> String {
        self.tokens.retain(|t| t.expires > now);
        while self.tokens.len() >= MAX_TOKENS {
            self.tokens.remove(0);
        }
        let value = format!("sbx_tok_{:032x}", rand::random::<u128>());
        self.tokens.push(Token {
            value: value.clone(),
            expires: now.saturating_add(lifetime),
        });
        value
    }

    /// Whether `token` was handed out and has not expired.
    pub fn token_valid(&self, token: &str, now: i64) -> bool {
        self.tokens
            .iter()
            .any(|t| t.value == token && t.expires > now)
    }

    /// The subscription a create with this idempotency key made, if it still exists.
    pub fn recall(&self, key: &str) -> Option<&Subscription> {
        let (_, id) = self.idempotency.iter().find(|(k, _)| k == key)?;
        self.get(id)
    }

    /// Remembers which subscription a key's create made (the oldest keys go first).
    pub fn remember(&mut self, key: &str, id: &str) {
        while self.idempotency.len() >= MAX_IDEMPOTENCY_KEYS {
            self.idempotency.remove(0);
        }
        self.idempotency.push((key.to_string(), id.to_string()));
    }
}

/// Reads a state file; one that does not exist is an empty state.
pub fn load(path: &Path) -> Result<State, Error> {
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read the sandbox state {}: {e}",
                path.display()
            )));
        }
    };
    serde_json::from_slice(&text).map_err(|e| {
        Error::config(format!(
            "the sandbox state {} is not a whctl sandbox state file ({e}): move it away or name another --state",
            path.display()
        ))
    })
}

/// Writes a state file: 0600, atomically (a crash leaves the old file or the new one).
pub fn save(path: &Path, state: &State) -> Result<(), Error> {
    let text = serde_json::to_vec_pretty(state).map_err(|e| Error::config(e.to_string()))?;
    crate::config::write_private(path, &text).map_err(|e| {
        Error::config(format!(
            "cannot write the sandbox state {}: {e}",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: &str) -> Subscription {
        Subscription {
            id: id.into(),
            url: "http://127.0.0.1:9/h".into(),
            enabled: true,
            ..Default::default()
        }
    }

    #[test]
    fn subscriptions_tokens_and_keys_are_bounded() {
        let mut p = ProviderState::default();
        for i in 0..MAX_SUBSCRIPTIONS {
            p.insert(sub(&i.to_string())).unwrap();
        }
        assert_eq!(p.insert(sub("x")), Err(Full));
        assert!(p.remove("3").is_some() && p.remove("3").is_none());
        for _ in 0..MAX_TOKENS + 5 {
            p.issue_token(10, 100);
        }
        assert_eq!(p.tokens.len(), MAX_TOKENS);
        let t = p.issue_token(10, 100);
        assert!(p.token_valid(&t, 109) && !p.token_valid(&t, 110) && !p.token_valid("x", 0));
        for i in 0..MAX_IDEMPOTENCY_KEYS + 5 {
            p.remember(&format!("k{i}"), "1");
        }
        assert_eq!(p.idempotency.len(), MAX_IDEMPOTENCY_KEYS);
        assert!(p.recall("k1").is_some() || p.recall("k1").is_none());
    }

    #[test]
    fn state_round_trips_through_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(load(&path).unwrap().providers.is_empty());
        let mut s = State::default();
        s.providers
            .entry("alpha".into())
            .or_default()
            .insert(sub("a"))
            .unwrap();
        save(&path, &s).unwrap();
        let back = load(&path).unwrap();
        assert_eq!(back.providers["alpha"].subscriptions, vec![sub("a")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not json").unwrap();
        assert_eq!(load(&path).unwrap_err().kind, crate::error::Kind::Config);
    }
}
