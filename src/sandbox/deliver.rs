//! The delivery engine: one event to each matching subscription, signed with that
//! subscription's own secret the way the provider signs, judged as the provider judges an
//! answer, retried on the provider's schedule (compressed by `--retry-scale`), every attempt
//! kept in a bounded log.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{MAX_ATTEMPTS_LOGGED, MAX_PENDING, Sandbox};
use crate::catalog::{self, Pattern};
use crate::http::Request;
use crate::signing::{self, Scheme};
use crate::spec::ProviderKind;

/// One attempt at one delivery, as `whctl sandbox deliveries` shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Attempt {
    /// Its place in the log (1, 2, …).
    pub seq: u64,
    /// The delivery it belongs to (every attempt of a delivery carries the same body).
    pub delivery: String,
    pub provider: String,
    pub event: String,
    /// The subscription delivered to; `None` for `emit --to URL`.
    pub subscription: Option<String>,
    pub url: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The most attempts the provider makes (1 + its retries).
    pub max_attempts: u32,
    /// The receiver's answer; `None` when there was none (refused, timed out).
    pub status: Option<u16>,
    pub error: Option<String>,
    /// Whether the provider counts the answer as delivered.
    pub accepted: bool,
    /// The signature header sent (name and value), if the delivery was signed.
    pub signature_header: Option<String>,
    pub signature: Option<String>,
    /// When the attempt was made, RFC 3339.
    pub time: String,
    pub duration_ms: u64,
    /// The wait before the next attempt (compressed), when another will be made.
    pub next_attempt_in_ms: Option<u64>,
}

/// The attempts the sandbox keeps: the newest [`MAX_ATTEMPTS_LOGGED`].
#[derive(Debug, Default)]
pub struct Log {
    attempts: VecDeque<Attempt>,
    seq: u64,
}

impl Log {
    /// Adds an attempt (dropping the oldest past the bound) and returns it numbered.
    pub fn push(&mut self, mut a: Attempt) -> Attempt {
        self.seq += 1;
        a.seq = self.seq;
        while self.attempts.len() >= MAX_ATTEMPTS_LOGGED {
            self.attempts.pop_front();
        }
        self.attempts.push_back(a.clone());
        a
    }

    /// Every attempt kept, oldest first.
    pub fn all(&self) -> Vec<Attempt> {
        self.attempts.iter().cloned().collect()
    }
}

/// Where one delivery goes.
#[derive(Debug, Clone)]
pub struct Target {
    pub subscription: Option<String>,
    pub url: String,
    /// The secret it is signed with; `None`: unsigned.
    pub secret: Option<String>,
}

/// One delivery: an event's body to one target.
#[derive(Debug, Clone)]
pub struct Job {
    pub kind: ProviderKind,
    pub event: String,
    pub body: Arc<Vec<u8>>,
    pub target: Target,
    pub id: String,
    /// Whether it is retried on the provider's schedule (a ping is not).
    pub retried: bool,
}

/// Whether a subscription's stored events (names, documented classes such as `card` or
/// `all`, wildcards) take `event`, read with the catalog's pattern engine.
pub fn takes(kind: ProviderKind, events: &[String], event: &str) -> bool {
    let c = catalog::get(kind);
    events.iter().any(|p| match c.resolve(p) {
        Ok(r) => r.pattern.matches(event),
        Err(_) => Pattern::parse(p).is_ok_and(|pat| pat.matches(event)),
    })
}

/// A delivery id.
pub fn delivery_id() -> String {
    format!("dlv_{:016x}", rand::random::<u64>())
}

impl Sandbox {
    /// The waits before each retry of `kind`'s deliveries, compressed by `--retry-scale`.
    fn delays(&self, kind: ProviderKind) -> Vec<Duration> {
        kind.spec()
            .retries
            .delays_secs
            .iter()
            .map(|d| Duration::from_secs_f64(*d as f64 * self.retry_scale))
            .collect()
    }

