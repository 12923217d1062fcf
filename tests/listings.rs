//! End-to-end (issue 17 §5): no silent truncation. Every limited listing says
//! `showing N of M (--limit)` in table mode and carries `total`/`truncated` in JSON: request
//! search, fault list, state diff, audit show, profile tops (`metrics query` is checked against
//! real Prometheus in tests/runbook_queries.rs; logs and node audit in tests/truth.rs).

mod common;

use common::Env;
use serde_json::Value;
use std::time::{Duration, Instant};

fn json_of(env: &Env, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["-o", "json"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    let v = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}\n{}", r.stdout, r.stderr));
    (r.code, v)
}

fn table(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["-o", "table"];
    all.extend_from_slice(args);
    env.run(&all).stdout
}

/// Polls `args` (JSON) until `ok` holds, for up to a minute.
fn wait_json(env: &Env, args: &[&str], ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, v) = json_of(env, args);
        if ok(&v) {
            return v;
        }
        assert!(Instant::now() < deadline, "{args:?} never did: {v}");
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn limited_listings_say_what_they_left_out() {
    let mut env = Env::new();
    env.demo_with(1, 3, 0, 0, &["--no-prometheus", "--load", "5"]);

    // request search: more traces than --limit.
    let v = wait_json(
        &env,
        &["request", "search", "--source", "nodes", "--limit", "1"],
        |v| v["total"].as_u64() > Some(1),
    );
    assert_eq!(v["traces"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["truncated"], true, "{v}");
    let t = table(
        &env,
        &["request", "search", "--source", "nodes", "--limit", "1"],
    );
    assert!(t.contains("showing 1 of "), "{t}");
    assert!(t.contains("(--limit)"), "{t}");
    let (_, all) = json_of(
        &env,
        &[
            "request", "search", "--source", "nodes", "--limit", "100000",
        ],
    );
    assert_eq!(all["truncated"], false, "{all}");

    // fault list: a lying replica is caught again and again.
    let r = env.run(&["fault", "inject", "compute-2", "byzantine:1.0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = wait_json(&env, &["fault", "list", "--limit", "1"], |v| {
        v["total"].as_u64() > Some(1)
    });
    assert_eq!(v["faults"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["truncated"], true, "{v}");
    assert_eq!(v["limit"], 1);
    let t = table(&env, &["fault", "list", "--limit", "1"]);
    assert!(t.contains("showing 1 of "), "{t}");

    // state diff: two nodes' build sections differ in their id and addresses; --limit 1 keeps
    // one differing key and says how many there were.
    let (_, v) = json_of(
        &env,
        &[
            "state",
            "diff",
            "compute-1",
            "compute-3",
            "--section",
            "build",
            "--limit",
            "1",
        ],
    );
    let sections = v["sections"].as_array().expect("sections");
    let cut: Vec<&Value> = sections.iter().filter(|s| s["truncated"] == true).collect();
    assert!(
        !cut.is_empty(),
        "no section with more than one difference: {v}"
    );
    for s in &cut {
        assert_eq!(s["differences"].as_array().map(Vec::len), Some(1), "{s}");
        assert!(s["differences_total"].as_u64() > Some(1), "{s}");
    }
    for s in sections.iter().filter(|s| s["truncated"] == false) {
        assert_eq!(
            s["differences"].as_array().map(Vec::len).unwrap_or(0) as u64,
            s["differences_total"].as_u64().unwrap_or(0),
            "{s}"
        );
    }
    let t = table(
        &env,
        &[
            "state",
            "diff",
            "compute-1",
            "compute-3",
            "--section",
            "build",
            "--limit",
            "1",
        ],
    );
    assert!(t.contains("showing 1 of "), "{t}");

    // audit show: the commands above are all in the trail.
    let (code, v) = json_of(&env, &["audit", "show", "--limit", "2"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["entries"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(v["truncated"], true, "{v}");
    assert_eq!(v["limit"], 2);
    assert!(v["total"].as_u64() > Some(10), "{v}");
    let t = table(&env, &["audit", "show", "--last", "3"]);
    assert!(t.contains("showing 3 of "), "{t}");
    let (_, all) = json_of(&env, &["audit", "show", "--limit", "100000"]);
    assert_eq!(all["truncated"], false);
    assert_eq!(
        all["entries"].as_array().map(Vec::len).unwrap_or(0) as u64,
        all["total"].as_u64().unwrap_or(0)
    );
}

#[test]
fn a_profile_top_says_how_many_functions_it_left_out() {
    let env = Env::new();
    let folded = env.path("p.folded");
    std::fs::write(&folded, "main;a;b 5\nmain;a;c 3\nmain;d 2\nmain;e 1\n").expect("write");
    let f = folded.to_str().expect("utf-8");
    let (code, v) = json_of(
        &env,
        &["flamegraph", "render", f, "--format", "top", "--top", "2"],
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["top"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(v["top_total"], 6, "{v}");
    assert_eq!(v["top_truncated"], true);
    let t = table(
        &env,
        &["flamegraph", "render", f, "--format", "top", "--top", "2"],
    );
    assert!(t.contains("showing 2 of 6 (--top)"), "{t}");
    let (_, v) = json_of(&env, &["flamegraph", "render", f, "--format", "top"]);
    assert_eq!(v["top_truncated"], false, "{v}");
}
