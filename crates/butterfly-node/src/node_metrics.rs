//! The catalog's periodic series: process resources on every node, and on coordinators the
//! reputation and fault series of every member known, so that absence never means "fine".

use crate::cluster::Cluster;
use crate::inference::StateStore;
use crate::procinfo::{self, CpuSampler};
use butterfly_telemetry::Metrics;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How often CPU, memory and disk gauges are refreshed: 2 s.
pub const RESOURCE_INTERVAL: Duration = Duration::from_secs(2);
/// How often a coordinator refreshes every known member's reputation and fault series: 1 s.
pub const MEMBER_INTERVAL: Duration = Duration::from_secs(1);
/// The fault type of a replica whose output disagrees with the majority.
pub const FAULT_OUTPUT_MISMATCH: &str = "output_mismatch";

/// Bytes on disk under `dir` (allocated blocks, recursively; symlinks not followed); 0 when it
/// does not exist.
pub fn dir_usage(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let mut total = 0u64;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(meta) = e.path().symlink_metadata() else {
                continue;
            };
            total = total.saturating_add(meta.blocks().saturating_mul(512));
            if meta.is_dir() {
                stack.push(e.path());
            }
        }
    }
    total
}

/// Free bytes for unprivileged users on the file system holding `path` (its nearest existing
/// ancestor); `None` when it cannot be read.
pub fn fs_free(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let existing = path.ancestors().find(|p| p.exists())?;
    let c = std::ffi::CString::new(existing.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs reads the NUL-terminated path and writes into the struct we own.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
}

/// Refreshes `butterfly_cpu_utilization_ratio` (process CPU over the interval, 0..1 of all
/// cores), `butterfly_memory_usage_bytes` (RSS), `butterfly_disk_usage_bytes` (what `data_dir`
/// holds; 0 without one) and `butterfly_disk_free_bytes` (free space of `data_dir`'s file system,
/// or of the working directory's without one) every [`RESOURCE_INTERVAL`]; runs until dropped.
pub async fn sample_resources(m: Arc<Metrics>, data_dir: Option<PathBuf>) {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1) as f64;
    let mut cpu = CpuSampler::new();
    let mut tick = tokio::time::interval(RESOURCE_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        m.set_cpu_utilization(cpu.sample() / 100.0 / cores);
        if let Some(rss) = procinfo::rss_bytes() {
            m.set_memory_usage(rss);
        }
        let dir = data_dir.clone();
        // Walking the data directory is blocking file-system work.
        let disk = tokio::task::spawn_blocking(move || {
            let free = fs_free(dir.as_deref().unwrap_or(Path::new(".")));
            (dir.as_deref().map_or(0, dir_usage), free)
        })
        .await;
        if let Ok((used, Some(free))) = disk {
            m.set_disk(used, free);
        }
    }
}

/// On a coordinator: every [`MEMBER_INTERVAL`], sets `butterfly_reputation_score` of every
/// member it knows (Join membership and replicated state) from the replicated state (1.0 until a
/// fault lowers it), and creates its `butterfly_byzantine_faults_detected_total` series at 0, so
/// the runbook's `butterfly_reputation_score{node_id="<node_id>"}` answers for an honest node
/// too. Runs until dropped.
pub async fn export_members(m: Arc<Metrics>, store: Arc<dyn StateStore>, cluster: Arc<Cluster>) {
    let mut tick = tokio::time::interval(MEMBER_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let state = store.state();
        let ids: BTreeSet<String> = cluster
            .members()
            .into_iter()
            .map(|mem| mem.id)
            .chain(state.members.keys().cloned())
            .filter(|id| !id.is_empty())
            .collect();
        for id in &ids {
            m.set_reputation(id, state.reputation_of(id));
            m.init_byzantine_node(id, FAULT_OUTPUT_MISMATCH);
        }
    }
}

/// Labels of the buffer gauges: `buffer` = `spans` or `logs`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
struct BufferLabels {
    buffer: String,
}

type GaugeFamily = prometheus_client::metrics::family::Family<
    BufferLabels,
    prometheus_client::metrics::gauge::Gauge,
>;

/// `butterfly_telemetry_buffer_bytes{buffer}` (estimated bytes the in-memory span and log
/// buffers hold) and `butterfly_telemetry_buffer_max_bytes{buffer}` (their byte bounds,
/// `--span-buffer-bytes`, `--log-buffer-bytes`).
#[derive(Clone, Debug, Default)]
pub struct BufferGauges {
    bytes: GaugeFamily,
    max: GaugeFamily,
}

impl BufferGauges {
    /// Registers both gauges into `registry`.
    pub fn register(registry: &mut prometheus_client::registry::Registry) -> Self {
        let g = Self::default();
        registry.register(
            "butterfly_telemetry_buffer_bytes",
            "Estimated bytes held by the in-memory span and log buffers (buffer: spans, logs)",
            g.bytes.clone(),
        );
        registry.register(
            "butterfly_telemetry_buffer_max_bytes",
            "Byte bound of the in-memory span and log buffers; the oldest records are evicted past it",
            g.max.clone(),
        );
        g
    }

    /// Sets the gauges from `t`'s buffers every [`RESOURCE_INTERVAL`]; runs until dropped.
    pub async fn sample(self, t: butterfly_telemetry::Telemetry) {
        let mut tick = tokio::time::interval(RESOURCE_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let rows = [
                ("spans", t.spans.bytes(), t.spans.max_bytes()),
                ("logs", t.logs.bytes(), t.logs.max_bytes()),
            ];
            for (buffer, bytes, max) in rows {
                let labels = BufferLabels {
                    buffer: buffer.to_string(),
                };
                let i = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
                self.bytes.get_or_create(&labels).set(i(bytes));
                self.max.get_or_create(&labels).set(i(max));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_usage_and_free_space() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(dir_usage(&dir.path().join("missing")), 0);
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/a"), vec![7u8; 64 * 1024]).expect("write");
        let used = dir_usage(dir.path());
        assert!(used >= 64 * 1024, "{used}");
        assert!(fs_free(dir.path()).is_some_and(|f| f > 0));
        assert!(fs_free(&dir.path().join("not/yet/made")).is_some());
    }
}
