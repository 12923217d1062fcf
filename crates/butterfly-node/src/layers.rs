//! The model: deterministic layer arithmetic on small seeded matrices, so every honest replica
//! computes bit-identical outputs and a coordinator can compare their hashes.
//!
//! Layer `l` computes `y = tanh(W_l · x + b_l)` with `W_l` (`dim × dim`) and `b_l` drawn from a
//! SplitMix64 stream seeded by `(seed, l)`. Inputs are text, encoded into a `dim` vector by
//! hashing; outputs are hashed with SHA-256 over their little-endian `f32` bytes.

use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Default number of layers in the demo model.
pub const DEFAULT_LAYERS: u32 = 8;
/// Default width of every layer (the tensor is `[1, dim]`).
pub const DEFAULT_DIM: usize = 64;
/// Default model seed.
pub const DEFAULT_SEED: u64 = 0xB077_E2F1;
/// Name of the one model the demo serves.
pub const DEFAULT_MODEL: &str = "butterfly-demo";

/// Shape of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelSpec {
    /// Number of layers.
    pub layers: u32,
    /// Layer width.
    pub dim: usize,
    /// Seed of the weights.
    pub seed: u64,
}

impl Default for ModelSpec {
    fn default() -> Self {
        ModelSpec {
            layers: DEFAULT_LAYERS,
            dim: DEFAULT_DIM,
            seed: DEFAULT_SEED,
        }
    }
}

/// One layer's parameters.
#[derive(Debug)]
pub struct Layer {
    weights: Vec<f32>,
    bias: Vec<f32>,
    dim: usize,
}

/// The model's layers, built once.
#[derive(Debug, Clone)]
pub struct Model {
    /// Its shape.
    pub spec: ModelSpec,
    layers: Arc<Vec<Layer>>,
}

/// SplitMix64: a tiny, well-known deterministic generator (same numbers on every machine).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A float in [-scale, scale).
fn uniform(state: &mut u64, scale: f32) -> f32 {
    let unit = (splitmix(state) >> 40) as f32 / (1u64 << 24) as f32;
    (unit * 2.0 - 1.0) * scale
}

impl Model {
    /// Builds the layers of `spec`.
    pub fn new(spec: ModelSpec) -> Model {
        let scale = 1.0 / (spec.dim.max(1) as f32).sqrt();
        let layers = (0..spec.layers)
            .map(|l| {
                let mut st = spec.seed ^ (u64::from(l) + 1).wrapping_mul(0xA24B_AED4_963E_E407);
                Layer {
                    weights: (0..spec.dim * spec.dim)
                        .map(|_| uniform(&mut st, scale))
                        .collect(),
                    bias: (0..spec.dim).map(|_| uniform(&mut st, 0.1)).collect(),
                    dim: spec.dim,
                }
            })
            .collect();
        Model {
            spec,
            layers: Arc::new(layers),
        }
    }

    /// Runs layer `layer` on `input`; `None` when the layer does not exist or the input has
    /// the wrong width.
    pub fn execute(&self, layer: u32, input: &[f32]) -> Option<Vec<f32>> {
        let l = self.layers.get(layer as usize)?;
        if input.len() != l.dim {
            return None;
        }
        Some(
            (0..l.dim)
                .map(|row| {
                    let w = &l.weights[row * l.dim..(row + 1) * l.dim];
                    let dot: f32 = w.iter().zip(input).map(|(a, b)| a * b).sum();
                    (dot + l.bias[row]).tanh()
                })
                .collect(),
        )
    }

    /// Bytes of a layer's parameters (weights and bias, `f32`); `None` when it does not exist.
    pub fn layer_param_bytes(&self, layer: u32) -> Option<u64> {
        let l = self.layers.get(layer as usize)?;
        Some(((l.weights.len() + l.bias.len()) * 4) as u64)
    }

    /// A layer's state (weights then bias, `f32` little-endian), as checkpointed.
    pub fn layer_state(&self, layer: u32) -> Option<Vec<u8>> {
        let l = self.layers.get(layer as usize)?;
        let mut out = to_bytes(&l.weights);
        out.extend(to_bytes(&l.bias));
        Some(out)
    }

    /// A model of shape `spec` from checkpointed layer states (in layer order); `None` when a
    /// state has the wrong size.
    pub fn from_states(spec: ModelSpec, states: &[Vec<u8>]) -> Option<Model> {
        if states.len() != spec.layers as usize {
            return None;
        }
        let layers = states
            .iter()
            .map(|bytes| {
                let v = from_bytes(bytes)?;
                if v.len() != spec.dim * spec.dim + spec.dim {
                    return None;
                }
                let (w, b) = v.split_at(spec.dim * spec.dim);
                Some(Layer {
                    weights: w.to_vec(),
                    bias: b.to_vec(),
                    dim: spec.dim,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Model {
            spec,
            layers: Arc::new(layers),
        })
    }

    /// Encodes request text as the first layer's input.
    pub fn encode(&self, text: &str) -> Vec<f32> {
        let digest = Sha256::digest(text.as_bytes());
        let mut st = u64::from_le_bytes(digest[..8].try_into().unwrap_or([0; 8]));
        (0..self.spec.dim).map(|_| uniform(&mut st, 1.0)).collect()
    }
}

/// SHA-256 (hex) of a tensor's little-endian bytes.
pub fn tensor_hash(t: &[f32]) -> String {
    let mut h = Sha256::new();
    for v in t {
        h.update(v.to_le_bytes());
    }
    hex::encode(h.finalize())
}

pub use crate::frame::{append_bytes, from_bytes, to_bytes};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sensitive() {
        let a = Model::new(ModelSpec::default());
        let b = Model::new(ModelSpec::default());
        let x = a.encode("hello");
        let ya = a.execute(3, &x).unwrap();
        let yb = b.execute(3, &b.encode("hello")).unwrap();
        assert_eq!(tensor_hash(&ya), tensor_hash(&yb));
        assert_ne!(
            tensor_hash(&ya),
            tensor_hash(&a.execute(3, &a.encode("hellp")).unwrap())
        );
        assert!(a.execute(99, &x).is_none());
        assert!(a.execute(0, &x[1..]).is_none());
        assert_eq!(from_bytes(&to_bytes(&ya)).unwrap(), ya);
        assert!(from_bytes(&[1, 2, 3]).is_none());
    }
}
