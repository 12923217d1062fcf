//! The data plane: tensors between coordinators and compute nodes over QUIC (quinn) with mutual
//! TLS 1.3 (node certificates, ALPN `bfly-data/2`). One bidirectional stream per layer execution:
//!
//! ```text
//! request:  u32 BE header length | ExecHeader (binary) | tensor (f32 little-endian)
//! response: u32 BE header length | JSON ExecReply      | tensor (f32 little-endian)
//!
//! ExecHeader: u32 BE layer | (u16 BE length | bytes) × 3: request id, sender id, traceparent
//! ```
//!
//! Every request header carries the W3C `traceparent` of the coordinator's span, in the binary
//! form of the W3C trace-context-binary draft (29 bytes; empty when tracing is off). The header is
//! binary so that carrying the trace context costs a copy of those bytes, not hex formatting and
//! parsing, a JSON escape pass and a `String` per hop.

use crate::faults::Faults;
use crate::layers::{from_bytes, tensor_hash, to_bytes, Model};
use butterfly_proto::auth::{cn_covers, identity_from_der, Role};
use butterfly_proto::debug::{LayerLatency, PeerState};
use quinn::crypto::rustls::{QuicClientConfig, QuicServerConfig};
use rustls::pki_types::CertificateDer;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// ALPN protocol of the data plane.
pub const ALPN: &[u8] = b"bfly-data/2";
/// Largest request or response accepted on a stream: 16 MiB.
pub const MAX_MESSAGE_BYTES: usize = 16 << 20;
use crate::frame::{decode, encode};
pub use crate::frame::{decode_frame, decode_reply, ExecHeader, ExecReply, MAX_HEADER_BYTES};
/// Default deadline for one layer execution round trip.
pub const DEFAULT_EXEC_TIMEOUT: Duration = Duration::from_secs(3);
/// QUIC keep-alive interval: a silent peer is noticed within [`IDLE_TIMEOUT`].
pub const KEEP_ALIVE: Duration = Duration::from_secs(1);
/// QUIC idle timeout.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(3);

fn transport() -> Arc<quinn::TransportConfig> {
    let mut t = quinn::TransportConfig::default();
    t.keep_alive_interval(Some(KEEP_ALIVE));
    if let Ok(idle) = quinn::IdleTimeout::try_from(IDLE_TIMEOUT) {
        t.max_idle_timeout(Some(idle));
    }
    Arc::new(t)
}
/// The layer number of a ping: the server answers at once, runs nothing (`latency matrix`, link
/// monitor).
pub const PING_LAYER: u32 = u32::MAX;
/// Layer latencies kept per layer for mean/p99.
pub const LATENCY_WINDOW: usize = 256;

/// Errors of the data plane.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// TLS/QUIC configuration problem.
    #[error("data plane config: {0}")]
    Config(String),
    /// Could not reach or talk to the peer.
    #[error("{peer}: {message}")]
    Peer {
        /// Peer id.
        peer: String,
        /// What went wrong.
        message: String,
    },
}

/// Layer-duration metric handles by layer, with the node id each was made for.
type LayerHandles = BTreeMap<u32, (String, Arc<butterfly_telemetry::LayerHandle>)>;

/// Executions counted and the recent window of latencies (ms) of one layer.
type LayerWindow = (u64, VecDeque<f64>);

/// Recent layer execution times on this node.
#[derive(Debug, Default, Clone)]
pub struct LayerStats {
    inner: Arc<Mutex<BTreeMap<u32, LayerWindow>>>,
    pending: Arc<std::sync::atomic::AtomicU32>,
    metrics: Option<Arc<butterfly_telemetry::Metrics>>,
    /// Layer-duration metric handles by layer (this node's id is fixed), resolved once.
    layer_handles: Arc<Mutex<LayerHandles>>,
}

impl LayerStats {
    /// Stats that also feed `butterfly_layer_execution_duration_seconds` (with trace exemplars).
    pub fn with_metrics(metrics: Arc<butterfly_telemetry::Metrics>) -> LayerStats {
        LayerStats {
            metrics: Some(metrics),
            ..LayerStats::default()
        }
    }

