//! `top` without a terminal: the key state machine, the worst-row rule, and every view rendered
//! on ratatui's `TestBackend` (80×24, no colour) from fixture data.

use super::state::*;
use super::views;
use crate::commands::latency::{LatencyMatrix, LinkCell};
use crate::commands::request::search::TraceSummary;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::time::{Duration, Instant};

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn node(id: &str, role: &str, health: &str) -> NodeInfo {
    NodeInfo {
        id: id.into(),
        role: role.into(),
        reachable: true,
        health: health.into(),
        summary: Some("ok".into()),
        reputation: Some(1.0),
        layer_p99_ms: Some(4.0),
        ..Default::default()
    }
}

/// Fixture: 1 coordinator, 4 compute nodes, one of them down, one with a bad reputation.
pub fn fixture(now: Instant) -> Data {
    let mut d = Data::default();
    let at = Some(now - Duration::from_secs(2));
    let mut coord = node("coordinator-1", "coordinator", "healthy");
    coord.consensus = Some(RaftInfo {
        term: 3,
        state: "leader".into(),
    });
    let mut byz = node("compute-2", "compute", "healthy");
    byz.reputation = Some(0.3);
    byz.active_faults = vec!["byzantine:1.0".into()];
    let mut down = node("compute-4", "compute", "unknown");
    down.reachable = false;
    down.error = Some("timed out".into());
    d.nodes.data = Some(vec![
        coord,
        node("compute-1", "compute", "healthy"),
        byz,
        node("compute-3", "compute", "degraded"),
        down,
    ]);
    d.nodes.updated = at;
    d.layers.data = Some(vec![
        LayerInfo {
            layer: 0,
            replicas: vec![
                ("compute-1".into(), "healthy".into()),
                ("compute-2".into(), "healthy".into()),
            ],
        },
        LayerInfo {
            layer: 1,
            replicas: vec![
                ("compute-3".into(), "degraded".into()),
                ("compute-4".into(), "down".into()),
            ],
        },
    ]);
    d.layers.updated = at;
    d.requests.data = Some(vec![TraceSummary {
        trace_id: "4bf92f3577b34da6a3ce929d0e0e4736".into(),
        request_id: Some("req_slow1".into()),
        root: "inference.request".into(),
        root_node: "coordinator-1".into(),
        start: "2026-12-04T14:00:00Z".into(),
        duration_ms: 312.5,
        spans: 9,
        nodes: vec!["coordinator-1".into(), "compute-1".into()],
        status: "ok".into(),
        slowest_node: "compute-1".into(),
        slowest_node_ms: 301.0,
    }]);
    d.requests.updated = at;
    let link = |from: &str, to: &str, ok: bool, ms: f64| LinkCell {
        from: from.into(),
        to: to.into(),
        reachable: ok,
        rtt_p50_ms: ok.then_some(ms),
        rtt_p99_ms: ok.then_some(ms),
        error: (!ok).then(|| "timeout".into()),
        paths: Vec::new(),
    };
    d.links.data = Some(LatencyMatrix {
        nodes: vec!["compute-1".into(), "compute-2".into()],
        links: vec![
            link("compute-1", "compute-2", true, 0.42),
            link("compute-2", "compute-1", false, 0.0),
        ],
        asymmetric: Vec::new(),
        verdict: "compute-2 → compute-1 unreachable".into(),
        errors: Vec::new(),
    });
    d.links.updated = at;
    // Latency: the seed's buckets, 30 polls of mostly fast requests with a slow tail that grows.
    let bounds = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0];
    let mut map = super::heatmap::Heatmap {
        unit: "req/poll".into(),
        ..Default::default()
    };
    for i in 0..30i64 {
        let slow = if i >= 20 { 6.0 } else { 0.0 };
        map.push(
            &bounds,
            super::heatmap::Column {
                t_ms: 1_700_000_000_000 + i * 2000,
                counts: vec![0.0, 4.0, 20.0, 12.0, 2.0, slow, slow / 3.0, 0.0, 0.0, 0.0],
            },
        );
    }
    d.latency.data = Some(map);
    d.latency.updated = at;
    d.latency.source = "coordinators' /metrics 1/1".into();
    d.events.data = Some(events_from(
        Some(
            &serde_json::json!({"faults":[{"at_unix_ms": 0, "node_id":"compute-2","layer":1,
            "request_id":"req_x","reputation_after":0.3,"detected_by":"coordinator-1"}]}),
        ),
        Some(
            &serde_json::json!({"entries":[{"ts":"2026-12-04T14:00:01Z","operator":"tester",
            "command":"fault inject compute-2 byzantine:1.0","outcome":"ok"}]}),
        ),
    ));
    d.events.updated = at;
    d.events.error = Some("coordinator-2: no answer".into());
    d
}

