//! The one fan-out client every multi-node command goes through: bounded concurrency, a deadline
//! per node (connect + call), every node's result or error collected, never an abort because one
//! node is down, and a progress bar on a terminal for long fan-outs.

use crate::client::{DebugClient, Pool};
use crate::error::{Error, Result};
use futures::stream::{self, StreamExt};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::future::Future;
use std::io::IsTerminal;
use std::time::Duration;

/// Fan-outs to at least this many nodes show a progress bar on a terminal.
pub const PROGRESS_MIN_NODES: usize = 50;

/// One node to call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Node id; empty when only the address is known.
    pub id: String,
    /// Debug service address, HOST:PORT.
    pub addr: String,
}

impl Target {
    /// The id when known, else the address.
    pub fn label(&self) -> &str {
        if self.id.is_empty() {
            &self.addr
        } else {
            &self.id
        }
    }
}

/// How a fan-out runs.
#[derive(Debug, Clone, Copy)]
pub struct FanOut {
    /// Nodes contacted at once.
    pub concurrency: usize,
    /// Deadline per node, connect included.
    pub deadline: Duration,
}

impl FanOut {
    /// Calls `call` on every target and returns each target with its result, in target order.
    pub async fn run<T, F, Fut>(&self, pool: &Pool, targets: &[Target], call: F) -> Vec<Result<T>>
    where
        F: Fn(DebugClient) -> Fut,
        Fut: Future<Output = std::result::Result<T, tonic::Status>>,
    {
        let progress = progress_bar(targets.len());
        let call = &call;
        let progress_ref = &progress;
        let mut results: Vec<(usize, Result<T>)> = stream::iter(targets.iter().enumerate())
            .map(|(i, target)| async move {
                let r = self.one(pool, target, call).await;
                if let Some(pb) = progress_ref {
                    pb.inc(1);
                }
                (i, r)
            })
            .buffer_unordered(self.concurrency.max(1))
            .collect()
            .await;
        if let Some(pb) = progress {
            pb.finish_and_clear();
        }
        results.sort_by_key(|(i, _)| *i);
        results.into_iter().map(|(_, r)| r).collect()
    }

    /// Calls one target within the deadline.
    pub async fn one<T, F, Fut>(&self, pool: &Pool, target: &Target, call: F) -> Result<T>
    where
        F: FnOnce(DebugClient) -> Fut,
        Fut: Future<Output = std::result::Result<T, tonic::Status>>,
    {
        let label = target.label().to_string();
        let attempt = async {
            let client = pool
                .client(&target.addr)
                .await
                .map_err(|e| relabel(e, &label))?;
            call(client)
                .await
                .map_err(|status| Error::from_status(&label, &status))
        };
        let result = match tokio::time::timeout(self.deadline, attempt).await {
            Ok(r) => r,
            Err(_) => Err(Error::Unreachable {
                node: label,
                message: format!(
                    "no answer within {}",
                    humantime::format_duration(self.deadline)
                ),
            }),
        };
        if matches!(result, Err(Error::Unreachable { .. })) {
            pool.evict(&target.addr);
        }
        result
    }
}

fn relabel(e: Error, label: &str) -> Error {
    match e {
        Error::Unreachable { message, .. } => Error::Unreachable {
            node: label.to_string(),
            message,
        },
        other => other,
    }
}

fn progress_bar(total: usize) -> Option<ProgressBar> {
    if total < PROGRESS_MIN_NODES || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos}/{len} nodes answered {wide_bar}")
    {
        pb.set_style(style);
    }
    Some(pb)
}
