use crate::audit::AuditLog;
use crate::capture::{live_stream, stop_stream, Capture, ChunkStream};
use crate::metrics::Metrics;
use crate::net::DebugConns;
use crate::profile::Profiler;
use butterfly_proto::auth::{cn_covers, identity_from_der, Role};
use butterfly_proto::debug::debug_service_server::DebugService;
use butterfly_proto::debug::{
    AnchorConsoleRecordRequest, AnchorConsoleRecordResponse, ForwardInferRequest,
    ForwardInferResponse,
};
use butterfly_proto::debug::{
    CaptureState, GetCaptureStatusRequest, ListConnectionsRequest, ListConnectionsResponse,
    MeasureLatencyRequest, MeasureLatencyResponse, PingRequest, PingResponse, RemoveMemberRequest,
    RemoveMemberResponse, StartCaptureRequest, StateDumpRequest, StateDumpResponse,
    StopCaptureRequest, VerifyCheckpointRequest, VerifyCheckpointResponse, VerifyNodeRequest,
    VerifyNodeResponse,
};
use butterfly_proto::debug::{
    CheckpointManifest, ClearFaultsRequest, ClusterSummaryRequest, ClusterSummaryResponse,
    CommitCheckpointResponse, DeepHealthRequest, DeepHealthResponse, FaultState,
    GetNodeInfoRequest, GetProfileRequest, GetStatusRequest, InjectFaultRequest, JoinRequest,
    JoinResponse, ListByzantineFaultsRequest, ListByzantineFaultsResponse, ListMembersRequest,
    ListMembersResponse, ListProfilesRequest, ListProfilesResponse, NodeInfo, NodeStatus,
    ProfileData, ProfileFormat, ProfileKind, ProfileSession, QueryLogsRequest, QueryLogsResponse,
    QuerySpansRequest, QuerySpansResponse, RaftRequest, RaftResponse, ReadAuditLogRequest,
    ReadAuditLogResponse, ReplayRequest, ReplayResponse, StartProfileRequest, StopProfileRequest,
};
use std::sync::Arc;
use std::time::Instant;
use tonic::{Request, Response, Status};

pub(crate) use crate::call::unix_ms;
use crate::call::Call;
pub use crate::handle::NodeHandle;
pub use butterfly_proto::CONSOLE_RECORD_HEADER;
/// Longest member id or address a `Join` may carry, bytes: 256.
pub const MAX_MEMBER_FIELD_BYTES: usize = 256;
/// `ReadAuditLog` with `limit = 0` returns this many records.
pub const AUDIT_READ_DEFAULT_LIMIT: usize = 100;
/// `ReadAuditLog` never returns more than this many records.
pub const AUDIT_READ_MAX_LIMIT: usize = 10_000;

/// The RPCs of `butterfly.debug.v1.DebugService` and the role each needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GetNodeInfo`: viewer.
    GetNodeInfo,
    /// `GetStatus`: viewer.
    GetStatus,
    /// `ListMembers`: viewer.
    ListMembers,
    /// `DeepHealth`: viewer.
    DeepHealth,
    /// `Join`: node.
    Join,
    /// `ReadAuditLog`: admin.
    ReadAuditLog,
    /// `Raft`: coordinator (and the certificate's CN must equal `from`).
    Raft,
    /// `InjectFault`: admin.
    InjectFault,
    /// `ClearFaults`: admin.
    ClearFaults,
    /// `ListByzantineFaults`: viewer.
    ListByzantineFaults,
    /// `QuerySpans`: viewer.
    QuerySpans,
    /// `QueryLogs`: viewer.
    QueryLogs,
    /// `CommitCheckpoint`: node.
    CommitCheckpoint,
    /// `Replay`: admin.
    Replay,
    /// `StartProfile`: admin.
    StartProfile,
    /// `StopProfile`: admin.
    StopProfile,
    /// `GetProfile`: admin.
    GetProfile,
    /// `ListProfiles`: viewer.
    ListProfiles,
    /// `Ping`: viewer.
    Ping,
    /// `ListConnections`: viewer.
    ListConnections,
    /// `MeasureLatency`: viewer.
    MeasureLatency,
    /// `StartCapture`: admin.
    StartCapture,
    /// `GetCaptureStatus`: admin.
    GetCaptureStatus,
    /// `StopCapture`: admin.
    StopCapture,
    /// `StreamCapture`: admin.
    StreamCapture,
    /// `StateDump`: viewer.
    StateDump,
    /// `VerifyCheckpoint`: viewer.
    VerifyCheckpoint,
    /// `VerifyNode`: admin.
    VerifyNode,
    /// `RemoveMember`: admin.
    RemoveMember,
    /// `ClusterSummary`: viewer.
    ClusterSummary,
    /// `ForwardInfer`: node (and the certificate's CN must be a current member).
    ForwardInfer,
    /// `AnchorConsoleRecord`: viewer.
    AnchorConsoleRecord,
}

