//! `profile start|stop|status|cpu`: profile sessions held by the nodes (admin role to start and
//! stop). Sessions stop themselves at their maximum duration; the ones a REPL started are
//! stopped when it leaves. `flamegraph generate` fetches and renders what they sampled;
//! `profile cpu` does start, wait and render in one command.

use super::flamegraph::{self, Kind, NodeSelection, ProfileFiles, RenderArgs};
use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::opts::parse_duration;
use crate::output::{short_duration, Report, Style};
use crate::session::{Ctx, Via};
use butterfly_proto::debug::{
    ListProfilesRequest, ProfileKind, ProfileSession, ProfileState, StartProfileRequest,
    StopProfileRequest,
};
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// `profile ...`
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Start profile sessions on nodes (admin role); they stop themselves at --max-duration.
    Start(StartArgs),
    /// Stop running sessions; their profiles stay on the nodes for `flamegraph generate`.
    Stop(StopArgs),
    /// Sessions running or finished on every node: who started them, elapsed, samples.
    Status,
    /// Profile CPU for --duration, then fetch and render (start + wait + flamegraph).
    Cpu(CpuArgs),
}

/// `profile start` arguments.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Which nodes.
    #[command(flatten)]
    pub select: NodeSelection,
    /// What to sample.
    #[arg(long, value_enum, default_value_t = Kind::Cpu)]
    pub kind: Kind,
    /// CPU samples a second (at most 1000).
    #[arg(long, default_value_t = 99, value_name = "HZ")]
    pub frequency: u32,
    /// The node stops the session by itself after this long (at most 10m).
    #[arg(long, value_parser = parse_duration, default_value = "30s", value_name = "DURATION")]
    pub max_duration: Duration,
}

/// `profile stop` arguments.
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Nodes; without any, every node with a running session of this kind.
    #[arg(value_delimiter = ',')]
    #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
    pub nodes: Vec<String>,
    /// Which session.
    #[arg(long, value_enum, default_value_t = Kind::Cpu)]
    pub kind: Kind,
}

/// `profile cpu` arguments.
#[derive(Debug, Args)]
pub struct CpuArgs {
    /// Which nodes.
    #[command(flatten)]
    pub select: NodeSelection,
    /// How long to sample (at most 10m).
    #[arg(long, value_parser = parse_duration, default_value = "10s", value_name = "DURATION")]
    pub duration: Duration,
    /// CPU samples a second (at most 1000).
    #[arg(long, default_value_t = 99, value_name = "HZ")]
    pub frequency: u32,
    /// Rendering.
    #[command(flatten)]
    pub render: RenderArgs,
}

impl ProfileCommand {
    /// The nodes the command acts on, for the audit trail.
    pub fn targets(&self) -> Vec<String> {
        match self {
            ProfileCommand::Start(a) => a.select.targets(),
            ProfileCommand::Cpu(a) => a.select.targets(),
            ProfileCommand::Stop(a) => a.nodes.clone(),
            ProfileCommand::Status => Vec::new(),
        }
    }
}

/// One node's session, as the console shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct SessionRow {
    /// Node id (or address).
    pub node: String,
    /// `cpu` or `heap`.
    pub kind: String,
    /// `running`, `finished` or `failed`.
    pub state: String,
    /// Who started it (certificate name).
    pub holder: String,
    /// Start, RFC 3339 UTC.
    #[serde(default)]
    pub started_at: Option<String>,
    /// Start, Unix milliseconds (the same instant).
    pub started_at_unix_ms: i64,
    /// Sampled so far or in all, milliseconds.
    pub elapsed_ms: u64,
    /// Maximum, milliseconds.
    pub max_duration_ms: u64,
    /// CPU frequency, Hz (0 for heap).
    pub frequency_hz: u32,
    /// Samples so far (CPU) or stacks (heap, once finished).
    pub samples: u64,
    /// Why it stopped.
    pub stop_reason: String,
    /// Why it failed.
    pub error: String,
}

