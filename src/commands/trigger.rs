//! `whctl trigger EVENT --provider P --to URL`: send a signed sample delivery.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use reqwest::Method;
use serde_json::{Value, json};

use super::sign::webhook_secret;
use super::{Ctx, check_url};
use crate::catalog;
use crate::error::Error;
use crate::http::Request;
use crate::output::Render;
use crate::providers::ProviderKind;
use crate::signing::{self, Scheme};

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

/// Sets `a.b.c = value` in a JSON object, creating objects on the way.
fn set_path(body: &mut Value, path: &str, value: Value) -> Result<(), Error> {
    let mut cur = body;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            return Err(Error::usage(format!(
                "--override '{path}': empty key segment"
            )));
        }
        let obj = cur.as_object_mut().ok_or_else(|| {
            Error::usage(format!(
                "--override '{path}': '{}' is not an object in the payload",
                parts[..i].join(".")
            ))
        })?;
        if i == parts.len() - 1 {
            obj.insert(part.to_string(), value);
            return Ok(());
        }
        cur = obj
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
    }
    Ok(())
}

struct Outcome {
    provider: ProviderKind,
    event: String,
    url: String,
    status: u16,
    elapsed: Duration,
    accepted: bool,
    signed: Option<String>,
}

impl Render for Outcome {
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

/// Whether the provider counts the answer as a successful delivery.
pub fn accepted(p: ProviderKind, status: u16) -> bool {
    p.spec().delivered.accepts(status)
}

pub async fn run(ctx: &Ctx, args: TriggerArgs) -> anyhow::Result<()> {
    let p = args.provider;
    let c = catalog::get(p);
    let Some(event) = c.event(&args.event) else {
        return Err(c
            .resolve(&args.event)
            .err()
            .unwrap_or_else(|| {
                Error::usage(format!(
                    "'{}' is a pattern: trigger takes one event name",
                    args.event
                ))
            })
            .into());
    };
    let url = check_url(ctx, &args.to)?;
    let now = std::time::SystemTime::now();
    let unique = format!("{:x}", rand::random::<u64>());
    let mut body = catalog::delivery(
        p,
        event,
        &humantime::format_rfc3339_micros(now).to_string(),
        &unique,
    );
    for o in &args.overrides {
        let (k, v) = o
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("--override takes key=value, not '{o}'")))?;
        let value = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_string()));
        set_path(&mut body, k.trim(), value)?;
    }
    let raw = serde_json::to_vec(&body)?;
    let secret = webhook_secret(args.secret_file.as_deref())?;
    let mut req = Request::new(Method::POST, &url).raw_json(raw.clone());
    let signed = match (Scheme::of(p), &secret) {
        (Ok(scheme), Some(secret)) => {
            let (name, value) =
                signing::sign(scheme, secret.expose().as_bytes(), &raw, signing::now());
            req = req.header(&name, value);
            Some(name)
        }
        (Ok(scheme), None) => {
            ctx.out.warn(&format!(
                "no secret: sent without {} (pass --secret-file or set WHCTL_WEBHOOK_SECRET)",
                scheme.header()
            ));
            None
        }
        (Err(e), Some(_)) => {
            ctx.out.warn(&format!("{e}: sent unsigned"));
            None
        }
        (Err(_), None) => None,
    };
    let http = ctx.http()?;
    let started = Instant::now();
    let resp = http.send(&req).await?;
    let outcome = Outcome {
        provider: p,
        event: event.name.clone(),
        url: url.clone(),
        status: resp.status.as_u16(),
        elapsed: started.elapsed(),
        accepted: accepted(p, resp.status.as_u16()),
        signed,
    };
    ctx.out.render(&outcome)?;
    if outcome.accepted {
        Ok(())
    } else {
        Err(Error::rejected(format!(
            "{url} answered {}: {p} counts only {} as delivered, and would retry",
            outcome.status,
            p.spec().delivered.describe()
        ))
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_path_creates_and_refuses_non_objects() {
        let mut v = json!({"a": {"b": 1}, "s": "x"});
        set_path(&mut v, "a.b", json!(2)).unwrap();
        set_path(&mut v, "n.m", json!("y")).unwrap();
        assert_eq!(v, json!({"a": {"b": 2}, "s": "x", "n": {"m": "y"}}));
        assert!(set_path(&mut v, "s.t", json!(1)).is_err());
        assert!(set_path(&mut v, "a..b", json!(1)).is_err());
    }
}
