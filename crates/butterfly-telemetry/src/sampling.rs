//! Tail sampling: a trace's finished spans wait in a bounded buffer until its local root span
//! ends; then the whole trace is kept or discarded.
//!
//! Kept always: traces with an error span, a Byzantine span, or a root slower than
//! [`SamplerConfig::slow_threshold`] (standing for p99). Other traces are kept with probability
//! [`SamplerConfig::normal_ratio`], decided by a fixed hash of the trace id so every node of the
//! cluster makes the same choice for the same trace.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::buffers::SpanRecord;

/// Share of normal traces kept (seed: 10 %).
pub const DEFAULT_NORMAL_RATIO: f64 = 0.10;
/// Root duration at or above which a trace counts as slow (stand-in for p99): 1 s.
pub const DEFAULT_SLOW_THRESHOLD: Duration = Duration::from_secs(1);
/// Traces waiting for their root at once.
pub const DEFAULT_MAX_PENDING_TRACES: usize = 4096;
/// Spans buffered per pending trace.
pub const DEFAULT_MAX_SPANS_PER_TRACE: usize = 1024;
/// A pending trace whose root has not ended after this long may be evicted (its spans counted
/// as dropped) to make room: 60 s.
pub const DEFAULT_MAX_PENDING_AGE: Duration = Duration::from_secs(60);
/// Decisions remembered after a root ends, so spans that end later follow their trace.
pub const DEFAULT_DECISION_MEMORY: usize = 4096;

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
    /// Age after which a pending trace may be evicted (default [`DEFAULT_MAX_PENDING_AGE`]).
    pub max_pending_age: Duration,
    /// Remembered decisions (default [`DEFAULT_DECISION_MEMORY`]).
    pub decision_memory: usize,
}

impl Default for SamplerConfig {
    fn default() -> Self {
        Self {
            normal_ratio: DEFAULT_NORMAL_RATIO,
            slow_threshold: DEFAULT_SLOW_THRESHOLD,
            max_pending_traces: DEFAULT_MAX_PENDING_TRACES,
            max_spans_per_trace: DEFAULT_MAX_SPANS_PER_TRACE,
            max_pending_age: DEFAULT_MAX_PENDING_AGE,
            decision_memory: DEFAULT_DECISION_MEMORY,
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

#[derive(Debug)]
struct Pending {
    first_seen: Instant,
    spans: Vec<SpanRecord>,
    error: bool,
    byzantine: bool,
}

impl Default for Pending {
    fn default() -> Self {
        Self {
            first_seen: Instant::now(),
            spans: Vec::new(),
            error: false,
            byzantine: false,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    pending: HashMap<[u8; 16], Pending>,
    /// trace id -> reason kept (None = discarded), oldest first in `order`.
    decided: HashMap<[u8; 16], Option<KeepReason>>,
    order: VecDeque<[u8; 16]>,
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
    state: Mutex<State>,
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
            state: Mutex::new(State::default()),
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

    /// Takes a finished non-root span. If its trace was already decided (the root ended first),
    /// the span follows that decision: returned for export when the trace was kept. Otherwise
    /// it is buffered until the root ends; when the pending-trace bound is hit, traces older
    /// than `max_pending_age` are evicted first, then the span is dropped (counted).
    pub fn record(&self, span: SpanRecord) -> Option<SampledTrace> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(decision) = st.decided.get(&span.trace_id).copied() {
            let error_now = span.error || span.byzantine;
            return match decision {
                Some(reason) => Some(SampledTrace {
                    reason,
                    spans: vec![span],
                }),
                // A late error cannot resurrect spans already discarded; export it alone.
                None if error_now => Some(SampledTrace {
                    reason: if span.error {
                        KeepReason::Error
                    } else {
                        KeepReason::Byzantine
                    },
                    spans: vec![span],
                }),
                None => None,
            };
        }
        if !st.pending.contains_key(&span.trace_id)
            && st.pending.len() >= self.config.max_pending_traces
        {
            let max_age = self.config.max_pending_age;
            let before: usize = st.pending.values().map(|p| p.spans.len()).sum();
            st.pending.retain(|_, p| p.first_seen.elapsed() < max_age);
            let after: usize = st.pending.values().map(|p| p.spans.len()).sum();
            self.dropped
                .fetch_add((before - after) as u64, Ordering::Relaxed);
            if st.pending.len() >= self.config.max_pending_traces {
                self.dropped.fetch_add(1, Ordering::Relaxed);
                return None;
            }
        }
        let max_spans = self.config.max_spans_per_trace;
        let entry = st.pending.entry(span.trace_id).or_default();
        entry.error |= span.error;
        entry.byzantine |= span.byzantine;
        if entry.spans.len() >= max_spans {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        } else {
            entry.spans.push(span);
        }
        None
    }

    /// Ends a trace with its local root: decides, and returns the whole trace if kept.
    pub fn finish_root(&self, root: SpanRecord) -> Option<SampledTrace> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let p = st.pending.remove(&root.trace_id).unwrap_or_default();
        let error = p.error || root.error;
        let byzantine = p.byzantine || root.byzantine;
        let slow = root.duration_ns()
            >= u64::try_from(self.config.slow_threshold.as_nanos()).unwrap_or(u64::MAX);
        let decision = self.decide(&root.trace_id, error, byzantine, slow);
        if self.config.decision_memory > 0 {
            if st.order.len() >= self.config.decision_memory {
                if let Some(old) = st.order.pop_front() {
                    st.decided.remove(&old);
                }
            }
            let reason = match decision {
                Decision::Keep(r) => Some(r),
                Decision::Discard => None,
            };
            if st.decided.insert(root.trace_id, reason).is_none() {
                st.order.push_back(root.trace_id);
            }
        }
        drop(st);
        match decision {
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
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pending
            .len()
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
