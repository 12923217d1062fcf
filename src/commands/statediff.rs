//! `state diff`: compare nodes' state sections by hash, then descend into those that differ.
//!
//! Replicated sections (coordinators) are compared at one applied index: the highest any
//! coordinator has applied, `M`. Every coordinator is asked for its section hashes as they were
//! after `M` (waiting up to 2 s to get there); one that cannot reach `M` is "behind by N
//! entries" and is compared with the others at its own index instead (they keep a history of
//! hashes per applied index), so lag never reads as corruption. The odd node out is the one
//! outside the majority hash, and the other coordinators count as witnesses when only two nodes
//! are named: the leader is not trusted more than anyone else.

use crate::commands::state::fetch;
use crate::error::{Error, Result, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL};
use crate::fanout::Target;
use crate::output::{Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{NodeRole, StateDumpRequest, StateDumpResponse};
use clap::Args;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The replicated sections (as the nodes name them).
pub const REPLICATED: [&str; 5] = [
    "members",
    "assignment",
    "reputation",
    "faults",
    "checkpoints",
];
/// Sections compared by default besides the replicated ones (equal on healthy nodes).
pub const DEFAULT_LOCAL: [&str; 1] = ["layers"];
/// Differing keys listed per section: 50.
pub const MAX_DIFFERENCES: usize = 50;
/// Differing keys counted per section before the count stops: 10 000.
pub const MAX_DIFFERENCES_COUNTED: usize = 10_000;

/// `state diff` arguments.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Nodes to compare (ids or addresses; two or more), or none with --all.
    #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
    pub nodes: Vec<String>,
    /// Compare every member (or every member of --role).
    #[arg(long, conflicts_with = "nodes")]
    pub all: bool,
    /// With --all: only this role (coordinator, compute, observer).
    #[arg(long, requires = "all", value_parser = ["coordinator", "compute", "observer"])]
    pub role: Option<String>,
    /// Compare only this section (any section, per-node ones included).
    #[arg(long)]
    pub section: Option<String>,
    /// Most differing keys listed per section (the first, by key).
    #[arg(long, default_value_t = MAX_DIFFERENCES)]
    pub limit: usize,
}

/// A compared node.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DiffNode {
    /// Node id.
    pub id: String,
    /// Role.
    pub role: String,
    /// Applied log index (coordinators).
    pub applied_index: u64,
    /// Entries behind the most advanced coordinator; null when not behind.
    pub behind: Option<u64>,
    /// Only a witness for the majority (not named).
    pub witness: bool,
}

/// One differing key.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Difference {
    /// JSON path in the section, e.g. `compute-1` or `compute-1.score`.
    pub key: String,
    /// Value per node (null = absent).
    pub values: BTreeMap<String, Value>,
}

/// One section compared.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SectionDiff {
    /// Section name.
    pub name: String,
    /// The role compared (per-node sections); null for replicated sections.
    pub role: Option<String>,
    /// Equal on every compared node.
    pub equal: bool,
    /// The applied index it was compared at (replicated sections); null for per-node sections.
    pub at_index: Option<u64>,
    /// Hash per node.
    pub hashes: BTreeMap<String, String>,
    /// Hash most nodes have; null without a strict majority.
    pub majority_hash: Option<String>,
    /// Nodes outside the majority.
    pub odd: Vec<String>,
    /// Differing keys (only for sections that differ), at most `--limit`, by key.
    pub differences: Vec<Difference>,
    /// Differing keys found (before `--limit`; counting stops at 10 000).
    pub differences_total: usize,
    /// Fewer keys listed than `differences_total`.
    pub truncated: bool,
    /// Why nodes could not be compared here (history too short, ...).
    pub notes: Vec<String>,
}

