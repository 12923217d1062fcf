//! `request trace|replay` and `logs query` end to end: a request made slow by fault injection is
//! found on a real cluster through the nodes' buffers, and Jaeger-format traces (the upstream
//! corpus and a damaged one) are assembled from a local server speaking Jaeger's HTTP API.

mod common;

use common::{http_post_json, Env};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::PathBuf;

fn infer(env: &Env, demo: &Value, input: &str) -> Value {
    let http = env.node(demo, "coordinator-1")["http_addr"]
        .as_str()
        .expect("http addr")
        .to_string();
    let body = serde_json::json!({"model": "butterfly-demo", "input": input}).to_string();
    let (code, v) = http_post_json(&http, "/v1/infer", &body);
    assert_eq!(code, 200, "{v}");
    v
}

#[test]
fn a_slow_request_is_traced_across_nodes_its_logs_shown_and_replayed() {
    let mut env = Env::new();
    let demo = env.demo(1, 3, 0, 0);
    let r = env.run(&["fault", "inject", "compute-2", "slow:60ms"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let resp = infer(&env, &demo, "why is this slow");
    let request_id = resp["request_id"].as_str().expect("request id").to_string();
    let trace_id = resp["trace_id"].as_str().expect("trace id").to_string();

    // The whole trace, from every node's buffer.
    let r = env.run(&["-o", "json", "request", "trace", &request_id]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let t = r.json();
    assert_eq!(t["source"], "nodes");
    assert_eq!(t["trace_id"], trace_id.as_str());
    assert_eq!(t["request_id"], request_id.as_str());
    let spans = t["spans"].as_array().expect("spans");
    assert!(
        spans.len() > 8 * 3 * 2,
        "root + send + execute per replica: {}",
        spans.len()
    );
    let ids: BTreeSet<&str> = spans.iter().filter_map(|s| s["span_id"].as_str()).collect();
    let nodes: BTreeSet<&str> = spans.iter().filter_map(|s| s["node_id"].as_str()).collect();
    assert_eq!(
        nodes,
        BTreeSet::from(["coordinator-1", "compute-1", "compute-2", "compute-3"])
    );
    for s in spans {
        assert_eq!(s["trace_id"], trace_id.as_str());
        if s["name"] != "inference.request" {
            let parent = s["parent_span_id"].as_str().unwrap_or("");
            assert!(ids.contains(parent), "parent of {s} is in the trace");
        }
    }
    assert!(
        t["warnings"].as_array().is_some_and(Vec::is_empty),
        "{}",
        t["warnings"]
    );
    // The critical path runs through the slow node's layer executions.
    let critical: BTreeSet<&str> = t["critical_path"]
        .as_array()
        .expect("critical path")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let slow_on_path: Vec<&Value> = spans
        .iter()
        .filter(|s| {
            s["span_id"]
                .as_str()
                .is_some_and(|id| critical.contains(id))
        })
        .filter(|s| s["name"] == "layer.execute")
        .collect();
    assert!(
        !slow_on_path.is_empty(),
        "layer executions on the critical path"
    );
    assert!(
        slow_on_path
            .iter()
            .all(|s| s["node_id"] == "compute-2"
                && s["duration_ns"].as_u64().unwrap_or(0) >= 60_000_000),
        "every layer on the critical path is compute-2's slow one: {slow_on_path:?}"
    );
    // Its log lines, correlated by trace id.
    let logs = t["logs"].as_array().expect("logs");
    assert!(
        logs.iter().any(|l| l["message"] == "inference completed"),
        "{logs:?}"
    );
    assert!(logs.iter().all(|l| l["trace_id"] == trace_id.as_str()));

    // The table names the slow layer on the slow node, and folds fast spans on request.
    let r = env.run(&[
        "-o",
        "table",
        "request",
        "trace",
        &trace_id,
        "--min-duration",
        "20ms",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hot = r
        .stdout
        .lines()
        .find(|l| l.starts_with("slowest on the critical path:"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        hot.contains("layer.execute") && hot.contains("compute-2"),
        "{hot}"
    );
    assert!(r.stdout.contains("folded)"), "{}", r.stdout);
    assert!(r.stdout.contains("inference completed"), "{}", r.stdout);
    let r = env.run(&["-o", "table", "request", "trace", &trace_id, "--no-logs"]);
    assert!(!r.stdout.contains("inference completed"), "{}", r.stdout);
    let r = env.run(&[
        "-o", "json", "request", "trace", &trace_id, "--level", "WARN",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warn_logs = r.json()["logs"].as_array().cloned().unwrap_or_default();
    assert!(
        warn_logs
            .iter()
            .all(|l| l["level"] == "WARN" || l["level"] == "ERROR"),
        "{warn_logs:?}"
    );

    // With a Jaeger that sampled this request out, auto mode falls back to the nodes' buffers.
    let sampled_out = jaeger_server(vec![(
        "/api/v3/traces".into(),
        404,
        "text/plain; charset=utf-8",
        br#"{"error":{"httpCode":404,"message":"No traces found"}}"#.to_vec(),
    )]);
    let mut c = env.cmd(&["-o", "json", "request", "trace", &request_id, "--no-logs"]);
    c.env("BUTTERFLY_JAEGER_URL", &sampled_out);
    let r = common::run_cmd(c, std::time::Duration::from_secs(30));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let t = r.json();
    assert_eq!(t["source"], "nodes");
    assert_eq!(t["trace_id"], trace_id.as_str());
    assert!(
        t["warnings"].to_string().contains("jaeger: no trace"),
        "{}",
        t["warnings"]
    );

    // An unknown request id is a clear error.
    let r = env.run(&["request", "trace", "req_000000000000"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("in no node's span buffer"),
        "{}",
        r.stderr
    );

    // logs query on the buffers with the LogQL subset.
    let q = format!(r#"{{component="inference"}} |= "completed" | request_id="{request_id}""#);
    let r = env.run(&["-o", "json", "logs", "query", &q]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = r.json()["lines"].as_array().cloned().unwrap_or_default();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["request_id"], request_id.as_str());
    let r = env.run(&["logs", "query", r#"{node_id="compute-1""#]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("column"), "{}", r.stderr);

    // --follow prints what is there, then new lines as they arrive.
    let mut follow = env.cmd(&[
        "-o",
        "json",
        "logs",
        "query",
        r#"{component="inference"} |= "completed""#,
        "--follow",
    ]);
    follow
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = follow.spawn().expect("logs query --follow starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the existing line is printed first");
    assert!(first.contains(&request_id), "{first}");
    let later = infer(&env, &demo, "and one more");
    let later_id = later["request_id"]
        .as_str()
        .expect("request id")
        .to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut seen = false;
    while !seen && std::time::Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(1)) {
            let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
            seen = v["request_id"] == later_id.as_str();
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen, "the new request's line arrives while following");

    // Replay: admin only; the new run is compared stage by stage.
    let r = env.run_as_viewer(&["request", "replay", request_id.as_str()]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("admin"), "{}", r.stderr);

    let _ = env.run(&["fault", "clear", "compute-2"]);
    let r = env.run(&["-o", "json", "request", "replay", &request_id]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let rp = r.json();
    assert_eq!(rp["original"]["request_id"], request_id.as_str());
    assert_eq!(rp["original"]["trace_id"], trace_id.as_str());
    assert_ne!(rp["replay"]["trace_id"], trace_id.as_str());
    assert_eq!(rp["same_output"], true, "{rp}");
    assert_eq!(rp["input_len"], "why is this slow".len());
    let stages = rp["stages"].as_array().expect("stages");
    assert_eq!(stages.len(), 1 + 8, "request + 8 layers: {stages:?}");
    for s in stages {
        assert!(
            s["before_ms"].is_number() && s["after_ms"].is_number(),
            "{s}"
        );
    }
    // Faster without the fault.
    assert!(
        rp["replay"]["latency_ms"].as_f64().unwrap_or(f64::MAX)
            < rp["original"]["latency_ms"].as_f64().unwrap_or(0.0),
        "{rp}"
    );
    // A Byzantine node's layer executions are marked in the trace.
    let r = env.run(&["fault", "inject", "compute-3", "byzantine:1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lied = infer(&env, &demo, "who lies");
    let lied_trace = lied["trace_id"].as_str().expect("trace id");
    let r = env.run(&["-o", "json", "request", "trace", lied_trace]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = r.json();
    let marked: Vec<&Value> = t["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .filter(|s| s["attributes"]["byzantine"] == "true")
        .collect();
    assert!(!marked.is_empty(), "{}", t["spans"]);
    assert!(
        marked.iter().all(|s| s["node_id"] == "compute-3"),
        "{marked:?}"
    );
    let r = env.run(&["-o", "table", "request", "trace", lied_trace]);
    assert!(r.stdout.contains("⚠ byzantine"), "{}", r.stdout);

    let r = env.run(&["request", "replay", "req_000000000000"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("replay buffer"), "{}", r.stderr);
}

/// A one-thread HTTP server answering every request by its path with `(status, content type,
/// body)`; unknown paths get Go's `404 page not found`.
fn jaeger_server(routes: Vec<(String, u16, &'static str, Vec<u8>)>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 8192];
            let n = s.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = head
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .split('?')
                .next()
                .unwrap_or("/")
                .to_string();
            let (status, ctype, body) = routes
                .iter()
                .find(|(p, ..)| *p == path)
                .map(|(_, st, ct, b)| (*st, *ct, b.clone()))
                .unwrap_or((
                    404,
                    "text/plain; charset=utf-8",
                    b"404 page not found\n".to_vec(),
                ));
            let _ = write!(
                s,
                "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(&body);
        }
    });
    format!("http://{addr}")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upstream")
}

#[test]
fn jaeger_traces_are_assembled_even_when_damaged() {
    let petclinic = fixtures().join("jaeger/legacy_ui_trace_petclinic.json");
    let trace = std::fs::read(&petclinic).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the fixtures live in the repository, under tests/fixtures/upstream)",
            petclinic.display()
        )
    });
    let envelope = format!(
        r#"{{"data":[{}],"total":0,"limit":0,"offset":0,"errors":null}}"#,
        String::from_utf8_lossy(&trace)
    );
    let damaged = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/jaeger_v3_damaged_trace.json"),
    )
    .expect("damaged fixture");
    let url = jaeger_server(vec![
        (
            "/api/traces/4766f1209f70a5e2e55417fc296fd101".into(),
            200,
            "application/json",
            envelope.into_bytes(),
        ),
        (
            "/api/v3/traces/5b8efff798038103d269b633813fc60c".into(),
            200,
            "application/json",
            damaged,
        ),
        (
            "/loki/api/v1/query_range".into(),
            200,
            "application/json",
            std::fs::read(
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/loki_trace_logs.json"),
            )
            .expect("loki fixture"),
        ),
        (
            "/api/v3/traces/00000000000000000000000000000bad".into(),
            500,
            "text/html",
            b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec(),
        ),
    ]);
    let env = Env::new();
    let run = |id: &str, out: &str| {
        let mut c = env.cmd(&[
            "-o",
            out,
            "request",
            "trace",
            id,
            "--source",
            "jaeger",
            "--no-logs",
        ]);
        c.env("BUTTERFLY_JAEGER_URL", &url);
        common::run_cmd(c, std::time::Duration::from_secs(30))
    };

    // The upstream PetClinic trace through the legacy API (the server has no api_v3).
    let r = run("4766f1209f70a5e2e55417fc296fd101", "json");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let t = r.json();
    assert_eq!(t["source"], "jaeger");
    assert_eq!(t["spans"].as_array().map(Vec::len), Some(5));
    let path = t["critical_path"].as_array().expect("path");
    assert!(!path.is_empty());
    let first = path[0].as_str().unwrap_or_default();
    let root = t["spans"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["span_id"] == first).cloned())
        .expect("critical path starts at a span of the trace");
    assert_eq!(root["name"], "GET /api/customer/owners/8/pets/10", "{root}");
    assert_eq!(root["node_id"], "api-gateway", "{root}");

    // A damaged trace: a cycle, a missing parent and an error are drawn with warnings.
    let r = run("5b8efff798038103d269b633813fc60c", "json");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let t = r.json();
    let warnings = t["warnings"].to_string();
    assert!(warnings.contains("cycle broken"), "{warnings}");
    assert!(warnings.contains("parent that was not found"), "{warnings}");
    let r = run("5b8efff798038103d269b633813fc60c", "table");
    assert!(r.stdout.contains("✗ error"), "{}", r.stdout);
    assert!(
        r.stdout.contains("warning: span cycle broken"),
        "{}",
        r.stdout
    );

    // With Loki in the profile too, the trace's log lines come from Loki (node JSON lifted).
    let mut c = env.cmd(&[
        "-o",
        "json",
        "request",
        "trace",
        "5b8efff798038103d269b633813fc60c",
        "--source",
        "jaeger",
        "--level",
        "WARN",
    ]);
    c.env("BUTTERFLY_JAEGER_URL", &url)
        .env("BUTTERFLY_LOKI_URL", &url);
    let r = common::run_cmd(c, std::time::Duration::from_secs(30));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let t = r.json();
    assert_eq!(t["logs_source"], "loki");
    assert_eq!(t["request_id"], "req_5b8e0001");
    let logs = t["logs"].as_array().expect("logs");
    assert_eq!(logs.len(), 2, "{logs:?}");
    assert_eq!(logs[1]["level"], "ERROR");
    assert_eq!(logs[1]["span_id"], "eee19b7ec3c1b172");
    let mut c = env.cmd(&[
        "-o",
        "json",
        "logs",
        "query",
        r#"{job="butterfly"} | json | level="ERROR""#,
    ]);
    c.env("BUTTERFLY_LOKI_URL", &url);
    let r = common::run_cmd(c, std::time::Duration::from_secs(30));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["source"], "loki");

    // An HTML error page is one clear line, not a dump or a panic.
    let r = run("00000000000000000000000000000bad", "json");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("500"), "{}", r.stderr);
    assert!(r.stderr.lines().count() <= 2, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}
