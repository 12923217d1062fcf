//! The `tracing` layer: gives every span W3C ids, records finished spans into the
//! [`SpanBuffer`] (and, through the [`TailSampler`], into a [`SpanExporter`]), and turns every
//! event into a scrubbed [`LogRecord`] kept in the [`LogBuffer`] and optionally written as one
//! JSON object per line.
//!
//! Span field conventions (all optional):
//! * `traceparent` / `tracestate`: W3C headers extracted from the incoming message; the span
//!   continues that trace with the remote span as parent (only on spans without a local parent).
//!   A `traceparent` recorded as bytes (`&[u8]`) is the binary form of the data plane's frames
//!   ([`TraceContext::parse_traceparent_binary`]);
//! * `request_id`, `component`: inherited by child spans and by every log entry inside;
//! * `error` (any value), `status = "error"`, or an ERROR event inside: the span is an error;
//! * `byzantine = true`: the span recorded a Byzantine event (its trace is always sampled).
//!
//! Events take their correlation ids (trace, span, request id, component) from the span they
//! are emitted in; `request_id` and `component` fields on the event override the span's.
//!
//! Every other field becomes a scrubbed attribute (see [`Scrubber`]).

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use crate::buffers::{Level, LogBuffer, LogRecord, SpanAttributes, SpanBuffer, SpanRecord};
use crate::json_line::write_json_line;
use crate::sampling::{SampledTrace, SamplerConfig, TailSampler};
use crate::scrub::{FieldClass, Scrubber};
use crate::trace_context::{
    format_traceparent, random_span_id, random_trace_id, TraceContext, TraceState, FLAG_RANDOM,
    FLAG_SAMPLED,
};
use crate::values::{display_text, AttrValue, SharedStr};

/// Node id of a [`TelemetryConfig`] that names none.
pub const DEFAULT_NODE_ID: &str = "unknown";

/// Node identity (fixed for the process) and consensus term, shared between the node and the
/// layer; cheap to read.
#[derive(Debug)]
pub struct NodeContext {
    node_id: SharedStr,
    term: AtomicU64,
}

impl NodeContext {
    /// A context for `node_id`, term 0.
    pub fn new(node_id: &str) -> Arc<Self> {
        Arc::new(Self {
            node_id: SharedStr::from(node_id),
            term: AtomicU64::new(0),
        })
    }

    /// The node id.
    pub fn node_id(&self) -> Arc<str> {
        Arc::from(self.node_id.as_str())
    }

    /// The node id as a [`SharedStr`] (inline for an id of up to
    /// [`SHARED_INLINE_BYTES`](crate::SHARED_INLINE_BYTES) bytes: a copy, no allocation).
    pub fn shared_node_id(&self) -> SharedStr {
        self.node_id.clone()
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
    /// Span buffer byte bound (default [`crate::DEFAULT_SPAN_BUFFER_BYTES`], 16 MiB).
    pub span_buffer_bytes: usize,
    /// Log buffer byte bound (default [`crate::DEFAULT_LOG_BUFFER_BYTES`], 16 MiB).
    pub log_buffer_bytes: usize,
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
            span_buffer_bytes: crate::DEFAULT_SPAN_BUFFER_BYTES,
            log_buffer_bytes: crate::DEFAULT_LOG_BUFFER_BYTES,
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
            spans: Arc::new(SpanBuffer::with_bounds(
                config.span_buffer_capacity,
                config.span_buffer_bytes,
            )),
            logs: Arc::new(LogBuffer::with_bounds(
                config.log_buffer_capacity,
                config.log_buffer_bytes,
            )),
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
    /// When the span started: monotonic (for its duration) and wall-clock, ns since the epoch.
    start: Instant,
    start_unix_nano: u64,
    request_id: SharedStr,
    component: SharedStr,
    error: bool,
    byzantine: bool,
    attributes: SpanAttributes,
}

/// Collects fields, scrubbing as it goes. Values are kept typed and short strings inline, so a
/// typical span records its fields without allocating.
struct Fields<'a> {
    scrubber: &'a Scrubber,
    message: Option<String>,
    request_id: Option<SharedStr>,
    component: Option<SharedStr>,
    /// Parsed `traceparent` (`None` when absent, empty or invalid).
    remote: Option<TraceContext>,
    tracestate: Option<TraceState>,
    error: bool,
    byzantine: bool,
    fields: crate::buffers::Attributes,
}