pub(super) fn screen(app: &App, data: &Data, now: Instant, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| {
        views::draw(f, app, data, now);
    })
    .expect("draw");
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn view(v: View) -> String {
    let now = Instant::now();
    let mut app = App::new(false);
    app.view = v;
    screen(&app, &fixture(now), now, 80, 24)
}

#[test]
fn nodes_view_at_80x24_highlights_the_down_node_and_shows_age_and_source() {
    let s = view(View::Nodes);
    assert!(s.contains("Nodes 5 (1 down)"), "{s}");
    assert!(s.contains("cluster status · 2s ago"), "{s}");
    assert!(
        s.contains("!compute-4"),
        "the down node is the worst row:\n{s}"
    );
    assert!(s.contains("down (timed"), "{s}");
    assert!(s.contains("leader/3"), "{s}");
    assert!(s.contains("0.30"), "{s}");
    for id in ["compute-1", "compute-2", "compute-3", "coordinator-1"] {
        assert!(s.contains(id), "{id} missing:\n{s}");
    }
}

#[test]
fn other_views_render_their_fixture() {
    let s = view(View::Layers);
    assert!(s.contains("BELOW TARGET"), "{s}");
    assert!(s.contains("compute-4(down)"), "{s}");
    assert!(s.contains("2/2"), "{s}");
    let s = view(View::Requests);
    assert!(s.contains("req_slow1"), "{s}");
    assert!(s.contains("compute-1 (301.0ms)"), "{s}");
    let s = view(View::Links);
    assert!(s.contains("0.42"), "{s}");
    assert!(s.contains(" x "), "unreachable link marked:\n{s}");
    assert!(s.contains("compute-2 → compute-1 unreachable"), "{s}");
    let s = view(View::Events);
    assert!(s.contains("byzantine"), "{s}");
    assert!(s.contains("fault inject compute-2 byzantine:1.0"), "{s}");
    assert!(s.contains("error: coordinator-2: no answer"), "{s}");
}

#[test]
fn waiting_sources_say_so() {
    let now = Instant::now();
    let s = screen(&App::new(false), &Data::default(), now, 80, 24);
    assert!(s.contains("waiting"), "{s}");
}

#[test]
fn worst_row_rule_down_then_degraded_then_reputation_then_p99() {
    let now = Instant::now();
    let mut nodes = fixture(now).nodes.data.unwrap();
    assert_eq!(nodes[worst(&nodes).unwrap()].id, "compute-4");
    nodes.retain(|n| n.id != "compute-4");
    assert_eq!(nodes[worst(&nodes).unwrap()].id, "compute-3");
    nodes.retain(|n| n.id != "compute-3");
    assert_eq!(nodes[worst(&nodes).unwrap()].id, "compute-2");
    nodes.retain(|n| n.id != "compute-2");
    assert_eq!(worst(&nodes), None, "all fine: nothing highlighted");
    nodes[0].layer_p99_ms = Some(300.0);
    assert_eq!(nodes[worst(&nodes).unwrap()].id, "coordinator-1");
}

