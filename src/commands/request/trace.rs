//! `request trace`: one request's spans from every node as a waterfall with the critical path,
//! its log lines and its exemplar-linked metrics.

use super::{
    SpanSource, TraceArgs, JAEGER_SERVICE, MAX_METRICS_SHOWN, MAX_TRACE_LOGS,
    NODE_METRICS_MAX_BYTES,
};
use crate::embedded::{self, Found};
use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::logs::{level_rank, render_line, LogLine};
use crate::output::{Report, Style};
use crate::session::Ctx;
use crate::sources::jaeger::JaegerClient;
use crate::sources::loki::{Direction, LokiClient};
use crate::sources::prometheus::PrometheusClient;
use crate::sources::{choose, Http, Origin, SourceConfig};
use crate::trace::waterfall::{self, ms, WaterfallOptions};
use crate::trace::{
    assemble, is_trace_id, time_range, Assembled, SkewAdjustment, Span, SpanStatus,
};
use butterfly_proto::debug::{Member, QueryLogsRequest, QuerySpansRequest};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::Duration;

/// A metric observation linked to the trace by an exemplar.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, schemars::JsonSchema)]
pub struct LinkedMetric {
    /// Series (metric name and labels), e.g. `butterfly_request_duration_seconds_bucket{le="0.05",…}`.
    pub series: String,
    /// The observed value (seconds for durations).
    pub value: f64,
    /// Where it was found: a node id, or `prometheus`.
    pub from: String,
}

/// `request trace -o json`:
/// `{"trace_id","request_id","source":"jaeger"|"nodes","spans":[{"span_id","parent_span_id",
/// "node_id","name","start_unix_nano","duration_ns","status","attributes"}],"critical_path":[…],
/// "logs":[…],"logs_source","metrics":[…],"duration_ns","skew":[…],"warnings":[…],"errors":[…]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct TraceReport {
    /// W3C trace id.
    pub trace_id: String,
    /// Request id, when known.
    pub request_id: Option<String>,
    /// `jaeger` or `nodes`.
    pub source: String,
    /// Spans as recorded (clock-skew corrections are in `skew`, not applied here).
    pub spans: Vec<Span>,
    /// Span ids on the critical path, in time order.
    pub critical_path: Vec<String>,
    /// Log lines of the trace, oldest first.
    pub logs: Vec<LogLine>,
    /// `loki`, `nodes`, or `none` (`--no-logs`).
    pub logs_source: String,
    /// Exemplar-linked metric observations.
    pub metrics: Vec<LinkedMetric>,
    /// End-to-end duration after skew correction, nanoseconds.
    pub duration_ns: u64,
    /// Clock corrections applied when drawing.
    pub skew: Vec<SkewAdjustment>,
    /// Damage found in the trace or its sources (drawn anyway).
    pub warnings: Vec<String>,
    /// Nodes or back ends that did not answer.
    pub errors: Vec<String>,
    #[serde(skip)]
    assembled: Assembled,
    #[serde(skip)]
    options: WaterfallOptions,
}

impl Report for TraceReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut out = String::new();
        let nodes: BTreeSet<&str> = self.spans.iter().map(|s| s.node_id.as_str()).collect();
        let errors = self
            .spans
            .iter()
            .filter(|s| s.status == SpanStatus::Error)
            .count();
        let _ = writeln!(
            out,
            "{} {}{}  {} spans on {} nodes  {}  source: {}{}",
            style.bold("trace"),
            self.trace_id,
            self.request_id
                .as_deref()
                .map(|r| format!("  request {r}"))
                .unwrap_or_default(),
            self.spans.len(),
            nodes.len(),
            style.bold(&ms(self.duration_ns)),
            self.source,
            if errors > 0 {
                format!("  {}", style.bad(&format!("{errors} failed span(s)")))
            } else {
                String::new()
            }
        );
        if let Some(h) = hot_spot(&self.assembled) {
            let _ = writeln!(out, "{} {h}", style.warn("slowest on the critical path:"));
        }
        out.push('\n');
        out.push_str(&waterfall::render(&self.assembled, &self.options, style));
        out.push('\n');
        for s in &self.skew {
            let _ = writeln!(
                out,
                "{} {}'s clock shifted {:+.3} ms to fit inside its caller on {}",
                style.dim("clock skew:"),
                s.node_id,
                s.shift_ns as f64 / 1e6,
                s.relative_to
            );
        }
        if !self.metrics.is_empty() {
            let _ = writeln!(out, "\n{}", style.bold("metrics linked by exemplar"));
            for m in self.metrics.iter().take(MAX_METRICS_SHOWN) {
                let _ = writeln!(out, "  {}  {}  {}", m.series, m.value, style.dim(&m.from));
            }
            if self.metrics.len() > MAX_METRICS_SHOWN {
                let _ = writeln!(
                    out,
                    "  {}",
                    style.dim(&format!(
                        "showing {MAX_METRICS_SHOWN} of {} (all in -o json)",
                        self.metrics.len()
                    ))
                );
            }
        }
        if self.logs_source != "none" {
            let _ = writeln!(
                out,
                "\n{} ({} from {})",
                style.bold("logs"),
                self.logs.len(),
                self.logs_source
            );
            if self.logs.is_empty() {
                let _ = writeln!(out, "  {}", style.dim("no log lines for this trace"));
            }
            for l in &self.logs {
                let _ = writeln!(out, "  {}", render_line(l, style));
            }
        }
        for w in &self.warnings {
            let _ = writeln!(out, "{} {w}", style.warn("warning:"));
        }
        for e in &self.errors {
            let _ = writeln!(out, "{} {e}", style.warn("not answered:"));
        }
        out.trim_end().to_string()
    }
}

