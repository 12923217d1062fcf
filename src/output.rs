//! Rendering, kept apart from execution: every command returns a [`Report`], printed as a table
//! or as one JSON document.

use crate::opts::OutputFormat;
use comfy_table::{presets::NOTHING, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;
use std::io::IsTerminal;

/// The stable JSON form of a report: its `Serialize` form, nothing written by hand, so the types
/// in `commands::*` are the schema (`butterfly-cli schema COMMAND` prints it).
pub trait ToJson {
    /// The report as one JSON document.
    fn to_json(&self) -> serde_json::Value;
}

impl<T: Serialize> ToJson for T {
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
}

/// What every command returns: a serializable value with a human rendering.
pub trait Report: ToJson {
    /// The human form.
    fn render(&self, style: &Style) -> String;
    /// True for output that is a file format of its own (completion scripts): always printed as
    /// text, whatever `-o` says.
    fn raw(&self) -> bool {
        false
    }
    /// True when the command wrote its product to stdout itself (`-w -`): the report then goes
    /// to stderr.
    fn to_stderr(&self) -> bool {
        false
    }
    /// Exit code the result maps to: 0, or 3 when some nodes did not answer.
    fn exit_code(&self) -> i32 {
        crate::error::EXIT_OK
    }
}

/// Exit code of a multi-node result: 0, or 3 (partial) when anything in `errors` did not answer.
pub fn partial_if<T>(errors: &[T]) -> i32 {
    if errors.is_empty() {
        crate::error::EXIT_OK
    } else {
        crate::error::EXIT_PARTIAL
    }
}

/// Serializes any report body; serialization of our own types cannot fail, but a failure is
/// reported in the document rather than panicking.
pub fn json_of<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| serde_json::json!({ "error": format!("serialization failed: {e}") }))
}

/// A report that is just a message (e.g. "wrote ca.pem").
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Message {
    /// The message.
    pub message: String,
}

impl Message {
    /// A message report.
    pub fn new(message: impl Into<String>) -> Box<Message> {
        Box::new(Message {
            message: message.into(),
        })
    }
}

impl Report for Message {
    fn render(&self, _: &Style) -> String {
        self.message.clone()
    }
}

/// Width every table fits in unless `-o wide`: 80 columns.
pub const TABLE_WIDTH: u16 = 80;

/// Terminal styling: colours on or off, tables fitted or wide.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether ANSI colours are used.
    pub color: bool,
    /// `-o wide`: tables at their full width; otherwise they fit [`TABLE_WIDTH`] columns,
    /// the widest cells cut with `…`.
    pub wide: bool,
}

impl Style {
    /// Colours when stdout is a terminal, `--no-color` is absent and NO_COLOR is unset or empty.
    pub fn detect(no_color: bool) -> Style {
        let env_off = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && !env_off && std::io::stdout().is_terminal(),
            wide: false,
        }
    }

    /// No colours, tables fitted to 80 columns (tests, snapshots).
    pub fn plain() -> Style {
        Style {
            color: false,
            wide: false,
        }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    /// Green.
    pub fn good(&self, s: &str) -> String {
        self.paint("32", s)
    }
    /// Yellow.
    pub fn warn(&self, s: &str) -> String {
        self.paint("33", s)
    }
    /// Red.
    pub fn bad(&self, s: &str) -> String {
        self.paint("31", s)
    }
    /// Dim.
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    /// Colours a health word by its meaning.
    pub fn health(&self, s: &str) -> String {
        match s {
            "healthy" | "ok" | "serving" => self.good(s),
            "degraded" => self.warn(s),
            _ => self.bad(s),
        }
    }

    /// A table with this style's conventions: no borders, a bold header, and (unless `wide`)
    /// fitted to [`TABLE_WIDTH`] columns when printed.
    pub fn table(&self, header: &[&str]) -> FitTable {
        let mut t = Table::new();
        t.load_style(NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header.iter().map(|h| self.bold(h)).collect::<Vec<_>>());
        FitTable {
            table: t,
            width: (!self.wide).then_some(TABLE_WIDTH),
        }
    }
}

/// The one table style: a borderless [`Table`] that prints within `width` columns, one line per
/// row, the widest columns' cells cut with `…` (`-o wide` prints it whole).
#[derive(Debug, Clone)]
pub struct FitTable {
    table: Table,
    width: Option<u16>,
}

impl std::ops::Deref for FitTable {
    type Target = Table;
    fn deref(&self) -> &Table {
        &self.table
    }
}

impl std::ops::DerefMut for FitTable {
    fn deref_mut(&mut self) -> &mut Table {
        &mut self.table
    }
}

