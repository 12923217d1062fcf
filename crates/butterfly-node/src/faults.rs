//! Fault injection: `slow:<duration>`, `byzantine:<probability>`, `crash`,
//! `partition:<peer>[,<peer>]`, `corrupt-checkpoint`, `hot:<duration>`, `leak:<bytes>`, `tamper-state:<node>` (coordinators: sets
//! `<node>`'s reputation to 0 in this coordinator's copy of the replicated state only, outside
//! the Raft log, so `state diff` has a real divergence to find; clearing the fault does not undo
//! it, a restart rebuilds the state from the log). Only a node started with
//! `--allow-faults` accepts them (at start with `--fault`, or at run time by the admin-only
//! `InjectFault` RPC).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The largest `leak:` fault accepted: 1 GiB.
pub const MAX_LEAK_BYTES: u64 = 1 << 30;

/// One injected fault.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Added latency per layer execution (sleeping: invisible to a CPU profile).
    Slow(Duration),
    /// Added CPU work per layer execution, spent in [`burn_cpu`] (a CPU profile's hotspot).
    Hot(Duration),
    /// Memory allocated once in [`hold_memory`] and held until cleared (a heap profile's find).
    Leak(u64),
    /// Corrupt each layer output with this probability (0..=1).
    Byzantine(f64),
    /// Exit the process at once.
    Crash,
    /// Drop data-plane and consensus traffic with these peers.
    Partition(BTreeSet<String>),
    /// Write corrupted checkpoints.
    CorruptCheckpoint,
    /// Tamper with this coordinator's copy of the replicated state (the node's reputation).
    TamperState(String),
}

impl Fault {
    /// Parses a fault spec; the error says what is wrong.
    pub fn parse(spec: &str) -> Result<Fault, String> {
        let spec = spec.trim();
        let (kind, arg) = spec
            .split_once(':')
            .map_or((spec, None), |(k, a)| (k, Some(a)));
        match (kind, arg) {
            ("slow", Some(d)) => humantime::parse_duration(d)
                .map(Fault::Slow)
                .map_err(|e| format!("slow:{d}: {e} (e.g. slow:200ms)")),
            ("hot", Some(d)) => humantime::parse_duration(d)
                .map(Fault::Hot)
                .map_err(|e| format!("hot:{d}: {e} (e.g. hot:20ms)")),
            ("leak", Some(b)) => match parse_bytes(b) {
                Some(n) if n > 0 && n <= MAX_LEAK_BYTES => Ok(Fault::Leak(n)),
                _ => Err(format!(
                    "leak:{b}: give a size from 1 byte to 1GiB (e.g. leak:64MiB)"
                )),
            },
            ("byzantine", Some(p)) => match p.parse::<f64>() {
                Ok(p) if (0.0..=1.0).contains(&p) => Ok(Fault::Byzantine(p)),
                _ => Err(format!("byzantine:{p}: the probability must be in 0..=1")),
            },
            ("crash", None) => Ok(Fault::Crash),
            ("partition", Some(peers)) => {
                let set: BTreeSet<String> = peers
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
                if set.is_empty() {
                    Err("partition: name at least one peer id".into())
                } else {
                    Ok(Fault::Partition(set))
                }
            }
            ("corrupt-checkpoint", None) => Ok(Fault::CorruptCheckpoint),
            ("tamper-state", Some(node)) if !node.trim().is_empty() => {
                Ok(Fault::TamperState(node.trim().to_string()))
            }
            _ => Err(format!(
                "unknown fault '{spec}': use slow:<duration>, hot:<duration>, leak:<bytes>, \
                 byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint \
                 or tamper-state:<node>"
            )),
        }
    }

