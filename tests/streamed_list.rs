//! `list -o json` and `list -q` of one profile are written while the list is read: the same
//! bytes as the buffered path for a whole list, nothing for a shapeless answer, and no
//! closing `]` when the list fails partway.

use crate::common::{Home, stderr, stdout};
use crate::fakes::Fault;
use crate::fakes::atelio::FakeAtelio;
use crate::fakes::qolo::FakeQolo;

/// `list -o json` streamed, and the same list through the buffered path (`--all-profiles`
/// of the one profile writes each subscription with the same JSON): byte for byte equal.
fn streamed_and_buffered(home: &Home, extra: &[&str]) -> (String, String) {
    let run = |args: &[&str]| {
        let out = home.cmd().args(args).args(extra).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    (
        run(&["list", "-o", "json"]),
        run(&["list", "--all-profiles", "-o", "json"]),
    )
}

fn atelio() -> (Home, FakeAtelio) {
    let fake = FakeAtelio::start();
    let home = Home::new();
    fake.add_profile(&home, "t");
    (home, fake)
}

/// The fake answers the list with `body` (status 200) from now on.
fn answer_list(fake: &FakeAtelio, body: &str) {
    let mut f = Fault::new("GET", "/webhooks", 200, usize::MAX);
    f.body = body.into();
    fake.fault(f);
}

#[test]
fn a_streamed_atelio_list_is_the_buffered_json_byte_for_byte() {
    let (home, fake) = atelio();
    for i in 0..5 {
        fake.seed(&format!("https://example.com/h/{i}"), &["card.created"]);
    }
    for extra in [&[][..], &["--show-secret"]] {
        let (streamed, buffered) = streamed_and_buffered(&home, extra);
        assert_eq!(streamed, buffered, "{extra:?}");
        let v: serde_json::Value = serde_json::from_str(&streamed).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 5);
        assert_eq!(streamed, serde_json::to_string_pretty(&v).unwrap() + "\n");
    }
    let out = home.cmd().args(["list", "-q"]).output().unwrap();
    let ids: Vec<String> = fake.subs().iter().map(|s| s.id.clone()).collect();
    assert_eq!(stdout(&out), ids.join("\n") + "\n");
}

#[test]
fn a_streamed_qolo_list_of_several_pages_is_the_buffered_json_byte_for_byte() {
    let fake = FakeQolo::start();
    let home = Home::new();
    fake.add_profile(&home, "q", &[]);
    let guids = fake.seed(25);
    let (streamed, buffered) = streamed_and_buffered(&home, &["--show-secret"]);
    assert_eq!(streamed, buffered);
    let v: serde_json::Value = serde_json::from_str(&streamed).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids, guids,
        "three pages, the other program's webhook left out"
    );
    let (streamed, buffered) = streamed_and_buffered(&home, &[]);
    assert_eq!(streamed, buffered);

    // A later page that cannot be read: the first page's webhooks were written, the list
    // is not closed, and the run fails with the error's exit code.
    let mut f = Fault::new("GET", "/webhooks", 200, usize::MAX);
    f.body = r#"{"has_more": true, "data": 3}"#.into();
    f.skip = 1;
    fake.fault(f);
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.starts_with("[\n  {"), "{printed}");
    assert!(!printed.trim_end().ends_with(']'), "{printed}");
    assert!(serde_json::from_str::<serde_json::Value>(&printed).is_err());
    assert_eq!(printed.matches("\"id\":").count(), 10, "{printed}");
}

#[test]
fn an_empty_list_is_an_empty_array() {
    let (home, _fake) = atelio();
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "[]\n");
    let out = home.cmd().args(["list", "-q"]).output().unwrap();
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
}

#[test]
fn a_shapeless_answer_prints_nothing() {
    for body in [
        r#"{"webhook_subscriptions": 3}"#,
        r#"{"webhook_subscriptions": {"id": "x"}}"#,
        r#"{"data": [{"id": "x"}]}"#,
        "[",
    ] {
        let (home, fake) = atelio();
        answer_list(&fake, body);
        for args in [&["list", "-o", "json"][..], &["list", "-q"]] {
            let out = home.cmd().args(args).output().unwrap();
            assert_eq!(out.status.code(), Some(7), "{body}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("unexpected answer"),
                "{}",
                stderr(&out)
            );
            assert_eq!(stdout(&out), "", "{body} {args:?}: nothing printed");
        }
    }
}

