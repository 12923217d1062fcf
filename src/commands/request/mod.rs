//! `request trace|replay`: follow one request across the cluster — its spans from every node as
//! one waterfall with the critical path, its log lines and its exemplar-linked metrics — and run
//! a recorded request again to compare.
//!
//! Sources: Jaeger and Loki when the profile names them, otherwise the nodes' own span and log
//! buffers (the embedded default); Prometheus exemplars when configured, otherwise the nodes'
//! `/metrics`.

pub mod replay;
pub mod search;
pub mod trace;

use crate::error::Result;
use crate::opts::parse_duration;
use crate::output::Report;
use crate::session::Ctx;
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use std::time::Duration;

/// Jaeger service name the nodes export under.
pub const JAEGER_SERVICE: &str = "butterfly-node";
/// Largest node `/metrics` body read for exemplars: 16 MiB.
pub const NODE_METRICS_MAX_BYTES: u64 = 16 * 1024 * 1024;
/// Exemplar-linked observations listed in the table view (all are in JSON): 12.
pub const MAX_METRICS_SHOWN: usize = 12;
/// Most log lines shown under a trace: 5000.
pub const MAX_TRACE_LOGS: u32 = 5000;

/// `request ...`
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Follow one request: waterfall of its spans on every node with the critical path, its
    /// log lines, and its exemplar-linked metrics.
    Trace(TraceArgs),
    /// Find traces: the slowest (or failed) recent requests, slowest first, with the slowest
    /// node on each one's critical path.
    Search(search::SearchArgs),
    /// Run a recorded request again and compare the two runs stage by stage (admin role).
    Replay {
        /// Request id (`req_…`), as in `request trace` or the node's response.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_request_ids))]
        request_id: String,
    },
}

impl RequestCommand {
    /// The request or trace id the command is about.
    pub fn id(&self) -> &str {
        match self {
            RequestCommand::Trace(a) => &a.id,
            RequestCommand::Search(_) => "",
            RequestCommand::Replay { request_id } => request_id,
        }
    }
}

/// Where spans come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SpanSource {
    /// Jaeger when the profile names one, else the nodes.
    #[default]
    Auto,
    /// Jaeger's query API.
    Jaeger,
    /// The nodes' span buffers.
    Nodes,
}

impl SpanSource {
    /// What `--source` asked for; `None` for `auto` ([`crate::sources::choose`] decides).
    pub fn asked(self) -> Option<crate::sources::Origin> {
        match self {
            SpanSource::Auto => None,
            SpanSource::Jaeger => Some(crate::sources::Origin::Backend),
            SpanSource::Nodes => Some(crate::sources::Origin::Nodes),
        }
    }
}

/// `request trace` options.
#[derive(Debug, Args)]
pub struct TraceArgs {
    /// Request id (`req_…`), W3C trace id (32 hex characters), or `@slowest` (the slowest
    /// trace of the last `--since`).
    #[arg(add = ArgValueCompleter::new(crate::session::complete_request_ids))]
    pub id: String,
    /// Show the trace's log lines [default].
    #[arg(long, overrides_with = "no_logs")]
    pub logs: bool,
    /// Leave the log lines out.
    #[arg(long)]
    pub no_logs: bool,
    /// Least level of the log lines shown: TRACE, DEBUG, INFO, WARN or ERROR [default: TRACE].
    #[arg(long, value_parser = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "trace", "debug", "info", "warn", "error"])]
    pub level: Option<String>,
    /// Fold spans shorter than this into their parent's row (e.g. `1ms`); spans on the
    /// critical path, failed or Byzantine ones are always shown.
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub min_duration: Option<Duration>,
    /// Where the spans come from.
    #[arg(long, value_enum, default_value_t = SpanSource::Auto)]
    pub source: SpanSource,
    /// How far back Jaeger is searched for a request id.
    #[arg(long, value_parser = parse_duration, default_value = "1h", value_name = "DURATION")]
    pub since: Duration,
}

/// Runs a `request` command.
pub async fn exec(cmd: RequestCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        RequestCommand::Trace(args) => Ok(Box::new(trace::trace(args, ctx).await?)),
        RequestCommand::Search(args) => Ok(Box::new(search::exec(args, ctx).await?)),
        RequestCommand::Replay { request_id } => {
            Ok(Box::new(replay::replay(&request_id, ctx).await?))
        }
    }
}
