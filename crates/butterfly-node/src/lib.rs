//! The reference Butterfly node: coordinator, compute or observer, serving the debug service
//! ([`butterfly_debug`]) and joining a static membership through its seeds. `swarm` mode hosts
//! many virtual nodes in one process for scale tests.
//!
//! There is no consensus engine yet: coordinators report consensus state `"static"`.

pub mod cli;
pub mod cluster;
mod procinfo;
pub mod run;
pub mod state;

pub use cli::Cli;
pub use run::{run, NodeError};
