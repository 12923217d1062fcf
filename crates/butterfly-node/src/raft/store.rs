//! The Raft log and state machine. With a directory ([`LogStore::open`],
//! [`StateMachineStore::open`]) the log, vote and latest snapshot are durable (see
//! [`super::disk`]): a restarted coordinator comes back with its log, its state machine rebuilt
//! from the snapshot plus the committed entries after it. Without one (no `--data-dir`) they are
//! in memory only and a restarted coordinator must rejoin empty. A snapshot is the JSON of
//! [`ReplicatedState`].
//!
//! The entries stay in memory too (reads never touch the disk); snapshots bound them.

use super::disk::{self, LogDisk};
use super::types::{RaftNode, TypeConfig};
use crate::state::{ReplicatedState, SectionHashes};
use openraft::storage::{LogFlushed, RaftLogStorage, RaftStateMachine};
use openraft::{
    AnyError, Entry, EntryPayload, LogId, LogState, RaftLogReader, RaftSnapshotBuilder, Snapshot,
    SnapshotMeta, StorageError, StorageIOError, StoredMembership, Vote,
};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::io::Cursor;
use std::ops::RangeBounds;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

type NodeId = u64;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

#[derive(Debug, Default)]
struct LogInner {
    last_purged: Option<LogId<NodeId>>,
    log: BTreeMap<u64, Entry<TypeConfig>>,
    committed: Option<LogId<NodeId>>,
    vote: Option<Vote<NodeId>>,
    disk: Option<LogDisk>,
}

fn io_err(e: std::io::Error) -> AnyError {
    AnyError::new(&e)
}

/// The Raft log, vote and commit position: on disk when opened with a directory.
#[derive(Clone, Debug, Default)]
pub(crate) struct LogStore {
    inner: Arc<Mutex<LogInner>>,
    /// Committed index + 1; 0 = nothing committed yet.
    committed: Arc<AtomicU64>,
}

impl LogStore {
    /// A durable log in `dir` (created if needed), with what it held.
    pub(crate) fn open(dir: &Path) -> std::io::Result<LogStore> {
        let (disk, loaded) = LogDisk::open(dir)?;
        if loaded.torn_bytes > 0 {
            tracing::warn!(bytes = loaded.torn_bytes, dir = %dir.display(), "raft log: cut a torn tail");
        }
        tracing::info!(
            entries = loaded.entries.len(),
            purged = ?loaded.purged.map(|p| p.index),
            committed = ?loaded.committed.map(|c| c.index),
            vote = ?loaded.vote.map(|v| v.leader_id.term),
            "raft log opened"
        );
        let committed = loaded.committed.map(|c| c.index + 1).unwrap_or(0);
        Ok(LogStore {
            inner: Arc::new(Mutex::new(LogInner {
                last_purged: loaded.purged,
                log: loaded.entries,
                committed: loaded.committed,
                vote: loaded.vote,
                disk: Some(disk),
            })),
            committed: Arc::new(AtomicU64::new(committed)),
        })
    }

    /// Entries held, the first index, and the log file's size in bytes (0 in memory).
    pub(crate) fn footprint(&self) -> (usize, Option<u64>, u64) {
        let inner = lock(&self.inner);
        (
            inner.log.len(),
            inner.log.keys().next().copied(),
            inner.disk.as_ref().map_or(0, LogDisk::len),
        )
    }

    /// Whether the log is on disk.
    pub(crate) fn durable(&self) -> bool {
        lock(&self.inner).disk.is_some()
    }

    /// The saved vote: (term, voted-for raft id, committed).
    pub(crate) fn vote(&self) -> Option<Vote<NodeId>> {
        lock(&self.inner).vote
    }

    /// The last log id and the last purged log id.
    pub(crate) fn last_ids(&self) -> (Option<LogId<NodeId>>, Option<LogId<NodeId>>) {
        let inner = lock(&self.inner);
        let last = inner.log.values().next_back().map(|e| e.log_id);
        (last.or(inner.last_purged), inner.last_purged)
    }

    /// Index of the last committed entry, if any.
    pub(crate) fn committed_index(&self) -> Option<u64> {
        self.committed.load(Ordering::Relaxed).checked_sub(1)
    }
}

