//! The `tracing` layer: gives every span W3C ids, records finished spans into the
//! [`SpanBuffer`] (and, through the [`TailSampler`], into a [`SpanExporter`]), and turns every
//! event into a scrubbed [`LogRecord`] kept in the [`LogBuffer`] and optionally written as one
//! JSON object per line.
//!
//! Span field conventions (all optional):
//! * `traceparent` / `tracestate`: W3C headers extracted from the incoming message; the span
//!   continues that trace with the remote span as parent (only on spans without a local parent);
//! * `request_id`, `component`: inherited by child spans and by every log entry inside;
//! * `error` (any value), `status = "error"`, or an ERROR event inside: the span is an error;
//! * `byzantine = true`: the span recorded a Byzantine event (its trace is always sampled).
//!
//! Every other field becomes a scrubbed attribute (see [`Scrubber`]).

use std::fmt::{self, Write as _};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use crate::buffers::{Level, LogBuffer, LogRecord, SpanBuffer, SpanRecord};
use crate::sampling::{SampledTrace, SamplerConfig, TailSampler};
use crate::scrub::Scrubber;
use crate::trace_context::{
    random_span_id, random_trace_id, TraceContext, TraceState, FLAG_RANDOM, FLAG_SAMPLED,
};

/// Node id used until [`NodeContext::set_node_id`] is called.
pub const DEFAULT_NODE_ID: &str = "unknown";

/// Node identity and consensus term, shared between the node and the layer; cheap to read.
#[derive(Debug)]
pub struct NodeContext {
    node_id: RwLock<Arc<str>>,
    term: AtomicU64,
}

impl NodeContext {
    /// A context for `node_id`, term 0.
    pub fn new(node_id: &str) -> Arc<Self> {
        Arc::new(Self {
            node_id: RwLock::new(Arc::from(node_id)),
            term: AtomicU64::new(0),
        })
    }

    /// The node id.
    pub fn node_id(&self) -> Arc<str> {
        self.node_id
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Changes the node id.
    pub fn set_node_id(&self, node_id: &str) {
        *self.node_id.write().unwrap_or_else(|e| e.into_inner()) = Arc::from(node_id);
    }

    /// The consensus term.
    pub fn consensus_term(&self) -> u64 {
        self.term.load(Ordering::Relaxed)
    }

    /// Sets the consensus term (call on every term change).
    pub fn set_consensus_term(&self, term: u64) {
        self.term.store(term, Ordering::Relaxed);
    }
}

/// Receives kept traces. Called on the thread that closed the root span: must not block.
pub trait SpanExporter: Send + Sync + 'static {
    /// Hands over one kept trace.
    fn export(&self, trace: SampledTrace);
}

/// Settings of [`Telemetry`].
#[derive(Debug, Clone)]
pub struct TelemetryConfig {
    /// Node id (default [`DEFAULT_NODE_ID`]).
    pub node_id: String,
    /// Span buffer capacity, spans (default [`crate::DEFAULT_SPAN_BUFFER_CAPACITY`]).
    pub span_buffer_capacity: usize,
    /// Log buffer capacity, entries (default [`crate::DEFAULT_LOG_BUFFER_CAPACITY`]).
    pub log_buffer_capacity: usize,
    /// Tail-sampling settings.
    pub sampler: SamplerConfig,
    /// Pepper for user-id hashing (default empty: set one in production).
    pub pepper: Vec<u8>,
}

impl Default for TelemetryConfig {
    fn default() -> Self {
        Self {
            node_id: DEFAULT_NODE_ID.to_owned(),
            span_buffer_capacity: crate::DEFAULT_SPAN_BUFFER_CAPACITY,
            log_buffer_capacity: crate::DEFAULT_LOG_BUFFER_CAPACITY,
            sampler: SamplerConfig::default(),
            pepper: Vec::new(),
        }
    }
}

/// The shared state a node keeps: node context, buffers, sampler and scrubber. Clone freely.
#[derive(Debug, Clone)]
pub struct Telemetry {
    /// Node id and term.
    pub node: Arc<NodeContext>,
    /// Recent spans.
    pub spans: Arc<SpanBuffer>,
    /// Recent log entries.
    pub logs: Arc<LogBuffer>,
    /// Tail sampler feeding the exporter.
    pub sampler: Arc<TailSampler>,
    /// PII scrubber.
    pub scrubber: Arc<Scrubber>,
}

