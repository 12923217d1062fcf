//! Openraft's network over the `Raft` RPC of the debug service (mTLS, node certificate).

use super::metrics::Heartbeats;
use super::types::{RaftNode, TypeConfig};
use crate::cluster::Cluster;
use butterfly_debug::proto::debug::{RaftKind, RaftRequest};
use openraft::error::{
    InstallSnapshotError, NetworkError, RPCError, RaftError, RemoteError, Unreachable,
};
use openraft::network::RPCOption;
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};
use openraft::{RaftNetwork, RaftNetworkFactory};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tonic::{Code, Status};

type NodeId = u64;

/// Sends one `Raft` RPC to `addr` and returns the response payload. With `expect`, the answering
/// certificate must name that node (see [`Cluster::client_for`]).
pub(crate) async fn send(
    cluster: &Cluster,
    from: &str,
    expect: Option<&str>,
    addr: &str,
    kind: RaftKind,
    payload: Vec<u8>,
    timeout: Duration,
) -> Result<Vec<u8>, Status> {
    if let Some(peer) = cluster.partitioned_addr(addr) {
        let text = format!("partitioned from {peer} (injected fault)");
        cluster.links.record("consensus", &peer, addr, Err(&text));
        return Err(Status::unavailable(text));
    }
    let Some(mut client) = cluster.client_for(addr, expect) else {
        return Err(Status::invalid_argument(format!(
            "invalid peer address {addr:?}"
        )));
    };
    let mut request = tonic::Request::new(RaftRequest {
        kind: kind as i32,
        from: from.to_string(),
        payload,
    });
    request.set_timeout(timeout);
    let started = std::time::Instant::now();
    let result = client.raft(request).await;
    // The consensus link as `connections list` shows it.
    let peer = cluster.id_at(addr);
    match &result {
        Ok(_) => cluster
            .links
            .record("consensus", &peer, addr, Ok(started.elapsed())),
        Err(status) => {
            let text = crate::links::status_text(status);
            cluster.links.record("consensus", &peer, addr, Err(&text));
        }
    }
    Ok(result?.into_inner().payload)
}

/// Creates a [`Peer`] per target; addresses are resolved at each call.
pub(crate) struct Network {
    pub(crate) cluster: Arc<Cluster>,
    pub(crate) from: String,
    /// Heartbeat outcomes per peer (failure counter, `heartbeat to <peer> failed` log).
    pub(crate) heartbeats: Arc<Heartbeats>,
}

impl RaftNetworkFactory<TypeConfig> for Network {
    type Network = Peer;

    async fn new_client(&mut self, target: NodeId, node: &RaftNode) -> Peer {
        Peer {
            cluster: self.cluster.clone(),
            from: self.from.clone(),
            target,
            node: node.clone(),
            heartbeats: self.heartbeats.clone(),
        }
    }
}

/// The connection to one coordinator (pooled by [`Cluster`]).
pub(crate) struct Peer {
    cluster: Arc<Cluster>,
    from: String,
    target: NodeId,
    node: RaftNode,
    heartbeats: Arc<Heartbeats>,
}

impl Peer {
    /// The address the Join membership knows now, else the one recorded in the Raft membership.
    fn addr(&self) -> String {
        self.cluster
            .member_addr(&self.node.id)
            .unwrap_or_else(|| self.node.addr.clone())
    }

    async fn call<Req, Resp, E>(
        &self,
        kind: RaftKind,
        req: &Req,
        option: &RPCOption,
    ) -> Result<Resp, RPCError<NodeId, RaftNode, RaftError<NodeId, E>>>
    where
        Req: Serialize,
        Resp: DeserializeOwned,
        E: std::error::Error + DeserializeOwned,
    {
        let payload =
            serde_json::to_vec(req).map_err(|e| RPCError::Network(NetworkError::new(&e)))?;
        let bytes = send(
            &self.cluster,
            &self.from,
            Some(&self.node.id),
            &self.addr(),
            kind,
            payload,
            option.hard_ttl(),
        )
        .await
        .map_err(|status| match status.code() {
            Code::Unavailable | Code::DeadlineExceeded | Code::Unimplemented => {
                RPCError::Unreachable(Unreachable::new(&status))
            }
            _ => RPCError::Network(NetworkError::new(&status)),
        })?;
        let result: Result<Resp, RaftError<NodeId, E>> =
            serde_json::from_slice(&bytes).map_err(|e| RPCError::Network(NetworkError::new(&e)))?;
        result.map_err(|e| {
            RPCError::RemoteError(RemoteError::new_with_node(
                self.target,
                self.node.clone(),
                e,
            ))
        })
    }
}

impl RaftNetwork<TypeConfig> for Peer {
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<TypeConfig>,
        option: RPCOption,
    ) -> Result<AppendEntriesResponse<NodeId>, RPCError<NodeId, RaftNode, RaftError<NodeId>>> {
        // AppendEntries is also the leader's heartbeat: a call without an answer is a failed
        // heartbeat to that peer; a Raft-level refusal is an answer.
        let result = self.call(RaftKind::AppendEntries, &rpc, &option).await;
        match &result {
            Err(e @ (RPCError::Unreachable(_) | RPCError::Network(_) | RPCError::Timeout(_))) => {
                self.heartbeats.failed(&self.cluster, &self.node.id, e)
            }
            _ => self.heartbeats.answered(&self.node.id),
        }
        result
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<TypeConfig>,
        option: RPCOption,
    ) -> Result<
        InstallSnapshotResponse<NodeId>,
        RPCError<NodeId, RaftNode, RaftError<NodeId, InstallSnapshotError>>,
    > {
        self.call(RaftKind::InstallSnapshot, &rpc, &option).await
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<NodeId>,
        option: RPCOption,
    ) -> Result<VoteResponse<NodeId>, RPCError<NodeId, RaftNode, RaftError<NodeId>>> {
        self.call(RaftKind::Vote, &rpc, &option).await
    }
}
