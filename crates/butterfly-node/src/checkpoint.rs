//! Checkpoints of a compute node's layer state: content-addressed objects (file name = SHA-256
//! of the content) and a manifest naming each layer's hash and a root hash over them, written
//! atomically (temporary file, fsync, rename, directory fsync). The manifest is committed through
//! the coordinators' consensus. On start a node restores from its newest manifest, verifying
//! every object and the root; a mismatch is reported, never loaded.
//!
//! ```text
//! <data-dir>/checkpoints/objects/<sha256>
//! <data-dir>/checkpoints/manifest.json
//! ```

use crate::layers::{Model, ModelSpec};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Default time between checkpoints.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);

/// A manifest as written to disk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Monotonic per node.
    pub seq: u64,
    /// Writer.
    pub node_id: String,
    /// Layer → SHA-256 (hex) of its state.
    pub layers: BTreeMap<u32, String>,
    /// SHA-256 (hex) over the layer hashes in layer order.
    pub root: String,
    /// Unix ms.
    pub at_unix_ms: i64,
    /// Model shape (to rebuild it).
    pub layers_count: u32,
    /// Layer width.
    pub dim: usize,
}

/// Why a checkpoint could not be written or restored.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    /// File system trouble.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The checkpoint does not verify.
    #[error("checkpoint corrupt: {0}")]
    Corrupt(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CheckpointError + '_ {
    move |source| CheckpointError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Root hash over layer hashes in layer order.
pub fn root_of(layers: &BTreeMap<u32, String>) -> String {
    let mut h = Sha256::new();
    for hash in layers.values() {
        h.update(hash.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

/// Writes `bytes` to `path` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CheckpointError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    f.write_all(bytes).map_err(io(&tmp))?;
    f.sync_all().map_err(io(&tmp))?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(io(path))?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(dir))
}

/// A node's checkpoint directory.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Checkpoints under `<data_dir>/checkpoints`.
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("checkpoints"),
        }
    }

    /// The file of the object with content hash `hash`.
    pub fn object(&self, hash: &str) -> PathBuf {
        self.dir.join("objects").join(hash)
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("manifest.json")
    }

    /// The newest manifest, if any.
    pub fn manifest(&self) -> Result<Option<Manifest>, CheckpointError> {
        let path = self.manifest_path();
        match std::fs::read(&path) {
            Ok(b) => serde_json::from_slice(&b)
                .map(Some)
                .map_err(|e| CheckpointError::Corrupt(format!("manifest: {e}"))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(&path)(e)),
        }
    }

    /// Writes a checkpoint of `model`; with `corrupt`, objects get a flipped byte under their
    /// true hash (the injected fault) so verification catches it.
    pub fn write(
        &self,
        node_id: &str,
        model: &Model,
        corrupt: bool,
    ) -> Result<Manifest, CheckpointError> {
        let seq = self.manifest()?.map_or(1, |m| m.seq + 1);
        let mut layers = BTreeMap::new();
        for l in 0..model.spec.layers {
            let Some(mut state) = model.layer_state(l) else {
                continue;
            };
            let hash = sha(&state);
            let path = self.object(&hash);
            if corrupt {
                if let Some(b) = state.first_mut() {
                    *b ^= 0xff;
                }
                write_atomic(&path, &state)?;
            } else if std::fs::read(&path)
                .map(|b| sha(&b) != hash)
                .unwrap_or(true)
            {
                // Missing, or damaged earlier: (re)write it.
                write_atomic(&path, &state)?;
            }
            layers.insert(l, hash);
        }
        let manifest = Manifest {
            seq,
            node_id: node_id.to_string(),
            root: root_of(&layers),
            layers,
            at_unix_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0),
            layers_count: model.spec.layers,
            dim: model.spec.dim,
        };
        let text = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| CheckpointError::Corrupt(e.to_string()))?;
        write_atomic(&self.manifest_path(), &text)?;
        Ok(manifest)
    }

    /// Verifies every object of `manifest` and its root; returns the layer states in order.
    pub fn verify(&self, manifest: &Manifest) -> Result<Vec<Vec<u8>>, CheckpointError> {
        if root_of(&manifest.layers) != manifest.root {
            return Err(CheckpointError::Corrupt(
                "root hash does not match the layer hashes".into(),
            ));
        }
        let mut states = Vec::with_capacity(manifest.layers.len());
        for (layer, hash) in &manifest.layers {
            let path = self.object(hash);
            let bytes = std::fs::read(&path).map_err(|e| {
                CheckpointError::Corrupt(format!(
                    "layer {layer}: object {} unreadable ({e})",
                    path.display()
                ))
            })?;
            if sha(&bytes) != *hash {
                return Err(CheckpointError::Corrupt(format!(
                    "layer {layer}: object {hash} has content hashing to {}",
                    sha(&bytes)
                )));
            }
            states.push(bytes);
        }
        Ok(states)
    }

    /// Restores the model from the newest checkpoint: `Ok(None)` when there is none.
    pub fn restore(&self, spec: ModelSpec) -> Result<Option<(Model, Manifest)>, CheckpointError> {
        let Some(m) = self.manifest()? else {
            return Ok(None);
        };
        let states = self.verify(&m)?;
        let spec = ModelSpec {
            layers: m.layers_count,
            dim: m.dim,
            ..spec
        };
        let model = Model::from_states(spec, &states).ok_or_else(|| {
            CheckpointError::Corrupt("layer states do not fit the model shape".into())
        })?;
        Ok(Some((model, m)))
    }
}

