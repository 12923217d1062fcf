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
