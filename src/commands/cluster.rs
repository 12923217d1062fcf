//! `cluster status`: every member, reachable or not, with health, consensus position and load.

use crate::commands::replicated::ReplicatedView;
use crate::error::{Error, Result, EXIT_OK, EXIT_PARTIAL};
use crate::fanout::Target;
use crate::output::{short_duration, Report, Style};
use crate::session::Ctx;
use crate::sources::prometheus::QueryData;
use crate::sources::PrometheusClient;
use butterfly_proto::debug::{GetStatusRequest, HealthState, NodeRole, NodeStatus};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// Window of the RED rates and quantile in `cluster status`: `1m`.
pub const RED_WINDOW: &str = "1m";
/// Request rate per node, requests/s (node_id is the scrape target label).
pub const RED_RATE_QUERY: &str = "sum by (node_id) (rate(butterfly_requests_total[1m]))";
/// Failed-request rate per node, requests/s.
pub const RED_ERRORS_QUERY: &str =
    "sum by (node_id) (rate(butterfly_requests_total{status!=\"ok\"}[1m]))";
/// p99 request duration per node, seconds.
pub const RED_P99_QUERY: &str = "histogram_quantile(0.99, sum by (node_id, le) (rate(butterfly_request_duration_seconds_bucket[1m])))";

/// `cluster ...`
#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Every member: role, address, reachability, health, consensus, uptime, version.
    ///
    /// By default every member is read from one coordinator's heartbeat summaries (one call,
    /// scales to 10,000 nodes; a member is down when its heartbeat is 3 intervals old, and each
    /// row says how old its heartbeat is). When no coordinator answers, every node is asked
    /// instead, and the output says so.
    Status {
        /// Ask every node for its status (one mTLS call per member) instead of reading a
        /// coordinator's summaries: exact figures of this instant, round-trip times, requests
        /// in flight; for when the coordinators are the problem.
        #[arg(long)]
        direct: bool,
        /// The default since session 8 (kept so scripts that pass it still work).
        #[arg(long, hide = true, conflicts_with = "direct")]
        summary: bool,
    },
    /// Take a coordinator out of the Raft voters so a dead one stops counting against the
    /// quorum (admin role; asked of any live coordinator, which passes it to the leader).
    RemoveMember {
        /// Coordinator node id.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
    },
}

/// Runs a `cluster` command.
pub async fn exec(cmd: ClusterCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        ClusterCommand::Status { direct, .. } => Ok(Box::new(status_report(ctx, direct).await?)),
        ClusterCommand::RemoveMember { node } => Ok(Box::new(remove_member(ctx, &node).await?)),
    }
}

/// `cluster remove-member -o json`: `{"removed","voters":[...],"via"}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Removed {
    /// The coordinator taken out.
    pub removed: String,
    /// Voters after the change.
    pub voters: Vec<String>,
    /// Coordinator that took the request.
    pub via: String,
}

impl Report for Removed {
    fn render(&self, _: &Style) -> String {
        format!(
            "{} is no longer a voter; voters now: {} (quorum {})",
            self.removed,
            self.voters.join(", "),
            self.voters.len() / 2 + 1
        )
    }
}

async fn remove_member(ctx: &Ctx<'_>, node: &str) -> Result<Removed> {
    let d = ctx.discover().await?;
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    let mut last = None;
    for c in d.coordinators()?.iter().filter(|c| c.id != node) {
        let req = butterfly_proto::debug::RemoveMemberRequest {
            node_id: node.to_string(),
        };
        match fan
            .one(&pool, c, |mut cl| async move {
                cl.remove_member(req).await.map(|r| r.into_inner())
            })
            .await
        {
            Ok(r) => {
                return Ok(Removed {
                    removed: r.removed,
                    voters: r.voters,
                    via: c.id.clone(),
                })
            }
            Err(e @ (Error::PermissionDenied { .. } | Error::Remote { .. })) => return Err(e),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::NotFound("no other coordinator to ask".into())))
}

