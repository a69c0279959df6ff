//! `plan` and `apply`: read a desired-state file and the live state of the profiles it
//! names, plan the changes, and carry them out — creates and updates first, deletions after,
//! every change tried, each with its own outcome.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use futures_util::StreamExt;
use futures_util::future::join_all;

use super::{Profiles, Prompter, Report};
use crate::config::Secret;
use crate::error::{self, Error};
use crate::input::{self, Input, ReadError};
use crate::providers::{self, Change, NewSubscription, Provider, Subscription};
use crate::secret_out::SecretDir;
use crate::state::{self, Action, Entry};

/// What a plan needs: the checked entries, the providers of their profiles, the live state.
pub struct World {
    pub entries: Vec<Entry>,
    /// The provider of each profile the file names.
    pub providers: BTreeMap<String, Box<dyn Provider>>,
    /// The live subscriptions of each profile the file names.
    pub live: BTreeMap<String, Vec<Subscription>>,
}

/// A plan: the world it was made from and the changes it would make, in order.
pub struct Planned {
    pub world: World,
    pub actions: Vec<Action>,
}

/// Reads the desired-state `file` (every problem reported at once, before anything is sent),
/// the live state of each profile it names (progress shown), and plans the changes.
/// Deletions only with `prune`, and only in profiles the file names.
pub async fn plan(
    file: &Path,
    prune: bool,
    profiles: &dyn Profiles,
    report: &dyn Report,
) -> Result<Planned, Error> {
    let world = read_world(file, profiles, report).await?;
    let actions = state::plan(&world.entries, &world.live, prune);
    Ok(Planned { world, actions })
}