    /// The spec form, e.g. `slow:200ms`.
    pub fn spec(&self) -> String {
        match self {
            Fault::Slow(d) => format!("slow:{}", humantime::format_duration(*d)),
            Fault::Hot(d) => format!("hot:{}", humantime::format_duration(*d)),
            Fault::Leak(n) => format!("leak:{n}B"),
            Fault::Byzantine(p) => format!("byzantine:{p}"),
            Fault::Crash => "crash".into(),
            Fault::Partition(peers) => format!(
                "partition:{}",
                peers.iter().cloned().collect::<Vec<_>>().join(",")
            ),
            Fault::CorruptCheckpoint => "corrupt-checkpoint".into(),
            Fault::TamperState(node) => format!("tamper-state:{node}"),
        }
    }

    fn kind(&self) -> u8 {
        match self {
            Fault::Slow(_) => 0,
            Fault::Byzantine(_) => 1,
            Fault::Crash => 2,
            Fault::Partition(_) => 3,
            Fault::CorruptCheckpoint => 4,
            Fault::Hot(_) => 5,
            Fault::Leak(_) => 6,
            Fault::TamperState(_) => 7,
        }
    }
}

/// The faults active on a node. Cheap to clone (shared).
#[derive(Clone, Debug, Default)]
pub struct Faults {
    allowed: bool,
    active: Arc<RwLock<Vec<Fault>>>,
    /// What a `leak:` fault holds.
    held: Arc<Mutex<Vec<u8>>>,
}

impl Faults {
    /// A fault set; `allowed` = the node was started with `--allow-faults`.
    pub fn new(allowed: bool) -> Faults {
        Faults {
            allowed,
            active: Arc::default(),
            held: Arc::default(),
        }
    }

    /// Whether injection is allowed.
    pub fn allowed(&self) -> bool {
        self.allowed
    }

    /// Activates a fault (replacing one of the same kind). `Crash` exits the process.
    pub fn inject(&self, fault: Fault) -> Result<(), String> {
        if !self.allowed {
            return Err(
                "fault injection is disabled on this node (start it with --allow-faults)".into(),
            );
        }
        if fault == Fault::Crash {
            tracing::error!("injected fault: crash");
            // The audit trail is the investigator's record: the call that asked for the crash
            // is written and fsynced before the process goes.
            if !butterfly_debug::flush_audit_logs(std::time::Duration::from_secs(2)) {
                tracing::warn!("audit log not flushed before the crash");
            }
            std::process::exit(101);
        }
        if let Fault::Leak(n) = fault {
            let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
            *held = hold_memory(usize::try_from(n).unwrap_or(usize::MAX));
        }
        if let Ok(mut a) = self.active.write() {
            a.retain(|f| f.kind() != fault.kind());
            a.push(fault);
        }
        Ok(())
    }

    /// Clears every fault (and frees what a `leak:` fault held).
    pub fn clear(&self) {
        if let Ok(mut a) = self.active.write() {
            a.clear();
        }
        *self.held.lock().unwrap_or_else(|p| p.into_inner()) = Vec::new();
    }

    /// Active faults as specs.
    pub fn specs(&self) -> Vec<String> {
        self.active
            .read()
            .map(|a| a.iter().map(Fault::spec).collect())
            .unwrap_or_default()
    }

    /// Added latency per layer, if any.
    pub fn slow(&self) -> Option<Duration> {
        self.find(|f| match f {
            Fault::Slow(d) => Some(*d),
            _ => None,
        })
    }

    /// Added CPU work per layer, if any.
    pub fn hot(&self) -> Option<Duration> {
        self.find(|f| match f {
            Fault::Hot(d) => Some(*d),
            _ => None,
        })
    }

    /// Probability of corrupting a layer output, if any.
    pub fn byzantine(&self) -> Option<f64> {
        self.find(|f| match f {
            Fault::Byzantine(p) => Some(*p),
            _ => None,
        })
    }

    /// Whether traffic with `peer` is dropped.
    pub fn partitioned_from(&self, peer: &str) -> bool {
        self.find(|f| match f {
            Fault::Partition(p) if p.contains(peer) => Some(()),
            _ => None,
        })
        .is_some()
    }

