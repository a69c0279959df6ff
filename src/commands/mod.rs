//! One module per command: its clap arguments and a `run` function that checks the flags,
//! turns them into a plain request, makes one call into [`crate::ops`] (where the work is
//! orchestrated: batch delete, the update merge, rotate, subscribe, plan/apply, `listen`'s
//! handler) and hands the result to [`crate::output`]. Commands never talk HTTP, print, or
//! build tables themselves. [`Ctx`] is what the operations get for their injected report,
//! prompter and profiles on the command line.

pub mod completions;
pub mod delete;
pub mod events;
pub mod export;
pub mod get;
pub mod list;
pub mod listen;
pub mod plan;
pub mod profile;
pub mod providers;
pub mod rotate;
pub mod sandbox;
pub mod sign;
pub mod subscribe;
pub mod trigger;
pub mod update;
mod view;

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crate::catalog::{self, Resolved};
use crate::cli::{Cli, Command, Global};
use crate::config::{self, ConfigFile, Profile, Secret};
use crate::error::Error;
use crate::http::Http;
use crate::input::{self, Input};
use crate::ops;
use crate::output::Output;
use crate::providers::{NoApi, Provider, ProviderKind, Subscription, build};
use crate::secret_out::SecretFile;

/// What every command gets: the global flags, the output it writes to, and the run's one
/// HTTP client, built the first time a command needs it.
pub struct Ctx {
    pub global: Global,
    pub out: Output,
    http: OnceLock<Http>,
}

impl Ctx {
    pub fn new(global: Global) -> Self {
        let out = Output::new(global.output, global.quiet);
        Ctx {
            global,
            out,
            http: OnceLock::new(),
        }
    }

    /// The run's HTTP client (a cheap handle to one connection pool), built on first use:
    /// offline commands never build it.
    pub fn http(&self) -> Result<Http, Error> {
        if let Some(h) = self.http.get() {
            return Ok(h.clone());
        }
        let h = Http::new(
            Duration::from_secs(self.global.timeout.max(1)),
            self.global.verbose,
        )?;
        Ok(self.http.get_or_init(|| h).clone())
    }

    pub fn config_path(&self) -> Result<PathBuf, Error> {
        config::path(self.global.config.as_deref())
    }

    /// Reads the config file, printing its warnings (e.g. loose permissions). A file named
    /// by `--config`/`WHCTL_CONFIG` that does not exist is exit 3 (a typo would otherwise read
    /// as "no profiles"), unless the environment alone makes the profile (`WHCTL_PROVIDER`);
    /// the default file may be missing (a fresh machine).
    pub fn load_config(&self) -> Result<ConfigFile, Error> {
        let path = self.config_path()?;
        if let Some(named) = &self.global.config
            && !path.exists()
            && config::process_env("WHCTL_PROVIDER").is_none()
        {
            return Err(Error::config(format!(
                "config file {} does not exist: fix --config/WHCTL_CONFIG, or create it with `whctl --config {} profile add NAME --provider …`",
                named.display(),
                named.display()
            )));
        }
        let (cfg, warnings) = config::load(&path)?;
        for w in warnings {
            self.out.warn(&w);
        }
        Ok(cfg)
    }

    /// The profile of this run, environment merged in.
    pub fn profile(&self) -> Result<Profile, Error> {
        let cfg = self.load_config()?;
        config::resolve(
            crate::providers::registry(),
            &cfg,
            self.global.profile.as_deref(),
            &config::process_env,
        )
    }

    /// The provider of a profile, with the run's HTTP client.
    pub fn provider(&self, profile: &Profile) -> Result<Box<dyn Provider>, Error> {
        if !profile.provider.capabilities().api {
            return Ok(Box::new(NoApi(profile.provider)));
        }
        config::check_base_url(
            &profile.base_url.value,
            &format!("base URL ({})", profile.base_url.source),
        )?;
        build(profile, self.http()?)
    }

