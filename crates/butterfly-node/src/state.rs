//! The cluster state the coordinators replicate through Raft: membership, which compute nodes run
//! which layers, checkpoint manifests, node reputations and recorded Byzantine faults.
//!
//! Everything that changes it is a [`Command`]; applying commands in log order on every
//! coordinator gives every coordinator the same [`ReplicatedState`].

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, VecDeque};

/// Reputation a node starts with.
pub const INITIAL_REPUTATION: f64 = 1.0;
/// Below this reputation the coordinators stop routing work to a node.
pub const DEFAULT_REPUTATION_THRESHOLD: f64 = 0.5;
/// How much one confirmed Byzantine fault lowers a node's reputation.
pub const REPUTATION_PENALTY: f64 = 0.1;
/// Faults kept in the replicated state (oldest dropped first).
pub const MAX_FAULTS: usize = 1000;

/// A member as the replicated state records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberRecord {
    /// Node id.
    pub id: String,
    /// `coordinator`, `compute` or `observer`.
    pub role: String,
    /// Debug service address.
    pub debug_addr: String,
    /// HTTP address.
    pub http_addr: String,
    /// Data-plane (QUIC) address; empty when none.
    pub data_addr: String,
}

/// Evidence of one Byzantine fault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaultRecord {
    /// Unix ms when detected.
    pub at_unix_ms: i64,
    /// Request the fault happened in.
    pub request_id: String,
    /// Trace of that request.
    pub trace_id: String,
    /// Layer.
    pub layer: u32,
    /// The replica that disagreed.
    pub node_id: String,
    /// Majority output hash (hex).
    pub expected_hash: String,
    /// The disagreeing replica's hash (hex).
    pub received_hash: String,
    /// Replicas in the majority.
    pub majority: Vec<String>,
    /// Coordinator that detected it (empty in records written before this field existed).
    #[serde(default)]
    pub detected_by: String,
    /// The node's reputation once this fault was applied; set by [`ReplicatedState::apply`]
    /// (whatever the proposer put here is replaced).
    #[serde(default)]
    pub reputation_after: f64,
}

/// A committed checkpoint: content hashes of every layer's state and a root over them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckpointManifest {
    /// Monotonic checkpoint number.
    pub seq: u64,
    /// Node that wrote it.
    pub node_id: String,
    /// Layer id → SHA-256 (hex) of that layer's state.
    pub layers: BTreeMap<u32, String>,
    /// SHA-256 (hex) over the layer hashes in layer order.
    pub root: String,
    /// Unix ms.
    pub at_unix_ms: i64,
}

/// A change to the replicated state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Add or update a member.
    UpsertMember(MemberRecord),
    /// Forget a member that stopped heartbeating (the leader's member expiry).
    ExpireMember {
        /// Member id.
        id: String,
    },
    /// Replace the layer → replicas assignment.
    AssignLayers(BTreeMap<u32, Vec<String>>),
    /// Record a Byzantine fault and lower the node's reputation by [`REPUTATION_PENALTY`].
    RecordFault(FaultRecord),
    /// Set a node's reputation explicitly (operator action).
    SetReputation {
        /// Node id.
        node_id: String,
        /// New score in [0, 1].
        score: f64,
    },
    /// Commit a checkpoint manifest.
    CommitCheckpoint(CheckpointManifest),
    /// No change; used to prove a leader can commit (failover measurement, health probes).
    Noop,
}

impl Command {
    /// Short name of the command kind, for spans and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Command::UpsertMember(_) => "upsert_member",
            Command::ExpireMember { .. } => "expire_member",
            Command::AssignLayers(_) => "assign_layers",
            Command::RecordFault(_) => "record_fault",
            Command::SetReputation { .. } => "set_reputation",
            Command::CommitCheckpoint(_) => "commit_checkpoint",
            Command::Noop => "noop",
        }
    }
}

