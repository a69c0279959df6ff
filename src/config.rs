//! Profiles: the config file, environment overrides, and safe writes.
//!
//! The file is TOML at `<config dir>/whctl/config.toml` (`--config`/`WHCTL_CONFIG` override):
//!
//! ```toml
//! default_profile = "atelio-live"
//! [profiles.atelio-live]
//! provider = "atelio"
//! identity = "…"
//! api_key_env = "ATELIO_KEY"   # or api_key = "…" when entered with --api-key-stdin
//! ```
//!
//! An environment variable beats the file, field by field; with `WHCTL_PROVIDER` set and no
//! profile at all, whctl runs on the environment alone. Writes take a lock (waited for at most
//! [`LOCK_WAIT`]), go to a temp file in the same folder (mode 0600), are synced and renamed over
//! the old file; a symlinked config file is written through to its target.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::input::{self, Input};
use crate::spec::{ProviderKind, Registry};

/// A credential: never printed by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A secret; its value is registered so that it never reaches stderr.
    pub fn new(s: impl Into<String>) -> Self {
        let s = s.into();
        crate::redact::register(&s);
        Secret(s)
    }
    /// Makes this secret `buf`'s value by swapping buffers (`buf` gets the old one);
    /// registered as [`Secret::new`] does.
    pub fn swap_in(&mut self, buf: &mut String) {
        std::mem::swap(&mut self.0, buf);
        crate::redact::register(&self.0);
    }
    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// `whsec_Xq…fB`: enough to tell secrets apart, not enough to use one.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

/// Masks a secret the contract's way: its `prefix_` kept, then two characters, `…`, the last two.
pub fn mask(s: &str) -> String {
    // One allocation: `list` masks every subscription's secret.
    if s.chars().count() < 12 {
        return "****".to_string();
    }
    let prefix_len = s
        .char_indices()
        .take(10)
        .filter(|(_, c)| *c == '_')
        .map(|(i, _)| i + 1)
        .last()
        .unwrap_or(0);
    let (prefix, rest) = s.split_at(prefix_len);
    if rest.chars().count() < 8 {
        return format!("{prefix}****");
    }
    let head_end = rest.char_indices().nth(2).map_or(rest.len(), |(i, _)| i);
    let tail_start = rest.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    let mut out = String::with_capacity(prefix_len + head_end + 3 + rest.len() - tail_start);
    out.push_str(prefix);
    out.push_str(&rest[..head_end]);
    out.push('…');
    out.push_str(&rest[tail_start..]);
    out
}

/// One `[profiles.NAME]` table as stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProfileEntry {
    pub provider: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program_guid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// The key itself, when it was entered with `--api-key-stdin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// The name of an environment variable holding the key, read at run time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
    /// Overrides of provider paths whose documentation is unconfirmed (e.g. `create`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub paths: BTreeMap<String, String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, toml::Value>,
}

/// The whole config file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileEntry>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, toml::Value>,
}

/// Where the config file lives for this run.
pub fn path(flag: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    dirs::config_dir()
        .map(|d| d.join("whctl").join("config.toml"))
        .ok_or_else(|| {
            Error::config("cannot find a config folder: pass --config PATH or set WHCTL_CONFIG")
        })
}

/// Reads the config file; a missing file is an empty config. A file others can read gets a
/// warning; one that does not parse is an error naming the line (and is never rewritten).
pub fn load(path: &Path) -> Result<(ConfigFile, Vec<String>), Error> {
    let what = format!("config file {}", path.display());
    let text = match input::read_capped(Input::File(path), input::MAX_FILE) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| Error::config(format!("{what} is not UTF-8 text")))?,
        Err(e) if e.is_not_found() => return Ok((ConfigFile::default(), Vec::new())),
        Err(e) => return Err(Error::config(e.describe(&what))),
    };
    let mut warnings = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            warnings.push(format!(
                "config file {} is readable by others (mode {:o}): run `chmod 600 {}`",
                path.display(),
                meta.permissions().mode() & 0o777,
                path.display()
            ));
        }
    }
    let cfg =
        parse(&text).map_err(|e| Error::config(format!("config file {}: {e}", path.display())))?;
    Ok((cfg, warnings))
}

/// Parses config text; the error names the line and column.
pub fn parse(text: &str) -> Result<ConfigFile, String> {
    toml::from_str::<ConfigFile>(text).map_err(|e| {
        let msg = e.message().trim().replace('\n', " ");
        match e.span() {
            Some(span) => {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!("invalid TOML at line {line}, column {col}: {msg} (fix the file by hand; whctl will not overwrite it)")
            }
            None => format!("invalid TOML: {msg} (fix the file by hand; whctl will not overwrite it)"),
        }
    })
}

