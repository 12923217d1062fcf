use crate::error::Error;
use crate::metrics::Metrics;
use butterfly_proto::debug::AuditRecord;
use serde::Serialize;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// Default number of newest audit records kept in memory for `ReadAuditLog`.
pub const DEFAULT_AUDIT_MEMORY: usize = 1000;
/// Default capacity (records) of the channel between RPC handlers and the audit file writer.
/// When it is full, records are dropped from the file (never from memory) and counted.
pub const DEFAULT_AUDIT_CHANNEL: usize = 4096;

/// The node's audit log of debug RPCs: the newest records in memory, and optionally every record
/// appended as a JSON line to a file by an [`AuditWriter`] task. Cheap to clone.
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
    tx: Option<mpsc::Sender<AuditRecord>>,
    metrics: Metrics,
}

/// Appends audit records to the audit file. Spawn [`AuditWriter::run`] on a runtime; it ends when
/// every [`AuditLog`] clone is gone.
#[derive(Debug)]
pub struct AuditWriter {
    rx: mpsc::Receiver<AuditRecord>,
    file: std::fs::File,
    path: PathBuf,
}

/// One line of the audit file.
#[derive(Serialize)]
struct AuditLine<'a> {
    at_unix_ms: i64,
    method: &'a str,
    peer_name: &'a str,
    peer_role: &'a str,
    peer_serial: &'a str,
    peer_addr: &'a str,
    outcome: &'a str,
    duration_us: u64,
}

impl AuditLog {
    /// A memory-only audit log keeping the newest `memory` records.
    pub fn memory_only(memory: usize, metrics: Metrics) -> Self {
        Self {
            inner: Arc::new(Inner {
                memory: Mutex::new(VecDeque::new()),
                capacity: memory.max(1),
                dropped: AtomicU64::new(0),
                evicted: AtomicU64::new(0),
                tx: None,
                metrics,
            }),
        }
    }

    /// An audit log that also appends to `path` (created if missing, appended to otherwise)
    /// through a channel of `channel` records. Spawn the returned writer.
    pub fn with_file(
        path: &Path,
        memory: usize,
        channel: usize,
        metrics: Metrics,
    ) -> Result<(Self, AuditWriter), Error> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|source| Error::AuditLog {
                path: path.to_path_buf(),
                source,
            })?;
        let (tx, rx) = mpsc::channel(channel.max(1));
        let log = Self {
            inner: Arc::new(Inner {
                memory: Mutex::new(VecDeque::new()),
                capacity: memory.max(1),
                dropped: AtomicU64::new(0),
                evicted: AtomicU64::new(0),
                tx: Some(tx),
                metrics,
            }),
        };
        Ok((
            log,
            AuditWriter {
                rx,
                file,
                path: path.to_path_buf(),
            },
        ))
    }

    /// Records one call. Never blocks: when the file writer is behind, the record is kept in
    /// memory only and counted as dropped.
    pub fn record(&self, record: AuditRecord) {
        if let Some(tx) = &self.inner.tx {
            if tx.try_send(record.clone()).is_err() {
                self.inner.dropped.fetch_add(1, Ordering::Relaxed);
                self.inner.metrics.audit_dropped();
            }
        }
        let mut memory = match self.inner.memory.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        while memory.len() >= self.inner.capacity {
            memory.pop_front();
            self.inner.evicted.fetch_add(1, Ordering::Relaxed);
        }
        memory.push_back(record);
    }

    /// The newest `limit` records, oldest first.
    pub fn newest(&self, limit: usize) -> Vec<AuditRecord> {
        let memory = match self.inner.memory.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        let skip = memory.len().saturating_sub(limit);
        memory.iter().skip(skip).cloned().collect()
    }

    /// The records matching `req`'s filters, newest `limit` after skipping `offset` of the
    /// newest (oldest first), with the number matching before offset and limit and the oldest
    /// record's time still in memory.
    pub fn query(
        &self,
        req: &butterfly_proto::debug::ReadAuditLogRequest,
        limit: usize,
    ) -> (Vec<AuditRecord>, u64, i64) {
        let memory = match self.inner.memory.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        let oldest = memory.front().map_or(0, |r| r.at_unix_ms);
        let matching: Vec<&AuditRecord> = memory
            .iter()
            .filter(|r| req.since_unix_ms == 0 || r.at_unix_ms >= req.since_unix_ms)
            .filter(|r| req.until_unix_ms == 0 || r.at_unix_ms <= req.until_unix_ms)
            .filter(|r| req.principal.is_empty() || r.peer_name == req.principal)
            .filter(|r| {
                req.method.is_empty()
                    || r.method == req.method
                    || r.method.rsplit('/').next() == Some(req.method.as_str())
            })
            .filter(|r| req.outcome.is_empty() || r.outcome == req.outcome)
            .collect();
        let total = matching.len();
        let end = total.saturating_sub(req.offset as usize);
        let start = end.saturating_sub(limit);
        let page = matching[start..end].iter().map(|r| (*r).clone()).collect();
        (page, total as u64, oldest)
    }

    /// Records evicted from memory to make room (since start).
    pub fn evicted(&self) -> u64 {
        self.inner.evicted.load(Ordering::Relaxed)
    }

    /// Records not written to the file because the writer could not keep up (since start).
    pub fn dropped(&self) -> u64 {
        self.inner.dropped.load(Ordering::Relaxed)
    }
}

impl AuditWriter {
    /// Writes records as JSON lines until every [`AuditLog`] clone is dropped. Write errors are
    /// logged (once per failure streak) and the affected records are lost from the file only.
    pub async fn run(mut self) {
        let file = match self.file.try_clone() {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "audit log writer cannot start");
                return;
            }
        };
        let mut file = tokio::fs::File::from_std(file);
        let mut failing = false;
        let mut buf = Vec::with_capacity(4096);
        while let Some(first) = self.rx.recv().await {
            buf.clear();
            push_line(&mut buf, &first);
            while let Ok(next) = self.rx.try_recv() {
                push_line(&mut buf, &next);
                if buf.len() > 1 << 20 {
                    break;
                }
            }
            let result = async {
                file.write_all(&buf).await?;
                file.flush().await
            }
            .await;
            match result {
                Ok(()) => failing = false,
                Err(e) => {
                    if !failing {
                        tracing::warn!(path = %self.path.display(), error = %e, "cannot write audit log");
                    }
                    failing = true;
                }
            }
        }
    }
}

fn push_line(buf: &mut Vec<u8>, r: &AuditRecord) {
    let line = AuditLine {
        at_unix_ms: r.at_unix_ms,
        method: &r.method,
        peer_name: &r.peer_name,
        peer_role: &r.peer_role,
        peer_serial: &r.peer_serial,
        peer_addr: &r.peer_addr,
        outcome: &r.outcome,
        duration_us: r.duration_us,
    };
    if serde_json::to_writer(&mut *buf, &line).is_ok() {
        buf.push(b'\n');
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
