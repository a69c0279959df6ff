//! `whctl rotate-secret ID|URL`: give a subscription a new signing secret.
//!
//! How depends on the provider (Atelio: by replacement; Qolo: in place). The new secret is
//! printed once, or written to `--secret-out FILE` (mode 0600) and kept out of the log. A
//! rotation by replacement changes the id, not the URL: scripts that rotate on every run
//! name the subscription by its URL.

use std::path::PathBuf;

use clap::Args;

use super::view::DryRun;
use super::{Ctx, secret_home, show_new_secret};
use crate::ops::{Handle, Outcome, rotate};
use crate::providers::unsupported;

#[derive(Debug, Args)]
pub struct RotateArgs {
    /// The subscription's id, or its URL (http(s)://…; it survives a rotation by replacement)
    #[arg(value_name = "ID|URL", value_parser = super::parse_handle)]
    pub id: Handle,
    /// Write the new secret to this file (mode 0600) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub secret_out: Option<PathBuf>,
    /// Print what would be sent and change nothing (reads still go: a URL's lookup, the
    /// subscription)
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(ctx: &Ctx, args: RotateArgs) -> anyhow::Result<()> {
    let profile = ctx.profile()?;
    let kind = profile.provider;
    if !kind.capabilities().rotate.is_supported() {
        return Err(unsupported(kind, "rotate-secret").into());
    }
    let provider = ctx.provider(&profile)?;
    // Before any change: the new secret must have somewhere to go.
    let file = if args.dry_run {
        None
    } else {
        secret_home(ctx, kind, args.secret_out.as_deref(), false)?
    };
    match rotate::rotate(provider.as_ref(), &args.id, args.dry_run, ctx).await? {
        Outcome::Preview(reqs) => ctx.out.render(&DryRun(&reqs)),
        Outcome::Done(rotation) => {
            let shown = show_new_secret(
                ctx,
                kind,
                &profile.name,
                &rotation.subscription,
                file.as_ref(),
                "the secret was rotated",
            );
            rotate::ending(rotation.incomplete, shown)
        }
    }
}
