//! The command tree (clap derive) and the global flags of the contract.

use std::path::PathBuf;

use clap::builder::StyledStr;
use clap::builder::styling::{Style, Styles};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;
use crate::output::Format;

/// Manage webhook subscriptions across fintech providers.
#[derive(Debug, Parser)]
#[command(name = "whctl", version, about, propagate_version = true)]
#[command(after_help = examples("whctl"))]
// `--jq EXPR` on every command that prints JSON (and only there).
#[command(
    mut_subcommand("events", |c| c.mut_subcommand("list", jq_arg).mut_subcommand("show", jq_arg)),
    mut_subcommand("profile", |c| c.mut_subcommand("list", jq_arg).mut_subcommand("show", jq_arg)),
    mut_subcommand("providers", jq_arg),
    mut_subcommand("subscribe", jq_arg),
    mut_subcommand("list", jq_arg),
    mut_subcommand("get", jq_arg),
    mut_subcommand("update", jq_arg),
    mut_subcommand("delete", jq_arg),
    mut_subcommand("rotate-secret", jq_arg),
    mut_subcommand("sign", jq_arg),
    mut_subcommand("verify", jq_arg),
    mut_subcommand("trigger", jq_arg),
    mut_subcommand("listen", jq_arg),
    mut_subcommand("plan", jq_arg),
    mut_subcommand("apply", jq_arg),
    mut_subcommand("sandbox", |c| c
        .mut_subcommand("serve", jq_arg)
        .mut_subcommand("emit", jq_arg)
        .mut_subcommand("deliveries", jq_arg)),
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
    /// `--jq EXPR` of the command that was run (see [`Cli::parse_args`]).
    #[arg(skip)]
    pub jq: Option<String>,
}

impl Cli {
    /// Parses the process's arguments, exiting with clap's message (exit 2) when they are bad.
    pub fn parse_args() -> Cli {
        Self::try_parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// Parses a command line. `--jq` is added to the commands that print JSON by the command
    /// tree itself (`mut_subcommand` above) rather than to each command's arguments, so it is
    /// read here from the matches of the command that was run.
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut cmd = Cli::command();
        let matches = cmd.try_get_matches_from_mut(args)?;
        let mut cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))?;
        cli.jq = leaf(&matches)
            .try_get_one::<String>(JQ)
            .ok()
            .flatten()
            .cloned();
        Ok(cli)
    }
}

/// The matches of the innermost subcommand.
fn leaf(m: &ArgMatches) -> &ArgMatches {
    match m.subcommand() {
        Some((_, sub)) => leaf(sub),
        None => m,
    }
}

const JQ: &str = "jq";

/// Adds `--jq EXPR` to a command that prints JSON.
fn jq_arg(cmd: clap::Command) -> clap::Command {
    cmd.arg(
        clap::Arg::new(JQ).long("jq").value_name("EXPR").help(
            "Filter the JSON output with a jq expression; strings print raw (implies -o json)",
        ),
    )
}

/// The examples of a command (`"whctl profile add"`) from `src/examples.txt`, as an
/// "Examples:" section. The examples are data: they name real providers, which code outside
/// `src/providers/` does not.
pub fn examples(command: &str) -> StyledStr {
    let list = example_list(command);
    assert!(
        !list.is_empty(),
        "src/examples.txt has no examples of `{command}`"
    );
    render_examples(&list)
}

/// The (comment, command line) pairs of a command's section of `src/examples.txt`.
pub fn example_list(command: &str) -> Vec<(&'static str, &'static str)> {
    const TEXT: &str = include_str!("examples.txt");
    let mut out = Vec::new();
    let mut inside = false;
    let mut comment = "";
    for line in TEXT.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            inside = name.trim() == command;
            continue;
        }
        if !inside || line.trim().is_empty() {
            continue;
        }
        match line.strip_prefix("# ") {
            Some(c) => comment = c,
            None => out.push((comment, line)),
        }
    }
    out
}

/// An "Examples:" section for the end of a command's help, styled like clap's own headings:
/// each example a comment line and a command line. A command longer than fits an 80-column
/// terminal continues on indented lines ending in ` \`, so that it can be copied as it is.
pub fn render_examples(list: &[(&str, &str)]) -> StyledStr {
    let heading: Style = *Styles::default().get_header();
    let mut s = format!("{heading}Examples:{heading:#}\n");
    for (comment, line) in list {
        s.push_str(&format!("  # {comment}\n"));
        let mut current = String::from("  $");
        for word in units(&shell_words(line)) {
            // 2 columns for a " \" continuation, 78 for the text.
            if current.len() + 1 + word.len() > 76 && current.trim_start().len() > 1 {
                s.push_str(&current);
                s.push_str(" \\\n");
                current = String::from("     ");
            }
            current.push(' ');
            current.push_str(&word);
        }
        s.push_str(&current);
        s.push('\n');
    }
    s.pop();
    StyledStr::from(s)
}

/// Words to keep on one line: a flag with its value (`--to URL`), else one word.
fn units(words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        match words.get(i + 1) {
            Some(v) if w.starts_with('-') && !v.starts_with('-') && *v != "|" => {
                out.push(format!("{w} {v}"));
                i += 2;
            }
            _ => {
                out.push(w.to_string());
                i += 1;
            }
        }
    }
    out
}