impl TraceReport {
    /// The waterfall alone (header, bars, legend, clock-skew notes), without metrics or logs:
    /// `top` draws the logs in a pane of their own.
    pub fn waterfall_text(&self, style: &Style) -> String {
        let mut out = waterfall::render(&self.assembled, &self.options, style);
        for s in &self.skew {
            let _ = write!(
                out,
                "\nclock skew: {}'s clock shifted {:+.3} ms to fit inside its caller on {}",
                s.node_id,
                s.shift_ns as f64 / 1e6,
                s.relative_to
            );
        }
        out
    }
    /// The critical-path span that spent the most time itself, and its node:
    /// `(node, "layer.execute L3 on compute-2: 61.20ms of its own, 41% of the request")`.
    pub fn slowest(&self) -> Option<(String, String)> {
        hot_spot_row(&self.assembled).map(|(node, text)| (node.to_string(), text))
    }
}

/// The critical-path span that spent the most time itself (its duration less its critical
/// children's), e.g. `layer.execute L3 on compute-2: 61.20ms of its own, 41% of the request`.
fn hot_spot(a: &Assembled) -> Option<String> {
    hot_spot_row(a).map(|(_, text)| text)
}

fn hot_spot_row(a: &Assembled) -> Option<(&str, String)> {
    let mut self_ns: Vec<u64> = a.rows.iter().map(|r| r.span.duration_ns).collect();
    for r in a.rows.iter().filter(|r| r.critical) {
        if let Some(p) = r.parent {
            self_ns[p] = self_ns[p].saturating_sub(r.span.duration_ns);
        }
    }
    let (i, r) = a
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.critical && (r.parent.is_some() || a.rows.len() == 1))
        .max_by_key(|(i, _)| self_ns[*i])?;
    let layer = r
        .span
        .attributes
        .get("layer.id")
        .map(|l| format!(" L{l}"))
        .unwrap_or_default();
    let to = r
        .span
        .attributes
        .get("to")
        .map(|t| format!(" → {t}"))
        .unwrap_or_default();
    Some((
        r.span.node_id.as_str(),
        format!(
            "{}{layer}{to} on {}: {} of its own, {:.0}% of the request",
            r.span.name,
            r.span.node_id,
            ms(self_ns[i]),
            self_ns[i] as f64 * 100.0 / a.total_ns.max(1) as f64
        ),
    ))
}

