//! Three real coordinator processes form a Raft group over mTLS; the leader is killed and the
//! survivors elect a new one without losing committed entries.

mod support;

use butterfly_proto::debug::debug_service_client::DebugServiceClient;
use butterfly_proto::debug::{
    ConsensusStatus, DeepHealthRequest, GetStatusRequest, HealthState, RaftKind, RaftRequest,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{certs, Certs, Issued, KillOnDrop};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

/// Bound of every wait; generous for a loaded 2-core machine.
const CONVERGE: Duration = Duration::from_secs(45);
/// A new leader must be elected this fast after the old one is killed (by default expected
/// after 1.5–2 s: the 1 s leader lease plus a 0.5–1 s election timeout; the slack is for a
/// loaded machine).
const FAILOVER_BOUND: Duration = Duration::from_secs(10);

struct Node {
    id: String,
    /// The node's own certificate (CN = id, role coordinator).
    cert: Issued,
    addr: String,
    log: PathBuf,
    child: KillOnDrop,
}

fn start(c: &Certs, role: &str, id: &str, seed: Option<&str>) -> Node {
    let dir = c.dir.path();
    let ready = dir.join(format!("{id}.json"));
    let log = dir.join(format!("{id}.log"));
    let log_file = std::fs::File::create(&log).expect("log file");
    let cert = c.for_node(id, role);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_butterfly-node"));
    cmd.args(["--role", role, "--id", id])
        .args(["--debug-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0"])
        .arg("--ca")
        .arg(&c.ca)
        .arg("--cert")
        .arg(&cert.cert)
        .arg("--key")
        .arg(&cert.key)
        .arg("--ready-file")
        .arg(&ready)
        .args(["--heartbeat", "200ms"])
        .arg("--watch-pid")
        .arg(std::process::id().to_string())
        .env("RUST_LOG", "info")
        .stdout(log_file.try_clone().expect("log file"))
        .stderr(log_file);
    if let Some(seed) = seed {
        cmd.args(["--seed", seed]);
    }
    let mut child = KillOnDrop(cmd.spawn().expect("start butterfly-node"));
    let deadline = Instant::now() + Duration::from_secs(30);
    let addr = loop {
        if let Ok(text) = std::fs::read_to_string(&ready) {
            let v: serde_json::Value = serde_json::from_str(&text).expect("ready file is JSON");
            break v["nodes"][0]["debug_addr"]
                .as_str()
                .expect("debug_addr")
                .to_string();
        }
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!("{id} exited early: {status}\n{}", tail(&log));
        }
        assert!(Instant::now() < deadline, "{id}: no ready file");
        std::thread::sleep(Duration::from_millis(20));
    };
    Node {
        id: id.to_string(),
        cert,
        addr,
        log,
        child,
    }
}

fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

fn logs(nodes: &[&Node]) -> String {
    nodes
        .iter()
        .map(|n| format!("--- {} ---\n{}", n.id, tail(&n.log)))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn client(c: &Certs, who: &Issued, addr: &str) -> DebugServiceClient<Channel> {
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&c.ca_pem))
        .identity(Identity::from_pem(&who.cert_pem, &who.key_pem))
        .domain_name("localhost");
    let channel = Endpoint::from_shared(format!("https://{addr}"))
        .expect("endpoint")
        .tls_config(tls)
        .expect("tls")
        .timeout(Duration::from_secs(5))
        .connect_lazy();
    DebugServiceClient::new(channel)
}

async fn consensus(c: &Certs, node: &Node) -> Option<ConsensusStatus> {
    let mut client = client(c, &c.viewer, &node.addr).await;
    client
        .get_status(GetStatusRequest {})
        .await
        .ok()?
        .into_inner()
        .consensus
}

/// The replicated members (id → role) applied on `node`, read with the node-only `Raft` RPC.
async fn replicated_members(c: &Certs, node: &Node) -> Option<BTreeMap<String, String>> {
    // Only a voting coordinator may speak Raft: read as the node itself (its own certificate).
    let mut client = client(c, &node.cert, &node.addr).await;
    let reply = client
        .raft(RaftRequest {
            kind: RaftKind::Forward as i32,
            from: node.id.clone(),
            payload: br#""ReadState""#.to_vec(),
        })
        .await
        .ok()?
        .into_inner();
    let v: serde_json::Value = serde_json::from_slice(&reply.payload).ok()?;
    let members = v["Ok"]["State"]["members"].as_object()?;
    Some(
        members
            .iter()
            .map(|(id, m)| (id.clone(), m["role"].as_str().unwrap_or("").to_string()))
            .collect(),
    )
}

