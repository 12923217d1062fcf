//! OTLP/gRPC export of kept traces through `opentelemetry-otlp`.
//!
//! [`OtlpExporter`] implements [`SpanExporter`]: `export` only queues the trace (never blocks;
//! a full queue drops and counts); a background thread with its own single-threaded Tokio
//! runtime converts the spans to OpenTelemetry `SpanData` and sends them to the collector.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use opentelemetry::trace::{
    SpanContext, SpanId, SpanKind, Status, TraceFlags, TraceId, TraceState,
};
use opentelemetry::{InstrumentationScope, KeyValue};
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::{SpanData, SpanEvents, SpanExporter as _, SpanLinks};
use opentelemetry_sdk::Resource;

use crate::buffers::SpanRecord;
use crate::layer::SpanExporter;
use crate::sampling::SampledTrace;

/// Environment variable naming the collector, e.g. `http://jaeger:4317`.
pub const OTLP_ENDPOINT_ENV: &str = "OTEL_EXPORTER_OTLP_ENDPOINT";
/// Traces queued for the export thread before new ones are dropped.
pub const DEFAULT_OTLP_QUEUE_TRACES: usize = 1024;
/// Time allowed for one export call.
pub const DEFAULT_OTLP_TIMEOUT: Duration = Duration::from_secs(10);
/// Instrumentation scope name reported with every span.
pub const INSTRUMENTATION_SCOPE: &str = "butterfly-telemetry";

/// Why the OTLP exporter could not start.
#[derive(Debug)]
pub struct OtlpError(pub String);

impl std::fmt::Display for OtlpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot start OTLP export: {}", self.0)
    }
}

impl std::error::Error for OtlpError {}

/// Sends kept traces to an OTLP/gRPC collector.
#[derive(Debug)]
pub struct OtlpExporter {
    tx: SyncSender<SampledTrace>,
    dropped: Arc<AtomicU64>,
    failed: Arc<AtomicU64>,
    sent: Arc<AtomicU64>,
}

impl OtlpExporter {
    /// Starts an exporter when [`OTLP_ENDPOINT_ENV`] is set and not empty; `Ok(None)` otherwise.
    pub fn from_env(service_name: &str, node_id: &str) -> Result<Option<Arc<Self>>, OtlpError> {
        match std::env::var(OTLP_ENDPOINT_ENV) {
            Ok(ep) if !ep.trim().is_empty() => {
                Self::start(ep.trim(), service_name, node_id).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Starts the export thread for `endpoint` (`http://host:4317`). Resource attributes:
    /// `service.name` = `service_name`, `node.id` = `node_id`.
    pub fn start(
        endpoint: &str,
        service_name: &str,
        node_id: &str,
    ) -> Result<Arc<Self>, OtlpError> {
        let (tx, rx) = mpsc::sync_channel(DEFAULT_OTLP_QUEUE_TRACES);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| OtlpError(format!("runtime: {e}")))?;
        let mut exporter = {
            let _enter = rt.enter();
            opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .with_endpoint(endpoint)
                .with_timeout(DEFAULT_OTLP_TIMEOUT)
                .build()
                .map_err(|e| OtlpError(format!("{endpoint}: {e}")))?
        };
        let resource = Resource::builder_empty()
            .with_service_name(service_name.to_owned())
            .with_attribute(KeyValue::new("node.id", node_id.to_owned()))
            .build();
        exporter.set_resource(&resource);
        let this = Arc::new(Self {
            tx,
            dropped: Arc::new(AtomicU64::new(0)),
            failed: Arc::new(AtomicU64::new(0)),
            sent: Arc::new(AtomicU64::new(0)),
        });
        let failed = this.failed.clone();
        let sent = this.sent.clone();
        std::thread::Builder::new()
            .name("otlp-export".into())
            .spawn(move || run(rt, exporter, rx, failed, sent))
            .map_err(|e| OtlpError(format!("thread: {e}")))?;
        Ok(this)
    }

    /// Traces dropped because the queue was full (or the thread had stopped).
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Spans whose export call failed.
    pub fn failed_spans(&self) -> u64 {
        self.failed.load(Ordering::Relaxed)
    }

    /// Spans exported successfully.
    pub fn sent_spans(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }
}

impl SpanExporter for OtlpExporter {
    fn export(&self, trace: SampledTrace) {
        match self.tx.try_send(trace) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

fn run(
    rt: tokio::runtime::Runtime,
    exporter: opentelemetry_otlp::SpanExporter,
    rx: Receiver<SampledTrace>,
    failed: Arc<AtomicU64>,
    sent: Arc<AtomicU64>,
) {
    let scope = InstrumentationScope::builder(INSTRUMENTATION_SCOPE)
        .with_version(env!("CARGO_PKG_VERSION"))
        .build();
    while let Ok(first) = rx.recv() {
        // Batch whatever else is already queued.
        let mut batch: Vec<SpanData> = first
            .spans
            .iter()
            .map(|s| to_span_data(s, &scope))
            .collect();
        while let Ok(more) = rx.try_recv() {
            batch.extend(more.spans.iter().map(|s| to_span_data(s, &scope)));
        }
        let n = batch.len() as u64;
        match rt.block_on(exporter.export(batch)) {
            Ok(()) => sent.fetch_add(n, Ordering::Relaxed),
            Err(_) => failed.fetch_add(n, Ordering::Relaxed),
        };
    }
    let _ = exporter.shutdown();
}

/// Converts one recorded span to OpenTelemetry's `SpanData` (attributes plus `node.id`,
/// `request.id` and, on a span that recorded a Byzantine event, `byzantine = true`; status Error
/// or Unset).
pub fn to_span_data(s: &SpanRecord, scope: &InstrumentationScope) -> SpanData {
    let start = UNIX_EPOCH + Duration::from_nanos(s.start_unix_nano());
    let end = start
        .checked_add(Duration::from_nanos(s.duration_ns()))
        .unwrap_or_else(SystemTime::now);
    let mut attributes: Vec<KeyValue> = s
        .attributes
        .iter()
        .map(|(k, v)| KeyValue::new(*k, v.to_string()))
        .collect();
    attributes.push(KeyValue::new("node.id", s.node_id.to_string()));
    if !s.request_id.is_empty() {
        attributes.push(KeyValue::new("request.id", s.request_id.to_string()));
    }
    if s.byzantine {
        // What the collector's tail sampling keys on (deploy/otel-collector/config.yaml).
        attributes.push(KeyValue::new("byzantine", true));
    }
    SpanData {
        span_context: SpanContext::new(
            TraceId::from_bytes(s.trace_id),
            SpanId::from_bytes(s.span_id),
            TraceFlags::SAMPLED,
            false,
            TraceState::default(),
        ),
        parent_span_id: s
            .parent_span_id
            .map(SpanId::from_bytes)
            .unwrap_or(SpanId::INVALID),
        parent_span_is_remote: false,
        span_kind: SpanKind::Internal,
        name: Cow::Borrowed(s.name),
        start_time: start,
        end_time: end,
        attributes,
        dropped_attributes_count: 0,
        events: SpanEvents::default(),
        links: SpanLinks::default(),
        status: if s.error {
            Status::error("error")
        } else {
            Status::Unset
        },
        instrumentation_scope: scope.clone(),
    }
}
