//! The node's audit file: one JSON line per record, hash-chained, fsynced after every batch,
//! rotated at a size bound, mode 0600.
//!
//! A record's `hash` is SHA-256 (hex) over the previous record's hash, a newline, and the record
//! serialized as a JSON object with sorted keys and without its `hash` field (`prev` and `seq`
//! included). The first record ever chains to 64 zeros; the chain continues across rotations
//! (`audit.jsonl.1` holds the records just before the first one of `audit.jsonl`).

use butterfly_proto::debug::AuditRecord;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The chain value before the first record.
pub const AUDIT_GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Default size (bytes) at which the audit file is rotated: 16 MiB.
pub const DEFAULT_AUDIT_FILE_BYTES: u64 = 16 << 20;
/// Default number of rotated audit files kept (`.1` newest … `.4` oldest): 4. The trail on disk
/// is bounded by (keep + 1) × [`DEFAULT_AUDIT_FILE_BYTES`].
pub const DEFAULT_AUDIT_FILE_KEEP: usize = 4;

/// The open audit file and the chain's position.
#[derive(Debug)]
pub(crate) struct Sink {
    path: PathBuf,
    max_bytes: u64,
    keep: usize,
    file: File,
    size: u64,
    next_seq: u64,
    prev: String,
}

/// Opens (creating, mode 0600) `path` for appending; existing files are set to 0600 too.
fn open_append(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.create(true).read(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let file = o.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// The `n`th rotated file of `path` (`path.n`); 0 is `path` itself.
pub(crate) fn rotated(path: &Path, n: usize) -> PathBuf {
    if n == 0 {
        return path.to_path_buf();
    }
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".{n}"));
    PathBuf::from(s)
}

impl Sink {
    /// Opens the audit file and finds where its chain stands (the last complete record of the
    /// file, or of its newest rotated part when the file is empty).
    pub(crate) fn open(path: &Path, max_bytes: u64, keep: usize) -> io::Result<Sink> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = open_append(path)?;
        let size = file.seek(SeekFrom::End(0))?;
        let mut tail = last_record(&mut file)?;
        if tail.is_none() {
            if let Ok(mut older) = File::open(rotated(path, 1)) {
                tail = last_record(&mut older)?;
            }
        }
        let (next_seq, prev) = match tail {
            Some((seq, hash)) => (seq + 1, hash),
            None => (0, AUDIT_GENESIS.to_string()),
        };
        Ok(Sink {
            path: path.to_path_buf(),
            max_bytes: max_bytes.max(4096),
            keep: keep.max(1),
            file,
            size,
            next_seq,
            prev,
        })
    }

    /// Appends `r`'s chained line to `buf`.
    pub(crate) fn push(&mut self, buf: &mut Vec<u8>, r: &AuditRecord) {
        let mut m = record_map(r);
        m.insert("seq".into(), self.next_seq.into());
        m.insert("prev".into(), self.prev.clone().into());
        let hash = chain_hash(&self.prev, &m);
        m.insert("hash".into(), hash.clone().into());
        buf.extend_from_slice(Value::Object(m).to_string().as_bytes());
        buf.push(b'\n');
        self.next_seq += 1;
        self.prev = hash;
    }

    /// Writes and fsyncs `buf` (whole lines), then rotates when the file reached its bound.
    pub(crate) fn write(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.write_all(buf)?;
        self.file.sync_data()?;
        self.size += buf.len() as u64;
        if self.size >= self.max_bytes {
            self.rotate()?;
        }
        Ok(())
    }

    fn rotate(&mut self) -> io::Result<()> {
        for n in (1..self.keep).rev() {
            let from = rotated(&self.path, n);
            if from.exists() {
                std::fs::rename(&from, rotated(&self.path, n + 1))?;
            }
        }
        std::fs::rename(&self.path, rotated(&self.path, 1))?;
        self.file = open_append(&self.path)?;
        self.size = 0;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// The record's fields as a JSON object (without `seq`, `prev`, `hash`).
fn record_map(r: &AuditRecord) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("at_unix_ms".into(), r.at_unix_ms.into());
    m.insert("method".into(), r.method.clone().into());
    m.insert("peer_name".into(), r.peer_name.clone().into());
    m.insert("peer_role".into(), r.peer_role.clone().into());
    m.insert("peer_serial".into(), r.peer_serial.clone().into());
    m.insert("peer_addr".into(), r.peer_addr.clone().into());
    m.insert("outcome".into(), r.outcome.clone().into());
    m.insert("duration_us".into(), r.duration_us.into());
    if r.suppressed > 0 {
        m.insert("suppressed".into(), r.suppressed.into());
    }
    if !r.console_record.is_empty() {
        m.insert("console_record".into(), r.console_record.clone().into());
    }
    if !r.detail.is_empty() {
        m.insert("detail".into(), r.detail.clone().into());
    }
    m
}

