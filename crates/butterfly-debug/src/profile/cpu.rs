//! CPU profiles: pprof-rs's SIGPROF sampler (every thread of the process, frame-pointer
//! unwinding), run by a thread of its own that stops it on request or at the session's maximum,
//! symbolizes the stacks from the binary's symbol table and encodes them as pprof.

use super::{Finisher, Outcome};
use butterfly_proto::pprof::{self, Frame, ProfileBuilder};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tonic::Status;

/// Samples taken by the running session, refreshed about once a second.
static SAMPLES: AtomicU64 = AtomicU64::new(0);

/// How often the running count is refreshed (building it briefly holds the sampler's lock).
const COUNT_EVERY: Duration = Duration::from_secs(1);

/// Libraries whose frames are never unwound into (the sampler's own signal path).
const BLOCKLIST: [&str; 4] = ["libc", "libgcc", "pthread", "vdso"];

/// Frames of the sampler itself, cut from the leaf end of every stack.
const SAMPLER_FRAMES: [&str; 3] = ["pprof::", "backtrace::", "__restore_rt"];

/// Samples of the running session so far (0 when none runs).
pub(super) fn samples_so_far() -> u64 {
    SAMPLES.load(Ordering::Relaxed)
}

/// CPU time the process used so far (user + system, every thread), nanoseconds.
fn process_cpu_ns() -> u64 {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0;
    }
    let tv = |t: libc::timeval| {
        u64::try_from(t.tv_sec).unwrap_or(0) * 1_000_000_000
            + u64::try_from(t.tv_usec).unwrap_or(0) * 1_000
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Starts the sampler on a thread of its own, which finishes the session through `finisher`.
/// Answers once sampling runs (building the sampler loads the binary's symbols the first time,
/// which takes a moment: not on the caller's runtime thread).
pub(super) async fn start(
    frequency_hz: u32,
    max_duration: Duration,
    stop: Receiver<String>,
    finisher: Finisher,
) -> Result<(), Status> {
    let frequency = i32::try_from(frequency_hz).unwrap_or(super::DEFAULT_FREQUENCY_HZ as i32);
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<Result<(), Status>>();
    std::thread::Builder::new()
        .name("bfly-profile-cpu".into())
        .spawn(move || {
            let guard = match ::pprof::ProfilerGuardBuilder::default()
                .frequency(frequency)
                .blocklist(&BLOCKLIST)
                .build()
            {
                Ok(g) => g,
                Err(e) => {
                    let _ = ready_tx.send(Err(Status::internal(format!(
                        "could not start the CPU sampler: {e}"
                    ))));
                    return;
                }
            };
            SAMPLES.store(0, Ordering::Relaxed);
            let cpu_start = process_cpu_ns();
            let wall_start = SystemTime::now();
            let started = Instant::now();
            let _ = ready_tx.send(Ok(()));
            let reason = loop {
                let left = max_duration.saturating_sub(started.elapsed());
                if left.is_zero() {
                    break "max duration reached".to_string();
                }
                match stop.recv_timeout(left.min(COUNT_EVERY)) {
                    Ok(reason) => break reason,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Ok(r) = guard.report().build_unresolved() {
                            let n: isize = r.data.values().sum();
                            SAMPLES.store(u64::try_from(n).unwrap_or(0), Ordering::Relaxed);
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => {
                        break "the session was dropped".to_string()
                    }
                }
            };
            let unresolved = guard.report().build_unresolved();
            drop(guard);
            let cpu_time_ns = process_cpu_ns().saturating_sub(cpu_start);
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let period_ns = 1_000_000_000 / u64::from(frequency_hz.max(1));
            let outcome = match unresolved {
                Ok(report) => {
                    let (profile, samples) =
                        encode(report, frequency_hz, wall_start, started.elapsed());
                    Outcome {
                        pprof: Ok(pprof::encode_gz(&profile)),
                        samples,
                        unit: "samples",
                        period_ns,
                        cpu_time_ns,
                        stop_reason: reason,
                        elapsed_ms,
                    }
                }
                Err(e) => Outcome {
                    pprof: Err(format!("could not read the samples: {e}")),
                    samples: 0,
                    unit: "samples",
                    period_ns,
                    cpu_time_ns,
                    stop_reason: reason,
                    elapsed_ms,
                },
            };
            SAMPLES.store(0, Ordering::Relaxed);
            finisher.finish(outcome);
        })
        .map_err(|e| Status::internal(format!("could not start the profiler thread: {e}")))?;
    ready_rx
        .await
        .map_err(|_| Status::internal("the profiler thread ended before sampling"))?
}

/// Symbolizes the stacks and encodes them as a pprof profile with sample types
/// `samples/count` and `cpu/nanoseconds` and a `thread` label per sample.
fn encode(
    report: ::pprof::UnresolvedReport,
    frequency_hz: u32,
    wall_start: SystemTime,
    elapsed: Duration,
) -> (pprof::Profile, u64) {
    let period = 1_000_000_000 / i64::from(frequency_hz.max(1));
    let mut b = ProfileBuilder::new(
        &[("samples", "count"), ("cpu", "nanoseconds")],
        ("cpu", "nanoseconds"),
        period,
    );
    let start_ns = wall_start
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    b.timing(
        start_ns,
        i64::try_from(elapsed.as_nanos()).unwrap_or(i64::MAX),
    );
    let (build_id, binary) = super::build_id();
    b.comment(&format!("binary={binary} build_id={build_id}"));
    let mut total = 0u64;
    for (unresolved, count) in report.data {
        let count = i64::try_from(count).unwrap_or(0);
        if count <= 0 {
            continue;
        }
        let frames = ::pprof::Frames::from(unresolved);
        let mut stack = Vec::with_capacity(frames.frames.len());
        let mut leaf_side = true;
        for symbols in &frames.frames {
            let named: Vec<Frame> = symbols
                .iter()
                .map(|s| Frame {
                    function: s.name(),
                    file: s.filename().into_owned(),
                    line: i64::from(s.lineno()),
                })
                .collect();
            // The sampler's own frames (signal handler, unwinder) sit at the leaf end.
            if leaf_side
                && named
                    .iter()
                    .any(|f| SAMPLER_FRAMES.iter().any(|p| f.function.starts_with(p)))
            {
                continue;
            }
            leaf_side = false;
            let address = symbols.first().and_then(|s| s.addr).map_or(0, |a| a as u64);
            stack.push(b.location(address, &named));
        }
        let thread = frames.thread_name_or_id();
        b.sample(stack, vec![count, count * period], &[("thread", &thread)]);
        total += u64::try_from(count).unwrap_or(0);
    }
    (b.build(), total)
}