/// Polls until every node reports the same known leader (returned with each node's status).
async fn agreed_leader(
    c: &Certs,
    nodes: &[&Node],
    accept: impl Fn(&ConsensusStatus) -> bool,
    bound: Duration,
) -> Option<Vec<ConsensusStatus>> {
    let deadline = Instant::now() + bound;
    while Instant::now() < deadline {
        let mut all = Vec::new();
        for n in nodes {
            match consensus(c, n).await {
                Some(s) if !s.leader_id.is_empty() && accept(&s) => all.push(s),
                _ => break,
            }
        }
        if all.len() == nodes.len() && all.iter().all(|s| s.leader_id == all[0].leader_id) {
            return Some(all);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

/// Polls until every node's replicated members include `want` (id, role).
async fn members_replicated(c: &Certs, nodes: &[&Node], want: &[(&str, &str)]) -> bool {
    let deadline = Instant::now() + CONVERGE;
    while Instant::now() < deadline {
        let mut ok = true;
        for n in nodes {
            let members = replicated_members(c, n).await.unwrap_or_default();
            ok &= want
                .iter()
                .all(|(id, role)| members.get(*id).map(String::as_str) == Some(*role));
        }
        if ok {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leader_failover_keeps_committed_entries() {
    let c = certs();
    let c1 = start(&c, "coordinator", "coordinator-1", None);
    let c2 = start(&c, "coordinator", "coordinator-2", Some(&c1.addr));
    let c3 = start(&c, "coordinator", "coordinator-3", Some(&c1.addr));
    let mut nodes = vec![c1, c2, c3];
    let all: Vec<&Node> = nodes.iter().collect();

    // One group of three: all agree on a leader, and the Join membership is replicated.
    let coordinators = [
        ("coordinator-1", "coordinator"),
        ("coordinator-2", "coordinator"),
        ("coordinator-3", "coordinator"),
    ];
    assert!(
        members_replicated(&c, &all, &coordinators).await,
        "membership never replicated\n{}",
        logs(&all)
    );
    let before = agreed_leader(
        &c,
        &all,
        |s| ["leader", "follower"].contains(&s.state.as_str()),
        CONVERGE,
    )
    .await
    .unwrap_or_else(|| panic!("no agreed leader\n{}", logs(&all)));
    let old_leader = before[0].leader_id.clone();
    let old_term = before.iter().map(|s| s.term).max().unwrap_or(0);
    let old_commit = before.iter().map(|s| s.commit_index).max().unwrap_or(0);
    assert!(
        old_commit >= 3,
        "membership entries are committed: {before:?}"
    );
    assert_eq!(
        before.iter().filter(|s| s.state == "leader").count(),
        1,
        "exactly one leader: {before:?}"
    );

    let applied_by_id: BTreeMap<String, u64> = all
        .iter()
        .zip(&before)
        .map(|(n, s)| (n.id.clone(), s.applied_index))
        .collect();

    // Kill the leader (SIGKILL: no goodbye).
    let idx = nodes
        .iter()
        .position(|n| n.id == old_leader)
        .unwrap_or_else(|| panic!("leader {old_leader} is not one of the nodes"));
    let mut dead = nodes.remove(idx);
    let _ = dead.child.0.kill();
    let _ = dead.child.0.wait();
    let killed = Instant::now();
    let survivors: Vec<&Node> = nodes.iter().collect();
    let applied_before: Vec<u64> = survivors
        .iter()
        .map(|n| applied_by_id.get(&n.id).copied().unwrap_or(0))
        .collect();

    let after = agreed_leader(
        &c,
        &survivors,
        |s| s.leader_id != old_leader && s.term > old_term,
        CONVERGE,
    )
    .await
    .unwrap_or_else(|| panic!("no new leader\n{}", logs(&survivors)));
    let failover = killed.elapsed();
    eprintln!(
        "failover: {old_leader} (term {old_term}) killed, {} leads term {} after {} ms",
        after[0].leader_id,
        after[0].term,
        failover.as_millis()
    );
    assert!(
        failover < FAILOVER_BOUND,
        "new leader only after {failover:?}"
    );
    for (s, applied) in after.iter().zip(&applied_before) {
        assert!(s.term > old_term, "term increased: {s:?}");
        assert!(s.applied_index >= *applied, "applied went backwards: {s:?}");
    }
    let new_leader = after
        .iter()
        .find(|s| s.state == "leader")
        .unwrap_or_else(|| panic!("one survivor says leader: {after:?}"));
    assert!(
        new_leader.commit_index >= old_commit,
        "committed entries kept: {new_leader:?} vs {old_commit}"
    );

    // The committed membership survived, and the new leader commits new entries: an observer
    // joins through a survivor and is replicated to both.
    let observer = start(&c, "observer", "observer-1", Some(&survivors[0].addr));
    let mut want = coordinators.to_vec();
    want.push(("observer-1", "observer"));
    assert!(
        members_replicated(&c, &survivors, &want).await,
        "new entries not committed after failover\n{}",
        logs(&survivors)
    );
    let later = agreed_leader(&c, &survivors, |_| true, CONVERGE)
        .await
        .unwrap_or_else(|| panic!("leader lost\n{}", logs(&survivors)));
    assert!(later
        .iter()
        .all(|s| s.commit_index > new_leader.commit_index
            || s.applied_index > new_leader.commit_index));

    // Deep health reports the consensus component as healthy with the leader known.
    for n in &survivors {
        let mut client = client(&c, &c.viewer, &n.addr).await;
        let health = client
            .deep_health(DeepHealthRequest {})
            .await
            .expect("DeepHealth")
            .into_inner();
        let consensus = health
            .components
            .iter()
            .find(|c| c.name == "consensus")
            .expect("consensus component");
        assert_eq!(consensus.state(), HealthState::Healthy, "{consensus:?}");
        assert!(consensus.detail.contains("leader"), "{consensus:?}");
    }
    drop(observer);
}
