//! The instrumentation one demo request costs, without the cluster (see
//! `benches/common/request.rs`: root span, 2 log lines, 24 `comm.send_tensor` spans, 24
//! `layer.execute` spans, histogram observations with exemplars). For instruction counts, run it
//! under callgrind with instrumentation on and off and divide the difference by the request
//! count (`benches/request_path.sh` does):
//!
//! ```text
//! cargo build --release -p butterfly-telemetry --example request_path
//! for log in info off; do RUST_LOG=$log valgrind --tool=callgrind --callgrind-out-file=/tmp/rp.$log \
//!   target/release/examples/request_path 2000 2>/dev/null; done
//! ```
//!
//! Argument: requests to run [default: 1000].

#[path = "../benches/common/request.rs"]
mod request;

use butterfly_telemetry::{Metrics, TelemetryConfig};

fn main() {
    let requests: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let telemetry = match butterfly_telemetry::init(
        TelemetryConfig {
            node_id: "coordinator-1".into(),
            ..TelemetryConfig::default()
        },
        None,
    ) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("request_path: {e}");
            std::process::exit(2);
        }
    };
    let mut registry = prometheus_client::registry::Registry::default();
    let metrics = Metrics::register(&mut registry);
    for r in 0..requests {
        request::demo_request(r, Some(&metrics));
    }
    std::hint::black_box(telemetry.spans.len());
    butterfly_telemetry::flush_logs();
}
