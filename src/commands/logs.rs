//! `logs query`: log lines from Loki (LogQL) or, with no Loki in the profile, from the nodes' log
//! buffers with the LogQL subset documented on [`crate::logs::LogFilter`].

use crate::embedded;
use crate::error::{Error, Result};
use crate::logs::{level_rank, render_line, LogFilter, LogLine};
use crate::opts::{parse_duration, OutputFormat};
use crate::output::{Report, Style};
use crate::session::Ctx;
use crate::sources::loki::{Direction, LokiClient};
use crate::sources::{choose, now_unix_nanos, Origin};
use butterfly_proto::debug::QueryLogsRequest;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write as _;
use std::time::Duration;

/// Most lines asked of one node's buffer for a query: 10 000.
pub const NODE_QUERY_LIMIT: u32 = 10_000;
/// How often `--follow` asks for new lines: 1 s.
pub const FOLLOW_INTERVAL: Duration = Duration::from_secs(1);

/// `logs ...`
#[derive(Debug, Subcommand)]
pub enum LogsCommand {
    /// Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes' buffers:
    /// `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`.
    Query(QueryArgs),
}

/// Where log lines come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LogSource {
    /// Loki when the profile names one, else the nodes.
    #[default]
    Auto,
    /// Loki's query API.
    Loki,
    /// The nodes' log buffers.
    Nodes,
}

/// `logs query` options.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// LogQL (Loki) or the subset the nodes understand; `{}` or `""` means every line.
    pub logql: String,
    /// How far back to look.
    #[arg(long, value_parser = parse_duration, default_value = "1h", value_name = "DURATION")]
    pub since: Duration,
    /// Most lines shown (the newest).
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Keep printing new lines as they arrive, until Ctrl-C.
    #[arg(short, long)]
    pub follow: bool,
    /// Where the lines come from.
    #[arg(long, value_enum, default_value_t = LogSource::Auto)]
    pub source: LogSource,
}

/// `logs query -o json`: `{"source":"loki"|"nodes","lines":[{"ts_unix_nano","level","message",
/// "node_id","trace_id","span_id","request_id","component","fields"}],"warnings":[…],"errors":[…]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LogsReport {
    /// `loki` or `nodes`.
    pub source: String,
    /// Oldest first.
    pub lines: Vec<LogLine>,
    /// Back-end warnings, and buffer drops.
    pub warnings: Vec<String>,
    /// Nodes that did not answer.
    pub errors: Vec<String>,
    /// The `--limit` asked for.
    pub limit: u32,
    /// Lines matching before the limit when known (the nodes' buffers); null from Loki, which
    /// does not count them.
    pub total: Option<u64>,
    /// Fewer lines shown than matched (or, from Loki, the limit was reached).
    pub truncated: bool,
}

impl Report for LogsReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut out: Vec<String> = self.lines.iter().map(|l| render_line(l, style)).collect();
        if self.lines.is_empty() {
            out.push(style.dim(&format!("no matching lines (source: {})", self.source)));
        }
        if self.truncated {
            out.push(style.warn(&match self.total {
                Some(total) => format!(
                    "showing {} of {total} (--limit; the newest)",
                    self.lines.len()
                ),
                None => format!(
                    "showing {} (--limit reached; older lines may match)",
                    self.lines.len()
                ),
            }));
        }
        out.extend(
            self.warnings
                .iter()
                .map(|w| format!("{} {w}", style.warn("warning:"))),
        );
        out.extend(
            self.errors
                .iter()
                .map(|e| format!("{} {e}", style.warn("not answered:"))),
        );
        out.join("\n")
    }
}

/// Where `logs query` reads: Loki with the query as given (an empty one means every
/// `job="butterfly"` line), or the nodes' buffers with the parsed subset.
enum Source {
    Loki(LokiClient, String),
    Nodes(LogFilter),
}

impl Source {
    fn new(args: &QueryArgs, settings: &crate::config::Settings) -> Result<Source> {
        let asked = match args.source {
            LogSource::Auto => None,
            LogSource::Loki => Some(Origin::Backend),
            LogSource::Nodes => Some(Origin::Nodes),
        };
        let use_loki = choose(asked, settings.loki.is_some()) == Origin::Backend;
        if !use_loki {
            return Ok(Source::Nodes(
                LogFilter::parse(&args.logql).map_err(Error::Usage)?,
            ));
        }
        let logql = match args.logql.trim() {
            "" | "{}" => r#"{job="butterfly"}"#.to_string(),
            _ => args.logql.clone(),
        };
        Ok(Source::Loki(LokiClient::from_settings(settings)?, logql))
    }

