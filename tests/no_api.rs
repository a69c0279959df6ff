//! Sturdy and Graph have no management API: every management command exits 5 and says how
//! they register webhooks, while the catalog works.

use crate::common::{Home, stderr};

#[test]
fn management_commands_exit_5_with_the_way_to_register() {
    let home = Home::new();
    for (provider, hint) in [("sturdy", "dashboard"), ("graph", "Graph")] {
        for args in [
            vec![
                "subscribe",
                "--url",
                "https://example.com/h",
                "--events",
                "card.created",
            ],
            vec!["list"],
            vec!["get", "x"],
            vec!["update", "x", "--url", "https://example.com/h"],
            vec!["delete", "x", "--yes"],
            vec!["rotate-secret", "x"],
        ] {
            let out = home
                .cmd()
                .env("WHCTL_PROVIDER", provider)
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(5),
                "{provider} {args:?}: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains(hint),
                "{provider} {args:?}: {}",
                stderr(&out)
            );
        }
        let out = home
            .cmd()
            .args(["events", "list", "--provider", provider, "card.*"])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
}

#[test]
fn a_profile_selects_them_the_same_way() {
    let home = Home::new();
    let out = home
        .cmd()
        .args(["profile", "add", "s", "--provider", "sturdy"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("no API key"),
        "no key needed without an API"
    );
    let out = home.cmd().args(["-p", "s", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
}
