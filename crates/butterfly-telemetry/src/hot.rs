//! Hot-path spans recorded outside the `tracing` registry.
//!
//! A [`HotSpan`] produces the same [`SpanRecord`] the [`TelemetryLayer`](crate::TelemetryLayer)
//! would for an `info_span!` with the same name and fields: W3C ids (continuing a parent
//! [`SpanParent`] or a remote `traceparent`), inherited `request_id`, attributes scrubbed and
//! typed as the layer records them, start time, duration, error and Byzantine flags. It skips
//! the registry's slab entry, extension map, enter/exit on every poll and field visitor.
//!
//! The record is written when the span is finished ([`HotSpan::finish`]) or dropped, including
//! when the future holding it is cancelled: into the node's [`SpanBuffer`](crate::SpanBuffer)
//! (swapped into the oldest slot: no copy through the stack) and, when an exporter is configured,
//! through the [`TailSampler`](crate::TailSampler) as the layer's `on_close` does. Its times are
//! the monotonic readings the caller passes and a clock anchor shared with its parent or thread
//! ([`SpanTime`]): recording does no clock arithmetic.
//!
//! A span is a no-op (nothing recorded, no ids drawn) when INFO is disabled
//! (`tracing::level_enabled!`, e.g. `RUST_LOG=off`) or when no [`HotSink`] is installed
//! ([`crate::init`] installs one for the node's [`Telemetry`]). Make spans with
//! [`hot_span!`](crate::hot_span): it also applies the `RUST_LOG` directive for the calling
//! module, as an `info_span!` there would be filtered (`RUST_LOG=info,butterfly_node::dataplane=warn`
//! turns off the compute nodes' `layer.execute` spans and nothing else).
//!
//! Log events emitted while a hot span runs are not inside it for `tracing`; emit them with
//! [`event_in!`](crate::event_in) and the span's [`HotSpan::log_ids`] (the layer takes those as
//! the entry's correlation ids), and mark the span with
//! [`HotSpan::mark_byzantine`] / [`HotSpan::record_error`] where the event would have.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crate::buffers::{Attributes, SpanAttributes, SpanRecord};
use crate::clock::{ClockAnchor, SpanTime};
use crate::layer::{deliver, root_of, text_flags, SpanExporter, SpanParent, Telemetry};
use crate::scrub::FieldClass;
use crate::trace_context::{
    random_span_id, traceparent_binary, traceparent_bytes, TraceContext, TraceState,
    TRACEPARENT_BINARY_LEN, TRACEPARENT_LEN,
};
use crate::values::{encode_hex, AttrValue, SharedStr};

/// Where hot spans go: the node's [`Telemetry`] and its exporter, if any.
pub struct HotSink {
    t: Telemetry,
    exporter: Option<Arc<dyn SpanExporter>>,
}

impl std::fmt::Debug for HotSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HotSink")
            .field("exporter", &self.exporter.is_some())
            .finish()
    }
}

impl HotSink {
    /// A sink recording into `t` and, when given, sampling for `exporter` (the same exporter
    /// the layer has).
    pub fn new(t: Telemetry, exporter: Option<Arc<dyn SpanExporter>>) -> Self {
        Self { t, exporter }
    }

    /// `value` scrubbed by this sink's scrubber for the field `name` (see [`CleanStr`]).
    pub fn clean(&self, name: &'static str, value: &str) -> CleanStr {
        CleanStr(SharedStr::from(
            self.t.scrubber.scrub_as(FieldClass::of_static(name), value),
        ))
    }
}

static SINK: OnceLock<HotSink> = OnceLock::new();

/// Installs the process-wide sink used by [`HotSpan::child`] and [`HotSpan::remote`]; the
/// first call wins (returns false afterwards). [`crate::init`] calls it.
pub fn install(sink: HotSink) -> bool {
    SINK.set(sink).is_ok()
}

/// The installed sink, when INFO spans are enabled.
fn active_sink() -> Option<&'static HotSink> {
    if !tracing::level_enabled!(tracing::Level::INFO) {
        return None;
    }
    SINK.get()
}

/// Text scrubbed once, by the installed sink's scrubber, as the layer scrubs a `&str` field of
/// a given name: record it on any number of hot spans with [`HotSpan::record_clean`] without
/// scrubbing again (a node's own id, its peers' ids).
#[derive(Debug, Clone)]
pub struct CleanStr(SharedStr);

