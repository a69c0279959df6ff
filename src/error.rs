//! The error kinds whctl reports and the exit code of each (the contract's table).
//!
//! Commands return `anyhow::Result`; anything that is not a [`Error`] maps to exit 1.

use std::fmt;

/// Exit codes from `cli-contract.md`. The one place they are defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 2: bad flag, bad URL, pattern that matches nothing.
    Usage,
    /// 3: no profile, missing key, provider answered 401/403.
    Config,
    /// 4: unknown subscription id, provider answered 404.
    NotFound,
    /// 5: the provider cannot do this.
    Unsupported,
    /// 6: the provider rejected the request (other 4xx).
    Rejected,
    /// 7: 5xx, 429, timeout or network failure after retries.
    Unavailable,
    /// 8: `verify`: the signature is not valid.
    SignatureInvalid,
    /// 9: `plan --exit-code`: changes are pending.
    ChangesPending,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Usage => 2,
            Kind::Config => 3,
            Kind::NotFound => 4,
            Kind::Unsupported => 5,
            Kind::Rejected => 6,
            Kind::Unavailable => 7,
            Kind::SignatureInvalid => 8,
            Kind::ChangesPending => 9,
        }
    }
}

/// A failure the user can act on: a kind (the exit code) and a one-line message.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    /// The request may have reached the provider and taken effect (a timeout or dropped
    /// connection after sending, a 5xx): a create must look before it tries again.
    pub maybe_applied: bool,
    /// The provider answered 2xx, so the request took effect, but its answer could not be
    /// read: a create must look for what it made and never send again.
    pub answered_ok: bool,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            maybe_applied: false,
            answered_ok: false,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Kind::Config, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, message)
    }
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(Kind::Unsupported, message)
    }
    pub fn rejected(message: impl Into<String>) -> Self {
        Self::new(Kind::Rejected, message)
    }
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(Kind::Unavailable, message)
    }
    /// Marks the error as one whose request may have taken effect.
    pub fn maybe_applied(mut self) -> Self {
        self.maybe_applied = true;
        self
    }
    /// Marks the error as an unreadable answer to a request the provider accepted (2xx).
    pub fn answered_ok(mut self) -> Self {
        self.maybe_applied = true;
        self.answered_ok = true;
        self
    }
    pub fn signature_invalid(message: impl Into<String>) -> Self {
        Self::new(Kind::SignatureInvalid, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The outcome of a batch (many ids, profiles or changes): `None` when nothing failed, else
/// "N of M WHAT failed" with the kind of the worst failure (the highest exit code).
pub fn batch<'a>(
    failures: impl IntoIterator<Item = &'a Error>,
    total: usize,
    what: &str,
    hint: &str,
) -> Option<Error> {
    let mut n = 0;
    let mut worst: Option<Kind> = None;
    for e in failures {
        n += 1;
        if worst.is_none_or(|w| e.kind.exit_code() > w.exit_code()) {
            worst = Some(e.kind);
        }
    }
    worst.map(|kind| Error::new(kind, format!("{n} of {total} {what} failed{hint}")))
}

/// The exit code for any error a command returned: the kind of the first [`Error`] in its
/// chain, else 1 (unexpected failure).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    err.chain()
        .find_map(|e| e.downcast_ref::<Error>())
        .map(|e| e.kind.exit_code())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind, once: adding a kind without a code fails to compile here.
    fn every_kind() -> [Kind; 8] {
        let all = [
            Kind::Usage,
            Kind::Config,
            Kind::NotFound,
            Kind::Unsupported,
            Kind::Rejected,
            Kind::Unavailable,
            Kind::SignatureInvalid,
            Kind::ChangesPending,
        ];
        for k in all {
            match k {
                Kind::Usage
                | Kind::Config
                | Kind::NotFound
                | Kind::Unsupported
                | Kind::Rejected
                | Kind::Unavailable
                | Kind::SignatureInvalid
                | Kind::ChangesPending => {}
            }
        }
        all
    }

    #[test]
    fn every_constructor_has_the_documented_code() {
        // The README's exit-code table, as users' scripts read it.
        let readme = include_str!("../README.md");
        let table = &readme[readme.find("## Exit codes").expect("exit code table")..];
        let documented: Vec<u8> = table
            .lines()
            .skip_while(|l| !l.starts_with("| 0 "))
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.trim_matches('|').split('|').next()?.trim().parse().ok())
            .collect();
        assert_eq!(documented, (0..=9).collect::<Vec<u8>>());
        let constructors: [(Error, u8); 8] = [
            (Error::usage("x"), 2),
            (Error::config("x"), 3),
            (Error::not_found("x"), 4),
            (Error::unsupported("x"), 5),
            (Error::rejected("x"), 6),
            (Error::unavailable("x"), 7),
            (Error::signature_invalid("x"), 8),
            (Error::new(Kind::ChangesPending, "x"), 9),
        ];
        for (e, code) in constructors {
            assert_eq!(e.kind.exit_code(), code, "{:?}", e.kind);
            assert_eq!(exit_code(&anyhow::Error::new(e)), code);
        }
        let codes: Vec<u8> = every_kind().iter().map(|k| k.exit_code()).collect();
        assert_eq!(
            codes,
            (2..=9).collect::<Vec<u8>>(),
            "one kind per documented code"
        );
        // Wrapped in context, the kind still decides; only an untyped failure is 1.
        let wrapped = anyhow::Error::new(Error::not_found("x")).context("while doing y");
        assert_eq!(exit_code(&wrapped), 4);
        assert_eq!(exit_code(&anyhow::anyhow!("untyped")), 1);
    }
}
