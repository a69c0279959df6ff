//! The one place whctl talks HTTP: lazily built reqwest clients (rustls; no certificate is
//! read for plain `http://`), timeouts, bounded retries with jittered backoff for idempotent
//! requests, `Retry-After`, a capped response size, and `-v` logging with every credential
//! redacted.
//!
//! `--timeout` bounds the whole of one [`Http::send`], retries and the waits between them
//! included: a wait that would end past it (a `Retry-After: 3600`) ends the request at once,
//! saying when to try again.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::error::{Error, Kind};

/// The user agent, fixed at compile time (no process is spawned to build it).
pub const USER_AGENT: &str = concat!("whctl/", env!("CARGO_PKG_VERSION"));

/// Largest response body read; a larger one is an error rather than unbounded memory.
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// One request, described before it is sent (also what `--dry-run` shows).
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub url: String,
    /// Header name, value, and whether the value is a credential (redacted in logs).
    pub headers: Vec<(String, String, bool)>,
    pub body: Option<Value>,
    /// Bytes sent exactly as they are (signed deliveries), as `application/json`.
    pub raw: Option<Vec<u8>>,
    /// Safe to send twice (GET, DELETE, PATCH/PUT of the same body).
    pub idempotent: bool,
}

impl Request {
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        let idempotent = matches!(
            method,
            Method::GET | Method::DELETE | Method::PUT | Method::PATCH | Method::HEAD
        );
        Request {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: None,
            raw: None,
            idempotent,
        }
    }
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into(), false));
        self
    }
    /// A header carrying a credential: sent, never logged.
    pub fn secret_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into(), true));
        self
    }
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
    /// A body sent byte for byte (a signature covers these exact bytes).
    pub fn raw_json(mut self, body: Vec<u8>) -> Self {
        self.raw = Some(body);
        self
    }
}

/// A response whose status the caller interprets.
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub body: Vec<u8>,
    pub url: String,
}

impl Response {
    /// The body as JSON; a body that is not JSON is a provider failure showing its start.
    pub fn json(&self) -> Result<Value, Error> {
        if self.body.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::unavailable(format!(
                "{} answered {} with a body that is not JSON ({e}): {}",
                host(&self.url),
                self.status.as_u16(),
                snippet(&self.body)
            ))
        })
    }
}

impl Response {
    /// `Ok` for a 2xx answer; otherwise the contract's error for the status, carrying the
    /// provider's own message (from `message`, `error`, `detail`… or the start of the body).
    pub fn check(&self, provider: &str) -> Result<(), Error> {
        if self.status.is_success() {
            return Ok(());
        }
        Err(status_error(
            provider,
            self.status,
            &provider_message(&self.body),
        ))
    }
}

/// The human message of a provider's error body.
pub fn provider_message(body: &[u8]) -> String {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| {
            [
                "message",
                "error",
                "detail",
                "error_message",
                "errors",
                "title",
            ]
            .iter()
            .find_map(|k| match &v[*k] {
                Value::String(s) if !s.is_empty() => Some(s.clone()),
                Value::Null | Value::String(_) => None,
                Value::Array(a) => a.first().map(|e| match e {
                    Value::String(s) => s.clone(),
                    other => other
                        .get("message")
                        .and_then(Value::as_str)
                        .map_or_else(|| other.to_string(), String::from),
                }),
                Value::Object(o) => o.get("message").and_then(Value::as_str).map(String::from),
                other => Some(other.to_string()),
            })
        })
        .unwrap_or_else(|| snippet(body))
}

/// The first 200 characters of a body, on one line, fields named like a secret redacted
/// (before the cut, so that a truncated secret is not half shown) and control characters
/// escaped.
pub fn snippet(body: &[u8]) -> String {
    let s = crate::redact::escape_controls(&crate::redact::redact_fields(
        &String::from_utf8_lossy(body),
    ));
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(200).collect();
    if one_line.chars().count() > 200 {
        out.push('…');
    }
    out
}

fn host(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| u.port().map_or(h.to_string(), |p| format!("{h}:{p}")))
        })
        .unwrap_or_else(|| url.to_string())
}

