//! Audit trails an investigator can rely on, and no cheap exhaustion (issue 15 §3–§5), on live
//! demo nodes: the node audit is a chained 0600 file that a denied-call flood cannot evict
//! operator actions from; failed handshakes and a `crash` are recorded; the console audit is
//! cross-checked against the nodes' copies; idle connections and half-sent headers are cut off.

mod common;

use butterfly_proto::debug::ReadAuditLogRequest;
use common::{client_as, Env};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

fn node_audit(env: &Env, node: &str, extra: &[&str]) -> Value {
    let mut args = vec!["-o", "json", "node", "audit", node];
    if extra.is_empty() {
        args.extend_from_slice(&["--limit", "10000"]);
    }
    args.extend_from_slice(extra);
    let r = env.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

fn demo_log(env: &Env, file: &str) -> std::path::PathBuf {
    env.state_dir().join("demo").join("logs").join(file)
}

#[test]
fn node_audit_file_survives_a_denied_flood_and_records_handshakes_and_crashes() {
    let mut env = Env::new();
    let status = env.demo(1, 2, 0, 0);
    let coord = env.node(&status, "coordinator-1");
    let addr = coord["debug_addr"].as_str().expect("addr").to_string();

    // An operator action before the flood.
    let r = env.run(&["node", "audit", "coordinator-1", "--limit", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A failed TLS handshake, from an address we know exactly.
    let mut raw = std::net::TcpStream::connect(&addr).expect("connect");
    let raw_addr = raw.local_addr().expect("local").to_string();
    raw.write_all(b"GET / HTTP/1.1\r\n\r\n").expect("write");
    let _ = raw.read(&mut [0u8; 64]);
    drop(raw);

    // A viewer floods denied calls (3 000, far past the 1 000 records kept in memory).
    let certs = env.certs();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        // A peer cannot put an unbounded string into the membership (and from there into logs,
        // spans and the replicated state).
        let mut compute = client_as(&certs, "compute-1", &addr).await;
        let e = compute
            .join(butterfly_proto::debug::JoinRequest {
                members: vec![butterfly_proto::debug::Member {
                    id: "compute-1".into(),
                    debug_addr: "x".repeat(10_000),
                    ..Default::default()
                }],
            })
            .await
            .expect_err("an oversized address is refused");
        assert_eq!(e.code(), tonic::Code::InvalidArgument, "{e:?}");
        let mut viewer = client_as(&certs, "viewer", &addr).await;
        for _ in 0..3000 {
            let e = viewer
                .read_audit_log(ReadAuditLogRequest::default())
                .await
                .expect_err("a viewer may not read the audit");
            assert_eq!(e.code(), tonic::Code::PermissionDenied);
        }
    });

    let v = node_audit(&env, "coordinator-1", &[]);
    let source = v["source"].as_str().unwrap_or("");
    assert!(source.starts_with("file:"), "{v}");
    let records = v["records"].as_array().expect("records");
    let by = |peer: &str, method: &str, outcome: &str| {
        records
            .iter()
            .filter(|r| {
                r["peer_name"] == peer
                    && r["method"].as_str().unwrap_or("").ends_with(method)
                    && r["outcome"] == outcome
            })
            .count()
    };
    // The admin's record from before the flood is still there; the flood is counted, not listed.
    assert!(by("oncall", "ReadAuditLog", "ok") >= 1, "{v}");
    let viewer_denied = by("viewer", "ReadAuditLog", "denied");
    assert!((1..=60).contains(&viewer_denied), "{viewer_denied} listed");
    assert!(v["denied_total"].as_u64().unwrap_or(0) >= 3000, "{v}");
    assert!(v["denied_suppressed"].as_u64().unwrap_or(0) >= 2900, "{v}");
    // Routine calls (heartbeat joins from the compute nodes) are counted, not listed.
    let routine = v["routine"].as_array().expect("routine");
    assert!(
        routine
            .iter()
            .any(|c| c[0].as_str().unwrap_or("").ends_with("/Join") && c[1].as_u64() > Some(0)),
        "{v}"
    );
    assert_eq!(
        by("compute-1", "Join", "ok"),
        0,
        "joins are not listed one by one"
    );
    // The handshake failure, with the full peer address.
    assert!(
        records.iter().any(|r| r["method"] == "(tls-handshake)"
            && r["outcome"] == "handshake_failed"
            && r["peer_addr"] == raw_addr.as_str()),
        "no handshake record from {raw_addr}: {v}"
    );
    // The file: chained records, mode 0600.
    let file = demo_log(&env, "coordinator-1.audit.jsonl");
    let meta = std::fs::metadata(&file).expect("audit file");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&file).expect("read");
    let mut prev = String::new();
    for line in text.lines() {
        let rec: Value = serde_json::from_str(line).expect("json line");
        if !prev.is_empty() {
            assert_eq!(rec["prev"].as_str(), Some(prev.as_str()), "chain: {line}");
        }
        prev = rec["hash"].as_str().expect("hash").to_string();
    }
    // Paging reads older records from the file.
    let page = node_audit(&env, "coordinator-1", &["--limit", "2", "--offset", "2"]);
    assert_eq!(page["records"].as_array().map(Vec::len), Some(2), "{page}");

    // A crash: the call that asked for it is in the node's file before the process went.
    let r = env.run(&["fault", "inject", "compute-2", "crash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pid = env.node(&status, "compute-2")["pid"].as_u64().expect("pid");
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let crashed = std::fs::read_to_string(demo_log(&env, "compute-2.audit.jsonl")).expect("read");
    let last_inject = crashed
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .rfind(|r| r["method"].as_str().unwrap_or("").ends_with("InjectFault"));
    assert!(
        last_inject.is_some_and(|r| r["outcome"] == "ok" && r["peer_name"] == "oncall"),
        "{crashed}"
    );
}

fn fd_count(pid: u64) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn idle_connection_flood_is_capped_and_half_sent_headers_are_closed() {
    let mut env = Env::new();
    env.node_env
        .push(("BUTTERFLY_HTTP_HEADER_TIMEOUT".into(), "2s".into()));
    env.node_env
        .push(("BUTTERFLY_INFER_CONCURRENCY".into(), "1".into()));
    let status = env.demo(1, 1, 0, 0);
    let coord = env.node(&status, "coordinator-1");
    let addr = coord["debug_addr"].as_str().expect("addr").to_string();
    let http = coord["http_addr"].as_str().expect("http").to_string();
    let pid = coord["pid"].as_u64().expect("pid");
    let before = fd_count(pid);

    // 1 000 idle connections that never start their handshake.
    let mut idle = Vec::new();
    for _ in 0..1000 {
        if let Ok(s) = std::net::TcpStream::connect(&addr) {
            idle.push(s);
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    let during = fd_count(pid);
    assert!(
        during <= before + 32 + 16,
        "fds {before} -> {during} with {} idle connections",
        idle.len()
    );
    let st = env.run(&["-o", "json", "cluster", "status"]);
    assert_eq!(st.code, 0, "{}", st.stderr);
    let metrics = common::http_get_text(&format!("http://{http}/metrics")).unwrap_or_default();
    assert!(
        metrics.lines().any(
            |l| l.starts_with("butterfly_debug_connections_refused_total{") && !l.ends_with(" 0")
        ),
        "{metrics}"
    );
    drop(idle);

    // /v1/infer past its concurrency limit (1 here): 503 with Retry-After. A slow compute node
    // keeps the first request running.
    let r = env.run(&["fault", "inject", "compute-1", "slow:1s"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let post = |http: String| {
        std::thread::spawn(move || {
            let body = r#"{"model":"butterfly-demo","input":"hello","user_id":"u-1"}"#;
            let mut s = std::net::TcpStream::connect(&http).expect("connect");
            s.set_read_timeout(Some(Duration::from_secs(30)))
                .expect("timeout");
            write!(
                s,
                "POST /v1/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .expect("write");
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            out
        })
    };
    let first = post(http.clone());
    std::thread::sleep(Duration::from_millis(300));
    let second = post(http.clone()).join().expect("second");
    assert!(second.starts_with("HTTP/1.1 503"), "{second}");
    assert!(
        second.to_ascii_lowercase().contains("retry-after: 1"),
        "{second}"
    );
    let first = first.join().expect("first");
    assert!(
        first.starts_with("HTTP/1.1 ") && !first.starts_with("HTTP/1.1 503"),
        "the first request held the slot: {first}"
    );
    let _ = env.run(&["fault", "clear", "compute-1"]);

    // A half-sent header on the HTTP port is closed after the 2 s header timeout.
    let mut s = std::net::TcpStream::connect(&http).expect("connect http");
    s.set_read_timeout(Some(Duration::from_secs(15)))
        .expect("timeout");
    let started = Instant::now();
    s.write_all(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
        .expect("write");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(10),
        "closed after {took:?}: {}",
        String::from_utf8_lossy(&buf)
    );
}

/// Rewrites the console audit file from record `from` on with a forged command, re-hashing the
/// chain so it verifies on its own.
fn forge(text: &str, from: u64) -> String {
    let mut out = String::new();
    let mut prev = String::new();
    for line in text.lines() {
        let mut m: serde_json::Map<String, Value> = serde_json::from_str(line).expect("record");
        let seq = m["seq"].as_u64().expect("seq");
        if seq >= from {
            if seq == from {
                m.insert("command".into(), "cluster status --forged".into());
            }
            m.remove("hash");
            m.insert("prev".into(), prev.clone().into());
            let h = butterfly_cli::audit::chain_hash(&prev, &m);
            m.insert("hash".into(), h.into());
        }
        prev = m["hash"].as_str().expect("hash").to_string();
        out.push_str(&Value::Object(m).to_string());
        out.push('\n');
    }
    out
}

#[test]
fn console_audit_tampering_is_reported() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    for args in [
        &["cluster", "status"][..],
        &["node", "info", "coordinator-1"],
        &["node", "info", "compute-1"],
        &["cluster", "status"],
    ] {
        assert_eq!(env.run(args).code, 0);
    }
    let path = env.audit_log();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path)
        .expect("audit")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let clean = env.run(&["-o", "json", "audit", "verify", "--against-nodes"]);
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    assert!(
        clean.json()["nodes"]["confirmed"].as_u64() >= Some(4),
        "{}",
        clean.stdout
    );
    let baseline = std::fs::read_to_string(&path).expect("read");
    let lines: Vec<&str> = baseline.lines().collect();

    // 1. Truncated tail: the nodes hold records past the file's end.
    let cut = lines[..lines.len() - 6].join("\n") + "\n";
    std::fs::write(&path, cut).expect("write");
    let r = env.run(&["-o", "json", "audit", "verify", "--against-nodes"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let mismatches = r.json()["nodes"]["mismatches"].clone();
    assert!(mismatches.to_string().contains("truncated"), "{mismatches}");

    // 2. A forged record with the chain re-hashed after it: locally intact, the nodes disagree.
    let forged = forge(&baseline, 2);
    std::fs::write(&path, &forged).expect("write");
    let copy = env.dir.path().join("forged.jsonl");
    std::fs::write(&copy, &forged).expect("write");
    let local = env.run(&["audit", "verify", "--file", copy.to_str().expect("utf-8")]);
    assert_eq!(
        local.code, 0,
        "the forgery verifies locally: {}",
        local.stdout
    );
    let r = env.run(&["-o", "json", "audit", "verify", "--against-nodes"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let mismatches = r.json()["nodes"]["mismatches"].clone();
    assert!(
        mismatches.as_array().is_some_and(|m| m
            .iter()
            .any(|x| x["seq"] == 2 && x["reason"].as_str().unwrap_or("").contains("rewritten"))),
        "{mismatches}"
    );

    // 3. A torn line, then an edit further on: both reported, verification goes on.
    let mut torn: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    torn.insert(2, "{\"kind\":\"res".into());
    let mut edited: serde_json::Map<String, Value> =
        serde_json::from_str(&torn[5]).expect("record");
    edited.insert("ts".into(), "2000-01-01T00:00:00.000Z".into());
    torn[5] = Value::Object(edited).to_string();
    let copy = env.dir.path().join("torn.jsonl");
    std::fs::write(&copy, torn.join("\n") + "\n").expect("write");
    let r = env.run(&[
        "-o",
        "json",
        "audit",
        "verify",
        "--file",
        copy.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let broken = r.json()["verification"]["broken"].clone();
    let lines_broken: Vec<u64> = broken
        .as_array()
        .expect("broken")
        .iter()
        .filter_map(|b| b["line"].as_u64())
        .collect();
    assert_eq!(lines_broken, vec![3, 6], "{broken}");
}

#[test]
fn removing_the_final_result_record_is_reported() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    assert_eq!(env.run(&["node", "info", "compute-1"]).code, 0);
    let path = env.audit_log();
    let text = std::fs::read_to_string(&path).expect("audit");
    let lines: Vec<&str> = text.lines().collect();
    let last: Value = serde_json::from_str(lines[lines.len() - 1]).expect("record");
    assert_eq!(last["kind"], "result", "{last}");
    let seq = last["seq"].as_u64().expect("seq");
    let hash = last["hash"].as_str().expect("hash").to_string();

    // The command's final result record is removed: the file still verifies on its own ...
    std::fs::write(&path, lines[..lines.len() - 1].join("\n") + "\n").expect("write");
    let local = env.run(&["audit", "verify"]);
    assert_eq!(local.code, 0, "{}\n{}", local.stdout, local.stderr);
    // ... but compute-1 was given the result's anchor after the command's calls.
    let r = env.run(&["-o", "json", "audit", "verify", "--against-nodes"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let mismatches = r.json()["nodes"]["mismatches"].clone();
    assert!(
        mismatches
            .as_array()
            .is_some_and(|m| m.iter().any(|x| x["seq"] == seq
                && x["node"] == "compute-1"
                && x["node_hash"] == hash.as_str())),
        "{mismatches}"
    );
    // The anchor is an audited call of its own on the node.
    let audit = node_audit(&env, "compute-1", &["--method", "AnchorConsoleRecord"]);
    assert!(
        audit["records"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x["console_record"]
                .as_str()
                .is_some_and(|c| c.ends_with(&format!("/{seq}/{hash}"))))),
        "{audit}"
    );
}

#[test]
fn a_member_that_stops_heartbeating_leaves_the_replicated_state() {
    let mut env = Env::new();
    env.node_env
        .push(("BUTTERFLY_MEMBER_EXPIRY".into(), "4s".into()));
    let status = env.demo(1, 2, 0, 0);
    let addr = env.node(&status, "coordinator-1")["debug_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    let certs = env.certs();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let replicated = |rt: &tokio::runtime::Runtime| -> Value {
        rt.block_on(async {
            let mut c = client_as(&certs, "coordinator-1", &addr).await;
            let r = c
                .raft(butterfly_proto::debug::RaftRequest {
                    kind: butterfly_proto::debug::RaftKind::Forward as i32,
                    from: "coordinator-1".into(),
                    payload: br#""ReadState""#.to_vec(),
                })
                .await
                .expect("ReadState");
            let v: Value = serde_json::from_slice(&r.into_inner().payload).expect("json");
            v["Ok"]["State"]["members"].clone()
        })
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while replicated(&rt).get("compute-2").is_none() {
        assert!(Instant::now() < deadline, "compute-2 never replicated");
        std::thread::sleep(Duration::from_millis(250));
    }
    common::kill_pid(env.node(&status, "compute-2")["pid"].as_u64().expect("pid"));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let members = replicated(&rt);
        if members.get("compute-2").is_none() {
            assert!(members.get("compute-1").is_some(), "{members}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "compute-2 still replicated: {members}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn production_mode_requires_a_user_id_pepper() {
    let out = std::process::Command::new(common::node_bin())
        .args(["--production", "--id", "coordinator-9"])
        .env_remove("BUTTERFLY_USER_ID_PEPPER_FILE")
        .output()
        .expect("run butterfly-node");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("requires --user-id-pepper-file"), "{err}");
}
