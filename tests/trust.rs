//! Trust inside the cluster (issue 15): live attacks on a demo with the real certificates the
//! demo issued. A compute node's certificate must not write the replicated state, claim another
//! identity, announce other (or made-up) members or commit another node's checkpoint; every
//! refusal is audited on the node.

mod common;

use butterfly_proto::debug::{CheckpointManifest, JoinRequest, Member, RaftKind, RaftRequest};
use common::{client_as, Env};
use serde_json::Value;
use tonic::Code;

fn forward(from: &str, payload: &str) -> RaftRequest {
    RaftRequest {
        kind: RaftKind::Forward as i32,
        from: from.into(),
        payload: payload.as_bytes().to_vec(),
    }
}

fn member(id: &str, like: &Member) -> Member {
    Member {
        id: id.into(),
        ..like.clone()
    }
}

fn denied<T: std::fmt::Debug>(what: &str, r: Result<T, tonic::Status>) -> String {
    match r {
        Err(s) if s.code() == Code::PermissionDenied => s.message().to_string(),
        other => panic!("{what}: expected PermissionDenied, got {other:?}"),
    }
}

/// Node audit records of `node` as (method suffix, peer, outcome).
fn audit(env: &Env, node: &str) -> Vec<(String, String, String)> {
    let r = env.run(&["-o", "json", "node", "audit", node, "--limit", "10000"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
            let m = s("method");
            (
                m.rsplit('/').next().unwrap_or("").to_string(),
                s("peer_name"),
                s("outcome"),
            )
        })
        .collect()
}

#[test]
fn compute_certificate_cannot_write_state_forge_identity_or_members() {
    let mut env = Env::new();
    let status = env.demo(1, 2, 0, 0);
    let coord = env.node(&status, "coordinator-1");
    let addr = coord["debug_addr"]
        .as_str()
        .expect("debug_addr")
        .to_string();
    let certs = env.certs();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let mut compute = client_as(&certs, "compute-1", &addr).await;
        let set_rep = r#"{"Propose":{"SetReputation":{"node_id":"compute-2","score":0.0}}}"#;

        // 1. Raft from a compute certificate: refused whatever `from` it claims.
        let m = denied(
            "compute-1 as coordinator-1",
            compute.raft(forward("coordinator-1", set_rep)).await,
        );
        assert!(m.contains("coordinator"), "{m}");
        denied(
            "compute-1 as itself",
            compute.raft(forward("compute-1", set_rep)).await,
        );
        denied(
            "compute-1 vote",
            compute
                .raft(RaftRequest {
                    kind: RaftKind::Vote as i32,
                    from: "compute-1".into(),
                    payload: b"{}".to_vec(),
                })
                .await,
        );

        // 2. A real coordinator certificate may not claim another `from`, nor forward
        // commands that change reputations, membership or assignments.
        let mut coordinator = client_as(&certs, "coordinator-1", &addr).await;
        let m = denied(
            "coordinator-1 claiming coordinator-2",
            coordinator.raft(forward("coordinator-2", set_rep)).await,
        );
        assert!(m.contains("claims to be 'coordinator-2'"), "{m}");
        for cmd in [
            set_rep.to_string(),
            r#"{"Propose":{"AssignLayers":{"0":["compute-1"]}}}"#.to_string(),
        ] {
            let m = denied(
                "forwarded state change",
                coordinator.raft(forward("coordinator-1", &cmd)).await,
            );
            assert!(m.contains("leader's own logic"), "{m}");
        }
        // ... while reading the state (diagnostics) is still allowed to a voter.
        let state = coordinator
            .raft(forward("coordinator-1", r#""ReadState""#))
            .await
            .expect("ReadState from the voter itself");
        let state: Value = serde_json::from_slice(&state.into_inner().payload).expect("json");
        let rep = state["Ok"]["State"]["reputation"]["compute-2"].as_f64();
        assert_ne!(rep, Some(0.0), "compute-2's reputation was zeroed: {state}");

        // 3. Join: a member announces only itself; a made-up or another member is refused.
        let members = compute
            .list_members(butterfly_proto::debug::ListMembersRequest {})
            .await
            .expect("list members")
            .into_inner()
            .members;
        let me = members
            .iter()
            .find(|m| m.id == "compute-1")
            .expect("compute-1 is a member")
            .clone();
        for forged in ["ghost-1", "compute-2", "coordinator-1"] {
            let m = denied(
                forged,
                compute
                    .join(JoinRequest {
                        members: vec![member(forged, &me)],
                    })
                    .await,
            );
            assert!(m.contains("may announce only itself"), "{m}");
        }
        compute
            .join(JoinRequest {
                members: vec![me.clone()],
            })
            .await
            .expect("a member may announce itself");

        // 4. Checkpoints: only its own.
        let m = denied(
            "checkpoint for compute-2",
            compute
                .commit_checkpoint(CheckpointManifest {
                    seq: 999_999,
                    node_id: "compute-2".into(),
                    layers: vec![],
                    root: "00".into(),
                    at_unix_ms: 1,
                })
                .await,
        );
        assert!(m.contains("only its own checkpoints"), "{m}");
    });

    // No ghost joined.
    let st = env.run(&["-o", "json", "cluster", "status"]);
    assert!(!st.stdout.contains("ghost-1"), "{}", st.stdout);

    // Every refusal is in the node's audit, attributed to the certificate that made it.
    let records = audit(&env, "coordinator-1");
    let refused = |method: &str, peer: &str| {
        records
            .iter()
            .filter(|(m, p, o)| m == method && p == peer && o != "ok")
            .count()
    };
    assert!(refused("Raft", "compute-1") >= 3, "{records:?}");
    assert!(refused("Raft", "coordinator-1") >= 3, "{records:?}");
    assert!(refused("Join", "compute-1") >= 3, "{records:?}");
    assert!(refused("CommitCheckpoint", "compute-1") >= 1, "{records:?}");
}

