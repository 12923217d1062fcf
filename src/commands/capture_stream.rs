//! The one-shot `packet capture <nodes> --duration D -w FILE`: a streaming session on each
//! node, packets merged by timestamp as they arrive (each node's watermark says how far its
//! stream has got), so `-w -` feeds `wireshark -k -i -` live.

use crate::commands::capture::{
    interface, open_output, stats, CaptureOpts, CaptureReport, NodeCapture,
};
use crate::commands::connections::{node_targets, NodeError};
use crate::error::{Error, Result};
use crate::pcapng::{Merger, Writer};
use crate::session::Ctx;
use butterfly_proto::debug::{CaptureChunk, CaptureState, StartCaptureRequest};
use tokio::sync::mpsc;

enum Event {
    Chunk(usize, Box<CaptureChunk>),
    Failed(usize, Error),
    Ended(usize),
}

/// Per node: the session state, packets written, first and last timestamp, the watermark, and
/// whether its stream is over.
struct Lane {
    label: String,
    state: Option<CaptureState>,
    written: u64,
    first: u64,
    last: u64,
    watermark: u64,
    done: bool,
}

/// Runs the one-shot capture.
pub async fn oneshot(
    ctx: &Ctx<'_>,
    nodes: &[String],
    opts: &CaptureOpts,
    write: Option<String>,
) -> Result<CaptureReport> {
    let targets = node_targets(ctx, nodes).await?;
    let mut report = CaptureReport {
        action: "capture".into(),
        file: None,
        packets_written: 0,
        nodes: Vec::new(),
        errors: crate::commands::capture::check(ctx, &targets, opts).await?,
    };
    let failed: Vec<String> = report.errors.iter().map(|e| e.node.clone()).collect();
    let targets: Vec<_> = targets
        .into_iter()
        .filter(|t| !failed.contains(&t.label().to_string()))
        .collect();
    let req: StartCaptureRequest = crate::commands::capture::start_request(opts);
    let pool = ctx.pool()?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    for (i, t) in targets.iter().enumerate() {
        let (pool, t, tx, req) = (pool.clone(), t.clone(), tx.clone(), req.clone());
        tokio::spawn(async move {
            let label = t.label().to_string();
            let stream = match pool.client(&t.addr).await {
                Ok(mut c) => c.stream_capture(req).await,
                Err(e) => {
                    let _ = tx.send(Event::Failed(i, e));
                    return;
                }
            };
            let mut stream = match stream {
                Ok(s) => s.into_inner(),
                Err(status) => {
                    let _ = tx.send(Event::Failed(i, Error::from_status(&label, &status)));
                    return;
                }
            };
            loop {
                match stream.message().await {
                    Ok(Some(chunk)) => {
                        if tx.send(Event::Chunk(i, Box::new(chunk))).is_err() {
                            return;
                        }
                    }
                    Ok(None) => {
                        let _ = tx.send(Event::Ended(i));
                        return;
                    }
                    Err(status) => {
                        let _ = tx.send(Event::Failed(i, Error::from_status(&label, &status)));
                        return;
                    }
                }
            }
        });
    }
    drop(tx);
    let mut lanes: Vec<Lane> = targets
        .iter()
        .map(|t| Lane {
            label: t.label().to_string(),
            state: None,
            written: 0,
            first: 0,
            last: 0,
            watermark: 0,
            done: false,
        })
        .collect();
    // The interfaces are written once every node has said what it captures with (its first
    // chunk carries the state) or failed.
    let mut held: Vec<Event> = Vec::new();
    while lanes.iter().any(|l| l.state.is_none() && !l.done) {
        let Some(ev) = rx.recv().await else { break };
        match ev {
            Event::Chunk(i, mut c) => {
                if let Some(s) = c.state.take() {
                    lanes[i].state = Some(s);
                }
                held.push(Event::Chunk(i, c));
            }
            Event::Failed(i, e) => {
                lanes[i].done = true;
                if let e @ Error::PermissionDenied { .. } = e {
                    return Err(e);
                }
                report.errors.push(NodeError {
                    node: lanes[i].label.clone(),
                    error: e.to_string(),
                });
            }
            Event::Ended(i) => lanes[i].done = true,
        }
    }
    let live: Vec<usize> = (0..lanes.len())
        .filter(|i| lanes[*i].state.is_some())
        .collect();
    if live.is_empty() {
        let why = report
            .errors
            .first()
            .map(|e| format!("{}: {}", e.node, e.error))
            .unwrap_or_else(|| "no node answered".into());
        return Err(Error::Other(format!("no node started capturing: {why}")));
    }
    // File interface ids follow `live`.
    let iface_of = |i: usize| live.iter().position(|l| *l == i).map(|p| p as u32);
    let (path, out) = open_output(&write)?;
    let io = |e| Error::io(std::path::Path::new(&path), e);
    let interfaces: Vec<_> = live
        .iter()
        .filter_map(|i| {
            lanes[*i]
                .state
                .as_ref()
                .map(|s| interface(s, &lanes[*i].label))
        })
        .collect();
    let mut w = Writer::new(out, &interfaces).map_err(io)?;
    w.flush().map_err(io)?;
    let mut merger = Merger::default();
    let mut pending = held.into_iter();
    loop {
        let ev = match pending.next() {
            Some(ev) => ev,
            None => match rx.recv().await {
                Some(ev) => ev,
                None => break,
            },
        };
        match ev {
            Event::Chunk(i, c) => {
                let c = *c;
                let Some(iface) = iface_of(i) else { continue };
                let lane = &mut lanes[i];
                for p in c.packets {
                    if lane.first == 0 {
                        lane.first = p.ts_unix_nano;
                    }
                    lane.last = lane.last.max(p.ts_unix_nano);
                    lane.written += 1;
                    merger.push(iface, p.ts_unix_nano, p.original_len, p.data);
                }
                lane.watermark = lane.watermark.max(c.watermark_unix_nano);
                if let Some(s) = c.state {
                    lane.state = Some(s);
                }
            }
            Event::Failed(i, e) => {
                lanes[i].done = true;
                lanes[i].watermark = u64::MAX;
                report.errors.push(NodeError {
                    node: lanes[i].label.clone(),
                    error: e.to_string(),
                });
            }
            Event::Ended(i) => {
                lanes[i].done = true;
                lanes[i].watermark = u64::MAX;
            }
        }
        let watermark = live
            .iter()
            .map(|i| lanes[*i].watermark)
            .min()
            .unwrap_or(u64::MAX);
        merger.drain_until(watermark, &mut w).map_err(io)?;
        w.flush().map_err(io)?;
    }
    merger.drain_until(u64::MAX, &mut w).map_err(io)?;
    for (iface, i) in live.iter().enumerate() {
        let lane = &lanes[*i];
        if let Some(s) = &lane.state {
            w.stats(iface as u32, &stats(s, lane.written, lane.first, lane.last))
                .map_err(io)?;
            let mut n = NodeCapture::from(s);
            n.packets = lane.written;
            if n.node.is_empty() {
                n.node = lane.label.clone();
            }
            report.nodes.push(n);
        }
    }
    w.flush().map_err(io)?;
    report.packets_written = w.written();
    report.file = Some(path);
    Ok(report)
}
