//! Packet capture sessions held by the node: one at a time, bounded by duration, bytes and
//! packets (limits that always hold: memory on the node never exceeds the byte limit), stopping
//! themselves at a limit. Two sources:
//!
//! * **libpcap** (feature `pcap`, default) on the interface carrying the node's traffic, with the
//!   BPF filter in the kernel, restricted to the node's own ports;
//! * the **in-process tap**: what the node sends and receives after decryption (debug-service
//!   and consensus messages as TCP, data-plane frames as UDP), written as synthetic packets with
//!   the connection's real addresses and ports ([`Capture::tap`]). It needs no privilege and
//!   shows what mTLS and QUIC otherwise hide. The same compiled BPF filter runs over each packet.

mod packet;
mod source;
mod stream;

pub use packet::{frames, Transport, MAX_SEGMENT};
pub use source::{may_capture, HAS_PCAP, LINKTYPE_ETHERNET};
pub use stream::ChunkStream;
pub(crate) use stream::{live_stream, stop_stream};

use butterfly_proto::debug::{CaptureState, CapturedPacket, StartCaptureRequest};
use source::{Bpf, KernelStats};
use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tonic::Status;

/// Default session duration: 30 s.
pub const DEFAULT_CAPTURE_DURATION: Duration = Duration::from_secs(30);
/// Longest session: 10 min.
pub const MAX_CAPTURE_DURATION: Duration = Duration::from_secs(600);
/// Default byte limit (bytes kept on the node): 64 MiB.
pub const DEFAULT_CAPTURE_BYTES: u64 = 64 << 20;
/// Largest byte limit: 256 MiB.
pub const MAX_CAPTURE_BYTES: u64 = 256 << 20;
/// Default bytes kept per packet: 65535.
pub const DEFAULT_SNAPLEN: u32 = 65_535;
/// Packets per streamed chunk stay under this many bytes: 1 MiB.
pub const CHUNK_BYTES: usize = 1 << 20;
/// How often a streaming capture sends what it has: 100 ms.
pub const STREAM_INTERVAL: Duration = Duration::from_millis(100);
/// How far behind the clock the streamed watermark stays (the libpcap thread reads the kernel
/// buffer every few milliseconds, the stream sends every [`STREAM_INTERVAL`]): 1 s.
pub const WATERMARK_LAG: Duration = Duration::from_secs(1);

fn unix_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn human_bytes(b: u64) -> String {
    if b >= 1 << 20 && b.is_multiple_of(1 << 20) {
        format!("{} MiB", b >> 20)
    } else if b >= 1 << 10 && b.is_multiple_of(1 << 10) {
        format!("{} KiB", b >> 10)
    } else {
        format!("{b} bytes")
    }
}

/// The node's capture sessions and tap. Cheap to clone (shared).
#[derive(Clone, Default)]
pub struct Capture {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Capture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Capture")
            .field("tapping", &self.is_tapping())
            .finish()
    }
}

#[derive(Default)]
struct Inner {
    /// A tap session is running: the only thing the hot path reads when none is.
    tapping: AtomicBool,
    session: Mutex<Option<Session>>,
    ports: Mutex<Vec<u16>>,
    next_id: AtomicU64,
    /// The peer a tap session streams to: its connection is not tapped.
    excluded: Mutex<Option<SocketAddr>>,
}

struct Session {
    state: CaptureState,
    packets: VecDeque<CapturedPacket>,
    deadline: Instant,
    bpf: Option<Bpf>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<KernelStats>>,
    /// When an explicit stop (or the duration limit) ended the session: libpcap packets
    /// captured before it, still in the kernel buffer, are kept. 0 = not stopped that way.
    drain_until_ns: u64,
}

impl Session {
    fn stop(&mut self, reason: &str, tapping: &AtomicBool) {
        self.stop_as(reason, tapping, false);
    }

