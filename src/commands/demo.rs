//! `demo [up|down|status]`: a local Butterfly cluster of real `butterfly-node` processes on
//! loopback, with a fresh CA and certificates, a `demo` profile, and (when the `prometheus`
//! binary is installed) a Prometheus scraping every node.
//!
//! Everything lives in `<state dir>/demo/`: `certs/`, `logs/`, `ready/`, `prometheus/` and
//! `state.json`. Children run in their own process groups (so Ctrl-C in the console does not
//! reach them) and watch the console's pid when attached, so no orphan outlives it.

use crate::commands::certs;
use crate::config::{self, ConfigFile, Profile};
use crate::error::{Error, Result};
use crate::output::{Report, Style};
use crate::session::Ctx;
use butterfly_proto::auth::Role;
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Default coordinators in the demo.
pub const DEFAULT_COORDINATORS: u32 = 3;
/// Default compute nodes in the demo.
pub const DEFAULT_COMPUTE: u32 = 4;
/// Default observers in the demo.
pub const DEFAULT_OBSERVERS: u32 = 1;
/// How long a node may take to write its ready file.
pub const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// Operator certificate the demo profile uses (role admin).
pub const DEMO_OPERATOR: &str = "oncall";
/// Read-only operator certificate the demo also issues (role viewer).
pub const DEMO_VIEWER: &str = "viewer";
/// Default background load of the demo, requests per second.
pub const DEFAULT_LOAD_RPS: f64 = 2.0;
/// Name of the profile the demo writes.
pub const DEMO_PROFILE: &str = "demo";

/// `demo`
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// What to do; none starts a cluster, opens the console on it, and tears it down on exit.
    #[command(subcommand)]
    pub action: Option<DemoAction>,
    /// Cluster shape (when no action is given).
    #[command(flatten)]
    pub shape: Shape,
}

impl DemoArgs {
    /// Whether this invocation opens the console (no action given).
    pub fn is_interactive(&self) -> bool {
        self.action.is_none()
    }
}

/// `demo up|down|status`
#[derive(Debug, Subcommand)]
pub enum DemoAction {
    /// Start the cluster; stays in the foreground until Ctrl-C unless --detach.
    Up {
        /// Leave the cluster running and return.
        #[arg(long)]
        detach: bool,
        /// Cluster shape.
        #[command(flatten)]
        shape: Shape,
    },
    /// Stop a detached demo cluster.
    Down,
    /// The demo's processes and addresses.
    Status,
    /// Restart one demo node with its data kept (same command line and addresses): SIGTERM
    /// (or SIGKILL with --kill) if it still runs, then start it again and wait until ready.
    Restart {
        /// Node id, e.g. coordinator-2.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
        /// Kill it with SIGKILL (a crash) instead of stopping it.
        #[arg(long)]
        kill: bool,
    },
}

/// How many nodes of each role.
#[derive(Debug, Args, Clone)]
pub struct Shape {
    /// Coordinators.
    #[arg(long, default_value_t = DEFAULT_COORDINATORS, value_parser = clap::value_parser!(u32).range(1..=9))]
    pub coordinators: u32,
    /// Compute nodes.
    #[arg(long, default_value_t = DEFAULT_COMPUTE, value_parser = clap::value_parser!(u32).range(0..=64))]
    pub compute: u32,
    /// Observers.
    #[arg(long, default_value_t = DEFAULT_OBSERVERS, value_parser = clap::value_parser!(u32).range(0..=16))]
    pub observers: u32,
    /// Extra virtual compute nodes served by one swarm process.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=5000))]
    pub swarm: u32,
    /// Do not start Prometheus even when it is installed.
    #[arg(long)]
    pub no_prometheus: bool,
    /// Time between compute nodes' checkpoints, e.g. `10s`.
    #[arg(long, default_value = "10s", value_parser = crate::opts::parse_duration)]
    pub checkpoint_interval: std::time::Duration,
    /// Background inference requests per second sent to the coordinators (0 = none).
    #[arg(long, default_value_t = DEFAULT_LOAD_RPS)]
    pub load: f64,
}

