//! The `butterfly-node` command line.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The TLS files every node needs.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// CA certificate PEM path.
    pub ca: PathBuf,
    /// Node certificate PEM path.
    pub cert: PathBuf,
    /// Node key PEM path.
    pub key: PathBuf,
}

impl CommonArgs {
    /// `--ca`, `--cert` and `--key`, or a message naming the missing one.
    pub fn tls_files(&self) -> Result<TlsFiles, String> {
        let need = |v: &Option<PathBuf>, flag: &str| {
            v.clone().ok_or_else(|| {
                format!("the following required argument was not provided: {flag} <PEM>")
            })
        };
        Ok(TlsFiles {
            ca: need(&self.ca, "--ca")?,
            cert: need(&self.cert, "--cert")?,
            key: need(&self.key, "--key")?,
        })
    }
}

/// Default heartbeat (Join to every seed): 1 s.
pub const DEFAULT_HEARTBEAT: Duration = Duration::from_secs(1);
/// Default cluster name: `butterfly`.
pub const DEFAULT_CLUSTER: &str = "butterfly";
/// Default id prefix of swarm virtual nodes: `swarm-`.
pub const DEFAULT_ID_PREFIX: &str = "swarm-";

/// A Butterfly node serving the mTLS debug service and joining a static membership.
#[derive(Debug, Parser)]
#[command(
    name = "butterfly-node",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Swarm mode (many virtual nodes in one process).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of a single node.
    #[command(flatten)]
    pub node: NodeArgs,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once at start; boxing buys nothing
pub enum Command {
    /// Host N virtual nodes in one process, each with its own mTLS debug listener.
    Swarm(SwarmArgs),
    /// Send a steady load of inference requests to coordinators (the demo's `--load`).
    Load(LoadArgs),
}

/// Load generator.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Coordinators' HTTP addresses (HOST:PORT, comma-separated), used round robin.
    #[arg(long, value_delimiter = ',', required = true)]
    pub target: Vec<String>,
    /// Requests per second.
    #[arg(long, default_value_t = 5.0)]
    pub rps: f64,
    /// Exit when this process is gone.
    #[arg(long)]
    pub watch_pid: Option<u32>,
}

/// A single node.
#[derive(Debug, Args)]
pub struct NodeArgs {
    /// coordinator, compute or observer (required).
    #[arg(long, value_parser = ["coordinator", "compute", "observer"])]
    pub role: Option<String>,
    /// Node id, unique in the cluster (required).
    #[arg(long)]
    pub id: Option<String>,
    /// Data-plane (QUIC) address of a compute node; port 0 = ephemeral.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub data_addr: SocketAddr,
    /// Accept injected faults (`--fault` and the admin-only InjectFault RPC); off by default.
    #[arg(long)]
    pub allow_faults: bool,
    /// A fault active from the start (needs --allow-faults; repeatable): slow:<duration>,
    /// byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint.
    #[arg(long = "fault", value_name = "SPEC")]
    pub faults: Vec<String>,
    /// Model layers.
    #[arg(long, default_value_t = crate::layers::DEFAULT_LAYERS)]
    pub layers: u32,
    /// Model layer width.
    #[arg(long, default_value_t = crate::layers::DEFAULT_DIM)]
    pub dim: usize,
    /// Seed of the model weights.
    #[arg(long, default_value_t = crate::layers::DEFAULT_SEED)]
    pub model_seed: u64,
    /// Directory for this node's durable state: checkpoints (compute), the Raft log, vote and
    /// snapshots (coordinator, under `raft/`); none = checkpoints off, Raft in memory only.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Time between checkpoints, e.g. `30s`.
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    pub checkpoint_interval: Duration,
    /// Interval of the link monitor, which pings every peer (debug service, and the data plane
    /// of compute peers) and keeps `butterfly_connection_active` current; `0s` turns it off.
    #[arg(long, default_value = "1s", value_parser = humantime::parse_duration)]
    pub probe_interval: Duration,
    /// Replicas per layer (coordinators).
    #[arg(long, default_value_t = crate::inference::DEFAULT_REPLICAS)]
    pub replicas: usize,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Raft options (coordinators only).
    #[command(flatten)]
    pub raft: RaftArgs,
}

