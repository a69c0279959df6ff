//! A subscription named by its URL instead of its id (`get`, `update`, `delete`,
//! `rotate-secret`), against the fakes: found in the list, none is exit 4 and several exit 2
//! with nothing changed, and the README's CI rotation recipe works on every run.

use std::path::Path;

use crate::common::{Home, json_out, stderr, stdout};
use crate::fakes::Recorded;
use crate::fakes::atelio::{FakeAtelio, IDENTITY, KEY};
use crate::fakes::prune::FakePrune;
use crate::fakes::qolo::FakeQolo;

fn atelio() -> (Home, FakeAtelio) {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    (home, fake)
}

fn run(home: &Home, args: &[&str]) -> std::process::Output {
    home.cmd().args(args).output().unwrap()
}

fn ok(home: &Home, args: &[&str]) -> serde_json::Value {
    let out = home.cmd().args(args).args(["-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    json_out(&out)
}

/// The requests that could change something.
fn changes(reqs: Vec<Recorded>) -> Vec<String> {
    reqs.into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

#[test]
fn atelio_get_update_rotate_delete_by_url() {
    let (home, fake) = atelio();
    let a = fake.seed("https://example.com/a", &["card.created"]);
    let b = fake.seed("https://example.com/b", &["card.created"]);

    let v = ok(&home, &["get", "https://example.com/b"]);
    assert_eq!(v["id"], b.id.as_str());
    // Surrounding white space is dropped; the scheme is recognised in any case.
    let v = ok(&home, &["get", " https://example.com/a\n"]);
    assert_eq!(v["id"], a.id.as_str());

    let v = ok(
        &home,
        &[
            "update",
            "https://example.com/b",
            "--add-events",
            "kyc.*",
            "--description",
            "by url",
        ],
    );
    assert_eq!(v["id"], b.id.as_str());
    let now = fake.subs();
    let b_now = now.iter().find(|s| s.id == b.id).unwrap();
    assert_eq!(b_now.description, "by url");
    assert!(b_now.events.len() > 1, "{:?}", b_now.events);
    assert_eq!(
        now.iter().find(|s| s.id == a.id).unwrap().description,
        "seeded",
        "the other one is untouched"
    );

    // Rotated by replacement: a new id, the same URL, which still names it.
    let v = ok(&home, &["rotate-secret", "https://example.com/b"]);
    let rotated = v["id"].as_str().unwrap().to_string();
    assert_ne!(rotated, b.id);
    let v = ok(&home, &["rotate-secret", "https://example.com/b"]);
    assert_ne!(v["id"], rotated.as_str());
    assert_eq!(
        ok(&home, &["get", "https://example.com/b"])["id"],
        v["id"],
        "the URL follows the rotations"
    );

    // A URL and the id of the same subscription delete it once.
    let out = run(
        &home,
        &[
            "delete",
            "--yes",
            "https://example.com/a",
            &a.id,
            "-o",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["id"], a.id.as_str());
    let urls: Vec<String> = fake.subs().into_iter().map(|s| s.url).collect();
    assert_eq!(urls, ["https://example.com/b"]);
    let deletes = changes(fake.requests())
        .into_iter()
        .filter(|c| c.starts_with("DELETE") && c.ends_with(&a.id))
        .count();
    assert_eq!(deletes, 1);
}

#[test]
fn a_url_no_subscription_has_is_exit_4_and_changes_nothing() {
    let (home, fake) = atelio();
    fake.seed("https://example.com/a", &["card.created"]);
    let before = fake.subs();
    let secret = home.path().join("whsec");
    for args in [
        vec!["get", "https://example.com/nope"],
        vec!["update", "https://example.com/nope", "--disable"],
        vec!["update", "https://example.com/a/", "--disable"],
        vec!["delete", "--yes", "https://example.com/nope"],
        vec!["rotate-secret", "https://example.com/nope", "--dry-run"],
        vec!["rotate-secret", "https://example.com/nope"],
        vec![
            "rotate-secret",
            "https://example.com/nope",
            "--secret-out",
            secret.to_str().unwrap(),
        ],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains("no atelio subscription has the URL https://example.com/"),
            "{args:?}: {err}"
        );
    }
    // A trailing slash is another URL, and the error names the near miss.
    let err = stderr(&run(&home, &["get", "https://example.com/a/"]));
    assert!(err.contains("did you mean https://example.com/a?"), "{err}");
    // A whole batch stops before anything is deleted.
    let out = run(
        &home,
        &["delete", "--yes", &before[0].id, "https://example.com/nope"],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(changes(fake.requests()).is_empty(), "{:?}", fake.requests());
    assert_eq!(fake.subs().len(), before.len());
    assert!(!secret.exists());
}

#[test]
fn a_url_several_subscriptions_have_is_exit_2_and_changes_nothing() {
    let (home, fake) = atelio();
    let a = fake.seed("https://example.com/same", &["card.created"]);
    let b = fake.seed("https://example.com/same", &["card.created"]);
    for args in [
        vec!["get", "https://example.com/same"],
        vec!["update", "https://example.com/same", "--disable"],
        vec!["delete", "--yes", "https://example.com/same"],
        vec!["rotate-secret", "https://example.com/same"],
        vec!["rotate-secret", "https://example.com/same", "--dry-run"],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&a.id) && err.contains(&b.id) && err.contains("pass the id"),
            "{args:?}: {err}"
        );
    }
    assert!(changes(fake.requests()).is_empty(), "{:?}", fake.requests());
    assert_eq!(fake.subs().len(), 2);
    assert!(fake.subs().iter().all(|s| s.enabled));
    // An id still names one of them.
    assert_eq!(ok(&home, &["get", &b.id])["id"], b.id.as_str());
}

#[test]
fn a_dry_run_by_url_only_reads() {
    let (home, fake) = atelio();
    let a = fake.seed("https://example.com/a", &["card.created"]);
    for args in [
        vec!["delete", "https://example.com/a", "--dry-run"],
        vec![
            "update",
            "https://example.com/a",
            "--url",
            "https://example.com/x",
            "--dry-run",
        ],
        vec!["rotate-secret", "https://example.com/a", "--dry-run"],
    ] {
        let v = ok(&home, &args);
        assert_eq!(v["dry_run"], true, "{args:?}: {v}");
        let urls = v["requests"].to_string();
        assert!(
            urls.contains(&a.id) || args[0] == "rotate-secret",
            "{args:?}: the resolved id is previewed: {v}"
        );
    }
    assert!(
        fake.requests().iter().all(|r| r.method == "GET"),
        "only reads: {:?}",
        changes(fake.requests())
    );
    assert_eq!(fake.subs()[0].id, a.id);
    assert_eq!(fake.subs()[0].url, "https://example.com/a");
}

#[test]
fn ids_that_look_like_paths_are_still_refused_but_urls_are_not_ids() {
    let (home, fake) = atelio();
    fake.seed("https://example.com/a", &["card.created"]);
    // Not a URL (no scheme): an id holding '/', refused before any request.
    for arg in [
        "example.com/a",
        "ftp://example.com/a",
        "https:/example.com/a",
    ] {
        let out = run(&home, &["get", arg]);
        assert_eq!(out.status.code(), Some(2), "{arg}: {}", stderr(&out));
    }
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
    // A URL with a control character is refused too.
    let out = run(&home, &["get", "https://example.com/a\u{1b}[31m"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(fake.requests().is_empty());
    // Any case of the scheme makes it a URL (compared exactly: this one is not there).
    let out = run(&home, &["get", "HTTPS://example.com/a"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
}

#[test]
fn qolo_by_url_in_place() {
    let fake = FakeQolo::start();
    let home = Home::new();
    fake.add_profile(&home, "q", &[]);
    let guids = fake.seed(3);
    // seed(3): https://example.com/seed/{0..3}; the one at 1 belongs to another program.
    let v = ok(&home, &["get", "https://example.com/seed/2"]);
    assert_eq!(v["id"], guids[1].as_str());
    let out = run(&home, &["get", "https://example.com/seed/1"]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "another program's webhook is not the profile's: {}",
        stderr(&out)
    );

    let v = ok(
        &home,
        &[
            "update",
            "https://example.com/seed/2",
            "--url",
            "https://example.com/moved",
        ],
    );
    assert_eq!(v["id"], guids[1].as_str());
    assert_eq!(
        fake.notes()
            .iter()
            .find(|n| n.guid == guids[1])
            .unwrap()
            .url,
        "https://example.com/moved"
    );

    let old = fake
        .notes()
        .iter()
        .find(|n| n.guid == guids[0])
        .unwrap()
        .secret
        .clone();
    let v = ok(&home, &["rotate-secret", "https://example.com/seed/0"]);
    assert_eq!(v["id"], guids[0].as_str(), "in place: the same id");
    let new = fake
        .notes()
        .into_iter()
        .find(|n| n.guid == guids[0])
        .unwrap()
        .secret;
    assert_ne!(new, old);
    assert_eq!(v["secret"], new.as_str());

    let out = run(&home, &["delete", "--yes", "https://example.com/moved"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fake.notes().iter().all(|n| n.guid != guids[1]));
    let out = run(&home, &["delete", "--yes", "https://example.com/moved"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
}

#[test]
fn prune_account_urls_by_url_and_two_kinds_with_one_url() {
    let fake = FakePrune::start();
    let home = Home::new();
    fake.add_profile(&home, "p");
    fake.set_urls("https://e.example/ev", "https://e.example/cb");
    assert_eq!(
        ok(&home, &["get", "https://e.example/cb"])["id"],
        "callback"
    );
    ok(
        &home,
        &[
            "update",
            "https://e.example/cb",
            "--url",
            "https://e.example/cb2",
            "--yes",
        ],
    );
    assert_eq!(
        fake.urls(),
        (
            "https://e.example/ev".into(),
            "https://e.example/cb2".into()
        )
    );

    // Both kinds on one URL: exit 2 naming both, nothing sent.
    fake.set_urls("https://e.example/both", "https://e.example/both");
    let before = fake.requests().len();
    for args in [
        vec!["get", "https://e.example/both"],
        vec![
            "update",
            "https://e.example/both",
            "--url",
            "https://e.example/x",
            "--yes",
        ],
        vec!["delete", "--yes", "https://e.example/both"],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("event") && err.contains("callback"),
            "{args:?}: {err}"
        );
    }
    let sent: Vec<Recorded> = fake.requests().into_iter().skip(before).collect();
    assert!(changes(sent).is_empty());
    assert_eq!(
        fake.urls(),
        (
            "https://e.example/both".into(),
            "https://e.example/both".into()
        )
    );
    // The ids still work, and an unset URL is never matched.
    let out = run(&home, &["delete", "--yes", "event"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        ok(&home, &["get", "https://e.example/both"])["id"],
        "callback"
    );
}

/// The README's CI rotation step (the `yaml` block that runs `rotate-secret`), as written:
/// its `env:` (secrets filled in by the test) and its `run:` script under `sh -e`, with `gh`
/// replaced by a script that keeps what it was handed. Run twice: Atelio replaces the
/// subscription each time (a new id), and the recipe names it by its URL.
#[test]
fn the_readmes_ci_rotation_recipe_works_on_every_run() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("whctl rotate-secret"))
        .expect("the README has a CI rotation step");
    let (env, script) = parse_step(block);
    assert!(
        !script.contains("WEBHOOK_ID"),
        "the recipe names the subscription by URL:\n{script}"
    );

    let fake = FakeAtelio::start();
    let home = Home::new();
    let url = env
        .iter()
        .find(|(k, _)| k == "WEBHOOK_URL")
        .map(|(_, v)| v.clone())
        .expect("the step sets WEBHOOK_URL");
    let first = fake.seed(&url, &["card.created"]);
    fake.seed("https://example.com/other", &["card.created"]);

    let runner_temp = home.path().join("runner-temp");
    std::fs::create_dir(&runner_temp).unwrap();
    let bin_dir = home.path().join("bin");
    std::fs::create_dir(&bin_dir).unwrap();
    let gh = bin_dir.join("gh");
    std::fs::write(
        &gh,
        format!(
            "#!/bin/sh\n[ \"$1 $2 $3\" = 'secret set WEBHOOK_SECRET' ] || exit 64\ncat > '{}'\n",
            home.path().join("gh-secret").display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let whctl = assert_cmd::cargo::cargo_bin("whctl");
    let path = format!(
        "{}:{}:{}",
        bin_dir.display(),
        whctl.parent().unwrap_or(Path::new(".")).display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut ids = vec![first.id.clone()];
    for round in 1..=2 {
        let mut cmd = crate::common::isolated("sh", home.path());
        cmd.current_dir(home.path())
            .env("PATH", &path)
            .env("RUNNER_TEMP", &runner_temp)
            .env("WHCTL_BASE_URL", &fake.base_url);
        for (k, v) in &env {
            let v = match v.as_str() {
                "${{ secrets.ATELIO_KEY }}" => KEY.to_string(),
                "${{ secrets.ATELIO_IDENTITY }}" => IDENTITY.to_string(),
                v if v.contains("${{") => panic!("the test does not know {k}: {v}"),
                v => v.to_string(),
            };
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(["-e", "-c", &script])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        crate::common::wait_with_deadline(&mut child, crate::common::PROCESS_DEADLINE);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "run {round}: {script}\n{}",
            stderr(&out)
        );
        let subs = fake.subs();
        let live: Vec<_> = subs.iter().filter(|s| s.url == url).collect();
        assert_eq!(live.len(), 1, "run {round}: one subscription at the URL");
        let new = live[0];
        assert!(!ids.contains(&new.id), "run {round}: replaced, a new id");
        ids.push(new.id.clone());
        let handed = std::fs::read_to_string(home.path().join("gh-secret")).unwrap();
        assert_eq!(
            handed.trim(),
            new.secret,
            "run {round}: gh got the new secret"
        );
        let rotation = std::fs::read_to_string(home.path().join("rotation.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&rotation).unwrap();
        assert_eq!(v["id"], new.id.as_str());
        assert!(
            !rotation.contains(&new.secret),
            "masked in rotation.json: {rotation}"
        );
        assert!(!stdout(&out).contains(&new.secret) && !stderr(&out).contains(&new.secret));
    }
    assert_eq!(fake.subs().len(), 2, "the other subscription is untouched");
}

/// The `env:` pairs and the dedented `run: |` script of a GitHub Actions step.
fn parse_step(block: &str) -> (Vec<(String, String)>, String) {
    let mut env = Vec::new();
    let mut script = String::new();
    let mut section = "";
    for line in block.lines() {
        let t = line.trim();
        if t == "env:" {
            section = "env";
        } else if t == "run: |" {
            section = "run";
        } else if section == "env" && !t.is_empty() {
            let (k, v) = t.split_once(": ").expect("KEY: value");
            let v = v.split(" #").next().unwrap().trim();
            env.push((k.to_string(), v.to_string()));
        } else if section == "run" {
            script.push_str(line.trim_start());
            script.push('\n');
        }
    }
    assert!(!env.is_empty() && !script.is_empty(), "{block}");
    (env, script)
}
