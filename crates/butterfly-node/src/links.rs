//! A node's links to its peers: the table of RPC links (consensus, membership) and probes as
//! calls happen, the link monitor that pings every peer it should reach (over the debug service,
//! and over the data plane to compute peers) and keeps `butterfly_connection_active` true to
//! what it sees, and the on-demand measurement behind `latency matrix`.

use crate::cluster::{unix_ms, Cluster};
use crate::dataplane::DataClient;
use crate::faults::Faults;
use butterfly_proto::debug::{
    Connection, LinkLatency, MeasureLatencyRequest, MeasureLatencyResponse, Member, NodeRole,
    PathLatency, PingRequest,
};
use futures::StreamExt;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Default interval between two rounds of the link monitor: 1 s.
pub const DEFAULT_PROBE_INTERVAL: Duration = Duration::from_secs(1);
/// Deadline of one monitor ping: 1 s.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);
/// Peers probed per monitor round (a large cluster is covered round-robin): 64.
pub const PEERS_PER_ROUND: usize = 64;
/// Pings per path of `MeasureLatency` by default: 10; at most 100.
pub const DEFAULT_PINGS: u32 = 10;
/// Most pings per path of one `MeasureLatency`.
pub const MAX_PINGS: u32 = 100;
/// Default deadline of one `MeasureLatency` ping: 1 s; at most 10 s.
pub const DEFAULT_PING_TIMEOUT: Duration = Duration::from_secs(1);
/// Peers one `MeasureLatency` pings at once: 32.
pub const MEASURE_CONCURRENCY: usize = 32;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Debug)]
struct LinkRow {
    remote_addr: String,
    first: Instant,
    up: bool,
    last_ok_ms: i64,
    rtt_ms: f64,
    calls: u64,
    failures: u64,
    error: String,
}

/// Links recorded as calls over them happen: `consensus`, `membership`, `probe`, `data-probe`,
/// `forward` (follower → leader requests).
#[derive(Debug, Default)]
pub struct LinkTable {
    rows: Mutex<BTreeMap<(String, String), LinkRow>>,
}

impl LinkTable {
    /// Records one call of `kind` to `peer` at `addr`: its round trip, or why it failed.
    pub fn record(&self, kind: &str, peer: &str, addr: &str, result: Result<Duration, &str>) {
        let mut rows = lock(&self.rows);
        if peer != addr {
            // Recorded under its address before the peer's id was known.
            rows.remove(&(kind.to_string(), addr.to_string()));
        }
        let row = rows
            .entry((kind.to_string(), peer.to_string()))
            .or_insert_with(|| LinkRow {
                remote_addr: addr.to_string(),
                first: Instant::now(),
                up: false,
                last_ok_ms: 0,
                rtt_ms: 0.0,
                calls: 0,
                failures: 0,
                error: String::new(),
            });
        row.calls += 1;
        row.remote_addr = addr.to_string();
        match result {
            Ok(rtt) => {
                row.up = true;
                row.last_ok_ms = unix_ms();
                row.rtt_ms = rtt.as_secs_f64() * 1000.0;
                row.error.clear();
            }
            Err(e) => {
                row.up = false;
                row.failures += 1;
                row.error = e.to_string();
            }
        }
    }

    /// Every recorded link as a `ListConnections` row (direction `out`).
    pub fn rows(&self) -> Vec<Connection> {
        lock(&self.rows)
            .iter()
            .map(|((kind, peer), r)| Connection {
                kind: kind.clone(),
                peer: peer.clone(),
                direction: "out".into(),
                remote_addr: r.remote_addr.clone(),
                state: if r.up { "up" } else { "down" }.into(),
                rtt_ms: r.rtt_ms,
                age_ms: u64::try_from(r.first.elapsed().as_millis()).unwrap_or(u64::MAX),
                last_activity_unix_ms: r.last_ok_ms,
                error: r.error.clone(),
                calls: r.calls,
                failures: r.failures,
                ..Connection::default()
            })
            .collect()
    }
}

/// The link monitor and latency prober of one node.
pub struct Monitor {
    node_id: String,
    cluster: Arc<Cluster>,
    faults: Faults,
    /// The prober's own QUIC client (node certificate) for data-plane pings.
    data: DataClient,
    metrics: Arc<butterfly_telemetry::Metrics>,
    cursor: AtomicUsize,
    nonce: AtomicU64,
}

impl Monitor {
    /// A monitor for `node_id`, pinging with `data` over the data plane.
    pub fn new(
        node_id: String,
        cluster: Arc<Cluster>,
        faults: Faults,
        data: DataClient,
        metrics: Arc<butterfly_telemetry::Metrics>,
    ) -> Monitor {
        Monitor {
            node_id,
            cluster,
            faults,
            data,
            metrics,
            cursor: AtomicUsize::new(0),
            nonce: AtomicU64::new(0),
        }
    }

