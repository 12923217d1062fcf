//! Per-operation cost of the instrumentation (seed budgets: a span under 1 µs, a log line under
//! 5 µs, an exemplar observation under 0.5 µs), and the whole instrumentation of one demo
//! request. Run: `cargo bench -p butterfly-telemetry --bench telemetry`.

mod common;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use butterfly_telemetry::sampling::SampledTrace;
use butterfly_telemetry::{
    encode_openmetrics, format_json_line, span_context, tensor_shape_2d, Metrics, SpanExporter,
    Telemetry, TelemetryConfig, TraceContext,
};
use criterion::{criterion_group, criterion_main, Criterion};
use prometheus_client::registry::Registry;
use tracing_subscriber::layer::SubscriberExt;

struct Noop;

impl SpanExporter for Noop {
    fn export(&self, trace: SampledTrace) {
        black_box(trace);
    }
}

fn spans(c: &mut Criterion) {
    let mut g = c.benchmark_group("span");
    {
        let t = Telemetry::new(TelemetryConfig::default());
        let _guard =
            tracing::subscriber::set_default(tracing_subscriber::registry().with(t.layer()));
        g.bench_function("create_end_buffer_only", |b| {
            b.iter(|| {
                tracing::info_span!("layer.execute", layer_id = 12_u64).in_scope(|| black_box(1))
            })
        });
    }
    {
        let t = Telemetry::new(TelemetryConfig::default());
        let layer = t.layer().with_exporter(Arc::new(Noop));
        let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(layer));
        // A whole local trace (root + one child) per iteration: buffered, decided, exported.
        g.bench_function("trace_root_plus_child_with_sampler", |b| {
            b.iter(|| {
                tracing::info_span!("inference.request", request_id = "req-1").in_scope(|| {
                    tracing::info_span!("layer.execute", layer_id = 12_u64)
                        .in_scope(|| black_box(1))
                })
            })
        });
    }
    {
        // The request path's spans as the engine and the data plane record them: a
        // `comm.send_tensor` child with its fields and binary traceparent, and a `layer.execute`
        // root continuing one (buffer only, as `create_end_buffer_only`).
        let t = Telemetry::new(TelemetryConfig::default());
        let layer = t.layer();
        let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(layer));
        let root = tracing::info_span!("inference.request", request_id = "req_0123456789ab");
        let shape = tensor_shape_2d(1, 64);
        root.in_scope(|| {
            g.bench_function("send_tensor_with_traceparent", |b| {
                b.iter(|| {
                    let s = tracing::info_span!(
                        "comm.send_tensor",
                        from = "coordinator-1",
                        to = "compute-1",
                        layer.id = 3_u32,
                        tensor.shape = shape.as_str(),
                        tensor_size_bytes = 256_usize,
                        error = tracing::field::Empty,
                    );
                    black_box(span_context(&s).map(|c| c.traceparent_binary()));
                    s.in_scope(|| black_box(1))
                })
            });
        });
        let tp = TraceContext::new_root().traceparent_binary();
        g.bench_function("layer_execute_remote", |b| {
            b.iter(|| {
                tracing::info_span!(
                    "layer.execute",
                    traceparent = &tp[..],
                    request_id = "req_0123456789ab",
                    component = "compute",
                    layer.id = 3_u32,
                    node.id = "compute-1",
                    tensor.shape = shape.as_str(),
                    error = tracing::field::Empty,
                )
                .in_scope(|| black_box(1))
            })
        });
    }
    g.finish();
}

