//! End-to-end: inference through a real cluster (coordinator → compute nodes over QUIC with
//! mTLS), Byzantine detection by replica majority, and injected faults.

mod common;

use common::{http_post_json, http_post_json_with, Env};
use serde_json::Value;

fn infer(env: &Env, demo: &Value, coordinator: &str, input: &str) -> (u16, Value) {
    let http = env.node(demo, coordinator)["http_addr"]
        .as_str()
        .expect("http addr")
        .to_string();
    let body = serde_json::json!({"model": "butterfly-demo", "input": input, "user_id": "user-42"})
        .to_string();
    http_post_json(&http, "/v1/infer", &body)
}

fn ok(env: &Env, demo: &Value, input: &str) -> Value {
    let (code, v) = infer(env, demo, "coordinator-1", input);
    assert_eq!(code, 200, "{v}");
    v
}

#[test]
fn results_are_deterministic_and_an_honest_majority_outvotes_a_byzantine_replica() {
    let mut env = Env::new();
    let demo = env.demo(1, 4, 0, 0);
    let first = ok(&env, &demo, "the quick brown fox");
    for k in ["request_id", "trace_id", "output_hash", "latency_ms"] {
        assert!(!first[k].is_null(), "response lacks {k}: {first}");
    }
    assert_eq!(first["trace_id"].as_str().map(str::len), Some(32));
    let again = ok(&env, &demo, "the quick brown fox");
    assert_eq!(
        first["output_hash"], again["output_hash"],
        "same input, same output"
    );
    assert_ne!(first["request_id"], again["request_id"]);
    let other = ok(&env, &demo, "the quick brown cat");
    assert_ne!(first["output_hash"], other["output_hash"]);

    let r = env.run(&["fault", "inject", "compute-2", "byzantine:1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let under_attack = ok(&env, &demo, "the quick brown fox");
    assert_eq!(
        under_attack["output_hash"], first["output_hash"],
        "the honest majority wins"
    );
    let disagreed: Vec<&Value> = under_attack["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .flat_map(|l| l["disagreed"].as_array().cloned().unwrap_or_default())
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .collect();
    assert!(
        disagreed.iter().all(|n| *n == "compute-2") && !disagreed.is_empty(),
        "{under_attack}"
    );

    let list = env.run(&["-o", "json", "fault", "list", "--node", "compute-2"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let faults = list.json()["faults"].as_array().cloned().expect("faults");
    assert!(!faults.is_empty());
    let f = &faults[0];
    assert_eq!(f["node_id"], "compute-2");
    assert_eq!(f["request_id"], under_attack["request_id"]);
    assert_ne!(f["expected_hash"], f["received_hash"]);
    assert!(f["majority"].as_array().is_some_and(|m| m.len() >= 2));

    // Enough faults push compute-2 below the reputation threshold: it gets no more work.
    for i in 0..3 {
        ok(&env, &demo, &format!("more traffic {i}"));
    }
    let later = ok(&env, &demo, "after the fall");
    let routed: Vec<String> = later["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .flat_map(|l| l["replicas"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    assert!(
        !routed.iter().any(|n| n == "compute-2"),
        "still routed to compute-2: {later}"
    );
    let faults = env
        .run(&["-o", "json", "fault", "list", "--node", "compute-2"])
        .json();
    let last = faults["faults"]
        .as_array()
        .and_then(|a| a.last().cloned())
        .expect("a fault");
    assert!(
        last["reputation_after"].as_f64().is_some_and(|r| r < 0.5),
        "{last}"
    );
}

#[test]
fn a_slow_node_stands_out_and_a_partition_is_routed_around() {
    let mut env = Env::new();
    let demo = env.demo(1, 4, 0, 0);
    assert_eq!(
        env.run(&["fault", "inject", "compute-3", "slow:150ms"])
            .code,
        0
    );
    for i in 0..2 {
        ok(&env, &demo, &format!("slow {i}"));
    }
    let slow = env
        .run(&["-o", "json", "node", "status", "compute-3"])
        .json();
    let fast = env
        .run(&["-o", "json", "node", "status", "compute-1"])
        .json();
    let p99 = |v: &Value| {
        v["layers"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|l| l["p99_ms"].as_f64())
                    .fold(0.0, f64::max)
            })
            .unwrap_or(0.0)
    };
    assert!(p99(&slow) >= 150.0, "slow layer latency shows: {slow}");
    assert!(p99(&fast) < 100.0, "{fast}");
    assert_eq!(slow["active_faults"][0], "slow:150ms");
    let status = env.run(&["-o", "json", "cluster", "status"]).json();
    let row = status["nodes"]
        .as_array()
        .and_then(|a| a.iter().find(|n| n["id"] == "compute-3").cloned())
        .expect("compute-3");
    assert!(
        row["layer_p99_ms"].as_f64().is_some_and(|p| p >= 150.0),
        "{row}"
    );
    assert_eq!(env.run(&["fault", "clear", "compute-3"]).code, 0);

    // compute-1 drops traffic from coordinator-1: requests still succeed on the other replicas,
    // and the coordinator shows the link down.
    assert_eq!(
        env.run(&["fault", "inject", "compute-1", "partition:coordinator-1"])
            .code,
        0
    );
    let v = ok(&env, &demo, "across the partition");
    let computed_by_1 = v["layers"].as_array().expect("layers").iter().any(|l| {
        l["agreed"]
            .as_array()
            .is_some_and(|a| a.iter().any(|n| n == "compute-1"))
    });
    assert!(!computed_by_1, "no work crossed the partition: {v}");
    let coord = env
        .run(&["-o", "json", "node", "status", "coordinator-1"])
        .json();
    let link = coord["peers"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "compute-1").cloned())
        .expect("peer compute-1");
    assert_eq!(link["connected"], false, "{coord}");
}

#[test]
fn bad_input_gets_a_json_4xx_and_faults_need_the_admin_role() {
    let mut env = Env::new();
    let demo = env.demo(1, 3, 0, 0);
    let http = env.node(&demo, "coordinator-1")["http_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    let cases = [
        ("{not json", 400),
        (r#"{"model":"gpt-9","input":"x"}"#, 404),
        (r#"{"model":"butterfly-demo"}"#, 422),
        (r#"{"model":"butterfly-demo","input":"x","extra":1}"#, 422),
    ];
    for (body, want) in cases {
        let (code, v) = http_post_json(&http, "/v1/infer", body);
        assert_eq!(code, want, "{body} -> {v}");
        assert!(v["error"].is_string(), "JSON error for {body}: {v}");
    }
    let big =
        serde_json::json!({"model": "butterfly-demo", "input": "x".repeat(70_000)}).to_string();
    let (code, v) = http_post_json(&http, "/v1/infer", &big);
    assert_eq!(code, 413, "{v}");
    let huge = "y".repeat(300_000);
    let (code, _) = http_post_json(&http, "/v1/infer", &huge);
    assert_eq!(code, 413);
    // Still serving.
    let (code, _) = infer(&env, &demo, "coordinator-1", "still alive");
    assert_eq!(code, 200);

    // A viewer cannot inject faults; a malformed spec is a clear error.
    let r = env.run_as_viewer(&["fault", "inject", "compute-1", "slow:1s"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("admin"), "{}", r.stderr);
    let r = env.run(&["fault", "inject", "compute-1", "melt:now"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("unknown fault"), "{}", r.stderr);

    // An injected crash takes the node down; the remaining replicas keep serving.
    let _ = env.run(&["fault", "inject", "compute-3", "crash"]);
    let (code, v) = infer(&env, &demo, "coordinator-1", "after a crash");
    assert_eq!(code, 200, "{v}");
}

#[test]
fn checkpoints_are_committed_and_corruption_is_caught_at_verification_and_restore() {
    let mut env = Env::new();
    let demo = env.demo_with(
        1,
        3,
        0,
        0,
        &[
            "--no-prometheus",
            "--load",
            "0",
            "--checkpoint-interval",
            "500ms",
        ],
    );
    let data = env.state_dir().join("demo").join("data");
    let log = env
        .state_dir()
        .join("demo")
        .join("logs")
        .join("compute-2.log");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let committed = std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("checkpoint committed");
        if committed && data.join("compute-2/checkpoints/manifest.json").exists() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no committed checkpoint on compute-2"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("compute-2/checkpoints/manifest.json"))
            .expect("manifest"),
    )
    .expect("manifest JSON");
    assert_eq!(manifest["layers"].as_object().map(|m| m.len()), Some(8));
    assert_eq!(manifest["root"].as_str().map(str::len), Some(64));

    // Corrupted writes are caught when the node verifies what it wrote.
    assert_eq!(
        env.run(&["fault", "inject", "compute-2", "corrupt-checkpoint"])
            .code,
        0
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let s = env
            .run(&["-o", "json", "node", "status", "compute-2"])
            .json();
        if s["health"] == "degraded"
            && s["summary"]
                .as_str()
                .is_some_and(|m| m.contains("checkpoint corrupt"))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "corruption never reported: {s}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }

    // ... and at restore: restart the node with the same command line.
    let pid = env.node(&demo, "compute-2")["pid"].as_u64().expect("pid");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).expect("cmdline");
    let args: Vec<String> = cmdline
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    common::kill_pid(pid);
    let ready = args
        .iter()
        .position(|a| a == "--ready-file")
        .map(|i| args[i + 1].clone())
        .expect("ready file");
    let _ = std::fs::remove_file(&ready);
    // Same flags minus the start-up fault list; no fault is active after a restart.
    let mut child = std::process::Command::new(&args[0])
        .args(&args[1..])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("restart compute-2");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !std::path::Path::new(&ready).exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "restarted node never ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let ready: Value =
        serde_json::from_str(&std::fs::read_to_string(&ready).expect("ready")).expect("json");
    let addr = ready["nodes"][0]["debug_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    let s = env.run(&["-o", "json", "node", "status", &addr]).json();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(s["health"], "degraded", "{s}");
    assert!(
        s["summary"]
            .as_str()
            .is_some_and(|m| m.contains("restore") && m.contains("checkpoint corrupt")),
        "{s}"
    );
}

#[test]
fn a_follower_forwards_to_the_raft_leader_and_the_trace_continues() {
    let mut env = Env::new();
    let demo = env.demo(3, 3, 0, 0);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let leader = loop {
        let s = env.run(&["-o", "json", "cluster", "status"]).json();
        let leaders: Vec<Value> = s["nodes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|n| n["role"] == "coordinator")
                    .map(|n| n["consensus"]["leader"].clone())
                    .collect()
            })
            .unwrap_or_default();
        // Every coordinator is in the group and agrees on the leader.
        if leaders.len() == 3 && leaders.iter().all(|l| l.is_string() && *l == leaders[0]) {
            break leaders[0].as_str().unwrap_or_default().to_string();
        }
        assert!(std::time::Instant::now() < deadline, "no leader: {s}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let follower = ["coordinator-1", "coordinator-2", "coordinator-3"]
        .into_iter()
        .find(|c| *c != leader)
        .expect("a follower");
    let http = env.node(&demo, follower)["http_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let parent = format!("00-{trace}-00f067aa0ba902b7-01");
    let body = serde_json::json!({"model": "butterfly-demo", "input": "forward me"}).to_string();
    let (code, v) = http_post_json_with(&http, "/v1/infer", &body, &[("traceparent", &parent)]);
    assert_eq!(code, 200, "{v}");
    assert_eq!(
        v["coordinator"],
        leader.as_str(),
        "served by the leader: {v}"
    );
    assert_eq!(
        v["trace_id"], trace,
        "the caller's trace continues across the hop: {v}"
    );
}