/// `cluster status -o json`: `{"nodes":[...],"summary":{...},"seed_errors":[...],"red":{...}|null}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ClusterStatus {
    /// Every member, sorted by id.
    pub nodes: Vec<NodeRow>,
    /// Every layer's replicas and how many of them are healthy (from the replicated state).
    pub layers: Vec<LayerCoverage>,
    /// Replicas each layer should have; null when no coordinator answered.
    pub redundancy: Option<u32>,
    /// Counts.
    pub summary: Summary,
    /// Seeds that did not answer the membership query.
    pub seed_errors: Vec<SeedError>,
    /// Where the RED columns came from; null when no Prometheus is configured.
    pub red: Option<RedSource>,
    /// Where the rows came from: `fan-out` (every node asked) or `summary:<coordinator>` (one
    /// coordinator's heartbeat summaries).
    pub source: String,
}

/// The Prometheus behind the RED columns of `cluster status`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RedSource {
    /// Prometheus base URL.
    pub prometheus: String,
    /// Rate window, e.g. `1m`.
    pub window: String,
    /// Why the RED columns are missing; null when Prometheus answered.
    pub error: Option<String>,
}

/// A seed that failed.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SeedError {
    /// Seed address.
    pub address: String,
    /// Why.
    pub error: String,
}

/// Counts over the members.
#[derive(Debug, Serialize, serde::Deserialize, Default, schemars::JsonSchema)]
pub struct Summary {
    /// Members.
    pub total: usize,
    /// Members that answered.
    pub reachable: usize,
    /// Members that did not.
    pub unreachable: usize,
    /// Answered healthy.
    pub healthy: usize,
    /// Answered degraded.
    pub degraded: usize,
    /// Answered unhealthy.
    pub unhealthy: usize,
    /// Leader as reported by the coordinators (majority), if any.
    pub leader: Option<String>,
    /// Layers with fewer healthy replicas than the configured redundancy.
    pub layers_below_redundancy: usize,
    /// The coordinator whose applied state gave reputations, faults and the assignment; null
    /// when no coordinator answered.
    pub state_source: Option<String>,
}

/// One layer's replica coverage in `cluster status`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LayerCoverage {
    /// Layer id.
    pub layer: u32,
    /// Replicas the replicated state assigns to it.
    pub replicas: Vec<String>,
    /// Those that are healthy: reachable, `healthy`, reputation at or above the threshold.
    pub healthy: Vec<String>,
    /// Replicas it should have.
    pub redundancy: u32,
    /// Fewer healthy replicas than `redundancy`.
    pub below_redundancy: bool,
}

/// Each layer's coverage: its assigned replicas that are healthy now.
pub(crate) fn coverage(view: &ReplicatedView, rows: &[NodeRow]) -> Vec<LayerCoverage> {
    view.layers
        .iter()
        .map(|(layer, replicas)| {
            let healthy: Vec<String> = replicas
                .iter()
                .filter(|id| {
                    rows.iter().any(|r| {
                        &r.id == *id
                            && r.reachable
                            && r.health == "healthy"
                            && view.distrust(id).is_none()
                    })
                })
                .cloned()
                .collect();
            LayerCoverage {
                layer: *layer,
                replicas: replicas.clone(),
                below_redundancy: (healthy.len() as u32) < view.redundancy,
                healthy,
                redundancy: view.redundancy,
            }
        })
        .collect()
}

