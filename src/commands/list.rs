//! `whctl list [--all-profiles]`: the subscriptions of a profile, or of every profile at once.
//! One profile's list as JSON (without `--jq`) or `-q` ids is written while it is read
//! ([`ops::list::stream`]); tables, `--jq` and `--all-profiles` need the whole list first.

use clap::Args;

use super::Ctx;
use super::view::{Across, SubscriptionJson, Subscriptions};
use crate::providers::Subscription;
use crate::{error, ops};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show each secret in full
    #[arg(long)]
    pub show_secret: bool,
    /// Query every profile of the config file at once, in one table
    #[arg(long)]
    pub all_profiles: bool,
}

pub async fn run(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    if args.all_profiles {
        return all_profiles(ctx, args).await;
    }
    let profile = ctx.profile()?;
    let provider = ctx.provider(&profile)?;
    if let Some(list) = ctx.out.list_stream() {
        // Written on a thread of its own while the next subscriptions are read.
        let (kind, name, reveal) = (profile.provider, profile.name.clone(), args.show_secret);
        let mut list = list.spawn(move |w, s: &Subscription| {
            w.item(&s.id, || SubscriptionJson::new(kind, &name, s, reveal))
        });
        let listed = ops::list::stream(&*provider, &mut |s| {
            list.push(|slot: &mut Subscription| std::mem::swap(slot, s))
        })
        .await;
        return match listed {
            Ok(_) => Ok(list.finish()?),
            // The writer's error (a closed stdout) first: it is what stopped the listing.
            Err(e) => {
                list.abort()?;
                Err(e)
            }
        };
    }
    let items = provider.list().await?;
    ctx.out.render(&Subscriptions {
        provider: profile.provider,
        profile: &profile.name,
        items: &items,
        reveal: args.show_secret,
        single: false,
    })
}

async fn all_profiles(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let profiles = ctx.api_profiles()?;
    let results = ctx.list_each(&profiles).await;
    let mut items = Vec::new();
    let mut failures = Vec::new();
    for (p, r) in results {
        match r {
            Ok(subs) => items.extend(subs.into_iter().map(|s| (p.name.clone(), p.provider, s))),
            Err(e) => {
                ctx.out.warn(&format!("profile '{}': {e}", p.name));
                failures.push(e);
            }
        }
    }
    ctx.out.render(&Across {
        items,
        reveal: args.show_secret,
    })?;
    match error::batch(&failures, profiles.len(), "profiles", "") {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