/// SHA-256 (hex) of `prev`, a newline and the record (sorted keys, no `hash`).
pub fn chain_hash(prev: &str, record: &Map<String, Value>) -> String {
    let body = Value::Object(record.clone()).to_string();
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(body.as_bytes());
    hex::encode(h.finalize())
}

fn from_map(m: &Map<String, Value>) -> AuditRecord {
    let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let u = |k: &str| m.get(k).and_then(Value::as_u64).unwrap_or(0);
    AuditRecord {
        at_unix_ms: m.get("at_unix_ms").and_then(Value::as_i64).unwrap_or(0),
        method: s("method"),
        peer_name: s("peer_name"),
        peer_role: s("peer_role"),
        peer_addr: s("peer_addr"),
        outcome: s("outcome"),
        duration_us: u("duration_us"),
        peer_serial: s("peer_serial"),
        seq: u("seq"),
        hash: s("hash"),
        suppressed: u("suppressed"),
        console_record: s("console_record"),
        detail: s("detail"),
    }
}

/// The last complete record's (seq, hash) in `file`, if any.
fn last_record(file: &mut File) -> io::Result<Option<(u64, String)>> {
    const WINDOW: u64 = 64 * 1024;
    let len = file.seek(SeekFrom::End(0))?;
    let mut start = len.saturating_sub(WINDOW);
    loop {
        file.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::new();
        file.read_to_end(&mut buf)?;
        for line in buf.split(|b| *b == b'\n').rev() {
            if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(line) {
                if let (Some(seq), Some(hash)) = (
                    m.get("seq").and_then(Value::as_u64),
                    m.get("hash").and_then(Value::as_str),
                ) {
                    return Ok(Some((seq, hash.to_string())));
                }
            }
        }
        if start == 0 {
            return Ok(None);
        }
        start = start.saturating_sub(WINDOW * 4);
    }
}

/// What reading the audit files found.
#[derive(Debug, Default)]
pub(crate) struct FileRead {
    /// Every readable record, oldest first.
    pub records: Vec<AuditRecord>,
    /// Lines that broke the chain (unparsable, edited, out of sequence): (seq or 0, reason).
    pub broken: Vec<(u64, String)>,
}

/// Reads `path`'s rotated parts (oldest first) and `path`, checking the chain as it goes.
pub(crate) fn read_all(path: &Path, keep: usize) -> io::Result<FileRead> {
    let mut out = FileRead::default();
    let mut prev: Option<String> = None;
    let mut expected: Option<u64> = None;
    for n in (0..=keep).rev() {
        let p = rotated(path, n);
        let file = match File::open(&p) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for line in BufReader::new(file).split(b'\n') {
            let line = line?;
            if line.is_empty() {
                continue;
            }
            let Ok(Value::Object(mut m)) = serde_json::from_slice::<Value>(&line) else {
                out.broken
                    .push((expected.unwrap_or(0), "not a JSON object".into()));
                continue;
            };
            let record = from_map(&m);
            m.remove("hash");
            let this_prev = m.get("prev").and_then(Value::as_str).unwrap_or("");
            let recomputed = chain_hash(this_prev, &m);
            if recomputed != record.hash {
                out.broken
                    .push((record.seq, "hash does not match its content".into()));
            } else if prev.as_deref().is_some_and(|p| p != this_prev) {
                out.broken
                    .push((record.seq, "prev does not match the record before".into()));
            } else if expected.is_some_and(|e| e != record.seq) {
                out.broken
                    .push((record.seq, "seq out of order: a record is missing".into()));
            }
            prev = Some(record.hash.clone());
            expected = Some(record.seq + 1);
            out.records.push(record);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(i: i64) -> AuditRecord {
        AuditRecord {
            at_unix_ms: i,
            method: "/butterfly.debug.v1.DebugService/GetStatus".into(),
            peer_name: "alice".into(),
            outcome: "ok".into(),
            ..AuditRecord::default()
        }
    }

    #[test]
    fn chain_continues_across_rotation_and_reopen_and_edits_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.jsonl");
        let mut sink = Sink::open(&path, 4096, 2).unwrap();
        for i in 0..60 {
            let mut buf = Vec::new();
            sink.push(&mut buf, &rec(i));
            sink.write(&buf).unwrap();
        }
        drop(sink);
        let mut sink = Sink::open(&path, 4096, 2).unwrap();
        let mut buf = Vec::new();
        sink.push(&mut buf, &rec(60));
        sink.write(&buf).unwrap();
        assert!(rotated(&path, 2).exists(), "rotated twice at 4 KiB");
        assert!(!rotated(&path, 3).exists(), "only `keep` rotated parts");
        let read = read_all(&path, 2).unwrap();
        assert!(read.broken.is_empty(), "{:?}", read.broken);
        let last = read.records.last().unwrap();
        assert_eq!((last.seq, last.at_unix_ms), (60, 60));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("alice", "mallory", 1)).unwrap();
        let read = read_all(&path, 2).unwrap();
        assert_eq!(read.broken.len(), 1, "{:?}", read.broken);
    }
}