/// A command line cut at its spaces, quotes kept (`'a b'` stays one word).
fn shell_words(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let (mut start, mut quote) = (None, None);
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, ' ') => {
                if let Some(st) = start.take() {
                    words.push(&line[st..i]);
                }
                continue;
            }
            (None, '\'' | '"') => quote = Some(c),
            (None, _) => {}
        }
        start.get_or_insert(i);
    }
    if let Some(st) = start {
        words.push(&line[st..]);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_keep_quotes() {
        assert_eq!(
            shell_words("whctl list --jq '.[] | .id'  -p \"a b\""),
            ["whctl", "list", "--jq", "'.[] | .id'", "-p", "\"a b\""]
        );
    }

    #[test]
    fn long_examples_continue_on_indented_lines() {
        let long = "whctl trigger transactions --provider atelio --to http://127.0.0.1:8787/hook --secret-file whsec.txt --override transaction.amount=99.5";
        let text = render_examples(&[("c", long)]).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 3, "{text}");
        assert!(lines.iter().all(|l| l.len() <= 80), "{text}");
        assert!(lines[2].starts_with("  $ whctl trigger") && lines[2].ends_with(" \\"));
        assert!(lines[3].starts_with("      --"), "{text}");
        let joined: Vec<&str> = lines[2..]
            .iter()
            .map(|l| l.trim().trim_start_matches("$ ").trim_end_matches(" \\"))
            .collect();
        assert_eq!(joined.join(" "), long);
    }
}

/// Flags every command takes (`cli-contract.md`, "Global flags").
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
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
    #[command(after_help = examples("whctl events"))]
    #[command(mut_subcommand("list", |c| c.after_help(examples("whctl events list"))))]
    #[command(mut_subcommand("show", |c| c.after_help(examples("whctl events show"))))]
    Events(commands::events::EventsCommand),
    /// Show what each provider supports
    #[command(after_help = examples("whctl providers"))]
    Providers(commands::providers::ProvidersArgs),
    /// Print a shell completion script
    #[command(after_help = examples("whctl completions"))]
    Completions(commands::completions::CompletionsArgs),
    /// Manage profiles (provider credentials) in the config file
    #[command(subcommand)]
    #[command(after_help = examples("whctl profile"))]
    #[command(mut_subcommand("add", |c| c.after_help(examples("whctl profile add"))))]
    #[command(mut_subcommand("set", |c| c.after_help(examples("whctl profile set"))))]
    #[command(mut_subcommand("list", |c| c.after_help(examples("whctl profile list"))))]
    #[command(mut_subcommand("show", |c| c.after_help(examples("whctl profile show"))))]
    #[command(mut_subcommand("remove", |c| c.after_help(examples("whctl profile remove"))))]
    #[command(mut_subcommand("use", |c| c.after_help(examples("whctl profile use"))))]
    Profile(commands::profile::ProfileCommand),
    /// Create a webhook subscription
    #[command(after_help = examples("whctl subscribe"))]
    Subscribe(commands::subscribe::SubscribeArgs),
    /// List the profile's subscriptions
    #[command(after_help = examples("whctl list"))]
    List(commands::list::ListArgs),
    /// Show one subscription
    #[command(after_help = examples("whctl get"))]
    Get(commands::get::GetArgs),
    /// Change a subscription's URL, events, description or status
    #[command(after_help = examples("whctl update"))]
    Update(commands::update::UpdateArgs),
    /// Delete subscriptions
    #[command(after_help = examples("whctl delete"))]
    Delete(commands::delete::DeleteArgs),
    /// Give a subscription a new signing secret
    #[command(after_help = examples("whctl rotate-secret"))]
    RotateSecret(commands::rotate::RotateArgs),
    /// Print the signature header(s) a delivery of a body would carry
    #[command(after_help = examples("whctl sign"))]
    Sign(commands::sign::SignArgs),
    /// Check a delivery's signature (exit 8 when it is not valid)
    #[command(after_help = examples("whctl verify"))]
    Verify(commands::sign::VerifyArgs),
    /// Send a signed sample delivery of an event to a URL
    #[command(after_help = examples("whctl trigger"))]
    Trigger(commands::trigger::TriggerArgs),
    /// Receive deliveries locally: check signatures, forward to your app, print each
    #[command(after_help = examples("whctl listen"))]
    Listen(commands::listen::ListenArgs),
    /// Show what applying a desired-state file would change
    #[command(after_help = examples("whctl plan"))]
    Plan(commands::plan::PlanArgs),
    /// Converge the live subscriptions on a desired-state file
    #[command(after_help = examples("whctl apply"))]
    Apply(commands::plan::ApplyArgs),
    /// Print the live subscriptions as a desired-state file
    #[command(after_help = examples("whctl export"))]
    Export(commands::export::ExportArgs),
    /// The providers' webhook APIs on your machine, delivering real signed events
    #[command(subcommand)]
    #[command(after_help = examples("whctl sandbox"))]
    #[command(mut_subcommand("serve", |c| c.after_help(examples("whctl sandbox serve"))))]
    #[command(mut_subcommand("emit", |c| c.after_help(examples("whctl sandbox emit"))))]
    #[command(mut_subcommand("deliveries", |c| c.after_help(examples("whctl sandbox deliveries"))))]
    Sandbox(commands::sandbox::SandboxCommand),
}
