//! Every command's help: 2–4 examples at its end that parse as written, its own flags apart
//! from the global ones, and `--jq` exactly on the commands that print JSON.

use clap::CommandFactory;
use whctl::cli::Cli;

use crate::common::{stdout, whctl};

/// Every command and subcommand, with its path (`["events", "list"]`), the root included.
pub fn all_commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(path: Vec<String>, cmd: &clap::Command, out: &mut Vec<(Vec<String>, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(p, sub, out);
        }
        out.push((path, cmd.clone()));
    }
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    walk(Vec::new(), &root, &mut out);
    out
}

/// The examples of a help text: (comment, command line), a command's continuation lines
/// (` \` at the end) joined.
pub fn examples(cmd: &clap::Command) -> Vec<(String, String)> {
    let Some(after) = cmd.get_after_help() else {
        return Vec::new();
    };
    let text = after.to_string();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut comment = String::new();
    let mut continued = false;
    for line in text.lines().skip(1) {
        let line = line.trim();
        let (body, more) = match line.strip_suffix(" \\") {
            Some(b) => (b, true),
            None => (line, false),
        };
        if continued {
            let last = out.last_mut().expect("a continued example");
            last.1.push(' ');
            last.1.push_str(body);
        } else if let Some(c) = body.strip_prefix("# ") {
            comment = c.to_string();
        } else if let Some(c) = body.strip_prefix("$ ") {
            out.push((comment.clone(), c.to_string()));
        } else {
            panic!("not an example line: {line:?}");
        }
        continued = more;
    }
    out
}

/// The example command lines of a help text.
pub fn example_lines(cmd: &clap::Command) -> Vec<String> {
    examples(cmd).into_iter().map(|(_, line)| line).collect()
}

/// The whctl invocations of a shell line: its pipeline / `&&` segments that start with
/// `whctl` (after any `VAR=value`), each without its redirections.
fn invocations(line: &str) -> Vec<Vec<String>> {
    let words = shlex::split(line).unwrap_or_else(|| panic!("not shell syntax: {line}"));
    let mut out = Vec::new();
    for segment in words.split(|w| matches!(w.as_str(), "|" | "&&" | ";")) {
        let mut seg: Vec<String> = segment
            .iter()
            .skip_while(|w| w.contains('=') && !w.starts_with('-'))
            .cloned()
            .collect();
        if let Some(i) = seg.iter().position(|w| w == ">" || w == "<") {
            seg.truncate(i);
        }
        if seg.first().is_some_and(|w| w == "whctl") {
            out.push(seg);
        }
    }
    out
}

#[test]
fn every_command_ends_its_help_with_two_to_four_examples() {
    let mut wrong = Vec::new();
    for (path, cmd) in all_commands() {
        let n = example_lines(&cmd).len();
        if !(2..=4).contains(&n) {
            wrong.push(format!("whctl {}: {n} examples", path.join(" ")));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_example_parses_and_runs_the_command_it_documents() {
    let mut checked = 0;
    for (path, cmd) in all_commands() {
        let lines = example_lines(&cmd);
        for line in &lines {
            let runs = invocations(line);
            assert!(!runs.is_empty(), "example without whctl: {line}");
            for argv in runs {
                if let Err(e) = Cli::try_parse_args(&argv) {
                    panic!(
                        "example of `whctl {}` does not parse: {line}\n{e}",
                        path.join(" ")
                    );
                }
                checked += 1;
            }
        }
        // A command's examples show that command (the root's and the groups' may show any).
        if cmd.get_subcommands().next().is_none() {
            let own = lines.iter().any(|l| {
                invocations(l)
                    .iter()
                    .any(|argv| argv.windows(path.len()).any(|w| w == path.as_slice()))
            });
            assert!(
                own,
                "no example of `whctl {}` runs it: {lines:?}",
                path.join(" ")
            );
        }
    }
    assert!(checked > 40, "only {checked} example invocations found");
}

#[test]
fn examples_fit_80_columns() {
    for (path, cmd) in all_commands() {
        let text = cmd
            .get_after_help()
            .map(|a| a.to_string())
            .unwrap_or_default();
        for line in text.lines() {
            assert!(line.len() <= 80, "whctl {}: {line}", path.join(" "));
        }
    }
}

#[test]
fn examples_are_at_the_end_of_the_printed_help() {
    for args in [
        &["profile", "add", "--help"][..],
        &["list", "-h"],
        &["--help"],
    ] {
        let out = whctl().args(args).output().unwrap();
        assert!(out.status.success());
        let text = stdout(&out);
        let at = text
            .find("Examples:")
            .unwrap_or_else(|| panic!("{args:?}: no examples:\n{text}"));
        assert!(
            text[at..].lines().skip(1).all(|l| l.starts_with("  ")),
            "{args:?}: something follows the examples:\n{text}"
        );
    }
}

/// The ids of the global flags.
fn global_ids() -> Vec<String> {
    let root = Cli::command();
    root.get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect()
}

#[test]
fn global_flags_have_their_own_heading_in_every_help() {
    let globals = global_ids();
    assert!(globals.len() >= 7, "{globals:?}");
    for (path, cmd) in all_commands() {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let heading = arg.get_help_heading();
            if globals.iter().any(|g| g == id) {
                assert_eq!(
                    heading,
                    Some("Global options"),
                    "whctl {} {id}",
                    path.join(" ")
                );
            } else {
                assert_eq!(heading, None, "whctl {} {id}: own flag", path.join(" "));
            }
        }
    }
    // And as printed: profile add's own flags come before the global ones.
    let out = whctl().args(["profile", "add", "--help"]).output().unwrap();
    let text = stdout(&out);
    let global = text
        .find("Global options:")
        .expect("a Global options heading");
    let own = text.find("--provider").unwrap();
    let profile = text.find("--profile <NAME>").unwrap();
    assert!(own < global && global < profile, "{text}");
}

#[test]
fn jq_is_offered_exactly_where_json_is_printed() {
    let json_commands = [
        "events list",
        "events show",
        "profile list",
        "profile show",
        "providers",
        "subscribe",
        "list",
        "get",
        "update",
        "delete",
        "rotate-secret",
        "sign",
        "verify",
        "trigger",
        "listen",
        "plan",
        "apply",
        "sandbox serve",
        "sandbox emit",
        "sandbox deliveries",
    ];
    for (path, cmd) in all_commands() {
        if cmd.get_subcommands().next().is_some() {
            continue;
        }
        let name = path.join(" ");
        let has = cmd.get_arguments().any(|a| a.get_id() == "jq");
        assert_eq!(
            has,
            json_commands.contains(&name.as_str()),
            "whctl {name}: --jq offered: {has}"
        );
    }
}

#[test]
fn the_example_splitter_finds_each_whctl_run() {
    assert_eq!(
        invocations("mkdir -p d && whctl completions bash > d/whctl"),
        vec![vec!["whctl", "completions", "bash"]]
    );
    assert_eq!(
        invocations("whctl -p x list -q | xargs -r whctl delete --yes"),
        vec![vec!["whctl", "-p", "x", "list", "-q"]]
    );
    assert_eq!(
        invocations("WHCTL_PROFILE=x whctl list --jq '.[] | .id'"),
        vec![vec!["whctl", "list", "--jq", ".[] | .id"]]
    );
}
