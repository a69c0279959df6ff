//! `whctl update ID`: change a subscription's URL, events, description or status.
//!
//! `--events` replaces the list; `--add-events`/`--remove-events` read the current list,
//! merge, and write it back, so no event is dropped that was not asked to be.

use clap::Args;

use super::view::{DryRun, Subscriptions};
use super::{Ctx, check_url, confirm_replace, resolve_events};
use crate::catalog::{Pattern, split_patterns};
use crate::error::Error;
use crate::providers::{self, Change, Op, unsupported};

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The subscription's id
    #[arg(value_parser = super::parse_id)]
    pub id: String,
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
    /// Print what would be sent and send nothing
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
    let added = if args.add_events.is_empty() {
        Vec::new()
    } else {
        providers::wire_events(kind, &resolve_events(kind, &args.add_events)?)
    };
    let removed = split_patterns(&args.remove_events)
        .iter()
        .map(|p| Pattern::parse(p).map_err(|e| Error::usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    if change.is_empty() && added.is_empty() && removed.is_empty() {
        return Err(Error::usage(
            "nothing to change: pass --url, --events, --add-events, --remove-events, --description, --enable or --disable",
        )
        .into());
    }
    let provider = ctx.provider(&profile)?;
    if !added.is_empty() || !removed.is_empty() {
        let current = provider.get(&args.id).await?;
        change.events = Some(merge(&current.events, &added, &removed)?);
    }
    if args.dry_run {
        return ctx
            .out
            .render(&DryRun(&provider.preview(Op::Update(&args.id, &change))?));
    }
    if let Some(url) = &change.url {
        confirm_replace(ctx, provider.as_ref(), &profile.name, &args.id, url).await?;
    }
    let sub = provider.update(&args.id, &change).await?;
    ctx.out.render(&Subscriptions {
        provider: kind,
        profile: &profile.name,
        items: std::slice::from_ref(&sub),
        reveal: false,
        single: true,
    })
}

/// The current events, less those matching `removed`, plus `added` (in order, no repeats).
/// A removal pattern that matches none of the current events, or a result with no events
/// at all, is a usage error: nothing is sent.
fn merge(current: &[String], added: &[String], removed: &[Pattern]) -> Result<Vec<String>, Error> {
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

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn merge_keeps_what_was_not_removed() {
        let cur = s(&[
            "card.created",
            "brand.new.event",
            "kyc.verification.success",
        ]);
        let out = merge(&cur, &s(&["kyb.*"]), &[Pattern::parse("kyc.*").unwrap()]).unwrap();
        assert_eq!(out, s(&["card.created", "brand.new.event", "kyb.*"]));
    }

    #[test]
    fn removing_what_is_not_there_is_an_error() {
        let cur = s(&["card.created"]);
        assert!(merge(&cur, &[], &[Pattern::parse("kyc.*").unwrap()]).is_err());
        assert!(merge(&cur, &[], &[Pattern::parse("card.*").unwrap()]).is_err());
    }
}
