//! `whctl rotate-secret ID`: give a subscription a new signing secret.
//!
//! How depends on the provider (Atelio: by replacement; Qolo: in place). The new secret is
//! printed once, or written to `--secret-out FILE` (mode 0600) and kept out of the log.

use std::path::PathBuf;

use clap::Args;

use super::view::DryRun;
use super::{Ctx, secret_home, show_new_secret};
use crate::error::Error;
use crate::providers::{Op, unsupported};

#[derive(Debug, Args)]
pub struct RotateArgs {
    /// The subscription's id
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// Write the new secret to this file (mode 0600) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub secret_out: Option<PathBuf>,
    /// Print what would be sent and send nothing
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
    if args.dry_run {
        let current = provider.get(&args.id).await?;
        return ctx
            .out
            .render(&DryRun(&provider.preview(Op::Rotate(&current))?));
    }
    // Before any change: the new secret must have somewhere to go.
    let file = secret_home(ctx, kind, args.secret_out.as_deref(), false)?;
    let rotation = provider.rotate_secret(&args.id).await?;
    let sub = &rotation.subscription;
    if sub.id != rotation.old_id {
        ctx.out.note(&format!(
            "rotated by replacement: {} replaces {}",
            sub.id, rotation.old_id
        ));
    }
    let shown = show_new_secret(
        ctx,
        kind,
        &profile.name,
        sub,
        file.as_ref(),
        "the secret was rotated",
    );
    match (rotation.incomplete, shown) {
        (Some(e), Err(w)) => Err(Error::new(e.kind, format!("{}; also: {w}", e.message)).into()),
        (Some(e), Ok(())) => Err(Error::new(e.kind, e.message).into()),
        (None, r) => r,
    }
}
