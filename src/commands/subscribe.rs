//! `whctl subscribe --url URL --events PATTERN...`: create a subscription.

use std::path::PathBuf;

use clap::Args;

use super::view::DryRun;
use super::{Ctx, check_url, read_secret, resolve_events, secret_home, show_new_secret};
use crate::error::Error;
use crate::ops::{Outcome, subscribe};
use crate::providers::{self, NewSubscription, unsupported};

#[derive(Debug, Args)]
pub struct SubscribeArgs {
    /// Where deliveries go (absolute http(s) URL)
    #[arg(long)]
    pub url: String,
    /// Events or patterns (card.*, card*, *.created, *); repeat or separate with commas
    #[arg(long, num_args = 1.., value_name = "PATTERN")]
    pub events: Vec<String>,
    /// A description shown in the provider's dashboard
    #[arg(long)]
    pub description: Option<String>,
    /// Create the subscription disabled
    #[arg(long)]
    pub disabled: bool,
    /// Qolo: use the secret in this file ('-' for stdin) instead of a generated one
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Write the new secret to this file (mode 0600) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub secret_out: Option<PathBuf>,
    /// Prune: set the account's callback URL instead of its event URL
    #[arg(long)]
    pub callback: bool,
    /// Print what would be sent and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(ctx: &Ctx, args: SubscribeArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let kind = profile.provider;
    if !kind.capabilities().subscribe.is_supported() {
        return Err(unsupported(kind, "subscribe").into());
    }
    let url = check_url(ctx, &args.url)?;
    if args.description.is_some() && !kind.capabilities().descriptions {
        return Err(Error::unsupported(format!(
            "{kind} subscriptions have no description: drop --description"
        ))
        .into());
    }
    if args.events.is_empty() && kind.capabilities().event_filter {
        return Err(
            Error::usage("--events is required: name events or patterns such as 'card.*'").into(),
        );
    }
    let url_kind = match (args.callback, kind.capabilities().url_kinds) {
        (false, kinds) => kinds.first().map(|k| k.to_string()),
        (true, kinds) if kinds.contains(&"callback") => Some("callback".to_string()),
        (true, _) => {
            return Err(
                Error::unsupported(format!("{kind} has no callback URL: drop --callback")).into(),
            );
        }
    };
    let resolved = resolve_events(kind, &args.events)?;
    let secret_file = if args.dry_run {
        None
    } else {
        secret_home(
            ctx,
            kind,
            args.secret_out.as_deref(),
            args.secret_file.is_some(),
        )?
    };
    let secret = match &args.secret_file {
        Some(_) if !kind.capabilities().client_secret => {
            return Err(Error::unsupported(format!(
                "{kind} generates webhook secrets itself: drop --secret-file"
            ))
            .into());
        }
        Some(path) => Some(read_secret(path)?),
        // Chosen once here, so that a retried create sends the same secret.
        None if kind.capabilities().client_secret && !args.dry_run => {
            Some(providers::generate_secret())
        }
        None => None,
    };
    let new = NewSubscription {
        url,
        description: args.description.clone(),
        events: providers::wire_events(kind, &resolved),
        enabled: !args.disabled,
        secret,
        url_kind,
        idempotency_key: Some(providers::idempotency_key()),
    };
    let provider = ctx.provider(&profile)?;
    match subscribe::subscribe(
        provider.as_ref(),
        &profile.name,
        &new,
        args.dry_run,
        ctx,
        ctx,
    )
    .await?
    {
        Outcome::Preview(reqs) => ctx.out.render(&DryRun(&reqs)),
        Outcome::Done(sub) => show_new_secret(
            ctx,
            kind,
            &profile.name,
            &sub,
            secret_file.as_ref(),
            "the subscription was created",
        ),
    }
}
