//! Drawing the waterfall overlay (Requests → Enter): the trace's bars with the critical path
//! highlighted (bold and coloured; with NO_COLOR a `▶` marker, and its bars are `█` against `▒`),
//! the slow span's node named in the title, and the trace's log lines in a pane below.

use super::state::{App, Data};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use std::time::Instant;

/// Whether a waterfall line is a span on the critical path (its bar is drawn with `█`; the
/// legend line is not a span).
pub fn is_critical(line: &str) -> bool {
    line.contains('█') && !line.starts_with("█ critical path")
}

/// The waterfall's lines, critical-path spans marked and highlighted.
pub fn lines(app: &App, text: &str) -> Vec<Line<'static>> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i > 0 && is_critical(l) {
                let s = Style::default().add_modifier(Modifier::BOLD);
                Line::styled(
                    format!("▶ {l}"),
                    if app.color { s.fg(Color::Yellow) } else { s },
                )
            } else {
                Line::raw(format!("  {l}"))
            }
        })
        .collect()
}

/// Draws the overlay over `area`.
pub fn waterfall(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) {
    f.render_widget(Clear, area);
    let Some((id, src)) = &data.waterfall else {
        return;
    };
    let short: String = id.chars().take(16).collect();
    let Some(w) = &src.data else {
        let msg = match &src.error {
            Some(e) => format!("error: {e}"),
            None => "loading…".into(),
        };
        f.render_widget(
            Paragraph::new(msg).block(Block::default().borders(Borders::ALL).title(format!(
                " waterfall {short} — {} (Esc back) ",
                src.caption(now)
            ))),
            area,
        );
        return;
    };
    let slow = match &w.slowest {
        Some((node, _)) => format!(" — slowest on {node}"),
        None => String::new(),
    };
    let (top, bottom) = if area.height >= 12 {
        let [a, b] = Layout::vertical([Constraint::Min(6), Constraint::Percentage(35)]).areas(area);
        (a, Some(b))
    } else {
        (area, None)
    };
    let mut body: Vec<Line> = vec![Line::raw(w.header.clone())];
    if let Some((_, why)) = &w.slowest {
        body.push(Line::styled(
            format!("slowest on the critical path: {why}"),
            if app.color {
                Style::default().fg(Color::Red)
            } else {
                Style::default()
            },
        ));
    }
    body.extend(lines(app, &w.text));
    f.render_widget(
        Paragraph::new(body).scroll((app.scroll, 0)).block(
            Block::default().borders(Borders::ALL).title(format!(
                " waterfall {short}{slow} — {} (Esc back, ↑↓ scroll) ",
                src.caption(now)
            )),
        ),
        top,
    );
    if let Some(b) = bottom {
        let text = if w.logs.is_empty() {
            "no log lines for this trace".to_string()
        } else {
            w.logs.join("\n")
        };
        f.render_widget(
            Paragraph::new(text).scroll((app.log_scroll, 0)).block(
                Block::default().borders(Borders::ALL).title(format!(
                    " logs {} from {} (J/K scroll) ",
                    w.logs.len(),
                    if w.logs_source.is_empty() {
                        "-"
                    } else {
                        &w.logs_source
                    }
                )),
            ),
            b,
        );
    }
}
