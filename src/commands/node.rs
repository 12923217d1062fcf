//! `node info|health|audit <node>`: one node's identity, health and debug-RPC audit trail.

use crate::commands::replicated;
use crate::error::Result;
use crate::output::{short_duration, Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{
    DeepHealthRequest, GetNodeInfoRequest, GetStatusRequest, HealthState, NodeRole,
    ReadAuditLogRequest,
};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;

/// `node ...`
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Identity: id, role, version, uptime, addresses, pid.
    Info {
        /// Node id (from `cluster status`) or debug address HOST:PORT.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
    },
    /// Health summary; `--deep` checks each component.
    Health {
        /// Node id or debug address.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
        /// Component-by-component health (consensus, network, resources).
        #[arg(long)]
        deep: bool,
    },
    /// Everything the node reports: health, consensus, load, layers and their latency, peers,
    /// injected faults, reputation.
    Status {
        /// Node id or debug address.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
    },
    /// The node's own audit log of debug RPCs (admin role).
    Audit {
        /// Node id or debug address.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
        /// Newest records to show.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Only records from this long ago on (e.g. `10m`).
        #[arg(long, value_parser = crate::opts::parse_duration, value_name = "DURATION")]
        since: Option<std::time::Duration>,
        /// Only records up to this long ago (e.g. `1m`).
        #[arg(long, value_parser = crate::opts::parse_duration, value_name = "DURATION")]
        until: Option<std::time::Duration>,
        /// Only calls by this principal (certificate CN).
        #[arg(long)]
        principal: Option<String>,
        /// Only this method (e.g. `GetStatus`).
        #[arg(long)]
        method: Option<String>,
        /// Only this outcome (`ok`, `denied`, or a gRPC code name).
        #[arg(long)]
        outcome: Option<String>,
        /// Skip this many of the newest matching records (page back).
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

impl NodeCommand {
    /// The node the command names.
    pub fn node(&self) -> &str {
        match self {
            NodeCommand::Info { node }
            | NodeCommand::Status { node }
            | NodeCommand::Health { node, .. }
            | NodeCommand::Audit { node, .. } => node,
        }
    }
}

/// Runs a `node` command.
pub async fn exec(cmd: NodeCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let node = cmd.node().to_string();
    match cmd {
        NodeCommand::Info { .. } => {
            let (_, info) = ctx
                .call_node(&node, |mut c| async move {
                    c.get_node_info(GetNodeInfoRequest {}).await
                })
                .await?;
            Ok(Box::new(NodeInfoReport {
                id: info.id,
                role: role_name(info.role),
                version: info.version,
                uptime_seconds: info.uptime_seconds,
                debug_addr: info.debug_addr,
                http_addr: info.http_addr,
                data_addr: info.data_addr,
                started_at: crate::output::rfc3339_ms(info.started_at_unix_ms),
                started_at_unix_ms: info.started_at_unix_ms,
                pid: info.pid,
                hostname: info.hostname,
                cluster: info.cluster,
                virtual_node: info.virtual_node,
            }))
        }
        NodeCommand::Status { .. } => {
            let (_, s) = ctx
                .call_node(&node, |mut c| async move {
                    c.get_status(GetStatusRequest {}).await
                })
                .await?;
            let mut report = StatusReport::from(s);
            let (view, _) = replicated::fetch(ctx).await.unwrap_or_default();
            report.apply_replicated(view.as_ref());
            Ok(Box::new(report))
        }
        NodeCommand::Health { deep: false, .. } => {
            let (_, s) = ctx
                .call_node(&node, |mut c| async move {
                    c.get_status(GetStatusRequest {}).await
                })
                .await?;
            let (view, _) = replicated::fetch(ctx).await.unwrap_or_default();
            let mut report = HealthReport {
                id: s.id,
                health: health_name(s.health),
                summary: s.summary,
                components: Vec::new(),
            };
            if let Some(why) = view.as_ref().and_then(|v| v.distrust(&report.id)) {
                report.degrade(&why);
            }
            Ok(Box::new(report))
        }
        NodeCommand::Health { deep: true, .. } => {
            let (target, d) = ctx
                .call_node(&node, |mut c| async move {
                    c.deep_health(DeepHealthRequest {}).await
                })
                .await?;
            let mut report = HealthReport {
                id: target.label().to_string(),
                health: health_name(d.overall),
                summary: String::new(),
                components: d
                    .components
                    .into_iter()
                    .map(|c| Component {
                        name: c.name,
                        health: health_name(c.state),
                        detail: c.detail,
                    })
                    .collect(),
            };
            // One more check than the node can make alone: its standing in the replicated state.
            let (view, errors) = replicated::fetch(ctx).await.unwrap_or_default();
            report.components.push(match &view {
                Some(v) => match v.distrust(&report.id) {
                    Some(why) => Component {
                        name: "reputation".into(),
                        health: "degraded".into(),
                        detail: why,
                    },
                    None => Component {
                        name: "reputation".into(),
                        health: "healthy".into(),
                        detail: format!(
                            "{:.2} in {}'s applied state",
                            v.reputation_of(&report.id),
                            v.source
                        ),
                    },
                },
                None => Component {
                    name: "reputation".into(),
                    health: "unknown".into(),
                    detail: format!("no coordinator answered: {}", errors.join("; ")),
                },
            });
            if report.health == "healthy"
                && report.components.iter().any(|c| c.health == "degraded")
            {
                report.health = "degraded".into();
            }
            let bad: Vec<String> = report
                .components
                .iter()
                .filter(|c| c.health != "healthy")
                .map(|c| format!("{}: {}", c.name, c.detail))
                .collect();
            report.summary = if bad.is_empty() {
                format!("{} components healthy", report.components.len())
            } else {
                bad.join("; ")
            };
            Ok(Box::new(report))
        }
        NodeCommand::Audit {
            limit,
            since,
            until,
            principal,
            method,
            outcome,
            offset,
            ..
        } => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            let ago = |d: Option<std::time::Duration>| {
                d.map_or(0, |d| now.saturating_sub(d.as_millis() as i64).max(1))
            };
            let req = ReadAuditLogRequest {
                limit,
                since_unix_ms: ago(since),
                until_unix_ms: ago(until),
                principal: principal.unwrap_or_default(),
                method: method.unwrap_or_default(),
                outcome: outcome.unwrap_or_default(),
                offset,
                console_chain: String::new(),
            };
            let (target, r) = ctx
                .call_node(&node, |mut c| async move { c.read_audit_log(req).await })
                .await?;
            Ok(Box::new(NodeAuditReport {
                node: target.label().to_string(),
                dropped: r.dropped,
                evicted: r.evicted,
                total: r.total,
                source: r.source,
                routine: r.routine.into_iter().map(|c| (c.method, c.count)).collect(),
                denied_total: r.denied_total,
                denied_suppressed: r.denied_suppressed,
                truncated: u64::from(offset) + (r.records.len() as u64) < r.total,
                limit,
                offset,
                oldest: crate::output::rfc3339_ms(r.oldest_unix_ms),
                oldest_unix_ms: r.oldest_unix_ms,
                records: r
                    .records
                    .into_iter()
                    .map(|a| NodeAuditRecord {
                        at: crate::output::rfc3339_ms(a.at_unix_ms),
                        at_unix_ms: a.at_unix_ms,
                        method: a.method,
                        peer_name: a.peer_name,
                        peer_role: a.peer_role,
                        peer_addr: a.peer_addr,
                        outcome: a.outcome,
                        duration_us: a.duration_us,
                        seq: a.seq,
                        hash: a.hash,
                        suppressed: a.suppressed,
                        console_record: a.console_record,
                        detail: a.detail,
                    })
                    .collect(),
            }))
        }
    }
}

fn role_name(role: i32) -> String {
    NodeRole::try_from(role)
        .unwrap_or(NodeRole::Unspecified)
        .short_name()
        .to_string()
}

fn health_name(h: i32) -> String {
    HealthState::try_from(h)
        .unwrap_or(HealthState::Unspecified)
        .short_name()
        .to_string()
}

/// `node info -o json`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NodeInfoReport {
    /// Node id.
    pub id: String,
    /// Role.
    pub role: String,
    /// Version.
    pub version: String,
    /// Seconds since start.
    pub uptime_seconds: u64,
    /// Debug address.
    pub debug_addr: String,
    /// HTTP address.
    pub http_addr: String,
    /// Data-plane address.
    pub data_addr: String,
    /// Start time, RFC 3339 UTC.
    pub started_at: Option<String>,
    /// Start time, Unix ms (the same instant as `started_at`).
    pub started_at_unix_ms: i64,
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub hostname: String,
    /// Cluster name.
    pub cluster: String,
    /// Virtual node of a swarm.
    pub virtual_node: bool,
}