    /// Every profile of the config file whose provider has a webhook API (others are named
    /// on stderr and skipped), environment merged in. A config with no profile is an error.
    pub fn api_profiles(&self) -> Result<Vec<Profile>, Error> {
        let cfg = self.load_config()?;
        if cfg.profiles.is_empty() {
            return Err(Error::config(
                "no profiles: add one with `whctl profile add NAME --provider …`",
            ));
        }
        let mut profiles = Vec::new();
        for name in cfg.profiles.keys() {
            let p = config::resolve_visited(
                crate::providers::registry(),
                &cfg,
                name,
                self.global.profile.as_deref(),
                &config::process_env,
            )?;
            if p.provider.capabilities().api {
                profiles.push(p);
            } else {
                self.out.note(&format!(
                    "skipping profile '{name}': {} has no webhook API",
                    p.provider
                ));
            }
        }
        Ok(profiles)
    }

    /// Lists the subscriptions of several profiles at once (progress on a terminal).
    pub async fn list_each<'p>(
        &self,
        profiles: &'p [Profile],
    ) -> Vec<(&'p Profile, Result<Vec<Subscription>, Error>)> {
        let progress = self
            .out
            .progress(profiles.len() as u64, "querying profiles");
        let results = futures_util::future::join_all(profiles.iter().map(|p| {
            let progress = &progress;
            async move {
                let r = match self.provider(p) {
                    Ok(provider) => provider.list().await,
                    Err(e) => Err(e),
                };
                progress.inc(1);
                (p, r)
            }
        }))
        .await;
        progress.finish_and_clear();
        results
    }

    /// Asks on a terminal, or requires `--yes` when there is nobody to ask.
    pub fn confirm(&self, question: &str) -> Result<(), Error> {
        if self.global.yes {
            return Ok(());
        }
        if !std::io::stdin().is_terminal() {
            return Err(Error::usage(format!(
                "{question} Refusing without confirmation: pass --yes"
            )));
        }
        eprint!("{question} [y/N] ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).ok();
        if matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            Ok(())
        } else {
            Err(Error::usage("cancelled: nothing was changed"))
        }
    }
}

impl ops::Report for Ctx {
    fn warn(&self, msg: &str) {
        self.out.warn(msg);
    }

    fn note(&self, msg: &str) {
        self.out.note(msg);
    }

    fn progress(&self, total: u64, what: &str) -> Box<dyn ops::Progress + '_> {
        Box::new(self.out.progress(total, what))
    }
}

/// A progress bar on stderr, as [`Output::progress`] draws it (or hides it).
impl ops::Progress for indicatif::ProgressBar {
    fn step(&self) {
        self.inc(1);
    }

    fn finish(&self) {
        self.finish_and_clear();
    }
}

impl ops::Prompter for Ctx {
    fn confirm(&self, question: &str) -> Result<(), Error> {
        Ctx::confirm(self, question)
    }
}

impl ops::Profiles for Ctx {
    fn config(&self) -> Result<ConfigFile, Error> {
        self.load_config()
    }

    /// The environment's values apply to the profile the run selects, not to the others.
    fn visit(&self, cfg: &ConfigFile, name: &str) -> Result<Profile, Error> {
        config::resolve_visited(
            crate::providers::registry(),
            cfg,
            name,
            self.global.profile.as_deref(),
            &config::process_env,
        )
    }

    fn provider(&self, profile: &Profile) -> Result<Box<dyn Provider>, Error> {
        Ctx::provider(self, profile)
    }
}

/// A listening socket on 127.0.0.1 (`listen`, `sandbox serve`); port 0 picks a free one.
pub async fn bind_local(port: u16) -> Result<tokio::net::TcpListener, Error> {
    tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| {
            Error::usage(format!(
                "cannot listen on 127.0.0.1:{port}: {e} (try --port 0)"
            ))
        })
}

/// Runs a future on a current-thread runtime (built only by commands that go to the network).
pub fn block_on<F: std::future::Future>(f: F) -> anyhow::Result<F::Output> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(rt.block_on(f))
}

