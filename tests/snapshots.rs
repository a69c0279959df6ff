//! Snapshot tests of the CLI's offline examples and help (trycmd): `tests/cmd/*.md` and the
//! README's `console` blocks run against the built binary, output compared line for line
//! (`...` and `[..]` elide). After a deliberate change of output:
//! `TRYCMD=overwrite cargo test snapshots` rewrites the expected output in those files.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

/// The examples run `whctl` through this script: the developer's WHCTL_* settings and
/// NO_COLOR are dropped, HOME and the config/cache folders point into `home`, help is wrapped
/// at 100 columns, so the output is the same on every machine.
fn clean_whctl(home: &std::path::Path) -> std::path::PathBuf {
    let bin = assert_cmd::cargo::cargo_bin("whctl");
    let script = format!(
        r#"#!/bin/sh
for v in $(env | sed -n 's/^\(WHCTL_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset NO_COLOR
export HOME='{home}' XDG_CONFIG_HOME='{home}/.config' XDG_CACHE_HOME='{home}/.cache' COLUMNS=100
exec '{bin}' "$@"
"#,
        home = home.display(),
        bin = bin.display()
    );
    let path = home.join("whctl");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn snapshots_of_offline_examples_help_and_readme() {
    let home = tempfile::tempdir().unwrap();
    trycmd::TestCases::new()
        .register_bin("whctl", clean_whctl(home.path()))
        .timeout(Duration::from_secs(60))
        .case("tests/cmd/*.md")
        .case("README.md")
        .run();
}
