//! The Latency view's maths, free of any terminal or network: request-latency histogram buckets
//! (cumulative `le` counts, as Prometheus and the nodes' `/metrics` expose them) turned into a
//! heatmap (per-bucket counts per time step) and p50/p99/p999 with `histogram_quantile`'s linear
//! interpolation inside a bucket.

use std::collections::VecDeque;

/// The request-latency histogram (seconds), as the seed names it.
pub const METRIC: &str = "butterfly_request_duration_seconds";

/// Time steps kept: 120 (4 minutes at the default 2 s refresh; 20 minutes of Prometheus steps).
pub const MAX_COLUMNS: usize = 120;

/// One time step: how many requests fell in each bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// End of the step, ms since the Unix epoch.
    pub t_ms: i64,
    /// Requests per bucket (not cumulative), one per [`Heatmap::bounds`] entry plus the
    /// overflow (`+Inf`) bucket last. Per poll (node histograms) or per second (Prometheus rates).
    pub counts: Vec<f64>,
}

/// The heatmap: bucket bounds and the columns over time, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Heatmap {
    /// Finite upper bounds (`le`) of the buckets, seconds, ascending.
    pub bounds: Vec<f64>,
    /// Oldest first, at most [`MAX_COLUMNS`].
    pub columns: VecDeque<Column>,
    /// What a count means: `req/poll` or `req/s`.
    pub unit: String,
}

impl Heatmap {
    /// Appends a column (dropping the oldest past [`MAX_COLUMNS`]); a column whose bucket count
    /// does not match the bounds (the histogram's layout changed) starts the map afresh.
    pub fn push(&mut self, bounds: &[f64], col: Column) {
        if self.bounds != bounds {
            self.bounds = bounds.to_vec();
            self.columns.clear();
        }
        if col.counts.len() != bounds.len() + 1 {
            return;
        }
        if self.columns.len() == MAX_COLUMNS {
            self.columns.pop_front();
        }
        self.columns.push_back(col);
    }
    /// The largest count of any cell (the colour scale's top).
    pub fn max_count(&self) -> f64 {
        self.columns
            .iter()
            .flat_map(|c| c.counts.iter().copied())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    }
}

/// Sums the cumulative buckets of `metric` over every label set in a text exposition
/// (Prometheus or OpenMetrics; exemplars ignored): `(le, cumulative count)` sorted by `le`, the
/// `+Inf` bucket last as `f64::INFINITY`. None when the metric is absent.
pub fn buckets_in_exposition(text: &str, metric: &str) -> Option<Vec<(f64, f64)>> {
    let prefix = format!("{metric}_bucket{{");
    let mut sums: Vec<(f64, f64)> = Vec::new();
    for line in text.lines().filter(|l| l.starts_with(&prefix)) {
        let sample = line.split_once(" # ").map_or(line, |(s, _)| s);
        let Some((series, value)) = sample.rsplit_once('}') else {
            continue;
        };
        let Some(le) = label(series, "le").and_then(|v| parse_le(&v)) else {
            continue;
        };
        let Some(v) = value
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<f64>().ok())
        else {
            continue;
        };
        match sums.iter_mut().find(|(l, _)| *l == le) {
            Some(e) => e.1 += v,
            None => sums.push((le, v)),
        }
    }
    if sums.is_empty() {
        return None;
    }
    sums.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(sums)
}

/// The value of label `name` in `{a="x",name="y"` (no unescaping: `le` values are numbers).
fn label(series: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let start = series
        .match_indices(&needle)
        .find(|(i, _)| *i == 0 || matches!(series.as_bytes()[i - 1], b'{' | b','))
        .map(|(i, _)| i + needle.len())?;
    let rest = &series[start..];
    Some(rest[..rest.find('"')?].to_string())
}

/// `le` text to seconds: `0.005`, `1e-3`, `+Inf`.
pub fn parse_le(s: &str) -> Option<f64> {
    match s {
        "+Inf" | "Inf" | "inf" => Some(f64::INFINITY),
        _ => s.parse::<f64>().ok().filter(|v| !v.is_nan()),
    }
}

/// Splits sorted cumulative buckets into the finite bounds and per-bucket counts (the overflow
/// bucket last). A missing `+Inf` bucket counts as an empty overflow; a cumulative count that
/// goes down (not a histogram) is clamped to zero.
pub fn per_bucket(cumulative: &[(f64, f64)]) -> (Vec<f64>, Vec<f64>) {
    let mut bounds = Vec::new();
    let mut counts = Vec::new();
    let mut prev = 0.0;
    let mut overflow = 0.0;
    for &(le, c) in cumulative {
        if le.is_infinite() {
            overflow = (c - prev).max(0.0);
        } else {
            bounds.push(le);
            counts.push((c - prev).max(0.0));
            prev = c;
        }
    }
    counts.push(overflow);
    (bounds, counts)
}

