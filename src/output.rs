//! The only place that writes what a command produced: a table for people, JSON for scripts,
//! ids for `-q`. Terminal detection, the table width and `NO_COLOR` live here and nowhere else.
//!
//! Tables are laid out here, not by a table crate, so that they fit the terminal the way `gh`'s
//! do: the width is measured once ([`Output::new`]), each column says how it may give way
//! ([`Fit`]), ids, URLs, event names and secrets are never cut, and a table that cannot fit
//! even then is printed as `key: value` blocks, one per row.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::jq::Jq;

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
    /// How each column gives way when the table is wider than the terminal, in the order of
    /// [`Render::headers`]; a column with no entry is [`Fit::Whole`].
    fn fits(&self) -> Vec<Fit> {
        Vec::new()
    }
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
    /// `--jq EXPR`: what JSON output goes through ([`crate::jq`]).
    jq: Option<Arc<Jq>>,
    /// Columns a table may use: the terminal's, else `COLUMNS`, else 80.
    width: usize,
}

/// The width tables are fitted to: stdout's terminal, else `COLUMNS`, else 80. A terminal
/// that reports 0 columns (some CI ptys, `script`) counts as no terminal.
fn table_width() -> usize {
    terminal_size::terminal_size_of(io::stdout())
        .map(|(w, _)| usize::from(w.0))
        .filter(|w| *w > 0)
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|w| *w > 0)
        })
        .unwrap_or(DEFAULT_WIDTH)
}

/// The width of a table when neither the terminal nor `COLUMNS` says.
pub const DEFAULT_WIDTH: usize = 80;

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
            jq: None,
            width: table_width(),
        }
    }

    /// The same output with `--jq EXPR`: JSON, each result of the filter printed as `gh --jq`
    /// does (indented on a terminal). An invalid expression is a usage error.
    pub fn with_jq(self, expr: &str) -> Result<Output, crate::error::Error> {
        let jq = Jq::compile(expr, io::stdout().is_terminal())?;
        Ok(Output {
            format: Format::Json,
            jq: Some(Arc::new(jq)),
            ..self
        })
    }

    /// The same output without `-q` or `--jq`: for the one thing they must not drop, a new
    /// secret.
    pub fn loud(&self) -> Output {
        Output {
            quiet: false,
            jq: None,
            ..self.clone()
        }
    }

    /// Whether `--jq` filters what is printed.
    pub fn has_jq(&self) -> bool {
        self.jq.is_some()
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
            return self.ids(&r.ids());
        }
        match self.format {
            Format::Json if self.jq.is_some() => self.json(&r.json()),
            Format::Json => {
                let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
                r.write_json(&mut out).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
                out.flush()?;
                Ok(())
            }
            Format::Table => write_stdout(&self.table(&r.headers(), &r.fits(), &r.rows())),
        }
    }

    /// What `-q` prints: `ids`, one per line. For commands that print something other than a
    /// [`Render`]; [`Output::render`] does this itself.
    pub fn ids(&self, ids: &[String]) -> anyhow::Result<()> {
        let mut s = String::with_capacity(ids.iter().map(|i| i.len() + 1).sum());
        for id in ids {
            s.push_str(id);
            s.push('\n');
        }
        write_stdout(&s)
    }

    /// Prints a JSON value, pretty, followed by a newline (or what `--jq` makes of it);
    /// nothing with `-q`.
    pub fn json(&self, v: &Value) -> anyhow::Result<()> {
        if let Some(jq) = &self.jq {
            return write_stdout_bytes(&jq.apply(v)?);
        }
        if self.quiet {
            return Ok(());
        }
        let mut s = serde_json::to_string_pretty(v)?;
        s.push('\n');
        write_stdout(&s)
    }

    /// Renders rows as a table fitted to the terminal's width (see [`layout`]).
    pub fn table(&self, headers: &[&str], fits: &[Fit], rows: &[Vec<String>]) -> String {
        layout(headers, fits, rows, self.width, self.color)
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
            Format::Json => match &self.out.jq {
                Some(jq) => write_stdout_bytes(&jq.apply(json)?),
                None => write_stdout(&(serde_json::to_string(json)? + "\n")),
            },
        }
    }
}

