//! `top`: a live terminal console of the whole cluster (ratatui + crossterm). Pollers (one
//! tokio task per source, see [`poll`]) write into shared [`state::Data`]; the UI loop here only
//! draws and handles keys through the pure state machine [`state::App`]. The terminal is
//! restored on every exit path: `q`, Ctrl-C (a key in raw mode, or SIGINT), SIGTERM, a panic
//! (ratatui's panic hook) and the future being dropped (a guard).

pub mod console;
pub mod events;
pub mod heatmap;
pub mod history;
pub mod mouse;
pub mod poll;
pub mod poll_latency;
pub mod state;
pub mod views;
pub mod views_console;
pub mod views_latency;
pub mod views_waterfall;

use crate::error::{Error, Result};
use crate::output::{Message, Report};
use crate::session::Ctx;
use clap::Args;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use state::{Action, App, Data};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `top` options.
#[derive(Debug, Args, Clone)]
pub struct TopArgs {
    /// Time between two polls of each source, e.g. `2s`.
    #[arg(long, default_value = "2s", value_parser = crate::opts::parse_duration, value_name = "DURATION")]
    pub interval: std::time::Duration,
    /// Deadline of one poll of one source; past it the panel keeps its last data and shows the
    /// error, e.g. `10s`.
    #[arg(long, default_value = "10s", value_parser = crate::opts::parse_duration, value_name = "DURATION")]
    pub deadline: std::time::Duration,
    /// Healthy replicas each layer should have; layers below are flagged.
    #[arg(long, default_value_t = 2)]
    pub min_replicas: usize,
    /// Ask every node for its status (the fan-out of `cluster status`) instead of reading every
    /// node's heartbeat summary from one coordinator; for when the coordinators are the problem.
    #[arg(long)]
    pub direct: bool,
}

/// Restores the terminal when dropped (quit, error, or the future cancelled): mouse reporting
/// off, then ratatui's restore (raw mode off, alternate screen left, cursor shown).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        mouse_off();
        ratatui::restore();
    }
}

/// Stops the terminal reporting the mouse (harmless when it was not).
fn mouse_off() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableMouseCapture
    );
}

/// Mouse reporting on (wheel scrolls, click selects), and off again before ratatui's panic hook
/// restores the rest on a panic.
fn mouse_on() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableMouseCapture
    );
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        mouse_off();
        previous(info);
    }));
}

/// Time between two looks at the keyboard: 50 ms.
const KEY_TICK: Duration = Duration::from_millis(50);

/// Runs `top` until `q`. The pollers are local tasks (the commands they call borrow the
/// session), run while the UI loop waits for keys. `console` runs the `:` command line's
/// lines (the exec layer gives it; without one `:` says it is unavailable).
pub async fn exec(
    args: TopArgs,
    ctx: &Ctx<'_>,
    console: Option<&console::Console<'_>>,
) -> Result<Box<dyn Report>> {
    tokio::task::LocalSet::new()
        .run_until(run(args, ctx, console))
        .await
}

/// A `:` line running: its text, the sender whose drop interrupts it, and its future.
struct Running<'a> {
    line: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    fut: futures::future::LocalBoxFuture<'a, (i32, String)>,
}

