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
#[command(after_help = examples(&[
    ("The events Atelio can send, as a table", "whctl events list --provider atelio 'card.*'"),
    ("Create a subscription", "whctl subscribe --url https://api.example.com/hooks --events 'card.*'"),
    ("Ids of the disabled subscriptions", "whctl list --jq '.[] | select(.status == \"disabled\") | .id'"),
]))]
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

/// An "Examples:" section for the end of a command's help, styled like clap's own headings:
/// each example a comment line and a command line. A command longer than fits an 80-column
/// terminal continues on indented lines ending in ` \`, so that it can be copied as it is.
pub fn examples(list: &[(&str, &str)]) -> StyledStr {
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
        let text = examples(&[("c", long)]).to_string();
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
    #[command(after_help = examples(&[
        ("Atelio's card events, as a table", "whctl events list --provider atelio 'card.*'"),
        ("An event's description and sample payload", "whctl events show transactions --provider atelio"),
    ]))]
    #[command(mut_subcommand("list", |c| c.after_help(examples(&[
        ("Atelio's card events, as a table", "whctl events list --provider atelio 'card.*'"),
        ("Every provider's events of that name, as JSON", "whctl events list card.created -o json"),
        ("Only the names of Qolo's creation events", "whctl events list --provider qolo '*.created' --jq '.[].name'"),
    ]))))]
    #[command(mut_subcommand("show", |c| c.after_help(examples(&[
        ("Describe an event and print its sample payload", "whctl events show transactions --provider atelio"),
        ("Prune events by identifier or numeric code", "whctl events show 3021 --provider prune"),
        ("Only the sample payload", "whctl events show transactions --provider atelio --jq .sample"),
    ]))))]
    Events(commands::events::EventsCommand),
    /// Show what each provider supports
    #[command(after_help = examples(&[
        ("The capability matrix, as a table", "whctl providers"),
        ("The same as JSON, for scripts", "whctl providers -o json"),
        ("The providers whose events can be filtered", "whctl providers --jq '.[] | select(.event_filtering) | .provider'"),
    ]))]
    Providers(commands::providers::ProvidersArgs),
    /// Print a shell completion script
    #[command(after_help = examples(&[
        ("Bash", "mkdir -p ~/.local/share/bash-completion/completions && whctl completions bash > ~/.local/share/bash-completion/completions/whctl"),
        ("Zsh (add ~/.zfunc to fpath in ~/.zshrc)", "mkdir -p ~/.zfunc && whctl completions zsh > ~/.zfunc/_whctl"),
        ("Fish", "mkdir -p ~/.config/fish/completions && whctl completions fish > ~/.config/fish/completions/whctl.fish"),
    ]))]
    Completions(commands::completions::CompletionsArgs),
    /// Manage profiles (provider credentials) in the config file
    #[command(subcommand)]
    #[command(after_help = examples(&[
        ("Add an Atelio profile, the key read from $ATELIO_KEY at run time", "whctl profile add atelio-live --provider atelio --identity \"$ATELIO_IDENTITY\" --api-key-env ATELIO_KEY"),
        ("Every value of a profile and where it comes from", "whctl profile show atelio-live"),
    ]))]
    #[command(mut_subcommand("add", |c| c.after_help(examples(&[
        ("Atelio, the key piped in (stored in the config file, mode 0600)", "pass show atelio/live | whctl profile add atelio-live --provider atelio --identity \"$ATELIO_IDENTITY\" --api-key-stdin --default"),
        ("Qolo, the key read from $QOLO_KEY at run time (never stored)", "whctl profile add qolo-dev --provider qolo --login-id \"$QOLO_LOGIN_ID\" --program-guid \"$QOLO_PROGRAM_GUID\" --api-key-env QOLO_KEY"),
        ("Prune", "printf '%s' \"$PRUNE_KEY\" | whctl profile add prune --provider prune --api-key-stdin"),
    ]))))]
    #[command(mut_subcommand("list", |c| c.after_help(examples(&[
        ("The profiles, the default marked", "whctl profile list"),
        ("The name of the default profile", "whctl profile list --jq '.[] | select(.default) | .name'"),
    ]))))]
    #[command(mut_subcommand("show", |c| c.after_help(examples(&[
        ("The profile this run would use", "whctl profile show"),
        ("One profile, every value with its source (file, env, default)", "whctl profile show atelio-live"),
        ("Where its base URL comes from", "whctl profile show atelio-live --jq .base_url.source"),
    ]))))]
    #[command(mut_subcommand("remove", |c| c.after_help(examples(&[
        ("Remove a profile", "whctl profile remove atelio-sandbox"),
        ("Remove it from another config file", "whctl --config ./ci-config.toml profile remove atelio-sandbox"),
    ]))))]
    #[command(mut_subcommand("use", |c| c.after_help(examples(&[
        ("Make qolo-dev the default profile", "whctl profile use qolo-dev"),
        ("Use another profile for one run only", "whctl -p atelio-live list"),
    ]))))]
    Profile(commands::profile::ProfileCommand),
    /// Create a webhook subscription
    #[command(after_help = examples(&[
        ("Card and KYC events to your endpoint", "whctl subscribe --url https://api.example.com/hooks --events 'card.*' 'kyc.*' --description \"cards and kyc\""),
        ("Print the request and send nothing", "whctl subscribe --url https://api.example.com/hooks --events 'card.*' --dry-run"),
        ("Keep the new secret in a 0600 file, print only the id", "whctl -p qolo-dev subscribe --url https://api.example.com/hooks/qolo --events card --secret-out whsec.txt -q"),
    ]))]
    Subscribe(commands::subscribe::SubscribeArgs),
    /// List the profile's subscriptions
    #[command(after_help = examples(&[
        ("The default profile's subscriptions, secrets masked", "whctl list"),
        ("Every profile at once, in one table", "whctl list --all-profiles"),
        ("Ids of the disabled subscriptions", "whctl list --jq '.[] | select(.status == \"disabled\") | .id'"),
    ]))]
    List(commands::list::ListArgs),
    /// Show one subscription
    #[command(after_help = examples(&[
        ("One subscription", "whctl get 522e9ec7-b17d-4d92-8270-c2e1741dd6e0"),
        ("Only its secret, in full", "whctl get 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --show-secret --jq .secret"),
    ]))]
    Get(commands::get::GetArgs),
    /// Change a subscription's URL, events, description or status
    #[command(after_help = examples(&[
        ("Add events: read, merge, write; nothing else is dropped", "whctl update 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --add-events 'kyb.*'"),
        ("Remove the events matching a pattern", "whctl update 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --remove-events 'card.wallet.*'"),
        ("Replace events and URL, and disable it", "whctl update 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --events transactions --url https://api.example.com/v2/hooks --disable"),
    ]))]
    Update(commands::update::UpdateArgs),
    /// Delete subscriptions
    #[command(after_help = examples(&[
        ("Delete one subscription without asking", "whctl delete 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --yes"),
        ("Print the requests and send nothing", "whctl delete 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --dry-run"),
        ("Delete every subscription of a profile (nothing runs on an empty list)", "whctl -p atelio-sandbox list -q | xargs -r whctl -p atelio-sandbox delete --yes"),
    ]))]
    Delete(commands::delete::DeleteArgs),
    /// Give a subscription a new signing secret
    #[command(after_help = examples(&[
        ("The new secret to a 0600 file, never to the log", "whctl rotate-secret 522e9ec7-b17d-4d92-8270-c2e1741dd6e0 --secret-out new-secret.txt"),
        ("The same with a Qolo profile, printing only the id", "whctl -p qolo-dev rotate-secret ntf-2f1c --secret-out qolo-secret.txt -q"),
    ]))]
    RotateSecret(commands::rotate::RotateArgs),
    /// Print the signature header(s) a delivery of a body would carry
    #[command(after_help = examples(&[
        ("The header for a body, signed now", "whctl sign --provider atelio --secret-file whsec.txt --payload body.json"),
        ("Signed at a fixed time (reproducible)", "whctl sign --provider atelio --secret-file whsec.txt --payload body.json --timestamp 1700000000"),
        ("Only the header's value", "whctl sign --provider qolo --secret-file whsec.txt --payload body.json --jq '.headers[]'"),
    ]))]
    Sign(commands::sign::SignArgs),
    /// Check a delivery's signature (exit 8 when it is not valid)
    #[command(after_help = examples(&[
        ("Check a delivery: exit 0 when valid, 8 when not", "whctl verify --provider qolo --secret-file whsec.txt --header \"x-qolo-signature: $SIG\" --payload body.json"),
        ("Atelio, accepting timestamps up to 10 minutes old", "whctl verify --provider atelio --secret-file whsec.txt --header \"Bond-Signature: $SIG\" --payload body.json --tolerance 600"),
    ]))]
    Verify(commands::sign::VerifyArgs),
    /// Send a signed sample delivery of an event to a URL
    #[command(after_help = examples(&[
        ("The catalog's sample of an event, signed as Atelio signs", "whctl trigger card.created --provider atelio --to http://127.0.0.1:8787/hook --secret-file whsec.txt"),
        ("With a field of the body changed", "whctl trigger transactions --provider atelio --to http://127.0.0.1:8787/hook --secret-file whsec.txt --override transaction.amount=99.5"),
    ]))]
    Trigger(commands::trigger::TriggerArgs),
    /// Receive deliveries locally: check signatures, forward to your app, print each
    #[command(after_help = examples(&[
        ("Check signatures and forward each delivery to your app", "whctl listen --provider atelio --secret-file whsec.txt --forward-to http://localhost:3000/webhooks"),
        ("In CI: stop after one delivery, one JSON line per delivery", "whctl listen --provider qolo --secret-file whsec.txt --port 0 --max 1 -o json"),
    ]))]
    Listen(commands::listen::ListenArgs),
    /// Show what applying a desired-state file would change
    #[command(after_help = examples(&[
        ("What would change: create / update / delete", "whctl plan -f webhooks.toml"),
        ("A drift check: exit 9 while changes are pending", "whctl plan -f webhooks.toml --exit-code"),
        ("Also the deletions of subscriptions the file does not name", "whctl plan -f webhooks.toml --prune"),
    ]))]
    Plan(commands::plan::PlanArgs),
    /// Converge the live subscriptions on a desired-state file
    #[command(after_help = examples(&[
        ("Apply without asking; new secrets to one 0600 file each", "whctl apply -f webhooks.toml --yes --secrets-out ./secrets"),
        ("Also delete what the file does not name (only in its profiles)", "whctl apply -f webhooks.toml --prune --yes --secrets-out ./secrets"),
    ]))]
    Apply(commands::plan::ApplyArgs),
    /// Print the live subscriptions as a desired-state file
    #[command(after_help = examples(&[
        ("Start a desired-state file from what you have", "whctl export --all-profiles > webhooks.toml"),
        ("One profile's subscriptions", "whctl -p qolo-dev export"),
    ]))]
    Export(commands::export::ExportArgs),
}
