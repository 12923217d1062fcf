//! One authorized debug-service call in flight, audited when it finishes.

use crate::audit::AuditLog;
use crate::metrics::Metrics;
use crate::profile::Caller;
use crate::service::Method;
use butterfly_proto::auth::Role;
use butterfly_proto::debug::AuditRecord;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tonic::{Response, Status};

/// One authorized call in flight; audits its outcome when finished (or "cancelled" when dropped
/// unfinished, e.g. the client went away).
pub(crate) struct Call {
    pub(crate) audit: AuditLog,
    pub(crate) console_record: String,
    pub(crate) metrics: Metrics,
    pub(crate) method: Method,
    pub(crate) started: Instant,
    pub(crate) at_unix_ms: i64,
    pub(crate) peer_addr: String,
    pub(crate) peer_name: String,
    pub(crate) peer_role: String,
    pub(crate) peer_serial: String,
    pub(crate) done: bool,
}

impl Call {
    /// Whether the caller's certificate carries the `coordinator` role.
    pub(crate) fn is_coordinator(&self) -> bool {
        self.peer_role == Role::Coordinator.as_str()
    }

    /// Refuses the call: logs a warning, audits it as `denied` and answers `PermissionDenied`.
    pub(crate) fn deny(mut self, message: String) -> Status {
        tracing::warn!(
            method = self.method.name(),
            peer = %self.peer_name,
            peer_addr = %self.peer_addr,
            "debug RPC denied: {message}"
        );
        self.finish_with("denied", "PermissionDenied");
        Status::permission_denied(message)
    }

    /// Who is calling, from the verified certificate.
    pub(crate) fn caller(&self) -> Caller {
        Caller {
            name: self.peer_name.clone(),
            role: self.peer_role.clone(),
        }
    }

    pub(crate) fn finish<T>(mut self, result: Result<T, Status>) -> Result<Response<T>, Status> {
        match &result {
            Ok(_) => self.finish_with("ok", "OK"),
            Err(status) => {
                let code = format!("{:?}", status.code());
                self.finish_with(&code, &code)
            }
        }
        result.map(Response::new)
    }

    pub(crate) fn finish_with(&mut self, outcome: &str, code: &str) {
        self.done = true;
        self.metrics.rpc(self.method.name(), code);
        // Consensus traffic between coordinators, link probes, heartbeat joins and checkpoint
        // commits between nodes (several calls a second) are not operator actions: they are
        // counted, and recorded one by one only when they did not succeed, so they never crowd
        // operator actions out of the trail.
        let routine = match self.method {
            Method::Raft | Method::Ping => true,
            Method::Join | Method::CommitCheckpoint | Method::ForwardInfer => {
                self.peer_role == Role::Node.as_str()
                    || self.peer_role == Role::Coordinator.as_str()
            }
            _ => false,
        };
        if routine && outcome == "ok" {
            self.audit.count_routine(&self.method.path());
            return;
        }
        self.audit.record(AuditRecord {
            at_unix_ms: self.at_unix_ms,
            method: self.method.path(),
            peer_name: std::mem::take(&mut self.peer_name),
            peer_role: std::mem::take(&mut self.peer_role),
            peer_addr: std::mem::take(&mut self.peer_addr),
            outcome: outcome.to_string(),
            duration_us: u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX),
            peer_serial: std::mem::take(&mut self.peer_serial),
            console_record: std::mem::take(&mut self.console_record),
            ..AuditRecord::default()
        });
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        if !self.done {
            self.finish_with("Cancelled", "Cancelled");
        }
    }
}

pub(crate) fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
