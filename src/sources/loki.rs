//! Loki HTTP API client (`/loki/api/v1/query_range`, `query`, `labels`, `label/{name}/values`,
//! `series`), converting log entries to [`crate::logs::LogLine`].
//!
//! Stream entries may have 2 or 3 elements; the third is a flat structured-metadata map or,
//! with categorize-labels encoding, `{"structuredMetadata":{…},"parsed":{…}}`. Timestamps are
//! nanosecond strings. A line that is a JSON object (the nodes' log format) has its `level`,
//! `message`, `trace_id`, `span_id`, `request_id`, `node_id` and `component` lifted, and its
//! other keys (and the keys of its `fields` object) put in `fields`; any other line is the
//! message as it is, with the level taken from a `level` / `detected_level` label. Loki's errors
//! are plain text and are reported by status code.

use super::prometheus::{decode_query_data, InstantSample, Point, QueryData, RangeSeries};
use super::{Http, NumText, Result, SourceConfig, SourceError};
use crate::logs::{normalize_level, LogLine};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// Back-end name used in messages.
pub const NAME: &str = "loki";
/// Default number of log lines one query returns: 1000.
pub const DEFAULT_LIMIT: u32 = 1000;

/// Which end of the time range a log query starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Newest first (Loki's default).
    #[default]
    Backward,
    /// Oldest first.
    Forward,
}

impl Direction {
    /// The query-string value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Backward => "backward",
            Direction::Forward => "forward",
        }
    }
}

/// The result of a LogQL query, by `resultType`.
#[derive(Debug, Clone, PartialEq)]
pub enum LokiData {
    /// Log lines (`streams`), in the requested direction's order.
    Streams(Vec<LogLine>),
    /// A metric query over a range.
    Matrix(Vec<RangeSeries>),
    /// A metric query at one instant.
    Vector(Vec<InstantSample>),
    /// A scalar.
    Scalar(Point),
}

/// A successful query answer with Loki's warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct LokiResponse {
    /// The data.
    pub data: LokiData,
    /// `warnings` (empty when none).
    pub warnings: Vec<String>,
}

/// A Loki server (or query frontend / gateway).
#[derive(Debug, Clone)]
pub struct LokiClient {
    http: Http,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    status: String,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    #[serde(default)]
    warnings: Option<Vec<String>>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DataHead<'a> {
    result_type: String,
    #[serde(borrow)]
    result: &'a RawValue,
    #[serde(default)]
    encoding_flags: Vec<String>,
}

#[derive(Deserialize)]
struct RawStream {
    #[serde(default)]
    stream: BTreeMap<String, String>,
    #[serde(default)]
    values: Vec<Vec<serde_json::Value>>,
}

const LIFTED: [&str; 9] = [
    "level",
    "message",
    "msg",
    "trace_id",
    "span_id",
    "request_id",
    "node_id",
    "component",
    "fields",
];

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn string_map(v: &serde_json::Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), json_text(v))).collect())
        .unwrap_or_default()
}

