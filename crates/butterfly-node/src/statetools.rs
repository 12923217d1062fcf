//! Node side of `state dump` (hashed, paged sections) and `verify checkpoint` (re-hashing the
//! checkpoint objects in parallel against the manifest).
//!
//! Sections, each the canonical JSON (maps in key order) of one part of the node's state:
//! `consensus` and the replicated `members`, `assignment`, `reputation`, `faults`,
//! `checkpoints` (coordinators), `layers` (what the node serves), `checkpoint` (compute nodes
//! with a data dir), `active_faults` and `build`.

use crate::checkpoint::{root_of, Store};
use crate::raft::RaftHandle;
use crate::services::Services;
use crate::state::{sha256_hex, ReplicatedState, REPLICATED_SECTIONS};
use butterfly_proto::debug::{
    CheckpointLayer, CheckpointManifest, ObjectCheck, StateDumpRequest, StateDumpResponse,
    StateSection, VerifyCheckpointRequest, VerifyCheckpointResponse,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::time::{Duration, Instant};
use tonic::Status;

/// Content bytes per answer when the request names no limit: 256 KiB.
pub const DEFAULT_PAGE_BYTES: u64 = 256 << 10;
/// Most content bytes in one `StateDump` answer, whatever the request asks: 1 MiB.
pub const MAX_PAGE_BYTES: u64 = 1 << 20;
/// How long `wait_for_index` may hold a `StateDump` answer: 2 s.
pub const CATCH_UP_WAIT: Duration = Duration::from_secs(2);
/// Objects hashed at once by `VerifyCheckpoint` when the request names no number: 4.
pub const DEFAULT_VERIFY_PARALLELISM: u32 = 4;
/// Most objects hashed at once, whatever the request asks: 16.
pub const MAX_VERIFY_PARALLELISM: u32 = 16;

/// What a node has to dump.
pub struct DumpSource<'a> {
    /// Node id.
    pub id: &'a str,
    /// Role short name.
    pub role: &'a str,
    /// The Raft engine (coordinators).
    pub raft: Option<&'a RaftHandle>,
    /// Model, faults, checkpoints, config.
    pub services: Option<&'a Services>,
}

fn canonical(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}

/// Answers a `StateDump`.
pub async fn dump(src: DumpSource<'_>, req: StateDumpRequest) -> Result<StateDumpResponse, Status> {
    let mut sections: BTreeMap<String, (bool, Vec<u8>)> = BTreeMap::new();
    let mut resp = StateDumpResponse {
        node_id: src.id.to_string(),
        role: src.role.to_string(),
        at_index: req.at_index,
        at_unix_ms: crate::cluster::unix_ms(),
        ..Default::default()
    };
    let mut replicated: Option<ReplicatedState> = None;
    if let Some(raft) = src.raft {
        let at = (req.at_index > 0).then_some(req.at_index);
        let wait = (req.wait_for_index > 0).then_some(req.wait_for_index);
        let (state, applied, hashes) = raft.read_state(at, wait, CATCH_UP_WAIT).await;
        resp.applied_index = applied;
        if at.is_some_and(|i| i <= applied) {
            resp.hashes_at_index = hashes.unwrap_or_default().into_iter().collect();
        }
        sections.insert(
            "consensus".into(),
            (false, canonical(&raft.consensus_section())),
        );
        for name in REPLICATED_SECTIONS {
            if let Some(json) = state.section_json(name) {
                sections.insert(name.to_string(), (true, json));
            }
        }
        replicated = Some(state);
    }
    if let Some(services) = src.services {
        let model = services.model();
        let layers = if src.role == "compute" {
            let hashes: BTreeMap<u32, String> = (0..model.spec.layers)
                .filter_map(|l| Some((l, sha256_hex(&model.layer_state(l)?))))
                .collect();
            json!({
                "serves": (0..model.spec.layers).collect::<Vec<_>>(),
                "model": {"layers": model.spec.layers, "dim": model.spec.dim, "seed": model.spec.seed},
                "layer_state_sha256": hashes,
            })
        } else {
            let planned = services.engine.get().map(|e| e.planned_assignment());
            json!({
                "model": {"layers": model.spec.layers, "dim": model.spec.dim, "seed": model.spec.seed},
                "planned_assignment": planned,
                "replicated_assignment": replicated.as_ref().map(|s| &s.assignment),
            })
        };
        sections.insert("layers".into(), (false, canonical(&layers)));
        if let Some(store) = services.checkpoints.get() {
            let problem = services.checkpoint_problem();
            let section = match store.manifest() {
                Ok(m) => json!({
                    "manifest": m,
                    "verified": problem.is_none(),
                    "problem": problem,
                }),
                Err(e) => json!({"manifest": null, "verified": false, "problem": e.to_string()}),
            };
            sections.insert("checkpoint".into(), (false, canonical(&section)));
        }
        sections.insert(
            "active_faults".into(),
            (false, canonical(&json!(services.faults.specs()))),
        );
        let build = services.config.get().cloned().unwrap_or(Value::Null);
        sections.insert("build".into(), (false, canonical(&build)));
    }
    if !req.section.is_empty() && !sections.contains_key(&req.section) {
        return Err(Status::not_found(format!(
            "{} has no section '{}' (it has: {})",
            src.id,
            req.section,
            sections.keys().cloned().collect::<Vec<_>>().join(", ")
        )));
    }
    let mut budget = match req.max_bytes {
        0 => DEFAULT_PAGE_BYTES,
        n => n.min(MAX_PAGE_BYTES),
    };
    for (name, (replicated, json)) in sections {
        if !req.section.is_empty() && name != req.section {
            continue;
        }
        let total = json.len() as u64;
        let mut section = StateSection {
            sha256: sha256_hex(&json),
            name,
            total_bytes: total,
            replicated,
            ..Default::default()
        };
        if !req.hashes_only {
            let start = req.offset.min(total);
            let end = start.saturating_add(budget).min(total);
            section.offset = start;
            section.json = json[start as usize..end as usize].to_vec();
            section.truncated = end < total;
            budget -= end - start;
        }
        resp.sections.push(section);
    }
    Ok(resp)
}

