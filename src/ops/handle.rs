//! Naming a subscription on the command line: by its id, or by its delivery URL.
//!
//! A URL survives what an id does not: Atelio rotates a secret by replacement, so the id
//! changes on every rotation while the URL stays. `get`, `update`, `delete` and
//! `rotate-secret` take either; a URL selects the profile's one subscription with exactly
//! that URL (compared as `whctl list` shows it: no case folding, no trailing-slash
//! normalisation, only the argument's surrounding white space dropped). None is exit 4,
//! several are exit 2 (pass an id). Finding a URL reads the list, even with `--dry-run`
//! (reads are not changes); an id costs no request.

use std::fmt;

use crate::error::Error;
use crate::providers::{Provider, ProviderKind, Subscription};

/// The longest URL taken as a handle from the command line.
pub const MAX_URL: usize = 8 * 1024;

/// How the command line names a subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handle {
    /// Its id, already checked (see `commands::parse_id`).
    Id(String),
    /// Its delivery URL, trimmed.
    Url(String),
}

impl Handle {
    /// Whether an argument names a subscription by URL: it starts with `http://` or
    /// `https://`, in any case, once trimmed.
    pub fn is_url(arg: &str) -> bool {
        let a = arg.trim_start().as_bytes();
        ["http://", "https://"]
            .iter()
            .any(|p| a.len() >= p.len() && a[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
    }

    /// A URL handle from an argument that [`Handle::is_url`]: trimmed; one holding a
    /// control character or longer than [`MAX_URL`] bytes is a usage error.
    pub fn url(arg: &str) -> Result<Handle, Error> {
        let url = arg.trim();
        if url.chars().any(char::is_control) {
            return Err(Error::usage(
                "not a subscription URL: it holds a control character (see `whctl list`)",
            ));
        }
        if url.len() > MAX_URL {
            return Err(Error::usage(format!(
                "not a subscription URL: {} bytes, more than {MAX_URL}",
                url.len()
            )));
        }
        Ok(Handle::Url(url.to_string()))
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Handle::Id(s) | Handle::Url(s) => f.write_str(s),
        }
    }
}

/// The id of the subscription `handle` names: an id as it is (no request), a URL found in
/// the provider's list (see [`id_of_url`]).
pub async fn resolve_handle(provider: &dyn Provider, handle: &Handle) -> Result<String, Error> {
    match handle {
        Handle::Id(id) => Ok(id.clone()),
        Handle::Url(url) => id_of_url(provider.kind(), &provider.list().await?, url),
    }
}

/// The ids of several handles, in the order given, each once (a URL naming a subscription
/// whose id was also given counts once). The list is read once, and only when a URL is
/// among them. Any handle that names no subscription, or several, is the error: nothing
/// is returned for the others, so nothing is changed.
pub async fn resolve_handles(
    provider: &dyn Provider,
    handles: &[Handle],
) -> Result<Vec<String>, Error> {
    let listed = if handles.iter().any(|h| matches!(h, Handle::Url(_))) {
        provider.list().await?
    } else {
        Vec::new()
    };
    let mut ids: Vec<String> = Vec::new();
    for h in handles {
        let id = match h {
            Handle::Id(id) => id.clone(),
            Handle::Url(url) => id_of_url(provider.kind(), &listed, url)?,
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The subscription `handle` names, as the provider's get-one reads it.
pub async fn get(provider: &dyn Provider, handle: &Handle) -> Result<Subscription, Error> {
    let id = resolve_handle(provider, handle).await?;
    provider.get(&id).await
}

/// The id of the one subscription in `subs` whose URL is exactly `url`. None is a
/// not-found error (exit 4) that names a URL differing only in case or a trailing slash, if
/// there is one; several (e.g. Prune's `event` and `callback` set to one URL, or a rotation
/// by replacement that could not delete the old subscription) is a usage error (exit 2)
/// naming their ids.
pub fn id_of_url(kind: ProviderKind, subs: &[Subscription], url: &str) -> Result<String, Error> {
    let url = url.trim();
    let matching: Vec<&str> = subs
        .iter()
        .filter(|s| s.url == url)
        .map(|s| s.id.as_str())
        .collect();
    match matching.as_slice() {
        [id] => Ok(id.to_string()),
        [] => {
            let loose = |u: &str| u.trim_end_matches('/').to_ascii_lowercase();
            let near: Vec<&str> = subs
                .iter()
                .filter(|s| !s.url.is_empty() && loose(&s.url) == loose(url))
                .map(|s| s.url.as_str())
                .collect();
            let hint = match near.first() {
                Some(u) => format!(" (URLs are compared exactly: did you mean {u}?)"),
                None => " (see `whctl list`)".to_string(),
            };
            Err(Error::not_found(format!(
                "no {kind} subscription has the URL {url}{hint}"
            )))
        }
        ids => Err(Error::usage(format!(
            "{} {kind} subscriptions have the URL {url} ({}): pass the id of the one you mean",
            ids.len(),
            ids.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::ops::testkit::{Memory, block, kind, sub};

    fn two() -> Memory {
        Memory::new(
            kind("atelio"),
            &[
                sub("a", "https://a.example/h", &[]),
                sub("b", "https://b.example/h", &[]),
            ],
        )
    }

    fn url(u: &str) -> Handle {
        Handle::url(u).unwrap()
    }

    #[test]
    fn urls_are_told_from_ids_by_their_scheme_in_any_case() {
        for arg in [
            "https://a.example/h",
            "http://127.0.0.1:8/x",
            "HTTPS://A.example",
            " Http://x",
        ] {
            assert!(Handle::is_url(arg), "{arg}");
        }
        for arg in [
            "522e9ec7-b17d",
            "ntf-0001",
            "event",
            "https:",
            "ftp://x.example",
            "httpsx://x",
            "",
        ] {
            assert!(!Handle::is_url(arg), "{arg}");
        }
        assert_eq!(
            Handle::url("  https://a.example/h \n").unwrap(),
            Handle::Url("https://a.example/h".into())
        );
        assert_eq!(
            Handle::url("https://a.example/\u{1b}[31m")
                .unwrap_err()
                .kind,
            Kind::Usage
        );
        let long = format!("https://a.example/{}", "x".repeat(MAX_URL));
        assert_eq!(Handle::url(&long).unwrap_err().kind, Kind::Usage);
    }

    #[test]
    fn an_id_costs_no_request_and_a_url_one_list() {
        let p = two();
        let id = block(resolve_handle(&p, &Handle::Id("zz".into()))).unwrap();
        assert_eq!(id, "zz");
        assert!(p.calls().is_empty());
        let id = block(resolve_handle(&p, &url("https://b.example/h"))).unwrap();
        assert_eq!(id, "b");
        assert_eq!(p.calls(), ["list"]);
    }

    #[test]
    fn a_url_no_subscription_has_is_not_found() {
        let p = two();
        let e = block(resolve_handle(&p, &url("https://c.example/h"))).unwrap_err();
        assert_eq!(e.kind, Kind::NotFound);
        assert_eq!(
            e.message,
            "no atelio subscription has the URL https://c.example/h (see `whctl list`)"
        );
        // Compared exactly, but a near miss is named.
        for near in ["https://a.example/h/", "HTTPS://A.EXAMPLE/h"] {
            let e = block(resolve_handle(&p, &url(near))).unwrap_err();
            assert_eq!(e.kind, Kind::NotFound, "{near}");
            assert!(
                e.message.ends_with("did you mean https://a.example/h?)"),
                "{e}"
            );
        }
        assert!(p.changes().is_empty());
    }

    #[test]
    fn a_url_several_subscriptions_have_is_a_usage_error_naming_them() {
        let p = Memory::new(
            kind("atelio"),
            &[
                sub("a", "https://same.example/h", &[]),
                sub("b", "https://other.example/h", &[]),
                sub("c", "https://same.example/h", &[]),
            ],
        );
        let e = block(resolve_handle(&p, &url("https://same.example/h"))).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert_eq!(
            e.message,
            "2 atelio subscriptions have the URL https://same.example/h (a, c): pass the id of the one you mean"
        );
    }

    #[test]
    fn account_urls_follow_the_same_rule() {
        // Prune: the account's two URLs; an unset one (empty) is never matched.
        let prune = |event: &str, callback: &str| {
            Memory::new(
                kind("prune"),
                &[sub("event", event, &[]), sub("callback", callback, &[])],
            )
        };
        let p = prune("https://e.example/h", "");
        assert_eq!(
            block(resolve_handle(&p, &url("https://e.example/h"))).unwrap(),
            "event"
        );
        let p = prune("https://e.example/h", "https://e.example/h");
        let e = block(resolve_handle(&p, &url("https://e.example/h"))).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        // The in-memory provider lists them in id order.
        assert!(e.message.contains("(callback, event)"), "{e}");
    }

    #[test]
    fn several_handles_read_the_list_once_and_keep_each_id_once() {
        let p = two();
        let handles = [
            url("https://b.example/h"),
            Handle::Id("a".into()),
            Handle::Id("b".into()),
            url("https://a.example/h"),
            Handle::Id("gone".into()),
        ];
        let ids = block(resolve_handles(&p, &handles)).unwrap();
        assert_eq!(ids, ["b", "a", "gone"]);
        assert_eq!(p.calls(), ["list"]);
        // Ids alone: no request at all.
        let p = two();
        let ids = block(resolve_handles(
            &p,
            &[Handle::Id("a".into()), Handle::Id("a".into())],
        ))
        .unwrap();
        assert_eq!(ids, ["a"]);
        assert!(p.calls().is_empty());
        // One URL that names nothing fails them all.
        let e = block(resolve_handles(
            &p,
            &[Handle::Id("a".into()), url("https://c.example/h")],
        ))
        .unwrap_err();
        assert_eq!(e.kind, Kind::NotFound);
    }

    #[test]
    fn get_by_url_reads_the_one_subscription() {
        let p = two();
        let s = block(get(&p, &url("https://a.example/h"))).unwrap();
        assert_eq!(s.id, "a");
        assert_eq!(p.calls(), ["list", "get a"]);
        let mut failing = two();
        failing.fail_list = Some(Kind::Unavailable);
        let e = block(get(&failing, &url("https://a.example/h"))).unwrap_err();
        assert_eq!(e.kind, Kind::Unavailable);
    }
}
