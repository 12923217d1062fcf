//! `request replay`: run a recorded request again and compare the two runs stage by stage.

use crate::embedded::{self};
use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::output::{Report, Style};
use crate::session::Ctx;
use crate::trace::Span;
use butterfly_proto::debug::{QuerySpansRequest, ReplayRequest};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One run in a replay comparison.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Run {
    /// Request id.
    pub request_id: String,
    /// Trace id.
    pub trace_id: String,
    /// End-to-end latency, ms.
    pub latency_ms: f64,
    /// SHA-256 of the output; empty on failure.
    pub output_hash: String,
    /// Error; empty on success.
    pub error: String,
}

/// One stage (a layer, or the request as a whole) in both runs.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Stage {
    /// `request`, or `layer N`.
    pub stage: String,
    /// Nodes that ran it the first time.
    pub before_nodes: Vec<String>,
    /// Its longest span the first time, ms (None: no span found).
    pub before_ms: Option<f64>,
    /// Nodes that ran it in the replay.
    pub after_nodes: Vec<String>,
    /// Its longest span in the replay, ms.
    pub after_ms: Option<f64>,
    /// Whether the nodes differ.
    pub nodes_changed: bool,
}

/// `request replay -o json`: `{"coordinator","input_len","original":{…},"replay":{…},
/// "same_output","stages":[{"stage","before_nodes","before_ms","after_nodes","after_ms",
/// "nodes_changed"}],"errors":[…]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ReplayReport {
    /// Coordinator that ran both.
    pub coordinator: String,
    /// Length of the recorded input, bytes.
    pub input_len: u64,
    /// The recorded run.
    pub original: Run,
    /// The new run.
    pub replay: Run,
    /// Whether both produced the same output.
    pub same_output: bool,
    /// Stage by stage.
    pub stages: Vec<Stage>,
    /// Nodes that did not answer span queries.
    pub errors: Vec<String>,
}

impl Report for ReplayReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn render(&self, style: &Style) -> String {
        let mut out = format!(
            "replayed {} on {} ({} bytes of input) as {}\n",
            self.original.request_id, self.coordinator, self.input_len, self.replay.request_id
        );
        let verdict = if !self.replay.error.is_empty() {
            style.bad(&format!("replay failed: {}", self.replay.error))
        } else if self.same_output {
            style.good("same output")
        } else {
            style.bad("DIFFERENT output")
        };
        let _ = writeln!(
            out,
            "{:.2} ms → {:.2} ms  {verdict}\n",
            self.original.latency_ms, self.replay.latency_ms
        );
        let mut t = style.table(&["STAGE", "BEFORE", "MS", "AFTER", "MS", "Δ MS", ""]);
        let f = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into());
        for s in &self.stages {
            let delta = match (s.before_ms, s.after_ms) {
                (Some(a), Some(b)) => format!("{:+.2}", b - a),
                _ => "-".into(),
            };
            t.add_row(vec![
                s.stage.clone(),
                s.before_nodes.join(","),
                f(s.before_ms),
                s.after_nodes.join(","),
                f(s.after_ms),
                delta,
                if s.nodes_changed {
                    style.warn("nodes changed")
                } else {
                    String::new()
                },
            ]);
        }
        out.push_str(&t.to_string());
        for e in &self.errors {
            let _ = write!(out, "\n{} {e}", style.warn("not answered:"));
        }
        out
    }
}

pub(super) async fn replay(request_id: &str, ctx: &Ctx<'_>) -> Result<ReplayReport> {
    let pool = ctx.pool()?;
    let d = ctx.discover().await?;
    let coords: Vec<Target> = d.coordinators()?;
    let rid = request_id.to_string();
    let results = ctx
        .fanout()?
        .run(&pool, &coords, |mut c| {
            let request_id = rid.clone();
            async move {
                c.replay(ReplayRequest { request_id })
                    .await
                    .map(|r| r.into_inner())
            }
        })
        .await;
    let mut answer = None;
    let mut refusals = Vec::new();
    for r in results {
        match r {
            Ok(a) => answer = Some(a),
            Err(e @ Error::PermissionDenied { .. }) => return Err(e),
            Err(e) => refusals.push(e.to_string()),
        }
    }
    let Some(answer) = answer else {
        return Err(Error::NotFound(format!(
            "no coordinator could replay {request_id}: {}",
            refusals.join("; ")
        )));
    };
    let run = |r: Option<butterfly_proto::debug::RequestRun>| {
        let r = r.unwrap_or_default();
        Run {
            request_id: r.request_id,
            trace_id: r.trace_id,
            latency_ms: r.latency_ms,
            output_hash: r.output_hash,
            error: r.error,
        }
    };
    let original = run(answer.original);
    let replayed = run(answer.replay);
    let targets = embedded::targets(ctx).await?;
    let mut errors = Vec::new();
    let mut stage_spans = Vec::new();
    for t in [&original.trace_id, &replayed.trace_id] {
        let found = embedded::spans(
            ctx,
            &targets,
            QuerySpansRequest {
                trace_id: t.clone(),
                limit: embedded::MAX_SPANS_PER_NODE,
                ..Default::default()
            },
        )
        .await?;
        errors.extend(found.errors);
        stage_spans.push(stages_of(&found.items));
    }
    errors.sort();
    errors.dedup();
    let (before, after) = (&stage_spans[0], &stage_spans[1]);
    let keys: BTreeSet<&(u32, String)> = before.keys().chain(after.keys()).collect();
    let stages = keys
        .into_iter()
        .map(|k| {
            let b = before.get(k);
            let a = after.get(k);
            let nodes = |x: Option<&(BTreeSet<String>, u64)>| {
                x.map(|(n, _)| n.iter().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            let dur = |x: Option<&(BTreeSet<String>, u64)>| x.map(|(_, d)| *d as f64 / 1e6);
            Stage {
                stage: k.1.clone(),
                nodes_changed: b.map(|x| &x.0) != a.map(|x| &x.0),
                before_nodes: nodes(b),
                before_ms: dur(b),
                after_nodes: nodes(a),
                after_ms: dur(a),
            }
        })
        .collect();
    Ok(ReplayReport {
        coordinator: answer.coordinator,
        input_len: answer.input_len,
        same_output: !original.output_hash.is_empty()
            && original.output_hash == replayed.output_hash,
        original,
        replay: replayed,
        stages,
        errors,
    })
}

/// Stages of a trace: the request (its root) and each layer (its `layer.execute` spans), with
/// the nodes that ran it and its longest span in ns. Keyed by (order, name).
fn stages_of(spans: &[Span]) -> BTreeMap<(u32, String), (BTreeSet<String>, u64)> {
    let mut out: BTreeMap<(u32, String), (BTreeSet<String>, u64)> = BTreeMap::new();
    for s in spans {
        let key = if s.name == "inference.request" {
            (0, "request".to_string())
        } else if s.name == "layer.execute" {
            let layer = s
                .attributes
                .get("layer.id")
                .and_then(|l| l.parse::<u32>().ok())
                .unwrap_or(u32::MAX - 1);
            (layer + 1, format!("layer {layer}"))
        } else {
            continue;
        };
        let e = out.entry(key).or_default();
        e.0.insert(s.node_id.clone());
        e.1 = e.1.max(s.duration_ns);
    }
    out
}