fn hash_file(path: &std::path::Path) -> Result<(String, u64), String> {
    let mut f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex::encode(h.finalize()), total))
}

/// Answers a `VerifyCheckpoint`: re-hashes the objects of the node's manifest (all, or a
/// random `sample_percent` of them), at most `parallelism` at once on blocking threads.
pub async fn verify_checkpoint(
    node_id: &str,
    store: Option<&Store>,
    req: VerifyCheckpointRequest,
) -> VerifyCheckpointResponse {
    let mut resp = VerifyCheckpointResponse {
        node_id: node_id.to_string(),
        ..Default::default()
    };
    let Some(store) = store else {
        resp.error = "this node keeps no checkpoints (compute nodes with --data-dir do)".into();
        return resp;
    };
    let manifest = match store.manifest() {
        Ok(Some(m)) => m,
        Ok(None) => {
            resp.error = "no checkpoint written yet".into();
            return resp;
        }
        Err(e) => {
            resp.error = e.to_string();
            return resp;
        }
    };
    resp.manifest = Some(CheckpointManifest {
        seq: manifest.seq,
        node_id: manifest.node_id.clone(),
        layers: manifest
            .layers
            .iter()
            .map(|(l, h)| CheckpointLayer {
                layer: *l,
                hash: h.clone(),
            })
            .collect(),
        root: manifest.root.clone(),
        at_unix_ms: manifest.at_unix_ms,
    });
    if req.seq != 0 && req.seq != manifest.seq {
        resp.error = format!(
            "checkpoint {} is not on this node (its latest is {})",
            req.seq, manifest.seq
        );
        return resp;
    }
    resp.has_checkpoint = true;
    resp.root_ok = root_of(&manifest.layers) == manifest.root;
    resp.objects_total = manifest.layers.len() as u32;
    let mut objects: Vec<(u32, String)> = manifest.layers.into_iter().collect();
    if req.sample_percent > 0.0 && req.sample_percent < 100.0 {
        let want = ((objects.len() as f64 * req.sample_percent / 100.0).ceil() as usize).max(1);
        let nonce = crate::cluster::unix_ms().to_le_bytes();
        objects.sort_by_cached_key(|(_, h)| {
            let mut d = Sha256::new();
            d.update(nonce);
            d.update(h.as_bytes());
            d.finalize()
        });
        objects.truncate(want);
        objects.sort();
    }
    let parallelism = match req.parallelism {
        0 => DEFAULT_VERIFY_PARALLELISM,
        n => n.min(MAX_VERIFY_PARALLELISM),
    } as usize;
    let started = Instant::now();
    let checks = futures::StreamExt::collect::<Vec<ObjectCheck>>(futures::StreamExt::buffered(
        futures::stream::iter(objects.into_iter().map(|(layer, expected)| {
            let path = store.object(&expected);
            async move {
                let result = tokio::task::spawn_blocking(move || hash_file(&path))
                    .await
                    .unwrap_or_else(|e| Err(e.to_string()));
                match result {
                    Ok((actual, bytes)) => ObjectCheck {
                        layer,
                        expected,
                        actual,
                        error: String::new(),
                        bytes,
                    },
                    Err(error) => ObjectCheck {
                        layer,
                        expected,
                        actual: String::new(),
                        error,
                        bytes: 0,
                    },
                }
            }
        })),
        parallelism,
    ))
    .await;
    resp.elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    resp.bytes_hashed = checks.iter().map(|c| c.bytes).sum();
    resp.objects = checks;
    resp
}