    /// Lines from `start_ns` on, oldest first: the newest `limit` of them (`Backward`), or the
    /// first `limit` (`Forward`, for following).
    async fn fetch(
        &self,
        ctx: &Ctx<'_>,
        start_ns: u64,
        limit: u32,
        direction: Direction,
    ) -> Result<LogsReport> {
        match self {
            Source::Nodes(filter) => {
                let targets = embedded::targets(ctx).await?;
                nodes_query(ctx, &targets, filter, start_ns, limit).await
            }
            Source::Loki(loki, logql) => {
                let r = loki
                    .query_range_data(logql, start_ns, now_unix_nanos(), limit, direction)
                    .await?;
                let crate::sources::loki::LokiData::Streams(mut lines) = r.data else {
                    return Err(Error::Usage(
                        "this LogQL is a metric query; `logs query` shows log lines (use a log \
                         query, or ask Loki/Grafana for samples)"
                            .into(),
                    ));
                };
                lines.sort_by_key(|l| l.ts_unix_nano);
                Ok(LogsReport {
                    source: "loki".into(),
                    truncated: lines.len() >= limit as usize,
                    total: None,
                    limit,
                    lines,
                    warnings: r.warnings,
                    errors: Vec::new(),
                })
            }
        }
    }
}

/// Runs a `logs` command.
pub async fn exec(cmd: LogsCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let LogsCommand::Query(args) = cmd;
    let source = Source::new(&args, ctx.settings()?)?;
    let since_ns = u64::try_from(args.since.as_nanos()).unwrap_or(u64::MAX);
    let start = now_unix_nanos().saturating_sub(since_ns);
    let mut report = source
        .fetch(ctx, start, args.limit.max(1), Direction::Backward)
        .await?;
    if !args.follow {
        return Ok(Box::new(report));
    }
    // Follow: print what we have, then poll for newer lines until interrupted.
    let json = ctx.format == OutputFormat::Json;
    // Returns false once stdout is gone (the reader quit, e.g. `| head`).
    let print = |lines: &[LogLine]| -> bool {
        let mut out = std::io::stdout().lock();
        for l in lines {
            let text = if json {
                serde_json::to_string(l).unwrap_or_default()
            } else {
                render_line(l, &ctx.style)
            };
            if writeln!(out, "{text}").is_err() {
                return false;
            }
        }
        out.flush().is_ok()
    };
    let done = |source| LogsReport {
        source,
        lines: Vec::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
        limit: args.limit,
        total: None,
        truncated: false,
    };
    if !print(&report.lines) {
        return Ok(Box::new(done(report.source)));
    }
    for w in report.warnings.iter().chain(&report.errors) {
        eprintln!("warning: {w}");
    }
    let mut last = report.lines.last().map(|l| l.ts_unix_nano).unwrap_or(start);
    let mut seen_at_last: Vec<LogLine> = report
        .lines
        .drain(..)
        .filter(|l| l.ts_unix_nano == last)
        .collect();
    loop {
        tokio::time::sleep(FOLLOW_INTERVAL).await;
        let mut fresh = source
            .fetch(ctx, last, NODE_QUERY_LIMIT, Direction::Forward)
            .await?
            .lines;
        fresh.retain(|l| l.ts_unix_nano > last || !seen_at_last.contains(l));
        if let Some(newest) = fresh.last().map(|l| l.ts_unix_nano) {
            if newest > last {
                seen_at_last.clear();
                last = newest;
            }
            seen_at_last.extend(fresh.iter().filter(|l| l.ts_unix_nano == last).cloned());
            if !print(&fresh) {
                return Ok(Box::new(done(report.source)));
            }
        }
    }
}

/// The newest `limit` lines at or after `start_ns` matching `filter`, from every node's buffer;
/// the filter's `trace_id`, `request_id`, `component` and least `level` are applied by the
/// nodes, the rest here.
pub async fn nodes_query(
    ctx: &Ctx<'_>,
    targets: &[crate::fanout::Target],
    filter: &LogFilter,
    start_ns: u64,
    limit: u32,
) -> Result<LogsReport> {
    let q = QueryLogsRequest {
        trace_id: filter.required("trace_id").unwrap_or_default().to_string(),
        request_id: filter
            .required("request_id")
            .unwrap_or_default()
            .to_string(),
        component: filter.required("component").unwrap_or_default().to_string(),
        min_level: filter
            .required("level")
            .map(|l| l.to_ascii_uppercase())
            .filter(|l| level_rank(l) > 0)
            .unwrap_or_default(),
        since_unix_nano: start_ns,
        limit: NODE_QUERY_LIMIT,
    };
    let mut found = embedded::logs(ctx, targets, q).await?;
    let mut lines: Vec<LogLine> = std::mem::take(&mut found.items)
        .into_iter()
        .filter(|l| l.ts_unix_nano >= start_ns && filter.matches(l))
        .collect();
    let total = lines.len() as u64;
    let extra = lines.len().saturating_sub(limit as usize);
    lines.drain(..extra);
    let mut warnings: Vec<String> = found
        .limit_warning(
            "matching lines",
            NODE_QUERY_LIMIT,
            "there are more; narrow the query or --since",
        )
        .into_iter()
        .collect();
    if found.dropped > 0 {
        warnings.push(format!(
            "the nodes' buffers have dropped {} older lines since they started; use Loki for longer history",
            found.dropped
        ));
    }
    Ok(LogsReport {
        source: "nodes".into(),
        truncated: extra > 0 || !found.at_limit.is_empty(),
        total: Some(total),
        limit,
        lines,
        warnings,
        errors: found.errors,
    })
}