/// Retry policy: attempts and backoff.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub attempts: u32,
    pub base: Duration,
    /// The longest wait between two attempts; a `Retry-After` asking for more ends the request.
    pub max_delay: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 4,
            base: Duration::from_millis(200),
            max_delay: Duration::from_secs(30),
        }
    }
}

/// The HTTP client of a run. Cloning shares the connection pools.
#[derive(Clone)]
pub struct Http {
    clients: Arc<Clients>,
    verbose: bool,
    retry: Retry,
    /// The budget of one `send`, every attempt and wait included (`--timeout`).
    timeout: Duration,
}

/// The run's reqwest clients, each built the first time a request needs it: one for
/// `https://` (which reads the platform's certificate store, ~150 files) and one for plain
/// `http://` (a local gateway, a loopback fake) with no certificate roots, so that a run that
/// only speaks plain HTTP reads none.
struct Clients {
    timeout: Duration,
    tls: OnceLock<reqwest::Client>,
    plain: OnceLock<reqwest::Client>,
}

impl Clients {
    /// The client for `url`: the one without roots for `http://`, unless a proxy that plain
    /// HTTP would go through is itself reached over TLS.
    fn get(&self, url: &str) -> Result<&reqwest::Client, Error> {
        let plain = url
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
            && !plain_http_proxy_uses_tls();
        let cell = if plain { &self.plain } else { &self.tls };
        if let Some(c) = cell.get() {
            return Ok(c);
        }
        let c = build_client(self.timeout, !plain)?;
        Ok(cell.get_or_init(|| c))
    }
}

/// Whether the proxy reqwest would use for an `http://` URL is an `https://` one.
fn plain_http_proxy_uses_tls() -> bool {
    ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
        .iter()
        .filter_map(std::env::var_os)
        .any(|v| {
            v.to_str()
                .and_then(|v| v.trim().get(..8))
                .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        })
}

/// A reqwest client; `roots: false` leaves its TLS without any trusted root (and so reads
/// no certificate), for plain HTTP only.
fn build_client(timeout: Duration, roots: bool) -> Result<reqwest::Client, Error> {
    let mut b = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            // Credentials (Authorization, Identity, a login body) never follow a redirect
            // to another origin: the 3xx is returned and reported instead. (So a plain-HTTP
            // exchange never turns into HTTPS on the client without roots.)
            let same = attempt
                .previous()
                .first()
                .is_some_and(|first| same_origin(first, attempt.url()));
            if same && attempt.previous().len() < 5 {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }));
    if !roots {
        b = b.tls_certs_only([]);
    }
    b.build()
        .map_err(|e| Error::new(Kind::Config, format!("cannot build the HTTP client: {e}")))
}

impl Http {
    /// The run's client; nothing is built (and no certificate read) until the first request.
    pub fn new(timeout: Duration, verbose: bool) -> Result<Self, Error> {
        Ok(Http {
            clients: Arc::new(Clients {
                timeout,
                tls: OnceLock::new(),
                plain: OnceLock::new(),
            }),
            verbose,
            retry: Retry::default(),
            timeout,
        })
    }

    /// The same client with another retry policy (the sandbox makes each delivery attempt
    /// once and retries on the provider's own schedule).
    pub fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    fn log(&self, msg: &str) {
        if self.verbose {
            eprintln!("{}", crate::redact::scrub(msg));
        }
    }

    /// Sends a request; retries idempotent ones on 429, 5xx and network failures, and any
    /// request on a failure to connect (nothing was sent). The caller maps the final status.
    /// The whole exchange stays within `--timeout`: a wait before another attempt that would
    /// end past it is not made, and the request fails at once (exit 7) saying when to retry.
    pub async fn send(&self, req: &Request) -> Result<Response, Error> {
        match self.exchange(req, false).await? {
            Answer::Whole(resp) => Ok(resp),
            Answer::Streaming(_) => unreachable!("a body read whole was asked for"),
        }
    }

    /// [`Http::send`] for an answer read as it arrives (a long list): a successful answer
    /// comes back as soon as its headers have, its body to be read with
    /// [`BodyStream::read_into`]; any other answer is read whole, retried as `send` does, and
    /// comes back as a [`Response`] for the caller to map.
    pub async fn send_streaming(&self, req: &Request) -> Result<Answer, Error> {
        self.exchange(req, true).await
    }