impl std::fmt::Display for FitTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(width) = self.width else {
            return write!(f, "{}", self.table);
        };
        match fitted(&self.table, usize::from(width)) {
            Some(t) => write!(f, "{t}"),
            None => write!(f, "{}", self.table),
        }
    }
}

/// Free-text columns are never narrowed below this many characters (or their header's width).
const MIN_TEXT_COLUMN: usize = 20;
/// Hash columns are never cut below this many hex digits (or their header's width).
const MIN_HASH_COLUMN: usize = 8;

/// What a column holds, which decides how it may be narrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColumnKind {
    /// Prose (a note, a reason: more than three words or 40 characters): wrapped onto more lines.
    Text,
    /// Hex digits only (hashes, ids of 8+ digits): cut with `…`, as `git` shortens hashes.
    Hash,
    /// One token (a node id, a number, a time): never cut; an id cut short is a lie.
    Token,
}

fn column_kind(cells: &[String]) -> ColumnKind {
    let plain: Vec<String> = cells.iter().map(|c| strip_ansi(c)).collect();
    let hex = |c: &String| c.is_empty() || c == "-" || c.chars().all(|ch| ch.is_ascii_hexdigit());
    // A few words (`compute-1 → compute-2`, `leader t3`) still name something: kept whole.
    let prose = |c: &String| c.split_whitespace().count() > 3 || c.chars().count() > 40;
    if plain.iter().any(|c| c.len() >= MIN_HASH_COLUMN) && plain.iter().all(hex) {
        ColumnKind::Hash
    } else if plain.iter().any(prose) {
        ColumnKind::Text
    } else {
        ColumnKind::Token
    }
}

/// `table` narrowed towards `width` columns, or `None` when it fits already. Free-text columns
/// wrap, hash columns are cut with `…`, and ids, numbers and times are never cut: a table of
/// those alone may stay wider than `width` (`-o wide` never narrows anything).
fn fitted(table: &Table, width: usize) -> Option<Table> {
    let cell_width =
        |c: &comfy_table::Cell| c.content().lines().map(console_width).max().unwrap_or(0);
    let header: Vec<usize> = table
        .header()
        .map(|h| h.cell_iter().map(cell_width).collect())
        .unwrap_or_default();
    let mut widths = header.clone();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); widths.len()];
    for row in table.row_iter() {
        for (i, c) in row.cell_iter().enumerate() {
            if i >= widths.len() {
                widths.resize(i + 1, 0);
                cells.resize(i + 1, Vec::new());
            }
            widths[i] = widths[i].max(cell_width(c));
            cells[i].push(c.content());
        }
    }
    // Each column takes its content plus one space of padding on each side.
    let total = |w: &[usize]| w.iter().map(|w| w + 2).sum::<usize>();
    if total(&widths) <= width {
        return None;
    }
    let full = widths.clone();
    let kinds: Vec<ColumnKind> = cells.iter().map(|c| column_kind(c)).collect();
    let floor = |i: usize| {
        let head = header.get(i).copied().unwrap_or(0);
        match kinds[i] {
            ColumnKind::Text => head.max(MIN_TEXT_COLUMN),
            ColumnKind::Hash => head.max(MIN_HASH_COLUMN),
            ColumnKind::Token => full[i],
        }
    };
    while total(&widths) > width {
        let widest = (0..widths.len())
            .filter(|&i| widths[i] > floor(i))
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    if widths == full {
        return None;
    }
    let mut t = table.clone();
    let constraints: Vec<ColumnConstraint> = widths
        .iter()
        .zip(&full)
        .map(|(&w, &f)| {
            if w < f {
                ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
            } else {
                ColumnConstraint::ContentWidth
            }
        })
        .collect();
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(total(&widths)).unwrap_or(u16::MAX))
        .set_truncation_indicator("…")
        .set_constraints(constraints);
    // Cut hashes keep one line a row; otherwise narrowed text wraps.
    let cut = (0..widths.len()).any(|i| widths[i] < full[i] && kinds[i] == ColumnKind::Hash);
    if cut {
        for row in t.row_iter_mut() {
            row.max_height(1);
        }
    }
    Some(t)
}

/// `s` without ANSI colour sequences.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Display width of a line, ANSI colour sequences not counted.
pub fn console_width(line: &str) -> usize {
    let mut n = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            n += 1;
        }
    }
    n
}

/// Whether `auto` means JSON (stdout is not a terminal); `wide` is a table.
pub fn resolve_format(format: Option<OutputFormat>) -> OutputFormat {
    match format.unwrap_or_default() {
        OutputFormat::Auto if std::io::stdout().is_terminal() => OutputFormat::Table,
        OutputFormat::Auto => OutputFormat::Json,
        other => other,
    }
}