impl RaftLogReader<TypeConfig> for LogStore {
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + Send>(
        &mut self,
        range: RB,
    ) -> Result<Vec<Entry<TypeConfig>>, StorageError<NodeId>> {
        Ok(lock(&self.inner)
            .log
            .range(range)
            .map(|(_, e)| e.clone())
            .collect())
    }
}

impl RaftLogStorage<TypeConfig> for LogStore {
    type LogReader = Self;

    async fn get_log_state(&mut self) -> Result<LogState<TypeConfig>, StorageError<NodeId>> {
        let inner = lock(&self.inner);
        let last = inner.log.values().next_back().map(|e| e.log_id);
        Ok(LogState {
            last_purged_log_id: inner.last_purged,
            last_log_id: last.or(inner.last_purged),
        })
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.clone()
    }

    async fn save_vote(&mut self, vote: &Vote<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut inner = lock(&self.inner);
        if let Some(d) = &inner.disk {
            d.save_vote(vote)
                .map_err(|e| StorageIOError::write_vote(io_err(e)))?;
        }
        inner.vote = Some(*vote);
        Ok(())
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<NodeId>>, StorageError<NodeId>> {
        Ok(lock(&self.inner).vote)
    }

    async fn save_committed(
        &mut self,
        committed: Option<LogId<NodeId>>,
    ) -> Result<(), StorageError<NodeId>> {
        let mut inner = lock(&self.inner);
        if let Some(d) = &inner.disk {
            // Not required to be durable by openraft; a lost one is re-learnt from the leader.
            if let Err(e) = d.save_committed(&committed) {
                tracing::warn!(error = %e, "cannot save the raft commit position");
            }
        }
        inner.committed = committed;
        let stored = committed.map(|c| c.index.saturating_add(1)).unwrap_or(0);
        self.committed.store(stored, Ordering::Relaxed);
        Ok(())
    }

    async fn read_committed(&mut self) -> Result<Option<LogId<NodeId>>, StorageError<NodeId>> {
        Ok(lock(&self.inner).committed)
    }

    async fn append<I>(
        &mut self,
        entries: I,
        callback: LogFlushed<TypeConfig>,
    ) -> Result<(), StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<TypeConfig>> + Send,
        I::IntoIter: Send,
    {
        let result = {
            let mut inner = lock(&self.inner);
            let entries: Vec<Entry<TypeConfig>> = entries.into_iter().collect();
            let written = match inner.disk.as_mut() {
                Some(d) => d.append(&entries),
                None => Ok(()),
            };
            if written.is_ok() {
                for entry in entries {
                    inner.log.insert(entry.log_id.index, entry);
                }
            }
            written
        };
        match result {
            Ok(()) => {
                callback.log_io_completed(Ok(()));
                Ok(())
            }
            Err(e) => {
                let err = StorageIOError::write_logs(AnyError::new(&e)).into();
                callback.log_io_completed(Err(e));
                Err(err)
            }
        }
    }

    async fn truncate(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut inner = lock(&self.inner);
        if let Some(d) = inner.disk.as_mut() {
            d.truncate(log_id.index)
                .map_err(|e| StorageIOError::write_logs(io_err(e)))?;
        }
        let _ = inner.log.split_off(&log_id.index);
        Ok(())
    }

    async fn purge(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut inner = lock(&self.inner);
        inner.last_purged = Some(log_id);
        inner.log = inner.log.split_off(&log_id.index.saturating_add(1));
        let LogInner { disk, log, .. } = &mut *inner;
        if let Some(d) = disk.as_mut() {
            d.purge(log_id, log.values())
                .map_err(|e| StorageIOError::write_logs(io_err(e)))?;
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
struct SmInner {
    last_applied: Option<LogId<NodeId>>,
    membership: StoredMembership<NodeId, RaftNode>,
    state: ReplicatedState,
    snapshot: Option<(SnapshotMeta<NodeId, RaftNode>, Vec<u8>)>,
    snapshots_built: u64,
    /// Where snapshots are saved; `None` = memory only.
    dir: Option<PathBuf>,
    /// Per-section hashes of the replicated state after recent applied indexes.
    hashes: SectionHashes,
}

/// The state machine: [`ReplicatedState`] plus what openraft needs to know about it.
#[derive(Clone, Debug, Default)]
pub(crate) struct StateMachineStore {
    inner: Arc<Mutex<SmInner>>,
}

impl StateMachineStore {
    /// A state machine whose snapshots are saved in `dir`, starting from the saved one.
    pub(crate) fn open(dir: &Path) -> std::io::Result<StateMachineStore> {
        let mut inner = SmInner {
            dir: Some(dir.to_path_buf()),
            ..SmInner::default()
        };
        if let Some((meta, data)) = disk::load_snapshot::<SnapshotMeta<NodeId, RaftNode>>(dir)? {
            let state: ReplicatedState = serde_json::from_slice(&data)
                .map_err(|e| std::io::Error::other(format!("snapshot: {e}")))?;
            tracing::info!(index = ?meta.last_log_id.map(|l| l.index), "raft snapshot loaded");
            inner.state = state;
            inner.last_applied = meta.last_log_id;
            inner.membership = meta.last_membership.clone();
            inner.snapshot = Some((meta, data));
        }
        let index = inner.last_applied.map_or(0, |l| l.index);
        inner.hashes.reset(&inner.state, index);
        Ok(StateMachineStore {
            inner: Arc::new(Mutex::new(inner)),
        })
    }

    /// The applied state with its applied log index and the section hashes recorded at
    /// `at_index` (when still in the history).
    pub(crate) fn read(
        &self,
        at_index: Option<u64>,
    ) -> (ReplicatedState, u64, Option<BTreeMap<String, String>>) {
        let inner = lock(&self.inner);
        let applied = inner.last_applied.map_or(0, |l| l.index);
        let at = inner.hashes.at(at_index.unwrap_or(applied));
        (inner.state.clone(), applied, at)
    }

    /// The latest snapshot's log id and size in bytes.
    pub(crate) fn snapshot_info(&self) -> Option<(Option<LogId<NodeId>>, usize, String)> {
        lock(&self.inner)
            .snapshot
            .as_ref()
            .map(|(m, d)| (m.last_log_id, d.len(), m.snapshot_id.clone()))
    }

    /// Changes this coordinator's copy of the state outside the log (the `tamper-state` fault).
    pub(crate) fn tamper(&self, f: impl FnOnce(&mut ReplicatedState)) {
        let mut inner = lock(&self.inner);
        f(&mut inner.state);
        let index = inner.last_applied.map_or(0, |l| l.index);
        let SmInner { hashes, state, .. } = &mut *inner;
        hashes.reset(state, index);
    }

    /// A clone of the applied state.
    pub(crate) fn state(&self) -> ReplicatedState {
        lock(&self.inner).state.clone()
    }
}

fn decode_error(
    meta: &SnapshotMeta<NodeId, RaftNode>,
    e: &serde_json::Error,
) -> StorageError<NodeId> {
    StorageIOError::read_snapshot(Some(meta.signature()), AnyError::new(e)).into()
}

impl RaftSnapshotBuilder<TypeConfig> for StateMachineStore {
    async fn build_snapshot(&mut self) -> Result<Snapshot<TypeConfig>, StorageError<NodeId>> {
        let mut inner = lock(&self.inner);
        let data = serde_json::to_vec(&inner.state)
            .map_err(|e| StorageIOError::read_state_machine(AnyError::new(&e)))?;
        inner.snapshots_built += 1;
        let snapshot_id = match inner.last_applied {
            Some(l) => format!("{}-{}-{}", l.leader_id, l.index, inner.snapshots_built),
            None => format!("--{}", inner.snapshots_built),
        };
        let meta = SnapshotMeta {
            last_log_id: inner.last_applied,
            last_membership: inner.membership.clone(),
            snapshot_id,
        };
        if let Some(dir) = &inner.dir {
            disk::save_snapshot(dir, &meta, &data).map_err(|e| {
                StorageIOError::write_snapshot(Some(meta.signature()), AnyError::new(&e))
            })?;
        }
        inner.snapshot = Some((meta.clone(), data.clone()));
        Ok(Snapshot {
            meta,
            snapshot: Box::new(Cursor::new(data)),
        })
    }
}

impl RaftStateMachine<TypeConfig> for StateMachineStore {
    type SnapshotBuilder = Self;

    async fn applied_state(
        &mut self,
    ) -> Result<(Option<LogId<NodeId>>, StoredMembership<NodeId, RaftNode>), StorageError<NodeId>>
    {
        let inner = lock(&self.inner);
        Ok((inner.last_applied, inner.membership.clone()))
    }

    async fn apply<I>(&mut self, entries: I) -> Result<Vec<()>, StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<TypeConfig>> + Send,
        I::IntoIter: Send,
    {
        let mut inner = lock(&self.inner);
        let mut replies = Vec::new();
        let span = tracing::info_span!(
            "consensus.commit",
            component = "consensus",
            consensus.term = tracing::field::Empty,
            log.index = tracing::field::Empty,
        );
        let _commit = span.enter();
        for entry in entries {
            span.record("consensus.term", entry.log_id.leader_id.term);
            span.record("log.index", entry.log_id.index);
            inner.last_applied = Some(entry.log_id);
            match entry.payload {
                EntryPayload::Blank => {}
                EntryPayload::Normal(cmd) => {
                    inner.state.apply(&cmd);
                    let SmInner { hashes, state, .. } = &mut *inner;
                    hashes.update(state, &cmd);
                }
                EntryPayload::Membership(m) => {
                    inner.membership = StoredMembership::new(Some(entry.log_id), m);
                }
            }
            let SmInner { hashes, .. } = &mut *inner;
            hashes.record(entry.log_id.index);
            replies.push(());
        }
        Ok(replies)
    }

    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        self.clone()
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<Cursor<Vec<u8>>>, StorageError<NodeId>> {
        Ok(Box::new(Cursor::new(Vec::new())))
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<NodeId, RaftNode>,
        snapshot: Box<Cursor<Vec<u8>>>,
    ) -> Result<(), StorageError<NodeId>> {
        let data = snapshot.into_inner();
        let state: ReplicatedState =
            serde_json::from_slice(&data).map_err(|e| decode_error(meta, &e))?;
        let mut inner = lock(&self.inner);
        if let Some(dir) = &inner.dir {
            disk::save_snapshot(dir, meta, &data).map_err(|e| {
                StorageIOError::write_snapshot(Some(meta.signature()), AnyError::new(&e))
            })?;
        }
        inner.state = state;
        inner.last_applied = meta.last_log_id;
        inner.membership = meta.last_membership.clone();
        inner.snapshot = Some((meta.clone(), data));
        let index = meta.last_log_id.map_or(0, |l| l.index);
        let SmInner { hashes, state, .. } = &mut *inner;
        hashes.reset(state, index);
        Ok(())
    }

    async fn get_current_snapshot(
        &mut self,
    ) -> Result<Option<Snapshot<TypeConfig>>, StorageError<NodeId>> {
        Ok(lock(&self.inner)
            .snapshot
            .as_ref()
            .map(|(meta, data)| Snapshot {
                meta: meta.clone(),
                snapshot: Box::new(Cursor::new(data.clone())),
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Command;
    use openraft::{CommittedLeaderId, EntryPayload};

    fn entry(index: u64, cmd: Command) -> Entry<TypeConfig> {
        Entry {
            log_id: LogId::new(CommittedLeaderId::new(1, 7), index),
            payload: EntryPayload::Normal(cmd),
        }
    }

    #[tokio::test]
    async fn snapshot_and_vote_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let cmd = Command::SetReputation {
            node_id: "compute-1".into(),
            score: 0.25,
        };
        {
            let mut log = LogStore::open(dir.path()).unwrap();
            log.save_vote(&Vote::new(3, 7)).await.unwrap();
            let mut sm = StateMachineStore::open(dir.path()).unwrap();
            sm.apply([entry(1, cmd.clone()), entry(2, Command::Noop)])
                .await
                .unwrap();
            let snap = sm.build_snapshot().await.unwrap();
            assert_eq!(snap.meta.last_log_id.map(|l| l.index), Some(2));
        }
        let mut log = LogStore::open(dir.path()).unwrap();
        assert_eq!(log.read_vote().await.unwrap(), Some(Vote::new(3, 7)));
        let mut sm = StateMachineStore::open(dir.path()).unwrap();
        let (applied, _) = sm.applied_state().await.unwrap();
        assert_eq!(applied.map(|l| l.index), Some(2));
        assert_eq!(sm.state().reputation_of("compute-1"), 0.25);
        let (_, index, hashes) = sm.read(None);
        assert_eq!(index, 2);
        assert!(hashes.is_some());
        assert!(sm.get_current_snapshot().await.unwrap().is_some());
    }
}
