//! End to end: `metrics query` and the RED columns of `cluster status` against a real
//! Prometheus (Debian package `prometheus`) scraping a real demo cluster under load.

mod common;

use butterfly_cli::commands::metrics::MetricsQueryReport;
use common::{http_get_json, run_cmd, Env};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn need_prometheus() {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("prometheus").is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "this test needs Prometheus: `sudo apt-get install prometheus` (or `bash scripts/install-deps.sh`)"
    );
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn report(env: &Env, args: &[&str]) -> MetricsQueryReport {
    let r = env.run(args);
    assert_eq!(r.code, 0, "{args:?}: {}\n{}", r.stdout, r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", r.stdout))
}

/// Polls `f` every 500 ms for up to `limit` until it returns Some.
fn wait_for<T>(limit: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn metrics_query_and_red_columns_against_real_prometheus() {
    need_prometheus();
    let mut env = Env::new();
    let status = env.demo_with(1, 2, 0, 0, &["--load", "5"]);
    let prom = status["prometheus"]
        .as_str()
        .unwrap_or_else(|| panic!("the demo did not start Prometheus: {status}"))
        .to_string();

    // Instant query, once Prometheus has scraped some requests.
    let instant = wait_for(Duration::from_secs(60), "a scraped request count", || {
        let r = report(
            &env,
            &[
                "-p",
                "demo",
                "-o",
                "json",
                "metrics",
                "query",
                "sum(butterfly_requests_total)",
            ],
        );
        let v: f64 = r.series.first()?.last.as_ref()?.parse().ok()?;
        (v > 0.0).then_some(r)
    });
    assert_eq!(instant.kind, "instant");
    assert_eq!(instant.result_type, "vector");
    assert_eq!(instant.query, "sum(butterfly_requests_total)");
    assert_eq!(instant.time_ms, None);
    assert_eq!(instant.series.len(), 1);
    let s = &instant.series[0];
    assert!(
        s.labels.is_empty(),
        "sum() drops every label: {:?}",
        s.labels
    );
    let cli_total: f64 = s.samples[0].value.parse().unwrap();
    assert!(
        (now_ms() - s.samples[0].t_ms).abs() < 30_000,
        "{:?}",
        s.samples
    );
    assert_eq!(s.min, Some(cli_total));
    // The same figure straight from Prometheus' API, asked afterwards: equal or a little more.
    let direct = http_get_json(&format!(
        "{prom}/api/v1/query?query=sum(butterfly_requests_total)"
    ))
    .expect("Prometheus answers");
    let direct_total: f64 = direct["data"]["result"][0]["value"][1]
        .as_str()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{direct}"));
    assert!(
        cli_total <= direct_total && direct_total - cli_total <= 5.0 * 30.0,
        "cli {cli_total} vs direct {direct_total}"
    );

    // Range query: 2 minutes at 15 s steps, ending now.
    let before = now_ms();
    let range = report(
        &env,
        &[
            "-p",
            "demo",
            "-o",
            "json",
            "metrics",
            "query",
            "sum(butterfly_requests_total)",
            "--range",
            "2m",
            "--step",
            "15s",
        ],
    );
    assert_eq!(range.kind, "range");
    assert_eq!(range.result_type, "matrix");
    assert_eq!(range.step_ms, Some(15_000));
    let (start, end) = (range.start_ms.unwrap(), range.end_ms.unwrap());
    assert_eq!(end - start, 120_000);
    assert!(end >= before && end - before < 10_000);
    assert_eq!(range.series.len(), 1);
    let samples = &range.series[0].samples;
    assert!(!samples.is_empty() && samples.len() <= 9, "{samples:?}");
    let mut last = 0.0;
    for p in samples {
        assert_eq!((p.t_ms - start) % 15_000, 0, "on the step grid: {p:?}");
        assert!(p.t_ms >= start && p.t_ms <= end);
        let v: f64 = p.value.parse().unwrap();
        assert!(v >= last, "a counter sum never falls here: {samples:?}");
        last = v;
    }
    assert!(
        last >= cli_total,
        "newest range point {last} vs earlier instant {cli_total}"
    );
    assert_eq!(range.series[0].max, Some(last));

    // The table form draws a sparkline.
    let table = env.run(&[
        "-p",
        "demo",
        "-o",
        "table",
        "metrics",
        "query",
        "sum by (node_id) (butterfly_requests_total)",
        "--range",
        "2m",
        "--step",
        "15s",
    ]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table.stdout.contains("node_id=\"coordinator-1\""),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.chars().any(|c| ('▁'..='█').contains(&c)),
        "{}",
        table.stdout
    );

    // A PromQL parse error from the real server is a usage error like a LogQL one (exit 2),
    // one line naming the error type.
    let bad = env.run(&["-p", "demo", "metrics", "query", "sum(up{"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("bad_data (HTTP 400)"), "{}", bad.stderr);
    assert_eq!(bad.stderr.trim().lines().count(), 1, "{}", bad.stderr);

    // cluster status: RED figures for the coordinator (rate() needs two scrapes in the window).
    let st = wait_for(
        Duration::from_secs(60),
        "a request rate in cluster status",
        || {
            let r = env.run(&["-p", "demo", "-o", "json", "cluster", "status"]);
            let v: Value = serde_json::from_str(&r.stdout).ok()?;
            let coord = v["nodes"]
                .as_array()?
                .iter()
                .find(|n| n["id"] == "coordinator-1")?;
            (coord["request_rate"].as_f64()? > 0.0 && coord["p99_seconds"].is_f64()).then_some(v)
        },
    );
    assert_eq!(st["red"]["prometheus"], prom.as_str());
    assert_eq!(st["red"]["window"], "1m");
    assert!(st["red"]["error"].is_null(), "{}", st["red"]);
    let nodes = st["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 3);
    for n in nodes {
        if n["id"] == "coordinator-1" {
            let rate = n["request_rate"].as_f64().unwrap();
            assert!(rate > 0.5 && rate < 50.0, "about 5 req/s of load: {n}");
            let ratio = n["error_ratio"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&ratio), "{n}");
            let p99 = n["p99_seconds"].as_f64().unwrap();
            assert!(
                p99 > 0.0 && p99 <= 10.0,
                "within the histogram's buckets: {n}"
            );
        } else {
            // Compute nodes serve layers, not requests: no RED figures.
            assert!(n["request_rate"].is_null(), "{n}");
            assert!(n["p99_seconds"].is_null(), "{n}");
        }
    }
    let table = env.run(&["-p", "demo", "-o", "table", "cluster", "status"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table.stdout.contains("REQ/S") && table.stdout.contains("P99"),
        "{}",
        table.stdout
    );
    assert!(!table.stdout.contains("warning"), "{}", table.stdout);

    // request trace with Prometheus configured: the newest trace Prometheus holds an exemplar
    // for is traced from the nodes' buffers, with that exemplar listed under its metrics.
    let trace_id = wait_for(Duration::from_secs(60), "an exemplar in Prometheus", || {
        let now = now_ms() / 1000;
        let v = http_get_json(&format!(
            "{prom}/api/v1/query_exemplars?query=butterfly_request_duration_seconds_bucket&start={}&end={}",
            now - 600,
            now + 60
        ))?;
        let mut newest: Option<(f64, String)> = None;
        for series in v["data"].as_array()? {
            for e in series["exemplars"].as_array()? {
                let t = e["timestamp"].as_f64().unwrap_or(0.0);
                if let Some(id) = e["labels"]["trace_id"].as_str() {
                    if newest.as_ref().is_none_or(|(nt, _)| t > *nt) {
                        newest = Some((t, id.to_string()));
                    }
                }
            }
        }
        newest.map(|(_, id)| id)
    });
    let r = env.run(&[
        "-p",
        "demo",
        "-o",
        "json",
        "request",
        "trace",
        &trace_id,
        "--no-logs",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let t: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(t["source"], "nodes");
    let linked = t["metrics"].as_array().cloned().unwrap_or_default();
    assert!(
        linked.iter().any(|m| m["from"] == "prometheus"
            && m["series"]
                .as_str()
                .is_some_and(|s| s.starts_with("butterfly_request_duration_seconds_bucket"))),
        "{linked:?}"
    );

    // Prometheus down (a closed port): status still works; a warning says why RED is missing.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let dead = format!("http://127.0.0.1:{closed}");
    let mut cmd = env.cmd(&["-p", "demo", "-o", "json", "cluster", "status"]);
    cmd.env("BUTTERFLY_PROMETHEUS_URL", &dead);
    let r = run_cmd(cmd, Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["reachable"], 3);
    assert_eq!(v["red"]["prometheus"], dead.as_str());
    assert!(
        v["red"]["error"]
            .as_str()
            .unwrap()
            .contains("cannot connect"),
        "{}",
        v["red"]
    );
    assert!(v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["request_rate"].is_null()));
    let mut cmd = env.cmd(&["-p", "demo", "-o", "table", "cluster", "status"]);
    cmd.env("BUTTERFLY_PROMETHEUS_URL", &dead);
    let r = run_cmd(cmd, Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("warning: request rate, error ratio and p99 columns missing: prometheus at"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("REQ/S"), "{}", r.stdout);
}

#[test]
fn metrics_query_without_prometheus_says_how_to_configure_one() {
    let env = Env::new();
    let r = env.run(&["metrics", "query", "up"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    for needle in [
        "prometheus_url",
        "BUTTERFLY_PROMETHEUS_URL",
        "demo up",
        "`prometheus` package",
    ] {
        assert!(r.stderr.contains(needle), "{needle}: {}", r.stderr);
    }
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    // --step without --range is a usage error.
    let r = env.run(&["metrics", "query", "up", "--step", "5s"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}
