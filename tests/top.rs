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
    p.send("4").expect("send");
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
