//! `fault inject|clear|list`: practise on failures. Injection needs the admin role and a node
//! started with `--allow-faults` (the demo's are); `list` shows the Byzantine faults the
//! coordinators detected, with their evidence.

use crate::error::Result;
use crate::fanout::Target;
use crate::output::{json_of, Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{ClearFaultsRequest, InjectFaultRequest, ListByzantineFaultsRequest};
use clap::Subcommand;
use serde::Serialize;

/// `fault ...`
#[derive(Debug, Subcommand)]
pub enum FaultCommand {
    /// Start a fault on a node: slow:<duration>, byzantine:<probability>, crash,
    /// partition:<peer>[,<peer>], corrupt-checkpoint (admin role).
    Inject {
        /// Node id or debug address.
        node: String,
        /// The fault.
        spec: String,
    },
    /// Clear every fault on a node (admin role).
    Clear {
        /// Node id or debug address.
        node: String,
    },
    /// Byzantine faults detected by the coordinators, with evidence.
    List {
        /// Only faults against this node.
        #[arg(long = "node")]
        node: Option<String>,
        /// Newest N per coordinator.
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

/// `fault inject|clear -o json`: `{"node_id","active":[...]}`.
#[derive(Debug, Serialize)]
pub struct FaultStateReport {
    /// Node.
    pub node_id: String,
    /// Faults active after the call.
    pub active: Vec<String>,
}

impl From<butterfly_proto::debug::FaultState> for FaultStateReport {
    fn from(s: butterfly_proto::debug::FaultState) -> Self {
        FaultStateReport {
            node_id: s.node_id,
            active: s.active,
        }
    }
}

impl Report for FaultStateReport {
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
    fn render(&self, style: &Style) -> String {
        if self.active.is_empty() {
            format!("{}: no faults active", self.node_id)
        } else {
            format!("{}: {}", self.node_id, style.warn(&self.active.join(", ")))
        }
    }
}

/// One detected fault.
#[derive(Debug, Serialize)]
pub struct Evidence {
    /// Coordinator that detected it.
    pub detected_by: String,
    /// Unix ms.
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

/// `fault list -o json`: `{"faults":[...],"errors":[...]}`.
#[derive(Debug, Serialize)]
pub struct FaultList {
    /// Newest last.
    pub faults: Vec<Evidence>,
    /// Coordinators that did not answer.
    pub errors: Vec<String>,
}

impl Report for FaultList {
    fn to_json(&self) -> serde_json::Value {
        json_of(self)
    }
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&[
            "AT (unix ms)",
            "NODE",
            "LAYER",
            "REQUEST",
            "EXPECTED",
            "RECEIVED",
            "REP",
            "BY",
        ]);
        for f in &self.faults {
            t.add_row(vec![
                f.at_unix_ms.to_string(),
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
            let (_, s) = ctx
                .call_node(&node, |mut c| async move {
                    c.inject_fault(InjectFaultRequest { spec }).await
                })
                .await?;
            Ok(Box::new(FaultStateReport::from(s)))
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
            let mut list = FaultList {
                faults: Vec::new(),
                errors: Vec::new(),
            };
            for (coord, r) in coords.iter().zip(results) {
                match r {
                    Ok(resp) => list
                        .faults
                        .extend(resp.faults.into_iter().map(|f| Evidence {
                            detected_by: coord.id.clone(),
                            at_unix_ms: f.at_unix_ms,
                            request_id: f.request_id,
                            trace_id: f.trace_id,
                            layer: f.layer,
                            node_id: f.node_id,
                            expected_hash: f.expected_hash,
                            received_hash: f.received_hash,
                            majority: f.majority,
                            reputation_after: f.reputation_after,
                        })),
                    Err(e) => list.errors.push(e.to_string()),
                }
            }
            list.faults.sort_by_key(|f| f.at_unix_ms);
            Ok(Box::new(list))
        }
    }
}
