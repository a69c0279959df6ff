//! `whctl get ID`: one subscription.

use clap::Args;

use super::Ctx;
use super::view::Subscriptions;

#[derive(Debug, Args)]
pub struct GetArgs {
    /// The subscription's id
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// Show the secret in full
    #[arg(long)]
    pub show_secret: bool,
}

pub async fn run(ctx: &Ctx, args: GetArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let provider = ctx.provider(&profile)?;
    let sub = provider.get(&args.id).await?;
    ctx.out.render(&Subscriptions {
        provider: profile.provider,
        profile: &profile.name,
        items: std::slice::from_ref(&sub),
        reveal: args.show_secret,
        single: true,
    })
}
