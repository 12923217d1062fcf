//! `demo restart <node> [--kill]`: stops one demo node (SIGTERM then SIGKILL after 5 s, or
//! SIGKILL at once) and starts it again with the same command line, the same debug and HTTP
//! addresses (so seeds and the profile stay valid) and its data directory kept; returns once it
//! wrote its ready file. Its log is appended to.

use crate::commands::demo::{self, DemoNode, Signal, Spawned};
use crate::error::{Error, Result};
use crate::output::{Report, Style};
use serde::Serialize;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `demo restart -o json`: `{"node","old_pid","new_pid","was_alive","killed","debug_addr"}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Restarted {
    /// Node id.
    pub node: String,
    /// Process before.
    pub old_pid: u32,
    /// Process now.
    pub new_pid: u32,
    /// Whether the old process was still running.
    pub was_alive: bool,
    /// Whether it was killed with SIGKILL.
    pub killed: bool,
    /// Debug address (unchanged).
    pub debug_addr: String,
}

impl Report for Restarted {
    fn render(&self, style: &Style) -> String {
        format!(
            "{} restarted: pid {} -> {} ({}), listening on {}",
            style.bold(&self.node),
            self.old_pid,
            self.new_pid,
            match (self.was_alive, self.killed) {
                (false, _) => "it was not running",
                (true, true) => "killed",
                (true, false) => "stopped",
            },
            self.debug_addr
        )
    }
}

/// Replaces the value after `flag` in `argv`.
fn set_flag(argv: &mut [String], flag: &str, value: &str) {
    if let Some(i) = argv.iter().position(|a| a == flag) {
        if let Some(v) = argv.get_mut(i + 1) {
            *v = value.to_string();
        }
    }
}

fn flag_value(argv: &[String], flag: &str) -> Option<String> {
    let i = argv.iter().position(|a| a == flag)?;
    argv.get(i + 1).cloned()
}

/// Restarts demo node `id`.
pub async fn restart(id: &str, kill: bool) -> Result<Restarted> {
    let Some(mut state) = demo::load_state()? else {
        return Err(Error::NotFound("no demo is running (no state file)".into()));
    };
    let Some(node) = state.nodes.iter().find(|n| n.id == id).cloned() else {
        return Err(Error::NotFound(format!(
            "no demo node '{id}' (see `demo status`)"
        )));
    };
    let Some(mut argv) = state.launches.get(id).cloned() else {
        return Err(Error::NotFound(format!(
            "the demo state has no command line for '{id}' (swarm nodes cannot be restarted one by one)"
        )));
    };
    let was_alive = demo::alive(node.pid);
    if was_alive {
        if kill {
            demo::signal_group(node.pid, Signal::Kill);
            let deadline = Instant::now() + Duration::from_secs(5);
            while demo::alive(node.pid) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        } else {
            demo::stop_groups(&[node.pid]).await;
        }
    }
    set_flag(&mut argv, "--debug-addr", &node.debug_addr);
    if !node.http_addr.is_empty() {
        set_flag(&mut argv, "--http-addr", &node.http_addr);
    }
    let ready = flag_value(&argv, "--ready-file")
        .map(PathBuf::from)
        .ok_or_else(|| Error::Other(format!("{id}: no --ready-file in its command line")))?;
    let _ = std::fs::remove_file(&ready);
    let log = demo::demo_dir()?.join("logs").join(format!("{id}.log"));
    let log_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .map_err(|e| Error::io(&log, e))?;
    let log_err = log_file.try_clone().map_err(|e| Error::io(&log, e))?;
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| Error::Other(format!("{id}: empty command line")))?;
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .process_group(0)
        .spawn()
        .map_err(|e| Error::Other(format!("cannot start {program}: {e}")))?;
    let spawned = Spawned {
        child,
        ready,
        log,
        argv: argv.clone(),
    };
    let mut children = Vec::new();
    let mut groups = Vec::new();
    let nodes: Vec<DemoNode> = demo::wait_ready(spawned, &mut children, &mut groups).await?;
    let new_pid = groups.first().copied().unwrap_or(0);
    for n in &nodes {
        if let Some(slot) = state.nodes.iter_mut().find(|x| x.id == n.id) {
            *slot = n.clone();
        }
    }
    state.process_groups.retain(|p| *p != node.pid);
    state.process_groups.push(new_pid);
    let path = demo::state_path()?;
    let text = serde_json::to_string_pretty(&state).map_err(|e| Error::Other(e.to_string()))?;
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    if state.attached {
        if let Ok(mut a) = demo::ATTACHED.lock() {
            a.extend(children);
        }
    }
    Ok(Restarted {
        node: id.to_string(),
        old_pid: node.pid,
        new_pid,
        was_alive,
        killed: was_alive && kill,
        debug_addr: nodes
            .first()
            .map(|n| n.debug_addr.clone())
            .unwrap_or(node.debug_addr),
    })
}
