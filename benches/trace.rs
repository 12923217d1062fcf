//! Criterion benchmarks of `request trace`'s hot path on a 10,000-span trace in Jaeger's api_v3
//! JSON: decode, assemble (tree, skew, critical path) and render the waterfall. The peer in the
//! same run is a generic `serde_json::Value` parse of the same bytes (the floor for any decoder).
//!
//! `cargo bench --bench trace`

use butterfly_cli::output::Style;
use butterfly_cli::sources::jaeger::decode_otlp_traces;
use butterfly_cli::trace::assemble;
use butterfly_cli::trace::waterfall::{render, WaterfallOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::fmt::Write as _;

/// Spans in the synthetic trace: a root, 5,000 sends and 5,000 layer executions.
const SENDS: usize = 5_000;

/// A trace shaped like the cluster's: one root on the coordinator, sends in rounds of three
/// parallel replicas, each with a `layer.execute` child on one of 50 compute nodes.
fn trace_json() -> Vec<u8> {
    let t0: u64 = 1_795_000_000_000_000_000;
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let span = |out: &mut String,
                id: u64,
                parent: Option<u64>,
                name: &str,
                start: u64,
                end: u64,
                layer: usize| {
        let _ = write!(
            out,
            r#"{{"traceId":"{trace}","spanId":"{id:016x}","parentSpanId":"{}","name":"{name}","kind":2,"startTimeUnixNano":"{start}","endTimeUnixNano":"{end}","attributes":[{{"key":"layer.id","value":{{"intValue":"{layer}"}}}}],"status":{{}}}},"#,
            parent.map(|p| format!("{p:016x}")).unwrap_or_default()
        );
    };
    let rounds = SENDS / 3;
    let round_ns = 1_000_000;
    let mut by_node: Vec<String> = vec![String::new(); 51];
    span(
        &mut by_node[0],
        1,
        None,
        "inference.request",
        t0,
        t0 + (rounds as u64 + 1) * round_ns,
        0,
    );
    for i in 0..SENDS {
        let round = (i / 3) as u64;
        let start = t0 + round * round_ns + 10_000;
        let dur = 200_000 + (i as u64 % 7) * 50_000;
        let send = 2 + 2 * i as u64;
        span(
            &mut by_node[0],
            send,
            Some(1),
            "comm.send_tensor",
            start,
            start + dur,
            i / 3 % 8,
        );
        let node = 1 + i % 50;
        span(
            &mut by_node[node],
            send + 1,
            Some(send),
            "layer.execute",
            start + 20_000,
            start + dur - 20_000,
            i / 3 % 8,
        );
    }
    let mut out = String::from(r#"{"result":{"resourceSpans":["#);
    for (n, spans) in by_node.iter().enumerate() {
        let node = if n == 0 {
            "coordinator-1".to_string()
        } else {
            format!("compute-{n}")
        };
        let _ = write!(
            out,
            r#"{{"resource":{{"attributes":[{{"key":"service.name","value":{{"stringValue":"butterfly-node"}}}},{{"key":"node.id","value":{{"stringValue":"{node}"}}}}]}},"scopeSpans":[{{"scope":{{}},"spans":[{}]}}]}},"#,
            spans.trim_end_matches(',')
        );
    }
    out.pop();
    out.push_str("]}}");
    out.into_bytes()
}

fn trace_10k(c: &mut Criterion) {
    let body = trace_json();
    let spans = decode_otlp_traces(&body).expect("decodes");
    assert_eq!(spans.len(), 2 * SENDS + 1);
    let assembled = assemble(spans.clone());
    assert!(assembled.warnings.is_empty(), "{:?}", assembled.warnings);
    let style = Style::plain();
    let opts = WaterfallOptions::default();
    let mut g = c.benchmark_group("trace 10k spans");
    g.throughput(Throughput::Elements(spans.len() as u64));
    g.sample_size(20);
    g.bench_function("peer: serde_json::Value parse", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(&body).map(|v| v.is_object()))
    });
    g.bench_function("decode (api_v3 JSON)", |b| {
        b.iter(|| decode_otlp_traces(&body).map(|s| s.len()))
    });
    g.bench_function("assemble", |b| {
        b.iter(|| assemble(spans.clone()).rows.len())
    });
    g.bench_function("render", |b| {
        b.iter(|| render(&assembled, &opts, &style).len())
    });
    g.bench_function("decode + assemble + render", |b| {
        b.iter(|| {
            let spans = decode_otlp_traces(&body).unwrap_or_default();
            render(&assemble(spans), &opts, &style).len()
        })
    });
    g.finish();
}

criterion_group!(benches, trace_10k);
criterion_main!(benches);