impl Method {
    /// Every method, in proto order.
    pub const ALL: [Method; 32] = [
        Method::GetNodeInfo,
        Method::GetStatus,
        Method::ListMembers,
        Method::DeepHealth,
        Method::Join,
        Method::ReadAuditLog,
        Method::Raft,
        Method::InjectFault,
        Method::ClearFaults,
        Method::ListByzantineFaults,
        Method::QuerySpans,
        Method::QueryLogs,
        Method::CommitCheckpoint,
        Method::Replay,
        Method::StartProfile,
        Method::StopProfile,
        Method::GetProfile,
        Method::ListProfiles,
        Method::Ping,
        Method::ListConnections,
        Method::MeasureLatency,
        Method::StartCapture,
        Method::GetCaptureStatus,
        Method::StopCapture,
        Method::StreamCapture,
        Method::StateDump,
        Method::VerifyCheckpoint,
        Method::VerifyNode,
        Method::RemoveMember,
        Method::ClusterSummary,
        Method::ForwardInfer,
        Method::AnchorConsoleRecord,
    ];

    /// The short RPC name, e.g. `GetStatus`.
    pub fn name(self) -> &'static str {
        match self {
            Method::GetNodeInfo => "GetNodeInfo",
            Method::GetStatus => "GetStatus",
            Method::ListMembers => "ListMembers",
            Method::DeepHealth => "DeepHealth",
            Method::Join => "Join",
            Method::ReadAuditLog => "ReadAuditLog",
            Method::Raft => "Raft",
            Method::InjectFault => "InjectFault",
            Method::ClearFaults => "ClearFaults",
            Method::ListByzantineFaults => "ListByzantineFaults",
            Method::QuerySpans => "QuerySpans",
            Method::QueryLogs => "QueryLogs",
            Method::CommitCheckpoint => "CommitCheckpoint",
            Method::Replay => "Replay",
            Method::StartProfile => "StartProfile",
            Method::StopProfile => "StopProfile",
            Method::GetProfile => "GetProfile",
            Method::ListProfiles => "ListProfiles",
            Method::Ping => "Ping",
            Method::ListConnections => "ListConnections",
            Method::MeasureLatency => "MeasureLatency",
            Method::StartCapture => "StartCapture",
            Method::GetCaptureStatus => "GetCaptureStatus",
            Method::StopCapture => "StopCapture",
            Method::StreamCapture => "StreamCapture",
            Method::StateDump => "StateDump",
            Method::VerifyCheckpoint => "VerifyCheckpoint",
            Method::VerifyNode => "VerifyNode",
            Method::RemoveMember => "RemoveMember",
            Method::ClusterSummary => "ClusterSummary",
            Method::ForwardInfer => "ForwardInfer",
            Method::AnchorConsoleRecord => "AnchorConsoleRecord",
        }
    }

    /// The full gRPC path, e.g. `/butterfly.debug.v1.DebugService/GetStatus`.
    pub fn path(self) -> String {
        format!("/{}/{}", butterfly_proto::SERVICE_NAME, self.name())
    }

    /// The least role a caller's certificate must carry.
    pub fn required_role(self) -> Role {
        match self {
            Method::GetNodeInfo
            | Method::GetStatus
            | Method::ListMembers
            | Method::DeepHealth
            | Method::ListByzantineFaults
            | Method::QuerySpans
            | Method::QueryLogs
            | Method::ListProfiles => Role::Viewer,
            Method::Ping | Method::ListConnections | Method::MeasureLatency => Role::Viewer,
            Method::StateDump | Method::VerifyCheckpoint | Method::ClusterSummary => Role::Viewer,
            Method::AnchorConsoleRecord => Role::Viewer,
            Method::Join | Method::CommitCheckpoint | Method::ForwardInfer => Role::Node,
            Method::Raft => Role::Coordinator,
            Method::ReadAuditLog
            | Method::InjectFault
            | Method::ClearFaults
            | Method::Replay
            | Method::VerifyNode
            | Method::RemoveMember
            | Method::StartProfile
            | Method::StopProfile
            | Method::GetProfile => Role::Admin,
            Method::StartCapture
            | Method::GetCaptureStatus
            | Method::StopCapture
            | Method::StreamCapture => Role::Admin,
        }
    }
}

