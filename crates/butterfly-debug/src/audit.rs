use crate::audit_file::{read_all, Sink, DEFAULT_AUDIT_FILE_BYTES, DEFAULT_AUDIT_FILE_KEEP};
use crate::error::Error;
use crate::metrics::Metrics;
use butterfly_proto::debug::{AuditRecord, ReadAuditLogRequest, RoutineCount};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Default number of newest audit records kept in memory (served by `ReadAuditLog` when the node
/// keeps no audit file).
pub const DEFAULT_AUDIT_MEMORY: usize = 1000;
/// Default capacity (records) of the channel between RPC handlers and the audit file writer.
/// When it is full, records are dropped from the file (never from memory) and counted.
pub const DEFAULT_AUDIT_CHANNEL: usize = 4096;
/// Denied calls (and failed TLS handshakes) recorded one by one per peer and window: 20. The
/// rest are counted, and the next recorded denial of that peer carries how many were skipped.
pub const DEFAULT_DENIED_PER_WINDOW: u32 = 20;
/// The window of [`DEFAULT_DENIED_PER_WINDOW`]: 10 seconds.
pub const DENIED_WINDOW: Duration = Duration::from_secs(10);
/// Peer-supplied strings (names, addresses) are cut to this many bytes in a record: 256.
pub const MAX_AUDIT_FIELD_BYTES: usize = 256;
/// Every file-backed audit log of the process, for [`flush_audit_logs`].
static FILE_LOGS: Mutex<Vec<std::sync::Weak<Inner>>> = Mutex::new(Vec::new());

/// Waits (blocking) until every file-backed audit log of the process has written and fsynced
/// what it was given, at most `timeout` in all; for a process about to exit on purpose (an
/// injected `crash`). Returns whether all were flushed.
pub fn flush_audit_logs(timeout: Duration) -> bool {
    let logs: Vec<AuditLog> = {
        let mut all = lock(&FILE_LOGS);
        all.retain(|w| w.strong_count() > 0);
        all.iter()
            .filter_map(std::sync::Weak::upgrade)
            .map(|inner| AuditLog { inner })
            .collect()
    };
    let until = Instant::now() + timeout;
    logs.iter()
        .all(|l| l.flush_blocking(until.saturating_duration_since(Instant::now())))
}

/// Most peers the denial rate limiter tracks at once (older windows are forgotten first): 10 000.
const MAX_LIMITED_PEERS: usize = 10_000;

/// The node's audit log of debug RPCs: every record appended, hash-chained and fsynced, to an
/// audit file by an [`AuditWriter`] (when configured), and the newest kept in memory. Routine
/// cluster-internal calls are counted, not recorded; denials are rate-limited per peer but always
/// counted. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AuditLog {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    memory: Mutex<VecDeque<AuditRecord>>,
    capacity: usize,
    dropped: AtomicU64,
    evicted: AtomicU64,
    file: Option<FileSide>,
    metrics: Metrics,
    routine: Mutex<BTreeMap<String, u64>>,
    denied_total: AtomicU64,
    denied_suppressed: AtomicU64,
    limiter: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug)]
struct FileSide {
    tx: mpsc::Sender<AuditRecord>,
    path: PathBuf,
    keep: usize,
    queued: AtomicU64,
    written: Arc<AtomicU64>,
}

/// One peer's denials in the current window.
#[derive(Debug)]
struct Bucket {
    since: Instant,
    recorded: u32,
    suppressed: u64,
}

