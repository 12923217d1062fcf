//! `run FILE [--set k=v] [--keep-going]`: a script of console commands, one a line.
//!
//! Blank lines and lines starting with `#` are skipped; `${name}` is replaced by the value given
//! with `--set name=value` (an unknown name is an error naming the line). The whole script is
//! parsed by the REPL's grammar, and the node ids it names checked against the membership,
//! before anything runs: one wrong line and nothing runs (exit 2).
//! Each step is then audited (with the script's SHA-256) and run; partial results (exit 3) go on,
//! failures stop the script unless `--keep-going` (`--stop-on partial` stops at partial too);
//! the exit code is the worst step's.

use crate::error::{
    EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_PERMISSION, EXIT_USAGE,
};
use crate::output::{Report, Style};
use clap::Args;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `run`
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Script file (`*.bfly`).
    pub file: PathBuf,
    /// Variables for `${name}`, as name=value (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_kv)]
    pub vars: Vec<(String, String)>,
    /// Run every line whatever the earlier ones returned.
    #[arg(long)]
    pub keep_going: bool,
    /// Stop at the first step that fails (`error`, the default: partial results go on) or that
    /// is not fully ok (`partial`).
    #[arg(long, value_enum, default_value_t = StopOn::Error)]
    pub stop_on: StopOn,
    /// With `-o json`: one JSON line per step as it ends, then the summary line (NDJSON).
    #[arg(long)]
    pub stream: bool,
    /// Only parse every line (variables included) and report problems; run nothing.
    #[arg(long)]
    pub check: bool,
}

fn parse_kv(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("'{s}' is not NAME=VALUE")),
    }
}

/// How bad an exit code is, for "the worst line wins".
pub fn severity(code: i32) -> u8 {
    match code {
        EXIT_OK => 0,
        EXIT_PARTIAL => 1,
        EXIT_ERROR => 2,
        EXIT_PERMISSION => 3,
        EXIT_USAGE => 4,
        EXIT_INTERRUPTED => 5,
        _ => 2,
    }
}

/// Replaces `${name}` with its value; names the unknown variable otherwise.
pub fn substitute(
    line: &str,
    vars: &BTreeMap<String, String>,
) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            return Err("unterminated ${".into());
        };
        let name = &after[..end];
        match vars.get(name) {
            Some(v) => out.push_str(v),
            None => {
                return Err(format!(
                    "unknown variable ${{{name}}} (pass --set {name}=...)"
                ))
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// One line that did not exit 0.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Failure {
    /// 1-based line number.
    pub line: usize,
    /// The command after substitution.
    pub command: String,
    /// Its exit code.
    pub exit_code: i32,
}

/// `run -o json`: `{"file","sha256","commands_run","steps":[{"line","command","status",
/// "exit_code","result","error"}],"failures":[...],"exit_code","stopped_early"}`; with
/// `--stream`, each step is a line of its own and the summary (without `steps`) the last line.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RunReport {
    /// Script file.
    pub file: PathBuf,
    /// SHA-256 (hex) of the script's bytes (also in every step's audit record).
    pub sha256: String,
    /// Commands run.
    pub commands_run: usize,
    /// Each step run, in order (empty with `--stream`: they were printed as they ended).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Lines that did not exit 0 (or did not parse: then nothing ran).
    pub failures: Vec<Failure>,
    /// The worst exit code.
    pub exit_code: i32,
    /// Whether lines were left unrun.
    pub stopped_early: bool,
    /// NDJSON mode: the summary prints as one line.
    #[serde(skip)]
    pub stream: bool,
}

impl Report for RunReport {
    fn exit_code(&self) -> i32 {
        self.exit_code
    }
    fn raw(&self) -> bool {
        self.stream
    }
    fn render(&self, style: &Style) -> String {
        if self.stream {
            return serde_json::to_string(self).unwrap_or_default();
        }
        if self.commands_run == 0 && !self.failures.is_empty() {
            return format!(
                "{}: {} wrong lines: nothing was run",
                self.file.display(),
                self.failures.len()
            );
        }
        if self.failures.is_empty() {
            return style.dim(&format!(
                "{}: {} commands ok",
                self.file.display(),
                self.commands_run
            ));
        }
        let mut out = format!(
            "{}: {} commands, {} not ok (worst exit {}){}",
            self.file.display(),
            self.commands_run,
            self.failures.len(),
            self.exit_code,
            if self.stopped_early {
                " (stopped; --keep-going runs on)"
            } else {
                ""
            }
        );
        for f in &self.failures {
            out.push_str(&format!(
                "\n  line {}: exit {} ({}): {}",
                f.line,
                f.exit_code,
                status_of(f.exit_code),
                f.command
            ));
        }
        out
    }
}

/// When a script stops (`--stop-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum StopOn {
    /// At the first step that fails (exit 1, 2, 4): partial results (exit 3) go on [default].
    #[default]
    Error,
    /// At the first step that is not fully ok (partial included).
    Partial,
}

/// Exit code → status word of a step: `ok`, `partial`, `error`, `usage`, `denied`,
/// `interrupted`.
pub fn status_of(code: i32) -> &'static str {
    match code {
        EXIT_OK => "ok",
        EXIT_PARTIAL => "partial",
        EXIT_USAGE => "usage",
        EXIT_PERMISSION => "denied",
        EXIT_INTERRUPTED => "interrupted",
        _ => "error",
    }
}

/// One step of a script as `run -o json` reports it.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Step {
    /// 1-based line number in the script.
    pub line: usize,
    /// The command after substitution.
    pub command: String,
    /// `ok`, `partial`, `error`, `usage`, `denied` or `interrupted`.
    pub status: String,
    /// Its exit code.
    pub exit_code: i32,
    /// The command's own JSON result; null when it failed.
    pub result: Option<serde_json::Value>,
    /// Why it failed; null when it did not.
    pub error: Option<String>,
}

/// The first meaningful line of a clap error.
pub fn first_line(s: &str) -> String {
    s.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables() {
        let vars: BTreeMap<_, _> = [("node".to_string(), "compute-7".to_string())].into();
        assert_eq!(
            substitute("node info ${node}", &vars).unwrap(),
            "node info compute-7"
        );
        assert!(substitute("node info ${nope}", &vars)
            .unwrap_err()
            .contains("--set nope="));
        assert!(substitute("node info ${node", &vars).is_err());
    }

    #[test]
    fn worst_code_wins() {
        assert!(severity(EXIT_ERROR) > severity(EXIT_PARTIAL));
        assert!(severity(EXIT_PERMISSION) > severity(EXIT_ERROR));
    }
}
