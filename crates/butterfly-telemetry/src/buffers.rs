//! Bounded in-memory ring buffers of recent spans and log entries — the embedded default the
//! debug service serves when there is no Jaeger or Loki. Records are already scrubbed.
//!
//! A push takes one short mutex hold; past the count or the byte bound the oldest records are
//! evicted (and counted in `dropped()`). See [`crate::ring`].

use std::collections::HashMap;

use butterfly_proto::debug;

use crate::trace_context::parse_hex_id;
use crate::values::{encode_hex, AttrValue, SharedStr};

/// Default span buffer capacity, spans.
pub const DEFAULT_SPAN_BUFFER_CAPACITY: usize = 10_000;
/// Default log buffer capacity, entries.
pub const DEFAULT_LOG_BUFFER_CAPACITY: usize = 10_000;
/// Default byte bound of the span buffer: 16 MiB (estimated record sizes, see [`ByteSize`]).
pub const DEFAULT_SPAN_BUFFER_BYTES: usize = 16 << 20;
/// Default byte bound of the log buffer: 16 MiB.
pub const DEFAULT_LOG_BUFFER_BYTES: usize = 16 << 20;

pub use crate::ring::{ByteSize, RingBuffer};
/// Query limit used when a query says 0 (matches the proto: "0 means 1000").
pub const DEFAULT_QUERY_LIMIT: usize = 1000;

/// Log level, ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// TRACE
    Trace,
    /// DEBUG
    Debug,
    /// INFO
    Info,
    /// WARN
    Warn,
    /// ERROR
    Error,
}

impl Level {
    /// Upper-case name ("TRACE" … "ERROR").
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Trace => "TRACE",
            Self::Debug => "DEBUG",
            Self::Info => "INFO",
            Self::Warn => "WARN",
            Self::Error => "ERROR",
        }
    }

    /// Parses a level name, case-insensitively (`WARNING` accepted).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "TRACE" => Some(Self::Trace),
            "DEBUG" => Some(Self::Debug),
            "INFO" => Some(Self::Info),
            "WARN" | "WARNING" => Some(Self::Warn),
            "ERROR" => Some(Self::Error),
            _ => None,
        }
    }
}

impl From<&tracing::Level> for Level {
    fn from(l: &tracing::Level) -> Self {
        match *l {
            tracing::Level::TRACE => Self::Trace,
            tracing::Level::DEBUG => Self::Debug,
            tracing::Level::INFO => Self::Info,
            tracing::Level::WARN => Self::Warn,
            _ => Self::Error,
        }
    }
}

/// Attributes in recording order: up to 6 are stored inline, so a typical span allocates nothing
/// for them.
pub type Attributes = smallvec::SmallVec<[(&'static str, AttrValue); 6]>;

/// A span's attributes, in recording order. A name recorded again replaces its value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanAttributes(Vec<(&'static str, AttrValue)>);

impl SpanAttributes {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every attribute, in recording order.
    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, AttrValue)> {
        self.0.iter()
    }

    /// Number of attributes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `name`, if recorded.
    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        self.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Records `name = value`, replacing an earlier value of `name`.
    pub fn set(&mut self, name: &'static str, value: AttrValue) {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }
}

impl From<Attributes> for SpanAttributes {
    fn from(own: Attributes) -> Self {
        Self(own.into_iter().collect())
    }
}

impl FromIterator<(&'static str, AttrValue)> for SpanAttributes {
    fn from_iter<I: IntoIterator<Item = (&'static str, AttrValue)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// A finished span: the name is the callsite's static name, ids and request ids are short
/// inline strings ([`SharedStr`]) and attributes keep their recorded type ([`AttrValue`]) until
/// read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanRecord {
    /// Trace id.
    pub trace_id: [u8; 16],
    /// Span id.
    pub span_id: [u8; 8],
    /// Parent span id (local or remote); `None` for a trace root.
    pub parent_span_id: Option<[u8; 8]>,
    /// Span name, e.g. `inference.request`.
    pub name: &'static str,
    /// Node that recorded the span.
    pub node_id: SharedStr,
    /// Request id (own field or inherited from an ancestor span), empty if none.
    pub request_id: SharedStr,
    /// Start, nanoseconds since the Unix epoch.
    pub start_unix_nano: u64,
    /// Duration, nanoseconds.
    pub duration_ns: u64,
    /// True when the span (or an ERROR event inside it) marked an error.
    pub error: bool,
    /// True when the span recorded a Byzantine event (`byzantine = true`).
    pub byzantine: bool,
    /// Scrubbed attributes in recording order (a field recorded again replaces its value).
    pub attributes: SpanAttributes,
}

impl SpanRecord {
    /// Start, nanoseconds since the Unix epoch.
    pub fn start_unix_nano(&self) -> u64 {
        self.start_unix_nano
    }

    /// Duration, nanoseconds.
    pub fn duration_ns(&self) -> u64 {
        self.duration_ns
    }

    /// Trace id, lowercase hex.
    pub fn trace_id_hex(&self) -> String {
        encode_hex(&self.trace_id)
    }

    /// "ok" or "error".
    pub fn status(&self) -> &'static str {
        if self.error {
            "error"
        } else {
            "ok"
        }
    }

    /// The value of attribute `name`, if recorded.
    pub fn attribute(&self, name: &str) -> Option<&AttrValue> {
        self.attributes.get(name)
    }

    /// The attributes as text, in recording order.
    pub fn attributes_text(&self) -> Vec<(String, String)> {
        self.attributes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.to_string()))
            .collect()
    }

    /// The proto form served by the debug service.
    pub fn to_proto(&self) -> debug::Span {
        debug::Span {
            trace_id: encode_hex(&self.trace_id),
            span_id: encode_hex(&self.span_id),
            parent_span_id: self
                .parent_span_id
                .map(|p| encode_hex(&p))
                .unwrap_or_default(),
            name: self.name.to_owned(),
            node_id: self.node_id.to_string(),
            start_unix_nano: self.start_unix_nano(),
            duration_ns: self.duration_ns(),
            status: self.status().to_owned(),
            attributes: self
                .attributes_text()
                .into_iter()
                .collect::<HashMap<_, _>>(),
        }
    }
}

