//! Bounded reads of what the user hands whctl: secrets, keys, payloads, plan files and the
//! config file, from a file or from stdin.
//!
//! Every such input is read through [`read_capped`], which reads at most one byte more than
//! the input's limit: a huge or endless input (`/dev/zero`, `yes |`) is refused at once
//! instead of filling memory. Keys and secrets typed on a terminal are read by
//! [`read_secret_text`] without echo, ending at Enter.

use std::fmt;
use std::io::{self, IsTerminal, Read};
use std::path::Path;

use crate::error::Error;

/// How much of an input whctl reads, and what for (named in the error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    pub of: &'static str,
}

/// A webhook secret or an API key (`--secret-file`, `--api-key-stdin`).
pub const MAX_SECRET: Limit = Limit {
    bytes: 64 * 1024,
    of: "a secret or API key",
};
/// A webhook body (`--payload`): providers send bodies far smaller.
pub const MAX_PAYLOAD: Limit = Limit {
    bytes: 1024 * 1024,
    of: "a webhook body",
};
/// A desired-state file (`plan -f`, `apply -f`) or the config file.
pub const MAX_FILE: Limit = Limit {
    bytes: 16 * 1024 * 1024,
    of: "a plan or config file",
};

/// Where an input comes from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Stdin,
    File(&'a Path),
}

impl<'a> Input<'a> {
    /// A `FILE|-` argument: `-` is stdin.
    pub fn arg(path: &'a Path) -> Self {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path)
        }
    }

    pub fn is_stdin(&self) -> bool {
        matches!(self, Input::Stdin)
    }
}

impl fmt::Display for Input<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Stdin => f.write_str("stdin"),
            Input::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// More than the limit was there.
    TooLarge(Limit),
}

impl ReadError {
    /// A one-line message naming `what` was read and, for an input over its limit, the limit.
    pub fn describe(&self, what: &str) -> String {
        match self {
            ReadError::Io(e) => format!("cannot read {what}: {e}"),
            ReadError::TooLarge(limit) => format!(
                "{what} is larger than {}, the limit for {}: refusing it",
                size(limit.bytes),
                limit.of
            ),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// Reads the whole input, refusing one larger than `limit`. At most one byte more than the
/// limit is read, so an endless input ends the read as soon as it passes the limit.
pub fn read_capped(input: Input, limit: Limit) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    let most = limit.bytes.saturating_add(1);
    let n = match input {
        Input::Stdin => io::stdin().lock().take(most).read_to_end(&mut buf),
        Input::File(p) => std::fs::File::open(p).and_then(|f| f.take(most).read_to_end(&mut buf)),
    }
    .map_err(ReadError::Io)?;
    if n as u64 > limit.bytes {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(buf)
}

/// [`read_capped`] for an input named on the command line: a failure is a usage error
/// (exit 2) naming `what` and, for an input over `limit`, the limit.
pub fn read_arg(input: Input, limit: Limit, what: &str) -> Result<Vec<u8>, Error> {
    read_capped(input, limit).map_err(|e| Error::usage(e.describe(what)))
}

/// A secret or key from `input` (`-`: stdin), up to [`MAX_SECRET`], as text with the
/// surrounding white space dropped. When stdin is a terminal, `prompt` is shown on stderr and
/// the line is read without echo, ending at Enter; piped input is read to its end.
/// One line from the terminal without echo. Ctrl-C makes rpassword raise SIGINT while the
/// terminal is still in its no-echo mode; SIGINT is ignored for the duration so that the
/// terminal is restored (rpassword's guard runs) and the read ends as "interrupted".
fn read_hidden() -> io::Result<String> {
    #[cfg(unix)]
    {
        // SAFETY: swapping the process's SIGINT disposition and putting it back; no handler
        // code runs.
        let previous = unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) };
        let typed = rpassword::read_password();
        unsafe { libc::signal(libc::SIGINT, previous) };
        typed
    }
    #[cfg(not(unix))]
    {
        rpassword::read_password()
    }
}

pub fn read_secret_text(input: Input, what: &str, prompt: &str) -> Result<String, Error> {
    let bytes = if input.is_stdin() && io::stdin().is_terminal() {
        eprint!("{prompt} (input hidden): ");
        let typed = read_hidden().map_err(|e| {
            if e.kind() == io::ErrorKind::Interrupted {
                Error::usage("cancelled: nothing was changed")
            } else {
                Error::usage(format!("cannot read {what} from the terminal: {e}"))
            }
        })?;
        if typed.len() as u64 > MAX_SECRET.bytes {
            return Err(Error::usage(ReadError::TooLarge(MAX_SECRET).describe(what)));
        }
        typed.into_bytes()
    } else {
        read_arg(input, MAX_SECRET, what)?
    };
    let text =
        String::from_utf8(bytes).map_err(|_| Error::usage(format!("{what} is not UTF-8 text")))?;
    Ok(text.trim().to_string())
}

/// A byte count as people read it: `64 KiB`, `1 MiB`, `1536 bytes`.
pub fn size(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else if n >= KIB && n % KIB == 0 {
        format!("{} KiB", n / KIB)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(MAX_SECRET.bytes), "64 KiB");
        assert_eq!(size(MAX_PAYLOAD.bytes), "1 MiB");
        assert_eq!(size(MAX_FILE.bytes), "16 MiB");
        assert_eq!(size(1500), "1500 bytes");
    }

    #[test]
    fn a_file_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, vec![b'a'; 10]).unwrap();
        let ten = Limit {
            bytes: 10,
            of: "a test",
        };
        assert_eq!(read_capped(Input::File(&p), ten).unwrap().len(), 10);
        let nine = Limit {
            bytes: 9,
            of: "a test",
        };
        let err = read_capped(Input::File(&p), nine).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge(l) if l == nine));
        assert_eq!(
            err.describe("the file f"),
            "the file f is larger than 9 bytes, the limit for a test: refusing it"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_file_is_refused_after_the_limit() {
        let err = read_capped(Input::File(Path::new("/dev/zero")), MAX_PAYLOAD).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge(l) if l == MAX_PAYLOAD));
    }

    #[test]
    fn a_missing_file_is_told_apart() {
        let err =
            read_capped(Input::File(Path::new("/nonexistent/whctl")), MAX_SECRET).unwrap_err();
        assert!(err.is_not_found());
        assert!(err.describe("x").starts_with("cannot read x: "));
    }
}
