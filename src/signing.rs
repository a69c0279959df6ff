//! Delivery signatures, for each [`Scheme`] a provider's spec may name.
//!
//! - [`Scheme::Timestamped`]: `HEADER: t=<unix seconds>,v1=<hex>,v2=<hex>`; `v2` is
//!   HMAC-SHA256 keyed with the whole secret (prefix included) over `"{t}." + raw body`; `v1`
//!   is the same over a re-serialised (compact) body. Verification checks `v2` and the
//!   timestamp's age.
//! - [`Scheme::BodyHmac`]: `HEADER: <hex HMAC-SHA256 of the raw body>`.
//!
//! Comparisons are constant-time (`Mac::verify_slice`). Timestamps are unix seconds within
//! [`MIN_TIMESTAMP`]..=[`MAX_TIMESTAMP`], and their distance from now is computed without
//! overflow (`abs_diff`): an extreme `t` is out of range, never wrapped into a pass.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::error::Error;
use crate::spec::ProviderKind;

type HmacSha256 = Hmac<Sha256>;

pub use crate::spec::Scheme;

impl Scheme {
    /// The scheme of a provider (its spec's), or exit 5 where none is documented.
    pub fn of(p: ProviderKind) -> Result<Scheme, Error> {
        p.spec().signature.ok_or_else(|| {
            Error::unsupported(format!(
                "{p} documents no delivery signature scheme, so whctl cannot sign or verify its deliveries"
            ))
        })
    }
}

fn mac(secret: &[u8], parts: &[&[u8]]) -> HmacSha256 {
    // HMAC takes keys of any length.
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    for p in parts {
        m.update(p);
    }
    m
}

/// Hex HMAC-SHA256 of the concatenated parts.
pub fn hmac_hex(secret: &[u8], parts: &[&[u8]]) -> String {
    hex::encode(mac(secret, parts).finalize().into_bytes())
}

/// The compact re-serialisation `v1` is computed over (the raw body when it is not JSON).
fn reserialised(body: &[u8]) -> Vec<u8> {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_vec(&v).ok())
        .unwrap_or_else(|| body.to_vec())
}

/// The earliest timestamp a signature may carry: 1970-01-01T00:00:00Z.
pub const MIN_TIMESTAMP: i64 = 0;
/// The latest: 9999-12-31T23:59:59Z, the last second RFC 3339 can write.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

/// Whether `t` (unix seconds) is a timestamp a signature may carry.
pub fn timestamp_in_range(t: i64) -> bool {
    (MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&t)
}

/// A tolerance given in seconds (`--tolerance`), which must not be negative.
pub fn tolerance(secs: i64) -> Result<u64, Error> {
    u64::try_from(secs).map_err(|_| Error::usage("--tolerance must be zero or more seconds"))
}

/// The header a delivery of `body` carries, signed at `timestamp` (unix seconds; callers
/// keep it within [`timestamp_in_range`], or `verify` will call it out of range).
pub fn sign(scheme: Scheme, secret: &[u8], body: &[u8], timestamp: i64) -> (String, String) {
    let value = match scheme {
        Scheme::Timestamped(_) => {
            let t = timestamp.to_string();
            let v2 = hmac_hex(secret, &[t.as_bytes(), b".", body]);
            let v1 = hmac_hex(secret, &[t.as_bytes(), b".", &reserialised(body)]);
            format!("t={t},v1={v1},v2={v2}")
        }
        Scheme::BodyHmac(_) => hmac_hex(secret, &[body]),
    };
    (scheme.header().to_string(), value)
}

