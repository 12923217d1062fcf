//! Frame render time of `top`'s Nodes view on ratatui's `TestBackend` (no terminal I/O): the
//! whole frame (filter, sort, worst-row rule, visible rows) for 50, 1,000 and 10,000 nodes.
//!
//! `cargo bench --bench top`

use butterfly_cli::commands::top::state::{App, Data, NodeInfo, RaftInfo, View};
use butterfly_cli::commands::top::views;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Instant;

fn nodes(n: usize) -> Data {
    let mut d = Data::default();
    d.nodes.data = Some(
        (0..n)
            .map(|i| NodeInfo {
                id: format!("compute-{i}"),
                role: if i < 3 { "coordinator" } else { "compute" }.into(),
                reachable: i % 97 != 5,
                health: if i % 13 == 0 { "degraded" } else { "healthy" }.into(),
                summary: Some("ok".into()),
                consensus: (i < 3).then(|| RaftInfo {
                    term: 4,
                    state: "follower".into(),
                }),
                reputation: Some(1.0 - (i % 10) as f64 / 20.0),
                layer_p99_ms: Some((i % 50) as f64),
                request_rate: Some(i as f64 / 10.0),
                ..Default::default()
            })
            .collect(),
    );
    d.nodes.updated = Some(Instant::now());
    d
}

fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("top frame (Nodes view, 160x50)");
    for n in [50usize, 1_000, 10_000] {
        let data = nodes(n);
        let mut app = App::new(true);
        app.view = View::Nodes;
        app.sort_col = 5; // by p99
        let mut term = Terminal::new(TestBackend::new(160, 50)).expect("backend");
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                term.draw(|f| {
                    views::draw(f, &app, &data, Instant::now());
                })
                .expect("draw");
            })
        });
    }
    g.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
