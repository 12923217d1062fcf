//! What a node runs beside membership: its model, injected faults, data-plane server stats
//! (compute) and inference engine (coordinators). [`crate::cluster::NodeView`] reads it to answer
//! status, faults and Byzantine evidence over the debug service.

use crate::dataplane::LayerStats;
use crate::faults::{Fault, Faults};
use crate::inference::Engine;
use crate::layers::Model;
use butterfly_proto::debug::{
    FaultState, HealthState, ListByzantineFaultsRequest, ListByzantineFaultsResponse, NodeStatus,
    PeerState,
};
use std::sync::{Arc, OnceLock};

/// How long after answering a `crash` fault the process exits: 200 ms (the answer and the
/// node's audit record go out first).
pub const CRASH_DELAY: std::time::Duration = std::time::Duration::from_millis(200);

/// A node's services.
pub struct Services {
    /// Node id.
    pub node_id: String,
    /// The model (compute nodes execute it, coordinators encode inputs with it).
    model: Model,
    /// Why the newest checkpoint is bad (restore or verification), if it is.
    checkpoint_problem: std::sync::Mutex<Option<String>>,
    /// Injected faults.
    pub faults: Faults,
    /// Layer execution times (compute).
    pub layer_stats: LayerStats,
    /// Bound data-plane address (compute).
    pub data_addr: OnceLock<String>,
    /// Inference engine (coordinators).
    pub engine: OnceLock<Arc<Engine>>,
    /// Span and log buffers, node context (id, consensus term).
    pub telemetry: butterfly_telemetry::Telemetry,
    /// The metric catalog, registered into the node's `/metrics`.
    pub metrics: Arc<butterfly_telemetry::Metrics>,
    /// The link monitor and latency prober.
    pub monitor: OnceLock<Arc<crate::links::Monitor>>,
    /// Connections the data-plane server accepted (compute).
    pub data_conns: OnceLock<crate::datanet::DataConns>,
    /// The checkpoint directory (nodes started with `--data-dir`).
    pub checkpoints: OnceLock<crate::checkpoint::Store>,
    /// The node's configuration as `state dump` shows it (no secrets: paths, not contents).
    pub config: OnceLock<serde_json::Value>,
}

impl Services {
    /// Services for `node_id`.
    pub fn new(
        node_id: String,
        model: Model,
        faults: Faults,
        telemetry: butterfly_telemetry::Telemetry,
        metrics: Arc<butterfly_telemetry::Metrics>,
    ) -> Services {
        Services {
            node_id,
            model,
            checkpoint_problem: std::sync::Mutex::new(None),
            faults,
            layer_stats: LayerStats::with_metrics(metrics.clone()),
            data_addr: OnceLock::new(),
            engine: OnceLock::new(),
            telemetry,
            metrics,
            monitor: OnceLock::new(),
            data_conns: OnceLock::new(),
            checkpoints: OnceLock::new(),
            config: OnceLock::new(),
        }
    }

    /// Every data-plane QUIC connection of the node: the engine's (coordinators), the link
    /// monitor's and the server's accepted ones (compute).
    pub fn data_rows(&self) -> Vec<butterfly_proto::debug::Connection> {
        let mut rows = Vec::new();
        if let Some(e) = self.engine.get() {
            rows.extend(e.data().rows());
        }
        if let Some(m) = self.monitor.get() {
            rows.extend(m.data_rows());
        }
        if let Some(c) = self.data_conns.get() {
            rows.extend(c.rows());
        }
        rows
    }

    /// The model.
    pub fn model(&self) -> Model {
        self.model.clone()
    }

    /// Records (or clears) a checkpoint problem; a problem makes the node degraded.
    pub fn set_checkpoint_problem(&self, problem: Option<String>) {
        if let Ok(mut p) = self.checkpoint_problem.lock() {
            *p = problem;
        }
    }

    /// The current checkpoint problem.
    pub fn checkpoint_problem(&self) -> Option<String> {
        self.checkpoint_problem.lock().ok().and_then(|p| p.clone())
    }

    /// The data-plane address, or empty.
    pub fn data_addr(&self) -> String {
        self.data_addr.get().cloned().unwrap_or_default()
    }

    /// Adds what the services know to a status answer.
    pub fn fill_status(&self, status: &mut NodeStatus) {
        status.layer_latency = self.layer_stats.snapshot();
        status.load.get_or_insert_with(Default::default).queue_depth = self.layer_stats.pending();
        status.layers = status.layer_latency.iter().map(|l| l.layer).collect();
        status.active_faults = self.faults.specs();
        if let Some(engine) = self.engine.get() {
            let (total, failed, in_flight) = engine.counters();
            status.requests_total = total;
            status.requests_failed = failed;
            status
                .load
                .get_or_insert_with(Default::default)
                .requests_in_flight = in_flight;
            status.peers.extend(engine.peers());
            let state = engine.store().state();
            status.reputation = state.reputation_of(&self.node_id);
            status.byzantine_faults = state
                .faults
                .iter()
                .filter(|f| f.node_id == self.node_id)
                .count() as u64;
            status.replicated = Some(engine.replicated_summary());
        }
        // Health from what this node sees: the worst of its own checks, each reason named.
        let mut reasons: Vec<String> = Vec::new();
        let mut health = HealthState::try_from(status.health).unwrap_or(HealthState::Healthy);
        if health != HealthState::Healthy && status.summary != "ok" {
            reasons.push(status.summary.clone());
        }
        for (_, state, detail) in self.checks() {
            if state != HealthState::Healthy {
                health = worse(health, state);
                reasons.push(detail);
            }
        }
        status.health = health as i32;
        status.summary = if reasons.is_empty() {
            "ok".to_string()
        } else {
            reasons.join("; ")
        };
    }