    async fn exchange(&self, req: &Request, stream: bool) -> Result<Answer, Error> {
        // `None`: a budget too large to represent, i.e. none.
        let deadline = Instant::now().checked_add(self.timeout);
        let client = self.clients.get(&req.url)?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            self.log(&format!("> {} {}", req.method, req.url));
            for (name, value, secret) in &req.headers {
                self.log(&format!(
                    ">   {name}: {}",
                    if *secret {
                        "[redacted]"
                    } else {
                        value.as_str()
                    }
                ));
            }
            let outcome = self.once(client, req, deadline, stream).await;
            let elapsed = started.elapsed().as_millis();
            let last = attempt >= self.retry.attempts;
            match outcome {
                Ok(Once::Streaming(body)) => {
                    self.log(&format!(
                        "< {} {} (body read as it arrives; headers after {elapsed} ms)",
                        body.status.as_u16(),
                        body.status.canonical_reason().unwrap_or("")
                    ));
                    return Ok(Answer::Streaming(body));
                }
                Ok(Once::Whole(resp, retry_after)) => {
                    self.log(&format!(
                        "< {} {} ({} bytes, {elapsed} ms)",
                        resp.status.as_u16(),
                        resp.status.canonical_reason().unwrap_or(""),
                        resp.body.len()
                    ));
                    let retryable = resp.status == StatusCode::TOO_MANY_REQUESTS
                        || resp.status.is_server_error();
                    if retryable && req.idempotent && !last {
                        let delay = self.delay(attempt, retry_after);
                        if let Some(why) = self.beyond_budget(delay, deadline) {
                            self.log(&format!(
                                "  not retrying: a wait of {} would be {why}",
                                seconds(delay)
                            ));
                            return Err(self.gave_up(req, &resp, attempt, retry_after, &why));
                        }
                        self.log(&format!("  retrying in {} ms", delay.as_millis()));
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Ok(Answer::Whole(resp));
                }
                Err(Failure::Redirect(status, to)) => {
                    let to = snippet(to.as_bytes());
                    self.log(&format!(
                        "< {} redirect to {to}, not followed",
                        status.as_u16()
                    ));
                    return Err(Error::config(format!(
                        "{} answered {} redirecting to {to}: not followed, since whctl follows redirects only within the same scheme, host and port (at most 5), so that credentials never go elsewhere; if that is the API's address, set the profile's base URL to it",
                        host(&req.url),
                        status.as_u16()
                    )));
                }
                Err(Failure::TooLarge) => {
                    self.log(&format!("< answer over {} MiB, abandoned", MAX_BODY >> 20));
                    return Err(Error::unavailable(format!(
                        "{} answered more than {} MiB: refusing to read it",
                        host(&req.url),
                        MAX_BODY >> 20
                    )));
                }
                Err(Failure::Http(e)) => {
                    let connect = e.is_connect();
                    self.log(&format!("< failed after {elapsed} ms: {}", describe(&e)));
                    // A timeout already used the whole budget (--timeout): no retry.
                    let mut out_of_time = None;
                    if (req.idempotent || connect) && !e.is_timeout() && !last {
                        let delay = self.delay(attempt, None);
                        match self.beyond_budget(delay, deadline) {
                            None => {
                                self.log(&format!("  retrying in {} ms", delay.as_millis()));
                                tokio::time::sleep(delay).await;
                                continue;
                            }
                            Some(why) => {
                                self.log(&format!(
                                    "  not retrying: a wait of {} would be {why}",
                                    seconds(delay)
                                ));
                                out_of_time = Some(why);
                            }
                        }
                    }
                    let err = Error::unavailable(format!(
                        "{} {} failed after {attempt} attempt{}: {}{}",
                        req.method,
                        host(&req.url),
                        if attempt == 1 { "" } else { "s" },
                        describe(&e),
                        out_of_time.map_or_else(String::new, |why| format!(
                            "; another attempt would start {why}: try again later"
                        ))
                    ));
                    // Unless the connection was never made, the request may have arrived.
                    return Err(if connect { err } else { err.maybe_applied() });
                }
            }
        }
    }