impl From<&SpanRecord> for debug::Span {
    fn from(r: &SpanRecord) -> Self {
        r.to_proto()
    }
}

/// A log entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRecord {
    /// Time, nanoseconds since the Unix epoch.
    pub ts_unix_nano: u64,
    /// Level.
    pub level: Level,
    /// Scrubbed message.
    pub message: String,
    /// Emitting module path.
    pub target: &'static str,
    /// Trace id; `None` outside a span.
    pub trace_id: Option<[u8; 16]>,
    /// Span id; `None` outside a span.
    pub span_id: Option<[u8; 8]>,
    /// Request id, empty if none.
    pub request_id: SharedStr,
    /// Node id.
    pub node_id: SharedStr,
    /// Consensus term when the entry was written.
    pub consensus_term: u64,
    /// Component (e.g. `consensus`), from the event or the nearest span that set it.
    pub component: SharedStr,
    /// Other fields, scrubbed and typed as recorded, in recording order.
    pub fields: Attributes,
}

impl LogRecord {
    /// Trace id, lowercase hex; empty outside a span.
    pub fn trace_id_hex(&self) -> String {
        self.trace_id.map(|id| encode_hex(&id)).unwrap_or_default()
    }

    /// Span id, lowercase hex; empty outside a span.
    pub fn span_id_hex(&self) -> String {
        self.span_id.map(|id| encode_hex(&id)).unwrap_or_default()
    }

    /// The proto form served by the debug service.
    pub fn to_proto(&self) -> debug::LogEntry {
        debug::LogEntry {
            ts_unix_nano: self.ts_unix_nano,
            level: self.level.as_str().to_owned(),
            message: self.message.clone(),
            trace_id: self.trace_id_hex(),
            span_id: self.span_id_hex(),
            request_id: self.request_id.to_string(),
            node_id: self.node_id.to_string(),
            consensus_term: self.consensus_term,
            component: self.component.to_string(),
            fields: self
                .fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.to_string()))
                .collect::<HashMap<_, _>>(),
        }
    }
}

impl From<&LogRecord> for debug::LogEntry {
    fn from(r: &LogRecord) -> Self {
        r.to_proto()
    }
}

/// Span query; empty/zero fields match anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanQuery {
    /// Trace id, lowercase hex.
    pub trace_id: String,
    /// Request id.
    pub request_id: String,
    /// Only spans that started at or after this time, ns since the epoch.
    pub since_unix_nano: u64,
    /// Newest N; 0 means [`DEFAULT_QUERY_LIMIT`].
    pub limit: usize,
}

impl From<&debug::QuerySpansRequest> for SpanQuery {
    fn from(r: &debug::QuerySpansRequest) -> Self {
        Self {
            trace_id: r.trace_id.to_ascii_lowercase(),
            request_id: r.request_id.clone(),
            since_unix_nano: r.since_unix_nano,
            limit: r.limit as usize,
        }
    }
}

/// Log query; empty/zero/`None` fields match anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogQuery {
    /// Trace id, lowercase hex.
    pub trace_id: String,
    /// Request id.
    pub request_id: String,
    /// Least level.
    pub min_level: Option<Level>,
    /// Component.
    pub component: String,
    /// Only entries at or after this time, ns since the epoch.
    pub since_unix_nano: u64,
    /// Newest N; 0 means [`DEFAULT_QUERY_LIMIT`].
    pub limit: usize,
}

