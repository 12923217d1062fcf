//! [`NodeView`]: one node (real or virtual) as the debug service sees it — the adapter that
//! implements `butterfly_debug::NodeHandle` over the cluster, its services and its Raft.

use super::*;

/// One node (real or virtual) as the debug service sees it.
pub struct NodeView {
    cluster: Arc<Cluster>,
    pub(super) id: String,
    role: NodeRole,
    addrs: OnceLock<(String, String)>,
    virtual_node: bool,
    services: OnceLock<Arc<crate::services::Services>>,
    raft: OnceLock<crate::raft::RaftHandle>,
}

impl NodeView {
    /// A node hosted in `cluster`; its addresses are set once bound ([`NodeView::bound`]).
    pub fn new(cluster: Arc<Cluster>, id: String, role: NodeRole, virtual_node: bool) -> Self {
        Self {
            cluster,
            id,
            role,
            addrs: OnceLock::new(),
            virtual_node,
            services: OnceLock::new(),
            raft: OnceLock::new(),
        }
    }

    /// Attaches the coordinator's Raft engine (status, deep health and the `Raft` RPC use it).
    pub fn set_raft(&self, raft: crate::raft::RaftHandle) {
        let _ = self.raft.set(raft);
    }

    /// Attaches the node's model, faults, data plane and engine (before [`NodeView::bound`]).
    pub fn set_services(&self, services: Arc<crate::services::Services>) {
        let _ = self.services.set(services);
    }

    fn data_addr(&self) -> String {
        self.services
            .get()
            .map(|s| s.data_addr())
            .unwrap_or_default()
    }

    /// Records the bound addresses and registers the node as a local member of its cluster.
    pub fn bound(&self, debug_addr: SocketAddr, http_addr: Option<SocketAddr>) {
        let debug = debug_addr.to_string();
        let http = http_addr.map(|a| a.to_string()).unwrap_or_default();
        let _ = self.addrs.set((debug, http));
        self.cluster.add_local(self.member());
    }

    /// This node as a member (last seen now).
    pub fn member(&self) -> Member {
        let (debug_addr, http_addr) = self.addrs.get().cloned().unwrap_or_default();
        Member {
            id: self.id.clone(),
            role: self.role as i32,
            debug_addr,
            http_addr,
            last_seen_unix_ms: unix_ms(),
            data_addr: self.data_addr(),
            summary: None,
        }
    }

    fn role(&self) -> NodeRole {
        self.role
    }

    /// `GetStatus` from a seed check and a load sample taken by the caller.
    fn status_with(&self, problem: Option<String>, load: Load) -> NodeStatus {
        let consensus = (self.role() == NodeRole::Coordinator).then(|| match self.raft.get() {
            Some(raft) => raft.status(),
            None => ConsensusStatus {
                term: 0,
                leader_id: String::new(),
                commit_index: 0,
                applied_index: 0,
                state: "static".to_string(),
            },
        });
        let mut status = NodeStatus {
            id: self.id.clone(),
            role: self.role as i32,
            health: if problem.is_some() {
                HealthState::Degraded as i32
            } else {
                HealthState::Healthy as i32
            },
            summary: problem.unwrap_or_else(|| "ok".to_string()),
            consensus,
            load: Some(load),
            uptime_seconds: self.uptime(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            known_members: u32::try_from(lock(&self.cluster.members).len()).unwrap_or(u32::MAX),
            reputation: 1.0,
            ..NodeStatus::default()
        };
        if let Some(services) = self.services.get() {
            services.fill_status(&mut status);
        }
        status
    }

    /// What this node's heartbeat says about it (see `MemberSummary`).
    pub(super) fn summary(&self, problem: Option<String>, load: Load) -> MemberSummary {
        let s = self.status_with(problem, load);
        let load = s.load.unwrap_or_default();
        MemberSummary {
            health: s.health,
            reason: s.summary,
            active_faults: s.active_faults,
            requests_total: s.requests_total,
            requests_failed: s.requests_failed,
            layer_p99_ms: s.layer_latency.iter().map(|l| l.p99_ms).fold(0.0, f64::max),
            consensus: s.consensus,
            cpu_percent: load.cpu_percent,
            memory_rss_bytes: load.memory_rss_bytes,
            at_unix_ms: unix_ms(),
            uptime_seconds: s.uptime_seconds,
            version: s.version,
        }
    }

    fn uptime(&self) -> u64 {
        self.cluster.started.elapsed().as_secs()
    }
}

fn worst(states: impl Iterator<Item = HealthState>) -> HealthState {
    states
        .max_by_key(|s| match s {
            HealthState::Healthy => 0,
            HealthState::Degraded => 1,
            HealthState::Unspecified => 2,
            HealthState::Unhealthy => 3,
        })
        .unwrap_or(HealthState::Healthy)
}

impl NodeHandle for NodeView {
    fn info(&self) -> NodeInfo {
        let (debug_addr, http_addr) = self.addrs.get().cloned().unwrap_or_default();
        NodeInfo {
            id: self.id.clone(),
            role: self.role as i32,
            version: env!("CARGO_PKG_VERSION").to_string(),
            uptime_seconds: self.uptime(),
            debug_addr,
            http_addr,
            started_at_unix_ms: self.cluster.started_unix_ms,
            pid: std::process::id(),
            hostname: self.cluster.hostname.clone(),
            data_addr: self.data_addr(),
            cluster: self.cluster.name.clone(),
            virtual_node: self.virtual_node,
        }
    }