impl Report for NodeInfoReport {
    fn render(&self, style: &Style) -> String {
        let dash = |s: &str| {
            if s.is_empty() {
                "-".to_string()
            } else {
                s.to_string()
            }
        };
        let rows = [
            ("id", self.id.clone()),
            ("role", self.role.clone()),
            ("version", self.version.clone()),
            ("uptime", short_duration(self.uptime_seconds)),
            ("debug", dash(&self.debug_addr)),
            ("http", dash(&self.http_addr)),
            ("data", dash(&self.data_addr)),
            ("pid", self.pid.to_string()),
            ("host", dash(&self.hostname)),
            ("cluster", dash(&self.cluster)),
            ("virtual", self.virtual_node.to_string()),
        ];
        rows.iter()
            .map(|(k, v)| format!("{:>8}  {v}", style.dim(k)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `node health -o json`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct HealthReport {
    /// Node id.
    pub id: String,
    /// Overall health.
    pub health: String,
    /// Summary line.
    pub summary: String,
    /// Components (with `--deep`).
    pub components: Vec<Component>,
}

impl HealthReport {
    /// Marks the report degraded (unless already worse) and adds `why` to its summary.
    fn degrade(&mut self, why: &str) {
        if self.health == "healthy" {
            self.health = "degraded".into();
        }
        self.summary = if self.summary == "ok" {
            why.to_string()
        } else {
            format!("{}; {why}", self.summary)
        };
    }
}

/// One component of deep health.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Component {
    /// Component name.
    pub name: String,
    /// Its health.
    pub health: String,
    /// Details.
    pub detail: String,
}

impl Report for HealthReport {
    fn render(&self, style: &Style) -> String {
        let mut out = format!(
            "{}: {} ({})",
            self.id,
            style.health(&self.health),
            self.summary
        );
        if !self.components.is_empty() {
            let mut t = style.table(&["COMPONENT", "HEALTH", "DETAIL"]);
            for c in &self.components {
                t.add_row(vec![
                    c.name.clone(),
                    style.health(&c.health),
                    c.detail.clone(),
                ]);
            }
            out.push('\n');
            out.push_str(&t.to_string());
        }
        out
    }
}

/// `node audit -o json`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NodeAuditReport {
    /// Node.
    pub node: String,
    /// Records the node could not write to its audit file (writer behind), since start.
    pub dropped: u64,
    /// Records evicted from the node's memory for newer ones since start (older than
    /// `oldest_unix_ms`; read the node's audit file for them).
    pub evicted: u64,
    /// Records matching the filters (in the node's audit file, or its memory without one).
    pub total: u64,
    /// Where the node read them: `file:<path>` or `memory`.
    pub source: String,
    /// Routine cluster-internal calls counted, not recorded one by one: (method, count).
    pub routine: Vec<(String, u64)>,
    /// Denied calls since the node started.
    pub denied_total: u64,
    /// Of those, not recorded one by one (per-peer rate limit; still counted).
    pub denied_suppressed: u64,
    /// More matched than shown (`--limit`, `--offset` pages back).
    pub truncated: bool,
    /// The `--limit` asked for.
    pub limit: u32,
    /// Newest matching records skipped.
    pub offset: u32,
    /// The oldest record still in the node's memory, RFC 3339 UTC (null: none).
    pub oldest: Option<String>,
    /// The same instant, unix ms (0: none).
    pub oldest_unix_ms: i64,
    /// Newest last.
    pub records: Vec<NodeAuditRecord>,
}

/// One debug RPC the node served.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NodeAuditRecord {
    /// When, RFC 3339 UTC.
    pub at: Option<String>,
    /// The same instant, unix ms.
    pub at_unix_ms: i64,
    /// gRPC method path.
    pub method: String,
    /// Caller certificate CN.
    pub peer_name: String,
    /// Caller role.
    pub peer_role: String,
    /// Caller address.
    pub peer_addr: String,
    /// ok, denied, or a status code.
    pub outcome: String,
    /// Handling time, µs.
    pub duration_us: u64,
    /// Position in the node's hash-chained audit file.
    pub seq: u64,
    /// The record's chain hash (empty when the node keeps memory only).
    pub hash: String,
    /// Denials of this peer skipped by the rate limit since its previous recorded one.
    pub suppressed: u64,
    /// The console audit record the call acted for (`CHAIN/SEQ/HASH`), if the console sent it.
    pub console_record: String,
    /// Extra detail (e.g. a failed TLS handshake's error).
    pub detail: String,
}

impl Report for NodeAuditReport {
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&["AT", "METHOD", "PEER", "ROLE", "FROM", "OUTCOME", "µs"]);
        for r in &self.records {
            let outcome = if r.outcome == "ok" {
                style.good(&r.outcome)
            } else {
                style.bad(&r.outcome)
            };
            t.add_row(vec![
                crate::output::time_cell(r.at_unix_ms),
                r.method.rsplit('/').next().unwrap_or(&r.method).to_string(),
                r.peer_name.clone(),
                r.peer_role.clone(),
                r.peer_addr.clone(),
                outcome,
                r.duration_us.to_string(),
            ]);
        }
        let mut out = t.to_string();
        out.push_str(&format!("\n{} {}", style.dim("read from:"), self.source));
        if self.truncated {
            out.push_str(&format!(
                "\nshowing {} of {} (--limit; --offset {} for older)",
                self.records.len(),
                self.total,
                self.offset + self.records.len() as u32
            ));
        }
        if !self.routine.is_empty() {
            let counts: Vec<String> = self
                .routine
                .iter()
                .map(|(m, n)| format!("{} {n}", m.rsplit('/').next().unwrap_or(m)))
                .collect();
            out.push_str(&format!(
                "\n{} routine calls counted, not listed: {}",
                style.dim("note:"),
                counts.join(", ")
            ));
        }
        if self.denied_suppressed > 0 {
            out.push_str(&format!(
                "\n{} {} of {} denied calls not listed one by one (per-peer rate limit)",
                style.warn("note:"),
                self.denied_suppressed,
                self.denied_total
            ));
        }
        if self.evicted > 0 && self.source == "memory" {
            out.push_str(&format!(
                "\n{} {} older records evicted from the node's memory (the oldest kept is from {}); its audit file has them",
                style.warn("note:"),
                self.evicted,
                crate::output::time_cell(self.oldest_unix_ms)
            ));
        }
        if self.dropped > 0 {
            out.push_str(&format!(
                "\n{} {} records could not be written to the node's audit file",
                style.warn("warning:"),
                self.dropped
            ));
        }
        out
    }
}