    /// The prober's data-plane connections (`data` rows).
    pub fn data_rows(&self) -> Vec<Connection> {
        self.data.rows()
    }

    /// The prober's local UDP port.
    pub fn data_port(&self) -> Option<u16> {
        self.data.local_port()
    }

    /// Peers this node should reach: every other member with a debug address; `only` (ids)
    /// narrows it.
    fn peers(&self, only: &[String]) -> Vec<Member> {
        self.cluster
            .members()
            .into_iter()
            .filter(|m| m.id != self.node_id && !m.debug_addr.is_empty())
            .filter(|m| only.is_empty() || only.contains(&m.id))
            .collect()
    }

    fn refuse(&self, peer: &str) -> Option<String> {
        self.faults
            .partitioned_from(peer)
            .then(|| format!("partitioned from {peer} (injected fault)"))
    }

    /// One ping of `peer` over the debug service.
    async fn ping_debug(&self, peer: &Member, timeout: Duration) -> Result<Duration, String> {
        if let Some(e) = self.refuse(&peer.id) {
            return Err(e);
        }
        let mut client = self
            .cluster
            .client(&peer.debug_addr)
            .ok_or_else(|| format!("invalid debug address {}", peer.debug_addr))?;
        let nonce = self.nonce.fetch_add(1, Ordering::Relaxed);
        let mut request = tonic::Request::new(PingRequest {
            from: self.node_id.clone(),
            nonce,
        });
        request.set_timeout(timeout);
        let started = Instant::now();
        let call = tokio::time::timeout(timeout, client.ping(request)).await;
        match call {
            Err(_) => Err(format!(
                "no answer within {}",
                humantime::format_duration(timeout)
            )),
            Ok(Err(status)) => Err(crate::links::status_text(&status)),
            Ok(Ok(r)) if r.get_ref().nonce != nonce => Err("answer to another ping".into()),
            Ok(Ok(_)) => Ok(started.elapsed()),
        }
    }

    /// One ping of `peer` over the data plane (compute peers only).
    async fn ping_data(&self, peer: &Member, timeout: Duration) -> Result<Duration, String> {
        if let Some(e) = self.refuse(&peer.id) {
            return Err(e);
        }
        let ping = self.data.ping(&peer.id, &peer.data_addr, &self.node_id);
        match tokio::time::timeout(timeout, ping).await {
            Ok(r) => r,
            Err(_) => Err(format!(
                "no answer within {}",
                humantime::format_duration(timeout)
            )),
        }
    }

    fn has_data_path(peer: &Member) -> bool {
        peer.role == NodeRole::Compute as i32 && !peer.data_addr.is_empty()
    }

    /// One monitor round: pings up to [`PEERS_PER_ROUND`] peers once on each path, records
    /// the results and sets `butterfly_connection_active{from_node, to_node}`.
    pub async fn probe_round(&self) {
        let peers = self.peers(&[]);
        if peers.is_empty() {
            return;
        }
        let start = self.cursor.fetch_add(PEERS_PER_ROUND, Ordering::Relaxed) % peers.len();
        let round: Vec<Member> = peers
            .iter()
            .cycle()
            .skip(start)
            .take(PEERS_PER_ROUND.min(peers.len()))
            .cloned()
            .collect();
        let probes: Vec<_> = round.into_iter().map(|p| self.probe(p)).collect();
        futures::stream::iter(probes)
            .buffer_unordered(MEASURE_CONCURRENCY)
            .collect::<Vec<()>>()
            .await;
    }

    async fn probe(&self, peer: Member) {
        let debug = self.ping(&peer, false, PROBE_TIMEOUT).await;
        let links = &self.cluster.links;
        links.record(
            "probe",
            &peer.id,
            &peer.debug_addr,
            debug.as_ref().copied().map_err(String::as_str),
        );
        let mut up = debug.is_ok();
        if Self::has_data_path(&peer) {
            let data = self.ping(&peer, true, PROBE_TIMEOUT).await;
            links.record(
                "data-probe",
                &peer.id,
                &peer.data_addr,
                data.as_ref().copied().map_err(String::as_str),
            );
            up &= data.is_ok();
        }
        self.metrics
            .set_connection_active(&self.node_id, &peer.id, up);
    }

    async fn ping(&self, peer: &Member, data: bool, timeout: Duration) -> Result<Duration, String> {
        if data {
            self.ping_data(peer, timeout).await
        } else {
            self.ping_debug(peer, timeout).await
        }
    }