impl Telemetry {
    /// Creates the shared state.
    pub fn new(config: TelemetryConfig) -> Self {
        Self {
            node: NodeContext::new(&config.node_id),
            spans: Arc::new(SpanBuffer::new(config.span_buffer_capacity)),
            logs: Arc::new(LogBuffer::new(config.log_buffer_capacity)),
            sampler: Arc::new(TailSampler::new(config.sampler)),
            scrubber: Arc::new(Scrubber::new(config.pepper)),
        }
    }

    /// A layer recording into this state (no JSON output, no exporter).
    pub fn layer(&self) -> TelemetryLayer {
        TelemetryLayer {
            t: self.clone(),
            exporter: None,
            writer: None,
        }
    }
}

/// Default writer type: no JSON output.
pub type NoWriter = fn() -> std::io::Sink;

/// See the module docs. Build with [`Telemetry::layer`].
pub struct TelemetryLayer<W = NoWriter> {
    t: Telemetry,
    exporter: Option<Arc<dyn SpanExporter>>,
    writer: Option<W>,
}

impl<W> fmt::Debug for TelemetryLayer<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TelemetryLayer")
            .field("exporter", &self.exporter.is_some())
            .field("json", &self.writer.is_some())
            .finish()
    }
}

impl<W> TelemetryLayer<W> {
    /// Writes every log entry as one JSON line to `writer` (e.g. `std::io::stderr`).
    pub fn with_json_writer<W2>(self, writer: W2) -> TelemetryLayer<W2>
    where
        W2: for<'w> MakeWriter<'w> + Send + Sync + 'static,
    {
        TelemetryLayer {
            t: self.t,
            exporter: self.exporter,
            writer: Some(writer),
        }
    }

    /// Sends kept traces to `exporter`. Without one, sampling is skipped (spans still go to the
    /// span buffer).
    pub fn with_exporter(mut self, exporter: Arc<dyn SpanExporter>) -> Self {
        self.exporter = Some(exporter);
        self
    }
}

/// Per-span state kept in the registry's extensions.
#[derive(Debug)]
struct SpanData {
    trace_id: [u8; 16],
    span_id: [u8; 8],
    parent: Option<[u8; 8]>,
    local_root: bool,
    flags: u8,
    tracestate: TraceState,
    start_unix_nano: u64,
    start: Instant,
    request_id: String,
    component: String,
    error: bool,
    byzantine: bool,
    attributes: Vec<(String, String)>,
}

/// Collects fields, scrubbing as it goes.
struct Fields<'a> {
    scrubber: &'a Scrubber,
    message: Option<String>,
    request_id: Option<String>,
    component: Option<String>,
    traceparent: Option<String>,
    tracestate: Option<String>,
    error: bool,
    byzantine: bool,
    fields: Vec<(String, String)>,
}

impl<'a> Fields<'a> {
    fn new(scrubber: &'a Scrubber) -> Self {
        Self {
            scrubber,
            message: None,
            request_id: None,
            component: None,
            traceparent: None,
            tracestate: None,
            error: false,
            byzantine: false,
            fields: Vec::new(),
        }
    }

    fn put(&mut self, name: &str, value: &str) {
        match name {
            "message" => self.message = Some(self.scrubber.scrub_text(value).into_owned()),
            "request_id" => self.request_id = Some(self.scrubber.scrub_text(value).into_owned()),
            "component" => self.component = Some(value.to_owned()),
            "traceparent" => self.traceparent = Some(value.to_owned()),
            "tracestate" => self.tracestate = Some(value.to_owned()),
            _ => {
                if name == "error" || name == "exception" {
                    self.error = true;
                }
                if (name == "status" || name == "otel.status_code")
                    && value.eq_ignore_ascii_case("error")
                {
                    self.error = true;
                }
                if name == "byzantine" && value == "true" {
                    self.byzantine = true;
                }
                let v = self.scrubber.scrub_field(name, value).into_owned();
                self.fields.push((name.to_owned(), v));
            }
        }
    }

