//! `verify checkpoint <seq>|--latest` (compute nodes re-hash their checkpoint objects against
//! their manifest, and the manifest is compared with the one committed through Raft) and
//! `verify node <node>` (a coordinator probes the node layer by layer against honest replicas).

use crate::commands::state::fetch;
use crate::error::{Error, Result, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL};
use crate::fanout::Target;
use crate::output::ToJson as _;
use crate::output::{Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{NodeRole, VerifyCheckpointRequest};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `verify ...`
#[derive(Debug, Subcommand)]
pub enum VerifyCommand {
    /// Compute nodes re-hash their checkpoint objects (in parallel) against their manifest,
    /// and the manifest is checked against the one committed through Raft.
    Checkpoint {
        /// Checkpoint (manifest seq) to verify.
        #[arg(required_unless_present = "latest")]
        checkpoint_id: Option<u64>,
        /// Each node's latest checkpoint.
        #[arg(long, conflicts_with = "checkpoint_id")]
        latest: bool,
        /// Only this node.
        #[arg(long)]
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: Option<String>,
        /// Re-hash this percentage of the objects, e.g. `25` or `25%` [default: 100].
        #[arg(long, value_parser = parse_percent)]
        sample: Option<f64>,
        /// Objects hashed at once per node (the node caps it at 16) [default: 4].
        #[arg(long)]
        parallel: Option<u32>,
    },
    /// Probe a node layer by layer against honest replicas and report the first divergent
    /// layer with evidence (admin role).
    Node {
        /// The suspect compute node.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
        /// Probe input text [default: a fixed probe].
        #[arg(long)]
        probe: Option<String>,
        /// Keep probing after the first divergent layer.
        #[arg(long)]
        all_layers: bool,
        /// Write the evidence record (JSON) here.
        #[arg(short = 'w', long = "write", value_name = "FILE")]
        write: Option<PathBuf>,
    },
    /// Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role)
    /// that the same probe again gives the same expected hashes and divergence.
    Evidence {
        /// The record written by `verify node -w`.
        file: PathBuf,
        /// Run the recorded probe again through the same node and compare.
        #[arg(long)]
        rerun: bool,
    },
}

impl VerifyCommand {
    /// The nodes a command targets.
    pub fn targets(&self) -> Vec<String> {
        match self {
            VerifyCommand::Checkpoint { node, .. } => node.iter().cloned().collect(),
            VerifyCommand::Node { node, .. } => vec![node.clone()],
            VerifyCommand::Evidence { .. } => Vec::new(),
        }
    }
}

fn parse_percent(s: &str) -> std::result::Result<f64, String> {
    let v: f64 = s
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("'{s}' is not a percentage"))?;
    if v > 0.0 && v <= 100.0 {
        Ok(v)
    } else {
        Err(format!("{v}% is not in (0, 100]"))
    }
}

/// Runs a `verify` command.
pub async fn exec(cmd: VerifyCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        VerifyCommand::Checkpoint {
            checkpoint_id,
            latest: _,
            node,
            sample,
            parallel,
        } => Ok(Box::new(
            checkpoint(ctx, checkpoint_id.unwrap_or(0), node, sample, parallel).await?,
        )),
        VerifyCommand::Node {
            node,
            probe,
            all_layers,
            write,
        } => {
            let report = verify_node(ctx, &node, probe.unwrap_or_default(), all_layers).await?;
            if let Some(path) = write {
                let text = serde_json::to_string_pretty(&report.to_json())
                    .map_err(|e| Error::Other(e.to_string()))?;
                std::fs::write(&path, text + "\n").map_err(|e| Error::io(&path, e))?;
            }
            Ok(Box::new(report))
        }
        VerifyCommand::Evidence { file, rerun } => Ok(Box::new(
            crate::commands::verifynode::check_evidence(ctx, &file, rerun).await?,
        )),
    }
}

/// One object that did not verify.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct BadObject {
    /// Layer.
    pub layer: u32,
    /// Hash the manifest names.
    pub expected: String,
    /// Hash of the content now (empty when unreadable).
    pub actual: String,
    /// Why unreadable.
    pub error: String,
}