/// Checkpoints `services`' model every `interval` into `store`, verifies what was written, and
/// reports a verified manifest to the coordinators (`CommitCheckpoint`) for consensus.
pub async fn run_periodic(
    store: Store,
    services: std::sync::Arc<crate::services::Services>,
    cluster: std::sync::Arc<crate::cluster::Cluster>,
    interval: Duration,
) {
    let mut tick = tokio::time::interval(interval);
    tick.tick().await;
    loop {
        tick.tick().await;
        let corrupt = services.faults.corrupt_checkpoint();
        let written = {
            let span = tracing::info_span!("checkpoint.create", node.id = %services.node_id);
            let _g = span.enter();
            store.write(&services.node_id, &services.model(), corrupt)
        };
        let manifest = match written.and_then(|m| store.verify(&m).map(|_| m)) {
            Ok(m) => {
                services.set_checkpoint_problem(None);
                m
            }
            Err(e) => {
                tracing::error!(error = %e, "checkpoint failed verification");
                services.set_checkpoint_problem(Some(e.to_string()));
                continue;
            }
        };
        let proto = butterfly_proto::debug::CheckpointManifest {
            seq: manifest.seq,
            node_id: manifest.node_id.clone(),
            layers: manifest
                .layers
                .iter()
                .map(|(l, h)| butterfly_proto::debug::CheckpointLayer {
                    layer: *l,
                    hash: h.clone(),
                })
                .collect(),
            root: manifest.root.clone(),
            at_unix_ms: manifest.at_unix_ms,
        };
        if let Err(e) = cluster.commit_checkpoint(proto).await {
            tracing::warn!(error = %e, seq = manifest.seq, "checkpoint manifest not committed");
        } else {
            tracing::info!(seq = manifest.seq, root = %manifest.root, "checkpoint committed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_verify_restore_and_catch_corruption() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        assert!(store.restore(ModelSpec::default()).unwrap().is_none());
        let model = Model::new(ModelSpec::default());
        let m1 = store.write("compute-1", &model, false).unwrap();
        assert_eq!(m1.seq, 1);
        let (restored, m) = store.restore(ModelSpec::default()).unwrap().unwrap();
        assert_eq!(m, m1);
        let x = model.encode("x");
        assert_eq!(restored.execute(2, &x), model.execute(2, &x));
        // Identical content: same objects, next seq.
        assert_eq!(store.write("compute-1", &model, false).unwrap().seq, 2);
        // Injected corruption is caught at verification and restore.
        let m3 = store.write("compute-1", &model, true).unwrap();
        let err = store.verify(&m3).unwrap_err().to_string();
        assert!(err.contains("checkpoint corrupt: layer 0"), "{err}");
        assert!(store.restore(ModelSpec::default()).is_err());
    }
}
