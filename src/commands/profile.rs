//! `whctl profile add|list|show|remove|use`: credentials in the config file.
//!
//! A key enters by stdin (`--api-key-stdin`: piped, or typed on a terminal without echo) or
//! as the name of an environment variable (`--api-key-env VAR`), never as a flag value, and
//! is never printed.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::config::{self, ProfileEntry, Source, Sourced, mask};
use crate::error::Error;
use crate::input::{self, Input};
use crate::output::Render;
use crate::providers::ProviderKind;
use crate::spec::Credential;

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile (or change one with --force)
    Add(AddArgs),
    /// Change some fields of a profile, keeping the others
    Set(SetArgs),
    /// List the profiles
    List,
    /// Show a profile's settings and where each comes from; secrets redacted
    Show(ShowArgs),
    /// Remove a profile
    Remove(NameArg),
    /// Make a profile the default
    Use(NameArg),
}

/// A flag's help: what it is, and the providers whose profiles use it (from the registry).
fn used_by(c: Credential, what: &str) -> String {
    let users: Vec<&str> = crate::providers::all()
        .iter()
        .filter(|k| k.spec().credentials.contains(&c))
        .map(|k| k.name())
        .collect();
    format!("{what} ({})", users.join(", "))
}

/// Refuses, before anything is written, flags that the provider's profiles do not use and
/// empty values (an unset shell variable).
fn check_fields(provider: ProviderKind, a: &FieldArgs) -> Result<(), Error> {
    let spec = provider.spec();
    let uses = |c: Credential| spec.credentials.contains(&c);
    let given = [
        (Credential::Identity, a.identity.as_deref()),
        (Credential::LoginId, a.login_id.as_deref()),
        (Credential::ProgramGuid, a.program_guid.as_deref()),
        (Credential::ApiVersion, a.api_version.as_deref()),
        (
            Credential::ApiKey,
            (a.api_key_stdin || a.api_key_env.is_some()).then_some("-"),
        ),
    ];
    for (c, value) in given {
        let Some(value) = value else { continue };
        let flag = if c == Credential::ApiKey && a.api_key_env.is_some() {
            "--api-key-env"
        } else {
            c.flag()
        };
        if !uses(c) {
            let own: Vec<&str> = spec.credentials.iter().map(|c| c.flag()).collect();
            return Err(Error::usage(format!(
                "{flag} does not apply to {provider} profiles ({}): drop it",
                if own.is_empty() {
                    "they take no credentials".to_string()
                } else {
                    format!("they use {}", own.join(", "))
                }
            )));
        }
        if value.trim().is_empty() {
            return Err(Error::usage(format!(
                "{flag} is empty: give a value, or leave the flag out"
            )));
        }
    }
    if let Some(u) = &a.base_url {
        if u.trim().is_empty() {
            return Err(Error::usage(
                "--base-url is empty: give a URL, or leave the flag out for the provider's default",
            ));
        }
        config::check_base_url(u, "--base-url")?;
    }
    if let Some(var) = &a.api_key_env
        && (var.is_empty() || !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return Err(Error::usage(format!(
            "--api-key-env takes the NAME of an environment variable (e.g. PROVIDER_API_KEY), not '{var}'"
        )));
    }
    for (op, _) in parse_paths(&a.paths)? {
        check_op(provider, &op)?;
    }
    Ok(())
}

/// `--path OP=PATH` values.
fn parse_paths(paths: &[String]) -> Result<Vec<(String, String)>, Error> {
    paths
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| {
                    Error::usage(format!(
                        "--path takes OP=PATH (e.g. delete=/api/v1/webhooks/{{notification_guid}}), not '{p}'"
                    ))
                })
        })
        .collect()
}

