//! `whctl export`: the live subscriptions as a desired-state file, to start from.

use clap::Args;

use super::Ctx;
use crate::error::Error;
use crate::state;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export every profile with a webhook API [default: the current profile]
    #[arg(long)]
    pub all_profiles: bool,
}

pub async fn run(ctx: &Ctx, args: ExportArgs) -> anyhow::Result<()> {
    let profiles = if args.all_profiles {
        ctx.api_profiles()?
    } else {
        vec![ctx.profile()?]
    };
    let lists = ctx.list_each(&profiles).await;
    let mut entries = Vec::new();
    for (p, r) in lists {
        let subs = r.map_err(|e| Error::new(e.kind, format!("profile '{}': {e}", p.name)))?;
        let (desired, unknown) = state::export(&p.name, p.provider, &subs);
        for u in unknown {
            ctx.out.warn(&format!(
                "profile '{}': event '{u}' is not in whctl's {} catalog and was left out",
                p.name, p.provider
            ));
        }
        entries.extend(desired);
    }
    let mut text = format!(
        "# webhooks.toml: exported by whctl {} on {}\n# Review, commit, then `whctl plan -f webhooks.toml`.\n\n",
        env!("CARGO_PKG_VERSION"),
        humantime::format_rfc3339_seconds(std::time::SystemTime::now())
    );
    text.push_str(&state::to_toml(&entries));
    crate::output::write_stdout(&text)
}
