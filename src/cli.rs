//! THE command grammar. One-shot invocations, REPL lines, script lines and shell completions are
//! all parsed by (or generated from) the clap tree defined here.

use crate::commands::{
    audit, capture, certs, cluster, completions, connections, demo, fault, flamegraph, latency,
    logs, metrics, node, profile, request, run, state, top, verify,
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

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

/// Output format of a command's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Table on a terminal, JSON otherwise.
    #[default]
    Auto,
    /// Human-readable tables, fitted to 80 columns (the widest cells cut with `…`).
    Table,
    /// Tables at their full width, nothing cut.
    Wide,
    /// One stable JSON document.
    Json,
}

/// Options shared by every command (flattened into the one-shot and the REPL grammar).
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalOpts {
    /// Named profile from the config file [default: the file's `default_profile`, else `default`].
    #[arg(short = 'p', long, global = true, env = "BUTTERFLY_PROFILE")]
    pub profile: Option<String>,
    /// Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml].
    #[arg(long, global = true, env = "BUTTERFLY_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(short = 'o', long, global = true, value_enum)]
    pub output: Option<OutputFormat>,
    /// Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s].
    #[arg(long, global = true, env = "BUTTERFLY_TIMEOUT", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,
    /// CA certificate (PEM) that signed the nodes' certificates.
    #[arg(long, global = true, env = "BUTTERFLY_CA", value_name = "PEM")]
    pub ca: Option<PathBuf>,
    /// Operator client certificate (PEM); its CN names you and its OU carries your role.
    #[arg(long, global = true, env = "BUTTERFLY_CERT", value_name = "PEM")]
    pub cert: Option<PathBuf>,
    /// Private key (PEM) of the operator certificate.
    #[arg(long, global = true, env = "BUTTERFLY_KEY", value_name = "PEM")]
    pub key: Option<PathBuf>,
    /// Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster.
    #[arg(
        long,
        global = true,
        env = "BUTTERFLY_SEEDS",
        value_delimiter = ',',
        value_name = "ADDRS"
    )]
    pub seeds: Vec<String>,
    /// Disable colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
}

impl GlobalOpts {
    /// `self` with every option `line` sets taking precedence (for REPL lines).
    pub fn overlay(&self, line: &GlobalOpts) -> GlobalOpts {
        GlobalOpts {
            profile: line.profile.clone().or_else(|| self.profile.clone()),
            config: line.config.clone().or_else(|| self.config.clone()),
            output: line.output.or(self.output),
            timeout: line.timeout.or(self.timeout),
            ca: line.ca.clone().or_else(|| self.ca.clone()),
            cert: line.cert.clone().or_else(|| self.cert.clone()),
            key: line.key.clone().or_else(|| self.key.clone()),
            seeds: if line.seeds.is_empty() {
                self.seeds.clone()
            } else {
                line.seeds.clone()
            },
            no_color: line.no_color || self.no_color,
        }
    }
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

/// Parses `500ms`, `3s`, `1m`; a bare number means seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let d = if let Ok(secs) = s.parse::<f64>() {
        if !(secs.is_finite() && secs >= 0.0) {
            return Err(format!("'{s}' is not a duration"));
        }
        Duration::try_from_secs_f64(secs).map_err(|_| format!("'{s}' is too long a duration"))?
    } else {
        humantime::parse_duration(s).map_err(|e| format!("'{s}' is not a duration ({e})"))?
    };
    if d > MAX_DURATION {
        return Err(format!(
            "'{s}' is too long a duration (at most {})",
            humantime::format_duration(MAX_DURATION)
        ));
    }
    Ok(d)
}

/// The longest duration any flag, variable or config value accepts: 10 years (longer values
/// would overflow deadline arithmetic).
pub const MAX_DURATION: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_durations_are_errors_not_panics() {
        for s in [
            "1e300",
            "1e20",
            "inf",
            "NaN",
            "-1",
            "99999999999999999999years",
        ] {
            assert!(parse_duration(s).is_err(), "{s}");
        }
        assert_eq!(
            parse_duration("1.5").ok(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_duration("2s").ok(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn grammar_is_consistent() {
        command().debug_assert();
        line_command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("-1").is_err());
    }
}
