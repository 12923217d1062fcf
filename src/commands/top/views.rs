//! Drawing `top`: pure functions of (`App`, `Data`, now) onto a ratatui `Frame`, so they render the
//! same on a terminal and on `TestBackend`.

use super::state::{sort_nodes, worst, App, Data, Source, View, NODE_COLUMNS};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, Tabs};
use ratatui::Frame;
use std::time::Instant;

fn fg(app: &App, c: Color) -> Style {
    if app.color {
        Style::default().fg(c)
    } else {
        Style::default()
    }
}

fn health_style(app: &App, h: &str) -> Style {
    match h {
        "healthy" => fg(app, Color::Green),
        "degraded" => fg(app, Color::Yellow),
        _ => fg(app, Color::Red).add_modifier(Modifier::BOLD),
    }
}

fn block<T>(title: &str, src: &Source<T>, now: Instant) -> Block<'static> {
    Block::default()
        .borders(Borders::TOP)
        .title(format!(" {title} — {} ", src.caption(now)))
}

fn opt(v: Option<f64>, prec: usize) -> String {
    v.map(|x| format!("{x:.prec$}"))
        .unwrap_or_else(|| "-".into())
}

/// Draws one whole frame; returns the number of rows of the current view (for selection).
pub fn draw(f: &mut Frame, app: &App, data: &Data, now: Instant) -> usize {
    let error = match app.view {
        View::Nodes => data.nodes.error.as_ref(),
        View::Layers => data.layers.error.as_ref(),
        View::Requests => data.requests.error.as_ref(),
        View::Latency => data.latency.error.as_ref(),
        View::Links => data.links.error.as_ref(),
        View::Events => data.events.error.as_ref(),
    };
    let [tabs, body, err, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(u16::from(error.is_some())),
        Constraint::Length(1),
    ])
    .areas(f.area());
    if let Some(e) = error {
        f.render_widget(
            Paragraph::new(format!("error: {e} (showing the last good data)"))
                .style(fg(app, Color::Red).add_modifier(Modifier::BOLD)),
            err,
        );
    }
    let titles: Vec<String> = View::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{} {}", i + 1, v.title()))
        .collect();
    let sel = View::ALL.iter().position(|v| *v == app.view).unwrap_or(0);
    f.render_widget(
        Tabs::new(titles)
            .select(sel)
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
        tabs,
    );
    let (body, pane) = if app.cmd.pane {
        let [a, b] = Layout::vertical([Constraint::Min(3), Constraint::Percentage(50)]).areas(body);
        (a, Some(b))
    } else {
        (body, None)
    };
    app.rows_at.set(None);
    let rows = match app.view {
        View::Nodes => nodes(f, app, data, now, body),
        View::Layers => layers(f, app, data, now, body),
        View::Requests => requests(f, app, data, now, body),
        View::Latency => super::views_latency::latency(f, app, data, now, body),
        View::Links => links(f, app, data, now, body),
        View::Events => events(f, app, data, now, body),
    };
    let footer = if let Some(line) = super::views_console::footer(app) {
        line
    } else if app.editing_filter {
        format!("/{}█  (Enter keep, Esc clear)", app.filter)
    } else if !app.filter.is_empty() {
        format!(
            "filter: {}  · ? keys  / filter  Esc clear  q quit",
            app.filter
        )
    } else {
        "? keys  Tab/1-6 views  / filter  : command  s sort  Enter open  q quit".to_string()
    };
    f.render_widget(
        Paragraph::new(footer).style(Style::default().add_modifier(Modifier::DIM)),
        foot,
    );
    if app.view == View::Requests && app.waterfall {
        super::views_waterfall::waterfall(f, app, data, now, body);
    }
    if let Some(p) = pane {
        super::views_console::pane(f, app, p);
    }
    if app.help {
        help(f, body);
    }
    rows
}

fn selected_style() -> Style {
    Style::default().add_modifier(Modifier::UNDERLINED)
}

