//! `HotSpan` records what the layer records for an `info_span!` with the same name and fields:
//! same name, attributes (typed and scrubbed), request id, node id, parent link, flags; error and
//! Byzantine flags; sampling as a local root or a child; and log events given its ids explicitly
//! carry the same correlation ids as events inside a span.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use butterfly_telemetry::buffers::{LogQuery, SpanQuery};
use butterfly_telemetry::sampling::{SampledTrace, SamplerConfig};
use butterfly_telemetry::{
    current_span_parent, AttrSet, HotSink, HotSpan, Shape, SpanExporter, SpanRecord, Telemetry,
    TelemetryConfig, TraceContext,
};
use tracing_subscriber::layer::SubscriberExt;

#[derive(Default)]
struct Collect(Mutex<Vec<SampledTrace>>);

impl SpanExporter for Collect {
    fn export(&self, trace: SampledTrace) {
        self.0.lock().expect("collect").push(trace);
    }
}

fn telemetry(ratio: f64) -> Telemetry {
    Telemetry::new(TelemetryConfig {
        node_id: "coordinator-1".into(),
        pepper: b"test-pepper".to_vec(),
        sampler: SamplerConfig {
            normal_ratio: ratio,
            ..Default::default()
        },
        ..Default::default()
    })
}

/// A telemetry keeping no normal trace (ratio 0), its exporter, a hot sink and a layer
/// subscriber sharing both: hot spans and `tracing` spans record side by side.
fn recording() -> (
    Telemetry,
    Arc<Collect>,
    &'static HotSink,
    impl tracing::Subscriber + Send + Sync,
) {
    let t = telemetry(0.0);
    let exporter = Arc::new(Collect::default());
    let sink: &'static HotSink = Box::leak(Box::new(HotSink::new(
        t.clone(),
        Some(exporter.clone() as Arc<dyn SpanExporter>),
    )));
    let subscriber = tracing_subscriber::registry().with(t.layer().with_exporter(exporter.clone()));
    (t, exporter, sink, subscriber)
}

fn spans(t: &Telemetry, name: &str) -> Vec<SpanRecord> {
    t.spans
        .query(&SpanQuery {
            limit: 1000,
            ..Default::default()
        })
        .into_iter()
        .filter(|s| s.name == name)
        .collect()
}

fn same_shape(a: &SpanRecord, b: &SpanRecord) {
    assert_eq!(a.name, b.name);
    assert_eq!(a.node_id, b.node_id);
    assert_eq!(a.request_id, b.request_id);
    assert_eq!(a.error, b.error);
    assert_eq!(a.byzantine, b.byzantine);
    assert_eq!(a.attributes, b.attributes);
    let rendered = |r: &SpanRecord| {
        r.attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(rendered(a), rendered(b));
}

#[test]
fn child_span_matches_the_layer_record() {
    let (t, exporter, sink, subscriber) = recording();
    let ip = "10.1.2.3";
    tracing::subscriber::with_default(subscriber, || {
        let root = tracing::info_span!(
            "inference.request",
            request_id = "req_abc",
            component = "inference"
        );
        let _g = root.enter();
        {
            let _s = tracing::info_span!(
                "comm.send_tensor",
                from = "coordinator-1",
                to = ip,
                layer.id = 3_u32,
                tensor.shape = "[1, 64]",
                tensor_size_bytes = 256_usize,
            )
            .entered();
        }
        let parent = current_span_parent().expect("parent");
        let mut hot = HotSpan::child_in(sink, "comm.send_tensor", &parent, Instant::now());
        hot.record_str("from", "coordinator-1");
        // Scrubbed once, recorded as often as needed: the same value as `record_str`.
        let to = sink.clean("to", ip);
        assert_eq!(to.as_str(), "10.1.0.0/16");
        hot.record_clean("to", &to);
        hot.record_u64("layer.id", 3);
        hot.record_shape("tensor.shape", &Shape::d2(1, 64));
        hot.record_u64("tensor_size_bytes", 256);
        let ctx = hot.context().expect("context");
        assert_eq!(ctx.trace_id, parent.context.trace_id);
        assert_eq!(
            hot.traceparent()
                .map(|b| String::from_utf8(b.to_vec()).unwrap()),
            Some(format!(
                "00-{}-{}-03",
                ctx.trace_id_hex(),
                ctx.span_id_hex()
            ))
        );
        // Like a tracing child span, the hot span waits in the sampler for its root.
        hot.mark_byzantine();
        drop(hot);
        // The same attributes recorded as one prepared set.
        let set = AttrSet::new()
            .clean("from", &sink.clean("from", "coordinator-1"))
            .clean("to", &to)
            .u64("layer.id", 3)
            .shape("tensor.shape", &Shape::d2(1, 64))
            .u64("tensor_size_bytes", 256);
        let mut from_set = HotSpan::child_in(sink, "comm.send_tensor", &parent, Instant::now());
        from_set.record_set(&set);
        from_set.mark_byzantine();
        drop(from_set);
    });
    let s = spans(&t, "comm.send_tensor");
    assert_eq!(s.len(), 3);
    let (layer, hot) = (&s[0], &s[1]);
    same_shape(&s[2], hot);
    let root = &spans(&t, "inference.request")[0];
    assert_eq!(hot.trace_id, root.trace_id);
    assert_eq!(layer.parent_span_id, Some(root.span_id));
    assert_eq!(hot.parent_span_id, Some(root.span_id));
    assert_ne!(hot.span_id, layer.span_id);
    // The wall-clock start is derived from the parent's: within the root, after the layer's.
    assert!(hot.start_unix_nano() >= layer.start_unix_nano());
    assert!(
        hot.start_unix_nano() + hot.duration_ns() <= root.start_unix_nano() + root.duration_ns()
    );
    assert!(hot.byzantine);
    let mut layer_byz = layer.clone();
    layer_byz.byzantine = true;
    same_shape(hot, &layer_byz);
    // The Byzantine child forces the trace to be kept although the ratio is 0.
    let exported = exporter.0.lock().expect("collect");
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].spans.len(), 4);
}

