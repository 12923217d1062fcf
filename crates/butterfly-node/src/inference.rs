//! Inference on a coordinator: `POST /v1/infer` drives a request through the model's layers on
//! compute nodes over the data plane. Each layer runs on several replicas (default 3); the
//! coordinator compares their output hashes, continues with the majority, and records every
//! disagreeing replica as a Byzantine fault with its evidence, which lowers that node's
//! reputation in the replicated state. Nodes below the reputation threshold, or on the far side
//! of an injected partition, get no more work while other replicas can take it.

use crate::cluster::Cluster;
use crate::dataplane::{DataClient, ExecHeader};
use crate::faults::Faults;
use crate::layers::{tensor_hash, Model, DEFAULT_MODEL};
use crate::replay::{ReplayBuffer, DEFAULT_REPLAY_CAPACITY, DEFAULT_REPLAY_TTL};
use crate::state::{Command, FaultRecord, ReplicatedState, DEFAULT_REPUTATION_THRESHOLD};
use crate::vote::{majority_vote, NoMajority};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use butterfly_proto::debug::{
    ByzantineFault, ListByzantineFaultsRequest, NodeRole, ReplayResponse, RequestRun,
};
use butterfly_telemetry::TraceContext;
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Most compute peers whose link metric handles an engine keeps.
const MAX_CACHED_PEERS: usize = 4096;

/// Default replicas per layer.
pub const DEFAULT_REPLICAS: usize = 3;
/// Largest accepted `input`, bytes (larger gets 413).
pub const MAX_INPUT_BYTES: usize = 64 * 1024;
/// Largest accepted request body, bytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// How long a request that detected Byzantine faults waits for their records to commit before
/// it answers anyway: 2 s.
pub const FAULT_COMMIT_WAIT: Duration = Duration::from_secs(2);
/// Once a majority of replicas agree, how long the stragglers still get to answer (their
/// outputs are checked too) before the layer moves on without them.
pub const STRAGGLER_GRACE: std::time::Duration = std::time::Duration::from_millis(250);

/// Where the engine reads the cluster state and proposes changes: the Raft group on
/// coordinators, or [`LocalState`] when no consensus runs.
pub trait StateStore: Send + Sync + 'static {
    /// The applied state.
    fn state(&self) -> ReplicatedState;
    /// Proposes a command; resolves once committed (or with why not).
    fn propose(&self, cmd: Command) -> BoxFuture<'static, Result<(), String>>;
    /// The current leader's node id, when another node leads; `None` when this node leads or
    /// no leader is known (then it serves requests itself).
    fn other_leader(&self) -> Option<String> {
        None
    }
}

impl StateStore for crate::raft::RaftHandle {
    fn state(&self) -> ReplicatedState {
        crate::raft::RaftHandle::state(self)
    }
    fn propose(&self, cmd: Command) -> BoxFuture<'static, Result<(), String>> {
        let handle = self.clone();
        Box::pin(async move {
            handle
                .propose(cmd)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }
    fn other_leader(&self) -> Option<String> {
        let s = self.status();
        (s.state != "leader" && !s.leader_id.is_empty()).then_some(s.leader_id)
    }
}

/// State kept in this process only.
#[derive(Default)]
pub struct LocalState(Mutex<ReplicatedState>);

impl StateStore for LocalState {
    fn state(&self) -> ReplicatedState {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }
    fn propose(&self, cmd: Command) -> BoxFuture<'static, Result<(), String>> {
        if let Ok(mut s) = self.0.lock() {
            s.apply(&cmd);
        }
        Box::pin(async { Ok(()) })
    }
}

/// Engine settings.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Replicas per layer [default: 3].
    pub replicas: usize,
    /// Reputation below which a node gets no work [default: 0.5].
    pub reputation_threshold: f64,
    /// Where requests, transfers and faults are counted [default: nowhere].
    pub metrics: Option<Arc<butterfly_telemetry::Metrics>>,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            replicas: DEFAULT_REPLICAS,
            reputation_threshold: DEFAULT_REPUTATION_THRESHOLD,
            metrics: None,
        }
    }
}

