//! Trust inside the cluster (issue 15 §2, §5): node-to-node calls check who answers and who
//! calls, on a live demo with the certificates it issued. The follower → leader request forward
//! runs over mutual TLS (`ForwardInfer`) and only members may use it.

mod common;

use butterfly_proto::debug::debug_service_client::DebugServiceClient;
use butterfly_proto::debug::{
    ForwardInferRequest, GetStatusRequest, NodeStatus, QuerySpansRequest, ReadAuditLogRequest,
};
use common::{client_as, Env};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};
use tonic::Code;

async fn status(c: &mut DebugServiceClient<Channel>) -> NodeStatus {
    c.get_status(GetStatusRequest {})
        .await
        .expect("status")
        .into_inner()
}

/// POST `body` to `addr` with extra headers; (status, answer headers, JSON body).
fn post(addr: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String, Value) {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    write!(
        s,
        "POST /v1/infer HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut raw = String::new();
    let _ = s.read_to_string(&mut raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (
        code,
        head.to_ascii_lowercase(),
        serde_json::from_str(body).unwrap_or(Value::Null),
    )
}

#[test]
fn follower_forwards_to_the_leader_over_mtls_and_only_members_may() {
    let mut env = Env::new();
    let st = env.demo(2, 2, 0, 0);
    let certs = env.certs();
    let addr = |id: &str| {
        env.node(&st, id)["debug_addr"]
            .as_str()
            .expect("debug_addr")
            .to_string()
    };
    let http = |id: &str| {
        env.node(&st, id)["http_addr"]
            .as_str()
            .expect("http_addr")
            .to_string()
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // Both coordinators agree on a leader.
    let (leader, follower) = rt.block_on(async {
        let mut c1 = client_as(&certs, "viewer", &addr("coordinator-1")).await;
        let mut c2 = client_as(&certs, "viewer", &addr("coordinator-2")).await;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let l1 = status(&mut c1)
                .await
                .consensus
                .unwrap_or_default()
                .leader_id;
            let l2 = status(&mut c2)
                .await
                .consensus
                .unwrap_or_default()
                .leader_id;
            if !l1.is_empty() && l1 == l2 {
                let follower = if l1 == "coordinator-1" {
                    "coordinator-2"
                } else {
                    "coordinator-1"
                };
                return (l1, follower.to_string());
            }
            assert!(Instant::now() < deadline, "no agreed leader: {l1} / {l2}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let counters = |id: &str| {
        rt.block_on(async {
            let s = status(&mut client_as(&certs, "viewer", &addr(id)).await).await;
            s.requests_total
        })
    };

    // A request to the follower, continuing the caller's trace, is served by the leader.
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let tp = format!("00-{trace_id}-00f067aa0ba902b7-01");
    let body =
        serde_json::json!({"model": "butterfly-demo", "input": "who serves me?"}).to_string();
    let deadline = Instant::now() + Duration::from_secs(30);
    let (before_leader, before_follower, head, answer) = loop {
        let (bl, bf) = (counters(&leader), counters(&follower));
        let (code, head, answer) = post(&http(&follower), &body, &[("traceparent", &tp)]);
        if code == 200 {
            break (bl, bf, head, answer);
        }
        assert!(Instant::now() < deadline, "never served: {code} {answer}");
        std::thread::sleep(Duration::from_millis(300));
    };
    assert_eq!(answer["coordinator"], leader.as_str(), "{answer}");
    assert_eq!(answer["trace_id"], trace_id, "{answer}");
    assert!(
        head.contains(&format!("x-butterfly-forwarded-by: {follower}")),
        "{head}"
    );
    assert_eq!(counters(&leader), before_leader + 1, "leader served it");
    assert_eq!(counters(&follower), before_follower, "follower did not");
    // The follower's links: the hand-over went to the leader's mTLS debug address, not to its
    // plain-HTTP address.
    let links = rt.block_on(async {
        let mut f = client_as(&certs, "viewer", &addr(&follower)).await;
        f.list_connections(butterfly_proto::debug::ListConnectionsRequest {})
            .await
            .expect("connections")
            .into_inner()
            .connections
    });
    let fwd = links
        .iter()
        .find(|c| c.kind == "forward")
        .unwrap_or_else(|| panic!("no forward link: {links:?}"));
    assert_eq!(
        (
            fwd.peer.as_str(),
            fwd.remote_addr.as_str(),
            fwd.state.as_str()
        ),
        (leader.as_str(), addr(&leader).as_str(), "up"),
        "{fwd:?}"
    );
    assert!(
        !links.iter().any(|c| c.remote_addr == http(&leader)),
        "a connection to the leader's HTTP address: {links:?}"
    );

    rt.block_on(async {
        // The leader's request span continues the trace and names the follower's certificate:
        // only the mTLS `ForwardInfer` path sets `forwarded_by` (plain HTTP cannot).
        let mut lc = client_as(&certs, "viewer", &addr(&leader)).await;
        let spans = lc
            .query_spans(QuerySpansRequest {
                trace_id: trace_id.into(),
                ..Default::default()
            })
            .await
            .expect("spans")
            .into_inner()
            .spans;
        let root = spans
            .iter()
            .find(|s| s.name == "inference.request")
            .unwrap_or_else(|| panic!("no request span on the leader: {spans:?}"));
        assert_eq!(
            root.attributes.get("forwarded_by").map(String::as_str),
            Some(follower.as_str()),
            "{root:?}"
        );
        assert!(!root.parent_span_id.is_empty(), "{root:?}");

        // A plain-HTTP request claiming to be forwarded is served like any other: the header
        // carries no trust, and the span says nothing about forwarding.
        let (code, _, a) = post(
            &http(&leader),
            &body,
            &[("x-butterfly-forwarded-by", "coordinator-9")],
        );
        assert_eq!(code, 200, "{a}");

        // A valid node certificate of a non-member is refused, and the refusal audited.
        let dir = certs.to_string_lossy().to_string();
        let made = env.run(&[
            "certs", "issue", "--name", "stranger", "--role", "node", "--dir", &dir,
        ]);
        assert_eq!(made.code, 0, "{}", made.stderr);
        let mut stranger = client_as(&certs, "stranger", &addr(&leader)).await;
        let r = stranger
            .forward_infer(ForwardInferRequest {
                body: body.clone().into_bytes(),
                ..Default::default()
            })
            .await;
        match r {
            Err(s) if s.code() == Code::PermissionDenied => {
                assert!(s.message().contains("not a current member"), "{s:?}")
            }
            other => panic!("stranger's forward: {other:?}"),
        }
        // A viewer certificate lacks the role.
        let mut viewer = client_as(&certs, "viewer", &addr(&leader)).await;
        let r = viewer
            .forward_infer(ForwardInferRequest::default())
            .await
            .expect_err("viewer");
        assert_eq!(r.code(), Code::PermissionDenied, "{r:?}");
        let mut admin = client_as(&certs, "oncall", &addr(&leader)).await;
        let audit = admin
            .read_audit_log(ReadAuditLogRequest {
                limit: 10_000,
                ..Default::default()
            })
            .await
            .expect("audit")
            .into_inner();
        assert!(
            audit
                .records
                .iter()
                .any(|r| r.method.ends_with("/ForwardInfer")
                    && r.peer_name == "stranger"
                    && r.outcome == "denied"),
            "{:?}",
            audit.records
        );
    });
    assert_eq!(
        counters(&leader),
        before_leader + 2,
        "only the two requests"
    );
}

/// A child process killed when the test ends (pass or fail).
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_addr() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").to_string()
}

/// Starts a `butterfly-node` with the certificate `cert` of the demo, logging to `log`.
fn node(env: &Env, args: &[&str], debug: &str, cert: &str, log: &Path) -> Kill {
    let certs = env.certs();
    let out = std::fs::File::create(log).expect("log");
    let child = std::process::Command::new(common::node_bin())
        .args(args)
        .args(["--debug-addr", debug, "--http-addr", "127.0.0.1:0"])
        .args(["--heartbeat", "200ms"])
        .arg("--ca")
        .arg(certs.join("ca.pem"))
        .arg("--cert")
        .arg(certs.join(format!("{cert}.pem")))
        .arg("--key")
        .arg(certs.join(format!("{cert}-key.pem")))
        .arg("--watch-pid")
        .arg(std::process::id().to_string())
        .stdout(out.try_clone().expect("log"))
        .stderr(out)
        .spawn()
        .expect("start butterfly-node");
    Kill(child)
}

#[test]
fn a_seed_must_answer_with_a_coordinator_certificate() {
    let mut env = Env::new();
    let st = env.demo(1, 1, 0, 0);
    let coord = env.node(&st, "coordinator-1")["debug_addr"]
        .as_str()
        .expect("debug_addr")
        .to_string();
    let certs = env.certs();
    let dir = certs.to_string_lossy().to_string();
    let made = env.run(&[
        "certs", "issue", "--name", "joiner", "--role", "node", "--dir", &dir,
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);

    // compute-1's certificate (role node) listens at an address given to a joiner as a seed,
    // beside the real coordinator.
    let fake_seed = free_addr();
    let _impostor = node(
        &env,
        &["--role", "compute", "--id", "compute-1"],
        &fake_seed,
        "compute-1",
        &env.path("impostor.log"),
    );
    let joiner_addr = free_addr();
    let joiner_log = env.path("joiner.log");
    let seeds = format!("{fake_seed},{coord}");
    let _joiner = node(
        &env,
        &["--role", "compute", "--id", "joiner", "--seed", &seeds],
        &joiner_addr,
        "joiner",
        &joiner_log,
    );

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let log = std::fs::read_to_string(&joiner_log).unwrap_or_default();
        // (Logged addresses are masked to /16: match the port.)
        let port = fake_seed.rsplit(':').next().expect("port");
        let refused = log.lines().any(|l| {
            l.contains(&format!(
                ":{port} answered with certificate 'compute-1' of role 'node', not a coordinator's"
            ))
        });
        let members = rt.block_on(async {
            let Ok(ep) = Endpoint::from_shared(format!("https://{joiner_addr}")) else {
                return Vec::new();
            };
            let read = |f: &str| std::fs::read_to_string(certs.join(f)).expect("cert");
            let tls = ClientTlsConfig::new()
                .ca_certificate(Certificate::from_pem(read("ca.pem")))
                .identity(Identity::from_pem(
                    read("viewer.pem"),
                    read("viewer-key.pem"),
                ))
                .domain_name("localhost");
            let Ok(ch) = ep.tls_config(tls).expect("tls").connect().await else {
                return Vec::new();
            };
            DebugServiceClient::new(ch)
                .list_members(butterfly_proto::debug::ListMembersRequest {})
                .await
                .map(|r| r.into_inner().members)
                .unwrap_or_default()
        });
        // The real coordinator's membership was merged (a coordinator seed still works) ...
        let joined = members.iter().any(|m| m.id == "coordinator-1");
        if refused && joined {
            // ... and nothing the impostor answers for is known.
            assert!(
                !members.iter().any(|m| m.debug_addr == fake_seed),
                "{members:?}"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "refused: {refused}, joined: {joined}\n{log}\n{members:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The value of `name{buffer="<buffer>"}` in a Prometheus text page.
fn gauge(page: &str, name: &str, buffer: &str) -> Option<f64> {
    let key = format!("{name}{{buffer=\"{buffer}\"}} ");
    page.lines()
        .find_map(|l| l.strip_prefix(&key))
        .and_then(|v| v.trim().parse().ok())
}

#[test]
fn a_flood_of_peer_strings_keeps_the_log_buffer_under_its_byte_bound() {
    const BOUND: usize = 256 * 1024;
    let mut env = Env::new();
    env.node_env
        .push(("BUTTERFLY_LOG_BUFFER_BYTES".into(), BOUND.to_string()));
    let st = env.demo(1, 1, 0, 0);
    let coord = env.node(&st, "coordinator-1");
    let addr = coord["debug_addr"].as_str().expect("debug").to_string();
    let http = coord["http_addr"].as_str().expect("http").to_string();
    let certs = env.certs();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (entries, dropped) = rt.block_on(async {
        // compute-1's certificate announces 2,000 made-up members with 256-byte ids: each is
        // refused, and each refusal is a warning carrying the peer's string.
        let mut c = client_as(&certs, "compute-1", &addr).await;
        let members = c
            .list_members(butterfly_proto::debug::ListMembersRequest {})
            .await
            .expect("members")
            .into_inner()
            .members;
        let like = members.first().cloned().expect("a member");
        for i in 0..2000 {
            let id = format!("{i:05}{}", "x".repeat(251));
            let r = c
                .join(butterfly_proto::debug::JoinRequest {
                    members: vec![butterfly_proto::debug::Member { id, ..like.clone() }],
                })
                .await;
            assert_eq!(r.expect_err("refused").code(), Code::PermissionDenied);
        }
        let mut viewer = client_as(&certs, "viewer", &addr).await;
        let logs = viewer
            .query_logs(butterfly_proto::debug::QueryLogsRequest {
                limit: 100_000,
                ..Default::default()
            })
            .await
            .expect("logs")
            .into_inner();
        (logs.entries.len(), logs.dropped)
    });
    // Far fewer than the 10,000-entry count bound are kept: the byte bound evicted the oldest.
    assert!(
        dropped > 0 && entries < 2000,
        "{entries} kept, {dropped} dropped"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = common::http_get_text(&format!("http://{http}/metrics")).unwrap_or_default();
        let bytes = gauge(&page, "butterfly_telemetry_buffer_bytes", "logs");
        let max = gauge(&page, "butterfly_telemetry_buffer_max_bytes", "logs");
        if let (Some(bytes), Some(max)) = (bytes, max) {
            assert_eq!(max, BOUND as f64);
            assert!(bytes <= max, "{bytes} > {max}");
            if bytes > max / 2.0 {
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "log buffer gauges: {bytes:?} / {max:?}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}