/// `state diff -o json`: `{"nodes":[...],"index":M,"sections":[...],"odd_nodes":[...],
/// "verdict","errors":[...]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DiffReport {
    /// Compared nodes (and witnesses).
    pub nodes: Vec<DiffNode>,
    /// The common applied index of the replicated sections (0 without coordinators).
    pub index: u64,
    /// Every compared section.
    pub sections: Vec<SectionDiff>,
    /// Nodes outside the majority in any section.
    pub odd_nodes: Vec<String>,
    /// One-line verdict.
    pub verdict: String,
    /// Nodes that did not answer.
    pub errors: Vec<String>,
}

fn is_coord(r: &StateDumpResponse) -> bool {
    r.role == "coordinator"
}

async fn ask(
    ctx: &Ctx<'_>,
    targets: &[Target],
    req: StateDumpRequest,
) -> Result<Vec<Result<StateDumpResponse>>> {
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    Ok(fan
        .run(&pool, targets, |mut c| {
            let req = req.clone();
            async move { c.state_dump(req).await.map(|r| r.into_inner()) }
        })
        .await)
}

fn majority(hashes: &BTreeMap<String, String>) -> Option<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for h in hashes.values() {
        *count.entry(h).or_default() += 1;
    }
    let (h, n) = count.into_iter().max_by_key(|(_, n)| *n)?;
    (n * 2 > hashes.len()).then(|| h.to_string())
}

fn section_hashes(r: &StateDumpResponse) -> BTreeMap<String, String> {
    r.sections
        .iter()
        .map(|s| (s.name.clone(), s.sha256.clone()))
        .collect()
}

/// Paths where `a` and `b` differ (objects descended up to `depth` levels).
fn diff_values(
    prefix: &str,
    a: &Value,
    b: &Value,
    depth: usize,
    out: &mut Vec<(String, Value, Value)>,
) {
    if a == b || out.len() >= MAX_DIFFERENCES_COUNTED {
        return;
    }
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if depth > 0 => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let (va, vb) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                diff_values(&join(k), va, vb, depth - 1, out);
            }
        }
        (Value::Array(x), Value::Array(y)) if depth > 0 && x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                diff_values(&join(&format!("[{i}]")), va, vb, depth - 1, out);
            }
        }
        _ => out.push((
            if prefix.is_empty() {
                "(whole section)".into()
            } else {
                prefix.to_string()
            },
            a.clone(),
            b.clone(),
        )),
    }
}

async fn targets_of(args: &DiffArgs, ctx: &Ctx<'_>) -> Result<Vec<Target>> {
    if args.all {
        let d = ctx.discover().await?;
        let role = args.role.as_deref().and_then(NodeRole::parse_short);
        let t: Vec<Target> = d
            .members
            .iter()
            .filter(|m| role.is_none_or(|r| m.role == r as i32))
            .map(|m| Target {
                id: m.id.clone(),
                addr: m.debug_addr.clone(),
            })
            .collect();
        if t.len() < 2 {
            return Err(Error::NotFound(format!(
                "{} member(s) to compare; need two",
                t.len()
            )));
        }
        return Ok(t);
    }
    if args.nodes.len() < 2 {
        return Err(Error::Usage(
            "name two nodes (`state diff A B`) or use --all".into(),
        ));
    }
    let mut t = Vec::new();
    for n in &args.nodes {
        t.push(ctx.resolve_node(n).await?);
    }
    Ok(t)
}

