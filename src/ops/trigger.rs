//! Sending one signed sample delivery: the catalog's sample of an event in the provider's
//! envelope, fresh fields made anew, overrides applied, signed with the webhook secret the
//! way the provider signs, and the answer judged as the provider would.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;

use super::{Clock, Report};
use crate::catalog;
use crate::config::Secret;
use crate::error::Error;
use crate::http::{Http, Request};
use crate::providers::ProviderKind;
use crate::signing::{self, Scheme};

/// What to send.
#[derive(Debug)]
pub struct TriggerRequest {
    pub provider: ProviderKind,
    /// An event name of the provider's catalog (not a pattern).
    pub event: String,
    /// A checked absolute http(s) URL.
    pub url: String,
    pub secret: Option<Secret>,
    /// `dotted.path=value` (JSON, or else a string).
    pub overrides: Vec<String>,
}

/// What happened to the delivery.
#[derive(Debug)]
pub struct Delivery {
    pub provider: ProviderKind,
    pub event: String,
    pub url: String,
    pub status: u16,
    pub elapsed: Duration,
    /// Whether the provider counts the answer as delivered.
    pub accepted: bool,
    /// The signature header sent, if any.
    pub signed: Option<String>,
}

/// Sets `a.b.c = value` in a JSON object, creating objects on the way.
pub fn set_path(body: &mut Value, path: &str, value: Value) -> Result<(), Error> {
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

/// The body of the delivery as raw JSON, overrides applied (see [`body_value`]).
pub fn body(req: &TriggerRequest, clock: Clock) -> Result<(String, Vec<u8>), Error> {
    let (event, body) = body_value(req, clock)?;
    let raw = serde_json::to_vec(&body).map_err(|e| Error::usage(e.to_string()))?;
    Ok((event, raw))
}

/// The event's name and the body of the delivery, overrides applied (nothing is sent: a bad
/// override or event name is a usage error).
pub fn body_value(req: &TriggerRequest, clock: Clock) -> Result<(String, Value), Error> {
    let c = catalog::get(req.provider);
    let Some(event) = c.event(&req.event) else {
        return Err(c.resolve(&req.event).err().unwrap_or_else(|| {
            Error::usage(format!(
                "'{}' is a pattern: trigger takes one event name",
                req.event
            ))
        }));
    };
    let unique = format!("{:x}", rand::random::<u64>());
    let mut body = catalog::delivery(
        req.provider,
        event,
        &humantime::format_rfc3339_micros(clock()).to_string(),
        &unique,
    );
    for o in &req.overrides {
        let (k, v) = o
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("--override takes key=value, not '{o}'")))?;
        let value = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_string()));
        set_path(&mut body, k.trim(), value)?;
    }
    Ok((event.name.clone(), body))
}

/// Sends the delivery `body` made of `req` (the event's name and the raw JSON). Without a
/// secret, or for a provider with no documented scheme, it goes unsigned, and `report` says so.
pub async fn trigger(
    http: &Http,
    req: &TriggerRequest,
    (event, raw): (String, Vec<u8>),
    report: &dyn Report,
    clock: Clock,
) -> Result<Delivery, Error> {
    let p = req.provider;
    let header = match (Scheme::of(p), &req.secret) {
        (Ok(scheme), Some(secret)) => Some(signing::sign(
            scheme,
            secret.expose().as_bytes(),
            &raw,
            signing::unix_secs(clock()),
        )),
        (Ok(scheme), None) => {
            report.warn(&format!(
                "no secret: sent without {} (pass --secret-file or set WHCTL_WEBHOOK_SECRET)",
                scheme.header()
            ));
            None
        }
        (Err(e), Some(_)) => {
            report.warn(&format!("{e}: sent unsigned"));
            None
        }
        (Err(_), None) => None,
    };
    let mut request = Request::new(Method::POST, &req.url).raw_json(raw);
    let mut signed = None;
    if let Some((name, value)) = header {
        request = request.header(&name, value);
        signed = Some(name);
    }
    let started = Instant::now();
    let resp = http.send(&request).await?;
    let status = resp.status.as_u16();
    Ok(Delivery {
        provider: p,
        event,
        url: req.url.clone(),
        status,
        elapsed: started.elapsed(),
        accepted: p.spec().delivered.accepts(status),
        signed,
    })
}

/// The error for a delivery the provider would not count as delivered.
pub fn refused(d: &Delivery) -> Error {
    Error::rejected(format!(
        "{} answered {}: {} counts only {} as delivered, and would retry",
        d.url,
        d.status,
        d.provider,
        d.provider.spec().delivered.describe()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixed() -> std::time::SystemTime {
        std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    fn req(provider: &str, event: &str, overrides: &[&str]) -> TriggerRequest {
        TriggerRequest {
            provider: crate::ops::testkit::kind(provider),
            event: event.into(),
            url: "http://127.0.0.1:9/".into(),
            secret: None,
            overrides: overrides.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn set_path_creates_and_refuses_non_objects() {
        let mut v = json!({"a": {"b": 1}, "s": "x"});
        set_path(&mut v, "a.b", json!(2)).unwrap();
        set_path(&mut v, "n.m", json!("y")).unwrap();
        assert_eq!(v, json!({"a": {"b": 2}, "s": "x", "n": {"m": "y"}}));
        assert!(set_path(&mut v, "s.t", json!(1)).is_err());
        assert!(set_path(&mut v, "a..b", json!(1)).is_err());
    }

    #[test]
    fn the_body_has_fresh_fields_from_the_clock_and_the_overrides() {
        let (event, raw) = body(
            &req("atelio", "Card.Created", &["data.id=\"c9\"", "n=3"]),
            fixed,
        )
        .unwrap();
        assert_eq!(event, "card.created");
        let v: Value = serde_json::from_slice(&raw).unwrap();
        assert_eq!(v["occurred_at"], "2023-11-14T22:13:20.000000Z");
        assert_eq!(v["data"]["id"], "c9");
        assert_eq!(v["n"], 3);
    }

    #[test]
    fn patterns_unknown_events_and_bad_overrides_are_usage_errors() {
        for r in [
            req("atelio", "card.*", &[]),
            req("atelio", "card.nope", &[]),
            req("atelio", "card.created", &["novalue"]),
        ] {
            let err = body(&r, fixed).unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::Usage, "{r:?}");
        }
    }

    #[test]
    fn refused_names_the_statuses_the_provider_counts() {
        let d = Delivery {
            provider: crate::ops::testkit::kind("atelio"),
            event: "card.created".into(),
            url: "http://x/".into(),
            status: 202,
            elapsed: Duration::ZERO,
            accepted: false,
            signed: None,
        };
        assert!(refused(&d).message.contains("counts only 200 or 201"));
    }
}