/// A list printed while it is read (`list -o json`, `list -q`): each item written as it
/// comes, through one buffer on stdout, so the whole list is never held. Made by
/// [`Output::list_stream`].
///
/// JSON is written exactly as [`Output::render`] writes an array, but the `[` only with the
/// first item (or `[]` at [`ListStream::finish`]), so a failure before the first item prints
/// nothing; and the closing `]` only by [`ListStream::finish`], so a list cut short by a
/// failure partway is never valid JSON: what was written stays, unterminated.
pub struct ListStream {
    /// What is not yet written to stdout: items are made here, in place, and written a
    /// block at a time.
    buf: Vec<u8>,
    /// JSON items (else `-q`'s ids, one per line).
    json: bool,
    items: usize,
}

/// How much of a list is written to stdout at a time.
const LIST_BLOCK: usize = 64 * 1024;

impl Output {
    /// A writer for a list printed as it is read: JSON without `--jq`, or `-q`'s ids; `None`
    /// when the list must be whole first (a table, `--jq`).
    pub fn list_stream(&self) -> Option<ListStream> {
        let json = match (self.quiet, self.format) {
            (true, _) => false,
            (false, Format::Json) if self.jq.is_none() => true,
            _ => return None,
        };
        Some(ListStream {
            buf: Vec::with_capacity(LIST_BLOCK + 4096),
            json,
            items: 0,
        })
    }
}

impl ListStream {
    /// Writes one item: its id with `-q`, else its JSON (made only then).
    pub fn item<T: Pretty>(&mut self, id: &str, json: impl FnOnce() -> T) -> io::Result<()> {
        self.items += 1;
        if self.json {
            // As `to_writer_pretty` writes an array: each item on a new line, indented once.
            self.buf
                .extend_from_slice(if self.items == 1 { b"[\n  " } else { b",\n  " });
            json().write_pretty(&mut self.buf, 1);
        } else {
            self.buf.extend_from_slice(id.as_bytes());
            self.buf.push(b'\n');
        }
        if self.buf.len() >= LIST_BLOCK {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes what is buffered.
    fn flush(&mut self) -> io::Result<()> {
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.buf).and_then(|()| out.flush());
        self.buf.clear();
        written
    }

    /// Ends the list (`]`, or `[]` when it was empty) and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        if self.json {
            self.buf
                .extend_from_slice(if self.items == 0 { b"[]\n" } else { b"\n]\n" });
        }
        self.flush()
    }
}

impl Drop for ListStream {
    /// Unfinished (a failure partway): what was made is written, unterminated.
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.flush();
        }
    }
}

/// A value written as JSON exactly as `serde_json::to_writer_pretty` writes it (two-space
/// indents), but faster: a long list's items are written with this. Each implementation is
/// tested against serde_json's own output.
pub trait Pretty {
    /// Appends the value, its nested lines indented `level` times (its first line is not).
    fn write_pretty(&self, out: &mut Vec<u8>, level: usize);
}

/// The pieces of [`Pretty`] JSON.
pub mod pretty {
    /// `{`, then each field starts with [`key`], then [`end_object`].
    pub fn key(out: &mut Vec<u8>, level: usize, first: bool, name: &str) {
        out.extend_from_slice(if first { b"\n" } else { b",\n" });
        indent(out, level + 1);
        string(out, name);
        out.extend_from_slice(b": ");
    }

    pub fn end_object(out: &mut Vec<u8>, level: usize) {
        out.push(b'\n');
        indent(out, level);
        out.push(b'}');
    }

    fn indent(out: &mut Vec<u8>, level: usize) {
        for _ in 0..level {
            out.extend_from_slice(b"  ");
        }
    }

    /// A JSON string: copied as it is when nothing in it needs escaping (one pass over its
    /// bytes), else escaped by serde_json.
    pub fn string(out: &mut Vec<u8>, s: &str) {
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        } else {
            // Writing to a vector cannot fail.
            let _ = serde_json::to_writer(&mut *out, s);
        }
    }

    /// A string, or `null`.
    pub fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            Some(s) => string(out, s),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// An array of strings (`[]` when empty).
    pub fn strings(out: &mut Vec<u8>, level: usize, items: &[String]) {
        if items.is_empty() {
            out.extend_from_slice(b"[]");
            return;
        }
        out.push(b'[');
        for (i, s) in items.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            indent(out, level + 1);
            string(out, s);
        }
        out.push(b'\n');
        indent(out, level);
        out.push(b']');
    }
}