    /// The layer-duration metric handle of `layer` on `node_id`.
    fn layer_handle(
        &self,
        m: &butterfly_telemetry::Metrics,
        layer: u32,
        node_id: &str,
    ) -> Arc<butterfly_telemetry::LayerHandle> {
        let mut handles = self.layer_handles.lock().unwrap_or_else(|e| e.into_inner());
        let (id, handle) = handles.entry(layer).or_insert_with(|| {
            let h = Arc::new(m.layer_handle(&layer.to_string(), node_id));
            (node_id.to_owned(), h)
        });
        if id.as_str() != node_id {
            // Not expected (one node id per server); stay correct anyway.
            return Arc::new(m.layer_handle(&layer.to_string(), node_id));
        }
        handle.clone()
    }

    /// Layer executions received and not yet answered (the node's queue depth).
    pub fn pending(&self) -> u32 {
        self.pending.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Records one execution of `layer` that took `ms` milliseconds.
    pub fn record(&self, layer: u32, ms: f64) {
        if let Ok(mut m) = self.inner.lock() {
            let (count, window) = m.entry(layer).or_default();
            *count += 1;
            window.push_back(ms);
            if window.len() > LATENCY_WINDOW {
                window.pop_front();
            }
        }
    }

    /// Mean and p99 per layer over the recent window.
    pub fn snapshot(&self) -> Vec<LayerLatency> {
        let Ok(m) = self.inner.lock() else {
            return Vec::new();
        };
        m.iter()
            .map(|(layer, (count, w))| {
                let mut v: Vec<f64> = w.iter().copied().collect();
                v.sort_by(f64::total_cmp);
                let mean = if v.is_empty() {
                    0.0
                } else {
                    v.iter().sum::<f64>() / v.len() as f64
                };
                let p99 = v
                    .get(((v.len() as f64 * 0.99).ceil() as usize).saturating_sub(1))
                    .copied()
                    .unwrap_or(0.0);
                LayerLatency {
                    layer: *layer,
                    count: *count,
                    mean_ms: mean,
                    p99_ms: p99,
                }
            })
            .collect()
    }
}

/// A compute node's data-plane server.
pub struct DataServer {
    endpoint: quinn::Endpoint,
    conns: crate::datanet::DataConns,
}

impl DataServer {
    /// Binds the QUIC endpoint at `addr` with the node's TLS server config (client certificates
    /// required, as on the debug service).
    pub fn bind(addr: SocketAddr, tls: &rustls::ServerConfig) -> Result<DataServer, DataError> {
        let mut cfg = tls.clone();
        cfg.alpn_protocols = vec![ALPN.to_vec()];
        cfg.max_early_data_size = 0;
        let quic = QuicServerConfig::try_from(cfg).map_err(|e| DataError::Config(e.to_string()))?;
        let mut server = quinn::ServerConfig::with_crypto(Arc::new(quic));
        server.transport_config(transport());
        let endpoint = quinn::Endpoint::server(server, addr)
            .map_err(|e| DataError::Config(format!("bind {addr}: {e}")))?;
        Ok(DataServer {
            endpoint,
            conns: crate::datanet::DataConns::default(),
        })
    }

    /// The bound address.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.endpoint.local_addr().ok()
    }

    /// The accepted connections (for `ListConnections`).
    pub fn conns(&self) -> crate::datanet::DataConns {
        self.conns.clone()
    }

    /// Serves layer executions until the endpoint closes; frames are tapped into `capture`
    /// while a tap session runs.
    pub async fn serve(
        self,
        node_id: String,
        model: Model,
        faults: Faults,
        stats: LayerStats,
        capture: butterfly_debug::Capture,
    ) {
        let executor = Arc::new(Executor {
            local: self.endpoint.local_addr().ok(),
            capture,
            node_id,
            model,
            faults,
            stats,
        });
        while let Some(incoming) = self.endpoint.accept().await {
            let executor = executor.clone();
            let conns = self.conns.clone();
            tokio::spawn(async move {
                let conn = match incoming.await {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::warn!(error = %e, "data-plane handshake failed");
                        return;
                    }
                };
                let peer = match peer_node_id(&conn) {
                    Some(p) => p,
                    None => {
                        conn.close(1u32.into(), b"node certificate required");
                        return;
                    }
                };
                let entry = conns.accepted(&peer, &conn);
                let remote = conn.remote_address();
                while let Ok((send, recv)) = conn.accept_bi().await {
                    if executor.faults.partitioned_from(&peer) {
                        conn.close(2u32.into(), b"partitioned");
                        break;
                    }
                    tokio::spawn(handle_stream(executor.clone(), send, recv, remote));
                }
                conns.closed(entry);
            });
        }
    }
}

