//! `top`'s pollers: one task per source, each calling an existing command's function with a
//! deadline and writing the answer (or the error, keeping the last good data) into [`Data`].
//! Each task has its own sibling session (its own connection pool), so a slow source never
//! holds up another, and the UI loop never waits on any of them.

use super::state::{
    events_from, layers_of, rates_between, record_history, Data, LayerInfo, Source,
};
use crate::commands::request::search::{SearchArgs, StatusFilter};
use crate::commands::request::{SpanSource, TraceArgs};
use crate::commands::{audit, cluster, fault, latency, node, request};
use crate::opts::GlobalOpts;
use crate::session::{Ctx, Session};
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// Calls made at once by the Layers poller (one `node status` per compute node): 8.
pub const LAYER_CONCURRENCY: usize = 8;

/// Shared between the pollers and the UI loop.
pub type Shared = Arc<Mutex<Data>>;

/// Timing of the pollers.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Time between two polls of one source.
    pub every: Duration,
    /// Deadline of one poll; past it the poll counts as failed.
    pub deadline: Duration,
}

fn store<T>(shared: &Shared, slot: fn(&mut Data) -> &mut Source<T>, r: Result<T, String>) {
    if let Ok(mut d) = shared.lock() {
        let s = slot(&mut d);
        match r {
            Ok(v) => {
                s.data = Some(v);
                s.updated = Some(Instant::now());
                s.error = None;
            }
            Err(e) => s.error = Some(e),
        }
    }
}

async fn timed<T>(
    deadline: Duration,
    f: impl std::future::Future<Output = Result<T, String>>,
) -> Result<T, String> {
    match tokio::time::timeout(deadline, f).await {
        Ok(r) => r,
        Err(_) => Err(format!(
            "no answer within {}",
            humantime::format_duration(deadline)
        )),
    }
}

/// Sources polled whatever the view.
fn always(_: &Data) -> bool {
    true
}

/// The latency matrix (N² pings across the cluster) is polled only while the Links view is shown.
fn on_links(d: &Data) -> bool {
    d.view == super::state::View::Links
}

/// The trace search (a call to every node, or Jaeger) runs only while the Requests view is
/// shown.
fn on_requests(d: &Data) -> bool {
    d.view == super::state::View::Requests
}

/// How often a poller whose view is hidden looks whether it is shown again: 100 ms (so a view
/// switched to is polled at once, not an interval later).
const GATE_TICK: Duration = Duration::from_millis(100);

fn wanted(shared: &Shared, gate: fn(&Data) -> bool) -> bool {
    shared.lock().map(|d| gate(&d)).unwrap_or(false)
}

macro_rules! poller {
    ($session:expr, $opts:expr, $shared:expr, $timing:expr, $slot:expr, $fetch:path) => {
        poller!($session, $opts, $shared, $timing, $slot, $fetch, always)
    };
    ($session:expr, $opts:expr, $shared:expr, $timing:expr, $slot:expr, $fetch:path, $gate:expr) => {{
        let session = Arc::new($session.sibling());
        let opts = $opts.clone();
        let shared = $shared.clone();
        let timing: Timing = $timing;
        tokio::task::spawn_local(async move {
            let ctx = session.context(&opts);
            let mut last: Option<tokio::time::Instant> = None;
            loop {
                let due = last.is_none_or(|t| t.elapsed() >= timing.every);
                if due && wanted(&shared, $gate) {
                    last = Some(tokio::time::Instant::now());
                    let r = timed(timing.deadline, $fetch(&ctx, &shared)).await;
                    store(&shared, $slot, r);
                }
                // Until the next poll is due, at most a gate tick (a hidden view looks again).
                let left =
                    last.map_or(Duration::ZERO, |t| timing.every.saturating_sub(t.elapsed()));
                let wait = if left.is_zero() {
                    GATE_TICK
                } else {
                    left.min(GATE_TICK)
                };
                tokio::time::sleep(wait).await;
            }
        })
    }};
}

/// Starts every poller; the handles abort them when dropped through [`Pollers`].
pub fn start(session: &Session, opts: &GlobalOpts, shared: &Shared, timing: Timing) -> Pollers {
    Pollers(vec![
        poller!(session, opts, shared, timing, |d| &mut d.nodes, fetch_nodes),
        poller!(
            session,
            opts,
            shared,
            timing,
            |d| &mut d.layers,
            fetch_layers
        ),
        poller!(
            session,
            opts,
            shared,
            timing,
            |d| &mut d.requests,
            fetch_requests,
            on_requests
        ),
        poller!(
            session,
            opts,
            shared,
            timing,
            |d| &mut d.latency,
            super::poll_latency::fetch_latency
        ),
        poller!(
            session,
            opts,
            shared,
            timing,
            |d| &mut d.links,
            fetch_links,
            on_links
        ),
        poller!(
            session,
            opts,
            shared,
            timing,
            |d| &mut d.events,
            fetch_events
        ),
    ])
}