/// `node status -o json`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct StatusReport {
    /// Node id.
    pub id: String,
    /// Role.
    pub role: String,
    /// Health.
    pub health: String,
    /// Summary line.
    pub summary: String,
    /// Consensus position (coordinators).
    pub consensus: Option<crate::commands::cluster::Consensus>,
    /// Requests in flight.
    pub requests_in_flight: u32,
    /// Layer executions waiting or running (compute).
    pub queue_depth: u32,
    /// Requests handled / failed since start (coordinators).
    pub requests_total: u64,
    /// Failed requests.
    pub requests_failed: u64,
    /// Resident memory, bytes.
    pub memory_rss_bytes: u64,
    /// CPU, percent of one core.
    pub cpu_percent: f64,
    /// Reputation in [0, 1] from the replicated state (see `reputation_source`).
    pub reputation: f64,
    /// The coordinator whose applied state gave `reputation` and `byzantine_faults`; null when
    /// no coordinator answered (the node's own figure is shown).
    pub reputation_source: Option<String>,
    /// Byzantine faults recorded against the node.
    pub byzantine_faults: u64,
    /// Injected faults.
    pub active_faults: Vec<String>,
    /// Layer latencies (compute).
    pub layers: Vec<LayerRow>,
    /// Data-plane and consensus peers.
    pub peers: Vec<PeerRow>,
    /// Seconds since start.
    pub uptime_seconds: u64,
}

