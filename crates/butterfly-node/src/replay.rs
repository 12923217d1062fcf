//! The replay buffer: the raw inputs of the requests this coordinator served, kept only in
//! memory, bounded in count and age, never logged, and readable only through the admin `Replay`
//! RPC.

use crate::inference::InferRequest;
use butterfly_proto::debug::RequestRun;
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Default number of requests kept: 256.
pub const DEFAULT_REPLAY_CAPACITY: usize = 256;
/// Default time a request stays replayable: 10 minutes.
pub const DEFAULT_REPLAY_TTL: Duration = Duration::from_secs(600);

struct Entry {
    at: Instant,
    run: RequestRun,
    request: InferRequest,
}

/// How often expired replay entries are forgotten without waiting for the next request: 10 s.
pub const REPLAY_SWEEP_INTERVAL: Duration = Duration::from_secs(10);

/// Bounded, short-lived store of served requests.
pub struct ReplayBuffer {
    capacity: usize,
    ttl: Duration,
    entries: Mutex<VecDeque<Entry>>,
}

impl Default for ReplayBuffer {
    fn default() -> Self {
        Self::new(DEFAULT_REPLAY_CAPACITY, DEFAULT_REPLAY_TTL)
    }
}

impl ReplayBuffer {
    /// A buffer keeping at most `capacity` requests for at most `ttl`.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        ReplayBuffer {
            capacity,
            ttl,
            entries: Mutex::new(VecDeque::with_capacity(capacity.min(1024))),
        }
    }

    /// Records a served request (the oldest one is forgotten when full).
    pub fn record(&self, run: RequestRun, request: InferRequest) {
        if self.capacity == 0 {
            return;
        }
        let Ok(mut q) = self.entries.lock() else {
            return;
        };
        self.expire(&mut q);
        while q.len() >= self.capacity {
            q.pop_front();
        }
        q.push_back(Entry {
            at: Instant::now(),
            run,
            request,
        });
    }

    /// The recorded run and a copy of its request, if still kept.
    pub fn get(&self, request_id: &str) -> Option<(RequestRun, InferRequest)> {
        let mut q = self.entries.lock().ok()?;
        self.expire(&mut q);
        q.iter()
            .rev()
            .find(|e| e.run.request_id == request_id)
            .map(|e| (e.run.clone(), e.request.clone()))
    }

    /// Requests kept now.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|q| q.len()).unwrap_or(0)
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every entry older than the window now (run on a timer, so a request's input
    /// does not outlive its window when no request comes to trigger the clean-up).
    pub fn sweep(&self) {
        if let Ok(mut q) = self.entries.lock() {
            self.expire(&mut q);
        }
    }

    /// Sweeps every `every` (the engine runs it every [`REPLAY_SWEEP_INTERVAL`]).
    pub async fn sweep_loop(self: std::sync::Arc<Self>, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            self.sweep();
        }
    }

    fn expire(&self, q: &mut VecDeque<Entry>) {
        while q.front().is_some_and(|e| e.at.elapsed() > self.ttl) {
            q.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(input: &str) -> InferRequest {
        InferRequest {
            model: "m".into(),
            input: input.into(),
            user_id: None,
        }
    }

    fn run(id: &str) -> RequestRun {
        RequestRun {
            request_id: id.into(),
            ..Default::default()
        }
    }

    #[test]
    fn sweep_forgets_expired_entries_without_a_new_request() {
        let b = ReplayBuffer::new(10, Duration::from_millis(20));
        b.record(run("a"), req("x"));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(b.entries.lock().map(|q| q.len()).unwrap_or(99), 1);
        b.sweep();
        assert_eq!(b.entries.lock().map(|q| q.len()).unwrap_or(99), 0);
    }

    #[test]
    fn bounded_in_count_and_age() {
        let b = ReplayBuffer::new(2, Duration::from_secs(60));
        b.record(run("a"), req("1"));
        b.record(run("b"), req("2"));
        b.record(run("c"), req("3"));
        assert!(b.get("a").is_none());
        assert_eq!(b.get("c").map(|(_, r)| r.input), Some("3".to_string()));
        assert_eq!(b.len(), 2);
        let b = ReplayBuffer::new(2, Duration::ZERO);
        b.record(run("a"), req("1"));
        std::thread::sleep(Duration::from_millis(2));
        assert!(b.get("a").is_none());
        assert!(b.is_empty());
    }
}