/// The coordinator's inference engine.
pub struct Engine {
    pub(crate) node_id: String,
    pub(crate) model: Model,
    pub(crate) data: DataClient,
    cluster: Arc<Cluster>,
    store: Arc<dyn StateStore>,
    faults: Faults,
    pub(crate) config: EngineConfig,
    total: AtomicU64,
    failed: AtomicU64,
    in_flight: AtomicU32,
    replays: Arc<ReplayBuffer>,
    /// What each compute node's calls reuse: metric handles.
    peers: std::sync::RwLock<std::collections::HashMap<String, Arc<PeerCache>>>,
}

/// Per-peer values resolved once rather than on every call.
struct PeerCache {
    /// Metric handles of the link to the peer (no label lookups per call); `None` without
    /// metrics.
    link: Option<butterfly_telemetry::LinkHandles>,
}

/// `POST /v1/infer` body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InferRequest {
    /// Model name (the demo serves `butterfly-demo`).
    pub model: String,
    /// Input text.
    pub input: String,
    /// Caller's user id (never logged in clear).
    #[serde(default)]
    pub user_id: Option<String>,
}

/// One layer of a request, in the response.
#[derive(Debug, Serialize)]
pub struct LayerOutcome {
    /// Layer id.
    pub layer: u32,
    /// Replicas asked.
    pub replicas: Vec<String>,
    /// Replicas whose output matched the majority.
    pub agreed: Vec<String>,
    /// Replicas that disagreed (recorded as Byzantine faults).
    pub disagreed: Vec<String>,
    /// Replicas that failed to answer, with why.
    pub failed: BTreeMap<String, String>,
    /// Wall time of the layer round, milliseconds.
    pub latency_ms: f64,
    /// Longest execution time reported by a replica (compute only, no transfer), milliseconds.
    pub compute_ms: f64,
}

/// `POST /v1/infer` response.
#[derive(Debug, Serialize)]
pub struct InferResponse {
    /// Request id.
    pub request_id: String,
    /// W3C trace id (32 hex).
    pub trace_id: String,
    /// SHA-256 (hex) of the final output.
    pub output_hash: String,
    /// End-to-end latency, milliseconds.
    pub latency_ms: f64,
    /// Model name.
    pub model: String,
    /// Coordinator that served it.
    pub coordinator: String,
    /// Per-layer detail.
    pub layers: Vec<LayerOutcome>,
}

/// An error answer: `{"error": "...", "request_id": ...}` with a 4xx/5xx status.
#[derive(Debug)]
pub struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            request_id: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message, "request_id": self.request_id });
        (self.status, Json(body)).into_response()
    }
}

/// `bytes` random bytes as lowercase hex.
fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    fastrand::fill(&mut b);
    hex::encode(b)
}

impl Engine {
    /// An engine for coordinator `node_id`.
    pub fn new(
        node_id: String,
        model: Model,
        data: DataClient,
        cluster: Arc<Cluster>,
        store: Arc<dyn StateStore>,
        faults: Faults,
        config: EngineConfig,
    ) -> Engine {
        Engine {
            node_id,
            model,
            data,
            cluster,
            store,
            faults,
            config,
            total: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            in_flight: AtomicU32::new(0),
            replays: Arc::new(ReplayBuffer::default()),
            peers: Default::default(),
        }
    }

    /// Forgets expired replay entries on a timer (every [`crate::replay::REPLAY_SWEEP_INTERVAL`]).
    pub fn sweep_replays(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        self.replays
            .clone()
            .sweep_loop(crate::replay::REPLAY_SWEEP_INTERVAL)
    }

    /// The engine's data-plane client (its connections are listed by `ListConnections`).
    pub fn data(&self) -> &DataClient {
        &self.data
    }