fn row(node: &str, s: ProfileSession) -> SessionRow {
    SessionRow {
        node: if s.node_id.is_empty() {
            node.to_string()
        } else {
            s.node_id.clone()
        },
        kind: match s.kind() {
            ProfileKind::Heap => "heap",
            ProfileKind::Gpu => "gpu",
            _ => "cpu",
        }
        .to_string(),
        state: match s.state() {
            ProfileState::Running => "running",
            ProfileState::Finished => "finished",
            ProfileState::Failed => "failed",
            ProfileState::Unspecified => "unknown",
        }
        .to_string(),
        holder: s.holder,
        started_at: crate::output::rfc3339_ms(s.started_at_unix_ms),
        started_at_unix_ms: s.started_at_unix_ms,
        elapsed_ms: s.elapsed_ms,
        max_duration_ms: s.max_duration_ms,
        frequency_hz: s.frequency_hz,
        samples: s.samples,
        stop_reason: s.stop_reason,
        error: s.error,
    }
}

/// `profile start|stop|status -o json`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SessionsReport {
    /// Sessions, by node.
    pub sessions: Vec<SessionRow>,
    /// Nodes that refused or did not answer, with why.
    pub errors: Vec<String>,
}

impl Report for SessionsReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut out = if self.sessions.is_empty() {
            "no profile sessions".to_string()
        } else {
            let mut t = style.table(&[
                "NODE", "KIND", "STATE", "HOLDER", "ELAPSED", "MAX", "HZ", "SAMPLES", "NOTE",
            ]);
            for s in &self.sessions {
                t.add_row(vec![
                    s.node.clone(),
                    s.kind.clone(),
                    match s.state.as_str() {
                        "running" => style.warn("running"),
                        "failed" => style.bad("failed"),
                        other => other.to_string(),
                    },
                    s.holder.clone(),
                    short_duration(s.elapsed_ms / 1000),
                    short_duration(s.max_duration_ms / 1000),
                    if s.frequency_hz > 0 {
                        s.frequency_hz.to_string()
                    } else {
                        "-".into()
                    },
                    s.samples.to_string(),
                    if s.error.is_empty() {
                        s.stop_reason.clone()
                    } else {
                        s.error.clone()
                    },
                ]);
            }
            t.to_string()
        };
        for e in &self.errors {
            out.push_str(&format!("\n{} {e}", style.warn("warning:")));
        }
        out
    }
}

/// Runs a `profile` command.
pub async fn exec(cmd: ProfileCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        ProfileCommand::Start(a) => {
            let targets = a.select.resolve(ctx).await?;
            let (report, _) = start(ctx, &targets, a.kind, a.frequency, a.max_duration).await?;
            Ok(Box::new(report))
        }
        ProfileCommand::Stop(a) => Ok(Box::new(stop(ctx, &a.nodes, a.kind).await?)),
        ProfileCommand::Status => Ok(Box::new(status(ctx).await?)),
        ProfileCommand::Cpu(a) => Ok(Box::new(cpu(ctx, a).await?)),
    }
}

/// Collects a fan-out's sessions; when no node answered, the first error is the command's.
fn collect(
    targets: &[Target],
    results: Vec<Result<Vec<ProfileSession>>>,
) -> Result<SessionsReport> {
    let mut sessions = Vec::new();
    let mut errors = Vec::new();
    let mut first = None;
    for (t, r) in targets.iter().zip(results) {
        match r {
            Ok(list) => sessions.extend(list.into_iter().map(|s| row(t.label(), s))),
            Err(e) => {
                errors.push(e.to_string());
                first.get_or_insert(e);
            }
        }
    }
    match first {
        Some(e) if sessions.is_empty() && errors.len() == targets.len() => Err(e),
        _ => Ok(SessionsReport { sessions, errors }),
    }
}