/// `request trace`: the typed report (`top` uses it for its waterfall overlay).
pub async fn trace(args: TraceArgs, ctx: &Ctx<'_>) -> Result<TraceReport> {
    let settings = ctx.settings()?;
    let use_jaeger = choose(args.source.asked(), settings.jaeger.is_some()) == Origin::Backend;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut id = args.id.trim().to_string();
    if id == "@slowest" {
        let (node, trace_id) = super::search::slowest_node(ctx, args.since).await?;
        warnings.push(format!(
            "@slowest: trace {trace_id}, the slowest of the last {}; its slowest node is {node}",
            humantime::format_duration(args.since)
        ));
        id = trace_id;
    }
    let (mut request_id, given_trace) = if is_trace_id(&id) {
        (None, Some(id.to_ascii_lowercase()))
    } else if id.is_empty() || id.len() > 256 {
        return Err(Error::Usage(
            "give a request id (req_…) or a 32-hex trace id".into(),
        ));
    } else {
        (Some(id.clone()), None)
    };
    // Nodes are needed for the embedded default, and for logs and metrics without Loki or
    // Prometheus.
    let need_nodes =
        !use_jaeger || (!args.no_logs && settings.loki.is_none()) || settings.prometheus.is_none();
    let members: Vec<Member> = if need_nodes {
        match ctx.discover().await {
            Ok(d) => d.members,
            Err(e) if use_jaeger => {
                warnings.push(format!("nodes (for logs and metrics): {e}"));
                Vec::new()
            }
            Err(e) => return Err(e),
        }
    } else {
        Vec::new()
    };
    let mut members = members;
    let mut targets = embedded::targets_of(&members);

    // 1-2. The trace id and its spans: from Jaeger, or the nodes' buffers. Jaeger keeps only the
    //      traces its sampling kept, so in auto mode a miss there falls back to the nodes.
    let mut found = None;
    if use_jaeger {
        let given = given_trace.clone();
        match from_jaeger(
            settings,
            given,
            request_id.as_deref(),
            args.since,
            &mut warnings,
        )
        .await
        {
            Ok((t, s)) => found = Some(("jaeger", t, s)),
            Err(Error::NotFound(why)) if args.source == SpanSource::Auto => {
                warnings.push(format!(
                    "jaeger: {why}; read the nodes' span buffers instead"
                ));
                if members.is_empty() {
                    members = ctx.discover().await?.members;
                    targets = embedded::targets_of(&members);
                }
            }
            Err(e) => return Err(e),
        }
    }
    let (source, trace_id, mut spans) = match found {
        Some(f) => f,
        None => {
            let req = request_id.as_deref();
            let (t, s) =
                from_nodes(ctx, &targets, given_trace, req, &mut errors, &mut warnings).await?;
            ("nodes", t, s)
        }
    };
    spans.retain(|s| s.trace_id.eq_ignore_ascii_case(&trace_id));
    if spans.is_empty() {
        return Err(Error::NotFound(format!(
            "trace {trace_id} has no spans in {source}{}",
            if errors.is_empty() {
                String::new()
            } else {
                format!(" ({} sources did not answer)", errors.len())
            }
        )));
    }

    // 3. Its logs.
    let min_level = args.level.as_deref().map(level_rank).unwrap_or(0);
    let (logs_source, mut logs) = if args.no_logs {
        ("none", Vec::new())
    } else {
        match trace_logs_from_loki(settings, &trace_id, &spans).await {
            Some(Ok(lines)) => {
                if lines.len() >= MAX_TRACE_LOGS as usize {
                    warnings.push(format!(
                        "loki: showing the first {MAX_TRACE_LOGS} log lines of this trace; more may match"
                    ));
                }
                ("loki", lines)
            }
            Some(Err(e)) => {
                warnings.push(format!("loki: {e}; showing the nodes' buffers instead"));
                let found = node_logs(ctx, &targets, &trace_id, &args.level).await;
                warnings.extend(found.limit_warning(
                    "log lines",
                    MAX_TRACE_LOGS,
                    "this trace may have more",
                ));
                errors.extend(found.errors);
                ("nodes", found.items)
            }
            None => {
                let found = node_logs(ctx, &targets, &trace_id, &args.level).await;
                warnings.extend(found.limit_warning(
                    "log lines",
                    MAX_TRACE_LOGS,
                    "this trace may have more",
                ));
                errors.extend(found.errors);
                ("nodes", found.items)
            }
        }
    };
    logs.retain(|l| level_rank(&l.level) >= min_level);
    if request_id.is_none() {
        request_id = logs
            .iter()
            .map(|l| l.request_id.clone())
            .chain(
                spans
                    .iter()
                    .filter_map(|s| s.attributes.get("request_id").cloned()),
            )
            .find(|r| !r.is_empty());
    }
    // A Byzantine event logged inside a span marks that span.
    let byzantine_spans: BTreeSet<String> = logs
        .iter()
        .filter(|l| l.fields.get("byzantine").is_some_and(|v| v == "true"))
        .map(|l| l.span_id.clone())
        .collect();
    for s in &mut spans {
        if byzantine_spans.contains(&s.span_id) {
            s.attributes.insert("byzantine".into(), "true".into());
        }
    }

    // 4. Metrics linked by exemplars.
    let metrics = match PrometheusClient::from_settings(settings) {
        Ok(prom) => match prometheus_exemplars(&prom, &trace_id, &spans).await {
            Ok(m) => m,
            Err(e) => {
                warnings.push(format!("prometheus exemplars: {e}"));
                Vec::new()
            }
        },
        Err(_) => node_exemplars(ctx, &members, &trace_id).await,
    };

    let mut metrics = metrics;
    // Requests first, then by series: the end-to-end histogram is the one to read first.
    metrics.sort_by(|a, b| {
        let req = |m: &LinkedMetric| !m.series.starts_with("butterfly_request_duration");
        (req(a), &a.series, &a.from).cmp(&(req(b), &b.series, &b.from))
    });
    metrics.dedup();
    let assembled = assemble(spans.clone());
    warnings.extend(assembled.warnings.iter().cloned());
    spans.sort_by_key(|s| (s.start_unix_nano, s.span_id.clone()));
    Ok(TraceReport {
        trace_id,
        request_id,
        source: source.into(),
        spans,
        critical_path: assembled.critical_path.clone(),
        logs,
        logs_source: logs_source.into(),
        metrics,
        duration_ns: assembled.total_ns,
        skew: assembled.skew.clone(),
        warnings,
        errors,
        options: WaterfallOptions {
            min_duration_ns: args
                .min_duration
                .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
                .unwrap_or(0),
            ..WaterfallOptions::default()
        },
        assembled,
    })
}

