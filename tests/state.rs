//! Issue 16 on real demo clusters: a durable Raft log (kill -9 and `demo restart` coordinators,
//! followers and the leader), `state dump`/`state diff` (lag, tampering), `cluster
//! remove-member`, `verify checkpoint` against `corrupt-checkpoint`, and `verify node` against
//! `byzantine:1.0`.

mod common;

use common::{kill_pid, Env, Run};
use serde_json::Value;
use std::time::{Duration, Instant};

fn wait_for<T>(what: &str, secs: u64, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn consensus(env: &Env, id: &str) -> Option<Value> {
    let r = env.run(&["-o", "json", "state", "dump", id, "--section", "consensus"]);
    if r.code != 0 {
        return None;
    }
    Some(r.json()["sections"][0]["value"].clone())
}

fn diff_coordinators(env: &Env) -> (Run, Value) {
    let r = env.run(&[
        "-o",
        "json",
        "state",
        "diff",
        "--all",
        "--role",
        "coordinator",
    ]);
    let v = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
    (r, v)
}

fn pid_of(status: &Value, env: &Env, id: &str) -> u64 {
    env.node(status, id)["pid"].as_u64().expect("pid")
}

/// The leader once all three coordinators are voters that know it.
fn formed(env: &Env) -> String {
    wait_for("a formed raft group of 3", 30, || {
        let mut leader = None;
        for i in 1..=3 {
            let c = consensus(env, &format!("coordinator-{i}"))?;
            if c["voters"].as_array()?.len() != 3 || c["leader"].as_str()?.is_empty() {
                return None;
            }
            leader = c["leader"].as_str().map(str::to_string);
        }
        leader
    })
}

#[test]
fn durable_raft_log_restart_diff_tamper_and_remove() {
    let mut env = Env::new();
    let st = env.demo_with(
        3,
        3,
        0,
        0,
        &[
            "--no-prometheus",
            "--load",
            "2",
            "--checkpoint-interval",
            "1s",
        ],
    );
    let leader = formed(&env);
    let followers: Vec<String> = (1..=3)
        .map(|i| format!("coordinator-{i}"))
        .filter(|c| *c != leader)
        .collect();
    let (f1, f2) = (followers[0].clone(), followers[1].clone());

    // Equal once converged; the log is on disk.
    wait_for("coordinators equal", 20, || {
        let (r, v) = diff_coordinators(&env);
        (r.code == 0 && v["odd_nodes"].as_array()?.is_empty()).then_some(())
    });
    let c = consensus(&env, &f1).unwrap();
    assert_eq!(c["log"]["durable"], true, "{c}");
    let raft_dir = env.state_dir().join("demo/data").join(&f1).join("raft");
    assert!(raft_dir.join("log").metadata().unwrap().len() > 0);
    assert!(raft_dir.join("vote.json").exists());

    // A partitioned follower falls behind and shows as behind, never as different.
    let r = env.run(&["fault", "inject", &f2, &format!("partition:{leader},{f1}")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let behind = wait_for("a follower behind", 20, || {
        let (r, v) = diff_coordinators(&env);
        let n = v["nodes"]
            .as_array()?
            .iter()
            .find(|n| n["id"] == f2.as_str())?;
        let by = n["behind"].as_u64()?;
        (by > 0).then_some((r, v))
    });
    assert_eq!(
        behind.0.code, 0,
        "lag is not a difference: {}",
        behind.0.stdout
    );
    assert!(behind.1["odd_nodes"].as_array().unwrap().is_empty());
    let table = env.run(&[
        "-o",
        "table",
        "state",
        "diff",
        "--all",
        "--role",
        "coordinator",
    ]);
    assert!(table.stdout.contains("behind by"), "{}", table.stdout);
    env.run(&["fault", "clear", &f2]);

    // kill -9 a follower under load, restart it: it comes back with its log and catches up.
    kill_pid(pid_of(&st, &env, &f1));
    std::thread::sleep(Duration::from_secs(2));
    let r = env.run(&["-o", "json", "demo", "restart", &f1]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.json()["was_alive"], false);
    // The node's log writer is non-blocking: wait for the line to reach the file.
    let log_path = env.state_dir().join("demo/logs").join(format!("{f1}.log"));
    let reopened = wait_for("a second raft log open after the restart", 20, || {
        let log = std::fs::read_to_string(&log_path).ok()?;
        log.lines()
            .filter(|l| l.contains("raft log opened"))
            .nth(1)
            .map(str::to_owned)
    });
    assert!(!reopened.contains(r#""entries":"0""#), "{reopened}");
    wait_for("equal after a follower restart", 30, || {
        let (r, _) = diff_coordinators(&env);
        (r.code == 0).then_some(())
    });

    // Kill and restart the leader: the group goes on, and it rejoins.
    let before = consensus(&env, &f2).unwrap()["commit_index"]
        .as_u64()
        .unwrap();
    let r = env.run(&["-o", "json", "demo", "restart", &leader, "--kill"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.json()["killed"], true);
    wait_for("commits after the leader restart", 30, || {
        let c = consensus(&env, &f2)?;
        (c["commit_index"].as_u64()? > before + 3 && !c["leader"].as_str()?.is_empty())
            .then_some(())
    });
    wait_for("equal after the leader restart", 30, || {
        let (r, _) = diff_coordinators(&env);
        (r.code == 0).then_some(())
    });

    // Tampering with one coordinator's copy is named, with the key, by majority.
    let leader = formed(&env);
    let target = (1..=3)
        .map(|i| format!("coordinator-{i}"))
        .find(|c| *c != leader)
        .unwrap();
    let other = (1..=3)
        .map(|i| format!("coordinator-{i}"))
        .find(|c| *c != target)
        .unwrap();
    let r = env.run(&["fault", "inject", &target, "tamper-state:compute-1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["-o", "json", "state", "diff", &other, &target]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let v = r.json();
    assert_eq!(v["odd_nodes"], serde_json::json!([target]), "{v}");
    let rep = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "reputation")
        .unwrap();
    assert_eq!(rep["equal"], false);
    assert_eq!(rep["differences"][0]["key"], "compute-1", "{rep}");
    assert_eq!(rep["differences"][0]["values"][&target], 0.0);

    // A dump stays bounded: small pages, reassembled and hash-checked.
    let r = env.run(&[
        "-o",
        "json",
        "state",
        "dump",
        &other,
        "--section",
        "members",
        "--page-bytes",
        "200",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = &r.json()["sections"][0];
    assert!(s["pages"].as_u64().unwrap() > 1, "{s}");
    assert_eq!(s["hash_ok"], true);

    // Remove a dead coordinator: the voters (and so the quorum) follow, commits go on.
    let st = env.run(&["-o", "json", "demo", "status"]).json();
    kill_pid(pid_of(&st, &env, &target));
    let denied = env.run_as_viewer(&["cluster", "remove-member", &target]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    let r = wait_for("remove-member", 20, || {
        let r = env.run(&["-o", "json", "cluster", "remove-member", &target]);
        (r.code == 0).then_some(r)
    });
    let voters = r.json()["voters"].as_array().unwrap().clone();
    assert_eq!(voters.len(), 2, "{voters:?}");
    assert!(!voters.iter().any(|v| *v == target.as_str()));
    let before = consensus(&env, &other).unwrap()["commit_index"]
        .as_u64()
        .unwrap();
    wait_for("commits with two voters", 20, || {
        let c = consensus(&env, &other)?;
        (c["voters"].as_array()?.len() == 2 && c["commit_index"].as_u64()? > before + 2)
            .then_some(())
    });
}

#[test]
fn verify_checkpoint_and_verify_node() {
    let mut env = Env::new();
    let st = env.demo_with(
        1,
        3,
        0,
        0,
        &[
            "--no-prometheus",
            "--load",
            "0",
            "--checkpoint-interval",
            "1s",
        ],
    );
    // Every compute node's latest checkpoint verifies and matches the committed manifest.
    wait_for("clean checkpoints", 30, || {
        let r = env.run(&["-o", "json", "verify", "checkpoint", "--latest"]);
        let v: Value = serde_json::from_str(&r.stdout).ok()?;
        let all = v["nodes"].as_array()?;
        (r.code == 0
            && all.len() == 3
            && all
                .iter()
                .all(|n| n["result"] == "ok" && n["committed"] == "matches"))
        .then_some(())
    });

    // corrupt-checkpoint on compute-3 is found without restarting it.
    let r = env.run(&["fault", "inject", "compute-3", "corrupt-checkpoint"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (r, v) = wait_for("a corrupt checkpoint", 30, || {
        let r = env.run(&["-o", "json", "verify", "checkpoint", "--latest"]);
        let v: Value = serde_json::from_str(&r.stdout).ok()?;
        (r.code == 1).then_some((r, v))
    });
    assert_eq!(
        v["failed"],
        serde_json::json!(["compute-3"]),
        "{}",
        r.stdout
    );
    for n in v["nodes"].as_array().unwrap() {
        if n["node_id"] == "compute-3" {
            let bad = &n["bad_objects"][0];
            assert!(!bad["actual"].as_str().unwrap().is_empty());
            assert_ne!(bad["expected"], bad["actual"]);
        } else {
            assert_eq!(n["result"], "ok", "{n}");
        }
    }
    let table = env.run(&[
        "-o",
        "table",
        "verify",
        "checkpoint",
        "--latest",
        "--sample",
        "50%",
    ]);
    assert_eq!(table.code, 1);
    assert!(table.stdout.contains("compute-3 layer"), "{}", table.stdout);

    // byzantine:1.0 on compute-2: the first divergent layer, with evidence saved and checkable.
    let r = env.run(&["fault", "inject", "compute-2", "byzantine:1.0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = env.path("evidence.json");
    let r = env.run(&[
        "-o",
        "json",
        "verify",
        "node",
        "compute-2",
        "-w",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let v = r.json();
    assert_eq!(v["first_divergent_layer"], 0, "{v}");
    let l0 = &v["layers"][0];
    assert_eq!(l0["diverged"], true);
    assert_ne!(l0["expected_hash"], l0["received_hash"]);
    assert!(l0["agreeing"].as_array().unwrap().len() >= 2, "{l0}");
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["evidence_sha256"], v["evidence_sha256"]);
    assert_eq!(saved["layers"], v["layers"]);
    // The saved record is checked later: its hash, and the same probe again.
    let r = env.run(&[
        "-o",
        "json",
        "verify",
        "evidence",
        file.to_str().unwrap(),
        "--rerun",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.json()["rerun"]["first_divergent_layer_now"], 0);
    let forged = std::fs::read_to_string(&file)
        .unwrap()
        .replace(l0["received_hash"].as_str().unwrap(), &"0".repeat(64));
    std::fs::write(&file, forged).unwrap();
    let r = env.run(&["-o", "json", "verify", "evidence", file.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.json()["hash_ok"], false);

    // An honest node: no divergence in every layer.
    let r = env.run(&["-o", "table", "verify", "node", "compute-1"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("no divergence in 8 layers"),
        "{}",
        r.stdout
    );

    // A viewer may not probe.
    let r = env.run_as_viewer(&["verify", "node", "compute-1"]);
    assert_eq!(r.code, 4, "{}", r.stderr);

    // A node killed midway through the probe: a clear error, exit 3.
    env.run(&["fault", "inject", "compute-1", "slow:400ms"]);
    let child = env
        .cmd(&["-o", "json", "verify", "node", "compute-1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    kill_pid(pid_of(&st, &env, "compute-1"));
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("compute-1 did not answer"),
        "{v}"
    );
    assert!(v["layers"].as_array().unwrap().len() >= 2, "{v}");
}