impl From<&debug::QueryLogsRequest> for LogQuery {
    fn from(r: &debug::QueryLogsRequest) -> Self {
        Self {
            trace_id: r.trace_id.to_ascii_lowercase(),
            request_id: r.request_id.clone(),
            min_level: Level::parse(&r.min_level),
            component: r.component.clone(),
            since_unix_nano: r.since_unix_nano,
            limit: r.limit as usize,
        }
    }
}

/// Recent finished spans. `push`, `dropped`, `len` and `is_empty` are the [`RingBuffer`]'s.
#[derive(Debug)]
pub struct SpanBuffer(RingBuffer<SpanRecord>);

impl std::ops::Deref for SpanBuffer {
    type Target = RingBuffer<SpanRecord>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl SpanBuffer {
    /// A buffer of `capacity` spans (default [`DEFAULT_SPAN_BUFFER_CAPACITY`]) and at most
    /// [`DEFAULT_SPAN_BUFFER_BYTES`].
    pub fn new(capacity: usize) -> Self {
        Self::with_bounds(capacity, DEFAULT_SPAN_BUFFER_BYTES)
    }

    /// A buffer of at most `capacity` spans and `max_bytes` bytes.
    pub fn with_bounds(capacity: usize, max_bytes: usize) -> Self {
        Self(RingBuffer::with_bounds(capacity, max_bytes))
    }

    /// Matching spans, oldest first, at most the newest `q.limit`.
    pub fn query(&self, q: &SpanQuery) -> Vec<SpanRecord> {
        // An id that is not 32 hex digits matches nothing (as the string comparison did).
        let trace = (!q.trace_id.is_empty()).then(|| parse_hex_id::<16>(&q.trace_id));
        self.0.query(q.limit, |s| {
            trace.is_none_or(|t| t == Some(s.trace_id))
                && (q.request_id.is_empty() || s.request_id == q.request_id)
                && (q.since_unix_nano == 0 || s.start_unix_nano() >= q.since_unix_nano)
        })
    }

    /// The debug-service response for a proto query.
    pub fn query_proto(&self, req: &debug::QuerySpansRequest) -> debug::QuerySpansResponse {
        debug::QuerySpansResponse {
            spans: self
                .query(&SpanQuery::from(req))
                .iter()
                .map(SpanRecord::to_proto)
                .collect(),
            dropped: self.dropped(),
        }
    }
}

impl Default for SpanBuffer {
    fn default() -> Self {
        Self::new(DEFAULT_SPAN_BUFFER_CAPACITY)
    }
}

/// Recent log entries. `push`, `dropped`, `len` and `is_empty` are the [`RingBuffer`]'s.
#[derive(Debug)]
pub struct LogBuffer(RingBuffer<LogRecord>);

impl std::ops::Deref for LogBuffer {
    type Target = RingBuffer<LogRecord>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl LogBuffer {
    /// A buffer of `capacity` entries (default [`DEFAULT_LOG_BUFFER_CAPACITY`]) and at most
    /// [`DEFAULT_LOG_BUFFER_BYTES`].
    pub fn new(capacity: usize) -> Self {
        Self::with_bounds(capacity, DEFAULT_LOG_BUFFER_BYTES)
    }

    /// A buffer of at most `capacity` entries and `max_bytes` bytes.
    pub fn with_bounds(capacity: usize, max_bytes: usize) -> Self {
        Self(RingBuffer::with_bounds(capacity, max_bytes))
    }

    /// Matching entries, oldest first, at most the newest `q.limit`.
    pub fn query(&self, q: &LogQuery) -> Vec<LogRecord> {
        // An id that is not 32 hex digits matches nothing.
        let trace = (!q.trace_id.is_empty()).then(|| parse_hex_id::<16>(&q.trace_id));
        self.0.query(q.limit, |e| {
            trace.is_none_or(|t| t.is_some() && t == e.trace_id)
                && (q.request_id.is_empty() || e.request_id.as_str() == q.request_id)
                && q.min_level.is_none_or(|l| e.level >= l)
                && (q.component.is_empty() || e.component.as_str() == q.component)
                && e.ts_unix_nano >= q.since_unix_nano
        })
    }

    /// The debug-service response for a proto query.
    pub fn query_proto(&self, req: &debug::QueryLogsRequest) -> debug::QueryLogsResponse {
        debug::QueryLogsResponse {
            entries: self
                .query(&LogQuery::from(req))
                .iter()
                .map(LogRecord::to_proto)
                .collect(),
            dropped: self.dropped(),
        }
    }
}

impl Default for LogBuffer {
    fn default() -> Self {
        Self::new(DEFAULT_LOG_BUFFER_CAPACITY)
    }
}

fn attr_bytes(v: &AttrValue) -> usize {
    match v {
        AttrValue::Str(s) => s.len(),
        _ => 0,
    }
}

impl ByteSize for SpanRecord {
    fn byte_size(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.node_id.len()
            + self.request_id.len()
            + self
                .attributes
                .iter()
                .map(|(k, v)| std::mem::size_of::<(&str, AttrValue)>() + k.len() + attr_bytes(v))
                .sum::<usize>()
    }
}

impl ByteSize for LogRecord {
    fn byte_size(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.message.len()
            + self.node_id.len()
            + self.request_id.len()
            + self.component.len()
            + self
                .fields
                .iter()
                .map(|(k, v)| std::mem::size_of::<(&str, AttrValue)>() + k.len() + attr_bytes(v))
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(i: u64, level: Level, component: &str) -> LogRecord {
        LogRecord {
            ts_unix_nano: i,
            level,
            message: format!("m{i}"),
            target: "",
            trace_id: Some(if i.is_multiple_of(2) {
                [0xaa; 16]
            } else {
                [0xbb; 16]
            }),
            span_id: None,
            request_id: format!("r{}", i % 3).into(),
            node_id: "n1".into(),
            consensus_term: 1,
            component: component.into(),
            fields: Attributes::new(),
        }
    }

    #[test]
    fn span_attributes_replace_in_place() {
        let mut a: SpanAttributes = [
            ("from", AttrValue::from("a")),
            ("layer.id", AttrValue::U64(3)),
        ]
        .into_iter()
        .collect();
        a.set("error", AttrValue::from("boom"));
        a.set("layer.id", AttrValue::U64(4));
        assert_eq!(
            a.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
            ["from=a", "layer.id=4", "error=boom"]
        );
        assert_eq!(a.get("layer.id"), Some(&AttrValue::U64(4)));
        assert!(!a.is_empty() && SpanAttributes::new().is_empty());
    }

    #[test]
    fn ring_evicts_and_counts() {
        let b = LogBuffer::new(3);
        for i in 0..5 {
            b.push(log(i, Level::Info, "c"));
        }
        assert_eq!(b.len(), 3);
        assert_eq!(b.dropped(), 2);
        let all = b.query(&LogQuery::default());
        assert_eq!(
            all.iter().map(|e| e.ts_unix_nano).collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
        // Past several wrap-arounds: still the newest, oldest first, and limits take the newest.
        for i in 5..11 {
            b.push(log(i, Level::Info, "c"));
        }
        let ts = |q: &LogQuery| {
            b.query(q)
                .iter()
                .map(|e| e.ts_unix_nano)
                .collect::<Vec<_>>()
        };
        assert_eq!(ts(&LogQuery::default()), vec![8, 9, 10]);
        let two = LogQuery {
            limit: 2,
            ..Default::default()
        };
        assert_eq!(ts(&two), vec![9, 10]);
        assert_eq!(b.dropped(), 8);
        let none = LogBuffer::new(0);
        none.push(log(1, Level::Info, "c"));
        assert!(none.is_empty());
        assert_eq!(none.dropped(), 1);
    }

    #[test]
    fn log_filters() {
        let b = LogBuffer::new(100);
        for i in 0..30u64 {
            let level = if i.is_multiple_of(5) {
                Level::Error
            } else {
                Level::Debug
            };
            b.push(log(i, level, if i < 15 { "consensus" } else { "comm" }));
        }
        let q = LogQuery {
            min_level: Some(Level::Warn),
            ..Default::default()
        };
        assert_eq!(b.query(&q).len(), 6);
        let q = LogQuery {
            trace_id: "AA".repeat(16),
            component: "consensus".into(),
            since_unix_nano: 4,
            limit: 2,
            ..Default::default()
        };
        let got: Vec<u64> = b.query(&q).iter().map(|e| e.ts_unix_nano).collect();
        assert_eq!(got, vec![12, 14]);
        let q = LogQuery {
            request_id: "r1".into(),
            ..Default::default()
        };
        assert!(b.query(&q).iter().all(|e| e.request_id.as_str() == "r1"));
        // A trace id that is not 32 hex digits matches nothing.
        let q = LogQuery {
            trace_id: "aa".into(),
            ..Default::default()
        };
        assert!(b.query(&q).is_empty());
        let resp = b.query_proto(&debug::QueryLogsRequest {
            min_level: "error".into(),
            ..Default::default()
        });
        assert_eq!(resp.entries.len(), 6);
        assert_eq!(resp.entries[0].level, "ERROR");
    }
}
