//! whctl: one command line for webhook subscriptions across fintech providers.
//!
//! The shape: `main.rs` parses the command line ([`cli`]) and calls [`run`], which hands the
//! parsed command to its module in [`commands`] (one file per command: its arguments and a
//! `run` function). Commands never talk HTTP and never print: they ask a provider
//! ([`providers`], one file per provider behind the `Provider` trait, wire types private to
//! that file) to do the work through the one HTTP client in [`http`], look events up in the
//! embedded catalogs of [`catalog`], read profiles through [`config`], and hand what they
//! have to [`output`], the only module that writes to stdout. Failures are [`error::Error`]s
//! whose kind is the exit code. Offline commands (`events`, `providers`, `completions`,
//! `profile`) never build the async runtime or the HTTP client.

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod http;
pub mod output;
pub mod providers;
pub mod signing;

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