/// The `DebugService` implementation: authorization and audit around the host's [`NodeHandle`].
pub struct DebugServer<H> {
    handle: Arc<H>,
    audit: AuditLog,
    metrics: Metrics,
    profiler: Profiler,
    conns: DebugConns,
}

impl<H: NodeHandle> DebugServer<H> {
    /// A server answering from `handle`, auditing into `audit` and counting into `metrics`.
    pub fn new(handle: Arc<H>, audit: AuditLog, metrics: Metrics) -> Self {
        let profiler = Profiler::new();
        profiler.set_node_id(&handle.info().id);
        Self {
            handle,
            audit,
            metrics,
            profiler,
            conns: DebugConns::default(),
        }
    }

    /// Lists `conns` in `ListConnections` and drives `conns`' capture from the capture RPCs
    /// (default: connections of its own, a fresh capture).
    pub fn with_conns(mut self, conns: DebugConns) -> Self {
        self.conns = conns;
        self
    }

    fn capture(&self) -> &Capture {
        self.conns.capture()
    }

    /// The node id and the IP of its debug address (which picks the capture interface).
    fn node_id_ip(&self) -> (String, Option<std::net::IpAddr>) {
        let info = self.handle.info();
        let ip = info
            .debug_addr
            .parse::<std::net::SocketAddr>()
            .ok()
            .map(|a| a.ip());
        (info.id, ip)
    }

    /// Checks the caller's certificate against the method's role. On refusal the call is
    /// audited and counted, and the returned status says which role was needed.
    fn authorize<T>(&self, req: &Request<T>, method: Method) -> Result<Call, Status> {
        let started = Instant::now();
        let peer_addr = req.remote_addr().map(|a| a.to_string()).unwrap_or_default();
        let identity = req
            .peer_certs()
            .and_then(|certs| certs.first().map(|c| identity_from_der(c.as_ref())));
        let console_record = req
            .metadata()
            .get(CONSOLE_RECORD_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| v.len() <= 200 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/'))
            .unwrap_or_default()
            .to_string();
        let mut call = Call {
            audit: self.audit.clone(),
            console_record,
            metrics: self.metrics.clone(),
            method,
            started,
            at_unix_ms: unix_ms(),
            peer_addr,
            peer_name: String::new(),
            peer_role: String::new(),
            peer_serial: String::new(),
            done: false,
        };
        let needed = method.required_role();
        let refusal = match identity {
            None => Some(format!(
                "role '{needed}' required for {}; no client certificate presented",
                method.name()
            )),
            Some(Err(e)) => Some(format!(
                "role '{needed}' required for {}; {e}",
                method.name()
            )),
            Some(Ok(id)) => {
                call.peer_name = id.name.clone();
                call.peer_serial = id.serial.clone();
                match id.role {
                    Some(role) => {
                        call.peer_role = role.as_str().to_string();
                        if role.satisfies(needed) {
                            None
                        } else {
                            Some(format!(
                                "role '{needed}' required for {}; certificate '{}' has role '{role}'",
                                method.name(),
                                id.name
                            ))
                        }
                    }
                    None => Some(format!(
                        "role '{needed}' required for {}; certificate '{}' has no known role",
                        method.name(),
                        id.name
                    )),
                }
            }
        };
        match refusal {
            None => Ok(call),
            Some(message) => Err(call.deny(message)),
        }
    }
}

/// Whether a certificate named `cn` may announce member `id` in `Join`: only itself (or, for a
/// swarm's wildcard certificate, its virtual nodes; see [`cn_covers`]).
fn may_announce(cn: &str, id: &str) -> bool {
    cn_covers(cn, id)
}

#[tonic::async_trait]
impl<H: NodeHandle> DebugService for DebugServer<H> {
    async fn get_node_info(
        &self,
        request: Request<GetNodeInfoRequest>,
    ) -> Result<Response<NodeInfo>, Status> {
        let call = self.authorize(&request, Method::GetNodeInfo)?;
        call.finish(Ok(self.handle.info()))
    }