/// Renders a report in `format` (already resolved; `Auto` counts as table).
pub fn render(report: &dyn Report, format: OutputFormat, style: &Style) -> String {
    match format {
        OutputFormat::Json if !report.raw() => serde_json::to_string_pretty(&report.to_json())
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")),
        _ => report.render(style),
    }
}

/// RFC 3339 UTC with milliseconds (`2026-12-04T15:22:27.123Z`) of a Unix time in
/// milliseconds; `None` for 0 (unknown) or before 1970.
pub fn rfc3339_ms(ms: i64) -> Option<String> {
    let ms = u64::try_from(ms).ok().filter(|ms| *ms > 0)?;
    Some(
        humantime::format_rfc3339_millis(
            std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms),
        )
        .to_string(),
    )
}

/// RFC 3339 UTC with nanoseconds of a Unix time in nanoseconds; `None` for 0 (unknown).
pub fn rfc3339_ns(ns: u64) -> Option<String> {
    (ns > 0).then(|| {
        humantime::format_rfc3339_nanos(std::time::UNIX_EPOCH + std::time::Duration::from_nanos(ns))
            .to_string()
    })
}

/// A table cell for a Unix time in milliseconds, UTC: `15:51:37.699Z` today,
/// `2026-12-03T15:51:37Z` before; `-` when unknown (JSON has the full RFC 3339 form).
pub fn time_cell(ms: i64) -> String {
    let Some(full) = rfc3339_ms(ms) else {
        return "-".into();
    };
    let today = rfc3339_ms(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    );
    match (full.get(..10), today.as_deref().and_then(|t| t.get(..10))) {
        (Some(day), Some(now)) if day == now => full.get(11..).unwrap_or(&full).to_string(),
        _ => format!("{}Z", full.get(..19).unwrap_or(&full)),
    }
}

/// Human form of a duration in whole seconds: `3d4h`, `2h5m`, `4m10s`, `12s`.
pub fn short_duration(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    if d > 0 {
        format!("{d}d{h}h")
    } else if h > 0 {
        format!("{h}h{m}m")
    } else if m > 0 {
        format!("{m}m{s}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Deref;

    #[test]
    fn tables_fit_80_columns_by_wrapping_text_and_cutting_hashes_never_ids() {
        let style = Style::plain();
        let long = "word ".repeat(30);
        let mut t = style.table(&["NODE", "STATE", "NOTE"]);
        t.add_row(vec!["compute-1", "healthy", long.trim()]);
        t.add_row(vec!["coordinator-2", "degraded", "short"]);
        let text = t.to_string();
        assert!(text.lines().all(|l| console_width(l) <= 80), "{text}");
        assert!(text.lines().count() > 3, "the note wraps: {text}");
        assert!(!text.contains('…'), "nothing is cut: {text}");
        assert_eq!(text.matches("word").count(), 30, "{text}");
        assert!(text.contains("coordinator-2") && text.contains("degraded"));
        // Hashes are cut, one line a row; the ids beside them are whole.
        let hash = "ab".repeat(32);
        let mut h = style.table(&["NODE", "EXPECTED", "RECEIVED"]);
        h.add_row(vec!["coordinator-12345", hash.as_str(), hash.as_str()]);
        let text = h.to_string();
        assert!(text.lines().all(|l| console_width(l) <= 80), "{text}");
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(
            text.contains("coordinator-12345") && text.contains('…'),
            "{text}"
        );
        // Ids alone are never cut, even past 80 columns.
        let ids: Vec<String> = (0..8).map(|i| format!("compute-node-{i}")).collect();
        let mut w = style.table(&["A", "B", "C", "D", "E", "F", "G", "H"]);
        w.add_row(ids.iter().map(String::as_str).collect::<Vec<_>>());
        let text = w.to_string();
        assert!(ids.iter().all(|id| text.contains(id.as_str())), "{text}");
        // -o wide: everything, on one line.
        let mut w = Style {
            wide: true,
            ..style
        }
        .table(&["NODE", "STATE", "NOTE"]);
        w.add_row(vec!["compute-1", "healthy", long.trim()]);
        assert!(w.to_string().contains(long.trim()));
        // A table that fits is untouched.
        let mut s = style.table(&["A", "B"]);
        s.add_row(vec!["1", "2"]);
        assert_eq!(s.to_string(), s.deref().to_string());
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(short_duration(12), "12s");
        assert_eq!(short_duration(250), "4m10s");
        assert_eq!(short_duration(7500), "2h5m");
        assert_eq!(short_duration(3 * 86_400 + 4 * 3600), "3d4h");
    }
}
