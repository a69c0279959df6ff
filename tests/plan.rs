//! Subscriptions as code: plan / apply / export against the fakes.

use crate::common::{Home, json_out, stderr, stdout};
use crate::fakes::Fault;
use crate::fakes::atelio::FakeAtelio;
use crate::fakes::prune::FakePrune;
use crate::fakes::qolo::FakeQolo;

struct World {
    home: Home,
    a: FakeAtelio,
    q: FakeQolo,
    p: FakePrune,
    other: FakeAtelio,
}

fn world() -> World {
    let w = World {
        home: Home::new(),
        a: FakeAtelio::start(),
        q: FakeQolo::start(),
        p: FakePrune::start(),
        other: FakeAtelio::start(),
    };
    w.a.add_profile(&w.home, "atelio-live");
    w.q.add_profile(&w.home, "qolo-dev", &[]);
    w.p.add_profile(&w.home, "prune");
    w.other.add_profile(&w.home, "other");
    w
}

const FILE: &str = r#"
[[subscription]]
profile = "atelio-live"
url = "https://api.example.com/hooks/atelio"
events = ["card.*", "kyc.*"]
description = "cards and kyc"
enabled = true

[[subscription]]
profile = "atelio-live"
url = "https://api.example.com/hooks/money"
events = ["transactions"]

[[subscription]]
profile = "qolo-dev"
url = "https://api.example.com/hooks/qolo"
events = ["bankeft.*", "card"]

[[subscription]]
profile = "prune"
url = "https://api.example.com/hooks/prune"
"#;

fn write(w: &World, text: &str) -> std::path::PathBuf {
    let f = w.home.path().join("webhooks.toml");
    std::fs::write(&f, text).unwrap();
    f
}

fn run(w: &World, args: &[&str], file: &std::path::Path) -> std::process::Output {
    w.home
        .cmd()
        .args(args)
        .arg("-f")
        .arg(file)
        .output()
        .unwrap()
}

fn mutations(w: &World) -> usize {
    let m = |r: &crate::fakes::Recorded| r.method != "GET" && !r.path.ends_with("/auth/login");
    w.a.requests().iter().filter(|r| m(r)).count()
        + w.q.requests().iter().filter(|r| m(r)).count()
        + w.p.requests().iter().filter(|r| m(r)).count()
}

#[test]
fn converge_from_empty_then_nothing_to_do() {
    let w = world();
    let f = write(&w, FILE);
    let out = run(&w, &["plan", "-o", "json", "--exit-code"], &f);
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert_eq!(json_out(&out)["summary"]["create"], 4);

    let dir = w.home.path().join("secrets");
    let out = w
        .home
        .cmd()
        .args(["apply", "--yes", "-o", "json", "-f"])
        .arg(&f)
        .arg("--secrets-out")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let results = json_out(&out);
    assert_eq!(results.as_array().unwrap().len(), 4);
    assert!(results.as_array().unwrap().iter().all(|r| r["ok"] == true));
    assert_eq!(w.a.subs().len(), 2);
    assert_eq!(w.q.notes().len(), 1);
    assert_eq!(w.p.urls().0, "https://api.example.com/hooks/prune");
    // One 0600 file per new subscription with a secret; none printed.
    for s in w.a.subs() {
        let path = dir.join(format!("atelio-live.{}.secret", s.id));
        assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), s.secret);
        assert!(!stdout(&out).contains(&s.secret) && !stderr(&out).contains(&s.secret));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
    let qn = &w.q.notes()[0];
    assert_eq!(
        std::fs::read_to_string(dir.join(format!("qolo-dev.{}.secret", qn.guid)))
            .unwrap()
            .trim(),
        qn.secret
    );

    let before = mutations(&w);
    let out = run(&w, &["plan", "--exit-code"], &f);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stderr(&out).contains("No changes"));
    let out = run(&w, &["apply", "--yes"], &f);
    assert!(out.status.success());
    assert_eq!(mutations(&w), before, "a second apply changes nothing");
    assert!(
        w.other.requests().is_empty(),
        "a profile the file does not name is never read"
    );
}