impl<'a> Fields<'a> {
    fn new(scrubber: &'a Scrubber, capacity: usize) -> Self {
        Self {
            scrubber,
            message: None,
            request_id: None,
            component: None,
            remote: None,
            tracestate: None,
            error: false,
            byzantine: false,
            fields: crate::buffers::Attributes::with_capacity(capacity),
        }
    }

    /// A string field; `owned` is `value` already rendered into a [`SharedStr`] (by
    /// `record_debug`), reused when scrubbing leaves the text unchanged.
    fn put(&mut self, name: &'static str, value: &str, owned: Option<SharedStr>) {
        let max = if name == "message" {
            crate::values::MAX_MESSAGE_BYTES
        } else {
            crate::values::MAX_ATTR_VALUE_BYTES
        };
        let capped = crate::values::cap_text(value, max);
        let (value, owned) = match &capped {
            Cow::Borrowed(v) => (*v, owned),
            Cow::Owned(v) => (v.as_str(), None),
        };
        match name {
            "message" => self.message = Some(self.scrubber.scrub_text(value).into_owned()),
            "request_id" => self.request_id = Some(self.scrubber.scrub_text(value).into()),
            "component" => self.component = Some(SharedStr::from(value)),
            "traceparent" => {
                self.remote = Some(value)
                    .filter(|v| !v.trim().is_empty())
                    .and_then(|v| TraceContext::parse_traceparent(v).ok());
            }
            "tracestate" => self.tracestate = Some(TraceState::parse(value).unwrap_or_default()),
            _ => {
                let (error, byzantine) = text_flags(name, value);
                self.error |= error;
                self.byzantine |= byzantine;
                let class = FieldClass::of_static(name);
                let v = match (self.scrubber.scrub_as(class, value), owned) {
                    (Cow::Borrowed(_), Some(o)) => o,
                    (scrubbed, _) => SharedStr::from(scrubbed),
                };
                self.fields.push((name, AttrValue::Str(v)));
            }
        }
    }

    fn put_number(&mut self, name: &'static str, value: AttrValue) {
        if FieldClass::of_static(name) == FieldClass::UserId {
            let text = value.to_string();
            self.put(name, &text, None);
        } else {
            if name == "error" {
                self.error = true;
            }
            self.fields.push((name, value));
        }
    }

    /// The remote parent, with its `tracestate`.
    fn remote_parent(&mut self) -> Option<TraceContext> {
        let mut ctx = self.remote.take()?;
        if let Some(ts) = self.tracestate.take() {
            ctx.tracestate = ts;
        }
        Some(ctx)
    }
}

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field.name(), value, None);
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        let name = field.name();
        if name == "byzantine" && value {
            self.byzantine = true;
        }
        if name == "error" && value {
            self.error = true;
        }
        self.fields.push((name, AttrValue::Bool(value)));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put_number(field.name(), AttrValue::I64(value));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put_number(field.name(), AttrValue::U64(value));
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.put_number(field.name(), AttrValue::F64(value));
    }

    fn record_bytes(&mut self, field: &Field, value: &[u8]) {
        if field.name() == "traceparent" {
            self.remote = TraceContext::parse_traceparent_binary(value).ok();
        } else {
            let text = hex::encode(value);
            self.put(field.name(), &text, None);
        }
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.error = true;
        let text = value.to_string();
        let text = crate::values::cap_text(&text, crate::values::MAX_ATTR_VALUE_BYTES);
        let v = SharedStr::from(self.scrubber.scrub_text(&text));
        self.fields.push((field.name(), AttrValue::Str(v)));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            // One allocation: the formatted message is kept unless scrubbing changed it.
            let mut text = String::new();
            let _ = write!(text, "{value:?}");
            if text.len() > crate::values::MAX_MESSAGE_BYTES {
                text =
                    crate::values::cap_text(&text, crate::values::MAX_MESSAGE_BYTES).into_owned();
            }
            let scrubbed = match self.scrubber.scrub_text(&text) {
                Cow::Owned(o) => Some(o),
                Cow::Borrowed(_) => None,
            };
            self.message = Some(scrubbed.unwrap_or(text));
            return;
        }
        let s = display_text(&format_args!("{value:?}"));
        let text = s.clone();
        self.put(field.name(), &text, Some(s));
    }
}