/// How long a write waits for another whctl writing the same config file.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The variable that shortens or lengthens [`LOCK_WAIT`], in milliseconds.
pub const LOCK_WAIT_VAR: &str = "WHCTL_LOCK_TIMEOUT_MS";

/// Reads, changes and writes the config file under an exclusive lock, atomically.
/// `change` sees the current file and may fail, in which case nothing is written.
///
/// A symlinked config file is written through to its target. The lock is waited for at most
/// [`LOCK_WAIT`] (`on_wait` is told once when it is held by another whctl); the write's temp
/// file sits beside the target under a recognisable name, and copies left by a write that was
/// killed mid-way are removed under the lock before writing.
pub fn update<T>(
    path: &Path,
    on_wait: &dyn Fn(&str),
    change: impl FnOnce(&mut ConfigFile) -> Result<T, Error>,
) -> Result<T, Error> {
    let io_err = |what: &str, e: std::io::Error| {
        Error::config(format!("cannot {what} {}: {e}", path.display()))
    };
    let target = resolve_links(path).map_err(|e| io_err("write", e))?;
    let dir = parent_dir(&target);
    create_private_dir(dir).map_err(|e| io_err("create the folder of", e))?;
    // The lock lives beside the file so that it survives the rename.
    let lock_path = dir.join(format!(".{}.lock", file_name(&target)));
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io_err("lock", e))?;
    let wait = process_env(LOCK_WAIT_VAR)
        .and_then(|v| v.parse().ok())
        .map_or(LOCK_WAIT, Duration::from_millis);
    lock_within(&lock, wait, || {
        on_wait(&format!(
            "waiting for another whctl to finish writing {}…",
            path.display()
        ))
    })
    .map_err(|e| match e {
        Some(e) => io_err("lock", e),
        None => Error::config(format!(
            "another whctl is still writing {} after {}: nothing was changed; try again once it is done (lock file {})",
            path.display(),
            humantime::format_duration(wait),
            lock_path.display()
        )),
    })?;

    remove_stale_temps(&target);
    let (mut cfg, _) = load(path)?;
    let out = change(&mut cfg)?;
    let text = toml::to_string_pretty(&cfg)
        .map_err(|e| Error::config(format!("cannot write config: {e}")))?;
    write_private(&target, text.as_bytes()).map_err(|e| io_err("write", e))?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    drop(lock);
    Ok(out)
}

/// Takes an exclusive lock on `file`, trying every 50 ms for at most `wait`; `on_wait` runs
/// once, at the first failed try. `Err(None)` when the wait ran out.
fn lock_within(
    file: &fs::File,
    wait: Duration,
    on_wait: impl FnOnce(),
) -> Result<(), Option<std::io::Error>> {
    let start = Instant::now();
    let mut on_wait = Some(on_wait);
    loop {
        if fs4::fs_std::FileExt::try_lock_exclusive(file).map_err(Some)? {
            return Ok(());
        }
        if let Some(f) = on_wait.take() {
            f();
        }
        let left = wait.saturating_sub(start.elapsed());
        if left.is_zero() {
            return Err(None);
        }
        std::thread::sleep(left.min(Duration::from_millis(50)));
    }
}

/// The file a path names once symbolic links are followed (a link to a file that does not
/// exist yet names that file). A write replaces the target, never the link.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // As many hops as Linux follows before it gives up with ELOOP.
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(t) if t.is_absolute() => p = t,
            Ok(t) => p = parent_dir(&p).join(t),
            Err(_) => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// The folder a file is in (`.` for a bare name).
fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned())
}

/// The start of the name of the temp files [`write_private`] writes `target` through.
fn temp_prefix(target: &Path) -> String {
    format!(".{}.whctl-tmp-", file_name(target))
}

