//! The only place that writes what a command produced: a table for people, JSON for scripts,
//! ids for `-q`. Terminal detection and `NO_COLOR` live here and nowhere else.

use std::io::{self, IsTerminal, Write};

use comfy_table::{Cell, ContentArrangement, Table};
use serde_json::Value;

/// A comfy-table preset: no borders, one rule under the header (as `gh` prints lists).
const HEADER_RULE_ONLY: &str = "     ─             ";

/// `-o table|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Something a command can show: as table rows, as JSON, or as ids.
pub trait Render {
    /// Column headers of the table view.
    fn headers(&self) -> Vec<&'static str>;
    /// Rows of the table view, one cell per header.
    fn rows(&self) -> Vec<Vec<String>>;
    /// The JSON view (the contract's shape).
    fn json(&self) -> Value;
    /// What `-q` prints, one per line.
    fn ids(&self) -> Vec<String> {
        Vec::new()
    }
    /// Writes the JSON view, pretty. Long lists override this to serialise item by item
    /// instead of building the whole document first.
    fn write_json(&self, w: &mut dyn Write) -> serde_json::Result<()> {
        serde_json::to_writer_pretty(w, &self.json())
    }
}

/// A sequence serialised lazily: each item's JSON form (a borrowing `Serialize` view, or a
/// `Value`) is made only when it is written.
pub struct LazySeq<'a, T, F>(pub &'a [T], pub F);

impl<'a, T, U: serde::Serialize, F: Fn(&'a T) -> U> LazySeq<'a, T, F> {
    /// `items`, each written as `f` makes it (`f`'s result may borrow from its item).
    pub fn new(items: &'a [T], f: F) -> Self {
        LazySeq(items, f)
    }
}

impl<'a, T, U: serde::Serialize, F: Fn(&'a T) -> U> serde::Serialize for LazySeq<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

/// How this run prints, decided once from the flags and the terminal.
#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    pub quiet: bool,
    color: bool,
    stderr_tty: bool,
}

impl Output {
    pub fn new(format: Option<Format>, quiet: bool) -> Self {
        let stdout_tty = io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
            || std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Output {
            format: format.unwrap_or(if stdout_tty {
                Format::Table
            } else {
                Format::Json
            }),
            quiet,
            color: stdout_tty && !no_color,
            stderr_tty: io::stderr().is_terminal(),
        }
    }

    /// The same output without `-q`: for the one thing `-q` must not drop, a new secret.
    pub fn loud(&self) -> Output {
        Output {
            quiet: false,
            ..self.clone()
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Whether stderr is a terminal (progress and prompts go there).
    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_tty
    }

    /// A progress bar on stderr for `total` steps: drawn only when stderr is a terminal
    /// (and not with `-q`), hidden otherwise.
    pub fn progress(&self, total: u64, what: &str) -> indicatif::ProgressBar {
        if self.quiet || !self.stderr_tty {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {pos}/{len} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// Prints `r` as the run's format asks.
    pub fn render(&self, r: &dyn Render) -> anyhow::Result<()> {
        if self.quiet {
            let mut s = String::new();
            for id in r.ids() {
                s.push_str(&id);
                s.push('\n');
            }
            return write_stdout(&s);
        }
        match self.format {
            Format::Json => {
                let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
                r.write_json(&mut out).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
                out.flush()?;
                Ok(())
            }
            Format::Table => write_stdout(&self.table(&r.headers(), r.rows())),
        }
    }

    /// Prints a JSON value, pretty, followed by a newline.
    pub fn json(&self, v: &Value) -> anyhow::Result<()> {
        let mut s = serde_json::to_string_pretty(v)?;
        s.push('\n');
        write_stdout(&s)
    }

    /// Renders rows as a table fitted to the terminal width.
    pub fn table(&self, headers: &[&str], rows: Vec<Vec<String>>) -> String {
        let mut t = Table::new();
        t.load_preset(HEADER_RULE_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if !self.color {
            t.force_no_tty();
        }
        t.set_header(headers.iter().map(|h| {
            let c = Cell::new(h);
            if self.color {
                c.add_attribute(comfy_table::Attribute::Bold)
            } else {
                c
            }
        }));
        for row in rows {
            t.add_row(row);
        }
        let mut s = t.to_string();
        s.push('\n');
        s
    }

    /// Prints text to stdout as it is (with a trailing newline), unless `-q`.
    pub fn text(&self, s: &str) -> anyhow::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut s = s.to_string();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        write_stdout(&s)
    }

    /// A message for the person at the terminal (stderr), unless `-q`.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(io::stderr(), "{}", crate::redact::scrub(msg));
        }
    }

    /// A warning on stderr; shown even with `-q`.
    pub fn warn(&self, msg: &str) {
        let _ = writeln!(io::stderr(), "warning: {}", crate::redact::scrub(msg));
    }
}

/// Rows printed one at a time as things happen (`listen`): fixed-width columns on a
/// table, one JSON object per line otherwise, nothing with `-q`.
pub struct Stream {
    out: Output,
    widths: Vec<usize>,
}

impl Output {
    /// Starts a stream; prints the header row when the format is a table.
    pub fn stream(&self, columns: &[(&str, usize)]) -> anyhow::Result<Stream> {
        let s = Stream {
            out: self.clone(),
            widths: columns.iter().map(|(_, w)| *w).collect(),
        };
        if !self.quiet && self.format == Format::Table {
            let names: Vec<String> = columns.iter().map(|(n, _)| n.to_string()).collect();
            write_stdout(&s.line(&names))?;
        }
        Ok(s)
    }
}

impl Stream {
    fn line(&self, cells: &[String]) -> String {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = self.widths.get(i).copied().unwrap_or(0);
            if i + 1 == cells.len() {
                l.push_str(c);
            } else {
                l.push_str(&format!("{c:<w$}  "));
            }
        }
        l.trim_end().to_string() + "\n"
    }

    /// Prints one row (table) or its JSON (one line).
    pub fn row(&self, cells: &[String], json: &Value) -> anyhow::Result<()> {
        if self.out.quiet {
            return Ok(());
        }
        match self.out.format {
            Format::Table => write_stdout(&self.line(cells)),
            Format::Json => write_stdout(&(serde_json::to_string(json)? + "\n")),
        }
    }
}

/// Writes to stdout. A closed pipe surfaces as an `io::Error` of kind `BrokenPipe`, which
/// [`is_broken_pipe`] recognises so that the run ends with exit 0.
pub fn write_stdout(s: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether the error is stdout's reader going away.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Prints a failure on stderr as `error: …`, the causes joined on one line.
pub fn error_line(err: &anyhow::Error) {
    let mut msg = err.to_string();
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    let _ = writeln!(io::stderr(), "error: {}", crate::redact::scrub(&msg));
}