/// One member in `cluster status`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NodeRow {
    /// Node id.
    pub id: String,
    /// `coordinator`, `compute`, `observer`.
    pub role: String,
    /// Debug address.
    pub address: String,
    /// HTTP (health/metrics) address.
    pub http_address: String,
    /// Whether the node answered within the deadline.
    pub reachable: bool,
    /// `healthy`, `degraded`, `unhealthy`, or `unknown` when unreachable.
    pub health: String,
    /// The node's one-line summary.
    pub summary: Option<String>,
    /// Why the node did not answer.
    pub error: Option<String>,
    /// Consensus position (coordinators).
    pub consensus: Option<Consensus>,
    /// Seconds since start.
    pub uptime_seconds: Option<u64>,
    /// Node version.
    pub version: Option<String>,
    /// Requests in flight.
    pub requests_in_flight: Option<u32>,
    /// Resident memory, bytes.
    pub memory_rss_bytes: Option<u64>,
    /// CPU, percent of one core.
    pub cpu_percent: Option<f64>,
    /// Round-trip time of the status call, milliseconds.
    pub rtt_ms: Option<f64>,
    /// Reputation in [0, 1] from the replicated state (`summary.state_source`); null when no
    /// coordinator answered.
    pub reputation: Option<f64>,
    /// Byzantine faults the replicated state records against the node.
    pub byzantine_faults: Option<u64>,
    /// Faults injected on the node.
    pub active_faults: Vec<String>,
    /// Slowest layer p99 on the node (compute), milliseconds.
    pub layer_p99_ms: Option<f64>,
    /// Requests per second over the last minute (Prometheus); null when Prometheus is not
    /// configured or has no requests series for the node.
    pub request_rate: Option<f64>,
    /// Failed / all requests over the last minute, 0..1 (Prometheus); null when the node served
    /// none.
    pub error_ratio: Option<f64>,
    /// 99th percentile request duration over the last minute, seconds (Prometheus); null when
    /// unknown.
    pub p99_seconds: Option<f64>,
    /// Inference requests served since start, and how many failed (coordinators).
    pub requests_total: Option<u64>,
    /// See `requests_total`.
    pub requests_failed: Option<u64>,
    /// Milliseconds since the coordinator last heard the node's heartbeat (the default path; null with `--direct`).
    pub heartbeat_age_ms: Option<u64>,
}

impl From<butterfly_proto::debug::ConsensusStatus> for Consensus {
    fn from(c: butterfly_proto::debug::ConsensusStatus) -> Self {
        Consensus {
            term: c.term,
            leader: Some(c.leader_id).filter(|l| !l.is_empty()),
            commit_index: c.commit_index,
            applied_index: c.applied_index,
            state: c.state,
        }
    }
}

impl NodeRow {
    /// A row for a member nothing is known about yet: unreachable, health `unknown`.
    pub fn unknown(id: String, role: NodeRole, address: String, http_address: String) -> NodeRow {
        NodeRow {
            id,
            role: role.short_name().to_string(),
            address,
            http_address,
            reachable: false,
            health: "unknown".into(),
            summary: None,
            error: None,
            consensus: None,
            uptime_seconds: None,
            version: None,
            requests_in_flight: None,
            memory_rss_bytes: None,
            cpu_percent: None,
            rtt_ms: None,
            reputation: None,
            byzantine_faults: None,
            active_faults: Vec::new(),
            layer_p99_ms: None,
            request_rate: None,
            error_ratio: None,
            p99_seconds: None,
            requests_total: None,
            requests_failed: None,
            heartbeat_age_ms: None,
        }
    }
}

/// A coordinator's consensus position.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Consensus {
    /// Raft term.
    pub term: u64,
    /// Leader id; null when none is known.
    pub leader: Option<String>,
    /// Commit index.
    pub commit_index: u64,
    /// Applied index.
    pub applied_index: u64,
    /// `leader`, `follower`, `candidate`, `learner`, or `static` (no consensus engine).
    pub state: String,
}

/// `cluster status`: from one coordinator's heartbeat summaries, or from every node with
/// `direct` (also when no coordinator gives its summaries: then `seed_errors` says why). The
/// RED figures come from Prometheus when one is configured, on both paths.
pub async fn status_report(ctx: &Ctx<'_>, direct: bool) -> Result<ClusterStatus> {
    if direct {
        return status(ctx).await;
    }
    let (summary, red) = tokio::join!(
        crate::commands::cluster_summary::fetch(ctx),
        red_metrics(ctx)
    );
    match summary {
        Ok((answer, errors)) => {
            let mut report = crate::commands::cluster_summary::from_response(answer, errors);
            if let Some((_, Ok(m))) = &red {
                for row in report.nodes.iter_mut().filter(|r| r.reachable) {
                    apply_red(row, m);
                }
            }
            report.red = red.map(red_source);
            Ok(report)
        }
        Err(Error::Unreachable { message, .. }) => {
            let mut report = status(ctx).await?;
            report.seed_errors.push(SeedError {
                address: "coordinators".into(),
                error: format!("{message}; every node was asked instead"),
            });
            Ok(report)
        }
        Err(e) => Err(e),
    }
}