    async fn get_status(
        &self,
        request: Request<GetStatusRequest>,
    ) -> Result<Response<NodeStatus>, Status> {
        let call = self.authorize(&request, Method::GetStatus)?;
        let mut status = self.handle.status();
        let connections = u32::try_from(self.metrics.open_connections().max(0)).unwrap_or(u32::MAX);
        status
            .load
            .get_or_insert_with(Default::default)
            .debug_connections = connections;
        call.finish(Ok(status))
    }

    async fn list_members(
        &self,
        request: Request<ListMembersRequest>,
    ) -> Result<Response<ListMembersResponse>, Status> {
        let call = self.authorize(&request, Method::ListMembers)?;
        let source_id = self.handle.info().id;
        call.finish(Ok(ListMembersResponse {
            source_id,
            members: self.handle.members(),
        }))
    }

    async fn deep_health(
        &self,
        request: Request<DeepHealthRequest>,
    ) -> Result<Response<DeepHealthResponse>, Status> {
        let call = self.authorize(&request, Method::DeepHealth)?;
        call.finish(Ok(self.handle.deep_health().await))
    }

    async fn join(&self, request: Request<JoinRequest>) -> Result<Response<JoinResponse>, Status> {
        let call = self.authorize(&request, Method::Join)?;
        let members = request.into_inner().members;
        // Member fields end up in logs, spans, metrics labels and the replicated state: bounded.
        if let Some(m) = members.iter().find(|m| {
            [&m.id, &m.debug_addr, &m.http_addr, &m.data_addr]
                .iter()
                .any(|s| s.len() > MAX_MEMBER_FIELD_BYTES)
        }) {
            let id: String = m.id.chars().take(64).collect();
            return call.finish(Err(Status::invalid_argument(format!(
                "member '{id}': id and addresses are limited to {MAX_MEMBER_FIELD_BYTES} bytes"
            ))));
        }
        if !call.is_coordinator() {
            if let Some(m) = members
                .iter()
                .find(|m| !may_announce(&call.peer_name, &m.id))
            {
                let message = format!(
                    "certificate '{}' may announce only itself, not '{}' (only coordinators relay)",
                    call.peer_name, m.id
                );
                return Err(call.deny(message));
            }
        }
        let source_id = self.handle.info().id;
        let members = self.handle.join(members).await;
        call.finish(Ok(JoinResponse { source_id, members }))
    }

    async fn read_audit_log(
        &self,
        request: Request<ReadAuditLogRequest>,
    ) -> Result<Response<ReadAuditLogResponse>, Status> {
        let call = self.authorize(&request, Method::ReadAuditLog)?;
        let limit = match request.get_ref().limit as usize {
            0 => AUDIT_READ_DEFAULT_LIMIT,
            n => n.min(AUDIT_READ_MAX_LIMIT),
        };
        let result = match self.audit.query_records(request.get_ref(), limit).await {
            Ok((records, total, oldest_unix_ms, source)) => {
                let (denied_total, denied_suppressed) = self.audit.denied();
                Ok(ReadAuditLogResponse {
                    records,
                    dropped: self.audit.dropped(),
                    evicted: self.audit.evicted(),
                    total,
                    oldest_unix_ms,
                    routine: self.audit.routine(),
                    denied_total,
                    denied_suppressed,
                    source,
                })
            }
            Err(e) => Err(Status::internal(format!("cannot read the audit file: {e}"))),
        };
        call.finish(result)
    }

    async fn raft(&self, request: Request<RaftRequest>) -> Result<Response<RaftResponse>, Status> {
        let call = self.authorize(&request, Method::Raft)?;
        if request.get_ref().from != call.peer_name {
            let message = format!(
                "certificate '{}' claims to be '{}' in a Raft request",
                call.peer_name,
                request.get_ref().from
            );
            return Err(call.deny(message));
        }
        call.finish(self.handle.raft(request.into_inner()).await)
    }

    async fn inject_fault(
        &self,
        request: Request<InjectFaultRequest>,
    ) -> Result<Response<FaultState>, Status> {
        let call = self.authorize(&request, Method::InjectFault)?;
        call.finish(self.handle.inject_fault(request.into_inner()).await)
    }

    async fn clear_faults(
        &self,
        request: Request<ClearFaultsRequest>,
    ) -> Result<Response<FaultState>, Status> {
        let call = self.authorize(&request, Method::ClearFaults)?;
        call.finish(self.handle.clear_faults().await)
    }

    async fn list_byzantine_faults(
        &self,
        request: Request<ListByzantineFaultsRequest>,
    ) -> Result<Response<ListByzantineFaultsResponse>, Status> {
        let call = self.authorize(&request, Method::ListByzantineFaults)?;
        call.finish(Ok(self.handle.byzantine_faults(request.into_inner())))
    }

