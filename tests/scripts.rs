//! End-to-end (issue 17 §4): scripts an on-call engineer can trust. The whole script (commands,
//! flags, variables, node names against the membership) is checked before anything runs; partial results go on, failures stop; the exit status is the worst
//! step's; one JSON document (or NDJSON); a header per step; the audit names the script's hash.

mod common;

use common::Env;
use serde_json::Value;

fn faults_on(env: &Env, node: &str) -> Vec<Value> {
    let r = env.run(&["-o", "json", "node", "status", node]);
    let v: Value = serde_json::from_str(&r.stdout).expect("node status json");
    v["active_faults"].as_array().cloned().unwrap_or_default()
}

fn script_records(env: &Env) -> Vec<Value> {
    std::fs::read_to_string(env.audit_log())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["via"] == "script")
        .collect()
}

#[test]
fn a_wrong_last_line_runs_nothing_and_a_triage_script_survives_a_dead_node() {
    let mut env = Env::new();
    env.demo(1, 2, 0, 0);

    // An intrusive first line, a typo on the last: nothing runs.
    let bad = env.path("bad.bfly");
    std::fs::write(
        &bad,
        "fault inject compute-1 slow:5ms\nnode info ${node}\n# fine\nnode frobnicate compute-1\n",
    )
    .expect("write");
    let r = env.run(&[
        "-o",
        "table",
        "run",
        bad.to_str().expect("p"),
        "--set",
        "node=compute-1",
    ]);
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("bad.bfly:4:"), "{}", r.stderr);
    assert!(r.stdout.contains("nothing was run"), "{}", r.stdout);
    // An unset variable is found before line 1 runs, too.
    let r = env.run(&["run", bad.to_str().expect("p")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.bfly:2: unknown variable ${node}"),
        "{}",
        r.stderr
    );
    // A typo in a node name on the last line: found in the pre-pass, against the membership.
    let typo = env.path("typo.bfly");
    std::fs::write(
        &typo,
        "fault inject compute-1 slow:5ms\nnode info compute-1\nstate diff compute-1 compute-9\n",
    )
    .expect("write");
    for extra in [&[][..], &["--check"][..]] {
        let mut args = vec!["run", typo.to_str().expect("p")];
        args.extend_from_slice(extra);
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{extra:?}: {}\n{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("typo.bfly:3: unknown node 'compute-9'")
                && r.stderr
                    .contains("members: compute-1, compute-2, coordinator-1"),
            "{}",
            r.stderr
        );
    }
    // Addresses and `@` references are left to run time; a good script passes the check.
    let good = env.path("good.bfly");
    std::fs::write(
        &good,
        "node info compute-1\nprofile cpu @slowest --duration 1s\nnode info 127.0.0.1:1\n",
    )
    .expect("write");
    let r = env.run(&["run", good.to_str().expect("p"), "--check"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);

    assert!(faults_on(&env, "compute-1").is_empty(), "line 1 ran");
    assert!(
        script_records(&env).is_empty(),
        "something was audited as run"
    );

    // A triage script on a cluster with a dead node: partial steps go on, exit 3.
    let r = env.run(&["fault", "inject", "compute-2", "crash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let triage = env.path("triage.bfly");
    // `--direct`: the crashed node is down at once (the default reads heartbeat summaries, which
    // mark it down 3 heartbeats later).
    let text = "cluster status --direct\nnode info compute-1\nfault list\n";
    std::fs::write(&triage, text).expect("write");
    let t = triage.to_str().expect("p");

    let r = env.run(&["-o", "json", "run", t]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let steps = doc["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 3, "{doc}");
    assert_eq!(steps[0]["command"], "cluster status --direct");
    assert_eq!(steps[0]["status"], "partial");
    assert_eq!(steps[0]["exit_code"], 3);
    assert!(steps[0]["result"]["nodes"].is_array());
    assert_eq!(steps[1]["status"], "ok");
    assert_eq!(steps[1]["result"]["id"], "compute-1");
    assert_eq!(doc["exit_code"], 3);
    assert_eq!(doc["stopped_early"], false);
    let sha = doc["sha256"].as_str().expect("sha256").to_string();
    assert_eq!(sha.len(), 64);

    // --stop-on partial stops after the first partial step.
    let r = env.run(&["-o", "json", "run", t, "--stop-on", "partial"]);
    assert_eq!(r.code, 3);
    let doc: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(doc["commands_run"], 1);
    assert_eq!(doc["stopped_early"], true);

    // NDJSON: a line per step, then the summary.
    let r = env.run(&["-o", "json", "run", t, "--stream"]);
    assert_eq!(r.code, 3);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not NDJSON ({e}): {l}")))
        .collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert_eq!(lines[2]["command"], "fault list");
    assert_eq!(lines[3]["commands_run"], 3);

    // Table mode: a header names each step.
    let r = env.run(&["-o", "table", "run", t]);
    assert_eq!(r.code, 3);
    for (k, cmd) in [
        "cluster status --direct",
        "node info compute-1",
        "fault list",
    ]
    .iter()
    .enumerate()
    {
        let header = format!("── step {}/3 (line {}): {cmd}", k + 1, k + 1);
        assert!(r.stdout.contains(&header), "{header}: {}", r.stdout);
    }
    assert!(r.stdout.contains("worst exit 3"), "{}", r.stdout);

    // Each step's audit record names the script and its hash.
    let records = script_records(&env);
    assert!(
        records.iter().any(|v| v["command"] == "fault list"
            && v["script"]
                .as_str()
                .is_some_and(|s| s.ends_with(&format!("sha256:{sha}")))),
        "{records:?}"
    );
}
