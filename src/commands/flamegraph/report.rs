//! What `flamegraph generate|diff|render` and `profile cpu` report: each node's profile figures,
//! the files written, and the hottest functions, as a table or `-o json`.

use crate::flame::TopRow;
use crate::output::{Report, Style};
use serde::{Deserialize, Serialize};

/// One node's profile, as fetched.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct NodeProfile {
    /// Node id (or address).
    pub node: String,
    /// Samples (CPU) or stacks (heap).
    pub samples: u64,
    /// `samples` or `bytes`.
    pub unit: String,
    /// Time profiled, milliseconds.
    pub duration_ms: u64,
    /// CPU sampling frequency, Hz (0 for heap).
    pub frequency_hz: u32,
    /// CPU time the node's process used meanwhile, milliseconds.
    pub cpu_time_ms: f64,
    /// samples × period ÷ CPU time; below 1 means samples were lost (0 when unknown).
    pub capture_ratio: f64,
    /// GNU build id of the node's binary.
    pub build_id: String,
    /// The node's binary.
    pub binary: String,
    /// Why the session stopped.
    pub stop_reason: String,
}

/// `flamegraph generate`, `profile cpu`, `flamegraph diff` `-o json`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProfileFiles {
    /// `cpu` or `heap` (empty for a diff).
    pub kind: String,
    /// `svg`, `folded`, `pprof` or `top`.
    pub format: String,
    /// Files written.
    pub files: Vec<String>,
    /// Each node's profile.
    pub nodes: Vec<NodeProfile>,
    /// The hottest functions of the (merged) profile, hottest first, at most `--top`.
    pub top: Vec<TopRow>,
    /// Distinct functions in the profile (the rows before `--top`).
    #[serde(default)]
    pub top_total: usize,
    /// Fewer functions in `top` than `top_total`.
    #[serde(default)]
    pub top_truncated: bool,
    /// Folded stacks, when they were printed rather than written.
    pub folded: Option<String>,
    /// Nodes that gave no profile, with why.
    pub errors: Vec<String>,
}

impl ProfileFiles {
    /// The closing line: who is hottest in what.
    fn verdict(&self) -> Option<String> {
        let hottest = self.top.first()?;
        let who = match self.nodes.as_slice() {
            [] => "profile".to_string(),
            [one] => one.node.clone(),
            many => many
                .iter()
                .map(|n| n.node.as_str())
                .collect::<Vec<_>>()
                .join(","),
        };
        let rest: Vec<String> = self
            .top
            .iter()
            .skip(1)
            .take(2)
            .map(|r| format!("{} ({:.1}%)", r.function, r.self_pct))
            .collect();
        Some(format!(
            "{who}: hottest function {} ({:.1}% self){}",
            hottest.function,
            hottest.self_pct,
            if rest.is_empty() {
                String::new()
            } else {
                format!(", then {}", rest.join(", "))
            }
        ))
    }
}

impl Report for ProfileFiles {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut out = String::new();
        if let Some(folded) = &self.folded {
            out.push_str(folded.trim_end());
            return out;
        }
        for n in &self.nodes {
            let mut line = format!(
                "{}: {} {} over {:.1}s",
                n.node,
                n.samples,
                if n.unit == "bytes" {
                    "stacks"
                } else {
                    "samples"
                },
                n.duration_ms as f64 / 1000.0
            );
            if n.frequency_hz > 0 {
                line.push_str(&format!(" at {} Hz", n.frequency_hz));
            }
            if n.capture_ratio > 0.0 {
                let pct = format!("capture {:.0}%", n.capture_ratio * 100.0);
                line.push_str(", ");
                line.push_str(&if n.capture_ratio < 0.8 {
                    style.warn(&format!(
                        "{pct}: part of the CPU time went unsampled (bursts shorter than the kernel's timer tick, or a frequency above it)"
                    ))
                } else {
                    pct
                });
            }
            if !n.stop_reason.is_empty() {
                line.push_str(&style.dim(&format!(" ({})", n.stop_reason)));
            }
            out.push_str(&line);
            out.push('\n');
        }
        if self.format == "top" && !self.top.is_empty() {
            let mut t = style.table(&["SELF", "SELF%", "TOTAL", "TOTAL%", "FUNCTION"]);
            for r in &self.top {
                t.add_row(vec![
                    r.self_count.to_string(),
                    format!("{:.1}%", r.self_pct),
                    r.total_count.to_string(),
                    format!("{:.1}%", r.total_pct),
                    r.function.chars().take(100).collect(),
                ]);
            }
            out.push_str(&t.to_string());
            out.push('\n');
            if self.top_truncated {
                out.push_str(&format!(
                    "showing {} of {} (--top)\n",
                    self.top.len(),
                    self.top_total
                ));
            }
        }
        for f in &self.files {
            out.push_str(&format!("wrote {f}\n"));
        }
        for e in &self.errors {
            out.push_str(&format!("{} {e}\n", style.warn("no profile:")));
        }
        if let Some(v) = self.verdict() {
            out.push_str(&style.bold(&v));
        }
        out.trim_end().to_string()
    }
}
