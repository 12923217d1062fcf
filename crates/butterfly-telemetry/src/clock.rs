//! Span times without clock arithmetic on the hot path: a span keeps the monotonic readings it
//! started and ended at, plus a [`ClockAnchor`] (a monotonic reading and the wall-clock time at
//! it) shared with its parent or its thread, and becomes wall-clock time only when read. Most
//! spans are evicted from the buffer unread, so most never pay for the conversion.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A fixed monotonic reading taken once per process (the first time it is asked for).
pub(crate) fn process_base() -> Instant {
    static BASE: OnceLock<Instant> = OnceLock::new();
    *BASE.get_or_init(Instant::now)
}

/// `d` in nanoseconds, saturating (cheaper than `u64::try_from(d.as_nanos())`).
#[inline]
pub(crate) fn nanos(d: Duration) -> u64 {
    d.as_secs()
        .saturating_mul(1_000_000_000)
        .saturating_add(u64::from(d.subsec_nanos()))
}

/// Now, nanoseconds since the Unix epoch (0 before it).
pub(crate) fn now_unix_nano() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(nanos)
        .unwrap_or(0)
}

/// A monotonic reading and the wall-clock time at it, which converts any other monotonic reading
/// to wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockAnchor {
    /// The monotonic reading.
    pub at: Instant,
    /// The wall-clock time at `at`, nanoseconds since the Unix epoch.
    pub unix_nano: u64,
}

impl ClockAnchor {
    /// Both clocks read now.
    pub fn now() -> Self {
        Self {
            at: Instant::now(),
            unix_nano: now_unix_nano(),
        }
    }

    /// The wall-clock time of the monotonic reading `t`, nanoseconds since the Unix epoch.
    pub fn unix_nano_of(&self, t: Instant) -> u64 {
        match t.checked_duration_since(self.at) {
            Some(after) => self.unix_nano.saturating_add(nanos(after)),
            None => self
                .unix_nano
                .saturating_sub(nanos(self.at.saturating_duration_since(t))),
        }
    }

    /// This thread's anchor for a span starting at `start`: one anchor serves every span that
    /// starts before it is a second old (a comparison, no clock read), so a step of the wall
    /// clock shows within a second.
    #[inline]
    pub fn for_thread(start: Instant) -> Self {
        use std::cell::Cell;
        /// How long a thread's anchor serves.
        const RENEW: Duration = Duration::from_secs(1);
        thread_local! {
            /// The anchor, and the monotonic time it serves until.
            static ANCHOR: Cell<Option<(ClockAnchor, Instant)>> = const { Cell::new(None) };
        }
        ANCHOR.with(|cell| match cell.get() {
            Some((anchor, until)) if start < until => anchor,
            _ => {
                let anchor = Self::now();
                cell.set(Some((anchor, anchor.at + RENEW)));
                anchor
            }
        })
    }
}

/// When a span ran: its start and end on the monotonic clock, and the anchor that converts them
/// to wall-clock time when read.
#[derive(Debug, Clone, Copy)]
pub struct SpanTime {
    anchor: ClockAnchor,
    start: Instant,
    end: Instant,
}

impl SpanTime {
    /// A span from `start` to `end` (an `end` before `start` reads as a zero duration).
    #[inline]
    pub fn new(anchor: ClockAnchor, start: Instant, end: Instant) -> Self {
        Self { anchor, start, end }
    }

    /// A span given in wall-clock numbers (a decoded span, a test's): it starts at
    /// `start_unix_nano` and lasts `duration_ns` (up to what the monotonic clock can add).
    pub fn from_unix(start_unix_nano: u64, duration_ns: u64) -> Self {
        let at = Instant::now();
        Self {
            anchor: ClockAnchor {
                at,
                unix_nano: start_unix_nano,
            },
            start: at,
            end: at
                .checked_add(Duration::from_nanos(duration_ns))
                .unwrap_or(at),
        }
    }

    /// Start, nanoseconds since the Unix epoch.
    pub fn start_unix_nano(&self) -> u64 {
        self.anchor.unix_nano_of(self.start)
    }

    /// Duration, nanoseconds.
    pub fn duration_ns(&self) -> u64 {
        nanos(self.end.saturating_duration_since(self.start))
    }

    /// Moves the end to `end`.
    #[inline]
    pub(crate) fn set_end(&mut self, end: Instant) {
        self.end = end;
    }

    /// The anchor.
    pub(crate) fn anchor(&self) -> ClockAnchor {
        self.anchor
    }
}

impl Default for SpanTime {
    /// The Unix epoch, zero duration (no clock read: a record moved out of a span leaves one).
    fn default() -> Self {
        let at = process_base();
        Self {
            anchor: ClockAnchor { at, unix_nano: 0 },
            start: at,
            end: at,
        }
    }
}

impl PartialEq for SpanTime {
    /// The same wall-clock start and duration, whatever the anchors.
    fn eq(&self, other: &Self) -> bool {
        self.start_unix_nano() == other.start_unix_nano()
            && self.duration_ns() == other.duration_ns()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_wall_clock_numbers() {
        let t = SpanTime::from_unix(1_800_000_000_000_000_000, 1_500_000);
        assert_eq!(t.start_unix_nano(), 1_800_000_000_000_000_000);
        assert_eq!(t.duration_ns(), 1_500_000);
        assert_eq!(SpanTime::default().start_unix_nano(), 0);
    }

    #[test]
    fn converts_through_the_anchor_both_ways() {
        let at = Instant::now();
        let anchor = ClockAnchor {
            at,
            unix_nano: 1_000_000_000,
        };
        let later = at + Duration::from_millis(3);
        assert_eq!(anchor.unix_nano_of(later), 1_003_000_000);
        // A reading before the anchor (the thread renewed it after the caller read its clock).
        let anchor_after = ClockAnchor {
            at: later,
            unix_nano: 1_003_000_000,
        };
        assert_eq!(anchor_after.unix_nano_of(at), 1_000_000_000);
        let t = SpanTime::new(anchor_after, at, later);
        assert_eq!(
            (t.start_unix_nano(), t.duration_ns()),
            (1_000_000_000, 3_000_000)
        );
        // An end before the start is a zero duration, not a panic.
        assert_eq!(SpanTime::new(anchor, later, at).duration_ns(), 0);
    }

    #[test]
    fn thread_anchor_is_reused_then_renewed() {
        let start = Instant::now();
        let a = ClockAnchor::for_thread(start);
        assert_eq!(ClockAnchor::for_thread(start), a);
        assert_ne!(ClockAnchor::for_thread(start + Duration::from_secs(2)), a);
        // Its wall-clock reading is close to the system clock's.
        let off = a.unix_nano_of(start).abs_diff(now_unix_nano());
        assert!(off < 5_000_000_000, "{off} ns off");
    }
}
