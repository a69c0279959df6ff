//! Changing a subscription: the flags' change, with `--add-events`/`--remove-events` merged
//! into the current events so that no event is dropped that was not asked to be.

use super::{Handle, Outcome, Prompter, confirm_replace, resolve_handle};
use crate::catalog::Pattern;
use crate::error::Error;
use crate::providers::{Change, Op, Provider, Subscription};

/// An update as asked for, every flag already checked.
#[derive(Debug, Clone)]
pub struct UpdateRequest {
    /// The profile of the subscription (named if a question is asked).
    pub profile: String,
    /// The subscription, by id or URL.
    pub handle: Handle,
    /// URL, description, status, and `--events` (a replacement list) as given.
    pub change: Change,
    /// `--add-events`, in the form the provider receives.
    pub add: Vec<String>,
    /// `--remove-events`.
    pub remove: Vec<Pattern>,
    /// Preview the request and send nothing.
    pub dry_run: bool,
}

impl UpdateRequest {
    /// Whether the request asks for nothing at all.
    pub fn is_empty(&self) -> bool {
        self.change.is_empty() && self.add.is_empty() && self.remove.is_empty()
    }
}

/// The change to send to subscription `id`: the request's, with additions and removals
/// merged into the current events when there are any (this reads the subscription).
pub async fn change_of(
    provider: &dyn Provider,
    req: &UpdateRequest,
    id: &str,
) -> Result<Change, Error> {
    let mut change = req.change.clone();
    if !req.add.is_empty() || !req.remove.is_empty() {
        let current = provider.get(id).await?;
        change.events = Some(merge(&current.events, &req.add, &req.remove)?);
    }
    Ok(change)
}

/// Updates the subscription (asking first when it would replace an account's live URL), or
/// previews the request. A URL handle is looked up in the list first, in a dry run too.
pub async fn update(
    provider: &dyn Provider,
    req: &UpdateRequest,
    prompter: &dyn Prompter,
) -> Result<Outcome<Subscription>, Error> {
    let id = &resolve_handle(provider, &req.handle).await?;
    let change = change_of(provider, req, id).await?;
    if req.dry_run {
        return Ok(Outcome::Preview(provider.preview(Op::Update(id, &change))?));
    }
    if let Some(url) = &change.url {
        confirm_replace(provider, &req.profile, id, url, prompter).await?;
    }
    Ok(Outcome::Done(provider.update(id, &change).await?))
}

