//! `flamegraph generate|diff`: fetch the profiles the nodes hold (stopping sessions that still
//! run), merge them, and render them with inferno: an SVG flamegraph (the node as the root frame
//! when several are merged), folded stacks, the raw pprof, or the hottest functions as a table
//! for a terminal without a browser. `diff` renders a differential flamegraph of two saved
//! profiles.

mod files;
pub mod report;

pub use report::{NodeProfile, ProfileFiles};

use crate::error::{Error, Result};
use crate::fanout::{FanOut, Target};
use crate::flame::{self, Merge, Stacks};
use crate::output::Report;
use crate::session::Ctx;
use butterfly_proto::debug::{GetProfileRequest, ProfileFormat, ProfileKind};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use files::{default_path, read_file, short, timestamp, with_node, write_file};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;

/// A profile answer is accepted up to this size: 256 MiB.
pub const MAX_PROFILE_MESSAGE: usize = 256 * 1024 * 1024;
/// Starting or fetching a profile (the node loads its symbols, stops, symbolizes, encodes) may
/// take this long per node at least: 60 s.
pub const PROFILE_DEADLINE: Duration = Duration::from_secs(60);
/// Functions listed by `--format top` by default.
pub const DEFAULT_TOP: usize = 15;

/// `flamegraph ...`
#[derive(Debug, Subcommand)]
pub enum FlamegraphCommand {
    /// Fetch the nodes' profiles (stopping running sessions) and render them (admin role).
    Generate(GenerateArgs),
    /// A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank.
    Diff(DiffArgs),
    /// Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool).
    Render(RenderFileArgs),
}

/// `flamegraph render` arguments.
#[derive(Debug, Args)]
pub struct RenderFileArgs {
    /// The profile (folded text or pprof, gzipped or not).
    pub file: PathBuf,
    /// Output file [default: a new SVG in the current directory; folded and top print].
    #[arg(short = 'w', long = "write", value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Output format (svg, folded or top).
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// Functions listed by `--format top`.
    #[arg(long, default_value_t = DEFAULT_TOP)]
    pub top: usize,
}

/// Profile kind, as the commands spell it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    ValueEnum,
    Serialize,
    Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// On-CPU stacks sampled by SIGPROF [default].
    #[default]
    Cpu,
    /// Live heap allocations sampled by jemalloc.
    Heap,
    /// GPU kernels (nodes without a GPU refuse).
    Gpu,
}

impl Kind {
    /// The protocol's kind.
    pub fn proto(self) -> ProfileKind {
        match self {
            Kind::Cpu => ProfileKind::Cpu,
            Kind::Heap => ProfileKind::Heap,
            Kind::Gpu => ProfileKind::Gpu,
        }
    }

    /// `cpu`, `heap` or `gpu`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cpu => "cpu",
            Kind::Heap => "heap",
            Kind::Gpu => "gpu",
        }
    }
}

/// Output format of a rendered profile.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    ValueEnum,
    Serialize,
    Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An inferno flamegraph SVG [default].
    #[default]
    Svg,
    /// Folded stacks (`root;...;leaf COUNT`), printed when no file is given.
    Folded,
    /// Gzipped pprof `profile.proto`, one file per node.
    Pprof,
    /// The hottest functions as a table (self and total %), like `pprof -top`.
    Top,
}

/// Where and how a profile is rendered (shared by `flamegraph generate` and `profile cpu`).
#[derive(Debug, Args, Clone)]
pub struct RenderArgs {
    /// Output file; without it an SVG or pprof goes to a new file in the current directory
    /// (its path is printed) and folded stacks go to standard output.
    #[arg(short = 'w', long = "write", value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// With several nodes: each node a root frame (`nodes`), or the same functions summed
    /// (`functions`).
    #[arg(long, value_enum, default_value_t = Merge::Nodes)]
    pub merge: Merge,
    /// Functions listed by `--format top`.
    #[arg(long, default_value_t = DEFAULT_TOP)]
    pub top: usize,
}

/// Which nodes a profile command acts on (shared by `profile start|cpu`, `flamegraph generate`).
#[derive(Debug, Args, Clone)]
pub struct NodeSelection {
    /// Nodes (ids or HOST:PORT, comma-separated or repeated); `@slowest` picks the slowest node
    /// of the slowest recent trace.
    #[arg(value_delimiter = ',', required_unless_present = "all")]
    #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
    pub nodes: Vec<String>,
    /// Every member.
    #[arg(long, conflicts_with = "nodes")]
    pub all: bool,
}

impl NodeSelection {
    /// The nodes as given, for the audit trail (`all` for `--all`).
    pub fn targets(&self) -> Vec<String> {
        if self.all {
            vec!["all".into()]
        } else {
            self.nodes.clone()
        }
    }

    /// Resolves the selection to fan-out targets.
    pub async fn resolve(&self, ctx: &Ctx<'_>) -> Result<Vec<Target>> {
        resolve_targets(ctx, &self.nodes, self.all).await
    }
}

