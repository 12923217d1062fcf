//! Node-side, embeddable Butterfly debug service.
//!
//! What a node serves to the on-call console:
//!
//! * `butterfly.debug.v1.DebugService` over TLS 1.3 with **required** client certificates, with
//!   per-RPC role checks ([`Method::required_role`]) and a node audit log of every call
//!   ([`AuditLog`]);
//! * `grpc.health.v1.Health` and gRPC server reflection (v1 and v1alpha) on the same listener;
//! * plain HTTP for probes and Prometheus: `/health/live`, `/health/ready`, `/health/startup`,
//!   `/health/deep`, `/metrics` ([`http_router`]).
//!
//! The host supplies its node-specific data through [`NodeHandle`]. Three tiers, like
//! tokio-console:
//!
//! * [`Builder::spawn`]: everything on its own runtime on a dedicated thread, so a busy node cannot
//!   starve its debug service; returns a [`DebugHandle`] with the bound addresses;
//! * [`Builder::bind`] + [`Bound::serve`] (or [`Builder::serve`]) on the caller's runtime;
//! * [`Builder::build`] + [`Parts::into_parts`]: the tonic routes, the axum router and the TLS
//!   configuration, to mount on the host's own servers (with [`serve_mtls`] for the accept loop).

mod audit;
mod audit_file;
mod builder;
mod call;
pub mod capture;
mod error;
mod handle;
mod http;
mod http_serve;
mod limits;
mod metrics;
mod net;
mod profile;
mod service;
mod tls;

pub use audit::{
    flush_audit_logs, AuditLog, AuditWriter, DEFAULT_AUDIT_CHANNEL, DEFAULT_AUDIT_MEMORY,
    DEFAULT_DENIED_PER_WINDOW, DENIED_WINDOW, MAX_AUDIT_FIELD_BYTES,
};
pub use audit_file::{
    chain_hash, AUDIT_GENESIS, DEFAULT_AUDIT_FILE_BYTES, DEFAULT_AUDIT_FILE_KEEP,
};
pub use builder::{
    Bound, Builder, DebugHandle, Parts, DEFAULT_DEBUG_ADDR, DEFAULT_HTTP_ADDR,
    DEFAULT_RUNTIME_THREADS,
};
pub use capture::Capture;
pub use error::Error;
pub use http::http_router;
pub use http_serve::{
    serve_http, HttpLimits, DEFAULT_HTTP_HEADER_TIMEOUT, DEFAULT_HTTP_IDLE_TIMEOUT,
    DEFAULT_HTTP_MAX_CONNECTIONS,
};
pub use limits::{
    ConnLimits, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_PEER, DEFAULT_MAX_HANDSHAKES,
    DEFAULT_MAX_HANDSHAKES_PER_PEER,
};
pub use metrics::{Metrics, SharedRegistry};
pub use net::DebugConns;
pub use profile::{
    Caller, Profiler, DEFAULT_FREQUENCY_HZ, DEFAULT_MAX_DURATION, MAX_FREQUENCY_HZ,
    MAX_MAX_DURATION,
};
pub use service::{
    DebugServer, Method, NodeHandle, AUDIT_READ_DEFAULT_LIMIT, AUDIT_READ_MAX_LIMIT,
    CONSOLE_RECORD_HEADER,
};
pub use tls::{
    load_server_config, serve_mtls, serve_mtls_limited, serve_mtls_with, TlsPaths,
    DEFAULT_CONNECTION_QUEUE, DEFAULT_HANDSHAKE_TIMEOUT, HANDSHAKE_METHOD,
};

/// Re-exported protocol crate, so hosts need not depend on it directly.
pub use butterfly_proto as proto;
