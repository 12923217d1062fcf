//! The embedded default source: spans and logs read from every node's ring buffers
//! (`QuerySpans`, `QueryLogs`) through the fan-out client, for clusters without Jaeger or Loki.

use crate::error::Result;
use crate::fanout::Target;
use crate::logs::LogLine;
use crate::session::Ctx;
use crate::trace::{Span, SpanStatus};
use butterfly_proto::debug::{LogEntry, Member, QueryLogsRequest, QuerySpansRequest};

/// Most spans asked of one node for one trace: 10 000.
pub const MAX_SPANS_PER_NODE: u32 = 10_000;

/// What a fan-out over the nodes' buffers found.
#[derive(Debug)]
pub struct Found<T> {
    /// Everything found, from every node that answered.
    pub items: Vec<T>,
    /// Nodes that did not answer, with why (`node: error`).
    pub errors: Vec<String>,
    /// Entries the nodes' buffers dropped since they started (a hint that history is missing).
    pub dropped: u64,
    /// Nodes that answered with as many entries as asked for: there may be more.
    pub at_limit: Vec<String>,
}

impl<T> Default for Found<T> {
    fn default() -> Self {
        Found {
            items: Vec::new(),
            errors: Vec::new(),
            dropped: 0,
            at_limit: Vec::new(),
        }
    }
}

impl<T> Found<T> {
    /// The warning for nodes that answered with `limit` entries, the most asked for:
    /// `"compute-1, compute-2 answered with the most spans asked for (N): {consequence}"`.
    pub fn limit_warning(&self, what: &str, limit: u32, consequence: &str) -> Option<String> {
        (!self.at_limit.is_empty()).then(|| {
            format!(
                "{} answered with the most {what} asked for ({limit}): {consequence}",
                self.at_limit.join(", ")
            )
        })
    }
}

/// Every member's debug address, as fan-out targets.
pub async fn targets(ctx: &Ctx<'_>) -> Result<Vec<Target>> {
    Ok(targets_of(&ctx.discover().await?.members))
}

/// The fan-out targets of `members` (those with a debug address), one per address: a swarm
/// process serves many virtual nodes, and all of their spans and logs, behind one address.
pub fn targets_of(members: &[Member]) -> Vec<Target> {
    let mut seen = std::collections::HashSet::new();
    members
        .iter()
        .filter(|m| !m.debug_addr.is_empty() && seen.insert(m.debug_addr.as_str()))
        .map(|m| Target {
            id: m.id.clone(),
            addr: m.debug_addr.clone(),
        })
        .collect()
}

/// Spans matching `query` from every target's buffer (assembly drops any span reported twice).
pub async fn spans(
    ctx: &Ctx<'_>,
    targets: &[Target],
    query: QuerySpansRequest,
) -> Result<Found<Span>> {
    gather(
        ctx,
        targets,
        query.limit,
        |mut c| {
            let q = query.clone();
            async move { c.query_spans(q).await.map(|r| r.into_inner()) }
        },
        |r| {
            (
                r.spans.into_iter().map(span_from_proto).collect(),
                r.dropped,
            )
        },
    )
    .await
}

/// Calls every target and collects what `split` takes out of each answer (items, drops).
async fn gather<R, T, F, Fut>(
    ctx: &Ctx<'_>,
    targets: &[Target],
    limit: u32,
    call: F,
    split: impl Fn(R) -> (Vec<T>, u64),
) -> Result<Found<T>>
where
    F: Fn(crate::client::DebugClient) -> Fut,
    Fut: std::future::Future<Output = std::result::Result<R, tonic::Status>>,
{
    let pool = ctx.pool()?;
    let results = ctx.fanout()?.run(&pool, targets, call).await;
    let mut found = Found::default();
    for (t, r) in targets.iter().zip(results) {
        match r {
            Ok(resp) => {
                let (items, dropped) = split(resp);
                found.dropped += dropped;
                if limit > 0 && items.len() >= limit as usize {
                    found.at_limit.push(t.label().to_string());
                }
                found.items.extend(items);
            }
            Err(e) => found.errors.push(format!("{}: {e}", t.label())),
        }
    }
    Ok(found)
}

/// The trace id of `request_id`, asked of every target; `None` when no buffer has it.
pub async fn trace_of_request(
    ctx: &Ctx<'_>,
    targets: &[Target],
    request_id: &str,
) -> Result<(Option<String>, Vec<String>)> {
    let found = spans(
        ctx,
        targets,
        QuerySpansRequest {
            request_id: request_id.to_string(),
            limit: 1,
            ..Default::default()
        },
    )
    .await?;
    Ok((
        found.items.into_iter().next().map(|s| s.trace_id),
        found.errors,
    ))
}

/// Log entries matching `query` from every target's buffer, oldest first.
pub async fn logs(
    ctx: &Ctx<'_>,
    targets: &[Target],
    query: QueryLogsRequest,
) -> Result<Found<LogLine>> {
    let mut found = gather(
        ctx,
        targets,
        query.limit,
        |mut c| {
            let q = query.clone();
            async move { c.query_logs(q).await.map(|r| r.into_inner()) }
        },
        |r| {
            (
                r.entries.into_iter().map(log_from_proto).collect(),
                r.dropped,
            )
        },
    )
    .await?;
    found.items.sort_by(|a, b| {
        (a.ts_unix_nano, &a.node_id, &a.message).cmp(&(b.ts_unix_nano, &b.node_id, &b.message))
    });
    found.items.dedup();
    Ok(found)
}

/// A node's span, normalized.
pub fn span_from_proto(s: butterfly_proto::debug::Span) -> Span {
    Span {
        status: match s.status.as_str() {
            "error" => SpanStatus::Error,
            "ok" => SpanStatus::Ok,
            _ => SpanStatus::Unset,
        },
        parent_span_id: Some(s.parent_span_id).filter(|p| !p.is_empty()),
        trace_id: s.trace_id,
        span_id: s.span_id,
        node_id: s.node_id,
        name: s.name,
        start_unix_nano: s.start_unix_nano,
        duration_ns: s.duration_ns,
        attributes: s.attributes.into_iter().collect(),
    }
}

/// A node's log entry, normalized.
pub fn log_from_proto(e: LogEntry) -> LogLine {
    let mut fields: std::collections::BTreeMap<String, String> = e.fields.into_iter().collect();
    if e.consensus_term > 0 {
        fields.insert("consensus_term".into(), e.consensus_term.to_string());
    }
    LogLine {
        ts_unix_nano: e.ts_unix_nano,
        level: e.level.to_ascii_uppercase(),
        message: e.message,
        node_id: e.node_id,
        trace_id: e.trace_id,
        span_id: e.span_id,
        request_id: e.request_id,
        component: e.component,
        fields,
    }
}
