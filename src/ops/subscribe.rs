//! Creating a subscription: asking before an account's live URL is replaced, creating it
//! without ever making two ([`providers::safe_create`]), and the provider's after-word.

use super::{Outcome, Prompter, Report, confirm_replace};
use crate::error::Error;
use crate::providers::{self, NewSubscription, Op, Provider, Subscription};

/// Creates the subscription `new` asks for in profile `profile` (or previews the request).
/// Retries and adoptions are noted, and so is what the provider says after a subscribe
/// (Qolo pings the URL).
pub async fn subscribe(
    provider: &dyn Provider,
    profile: &str,
    new: &NewSubscription,
    dry_run: bool,
    report: &dyn Report,
    prompter: &dyn Prompter,
) -> Result<Outcome<Subscription>, Error> {
    if dry_run {
        return Ok(Outcome::Preview(provider.preview(Op::Create(new))?));
    }
    if let Some(id) = &new.url_kind {
        confirm_replace(provider, profile, id, &new.url, prompter).await?;
    }
    let note = |m: &str| report.note(m);
    let sub = providers::safe_create(provider, new, &note).await?;
    if let Some(after) = provider.capabilities().after_subscribe {
        report.note(after);
    }
    Ok(Outcome::Done(sub))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::ops::testkit::{Memory, Recorder, block, sub};

    fn new(url: &str, url_kind: Option<&str>) -> NewSubscription {
        NewSubscription {
            url: url.into(),
            description: None,
            events: vec!["card".into()],
            enabled: true,
            secret: None,
            url_kind: url_kind.map(String::from),
            idempotency_key: None,
        }
    }

    #[test]
    fn a_create_is_followed_by_the_providers_after_word() {
        let p = Memory::new(crate::ops::testkit::kind("qolo"), &[]);
        let ui = Recorder::answering(false);
        let Outcome::Done(s) = block(subscribe(
            &p,
            "q",
            &new("https://a.example/h", None),
            false,
            &ui,
            &ui,
        ))
        .unwrap() else {
            panic!("a preview")
        };
        assert_eq!(s.url, "https://a.example/h");
        assert_eq!(p.changes(), ["create https://a.example/h"]);
        let after = crate::ops::testkit::kind("qolo")
            .capabilities()
            .after_subscribe
            .unwrap();
        assert_eq!(ui.notes(), [after]);
        assert!(ui.asked().is_empty());
    }

    #[test]
    fn replacing_a_live_account_url_is_asked_and_no_stops_it() {
        let p = Memory::new(
            crate::ops::testkit::kind("prune"),
            &[sub("event", "https://old.example/h", &[])],
        );
        let no = Recorder::answering(false);
        let r = block(subscribe(
            &p,
            "p",
            &new("https://new.example/h", Some("event")),
            false,
            &no,
            &no,
        ));
        assert_eq!(r.unwrap_err().kind, Kind::Usage);
        assert_eq!(no.asked().len(), 1);
        assert!(p.changes().is_empty());
    }

    #[test]
    fn a_dry_run_previews_and_a_refused_create_is_the_error() {
        let p = Memory::new(crate::ops::testkit::kind("atelio"), &[])
            .failing("https://bad.example/h", Kind::Rejected);
        let ui = Recorder::answering(true);
        match block(subscribe(
            &p,
            "a",
            &new("https://a.example/h", None),
            true,
            &ui,
            &ui,
        ))
        .unwrap()
        {
            Outcome::Preview(reqs) => assert_eq!(reqs[0].url, "memory:/subs"),
            Outcome::Done(_) => panic!("a dry run created"),
        }
        assert!(p.calls().is_empty());
        let e = block(subscribe(
            &p,
            "a",
            &new("https://bad.example/h", None),
            false,
            &ui,
            &ui,
        ))
        .unwrap_err();
        assert_eq!(e.kind, Kind::Rejected);
        assert!(ui.notes().is_empty(), "{:?}", ui.notes());
    }
}