/// How many items go to [`ListPipe`]'s writer at a time.
const PIPE_BATCH: usize = 1024;

/// A batch of items and how many of them are used; `None` ends the list.
type Batch<T> = Option<(Vec<T>, usize)>;

/// A [`ListStream`] written on a thread of its own, so that a long list is written while the
/// next items are read (on two cores, reading and writing each take one). Items are moved
/// into slots of batches that come back once written (the reader gets the written item's
/// buffers in exchange), so that, after the first few batches, handing an item over
/// allocates nothing. Made by [`ListStream::spawn`].
///
/// What reaches stdout is exactly what the [`ListStream`] would write: the closing `]` only
/// by [`ListPipe::finish`]; dropped without it (a failure partway), the writer writes what it
/// was given, unterminated, and is waited for.
pub struct ListPipe<T: Send + 'static> {
    /// Full batches (and how many of their items are used), then `None`: finished.
    full: Option<std::sync::mpsc::SyncSender<Batch<T>>>,
    /// Batches written, coming back for reuse.
    empty: std::sync::mpsc::Receiver<Vec<T>>,
    batch: Vec<T>,
    used: usize,
    writer: Option<std::thread::JoinHandle<io::Result<()>>>,
}

impl ListStream {
    /// Moves the stream onto a thread that writes each item with `write`.
    pub fn spawn<T, F>(mut self, mut write: F) -> ListPipe<T>
    where
        T: Send + 'static,
        F: FnMut(&mut ListStream, &T) -> io::Result<()> + Send + 'static,
    {
        let (full, full_rx) = std::sync::mpsc::sync_channel::<Batch<T>>(4);
        let (empty_tx, empty) = std::sync::mpsc::channel();
        let writer = std::thread::spawn(move || {
            while let Ok(msg) = full_rx.recv() {
                let Some((batch, used)) = msg else {
                    return self.finish();
                };
                for item in &batch[..used] {
                    write(&mut self, item)?;
                }
                // The reader may have finished already: nothing to give back to.
                let _ = empty_tx.send(batch);
            }
            // Dropped unfinished: what was written stays, unterminated.
            self.flush()
        });
        ListPipe {
            full: Some(full),
            empty,
            batch: Vec::new(),
            used: 0,
            writer: Some(writer),
        }
    }
}

impl<T: Default + Send + 'static> ListPipe<T> {
    /// Hands one item over: `fill` writes it into a slot whose buffers are reused. Fails
    /// when the writer has stopped: [`ListPipe::abort`] then says why.
    pub fn push(&mut self, fill: impl FnOnce(&mut T)) -> io::Result<()> {
        if self.used == self.batch.len() {
            self.batch.push(T::default());
        }
        fill(&mut self.batch[self.used]);
        self.used += 1;
        if self.used == PIPE_BATCH {
            self.send()?;
        }
        Ok(())
    }
}

impl<T: Send + 'static> ListPipe<T> {
    /// Sends the batch being filled to the writer.
    fn send(&mut self) -> io::Result<()> {
        let next = self
            .empty
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(PIPE_BATCH));
        let batch = std::mem::replace(&mut self.batch, next);
        let used = std::mem::take(&mut self.used);
        match self.full.as_ref().map(|f| f.send(Some((batch, used)))) {
            Some(Ok(())) => Ok(()),
            _ => Err(io::Error::other("the list's writer stopped")),
        }
    }

    /// Writes what is left, ends the list (`]`), and waits for the writer: its error, if it
    /// failed (a closed stdout is `BrokenPipe`).
    pub fn finish(mut self) -> io::Result<()> {
        if self.used == 0 || self.send().is_ok() {
            if let Some(f) = &self.full {
                let _ = f.send(None);
            }
        }
        self.join()
    }

    /// The listing failed partway: writes what was handed over, unterminated, and waits for
    /// the writer. Its own error, if it failed first (which stopped the listing).
    pub fn abort(mut self) -> io::Result<()> {
        if self.used > 0 {
            let _ = self.send();
        }
        self.join()
    }

    fn join(&mut self) -> io::Result<()> {
        self.full = None;
        match self.writer.take().map(std::thread::JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
        }
    }
}

