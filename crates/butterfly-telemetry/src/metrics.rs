//! The Butterfly metric catalog (documented in `docs/metrics.md`, which a test keeps in sync).
//!
//! Every label that carries a node id, layer id, error/fault type, model or status goes through a
//! [`LabelCapper`], so a family never holds more than [`MAX_NODE_IDS`] node ids, [`MAX_LAYER_IDS`]
//! layer ids or [`MAX_ERROR_TYPES`] error types; the overflow is reported as `other`.
//! Traces are linked through OpenMetrics exemplars (`trace_id`, `span_id`) on the request and
//! layer duration histograms, never through labels.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use prometheus_client::encoding::{EncodeLabelSet, EncodeMetric, MetricEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::exemplar::HistogramWithExemplars;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::metrics::{MetricType, TypedMetric};
use prometheus_client::registry::Registry;

use crate::cardinality::{
    LabelCapper, MAX_ERROR_TYPES, MAX_LAYER_IDS, MAX_MODELS, MAX_NODE_IDS, MAX_STATUSES,
};
use crate::trace_context::TraceContext;

/// Histogram buckets for every duration metric, seconds (seed: 1ms … 10s).
pub const DURATION_BUCKETS_SECONDS: [f64; 9] = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0];
/// `Content-Type` of the OpenMetrics text exposition (needed for exemplars).
pub const OPENMETRICS_CONTENT_TYPE: &str =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Exemplar labels linking a histogram observation to a trace: `trace_id` (32 lowercase hex
/// characters) and `span_id` (16). The ids are kept as bytes and written as hex only when the
/// registry is encoded, so an observation allocates nothing.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub struct TraceExemplar {
    /// Trace id.
    pub trace_id: [u8; 16],
    /// Span id.
    pub span_id: [u8; 8],
}

impl TraceExemplar {
    /// Trace id, lowercase hex.
    pub fn trace_id_hex(&self) -> String {
        crate::values::encode_hex(&self.trace_id)
    }

    /// Span id, lowercase hex.
    pub fn span_id_hex(&self) -> String {
        crate::values::encode_hex(&self.span_id)
    }
}

impl From<&TraceContext> for TraceExemplar {
    fn from(ctx: &TraceContext) -> Self {
        Self {
            trace_id: ctx.trace_id,
            span_id: ctx.span_id,
        }
    }
}

