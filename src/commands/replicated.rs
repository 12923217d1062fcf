//! The replicated state's facts (reputation, recorded faults, layer assignment, redundancy) as
//! the coordinators applied them: the one source `cluster status` and `node status` show.
//! Coordinators answer `GetStatus` with a `replicated` summary; the freshest answer (highest
//! applied count) wins, so any live coordinator will do and a leader change loses nothing.

use crate::error::Result;
use crate::session::Ctx;
use butterfly_proto::debug::{GetStatusRequest, NodeStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// The replicated state's view of the cluster, from one coordinator's applied copy.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ReplicatedView {
    /// The coordinator whose applied copy this is.
    pub source: String,
    /// Commands that coordinator has applied.
    pub applied: u64,
    /// Reputation of every member in [0, 1].
    pub reputation: BTreeMap<String, f64>,
    /// Byzantine faults recorded per node.
    pub faults: BTreeMap<String, u64>,
    /// Layer → assigned replicas.
    pub layers: BTreeMap<u32, Vec<String>>,
    /// Replicas each layer should have.
    pub redundancy: u32,
    /// Reputation below which a node gets no work.
    pub reputation_threshold: f64,
}

impl ReplicatedView {
    /// The view in one coordinator's status, if it carries one.
    pub fn of(status: &NodeStatus) -> Option<ReplicatedView> {
        let r = status.replicated.as_ref()?;
        Some(ReplicatedView {
            source: status.id.clone(),
            applied: r.applied,
            reputation: r.reputation.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            faults: r.faults.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            layers: r
                .layers
                .iter()
                .map(|l| (l.layer, l.replicas.clone()))
                .collect(),
            redundancy: r.redundancy,
            reputation_threshold: r.reputation_threshold,
        })
    }

    /// The freshest view (highest applied count) among these statuses.
    pub fn freshest<'a>(statuses: impl IntoIterator<Item = &'a NodeStatus>) -> Option<Self> {
        statuses
            .into_iter()
            .filter_map(ReplicatedView::of)
            .max_by_key(|v| v.applied)
    }

    /// A node's reputation (1.0 when the state recorded none).
    pub fn reputation_of(&self, node: &str) -> f64 {
        self.reputation.get(node).copied().unwrap_or(1.0)
    }

    /// Why the replicated state says `node` should get no work, if it does.
    pub fn distrust(&self, node: &str) -> Option<String> {
        let r = self.reputation_of(node);
        (r < self.reputation_threshold).then(|| {
            format!(
                "reputation {r:.2} below {:.2} ({} Byzantine faults recorded): no work routed to it",
                self.reputation_threshold,
                self.faults.get(node).copied().unwrap_or(0)
            )
        })
    }
}

/// Asks every coordinator for its status and returns the freshest replicated view, with the
/// coordinators that did not answer (`None` when none answered with a view).
pub async fn fetch(ctx: &Ctx<'_>) -> Result<(Option<ReplicatedView>, Vec<String>)> {
    let d = ctx.discover().await?;
    let coords = d.coordinators()?;
    let pool = ctx.pool()?;
    let results = ctx
        .fanout()?
        .run(&pool, &coords, |mut c| async move {
            Ok(c.get_status(GetStatusRequest {}).await?.into_inner())
        })
        .await;
    let mut statuses = Vec::new();
    let mut errors = Vec::new();
    for (t, r) in coords.iter().zip(results) {
        match r {
            Ok(s) => statuses.push(s),
            Err(e) => errors.push(format!("{}: {e}", t.id)),
        }
    }
    Ok((ReplicatedView::freshest(&statuses), errors))
}