/// `flamegraph generate` arguments.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Which nodes.
    #[command(flatten)]
    pub select: NodeSelection,
    /// Profile kind.
    #[arg(long, value_enum, default_value_t = Kind::Cpu)]
    pub kind: Kind,
    /// Rendering.
    #[command(flatten)]
    pub render: RenderArgs,
}

/// `flamegraph diff` arguments.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The profile before (folded text or pprof, gzipped or not).
    pub before: PathBuf,
    /// The profile after.
    pub after: PathBuf,
    /// Output SVG [default: a new file in the current directory].
    #[arg(short = 'w', long = "write", value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Compare raw counts instead of scaling both profiles to the same total first.
    #[arg(long)]
    pub no_normalize: bool,
}

impl FlamegraphCommand {
    /// The nodes the command acts on, for the audit trail.
    pub fn targets(&self) -> Vec<String> {
        match self {
            FlamegraphCommand::Generate(a) => a.select.targets(),
            FlamegraphCommand::Diff(_) | FlamegraphCommand::Render(_) => Vec::new(),
        }
    }
}

/// Runs a `flamegraph` command.
pub async fn exec(cmd: FlamegraphCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        FlamegraphCommand::Generate(args) => {
            let targets = args.select.resolve(ctx).await?;
            Ok(Box::new(
                generate(ctx, &targets, args.kind, &args.render).await?,
            ))
        }
        FlamegraphCommand::Diff(args) => Ok(Box::new(diff(&args)?)),
        FlamegraphCommand::Render(args) => Ok(Box::new(render_file(&args)?)),
    }
}

/// The fan-out for profile calls: the session's, with at least [`PROFILE_DEADLINE`] per node.
pub fn profile_fanout(ctx: &Ctx<'_>) -> Result<FanOut> {
    let base = ctx.fanout()?;
    Ok(FanOut {
        concurrency: base.concurrency,
        deadline: base.deadline.max(PROFILE_DEADLINE),
    })
}

/// Resolves node arguments (ids, addresses, `@slowest`) or every member.
pub async fn resolve_targets(ctx: &Ctx<'_>, nodes: &[String], all: bool) -> Result<Vec<Target>> {
    if all {
        return crate::embedded::targets(ctx).await;
    }
    let mut out: Vec<Target> = Vec::new();
    for n in nodes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let t = if n == "@slowest" {
            let (node, trace) =
                super::request::search::slowest_node(ctx, Duration::from_secs(600)).await?;
            eprintln!("@slowest = {node} (slowest node of trace {trace})");
            ctx.resolve_node(&node).await?
        } else {
            ctx.resolve_node(n).await?
        };
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.is_empty() {
        return Err(Error::Usage("name at least one node, or --all".into()));
    }
    Ok(out)
}

