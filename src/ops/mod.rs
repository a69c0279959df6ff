//! Operations: what a command does once its flags are parsed, as library functions that know
//! nothing of the command line (cargo's `ops`). Each takes what it needs as parameters: the
//! provider (`&dyn Provider`), a [`Report`] for notes and progress, a [`Prompter`] for "are
//! you sure?", a [`Clock`] where time matters, and returns values; it never prints. The
//! command line's [`crate::commands::Ctx`] implements the traits; tests pass their own and
//! an in-memory provider, and call these functions without spawning the binary.

pub mod apply;
pub mod delete;
pub mod handle;
pub mod list;
pub mod listen;
pub mod rotate;
pub mod sandbox;
pub mod subscribe;
pub mod trigger;
pub mod update;

use std::time::SystemTime;

use crate::config::{ConfigFile, Profile};
use crate::error::Error;
use crate::http::Request;
use crate::providers::Provider;

pub use handle::{Handle, resolve_handle, resolve_handles};

/// The time now; `SystemTime::now` outside tests.
pub type Clock = fn() -> SystemTime;

/// What an operation tells the person running it while it works.
pub trait Report: Sync {
    /// A message for the person at the terminal (not for scripts).
    fn note(&self, msg: &str);

    /// Something the person should fix (shown as a warning); a note by default.
    fn warn(&self, msg: &str) {
        self.note(msg);
    }

    /// Progress over `total` steps of `what`; nothing is shown by default.
    fn progress(&self, _total: u64, _what: &str) -> Box<dyn Progress + '_> {
        Box::new(NoProgress)
    }
}

/// Progress of one piece of work, as [`Report::progress`] started it.
pub trait Progress: Sync {
    /// One step is done.
    fn step(&self);
    /// The work is over: the progress disappears.
    fn finish(&self);
}

/// Progress that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn step(&self) {}
    fn finish(&self) {}
}

/// Asks before a change that cannot be undone.
pub trait Prompter: Sync {
    /// `Ok` to go ahead; an error (a usage error: "cancelled", "pass --yes") otherwise.
    fn confirm(&self, question: &str) -> Result<(), Error>;
}

/// Profiles and their providers, for operations that visit several profiles (`plan`,
/// `apply`). The command line reads the config file and the environment and builds real
/// providers; tests hand out in-memory ones.
pub trait Profiles: Sync {
    /// The config file.
    fn config(&self) -> Result<ConfigFile, Error>;
    /// Profile `name` of `cfg`, with the environment merged in where it applies.
    fn visit(&self, cfg: &ConfigFile, name: &str) -> Result<Profile, Error>;
    /// The provider of a profile.
    fn provider(&self, profile: &Profile) -> Result<Box<dyn Provider>, Error>;
}

/// What an operation that can be previewed (`--dry-run`) came to.
#[derive(Debug)]
pub enum Outcome<T> {
    /// The requests it would have sent; nothing was sent.
    Preview(Vec<Request>),
    /// What it did.
    Done(T),
}

/// For providers whose account has fixed URLs (Prune): setting URL `id` to `url` when it
/// already holds another one replaces a live endpoint, so the prompter is asked. Nothing is
/// asked when the URL is unset or already `url`, or for providers with subscriptions.
pub async fn confirm_replace(
    provider: &dyn Provider,
    profile: &str,
    id: &str,
    url: &str,
    prompter: &dyn Prompter,
) -> Result<(), Error> {
    if provider.capabilities().url_kinds.is_empty() {
        return Ok(());
    }
    let current = provider.get(id).await?;
    if current.url.is_empty() || current.url == url {
        return Ok(());
    }
    prompter.confirm(&format!(
        "The {id} URL of profile '{profile}' is {}: replace it with {url}?",
        current.url
    ))
}

/// An in-memory provider and recording report/prompter for the operations' unit tests.
#[cfg(test)]
pub(crate) mod testkit {
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::{Arc, Mutex};

    use async_trait::async_trait;

    /// A registered provider, by name.
    pub fn kind(name: &str) -> ProviderKind {
        crate::providers::registry().parse(name).unwrap()
    }

    use super::{Progress, Prompter, Report};
    use crate::config::Secret;
    use crate::error::{Error, Kind};
    use crate::http::Request;
    use crate::providers::{
        Change, NewSubscription, Op, Provider, ProviderKind, Rotation, Subscription,
    };

    /// Runs a future to its end on a current-thread runtime.
    pub fn block<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    pub fn sub(id: &str, url: &str, events: &[&str]) -> Subscription {
        Subscription {
            id: id.into(),
            url: url.into(),
            description: None,
            events: events.iter().map(|e| e.to_string()).collect(),
            enabled: true,
            secret: None,
            created_at: None,
            updated_at: None,
        }
    }