/// Builds a [`LogLine`] from one entry: `labels` (stream labels plus structured metadata and
/// parsed labels), the nanosecond timestamp and the line text.
pub fn log_line(ts_unix_nano: u64, line: &str, labels: BTreeMap<String, String>) -> LogLine {
    let mut out = LogLine {
        ts_unix_nano,
        level: String::new(),
        message: String::new(),
        node_id: String::new(),
        trace_id: String::new(),
        span_id: String::new(),
        request_id: String::new(),
        component: String::new(),
        fields: labels,
    };
    let parsed = line
        .trim_start()
        .starts_with('{')
        .then(|| serde_json::from_str::<serde_json::Value>(line).ok())
        .flatten()
        .filter(serde_json::Value::is_object);
    if let Some(obj) = parsed {
        let get = |k: &str| obj.get(k).map(json_text).filter(|s| !s.is_empty());
        out.message = get("message")
            .or_else(|| get("msg"))
            .unwrap_or_else(|| line.to_string());
        out.level = get("level")
            .map(|l| normalize_level(&l).to_string())
            .unwrap_or_default();
        out.trace_id = get("trace_id").unwrap_or_default();
        out.span_id = get("span_id").unwrap_or_default();
        out.request_id = get("request_id").unwrap_or_default();
        out.node_id = get("node_id").unwrap_or_default();
        out.component = get("component").unwrap_or_default();
        if let Some(map) = obj.as_object() {
            for (k, v) in map {
                if !LIFTED.contains(&k.as_str()) {
                    out.fields.insert(k.clone(), json_text(v));
                }
            }
        }
        for (k, v) in string_map(&obj["fields"]) {
            out.fields.insert(k, v);
        }
    } else {
        out.message = line.to_string();
    }
    let label = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| out.fields.get(*k).filter(|v| !v.is_empty()).cloned())
            .unwrap_or_default()
    };
    if out.level.is_empty() {
        out.level = normalize_level(&label(&["level", "detected_level", "severity"])).to_string();
    }
    if out.node_id.is_empty() {
        out.node_id = label(&["node_id", "node"]);
    }
    if out.trace_id.is_empty() {
        out.trace_id = label(&["trace_id", "traceID", "traceid"]);
    }
    if out.span_id.is_empty() {
        out.span_id = label(&["span_id", "spanID", "spanid"]);
    }
    if out.request_id.is_empty() {
        out.request_id = label(&["request_id"]);
    }
    if out.component.is_empty() {
        out.component = label(&["component"]);
    }
    out
}

fn decode_streams(result: &str, direction: Direction) -> std::result::Result<Vec<LogLine>, String> {
    let streams: Vec<RawStream> = serde_json::from_str(result).map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    for s in streams {
        for v in s.values {
            let (ts, line) = match (v.first(), v.get(1)) {
                (Some(ts), Some(serde_json::Value::String(line))) => (ts, line),
                _ => {
                    return Err(format!(
                        "stream entry is not [timestamp, line(, metadata)]: {}",
                        serde_json::Value::Array(v.clone())
                    ))
                }
            };
            let ts_text = match ts {
                serde_json::Value::String(t) => t.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                other => return Err(format!("bad entry timestamp {other}")),
            };
            let ts = NumText(ts_text.clone())
                .as_u64()
                .ok_or_else(|| format!("bad entry timestamp {ts_text:?}"))?;
            let mut labels = s.stream.clone();
            if let Some(meta) = v.get(2) {
                let categorized = meta
                    .as_object()
                    .is_some_and(|m| m.values().any(serde_json::Value::is_object));
                if categorized {
                    labels.extend(string_map(&meta["structuredMetadata"]));
                    labels.extend(string_map(&meta["parsed"]));
                } else {
                    labels.extend(string_map(meta));
                }
            }
            lines.push(log_line(ts, line, labels));
        }
    }
    match direction {
        Direction::Backward => lines.sort_by_key(|l| std::cmp::Reverse(l.ts_unix_nano)),
        Direction::Forward => lines.sort_by_key(|l| l.ts_unix_nano),
    }
    Ok(lines)
}

/// Decodes a query answer's `data` object (any `resultType`).
pub fn decode_query(data: &str, direction: Direction) -> std::result::Result<LokiData, String> {
    let head: DataHead<'_> = serde_json::from_str(data).map_err(|e| e.to_string())?;
    let _ = &head.encoding_flags;
    match head.result_type.as_str() {
        "streams" => decode_streams(head.result.get(), direction).map(LokiData::Streams),
        _ => Ok(match decode_query_data(data)? {
            QueryData::Matrix(m) => LokiData::Matrix(m),
            QueryData::Vector(v) => LokiData::Vector(v),
            QueryData::Scalar(p) => LokiData::Scalar(p),
            QueryData::String { .. } => return Err("unexpected resultType \"string\"".into()),
        }),
    }
}

impl LokiClient {
    /// A client for `cfg`.
    pub fn new(cfg: &SourceConfig) -> Result<LokiClient> {
        Ok(LokiClient {
            http: Http::new(NAME, cfg)?,
        })
    }

