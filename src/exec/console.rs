//! The runner behind `top`'s `:` command line: a line is parsed by the same grammar as a REPL
//! line, refused if it would open a console of its own (`top`, `debug`, `demo`, `run`), asked
//! to be confirmed when it is intrusive, run through [`super::run_audited_until`] (the REPL's
//! audited path) and rendered as plain text for the output pane.

use crate::cli::{line_command, Command, Line};
use crate::commands::top::console::{Check, Console, Interrupt};
use crate::commands::{capture, certs, cluster, fault, flamegraph, profile, request, verify};
use crate::output::{render, Style};
use crate::session::Session;

/// Parses a `:` line like a REPL line: the parsed line, or the text to show instead (a parse
/// error, or `--help`'s text).
fn parse(line: &str) -> Result<Line, String> {
    let words = shell_words::split(line).map_err(|e| format!("error: {e} (check the quotes)"))?;
    line_command()
        .try_get_matches_from(&words)
        .and_then(|m| <Line as clap::FromArgMatches>::from_arg_matches(&m))
        .map_err(|e| e.render().to_string())
}

/// Why a command must be confirmed before `:` runs it (it changes a node, samples or captures
/// on nodes, replays traffic, or writes keys), or None.
pub fn intrusive(cmd: &Command) -> Option<&'static str> {
    match cmd {
        Command::Fault(fault::FaultCommand::Inject { .. }) => Some("injects a fault on a node"),
        Command::Fault(fault::FaultCommand::Clear { .. }) => Some("clears faults on a node"),
        Command::Profile(
            profile::ProfileCommand::Start(_)
            | profile::ProfileCommand::Stop(_)
            | profile::ProfileCommand::Cpu(_),
        ) => Some("profiles nodes"),
        Command::Flamegraph(flamegraph::FlamegraphCommand::Generate(_)) => Some("profiles nodes"),
        Command::Packet(capture::PacketCommand::Capture(_)) => Some("captures packets on nodes"),
        Command::Request(request::RequestCommand::Replay { .. }) => {
            Some("replays a request through the cluster")
        }
        Command::Verify(verify::VerifyCommand::Node { .. }) => {
            Some("sends probe requests to a node")
        }
        Command::Cluster(cluster::ClusterCommand::RemoveMember { .. }) => {
            Some("removes a member from the cluster")
        }
        Command::Certs(certs::CertsCommand::Init(_) | certs::CertsCommand::Issue(_)) => {
            Some("writes keys and certificates")
        }
        _ => None,
    }
}

/// How `:` may run `line`: now, after y/N, or not at all (with the text to show).
pub fn check(line: &str) -> Result<Check, String> {
    let parsed = parse(line)?;
    match &parsed.command {
        Command::Top(_) => Err(
            "`top` is already running: `:` runs the other console commands \
             (Esc closes this pane)"
                .into(),
        ),
        Command::Debug | Command::Demo(_) | Command::Run(_) => Err(format!(
            "`{}` cannot run inside `top`'s command line; use the REPL",
            line.split_whitespace().next().unwrap_or("")
        )),
        cmd => Ok(match intrusive(cmd) {
            Some(why) => Check::Confirm(format!("`{line}` {why}. Run it?")),
            None => Check::Run,
        }),
    }
}

/// The console `top` runs its `:` lines with, in `session` (audited as this session).
pub fn for_top(session: &Session) -> Console<'_> {
    let grammar = line_command();
    Console {
        check: Box::new(check),
        run: Box::new(move |line: String, interrupt: Interrupt| {
            Box::pin(async move {
                let parsed = match parse(&line) {
                    Ok(p) => p,
                    Err(text) => return (crate::error::EXIT_USAGE, text),
                };
                let ctx = session.context(&parsed.global);
                let stop = async {
                    let _ = interrupt.await;
                };
                let (code, result) =
                    super::run_audited_until(session, &ctx, &line, parsed.command, stop).await;
                let text = match result {
                    Ok(report) => render(report.as_ref(), ctx.format, &Style::plain()),
                    Err(e) => format!(
                        "error: {}",
                        crate::error::redact_url_passwords(&e.to_string())
                    ),
                };
                (code, text)
            })
        }),
        complete: Box::new(move |line: &str, pos: usize, nodes: &[String]| {
            // The grammar's value completers read the completion source: for this call, a copy
            // of the session's cache with `top`'s node ids added (never written back: the
            // session's cache holds real members only).
            let mut cache = session
                .members
                .lock()
                .map(|c| c.clone())
                .unwrap_or_default();
            for id in nodes {
                cache
                    .members
                    .entry(id.clone())
                    .or_insert_with(|| butterfly_proto::debug::Member {
                        id: id.clone(),
                        ..Default::default()
                    });
            }
            crate::session::set_completion_source(std::sync::Arc::new(std::sync::Mutex::new(
                cache,
            )));
            let (start, mut c) = crate::cli::complete_line(&grammar, line, pos);
            crate::session::set_completion_source(session.members.clone());
            c.retain(|w| !matches!(w.as_str(), "exit" | "quit" | "top"));
            (start, c)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intrusive_lines_ask_top_is_refused_reads_run() {
        assert_eq!(check("cluster status"), Ok(Check::Run));
        assert_eq!(check("fault list"), Ok(Check::Run));
        assert!(matches!(
            check("fault inject compute-1 slow:300ms"),
            Ok(Check::Confirm(q)) if q.contains("injects a fault")
        ));
        assert!(matches!(
            check("verify node compute-2"),
            Ok(Check::Confirm(_))
        ));
        let e = check("top").unwrap_err();
        assert!(e.contains("already running"), "{e}");
        assert!(check("top --direct").is_err());
        assert!(check("debug").unwrap_err().contains("use the REPL"));
        assert!(check("no-such-command").is_err());
        assert!(check("cluster status 'unclosed")
            .unwrap_err()
            .contains("quotes"));
    }

    #[test]
    fn completion_uses_the_repl_grammar() {
        let s = Session::new(Default::default(), crate::session::Via::Repl);
        let c = for_top(&s);
        let none: &[String] = &[];
        assert_eq!(
            (c.complete)("clu", 3, none),
            (0, vec!["cluster".to_string()])
        );
        assert_eq!(
            (c.complete)("cluster st", 10, none).1,
            vec!["status".to_string()]
        );
        assert!(!(c.complete)("", 0, none).1.contains(&"top".to_string()));
        let ids = ["compute-1".to_string(), "coordinator-1".to_string()];
        assert_eq!(
            (c.complete)("node info comp", 14, &ids).1,
            vec!["compute-1".to_string()]
        );
        assert!(
            s.members.lock().unwrap().members.is_empty(),
            "the session's cache keeps real members only"
        );
    }
}
