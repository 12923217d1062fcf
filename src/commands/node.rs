//! `node info|health|audit <node>`: one node's identity, health and debug-RPC audit trail.

use crate::error::Result;
use crate::output::{json_of, short_duration, Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{
    DeepHealthRequest, GetNodeInfoRequest, GetStatusRequest, HealthState, NodeRole,
    ReadAuditLogRequest,
};
use clap::Subcommand;
use serde::Serialize;

/// `node ...`
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Identity: id, role, version, uptime, addresses, pid.
    Info {
        /// Node id (from `cluster status`) or debug address HOST:PORT.
        node: String,
    },
    /// Health summary; `--deep` checks each component.
    Health {
        /// Node id or debug address.
        node: String,
        /// Component-by-component health (consensus, network, resources).
        #[arg(long)]
        deep: bool,
    },
    /// The node's own audit log of debug RPCs (admin role).
    Audit {
        /// Node id or debug address.
        node: String,
        /// Newest records to show.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

impl NodeCommand {
    /// The node the command names.
    pub fn node(&self) -> &str {
        match self {
            NodeCommand::Info { node }
            | NodeCommand::Health { node, .. }
            | NodeCommand::Audit { node, .. } => node,
        }
    }
}

/// Runs a `node` command.
pub async fn exec(cmd: NodeCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let target = ctx.resolve_node(cmd.node()).await?;
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    match cmd {
        NodeCommand::Info { .. } => {
            let info = fan
                .one(&pool, &target, |mut c| async move {
                    c.get_node_info(GetNodeInfoRequest {})
                        .await
                        .map(|r| r.into_inner())
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
                started_at_unix_ms: info.started_at_unix_ms,
                pid: info.pid,
                hostname: info.hostname,
                cluster: info.cluster,
                virtual_node: info.virtual_node,
            }))
        }
        NodeCommand::Health { deep: false, .. } => {
            let s = fan
                .one(&pool, &target, |mut c| async move {
                    c.get_status(GetStatusRequest {})
                        .await
                        .map(|r| r.into_inner())
                })
                .await?;
            Ok(Box::new(HealthReport {
                id: s.id,
                health: health_name(s.health),
                summary: s.summary,
                components: Vec::new(),
            }))
        }
        NodeCommand::Health { deep: true, .. } => {
            let d = fan
                .one(&pool, &target, |mut c| async move {
                    c.deep_health(DeepHealthRequest {})
                        .await
                        .map(|r| r.into_inner())
                })
                .await?;
            Ok(Box::new(HealthReport {
                id: target.label().to_string(),
                health: health_name(d.overall),
                summary: format!("{} components", d.components.len()),
                components: d
                    .components
                    .into_iter()
                    .map(|c| Component {
                        name: c.name,
                        health: health_name(c.state),
                        detail: c.detail,
                    })
                    .collect(),
            }))
        }
        NodeCommand::Audit { limit, .. } => {
            let r = fan
                .one(&pool, &target, |mut c| async move {
                    c.read_audit_log(ReadAuditLogRequest { limit })
                        .await
                        .map(|r| r.into_inner())
                })
                .await?;
            Ok(Box::new(NodeAuditReport {
                node: target.label().to_string(),
                dropped: r.dropped,
                records: r
                    .records
                    .into_iter()
                    .map(|a| NodeAuditRecord {
                        at_unix_ms: a.at_unix_ms,
                        method: a.method,
                        peer_name: a.peer_name,
                        peer_role: a.peer_role,
                        peer_addr: a.peer_addr,
                        outcome: a.outcome,
                        duration_us: a.duration_us,
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
#[derive(Debug, Serialize)]
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
    /// Start time, Unix ms.
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
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
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
#[derive(Debug, Serialize)]
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

/// One component of deep health.
#[derive(Debug, Serialize)]
pub struct Component {
    /// Component name.
    pub name: String,
    /// Its health.
    pub health: String,
    /// Details.
    pub detail: String,
}

impl Report for HealthReport {
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
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
#[derive(Debug, Serialize)]
pub struct NodeAuditReport {
    /// Node.
    pub node: String,
    /// Records the node dropped since start.
    pub dropped: u64,
    /// Newest last.
    pub records: Vec<NodeAuditRecord>,
}

/// One debug RPC the node served.
#[derive(Debug, Serialize)]
pub struct NodeAuditRecord {
    /// Unix ms.
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
}

impl Report for NodeAuditReport {
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&[
            "AT (unix ms)",
            "METHOD",
            "PEER",
            "ROLE",
            "FROM",
            "OUTCOME",
            "µs",
        ]);
        for r in &self.records {
            let outcome = if r.outcome == "ok" {
                style.good(&r.outcome)
            } else {
                style.bad(&r.outcome)
            };
            t.add_row(vec![
                r.at_unix_ms.to_string(),
                r.method.rsplit('/').next().unwrap_or(&r.method).to_string(),
                r.peer_name.clone(),
                r.peer_role.clone(),
                r.peer_addr.clone(),
                outcome,
                r.duration_us.to_string(),
            ]);
        }
        let mut out = t.to_string();
        if self.dropped > 0 {
            out.push_str(&format!(
                "\n{} {} records dropped by the node",
                style.warn("warning:"),
                self.dropped
            ));
        }
        out
    }
}
