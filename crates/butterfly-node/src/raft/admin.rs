//! Operator-facing parts of the Raft engine: removing a voter, the `consensus` section of
//! `state dump`, reading the state at an applied index, and the `tamper-state` fault.

use super::types::{Forward, ForwardReply};
use super::{raft_id, Error, RaftHandle};
use crate::state::ReplicatedState;
use openraft::error::{ClientWriteError, RaftError};
use openraft::ChangeMembers;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

impl RaftHandle {
    /// Node ids of the voters in the latest membership this coordinator knows.
    pub fn voters(&self) -> Vec<String> {
        let m = self.inner.metrics.borrow();
        let membership = m.membership_config.membership();
        membership
            .voter_ids()
            .map(|v| {
                membership
                    .get_node(&v)
                    .map_or_else(|| v.to_string(), |n| n.id.clone())
            })
            .collect()
    }

    /// Takes coordinator `node_id` out of the voters (through the leader); answers the voters
    /// after the change.
    pub async fn remove_voter(&self, node_id: &str) -> Result<Vec<String>, Error> {
        let reply = if self.is_leader() {
            self.remove_voter_here(node_id).await?
        } else {
            let leader = self.leader_node().ok_or(Error::NoLeader)?;
            self.forward(&leader, &Forward::RemoveVoter(node_id.to_string()))
                .await?
        };
        match reply {
            ForwardReply::Removed { voters } => Ok(voters),
            other => Err(Error::Rejected(format!("unexpected reply {other:?}"))),
        }
    }

    /// On the leader: the membership change removing `node_id`.
    pub(super) async fn remove_voter_here(&self, node_id: &str) -> Result<ForwardReply, Error> {
        let _serial = self.inner.membership_change.lock().await;
        let id = raft_id(node_id);
        let voters = self.voters();
        if !voters.iter().any(|v| v == node_id) {
            return Err(Error::Rejected(format!(
                "{node_id} is not a voter (voters: {})",
                voters.join(", ")
            )));
        }
        if voters.len() == 1 {
            return Err(Error::Rejected(format!(
                "{node_id} is the last voter; the group cannot lose it"
            )));
        }
        tracing::warn!(coordinator = %node_id, "removing a raft voter");
        self.inner
            .raft
            .change_membership(ChangeMembers::RemoveVoters(BTreeSet::from([id])), false)
            .await
            .map_err(|e| match e {
                RaftError::APIError(ClientWriteError::ForwardToLeader(_)) => Error::NotLeader,
                RaftError::APIError(e) => Error::Rejected(e.to_string()),
                RaftError::Fatal(e) => Error::Fatal(e.to_string()),
            })?;
        let voters = self.voters();
        tracing::warn!(coordinator = %node_id, voters = ?voters, "raft voter removed");
        Ok(ForwardReply::Removed { voters })
    }

    /// The `consensus` section of `state dump`: term, vote, leader, commit and applied index,
    /// last log id, snapshot, membership and the log's footprint.
    pub fn consensus_section(&self) -> Value {
        let status = self.status();
        let (entries, first, file_bytes) = self.inner.log.footprint();
        let (last, purged) = self.inner.log.last_ids();
        let vote = self.inner.log.vote();
        let names: BTreeMap<u64, String> = {
            let m = self.inner.metrics.borrow();
            m.membership_config
                .membership()
                .nodes()
                .map(|(k, n)| (*k, n.id.clone()))
                .collect()
        };
        let name = |id: u64| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
        let learners: Vec<String> = {
            let m = self.inner.metrics.borrow();
            m.membership_config
                .membership()
                .learner_ids()
                .map(&name)
                .collect()
        };
        let snapshot = self.inner.sm.snapshot_info().map(|(id, bytes, sid)| {
            json!({"last_index": id.map(|l| l.index), "last_term": id.map(|l| l.leader_id.term), "bytes": bytes, "id": sid})
        });
        json!({
            "term": status.term,
            "state": status.state,
            "leader": status.leader_id,
            "vote": vote.map(|v| json!({
                "term": v.leader_id.term,
                "for": name(v.leader_id.node_id),
                "committed": v.committed,
            })),
            "commit_index": status.commit_index,
            "applied_index": status.applied_index,
            "last_log": last.map(|l| json!({"index": l.index, "term": l.leader_id.term})),
            "purged": purged.map(|l| json!({"index": l.index, "term": l.leader_id.term})),
            "snapshot": snapshot,
            "voters": self.voters(),
            "learners": learners,
            "log": {
                "durable": self.inner.log.durable(),
                "entries_held": entries,
                "first_index": first,
                "file_bytes": file_bytes,
            },
        })
    }

    /// The applied state, its applied index, and the section hashes after `at_index` (when
    /// the history reaches it); with `wait_for`, first waits up to `timeout` until `wait_for`
    /// is applied.
    pub async fn read_state(
        &self,
        at_index: Option<u64>,
        wait_for: Option<u64>,
        timeout: Duration,
    ) -> (ReplicatedState, u64, Option<BTreeMap<String, String>>) {
        if let Some(index) = wait_for.filter(|i| *i > 0) {
            let _ = self
                .inner
                .raft
                .wait(Some(timeout))
                .applied_index_at_least(Some(index), "state dump: catching up")
                .await;
        }
        self.inner.sm.read(at_index)
    }

    /// Changes this coordinator's copy of the replicated state outside the log (the
    /// `tamper-state:<node>` fault sets `<node>`'s reputation to 0 here only).
    pub fn tamper_reputation(&self, node_id: &str) {
        tracing::error!(node = %node_id, "injected fault: replicated state tampered with locally");
        self.inner.sm.tamper(|s| {
            s.reputation.insert(node_id.to_string(), 0.0);
        });
    }
}
