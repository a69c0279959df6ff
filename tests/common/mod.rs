//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// The `whctl` binary with a clean environment: no user config, no WHCTL_* variables,
/// HOME and the config/cache folders pointing into `home`.
pub fn whctl_in(home: &Path) -> Command {
    let mut cmd = Command::from_std(spawnable(home));
    cmd.timeout(PROCESS_DEADLINE);
    cmd
}

/// No whctl run in a test may take longer than this: a hang fails the test instead of CI.
pub const PROCESS_DEADLINE: Duration = Duration::from_secs(120);

/// Waits for a spawned process, killing it and failing the test past `deadline`.
pub fn wait_with_deadline(child: &mut Child, deadline: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("process {} still running after {deadline:?}", child.id());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A port on 127.0.0.1 that refuses connections for as long as the returned socket lives:
/// it is bound (so no other test can take it) but never listens.
pub fn refused_port() -> (tokio::net::TcpSocket, u16) {
    let sock = tokio::net::TcpSocket::new_v4().expect("socket");
    sock.bind("127.0.0.1:0".parse().unwrap()).expect("bind");
    let port = sock.local_addr().expect("local_addr").port();
    (sock, port)
}

/// The same, as a plain `std::process::Command` for processes a test spawns and waits on
/// or kills itself.
pub fn spawnable(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("whctl"));
    isolate(&mut cmd, home);
    cmd
}

/// Any program (e.g. `sh` running a README recipe) with the clean environment of
/// [`whctl_in`].
pub fn isolated(program: impl AsRef<std::ffi::OsStr>, home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    isolate(&mut cmd, home);
    cmd
}

/// Gives a command the clean environment of [`whctl_in`]: no WHCTL_* variables, no proxy,
/// no `NO_COLOR` or `COLUMNS` (tables are 80 columns wide unless a test says otherwise),
/// HOME and the config/cache folders in `home`.
fn isolate(cmd: &mut std::process::Command, home: &Path) {
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().to_string();
        if k.starts_with("WHCTL_")
            || k == "NO_COLOR"
            || k == "COLUMNS"
            || k.ends_with("_PROXY")
            || k.ends_with("_proxy")
        {
            cmd.env_remove(&k);
        }
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("NO_PROXY", "127.0.0.1,localhost");
}

/// A temporary HOME for one test.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    pub fn cmd(&self) -> Command {
        whctl_in(self.path())
    }
    pub fn config_path(&self) -> PathBuf {
        self.path().join(".config/whctl/config.toml")
    }
}

/// Runs whctl with a throwaway HOME (left behind in the temp folder).
pub fn whctl() -> Command {
    let path = tempfile::tempdir().expect("tempdir").keep();
    whctl_in(&path)
}

/// Parses a command's stdout as JSON.
pub fn json_out(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// `whctl subscribe --url URL --events …` in `home` (its default profile), which must
/// succeed; returns the JSON it printed.
pub fn subscribe_json(home: &Home, url: &str, events: &[&str]) -> serde_json::Value {
    let out = home
        .cmd()
        .args(["subscribe", "--url", url, "-o", "json", "--events"])
        .args(events)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    json_out(&out)
}

/// `whctl apply --yes` of a file holding one subscription (`profile`, `url`, `events`), run
/// in `home`; returns the output (the caller checks the outcome).
pub fn apply_one(home: &Home, profile: &str, url: &str, events: &str) -> std::process::Output {
    let f = home.path().join("one.toml");
    std::fs::write(
        &f,
        format!(
            "[[subscription]]\nprofile = \"{profile}\"\nurl = \"{url}\"\nevents = [\"{events}\"]\n"
        ),
    )
    .unwrap();
    home.cmd()
        .args(["apply", "--yes", "-f"])
        .arg(&f)
        .output()
        .unwrap()
}

/// Drives a process in a pseudo-terminal (python3's `pty`, which makes it the controlling
/// terminal, so `/dev/tty` works): waits until the process has switched the terminal's echo
/// off (at most 10 s), types `typed` and Enter, and reads everything the terminal shows until
/// the process ends (killed after 30 s). Prints what the terminal showed and exits with the
/// process's exit code (128 + N for signal N). With `PTY_COLS` set, the terminal reports that
/// many columns (and 24 rows; `0` makes it report 0 by 0, as some CI ptys do).
const PTY_DRIVER: &str = r#"
import fcntl, os, pty, select, signal, struct, sys, termios, time
typed = sys.argv[1].encode()
argv = sys.argv[2:]
cols = os.environ.pop("PTY_COLS", None)
pid, fd = pty.fork()
if pid == 0:
    if cols is not None:
        rows = 24 if int(cols) > 0 else 0
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, int(cols), 0, 0))
    os.execv(argv[0], argv)
out = bytearray()
def pump(timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return True
    try:
        data = os.read(fd, 4096)
    except OSError:
        return False
    out.extend(data)
    return bool(data)
def echo_on():
    try:
        return bool(termios.tcgetattr(fd)[3] & termios.ECHO)
    except termios.error:
        return False
alive = True
until = time.monotonic() + 10
while alive and echo_on() and time.monotonic() < until:
    alive = pump(0.02)
if alive:
    os.write(fd, typed + b"\r")
until = time.monotonic() + 30
while alive and time.monotonic() < until:
    alive = pump(0.1)
if alive:
    out.extend(b"\n[pty driver: killed after 30 s]\n")
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
out.extend(b"\n[pty echo after exit: " + (b"on" if echo_on() else b"off") + b"]\n")
sys.stdout.buffer.write(bytes(out))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"#;

/// The python3 interpreter itself (not a version manager's shim, which would look for its
/// set-up in the test's HOME).
fn python3() -> PathBuf {
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "python3: {}", stderr(&out));
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// Runs whctl with `args` in `home` on a pseudo-terminal as its stdin, stdout and stderr,
/// types `typed` and Enter once whctl has turned the echo off, and returns whctl's exit code
/// and everything the terminal showed (typed characters included, when echoed), ending with
/// `[pty echo after exit: on|off]`, the terminal's echo once whctl has gone.
pub fn run_in_pty(home: &Home, args: &[&str], typed: &str) -> (Option<i32>, String) {
    run_in_pty_with(home, args, typed, None, &[])
}

/// [`run_in_pty`] on a terminal of `cols` columns (`Some(0)`: one that reports 0 by 0), with
/// `env` added to the environment.
pub fn run_in_pty_with(
    home: &Home,
    args: &[&str],
    typed: &str,
    cols: Option<u16>,
    env: &[(&str, &str)],
) -> (Option<i32>, String) {
    let mut py = std::process::Command::new(python3());
    isolate(&mut py, home.path());
    if let Some(c) = cols {
        py.env("PTY_COLS", c.to_string());
    }
    py.envs(env.iter().copied());
    let mut cmd = Command::from_std(py);
    cmd.arg("-c")
        .arg(PTY_DRIVER)
        .arg(typed)
        .arg(assert_cmd::cargo::cargo_bin("whctl"))
        .args(args)
        .timeout(PROCESS_DEADLINE);
    let out = cmd.output().expect("run the pty driver");
    (out.status.code(), stdout(&out))
}