#[test]
fn keys_switch_views_filter_sort_open_and_quit() {
    let mut app = App::new(false);
    assert_eq!(app.handle(key(KeyCode::Tab)), Action::Redraw);
    assert_eq!(app.view, View::Layers);
    app.handle(key(KeyCode::BackTab));
    assert_eq!(app.view, View::Nodes);
    app.handle(key(KeyCode::Char('6')));
    assert_eq!(app.view, View::Events);
    app.handle(key(KeyCode::Char('4')));
    assert_eq!(
        app.view,
        View::Latency,
        "Latency sits between Requests and Links"
    );
    app.handle(key(KeyCode::Tab));
    assert_eq!(app.view, View::Links);
    app.handle(key(KeyCode::Char('1')));
    app.handle(key(KeyCode::Char('s')));
    assert_eq!(app.sort_col, 1);
    app.handle(key(KeyCode::Char('S')));
    assert!(app.sort_desc);
    // Filter: typed keys go to the filter, not to the views (q does not quit).
    app.handle(key(KeyCode::Char('/')));
    for c in "q2".chars() {
        assert_eq!(app.handle(key(KeyCode::Char(c))), Action::Redraw);
    }
    assert_eq!(app.filter, "q2");
    app.handle(key(KeyCode::Backspace));
    app.handle(key(KeyCode::Enter));
    assert!(!app.editing_filter);
    assert!(app.matches("Q-node") && !app.matches("compute"));
    app.handle(key(KeyCode::Esc));
    assert!(app.filter.is_empty());
    // Help: any key closes it.
    app.handle(key(KeyCode::Char('?')));
    assert!(app.help);
    app.handle(key(KeyCode::Char('x')));
    assert!(!app.help);
    // Requests: Enter opens the selected trace, Esc goes back.
    app.handle(key(KeyCode::Char('3')));
    assert_eq!(app.handle(key(KeyCode::Enter)), Action::None, "no rows yet");
    app.request_ids = vec!["t1".into(), "t2".into()];
    app.rows = 2;
    app.handle(key(KeyCode::Down));
    app.handle(key(KeyCode::Down));
    assert_eq!(app.selected, 1, "clamped to the rows");
    assert_eq!(
        app.handle(key(KeyCode::Enter)),
        Action::OpenTrace("t2".into())
    );
    assert!(app.waterfall);
    app.handle(key(KeyCode::Down));
    assert_eq!(app.scroll, 1);
    app.handle(key(KeyCode::Esc));
    assert!(!app.waterfall);
    assert_eq!(app.handle(key(KeyCode::Char('q'))), Action::Quit);
    let mut app = App::new(true);
    assert_eq!(
        app.handle(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Action::Quit
    );
}

/// A waterfall as `request trace` gives it (plain), slow on compute-1, with two log lines.
pub fn waterfall_fixture() -> Waterfall {
    Waterfall {
        header: "trace 4bf92f3577b34da6a3ce929d0e0e4736  request req_slow1  9 spans on 2 nodes  312.50ms  source: nodes".into(),
        text: "SPAN                NODE           START   DURATION  0 … 312.50ms          STATUS\n\
inference.request   coordinator-1   0.00ms   312.50ms  ████████████████████  ok\n\
  layer.forward L0  coordinator-1   1.00ms     5.00ms   ▒                    ok\n\
  layer.execute L1  compute-1       6.00ms   301.00ms   ███████████████████  ok\n\
█ critical path  ▒ other spans  ✗ error  ⚠ byzantine event".into(),
        slowest: Some((
            "compute-1".into(),
            "layer.execute L1 on compute-1: 301.00ms of its own, 96% of the request".into(),
        )),
        logs: vec![
            "14:00:00.001 INFO  coordinator-1 inference request accepted".into(),
            "14:00:00.310 WARN  compute-1 layer 1 slow (injected slow:300ms)".into(),
        ],
        logs_source: "nodes".into(),
    }
}

#[test]
fn waterfall_overlay_highlights_the_critical_path_names_the_slow_node_and_shows_logs() {
    let now = Instant::now();
    let mut d = fixture(now);
    let mut src = Source::new("request trace");
    src.data = Some(waterfall_fixture());
    src.updated = Some(now);
    d.waterfall = Some(("4bf92f35".into(), src));
    let mut app = App::new(false);
    app.view = View::Requests;
    app.waterfall = true;
    let s = screen(&app, &d, now, 100, 30);
    assert!(
        s.contains("waterfall 4bf92f35 — slowest on compute-1"),
        "{s}"
    );
    assert!(
        s.contains("│▶ layer.execute L1  compute-1"),
        "critical marked:\n{s}"
    );
    assert!(
        s.contains("│  layer.forward L0"),
        "off the path, unmarked:\n{s}"
    );
    assert!(
        !s.contains("▶ █ critical path"),
        "the legend is no span:\n{s}"
    );
    assert!(s.contains("logs 2 from nodes"), "{s}");
    assert!(s.contains("compute-1 layer 1 slow"), "{s}");
    // J scrolls the logs, not the waterfall.
    app.handle(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT));
    assert_eq!((app.scroll, app.log_scroll), (0, 1));
}

#[test]
fn sorting_puts_missing_values_last() {
    let now = Instant::now();
    let nodes = fixture(now).nodes.data.unwrap();
    let mut v: Vec<&NodeInfo> = nodes.iter().collect();
    sort_nodes(&mut v, 7, false);
    assert_eq!(v[0].id, "compute-2", "lowest reputation first");
    sort_nodes(&mut v, 0, true);
    assert_eq!(v[0].id, "coordinator-1");
}