    /// Subscriptions in a map; operations on ids (a create: on URLs) in `fail` answer with
    /// that error kind. Every call is logged as `op id`. Clones share the subscriptions and
    /// the log, so a test can keep one and hand out another.
    #[derive(Clone)]
    pub struct Memory {
        pub kind: ProviderKind,
        subs: Arc<Mutex<BTreeMap<String, Subscription>>>,
        fail: BTreeMap<String, Kind>,
        /// Rotation by replacement whose deletion of the old subscription fails.
        pub fail_old_delete: bool,
        /// `list` fails with this kind.
        pub fail_list: Option<Kind>,
        calls: Arc<Mutex<Vec<String>>>,
        next: Arc<Mutex<u32>>,
    }

    impl Memory {
        pub fn new(kind: ProviderKind, subs: &[Subscription]) -> Self {
            Memory {
                kind,
                subs: Arc::new(Mutex::new(
                    subs.iter().map(|s| (s.id.clone(), s.clone())).collect(),
                )),
                fail: BTreeMap::new(),
                fail_old_delete: false,
                fail_list: None,
                calls: Arc::new(Mutex::new(Vec::new())),
                next: Arc::new(Mutex::new(100)),
            }
        }

        pub fn sub(&self, id: &str) -> Option<Subscription> {
            self.subs.lock().unwrap().get(id).cloned()
        }

        pub fn failing(mut self, id: &str, kind: Kind) -> Self {
            self.fail.insert(id.to_string(), kind);
            self
        }

        pub fn calls(&self) -> Vec<String> {
            self.calls.lock().unwrap().clone()
        }

        /// Calls that change something (not `list`/`get`).
        pub fn changes(&self) -> Vec<String> {
            self.calls()
                .into_iter()
                .filter(|c| !c.starts_with("list") && !c.starts_with("get"))
                .collect()
        }

        pub fn ids(&self) -> BTreeSet<String> {
            self.subs.lock().unwrap().keys().cloned().collect()
        }

        fn log(&self, call: String) {
            self.calls.lock().unwrap().push(call);
        }

        fn check(&self, id: &str) -> Result<(), Error> {
            match self.fail.get(id) {
                Some(k) => Err(Error::new(*k, format!("{id} refused"))),
                None => Ok(()),
            }
        }

        fn new_id(&self) -> String {
            let mut n = self.next.lock().unwrap();
            *n += 1;
            format!("s{n}")
        }

        fn missing(id: &str) -> Error {
            Error::not_found(format!("no subscription '{id}'"))
        }
    }

    #[async_trait]
    impl Provider for Memory {
        fn kind(&self) -> ProviderKind {
            self.kind
        }

        async fn list(&self) -> Result<Vec<Subscription>, Error> {
            self.log("list".into());
            if let Some(k) = self.fail_list {
                return Err(Error::new(k, "listing refused"));
            }
            Ok(self.subs.lock().unwrap().values().cloned().collect())
        }

        async fn get(&self, id: &str) -> Result<Subscription, Error> {
            self.log(format!("get {id}"));
            self.subs
                .lock()
                .unwrap()
                .get(id)
                .cloned()
                .ok_or_else(|| Self::missing(id))
        }

        async fn create(&self, new: &NewSubscription) -> Result<Subscription, Error> {
            self.log(format!("create {}", new.url));
            self.check(&new.url)?;
            let mut s = sub(&self.new_id(), &new.url, &[]);
            s.events = new.events.clone();
            s.description = new.description.clone();
            s.enabled = new.enabled;
            s.secret = Some(
                new.secret
                    .clone()
                    .unwrap_or_else(|| Secret::new("whsec_memory_made")),
            );
            self.subs.lock().unwrap().insert(s.id.clone(), s.clone());
            Ok(s)
        }

        async fn update(&self, id: &str, change: &Change) -> Result<Subscription, Error> {
            self.log(format!("update {id}"));
            self.check(id)?;
            let mut subs = self.subs.lock().unwrap();
            let s = subs.get_mut(id).ok_or_else(|| Self::missing(id))?;
            if let Some(u) = &change.url {
                s.url = u.clone();
            }
            if let Some(d) = &change.description {
                s.description = Some(d.clone());
            }
            if let Some(e) = &change.events {
                s.events = e.clone();
            }
            if let Some(on) = change.enabled {
                s.enabled = on;
            }
            Ok(s.clone())
        }

        async fn delete(&self, id: &str) -> Result<(), Error> {
            self.log(format!("delete {id}"));
            self.check(id)?;
            self.subs
                .lock()
                .unwrap()
                .remove(id)
                .map(|_| ())
                .ok_or_else(|| Self::missing(id))
        }

