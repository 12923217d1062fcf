//! Criterion benchmarks of the console's hot paths. Whole-process figures (cold `cluster status`,
//! start-up, `node info` against grpcurl) are in `benches/run.sh` (hyperfine).
//!
//! `cargo bench --bench cli` — the warm fan-out group needs the release `butterfly-node`
//! (`cargo build --release --workspace --bins`, or `BUTTERFLY_NODE_BIN`).

use butterfly_cli::audit::{AuditLog, Intent, Outcome};
use butterfly_cli::commands::certs;
use butterfly_cli::commands::cluster::{exec as cluster_exec, ClusterCommand};
use butterfly_cli::opts::GlobalOpts;
use butterfly_cli::repl::ReplHelper;
use butterfly_cli::session::{MemberCache, Session, Via};
use butterfly_proto::auth::Role;
use butterfly_proto::debug::Member;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn audit_append(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = AuditLog::new(dir.path().join("audit.jsonl"));
    let targets = vec!["cluster".to_string()];
    let mut g = c.benchmark_group("audit");
    g.throughput(Throughput::Elements(1));
    g.bench_function("intent+result (fsynced)", |b| {
        b.iter(|| {
            let seq = log
                .intent(&Intent {
                    operator: "oncall",
                    role: Some("admin"),
                    session: "bench",
                    via: "one-shot",
                    profile: "demo",
                    command: "cluster status",
                    targets: &targets,
                    script: None,
                })
                .expect("intent");
            log.result(
                seq,
                "bench",
                &Outcome {
                    outcome: "ok",
                    exit_code: 0,
                    duration_ms: 1,
                    error: None,
                },
            )
            .expect("result")
        })
    });
    g.finish();
}

fn completion(c: &mut Criterion) {
    let cache = Arc::new(Mutex::new(MemberCache::default()));
    if let Ok(mut m) = cache.lock() {
        for i in 0..1000 {
            let id = format!("swarm-{i}");
            m.members.insert(
                id.clone(),
                Member {
                    id,
                    ..Default::default()
                },
            );
        }
    }
    let h = ReplHelper::new(cache);
    c.bench_function("repl/complete node id among 1000", |b| {
        b.iter(|| h.candidates("node info swarm-99", 18))
    });
    c.bench_function("repl/complete command", |b| {
        b.iter(|| h.candidates("clu", 3))
    });
}

struct Cluster {
    children: Vec<Child>,
    _dir: tempfile::TempDir,
    opts: GlobalOpts,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn node_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("BUTTERFLY_NODE_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("bench exe");
    // target/release/deps/cli-xxxx -> target/release/butterfly-node
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("butterfly-node"))
        .expect("target dir")
}

fn wait_ready(path: &Path) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                return v;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One coordinator plus a swarm of `n - 1` virtual nodes.
fn cluster(n: usize) -> Cluster {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    certs::init_ca(d, 30, true).expect("ca");
    for (name, role) in [
        ("coord", Role::Node),
        ("swarm", Role::Node),
        ("bench", Role::Admin),
    ] {
        certs::issue(d, name, role, 30, &[], true).expect("issue");
    }
    let bin = node_bin();
    let spawn = |args: &[&str], name: &str, ready: &Path| -> Child {
        Command::new(&bin)
            .args(args)
            .args([
                "--debug-addr",
                "127.0.0.1:0",
                "--http-addr",
                "127.0.0.1:0",
                "--heartbeat",
                "1s",
            ])
            .arg("--ca")
            .arg(d.join("ca.pem"))
            .arg("--cert")
            .arg(d.join(format!("{name}.pem")))
            .arg("--key")
            .arg(d.join(format!("{name}-key.pem")))
            .arg("--ready-file")
            .arg(ready)
            .arg("--watch-pid")
            .arg(std::process::id().to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "start {}: {e} (build it: cargo build --release --workspace --bins)",
                    bin.display()
                )
            })
    };
    let coord_ready = d.join("coord.json");
    let mut children = vec![spawn(
        &["--role", "coordinator", "--id", "coordinator-1"],
        "coord",
        &coord_ready,
    )];
    let seed = wait_ready(&coord_ready)["nodes"][0]["debug_addr"]
        .as_str()
        .expect("addr")
        .to_string();
    if n > 1 {
        let swarm_ready = d.join("swarm.json");
        let count = (n - 1).to_string();
        children.push(spawn(
            &["swarm", "--count", &count, "--seed", &seed],
            "swarm",
            &swarm_ready,
        ));
        wait_ready(&swarm_ready);
    }
    let config = d.join("config.toml");
    std::fs::write(&config, "").expect("config");
    let opts = GlobalOpts {
        config: Some(config),
        seeds: vec![seed],
        ca: Some(d.join("ca.pem")),
        cert: Some(d.join("bench.pem")),
        key: Some(d.join("bench-key.pem")),
        timeout: Some(Duration::from_secs(10)),
        ..GlobalOpts::default()
    };
    Cluster {
        children,
        _dir: dir,
        opts,
    }
}

fn warm_cluster_status(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut g = c.benchmark_group("cluster status warm (pooled, REPL)");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for n in [10usize, 100, 1000] {
        let cl = cluster(n);
        let session = Session::new(cl.opts.clone(), Via::Repl);
        // Wait for the membership to converge, which also warms the pool.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ctx = session.context(&GlobalOpts::default());
            let members = rt
                .block_on(ctx.discover())
                .map(|d| d.members.len())
                .unwrap_or(0);
            if members >= n {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "only {members} of {n} members joined"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let ctx = session.context(&GlobalOpts::default());
                let report = rt
                    .block_on(cluster_exec(
                        ClusterCommand::Status {
                            direct: true,
                            summary: false,
                        },
                        &ctx,
                    ))
                    .expect("status");
                assert_eq!(report.exit_code(), 0);
                report
            })
        });
        drop(cl);
    }
    g.finish();
}

criterion_group!(benches, audit_append, completion, warm_cluster_status);
criterion_main!(benches);