/// Per-bucket counts between two scrapes of the same cumulative histogram: `cur - prev` per
/// bucket. None when the bucket layout differs or any count went back (the node restarted).
pub fn delta(prev: &[(f64, f64)], cur: &[(f64, f64)]) -> Option<Vec<(f64, f64)>> {
    if prev.len() != cur.len() {
        return None;
    }
    prev.iter()
        .zip(cur)
        .map(|(&(pl, pc), &(cl, cc))| (pl == cl && cc >= pc).then_some((cl, cc - pc)))
        .collect()
}

/// The `q` quantile (0..=1) of per-bucket `counts` (overflow last) over `bounds`, the way
/// PromQL's `histogram_quantile` computes it: find the bucket holding rank `q × total` and
/// interpolate linearly between its lower and upper bound (the first bucket's lower bound is 0;
/// a rank in the overflow bucket gives the highest finite bound). None when there are no
/// observations or no finite bound.
pub fn quantile(q: f64, bounds: &[f64], counts: &[f64]) -> Option<f64> {
    if !(0.0..=1.0).contains(&q) || bounds.is_empty() || counts.len() != bounds.len() + 1 {
        return None;
    }
    let total: f64 = counts.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return None;
    }
    let rank = q * total;
    let mut below = 0.0;
    for (i, &c) in counts.iter().enumerate() {
        if i == bounds.len() {
            return bounds.last().copied();
        }
        if below + c >= rank && c > 0.0 {
            let lower = if i == 0 { 0.0 } else { bounds[i - 1] };
            let upper = bounds[i];
            return Some(lower + (upper - lower) * ((rank - below) / c));
        }
        below += c;
    }
    bounds.last().copied()
}

/// The bucket index (0 = fastest, `bounds.len()` = overflow) that holds latency `v` seconds.
pub fn bucket_of(v: f64, bounds: &[f64]) -> usize {
    bounds.iter().position(|&b| v <= b).unwrap_or(bounds.len())
}

/// Shade of a cell: 0 (empty) to 4 (the busiest), scaled to `max` so that any non-zero count
/// shows at least level 1.
pub fn level(count: f64, max: f64) -> u8 {
    if count.is_nan() || max.is_nan() || count <= 0.0 || max <= 0.0 {
        return 0;
    }
    ((count / max) * 4.0).ceil().clamp(1.0, 4.0) as u8
}

/// Shade characters by level (readable without colour): ` ░▒▓█`.
pub const SHADES: [char; 5] = [' ', '░', '▒', '▓', '█'];

/// A bucket bound as a short label: `1ms`, `250ms`, `2.5s`, `+Inf`.
pub fn bound_label(s: f64) -> String {
    if s.is_infinite() {
        "+Inf".into()
    } else if s < 1.0 {
        let ms = s * 1000.0;
        if ms.fract().abs() < 1e-9 {
            format!("{ms:.0}ms")
        } else {
            format!("{ms:.1}ms")
        }
    } else if s.fract().abs() < 1e-9 {
        format!("{s:.0}s")
    } else {
        format!("{s:.1}s")
    }
}

