//! `connections list [<node>…]`: every connection the nodes hold — data-plane QUIC (RTT,
//! congestion window, bytes, datagrams, loss), the link monitor's probes, consensus and
//! membership links, debug-service clients — as one table for the cluster, links that are down
//! or lossy flagged.

use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::output::{short_duration, Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{Connection, ListConnectionsRequest};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};

/// A QUIC connection that lost at least this share of its packets is flagged lossy: 1 %.
pub const LOSSY_PERCENT: f64 = 1.0;
/// ... once it sent at least this many packets: 20.
pub const LOSSY_MIN_PACKETS: u64 = 20;

/// `connections ...`
#[derive(Debug, Subcommand)]
pub enum ConnectionsCommand {
    /// Every connection the nodes hold (all members when none is named), flagging links that
    /// are down or lossy.
    List {
        /// Node ids or HOST:PORT addresses (also comma-separated); default every member.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        nodes: Vec<String>,
        /// Only connections of this kind: data, probe, data-probe, consensus, membership,
        /// debug-client.
        #[arg(long)]
        kind: Option<String>,
    },
}

impl ConnectionsCommand {
    /// The nodes named (for the audit trail).
    pub fn nodes(&self) -> Vec<String> {
        match self {
            ConnectionsCommand::List { nodes, .. } => nodes.clone(),
        }
    }
}

/// Splits `a,b c` into node names.
pub fn split_nodes(nodes: &[String]) -> Vec<String> {
    nodes
        .iter()
        .flat_map(|n| n.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// The fan-out targets for node names (ids or addresses), or every member when none is given.
pub async fn node_targets(ctx: &Ctx<'_>, nodes: &[String]) -> Result<Vec<Target>> {
    let names = split_nodes(nodes);
    let d = ctx.discover().await?;
    if names.is_empty() {
        return Ok(d
            .members
            .iter()
            .map(|m| Target {
                id: m.id.clone(),
                addr: m.debug_addr.clone(),
            })
            .collect());
    }
    let mut out = Vec::new();
    for name in names {
        if let Some(m) = d.members.iter().find(|m| m.id == name) {
            out.push(Target {
                id: m.id.clone(),
                addr: m.debug_addr.clone(),
            });
        } else if name
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        {
            let id = d
                .members
                .iter()
                .find(|m| m.debug_addr == name)
                .map(|m| m.id.clone())
                .unwrap_or_default();
            out.push(Target { id, addr: name });
        } else {
            return Err(Error::NotFound(format!(
                "unknown node '{name}': not a member the seeds know (see `cluster status`), nor a HOST:PORT"
            )));
        }
    }
    out.dedup();
    Ok(out)
}

/// RFC 3339 UTC of a unix time in milliseconds; `None` for 0.
pub fn rfc3339_ms(ms: i64) -> Option<String> {
    if ms <= 0 {
        return None;
    }
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
}

/// One connection, `from → to`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConnRow {
    /// Dialling side (node id, or the operator's CN for debug clients).
    pub from: String,
    /// Answering side.
    pub to: String,
    /// The node that reported it.
    pub reported_by: String,
    /// data, probe, data-probe, consensus, membership, debug-client.
    pub kind: String,
    /// up, down or closed.
    pub state: String,
    /// Certificate role of a debug client.
    pub peer_role: Option<String>,
    /// Local and remote socket addresses, as the reporting node sees them.
    pub local_addr: Option<String>,
    /// Remote address.
    pub remote_addr: Option<String>,
    /// Smoothed (QUIC) or last RTT, milliseconds; null when unknown.
    pub rtt_ms: Option<f64>,
    /// QUIC congestion window, bytes.
    pub cwnd_bytes: Option<u64>,
    /// Bytes sent and received by the reporting node.
    pub bytes_sent: u64,
    /// Bytes received.
    pub bytes_received: u64,
    /// QUIC datagrams each way.
    pub datagrams_sent: u64,
    /// Datagrams received.
    pub datagrams_received: u64,
    /// QUIC packets sent and lost.
    pub packets_sent: u64,
    /// Packets lost.
    pub packets_lost: u64,
    /// Lost share of QUIC packets, percent; null without QUIC counters.
    pub loss_percent: Option<f64>,
    /// Calls and failed calls (RPC links and probes).
    pub calls: u64,
    /// Failed calls.
    pub failures: u64,
    /// Age, seconds.
    pub age_seconds: u64,
    /// Last successful exchange (RFC 3339 UTC); null when never.
    pub last_activity: Option<String>,
    /// Last error.
    pub error: Option<String>,
    /// "down" or "lossy" when the link is flagged; null otherwise.
    pub flag: Option<String>,
}

/// A node that did not answer.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeError {
    /// Node id or address.
    pub node: String,
    /// Why.
    pub error: String,
}