    /// `(requests handled, failed, in flight)`.
    pub fn counters(&self) -> (u64, u64, u32) {
        (
            self.total.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed),
            self.in_flight.load(Ordering::Relaxed),
        )
    }

    /// The cached values of `peer`, created on first use.
    fn peer_cache(&self, peer: &str) -> Arc<PeerCache> {
        if let Some(h) = self
            .peers
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(peer)
        {
            return h.clone();
        }
        let make = || {
            Arc::new(PeerCache {
                link: self
                    .config
                    .metrics
                    .as_ref()
                    .map(|m| m.link_handles(&self.node_id, peer)),
            })
        };
        let mut peers = self.peers.write().unwrap_or_else(|e| e.into_inner());
        if peers.len() >= MAX_CACHED_PEERS && !peers.contains_key(peer) {
            // Past the bound (peer-id churn), uncached values: correct, just not faster.
            return make();
        }
        peers.entry(peer.to_owned()).or_insert_with(make).clone()
    }

    /// Data-plane link states.
    pub fn peers(&self) -> Vec<butterfly_proto::debug::PeerState> {
        self.data.peers()
    }

    /// Data-plane peers whose last call failed within [`crate::dataplane::SUSPECT_FOR`].
    pub fn disconnected_peers(&self) -> Vec<butterfly_proto::debug::PeerState> {
        self.data
            .peers()
            .into_iter()
            .filter(|p| !p.connected && self.data.suspect(&p.id))
            .collect()
    }

    /// The leader's id and debug address when another coordinator leads.
    pub(crate) fn leader(&self) -> Option<(String, String)> {
        let leader = self.store.other_leader()?;
        let m = self.cluster.member(&leader)?;
        (!m.debug_addr.is_empty()).then_some((leader, m.debug_addr))
    }

    /// The cluster view (its mTLS clients reach other nodes by name).
    pub(crate) fn cluster(&self) -> &Arc<Cluster> {
        &self.cluster
    }

    /// The shared state store.
    pub fn store(&self) -> &Arc<dyn StateStore> {
        &self.store
    }

    /// Byzantine faults recorded in the replicated state as this coordinator applied it (newest
    /// last, at most `req.limit`, 0 meaning 100), the number matching the filter before the
    /// limit, and the commands applied. Any coordinator answers the same once it caught up, so a
    /// leader change loses nothing.
    pub fn faults_detected(
        &self,
        req: &ListByzantineFaultsRequest,
    ) -> (Vec<ByzantineFault>, u64, u64) {
        let limit = if req.limit == 0 {
            100
        } else {
            req.limit as usize
        };
        let state = self.store.state();
        let matching: Vec<&FaultRecord> = state
            .faults
            .iter()
            .filter(|f| req.node_id.is_empty() || f.node_id == req.node_id)
            .collect();
        let faults = matching[matching.len().saturating_sub(limit)..]
            .iter()
            .map(|f| ByzantineFault {
                at_unix_ms: f.at_unix_ms,
                request_id: f.request_id.clone(),
                trace_id: f.trace_id.clone(),
                layer: f.layer,
                node_id: f.node_id.clone(),
                expected_hash: f.expected_hash.clone(),
                received_hash: f.received_hash.clone(),
                majority: f.majority.clone(),
                reputation_after: f.reputation_after,
                detected_by: f.detected_by.clone(),
            })
            .collect();
        (faults, matching.len() as u64, state.applied)
    }

    /// The replicated state's summary for `NodeStatus.replicated`: every member's reputation,
    /// faults per node, the layer assignment, the configured redundancy and threshold.
    pub fn replicated_summary(&self) -> butterfly_proto::debug::ReplicatedSummary {
        let state = self.store.state();
        let mut reputation: std::collections::HashMap<String, f64> = self
            .cluster
            .members()
            .into_iter()
            .map(|m| (m.id.clone(), state.reputation_of(&m.id)))
            .collect();
        for id in state.members.keys().chain(state.reputation.keys()) {
            reputation.insert(id.clone(), state.reputation_of(id));
        }
        let mut faults: std::collections::HashMap<String, u64> = Default::default();
        for f in &state.faults {
            *faults.entry(f.node_id.clone()).or_default() += 1;
        }
        let assignment = if state.assignment.is_empty() {
            self.planned_assignment()
        } else {
            state.assignment.clone()
        };
        butterfly_proto::debug::ReplicatedSummary {
            applied: state.applied,
            reputation,
            faults,
            layers: assignment
                .into_iter()
                .map(|(layer, replicas)| butterfly_proto::debug::LayerReplicas { layer, replicas })
                .collect(),
            redundancy: u32::try_from(self.config.replicas.max(1)).unwrap_or(u32::MAX),
            reputation_threshold: self.config.reputation_threshold,
        }
    }

    /// The `POST /v1/infer` route (with a body limit), to mount on the node's HTTP server. At
    /// most `max_in_flight` requests run at once; past that the answer is 503 with
    /// `Retry-After: 1`.
    pub fn router(self: Arc<Self>, max_in_flight: usize) -> Router {
        let slots = Arc::new(tokio::sync::Semaphore::new(max_in_flight.max(1)));
        Router::new()
            .route("/v1/infer", post(crate::forward::infer_handler))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(axum::middleware::from_fn(
                move |req: axum::extract::Request, next: axum::middleware::Next| {
                    let slots = slots.clone();
                    async move {
                        let Ok(permit) = slots.try_acquire_owned() else {
                            let mut r = ApiError::new(
                                StatusCode::SERVICE_UNAVAILABLE,
                                "too many requests in flight on this node; retry shortly",
                            )
                            .into_response();
                            r.headers_mut().insert(
                                axum::http::header::RETRY_AFTER,
                                axum::http::HeaderValue::from_static("1"),
                            );
                            return r;
                        };
                        let response = next.run(req).await;
                        drop(permit);
                        response
                    }
                },
            ))
            .with_state(self)
    }

    /// Replicas for `layer`: compute nodes in a rotation that starts at the layer, skipping
    /// nodes below the reputation threshold and nodes this coordinator is partitioned from.
    pub fn replicas_for(&self, layer: u32, state: &ReplicatedState) -> Vec<(String, String)> {
        let compute = self.compute_nodes();
        if compute.is_empty() {
            return compute;
        }
        // The replicated assignment comes first; the rest of the rotation backs it up.
        let n = compute.len();
        let start = layer as usize % n;
        let assigned = state.assignment.get(&layer).cloned().unwrap_or_default();
        let mut order: Vec<(String, String)> = assigned
            .iter()
            .filter_map(|id| compute.iter().find(|(c, _)| c == id).cloned())
            .collect();
        for k in 0..n {
            let c = &compute[(start + k) % n];
            if !order.iter().any(|(id, _)| id == &c.0) {
                order.push(c.clone());
            }
        }
        let eligible: Vec<(String, String)> = order
            .into_iter()
            .filter(|(id, _)| state.reputation_of(id) >= self.config.reputation_threshold)
            .filter(|(id, _)| !self.faults.partitioned_from(id))
            .collect();
        let want = self.config.replicas.max(1);
        // Nodes that just failed a call go last: used only when too few others are left.
        let (healthy, suspect): (Vec<_>, Vec<_>) = eligible
            .into_iter()
            .partition(|(id, _)| !self.data.suspect(id));
        healthy.into_iter().chain(suspect).take(want).collect()
    }

    /// Compute members with a data-plane address, sorted by id.
    pub(crate) fn compute_nodes(&self) -> Vec<(String, String)> {
        let mut compute: Vec<(String, String)> = self
            .cluster
            .members()
            .into_iter()
            .filter(|m| m.role == NodeRole::Compute as i32 && !m.data_addr.is_empty())
            .map(|m| (m.id, m.data_addr))
            .collect();
        compute.sort();
        compute
    }

    /// The layer → replicas plan for the current compute members: layer `l` goes to the
    /// [`EngineConfig::replicas`] nodes of a rotation starting at `l`.
    pub fn planned_assignment(&self) -> BTreeMap<u32, Vec<String>> {
        let compute = self.compute_nodes();
        let n = compute.len();
        (0..self.model.spec.layers)
            .map(|l| {
                let ids = (0..n.min(self.config.replicas.max(1)))
                    .map(|k| compute[(l as usize + k) % n].0.clone())
                    .collect();
                (l, ids)
            })
            .collect()
    }

    /// On the leader, keeps the replicated layer assignment in step with the compute members
    /// (checked every `every`).
    pub async fn maintain_assignment(self: Arc<Self>, every: std::time::Duration) {
        loop {
            tokio::time::sleep(every).await;
            if self.store.other_leader().is_some() || self.compute_nodes().is_empty() {
                continue;
            }
            let plan = self.planned_assignment();
            if self.store.state().assignment != plan {
                if let Err(e) = self.store.propose(Command::AssignLayers(plan)).await {
                    tracing::debug!(error = %e, "layer assignment not committed yet");
                }
            }
        }
    }

    /// Runs a request through every layer; `parent` continues the caller's W3C trace.
    pub async fn infer(
        &self,
        req: InferRequest,
        parent: Option<TraceContext>,
    ) -> Result<InferResponse, ApiError> {
        self.infer_from(req, parent, None).await
    }

    /// [`Engine::infer`] of a request the member `forwarded_by` (verified by its certificate)
    /// handed over; its root span says so (`forwarded_by`).
    pub async fn infer_from(
        &self,
        req: InferRequest,
        parent: Option<TraceContext>,
        forwarded_by: Option<&str>,
    ) -> Result<InferResponse, ApiError> {
        if req.model != DEFAULT_MODEL {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "unknown model '{}' (this cluster serves '{DEFAULT_MODEL}')",
                    req.model
                ),
            ));
        }
        if req.input.len() > MAX_INPUT_BYTES {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "input is {} bytes; the limit is {MAX_INPUT_BYTES}",
                    req.input.len()
                ),
            ));
        }
        self.serve(req, parent, None, forwarded_by).await.1
    }

    /// Runs a request recorded in the replay buffer again, as a new request of its own.
    pub async fn replay(&self, request_id: &str) -> Result<ReplayResponse, tonic::Status> {
        let Some((original, req)) = self.replays.get(request_id) else {
            return Err(tonic::Status::not_found(format!(
                "{request_id} is not in {}'s replay buffer (served elsewhere, or older than {} s or the last {} requests)",
                self.node_id,
                DEFAULT_REPLAY_TTL.as_secs(),
                DEFAULT_REPLAY_CAPACITY
            )));
        };
        let input_len = req.input.len() as u64;
        let (replay, _) = self.serve(req, None, Some(request_id), None).await;
        Ok(ReplayResponse {
            coordinator: self.node_id.clone(),
            original: Some(original),
            replay: Some(replay),
            input_len,
        })
    }

    /// Serves a validated request and records it in the replay buffer.
    async fn serve(
        &self,
        req: InferRequest,
        parent: Option<TraceContext>,
        replay_of: Option<&str>,
        forwarded_by: Option<&str>,
    ) -> (RequestRun, Result<InferResponse, ApiError>) {
        self.total.fetch_add(1, Ordering::Relaxed);
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        let request_id = format!("req_{}", random_hex(6));
        let started = Instant::now();
        let at_unix_ms = unix_ms();
        // The root span continues the caller's trace (traceparent, tracestate) or starts one.
        let traceparent = parent.as_ref().map(TraceContext::traceparent_binary);
        let tracestate = parent
            .as_ref()
            .filter(|p| !p.tracestate.is_empty())
            .map(|p| p.tracestate.to_string());
        let span = tracing::info_span!(
            "inference.request",
            traceparent = traceparent.as_ref().map(|b| &b[..]),
            tracestate = tracestate.as_deref(),
            request_id = request_id.as_str(),
            component = "inference",
            model.name = req.model.as_str(),
            node.id = self.node_id.as_str(),
            replay_of = replay_of,
            forwarded_by = forwarded_by,
            error = tracing::field::Empty,
        );
        let trace = butterfly_telemetry::span_context(&span);
        let result = self
            .run(&request_id, &req, trace.as_ref())
            .instrument(span.clone())
            .await;
        if let Some(m) = &self.config.metrics {
            let status = if result.is_ok() { "ok" } else { "error" };
            let done = Instant::now();
            let took = done.saturating_duration_since(started);
            m.record_request(&req.model, status, took, trace.as_ref().map(|t| (t, done)));
            if let Err(e) = &result {
                m.record_request_error(&req.model, e.status.as_str());
            }
        }
        if let Err(e) = &result {
            span.record("error", e.message.as_str());
        }
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
        let run = RequestRun {
            request_id: request_id.clone(),
            trace_id: trace.as_ref().map(|t| t.trace_id_hex()).unwrap_or_default(),
            latency_ms: started.elapsed().as_secs_f64() * 1000.0,
            output_hash: result
                .as_ref()
                .map(|r| r.output_hash.clone())
                .unwrap_or_default(),
            error: result
                .as_ref()
                .err()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
            at_unix_ms,
        };
        self.replays.record(run.clone(), req);
        drop(span);
        let result = result.map_err(|mut e| {
            self.failed.fetch_add(1, Ordering::Relaxed);
            e.request_id = Some(request_id);
            e
        });
        (run, result)
    }

    /// Runs `req` layer by layer, inside the request's root span (whose context is `trace`;
    /// `None` when tracing is off): every `comm.send_tensor` span is its child.
    async fn run(
        &self,
        request_id: &str,
        req: &InferRequest,
        trace: Option<&TraceContext>,
    ) -> Result<InferResponse, ApiError> {
        let started = Instant::now();
        let trace_id = match trace {
            Some(t) => t.trace_id_hex(),
            None => TraceContext::new_root().trace_id_hex(),
        };
        tracing::info!(input_len = req.input.len(), "inference request received");
        let state = self.store.state();
        let mut tensor = self.model.encode(&req.input);
        let mut layers = Vec::with_capacity(self.model.spec.layers as usize);
        // Fault records proposed by this request: awaited (bounded) before it answers, so a
        // caller that saw the disagreement finds the fault in the replicated state.
        let mut recorded: Vec<tokio::task::JoinHandle<()>> = Vec::new();
        for layer in 0..self.model.spec.layers {
            let layer_started = Instant::now();
            let replicas = self.replicas_for(layer, &state);
            if replicas.is_empty() {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("no compute node can run layer {layer} (none joined, all below reputation, or partitioned)"),
                ));
            }
            let mut calls: futures::stream::FuturesUnordered<_> = replicas
                .iter()
                .map(|(id, addr)| {
                    let input = &tensor;
                    let peer = self.peer_cache(id);
                    // A child of the request's root span (the current span here).
                    let span = tracing::info_span!(
                        "comm.send_tensor",
                        from = self.node_id.as_str(),
                        to = id.as_str(),
                        layer.id = layer,
                        tensor.shape =
                            butterfly_telemetry::tensor_shape_2d(1, input.len()).as_str(),
                        tensor_size_bytes = input.len() * 4,
                        error = tracing::field::Empty,
                    );
                    let mut ending = SendEnd {
                        span: span.clone(),
                        peer: id,
                        ended: false,
                    };
                    async move {
                        let sent = Instant::now();
                        // Every hop carries this span's W3C traceparent (binary form).
                        let traceparent = butterfly_telemetry::span_context(&ending.span)
                            .map(|c| c.traceparent_binary());
                        let header = ExecHeader {
                            request_id,
                            layer,
                            traceparent: traceparent.as_ref().map_or(&[], |b| &b[..]),
                            from: &self.node_id,
                        };
                        let r = self.data.execute(id, addr, &header, input).await;
                        let done = Instant::now();
                        if let (Some(m), Some(link)) = (&self.config.metrics, &peer.link) {
                            // Same series as record_bytes_sent(self, id), record_transfer_latency,
                            // set_connection_active and record_bytes_received(id, self).
                            link.record_bytes_sent(m, (input.len() * 4) as u64);
                            link.record_transfer_latency(m, done.saturating_duration_since(sent));
                            link.set_connection_active(m, r.is_ok());
                            if let Ok((out, _)) = &r {
                                link.record_bytes_received_back(m, (out.len() * 4) as u64);
                            }
                        }
                        if let Err(e) = &r {
                            let msg = format!("send to {id} failed: {e}");
                            ending.span.record("error", msg.as_str());
                        }
                        ending.done();
                        (id.clone(), r)
                    }
                    .instrument(span)
                })
                .collect();
            let quorum = replicas.len() / 2 + 1;
            let mut answers = Vec::with_capacity(replicas.len());
            let mut votes: BTreeMap<String, usize> = BTreeMap::new();
            let mut grace: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
            loop {
                let next = match grace.as_mut() {
                    Some(deadline) => tokio::select! {
                        n = futures::StreamExt::next(&mut calls) => n,
                        _ = deadline => None,
                    },
                    None => futures::StreamExt::next(&mut calls).await,
                };
                let Some((id, answer)) = next else { break };
                if let Ok((output, _)) = &answer {
                    let v = votes.entry(tensor_hash(output)).or_default();
                    *v += 1;
                    if *v >= quorum && grace.is_none() {
                        grace = Some(Box::pin(tokio::time::sleep(STRAGGLER_GRACE)));
                    }
                }
                answers.push((id, answer));
            }
            // Stragglers past the grace are cancelled.
            drop(calls);
            let mut failed = BTreeMap::new();
            let mut compute_us = 0u64;
            for (id, _) in &replicas {
                if !answers.iter().any(|(a, _)| a == id) {
                    failed.insert(
                        id.clone(),
                        "no answer before the majority moved on".to_string(),
                    );
                }
            }
            let mut outputs = Vec::with_capacity(answers.len());
            for (id, answer) in answers {
                match answer {
                    Ok((output, reply)) => {
                        // Trust our own hash of what arrived, not the sender's claim.
                        let hash = tensor_hash(&output);
                        if hash != reply.hash {
                            tracing::warn!(
                                node = %id,
                                layer,
                                "reply hash does not match its tensor"
                            );
                        }
                        compute_us = compute_us.max(reply.exec_us);
                        outputs.push((id, hash, output));
                    }
                    Err(e) => {
                        failed.insert(id, e.to_string());
                    }
                }
            }
            let tally = majority_vote(outputs).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    match e {
                        NoMajority::NoAnswer => format!(
                            "layer {layer}: no replica answered ({})",
                            join_errors(&failed)
                        ),
                        NoMajority::Split { responded } => {
                            format!("layer {layer}: no majority among {responded} replica outputs")
                        }
                    },
                )
            })?;
            let mut disagreed = Vec::new();
            for (id, hash) in &tally.disagreed {
                disagreed.push(id.clone());
                let fault = FaultRecord {
                    at_unix_ms: unix_ms(),
                    request_id: request_id.to_string(),
                    trace_id: trace_id.clone(),
                    layer,
                    node_id: id.clone(),
                    expected_hash: tally.winner.clone(),
                    received_hash: hash.clone(),
                    majority: tally.agreed.clone(),
                    detected_by: self.node_id.clone(),
                    reputation_after: 0.0,
                };
                recorded.push(self.record_fault(fault));
            }
            let agreed = tally.agreed;
            tensor = tally.output;
            layers.push(LayerOutcome {
                layer,
                replicas: replicas.into_iter().map(|(id, _)| id).collect(),
                agreed,
                disagreed,
                failed,
                latency_ms: layer_started.elapsed().as_secs_f64() * 1000.0,
                compute_ms: compute_us as f64 / 1000.0,
            });
        }
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        tracing::info!(latency_ms, "inference completed");
        if !recorded.is_empty()
            && tokio::time::timeout(FAULT_COMMIT_WAIT, futures::future::join_all(recorded))
                .await
                .is_err()
        {
            tracing::warn!(
                "Byzantine fault records not committed within {FAULT_COMMIT_WAIT:?}: answering anyway"
            );
        }
        Ok(InferResponse {
            request_id: request_id.to_string(),
            trace_id,
            output_hash: tensor_hash(&tensor),
            latency_ms,
            model: req.model.clone(),
            coordinator: self.node_id.clone(),
            layers,
        })
    }

    /// Records a Byzantine fault through Raft (logged in the request's span). The proposal runs
    /// in its own task (it completes even if the request fails later).
    fn record_fault(&self, f: FaultRecord) -> tokio::task::JoinHandle<()> {
        tracing::warn!(
            node = %f.node_id, layer = f.layer,
            expected = %f.expected_hash, received = %f.received_hash,
            "byzantine fault detected"
        );
        let reputation_after = (self.store.state().reputation_of(&f.node_id)
            - crate::state::REPUTATION_PENALTY)
            .max(0.0);
        if let Some(m) = &self.config.metrics {
            m.record_byzantine_fault(&f.node_id, crate::node_metrics::FAULT_OUTPUT_MISMATCH);
            m.set_reputation(&f.node_id, reputation_after);
        }
        let proposal = self.store.propose(Command::RecordFault(f));
        tokio::spawn(async move {
            if let Err(e) = proposal.await {
                tracing::warn!(error = %e, "could not record the fault in the replicated state");
            }
        })
    }
}

/// Marks a `comm.send_tensor` span as an error naming the peer when its call is dropped before
/// it ended (a straggler cancelled once the majority moved on).
struct SendEnd<'a> {
    span: tracing::Span,
    peer: &'a str,
    ended: bool,
}

impl SendEnd<'_> {
    /// The call ended (answered or failed): nothing to add on drop.
    fn done(&mut self) {
        self.ended = true;
    }
}

impl Drop for SendEnd<'_> {
    fn drop(&mut self) {
        if !self.ended {
            let msg = format!(
                "send to {} cancelled: no answer before the majority moved on",
                self.peer
            );
            self.span.record("error", msg.as_str());
        }
    }
}

fn join_errors(failed: &BTreeMap<String, String>) -> String {
    failed
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn unix_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
