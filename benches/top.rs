//! Frame render time of `top`'s Nodes view on ratatui's `TestBackend` (no terminal I/O): the
//! whole frame (filter, sort, worst-row rule, visible rows) for 50, 1,000 and 10,000 nodes.
//!
//! Also one poll of the Nodes source (a coordinator's summary answer turned into rows) for
//! 1,000 and 10,000 members.
//!
//! `cargo bench --bench top`

use butterfly_cli::commands::cluster_summary;
use butterfly_cli::commands::top::state::{
    rates_between, record_history, App, Data, NodeInfo, RaftInfo, View,
};
use butterfly_cli::commands::top::views;
use butterfly_proto::debug::{
    ClusterSummaryResponse, HealthState, Member, MemberSummary, NodeRole,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Duration;
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

/// A coordinator's `ClusterSummary` answer for `n` members (what one poll receives).
fn summary_response(n: usize) -> ClusterSummaryResponse {
    let now = 1_700_000_000_000i64;
    ClusterSummaryResponse {
        source_id: "coordinator-1".into(),
        now_unix_ms: now,
        heartbeat_ms: 1000,
        members: (0..n)
            .map(|i| Member {
                id: format!("swarm-{i}"),
                role: NodeRole::Compute as i32,
                debug_addr: format!("127.0.0.1:{}", 20000 + i),
                http_addr: "127.0.0.1:9000".into(),
                last_seen_unix_ms: now - (i % 5000) as i64,
                data_addr: String::new(),
                summary: Some(MemberSummary {
                    health: HealthState::Healthy as i32,
                    reason: "ok".into(),
                    requests_total: i as u64 * 10,
                    layer_p99_ms: (i % 50) as f64,
                    at_unix_ms: now,
                    uptime_seconds: 100,
                    version: "0.1.0".into(),
                    ..Default::default()
                }),
            })
            .collect(),
        replicated: None,
    }
}

/// One poll of the Nodes source on the client: the coordinator's answer to `cluster status`
/// rows, then `top`'s rows, rates against the previous poll and the sparkline
/// history (no network: that is one RPC, measured in BENCHMARKS.md).
fn poll(c: &mut Criterion) {
    let mut g = c.benchmark_group("top poll (summary answer -> rows, rates, history)");
    for n in [1_000usize, 10_000] {
        let resp = summary_response(n);
        let mut data = Data::default();
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let status = cluster_summary::from_response(resp.clone(), Vec::new());
                let mut rows: Vec<NodeInfo> = status.nodes.iter().map(Into::into).collect();
                if let Some(prev) = &data.nodes.data {
                    rates_between(prev, &mut rows, Duration::from_secs(2));
                }
                record_history(&mut data.history, &rows);
                data.nodes.data = Some(rows);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, render, poll);
criterion_main!(benches);