impl<T: Send + 'static> Drop for ListPipe<T> {
    /// Never finished nor aborted (a panic): as [`ListPipe::abort`], the error dropped.
    fn drop(&mut self) {
        if self.writer.is_some() {
            if self.used > 0 {
                let _ = self.send();
            }
            let _ = self.join();
        }
    }
}

/// Writes to stdout. A closed pipe surfaces as an `io::Error` of kind `BrokenPipe`, which
/// [`is_broken_pipe`] recognises so that the run ends with exit 0.
pub fn write_stdout(s: &str) -> anyhow::Result<()> {
    write_stdout_bytes(s.as_bytes())
}

/// [`write_stdout`] for bytes (`--jq` prints raw strings as they are).
fn write_stdout_bytes(s: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(s)?;
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

/// How a table column gives way when the table is wider than the terminal. Columns that may
/// give way do so from the rightmost (the least important, by convention) leftwards, each
/// down to about [`MIN_CUT`] columns, before the next one is touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Always shown whole on one line: ids, URLs, event names, secrets, short words. A table
    /// whose `Whole` columns cannot fit is printed as `key: value` blocks instead.
    Whole,
    /// Shortened at a space, ending in ` …`: a word is never cut, so prose keeps whole words
    /// and a list of event names whole names (`card.*, …`).
    Words,
    /// Shortened at any character, ending in `…` (timestamps).
    Chars,
    /// Shown whole, or left out altogether when the table does not fit even with every other
    /// column narrowed: for a column whose content is also elsewhere or of least interest
    /// (an event's group, a creation time). Such columns are left out rightmost first.
    Drop,
    /// Wrapped at spaces onto more lines, a word never cut: for a column every word of which
    /// must be read (the value of a field/value table, an error). Never narrower than its
    /// longest word.
    Wrap,
    /// Names its row, as the field of a field/value table does: shown whole, and in the
    /// `key: value` form it is the key, the row's other cells its value (one block in all).
    Key,
}

/// Spaces between two columns.
const GAP: usize = 2;
/// The narrowest a column is made when it gives way (unless its content is narrower).
pub const MIN_CUT: usize = 10;

fn width_of(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Lays `rows` out under `headers` in at most `width` columns, computing each column's width
/// once: every column at its natural width when that fits; else the [`Fit::Words`],
/// [`Fit::Chars`] and then [`Fit::Wrap`] columns narrowed (see [`Fit`]), leaving out
/// [`Fit::Drop`] columns one by one if that is not enough; else, when the [`Fit::Whole`]
/// columns alone are too wide, one `key: value` block per row, values wrapped at spaces.
/// `bold` makes the headers bold; it never changes a width.
pub fn layout(
    headers: &[&str],
    fits: &[Fit],
    rows: &[Vec<String>],
    width: usize,
    bold: bool,
) -> String {
    let n = headers.len();
    if n == 0 {
        return String::new();
    }
    let fit = |i: usize| fits.get(i).copied().unwrap_or(Fit::Whole);
    let header_w: Vec<usize> = headers.iter().map(|h| width_of(h)).collect();
    let mut natural = header_w.clone();
    let mut longest_word = vec![0; n];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            for line in cell.lines() {
                natural[i] = natural[i].max(width_of(line));
                if fit(i) == Fit::Wrap {
                    for word in line.split_whitespace() {
                        longest_word[i] = longest_word[i].max(width_of(word));
                    }
                }
            }
        }
    }
    let droppable: Vec<usize> = (0..n).rev().filter(|i| fit(*i) == Fit::Drop).collect();
    for dropped in 0..=droppable.len() {
        let shown: Vec<usize> = (0..n)
            .filter(|i| !droppable[..dropped].contains(i))
            .collect();
        let pick = |v: &[usize]| shown.iter().map(|i| v[*i]).collect::<Vec<_>>();
        let widths = column_widths(
            &pick(&natural),
            &pick(&header_w),
            &pick(&longest_word),
            |k| fit(shown[k]),
            width,
        );
        if let Some(widths) = widths {
            return table_text(headers, &shown, &widths, fit, rows, bold);
        }
    }
    if fit(0) == Fit::Key {
        record(rows, width)
    } else {
        blocks(headers, rows, width)
    }
}

