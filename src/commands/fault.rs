//! `fault inject|clear|list`: practise on failures. Injection needs the admin role and a node
//! started with `--allow-faults` (the demo's are); `list` shows the Byzantine faults the
//! coordinators detected, with their evidence.

use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::output::{Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{ClearFaultsRequest, InjectFaultRequest, ListByzantineFaultsRequest};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;

/// `fault ...`
#[derive(Debug, Subcommand)]
pub enum FaultCommand {
    /// Start a fault on a node: slow:<duration>, byzantine:<probability>, crash,
    /// partition:<peer>[,<peer>], corrupt-checkpoint (admin role).
    Inject {
        /// Node id or debug address.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
        /// The fault.
        spec: String,
    },
    /// Clear every fault on a node (admin role).
    Clear {
        /// Node id or debug address.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
    },
    /// Byzantine faults detected by the coordinators, with evidence.
    List {
        /// Only faults against this node.
        #[arg(long = "node")]
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: Option<String>,
        /// Newest N.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

impl FaultCommand {
    /// The node a command targets, if one.
    pub fn node(&self) -> Option<&str> {
        match self {
            FaultCommand::Inject { node, .. } | FaultCommand::Clear { node } => Some(node),
            FaultCommand::List { node, .. } => node.as_deref(),
        }
    }
}

/// What `fault inject crash` says once the node took it.
pub const CRASH_NOTE: &str =
    "crash injected: the node exits now (its connections drop; that is expected)";

/// `fault inject|clear -o json`: `{"node_id","active":[...],"note":...}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct FaultStateReport {
    /// Node.
    pub node_id: String,
    /// Faults active after the call.
    pub active: Vec<String>,
    /// What happens next (`crash`: the node is exiting); null otherwise.
    pub note: Option<String>,
}

impl From<butterfly_proto::debug::FaultState> for FaultStateReport {
    fn from(s: butterfly_proto::debug::FaultState) -> Self {
        FaultStateReport {
            node_id: s.node_id,
            active: s.active,
            note: None,
        }
    }
}

impl Report for FaultStateReport {
    fn render(&self, style: &Style) -> String {
        if let Some(note) = &self.note {
            format!("{}: {}", self.node_id, style.warn(note))
        } else if self.active.is_empty() {
            format!("{}: no faults active", self.node_id)
        } else {
            format!("{}: {}", self.node_id, style.warn(&self.active.join(", ")))
        }
    }
}

/// One detected fault.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// Coordinator that detected it.
    pub detected_by: String,
    /// When, RFC 3339 UTC.
    pub at: Option<String>,
    /// The same instant, unix ms.
    pub at_unix_ms: i64,
    /// Request.
    pub request_id: String,
    /// Trace.
    pub trace_id: String,
    /// Layer.
    pub layer: u32,
    /// The disagreeing node.
    pub node_id: String,
    /// Majority hash.
    pub expected_hash: String,
    /// Its hash.
    pub received_hash: String,
    /// Replicas that agreed.
    pub majority: Vec<String>,
    /// Its reputation after the fault.
    pub reputation_after: f64,
}

/// `fault list -o json`: `{"faults":[...],"total","truncated","limit","source","errors":[...]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct FaultList {
    /// Newest last, from the replicated state.
    pub faults: Vec<Evidence>,
    /// The coordinator whose applied state answered (the freshest); null when none answered.
    pub source: Option<String>,
    /// Faults matching the filter in the replicated state.
    pub total: u64,
    /// Fewer shown than `total` (raise `--limit`).
    pub truncated: bool,
    /// The limit asked for.
    pub limit: u32,
    /// Coordinators that did not answer.
    pub errors: Vec<String>,
}

impl Report for FaultList {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&[
            "AT", "NODE", "LAYER", "REQUEST", "EXPECTED", "RECEIVED", "REP", "BY",
        ]);
        for f in &self.faults {
            t.add_row(vec![
                crate::output::time_cell(f.at_unix_ms),
                style.bad(&f.node_id),
                f.layer.to_string(),
                f.request_id.clone(),
                f.expected_hash.chars().take(12).collect(),
                f.received_hash.chars().take(12).collect(),
                format!("{:.2}", f.reputation_after),
                f.detected_by.clone(),
            ]);
        }
        let mut out = if self.faults.is_empty() {
            "no Byzantine faults detected".to_string()
        } else {
            t.to_string()
        };
        if self.truncated {
            out.push_str(&format!(
                "\nshowing {} of {} (--limit)",
                self.faults.len(),
                self.total
            ));
        }
        for e in &self.errors {
            out.push_str(&format!("\n{} {e}", style.warn("warning:")));
        }
        out
    }
}

