//! The files of a coordinator's durable Raft state, under `<data-dir>/raft/`:
//!
//! ```text
//! log            append-only: per entry  u32 LE length | u32 LE CRC-32 of the payload | payload
//!                (payload = the serde_json of one openraft Entry); fdatasync'ed before openraft
//!                is told an append is durable; truncation = set_len + fsync
//! vote.json      the vote; written to a temporary file, fsynced, renamed, directory fsynced
//! purged.json    the last purged log id (same atomic write); entries at or below it are ignored
//! committed.json the last committed log id (rename without fsync: openraft allows losing it)
//! snapshot.bin   one line of snapshot meta JSON, then the snapshot bytes (atomic write)
//! ```
//!
//! On open the log is read front to back; a record that is short or fails its CRC is a torn
//! tail from a crash and the file is cut there (openraft only counts fsynced appends, so what
//! is cut was never acknowledged). When the purged prefix grows past [`COMPACT_BYTES`] and half
//! the file, the file is rewritten with the live entries (temporary file, fsync, rename).

use super::types::TypeConfig;
use openraft::{Entry, LogId, Vote};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

type NodeId = u64;

/// The log file is rewritten once its purged prefix is at least this many bytes (and at least
/// half the file): 4 MiB.
pub const COMPACT_BYTES: u64 = 4 << 20;
/// Largest accepted log record, bytes: 64 MiB (a larger length is treated as a torn record).
pub const MAX_RECORD_BYTES: u32 = 64 << 20;

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

fn fsync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes `bytes` to `path` through a temporary file; with `durable`, fsyncs file and directory.
pub(crate) fn write_file(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = path.with_extension("tmp");
    let mut f = File::create(&tmp)?;
    f.write_all(bytes)?;
    if durable {
        f.sync_all()?;
    }
    drop(f);
    std::fs::rename(&tmp, path)?;
    if durable {
        fsync_dir(dir)?;
    }
    Ok(())
}