/// One compute node's answer.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NodeCheck {
    /// Node.
    pub node_id: String,
    /// Manifest seq verified (0 = none).
    pub seq: u64,
    /// `ok`, `corrupt`, `skipped` or `unreachable`.
    pub result: String,
    /// Objects re-hashed / in the manifest.
    pub objects_checked: usize,
    /// Objects in the manifest.
    pub objects_total: u32,
    /// Objects that do not match.
    pub bad_objects: Vec<BadObject>,
    /// Whether the root matches the layer hashes.
    pub root_ok: bool,
    /// Against the Raft-committed manifest: `matches`, `differs`, `not committed (...)`, ...
    pub committed: String,
    /// Bytes hashed.
    pub bytes_hashed: u64,
    /// Hashing rate, MB/s (10^6 bytes).
    pub mb_per_s: f64,
    /// Why skipped or unreachable.
    pub detail: String,
}

/// `verify checkpoint -o json`: `{"nodes":[...],"failed":[...],"errors":[...]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CheckpointReport {
    /// Every compute node asked.
    pub nodes: Vec<NodeCheck>,
    /// Nodes whose checkpoint does not verify.
    pub failed: Vec<String>,
    /// Nodes that did not answer.
    pub errors: Vec<String>,
}

async fn committed_manifests(ctx: &Ctx<'_>, coords: &[Target]) -> Option<BTreeMap<String, Value>> {
    for c in coords {
        if let Ok(d) = fetch(ctx, c, Some("checkpoints"), None).await {
            let v = d.sections.into_iter().next()?.value;
            return serde_json::from_value(v).ok();
        }
    }
    None
}

async fn checkpoint(
    ctx: &Ctx<'_>,
    seq: u64,
    node: Option<String>,
    sample: Option<f64>,
    parallel: Option<u32>,
) -> Result<CheckpointReport> {
    let d = ctx.discover().await?;
    let targets: Vec<Target> = match &node {
        Some(n) => vec![ctx.resolve_node(n).await?],
        None => d
            .members
            .iter()
            .filter(|m| m.role == NodeRole::Compute as i32 && !m.id.starts_with("swarm-"))
            .map(|m| Target {
                id: m.id.clone(),
                addr: m.debug_addr.clone(),
            })
            .collect(),
    };
    if targets.is_empty() {
        return Err(Error::NotFound("no compute node in the membership".into()));
    }
    let committed = committed_manifests(ctx, &d.coordinators().unwrap_or_default()).await;
    let req = VerifyCheckpointRequest {
        seq,
        sample_percent: sample.unwrap_or(0.0),
        parallelism: parallel.unwrap_or(0),
    };
    let pool = ctx.pool()?;
    let results = ctx
        .fanout()?
        .run(&pool, &targets, |mut c| async move {
            c.verify_checkpoint(req).await.map(|r| r.into_inner())
        })
        .await;
    let mut report = CheckpointReport {
        nodes: Vec::new(),
        failed: Vec::new(),
        errors: Vec::new(),
    };
    for (t, r) in targets.iter().zip(results) {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                report.errors.push(e.to_string());
                report.nodes.push(NodeCheck {
                    node_id: t.label().to_string(),
                    seq: 0,
                    result: "unreachable".into(),
                    objects_checked: 0,
                    objects_total: 0,
                    bad_objects: Vec::new(),
                    root_ok: false,
                    committed: String::new(),
                    bytes_hashed: 0,
                    mb_per_s: 0.0,
                    detail: e.to_string(),
                });
                continue;
            }
        };
        let m = r.manifest.clone().unwrap_or_default();
        let bad: Vec<BadObject> = r
            .objects
            .iter()
            .filter(|o| o.actual != o.expected)
            .map(|o| BadObject {
                layer: o.layer,
                expected: o.expected.clone(),
                actual: o.actual.clone(),
                error: o.error.clone(),
            })
            .collect();
        let committed_check = match committed.as_ref().map(|c| c.get(&r.node_id)) {
            None => "unknown (no coordinator answered)".to_string(),
            Some(None) => "none committed".to_string(),
            Some(Some(c)) => {
                let cseq = c.get("seq").and_then(Value::as_u64).unwrap_or(0);
                let croot = c.get("root").and_then(Value::as_str).unwrap_or("");
                let clayers: BTreeMap<String, String> = c
                    .get("layers")
                    .and_then(|l| serde_json::from_value(l.clone()).ok())
                    .unwrap_or_default();
                let layers: BTreeMap<String, String> = m
                    .layers
                    .iter()
                    .map(|l| (l.layer.to_string(), l.hash.clone()))
                    .collect();
                if cseq == m.seq && croot == m.root && clayers == layers {
                    "matches".to_string()
                } else if cseq == m.seq {
                    "differs from the committed manifest".to_string()
                } else {
                    format!(
                        "seq {} not committed (committed: seq {cseq}, root {})",
                        m.seq,
                        &croot[..croot.len().min(12)]
                    )
                }
            }
        };
        let corrupt = r.has_checkpoint
            && (!bad.is_empty() || !r.root_ok || committed_check.starts_with("differs"));
        let result = if !r.has_checkpoint {
            "skipped"
        } else if corrupt {
            "corrupt"
        } else {
            "ok"
        };
        if corrupt {
            report.failed.push(r.node_id.clone());
        }
        report.nodes.push(NodeCheck {
            node_id: r.node_id,
            seq: m.seq,
            result: result.into(),
            objects_checked: r.objects.len(),
            objects_total: r.objects_total,
            bad_objects: bad,
            root_ok: r.root_ok,
            committed: committed_check,
            bytes_hashed: r.bytes_hashed,
            mb_per_s: if r.elapsed_ms > 0.0 {
                r.bytes_hashed as f64 / 1e6 / (r.elapsed_ms / 1000.0)
            } else {
                0.0
            },
            detail: r.error,
        });
    }
    Ok(report)
}

