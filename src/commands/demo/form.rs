//! The demo's readiness and its Prometheus configuration.
//!
//! `demo up` returns only once the cluster is formed ([`wait_formed`]): every coordinator is a
//! Raft voter (leader or follower) that knows the one leader, and every coordinator's membership
//! lists every node started, each with a heartbeat summary (coordinators' summaries showing a
//! voter that knows the leader: `cluster status` reads them). A script that kills the leader right after `demo up --detach` thus
//! finds the other coordinators voting, and a new leader is elected.
//!
//! The demo's Prometheus loads the same rules as a deployment (`deploy/prometheus/rules/`,
//! embedded in this binary) and keeps the labels nodes put on their own series
//! (`honor_labels: true`: Byzantine faults and reputation name the accused node in `node_id`).

use crate::client::{Pool, TlsMaterial};
use crate::commands::certs;
use crate::commands::demo::DemoNode;
use crate::error::{Error, Result};
use butterfly_proto::debug::{ClusterSummaryRequest, GetStatusRequest};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long `demo up` waits for the cluster to form once every node is listening: 30 s.
pub const FORM_TIMEOUT: Duration = Duration::from_secs(30);
/// Upper bound of one status or membership call while waiting: 2 s.
const CALL_TIMEOUT: Duration = Duration::from_secs(2);
/// Scrape and rule evaluation interval of the demo's Prometheus: 5 s.
pub const DEMO_SCRAPE_INTERVAL: &str = "5s";

/// The rule files every Butterfly Prometheus loads: (file name, contents).
pub const RULE_FILES: [(&str, &str); 2] = [
    (
        "recording.rules.yml",
        include_str!("../../../deploy/prometheus/rules/recording.rules.yml"),
    ),
    (
        "alerts.rules.yml",
        include_str!("../../../deploy/prometheus/rules/alerts.rules.yml"),
    ),
];

/// Waits until the cluster of `nodes` is formed (see the module doc), up to [`FORM_TIMEOUT`];
/// asks with the demo operator's certificate in `dir/certs`. The error says what is missing.
pub async fn wait_formed(dir: &Path, nodes: &[DemoNode], operator: &str) -> Result<()> {
    let certs_dir = dir.join("certs");
    let tls = TlsMaterial::from_files(
        &certs_dir.join(certs::CA_CERT),
        &certs_dir.join(format!("{operator}.pem")),
        &certs_dir.join(format!("{operator}-key.pem")),
    )?;
    let pool = Pool::new(tls, CALL_TIMEOUT);
    let coordinators: Vec<&DemoNode> = nodes.iter().filter(|n| n.role == "coordinator").collect();
    let everyone: BTreeSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let started = Instant::now();
    loop {
        let missing = match not_formed(&pool, &coordinators, &everyone).await {
            None => return Ok(()),
            Some(why) => why,
        };
        if started.elapsed() > FORM_TIMEOUT {
            return Err(Error::Other(format!(
                "the demo cluster did not form within {}s: {missing}; the node logs are in {}",
                FORM_TIMEOUT.as_secs(),
                dir.join("logs").display()
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `None` when formed, else what is still missing.
async fn not_formed(
    pool: &Pool,
    coordinators: &[&DemoNode],
    everyone: &BTreeSet<&str>,
) -> Option<String> {
    let mut leaders = BTreeSet::new();
    for c in coordinators {
        let mut client = match pool.client(&c.debug_addr).await {
            Ok(client) => client,
            Err(e) => return Some(format!("{} does not answer ({e})", c.id)),
        };
        let status = tokio::time::timeout(CALL_TIMEOUT, client.get_status(GetStatusRequest {}));
        let status = match status.await {
            Ok(Ok(s)) => s.into_inner(),
            Ok(Err(e)) => return Some(format!("{}: {}", c.id, e.message())),
            Err(_) => return Some(format!("{} does not answer", c.id)),
        };
        let Some(consensus) = status.consensus else {
            return Some(format!("{} reports no consensus state", c.id));
        };
        if consensus.state != "leader" && consensus.state != "follower" {
            return Some(format!(
                "{} is {}, not yet a voter",
                c.id,
                if consensus.state.is_empty() {
                    "starting"
                } else {
                    consensus.state.as_str()
                }
            ));
        }
        if consensus.leader_id.is_empty() {
            return Some(format!("{} knows no leader", c.id));
        }
        leaders.insert(consensus.leader_id);
        let mut client =
            client.max_decoding_message_size(crate::commands::cluster_summary::MAX_SUMMARY_MESSAGE);
        let members = tokio::time::timeout(
            CALL_TIMEOUT,
            client.cluster_summary(ClusterSummaryRequest {}),
        );
        let members = match members.await {
            Ok(Ok(m)) => m.into_inner().members,
            Ok(Err(e)) => return Some(format!("{}: {}", c.id, e.message())),
            Err(_) => return Some(format!("{} does not answer", c.id)),
        };
        let known: BTreeSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
        let absent: Vec<&&str> = everyone.difference(&known).collect();
        if let Some(first) = absent.first() {
            return Some(format!(
                "{} does not know {first} yet ({} nodes missing)",
                c.id,
                absent.len()
            ));
        }
        // `cluster status` reads these heartbeat summaries: formed means they tell the truth
        // too (every member summarized, every coordinator's summary a voter knowing the leader).
        for m in &members {
            let Some(s) = &m.summary else {
                return Some(format!("{} has no heartbeat summary of {} yet", c.id, m.id));
            };
            let is_coordinator = m.role == butterfly_proto::debug::NodeRole::Coordinator as i32;
            let voter = s.consensus.as_ref().is_some_and(|c| {
                (c.state == "leader" || c.state == "follower") && !c.leader_id.is_empty()
            });
            if is_coordinator && !voter {
                return Some(format!(
                    "{}'s heartbeat summary of {} does not show a voter knowing the leader yet",
                    c.id, m.id
                ));
            }
        }
    }
    if leaders.len() > 1 {
        return Some(format!(
            "the coordinators name different leaders: {leaders:?}"
        ));
    }
    None
}

/// Writes the rule files into `dir` and answers their paths.
pub fn write_rules(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for (name, text) in RULE_FILES {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        paths.push(path);
    }
    Ok(paths)
}

/// The demo Prometheus's configuration: one `butterfly` job over every node's HTTP address,
/// labelled `node_id` (a swarm's virtual nodes share one address: `swarm`) and `role`, with
/// `honor_labels: true`, loading `rules`.
pub fn prometheus_config(nodes: &[DemoNode], rules: &[PathBuf]) -> String {
    let mut out = format!(
        "global:\n  scrape_interval: {DEMO_SCRAPE_INTERVAL}\n  evaluation_interval: {DEMO_SCRAPE_INTERVAL}\nrule_files:\n"
    );
    for r in rules {
        out.push_str(&format!("  - '{}'\n", r.display()));
    }
    out.push_str(
        "scrape_configs:\n  - job_name: butterfly\n    honor_labels: true\n    static_configs:\n",
    );
    let mut seen = BTreeSet::new();
    for n in nodes.iter().filter(|n| !n.http_addr.is_empty()) {
        if seen.insert(n.http_addr.clone()) {
            let id = if n.id.starts_with("swarm-") {
                "swarm"
            } else {
                n.id.as_str()
            };
            out.push_str(&format!(
                "      - targets: ['{}']\n        labels: {{node_id: '{}', role: '{}'}}\n",
                n.http_addr, id, n.role
            ));
        }
    }
    out
}
