//! Tail sampling: a trace's finished spans wait in a bounded buffer until its local root span
//! ends; then the whole trace is kept or discarded.
//!
//! Kept always: traces with an error span, a Byzantine span, or a root slower than
//! [`SamplerConfig::slow_threshold`] (standing for p99). Other traces are kept with probability
//! [`SamplerConfig::normal_ratio`], decided by a fixed hash of the trace id so every node of the
//! cluster makes the same choice for the same trace.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::buffers::SpanRecord;

/// Share of normal traces kept (seed: 10 %).
pub const DEFAULT_NORMAL_RATIO: f64 = 0.10;
/// Root duration at or above which a trace counts as slow (stand-in for p99): 1 s.
pub const DEFAULT_SLOW_THRESHOLD: Duration = Duration::from_secs(1);
/// Traces waiting for their root at once.
pub const DEFAULT_MAX_PENDING_TRACES: usize = 4096;
/// Spans buffered per pending trace.
pub const DEFAULT_MAX_SPANS_PER_TRACE: usize = 1024;

/// Sampler settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SamplerConfig {
    /// Share of normal traces kept, 0..=1 (default [`DEFAULT_NORMAL_RATIO`]).
    pub normal_ratio: f64,
    /// Slow threshold (default [`DEFAULT_SLOW_THRESHOLD`]).
    pub slow_threshold: Duration,
    /// Pending-trace bound (default [`DEFAULT_MAX_PENDING_TRACES`]).
    pub max_pending_traces: usize,
    /// Per-trace span bound (default [`DEFAULT_MAX_SPANS_PER_TRACE`]).
    pub max_spans_per_trace: usize,
}

impl Default for SamplerConfig {
    fn default() -> Self {
        Self {
            normal_ratio: DEFAULT_NORMAL_RATIO,
            slow_threshold: DEFAULT_SLOW_THRESHOLD,
            max_pending_traces: DEFAULT_MAX_PENDING_TRACES,
            max_spans_per_trace: DEFAULT_MAX_SPANS_PER_TRACE,
        }
    }
}

/// Why a trace was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepReason {
    /// Some span had an error.
    Error,
    /// Some span recorded a Byzantine event.
    Byzantine,
    /// The root was at or over the slow threshold.
    Slow,
    /// Picked by the deterministic ratio.
    Ratio,
}

/// What happened to a trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Exported, for this reason.
    Keep(KeepReason),
    /// Not exported.
    Discard,
}

/// The finished, kept trace handed to the exporter.
#[derive(Debug, Clone, PartialEq)]
pub struct SampledTrace {
    /// Why it was kept.
    pub reason: KeepReason,
    /// Every buffered span plus the root, in end order.
    pub spans: Vec<SpanRecord>,
}

#[derive(Debug, Default)]
struct Pending {
    spans: Vec<SpanRecord>,
    error: bool,
    byzantine: bool,
}

/// Counters of a [`TailSampler`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SamplerStats {
    /// Traces kept.
    pub kept: u64,
    /// Traces discarded.
    pub discarded: u64,
    /// Spans dropped because a bound was hit.
    pub dropped_spans: u64,
}

/// Buffers spans per trace until the local root ends. Thread-safe.
#[derive(Debug)]
pub struct TailSampler {
    config: SamplerConfig,
    pending: Mutex<HashMap<[u8; 16], Pending>>,
    kept: AtomicU64,
    discarded: AtomicU64,
    dropped: AtomicU64,
}

impl Default for TailSampler {
    fn default() -> Self {
        Self::new(SamplerConfig::default())
    }
}

impl TailSampler {
    /// A sampler with `config`.
    pub fn new(config: SamplerConfig) -> Self {
        Self {
            config,
            pending: Mutex::new(HashMap::new()),
            kept: AtomicU64::new(0),
            discarded: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
        }
    }

    /// The settings.
    pub fn config(&self) -> &SamplerConfig {
        &self.config
    }

    /// Whether the deterministic ratio keeps `trace_id` (same answer on every node).
    pub fn ratio_keeps(&self, trace_id: &[u8; 16]) -> bool {
        ratio_keeps(trace_id, self.config.normal_ratio)
    }

    /// Buffers a finished non-root span of a trace whose root has not ended yet. Counted as
    /// dropped when the trace or pending-trace bound is hit.
    pub fn record(&self, span: SpanRecord) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let full = pending.len() >= self.config.max_pending_traces;
        let entry = match pending.get_mut(&span.trace_id) {
            Some(p) => p,
            None if full => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
                return;
            }
            None => pending.entry(span.trace_id).or_default(),
        };
        entry.error |= span.error;
        entry.byzantine |= span.byzantine;
        if entry.spans.len() >= self.config.max_spans_per_trace {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        } else {
            entry.spans.push(span);
        }
    }

    /// Ends a trace with its local root: decides, and returns the whole trace if kept.
    pub fn finish_root(&self, root: SpanRecord) -> Option<SampledTrace> {
        let p = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&root.trace_id)
            .unwrap_or_default();
        let error = p.error || root.error;
        let byzantine = p.byzantine || root.byzantine;
        let slow = root.duration_ns
            >= u64::try_from(self.config.slow_threshold.as_nanos()).unwrap_or(u64::MAX);
        match self.decide(&root.trace_id, error, byzantine, slow) {
            Decision::Keep(reason) => {
                self.kept.fetch_add(1, Ordering::Relaxed);
                let mut spans = p.spans;
                spans.push(root);
                Some(SampledTrace { reason, spans })
            }
            Decision::Discard => {
                self.discarded.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// The decision for a trace with the given outcome.
    pub fn decide(
        &self,
        trace_id: &[u8; 16],
        error: bool,
        byzantine: bool,
        slow: bool,
    ) -> Decision {
        if error {
            Decision::Keep(KeepReason::Error)
        } else if byzantine {
            Decision::Keep(KeepReason::Byzantine)
        } else if slow {
            Decision::Keep(KeepReason::Slow)
        } else if self.ratio_keeps(trace_id) {
            Decision::Keep(KeepReason::Ratio)
        } else {
            Decision::Discard
        }
    }

    /// Traces currently waiting for their root.
    pub fn pending_traces(&self) -> usize {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Kept/discarded/dropped counters.
    pub fn stats(&self) -> SamplerStats {
        SamplerStats {
            kept: self.kept.load(Ordering::Relaxed),
            discarded: self.discarded.load(Ordering::Relaxed),
            dropped_spans: self.dropped.load(Ordering::Relaxed),
        }
    }
}

/// Deterministic ratio decision: a SplitMix64 finaliser over both halves of the trace id,
/// mapped to [0, 1) and compared with `ratio`. Stable across nodes, builds and versions.
pub fn ratio_keeps(trace_id: &[u8; 16], ratio: f64) -> bool {
    if ratio >= 1.0 {
        return true;
    }
    if ratio.is_nan() || ratio <= 0.0 {
        return false;
    }
    let mut hi = [0u8; 8];
    let mut lo = [0u8; 8];
    hi.copy_from_slice(&trace_id[..8]);
    lo.copy_from_slice(&trace_id[8..]);
    let mut z = u64::from_be_bytes(hi) ^ u64::from_be_bytes(lo).rotate_left(32);
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    // Top 53 bits as a fraction in [0, 1).
    let frac = (z >> 11) as f64 / (1u64 << 53) as f64;
    frac < ratio
}
