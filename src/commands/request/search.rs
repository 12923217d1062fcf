//! `request search`: the traces worth looking at, slowest first — the latency runbook's "find
//! slow traces" step, for an on-call engineer who has no request id yet. From Jaeger's search API
//! when configured (auto), else from the nodes' span buffers; each trace's critical path names
//! its slowest node (the node with the most time of its own on that path).

use super::{SpanSource, JAEGER_SERVICE};
use crate::embedded;
use crate::error::{Error, Result};
use crate::opts::parse_duration;
use crate::output::{Report, Style};
use crate::session::Ctx;
use crate::sources::jaeger::{JaegerClient, TraceQuery};
use crate::trace::{assemble, Span, SpanStatus};
use butterfly_proto::debug::QuerySpansRequest;
use clap::{Args, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// `request search` options.
#[derive(Debug, Args, Clone)]
pub struct SearchArgs {
    /// Only traces at least this long (measured on `--operation`'s span when given, else the
    /// whole trace), e.g. `100ms`.
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub min_duration: Option<Duration>,
    /// Only traces with a span of this name (e.g. `inference.request`); its longest span is the
    /// trace's duration.
    #[arg(long, value_name = "NAME")]
    pub operation: Option<String>,
    /// Only traces with a span recorded by this node.
    #[arg(long = "node", value_name = "NODE")]
    #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
    pub node: Option<String>,
    /// Only traces with this outcome.
    #[arg(long, value_enum)]
    pub status: Option<StatusFilter>,
    /// How far back to search.
    #[arg(long, value_parser = parse_duration, default_value = "15m", value_name = "DURATION")]
    pub since: Duration,
    /// Most traces listed.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Where the spans come from.
    #[arg(long, value_enum, default_value_t = SpanSource::Auto)]
    pub source: SpanSource,
}

impl Default for SearchArgs {
    fn default() -> Self {
        SearchArgs {
            min_duration: None,
            operation: None,
            node: None,
            status: None,
            since: Duration::from_secs(15 * 60),
            limit: 20,
            source: SpanSource::Auto,
        }
    }
}

/// `--status`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StatusFilter {
    /// A span of the trace failed.
    Error,
    /// No span failed.
    Ok,
}

/// One trace found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct TraceSummary {
    /// W3C trace id.
    pub trace_id: String,
    /// Request id, when a span carries one.
    pub request_id: Option<String>,
    /// Operation of the root span.
    pub root: String,
    /// Node of the root span.
    pub root_node: String,
    /// Start, RFC 3339 UTC.
    pub start: String,
    /// Duration used for sorting and `--min-duration`, milliseconds.
    pub duration_ms: f64,
    /// Spans in the trace.
    pub spans: usize,
    /// Nodes that recorded spans.
    pub nodes: Vec<String>,
    /// `error` when a span failed, else `ok`.
    pub status: String,
    /// The node with the most time of its own on the critical path.
    pub slowest_node: String,
    /// That node's own time on the critical path, milliseconds.
    pub slowest_node_ms: f64,
}

/// `request search -o json`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchReport {
    /// `jaeger` or `nodes`.
    pub source: String,
    /// Matching traces, slowest first, at most `--limit`.
    pub traces: Vec<TraceSummary>,
    /// Matching traces before `--limit`.
    pub total: usize,
    /// Whether `traces` was cut at `--limit`.
    pub truncated: bool,
    /// Sources that did not answer.
    pub errors: Vec<String>,
    /// Everything else worth knowing (a fallback taken, a buffer at its limit).
    pub warnings: Vec<String>,
}

impl Report for SearchReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut out = String::new();
        if self.traces.is_empty() {
            out.push_str("no traces match");
        } else {
            let mut t = style.table(&[
                "TRACE", "REQUEST", "START", "DURATION", "SPANS", "NODES", "STATUS", "SLOWEST",
            ]);
            for tr in &self.traces {
                t.add_row(vec![
                    tr.trace_id.chars().take(16).collect(),
                    tr.request_id.clone().unwrap_or_else(|| "-".into()),
                    tr.start.get(11..19).unwrap_or(&tr.start).to_string(),
                    format!("{:.1}ms", tr.duration_ms),
                    tr.spans.to_string(),
                    tr.nodes.len().to_string(),
                    if tr.status == "error" {
                        style.bad("error")
                    } else {
                        style.good("ok")
                    },
                    format!("{} ({:.1}ms)", tr.slowest_node, tr.slowest_node_ms),
                ]);
            }
            out.push_str(&t.to_string());
            if self.truncated {
                out.push_str(&format!(
                    "\nshowing {} of {} (--limit)",
                    self.traces.len(),
                    self.total
                ));
            }
        }
        out.push_str(&style.dim(&format!("\nsource: {}", self.source)));
        for w in &self.warnings {
            out.push_str(&format!("\n{} {w}", style.warn("warning:")));
        }
        for e in &self.errors {
            out.push_str(&format!("\n{} {e}", style.warn("no answer:")));
        }
        out
    }
}