/// Runs the parsed command.
pub fn dispatch(cli: Cli) -> anyhow::Result<()> {
    let mut ctx = Ctx::new(cli.global);
    if let Some(expr) = &cli.jq {
        if ctx.out.quiet {
            return Err(Error::usage(
                "--jq and -q cannot be used together: --jq already chooses what is printed",
            )
            .into());
        }
        ctx.out = ctx.out.with_jq(expr)?;
    }
    match cli.command {
        Command::Events(cmd) => events::run(&ctx, cmd),
        Command::Providers(args) => providers::run(&ctx, args),
        Command::Completions(args) => completions::run(&ctx, args),
        Command::Profile(cmd) => profile::run(&ctx, cmd),
        Command::Subscribe(args) => block_on(subscribe::run(&ctx, args))?,
        Command::List(args) => block_on(list::run(&ctx, args))?,
        Command::Get(args) => block_on(get::run(&ctx, args))?,
        Command::Update(args) => block_on(update::run(&ctx, args))?,
        Command::Delete(args) => block_on(delete::run(&ctx, args))?,
        Command::RotateSecret(args) => block_on(rotate::run(&ctx, args))?,
        Command::Sign(args) => sign::sign(&ctx, args),
        Command::Verify(args) => sign::verify(&ctx, args),
        Command::Trigger(args) => block_on(trigger::run(&ctx, args))?,
        Command::Listen(args) => block_on(listen::run(&ctx, args))?,
        Command::Plan(args) => block_on(plan::plan(&ctx, args))?,
        Command::Apply(args) => block_on(plan::apply(&ctx, args))?,
        Command::Export(args) => block_on(export::run(&ctx, args))?,
        Command::Sandbox(cmd) => block_on(sandbox::run(&ctx, cmd))?,
    }
}

