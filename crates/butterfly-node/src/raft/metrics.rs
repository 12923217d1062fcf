//! Consensus metrics of a coordinator, read from openraft's metrics watch (`Raft::metrics()`),
//! and the heartbeat failures seen by the network layer.
//!
//! * `butterfly_consensus_term`: the term of every update.
//! * `butterfly_consensus_has_leader`: 1 while a leader of the current term is known.
//! * `butterfly_consensus_elections_total`: +1 for each term in which this node voted for itself
//!   (it started that election); openraft coalesces quick updates, so two elections started
//!   between two updates count once.
//! * `butterfly_consensus_proposals_total`: log entries this node appended as leader (client
//!   writes it served or that followers forwarded, membership changes, the leader's blank entry
//!   of a new term): the growth of its last log index while it leads.
//! * `butterfly_consensus_commits_total`: log entries committed and applied on this node: the
//!   growth of its last applied index (every coordinator, leader or follower).
//! * `butterfly_consensus_heartbeat_failures_total{node_id}`: AppendEntries calls (the leader's
//!   heartbeats and replication) to `node_id` that got no answer; the series of every other
//!   voter exists from the moment it is known, at 0. The first failure after a success is logged
//!   as `heartbeat to <peer> failed` (component `consensus`, WARN), then at most once per
//!   [`HEARTBEAT_LOG_INTERVAL`] while it keeps failing; the recovery is logged too.

use super::{raft_id, RaftHandle};
use crate::cluster::Cluster;
use butterfly_telemetry::Metrics;
use openraft::ServerState;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Shortest time between two `heartbeat to <peer> failed` lines for one failing peer: 5 s.
pub const HEARTBEAT_LOG_INTERVAL: Duration = Duration::from_secs(5);

/// What one update of openraft's metrics changes in ours.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counted {
    /// Highest term whose self-vote was counted as an election.
    election_term: u64,
    /// Last log index seen (None before the first entry).
    last_log: Option<u64>,
    /// Last applied index seen.
    applied: Option<u64>,
}

/// One observation, reduced to what the counters need.
#[derive(Debug, Clone, Copy)]
struct Observed {
    term: u64,
    voted_for_self: bool,
    leading: bool,
    last_log: Option<u64>,
    applied: Option<u64>,
}

/// (elections, proposals, commits) to add for `now`, given what was counted before.
fn deltas(before: &mut Counted, now: Observed) -> (u64, u64, u64) {
    let elections = u64::from(now.voted_for_self && now.term > before.election_term);
    if elections > 0 {
        before.election_term = now.term;
    }
    let grown = |old: Option<u64>, new: Option<u64>| match (old, new) {
        (Some(o), Some(n)) => n.saturating_sub(o),
        // Index 0 is the first entry: from nothing to index n is n + 1 entries.
        (None, Some(n)) => n + 1,
        _ => 0,
    };
    let proposals = if now.leading {
        grown(before.last_log, now.last_log)
    } else {
        0
    };
    let commits = grown(before.applied, now.applied);
    before.last_log = now.last_log.max(before.last_log);
    before.applied = now.applied.max(before.applied);
    (elections, proposals, commits)
}

impl RaftHandle {
    /// Publishes this coordinator's consensus metrics into `m` on every change of openraft's
    /// metrics, and calls `on_term` with each term (for the logs' `consensus_term`); runs until
    /// the engine stops. What was committed before the process started (a durable log) is not
    /// counted again.
    pub async fn export_metrics(self, m: Arc<Metrics>, on_term: impl Fn(u64) + Send + 'static) {
        let me = raft_id(&self.inner.id);
        let mut rx = self.inner.raft.metrics();
        let mut counted: Option<Counted> = None;
        loop {
            let (observed, has_leader, peers) = {
                let r = rx.borrow_and_update();
                let peers: Vec<String> = r
                    .membership_config
                    .membership()
                    .nodes()
                    .filter(|(id, _)| **id != me)
                    .map(|(_, n)| n.id.clone())
                    .collect();
                let observed = Observed {
                    term: r.current_term,
                    voted_for_self: r.vote.leader_id().voted_for() == Some(me),
                    leading: r.state == ServerState::Leader,
                    last_log: r.last_log_index,
                    applied: r.last_applied.map(|l| l.index),
                };
                (observed, r.current_leader.is_some(), peers)
            };
            m.set_consensus_term(observed.term);
            m.set_consensus_has_leader(has_leader);
            on_term(observed.term);
            for peer in &peers {
                m.init_heartbeat_peer(peer);
            }
            match counted.as_mut() {
                None => {
                    // The first observation is the baseline (a restarted node's own history
                    // is not counted again).
                    counted = Some(Counted {
                        election_term: observed.term,
                        last_log: observed.last_log,
                        applied: observed.applied,
                    });
                }
                Some(before) => {
                    let (elections, proposals, commits) = deltas(before, observed);
                    for _ in 0..elections {
                        m.record_election();
                    }
                    for _ in 0..proposals {
                        m.record_proposal();
                    }
                    if commits > 0 {
                        m.record_commits(commits);
                    }
                }
            }
            if rx.changed().await.is_err() {
                return;
            }
        }
    }
}