#[test]
fn drift_shows_in_plan_and_apply_repairs_it() {
    let w = world();
    let f = write(&w, FILE);
    assert!(run(&w, &["apply", "--yes"], &f).status.success());
    {
        // Behind whctl's back: an event dropped, another added, a subscription disabled.
        let mut inner = w.a.inner.lock().unwrap();
        let s = inner
            .subs
            .iter_mut()
            .find(|s| s.url.ends_with("/atelio"))
            .unwrap();
        s.events.retain(|e| e != "kyc.verification.success");
        s.events.push("portal.data_export".into());
        let m = inner
            .subs
            .iter_mut()
            .find(|s| s.url.ends_with("/money"))
            .unwrap();
        m.enabled = false;
    }
    let out = run(&w, &["plan", "--exit-code", "-o", "json"], &f);
    assert_eq!(out.status.code(), Some(9));
    let v = json_out(&out);
    assert_eq!(v["summary"]["update"], 2, "{v}");
    let upd = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["url"].as_str().unwrap().ends_with("/atelio"))
        .unwrap();
    assert_eq!(
        upd["events_add"],
        serde_json::json!(["kyc.verification.success"])
    );
    assert_eq!(
        upd["events_remove"],
        serde_json::json!(["portal.data_export"])
    );
    let out = run(&w, &["plan", "-o", "table"], &f);
    assert!(
        stdout(&out).contains("+kyc.verification.success") && stdout(&out).contains("enable"),
        "{}",
        stdout(&out)
    );
    assert!(run(&w, &["apply", "--yes"], &f).status.success());
    assert_eq!(run(&w, &["plan", "--exit-code"], &f).status.code(), Some(0));
}

#[test]
fn prune_deletes_only_unnamed_subscriptions_of_named_profiles() {
    let w = world();
    let f = write(&w, FILE);
    let stray = w.a.seed("https://old.example.com/hook", &["card.created"]);
    let elsewhere = w
        .other
        .seed("https://other.example.com/hook", &["card.created"]);
    assert!(run(&w, &["apply", "--yes"], &f).status.success());
    assert!(
        w.a.subs().iter().any(|s| s.id == stray.id),
        "not without --prune"
    );
    let out = run(&w, &["plan", "--prune", "-o", "json"], &f);
    let v = json_out(&out);
    assert_eq!(
        v["summary"],
        serde_json::json!({"create": 0, "update": 0, "delete": 1})
    );
    assert_eq!(v["changes"][0]["id"], stray.id);
    let out = run(&w, &["apply", "--prune", "--yes"], &f);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!w.a.subs().iter().any(|s| s.id == stray.id));
    assert_eq!(w.a.subs().len(), 2);
    assert_eq!(
        w.other.subs()[0].id,
        elsewhere.id,
        "a profile the file does not name is untouched"
    );
    assert_eq!(
        w.p.urls().0,
        "https://api.example.com/hooks/prune",
        "prune's one URL is not deleted"
    );
}

#[test]
fn a_failure_midway_then_a_rerun_converges() {
    let w = world();
    let f = write(&w, FILE);
    w.a.fault(Fault::new("POST", "/webhooks", 400, 1));
    let out = run(&w, &["apply", "--yes", "-o", "json"], &f);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(
        v.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["ok"] == false)
            .count(),
        1
    );
    assert!(stderr(&out).contains("run apply again"));
    assert_eq!(w.a.subs().len(), 1, "the other changes went through");
    let out = run(&w, &["apply", "--yes"], &f);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(w.a.subs().len(), 2);
    assert_eq!(run(&w, &["plan", "--exit-code"], &f).status.code(), Some(0));
}