/// The width of each column once the table fits in `width`, or `None` when it cannot.
fn column_widths(
    natural: &[usize],
    header_w: &[usize],
    longest_word: &[usize],
    fit: impl Fn(usize) -> Fit,
    width: usize,
) -> Option<Vec<usize>> {
    let n = natural.len();
    let mut widths = natural.to_vec();
    let total = natural.iter().sum::<usize>() + GAP * (n - 1);
    let mut excess = total.saturating_sub(width);
    let floor: Vec<usize> = (0..n)
        .map(|i| natural[i].min(header_w[i].max(MIN_CUT)))
        .collect();
    let cut: Vec<bool> = (0..n)
        .map(|i| matches!(fit(i), Fit::Words | Fit::Chars))
        .collect();
    let wrapped: Vec<bool> = (0..n).map(|i| fit(i) == Fit::Wrap).collect();
    let whole_words: Vec<usize> = (0..n)
        .map(|i| natural[i].min(floor[i].max(longest_word[i])))
        .collect();
    // Cut columns first, then wrapped ones down to their longest word.
    shrink(&mut widths, &floor, &cut, &mut excess);
    shrink(&mut widths, &whole_words, &wrapped, &mut excess);
    (excess == 0).then_some(widths)
}

/// Narrows the columns marked in `which` by up to `excess` in all, never below `min`, the
/// widest first: they end at one common width (or their minimum), none cut more than needed.
fn shrink(widths: &mut [usize], min: &[usize], which: &[bool], excess: &mut usize) {
    let orig = widths.to_vec();
    let cols: Vec<usize> = (0..orig.len())
        .filter(|i| which[*i] && orig[*i] > min[*i])
        .collect();
    if *excess == 0 || cols.is_empty() {
        return;
    }
    let at = |i: usize, level: usize| orig[i].min(level.max(min[i]));
    let saved = |level: usize| -> usize { cols.iter().map(|i| orig[*i] - at(*i, level)).sum() };
    // The highest level that saves enough (or 0, saving all there is).
    let mut level = 0;
    if saved(0) >= *excess {
        let mut hi = cols.iter().map(|i| orig[*i]).max().unwrap_or(0);
        while level < hi {
            let mid = (level + hi).div_ceil(2);
            if saved(mid) >= *excess {
                level = mid;
            } else {
                hi = mid - 1;
            }
        }
    }
    let mut over = saved(level).saturating_sub(*excess);
    *excess -= saved(level).min(*excess);
    for &i in &cols {
        let w = at(i, level);
        // Give back what the level took beyond the excess, one column at a time.
        let back = usize::from(over > 0 && w == level && orig[i] > level);
        over -= back;
        widths[i] = w + back;
    }
}

/// The table of the columns `shown` (indices into `headers` and each row), each in its width.
fn table_text(
    headers: &[&str],
    shown: &[usize],
    widths: &[usize],
    fit: impl Fn(usize) -> Fit,
    rows: &[Vec<String>],
    bold: bool,
) -> String {
    let n = shown.len();
    let total = widths.iter().sum::<usize>() + GAP * (n - 1);
    let mut out = String::with_capacity((rows.len() + 2) * (total + 1));
    for (i, h) in shown.iter().map(|c| headers[*c]).enumerate() {
        if bold {
            out.push_str("\x1b[1m");
            out.push_str(h);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(h);
        }
        if i + 1 < n {
            pad(&mut out, widths[i].saturating_sub(width_of(h)) + GAP);
        }
    }
    end_line(&mut out);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    let mut cells: Vec<Vec<Cow<str>>> = Vec::with_capacity(n);
    for row in rows {
        cells.clear();
        for (c, w) in shown.iter().zip(widths) {
            let cell = row.get(*c).map_or("", String::as_str);
            cells.push(fit_cell(cell, fit(*c), *w));
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            for (i, lines) in cells.iter().enumerate() {
                let text = lines.get(k).map_or("", |l| l.as_ref());
                out.push_str(text);
                if i + 1 < n {
                    pad(&mut out, widths[i].saturating_sub(width_of(text)) + GAP);
                }
            }
            end_line(&mut out);
        }
    }
    out
}