    /// Whether checkpoints are written corrupted.
    pub fn corrupt_checkpoint(&self) -> bool {
        self.find(|f| (*f == Fault::CorruptCheckpoint).then_some(()))
            .is_some()
    }

    fn find<T>(&self, pick: impl Fn(&Fault) -> Option<T>) -> Option<T> {
        self.active.read().ok()?.iter().find_map(pick)
    }
}

/// Parses `64MiB`, `512KiB`, `1GiB`, `1000B` or a plain byte count.
fn parse_bytes(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits.parse().ok()?;
    let scale: u64 = match unit.trim() {
        "" | "B" => 1,
        "KiB" | "K" | "KB" => 1 << 10,
        "MiB" | "M" | "MB" => 1 << 20,
        "GiB" | "G" | "GB" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(scale)
}

/// Spends `d` of CPU time in this function (the `hot:` fault), so a CPU profile finds it.
///
/// The work is done in small steps by [`burn_step`], which is never inlined: the node's
/// frame-pointer sampler records the interrupted function's *caller* as the innermost frame, so
/// samples taken in `burn_step` land on `burn_cpu` — the function a reader looks for.
#[inline(never)]
pub fn burn_cpu(d: Duration) -> u64 {
    let end = Instant::now() + d;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    while Instant::now() < end {
        x = burn_step(x);
    }
    x
}

#[inline(never)]
fn burn_step(mut x: u64) -> u64 {
    for i in 0..20_000u64 {
        x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i));
    }
    x
}

/// Allocates `bytes` and touches every page (the `leak:` fault), so a heap profile finds this
/// function and the process's resident memory grows.
#[inline(never)]
pub fn hold_memory(bytes: usize) -> Vec<u8> {
    std::hint::black_box(vec![1u8; bytes])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_apply() {
        assert_eq!(
            Fault::parse("slow:200ms").unwrap(),
            Fault::Slow(Duration::from_millis(200))
        );
        assert_eq!(
            Fault::parse("byzantine:0.5").unwrap(),
            Fault::Byzantine(0.5)
        );
        assert!(Fault::parse("byzantine:2").is_err());
        assert!(Fault::parse("partition:").is_err());
        assert!(Fault::parse("melt").unwrap_err().contains("unknown fault"));
        let f = Faults::new(true);
        f.inject(Fault::parse("partition:compute-2,compute-3").unwrap())
            .unwrap();
        f.inject(Fault::Slow(Duration::from_millis(5))).unwrap();
        f.inject(Fault::Slow(Duration::from_millis(7))).unwrap();
        assert!(f.partitioned_from("compute-3"));
        assert!(!f.partitioned_from("compute-1"));
        assert_eq!(f.slow(), Some(Duration::from_millis(7)));
        assert_eq!(f.specs().len(), 2);
        f.clear();
        assert!(f.specs().is_empty());
        assert!(Faults::new(false).inject(Fault::CorruptCheckpoint).is_err());
    }

    #[test]
    fn hot_and_leak_parse_and_round_trip() {
        assert_eq!(
            Fault::parse("hot:20ms").unwrap(),
            Fault::Hot(Duration::from_millis(20))
        );
        assert_eq!(Fault::parse("leak:64MiB").unwrap(), Fault::Leak(64 << 20));
        assert_eq!(Fault::parse("leak:1000").unwrap(), Fault::Leak(1000));
        assert!(Fault::parse("leak:2GiB").is_err());
        assert!(Fault::parse("leak:0").is_err());
        assert!(Fault::parse("leak:12parsecs").is_err());
        let leak = Fault::parse("leak:4KiB").unwrap();
        assert_eq!(Fault::parse(&leak.spec()).unwrap(), leak);
        let f = Faults::new(true);
        f.inject(leak).unwrap();
        assert_eq!(f.held.lock().unwrap().len(), 4096);
        f.clear();
        assert!(f.held.lock().unwrap().is_empty());
        assert!(burn_cpu(Duration::from_millis(2)) != 0);
    }
}
