//! Drawing the Latency view: the request-latency heatmap (one row per histogram bucket, slowest
//! on top; one column per time step, newest on the right), shaded by count (` ░▒▓█`, coloured
//! when colour is allowed), with each step's p50/p99/p999 marked (`5`, `9`, `*`).

use super::heatmap::{bound_label, bucket_of, level, quantile, Heatmap, SHADES};
use super::state::{App, Data};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use std::time::Instant;

/// Width of the bucket labels on the left: 7 cells.
const AXIS: usize = 7;

/// The quantiles marked, with their marker and colour, in the order they win a shared cell
/// (p99 first: the figure on-call watches).
pub const MARKS: [(f64, char, Color); 3] = [
    (0.99, '9', Color::Yellow),
    (0.5, '5', Color::Green),
    (0.999, '*', Color::Magenta),
];

fn shade_color(level: u8) -> Color {
    match level {
        1 => Color::Blue,
        2 => Color::Cyan,
        3 => Color::Yellow,
        _ => Color::Red,
    }
}

fn ms(v: Option<f64>) -> String {
    match v {
        Some(s) if s < 1.0 => format!("{:.1}ms", s * 1000.0),
        Some(s) => format!("{s:.2}s"),
        None => "-".into(),
    }
}

/// Draws the view into `area`; returns 0 (no selectable rows).
pub fn latency(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) -> usize {
    let src = &data.latency;
    let empty = Heatmap::default();
    let map = src.data.as_ref().unwrap_or(&empty);
    let title = format!(
        " Latency, {} per bucket — {} ",
        if map.unit.is_empty() {
            "requests"
        } else {
            &map.unit
        },
        src.caption(now)
    );
    let block = Block::default().borders(Borders::TOP).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines = heat_lines(app, map, inner.width as usize, inner.height as usize);
    f.render_widget(Paragraph::new(lines), inner);
    0
}

