//! The on-call checks of issue 19 on a live demo, in a pseudo-terminal: `top` shows every node;
//! a Byzantine node becomes the highlighted row; a slow node's requests lead to it in the
//! waterfall; a killed node is marked down while the UI keeps drawing.

mod common;

use common::screen::{in_pty, keys, wait_for, wait_until, Screen};
use common::{kill_pid, Env};
use std::time::{Duration, Instant};

#[test]
fn a_lying_node_is_highlighted_a_slow_one_named_and_a_dead_one_marked_down() {
    let mut env = Env::new();
    // Traffic, so Byzantine answers are detected and the Requests view has traces.
    let demo = env.demo_with(1, 4, 0, 0, &["--no-prometheus", "--load", "5"]);
    let mut p = in_pty(&env, 30, 120, &["top", "--interval", "1s"]);
    let mut s = Screen::new(30, 120);
    for id in ["compute-1", "compute-4", "coordinator-1"] {
        wait_for(&mut p, &mut s, id);
    }

    // A lying node: the worst-row rule puts `!` on it within the detection window.
    let r = env.run(&["fault", "inject", "compute-2", "byzantine:1.0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    wait_for(&mut p, &mut s, "!compute-2");
    let r = env.run(&["fault", "clear", "compute-2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A slow node: the slowest requests lead to it in the waterfall.
    let r = env.run(&["fault", "inject", "compute-1", "slow:300ms"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let injected = Instant::now();
    keys(&mut p, "3");
    wait_for(&mut p, &mut s, "SLOWEST");
    // Traces recorded after the fault (the view refreshes every second).
    while injected.elapsed() < Duration::from_secs(4) {
        wait_for(&mut p, &mut s, "SLOWEST");
        std::thread::sleep(Duration::from_millis(200));
    }
    keys(&mut p, "\r");
    wait_for(&mut p, &mut s, "slowest on compute-1");
    keys(&mut p, "\x1b");
    let r = env.run(&["fault", "clear", "compute-1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A dead node: marked down (its heartbeat 3 intervals old at the coordinator), UI drawing.
    keys(&mut p, "1");
    let pid = env.node(&demo, "compute-3")["pid"].as_u64().expect("pid");
    kill_pid(pid);
    let killed = Instant::now();
    wait_until(&mut p, &mut s, "compute-3 down", |t| {
        t.lines()
            .any(|l| l.contains("compute-3") && l.contains(" down ("))
    });
    eprintln!("compute-3 shown down {:?} after the kill", killed.elapsed());
    // Still drawing: the view switches.
    keys(&mut p, "2");
    wait_for(&mut p, &mut s, "LAYER");
    keys(&mut p, "q");
    p.exp_eof().expect("top exits");
}
