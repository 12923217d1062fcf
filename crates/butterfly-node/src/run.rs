//! Starting a node or a swarm, the ready file, and shutdown.

use crate::cli::{Cli, Command, CommonArgs, NodeArgs, SwarmArgs};
use crate::cluster::{local_members, ClientTls, Cluster, NodeView};
use crate::dataplane::{DataClient, DataServer};
use crate::faults::{Fault, Faults};
use crate::inference::{Engine, EngineConfig, LocalState, StateStore};
use crate::layers::{Model, ModelSpec};
use crate::procinfo;
use crate::raft::RaftHandle;
use crate::services::Services;
use butterfly_debug::proto::debug::NodeRole;
use butterfly_debug::{Builder, Metrics, TlsPaths};
use serde::Serialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// File name of the node's audit trail inside its data dir.
pub const AUDIT_FILE_NAME: &str = "audit.jsonl";

/// The HTTP listener's limits from the node's flags.
fn http_limits(common: &CommonArgs) -> butterfly_debug::HttpLimits {
    butterfly_debug::HttpLimits {
        header_timeout: common.http_header_timeout,
        idle_timeout: common.http_idle_timeout,
        ..butterfly_debug::HttpLimits::default()
    }
}

/// How often `--watch-pid` checks that the watched process exists.
pub const WATCH_PID_INTERVAL: Duration = Duration::from_millis(500);