    fn put_number(&mut self, name: &str, value: String) {
        if self.scrubber.is_sensitive_number(name) {
            self.put(name, &value);
        } else {
            if name == "error" {
                self.error = true;
            }
            self.fields.push((name.to_owned(), value));
        }
    }
}

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field.name(), value);
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        let name = field.name();
        if name == "byzantine" && value {
            self.byzantine = true;
        }
        if name == "error" && value {
            self.error = true;
        }
        self.fields.push((name.to_owned(), value.to_string()));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put_number(field.name(), value.to_string());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put_number(field.name(), value.to_string());
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.put_number(field.name(), value.to_string());
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.error = true;
        let text = value.to_string();
        let v = self.scrubber.scrub_text(&text).into_owned();
        self.fields.push((field.name().to_owned(), v));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let mut s = String::new();
        let _ = write!(s, "{value:?}");
        self.put(field.name(), &s);
    }
}

fn now_unix_nano() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn remote_parent(f: &Fields<'_>) -> Option<TraceContext> {
    let tp = f.traceparent.as_deref().filter(|s| !s.trim().is_empty())?;
    let mut ctx = TraceContext::parse_traceparent(tp).ok()?;
    if let Some(ts) = f.tracestate.as_deref() {
        ctx.tracestate = TraceState::parse(ts).unwrap_or_default();
    }
    Some(ctx)
}

impl<S, W> Layer<S> for TelemetryLayer<W>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut f = Fields::new(&self.t.scrubber);
        attrs.record(&mut f);
        let parent_data = span.parent().and_then(|p| {
            let ext = p.extensions();
            ext.get::<SpanData>().map(|d| {
                (
                    d.trace_id,
                    d.span_id,
                    d.flags,
                    d.tracestate.clone(),
                    d.request_id.clone(),
                    d.component.clone(),
                )
            })
        });
        let (trace_id, parent, local_root, flags, tracestate, inherited_req, inherited_comp) =
            match parent_data {
                Some((t, s, fl, ts, r, c)) => (t, Some(s), false, fl, ts, r, c),
                None => match remote_parent(&f) {
                    Some(remote) => (
                        remote.trace_id,
                        Some(remote.span_id),
                        true,
                        remote.flags,
                        remote.tracestate,
                        String::new(),
                        String::new(),
                    ),
                    None => (
                        random_trace_id(),
                        None,
                        true,
                        FLAG_SAMPLED | FLAG_RANDOM,
                        TraceState::new(),
                        String::new(),
                        String::new(),
                    ),
                },
            };
        let data = SpanData {
            trace_id,
            span_id: random_span_id(),
            parent,
            local_root,
            flags,
            tracestate,
            start_unix_nano: now_unix_nano(),
            start: Instant::now(),
            request_id: f.request_id.take().unwrap_or(inherited_req),
            component: f.component.take().unwrap_or(inherited_comp),
            error: f.error,
            byzantine: f.byzantine,
            attributes: f.fields,
        };
        span.extensions_mut().insert(data);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut f = Fields::new(&self.t.scrubber);
        values.record(&mut f);
        let mut ext = span.extensions_mut();
        if let Some(d) = ext.get_mut::<SpanData>() {
            d.error |= f.error;
            d.byzantine |= f.byzantine;
            if let Some(r) = f.request_id {
                d.request_id = r;
            }
            if let Some(c) = f.component {
                d.component = c;
            }
            for (k, v) in f.fields {
                match d.attributes.iter_mut().find(|(ek, _)| *ek == k) {
                    Some(slot) => slot.1 = v,
                    None => d.attributes.push((k, v)),
                }
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let meta = event.metadata();
        let level = Level::from(meta.level());
        let mut f = Fields::new(&self.t.scrubber);
        event.record(&mut f);
        let mut trace_id = String::new();
        let mut span_id = String::new();
        let mut request_id = String::new();
        let mut component = String::new();
        if let Some(span) = ctx.event_span(event) {
            let mut ext = span.extensions_mut();
            if let Some(d) = ext.get_mut::<SpanData>() {
                if level == Level::Error || f.error {
                    d.error = true;
                }
                d.byzantine |= f.byzantine;
                trace_id = hex::encode(d.trace_id);
                span_id = hex::encode(d.span_id);
                request_id.clone_from(&d.request_id);
                component.clone_from(&d.component);
            }
        }
        let record = LogRecord {
            ts_unix_nano: now_unix_nano(),
            level,
            message: f.message.take().unwrap_or_default(),
            target: meta.target().to_owned(),
            trace_id,
            span_id,
            request_id: f.request_id.take().unwrap_or(request_id),
            node_id: self.t.node.node_id().to_string(),
            consensus_term: self.t.node.consensus_term(),
            component: f.component.take().unwrap_or(component),
            fields: f.fields,
        };
        if let Some(w) = &self.writer {
            let line = format_json_line(&record);
            let _ = w.make_writer_for(meta).write_all(line.as_bytes());
        }
        self.t.logs.push(record);
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let Some(d) = span.extensions_mut().remove::<SpanData>() else {
            return;
        };
        let record = SpanRecord {
            trace_id: d.trace_id,
            span_id: d.span_id,
            parent_span_id: d.parent,
            name: span.name().to_owned(),
            node_id: self.t.node.node_id().to_string(),
            request_id: d.request_id,
            start_unix_nano: d.start_unix_nano,
            duration_ns: u64::try_from(d.start.elapsed().as_nanos()).unwrap_or(u64::MAX),
            error: d.error,
            byzantine: d.byzantine,
            attributes: d.attributes,
        };
        if let Some(exporter) = &self.exporter {
            self.t.spans.push(record.clone());
            if d.local_root {
                if let Some(trace) = self.t.sampler.finish_root(record) {
                    exporter.export(trace);
                }
            } else if let Some(late) = self.t.sampler.record(record) {
                exporter.export(late);
            }
        } else {
            self.t.spans.push(record);
        }
    }
}