/// Counts.
#[derive(Debug, Default, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConnSummary {
    /// Rows.
    pub total: usize,
    /// Rows up.
    pub up: usize,
    /// Rows flagged down.
    pub down: usize,
    /// Rows flagged lossy.
    pub lossy: usize,
}

/// `connections list -o json`: `{"connections":[...],"summary":{...},"errors":[...]}`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConnectionsReport {
    /// Every connection, sorted by from, to, kind.
    pub connections: Vec<ConnRow>,
    /// Counts.
    pub summary: ConnSummary,
    /// Nodes that did not answer.
    pub errors: Vec<NodeError>,
}

fn row(node: &str, c: Connection) -> ConnRow {
    let (from, to) = if c.direction == "in" {
        (c.peer.clone(), node.to_string())
    } else {
        (node.to_string(), c.peer.clone())
    };
    let quic = c.kind == "data";
    let loss =
        (quic && c.packets_sent > 0).then(|| c.packets_lost as f64 * 100.0 / c.packets_sent as f64);
    let flag = if c.state == "down" {
        Some("down".to_string())
    } else if loss.is_some_and(|l| l >= LOSSY_PERCENT) && c.packets_sent >= LOSSY_MIN_PACKETS {
        Some("lossy".to_string())
    } else {
        None
    };
    let opt = |s: String| (!s.is_empty()).then_some(s);
    ConnRow {
        from,
        to,
        reported_by: node.to_string(),
        kind: c.kind,
        state: c.state,
        peer_role: opt(c.peer_role),
        local_addr: opt(c.local_addr),
        remote_addr: opt(c.remote_addr),
        rtt_ms: (c.rtt_ms > 0.0).then_some(c.rtt_ms),
        cwnd_bytes: quic.then_some(c.cwnd_bytes),
        bytes_sent: c.bytes_sent,
        bytes_received: c.bytes_received,
        datagrams_sent: c.datagrams_sent,
        datagrams_received: c.datagrams_received,
        packets_sent: c.packets_sent,
        packets_lost: c.packets_lost,
        loss_percent: loss,
        calls: c.calls,
        failures: c.failures,
        age_seconds: c.age_ms / 1000,
        last_activity: rfc3339_ms(c.last_activity_unix_ms),
        error: opt(c.error),
        flag,
    }
}

fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1}G", n as f64 / f64::from(1u32 << 30)),
        n if n >= 1 << 20 => format!("{:.1}M", n as f64 / f64::from(1u32 << 20)),
        n if n >= 1 << 10 => format!("{:.1}K", n as f64 / 1024.0),
        n => n.to_string(),
    }
}