async fn run(
    args: TopArgs,
    ctx: &Ctx<'_>,
    console: Option<&console::Console<'_>>,
) -> Result<Box<dyn Report>> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "`top` needs a terminal; use `cluster status -o json` in scripts".into(),
        ));
    }
    if args.interval < Duration::from_millis(100) {
        return Err(Error::Usage("--interval must be at least 100ms".into()));
    }
    let shared: poll::Shared = Arc::new(Mutex::new(Data {
        min_replicas: args.min_replicas,
        direct: args.direct,
        ..Data::default()
    }));
    let timing = poll::Timing {
        every: args.interval,
        deadline: args.deadline,
    };
    let pollers = poll::start(ctx.session, &ctx.opts, &shared, timing);
    let stop = Arc::new(AtomicBool::new(false));
    let signals = watch_signals(stop.clone());
    // The guard first: a half-done set-up (raw mode on, alternate screen failed) is undone too.
    let _guard = TerminalGuard;
    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::Usage(format!("cannot set up the terminal: {e}")))?;
    mouse_on();
    let mut app = App::new(ctx.style.color);
    let mut trace_task: Option<tokio::task::JoinHandle<()>> = None;
    let mut running: Option<Running<'_>> = None;
    // Test-only: panic after the first frame, to check the terminal is restored on a panic.
    let test_panic = std::env::var_os("BUTTERFLY_TOP_TEST_PANIC").is_some();
    let mut dirty = true;
    let mut last_draw = Instant::now();
    let result = loop {
        if stop.load(Ordering::Relaxed) {
            break Ok(());
        }
        if dirty || last_draw.elapsed() >= Duration::from_millis(500) {
            let drawn = terminal.draw(|f| {
                let now = Instant::now();
                if let Ok(mut d) = shared.lock() {
                    d.view = app.view;
                    app.request_ids = d
                        .requests
                        .data
                        .as_deref()
                        .unwrap_or(&[])
                        .iter()
                        .filter(|t| {
                            app.matches(&format!(
                                "{} {} {} {}",
                                t.trace_id,
                                t.request_id.as_deref().unwrap_or(""),
                                t.slowest_node,
                                t.status
                            ))
                        })
                        .map(|t| t.trace_id.clone())
                        .collect();
                    app.rows = views::draw(f, &app, &d, now);
                }
            });
            if let Err(e) = drawn {
                break Err(Error::Usage(format!("cannot draw: {e}")));
            }
            dirty = false;
            last_draw = Instant::now();
            if test_panic {
                // Test hook (tests/top_exit.rs): the panic hook must restore the terminal.
                panic!("BUTTERFLY_TOP_TEST_PANIC is set: panicking after the first frame");
            }
        }
        match event::poll(Duration::ZERO) {
            Ok(true) => match event::read() {
                Ok(ev @ (Event::Key(_) | Event::Mouse(_))) => match match ev {
                    Event::Key(k) if k.kind != KeyEventKind::Release => app.handle(k),
                    Event::Mouse(m) => app.mouse(m),
                    _ => Action::None,
                } {
                    Action::Quit => break Ok(()),
                    Action::None => {}
                    Action::Redraw => dirty = true,
                    Action::OpenTrace(id) => {
                        if let Some(t) = trace_task.take() {
                            t.abort();
                        }
                        trace_task = Some(poll::open_trace(
                            ctx.session,
                            &ctx.opts,
                            &shared,
                            id,
                            args.deadline,
                        ));
                        dirty = true;
                    }
                    Action::Cmd(console::CmdAction::Cancel) => {
                        // Dropping the sender interrupts the command; it is still polled to
                        // its end, so its audit record says `interrupted`.
                        match &mut running {
                            Some(r) => {
                                r.stop = None;
                                app.cmd.title = format!(":{} — stopping", r.line);
                            }
                            None => app.cmd.show("stopped".into(), String::new()),
                        }
                        dirty = true;
                    }
                    Action::Cmd(a) => {
                        dirty = true;
                        if let Some(r) = on_cmd(a, &mut app, console, &shared) {
                            running = Some(r);
                        }
                    }
                },
                Ok(Event::Resize(..)) => dirty = true,
                Ok(_) => {}
                Err(e) => break Err(Error::Usage(format!("cannot read the keyboard: {e}"))),
            },
            Ok(false) => {
                let done = match &mut running {
                    Some(r) => tokio::select! {
                        out = &mut r.fut => Some(out),
                        _ = tokio::time::sleep(KEY_TICK) => None,
                    },
                    None => {
                        tokio::time::sleep(KEY_TICK).await;
                        None
                    }
                };
                if let Some((code, text)) = done {
                    if let Some(r) = running.take() {
                        app.cmd.finished(&r.line, code, text);
                    }
                    dirty = true;
                }
            }
            Err(e) => break Err(Error::Usage(format!("cannot read the keyboard: {e}"))),
        }
    };
    if let Some(t) = trace_task {
        t.abort();
    }
    signals.abort();
    drop(pollers);
    drop(_guard);
    result?;
    Ok(Message::new("top: closed"))
}

/// Carries out a command-line request; returns the line started, if any.
fn on_cmd<'a>(
    a: console::CmdAction,
    app: &mut App,
    console: Option<&console::Console<'a>>,
    shared: &poll::Shared,
) -> Option<Running<'a>> {
    use console::{Check, CmdAction};
    let Some(c) = console else {
        app.cmd.show(
            ":".into(),
            "the command line is not available here (no console runner)".into(),
        );
        return None;
    };
    let start = |app: &mut App, line: String| {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let fut = (c.run)(line.clone(), rx);
        app.cmd.running(line.clone());
        Some(Running {
            line,
            stop: Some(tx),
            fut,
        })
    };
    match a {
        CmdAction::Submit(line) => match (c.check)(&line) {
            Ok(Check::Run) => start(app, line),
            Ok(Check::Confirm(q)) => {
                app.cmd.ask(line, q);
                None
            }
            Err(text) => {
                app.cmd.show(format!(":{line}"), text);
                None
            }
        },
        CmdAction::Run(line) => start(app, line),
        CmdAction::Complete => {
            // Node ids for completion: the ones `top` already knows.
            let ids: Vec<String> = shared
                .lock()
                .map(|d| {
                    d.nodes
                        .data
                        .as_deref()
                        .unwrap_or(&[])
                        .iter()
                        .map(|n| n.id.clone())
                        .collect()
                })
                .unwrap_or_default();
            let input = app.cmd.input.clone();
            let (at, cands) = (c.complete)(&input, input.len(), &ids);
            app.cmd.apply_completion(at, cands);
            None
        }
        CmdAction::Cancel | CmdAction::Redraw | CmdAction::PassThrough => None,
    }
}

/// Sets `stop` on SIGTERM or SIGINT (Ctrl-C outside raw mode).
fn watch_signals(stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            if let (Ok(mut term), Ok(mut int)) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
            ) {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
                stop.store(true, Ordering::Relaxed);
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            stop.store(true, Ordering::Relaxed);
        }
    })
}

#[cfg(test)]
mod snap_tests;
#[cfg(test)]
mod tests;
