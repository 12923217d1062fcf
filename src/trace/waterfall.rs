//! The terminal waterfall: one row per span with its node, start offset, duration bar and
//! status; the critical path drawn solid, errors and Byzantine events marked.

use super::assemble::Assembled;
use super::SpanStatus;
use crate::output::Style;
use std::fmt::Write as _;

/// Default width of the duration bars, in columns.
pub const DEFAULT_BAR_WIDTH: usize = 40;
/// Widest span label before it is cut, in columns.
pub const MAX_LABEL_WIDTH: usize = 56;

/// How the waterfall is drawn.
#[derive(Debug, Clone, Copy)]
pub struct WaterfallOptions {
    /// Width of the bar column [default: 40].
    pub bar_width: usize,
    /// Spans shorter than this (nanoseconds) are folded into their parent's row, unless they
    /// are on the critical path, failed or saw a Byzantine event [default: 0, fold nothing].
    pub min_duration_ns: u64,
}

impl Default for WaterfallOptions {
    fn default() -> Self {
        WaterfallOptions {
            bar_width: DEFAULT_BAR_WIDTH,
            min_duration_ns: 0,
        }
    }
}

/// Milliseconds with two decimals, e.g. `12.34ms`.
pub fn ms(ns: u64) -> String {
    format!("{:.2}ms", ns as f64 / 1e6)
}

/// Renders `trace` as a waterfall (no trailing newline).
pub fn render(trace: &Assembled, opts: &WaterfallOptions, style: &Style) -> String {
    let rows = &trace.rows;
    // Which rows are shown, and how many hidden spans each shown row stands for.
    let mut hidden = vec![false; rows.len()];
    let mut folded = vec![0usize; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        let parent_hidden = r.parent.is_some_and(|p| hidden[p]);
        let keep = r.critical
            || r.span.status == SpanStatus::Error
            || r.span.is_byzantine()
            || r.span.duration_ns >= opts.min_duration_ns;
        hidden[i] = r.parent.is_some() && (parent_hidden || !keep);
        if hidden[i] {
            let mut a = r.parent;
            while let Some(p) = a {
                if !hidden[p] {
                    folded[p] += 1;
                    break;
                }
                a = rows[p].parent;
            }
        }
    }
    // Tree glyphs: for each shown row, "│  " or "   " per ancestor level, then "├─ " / "└─ ".
    let mut labels = Vec::with_capacity(rows.len());
    let mut open: Vec<bool> = Vec::new(); // per depth: does the ancestor at that depth have later siblings
    for (i, r) in rows.iter().enumerate() {
        open.truncate(r.depth);
        let mut label = String::new();
        if r.depth > 0 {
            for &more in open.iter().skip(1) {
                label.push_str(if more { "│  " } else { "   " });
            }
            label.push_str(if r.last_child { "└─ " } else { "├─ " });
        }
        open.push(!r.last_child);
        label.push_str(&r.span.name);
        let a = &r.span.attributes;
        if let Some(l) = a.get("layer.id").or_else(|| a.get("layer")) {
            let _ = write!(label, " L{l}");
        }
        if let Some(to) = a.get("to") {
            let _ = write!(label, " → {to}");
        }
        if folded[i] > 0 {
            let _ = write!(label, " (+{} folded)", folded[i]);
        }
        labels.push(cut(&label, MAX_LABEL_WIDTH));
    }
    let shown: Vec<usize> = (0..rows.len()).filter(|&i| !hidden[i]).collect();
    let label_w = shown
        .iter()
        .map(|&i| labels[i].chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let node_w = shown
        .iter()
        .map(|&i| rows[i].span.node_id.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let width = opts.bar_width.max(10);
    let total = trace.total_ns.max(1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:label_w$}  {:node_w$}  {:>10}  {:>10}  {:width$}  STATUS",
            "SPAN",
            "NODE",
            "START",
            "DURATION",
            format!("0 … {}", ms(trace.total_ns))
        ))
    );
    for &i in &shown {
        let r = &rows[i];
        let from = scale(r.offset_ns, total, width).min(width - 1);
        let len = scale(r.span.duration_ns, total, width)
            .max(1)
            .min(width - from);
        let glyph = if r.critical { '█' } else { '▒' };
        let bar: String = std::iter::repeat_n(' ', from)
            .chain(std::iter::repeat_n(glyph, len))
            .chain(std::iter::repeat_n(' ', width - from - len))
            .collect();
        let bar = match (r.span.status, r.critical) {
            (SpanStatus::Error, _) => style.bad(&bar),
            (_, true) => style.warn(&bar),
            _ => style.dim(&bar),
        };
        let mut status = match r.span.status {
            SpanStatus::Error => style.bad("✗ error"),
            SpanStatus::Ok => "ok".to_string(),
            SpanStatus::Unset => "-".to_string(),
        };
        if r.span.is_byzantine() {
            status.push_str(&format!(" {}", style.bad("⚠ byzantine")));
        }
        let label = format!("{:label_w$}", labels[i]);
        let label = if r.critical {
            style.bold(&label)
        } else {
            label
        };
        let _ = writeln!(
            out,
            "{label}  {:node_w$}  {:>10}  {:>10}  {bar}  {status}",
            r.span.node_id,
            ms(r.offset_ns),
            ms(r.span.duration_ns),
        );
    }
    let _ = write!(
        out,
        "{}",
        style.dim("█ critical path  ▒ other spans  ✗ error  ⚠ byzantine event")
    );
    out
}

fn scale(ns: u64, total: u64, width: usize) -> usize {
    usize::try_from(u128::from(ns) * width as u128 / u128::from(total)).unwrap_or(width)
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{assemble, test_span as span};

    #[test]
    fn rows_bars_glyphs_and_folding() {
        let mut slow = span("c", Some("a"), "w2", 1_000_000, 8_000_000);
        slow.attributes.insert("layer.id".into(), "3".into());
        let mut bad = span("e", Some("a"), "w3", 9_000_000, 10_000);
        bad.status = SpanStatus::Error;
        let spans = vec![
            span("a", None, "c1", 0, 10_000_000),
            span("b", Some("a"), "w1", 1_000_000, 20_000),
            slow,
            span("d", Some("c"), "w2", 1_100_000, 10_000),
            bad,
        ];
        let t = assemble(spans);
        let style = Style::plain();
        let full = render(&t, &WaterfallOptions::default(), &style);
        assert_eq!(full.lines().count(), 1 + 5 + 1, "{full}");
        assert!(full.contains("├─ op-c L3"), "{full}");
        assert!(full.contains("│  └─ op-d"), "{full}");
        assert!(full.contains("└─ op-e"), "{full}");
        assert!(full.contains("✗ error"), "{full}");
        let root_line = full.lines().nth(1).unwrap_or_default();
        assert!(root_line.contains(&"█".repeat(40)), "{root_line}");
        let folded = render(
            &t,
            &WaterfallOptions {
                min_duration_ns: 1_000_000,
                ..Default::default()
            },
            &style,
        );
        // b is fast and off the critical path: folded; d is fast but on it; e failed.
        assert!(!folded.contains("op-b"), "{folded}");
        assert!(folded.contains("op-a (+1 folded)"), "{folded}");
        assert!(
            folded.contains("op-d") && folded.contains("op-e"),
            "{folded}"
        );
    }
}
