//! butterfly-cli: the on-call debug console for Butterfly inference clusters.
//!
//! `cli` holds the one command grammar; `exec` runs a parsed command (audit, run, render) for
//! every front door (one-shot in `main`, `repl`, `commands::run` scripts); `commands` has one
//! module per command area; `fanout` is the multi-node client; `audit` the hash-chained trail.

#![forbid(unsafe_code)]

pub mod audit;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod embedded;
pub mod error;
pub mod exec;
pub mod fanout;
pub mod flame;
pub mod logs;
pub mod opts;
pub mod output;
pub mod pcapng;
pub mod repl;
pub mod session;
pub mod sources;
pub mod trace;
