//! One module per command area; each has its clap `Args`/subcommand type and an `exec`.

pub mod audit;
pub mod audit_anchor;
pub mod capture;
pub mod capture_stream;
pub mod certs;
pub mod cluster;
pub mod cluster_summary;
pub mod completions;
pub mod connections;
pub mod demo;
pub mod fault;
pub mod flamegraph;
pub mod latency;
pub mod logs;
pub mod metrics;
pub mod node;
pub mod profile;
pub mod replicated;
pub mod request;
pub mod run;
pub mod schema;
pub mod state;
pub mod statediff;
pub mod top;
pub mod verify;
pub mod verifynode;