/// The error and Byzantine flags a text field sets on its span: `error`/`exception` (any value),
/// `status`/`otel.status_code` = `error` (any case), `byzantine` = `true`.
fn text_flags(name: &str, value: &str) -> (bool, bool) {
    match name {
        "error" | "exception" => (true, false),
        "status" | "otel.status_code" => (value.eq_ignore_ascii_case("error"), false),
        "byzantine" => (false, value == "true"),
        _ => (false, false),
    }
}

/// Trace id, parent span id, flags and state of a local root: continuing `remote`, or a new
/// trace (flags `sampled | random`).
fn root_of(remote: Option<TraceContext>) -> ([u8; 16], Option<[u8; 8]>, u8, TraceState) {
    match remote {
        Some(r) => (r.trace_id, Some(r.span_id), r.flags, r.tracestate),
        None => (
            random_trace_id(),
            None,
            FLAG_SAMPLED | FLAG_RANDOM,
            TraceState::new(),
        ),
    }
}

impl<S, W> Layer<S> for TelemetryLayer<W>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut f = Fields::new(&self.t.scrubber, attrs.metadata().fields().len());
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
                None => {
                    let (trace_id, parent, flags, tracestate) = root_of(f.remote_parent());
                    (
                        trace_id,
                        parent,
                        true,
                        flags,
                        tracestate,
                        SharedStr::empty(),
                        SharedStr::empty(),
                    )
                }
            };
        let data = SpanData {
            trace_id,
            span_id: random_span_id(),
            parent,
            local_root,
            flags,
            tracestate,
            start: Instant::now(),
            start_unix_nano: now_unix_nano(),
            request_id: f.request_id.take().unwrap_or(inherited_req),
            component: f.component.take().unwrap_or(inherited_comp),
            error: f.error,
            byzantine: f.byzantine,
            attributes: f.fields.into(),
        };
        span.extensions_mut().insert(data);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut f = Fields::new(&self.t.scrubber, values.len());
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
                d.attributes.set(k, v);
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let meta = event.metadata();
        let level = Level::from(meta.level());
        let mut f = Fields::new(&self.t.scrubber, meta.fields().len());
        event.record(&mut f);
        let mut trace_id = None;
        let mut span_id = None;
        let mut request_id = SharedStr::empty();
        let mut component = SharedStr::empty();
        if let Some(span) = ctx.event_span(event) {
            let mut ext = span.extensions_mut();
            if let Some(d) = ext.get_mut::<SpanData>() {
                if level == Level::Error || f.error {
                    d.error = true;
                }
                d.byzantine |= f.byzantine;
                trace_id = Some(d.trace_id);
                span_id = Some(d.span_id);
                request_id = d.request_id.clone();
                component = d.component.clone();
            }
        }
        let record = LogRecord {
            ts_unix_nano: now_unix_nano(),
            level,
            message: f.message.take().unwrap_or_default(),
            target: meta.target(),
            trace_id,
            span_id,
            request_id: f.request_id.take().unwrap_or(request_id),
            node_id: self.t.node.shared_node_id(),
            consensus_term: self.t.node.consensus_term(),
            component: f.component.take().unwrap_or(component),
            fields: f.fields,
        };
        if let Some(w) = &self.writer {
            JSON_LINE.with(|buf| {
                let mut line = buf.borrow_mut();
                line.clear();
                write_json_line(&mut line, &record);
                let _ = w.make_writer_for(meta).write_all(&line);
            });
        }
        self.t.logs.push(record);
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let Some(d) = span.extensions_mut().remove::<SpanData>() else {
            return;
        };
        let mut record = SpanRecord {
            trace_id: d.trace_id,
            span_id: d.span_id,
            parent_span_id: d.parent,
            name: span.name(),
            node_id: self.t.node.shared_node_id(),
            request_id: d.request_id,
            start_unix_nano: d.start_unix_nano,
            duration_ns: nanos(d.start.elapsed()),
            error: d.error,
            byzantine: d.byzantine,
            attributes: d.attributes,
        };
        deliver(&self.t, self.exporter.as_ref(), &mut record, d.local_root);
    }
}

