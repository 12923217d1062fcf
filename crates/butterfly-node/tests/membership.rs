//! Real `butterfly-node` processes on loopback: a compute node and a swarm join a coordinator.

mod support;

use butterfly_proto::debug::debug_service_client::DebugServiceClient;
use butterfly_proto::debug::{GetStatusRequest, ListMembersRequest, Member};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{certs, Certs, KillOnDrop};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

fn start(c: &Certs, ready: &Path, args: &[&str]) -> KillOnDrop {
    // Each node gets a certificate named after it (a swarm: a wildcard CN over its prefix).
    let arg = |flag: &str| {
        args.iter()
            .position(|a| *a == flag)
            .and_then(|i| args.get(i + 1).copied())
    };
    let id = match arg("--id-prefix") {
        Some(prefix) => format!("{prefix}*"),
        None => arg("--id").unwrap_or("node").to_string(),
    };
    let cert = c.for_node(&id, arg("--role").unwrap_or("compute"));
    let child = Command::new(env!("CARGO_BIN_EXE_butterfly-node"))
        .args(args)
        .args(["--debug-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0"])
        .arg("--ca")
        .arg(&c.ca)
        .arg("--cert")
        .arg(&cert.cert)
        .arg("--key")
        .arg(&cert.key)
        .arg("--ready-file")
        .arg(ready)
        .args(["--heartbeat", "100ms"])
        .arg("--watch-pid")
        .arg(std::process::id().to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("start butterfly-node");
    KillOnDrop(child)
}

/// Waits for the ready file and returns its nodes as (id, role, debug_addr, http_addr).
fn wait_ready(path: &Path, child: &mut KillOnDrop) -> Vec<(String, String, String, String)> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            let v: serde_json::Value = serde_json::from_str(&text).expect("ready file is JSON");
            return v["nodes"]
                .as_array()
                .expect("nodes array")
                .iter()
                .map(|n| {
                    assert!(n["pid"].as_u64().is_some());
                    (
                        n["id"].as_str().unwrap_or("").to_string(),
                        n["role"].as_str().unwrap_or("").to_string(),
                        n["debug_addr"].as_str().unwrap_or("").to_string(),
                        n["http_addr"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
        }
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!("butterfly-node exited early: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "no ready file at {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

async fn client(c: &Certs, addr: &str) -> DebugServiceClient<Channel> {
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&c.ca_pem))
        .identity(Identity::from_pem(&c.viewer.cert_pem, &c.viewer.key_pem))
        .domain_name("localhost");
    let channel = Endpoint::from_shared(format!("https://{addr}"))
        .expect("endpoint")
        .tls_config(tls)
        .expect("tls")
        .timeout(Duration::from_secs(5))
        .connect()
        .await
        .expect("connect");
    DebugServiceClient::new(channel)
}

async fn wait_members(
    c: &mut DebugServiceClient<Channel>,
    want: impl Fn(&[Member]) -> bool,
) -> Vec<Member> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let members = c
            .list_members(ListMembersRequest {})
            .await
            .expect("ListMembers")
            .into_inner()
            .members;
        if want(&members) {
            return members;
        }
        assert!(
            Instant::now() < deadline,
            "membership never converged: {members:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compute_and_swarm_join_the_coordinator() {
    let c = certs();
    let dir = c.dir.path().to_path_buf();

    let coord_ready = dir.join("coord.json");
    let mut coord = start(
        &c,
        &coord_ready,
        &["--role", "coordinator", "--id", "coord-1"],
    );
    let coord_nodes = wait_ready(&coord_ready, &mut coord);
    assert_eq!(coord_nodes.len(), 1);
    let (ref coord_id, ref coord_role, ref coord_addr, ref coord_http) = coord_nodes[0];
    assert_eq!(
        (coord_id.as_str(), coord_role.as_str()),
        ("coord-1", "coordinator")
    );
    assert!(coord_http.starts_with("127.0.0.1:"));

    let compute_ready = dir.join("compute.json");
    let mut compute = start(
        &c,
        &compute_ready,
        &[
            "--role",
            "compute",
            "--id",
            "compute-1",
            "--seed",
            coord_addr,
        ],
    );
    let compute_nodes = wait_ready(&compute_ready, &mut compute);
    let compute_addr = compute_nodes[0].2.clone();

    let mut coord_client = client(&c, coord_addr).await;
    let members = wait_members(&mut coord_client, |m| m.len() == 2).await;
    let ids: Vec<(&str, &str)> = members
        .iter()
        .map(|m| (m.id.as_str(), m.debug_addr.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("compute-1", compute_addr.as_str()),
            ("coord-1", coord_addr.as_str())
        ]
    );
    assert!(members.iter().all(|m| m.last_seen_unix_ms > 0));

    // The compute node learnt the membership from its seed.
    let mut compute_client = client(&c, &compute_addr).await;
    wait_members(&mut compute_client, |m| m.len() == 2).await;

    // A coordinator runs a Raft engine (see tests/raft.rs for the group itself).
    let status = coord_client
        .get_status(GetStatusRequest {})
        .await
        .expect("GetStatus")
        .into_inner();
    let consensus = status.consensus.expect("coordinator reports consensus");
    assert_ne!(consensus.state, "static");
    assert_eq!(status.summary, "ok");

    // A swarm of 50 virtual nodes joins with one Join per heartbeat.
    let swarm_ready = dir.join("swarm.json");
    let mut swarm = start(
        &c,
        &swarm_ready,
        &[
            "swarm",
            "--count",
            "50",
            "--id-prefix",
            "v-",
            "--seed",
            coord_addr,
        ],
    );
    let swarm_nodes = wait_ready(&swarm_ready, &mut swarm);
    assert_eq!(swarm_nodes.len(), 50);
    let first_virtual = swarm_nodes[0].2.clone();
    let members = wait_members(&mut coord_client, |m| m.len() == 52).await;
    assert!(members
        .iter()
        .any(|m| m.id == "v-49" && !m.debug_addr.is_empty()));

    // Each virtual node serves its own certificate-checked listener.
    let mut v0 = client(&c, &first_virtual).await;
    let info = v0
        .get_node_info(butterfly_proto::debug::GetNodeInfoRequest {})
        .await
        .expect("virtual GetNodeInfo")
        .into_inner();
    assert!(info.virtual_node);
    assert_eq!(info.debug_addr, first_virtual);
}