    /// Runs monitor rounds every `interval` until the task is dropped.
    pub async fn run(self: Arc<Self>, interval: Duration) {
        let mut tick = tokio::time::interval(interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            self.probe_round().await;
        }
    }

    /// This node's row of the latency matrix: `count` pings per path to each peer.
    pub async fn measure(&self, req: MeasureLatencyRequest) -> MeasureLatencyResponse {
        let count = match req.count {
            0 => DEFAULT_PINGS,
            n => n.min(MAX_PINGS),
        };
        let timeout = match req.timeout_ms {
            0 => DEFAULT_PING_TIMEOUT,
            ms => Duration::from_millis(u64::from(ms).min(10_000)),
        };
        let peers = self.peers(&req.peers);
        let known: Vec<String> = peers.iter().map(|p| p.id.clone()).collect();
        let jobs: Vec<_> = peers
            .into_iter()
            .map(|p| self.measure_link(p, count, timeout))
            .collect();
        let mut links: Vec<LinkLatency> = futures::stream::iter(jobs)
            .buffer_unordered(MEASURE_CONCURRENCY)
            .collect()
            .await;
        // Peers asked for by id that this node does not know.
        for id in &req.peers {
            if id != &self.node_id && !known.contains(id) {
                links.push(LinkLatency {
                    to: id.clone(),
                    paths: vec![PathLatency {
                        via: "debug".into(),
                        error: format!("{id} is not in {}'s membership", self.node_id),
                        ..PathLatency::default()
                    }],
                });
            }
        }
        links.sort_by(|a, b| a.to.cmp(&b.to));
        MeasureLatencyResponse {
            node_id: self.node_id.clone(),
            links,
        }
    }

    async fn measure_link(&self, peer: Member, count: u32, timeout: Duration) -> LinkLatency {
        let mut paths = vec![self.measure_path(&peer, false, count, timeout).await];
        if Self::has_data_path(&peer) {
            paths.push(self.measure_path(&peer, true, count, timeout).await);
        }
        LinkLatency { to: peer.id, paths }
    }

    /// One warm-up ping (connection set-up is not latency), then `count` measured ones.
    async fn measure_path(
        &self,
        peer: &Member,
        data: bool,
        count: u32,
        timeout: Duration,
    ) -> PathLatency {
        let warm = self.ping(peer, data, timeout).await;
        let mut rtts = Vec::with_capacity(count as usize);
        let mut in_a_row = u32::from(warm.is_err());
        let mut error = warm.err().unwrap_or_default();
        let mut sent = 0u32;
        for _ in 0..count {
            sent += 1;
            match self.ping(peer, data, timeout).await {
                Ok(d) => {
                    in_a_row = 0;
                    rtts.push(d.as_secs_f64() * 1000.0);
                }
                Err(e) => {
                    in_a_row += 1;
                    if error.is_empty() {
                        error = e;
                    }
                    // A dead link: three failures in a row and no answer at all.
                    if in_a_row >= 3 && rtts.is_empty() {
                        break;
                    }
                }
            }
        }
        if rtts.len() == sent as usize && sent > 0 {
            error.clear();
        }
        rtts.sort_by(f64::total_cmp);
        let at = |q: f64| {
            rtts.get(((rtts.len() as f64 * q).ceil() as usize).saturating_sub(1))
                .copied()
                .unwrap_or(0.0)
        };
        PathLatency {
            via: if data { "data" } else { "debug" }.into(),
            reachable: !rtts.is_empty(),
            sent,
            received: rtts.len() as u32,
            rtt_p50_ms: at(0.5),
            rtt_p99_ms: at(0.99),
            error,
        }
    }
}

/// The message of a failed call, with the transport's cause when there is one.
pub fn status_text(status: &tonic::Status) -> String {
    let mut text = status.message().to_string();
    if text.is_empty() {
        text = format!("{:?}", status.code());
    }
    if let Some(src) = std::error::Error::source(status) {
        let cause = src.to_string();
        if !cause.is_empty() && !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_table_tracks_state() {
        let t = LinkTable::default();
        t.record(
            "consensus",
            "c2",
            "127.0.0.1:1",
            Ok(Duration::from_millis(2)),
        );
        t.record("consensus", "c2", "127.0.0.1:1", Err("refused"));
        let rows = t.rows();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].state, "down");
        assert_eq!((rows[0].calls, rows[0].failures), (2, 1));
        assert_eq!(rows[0].error, "refused");
        t.record(
            "consensus",
            "c2",
            "127.0.0.1:1",
            Ok(Duration::from_millis(1)),
        );
        assert_eq!(t.rows()[0].state, "up");
    }
}
