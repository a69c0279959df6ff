//! `whctl listen`: a local receiver that checks each delivery's signature, optionally
//! forwards it unchanged to your app, and prints one row per delivery.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use clap::Args;
use tokio::sync::Notify;

use super::sign::webhook_secret;
use super::{Ctx, check_url};
use crate::error::Error;
use crate::ops::listen::{self, Delivery, Handler};
use crate::output::Stream;
use crate::providers::ProviderKind;
use crate::signing;

#[derive(Debug, Args)]
pub struct ListenArgs {
    #[arg(long, value_enum)]
    pub provider: ProviderKind,
    /// Port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// File holding the webhook secret to check signatures with ('-' for stdin) [or WHCTL_WEBHOOK_SECRET]
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Forward each delivery, body and headers unchanged, to this URL
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,
    /// Timestamp tolerance for Atelio signatures, in seconds
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub tolerance: i64,
    /// Stop after this many deliveries
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,
}

/// The server's state: the delivery handler, where rows go, and the `--max` count.
struct Listener {
    handler: Handler,
    rows: Stream,
    seen: AtomicUsize,
    max: Option<usize>,
    done: Notify,
}

pub async fn run(ctx: &Ctx, args: ListenArgs) -> anyhow::Result<()> {
    let tolerance = signing::tolerance(args.tolerance)?;
    let secret = webhook_secret(args.secret_file.as_deref())?;
    let (check, warning) = listen::signature_check(args.provider, secret);
    if let Some(w) = warning {
        ctx.out.warn(&w);
    }
    let forward = match &args.forward_to {
        Some(u) => Some((check_url(ctx, u)?, ctx.http()?)),
        None => None,
    };
    if args.max == Some(0) {
        return Err(Error::usage("--max must be at least 1").into());
    }
    let listener = super::bind_local(args.port).await?;
    let addr = listener.local_addr()?;
    // The Ctrl-C handler is installed before the ready line is printed, so a SIGINT sent as
    // soon as that line appears stops the listener cleanly instead of killing the process.
    let mut interrupted = interrupt_signal()?;
    let rows = ctx.out.stream(&[
        ("TIME", 8),
        ("EVENT", 28),
        ("SIGNATURE", 30),
        ("FORWARDED", 10),
        ("ANSWER", 6),
    ])?;
    let state = Arc::new(Listener {
        handler: Handler {
            provider: args.provider,
            check,
            tolerance,
            forward,
            clock: SystemTime::now,
        },
        rows,
        seen: AtomicUsize::new(0),
        max: args.max,
        done: Notify::new(),
    });
    ctx.out.note(&format!(
        "Ready: listening for {} deliveries on http://{addr}/ ({}{}). Ctrl-C to stop.",
        args.provider,
        match &state.handler.check {
            Some((s, _)) => format!("checking {}", s.header()),
            None => "signatures not checked".to_string(),
        },
        match &state.handler.forward {
            Some((u, _)) => format!(", forwarding to {u}"),
            None => String::new(),
        }
    ));
    let app = Router::new().fallback(deliver).with_state(state.clone());
    let stop = state.clone();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            tokio::select! {
                _ = interrupted.recv() => {}
                _ = stop.done.notified() => {}
            }
        })
        .await?;
    ctx.out.note(&format!(
        "stopped after {} deliveries",
        state.seen.load(Ordering::SeqCst)
    ));
    Ok(())
}

/// SIGINT, registered now (tokio's `ctrl_c()` future registers only when first polled).
#[cfg(unix)]
pub(super) fn interrupt_signal() -> std::io::Result<tokio::signal::unix::Signal> {
    use tokio::signal::unix::{SignalKind, signal};
    signal(SignalKind::interrupt())
}

#[cfg(not(unix))]
pub(super) fn interrupt_signal() -> std::io::Result<tokio::signal::windows::CtrlC> {
    tokio::signal::windows::ctrl_c()
}

async fn deliver(
    State(st): State<Arc<Listener>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).to_string(),
            )
        })
        .collect();
    let delivery = Delivery {
        method: method.as_str(),
        headers: &pairs,
        body: &body,
    };
    let answer = st.handler.handle(&delivery).await;
    if let Some(record) = &answer.record {
        let _ = st.rows.row(&record.cells(), &record.json());
        let n = st.seen.fetch_add(1, Ordering::SeqCst) + 1;
        if st.max.is_some_and(|m| n >= m) {
            st.done.notify_one();
        }
    }
    (
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK),
        answer.text,
    )
        .into_response()
}
