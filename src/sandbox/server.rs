//! The sandbox's HTTP server: each provider's API under `/<name>`, and the control
//! endpoints under `/_sandbox` (`GET /_sandbox`, `POST /_sandbox/emit`,
//! `GET /_sandbox/deliveries`).

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::deliver::{self, Attempt, Job, Target};
use super::{Call, MAX_REQUEST_BODY, Reply, Sandbox, Scope, now_rfc3339};
use crate::catalog;

/// The prefix of the control endpoints.
pub const CONTROL: &str = "_sandbox";

/// What `POST /_sandbox/emit` takes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmitRequest {
    pub provider: String,
    /// An event name of the provider's catalog.
    pub event: String,
    /// The body to deliver; the catalog's sample in the provider's envelope when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// Deliver to this URL instead of the provider's subscriptions (providers without an API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The secret to sign a `to` delivery with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// What `POST /_sandbox/emit` answers: the first attempt of each delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmitAnswer {
    pub provider: String,
    pub event: String,
    pub deliveries: Vec<Attempt>,
}

/// What `GET /_sandbox/deliveries` answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveriesAnswer {
    pub attempts: Vec<Attempt>,
}

/// Serves until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    sandbox: Arc<Sandbox>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = Router::new().fallback(handle).with_state(sandbox);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

fn respond(r: Reply) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match r.body {
        Some(v) => (
            status,
            [("content-type", "application/json")],
            v.to_string(),
        )
            .into_response(),
        None => status.into_response(),
    }
}

/// The sandbox's own error shape (for its control endpoints and unknown prefixes).
fn message(status: u16, msg: &str) -> Reply {
    Reply::json(status, json!({ "message": msg }))
}

async fn handle(
    State(sb): State<Arc<Sandbox>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let path = uri.path();
    let trimmed = path.trim_start_matches('/');
    let (first, rest) = match trimmed.find('/') {
        Some(i) => (&trimmed[..i], &trimmed[i..]),
        None => (trimmed, "/"),
    };
    let bytes = axum::body::to_bytes(body, MAX_REQUEST_BODY).await;
    let too_large = format!(
        "the request body is over {} KiB, the sandbox's limit",
        MAX_REQUEST_BODY / 1024
    );
    if first == CONTROL {
        let Ok(bytes) = bytes else {
            return respond(message(413, &too_large));
        };
        return respond(control(&sb, method.as_str(), rest, &bytes).await);
    }
    let Some((kind, api)) = sb.api(first) else {
        let served: Vec<String> = sb.apis.iter().map(|(k, _)| format!("/{k}")).collect();
        return respond(message(
            404,
            &format!(
                "no such route: {path} (the sandbox serves {} and /{CONTROL})",
                served.join(", ")
            ),
        ));
    };
    let Ok(bytes) = bytes else {
        return respond((api.error)(413, &too_large));
    };
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let call = Call {
        method: method.as_str(),
        path: rest,
        query: uri.query().unwrap_or(""),
        headers: &pairs,
        body: &bytes,
    };
    respond((api.routes)(&call, &Scope::new(kind, &sb)))
}

async fn control(sb: &Arc<Sandbox>, method: &str, rest: &str, body: &[u8]) -> Reply {
    match (method, rest.trim_end_matches('/')) {
        ("GET", "") => Reply::json(200, sb.info(sb.file.as_deref(), sb.retry_scale)),
        ("GET", "/deliveries") => Reply::json(
            200,
            serde_json::to_value(DeliveriesAnswer {
                attempts: sb.attempts(),
            })
            .unwrap_or(Value::Null),
        ),
        ("POST", "/emit") => match serde_json::from_slice::<EmitRequest>(body) {
            Ok(req) => emit(sb, req).await,
            Err(e) => message(
                400,
                &format!("emit takes {{\"provider\", \"event\", \"body\"?, \"to\"?}}: {e}"),
            ),
        },
        (_, "" | "/deliveries" | "/emit") => message(405, "method not allowed"),
        _ => message(404, &format!("no such control endpoint: /{CONTROL}{rest}")),
    }
}

/// Whether `u` is an absolute http(s) URL with a host.
fn web_url(u: &str) -> bool {
    url::Url::parse(u)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

async fn emit(sb: &Arc<Sandbox>, req: EmitRequest) -> Reply {
    let Some(kind) = sb.kind(&req.provider) else {
        return message(400, &format!("unknown provider '{}'", req.provider));
    };
    let c = catalog::get(kind);
    let Some(event) = c.event(&req.event) else {
        return message(
            400,
            &format!(
                "'{}' is not an event of {kind} (see `whctl events list --provider {kind}`)",
                req.event
            ),
        );
    };
    let targets = match &req.to {
        Some(to) if web_url(to) => vec![Target {
            subscription: None,
            url: to.clone(),
            secret: req.secret.clone().filter(|s| !s.is_empty()),
        }],
        Some(to) => return message(400, &format!("'{to}' is not an http(s) URL")),
        None if sb.api(kind.name()).is_none() => {
            return message(
                400,
                &format!("{kind} has no API to subscribe through: emit to a URL with --to"),
            );
        }
        None => sb.targets(kind, &event.name),
    };
    let body = req.body.unwrap_or_else(|| {
        catalog::delivery(
            kind,
            event,
            &now_rfc3339(),
            &format!("{:x}", rand::random::<u64>()),
        )
    });
    let body = Arc::new(serde_json::to_vec(&body).unwrap_or_default());
    let jobs: Vec<Job> = targets
        .into_iter()
        .map(|target| Job {
            kind,
            event: event.name.clone(),
            body: body.clone(),
            target,
            id: deliver::delivery_id(),
            retried: true,
        })
        .collect();
    let deliveries = sb.deliver(jobs).await;
    Reply::json(
        200,
        serde_json::to_value(EmitAnswer {
            provider: kind.name().to_string(),
            event: event.name.clone(),
            deliveries,
        })
        .unwrap_or(Value::Null),
    )
}
