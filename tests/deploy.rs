//! The deploy assets under `deploy/`, checked by the real tools: `promtool check config`,
//! `promtool check rules`, `promtool test rules` (every alert has a firing case),
//! `kubernetes-validate --strict` (Kubernetes schemas bundled with the PyPI package: offline);
//! dashboards, datasources and the Collector configuration parsed, and every metric name they
//! or the rules use found in `docs/metrics.md`.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn deploy(rel: &str) -> PathBuf {
    root().join("deploy").join(rel)
}

/// Runs `tool args`, failing with how to install it when it is missing; answers stdout+stderr.
fn run_ok(tool: &str, args: &[&str], install: &str) -> String {
    let out = Command::new(tool)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): {install}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{tool} {args:?} failed:\n{text}");
    text
}

const PROMTOOL: &str =
    "install Prometheus' promtool: `sudo apt-get install prometheus` (or `bash scripts/install-deps.sh`)";
const KV: &str =
    "install kubernetes-validate: `python3 -m pip install kubernetes-validate` (or `bash scripts/install-deps.sh`)";

/// Every YAML document of `path`, as JSON (PyYAML, which kubernetes-validate brings).
fn yaml_docs(path: &Path) -> Vec<Value> {
    let script = "import sys, json, yaml\n\
                  print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]))";
    let text = run_ok(
        "python3",
        &["-c", script, path.to_str().expect("utf-8 path")],
        KV,
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(path: &Path) -> Value {
    let mut docs = yaml_docs(path);
    assert_eq!(docs.len(), 1, "{}", path.display());
    docs.remove(0)
}

/// Metric families of docs/metrics.md, with their type.
fn catalog() -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(root().join("docs/metrics.md")).expect("docs/metrics.md");
    doc.lines()
        .filter(|l| l.starts_with("| `butterfly_"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

/// The families a PromQL expression reads (`butterfly_*` names; histogram series suffixes
/// folded into their family). Recording-rule names (`level:metric:ops`) are not metrics.
fn families_in(expr: &str) -> BTreeSet<String> {
    let catalog = catalog();
    let mut out = BTreeSet::new();
    let bytes = expr.as_bytes();
    let mut i = 0;
    while let Some(pos) = expr[i..].find("butterfly_") {
        let start = i + pos;
        let preceded =
            start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b':');
        let end = expr[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .map_or(expr.len(), |e| start + e);
        let name = &expr[start..end];
        i = end;
        if preceded || name.contains(':') {
            continue;
        }
        let family = catalog
            .iter()
            .find(|(f, ty)| {
                name == f
                    || (ty == "histogram"
                        && ["_bucket", "_count", "_sum"]
                            .iter()
                            .any(|s| name.strip_suffix(s) == Some(f.as_str())))
            })
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| name.to_string());
        out.insert(family);
    }
    out
}

fn assert_documented(used: &BTreeSet<String>, what: &str) {
    let known: BTreeSet<String> = catalog().into_iter().map(|(n, _)| n).collect();
    let unknown: Vec<&String> = used.difference(&known).collect();
    assert!(
        unknown.is_empty(),
        "{what} uses metrics not in docs/metrics.md: {unknown:?}"
    );
}

#[test]
fn prometheus_config_rules_and_alert_unit_tests() {
    let out = run_ok(
        "promtool",
        &["check", "config", "deploy/prometheus/prometheus.yml"],
        PROMTOOL,
    );
    assert!(out.contains("SUCCESS"), "{out}");
    let cfg = yaml(&deploy("prometheus/prometheus.yml"));
    let job = &cfg["scrape_configs"][0];
    assert_eq!(
        job["honor_labels"], true,
        "accused node ids must survive the scrape"
    );
    for name in job["dns_sd_configs"][0]["names"]
        .as_array()
        .expect("SRV names")
    {
        let svc = name.as_str().unwrap();
        assert!(svc.starts_with("_http._tcp.butterfly-"), "{svc}");
    }

    let out = run_ok(
        "promtool",
        &[
            "check",
            "rules",
            "deploy/prometheus/rules/recording.rules.yml",
            "deploy/prometheus/rules/alerts.rules.yml",
        ],
        PROMTOOL,
    );
    assert_eq!(out.matches("SUCCESS").count(), 2, "{out}");
    let out = run_ok(
        "promtool",
        &["test", "rules", "deploy/prometheus/tests/alerts.test.yml"],
        PROMTOOL,
    );
    assert!(out.contains("SUCCESS"), "{out}");

    // Every alert has a unit test in which it fires; every alert names its runbook.
    let rules = yaml(&deploy("prometheus/rules/alerts.rules.yml"));
    let tests = yaml(&deploy("prometheus/tests/alerts.test.yml"));
    let fired: BTreeSet<String> = tests["tests"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["alert_rule_test"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["exp_alerts"].as_array().is_some_and(|a| !a.is_empty()))
        .filter_map(|c| c["alertname"].as_str().map(str::to_string))
        .collect();
    let mut alerts = Vec::new();
    let mut used = BTreeSet::new();
    for file in ["alerts.rules.yml", "recording.rules.yml"] {
        let doc = yaml(&deploy(&format!("prometheus/rules/{file}")));
        for group in doc["groups"].as_array().unwrap() {
            for rule in group["rules"].as_array().unwrap() {
                used.extend(families_in(rule["expr"].as_str().unwrap()));
            }
        }
    }
    for group in rules["groups"].as_array().unwrap() {
        for rule in group["rules"].as_array().unwrap() {
            let name = rule["alert"].as_str().expect("an alert").to_string();
            assert!(fired.contains(&name), "{name} has no firing unit test");
            assert!(
                rule["annotations"]["runbook"].is_string()
                    && rule["annotations"]["runbook_url"].is_string(),
                "{name} points to no runbook"
            );
            alerts.push(name);
        }
    }
    for wanted in [
        "ButterflyHighRequestLatency",
        "ButterflyByzantineFault",
        "ButterflyLowReputation",
        "ButterflyConnectionDown",
        "ButterflyLeaderChanges",
        "ButterflyNoLeader",
    ] {
        assert!(alerts.iter().any(|a| a == wanted), "{wanted} missing");
    }
    assert_documented(&used, "the Prometheus rules");
}

#[test]
fn kubernetes_manifests_validate_offline() {
    let kdir = deploy("kubernetes");
    let mut files: Vec<String> = std::fs::read_dir(&kdir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| format!("kubernetes/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    let paths: Vec<String> = files
        .iter()
        .map(|f| deploy(f).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["--strict"];
    args.extend(paths.iter().map(String::as_str));
    let out = run_ok("kubernetes-validate", &args, KV);
    assert!(!out.contains("ERROR"), "{out}");

    // kustomization.yaml lists exactly these manifests, and files that exist.
    let k = yaml(&deploy("kustomization.yaml"));
    let mut listed: Vec<String> = k["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, files);
    let mut config_maps = BTreeSet::new();
    for g in k["configMapGenerator"].as_array().unwrap() {
        config_maps.insert(g["name"].as_str().unwrap().to_string());
        for f in g["files"].as_array().unwrap() {
            let f = f.as_str().unwrap();
            assert!(deploy(f).is_file(), "{f} does not exist");
        }
    }

    let mut kinds = BTreeSet::new();
    let mut node_roles = BTreeSet::new();
    for f in &files {
        for doc in yaml_docs(&deploy(f)) {
            kinds.insert(doc["kind"].as_str().unwrap().to_string());
            let spec = &doc["spec"]["template"]["spec"];
            // Every ConfigMap a pod mounts is generated.
            for v in spec["volumes"].as_array().cloned().unwrap_or_default() {
                if let Some(name) = v["configMap"]["name"].as_str() {
                    assert!(config_maps.contains(name), "{f}: no ConfigMap {name}");
                }
            }
            let annotations = &doc["spec"]["template"]["metadata"]["annotations"];
            if annotations["prometheus.io/scrape"] == "true" {
                let role = doc["metadata"]["name"].as_str().unwrap().to_string();
                assert_eq!(annotations["prometheus.io/port"], "7401", "{f}");
                assert_eq!(annotations["prometheus.io/path"], "/metrics", "{f}");
                let c = &spec["containers"][0];
                for (probe, path) in [
                    ("livenessProbe", "/health/live"),
                    ("readinessProbe", "/health/ready"),
                    ("startupProbe", "/health/startup"),
                ] {
                    assert_eq!(c[probe]["httpGet"]["path"], path, "{f} {probe}");
                }
                let env: Vec<&str> = c["env"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|e| e["name"].as_str())
                    .collect();
                assert!(env.contains(&"OTEL_EXPORTER_OTLP_ENDPOINT"), "{f}");
                let args: Vec<&str> = c["args"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|a| a.as_str())
                    .collect();
                assert!(args.contains(&format!("--role={role}").as_str()), "{f}");
                assert!(args.iter().any(|a| a.starts_with("--cert=/certs/")), "{f}");
                let secret = spec["volumes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v["secret"]["secretName"] == "butterfly-ca");
                assert!(secret, "{f}: certificates from the butterfly-ca Secret");
                node_roles.insert(role);
            }
            if doc["metadata"]["name"] == "grafana" && doc["kind"] == "Deployment" {
                let env = spec["containers"][0]["env"].as_array().unwrap();
                let role = env
                    .iter()
                    .find(|e| e["name"] == "GF_AUTH_ANONYMOUS_ORG_ROLE")
                    .expect("anonymous role");
                assert_eq!(role["value"], "Viewer", "anonymous users are Viewers");
            }
        }
    }
    assert_eq!(
        node_roles,
        BTreeSet::from(["compute".into(), "coordinator".into(), "observer".into()])
    );
    assert!(
        kinds.contains("StatefulSet") && kinds.contains("Service"),
        "{kinds:?}"
    );
}

#[test]
fn dashboards_datasources_and_collector_config() {
    // Datasources: Prometheus exemplars open traces in Jaeger.
    let ds = yaml(&deploy("grafana/provisioning/datasources/datasources.yaml"));
    let sources = ds["datasources"].as_array().unwrap();
    let uid_of = |ty: &str| {
        sources
            .iter()
            .find(|s| s["type"] == ty)
            .and_then(|s| s["uid"].as_str())
            .unwrap_or_else(|| panic!("no {ty} datasource"))
            .to_string()
    };
    let (prom, jaeger) = (uid_of("prometheus"), uid_of("jaeger"));
    let prom_ds = sources.iter().find(|s| s["type"] == "prometheus").unwrap();
    assert_eq!(
        prom_ds["jsonData"]["exemplarTraceIdDestinations"][0]["datasourceUid"],
        jaeger.as_str()
    );
    let ini = std::fs::read_to_string(deploy("grafana/grafana.ini")).unwrap();
    assert!(
        ini.lines().any(|l| l.replace(' ', "") == "org_role=Viewer"),
        "{ini}"
    );
    let providers = yaml(&deploy("grafana/provisioning/dashboards/dashboards.yaml"));
    assert_eq!(providers["providers"][0]["type"], "file");

    // Dashboards: valid JSON, every query on the Prometheus datasource, every metric known;
    // together they show the whole catalog; the latency panel asks for exemplars.
    let mut used = BTreeSet::new();
    let mut titles = Vec::new();
    let mut exemplars = false;
    let dir = deploy("grafana/dashboards");
    for e in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
        let path = e.path();
        let text = std::fs::read_to_string(&path).unwrap();
        let d: Value =
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        assert!(
            d["uid"].is_string() && d["title"].is_string(),
            "{}",
            path.display()
        );
        titles.push(d["title"].as_str().unwrap().to_string());
        for p in d["panels"].as_array().unwrap() {
            let targets = p["targets"].as_array().unwrap();
            assert!(!targets.is_empty(), "{}: empty panel", path.display());
            for t in targets {
                assert_eq!(t["datasource"]["uid"], prom.as_str());
                let expr = t["expr"].as_str().unwrap();
                used.extend(families_in(expr));
                if expr.contains("butterfly_request_duration_seconds_bucket")
                    && t["exemplar"] == true
                    && expr.contains("histogram_quantile(0.999")
                {
                    exemplars = true;
                }
            }
        }
    }
    assert!(exemplars, "the latency dashboard shows p999 with exemplars");
    assert!(titles.len() >= 5, "{titles:?}");
    assert_documented(&used, "the dashboards");
    let all: BTreeSet<String> = catalog().into_iter().map(|(n, _)| n).collect();
    let unshown: Vec<&String> = all.difference(&used).collect();
    assert!(unshown.is_empty(), "no dashboard shows {unshown:?}");

    // Collector: the seed's tail-sampling policy, to Jaeger.
    let c = yaml(&deploy("otel-collector/config.yaml"));
    let policies = c["processors"]["tail_sampling"]["policies"]
        .as_array()
        .unwrap();
    let policy = |ty: &str| {
        policies
            .iter()
            .find(|p| p["type"] == ty)
            .unwrap_or_else(|| panic!("no {ty} policy"))
            .clone()
    };
    assert_eq!(
        policy("status_code")["status_code"]["status_codes"][0],
        "ERROR"
    );
    assert!(
        policy("latency")["latency"]["threshold_ms"]
            .as_u64()
            .unwrap()
            <= 1000
    );
    let byz = policy("boolean_attribute");
    assert_eq!(byz["boolean_attribute"]["key"], "byzantine");
    assert_eq!(byz["boolean_attribute"]["value"], true);
    assert_eq!(
        policy("probabilistic")["probabilistic"]["sampling_percentage"],
        10
    );
    let pipeline = &c["service"]["pipelines"]["traces"];
    for (kind, section) in [
        ("receivers", "receivers"),
        ("processors", "processors"),
        ("exporters", "exporters"),
    ] {
        for name in pipeline[kind].as_array().unwrap() {
            let name = name.as_str().unwrap();
            assert!(c[section][name].is_object(), "{kind} {name} is not defined");
        }
    }
    assert!(pipeline["processors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "tail_sampling"));
    let exporter = pipeline["exporters"][0].as_str().unwrap();
    assert!(
        c["exporters"][exporter]["endpoint"]
            .as_str()
            .unwrap()
            .starts_with("jaeger."),
        "{exporter}"
    );
}