/// An operation whose path a profile may override: one of the provider's routes.
fn check_op(provider: ProviderKind, op: &str) -> Result<(), Error> {
    if provider.route(op).is_some() {
        return Ok(());
    }
    let ops: Vec<&str> = provider.spec().routes.iter().map(|r| r.op).collect();
    Err(Error::usage(if ops.is_empty() {
        format!("--path: {provider} has no API paths to override")
    } else {
        format!(
            "--path {op}: {provider} has no operation '{op}' (its operations: {})",
            ops.join(", ")
        )
    }))
}

/// The API key of `--api-key-stdin`, read once the flags are known to be good.
fn read_key(name: &str, a: &FieldArgs) -> Result<Option<String>, Error> {
    if !a.api_key_stdin {
        return Ok(None);
    }
    let key = input::read_secret_text(
        Input::Stdin,
        "the API key from stdin",
        &format!("API key for {name}"),
    )?;
    if key.is_empty() {
        return Err(Error::usage(
            "--api-key-stdin read an empty key: pipe the key in, e.g. `pass show webhooks/api-key | whctl profile add …`, or type it at the prompt",
        ));
    }
    Ok(Some(key))
}

/// Writes the given fields into `e`, keeping the others; returns the names of those changed.
fn merge(e: &mut ProfileEntry, a: &FieldArgs, key: Option<String>) -> Result<Vec<String>, Error> {
    let mut changed = Vec::new();
    for (name, slot, value) in [
        ("base_url", &mut e.base_url, &a.base_url),
        ("identity", &mut e.identity, &a.identity),
        ("login_id", &mut e.login_id, &a.login_id),
        ("program_guid", &mut e.program_guid, &a.program_guid),
        ("api_version", &mut e.api_version, &a.api_version),
    ] {
        if let Some(v) = value {
            *slot = Some(v.trim().to_string());
            changed.push(name.to_string());
        }
    }
    if let Some(k) = key {
        e.api_key = Some(k);
        e.api_key_env = None;
        changed.push("api_key".into());
    } else if let Some(var) = &a.api_key_env {
        e.api_key_env = Some(var.clone());
        e.api_key = None;
        changed.push("api_key_env".into());
    }
    for (op, path) in parse_paths(&a.paths)? {
        changed.push(format!("path.{op}"));
        e.paths.insert(op, path);
    }
    Ok(changed)
}

/// Clears the `--unset` fields; returns their names.
fn unset(e: &mut ProfileEntry, fields: &[String]) -> Result<Vec<String>, Error> {
    let mut changed = Vec::new();
    for f in fields {
        let f = f.trim();
        match f {
            "base_url" => e.base_url = None,
            "identity" => e.identity = None,
            "login_id" => e.login_id = None,
            "program_guid" => e.program_guid = None,
            "api_version" => e.api_version = None,
            "api_key" => {
                e.api_key = None;
                e.api_key_env = None;
            }
            "paths" => e.paths.clear(),
            _ => match f.strip_prefix("path.") {
                Some(op) if e.paths.remove(op).is_some() => {}
                Some(op) => {
                    return Err(Error::usage(format!(
                        "--unset {f}: the profile overrides no path '{op}'"
                    )));
                }
                None => {
                    return Err(Error::usage(format!(
                        "--unset {f}: not a field (base_url, identity, login_id, program_guid, api_version, api_key, path.OP, paths)"
                    )));
                }
            },
        }
        changed.push(f.to_string());
    }
    Ok(changed)
}