impl Report for ConnectionsReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&[
            "FROM → TO",
            "KIND",
            "STATE",
            "RTT",
            "TX/RX",
            "LOSS",
            "AGE",
            "NOTE",
        ]);
        for c in &self.connections {
            let state = match c.flag.as_deref() {
                Some("down") => style.bad(&c.state),
                Some(_) => style.warn(&c.state),
                None if c.state == "up" => style.good(&c.state),
                None => c.state.clone(),
            };
            let loss = match (c.loss_percent, c.calls) {
                (Some(l), _) => format!("{l:.1}%"),
                (None, 0) => "-".into(),
                (None, calls) => format!("{:.0}% calls", c.failures as f64 * 100.0 / calls as f64),
            };
            // Both ends report a QUIC or debug connection: say which end this row is.
            let seen = if c.reported_by == c.to {
                format!("seen by {}", c.to)
            } else {
                String::new()
            };
            let note = match (&c.flag, &c.error) {
                (Some(f), Some(e)) => style.bad(&format!("{f}: {e}")),
                (Some(f), None) => style.warn(f),
                (None, _) => [c.peer_role.clone().unwrap_or_default(), seen]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            t.add_row(vec![
                format!("{} → {}", c.from, c.to),
                c.kind.clone(),
                state,
                c.rtt_ms.map_or("-".into(), |r| format!("{r:.2}ms")),
                format!("{}/{}", bytes(c.bytes_sent), bytes(c.bytes_received)),
                loss,
                short_duration(c.age_seconds),
                note,
            ]);
        }
        let s = &self.summary;
        let mut out = if self.connections.is_empty() {
            "no connections".to_string()
        } else {
            t.to_string()
        };
        out.push_str(&format!(
            "\n{} connections: {} up, {} down, {} lossy",
            s.total,
            s.up,
            if s.down > 0 {
                style.bad(&s.down.to_string())
            } else {
                "0".into()
            },
            if s.lossy > 0 {
                style.warn(&s.lossy.to_string())
            } else {
                "0".into()
            },
        ));
        for e in &self.errors {
            out.push_str(&format!(
                "\n{} {}: {}",
                style.warn("warning:"),
                e.node,
                e.error
            ));
        }
        out
    }
}

/// Runs a `connections` command.
pub async fn exec(cmd: ConnectionsCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        ConnectionsCommand::List { nodes, kind } => Ok(Box::new(list(ctx, &nodes, kind).await?)),
    }
}

/// Gathers `ListConnections` from `nodes` (every member when empty).
pub async fn list(
    ctx: &Ctx<'_>,
    nodes: &[String],
    kind: Option<String>,
) -> Result<ConnectionsReport> {
    let targets = node_targets(ctx, nodes).await?;
    let pool = ctx.pool()?;
    let results = ctx
        .fanout()?
        .run(&pool, &targets, |mut c| async move {
            c.list_connections(ListConnectionsRequest {})
                .await
                .map(|r| r.into_inner())
        })
        .await;
    let mut report = ConnectionsReport {
        connections: Vec::new(),
        summary: ConnSummary::default(),
        errors: Vec::new(),
    };
    for (target, r) in targets.iter().zip(results) {
        match r {
            Ok(resp) => {
                let node = if resp.node_id.is_empty() {
                    target.label().to_string()
                } else {
                    resp.node_id
                };
                report.connections.extend(
                    resp.connections
                        .into_iter()
                        .filter(|c| kind.as_ref().is_none_or(|k| &c.kind == k))
                        .map(|c| row(&node, c)),
                );
            }
            Err(Error::PermissionDenied { node, message }) => {
                return Err(Error::PermissionDenied { node, message })
            }
            Err(e) => report.errors.push(NodeError {
                node: target.label().to_string(),
                error: e.to_string(),
            }),
        }
    }
    report.connections.sort_by(|a, b| {
        (&a.from, &a.to, &a.kind, &a.reported_by).cmp(&(&b.from, &b.to, &b.kind, &b.reported_by))
    });
    let s = &mut report.summary;
    s.total = report.connections.len();
    s.up = report
        .connections
        .iter()
        .filter(|c| c.state == "up")
        .count();
    s.down = report
        .connections
        .iter()
        .filter(|c| c.flag.as_deref() == Some("down"))
        .count();
    s.lossy = report
        .connections
        .iter()
        .filter(|c| c.flag.as_deref() == Some("lossy"))
        .count();
    Ok(report)
}