impl Report for CheckpointReport {
    fn exit_code(&self) -> i32 {
        if !self.failed.is_empty() {
            EXIT_ERROR
        } else if !self.errors.is_empty() {
            EXIT_PARTIAL
        } else {
            EXIT_OK
        }
    }
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&[
            "NODE",
            "SEQ",
            "RESULT",
            "OBJECTS",
            "ROOT",
            "COMMITTED",
            "MB/s",
        ]);
        for n in &self.nodes {
            t.add_row(vec![
                n.node_id.clone(),
                n.seq.to_string(),
                match n.result.as_str() {
                    "ok" => style.good("ok"),
                    "corrupt" => style.bad("CORRUPT"),
                    other => style.warn(other),
                },
                format!(
                    "{}/{}",
                    n.objects_checked - n.bad_objects.len(),
                    n.objects_checked
                ),
                if n.root_ok {
                    "ok".into()
                } else {
                    style.bad("bad")
                },
                n.committed.clone(),
                format!("{:.0}", n.mb_per_s),
            ]);
        }
        let mut out = t.to_string();
        for n in &self.nodes {
            for b in &n.bad_objects {
                out.push_str(&format!(
                    "\n{} layer {} object: expected {} actual {}{}",
                    style.bad(&n.node_id),
                    b.layer,
                    b.expected,
                    if b.actual.is_empty() { "-" } else { &b.actual },
                    if b.error.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", b.error)
                    }
                ));
            }
            if !n.detail.is_empty() && n.result != "unreachable" {
                out.push_str(&format!("\n{}: {}", n.node_id, style.dim(&n.detail)));
            }
        }
        for e in &self.errors {
            out.push_str(&format!("\n{} {e}", style.warn("warning:")));
        }
        out.push_str(&if self.failed.is_empty() {
            format!("\n{}", style.good("every checkpoint verified"))
        } else {
            format!(
                "\n{} {}",
                style.bad("does not verify:"),
                self.failed.join(", ")
            )
        });
        out
    }
}

pub use crate::commands::verifynode::{verify_node, VerifyNodeReport};