/// Removes the temp copies of `target` that a write killed mid-way left behind (they may hold
/// keys). Only called under the config lock, when no other write of `target` is running.
fn remove_stale_temps(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(parent_dir(target)) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix)
            && e.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Creates a folder and its missing parents, mode 0700 (nothing when it exists).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Where a resolved value came from (shown by `profile show`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File,
    Env(String),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File => f.write_str("file"),
            Source::Env(v) => write!(f, "env {v}"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// A value with its origin.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

/// A profile ready to use: file values, environment overrides and defaults merged.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub provider: ProviderKind,
    pub base_url: Sourced<String>,
    pub api_key: Option<Sourced<Secret>>,
    pub identity: Option<Sourced<String>>,
    pub login_id: Option<Sourced<String>>,
    pub program_guid: Option<Sourced<String>>,
    pub api_version: Option<Sourced<String>>,
    pub paths: BTreeMap<String, String>,
    /// Set when the provider came from `WHCTL_PROVIDER`.
    pub provider_source: Source,
    /// The variable the profile names for its key (`api_key_env`), if any.
    pub api_key_env: Option<String>,
}

/// The environment whctl reads, as a lookup function (tests pass their own).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, empty values treated as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Checks an API base URL before anything is sent to it: absolute http(s) with a host, and no
/// `user:pass@` part (credentials belong in the profile's key, where they are never shown).
/// A URL that fails is a usage error (exit 2); one with credentials is not echoed back.
pub fn check_base_url(u: &str, what: &str) -> Result<(), Error> {
    let parsed = reqwest::Url::parse(u.trim()).map_err(|e| {
        Error::usage(format!(
            "invalid {what} '{}' ({e}): give an absolute http(s) URL",
            crate::http::snippet(u.as_bytes())
        ))
    })?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::usage(format!(
            "{what} carries a user name or password (user:pass@host): whctl refuses it; give the key with --api-key-stdin or --api-key-env"
        )));
    }
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(Error::usage(format!(
            "invalid {what} '{u}': give an absolute http(s) URL with a host"
        )));
    }
    Ok(())
}

/// A base URL for display: a `user:pass@` part (which whctl refuses to use) is shown as
/// `***@`, so that `profile show`/`list` never print a password kept in the file.
pub fn display_url(u: &str) -> String {
    match reqwest::Url::parse(u.trim()) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_password(None);
            let _ = parsed.set_username("***");
            parsed.to_string()
        }
        _ => u.to_string(),
    }
}

/// The variables that override a profile's fields (and make the environment-only profile).
pub const OVERRIDES: [&str; 7] = [
    "WHCTL_PROVIDER",
    "WHCTL_BASE_URL",
    "WHCTL_API_KEY",
    "WHCTL_IDENTITY",
    "WHCTL_LOGIN_ID",
    "WHCTL_PROGRAM_GUID",
    "WHCTL_API_VERSION",
];

/// Resolves profile `name` for a command that visits several profiles (`--all-profiles`,
/// `plan`, `apply`, `export`): the environment's overrides belong to the one profile the run
/// selects (`selected`, else the default profile), never to the others, so a key set for
/// one provider is never sent to another. A profile's own `api_key_env` still applies.
pub fn resolve_visited(
    registry: &'static Registry,
    cfg: &ConfigFile,
    name: &str,
    selected: Option<&str>,
    env: Env,
) -> Result<Profile, Error> {
    let selected = selected.or(cfg.default_profile.as_deref());
    if selected == Some(name) {
        return resolve(registry, cfg, Some(name), env);
    }
    let without_overrides = |var: &str| {
        if OVERRIDES.contains(&var) {
            None
        } else {
            env(var)
        }
    };
    resolve(registry, cfg, Some(name), &without_overrides)
}

fn field(env: Env, var: &str, file: Option<&String>) -> Option<Sourced<String>> {
    if let Some(v) = env(var) {
        return Some(Sourced {
            value: v,
            source: Source::Env(var.to_string()),
        });
    }
    file.filter(|v| !v.is_empty()).map(|v| Sourced {
        value: v.clone(),
        source: Source::File,
    })
}

