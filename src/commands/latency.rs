//! `latency matrix [<node>…]`: each node pings its peers (application-level pings over the data
//! plane and over the debug service, no raw sockets) and answers its row; the console gathers N
//! answers (not N² probes) into an N×N matrix of median/p99 RTT, coloured against the matrix's
//! own spread, unreachable and asymmetric links marked, with a one-line verdict.

use crate::commands::connections::{node_targets, NodeError};
use crate::error::{Error, Result};
use crate::fanout::FanOut;
use crate::output::{render, Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{MeasureLatencyRequest, MeasureLatencyResponse, PathLatency};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// Two directions of a pair differ by more than this factor (and [`ASYMMETRY_MIN_MS`]) →
/// asymmetric: 3.
pub const ASYMMETRY_FACTOR: f64 = 3.0;
/// ... and by at least this many milliseconds: 5.
pub const ASYMMETRY_MIN_MS: f64 = 5.0;

/// `latency ...`
#[derive(Debug, Subcommand)]
pub enum LatencyCommand {
    /// N×N matrix of round-trip times between the nodes (every member when none is named).
    Matrix {
        /// Node ids or HOST:PORT addresses (also comma-separated); default every member.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        nodes: Vec<String>,
        /// Pings per link and path.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
        count: u32,
        /// Deadline of one ping, e.g. `500ms`.
        #[arg(long, default_value = "500ms", value_parser = crate::opts::parse_duration, value_name = "DURATION")]
        ping_timeout: Duration,
        /// Refresh the matrix until Ctrl-C.
        #[arg(long)]
        watch: bool,
        /// Time between refreshes with --watch.
        #[arg(long, default_value = "2s", value_parser = crate::opts::parse_duration, value_name = "DURATION")]
        interval: Duration,
        /// With --watch, stop after this many matrices (0 = until Ctrl-C).
        #[arg(long, default_value_t = 0)]
        iterations: u32,
    },
}

impl LatencyCommand {
    /// The nodes named (for the audit trail).
    pub fn nodes(&self) -> Vec<String> {
        match self {
            LatencyCommand::Matrix { nodes, .. } => nodes.clone(),
        }
    }
}

/// One ordered pair.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LinkCell {
    /// Measuring node.
    pub from: String,
    /// Peer.
    pub to: String,
    /// Every path answered at least one ping.
    pub reachable: bool,
    /// Median RTT, milliseconds (the slowest reachable path); null when unreachable.
    pub rtt_p50_ms: Option<f64>,
    /// 99th percentile RTT, milliseconds; null when unreachable.
    pub rtt_p99_ms: Option<f64>,
    /// Why a path failed; null when all answered.
    pub error: Option<String>,
    /// Each path: debug (Ping RPC over mTLS) and data (QUIC ping stream, compute peers).
    pub paths: Vec<PathCell>,
}

/// One path of a link.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PathCell {
    /// debug or data.
    pub via: String,
    /// Answered at least one ping.
    pub reachable: bool,
    /// Pings sent.
    pub sent: u32,
    /// Pings answered.
    pub received: u32,
    /// Median, ms.
    pub rtt_p50_ms: Option<f64>,
    /// p99, ms.
    pub rtt_p99_ms: Option<f64>,
    /// First error.
    pub error: Option<String>,
}

/// `latency matrix -o json`:
/// `{"nodes":[ids],"links":[{"from","to","reachable","rtt_p50_ms","rtt_p99_ms","error","paths"}],
/// "asymmetric":[...],"verdict","errors":[...]}`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LatencyMatrix {
    /// The matrix's nodes, sorted.
    pub nodes: Vec<String>,
    /// One link per ordered pair measured.
    pub links: Vec<LinkCell>,
    /// Pairs whose two directions disagree (`a ↔ b: why`).
    pub asymmetric: Vec<String>,
    /// One line naming the broken or slowest links.
    pub verdict: String,
    /// Nodes that did not answer (their rows are missing).
    pub errors: Vec<NodeError>,
}

fn path_cell(p: PathLatency) -> PathCell {
    PathCell {
        reachable: p.reachable,
        sent: p.sent,
        received: p.received,
        rtt_p50_ms: p.reachable.then_some(p.rtt_p50_ms),
        rtt_p99_ms: p.reachable.then_some(p.rtt_p99_ms),
        error: (!p.error.is_empty()).then_some(p.error),
        via: p.via,
    }
}