/// One demo process's node.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DemoNode {
    /// Node id.
    pub id: String,
    /// Role.
    pub role: String,
    /// Process id (shared by a swarm's virtual nodes).
    pub pid: u32,
    /// Debug address.
    pub debug_addr: String,
    /// HTTP address.
    pub http_addr: String,
}

/// `<state>/demo/state.json`, and `demo status -o json` (plus `alive` per node).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DemoState {
    /// Every node.
    pub nodes: Vec<DemoNode>,
    /// Prometheus URL, or null when not started.
    pub prometheus: Option<String>,
    /// Process-group leaders to signal on `down` (nodes, swarm, prometheus).
    #[serde(default)]
    pub process_groups: Vec<u32>,
    /// Whether the console that started it owns it (torn down when that console exits).
    #[serde(default)]
    pub attached: bool,
    /// Each node's command line (program first), for `demo restart`.
    #[serde(default)]
    pub launches: std::collections::BTreeMap<String, Vec<String>>,
}

/// Children of an attached demo, killed when the console leaves.
pub(crate) static ATTACHED: Mutex<Vec<Child>> = Mutex::new(Vec::new());
/// Command lines of the nodes started by this process (saved in the state file).
static LAUNCHES: Mutex<std::collections::BTreeMap<String, Vec<String>>> =
    Mutex::new(std::collections::BTreeMap::new());

