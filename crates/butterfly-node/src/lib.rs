//! The reference Butterfly node: coordinator, compute or observer, serving the debug service
//! ([`butterfly_debug`]) and joining a static membership through its seeds. `swarm` mode hosts
//! many virtual nodes in one process for scale tests.
//!
//! Coordinators form a Raft group ([`raft`]) replicating the cluster state ([`state`]).

pub mod checkpoint;
pub mod cli;
pub mod cluster;
pub mod datanet;
pub mod dataplane;
pub mod faults;
pub mod forward;
pub mod frame;
pub mod inference;
pub mod layers;
pub mod links;
pub mod load;
pub mod node_metrics;
pub mod probe;
mod procinfo;
pub mod raft;
pub mod replay;
pub mod run;
pub mod services;
pub mod state;
pub mod statetools;
pub mod vote;

pub use cli::Cli;
pub use run::{run, NodeError};
