//! The debug service over real mTLS on loopback: who gets in, who is refused, what is audited.

mod common;

use butterfly_debug::proto::debug::debug_service_client::DebugServiceClient;
use butterfly_debug::proto::debug::{
    ComponentHealth, DeepHealthResponse, GetNodeInfoRequest, HealthState, Member, NodeInfo,
    NodeRole, NodeStatus, ReadAuditLogRequest,
};
use butterfly_debug::{Builder, NodeHandle, TlsPaths};
use common::{Issued, TestCa};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

struct FakeNode;

impl NodeHandle for FakeNode {
    fn info(&self) -> NodeInfo {
        NodeInfo {
            id: "fake-1".into(),
            role: NodeRole::Compute as i32,
            version: "test".into(),
            ..Default::default()
        }
    }
    fn status(&self) -> NodeStatus {
        NodeStatus {
            id: "fake-1".into(),
            health: HealthState::Healthy as i32,
            summary: "ok".into(),
            ..Default::default()
        }
    }
    fn members(&self) -> Vec<Member> {
        Vec::new()
    }
    async fn deep_health(&self) -> DeepHealthResponse {
        DeepHealthResponse {
            overall: HealthState::Degraded as i32,
            components: vec![ComponentHealth {
                name: "process".into(),
                state: HealthState::Degraded as i32,
                detail: "testing".into(),
            }],
        }
    }
    async fn join(&self, members: Vec<Member>) -> Vec<Member> {
        members
    }
    fn ready(&self) -> bool {
        false
    }
    fn started(&self) -> bool {
        true
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    ca_pem: String,
    debug_addr: SocketAddr,
    http_addr: SocketAddr,
    viewer: Issued,
    admin: Issued,
    stray: Issued,
    expired: Issued,
    audit_path: std::path::PathBuf,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn start() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = TestCa::new("butterfly test CA");
    let other_ca = TestCa::new("someone else's CA");
    let ca_path = ca.write(dir.path(), "ca.crt");
    let node = ca.issue(dir.path(), "fake-1", "node", false);
    let viewer = ca.issue(dir.path(), "victor", "viewer", false);
    let admin = ca.issue(dir.path(), "alice", "admin", false);
    let expired = ca.issue(dir.path(), "old", "admin", true);
    let stray = other_ca.issue(dir.path(), "mallory", "admin", false);
    let audit_path = dir.path().join("audit.jsonl");
    let bound = Builder::new(FakeNode)
        .debug_addr("127.0.0.1:0".parse().unwrap())
        .http_addr("127.0.0.1:0".parse::<SocketAddr>().unwrap())
        .tls(TlsPaths {
            ca: ca_path,
            cert: node.cert.clone(),
            key: node.key.clone(),
        })
        .audit_log(&audit_path)
        .bind()
        .await
        .expect("bind");
    let debug_addr = bound.debug_addr();
    let http_addr = bound.http_addr().expect("http addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(bound.serve(async move {
        let _ = stopped.await;
    }));
    Fixture {
        _dir: dir,
        ca_pem: ca.pem.clone(),
        debug_addr,
        http_addr,
        viewer,
        admin,
        stray,
        expired,
        audit_path,
        _stop: stop,
    }
}

async fn client(
    f: &Fixture,
    who: Option<&Issued>,
) -> Result<DebugServiceClient<Channel>, tonic::transport::Error> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&f.ca_pem))
        .domain_name("localhost");
    if let Some(who) = who {
        tls = tls.identity(Identity::from_pem(&who.cert_pem, &who.key_pem));
    }
    let channel = Endpoint::from_shared(format!("https://{}", f.debug_addr))?
        .tls_config(tls)?
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(5))
        .connect()
        .await?;
    Ok(DebugServiceClient::new(channel))
}

/// Whether a client presenting `who` is refused (at connect or on the first call).
async fn refused(f: &Fixture, who: Option<&Issued>) -> bool {
    match client(f, who).await {
        Err(_) => true,
        Ok(mut c) => c.get_node_info(GetNodeInfoRequest {}).await.is_err(),
    }
}

async fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect http");
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .expect("write");
    let mut buf = String::new();
    s.read_to_string(&mut buf).await.expect("read");
    let code = buf
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = buf.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (code, body)
}

#[tokio::test]
async fn viewer_reads_node_info() {
    let f = start().await;
    let mut c = client(&f, Some(&f.viewer)).await.expect("connect");
    let info = c
        .get_node_info(GetNodeInfoRequest {})
        .await
        .expect("GetNodeInfo")
        .into_inner();
    assert_eq!(info.id, "fake-1");
}

#[tokio::test]
async fn no_client_certificate_is_refused() {
    let f = start().await;
    assert!(refused(&f, None).await);
}

#[tokio::test]
async fn certificate_from_another_ca_is_refused() {
    let f = start().await;
    assert!(refused(&f, Some(&f.stray)).await);
}

#[tokio::test]
async fn expired_certificate_is_refused() {
    let f = start().await;
    assert!(refused(&f, Some(&f.expired)).await);
}