/// The warning for a profile of a provider with an API that has no key.
fn warn_no_key(ctx: &Ctx, name: &str, provider: ProviderKind, e: &ProfileEntry) {
    let has_key = e.api_key.as_ref().is_some_and(|k| !k.is_empty()) || e.api_key_env.is_some();
    if !has_key && provider.capabilities().api {
        ctx.out.warn(&format!(
            "no API key stored: pipe one to `whctl profile set {name} --api-key-stdin`, or set WHCTL_API_KEY at run time"
        ));
    }
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// API base URL [default: the provider's live API]
    #[arg(long)]
    pub base_url: Option<String>,
    #[arg(long, help = used_by(Credential::Identity, "The Identity header"))]
    pub identity: Option<String>,
    #[arg(long, help = used_by(Credential::LoginId, "The login id"))]
    pub login_id: Option<String>,
    #[arg(long, help = used_by(Credential::ProgramGuid, "The program guid"))]
    pub program_guid: Option<String>,
    #[arg(long, help = used_by(Credential::ApiVersion, "The API version in paths [default: v1]"))]
    pub api_version: Option<String>,
    /// Read the API key from standard input
    #[arg(long, conflicts_with = "api_key_env")]
    pub api_key_stdin: bool,
    /// Read the API key at run time from this environment variable
    #[arg(long, value_name = "VAR")]
    pub api_key_env: Option<String>,
    /// Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}
    #[arg(long = "path", value_name = "OP=PATH")]
    pub paths: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The profile's name (letters, digits, '-', '_', '.')
    pub name: String,
    #[arg(long, value_enum)]
    pub provider: ProviderKind,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Make it the default profile
    #[arg(long)]
    pub default: bool,
    /// Change a profile of the same name: the fields given replace its own, the others are
    /// kept (a different --provider replaces the whole profile)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The profile to change
    pub name: String,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Clear a field (base_url, identity, login_id, program_guid, api_version, api_key,
    /// path.OP, paths); repeatable
    #[arg(long, value_name = "FIELD")]
    pub unset: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The profile [default: the one this run would use]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct NameArg {
    pub name: String,
}

pub fn run(ctx: &Ctx, cmd: ProfileCommand) -> anyhow::Result<()> {
    match cmd {
        ProfileCommand::Add(a) => add(ctx, a),
        ProfileCommand::Set(a) => set(ctx, a),
        ProfileCommand::List => list(ctx),
        ProfileCommand::Show(a) => show(ctx, a),
        ProfileCommand::Remove(a) => remove(ctx, a),
        ProfileCommand::Use(a) => use_(ctx, a),
    }
}

fn check_name(name: &str) -> Result<(), Error> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Error::usage(format!(
            "invalid profile name '{name}': use letters, digits, '-', '_' and '.'"
        )));
    }
    Ok(())
}

fn add(ctx: &Ctx, a: AddArgs) -> anyhow::Result<()> {
    check_name(&a.name)?;
    check_fields(a.provider, &a.fields)?;
    let key = read_key(&a.name, &a.fields)?;
    let path = ctx.config_path()?;
    let (entry, changed, became_default) = config::update(&path, &|m| ctx.out.note(m), |cfg| {
        let existing = cfg.profiles.get(&a.name);
        let same_provider = existing
            .is_some_and(|e| crate::providers::registry().parse(&e.provider) == Some(a.provider));
        let mut changed = None;
        let entry = match existing {
            Some(_) if !a.force => {
                return Err(Error::usage(format!(
                    "profile '{}' exists: pass --force to change the fields given (the others are kept), or use `whctl profile set {}`",
                    a.name, a.name
                )));
            }
            Some(e) if same_provider => {
                let mut e = e.clone();
                changed = Some(merge(&mut e, &a.fields, key.clone())?);
                e
            }
            _ => {
                let mut e = ProfileEntry {
                    provider: a.provider.name().to_string(),
                    ..Default::default()
                };
                merge(&mut e, &a.fields, key.clone())?;
                e
            }
        };
        cfg.profiles.insert(a.name.clone(), entry.clone());
        let make_default = a.default || cfg.default_profile.is_none();
        if make_default {
            cfg.default_profile = Some(a.name.clone());
        }
        Ok((entry, changed, make_default))
    })?;
    let how = match &changed {
        None => format!("saved to {}", path.display()),
        Some(c) if c.is_empty() => format!("unchanged in {}", path.display()),
        Some(c) => format!("updated in {} ({})", path.display(), c.join(", ")),
    };
    ctx.out.note(&format!(
        "profile '{}' ({}) {how}{}",
        a.name,
        a.provider,
        if became_default {
            " as the default"
        } else {
            ""
        }
    ));
    warn_no_key(ctx, &a.name, a.provider, &entry);
    Ok(())
}

