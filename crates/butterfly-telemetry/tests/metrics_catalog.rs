//! The metric catalog: doc/registry agreement, buckets, exemplars, cardinality caps.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use butterfly_telemetry::{
    encode_openmetrics, Metrics, TraceContext, DURATION_BUCKETS_SECONDS, OTHER_LABEL_VALUE,
};
use prometheus_client::registry::Registry;

fn exercised() -> (Registry, Metrics, TraceContext) {
    let mut registry = Registry::default();
    let m = Metrics::register(&mut registry);
    let ctx = TraceContext::new_root();
    m.record_request(
        "llama-70b",
        "ok",
        Duration::from_millis(42),
        Some((&ctx, Instant::now())),
    );
    m.record_request_error("llama-70b", "timeout");
    m.set_consensus_term(7);
    m.record_election();
    m.record_proposal();
    m.record_commits(3);
    m.record_heartbeat_failure("node-2");
    m.record_layer_execution(
        "12",
        "node-1",
        Duration::from_micros(700),
        Some((&ctx, Instant::now())),
    );
    m.set_layer_memory("12", 1 << 20);
    m.record_bytes_sent("node-1", "node-2", 4096);
    m.record_bytes_received("node-2", "node-1", 4096);
    m.record_transfer_latency("node-1", "node-2", Duration::from_millis(3));
    m.set_connection_active("node-1", "node-2", true);
    m.set_cpu_utilization(0.5);
    m.set_memory_usage(1 << 30);
    m.set_disk(10, 20);
    m.record_byzantine_fault("node-3", "equivocation");
    m.set_reputation("node-3", 0.25);
    (registry, m, ctx)
}

/// family name as exposed (counters with `_total`) -> (type, label names)
fn exposed(text: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, ty) = rest.split_once(' ').expect("TYPE line");
            let exposed = if ty == "counter" {
                format!("{name}_total")
            } else {
                name.to_owned()
            };
            types.insert(name.to_owned(), ty.to_owned());
            out.insert(exposed, (ty.to_owned(), BTreeSet::new()));
        }
    }
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let sample = line.split(" # ").next().unwrap_or(line);
        let name_end = sample.find(['{', ' ']).unwrap_or(sample.len());
        let name = &sample[..name_end];
        let family = types
            .keys()
            .filter(|f| name.starts_with(f.as_str()))
            .max_by_key(|f| f.len())
            .unwrap_or_else(|| panic!("sample {line:?} has no family"));
        let ty = &types[family];
        let key = if ty == "counter" {
            format!("{family}_total")
        } else {
            family.clone()
        };
        if let Some(labels) = sample[name_end..]
            .strip_prefix('{')
            .and_then(|r| r.split_once('}'))
            .map(|(l, _)| l)
        {
            for kv in labels.split("\",").filter(|s| !s.is_empty()) {
                let k = kv.split('=').next().unwrap_or("").trim().to_owned();
                if k != "le" {
                    out.get_mut(&key).expect("family").1.insert(k);
                }
            }
        }
    }
    out
}