async fn read_world(
    file: &Path,
    profiles: &dyn Profiles,
    report: &dyn Report,
) -> Result<World, Error> {
    let what = format!("the plan file {}", file.display());
    let bytes = input::read_capped(Input::File(file), input::MAX_FILE).map_err(|e| match e {
        ReadError::Io(_) => Error::usage(format!("{} (pass -f PATH)", e.describe(&what))),
        ReadError::TooLarge(_) => Error::usage(e.describe(&what)),
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::usage(format!("{what} is not UTF-8 text")))?;
    let cfg = profiles.config()?;
    let entries = state::load(&text, &file.display().to_string(), &cfg).map_err(|problems| {
        Error::usage(format!(
            "{} problem{} in {}, nothing was sent:\n  {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            file.display(),
            problems.join("\n  ")
        ))
    })?;
    let mut providers = BTreeMap::new();
    for e in &entries {
        let name = &e.desired.profile;
        if !providers.contains_key(name) {
            let p = profiles.visit(&cfg, name)?;
            providers.insert(name.clone(), profiles.provider(&p)?);
        }
    }
    let progress = report.progress(providers.len() as u64, "reading live state");
    let lists = join_all(providers.iter().map(|(name, p)| {
        let progress = &progress;
        async move {
            let r = p.list().await;
            progress.step();
            (name.clone(), r)
        }
    }))
    .await;
    progress.finish();
    let mut live = BTreeMap::new();
    for (name, r) in lists {
        let subs = r.map_err(|e| Error::new(e.kind, format!("profile '{name}': {e}")))?;
        live.insert(name, subs);
    }
    Ok(World {
        entries,
        providers,
        live,
    })
}

/// "N to create, N to update, N to delete".
pub fn summary(actions: &[Action]) -> String {
    let count = |k: &str| actions.iter().filter(|a| a.kind() == k).count();
    format!(
        "{} to create, {} to update, {} to delete",
        count("create"),
        count("update"),
        count("delete")
    )
}

/// The outcome of one action.
#[derive(Debug)]
pub struct Done {
    pub action: Action,
    /// The subscription's id (a create's new one); `None` when a create failed.
    pub id: Option<String>,
    /// Where the new secret was written (`--secrets-out`), if anywhere.
    pub result: Result<Option<PathBuf>, Error>,
    /// A new secret that could not be written to `--secrets-out`: shown rather than lost.
    pub unsaved: Option<Secret>,
}

/// The outcomes of an apply, in the order carried out, and its error when something failed.
#[derive(Debug)]
pub struct Applied {
    pub done: Vec<Done>,
    pub failure: Option<Error>,
}

impl Applied {
    /// Whether an outcome holds a new secret that could not be saved (and must be shown).
    pub fn has_unsaved_secret(&self) -> bool {
        self.done.iter().any(|d| d.unsaved.is_some())
    }
}

/// Carries out a plan after asking `prompter`: creates and updates first, deletions after (a
/// URL is never left without its subscription), up to `concurrency` at a time, each tried
/// whatever became of the others. New secrets go to `secrets` when given (a failure to write
/// one keeps it in the outcome), else a note says how to read them.
pub async fn apply(
    planned: &Planned,
    secrets: Option<&SecretDir>,
    concurrency: usize,
    report: &dyn Report,
    prompter: &dyn Prompter,
) -> Result<Applied, Error> {
    let actions = &planned.actions;
    prompter.confirm(&format!("Apply these changes ({})?", summary(actions)))?;
    let progress = report.progress(actions.len() as u64, "applying");
    let (first, last): (Vec<&Action>, Vec<&Action>) = actions
        .iter()
        .partition(|a| !matches!(a, Action::Delete { .. }));
    let mut done = Vec::new();
    for phase in [first, last] {
        let results: Vec<Done> = futures_util::stream::iter(phase)
            .map(|a| {
                let progress = &progress;
                async move {
                    let d = carry_out(&planned.world, a, secrets, report).await;
                    progress.step();
                    d
                }
            })
            .buffered(concurrency.max(1))
            .collect()
            .await;
        done.extend(results);
    }
    progress.finish();
    let failure = error::batch(
        done.iter().filter_map(|d| d.result.as_ref().err()),
        actions.len(),
        "changes",
        ": run apply again to converge",
    );
    Ok(Applied { done, failure })
}

async fn carry_out(
    world: &World,
    action: &Action,
    secrets_out: Option<&SecretDir>,
    report: &dyn Report,
) -> Done {
    let provider = &world.providers[action.profile()];
    let (id, result, unsaved) = match action {
        Action::Create { entry } => {
            let d = &entry.desired;
            let kind = entry.provider;
            let new = NewSubscription {
                url: d.url.clone(),
                description: d.description.clone(),
                events: providers::wire_events(kind, &entry.resolved),
                enabled: d.enabled,
                secret: kind
                    .capabilities()
                    .client_secret
                    .then(providers::generate_secret),
                url_kind: d.url_kind(kind),
                idempotency_key: Some(providers::idempotency_key()),
            };
            let note = |m: &str| report.note(m);
            match providers::safe_create(provider.as_ref(), &new, &note).await {
                Ok(sub) => {
                    let (saved, unsaved) = match (secrets_out, &sub.secret) {
                        (Some(dir), Some(secret)) => match dir.write(&d.profile, &sub.id, secret) {
                            Ok(path) => (Ok(Some(path)), None),
                            Err(e) => (
                                Err(Error::new(
                                    e.kind,
                                    format!(
                                        "created {}, but {e}: its secret is in the results on stdout",
                                        sub.id
                                    ),
                                )),
                                Some(secret.clone()),
                            ),
                        },
                        (None, Some(_)) => {
                            report.note(&format!(
                                "the secret of {} was not saved: pass --secrets-out DIR, or read it with `whctl -p {} get {} --show-secret`",
                                sub.id, d.profile, sub.id
                            ));
                            (Ok(None), None)
                        }
                        _ => (Ok(None), None),
                    };
                    (Some(sub.id), saved, unsaved)
                }
                Err(e) => (None, Err(e), None),
            }
        }
        Action::Update {
            entry,
            id,
            replaces,
            add,
            remove,
            description,
            enabled,
        } => {
            let events_change = !add.is_empty() || !remove.is_empty();
            let change = Change {
                events: events_change
                    .then(|| providers::wire_events(entry.provider, &entry.resolved)),
                description: description.clone(),
                enabled: *enabled,
                url: replaces.as_ref().map(|_| entry.desired.url.clone()),
                secret: None,
            };
            (
                Some(id.clone()),
                provider.update(id, &change).await.map(|_| None),
                None,
            )
        }
        Action::Delete { sub, .. } => (
            Some(sub.id.clone()),
            provider.delete(&sub.id).await.map(|_| None),
            None,
        ),
    };
    Done {
        action: action.clone(),
        id,
        result,
        unsaved,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;
    use crate::config::{self, ConfigFile, Profile};
    use crate::error::Kind;
    use crate::ops::testkit::{Memory, Recorder, block, sub};

    const CONFIG: &str = "[profiles.a]\nprovider = \"atelio\"\n[profiles.q]\nprovider = \"qolo\"\n";

    /// The file: `keep` (events to change) and `new` (to create), both in profile `a`.
    const FILE: &str = "[[subscription]]\nprofile = \"a\"\nurl = \"https://keep.example/h\"\nevents = [\"card.*\"]\n\n[[subscription]]\nprofile = \"a\"\nurl = \"https://new.example/h\"\nevents = [\"transactions\"]\n";

    /// Profiles from [`CONFIG`], each with an in-memory provider.
    struct Fakes(BTreeMap<String, Memory>);

    impl Profiles for Fakes {
        fn config(&self) -> Result<ConfigFile, Error> {
            Ok(config::parse(CONFIG).unwrap())
        }
        fn visit(&self, cfg: &ConfigFile, name: &str) -> Result<Profile, Error> {
            config::resolve_visited(crate::providers::registry(), cfg, name, None, &|_| None)
        }
        fn provider(&self, profile: &Profile) -> Result<Box<dyn Provider>, Error> {
            Ok(Box::new(self.0[&profile.name].clone()))
        }
    }

    /// Profile `a` holding `keep` (other events) and `old` (not in the file).
    fn atelio() -> Memory {
        Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[
                sub("1", "https://keep.example/h", &["kyc.verification.success"]),
                sub("2", "https://old.example/h", &["transactions"]),
            ],
        )
    }

    /// A scratch folder of this process, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("whctl-ops-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
        fn file(&self, text: &str) -> PathBuf {
            let f = self.0.join("webhooks.toml");
            std::fs::write(&f, text).unwrap();
            f
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn planned(scratch: &Scratch, a: &Memory, prune: bool) -> Planned {
        let fakes = Fakes([("a".to_string(), a.clone())].into());
        let ui = Recorder::answering(true);
        block(plan(&scratch.file(FILE), prune, &fakes, &ui)).unwrap()
    }

    fn kinds(p: &Planned) -> Vec<String> {
        p.actions
            .iter()
            .map(|a| format!("{} {}", a.kind(), a.url()))
            .collect()
    }

    #[test]
    fn a_plan_reads_the_named_profiles_and_changes_nothing() {
        let scratch = Scratch::new("plan");
        let a = atelio();
        let p = planned(&scratch, &a, true);
        assert_eq!(
            kinds(&p),
            [
                "update https://keep.example/h",
                "create https://new.example/h",
                "delete https://old.example/h"
            ]
        );
        assert_eq!(summary(&p.actions), "1 to create, 1 to update, 1 to delete");
        assert_eq!(a.calls(), ["list"]);
        assert_eq!(p.world.live["a"].len(), 2);
        assert!(!p.world.providers.contains_key("q"), "q is not named");
    }

    #[test]
    fn apply_creates_and_updates_before_it_deletes() {
        let scratch = Scratch::new("order");
        let a = atelio();
        let mut p = planned(&scratch, &a, true);
        // Whatever order the actions come in, deletions go last.
        p.actions.reverse();
        let ui = Recorder::answering(true);
        let applied = block(apply(&p, None, 1, &ui, &ui)).unwrap();
        assert_eq!(
            a.changes(),
            ["create https://new.example/h", "update 1", "delete 2"]
        );
        assert!(applied.failure.is_none());
        let ids: Vec<Option<&str>> = applied.done.iter().map(|d| d.id.as_deref()).collect();
        assert_eq!(ids, [Some("s101"), Some("1"), Some("2")]);
        assert_eq!(
            a.sub("1").unwrap().events,
            ["card.*"],
            "the keep subscription now has the file's events"
        );
        assert_eq!(
            ui.asked(),
            ["Apply these changes (1 to create, 1 to update, 1 to delete)?"]
        );
        assert_eq!(*ui.steps.lock().unwrap(), 3);
        // No --secrets-out: the new secret is not saved, and the note says how to read it.
        assert!(
            ui.notes()
                .iter()
                .any(|n| n.starts_with("the secret of s101 was not saved")),
            "{:?}",
            ui.notes()
        );
        assert!(!applied.has_unsaved_secret());
    }

    #[test]
    fn a_failed_change_does_not_stop_the_others() {
        let scratch = Scratch::new("continue");
        let a = atelio().failing("https://new.example/h", Kind::Rejected);
        let p = planned(&scratch, &a, true);
        let ui = Recorder::answering(true);
        let applied = block(apply(&p, None, 4, &ui, &ui)).unwrap();
        assert_eq!(
            a.changes(),
            ["update 1", "create https://new.example/h", "delete 2"]
        );
        let results: Vec<(&str, bool)> = applied
            .done
            .iter()
            .map(|d| (d.action.kind(), d.result.is_ok()))
            .collect();
        assert_eq!(
            results,
            [("update", true), ("create", false), ("delete", true)]
        );
        assert_eq!(applied.done[1].id, None, "a failed create has no id");
        let e = applied.failure.unwrap();
        assert_eq!(e.kind, Kind::Rejected);
        assert_eq!(
            e.message,
            "1 of 3 changes failed: run apply again to converge"
        );
    }

    #[test]
    fn without_a_yes_nothing_changes() {
        let scratch = Scratch::new("no");
        let a = atelio();
        let p = planned(&scratch, &a, true);
        let no = Recorder::answering(false);
        let e = block(apply(&p, None, 4, &no, &no)).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(a.changes().is_empty(), "{:?}", a.changes());
    }

    #[test]
    fn new_secrets_go_to_the_folder_or_stay_in_the_outcome() {
        let scratch = Scratch::new("secrets");
        let a = atelio();
        let p = planned(&scratch, &a, false);
        let dir = scratch.0.join("secrets");
        let secrets = SecretDir::prepare(&dir).unwrap();
        let ui = Recorder::answering(true);
        let applied = block(apply(&p, Some(&secrets), 4, &ui, &ui)).unwrap();
        let create = &applied.done[1];
        let path = create
            .result
            .as_ref()
            .unwrap()
            .clone()
            .expect("a secret file");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap().trim(),
            "whsec_memory_made"
        );
        assert!(!applied.has_unsaved_secret());

        // The folder is gone by the time the secret comes: kept, and the change failed.
        let a = atelio();
        let p = planned(&scratch, &a, false);
        let gone = SecretDir::prepare(&scratch.0.join("gone")).unwrap();
        std::fs::remove_dir_all(scratch.0.join("gone")).unwrap();
        let applied = block(apply(&p, Some(&gone), 4, &ui, &ui)).unwrap();
        assert!(applied.has_unsaved_secret());
        let create = &applied.done[1];
        assert_eq!(
            create.unsaved.as_ref().map(|s| s.expose()),
            Some("whsec_memory_made")
        );
        let e = create.result.as_ref().unwrap_err();
        assert!(e.message.starts_with("created s101, but"), "{e}");
        assert!(applied.failure.is_some());
    }

    #[test]
    fn a_bad_file_or_an_unreadable_profile_is_an_error_before_any_change() {
        let scratch = Scratch::new("bad");
        let ui = Recorder::answering(true);
        let a = atelio();
        let fakes = Fakes([("a".to_string(), a.clone())].into());
        let missing = scratch.0.join("nope.toml");
        let e = block(plan(&missing, false, &fakes, &ui)).err().unwrap();
        assert_eq!(e.kind, Kind::Usage);
        assert!(e.message.ends_with("(pass -f PATH)"), "{e}");
        let bad = "[[subscription]]\nprofile = \"zz\"\nurl = \"https://x.example/h\"\nevents = [\"card.*\"]\n";
        let e = block(plan(&scratch.file(bad), false, &fakes, &ui))
            .err()
            .unwrap();
        assert_eq!(e.kind, Kind::Usage);
        assert!(e.message.starts_with("1 problem in "), "{e}");
        assert!(a.calls().is_empty());

        let mut down = atelio();
        down.fail_list = Some(Kind::Unavailable);
        let fakes = Fakes([("a".to_string(), down)].into());
        let e = block(plan(&scratch.file(FILE), false, &fakes, &ui))
            .err()
            .unwrap();
        assert_eq!(e.kind, Kind::Unavailable);
        assert_eq!(e.message, "profile 'a': listing refused");
    }
}
