//! `whctl delete ID|URL...`: delete one or many subscriptions, several at a time.

use clap::Args;
use serde_json::{Value, json};

use super::Ctx;
use super::view::DryRun;
use crate::error::Error;
use crate::ops::delete::{self, DeleteRequest};
use crate::ops::{Handle, Outcome};
use crate::output::Render;
use crate::providers::unsupported;

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Ids or URLs (http(s)://…) of the subscriptions to delete, all found before any is deleted
    #[arg(required = true, value_name = "ID|URL", value_parser = super::parse_handle)]
    pub ids: Vec<Handle>,
    /// How many deletions run at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Print what would be sent and delete nothing (URLs are still looked up)
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
    let provider = ctx.provider(&profile)?;
    let req = DeleteRequest {
        profile: profile.name.clone(),
        handles: args.ids,
        concurrency: args.concurrency.into(),
        dry_run: args.dry_run,
    };
    match delete::delete(provider.as_ref(), &req, ctx, ctx).await? {
        Outcome::Preview(reqs) => ctx.out.render(&DryRun(&reqs)),
        Outcome::Done(deleted) => {
            ctx.out.render(&Outcomes(deleted.outcomes))?;
            match deleted.failure {
                Some(e) => Err(e.into()),
                None => Ok(()),
            }
        }
    }
}
