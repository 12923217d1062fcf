//! Per-operation cost of the instrumentation (seed budgets: ~1 µs per span, ~5 µs per log entry).
//! Run: `cargo bench -p butterfly-telemetry --bench telemetry`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use butterfly_telemetry::ClockAnchor;

use butterfly_telemetry::sampling::SampledTrace;
use butterfly_telemetry::{
    encode_openmetrics, format_json_line, AttrSet, HotSink, HotSpan, Metrics, Shape, SharedStr,
    SpanExporter, SpanParent, Telemetry, TelemetryConfig, TraceContext,
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
        // The hot path's spans (outside the registry), as the engine records them: a
        // `comm.send_tensor` child with a prepared attribute set and its binary traceparent, and
        // a `layer.execute` root continuing one.
        let t = Telemetry::new(TelemetryConfig::default());
        let sink: &'static HotSink = Box::leak(Box::new(HotSink::new(t.clone(), None)));
        let parent = SpanParent {
            context: TraceContext::new_root(),
            request_id: SharedStr::from("req_0123456789ab"),
            component: SharedStr::from_static("inference"),
            anchor: ClockAnchor {
                at: Instant::now(),
                unix_nano: 1_800_000_000_000_000_000,
            },
        };
        let set = AttrSet::new()
            .clean("from", &sink.clean("from", "coordinator-1"))
            .clean("to", &sink.clean("to", "compute-1"))
            .u64("layer.id", 3)
            .shape("tensor.shape", &Shape::d2(1, 64))
            .u64("tensor_size_bytes", 256);
        g.bench_function("hot_send_tensor_with_traceparent", |b| {
            b.iter(|| {
                let mut s = HotSpan::child_in(sink, "comm.send_tensor", &parent, Instant::now());
                s.record_set(&set);
                black_box(s.traceparent_binary());
                s.finish(Instant::now());
            })
        });
        let tp = parent.context.traceparent_binary();
        let exec = AttrSet::new()
            .u64("layer.id", 3)
            .clean("node.id", &sink.clean("node.id", "compute-1"))
            .shape("tensor.shape", &Shape::d2(1, 64));
        g.bench_function("hot_layer_execute_remote", |b| {
            b.iter(|| {
                let mut s = HotSpan::remote_in(
                    sink,
                    "layer.execute",
                    &tp,
                    "req_0123456789ab",
                    "compute",
                    Instant::now(),
                );
                s.record_set(&exec);
                s.finish(Instant::now());
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
    let layer = t.layer().with_json_writer(std::io::sink);
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

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = spans, logs, histograms
}
criterion_main!(benches);