/// Raft options of a coordinator.
#[derive(Debug, Args, Clone)]
pub struct RaftArgs {
    /// Coordinators (this one included) that must be known before the lowest-id one
    /// initializes the Raft group; later coordinators join it as voters.
    #[arg(long, default_value_t = crate::raft::DEFAULT_BOOTSTRAP_SIZE, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub raft_bootstrap_size: usize,
    /// Raft leader heartbeat interval, e.g. `150ms`.
    #[arg(long, default_value = "150ms", value_parser = humantime::parse_duration)]
    pub raft_heartbeat: Duration,
    /// Minimum Raft election timeout (the maximum is twice this), e.g. `500ms`; must exceed the
    /// heartbeat. A dead leader is replaced after about 3–4 times this.
    #[arg(long, default_value = "500ms", value_parser = humantime::parse_duration)]
    pub raft_election_timeout: Duration,
    /// Snapshot the replicated state (and purge the durable log up to it) after this many
    /// applied entries.
    #[arg(long, default_value_t = crate::raft::DEFAULT_SNAPSHOT_EVERY, value_parser = clap::value_parser!(u64).range(1..))]
    pub raft_snapshot_every: u64,
    /// Keep the Raft log, vote and snapshots in memory even with --data-dir (for comparison
    /// benchmarks only: a restarted coordinator then rejoins empty, which Raft does not allow).
    #[arg(long)]
    pub raft_volatile: bool,
}

impl RaftArgs {
    /// The engine options for these flags; the log lives in `<data_dir>/raft` when given.
    pub fn options(&self, data_dir: Option<&std::path::Path>) -> crate::raft::RaftOptions {
        crate::raft::RaftOptions {
            bootstrap_size: self.raft_bootstrap_size,
            heartbeat: self.raft_heartbeat,
            election_timeout: self.raft_election_timeout,
            data_dir: data_dir
                .filter(|_| !self.raft_volatile)
                .map(|d| d.join("raft")),
            snapshot_every: self.raft_snapshot_every,
        }
    }
}

