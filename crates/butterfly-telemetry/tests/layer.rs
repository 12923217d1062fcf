//! The tracing layer end to end: JSON lines with correlation ids, PII scrubbing everywhere,
//! span records with W3C ids and parent links, remote parents (text and binary traceparent),
//! `RUST_LOG` directives on every span, buffers and tail sampling.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use butterfly_telemetry::buffers::{Level, LogQuery, SpanQuery};
use butterfly_telemetry::sampling::{ratio_keeps, KeepReason, SampledTrace, SamplerConfig};
use butterfly_telemetry::{
    current_trace_context, inject_current, span_context, SpanExporter, SpanRecord, TailSampler,
    Telemetry, TelemetryConfig, TraceContext,
};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{EnvFilter, Layer};

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl io::Write for Buf {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("buf").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buf {
    type Writer = Buf;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Buf {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("buf").clone()).expect("utf8")
    }
}

#[derive(Default)]
struct Collect(Mutex<Vec<SampledTrace>>);

impl SpanExporter for Collect {
    fn export(&self, trace: SampledTrace) {
        self.0.lock().expect("collect").push(trace);
    }
}

fn telemetry_config() -> TelemetryConfig {
    TelemetryConfig {
        node_id: "compute-7".into(),
        pepper: b"test-pepper".to_vec(),
        ..Default::default()
    }
}

fn telemetry() -> Telemetry {
    Telemetry::new(telemetry_config())
}

const EMAIL: &str = "jane.doe@example.com";
const USER: &str = "user-8812-secret";
const IP4: &str = "203.0.113.77";
const IP6: &str = "2001:db8:85a3::8a2e:370:7334";
const PROMPT: &str = "my confidential prompt about project nightingale";