/// Runs a `demo` command.
pub async fn exec(args: DemoArgs, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match args.action {
        None => Ok(Box::new(DemoUp::from(
            up(&args.shape, ctx, Mode::Attached).await?,
        ))),
        Some(DemoAction::Up {
            detach: true,
            shape,
        }) => Ok(Box::new(DemoUp::from(
            up(&shape, ctx, Mode::Detached).await?,
        ))),
        Some(DemoAction::Up {
            detach: false,
            shape,
        }) => {
            let state = DemoUp::from(up(&shape, ctx, Mode::Attached).await?);
            eprintln!("{}", state.render(&ctx.style));
            eprintln!("demo running; Ctrl-C stops it");
            // Waits for Ctrl-C: `exec::run` cancels this future, and main tears the cluster down.
            std::future::pending::<()>().await;
            Ok(Box::new(state))
        }
        Some(DemoAction::Down) => Ok(Box::new(down().await?)),
        Some(DemoAction::Status) => Ok(Box::new(status()?)),
        Some(DemoAction::Restart { node, kill }) => Ok(Box::new(
            crate::commands::demorestart::restart(&node, kill).await?,
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Attached,
    Detached,
}

pub(crate) fn demo_dir() -> Result<PathBuf> {
    Ok(config::state_dir()?.join("demo"))
}

pub(crate) fn state_path() -> Result<PathBuf> {
    Ok(demo_dir()?.join("state.json"))
}

pub(crate) fn load_state() -> Result<Option<DemoState>> {
    let path = state_path()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            Error::Other(format!(
                "{}: {e} (remove it if no demo is running)",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

pub(crate) fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists() && !is_zombie(pid)
}

fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

/// Finds `butterfly-node`: `BUTTERFLY_NODE_BIN`, next to this executable, then `PATH`.
pub fn node_binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("BUTTERFLY_NODE_BIN") {
        return Ok(PathBuf::from(p));
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(dir) = exe.parent() {
            let sibling = dir.join("butterfly-node");
            if sibling.exists() {
                return Ok(sibling);
            }
        }
    }
    which("butterfly-node").ok_or_else(|| {
        Error::NotFound(
            "butterfly-node not found next to butterfly-cli or on PATH: build it with \
             `cargo build --release --workspace --bins` or set BUTTERFLY_NODE_BIN"
                .into(),
        )
    })
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// What every demo process is started with.
struct Launch<'a> {
    bin: &'a Path,
    dir: &'a Path,
    watch: Option<u32>,
    checkpoint_interval: std::time::Duration,
}

pub(crate) struct Spawned {
    pub(crate) child: Child,
    pub(crate) ready: PathBuf,
    pub(crate) log: PathBuf,
    /// Program and arguments.
    pub(crate) argv: Vec<String>,
}

async fn up(shape: &Shape, ctx: &Ctx<'_>, mode: Mode) -> Result<DemoState> {
    if let Some(old) = load_state()? {
        if old.process_groups.iter().any(|p| alive(*p)) {
            return Err(Error::Usage(
                "a demo is already running: `butterfly-cli demo down` stops it (`demo status` shows it)".into(),
            ));
        }
    }
    let node_bin = node_binary()?;
    let dir = demo_dir()?;
    // A new cluster: no Raft log or checkpoint of an earlier demo may leak into it.
    let _ = std::fs::remove_dir_all(dir.join("data"));
    for sub in ["certs", "logs", "ready"] {
        let d = dir.join(sub);
        if sub != "logs" {
            let _ = std::fs::remove_dir_all(&d);
        }
        std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
    }
    let certs_dir = dir.join("certs");
    certs::init_ca(&certs_dir, certs::DEFAULT_CA_DAYS, true)?;
    certs::issue(&certs_dir, DEMO_OPERATOR, Role::Admin, 30, &[], true)?;
    certs::issue(&certs_dir, DEMO_VIEWER, Role::Viewer, 30, &[], true)?;
    write_pepper(&certs_dir.join(PEPPER_FILE))?;

    // Attached: nodes exit with this console. Detached: with BUTTERFLY_DEMO_WATCH_PID if set
    // (tests use it so that no node outlives a killed test run).
    let watch: Option<u32> = match mode {
        Mode::Attached => Some(std::process::id()),
        Mode::Detached => std::env::var("BUTTERFLY_DEMO_WATCH_PID")
            .ok()
            .and_then(|p| p.parse().ok()),
    };
    let launch = Launch {
        bin: &node_bin,
        dir: &dir,
        watch,
        checkpoint_interval: shape.checkpoint_interval,
    };
    let mut nodes: Vec<DemoNode> = Vec::new();
    let mut groups: Vec<u32> = Vec::new();
    let mut children: Vec<Child> = Vec::new();
    let result = async {
        // Coordinator 1 first; the others join it, then everyone joins all coordinators.
        let mut coord_addrs: Vec<String> = Vec::new();
        let ids = |prefix: &str, n: u32| {
            (1..=n)
                .map(move |i| format!("{prefix}-{i}"))
                .collect::<Vec<_>>()
        };
        let coords = ids("coordinator", shape.coordinators);
        let first = spawn_node(&launch, "coordinator", &coords[0], &[], None)?;
        for n in wait_ready(first, &mut children, &mut groups).await? {
            coord_addrs.push(n.debug_addr.clone());
            nodes.push(n);
        }
        let mut batch = Vec::new();
        for id in &coords[1..] {
            batch.push(spawn_node(
                &launch,
                "coordinator",
                id,
                &coord_addrs[..1],
                None,
            )?);
        }
        for s in batch {
            for n in wait_ready(s, &mut children, &mut groups).await? {
                coord_addrs.push(n.debug_addr.clone());
                nodes.push(n);
            }
        }
        let mut batch = Vec::new();
        for (role, prefix, n) in [
            ("compute", "compute", shape.compute),
            ("observer", "observer", shape.observers),
        ] {
            for id in ids(prefix, n) {
                batch.push(spawn_node(&launch, role, &id, &coord_addrs, None)?);
            }
        }
        if shape.swarm > 0 {
            batch.push(spawn_node(
                &launch,
                "compute",
                "swarm",
                &coord_addrs,
                Some(shape.swarm),
            )?);
        }
        for s in batch {
            nodes.extend(wait_ready(s, &mut children, &mut groups).await?);
        }
        // Listening is not formed: wait for voters, one leader and every node joined.
        super::demo_form::wait_formed(&dir, &nodes, DEMO_OPERATOR).await?;
        if shape.load > 0.0 {
            let targets: Vec<String> = nodes
                .iter()
                .filter(|n| n.role == "coordinator")
                .map(|n| n.http_addr.clone())
                .collect();
            let child = start_load(&node_bin, &dir, &targets, shape.load, watch)?;
            groups.push(child.id());
            children.push(child);
        }
        let prometheus = match which("prometheus").filter(|_| !shape.no_prometheus) {
            Some(bin) => {
                Some(start_prometheus(&bin, &dir, &nodes, watch, &mut children, &mut groups).await?)
            }
            None => None,
        };
        write_profile(ctx, &dir, &coord_addrs, prometheus.as_deref())?;
        Ok::<_, Error>(prometheus)
    }
    .await;
    let prometheus = match result {
        Ok(p) => p,
        Err(e) => {
            for g in &groups {
                signal_group(*g, Signal::Kill);
            }
            for mut c in children {
                let _ = c.wait();
            }
            return Err(e);
        }
    };
    let state = DemoState {
        nodes,
        prometheus,
        process_groups: groups,
        attached: mode == Mode::Attached,
        launches: LAUNCHES.lock().map(|l| l.clone()).unwrap_or_default(),
    };
    let path = state_path()?;
    let text = serde_json::to_string_pretty(&state).map_err(|e| Error::Other(e.to_string()))?;
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    match mode {
        Mode::Attached => {
            if let Ok(mut g) = ATTACHED.lock() {
                g.extend(children);
            }
        }
        Mode::Detached => drop(children),
    }
    Ok(state)
}

/// The demo's user-id pepper, next to its certificates (32 random bytes, hex, mode 0600); every
/// demo node hashes user ids with it.
pub const PEPPER_FILE: &str = "user-id-pepper";

fn write_pepper(path: &std::path::Path) -> Result<()> {
    use std::io::{Read as _, Write as _};
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| Error::io(std::path::Path::new("/dev/urandom"), e))?;
    let _ = std::fs::remove_file(path);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut f| f.write_all(hex::encode(bytes).as_bytes()))
        .map_err(|e| Error::io(path, e))
}

fn spawn_node(
    l: &Launch<'_>,
    role: &str,
    id: &str,
    seeds: &[String],
    swarm: Option<u32>,
) -> Result<Spawned> {
    let (bin, dir, watch, checkpoint_interval) = (l.bin, l.dir, l.watch, l.checkpoint_interval);
    let certs_dir = dir.join("certs");
    // A swarm's one certificate (CN `swarm-*`) may announce its virtual nodes `swarm-<n>`.
    let cert_name = if swarm.is_some() { "swarm-*" } else { id };
    // Coordinators carry the `coordinator` role: only they may speak Raft and relay members.
    let cert_role = if role == "coordinator" {
        Role::Coordinator
    } else {
        Role::Node
    };
    certs::issue(&certs_dir, cert_name, cert_role, 30, &[], true)?;
    let ready = dir.join("ready").join(format!("{id}.json"));
    let log = dir.join("logs").join(format!("{id}.log"));
    let log_file = std::fs::File::create(&log).map_err(|e| Error::io(&log, e))?;
    let log_err = log_file.try_clone().map_err(|e| Error::io(&log, e))?;
    let mut cmd = Command::new(bin);
    if let Some(n) = swarm {
        cmd.args([
            "swarm",
            "--count",
            &n.to_string(),
            "--id-prefix",
            "swarm-",
            "--role",
            role,
        ]);
    } else {
        cmd.args(["--role", role, "--id", id]);
        cmd.arg("--audit-log")
            .arg(dir.join("logs").join(format!("{id}.audit.jsonl")));
    }
    if swarm.is_none() {
        // The demo is for practising on failures: its nodes accept injected faults.
        cmd.arg("--allow-faults");
        cmd.arg("--data-dir").arg(dir.join("data").join(id));
        cmd.arg("--checkpoint-interval")
            .arg(format!("{}ms", checkpoint_interval.as_millis()));
        // Benchmarks compare the durable Raft log with the in-memory one.
        if role == "coordinator" && std::env::var_os("BUTTERFLY_DEMO_RAFT_VOLATILE").is_some() {
            cmd.arg("--raft-volatile");
        }
    }
    cmd.args([
        "--cluster",
        "demo",
        "--debug-addr",
        "127.0.0.1:0",
        "--http-addr",
        "127.0.0.1:0",
    ])
    .arg("--user-id-pepper-file")
    .arg(certs_dir.join(PEPPER_FILE))
    .arg("--ca")
    .arg(certs_dir.join(certs::CA_CERT))
    .arg("--cert")
    .arg(certs_dir.join(format!("{cert_name}.pem")))
    .arg("--key")
    .arg(certs_dir.join(format!("{cert_name}-key.pem")))
    .arg("--ready-file")
    .arg(&ready);
    if !seeds.is_empty() {
        cmd.arg("--seed").arg(seeds.join(","));
    }
    if let Some(pid) = watch {
        cmd.arg("--watch-pid").arg(pid.to_string());
    }
    cmd.stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .process_group(0);
    let argv = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let child = cmd
        .spawn()
        .map_err(|e| Error::Other(format!("cannot start {}: {e}", bin.display())))?;
    Ok(Spawned {
        child,
        ready,
        log,
        argv,
    })
}

fn start_load(
    bin: &Path,
    dir: &Path,
    targets: &[String],
    rps: f64,
    watch: Option<u32>,
) -> Result<Child> {
    let log = dir.join("logs").join("load.log");
    let log_file = std::fs::File::create(&log).map_err(|e| Error::io(&log, e))?;
    let log_err = log_file.try_clone().map_err(|e| Error::io(&log, e))?;
    let mut cmd = Command::new(bin);
    cmd.args([
        "load",
        "--target",
        &targets.join(","),
        "--rps",
        &rps.to_string(),
    ]);
    if let Some(pid) = watch {
        cmd.arg("--watch-pid").arg(pid.to_string());
    }
    cmd.stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .process_group(0)
        .spawn()
        .map_err(|e| Error::Other(format!("cannot start the load generator: {e}")))
}

#[derive(Deserialize)]
struct ReadyFile {
    nodes: Vec<DemoNode>,
}

pub(crate) async fn wait_ready(
    mut s: Spawned,
    children: &mut Vec<Child>,
    groups: &mut Vec<u32>,
) -> Result<Vec<DemoNode>> {
    groups.push(s.child.id());
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&s.ready) {
            if let Ok(r) = serde_json::from_str::<ReadyFile>(&text) {
                children.push(s.child);
                if let Ok(mut l) = LAUNCHES.lock() {
                    for n in r.nodes.iter().filter(|n| !n.id.starts_with("swarm-")) {
                        l.insert(n.id.clone(), s.argv.clone());
                    }
                }
                return Ok(r.nodes);
            }
        }
        if let Ok(Some(status)) = s.child.try_wait() {
            return Err(Error::Other(format!(
                "a demo node exited during start ({status}); its log {} ends with:\n{}",
                s.log.display(),
                tail(&s.log, 10)
            )));
        }
        if started.elapsed() > READY_TIMEOUT {
            children.push(s.child);
            return Err(Error::Other(format!(
                "a demo node was not ready within {}s; see {}",
                READY_TIMEOUT.as_secs(),
                s.log.display()
            )));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn tail(path: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

async fn start_prometheus(
    bin: &Path,
    dir: &Path,
    nodes: &[DemoNode],
    watch: Option<u32>,
    children: &mut Vec<Child>,
    groups: &mut Vec<u32>,
) -> Result<String> {
    let pdir = dir.join("prometheus");
    let _ = std::fs::remove_dir_all(&pdir);
    std::fs::create_dir_all(&pdir).map_err(|e| Error::io(&pdir, e))?;
    let rules = super::demo_form::write_rules(&pdir)?;
    let scrape = super::demo_form::prometheus_config(nodes, &rules);
    let cfg = pdir.join("prometheus.yml");
    std::fs::write(&cfg, scrape).map_err(|e| Error::io(&cfg, e))?;
    let port = free_port()?;
    let url = format!("http://127.0.0.1:{port}");
    let log = dir.join("logs").join("prometheus.log");
    let log_file = std::fs::File::create(&log).map_err(|e| Error::io(&log, e))?;
    let log_err = log_file.try_clone().map_err(|e| Error::io(&log, e))?;
    // A small shell keeps Prometheus from outliving the console that started it.
    let script = "\"$@\" & p=$!; trap 'kill $p 2>/dev/null; wait $p; exit 0' TERM INT; \
                  while kill -0 $p 2>/dev/null; do \
                    if [ -n \"$BUTTERFLY_WATCH_PID\" ] && ! kill -0 \"$BUTTERFLY_WATCH_PID\" 2>/dev/null; then kill $p; fi; \
                    sleep 1 & wait $!; \
                  done";
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg("sh")
        .arg(bin)
        .arg(format!("--config.file={}", cfg.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            pdir.join("data").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        // Exemplars link the request and layer histograms to traces (`request trace`).
        .arg("--enable-feature=exemplar-storage")
        .arg("--log.level=warn")
        .env(
            "BUTTERFLY_WATCH_PID",
            watch.map(|p| p.to_string()).unwrap_or_default(),
        )
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .process_group(0);
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::Other(format!("cannot start prometheus: {e}")))?;
    groups.push(child.id());
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        if let Ok(Some(st)) = child.try_wait() {
            return Err(Error::Other(format!(
                "prometheus exited during start ({st}); {} ends with:\n{}",
                log.display(),
                tail(&log, 10)
            )));
        }
        if started.elapsed() > READY_TIMEOUT {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    children.push(child);
    Ok(url)
}

/// A free loopback TCP port (bound then released).
pub fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| Error::Other(format!("no free port: {e}")))?;
    l.local_addr()
        .map(|a| a.port())
        .map_err(|e| Error::Other(format!("no free port: {e}")))
}

fn write_profile(
    ctx: &Ctx<'_>,
    dir: &Path,
    seeds: &[String],
    prometheus: Option<&str>,
) -> Result<()> {
    let Some(path) = config::config_path(&ctx.opts) else {
        return Err(Error::Config(
            "cannot find a config directory: pass --config".into(),
        ));
    };
    let mut file = ConfigFile::load(&path)?;
    let certs_dir = dir.join("certs");
    file.profiles.insert(
        DEMO_PROFILE.into(),
        Profile {
            seeds: seeds.to_vec(),
            ca: Some(certs_dir.join(certs::CA_CERT)),
            cert: Some(certs_dir.join(format!("{DEMO_OPERATOR}.pem"))),
            key: Some(certs_dir.join(format!("{DEMO_OPERATOR}-key.pem"))),
            timeout: Some("3s".into()),
            prometheus_url: prometheus.map(str::to_string),
            ..Profile::default()
        },
    );
    if file.default_profile.is_none() {
        file.default_profile = Some(DEMO_PROFILE.into());
    }
    file.save(&path)
}

#[derive(Clone, Copy)]
pub(crate) enum Signal {
    Term,
    Kill,
}

pub(crate) fn signal_group(pid: u32, sig: Signal) {
    use nix::sys::signal::{killpg, Signal as S};
    use nix::unistd::Pid;
    let Ok(raw) = i32::try_from(pid) else { return };
    let s = match sig {
        Signal::Term => S::SIGTERM,
        Signal::Kill => S::SIGKILL,
    };
    let _ = killpg(Pid::from_raw(raw), s);
}

/// Stops the process groups: SIGTERM, then SIGKILL after 5 s.
pub(crate) async fn stop_groups(groups: &[u32]) {
    for g in groups {
        signal_group(*g, Signal::Term);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while groups.iter().any(|g| alive(*g)) && Instant::now() < deadline {
        reap_attached();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for g in groups.iter().filter(|g| alive(**g)) {
        signal_group(*g, Signal::Kill);
    }
    reap_attached();
}

fn reap_attached() {
    if let Ok(mut children) = ATTACHED.lock() {
        children.retain_mut(|c| !matches!(c.try_wait(), Ok(Some(_))));
    }
}

/// Tears down the cluster this console started (attached mode); a no-op when there is none.
pub async fn teardown_attached() {
    let groups: Vec<u32> = match ATTACHED.lock() {
        Ok(c) => c.iter().map(Child::id).collect(),
        Err(_) => return,
    };
    if groups.is_empty() {
        return;
    }
    stop_groups(&groups).await;
    if let Ok(mut children) = ATTACHED.lock() {
        for c in children.iter_mut() {
            let _ = c.wait();
        }
        children.clear();
    }
    if let Ok(path) = state_path() {
        let _ = std::fs::remove_file(path);
    }
}

/// `demo down -o json`: `{"stopped":N}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Down {
    /// Process groups signalled.
    pub stopped: usize,
}

impl Report for Down {
    fn render(&self, _: &Style) -> String {
        format!("demo stopped ({} processes)", self.stopped)
    }
}

async fn down() -> Result<Down> {
    let Some(state) = load_state()? else {
        return Err(Error::NotFound("no demo is running (no state file)".into()));
    };
    let live: Vec<u32> = state
        .process_groups
        .iter()
        .copied()
        .filter(|p| alive(*p))
        .collect();
    stop_groups(&live).await;
    let path = state_path()?;
    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    Ok(Down {
        stopped: live.len(),
    })
}

/// `demo status -o json`: `{"nodes":[{"id","role","pid","debug_addr","http_addr","alive"}],"prometheus"}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct StatusReport {
    /// Every node with whether its process is alive.
    pub nodes: Vec<StatusNode>,
    /// Prometheus URL or null.
    pub prometheus: Option<String>,
}

/// A node in `demo status`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct StatusNode {
    /// The node.
    #[serde(flatten)]
    pub node: DemoNode,
    /// Whether its process is alive.
    pub alive: bool,
}

fn status() -> Result<StatusReport> {
    let Some(state) = load_state()? else {
        return Err(Error::NotFound(
            "no demo is running (start one with `butterfly-cli demo up --detach`)".into(),
        ));
    };
    Ok(StatusReport {
        nodes: state
            .nodes
            .into_iter()
            .map(|n| StatusNode {
                alive: alive(n.pid),
                node: n,
            })
            .collect(),
        prometheus: state.prometheus,
    })
}

impl Report for StatusReport {
    fn render(&self, style: &Style) -> String {
        render_nodes(
            self.nodes.iter().map(|n| (&n.node, Some(n.alive))),
            self.prometheus.as_deref(),
            style,
        )
    }
}

/// `demo -o json` once the cluster is up: `{"nodes":[...],"prometheus"}`.
#[derive(Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DemoUp {
    /// Every node.
    pub nodes: Vec<DemoNode>,
    /// Prometheus URL, or null when not started.
    pub prometheus: Option<String>,
}

impl From<DemoState> for DemoUp {
    fn from(state: DemoState) -> DemoUp {
        DemoUp {
            nodes: state.nodes,
            prometheus: state.prometheus,
        }
    }
}

impl Report for DemoUp {
    fn render(&self, style: &Style) -> String {
        let mut out = render_nodes(
            self.nodes.iter().map(|n| (n, None)),
            self.prometheus.as_deref(),
            style,
        );
        out.push_str(&format!(
            "\nprofile '{DEMO_PROFILE}' written; try `cluster status`"
        ));
        out
    }
}

fn render_nodes<'a>(
    nodes: impl Iterator<Item = (&'a DemoNode, Option<bool>)>,
    prometheus: Option<&str>,
    style: &Style,
) -> String {
    let mut t = style.table(&["NODE", "ROLE", "PID", "DEBUG", "HTTP", "PROCESS"]);
    let mut swarm = 0usize;
    for (n, alive) in nodes {
        if n.id.starts_with("swarm-") {
            swarm += 1;
            continue;
        }
        t.add_row(vec![
            n.id.clone(),
            n.role.clone(),
            n.pid.to_string(),
            n.debug_addr.clone(),
            n.http_addr.clone(),
            match alive {
                Some(true) => style.good("alive"),
                Some(false) => style.bad("gone"),
                None => style.good("started"),
            },
        ]);
    }
    let mut out = t.to_string();
    if swarm > 0 {
        out.push_str(&format!("\n+ {swarm} virtual swarm nodes"));
    }
    out.push_str(&format!(
        "\nprometheus: {}",
        prometheus.unwrap_or("not started (install the `prometheus` package)")
    ));
    out
}
