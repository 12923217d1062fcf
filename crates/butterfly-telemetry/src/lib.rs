//! Butterfly instrumentation, used by every node:
//!
//! * [`metrics`]: the metric catalog ([`Metrics`]) with cardinality caps and trace exemplars,
//!   served in the OpenMetrics format ([`encode_openmetrics`]);
//! * [`trace_context`]: W3C `traceparent`/`tracestate` over any string-map carrier;
//! * [`sampling`]: tail sampling (errors, slow, Byzantine always; normal traces 10 %);
//! * [`scrub`]: PII scrubbing of every log field and span attribute;
//! * [`buffers`]: bounded span/log ring buffers served by the debug service;
//! * [`layer`]: the `tracing` layer tying these together (every span and event goes through
//!   it), plus JSON log lines ([`json_line`]) written off the request path by
//!   `tracing-appender`'s non-blocking writer.
//!
//! Typical node start-up: `let t = butterfly_telemetry::init(config, exporter)?;` then keep
//! `t.spans`/`t.logs` for the debug service and update `t.node` on term changes.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod buffers;
pub mod cardinality;
pub mod json_line;
pub mod layer;
pub mod metrics;
pub mod otlp;
pub mod ring;
pub mod sampling;
pub mod scrub;
pub mod trace_context;
pub mod values;

use std::sync::Arc;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

pub use buffers::{
    Attributes, Level, LogBuffer, LogQuery, LogRecord, SpanAttributes, SpanBuffer, SpanQuery,
    SpanRecord, DEFAULT_LOG_BUFFER_BYTES, DEFAULT_LOG_BUFFER_CAPACITY, DEFAULT_QUERY_LIMIT,
    DEFAULT_SPAN_BUFFER_BYTES, DEFAULT_SPAN_BUFFER_CAPACITY,
};
pub use cardinality::{LabelCapper, OTHER_LABEL_VALUE};
pub use json_line::{format_json_line, write_json_line};
pub use layer::{
    current_trace_context, current_traceparent, inject_current, span_context, NodeContext,
    SpanExporter, Telemetry, TelemetryConfig, TelemetryLayer,
};
pub use metrics::{
    encode_for_accept, encode_openmetrics, encode_prometheus_text, prefers_openmetrics,
    LayerHandle, LinkHandles, Metrics, TraceExemplar, DURATION_BUCKETS_SECONDS,
    EXEMPLAR_MIN_INTERVAL, OPENMETRICS_CONTENT_TYPE, PROMETHEUS_TEXT_CONTENT_TYPE,
};
pub use otlp::{OtlpError, OtlpExporter, OTLP_ENDPOINT_ENV};
pub use sampling::{SampledTrace, SamplerConfig, TailSampler};
pub use scrub::{FieldClass, Scrubber};
pub use trace_context::{
    Extractor, Injector, TraceContext, TraceContextError, TraceState, TRACEPARENT_BINARY_LEN,
    TRACEPARENT_LEN,
};
pub use values::{encode_hex, tensor_shape_2d, AttrValue, SharedStr, SHARED_INLINE_BYTES};

/// Filter used when `RUST_LOG` is unset: `info`.
pub const DEFAULT_LOG_FILTER: &str = "info";

/// Why logging could not be set up.
#[derive(Debug)]
pub struct LogInitError(pub String);

impl std::fmt::Display for LogInitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot set up logging: {}", self.0)
    }
}

impl std::error::Error for LogInitError {}

/// The `RUST_LOG` filter (default [`DEFAULT_LOG_FILTER`]). An invalid value is an error.
pub fn env_filter() -> Result<EnvFilter, LogInitError> {
    match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => {
            EnvFilter::try_new(&spec).map_err(|e| LogInitError(format!("RUST_LOG={spec:?}: {e}")))
        }
        _ => Ok(EnvFilter::new(DEFAULT_LOG_FILTER)),
    }
}

/// Installs the global subscriber: a [`TelemetryLayer`] filtered by `RUST_LOG`, writing scrubbed
/// JSON lines to stderr through `tracing-appender`'s non-blocking writer (a worker thread writes
/// them; up to 128,000 lines wait in its queue, more are dropped rather than block; call
/// [`flush_logs`] before the process exits), recording into the returned [`Telemetry`]'s
/// buffers, and handing kept traces to `exporter` when given.
///
/// The filter is global (the layer is the only one), so disabled spans and events cost nothing
/// past their callsite's cached interest. A plain level (`info`, `warn`, `off`, …) becomes a
/// [`LevelFilter`](tracing_subscriber::filter::LevelFilter), which needs no work per span; any
/// other `RUST_LOG` is an [`EnvFilter`].
pub fn init(
    config: TelemetryConfig,
    exporter: Option<Arc<dyn SpanExporter>>,
) -> Result<Telemetry, LogInitError> {
    let level = plain_level_filter()?;
    let telemetry = Telemetry::new(config);
    let (lines, guard) = tracing_appender::non_blocking(std::io::stderr());
    let mut layer = telemetry.layer().with_json_writer(lines);
    if let Some(e) = exporter {
        layer = layer.with_exporter(e);
    }
    let installed = match level {
        Some(level) => tracing_subscriber::registry()
            .with(level)
            .with(layer)
            .try_init(),
        None => tracing_subscriber::registry()
            .with(env_filter()?)
            .with(layer)
            .try_init(),
    };
    installed.map_err(|e| LogInitError(e.to_string()))?;
    *LOG_WRITER.lock().unwrap_or_else(|e| e.into_inner()) = Some(guard);
    Ok(telemetry)
}

/// The log writer's guard, once [`init`] has run: dropping it writes the pending lines.
static LOG_WRITER: std::sync::Mutex<Option<tracing_appender::non_blocking::WorkerGuard>> =
    std::sync::Mutex::new(None);

/// Writes the JSON log lines still pending and stops the log writer (call once, before the
/// process exits; lines logged afterwards are dropped). A no-op before [`init`].
pub fn flush_logs() {
    let guard = LOG_WRITER.lock().unwrap_or_else(|e| e.into_inner()).take();
    drop(guard);
}

/// `RUST_LOG` as a single level when it is one (unset or empty means [`DEFAULT_LOG_FILTER`]);
/// `None` when it needs an [`EnvFilter`] (targets, spans, several directives).
fn plain_level_filter() -> Result<Option<tracing_subscriber::filter::LevelFilter>, LogInitError> {
    let spec = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => spec,
        _ => DEFAULT_LOG_FILTER.to_owned(),
    };
    let spec = spec.trim();
    if spec.is_empty() || !spec.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Ok(None);
    }
    Ok(spec.parse().ok())
}

/// Installs the global subscriber with default settings (see [`init`]); kept for existing
/// callers.
pub fn init_json_logging() -> Result<(), LogInitError> {
    init(TelemetryConfig::default(), None).map(|_| ())
}
