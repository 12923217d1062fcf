//! Profile sessions held by the node: one CPU and one heap session at a time, each with a hard
//! maximum duration after which it stops itself, an explicit stop, and a result kept until the
//! next session of its kind replaces it.
//!
//! * CPU: pprof-rs's SIGPROF sampler with frame-pointer unwinding ([`cpu`]), on a thread of its
//!   own: the request path only pays the signal handler.
//! * Heap: jemalloc's sampling profiler through `jemalloc_pprof` ([`heap`]), inactive until a
//!   session starts. Available when the host runs jemalloc with `prof:true` (butterfly-node does).
//! * GPU: answered `Unimplemented` (no GPU on these nodes); the RPC carries the kind so a GPU
//!   profiler can be added without changing it.

mod cpu;
mod heap;

use crate::service::unix_ms;
use butterfly_proto::debug::{
    ProfileData, ProfileFormat, ProfileKind, ProfileSession, ProfileState,
};
use butterfly_proto::pprof;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tonic::Status;

/// CPU sampling frequency when the request says 0: 99 Hz (off the beat of 100 Hz timers).
pub const DEFAULT_FREQUENCY_HZ: u32 = 99;
/// Highest CPU sampling frequency accepted: 1000 Hz.
pub const MAX_FREQUENCY_HZ: u32 = 1000;
/// Session length when the request says 0: 30 s.
pub const DEFAULT_MAX_DURATION: Duration = Duration::from_secs(30);
/// Longest session accepted: 10 min.
pub const MAX_MAX_DURATION: Duration = Duration::from_secs(600);

/// Who asked, as read from the caller's certificate.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    /// Certificate CN.
    pub name: String,
    /// Certificate role.
    pub role: String,
}

/// What a finished session left.
#[derive(Clone)]
struct Outcome {
    /// Gzipped pprof, or the failure.
    pprof: Result<Vec<u8>, String>,
    samples: u64,
    unit: &'static str,
    period_ns: u64,
    cpu_time_ns: u64,
    /// "stopped by <name>", "max duration reached", ...
    stop_reason: String,
    /// How long the session sampled, milliseconds.
    elapsed_ms: u64,
}

/// One kind's slot: the newest session and, once finished, its outcome.
struct Slot {
    session: ProfileSession,
    started: Instant,
    /// Tells a running session to stop (with the reason); `None` once finished.
    stop: Option<std::sync::mpsc::Sender<String>>,
    /// The outcome, published once.
    done: watch::Receiver<Option<Outcome>>,
}

/// A session's end of its slot: publishes the outcome.
pub(crate) struct Finisher {
    tx: watch::Sender<Option<Outcome>>,
}

impl Finisher {
    fn finish(self, outcome: Outcome) {
        let _ = self.tx.send(Some(outcome));
    }
}

/// The node's profile sessions (shared by every debug RPC).
#[derive(Clone)]
pub struct Profiler {
    node_id: Arc<Mutex<String>>,
    cpu: Arc<Mutex<Option<Slot>>>,
    heap: Arc<Mutex<Option<Slot>>>,
}

impl Default for Profiler {
    fn default() -> Self {
        Profiler::new()
    }
}

fn kind_name(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Heap => "heap",
        ProfileKind::Gpu => "gpu",
        ProfileKind::Cpu | ProfileKind::Unspecified => "cpu",
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn rfc3339(unix_ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_ms.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix_ms.to_string())
}

impl Profiler {
    /// No sessions yet.
    pub fn new() -> Profiler {
        Profiler {
            node_id: Arc::new(Mutex::new(String::new())),
            cpu: Arc::new(Mutex::new(None)),
            heap: Arc::new(Mutex::new(None)),
        }
    }

    /// Sets the node id reported in sessions.
    pub fn set_node_id(&self, id: &str) {
        *lock(&self.node_id) = id.to_string();
    }

    fn slot(&self, kind: ProfileKind) -> Result<&Arc<Mutex<Option<Slot>>>, Status> {
        match kind {
            ProfileKind::Cpu | ProfileKind::Unspecified => Ok(&self.cpu),
            ProfileKind::Heap => Ok(&self.heap),
            ProfileKind::Gpu => Err(Status::unimplemented(
                "this node has no GPU to profile; GPU profiles will come through this same RPC \
                 with kind GPU on nodes that have one",
            )),
        }
    }