        async fn rotate_secret(&self, id: &str) -> Result<Rotation, Error> {
            self.log(format!("rotate {id}"));
            self.check(id)?;
            let old = self.get(id).await?;
            // By replacement, as Atelio does: a new subscription, then the old one goes.
            let mut s = old.clone();
            s.id = self.new_id();
            s.secret = Some(Secret::new("whsec_memory_rotated"));
            self.subs.lock().unwrap().insert(s.id.clone(), s.clone());
            let incomplete = if self.fail_old_delete {
                Some(Error::unavailable(format!(
                    "the old subscription {id} could not be deleted"
                )))
            } else {
                self.subs.lock().unwrap().remove(id);
                None
            };
            Ok(Rotation {
                subscription: s,
                old_id: id.to_string(),
                incomplete,
            })
        }

        fn preview(&self, op: Op<'_>) -> Result<Vec<Request>, Error> {
            let (method, path) = match op {
                Op::Create(_) => (reqwest::Method::POST, "/subs".to_string()),
                Op::Update(id, _) => (reqwest::Method::PATCH, format!("/subs/{id}")),
                Op::Delete(id) => (reqwest::Method::DELETE, format!("/subs/{id}")),
                Op::Rotate(s) => (reqwest::Method::POST, format!("/subs/{}/rotate", s.id)),
            };
            Ok(vec![Request::new(method, format!("memory:{path}"))])
        }
    }

    /// Records notes, questions and progress steps; answers every question with `yes`
    /// (`false`: "cancelled", as a "no" at the terminal).
    pub struct Recorder {
        pub yes: bool,
        pub notes: Mutex<Vec<String>>,
        pub asked: Mutex<Vec<String>>,
        pub steps: Mutex<u64>,
    }

    impl Recorder {
        pub fn answering(yes: bool) -> Self {
            Recorder {
                yes,
                notes: Mutex::new(Vec::new()),
                asked: Mutex::new(Vec::new()),
                steps: Mutex::new(0),
            }
        }
        pub fn notes(&self) -> Vec<String> {
            self.notes.lock().unwrap().clone()
        }
        pub fn asked(&self) -> Vec<String> {
            self.asked.lock().unwrap().clone()
        }
    }

    impl Report for Recorder {
        fn note(&self, msg: &str) {
            self.notes.lock().unwrap().push(msg.to_string());
        }
        fn progress(&self, _total: u64, _what: &str) -> Box<dyn Progress + '_> {
            Box::new(Steps(&self.steps))
        }
    }

    struct Steps<'a>(&'a Mutex<u64>);

    impl Progress for Steps<'_> {
        fn step(&self) {
            *self.0.lock().unwrap() += 1;
        }
        fn finish(&self) {}
    }

    impl Prompter for Recorder {
        fn confirm(&self, question: &str) -> Result<(), Error> {
            self.asked.lock().unwrap().push(question.to_string());
            if self.yes {
                Ok(())
            } else {
                Err(Error::usage("cancelled: nothing was changed"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::{Memory, Recorder, block, sub};
    use super::*;

    #[test]
    fn replacing_an_account_url_asks_but_setting_it_does_not() {
        let p = Memory::new(
            testkit::kind("prune"),
            &[
                sub("event", "https://old.example/h", &[]),
                sub("callback", "", &[]),
            ],
        );
        let no = Recorder::answering(false);
        // Another URL is set: asked, and "no" stops it.
        let r = block(confirm_replace(
            &p,
            "prod",
            "event",
            "https://new.example/h",
            &no,
        ));
        assert_eq!(r.unwrap_err().kind, crate::error::Kind::Usage);
        assert_eq!(
            no.asked(),
            [
                "The event URL of profile 'prod' is https://old.example/h: replace it with https://new.example/h?"
            ]
        );
        // Unset, or already that URL: nothing asked.
        block(confirm_replace(
            &p,
            "prod",
            "callback",
            "https://x.example/h",
            &no,
        ))
        .unwrap();
        block(confirm_replace(
            &p,
            "prod",
            "event",
            "https://old.example/h",
            &no,
        ))
        .unwrap();
        assert_eq!(no.asked().len(), 1);
    }

    #[test]
    fn providers_with_subscriptions_are_never_asked() {
        let p = Memory::new(
            testkit::kind("atelio"),
            &[sub("1", "https://a.example/h", &[])],
        );
        let no = Recorder::answering(false);
        block(confirm_replace(&p, "a", "1", "https://b.example/h", &no)).unwrap();
        assert!(no.asked().is_empty());
        assert!(p.calls().is_empty(), "not even a get: {:?}", p.calls());
    }
}