/// Each line of a cell made to fit `w` columns as its column's [`Fit`] says.
fn fit_cell(cell: &str, fit: Fit, w: usize) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    for line in cell.lines() {
        match fit {
            Fit::Whole | Fit::Drop | Fit::Key => out.push(Cow::Borrowed(line)),
            Fit::Words => out.push(cut_at_word(line, w)),
            Fit::Chars => out.push(cut_anywhere(line, w)),
            Fit::Wrap => out.extend(wrap(line, w)),
        }
    }
    out
}

fn pad(out: &mut String, spaces: usize) {
    out.extend(std::iter::repeat_n(' ', spaces));
}

/// Ends a line without trailing spaces.
fn end_line(out: &mut String) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
    out.push('\n');
}

/// `line` in at most `w` columns: whole, or its first words followed by ` …` (just `…` when
/// not even the first word fits). A word is never cut.
fn cut_at_word(line: &str, w: usize) -> Cow<'_, str> {
    if width_of(line) <= w {
        return Cow::Borrowed(line);
    }
    let mut keep = "";
    for (at, _) in line.match_indices(' ') {
        let head = line[..at].trim_end();
        if head.is_empty() {
            continue;
        }
        if width_of(head) + 2 > w {
            break;
        }
        keep = head;
    }
    if keep.is_empty() {
        Cow::Borrowed("…")
    } else {
        Cow::Owned(format!("{keep} …"))
    }
}

/// `line` in at most `w` columns: whole, or cut and ended with `…`.
fn cut_anywhere(line: &str, w: usize) -> Cow<'_, str> {
    if width_of(line) <= w {
        return Cow::Borrowed(line);
    }
    let mut used = 0;
    let mut out = String::new();
    for c in line.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    Cow::Owned(out)
}

/// `line` wrapped at spaces into lines of at most `w` columns, each continuation indented as
/// the line is; a word longer than `w` gets a line of its own.
fn wrap(line: &str, w: usize) -> Vec<Cow<'_, str>> {
    if width_of(line) <= w {
        return vec![Cow::Borrowed(line)];
    }
    let rest = line.trim_start();
    let indent = &line[..line.len() - rest.len()];
    let indent = if width_of(indent) * 2 > w { "" } else { indent };
    let mut out = Vec::new();
    let mut cur = String::from(indent);
    let mut cur_w = width_of(indent);
    let mut has_word = false;
    for word in rest.split_whitespace() {
        let ww = width_of(word);
        if has_word && cur_w + 1 + ww > w {
            out.push(Cow::Owned(std::mem::replace(&mut cur, indent.to_string())));
            cur_w = width_of(indent);
            has_word = false;
        }
        if has_word {
            cur.push(' ');
            cur_w += 1;
        }
        cur.push_str(word);
        cur_w += ww;
        has_word = true;
    }
    if has_word {
        out.push(Cow::Owned(cur));
    }
    out
}

/// The rows of a field/value table as `field: value` lines, the other cells of a row after
/// its value, values aligned and wrapped at spaces.
fn record(rows: &[Vec<String>], width: usize) -> String {
    let keyed: Vec<(&str, String)> = rows
        .iter()
        .filter_map(|r| {
            let (key, rest) = r.split_first()?;
            let rest: Vec<&str> = rest
                .iter()
                .map(String::as_str)
                .filter(|c| !c.trim().is_empty())
                .collect();
            Some((key.as_str(), rest.join("  ")))
        })
        .collect();
    let indent = keyed.iter().map(|(k, _)| width_of(k)).max().unwrap_or(0) + 1 + GAP;
    let mut out = String::new();
    for (key, value) in &keyed {
        key_value(&mut out, key, value, indent, width);
    }
    out
}

/// One `key: value` entry: the value aligned at `indent` and wrapped at spaces; a word too
/// long for that gets a line of its own, indented by [`GAP`] only, rather than being cut.
fn key_value(out: &mut String, key: &str, value: &str, indent: usize, width: usize) {
    let avail = width.saturating_sub(indent).max(MIN_CUT);
    out.push_str(key);
    out.push(':');
    let mut at_key = true;
    for line in value.lines() {
        for part in wrap(line, avail) {
            let at = if width_of(&part) <= avail {
                indent
            } else {
                GAP
            };
            if at_key && at == indent {
                pad(out, indent - width_of(key) - 1);
            } else {
                if at_key {
                    end_line(out);
                }
                pad(out, at);
            }
            at_key = false;
            out.push_str(&part);
            end_line(out);
        }
    }
    if at_key {
        end_line(out);
    }
}