#[test]
fn json_logs_carry_correlation_ids_and_no_pii() {
    let t = telemetry();
    t.node.set_consensus_term(42);
    let out = Buf::default();
    let subscriber = tracing_subscriber::registry().with(t.layer().with_json_writer(out.clone()));
    let (trace_id, span_id) = tracing::subscriber::with_default(subscriber, || {
        let span = tracing::info_span!(
            "inference.request",
            request_id = "req_abc123",
            component = "coordinator",
            model.name = "llama-70b",
            user_id = USER,
            client = %format!("{EMAIL} from {IP4}")
        );
        let _g = span.enter();
        let ctx = current_trace_context().expect("context inside span");
        tracing::info!(
            prompt = PROMPT,
            user_id = USER,
            peer = IP6,
            "request from {} at {}",
            EMAIL,
            IP4
        );
        tracing::warn!(
            tensor = "[[0.25, 0.5], [0.75, 1.0], [1.25, 1.5]]",
            "odd activations"
        );
        let inner = tracing::debug_span!("layer.execute", layer.id = 12_u64);
        inner.in_scope(|| tracing::error!(error = "boom", text = "secret words", "layer failed"));
        (ctx.trace_id_hex(), ctx.span_id_hex())
    });
    let text = out.text();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    for l in &lines {
        for key in [
            "ts",
            "level",
            "message",
            "trace_id",
            "span_id",
            "request_id",
            "node_id",
            "consensus_term",
            "component",
        ] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
        assert_eq!(l["trace_id"], trace_id.as_str());
        assert_eq!(l["request_id"], "req_abc123");
        assert_eq!(l["node_id"], "compute-7");
        assert_eq!(l["consensus_term"], 42);
        assert_eq!(l["component"], "coordinator");
    }
    assert_eq!(lines[0]["span_id"], span_id.as_str());
    assert_ne!(
        lines[2]["span_id"],
        span_id.as_str(),
        "event in child span has the child's id"
    );
    assert_eq!(lines[0]["level"], "INFO");
    assert_eq!(lines[1]["level"], "WARN");
    assert_eq!(lines[2]["level"], "ERROR");
    assert_eq!(
        lines[0]["fields"]["prompt"],
        format!("<redacted len={}>", PROMPT.chars().count())
    );
    assert_eq!(
        lines[1]["fields"]["tensor"],
        "<tensor shape=[3,2] dtype=f32>"
    );
    assert_eq!(lines[0]["fields"]["user_id"], t.scrubber.hash_user_id(USER));
    assert!(lines[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("203.0.0.0/16"));

    // Nothing verbatim: JSON output, log buffer, span buffer.
    let logs = format!("{:?}", t.logs.query(&LogQuery::default()));
    let spans = format!("{:?}", t.spans.query(&SpanQuery::default()));
    for (what, hay) in [
        ("json", &text),
        ("log buffer", &logs),
        ("span buffer", &spans),
    ] {
        for needle in [
            EMAIL,
            USER,
            IP4,
            IP6,
            PROMPT,
            "secret words",
            // Not "0.75" alone: a timestamp such as 18:33:40.756 contains it.
            "[0.75, 1.0]",
            "nightingale",
        ] {
            assert!(
                !hay.contains(needle),
                "{needle:?} leaked into the {what}:\n{hay}"
            );
        }
    }
    assert_eq!(t.logs.len(), 3);
    assert_eq!(t.spans.len(), 2);
}

#[test]
fn spans_link_parents_and_continue_remote_traces() {
    let t = telemetry();
    let subscriber = tracing_subscriber::registry().with(t.layer());
    let remote = TraceContext::new_root();
    let mut carrier: HashMap<String, String> = HashMap::new();
    tracing::subscriber::with_default(subscriber, || {
        let tp = remote.traceparent();
        let root =
            tracing::info_span!("inference.request", traceparent = %tp, request_id = "req-9");
        root.in_scope(|| {
            let child = tracing::info_span!("comm.send_tensor", tensor.shape = "[32, 128, 4096]");
            child.in_scope(|| assert!(inject_current(&mut carrier)));
        });
    });
    let spans = t.spans.query(&SpanQuery {
        trace_id: remote.trace_id_hex(),
        ..Default::default()
    });
    assert_eq!(spans.len(), 2);
    let (child, root) = (&spans[0], &spans[1]);
    assert_eq!(root.name, "inference.request");
    assert_eq!(
        root.parent_span_id,
        Some(remote.span_id),
        "remote parent kept"
    );
    assert_eq!(child.parent_span_id, Some(root.span_id));
    assert_eq!(child.request_id, "req-9", "request id inherited");
    assert_eq!(child.node_id, "compute-7");
    // What the child injected is its own context: next hop continues the same trace.
    let next = TraceContext::extract(&carrier).expect("injected");
    assert_eq!(next.trace_id, remote.trace_id);
    assert_eq!(next.span_id, child.span_id);
    let proto = root.to_proto();
    assert_eq!(proto.trace_id, remote.trace_id_hex());
    assert_eq!(proto.parent_span_id, remote.span_id_hex());
    assert_eq!(proto.status, "ok");
    let by_request = t.spans.query(&SpanQuery {
        request_id: "req-9".into(),
        ..Default::default()
    });
    assert_eq!(by_request.len(), 2);
}

#[test]
fn env_filter_applies_to_the_layer() {
    let t = telemetry();
    let filter = EnvFilter::try_new("warn").expect("filter");
    let subscriber = tracing_subscriber::registry().with(t.layer().with_filter(filter));
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!("dropped");
        let span = tracing::warn_span!("consensus.vote", component = "consensus");
        let _g = span.enter();
        let ctx = current_trace_context().expect("context through a filtered layer");
        let mut carrier: Vec<(String, String)> = Vec::new();
        assert!(inject_current(&mut carrier));
        assert_eq!(
            TraceContext::extract(&carrier).map(|c| c.trace_id),
            Some(ctx.trace_id)
        );
        tracing::warn!("heartbeat failed");
        tracing::error!("kept");
    });
    let all = t.logs.query(&LogQuery::default());
    assert_eq!(all.len(), 2);
    let consensus = t.logs.query(&LogQuery {
        component: "consensus".into(),
        ..Default::default()
    });
    assert_eq!(consensus.len(), 2, "component inherited from the span");
    let errors = t.logs.query(&LogQuery {
        min_level: Some(Level::Error),
        ..Default::default()
    });
    assert_eq!(errors.len(), 1);
}

