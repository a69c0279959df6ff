//! Tables that fit: no line wider than the terminal (its width, else `COLUMNS`, else 80), ids,
//! URLs, event names and secrets never cut, colour never changing a width, `--show-secret`
//! in tables.

use crate::common::{Home, json_out, run_in_pty_with, stderr, stdout};
use crate::fakes::atelio::FakeAtelio;
use crate::fakes::qolo::FakeQolo;

/// Long URLs (but shorter than a line of 80) and Atelio's longest event name.
const URL_A: &str = "https://hooks.example-merchant.com/webhooks/atelio/production/1";
const URL_B: &str = "https://hooks.example-merchant.com/webhooks/atelio/staging/2";
const LONG_EVENT: &str = "commercial.credit_application.resubmit_required";

/// A HOME with an Atelio profile `a` (default, two subscriptions with long URLs) and a Qolo
/// profile `q` (three), plus the ids and URLs of all of them.
struct World {
    home: Home,
    ids: Vec<String>,
    urls: Vec<String>,
    _a: FakeAtelio,
    _q: FakeQolo,
}

fn world() -> World {
    let a = FakeAtelio::start();
    let q = FakeQolo::start();
    let home = Home::new();
    a.add_profile(&home, "a");
    q.add_profile(&home, "q", &[]);
    let out = home.cmd().args(["profile", "use", "a"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let s1 = a.seed(
        URL_A,
        &["card.created", LONG_EVENT, "kyc.verification.success"],
    );
    let s2 = a.seed(URL_B, &["card.status.active"]);
    let guids = q.seed(3);
    let mut ids = vec![s1.id, s2.id];
    ids.extend(guids);
    let mut urls = vec![URL_A.to_string(), URL_B.to_string()];
    urls.extend(
        (0..=3)
            .filter(|i| *i != 1)
            .map(|i| format!("https://example.com/seed/{i}")),
    );
    World {
        home,
        ids,
        urls,
        _a: a,
        _q: q,
    }
}

/// What a terminal shows in the end: no colour escapes, of a line redrawn after a carriage
/// return (stderr's progress spinner) only its last text, no pty driver trailer.
fn screen(raw: &str) -> String {
    let mut plain = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
        .split('\n')
        .map(|l| l.split('\r').rfind(|s| !s.is_empty()).unwrap_or(""))
        .filter(|l| !l.starts_with("[pty echo after exit"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

/// Asserts every line fits in `width` columns and every token is shown whole on one line.
fn assert_fits(what: &str, text: &str, width: usize, tokens: &[String]) {
    assert!(!text.trim().is_empty(), "{what}: no output");
    for line in text.lines() {
        let w = line.chars().count();
        assert!(
            w <= width,
            "{what}: a line of {w} columns on {width}:\n{line}\n---\n{text}"
        );
    }
    for t in tokens {
        assert!(
            text.lines()
                .any(|l| l.split([' ', ',']).any(|word| word == t.as_str())),
            "{what}: '{t}' not shown whole on one line:\n{text}"
        );
    }
}

fn pty(home: &Home, cols: u16, args: &[&str], env: &[(&str, &str)]) -> String {
    let (code, raw) = run_in_pty_with(home, args, "", Some(cols), env);
    assert_eq!(code, Some(0), "{args:?}: {raw}");
    screen(&raw)
}

fn event_names(home: &Home, args: &[&str]) -> Vec<String> {
    let out = home
        .cmd()
        .args(["events", "list", "-o", "json"])
        .args(args)
        .output()
        .unwrap();
    json_out(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_80_column_terminal_gets_tables_that_fit_with_every_token_whole() {
    let w = world();
    let h = &w.home;
    let every_event = event_names(h, &[]);
    assert!(every_event.contains(&LONG_EVENT.to_string()));
    let text = pty(h, 80, &["events", "list"], &[]);
    assert_fits("events list", &text, 80, &every_event);
    assert!(text.contains("EVENT"), "a table, not blocks:\n{text}");

    let text = pty(h, 80, &["providers"], &[]);
    let signatures = ["Bond-Signature", "x-qolo-signature", "X-Sturdy-Signature"];
    let tokens: Vec<String> = ["atelio", "qolo", "sturdy", "prune", "graph"]
        .into_iter()
        .chain(signatures)
        .map(String::from)
        .collect();
    assert_fits("providers", &text, 80, &tokens);
    // One block per provider, every capability readable.
    assert!(text.contains("delete path assumed"), "{text}");

    let mut atelio: Vec<String> = w.ids[..2].to_vec();
    atelio.extend(w.urls[..2].iter().cloned());
    atelio.extend([LONG_EVENT.to_string(), "card.status.active".into()]);
    assert_fits("list", &pty(h, 80, &["list"], &[]), 80, &atelio);

    let mut qolo: Vec<String> = w.ids[2..].to_vec();
    qolo.extend(w.urls[2..].iter().cloned());
    assert_fits(
        "list -p q",
        &pty(h, 80, &["-p", "q", "list"], &[]),
        80,
        &qolo,
    );

    let mut all = w.ids.clone();
    all.extend(w.urls.iter().cloned());
    let text = pty(h, 80, &["list", "--all-profiles"], &[]);
    assert_fits("list --all-profiles", &text, 80, &all);

    let text = pty(h, 80, &["get", &w.ids[0]], &[]);
    let tokens = [w.ids[0].clone(), URL_A.into(), LONG_EVENT.into()];
    assert_fits("get", &text, 80, &tokens);

    let text = pty(h, 80, &["profile", "list"], &[]);
    assert_fits("profile list", &text, 80, &["a".into(), "q".into()]);
}

#[test]
fn the_width_comes_from_the_terminal_before_columns() {
    let w = world();
    let h = &w.home;
    // A wide COLUMNS does not beat an 80-column terminal.
    let text = pty(h, 80, &["list"], &[("COLUMNS", "300")]);
    assert_fits("list", &text, 80, &w.ids[..2]);
    // A wide terminal: one line per subscription, with ids and URLs whole.
    let text = pty(h, 200, &["list"], &[]);
    assert_fits("list at 200", &text, 200, &w.urls[..2]);
    let row = text.lines().find(|l| l.contains(&w.ids[0])).unwrap();
    assert!(row.contains(URL_A), "one line per subscription:\n{text}");
}

#[test]
fn a_terminal_reporting_0_columns_gets_80_or_columns() {
    let h = Home::new();
    let piped = |cols: &str| {
        let out = h
            .cmd()
            .env("COLUMNS", cols)
            .args(["events", "list", "-o", "table"])
            .output()
            .unwrap();
        assert!(out.status.success());
        stdout(&out).trim_end().to_string()
    };
    let text = pty(&h, 0, &["events", "list"], &[]);
    assert_fits("0 columns", &text, 80, &[]);
    assert!(
        text.lines().count() < 200,
        "not 1-column cells: {} lines",
        text.lines().count()
    );
    assert_eq!(
        text,
        piped("80"),
        "a 0-column terminal is laid out as 80 columns"
    );
    let text = pty(&h, 0, &["events", "list"], &[("COLUMNS", "120")]);
    assert_eq!(text, piped("120"), "…or as COLUMNS says");
}

#[test]
fn columns_sets_the_width_when_stdout_is_not_a_terminal() {
    let w = world();
    let h = &w.home;
    let run = |cols: Option<&str>, args: &[&str]| {
        let mut cmd = h.cmd();
        if let Some(c) = cols {
            cmd.env("COLUMNS", c);
        }
        let out = cmd.args(args).args(["-o", "table"]).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let events = event_names(h, &[]);
    // Qolo's ids and URLs (Atelio's URLs are too long for a line of 60).
    let mut subs = w.ids[2..].to_vec();
    subs.extend(w.urls[2..].iter().cloned());
    for (cols, width) in [(Some("60"), 60), (Some("200"), 200), (None, 80)] {
        assert_fits(
            "events list",
            &run(cols, &["events", "list"]),
            width,
            &events,
        );
        let providers = run(cols, &["providers"]);
        assert_fits("providers", &providers, width, &["Bond-Signature".into()]);
        assert_fits("list", &run(cols, &["-p", "q", "list"]), width, &subs);
        // A narrow width gets a block per provider, a wide one a line per provider.
        let one_line = providers
            .lines()
            .any(|l| l.starts_with("qolo") && l.contains("x-qolo-signature"));
        assert_eq!(one_line, width == 200, "{providers}");
    }
    // At 60 columns an event list no longer fits as a table: key: value blocks, and a name
    // too long for its place on a line of its own.
    let text = run(Some("60"), &["events", "list", "--provider", "atelio"]);
    assert!(text.contains("\nevent:        card.created\n"), "{text}");
    assert!(
        text.contains(&format!("\nevent:\n  {LONG_EVENT}\n")),
        "{text}"
    );
}

#[test]
fn colour_choices_never_change_a_width() {
    let h = Home::new();
    let args = ["events", "list", "--provider", "qolo"];
    let (_, coloured) = run_in_pty_with(&h, &args, "", Some(80), &[("TERM", "xterm")]);
    assert!(
        coloured.contains("\x1b[1m"),
        "bold headers on a terminal: {coloured}"
    );
    let coloured = screen(&coloured);
    assert_fits(
        "colour",
        &coloured,
        80,
        &event_names(&h, &["--provider", "qolo"]),
    );
    for env in [
        [("TERM", "xterm"), ("NO_COLOR", "1")],
        [("TERM", "dumb"), ("NO_COLOR", "")],
    ] {
        let (_, raw) = run_in_pty_with(&h, &args, "", Some(80), &env);
        assert!(!raw.contains("\x1b["), "{env:?}: no escapes: {raw}");
        assert_eq!(
            screen(&raw),
            coloured,
            "{env:?} lays the table out the same"
        );
    }
}

#[test]
fn show_secret_shows_the_secret_in_tables_too() {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "a");
    let sub = fake.seed(URL_A, &["card.created"]);
    let full = sub.secret.clone();
    let table = |args: &[&str], cols: &str| {
        let out = home
            .cmd()
            .env("COLUMNS", cols)
            .args(args)
            .args(["-o", "table"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    for cols in ["80", "250"] {
        for args in [
            &["list"][..],
            &["list", "--all-profiles"],
            &["get", sub.id.as_str()],
        ] {
            let hidden = table(args, cols);
            assert!(!hidden.contains(&full), "{args:?} masks:\n{hidden}");
            let mut shown: Vec<&str> = args.to_vec();
            shown.push("--show-secret");
            let text = table(&shown, cols);
            let width = cols.parse().unwrap();
            assert_fits(
                &format!("{shown:?}"),
                &text,
                width,
                &[full.clone(), sub.id.clone()],
            );
        }
    }
    // JSON is unchanged by the table work: the contract's fields, the secret masked.
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    let v = json_out(&out);
    assert_eq!(v[0]["id"], sub.id.as_str());
    assert_ne!(v[0]["secret"], full.as_str());
}
