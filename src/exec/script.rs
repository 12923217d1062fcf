//! The script runner behind `run FILE`: parses every line with the console's grammar, then runs
//! each through [`super::run_audited`]. It lives beside `exec` because it runs lines; the
//! command's arguments and report are in [`crate::commands::run`].

use crate::cli::{Command, Line};
use crate::commands::run::{
    first_line, severity, status_of, substitute, Failure, RunArgs, RunReport, Step, StopOn,
};
use crate::error::{Error, Result, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE};
use crate::opts::OutputFormat;
use crate::output::Report;
use crate::session::{Ctx, Session, Via};
use clap::Parser;
use std::collections::BTreeMap;

/// Runs a script: every line is parsed (variables substituted) before the first one runs; any
/// wrong line means nothing runs (exit 2).
pub async fn run_script(args: RunArgs, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
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
        stream: args.stream && ctx.format == OutputFormat::Json,
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
    let json = ctx.format == OutputFormat::Json;
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
        let (code, result) = Box::pin(super::run_audited(
            &session,
            &step_ctx,
            &line,
            parsed.command,
        ))
        .await;
        let mut step = Step {
            line: line_no,
            command: line.clone(),
            status: status_of(code).into(),
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
                super::report_error(&e);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
