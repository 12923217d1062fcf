//! `run FILE [--set k=v] [--keep-going]`: a script of console commands, one a line.
//!
//! Blank lines and lines starting with `#` are skipped; `${name}` is replaced by the value given
//! with `--set name=value` (an unknown name is an error naming the line). The whole script is
//! parsed by the REPL's grammar, and the node ids it names checked against the membership,
//! before anything runs: one wrong line and nothing runs (exit 2).
//! Each step is then audited (with the script's SHA-256) and run; partial results (exit 3) go on,
//! failures stop the script unless `--keep-going` (`--stop-on partial` stops at partial too);
//! the exit code is the worst step's.

use crate::cli::{Command, Line};
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
#[derive(Debug, Serialize)]
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
#[derive(Debug, Serialize)]
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
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
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
#[derive(Debug, Serialize)]
pub struct Step {
    /// 1-based line number in the script.
    pub line: usize,
    /// The command after substitution.
    pub command: String,
    /// `ok`, `partial`, `error`, `usage`, `denied` or `interrupted`.
    pub status: &'static str,
    /// Its exit code.
    pub exit_code: i32,
    /// The command's own JSON result; null when it failed.
    pub result: Option<serde_json::Value>,
    /// Why it failed; null when it did not.
    pub error: Option<String>,
}

/// Runs a script: every line is parsed (variables substituted) before the first one runs; any
/// wrong line means nothing runs (exit 2).
pub async fn exec(args: RunArgs, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let bytes = std::fs::read(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| Error::Usage(format!("{}: not UTF-8 text", args.file.display())))?;
    let sha256 = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let vars: BTreeMap<String, String> = args.vars.into_iter().collect();
    let mut report = RunReport {
        file: args.file.clone(),
        sha256: sha256.clone(),
        commands_run: 0,
        steps: Vec::new(),
        failures: Vec::new(),
        exit_code: EXIT_OK,
        stopped_early: false,
        stream: args.stream && ctx.format == crate::cli::OutputFormat::Json,
    };
    // 1. Check the whole script.
    let mut planned = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match prepare(trimmed, &vars) {
            Ok((line, parsed)) => planned.push((i + 1, line, parsed)),
            Err(message) => {
                eprintln!("error: {}:{}: {message}", args.file.display(), i + 1);
                report.failures.push(Failure {
                    line: i + 1,
                    command: trimmed.to_string(),
                    exit_code: EXIT_USAGE,
                });
            }
        }
    }
    if report.failures.is_empty() {
        for (line_no, line, message) in unknown_nodes(ctx, &planned).await {
            eprintln!("error: {}:{line_no}: {message}", args.file.display());
            report.failures.push(Failure {
                line: line_no,
                command: line,
                exit_code: EXIT_USAGE,
            });
        }
    }
    if !report.failures.is_empty() {
        report.exit_code = EXIT_USAGE;
        report.stopped_early = !planned.is_empty();
        return Ok(Box::new(report));
    }
    if args.check {
        return Ok(Box::new(report));
    }
    // 2. Run it.
    let mut session = Session::new(ctx.opts.clone(), Via::Script);
    session.script = Some(format!("{} sha256:{sha256}", args.file.display()));
    let total = planned.len();
    let json = ctx.format == crate::cli::OutputFormat::Json;
    for (k, (line_no, line, parsed)) in planned.into_iter().enumerate() {
        let step_ctx = session.context(&parsed.global);
        if !json {
            println!(
                "{}",
                ctx.style.dim(&format!(
                    "── step {}/{total} (line {line_no}): {line}",
                    k + 1
                ))
            );
        }
        report.commands_run += 1;
        let (code, result) = Box::pin(crate::exec::run_audited(
            &session,
            &step_ctx,
            &line,
            parsed.command,
        ))
        .await;
        let mut step = Step {
            line: line_no,
            command: line.clone(),
            status: status_of(code),
            exit_code: code,
            result: None,
            error: None,
        };
        match result {
            Ok(r) => {
                if json {
                    step.result = Some(r.to_json());
                } else {
                    let text = crate::output::render(r.as_ref(), step_ctx.format, &step_ctx.style);
                    if !text.is_empty() {
                        println!("{text}");
                    }
                }
            }
            Err(e) => {
                crate::exec::report_error(&e);
                step.error = Some(e.to_string());
            }
        }
        if code != EXIT_OK {
            report.failures.push(Failure {
                line: line_no,
                command: line,
                exit_code: code,
            });
        }
        if severity(code) > severity(report.exit_code) {
            report.exit_code = code;
        }
        if report.stream {
            println!("{}", serde_json::to_string(&step).unwrap_or_default());
        } else {
            report.steps.push(step);
        }
        let stop = code == EXIT_INTERRUPTED
            || (!args.keep_going
                && match args.stop_on {
                    StopOn::Error => code != EXIT_OK && code != EXIT_PARTIAL,
                    StopOn::Partial => code != EXIT_OK,
                });
        if stop && k + 1 < total {
            report.stopped_early = true;
            break;
        }
    }
    Ok(Box::new(report))
}

/// The node ids a parsed line names: not addresses, not `cluster`/`all`, not `@` references
/// (resolved when the line runs), not request ids.
pub fn named_nodes(cmd: &Command) -> Vec<String> {
    if matches!(cmd, Command::Request(_)) {
        return Vec::new();
    }
    cmd.targets()
        .iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|n| {
            !n.is_empty()
                && *n != "cluster"
                && *n != "all"
                && !n.starts_with('@')
                && n.rsplit_once(':')
                    .is_none_or(|(_, p)| p.parse::<u16>().is_err())
        })
        .map(str::to_string)
        .collect()
}

/// Checks every node id the script names against the cluster's membership (one discovery),
/// before anything runs: `(line, command, why)` for each unknown one. Lines that choose another
/// profile, config or seeds are left to run time; when no seed answers, the check is skipped
/// with a warning (each line then reports its own failure).
async fn unknown_nodes(
    ctx: &Ctx<'_>,
    planned: &[(usize, String, Line)],
) -> Vec<(usize, String, String)> {
    let named: Vec<(usize, &String, Vec<String>)> = planned
        .iter()
        .filter(|(_, _, p)| {
            p.global.profile.is_none() && p.global.config.is_none() && p.global.seeds.is_empty()
        })
        .map(|(n, line, p)| (*n, line, named_nodes(&p.command)))
        .filter(|(_, _, names)| !names.is_empty())
        .collect();
    if named.is_empty() {
        return Vec::new();
    }
    let members = match ctx.discover().await {
        Ok(d) => d.members,
        Err(e) => {
            eprintln!("warning: node names not checked before running: {e}");
            return Vec::new();
        }
    };
    let known: std::collections::BTreeSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
    let mut listed: Vec<&str> = known.iter().copied().take(MEMBERS_LISTED).collect();
    if known.len() > MEMBERS_LISTED {
        listed.push("…");
    }
    let mut out = Vec::new();
    for (line_no, line, names) in named {
        for name in names.iter().filter(|n| !known.contains(n.as_str())) {
            out.push((
                line_no,
                line.clone(),
                format!(
                    "unknown node '{name}': not a member the seeds know (members: {})",
                    listed.join(", ")
                ),
            ));
        }
    }
    out
}

/// Members named in an unknown-node message: 8.
const MEMBERS_LISTED: usize = 8;

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
