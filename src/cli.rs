//! The command tree (clap derive) and the global flags of the contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::output::Format;

/// Manage webhook subscriptions across fintech providers.
#[derive(Debug, Parser)]
#[command(name = "whctl", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes (`cli-contract.md`, "Global flags").
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Profile of the config file to use (else its default_profile)
    #[arg(
        short = 'p',
        long,
        global = true,
        env = "WHCTL_PROFILE",
        value_name = "NAME"
    )]
    pub profile: Option<String>,
    /// Config file [default: <config dir>/whctl/config.toml]
    #[arg(long, global = true, env = "WHCTL_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise]
    #[arg(short = 'o', long, global = true, env = "WHCTL_OUTPUT", value_enum)]
    pub output: Option<Format>,
    /// Print only ids (one per line) or nothing
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// Log requests to stderr (credentials and secrets redacted)
    #[arg(short = 'v', long, global = true)]
    pub verbose: bool,
    /// Never ask; needed for destructive commands when stdin is not a terminal
    #[arg(long, global = true)]
    pub yes: bool,
    /// Bound on each request, in seconds
    #[arg(
        long,
        global = true,
        env = "WHCTL_TIMEOUT",
        value_name = "SECS",
        default_value_t = 30
    )]
    pub timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up the events each provider can send, and expand patterns
    #[command(subcommand)]
    Events(commands::events::EventsCommand),
    /// Show what each provider supports
    Providers(commands::providers::ProvidersArgs),
    /// Print a shell completion script
    Completions(commands::completions::CompletionsArgs),
    /// Manage profiles (provider credentials) in the config file
    #[command(subcommand)]
    Profile(commands::profile::ProfileCommand),
    /// Create a webhook subscription
    Subscribe(commands::subscribe::SubscribeArgs),
    /// List the profile's subscriptions
    List(commands::list::ListArgs),
    /// Show one subscription
    Get(commands::get::GetArgs),
    /// Change a subscription's URL, events, description or status
    Update(commands::update::UpdateArgs),
    /// Delete subscriptions
    Delete(commands::delete::DeleteArgs),
    /// Give a subscription a new signing secret
    RotateSecret(commands::rotate::RotateArgs),
    /// Print the signature header(s) a delivery of a body would carry
    Sign(commands::sign::SignArgs),
    /// Check a delivery's signature (exit 8 when it is not valid)
    Verify(commands::sign::VerifyArgs),
    /// Send a signed sample delivery of an event to a URL
    Trigger(commands::trigger::TriggerArgs),
    /// Receive deliveries locally: check signatures, forward to your app, print each
    Listen(commands::listen::ListenArgs),
    /// Show what applying a desired-state file would change
    Plan(commands::plan::PlanArgs),
    /// Converge the live subscriptions on a desired-state file
    Apply(commands::plan::ApplyArgs),
    /// Print the live subscriptions as a desired-state file
    Export(commands::export::ExportArgs),
}
