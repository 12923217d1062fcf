//! Jaeger query client: api_v3 (`/api/v3/traces/{id}`, `/api/v3/traces`, `/api/v3/services`,
//! `/api/v3/operations`) and the legacy `/api/traces/{id}`, converted to [`crate::trace::Span`].
//!
//! Tolerates every encoding Jaeger has shipped: hex or base64 (grpc-gateway, ≤ v1.53) ids, enum
//! names or integers, `"parentSpanId": ""` for roots, `*UnixNano` as strings or numbers (u64),
//! several concatenated `{"result":…}` chunks, and legacy 16-hex trace ids (left-padded to 32).
//! A span's `node_id` is its resource's `service.instance.id` or `node.id` attribute (then the
//! span's own `node.id`), else `service.name`. The client returns spans as stored: it does not
//! check that parents exist or that the spans form a tree.

use super::{one_line, Http, NumText, Result, SourceConfig, SourceError};
use crate::trace::{Span, SpanStatus};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// Back-end name used in messages.
pub const NAME: &str = "jaeger";
/// Default `query.searchDepth` (most traces one search returns): 20.
pub const DEFAULT_SEARCH_DEPTH: u32 = 20;

/// A Jaeger query service (the UI's HTTP port, 16686 by default).
#[derive(Debug, Clone)]
pub struct JaegerClient {
    http: Http,
}

/// An operation of a service (`/api/v3/operations`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Operation (span) name.
    pub name: String,
    /// `server`, `client`, `producer`, `consumer`, `internal`, or empty.
    #[serde(default)]
    pub span_kind: String,
}

/// A trace search (`GET /api/v3/traces`). Times are nanoseconds since the Unix epoch; both are
/// required by Jaeger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TraceQuery {
    /// Service whose spans are searched (`query.serviceName`).
    pub service: String,
    /// Only spans with this name (`query.operationName`).
    pub operation: Option<String>,
    /// Span or resource attributes that must all match on one span (`query.attributes`).
    pub attributes: BTreeMap<String, String>,
    /// Earliest span start, inclusive (`query.startTimeMin`).
    pub start_min_ns: u64,
    /// Latest span start, exclusive (`query.startTimeMax`).
    pub start_max_ns: u64,
    /// Only spans at least this long (`query.durationMin`).
    pub duration_min: Option<Duration>,
    /// Only spans at most this long (`query.durationMax`).
    pub duration_max: Option<Duration>,
    /// Most traces returned (`query.searchDepth`) [default: [`DEFAULT_SEARCH_DEPTH`]].
    pub search_depth: Option<u32>,
}

/// Normalizes a trace id to 32 lowercase hex digits: 1–32 hex digits are left-padded with
/// zeros (legacy 16-char ids), base64 of 16 bytes (grpc-gateway) is converted. `None` when the
/// text is neither, or the id is all zeros.
pub fn normalize_trace_id(id: &str) -> Option<String> {
    normalize_id(id, 16)
}

/// Normalizes a span id to 16 lowercase hex digits (hex or base64 of 8 bytes).
pub fn normalize_span_id(id: &str) -> Option<String> {
    normalize_id(id, 8)
}

fn normalize_id(id: &str, bytes: usize) -> Option<String> {
    let id = id.trim();
    let hex_len = bytes * 2;
    let out = if !id.is_empty() && id.len() <= hex_len && id.bytes().all(|b| b.is_ascii_hexdigit())
    {
        format!("{:0>width$}", id.to_ascii_lowercase(), width = hex_len)
    } else {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(id)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(id))
            .ok()?;
        if raw.is_empty() || raw.len() > bytes {
            return None;
        }
        format!("{:0>width$}", hex::encode(raw), width = hex_len)
    };
    if out.bytes().all(|b| b == b'0') {
        return None;
    }
    Some(out)
}

