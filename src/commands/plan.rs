//! `whctl plan` and `whctl apply`: converge live subscriptions on a desired-state file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use futures_util::StreamExt;
use futures_util::future::join_all;
use serde_json::{Value, json};

use super::Ctx;
use crate::config::Secret;
use crate::config::{self, Profile};
use crate::error::{self, Error, Kind};
use crate::input::{self, Input, ReadError};
use crate::output::Render;
use crate::providers::{self, Change, NewSubscription, Provider, Subscription};
use crate::secret_out::SecretDir;
use crate::state::{self, Action, Entry};

/// The file and scope both commands take.
#[derive(Debug, Args)]
pub struct Target {
    /// The desired-state file
    #[arg(
        short = 'f',
        long = "file",
        value_name = "PATH",
        default_value = "webhooks.toml"
    )]
    pub file: PathBuf,
    /// Also delete live subscriptions the file does not name (only in profiles it names)
    #[arg(long)]
    pub prune: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub target: Target,
    /// Exit 9 when changes are pending, 0 when none (drift checks in CI)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub target: Target,
    /// Write each new subscription's secret to DIR/<profile>.<id>.secret (mode 0600)
    #[arg(long, value_name = "DIR")]
    pub secrets_out: Option<PathBuf>,
    /// How many changes run at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
}

/// What a plan needs: the checked entries, the providers of their profiles, the live state.
struct World {
    entries: Vec<Entry>,
    providers: BTreeMap<String, (Profile, Box<dyn Provider>)>,
    live: BTreeMap<String, Vec<Subscription>>,
}

async fn read_world(ctx: &Ctx, file: &Path) -> Result<World, Error> {
    let what = format!("the plan file {}", file.display());
    let bytes = input::read_capped(Input::File(file), input::MAX_FILE).map_err(|e| match e {
        ReadError::Io(_) => Error::usage(format!("{} (pass -f PATH)", e.describe(&what))),
        ReadError::TooLarge(_) => Error::usage(e.describe(&what)),
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::usage(format!("{what} is not UTF-8 text")))?;
    let cfg = ctx.load_config()?;
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
            let p = config::resolve_visited(
                &cfg,
                name,
                ctx.global.profile.as_deref(),
                &config::process_env,
            )?;
            let provider = ctx.provider(&p)?;
            providers.insert(name.clone(), (p, provider));
        }
    }
    let progress = ctx
        .out
        .progress(providers.len() as u64, "reading live state");
    let lists = join_all(providers.iter().map(|(name, (_, p))| {
        let progress = &progress;
        async move {
            let r = p.list().await;
            progress.inc(1);
            (name.clone(), r)
        }
    }))
    .await;
    progress.finish_and_clear();
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

fn changes_text(a: &Action) -> String {
    match a {
        Action::Create { entry } => {
            let mut s = format!("events {}", entry.desired.events.join(", "));
            if !entry.desired.enabled {
                s.push_str("; disabled");
            }
            s
        }
        Action::Update {
            add,
            remove,
            description,
            enabled,
            replaces,
            ..
        } => {
            let mut parts = Vec::new();
            if let Some(old) = replaces {
                parts.push(format!("replaces {old}"));
            }
            if !add.is_empty() {
                parts.push(format!("+{}", add.join(" +")));
            }
            if !remove.is_empty() {
                parts.push(format!("-{}", remove.join(" -")));
            }
            if let Some(d) = description {
                parts.push(format!("description \"{d}\""));
            }
            if let Some(on) = enabled {
                parts.push(if *on { "enable" } else { "disable" }.to_string());
            }
            parts.join("; ")
        }
        Action::Delete { sub, .. } => format!("events {}", sub.events.len()),
    }
}

fn action_json(a: &Action) -> Value {
    let mut v = json!({
        "action": a.kind(),
        "profile": a.profile(),
        "provider": a.provider().name(),
        "id": a.id(),
        "url": a.url(),
    });
    match a {
        Action::Create { entry } => {
            v["events"] = json!(entry.desired.events);
            v["enabled"] = json!(entry.desired.enabled);
        }
        Action::Update {
            add,
            remove,
            description,
            enabled,
            replaces,
            ..
        } => {
            v["replaces_url"] = json!(replaces);
            v["events_add"] = json!(add);
            v["events_remove"] = json!(remove);
            v["description"] = json!(description);
            v["enabled"] = json!(enabled);
        }
        Action::Delete { .. } => {}
    }
    v
}

struct PlanView<'a>(&'a [Action]);

