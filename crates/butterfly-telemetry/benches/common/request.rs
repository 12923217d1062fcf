//! One demo request's instrumentation, recorded as the engine and the data plane record it:
//! the coordinator's `inference.request` root, its 2 log lines and 24 `comm.send_tensor`
//! children (each with its binary `traceparent`), the request histogram with its exemplar, then
//! the 24 `layer.execute` spans the compute nodes record (continuing those traceparents) with
//! their layer histogram observations. Shared by the `telemetry` bench and the `request_path`
//! example.

use std::hint::black_box;
use std::time::{Duration, Instant};

use butterfly_telemetry::{current_trace_context, span_context, tensor_shape_2d, Metrics};

/// Layers of the demo model.
pub const LAYERS: u32 = 8;
/// Compute nodes each layer is sent to.
pub const PEERS: [&str; 3] = ["compute-1", "compute-2", "compute-3"];

/// Records request number `r` (see the module docs); `metrics` gets the histogram observations.
pub fn demo_request(r: usize, metrics: Option<&Metrics>) {
    let request_id = format!("req_{r:012x}");
    let shape = tensor_shape_2d(1, 64);
    let root = tracing::info_span!(
        "inference.request",
        request_id = request_id.as_str(),
        component = "inference",
        model.name = "butterfly-demo",
        node.id = "coordinator-1",
        error = tracing::field::Empty,
    );
    let trace = span_context(&root);
    let mut headers = Vec::with_capacity(LAYERS as usize * PEERS.len());
    root.in_scope(|| {
        tracing::info!(input_len = 12_u64, "inference request received");
        for layer in 0..LAYERS {
            for peer in PEERS {
                let s = tracing::info_span!(
                    "comm.send_tensor",
                    from = "coordinator-1",
                    to = peer,
                    layer.id = layer,
                    tensor.shape = shape.as_str(),
                    tensor_size_bytes = 256_usize,
                    error = tracing::field::Empty,
                );
                let tp = span_context(&s).map(|c| c.traceparent_binary());
                s.in_scope(|| black_box(&tp));
                headers.push((layer, tp));
            }
        }
        tracing::info!(latency_ms = 1.5_f64, "inference completed");
    });
    if let Some(m) = metrics {
        let done = Instant::now();
        m.record_request(
            "butterfly-demo",
            "ok",
            Duration::from_millis(2),
            trace.as_ref().map(|t| (t, done)),
        );
    }
    drop(root);
    for (layer, tp) in headers {
        let tp = tp.as_ref().map_or(&[][..], |b| &b[..]);
        let s = tracing::info_span!(
            "layer.execute",
            traceparent = tp,
            request_id = request_id.as_str(),
            component = "compute",
            layer.id = layer,
            node.id = "compute-1",
            tensor.shape = shape.as_str(),
            error = tracing::field::Empty,
        );
        s.in_scope(|| {
            if let Some(m) = metrics {
                let trace = current_trace_context();
                let done = Instant::now();
                m.record_layer_execution(
                    "3",
                    "compute-1",
                    Duration::from_micros(700),
                    trace.as_ref().map(|t| (t, done)),
                );
            }
        });
    }
}