impl EncodeLabelSet for TraceExemplar {
    fn encode(
        &self,
        encoder: &mut prometheus_client::encoding::LabelSetEncoder<'_>,
    ) -> Result<(), std::fmt::Error> {
        let mut trace = [0u8; 32];
        let mut span = [0u8; 16];
        hex::encode_to_slice(self.trace_id, &mut trace).map_err(|_| std::fmt::Error)?;
        hex::encode_to_slice(self.span_id, &mut span).map_err(|_| std::fmt::Error)?;
        let trace = std::str::from_utf8(&trace).map_err(|_| std::fmt::Error)?;
        let span = std::str::from_utf8(&span).map_err(|_| std::fmt::Error)?;
        [("trace_id", trace), ("span_id", span)].encode(encoder)
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ModelStatus {
    model: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ModelLabel {
    model: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ModelError {
    model: String,
    error_type: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct NodeLabel {
    node_id: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LayerNode {
    layer_id: String,
    node_id: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LayerLabel {
    layer_id: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Link {
    from_node: String,
    to_node: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct NodeFault {
    node_id: String,
    fault_type: String,
}

/// Shortest time between two exemplars of one bucket of one series: a bucket's exemplar is
/// replaced by a traced observation at most this often (the first one always lands). Prometheus
/// keeps one exemplar per bucket per scrape (every 15 s by default), so replacing it more often
/// only costs the hot path (a clock read, a hash and a map insert per observation); the Prometheus
/// Java client samples exemplars the same way. Rarely hit buckets (the slow requests) keep
/// getting fresh exemplars.
pub const EXEMPLAR_MIN_INTERVAL: Duration = Duration::from_secs(1);

/// A duration histogram with exemplars, replaced at most once per [`EXEMPLAR_MIN_INTERVAL`] per
/// bucket. Clones share the series.
#[derive(Debug, Clone)]
struct ExemplarHistogram {
    histogram: HistogramWithExemplars<TraceExemplar>,
    /// When each bucket's exemplar (+Inf last) was last replaced, nanoseconds on the monotonic
    /// clock since [`process_base`]; 0 = never.
    replaced: Arc<[AtomicU64; DURATION_BUCKETS_SECONDS.len() + 1]>,
}

impl ExemplarHistogram {
    fn new() -> Self {
        Self {
            histogram: HistogramWithExemplars::new(DURATION_BUCKETS_SECONDS.into_iter()),
            replaced: Arc::new(std::array::from_fn(|_| AtomicU64::new(0))),
        }
    }

    /// Observes `seconds`; a traced observation (its trace, and when it ended) becomes the
    /// bucket's exemplar when the bucket is due one.
    fn observe(&self, seconds: f64, trace: Option<(&TraceContext, Instant)>) {
        let exemplar = trace
            .filter(|(_, ended)| self.exemplar_due(seconds, *ended))
            .map(|(context, _)| TraceExemplar::from(context));
        let at = exemplar.map(|_| SystemTime::now());
        self.histogram.observe(seconds, exemplar, at);
    }

    /// Whether the bucket of `seconds` takes a new exemplar at `now` (and if so, claims it).
    fn exemplar_due(&self, seconds: f64, now: Instant) -> bool {
        // The bucket prometheus-client puts it in: the first bound at or above it, else +Inf.
        let bucket = DURATION_BUCKETS_SECONDS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(DURATION_BUCKETS_SECONDS.len());
        let Some(slot) = self.replaced.get(bucket) else {
            return true;
        };
        let now = nanos(now.saturating_duration_since(process_base())).max(1);
        let last = slot.load(Ordering::Relaxed);
        if last != 0 && now.saturating_sub(last) < nanos(EXEMPLAR_MIN_INTERVAL) {
            return false;
        }
        slot.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    }
}

impl TypedMetric for ExemplarHistogram {
    const TYPE: MetricType = MetricType::Histogram;
}

impl EncodeMetric for ExemplarHistogram {
    fn encode(&self, encoder: MetricEncoder) -> Result<(), std::fmt::Error> {
        self.histogram.encode(encoder)
    }

    fn metric_type(&self) -> MetricType {
        MetricType::Histogram
    }
}

/// A fixed monotonic reading taken once per process (the first time it is asked for).
fn process_base() -> Instant {
    static BASE: OnceLock<Instant> = OnceLock::new();
    *BASE.get_or_init(Instant::now)
}

/// `d` in nanoseconds, saturating.
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

type GaugeF64 = Gauge<f64, AtomicU64>;

fn histogram() -> Histogram {
    Histogram::new(DURATION_BUCKETS_SECONDS)
}

/// Caps for one family with two capped dimensions.
#[derive(Debug)]
struct Caps2(LabelCapper, LabelCapper);

/// All Butterfly metrics, registered into one registry. Cheap to share behind an `Arc`; every
/// record method is `&self` and never panics.
#[derive(Debug)]
pub struct Metrics {
    requests: Family<ModelStatus, Counter>,
    requests_caps: Caps2,
    request_duration: Family<ModelLabel, ExemplarHistogram, fn() -> ExemplarHistogram>,
    request_duration_caps: LabelCapper,
    request_errors: Family<ModelError, Counter>,
    request_errors_caps: Caps2,

    consensus_term: Gauge,
    has_leader: Gauge,
    elections: Counter,
    proposals: Counter,
    commits: Counter,
    heartbeat_failures: Family<NodeLabel, Counter>,
    heartbeat_caps: LabelCapper,

    layer_duration: Family<LayerNode, ExemplarHistogram, fn() -> ExemplarHistogram>,
    layer_duration_caps: Caps2,
    layer_memory: Family<LayerLabel, Gauge>,
    layer_memory_caps: LabelCapper,

    bytes_sent: Family<Link, Counter>,
    bytes_sent_caps: LabelCapper,
    bytes_received: Family<Link, Counter>,
    bytes_received_caps: LabelCapper,
    transfer_latency: Family<Link, Histogram, fn() -> Histogram>,
    transfer_latency_caps: LabelCapper,
    connection_active: Family<Link, Gauge>,
    connection_caps: LabelCapper,

    cpu_utilization: GaugeF64,
    memory_usage: Gauge,
    disk_usage: Gauge,
    disk_free: Gauge,

    byzantine_faults: Family<NodeFault, Counter>,
    byzantine_caps: Caps2,
    reputation: Family<NodeLabel, GaugeF64>,
    reputation_caps: LabelCapper,
}

/// The series of one data-plane link `from -> to`, resolved once and then updated without label
/// lookups: a node keeps one per peer (see [`Metrics::link_handles`]). Each series is created on
/// its first update, exactly as the `record_*` methods would create it, so `/metrics` shows the
/// same series and values either way.
#[derive(Debug)]
pub struct LinkHandles {
    from: String,
    to: String,
    sent: OnceLock<Counter>,
    received: OnceLock<Counter>,
    latency: OnceLock<Histogram>,
    active: OnceLock<Gauge>,
}

impl LinkHandles {
    /// Adds bytes sent over `from -> to` (same series as [`Metrics::record_bytes_sent`]).
    pub fn record_bytes_sent(&self, m: &Metrics, bytes: u64) {
        self.sent
            .get_or_init(|| {
                m.bytes_sent
                    .get_or_create(&Metrics::link(&m.bytes_sent_caps, &self.from, &self.to))
                    .clone()
            })
            .inc_by(bytes);
    }

    /// Adds bytes `from` received back from `to` (same series as
    /// [`Metrics::record_bytes_received`]`(to, from, bytes)`).
    pub fn record_bytes_received_back(&self, m: &Metrics, bytes: u64) {
        self.received
            .get_or_init(|| {
                m.bytes_received
                    .get_or_create(&Metrics::link(&m.bytes_received_caps, &self.to, &self.from))
                    .clone()
            })
            .inc_by(bytes);
    }

    /// Observes one transfer's latency (same series as [`Metrics::record_transfer_latency`]).
    pub fn record_transfer_latency(&self, m: &Metrics, latency: Duration) {
        self.latency
            .get_or_init(|| {
                m.transfer_latency
                    .get_or_create(&Metrics::link(
                        &m.transfer_latency_caps,
                        &self.from,
                        &self.to,
                    ))
                    .clone()
            })
            .observe(latency.as_secs_f64());
    }

    /// Marks the connection up or down (same series as [`Metrics::set_connection_active`]).
    pub fn set_connection_active(&self, m: &Metrics, active: bool) {
        self.active
            .get_or_init(|| {
                m.connection_active
                    .get_or_create(&Metrics::link(&m.connection_caps, &self.from, &self.to))
                    .clone()
            })
            .set(i64::from(active));
    }
}

/// The layer-duration series of one `(layer_id, node_id)`, resolved once (see
/// [`Metrics::layer_handle`]); created on its first observation, like
/// [`Metrics::record_layer_execution`] does.
#[derive(Debug)]
pub struct LayerHandle {
    layer_id: String,
    node_id: String,
    duration: OnceLock<ExemplarHistogram>,
    memory: OnceLock<Gauge>,
}

impl LayerHandle {
    /// Observes one layer execution; `trace` (the execution's trace, and when it ended: a clock
    /// reading the caller has) becomes the bucket's exemplar when due (see
    /// [`EXEMPLAR_MIN_INTERVAL`]; same series and exemplar as [`Metrics::record_layer_execution`]).
    pub fn record_execution(
        &self,
        m: &Metrics,
        duration: Duration,
        trace: Option<(&TraceContext, Instant)>,
    ) {
        self.duration
            .get_or_init(|| {
                let layer_id = m.layer_duration_caps.0.cap(&self.layer_id);
                let node_id = m.layer_duration_caps.1.cap(&self.node_id);
                m.layer_duration
                    .get_or_create(&LayerNode { layer_id, node_id })
                    .clone()
            })
            .observe(duration.as_secs_f64(), trace);
    }

    /// Sets the layer's memory gauge (same series as [`Metrics::set_layer_memory`]), bytes.
    pub fn set_memory(&self, m: &Metrics, bytes: u64) {
        self.memory
            .get_or_init(|| {
                let layer_id = m.layer_memory_caps.cap(&self.layer_id);
                m.layer_memory
                    .get_or_create(&LayerLabel { layer_id })
                    .clone()
            })
            .set(sat(bytes));
    }
}

impl Metrics {
    /// Creates every metric and registers it into `registry` (names are absolute; counters get
    /// the `_total` suffix from prometheus-client).
    pub fn register(registry: &mut Registry) -> Self {
        let m = Self {
            requests: Family::default(),
            requests_caps: Caps2(LabelCapper::new(MAX_MODELS), LabelCapper::new(MAX_STATUSES)),
            request_duration: Family::new_with_constructor(ExemplarHistogram::new),
            request_duration_caps: LabelCapper::new(MAX_MODELS),
            request_errors: Family::default(),
            request_errors_caps: Caps2(
                LabelCapper::new(MAX_MODELS),
                LabelCapper::new(MAX_ERROR_TYPES),
            ),
            consensus_term: Gauge::default(),
            has_leader: Gauge::default(),
            elections: Counter::default(),
            proposals: Counter::default(),
            commits: Counter::default(),
            heartbeat_failures: Family::default(),
            heartbeat_caps: LabelCapper::new(MAX_NODE_IDS),
            layer_duration: Family::new_with_constructor(ExemplarHistogram::new),
            layer_duration_caps: Caps2(
                LabelCapper::new(MAX_LAYER_IDS),
                LabelCapper::new(MAX_NODE_IDS),
            ),
            layer_memory: Family::default(),
            layer_memory_caps: LabelCapper::new(MAX_LAYER_IDS),
            bytes_sent: Family::default(),
            bytes_sent_caps: LabelCapper::new(MAX_NODE_IDS),
            bytes_received: Family::default(),
            bytes_received_caps: LabelCapper::new(MAX_NODE_IDS),
            transfer_latency: Family::new_with_constructor(histogram),
            transfer_latency_caps: LabelCapper::new(MAX_NODE_IDS),
            connection_active: Family::default(),
            connection_caps: LabelCapper::new(MAX_NODE_IDS),
            cpu_utilization: GaugeF64::default(),
            memory_usage: Gauge::default(),
            disk_usage: Gauge::default(),
            disk_free: Gauge::default(),
            byzantine_faults: Family::default(),
            byzantine_caps: Caps2(
                LabelCapper::new(MAX_NODE_IDS),
                LabelCapper::new(MAX_ERROR_TYPES),
            ),
            reputation: Family::default(),
            reputation_caps: LabelCapper::new(MAX_NODE_IDS),
        };
        let r = registry;
        r.register(
            "butterfly_requests",
            "Inference requests by model and final status",
            m.requests.clone(),
        );
        r.register(
            "butterfly_request_duration_seconds",
            "End-to-end inference request duration, seconds (exemplars: trace_id, span_id)",
            m.request_duration.clone(),
        );
        r.register(
            "butterfly_request_errors",
            "Failed inference requests by model and error type",
            m.request_errors.clone(),
        );
        r.register(
            "butterfly_consensus_term",
            "Current Raft term seen by this node",
            m.consensus_term.clone(),
        );
        r.register(
            "butterfly_consensus_has_leader",
            "1 while this coordinator knows the leader of its current term, else 0",
            m.has_leader.clone(),
        );
        r.register(
            "butterfly_consensus_elections",
            "Leader elections started by this node",
            m.elections.clone(),
        );
        r.register(
            "butterfly_consensus_proposals",
            "Log entries proposed by this node",
            m.proposals.clone(),
        );
        r.register(
            "butterfly_consensus_commits",
            "Log entries committed on this node",
            m.commits.clone(),
        );
        r.register(
            "butterfly_consensus_heartbeat_failures",
            "Failed heartbeats, by the peer that did not answer",
            m.heartbeat_failures.clone(),
        );
        r.register(
            "butterfly_layer_execution_duration_seconds",
            "Layer execution duration, seconds (exemplars: trace_id, span_id)",
            m.layer_duration.clone(),
        );
        r.register(
            "butterfly_layer_memory_bytes",
            "Memory used by a layer's last execution, bytes",
            m.layer_memory.clone(),
        );
        r.register(
            "butterfly_network_bytes_sent",
            "Bytes sent to a peer",
            m.bytes_sent.clone(),
        );
        r.register(
            "butterfly_network_bytes_received",
            "Bytes received from a peer",
            m.bytes_received.clone(),
        );
        r.register(
            "butterfly_network_transfer_duration_seconds",
            "Tensor transfer latency to a peer, seconds",
            m.transfer_latency.clone(),
        );
        r.register(
            "butterfly_connection_active",
            "1 while the connection from_node -> to_node is up, else 0",
            m.connection_active.clone(),
        );
        r.register(
            "butterfly_cpu_utilization_ratio",
            "Process CPU utilisation, 0..1 of all cores",
            m.cpu_utilization.clone(),
        );
        r.register(
            "butterfly_memory_usage_bytes",
            "Resident memory of the node process, bytes",
            m.memory_usage.clone(),
        );
        r.register(
            "butterfly_disk_usage_bytes",
            "Disk used by the node's data directory, bytes",
            m.disk_usage.clone(),
        );
        r.register(
            "butterfly_disk_free_bytes",
            "Free space on the data directory's file system, bytes",
            m.disk_free.clone(),
        );
        r.register(
            "butterfly_byzantine_faults_detected",
            "Byzantine faults detected, by accused node and fault type",
            m.byzantine_faults.clone(),
        );
        r.register(
            "butterfly_reputation_score",
            "Reputation score of a node, 0..1",
            m.reputation.clone(),
        );
        m
    }

    /// Counts a finished request and observes its duration; `trace` (the request's trace, and
    /// when it ended) becomes the bucket's exemplar when due (see [`EXEMPLAR_MIN_INTERVAL`]).
    pub fn record_request(
        &self,
        model: &str,
        status: &str,
        duration: Duration,
        trace: Option<(&TraceContext, Instant)>,
    ) {
        let model_l = self.requests_caps.0.cap(model);
        let status = self.requests_caps.1.cap(status);
        self.requests
            .get_or_create(&ModelStatus {
                model: model_l,
                status,
            })
            .inc();
        let model = self.request_duration_caps.cap(model);
        self.request_duration
            .get_or_create(&ModelLabel { model })
            .observe(duration.as_secs_f64(), trace);
    }

    /// Counts a failed request by error type (capped at [`MAX_ERROR_TYPES`]).
    pub fn record_request_error(&self, model: &str, error_type: &str) {
        let model = self.request_errors_caps.0.cap(model);
        let error_type = self.request_errors_caps.1.cap(error_type);
        self.request_errors
            .get_or_create(&ModelError { model, error_type })
            .inc();
    }

    /// Sets the current consensus term (saturates at `i64::MAX`).
    pub fn set_consensus_term(&self, term: u64) {
        self.consensus_term
            .set(i64::try_from(term).unwrap_or(i64::MAX));
    }

    /// Sets whether this coordinator knows a leader (1) or not (0).
    pub fn set_consensus_has_leader(&self, known: bool) {
        self.has_leader.set(i64::from(known));
    }

    /// Counts a leader election started by this node.
    pub fn record_election(&self) {
        self.elections.inc();
    }

    /// Counts a proposed log entry.
    pub fn record_proposal(&self) {
        self.proposals.inc();
    }

    /// Counts committed log entries.
    pub fn record_commits(&self, entries: u64) {
        self.commits.inc_by(entries);
    }

    /// Creates the heartbeat-failure series of `peer` at 0 (a known peer reads 0, not absent).
    pub fn init_heartbeat_peer(&self, peer: &str) {
        let node_id = self.heartbeat_caps.cap(peer);
        let _ = self
            .heartbeat_failures
            .get_or_create(&NodeLabel { node_id });
    }

    /// Counts a heartbeat to `peer` that failed.
    pub fn record_heartbeat_failure(&self, peer: &str) {
        let node_id = self.heartbeat_caps.cap(peer);
        self.heartbeat_failures
            .get_or_create(&NodeLabel { node_id })
            .inc();
    }

    /// Observes one layer execution; `trace` (its trace, and when it ended) becomes the
    /// bucket's exemplar when due (see [`EXEMPLAR_MIN_INTERVAL`]).
    pub fn record_layer_execution(
        &self,
        layer_id: &str,
        node_id: &str,
        duration: Duration,
        trace: Option<(&TraceContext, Instant)>,
    ) {
        let layer_id = self.layer_duration_caps.0.cap(layer_id);
        let node_id = self.layer_duration_caps.1.cap(node_id);
        self.layer_duration
            .get_or_create(&LayerNode { layer_id, node_id })
            .observe(duration.as_secs_f64(), trace);
    }

    /// Sets the memory a layer used, bytes (saturates at `i64::MAX`).
    pub fn set_layer_memory(&self, layer_id: &str, bytes: u64) {
        let layer_id = self.layer_memory_caps.cap(layer_id);
        self.layer_memory
            .get_or_create(&LayerLabel { layer_id })
            .set(sat(bytes));
    }

    /// Handles for the link `from -> to`, to keep per peer on a hot path: no label strings,
    /// cardinality checks or family lookups after each series' first update.
    pub fn link_handles(&self, from: &str, to: &str) -> LinkHandles {
        LinkHandles {
            from: from.to_owned(),
            to: to.to_owned(),
            sent: OnceLock::new(),
            received: OnceLock::new(),
            latency: OnceLock::new(),
            active: OnceLock::new(),
        }
    }

    /// A handle for the layer-duration series of `(layer_id, node_id)`, to keep per layer.
    pub fn layer_handle(&self, layer_id: &str, node_id: &str) -> LayerHandle {
        LayerHandle {
            layer_id: layer_id.to_owned(),
            node_id: node_id.to_owned(),
            duration: OnceLock::new(),
            memory: OnceLock::new(),
        }
    }

    fn link(caps: &LabelCapper, from: &str, to: &str) -> Link {
        Link {
            from_node: caps.cap(from),
            to_node: caps.cap(to),
        }
    }

    /// Adds bytes sent from `from` to `to`.
    pub fn record_bytes_sent(&self, from: &str, to: &str, bytes: u64) {
        self.bytes_sent
            .get_or_create(&Self::link(&self.bytes_sent_caps, from, to))
            .inc_by(bytes);
    }

    /// Adds bytes `to` received from `from`.
    pub fn record_bytes_received(&self, from: &str, to: &str, bytes: u64) {
        self.bytes_received
            .get_or_create(&Self::link(&self.bytes_received_caps, from, to))
            .inc_by(bytes);
    }

    /// Observes one transfer's latency.
    pub fn record_transfer_latency(&self, from: &str, to: &str, latency: Duration) {
        self.transfer_latency
            .get_or_create(&Self::link(&self.transfer_latency_caps, from, to))
            .observe(latency.as_secs_f64());
    }

    /// Marks the connection `from -> to` up (1) or down (0).
    pub fn set_connection_active(&self, from: &str, to: &str, active: bool) {
        self.connection_active
            .get_or_create(&Self::link(&self.connection_caps, from, to))
            .set(i64::from(active));
    }

    /// Sets CPU utilisation as a ratio 0..1 (values outside are clamped; NaN becomes 0).
    pub fn set_cpu_utilization(&self, ratio: f64) {
        let r = if ratio.is_nan() {
            0.0
        } else {
            ratio.clamp(0.0, 1.0)
        };
        self.cpu_utilization.set(r);
    }

    /// Sets resident memory, bytes.
    pub fn set_memory_usage(&self, bytes: u64) {
        self.memory_usage.set(sat(bytes));
    }

    /// Sets disk used and free, bytes.
    pub fn set_disk(&self, used_bytes: u64, free_bytes: u64) {
        self.disk_usage.set(sat(used_bytes));
        self.disk_free.set(sat(free_bytes));
    }

    /// Counts a Byzantine fault attributed to `node_id`.
    pub fn record_byzantine_fault(&self, node_id: &str, fault_type: &str) {
        let node_id = self.byzantine_caps.0.cap(node_id);
        let fault_type = self.byzantine_caps.1.cap(fault_type);
        self.byzantine_faults
            .get_or_create(&NodeFault {
                node_id,
                fault_type,
            })
            .inc();
    }

    /// Creates the fault series of `(node_id, fault_type)` at 0 (a known node reads 0 faults,
    /// not absent).
    pub fn init_byzantine_node(&self, node_id: &str, fault_type: &str) {
        let node_id = self.byzantine_caps.0.cap(node_id);
        let fault_type = self.byzantine_caps.1.cap(fault_type);
        let _ = self.byzantine_faults.get_or_create(&NodeFault {
            node_id,
            fault_type,
        });
    }

    /// Sets a node's reputation score.
    pub fn set_reputation(&self, node_id: &str, score: f64) {
        let node_id = self.reputation_caps.cap(node_id);
        self.reputation
            .get_or_create(&NodeLabel { node_id })
            .set(score);
    }
}

fn sat(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Encodes `registry` in the OpenMetrics text format (with exemplars and `# EOF`).
pub fn encode_openmetrics(registry: &Registry) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    prometheus_client::encoding::text::encode(&mut out, registry)?;
    Ok(out)
}

/// `Content-Type` of the classic Prometheus text exposition (no exemplars).
pub const PROMETHEUS_TEXT_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Encodes `registry` in the classic Prometheus text format 0.0.4 (for scrapers and tools such as
/// `promtool check metrics` that do not speak OpenMetrics): exemplars, `# UNIT` and `# EOF` are
/// dropped and counter `# HELP`/`# TYPE` lines name the `_total` series.
pub fn encode_prometheus_text(registry: &Registry) -> Result<String, std::fmt::Error> {
    let om = encode_openmetrics(registry)?;
    let mut counters = std::collections::HashSet::new();
    for line in om.lines() {
        if let Some((name, "counter")) =
            line.strip_prefix("# TYPE ").and_then(|r| r.split_once(' '))
        {
            counters.insert(name.to_owned());
        }
    }
    let mut out = String::with_capacity(om.len());
    for line in om.lines() {
        if line == "# EOF" || line.starts_with("# UNIT ") {
            continue;
        }
        let meta = line
            .strip_prefix("# HELP ")
            .map(|r| ("# HELP ", r))
            .or_else(|| line.strip_prefix("# TYPE ").map(|r| ("# TYPE ", r)));
        if let Some((prefix, rest)) = meta {
            let (name, tail) = rest.split_once(' ').unwrap_or((rest, ""));
            out.push_str(prefix);
            out.push_str(name);
            if counters.contains(name) {
                out.push_str("_total");
            }
            out.push(' ');
            out.push_str(tail);
        } else {
            // Sample line: drop an exemplar suffix.
            out.push_str(line.split(" # ").next().unwrap_or(line));
        }
        out.push('\n');
    }
    Ok(out)
}

/// Picks the exposition for an HTTP `Accept` header: OpenMetrics (with exemplars) when the
/// scraper accepts `application/openmetrics-text` at least as much as `text/plain` (by `q`
/// weight; Prometheus sends OpenMetrics first), the classic text format otherwise (no header,
/// `*/*`, `text/plain`). Returns `(content_type, body)`.
pub fn encode_for_accept(
    registry: &Registry,
    accept: Option<&str>,
) -> Result<(&'static str, String), std::fmt::Error> {
    if accept.is_some_and(prefers_openmetrics) {
        Ok((OPENMETRICS_CONTENT_TYPE, encode_openmetrics(registry)?))
    } else {
        Ok((
            PROMETHEUS_TEXT_CONTENT_TYPE,
            encode_prometheus_text(registry)?,
        ))
    }
}

/// Whether an `Accept` header value asks for OpenMetrics: its best `q` for
/// `application/openmetrics-text` is above 0 and not below the best for `text/plain`.
pub fn prefers_openmetrics(accept: &str) -> bool {
    let mut om = 0.0f64;
    let mut text = 0.0f64;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
            .and_then(|(_, v)| v.trim().parse::<f64>().ok())
            .filter(|q| q.is_finite())
            .unwrap_or(1.0);
        if media.eq_ignore_ascii_case("application/openmetrics-text") {
            om = om.max(q);
        } else if media.eq_ignore_ascii_case("text/plain") {
            text = text.max(q);
        }
    }
    om > 0.0 && om >= text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bucket's first traced observation becomes its exemplar; later ones within
    /// EXEMPLAR_MIN_INTERVAL leave it in place; another bucket takes its own at once.
    #[test]
    fn exemplars_are_sampled_per_bucket() {
        let h = ExemplarHistogram::new();
        let (first, second, slow) = (
            TraceContext::new_root(),
            TraceContext::new_root(),
            TraceContext::new_root(),
        );
        let now = Instant::now();
        h.observe(0.002, Some((&first, now)));
        h.observe(0.003, Some((&second, now)));
        h.observe(0.004, None);
        h.observe(2.0, Some((&slow, now)));
        let mut registry = Registry::default();
        registry.register("x_seconds", "x", h.clone());
        let text = encode_openmetrics(&registry).expect("encode");
        let has = |ctx: &TraceContext| text.contains(&ctx.trace_id_hex());
        assert!(has(&first) && !has(&second) && has(&slow), "{text}");
        assert!(text.contains("x_seconds_count 4"), "{text}");
        // Once the interval has passed, the bucket is due again (as for one never replaced;
        // 0.003 s is in the second bucket, up to 0.005 s).
        h.replaced[1].store(0, Ordering::Relaxed);
        h.observe(0.003, Some((&second, now)));
        let text = encode_openmetrics(&registry).expect("encode");
        assert!(text.contains(&second.trace_id_hex()), "{text}");
    }

    #[test]
    fn accept_negotiation() {
        // What Prometheus 2.x and 3.x send.
        assert!(prefers_openmetrics(
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
        ));
        assert!(prefers_openmetrics(
            "Application/OpenMetrics-Text; version=1.0.0"
        ));
        assert!(!prefers_openmetrics("*/*"));
        assert!(!prefers_openmetrics("text/plain"));
        assert!(!prefers_openmetrics(
            "text/plain;version=0.0.4,application/openmetrics-text;q=0.5"
        ));
        assert!(!prefers_openmetrics("application/openmetrics-text;q=0"));
        let mut registry = Registry::default();
        let m = Metrics::register(&mut registry);
        m.record_request(
            "m",
            "ok",
            Duration::from_millis(3),
            Some((&TraceContext::new_root(), Instant::now())),
        );
        let (ct, body) = encode_for_accept(&registry, None).expect("encode");
        assert_eq!(ct, PROMETHEUS_TEXT_CONTENT_TYPE);
        assert!(!body.contains("# EOF") && !body.contains(" # {"));
        assert!(body.contains("# TYPE butterfly_requests_total counter"));
        let (ct, body) =
            encode_for_accept(&registry, Some("application/openmetrics-text")).expect("encode");
        assert_eq!(ct, OPENMETRICS_CONTENT_TYPE);
        assert!(body.ends_with("# EOF\n") && body.contains("trace_id=\""));
    }
    /// The handles write the same series and values as the label-per-call methods, including
    /// the cardinality fold into `other` and series created only on first use.
    #[test]
    fn handles_match_record_methods() {
        let fixed_trace = TraceContext::new_root();
        let run = |handles: bool| {
            let mut registry = Registry::default();
            let m = Metrics::register(&mut registry);
            for i in 0..(MAX_NODE_IDS + 3) {
                let peer = format!("compute-{i}");
                let ok = i % 7 != 0;
                if handles {
                    let link = m.link_handles("coordinator-1", &peer);
                    link.record_bytes_sent(&m, 256);
                    link.record_transfer_latency(&m, Duration::from_millis(2));
                    link.set_connection_active(&m, ok);
                    if ok {
                        link.record_bytes_received_back(&m, 128);
                    }
                    link.record_bytes_sent(&m, 1);
                } else {
                    m.record_bytes_sent("coordinator-1", &peer, 256);
                    m.record_transfer_latency("coordinator-1", &peer, Duration::from_millis(2));
                    m.set_connection_active("coordinator-1", &peer, ok);
                    if ok {
                        m.record_bytes_received(&peer, "coordinator-1", 128);
                    }
                    m.record_bytes_sent("coordinator-1", &peer, 1);
                }
            }
            for layer in 0..(MAX_LAYER_IDS as u32 + 2) {
                let id = layer.to_string();
                if handles {
                    m.layer_handle(&id, "compute-1").record_execution(
                        &m,
                        Duration::from_millis(1),
                        None,
                    );
                } else {
                    m.record_layer_execution(&id, "compute-1", Duration::from_millis(1), None);
                }
            }
            let h = m.layer_handle("0", "compute-1");
            h.record_execution(
                &m,
                Duration::from_millis(3),
                Some((&fixed_trace, Instant::now())),
            );
            h.record_execution(&m, Duration::from_millis(4), None);
            encode_openmetrics(&registry)
                .expect("encode")
                .lines()
                // Exemplar timestamps differ between runs.
                .map(|l| l.split(" # {").next().unwrap_or(l).to_owned())
                .collect::<Vec<_>>()
        };
        // A family's series come out in hash order, which differs between registries.
        let (mut a, mut b) = (run(true), run(false));
        a.sort();
        b.sort();
        assert!(a.iter().any(|l| l.contains("to_node=\"other\"")));
        assert_eq!(a, b);
    }
}
