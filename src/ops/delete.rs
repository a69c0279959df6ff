//! Deleting one or many subscriptions, several at a time, with one outcome per id.

use futures_util::StreamExt;

use super::{Handle, Outcome, Prompter, Report, resolve_handles};
use crate::error::{self, Error};
use crate::providers::{Op, Provider};

/// What to delete: subscriptions named by id or URL, each already checked, in the order
/// given.
#[derive(Debug, Clone)]
pub struct DeleteRequest {
    /// The profile the subscriptions belong to (named in the question).
    pub profile: String,
    pub handles: Vec<Handle>,
    /// How many deletions run at once (at least 1).
    pub concurrency: usize,
    /// Preview the requests and send nothing (a URL is still looked up in the list).
    pub dry_run: bool,
}

/// The outcome of a batch: each id with its result, in the order given, and the batch's
/// error when something failed ("N of M deletions failed", the worst failure's kind).
#[derive(Debug)]
pub struct Deleted {
    pub outcomes: Vec<(String, Result<(), Error>)>,
    pub failure: Option<Error>,
}

/// Deletes the subscriptions of `req`, after asking `prompter`. The handles are resolved
/// first, every one of them (one list read when URLs are among them; each id once): a URL
/// that names no subscription, or several, is the error and nothing is deleted. With one id,
/// its failure is the error; with several, every id is tried and the outcomes come back
/// with the batch's error, for the caller to show before it fails.
pub async fn delete(
    provider: &dyn Provider,
    req: &DeleteRequest,
    report: &dyn Report,
    prompter: &dyn Prompter,
) -> Result<Outcome<Deleted>, Error> {
    let ids = &resolve_handles(provider, &req.handles).await?;
    if req.dry_run {
        let mut reqs = Vec::new();
        for id in ids {
            reqs.extend(provider.preview(Op::Delete(id))?);
        }
        return Ok(Outcome::Preview(reqs));
    }
    prompter.confirm(&format!(
        "Delete {} {} subscription{} ({}) of profile '{}'?",
        ids.len(),
        provider.kind(),
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", "),
        req.profile
    ))?;
    let progress = report.progress(ids.len() as u64, "deleting");
    let progress = &progress;
    let mut results: Vec<(usize, String, Result<(), Error>)> =
        futures_util::stream::iter(ids.iter().cloned().enumerate())
            .map(|(i, id)| async move {
                let r = provider.delete(&id).await;
                progress.step();
                (i, id, r)
            })
            .buffer_unordered(req.concurrency.max(1))
            .collect()
            .await;
    progress.finish();
    results.sort_by_key(|r| r.0);
    let outcomes: Vec<(String, Result<(), Error>)> =
        results.into_iter().map(|(_, id, r)| (id, r)).collect();
    let total = outcomes.len();
    if total == 1
        && let Some((_, Err(e))) = outcomes.first()
    {
        return Err(Error::new(e.kind, e.message.clone()));
    }
    let failure = error::batch(
        outcomes.iter().filter_map(|(_, r)| r.as_ref().err()),
        total,
        "deletions",
        "",
    );
    Ok(Outcome::Done(Deleted { outcomes, failure }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::ops::testkit::{Memory, Recorder, block, sub};

    fn three() -> Memory {
        Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[
                sub("a", "https://a.example/h", &[]),
                sub("b", "https://b.example/h", &[]),
                sub("c", "https://c.example/h", &[]),
            ],
        )
    }

    fn req(ids: &[&str]) -> DeleteRequest {
        DeleteRequest {
            profile: "live".into(),
            handles: ids
                .iter()
                .map(|h| {
                    if Handle::is_url(h) {
                        Handle::url(h).unwrap()
                    } else {
                        Handle::Id(h.to_string())
                    }
                })
                .collect(),
            concurrency: 2,
            dry_run: false,
        }
    }

    fn done(o: Outcome<Deleted>) -> Deleted {
        match o {
            Outcome::Done(d) => d,
            Outcome::Preview(_) => panic!("a preview"),
        }
    }

    #[test]
    fn urls_are_resolved_with_one_list_and_each_subscription_goes_once() {
        let p = three();
        let ui = Recorder::answering(true);
        let d = done(
            block(delete(
                &p,
                &req(&["https://c.example/h", "a", "c", "https://a.example/h"]),
                &ui,
                &ui,
            ))
            .unwrap(),
        );
        let ids: Vec<&str> = d.outcomes.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["c", "a"]);
        assert!(d.failure.is_none());
        assert_eq!(p.ids(), ["b".to_string()].into());
        assert_eq!(p.calls(), ["list", "delete c", "delete a"]);
        assert_eq!(
            ui.asked(),
            ["Delete 2 atelio subscriptions (c, a) of profile 'live'?"]
        );
    }

    #[test]
    fn a_url_naming_none_or_several_deletes_nothing_and_asks_nothing() {
        let p = Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[
                sub("a", "https://a.example/h", &[]),
                sub("b", "https://same.example/h", &[]),
                sub("c", "https://same.example/h", &[]),
            ],
        );
        let ui = Recorder::answering(true);
        let none = block(delete(&p, &req(&["a", "https://x.example/h"]), &ui, &ui)).unwrap_err();
        assert_eq!(none.kind, Kind::NotFound);
        let several =
            block(delete(&p, &req(&["a", "https://same.example/h"]), &ui, &ui)).unwrap_err();
        assert_eq!(several.kind, Kind::Usage);
        assert!(several.message.contains("(b, c)"), "{several}");
        assert!(p.changes().is_empty(), "{:?}", p.changes());
        assert!(ui.asked().is_empty());
        // A dry run by URL reads the list and previews the resolved id.
        let mut dry = req(&["https://a.example/h"]);
        dry.dry_run = true;
        match block(delete(&p, &dry, &ui, &ui)).unwrap() {
            Outcome::Preview(reqs) => assert_eq!(reqs[0].url, "memory:/subs/a"),
            Outcome::Done(_) => panic!("a dry run deleted"),
        }
        assert!(p.changes().is_empty(), "{:?}", p.changes());
    }

    #[test]
    fn one_failing_id_among_several_is_reported_per_id_and_the_rest_are_deleted() {
        let p = three().failing("b", Kind::Rejected);
        let ui = Recorder::answering(true);
        let d = done(block(delete(&p, &req(&["a", "b", "c"]), &ui, &ui)).unwrap());
        let shown: Vec<(&str, bool)> = d
            .outcomes
            .iter()
            .map(|(id, r)| (id.as_str(), r.is_ok()))
            .collect();
        assert_eq!(shown, [("a", true), ("b", false), ("c", true)]);
        let e = d.failure.expect("the batch failed");
        assert_eq!(e.kind, Kind::Rejected);
        assert_eq!(e.message, "1 of 3 deletions failed");
        assert_eq!(p.ids(), ["b".to_string()].into());
        assert_eq!(
            ui.asked(),
            ["Delete 3 atelio subscriptions (a, b, c) of profile 'live'?"]
        );
        assert_eq!(*ui.steps.lock().unwrap(), 3);
    }

    #[test]
    fn the_worst_failure_decides_the_kind() {
        let p = three()
            .failing("a", Kind::NotFound)
            .failing("c", Kind::Unavailable);
        let ui = Recorder::answering(true);
        let d = done(block(delete(&p, &req(&["a", "b", "c"]), &ui, &ui)).unwrap());
        let e = d.failure.unwrap();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (Kind::Unavailable, "2 of 3 deletions failed")
        );
    }

    #[test]
    fn a_single_id_that_fails_is_the_error_itself() {
        let p = three().failing("a", Kind::NotFound);
        let ui = Recorder::answering(true);
        let e = block(delete(&p, &req(&["a"]), &ui, &ui)).unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), (Kind::NotFound, "a refused"));
        assert_eq!(
            ui.asked(),
            ["Delete 1 atelio subscription (a) of profile 'live'?"]
        );
    }

    #[test]
    fn nothing_is_deleted_without_a_yes_or_in_a_dry_run() {
        let p = three();
        let no = Recorder::answering(false);
        let e = block(delete(&p, &req(&["a", "b"]), &no, &no)).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        let mut dry = req(&["a", "b"]);
        dry.dry_run = true;
        match block(delete(&p, &dry, &no, &no)).unwrap() {
            Outcome::Preview(reqs) => {
                let urls: Vec<&str> = reqs.iter().map(|r| r.url.as_str()).collect();
                assert_eq!(urls, ["memory:/subs/a", "memory:/subs/b"]);
            }
            Outcome::Done(_) => panic!("a dry run deleted"),
        }
        assert!(p.changes().is_empty(), "{:?}", p.changes());
        assert_eq!(p.ids().len(), 3);
        assert_eq!(no.asked().len(), 1, "a dry run asks nothing");
    }
}
