//! The data plane's connections as `ListConnections` rows (quinn's own statistics: RTT,
//! congestion window, bytes and datagrams each way, lost packets), the server's registry of
//! accepted connections, and the tap of data-plane frames.

use crate::dataplane::DataClient;
use butterfly_proto::debug::Connection;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One `data` row from a live quinn connection.
pub fn conn_row(
    peer: &str,
    direction: &str,
    local: Option<SocketAddr>,
    conn: &quinn::Connection,
    opened: Instant,
) -> Connection {
    let stats = conn.stats();
    let (state, error) = match conn.close_reason() {
        None => ("up", String::new()),
        Some(reason) => ("closed", reason.to_string()),
    };
    Connection {
        kind: "data".into(),
        peer: peer.to_string(),
        direction: direction.into(),
        local_addr: local.map(|a| a.to_string()).unwrap_or_default(),
        remote_addr: conn.remote_address().to_string(),
        state: state.into(),
        rtt_ms: stats.path.rtt.as_secs_f64() * 1000.0,
        cwnd_bytes: stats.path.cwnd,
        bytes_sent: stats.udp_tx.bytes,
        bytes_received: stats.udp_rx.bytes,
        datagrams_sent: stats.udp_tx.datagrams,
        datagrams_received: stats.udp_rx.datagrams,
        packets_sent: stats.path.sent_packets,
        packets_lost: stats.path.lost_packets,
        age_ms: u64::try_from(opened.elapsed().as_millis()).unwrap_or(u64::MAX),
        error,
        ..Connection::default()
    }
}

/// Connections a compute node's data-plane server accepted (removed when they close).
#[derive(Clone, Default)]
pub struct DataConns {
    inner: Arc<Mutex<Accepted>>,
}

#[derive(Default)]
struct Accepted {
    next: u64,
    open: HashMap<u64, (String, quinn::Connection, Instant)>,
    local: Option<SocketAddr>,
}

impl DataConns {
    /// Registers a connection from `peer`; the key to pass to [`DataConns::closed`].
    pub fn accepted(&self, peer: &str, conn: &quinn::Connection) -> u64 {
        let mut a = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        a.next += 1;
        let key = a.next;
        a.open
            .insert(key, (peer.to_string(), conn.clone(), Instant::now()));
        key
    }

    /// Forgets a connection.
    pub fn closed(&self, key: u64) {
        let mut a = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        a.open.remove(&key);
    }

    /// Records the server's local address (for the rows).
    pub fn set_local(&self, local: Option<SocketAddr>) {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).local = local;
    }

    /// The accepted connections as `data` rows (direction `in`).
    pub fn rows(&self) -> Vec<Connection> {
        let a = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        a.open
            .values()
            .map(|(peer, conn, opened)| conn_row(peer, "in", a.local, conn, *opened))
            .collect()
    }
}

impl DataClient {
    /// Taps a frame sent (`outbound`) or received on `conn` while a tap session runs.
    pub(crate) fn tap(&self, conn: &quinn::Connection, outbound: bool, bytes: &[u8]) {
        if !self.capture.is_tapping() {
            return;
        }
        let Ok(local) = self.endpoint.local_addr() else {
            return;
        };
        let remote = conn.remote_address();
        let (src, dst) = if outbound {
            (local, remote)
        } else {
            (remote, local)
        };
        self.capture
            .tap(src, dst, butterfly_debug::capture::Transport::Udp, bytes);
    }

    /// Taps this client's frames into `capture`.
    pub fn set_capture(&mut self, capture: butterfly_debug::Capture) {
        self.capture = capture;
    }

    /// The client's open connections as `data` rows (direction `out`).
    pub fn rows(&self) -> Vec<Connection> {
        let local = self.endpoint.local_addr().ok();
        let conns: Vec<(String, quinn::Connection, Instant)> = self
            .conns
            .lock()
            .map(|m| {
                m.iter()
                    .map(|(p, (c, t))| (p.clone(), c.clone(), *t))
                    .collect()
            })
            .unwrap_or_default();
        conns
            .iter()
            .map(|(peer, conn, opened)| conn_row(peer, "out", local, conn, *opened))
            .collect()
    }

    /// The local UDP port of the client endpoint (libpcap captures filter on it).
    pub fn local_port(&self) -> Option<u16> {
        self.endpoint.local_addr().ok().map(|a| a.port())
    }

    /// One application-level ping over the data plane: a [`crate::dataplane::PING_LAYER`]
    /// stream answered at once by the peer. Returns the round trip.
    pub async fn ping(
        &self,
        peer: &str,
        addr: &str,
        from: &str,
    ) -> Result<std::time::Duration, String> {
        let header = crate::dataplane::ExecHeader {
            request_id: "ping",
            layer: crate::dataplane::PING_LAYER,
            traceparent: &[],
            from,
        };
        // Connect first, so the round trip measures the ping and not the QUIC handshake.
        self.connection(peer, addr).await?;
        let started = Instant::now();
        self.execute(peer, addr, &header, &[])
            .await
            .map(|_| started.elapsed())
            .map_err(|e| match e {
                crate::dataplane::DataError::Peer { message, .. } => message,
                other => other.to_string(),
            })
    }
}