/// Columns from a Prometheus range query of `sum by (le) (rate(<metric>_bucket[…]))`: one
/// `(le, [(t_ms, value)])` series per bucket. Steps where a bucket has no sample count as 0.
pub fn columns_from_series(series: &[(f64, Vec<(i64, f64)>)]) -> (Vec<f64>, Vec<Column>) {
    let mut times: Vec<i64> = series
        .iter()
        .flat_map(|(_, v)| v.iter().map(|p| p.0))
        .collect();
    times.sort_unstable();
    times.dedup();
    let mut sorted: Vec<&(f64, Vec<(i64, f64)>)> = series.iter().collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut bounds = Vec::new();
    let mut cols = Vec::with_capacity(times.len());
    for (i, &t) in times.iter().enumerate() {
        let cumulative: Vec<(f64, f64)> = sorted
            .iter()
            .map(|(le, pts)| {
                let v = pts
                    .iter()
                    .find(|p| p.0 == t)
                    .map(|p| p.1)
                    .filter(|v| v.is_finite())
                    .unwrap_or(0.0);
                (*le, v)
            })
            .collect();
        let (b, counts) = per_bucket(&cumulative);
        if i == 0 {
            bounds = b;
        }
        cols.push(Column { t_ms: t, counts });
    }
    (bounds, cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPO: &str = "# TYPE butterfly_request_duration_seconds histogram\n\
        butterfly_request_duration_seconds_bucket{model=\"a\",le=\"0.01\"} 2\n\
        butterfly_request_duration_seconds_bucket{model=\"a\",le=\"0.1\"} 5 # {trace_id=\"x\"} 0.05\n\
        butterfly_request_duration_seconds_bucket{model=\"a\",le=\"+Inf\"} 6\n\
        butterfly_request_duration_seconds_bucket{model=\"b\",le=\"0.01\"} 1\n\
        butterfly_request_duration_seconds_bucket{model=\"b\",le=\"0.1\"} 1\n\
        butterfly_request_duration_seconds_bucket{model=\"b\",le=\"+Inf\"} 4\n\
        butterfly_request_duration_seconds_count{model=\"a\"} 6\n\
        butterfly_layer_duration_seconds_bucket{le=\"0.01\"} 99\n";

    #[test]
    fn exposition_buckets_are_summed_over_label_sets() {
        let b = buckets_in_exposition(EXPO, METRIC).unwrap();
        assert_eq!(b, vec![(0.01, 3.0), (0.1, 6.0), (f64::INFINITY, 10.0)]);
        assert_eq!(buckets_in_exposition(EXPO, "nope"), None);
        let (bounds, counts) = per_bucket(&b);
        assert_eq!(bounds, vec![0.01, 0.1]);
        assert_eq!(counts, vec![3.0, 3.0, 4.0]);
    }

    #[test]
    fn deltas_between_scrapes_and_a_restart() {
        let a = vec![(0.01, 3.0), (0.1, 6.0), (f64::INFINITY, 10.0)];
        let b = vec![(0.01, 5.0), (0.1, 9.0), (f64::INFINITY, 13.0)];
        assert_eq!(
            delta(&a, &b),
            Some(vec![(0.01, 2.0), (0.1, 3.0), (f64::INFINITY, 3.0)])
        );
        assert_eq!(delta(&b, &a), None, "counters went back: a restart");
        assert_eq!(delta(&a, &b[..2]), None, "layout changed");
    }

    #[test]
    fn quantiles_interpolate_like_histogram_quantile() {
        // 100 observations: 50 in (0, 10ms], 40 in (10ms, 100ms], 9 in (100ms, 1s], 1 over 1s.
        let bounds = [0.01, 0.1, 1.0];
        let counts = [50.0, 40.0, 9.0, 1.0];
        // rank 50 is the end of the first bucket.
        assert!((quantile(0.5, &bounds, &counts).unwrap() - 0.01).abs() < 1e-12);
        // rank 75: 25 of 40 into (0.01, 0.1].
        let p75 = quantile(0.75, &bounds, &counts).unwrap();
        assert!((p75 - (0.01 + 0.09 * 25.0 / 40.0)).abs() < 1e-12, "{p75}");
        // rank 99: the end of (0.1, 1].
        assert!((quantile(0.99, &bounds, &counts).unwrap() - 1.0).abs() < 1e-12);
        // rank 99.9 falls in the overflow bucket: the highest finite bound.
        assert_eq!(quantile(0.999, &bounds, &counts), Some(1.0));
        assert_eq!(quantile(0.5, &bounds, &[0.0; 4]), None, "no observations");
        assert_eq!(quantile(0.5, &bounds, &[1.0; 3]), None, "bad layout");
        assert_eq!(quantile(1.5, &bounds, &counts), None);
        // Leading empty buckets are skipped: all in the second bucket.
        let p50 = quantile(0.5, &bounds, &[0.0, 10.0, 0.0, 0.0]).unwrap();
        assert!((p50 - 0.055).abs() < 1e-12, "{p50}");
    }

    #[test]
    fn levels_buckets_and_labels() {
        assert_eq!(level(0.0, 10.0), 0);
        assert_eq!(level(0.1, 10.0), 1, "any request shows");
        assert_eq!(level(10.0, 10.0), 4);
        assert_eq!(level(5.0, 10.0), 2);
        assert_eq!(level(f64::NAN, 10.0), 0);
        assert_eq!(bucket_of(0.005, &[0.01, 0.1]), 0);
        assert_eq!(bucket_of(0.05, &[0.01, 0.1]), 1);
        assert_eq!(bucket_of(5.0, &[0.01, 0.1]), 2);
        assert_eq!(bound_label(0.001), "1ms");
        assert_eq!(bound_label(0.0025), "2.5ms");
        assert_eq!(bound_label(2.5), "2.5s");
        assert_eq!(bound_label(f64::INFINITY), "+Inf");
    }

    #[test]
    fn prometheus_series_become_columns_and_the_map_is_bounded() {
        let series = vec![
            (f64::INFINITY, vec![(1000, 4.0), (2000, 6.0)]),
            (0.01, vec![(1000, 1.0), (2000, 2.0)]),
            (0.1, vec![(1000, 3.0)]),
        ];
        let (bounds, cols) = columns_from_series(&series);
        assert_eq!(bounds, vec![0.01, 0.1]);
        assert_eq!(cols[0].counts, vec![1.0, 2.0, 1.0]);
        // At t=2000 the 0.1 bucket had no sample (0): clamped, never negative.
        assert_eq!(cols[1].counts, vec![2.0, 0.0, 6.0]);
        let mut h = Heatmap::default();
        for i in 0..(MAX_COLUMNS as i64 + 5) {
            h.push(
                &bounds,
                Column {
                    t_ms: i,
                    counts: vec![1.0, 0.0, i as f64],
                },
            );
        }
        assert_eq!(h.columns.len(), MAX_COLUMNS);
        assert_eq!(h.columns[0].t_ms, 5);
        assert_eq!(h.max_count(), (MAX_COLUMNS + 4) as f64);
        h.push(
            &[0.5],
            Column {
                t_ms: 0,
                counts: vec![1.0, 1.0],
            },
        );
        assert_eq!(h.columns.len(), 1, "a new layout starts afresh");
    }
}
