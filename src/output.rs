//! Rendering, kept apart from execution: every command returns a [`Report`], printed as a table
//! or as one JSON document.

use crate::opts::OutputFormat;
use comfy_table::{presets::NOTHING, ContentArrangement, Table};
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

/// Terminal styling: colours on or off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether ANSI colours are used.
    pub color: bool,
}

impl Style {
    /// Colours when stdout is a terminal, `--no-color` is absent and NO_COLOR is unset or empty.
    pub fn detect(no_color: bool) -> Style {
        let env_off = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && !env_off && std::io::stdout().is_terminal(),
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

    /// A table with this style's conventions.
    pub fn table(&self, header: &[&str]) -> Table {
        let mut t = Table::new();
        t.load_style(NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header.iter().map(|h| self.bold(h)).collect::<Vec<_>>());
        t
    }
}

/// Whether `auto` means JSON (stdout is not a terminal).
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

    #[test]
    fn durations_read_well() {
        assert_eq!(short_duration(12), "12s");
        assert_eq!(short_duration(250), "4m10s");
        assert_eq!(short_duration(7500), "2h5m");
        assert_eq!(short_duration(3 * 86_400 + 4 * 3600), "3d4h");
    }
}