/// Runs `request search`.
pub async fn exec(args: SearchArgs, ctx: &Ctx<'_>) -> Result<SearchReport> {
    if args.limit == 0 {
        return Err(Error::Usage("--limit must be at least 1".into()));
    }
    let settings = ctx.settings()?;
    let use_jaeger = match args.source {
        SpanSource::Auto => settings.jaeger.is_some(),
        SpanSource::Jaeger => true,
        SpanSource::Nodes => false,
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let now = crate::sources::now_unix_nanos();
    let since_ns = u64::try_from(args.since.as_nanos()).unwrap_or(u64::MAX);
    let mut source = "nodes";
    let mut spans: Option<Vec<Span>> = None;
    if use_jaeger {
        let q = TraceQuery {
            service: JAEGER_SERVICE.to_string(),
            operation: args.operation.clone(),
            start_min_ns: now.saturating_sub(since_ns),
            start_max_ns: now.saturating_add(60_000_000_000),
            duration_min: args.min_duration,
            search_depth: Some(u32::try_from(args.limit.saturating_mul(5)).unwrap_or(u32::MAX)),
            ..TraceQuery::default()
        };
        match JaegerClient::from_settings(settings)?.find_traces(&q).await {
            Ok(found) => {
                source = "jaeger";
                let depth = args.limit.saturating_mul(5);
                let traces: BTreeSet<&str> = found.iter().map(|s| s.trace_id.as_str()).collect();
                if traces.len() >= depth {
                    warnings.push(format!(
                        "jaeger answered with the most traces asked for ({depth}): the total counts those only"
                    ));
                }
                spans = Some(found);
            }
            Err(e) if args.source == SpanSource::Auto => {
                warnings.push(format!(
                    "jaeger: {e}; searched the nodes' span buffers instead"
                ));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let spans = match spans {
        Some(s) => s,
        None => {
            let targets = embedded::targets(ctx).await?;
            let found = embedded::spans(
                ctx,
                &targets,
                QuerySpansRequest {
                    since_unix_nano: now.saturating_sub(since_ns),
                    limit: embedded::MAX_SPANS_PER_NODE,
                    ..Default::default()
                },
            )
            .await?;
            warnings.extend(found.limit_warning(
                "spans",
                embedded::MAX_SPANS_PER_NODE,
                "older traces in the window may be missing",
            ));
            errors.extend(found.errors);
            if found.items.is_empty() && !targets.is_empty() && errors.len() == targets.len() {
                return Err(Error::Other(format!(
                    "no node answered: {}",
                    errors.join("; ")
                )));
            }
            found.items
        }
    };
    let mut traces = summarize(spans, &args);
    traces.sort_by(|a, b| {
        b.duration_ms
            .total_cmp(&a.duration_ms)
            .then(a.trace_id.cmp(&b.trace_id))
    });
    let total = traces.len();
    traces.truncate(args.limit);
    Ok(SearchReport {
        source: source.to_string(),
        truncated: total > traces.len(),
        total,
        traces,
        errors,
        warnings,
    })
}

/// Groups spans into traces, keeps those matching `args`, and summarizes each.
pub fn summarize(spans: Vec<Span>, args: &SearchArgs) -> Vec<TraceSummary> {
    let mut by_trace: BTreeMap<String, Vec<Span>> = BTreeMap::new();
    for s in spans {
        by_trace.entry(s.trace_id.clone()).or_default().push(s);
    }
    let mut out = Vec::new();
    for (trace_id, spans) in by_trace {
        let failed = spans.iter().any(|s| s.status == SpanStatus::Error);
        match args.status {
            Some(StatusFilter::Error) if !failed => continue,
            Some(StatusFilter::Ok) if failed => continue,
            _ => {}
        }
        if let Some(node) = &args.node {
            if !spans.iter().any(|s| &s.node_id == node) {
                continue;
            }
        }
        let op_ns = match &args.operation {
            Some(op) => match spans
                .iter()
                .filter(|s| &s.name == op)
                .map(|s| s.duration_ns)
                .max()
            {
                Some(d) => Some(d),
                None => continue,
            },
            None => None,
        };
        let request_id = spans.iter().find_map(|s| {
            s.attributes
                .get("request_id")
                .filter(|r| !r.is_empty())
                .cloned()
        });
        let nodes: BTreeSet<String> = spans.iter().map(|s| s.node_id.clone()).collect();
        let count = spans.len();
        let assembled = assemble(spans);
        let duration_ns = op_ns.unwrap_or(assembled.total_ns);
        if args
            .min_duration
            .is_some_and(|min| u128::from(duration_ns) < min.as_nanos())
        {
            continue;
        }
        let (slowest_node, slowest_ns) = slowest_on_critical_path(&assembled);
        let root = assembled.rows.first();
        out.push(TraceSummary {
            trace_id,
            request_id,
            root: root.map(|r| r.span.name.clone()).unwrap_or_default(),
            root_node: root.map(|r| r.span.node_id.clone()).unwrap_or_default(),
            start: crate::sources::jaeger::rfc3339_nanos(assembled.start_unix_nano),
            duration_ms: duration_ns as f64 / 1e6,
            spans: count,
            nodes: nodes.into_iter().collect(),
            status: if failed { "error" } else { "ok" }.to_string(),
            slowest_node,
            slowest_node_ms: slowest_ns as f64 / 1e6,
        });
    }
    out
}

/// The node with the most time of its own on the critical path: each critical span's duration
/// less its critical children's, summed by node. Ties go to the node deeper in the tree.
pub fn slowest_on_critical_path(t: &crate::trace::Assembled) -> (String, u64) {
    let mut own: BTreeMap<&str, (u64, usize)> = BTreeMap::new();
    for (i, row) in t.rows.iter().enumerate() {
        if !row.critical {
            continue;
        }
        let children: u64 = t
            .rows
            .iter()
            .filter(|c| c.critical && c.parent == Some(i))
            .map(|c| c.span.duration_ns)
            .sum();
        let e = own.entry(row.span.node_id.as_str()).or_insert((0, 0));
        e.0 += row.span.duration_ns.saturating_sub(children);
        e.1 = e.1.max(row.depth);
    }
    own.into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(a.1 .1.cmp(&b.1 .1)))
        .map(|(n, (ns, _))| (n.to_string(), ns))
        .unwrap_or_default()
}

/// The slowest node of the slowest trace in the last `since` (the `@slowest` node selector),
/// with that trace's id. `NotFound` when no trace was recorded in the window.
pub async fn slowest_node(ctx: &Ctx<'_>, since: Duration) -> Result<(String, String)> {
    let report = exec(
        SearchArgs {
            since,
            limit: 1,
            ..SearchArgs::default()
        },
        ctx,
    )
    .await?;
    report
        .traces
        .into_iter()
        .next()
        .filter(|t| !t.slowest_node.is_empty())
        .map(|t| (t.slowest_node, t.trace_id))
        .ok_or_else(|| {
            Error::NotFound(format!(
                "@slowest: no trace recorded in the last {}",
                humantime::format_duration(since)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: &str, parent: Option<&str>, node: &str, name: &str, start: u64, dur: u64) -> Span {
        Span {
            trace_id: "0af7651916cd43dd8448eb211c80319c".into(),
            span_id: id.into(),
            parent_span_id: parent.map(str::to_string),
            node_id: node.into(),
            name: name.into(),
            start_unix_nano: start,
            duration_ns: dur,
            ..Default::default()
        }
    }

    #[test]
    fn slowest_node_is_the_one_with_most_own_time_on_the_critical_path() {
        let spans = vec![
            span(
                "a000000000000001",
                None,
                "coordinator-1",
                "inference.request",
                0,
                100,
            ),
            span(
                "a000000000000002",
                Some("a000000000000001"),
                "coordinator-1",
                "comm.send_tensor",
                5,
                20,
            ),
            span(
                "a000000000000003",
                Some("a000000000000002"),
                "compute-1",
                "layer.execute",
                6,
                18,
            ),
            span(
                "a000000000000004",
                Some("a000000000000001"),
                "coordinator-1",
                "comm.send_tensor",
                30,
                65,
            ),
            span(
                "a000000000000005",
                Some("a000000000000004"),
                "compute-2",
                "layer.execute",
                31,
                60,
            ),
        ];
        let t = assemble(spans.clone());
        assert_eq!(slowest_on_critical_path(&t).0, "compute-2");
        let args = SearchArgs {
            min_duration: Some(Duration::from_nanos(50)),
            operation: Some("layer.execute".into()),
            ..SearchArgs::default()
        };
        let found = summarize(spans.clone(), &args);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].duration_ms, 60.0 / 1e6);
        let none = summarize(
            spans,
            &SearchArgs {
                status: Some(StatusFilter::Error),
                ..SearchArgs::default()
            },
        );
        assert!(none.is_empty());
    }
}
