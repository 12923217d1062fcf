//! The coordinators' Raft group (openraft): the log of [`Command`]s that builds every
//! coordinator's [`ReplicatedState`], carried by the debug service's `Raft` RPC over mTLS.
//!
//! **Bootstrap.** Coordinators find each other through the Join membership. Every
//! [`MAINTENANCE_INTERVAL`], a coordinator that is not yet in a group asks each known coordinator
//! to add it as a voter (`FORWARD AddVoter`; followers pass it to the leader). When every known
//! coordinator answers that it is not in a group either, at least
//! [`RaftOptions::bootstrap_size`] coordinators are known (this one included), the seeds were
//! reached and this coordinator has the lowest node id, it initializes the group with all of them.
//! Later coordinators join as voters through the leader. With a data directory the log, vote
//! and snapshots are durable (`<data-dir>/raft/`, see [`disk`]): a restarted coordinator comes
//! back with its log and is caught up from where it stopped. Without one it comes back empty and
//! joins again (unsafe by Raft's rules if it had voted; the demo always gives one).
//!
//! **Removal.** `RemoveVoter` (the admin `RemoveMember` RPC, forwarded to the leader) takes a
//! coordinator out of the voters, so a dead one stops counting against the quorum.
//!
//! **Wire.** Each `Raft` RPC carries one JSON-encoded openraft request (`APPEND_ENTRIES`, `VOTE`,
//! `INSTALL_SNAPSHOT`) and answers the JSON of openraft's `Result`. `FORWARD` carries an
//! application request: `{"Propose": <Command>}`, `{"AddVoter": {"id", "addr"}}` or
//! `"ReadState"`, answered with `{"Ok": ...}` or `{"Err": "<reason>"}`.
//!
//! **Membership.** The leader proposes `UpsertMember` for every Join member whose record (role,
//! addresses) is missing from or differs in the replicated state.

mod admin;
mod disk;
mod metrics;
mod network;
mod store;
mod types;

pub use types::{raft_id, RaftNode, TypeConfig};

use crate::cluster::Cluster;
use crate::state::{Command, MemberRecord, ReplicatedState};
use butterfly_debug::proto::debug::{
    ConsensusStatus, HealthState, NodeRole, RaftKind, RaftRequest, RaftResponse,
};
use network::Network;
use openraft::error::{ClientWriteError, RaftError};
use openraft::{ChangeMembers, RaftMetrics, ServerState};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use store::{LogStore, StateMachineStore};
use tokio::sync::watch;
use tonic::{Code, Status};
use types::{Forward, ForwardReply};

/// Default interval of the leader's heartbeats: 150 ms.
pub const DEFAULT_HEARTBEAT: Duration = Duration::from_millis(150);
/// Default minimum election timeout: 500 ms; the maximum is twice the minimum. A follower also
/// honours the leader's lease (the maximum) after the last heartbeat, so a dead leader is
/// replaced after 3–4 times this (1.5–2 s by default).
pub const DEFAULT_ELECTION_TIMEOUT: Duration = Duration::from_millis(500);
/// Default number of coordinators the lowest-id one waits for before initializing the group: 1
/// (the first coordinator starts alone, the others join it as voters).
pub const DEFAULT_BOOTSTRAP_SIZE: usize = 1;
/// How often a coordinator tries to bootstrap or join, and the leader syncs the membership: 500 ms.
pub const MAINTENANCE_INTERVAL: Duration = Duration::from_millis(500);
/// Upper bound of a forwarded proposal or join request: 5 s.
pub const FORWARD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long [`RaftHandle::propose`] waits for a leader when none is known: 5 s.
pub const LEADER_WAIT: Duration = Duration::from_secs(5);
/// Bytes of snapshot per `InstallSnapshot` call (JSON-encoded, so about 4x on the wire): 256 KiB.
pub const SNAPSHOT_CHUNK_BYTES: u64 = 256 * 1024;
/// Default number of applied entries after which a coordinator snapshots its state and purges
/// the log up to the snapshot (keeping [`LOG_KEPT_AFTER_SNAPSHOT`]): 1000.
pub const DEFAULT_SNAPSHOT_EVERY: u64 = 1000;
/// Entries already in a snapshot that stay in the log (so a slightly lagging follower gets
/// entries rather than a snapshot): 200.
pub const LOG_KEPT_AFTER_SNAPSHOT: u64 = 200;
/// Openraft cluster name of the coordinators' group.
pub const RAFT_CLUSTER_NAME: &str = "butterfly-coordinators";

