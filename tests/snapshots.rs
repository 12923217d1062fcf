//! Snapshot tests (insta) of the human renderings at a fixed width with colours off: the
//! tables of `cluster status` (80 columns, and `-o wide`), `node status`, `fault list` and `latency matrix` from report JSON
//! captured on a live demo (`tests/fixtures/reports/`), and the request waterfall of a damaged
//! Jaeger trace. A change to a rendering shows up as a reviewable diff; accept it with
//! `INSTA_UPDATE=always cargo test --test snapshots` (or `cargo insta review`).

use butterfly_cli::commands::{cluster, fault, latency, node};
use butterfly_cli::output::{Report, Style};
use butterfly_cli::trace::{assemble, waterfall};
use std::path::PathBuf;

const PLAIN: Style = Style {
    color: false,
    wide: false,
};
const WIDE: Style = Style {
    color: false,
    wide: true,
};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(&format!("reports/{name}.json")))
        .unwrap_or_else(|e| panic!("{name}.json does not decode: {e}"))
}

#[test]
fn cluster_status_table() {
    let r: cluster::ClusterStatus = report("cluster_status");
    insta::assert_snapshot!(r.render(&PLAIN));
}

#[test]
fn cluster_status_table_with_a_byzantine_and_a_cut_off_node() {
    let r: cluster::ClusterStatus = report("cluster_status_byzantine");
    insta::assert_snapshot!(r.render(&PLAIN));
}

#[test]
fn cluster_status_wide_keeps_every_note_whole() {
    let r: cluster::ClusterStatus = report("cluster_status_byzantine");
    insta::assert_snapshot!(r.render(&WIDE));
}

#[test]
fn node_status_table() {
    let r: node::StatusReport = report("node_status");
    insta::assert_snapshot!(r.render(&PLAIN));
}

#[test]
fn fault_list_table() {
    let r: fault::FaultList = report("fault_list");
    insta::assert_snapshot!(r.render(&PLAIN));
}

#[test]
fn latency_matrix_table() {
    let r: latency::LatencyMatrix = report("latency_matrix");
    insta::assert_snapshot!(r.render(&PLAIN));
}

#[test]
fn request_waterfall_of_a_damaged_trace() {
    let spans = butterfly_cli::sources::jaeger::decode_otlp_traces(
        fixture("jaeger_v3_damaged_trace.json").as_bytes(),
    )
    .expect("the fixture decodes");
    let assembled = assemble(spans);
    let text = waterfall::render(&assembled, &waterfall::WaterfallOptions::default(), &PLAIN);
    insta::assert_snapshot!(text);
}
