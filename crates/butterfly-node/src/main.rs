//! `butterfly-node`: see the library crate.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = butterfly_node::Cli::parse();
    if let Err(e) = butterfly_telemetry::init_json_logging() {
        eprintln!("butterfly-node: {e}");
        return ExitCode::from(2);
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
    match runtime.block_on(butterfly_node::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ butterfly_node::NodeError::Usage(_)) => {
            eprintln!("butterfly-node: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            tracing::error!(error = %e, "butterfly-node failed");
            eprintln!("butterfly-node: {e}");
            ExitCode::FAILURE
        }
    }
}
