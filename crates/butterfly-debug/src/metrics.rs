use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use std::sync::{Arc, Mutex};

/// The Prometheus registry served at `/metrics`, shared with the host so it can register its own
/// metrics at any time.
pub type SharedRegistry = Arc<Mutex<Registry>>;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RpcLabels {
    method: String,
    code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: String,
    component: String,
}

/// The debug service's own metrics and the registry they live in. Cheap to clone; clones share
/// everything (a swarm process shares one `Metrics` between all its virtual nodes).
#[derive(Clone, Debug)]
pub struct Metrics {
    registry: SharedRegistry,
    rpcs: Family<RpcLabels, Counter>,
    handshake_failures: Counter,
    audit_dropped: Counter,
    audit_suppressed: Counter,
    refused: Family<ReasonLabels, Counter>,
    connections: Gauge,
}

/// Labels of `butterfly_debug_connections_refused_total`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: String,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A fresh registry with the debug service's metrics registered:
    /// `butterfly_debug_rpcs_total{method,code}`, `butterfly_debug_tls_handshake_failures_total`,
    /// `butterfly_debug_audit_dropped_total`, `butterfly_debug_audit_suppressed_total`,
    /// `butterfly_debug_connections_refused_total{reason}`, `butterfly_debug_connections` and
    /// `butterfly_build_info{version,component}` (always 1).
    pub fn new() -> Self {
        Self::with_registry(Registry::default())
    }

    /// Registers the debug service's metrics into `registry` (which may already hold the host's).
    pub fn with_registry(mut registry: Registry) -> Self {
        let rpcs = Family::<RpcLabels, Counter>::default();
        let handshake_failures = Counter::default();
        let audit_dropped = Counter::default();
        let audit_suppressed = Counter::default();
        let refused = Family::<ReasonLabels, Counter>::default();
        let connections = Gauge::default();
        let build = Family::<BuildLabels, Gauge>::default();
        build
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION").to_string(),
                component: "butterfly-debug".to_string(),
            })
            .set(1);
        registry.register(
            "butterfly_debug_rpcs",
            "Debug-service RPCs handled, by method and gRPC code (or \"denied\")",
            rpcs.clone(),
        );
        registry.register(
            "butterfly_debug_tls_handshake_failures",
            "TLS handshakes on the debug listener that failed or timed out",
            handshake_failures.clone(),
        );
        registry.register(
            "butterfly_debug_audit_dropped",
            "Audit records not written to the audit file because the writer could not keep up",
            audit_dropped.clone(),
        );
        registry.register(
            "butterfly_debug_audit_suppressed",
            "Denied calls and failed handshakes counted but not recorded one by one (per-peer rate limit)",
            audit_suppressed.clone(),
        );
        registry.register(
            "butterfly_debug_connections_refused",
            "Connections closed by the connection limits (reason: handshakes, handshakes_per_peer, connections, connections_per_peer, http)",
            refused.clone(),
        );
        registry.register(
            "butterfly_debug_connections",
            "Open debug-service connections",
            connections.clone(),
        );
        registry.register(
            "butterfly_build_info",
            "Build information; the value is always 1",
            build,
        );
        Self {
            registry: Arc::new(Mutex::new(registry)),
            rpcs,
            handshake_failures,
            audit_dropped,
            audit_suppressed,
            refused,
            connections,
        }
    }

    /// The registry served at `/metrics`; register the host's metrics here.
    pub fn registry(&self) -> SharedRegistry {
        self.registry.clone()
    }

    /// The registry encoded in the OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        let registry = match self.registry.lock() {
            Ok(r) => r,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &registry);
        out
    }

    /// TLS handshakes that failed or timed out so far.
    pub fn handshake_failures(&self) -> u64 {
        self.handshake_failures.get()
    }

    /// Open debug-service connections now.
    pub fn open_connections(&self) -> i64 {
        self.connections.get()
    }

    pub(crate) fn rpc(&self, method: &str, code: &str) {
        self.rpcs
            .get_or_create(&RpcLabels {
                method: method.to_string(),
                code: code.to_string(),
            })
            .inc();
    }

    pub(crate) fn handshake_failed(&self) {
        self.handshake_failures.inc();
    }

    pub(crate) fn audit_dropped(&self) {
        self.audit_dropped.inc();
    }

    pub(crate) fn audit_suppressed(&self) {
        self.audit_suppressed.inc();
    }

    /// Counts a connection closed by a limit (`reason`).
    pub fn connection_refused(&self, reason: &str) {
        self.refused
            .get_or_create(&ReasonLabels {
                reason: reason.to_string(),
            })
            .inc();
    }

    /// Connections refused by the limits so far, all reasons.
    pub fn connections_refused(&self) -> u64 {
        let mut total = 0;
        for reason in [
            "handshakes",
            "handshakes_per_peer",
            "connections",
            "connections_per_peer",
            "http",
        ] {
            total += self
                .refused
                .get_or_create(&ReasonLabels {
                    reason: reason.to_string(),
                })
                .get();
        }
        total
    }

    pub(crate) fn connection_opened(&self) {
        self.connections.inc();
    }

    pub(crate) fn connection_closed(&self) {
        self.connections.dec();
    }
}
