//! The interactive console (`butterfly-cli debug`): rustyline with persistent history, hints, and
//! tab completion derived from the clap grammar plus live node ids read from a cache that a
//! background task refreshes (never a network call inside the completer).

use crate::cli::{line_command, Line};
use crate::config::state_dir;
use crate::opts::GlobalOpts;
use crate::session::{MemberCache, Session};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};
use std::borrow::Cow;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The prompt.
pub const PROMPT: &str = "butterfly> ";
/// How often the background task refreshes the node-id cache.
pub const CACHE_REFRESH: Duration = Duration::from_secs(15);
/// History entries kept.
pub const HISTORY_SIZE: usize = 10_000;

/// rustyline helper: completion from the grammar + cache, history hints.
pub struct ReplHelper {
    grammar: clap::Command,
    hinter: HistoryHinter,
}

impl ReplHelper {
    /// A helper completing from `line_command()` and the member cache.
    pub fn new(members: Arc<Mutex<MemberCache>>) -> ReplHelper {
        crate::session::set_completion_source(members.clone());
        ReplHelper {
            grammar: line_command(),
            hinter: HistoryHinter::new(),
        }
    }

    /// Candidates for the word under the cursor: `(start of the word, candidates)`, from
    /// clap_complete's engine over the line grammar (subcommands, flags, enum values, and the
    /// grammar's own value completers for node ids, request ids and metric names).
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        crate::cli::complete_line(&self.grammar, line, pos)
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, words) = self.candidates(line, pos);
        let single = words.len() == 1;
        Ok((
            start,
            words
                .into_iter()
                .map(|w| Pair {
                    display: w.clone(),
                    replacement: if single { format!("{w} ") } else { w },
                })
                .collect(),
        ))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ReplHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }
}

impl Validator for ReplHelper {}
impl Helper for ReplHelper {}

/// Runs the REPL until `exit`, `quit` or Ctrl-D; returns the exit code of the session (0).
pub fn run(rt: &tokio::runtime::Runtime, session: Arc<Session>) -> i32 {
    // Take over SIGINT for the whole session: Ctrl-C cancels the running command, not the console.
    let _sigint = rt.block_on(async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
    });
    let config = Config::builder()
        .history_ignore_dups(true)
        .and_then(|b| b.history_ignore_space(true).max_history_size(HISTORY_SIZE))
        .map(|b| {
            b.completion_type(CompletionType::List)
                .auto_add_history(false)
                .build()
        });
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: readline config: {e}");
            return crate::error::EXIT_ERROR;
        }
    };
    let mut rl: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("error: cannot start the console: {e}");
            return crate::error::EXIT_ERROR;
        }
    };
    rl.set_helper(Some(ReplHelper::new(session.members.clone())));
    bind_keys(&mut rl);
    let history = state_dir().ok().map(|d| d.join("history"));
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = rl.load_history(h);
    }

    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    spawn_refresher(session.sibling(), stop.clone());

    eprintln!(
        "butterfly-cli {} — type `help`, a command, or Tab to complete; Ctrl-C cancels, Ctrl-D leaves.",
        env!("CARGO_PKG_VERSION")
    );
    loop {
        match rl.readline(PROMPT) {
            Ok(line) => {
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(trimmed);
                if let Some(h) = &history {
                    if let Err(e) = rl.append_history(h) {
                        eprintln!("warning: history not saved: {e}");
                    }
                }
                if matches!(trimmed, "exit" | "quit") {
                    break;
                }
                run_line(rt, &session, trimmed);
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for line in rt.block_on(session.stop_started_profiles()) {
        eprintln!("{line}");
    }
    stop_captures(rt, &session);
    crate::error::EXIT_OK
}

/// The REPL runs only what was typed: Tab completes from the grammar (never a history hint);
/// a dimmed hint is taken only with → (rustyline's default) or End, at the end of the line.
fn bind_keys(rl: &mut Editor<ReplHelper, DefaultHistory>) {
    use rustyline::{Cmd, EventHandler, KeyCode, KeyEvent, Modifiers};
    rl.bind_sequence(
        KeyEvent(KeyCode::Tab, Modifiers::NONE),
        EventHandler::Simple(Cmd::Complete),
    );
    rl.bind_sequence(
        KeyEvent(KeyCode::End, Modifiers::NONE),
        EventHandler::Conditional(Box::new(AcceptHintAtEnd)),
    );
}

/// End with a hint shown and the cursor at the end of the line: take the hint; otherwise the
/// default (move to the end).
struct AcceptHintAtEnd;

impl rustyline::ConditionalEventHandler for AcceptHintAtEnd {
    fn handle(
        &self,
        _: &rustyline::Event,
        _: rustyline::RepeatCount,
        _: bool,
        ctx: &rustyline::EventContext,
    ) -> Option<rustyline::Cmd> {
        (ctx.has_hint() && ctx.pos() == ctx.line().len()).then_some(rustyline::Cmd::CompleteHint)
    }
}

/// Stops (and discards) the packet captures this REPL started and did not stop: nothing keeps
/// capturing on a node after the console that started it left.
fn stop_captures(rt: &tokio::runtime::Runtime, session: &Session) {
    let open = session.open_captures();
    if open.is_empty() {
        return;
    }
    let ctx = session.context(&GlobalOpts::default());
    match rt.block_on(crate::commands::capture::collect(&ctx, &open, true)) {
        Ok(results) => {
            for (t, r) in open.iter().zip(results) {
                match r {
                    Ok(_) => eprintln!("stopped the packet capture on {}", t.label()),
                    Err(e) => eprintln!(
                        "warning: could not stop the packet capture on {}: {e}",
                        t.label()
                    ),
                }
            }
        }
        Err(e) => eprintln!("warning: could not stop the packet captures: {e}"),
    }
}

/// Refreshes the member cache every [`CACHE_REFRESH`] on a thread of its own, so completion never
/// waits on the network.
fn spawn_refresher(session: Session, stop: Arc<std::sync::atomic::AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("member-cache".into())
        .spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                rt.block_on(async {
                    let ctx = session.context(&GlobalOpts::default());
                    if ctx.settings.as_ref().is_ok_and(|s| !s.seeds.is_empty()) {
                        if let Ok(d) = ctx.discover().await {
                            refresh_request_ids(&ctx, &d.members).await;
                        }
                    }
                    refresh_metric_names(&ctx).await;
                });
                let mut slept = Duration::ZERO;
                while slept < CACHE_REFRESH && !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(200));
                    slept += Duration::from_millis(200);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("warning: node-id completion disabled: {e}");
    }
}

