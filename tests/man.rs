//! The committed man pages (`man/`, one per command and subcommand) must be what the command
//! tree generates. After changing the command tree: `WHCTL_BLESS=1 cargo test man_pages`
//! rewrites them (`man -l man/whctl-events-list.1` to read one).

use std::collections::BTreeMap;
use std::path::Path;

use crate::help::{all_commands, example_lines, examples};

/// One page: clap_mangen's sections, then the command's examples as an EXAMPLES section
/// (clap_mangen would print the help's "Examples:" under a heading named EXTRA).
fn page(cmd: &clap::Command) -> String {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).unwrap();
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out).unwrap();
    }
    let mut roff = roff::Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (comment, line) in examples(cmd) {
        roff.control("TP", [])
            .text([roff::roman(comment)])
            .text([roff::bold(format!("$ {line}"))]);
    }
    roff.to_writer(&mut out).unwrap();
    man.render_version_section(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every page, by file name (`whctl-events-list.1`).
fn pages() -> BTreeMap<String, String> {
    all_commands()
        .into_iter()
        .map(|(path, cmd)| {
            let mut name = vec!["whctl".to_string()];
            name.extend(path);
            (format!("{}.1", name.join("-")), page(&cmd))
        })
        .collect()
}

#[test]
fn committed_man_pages_match_the_command_tree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let generated = pages();
    if std::env::var_os("WHCTL_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "1") {
                std::fs::remove_file(path).unwrap();
            }
        }
        for (name, text) in &generated {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut committed = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "1") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            committed.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    let stale: std::collections::BTreeSet<&String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|n| generated.get(*n) != committed.get(*n))
        .collect();
    assert!(
        stale.is_empty(),
        "man/{stale:?} differ from the command tree: run `WHCTL_BLESS=1 cargo test man_pages` and commit"
    );
}

#[test]
fn every_page_has_its_options_and_examples() {
    let pages = pages();
    assert!(pages.len() >= 24, "{:?}", pages.keys());
    let list = &pages["whctl-events-list.1"];
    assert!(list.contains("\n.TH whctl-events-list 1 "), "{list}");
    assert!(list.contains(".SH OPTIONS"));
    assert!(
        list.contains("\\-\\-provider"),
        "options, with hyphens escaped"
    );
    assert!(list.contains(".SH EXAMPLES"));
    for (name, text) in &pages {
        assert!(text.contains(".SH EXAMPLES"), "{name}");
        assert!(
            !text.contains('\x1b'),
            "{name}: terminal escapes in a man page"
        );
    }
    // Each example of the help is on the page.
    for (path, cmd) in all_commands() {
        let mut name = vec!["whctl".to_string()];
        name.extend(path);
        let page = &pages[&format!("{}.1", name.join("-"))];
        for line in example_lines(&cmd) {
            let escaped = line
                .replace('\\', "\\e")
                .replace('-', "\\-")
                .replace('\'', "\\*(Aq");
            assert!(page.contains(&escaped), "{line} not on its page:\n{page}");
        }
    }
}