fn red_source((url, r): (String, std::result::Result<RedMetrics, String>)) -> RedSource {
    RedSource {
        prometheus: url,
        window: RED_WINDOW.into(),
        error: r.err(),
    }
}

/// Puts Prometheus' rate, error ratio and p99 of the row's node on it.
fn apply_red(row: &mut NodeRow, m: &RedMetrics) {
    if let Some(rate) = m.rate.get(&row.id) {
        row.request_rate = Some(*rate);
        let errors = m.errors.get(&row.id).copied().unwrap_or(0.0);
        row.error_ratio = (*rate > 0.0).then(|| (errors / rate).clamp(0.0, 1.0));
    }
    row.p99_seconds = m.p99.get(&row.id).copied();
}

async fn status(ctx: &Ctx<'_>) -> Result<ClusterStatus> {
    let discovery = ctx.discover().await?;
    let pool = ctx.pool()?;
    let targets: Vec<Target> = discovery
        .members
        .iter()
        .map(|m| Target {
            id: m.id.clone(),
            addr: m.debug_addr.clone(),
        })
        .collect();
    let fan = ctx.fanout()?;
    let statuses = fan.run(&pool, &targets, |mut c| async move {
        let t = Instant::now();
        let s = c.get_status(GetStatusRequest {}).await?.into_inner();
        Ok((s, t.elapsed()))
    });
    let (results, red) = tokio::join!(statuses, red_metrics(ctx));
    let view = ReplicatedView::freshest(
        results
            .iter()
            .filter_map(|r| r.as_ref().ok().map(|(s, _)| s)),
    );
    let mut rows = Vec::with_capacity(targets.len());
    let mut summary = Summary::default();
    for (member, result) in discovery.members.iter().zip(results) {
        summary.total += 1;
        let role = NodeRole::try_from(member.role).unwrap_or(NodeRole::Unspecified);
        let mut row = NodeRow::unknown(
            member.id.clone(),
            role,
            member.debug_addr.clone(),
            member.http_addr.clone(),
        );
        // A node that does not answer gets no rates: Prometheus' last minute is not its present.
        if let (true, Some(Ok(m))) = (result.is_ok(), red.as_ref().map(|(_, r)| r)) {
            apply_red(&mut row, m);
        }
        match result {
            Ok((s, rtt)) => {
                fill(&mut row, s);
                row.rtt_ms = Some(rtt.as_secs_f64() * 1000.0);
                if let Some(why) = view.as_ref().and_then(|v| v.distrust(&row.id)) {
                    if row.health == "healthy" {
                        row.health = "degraded".into();
                    }
                    row.summary = Some(match row.summary.take() {
                        Some(s) if s != "ok" => format!("{s}; {why}"),
                        _ => why,
                    });
                }
                summary.reachable += 1;
                match row.health.as_str() {
                    "healthy" => summary.healthy += 1,
                    "degraded" => summary.degraded += 1,
                    _ => summary.unhealthy += 1,
                }
            }
            Err(e) => {
                summary.unreachable += 1;
                row.error = Some(match e {
                    Error::Unreachable { message, .. } | Error::Remote { message, .. } => message,
                    other => other.to_string(),
                });
            }
        }
        if let Some(v) = &view {
            row.reputation = Some(v.reputation_of(&row.id));
            row.byzantine_faults = Some(v.faults.get(&row.id).copied().unwrap_or(0));
        }
        rows.push(row);
    }
    summary.leader = majority_leader(&rows);
    let layers = view
        .as_ref()
        .map(|v| coverage(v, &rows))
        .unwrap_or_default();
    summary.layers_below_redundancy = layers.iter().filter(|l| l.below_redundancy).count();
    summary.state_source = view.as_ref().map(|v| v.source.clone());
    Ok(ClusterStatus {
        nodes: rows,
        layers,
        redundancy: view.as_ref().map(|v| v.redundancy),
        summary,
        source: "fan-out".into(),
        red: red.map(red_source),
        seed_errors: discovery
            .seed_errors
            .into_iter()
            .map(|(address, e)| SeedError {
                address,
                error: e.to_string(),
            })
            .collect(),
    })
}

