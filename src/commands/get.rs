//! `whctl get ID|URL`: one subscription, by id or by URL.

use clap::Args;

use super::Ctx;
use super::view::Subscriptions;
use crate::ops::{self, Handle};

#[derive(Debug, Args)]
pub struct GetArgs {
    /// The subscription's id, or its URL (http(s)://…; exit 4 if none has it, 2 if several do)
    #[arg(value_name = "ID|URL", value_parser = super::parse_handle)]
    pub id: Handle,
    /// Show the secret in full
    #[arg(long)]
    pub show_secret: bool,
}

pub async fn run(ctx: &Ctx, args: GetArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let provider = ctx.provider(&profile)?;
    let sub = ops::handle::get(provider.as_ref(), &args.id).await?;
    ctx.out.render(&Subscriptions {
        provider: profile.provider,
        profile: &profile.name,
        items: std::slice::from_ref(&sub),
        reveal: args.show_secret,
        single: true,
    })
}