/// One `key: value` block per row (keys: the headers in lower case, values aligned and
/// wrapped at spaces), a blank line between blocks; empty values are left out.
fn blocks(headers: &[&str], rows: &[Vec<String>], width: usize) -> String {
    let keys: Vec<String> = headers.iter().map(|h| h.to_lowercase()).collect();
    let indent = keys.iter().map(|k| width_of(k)).max().unwrap_or(0) + 1 + GAP;
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push('\n');
        }
        for (key, cell) in keys.iter().zip(row) {
            if !cell.trim().is_empty() {
                key_value(&mut out, key, cell, indent, width);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn max_width(text: &str) -> usize {
        text.lines().map(width_of).max().unwrap_or(0)
    }

    #[test]
    fn a_table_that_fits_is_left_as_it_is() {
        let t = layout(
            &["ID", "NAME"],
            &[],
            &rows(&[&["a1", "x"], &["b22", "yy"]]),
            80,
            false,
        );
        assert_eq!(t, "ID   NAME\n─────────\na1   x\nb22  yy\n");
    }

    #[test]
    fn the_widest_cut_columns_give_way_and_whole_ones_never() {
        let id = "522e9ec7-0000-4d92-8270-000000000001";
        let r = rows(&[&[
            id,
            "card.created, card.status.active, kyc.verification.success",
            "A description that goes on and on",
        ]]);
        let fits = [Fit::Whole, Fit::Words, Fit::Chars];
        let t = layout(&["ID", "EVENTS", "DESCRIPTION"], &fits, &r, 80, false);
        assert_eq!(
            t.lines().nth(2).unwrap(),
            // Both cut columns narrowed to one width; event names are never cut.
            format!("{id}  card.created, …       A description that…")
        );
        let t = layout(&["ID", "EVENTS", "DESCRIPTION"], &fits, &r, 110, false);
        assert_eq!(
            t.lines().nth(2).unwrap(),
            format!(
                "{id}  card.created, card.status.active, …    A description that goes on and on"
            )
        );
        assert!(max_width(&t) <= 110, "{t}");
    }

    #[test]
    fn drop_columns_go_before_blocks_and_blocks_when_whole_columns_do_not_fit() {
        let r = rows(&[&["sub-1", "https://example.com/a", "2026-11-24T10:00:00"]]);
        let fits = [Fit::Whole, Fit::Whole, Fit::Drop];
        let t = layout(&["ID", "URL", "CREATED"], &fits, &r, 30, false);
        assert_eq!(
            t,
            "ID     URL\n────────────────────────────\nsub-1  https://example.com/a\n"
        );
        let t = layout(&["ID", "URL", "CREATED"], &fits, &r, 27, false);
        assert_eq!(
            t,
            "id:       sub-1\nurl:\n  https://example.com/a\ncreated:\n  2026-11-24T10:00:00\n"
        );
        // A blank line between blocks; empty values left out.
        let two = rows(&[
            &["sub-1", "https://e.com", "disabled"],
            &["sub-2", "https://f.com", ""],
        ]);
        let t = layout(&["ID", "URL", "STATUS"], &[], &two, 25, false);
        assert_eq!(
            t,
            "id:      sub-1\nurl:     https://e.com\nstatus:  disabled\n\nid:      sub-2\nurl:     https://f.com\n"
        );
    }

    #[test]
    fn wrapped_columns_break_at_spaces_only() {
        let r = rows(&[&["description", "one two three four five six seven"]]);
        let t = layout(&["FIELD", "VALUE"], &[Fit::Whole, Fit::Wrap], &r, 31, false);
        assert_eq!(
            t,
            "FIELD        VALUE\n───────────────────────────────\n\
             description  one two three four\n             five six seven\n"
        );
    }

    #[test]
    fn a_field_value_table_that_cannot_fit_becomes_field_value_lines() {
        let url = "https://example.com/a/long/path";
        let r = rows(&[&["id", "sub-1"], &["url", url], &["note", "two words"]]);
        let fits = [Fit::Key, Fit::Wrap];
        let t = layout(&["FIELD", "VALUE"], &fits, &r, 38, false);
        assert!(t.starts_with("FIELD  VALUE\n"), "{t}");
        // A value too long for its place gets a line of its own.
        let t = layout(&["FIELD", "VALUE"], &fits, &r, 37, false);
        assert_eq!(
            t,
            format!("id:    sub-1\nurl:\n  {url}\nnote:  two words\n")
        );
        let r = rows(&[&["id", "sub-1", "file"], &["url", url, ""]]);
        let t = layout(
            &["FIELD", "VALUE", "SOURCE"],
            &[Fit::Key, Fit::Wrap, Fit::Wrap],
            &r,
            40,
            false,
        );
        assert_eq!(t, format!("id:   sub-1  file\nurl:  {url}\n"));
    }

    #[test]
    fn bold_headers_take_no_width() {
        let r = rows(&[&["a", "b"]]);
        let plain = layout(&["X", "Y"], &[], &r, 80, false);
        let bold = layout(&["X", "Y"], &[], &r, 80, true);
        assert_eq!(bold.replace("\x1b[1m", "").replace("\x1b[0m", ""), plain);
        assert_ne!(bold, plain);
    }

    #[test]
    fn cuts() {
        assert_eq!(cut_at_word("card.*, kyc.x, abc", 12), "card.*, …");
        assert_eq!(cut_at_word("averyveryverylongword and", 10), "…");
        assert_eq!(cut_at_word("short", 10), "short");
        assert_eq!(cut_anywhere("2026-11-24T10:00:00", 11), "2026-11-24…");
        assert_eq!(wrap("  \"a\": \"b c\"", 8), vec!["  \"a\":", "  \"b c\""]);
        assert_eq!(wrap("one two", 3), vec!["one", "two"]);
    }

    /// Ids, URLs and the like: never a space, upper case so that no prose word looks alike.
    fn token() -> impl Strategy<Value = String> {
        "[A-Z0-9_.:/-]{1,40}"
    }

    /// Prose of words drawn from `letters` (each column its own, to tell them apart).
    fn prose(letters: &'static str) -> impl Strategy<Value = String> {
        let word = proptest::string::string_regex(&format!("[{letters}]{{1,12}}")).unwrap();
        prop::collection::vec(word, 0..12).prop_map(|w| w.join(" "))
    }

    proptest! {
        /// Whatever the cells and the width: no line wider than the width (unless a token is
        /// wider than a block's value), every whole cell shown whole on one line, and a word
        /// of a `Words` or `Wrap` column never cut.
        #[test]
        fn every_line_fits_and_tokens_stay_whole(
            table in prop::collection::vec(
                (token(), prose("a-e"), prose("f-j"), prose("p-t"), token()),
                0..8,
            ),
            width in 20usize..200,
        ) {
            let headers = ["ID", "EVENTS", "NOTE", "VALUE", "AT"];
            let fits = [Fit::Whole, Fit::Words, Fit::Chars, Fit::Wrap, Fit::Drop];
            let rows: Vec<Vec<String>> = table
                .iter()
                .map(|(a, b, c, d, e)| vec![a.clone(), b.clone(), c.clone(), d.clone(), e.clone()])
                .collect();
            let t = layout(&headers, &fits, &rows, width, false);
            let longest_token = rows
                .iter()
                .flat_map(|r| [&r[0], &r[4]])
                .map(|c| width_of(c))
                .max()
                .unwrap_or(0);
            if longest_token + GAP <= width {
                prop_assert!(max_width(&t) <= width, "{t}");
            }
            for r in &rows {
                prop_assert!(t.lines().any(|l| l.split(' ').any(|w| w == r[0])), "{} in {t}", r[0]);
            }
            let whole: Vec<&str> = rows
                .iter()
                .flat_map(|r| r[1].split(' ').chain(r[3].split(' ')))
                .collect();
            for word in t.lines().flat_map(|l| l.split(' ')) {
                let w = word.trim_end_matches('…');
                let never_cut = |c: char| ('a'..='e').contains(&c) || ('p'..='t').contains(&c);
                if !w.is_empty() && w.chars().all(never_cut) {
                    prop_assert!(word == w && whole.contains(&w), "'{word}' is cut: {t}");
                }
            }
        }
    }
}
