//! `demo down` and `demo status`: stopping the process groups, and what is running.

use super::*;

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

pub(super) async fn down() -> Result<Down> {
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

pub(super) fn status() -> Result<StatusReport> {
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