/// Why a signature is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    MissingHeader(&'static str),
    BadFormat(String),
    /// `t` is not a unix time between [`MIN_TIMESTAMP`] and [`MAX_TIMESTAMP`] (as written,
    /// shortened).
    OutOfRange(String),
    Stale {
        age: u64,
        tolerance: u64,
    },
    Mismatch,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::MissingHeader(h) => write!(f, "no {h} header"),
            Invalid::BadFormat(m) => write!(f, "bad format: {m}"),
            Invalid::OutOfRange(t) => write!(
                f,
                "timestamp out of range: t={t} is not unix seconds from {MIN_TIMESTAMP} to {MAX_TIMESTAMP} (1970 to 9999)"
            ),
            Invalid::Stale { age, tolerance } => write!(
                f,
                "stale timestamp: {age} s away from now, tolerance {tolerance} s (--tolerance)"
            ),
            Invalid::Mismatch => f.write_str("mismatch: the body was not signed with this secret"),
        }
    }
}

impl Invalid {
    /// A few words for a table cell.
    pub fn short(&self) -> &'static str {
        match self {
            Invalid::MissingHeader(_) => "missing header",
            Invalid::BadFormat(_) => "bad format",
            Invalid::OutOfRange(_) => "timestamp out of range",
            Invalid::Stale { .. } => "stale timestamp",
            Invalid::Mismatch => "mismatch",
        }
    }
}

fn decode_hex(s: &str) -> Result<Vec<u8>, Invalid> {
    let s = s.trim();
    if s.len() != 64 {
        return Err(Invalid::BadFormat(format!(
            "expected 64 hex digits, got {} characters",
            s.len()
        )));
    }
    hex::decode(s).map_err(|_| Invalid::BadFormat("not hexadecimal".to_string()))
}

/// The timestamp of a `t=` value: an integer within range, else why not.
fn parse_timestamp(t: &str) -> Result<i64, Invalid> {
    let shown = || {
        let mut s: String = t.chars().take(24).collect();
        if t.chars().count() > 24 {
            s.push('…');
        }
        s
    };
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::BadFormat(format!(
            "timestamp '{}' is not a number",
            shown()
        )));
    }
    // An integer too large for i64 is out of range too.
    match t.parse::<i64>() {
        Ok(ts) if timestamp_in_range(ts) => Ok(ts),
        _ => Err(Invalid::OutOfRange(shown())),
    }
}

/// Checks a delivery. `headers` are (name, value) pairs as received; `now` is unix seconds;
/// `tolerance` is how many seconds `t` may be from `now`, either way.
pub fn verify(
    scheme: Scheme,
    secret: &[u8],
    headers: &[(String, String)],
    body: &[u8],
    tolerance: u64,
    now: i64,
) -> Result<(), Invalid> {
    let name = scheme.header();
    let value = headers
        .iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .ok_or(Invalid::MissingHeader(name))?;
    match scheme {
        Scheme::BodyHmac(_) => {
            let tag = decode_hex(value)?;
            mac(secret, &[body])
                .verify_slice(&tag)
                .map_err(|_| Invalid::Mismatch)
        }
        Scheme::Timestamped(_) => {
            let mut t: Option<&str> = None;
            let mut v2s: Vec<&str> = Vec::new();
            for part in value.split(',') {
                let (k, v) = part.trim().split_once('=').ok_or_else(|| {
                    Invalid::BadFormat(format!("'{}' is not key=value", part.trim()))
                })?;
                match k.trim() {
                    "t" => t = Some(v.trim()),
                    "v2" => v2s.push(v.trim()),
                    _ => {}
                }
            }
            let t = t.ok_or_else(|| Invalid::BadFormat("no t= timestamp".to_string()))?;
            let ts = parse_timestamp(t)?;
            if v2s.is_empty() {
                return Err(Invalid::BadFormat("no v2= signature".to_string()));
            }
            // Never overflows, whatever `now` is: the distance as an unsigned number.
            let age = now.abs_diff(ts);
            if age > tolerance {
                return Err(Invalid::Stale { age, tolerance });
            }
            let mut format_error = None;
            for v2 in v2s {
                match decode_hex(v2) {
                    Ok(tag) => {
                        if mac(secret, &[t.as_bytes(), b".", body])
                            .verify_slice(&tag)
                            .is_ok()
                        {
                            return Ok(());
                        }
                    }
                    Err(e) => format_error = Some(e),
                }
            }
            Err(format_error.unwrap_or(Invalid::Mismatch))
        }
    }
}

