//! THE command grammar. One-shot invocations, REPL lines, script lines and shell completions are
//! all parsed by (or generated from) the clap tree defined here.

use crate::commands::{
    audit, capture, certs, cluster, completions, connections, demo, fault, flamegraph, latency,
    logs, metrics, node, profile, request, run, schema, state, top, verify,
};
use crate::opts::GlobalOpts;
use clap::{Parser, Subcommand};

/// The one-shot entry point: `butterfly-cli [GLOBAL OPTIONS] <COMMAND>`.
#[derive(Debug, Parser)]
#[command(
    name = "butterfly-cli",
    version,
    about = "The on-call debug console for Butterfly inference clusters",
    propagate_version = true,
    after_help = "Exit codes: 0 ok, 1 error, 2 usage, 3 partial (some nodes did not answer), \
                  4 permission denied, 130 interrupted."
)]
pub struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// One REPL or script line: the same commands, without the binary name.
#[derive(Debug, Parser)]
#[command(
    name = "butterfly",
    no_binary_name = true,
    disable_version_flag = true,
    help_template = "{subcommands}\n\nType `<command> --help` for details, `exit` or Ctrl-D to leave."
)]
pub struct Line {
    /// Per-line overrides of the session's options.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Every command of the console.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive console (REPL).
    Debug,
    /// Run a script of console commands, one a line.
    Run(run::RunArgs),
    /// Start a local demo cluster and open the console on it.
    Demo(demo::DemoArgs),
    /// Make a development CA and node/operator certificates.
    #[command(subcommand)]
    Certs(certs::CertsCommand),
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
    /// The JSON Schema of a command's `-o json` output (e.g. `schema cluster status`).
    Schema(schema::SchemaArgs),
    /// Cluster-wide views.
    #[command(subcommand)]
    Cluster(cluster::ClusterCommand),
    /// One node's identity, health and audit trail.
    #[command(subcommand)]
    Node(node::NodeCommand),
    /// The console's own tamper-evident audit trail.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Inject and clear faults on nodes; list detected Byzantine faults.
    #[command(subcommand)]
    Fault(fault::FaultCommand),
    /// Query the cluster's Prometheus (PromQL): instant tables, range sparklines.
    #[command(subcommand)]
    Metrics(metrics::MetricsCommand),
    /// Follow one request across the cluster; replay a recorded one.
    #[command(subcommand)]
    Request(request::RequestCommand),
    /// Query log lines (Loki, or the nodes' buffers).
    #[command(subcommand)]
    Logs(logs::LogsCommand),
    /// Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role.
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Render the nodes' profiles (merged, folded, pprof, top) or diff two saved ones.
    #[command(subcommand)]
    Flamegraph(flamegraph::FlamegraphCommand),
    /// Every connection the nodes hold: data plane, probes, consensus, membership, debug clients.
    #[command(subcommand)]
    Connections(connections::ConnectionsCommand),
    /// Round-trip times between the nodes, as an N×N matrix.
    #[command(subcommand)]
    Latency(latency::LatencyCommand),
    /// Capture packets on nodes into one pcapng (admin role).
    #[command(subcommand)]
    Packet(capture::PacketCommand),
    /// A node's state as hashed sections; compare nodes section by section.
    #[command(subcommand)]
    State(state::StateCommand),
    /// Re-hash checkpoints; probe a suspect node layer by layer.
    #[command(subcommand)]
    Verify(verify::VerifyCommand),
    /// Live console of the whole cluster: nodes, layers, requests, links, events (q quits).
    Top(top::TopArgs),
}

impl Command {
    /// The node ids or addresses a command acts on, for the audit trail.
    pub fn targets(&self) -> Vec<String> {
        match self {
            Command::Cluster(_) | Command::Top(_) => vec!["cluster".into()],
            Command::Node(cmd) => vec![cmd.node().to_string()],
            Command::Fault(cmd) => cmd.node().map(|n| vec![n.to_string()]).unwrap_or_default(),
            Command::Request(cmd) => [cmd.id()]
                .into_iter()
                .filter(|id| !id.is_empty())
                .map(str::to_string)
                .collect(),
            Command::Profile(cmd) => cmd.targets(),
            Command::Flamegraph(cmd) => cmd.targets(),
            Command::Connections(cmd) => cluster_or(cmd.nodes()),
            Command::Latency(cmd) => cluster_or(cmd.nodes()),
            Command::Packet(cmd) => cluster_or(cmd.nodes()),
            Command::State(cmd) => cmd.targets(),
            Command::Verify(cmd) => cmd.targets(),
            _ => Vec::new(),
        }
    }
}

/// `nodes` split at commas, or `cluster` when none is named.
fn cluster_or(nodes: Vec<String>) -> Vec<String> {
    let named = connections::split_nodes(&nodes);
    if named.is_empty() {
        vec!["cluster".into()]
    } else {
        named
    }
}

/// The clap command for the one-shot grammar (used by completions and tests).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// The clap command for REPL lines (REPL parsing, `help` and completion). `debug` and `demo`
/// open a console of their own, so inside the console they are hidden (and refused if typed).
pub fn line_command() -> clap::Command {
    <Line as clap::CommandFactory>::command()
        .mut_subcommand("debug", |c| c.hide(true))
        .mut_subcommand("demo", |c| c.hide(true))
}

/// Completion candidates for the word before byte `pos` of a console line: `(start of the
/// word, candidates)`, from clap_complete's engine over `grammar` (subcommands, flags once a
/// `-` is typed, enum values, and the grammar's value completers for node ids, request ids and
/// metric names), plus `exit`/`quit` as a first word. The REPL and `top`'s `:` line use it.
pub fn complete_line(grammar: &clap::Command, line: &str, pos: usize) -> (usize, Vec<String>) {
    let mut pos = pos.min(line.len());
    while !line.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &line[..pos];
    let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let mut words: Vec<std::ffi::OsString> =
        before[..start].split_whitespace().map(Into::into).collect();
    let first_word = words.is_empty();
    let flags = before[start..].starts_with('-');
    words.push(before[start..].into());
    let index = words.len() - 1;
    let mut grammar = grammar.clone();
    let mut out: Vec<String> = clap_complete::engine::complete(&mut grammar, words, index, None)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_value().to_string_lossy().into_owned())
        // Flags only once a `-` is typed, as shells do.
        .filter(|c| flags || !c.starts_with('-'))
        .collect();
    if first_word {
        out.extend(
            ["exit", "quit"]
                .into_iter()
                .filter(|w| w.starts_with(&before[start..]))
                .map(String::from),
        );
    }
    out.sort();
    out.dedup();
    (start, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_is_consistent() {
        command().debug_assert();
        line_command().debug_assert();
    }
}