    async fn query_spans(
        &self,
        request: Request<QuerySpansRequest>,
    ) -> Result<Response<QuerySpansResponse>, Status> {
        let call = self.authorize(&request, Method::QuerySpans)?;
        call.finish(Ok(self.handle.query_spans(request.into_inner())))
    }

    async fn query_logs(
        &self,
        request: Request<QueryLogsRequest>,
    ) -> Result<Response<QueryLogsResponse>, Status> {
        let call = self.authorize(&request, Method::QueryLogs)?;
        call.finish(Ok(self.handle.query_logs(request.into_inner())))
    }

    async fn commit_checkpoint(
        &self,
        request: Request<CheckpointManifest>,
    ) -> Result<Response<CommitCheckpointResponse>, Status> {
        let call = self.authorize(&request, Method::CommitCheckpoint)?;
        if !call.is_coordinator() && request.get_ref().node_id != call.peer_name {
            let message = format!(
                "certificate '{}' may commit only its own checkpoints, not '{}''s",
                call.peer_name,
                request.get_ref().node_id
            );
            return Err(call.deny(message));
        }
        call.finish(self.handle.commit_checkpoint(request.into_inner()).await)
    }

    async fn replay(
        &self,
        request: Request<ReplayRequest>,
    ) -> Result<Response<ReplayResponse>, Status> {
        let call = self.authorize(&request, Method::Replay)?;
        call.finish(self.handle.replay(request.into_inner()).await)
    }

    async fn start_profile(
        &self,
        request: Request<StartProfileRequest>,
    ) -> Result<Response<ProfileSession>, Status> {
        let call = self.authorize(&request, Method::StartProfile)?;
        let r = request.into_inner();
        let result = self
            .profiler
            .start(
                r.kind(),
                r.frequency_hz,
                std::time::Duration::from_millis(r.max_duration_ms),
                &call.caller(),
            )
            .await;
        call.finish(result)
    }

    async fn stop_profile(
        &self,
        request: Request<StopProfileRequest>,
    ) -> Result<Response<ProfileSession>, Status> {
        let call = self.authorize(&request, Method::StopProfile)?;
        let r = request.into_inner();
        let reason = format!("stopped by {}", call.caller().name);
        let result = self.profiler.stop(r.kind(), reason, r.discard).await;
        call.finish(result)
    }

    async fn get_profile(
        &self,
        request: Request<GetProfileRequest>,
    ) -> Result<Response<ProfileData>, Status> {
        let call = self.authorize(&request, Method::GetProfile)?;
        let r = request.into_inner();
        let format = ProfileFormat::try_from(r.format).unwrap_or(ProfileFormat::Pprof);
        let kind = ProfileKind::try_from(r.kind).unwrap_or(ProfileKind::Cpu);
        let result = self.profiler.fetch(kind, format, &call.caller()).await;
        call.finish(result)
    }

    async fn list_profiles(
        &self,
        request: Request<ListProfilesRequest>,
    ) -> Result<Response<ListProfilesResponse>, Status> {
        let call = self.authorize(&request, Method::ListProfiles)?;
        call.finish(Ok(ListProfilesResponse {
            sessions: self.profiler.list(),
        }))
    }

    async fn ping(&self, request: Request<PingRequest>) -> Result<Response<PingResponse>, Status> {
        let call = self.authorize(&request, Method::Ping)?;
        let caller = call.peer_name.clone();
        let nonce = request.get_ref().nonce;
        let result = self.handle.ping(&caller).map(|()| PingResponse {
            node_id: self.handle.info().id,
            nonce,
        });
        call.finish(result)
    }

    async fn list_connections(
        &self,
        request: Request<ListConnectionsRequest>,
    ) -> Result<Response<ListConnectionsResponse>, Status> {
        let call = self.authorize(&request, Method::ListConnections)?;
        let mut connections = self.handle.connections().await;
        connections.extend(self.conns.list());
        call.finish(Ok(ListConnectionsResponse {
            node_id: self.handle.info().id,
            connections,
        }))
    }

    async fn measure_latency(
        &self,
        request: Request<MeasureLatencyRequest>,
    ) -> Result<Response<MeasureLatencyResponse>, Status> {
        let call = self.authorize(&request, Method::MeasureLatency)?;
        call.finish(self.handle.measure_latency(request.into_inner()).await)
    }