    async fn once(
        &self,
        client: &reqwest::Client,
        req: &Request,
        deadline: Option<Instant>,
        stream: bool,
    ) -> Result<Once, Failure> {
        let mut b = client.request(req.method.clone(), &req.url);
        if let Some(deadline) = deadline {
            // A retry gets what is left of the budget, not a whole new one.
            b = b.timeout(deadline.saturating_duration_since(Instant::now()));
        }
        for (name, value, secret) in &req.headers {
            match reqwest::header::HeaderValue::from_str(value) {
                Ok(mut v) => {
                    // Kept out of reqwest's and hyper's debug output.
                    v.set_sensitive(*secret);
                    b = b.header(name, v);
                }
                Err(_) => b = b.header(name, value),
            }
        }
        if req.raw.is_none()
            && !req
                .headers
                .iter()
                .any(|(n, ..)| n.eq_ignore_ascii_case("accept"))
        {
            b = b.header("Accept", "application/json");
        }
        if let Some(raw) = &req.raw {
            if !req
                .headers
                .iter()
                .any(|(n, ..)| n.eq_ignore_ascii_case("content-type"))
            {
                b = b.header("Content-Type", "application/json");
            }
            b = b.body(raw.clone());
        } else if let Some(body) = &req.body {
            b = b.json(body);
        }
        let mut resp = b.send().await?;
        let status = resp.status();
        if status.is_redirection() {
            let to = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).to_string())
                .unwrap_or_else(|| "(no Location)".to_string());
            return Err(Failure::Redirect(status, to));
        }
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry_after(v, SystemTime::now()));
        let announced = resp.content_length().unwrap_or(0);
        if announced > MAX_BODY as u64 {
            return Err(Failure::TooLarge);
        }
        if stream && status.is_success() {
            return Ok(Once::Streaming(BodyStream {
                status,
                resp,
                read: 0,
                parts: 0,
                url: req.url.clone(),
                verbose: self.verbose,
                started: Instant::now(),
            }));
        }
        // Sized once from Content-Length (a long list need not be copied as it grows).
        let mut body = Vec::with_capacity(announced as usize);
        while let Some(chunk) = resp.chunk().await? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(Failure::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Once::Whole(
            Response {
                status,
                body,
                url: req.url.clone(),
            },
            retry_after,
        ))
    }

    /// The wait before the next attempt: what `Retry-After` asks for, as it is (see
    /// [`Http::beyond_budget`]), else a jittered exponential step.
    fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(d) = retry_after {
            return d;
        }
        let exp = self
            .retry
            .base
            .saturating_mul(2u32.saturating_pow(attempt - 1));
        // Full jitter between half and the whole of the exponential step.
        let jitter = rand::random::<f64>() * 0.5 + 0.5;
        exp.mul_f64(jitter).min(self.retry.max_delay)
    }

    /// Why a wait of `delay` is not made, if it is not: it would end past the `--timeout`
    /// budget (`deadline`), or it is longer than whctl ever waits between attempts.
    fn beyond_budget(&self, delay: Duration, deadline: Option<Instant>) -> Option<String> {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left.is_some_and(|left| delay >= left) {
            Some(format!(
                "past the --timeout budget of {} s",
                self.timeout.as_secs()
            ))
        } else if delay > self.retry.max_delay {
            Some(format!(
                "longer than whctl waits between attempts ({} s)",
                self.retry.max_delay.as_secs()
            ))
        } else {
            None
        }
    }

    /// The error of a retryable answer (429, 5xx) whose next attempt would come too late:
    /// the provider's status and message, and when to try again.
    fn gave_up(
        &self,
        req: &Request,
        resp: &Response,
        attempt: u32,
        retry_after: Option<Duration>,
        why: &str,
    ) -> Error {
        let said = provider_message(&resp.body);
        let said = if said.is_empty() {
            String::new()
        } else {
            format!(" ({said})")
        };
        let head = format!("{} answered {}{said}", host(&req.url), resp.status.as_u16());
        let message = match retry_after {
            Some(d) => format!(
                "{head} and asks to retry in {}{}, {why}: try again then",
                seconds(d),
                clock_after(SystemTime::now(), d)
                    .map_or_else(String::new, |at| format!(" (after {at})"))
            ),
            None => format!(
                "{head} {attempt} time{}, and another attempt would start {why}: try again later, or raise --timeout",
                if attempt == 1 { "" } else { "s" }
            ),
        };
        let err = Error::unavailable(message);
        // As with `status_error`: a server error may come after the change was made.
        if resp.status.is_server_error() {
            err.maybe_applied()
        } else {
            err
        }
    }
}