/// Raft settings of a coordinator.
#[derive(Clone, Debug)]
pub struct RaftOptions {
    /// Coordinators (this one included) that must be known before the lowest-id one initializes
    /// the group. Default [`DEFAULT_BOOTSTRAP_SIZE`].
    pub bootstrap_size: usize,
    /// Leader heartbeat interval. Default [`DEFAULT_HEARTBEAT`].
    pub heartbeat: Duration,
    /// Minimum election timeout; the maximum is twice this. Default [`DEFAULT_ELECTION_TIMEOUT`].
    pub election_timeout: Duration,
    /// Directory of the durable log, vote and snapshot; `None` = in memory only. Default none.
    pub data_dir: Option<PathBuf>,
    /// Snapshot after this many applied entries. Default [`DEFAULT_SNAPSHOT_EVERY`].
    pub snapshot_every: u64,
}

impl Default for RaftOptions {
    fn default() -> Self {
        Self {
            bootstrap_size: DEFAULT_BOOTSTRAP_SIZE,
            heartbeat: DEFAULT_HEARTBEAT,
            election_timeout: DEFAULT_ELECTION_TIMEOUT,
            data_dir: None,
            snapshot_every: DEFAULT_SNAPSHOT_EVERY,
        }
    }
}

/// Why a consensus operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The Raft settings are inconsistent (e.g. heartbeat not below the election timeout).
    #[error("invalid raft configuration: {0}")]
    Config(String),
    /// The Raft engine stopped.
    #[error("raft stopped: {0}")]
    Fatal(String),
    /// No leader is known (an election is running, or the group is not formed yet).
    #[error("no raft leader is known")]
    NoLeader,
    /// The request reached a coordinator that is no longer the leader.
    #[error("not the raft leader")]
    NotLeader,
    /// The engine refused the request.
    #[error("raft refused: {0}")]
    Rejected(String),
    /// Forwarding to another coordinator failed.
    #[error("forwarding to {peer} failed: {reason}")]
    Forward {
        /// Peer node id or address.
        peer: String,
        /// Why.
        reason: String,
    },
    /// The durable log could not be opened.
    #[error("cannot open the raft log in {dir}: {source}")]
    Storage {
        /// The directory.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A message could not be encoded.
    #[error("cannot encode a raft message: {0}")]
    Encode(#[from] serde_json::Error),
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn state_name(s: ServerState) -> &'static str {
    match s {
        ServerState::Leader => "leader",
        ServerState::Follower => "follower",
        ServerState::Candidate => "candidate",
        ServerState::Learner => "learner",
        ServerState::Shutdown => "shutdown",
    }
}

fn decode<T: DeserializeOwned>(payload: &[u8]) -> Result<T, Status> {
    serde_json::from_slice(payload)
        .map_err(|e| Status::invalid_argument(format!("bad raft payload: {e}")))
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Status> {
    serde_json::to_vec(value).map_err(|e| Status::internal(format!("cannot encode: {e}")))
}

type Metrics = RaftMetrics<u64, RaftNode>;

struct Inner {
    id: String,
    raft: openraft::Raft<TypeConfig>,
    metrics: watch::Receiver<Metrics>,
    log: LogStore,
    sm: StateMachineStore,
    cluster: Arc<Cluster>,
    options: RaftOptions,
    membership_change: tokio::sync::Mutex<()>,
    /// Last commit index observed and when it was first seen.
    commit_seen: Mutex<(Option<u64>, Instant)>,
}

/// A coordinator's Raft engine: propose commands, read the applied state, report status.
/// Cheap to clone.
#[derive(Clone)]
pub struct RaftHandle {
    inner: Arc<Inner>,
}

impl RaftHandle {
    /// Starts the engine for coordinator `id` (its address is read from `cluster` once the node
    /// is bound). It takes part in no group until [`RaftHandle::run`] bootstraps or joins one.
    pub async fn start(
        cluster: Arc<Cluster>,
        id: String,
        options: RaftOptions,
    ) -> Result<Self, Error> {
        let config = openraft::Config {
            cluster_name: RAFT_CLUSTER_NAME.to_string(),
            heartbeat_interval: millis(options.heartbeat),
            election_timeout_min: millis(options.election_timeout),
            election_timeout_max: millis(options.election_timeout.saturating_mul(2)),
            snapshot_max_chunk_size: SNAPSHOT_CHUNK_BYTES,
            snapshot_policy: openraft::SnapshotPolicy::LogsSinceLast(options.snapshot_every.max(1)),
            max_in_snapshot_log_to_keep: LOG_KEPT_AFTER_SNAPSHOT,
            ..Default::default()
        }
        .validate()
        .map_err(|e| Error::Config(e.to_string()))?;
        let (log, sm) = match &options.data_dir {
            None => (LogStore::default(), StateMachineStore::default()),
            Some(dir) => {
                let storage = |source| Error::Storage {
                    dir: dir.clone(),
                    source,
                };
                (
                    LogStore::open(dir).map_err(storage)?,
                    StateMachineStore::open(dir).map_err(storage)?,
                )
            }
        };
        let network = Network {
            cluster: cluster.clone(),
            from: id.clone(),
            heartbeats: Default::default(),
        };
        let raft = openraft::Raft::new(
            raft_id(&id),
            Arc::new(config),
            network,
            log.clone(),
            sm.clone(),
        )
        .await
        .map_err(|e| Error::Fatal(e.to_string()))?;
        let metrics = raft.metrics();
        Ok(Self {
            inner: Arc::new(Inner {
                id,
                raft,
                metrics,
                log,
                sm,
                cluster,
                options,
                membership_change: tokio::sync::Mutex::new(()),
                commit_seen: Mutex::new((None, Instant::now())),
            }),
        })
    }

    /// Appends `cmd` to the replicated log and waits until it is committed and applied here or
    /// on the leader; answers its log index. A follower forwards to the leader; with no leader
    /// known it waits up to [`LEADER_WAIT`] for one.
    pub async fn propose(&self, cmd: Command) -> Result<u64, Error> {
        let span = tracing::info_span!(
            "consensus.propose",
            component = "consensus",
            consensus.term = self.status().term,
            command = cmd.kind(),
        );
        let work = async {
            match self.propose_hops(cmd.clone(), 1).await {
                Err(Error::NoLeader) => {
                    self.wait_for_leader(LEADER_WAIT).await?;
                    self.propose_hops(cmd, 1).await
                }
                other => other,
            }
        };
        tracing::Instrument::instrument(work, span).await
    }

    /// A clone of the state applied on this coordinator.
    pub fn state(&self) -> ReplicatedState {
        self.inner.sm.state()
    }

    /// Term, leader, commit and applied index and role, from openraft's metrics.
    pub fn status(&self) -> ConsensusStatus {
        let m = self.inner.metrics.borrow();
        let leader_id = m
            .current_leader
            .and_then(|l| {
                m.membership_config
                    .membership()
                    .get_node(&l)
                    .map(|n| n.id.clone())
            })
            .unwrap_or_default();
        ConsensusStatus {
            term: m.current_term,
            leader_id,
            commit_index: self.inner.log.committed_index().unwrap_or(0),
            applied_index: m.last_applied.map(|l| l.index).unwrap_or(0),
            state: state_name(m.state).to_string(),
        }
    }

    /// Health of the consensus component: Degraded while no leader is known.
    pub fn health(&self) -> (HealthState, String) {
        let s = self.status();
        let commit = self.inner.log.committed_index();
        let advanced = {
            let mut seen = lock(&self.inner.commit_seen);
            if seen.0 != commit {
                *seen = (commit, Instant::now());
            }
            seen.1.elapsed().as_secs()
        };
        let position = format!(
            "term {}, commit {} (last advanced {advanced}s ago), applied {}, {}",
            s.term, s.commit_index, s.applied_index, s.state
        );
        if s.leader_id.is_empty() {
            let why = if self.initialized() {
                "no leader known (election in progress?)"
            } else {
                "not in a raft group yet (bootstrapping)"
            };
            (HealthState::Degraded, format!("{why}; {position}"))
        } else {
            (
                HealthState::Healthy,
                format!("leader {}; {position}", s.leader_id),
            )
        }
    }

    /// Bootstraps or joins the group, then (as leader) replicates the Join membership; runs
    /// until the task is dropped.
    pub async fn run(self) {
        let mut tick = tokio::time::interval(MAINTENANCE_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if !self.initialized() {
                self.try_bootstrap().await;
            } else if self.is_leader() {
                self.sync_members().await;
            }
        }
    }

    /// Stops the engine.
    pub async fn shutdown(&self) {
        if let Err(e) = self.inner.raft.shutdown().await {
            tracing::warn!(error = %e, "raft shutdown");
        }
    }

    /// Answers a `Raft` RPC from another coordinator.
    pub async fn serve(&self, request: RaftRequest) -> Result<RaftResponse, Status> {
        let raft = &self.inner.raft;
        let kind = RaftKind::try_from(request.kind)
            .map_err(|_| Status::invalid_argument(format!("unknown raft kind {}", request.kind)))?;
        self.check_sender(kind, &request)?;
        let payload = match kind {
            RaftKind::AppendEntries => {
                encode(&raft.append_entries(decode(&request.payload)?).await)?
            }
            RaftKind::Vote => {
                let span = tracing::info_span!(
                    "consensus.vote",
                    component = "consensus",
                    consensus.term = self.status().term,
                    candidate = %request.from,
                );
                let vote =
                    tracing::Instrument::instrument(raft.vote(decode(&request.payload)?), span);
                encode(&vote.await)?
            }
            RaftKind::InstallSnapshot => {
                encode(&raft.install_snapshot(decode(&request.payload)?).await)?
            }
            RaftKind::Forward => {
                let forward: Forward = decode(&request.payload)?;
                let reply = self
                    .handle_forward(forward)
                    .await
                    .map_err(|e| e.to_string());
                encode(&reply)?
            }
            RaftKind::Unspecified => {
                return Err(Status::invalid_argument("raft kind is unspecified"));
            }
        };
        Ok(RaftResponse { payload })
    }

    /// Identity rules for consensus traffic. The debug service already checked that the caller's
    /// certificate has the `coordinator` role and that its CN equals `request.from`. Here: once
    /// the group is initialized, only current voters may send AppendEntries/Vote/InstallSnapshot
    /// or forward; a pristine coordinator may only ask to add itself (`AddVoter` of its own id).
    /// Forwarded proposals that change membership, assignments or reputations explicitly
    /// (`UpsertMember`, `AssignLayers`, `SetReputation`) are refused: those come only from the
    /// leader's own logic. Refusals are `PermissionDenied` (audited by the debug service).
    fn check_sender(&self, kind: RaftKind, request: &RaftRequest) -> Result<(), Status> {
        let from = request.from.as_str();
        let voters: Vec<u64> = self
            .inner
            .metrics
            .borrow()
            .membership_config
            .membership()
            .voter_ids()
            .collect();
        let is_voter = voters.contains(&raft_id(from));
        if kind == RaftKind::Forward {
            let forward: Forward = decode(&request.payload)?;
            return match forward {
                Forward::AddVoter(node) if node.id == from => Ok(()),
                Forward::AddVoter(node) => Err(Status::permission_denied(format!(
                    "'{from}' may only ask to add itself as a voter, not '{}'",
                    node.id
                ))),
                _ if !is_voter => Err(Status::permission_denied(format!(
                    "'{from}' is not a voting coordinator"
                ))),
                Forward::Propose(
                    cmd @ (Command::UpsertMember(_)
                    | Command::ExpireMember { .. }
                    | Command::AssignLayers(_)
                    | Command::SetReputation { .. }),
                ) => Err(Status::permission_denied(format!(
                    "forwarded {} refused: membership, assignments and reputations change only \
                     by the leader's own logic",
                    cmd.kind()
                ))),
                _ => Ok(()),
            };
        }
        if !voters.is_empty() && !is_voter {
            return Err(Status::permission_denied(format!(
                "'{from}' is not a voting coordinator"
            )));
        }
        Ok(())
    }

    /// This coordinator as a membership entry (its address as bound).
    fn self_node(&self) -> RaftNode {
        RaftNode {
            id: self.inner.id.clone(),
            addr: self
                .inner
                .cluster
                .member_addr(&self.inner.id)
                .unwrap_or_default(),
        }
    }

    fn initialized(&self) -> bool {
        self.inner
            .metrics
            .borrow()
            .membership_config
            .membership()
            .voter_ids()
            .next()
            .is_some()
    }

    fn is_leader(&self) -> bool {
        let m = self.inner.metrics.borrow();
        m.state == ServerState::Leader && m.current_leader == Some(raft_id(&self.inner.id))
    }

    async fn wait_for_leader(&self, timeout: Duration) -> Result<(), Error> {
        self.inner
            .raft
            .wait(Some(timeout))
            .metrics(|m| m.current_leader.is_some(), "a leader is known")
            .await
            .map(|_| ())
            .map_err(|_| Error::NoLeader)
    }

    /// The leader's address per the latest metrics, when another coordinator leads.
    fn leader_node(&self) -> Option<RaftNode> {
        let m = self.inner.metrics.borrow();
        let leader = m.current_leader?;
        m.membership_config.membership().get_node(&leader).cloned()
    }

    fn addr_of(&self, node: &RaftNode) -> String {
        self.inner
            .cluster
            .member_addr(&node.id)
            .unwrap_or_else(|| node.addr.clone())
    }

    async fn propose_hops(&self, cmd: Command, hops: u8) -> Result<u64, Error> {
        match self.inner.raft.client_write(cmd.clone()).await {
            Ok(resp) => Ok(resp.log_id.index),
            Err(RaftError::APIError(ClientWriteError::ForwardToLeader(f))) => {
                let Some(leader) = f.leader_node else {
                    return Err(Error::NoLeader);
                };
                if hops == 0 || leader.id == self.inner.id {
                    return Err(Error::NotLeader);
                }
                match self.forward(&leader, &Forward::Propose(cmd)).await? {
                    ForwardReply::Proposed { index } => Ok(index),
                    other => Err(Error::Forward {
                        peer: leader.id,
                        reason: format!("unexpected reply {other:?}"),
                    }),
                }
            }
            Err(RaftError::APIError(e)) => Err(Error::Rejected(e.to_string())),
            Err(RaftError::Fatal(e)) => Err(Error::Fatal(e.to_string())),
        }
    }

    /// Sends a [`Forward`] to `node`, mapping transport failures to [`Error::Forward`].
    async fn forward(&self, node: &RaftNode, forward: &Forward) -> Result<ForwardReply, Error> {
        let addr = self.addr_of(node);
        self.forward_addr(Some(&node.id), &addr, forward)
            .await
            .map_err(|status| Error::Forward {
                peer: node.id.clone(),
                reason: status.message().to_string(),
            })?
            .map_err(|reason| Error::Forward {
                peer: node.id.clone(),
                reason,
            })
    }

    async fn forward_addr(
        &self,
        expect: Option<&str>,
        addr: &str,
        forward: &Forward,
    ) -> Result<Result<ForwardReply, String>, Status> {
        let payload = encode(forward)?;
        let bytes = network::send(
            &self.inner.cluster,
            &self.inner.id,
            expect,
            addr,
            RaftKind::Forward,
            payload,
            FORWARD_TIMEOUT,
        )
        .await?;
        serde_json::from_slice(&bytes)
            .map_err(|e| Status::internal(format!("bad forward reply from {addr}: {e}")))
    }

    async fn handle_forward(&self, forward: Forward) -> Result<ForwardReply, Error> {
        match forward {
            Forward::Propose(cmd) => self
                .propose_hops(cmd, 0)
                .await
                .map(|index| ForwardReply::Proposed { index }),
            Forward::ReadState => Ok(ForwardReply::State(Box::new(self.state()))),
            Forward::RemoveVoter(id) => {
                if self.is_leader() {
                    self.remove_voter_here(&id).await
                } else {
                    let leader = self.leader_node().ok_or(Error::NoLeader)?;
                    if leader.id == self.inner.id {
                        return Err(Error::NotLeader);
                    }
                    self.forward(&leader, &Forward::RemoveVoter(id)).await
                }
            }
            Forward::AddVoter(node) => {
                if !self.initialized() {
                    return Ok(ForwardReply::NotInitialized);
                }
                if self.is_leader() {
                    self.add_voter(node).await
                } else {
                    let leader = self.leader_node().ok_or(Error::NoLeader)?;
                    if leader.id == self.inner.id {
                        return Err(Error::NotLeader);
                    }
                    self.forward(&leader, &Forward::AddVoter(node)).await
                }
            }
        }
    }

    /// On the leader: makes `node` a voter (learner first, so it catches up before voting).
    async fn add_voter(&self, node: RaftNode) -> Result<ForwardReply, Error> {
        let _serial = self.inner.membership_change.lock().await;
        let id = raft_id(&node.id);
        let is_voter = self
            .inner
            .metrics
            .borrow()
            .membership_config
            .membership()
            .voter_ids()
            .any(|v| v == id);
        if is_voter {
            return Ok(ForwardReply::Added);
        }
        let raft = &self.inner.raft;
        let refused = |e: RaftError<u64, ClientWriteError<u64, RaftNode>>| match e {
            RaftError::APIError(ClientWriteError::ForwardToLeader(_)) => Error::NotLeader,
            RaftError::APIError(e) => Error::Rejected(e.to_string()),
            RaftError::Fatal(e) => Error::Fatal(e.to_string()),
        };
        tracing::info!(coordinator = %node.id, raft_id = id, "adding a raft voter");
        raft.add_learner(id, node.clone(), true)
            .await
            .map_err(refused)?;
        raft.change_membership(ChangeMembers::AddVoterIds(BTreeSet::from([id])), false)
            .await
            .map_err(refused)?;
        tracing::info!(coordinator = %node.id, "raft voter added");
        Ok(ForwardReply::Added)
    }

    /// Known coordinators other than this one, with a debug address.
    fn other_coordinators(&self) -> Vec<(String, String)> {
        self.inner
            .cluster
            .members()
            .into_iter()
            .filter(|m| m.role == NodeRole::Coordinator as i32)
            .filter(|m| m.id != self.inner.id && !m.debug_addr.is_empty())
            .map(|m| (m.id, m.debug_addr))
            .collect()
    }

    async fn try_bootstrap(&self) {
        let me = self.self_node();
        if me.addr.is_empty() || !self.inner.cluster.seeds_reached() {
            return;
        }
        let peers = self.other_coordinators();
        let ask = Forward::AddVoter(me.clone());
        let mut pristine = BTreeMap::new();
        let mut undecided = false;
        for (id, addr) in &peers {
            match self.forward_addr(None, addr, &ask).await {
                Ok(Ok(ForwardReply::Added)) => {
                    tracing::info!(via = %id, "joined the raft group");
                    return;
                }
                Ok(Ok(ForwardReply::NotInitialized)) => {
                    pristine.insert(
                        raft_id(id),
                        RaftNode {
                            id: id.clone(),
                            addr: addr.clone(),
                        },
                    );
                }
                // A coordinator without a consensus engine (e.g. a swarm's virtual one).
                Err(status) if status.code() == Code::Unimplemented => {}
                Ok(Ok(other)) => {
                    tracing::debug!(peer = %id, reply = ?other, "unexpected join reply");
                    undecided = true;
                }
                Ok(Err(reason)) => {
                    tracing::debug!(peer = %id, %reason, "raft join refused");
                    undecided = true;
                }
                Err(status) => {
                    tracing::debug!(peer = %id, error = %status.message(), "raft join failed");
                    undecided = true;
                }
            }
        }
        let lowest = pristine.values().all(|n| n.id > self.inner.id);
        if undecided || !lowest || pristine.len() + 1 < self.inner.options.bootstrap_size {
            return;
        }
        pristine.insert(raft_id(&me.id), me);
        let ids: Vec<&str> = pristine.values().map(|n| n.id.as_str()).collect();
        tracing::info!(voters = ?ids, "initializing the raft group");
        if let Err(e) = self.inner.raft.initialize(pristine).await {
            tracing::warn!(error = %e, "raft initialize");
        }
    }

    /// On the leader: proposes `UpsertMember` for every Join member not replicated as it is,
    /// and `ExpireMember` for every replicated member its view expired (once the leader has run
    /// longer than the member expiry, so members it has not heard from yet are not dropped).
    async fn sync_members(&self) {
        let state = self.state();
        let live = self.inner.cluster.members();
        if self.inner.cluster.expiry_settled() {
            let gone: Vec<String> = state
                .members
                .keys()
                .filter(|id| !live.iter().any(|m| &m.id == *id))
                .cloned()
                .collect();
            for id in gone {
                tracing::info!(member = %id, "member expired: removing it from the replicated state");
                if let Err(e) = self
                    .propose_hops(Command::ExpireMember { id: id.clone() }, 0)
                    .await
                {
                    tracing::debug!(member = %id, error = %e, "cannot expire member");
                    return;
                }
            }
        }
        for m in live {
            let record = MemberRecord {
                role: NodeRole::try_from(m.role)
                    .unwrap_or(NodeRole::Unspecified)
                    .short_name()
                    .to_string(),
                id: m.id,
                debug_addr: m.debug_addr,
                http_addr: m.http_addr,
                data_addr: m.data_addr,
            };
            if state.members.get(&record.id) == Some(&record) {
                continue;
            }
            let id = record.id.clone();
            if let Err(e) = self.propose_hops(Command::UpsertMember(record), 0).await {
                tracing::debug!(member = %id, error = %e, "cannot replicate member");
                return;
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}
