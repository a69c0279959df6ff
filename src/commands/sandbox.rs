//! `whctl sandbox serve|emit|deliveries`: the providers' webhook APIs on 127.0.0.1,
//! delivering real signed events.

use std::path::PathBuf;
use std::time::SystemTime;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::sign::webhook_secret;
use super::{Ctx, check_url};
use crate::config::process_env;
use crate::error::Error;
use crate::ops::sandbox as ops;
use crate::ops::trigger::{self, TriggerRequest};
use crate::output::{Fit, Render};
use crate::providers::ProviderKind;
use crate::sandbox::server::{EmitAnswer, EmitRequest};
use crate::sandbox::{Attempt, Options};

/// The port `sandbox serve` listens on by default, and where `emit`/`deliveries` look.
pub const DEFAULT_PORT: u16 = 8788;
const DEFAULT_SANDBOX: &str = "http://127.0.0.1:8788";

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve the providers' webhook APIs on 127.0.0.1 (Ctrl-C to stop)
    Serve(ServeArgs),
    /// Make the running sandbox deliver an event to every matching subscription
    Emit(EmitArgs),
    /// List every delivery attempt the running sandbox made
    Deliveries(DeliveriesArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port, shown on the ready line)
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Keep subscriptions and keys in this file (0600), so they survive a restart
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Multiply the providers' retry waits by this (0 to 1; 0.001 makes an hour 3.6 s)
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    pub retry_scale: f64,
}

