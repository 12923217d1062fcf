//! Process load from /proc/self.

use std::time::Instant;

/// Resident set size of this process, bytes; `None` when /proc is unreadable.
pub fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * page_size())
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 {
        size as u64
    } else {
        4096
    }
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 {
        ticks as f64
    } else {
        100.0
    }
}

/// utime + stime of this process, clock ticks.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start after the last ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest[0] is field 3 (state); utime is field 14, stime field 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// CPU usage between successive samples.
#[derive(Debug)]
pub struct CpuSampler {
    last: Option<(Instant, u64)>,
    last_percent: f64,
}

impl CpuSampler {
    /// A sampler whose first sample measures from now.
    pub fn new() -> Self {
        Self {
            last: cpu_ticks().map(|t| (Instant::now(), t)),
            last_percent: 0.0,
        }
    }

    /// Percent of one core used since the previous sample (the previous figure when called again
    /// within 100 ms).
    pub fn sample(&mut self) -> f64 {
        let now = Instant::now();
        let Some(ticks) = cpu_ticks() else {
            return 0.0;
        };
        match self.last {
            Some((at, _)) if now.duration_since(at).as_millis() < 100 => self.last_percent,
            Some((at, before_ticks)) => {
                let secs = now.duration_since(at).as_secs_f64();
                let used = ticks.saturating_sub(before_ticks) as f64 / clock_ticks();
                self.last = Some((now, ticks));
                self.last_percent = if secs > 0.0 { used / secs * 100.0 } else { 0.0 };
                self.last_percent
            }
            None => {
                self.last = Some((now, ticks));
                0.0
            }
        }
    }
}

/// Raises the soft RLIMIT_NOFILE to the hard limit; returns the new soft limit.
pub fn raise_fd_limit() -> std::io::Result<u64> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we own.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    if lim.rlim_cur < lim.rlim_max {
        lim.rlim_cur = lim.rlim_max;
        // SAFETY: setrlimit reads the struct we own.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(lim.rlim_cur)
}

/// This machine's hostname, or empty.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}