/// Parses `Name: value` as given to `--header`.
pub fn parse_header(raw: &str) -> Result<(String, String), Error> {
    let (k, v) = raw.split_once(':').ok_or_else(|| {
        Error::usage(format!(
            "--header takes 'Name: value' (e.g. 'Bond-Signature: t=…,v2=…'), not '{raw}'"
        ))
    })?;
    if k.trim().is_empty() {
        return Err(Error::usage(format!("--header '{raw}' has no name")));
    }
    Ok((k.trim().to_string(), v.trim().to_string()))
}

/// Unix seconds now (a clock before 1970 reads 0; one past i64 reads i64::MAX).
pub fn now() -> i64 {
    unix_secs(std::time::SystemTime::now())
}

/// Unix seconds of a time (before 1970 reads 0; past i64, i64::MAX).
pub fn unix_secs(t: std::time::SystemTime) -> i64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors computed independently with Python's hmac module:
    //   python3 -c 'import hmac,hashlib;print(hmac.new(b"whsec_test_secret", b"1700000000.{\"event\":\"card.created\"}", hashlib.sha256).hexdigest())'
    const SECRET: &[u8] = b"whsec_test_secret";
    const BOND: Scheme = Scheme::Timestamped("Bond-Signature");
    const BODY: &[u8] = br#"{"event":"card.created"}"#;

    #[test]
    fn timestamped_round_trip_and_failures() {
        let (h, v) = sign(BOND, SECRET, BODY, 1_700_000_000);
        assert_eq!(h, "Bond-Signature");
        let headers = vec![(h.clone(), v.clone())];
        assert_eq!(
            verify(BOND, SECRET, &headers, BODY, 300, 1_700_000_100),
            Ok(())
        );
        assert_eq!(
            verify(
                BOND,
                SECRET,
                &headers,
                b"{\"event\":\"card.closed\"}",
                300,
                1_700_000_100
            ),
            Err(Invalid::Mismatch)
        );
        assert_eq!(
            verify(BOND, b"other", &headers, BODY, 300, 1_700_000_100),
            Err(Invalid::Mismatch)
        );
        assert!(matches!(
            verify(BOND, SECRET, &headers, BODY, 300, 1_700_000_301),
            Err(Invalid::Stale { age: 301, .. })
        ));
        assert!(matches!(
            verify(
                BOND,
                SECRET,
                &[("Bond-Signature".into(), "garbage".into())],
                BODY,
                300,
                0
            ),
            Err(Invalid::BadFormat(_))
        ));
        assert_eq!(
            verify(BOND, SECRET, &[], BODY, 300, 0),
            Err(Invalid::MissingHeader("Bond-Signature"))
        );
    }

    /// The verdict on a header signed correctly at `t`, checked at `now`.
    fn verdict_at(t: i64, now: i64, tolerance: u64) -> Result<(), Invalid> {
        let (h, v) = sign(BOND, SECRET, BODY, t);
        verify(BOND, SECRET, &[(h, v)], BODY, tolerance, now)
    }

    #[test]
    fn extreme_timestamps_are_out_of_range_never_a_pass_or_a_panic() {
        let now = 1_700_000_000;
        // `i64::MIN + now` once made `now - t` wrap and pass.
        for t in [
            i64::MIN,
            i64::MIN + now,
            i64::MIN + 1,
            -1,
            MAX_TIMESTAMP + 1,
            i64::MAX - now,
            i64::MAX,
        ] {
            for tolerance in [0, 300, u64::MAX] {
                assert_eq!(
                    verdict_at(t, now, tolerance),
                    Err(Invalid::OutOfRange(t.to_string())),
                    "t={t}, tolerance {tolerance}"
                );
            }
        }
        // Beyond i64 altogether.
        let headers = [(
            "Bond-Signature".to_string(),
            format!("t=99999999999999999999999999,v2={}", "0".repeat(64)),
        )];
        let r = verify(BOND, SECRET, &headers, BODY, 300, now);
        assert_eq!(r, Err(Invalid::OutOfRange(format!("{}…", "9".repeat(24)))));
        assert!(
            r.unwrap_err()
                .to_string()
                .starts_with("timestamp out of range")
        );
    }

    #[test]
    fn the_tolerance_holds_both_ways_to_the_second() {
        let now = 1_700_000_000;
        for t in [now - 300, now, now + 300] {
            assert_eq!(verdict_at(t, now, 300), Ok(()), "t = now{:+}", t - now);
        }
        for t in [now - 301, now + 301] {
            assert_eq!(
                verdict_at(t, now, 300),
                Err(Invalid::Stale {
                    age: 301,
                    tolerance: 300
                })
            );
        }
        // The ends of the range, from a clock at the other end: no overflow either way.
        assert_eq!(verdict_at(MIN_TIMESTAMP, MAX_TIMESTAMP, u64::MAX), Ok(()));
        assert_eq!(verdict_at(MAX_TIMESTAMP, MIN_TIMESTAMP, u64::MAX), Ok(()));
        assert_eq!(
            verdict_at(MAX_TIMESTAMP, i64::MIN, 300),
            Err(Invalid::Stale {
                age: MAX_TIMESTAMP.abs_diff(i64::MIN),
                tolerance: 300
            })
        );
        assert!(matches!(
            verdict_at(MIN_TIMESTAMP, i64::MAX, 300),
            Err(Invalid::Stale { .. })
        ));
    }

    #[test]
    fn a_negative_tolerance_is_a_usage_error() {
        assert_eq!(tolerance(0).unwrap(), 0);
        assert_eq!(tolerance(i64::MAX).unwrap(), i64::MAX as u64);
        assert_eq!(tolerance(-1).unwrap_err().kind, crate::error::Kind::Usage);
        assert!(now() > 0 && timestamp_in_range(now()));
    }

    #[test]
    fn body_hmac_round_trip() {
        let s = Scheme::BodyHmac("x-qolo-signature");
        let (h, v) = sign(s, SECRET, BODY, 0);
        let headers = vec![(h.to_ascii_uppercase(), v.to_ascii_uppercase())];
        assert_eq!(verify(s, SECRET, &headers, BODY, 0, 0), Ok(()));
        assert_eq!(
            verify(s, SECRET, &headers, b"x", 0, 0),
            Err(Invalid::Mismatch)
        );
        assert!(matches!(
            verify(s, SECRET, &[(h, "abc".into())], BODY, 0, 0),
            Err(Invalid::BadFormat(_))
        ));
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn verify_never_panics_and_never_accepts_garbage(value in ".{0,120}", body in prop::collection::vec(any::<u8>(), 0..64)) {
            for scheme in [Scheme::Timestamped("Bond-Signature"), Scheme::BodyHmac("x-qolo-signature")] {
                let headers = vec![(scheme.header().to_string(), value.clone())];
                let r = verify(scheme, b"secret", &headers, &body, 300, 1_700_000_000);
                // A random value is (overwhelmingly) not a valid signature.
                prop_assert!(r.is_err());
            }
        }

        #[test]
        fn signed_bodies_verify(body in prop::collection::vec(any::<u8>(), 0..256), secret in ".{1,40}", t in 0i64..4_000_000_000) {
            for scheme in [Scheme::Timestamped("Bond-Signature"), Scheme::BodyHmac("X-Sturdy-Signature")] {
                let (h, v) = sign(scheme, secret.as_bytes(), &body, t);
                prop_assert_eq!(verify(scheme, secret.as_bytes(), &[(h, v)], &body, 0, t), Ok(()));
            }
        }

        #[test]
        fn header_parsing_never_panics(raw in ".{0,60}") {
            let _ = parse_header(&raw);
        }
    }
}