/// Picks the profile for this run and merges the environment into it.
///
/// Order: `--profile`/`WHCTL_PROFILE`, else the file's `default_profile`, else, with
/// `WHCTL_PROVIDER` set, a profile made of the environment alone.
/// Provider names are those of `registry`.
pub fn resolve(
    registry: &'static Registry,
    cfg: &ConfigFile,
    wanted: Option<&str>,
    env: Env,
) -> Result<Profile, Error> {
    let name = wanted
        .map(str::to_string)
        .or_else(|| cfg.default_profile.clone());
    let (name, entry) = match name {
        Some(n) => match cfg.profiles.get(&n) {
            Some(e) => (n, Some(e)),
            None if wanted.is_none() && env("WHCTL_PROVIDER").is_some() => {
                ("env".to_string(), None)
            }
            None => {
                let known: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
                return Err(Error::config(if known.is_empty() {
                    format!(
                        "no profile named '{n}': add it with `whctl profile add {n} --provider …`"
                    )
                } else {
                    format!(
                        "no profile named '{n}' (profiles: {}): add it with `whctl profile add {n} --provider …`",
                        known.join(", ")
                    )
                }));
            }
        },
        None if env("WHCTL_PROVIDER").is_some() => ("env".to_string(), None),
        None => {
            return Err(Error::config(if cfg.profiles.is_empty() {
                "no profile: add one with `whctl profile add NAME --provider …`, or set WHCTL_PROVIDER and the credential variables".to_string()
            } else {
                "no default profile: pass --profile NAME or run `whctl profile use NAME`"
                    .to_string()
            }));
        }
    };
    let empty = ProfileEntry::default();
    let e = entry.unwrap_or(&empty);
    let (provider_name, provider_source) = match env("WHCTL_PROVIDER") {
        Some(p) => (p, Source::Env("WHCTL_PROVIDER".into())),
        None => (e.provider.clone(), Source::File),
    };
    let provider = registry.parse(&provider_name).ok_or_else(|| {
        Error::config(format!(
            "unknown provider '{provider_name}' ({}): use one of {}",
            match &provider_source {
                Source::Env(_) => "from WHCTL_PROVIDER".to_string(),
                _ => format!("in profile '{name}'"),
            },
            registry.names().join(", ")
        ))
    })?;
    let base_url = field(env, "WHCTL_BASE_URL", e.base_url.as_ref()).unwrap_or(Sourced {
        value: provider.spec().default_base_url.to_string(),
        source: Source::Default,
    });
    let api_key = if let Some(k) = env("WHCTL_API_KEY") {
        Some(Sourced {
            value: Secret::new(k),
            source: Source::Env("WHCTL_API_KEY".into()),
        })
    } else if let Some(var) = e.api_key_env.as_ref().filter(|v| !v.is_empty()) {
        env(var).map(|k| Sourced {
            value: Secret::new(k),
            source: Source::Env(var.clone()),
        })
    } else {
        e.api_key
            .as_ref()
            .filter(|k| !k.is_empty())
            .map(|k| Sourced {
                value: Secret::new(k.clone()),
                source: Source::File,
            })
    };
    let identity = field(env, "WHCTL_IDENTITY", e.identity.as_ref());
    if let Some(i) = &identity {
        crate::redact::register(&i.value);
    }
    Ok(Profile {
        name,
        provider,
        base_url,
        api_key,
        identity,
        login_id: field(env, "WHCTL_LOGIN_ID", e.login_id.as_ref()),
        program_guid: field(env, "WHCTL_PROGRAM_GUID", e.program_guid.as_ref()),
        api_version: field(env, "WHCTL_API_VERSION", e.api_version.as_ref()),
        paths: e.paths.clone(),
        provider_source,
        api_key_env: e.api_key_env.clone().filter(|v| !v.is_empty()),
    })
}

impl Profile {
    /// The API key, or a configuration error saying how to supply one.
    pub fn require_key(&self) -> Result<&Secret, Error> {
        self.api_key.as_ref().map(|k| &k.value).ok_or_else(|| {
            if let Some(var) = &self.api_key_env {
                return Error::config(format!(
                    "profile '{}' reads its API key from ${var}, which is not set (or set WHCTL_API_KEY)",
                    self.name
                ));
            }
            Error::config(format!(
                "profile '{}' has no API key: set WHCTL_API_KEY, or run `whctl profile add {} --provider {} --api-key-stdin --force`",
                self.name, self.name, self.provider
            ))
        })
    }

    /// A required non-secret field, or a configuration error naming its flag and variable.
    pub fn require<'a>(
        &self,
        value: &'a Option<Sourced<String>>,
        flag: &str,
        var: &str,
    ) -> Result<&'a str, Error> {
        value.as_ref().map(|v| v.value.as_str()).ok_or_else(|| {
            Error::config(format!(
                "profile '{}' has no {flag}: set {var}, or add it with `whctl profile add {} --provider {} --{flag} …`",
                self.name, self.name, self.provider
            ))
        })
    }
}