fn nodes(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) -> usize {
    // Sparklines of the cluster and of the selected node below the table, when there is room.
    let (area, spark_area) = if area.height >= 12 {
        let [a, b] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(area);
        (a, Some(b))
    } else {
        (area, None)
    };
    let all = data.nodes.data.as_deref().unwrap_or(&[]);
    let worst_id = worst(all).map(|i| all[i].id.as_str());
    let down = all.iter().filter(|n| !n.reachable).count();
    let mut shown: Vec<_> = all
        .iter()
        .filter(|n| app.matches(&format!("{} {} {}", n.id, n.role, n.health_word())))
        .collect();
    sort_nodes(&mut shown, app.sort_col, app.sort_desc);
    let header = Row::new(NODE_COLUMNS.iter().enumerate().map(|(i, c)| {
        let mark = if i == app.sort_col {
            if app.sort_desc {
                "▼"
            } else {
                "▲"
            }
        } else {
            ""
        };
        Cell::from(format!("{c}{mark}"))
    }))
    .style(Style::default().add_modifier(Modifier::BOLD));
    // Only rows that can be seen are built (10,000 nodes stay cheap).
    let visible = area.height.saturating_sub(2) as usize;
    let first = app.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row> = shown
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, n)| {
            let is_worst = Some(n.id.as_str()) == worst_id;
            let raft = n
                .consensus
                .as_ref()
                .map(|c| format!("{}/{}", c.state, c.term))
                .unwrap_or_else(|| "-".into());
            let health = if n.reason().is_empty() {
                n.health_word().to_string()
            } else {
                format!("{} ({})", n.health_word(), n.reason())
            };
            let mut row = Row::new(vec![
                Cell::from(format!("{}{}", if is_worst { "!" } else { " " }, n.id)),
                Cell::from(match n.role.as_str() {
                    "coordinator" => "coord".to_string(),
                    "observer" => "obs".to_string(),
                    r => r.to_string(),
                }),
                Cell::from(health).style(health_style(app, n.health_word())),
                Cell::from(raft),
                Cell::from(opt(n.request_rate, 1)),
                Cell::from(opt(n.p99_ms(), 1)),
                Cell::from(opt(n.error_ratio.map(|e| e * 100.0), 1)),
                Cell::from(opt(n.reputation, 2)),
                Cell::from(if n.active_faults.is_empty() {
                    "-".to_string()
                } else {
                    n.active_faults.join(",")
                }),
            ]);
            if is_worst {
                row = row
                    .style(fg(app, Color::Red).add_modifier(Modifier::REVERSED | Modifier::BOLD));
            } else if i == app.selected {
                row = row.style(selected_style());
            }
            row
        })
        .collect();
    let title = format!("Nodes {} ({down} down)", all.len());
    let t = Table::new(
        rows,
        [
            Constraint::Length(14),
            Constraint::Length(7),
            Constraint::Min(10),
            Constraint::Length(10),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(6),
        ],
    )
    .header(header)
    .block(block(&title, &data.nodes, now));
    f.render_widget(t, area);
    app.rows_at
        .set(Some((area.y + 2, area.y + area.height, first)));
    if let Some(sa) = spark_area {
        let sel = shown.get(app.selected).map(|n| n.id.as_str());
        sparklines(f, data, sel, sa);
    }
    shown.len()
}

