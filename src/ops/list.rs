//! `list` of one profile, streamed: each subscription written as the provider's answer is
//! read, so a long list is never held whole (its JSON, or `-q`'s ids; tables and `--jq` need
//! the whole list and use [`Provider::list`]).

use std::io;

use crate::error::Error;
use crate::providers::{Provider, Subscription};

/// Hands every subscription to `write` as it is read; returns how many. A failure partway
/// (the provider's, or `write`'s) comes after the subscriptions before it were written. A
/// failure to write (stdout closed) is returned as the `io::Error` it is, so that a closed
/// pipe ends the run quietly.
pub async fn stream(
    provider: &dyn Provider,
    write: &mut (dyn FnMut(&mut Subscription) -> io::Result<()> + Send),
) -> anyhow::Result<usize> {
    let mut broken: Option<io::Error> = None;
    let listed = provider
        .list_each(&mut |s| {
            write(s).map_err(|e| {
                let err = Error::unavailable(format!("writing the list failed: {e}"));
                broken = Some(e);
                err
            })
        })
        .await;
    match (listed, broken) {
        (_, Some(e)) => Err(e.into()),
        (Ok(n), None) => Ok(n),
        (Err(e), None) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::ops::testkit::{Memory, block, kind, sub};

    #[test]
    fn every_subscription_is_written_in_order() {
        let p = Memory::new(
            kind("atelio"),
            &[
                sub("a", "https://a.example/h", &[]),
                sub("b", "https://b.example/h", &[]),
            ],
        );
        let mut written = Vec::new();
        let n = block(stream(&p, &mut |s| {
            written.push(s.id.clone());
            Ok(())
        }))
        .unwrap();
        assert_eq!((n, written), (2, vec!["a".to_string(), "b".to_string()]));
    }

    #[test]
    fn a_failed_write_is_the_io_error_and_a_failed_list_its_kind() {
        let p = Memory::new(kind("atelio"), &[sub("a", "u", &[]), sub("b", "u", &[])]);
        let mut calls = 0;
        let e = block(stream(&p, &mut |_| {
            calls += 1;
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }))
        .unwrap_err();
        assert_eq!(calls, 1, "the listing stops at the first failed write");
        assert!(crate::output::is_broken_pipe(&e), "{e:?}");

        let mut p = Memory::new(kind("atelio"), &[]);
        p.fail_list = Some(Kind::Unavailable);
        let e = block(stream(&p, &mut |_| Ok(()))).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), 7);
    }
}