/// Why a node could not run.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    /// The debug service failed to start or serve.
    #[error(transparent)]
    Debug(#[from] butterfly_debug::Error),
    /// The Raft engine could not start.
    #[error(transparent)]
    Raft(#[from] crate::raft::Error),
    /// The data plane could not start.
    #[error(transparent)]
    Data(#[from] crate::dataplane::DataError),
    /// A PEM file for the client side could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The ready file could not be written.
    #[error("cannot write ready file {path}: {source}")]
    ReadyFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Binding the swarm's HTTP address failed.
    #[error("cannot bind http address {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Bad command-line values.
    #[error("{0}")]
    Usage(String),
}

#[derive(Serialize)]
struct ReadyFile {
    nodes: Vec<ReadyNode>,
}

#[derive(Serialize)]
struct ReadyNode {
    id: String,
    role: String,
    pid: u32,
    debug_addr: String,
    http_addr: String,
}

fn read(path: &Path) -> Result<Vec<u8>, NodeError> {
    std::fs::read(path).map_err(|source| NodeError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn client_tls(common: &CommonArgs) -> Result<ClientTls, NodeError> {
    let files = common.tls_files().map_err(NodeError::Usage)?;
    Ok(ClientTls {
        ca_pem: read(&files.ca)?,
        cert_pem: read(&files.cert)?,
        key_pem: read(&files.key)?,
    })
}

/// The model, faults, and the data plane: a QUIC server on compute nodes, the inference engine
/// (QUIC client + `POST /v1/infer`) on coordinators.
async fn start_services(
    role: NodeRole,
    id: &str,
    args: &NodeArgs,
    cluster: &Arc<Cluster>,
    capture: &butterfly_debug::Capture,
    store: Arc<dyn StateStore>,
    (telemetry, metrics): (
        butterfly_telemetry::Telemetry,
        Arc<butterfly_telemetry::Metrics>,
    ),
) -> Result<Arc<Services>, NodeError> {
    let spec = ModelSpec {
        layers: args.layers,
        dim: args.dim,
        seed: args.model_seed,
    };
    let checkpoints = args.data_dir.as_deref().map(crate::checkpoint::Store::new);
    let mut problem = None;
    let model = match checkpoints.as_ref().filter(|_| role == NodeRole::Compute) {
        None => Model::new(spec),
        Some(checkpoints) => {
            let span = tracing::info_span!("checkpoint.restore", node.id = %id);
            let _g = span.enter();
            match checkpoints.restore(spec) {
                Ok(Some((model, m))) => {
                    tracing::info!(seq = m.seq, root = %m.root, "restored from checkpoint");
                    model
                }
                Ok(None) => Model::new(spec),
                Err(e) => {
                    tracing::error!(error = %e, "checkpoint not restored; starting from the seeded weights");
                    problem = Some(format!("restore: {e}"));
                    Model::new(spec)
                }
            }
        }
    };
    let faults = Faults::new(args.allow_faults);
    for spec in &args.faults {
        let fault = Fault::parse(spec).map_err(NodeError::Usage)?;
        faults.inject(fault).map_err(NodeError::Usage)?;
    }
    cluster.set_faults(faults.clone());
    let services = Arc::new(Services::new(
        id.to_string(),
        model.clone(),
        faults.clone(),
        telemetry,
        metrics.clone(),
    ));
    services.set_checkpoint_problem(problem);
    let _ = services.config.set(config_json(role, id, args));
    if let (Some(store), NodeRole::Compute) = (&checkpoints, role) {
        let _ = services.checkpoints.set(store.clone());
    }
    if let (Some(checkpoints), NodeRole::Compute) = (checkpoints, role) {
        if !args.checkpoint_interval.is_zero() {
            tokio::spawn(crate::checkpoint::run_periodic(
                checkpoints,
                services.clone(),
                cluster.clone(),
                args.checkpoint_interval,
            ));
        }
    }
    match role {
        NodeRole::Compute => {
            let tls = butterfly_debug::load_server_config(&tls_paths(&args.common)?)?;
            let server = DataServer::bind(args.data_addr, &tls)?;
            let local = server.local_addr();
            if let Some(a) = local {
                capture.add_port(a.port());
            }
            let addr = local.map(|a| a.to_string()).unwrap_or_default();
            let _ = services.data_addr.set(addr);
            let conns = server.conns();
            conns.set_local(local);
            let _ = services.data_conns.set(conns);
            tokio::spawn(server.serve(
                id.to_string(),
                model,
                faults.clone(),
                services.layer_stats.clone(),
                capture.clone(),
            ));
        }
        NodeRole::Coordinator => {
            let tls = client_tls(&args.common)?;
            let config = crate::dataplane::client_config(&tls.ca_pem, &tls.cert_pem, &tls.key_pem)?;
            let mut data = DataClient::new(&config, crate::dataplane::DEFAULT_EXEC_TIMEOUT)?;
            data.set_capture(capture.clone());
            if let Some(port) = data.local_port() {
                capture.add_port(port);
            }
            let engine = Engine::new(
                id.to_string(),
                model,
                data,
                cluster.clone(),
                store,
                faults.clone(),
                EngineConfig {
                    metrics: Some(metrics),
                    replicas: args.replicas,
                    ..EngineConfig::default()
                },
            );
            let engine = Arc::new(engine);
            tokio::spawn(engine.sweep_replays());
            tokio::spawn(
                engine
                    .clone()
                    .maintain_assignment(std::time::Duration::from_secs(1)),
            );
            let _ = services.engine.set(engine);
        }
        _ => {}
    }
    // The link monitor: its own QUIC client (node certificate) for data-plane pings.
    let tls = client_tls(&args.common)?;
    let config = crate::dataplane::client_config(&tls.ca_pem, &tls.cert_pem, &tls.key_pem)?;
    let mut probe = DataClient::new(&config, crate::links::PROBE_TIMEOUT)?;
    probe.set_capture(capture.clone());
    if let Some(port) = probe.local_port() {
        capture.add_port(port);
    }
    let monitor = Arc::new(crate::links::Monitor::new(
        id.to_string(),
        cluster.clone(),
        faults,
        probe,
        services.metrics.clone(),
    ));
    if !args.probe_interval.is_zero() {
        tokio::spawn(monitor.clone().run(args.probe_interval));
    }
    let _ = services.monitor.set(monitor);
    Ok(services)
}

/// What `state dump`'s `build` section shows of the node's flags: no key material, only paths.
fn config_json(role: NodeRole, id: &str, args: &NodeArgs) -> serde_json::Value {
    let c = &args.common;
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "role": role.short_name(),
        "id": id,
        "cluster": c.cluster,
        "seeds": c.seed,
        "heartbeat_ms": c.heartbeat.as_millis() as u64,
        "data_dir": args.data_dir,
        "checkpoint_interval_ms": args.checkpoint_interval.as_millis() as u64,
        "model": {"layers": args.layers, "dim": args.dim, "seed": args.model_seed},
        "replicas": args.replicas,
        "allow_faults": args.allow_faults,
        "raft": {
            "bootstrap_size": args.raft.raft_bootstrap_size,
            "heartbeat_ms": args.raft.raft_heartbeat.as_millis() as u64,
            "election_timeout_ms": args.raft.raft_election_timeout.as_millis() as u64,
            "snapshot_every": args.raft.raft_snapshot_every,
            "volatile": args.raft.raft_volatile,
        },
        "tls": {"ca": c.ca, "cert": c.cert},
    })
}

/// The membership client for these flags, and the shutdown signal (SIGTERM, SIGINT, --watch-pid).
fn join_cluster(common: &CommonArgs) -> Result<(Arc<Cluster>, watch::Receiver<bool>), NodeError> {
    let client_tls = client_tls(common)?;
    let shutdown = shutdown_signal(common.watch_pid);
    let cluster = Cluster::new(
        common.cluster.clone(),
        common.seed.clone(),
        common.heartbeat,
        client_tls,
    );
    cluster.set_member_expiry(common.member_expiry);
    Ok((cluster, shutdown))
}

fn tls_paths(common: &CommonArgs) -> Result<TlsPaths, NodeError> {
    let files = common.tls_files().map_err(NodeError::Usage)?;
    Ok(TlsPaths {
        ca: files.ca,
        cert: files.cert,
        key: files.key,
    })
}

fn parse_role(s: &str) -> Result<NodeRole, NodeError> {
    NodeRole::parse_short(s).ok_or_else(|| NodeError::Usage(format!("unknown role {s:?}")))
}

/// Writes the ready file atomically (temporary file + rename).
fn write_ready_file(path: &Path, cluster: &Cluster) -> Result<(), NodeError> {
    let body = ReadyFile {
        nodes: local_members(cluster)
            .into_iter()
            .map(|m| ReadyNode {
                role: NodeRole::try_from(m.role)
                    .unwrap_or(NodeRole::Unspecified)
                    .short_name()
                    .to_string(),
                id: m.id,
                pid: std::process::id(),
                debug_addr: m.debug_addr,
                http_addr: m.http_addr,
            })
            .collect(),
    };
    let err = |source| NodeError::ReadyFile {
        path: path.to_path_buf(),
        source,
    };
    let json = serde_json::to_vec(&body).map_err(|e| err(std::io::Error::other(e)))?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp.{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, json).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(err)
}

/// Completes on SIGTERM, SIGINT, or when `--watch-pid` disappears.
fn shutdown_signal(watch_pid: Option<u32>) -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await
                }
            }
        };
        let int = async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await
            }
        };
        let watched = async {
            match watch_pid {
                None => std::future::pending::<()>().await,
                Some(pid) => {
                    let proc_path = PathBuf::from(format!("/proc/{pid}"));
                    while proc_path.exists() {
                        tokio::time::sleep(WATCH_PID_INTERVAL).await;
                    }
                    tracing::info!(pid, "watched process is gone");
                }
            }
        };
        tokio::select! {
            _ = term => tracing::info!("SIGTERM: shutting down"),
            _ = int => tracing::info!("SIGINT: shutting down"),
            _ = watched => tracing::info!("shutting down"),
        }
        let _ = tx.send(true);
    });
    rx
}