/// Writes a file only its owner can read (0600), atomically: temp file in the same folder
/// (named `.NAME.whctl-tmp-…`, removed if the write fails), sync, rename. A symbolic link is
/// written through to its target. Used for the config file and the token cache (secret files: `secret_out`).
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = resolve_links(path)?;
    let dir = parent_dir(&target);
    create_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::testing::REGISTRY;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn mask_keeps_prefix_and_edges() {
        assert_eq!(
            mask("whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB"),
            "whsec_Xq…fB"
        );
        assert_eq!(mask("short"), "****");
        assert_eq!(mask("abcdefghijklmnop"), "ab…op");
        assert_eq!(mask("whsec_ÄÖabcdefgÜß"), "whsec_ÄÖ…Üß");
        assert_eq!(mask("whsec_ÄÖabcdß"), "whsec_****");
    }

    #[test]
    fn env_beats_file_field_by_field() {
        let cfg = parse(
            "default_profile = \"a\"\n[profiles.a]\nprovider = \"alpha\"\nidentity = \"file-id\"\napi_key = \"file-key-123456\"\n",
        )
        .unwrap();
        let env = env_of(&[("WHCTL_IDENTITY", "env-id")]);
        let p = resolve(&REGISTRY, &cfg, None, &env).unwrap();
        assert_eq!(p.identity.as_ref().unwrap().value, "env-id");
        assert_eq!(
            p.identity.as_ref().unwrap().source,
            Source::Env("WHCTL_IDENTITY".into())
        );
        assert_eq!(
            p.api_key.as_ref().unwrap().value.expose(),
            "file-key-123456"
        );
        assert_eq!(p.base_url.source, Source::Default);
    }

    #[test]
    fn environment_alone_makes_a_profile() {
        let env = env_of(&[
            ("WHCTL_PROVIDER", "alpha"),
            ("WHCTL_API_KEY", "k"),
            ("WHCTL_BASE_URL", "http://127.0.0.1:1"),
        ]);
        let p = resolve(&REGISTRY, &ConfigFile::default(), None, &env).unwrap();
        assert_eq!(p.provider, crate::spec::testing::alpha());
        assert_eq!(p.base_url.value, "http://127.0.0.1:1");
    }

    #[test]
    fn unknown_provider_names_the_registered_ones() {
        let cfg = parse("[profiles.a]\nprovider = \"gamma\"\n").unwrap();
        let err = resolve(&REGISTRY, &cfg, Some("a"), &env_of(&[])).unwrap_err();
        assert!(
            err.message
                .contains("'gamma' (in profile 'a'): use one of alpha, beta"),
            "{}",
            err.message
        );
        let cfg = parse("[profiles.b]\nprovider = \"beta\"\n").unwrap();
        let p = resolve(&REGISTRY, &cfg, Some("b"), &env_of(&[])).unwrap();
        assert_eq!(p.base_url.value, "");
    }

    #[test]
    fn no_profile_is_a_config_error() {
        let env = env_of(&[]);
        let err = resolve(&REGISTRY, &ConfigFile::default(), None, &env).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::Config);
        let err = resolve(&REGISTRY, &ConfigFile::default(), Some("x"), &env).unwrap_err();
        assert!(err.message.contains("profile add x"));
    }

    #[test]
    fn api_key_env_reference_is_read_at_run_time() {
        let cfg = parse("[profiles.a]\nprovider = \"alpha\"\napi_key_env = \"MY_KEY\"\n").unwrap();
        let p = resolve(
            &REGISTRY,
            &cfg,
            Some("a"),
            &env_of(&[("MY_KEY", "from-env")]),
        )
        .unwrap();
        assert_eq!(p.api_key.unwrap().source, Source::Env("MY_KEY".into()));
        let p = resolve(&REGISTRY, &cfg, Some("a"), &env_of(&[])).unwrap();
        assert!(p.require_key().unwrap_err().message.contains("$MY_KEY"));
    }

    #[test]
    fn parse_error_names_the_line() {
        let err = parse("default_profile = \"a\"\n[profiles.a\nprovider = 1\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let cfg = parse("[profiles.a]\nprovider = \"alpha\"\nfuture_field = 3\n").unwrap();
        let text = toml::to_string_pretty(&cfg).unwrap();
        assert!(text.contains("future_field = 3"), "{text}");
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;
    use crate::spec::testing::REGISTRY;

    proptest! {
        #[test]
        fn any_text_parses_or_names_a_problem(text in ".{0,200}") {
            if let Err(e) = parse(&text) {
                prop_assert!(e.contains("TOML"));
            }
        }

        #[test]
        fn toml_like_text_never_panics(text in "(default_profile = \"[a-z]{0,4}\"\n)?(\\[profiles\\.[a-z]{1,4}\\]\n([a-z_]{1,12} = (\"[^\"\n]{0,10}\"|[0-9]{1,3}|true)\n){0,4}){0,3}") {
            if let Ok(cfg) = parse(&text) {
                let _ = resolve(&REGISTRY, &cfg, None, &|_| None);
            }
        }
    }
}
