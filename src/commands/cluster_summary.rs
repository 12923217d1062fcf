//! `cluster status` and `top` (by default, without `--direct`): the whole cluster from ONE coordinator.
//! Every node's heartbeat to the coordinators carries its summary (health and reason, faults,
//! request counters, slowest layer p99, consensus, load); coordinators relay them to each other.
//! One `ClusterSummary` call therefore reads 10,000 nodes, where the fan-out path opens one mTLS
//! connection per node. A member whose heartbeat is older than [`STALE_HEARTBEATS`] intervals
//! (coordinator clock) is shown unreachable, with the age, like a node that does not answer.

use crate::commands::cluster::{
    coverage, majority_leader, ClusterStatus, Consensus, NodeRow, SeedError, Summary,
};
use crate::commands::replicated::ReplicatedView;
use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::session::Ctx;
use butterfly_proto::debug::{
    ClusterSummaryRequest, ClusterSummaryResponse, HealthState, NodeRole, NodeStatus,
};

/// A member is stale (shown down) past this many of the coordinator's heartbeat intervals: 3
/// (the nodes' own rule, `STALE_HEARTBEATS`).
pub const STALE_HEARTBEATS: u64 = 3;

/// Largest `ClusterSummary` answer accepted: 64 MiB (10,000 members take about 2 MiB).
pub const MAX_SUMMARY_MESSAGE: usize = 64 * 1024 * 1024;

/// Asks the seeds in order, then the coordinators discovery finds, for their summaries; the
/// first coordinator that answers wins. Errors when none does.
pub async fn fetch(ctx: &Ctx<'_>) -> Result<(ClusterSummaryResponse, Vec<SeedError>)> {
    let settings = ctx.settings()?;
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    let mut tried: Vec<String> = Vec::new();
    let mut errors: Vec<SeedError> = Vec::new();
    let ask = |t: Target| {
        let (fan, pool) = (&fan, &pool);
        async move {
            fan.one(pool, &t, |c| async move {
                c.max_decoding_message_size(MAX_SUMMARY_MESSAGE)
                    .cluster_summary(ClusterSummaryRequest {})
                    .await
                    .map(|r| r.into_inner())
            })
            .await
        }
    };
    for seed in &settings.seeds {
        tried.push(seed.clone());
        let t = Target {
            id: String::new(),
            addr: seed.clone(),
        };
        match ask(t).await {
            Ok(r) => {
                ctx.remember_members(&r.members);
                return Ok((r, errors));
            }
            Err(e @ Error::PermissionDenied { .. }) => return Err(e),
            Err(e) => errors.push(SeedError {
                address: seed.clone(),
                error: e.to_string(),
            }),
        }
    }
    // No seed is a coordinator that answered: find the coordinators through the membership.
    let d = ctx.discover().await?;
    for c in d.coordinators()? {
        if tried.contains(&c.addr) {
            continue;
        }
        let addr = c.addr.clone();
        match ask(c).await {
            Ok(r) => {
                ctx.remember_members(&r.members);
                return Ok((r, errors));
            }
            Err(e) => errors.push(SeedError {
                address: addr,
                error: e.to_string(),
            }),
        }
    }
    let why: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.address, e.error))
        .collect();
    Err(Error::Unreachable {
        node: "coordinators".into(),
        message: format!(
            "no coordinator gave its member summaries ({})",
            why.join("; ")
        ),
    })
}

/// `cluster status` rows from a coordinator's answer.
pub fn from_response(r: ClusterSummaryResponse, seed_errors: Vec<SeedError>) -> ClusterStatus {
    let stale_ms = r.heartbeat_ms.saturating_mul(STALE_HEARTBEATS).max(1000);
    let view = r.replicated.clone().and_then(|replicated| {
        ReplicatedView::of(&NodeStatus {
            id: r.source_id.clone(),
            replicated: Some(replicated),
            ..NodeStatus::default()
        })
    });
    let mut summary = Summary::default();
    let mut rows = Vec::with_capacity(r.members.len());
    for m in r.members {
        summary.total += 1;
        let role = NodeRole::try_from(m.role).unwrap_or(NodeRole::Unspecified);
        let age = u64::try_from(r.now_unix_ms.saturating_sub(m.last_seen_unix_ms)).unwrap_or(0);
        let mut row = NodeRow {
            heartbeat_age_ms: Some(age),
            ..NodeRow::unknown(m.id, role, m.debug_addr, m.http_addr)
        };
        // A stale summary is what the member was, not what it is: like a node that does not
        // answer, it gets no health, consensus or figures (its last leader vote must not count).
        let stale = age > stale_ms;
        if let Some(s) = m.summary.filter(|_| !stale) {
            row.health = HealthState::try_from(s.health)
                .unwrap_or(HealthState::Unspecified)
                .short_name()
                .to_string();
            row.summary = Some(s.reason);
            row.consensus = s.consensus.map(Consensus::from);
            row.uptime_seconds = Some(s.uptime_seconds);
            row.version = Some(s.version);
            row.cpu_percent = Some(s.cpu_percent);
            row.memory_rss_bytes = Some(s.memory_rss_bytes);
            row.active_faults = s.active_faults;
            row.layer_p99_ms = (s.layer_p99_ms > 0.0).then_some(s.layer_p99_ms);
            row.requests_total = Some(s.requests_total);
            row.requests_failed = Some(s.requests_failed);
        }
        if stale {
            row.error = Some(format!(
                "no heartbeat for {:.1}s (as {} saw it)",
                age as f64 / 1000.0,
                r.source_id
            ));
            summary.unreachable += 1;
        } else if row.summary.is_none() {
            row.error = Some(format!(
                "{} has no summary of it yet (node older than this console?)",
                r.source_id
            ));
            summary.unreachable += 1;
        } else {
            row.reachable = true;
            if let Some(why) = view.as_ref().and_then(|v| v.distrust(&row.id)) {
                if row.health == "healthy" {
                    row.health = "degraded".into();
                }
                row.summary = Some(match row.summary.take() {
                    Some(s) if s != "ok" => format!("{s}; {why}"),
                    _ => why,
                });
            }
            summary.reachable += 1;
            match row.health.as_str() {
                "healthy" => summary.healthy += 1,
                "degraded" => summary.degraded += 1,
                _ => summary.unhealthy += 1,
            }
        }
        if let Some(v) = &view {
            row.reputation = Some(v.reputation_of(&row.id));
            row.byzantine_faults = Some(v.faults.get(&row.id).copied().unwrap_or(0));
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    summary.leader = majority_leader(&rows);
    let layers = view
        .as_ref()
        .map(|v| coverage(v, &rows))
        .unwrap_or_default();
    summary.layers_below_redundancy = layers.iter().filter(|l| l.below_redundancy).count();
    summary.state_source = view.as_ref().map(|v| v.source.clone());
    ClusterStatus {
        nodes: rows,
        layers,
        redundancy: view.as_ref().map(|v| v.redundancy),
        summary,
        seed_errors,
        red: None,
        source: format!("summary:{}", r.source_id),
    }
}
