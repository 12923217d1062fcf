//! OTLP/gRPC export reaches a test collector (a tonic server built from the opentelemetry-proto
//! types) with the right resource, ids, parent links, status and scrubbed attributes.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use butterfly_telemetry::{OtlpExporter, Telemetry, TelemetryConfig};
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use opentelemetry_proto::tonic::common::v1::KeyValue;
use tracing_subscriber::layer::SubscriberExt;

#[derive(Clone, Default)]
struct Receiver(Arc<Mutex<Vec<ExportTraceServiceRequest>>>);

#[tonic::async_trait]
impl TraceService for Receiver {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        self.0.lock().expect("lock").push(request.into_inner());
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

fn attr(attrs: &[KeyValue], key: &str) -> Option<String> {
    attrs.iter().find(|kv| kv.key == key).and_then(|kv| {
        match kv.value.as_ref()?.value.as_ref()? {
            Value::StringValue(s) => Some(s.clone()),
            other => Some(format!("{other:?}")),
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_traces_reach_the_collector() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let receiver = Receiver::default();
    let server = tonic::transport::Server::builder()
        .add_service(TraceServiceServer::new(receiver.clone()))
        .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener));
    tokio::spawn(server);

    let exporter = OtlpExporter::start(&format!("http://{addr}"), "butterfly-test", "compute-7")
        .expect("exporter");
    let t = Telemetry::new(TelemetryConfig {
        node_id: "compute-7".into(),
        pepper: b"p".to_vec(),
        ..Default::default()
    });
    let subscriber = tracing_subscriber::registry().with(t.layer().with_exporter(exporter.clone()));
    tracing::subscriber::with_default(subscriber, || {
        let root = tracing::info_span!(
            "inference.request",
            request_id = "req-1",
            model.name = "llama-70b"
        );
        root.in_scope(|| {
            let child = tracing::info_span!(
                "layer.execute",
                layer.id = 12_u64,
                user_id = "alice",
                note = "alice@example.com"
            );
            child.in_scope(|| tracing::error!("layer failed"));
        });
        // Another trace, kept because it recorded a Byzantine event: its span carries
        // `byzantine = true`, what the Collector's tail sampling keys on.
        let other = tracing::info_span!("layer.execute", layer.id = 3_u64);
        other.in_scope(|| tracing::warn!(byzantine = true, "corrupted output"));
    });

    let deadline = Instant::now() + Duration::from_secs(20);
    let spans = loop {
        let got: Vec<_> = receiver.0.lock().expect("lock").clone();
        let spans: Vec<_> = got
            .iter()
            .flat_map(|r| r.resource_spans.iter())
            .flat_map(|rs| {
                let res = rs
                    .resource
                    .as_ref()
                    .map(|r| r.attributes.clone())
                    .unwrap_or_default();
                rs.scope_spans.iter().flat_map(move |ss| {
                    ss.spans.iter().map({
                        let res = res.clone();
                        move |s| (res.clone(), s.clone())
                    })
                })
            })
            .collect();
        if spans.len() >= 3 || Instant::now() > deadline {
            break spans;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(
        spans.len(),
        3,
        "both spans of the error trace and the Byzantine span exported (failed: {})",
        exporter.failed_spans()
    );
    let (res, root) = spans
        .iter()
        .find(|(_, s)| s.name == "inference.request")
        .expect("root");
    let (_, child) = spans
        .iter()
        .find(|(_, s)| s.name == "layer.execute" && s.trace_id == root.trace_id)
        .expect("child");
    let (_, byzantine) = spans
        .iter()
        .find(|(_, s)| s.trace_id != root.trace_id)
        .expect("the Byzantine span");
    let flag = byzantine
        .attributes
        .iter()
        .find(|kv| kv.key == "byzantine")
        .and_then(|kv| kv.value.as_ref()?.value.clone());
    assert_eq!(flag, Some(Value::BoolValue(true)), "{byzantine:?}");
    assert!(attr(&child.attributes, "byzantine").is_none());
    assert_eq!(attr(res, "service.name").as_deref(), Some("butterfly-test"));
    assert_eq!(attr(res, "node.id").as_deref(), Some("compute-7"));
    assert_eq!(root.trace_id, child.trace_id);
    assert_eq!(root.trace_id.len(), 16);
    assert_eq!(child.parent_span_id, root.span_id);
    assert!(root.parent_span_id.is_empty());
    assert_eq!(
        attr(&root.attributes, "model.name").as_deref(),
        Some("llama-70b")
    );
    assert_eq!(
        attr(&root.attributes, "request.id").as_deref(),
        Some("req-1")
    );
    assert_eq!(
        attr(&child.attributes, "node.id").as_deref(),
        Some("compute-7")
    );
    assert_eq!(
        child.status.as_ref().map(|s| s.code),
        Some(2),
        "STATUS_CODE_ERROR"
    );
    let dump = format!("{spans:?}");
    assert!(!dump.contains("alice"), "PII exported: {dump}");
    // The same trace is in the local span buffer under the same id.
    let local = t.spans.query(&Default::default());
    assert!(local
        .iter()
        .any(|s| s.trace_id.as_slice() == root.trace_id.as_slice()));
    assert!(local.iter().all(|s| {
        s.trace_id.as_slice() == root.trace_id.as_slice()
            || s.trace_id.as_slice() == byzantine.trace_id.as_slice()
    }));
}