/// Runs a `fault` command.
pub async fn exec(cmd: FaultCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        FaultCommand::Inject { node, spec } => {
            let target = ctx.resolve_node(&node).await?;
            if let Some(peers) = spec.trim().strip_prefix("partition:") {
                let d = ctx.discover().await?;
                for p in peers.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    if !d.members.iter().any(|m| m.id == p) {
                        let known: Vec<&str> = d.members.iter().map(|m| m.id.as_str()).collect();
                        return Err(Error::NotFound(format!(
                            "partition:{p}: no such member (known: {})",
                            known.join(", ")
                        )));
                    }
                    if p == target.id {
                        return Err(Error::Usage(format!(
                            "partition:{p}: a node cannot be partitioned from itself"
                        )));
                    }
                }
            }
            let crash = spec.trim() == "crash";
            let answer = ctx
                .call_node(&node, |mut c| async move {
                    c.inject_fault(InjectFaultRequest { spec }).await
                })
                .await;
            match answer {
                Ok((_, s)) => {
                    let mut r = FaultStateReport::from(s);
                    if crash {
                        r.note = Some(CRASH_NOTE.into());
                    }
                    Ok(Box::new(r))
                }
                // The node exits as asked; a dropped connection is the expected end of the call.
                Err(Error::Unreachable { .. }) if crash => Ok(Box::new(FaultStateReport {
                    node_id: target.label().to_string(),
                    active: vec!["crash".into()],
                    note: Some(CRASH_NOTE.into()),
                })),
                Err(e) => Err(e),
            }
        }
        FaultCommand::Clear { node } => {
            let (_, s) = ctx
                .call_node(&node, |mut c| async move {
                    c.clear_faults(ClearFaultsRequest {}).await
                })
                .await?;
            Ok(Box::new(FaultStateReport::from(s)))
        }
        FaultCommand::List { node, limit } => {
            let pool = ctx.pool()?;
            let fan = ctx.fanout()?;
            let d = ctx.discover().await?;
            let coords: Vec<Target> = d.coordinators()?;
            let node_filter = node.unwrap_or_default();
            let results = fan
                .run(&pool, &coords, |mut c| {
                    let node_id = node_filter.clone();
                    async move {
                        c.list_byzantine_faults(ListByzantineFaultsRequest { limit, node_id })
                            .await
                            .map(|r| r.into_inner())
                    }
                })
                .await;
            // Every coordinator holds the same replicated records; the freshest answer (most
            // commands applied) is the truth, whichever coordinator leads now.
            let mut list = FaultList {
                faults: Vec::new(),
                errors: Vec::new(),
                source: None,
                total: 0,
                truncated: false,
                limit,
            };
            let mut best: Option<(
                u64,
                String,
                butterfly_proto::debug::ListByzantineFaultsResponse,
            )> = None;
            for (coord, r) in coords.iter().zip(results) {
                match r {
                    Ok(resp) => {
                        if best.as_ref().is_none_or(|(a, _, _)| resp.applied > *a) {
                            best = Some((resp.applied, coord.id.clone(), resp));
                        }
                    }
                    Err(e) => list.errors.push(e.to_string()),
                }
            }
            if let Some((_, source, resp)) = best {
                list.source = Some(source);
                list.total = resp.total;
                list.faults = resp
                    .faults
                    .into_iter()
                    .map(|f| Evidence {
                        detected_by: f.detected_by,
                        at: crate::output::rfc3339_ms(f.at_unix_ms),
                        at_unix_ms: f.at_unix_ms,
                        request_id: f.request_id,
                        trace_id: f.trace_id,
                        layer: f.layer,
                        node_id: f.node_id,
                        expected_hash: f.expected_hash,
                        received_hash: f.received_hash,
                        majority: f.majority,
                        reputation_after: f.reputation_after,
                    })
                    .collect();
                list.truncated = (list.faults.len() as u64) < list.total;
            }
            list.faults.sort_by_key(|f| f.at_unix_ms);
            Ok(Box::new(list))
        }
    }
}
