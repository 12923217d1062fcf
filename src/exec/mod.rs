//! Runs one parsed command: audit intent (fsynced) first, then the command (cancellable with
//! Ctrl-C), then the audit result, then rendering. Every front door goes through [`run`].

use crate::audit::{AuditLog, Intent, Outcome};
use crate::cli::Command;
use crate::commands;
use crate::error::{Error, Result, EXIT_OK, EXIT_PARTIAL};
use crate::opts::GlobalOpts;
use crate::output::{render, Report};
use crate::session::{Ctx, Session, Via};
use std::time::Instant;

pub mod console;
pub mod script;

/// Runs `cmd` (typed as `line`) in `session`, prints its result, and returns the exit code.
pub async fn run(session: &Session, line: &str, global: &GlobalOpts, cmd: Command) -> i32 {
    let ctx = session.context(global);
    let (code, result) = run_audited(session, &ctx, line, cmd).await;
    match result {
        Ok(report) => {
            let text = render(report.as_ref(), ctx.format, &ctx.style);
            if report.to_stderr() {
                if !text.is_empty() {
                    eprintln!("{text}");
                }
            } else if !text.is_empty() {
                // A closed pipe (`| head`) is the reader's choice, not an error; other write
                // failures are reported.
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        eprintln!("error: cannot write the output: {e}");
                    }
                }
            }
        }
        Err(e) => {
            report_error(&e);
        }
    }
    code
}

/// Runs `cmd` (typed as `line`) with its audit records around it (intent fsynced first) and
/// returns the exit code and the result, unprinted (scripts collect them).
pub async fn run_audited(
    session: &Session,
    ctx: &Ctx<'_>,
    line: &str,
    cmd: Command,
) -> (i32, Result<Box<dyn Report>>) {
    run_audited_until(session, ctx, line, cmd, std::future::pending()).await
}

/// [`run_audited`], also interrupted (outcome `interrupted`) when `interrupt` resolves: `top`'s
/// `:` line stops a command on Esc this way.
pub async fn run_audited_until(
    session: &Session,
    ctx: &Ctx<'_>,
    line: &str,
    cmd: Command,
    interrupt: impl std::future::Future<Output = ()>,
) -> (i32, Result<Box<dyn Report>>) {
    let audit = match AuditLog::default_location() {
        Ok(a) => a,
        Err(e) => return (e.exit_code(), Err(e)),
    };
    let (operator, role) = operator_of(ctx);
    let targets = cmd.targets();
    let profile = ctx
        .settings
        .as_ref()
        .map(|s| s.profile.clone())
        .unwrap_or_default();
    let intent = Intent {
        operator: &operator,
        role: role.as_deref(),
        session: &session.id,
        via: session.via.as_str(),
        profile: &profile,
        command: line,
        targets: &targets,
        script: session.script.as_deref(),
    };
    let seq = match audit.intent_anchored(&intent) {
        Ok((seq, anchor)) => {
            crate::client::take_touched();
            crate::client::set_console_record(Some(&anchor));
            seq
        }
        Err(e) => {
            // Refuse to act unaudited.
            let e = Error::Audit(format!(
                "{} (the command was not run)",
                e.to_string().trim_start_matches("audit: ")
            ));
            return (e.exit_code(), Err(e));
        }
    };
    let started = Instant::now();
    let result = tokio::select! {
        r = dispatch(cmd, ctx) => r,
        _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
        _ = interrupt => Err(Error::Interrupted),
    };
    crate::client::set_console_record(None);
    let duration_ms = started.elapsed().as_millis() as u64;
    let (code, outcome_word, error_text) = match &result {
        Ok(report) => match report.exit_code() {
            EXIT_OK => (EXIT_OK, "ok", None),
            EXIT_PARTIAL => (EXIT_PARTIAL, "partial", None),
            other => (other, "error", None),
        },
        Err(e) => (e.exit_code(), outcome_of(e), Some(e.to_string())),
    };
    let outcome = Outcome {
        outcome: outcome_word,
        exit_code: code,
        duration_ms,
        error: error_text.as_deref(),
    };
    let touched = crate::client::take_touched();
    match audit.result_anchored(seq, &session.id, &outcome) {
        // The result is anchored on (some of) the nodes the command reached, so removing it
        // (the file's last record) is noticed by `audit verify --against-nodes`.
        Ok((_, anchor)) if !touched.is_empty() && !anchor.is_empty() => {
            if let Ok(pool) = ctx.pool() {
                crate::client::anchor_on(&pool, &touched, &anchor, RESULT_ANCHOR_TIMEOUT).await;
            }
        }
        Ok(_) => {}
        Err(e) => eprintln!("warning: {e}"),
    }
    (code, result)
}