/// The current events, less those matching `removed`, plus `added` (in order, no repeats).
/// A removal pattern that matches none of the current events, or a result with no events
/// at all, is a usage error: nothing is sent.
pub fn merge(
    current: &[String],
    added: &[String],
    removed: &[Pattern],
) -> Result<Vec<String>, Error> {
    for p in removed {
        if !current.iter().any(|e| p.matches(e)) {
            return Err(Error::usage(format!(
                "--remove-events '{p}' matches none of the subscription's events ({})",
                current.join(", ")
            )));
        }
    }
    let mut out: Vec<String> = current
        .iter()
        .filter(|e| !removed.iter().any(|p| p.matches(e)))
        .cloned()
        .collect();
    for a in added {
        if !out.iter().any(|e| e.eq_ignore_ascii_case(a)) {
            out.push(a.clone());
        }
    }
    if out.is_empty() {
        return Err(Error::usage(
            "that would leave the subscription with no events: delete it instead (`whctl delete ID`)",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::ops::testkit::{Memory, Recorder, block, sub};

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn pats(v: &[&str]) -> Vec<Pattern> {
        v.iter().map(|p| Pattern::parse(p).unwrap()).collect()
    }

    #[test]
    fn merge_keeps_what_was_not_removed() {
        let cur = s(&[
            "card.created",
            "brand.new.event",
            "kyc.verification.success",
        ]);
        let out = merge(&cur, &s(&["kyb.*"]), &pats(&["kyc.*"])).unwrap();
        assert_eq!(out, s(&["card.created", "brand.new.event", "kyb.*"]));
    }

    #[test]
    fn merge_adds_nothing_twice() {
        let cur = s(&["card.created"]);
        let out = merge(&cur, &s(&["CARD.created", "kyc.*", "kyc.*"]), &[]).unwrap();
        assert_eq!(out, s(&["card.created", "kyc.*"]));
    }

    #[test]
    fn removing_what_is_not_there_is_an_error() {
        let cur = s(&["card.created"]);
        assert!(merge(&cur, &[], &pats(&["kyc.*"])).is_err());
        let e = merge(&cur, &[], &pats(&["card.*"])).unwrap_err();
        assert!(e.message.contains("no events"), "{e}");
    }

    fn req(add: &[&str], remove: &[&str]) -> UpdateRequest {
        UpdateRequest {
            profile: "live".into(),
            handle: Handle::Id("1".into()),
            change: Change::default(),
            add: s(add),
            remove: pats(remove),
            dry_run: false,
        }
    }

    #[test]
    fn add_and_remove_become_the_whole_new_list() {
        let p = Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[sub(
                "1",
                "https://a.example/h",
                &["card.created", "kyc.verification.success"],
            )],
        );
        let ui = Recorder::answering(false);
        let r = req(&["transactions"], &["kyc.*"]);
        match block(update(&p, &r, &ui)).unwrap() {
            Outcome::Done(sub) => assert_eq!(sub.events, s(&["card.created", "transactions"])),
            Outcome::Preview(_) => panic!("not a dry run"),
        }
        assert_eq!(p.calls(), ["get 1", "update 1"]);
        assert!(ui.asked().is_empty(), "no URL change, nothing to ask");
    }

    #[test]
    fn without_add_or_remove_the_subscription_is_not_read() {
        let p = Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[sub("1", "https://a.example/h", &["x"])],
        );
        let mut r = req(&[], &[]);
        r.change.enabled = Some(false);
        assert!(!r.is_empty());
        let change = block(change_of(&p, &r, "1")).unwrap();
        assert_eq!(change.events, None);
        assert_eq!(change.enabled, Some(false));
        assert!(p.calls().is_empty());
        assert!(req(&[], &[]).is_empty());
    }

    #[test]
    fn a_bad_removal_sends_nothing_and_a_dry_run_previews_the_merge() {
        let p = Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[sub("1", "https://a.example/h", &["card.created"])],
        );
        let ui = Recorder::answering(true);
        let e = block(update(&p, &req(&[], &["kyc.*"]), &ui)).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        let mut dry = req(&["kyc.*"], &[]);
        dry.dry_run = true;
        match block(update(&p, &dry, &ui)).unwrap() {
            Outcome::Preview(reqs) => assert_eq!(reqs[0].url, "memory:/subs/1"),
            Outcome::Done(_) => panic!("a dry run updated"),
        }
        assert!(p.changes().is_empty(), "{:?}", p.changes());
    }

    #[test]
    fn replacing_a_prune_url_needs_a_yes() {
        let p = Memory::new(
            crate::ops::testkit::kind("prune"),
            &[sub("event", "https://old.example/h", &[])],
        );
        let mut r = req(&[], &[]);
        r.handle = Handle::Id("event".into());
        r.change.url = Some("https://new.example/h".into());
        let no = Recorder::answering(false);
        assert_eq!(block(update(&p, &r, &no)).unwrap_err().kind, Kind::Usage);
        assert!(p.changes().is_empty());
        let yes = Recorder::answering(true);
        block(update(&p, &r, &yes)).unwrap();
        assert_eq!(p.changes(), ["update event"]);
    }

    #[test]
    fn a_url_names_the_subscription_to_change() {
        let p = Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[
                sub("1", "https://a.example/h", &["card.created"]),
                sub("2", "https://b.example/h", &["card.created"]),
            ],
        );
        let ui = Recorder::answering(false);
        let mut r = req(&["transactions"], &[]);
        r.handle = Handle::url("https://b.example/h").unwrap();
        r.change.url = Some("https://c.example/h".into());
        match block(update(&p, &r, &ui)).unwrap() {
            Outcome::Done(sub) => {
                assert_eq!(sub.id, "2");
                assert_eq!(sub.url, "https://c.example/h");
                assert_eq!(sub.events, s(&["card.created", "transactions"]));
            }
            Outcome::Preview(_) => panic!("not a dry run"),
        }
        assert_eq!(p.calls(), ["list", "get 2", "update 2"]);
        // The old URL names nothing now: not found, nothing sent.
        let e = block(update(&p, &r, &ui)).unwrap_err();
        assert_eq!(e.kind, Kind::NotFound);
        assert_eq!(p.changes(), ["update 2"]);
    }

    #[test]
    fn two_account_urls_set_alike_are_a_usage_error() {
        let p = Memory::new(
            crate::ops::testkit::kind("prune"),
            &[
                sub("event", "https://same.example/h", &[]),
                sub("callback", "https://same.example/h", &[]),
            ],
        );
        let mut r = req(&[], &[]);
        r.handle = Handle::url("https://same.example/h").unwrap();
        r.change.url = Some("https://new.example/h".into());
        let yes = Recorder::answering(true);
        let e = block(update(&p, &r, &yes)).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        // The in-memory provider lists them in id order.
        assert!(e.message.contains("(callback, event)"), "{e}");
        assert!(p.changes().is_empty());
        assert!(yes.asked().is_empty());
    }
}