/// Builds the matrix from each node's answer.
pub fn build(
    nodes: Vec<String>,
    rows: Vec<MeasureLatencyResponse>,
    errors: Vec<NodeError>,
) -> LatencyMatrix {
    let mut links = Vec::new();
    for row in rows {
        for l in row.links {
            if !nodes.contains(&l.to) {
                continue;
            }
            let paths: Vec<PathCell> = l.paths.into_iter().map(path_cell).collect();
            let reachable = !paths.is_empty() && paths.iter().all(|p| p.reachable);
            let worst =
                |f: fn(&PathCell) -> Option<f64>| paths.iter().filter_map(f).reduce(f64::max);
            let error = paths
                .iter()
                .filter_map(|p| p.error.as_ref().map(|e| format!("via {}: {e}", p.via)))
                .collect::<Vec<_>>();
            links.push(LinkCell {
                from: row.node_id.clone(),
                to: l.to,
                reachable,
                rtt_p50_ms: if reachable {
                    worst(|p| p.rtt_p50_ms)
                } else {
                    None
                },
                rtt_p99_ms: if reachable {
                    worst(|p| p.rtt_p99_ms)
                } else {
                    None
                },
                error: (!error.is_empty()).then(|| error.join("; ")),
                paths,
            });
        }
    }
    links.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    let by_pair: BTreeMap<(&str, &str), &LinkCell> = links
        .iter()
        .map(|l| ((l.from.as_str(), l.to.as_str()), l))
        .collect();
    let mut asymmetric = Vec::new();
    for l in &links {
        if l.from >= l.to {
            continue;
        }
        let Some(back) = by_pair.get(&(l.to.as_str(), l.from.as_str())) else {
            continue;
        };
        if l.reachable != back.reachable {
            let (up, down) = if l.reachable { (l, *back) } else { (*back, l) };
            asymmetric.push(format!(
                "{} ↔ {}: {} → {} answers, {} → {} does not",
                l.from, l.to, up.from, up.to, down.from, down.to
            ));
        } else if let (Some(a), Some(b)) = (l.rtt_p50_ms, back.rtt_p50_ms) {
            let (lo, hi) = (a.min(b), a.max(b));
            if hi > lo * ASYMMETRY_FACTOR && hi - lo >= ASYMMETRY_MIN_MS {
                asymmetric.push(format!(
                    "{} ↔ {}: p50 {a:.2}ms one way, {b:.2}ms back",
                    l.from, l.to
                ));
            }
        }
    }
    let verdict = verdict(&links, &errors);
    LatencyMatrix {
        nodes,
        links,
        asymmetric,
        verdict,
        errors,
    }
}

fn verdict(links: &[LinkCell], errors: &[NodeError]) -> String {
    let broken: Vec<&LinkCell> = links.iter().filter(|l| !l.reachable).collect();
    let mut text = if !broken.is_empty() {
        let mut named = Vec::new();
        for l in &broken {
            let both = broken.iter().any(|b| b.from == l.to && b.to == l.from);
            if both && l.from > l.to {
                continue;
            }
            let arrow = if both { "↔" } else { "→" };
            let why = l.error.clone().unwrap_or_default();
            named.push(format!("{} {arrow} {} ({why})", l.from, l.to));
        }
        format!(
            "{} of {} links unreachable: {}",
            broken.len(),
            links.len(),
            named.join(", ")
        )
    } else if let Some(slow) = links
        .iter()
        .filter(|l| l.rtt_p50_ms.is_some())
        .max_by(|a, b| {
            a.rtt_p50_ms
                .unwrap_or(0.0)
                .total_cmp(&b.rtt_p50_ms.unwrap_or(0.0))
        })
    {
        format!(
            "all {} links reachable; slowest {} → {}: p50 {:.2}ms, p99 {:.2}ms",
            links.len(),
            slow.from,
            slow.to,
            slow.rtt_p50_ms.unwrap_or(0.0),
            slow.rtt_p99_ms.unwrap_or(0.0)
        )
    } else {
        "no links measured".to_string()
    };
    if !errors.is_empty() {
        let names: Vec<&str> = errors.iter().map(|e| e.node.as_str()).collect();
        text.push_str(&format!("; no answer from {}", names.join(", ")));
    }
    text
}

/// Quartiles of the reachable medians: the colour scale.
fn scale(links: &[LinkCell]) -> (f64, f64) {
    let mut v: Vec<f64> = links.iter().filter_map(|l| l.rtt_p50_ms).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return (f64::MAX, f64::MAX);
    }
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    let (q1, q3) = (q(0.25), q(0.75));
    (q3, q3 + 1.5 * (q3 - q1).max(q3 * 0.5))
}

