//! `butterfly-node`: see the library crate.

use clap::Parser;
use std::process::ExitCode;

/// jemalloc, so the debug service can take heap profiles (`profile start --kind heap`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options: the heap profiler is compiled in and ready (`prof:true`) but samples
/// nothing until a heap profile session activates it (`prof_active:false`); then one
/// allocation is sampled every 2^19 bytes (512 KiB) on average.
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[export_name = "malloc_conf"]
pub static malloc_conf: &[u8] = b"prof:true,prof_active:false,lg_prof_sample:19\0";

fn main() -> ExitCode {
    let cli = butterfly_node::Cli::parse();
    let node_id = cli.node.id.clone().unwrap_or_else(|| "swarm".to_string());
    let common = match &cli.command {
        Some(butterfly_node::cli::Command::Swarm(a)) => &a.common,
        _ => &cli.node.common,
    };
    let pepper = match common.user_id_pepper_file.as_deref() {
        Some(path) => match butterfly_node::cli::read_pepper(path) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("butterfly-node: --user-id-pepper-file {e}");
                return ExitCode::from(2);
            }
        },
        None if common.production => {
            eprintln!(
                "butterfly-node: --production requires --user-id-pepper-file (or \
                 BUTTERFLY_USER_ID_PEPPER_FILE): user ids would be hashed without a secret"
            );
            return ExitCode::from(2);
        }
        None => Vec::new(),
    };
    let unpeppered = pepper.is_empty();
    let config = butterfly_telemetry::TelemetryConfig {
        node_id: node_id.clone(),
        pepper,
        span_buffer_bytes: common.span_buffer_bytes,
        log_buffer_bytes: common.log_buffer_bytes,
        ..Default::default()
    };
    // OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    let exporter = match butterfly_telemetry::OtlpExporter::from_env("butterfly-node", &node_id) {
        Ok(e) => e.map(|e| e as std::sync::Arc<dyn butterfly_telemetry::SpanExporter>),
        Err(e) => {
            eprintln!("butterfly-node: OTLP export: {e}");
            return ExitCode::from(2);
        }
    };
    let telemetry = match butterfly_telemetry::init(config, exporter) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("butterfly-node: {e}");
            return ExitCode::from(2);
        }
    };
    if unpeppered {
        tracing::warn!(
            "no --user-id-pepper-file: user ids in logs and spans are hashed without a pepper"
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("butterfly-node: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(butterfly_node::run(cli, telemetry));
    if let Err(e) = &result {
        if !matches!(e, butterfly_node::NodeError::Usage(_)) {
            tracing::error!(error = %e, "butterfly-node failed");
        }
    }
    // JSON log lines are written by a background thread: write what is pending before leaving.
    butterfly_telemetry::flush_logs();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ butterfly_node::NodeError::Usage(_)) => {
            eprintln!("butterfly-node: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("butterfly-node: {e}");
            ExitCode::FAILURE
        }
    }
}
