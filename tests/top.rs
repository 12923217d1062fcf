//! End-to-end: `butterfly-cli top` (and `top` in the REPL) in a pseudo-terminal on a live demo.

mod common;

use common::Env;
use std::process::Command;
use std::time::Duration;

/// The console in an 80×24 pty (`stty` sets the size the pty starts without).
fn in_pty(env: &Env, args: &[&str]) -> rexpect::session::PtySession {
    let base = env.cmd(args);
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("stty rows 24 cols 80; exec \"$0\" \"$@\"")
        .arg(base.get_program())
        .args(base.get_args())
        .env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    c.env("TERM", "xterm");
    rexpect::session::spawn_command(c, Some(30_000)).expect("spawn in a pty")
}

const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";

#[test]
fn top_shows_every_node_switches_views_and_restores_the_terminal() {
    let mut env = Env::new();
    env.demo(1, 2, 0, 0);

    // One-shot.
    let mut p = in_pty(&env, &["top", "--interval", "1s"]);
    p.exp_string("1 Nodes").expect("the tabs");
    // ratatui writes only the cells that changed, so the strings expected are ones whose cells
    // differ from what was on the screen before. Rows are sorted by id; ratatui redraws only changed cells, so each id shows up once.
    for id in ["compute-1", "compute-2", "coordinator-1"] {
        p.exp_string(id).expect("every node id on the Nodes view");
    }
    p.send("3").expect("send");
    p.flush().expect("flush");
    p.exp_string("SLOWEST").expect("the Requests view's header");
    p.send("5").expect("send");
    p.flush().expect("flush");
    p.exp_string("FROM\\TO").expect("the Links view's header");
    p.send("?").expect("send");
    p.flush().expect("flush");
    p.exp_string("Shift-Tab").expect("the key help");
    p.send("q").expect("send");
    p.flush().expect("flush");
    p.send("q").expect("send");
    p.flush().expect("flush");
    p.exp_string(LEAVE_ALT_SCREEN)
        .expect("the alternate screen is left on q");
    p.exp_string("top: closed").expect("the closing line");
    p.exp_eof().expect("top exits");

    // Inside the REPL: back at the prompt after q.
    let mut r = in_pty(&env, &["debug"]);
    r.exp_string("butterfly> ").expect("prompt");
    std::thread::sleep(Duration::from_millis(250));
    r.send_line("top --interval 1s").expect("send");
    r.exp_string("compute-2").expect("nodes in the REPL's top");
    r.send("q").expect("send");
    r.flush().expect("flush");
    r.exp_string(LEAVE_ALT_SCREEN)
        .expect("alternate screen left");
    r.exp_string("butterfly> ").expect("back at the prompt");
    std::thread::sleep(Duration::from_millis(250));
    r.send_line("exit").expect("exit");
    r.exp_eof().expect("REPL exits");

    // The `top` sessions are in the console's audit trail.
    let trail = std::fs::read_to_string(env.audit_log()).expect("audit log");
    assert!(trail.contains("\"top --interval 1s\""), "{trail}");
}

/// Sends keys to the pty.
fn keys(p: &mut rexpect::session::PtySession, s: &str) {
    p.send(s).expect("send");
    p.flush().expect("flush");
}

#[test]
fn top_latency_heatmap_and_the_command_line_on_a_live_demo() {
    let mut env = Env::new();
    // Background load, so the coordinator's latency histogram moves between polls.
    env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "5"]);
    let mut p = in_pty(&env, &["top", "--interval", "1s"]);
    p.exp_string("1 Nodes").expect("the tabs");
    p.exp_string("compute-1").expect("the nodes");

    // Latency: from the coordinator's own /metrics (no Prometheus), drawn once two polls
    // gave a change of the buckets.
    keys(&mut p, "4");
    p.exp_string("Latency, req/poll per bucket")
        .expect("the Latency view's title");
    p.exp_string("coordinators' /metrics 1/1")
        .expect("its source");
    p.exp_string("newest right")
        .expect("the heatmap's time axis");
    p.exp_string("window: p50").expect("the quantiles");

    // `:` runs a console command; its output shows in the pane.
    keys(&mut p, ":");
    p.exp_string("Enter run").expect("the command line");
    keys(&mut p, "cluster status\r");
    p.exp_string(":cluster status").expect("the pane's title");
    p.exp_string("exit 0").expect("the command finished");
    p.exp_string("healthy").expect("its output in the pane");
    keys(&mut p, "\x1b");
    // `top` inside `:` is refused.
    keys(&mut p, ":");
    keys(&mut p, "top\r");
    p.exp_string("already running")
        .expect("top inside top refused");
    // An intrusive command asks first; n leaves it unrun.
    keys(&mut p, ":");
    keys(&mut p, "fault inject compute-1 slow:5ms\r");
    p.exp_string("[y/N]").expect("the confirmation");
    keys(&mut p, "n");
    p.exp_string("not run").expect("not confirmed");
    keys(&mut p, "\x1b");
    keys(&mut p, "q");
    p.exp_string(LEAVE_ALT_SCREEN)
        .expect("alternate screen left");
    p.exp_eof().expect("top exits");

    // The `:` line went through the audit trail like a REPL line; the refused one did not run.
    let trail = std::fs::read_to_string(env.audit_log()).expect("audit log");
    assert!(trail.contains("\"cluster status\""), "{trail}");
    assert!(!trail.contains("slow:5ms"), "{trail}");
    let faults = env.run(&["-o", "json", "fault", "list"]);
    assert!(!faults.stdout.contains("slow"), "{}", faults.stdout);
}