#[test]
fn huge_durations_are_usage_errors_not_panics() {
    let env = Env::new();
    let r = env.run(&["--timeout", "1e300", "cluster", "status"]);
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let mut cmd = env.cmd(&["cluster", "status"]);
    cmd.env("BUTTERFLY_TIMEOUT", "1e20");
    let r = common::run_cmd(cmd, std::time::Duration::from_secs(30));
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("too long"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn backend_url_password_is_redacted_in_errors_and_the_audit() {
    let env = Env::new();
    // A closed port: the query fails with the URL in its error.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("http://bob:hunter2@127.0.0.1:{port}/");
    let mut cmd = env.cmd(&["--timeout", "2s", "metrics", "query", "up"]);
    cmd.env("BUTTERFLY_PROMETHEUS_URL", &url);
    let r = common::run_cmd(cmd, std::time::Duration::from_secs(30));
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("127.0.0.1"), "{}", r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
    // The console's audit keeps the error line: redacted too.
    let trail = std::fs::read_to_string(env.audit_log()).unwrap_or_default();
    assert!(!trail.is_empty(), "no console audit written");
    assert!(!trail.contains("hunter2"), "{trail}");
    assert!(trail.contains("bob:<redacted>@"), "{trail}");
}

#[test]
fn demo_nodes_hash_user_ids_with_a_generated_pepper() {
    use std::os::unix::fs::PermissionsExt as _;
    let mut env = Env::new();
    env.demo(1, 0, 0, 0);
    let pepper = env.certs().join("user-id-pepper");
    let meta = std::fs::metadata(&pepper).expect("demo pepper file");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&pepper).expect("pepper");
    assert_eq!(text.len(), 64, "{text}");
    assert!(text.chars().all(|c| c.is_ascii_hexdigit()));
    // A too-short pepper is refused by the node (usage error), not silently used.
    let short = env.path("short-pepper");
    std::fs::write(&short, "abc").expect("write");
    let r = common::run_cmd(
        {
            let mut c = std::process::Command::new(common::node_bin());
            c.args(["--role", "compute", "--id", "x", "--user-id-pepper-file"])
                .arg(&short);
            c
        },
        std::time::Duration::from_secs(20),
    );
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("at least 16 bytes"), "{}", r.stderr);
}

