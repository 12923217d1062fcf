//! `top` in a pseudo-terminal, read back as a screen: ratatui writes only the cells that
//! changed (cursor moves between them), so a string is looked for on the screen a terminal
//! emulator (the `vt100` crate) builds from those writes, not in the byte stream.

use super::Env;
use std::process::Command;
use std::time::{Duration, Instant};

/// `args` of the console in a `rows`×`cols` pty (`stty` sets the size the pty starts without).
pub fn in_pty(env: &Env, rows: u16, cols: u16, args: &[&str]) -> rexpect::session::PtySession {
    let base = env.cmd(args);
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("stty rows {rows} cols {cols}; exec \"$0\" \"$@\""))
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

/// Sends keys to the pty.
pub fn keys(p: &mut rexpect::session::PtySession, s: &str) {
    p.send(s).expect("send");
    p.flush().expect("flush");
}

/// The terminal the pty's output is played into.
pub struct Screen(vt100::Parser);

impl Screen {
    /// An empty `rows`×`cols` screen.
    pub fn new(rows: u16, cols: u16) -> Screen {
        Screen(vt100::Parser::new(rows, cols, 0))
    }

    /// The screen's text, a line per row.
    pub fn text(&self) -> String {
        self.0.screen().contents()
    }

    /// One byte of output: rexpect hands each byte out as a `char` of the same value.
    fn feed(&mut self, c: char) {
        self.0.process(&[c as u32 as u8]);
    }
}

/// Reads the pty into `screen` until `want` is on it (or 30 s pass: a panic showing the screen).
pub fn wait_for(p: &mut rexpect::session::PtySession, screen: &mut Screen, want: &str) {
    wait_within(p, screen, want, Duration::from_secs(30))
}

/// [`wait_for`] with a limit of its own.
pub fn wait_within(
    p: &mut rexpect::session::PtySession,
    screen: &mut Screen,
    want: &str,
    limit: Duration,
) {
    wait_cond(p, screen, want, limit, |t| t.contains(want))
}

/// Reads the pty until `ok(screen text)` (30 s at most); `what` names it in the panic.
pub fn wait_until(
    p: &mut rexpect::session::PtySession,
    screen: &mut Screen,
    what: &str,
    ok: impl Fn(&str) -> bool,
) {
    wait_cond(p, screen, what, Duration::from_secs(30), ok)
}

fn wait_cond(
    p: &mut rexpect::session::PtySession,
    screen: &mut Screen,
    what: &str,
    limit: Duration,
    ok: impl Fn(&str) -> bool,
) {
    let deadline = Instant::now() + limit;
    loop {
        let mut any = false;
        while let Some(c) = p.try_read() {
            screen.feed(c);
            any = true;
        }
        if ok(&screen.text()) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what:?} not on the screen:\n{}",
            screen.text()
        );
        if !any {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