#[tokio::test]
async fn refused_handshakes_do_not_stop_the_listener() {
    let f = start().await;
    for _ in 0..3 {
        assert!(refused(&f, Some(&f.stray)).await);
    }
    let mut c = client(&f, Some(&f.viewer)).await.expect("connect");
    assert!(c.get_node_info(GetNodeInfoRequest {}).await.is_ok());
    let (_, metrics) = http_get(f.http_addr, "/metrics").await;
    let failures = metrics
        .lines()
        .find(|l| l.starts_with("butterfly_debug_tls_handshake_failures_total"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .expect("handshake failure counter");
    assert!(failures >= 1, "{metrics}");
}

#[tokio::test]
async fn viewer_cannot_read_the_audit_log_and_is_told_which_role() {
    let f = start().await;
    let mut c = client(&f, Some(&f.viewer)).await.expect("connect");
    let err = c
        .read_audit_log(ReadAuditLogRequest {
            limit: 0,
            ..Default::default()
        })
        .await
        .expect_err("viewer must be refused");
    assert_eq!(err.code(), tonic::Code::PermissionDenied);
    assert_eq!(
        err.message(),
        "role 'admin' required for ReadAuditLog; certificate 'victor' has role 'viewer'"
    );
}

#[tokio::test]
async fn admin_reads_the_audit_log_with_earlier_calls() {
    let f = start().await;
    let mut viewer = client(&f, Some(&f.viewer)).await.expect("connect viewer");
    viewer
        .get_node_info(GetNodeInfoRequest {})
        .await
        .expect("GetNodeInfo");
    let _ = viewer
        .read_audit_log(ReadAuditLogRequest {
            limit: 0,
            ..Default::default()
        })
        .await;
    let mut admin = client(&f, Some(&f.admin)).await.expect("connect admin");
    let log = admin
        .read_audit_log(ReadAuditLogRequest {
            limit: 0,
            ..Default::default()
        })
        .await
        .expect("ReadAuditLog")
        .into_inner();
    let summary: Vec<(String, String, String)> = log
        .records
        .iter()
        .map(|r| (r.method.clone(), r.peer_name.clone(), r.outcome.clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "/butterfly.debug.v1.DebugService/GetNodeInfo".to_string(),
                "victor".to_string(),
                "ok".to_string()
            ),
            (
                "/butterfly.debug.v1.DebugService/ReadAuditLog".to_string(),
                "victor".to_string(),
                "denied".to_string()
            ),
        ]
    );
    assert_eq!(log.records[0].peer_role, "viewer");
    assert!(log.records[0].peer_addr.starts_with("127.0.0.1:"));
    assert_eq!(log.dropped, 0);
    // The file gets the same records (and the admin's own call) as JSON lines.
    let lines = wait_for_lines(&f.audit_path, 3).await;
    let first: serde_json::Value = serde_json::from_str(&lines[0]).expect("JSON line");
    assert_eq!(first["peer_name"], "victor");
    assert_eq!(first["outcome"], "ok");
}

async fn wait_for_lines(path: &Path, n: usize) -> Vec<String> {
    for _ in 0..200 {
        if let Ok(text) = std::fs::read_to_string(path) {
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            if lines.len() >= n {
                return lines;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("audit file {} never got {n} lines", path.display());
}

#[tokio::test]
async fn http_probes_and_metrics() {
    let f = start().await;
    assert_eq!(http_get(f.http_addr, "/health/live").await.0, 200);
    assert_eq!(http_get(f.http_addr, "/health/ready").await.0, 503);
    assert_eq!(http_get(f.http_addr, "/health/startup").await.0, 200);
    let (code, body) = http_get(f.http_addr, "/health/deep").await;
    assert_eq!(code, 200);
    let deep: serde_json::Value = serde_json::from_str(&body).expect("deep JSON");
    assert_eq!(deep["overall"], "degraded");
    assert_eq!(deep["components"][0]["name"], "process");
    assert_eq!(deep["components"][0]["state"], "degraded");

    let mut c = client(&f, Some(&f.viewer)).await.expect("connect");
    c.get_node_info(GetNodeInfoRequest {}).await.expect("call");
    let (code, metrics) = http_get(f.http_addr, "/metrics").await;
    assert_eq!(code, 200);
    assert!(
        metrics.contains("butterfly_debug_rpcs_total{method=\"GetNodeInfo\",code=\"OK\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("butterfly_build_info{"), "{metrics}");
}

#[test]
fn unreadable_pem_names_the_path() {
    let err = butterfly_debug::load_server_config(&TlsPaths {
        ca: "/nonexistent/ca.pem".into(),
        cert: "/nonexistent/cert.pem".into(),
        key: "/nonexistent/key.pem".into(),
    })
    .expect_err("missing files");
    assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");

    let dir = tempfile::tempdir().expect("tempdir");
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "not a pem").expect("write");
    let err = butterfly_debug::load_server_config(&TlsPaths {
        ca: garbage.clone(),
        cert: garbage.clone(),
        key: garbage.clone(),
    })
    .expect_err("garbage");
    assert!(err.to_string().contains("garbage.pem"), "{err}");
    assert!(err.to_string().contains("invalid"), "{err}");
}