impl Render for PlanView<'_> {
    fn headers(&self) -> Vec<&'static str> {
        vec!["ACTION", "PROFILE", "PROVIDER", "ID", "URL", "CHANGES"]
    }
    fn fits(&self) -> Vec<crate::output::Fit> {
        use crate::output::Fit;
        vec![
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Wrap,
        ]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .iter()
            .map(|a| {
                vec![
                    a.kind().to_string(),
                    a.profile().to_string(),
                    a.provider().to_string(),
                    a.id().unwrap_or("-").to_string(),
                    a.url().to_string(),
                    changes_text(a),
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        let count = |k: &str| self.0.iter().filter(|a| a.kind() == k).count();
        json!({
            "changes": self.0.iter().map(action_json).collect::<Vec<_>>(),
            "summary": { "create": count("create"), "update": count("update"), "delete": count("delete") },
        })
    }
    fn ids(&self) -> Vec<String> {
        self.0
            .iter()
            .filter_map(|a| a.id().map(String::from))
            .collect()
    }
}

fn summary(actions: &[Action]) -> String {
    let count = |k: &str| actions.iter().filter(|a| a.kind() == k).count();
    format!(
        "{} to create, {} to update, {} to delete",
        count("create"),
        count("update"),
        count("delete")
    )
}

pub async fn plan(ctx: &Ctx, args: PlanArgs) -> anyhow::Result<()> {
    let world = read_world(ctx, &args.target.file).await?;
    let actions = state::plan(&world.entries, &world.live, args.target.prune);
    if actions.is_empty() {
        ctx.out
            .note("No changes: the live subscriptions match the file.");
    } else {
        ctx.out.note(&format!("Plan: {}.", summary(&actions)));
    }
    if !actions.is_empty() || ctx.out.is_json() {
        ctx.out.render(&PlanView(&actions))?;
    }
    if args.exit_code && !actions.is_empty() {
        return Err(Error::new(
            Kind::ChangesPending,
            format!("{} changes pending", actions.len()),
        )
        .into());
    }
    Ok(())
}

/// The outcome of one action.
struct Done {
    action: Action,
    id: Option<String>,
    result: Result<Option<PathBuf>, Error>,
    /// A new secret that could not be written to `--secrets-out`: shown rather than lost.
    unsaved: Option<Secret>,
}

struct Results(Vec<Done>);

impl Render for Results {
    fn headers(&self) -> Vec<&'static str> {
        vec!["ACTION", "PROFILE", "ID", "URL", "RESULT"]
    }
    fn fits(&self) -> Vec<crate::output::Fit> {
        use crate::output::Fit;
        vec![Fit::Whole, Fit::Whole, Fit::Whole, Fit::Whole, Fit::Wrap]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .iter()
            .map(|d| {
                vec![
                    d.action.kind().to_string(),
                    d.action.profile().to_string(),
                    d.id.clone().unwrap_or_else(|| "-".into()),
                    d.action.url().to_string(),
                    match &d.result {
                        Ok(Some(p)) => format!("done; secret in {}", p.display()),
                        Ok(None) => "done".to_string(),
                        Err(e) => match &d.unsaved {
                            Some(s) => format!("failed: {e}; its secret: {}", s.expose()),
                            None => format!("failed: {e}"),
                        },
                    },
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|d| {
                    let mut v = action_json(&d.action);
                    v["id"] = json!(d.id);
                    match &d.result {
                        Ok(p) => {
                            v["ok"] = json!(true);
                            v["secret_file"] = json!(p.as_ref().map(|p| p.display().to_string()));
                        }
                        Err(e) => {
                            v["ok"] = json!(false);
                            v["error"] = json!(e.message);
                            if let Some(s) = &d.unsaved {
                                v["secret"] = json!(s.expose());
                            }
                        }
                    }
                    v
                })
                .collect(),
        )
    }
    fn ids(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|d| d.result.is_ok())
            .filter_map(|d| d.id.clone())
            .collect()
    }
}

async fn carry_out(
    ctx: &Ctx,
    world: &World,
    action: &Action,
    secrets_out: Option<&SecretDir>,
) -> (
    Option<String>,
    Result<Option<PathBuf>, Error>,
    Option<Secret>,
) {
    let (_, provider) = &world.providers[action.profile()];
    match action {
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
            let note = |m: &str| ctx.out.note(m);
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
                            ctx.out.note(&format!(
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
    }
}

pub async fn apply(ctx: &Ctx, args: ApplyArgs) -> anyhow::Result<()> {
    let world = read_world(ctx, &args.target.file).await?;
    let actions = state::plan(&world.entries, &world.live, args.target.prune);
    if actions.is_empty() {
        ctx.out
            .note("No changes: the live subscriptions match the file.");
        if ctx.out.is_json() {
            return ctx.out.render(&Results(Vec::new()));
        }
        return Ok(());
    }
    if !ctx.out.is_json() && !ctx.out.quiet {
        ctx.out.render(&PlanView(&actions))?;
    }
    // Before any change: new secrets must have somewhere to go.
    let secrets = args
        .secrets_out
        .as_deref()
        .map(SecretDir::prepare)
        .transpose()?;
    ctx.confirm(&format!("Apply these changes ({})?", summary(&actions)))?;
    let progress = ctx.out.progress(actions.len() as u64, "applying");
    // Creates and updates first, deletions after: a URL is never left without its subscription.
    let (first, last): (Vec<&Action>, Vec<&Action>) = actions
        .iter()
        .partition(|a| !matches!(a, Action::Delete { .. }));
    let mut done = Vec::new();
    for phase in [first, last] {
        let results: Vec<Done> = futures_util::stream::iter(phase)
            .map(|a| {
                let (world, progress) = (&world, &progress);
                let secrets = secrets.as_ref();
                async move {
                    let (id, result, unsaved) = carry_out(ctx, world, a, secrets).await;
                    progress.inc(1);
                    Done {
                        action: a.clone(),
                        id,
                        result,
                        unsaved,
                    }
                }
            })
            .buffered(args.concurrency as usize)
            .collect()
            .await;
        done.extend(results);
    }
    progress.finish_and_clear();
    let summary = error::batch(
        done.iter().filter_map(|d| d.result.as_ref().err()),
        actions.len(),
        "changes",
        ": run apply again to converge",
    );
    // -q prints ids only: not when that would drop a secret that could not be saved.
    if done.iter().any(|d| d.unsaved.is_some()) {
        ctx.out.loud().render(&Results(done))?;
    } else {
        ctx.out.render(&Results(done))?;
    }
    match summary {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
