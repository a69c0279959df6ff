//! `whctl delete ID...`: delete one or many subscriptions, several at a time.

use clap::Args;
use futures_util::StreamExt;
use serde_json::{Value, json};

use super::Ctx;
use super::view::DryRun;
use crate::error::{self, Error};
use crate::output::Render;
use crate::providers::{Op, unsupported};

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Ids of the subscriptions to delete
    #[arg(required = true, value_name = "ID", value_parser = super::parse_id)]
    pub ids: Vec<String>,
    /// How many deletions run at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Print what would be sent and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

struct Outcomes(Vec<(String, Result<(), Error>)>);

impl Render for Outcomes {
    fn headers(&self) -> Vec<&'static str> {
        vec!["ID", "RESULT"]
    }
    fn fits(&self) -> Vec<crate::output::Fit> {
        use crate::output::Fit;
        vec![Fit::Whole, Fit::Wrap]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .iter()
            .map(|(id, r)| {
                vec![
                    id.clone(),
                    match r {
                        Ok(()) => "deleted".to_string(),
                        Err(e) => format!("failed: {e}"),
                    },
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(id, r)| match r {
                    Ok(()) => json!({"id": id, "deleted": true}),
                    Err(e) => json!({"id": id, "deleted": false, "error": e.message, "exit_code": e.kind.exit_code()}),
                })
                .collect(),
        )
    }
    fn ids(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(id, _)| id.clone())
            .collect()
    }
}

pub async fn run(ctx: &Ctx, args: DeleteArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let kind = profile.provider;
    if !kind.capabilities().delete.is_supported() {
        return Err(unsupported(kind, "delete").into());
    }
    let mut ids: Vec<String> = Vec::new();
    for id in &args.ids {
        let id = id.trim();
        if id.is_empty() {
            return Err(Error::usage("an empty id was given").into());
        }
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    let provider = ctx.provider(&profile)?;
    if args.dry_run {
        let mut reqs = Vec::new();
        for id in &ids {
            reqs.extend(provider.preview(Op::Delete(id))?);
        }
        return ctx.out.render(&DryRun(&reqs));
    }
    ctx.confirm(&format!(
        "Delete {} {kind} subscription{} ({}) of profile '{}'?",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", "),
        profile.name
    ))?;
    let provider = &provider;
    let progress = ctx.out.progress(ids.len() as u64, "deleting");
    let progress = &progress;
    let mut results: Vec<(usize, String, Result<(), Error>)> =
        futures_util::stream::iter(ids.into_iter().enumerate())
            .map(|(i, id)| async move {
                let r = provider.delete(&id).await;
                progress.inc(1);
                (i, id, r)
            })
            .buffer_unordered(args.concurrency as usize)
            .collect()
            .await;
    progress.finish_and_clear();
    results.sort_by_key(|r| r.0);
    let outcomes = Outcomes(results.into_iter().map(|(_, id, r)| (id, r)).collect());
    let total = outcomes.0.len();
    if total == 1
        && let Some((_, Err(e))) = outcomes.0.first()
    {
        return Err(Error::new(e.kind, e.message.clone()).into());
    }
    ctx.out.render(&outcomes)?;
    let failures = outcomes.0.iter().filter_map(|(_, r)| r.as_ref().err());
    match error::batch(failures, total, "deletions", "") {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