impl CleanStr {
    /// `value` scrubbed for the field `name`; `None` when no sink is installed (then record
    /// with [`HotSpan::record_str`]).
    pub fn new(name: &'static str, value: &str) -> Option<Self> {
        SINK.get().map(|sink| sink.clean(name, value))
    }

    /// The scrubbed text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A tensor shape attribute, formatted once to record on any number of hot spans.
#[derive(Debug, Clone)]
pub struct Shape(SharedStr);

impl Shape {
    /// `[rows, cols]`, as [`crate::tensor_shape_2d`] writes it.
    pub fn d2(rows: usize, cols: usize) -> Self {
        Self(crate::values::tensor_shape_2d(rows, cols))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A fixed set of span attributes recorded together, built once from values that need no
/// scrubbing at record time ([`CleanStr`], [`Shape`], integers) and recorded on any number of
/// spans with [`HotSpan::record_set`] (e.g. one set per peer and layer: the attributes of every
/// call to that peer for that layer).
#[derive(Debug, Clone, Default)]
pub struct AttrSet {
    /// Shared by every span that records the set (a reference count each).
    attributes: Arc<Attributes>,
    error: bool,
    byzantine: bool,
}

impl AttrSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds scrubbed text (as [`HotSpan::record_clean`]).
    pub fn clean(mut self, name: &'static str, value: &CleanStr) -> Self {
        let (error, byzantine) = text_flags(name, value.as_str());
        self.error |= error;
        self.byzantine |= byzantine;
        Arc::make_mut(&mut self.attributes).push((name, AttrValue::Str(value.0.clone())));
        self
    }

    /// Adds an unsigned integer (as [`HotSpan::record_u64`]; a user-id field is hashed, which
    /// needs the installed sink: without one it is left out).
    pub fn u64(mut self, name: &'static str, value: u64) -> Self {
        if FieldClass::of_static(name) == FieldClass::UserId {
            if let Some(clean) = CleanStr::new(name, &value.to_string()) {
                return self.clean(name, &clean);
            }
            return self;
        }
        self.error |= name == "error";
        Arc::make_mut(&mut self.attributes).push((name, AttrValue::U64(value)));
        self
    }

    /// Adds a tensor shape (as [`HotSpan::record_shape`]).
    pub fn shape(mut self, name: &'static str, shape: &Shape) -> Self {
        Arc::make_mut(&mut self.attributes).push((name, AttrValue::Str(shape.0.clone())));
        self
    }
}

/// A [`HotSpan`] made by one of its constructors (`root`, `child`, `remote`, or an `_in` form,
/// with the span name as a string literal) when an INFO span of that name at the calling module
/// would be enabled by the `tracing` filter; otherwise [`HotSpan::disabled`], with the arguments
/// not evaluated: `hot_span!(child("comm.send_tensor", parent, Instant::now()))`.
///
/// `RUST_LOG` directives by target (module path) and by span name (`[layer.execute]=info`) apply
/// as they do to an `info_span!` there. Directives on a span's field values, or on the spans it
/// runs inside (`[inference.request]=info` for its children), do not: a hot span has no registry
/// entry. The check is the one `info_span!` makes: the callsite's cached interest, and the
/// subscriber asked only when that interest is "sometimes" (see [`callsite_enabled`]).
#[macro_export]
macro_rules! hot_span {
    (@gate $name:literal, $ctor:ident($($arg:expr),*)) => {{
        use $crate::__tracing_core as core_;
        static CALLSITE: core_::callsite::DefaultCallsite =
            core_::callsite::DefaultCallsite::new(&META);
        static META: core_::Metadata<'static> = core_::Metadata::new(
            $name,
            ::core::module_path!(),
            core_::Level::INFO,
            ::core::option::Option::Some(::core::file!()),
            ::core::option::Option::Some(::core::line!()),
            ::core::option::Option::Some(::core::module_path!()),
            core_::field::FieldSet::new(&[], core_::identify_callsite!(&CALLSITE)),
            core_::metadata::Kind::SPAN,
        );
        if $crate::__tracing::level_enabled!(core_::Level::INFO)
            && $crate::hot::callsite_enabled(&CALLSITE)
        {
            $crate::HotSpan::$ctor($($arg),*)
        } else {
            $crate::HotSpan::disabled()
        }
    }};
    ($ctor:ident($name:literal $(, $arg:expr)* $(,)?)) => {
        $crate::hot_span!(@gate $name, $ctor($name $(, $arg)*))
    };
    ($ctor:ident($sink:expr, $name:literal $(, $arg:expr)* $(,)?)) => {
        $crate::hot_span!(@gate $name, $ctor($sink, $name $(, $arg)*))
    };
}

/// Whether the current subscriber takes a span at `callsite` ([`hot_span!`](crate::hot_span)'s
/// check): its cached interest, asking the subscriber only when that is "sometimes" (as the
/// `tracing` span macros do).
#[doc(hidden)]
#[inline]
pub fn callsite_enabled(callsite: &'static tracing_core::callsite::DefaultCallsite) -> bool {
    use tracing_core::Callsite as _;
    let interest = callsite.interest();
    interest.is_always()
        || (!interest.is_never()
            && tracing::dispatcher::get_default(|d| d.enabled(callsite.metadata())))
}

/// A `tracing` event at a level (e.g. `tracing::Level::INFO`) emitted inside a [`HotSpan`]:
/// `event_in!(tracing::Level::INFO, ids, layer = 3, "done")`, where `ids` are the span's
/// [`LogIds`]. The layer takes the entry's `trace_id`, `span_id`, `request_id` and `component`
/// from them, as it takes them from the current span for a plain event (they are handed over
/// through the thread while the event is dispatched: nothing is formatted or parsed).
///
/// The event belongs to the hot span only: it does not mark an enclosing `tracing` span as an
/// error or Byzantine (mark the hot span with [`HotSpan::record_error`] /
/// [`HotSpan::mark_byzantine`]). Its field values are evaluated while the ids are handed over,
/// inside a closure: compute anything that needs `.await` or `?` beforehand, and note that an
/// event another value's `Display` emits meanwhile is logged with the same ids.
#[macro_export]
macro_rules! event_in {
    ($level:expr, $ids:expr, $($rest:tt)+) => {{
        let ids: &$crate::LogIds = &$ids;
        $crate::hot::in_span(ids, || ::tracing::event!($level, $($rest)+))
    }};
}

/// Correlation ids for log events emitted inside a [`HotSpan`] (all empty when it is disabled);
/// see [`event_in!`](crate::event_in).
#[derive(Debug, Clone, Default)]
pub struct LogIds {
    /// Trace id; `None` when the span is disabled.
    pub trace_id: Option<[u8; 16]>,
    /// Span id; `None` when the span is disabled.
    pub span_id: Option<[u8; 8]>,
    /// Request id (scrubbed).
    pub request_id: SharedStr,
    /// Component.
    pub component: SharedStr,
}

thread_local! {
    /// The ids of the hot span whose event [`in_span`] is dispatching on this thread.
    static EVENT_IDS: std::cell::RefCell<Option<LogIds>> = const { std::cell::RefCell::new(None) };
}

/// Runs `emit` (a `tracing` event) with `ids` as the ids of the entries it logs (see
/// [`event_in!`](crate::event_in), which calls it). Ids of a disabled span change nothing.
#[doc(hidden)]
pub fn in_span<R>(ids: &LogIds, emit: impl FnOnce() -> R) -> R {
    /// Puts the previous ids back, also when `emit` panics.
    struct Restore(Option<LogIds>);
    impl Drop for Restore {
        fn drop(&mut self) {
            EVENT_IDS.set(self.0.take());
        }
    }
    if ids.trace_id.is_none() {
        return emit();
    }
    let _restore = Restore(EVENT_IDS.replace(Some(ids.clone())));
    emit()
}

/// The ids [`in_span`] set for the event being dispatched on this thread, if any.
pub(crate) fn event_ids() -> Option<LogIds> {
    EVENT_IDS.with_borrow(Clone::clone)
}

/// A recording span: its record, built as the span runs and swapped into the span buffer's
/// oldest slot when it ends (without an exporter, no allocation: a heap record would be freed by
/// whichever thread evicts it, which on a multi-threaded runtime defeats the allocator's
/// per-thread cache; with one, the tail sampler gets a clone).
struct Live {
    sink: &'static HotSink,
    local_root: bool,
    flags: u8,
    tracestate: TraceState,
    component: SharedStr,
    record: SpanRecord,
}

/// See the module docs.
#[must_use = "a hot span records when dropped"]
pub struct HotSpan(Option<Live>);

impl std::fmt::Debug for HotSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(l) => f
                .debug_struct("HotSpan")
                .field("name", &l.record.name)
                .field("trace_id", &encode_hex(&l.record.trace_id))
                .field("span_id", &encode_hex(&l.record.span_id))
                .finish(),
            None => f.write_str("HotSpan(disabled)"),
        }
    }
}

