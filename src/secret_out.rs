//! Where new webhook secrets are written: `--secret-out FILE` and `apply --secrets-out DIR`.
//!
//! Both are checked before any change is made (a folder that exists and can be written, a
//! target that is not a folder), so that a rotation or a create never succeeds only to lose
//! its secret. Files are created mode 0600 under a fresh name and renamed into place: a
//! symlink planted at the target is replaced, never followed. Folders whctl creates are 0700.
//! File names made from provider ids are reduced to safe characters, so no id can name a
//! path outside the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::config::Secret;
use crate::error::Error;

/// A `--secret-out FILE`, checked.
#[derive(Debug, Clone)]
pub struct SecretFile {
    path: PathBuf,
}

impl SecretFile {
    /// Checks `path` before any change: not a folder, in a folder that exists and is
    /// writable. A failure is a usage error (exit 2) and nothing is sent.
    pub fn check(path: &Path) -> Result<Self, Error> {
        if path.is_dir() {
            return Err(Error::usage(format!(
                "--secret-out {} is a folder: name a file inside it",
                path.display()
            )));
        }
        let dir = parent(path);
        if !dir.is_dir() {
            return Err(Error::usage(format!(
                "--secret-out {}: the folder {} does not exist",
                path.display(),
                dir.display()
            )));
        }
        probe(dir).map_err(|e| {
            Error::usage(format!(
                "--secret-out {}: cannot write in {} ({e})",
                path.display(),
                dir.display()
            ))
        })?;
        Ok(SecretFile {
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the secret (and a newline), mode 0600.
    pub fn write(&self, secret: &Secret) -> Result<(), Error> {
        write_new(&self.path, secret).map_err(|e| {
            Error::config(format!(
                "cannot write the secret to {}: {e}",
                self.path.display()
            ))
        })
    }
}

/// An `apply --secrets-out DIR`, created (0700) and checked.
#[derive(Debug, Clone)]
pub struct SecretDir {
    dir: PathBuf,
}

impl SecretDir {
    /// Creates the folder (0700) if needed and checks that it can be written, before any
    /// change. A failure is a usage error (exit 2).
    pub fn prepare(dir: &Path) -> Result<Self, Error> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::usage(format!(
                "--secrets-out {} is not a folder",
                dir.display()
            )));
        }
        if !dir.exists() {
            crate::config::create_private_dir(dir)
                .map_err(|e| Error::usage(format!("cannot create {}: {e}", dir.display())))?;
        }
        probe(dir).map_err(|e| {
            Error::usage(format!(
                "--secrets-out {}: cannot write in it ({e})",
                dir.display()
            ))
        })?;
        Ok(SecretDir {
            dir: dir.to_path_buf(),
        })
    }

    /// `DIR/PROFILE.ID.secret`, both parts reduced to safe characters.
    pub fn file_for(&self, profile: &str, id: &str) -> PathBuf {
        self.dir
            .join(format!("{}.{}.secret", safe_name(profile), safe_name(id)))
    }

    /// Writes the secret of `id` in `profile`; returns the file's path.
    pub fn write(&self, profile: &str, id: &str, secret: &Secret) -> Result<PathBuf, Error> {
        let path = self.file_for(profile, id);
        SecretFile { path: path.clone() }.write(secret)?;
        Ok(path)
    }
}

/// A file name part made only of `[A-Za-z0-9_-]` (dots too, but never leading), at most 80
/// characters; anything else, or a name that had to change, gets a short hash of the original
/// so that two ids never share a file.
pub fn safe_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    while out.starts_with('.') {
        out.replace_range(0..1, "_");
    }
    if out != s || out.is_empty() {
        let hash = sha2::Sha256::digest(s.as_bytes());
        out.push('-');
        out.push_str(&hex::encode(&hash[..4]));
    }
    out
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether a file can be created in `dir` (the probe is removed at once).
fn probe(dir: &Path) -> std::io::Result<()> {
    tempfile::Builder::new()
        .prefix(".whctl-probe")
        .tempfile_in(dir)
        .map(drop)
}

/// A fresh 0600 file in the target's folder, renamed over the target: the rename replaces a
/// symlink at `path` rather than writing through it.
fn write_new(path: &Path, secret: &Secret) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".whctl-secret")
        .tempfile_in(parent(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(secret.expose().as_bytes())?;
    tmp.write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder_and_apart() {
        for id in [
            "x/../../OUTSIDE/pwned",
            "..",
            ".",
            "",
            "a\\b",
            "é",
            "/etc/passwd",
        ] {
            let n = safe_name(id);
            assert!(
                !n.contains('/') && !n.contains('\\') && !n.starts_with('.'),
                "{id:?} → {n}"
            );
            assert!(!n.is_empty());
        }
        assert_eq!(safe_name("ntf-0001"), "ntf-0001");
        assert_eq!(safe_name("522e9ec7-b17d"), "522e9ec7-b17d");
        assert_ne!(
            safe_name("a/b"),
            safe_name("a_b"),
            "no collision with a real id"
        );
        assert!(safe_name(&"x".repeat(5000)).len() < 100);
    }
}