/// Posts one inference request to `http` until it is served (the layer assignment settles in a
/// second or two after the demo is up).
fn infer_ok(http: &str) -> Value {
    let body = serde_json::json!({"model": "butterfly-demo", "input": "who answers?"}).to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (code, v) = common::http_post_json(http, "/v1/infer", &body);
        if code == 200 {
            return v;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "inference never served: {code} {v}"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
}

#[test]
fn peers_are_checked_by_name_and_silent_members_expire() {
    let env = Env::new();
    // The nodes inherit the console's environment: a 2 s membership grace for this test.
    let mut up = env.cmd(&[
        "demo",
        "up",
        "--detach",
        "--coordinators",
        "2",
        "--compute",
        "2",
        "--observers",
        "0",
        "--swarm",
        "0",
        "--no-prometheus",
        "--load",
        "0",
    ]);
    up.env("BUTTERFLY_MEMBER_EXPIRY", "2s");
    let r = common::run_cmd(up, std::time::Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let down = || {
        common::run_cmd(
            env.cmd(&["demo", "down"]),
            std::time::Duration::from_secs(30),
        )
    };
    env.wait_members(4);
    let status = env.run(&["-o", "json", "demo", "status"]).json();

    // Node certificates name their node (SAN), and node-to-node links check it: the Raft group
    // of two coordinators formed over name-checked TLS, and the data plane (QUIC, peer CN
    // checked against the replica meant) serves a request through the compute nodes.
    let v = infer_ok(
        env.node(&status, "coordinator-1")["http_addr"]
            .as_str()
            .expect("http"),
    );
    assert!(v.to_string().contains("compute-"), "{v}");
    let cluster = env.run(&["-o", "json", "cluster", "status"]);
    assert_eq!(cluster.code, 0, "{}", cluster.stderr);

    // compute-2 stops heartbeating: it is forgotten after the grace, by every coordinator.
    common::kill_pid(env.node(&status, "compute-2")["pid"].as_u64().expect("pid"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let r = env.run(&["-o", "json", "cluster", "status"]);
        let ids: Vec<String> = serde_json::from_str::<Value>(&r.stdout)
            .ok()
            .and_then(|v| {
                v["nodes"].as_array().map(|a| {
                    a.iter()
                        .filter_map(|n| n["id"].as_str().map(String::from))
                        .collect()
                })
            })
            .unwrap_or_default();
        if !ids.is_empty() && !ids.iter().any(|i| i == "compute-2") {
            assert!(ids.iter().any(|i| i == "compute-1"), "{ids:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "compute-2 never expired: {ids:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    down();
}

#[test]
fn an_impostor_cannot_answer_on_the_data_plane_for_another_replica() {
    let mut env = Env::new();
    let status = env.demo(1, 2, 0, 0);
    let coord = env.node(&status, "coordinator-1");
    let coord_addr = coord["debug_addr"]
        .as_str()
        .expect("debug_addr")
        .to_string();
    let certs = env.certs();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let data_addr = rt.block_on(async {
        let mut c = client_as(&certs, "viewer", &coord_addr).await;
        c.list_members(butterfly_proto::debug::ListMembersRequest {})
            .await
            .expect("members")
            .into_inner()
            .members
            .into_iter()
            .find(|m| m.id == "compute-2")
            .expect("compute-2")
            .data_addr
    });
    assert!(!data_addr.is_empty());

    // compute-2 dies; compute-1's certificate takes its data address, claiming to be compute-2.
    common::kill_pid(env.node(&status, "compute-2")["pid"].as_u64().expect("pid"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let log = std::fs::File::create(env.path("impostor.log")).expect("log");
    let mut impostor = std::process::Command::new(common::node_bin())
        .args([
            "--role",
            "compute",
            "--id",
            "compute-2",
            "--data-addr",
            &data_addr,
        ])
        .args(["--debug-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0"])
        .args(["--seed", &coord_addr, "--heartbeat", "200ms"])
        .arg("--ca")
        .arg(certs.join("ca.pem"))
        .arg("--cert")
        .arg(certs.join("compute-1.pem"))
        .arg("--key")
        .arg(certs.join("compute-1-key.pem"))
        .arg("--watch-pid")
        .arg(std::process::id().to_string())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("start the impostor");

    // The coordinator reaches for compute-2 (requests, link probes): the impostor's certificate
    // is refused, so it never serves compute-2's layers.
    let http = coord["http_addr"].as_str().expect("http").to_string();
    let body = serde_json::json!({"model": "butterfly-demo", "input": "x"}).to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(25);
    let seen = loop {
        let _ = common::http_post_json(&http, "/v1/infer", &body);
        let r = env.run(&["-o", "json", "connections", "list"]);
        if r.stdout
            .contains("answered as 'compute-1', not as 'compute-2'")
        {
            break true;
        }
        let logs = std::fs::read_to_string(env.state_dir().join("demo/logs/coordinator-1.log"))
            .unwrap_or_default();
        if logs.contains("answered as 'compute-1', not as 'compute-2'") {
            break true;
        }
        if std::time::Instant::now() > deadline {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    };
    let _ = impostor.kill();
    let _ = impostor.wait();
    assert!(
        seen,
        "the coordinator never refused the impostor:\n{}",
        env.run(&["-o", "json", "connections", "list"]).stdout
    );
}