/// What a compute node's data-plane server runs layers with.
struct Executor {
    /// The endpoint's address and the capture its frames are tapped into.
    local: Option<SocketAddr>,
    capture: butterfly_debug::Capture,
    node_id: String,
    model: Model,
    faults: Faults,
    stats: LayerStats,
}

/// The CN of a node certificate presented on `conn` (`None`: none, or not a node's).
fn peer_cert_name(conn: &quinn::Connection) -> Option<String> {
    peer_node_id(conn)
}

fn peer_node_id(conn: &quinn::Connection) -> Option<String> {
    let certs = conn
        .peer_identity()?
        .downcast::<Vec<CertificateDer<'static>>>()
        .ok()?;
    let id = identity_from_der(certs.first()?.as_ref()).ok()?;
    id.role.is_some_and(Role::is_node).then_some(id.name)
}

async fn handle_stream(
    ex: Arc<Executor>,
    mut send: quinn::SendStream,
    mut recv: quinn::RecvStream,
    remote: SocketAddr,
) {
    let stats = &ex.stats;
    use std::sync::atomic::Ordering;
    stats.pending.fetch_add(1, Ordering::Relaxed);
    let tap = |from: SocketAddr, to: SocketAddr, bytes: &[u8]| {
        ex.capture
            .tap(from, to, butterfly_debug::capture::Transport::Udp, bytes)
    };
    let reply = match recv.read_to_end(MAX_MESSAGE_BYTES).await {
        Ok(buf) => {
            if let (true, Some(local)) = (ex.capture.is_tapping(), ex.local) {
                tap(remote, local, &buf);
            }
            execute(&ex, &buf).await
        }
        Err(e) => (
            ExecReply {
                node_id: ex.node_id.clone(),
                hash: String::new(),
                exec_us: 0,
                error: Some(format!("read: {e}")),
            },
            Vec::new(),
        ),
    };
    stats.pending.fetch_sub(1, Ordering::Relaxed);
    let frame = encode(&reply.0, &reply.1);
    if let (true, Some(local)) = (ex.capture.is_tapping(), ex.local) {
        tap(local, remote, &frame);
    }
    let _ = send.write_all(&frame).await;
    let _ = send.finish();
}

async fn execute(ex: &Executor, buf: &[u8]) -> (ExecReply, Vec<u8>) {
    let Executor {
        local: _,
        capture: _,
        node_id,
        model,
        faults,
        stats,
    } = ex;
    let fail = |e: String| {
        (
            ExecReply {
                node_id: node_id.to_string(),
                hash: String::new(),
                exec_us: 0,
                error: Some(e),
            },
            Vec::new(),
        )
    };
    let (header, body) = match ExecHeader::parse(buf) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    if header.layer == PING_LAYER {
        let pong = ExecReply {
            node_id: node_id.to_string(),
            hash: String::new(),
            exec_us: 0,
            error: None,
        };
        return (pong, Vec::new());
    }
    let Some(input) = from_bytes(body) else {
        return fail("tensor length is not a multiple of 4".into());
    };
    // The span continues the coordinator's trace through the header's (binary) traceparent.
    // It covers an injected slow-fault delay too.
    let span = tracing::info_span!(
        "layer.execute",
        traceparent = header.traceparent,
        request_id = header.request_id,
        component = "compute",
        layer.id = header.layer,
        node.id = node_id.as_str(),
        tensor.shape = butterfly_telemetry::tensor_shape_2d(1, input.len()).as_str(),
        error = tracing::field::Empty,
    );
    let work = async {
        let started = Instant::now();
        if let Some(d) = faults.slow() {
            tokio::time::sleep(d).await;
        }
        if let Some(d) = faults.hot() {
            crate::faults::burn_cpu(d);
        }
        let Some(mut output) = model.execute(header.layer, &input) else {
            let e = format!(
                "layer {} does not exist or input width {} is wrong",
                header.layer,
                input.len()
            );
            tracing::Span::current().record("error", e.as_str());
            return fail(e);
        };
        if let Some(p) = faults.byzantine() {
            if chance(p) {
                for v in output.iter_mut() {
                    *v = -*v + 0.001;
                }
                // Marks the span as Byzantine (its trace is always sampled).
                tracing::warn!(
                    layer = header.layer,
                    byzantine = true,
                    "injected byzantine fault: corrupted output"
                );
            }
        }
        let done = Instant::now();
        let elapsed = done.saturating_duration_since(started);
        stats.record(header.layer, elapsed.as_secs_f64() * 1000.0);
        if let Some(m) = &stats.metrics {
            let trace = butterfly_telemetry::current_trace_context();
            // Same series as record_layer_execution(layer, node_id, ..), without label lookups.
            let handle = stats.layer_handle(m, header.layer, node_id);
            handle.record_execution(m, elapsed, trace.as_ref().map(|t| (t, done)));
            // The execution's memory: the layer's parameters plus its input and output tensors.
            let params = model.layer_param_bytes(header.layer).unwrap_or(0);
            handle.set_memory(m, params + ((input.len() + output.len()) * 4) as u64);
        }
        (
            ExecReply {
                node_id: node_id.to_string(),
                hash: tensor_hash(&output),
                exec_us: elapsed.as_micros() as u64,
                error: None,
            },
            to_bytes(&output),
        )
    };
    tracing::Instrument::instrument(work, span).await
}