/// The state every coordinator holds after applying the same commands in the same order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplicatedState {
    /// Members by id.
    pub members: BTreeMap<String, MemberRecord>,
    /// Layer → replica node ids.
    pub assignment: BTreeMap<u32, Vec<String>>,
    /// Node id → reputation in [0, 1]; absent means [`INITIAL_REPUTATION`].
    pub reputation: BTreeMap<String, f64>,
    /// Newest last, at most [`MAX_FAULTS`].
    pub faults: Vec<FaultRecord>,
    /// Checkpoint manifests by node id (latest per node).
    pub checkpoints: BTreeMap<String, CheckpointManifest>,
    /// Commands applied (the Noop included).
    pub applied: u64,
}

impl ReplicatedState {
    /// Applies one command.
    pub fn apply(&mut self, cmd: &Command) {
        self.applied += 1;
        match cmd {
            Command::UpsertMember(m) => {
                self.members.insert(m.id.clone(), m.clone());
            }
            Command::ExpireMember { id } => {
                self.members.remove(id);
            }
            Command::AssignLayers(a) => self.assignment = a.clone(),
            Command::RecordFault(f) => {
                // Rounded to 1e-9 so repeated penalties read 0.4, not 0.40000000000000013.
                let score = (((self.reputation_of(&f.node_id) - REPUTATION_PENALTY) * 1e9).round()
                    / 1e9)
                    .max(0.0);
                self.reputation.insert(f.node_id.clone(), score);
                let mut f = f.clone();
                f.reputation_after = score;
                self.faults.push(f);
                if self.faults.len() > MAX_FAULTS {
                    let excess = self.faults.len() - MAX_FAULTS;
                    self.faults.drain(..excess);
                }
            }
            Command::SetReputation { node_id, score } => {
                self.reputation
                    .insert(node_id.clone(), score.clamp(0.0, 1.0));
            }
            Command::CommitCheckpoint(c) => {
                self.checkpoints.insert(c.node_id.clone(), c.clone());
            }
            Command::Noop => {}
        }
    }

    /// A node's reputation ([`INITIAL_REPUTATION`] when none was recorded).
    pub fn reputation_of(&self, node_id: &str) -> f64 {
        self.reputation
            .get(node_id)
            .copied()
            .unwrap_or(INITIAL_REPUTATION)
    }
}

/// The sections of the replicated state, as `state dump` names them.
pub const REPLICATED_SECTIONS: [&str; 5] = [
    "members",
    "assignment",
    "reputation",
    "faults",
    "checkpoints",
];
/// Applied indexes whose section hashes a coordinator keeps (for comparing coordinators at the
/// same index): 1024.
pub const HASH_HISTORY: usize = 1024;

/// SHA-256 (hex) of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl ReplicatedState {
    /// The canonical JSON of one replicated section (maps in key order, fields in declaration
    /// order), or `None` for an unknown name.
    pub fn section_json(&self, name: &str) -> Option<Vec<u8>> {
        let r = match name {
            "members" => serde_json::to_vec(&self.members),
            "assignment" => serde_json::to_vec(&self.assignment),
            "reputation" => serde_json::to_vec(&self.reputation),
            "faults" => serde_json::to_vec(&self.faults),
            "checkpoints" => serde_json::to_vec(&self.checkpoints),
            _ => return None,
        };
        r.ok()
    }
}

impl Command {
    /// The replicated sections applying this command changes.
    pub fn sections(&self) -> &'static [&'static str] {
        match self {
            Command::UpsertMember(_) | Command::ExpireMember { .. } => &["members"],
            Command::AssignLayers(_) => &["assignment"],
            Command::RecordFault(_) => &["reputation", "faults"],
            Command::SetReputation { .. } => &["reputation"],
            Command::CommitCheckpoint(_) => &["checkpoints"],
            Command::Noop => &[],
        }
    }
}

/// Section hashes of the replicated state now and after each of the last [`HASH_HISTORY`]
/// applied indexes; kept up to date incrementally (only the sections a command touches are
/// hashed again).
#[derive(Debug, Default)]
pub struct SectionHashes {
    current: BTreeMap<String, String>,
    history: VecDeque<(u64, BTreeMap<String, String>)>,
}

