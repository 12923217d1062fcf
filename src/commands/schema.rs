//! `schema [COMMAND...]`: the JSON Schema of a command's `-o json` output, generated from the
//! report types themselves (`schemars`), so the document cannot drift from what is printed.
//! Without a command: the list of commands that have one.

use crate::commands::{
    audit, capture, certs, cluster, connections, demo, fault, flamegraph, latency, logs, metrics,
    node, profile, request, run, state, statediff, verify, verifynode,
};
use crate::error::{Error, Result};
use crate::output::{Message, Report, Style};
use crate::session::Ctx;
use clap::Args;
use schemars::{schema_for, Schema};
use serde::{Deserialize, Serialize};

/// `schema`
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The command, as typed (e.g. `cluster status`); none lists them.
    pub command: Vec<String>,
}

/// Makes one command's schema.
pub type SchemaFn = fn() -> Schema;

/// Every command with a JSON form, and the schema of that form.
pub const COMMANDS: &[(&str, SchemaFn)] = &[
    ("audit show", || schema_for!(audit::ShowReport)),
    ("audit verify", || schema_for!(audit::VerifyReport)),
    ("certs init", || schema_for!(certs::Written)),
    ("certs issue", || schema_for!(certs::Written)),
    ("cluster remove-member", || schema_for!(cluster::Removed)),
    ("cluster status", || schema_for!(cluster::ClusterStatus)),
    ("connections list", || {
        schema_for!(connections::ConnectionsReport)
    }),
    ("demo", || schema_for!(demo::DemoUp)),
    ("demo down", || schema_for!(demo::Down)),
    ("demo restart", || schema_for!(demo::restart::Restarted)),
    ("demo status", || schema_for!(demo::StatusReport)),
    ("demo up", || schema_for!(demo::DemoUp)),
    ("fault clear", || schema_for!(fault::FaultStateReport)),
    ("fault inject", || schema_for!(fault::FaultStateReport)),
    ("fault list", || schema_for!(fault::FaultList)),
    ("flamegraph diff", || {
        schema_for!(flamegraph::report::ProfileFiles)
    }),
    ("flamegraph generate", || {
        schema_for!(flamegraph::report::ProfileFiles)
    }),
    ("flamegraph render", || {
        schema_for!(flamegraph::report::ProfileFiles)
    }),
    ("latency matrix", || schema_for!(latency::LatencyMatrix)),
    ("logs query", || schema_for!(logs::LogsReport)),
    ("metrics query", || schema_for!(metrics::MetricsQueryReport)),
    ("node audit", || schema_for!(node::NodeAuditReport)),
    ("node health", || schema_for!(node::HealthReport)),
    ("node info", || schema_for!(node::NodeInfoReport)),
    ("node status", || schema_for!(node::StatusReport)),
    ("packet capture", || schema_for!(capture::CaptureReport)),
    ("profile cpu", || {
        schema_for!(flamegraph::report::ProfileFiles)
    }),
    ("profile start", || schema_for!(profile::SessionsReport)),
    ("profile status", || schema_for!(profile::SessionsReport)),
    ("profile stop", || schema_for!(profile::SessionsReport)),
    ("request replay", || {
        schema_for!(request::replay::ReplayReport)
    }),
    ("request search", || {
        schema_for!(request::search::SearchReport)
    }),
    ("request trace", || schema_for!(request::trace::TraceReport)),
    ("run", || schema_for!(run::RunReport)),
    ("state diff", || schema_for!(statediff::DiffReport)),
    ("state dump", || schema_for!(state::DumpReport)),
    ("verify checkpoint", || {
        schema_for!(verify::CheckpointReport)
    }),
    ("verify evidence", || schema_for!(verifynode::EvidenceCheck)),
    ("verify node", || schema_for!(verifynode::VerifyNodeReport)),
];

/// The schema of `command` (words as typed), or a usage error naming the known commands.
pub fn schema_of(command: &str) -> Result<Schema> {
    COMMANDS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, schema)| schema())
        .ok_or_else(|| {
            Error::Usage(format!(
                "no JSON schema for '{command}'; `schema` lists the commands that have one"
            ))
        })
}

/// `schema COMMAND`: the JSON Schema document (printed as is, whatever `-o` says).
#[derive(Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct SchemaReport {
    /// The JSON Schema (draft 2020-12).
    pub schema: serde_json::Value,
}

impl Report for SchemaReport {
    fn render(&self, _: &Style) -> String {
        serde_json::to_string_pretty(&self.schema).unwrap_or_default()
    }
    fn raw(&self) -> bool {
        true
    }
}

/// Runs `schema`.
pub fn exec(args: SchemaArgs, _ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    if args.command.is_empty() {
        let names: Vec<&str> = COMMANDS.iter().map(|(n, _)| *n).collect();
        return Ok(Message::new(format!(
            "commands with a JSON schema (`schema COMMAND`):\n  {}",
            names.join("\n  ")
        )));
    }
    let schema = schema_of(&args.command.join(" "))?;
    Ok(Box::new(SchemaReport {
        schema: schema.to_value(),
    }))
}