fn set(ctx: &Ctx, a: SetArgs) -> anyhow::Result<()> {
    let path = ctx.config_path()?;
    // The provider decides which fields apply: read it before anything is asked or written.
    let cfg = ctx.load_config()?;
    let Some(existing) = cfg.profiles.get(&a.name) else {
        return Err(Error::config(format!(
            "no profile named '{}': add it with `whctl profile add {} --provider …`",
            a.name, a.name
        ))
        .into());
    };
    let provider = crate::providers::registry()
        .parse(&existing.provider)
        .ok_or_else(|| {
            Error::config(format!(
                "profile '{}': {}",
                a.name,
                crate::providers::registry().unknown(&existing.provider)
            ))
        })?;
    check_fields(provider, &a.fields)?;
    let nothing = a.unset.is_empty()
        && a.fields.base_url.is_none()
        && a.fields.identity.is_none()
        && a.fields.login_id.is_none()
        && a.fields.program_guid.is_none()
        && a.fields.api_version.is_none()
        && !a.fields.api_key_stdin
        && a.fields.api_key_env.is_none()
        && a.fields.paths.is_empty();
    if nothing {
        return Err(Error::usage(
            "nothing to change: give the fields to set (e.g. --base-url URL) or --unset FIELD",
        )
        .into());
    }
    let key = read_key(&a.name, &a.fields)?;
    let (entry, changed) = config::update(&path, &|m| ctx.out.note(m), |cfg| {
        let Some(e) = cfg.profiles.get_mut(&a.name) else {
            return Err(Error::config(format!("no profile named '{}'", a.name)));
        };
        let mut changed = unset(e, &a.unset)?;
        changed.extend(merge(e, &a.fields, key.clone())?);
        Ok((e.clone(), changed))
    })?;
    ctx.out.note(&format!(
        "profile '{}' ({provider}) updated in {} ({})",
        a.name,
        path.display(),
        changed.join(", ")
    ));
    warn_no_key(ctx, &a.name, provider, &entry);
    Ok(())
}

struct ProfileRows(Vec<(String, ProfileEntry, bool)>);

fn key_origin(e: &ProfileEntry) -> String {
    match (&e.api_key, &e.api_key_env) {
        (_, Some(var)) => format!("env ${var}"),
        (Some(_), None) => "stored".to_string(),
        (None, None) => "none".to_string(),
    }
}

impl Render for ProfileRows {
    fn headers(&self) -> Vec<&'static str> {
        vec!["NAME", "PROVIDER", "BASE URL", "API KEY", "DEFAULT"]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.0
            .iter()
            .map(|(n, e, d)| {
                vec![
                    n.clone(),
                    e.provider.clone(),
                    e.base_url
                        .as_deref()
                        .map_or_else(|| "(default)".into(), config::display_url),
                    key_origin(e),
                    if *d { "*".into() } else { String::new() },
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(n, e, d)| {
                    json!({
                        "name": n,
                        "provider": e.provider,
                        "base_url": e.base_url.as_deref().map(config::display_url),
                        "api_key": key_origin(e),
                        "default": d,
                    })
                })
                .collect(),
        )
    }
    fn ids(&self) -> Vec<String> {
        self.0.iter().map(|(n, _, _)| n.clone()).collect()
    }
}

fn list(ctx: &Ctx) -> anyhow::Result<()> {
    let cfg = ctx.load_config()?;
    let default = cfg.default_profile.clone();
    let rows = cfg
        .profiles
        .into_iter()
        .map(|(n, e)| {
            let d = default.as_deref() == Some(n.as_str());
            (n, e, d)
        })
        .collect();
    ctx.out.render(&ProfileRows(rows))
}