#[derive(Debug, Args)]
pub struct EmitArgs {
    /// The event to deliver (its catalog sample, in the provider's envelope)
    pub event: String,
    #[arg(long, value_enum)]
    pub provider: ProviderKind,
    /// Set a field of the body: dotted path = value (JSON, or else a string); repeatable
    #[arg(long = "override", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,
    /// The running sandbox
    #[arg(long, value_name = "URL", env = "WHCTL_SANDBOX", default_value = DEFAULT_SANDBOX)]
    pub sandbox: String,
    /// Deliver to this URL instead of the sandbox's subscriptions (for providers without an API)
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// With --to: file holding the webhook secret to sign with ('-' for stdin) [or WHCTL_WEBHOOK_SECRET]
    #[arg(long, value_name = "FILE", requires = "to")]
    pub secret_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeliveriesArgs {
    /// The running sandbox
    #[arg(long, value_name = "URL", env = "WHCTL_SANDBOX", default_value = DEFAULT_SANDBOX)]
    pub sandbox: String,
}

pub async fn run(ctx: &Ctx, cmd: SandboxCommand) -> anyhow::Result<()> {
    match cmd {
        SandboxCommand::Serve(args) => serve(ctx, args).await,
        SandboxCommand::Emit(args) => emit(ctx, args).await,
        SandboxCommand::Deliveries(args) => deliveries(ctx, args).await,
    }
}

async fn serve(ctx: &Ctx, args: ServeArgs) -> anyhow::Result<()> {
    let listener = super::bind_local(args.port).await?;
    let addr = listener.local_addr()?;
    let opts = Options {
        base: format!("http://{addr}"),
        state: args.state.clone(),
        retry_scale: args.retry_scale,
        api_key: process_env("WHCTL_SANDBOX_API_KEY").filter(|k| !k.trim().is_empty()),
        verbose: ctx.global.verbose,
    };
    let sandbox = ops::start(&opts)?;
    // Installed before the ready line is printed: a SIGINT sent as soon as it appears stops
    // the sandbox cleanly.
    let mut interrupted = super::listen::interrupt_signal()?;
    let mut terminated = terminate_signal()?;
    let info = sandbox.info(args.state.as_deref(), args.retry_scale);
    if ctx.out.is_json() {
        ctx.out.stream(&[])?.row(&[], &info)?;
    } else {
        ctx.out.text(&ready_text(&info))?;
    }
    ctx.out.note(&format!(
        "Ready: whctl sandbox on {} ({}). Ctrl-C to stop.",
        opts.base,
        match &args.state {
            Some(p) => format!("state in {}", p.display()),
            None => "state in memory".to_string(),
        }
    ));
    ops::serve(listener, sandbox, async move {
        tokio::select! {
            _ = interrupted.recv() => {}
            _ = terminated.recv() => {}
        }
    })
    .await?;
    ctx.out.note("sandbox stopped");
    Ok(())
}

/// SIGTERM (`kill PID` in a CI script) stops the sandbox as cleanly as Ctrl-C.
#[cfg(unix)]
fn terminate_signal() -> std::io::Result<tokio::signal::unix::Signal> {
    use tokio::signal::unix::{SignalKind, signal};
    signal(SignalKind::terminate())
}

/// Elsewhere there is no SIGTERM: a signal that never comes.
#[cfg(not(unix))]
fn terminate_signal() -> std::io::Result<Never> {
    Ok(Never)
}

#[cfg(not(unix))]
struct Never;

#[cfg(not(unix))]
impl Never {
    async fn recv(&mut self) -> Option<()> {
        std::future::pending().await
    }
}

/// The ready text: per provider its base URL and the variables to export.
fn ready_text(info: &Value) -> String {
    let mut s = format!(
        "whctl sandbox on {}\n",
        info["sandbox"].as_str().unwrap_or("")
    );
    if let Some(providers) = info["providers"].as_object() {
        for (name, p) in providers {
            s.push_str(&format!(
                "\n{name}: {}\n",
                p["base_url"].as_str().unwrap_or("")
            ));
            let vars: Vec<String> = p["env"]
                .as_object()
                .map(|env| {
                    env.iter()
                        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                        .collect()
                })
                .unwrap_or_default();
            s.push_str(&format!("  export {}\n", vars.join(" ")));
        }
    }
    s.push_str(&format!(
        "\nFor `whctl sandbox emit` and `deliveries`:\n  export WHCTL_SANDBOX={}\n",
        info["sandbox"].as_str().unwrap_or("")
    ));
    s
}

async fn emit(ctx: &Ctx, args: EmitArgs) -> anyhow::Result<()> {
    let kind = args.provider;
    // The event and overrides first: a bad one fails before anything is sent.
    let (event, body) = trigger::body_value(
        &TriggerRequest {
            provider: kind,
            event: args.event.clone(),
            url: String::new(),
            secret: None,
            overrides: args.overrides.clone(),
        },
        SystemTime::now,
    )?;
    let (to, secret) = match &args.to {
        Some(u) => (
            Some(check_url(ctx, u)?),
            webhook_secret(args.secret_file.as_deref())?,
        ),
        None if !kind.capabilities().api => {
            return Err(Error::usage(format!(
                "{kind} has no API to subscribe through, so the sandbox holds no {kind} subscription: deliver to a URL with --to URL"
            ))
            .into());
        }
        None => (None, None),
    };
    let sandbox = check_url(ctx, &args.sandbox)?;
    let req = EmitRequest {
        provider: kind.name().to_string(),
        event: event.clone(),
        body: Some(body),
        to,
        secret: secret.map(|s| s.expose().to_string()),
    };
    let answer = ops::emit(&ctx.http()?, &sandbox, &req).await?;
    if answer.deliveries.is_empty() {
        ctx.out.note(&format!(
            "no enabled {kind} subscription in the sandbox takes {event}: nothing delivered"
        ));
    } else if answer.deliveries.iter().any(|d| !d.accepted) {
        ctx.out.note(&format!(
            "{kind} counts only {} as delivered: the others are retried on its schedule (see `whctl sandbox deliveries`)",
            kind.spec().delivered.describe()
        ));
    }
    ctx.out.render(&Emitted(answer))?;
    Ok(())
}

async fn deliveries(ctx: &Ctx, args: DeliveriesArgs) -> anyhow::Result<()> {
    let sandbox = check_url(ctx, &args.sandbox)?;
    let attempts = ops::deliveries(&ctx.http()?, &sandbox).await?;
    ctx.out.render(&Attempts(attempts))?;
    Ok(())
}

/// The answer's cell: the status, or why there was none.
fn answer_cell(a: &Attempt) -> String {
    match (a.status, &a.error) {
        (Some(s), _) => s.to_string(),
        (None, Some(e)) if e.contains("timed out") || e.contains("timeout") => "timeout".into(),
        (None, _) => "no answer".into(),
    }
}

fn next_cell(a: &Attempt) -> String {
    match a.next_attempt_in_ms {
        _ if a.accepted => "delivered".into(),
        Some(ms) => format!(
            "retry in {}",
            humantime::format_duration(std::time::Duration::from_millis(ms),)
        ),
        None => "given up".into(),
    }
}

/// What `emit` prints: one row per delivery.
struct Emitted(EmitAnswer);

impl Render for Emitted {
    fn headers(&self) -> Vec<&'static str> {
        vec!["SUBSCRIPTION", "URL", "STATUS", "TIME", "SIGNED", "OUTCOME"]
    }
    fn fits(&self) -> Vec<Fit> {
        vec![
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Drop,
            Fit::Drop,
            Fit::Words,
        ]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .deliveries
            .iter()
            .map(|a| {
                vec![
                    a.subscription.clone().unwrap_or_else(|| "-".into()),
                    a.url.clone(),
                    answer_cell(a),
                    format!("{} ms", a.duration_ms),
                    a.signature_header.clone().unwrap_or_else(|| "no".into()),
                    next_cell(a),
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }
    fn ids(&self) -> Vec<String> {
        self.0
            .deliveries
            .iter()
            .map(|a| a.delivery.clone())
            .collect()
    }
}

/// What `deliveries` prints: every attempt.
struct Attempts(Vec<Attempt>);

impl Render for Attempts {
    fn headers(&self) -> Vec<&'static str> {
        vec![
            "TIME",
            "EVENT",
            "SUBSCRIPTION",
            "URL",
            "ATTEMPT",
            "STATUS",
            "SIGNATURE",
        ]
    }
    fn fits(&self) -> Vec<Fit> {
        vec![
            Fit::Drop,
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Whole,
            Fit::Drop,
        ]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .iter()
            .map(|a| {
                vec![
                    a.time.get(11..19).unwrap_or(&a.time).to_string(),
                    a.event.clone(),
                    a.subscription.clone().unwrap_or_else(|| "-".into()),
                    a.url.clone(),
                    format!("{}/{}", a.attempt, a.max_attempts),
                    answer_cell(a),
                    a.signature_header
                        .clone()
                        .unwrap_or_else(|| "unsigned".into()),
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        json!(self.0)
    }
    fn ids(&self) -> Vec<String> {
        self.0.iter().map(|a| a.delivery.clone()).collect()
    }
}