#[test]
fn a_bad_file_reports_every_problem_and_sends_nothing() {
    let w = world();
    let f = write(
        &w,
        r#"
[[subscription]]
profile = "nope"
url = "https://a.example/h"
events = ["card.*"]

[[subscription]]
profile = "atelio-live"
url = "https://a.example/h"
events = ["crad.*"]

[[subscription]]
profile = "prune"
url = "https://p.example/h"
events = ["BALANCE_UPDATE"]

[[subscription]]
profile = "qolo-dev"
url = "https://q.example/h"
events = ["card"]
description = "qolo has none"
"#,
    );
    for cmd in ["plan", "apply"] {
        let out = run(&w, &[cmd, "--yes"], &f);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = stderr(&out);
        assert!(err.contains("4 problems"), "{err}");
        for line in [
            "webhooks.toml:2:",
            "webhooks.toml:7:",
            "webhooks.toml:12:",
            "webhooks.toml:17:",
        ] {
            assert!(err.contains(line), "{line} missing: {err}");
        }
    }
    assert!(w.a.requests().is_empty() && w.q.requests().is_empty() && w.p.requests().is_empty());
    let out = w
        .home
        .cmd()
        .args(["plan", "-f", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn apply_asks_or_needs_yes() {
    let w = world();
    let f = write(&w, FILE);
    let out = run(&w, &["apply"], &f);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(mutations(&w), 0);
}

#[test]
fn export_then_apply_round_trips() {
    let w = world();
    w.a.seed(
        "https://api.example.com/a",
        &[
            "card.created",
            "card.status.active",
            "kyc.verification.success",
        ],
    );
    let f = write(&w, FILE);
    assert!(run(&w, &["apply", "--yes"], &f).status.success());
    let out = w
        .home
        .cmd()
        .args(["export", "--all-profiles"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = stdout(&out);
    assert!(
        exported.contains("[[subscription]]") && exported.contains("\"card.*\""),
        "{exported}"
    );
    let g = w.home.path().join("exported.toml");
    std::fs::write(&g, &exported).unwrap();
    let out = run(&w, &["plan", "--exit-code", "--prune"], &g);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    // From nothing, the exported file rebuilds the same state.
    w.a.inner.lock().unwrap().subs.clear();
    w.other.inner.lock().unwrap().subs.clear();
    w.q.inner.lock().unwrap().notes.clear();
    let out = run(&w, &["apply", "--yes"], &g);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(run(&w, &["plan", "--exit-code"], &g).status.code(), Some(0));
    assert_eq!(w.a.subs().len(), 3);
}

#[test]
fn prunes_two_urls_are_entries_of_their_own_type() {
    let w = world();
    w.p.set_urls("https://old.example/ev", "");
    let f = write(
        &w,
        r#"
[[subscription]]
profile = "prune"
url = "https://api.example.com/hooks/prune-events"

[[subscription]]
profile = "prune"
type = "callback"
url = "https://api.example.com/hooks/prune-callbacks"
"#,
    );
    let out = run(&w, &["plan", "-o", "json"], &f);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{v}");
    assert_eq!(changes[0]["action"], "update");
    assert_eq!(changes[0]["id"], "event");
    assert_eq!(changes[0]["replaces_url"], "https://old.example/ev");
    assert_eq!(changes[1]["action"], "create");
    assert_eq!(changes[1]["id"], "callback");
    let table = run(&w, &["plan", "-o", "table"], &f);
    assert!(
        stdout(&table).contains("replaces https://old.example/ev"),
        "{}",
        stdout(&table)
    );

    // Both changes at once, each PATCH slow enough for the other's read to come first:
    // Prune's read-then-PATCH must be one step, or one change sends the other's old URL.
    w.p.write_delay_ms
        .store(300, std::sync::atomic::Ordering::Relaxed);
    let out = run(&w, &["apply", "--yes"], &f);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        w.p.urls(),
        (
            "https://api.example.com/hooks/prune-events".into(),
            "https://api.example.com/hooks/prune-callbacks".into()
        )
    );
    assert_eq!(run(&w, &["plan", "--exit-code"], &f).status.code(), Some(0));

    // export says which URL each entry is, and plans back to nothing.
    let out = w
        .home
        .cmd()
        .args(["-p", "prune", "export"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = stdout(&out);
    assert!(exported.contains("type = \"event\""), "{exported}");
    assert!(exported.contains("type = \"callback\""), "{exported}");
    let g = w.home.path().join("exported.toml");
    std::fs::write(&g, &exported).unwrap();
    assert_eq!(
        run(&w, &["plan", "--exit-code", "--prune"], &g)
            .status
            .code(),
        Some(0)
    );

    // --prune clears a URL the file no longer names; the other is kept.
    let only_events = write(
        &w,
        "[[subscription]]\nprofile = \"prune\"\nurl = \"https://api.example.com/hooks/prune-events\"\n",
    );
    let out = run(&w, &["apply", "--prune", "--yes"], &only_events);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        w.p.urls(),
        (
            "https://api.example.com/hooks/prune-events".into(),
            String::new()
        )
    );

    // A type Prune does not have, or a type on a provider without URL types, is refused.
    let bad = write(
        &w,
        "[[subscription]]\nprofile = \"prune\"\ntype = \"refund\"\nurl = \"https://x.example/h\"\n\n[[subscription]]\nprofile = \"atelio-live\"\ntype = \"event\"\nurl = \"https://x.example/h\"\nevents = [\"card.*\"]\n",
    );
    let out = run(&w, &["plan"], &bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("event, callback"), "{}", stderr(&out));
    assert!(stderr(&out).contains("no URL types"), "{}", stderr(&out));
}
