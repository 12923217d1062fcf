//! End-to-end: status that scales. Every node's heartbeat carries its summary to the
//! coordinators; `cluster status` (and `top`, both by default) read the whole cluster from one
//! coordinator. On a live demo the coordinator-sourced view must match what the nodes answer
//! themselves (the fan-out), follow an injected fault, and mark a killed node down; `top` says
//! which source it shows, and `--direct` keeps the fan-out.

mod common;

use common::{kill_pid, Env};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn wait_for<T>(limit: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// id → (role, reachable, health, active faults) of `cluster status [--direct] -o json`.
fn rows(v: &Value) -> BTreeMap<String, (String, bool, String, Vec<String>)> {
    v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            let faults = n["active_faults"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            (
                n["id"].as_str().unwrap_or_default().to_string(),
                (
                    n["role"].as_str().unwrap_or_default().to_string(),
                    n["reachable"].as_bool().unwrap_or(false),
                    n["health"].as_str().unwrap_or_default().to_string(),
                    faults,
                ),
            )
        })
        .collect()
}

fn summary(env: &Env) -> Value {
    let r = env.run(&["-o", "json", "cluster", "status"]);
    assert!(r.code == 0 || r.code == 3, "{}\n{}", r.stdout, r.stderr);
    r.json()
}

fn direct(env: &Env) -> Value {
    let r = env.run(&["-o", "json", "cluster", "status", "--direct"]);
    assert!(r.code == 0 || r.code == 3, "{}\n{}", r.stdout, r.stderr);
    r.json()
}

#[test]
fn coordinator_summaries_match_the_nodes_follow_faults_and_mark_the_dead() {
    let mut env = Env::new();
    let demo = env.demo(2, 2, 0, 20);
    let total = 24;

    // Every member, from one coordinator, matching what each node says itself.
    let s = wait_for(Duration::from_secs(20), "all members summarized", || {
        let s = summary(&env);
        let all = rows(&s);
        (all.len() == total && all.values().all(|r| r.1)).then_some(s)
    });
    assert!(
        s["source"]
            .as_str()
            .is_some_and(|x| x.starts_with("summary:coordinator-")),
        "{s}"
    );
    // Both are snapshots a moment apart (a heartbeat lags at most one interval): they agree
    // within a few tries.
    let mut last = (Value::Null, Value::Null);
    // A summary is up to a heartbeat old: the coordinators' terms must agree too (an election
    // right after start shows in the fan-out first).
    let terms = |v: &Value| -> Vec<Value> {
        v["nodes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|n| n["role"] == "coordinator")
                    .map(|n| n["consensus"]["term"].clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    let agreed = (0..20).any(|_| {
        let (s, d) = (summary(&env), direct(&env));
        let same = rows(&s) == rows(&d) && terms(&s) == terms(&d);
        last = (s, d);
        if !same {
            std::thread::sleep(Duration::from_millis(500));
        }
        same
    });
    let (s, d) = last;
    assert_eq!(d["source"], "fan-out");
    assert!(
        agreed,
        "summary view vs the nodes themselves:\n{:?}\n{:?}",
        rows(&s),
        rows(&d)
    );
    let row = |v: &Value, id: &str| -> Value {
        v["nodes"]
            .as_array()
            .and_then(|a| a.iter().find(|n| n["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("no {id} in {v}"))
    };
    for id in ["coordinator-1", "coordinator-2"] {
        let (a, b) = (row(&s, id), row(&d, id));
        assert_eq!(a["consensus"]["term"], b["consensus"]["term"], "{id}");
        assert!(a["consensus"]["state"].is_string(), "{a}");
    }
    assert_eq!(s["summary"]["leader"], d["summary"]["leader"]);
    assert!(s["summary"]["state_source"].is_string(), "{s}");
    assert!(
        row(&s, "compute-1")["heartbeat_age_ms"]
            .as_u64()
            .is_some_and(|ms| ms < 5_000),
        "{}",
        row(&s, "compute-1")
    );
    // The human table says where the rows came from.
    let text = env.run(&["-o", "table", "cluster", "status"]);
    assert!(
        text.stdout.contains("heartbeat summaries"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("SEEN"), "{}", text.stdout);

    // An injected fault reaches the summaries within a few heartbeats, as the node reports it.
    let r = env.run(&["fault", "inject", "compute-1", "slow:300ms"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    wait_for(Duration::from_secs(10), "the fault in the summary", || {
        let s = summary(&env);
        let faults = row(&s, "compute-1")["active_faults"].clone();
        (faults == serde_json::json!(["slow:300ms"])).then_some(())
    });
    let d = direct(&env);
    assert_eq!(
        row(&d, "compute-1")["active_faults"],
        serde_json::json!(["slow:300ms"])
    );
    assert_eq!(rows(&summary(&env))["compute-1"], rows(&d)["compute-1"]);

    // A killed node is down in the summary once its heartbeat is 3 intervals old; the exit code
    // is partial like the fan-out's.
    let pid = env.node(&demo, "compute-2")["pid"].as_u64().expect("pid");
    kill_pid(pid);
    let s = wait_for(
        Duration::from_secs(15),
        "compute-2 down in the summary",
        || {
            let s = summary(&env);
            (!row(&s, "compute-2")["reachable"].as_bool().unwrap_or(true)).then_some(s)
        },
    );
    let dead = row(&s, "compute-2");
    assert!(
        dead["error"]
            .as_str()
            .is_some_and(|e| e.contains("no heartbeat for")),
        "{dead}"
    );
    assert_eq!(env.run(&["-o", "json", "cluster", "status"]).code, 3);
    assert!(!rows(&direct(&env))["compute-2"].1, "the fan-out agrees");
    assert!(rows(&s)["compute-1"].1 && rows(&s)["coordinator-1"].1);

    // The summary RPC is refused by non-coordinators with a clear reason (asked directly).
    let addr = row(&s, "compute-1")["address"]
        .as_str()
        .expect("address")
        .to_string();
    let r = env.run(&["--seeds", &addr, "-o", "json", "cluster", "status"]);
    assert!(r.code == 0 || r.code == 3, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.json()["seed_errors"][0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("only coordinators")),
        "{}",
        r.stdout
    );

    // `top` shows the coordinator's summaries by default, the fan-out with --direct.
    for (flags, caption) in [
        (&["top", "--interval", "1s"][..], "heartbeat summaries"),
        (&["top", "--interval", "1s", "--direct"][..], "fan-out"),
    ] {
        let mut p = in_pty(&env, flags);
        p.exp_string(caption).expect("the Nodes view's source");
        p.exp_string("compute-2").expect("the dead node's row");
        p.send("q").expect("send");
        p.flush().expect("flush");
        p.exp_string("top: closed").expect("closed");
        p.exp_eof().expect("top exits");
    }
}

/// The console in an 80×24 pty.
fn in_pty(env: &Env, args: &[&str]) -> rexpect::session::PtySession {
    common::screen::in_pty(env, 24, 80, args)
}
