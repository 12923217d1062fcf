//! Butterfly instrumentation. For now: JSON logging setup shared by the node binaries.
//! The metric catalog, trace-context propagation and OTLP export arrive in later issues.

#![forbid(unsafe_code)]

use tracing_subscriber::EnvFilter;

/// Filter used when `RUST_LOG` is unset: `info`.
pub const DEFAULT_LOG_FILTER: &str = "info";

/// Why logging could not be set up.
#[derive(Debug)]
pub struct LogInitError(pub String);

impl std::fmt::Display for LogInitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot set up logging: {}", self.0)
    }
}

impl std::error::Error for LogInitError {}

/// Installs the global subscriber: one JSON object per line on stderr, filtered by `RUST_LOG`
/// (default [`DEFAULT_LOG_FILTER`]). An invalid `RUST_LOG` is an error, not a panic.
pub fn init_json_logging() -> Result<(), LogInitError> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => EnvFilter::try_new(&spec)
            .map_err(|e| LogInitError(format!("RUST_LOG={spec:?}: {e}")))?,
        _ => EnvFilter::new(DEFAULT_LOG_FILTER),
    };
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_current_span(true)
        .try_init()
        .map_err(|e| LogInitError(e.to_string()))
}