/// Runs `state diff`.
pub async fn exec(args: DiffArgs, ctx: &Ctx<'_>) -> Result<Box<dyn crate::output::Report>> {
    let named = targets_of(&args, ctx).await?;
    // Other coordinators witness the replicated sections' majority.
    let mut all = named.clone();
    if let Ok(d) = ctx.discover().await {
        if let Ok(coords) = d.coordinators() {
            for c in coords {
                if !all.iter().any(|t| t.id == c.id || t.addr == c.addr) {
                    all.push(c);
                }
            }
        }
    }
    let hashes_only = StateDumpRequest {
        hashes_only: true,
        ..Default::default()
    };
    let r1 = ask(ctx, &all, hashes_only.clone()).await?;
    let mut errors = Vec::new();
    let mut resp: BTreeMap<String, (bool, StateDumpResponse, Target)> = BTreeMap::new();
    for (i, (t, r)) in all.iter().zip(r1).enumerate() {
        match r {
            Ok(r) => {
                resp.insert(r.node_id.clone(), (i >= named.len(), r, t.clone()));
            }
            Err(e) if i < named.len() => errors.push(e.to_string()),
            Err(_) => {}
        }
    }
    let coords: Vec<Target> = resp
        .values()
        .filter(|(_, r, _)| is_coord(r))
        .map(|(_, _, t)| t.clone())
        .collect();
    let top = resp
        .values()
        .filter(|(_, r, _)| is_coord(r))
        .map(|(_, r, _)| r.applied_index)
        .max()
        .unwrap_or(0);
    if !coords.is_empty() {
        let req = StateDumpRequest {
            wait_for_index: top,
            at_index: top,
            ..hashes_only.clone()
        };
        // A coordinator that answered once but not twice keeps its first answer.
        for r in ask(ctx, &coords, req).await?.into_iter().flatten() {
            if let Some(slot) = resp.get_mut(&r.node_id) {
                slot.1 = r;
            }
        }
    }
    // Per lagging index, the others' hashes at it.
    let lag_idx: BTreeSet<u64> = resp
        .values()
        .filter(|(_, r, _)| is_coord(r) && r.hashes_at_index.is_empty())
        .map(|(_, r, _)| r.applied_index)
        .collect();
    let mut at_lag: BTreeMap<u64, BTreeMap<String, BTreeMap<String, String>>> = BTreeMap::new();
    for idx in lag_idx {
        let ahead: Vec<Target> = resp
            .values()
            .filter(|(_, r, _)| is_coord(r) && r.applied_index > idx)
            .map(|(_, _, t)| t.clone())
            .collect();
        let req = StateDumpRequest {
            at_index: idx,
            ..hashes_only.clone()
        };
        for r in ask(ctx, &ahead, req).await?.into_iter().flatten() {
            if !r.hashes_at_index.is_empty() {
                at_lag.entry(idx).or_default().insert(
                    r.node_id.clone(),
                    r.hashes_at_index.clone().into_iter().collect(),
                );
            }
        }
    }
    let any_coord = resp.values().any(|(_, r, _)| is_coord(r));
    let names: Vec<String> = match &args.section {
        Some(s) => vec![s.clone()],
        None => {
            let mut v: Vec<String> = Vec::new();
            if any_coord {
                v.extend(REPLICATED.iter().map(|s| s.to_string()));
            }
            v.extend(DEFAULT_LOCAL.iter().map(|s| s.to_string()));
            v
        }
    };
    let mut sections = Vec::new();
    // Per-node sections are compared within a role (a compute node's `layers` is not a
    // coordinator's); replicated ones among the coordinators.
    let roles: BTreeSet<String> = resp
        .values()
        .filter(|(w, _, _)| !w)
        .map(|(_, r, _)| r.role.clone())
        .collect();
    let mut passes: Vec<(String, Option<String>)> = Vec::new();
    for name in names {
        if REPLICATED.contains(&name.as_str()) {
            passes.push((name, None));
        } else {
            passes.extend(roles.iter().map(|r| (name.clone(), Some(r.clone()))));
        }
    }
    for (name, role) in passes {
        let replicated = REPLICATED.contains(&name.as_str());
        let mut sd = SectionDiff {
            role: role.clone(),
            name: name.clone(),
            equal: true,
            at_index: replicated.then_some(top),
            hashes: BTreeMap::new(),
            majority_hash: None,
            odd: Vec::new(),
            differences: Vec::new(),
            differences_total: 0,
            truncated: false,
            notes: Vec::new(),
        };
        let mut lagging: Vec<(String, u64, String)> = Vec::new();
        for (id, (witness, r, _)) in &resp {
            if replicated && !is_coord(r) {
                continue;
            }
            if !replicated && (*witness || role.as_deref() != Some(r.role.as_str())) {
                continue;
            }
            if replicated {
                match r.hashes_at_index.get(&name) {
                    Some(h) => {
                        sd.hashes.insert(id.clone(), h.clone());
                    }
                    None => {
                        if let Some(h) = section_hashes(r).get(&name) {
                            lagging.push((id.clone(), r.applied_index, h.clone()));
                        }
                    }
                }
            } else if let Some(h) = section_hashes(r).get(&name) {
                sd.hashes.insert(id.clone(), h.clone());
            }
        }
        if sd.hashes.is_empty() && lagging.is_empty() {
            continue;
        }
        sd.majority_hash = majority(&sd.hashes);
        sd.odd = match &sd.majority_hash {
            Some(m) => sd
                .hashes
                .iter()
                .filter(|(_, h)| *h != m)
                .map(|(id, _)| id.clone())
                .collect(),
            None => Vec::new(),
        };
        let distinct: BTreeSet<&String> = sd.hashes.values().collect();
        if distinct.len() > 1 && sd.majority_hash.is_none() {
            sd.notes
                .push("no majority: the nodes disagree with no hash held by more than half".into());
        }
        for (id, idx, h) in lagging {
            let others = at_lag.get(&idx).cloned().unwrap_or_default();
            let at: BTreeMap<String, String> = others
                .iter()
                .filter_map(|(n, hs)| Some((n.clone(), hs.get(&name)?.clone())))
                .collect();
            match majority(&at) {
                Some(m) if m == h => sd.notes.push(format!("{id}: equal at its applied index {idx} (behind by {} entries)", top - idx)),
                Some(_) => {
                    sd.notes.push(format!("{id}: differs at its applied index {idx} from the majority at that index"));
                    sd.odd.push(id.clone());
                }
                None => sd.notes.push(format!("{id}: behind by {} entries; the others' history does not reach index {idx}, not compared", top - idx)),
            }
        }
        sd.equal = distinct.len() <= 1 && sd.odd.is_empty();
        if !sd.equal {
            descend(ctx, &resp, &mut sd, args.limit).await;
        }
        sections.push(sd);
    }
    let odd_nodes: Vec<String> = sections
        .iter()
        .flat_map(|s| s.odd.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let nodes: Vec<DiffNode> = resp
        .values()
        .map(|(witness, r, _)| DiffNode {
            id: r.node_id.clone(),
            role: r.role.clone(),
            applied_index: r.applied_index,
            behind: (is_coord(r) && r.hashes_at_index.is_empty() && top > r.applied_index)
                .then(|| top - r.applied_index),
            witness: *witness,
        })
        .collect();
    let differing: Vec<&str> = sections
        .iter()
        .filter(|s| !s.equal)
        .map(|s| s.name.as_str())
        .collect();
    let verdict = if differing.is_empty() {
        let behind: Vec<String> = nodes
            .iter()
            .filter_map(|n| Some(format!("{} behind by {} entries", n.id, n.behind?)))
            .collect();
        if behind.is_empty() {
            format!(
                "equal: {} sections on {} nodes",
                sections.len(),
                nodes.iter().filter(|n| !n.witness).count()
            )
        } else {
            format!("equal where comparable; {}", behind.join(", "))
        }
    } else if odd_nodes.is_empty() {
        format!(
            "differs in {} with no majority to name an odd node",
            differing.join(", ")
        )
    } else {
        format!(
            "{} differ{} from the majority in {}",
            odd_nodes.join(", "),
            if odd_nodes.len() == 1 { "s" } else { "" },
            differing.join(", ")
        )
    };
    Ok(Box::new(DiffReport {
        nodes,
        index: top,
        sections,
        odd_nodes,
        verdict,
        errors,
    }))
}

/// Fetches the differing section from a majority node and each odd node and lists the keys.
async fn descend(
    ctx: &Ctx<'_>,
    resp: &BTreeMap<String, (bool, StateDumpResponse, Target)>,
    sd: &mut SectionDiff,
    limit: usize,
) {
    let reference = match &sd.majority_hash {
        Some(m) => sd
            .hashes
            .iter()
            .find(|(_, h)| *h == m)
            .map(|(id, _)| id.clone()),
        None => sd.hashes.keys().next().cloned(),
    };
    let Some(reference) = reference else { return };
    let others: Vec<String> = if sd.majority_hash.is_some() {
        sd.odd.clone()
    } else {
        sd.hashes
            .keys()
            .filter(|id| **id != reference)
            .cloned()
            .collect()
    };
    let mut values: BTreeMap<String, Value> = BTreeMap::new();
    for id in std::iter::once(&reference).chain(&others) {
        let Some((_, _, t)) = resp.get(id) else {
            continue;
        };
        match fetch(ctx, t, Some(&sd.name), None).await {
            Ok(d) => {
                if let Some(s) = d.sections.into_iter().next() {
                    values.insert(id.clone(), s.value);
                }
            }
            Err(e) => sd
                .notes
                .push(format!("{id}: cannot fetch the section: {e}")),
        }
    }
    let Some(base) = values.get(&reference).cloned() else {
        return;
    };
    let mut keys: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for id in &others {
        let Some(v) = values.get(id) else { continue };
        let mut out = Vec::new();
        diff_values("", &base, v, 3, &mut out);
        for (key, a, b) in out {
            let e = keys.entry(key).or_default();
            e.insert(reference.clone(), a);
            e.insert(id.clone(), b);
        }
    }
    sd.differences_total = keys.len();
    sd.truncated = keys.len() > limit;
    sd.differences = keys
        .into_iter()
        .take(limit)
        .map(|(key, values)| Difference { key, values })
        .collect();
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(59).collect::<String>())
    } else {
        s
    }
}

