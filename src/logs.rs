//! Log lines as the console sees them, whatever their source (Loki, or the nodes' log buffers).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One log line, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogLine {
    /// Timestamp, nanoseconds since the Unix epoch.
    pub ts_unix_nano: u64,
    /// `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR` (upper case); empty when unknown.
    pub level: String,
    /// The message.
    pub message: String,
    /// Node that wrote the line; empty when unknown.
    pub node_id: String,
    /// Correlation ids; empty when absent.
    pub trace_id: String,
    /// Span id; empty when absent.
    pub span_id: String,
    /// Request id; empty when absent.
    pub request_id: String,
    /// Component (e.g. `inference`, `consensus`); empty when absent.
    pub component: String,
    /// Every other field or label (Loki stream labels, structured metadata, JSON fields).
    pub fields: BTreeMap<String, String>,
}