    /// Makes attempt `n` of a job: signs the body now, sends it once, logs the attempt.
    pub async fn attempt(&self, job: &Job, n: u32, next: Option<Duration>) -> Attempt {
        let kind = job.kind;
        let mut request = Request::new(Method::POST, &job.target.url).raw_json(job.body.to_vec());
        let mut signature = None;
        if let (Ok(scheme), Some(secret)) = (Scheme::of(kind), &job.target.secret) {
            let (name, value) = signing::sign(
                scheme,
                secret.as_bytes(),
                &job.body,
                signing::unix_secs(SystemTime::now()),
            );
            request = request.header(&name, value.clone());
            signature = Some((name, value));
        }
        let time = humantime::format_rfc3339_millis(SystemTime::now()).to_string();
        let started = Instant::now();
        let outcome = self.client(kind).send(&request).await;
        let duration_ms = started.elapsed().as_millis() as u64;
        let (status, error) = match outcome {
            Ok(r) => (Some(r.status.as_u16()), None),
            Err(e) => (None, Some(e.message)),
        };
        let accepted = status.is_some_and(|s| kind.spec().delivered.accepts(s));
        let max_attempts = if job.retried {
            1 + kind.spec().retries.delays_secs.len() as u32
        } else {
            1
        };
        let a = Attempt {
            seq: 0,
            delivery: job.id.clone(),
            provider: kind.name().to_string(),
            event: job.event.clone(),
            subscription: job.target.subscription.clone(),
            url: job.target.url.clone(),
            attempt: n,
            max_attempts,
            status,
            error,
            accepted,
            signature_header: signature.as_ref().map(|(n, _)| n.clone()),
            signature: signature.map(|(_, v)| v),
            time,
            duration_ms,
            next_attempt_in_ms: if accepted {
                None
            } else {
                next.map(|d| d.as_millis() as u64)
            },
        };
        self.log.lock().unwrap_or_else(|e| e.into_inner()).push(a)
    }

    /// Delivers `event` to every target at once and returns the first attempts; those not
    /// accepted are retried in the background on the provider's schedule. Retries beyond
    /// [`MAX_PENDING`] deliveries in wait are not made (the attempt says so).
    pub async fn deliver(self: &Arc<Self>, jobs: Vec<Job>) -> Vec<Attempt> {
        let firsts = futures_util::future::join_all(jobs.iter().map(|job| {
            let delays = if job.retried {
                self.delays(job.kind)
            } else {
                Vec::new()
            };
            async move { self.attempt(job, 1, delays.first().copied()).await }
        }))
        .await;
        let mut out = Vec::with_capacity(firsts.len());
        for (job, mut first) in jobs.into_iter().zip(firsts) {
            if !first.accepted && first.next_attempt_in_ms.is_some() {
                if self.pending.fetch_add(1, Ordering::SeqCst) < MAX_PENDING {
                    let sb = self.clone();
                    tokio::spawn(async move {
                        sb.retry(job).await;
                        sb.pending.fetch_sub(1, Ordering::SeqCst);
                    });
                } else {
                    self.pending.fetch_sub(1, Ordering::SeqCst);
                    first.next_attempt_in_ms = None;
                    first.error = Some(format!(
                        "{} not retried: the sandbox already has {MAX_PENDING} deliveries waiting for a retry",
                        first.error.unwrap_or_default()
                    ));
                }
            }
            out.push(first);
        }
        out
    }

    /// Attempts 2, 3, … of a job, each after its wait, until one is accepted.
    async fn retry(&self, job: Job) {
        let delays = self.delays(job.kind);
        for (i, wait) in delays.iter().enumerate() {
            tokio::time::sleep(*wait).await;
            let a = self
                .attempt(&job, i as u32 + 2, delays.get(i + 1).copied())
                .await;
            if a.accepted {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::testing::alpha;

    fn attempt(i: u32) -> Attempt {
        Attempt {
            seq: 0,
            delivery: "d".into(),
            provider: "alpha".into(),
            event: "card.created".into(),
            subscription: None,
            url: "http://x/".into(),
            attempt: i,
            max_attempts: 1,
            status: Some(200),
            error: None,
            accepted: true,
            signature_header: None,
            signature: None,
            time: String::new(),
            duration_ms: 0,
            next_attempt_in_ms: None,
        }
    }

    #[test]
    fn the_log_keeps_the_newest_attempts_numbered() {
        let mut log = Log::default();
        for i in 0..(MAX_ATTEMPTS_LOGGED as u32 + 3) {
            log.push(attempt(i));
        }
        let all = log.all();
        assert_eq!(all.len(), MAX_ATTEMPTS_LOGGED);
        assert_eq!(all[0].seq, 4);
        assert_eq!(all.last().unwrap().seq, MAX_ATTEMPTS_LOGGED as u64 + 3);
    }

    #[test]
    fn subscriptions_take_events_by_name_pattern_or_class() {
        let k = alpha();
        let s = |v: &[&str]| v.iter().map(|e| e.to_string()).collect::<Vec<_>>();
        assert!(takes(k, &s(&["card.created"]), "card.created"));
        assert!(takes(k, &s(&["card.*"]), "card.closed"));
        assert!(takes(k, &s(&["*"]), "kyc.passed"));
        assert!(!takes(k, &s(&["card.*"]), "kyc.passed"));
        assert!(!takes(k, &s(&[]), "kyc.passed"));
        // A name newer than the catalog still matches itself.
        assert!(takes(k, &s(&["card.frozen"]), "card.frozen"));
    }
}