impl Report for DiffReport {
    fn exit_code(&self) -> i32 {
        if self.sections.iter().any(|s| !s.equal) {
            EXIT_ERROR
        } else if !self.errors.is_empty() {
            EXIT_PARTIAL
        } else {
            EXIT_OK
        }
    }
    fn render(&self, style: &Style) -> String {
        let mut out = String::new();
        for n in &self.nodes {
            let mut line = format!("{} ({})", n.id, n.role);
            if n.role == "coordinator" {
                line.push_str(&format!(" applied {}", n.applied_index));
            }
            if let Some(b) = n.behind {
                line.push_str(&format!(
                    " {}",
                    style.warn(&format!("behind by {b} entries"))
                ));
            }
            if n.witness {
                line.push_str(&style.dim(" (witness)"));
            }
            out.push_str(&line);
            out.push('\n');
        }
        for s in &self.sections {
            let at = match (&s.at_index, &s.role) {
                (Some(i), _) => format!(" at index {i}"),
                (None, Some(r)) => format!(" ({r})"),
                (None, None) => String::new(),
            };
            if s.equal {
                out.push_str(&format!("{} {}{at}\n", style.good("equal   "), s.name));
            } else {
                out.push_str(&format!(
                    "{} {}{at}: odd {}\n",
                    style.bad("DIFFERS "),
                    s.name,
                    if s.odd.is_empty() {
                        "-".into()
                    } else {
                        s.odd.join(", ")
                    }
                ));
                for d in &s.differences {
                    let vals: Vec<String> = d
                        .values
                        .iter()
                        .map(|(n, v)| format!("{n}={}", short(v)))
                        .collect();
                    out.push_str(&format!("    {}: {}\n", d.key, vals.join("  ")));
                }
                if s.truncated {
                    out.push_str(&format!(
                        "    showing {} of {} (--limit)\n",
                        s.differences.len(),
                        s.differences_total
                    ));
                }
            }
            for n in &s.notes {
                out.push_str(&format!("    {}\n", style.dim(n)));
            }
        }
        for e in &self.errors {
            out.push_str(&format!("{} {e}\n", style.warn("warning:")));
        }
        out.push_str(&format!(
            "verdict: {}",
            if self.odd_nodes.is_empty() && self.sections.iter().all(|s| s.equal) {
                style.good(&self.verdict)
            } else {
                style.bad(&self.verdict)
            }
        ));
        out
    }
}