/// Longest the console waits to anchor a command's result on the nodes it reached: 2 s.
const RESULT_ANCHOR_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// The audit outcome word of an error: `denied`, `interrupted` or `error`.
pub fn outcome_of(e: &Error) -> &'static str {
    match e {
        Error::PermissionDenied { .. } => "denied",
        Error::Interrupted => "interrupted",
        _ => "error",
    }
}

/// Prints a one-line error to stderr and returns its exit code.
pub fn report_error(e: &Error) -> i32 {
    eprintln!(
        "error: {}",
        crate::error::redact_url_passwords(&e.to_string())
    );
    e.exit_code()
}

fn operator_of(ctx: &Ctx<'_>) -> (String, Option<String>) {
    let from_cert = ctx
        .settings
        .as_ref()
        .ok()
        .and_then(|s| s.cert.as_deref())
        .and_then(|p| crate::client::read_identity(p).ok());
    match from_cert {
        Some(id) => (id.name, id.role.map(|r| r.to_string())),
        None => {
            let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
            (format!("{user} (no certificate)"), None)
        }
    }
}

async fn dispatch(cmd: Command, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let nested = |what: &str| {
        Err(Error::Usage(format!(
            "`{what}` starts a new console; it cannot run inside one"
        )))
    };
    match cmd {
        // `demo restart` and `demo status` act on the running demo: allowed in a console too.
        Command::Demo(args)
            if ctx.session.via != Via::OneShot
                && matches!(
                    args.action,
                    Some(
                        commands::demo::DemoAction::Restart { .. }
                            | commands::demo::DemoAction::Status
                    )
                ) =>
        {
            commands::demo::exec(args, ctx).await
        }
        Command::Debug | Command::Demo(_) if ctx.session.via != Via::OneShot => {
            nested(if matches!(cmd, Command::Debug) {
                "debug"
            } else {
                "demo"
            })
        }
        Command::Run(_) if ctx.session.via == Via::Script => nested("run"),
        Command::Debug => Err(Error::Usage("internal: debug is handled by main".into())),
        Command::Run(args) => Box::pin(script::run_script(args, ctx)).await,
        Command::Demo(args) => commands::demo::exec(args, ctx).await,
        Command::Certs(c) => commands::certs::exec(c, ctx).await,
        Command::Completions(a) => commands::completions::exec(a, crate::cli::command(), ctx),
        Command::Schema(a) => commands::schema::exec(a, ctx),
        Command::Cluster(c) => commands::cluster::exec(c, ctx).await,
        Command::Node(c) => commands::node::exec(c, ctx).await,
        Command::Audit(c) => commands::audit::exec(c, ctx).await,
        Command::Fault(c) => commands::fault::exec(c, ctx).await,
        Command::Metrics(c) => commands::metrics::exec(c, ctx).await,
        Command::Request(c) => commands::request::exec(c, ctx).await,
        Command::Logs(c) => commands::logs::exec(c, ctx).await,
        Command::Profile(c) => commands::profile::exec(c, ctx).await,
        Command::Flamegraph(c) => commands::flamegraph::exec(c, ctx).await,
        Command::Connections(c) => commands::connections::exec(c, ctx).await,
        Command::Latency(c) => commands::latency::exec(c, ctx).await,
        Command::Packet(c) => commands::capture::exec(c, ctx).await,
        Command::State(c) => commands::state::exec(c, ctx).await,
        Command::Verify(c) => commands::verify::exec(c, ctx).await,
        Command::Top(a) => {
            let console = console::for_top(ctx.session);
            Box::pin(commands::top::exec(a, ctx, Some(&console))).await
        }
    }
}
