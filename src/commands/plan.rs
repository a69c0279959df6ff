//! `whctl plan` and `whctl apply`: converge live subscriptions on a desired-state file.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::Ctx;
use crate::error::{Error, Kind};
use crate::ops::apply::{self, Done};
use crate::output::Render;
use crate::secret_out::SecretDir;
use crate::state::Action;

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

pub async fn plan(ctx: &Ctx, args: PlanArgs) -> anyhow::Result<()> {
    let planned = apply::plan(&args.target.file, args.target.prune, ctx, ctx).await?;
    let actions = &planned.actions;
    if actions.is_empty() {
        ctx.out
            .note("No changes: the live subscriptions match the file.");
    } else {
        ctx.out.note(&format!("Plan: {}.", apply::summary(actions)));
    }
    if !actions.is_empty() || ctx.out.is_json() {
        ctx.out.render(&PlanView(actions))?;
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

pub async fn apply(ctx: &Ctx, args: ApplyArgs) -> anyhow::Result<()> {
    let planned = apply::plan(&args.target.file, args.target.prune, ctx, ctx).await?;
    let actions = &planned.actions;
    if actions.is_empty() {
        ctx.out
            .note("No changes: the live subscriptions match the file.");
        if ctx.out.is_json() {
            return ctx.out.render(&Results(Vec::new()));
        }
        return Ok(());
    }
    if !ctx.out.is_json() && !ctx.out.quiet {
        ctx.out.render(&PlanView(actions))?;
    }
    // Before any change: new secrets must have somewhere to go.
    let secrets = args
        .secrets_out
        .as_deref()
        .map(SecretDir::prepare)
        .transpose()?;
    let applied = apply::apply(
        &planned,
        secrets.as_ref(),
        args.concurrency.into(),
        ctx,
        ctx,
    )
    .await?;
    // -q prints ids only: not when that would drop a secret that could not be saved.
    let unsaved = applied.has_unsaved_secret();
    let results = Results(applied.done);
    if unsaved {
        ctx.out.loud().render(&results)?;
    } else {
        ctx.out.render(&results)?;
    }
    match applied.failure {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
