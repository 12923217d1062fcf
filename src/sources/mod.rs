//! HTTP clients for the cluster's observability back ends: Prometheus ([`PrometheusClient`]),
//! Jaeger ([`JaegerClient`]) and Loki ([`LokiClient`]).
//!
//! All three share one transport ([`SourceConfig`] → a `reqwest` client on rustls with the `ring`
//! provider), one bounded body reader ([`DEFAULT_MAX_BODY_BYTES`]) and one error type
//! ([`SourceError`], which converts into the console's [`crate::error::Error`]). Errors are
//! decided by the HTTP status code, never by the content type: Jaeger and Loki send their errors
//! as `text/plain`, and a proxy may answer with HTML. Decoding is tolerant: unknown fields are
//! ignored. Queries are always encoded by `reqwest` and path parameters (ids, label names) are
//! percent-encoded as path segments; nothing user-supplied is `format!`ted into a URL.

pub mod jaeger;
pub mod loki;
pub mod prometheus;

pub use jaeger::JaegerClient;
pub use loki::LokiClient;
pub use prometheus::PrometheusClient;
mod decimal;
mod error;
mod http;

pub use crate::config::{
    SourceConfig, SOURCE_DEFAULT_TIMEOUT as DEFAULT_TIMEOUT,
    SOURCE_MAX_BODY_BYTES as DEFAULT_MAX_BODY_BYTES,
};
pub(crate) use decimal::NumText;
pub use decimal::{format_millis_as_seconds, now_unix_nanos, parse_decimal_seconds};
pub(crate) use error::{chain, one_line, transport_message};
pub use error::{error_message, Result, SourceError};
pub(crate) use http::{json_problem, Http, Reply};

/// How much of an error body is read to explain the error: 64 KiB.
pub const ERROR_BODY_BYTES: u64 = 64 * 1024;
/// Longest snippet of a non-JSON error body quoted in an error message, in characters.
pub const ERROR_SNIPPET_CHARS: usize = 160;

/// Which side a command reads: its back end (Jaeger, Loki, Prometheus) or the nodes' own
/// buffers and endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The back end the profile configures.
    Backend,
    /// The nodes themselves (the embedded default).
    Nodes,
}

/// The one rule for `--source` shared by `request trace` (Jaeger) and `logs query` (Loki):
/// what was asked for, else (`auto`, i.e. `None`) the back end when the profile configures
/// one and the nodes otherwise.
pub fn choose(asked: Option<Origin>, configured: bool) -> Origin {
    asked.unwrap_or(if configured {
        Origin::Backend
    } else {
        Origin::Nodes
    })
}
