//! `butterfly-node load`: a steady background load of inference requests against the
//! coordinators' `POST /v1/infer`, round robin, so a demo cluster always has traffic to debug.

use crate::layers::DEFAULT_MODEL;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Inputs cycled through by the load generator.
pub const INPUTS: [&str; 6] = [
    "what is the capital of France",
    "summarise the incident report",
    "translate: le papillon bat des ailes",
    "why is the p99 latency high",
    "classify this ticket: disk full on compute-7",
    "write a haiku about consensus",
];

/// Counters of a load run.
#[derive(Debug, Default)]
pub struct LoadStats {
    /// Requests sent.
    pub sent: AtomicU64,
    /// Answered 200.
    pub ok: AtomicU64,
    /// Anything else.
    pub failed: AtomicU64,
}

/// Largest answer (status line, headers and body) `post_infer` reads: 1 MiB; a larger one is an
/// error, so a peer cannot make the load generator buffer without bound.
pub const MAX_REPLY_BYTES: u64 = 1 << 20;

/// One `POST /v1/infer` over plain HTTP/1.1 on loopback (`Connection: close`), with optional
/// extra headers; returns the status code and the body (at most [`MAX_REPLY_BYTES`]).
pub async fn post_infer(
    addr: &str,
    body: &[u8],
    headers: &[(&str, &str)],
    timeout: Duration,
) -> Result<(u16, Vec<u8>), String> {
    let mut head = format!(
        "POST /v1/infer HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let work = async {
        let mut s = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(|e| e.to_string())?;
        s.write_all(head.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        s.write_all(body).await.map_err(|e| e.to_string())?;
        let mut raw = Vec::new();
        (&mut s)
            .take(MAX_REPLY_BYTES + 1)
            .read_to_end(&mut raw)
            .await
            .map_err(|e| e.to_string())?;
        if raw.len() as u64 > MAX_REPLY_BYTES {
            return Err(format!(
                "answer larger than {MAX_REPLY_BYTES} bytes: refused"
            ));
        }
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or("truncated HTTP answer")?;
        let status_line = String::from_utf8_lossy(&raw[..split]);
        let code = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .ok_or_else(|| format!("not an HTTP answer: {status_line}"))?;
        Ok((code, raw[split + 4..].to_vec()))
    };
    tokio::time::timeout(timeout, work)
        .await
        .unwrap_or_else(|_| Err("timed out".into()))
}

/// Sends `rps` requests per second to `targets` (HTTP addresses) until `stop` resolves.
pub async fn run_load(
    targets: Vec<String>,
    rps: f64,
    stats: Arc<LoadStats>,
    stop: impl std::future::Future<Output = ()>,
) {
    if targets.is_empty() || rps <= 0.0 {
        stop.await;
        return;
    }
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rps));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    tokio::pin!(stop);
    let mut n = 0usize;
    loop {
        tokio::select! {
            _ = &mut stop => return,
            _ = tick.tick() => {}
        }
        let target = targets[n % targets.len()].clone();
        let input = INPUTS[n % INPUTS.len()];
        n += 1;
        let stats = stats.clone();
        stats.sent.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            let body = serde_json::json!({ "model": DEFAULT_MODEL, "input": input, "user_id": "load-generator" })
                .to_string();
            match post_infer(&target, body.as_bytes(), &[], Duration::from_secs(30)).await {
                Ok((200, _)) => stats.ok.fetch_add(1, Ordering::Relaxed),
                Ok((code, _)) => {
                    tracing::warn!(target = %target, code, "load request failed");
                    stats.failed.fetch_add(1, Ordering::Relaxed)
                }
                Err(e) => {
                    tracing::warn!(target = %target, error = %e, "load request failed");
                    stats.failed.fetch_add(1, Ordering::Relaxed)
                }
            };
        });
    }
}