    fn status(&self) -> NodeStatus {
        self.status_with(self.cluster.seed_problem(), self.cluster.load())
    }

    fn members(&self) -> Vec<Member> {
        strip_summaries(self.cluster.members())
    }

    fn is_member(&self, id: &str) -> bool {
        self.cluster.member(id).is_some()
    }

    fn forward_infer(
        &self,
        caller: &str,
        request: butterfly_proto::debug::ForwardInferRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::ForwardInferResponse, tonic::Status>,
    > + Send {
        let engine = self.services.get().and_then(|s| s.engine.get().cloned());
        let caller = caller.to_string();
        async move {
            match engine {
                Some(e) => Ok(crate::forward::serve_forwarded(&e, &caller, request).await),
                None => Err(tonic::Status::unimplemented(
                    "this node serves no inference requests (not a coordinator)",
                )),
            }
        }
    }

    fn cluster_summary(&self) -> Result<ClusterSummaryResponse, tonic::Status> {
        if self.role != NodeRole::Coordinator {
            return Err(tonic::Status::failed_precondition(
                "only coordinators keep member summaries (ask a coordinator)",
            ));
        }
        let replicated = self
            .services
            .get()
            .and_then(|s| s.engine.get())
            .map(|e| e.replicated_summary());
        // This process's own rows say what it is now, not what its last heartbeat said (their
        // age reads 0: a row of age 0 must not be up to a heartbeat old).
        self.cluster.summarize_local();
        Ok(ClusterSummaryResponse {
            source_id: self.id.clone(),
            now_unix_ms: unix_ms(),
            heartbeat_ms: u64::try_from(self.cluster.heartbeat.as_millis()).unwrap_or(u64::MAX),
            members: self.cluster.members(),
            replicated,
        })
    }

    async fn deep_health(&self) -> DeepHealthResponse {
        let mut components = Vec::new();
        components.push(ComponentHealth {
            name: "process".into(),
            state: HealthState::Healthy as i32,
            detail: format!(
                "pid {}, up {}s, version {}",
                std::process::id(),
                self.uptime(),
                env!("CARGO_PKG_VERSION")
            ),
        });
        let members = self.cluster.members();
        let now = unix_ms();
        let fresh = members
            .iter()
            .filter(|m| now - m.last_seen_unix_ms <= self.cluster.stale_after_ms())
            .count();
        let (state, detail) = match self.cluster.seed_problem() {
            Some(problem) => (
                HealthState::Degraded,
                format!(
                    "{problem}; {} members known, {fresh} seen within {STALE_HEARTBEATS} heartbeats",
                    members.len()
                ),
            ),
            None => (
                HealthState::Healthy,
                format!(
                    "{} members known, {fresh} seen within {STALE_HEARTBEATS} heartbeats",
                    members.len()
                ),
            ),
        };
        components.push(ComponentHealth {
            name: "membership".into(),
            state: state as i32,
            detail,
        });
        let load = self.cluster.load();
        let (state, detail) = if load.memory_rss_bytes == 0 {
            (
                HealthState::Degraded,
                "cannot read /proc/self: memory and CPU unknown".to_string(),
            )
        } else {
            (
                HealthState::Healthy,
                format!(
                    "rss {:.1} MiB, cpu {:.1}% of one core",
                    load.memory_rss_bytes as f64 / (1024.0 * 1024.0),
                    load.cpu_percent
                ),
            )
        };
        components.push(ComponentHealth {
            name: "resources".into(),
            state: state as i32,
            detail,
        });
        if self.role() == NodeRole::Coordinator {
            let (state, detail) = match self.raft.get() {
                Some(raft) => raft.health(),
                None => (
                    HealthState::Healthy,
                    "no consensus engine: static membership".to_string(),
                ),
            };
            components.push(ComponentHealth {
                name: "consensus".into(),
                state: state as i32,
                detail,
            });
        }
        // Every check the plain status folds into its health, each as a component.
        if let Some(services) = self.services.get() {
            for (name, state, detail) in services.checks() {
                components.push(ComponentHealth {
                    name: name.into(),
                    state: state as i32,
                    detail,
                });
            }
        }
        let overall = worst(components.iter().map(|c| c.state()));
        DeepHealthResponse {
            overall: overall as i32,
            components,
        }
    }

    async fn join(&self, members: Vec<Member>) -> Vec<Member> {
        // Summaries go back only to coordinators (their sync); other nodes need addresses only.
        let from_coordinator = members
            .iter()
            .any(|m| m.role == NodeRole::Coordinator as i32);
        self.cluster.merge(members);
        let all = self.cluster.members();
        if from_coordinator {
            all
        } else {
            strip_summaries(all)
        }
    }

    fn ready(&self) -> bool {
        self.cluster.started_flag.load(Ordering::Relaxed)
    }

    fn started(&self) -> bool {
        self.cluster.started_flag.load(Ordering::Relaxed)
    }

    fn raft(
        &self,
        request: butterfly_proto::debug::RaftRequest,
    ) -> impl std::future::Future<Output = Result<butterfly_proto::debug::RaftResponse, tonic::Status>>
           + Send {
        let raft = self.raft.get().cloned();
        let partitioned = self.cluster.partitioned_from(&request.from);
        async move {
            if partitioned {
                return Err(tonic::Status::unavailable(format!(
                    "partitioned from {} (injected fault)",
                    request.from
                )));
            }
            match raft {
                Some(raft) => raft.serve(request).await,
                None => Err(tonic::Status::unimplemented(
                    "this node runs no consensus engine",
                )),
            }
        }
    }

    fn inject_fault(
        &self,
        request: butterfly_proto::debug::InjectFaultRequest,
    ) -> impl std::future::Future<Output = Result<butterfly_proto::debug::FaultState, tonic::Status>>
           + Send {
        let members: Vec<String> = self.cluster.members().into_iter().map(|m| m.id).collect();
        let tamper = match crate::faults::Fault::parse(&request.spec) {
            Ok(crate::faults::Fault::TamperState(node)) => Some(node),
            _ => None,
        };
        let result = match (self.services.get(), tamper, self.raft.get()) {
            (Some(_), Some(_), None) => Err(tonic::Status::failed_precondition(
                "tamper-state needs a coordinator (it tampers with the replicated state)",
            )),
            (Some(s), Some(node), Some(raft)) => s.inject(&request.spec, &members).inspect(|_| {
                raft.tamper_reputation(&node);
            }),
            (Some(s), None, _) => s.inject(&request.spec, &members),
            (None, ..) => Err(tonic::Status::failed_precondition(
                "this node does not support fault injection",
            )),
        };
        async move { result }
    }

    fn replay(
        &self,
        request: butterfly_proto::debug::ReplayRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::ReplayResponse, tonic::Status>,
    > + Send {
        let engine = self.services.get().and_then(|s| s.engine.get().cloned());
        async move {
            match engine {
                Some(e) => e.replay(&request.request_id).await,
                None => Err(tonic::Status::failed_precondition(
                    "only coordinators serve (and replay) inference requests",
                )),
            }
        }
    }

    fn clear_faults(
        &self,
    ) -> impl std::future::Future<Output = Result<butterfly_proto::debug::FaultState, tonic::Status>>
           + Send {
        let result = match self.services.get() {
            Some(s) => s.clear(),
            None => Err(tonic::Status::failed_precondition(
                "this node does not support fault injection",
            )),
        };
        async move { result }
    }

    fn commit_checkpoint(
        &self,
        m: butterfly_proto::debug::CheckpointManifest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::CommitCheckpointResponse, tonic::Status>,
    > + Send {
        let raft = self.raft.get().cloned();
        async move {
            let Some(raft) = raft else {
                return Err(tonic::Status::unimplemented(
                    "this node runs no consensus engine",
                ));
            };
            let cmd = crate::state::Command::CommitCheckpoint(crate::state::CheckpointManifest {
                seq: m.seq,
                node_id: m.node_id,
                layers: m.layers.into_iter().map(|l| (l.layer, l.hash)).collect(),
                root: m.root,
                at_unix_ms: m.at_unix_ms,
            });
            raft.propose(cmd)
                .await
                .map(|log_index| butterfly_proto::debug::CommitCheckpointResponse { log_index })
                .map_err(|e| tonic::Status::unavailable(e.to_string()))
        }
    }

    fn query_spans(
        &self,
        request: butterfly_proto::debug::QuerySpansRequest,
    ) -> butterfly_proto::debug::QuerySpansResponse {
        self.services
            .get()
            .map(|s| s.telemetry.spans.query_proto(&request))
            .unwrap_or_default()
    }

    fn query_logs(
        &self,
        request: butterfly_proto::debug::QueryLogsRequest,
    ) -> butterfly_proto::debug::QueryLogsResponse {
        self.services
            .get()
            .map(|s| s.telemetry.logs.query_proto(&request))
            .unwrap_or_default()
    }

    fn byzantine_faults(
        &self,
        request: butterfly_proto::debug::ListByzantineFaultsRequest,
    ) -> butterfly_proto::debug::ListByzantineFaultsResponse {
        self.services
            .get()
            .map(|s| s.byzantine_faults(&request))
            .unwrap_or_default()
    }

    fn ping(&self, caller: &str) -> Result<(), tonic::Status> {
        if self.cluster.partitioned_from(caller) {
            return Err(tonic::Status::unavailable(format!(
                "partitioned from {caller} (injected fault)"
            )));
        }
        Ok(())
    }

    fn connections(
        &self,
    ) -> impl std::future::Future<Output = Vec<butterfly_proto::debug::Connection>> + Send {
        let mut rows = self.cluster.links.rows();
        if let Some(s) = self.services.get() {
            rows.extend(s.data_rows());
        }
        async move { rows }
    }

    fn measure_latency(
        &self,
        request: butterfly_proto::debug::MeasureLatencyRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::MeasureLatencyResponse, tonic::Status>,
    > + Send {
        let monitor = self.services.get().and_then(|s| s.monitor.get().cloned());
        async move {
            match monitor {
                Some(m) => Ok(m.measure(request).await),
                None => Err(tonic::Status::unimplemented(
                    "this node runs no link monitor",
                )),
            }
        }
    }

    fn state_dump(
        &self,
        request: butterfly_proto::debug::StateDumpRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::StateDumpResponse, tonic::Status>,
    > + Send {
        let raft = self.raft.get().cloned();
        let services = self.services.get().cloned();
        let id = self.id.clone();
        let role = self.role.short_name();
        async move {
            let src = crate::statetools::DumpSource {
                id: &id,
                role,
                raft: raft.as_ref(),
                services: services.as_deref(),
            };
            crate::statetools::dump(src, request).await
        }
    }

    fn verify_checkpoint(
        &self,
        request: butterfly_proto::debug::VerifyCheckpointRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::VerifyCheckpointResponse, tonic::Status>,
    > + Send {
        let services = self.services.get().cloned();
        let id = self.id.clone();
        async move {
            let store = services.as_ref().and_then(|s| s.checkpoints.get());
            Ok(crate::statetools::verify_checkpoint(&id, store, request).await)
        }
    }

    fn verify_node(
        &self,
        request: butterfly_proto::debug::VerifyNodeRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::VerifyNodeResponse, tonic::Status>,
    > + Send {
        let engine = self.services.get().and_then(|s| s.engine.get().cloned());
        async move {
            match engine {
                Some(e) => crate::probe::verify_node(&e, request).await,
                None => Err(tonic::Status::failed_precondition(
                    "only coordinators probe nodes (ask a coordinator)",
                )),
            }
        }
    }

    fn remove_member(
        &self,
        request: butterfly_proto::debug::RemoveMemberRequest,
    ) -> impl std::future::Future<
        Output = Result<butterfly_proto::debug::RemoveMemberResponse, tonic::Status>,
    > + Send {
        let raft = self.raft.get().cloned();
        async move {
            let Some(raft) = raft else {
                return Err(tonic::Status::unimplemented(
                    "this node runs no consensus engine (ask a coordinator)",
                ));
            };
            match raft.remove_voter(&request.node_id).await {
                Ok(voters) => Ok(butterfly_proto::debug::RemoveMemberResponse {
                    removed: request.node_id,
                    voters,
                }),
                Err(e @ crate::raft::Error::Rejected(_)) => {
                    Err(tonic::Status::failed_precondition(e.to_string()))
                }
                Err(e) => Err(tonic::Status::unavailable(e.to_string())),
            }
        }
    }
}