    /// The client the settings describe, or [`SourceError::NotConfigured`] saying how to
    /// configure one.
    pub fn from_settings(settings: &crate::config::Settings) -> Result<LokiClient> {
        match &settings.loki {
            Some(cfg) => LokiClient::new(cfg),
            None => Err(SourceError::NotConfigured {
                source_name: NAME,
                hint: format!(
                    "set `loki_url = \"http://HOST:3100\"` (or a `[profiles.{p}.loki]` table) in \
                     profile '{p}', or export BUTTERFLY_LOKI_URL",
                    p = settings.profile
                ),
            }),
        }
    }

    async fn envelope(
        &self,
        what: &str,
        path: &[&str],
        q: &[(&str, String)],
    ) -> Result<(String, Vec<String>)> {
        let reply = self.http.get(path, q, &[]).await?;
        if !reply.status.is_success() {
            return Err(self.http.status_error(&reply));
        }
        let env: Envelope<'_> = serde_json::from_slice(&reply.body).map_err(|e| {
            self.http
                .decode_error(what, super::json_problem(&e, &reply.body))
        })?;
        if env.status != "success" {
            return Err(SourceError::Http {
                source_name: NAME,
                status: reply.status.as_u16(),
                message: env
                    .error
                    .unwrap_or_else(|| format!("status {:?}", env.status)),
            });
        }
        let data = env
            .data
            .map(|d| d.get().to_string())
            .ok_or_else(|| self.http.decode_error(what, "no `data`"))?;
        Ok((data, env.warnings.unwrap_or_default()))
    }

    /// `GET /loki/api/v1/query_range` with any LogQL (log or metric query). Times are
    /// nanoseconds since the epoch; `limit` caps log lines.
    pub async fn query_range_data(
        &self,
        logql: &str,
        start_ns: u64,
        end_ns: u64,
        limit: u32,
        direction: Direction,
    ) -> Result<LokiResponse> {
        let q = [
            ("query", logql.to_string()),
            ("start", start_ns.to_string()),
            ("end", end_ns.to_string()),
            ("limit", limit.to_string()),
            ("direction", direction.as_str().to_string()),
        ];
        let (data, warnings) = self
            .envelope("query_range", &["loki", "api", "v1", "query_range"], &q)
            .await?;
        let data =
            decode_query(&data, direction).map_err(|e| self.http.decode_error("query_range", e))?;
        Ok(LokiResponse { data, warnings })
    }

    /// Log lines of a LogQL log query between `start_ns` and `end_ns` (nanoseconds since the
    /// epoch), at most `limit`, newest first for [`Direction::Backward`]. A metric query is a
    /// [`SourceError::InvalidArgument`] (use [`LokiClient::query_range_data`]).
    pub async fn query_range(
        &self,
        logql: &str,
        start_ns: u64,
        end_ns: u64,
        limit: u32,
        direction: Direction,
    ) -> Result<Vec<LogLine>> {
        match self
            .query_range_data(logql, start_ns, end_ns, limit, direction)
            .await?
            .data
        {
            LokiData::Streams(lines) => Ok(lines),
            _ => Err(SourceError::InvalidArgument {
                source_name: NAME,
                message: "this is a metric query; it returns samples, not log lines".into(),
            }),
        }
    }

    /// `GET /loki/api/v1/query`: a LogQL query at one instant (`time_ns`; the server's now when
    /// `None`).
    pub async fn query(
        &self,
        logql: &str,
        time_ns: Option<u64>,
        limit: u32,
        direction: Direction,
    ) -> Result<LokiResponse> {
        let mut q = vec![
            ("query", logql.to_string()),
            ("limit", limit.to_string()),
            ("direction", direction.as_str().to_string()),
        ];
        if let Some(t) = time_ns {
            q.push(("time", t.to_string()));
        }
        let (data, warnings) = self
            .envelope("query", &["loki", "api", "v1", "query"], &q)
            .await?;
        let data =
            decode_query(&data, direction).map_err(|e| self.http.decode_error("query", e))?;
        Ok(LokiResponse { data, warnings })
    }

    fn range(start_ns: Option<u64>, end_ns: Option<u64>) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(s) = start_ns {
            q.push(("start", s.to_string()));
        }
        if let Some(e) = end_ns {
            q.push(("end", e.to_string()));
        }
        q
    }

    /// `GET /loki/api/v1/labels`: label names seen in the range.
    pub async fn labels(&self, start_ns: Option<u64>, end_ns: Option<u64>) -> Result<Vec<String>> {
        self.strings("labels", &["loki", "api", "v1", "labels"], start_ns, end_ns)
            .await
    }

    /// `GET /loki/api/v1/label/{name}/values` (`name` is percent-encoded).
    pub async fn label_values(
        &self,
        name: &str,
        start_ns: Option<u64>,
        end_ns: Option<u64>,
    ) -> Result<Vec<String>> {
        self.strings(
            "label values",
            &["loki", "api", "v1", "label", name, "values"],
            start_ns,
            end_ns,
        )
        .await
    }

    /// A `{"status":"success","data":[strings]}` answer (`data` may be null: no values).
    async fn strings(
        &self,
        what: &str,
        path: &[&str],
        start_ns: Option<u64>,
        end_ns: Option<u64>,
    ) -> Result<Vec<String>> {
        let (data, _) = self
            .envelope(what, path, &Self::range(start_ns, end_ns))
            .await?;
        serde_json::from_str::<Option<Vec<String>>>(&data)
            .map(Option::unwrap_or_default)
            .map_err(|e| self.http.decode_error(what, e))
    }

    /// `GET /loki/api/v1/series`: label sets of the streams matching any of `matchers`.
    pub async fn series(
        &self,
        matchers: &[&str],
        start_ns: Option<u64>,
        end_ns: Option<u64>,
    ) -> Result<Vec<BTreeMap<String, String>>> {
        let mut q: Vec<(&str, String)> = matchers
            .iter()
            .map(|m| ("match[]", (*m).to_string()))
            .collect();
        q.extend(Self::range(start_ns, end_ns));
        let (data, _) = self
            .envelope("series", &["loki", "api", "v1", "series"], &q)
            .await?;
        serde_json::from_str::<Option<Vec<BTreeMap<String, String>>>>(&data)
            .map(Option::unwrap_or_default)
            .map_err(|e| self.http.decode_error("series", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_json_lines_are_lifted() {
        let line = r#"{"ts":"2026-01-01T00:00:00Z","level":"WARN","message":"slow layer","target":"butterfly_node","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","request_id":"req_abc123","node_id":"compute-3","consensus_term":4,"component":"inference","fields":{"layer":"7"}}"#;
        let l = log_line(
            5,
            line,
            BTreeMap::from([("job".into(), "butterfly".into())]),
        );
        assert_eq!(l.level, "WARN");
        assert_eq!(l.message, "slow layer");
        assert_eq!(l.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(l.span_id, "00f067aa0ba902b7");
        assert_eq!(l.request_id, "req_abc123");
        assert_eq!(l.node_id, "compute-3");
        assert_eq!(l.component, "inference");
        assert_eq!(l.fields["layer"], "7");
        assert_eq!(l.fields["consensus_term"], "4");
        assert_eq!(l.fields["job"], "butterfly");
        assert!(!l.fields.contains_key("message"));
    }

    #[test]
    fn plain_lines_take_level_from_labels() {
        let l = log_line(
            1,
            "{not json",
            BTreeMap::from([("detected_level".into(), "warning".into())]),
        );
        assert_eq!(l.message, "{not json");
        assert_eq!(l.level, "WARN");
        let l = log_line(1, "[1,2]", BTreeMap::new());
        assert_eq!(l.message, "[1,2]");
        assert_eq!(l.level, "");
    }

    #[test]
    fn entries_of_two_and_three_elements() {
        let r = r#"[{"stream":{"a":"1"},"values":[["3","x"],["1","y",{"m":"v"}],["2","z",{"structuredMetadata":{"s":"t"},"parsed":{"p":"q"}}]]}]"#;
        let lines = decode_streams(r, Direction::Forward).unwrap();
        assert_eq!(
            lines.iter().map(|l| l.ts_unix_nano).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(lines[0].fields["m"], "v");
        assert_eq!(lines[1].fields["s"], "t");
        assert_eq!(lines[1].fields["p"], "q");
        assert!(decode_streams(
            r#"[{"stream":{},"values":[["x","y"]]}]"#,
            Direction::Forward
        )
        .is_err());
        assert!(decode_streams(r#"[{"stream":{},"values":[["1"]]}]"#, Direction::Forward).is_err());
    }
}