/// One layer in `node status`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LayerRow {
    /// Layer id.
    pub layer: u32,
    /// Executions.
    pub count: u64,
    /// Mean, ms.
    pub mean_ms: f64,
    /// p99, ms.
    pub p99_ms: f64,
}

/// One peer link in `node status`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PeerRow {
    /// Peer id.
    pub id: String,
    /// `data` or `consensus`.
    pub link: String,
    /// Connected.
    pub connected: bool,
    /// Last error.
    pub error: String,
}

impl From<butterfly_proto::debug::NodeStatus> for StatusReport {
    fn from(s: butterfly_proto::debug::NodeStatus) -> Self {
        let load = s.load.unwrap_or_default();
        StatusReport {
            role: role_name(s.role),
            health: health_name(s.health),
            summary: s.summary,
            consensus: s.consensus.map(crate::commands::cluster::Consensus::from),
            requests_in_flight: load.requests_in_flight,
            queue_depth: load.queue_depth,
            requests_total: s.requests_total,
            requests_failed: s.requests_failed,
            memory_rss_bytes: load.memory_rss_bytes,
            cpu_percent: load.cpu_percent,
            reputation: s.reputation,
            reputation_source: None,
            byzantine_faults: s.byzantine_faults,
            active_faults: s.active_faults,
            layers: s
                .layer_latency
                .into_iter()
                .map(|l| LayerRow {
                    layer: l.layer,
                    count: l.count,
                    mean_ms: l.mean_ms,
                    p99_ms: l.p99_ms,
                })
                .collect(),
            peers: s
                .peers
                .into_iter()
                .map(|p| PeerRow {
                    id: p.id,
                    link: p.link,
                    connected: p.connected,
                    error: p.error,
                })
                .collect(),
            uptime_seconds: s.uptime_seconds,
            id: s.id,
        }
    }
}