#[derive(Debug, Default)]
struct PeerHealth {
    /// Failures since the last answer.
    failures: u64,
    /// When the last `failed` line was written.
    logged: Option<Instant>,
}

/// Heartbeat outcomes per peer: counts failures into the catalog and writes the
/// `heartbeat to <peer> failed` log line (rate-limited). Shared by the network's peers.
#[derive(Debug, Default)]
pub(crate) struct Heartbeats {
    peers: Mutex<HashMap<String, PeerHealth>>,
}

impl Heartbeats {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, PeerHealth>) -> T) -> T {
        let mut g = match self.peers.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut g)
    }

    /// An AppendEntries call to `peer` got no answer (`error`).
    pub(crate) fn failed(&self, cluster: &Cluster, peer: &str, error: &dyn std::fmt::Display) {
        if let Some(m) = cluster.metrics() {
            m.record_heartbeat_failure(peer);
        }
        let due = self.with(|peers| {
            let h = peers.entry(peer.to_string()).or_default();
            h.failures += 1;
            let due = h
                .logged
                .is_none_or(|t| t.elapsed() >= HEARTBEAT_LOG_INTERVAL);
            if due {
                h.logged = Some(Instant::now());
            }
            due.then_some(h.failures)
        });
        if let Some(failures) = due {
            tracing::warn!(
                component = "consensus",
                peer = %peer,
                failures,
                error = %error,
                "heartbeat to {peer} failed"
            );
        }
    }

    /// An AppendEntries call to `peer` was answered.
    pub(crate) fn answered(&self, peer: &str) {
        let recovered = self.with(|peers| {
            peers
                .get_mut(peer)
                .filter(|h| h.failures > 0)
                .map(|h| std::mem::take(h).failures)
        });
        if let Some(failures) = recovered {
            tracing::info!(
                component = "consensus",
                peer = %peer,
                failures,
                "heartbeat to {peer} answered again"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(term: u64, me: bool, leading: bool, last_log: u64, applied: u64) -> Observed {
        Observed {
            term,
            voted_for_self: me,
            leading,
            last_log: Some(last_log),
            applied: Some(applied),
        }
    }

    #[test]
    fn counts_follow_the_watch() {
        let mut c = Counted {
            election_term: 0,
            last_log: None,
            applied: None,
        };
        // Elected at term 1: its own vote, blank entry 0 and membership entry 1.
        assert_eq!(deltas(&mut c, obs(1, true, true, 1, 1)), (1, 2, 2));
        // Same term, three client writes.
        assert_eq!(deltas(&mut c, obs(1, true, true, 4, 4)), (0, 3, 3));
        // Another node leads term 2: entries come from it, commits still count.
        assert_eq!(deltas(&mut c, obs(2, false, false, 6, 6)), (0, 0, 2));
        // This node starts the elections of terms 3 and 4 (one observed each).
        assert_eq!(deltas(&mut c, obs(3, true, false, 6, 6)), (1, 0, 0));
        assert_eq!(deltas(&mut c, obs(4, true, true, 7, 6)), (1, 1, 0));
        assert_eq!(deltas(&mut c, obs(4, true, true, 7, 7)), (0, 0, 1));
    }

    #[test]
    fn heartbeat_failures_are_counted_and_reset() {
        let h = Heartbeats::default();
        let cluster = Cluster::new(
            "t".into(),
            Vec::new(),
            Duration::from_secs(1),
            crate::cluster::ClientTls {
                ca_pem: Vec::new(),
                cert_pem: Vec::new(),
                key_pem: Vec::new(),
            },
        );
        let mut registry = prometheus_client::registry::Registry::default();
        let m = Arc::new(Metrics::register(&mut registry));
        cluster.set_metrics(m.clone());
        m.init_heartbeat_peer("coordinator-2");
        h.failed(&cluster, "coordinator-3", &"unreachable");
        h.failed(&cluster, "coordinator-3", &"unreachable");
        let text = butterfly_telemetry::encode_openmetrics(&registry).expect("encode");
        assert!(
            text.contains(
                "butterfly_consensus_heartbeat_failures_total{node_id=\"coordinator-3\"} 2"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "butterfly_consensus_heartbeat_failures_total{node_id=\"coordinator-2\"} 0"
            ),
            "{text}"
        );
        assert_eq!(h.with(|p| p["coordinator-3"].failures), 2);
        h.answered("coordinator-3");
        assert_eq!(h.with(|p| p["coordinator-3"].failures), 0);
    }
}
