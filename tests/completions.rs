//! The committed completion scripts must be what the binary generates.
//! After changing the command tree: `WHCTL_BLESS=1 cargo test completions` rewrites them.

use std::path::Path;

use crate::common::{stdout, whctl};

const SHELLS: [(&str, &str); 5] = [
    ("bash", "whctl.bash"),
    ("zsh", "_whctl"),
    ("fish", "whctl.fish"),
    ("powershell", "_whctl.ps1"),
    ("elvish", "whctl.elv"),
];

#[test]
fn committed_completions_match_the_binary() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("WHCTL_BLESS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = whctl().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "completions {shell} failed");
        let generated = stdout(&out);
        assert!(generated.contains("whctl"), "{shell} script names no whctl");
        let path = dir.join(file);
        if bless {
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{stale:?} differ from `whctl completions`: run `WHCTL_BLESS=1 cargo test completions` and commit"
    );
}

#[test]
fn unknown_shell_is_a_usage_error() {
    whctl().args(["completions", "tcsh"]).assert().code(2);
}