/// Swarm mode.
#[derive(Debug, Args)]
pub struct SwarmArgs {
    /// Number of virtual nodes.
    #[arg(long)]
    pub count: usize,
    /// Virtual node ids are PREFIX0, PREFIX1, ...
    #[arg(long, default_value = DEFAULT_ID_PREFIX)]
    pub id_prefix: String,
    /// Role of every virtual node.
    #[arg(long, default_value = "compute", value_parser = ["coordinator", "compute", "observer"])]
    pub role: String,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by a node and a swarm.
#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// Seeds to join, HOST:PORT of their debug service, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub seed: Vec<String>,
    /// Cluster name.
    #[arg(long, default_value = DEFAULT_CLUSTER)]
    pub cluster: String,
    /// mTLS debug-service address; port 0 = ephemeral (in a swarm, a non-zero port is the first
    /// of consecutive ports).
    #[arg(long, default_value_t = butterfly_debug::DEFAULT_DEBUG_ADDR)]
    pub debug_addr: SocketAddr,
    /// Plain-HTTP address for /health/* and /metrics; port 0 = ephemeral.
    #[arg(long, default_value_t = butterfly_debug::DEFAULT_HTTP_ADDR)]
    pub http_addr: SocketAddr,
    /// CA certificate (PEM) that peers' certificates must chain to (required).
    #[arg(long, value_name = "PEM")]
    pub ca: Option<PathBuf>,
    /// This node's certificate (PEM, OU `node`), also the client certificate towards seeds
    /// (required).
    #[arg(long, value_name = "PEM")]
    pub cert: Option<PathBuf>,
    /// This node's private key (PEM, required).
    #[arg(long, value_name = "PEM")]
    pub key: Option<PathBuf>,
    /// The debug-RPC audit file: hash-chained JSON lines, fsynced, mode 0600, rotated at 16 MiB
    /// keeping 4 parts (default: `<data-dir>/audit.jsonl` on a node with a data dir, else memory
    /// only).
    #[arg(long)]
    pub audit_log: Option<PathBuf>,
    /// Once listening, write {"nodes":[{id,role,pid,debug_addr,http_addr}]} here (atomically).
    #[arg(long)]
    pub ready_file: Option<PathBuf>,
    /// Exit when the process with this pid no longer exists (polled every 500 ms).
    #[arg(long)]
    pub watch_pid: Option<u32>,
    /// Interval between Join calls to every seed, e.g. `1s`, `250ms`.
    #[arg(long, default_value = "1s", value_parser = humantime::parse_duration)]
    pub heartbeat: Duration,
    /// File holding the secret pepper for user-id hashing in logs and spans (its bytes, trailing
    /// whitespace removed; at least 16). Use the same on every node so ids correlate. Default:
    /// none, which hashes user ids without a pepper (a warning is logged; set one in production).
    #[arg(long, env = "BUTTERFLY_USER_ID_PEPPER_FILE", value_name = "FILE")]
    pub user_id_pepper_file: Option<PathBuf>,
    /// Time an HTTP client has to send a request's complete header, e.g. `10s`.
    #[arg(long, env = "BUTTERFLY_HTTP_HEADER_TIMEOUT", default_value = "10s", value_parser = humantime::parse_duration)]
    pub http_header_timeout: Duration,
    /// Close an HTTP connection after this long without traffic, e.g. `60s`.
    #[arg(long, env = "BUTTERFLY_HTTP_IDLE_TIMEOUT", default_value = "60s", value_parser = humantime::parse_duration)]
    pub http_idle_timeout: Duration,
    /// Most `POST /v1/infer` requests running at once on a coordinator (503 + Retry-After past
    /// it).
    #[arg(long, env = "BUTTERFLY_INFER_CONCURRENCY", default_value_t = 64)]
    pub infer_concurrency: usize,
    /// Production mode: refuse to start without a user-id pepper (`--user-id-pepper-file`).
    #[arg(long, env = "BUTTERFLY_PRODUCTION")]
    pub production: bool,
    /// Forget a member not heard from for this long (directly or relayed), e.g. `60s`.
    #[arg(long, env = "BUTTERFLY_MEMBER_EXPIRY", default_value = "60s", value_parser = humantime::parse_duration)]
    pub member_expiry: Duration,
    /// Most bytes the in-memory span buffer holds (oldest spans evicted past it): 16 MiB.
    #[arg(long, env = "BUTTERFLY_SPAN_BUFFER_BYTES", default_value_t = butterfly_telemetry::DEFAULT_SPAN_BUFFER_BYTES)]
    pub span_buffer_bytes: usize,
    /// Most bytes the in-memory log buffer holds (oldest entries evicted past it): 16 MiB.
    #[arg(long, env = "BUTTERFLY_LOG_BUFFER_BYTES", default_value_t = butterfly_telemetry::DEFAULT_LOG_BUFFER_BYTES)]
    pub log_buffer_bytes: usize,
}

/// Minimum pepper length, bytes: 16.
pub const MIN_PEPPER_BYTES: usize = 16;

/// Reads the pepper from `path` (see [`CommonArgs::user_id_pepper_file`]).
pub fn read_pepper(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    if end < MIN_PEPPER_BYTES {
        return Err(format!(
            "{}: a user-id pepper needs at least {MIN_PEPPER_BYTES} bytes",
            path.display()
        ));
    }
    Ok(bytes[..end].to_vec())
}