/// RED figures by node id.
#[derive(Debug, Default)]
struct RedMetrics {
    rate: BTreeMap<String, f64>,
    errors: BTreeMap<String, f64>,
    p99: BTreeMap<String, f64>,
}

/// Finite values of an instant vector by their `node_id` label.
fn by_node(data: QueryData) -> BTreeMap<String, f64> {
    let QueryData::Vector(v) = data else {
        return BTreeMap::new();
    };
    v.into_iter()
        .filter_map(|s| {
            let node = s.metric.get("node_id")?.clone();
            let value = s.value?.value;
            value.is_finite().then_some((node, value))
        })
        .collect()
}

/// The RED queries against the configured Prometheus, within the per-node deadline: `None`
/// when no Prometheus is configured, else its URL and the figures or why they are missing.
async fn red_metrics(ctx: &Ctx<'_>) -> Option<(String, std::result::Result<RedMetrics, String>)> {
    let settings = ctx.settings().ok()?;
    let mut cfg = settings.prometheus.clone()?;
    let url = cfg.url.clone();
    cfg.timeout = cfg.timeout.min(settings.timeout);
    let prom = match PrometheusClient::new(&cfg) {
        Ok(p) => p,
        Err(e) => return Some((url, Err(e.to_string()))),
    };
    let (rate, errors, p99) = tokio::join!(
        prom.query(RED_RATE_QUERY, None),
        prom.query(RED_ERRORS_QUERY, None),
        prom.query(RED_P99_QUERY, None)
    );
    let result = (|| {
        Ok(RedMetrics {
            rate: by_node(rate?.data),
            errors: by_node(errors?.data),
            p99: by_node(p99?.data),
        })
    })()
    .map_err(|e: crate::sources::SourceError| e.to_string());
    Some((url, result))
}

fn fill(row: &mut NodeRow, s: NodeStatus) {
    row.reachable = true;
    row.health = HealthState::try_from(s.health)
        .unwrap_or(HealthState::Unspecified)
        .short_name()
        .to_string();
    row.summary = Some(s.summary);
    row.uptime_seconds = Some(s.uptime_seconds);
    row.version = Some(s.version);
    if let Some(load) = s.load {
        row.requests_in_flight = Some(load.requests_in_flight);
        row.memory_rss_bytes = Some(load.memory_rss_bytes);
        row.cpu_percent = Some(load.cpu_percent);
    }
    row.consensus = s.consensus.map(Consensus::from);
    row.active_faults = s.active_faults;
    row.requests_total = Some(s.requests_total);
    row.requests_failed = Some(s.requests_failed);
    row.layer_p99_ms = s.layer_latency.iter().map(|l| l.p99_ms).reduce(f64::max);
}