fn documented() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/metrics.md");
    let doc = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut out = BTreeMap::new();
    for line in doc.lines().filter(|l| l.starts_with("| `butterfly_")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`').to_owned();
        let ty = cells[2].to_owned();
        let labels = cells[3]
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        assert!(
            out.insert(name.clone(), (ty, labels)).is_none(),
            "{name} documented twice"
        );
    }
    out
}

#[test]
fn doc_matches_registry() {
    let (registry, _, _) = exercised();
    let text = encode_openmetrics(&registry).expect("encode");
    let exposed = exposed(&text);
    let documented = documented();
    for (name, spec) in &exposed {
        assert_eq!(
            documented.get(name),
            Some(spec),
            "registered {name} {spec:?} not documented as such in docs/metrics.md"
        );
    }
    for name in documented.keys() {
        assert!(
            exposed.contains_key(name),
            "docs/metrics.md lists {name}, which is not registered"
        );
    }
    assert!(exposed.len() >= 20);
}

#[test]
fn buckets_and_exemplars() {
    let (registry, _, ctx) = exercised();
    let text = encode_openmetrics(&registry).expect("encode");
    assert!(text.ends_with("# EOF\n"));
    for family in [
        "butterfly_request_duration_seconds",
        "butterfly_layer_execution_duration_seconds",
    ] {
        let les: Vec<String> = text
            .lines()
            .filter(|l| l.starts_with(&format!("{family}_bucket{{")))
            .filter_map(|l| {
                l.split("le=\"")
                    .nth(1)?
                    .split('"')
                    .next()
                    .map(str::to_owned)
            })
            .collect();
        let finite: Vec<f64> = les
            .iter()
            .filter(|l| *l != "+Inf")
            .map(|l| l.parse().expect("le"))
            .collect();
        assert_eq!(
            finite,
            DURATION_BUCKETS_SECONDS.to_vec(),
            "{family} buckets"
        );
        assert_eq!(les.last().map(String::as_str), Some("+Inf"));
        let exemplar = format!(
            "# {{trace_id=\"{}\",span_id=\"{}\"}}",
            ctx.trace_id_hex(),
            ctx.span_id_hex()
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{family}_bucket{{")) && l.contains(&exemplar)),
            "{family} lacks exemplar {exemplar}:\n{text}"
        );
    }
    // Never as a label: no sample's label set (before the exemplar) mentions trace_id.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let labels = line.split(" # ").next().unwrap_or(line);
        assert!(
            !labels.contains("trace_id"),
            "trace_id used as a label: {line}"
        );
    }
}

#[test]
fn cardinality_caps_hold_under_flood() {
    let mut registry = Registry::default();
    let m = Metrics::register(&mut registry);
    for i in 0..5000 {
        let node = format!("node-{i}");
        m.set_reputation(&node, 0.5);
        m.record_byzantine_fault(&node, &format!("fault-{i}"));
        m.set_connection_active("node-0", &node, true);
        m.record_layer_execution(
            &format!("{}", i % 300),
            &node,
            Duration::from_millis(1),
            None,
        );
        m.record_request_error("m", &format!("err-{i}"));
    }
    let text = encode_openmetrics(&registry).expect("encode");
    let values = |family: &str, label: &str| -> BTreeSet<String> {
        text.lines()
            .filter(|l| {
                l.starts_with(&format!("{family}{{"))
                    || l.starts_with(&format!("{family}_bucket{{"))
            })
            .filter_map(|l| {
                l.split(&format!("{label}=\""))
                    .nth(1)?
                    .split('"')
                    .next()
                    .map(str::to_owned)
            })
            .collect()
    };
    let rep = values("butterfly_reputation_score", "node_id");
    assert_eq!(rep.len(), 1001, "1000 node ids + other");
    assert!(rep.contains(OTHER_LABEL_VALUE));
    let mut conn = values("butterfly_connection_active", "to_node");
    conn.extend(values("butterfly_connection_active", "from_node"));
    assert_eq!(conn.len(), 1001);
    assert_eq!(
        values("butterfly_byzantine_faults_detected_total", "fault_type").len(),
        51
    );
    assert_eq!(
        values("butterfly_layer_execution_duration_seconds", "layer_id").len(),
        201
    );
    assert!(values("butterfly_layer_execution_duration_seconds", "node_id").len() <= 1001);
    assert_eq!(
        values("butterfly_request_errors_total", "error_type").len(),
        51
    );
    // Total series of the flooded gauge family stays bounded.
    let series = text
        .lines()
        .filter(|l| l.starts_with("butterfly_reputation_score{"))
        .count();
    assert_eq!(series, 1001);
}

/// `promtool check metrics` (Debian's prometheus package) accepts the classic exposition.
/// Fails with the install command when promtool is missing (`make test` installs it).
#[test]
fn promtool_accepts_classic_exposition() {
    use std::io::Write;
    let (registry, _, _) = exercised();
    let (ct, text) =
        butterfly_telemetry::encode_for_accept(&registry, Some("text/plain")).expect("encode");
    assert!(ct.starts_with("text/plain"));
    assert!(!text.contains("# EOF"));
    assert!(
        !text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .any(|l| l.contains("trace_id")),
        "no exemplars in classic text"
    );
    let (ct, om) = butterfly_telemetry::encode_for_accept(
        &registry,
        Some("application/openmetrics-text; version=1.0.0"),
    )
    .expect("encode");
    assert!(ct.starts_with("application/openmetrics-text") && om.contains("trace_id"));
    let child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        panic!("promtool is not installed: apt-get install prometheus (make test installs it)");
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("promtool");
    assert!(
        out.status.success(),
        "promtool rejected the exposition:\n{}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
