//! [`NodeHandle`]: what the host node provides to the debug service.

use butterfly_proto::debug::*;
use std::future::Future;
use tonic::Status;

/// What the host node provides to the debug service. Methods are called per RPC or probe, so
/// they should be cheap; the async ones may await the node's own state.
///
/// New RPCs add methods here with a default implementation, so existing hosts keep compiling.
pub trait NodeHandle: Send + Sync + 'static {
    /// Identity of the node (`GetNodeInfo`).
    fn info(&self) -> NodeInfo;
    /// Health summary, consensus position and load (`GetStatus`). The debug service fills in
    /// `load.debug_connections` itself.
    fn status(&self) -> NodeStatus;
    /// Known members, the node itself included (`ListMembers`).
    fn members(&self) -> Vec<Member>;
    /// Component-by-component health (`DeepHealth`, `/health/deep`).
    fn deep_health(&self) -> impl Future<Output = DeepHealthResponse> + Send;
    /// Members announce themselves; answers the membership this node knows (`Join`).
    fn join(&self, members: Vec<Member>) -> impl Future<Output = Vec<Member>> + Send;
    /// Whether the node can take work (`/health/ready`).
    fn ready(&self) -> bool;
    /// Whether the node finished starting (`/health/startup`).
    fn started(&self) -> bool;

    /// Consensus traffic from another coordinator (`Raft`). Default: this node runs no
    /// consensus engine.
    fn raft(
        &self,
        request: RaftRequest,
    ) -> impl Future<Output = Result<RaftResponse, Status>> + Send {
        let _ = request;
        async { Err(Status::unimplemented("this node runs no consensus engine")) }
    }
    /// Starts a fault (`InjectFault`). Default: fault injection is not available.
    fn inject_fault(
        &self,
        request: InjectFaultRequest,
    ) -> impl Future<Output = Result<FaultState, Status>> + Send {
        let _ = request;
        async {
            Err(Status::failed_precondition(
                "this node does not support fault injection",
            ))
        }
    }
    /// Clears every fault (`ClearFaults`). Default: fault injection is not available.
    fn clear_faults(&self) -> impl Future<Output = Result<FaultState, Status>> + Send {
        async {
            Err(Status::failed_precondition(
                "this node does not support fault injection",
            ))
        }
    }
    /// Byzantine faults recorded in the replicated state this node applied, newest last, with
    /// the total matching and the applied count (`ListByzantineFaults`). Default: none.
    fn byzantine_faults(&self, request: ListByzantineFaultsRequest) -> ListByzantineFaultsResponse {
        let _ = request;
        ListByzantineFaultsResponse::default()
    }
    /// Spans from the node's ring buffer (`QuerySpans`). Default: none kept.
    fn query_spans(&self, request: QuerySpansRequest) -> QuerySpansResponse {
        let _ = request;
        QuerySpansResponse::default()
    }
    /// A compute node's checkpoint manifest to commit (`CommitCheckpoint`). Default: this node
    /// runs no consensus engine.
    fn commit_checkpoint(
        &self,
        manifest: CheckpointManifest,
    ) -> impl Future<Output = Result<CommitCheckpointResponse, Status>> + Send {
        let _ = manifest;
        async { Err(Status::unimplemented("this node runs no consensus engine")) }
    }
    /// Log entries from the node's ring buffer (`QueryLogs`). Default: none kept.
    fn query_logs(&self, request: QueryLogsRequest) -> QueryLogsResponse {
        let _ = request;
        QueryLogsResponse::default()
    }
    /// Runs a recorded request again (`Replay`). Default: this node serves no requests.
    fn replay(
        &self,
        request: ReplayRequest,
    ) -> impl Future<Output = Result<ReplayResponse, Status>> + Send {
        let _ = request;
        async {
            Err(Status::unimplemented(
                "this node serves no inference requests",
            ))
        }
    }
    /// Whether this node answers a `Ping` from `caller` (the CN of its certificate); an error
    /// (e.g. an injected partition) is what the caller sees. Default: always answers.
    fn ping(&self, caller: &str) -> Result<(), Status> {
        let _ = caller;
        Ok(())
    }
    /// The node's own connections and links (`ListConnections`; the debug service adds its
    /// callers). Default: none.
    fn connections(&self) -> impl Future<Output = Vec<Connection>> + Send {
        async { Vec::new() }
    }
    /// Pings the peers and answers this node's row of the latency matrix (`MeasureLatency`).
    /// Default: not available.
    fn measure_latency(
        &self,
        request: MeasureLatencyRequest,
    ) -> impl Future<Output = Result<MeasureLatencyResponse, Status>> + Send {
        let _ = request;
        async {
            Err(Status::unimplemented(
                "this node does not measure its links",
            ))
        }
    }
    /// The node's state as hashed sections (`StateDump`).
    fn state_dump(
        &self,
        request: StateDumpRequest,
    ) -> impl Future<Output = Result<StateDumpResponse, Status>> + Send {
        let _ = request;
        async { Err(Status::unimplemented("this node cannot dump its state")) }
    }
    /// Re-hashes the node's checkpoint (`VerifyCheckpoint`).
    fn verify_checkpoint(
        &self,
        request: VerifyCheckpointRequest,
    ) -> impl Future<Output = Result<VerifyCheckpointResponse, Status>> + Send {
        let _ = request;
        async { Err(Status::unimplemented("this node keeps no checkpoints")) }
    }
    /// Probes a node against honest replicas (`VerifyNode`).
    fn verify_node(
        &self,
        request: VerifyNodeRequest,
    ) -> impl Future<Output = Result<VerifyNodeResponse, Status>> + Send {
        let _ = request;
        async { Err(Status::unimplemented("only coordinators probe nodes")) }
    }
    /// Takes a coordinator out of the Raft voters (`RemoveMember`).
    fn remove_member(
        &self,
        request: RemoveMemberRequest,
    ) -> impl Future<Output = Result<RemoveMemberResponse, Status>> + Send {
        let _ = request;
        async { Err(Status::unimplemented("this node runs no consensus engine")) }
    }
    /// Every member with its heartbeat summary (`ClusterSummary`); coordinators only.
    fn cluster_summary(&self) -> Result<ClusterSummaryResponse, Status> {
        Err(Status::failed_precondition(
            "only coordinators keep member summaries (ask a coordinator)",
        ))
    }
    /// Whether `id` is a current member (`ForwardInfer` callers must be). Default: no one.
    fn is_member(&self, id: &str) -> bool {
        let _ = id;
        false
    }
    /// Serves a request a follower (`caller`, the certificate's CN) forwarded (`ForwardInfer`),
    /// locally, never forwarding it again. Default: this node serves no requests.
    fn forward_infer(
        &self,
        caller: &str,
        request: ForwardInferRequest,
    ) -> impl Future<Output = Result<ForwardInferResponse, Status>> + Send {
        let _ = (caller, request);
        async {
            Err(Status::unimplemented(
                "this node serves no inference requests",
            ))
        }
    }
}