impl HotSpan {
    /// A disabled span: records nothing.
    pub const fn disabled() -> Self {
        Self(None)
    }

    /// A child of `parent` (e.g. from [`crate::current_span_parent`], taken once for many
    /// children): same trace, flags and state, the parent's request id and component. Disabled
    /// without a parent, a sink, or INFO (make it with [`hot_span!`](crate::hot_span) for the
    /// caller's per-module `RUST_LOG` directive).
    /// `start` is when the span starts (usually `Instant::now()`, or a time the caller read for
    /// its own use, so the span costs no clock read of its own); see [`HotSpan::finish`].
    #[inline]
    pub fn child(name: &'static str, parent: Option<&SpanParent>, start: Instant) -> Self {
        match (active_sink(), parent) {
            (Some(sink), Some(p)) => Self::child_in(sink, name, p, start),
            _ => Self::disabled(),
        }
    }

    /// [`HotSpan::child`] recording into `sink` (always enabled).
    #[inline]
    pub fn child_in(
        sink: &'static HotSink,
        name: &'static str,
        parent: &SpanParent,
        start: Instant,
    ) -> Self {
        // No clock arithmetic: the start converts to wall-clock time through the parent's anchor
        // when read.
        Self::start(
            sink,
            name,
            parent.context.trace_id,
            Some(parent.context.span_id),
            false,
            parent.context.flags,
            parent.context.tracestate.clone(),
            parent.request_id.clone(),
            parent.component.clone(),
            (parent.anchor, start),
        )
    }