    /// Starts a session. `frequency_hz` 0 means [`DEFAULT_FREQUENCY_HZ`], `max_duration` zero
    /// means [`DEFAULT_MAX_DURATION`].
    pub async fn start(
        &self,
        kind: ProfileKind,
        frequency_hz: u32,
        max_duration: Duration,
        caller: &Caller,
    ) -> Result<ProfileSession, Status> {
        let slot = self.slot(kind)?;
        let frequency_hz = match frequency_hz {
            0 => DEFAULT_FREQUENCY_HZ,
            f if f > MAX_FREQUENCY_HZ => {
                return Err(Status::invalid_argument(format!(
                    "frequency {f} Hz is above the maximum of {MAX_FREQUENCY_HZ} Hz"
                )))
            }
            f => f,
        };
        let max_duration = if max_duration.is_zero() {
            DEFAULT_MAX_DURATION
        } else if max_duration > MAX_MAX_DURATION {
            return Err(Status::invalid_argument(format!(
                "max duration {}s is above the limit of {}s",
                max_duration.as_secs(),
                MAX_MAX_DURATION.as_secs()
            )));
        } else {
            max_duration
        };
        // Claim the slot first (a second caller is refused meanwhile), then start sampling.
        let (stop_tx, stop_rx) = std::sync::mpsc::channel::<String>();
        let (done_tx, done_rx) = watch::channel(None);
        let is_cpu = kind != ProfileKind::Heap;
        let session = ProfileSession {
            kind: if is_cpu {
                ProfileKind::Cpu
            } else {
                ProfileKind::Heap
            } as i32,
            state: ProfileState::Running as i32,
            holder: caller.name.clone(),
            holder_role: caller.role.clone(),
            started_at_unix_ms: unix_ms(),
            elapsed_ms: 0,
            max_duration_ms: u64::try_from(max_duration.as_millis()).unwrap_or(u64::MAX),
            frequency_hz: if is_cpu { frequency_hz } else { 0 },
            samples: 0,
            stop_reason: String::new(),
            error: String::new(),
            node_id: lock(&self.node_id).clone(),
        };
        {
            let mut guard = lock(slot);
            if let Some(s) = guard.as_ref() {
                if s.done.borrow().is_none() {
                    return Err(Status::failed_precondition(format!(
                        "a {} profile is already running on {}, started by {} ({}) at {} ({}s ago); \
                         stop it with `profile stop` or wait {}s for it to stop itself",
                        kind_name(kind),
                        s.session.node_id,
                        s.session.holder,
                        s.session.holder_role,
                        rfc3339(s.session.started_at_unix_ms),
                        s.started.elapsed().as_secs(),
                        Duration::from_millis(s.session.max_duration_ms)
                            .saturating_sub(s.started.elapsed())
                            .as_secs()
                    )));
                }
            }
            *guard = Some(Slot {
                session: session.clone(),
                started: Instant::now(),
                stop: Some(stop_tx),
                done: done_rx,
            });
        }
        let finisher = Finisher { tx: done_tx };
        let started = if is_cpu {
            cpu::start(frequency_hz, max_duration, stop_rx, finisher).await
        } else {
            heap::start(max_duration, stop_rx, finisher)
        };
        if let Err(e) = started {
            *lock(slot) = None;
            return Err(e);
        }
        Ok(session)
    }

    /// Stops a running session with `reason`; waits for its outcome. With `discard`, the
    /// result is dropped too. `NotFound` when no session of that kind exists.
    pub async fn stop(
        &self,
        kind: ProfileKind,
        reason: String,
        discard: bool,
    ) -> Result<ProfileSession, Status> {
        let slot = self.slot(kind)?;
        let mut done = {
            let guard = lock(slot);
            let Some(s) = guard.as_ref() else {
                return Err(Status::not_found(format!(
                    "no {} profile on this node",
                    kind_name(kind)
                )));
            };
            if let Some(tx) = s.stop.as_ref() {
                // The session may have just stopped itself; then there is nobody to tell.
                let _ = tx.send(reason);
            }
            s.done.clone()
        };
        let _ = done.wait_for(Option::is_some).await;
        let session = self.session_of(kind)?;
        if discard {
            *lock(slot) = None;
        }
        Ok(session)
    }

    /// The newest session of a kind, with its current figures.
    fn session_of(&self, kind: ProfileKind) -> Result<ProfileSession, Status> {
        let slot = self.slot(kind)?;
        let guard = lock(slot);
        let s = guard.as_ref().ok_or_else(|| {
            Status::not_found(format!("no {} profile on this node", kind_name(kind)))
        })?;
        Ok(Self::describe(s))
    }

