//! `whctl sign` and `whctl verify`: a provider's delivery signature, offline.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use super::{Ctx, read_secret};
use crate::config::{Secret, process_env};
use crate::error::Error;
use crate::input::{Input, MAX_PAYLOAD, read_arg};
use crate::providers::ProviderKind;
use crate::signing::{self, Scheme};

#[derive(Debug, Args)]
pub struct SignArgs {
    #[arg(long, value_enum)]
    pub provider: ProviderKind,
    /// File holding the webhook secret ('-' for stdin) [or WHCTL_WEBHOOK_SECRET]
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// The raw body to sign ('-' or absent: stdin)
    #[arg(long, value_name = "FILE")]
    pub payload: Option<PathBuf>,
    /// Unix time to sign at (Atelio) [default: now]
    #[arg(long, value_name = "UNIX_SECONDS")]
    pub timestamp: Option<i64>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[arg(long, value_enum)]
    pub provider: ProviderKind,
    /// File holding the webhook secret ('-' for stdin) [or WHCTL_WEBHOOK_SECRET]
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// A header of the delivery, 'Name: value' (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE", required = true)]
    pub headers: Vec<String>,
    /// The raw body as received ('-' or absent: stdin)
    #[arg(long, value_name = "FILE")]
    pub payload: Option<PathBuf>,
    /// How far a timestamp may be from now, in seconds (Atelio)
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub tolerance: i64,
}

/// The webhook secret from `--secret-file` or `WHCTL_WEBHOOK_SECRET`; `None` when neither.
pub fn webhook_secret(path: Option<&Path>) -> Result<Option<Secret>, Error> {
    match path {
        Some(p) => read_secret(p).map(Some),
        None => Ok(process_env("WHCTL_WEBHOOK_SECRET").map(Secret::new)),
    }
}

fn require_secret(path: Option<&Path>) -> Result<Secret, Error> {
    webhook_secret(path)?.ok_or_else(|| {
        Error::usage("no webhook secret: pass --secret-file FILE (or - for stdin), or set WHCTL_WEBHOOK_SECRET")
    })
}

/// The body exactly as given, at most [`MAX_PAYLOAD`]: a file, or stdin for `-` or no flag.
pub fn read_payload(path: Option<&Path>, secret_path: Option<&Path>) -> Result<Vec<u8>, Error> {
    let src = path.map_or(Input::Stdin, Input::arg);
    if src.is_stdin() {
        if secret_path.is_some_and(|p| Input::arg(p).is_stdin()) {
            return Err(Error::usage(
                "the secret and the payload cannot both come from stdin: pass --payload FILE",
            ));
        }
        if std::io::stdin().is_terminal() {
            return Err(Error::usage(
                "no payload: pass --payload FILE, or pipe the body in",
            ));
        }
    }
    let what = match src {
        Input::Stdin => "the payload from stdin".to_string(),
        Input::File(p) => format!("the payload {}", p.display()),
    };
    read_arg(src, MAX_PAYLOAD, &what)
}

pub fn sign(ctx: &Ctx, args: SignArgs) -> anyhow::Result<()> {
    let scheme = Scheme::of(args.provider)?;
    // The payload first: a payload that cannot be read fails before a secret is asked for.
    let body = read_payload(args.payload.as_deref(), args.secret_file.as_deref())?;
    let secret = require_secret(args.secret_file.as_deref())?;
    let t = args.timestamp.unwrap_or_else(signing::now);
    if !signing::timestamp_in_range(t) {
        return Err(Error::usage(format!(
            "--timestamp {t} is out of range: unix seconds from {} to {} (1970 to 9999)",
            signing::MIN_TIMESTAMP,
            signing::MAX_TIMESTAMP
        ))
        .into());
    }
    let (name, value) = signing::sign(scheme, secret.expose().as_bytes(), &body, t);
    if ctx.out.quiet {
        // The header's value alone, for `verify --header "Name: $SIG"` and the like.
        return ctx.out.ids(&[value]);
    }
    if ctx.out.is_json() {
        let mut v = json!({ "provider": args.provider.name(), "headers": { &name: value } });
        if matches!(scheme, Scheme::Timestamped(_)) {
            v["timestamp"] = json!(t);
        }
        return ctx.out.json(&v);
    }
    ctx.out.text(&format!("{name}: {value}"))
}

pub fn verify(ctx: &Ctx, args: VerifyArgs) -> anyhow::Result<()> {
    let scheme = Scheme::of(args.provider)?;
    let tolerance = signing::tolerance(args.tolerance)?;
    let headers = args
        .headers
        .iter()
        .map(|h| signing::parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    // The payload first: a payload that cannot be read fails before a secret is asked for.
    let body = read_payload(args.payload.as_deref(), args.secret_file.as_deref())?;
    let secret = require_secret(args.secret_file.as_deref())?;
    let result = signing::verify(
        scheme,
        secret.expose().as_bytes(),
        &headers,
        &body,
        tolerance,
        signing::now(),
    );
    // With `-q` nothing is printed (`json` and `text` print nothing): the exit code says it.
    if ctx.out.is_json() {
        ctx.out.json(&match &result {
            Ok(()) => json!({ "valid": true, "header": scheme.header() }),
            Err(e) => json!({ "valid": false, "header": scheme.header(), "reason": e.to_string() }),
        })?;
    }
    match result {
        Ok(()) => {
            if !ctx.out.is_json() {
                ctx.out
                    .text(&format!("valid: {} matches", scheme.header()))?;
            }
            Ok(())
        }
        Err(e) => Err(Error::signature_invalid(format!("signature not valid: {e}")).into()),
    }
}