#[test]
fn tail_sampling_through_the_layer() {
    let t = Telemetry::new(TelemetryConfig {
        sampler: SamplerConfig {
            slow_threshold: Duration::from_millis(5),
            ..Default::default()
        },
        ..Default::default()
    });
    let exporter = Arc::new(Collect::default());
    let subscriber = tracing_subscriber::registry().with(t.layer().with_exporter(exporter.clone()));
    let mut error_ids = Vec::new();
    let mut byz_ids = Vec::new();
    let mut slow_ids = Vec::new();
    tracing::subscriber::with_default(subscriber, || {
        for i in 0..1000 {
            let root = tracing::info_span!("inference.request", request_id = i);
            root.in_scope(|| {
                tracing::info_span!("layer.execute").in_scope(|| {});
            });
        }
        for _ in 0..50 {
            let root = tracing::info_span!("inference.request");
            root.in_scope(|| {
                error_ids.push(current_trace_context().expect("ctx").trace_id);
                tracing::info_span!("layer.execute").in_scope(|| tracing::error!("failed"));
            });
        }
        for _ in 0..50 {
            let root = tracing::info_span!("inference.request");
            root.in_scope(|| {
                byz_ids.push(current_trace_context().expect("ctx").trace_id);
                tracing::info_span!("consensus.vote", byzantine = true).in_scope(|| {});
            });
        }
        for _ in 0..10 {
            let root = tracing::info_span!("inference.request");
            root.in_scope(|| {
                slow_ids.push(current_trace_context().expect("ctx").trace_id);
                std::thread::sleep(Duration::from_millis(6));
            });
        }
    });
    let traces = exporter.0.lock().expect("collect");
    let kept_with = |ids: &[[u8; 16]], reason: KeepReason| {
        ids.iter().all(|id| {
            traces
                .iter()
                .any(|t| t.spans.last().map(|s| s.trace_id) == Some(*id) && t.reason == reason)
        })
    };
    assert!(
        kept_with(&error_ids, KeepReason::Error),
        "every error trace kept"
    );
    assert!(
        kept_with(&byz_ids, KeepReason::Byzantine),
        "every Byzantine trace kept"
    );
    assert!(
        kept_with(&slow_ids, KeepReason::Slow),
        "every slow trace kept"
    );
    let normal = traces
        .iter()
        .filter(|t| t.reason == KeepReason::Ratio)
        .count();
    assert!(
        (60..=140).contains(&normal),
        "about 10 % of 1000 normal traces kept, got {normal}"
    );
    for tr in traces.iter() {
        // Only the slow loop's traces are a bare root; any other trace has root + child, even one
        // kept as slow because the machine was busy.
        let root_only = tr
            .spans
            .last()
            .is_some_and(|root| slow_ids.contains(&root.trace_id));
        let want = if root_only { 1 } else { 2 };
        assert_eq!(tr.spans.len(), want, "whole trace exported (root + child)");
        assert!(tr.spans.iter().all(|s| s.trace_id == tr.spans[0].trace_id));
    }
    assert_eq!(t.sampler.pending_traces(), 0);
    let stats = t.sampler.stats();
    assert_eq!(stats.kept + stats.discarded, 1110);
}

fn span(
    trace_id: [u8; 16],
    root: bool,
    error: bool,
    byzantine: bool,
    duration_ns: u64,
) -> SpanRecord {
    SpanRecord {
        trace_id,
        span_id: [1; 8],
        parent_span_id: if root { None } else { Some([2; 8]) },
        name: "x",
        node_id: "n".into(),
        request_id: Default::default(),
        start_unix_nano: 0,
        duration_ns,
        error,
        byzantine,
        attributes: Default::default(),
    }
}

#[test]
fn tail_sampler_ratio_is_deterministic_and_bounded() {
    let a = TailSampler::default();
    let b = TailSampler::default();
    let ids: Vec<[u8; 16]> = (0..1000)
        .map(|_| butterfly_telemetry::trace_context::random_trace_id())
        .collect();
    let kept = ids.iter().filter(|id| a.ratio_keeps(id)).count();
    assert!((60..=140).contains(&kept), "≈10 % kept, got {kept}");
    assert!(
        ids.iter().all(|id| a.ratio_keeps(id) == b.ratio_keeps(id)),
        "same choice on every node"
    );
    assert!(ids
        .iter()
        .all(|id| ratio_keeps(id, 1.0) && !ratio_keeps(id, 0.0)));
    // Late outcome: the error is only known from a child that ends before the root.
    for id in &ids {
        assert!(a.record(span(*id, false, true, false, 10)).is_none());
        assert!(a.finish_root(span(*id, true, false, false, 10)).is_some());
    }
    // Bounds: spans beyond the pending-trace bound are dropped and counted.
    let small = TailSampler::new(SamplerConfig {
        max_pending_traces: 2,
        max_spans_per_trace: 1,
        ..Default::default()
    });
    for id in ids.iter().take(3) {
        assert!(small.record(span(*id, false, false, false, 1)).is_none());
    }
    assert!(small.record(span(ids[0], false, false, false, 1)).is_none());
    assert_eq!(small.stats().dropped_spans, 2);
    assert_eq!(small.pending_traces(), 2);
    // A span that ends after its root follows the trace's decision.
    let late_kept = small
        .finish_root(span(ids[0], true, true, false, 1))
        .expect("error trace kept");
    assert_eq!(late_kept.spans.len(), 2);
    let again = small
        .record(span(ids[0], false, false, false, 1))
        .expect("late span of a kept trace");
    assert_eq!(again.reason, KeepReason::Error);
    // Stale pending traces are evicted to make room.
    let aging = TailSampler::new(SamplerConfig {
        max_pending_traces: 1,
        max_pending_age: Duration::ZERO,
        ..Default::default()
    });
    aging.record(span(ids[0], false, false, false, 1));
    aging.record(span(ids[1], false, false, false, 1));
    assert_eq!(aging.pending_traces(), 1);
    assert_eq!(aging.stats().dropped_spans, 1, "the stale trace's span");
}