// ---- OTLP-JSON (api_v3) -------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Chunk {
    #[serde(default)]
    result: Option<TracesData>,
    #[serde(default)]
    resource_spans: Option<Vec<ResourceSpans>>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct TracesData {
    #[serde(default)]
    resource_spans: Vec<ResourceSpans>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ResourceSpans {
    #[serde(default)]
    resource: Option<Resource>,
    #[serde(default, alias = "instrumentationLibrarySpans")]
    scope_spans: Vec<ScopeSpans>,
}

#[derive(Deserialize, Default)]
struct Resource {
    #[serde(default)]
    attributes: Vec<KeyValue>,
}

#[derive(Deserialize, Default)]
struct ScopeSpans {
    #[serde(default)]
    spans: Vec<OtlpSpan>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct OtlpSpan {
    #[serde(default)]
    trace_id: String,
    #[serde(default)]
    span_id: String,
    #[serde(default)]
    parent_span_id: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: Option<NumText>,
    #[serde(default)]
    start_time_unix_nano: NumText,
    #[serde(default)]
    end_time_unix_nano: NumText,
    #[serde(default)]
    attributes: Vec<KeyValue>,
    #[serde(default)]
    status: Option<OtlpStatus>,
}

#[derive(Deserialize, Default)]
struct OtlpStatus {
    #[serde(default)]
    code: Option<NumText>,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize, Default)]
struct KeyValue {
    #[serde(default)]
    key: String,
    #[serde(default)]
    value: Option<AnyValue>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AnyValue {
    #[serde(default)]
    string_value: Option<String>,
    #[serde(default)]
    bool_value: Option<bool>,
    #[serde(default)]
    int_value: Option<NumText>,
    #[serde(default)]
    double_value: Option<NumText>,
    #[serde(default)]
    bytes_value: Option<String>,
    #[serde(default)]
    array_value: Option<ArrayValue>,
    #[serde(default)]
    kvlist_value: Option<KvList>,
}

#[derive(Deserialize, Default)]
struct ArrayValue {
    #[serde(default)]
    values: Vec<AnyValue>,
}

#[derive(Deserialize, Default)]
struct KvList {
    #[serde(default)]
    values: Vec<KeyValue>,
}

fn any_to_string(v: &AnyValue) -> String {
    if let Some(s) = &v.string_value {
        s.clone()
    } else if let Some(b) = v.bool_value {
        b.to_string()
    } else if let Some(i) = &v.int_value {
        i.0.clone()
    } else if let Some(d) = &v.double_value {
        d.0.clone()
    } else if let Some(b) = &v.bytes_value {
        b.clone()
    } else if let Some(a) = &v.array_value {
        let items: Vec<String> = a.values.iter().map(any_to_string).collect();
        format!("[{}]", items.join(","))
    } else if let Some(kv) = &v.kvlist_value {
        let items: Vec<String> = kv
            .values
            .iter()
            .map(|e| {
                format!(
                    "{}={}",
                    e.key,
                    e.value.as_ref().map(any_to_string).unwrap_or_default()
                )
            })
            .collect();
        format!("{{{}}}", items.join(","))
    } else {
        String::new()
    }
}

fn attrs(kvs: &[KeyValue]) -> BTreeMap<String, String> {
    kvs.iter()
        .map(|kv| {
            (
                kv.key.clone(),
                kv.value.as_ref().map(any_to_string).unwrap_or_default(),
            )
        })
        .collect()
}

fn kind_name(k: &str) -> Option<&'static str> {
    Some(match k {
        "1" | "SPAN_KIND_INTERNAL" => "internal",
        "2" | "SPAN_KIND_SERVER" => "server",
        "3" | "SPAN_KIND_CLIENT" => "client",
        "4" | "SPAN_KIND_PRODUCER" => "producer",
        "5" | "SPAN_KIND_CONSUMER" => "consumer",
        _ => return None,
    })
}

fn otlp_status(code: &str) -> SpanStatus {
    match code {
        "1" | "STATUS_CODE_OK" => SpanStatus::Ok,
        "2" | "STATUS_CODE_ERROR" => SpanStatus::Error,
        _ => SpanStatus::Unset,
    }
}

/// Decodes an api_v3 body: one or more concatenated `{"result":{"resourceSpans":…}}` chunks
/// (or plain OTLP `{"resourceSpans":…}`), into spans in document order.
pub fn decode_otlp_traces(body: &[u8]) -> std::result::Result<Vec<Span>, String> {
    let mut spans = Vec::new();
    let mut chunks = 0usize;
    for chunk in serde_json::Deserializer::from_slice(body).into_iter::<Chunk>() {
        let chunk = chunk.map_err(|e| super::json_problem(&e, body))?;
        chunks += 1;
        if let Some(err) = chunk.error {
            let msg = err["message"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| err.to_string());
            return Err(format!("error in the stream: {}", one_line(&msg, 200)));
        }
        let rs = match (chunk.result, chunk.resource_spans) {
            (Some(td), _) => td.resource_spans,
            (None, Some(rs)) => rs,
            (None, None) => Vec::new(),
        };
        for r in rs {
            let res = r.resource.map(|r| attrs(&r.attributes)).unwrap_or_default();
            for ss in r.scope_spans {
                for s in ss.spans {
                    spans.push(otlp_span(s, &res)?);
                }
            }
        }
    }
    if chunks == 0 {
        return Err("empty body".into());
    }
    Ok(spans)
}

fn otlp_span(
    s: OtlpSpan,
    resource: &BTreeMap<String, String>,
) -> std::result::Result<Span, String> {
    let trace_id = normalize_trace_id(&s.trace_id)
        .ok_or_else(|| format!("span {:?}: bad traceId {:?}", s.name, s.trace_id))?;
    let span_id = normalize_span_id(&s.span_id)
        .ok_or_else(|| format!("span {:?}: bad spanId {:?}", s.name, s.span_id))?;
    let parent_span_id = match s.parent_span_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(
            normalize_span_id(p)
                .ok_or_else(|| format!("span {span_id}: bad parentSpanId {p:?}"))?,
        ),
    };
    let start = s.start_time_unix_nano.as_u64().ok_or_else(|| {
        format!(
            "span {span_id}: bad startTimeUnixNano {:?}",
            s.start_time_unix_nano.0
        )
    })?;
    let end = s.end_time_unix_nano.as_u64().ok_or_else(|| {
        format!(
            "span {span_id}: bad endTimeUnixNano {:?}",
            s.end_time_unix_nano.0
        )
    })?;
    let mut attributes = attrs(&s.attributes);
    let node_id = ["service.instance.id", "node.id"]
        .iter()
        .find_map(|k| resource.get(*k).filter(|v| !v.is_empty()))
        .or_else(|| attributes.get("node.id").filter(|v| !v.is_empty()))
        .or_else(|| resource.get("service.name").filter(|v| !v.is_empty()))
        .cloned()
        .unwrap_or_else(|| "unknown".to_string());
    if let Some(svc) = resource.get("service.name") {
        attributes
            .entry("service.name".into())
            .or_insert_with(|| svc.clone());
    }
    if let Some(kind) = s.kind.as_ref().and_then(|k| kind_name(k.0.trim())) {
        attributes
            .entry("span.kind".into())
            .or_insert_with(|| kind.to_string());
    }
    let mut status = SpanStatus::Unset;
    if let Some(st) = &s.status {
        status = st
            .code
            .as_ref()
            .map(|c| otlp_status(c.0.trim()))
            .unwrap_or_default();
        if !st.message.is_empty() {
            attributes
                .entry("otel.status_description".into())
                .or_insert_with(|| st.message.clone());
        }
    }
    Ok(Span {
        trace_id,
        span_id,
        parent_span_id,
        node_id,
        name: s.name,
        start_unix_nano: start,
        duration_ns: end.saturating_sub(start),
        status,
        attributes,
    })
}

