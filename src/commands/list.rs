//! `whctl list`: the subscriptions of the profile.

use clap::Args;

use super::Ctx;
use super::view::Subscriptions;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show each secret in full
    #[arg(long)]
    pub show_secret: bool,
}

pub async fn run(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let provider = ctx.provider(&profile)?;
    let items = provider.list().await?;
    ctx.out.render(&Subscriptions {
        provider: profile.provider,
        profile: &profile.name,
        items: &items,
        reveal: args.show_secret,
        single: false,
    })
}
