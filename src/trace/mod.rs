//! Traces as the console sees them, whatever their source (Jaeger, or the nodes' span buffers):
//! the normalized span model, tree assembly with clock-skew correction, the critical path, and
//! the terminal waterfall.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Outcome of a span.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SpanStatus {
    /// No status was set (OTLP `STATUS_CODE_UNSET`).
    #[default]
    Unset,
    /// Finished normally.
    Ok,
    /// Finished with an error.
    Error,
}

/// One span, normalized. Ids are lowercase hex (trace 32 chars, span 16 chars).
///
/// Its JSON also carries `start`, the start in RFC 3339 UTC.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Span {
    /// Trace id, 32 lowercase hex characters.
    pub trace_id: String,
    /// Span id, 16 lowercase hex characters.
    pub span_id: String,
    /// Parent span id; `None` for a root.
    pub parent_span_id: Option<String>,
    /// Node (or Jaeger service/process) that recorded the span.
    pub node_id: String,
    /// Operation name, e.g. `layer.execute`.
    pub name: String,
    /// Start, nanoseconds since the Unix epoch (as the recording node's clock saw it).
    pub start_unix_nano: u64,
    /// Duration in nanoseconds.
    pub duration_ns: u64,
    /// Outcome.
    pub status: SpanStatus,
    /// Attributes, values rendered as strings.
    pub attributes: BTreeMap<String, String>,
}

pub mod assemble;
pub mod waterfall;

pub use assemble::{assemble, Assembled, Row, SkewAdjustment};

/// The JSON form of [`Span`]: its fields with the RFC 3339 timestamp beside the epoch number.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "Span")]
struct SpanJson<'a> {
    /// Trace id, 32 lowercase hex characters.
    trace_id: &'a str,
    /// Span id, 16 lowercase hex characters.
    span_id: &'a str,
    /// Parent span id; `None` for a root.
    parent_span_id: &'a Option<String>,
    /// Node (or Jaeger service/process) that recorded the span.
    node_id: &'a str,
    /// Operation name, e.g. `layer.execute`.
    name: &'a str,
    /// The same instant in RFC 3339 UTC (null when out of range).
    start: Option<String>,
    /// Start, nanoseconds since the Unix epoch (as the recording node's clock saw it).
    start_unix_nano: u64,
    /// Duration in nanoseconds.
    duration_ns: u64,
    /// Outcome.
    status: &'a SpanStatus,
    /// Attributes, values rendered as strings.
    attributes: &'a BTreeMap<String, String>,
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SpanJson {
            trace_id: &self.trace_id,
            span_id: &self.span_id,
            parent_span_id: &self.parent_span_id,
            node_id: &self.node_id,
            name: &self.name,
            start: crate::output::rfc3339_ns(self.start_unix_nano),
            start_unix_nano: self.start_unix_nano,
            duration_ns: self.duration_ns,
            status: &self.status,
            attributes: &self.attributes,
        }
        .serialize(s)
    }
}

impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        SpanJson::json_schema(g)
    }
}

impl Span {
    /// End, nanoseconds since the Unix epoch (saturating).
    pub fn end_unix_nano(&self) -> u64 {
        self.start_unix_nano.saturating_add(self.duration_ns)
    }

    /// Whether the span recorded a Byzantine event (attribute `byzantine` = `true`).
    pub fn is_byzantine(&self) -> bool {
        self.attributes
            .get("byzantine")
            .is_some_and(|v| v == "true")
    }
}

/// Earliest start and latest end of `spans` as recorded, nanoseconds since the Unix epoch;
/// `(0, 0)` for none.
pub fn time_range(spans: &[Span]) -> (u64, u64) {
    let start = spans.iter().map(|s| s.start_unix_nano).min().unwrap_or(0);
    let end = spans.iter().map(Span::end_unix_nano).max().unwrap_or(start);
    (start, end)
}

/// Whether `s` is a W3C trace id: 32 hex characters, not all zero.
pub fn is_trace_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()) && s.bytes().any(|b| b != b'0')
}

/// A span for tests: trace `0af7…319c`, name `op-<id>`, status ok, no attributes.
#[cfg(test)]
pub(crate) fn test_span(id: &str, parent: Option<&str>, node: &str, start: u64, dur: u64) -> Span {
    Span {
        trace_id: "0af7651916cd43dd8448eb211c80319c".into(),
        span_id: id.into(),
        parent_span_id: parent.map(str::to_string),
        node_id: node.into(),
        name: format!("op-{id}"),
        start_unix_nano: start,
        duration_ns: dur,
        status: SpanStatus::Ok,
        attributes: Default::default(),
    }
}