#[test]
fn colon_opens_the_command_line_edits_submits_confirms_and_esc_closes() {
    use super::console::{CmdAction, Mode};
    let mut app = App::new(false);
    assert_eq!(app.handle(key(KeyCode::Char(':'))), Action::Redraw);
    assert_eq!(app.cmd.mode, Mode::Editing);
    // Typed keys go to the line: q does not quit, 2 does not switch views.
    for c in "q2".chars() {
        app.handle(key(KeyCode::Char(c)));
    }
    assert_eq!(app.view, View::Nodes);
    app.handle(key(KeyCode::Backspace));
    app.handle(key(KeyCode::Backspace));
    for c in "clu".chars() {
        app.handle(key(KeyCode::Char(c)));
    }
    assert_eq!(app.cmd.input, "clu");
    assert_eq!(
        app.handle(key(KeyCode::Tab)),
        Action::Cmd(CmdAction::Complete)
    );
    app.cmd.apply_completion(0, vec!["cluster".into()]);
    assert_eq!(app.cmd.input, "cluster ");
    app.cmd.input.push_str("st");
    app.cmd
        .apply_completion(8, vec!["state".into(), "status".into()]);
    assert_eq!(app.cmd.input, "cluster stat", "common prefix");
    assert_eq!(app.cmd.candidates, vec!["state", "status"]);
    app.cmd.input = "cluster status".into();
    assert_eq!(
        app.handle(key(KeyCode::Enter)),
        Action::Cmd(CmdAction::Submit("cluster status".into()))
    );
    // The UI loop starts it; Esc while running asks to stop it.
    app.cmd.running("cluster status".into());
    assert!(app.cmd.pane);
    assert_eq!(
        app.handle(key(KeyCode::Esc)),
        Action::Cmd(CmdAction::Cancel)
    );
    app.cmd
        .finished("cluster status", 0, "line 1\nline 2".into());
    assert_eq!(app.cmd.title, ":cluster status — exit 0");
    // The pane scrolls; view keys pass through to the views; Esc closes it.
    app.handle(key(KeyCode::Down));
    assert_eq!(app.cmd.scroll, 1);
    app.handle(key(KeyCode::Char('3')));
    assert_eq!(app.view, View::Requests, "view keys work under the pane");
    assert!(app.cmd.pane);
    app.handle(key(KeyCode::Esc));
    assert!(!app.cmd.pane && !app.cmd.active());
    // Intrusive: y runs, anything else does not; Up recalls the history.
    app.handle(key(KeyCode::Char(':')));
    app.handle(key(KeyCode::Up));
    assert_eq!(app.cmd.input, "cluster status");
    app.cmd
        .ask("fault inject compute-1 slow:300ms".into(), "Run it?".into());
    assert_eq!(
        app.handle(key(KeyCode::Char('y'))),
        Action::Cmd(CmdAction::Run("fault inject compute-1 slow:300ms".into()))
    );
    app.cmd
        .ask("fault clear compute-1".into(), "Run it?".into());
    assert_eq!(
        app.handle(key(KeyCode::Char('n'))),
        Action::Cmd(CmdAction::Redraw)
    );
    assert!(app.cmd.output.contains("not run"));
    // Esc while typing closes the line and the pane; q quits again.
    app.handle(key(KeyCode::Char(':')));
    app.handle(key(KeyCode::Esc));
    assert!(!app.cmd.active());
    assert_eq!(app.handle(key(KeyCode::Char('q'))), Action::Quit);
}

#[test]
fn mouse_wheel_scrolls_and_a_click_selects_the_row_under_it() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let m = |kind, row| MouseEvent {
        kind,
        column: 5,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let now = Instant::now();
    let d = fixture(now);
    let mut app = App::new(false);
    let s = screen(&app, &d, now, 80, 24);
    app.rows = 5;
    // Rows sorted by id: compute-1..4, coordinator-1; the first row is on screen line 3.
    assert!(s.lines().nth(3).unwrap().contains("compute-1"), "{s}");
    let click = MouseEventKind::Down(MouseButton::Left);
    assert_eq!(app.mouse(m(click, 5)), Action::Redraw);
    assert_eq!(app.selected, 2, "the third row (compute-3)");
    assert_eq!(app.mouse(m(click, 1)), Action::None, "the title is no row");
    assert_eq!(app.mouse(m(click, 20)), Action::None, "below the last row");
    app.mouse(m(MouseEventKind::ScrollDown, 5));
    assert_eq!(app.selected, 4, "clamped to the last row");
    app.mouse(m(MouseEventKind::ScrollUp, 5));
    assert_eq!(app.selected, 1);
    // With the output pane open the wheel scrolls it.
    app.cmd.finished("cluster status", 0, "a\nb\nc\nd".into());
    app.mouse(m(MouseEventKind::ScrollDown, 15));
    assert_eq!((app.cmd.scroll, app.selected), (3, 1));
}