/// The view's lines for a `width`×`height` area (pure: snapshot- and unit-tested).
pub fn heat_lines(app: &App, map: &Heatmap, width: usize, height: usize) -> Vec<Line<'static>> {
    let nb = map.bounds.len() + 1;
    if map.columns.is_empty() || map.bounds.is_empty() {
        return vec![Line::from(
            "waiting for two polls of the request-latency histogram (no requests yet?)",
        )];
    }
    let rows = height.saturating_sub(2).max(1);
    let group = nb.div_ceil(rows);
    let nrows = nb.div_ceil(group);
    let cols = width.saturating_sub(AXIS + 1).max(1);
    let shown: Vec<_> = map
        .columns
        .iter()
        .skip(map.columns.len().saturating_sub(cols))
        .collect();
    let max = shown
        .iter()
        .flat_map(|c| c.counts.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    // Row of each quantile, per column (None: no requests in that step).
    let marks: Vec<Vec<Option<usize>>> = shown
        .iter()
        .map(|c| {
            MARKS
                .iter()
                .map(|(q, _, _)| {
                    quantile(*q, &map.bounds, &c.counts).map(|v| bucket_of(v, &map.bounds) / group)
                })
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(nrows + 2);
    for r in (0..nrows).rev() {
        let lo = r * group;
        let hi = ((r + 1) * group).min(nb);
        let upper = map.bounds.get(hi - 1).copied().unwrap_or(f64::INFINITY);
        let mut spans = vec![Span::raw(format!("{:>AXIS$}│", bound_label(upper)))];
        // Newest on the right edge.
        if shown.len() < cols {
            spans.push(Span::raw(" ".repeat(cols - shown.len())));
        }
        for (j, c) in shown.iter().enumerate() {
            let count: f64 = c.counts[lo..hi].iter().sum();
            let mark = MARKS
                .iter()
                .zip(&marks[j])
                .find(|(_, row)| **row == Some(r))
                .map(|(m, _)| m);
            let span = match mark {
                Some((_, ch, color)) => {
                    let s = Style::default().add_modifier(Modifier::BOLD);
                    Span::styled(ch.to_string(), if app.color { s.fg(*color) } else { s })
                }
                None => {
                    let l = level(count, max);
                    let s = if app.color && l > 0 {
                        Style::default().fg(shade_color(l))
                    } else {
                        Style::default()
                    };
                    Span::styled(SHADES[l as usize].to_string(), s)
                }
            };
            spans.push(span);
        }
        out.push(Line::from(spans));
    }
    let span_s = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => (b.t_ms - a.t_ms).max(0) / 1000,
        _ => 0,
    };
    out.push(Line::from(format!(
        "{:>AXIS$}└ {} steps over {}s, newest right · darkest {:.1} · 5 p50  9 p99  * p999",
        "",
        shown.len(),
        span_s,
        max
    )));
    // Quantiles over the whole window and of the newest step with requests.
    let mut total = vec![0.0; nb];
    for c in &shown {
        for (t, v) in total.iter_mut().zip(&c.counts) {
            *t += v;
        }
    }
    let q = |counts: &[f64], p: f64| quantile(p, &map.bounds, counts);
    let newest = shown
        .iter()
        .rev()
        .find(|c| c.counts.iter().sum::<f64>() > 0.0)
        .map(|c| c.counts.clone());
    out.push(Line::from(format!(
        "window: p50 {} p99 {} p999 {}  · newest step: p50 {} p99 {}",
        ms(q(&total, 0.5)),
        ms(q(&total, 0.99)),
        ms(q(&total, 0.999)),
        ms(newest.as_deref().and_then(|c| q(c, 0.5))),
        ms(newest.as_deref().and_then(|c| q(c, 0.99))),
    )));
    out
}

/// Plain text of the lines (tests).
pub fn plain(lines: &[Line<'_>]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::top::heatmap::Column;

    #[test]
    fn heatmap_lines_mark_quantiles_and_shade_counts() {
        let mut map = Heatmap {
            unit: "requests per poll".into(),
            ..Heatmap::default()
        };
        let bounds = [0.01, 0.1, 1.0];
        map.push(
            &bounds,
            Column {
                t_ms: 0,
                counts: vec![10.0, 0.0, 0.0, 0.0],
            },
        );
        map.push(
            &bounds,
            Column {
                t_ms: 2000,
                counts: vec![0.0, 0.0, 0.0, 0.0],
            },
        );
        map.push(
            &bounds,
            Column {
                t_ms: 4000,
                counts: vec![5.0, 4.0, 1.0, 0.0],
            },
        );
        let app = App::new(false);
        let text = plain(&heat_lines(&app, &map, 20, 8));
        let rows: Vec<&str> = text.lines().collect();
        let pad = " ".repeat(9);
        // Newest on the right; p99 wins a shared cell; p50 of the third step at its bucket's end.
        assert_eq!(rows[0], format!("   +Inf│{pad}   "), "{text}");
        assert_eq!(
            rows[1],
            format!("     1s│{pad}  9"),
            "p99 in (0.1, 1]:\n{text}"
        );
        assert_eq!(rows[2], format!("  100ms│{pad}  ▒"), "4 of max 10:\n{text}");
        assert_eq!(rows[3], format!("   10ms│{pad}9 5"), "{text}");
        assert!(rows[4].contains("3 steps over 4s"), "{text}");
        assert!(rows[5].starts_with("window: p50"), "{text}");
        // A bucket below the markers with one request of a hundred shows the lightest shade.
        map.push(
            &bounds,
            Column {
                t_ms: 6000,
                counts: vec![1.0, 100.0, 0.0, 0.0],
            },
        );
        let text = plain(&heat_lines(&app, &map, 20, 8));
        let rows: Vec<&str> = text.lines().collect();
        let pad = " ".repeat(8);
        assert_eq!(
            rows[2],
            format!("  100ms│{pad}  ░9"),
            "4 of max 100:\n{text}"
        );
        assert_eq!(rows[3], format!("   10ms│{pad}9 5░"), "{text}");
        // Too few rows: buckets are grouped, labelled by the group's upper bound.
        let text = plain(&heat_lines(&app, &map, 20, 4));
        assert_eq!(
            text.lines().next(),
            Some(format!("   +Inf│{pad}  9 ").as_str()),
            "{text}"
        );
        assert!(plain(&heat_lines(&app, &Heatmap::default(), 20, 8)).contains("waiting"));
    }
}