async fn start(
    ctx: &Ctx<'_>,
    targets: &[Target],
    kind: Kind,
    frequency: u32,
    max_duration: Duration,
) -> Result<(SessionsReport, Vec<Target>)> {
    if max_duration.is_zero() {
        return Err(Error::Usage("--max-duration must be above zero".into()));
    }
    let max_ms = u64::try_from(max_duration.as_millis()).unwrap_or(u64::MAX);
    let pool = ctx.pool()?;
    let results = flamegraph::profile_fanout(ctx)?
        .run(&pool, targets, |mut c| async move {
            c.start_profile(StartProfileRequest {
                kind: kind.proto() as i32,
                frequency_hz: frequency,
                max_duration_ms: max_ms,
            })
            .await
            .map(|r| vec![r.into_inner()])
        })
        .await;
    let started: Vec<Target> = targets
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_ok())
        .map(|(t, _)| t.clone())
        .collect();
    // Remember what this REPL started, so leaving it stops them.
    if ctx.session.via == Via::Repl {
        for t in &started {
            ctx.session.remember_profile(t.clone(), kind.proto() as i32);
        }
    }
    Ok((collect(targets, results)?, started))
}

async fn stop(ctx: &Ctx<'_>, nodes: &[String], kind: Kind) -> Result<SessionsReport> {
    let pool = ctx.pool()?;
    let fan = flamegraph::profile_fanout(ctx)?;
    let targets = if nodes.is_empty() {
        // Every node holding a running session of this kind.
        let all = crate::embedded::targets(ctx).await?;
        let listed = fan
            .run(&pool, &all, |mut c| async move {
                c.list_profiles(ListProfilesRequest {})
                    .await
                    .map(|r| r.into_inner().sessions)
            })
            .await;
        all.into_iter()
            .zip(listed)
            .filter(|(_, r)| {
                r.as_ref().is_ok_and(|l| {
                    l.iter()
                        .any(|s| s.kind() == kind.proto() && s.state() == ProfileState::Running)
                })
            })
            .map(|(t, _)| t)
            .collect()
    } else {
        flamegraph::resolve_targets(ctx, nodes, false).await?
    };
    if targets.is_empty() {
        return Ok(SessionsReport {
            sessions: Vec::new(),
            errors: Vec::new(),
        });
    }
    let results = fan
        .run(&pool, &targets, |mut c| async move {
            c.stop_profile(StopProfileRequest {
                kind: kind.proto() as i32,
                discard: false,
            })
            .await
            .map(|r| vec![r.into_inner()])
        })
        .await;
    for t in &targets {
        ctx.session.forget_profile(t, kind.proto() as i32);
    }
    collect(&targets, results)
}

async fn status(ctx: &Ctx<'_>) -> Result<SessionsReport> {
    let targets = crate::embedded::targets(ctx).await?;
    let pool = ctx.pool()?;
    let results = ctx
        .fanout()?
        .run(&pool, &targets, |mut c| async move {
            c.list_profiles(ListProfilesRequest {})
                .await
                .map(|r| r.into_inner().sessions)
        })
        .await;
    collect(&targets, results)
}

async fn cpu(ctx: &Ctx<'_>, a: CpuArgs) -> Result<ProfileFiles> {
    let targets = a.select.resolve(ctx).await?;
    let (started, running) = start(ctx, &targets, Kind::Cpu, a.frequency, a.duration).await?;
    wait_with_progress(a.duration).await;
    let mut files = flamegraph::generate(ctx, &running, Kind::Cpu, &a.render).await?;
    for t in &running {
        ctx.session.forget_profile(t, ProfileKind::Cpu as i32);
    }
    files.errors.splice(0..0, started.errors);
    Ok(files)
}

/// Sleeps `d`, with a progress bar on a terminal.
async fn wait_with_progress(d: Duration) {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        tokio::time::sleep(d).await;
        return;
    }
    let total = u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    let pb = indicatif::ProgressBar::new(total);
    pb.set_style(
        indicatif::ProgressStyle::with_template("profiling {bar:30} {elapsed}/{msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    pb.set_message(humantime::format_duration(d).to_string());
    let start = tokio::time::Instant::now();
    while start.elapsed() < d {
        tokio::time::sleep(Duration::from_millis(200).min(d.saturating_sub(start.elapsed()))).await;
        pb.set_position(u64::try_from(start.elapsed().as_millis()).unwrap_or(total));
    }
    pb.finish_and_clear();
}