    /// Stops; `drain` keeps what libpcap captured before now.
    fn stop_as(&mut self, reason: &str, tapping: &AtomicBool, drain: bool) {
        if self.state.state == "running" {
            self.state.state = "stopped".into();
            self.state.stop_reason = reason.to_string();
            if drain {
                self.drain_until_ns = unix_nanos();
            }
        }
        self.stop.store(true, Ordering::Relaxed);
        tapping.store(false, Ordering::Relaxed);
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What [`Capture::take`] hands a reader: packets, and the final state once the session is
/// stopped and drained.
pub(crate) struct Taken {
    pub packets: Vec<CapturedPacket>,
    pub finished: Option<CaptureState>,
}

impl Capture {
    /// A capture facility with no session.
    pub fn new() -> Capture {
        Capture::default()
    }

    /// Adds a local port of the node's own traffic (debug, HTTP, data plane): libpcap sessions
    /// capture only packets to or from these ports.
    pub fn add_port(&self, port: u16) {
        let mut ports = lock(&self.inner.ports);
        if port != 0 && !ports.contains(&port) {
            ports.push(port);
        }
    }

    /// Whether a tap session is running (one atomic load: the cost of the tap when idle).
    pub fn is_tapping(&self) -> bool {
        self.inner.tapping.load(Ordering::Relaxed)
    }

    /// Records `payload` sent from `src` to `dst` when a tap session runs (nothing otherwise).
    pub fn tap(&self, src: SocketAddr, dst: SocketAddr, transport: Transport, payload: &[u8]) {
        if !self.is_tapping() {
            return;
        }
        if let Some(x) = *lock(&self.inner.excluded) {
            if x == src || x == dst {
                return;
            }
        }
        let ts = unix_nanos();
        for frame in frames(src, dst, transport, payload) {
            if !self.push(ts, frame, true) {
                return;
            }
        }
    }

    /// Adds one packet to the running session; false when the session is not (or no longer)
    /// running.
    fn push(&self, ts: u64, mut data: Vec<u8>, tapped: bool) -> bool {
        let mut guard = lock(&self.inner.session);
        let Some(s) = guard.as_mut() else {
            return false;
        };
        if s.state.state != "running" || (tapped && s.state.source != "tap") {
            return false;
        }
        s.state.received += 1;
        let original_len = u32::try_from(data.len()).unwrap_or(u32::MAX);
        if tapped {
            if s.bpf.as_ref().is_some_and(|b| !b.matches(&data)) {
                return true;
            }
            data.truncate(s.state.snaplen as usize);
        }
        self.admit(s, ts, original_len, data, false)
    }

    /// Applies the limits and keeps the packet; false when a limit stopped the session.
    /// `draining`: a packet libpcap captured before an explicit stop (no duration check).
    fn admit(
        &self,
        s: &mut Session,
        ts: u64,
        original_len: u32,
        data: Vec<u8>,
        draining: bool,
    ) -> bool {
        let tapping = &self.inner.tapping;
        if !draining && Instant::now() >= s.deadline {
            let d = humantime::format_duration(Duration::from_millis(s.state.max_duration_ms));
            s.state.dropped += 1;
            s.stop(&format!("duration limit ({d}) reached"), tapping);
            return false;
        }
        if s.state.max_packets > 0 && s.state.packets >= s.state.max_packets {
            s.state.dropped += 1;
            s.stop(
                &format!("packet limit ({}) reached", s.state.max_packets),
                tapping,
            );
            return false;
        }
        if s.state.bytes + data.len() as u64 > s.state.max_bytes {
            s.state.dropped += 1;
            s.stop(
                &format!("byte limit ({}) reached", human_bytes(s.state.max_bytes)),
                tapping,
            );
            return false;
        }
        s.state.packets += 1;
        s.state.bytes += data.len() as u64;
        s.packets.push_back(CapturedPacket {
            ts_unix_nano: ts,
            original_len,
            data,
        });
        true
    }

    /// The session's state (`idle` when there is none).
    pub(crate) fn status(&self, node_id: &str) -> CaptureState {
        let guard = lock(&self.inner.session);
        match guard.as_ref() {
            Some(s) => CaptureState {
                node_id: node_id.to_string(),
                ..s.state.clone()
            },
            None => CaptureState {
                node_id: node_id.to_string(),
                state: "idle".into(),
                ..CaptureState::default()
            },
        }
    }

    /// Checks a request and starts a session (unless `dry_run`). `node_ip` picks the libpcap
    /// interface.
    /// `stream_to` is the caller of a streaming capture: the connection the packets go back
    /// over is left out of the capture (else the capture would capture itself).
    pub(crate) async fn start(
        &self,
        node_id: &str,
        node_ip: Option<IpAddr>,
        started_by: &str,
        req: &StartCaptureRequest,
        stream_to: Option<SocketAddr>,
    ) -> Result<CaptureState, Status> {
        let duration = match req.max_duration_ms {
            0 => DEFAULT_CAPTURE_DURATION,
            ms => Duration::from_millis(ms),
        };
        if duration > MAX_CAPTURE_DURATION {
            return Err(Status::invalid_argument(format!(
                "max duration {} is over the limit of {}",
                humantime::format_duration(duration),
                humantime::format_duration(MAX_CAPTURE_DURATION)
            )));
        }
        let max_bytes = match req.max_bytes {
            0 => DEFAULT_CAPTURE_BYTES,
            b if b > MAX_CAPTURE_BYTES => {
                return Err(Status::invalid_argument(format!(
                    "byte limit {b} is over the limit of {}",
                    human_bytes(MAX_CAPTURE_BYTES)
                )))
            }
            b => b,
        };
        let snaplen = match req.snaplen {
            0 => DEFAULT_SNAPLEN,
            n => n.clamp(64, DEFAULT_SNAPLEN),
        };
        let filter = req.filter.trim().to_string();
        let bpf = if filter.is_empty() {
            None
        } else {
            Some(Bpf::compile(&filter).map_err(Status::invalid_argument)?)
        };
        let (allowed, why) = may_capture();
        let (source, reason) = match req.source.as_str() {
            "tap" => ("tap", "the tap was asked for".to_string()),
            "pcap" if !HAS_PCAP => {
                return Err(Status::failed_precondition(
                    "this node was built without libpcap (feature `pcap`): use --source tap",
                ))
            }
            "pcap" if !allowed => {
                return Err(Status::failed_precondition(format!(
                    "libpcap needs root or CAP_NET_RAW: {why} (use --source tap)"
                )))
            }
            "pcap" => ("pcap", format!("libpcap was asked for; {why}")),
            "" | "auto" if HAS_PCAP && allowed => ("pcap", format!("libpcap: {why}")),
            "" | "auto" if !HAS_PCAP => (
                "tap",
                "in-process tap: this node was built without libpcap".to_string(),
            ),
            "" | "auto" => ("tap", format!("in-process tap: {why}")),
            other => {
                return Err(Status::invalid_argument(format!(
                    "unknown capture source '{other}': use auto, pcap or tap"
                )))
            }
        };
        let iface = if source == "pcap" {
            source::interface_for(node_ip).map_err(Status::failed_precondition)?
        } else {
            "tap".to_string()
        };
        let applied_filter = if source == "pcap" {
            let ports = lock(&self.inner.ports).clone();
            let own = ports
                .iter()
                .map(|p| format!("port {p}"))
                .collect::<Vec<_>>()
                .join(" or ");
            let mut f = match (filter.is_empty(), own.is_empty()) {
                (true, _) => own,
                (false, true) => filter.clone(),
                (false, false) => format!("({filter}) and ({own})"),
            };
            if let Some(to) = stream_to {
                let not_stream = format!("not (host {} and tcp port {})", to.ip(), to.port());
                f = if f.is_empty() {
                    not_stream
                } else {
                    format!("({f}) and {not_stream}")
                };
            }
            f
        } else {
            filter.clone()
        };
        let mut state = CaptureState {
            node_id: node_id.to_string(),
            state: "running".into(),
            session_id: String::new(),
            source: source.into(),
            source_reason: reason,
            interface: iface.clone(),
            filter: filter.clone(),
            applied_filter: applied_filter.clone(),
            snaplen,
            linktype: LINKTYPE_ETHERNET,
            started_unix_ms: i64::try_from(unix_nanos() / 1_000_000).unwrap_or(0),
            max_duration_ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
            max_bytes,
            max_packets: req.max_packets,
            started_by: started_by.to_string(),
            ..CaptureState::default()
        };
        if req.dry_run {
            state.state = "idle".into();
            return Ok(state);
        }
        {
            let guard = lock(&self.inner.session);
            if let Some(s) = guard.as_ref().filter(|s| s.state.state == "running") {
                return Err(Status::failed_precondition(format!(
                    "a capture is already running on {node_id}: session {} started by {} at unix ms {} (`packet capture stop` ends it)",
                    s.state.session_id, s.state.started_by, s.state.started_unix_ms
                )));
            }
        }
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        state.session_id = format!("{node_id}-{}-{id}", state.started_unix_ms);
        let stop = Arc::new(AtomicBool::new(false));
        let mut session = Session {
            state: state.clone(),
            packets: VecDeque::new(),
            deadline: Instant::now() + duration,
            bpf,
            stop: stop.clone(),
            thread: None,
            drain_until_ns: 0,
        };
        if source == "pcap" {
            session.thread = Some(
                self.spawn_pcap(&iface, &applied_filter, snaplen, stop)
                    .await?,
            );
        }
        *lock(&self.inner.excluded) = stream_to;
        {
            let mut guard = lock(&self.inner.session);
            if let Some(old) = guard.as_mut() {
                old.stop("replaced by a new session", &self.inner.tapping);
            }
            *guard = Some(session);
            if source == "tap" {
                self.inner.tapping.store(true, Ordering::Relaxed);
            }
        }
        let me = self.clone();
        let session_id = state.session_id.clone();
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                tokio::time::sleep(duration).await;
                me.expire(&session_id, duration);
            });
        }
        tracing::info!(session = %state.session_id, source, iface = %iface, filter = %applied_filter, by = started_by, "packet capture started");
        Ok(state)
    }

    async fn spawn_pcap(
        &self,
        iface: &str,
        filter: &str,
        snaplen: u32,
        stop: Arc<AtomicBool>,
    ) -> Result<std::thread::JoinHandle<KernelStats>, Status> {
        #[cfg(feature = "pcap")]
        {
            let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
            let me = self.clone();
            let (iface, filter) = (iface.to_string(), filter.to_string());
            let thread = std::thread::Builder::new()
                .name("butterfly-pcap".into())
                .spawn(move || {
                    source::run_pcap(
                        &iface,
                        &filter,
                        snaplen,
                        &stop,
                        |r| {
                            let _ = ready_tx.send(r);
                        },
                        |ts, len, data| me.push_captured(ts, len, data),
                    )
                })
                .map_err(|e| Status::internal(format!("cannot start the capture thread: {e}")))?;
            match ready_rx.await {
                Ok(Ok(())) => Ok(thread),
                Ok(Err(e)) => Err(Status::failed_precondition(e)),
                Err(_) => Err(Status::internal("the capture thread ended before opening")),
            }
        }
        #[cfg(not(feature = "pcap"))]
        {
            let _ = (iface, filter, snaplen, stop);
            Err(Status::failed_precondition(
                "this node was built without libpcap (feature `pcap`)",
            ))
        }
    }

    #[cfg(feature = "pcap")]
    fn push_captured(&self, ts: u64, original_len: u32, data: &[u8]) -> bool {
        let mut guard = lock(&self.inner.session);
        let Some(s) = guard.as_mut() else {
            return false;
        };
        if s.state.source != "pcap" {
            return false;
        }
        let draining = s.state.state != "running";
        if draining && ts > s.drain_until_ns {
            return false;
        }
        s.state.received += 1;
        let kept = self.admit(s, ts, original_len, data.to_vec(), draining);
        // While draining, a refusal (a limit) ends the drain; otherwise the thread goes on
        // until the session stops.
        if draining {
            kept
        } else {
            kept || s.state.state == "running"
        }
    }

    /// Stops session `id` at its duration limit, if it still runs.
    fn expire(&self, id: &str, duration: Duration) {
        let mut guard = lock(&self.inner.session);
        if let Some(s) = guard.as_mut().filter(|s| s.state.session_id == id) {
            s.stop_as(
                &format!(
                    "duration limit ({}) reached",
                    humantime::format_duration(duration)
                ),
                &self.inner.tapping,
                true,
            );
        }
    }

    /// Stops the running session (if any) with `reason` and waits for the libpcap thread, so the
    /// kernel's drop counters are in the state. Blocking: call it off the async threads.
    pub(crate) fn stop_and_join(&self, reason: &str) {
        let thread = {
            let mut guard = lock(&self.inner.session);
            match guard.as_mut() {
                Some(s) => {
                    s.stop_as(reason, &self.inner.tapping, true);
                    s.thread.take()
                }
                None => None,
            }
        };
        if let Some(t) = thread {
            if let Ok(stats) = t.join() {
                let mut guard = lock(&self.inner.session);
                if let Some(s) = guard.as_mut() {
                    s.state.kernel_dropped = stats.dropped;
                    s.state.received = s.state.received.max(stats.received);
                }
            }
        }
    }

    /// Takes up to [`CHUNK_BYTES`] of buffered packets; once the session is stopped and drained,
    /// also its final state (and the session is gone).
    pub(crate) fn take(&self, node_id: &str) -> Taken {
        let mut guard = lock(&self.inner.session);
        let Some(s) = guard.as_mut() else {
            return Taken {
                packets: Vec::new(),
                finished: Some(CaptureState {
                    node_id: node_id.to_string(),
                    state: "idle".into(),
                    ..CaptureState::default()
                }),
            };
        };
        let mut packets = Vec::new();
        let mut size = 0usize;
        while let Some(p) = s.packets.front() {
            if !packets.is_empty() && size + p.data.len() > CHUNK_BYTES {
                break;
            }
            size += p.data.len() + 16;
            packets.extend(s.packets.pop_front());
        }
        let finished = (s.state.state != "running" && s.packets.is_empty()).then(|| {
            let mut st = s.state.clone();
            st.node_id = node_id.to_string();
            st
        });
        if finished.is_some() && s.thread.is_none() {
            *guard = None;
        }
        Taken { packets, finished }
    }

    /// Drops the session and its packets.
    pub(crate) fn discard(&self, node_id: &str) -> CaptureState {
        self.stop_and_join("stopped and discarded");
        let mut st = self.status(node_id);
        *lock(&self.inner.session) = None;
        st.packets = 0;
        st
    }

    /// The streamed watermark now: no later packet of this session is older.
    pub(crate) fn watermark(&self) -> u64 {
        unix_nanos().saturating_sub(u64::try_from(WATERMARK_LAG.as_nanos()).unwrap_or(0))
    }

    /// Whether session `id` is the current one and still running.
    pub(crate) fn running(&self, id: &str) -> bool {
        lock(&self.inner.session)
            .as_ref()
            .is_some_and(|s| s.state.session_id == id && s.state.state == "running")
    }

    /// The thread of a stopped session ended: joins it (the limit that stopped it may have been
    /// hit by the thread itself).
    pub(crate) fn join_finished(&self) {
        let thread = lock(&self.inner.session)
            .as_mut()
            .filter(|s| s.state.state != "running")
            .and_then(|s| s.thread.take());
        if let Some(t) = thread {
            if let Ok(stats) = t.join() {
                if let Some(s) = lock(&self.inner.session).as_mut() {
                    s.state.kernel_dropped = stats.dropped;
                    s.state.received = s.state.received.max(stats.received);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tap_sessions_filter_limit_and_drain() {
        let c = Capture::new();
        let a: SocketAddr = "127.0.0.1:1000".parse().unwrap();
        let b: SocketAddr = "127.0.0.1:2000".parse().unwrap();
        // Idle: nothing is kept.
        c.tap(a, b, Transport::Udp, b"x");
        assert_eq!(c.status("n").state, "idle");
        let req = StartCaptureRequest {
            source: "tap".into(),
            filter: "udp".into(),
            max_bytes: 200,
            ..Default::default()
        };
        let st = c.start("n", None, "tester", &req, None).await.unwrap();
        assert_eq!(st.source, "tap");
        assert!(c.is_tapping());
        c.tap(a, b, Transport::Tcp { seq: 1, ack: 1 }, b"filtered out");
        c.tap(a, b, Transport::Udp, b"kept");
        assert_eq!(c.status("n").packets, 1);
        // A second start is refused while the first runs.
        assert!(c.start("n", None, "other", &req, None).await.is_err());
        // Over the byte limit: stops, naming the limit.
        c.tap(a, b, Transport::Udp, &[0u8; 300]);
        let st = c.status("n");
        assert_eq!(st.state, "stopped");
        assert!(st.stop_reason.contains("byte limit (200 bytes)"), "{st:?}");
        assert!(!c.is_tapping());
        let t = c.take("n");
        assert_eq!(t.packets.len(), 1);
        assert!(t.finished.is_some());
        assert_eq!(c.status("n").state, "idle");
        // A bad filter is refused with its text.
        let bad = StartCaptureRequest {
            filter: "port banana".into(),
            source: "tap".into(),
            ..Default::default()
        };
        let e = c.start("n", None, "t", &bad, None).await.unwrap_err();
        assert!(e.message().contains("port banana"), "{e:?}");
    }
}