#[test]
fn remote_root_matches_the_layer_record_and_logs_keep_correlation() {
    let (t, exporter, sink, subscriber) = recording();
    let tp = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    tracing::subscriber::with_default(subscriber, || {
        {
            let _s = tracing::info_span!(
                "layer.execute",
                traceparent = tp,
                request_id = "req_abc",
                component = "compute",
                layer.id = 2_u32,
                node.id = "coordinator-1",
                tensor.shape = "[1, 64]",
                error = tracing::field::Empty,
            )
            .entered();
            tracing::Span::current().record("error", "layer 2 does not exist");
            tracing::warn!(layer = 2_u32, byzantine = true, "corrupted");
        }
        let mut hot = HotSpan::remote_in(
            sink,
            "layer.execute",
            &TraceContext::parse_traceparent(tp)
                .expect("tp")
                .traceparent_binary(),
            "req_abc",
            "compute",
            Instant::now(),
        );
        hot.record_u64("layer.id", 2);
        hot.record_str("node.id", "coordinator-1");
        hot.record_str("tensor.shape", "[1, 64]");
        hot.record_error("layer 2 does not exist");
        let ids = hot.log_ids();
        butterfly_telemetry::event_in!(
            tracing::Level::WARN,
            ids,
            layer = 2_u32,
            byzantine = true,
            "corrupted"
        );
        hot.mark_byzantine();
        drop(hot);
        // A hot span without a valid traceparent starts a trace, as the layer does.
        let fresh = HotSpan::remote_in(
            sink,
            "layer.execute",
            b"",
            "req_x",
            "compute",
            Instant::now(),
        );
        assert!(fresh.context().is_some());
    });
    let s = spans(&t, "layer.execute");
    assert_eq!(s.len(), 3);
    let (layer, hot) = (&s[0], &s[1]);
    same_shape(hot, layer);
    assert!(hot.error && hot.byzantine);
    assert_eq!(hot.parent_span_id, layer.parent_span_id);
    assert_eq!(hot.trace_id, layer.trace_id);
    assert_eq!(s[2].parent_span_id, None);
    let logs = t.logs.query(&LogQuery {
        limit: 10,
        ..Default::default()
    });
    assert_eq!(logs.len(), 2);
    let (a, b) = (&logs[0], &logs[1]);
    let by_hot = if a.span_id == Some(hot.span_id) { a } else { b };
    let by_layer = if a.span_id == Some(layer.span_id) {
        a
    } else {
        b
    };
    assert_eq!(by_hot.span_id, Some(hot.span_id));
    assert_eq!(by_layer.span_id, Some(layer.span_id));
    assert_eq!(by_hot.trace_id, by_layer.trace_id);
    assert_eq!(by_hot.request_id, by_layer.request_id);
    assert_eq!(by_hot.component, by_layer.component);
    assert_eq!(by_hot.fields, by_layer.fields);
    assert_eq!(by_hot.message, by_layer.message);
    // Both error roots were kept, each as its own local trace.
    assert!(exporter.0.lock().expect("collect").len() >= 2);
}