/// How long a `Retry-After` value asks to wait (RFC 9110, section 10.2.3): delay-seconds, or
/// an HTTP date (a date already past: no wait). `None` when it is neither. A number too large
/// to hold is the longest wait, never a parse failure that would retry at once.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A duration in whole seconds, rounded up ("3600 s").
fn seconds(d: Duration) -> String {
    let s = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    format!("{s} s")
}

/// The UTC time `d` after `now`: `HH:MM:SS UTC` within a day, with the date beyond; `None`
/// past a year (a clock time that far out says nothing useful).
fn clock_after(now: SystemTime, d: Duration) -> Option<String> {
    const DAY: Duration = Duration::from_secs(24 * 3600);
    if d > DAY * 366 {
        return None;
    }
    let since_epoch = now
        .checked_add(d)?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    // Whole seconds, rounded up: the time shown is never too early.
    let secs = since_epoch.as_secs() + u64::from(since_epoch.subsec_nanos() > 0);
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    // 2025-11-25T19:30:00Z
    let stamp = humantime::format_rfc3339_seconds(at).to_string();
    let (date, time) = (stamp.get(..10)?, stamp.get(11..19)?);
    Some(if d < DAY {
        format!("{time} UTC")
    } else {
        format!("{date} {time} UTC")
    })
}

/// What [`Http::send_streaming`] got: an answer read whole (any but a success), or a
/// successful one whose body is still arriving.
#[derive(Debug)]
pub enum Answer {
    Whole(Response),
    Streaming(BodyStream),
}

/// The body of a successful answer, read as it arrives, within the same `--timeout` budget
/// and the same size cap as a body read whole.
#[derive(Debug)]
pub struct BodyStream {
    pub status: StatusCode,
    resp: reqwest::Response,
    read: usize,
    parts: usize,
    url: String,
    /// `-v`: the body's size and time are logged when it ends.
    verbose: bool,
    started: Instant,
}

impl BodyStream {
    /// Appends the next part of the body to `buf`; `false` once the body is over. A failure
    /// partway (a cut connection, the budget spent) is exit 7, and is not retried: what was
    /// read before it may have been used already.
    pub async fn read_into(&mut self, buf: &mut Vec<u8>) -> Result<bool, Error> {
        let chunk = self.resp.chunk().await.map_err(|e| {
            Error::unavailable(format!(
                "reading the answer from {} failed after {} bytes: {}",
                host(&self.url),
                self.read,
                describe(&e)
            ))
        })?;
        let Some(chunk) = chunk else {
            if self.verbose {
                eprintln!(
                    "< body read: {} bytes in {} parts, {} ms",
                    self.read,
                    self.parts,
                    self.started.elapsed().as_millis()
                );
            }
            return Ok(false);
        };
        self.read += chunk.len();
        self.parts += 1;
        if self.read > MAX_BODY {
            return Err(Error::unavailable(format!(
                "{} answered more than {} MiB: refusing to read it",
                host(&self.url),
                MAX_BODY >> 20
            )));
        }
        buf.extend_from_slice(&chunk);
        Ok(true)
    }
}

/// One attempt's outcome.
enum Once {
    Whole(Response, Option<Duration>),
    Streaming(BodyStream),
}

/// Why one attempt produced no response.
enum Failure {
    Http(reqwest::Error),
    TooLarge,
    /// A redirect that was not followed, with where it pointed.
    Redirect(StatusCode, String),
}

/// Whether two URLs share scheme, host and port.
fn same_origin(a: &reqwest::Url, b: &reqwest::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        Failure::Http(e)
    }
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out (raise --timeout if the provider is slow)".to_string()
    } else if e.is_connect() {
        "could not connect".to_string()
    } else {
        let mut s = e.to_string();
        let mut src = std::error::Error::source(e);
        while let Some(inner) = src {
            s.push_str(": ");
            s.push_str(&inner.to_string());
            src = inner.source();
        }
        s
    }
}

