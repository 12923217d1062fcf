//! `demo up`: certificates, the nodes, the load generator, Prometheus and the `demo` profile.

use super::*;

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

pub(super) async fn up(shape: &Shape, ctx: &Ctx<'_>, mode: Mode) -> Result<DemoState> {
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
        super::form::wait_formed(&dir, &nodes, DEMO_OPERATOR).await?;
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
    let rules = super::form::write_rules(&pdir)?;
    let scrape = super::form::prometheus_config(nodes, &rules);
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
