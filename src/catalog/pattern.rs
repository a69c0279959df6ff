//! Event patterns: an exact name, `prefix.*`, `prefix*`, `*.suffix`, `*suffix` or `*`.
//!
//! Matching ignores ASCII case (Prune's names are upper case, everyone else's lower case).
//! Anything else (`**`, `card.*.active`, spaces inside, characters no event name uses) is a
//! usage error rather than a silent non-match.

use std::fmt;

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `*`: every event.
    All,
    /// An exact event name.
    Exact(String),
    /// `card.*` (prefix `card.`) or `card*` (prefix `card`).
    Prefix(String),
    /// `*.created` (suffix `.created`).
    Suffix(String),
}

/// Why a pattern could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    Empty,
    /// More than one `*`, or one in the middle.
    Wildcard(String),
    /// A character no event name contains.
    Character(String, char),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::Empty => write!(
                f,
                "empty event pattern: give an event name or a pattern such as 'card.*'"
            ),
            PatternError::Wildcard(p) => write!(
                f,
                "unsupported pattern '{p}': use an exact name, 'prefix.*', 'prefix*', '*.suffix' or '*'"
            ),
            PatternError::Character(p, c) => write!(
                f,
                "invalid character {c:?} in pattern '{p}': event names use letters, digits, '.', '_' and '-'"
            ),
        }
    }
}

impl std::error::Error for PatternError {}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

impl Pattern {
    /// Parses one pattern. Surrounding white space is ignored.
    pub fn parse(raw: &str) -> Result<Pattern, PatternError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(PatternError::Empty);
        }
        if let Some(c) = s.chars().find(|&c| c != '*' && !is_name_char(c)) {
            return Err(PatternError::Character(s.to_string(), c));
        }
        let stars = s.matches('*').count();
        match stars {
            0 => Ok(Pattern::Exact(s.to_string())),
            1 if s == "*" => Ok(Pattern::All),
            1 if s.ends_with('*') => Ok(Pattern::Prefix(s[..s.len() - 1].to_string())),
            1 if s.starts_with('*') => Ok(Pattern::Suffix(s[1..].to_string())),
            _ => Err(PatternError::Wildcard(s.to_string())),
        }
    }

    /// Whether `name` is matched, ignoring ASCII case.
    pub fn matches(&self, name: &str) -> bool {
        match self {
            Pattern::All => true,
            Pattern::Exact(e) => name.eq_ignore_ascii_case(e),
            Pattern::Prefix(p) => {
                name.len() >= p.len()
                    && name.is_char_boundary(p.len())
                    && name[..p.len()].eq_ignore_ascii_case(p)
            }
            Pattern::Suffix(x) => {
                name.len() >= x.len()
                    && name.is_char_boundary(name.len() - x.len())
                    && name[name.len() - x.len()..].eq_ignore_ascii_case(x)
            }
        }
    }

    pub fn is_wildcard(&self) -> bool {
        !matches!(self, Pattern::Exact(_))
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::All => f.write_str("*"),
            Pattern::Exact(e) => f.write_str(e),
            Pattern::Prefix(p) => write!(f, "{p}*"),
            Pattern::Suffix(x) => write!(f, "*{x}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(
            Pattern::parse("card.created"),
            Ok(Pattern::Exact("card.created".into()))
        );
        assert_eq!(
            Pattern::parse("card.*"),
            Ok(Pattern::Prefix("card.".into()))
        );
        assert_eq!(Pattern::parse("card*"), Ok(Pattern::Prefix("card".into())));
        assert_eq!(
            Pattern::parse("*.created"),
            Ok(Pattern::Suffix(".created".into()))
        );
        assert_eq!(
            Pattern::parse("*created"),
            Ok(Pattern::Suffix("created".into()))
        );
        assert_eq!(Pattern::parse("*"), Ok(Pattern::All));
    }

    #[test]
    fn matches_every_form() {
        assert!(
            Pattern::parse("card.*")
                .unwrap()
                .matches("card.status.active")
        );
        assert!(!Pattern::parse("card.*").unwrap().matches("cards.x"));
        assert!(!Pattern::parse("card.*").unwrap().matches("card"));
        assert!(Pattern::parse("card*").unwrap().matches("card.created"));
        assert!(
            Pattern::parse("*.created")
                .unwrap()
                .matches("account.instrument.created")
        );
        assert!(!Pattern::parse("*.created").unwrap().matches("card.create"));
        assert!(Pattern::parse("*").unwrap().matches("transactions"));
        assert!(
            Pattern::parse("transactions")
                .unwrap()
                .matches("transactions")
        );
        assert!(
            !Pattern::parse("transaction")
                .unwrap()
                .matches("transactions")
        );
    }

    #[test]
    fn empty_and_blank_are_errors() {
        assert_eq!(Pattern::parse(""), Err(PatternError::Empty));
        assert_eq!(Pattern::parse("   "), Err(PatternError::Empty));
        assert_eq!(Pattern::parse("\t\n"), Err(PatternError::Empty));
    }

    #[test]
    fn double_and_inner_stars_are_errors() {
        assert!(matches!(
            Pattern::parse("**"),
            Err(PatternError::Wildcard(_))
        ));
        assert!(matches!(
            Pattern::parse("*.*"),
            Err(PatternError::Wildcard(_))
        ));
        assert!(matches!(
            Pattern::parse("card.*.active"),
            Err(PatternError::Wildcard(_))
        ));
        assert!(matches!(
            Pattern::parse("*card*"),
            Err(PatternError::Wildcard(_))
        ));
    }

    #[test]
    fn surrounding_whitespace_is_trimmed_inner_is_an_error() {
        assert_eq!(
            Pattern::parse("  card.*  "),
            Ok(Pattern::Prefix("card.".into()))
        );
        assert!(matches!(
            Pattern::parse("card. *"),
            Err(PatternError::Character(_, ' '))
        ));
        assert!(matches!(
            Pattern::parse("card,kyc"),
            Err(PatternError::Character(_, ','))
        ));
    }

    #[test]
    fn case_is_ignored() {
        assert!(Pattern::parse("CARD.*").unwrap().matches("card.created"));
        assert!(
            Pattern::parse("Card.Created")
                .unwrap()
                .matches("card.created")
        );
        assert!(
            Pattern::parse("account_*")
                .unwrap()
                .matches("ACCOUNT_CREATED")
        );
        assert!(
            Pattern::parse("*_created")
                .unwrap()
                .matches("ACCOUNT_CREATED")
        );
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "card.*",
            "card*",
            "*.created",
            "*",
            "kyc.verification.success",
        ] {
            assert_eq!(Pattern::parse(s).unwrap().to_string(), s);
        }
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn parse_and_match_never_panic(raw in ".{0,40}", name in ".{0,40}") {
            if let Ok(p) = Pattern::parse(&raw) {
                let _ = p.matches(&name);
                prop_assert!(!raw.trim().is_empty());
            }
        }

    }
}