    /// A local root continuing the remote caller's binary `traceparent` (see
    /// [`HotSpan::traceparent_binary`]; a new trace when empty or invalid), with its own
    /// `request_id` and `component`, as a span with `traceparent`, `request_id` and `component`
    /// fields would. Disabled without a sink or INFO (see [`HotSpan::child`] for per-module
    /// filtering). `start` as for [`HotSpan::child`].
    #[inline]
    pub fn remote(
        name: &'static str,
        traceparent: &[u8],
        request_id: &str,
        component: &'static str,
        start: Instant,
    ) -> Self {
        match active_sink() {
            Some(sink) => Self::remote_in(sink, name, traceparent, request_id, component, start),
            None => Self::disabled(),
        }
    }

    /// [`HotSpan::remote`] recording into `sink` (always enabled).
    #[inline]
    pub fn remote_in(
        sink: &'static HotSink,
        name: &'static str,
        traceparent: &[u8],
        request_id: &str,
        component: &'static str,
        start: Instant,
    ) -> Self {
        let remote = TraceContext::parse_traceparent_binary(traceparent).ok();
        Self::local_root(
            sink,
            name,
            remote,
            scrubbed_request_id(sink, request_id),
            component,
            start,
        )
    }

    /// A local root continuing `remote` (the caller's context, e.g. an HTTP `traceparent`; a new
    /// trace when `None`), with its own `request_id` and `component`, as a root `info_span!` with
    /// `traceparent`, `request_id` and `component` fields would. Disabled without a sink or INFO
    /// (see [`HotSpan::child`] for per-module filtering).
    /// `start` as for [`HotSpan::child`]. Hand [`HotSpan::parent`] to its children.
    pub fn root(
        name: &'static str,
        remote: Option<&TraceContext>,
        request_id: &str,
        component: &'static str,
        start: Instant,
    ) -> Self {
        match active_sink() {
            Some(sink) => Self::local_root(
                sink,
                name,
                remote.cloned(),
                scrubbed_request_id(sink, request_id),
                component,
                start,
            ),
            None => Self::disabled(),
        }
    }

