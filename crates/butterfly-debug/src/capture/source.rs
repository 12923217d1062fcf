//! Where packets come from: libpcap on an interface (feature `pcap`, needs root or CAP_NET_RAW)
//! or the in-process tap; and the one BPF compiler both use.

use std::net::IpAddr;

/// Link-layer type of every packet a session holds: Ethernet (what Linux loopback gives libpcap,
/// and what the tap writes).
pub const LINKTYPE_ETHERNET: u32 = 1;

/// Whether this process may open a live libpcap capture: effective uid 0 or CAP_NET_RAW in the
/// effective capability set (read from `/proc/self/status`), and why.
pub fn may_capture() -> (bool, String) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return (false, "cannot read /proc/self/status".into());
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .map(str::to_string)
    };
    let euid = field("Uid:").and_then(|u| u.split_whitespace().nth(1).map(str::to_string));
    if euid.as_deref() == Some("0") {
        return (true, "the node runs as root".into());
    }
    const CAP_NET_RAW: u32 = 13;
    let cap_raw = field("CapEff:")
        .and_then(|c| u64::from_str_radix(&c, 16).ok())
        .is_some_and(|caps| caps & (1 << CAP_NET_RAW) != 0);
    if cap_raw {
        (true, "the node has CAP_NET_RAW".into())
    } else {
        (false, "the node is not root and lacks CAP_NET_RAW".into())
    }
}

/// A compiled BPF filter, run over tapped packets (the same program libpcap gives the kernel).
pub struct Bpf {
    #[cfg(feature = "pcap")]
    program: std::sync::Mutex<pcap::BpfProgram>,
}

impl Bpf {
    /// Compiles `filter` for Ethernet frames; the error names the filter.
    pub fn compile(filter: &str) -> Result<Bpf, String> {
        #[cfg(feature = "pcap")]
        {
            let dead = pcap::Capture::dead(pcap::Linktype::ETHERNET)
                .map_err(|e| format!("cannot compile BPF filters: {e}"))?;
            let program = dead
                .compile(filter, true)
                .map_err(|e| format!("bad BPF filter '{filter}': {e}"))?;
            Ok(Bpf {
                program: std::sync::Mutex::new(program),
            })
        }
        #[cfg(not(feature = "pcap"))]
        {
            Err(format!(
                "cannot compile the BPF filter '{filter}': this node was built without libpcap (feature `pcap`)"
            ))
        }
    }

    /// Whether the filter accepts `frame`.
    pub fn matches(&self, frame: &[u8]) -> bool {
        #[cfg(feature = "pcap")]
        {
            let p = self.program.lock().unwrap_or_else(|e| e.into_inner());
            p.filter(frame)
        }
        #[cfg(not(feature = "pcap"))]
        {
            let _ = frame;
            true
        }
    }
}

/// Whether libpcap is compiled in.
pub const HAS_PCAP: bool = cfg!(feature = "pcap");

/// The interface carrying traffic of `ip`: the device holding that address (`lo` for loopback),
/// else libpcap's default device.
#[cfg(feature = "pcap")]
pub fn interface_for(ip: Option<IpAddr>) -> Result<String, String> {
    let devices = pcap::Device::list().map_err(|e| format!("cannot list interfaces: {e}"))?;
    if let Some(ip) = ip {
        let wanted = |a: IpAddr| a == ip || (ip.is_unspecified() && a.is_loopback());
        if let Some(d) = devices
            .iter()
            .find(|d| d.addresses.iter().any(|a| wanted(a.addr)))
        {
            return Ok(d.name.clone());
        }
    }
    pcap::Device::lookup()
        .map_err(|e| format!("no capture interface: {e}"))?
        .map(|d| d.name)
        .ok_or_else(|| "no capture interface found".to_string())
}

/// Without libpcap there is no interface to capture on.
#[cfg(not(feature = "pcap"))]
pub fn interface_for(ip: Option<IpAddr>) -> Result<String, String> {
    let _ = ip;
    Err("this node was built without libpcap (feature `pcap`)".into())
}

/// How long the libpcap thread sleeps when the kernel buffer is empty: 5 ms (the buffer, 16 MiB,
/// holds what arrives meanwhile).
#[cfg(feature = "pcap")]
pub const IDLE_POLL: std::time::Duration = std::time::Duration::from_millis(5);

/// What the libpcap thread reports when it ends: packets the kernel received and dropped.
#[derive(Debug, Default, Clone, Copy)]
pub struct KernelStats {
    /// ps_recv.
    pub received: u64,
    /// ps_drop + ps_ifdrop.
    pub dropped: u64,
}

/// Runs a live capture on `iface` with kernel filter `filter` until `stop` is set, handing each
/// packet (timestamp ns, original length, bytes) to `sink`; `sink` answers false to stop.
/// Returns the kernel's counters. Runs on the calling (dedicated) thread.
#[cfg(feature = "pcap")]
pub fn run_pcap(
    iface: &str,
    filter: &str,
    snaplen: u32,
    stop: &std::sync::atomic::AtomicBool,
    ready: impl FnOnce(Result<(), String>),
    mut sink: impl FnMut(u64, u32, &[u8]) -> bool,
) -> KernelStats {
    use std::sync::atomic::Ordering;
    let opened = pcap::Capture::from_device(iface)
        .map(|c| {
            c.snaplen(i32::try_from(snaplen).unwrap_or(i32::MAX))
                .timeout(100)
                .immediate_mode(false)
                .buffer_size(16 << 20)
                .precision(pcap::Precision::Nano)
        })
        .and_then(|c| c.open())
        .and_then(|mut c| {
            if !filter.is_empty() {
                c.filter(filter, true)?;
            }
            // Non-blocking: with no packet matching, a blocking read may never return on
            // Linux (the read timeout starts with the first packet), and stop must be prompt.
            c.setnonblock()
        });
    let mut cap = match opened {
        Ok(c) => {
            ready(Ok(()));
            c
        }
        Err(e) => {
            ready(Err(format!("cannot capture on {iface}: {e}")));
            return KernelStats::default();
        }
    };
    // After `stop`, what the kernel already holds is still read (until the buffer is empty).
    let mut draining = false;
    loop {
        if !draining && stop.load(Ordering::Relaxed) {
            draining = true;
        }
        match cap.next_packet() {
            Ok(p) => {
                // Nanosecond precision: tv_usec holds nanoseconds.
                let ts = u64::try_from(p.header.ts.tv_sec).unwrap_or(0) * 1_000_000_000
                    + u64::try_from(p.header.ts.tv_usec).unwrap_or(0);
                if !sink(ts, p.header.len, p.data) {
                    break;
                }
            }
            Err(pcap::Error::TimeoutExpired) if draining => break,
            Err(pcap::Error::TimeoutExpired) => std::thread::sleep(IDLE_POLL),
            Err(e) => {
                tracing::warn!(error = %e, iface, "packet capture stopped");
                break;
            }
        }
    }
    match cap.stats() {
        Ok(s) => KernelStats {
            received: u64::from(s.received),
            dropped: u64::from(s.dropped) + u64::from(s.if_dropped),
        },
        Err(_) => KernelStats::default(),
    }
}
