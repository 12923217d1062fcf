use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the debug service's public API can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A PEM file could not be read.
    #[error("cannot read {what} file {path}: {source}")]
    ReadPem {
        /// Which file: "CA certificate", "certificate" or "private key".
        what: &'static str,
        /// The path as given.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A PEM file was readable but held nothing usable.
    #[error("invalid {what} file {path}: {reason}")]
    InvalidPem {
        /// Which file: "CA certificate", "certificate" or "private key".
        what: &'static str,
        /// The path as given.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// rustls refused the configuration (key does not match the certificate, bad CA, ...).
    #[error("TLS configuration: {0}")]
    Tls(String),
    /// The builder was asked to serve without TLS material.
    #[error("no TLS configuration: call Builder::tls or Builder::tls_config")]
    NoTls,
    /// Binding a listener failed.
    #[error("cannot bind {what} address {addr}: {source}")]
    Bind {
        /// "debug" or "http".
        what: &'static str,
        /// The address asked for.
        addr: SocketAddr,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The audit log file could not be opened.
    #[error("cannot open audit log {path}: {source}")]
    AuditLog {
        /// The path as given.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Server reflection could not be built from the descriptor set.
    #[error("gRPC reflection: {0}")]
    Reflection(String),
    /// The dedicated runtime or thread could not be started.
    #[error("cannot start the debug runtime: {0}")]
    Runtime(std::io::Error),
    /// A server stopped with an error.
    #[error("{what} server failed: {reason}")]
    Serve {
        /// "debug" or "http".
        what: &'static str,
        /// What went wrong.
        reason: String,
    },
}