/// Most recent request ids kept for completion: 200.
pub const RECENT_REQUEST_IDS: usize = 200;

/// Asks the coordinators' log buffers which requests they served lately, for completing
/// `request trace|replay`.
async fn refresh_request_ids(
    ctx: &crate::session::Ctx<'_>,
    members: &[butterfly_proto::debug::Member],
) {
    let coordinators: Vec<butterfly_proto::debug::Member> = members
        .iter()
        .filter(|m| m.role == butterfly_proto::debug::NodeRole::Coordinator as i32)
        .cloned()
        .collect();
    let query = butterfly_proto::debug::QueryLogsRequest {
        component: "inference".into(),
        limit: RECENT_REQUEST_IDS as u32,
        ..Default::default()
    };
    let targets = crate::embedded::targets_of(&coordinators);
    let Ok(found) = crate::embedded::logs(ctx, &targets, query).await else {
        return;
    };
    let mut ids: Vec<String> = Vec::new();
    for line in found.items.iter().rev() {
        if !line.request_id.is_empty() && !ids.contains(&line.request_id) {
            ids.push(line.request_id.clone());
            if ids.len() == RECENT_REQUEST_IDS {
                break;
            }
        }
    }
    if let Ok(mut cache) = ctx.session.members.lock() {
        cache.request_ids = ids;
    }
}

/// Asks Prometheus (when the profile names one) for its metric names, for completing
/// `metrics query`.
async fn refresh_metric_names(ctx: &crate::session::Ctx<'_>) {
    let Ok(settings) = ctx.settings() else { return };
    let Ok(prom) = crate::sources::prometheus::PrometheusClient::from_settings(settings) else {
        return;
    };
    let Ok(r) = prom.label_values("__name__", &[], None, None).await else {
        return;
    };
    let mut names = r.data;
    names.sort_by_key(|n| (!n.starts_with("butterfly_"), n.clone()));
    if let Ok(mut cache) = ctx.session.members.lock() {
        cache.metric_names = names;
    }
}

/// Parses and runs one REPL line; errors are printed and the session goes on.
pub fn run_line(rt: &tokio::runtime::Runtime, session: &Session, line: &str) -> i32 {
    let words = match shell_words::split(line) {
        Ok(w) => w,
        Err(e) => {
            return crate::exec::report_error(&crate::error::Error::Usage(format!(
                "{e} (check the quotes)"
            )))
        }
    };
    let parsed = line_command()
        .try_get_matches_from(&words)
        .and_then(|m| <Line as clap::FromArgMatches>::from_arg_matches(&m));
    match parsed {
        Ok(parsed) => rt.block_on(crate::exec::run(
            session,
            line,
            &parsed.global,
            parsed.command,
        )),
        Err(e) => match crate::error::Error::from_clap(&e) {
            Some(err) => crate::exec::report_error(&err),
            None => {
                print!("{e}");
                crate::error::EXIT_OK
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use butterfly_proto::debug::Member;

    fn helper() -> (ReplHelper, Arc<Mutex<MemberCache>>) {
        let cache = Arc::new(Mutex::new(MemberCache::default()));
        for id in ["compute-1", "compute-2", "coordinator-1"] {
            cache.lock().unwrap().members.insert(
                id.into(),
                Member {
                    id: id.into(),
                    ..Default::default()
                },
            );
        }
        (ReplHelper::new(cache.clone()), cache)
    }

    #[test]
    fn completes_commands_flags_and_nodes() {
        let (h, cache) = helper();
        assert_eq!(h.candidates("clu", 3).1, vec!["cluster"]);
        assert!(
            h.candidates("de", 2).1.is_empty(),
            "debug/demo are hidden inside the console"
        );
        assert_eq!(h.candidates("cluster s", 9).1, vec!["status"]);
        assert_eq!(
            h.candidates("node info comp", 14).1,
            vec!["compute-1", "compute-2"]
        );
        assert!(h
            .candidates("node health x --d", 17)
            .1
            .contains(&"--deep".to_string()));
        assert_eq!(h.candidates("completions f", 13).1, vec!["fish"]);
        assert_eq!(h.candidates("-o j", 4).1, vec!["json"]);
        cache.lock().unwrap().request_ids = vec!["req_ab".into(), "req_cd".into()];
        assert_eq!(h.candidates("request trace req_a", 19).1, vec!["req_ab"]);
        assert_eq!(
            h.candidates("request replay ", 15).1,
            vec!["req_ab", "req_cd"]
        );
        cache.lock().unwrap().metric_names = vec!["butterfly_requests_total".into(), "up".into()];
        assert_eq!(
            h.candidates("metrics query butterfly_r", 25).1,
            vec!["butterfly_requests_total"]
        );
    }
}