impl Report for LatencyMatrix {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let (warn_at, bad_at) = scale(&self.links);
        let mut header = vec!["FROM \\ TO".to_string()];
        header.extend(self.nodes.iter().cloned());
        let refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut t = style.table(&refs);
        let cells: BTreeMap<(&str, &str), &LinkCell> = self
            .links
            .iter()
            .map(|l| ((l.from.as_str(), l.to.as_str()), l))
            .collect();
        for from in &self.nodes {
            let mut row = vec![from.clone()];
            for to in &self.nodes {
                let cell = if from == to {
                    style.dim("·")
                } else {
                    match cells.get(&(from.as_str(), to.as_str())) {
                        None => style.dim("?"),
                        Some(l) if !l.reachable => style.bad("✗ down"),
                        Some(l) => {
                            let p50 = l.rtt_p50_ms.unwrap_or(0.0);
                            let text = format!("{p50:.2}/{:.2}", l.rtt_p99_ms.unwrap_or(0.0));
                            if p50 > bad_at {
                                style.bad(&text)
                            } else if p50 > warn_at {
                                style.warn(&text)
                            } else {
                                style.good(&text)
                            }
                        }
                    }
                };
                row.push(cell);
            }
            t.add_row(row);
        }
        let mut out = format!(
            "{t}\n{}",
            style.dim("cells: p50/p99 RTT in ms; ✗ unreachable; ? not measured")
        );
        for a in &self.asymmetric {
            out.push_str(&format!("\n{} {a}", style.warn("asymmetric:")));
        }
        let verdict = if self.links.iter().any(|l| !l.reachable) {
            style.bad(&self.verdict)
        } else {
            style.good(&self.verdict)
        };
        out.push_str(&format!("\n{verdict}"));
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

/// Measures the matrix once.
pub async fn measure(
    ctx: &Ctx<'_>,
    nodes: &[String],
    count: u32,
    ping_timeout: Duration,
) -> Result<LatencyMatrix> {
    let targets = node_targets(ctx, nodes).await?;
    let ids: Vec<String> = targets.iter().map(|t| t.label().to_string()).collect();
    let pool = ctx.pool()?;
    let base = ctx.fanout()?;
    // A node pings each peer `count + 1` times per path, peers in parallel: allow for a peer
    // that times out on every ping.
    let fan = FanOut {
        concurrency: base.concurrency,
        deadline: base.deadline + ping_timeout * 3,
    };
    let timeout_ms = u32::try_from(ping_timeout.as_millis()).unwrap_or(u32::MAX);
    let results = fan
        .run(&pool, &targets, |mut c| {
            let peers = ids.clone();
            async move {
                c.measure_latency(MeasureLatencyRequest {
                    peers,
                    count,
                    timeout_ms,
                })
                .await
                .map(|r| r.into_inner())
            }
        })
        .await;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (t, r) in targets.iter().zip(results) {
        match r {
            Ok(mut row) => {
                if row.node_id.is_empty() {
                    row.node_id = t.label().to_string();
                }
                rows.push(row);
            }
            Err(e @ Error::PermissionDenied { .. }) => return Err(e),
            Err(e) => errors.push(NodeError {
                node: t.label().to_string(),
                error: e.to_string(),
            }),
        }
    }
    let mut nodes = ids;
    nodes.sort();
    nodes.dedup();
    Ok(build(nodes, rows, errors))
}

/// Runs a `latency` command.
pub async fn exec(cmd: LatencyCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let LatencyCommand::Matrix {
        nodes,
        count,
        ping_timeout,
        watch,
        interval,
        iterations,
    } = cmd;
    if !watch {
        return Ok(Box::new(measure(ctx, &nodes, count, ping_timeout).await?));
    }
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let mut done = 0u32;
    loop {
        let m = measure(ctx, &nodes, count, ping_timeout).await?;
        done += 1;
        if iterations != 0 && done >= iterations {
            return Ok(Box::new(m));
        }
        let text = render(&m, ctx.format, &ctx.style);
        if tty {
            print!("\x1b[2J\x1b[H");
        }
        println!("{text}");
        if tty {
            println!(
                "(refreshing every {}; Ctrl-C stops)",
                humantime::format_duration(interval)
            );
        }
        tokio::time::sleep(interval).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use butterfly_proto::debug::LinkLatency;

    fn path(ok: bool, p50: f64) -> PathLatency {
        PathLatency {
            via: "debug".into(),
            reachable: ok,
            sent: 10,
            received: if ok { 10 } else { 0 },
            rtt_p50_ms: p50,
            rtt_p99_ms: p50 * 2.0,
            error: if ok {
                String::new()
            } else {
                "partitioned".into()
            },
        }
    }

    fn row(from: &str, links: &[(&str, bool, f64)]) -> MeasureLatencyResponse {
        MeasureLatencyResponse {
            node_id: from.into(),
            links: links
                .iter()
                .map(|(to, ok, p50)| LinkLatency {
                    to: (*to).into(),
                    paths: vec![path(*ok, *p50)],
                })
                .collect(),
        }
    }

    #[test]
    fn verdict_names_the_broken_pair_and_asymmetry() {
        let nodes = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let m = build(
            nodes.clone(),
            vec![
                row("a", &[("b", false, 0.0), ("c", true, 1.0)]),
                row("b", &[("a", false, 0.0), ("c", true, 1.0)]),
                row("c", &[("a", true, 1.0), ("b", true, 20.0)]),
            ],
            vec![],
        );
        assert_eq!(m.links.len(), 6);
        assert!(
            m.verdict.starts_with("2 of 6 links unreachable: a ↔ b"),
            "{}",
            m.verdict
        );
        assert_eq!(m.asymmetric.len(), 1, "{:?}", m.asymmetric);
        assert!(m.asymmetric[0].starts_with("b ↔ c"));
        let healthy = build(nodes, vec![row("a", &[("b", true, 1.0)])], vec![]);
        assert!(
            healthy.verdict.contains("slowest a → b"),
            "{}",
            healthy.verdict
        );
        let t = healthy.render(&Style::plain());
        assert!(t.contains("1.00/2.00") && t.contains('?'), "{t}");
    }
}