/// True with probability `p`.
fn chance(p: f64) -> bool {
    fastrand::f64() < p
}

/// A TLS 1.3 client configuration presenting the node certificate, trusting the cluster CA.
pub fn client_config(
    ca_pem: &[u8],
    cert_pem: &[u8],
    key_pem: &[u8],
) -> Result<rustls::ClientConfig, DataError> {
    use butterfly_proto::pem;
    let mut roots = rustls::RootCertStore::empty();
    for der in pem::certs(ca_pem).map_err(|e| DataError::Config(format!("CA: {e}")))? {
        roots
            .add(der)
            .map_err(|e| DataError::Config(format!("CA: {e}")))?;
    }
    let chain = pem::certs(cert_pem).map_err(|e| DataError::Config(format!("certificate: {e}")))?;
    let key = pem::private_key(key_pem).map_err(|e| DataError::Config(format!("key: {e}")))?;
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| DataError::Config(e.to_string()))?
        .with_root_certificates(roots)
        .with_client_auth_cert(chain, key)
        .map_err(|e| DataError::Config(e.to_string()))
}

/// A coordinator's client side of the data plane: one QUIC connection per compute node.
pub struct DataClient {
    pub(crate) endpoint: quinn::Endpoint,
    /// Open connections by peer id, with when each was opened.
    pub(crate) conns: Mutex<HashMap<String, (quinn::Connection, Instant)>>,
    peers: Mutex<BTreeMap<String, PeerState>>,
    suspects: Mutex<HashMap<String, Instant>>,
    timeout: Duration,
    /// Where frames are tapped while a tap session runs.
    pub(crate) capture: butterfly_debug::Capture,
}

/// How long a peer that failed a call is skipped when others can take its work.
pub const SUSPECT_FOR: Duration = Duration::from_secs(5);

impl DataClient {
    /// A client presenting the node certificate in `tls` (ALPN set here).
    pub fn new(tls: &rustls::ClientConfig, timeout: Duration) -> Result<DataClient, DataError> {
        let mut cfg = tls.clone();
        cfg.alpn_protocols = vec![ALPN.to_vec()];
        let quic = QuicClientConfig::try_from(cfg).map_err(|e| DataError::Config(e.to_string()))?;
        let mut endpoint = quinn::Endpoint::client(SocketAddr::from(([127, 0, 0, 1], 0)))
            .map_err(|e| DataError::Config(format!("client endpoint: {e}")))?;
        let mut client = quinn::ClientConfig::new(Arc::new(quic));
        client.transport_config(transport());
        endpoint.set_default_client_config(client);
        Ok(DataClient {
            endpoint,
            conns: Mutex::default(),
            peers: Mutex::default(),
            suspects: Mutex::default(),
            timeout,
            capture: butterfly_debug::Capture::default(),
        })
    }

    /// Runs `layer` on `peer` (node id, QUIC address) with `input`; returns the output and the
    /// peer's reply.
    pub async fn execute(
        &self,
        peer: &str,
        addr: &str,
        header: &ExecHeader<'_>,
        input: &[f32],
    ) -> Result<(Vec<f32>, ExecReply), DataError> {
        let result =
            tokio::time::timeout(self.timeout, self.execute_inner(peer, addr, header, input))
                .await
                .unwrap_or_else(|_| {
                    Err(format!(
                        "no answer within {}",
                        humantime::format_duration(self.timeout)
                    ))
                });
        self.note(peer, result.as_ref().err().cloned());
        result.map_err(|message| {
            if let Ok(mut c) = self.conns.lock() {
                c.remove(peer);
            }
            DataError::Peer {
                peer: peer.to_string(),
                message,
            }
        })
    }

