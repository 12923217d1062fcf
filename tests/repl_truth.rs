//! End-to-end (issue 17 §3): the REPL runs only what was typed. Tab never takes a history hint
//! (End and → do); lines typed while a command runs are run in order and audited.

mod common;

use common::{blackhole, Env};
use serde_json::Value;
use std::time::Duration;

const PROMPT: &str = "butterfly> ";

fn prompt(p: &mut rexpect::session::PtySession, what: &str) {
    p.exp_string(PROMPT).expect(what);
    std::thread::sleep(Duration::from_millis(250));
}

fn repl(env: &Env) -> rexpect::session::PtySession {
    let mut cmd = env.cmd(&["debug"]);
    cmd.env("TERM", "xterm")
        .stdin(std::process::Stdio::inherit());
    rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn the REPL in a pty")
}

fn faults_on(env: &Env, node: &str) -> Vec<Value> {
    let r = env.run(&["-o", "json", "node", "status", node]);
    let v: Value = serde_json::from_str(&r.stdout).expect("node status json");
    v["active_faults"].as_array().cloned().unwrap_or_default()
}

/// Command lines of the console's audit records, oldest first.
fn audited(env: &Env) -> Vec<String> {
    std::fs::read_to_string(env.audit_log())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["command"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn tab_never_takes_a_hint_and_type_ahead_runs_in_order() {
    let mut env = Env::new();
    env.demo(1, 2, 0, 0);
    let mut p = repl(&env);
    prompt(&mut p, "prompt");

    // An intrusive line in the history, then cleared.
    p.send_line("fault inject compute-2 slow:5ms")
        .expect("send");
    p.exp_string("slow:5ms").expect("injected");
    prompt(&mut p, "prompt");
    p.send_line("fault clear compute-2").expect("send");
    p.exp_string("no faults active").expect("cleared");
    prompt(&mut p, "prompt");

    // The prefix shows the old line as a hint; Tab completes the word from the grammar only,
    // so Enter runs `fault inject compute-2 ` (a usage error), not the hinted fault.
    p.send("fault inject compute-2").expect("send");
    p.flush().expect("flush");
    p.exp_string("slow:5ms").expect("the hint is shown");
    p.send("\t").expect("tab");
    p.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(200));
    p.send_line("").expect("enter");
    p.exp_string("try `help`")
        .expect("usage error: the spec is missing");
    prompt(&mut p, "prompt");
    assert!(faults_on(&env, "compute-2").is_empty(), "Tab took the hint");

    // End takes the hint (the operator asked for it). The line just run is the newest history
    // entry now, so a longer prefix picks the old one.
    p.send("fault inject compute-2 s").expect("send");
    p.flush().expect("flush");
    p.exp_string("low:5ms").expect("hint");
    p.send("\x1b[F").expect("End");
    p.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(200));
    p.send_line("").expect("enter");
    p.exp_string("compute-2: slow:5ms")
        .expect("End took the hint");
    prompt(&mut p, "prompt");
    assert_eq!(faults_on(&env, "compute-2").len(), 1);

    // Type-ahead while a command runs (a seed that never answers, 2 s): both later lines run,
    // in order, and are audited.
    let hole = blackhole();
    p.send_line(&format!(
        "cluster status --seeds {} --timeout 2s",
        hole.addr
    ))
    .expect("send");
    std::thread::sleep(Duration::from_millis(300));
    p.send_line("fault clear compute-2").expect("type ahead 1");
    p.send_line("node info compute-1").expect("type ahead 2");
    p.exp_string("no faults active")
        .expect("first typed-ahead line ran");
    p.exp_string("compute-1")
        .expect("second typed-ahead line ran");
    prompt(&mut p, "prompt");
    p.send_line("exit").expect("exit");
    p.exp_eof().expect("leaves");
    let lines = audited(&env);
    let pos = |c: &str| lines.iter().rposition(|l| l == c);
    let a = pos("fault clear compute-2").expect("audited");
    let b = pos("node info compute-1").expect("audited");
    assert!(a < b, "{lines:?}");
    assert!(faults_on(&env, "compute-2").is_empty());
}

#[test]
fn a_running_repl_reads_new_credentials_after_the_demo_is_recreated() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    let mut p = repl(&env);
    prompt(&mut p, "prompt");
    p.send_line("cluster status").expect("send");
    p.exp_string("0 unreachable").expect("first cluster");
    prompt(&mut p, "prompt");

    // A new demo: new CA, new certificates, new ports.
    let down = env.run(&["demo", "down"]);
    assert_eq!(down.code, 0, "{}", down.stderr);
    env.demo(1, 1, 0, 0);
    p.send_line("cluster status").expect("send");
    p.exp_string("0 unreachable")
        .expect("the REPL trusts the new CA without a restart");
    prompt(&mut p, "prompt");
    p.send_line("node status compute-1").expect("send");
    p.exp_string("compute-1 (compute)")
        .expect("a node by id after the restart");
    prompt(&mut p, "prompt");
    p.send_line("exit").expect("exit");
    p.exp_eof().expect("leaves");
}

/// Bad inputs of each kind: (line, exit status of the one-shot).
const BAD: [(&str, i32); 5] = [
    ("cluster frobnicate", 2),
    ("node info --bogus-flag compute-1", 2),
    ("node info compute-99", 1),
    ("fault inject compute-1 partition:compute-99", 1),
    ("fault inject compute-1 nonsense:1", 1),
];

#[test]
fn the_repl_and_the_one_shot_print_the_same_error_with_the_same_status() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    let mut one_shot = Vec::new();
    for (line, code) in BAD {
        let args = shell_words_split(line);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = env.run(&args);
        assert_eq!(r.code, code, "{line}: {}", r.stderr);
        let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 1, "{line}: one line: {}", r.stderr);
        assert!(lines[0].starts_with("error: "), "{line}: {}", r.stderr);
        one_shot.push(lines[0].to_string());
    }
    let mut p = repl(&env);
    prompt(&mut p, "prompt");
    for ((line, _), expected) in BAD.iter().zip(&one_shot) {
        p.send_line(line).expect("send");
        p.exp_string(expected)
            .unwrap_or_else(|e| panic!("REPL said otherwise for `{line}` ({expected}): {e}"));
        prompt(&mut p, "prompt");
    }
    p.send_line("exit").expect("exit");
    p.exp_eof().expect("leaves");
    // Lines that ran are audited with the one-shot's exit status, from both front doors.
    let records: Vec<Value> = std::fs::read_to_string(env.audit_log())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let command_of = |seq: &Value| {
        records
            .iter()
            .find(|r| r["kind"] == "intent" && r["seq"] == *seq)
            .and_then(|r| r["command"].as_str())
    };
    for (line, code) in BAD.iter().filter(|(_, c)| *c != 2) {
        let codes: Vec<i64> = records
            .iter()
            .filter(|r| r["kind"] == "result" && command_of(&r["intent_seq"]) == Some(*line))
            .filter_map(|r| r["exit_code"].as_i64())
            .collect();
        assert_eq!(
            codes.len(),
            2,
            "{line}: one-shot and REPL audited: {codes:?}"
        );
        assert!(
            codes.iter().all(|c| *c == i64::from(*code)),
            "{line}: {codes:?}"
        );
    }
}

fn shell_words_split(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}