/// Running poller tasks, aborted on drop (every exit path of `top`).
pub struct Pollers(pub Vec<JoinHandle<()>>);

impl Drop for Pollers {
    fn drop(&mut self) {
        for h in &self.0 {
            h.abort();
        }
    }
}

async fn fetch_nodes(
    ctx: &Ctx<'_>,
    shared: &Shared,
) -> Result<Vec<super::state::NodeInfo>, String> {
    let direct = shared.lock().map(|d| d.direct).unwrap_or(false);
    let report = cluster::status_report(ctx, direct)
        .await
        .map_err(|e| e.to_string())?;
    let from = match report.source.strip_prefix("summary:") {
        Some(c) => format!("{c}'s heartbeat summaries (1 call)"),
        None if direct => "every node (fan-out, --direct)".to_string(),
        None => "every node (fan-out: no coordinator gave its summaries)".to_string(),
    };
    let red = if report.red.is_some() {
        " + Prometheus"
    } else {
        ""
    };
    let mut nodes: Vec<super::state::NodeInfo> = report.nodes.iter().map(Into::into).collect();
    if let Ok(mut d) = shared.lock() {
        d.summary_layers = Some(layers_of(&report.layers, &nodes));
        d.nodes.source = format!("{from}{red}");
        let now = Instant::now();
        if let (Some(prev), Some(at)) = (&d.nodes.data, d.nodes.updated) {
            rates_between(prev, &mut nodes, now.saturating_duration_since(at));
        }
        record_history(&mut d.history, &nodes);
    }
    Ok(nodes)
}

async fn fetch_layers(ctx: &Ctx<'_>, shared: &Shared) -> Result<Vec<LayerInfo>, String> {
    // From a coordinator's summary: the replicated layer assignment came with the node rows
    // (no call per compute node).
    if let Ok(d) = shared.lock() {
        if !d.direct {
            return d
                .summary_layers
                .clone()
                .ok_or_else(|| "waiting for the coordinator's summary".to_string());
        }
    }
    let compute: Vec<(String, String)> = {
        let d = shared.lock().map_err(|_| "state poisoned".to_string())?;
        match &d.nodes.data {
            Some(n) => n
                .iter()
                .filter(|n| n.role == "compute")
                .map(|n| (n.id.clone(), n.health_word().to_string()))
                .collect(),
            None => return Err("waiting for the node list".into()),
        }
    };
    let answers: Vec<(String, String, Option<serde_json::Value>)> =
        futures::stream::iter(compute.into_iter().map(|(id, health)| async move {
            let r = node::exec(node::NodeCommand::Status { node: id.clone() }, ctx).await;
            (id, health, r.ok().map(|r| r.to_json()))
        }))
        .buffer_unordered(LAYER_CONCURRENCY)
        .collect()
        .await;
    let mut by_layer: std::collections::BTreeMap<u32, Vec<(String, String)>> = Default::default();
    for (id, health, json) in answers {
        let Some(json) = json else { continue };
        for l in json
            .get("layers")
            .and_then(|l| l.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(layer) = l.get("layer").and_then(|v| v.as_u64()) {
                by_layer
                    .entry(layer as u32)
                    .or_default()
                    .push((id.clone(), health.clone()));
            }
        }
    }
    Ok(by_layer
        .into_iter()
        .map(|(layer, mut replicas)| {
            replicas.sort();
            LayerInfo { layer, replicas }
        })
        .collect())
}

async fn fetch_requests(
    ctx: &Ctx<'_>,
    _shared: &Shared,
) -> Result<Vec<request::search::TraceSummary>, String> {
    let slow = SearchArgs {
        limit: 15,
        ..SearchArgs::default()
    };
    let failed = SearchArgs {
        limit: 10,
        status: Some(StatusFilter::Error),
        ..SearchArgs::default()
    };
    let (a, b) = tokio::join!(
        request::search::exec(slow, ctx),
        request::search::exec(failed, ctx)
    );
    let a = a.map_err(|e| e.to_string())?;
    let mut out = a.traces;
    if let Ok(b) = b {
        for t in b.traces {
            if !out.iter().any(|o| o.trace_id == t.trace_id) {
                out.push(t);
            }
        }
    }
    Ok(out)
}

