//! `audit verify --against-nodes`: the console audit file checked against the copies of its
//! records the nodes keep.
//!
//! Threat model (docs/trust.md): the operator's machine may be compromised or the operator may
//! rewrite their own file — truncate its tail, or edit a record and re-hash everything after
//! it so the chain verifies again. Every call a command makes carries its intent record's
//! anchor `CHAIN/SEQ/HASH`, and once its result record is written, the console anchors that on
//! up to 4 of the nodes the command reached (`AnchorConsoleRecord`); each node keeps them in its
//! own hash-chained, 0600 audit file, out of the operator's reach. A rewrite changes hashes the
//! nodes hold; a truncated tail (even of the final result alone) drops seqs the nodes hold.
//! Commands that reach no node (e.g. `audit show`) leave no anchor.

use crate::audit::{AuditLog, Verification};
use crate::error::{Error, Result};
use crate::output::Style;
use crate::session::Ctx;
use butterfly_proto::debug::ReadAuditLogRequest;
use serde::Serialize;
use std::collections::BTreeSet;

/// What the nodes' copies say about the console audit file.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NodeCheck {
    /// The file's chain id (its first record's hash).
    pub chain: String,
    /// Nodes asked.
    pub nodes_asked: usize,
    /// Nodes that could not answer, with why.
    pub nodes_failed: Vec<(String, String)>,
    /// Records of the file whose hash at least one node holds, and it matches.
    pub confirmed: usize,
    /// The newest seq any node holds.
    pub newest_on_nodes: Option<u64>,
    /// Records the nodes hold that the file lacks or holds differently.
    pub mismatches: Vec<Mismatch>,
}

/// One record a node holds that the file does not (or not as the node saw it).
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Mismatch {
    /// Node holding it.
    pub node: String,
    /// Console record seq.
    pub seq: u64,
    /// Hash the node was given when the command ran.
    pub node_hash: String,
    /// Hash of that seq in the file now (null when the file lacks it).
    pub file_hash: Option<String>,
    /// What it means.
    pub reason: String,
}

/// Asks every member for the console records of `log`'s chain and compares.
pub async fn cross_check(ctx: &Ctx<'_>, log: &AuditLog, v: &Verification) -> Result<NodeCheck> {
    let chain = log.chain_id().ok_or_else(|| {
        Error::Audit(format!(
            "{}: no first record to take the chain id from",
            log.path().display()
        ))
    })?;
    let discovery = ctx.discover().await?;
    let targets = crate::embedded::targets_of(&discovery.members);
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    let req = ReadAuditLogRequest {
        console_chain: chain.clone(),
        limit: MAX_RECORDS,
        ..ReadAuditLogRequest::default()
    };
    let results = fan
        .run(&pool, &targets, |mut c| {
            let req = req.clone();
            async move { c.read_audit_log(req).await.map(|r| r.into_inner()) }
        })
        .await;
    let file_last = v.hashes.keys().next_back().copied();
    let mut check = NodeCheck {
        chain: chain.clone(),
        nodes_asked: targets.len(),
        nodes_failed: Vec::new(),
        confirmed: 0,
        newest_on_nodes: None,
        mismatches: Vec::new(),
    };
    let mut confirmed = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for (target, result) in targets.iter().zip(results) {
        let r = match result {
            Ok(r) => r,
            Err(e) => {
                check
                    .nodes_failed
                    .push((target.label().to_string(), e.to_string()));
                continue;
            }
        };
        for rec in r.records {
            let mut parts = rec.console_record.splitn(3, '/');
            let (Some(c), Some(seq), Some(hash)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(seq) = seq.parse::<u64>() else {
                continue;
            };
            if c != chain || !seen.insert((target.label().to_string(), seq, hash.to_string())) {
                continue;
            }
            check.newest_on_nodes = check.newest_on_nodes.max(Some(seq));
            let file_hash = v.hashes.get(&seq).cloned();
            let reason = match &file_hash {
                Some(h) if h == hash => {
                    confirmed.insert(seq);
                    continue;
                }
                Some(_) => "the file's record differs from the one the node was given: rewritten",
                None if file_last.is_none_or(|l| seq > l) => {
                    "the node holds a record past the file's end: the tail was truncated"
                }
                None => "the node holds a record the file lacks: removed",
            };
            check.mismatches.push(Mismatch {
                node: target.label().to_string(),
                seq,
                node_hash: hash.to_string(),
                file_hash,
                reason: reason.to_string(),
            });
        }
    }
    check
        .mismatches
        .sort_by(|a, b| (a.seq, &a.node).cmp(&(b.seq, &b.node)));
    check.confirmed = confirmed.len();
    Ok(check)
}

/// Most records asked of each node (the node caps `ReadAuditLog` at 10 000).
const MAX_RECORDS: u32 = 10_000;

impl NodeCheck {
    /// Text lines for `audit verify`.
    pub fn render(&self, style: &Style) -> String {
        let mut out = format!(
            "{} {} record(s) confirmed by the nodes' copies (newest seq on a node: {}; {} node(s) asked)",
            if self.mismatches.is_empty() {
                style.good("nodes:")
            } else {
                style.bad("nodes:")
            },
            self.confirmed,
            self.newest_on_nodes
                .map_or_else(|| "none".to_string(), |s| s.to_string()),
            self.nodes_asked
        );
        for m in &self.mismatches {
            out.push_str(&format!(
                "\n{} seq {} on {}: {}",
                style.bad("MISMATCH:"),
                m.seq,
                m.node,
                m.reason
            ));
        }
        for (node, e) in &self.nodes_failed {
            out.push_str(&format!("\n{} {node}: {e}", style.warn("unchecked:")));
        }
        out
    }
}
