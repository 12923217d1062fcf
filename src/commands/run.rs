//! `run FILE [--set k=v] [--keep-going]`: a script of console commands, one a line.
//!
//! Blank lines and lines starting with `#` are skipped; `${name}` is replaced by the value given
//! with `--set name=value` (an unknown name is an error naming the line). Each line is parsed by
//! the same grammar as the REPL, audited, and run; the script stops at the first failing line
//! unless `--keep-going`, and exits with the worst line's exit code.

use crate::cli::Line;
use crate::error::{
    Error, Result, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_PERMISSION, EXIT_USAGE,
};
use crate::output::{json_of, Report, Style};
use crate::session::{Ctx, Session, Via};
use clap::{Args, Parser};
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
    /// Run every line even after a failure.
    #[arg(long)]
    pub keep_going: bool,
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
#[derive(Debug, Serialize)]
pub struct Failure {
    /// 1-based line number.
    pub line: usize,
    /// The command after substitution.
    pub command: String,
    /// Its exit code.
    pub exit_code: i32,
}

/// `run -o json`: `{"file","commands_run","failures":[...],"exit_code","stopped_early"}`.
#[derive(Debug, Serialize)]
pub struct RunReport {
    /// Script file.
    pub file: PathBuf,
    /// Commands run.
    pub commands_run: usize,
    /// Lines that did not exit 0.
    pub failures: Vec<Failure>,
    /// The worst exit code.
    pub exit_code: i32,
    /// Whether lines were left unrun after a failure.
    pub stopped_early: bool,
}

impl Report for RunReport {
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
    fn exit_code(&self) -> i32 {
        self.exit_code
    }
    fn render(&self, style: &Style) -> String {
        if self.failures.is_empty() {
            return style.dim(&format!(
                "{}: {} commands ok",
                self.file.display(),
                self.commands_run
            ));
        }
        let mut out = format!(
            "{}: {} commands, {} failed{}",
            self.file.display(),
            self.commands_run,
            self.failures.len(),
            if self.stopped_early {
                " (stopped at the first failure; --keep-going runs on)"
            } else {
                ""
            }
        );
        for f in &self.failures {
            out.push_str(&format!(
                "\n  line {}: exit {}: {}",
                f.line, f.exit_code, f.command
            ));
        }
        out
    }
}

/// Runs a script.
pub async fn exec(args: RunArgs, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let text = std::fs::read_to_string(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let vars: BTreeMap<String, String> = args.vars.into_iter().collect();
    let session = Session::new(ctx.opts.clone(), Via::Script);
    let mut report = RunReport {
        file: args.file.clone(),
        commands_run: 0,
        failures: Vec::new(),
        exit_code: EXIT_OK,
        stopped_early: false,
    };
    let lines: Vec<&str> = text.lines().collect();
    for (i, raw) in lines.iter().enumerate() {
        let line_no = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let code = match prepare(trimmed, &vars) {
            Ok(_) if args.check => EXIT_OK,
            Ok((line, parsed)) => {
                report.commands_run += 1;
                let code = Box::pin(crate::exec::run(
                    &session,
                    &line,
                    &parsed.global,
                    parsed.command,
                ))
                .await;
                if code != EXIT_OK {
                    report.failures.push(Failure {
                        line: line_no,
                        command: line,
                        exit_code: code,
                    });
                }
                code
            }
            Err(message) => {
                eprintln!("error: {}:{line_no}: {message}", args.file.display());
                report.failures.push(Failure {
                    line: line_no,
                    command: trimmed.to_string(),
                    exit_code: EXIT_USAGE,
                });
                EXIT_USAGE
            }
        };
        if severity(code) > severity(report.exit_code) {
            report.exit_code = code;
        }
        let more = lines[i + 1..]
            .iter()
            .any(|l| !l.trim().is_empty() && !l.trim().starts_with('#'));
        let keep_going = args.keep_going || args.check;
        if code != EXIT_OK && more && (!keep_going || code == EXIT_INTERRUPTED) {
            report.stopped_early = true;
            break;
        }
    }
    Ok(Box::new(report))
}

fn prepare(
    line: &str,
    vars: &BTreeMap<String, String>,
) -> std::result::Result<(String, Line), String> {
    // Split first, then substitute inside each word: a value can neither add words (flags)
    // nor, at the start of a word, turn an argument into a flag.
    let template = shell_words::split(line).map_err(|e| format!("{e}"))?;
    let mut words = Vec::with_capacity(template.len());
    for word in &template {
        let value = substitute(word, vars)?;
        if value.starts_with('-') && !word.starts_with('-') {
            return Err(format!(
                "'{word}' would become the flag '{value}'; a variable's value cannot start with '-' there"
            ));
        }
        words.push(value);
    }
    let line = shell_words::join(&words);
    let parsed = Line::try_parse_from(&words).map_err(|e| first_line(&e.to_string()))?;
    Ok((line, parsed))
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
    fn a_value_cannot_inject_words_or_flags() {
        let vars: BTreeMap<_, _> = [
            ("node".to_string(), "compute-1 --admin".to_string()),
            ("flag".to_string(), "--help".to_string()),
        ]
        .into();
        // One word with a space in it: an unknown node, not an extra flag.
        let (line, _) = prepare("node info ${node}", &vars).expect("parses as one word");
        assert_eq!(line, "node info 'compute-1 --admin'");
        assert!(prepare("node info ${flag}", &vars)
            .unwrap_err()
            .contains("would become the flag"));
    }

    #[test]
    fn worst_code_wins() {
        assert!(severity(EXIT_ERROR) > severity(EXIT_PARTIAL));
        assert!(severity(EXIT_PERMISSION) > severity(EXIT_ERROR));
    }
}