/// Hands a finished span to the span buffer and, with an exporter, to the tail sampler (as the
/// root of its local trace when `local_root`). Takes the record out of `record`, leaving there
/// the record the buffer evicted (or an empty one) for the caller to drop outside the buffer's
/// lock.
fn deliver(
    t: &Telemetry,
    exporter: Option<&Arc<dyn SpanExporter>>,
    record: &mut SpanRecord,
    local_root: bool,
) {
    if let Some(exporter) = exporter {
        let record = std::mem::take(record);
        t.spans.push(record.clone());
        if local_root {
            if let Some(trace) = t.sampler.finish_root(record) {
                exporter.export(trace);
            }
        } else if let Some(late) = t.sampler.record(record) {
            exporter.export(late);
        }
    } else {
        t.spans.push_swap(record);
    }
}

thread_local! {
    /// Reused buffer for JSON log lines (one per thread), so a log line allocates nothing.
    static JSON_LINE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` on the current span's data, without cloning the span handle.
fn with_current_span<R>(f: impl FnOnce(&SpanData) -> R) -> Option<R> {
    let mut f = Some(f);
    tracing::dispatcher::get_default(|dispatch| {
        let current = dispatch.current_span();
        let id = current.id()?;
        let registry = dispatch.downcast_ref::<tracing_subscriber::Registry>()?;
        let span = registry.span(id)?;
        let ext = span.extensions();
        let d = ext.get::<SpanData>()?;
        f.take().map(|f| f(d))
    })
}

/// The W3C context of the current span (as set up by a [`TelemetryLayer`]), for injection into
/// outgoing messages and for metric exemplars. `None` outside a span or without the layer.
pub fn current_trace_context() -> Option<TraceContext> {
    with_current_span(SpanData::context)
}

/// The current span's `traceparent` header value, formatted directly from the span (cheaper than
/// [`current_trace_context`] + [`TraceContext::traceparent`]). `None` outside a span or without
/// the layer.
pub fn current_traceparent() -> Option<String> {
    with_current_span(|d| format_traceparent(&d.trace_id, &d.span_id, d.flags))
}

/// The W3C context of `span` (as set up by a [`TelemetryLayer`]): for a span that is not
/// entered, e.g. to put its binary `traceparent` on an outgoing frame or link an exemplar to it.
/// `None` for a disabled span or without the layer.
pub fn span_context(span: &tracing::Span) -> Option<TraceContext> {
    span.with_subscriber(|(id, dispatch)| {
        let registry = dispatch.downcast_ref::<tracing_subscriber::Registry>()?;
        let span = registry.span(id)?;
        let ext = span.extensions();
        ext.get::<SpanData>().map(SpanData::context)
    })
    .flatten()
}

impl SpanData {
    fn context(&self) -> TraceContext {
        TraceContext {
            trace_id: self.trace_id,
            span_id: self.span_id,
            flags: self.flags,
            tracestate: self.tracestate.clone(),
        }
    }
}

/// Now, nanoseconds since the Unix epoch (0 before it).
fn now_unix_nano() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(nanos)
        .unwrap_or(0)
}

/// `d` in nanoseconds, saturating.
fn nanos(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
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