/// Appends audit records to the audit file. Start it with [`AuditWriter::run`]; it ends when
/// every [`AuditLog`] clone is gone.
#[derive(Debug)]
pub struct AuditWriter {
    rx: mpsc::Receiver<AuditRecord>,
    sink: Sink,
    written: Arc<AtomicU64>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn cut(s: &mut String, max: usize) {
    if s.len() > max {
        let mut at = max;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s.truncate(at);
    }
}

impl AuditLog {
    fn with(memory: usize, file: Option<FileSide>, metrics: Metrics) -> Self {
        Self {
            inner: Arc::new(Inner {
                memory: Mutex::new(VecDeque::new()),
                capacity: memory.max(1),
                dropped: AtomicU64::new(0),
                evicted: AtomicU64::new(0),
                file,
                metrics,
                routine: Mutex::new(BTreeMap::new()),
                denied_total: AtomicU64::new(0),
                denied_suppressed: AtomicU64::new(0),
                limiter: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// A memory-only audit log keeping the newest `memory` records.
    pub fn memory_only(memory: usize, metrics: Metrics) -> Self {
        Self::with(memory, None, metrics)
    }

    /// An audit log that also appends to `path` (created mode 0600 if missing, appended to and
    /// set to 0600 otherwise; the hash chain continues) through a channel of `channel` records,
    /// rotated at [`DEFAULT_AUDIT_FILE_BYTES`] keeping [`DEFAULT_AUDIT_FILE_KEEP`] parts. Start
    /// the returned writer.
    pub fn with_file(
        path: &Path,
        memory: usize,
        channel: usize,
        metrics: Metrics,
    ) -> Result<(Self, AuditWriter), Error> {
        Self::with_rotation(
            path,
            memory,
            channel,
            DEFAULT_AUDIT_FILE_BYTES,
            DEFAULT_AUDIT_FILE_KEEP,
            metrics,
        )
    }

    /// [`AuditLog::with_file`] rotating at `max_bytes` (at least 4096) and keeping `keep`
    /// rotated parts (at least 1).
    pub fn with_rotation(
        path: &Path,
        memory: usize,
        channel: usize,
        max_bytes: u64,
        keep: usize,
        metrics: Metrics,
    ) -> Result<(Self, AuditWriter), Error> {
        let sink = Sink::open(path, max_bytes, keep).map_err(|source| Error::AuditLog {
            path: path.to_path_buf(),
            source,
        })?;
        let (tx, rx) = mpsc::channel(channel.max(1));
        let written = Arc::new(AtomicU64::new(0));
        let side = FileSide {
            tx,
            path: path.to_path_buf(),
            keep: keep.max(1),
            queued: AtomicU64::new(0),
            written: written.clone(),
        };
        let log = Self::with(memory, Some(side), metrics);
        lock(&FILE_LOGS).push(Arc::downgrade(&log.inner));
        Ok((log, AuditWriter { rx, sink, written }))
    }

    /// The audit file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.inner.file.as_ref().map(|f| f.path.as_path())
    }

    /// Counts one routine cluster-internal call of `method` (full path) instead of recording it.
    pub fn count_routine(&self, method: &str) {
        *lock(&self.inner.routine)
            .entry(method.to_string())
            .or_insert(0) += 1;
    }

    /// Routine calls counted so far, by method.
    pub fn routine(&self) -> Vec<RoutineCount> {
        lock(&self.inner.routine)
            .iter()
            .map(|(method, count)| RoutineCount {
                method: method.clone(),
                count: *count,
            })
            .collect()
    }

    /// Whether a denial from `key` is recorded one by one; `Some(n)`: yes, and `n` earlier ones
    /// of this peer were skipped since its last recorded denial.
    fn admit_denial(&self, key: &str) -> Option<u64> {
        self.inner.denied_total.fetch_add(1, Ordering::Relaxed);
        let now = Instant::now();
        let mut map = lock(&self.inner.limiter);
        if map.len() >= MAX_LIMITED_PEERS && !map.contains_key(key) {
            map.retain(|_, b| now.duration_since(b.since) < DENIED_WINDOW || b.suppressed > 0);
            if map.len() >= MAX_LIMITED_PEERS {
                map.clear();
            }
        }
        let b = map.entry(key.to_string()).or_insert(Bucket {
            since: now,
            recorded: 0,
            suppressed: 0,
        });
        if now.duration_since(b.since) >= DENIED_WINDOW {
            b.since = now;
            b.recorded = 0;
        }
        if b.recorded < DEFAULT_DENIED_PER_WINDOW {
            b.recorded += 1;
            Some(std::mem::take(&mut b.suppressed))
        } else {
            b.suppressed += 1;
            self.inner.denied_suppressed.fetch_add(1, Ordering::Relaxed);
            self.inner.metrics.audit_suppressed();
            None
        }
    }

    /// Records one call. Never blocks: when the file writer is behind, the record is kept in
    /// memory only and counted as dropped. Denials (`denied`, `handshake_failed`) go through the
    /// per-peer rate limit (keyed by certificate name, else by IP address).
    pub fn record(&self, mut record: AuditRecord) {
        for s in [
            &mut record.peer_name,
            &mut record.peer_role,
            &mut record.peer_serial,
            &mut record.peer_addr,
            &mut record.outcome,
            &mut record.console_record,
        ] {
            cut(s, MAX_AUDIT_FIELD_BYTES);
        }
        cut(&mut record.detail, 4 * MAX_AUDIT_FIELD_BYTES);
        if record.outcome == "denied" || record.outcome == "handshake_failed" {
            let key = if record.peer_name.is_empty() {
                let ip = record
                    .peer_addr
                    .parse::<std::net::SocketAddr>()
                    .map(|a| a.ip().to_string());
                format!("addr:{}", ip.unwrap_or_else(|_| record.peer_addr.clone()))
            } else {
                format!("cn:{}", record.peer_name)
            };
            match self.admit_denial(&key) {
                Some(skipped) => record.suppressed = skipped,
                None => return,
            }
        }
        if let Some(file) = &self.inner.file {
            if file.tx.try_send(record.clone()).is_err() {
                self.inner.dropped.fetch_add(1, Ordering::Relaxed);
                self.inner.metrics.audit_dropped();
            } else {
                file.queued.fetch_add(1, Ordering::Relaxed);
            }
        }
        let mut memory = lock(&self.inner.memory);
        while memory.len() >= self.inner.capacity {
            memory.pop_front();
            self.inner.evicted.fetch_add(1, Ordering::Relaxed);
        }
        memory.push_back(record);
    }

    /// Whether every record queued so far is written and fsynced.
    fn flushed(&self) -> bool {
        self.inner
            .file
            .as_ref()
            .is_none_or(|f| f.written.load(Ordering::Acquire) >= f.queued.load(Ordering::Relaxed))
    }

    /// Waits (blocking, polling every 5 ms) until the records queued so far are in the file, at
    /// most `timeout`; returns whether they are. For a process about to exit.
    pub fn flush_blocking(&self, timeout: Duration) -> bool {
        let until = Instant::now() + timeout;
        while !self.flushed() {
            if Instant::now() >= until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    /// [`AuditLog::flush_blocking`] for async callers.
    pub async fn flush(&self, timeout: Duration) -> bool {
        let until = Instant::now() + timeout;
        while !self.flushed() {
            if Instant::now() >= until {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        true
    }

    /// The newest `limit` records in memory, oldest first.
    pub fn newest(&self, limit: usize) -> Vec<AuditRecord> {
        let memory = lock(&self.inner.memory);
        let skip = memory.len().saturating_sub(limit);
        memory.iter().skip(skip).cloned().collect()
    }

    /// The records matching `req`'s filters: the newest `limit` after skipping `offset` of the
    /// newest (oldest first), the number matching before offset and limit, the oldest record's
    /// time, and where they were read (`file:<path>` after flushing the writer, else `memory`).
    pub async fn query_records(
        &self,
        req: &ReadAuditLogRequest,
        limit: usize,
    ) -> Result<(Vec<AuditRecord>, u64, i64, String), String> {
        let Some(file) = &self.inner.file else {
            let (page, total, oldest) = self.query(req, limit);
            return Ok((page, total, oldest, "memory".into()));
        };
        self.flush(Duration::from_secs(2)).await;
        let (path, keep) = (file.path.clone(), file.keep);
        let read = tokio::task::spawn_blocking(move || read_all(&path, keep))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("{}: {e}", file.path.display()))?;
        let oldest = read.records.first().map_or(0, |r| r.at_unix_ms);
        let (page, total) = filter_page(read.records.iter(), req, limit);
        Ok((page, total, oldest, format!("file:{}", file.path.display())))
    }

    /// The records in memory matching `req`'s filters, newest `limit` after skipping `offset` of
    /// the newest (oldest first), with the number matching before offset and limit and the
    /// oldest record's time still in memory.
    pub fn query(&self, req: &ReadAuditLogRequest, limit: usize) -> (Vec<AuditRecord>, u64, i64) {
        let memory = lock(&self.inner.memory);
        let oldest = memory.front().map_or(0, |r| r.at_unix_ms);
        let (page, total) = filter_page(memory.iter(), req, limit);
        (page, total, oldest)
    }

    /// Records evicted from memory to make room (since start).
    pub fn evicted(&self) -> u64 {
        self.inner.evicted.load(Ordering::Relaxed)
    }

    /// Records not written to the file because the writer could not keep up (since start).
    pub fn dropped(&self) -> u64 {
        self.inner.dropped.load(Ordering::Relaxed)
    }

    /// Denials since start, and how many of them the per-peer rate limit kept out of the trail.
    pub fn denied(&self) -> (u64, u64) {
        (
            self.inner.denied_total.load(Ordering::Relaxed),
            self.inner.denied_suppressed.load(Ordering::Relaxed),
        )
    }
}

fn filter_page<'a>(
    records: impl Iterator<Item = &'a AuditRecord>,
    req: &ReadAuditLogRequest,
    limit: usize,
) -> (Vec<AuditRecord>, u64) {
    let chain = (!req.console_chain.is_empty()).then(|| format!("{}/", req.console_chain));
    let matching: Vec<&AuditRecord> = records
        .filter(|r| req.since_unix_ms == 0 || r.at_unix_ms >= req.since_unix_ms)
        .filter(|r| req.until_unix_ms == 0 || r.at_unix_ms <= req.until_unix_ms)
        .filter(|r| req.principal.is_empty() || r.peer_name == req.principal)
        .filter(|r| {
            req.method.is_empty()
                || r.method == req.method
                || r.method.rsplit('/').next() == Some(req.method.as_str())
        })
        .filter(|r| req.outcome.is_empty() || r.outcome == req.outcome)
        .filter(|r| {
            chain
                .as_ref()
                .is_none_or(|c| r.console_record.starts_with(c))
        })
        .collect();
    let total = matching.len();
    let end = total.saturating_sub(req.offset as usize);
    let start = end.saturating_sub(limit);
    let page = matching[start..end].iter().map(|r| (*r).clone()).collect();
    (page, total as u64)
}

impl AuditWriter {
    /// Writes records on a thread of its own until every [`AuditLog`] clone is dropped; each
    /// batch is fsynced before the next is taken. Write errors are logged (once per failure
    /// streak) and the affected records are lost from the file only.
    pub async fn run(self) {
        let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
        let spawned = std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || {
                self.run_blocking();
                let _ = done_tx.send(());
            });
        match spawned {
            Ok(_) => {
                let _ = done_rx.await;
            }
            Err(e) => tracing::warn!(error = %e, "audit log writer cannot start"),
        }
    }

    fn run_blocking(mut self) {
        let mut failing = false;
        let mut buf = Vec::with_capacity(4096);
        while let Some(first) = self.rx.blocking_recv() {
            buf.clear();
            self.sink.push(&mut buf, &first);
            let mut n = 1u64;
            while buf.len() < 1 << 20 {
                match self.rx.try_recv() {
                    Ok(next) => {
                        self.sink.push(&mut buf, &next);
                        n += 1;
                    }
                    Err(_) => break,
                }
            }
            match self.sink.write(&buf) {
                Ok(()) => failing = false,
                Err(e) => {
                    if !failing {
                        tracing::warn!(error = %e, "cannot write the audit log");
                    }
                    failing = true;
                }
            }
            self.written.fetch_add(n, Ordering::Release);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use butterfly_proto::debug::ReadAuditLogRequest;

    fn rec(at: i64, method: &str, peer: &str, outcome: &str) -> AuditRecord {
        AuditRecord {
            at_unix_ms: at,
            method: format!("/butterfly.debug.v1.DebugService/{method}"),
            peer_name: peer.into(),
            outcome: outcome.into(),
            ..AuditRecord::default()
        }
    }

    #[test]
    fn evictions_are_counted_and_queries_filter_then_page() {
        let log = AuditLog::memory_only(4, Metrics::new());
        for i in 0..6 {
            let (m, o) = if i % 2 == 0 {
                ("GetStatus", "ok")
            } else {
                ("InjectFault", "denied")
            };
            log.record(rec(i, m, if i < 3 { "alice" } else { "bob" }, o));
        }
        assert_eq!(log.evicted(), 2);
        assert_eq!(
            log.dropped(),
            0,
            "no file writer: nothing dropped from a file"
        );
        let q = |f: fn(&mut ReadAuditLogRequest)| {
            let mut r = ReadAuditLogRequest::default();
            f(&mut r);
            log.query(&r, 10)
        };
        let (all, total, oldest) = q(|_| {});
        assert_eq!((all.len(), total, oldest), (4, 4, 2));
        let (status, total, _) = q(|r| r.method = "GetStatus".into());
        assert_eq!(total, 2);
        assert!(status.iter().all(|r| r.method.ends_with("GetStatus")));
        let (denied, _, _) = q(|r| r.outcome = "denied".into());
        assert_eq!(
            denied.iter().map(|r| r.at_unix_ms).collect::<Vec<_>>(),
            vec![3, 5]
        );
        let (bob, _, _) = q(|r| r.principal = "bob".into());
        assert_eq!(bob.len(), 3);
        let (window, _, _) = q(|r| {
            r.since_unix_ms = 3;
            r.until_unix_ms = 4;
        });
        assert_eq!(window.len(), 2);
        let (page, total, _) = log.query(
            &ReadAuditLogRequest {
                offset: 1,
                ..Default::default()
            },
            2,
        );
        assert_eq!(total, 4);
        assert_eq!(
            page.iter().map(|r| r.at_unix_ms).collect::<Vec<_>>(),
            vec![3, 4]
        );
    }
}