    async fn start_capture(
        &self,
        request: Request<StartCaptureRequest>,
    ) -> Result<Response<CaptureState>, Status> {
        let call = self.authorize(&request, Method::StartCapture)?;
        let (id, ip) = self.node_id_ip();
        let by = call.peer_name.clone();
        let result = self
            .capture()
            .start(&id, ip, &by, request.get_ref(), None)
            .await;
        call.finish(result)
    }

    async fn get_capture_status(
        &self,
        request: Request<GetCaptureStatusRequest>,
    ) -> Result<Response<CaptureState>, Status> {
        let call = self.authorize(&request, Method::GetCaptureStatus)?;
        let (id, _) = self.node_id_ip();
        call.finish(Ok(self.capture().status(&id)))
    }

    type StopCaptureStream = ChunkStream;

    async fn stop_capture(
        &self,
        request: Request<StopCaptureRequest>,
    ) -> Result<Response<Self::StopCaptureStream>, Status> {
        let call = self.authorize(&request, Method::StopCapture)?;
        let (id, _) = self.node_id_ip();
        let reason = format!("stopped by {}", call.peer_name);
        let stream = stop_stream(
            self.capture().clone(),
            id,
            reason,
            request.get_ref().discard,
        );
        call.finish(Ok(stream))
    }

    type StreamCaptureStream = ChunkStream;

    async fn stream_capture(
        &self,
        request: Request<StartCaptureRequest>,
    ) -> Result<Response<Self::StreamCaptureStream>, Status> {
        let call = self.authorize(&request, Method::StreamCapture)?;
        let (id, ip) = self.node_id_ip();
        let by = call.peer_name.clone();
        let caller = request.remote_addr();
        let mut req = request.into_inner();
        req.dry_run = false;
        let result = match self.capture().start(&id, ip, &by, &req, caller).await {
            Ok(state) => Ok(live_stream(self.capture().clone(), id, state)),
            Err(e) => Err(e),
        };
        call.finish(result)
    }

    async fn state_dump(
        &self,
        request: Request<StateDumpRequest>,
    ) -> Result<Response<StateDumpResponse>, Status> {
        let call = self.authorize(&request, Method::StateDump)?;
        call.finish(self.handle.state_dump(request.into_inner()).await)
    }

    async fn verify_checkpoint(
        &self,
        request: Request<VerifyCheckpointRequest>,
    ) -> Result<Response<VerifyCheckpointResponse>, Status> {
        let call = self.authorize(&request, Method::VerifyCheckpoint)?;
        call.finish(self.handle.verify_checkpoint(request.into_inner()).await)
    }

    async fn verify_node(
        &self,
        request: Request<VerifyNodeRequest>,
    ) -> Result<Response<VerifyNodeResponse>, Status> {
        let call = self.authorize(&request, Method::VerifyNode)?;
        call.finish(self.handle.verify_node(request.into_inner()).await)
    }

    async fn remove_member(
        &self,
        request: Request<RemoveMemberRequest>,
    ) -> Result<Response<RemoveMemberResponse>, Status> {
        let call = self.authorize(&request, Method::RemoveMember)?;
        call.finish(self.handle.remove_member(request.into_inner()).await)
    }

    async fn cluster_summary(
        &self,
        request: Request<ClusterSummaryRequest>,
    ) -> Result<Response<ClusterSummaryResponse>, Status> {
        let call = self.authorize(&request, Method::ClusterSummary)?;
        call.finish(self.handle.cluster_summary())
    }

    async fn forward_infer(
        &self,
        request: Request<ForwardInferRequest>,
    ) -> Result<Response<ForwardInferResponse>, Status> {
        let call = self.authorize(&request, Method::ForwardInfer)?;
        if !self.handle.is_member(&call.peer_name) {
            let message = format!(
                "certificate '{}' is not a current member: only members forward requests",
                call.peer_name
            );
            return Err(call.deny(message));
        }
        let caller = call.peer_name.clone();
        call.finish(
            self.handle
                .forward_infer(&caller, request.into_inner())
                .await,
        )
    }

    async fn anchor_console_record(
        &self,
        request: Request<AnchorConsoleRecordRequest>,
    ) -> Result<Response<AnchorConsoleRecordResponse>, Status> {
        // Nothing to do: the audit record of this call (with its console record) is the point.
        let call = self.authorize(&request, Method::AnchorConsoleRecord)?;
        call.finish(Ok(AnchorConsoleRecordResponse {
            node_id: self.handle.info().id,
        }))
    }
}