fn spans_named(t: &Telemetry, name: &str) -> Vec<SpanRecord> {
    t.spans
        .query(&SpanQuery {
            limit: 1000,
            ..Default::default()
        })
        .into_iter()
        .filter(|s| s.name == name)
        .collect()
}

#[test]
fn binary_traceparent_continues_the_remote_trace_and_logs_keep_correlation() {
    let t = Telemetry::new(TelemetryConfig {
        sampler: SamplerConfig {
            normal_ratio: 0.0,
            ..Default::default()
        },
        ..telemetry_config()
    });
    let exporter = Arc::new(Collect::default());
    let subscriber = tracing_subscriber::registry().with(t.layer().with_exporter(exporter.clone()));
    let remote =
        TraceContext::parse_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .expect("traceparent");
    let binary = remote.traceparent_binary();
    let (ctx, fresh) = tracing::subscriber::with_default(subscriber, || {
        let span = tracing::info_span!(
            "layer.execute",
            traceparent = &binary[..],
            request_id = "req_abc",
            component = "compute",
            layer.id = 2_u32,
            node.id = "compute-7",
            tensor.shape = "[1, 64]",
            error = tracing::field::Empty,
        );
        let ctx = span_context(&span).expect("context of a span not entered");
        span.in_scope(|| {
            tracing::Span::current().record("error", "layer 2 does not exist");
            tracing::warn!(layer = 2_u32, byzantine = true, "corrupted");
        });
        drop(span);
        // Without a valid traceparent a span starts a trace of its own.
        let fresh = tracing::info_span!("layer.execute", traceparent = &b""[..]);
        (ctx, span_context(&fresh).expect("fresh"))
    });
    assert_eq!(ctx.trace_id, remote.trace_id);
    assert_eq!(ctx.flags, remote.flags);
    assert_ne!(fresh.trace_id, remote.trace_id);
    let s = spans_named(&t, "layer.execute");
    assert_eq!(s.len(), 2);
    let (span, fresh_span) = (&s[0], &s[1]);
    assert_eq!(span.trace_id, remote.trace_id);
    assert_eq!(
        span.parent_span_id,
        Some(remote.span_id),
        "remote parent kept"
    );
    assert_eq!(span.span_id, ctx.span_id);
    assert_eq!(fresh_span.parent_span_id, None);
    assert!(span.error && span.byzantine);
    assert_eq!(span.request_id, "req_abc");
    let text: Vec<String> = span
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    assert_eq!(
        text,
        [
            "layer.id=2",
            "node.id=compute-7",
            "tensor.shape=[1, 64]",
            "error=layer 2 does not exist"
        ]
    );
    let logs = t.logs.query(&LogQuery::default());
    assert_eq!(logs.len(), 1);
    let l = &logs[0];
    assert_eq!(l.trace_id, Some(remote.trace_id));
    assert_eq!(l.span_id, Some(span.span_id));
    assert_eq!(l.request_id, "req_abc");
    assert_eq!(l.component, "compute");
    // The error root was kept although the ratio is 0.
    let exported = exporter.0.lock().expect("collect");
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].reason, KeepReason::Error);
}

