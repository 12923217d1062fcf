//! The instrumentation one demo request costs, without the cluster: the coordinator's root span,
//! its 2 log lines and 24 `comm.send_tensor` spans (with their binary `traceparent`), then 24
//! `layer.execute` spans as the compute nodes record them, the way the engine and the data plane
//! record them. For instruction counts, run it under
//! callgrind with instrumentation on and off and divide the difference by the request count:
//!
//! ```text
//! cargo build --release -p butterfly-telemetry --example request_path
//! for log in info off; do RUST_LOG=$log valgrind --tool=callgrind --callgrind-out-file=/tmp/rp.$log \
//!   target/release/examples/request_path 2000 2>/dev/null; done
//! ```
//!
//! Argument: requests to run [default: 1000].

use std::hint::black_box;

use std::time::Instant;

use butterfly_telemetry::{hot_span, AttrSet, CleanStr, Shape, TelemetryConfig, TraceContext};

fn main() {
    let requests: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let telemetry = match butterfly_telemetry::init(
        TelemetryConfig {
            node_id: "coordinator-1".into(),
            ..TelemetryConfig::default()
        },
        None,
    ) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("request_path: {e}");
            std::process::exit(2);
        }
    };
    let from = CleanStr::new("from", "coordinator-1");
    let peers: Vec<(String, Option<CleanStr>)> = (1..=3)
        .map(|i| {
            let id = format!("compute-{i}");
            let clean = CleanStr::new("to", &id);
            (id, clean)
        })
        .collect();
    let node = CleanStr::new("node.id", "compute-1");
    let node_self = CleanStr::new("node.id", "coordinator-1");
    let input = vec![0.5f32; 64];
    // As the engine and the compute nodes: attribute sets prepared per peer and layer.
    let shape = Shape::d2(1, input.len());
    let send_sets: Vec<Vec<AttrSet>> = peers
        .iter()
        .map(|(_, to)| {
            (0..8u32)
                .filter_map(|layer| {
                    Some(
                        AttrSet::new()
                            .clean("from", from.as_ref()?)
                            .clean("to", to.as_ref()?)
                            .u64("layer.id", u64::from(layer))
                            .shape("tensor.shape", &shape)
                            .u64("tensor_size_bytes", (input.len() * 4) as u64),
                    )
                })
                .collect()
        })
        .collect();
    let exec_sets: Vec<AttrSet> = (0..8u32)
        .filter_map(|layer| {
            Some(
                AttrSet::new()
                    .u64("layer.id", u64::from(layer))
                    .clean("node.id", node.as_ref()?)
                    .shape("tensor.shape", &shape),
            )
        })
        .collect();
    for r in 0..requests {
        let request_id = format!("req_{r:012x}");
        // As the engine: the root is a hot span; its log events carry its ids explicitly.
        let mut span = hot_span!(root(
            "inference.request",
            None,
            &request_id,
            "inference",
            Instant::now(),
        ));
        if span.is_enabled() {
            span.record_str("model.name", "butterfly-demo");
            match &node_self {
                Some(n) => span.record_clean("node.id", n),
                None => span.record_str("node.id", "coordinator-1"),
            }
        }
        let ids = span.log_ids();
        let parent = span.parent();
        butterfly_telemetry::event_in!(
            tracing::Level::INFO,
            ids,
            input_len = 12_u64,
            "inference request received"
        );
        let mut headers = Vec::with_capacity(24);
        for layer in 0..8u32 {
            for (p, (id, to)) in peers.iter().enumerate() {
                // As the engine: the span starts and ends with the transfer-latency readings.
                let sent = Instant::now();
                let mut s = hot_span!(child("comm.send_tensor", parent.as_ref(), sent));
                if let Some(set) = send_sets[p].get(layer as usize) {
                    s.record_set(set);
                } else if s.is_enabled() {
                    match &from {
                        Some(f) => s.record_clean("from", f),
                        None => s.record_str("from", "coordinator-1"),
                    }
                    match to {
                        Some(t) => s.record_clean("to", t),
                        None => s.record_str("to", id),
                    }
                    s.record_u64("layer.id", u64::from(layer));
                    s.record_shape("tensor.shape", &shape);
                    s.record_u64("tensor_size_bytes", (input.len() * 4) as u64);
                }
                headers.push((layer, s.traceparent_binary()));
                s.finish(black_box(Instant::now()));
            }
        }
        butterfly_telemetry::event_in!(
            tracing::Level::INFO,
            ids,
            latency_ms = 1.5_f64,
            "inference completed"
        );
        let trace = parent.map(|p| p.context);
        black_box(trace.as_ref().map(TraceContext::trace_id_hex));
        drop(span);
        // The compute side of the same request.
        for (layer, tp) in headers {
            let tp = tp.as_ref().map_or(&[][..], |b| &b[..]);
            let started = Instant::now();
            let mut s = hot_span!(remote("layer.execute", tp, &request_id, "compute", started));
            if let Some(set) = exec_sets.get(layer as usize) {
                s.record_set(set);
            } else if s.is_enabled() {
                s.record_u64("layer.id", u64::from(layer));
                match &node {
                    Some(n) => s.record_clean("node.id", n),
                    None => s.record_str("node.id", "compute-1"),
                }
                s.record_shape("tensor.shape", &Shape::d2(1, input.len()));
            }
            black_box(s.context());
            s.finish(black_box(Instant::now()));
        }
    }
    black_box(telemetry.spans.len());
}
