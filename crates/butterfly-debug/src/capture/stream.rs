//! The streams of `StopCapture` and `StreamCapture`: chunks of at most [`CHUNK_BYTES`] of
//! packets, the session's state on the first and the last chunk.

use super::{Capture, CHUNK_BYTES, STREAM_INTERVAL};
use butterfly_proto::debug::{CaptureChunk, CaptureState};
use std::pin::Pin;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

/// A stream of capture chunks, as the generated server trait wants it.
pub type ChunkStream =
    Pin<Box<dyn tokio_stream::Stream<Item = Result<CaptureChunk, Status>> + Send + 'static>>;

/// Stops the session (`reason`), then streams everything it holds; with `discard`, only the
/// final state.
pub(crate) fn stop_stream(
    capture: Capture,
    node_id: String,
    reason: String,
    discard: bool,
) -> ChunkStream {
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        if discard {
            let c = capture.clone();
            let id = node_id.clone();
            let state = tokio::task::spawn_blocking(move || c.discard(&id))
                .await
                .unwrap_or_default();
            let _ = tx.send(Ok(last_chunk(Vec::new(), state))).await;
            return;
        }
        let c = capture.clone();
        let _ = tokio::task::spawn_blocking(move || c.stop_and_join(&reason)).await;
        let mut first = Some(capture.status(&node_id));
        loop {
            let taken = capture.take(&node_id);
            let chunk = match taken.finished {
                Some(state) => last_chunk(taken.packets, state),
                None => CaptureChunk {
                    watermark_unix_nano: taken.packets.last().map_or(0, |p| p.ts_unix_nano),
                    packets: taken.packets,
                    state: first.take(),
                },
            };
            let done = chunk.watermark_unix_nano == u64::MAX;
            if tx.send(Ok(chunk)).await.is_err() || done {
                return;
            }
        }
    });
    Box::pin(ReceiverStream::new(rx))
}

fn last_chunk(
    packets: Vec<butterfly_proto::debug::CapturedPacket>,
    state: CaptureState,
) -> CaptureChunk {
    CaptureChunk {
        packets,
        watermark_unix_nano: u64::MAX,
        state: Some(state),
    }
}

/// Streams the running session `started` as packets arrive (every [`STREAM_INTERVAL`]), until
/// it stops; stops it when the caller goes away.
pub(crate) fn live_stream(capture: Capture, node_id: String, started: CaptureState) -> ChunkStream {
    let (tx, rx) = mpsc::channel(8);
    tokio::spawn(async move {
        let session = started.session_id.clone();
        let first = CaptureChunk {
            packets: Vec::new(),
            watermark_unix_nano: capture.watermark(),
            state: Some(started),
        };
        let mut gone = tx.send(Ok(first)).await.is_err();
        while !gone {
            tokio::time::sleep(STREAM_INTERVAL).await;
            if !capture.running(&session) {
                let c = capture.clone();
                let _ = tokio::task::spawn_blocking(move || c.join_finished()).await;
            }
            loop {
                let watermark = capture.watermark();
                let taken = capture.take(&node_id);
                let full =
                    taken.packets.iter().map(|p| p.data.len()).sum::<usize>() >= CHUNK_BYTES / 2;
                let chunk = match taken.finished {
                    Some(state) => last_chunk(taken.packets, state),
                    None => CaptureChunk {
                        packets: taken.packets,
                        watermark_unix_nano: watermark,
                        state: None,
                    },
                };
                let done = chunk.watermark_unix_nano == u64::MAX;
                if tx.send(Ok(chunk)).await.is_err() {
                    gone = true;
                    break;
                }
                if done {
                    return;
                }
                if !full {
                    break;
                }
            }
        }
        // The caller went away: end the session so nothing runs unattended.
        let c = capture.clone();
        let _ = tokio::task::spawn_blocking(move || {
            c.stop_and_join("the caller went away");
            c.discard("")
        })
        .await;
    });
    Box::pin(ReceiverStream::new(rx))
}