#[test]
fn remote_request_ids_are_scrubbed_every_time_and_never_mixed_up() {
    let t = telemetry(1.0);
    let sink: &'static HotSink = Box::leak(Box::new(HotSink::new(t.clone(), None)));
    // Many distinct ids (some too long to be held inline), each seen twice, interleaved.
    let tail = |i: usize| {
        if i.is_multiple_of(3) {
            " with a tail too long to inline"
        } else {
            ""
        }
    };
    let ids: Vec<String> = (0..20)
        .map(|i| format!("req_{i} bob@example.com{}", tail(i)))
        .collect();
    for _ in 0..2 {
        for id in &ids {
            let s = HotSpan::remote_in(sink, "layer.execute", b"", id, "compute", Instant::now());
            drop(s);
        }
        for id in ids.iter().rev().take(5) {
            let s = HotSpan::remote_in(sink, "layer.execute", b"", id, "compute", Instant::now());
            drop(s);
        }
    }
    let recorded: Vec<String> = spans(&t, "layer.execute")
        .iter()
        .map(|s| s.request_id.to_string())
        .collect();
    assert_eq!(recorded.len(), 50);
    let mut want = Vec::new();
    for _ in 0..2 {
        want.extend((0..20).map(|i| format!("req_{i} <email>{}", tail(i))));
        want.extend(
            (15..20)
                .rev()
                .map(|i| format!("req_{i} <email>{}", tail(i))),
        );
    }
    assert_eq!(recorded, want);
}

#[test]
fn hot_log_ids_hold_for_their_event_only() {
    let (t, _exporter, sink, subscriber) = recording();
    let (hot_span, registry_span) = tracing::subscriber::with_default(subscriber, || {
        let outer = tracing::info_span!("outer", request_id = "req_outer").entered();
        let registry_span = outer.id();
        let hot = HotSpan::remote_in(
            sink,
            "layer.execute",
            b"",
            "req_hot",
            "compute",
            Instant::now(),
        );
        let hot_span = hot.context().map(|c| c.span_id);
        // Inside the registry span, the hot span's ids win for this event only.
        butterfly_telemetry::event_in!(tracing::Level::INFO, hot.log_ids(), "in the hot span");
        tracing::info!("in the registry span");
        // A disabled span's ids change nothing.
        butterfly_telemetry::event_in!(
            tracing::Level::INFO,
            HotSpan::disabled().log_ids(),
            "no hot span"
        );
        drop(outer);
        tracing::info!("in no span");
        (hot_span, registry_span)
    });
    assert!(hot_span.is_some() && registry_span.is_some());
    let logs = t.logs.query(&LogQuery {
        limit: 10,
        ..Default::default()
    });
    let by_message = |m: &str| {
        logs.iter()
            .find(|l| l.message == m)
            .unwrap_or_else(|| panic!("no {m:?} in {logs:?}"))
    };
    let hot = by_message("in the hot span");
    assert_eq!(hot.span_id, hot_span);
    assert_eq!(hot.request_id, "req_hot");
    assert_eq!(hot.component, "compute");
    for m in ["in the registry span", "no hot span"] {
        let l = by_message(m);
        assert_eq!(l.request_id, "req_outer", "{m}");
        assert!(l.span_id.is_some() && l.span_id != hot_span, "{m}");
    }
    let none = by_message("in no span");
    assert_eq!((none.trace_id, none.span_id), (None, None));
    assert_eq!(none.request_id, "");
}

/// Hot spans made in this module's `quiet` submodule, as a node module would make them.
mod quiet {
    use super::*;

    pub fn span(sink: &'static HotSink) -> HotSpan {
        butterfly_telemetry::hot_span!(remote_in(
            sink,
            "layer.execute",
            b"",
            "req_quiet",
            "compute",
            Instant::now()
        ))
    }
}

#[test]
fn hot_spans_follow_the_callers_rust_log_directive() {
    let t = telemetry(1.0);
    let sink: &'static HotSink = Box::leak(Box::new(HotSink::new(t.clone(), None)));
    let made = |filter: &str| {
        let subscriber = tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new(filter))
            .with(t.layer());
        tracing::subscriber::with_default(subscriber, || {
            let here = butterfly_telemetry::hot_span!(remote_in(
                sink,
                "layer.execute",
                b"",
                "req_here",
                "compute",
                Instant::now()
            ));
            (here.is_enabled(), quiet::span(sink).is_enabled())
        })
    };
    // This test binary's module path is `hot`; its submodule is `hot::quiet`.
    assert_eq!(made("info"), (true, true));
    assert_eq!(made("info,hot::quiet=warn"), (true, false));
    assert_eq!(made("warn,hot::quiet=info"), (false, true));
    assert_eq!(made("off"), (false, false));
    // By span name, as for an `info_span!("layer.execute")`.
    assert_eq!(made("warn,[layer.execute]=info"), (true, true));
    assert_eq!(made("warn,[other.span]=info"), (false, false));
    // The spans made under an enabled directive were recorded, the others were not.
    let ids: Vec<String> = spans(&t, "layer.execute")
        .iter()
        .map(|s| s.request_id.to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "req_here",
            "req_quiet",
            "req_here",
            "req_quiet",
            "req_here",
            "req_quiet"
        ]
    );
}