    fn describe(s: &Slot) -> ProfileSession {
        let mut session = s.session.clone();
        match s.done.borrow().as_ref() {
            None => {
                session.elapsed_ms =
                    u64::try_from(s.started.elapsed().as_millis()).unwrap_or(u64::MAX);
                if session.kind == ProfileKind::Cpu as i32 {
                    session.samples = cpu::samples_so_far();
                }
            }
            Some(outcome) => {
                session.samples = outcome.samples;
                session.stop_reason = outcome.stop_reason.clone();
                session.elapsed_ms = outcome.elapsed_ms;
                match &outcome.pprof {
                    Ok(_) => session.state = ProfileState::Finished as i32,
                    Err(e) => {
                        session.state = ProfileState::Failed as i32;
                        session.error = e.clone();
                    }
                }
            }
        }
        session
    }

    /// Every session this node holds (running or finished).
    pub fn list(&self) -> Vec<ProfileSession> {
        [&self.cpu, &self.heap]
            .into_iter()
            .filter_map(|slot| lock(slot).as_ref().map(Self::describe))
            .collect()
    }

    /// The newest result of a kind in `format`, stopping the session first if it still runs.
    pub async fn fetch(
        &self,
        kind: ProfileKind,
        format: ProfileFormat,
        caller: &Caller,
    ) -> Result<ProfileData, Status> {
        let session = self
            .stop(kind, format!("fetched by {}", caller.name), false)
            .await?;
        let outcome = {
            let slot = self.slot(kind)?;
            let guard = lock(slot);
            let o = guard
                .as_ref()
                .and_then(|s| s.done.borrow().clone())
                .ok_or_else(|| Status::not_found("the profile was discarded meanwhile"))?;
            o
        };
        let pprof_bytes = outcome.pprof.map_err(|e| {
            Status::internal(format!("the {} profile failed: {e}", kind_name(kind)))
        })?;
        let data = match format {
            ProfileFormat::Folded => {
                let profile =
                    pprof::decode(&pprof_bytes).map_err(|e| Status::internal(e.to_string()))?;
                let index = pprof::value_index(&profile, &["inuse_space", "samples"]);
                let mut text = String::new();
                for (stack, value) in pprof::to_folded(&profile, index, &["thread"]) {
                    text.push_str(&stack);
                    text.push(' ');
                    text.push_str(&value.to_string());
                    text.push('\n');
                }
                text.into_bytes()
            }
            ProfileFormat::Pprof | ProfileFormat::Unspecified => pprof_bytes,
        };
        let (build_id, binary) = build_id();
        let capture_ratio = if outcome.cpu_time_ns > 0 && outcome.period_ns > 0 {
            (outcome.samples as f64 * outcome.period_ns as f64) / outcome.cpu_time_ns as f64
        } else {
            0.0
        };
        Ok(ProfileData {
            session: Some(session),
            format: if format == ProfileFormat::Folded {
                ProfileFormat::Folded
            } else {
                ProfileFormat::Pprof
            } as i32,
            data,
            build_id,
            binary,
            unit: outcome.unit.to_string(),
            period_ns: outcome.period_ns,
            cpu_time_ns: outcome.cpu_time_ns,
            capture_ratio,
        })
    }
}

/// The GNU build id (hex) and path of the running binary, as read from its loaded mappings.
pub fn build_id() -> (String, String) {
    let exe = std::env::current_exe().unwrap_or_default();
    let found = mappings::MAPPINGS.as_ref().and_then(|maps| {
        maps.iter()
            .find(|m| m.pathname == exe)
            .and_then(|m| m.build_id.as_ref().map(|b| b.to_string()))
    });
    (found.unwrap_or_default(), exe.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_from_unix_ms() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000_000), "2023-11-14T22:13:20Z");
    }

    #[tokio::test]
    async fn gpu_is_unimplemented_and_limits_are_checked() {
        let p = Profiler::new();
        let c = Caller::default();
        let gpu = p
            .start(ProfileKind::Gpu, 0, Duration::ZERO, &c)
            .await
            .unwrap_err();
        assert_eq!(gpu.code(), tonic::Code::Unimplemented);
        let f = p
            .start(ProfileKind::Cpu, 5000, Duration::ZERO, &c)
            .await
            .unwrap_err();
        assert_eq!(f.code(), tonic::Code::InvalidArgument);
        let d = p
            .start(ProfileKind::Cpu, 0, Duration::from_secs(3600), &c)
            .await
            .unwrap_err();
        assert_eq!(d.code(), tonic::Code::InvalidArgument);
        let none = p
            .stop(ProfileKind::Cpu, String::new(), false)
            .await
            .unwrap_err();
        assert_eq!(none.code(), tonic::Code::NotFound);
    }
}