async fn stopped(mut rx: watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

/// Runs the node or swarm described by `cli` until a shutdown signal.
pub async fn run(cli: Cli, telemetry: butterfly_telemetry::Telemetry) -> Result<(), NodeError> {
    match cli.command {
        Some(Command::Swarm(args)) => run_swarm(args).await,
        Some(Command::Load(args)) => {
            let stats = Arc::new(crate::load::LoadStats::default());
            let stop = stopped(shutdown_signal(args.watch_pid));
            tracing::info!(targets = ?args.target, rps = args.rps, "load generator running");
            crate::load::run_load(args.target, args.rps, stats.clone(), stop).await;
            tracing::info!(
                sent = stats.sent.load(std::sync::atomic::Ordering::Relaxed),
                ok = stats.ok.load(std::sync::atomic::Ordering::Relaxed),
                failed = stats.failed.load(std::sync::atomic::Ordering::Relaxed),
                "load generator stopped"
            );
            Ok(())
        }
        None => {
            let role = cli
                .node
                .role
                .as_deref()
                .ok_or_else(|| NodeError::Usage("--role is required".into()))?;
            let id = cli
                .node
                .id
                .clone()
                .ok_or_else(|| NodeError::Usage("--id is required".into()))?;
            run_node(parse_role(role)?, id, &cli.node, telemetry).await
        }
    }
}

async fn run_node(
    role: NodeRole,
    id: String,
    args: &NodeArgs,
    telemetry: butterfly_telemetry::Telemetry,
) -> Result<(), NodeError> {
    // One registry for /metrics: the debug service's own counters and the metric catalog.
    let mut registry = prometheus_client::registry::Registry::default();
    let metrics = Arc::new(butterfly_telemetry::Metrics::register(&mut registry));
    let buffers = crate::node_metrics::BufferGauges::register(&mut registry);
    let debug_metrics = Metrics::with_registry(registry);
    let buffers = tokio::spawn(buffers.sample(telemetry.clone()));
    let common = &args.common;
    let (cluster, shutdown) = join_cluster(common)?;
    cluster.set_metrics(metrics.clone());
    let view = Arc::new(NodeView::new(cluster.clone(), id.clone(), role, false));
    let raft = match role {
        NodeRole::Coordinator => {
            let handle = RaftHandle::start(
                cluster.clone(),
                id.clone(),
                args.raft.options(args.data_dir.as_deref()),
            )
            .await?;
            view.set_raft(handle.clone());
            Some(handle)
        }
        _ => None,
    };
    let store: Arc<dyn StateStore> = match &raft {
        Some(r) => Arc::new(r.clone()),
        None => Arc::new(LocalState::default()),
    };
    // Resource gauges on every node; on coordinators, every known member's reputation and
    // fault series (src/node_metrics.rs).
    let resources = tokio::spawn(crate::node_metrics::sample_resources(
        metrics.clone(),
        args.data_dir.clone(),
    ));
    let members = (role == NodeRole::Coordinator).then(|| {
        tokio::spawn(crate::node_metrics::export_members(
            metrics.clone(),
            store.clone(),
            cluster.clone(),
        ))
    });
    let obs = (telemetry, metrics);
    // One capture facility: the debug service drives it, the data plane feeds its tap.
    let capture = butterfly_debug::Capture::new();
    let services = start_services(role, &id, args, &cluster, &capture, store, obs).await?;
    view.set_services(services.clone());
    let mut builder = Builder::from_arc(view.clone())
        .capture(capture)
        .metrics(debug_metrics)
        .debug_addr(common.debug_addr)
        .http_addr(common.http_addr)
        .http_limits(http_limits(common))
        .tls(tls_paths(common)?);
    if let Some(engine) = services.engine.get() {
        builder = builder.http_routes(engine.clone().router(common.infer_concurrency));
    }
    // The audit trail lives in the data dir by default (memory only without one).
    let audit_path = common
        .audit_log
        .clone()
        .or_else(|| args.data_dir.as_ref().map(|d| d.join(AUDIT_FILE_NAME)));
    if let Some(path) = &audit_path {
        builder = builder.audit_log(path);
    }
    // The debug service runs on its own runtime and thread: a busy node cannot starve it.
    let service = tokio::task::block_in_place(|| builder.spawn())?;
    view.bound(service.debug_addr(), service.http_addr());
    cluster.add_view(&view);
    if let Some(path) = &common.ready_file {
        write_ready_file(path, &cluster)?;
    }
    cluster.set_started();
    tracing::info!(
        node_id = %id,
        role = role.short_name(),
        debug_addr = %service.debug_addr(),
        http_addr = ?service.http_addr(),
        seeds = ?common.seed,
        "node listening"
    );
    let heartbeat = tokio::spawn(cluster.clone().heartbeat_loop());
    let raft_task = raft.clone().map(|r| tokio::spawn(r.run()));
    if let Some(r) = raft.clone() {
        // Logs carry the current consensus term; the catalog gets term, leader, elections,
        // proposals and commits (raft/metrics.rs).
        let node = services.telemetry.node.clone();
        tokio::spawn(r.export_metrics(services.metrics.clone(), move |term| {
            node.set_consensus_term(term)
        }));
    }
    stopped(shutdown).await;
    heartbeat.abort();
    resources.abort();
    buffers.abort();
    if let Some(task) = members {
        task.abort();
    }
    if let Some(task) = raft_task {
        task.abort();
    }
    if let Some(raft) = &raft {
        raft.shutdown().await;
    }
    tokio::task::block_in_place(|| service.shutdown())?;
    tracing::info!(node_id = %id, "node stopped");
    Ok(())
}

async fn run_swarm(args: SwarmArgs) -> Result<(), NodeError> {
    let common = args.common;
    match procinfo::raise_fd_limit() {
        Ok(limit) => tracing::info!(nofile = limit, "file descriptor limit"),
        Err(e) => tracing::warn!(error = %e, "cannot raise the file descriptor limit"),
    }
    let role = parse_role(&args.role)?;
    let (cluster, shutdown) = join_cluster(&common)?;
    let tls = butterfly_debug::load_server_config(&tls_paths(&common)?)?;
    let metrics = Metrics::new();
    let audit = match &common.audit_log {
        None => None,
        Some(path) => {
            let (log, writer) = butterfly_debug::AuditLog::with_file(
                path,
                butterfly_debug::DEFAULT_AUDIT_MEMORY,
                butterfly_debug::DEFAULT_AUDIT_CHANNEL,
                metrics.clone(),
            )?;
            tokio::spawn(writer.run());
            Some(log)
        }
    };
    let http_listener = tokio::net::TcpListener::bind(common.http_addr)
        .await
        .map_err(|source| NodeError::Bind {
            addr: common.http_addr,
            source,
        })?;
    let http_addr = http_listener
        .local_addr()
        .map_err(|source| NodeError::Bind {
            addr: common.http_addr,
            source,
        })?;
    let mut views = Vec::with_capacity(args.count);
    let mut servers = tokio::task::JoinSet::new();
    for i in 0..args.count {
        let id = format!("{}{i}", args.id_prefix);
        let view = Arc::new(NodeView::new(cluster.clone(), id, role, true));
        let mut addr = common.debug_addr;
        if addr.port() != 0 {
            let port = u16::try_from(usize::from(addr.port()) + i)
                .map_err(|_| NodeError::Usage(format!("--debug-addr port + {i} exceeds 65535")))?;
            addr.set_port(port);
        }
        let mut builder = Builder::from_arc(view.clone())
            .debug_addr(addr)
            .http_addr(None)
            .tls_config(tls.clone())
            .metrics(metrics.clone())
            .audit_memory(100);
        if let Some(log) = &audit {
            builder = builder.shared_audit(log.clone());
        }
        if *shutdown.borrow() {
            tracing::info!(started = i, "shutdown requested while starting");
            return Ok(());
        }
        let bound = builder.bind().await?;
        view.bound(bound.debug_addr(), Some(http_addr));
        cluster.add_view(&view);
        servers.spawn(bound.serve(stopped(shutdown.clone())));
        views.push(view);
    }
    let Some(first) = views.first().cloned() else {
        return Err(NodeError::Usage("--count must be at least 1".into()));
    };
    let router = butterfly_debug::http_router(first, metrics);
    let http_stop = stopped(shutdown.clone());
    let limits = http_limits(&common);
    servers.spawn(async move {
        butterfly_debug::serve_http(http_listener, router, limits, None, http_stop)
            .await
            .map_err(|e| butterfly_debug::Error::Serve {
                what: "http",
                reason: e.to_string(),
            })
    });
    if let Some(path) = &common.ready_file {
        write_ready_file(path, &cluster)?;
    }
    cluster.set_started();
    tracing::info!(count = args.count, role = role.short_name(), %http_addr, "swarm listening");
    let heartbeat = tokio::spawn(cluster.clone().heartbeat_loop());
    stopped(shutdown).await;
    heartbeat.abort();
    while let Some(result) = servers.join_next().await {
        if let Ok(Err(e)) = result {
            tracing::warn!(error = %e, "server stopped with an error");
        }
    }
    tracing::info!("swarm stopped");
    Ok(())
}