#[test]
fn request_ids_are_scrubbed_on_every_span() {
    let t = telemetry();
    let subscriber = tracing_subscriber::registry().with(t.layer());
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
    tracing::subscriber::with_default(subscriber, || {
        for _ in 0..2 {
            for id in ids.iter().chain(ids.iter().rev().take(5)) {
                tracing::info_span!("layer.execute", request_id = id.as_str()).in_scope(|| {});
            }
        }
    });
    let recorded: Vec<String> = spans_named(&t, "layer.execute")
        .iter()
        .map(|s| s.request_id.to_string())
        .collect();
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
fn log_correlation_ids_follow_the_current_span() {
    let t = telemetry();
    let subscriber = tracing_subscriber::registry().with(t.layer());
    let (outer_ctx, inner_ctx) = tracing::subscriber::with_default(subscriber, || {
        let outer = tracing::info_span!("outer", request_id = "req_outer").entered();
        let outer_ctx = current_trace_context().expect("outer");
        let inner_ctx =
            tracing::info_span!("layer.execute", component = "compute").in_scope(|| {
                tracing::info!("in the inner span");
                current_trace_context().expect("inner")
            });
        tracing::info!("in the outer span");
        drop(outer);
        tracing::info!("in no span");
        (outer_ctx, inner_ctx)
    });
    let logs = t.logs.query(&LogQuery::default());
    let by_message = |m: &str| {
        logs.iter()
            .find(|l| l.message == m)
            .unwrap_or_else(|| panic!("no {m:?} in {logs:?}"))
    };
    let inner = by_message("in the inner span");
    assert_eq!(inner.span_id, Some(inner_ctx.span_id));
    assert_eq!(inner.trace_id, Some(outer_ctx.trace_id));
    assert_eq!(inner.request_id, "req_outer", "request id inherited");
    assert_eq!(inner.component, "compute");
    let outer = by_message("in the outer span");
    assert_eq!(outer.span_id, Some(outer_ctx.span_id));
    assert_eq!(outer.component, "");
    let none = by_message("in no span");
    assert_eq!((none.trace_id, none.span_id), (None, None));
    assert_eq!(none.request_id, "");
}

/// Spans made in this module's `quiet` submodule, as a node module would make them.
mod quiet {
    pub fn span() -> bool {
        !tracing::info_span!("layer.execute", request_id = "req_quiet").is_disabled()
    }
}

#[test]
fn rust_log_directives_apply_to_every_span() {
    let t = telemetry();
    let made = |filter: &str| {
        let subscriber = tracing_subscriber::registry()
            .with(EnvFilter::new(filter))
            .with(t.layer());
        tracing::subscriber::with_default(subscriber, || {
            let here = !tracing::info_span!("layer.execute", request_id = "req_here").is_disabled();
            (here, quiet::span())
        })
    };
    // This test binary's module path is `layer`; its submodule is `layer::quiet`.
    assert_eq!(made("info"), (true, true));
    assert_eq!(made("info,layer::quiet=warn"), (true, false));
    assert_eq!(made("warn,layer::quiet=info"), (false, true));
    assert_eq!(made("off"), (false, false));
    // By span name.
    assert_eq!(made("warn,[layer.execute]=info"), (true, true));
    assert_eq!(made("warn,[other.span]=info"), (false, false));
    let ids: Vec<String> = spans_named(&t, "layer.execute")
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
    // By parent span: children of an `inference.request` (spans and events) at INFO, nothing
    // else below WARN.
    let t = telemetry();
    let subscriber = tracing_subscriber::registry()
        .with(EnvFilter::new("warn,[inference.request]=info"))
        .with(t.layer());
    tracing::subscriber::with_default(subscriber, || {
        tracing::info_span!("comm.send_tensor", to = "outside").in_scope(|| {});
        tracing::warn_span!("inference.request", request_id = "req_p").in_scope(|| {
            tracing::info_span!("comm.send_tensor", to = "inside").in_scope(|| {});
            tracing::info!("inside the request");
        });
        tracing::info!("outside the request");
    });
    let sends: Vec<String> = spans_named(&t, "comm.send_tensor")
        .iter()
        .filter_map(|s| s.attribute("to").map(|v| v.to_string()))
        .collect();
    assert_eq!(sends, ["inside"]);
    let logs: Vec<String> = t
        .logs
        .query(&LogQuery::default())
        .into_iter()
        .map(|l| l.message)
        .collect();
    assert_eq!(logs, ["inside the request"]);
}
