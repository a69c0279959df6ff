//! `listen`'s handling of one delivery: check its signature, forward it unchanged when asked,
//! decide the answer, and build the record that is printed for it. The server around it
//! (port, Ctrl-C, `--max`) is the command's.

use serde_json::{Value, json};

use super::Clock;
use crate::catalog;
use crate::config::Secret;
use crate::error::Error;
use crate::http::{Http, Request};
use crate::providers::ProviderKind;
use crate::signing::{self, Invalid, Scheme};

/// Headers that belong to one hop and are not forwarded.
pub const HOP_BY_HOP: &[&str] = &[
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

/// How deliveries are checked, and the warning to show when they will not be: with no
/// secret, or for a provider with no documented scheme (a secret given for one is ignored).
pub fn signature_check(
    provider: ProviderKind,
    secret: Option<Secret>,
) -> (Option<(Scheme, Secret)>, Option<String>) {
    match (Scheme::of(provider), secret) {
        (Ok(scheme), Some(secret)) => (Some((scheme, secret)), None),
        (Ok(scheme), None) => (
            None,
            Some(format!(
                "no secret: {} will not be checked (pass --secret-file or set WHCTL_WEBHOOK_SECRET)",
                scheme.header()
            )),
        ),
        (Err(e), Some(_)) => (None, Some(format!("{e}: signatures will not be checked"))),
        (Err(_), None) => (None, None),
    }
}

/// What handles each delivery.
pub struct Handler {
    pub provider: ProviderKind,
    /// The scheme and secret signatures are checked with; `None`: not checked.
    pub check: Option<(Scheme, Secret)>,
    /// How many seconds a timestamped signature may be from now.
    pub tolerance: u64,
    /// Where deliveries are forwarded (a checked URL), and the client that does it.
    pub forward: Option<(String, Http)>,
    pub clock: Clock,
}

/// One request as received.
pub struct Delivery<'a> {
    pub method: &'a str,
    /// Header names and values as received.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// The answer to a request, and the record of the delivery (none for a request that is not
/// a delivery).
pub struct Answer {
    pub status: u16,
    pub text: &'static str,
    pub record: Option<Record>,
}

/// What is printed for one delivery.
#[derive(Debug)]
pub struct Record {
    pub provider: ProviderKind,
    /// RFC 3339, seconds.
    pub time: String,
    /// The event the body names, `-` when none.
    pub event: String,
    /// `None`: not checked.
    pub verdict: Option<Result<(), Invalid>>,
    /// The status the forward target answered, or why forwarding failed; `None`: not forwarded.
    pub forwarded: Option<Result<u16, Error>>,
    pub answered: u16,
}

impl Record {
    /// The table cells: time of day, event, signature, forwarded, answer.
    pub fn cells(&self) -> Vec<String> {
        let clock = self.time.get(11..19).unwrap_or(&self.time).to_string();
        let signature = match &self.verdict {
            None => "not checked".to_string(),
            Some(Ok(())) => "valid".to_string(),
            Some(Err(e)) => format!("invalid ({})", e.short()),
        };
        let forwarded = match &self.forwarded {
            None => "-".to_string(),
            Some(Ok(s)) => s.to_string(),
            Some(Err(_)) => "failed".to_string(),
        };
        vec![
            clock,
            self.event.clone(),
            signature,
            forwarded,
            self.answered.to_string(),
        ]
    }

    /// The JSON line.
    pub fn json(&self) -> Value {
        let verdict = &self.verdict;
        let forwarded = &self.forwarded;
        json!({
            "time": self.time,
            "provider": self.provider.name(),
            "event": self.event,
            "signature": match verdict { None => "not_checked", Some(Ok(())) => "valid", Some(Err(_)) => "invalid" },
            "reason": verdict.as_ref().and_then(|v| v.as_ref().err()).map(|e| e.to_string()),
            "forwarded_status": forwarded.as_ref().and_then(|f| f.as_ref().ok()),
            "forward_error": forwarded.as_ref().and_then(|f| f.as_ref().err()).map(|e| e.to_string()),
            "answered": self.answered,
        })
    }
}

impl Handler {
    /// Handles one request. Only POSTs are deliveries (others: 405). The answer is the
    /// forward target's status (502 when forwarding failed); without forwarding, 400 for a
    /// signature that is not valid and 200 otherwise.
    pub async fn handle(&self, d: &Delivery<'_>) -> Answer {
        if d.method != "POST" {
            return Answer {
                status: 405,
                text: "whctl listen takes POSTed deliveries\n",
                record: None,
            };
        }
        let event = serde_json::from_slice(d.body)
            .ok()
            .and_then(|v| catalog::event_of(self.provider, &v))
            .unwrap_or_else(|| "-".to_string());
        let verdict = self.check.as_ref().map(|(scheme, secret)| {
            signing::verify(
                *scheme,
                secret.expose().as_bytes(),
                d.headers,
                d.body,
                self.tolerance,
                signing::unix_secs((self.clock)()),
            )
        });
        let forwarded = match &self.forward {
            Some((url, http)) => {
                let mut req = Request::new(reqwest::Method::POST, url).raw_json(d.body.to_vec());
                for (k, v) in d.headers {
                    if !HOP_BY_HOP.contains(&k.as_str()) {
                        req = req.secret_header(k, v.clone());
                    }
                }
                Some(http.send(&req).await.map(|r| r.status.as_u16()))
            }
            None => None,
        };
        let answered: u16 = match (&forwarded, &verdict) {
            (Some(Ok(s)), _) => *s,
            (Some(Err(_)), _) => 502,
            (None, Some(Err(_))) => 400,
            (None, _) => 200,
        };
        let text = if verdict.as_ref().is_some_and(|v| v.is_err()) && forwarded.is_none() {
            "invalid signature\n"
        } else {
            "ok\n"
        };
        // The time the delivery was handled, forwarding included.
        let time = humantime::format_rfc3339_seconds((self.clock)()).to_string();
        Answer {
            status: answered,
            text,
            record: Some(Record {
                provider: self.provider,
                time,
                event,
                verdict,
                forwarded,
                answered,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use super::*;
    use crate::ops::testkit::block;

    const NOW: i64 = 1_700_000_000;

    fn kind(name: &str) -> ProviderKind {
        crate::providers::registry().parse(name).unwrap()
    }
    const SECRET: &str = "whsec_listen_test";
    const BODY: &[u8] = br#"{"event":"card.created","data":{"id":"c1"}}"#;

    fn fixed() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(NOW as u64)
    }

    fn handler(provider: ProviderKind, secret: Option<&str>) -> Handler {
        let (check, _) = signature_check(provider, secret.map(Secret::new));
        Handler {
            provider,
            check,
            tolerance: 300,
            forward: None,
            clock: fixed,
        }
    }

    fn signed(scheme: Scheme, secret: &str, t: i64) -> Vec<(String, String)> {
        let (k, v) = signing::sign(scheme, secret.as_bytes(), BODY, t);
        vec![("content-type".into(), "application/json".into()), (k, v)]
    }

    fn post<'a>(headers: &'a [(String, String)]) -> Delivery<'a> {
        Delivery {
            method: "POST",
            headers,
            body: BODY,
        }
    }

    #[test]
    fn a_good_signature_is_accepted_and_recorded() {
        let h = handler(kind("atelio"), Some(SECRET));
        let headers = signed(Scheme::Timestamped("Bond-Signature"), SECRET, NOW - 10);
        let a = block(h.handle(&post(&headers)));
        assert_eq!((a.status, a.text), (200, "ok\n"));
        let r = a.record.unwrap();
        assert_eq!(r.cells(), ["22:13:20", "card.created", "valid", "-", "200"]);
        let j = r.json();
        assert_eq!(j["time"], "2023-11-14T22:13:20Z");
        assert_eq!(j["provider"], "atelio");
        assert_eq!(j["signature"], "valid");
        assert_eq!(j["reason"], Value::Null);
        assert_eq!(j["answered"], 200);
    }

    #[test]
    fn a_signature_with_another_secret_is_rejected_with_400() {
        let h = handler(kind("qolo"), Some(SECRET));
        let headers = signed(Scheme::BodyHmac("x-qolo-signature"), "whsec_other", NOW);
        let a = block(h.handle(&post(&headers)));
        assert_eq!((a.status, a.text), (400, "invalid signature\n"));
        let r = a.record.unwrap();
        assert_eq!(r.cells()[2], "invalid (mismatch)");
        let j = r.json();
        assert_eq!(j["signature"], "invalid");
        assert_eq!(
            j["reason"],
            "mismatch: the body was not signed with this secret"
        );
    }

    #[test]
    fn a_stale_timestamp_is_rejected_by_the_injected_clock() {
        let h = handler(kind("atelio"), Some(SECRET));
        // Within tolerance of the clock either way: accepted.
        for t in [NOW - 300, NOW + 300] {
            let a = block(h.handle(&post(&signed(
                Scheme::Timestamped("Bond-Signature"),
                SECRET,
                t,
            ))));
            assert_eq!(a.status, 200, "t = now {:+}", t - NOW);
        }
        let a = block(h.handle(&post(&signed(
            Scheme::Timestamped("Bond-Signature"),
            SECRET,
            NOW - 301,
        ))));
        assert_eq!((a.status, a.text), (400, "invalid signature\n"));
        let r = a.record.unwrap();
        assert_eq!(r.cells()[2], "invalid (stale timestamp)");
        assert_eq!(
            r.json()["reason"],
            "stale timestamp: 301 s away from now, tolerance 300 s (--tolerance)"
        );
    }

    #[test]
    fn unchecked_deliveries_are_accepted_and_other_methods_refused() {
        let h = handler(kind("atelio"), None);
        let a = block(h.handle(&post(&[])));
        assert_eq!(a.status, 200);
        let r = a.record.unwrap();
        assert_eq!(r.cells()[2], "not checked");
        assert_eq!(r.json()["signature"], "not_checked");
        let get = Delivery {
            method: "GET",
            headers: &[],
            body: b"",
        };
        let a = block(h.handle(&get));
        assert_eq!(a.status, 405);
        assert!(a.record.is_none(), "not a delivery: nothing recorded");
        // No event field in the body: '-'.
        let odd = Delivery {
            method: "POST",
            headers: &[],
            body: b"not json",
        };
        assert_eq!(block(h.handle(&odd)).record.unwrap().event, "-");
    }

    #[test]
    fn warnings_say_why_signatures_are_not_checked() {
        let (check, warning) = signature_check(kind("atelio"), None);
        assert!(check.is_none());
        assert!(
            warning
                .unwrap()
                .starts_with("no secret: Bond-Signature will not be checked")
        );
        let (check, warning) = signature_check(kind("prune"), Some(Secret::new("s")));
        assert!(check.is_none());
        assert!(
            warning
                .unwrap()
                .ends_with(": signatures will not be checked")
        );
        assert_eq!(signature_check(kind("prune"), None).1, None);
        let (check, warning) = signature_check(kind("qolo"), Some(Secret::new("s")));
        assert_eq!(check.map(|(s, _)| s.header()), Some("x-qolo-signature"));
        assert_eq!(warning, None);
    }

    #[test]
    fn a_forward_that_fails_is_answered_502() {
        // A port that was just free: the connection is refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut h = handler(kind("atelio"), Some(SECRET));
        let http = Http::new(Duration::from_secs(2), false).unwrap();
        h.forward = Some((format!("http://127.0.0.1:{port}/"), http));
        let headers = signed(Scheme::Timestamped("Bond-Signature"), SECRET, NOW);
        let a = block(h.handle(&post(&headers)));
        assert_eq!((a.status, a.text), (502, "ok\n"));
        let r = a.record.unwrap();
        assert_eq!(r.cells()[3], "failed");
        assert!(r.json()["forward_error"].is_string());
    }
}