struct Fields(String, Vec<(&'static str, Option<String>, String)>);

impl Render for Fields {
    fn headers(&self) -> Vec<&'static str> {
        vec!["FIELD", "VALUE", "SOURCE"]
    }
    fn fits(&self) -> Vec<crate::output::Fit> {
        use crate::output::Fit;
        vec![Fit::Key, Fit::Wrap, Fit::Wrap]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.1
            .iter()
            .map(|(k, v, s)| {
                vec![
                    k.to_string(),
                    v.clone().unwrap_or_else(|| "-".into()),
                    s.clone(),
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("name".into(), json!(self.0));
        for (k, v, s) in &self.1 {
            m.insert(k.to_string(), json!({"value": v, "source": s}));
        }
        Value::Object(m)
    }
    fn ids(&self) -> Vec<String> {
        vec![self.0.clone()]
    }
}

fn show(ctx: &Ctx, a: ShowArgs) -> anyhow::Result<()> {
    let cfg = ctx.load_config()?;
    let wanted = a.name.as_deref().or(ctx.global.profile.as_deref());
    let p = config::resolve(
        crate::providers::registry(),
        &cfg,
        wanted,
        &config::process_env,
    )?;
    let plain = |f: &Option<Sourced<String>>| match f {
        Some(s) => (Some(s.value.clone()), s.source.to_string()),
        None => (None, "unset".to_string()),
    };
    let mut fields = vec![
        (
            "provider",
            Some(p.provider.to_string()),
            p.provider_source.to_string(),
        ),
        (
            "base_url",
            Some(config::display_url(&p.base_url.value)),
            p.base_url.source.to_string(),
        ),
    ];
    let key = match (&p.api_key, &p.api_key_env) {
        (Some(k), _) => (Some(mask(k.value.expose())), k.source.to_string()),
        (None, Some(var)) => (None, format!("env ${var} (not set)")),
        (None, None) => (None, "unset".to_string()),
    };
    fields.push(("api_key", key.0, key.1));
    for (name, f) in [
        ("identity", &p.identity),
        ("login_id", &p.login_id),
        ("program_guid", &p.program_guid),
        ("api_version", &p.api_version),
    ] {
        let (v, s) = plain(f);
        if v.is_some() || applies(p.provider, name) {
            fields.push((name, v, s));
        }
    }
    for (op, path) in &p.paths {
        fields.push((
            "path",
            Some(format!("{op}={path}")),
            Source::File.to_string(),
        ));
    }
    ctx.out.render(&Fields(p.name, fields))
}

/// Whether a credential field is one the provider uses (shown even when unset).
fn applies(p: ProviderKind, field: &str) -> bool {
    p.spec().credentials.iter().any(|c| c.field() == field)
}

fn remove(ctx: &Ctx, a: NameArg) -> anyhow::Result<()> {
    let path = ctx.config_path()?;
    config::update(&path, &|m| ctx.out.note(m), |cfg| {
        if cfg.profiles.remove(&a.name).is_none() {
            return Err(Error::config(format!("no profile named '{}'", a.name)));
        }
        if cfg.default_profile.as_deref() == Some(a.name.as_str()) {
            cfg.default_profile = None;
        }
        Ok(())
    })?;
    ctx.out.note(&format!("profile '{}' removed", a.name));
    Ok(())
}

fn use_(ctx: &Ctx, a: NameArg) -> anyhow::Result<()> {
    let path = ctx.config_path()?;
    config::update(&path, &|m| ctx.out.note(m), |cfg| {
        if !cfg.profiles.contains_key(&a.name) {
            return Err(Error::config(format!(
                "no profile named '{}': add it with `whctl profile add {} --provider …`",
                a.name, a.name
            )));
        }
        cfg.default_profile = Some(a.name.clone());
        Ok(())
    })?;
    ctx.out
        .note(&format!("'{}' is now the default profile", a.name));
    Ok(())
}
