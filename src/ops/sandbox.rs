//! `whctl sandbox`: starting the sandbox (the registry's provider APIs and the generic
//! machinery of [`crate::sandbox`]), and the two calls `emit` and `deliveries` make to a
//! running one.

use std::sync::Arc;

use reqwest::Method;

use crate::error::Error;
use crate::http::{Http, Request};
use crate::providers;
use crate::sandbox::server::{self, DeliveriesAnswer, EmitAnswer, EmitRequest};
use crate::sandbox::{Attempt, Options, Sandbox};

/// Builds the sandbox: every provider with an API, served as its module says; every
/// provider (with or without an API) can be emitted for.
pub fn start(opts: &Options) -> Result<Arc<Sandbox>, Error> {
    Sandbox::new(providers::sandboxes(), providers::all().to_vec(), opts)
}

/// Serves on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    sandbox: Arc<Sandbox>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    server::serve(listener, sandbox, shutdown)
        .await
        .map_err(|e| Error::unavailable(format!("the sandbox stopped: {e}")))
}

/// A control endpoint's URL.
fn control(sandbox: &str, path: &str) -> String {
    format!(
        "{}/{}/{path}",
        sandbox.trim_end_matches('/'),
        server::CONTROL
    )
}

/// Says how to start the sandbox when it cannot be reached.
fn unreachable(sandbox: &str, e: Error) -> Error {
    Error::new(
        e.kind,
        format!(
            "{e} (is `whctl sandbox serve` running at {sandbox}? pass --sandbox URL or set WHCTL_SANDBOX)"
        ),
    )
}

/// Asks the sandbox at `sandbox` to deliver an event; returns the first attempt of each
/// delivery (retries follow in the sandbox).
pub async fn emit(http: &Http, sandbox: &str, req: &EmitRequest) -> Result<EmitAnswer, Error> {
    let body = serde_json::to_vec(req).map_err(|e| Error::usage(e.to_string()))?;
    let request = Request::new(Method::POST, control(sandbox, "emit")).raw_json(body);
    let resp = http
        .send(&request)
        .await
        .map_err(|e| unreachable(sandbox, e))?;
    resp.check("the sandbox")?;
    serde_json::from_value(resp.json()?).map_err(|e| {
        Error::unavailable(format!(
            "{sandbox} did not answer as a whctl sandbox does: {e}"
        ))
    })
}

/// Every delivery attempt the sandbox at `sandbox` has logged, oldest first.
pub async fn deliveries(http: &Http, sandbox: &str) -> Result<Vec<Attempt>, Error> {
    let request = Request::new(Method::GET, control(sandbox, "deliveries"));
    let resp = http
        .send(&request)
        .await
        .map_err(|e| unreachable(sandbox, e))?;
    resp.check("the sandbox")?;
    let answer: DeliveriesAnswer = serde_json::from_value(resp.json()?).map_err(|e| {
        Error::unavailable(format!(
            "{sandbox} did not answer as a whctl sandbox does: {e}"
        ))
    })?;
    Ok(answer.attempts)
}
