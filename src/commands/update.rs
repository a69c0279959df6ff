//! `whctl update ID|URL`: change a subscription's URL, events, description or status.
//!
//! `--events` replaces the list; `--add-events`/`--remove-events` read the current list,
//! merge, and write it back, so no event is dropped that was not asked to be.

use clap::Args;

use super::view::{DryRun, Subscriptions};
use super::{Ctx, check_url, resolve_events};
use crate::catalog::{Pattern, split_patterns};
use crate::error::Error;
use crate::ops::update::{self, UpdateRequest};
use crate::ops::{Handle, Outcome};
use crate::providers::{self, Change, unsupported};

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The subscription's id, or its URL (http(s)://…; exit 4 if none has it, 2 if several do)
    #[arg(value_name = "ID|URL", value_parser = super::parse_handle)]
    pub id: Handle,
    /// New delivery URL
    #[arg(long)]
    pub url: Option<String>,
    /// Replace the events with these patterns
    #[arg(long, num_args = 1.., value_name = "PATTERN", conflicts_with_all = ["add_events", "remove_events"])]
    pub events: Vec<String>,
    /// Add these events or patterns to the current ones
    #[arg(long, num_args = 1.., value_name = "PATTERN")]
    pub add_events: Vec<String>,
    /// Remove the current events matching these patterns
    #[arg(long, num_args = 1.., value_name = "PATTERN")]
    pub remove_events: Vec<String>,
    /// New description
    #[arg(long)]
    pub description: Option<String>,
    /// Enable the subscription
    #[arg(long, conflicts_with = "disable")]
    pub enable: bool,
    /// Disable the subscription (deliveries stop)
    #[arg(long)]
    pub disable: bool,
    /// Print what would be sent and change nothing (reads still go: a URL's lookup, the
    /// current events)
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(ctx: &Ctx, args: UpdateArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let kind = profile.provider;
    if !kind.capabilities().update.is_supported() {
        return Err(unsupported(kind, "update").into());
    }
    if args.description.is_some() && !kind.capabilities().descriptions {
        return Err(Error::unsupported(format!(
            "{kind} subscriptions have no description: drop --description"
        ))
        .into());
    }
    let mut change = Change {
        url: args.url.as_deref().map(|u| check_url(ctx, u)).transpose()?,
        description: args.description.clone(),
        enabled: match (args.enable, args.disable) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        ..Change::default()
    };
    if !args.events.is_empty() {
        change.events = Some(providers::wire_events(
            kind,
            &resolve_events(kind, &args.events)?,
        ));
    }
    // Check every pattern before any request.
    let add = if args.add_events.is_empty() {
        Vec::new()
    } else {
        providers::wire_events(kind, &resolve_events(kind, &args.add_events)?)
    };
    let remove = split_patterns(&args.remove_events)
        .iter()
        .map(|p| Pattern::parse(p).map_err(|e| Error::usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let req = UpdateRequest {
        profile: profile.name.clone(),
        handle: args.id,
        change,
        add,
        remove,
        dry_run: args.dry_run,
    };
    if req.is_empty() {
        return Err(Error::usage(
            "nothing to change: pass --url, --events, --add-events, --remove-events, --description, --enable or --disable",
        )
        .into());
    }
    let provider = ctx.provider(&profile)?;
    match update::update(provider.as_ref(), &req, ctx).await? {
        Outcome::Preview(reqs) => ctx.out.render(&DryRun(&reqs)),
        Outcome::Done(sub) => ctx.out.render(&Subscriptions {
            provider: kind,
            profile: &profile.name,
            items: std::slice::from_ref(&sub),
            reveal: false,
            single: true,
        }),
    }
}