/// Fetches every target's profile of `kind` and renders it as `render` says.
pub async fn generate(
    ctx: &Ctx<'_>,
    targets: &[Target],
    kind: Kind,
    render: &RenderArgs,
) -> Result<ProfileFiles> {
    let pool = ctx.pool()?;
    let results = profile_fanout(ctx)?
        .run(&pool, targets, |c| async move {
            c.max_decoding_message_size(MAX_PROFILE_MESSAGE)
                .get_profile(GetProfileRequest {
                    kind: kind.proto() as i32,
                    format: ProfileFormat::Pprof as i32,
                })
                .await
                .map(tonic::Response::into_inner)
        })
        .await;
    let mut nodes = Vec::new();
    let mut raw: Vec<(String, Vec<u8>)> = Vec::new();
    let mut per_node: Vec<(String, Stacks)> = Vec::new();
    let mut errors = Vec::new();
    let mut first_error = None;
    for (t, r) in targets.iter().zip(results) {
        let data = match r {
            Ok(d) => d,
            Err(e) => {
                errors.push(e.to_string());
                first_error.get_or_insert(e);
                continue;
            }
        };
        let stacks = match flame::from_pprof(&data.data) {
            Ok(s) => s,
            Err(e) => {
                errors.push(format!("{}: {e}", t.label()));
                continue;
            }
        };
        let s = data.session.unwrap_or_default();
        nodes.push(NodeProfile {
            node: t.label().to_string(),
            samples: s.samples,
            unit: data.unit.clone(),
            duration_ms: s.elapsed_ms,
            frequency_hz: s.frequency_hz,
            cpu_time_ms: data.cpu_time_ns as f64 / 1e6,
            capture_ratio: data.capture_ratio,
            build_id: data.build_id,
            binary: data.binary,
            stop_reason: s.stop_reason,
        });
        raw.push((t.label().to_string(), data.data));
        per_node.push((t.label().to_string(), stacks));
    }
    if nodes.is_empty() {
        // Nothing to render: the one error (or the first) is the command's error and exit code.
        return Err(first_error
            .unwrap_or_else(|| Error::Other(format!("no profile: {}", errors.join("; ")))));
    }
    if per_node.iter().all(|(_, s)| s.is_empty()) {
        return Err(Error::Other(format!(
            "no samples in the {} profile of {}: the process used no {} while it ran ({}); \
             profile for longer, or under load",
            kind.as_str(),
            nodes
                .iter()
                .map(|n| n.node.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if kind == Kind::Heap {
                "new memory that is still held"
            } else {
                "CPU"
            },
            nodes
                .iter()
                .map(|n| format!("{}: {} ms", n.node, n.duration_ms))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let several = per_node.len() > 1;
    let merged = if several {
        flame::merge(&per_node, render.merge)
    } else {
        per_node.pop().map(|(_, s)| s).unwrap_or_default()
    };
    // Root frames that are not functions: the node (merged by node) and the thread (CPU).
    let roots =
        usize::from(several && render.merge == Merge::Nodes) + usize::from(kind == Kind::Cpu);
    let (top, top_total) = flame::top_of(&merged, render.top.max(1), roots);
    let label = if several {
        "cluster".to_string()
    } else {
        nodes.first().map(|n| n.node.clone()).unwrap_or_default()
    };
    let unit = if kind == Kind::Heap {
        "bytes"
    } else {
        "samples"
    };
    let mut files = Vec::new();
    let mut folded = None;
    match render.format {
        Format::Svg => {
            let title = format!(
                "{} profile: {}",
                kind.as_str(),
                nodes
                    .iter()
                    .map(|n| n.node.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let subtitle = nodes
                .first()
                .map(|n| format!("build {} · {}", short(&n.build_id), n.stop_reason))
                .unwrap_or_default();
            let svg = flame::svg(&merged, &title, &subtitle, unit)?;
            let path = render
                .write
                .clone()
                .unwrap_or_else(|| default_path("flamegraph", &label, kind, "svg"));
            write_file(&path, &svg)?;
            files.push(path.display().to_string());
        }
        Format::Folded => {
            let text = flame::to_text(&merged);
            match &render.write {
                Some(p) => {
                    write_file(p, text.as_bytes())?;
                    files.push(p.display().to_string());
                }
                None => folded = Some(text),
            }
        }
        Format::Pprof => {
            for (node, bytes) in &raw {
                let path = match (&render.write, raw.len()) {
                    (Some(p), 1) => p.clone(),
                    (Some(p), _) => with_node(p, node),
                    (None, _) => default_path("profile", node, kind, "pb.gz"),
                };
                write_file(&path, bytes)?;
                files.push(path.display().to_string());
            }
        }
        Format::Top => {
            if let Some(p) = &render.write {
                write_file(p, flame::to_text(&merged).as_bytes())?;
                files.push(p.display().to_string());
            }
        }
    }
    Ok(ProfileFiles {
        kind: kind.as_str().to_string(),
        format: format!("{:?}", render.format).to_lowercase(),
        files,
        nodes,
        top_truncated: top.len() < top_total,
        top,
        top_total,
        folded,
        errors,
    })
}

fn diff(args: &DiffArgs) -> Result<ProfileFiles> {
    let before = flame::read_any(
        &read_file(&args.before)?,
        &args.before.display().to_string(),
    )?;
    let after = flame::read_any(&read_file(&args.after)?, &args.after.display().to_string())?;
    let title = format!(
        "differential: {} → {}",
        args.before.display(),
        args.after.display()
    );
    let svg = flame::diff_svg(&before, &after, !args.no_normalize, &title)?;
    let path = args
        .write
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("flamegraph-diff-{}.svg", timestamp())));
    write_file(&path, &svg)?;
    let (top, top_total) = flame::top_of(&after, DEFAULT_TOP, 0);
    Ok(ProfileFiles {
        kind: String::new(),
        format: "svg".into(),
        files: vec![path.display().to_string()],
        nodes: Vec::new(),
        top_truncated: top.len() < top_total,
        top,
        top_total,
        folded: None,
        errors: Vec::new(),
    })
}

fn render_file(args: &RenderFileArgs) -> Result<ProfileFiles> {
    let name = args.file.display().to_string();
    let stacks = flame::read_any(&read_file(&args.file)?, &name)?;
    let (top, top_total) = flame::top_of(&stacks, args.top.max(1), 0);
    let mut out = ProfileFiles {
        kind: String::new(),
        format: format!("{:?}", args.format).to_lowercase(),
        files: Vec::new(),
        nodes: Vec::new(),
        top_truncated: top.len() < top_total,
        top,
        top_total,
        folded: None,
        errors: Vec::new(),
    };
    match args.format {
        Format::Svg => {
            let svg = flame::svg(&stacks, &name, "", "samples")?;
            let path = args
                .write
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("flamegraph-{}.svg", timestamp())));
            write_file(&path, &svg)?;
            out.files.push(path.display().to_string());
        }
        Format::Folded => match &args.write {
            Some(p) => {
                write_file(p, flame::to_text(&stacks).as_bytes())?;
                out.files.push(p.display().to_string());
            }
            None => out.folded = Some(flame::to_text(&stacks)),
        },
        Format::Top => {}
        Format::Pprof => {
            return Err(Error::Usage(
                "render writes svg, folded or top; the pprof is the file you have".into(),
            ))
        }
    }
    Ok(out)
}