#[test]
fn a_failure_partway_leaves_what_was_written_and_no_closing_bracket() {
    let item = |id: &str| {
        format!(
            r#"{{"id": "{id}", "url": "https://example.com/{id}", "events": ["card.created"], "status": "enabled"}}"#
        )
    };
    let (a, b) = (item("a1"), item("b2"));
    for (body, why) in [
        (
            format!(
                r#"{{"webhook_subscriptions": [{a}, {b}, {{"url": "no id"}}, {}]}}"#,
                item("c3")
            ),
            "item 3 is not a subscription",
        ),
        (
            format!(r#"{{"webhook_subscriptions": [{a}, {b}, {{"id": "c3", "ur"#),
            "EOF while parsing",
        ),
    ] {
        let (home, fake) = atelio();
        answer_list(&fake, &body);
        let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
        let printed = stdout(&out);
        assert!(
            printed.starts_with("[\n  {\n    \"id\": \"a1\""),
            "{printed}"
        );
        assert!(printed.contains("\"id\": \"b2\""), "{printed}");
        assert!(printed.ends_with("  }"), "not closed: {printed}");
        assert!(serde_json::from_str::<serde_json::Value>(&printed).is_err());
        let out = home.cmd().args(["list", "-q"]).output().unwrap();
        assert_eq!(
            (out.status.code(), stdout(&out)),
            (Some(7), "a1\nb2\n".to_string())
        );
    }
}

#[test]
fn tables_and_jq_still_read_the_whole_list_first() {
    let (home, fake) = atelio();
    fake.seed("https://example.com/h", &["card.created"]);
    let out = home
        .cmd()
        .args(["list", "--jq", ".[].url"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "https://example.com/h\n", "{}", stderr(&out));
    answer_list(
        &fake,
        r#"{"webhook_subscriptions": [{"id": "a1"}, {"url": "no id"}]}"#,
    );
    for args in [&["list", "-o", "table"][..], &["list", "--jq", ".[].id"]] {
        let out = home.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

/// A server on 127.0.0.1 that answers the one request it gets with `respond`, writing to
/// the socket as it likes; returns the base URL and how many requests came (once joined).
fn raw_server(
    respond: impl FnOnce(&mut std::net::TcpStream) + Send + 'static,
) -> (String, std::thread::JoinHandle<usize>) {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api/v0.1", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        conn.set_nodelay(true).unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8];
        while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap() == 1 {
            head.push(byte[0]);
        }
        respond(&mut conn);
        drop(conn);
        // Any request after the first (a retry) is counted, not answered.
        listener.set_nonblocking(true).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
        1 + std::iter::from_fn(|| listener.accept().ok()).count()
    });
    (base, server)
}

fn raw_profile(base: &str) -> Home {
    let home = Home::new();
    crate::fakes::add_profile(
        &home,
        "t",
        &[
            "--provider",
            "atelio",
            "--base-url",
            base,
            "--identity",
            "i",
        ],
        "k",
    );
    home
}

fn items(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            format!(
                r#"{{"id": "{id}", "url": "https://example.com/{id}", "events": ["card.\"created\"", "x\u00e9"], "status": "enabled", "secret": "whsec_{id}abcdefghijk", "n": -12.5e3}}"#
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn an_answer_arriving_in_small_pieces_is_read_as_the_whole_one() {
    use std::io::Write;
    let body = format!(
        r#"{{"total": {{"n": [1, 2.5, "]"]}}, "webhook_subscriptions": [{}], "more": true}}"#,
        items(&["a1", "b2", "c3", "d4"])
    );
    let whole = {
        let body = body.clone();
        let (base, server) = raw_server(move |conn| {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            conn.write_all(head.as_bytes()).unwrap();
            conn.write_all(body.as_bytes()).unwrap();
        });
        let home = raw_profile(&base);
        let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(server.join().unwrap(), 1);
        stdout(&out)
    };
    let (base, server) = raw_server(move |conn| {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        conn.write_all(head.as_bytes()).unwrap();
        // Seven bytes at a time: cuts inside strings, escapes, numbers and keys.
        for piece in body.as_bytes().chunks(7) {
            conn.write_all(piece).unwrap();
            conn.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    });
    let home = raw_profile(&base);
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.join().unwrap(), 1);
    assert_eq!(stdout(&out), whole);
    let listed: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "b2", "c3", "d4"]);
    assert_eq!(listed[0]["events"][1], "x\u{e9}");
}

#[test]
fn a_connection_cut_partway_keeps_what_arrived_and_is_not_retried() {
    use std::io::Write;
    let (base, server) = raw_server(|conn| {
        let part = format!(
            r#"{{"webhook_subscriptions": [{}, {{"id": "c3", "#,
            items(&["a1", "b2"])
        );
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(part.as_bytes()).unwrap();
        conn.flush().unwrap();
    });
    let home = raw_profile(&base);
    let out = home.cmd().args(["list", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reading the answer from 127.0.0.1"),
        "{}",
        stderr(&out)
    );
    let printed = stdout(&out);
    assert!(
        printed.contains("\"id\": \"b2\"") && printed.ends_with("  }"),
        "{printed}"
    );
    assert!(!printed.contains("c3"), "{printed}");
    assert!(!stderr(&out).contains("whsec_a1"), "{}", stderr(&out));
    // What was read may have been used: the request is not made again.
    assert_eq!(server.join().unwrap(), 1);
}