/// Checks a webhook URL: absolute http(s) (exit 2 otherwise); plain http to a host other
/// than this machine gets a warning.
pub fn check_url(ctx: &Ctx, raw: &str) -> Result<String, Error> {
    let url = url::Url::parse(raw.trim()).map_err(|e| {
        Error::usage(format!(
            "invalid URL '{raw}' ({e}): give an absolute URL such as https://example.com/hooks"
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d == "localhost",
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if !loopback {
                ctx.out.warn(&format!(
                    "{raw} is plain http: deliveries and their signatures travel unencrypted; use https"
                ));
            }
        }
        other => {
            return Err(Error::usage(format!(
                "invalid URL '{raw}': the scheme must be http or https, not {other}"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::usage(format!("invalid URL '{raw}': it has no host")));
    }
    Ok(raw.trim().to_string())
}

/// The longest subscription id taken from the command line.
pub const MAX_ID: usize = 1024;

/// A subscription id from the command line. Ids go into request paths, so one that is empty,
/// `.` or `..`, holds a `/` or a control character, or is longer than [`MAX_ID`] bytes is a
/// usage error (exit 2) before anything is sent.
pub fn parse_id(s: &str) -> Result<String, String> {
    let id = s.trim();
    if id.is_empty() {
        return Err("an id cannot be empty (see `whctl list`)".into());
    }
    if id == "." || id == ".." || id.contains('/') || id.chars().any(char::is_control) {
        return Err("not a subscription id: '.', '..', '/' and control characters are not allowed (see `whctl list`)".into());
    }
    if id.len() > MAX_ID {
        return Err(format!(
            "not a subscription id: {} bytes, more than {MAX_ID}",
            id.len()
        ));
    }
    Ok(id.to_string())
}

/// A subscription named on the command line (`get`, `update`, `delete`, `rotate-secret`): an
/// argument starting `http://` or `https://` (any case) is its URL, found in the profile's
/// list when the command runs ([`ops::handle`]); anything else is an id ([`parse_id`]).
pub fn parse_handle(s: &str) -> Result<ops::Handle, String> {
    if ops::Handle::is_url(s) {
        return ops::Handle::url(s).map_err(|e| e.message);
    }
    parse_id(s).map(ops::Handle::Id)
}

/// Checks `--events` patterns against the provider's catalog (nothing is sent when one
/// matches nothing) and returns them resolved.
pub fn resolve_events(kind: ProviderKind, values: &[String]) -> Result<Vec<Resolved>, Error> {
    let patterns = catalog::split_patterns(values);
    let caps = kind.capabilities();
    if !caps.event_filter && caps.api {
        if patterns.iter().all(|p| p.trim() == "*") {
            return Ok(Vec::new());
        }
        return Err(Error::unsupported(format!(
            "{kind} sends every event to the account's URL and cannot filter them: drop --events or pass --events '*'"
        )));
    }
    let c = catalog::get(kind);
    patterns.iter().map(|p| c.resolve(p)).collect()
}

/// Checks, before any change, that a new secret will have somewhere to go: `--secret-out`
/// can be written, and `-q` (which prints only ids) is not asked to drop it. `chosen`: the
/// user supplied the secret (`--secret-file`), so nothing new is made.
pub fn secret_home(
    ctx: &Ctx,
    kind: ProviderKind,
    secret_out: Option<&Path>,
    chosen: bool,
) -> Result<Option<SecretFile>, Error> {
    let file = secret_out.map(SecretFile::check).transpose()?;
    let makes_secret = kind.spec().signature.is_some() && !chosen;
    if ctx.out.quiet && file.is_none() && makes_secret {
        return Err(Error::usage(
            "-q prints only the id, so the new secret would be lost: add --secret-out FILE (or drop -q)",
        ));
    }
    if ctx.out.has_jq() && file.is_none() && makes_secret {
        return Err(Error::usage(
            "--jq may filter out the new secret: add --secret-out FILE (or drop --jq)",
        ));
    }
    Ok(file)
}

/// Shows a subscription that has just been given a secret. With `--secret-out` the secret is
/// written there and kept off stdout; otherwise it is printed. When the file cannot be
/// written after the change, the subscription is printed with its secret in full (even with
/// `-q`) and the error says what happened.
pub fn show_new_secret(
    ctx: &Ctx,
    kind: ProviderKind,
    profile: &str,
    sub: &Subscription,
    file: Option<&SecretFile>,
    done: &str,
) -> anyhow::Result<()> {
    let mut failed = None;
    let mut reveal = true;
    if let (Some(f), Some(secret)) = (file, &sub.secret) {
        match f.write(secret) {
            Ok(()) => {
                ctx.out
                    .note(&format!("secret written to {}", f.path().display()));
                reveal = false;
            }
            Err(e) => failed = Some(e),
        }
    }
    if let (Some(f), None) = (file, &sub.secret) {
        ctx.out.warn(&format!(
            "{kind} returned no secret: nothing written to {}",
            f.path().display()
        ));
    }
    let view = view::Subscriptions {
        provider: kind,
        profile,
        items: std::slice::from_ref(sub),
        reveal,
        single: true,
    };
    if reveal && sub.secret.is_some() {
        ctx.out.loud().render(&view)?;
    } else {
        ctx.out.render(&view)?;
    }
    match failed {
        Some(e) => Err(Error::new(
            e.kind,
            format!(
                "{done} ({}), but {e}: its secret is printed above on stdout; save it now",
                sub.id
            ),
        )
        .into()),
        None => Ok(()),
    }
}

/// Reads a secret from a file, or from stdin for `-` (without echo when stdin is a
/// terminal), at most [`input::MAX_SECRET`]; surrounding white space is dropped.
pub fn read_secret(path: &Path) -> Result<Secret, Error> {
    let src = Input::arg(path);
    let what = match src {
        Input::Stdin => "the secret from stdin".to_string(),
        Input::File(p) => format!("the secret file {}", p.display()),
    };
    let secret = input::read_secret_text(src, &what, "Webhook secret")?;
    if secret.is_empty() {
        return Err(Error::usage(format!("the secret in {src} is empty")));
    }
    Ok(Secret::new(secret))
}