// ---- legacy /api/traces -------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(untagged)]
enum LegacyBody {
    Envelope {
        #[serde(default)]
        data: Option<Vec<LegacyTrace>>,
        #[serde(default)]
        errors: Option<Vec<LegacyError>>,
    },
}

#[derive(Deserialize, Default)]
struct LegacyError {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    msg: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct LegacyTrace {
    #[serde(default, rename = "traceID")]
    trace_id: String,
    #[serde(default)]
    spans: Vec<LegacySpan>,
    #[serde(default)]
    processes: BTreeMap<String, LegacyProcess>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct LegacySpan {
    #[serde(default, rename = "traceID")]
    trace_id: String,
    #[serde(default, rename = "spanID")]
    span_id: String,
    #[serde(default, rename = "parentSpanID")]
    parent_span_id: Option<String>,
    #[serde(default)]
    operation_name: String,
    #[serde(default)]
    references: Option<Vec<LegacyRef>>,
    #[serde(default)]
    start_time: NumText,
    #[serde(default)]
    duration: NumText,
    #[serde(default)]
    tags: Option<Vec<LegacyTag>>,
    #[serde(default, rename = "processID")]
    process_id: String,
    #[serde(default)]
    process: Option<LegacyProcess>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct LegacyRef {
    #[serde(default)]
    ref_type: String,
    #[serde(default, rename = "traceID")]
    trace_id: String,
    #[serde(default, rename = "spanID")]
    span_id: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
struct LegacyProcess {
    #[serde(default)]
    service_name: String,
    #[serde(default)]
    tags: Option<Vec<LegacyTag>>,
}

#[derive(Deserialize, Default, Clone)]
struct LegacyTag {
    #[serde(default)]
    key: String,
    #[serde(default)]
    value: serde_json::Value,
}

fn tag_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn tags(t: &Option<Vec<LegacyTag>>) -> BTreeMap<String, String> {
    t.iter()
        .flatten()
        .map(|t| (t.key.clone(), tag_text(&t.value)))
        .collect()
}

/// Decodes a legacy body: the `{"data":[trace…],"errors":…}` envelope of `/api/traces/{id}`,
/// or one bare `ui.Trace` object. Times are microseconds in, nanoseconds out.
pub fn decode_legacy_traces(body: &[u8]) -> std::result::Result<Vec<Span>, String> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| super::json_problem(&e, body))?;
    let traces: Vec<LegacyTrace> = if value.get("spans").is_some() {
        vec![serde_json::from_value(value).map_err(|e| e.to_string())?]
    } else {
        let LegacyBody::Envelope { data, errors } =
            serde_json::from_value(value).map_err(|e| e.to_string())?;
        match (data, errors) {
            (Some(d), _) => d,
            (None, Some(errs)) if !errs.is_empty() => {
                let msgs: Vec<String> = errs
                    .iter()
                    .map(|e| match e.code {
                        Some(c) => format!("{} ({c})", e.msg),
                        None => e.msg.clone(),
                    })
                    .collect();
                return Err(msgs.join("; "));
            }
            _ => Vec::new(),
        }
    };
    let mut out = Vec::new();
    for t in traces {
        for s in t.spans {
            out.push(legacy_span(&t.trace_id, s, &t.processes)?);
        }
    }
    Ok(out)
}

fn legacy_span(
    trace_hint: &str,
    s: LegacySpan,
    processes: &BTreeMap<String, LegacyProcess>,
) -> std::result::Result<Span, String> {
    let raw_trace = if s.trace_id.is_empty() {
        trace_hint
    } else {
        &s.trace_id
    };
    let trace_id = normalize_trace_id(raw_trace)
        .ok_or_else(|| format!("span {:?}: bad traceID {raw_trace:?}", s.operation_name))?;
    let span_id = normalize_span_id(&s.span_id)
        .ok_or_else(|| format!("span {:?}: bad spanID {:?}", s.operation_name, s.span_id))?;
    let refs = s.references.as_deref().unwrap_or_default();
    let same_trace = |r: &&LegacyRef| normalize_trace_id(&r.trace_id).is_none_or(|t| t == trace_id);
    let parent_raw = s
        .parent_span_id
        .clone()
        .filter(|p| !p.trim_start_matches('0').is_empty())
        .or_else(|| {
            refs.iter()
                .filter(|r| r.ref_type == "CHILD_OF")
                .find(same_trace)
                .or_else(|| refs.iter().find(|r| r.ref_type == "CHILD_OF"))
                .or_else(|| refs.iter().find(same_trace))
                .map(|r| r.span_id.clone())
        });
    let parent_span_id = match parent_raw {
        None => None,
        Some(p) => {
            Some(normalize_span_id(&p).ok_or_else(|| format!("span {span_id}: bad parent {p:?}"))?)
        }
    };
    let process = s
        .process
        .clone()
        .or_else(|| processes.get(&s.process_id).cloned())
        .unwrap_or_default();
    let ptags = tags(&process.tags);
    let mut attributes = tags(&s.tags);
    let node_id = ["service.instance.id", "node.id"]
        .iter()
        .find_map(|k| ptags.get(*k).filter(|v| !v.is_empty()))
        .or_else(|| attributes.get("node.id").filter(|v| !v.is_empty()))
        .cloned()
        .or_else(|| Some(process.service_name.clone()).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".into());
    if !process.service_name.is_empty() {
        attributes
            .entry("service.name".into())
            .or_insert_with(|| process.service_name.clone());
    }
    let status = match (
        attributes.get("error").map(String::as_str),
        attributes.get("otel.status_code").map(String::as_str),
    ) {
        (Some("true"), _) | (_, Some("ERROR")) => SpanStatus::Error,
        (_, Some("OK")) => SpanStatus::Ok,
        _ => SpanStatus::Unset,
    };
    let us = |n: &NumText, what: &str| {
        n.as_u64()
            .map(|v| v.saturating_mul(1000))
            .ok_or_else(|| format!("span {span_id}: bad {what} {:?}", n.0))
    };
    Ok(Span {
        trace_id,
        start_unix_nano: us(&s.start_time, "startTime")?,
        duration_ns: us(&s.duration, "duration")?,
        span_id,
        parent_span_id,
        node_id,
        name: s.operation_name,
        status,
        attributes,
    })
}

/// RFC 3339 with nanoseconds, UTC (`2026-11-25T01:32:28.123456789Z`), as api_v3 expects.
pub fn rfc3339_nanos(ns: u64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// A Go duration string (`"1.5s"`), as `query.durationMin/Max` expect.
fn go_duration(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns.is_multiple_of(1_000_000_000) {
        format!("{}s", ns / 1_000_000_000)
    } else {
        let s = format!("{}.{:09}", ns / 1_000_000_000, ns % 1_000_000_000);
        format!("{}s", s.trim_end_matches('0'))
    }
}

impl JaegerClient {
    /// A client for `cfg`.
    pub fn new(cfg: &SourceConfig) -> Result<JaegerClient> {
        Ok(JaegerClient {
            http: Http::new(NAME, cfg)?,
        })
    }

    /// The client the settings describe, or [`SourceError::NotConfigured`] saying how to
    /// configure one.
    pub fn from_settings(settings: &crate::config::Settings) -> Result<JaegerClient> {
        match &settings.jaeger {
            Some(cfg) => JaegerClient::new(cfg),
            None => Err(SourceError::NotConfigured {
                source_name: NAME,
                hint: format!(
                    "set `jaeger_url = \"http://HOST:16686\"` (or a `[profiles.{p}.jaeger]` table) in \
                     profile '{p}', or export BUTTERFLY_JAEGER_URL",
                    p = settings.profile
                ),
            }),
        }
    }

    fn bad_id(&self, id: &str) -> SourceError {
        SourceError::InvalidArgument {
            source_name: NAME,
            message: format!(
                "'{}' is not a trace id (1 to 32 hex digits, or base64 of 16 bytes)",
                one_line(id, 80)
            ),
        }
    }

    /// One trace by id, as stored: api_v3 `GET /api/v3/traces/{id}`, falling back to the legacy
    /// `GET /api/traces/{id}` when the server has no api_v3 route. An unknown id is
    /// [`SourceError::NotFound`]. Spans are in the server's order; parents are not checked.
    pub async fn get_trace(&self, trace_id: &str) -> Result<Vec<Span>> {
        let id = normalize_trace_id(trace_id).ok_or_else(|| self.bad_id(trace_id))?;
        let reply = self
            .http
            .get(&["api", "v3", "traces", &id], &[], &[])
            .await?;
        if reply.status.as_u16() == 404 && !is_json(&reply.body) {
            // No api_v3 here ("404 page not found"): an older Jaeger.
            return self.get_trace_legacy(&id).await;
        }
        self.v3_traces(&reply, &format!("trace {id}"), false)
    }

    /// One trace by id through the legacy API (`GET /api/traces/{id}`).
    pub async fn get_trace_legacy(&self, trace_id: &str) -> Result<Vec<Span>> {
        let id = normalize_trace_id(trace_id).ok_or_else(|| self.bad_id(trace_id))?;
        let reply = self.http.get(&["api", "traces", &id], &[], &[]).await?;
        if reply.status.as_u16() == 404 {
            return Err(SourceError::NotFound {
                source_name: NAME,
                what: format!("trace {id}"),
            });
        }
        if !reply.status.is_success() {
            return Err(self.http.status_error(&reply));
        }
        let spans =
            decode_legacy_traces(&reply.body).map_err(|e| self.http.decode_error("trace", e))?;
        if spans.is_empty() {
            return Err(SourceError::NotFound {
                source_name: NAME,
                what: format!("trace {id}"),
            });
        }
        Ok(spans)
    }

    fn v3_traces(&self, reply: &super::Reply, what: &str, empty_ok: bool) -> Result<Vec<Span>> {
        if reply.status.as_u16() == 404 {
            if empty_ok {
                return Ok(Vec::new());
            }
            return Err(SourceError::NotFound {
                source_name: NAME,
                what: what.to_string(),
            });
        }
        if !reply.status.is_success() {
            return Err(self.http.status_error(reply));
        }
        let spans = decode_otlp_traces(&reply.body).map_err(|e| self.http.decode_error(what, e))?;
        if spans.is_empty() && !empty_ok {
            return Err(SourceError::NotFound {
                source_name: NAME,
                what: what.to_string(),
            });
        }
        Ok(spans)
    }

    /// Searches traces (`GET /api/v3/traces`) and returns every span of every matching trace.
    /// No match (Jaeger answers 404 "No traces found") is an empty list.
    pub async fn find_traces(&self, q: &TraceQuery) -> Result<Vec<Span>> {
        let mut params: Vec<(&str, String)> = vec![
            ("query.serviceName", q.service.clone()),
            ("query.startTimeMin", rfc3339_nanos(q.start_min_ns)),
            ("query.startTimeMax", rfc3339_nanos(q.start_max_ns)),
            (
                "query.searchDepth",
                q.search_depth.unwrap_or(DEFAULT_SEARCH_DEPTH).to_string(),
            ),
        ];
        if let Some(op) = &q.operation {
            params.push(("query.operationName", op.clone()));
        }
        if !q.attributes.is_empty() {
            let json = serde_json::to_string(&q.attributes)
                .map_err(|e| self.http.decode_error("attributes", e))?;
            params.push(("query.attributes", json));
        }
        if let Some(d) = q.duration_min {
            params.push(("query.durationMin", go_duration(d)));
        }
        if let Some(d) = q.duration_max {
            params.push(("query.durationMax", go_duration(d)));
        }
        let reply = self
            .http
            .get(&["api", "v3", "traces"], &params, &[])
            .await?;
        self.v3_traces(&reply, "traces", true)
    }

    /// Ids (32 lowercase hex, first-seen order, no repeats) of the traces of `service` that have
    /// a span with attribute `key` = `value`, started in the last `since`. Used to find a
    /// request's trace by `request_id`.
    pub async fn find_trace_ids_by_attribute(
        &self,
        service: &str,
        key: &str,
        value: &str,
        since: Duration,
    ) -> Result<Vec<String>> {
        let now = super::now_unix_nanos();
        let span_ns = u64::try_from(since.as_nanos()).unwrap_or(u64::MAX);
        let q = TraceQuery {
            service: service.to_string(),
            attributes: BTreeMap::from([(key.to_string(), value.to_string())]),
            start_min_ns: now.saturating_sub(span_ns),
            start_max_ns: now.saturating_add(60_000_000_000),
            ..TraceQuery::default()
        };
        let mut ids: Vec<String> = Vec::new();
        for s in self.find_traces(&q).await? {
            if !ids.contains(&s.trace_id) {
                ids.push(s.trace_id);
            }
        }
        Ok(ids)
    }

    /// Service names (`GET /api/v3/services`).
    pub async fn services(&self) -> Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Services {
            #[serde(default)]
            services: Vec<String>,
        }
        let reply = self.http.get(&["api", "v3", "services"], &[], &[]).await?;
        if !reply.status.is_success() {
            return Err(self.http.status_error(&reply));
        }
        let s: Services = self.http.json("services", &reply.body)?;
        Ok(s.services)
    }

    /// Operations of `service`, optionally of one span kind (`GET /api/v3/operations`).
    pub async fn operations(
        &self,
        service: &str,
        span_kind: Option<&str>,
    ) -> Result<Vec<Operation>> {
        #[derive(Deserialize)]
        struct Operations {
            #[serde(default)]
            operations: Vec<Operation>,
        }
        let mut q = vec![("service", service.to_string())];
        if let Some(k) = span_kind {
            q.push(("spanKind", k.to_string()));
        }
        let reply = self.http.get(&["api", "v3", "operations"], &q, &[]).await?;
        if !reply.status.is_success() {
            return Err(self.http.status_error(&reply));
        }
        let o: Operations = self.http.json("operations", &reply.body)?;
        Ok(o.operations)
    }
}

fn is_json(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_normalize() {
        assert_eq!(
            normalize_trace_id("0000000000000001").as_deref(),
            Some("00000000000000000000000000000001")
        );
        assert_eq!(
            normalize_trace_id("4766F1209F70A5E2E55417FC296FD101").as_deref(),
            Some("4766f1209f70a5e2e55417fc296fd101")
        );
        assert_eq!(
            normalize_trace_id("AAAAAAAAAJYAAAAAAAAAoA==").as_deref(),
            Some("000000000000009600000000000000a0")
        );
        assert_eq!(
            normalize_span_id("AAAAAAAAALQ=").as_deref(),
            Some("00000000000000b4")
        );
        assert_eq!(normalize_trace_id(""), None);
        assert_eq!(normalize_trace_id("0000"), None);
        assert_eq!(normalize_trace_id("../../etc"), None);
        assert_eq!(normalize_trace_id(&"a".repeat(33)), None);
    }

    #[test]
    fn concatenated_chunks_and_enum_names() {
        let body = br#"{"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}},{"key":"service.instance.id","value":{"stringValue":"compute-1"}}]},"scopeSpans":[{"spans":[{"traceId":"AAAAAAAAAJYAAAAAAAAAoA==","spanId":"AAAAAAAAALQ=","parentSpanId":"","name":"a","kind":"SPAN_KIND_SERVER","startTimeUnixNano":"11651379494838206464","endTimeUnixNano":11651379494838206465,"status":{"code":"STATUS_CODE_ERROR"},"attributes":[{"key":"n","value":{"intValue":"9223372036854775807"}}]}]}]}]}}
{"result":{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"000000000000009600000000000000A0","spanId":"00000000000000b5","parentSpanId":"00000000000000b4","name":"b","kind":3,"startTimeUnixNano":"5","endTimeUnixNano":"3","status":{"code":1}}]}]}]}}"#;
        let spans = decode_otlp_traces(body).unwrap();
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].trace_id, "000000000000009600000000000000a0");
        assert_eq!(spans[0].parent_span_id, None);
        assert_eq!(spans[0].node_id, "compute-1");
        assert_eq!(spans[0].status, SpanStatus::Error);
        assert_eq!(spans[0].start_unix_nano, 11_651_379_494_838_206_464);
        assert_eq!(spans[0].duration_ns, 1);
        assert_eq!(spans[0].attributes["span.kind"], "server");
        assert_eq!(spans[0].attributes["n"], "9223372036854775807");
        assert_eq!(spans[1].parent_span_id.as_deref(), Some("00000000000000b4"));
        assert_eq!(spans[1].node_id, "unknown");
        assert_eq!(spans[1].duration_ns, 0, "end before start saturates");
        assert_eq!(spans[1].status, SpanStatus::Ok);
    }

    #[test]
    fn broken_bodies_are_errors() {
        assert!(decode_otlp_traces(b"").is_err());
        assert!(decode_otlp_traces(br#"{"result":{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"01"}]}]}]}}"#).is_err());
        let e = decode_otlp_traces(br#"{"result":{"resourceSpans":["#).unwrap_err();
        assert!(e.contains("truncated"), "{e}");
        let e = decode_otlp_traces(br#"{"error":{"httpCode":500,"message":"boom"}}"#).unwrap_err();
        assert!(e.contains("boom"), "{e}");
    }

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(Duration::from_secs(10)), "10s");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(
            rfc3339_nanos(1_795_570_348_123_456_789),
            "2026-11-25T01:32:28.123456789Z"
        );
    }
}