impl SectionHashes {
    /// Hashes every section of `state` again and restarts the history at `index`.
    pub fn reset(&mut self, state: &ReplicatedState, index: u64) {
        self.current = REPLICATED_SECTIONS
            .iter()
            .filter_map(|s| Some((s.to_string(), sha256_hex(&state.section_json(s)?))))
            .collect();
        self.history.clear();
        self.record(index);
    }

    /// Hashes the sections `cmd` changed (after it was applied to `state`).
    pub fn update(&mut self, state: &ReplicatedState, cmd: &Command) {
        if self.current.is_empty() {
            self.current = REPLICATED_SECTIONS
                .iter()
                .filter_map(|s| Some((s.to_string(), sha256_hex(&state.section_json(s)?))))
                .collect();
            return;
        }
        for s in cmd.sections() {
            if let Some(json) = state.section_json(s) {
                self.current.insert(s.to_string(), sha256_hex(&json));
            }
        }
    }

    /// Records the current hashes as those after applying `index`.
    pub fn record(&mut self, index: u64) {
        if self.current.is_empty() {
            self.current = REPLICATED_SECTIONS
                .iter()
                .filter_map(|s| {
                    Some((
                        s.to_string(),
                        sha256_hex(&ReplicatedState::default().section_json(s)?),
                    ))
                })
                .collect();
        }
        if self.history.back().is_some_and(|(i, _)| *i == index) {
            self.history.pop_back();
        }
        self.history.push_back((index, self.current.clone()));
        while self.history.len() > HASH_HISTORY {
            self.history.pop_front();
        }
    }

    /// The hashes after applying `index`: the newest record at or below it, when the history
    /// reaches that far back.
    pub fn at(&self, index: u64) -> Option<BTreeMap<String, String>> {
        let oldest = self.history.front()?.0;
        if index < oldest {
            return None;
        }
        self.history
            .iter()
            .rev()
            .find(|(i, _)| *i <= index)
            .map(|(_, h)| h.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_lower_reputation_and_are_bounded() {
        let mut s = ReplicatedState::default();
        let f = FaultRecord {
            at_unix_ms: 1,
            request_id: "req_1".into(),
            trace_id: "t".into(),
            layer: 2,
            node_id: "compute-4".into(),
            expected_hash: "aa".into(),
            received_hash: "bb".into(),
            majority: vec!["compute-1".into(), "compute-2".into()],
            detected_by: "coordinator-1".into(),
            reputation_after: 0.0,
        };
        for _ in 0..3 {
            s.apply(&Command::RecordFault(f.clone()));
        }
        assert!((s.reputation_of("compute-4") - 0.7).abs() < 1e-9);
        assert!((s.faults[2].reputation_after - 0.7).abs() < 1e-9);
        assert_eq!(s.reputation_of("compute-1"), INITIAL_REPUTATION);
        for _ in 0..MAX_FAULTS + 5 {
            s.apply(&Command::RecordFault(f.clone()));
        }
        assert_eq!(s.faults.len(), MAX_FAULTS);
        assert_eq!(s.reputation_of("compute-4"), 0.0);
    }

    #[test]
    fn section_hashes_follow_commands_and_history() {
        let mut s = ReplicatedState::default();
        let mut h = SectionHashes::default();
        h.reset(&s, 0);
        let before = h.at(0).unwrap();
        let cmd = Command::SetReputation {
            node_id: "compute-1".into(),
            score: 0.4,
        };
        s.apply(&cmd);
        h.update(&s, &cmd);
        h.record(1);
        h.record(2); // a blank entry: same hashes
        let after = h.at(2).unwrap();
        assert_ne!(before["reputation"], after["reputation"]);
        assert_eq!(before["members"], after["members"]);
        assert_eq!(h.at(0).unwrap(), before);
        let mut fresh = SectionHashes::default();
        fresh.reset(&s, 2);
        assert_eq!(fresh.at(2).unwrap(), after);
        assert!(fresh.at(1).is_none());
    }
}
