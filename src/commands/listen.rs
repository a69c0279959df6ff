//! `whctl listen`: a local receiver that checks each delivery's signature, optionally
//! forwards it unchanged to your app, and prints one row per delivery.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use clap::Args;
use serde_json::json;
use tokio::sync::Notify;

use super::sign::webhook_secret;
use super::{Ctx, check_url};
use crate::catalog;
use crate::config::Secret;
use crate::error::Error;
use crate::http::{Http, Request};
use crate::output::Stream;
use crate::providers::ProviderKind;
use crate::signing::{self, Scheme};

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

struct Listener {
    provider: ProviderKind,
    check: Option<(Scheme, Secret)>,
    tolerance: u64,
    forward: Option<(String, Http)>,
    rows: Stream,
    seen: AtomicUsize,
    max: Option<usize>,
    done: Notify,
}

/// Headers that belong to one hop and are not forwarded.
const HOP_BY_HOP: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
];

pub async fn run(ctx: &Ctx, args: ListenArgs) -> anyhow::Result<()> {
    let tolerance = signing::tolerance(args.tolerance)?;
    let secret = webhook_secret(args.secret_file.as_deref())?;
    let check = match (Scheme::of(args.provider), secret) {
        (Ok(scheme), Some(secret)) => Some((scheme, secret)),
        (Ok(scheme), None) => {
            ctx.out.warn(&format!(
                "no secret: {} will not be checked (pass --secret-file or set WHCTL_WEBHOOK_SECRET)",
                scheme.header()
            ));
            None
        }
        (Err(e), Some(_)) => {
            ctx.out
                .warn(&format!("{e}: signatures will not be checked"));
            None
        }
        (Err(_), None) => None,
    };
    let forward = match &args.forward_to {
        Some(u) => Some((check_url(ctx, u)?, ctx.http()?)),
        None => None,
    };
    if args.max == Some(0) {
        return Err(Error::usage("--max must be at least 1").into());
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|e| {
            Error::usage(format!(
                "cannot listen on 127.0.0.1:{}: {e} (try --port 0)",
                args.port
            ))
        })?;
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
        provider: args.provider,
        check,
        tolerance,
        forward,
        rows,
        seen: AtomicUsize::new(0),
        max: args.max,
        done: Notify::new(),
    });
    ctx.out.note(&format!(
        "Ready: listening for {} deliveries on http://{addr}/ ({}{}). Ctrl-C to stop.",
        args.provider,
        match &state.check {
            Some((s, _)) => format!("checking {}", s.header()),
            None => "signatures not checked".to_string(),
        },
        match &state.forward {
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
fn interrupt_signal() -> std::io::Result<tokio::signal::unix::Signal> {
    use tokio::signal::unix::{SignalKind, signal};
    signal(SignalKind::interrupt())
}

#[cfg(not(unix))]
fn interrupt_signal() -> std::io::Result<tokio::signal::windows::CtrlC> {
    tokio::signal::windows::ctrl_c()
}

async fn deliver(
    State(st): State<Arc<Listener>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "whctl listen takes POSTed deliveries\n",
        )
            .into_response();
    }
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).to_string(),
            )
        })
        .collect();
    let event = serde_json::from_slice(&body)
        .ok()
        .and_then(|v| catalog::event_of(&v))
        .unwrap_or_else(|| "-".to_string());
    let verdict = st.check.as_ref().map(|(scheme, secret)| {
        signing::verify(
            *scheme,
            secret.expose().as_bytes(),
            &pairs,
            &body,
            st.tolerance,
            signing::now(),
        )
    });
    let forwarded = match &st.forward {
        Some((url, http)) => {
            let mut req = Request::new(reqwest::Method::POST, url).raw_json(body.to_vec());
            for (k, v) in &pairs {
                if !HOP_BY_HOP.contains(&k.as_str()) {
                    req = req.secret_header(k, v.clone());
                }
            }
            Some(http.send(&req).await.map(|r| r.status.as_u16()))
        }
        None => None,
    };
    let answer: u16 = match (&forwarded, &verdict) {
        (Some(Ok(s)), _) => *s,
        (Some(Err(_)), _) => 502,
        (None, Some(Err(_))) => 400,
        (None, _) => 200,
    };
    let sig_text = match &verdict {
        None => "not checked".to_string(),
        Some(Ok(())) => "valid".to_string(),
        Some(Err(e)) => format!("invalid ({})", e.short()),
    };
    let fwd_text = match &forwarded {
        None => "-".to_string(),
        Some(Ok(s)) => s.to_string(),
        Some(Err(_)) => "failed".to_string(),
    };
    let time = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let clock = time.get(11..19).unwrap_or(&time).to_string();
    let _ = st.rows.row(
        &[clock, event.clone(), sig_text.clone(), fwd_text, answer.to_string()],
        &json!({
            "time": time,
            "provider": st.provider.name(),
            "event": event,
            "signature": match &verdict { None => "not_checked", Some(Ok(())) => "valid", Some(Err(_)) => "invalid" },
            "reason": verdict.as_ref().and_then(|v| v.as_ref().err()).map(|e| e.to_string()),
            "forwarded_status": forwarded.as_ref().and_then(|f| f.as_ref().ok()),
            "forward_error": forwarded.as_ref().and_then(|f| f.as_ref().err()).map(|e| e.to_string()),
            "answered": answer,
        }),
    );
    let n = st.seen.fetch_add(1, Ordering::SeqCst) + 1;
    if st.max.is_some_and(|m| n >= m) {
        st.done.notify_one();
    }
    let text = if verdict.as_ref().is_some_and(|v| v.is_err()) && forwarded.is_none() {
        "invalid signature\n"
    } else {
        "ok\n"
    };
    (StatusCode::from_u16(answer).unwrap_or(StatusCode::OK), text).into_response()
}