    async fn execute_inner(
        &self,
        peer: &str,
        addr: &str,
        header: &ExecHeader<'_>,
        input: &[f32],
    ) -> Result<(Vec<f32>, ExecReply), String> {
        let conn = self.connection(peer, addr).await?;
        let (mut send, mut recv) = conn
            .open_bi()
            .await
            .map_err(|e| format!("open stream: {e}"))?;
        let frame = header.frame(input);
        self.tap(&conn, true, &frame);
        send.write_all(&frame)
            .await
            .map_err(|e| format!("send: {e}"))?;
        send.finish().map_err(|e| format!("send: {e}"))?;
        let buf = recv
            .read_to_end(MAX_MESSAGE_BYTES)
            .await
            .map_err(|e| format!("receive: {e}"))?;
        self.tap(&conn, false, &buf);
        let (reply, body) = decode::<ExecReply>(&buf)?;
        if let Some(e) = &reply.error {
            return Err(e.clone());
        }
        let output = from_bytes(body).ok_or("reply tensor length is not a multiple of 4")?;
        Ok((output, reply))
    }

    pub(crate) async fn connection(
        &self,
        peer: &str,
        addr: &str,
    ) -> Result<quinn::Connection, String> {
        if let Some((c, _)) = self.conns.lock().ok().and_then(|m| m.get(peer).cloned()) {
            if c.close_reason().is_none() {
                return Ok(c);
            }
        }
        let sock: SocketAddr = addr
            .parse()
            .map_err(|e| format!("bad data address {addr}: {e}"))?;
        // The connection and quinn's driver (with its span) outlive this request: create them
        // in a task of their own, where no request span is current. Otherwise the request's
        // spans would stay open, and out of the ring buffer, for as long as the connection lives.
        let endpoint = self.endpoint.clone();
        let conn = tokio::spawn(async move {
            endpoint
                .connect(sock, "localhost")
                .map_err(|e| format!("connect: {e}"))?
                .await
                .map_err(|e| format!("connect: {e}"))
        })
        .await
        .map_err(|e| format!("connect: {e}"))??;
        // The answering certificate must be the node we meant to reach: any node certificate
        // would pass the TLS handshake (they all chain to the CA and carry `localhost`).
        match peer_cert_name(&conn) {
            Some(cn) if cn_covers(&cn, peer) => {}
            other => {
                conn.close(0u32.into(), b"wrong peer");
                return Err(format!(
                    "connect: {addr} answered as '{}', not as '{peer}'",
                    other.unwrap_or_default()
                ));
            }
        }
        if let Ok(mut m) = self.conns.lock() {
            m.insert(peer.to_string(), (conn.clone(), Instant::now()));
        }
        Ok(conn)
    }

    /// Whether `peer` failed a call within [`SUSPECT_FOR`].
    pub fn suspect(&self, peer: &str) -> bool {
        self.suspects
            .lock()
            .ok()
            .and_then(|s| s.get(peer).copied())
            .is_some_and(|t| t.elapsed() < SUSPECT_FOR)
    }

    /// Records the link state of `peer` after a call.
    pub fn note(&self, peer: &str, error: Option<String>) {
        if let Ok(mut s) = self.suspects.lock() {
            if error.is_some() {
                s.insert(peer.to_string(), Instant::now());
            } else {
                s.remove(peer);
            }
        }
        if let Ok(mut p) = self.peers.lock() {
            p.insert(
                peer.to_string(),
                PeerState {
                    id: peer.to_string(),
                    link: "data".into(),
                    connected: error.is_none(),
                    error: error.unwrap_or_default(),
                },
            );
        }
    }

    /// Link state of every peer called so far.
    pub fn peers(&self) -> Vec<PeerState> {
        self.peers
            .lock()
            .map(|p| p.values().cloned().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_stats_summarise() {
        let s = LayerStats::default();
        for i in 1..=100 {
            s.record(3, f64::from(i));
        }
        let snap = s.snapshot();
        assert_eq!(snap[0].count, 100);
        assert!((snap[0].mean_ms - 50.5).abs() < 1e-9);
        assert_eq!(snap[0].p99_ms, 99.0);
    }
}