/// Two lines: the cluster's total RPS and worst p99, then the selected node's, as sparklines of
/// the last polls.
fn sparklines(f: &mut Frame, data: &Data, selected: Option<&str>, area: Rect) {
    use super::history::{last, spark, Series};
    let w = (area.width.saturating_sub(46) / 2).max(4) as usize;
    let line = |name: &str, s: &Series| -> Line<'static> {
        Line::from(format!(
            "{name:<16.16} RPS {:<w$} {:>8}  P99 {:<w$} {:>9}",
            spark(&s.rps, w),
            last(&s.rps)
                .map(|v| format!("{v:.1}/s"))
                .unwrap_or_else(|| "-".into()),
            spark(&s.p99, w),
            last(&s.p99)
                .map(|v| format!("{v:.1}ms"))
                .unwrap_or_else(|| "-".into()),
        ))
    };
    let mut lines = vec![line("cluster", &data.history.cluster)];
    if let Some(id) = selected {
        let empty = Series::default();
        lines.push(line(id, data.history.nodes.get(id).unwrap_or(&empty)));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn layers(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) -> usize {
    let min = data.min_replicas;
    let all = data.layers.data.as_deref().unwrap_or(&[]);
    let shown: Vec<_> = all
        .iter()
        .filter(|l| {
            let ids: Vec<&str> = l.replicas.iter().map(|r| r.0.as_str()).collect();
            app.matches(&format!("{} {}", l.layer, ids.join(" ")))
        })
        .collect();
    let rows: Vec<Row> = shown
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let healthy = l.healthy();
            let flag = if healthy < min { "BELOW TARGET" } else { "ok" };
            let reps: Vec<String> = l
                .replicas
                .iter()
                .map(|(id, h)| {
                    if h == "healthy" {
                        id.clone()
                    } else {
                        format!("{id}({h})")
                    }
                })
                .collect();
            let mut r = Row::new(vec![
                Cell::from(l.layer.to_string()),
                Cell::from(format!("{healthy}/{}", l.replicas.len())),
                Cell::from(flag).style(if healthy < min {
                    fg(app, Color::Red).add_modifier(Modifier::BOLD)
                } else {
                    fg(app, Color::Green)
                }),
                Cell::from(reps.join(" ")),
            ]);
            if i == app.selected {
                r = r.style(selected_style());
            }
            r
        })
        .collect();
    let t = Table::new(
        rows,
        [
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Length(13),
            Constraint::Min(10),
        ],
    )
    .header(
        Row::new(vec!["LAYER", "HEALTHY", "REDUNDANCY", "REPLICAS"])
            .style(Style::default().add_modifier(Modifier::BOLD)),
    )
    .block(block(
        &format!("Layers (target {min} healthy replicas)"),
        &data.layers,
        now,
    ));
    f.render_widget(t, area);
    app.rows_at.set(Some((area.y + 2, area.y + area.height, 0)));
    shown.len()
}

fn requests(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) -> usize {
    let all = data.requests.data.as_deref().unwrap_or(&[]);
    let shown: Vec<_> = all
        .iter()
        .filter(|t| {
            app.matches(&format!(
                "{} {} {} {}",
                t.trace_id,
                t.request_id.as_deref().unwrap_or(""),
                t.slowest_node,
                t.status
            ))
        })
        .collect();
    let rows: Vec<Row> = shown
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut r = Row::new(vec![
                Cell::from(
                    t.request_id
                        .clone()
                        .unwrap_or_else(|| t.trace_id.chars().take(16).collect()),
                ),
                Cell::from(format!("{:.1}", t.duration_ms)),
                Cell::from(t.status.clone()).style(if t.status == "ok" {
                    fg(app, Color::Green)
                } else {
                    fg(app, Color::Red)
                }),
                Cell::from(format!("{} ({:.1}ms)", t.slowest_node, t.slowest_node_ms)),
                Cell::from(t.spans.to_string()),
            ]);
            if i == app.selected {
                r = r.style(Style::default().add_modifier(Modifier::REVERSED));
            }
            r
        })
        .collect();
    let t = Table::new(
        rows,
        [
            Constraint::Length(22),
            Constraint::Length(9),
            Constraint::Length(6),
            Constraint::Min(20),
            Constraint::Length(5),
        ],
    )
    .header(
        Row::new(vec!["REQUEST", "MS", "STATUS", "SLOWEST NODE", "SPANS"])
            .style(Style::default().add_modifier(Modifier::BOLD)),
    )
    .block(block(
        "Requests (slowest, then failed; Enter = waterfall)",
        &data.requests,
        now,
    ));
    f.render_widget(t, area);
    app.rows_at.set(Some((area.y + 2, area.y + area.height, 0)));
    shown.len()
}

