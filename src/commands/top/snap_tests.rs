//! Snapshot tests (insta): every view of `top` rendered on ratatui's `TestBackend` from the
//! fixture of [`super::tests::fixture`], without colour, compared cell for cell with the
//! committed `.snap` files under `snapshots/`. A change to a view shows up as a diff to review
//! (`cargo insta review`, or `INSTA_UPDATE=always` then `git diff`).

use super::history::record_history;
use super::state::{App, Data, Source, View};
use super::tests::{fixture, screen};
use std::time::Instant;

fn render(app: &App, data: &Data, w: u16, h: u16, now: Instant) -> String {
    screen(app, data, now, w, h)
}

fn app(view: View) -> App {
    let mut a = App::new(false);
    a.view = view;
    a
}

/// The fixture with a few polls of history, so the sparklines have bars.
fn with_history(now: Instant) -> Data {
    let mut d = fixture(now);
    let mut nodes = d.nodes.data.clone().unwrap_or_default();
    for step in 0..12u32 {
        for (i, n) in nodes.iter_mut().enumerate() {
            n.request_rate = Some(f64::from(step % 5) + i as f64);
            n.layer_p99_ms = Some(4.0 + f64::from(step) * (i as f64 + 1.0));
        }
        record_history(&mut d.history, &nodes);
    }
    d
}

#[test]
fn snapshot_nodes_80x24() {
    let now = Instant::now();
    insta::assert_snapshot!(
        "nodes_80x24",
        render(&app(View::Nodes), &with_history(now), 80, 24, now)
    );
}

#[test]
fn snapshot_nodes_sorted_by_p99_descending_120x30() {
    let now = Instant::now();
    let mut a = app(View::Nodes);
    a.sort_col = 5;
    a.sort_desc = true;
    a.selected = 1;
    insta::assert_snapshot!(
        "nodes_by_p99_desc_120x30",
        render(&a, &with_history(now), 120, 30, now)
    );
}

#[test]
fn snapshot_layers_requests_links_events_80x24() {
    let now = Instant::now();
    let d = fixture(now);
    for (name, v) in [
        ("layers_80x24", View::Layers),
        ("requests_80x24", View::Requests),
        ("latency_80x24", View::Latency),
        ("links_80x24", View::Links),
        ("events_80x24", View::Events),
    ] {
        insta::assert_snapshot!(name, render(&app(v), &d, 80, 24, now));
    }
}

#[test]
fn snapshot_overlays_help_filter_waterfall() {
    let now = Instant::now();
    let mut d = fixture(now);
    let mut help = app(View::Nodes);
    help.help = true;
    insta::assert_snapshot!("help_80x24", render(&help, &d, 80, 24, now));

    let mut filter = app(View::Nodes);
    filter.editing_filter = true;
    filter.filter = "compute-".into();
    insta::assert_snapshot!("filter_80x24", render(&filter, &d, 80, 24, now));

    let mut src = Source::new("request trace");
    src.data = Some(super::tests::waterfall_fixture());
    src.updated = Some(now);
    d.waterfall = Some(("4bf92f3577b34da6".into(), src));
    let mut w = app(View::Requests);
    w.waterfall = true;
    insta::assert_snapshot!("waterfall_80x24", render(&w, &d, 80, 24, now));
    insta::assert_snapshot!("waterfall_100x30", render(&w, &d, 100, 30, now));
}

#[test]
fn snapshot_waiting_and_failed_sources() {
    let now = Instant::now();
    let mut d = Data::default();
    d.nodes.error = Some("no coordinator gave its member summaries".into());
    insta::assert_snapshot!(
        "nodes_waiting_with_error_80x24",
        render(&app(View::Nodes), &d, 80, 24, now)
    );
}

#[test]
fn snapshot_command_line_pane_and_confirm() {
    let now = Instant::now();
    let d = fixture(now);
    let mut a = app(View::Nodes);
    a.cmd.finished(
        "cluster status",
        0,
        "NODE           ROLE         HEALTH\ncoordinator-1  coordinator  healthy\ncompute-1      compute      healthy".into(),
    );
    insta::assert_snapshot!("command_pane_80x24", render(&a, &d, 80, 24, now));
    a.cmd.open();
    a.cmd.input = "node info comp".into();
    a.cmd.candidates = vec!["compute-1".into(), "compute-2".into()];
    insta::assert_snapshot!("command_editing_80x24", render(&a, &d, 80, 24, now));
    a.cmd.ask(
        "fault inject compute-1 slow:300ms".into(),
        "`fault inject compute-1 slow:300ms` injects a fault on a node. Run it?".into(),
    );
    insta::assert_snapshot!("command_confirm_80x24", render(&a, &d, 80, 24, now));
}