/// The W3C context of the current span (as set up by a [`TelemetryLayer`]), for injection into
/// outgoing messages and for metric exemplars. `None` outside a span or without the layer.
pub fn current_trace_context() -> Option<TraceContext> {
    tracing::Span::current()
        .with_subscriber(|(id, dispatch)| {
            let registry = dispatch.downcast_ref::<tracing_subscriber::Registry>()?;
            let span = registry.span(id)?;
            let ext = span.extensions();
            let d = ext.get::<SpanData>()?;
            Some(TraceContext {
                trace_id: d.trace_id,
                span_id: d.span_id,
                flags: d.flags,
                tracestate: d.tracestate.clone(),
            })
        })
        .flatten()
}

/// Injects the current span's context into `carrier`; false when there is none.
pub fn inject_current<C: crate::Injector + ?Sized>(carrier: &mut C) -> bool {
    match current_trace_context() {
        Some(ctx) => {
            ctx.inject(carrier);
            true
        }
        None => false,
    }
}

fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn rfc3339(ns: u64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// One log entry as a JSON object plus `\n`: `ts` (RFC 3339 UTC), `level`, `message`, `target`,
/// `trace_id`, `span_id`, `request_id`, `node_id`, `consensus_term`, `component`, `fields`.
pub fn format_json_line(r: &LogRecord) -> String {
    let mut out = String::with_capacity(256 + r.message.len());
    out.push_str("{\"ts\":");
    push_json_str(&mut out, &rfc3339(r.ts_unix_nano));
    out.push_str(",\"level\":\"");
    out.push_str(r.level.as_str());
    out.push_str("\",\"message\":");
    push_json_str(&mut out, &r.message);
    out.push_str(",\"target\":");
    push_json_str(&mut out, &r.target);
    out.push_str(",\"trace_id\":");
    push_json_str(&mut out, &r.trace_id);
    out.push_str(",\"span_id\":");
    push_json_str(&mut out, &r.span_id);
    out.push_str(",\"request_id\":");
    push_json_str(&mut out, &r.request_id);
    out.push_str(",\"node_id\":");
    push_json_str(&mut out, &r.node_id);
    let _ = write!(out, ",\"consensus_term\":{}", r.consensus_term);
    out.push_str(",\"component\":");
    push_json_str(&mut out, &r.component);
    out.push_str(",\"fields\":{");
    for (i, (k, v)) in r.fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_str(&mut out, k);
        out.push(':');
        push_json_str(&mut out, v);
    }
    out.push_str("}}\n");
    out
}
