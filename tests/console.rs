//! End-to-end: the REPL through a pseudo-terminal, scripts, and the audit trail.

mod common;

use common::{blackhole, kill_pid, Env};
use serde_json::Value;
use std::time::{Duration, Instant};

const PROMPT: &str = "butterfly> ";

/// Waits for the prompt, then for rustyline's cursor-position probe (which a pty never answers)
/// to time out (100 ms), so typed input is not swallowed as its reply.
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

#[test]
fn repl_completes_remembers_survives_errors_and_ctrl_c() {
    let mut env = Env::new();
    let demo = env.demo(1, 2, 0, 0);
    let mut p = repl(&env);
    prompt(&mut p, "prompt");

    // Tab completion of a command from the grammar.
    p.send("clu\t").expect("send");
    p.flush().expect("flush");
    p.exp_string("cluster ")
        .expect("clu<TAB> completes to `cluster `");
    p.send("st\t").expect("send");
    p.flush().expect("flush");
    p.exp_string("status ").expect("completes status");
    p.send_line("").expect("enter");
    p.exp_string("coordinator-1").expect("status table");
    p.exp_string("0 unreachable").expect("summary");
    prompt(&mut p, "prompt again");

    // Live node ids complete from the background cache.
    p.send("node info compute-\t\t").expect("send");
    p.flush().expect("flush");
    p.exp_string("compute-2").expect("node ids offered");
    p.send_control('u').expect("clear line");
    p.send_line("").expect("enter");
    prompt(&mut p, "prompt");

    // Malformed lines and unknown nodes: one clear line, the session goes on.
    p.send_line("cluster frobnicate").expect("send");
    p.exp_string("try `help`").expect("usage error");
    prompt(&mut p, "prompt");
    p.send_line("node info compute-99").expect("send");
    p.exp_string("unknown node 'compute-99'")
        .expect("unknown node");
    prompt(&mut p, "prompt");
    p.send_line("node info \"unterminated").expect("send");
    p.exp_string("error:").expect("quote error");
    prompt(&mut p, "prompt");

    p.send_line("cluster status --key /nonexistent/oncall-key.pem")
        .expect("send");
    p.exp_string("/nonexistent/oncall-key.pem")
        .expect("key error names the file");
    prompt(&mut p, "prompt after a bad key");

    // Ctrl-C at the prompt keeps the session.
    p.send_control('c').expect("ctrl-c");
    prompt(&mut p, "prompt after ^C");

    // Ctrl-C cancels a running command (a hung seed) and keeps the session.
    let hole = blackhole();
    p.send_line(&format!(
        "cluster status --seeds {} --timeout 60s",
        hole.addr
    ))
    .expect("send");
    std::thread::sleep(Duration::from_millis(700));
    p.send_control('c').expect("ctrl-c");
    p.exp_string("interrupted").expect("command interrupted");
    prompt(&mut p, "session survives");

    // Killing a node mid-REPL: status still answers and lists it with its error.
    kill_pid(env.node(&demo, "compute-1")["pid"].as_u64().expect("pid"));
    p.send_line("cluster status --timeout 2s").expect("send");
    p.exp_string("unreachable").expect("dead node shown");
    prompt(&mut p, "prompt");

    // Leave with Ctrl-D; history persisted.
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exits");
    let history = std::fs::read_to_string(env.state_dir().join("history")).expect("history file");
    assert!(history.contains("cluster status"), "{history}");

    // Next session: the history is there (Up arrow recalls the last line).
    let mut p = repl(&env);
    prompt(&mut p, "prompt");
    p.send("\x1b[A").expect("up arrow");
    p.flush().expect("flush");
    p.exp_string("cluster status --timeout 2s")
        .expect("history recalled");
    p.send_control('u').expect("clear");
    p.send_line("exit").expect("exit");
    p.exp_eof().expect("exits");
}

#[test]
fn scripts_substitute_stop_at_first_failure_and_exit_with_the_worst_code() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    let script = env.path("check.bfly");
    std::fs::write(
        &script,
        "# investigate a node\n\nnode info ${node}\nnode info 127.0.0.1:1\nnode health ${node}\n",
    )
    .expect("write");
    let s = script.to_str().expect("p");
    let r = env.run(&["-o", "json", "run", s, "--set", "node=compute-1"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("\"compute-1\""), "{}", r.stdout);
    // An address is not checked before the run (an unknown node id would be: tests/scripts.rs);
    // nothing answers there.
    assert!(r.stderr.contains("127.0.0.1:1"), "{}", r.stderr);
    assert!(
        !r.stdout.contains("\"health\""),
        "stopped before line 5: {}",
        r.stdout
    );

    let r = env.run(&[
        "-o",
        "json",
        "run",
        s,
        "--set",
        "node=compute-1",
        "--keep-going",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("\"health\""),
        "--keep-going ran line 5: {}",
        r.stdout
    );

    // Missing variable: the line is named.
    let r = env.run(&["run", s]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(":3: unknown variable ${node}"),
        "{}",
        r.stderr
    );

    // Every script line is audited with via=script.
    let records = std::fs::read_to_string(env.audit_log()).expect("audit log");
    assert!(records
        .lines()
        .any(|l| l.contains("\"via\":\"script\"") && l.contains("node info compute-1")));
}

#[test]
fn audit_trail_verifies_names_tampering_and_keeps_intent_of_killed_commands() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    for _ in 0..3 {
        assert_eq!(env.run(&["cluster", "status"]).code, 0);
    }
    let ok = env.run(&["-o", "json", "audit", "verify"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(ok.json()["ok"], true);

    let show = env
        .run(&["-o", "json", "audit", "show", "--last", "3"])
        .json();
    let entries = show["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["operator"], "oncall");
    assert_eq!(entries[0]["command"], "cluster status");
    assert_eq!(entries[0]["outcome"], "ok");

    // Kill the console mid-command: its intent record is already on disk.
    let hole = blackhole();
    let mut child = env
        .cmd(&[
            "cluster",
            "status",
            "--seeds",
            &hole.addr,
            "--timeout",
            "60s",
        ])
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(env.audit_log()).unwrap_or_default();
        if text.contains(&hole.addr) {
            break;
        }
        assert!(Instant::now() < deadline, "intent never written");
        std::thread::sleep(Duration::from_millis(20));
    }
    kill_pid(u64::from(child.id()));
    let _ = child.wait();
    let text = std::fs::read_to_string(env.audit_log()).expect("log");
    let last: Value = serde_json::from_str(text.lines().last().expect("a record")).expect("json");
    assert_eq!(last["kind"], "intent");
    let v = env.run(&["-o", "json", "audit", "verify"]).json();
    assert_eq!(v["ok"], true);
    assert!(!v["verification"]["unfinished"]
        .as_array()
        .expect("list")
        .is_empty());

    // Tamper with one record: verify fails and names it.
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut tampered = lines.clone();
    tampered[2] = tampered[2].replace("cluster status", "cluster status --innocent");
    assert_ne!(tampered[2], lines[2]);
    std::fs::write(env.audit_log(), tampered.join("\n") + "\n").expect("write");
    let r = env.run(&["-o", "json", "audit", "verify"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let v = r.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["verification"]["first_broken_line"], 3);
}
