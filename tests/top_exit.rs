//! `top` leaves the terminal as it found it on every exit path: SIGTERM, a panic, and a resize
//! in between (the UI redraws at the new size and keeps running). Each run is in a pty under a
//! shell that prints `stty -a` after `top` ends, so raw mode left on would show as `-icanon`.
//! No cluster is needed: the seeds point at a closed port and every panel shows its error.

mod common;

use common::Env;
use std::process::Command;
use std::time::{Duration, Instant};

const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";
/// Mouse reporting on / off (crossterm's Enable/DisableMouseCapture end with these).
const MOUSE_ON: &str = "\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1000l";

/// `top` in an 80×24 pty; after it exits the shell prints `stty -a` between markers.
fn in_pty(env: &Env, extra_env: &[(&str, &str)]) -> rexpect::session::PtySession {
    let base = env.cmd(&["--seeds", "127.0.0.1:9", "top", "--interval", "1s"]);
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("stty rows 24 cols 80; \"$0\" \"$@\"; echo \"EXIT=$?\"; stty -a; echo STTY-END")
        .arg(base.get_program())
        .args(base.get_args())
        .env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c.env("TERM", "xterm");
    rexpect::session::spawn_command(c, Some(30_000)).expect("spawn in a pty")
}

/// The pid of this test's `butterfly-cli top` (its environment names this test's state dir).
fn top_pid(env: &Env) -> u32 {
    let want = format!("BUTTERFLY_STATE_DIR={}", env.state_dir().display());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            let has = |hay: &[u8], needle: &str| {
                hay.split(|b| *b == 0)
                    .any(|s| String::from_utf8_lossy(s) == needle)
            };
            if has(&cmdline, "top") && has(&environ, &want) && !has(&cmdline, "-c") {
                return pid;
            }
        }
        assert!(Instant::now() < deadline, "no top process found");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Reads up to the shell's `stty -a` and checks the terminal is back in cooked mode.
fn assert_restored(p: &mut rexpect::session::PtySession) -> String {
    let (_, exit) = p.exp_regex("EXIT=[0-9]+").expect("the shell after top");
    let stty = p.exp_string("STTY-END").expect("stty -a");
    assert!(
        stty.contains(" icanon") && stty.contains(" echo"),
        "raw mode left on after top:\n{stty}"
    );
    exit
}

#[test]
fn sigterm_and_resize_leave_the_terminal_restored() {
    let env = Env::new();
    let mut p = in_pty(&env, &[]);
    p.exp_string(MOUSE_ON).expect("mouse reporting on");
    p.exp_string("1 Nodes").expect("the tabs");
    let pid = top_pid(&env);

    // Resize: the pty's window changes (SIGWINCH); top redraws everything at the new size.
    let tty = std::fs::read_link(format!("/proc/{pid}/fd/0")).expect("top's tty");
    let st = Command::new("stty")
        .arg("-F")
        .arg(&tty)
        .args(["rows", "30", "cols", "100"])
        .status()
        .expect("stty");
    assert!(st.success());
    p.exp_string("1 Nodes")
        .expect("a full redraw after the resize");
    assert!(
        std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "top died on resize"
    );

    // SIGTERM: the loop stops, the guard restores the terminal, top exits 0.
    let st = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(st.success());
    p.exp_string(MOUSE_OFF)
        .expect("mouse reporting off on SIGTERM");
    p.exp_string(LEAVE_ALT_SCREEN)
        .expect("alternate screen left on SIGTERM");
    p.exp_string(SHOW_CURSOR).expect("cursor shown again");
    p.exp_string("top: closed").expect("the closing line");
    let exit = assert_restored(&mut p);
    assert_eq!(exit, "EXIT=0");
    p.exp_eof().expect("shell exits");
}

#[test]
fn a_panic_leaves_the_terminal_restored() {
    let env = Env::new();
    let mut p = in_pty(&env, &[("BUTTERFLY_TOP_TEST_PANIC", "1")]);
    p.exp_string(MOUSE_ON).expect("mouse reporting on");
    p.exp_string(MOUSE_OFF)
        .expect("mouse reporting off by the panic hook");
    p.exp_string(LEAVE_ALT_SCREEN)
        .expect("alternate screen left by the panic hook");
    p.exp_string("BUTTERFLY_TOP_TEST_PANIC")
        .expect("the panic message, printed after the restore");
    let exit = assert_restored(&mut p);
    assert_ne!(exit, "EXIT=0", "a panic is not a clean exit");
    p.exp_eof().expect("shell exits");
}