fn read_json<T: DeserializeOwned>(path: &Path) -> io::Result<Option<T>> {
    match std::fs::read(path) {
        Ok(b) => serde_json::from_slice(&b)
            .map(Some)
            .map_err(|e| other(format!("{}: {e}", path.display()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn write_json<T: Serialize>(path: &Path, value: &T, durable: bool) -> io::Result<()> {
    write_file(path, &serde_json::to_vec(value).map_err(other)?, durable)
}

fn record(entry: &Entry<TypeConfig>, out: &mut Vec<u8>) -> io::Result<()> {
    let payload = serde_json::to_vec(entry).map_err(other)?;
    let len = u32::try_from(payload.len()).map_err(|_| other("log entry over 4 GiB"))?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(())
}

/// What the files held at open.
#[derive(Default)]
pub(crate) struct Loaded {
    pub vote: Option<Vote<NodeId>>,
    pub committed: Option<LogId<NodeId>>,
    pub purged: Option<LogId<NodeId>>,
    pub entries: BTreeMap<u64, Entry<TypeConfig>>,
    /// Bytes cut from a torn tail (0 when the log was clean).
    pub torn_bytes: u64,
}

/// The open log file and where each live entry starts in it.
#[derive(Debug)]
pub(crate) struct LogDisk {
    dir: PathBuf,
    file: File,
    len: u64,
    /// Index → byte offset of its record, for live (unpurged) entries.
    offsets: BTreeMap<u64, u64>,
}

impl LogDisk {
    fn log_path(dir: &Path) -> PathBuf {
        dir.join("log")
    }

    /// Opens (creating) `dir` and reads everything back.
    pub(crate) fn open(dir: &Path) -> io::Result<(LogDisk, Loaded)> {
        std::fs::create_dir_all(dir)?;
        let mut loaded = Loaded {
            vote: read_json(&dir.join("vote.json"))?,
            committed: read_json(&dir.join("committed.json"))?,
            purged: read_json(&dir.join("purged.json"))?,
            ..Loaded::default()
        };
        let path = Self::log_path(dir);
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let mut offsets = BTreeMap::new();
        let mut at = 0usize;
        let purged = loaded.purged.map(|p| p.index);
        while let Some(header) = bytes.get(at..at + 8) {
            let len = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
            let crc = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
            if len > MAX_RECORD_BYTES {
                break;
            }
            let Some(payload) = bytes.get(at + 8..at + 8 + len as usize) else {
                break;
            };
            if crc32fast::hash(payload) != crc {
                break;
            }
            let entry: Entry<TypeConfig> = serde_json::from_slice(payload)
                .map_err(|e| other(format!("{}: record at {at}: {e}", path.display())))?;
            let index = entry.log_id.index;
            if purged.is_none_or(|p| index > p) {
                // A rewritten index (should not happen after truncation) replaces what follows.
                let _ = loaded.entries.split_off(&index);
                let _ = offsets.split_off(&index);
                offsets.insert(index, at as u64);
                loaded.entries.insert(index, entry);
            }
            at += 8 + len as usize;
        }
        if at < bytes.len() {
            loaded.torn_bytes = (bytes.len() - at) as u64;
            file.set_len(at as u64)?;
            file.sync_all()?;
        }
        Ok((
            LogDisk {
                dir: dir.to_path_buf(),
                file,
                len: at as u64,
                offsets,
            },
            loaded,
        ))
    }

    /// Appends and fdatasyncs `entries`.
    pub(crate) fn append<'a>(
        &mut self,
        entries: impl IntoIterator<Item = &'a Entry<TypeConfig>>,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        let mut starts = Vec::new();
        for e in entries {
            starts.push((e.log_id.index, self.len + buf.len() as u64));
            record(e, &mut buf)?;
        }
        if buf.is_empty() {
            return Ok(());
        }
        self.file.write_all(&buf)?;
        self.file.sync_data()?;
        self.len += buf.len() as u64;
        self.offsets.extend(starts);
        Ok(())
    }

    /// Deletes the entries at `index` and after.
    pub(crate) fn truncate(&mut self, index: u64) -> io::Result<()> {
        let cut = self.offsets.split_off(&index);
        if let Some(at) = cut.values().next() {
            self.file.set_len(*at)?;
            self.file.sync_data()?;
            self.len = *at;
        }
        Ok(())
    }

    /// Records `log_id` as purged; rewrites the file with `live` when the dead prefix is large.
    pub(crate) fn purge<'a>(
        &mut self,
        log_id: LogId<NodeId>,
        live: impl IntoIterator<Item = &'a Entry<TypeConfig>>,
    ) -> io::Result<()> {
        write_json(&self.dir.join("purged.json"), &log_id, true)?;
        self.offsets = self.offsets.split_off(&log_id.index.saturating_add(1));
        let dead = self.offsets.values().next().copied().unwrap_or(self.len);
        if dead >= COMPACT_BYTES && dead * 2 >= self.len {
            self.compact(live)?;
        }
        Ok(())
    }

    fn compact<'a>(
        &mut self,
        live: impl IntoIterator<Item = &'a Entry<TypeConfig>>,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        let mut offsets = BTreeMap::new();
        for e in live {
            offsets.insert(e.log_id.index, buf.len() as u64);
            record(e, &mut buf)?;
        }
        let path = Self::log_path(&self.dir);
        write_file(&path, &buf, true)?;
        self.file = OpenOptions::new().read(true).append(true).open(&path)?;
        self.len = buf.len() as u64;
        self.offsets = offsets;
        tracing::info!(bytes = self.len, "raft log compacted");
        Ok(())
    }

    /// Durably saves the vote.
    pub(crate) fn save_vote(&self, vote: &Vote<NodeId>) -> io::Result<()> {
        write_json(&self.dir.join("vote.json"), vote, true)
    }

    /// Saves the committed log id (not fsynced).
    pub(crate) fn save_committed(&self, committed: &Option<LogId<NodeId>>) -> io::Result<()> {
        write_json(&self.dir.join("committed.json"), committed, false)
    }

    /// Bytes in the log file.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }
}

/// Durably writes a snapshot (`meta` JSON line, then `data`) to `<dir>/snapshot.bin`.
pub(crate) fn save_snapshot<M: Serialize>(dir: &Path, meta: &M, data: &[u8]) -> io::Result<()> {
    let mut bytes = serde_json::to_vec(meta).map_err(other)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(data);
    std::fs::create_dir_all(dir)?;
    write_file(&dir.join("snapshot.bin"), &bytes, true)
}

/// Reads `<dir>/snapshot.bin` back: the meta and the data.
pub(crate) fn load_snapshot<M: DeserializeOwned>(dir: &Path) -> io::Result<Option<(M, Vec<u8>)>> {
    let path = dir.join("snapshot.bin");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(nl) = bytes.iter().position(|b| *b == b'\n') else {
        return Err(other(format!("{}: no meta line", path.display())));
    };
    let meta = serde_json::from_slice(&bytes[..nl])
        .map_err(|e| other(format!("{}: meta: {e}", path.display())))?;
    Ok(Some((meta, bytes[nl + 1..].to_vec())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Command;
    use openraft::{CommittedLeaderId, EntryPayload};

    fn entry(term: u64, index: u64) -> Entry<TypeConfig> {
        Entry {
            log_id: LogId::new(CommittedLeaderId::new(term, 1), index),
            payload: EntryPayload::Normal(Command::Noop),
        }
    }

    #[test]
    fn append_truncate_purge_reopen_and_torn_tail() {
        let dir = tempfile::tempdir().unwrap();
        let (mut disk, loaded) = LogDisk::open(dir.path()).unwrap();
        assert!(loaded.entries.is_empty() && loaded.vote.is_none());
        let es: Vec<_> = (1..=10).map(|i| entry(1, i)).collect();
        disk.append(&es).unwrap();
        disk.truncate(8).unwrap();
        disk.append([&entry(2, 8)]).unwrap();
        disk.save_vote(&Vote::new(2, 7)).unwrap();
        disk.purge(LogId::new(CommittedLeaderId::new(1, 1), 3), [])
            .unwrap();
        drop(disk);
        let (disk, loaded) = LogDisk::open(dir.path()).unwrap();
        assert_eq!(loaded.vote, Some(Vote::new(2, 7)));
        let idx: Vec<u64> = loaded.entries.keys().copied().collect();
        assert_eq!(idx, vec![4, 5, 6, 7, 8]);
        assert_eq!(loaded.entries[&8].log_id.leader_id.term, 2);
        // A torn record at the tail is cut on open.
        let len = disk.len();
        drop(disk);
        let mut f = OpenOptions::new()
            .append(true)
            .open(dir.path().join("log"))
            .unwrap();
        f.write_all(&[200, 0, 0, 0, 1, 2]).unwrap();
        drop(f);
        let (disk, loaded) = LogDisk::open(dir.path()).unwrap();
        assert_eq!(loaded.torn_bytes, 6);
        assert_eq!(disk.len(), len);
        assert_eq!(loaded.entries.len(), 5);
    }
}