/// Maps a provider's non-success status to the contract's error kinds, with its message.
pub fn status_error(provider: &str, status: StatusCode, message: &str) -> Error {
    let code = status.as_u16();
    let kind = match code {
        401 | 403 => Kind::Config,
        404 => Kind::NotFound,
        429 => Kind::Unavailable,
        400..=499 => Kind::Rejected,
        _ => Kind::Unavailable,
    };
    let hint = match code {
        401 | 403 => " (check the profile's credentials: `whctl profile show`)",
        429 => " (rate limited; try again later)",
        500..=599 => " (the provider is failing; try again later)",
        _ => "",
    };
    let message = if message.trim().is_empty() {
        status.canonical_reason().unwrap_or("").to_string()
    } else {
        message.trim().to_string()
    };
    let err = Error::new(kind, format!("{provider} answered {code}: {message}{hint}"));
    // A server error may come after the change was made.
    if status.is_server_error() {
        err.maybe_applied()
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2015-10-21T07:28:00Z, the date of RFC 9110's example.
    fn at_0728() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480)
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = at_0728();
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(" 3600 ", now), Some(Duration::from_secs(3600)));
        // The three date forms RFC 9110 accepts, one hour ahead.
        let hour = Some(Duration::from_secs(3600));
        assert_eq!(retry_after("Wed, 21 Oct 2015 08:28:00 GMT", now), hour);
        assert_eq!(retry_after("Wednesday, 21-Oct-15 08:28:00 GMT", now), hour);
        assert_eq!(retry_after("Wed Oct 21 08:28:00 2015", now), hour);
        // A date already past asks for no wait.
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        // Too large to hold: the longest wait, not "retry now".
        assert_eq!(
            retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        for bad in ["", "soon", "-5", "1.5", "2015-10-21T08:28:00Z"] {
            assert_eq!(retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn the_time_to_retry_is_a_clock_time_rounded_up() {
        let now = at_0728();
        assert_eq!(
            clock_after(now, Duration::from_secs(3600)).as_deref(),
            Some("08:28:00 UTC")
        );
        assert_eq!(
            clock_after(now, Duration::from_millis(1500)).as_deref(),
            Some("07:28:02 UTC")
        );
        assert_eq!(
            clock_after(now, Duration::from_secs(2 * 24 * 3600)).as_deref(),
            Some("2015-10-23 07:28:00 UTC"),
            "a day or more away: with the date"
        );
        assert_eq!(clock_after(now, Duration::from_secs(u64::MAX)), None);
        assert_eq!(seconds(Duration::from_millis(3_599_001)), "3600 s");
        assert_eq!(seconds(Duration::from_secs(5)), "5 s");
    }

    #[test]
    fn a_wait_past_the_budget_or_the_longest_wait_is_not_made() {
        let http = Http::new(Duration::from_secs(5), false).unwrap();
        let deadline = Instant::now().checked_add(Duration::from_secs(5));
        assert_eq!(
            http.beyond_budget(Duration::from_millis(200), deadline),
            None
        );
        let why = http
            .beyond_budget(Duration::from_secs(3600), deadline)
            .unwrap();
        assert!(why.contains("--timeout budget of 5 s"), "{why}");
        assert!(
            http.beyond_budget(Duration::from_secs(u64::MAX), deadline)
                .is_some()
        );
        let roomy = Http::new(Duration::from_secs(600), false).unwrap();
        let deadline = Instant::now().checked_add(Duration::from_secs(600));
        let why = roomy
            .beyond_budget(Duration::from_secs(45), deadline)
            .unwrap();
        assert!(why.contains("between attempts (30 s)"), "{why}");
        assert_eq!(roomy.beyond_budget(Duration::from_secs(30), deadline), None);
        // No representable deadline: only the longest wait bounds it.
        assert_eq!(roomy.beyond_budget(Duration::from_secs(1), None), None);
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_body_is_json_or_an_error_with_its_start(body in prop::collection::vec(any::<u8>(), 0..300), code in 200u16..600) {
            let r = Response { status: StatusCode::from_u16(code).unwrap(), body: body.clone(), url: "http://127.0.0.1/x".into() };
            let _ = r.json();
            if let Err(e) = r.check("p") {
                prop_assert!(e.message.starts_with("p answered"));
            }
            let _ = provider_message(&body);
        }
    }
}
