//! Openraft type configuration, node ids and the wire messages of the `Raft` RPC.

use crate::state::{Command, ReplicatedState};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// A coordinator as the Raft membership records it: its Butterfly node id and the debug-service
/// address it had when it joined (peers re-resolve the address from the Join membership first,
/// so a restarted coordinator on a new port stays reachable).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaftNode {
    /// Butterfly node id, e.g. `coordinator-1`.
    pub id: String,
    /// Debug-service address (`HOST:PORT`) of the `Raft` RPC.
    pub addr: String,
}

openraft::declare_raft_types!(
    /// Openraft types of the coordinators' group: [`Command`]s in the log, `u64` node ids
    /// ([`raft_id`]), [`RaftNode`] membership entries, JSON snapshots in memory.
    pub TypeConfig:
        D = Command,
        R = (),
        NodeId = u64,
        Node = RaftNode,
        SnapshotData = Cursor<Vec<u8>>,
);

/// The numeric openraft id of a Butterfly node id: 64-bit FNV-1a of its UTF-8 bytes, so every
/// coordinator derives the same number from the same string without coordination.
pub fn raft_id(node_id: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    node_id
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// An application request carried by `RaftKind::FORWARD`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum Forward {
    /// Append a command (sent to the leader by a follower).
    Propose(Command),
    /// A pristine coordinator asks to join the group as a voter.
    AddVoter(RaftNode),
    /// Read the state applied on the answering coordinator (diagnostics; JSON `"ReadState"`).
    ReadState,
    /// Take this coordinator (node id) out of the voters (admin `RemoveMember`).
    RemoveVoter(String),
}

/// The answer to a [`Forward`].
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum ForwardReply {
    /// The command is committed at this log index.
    Proposed {
        /// Log index.
        index: u64,
    },
    /// The coordinator is a voter of the group.
    Added,
    /// The answering coordinator is not part of an initialized group yet.
    NotInitialized,
    /// The state applied on the answering coordinator.
    State(Box<ReplicatedState>),
    /// The coordinator is no longer a voter; the voters now.
    Removed {
        /// Node ids of the voters after the change.
        voters: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raft_ids_are_stable_and_distinct() {
        assert_eq!(raft_id(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(raft_id("a"), 0xaf63_dc4c_8601_ec8c);
        let ids: std::collections::BTreeSet<u64> = (1..=100)
            .map(|i| raft_id(&format!("coordinator-{i}")))
            .collect();
        assert_eq!(ids.len(), 100);
    }
}
