//! whctl: one command line for webhook subscriptions across fintech providers.
//!
//! The shape (ARCHITECTURE.md has the layers and "adding a provider"): `main.rs` parses the
//! command line ([`cli`]) and calls [`run`], which hands the parsed command to its module in
//! [`commands`] (one file per command: its arguments and a `run` function that checks the
//! flags, makes one call into [`ops`] and renders the result). The operations in [`ops`]
//! (batch delete, the update merge, rotate, subscribe, plan/apply's carry-out, `listen`'s
//! delivery handler) know nothing of the command line: they take the provider, a report
//! sink, a prompter and a clock as parameters and return values, so tests call them directly
//! with in-memory providers. Neither layer prints or builds a provider's requests: they ask a
//! provider ([`providers`]: the registry, one line per provider, and one module per provider
//! holding its [`spec::Spec`] and its API client behind the `Provider` trait, wire types
//! private to that file) to do the work through the one HTTP client in [`http`] (which
//! `listen` also forwards deliveries with), look events up in the embedded catalogs of
//! [`catalog`], read profiles through [`config`], read files and stdin through [`input`]
//! (every input size-capped), and commands hand what they have to [`output`], the only
//! module that writes to stdout. Everything whctl knows about a provider is data in its spec
//! ([`spec`], the bottom layer, which names no provider): [`catalog`], [`config`] and
//! [`signing`] read specs and import nothing from [`providers`]. New webhook secrets are
//! written through [`secret_out`] (checked before any change); whatever reaches stderr
//! passes through [`redact`] (credentials, secret-named fields and control characters
//! scrubbed). Failures are [`error::Error`]s whose kind is the exit code. Offline commands
//! (`events`, `providers`, `completions`, `profile`) never build the async runtime or the
//! HTTP client.

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod http;
pub mod input;
pub mod jq;
pub mod ops;
pub mod output;
pub mod providers;
pub mod redact;
pub mod sandbox;
pub mod secret_out;
pub mod signing;
pub mod spec;
pub mod state;

/// Runs one parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<()> {
    commands::dispatch(cli)
}

/// Prints an error to stderr the way every command reports failure and returns its exit code.
/// A broken pipe on stdout is not a failure (`whctl events list | head` exits 0).
pub fn report(err: &anyhow::Error) -> u8 {
    if output::is_broken_pipe(err) {
        return 0;
    }
    output::error_line(err);
    error::exit_code(err)
}

/// Strategies shared by the property tests of several modules.
#[cfg(test)]
pub(crate) mod testutil {
    use proptest::prelude::*;
    use serde_json::Value;

    /// Arbitrary JSON, nested a few levels, with keys that the parsers look for mixed in.
    pub fn arb_json() -> impl Strategy<Value = Value> {
        let key = prop_oneof![
            Just("id".to_string()),
            Just("webhook_id".to_string()),
            Just("url".to_string()),
            Just("events".to_string()),
            Just("event_type".to_string()),
            Just("status".to_string()),
            Just("data".to_string()),
            Just("webhook_subscription".to_string()),
            Just("webhook_subscriptions".to_string()),
            Just("notification_guid".to_string()),
            Just("message".to_string()),
            "[a-z_]{0,8}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            ".{0,20}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }
}
