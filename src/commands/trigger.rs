//! `whctl trigger EVENT --provider P --to URL`: send a signed sample delivery.

use std::path::PathBuf;
use std::time::SystemTime;

use clap::Args;
use serde_json::{Value, json};

use super::sign::webhook_secret;
use super::{Ctx, check_url};
use crate::ops::trigger::{self, Delivery, TriggerRequest};
use crate::output::Render;
use crate::providers::ProviderKind;

#[derive(Debug, Args)]
pub struct TriggerArgs {
    /// The event to send (its catalog sample, in the provider's envelope)
    pub event: String,
    #[arg(long, value_enum)]
    pub provider: ProviderKind,
    /// Where to send it
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// File holding the webhook secret to sign with ('-' for stdin) [or WHCTL_WEBHOOK_SECRET]
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Set a field of the body: dotted path = value (JSON, or else a string); repeatable
    #[arg(long = "override", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,
}

impl Render for Delivery {
    fn headers(&self) -> Vec<&'static str> {
        vec!["EVENT", "TO", "STATUS", "TIME", "SIGNED", "ACCEPTED"]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            self.event.clone(),
            self.url.clone(),
            self.status.to_string(),
            format!("{} ms", self.elapsed.as_millis()),
            self.signed.clone().unwrap_or_else(|| "no".into()),
            if self.accepted { "yes" } else { "no" }.into(),
        ]]
    }
    fn json(&self) -> Value {
        json!({
            "provider": self.provider.name(),
            "event": self.event,
            "url": self.url,
            "status": self.status,
            "duration_ms": self.elapsed.as_millis() as u64,
            "signature_header": self.signed,
            "accepted": self.accepted,
        })
    }
}

pub async fn run(ctx: &Ctx, args: TriggerArgs) -> anyhow::Result<()> {
    let req = TriggerRequest {
        provider: args.provider,
        event: args.event,
        url: String::new(),
        secret: None,
        overrides: args.overrides,
    };
    // The event and overrides first: a bad one fails before the URL or secret is read.
    let body = trigger::body(&req, SystemTime::now)?;
    let req = TriggerRequest {
        url: check_url(ctx, &args.to)?,
        secret: webhook_secret(args.secret_file.as_deref())?,
        ..req
    };
    let delivery = trigger::trigger(&ctx.http()?, &req, body, ctx, SystemTime::now).await?;
    ctx.out.render(&delivery)?;
    if delivery.accepted {
        Ok(())
    } else {
        Err(trigger::refused(&delivery).into())
    }
}