impl StatusReport {
    /// Takes reputation and fault count from the replicated state, and marks the node degraded
    /// when that state routes no work to it.
    pub fn apply_replicated(&mut self, view: Option<&replicated::ReplicatedView>) {
        let Some(v) = view else { return };
        self.reputation = v.reputation_of(&self.id);
        self.byzantine_faults = v.faults.get(&self.id).copied().unwrap_or(0);
        self.reputation_source = Some(v.source.clone());
        if let Some(why) = v.distrust(&self.id) {
            if self.health == "healthy" {
                self.health = "degraded".into();
            }
            self.summary = if self.summary == "ok" {
                why
            } else {
                format!("{}; {why}", self.summary)
            };
        }
    }
}

impl Report for StatusReport {
    fn render(&self, style: &Style) -> String {
        let mut out = format!(
            "{} ({}): {} — {}\n  uptime {}, rss {:.1} MiB, cpu {:.1}%, in flight {}, queue {}, requests {} ({} failed), reputation {:.2}, byzantine faults {}",
            self.id,
            self.role,
            style.health(&self.health),
            self.summary,
            short_duration(self.uptime_seconds),
            self.memory_rss_bytes as f64 / (1024.0 * 1024.0),
            self.cpu_percent,
            self.requests_in_flight,
            self.queue_depth,
            self.requests_total,
            self.requests_failed,
            self.reputation,
            self.byzantine_faults,
        );
        if let Some(c) = &self.consensus {
            out.push_str(&format!(
                "\n  consensus: {} term {} leader {} commit {} applied {}",
                c.state,
                c.term,
                c.leader.as_deref().unwrap_or("-"),
                c.commit_index,
                c.applied_index
            ));
        }
        if !self.active_faults.is_empty() {
            out.push_str(&format!(
                "\n  faults: {}",
                style.warn(&self.active_faults.join(", "))
            ));
        }
        if !self.layers.is_empty() {
            let mut t = style.table(&["LAYER", "RUNS", "MEAN ms", "P99 ms"]);
            for l in &self.layers {
                t.add_row(vec![
                    l.layer.to_string(),
                    l.count.to_string(),
                    format!("{:.2}", l.mean_ms),
                    format!("{:.2}", l.p99_ms),
                ]);
            }
            out.push('\n');
            out.push_str(&t.to_string());
        }
        if !self.peers.is_empty() {
            let mut t = style.table(&["PEER", "LINK", "STATE", "ERROR"]);
            for p in &self.peers {
                t.add_row(vec![
                    p.id.clone(),
                    p.link.clone(),
                    if p.connected {
                        style.good("connected")
                    } else {
                        style.bad("disconnected")
                    },
                    p.error.clone(),
                ]);
            }
            out.push('\n');
            out.push_str(&t.to_string());
        }
        out
    }
}