/// A trace's id and spans from Jaeger: by trace id, or by a tag search for the request id.
async fn from_jaeger(
    settings: &crate::config::Settings,
    trace_id: Option<String>,
    request_id: Option<&str>,
    since: Duration,
    warnings: &mut Vec<String>,
) -> Result<(String, Vec<Span>)> {
    let jaeger = JaegerClient::from_settings(settings)?;
    let trace_id = match (trace_id, request_id) {
        (Some(t), _) => t,
        (None, Some(req)) => {
            let ids = jaeger
                .find_trace_ids_by_attribute(JAEGER_SERVICE, "request_id", req, since)
                .await?;
            if ids.len() > 1 {
                warnings.push(format!(
                    "{} traces carry request_id={req}; showing the first",
                    ids.len()
                ));
            }
            ids.into_iter().next().ok_or_else(|| {
                Error::NotFound(format!(
                    "no trace in Jaeger has request_id={req} in the last {} (not sampled?)",
                    humantime::format_duration(since)
                ))
            })?
        }
        (None, None) => return Err(Error::Usage("nothing to trace".into())),
    };
    let spans = jaeger.get_trace(&trace_id).await?;
    Ok((trace_id, spans))
}

/// A trace's id and spans from the nodes' span buffers.
async fn from_nodes(
    ctx: &Ctx<'_>,
    targets: &[Target],
    trace_id: Option<String>,
    request_id: Option<&str>,
    errors: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<(String, Vec<Span>)> {
    let trace_id = match (trace_id, request_id) {
        (Some(t), _) => t,
        (None, Some(req)) => {
            let (t, errs) = embedded::trace_of_request(ctx, targets, req).await?;
            errors.extend(errs);
            t.ok_or_else(|| {
                Error::NotFound(format!(
                    "request {req} is in no node's span buffer ({} nodes asked): it is older than the buffers hold, or the id is wrong",
                    targets.len()
                ))
            })?
        }
        (None, None) => return Err(Error::Usage("nothing to trace".into())),
    };
    let found = embedded::spans(
        ctx,
        targets,
        QuerySpansRequest {
            trace_id: trace_id.clone(),
            limit: embedded::MAX_SPANS_PER_NODE,
            ..Default::default()
        },
    )
    .await?;
    warnings.extend(found.limit_warning(
        "spans",
        embedded::MAX_SPANS_PER_NODE,
        "the trace may be cut short",
    ));
    errors.extend(found.errors);
    Ok((trace_id, found.items))
}

/// The trace's lines from Loki, when Loki is configured: `{job="butterfly"} | json |
/// trace_id="…"` over the trace's time range with a minute of margin.
async fn trace_logs_from_loki(
    settings: &crate::config::Settings,
    trace_id: &str,
    spans: &[Span],
) -> Option<std::result::Result<Vec<LogLine>, String>> {
    settings.loki.as_ref()?;
    let run = async {
        let loki = LokiClient::from_settings(settings)?;
        let (start, end) = time_range(spans);
        // trace_id is validated hex, so it needs no escaping inside the LogQL string.
        let logql = format!(r#"{{job="butterfly"}} | json | trace_id="{trace_id}""#);
        loki.query_range(
            &logql,
            start.saturating_sub(60_000_000_000),
            end.saturating_add(60_000_000_000),
            MAX_TRACE_LOGS,
            Direction::Forward,
        )
        .await
    };
    Some(run.await.map_err(|e| e.to_string()))
}

async fn node_logs(
    ctx: &Ctx<'_>,
    targets: &[Target],
    trace_id: &str,
    level: &Option<String>,
) -> Found<LogLine> {
    if targets.is_empty() {
        return Found::default();
    }
    embedded::logs(
        ctx,
        targets,
        QueryLogsRequest {
            trace_id: trace_id.to_string(),
            min_level: level.clone().unwrap_or_default().to_ascii_uppercase(),
            limit: MAX_TRACE_LOGS,
            ..Default::default()
        },
    )
    .await
    .unwrap_or_else(|e| Found {
        errors: vec![format!("nodes: {e}")],
        ..Found::default()
    })
}

async fn prometheus_exemplars(
    prom: &PrometheusClient,
    trace_id: &str,
    spans: &[Span],
) -> std::result::Result<Vec<LinkedMetric>, crate::sources::SourceError> {
    let (start, end) = time_range(spans);
    let (start_ms, end_ms) = (start / 1_000_000, end / 1_000_000);
    let r = prom
        .query_exemplars(
            r#"{__name__=~"butterfly_.+_bucket"}"#,
            i64::try_from(start_ms).unwrap_or(0) - 60_000,
            i64::try_from(end_ms).unwrap_or(0) + 120_000,
        )
        .await?;
    let mut out = Vec::new();
    for s in r.data {
        for e in s.exemplars {
            if e.labels
                .get("trace_id")
                .is_some_and(|t| t.eq_ignore_ascii_case(trace_id))
            {
                out.push(LinkedMetric {
                    series: crate::sources::prometheus::series_name(&s.series_labels),
                    value: e.value,
                    from: "prometheus".into(),
                });
            }
        }
    }
    Ok(out)
}

/// Exemplars carrying `trace_id` in the nodes' own `/metrics` (best effort: a bucket keeps one
/// exemplar, replaced by a later traced observation once it is a second old, and a request that
/// lands within a second of an earlier one in the same bucket may have none).
async fn node_exemplars(ctx: &Ctx<'_>, members: &[Member], trace_id: &str) -> Vec<LinkedMetric> {
    let timeout = ctx
        .settings()
        .map(|s| s.timeout)
        .unwrap_or(Duration::from_secs(5));
    let mut addrs: BTreeMap<String, String> = BTreeMap::new();
    for m in members {
        if !m.http_addr.is_empty() && !addrs.values().any(|a| *a == m.http_addr) {
            addrs.insert(m.id.clone(), m.http_addr.clone());
        }
    }
    let fetches = addrs.into_iter().map(|(id, addr)| async move {
        let mut cfg = SourceConfig::new(format!("http://{addr}"));
        cfg.timeout = timeout;
        cfg.max_body_bytes = NODE_METRICS_MAX_BYTES;
        let text = match Http::new("node metrics", &cfg) {
            Ok(http) => http
                .get(
                    &["metrics"],
                    &[],
                    &[("accept", "application/openmetrics-text; version=1.0.0")],
                )
                .await
                .ok()
                .filter(|r| r.status.is_success())
                .map(|r| String::from_utf8_lossy(&r.body).into_owned())
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        exemplars_in_exposition(&text, trace_id)
            .into_iter()
            .map(|(series, value)| LinkedMetric {
                series,
                value,
                from: id.clone(),
            })
            .collect::<Vec<_>>()
    });
    futures::future::join_all(fetches)
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// `(series, exemplar value)` of every OpenMetrics exemplar whose labels carry `trace_id`.
pub fn exemplars_in_exposition(text: &str, trace_id: &str) -> Vec<(String, f64)> {
    let needle = format!("trace_id=\"{trace_id}\"");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (sample, exemplar) = l.split_once(" # ")?;
            if !exemplar.contains(&needle) {
                return None;
            }
            let series = sample.rsplit_once(' ').map(|(s, _)| s)?.to_string();
            let after = exemplar.split_once('}')?.1.trim();
            let value = after.split_whitespace().next()?.parse::<f64>().ok()?;
            Some((series, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exemplars_are_found_by_trace_id() {
        let text = "# TYPE butterfly_request_duration_seconds histogram\n\
            butterfly_request_duration_seconds_bucket{model=\"m\",le=\"0.05\"} 3 # {trace_id=\"abc\",span_id=\"01\"} 0.0123 1690000000.123\n\
            butterfly_request_duration_seconds_bucket{model=\"m\",le=\"0.1\"} 4 # {trace_id=\"zzz\"} 0.07\n";
        assert_eq!(
            exemplars_in_exposition(text, "abc"),
            [(
                "butterfly_request_duration_seconds_bucket{model=\"m\",le=\"0.05\"}".to_string(),
                0.0123
            )]
        );
        assert!(exemplars_in_exposition("garbage # {", "abc").is_empty());
    }
}