    #[inline]
    fn local_root(
        sink: &'static HotSink,
        name: &'static str,
        remote: Option<TraceContext>,
        request_id: SharedStr,
        component: &'static str,
        start: Instant,
    ) -> Self {
        let (trace_id, parent, flags, tracestate) = root_of(remote);
        Self::start(
            sink,
            name,
            trace_id,
            parent,
            true,
            flags,
            tracestate,
            request_id,
            SharedStr::from_static(component),
            (ClockAnchor::for_thread(start), start),
        )
    }

    /// This span as the parent of [`HotSpan::child`]ren; `None` when disabled.
    pub fn parent(&self) -> Option<SpanParent> {
        self.0.as_ref().map(|l| SpanParent {
            context: TraceContext {
                trace_id: l.record.trace_id,
                span_id: l.record.span_id,
                flags: l.flags,
                tracestate: l.tracestate.clone(),
            },
            request_id: l.record.request_id.clone(),
            component: l.component.clone(),
            anchor: l.record.time.anchor(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn start(
        sink: &'static HotSink,
        name: &'static str,
        trace_id: [u8; 16],
        parent: Option<[u8; 8]>,
        local_root: bool,
        flags: u8,
        tracestate: TraceState,
        request_id: SharedStr,
        component: SharedStr,
        (anchor, start): (ClockAnchor, Instant),
    ) -> Self {
        Self(Some(Live {
            sink,
            local_root,
            flags,
            tracestate,
            component,
            record: SpanRecord {
                trace_id,
                span_id: random_span_id(),
                parent_span_id: parent,
                name,
                node_id: sink.t.node.shared_node_id(),
                request_id,
                time: SpanTime::new(anchor, start, start),
                error: false,
                byzantine: false,
                attributes: SpanAttributes::new(),
            },
        }))
    }

    /// Ends and records the span at `end` (a time the caller read anyway; dropping the span
    /// ends it now). The span is then disabled: it records nothing more.
    #[inline]
    pub fn finish(&mut self, end: Instant) {
        self.end(Some(end));
    }

    /// Whether the span records (compute attribute values only then).
    #[inline]
    pub fn is_enabled(&self) -> bool {
        self.0.is_some()
    }

    /// Records a text attribute, scrubbed as the layer scrubs a `&str` field of this name
    /// (`error`, `status = "error"` and `byzantine = "true"` set the flags as there).
    pub fn record_str(&mut self, name: &'static str, value: &str) {
        let Some(l) = self.0.as_mut() else {
            return;
        };
        l.flag(name, value);
        let v = SharedStr::from(
            l.sink
                .t
                .scrubber
                .scrub_as(FieldClass::of_static(name), value),
        );
        l.set(name, AttrValue::Str(v));
    }

    /// Records text scrubbed beforehand for this field name (as [`HotSpan::record_str`] would
    /// record it, without scrubbing again).
    #[inline]
    pub fn record_clean(&mut self, name: &'static str, value: &CleanStr) {
        let Some(l) = self.0.as_mut() else {
            return;
        };
        l.flag(name, value.as_str());
        l.set(name, AttrValue::Str(value.0.clone()));
    }

    /// Records every attribute of `set` (as recording each would; a name recorded before is
    /// replaced).
    #[inline]
    pub fn record_set(&mut self, set: &AttrSet) {
        let Some(l) = self.0.as_mut() else {
            return;
        };
        l.record.error |= set.error;
        l.record.byzantine |= set.byzantine;
        l.record.attributes.share(&set.attributes);
    }

    /// Records a tensor shape (text that needs no scrubbing), as `record_str(name, ..)` of that
    /// text would.
    #[inline]
    pub fn record_shape(&mut self, name: &'static str, shape: &Shape) {
        if let Some(l) = self.0.as_mut() {
            l.set(name, AttrValue::Str(shape.0.clone()));
        }
    }

    /// Records an unsigned attribute (as the layer records an integer field).
    #[inline]
    pub fn record_u64(&mut self, name: &'static str, value: u64) {
        if self.0.is_none() {
            return;
        }
        if FieldClass::of_static(name) == FieldClass::UserId {
            self.record_str(name, &value.to_string());
        } else if let Some(l) = self.0.as_mut() {
            if name == "error" {
                l.record.error = true;
            }
            l.set(name, AttrValue::U64(value));
        }
    }

    /// Marks the span as an error with `message` as its `error` attribute (what
    /// `span.record("error", message)` did).
    pub fn record_error(&mut self, message: &str) {
        self.record_str("error", message);
    }

    /// Marks the span as having recorded a Byzantine event (its trace is always sampled).
    pub fn mark_byzantine(&mut self) {
        if let Some(l) = self.0.as_mut() {
            l.record.byzantine = true;
        }
    }

    /// The span's context (for exemplars and children); `None` when disabled.
    pub fn context(&self) -> Option<TraceContext> {
        self.0.as_ref().map(|l| TraceContext {
            trace_id: l.record.trace_id,
            span_id: l.record.span_id,
            flags: l.flags,
            tracestate: l.tracestate.clone(),
        })
    }

    /// The span's binary `traceparent` (W3C trace-context-binary; no hex to write), for binary
    /// carriers such as the data plane's frames; `None` when disabled.
    #[inline]
    pub fn traceparent_binary(&self) -> Option<[u8; TRACEPARENT_BINARY_LEN]> {
        self.0
            .as_ref()
            .map(|l| traceparent_binary(&l.record.trace_id, &l.record.span_id, l.flags))
    }

    /// The span's `traceparent` header value, in a fixed buffer (no allocation); `None` when
    /// disabled. [`std::str::from_utf8`] of it always succeeds (it is ASCII).
    pub fn traceparent(&self) -> Option<[u8; TRACEPARENT_LEN]> {
        self.0
            .as_ref()
            .map(|l| traceparent_bytes(&l.record.trace_id, &l.record.span_id, l.flags))
    }

    /// Correlation ids for a log event emitted inside this span (see the module docs).
    pub fn log_ids(&self) -> LogIds {
        match self.0.as_ref() {
            Some(l) => LogIds {
                trace_id: Some(l.record.trace_id),
                span_id: Some(l.record.span_id),
                request_id: l.record.request_id.clone(),
                component: l.component.clone(),
            },
            None => LogIds::default(),
        }
    }
}

impl Live {
    /// Sets the error and Byzantine flags as the layer does for a text field `name = value`.
    #[inline]
    fn flag(&mut self, name: &str, value: &str) {
        let (error, byzantine) = text_flags(name, value);
        self.record.error |= error;
        self.record.byzantine |= byzantine;
    }

    /// Sets an attribute; a name recorded again replaces its value in place (as `on_record`).
    #[inline(always)]
    fn set(&mut self, name: &'static str, value: AttrValue) {
        self.record.attributes.set(name, value);
    }
}

/// `raw` scrubbed as a request id (inline, no allocation, for an id of up to
/// [`SHARED_INLINE_BYTES`](crate::SHARED_INLINE_BYTES) bytes). The thread remembers the last one:
/// a request's layer calls reach a compute node one after another. (Text scrubbing does not
/// depend on the sink: only user-id hashing uses its pepper.)
#[inline]
fn scrubbed_request_id(sink: &HotSink, raw: &str) -> SharedStr {
    use std::cell::RefCell;
    thread_local! {
        /// The last request id scrubbed on this thread: raw, then scrubbed.
        static LAST: RefCell<(SharedStr, SharedStr)> =
            const { RefCell::new((SharedStr::empty(), SharedStr::empty())) };
    }
    LAST.with(|last| {
        let Ok(mut last) = last.try_borrow_mut() else {
            return SharedStr::from(sink.t.scrubber.scrub_text(raw));
        };
        if last.0.as_str() == raw {
            return last.1.clone();
        }
        let clean = SharedStr::from(sink.t.scrubber.scrub_text(raw));
        *last = (SharedStr::from(raw), clean.clone());
        clean
    })
}

impl HotSpan {
    /// Records the span as ending at `end` (now when `None`) and disables it.
    #[inline]
    fn end(&mut self, end: Option<Instant>) {
        let Some(l) = self.0.as_mut() else { return };
        l.record.time.set_end(end.unwrap_or_else(Instant::now));
        deliver(
            &l.sink.t,
            l.sink.exporter.as_ref(),
            &mut l.record,
            l.local_root,
        );
        // Drops what the buffer evicted, outside its lock.
        self.0 = None;
    }
}

impl Drop for HotSpan {
    fn drop(&mut self) {
        self.end(None);
    }
}
