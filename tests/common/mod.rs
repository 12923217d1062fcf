//! Test harness: an isolated home (config, state, certificates) per test, the real binaries,
//! and a real demo cluster of `butterfly-node` processes on loopback.

#![allow(dead_code)]

pub mod screen;

use serde_json::Value;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The console binary under test.
pub fn cli_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_butterfly-cli"))
}

/// The node binary, built next to the console by `cargo build --workspace --bins`.
pub fn node_bin() -> PathBuf {
    let p = cli_bin().with_file_name("butterfly-node");
    assert!(
        p.exists(),
        "{} is missing: run `cargo build --workspace --bins` (make test does)",
        p.display()
    );
    p
}

/// One test's isolated world.
pub struct Env {
    pub dir: tempfile::TempDir,
    demo_up: bool,
    /// Environment given to `demo up` (and so to the nodes it starts).
    pub node_env: Vec<(String, String)>,
}

/// A finished CLI invocation.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    /// stdout decoded into the command's own report type (`-o json` is a contract).
    #[allow(dead_code)]
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout does not decode as {} ({e}):\n{}\nstderr:\n{}",
                std::any::type_name::<T>(),
                self.stdout,
                self.stderr
            )
        })
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
            demo_up: false,
            node_env: Vec::new(),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn state_dir(&self) -> PathBuf {
        self.path("state")
    }

    pub fn certs(&self) -> PathBuf {
        self.state_dir().join("demo").join("certs")
    }

    pub fn audit_log(&self) -> PathBuf {
        self.state_dir().join("audit.jsonl")
    }

    /// A `butterfly-cli` command with this world's environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(cli_bin());
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_STATE_HOME", self.path("xdg-state"))
            .env("BUTTERFLY_STATE_DIR", self.state_dir())
            .env("BUTTERFLY_NODE_BIN", node_bin())
            .env("BUTTERFLY_DEMO_WATCH_PID", std::process::id().to_string())
            .env("USER", "tester")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        c
    }

    /// Runs the console to completion (killed after 60 s).
    pub fn run(&self, args: &[&str]) -> Run {
        run_cmd(self.cmd(args), Duration::from_secs(60))
    }

    /// Runs `args` as the demo's read-only operator (the `viewer` certificate).
    pub fn run_as_viewer(&self, args: &[&str]) -> Run {
        let certs = self.certs();
        let (cert, key) = (certs.join("viewer.pem"), certs.join("viewer-key.pem"));
        let mut all = vec![
            "--cert",
            cert.to_str().expect("utf-8 path"),
            "--key",
            key.to_str().expect("utf-8 path"),
        ];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Starts a detached demo cluster without Prometheus and returns `demo status -o json`.
    pub fn demo(&mut self, coordinators: u32, compute: u32, observers: u32, swarm: u32) -> Value {
        self.demo_with(
            coordinators,
            compute,
            observers,
            swarm,
            &["--no-prometheus", "--load", "0"],
        )
    }

    /// Starts a detached demo cluster with `extra` flags and returns `demo status -o json`.
    pub fn demo_with(
        &mut self,
        coordinators: u32,
        compute: u32,
        observers: u32,
        swarm: u32,
        extra: &[&str],
    ) -> Value {
        let (c, n, o, s) = (
            coordinators.to_string(),
            compute.to_string(),
            observers.to_string(),
            swarm.to_string(),
        );
        let mut args = vec![
            "demo",
            "up",
            "--detach",
            "--coordinators",
            &c,
            "--compute",
            &n,
            "--observers",
            &o,
            "--swarm",
            &s,
        ];
        args.extend_from_slice(extra);
        let mut cmd = self.cmd(&args);
        for (k, v) in &self.node_env {
            cmd.env(k, v);
        }
        let r = run_cmd(cmd, Duration::from_secs(60));
        assert_eq!(r.code, 0, "demo up failed: {}\n{}", r.stdout, r.stderr);
        self.demo_up = true;
        let total = (coordinators + compute + observers + swarm) as usize;
        self.wait_members(total);
        let st = self.run(&["-o", "json", "demo", "status"]);
        assert_eq!(st.code, 0, "{}", st.stderr);
        st.json()
    }

    /// Waits until `cluster status` lists `n` members (joins converge in a heartbeat or two).
    pub fn wait_members(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let r = self.run(&["-o", "json", "cluster", "status"]);
            let count = serde_json::from_str::<Value>(&r.stdout)
                .ok()
                .and_then(|v| v["nodes"].as_array().map(|a| a.len()))
                .unwrap_or(0);
            if count >= n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "cluster never listed {n} members (last: {count}): {}\n{}",
                r.stdout,
                r.stderr
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The demo node `id` from `demo status`.
    pub fn node(&self, status: &Value, id: &str) -> Value {
        status["nodes"]
            .as_array()
            .and_then(|a| a.iter().find(|n| n["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("no node {id} in {status}"))
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if self.demo_up {
            let _ = run_cmd(self.cmd(&["demo", "down"]), Duration::from_secs(30));
        }
    }
}

/// Runs a command with a kill deadline, capturing output.
pub fn run_cmd(mut cmd: Command, limit: Duration) -> Run {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn butterfly-cli");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let code = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st.code().unwrap_or(-1);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("command did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code,
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        elapsed: started.elapsed(),
    }
}

/// A TCP listener that accepts connections and never answers: a hung node.
pub struct Blackhole {
    pub addr: String,
    _thread: std::thread::JoinHandle<()>,
}

pub fn blackhole() -> Blackhole {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = l.local_addr().expect("addr").to_string();
    let thread = std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in l.incoming().flatten() {
            held.push(s);
        }
    });
    Blackhole {
        addr,
        _thread: thread,
    }
}

/// Kills a process by pid and waits until it is gone.
pub fn kill_pid(pid: u64) {
    let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Issues a certificate signed by the CA in `dir` whose validity ended yesterday.
pub fn issue_expired(dir: &Path, name: &str, role: &str) -> (PathBuf, PathBuf) {
    use rcgen::{
        CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, Issuer, KeyPair,
    };
    let ca_pem = std::fs::read_to_string(dir.join("ca.pem")).expect("ca.pem");
    let ca_key =
        KeyPair::from_pem(&std::fs::read_to_string(dir.join("ca-key.pem")).expect("ca-key"))
            .expect("key");
    let issuer = Issuer::from_ca_cert_pem(&ca_pem, ca_key).expect("issuer");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::OrganizationalUnitName, role);
    params.distinguished_name = dn;
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(30);
    params.not_after = now - time::Duration::days(1);
    let key = KeyPair::generate().expect("keygen");
    let cert = params.signed_by(&key, &issuer).expect("sign");
    let cert_path = dir.join(format!("{name}.pem"));
    let key_path = dir.join(format!("{name}-key.pem"));
    std::fs::write(&cert_path, cert.pem()).expect("write");
    std::fs::write(&key_path, key.serialize_pem()).expect("write");
    (cert_path, key_path)
}

/// GET `url` (plain HTTP on loopback) and parse the body as JSON; None on any failure.
pub fn http_get_json(url: &str) -> Option<Value> {
    serde_json::from_str(&http_get_text(url)?).ok()
}

/// GET `url` (plain HTTP on loopback); the body, or None on any failure.
pub fn http_get_text(url: &str) -> Option<String> {
    use std::io::Write;
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut s = std::net::TcpStream::connect(host).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    let (_, text) = body.split_once("\r\n\r\n")?;
    Some(text.to_string())
}

/// POST `body` as JSON to `http://{addr}{path}`; returns the status code and the body parsed as
/// JSON (Null when it is not JSON).
pub fn http_post_json(addr: &str, path: &str, body: &str) -> (u16, Value) {
    http_post_json_with(addr, path, body, &[])
}

/// [`http_post_json`] with extra request headers.
pub fn http_post_json_with(
    addr: &str,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> (u16, Value) {
    use std::io::Write;
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        s,
        "POST {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n",
        body.len(),
        headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect::<String>()
    )
    .expect("write head");
    let _ = s.write_all(body.as_bytes());
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let json = text
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (code, json)
}

/// A debug-service client on `addr` holding the certificate `name` of the directory `certs`
/// (e.g. a demo node's `compute-1`).
pub async fn client_as(
    certs: &Path,
    name: &str,
    addr: &str,
) -> butterfly_proto::debug::debug_service_client::DebugServiceClient<tonic::transport::Channel> {
    use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
    let read = |f: String| std::fs::read_to_string(certs.join(f)).expect("certificate");
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(read("ca.pem".into())))
        .identity(Identity::from_pem(
            read(format!("{name}.pem")),
            read(format!("{name}-key.pem")),
        ))
        .domain_name("localhost");
    let channel = Endpoint::from_shared(format!("https://{addr}"))
        .expect("endpoint")
        .tls_config(tls)
        .expect("tls")
        .connect()
        .await
        .expect("connect");
    butterfly_proto::debug::debug_service_client::DebugServiceClient::new(channel)
}