fn links(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) -> usize {
    let b = block("Links (p50 RTT ms; x = unreachable)", &data.links, now);
    let Some(m) = &data.links.data else {
        f.render_widget(Paragraph::new("").block(b), area);
        return 0;
    };
    let ids: Vec<&String> = m.nodes.iter().filter(|n| app.matches(n)).collect();
    let cell = |from: &str, to: &str| -> (String, Style) {
        if from == to {
            return ("·".into(), Style::default());
        }
        match m.links.iter().find(|l| l.from == from && l.to == to) {
            None => ("?".into(), Style::default()),
            Some(l) if !l.reachable => {
                ("x".into(), fg(app, Color::Red).add_modifier(Modifier::BOLD))
            }
            Some(l) => {
                let v = l.rtt_p50_ms.unwrap_or(f64::NAN);
                let c = if v < 1.0 {
                    Color::Green
                } else if v < 10.0 {
                    Color::Yellow
                } else {
                    Color::Red
                };
                (format!("{v:.2}"), fg(app, c))
            }
        }
    };
    let short = |s: &str| -> String {
        s.chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    };
    let header = Row::new(
        std::iter::once(Cell::from("FROM\\TO"))
            .chain(ids.iter().map(|t| Cell::from(short(t))))
            .collect::<Vec<_>>(),
    )
    .style(Style::default().add_modifier(Modifier::BOLD));
    let rows: Vec<Row> = ids
        .iter()
        .map(|from| {
            Row::new(
                std::iter::once(Cell::from(from.to_string()))
                    .chain(ids.iter().map(|to| {
                        let (t, s) = cell(from, to);
                        Cell::from(t).style(s)
                    }))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(15))
        .chain(ids.iter().map(|_| Constraint::Length(8)))
        .collect();
    let [top, bottom] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(area);
    f.render_widget(Table::new(rows, widths).header(header).block(b), top);
    f.render_widget(Paragraph::new(m.verdict.clone()), bottom);
    ids.len()
}

fn events(f: &mut Frame, app: &App, data: &Data, now: Instant, area: Rect) -> usize {
    let all = data.events.data.as_deref().unwrap_or(&[]);
    let shown: Vec<_> = all
        .iter()
        .filter(|e| app.matches(&format!("{} {}", e.kind, e.text)))
        .collect();
    let visible = area.height.saturating_sub(1) as usize;
    let lines: Vec<Line> = shown
        .iter()
        .rev()
        .take(visible)
        .rev()
        .map(|e| {
            Line::from(vec![
                Span::raw(format!("{:8} ", e.at)),
                Span::styled(
                    format!("{:9} ", e.kind),
                    match e.kind.as_str() {
                        "audit" => Style::default(),
                        "leader" | "up" | "member" => fg(app, Color::Yellow),
                        _ => fg(app, Color::Red),
                    },
                ),
                Span::raw(e.text.clone()),
            ])
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines).block(block("Events (newest last)", &data.events, now)),
        area,
    );
    shown.len()
}

/// Key help text (also the `?` overlay).
pub const HELP: &str = "\
Tab / Shift-Tab   next / previous view
1..6              Nodes, Layers, Requests, Latency, Links, Events
↑↓ j k            move the selection
s / S             Nodes: next sort column / reverse
Enter             Requests: open the waterfall (↑↓ scroll, J/K logs, Esc back)
/                 filter the current view (Enter keep, Esc clear)
mouse             wheel scrolls, click selects a row
:                 run a console command (Tab completes; output pane, Esc closes)
?                 this help
q, Ctrl-C         quit";

fn help(f: &mut Frame, area: Rect) {
    let w = area.width.min(64);
    let h = area.height.min(12);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(HELP).block(Block::default().borders(Borders::ALL).title(" keys ")),
        r,
    );
}