fn logs(c: &mut Criterion) {
    let mut g = c.benchmark_group("log");
    let t = Telemetry::new(TelemetryConfig {
        pepper: b"bench".to_vec(),
        ..Default::default()
    });
    t.node.set_consensus_term(42);
    // As a node writes them: through tracing-appender's non-blocking writer.
    let (writer, _writer_guard) = tracing_appender::non_blocking(std::io::sink());
    let layer = t.layer().with_json_writer(writer);
    let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(layer));
    let span = tracing::info_span!(
        "inference.request",
        request_id = "req_abc123",
        component = "coordinator"
    );
    let _e = span.enter();
    g.bench_function("event_json_scrubbed", |b| {
        b.iter(|| {
            tracing::info!(
                user_id = "user-42",
                prompt = "some prompt text",
                peer = "10.1.2.3:4000",
                "request from bob@example.com accepted"
            )
        })
    });
    g.bench_function("event_plain", |b| {
        b.iter(|| tracing::info!(layer = 3_u64, "layer done"))
    });
    let record = t.logs.query(&Default::default()).pop();
    if let Some(record) = record {
        g.bench_function("format_json_line", |b| {
            b.iter(|| black_box(format_json_line(black_box(&record))))
        });
    }
    g.bench_function("scrub_text", |b| {
        b.iter(|| {
            black_box(
                t.scrubber
                    .scrub_text(black_box("conn from 10.1.2.3 by bob@example.com")),
            )
            .len()
        })
    });
    g.finish();
}

fn histograms(c: &mut Criterion) {
    let mut g = c.benchmark_group("histogram");
    let mut registry = Registry::default();
    let m = Metrics::register(&mut registry);
    let ctx = TraceContext::new_root();
    // The caller passes when the observation ended (a reading it has anyway). Repeated in one
    // bucket, an observation takes the exemplar only once per EXEMPLAR_MIN_INTERVAL: the
    // `gated` benches measure that common case, `layer_with_exemplar` one that always lands
    // (its clock reading advances a second per call).
    let at = Instant::now();
    g.bench_function("request_with_exemplar_gated", |b| {
        b.iter(|| {
            m.record_request(
                "llama-70b",
                "ok",
                black_box(Duration::from_millis(42)),
                Some((&ctx, at)),
            )
        })
    });
    g.bench_function("layer_with_exemplar_gated", |b| {
        b.iter(|| {
            m.record_layer_execution(
                "12",
                "node-1",
                black_box(Duration::from_micros(700)),
                Some((&ctx, at)),
            )
        })
    });
    let mut later = at;
    g.bench_function("layer_with_exemplar", |b| {
        b.iter(|| {
            later += Duration::from_secs(1);
            m.record_layer_execution(
                "12",
                "node-1",
                black_box(Duration::from_micros(700)),
                Some((&ctx, later)),
            )
        })
    });
    g.bench_function("layer_no_exemplar", |b| {
        b.iter(|| {
            m.record_layer_execution("12", "node-1", black_box(Duration::from_micros(700)), None)
        })
    });
    // What a compute node does per layer execution: the handle's observation, and since the
    // whole catalog is recorded, the layer's memory gauge too (one more atomic store).
    let handle = m.layer_handle("12", "node-1");
    g.bench_function("layer_handle_no_exemplar", |b| {
        b.iter(|| handle.record_execution(&m, black_box(Duration::from_micros(700)), None))
    });
    g.bench_function("layer_handle_with_memory", |b| {
        b.iter(|| {
            handle.record_execution(&m, black_box(Duration::from_micros(700)), None);
            handle.set_memory(&m, black_box(16_896));
        })
    });
    g.bench_function("encode_openmetrics", |b| {
        b.iter(|| black_box(encode_openmetrics(&registry).map(|s| s.len())))
    });
    g.finish();
}

/// The whole instrumentation of one demo request (see `common/request.rs`).
fn request(c: &mut Criterion) {
    let mut g = c.benchmark_group("request");
    let t = Telemetry::new(TelemetryConfig::default());
    let (writer, _writer_guard) = tracing_appender::non_blocking(std::io::sink());
    let layer = t
        .layer()
        .with_exporter(Arc::new(Noop))
        .with_json_writer(writer);
    let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(layer));
    let mut registry = Registry::default();
    let m = Metrics::register(&mut registry);
    let mut r = 0;
    g.bench_function("demo_request_instrumentation", |b| {
        b.iter(|| {
            r += 1;
            common::request::demo_request(r, Some(&m))
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = spans, logs, histograms, request
}
criterion_main!(benches);
