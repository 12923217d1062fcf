//! `-o json` is a contract (issue 12 §3): on a live demo, every read-only command's JSON decodes
//! into the report type the console itself serializes, and `schema COMMAND` documents exactly
//! the fields that command prints.

mod common;

use butterfly_cli::commands::{
    audit, cluster, connections, fault, latency, logs, node, profile, request, state, statediff,
};
use common::{Env, Run};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// The schema's top-level properties and required fields.
fn schema_fields(env: &Env, command: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut args = vec!["schema"];
    args.extend(command.split(' '));
    let r = env.run(&args);
    assert_eq!(r.code, 0, "schema {command}: {}", r.stderr);
    let schema = r.json();
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{schema}"
    );
    // A transparent report (`state dump`) is a reference to the type it wraps.
    let schema = match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            schema["$defs"][name].clone()
        }
        None => schema,
    };
    let props = schema["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("schema {command} has no properties: {schema}"))
        .keys()
        .cloned()
        .collect();
    let required = schema["required"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    (props, required)
}

/// Paths of string values that are numbers written as strings (`"42"`): numbers are JSON numbers.
/// The documented exceptions: Prometheus sample values (`value`: `NaN`, `+Inf`), and span
/// `attributes` and log `fields`, which are free-form string maps as their sources write them.
fn numbers_as_strings(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !matches!(k.as_str(), "value" | "attributes" | "fields") {
                    numbers_as_strings(x, &format!("{path}.{k}"), out);
                }
            }
        }
        Value::Array(a) => a
            .iter()
            .for_each(|x| numbers_as_strings(x, &format!("{path}[]"), out)),
        Value::String(s) if !s.is_empty() && s.parse::<f64>().is_ok() => {
            out.push(format!("{path} = {s:?}"))
        }
        _ => {}
    }
}

/// The JSON's top-level keys are the schema's properties, and every required one is there;
/// numbers are JSON numbers.
fn matches_schema(env: &Env, command: &str, out: &Run) {
    let v: Value = out.json();
    let mut strings = Vec::new();
    numbers_as_strings(&v, "", &mut strings);
    assert!(
        strings.is_empty(),
        "{command} writes numbers as strings: {strings:?}"
    );
    let keys: BTreeSet<String> = v
        .as_object()
        .unwrap_or_else(|| panic!("{command} printed no object: {v}"))
        .keys()
        .cloned()
        .collect();
    let (props, required) = schema_fields(env, command);
    let undocumented: Vec<_> = keys.difference(&props).collect();
    assert!(
        undocumented.is_empty(),
        "{command} prints fields its schema does not have: {undocumented:?}"
    );
    let missing: Vec<_> = required.difference(&keys).collect();
    assert!(missing.is_empty(), "{command} lacks required {missing:?}");
}

#[test]
fn json_output_decodes_into_the_report_types_and_matches_the_schema() {
    let mut env = Env::new();
    env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "2"]);

    let r = env.run(&["-o", "json", "cluster", "status"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let status: cluster::ClusterStatus = r.typed();
    assert_eq!(status.nodes.len(), 3);
    assert!(status.nodes.iter().all(|n| n.reachable), "{}", r.stdout);
    matches_schema(&env, "cluster status", &r);

    let compute = status
        .nodes
        .iter()
        .find(|n| n.role == "compute")
        .map(|n| n.id.clone())
        .expect("a compute node");
    let coordinator = status
        .nodes
        .iter()
        .find(|n| n.role == "coordinator")
        .map(|n| n.id.clone())
        .expect("a coordinator");

    let r = env.run(&["-o", "json", "node", "info", &compute]);
    let info: node::NodeInfoReport = r.typed();
    assert_eq!(info.id, compute);
    matches_schema(&env, "node info", &r);

    let r = env.run(&["-o", "json", "node", "health", &compute]);
    let health: node::HealthReport = r.typed();
    assert_eq!(health.id, compute);
    matches_schema(&env, "node health", &r);

    let r = env.run(&["-o", "json", "node", "status", &compute]);
    let st: node::StatusReport = r.typed();
    assert_eq!(st.role, "compute");
    matches_schema(&env, "node status", &r);

    let r = env.run(&["-o", "json", "state", "dump", &coordinator]);
    let dump: state::Dump = r.typed();
    assert_eq!(dump.node_id, coordinator);
    assert!(!dump.sections.is_empty());
    matches_schema(&env, "state dump", &r);

    let r = env.run(&["-o", "json", "state", "diff", "--all", "--role", "compute"]);
    let _: statediff::DiffReport = r.typed();
    matches_schema(&env, "state diff", &r);

    let r = env.run(&["-o", "json", "fault", "list"]);
    let faults: fault::FaultList = r.typed();
    assert!(!faults.truncated || faults.total > 0);
    matches_schema(&env, "fault list", &r);

    let r = env.run(&["-o", "json", "connections", "list"]);
    let conns: connections::ConnectionsReport = r.typed();
    assert!(!conns.connections.is_empty(), "{}", r.stdout);
    matches_schema(&env, "connections list", &r);

    let r = env.run(&["-o", "json", "latency", "matrix"]);
    let m: latency::LatencyMatrix = r.typed();
    assert_eq!(m.nodes.len(), 3, "{}", r.stdout);
    matches_schema(&env, "latency matrix", &r);

    let r = env.run(&["-o", "json", "profile", "status"]);
    let _: profile::SessionsReport = r.typed();
    matches_schema(&env, "profile status", &r);

    // Requests flow (load 2/s): a trace is found, followed and decoded.
    let deadline = Instant::now() + Duration::from_secs(20);
    let search = loop {
        let r = env.run(&["-o", "json", "request", "search", "--limit", "3"]);
        let s: request::search::SearchReport = r.typed();
        if !s.traces.is_empty() {
            matches_schema(&env, "request search", &r);
            break s;
        }
        assert!(Instant::now() < deadline, "no traces: {}", r.stdout);
        std::thread::sleep(Duration::from_millis(500));
    };
    let r = env.run(&["-o", "json", "request", "trace", &search.traces[0].trace_id]);
    let t: request::trace::TraceReport = r.typed();
    assert!(!t.spans.is_empty());
    matches_schema(&env, "request trace", &r);

    let r = env.run(&["-o", "json", "logs", "query", "{}", "--limit", "5"]);
    let l: logs::LogsReport = r.typed();
    assert!(!l.lines.is_empty(), "{}", r.stdout);
    matches_schema(&env, "logs query", &r);

    let r = env.run(&["-o", "json", "audit", "show"]);
    let a: audit::ShowReport = r.typed();
    assert!(!a.entries.is_empty());
    matches_schema(&env, "audit show", &r);

    // Unknown commands are a usage error naming the way out.
    let r = env.run(&["schema", "cluster", "nope"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`schema` lists"), "{}", r.stderr);
    let r = env.run(&["schema"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("cluster status"), "{}", r.stdout);
}
