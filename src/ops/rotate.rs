//! Giving a subscription a new signing secret, and what the rotation ends with when a step
//! after the new secret went live failed (e.g. the old subscription of a rotation by
//! replacement could not be deleted): the new secret is still returned, to be shown.

use super::{Handle, Outcome, Report, resolve_handle};
use crate::error::Error;
use crate::providers::{Op, Provider, Rotation};

/// Rotates the secret of the subscription `handle` names (or previews the request, which
/// reads the subscription; a URL is looked up in the list either way, so the same handle
/// works after a rotation by replacement). A rotation by replacement is noted. A failure after the new secret went
/// live is in [`Rotation::incomplete`], not the error: the caller shows the new secret
/// first, then ends with [`ending`].
pub async fn rotate(
    provider: &dyn Provider,
    handle: &Handle,
    dry_run: bool,
    report: &dyn Report,
) -> Result<Outcome<Rotation>, Error> {
    let id = &resolve_handle(provider, handle).await?;
    if dry_run {
        let current = provider.get(id).await?;
        return Ok(Outcome::Preview(provider.preview(Op::Rotate(&current))?));
    }
    let rotation = provider.rotate_secret(id).await?;
    let sub = &rotation.subscription;
    if sub.id != rotation.old_id {
        report.note(&format!(
            "rotated by replacement: {} replaces {}",
            sub.id, rotation.old_id
        ));
    }
    Ok(Outcome::Done(rotation))
}

/// How a rotation ends once its new secret was shown (`shown`): the incomplete step's error
/// (its kind), naming the showing's failure too when there was one; else the showing's result.
pub fn ending(incomplete: Option<Error>, shown: anyhow::Result<()>) -> anyhow::Result<()> {
    match (incomplete, shown) {
        (Some(e), Err(w)) => Err(Error::new(e.kind, format!("{}; also: {w}", e.message)).into()),
        (Some(e), Ok(())) => Err(Error::new(e.kind, e.message).into()),
        (None, r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{self, Kind};
    use crate::ops::testkit::{Memory, Recorder, block, sub};

    fn one() -> Memory {
        Memory::new(
            crate::ops::testkit::kind("atelio"),
            &[sub("1", "https://a.example/h", &["card.created"])],
        )
    }

    fn id(id: &str) -> Handle {
        Handle::Id(id.into())
    }

    fn done(o: Outcome<Rotation>) -> Rotation {
        match o {
            Outcome::Done(r) => r,
            Outcome::Preview(_) => panic!("a preview"),
        }
    }

    #[test]
    fn a_rotation_by_replacement_is_noted_and_complete() {
        let p = one();
        let ui = Recorder::answering(false);
        let r = done(block(rotate(&p, &id("1"), false, &ui)).unwrap());
        assert_eq!(r.old_id, "1");
        assert_ne!(r.subscription.id, "1");
        assert_eq!(
            r.subscription.secret.as_ref().map(|s| s.expose()),
            Some("whsec_memory_rotated")
        );
        assert!(r.incomplete.is_none());
        assert_eq!(p.ids(), [r.subscription.id.clone()].into());
        assert_eq!(
            ui.notes(),
            [format!(
                "rotated by replacement: {} replaces 1",
                r.subscription.id
            )]
        );
        assert!(ending(r.incomplete, Ok(())).is_ok());
    }

    #[test]
    fn when_the_old_delete_fails_the_new_secret_is_kept_and_the_run_fails() {
        let mut p = one();
        p.fail_old_delete = true;
        let ui = Recorder::answering(false);
        let r = done(block(rotate(&p, &id("1"), false, &ui)).unwrap());
        // The new secret is there to be shown, and both subscriptions are live.
        assert!(r.subscription.secret.is_some());
        assert_eq!(p.ids().len(), 2);
        let e = ending(r.incomplete, Ok(())).unwrap_err();
        assert_eq!(error::exit_code(&e), Kind::Unavailable.exit_code());
        assert_eq!(e.to_string(), "the old subscription 1 could not be deleted");
    }

    #[test]
    fn an_incomplete_rotation_whose_secret_could_not_be_saved_says_both() {
        let incomplete = Some(Error::unavailable("old not deleted"));
        let shown = Err(Error::config("cannot write the secret").into());
        let e = ending(incomplete, shown).unwrap_err();
        assert_eq!(error::exit_code(&e), 7);
        assert_eq!(
            e.to_string(),
            "old not deleted; also: cannot write the secret"
        );
        // Complete, but not saved: the showing's own error.
        let e = ending(None, Err(Error::config("cannot write").into())).unwrap_err();
        assert_eq!(error::exit_code(&e), 3);
    }

    #[test]
    fn a_failed_rotation_is_the_error_and_a_dry_run_changes_nothing() {
        let p = one().failing("1", Kind::Rejected);
        let ui = Recorder::answering(false);
        assert_eq!(
            block(rotate(&p, &id("1"), false, &ui)).unwrap_err().kind,
            Kind::Rejected
        );
        let p = one();
        match block(rotate(&p, &id("1"), true, &ui)).unwrap() {
            Outcome::Preview(reqs) => assert_eq!(reqs[0].url, "memory:/subs/1/rotate"),
            Outcome::Done(_) => panic!("a dry run rotated"),
        }
        assert_eq!(p.calls(), ["get 1"]);
        let missing = block(rotate(&p, &id("nope"), true, &ui)).unwrap_err();
        assert_eq!(missing.kind, Kind::NotFound);
    }

    #[test]
    fn the_same_url_rotates_again_after_a_rotation_by_replacement() {
        let p = one();
        let ui = Recorder::answering(false);
        let url = Handle::url("https://a.example/h").unwrap();
        let first = done(block(rotate(&p, &url, false, &ui)).unwrap());
        let second = done(block(rotate(&p, &url, false, &ui)).unwrap());
        assert_eq!(first.old_id, "1");
        assert_eq!(second.old_id, first.subscription.id, "found by its URL");
        assert_ne!(second.subscription.id, first.subscription.id);
        assert_eq!(p.ids(), [second.subscription.id.clone()].into());
        assert_eq!(second.subscription.url, "https://a.example/h");
        // The old one left behind makes two with the URL: a usage error, nothing rotated.
        let mut p = one();
        p.fail_old_delete = true;
        done(block(rotate(&p, &url, false, &ui)).unwrap());
        let before = p.changes().len();
        let e = block(rotate(&p, &url, false, &ui)).unwrap_err();
        assert_eq!(e.kind, Kind::Usage, "{e}");
        assert_eq!(p.changes().len(), before, "nothing more changed");
        // None: not found, nothing changed, in a dry run too.
        let p = one();
        let none = Handle::url("https://b.example/h").unwrap();
        for dry in [false, true] {
            let e = block(rotate(&p, &none, dry, &ui)).unwrap_err();
            assert_eq!(e.kind, Kind::NotFound);
        }
        assert!(p.changes().is_empty(), "{:?}", p.changes());
    }
}
