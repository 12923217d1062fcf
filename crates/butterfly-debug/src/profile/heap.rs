//! Heap profiles: jemalloc's sampling profiler (one sample every 2^`lg_prof_sample` bytes
//! allocated, 512 KiB in butterfly-node), active only while a session runs. The profile is what
//! was allocated during the session and is still live at its end (`inuse_space`, bytes), by
//! allocating stack, symbolized on the node by `jemalloc_pprof`.
//!
//! Needs the host to run jemalloc as its allocator with `prof:true` in `malloc_conf`
//! (butterfly-node sets `prof:true,prof_active:false,lg_prof_sample:19`); elsewhere the session
//! is refused with that reason.

use super::{Finisher, Outcome};
use butterfly_proto::pprof;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;
use tonic::Status;

/// Starts sampling; a thread of its own dumps and stops it on request or at the maximum.
pub(super) fn start(
    max_duration: Duration,
    stop: Receiver<String>,
    finisher: Finisher,
) -> Result<(), Status> {
    let Some(ctl) = jemalloc_pprof::PROF_CTL.as_ref() else {
        return Err(Status::failed_precondition(
            "heap profiling is not available in this process: it does not run jemalloc with \
             `prof:true` (butterfly-node does; embedders set it in malloc_conf)",
        ));
    };
    {
        let mut guard = ctl
            .try_lock()
            .map_err(|_| Status::failed_precondition("the heap profiler is busy; try again"))?;
        guard
            .activate()
            .map_err(|e| Status::internal(format!("could not activate heap sampling: {e}")))?;
    }
    let ctl = ctl.clone();
    let started = std::time::Instant::now();
    std::thread::Builder::new()
        .name("bfly-profile-heap".into())
        .spawn(move || {
            let reason = match stop.recv_timeout(max_duration) {
                Ok(reason) => reason,
                Err(RecvTimeoutError::Timeout) => "max duration reached".to_string(),
                Err(RecvTimeoutError::Disconnected) => "the session was dropped".to_string(),
            };
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let mut guard = ctl.blocking_lock();
            // Dump first: deactivating resets jemalloc's sampled data.
            let dumped = guard
                .dump_pprof()
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    let mut p = pprof::decode(&bytes).map_err(|e| e.to_string())?;
                    pprof::trim_leaf_frames(&mut p, is_allocator_frame);
                    Ok(pprof::encode_gz(&p))
                });
            if let Err(e) = guard.deactivate() {
                tracing::warn!("could not deactivate heap sampling: {e}");
            }
            drop(guard);
            let samples = dumped
                .as_ref()
                .ok()
                .and_then(|bytes| pprof::decode(bytes).ok())
                .map_or(0, |p| p.sample.len() as u64);
            finisher.finish(Outcome {
                pprof: dumped,
                samples,
                unit: "bytes",
                period_ns: 0,
                cpu_time_ns: 0,
                stop_reason: reason,
                elapsed_ms,
            });
        })
        .map_err(|e| {
            if let Some(ctl) = jemalloc_pprof::PROF_CTL.as_ref() {
                if let Ok(mut g) = ctl.try_lock() {
                    let _ = g.deactivate();
                }
            }
            Status::internal(format!("could not start the profiler thread: {e}"))
        })?;
    Ok(())
}

/// jemalloc's, the global allocator's and `alloc`'s own frames: cut from the leaf end so the
/// innermost frame is the code that allocated.
fn is_allocator_frame(name: &str) -> bool {
    const PREFIXES: [&str; 13] = [
        "prof_",
        "je_",
        "_rjem_",
        "imalloc",
        "malloc",
        "calloc",
        "realloc",
        "__rust_alloc",
        "__rustc::",
        "__rust_realloc",
        "__rdl_",
        "alloc::",
        "<alloc::alloc::Global",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p))
        || name.starts_with("<tikv_jemallocator")
        || name.contains(" as alloc::")
        || name.contains("RawVec")
        || name.contains("RawVecInner")
}
