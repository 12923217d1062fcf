//! End-to-end: `butterfly-cli top` (and `top` in the REPL) in a pseudo-terminal on a live demo.

mod common;

use common::screen::{in_pty, keys, wait_for, wait_until, wait_within, Screen};
use common::Env;
use std::time::Duration;

const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";

#[test]
fn top_shows_every_node_switches_views_and_restores_the_terminal() {
    let mut env = Env::new();
    env.demo(1, 2, 0, 0);

    // One-shot.
    let mut p = in_pty(&env, 24, 80, &["top", "--interval", "1s"]);
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
    let mut r = in_pty(&env, 24, 80, &["debug"]);
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

#[test]
fn top_latency_heatmap_and_the_command_line_on_a_live_demo() {
    let mut env = Env::new();
    // Background load, so the coordinator's latency histogram moves between polls.
    env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "5"]);
    let mut p = in_pty(&env, 24, 80, &["top", "--interval", "1s"]);
    let mut s = Screen::new(24, 80);
    wait_for(&mut p, &mut s, "compute-1");
    // A fresh demo's coordinator is a learner for a moment; commands run once it leads.
    wait_for(&mut p, &mut s, "leader/");

    // Latency: from the coordinator's own /metrics (no Prometheus), drawn once two polls
    // gave a change of the buckets.
    keys(&mut p, "4");
    wait_for(
        &mut p,
        &mut s,
        "Latency, req/poll per bucket — coordinators' /metrics 1/1",
    );
    wait_for(&mut p, &mut s, "newest right");
    wait_for(&mut p, &mut s, "window: p50");
    let screen = s.text();
    assert!(screen.contains("  100ms│"), "bucket rows:\n{screen}");
    assert!(
        screen.contains('5') && screen.contains('9'),
        "p50/p99 marks:\n{screen}"
    );

    // `:` runs a console command; its output shows in the pane. Tab completes the command
    // words and the node ids `top` knows.
    keys(&mut p, ":");
    wait_for(&mut p, &mut s, "Enter run, Tab complete");
    keys(&mut p, "cl\t");
    wait_for(&mut p, &mut s, ":cluster █");
    keys(&mut p, "status\r");
    // A slow disk slows every node's audited RPCs: a generous limit.
    wait_within(
        &mut p,
        &mut s,
        ":cluster status — exit",
        Duration::from_secs(90),
    );
    wait_for(&mut p, &mut s, "3 members");
    keys(&mut p, "\x1b");
    wait_for(&mut p, &mut s, "? keys");
    keys(&mut p, ":node info coordi\t");
    wait_for(&mut p, &mut s, ":node info coordinator-1 █");
    keys(&mut p, "\r");
    wait_within(
        &mut p,
        &mut s,
        ":node info coordinator-1 — exit 0",
        Duration::from_secs(90),
    );
    wait_for(&mut p, &mut s, "role  coordinator");
    // The mouse wheel scrolls the pane (SGR mouse report: wheel down at column 10, row 18).
    keys(&mut p, "\x1b[<65;10;18M");
    wait_until(&mut p, &mut s, "the pane scrolled 3 lines", |t| {
        !t.contains("role  coordinator") && t.contains("uptime")
    });
    keys(&mut p, "\x1b");
    wait_for(&mut p, &mut s, "? keys");
    // `top` inside `:` is refused.
    keys(&mut p, ":top\r");
    wait_for(&mut p, &mut s, "`top` is already running");
    // An intrusive command asks first; n leaves it unrun.
    keys(&mut p, ":fault inject compute-1 slow:5ms\r");
    wait_for(&mut p, &mut s, "injects a fault on a node. Run it? [y/N]");
    keys(&mut p, "n");
    wait_for(&mut p, &mut s, "not confirmed: not run");
    keys(&mut p, "\x1b");
    wait_for(&mut p, &mut s, "? keys");
    // y runs it; the Events view then shows it from the heartbeat summaries (no fan-out).
    keys(&mut p, ":fault inject compute-2 slow:1ms\r");
    wait_for(
        &mut p,
        &mut s,
        "slow:1ms` injects a fault on a node. Run it? [y/N]",
    );
    keys(&mut p, "y");
    wait_within(
        &mut p,
        &mut s,
        ":fault inject compute-2 slow:1ms — exit 0",
        Duration::from_secs(90),
    );
    keys(&mut p, "\x1b");
    keys(&mut p, "6");
    wait_for(&mut p, &mut s, "heartbeat summaries + console audit");
    wait_within(
        &mut p,
        &mut s,
        "compute-2 slow:1ms injected",
        Duration::from_secs(60),
    );
    keys(&mut p, "q");
    p.exp_string(LEAVE_ALT_SCREEN)
        .expect("alternate screen left");
    p.exp_eof().expect("top exits");

    // The `:` line went through the audit trail like a REPL line; the unconfirmed one did not.
    let trail = std::fs::read_to_string(env.audit_log()).expect("audit log");
    assert!(trail.contains("\"cluster status\""), "{trail}");
    assert!(trail.contains("\"node info coordinator-1\""), "{trail}");
    assert!(!trail.contains("slow:5ms"), "{trail}");
    assert!(
        trail.contains("\"fault inject compute-2 slow:1ms\""),
        "{trail}"
    );
    let st = env.run(&["-o", "json", "cluster", "status"]);
    assert!(!st.stdout.contains("slow:5ms"), "{}", st.stdout);
}

#[test]
fn top_latency_from_prometheus_and_a_waterfall_with_its_logs() {
    let mut env = Env::new();
    let status = env.demo_with(1, 2, 0, 0, &["--load", "5"]);
    assert!(
        status["prometheus"].is_string(),
        "the demo did not start Prometheus: {status}"
    );
    let mut p = in_pty(&env, 24, 80, &["top", "--interval", "1s"]);
    let mut s = Screen::new(24, 80);
    wait_for(&mut p, &mut s, "leader/");

    // Requests → Enter: the waterfall names the slow span's node, marks the critical path and
    // shows the trace's logs below.
    keys(&mut p, "3");
    wait_within(&mut p, &mut s, "ms)", Duration::from_secs(60));
    keys(&mut p, "\r");
    wait_within(&mut p, &mut s, "— slowest on ", Duration::from_secs(60));
    wait_for(&mut p, &mut s, "▶ inference.request");
    wait_for(&mut p, &mut s, " logs ");
    keys(&mut p, "\x1b");

    // Latency from Prometheus (the rate needs two scrapes, 5 s apart).
    keys(&mut p, "4");
    wait_within(
        &mut p,
        &mut s,
        "Latency, req/s per bucket — Prometheus rate[1m]",
        Duration::from_secs(90),
    );
    wait_within(&mut p, &mut s, "newest right", Duration::from_secs(90));
    wait_for(&mut p, &mut s, "window: p50");
    keys(&mut p, "q");
    p.exp_string(LEAVE_ALT_SCREEN)
        .expect("alternate screen left");
    p.exp_eof().expect("top exits");
}
