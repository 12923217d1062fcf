//! Rates between two polls (from the nodes' request counters) and the short history behind the
//! sparklines: per node and for the whole cluster, the last [`HISTORY_LEN`] polls.

use super::state::NodeInfo;
use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// Polls kept per series: 90 (3 minutes at the default 2 s refresh).
pub const HISTORY_LEN: usize = 90;

/// RPS and p99 (ms) series; `NaN` where a poll had no figure.
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// Requests per second.
    pub rps: VecDeque<f32>,
    /// p99, milliseconds.
    pub p99: VecDeque<f32>,
}

impl Series {
    fn push(&mut self, rps: Option<f64>, p99: Option<f64>) {
        for (q, v) in [(&mut self.rps, rps), (&mut self.p99, p99)] {
            if q.len() == HISTORY_LEN {
                q.pop_front();
            }
            q.push_back(v.map(|x| x as f32).unwrap_or(f32::NAN));
        }
    }
}

/// Per-node series and the cluster's (total RPS, worst p99).
#[derive(Debug, Clone, Default)]
pub struct History {
    /// By node id.
    pub nodes: HashMap<String, Series>,
    /// Whole cluster: summed RPS, highest p99.
    pub cluster: Series,
}

/// Fills `request_rate` and `error_ratio` of the nodes that lack them (no Prometheus) from the
/// change of their request counters since `prev`, `dt` earlier. A counter that went back (the
/// node restarted) gives no rate.
pub fn rates_between(prev: &[NodeInfo], nodes: &mut [NodeInfo], dt: Duration) {
    let secs = dt.as_secs_f64();
    if secs <= 0.0 {
        return;
    }
    let before: HashMap<&str, (u64, u64)> = prev
        .iter()
        .filter_map(|n| Some((n.id.as_str(), (n.requests_total?, n.requests_failed?))))
        .collect();
    for n in nodes.iter_mut().filter(|n| n.request_rate.is_none()) {
        let (Some(t), Some(f), Some((pt, pf))) = (
            n.requests_total,
            n.requests_failed,
            before.get(n.id.as_str()).copied(),
        ) else {
            continue;
        };
        if t < pt || f < pf {
            continue;
        }
        n.request_rate = Some((t - pt) as f64 / secs);
        n.error_ratio = (t > pt).then(|| ((f - pf) as f64 / (t - pt) as f64).clamp(0.0, 1.0));
    }
}

/// Appends this poll to the history; nodes gone from the membership are dropped.
pub fn record_history(h: &mut History, nodes: &[NodeInfo]) {
    let mut total: Option<f64> = None;
    let mut worst: Option<f64> = None;
    let mut seen: HashMap<String, Series> = HashMap::with_capacity(nodes.len());
    for n in nodes {
        let mut s = h.nodes.remove(&n.id).unwrap_or_default();
        let p99 = n.p99_ms().filter(|_| n.reachable);
        let rps = n.request_rate.filter(|_| n.reachable);
        s.push(rps, p99);
        if let Some(r) = rps {
            total = Some(total.unwrap_or(0.0) + r);
        }
        if let Some(p) = p99 {
            worst = Some(worst.map_or(p, |w: f64| w.max(p)));
        }
        seen.insert(n.id.clone(), s);
    }
    h.nodes = seen;
    h.cluster.push(total, worst);
}

/// The last `width` values as sparkline bars (`▁`..`█`, scaled to the series' max; a blank
/// where a poll had no figure).
pub fn spark(values: &VecDeque<f32>, width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let skip = values.len().saturating_sub(width);
    let max = values
        .iter()
        .skip(skip)
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0f32, f32::max);
    values
        .iter()
        .skip(skip)
        .map(|v| {
            if !v.is_finite() {
                ' '
            } else if max <= 0.0 {
                BARS[0]
            } else {
                BARS[((v / max) * 7.0).round().clamp(0.0, 7.0) as usize]
            }
        })
        .collect()
}

/// The newest finite value of a series.
pub fn last(values: &VecDeque<f32>) -> Option<f32> {
    values.iter().rev().copied().find(|v| v.is_finite())
}