async fn fetch_links(ctx: &Ctx<'_>, _shared: &Shared) -> Result<latency::LatencyMatrix, String> {
    let cmd = latency::LatencyCommand::Matrix {
        nodes: Vec::new(),
        count: 3,
        ping_timeout: Duration::from_millis(500),
        watch: false,
        interval: Duration::from_secs(2),
        iterations: 0,
    };
    let report = latency::exec(cmd, ctx).await.map_err(|e| e.to_string())?;
    serde_json::from_value(report.to_json()).map_err(|e| format!("unexpected matrix: {e}"))
}

async fn fetch_events(
    ctx: &Ctx<'_>,
    shared: &Shared,
) -> Result<Vec<super::state::EventLine>, String> {
    // What changed between Nodes polls: no call at all (the summaries carry the faults,
    // reputations and Raft positions).
    let direct = {
        let mut d = shared.lock().map_err(|_| "state poisoned".to_string())?;
        if let Some(cur) = d.nodes.data.clone() {
            let new = super::events::node_events(
                d.events_seen.as_deref(),
                &cur,
                &super::events::now_hms(),
            );
            for e in new {
                if d.node_events.len() == super::events::MAX_NODE_EVENTS {
                    d.node_events.pop_front();
                }
                d.node_events.push_back(e);
            }
            d.events_seen = Some(cur);
        }
        d.events.source = if d.direct {
            "node polls + fault list + console audit".into()
        } else {
            "heartbeat summaries + console audit".into()
        };
        d.direct
    };
    // `fault list` asks every node: only with --direct.
    let faults = if direct {
        Some(
            fault::exec(
                fault::FaultCommand::List {
                    node: None,
                    limit: 20,
                },
                ctx,
            )
            .await
            .map(|r| r.to_json()),
        )
    } else {
        None
    };
    let trail = audit::exec(
        audit::AuditCommand::Show {
            limit: 10,
            file: None,
        },
        ctx,
    )
    .await
    .map(|r| r.to_json());
    if let (Some(Err(a)), Err(b)) = (&faults, &trail) {
        return Err(format!("{a}; {b}"));
    }
    let mut out = events_from(
        faults.as_ref().and_then(|f| f.as_ref().ok()),
        trail.as_ref().ok(),
    );
    if let Ok(d) = shared.lock() {
        out.extend(d.node_events.iter().cloned());
    }
    // Newest last, by time of day (stable: each source's order kept within a second).
    out.sort_by(|a, b| a.at.cmp(&b.at));
    match (&trail, out.is_empty()) {
        (Err(e), true) => Err(e.to_string()),
        _ => Ok(out),
    }
}

/// Fetches one trace's waterfall (`request trace`, rendered without colour) into
/// `Data::waterfall`.
pub fn open_trace(
    session: &Session,
    opts: &GlobalOpts,
    shared: &Shared,
    id: String,
    deadline: Duration,
) -> JoinHandle<()> {
    if let Ok(mut d) = shared.lock() {
        d.waterfall = Some((id.clone(), Source::new("request trace")));
    }
    let session = Arc::new(session.sibling());
    let opts = opts.clone();
    let shared = shared.clone();
    tokio::task::spawn_local(async move {
        let ctx = session.context(&opts);
        let args = TraceArgs {
            id: id.clone(),
            logs: true,
            no_logs: false,
            level: None,
            min_duration: None,
            source: SpanSource::Auto,
            since: Duration::from_secs(3600),
        };
        let r = timed(deadline, async {
            use crate::output::Report as _;
            let plain = crate::output::Style::plain();
            request::trace::trace(args, &ctx)
                .await
                .map(|r| super::state::Waterfall {
                    header: r.render(&plain).lines().next().unwrap_or("").to_string(),
                    text: r.waterfall_text(&plain),
                    slowest: r.slowest(),
                    logs: r
                        .logs
                        .iter()
                        .map(|l| crate::logs::render_line(l, &plain))
                        .collect(),
                    logs_source: r.logs_source.clone(),
                })
                .map_err(|e| e.to_string())
        })
        .await;
        if let Ok(mut d) = shared.lock() {
            if let Some((cur, src)) = &mut d.waterfall {
                if *cur == id {
                    match r {
                        Ok(t) => {
                            src.data = Some(t);
                            src.updated = Some(Instant::now());
                        }
                        Err(e) => src.error = Some(e),
                    }
                }
            }
        }
    })
}
