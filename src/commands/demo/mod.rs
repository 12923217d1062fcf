//! `demo [up|down|status]`: a local Butterfly cluster of real `butterfly-node` processes on
//! loopback, with a fresh CA and certificates, a `demo` profile, and (when the `prometheus`
//! binary is installed) a Prometheus scraping every node.
//!
//! Everything lives in `<state dir>/demo/`: `certs/`, `logs/`, `ready/`, `prometheus/` and
//! `state.json`. Children run in their own process groups (so Ctrl-C in the console does not
//! reach them) and watch the console's pid when attached, so no orphan outlives it.
//!
//! `up.rs` starts the cluster, `down.rs` stops it and reports its state, `restart.rs` restarts one
//! node, `form.rs` waits for it to form.

mod down;
pub mod form;
pub mod restart;
mod up;

pub(crate) use down::{signal_group, stop_groups, Signal};
pub use down::{teardown_attached, DemoUp, Down, StatusNode, StatusReport};
pub use up::{free_port, PEPPER_FILE};
pub(crate) use up::{wait_ready, Spawned};

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
    /// Extra virtual compute nodes served by one swarm process (at most 10,000).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=10000))]
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
            up::up(&args.shape, ctx, Mode::Attached).await?,
        ))),
        Some(DemoAction::Up {
            detach: true,
            shape,
        }) => Ok(Box::new(DemoUp::from(
            up::up(&shape, ctx, Mode::Detached).await?,
        ))),
        Some(DemoAction::Up {
            detach: false,
            shape,
        }) => {
            let state = DemoUp::from(up::up(&shape, ctx, Mode::Attached).await?);
            eprintln!("{}", state.render(&ctx.style));
            eprintln!("demo running; Ctrl-C stops it");
            // Waits for Ctrl-C: `exec::run` cancels this future, and main tears the cluster down.
            std::future::pending::<()>().await;
            Ok(Box::new(state))
        }
        Some(DemoAction::Down) => Ok(Box::new(down::down().await?)),
        Some(DemoAction::Status) => Ok(Box::new(down::status()?)),
        Some(DemoAction::Restart { node, kill }) => Ok(Box::new(
            crate::commands::demo::restart::restart(&node, kill).await?,
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