pub(crate) fn majority_leader(rows: &[NodeRow]) -> Option<String> {
    let mut votes: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in rows.iter().filter_map(|r| r.consensus.as_ref()) {
        if let Some(l) = &c.leader {
            *votes.entry(l.as_str()).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(l, _)| l.to_string())
}

impl Report for ClusterStatus {
    fn exit_code(&self) -> i32 {
        if self.summary.unreachable > 0 {
            EXIT_PARTIAL
        } else {
            EXIT_OK
        }
    }

    fn render(&self, style: &Style) -> String {
        let with_red = self.red.as_ref().is_some_and(|r| r.error.is_none());
        // 80 columns: the address, version and log indexes only with `-o wide` (and in JSON).
        let wide = style.wide;
        let mut header = vec!["NODE", "ROLE"];
        if wide {
            header.push("ADDRESS");
        }
        header.extend(["HEALTH", "REP", "CONSENSUS", "UPTIME"]);
        if wide {
            header.push("VERSION");
        }
        header.push(if self.source == "fan-out" {
            "RTT"
        } else {
            "SEEN"
        });
        if with_red {
            header.extend(["REQ/S", "ERR%", "P99"]);
        }
        header.push("NOTE");
        let mut t = style.table(&header);
        for r in &self.nodes {
            let consensus = r
                .consensus
                .as_ref()
                .map(|c| {
                    if !wide {
                        return format!("{} t{}", c.state, c.term);
                    }
                    format!(
                        "{} t{} c{}/a{}{}",
                        c.state,
                        c.term,
                        c.commit_index,
                        c.applied_index,
                        c.leader
                            .as_deref()
                            .map(|l| format!(" L={l}"))
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_else(|| "-".into());
            let note = match (&r.error, &r.summary) {
                (Some(e), _) => style.bad(e),
                (None, Some(s)) if s != "ok" => s.clone(),
                _ => String::new(),
            };
            let health = if r.reachable {
                style.health(&r.health)
            } else {
                style.bad("unreachable")
            };
            let mut row = vec![r.id.clone(), r.role.clone()];
            if wide {
                row.push(r.address.clone());
            }
            row.extend([
                health,
                match r.reputation {
                    Some(v) if r.byzantine_faults.unwrap_or(0) > 0 => style.bad(&format!("{v:.2}")),
                    Some(v) => format!("{v:.2}"),
                    None => "-".into(),
                },
                consensus,
                r.uptime_seconds
                    .map(short_duration)
                    .unwrap_or_else(|| "-".into()),
            ]);
            if wide {
                row.push(r.version.clone().unwrap_or_else(|| "-".into()));
            }
            row.push(match (r.rtt_ms, r.heartbeat_age_ms) {
                (Some(ms), _) => format!("{ms:.1}ms"),
                (None, Some(age)) => format!("{:.1}s ago", age as f64 / 1000.0),
                (None, None) => "-".into(),
            });
            if with_red {
                row.push(
                    r.request_rate
                        .map(|v| format!("{v:.2}"))
                        .unwrap_or_else(|| "-".into()),
                );
                row.push(match r.error_ratio {
                    Some(e) if e > 0.0 => style.bad(&format!("{:.1}%", e * 100.0)),
                    Some(e) => format!("{:.1}%", e * 100.0),
                    None => "-".into(),
                });
                row.push(
                    r.p99_seconds
                        .map(|s| format!("{:.1}ms", s * 1000.0))
                        .unwrap_or_else(|| "-".into()),
                );
            }
            row.push(note);
            t.add_row(row);
        }
        let s = &self.summary;
        let mut out = t.to_string();
        out.push_str(&format!(
            "\n{} members: {} reachable ({} healthy, {} degraded, {} unhealthy), {}",
            s.total,
            s.reachable,
            s.healthy,
            s.degraded,
            s.unhealthy,
            if s.unreachable > 0 {
                style.bad(&format!("{} unreachable", s.unreachable))
            } else {
                style.good("0 unreachable")
            }
        ));
        if let Some(l) = &s.leader {
            out.push_str(&format!("\nleader {l}"));
        }
        if let Some(c) = self.source.strip_prefix("summary:") {
            out.push_str(&format!(
                "\nfrom {c}'s heartbeat summaries (one call; --direct asks every node)"
            ));
        }
        if let Some(red) = self.redundancy {
            let below: Vec<&LayerCoverage> =
                self.layers.iter().filter(|l| l.below_redundancy).collect();
            if below.is_empty() {
                out.push_str(&format!(
                    "\n{} layers, each with {red} healthy replicas",
                    self.layers.len()
                ));
            } else {
                out.push_str(&format!(
                    "\n{} of {} layers below redundancy {red}:",
                    style.bad(&below.len().to_string()),
                    self.layers.len()
                ));
                for l in below {
                    let lost: Vec<&str> = l
                        .replicas
                        .iter()
                        .filter(|r| !l.healthy.contains(r))
                        .map(String::as_str)
                        .collect();
                    out.push_str(&format!(
                        "\n  layer {}: {}/{red} healthy (not: {})",
                        l.layer,
                        l.healthy.len(),
                        lost.join(", ")
                    ));
                }
            }
        } else {
            out.push_str(&format!(
                "\n{} no coordinator answered: reputations and layer coverage unknown",
                style.warn("warning:")
            ));
        }
        if let Some(RedSource { error: Some(e), .. }) = &self.red {
            out.push_str(&format!(
                "\n{} request rate, error ratio and p99 columns missing: {e}",
                style.warn("warning:"),
            ));
        }
        for e in &self.seed_errors {
            out.push_str(&format!(
                "\n{} seed {}: {}",
                style.warn("warning:"),
                e.address,
                e.error
            ));
        }
        out
    }
}