    /// The checks behind this node's health, each `(name, state, detail)`: `checkpoint` (the
    /// newest checkpoint's problem), `faults` (faults injected), and on coordinators `peers`
    /// (data-plane peers whose last call failed within [`crate::dataplane::SUSPECT_FOR`]).
    /// `GetStatus` folds them into its health and summary; `DeepHealth` lists them.
    pub fn checks(&self) -> Vec<(&'static str, HealthState, String)> {
        let mut out = Vec::with_capacity(3);
        out.push(match self.checkpoint_problem() {
            Some(p) => ("checkpoint", HealthState::Degraded, p),
            None => (
                "checkpoint",
                HealthState::Healthy,
                "no checkpoint problem known".to_string(),
            ),
        });
        let faults = self.faults.specs();
        out.push(if faults.is_empty() {
            (
                "faults",
                HealthState::Healthy,
                "no faults injected".to_string(),
            )
        } else {
            (
                "faults",
                HealthState::Degraded,
                format!("faults injected: {}", faults.join(", ")),
            )
        });
        if let Some(engine) = self.engine.get() {
            let down: Vec<PeerState> = engine.disconnected_peers();
            out.push(if down.is_empty() {
                (
                    "peers",
                    HealthState::Healthy,
                    format!("{} data-plane peers, none failing", engine.peers().len()),
                )
            } else {
                (
                    "peers",
                    HealthState::Degraded,
                    down.iter()
                        .map(|p| format!("peer {} disconnected ({}): {}", p.id, p.link, p.error))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            });
        }
        out
    }

    /// Injects a fault from its spec. A `partition:` names only known `members` (not this node);
    /// `crash` answers first and exits [`CRASH_DELAY`] later, so the caller and the audit trail
    /// see it done.
    pub fn inject(&self, spec: &str, members: &[String]) -> Result<FaultState, tonic::Status> {
        let fault = Fault::parse(spec).map_err(tonic::Status::invalid_argument)?;
        if let Fault::Partition(peers) = &fault {
            for p in peers {
                if p == &self.node_id {
                    return Err(tonic::Status::invalid_argument(format!(
                        "partition:{p}: a node cannot be partitioned from itself"
                    )));
                }
                if !members.iter().any(|m| m == p) {
                    return Err(tonic::Status::invalid_argument(format!(
                        "partition:{p}: no such member (known: {})",
                        members.join(", ")
                    )));
                }
            }
        }
        if fault == Fault::Crash {
            if !self.faults.allowed() {
                return Err(tonic::Status::failed_precondition(
                    "fault injection is disabled on this node (start it with --allow-faults)",
                ));
            }
            let faults = self.faults.clone();
            std::thread::spawn(move || {
                std::thread::sleep(CRASH_DELAY);
                let _ = faults.inject(Fault::Crash);
            });
            return Ok(FaultState {
                node_id: self.node_id.clone(),
                active: vec![Fault::Crash.spec()],
            });
        }
        self.faults
            .inject(fault)
            .map_err(tonic::Status::failed_precondition)?;
        Ok(self.fault_state())
    }

    /// Clears every fault.
    pub fn clear(&self) -> Result<FaultState, tonic::Status> {
        if !self.faults.allowed() {
            return Err(tonic::Status::failed_precondition(
                "fault injection is disabled on this node (start it with --allow-faults)",
            ));
        }
        self.faults.clear();
        Ok(self.fault_state())
    }

    fn fault_state(&self) -> FaultState {
        FaultState {
            node_id: self.node_id.clone(),
            active: self.faults.specs(),
        }
    }

    /// Byzantine faults in the replicated state this coordinator applied (none elsewhere).
    pub fn byzantine_faults(
        &self,
        req: &ListByzantineFaultsRequest,
    ) -> ListByzantineFaultsResponse {
        self.engine
            .get()
            .map(|e| {
                let (faults, total, applied) = e.faults_detected(req);
                ListByzantineFaultsResponse {
                    faults,
                    total,
                    applied,
                }
            })
            .unwrap_or_default()
    }
}

/// The worse of two health states (unhealthy > degraded > healthy).
pub fn worse(a: HealthState, b: HealthState) -> HealthState {
    let rank = |h: HealthState| match h {
        HealthState::Unhealthy => 3,
        HealthState::Degraded => 2,
        HealthState::Healthy => 1,
        _ => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}
