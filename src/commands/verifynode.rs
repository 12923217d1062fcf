//! `verify node <node> [-w FILE]`: asks a coordinator (any; each in turn until one answers) to
//! probe the node layer by layer; prints the evidence record. Exit 0 no divergence, 1 divergence
//! found, 3 the probe could not finish (the node or its witnesses stopped answering).

use crate::error::{Error, Result, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL};
use crate::output::{json_of, Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::VerifyNodeRequest;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One layer of the probe.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LayerEvidence {
    /// Layer.
    pub layer: u32,
    /// SHA-256 of the input every party got.
    pub input_hash: String,
    /// Output hash the witnesses agree on.
    pub expected_hash: String,
    /// The suspect's output hash.
    pub received_hash: String,
    /// Witnesses that agree with `expected_hash`.
    pub agreeing: Vec<String>,
    /// Witnesses that do not.
    pub disagreeing: Vec<String>,
    /// The suspect's output differs.
    pub diverged: bool,
    /// Why not checked.
    pub error: String,
}

/// A Byzantine record of the node from the replicated state.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Record {
    /// When, RFC 3339 UTC.
    pub at: Option<String>,
    /// The same instant, unix ms.
    pub at_unix_ms: i64,
    /// Request.
    pub request_id: String,
    /// Layer.
    pub layer: u32,
    /// Majority hash.
    pub expected_hash: String,
    /// Its hash.
    pub received_hash: String,
}

/// `verify node -o json` (also the `-w FILE` evidence record): `{"node_id","coordinator",
/// "probe","layers_total","layers":[...],"first_divergent_layer","error","reputation",
/// "byzantine_records","recent_faults":[...],"started_unix_ms","finished_unix_ms",
/// "evidence_sha256"}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct VerifyNodeReport {
    /// The suspect.
    pub node_id: String,
    /// Coordinator that ran the probe.
    pub coordinator: String,
    /// Probe input text.
    pub probe: String,
    /// Layers in the model.
    pub layers_total: u32,
    /// Layers probed, in order.
    pub layers: Vec<LayerEvidence>,
    /// First divergent layer, null when none.
    pub first_divergent_layer: Option<u32>,
    /// Why the probe stopped early; empty when it ran through.
    pub error: String,
    /// Reputation in the replicated state.
    pub reputation: f64,
    /// Byzantine records of the node in the replicated state.
    pub byzantine_records: u32,
    /// The newest of them.
    pub recent_faults: Vec<Record>,
    /// Probe start, RFC 3339 UTC.
    pub started: Option<String>,
    /// Probe end, RFC 3339 UTC.
    pub finished: Option<String>,
    /// Probe start, unix ms.
    pub started_unix_ms: i64,
    /// Probe end, unix ms.
    pub finished_unix_ms: i64,
    /// SHA-256 over this record's JSON without this field (tamper check of a saved record).
    pub evidence_sha256: String,
}

/// Asks the coordinators in turn to probe `node`.
pub async fn verify_node(
    ctx: &Ctx<'_>,
    node: &str,
    probe: String,
    all_layers: bool,
) -> Result<VerifyNodeReport> {
    let d = ctx.discover().await?;
    let coords = d.coordinators()?;
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    // The probe makes 3 calls per layer: give it more than one call's deadline.
    let fan = crate::fanout::FanOut {
        deadline: fan.deadline * 4,
        ..fan
    };
    let mut last = None;
    for c in &coords {
        let req = VerifyNodeRequest {
            node_id: node.to_string(),
            probe: probe.clone(),
            all_layers,
        };
        match fan
            .one(&pool, c, |mut cl| async move {
                cl.verify_node(req).await.map(|r| r.into_inner())
            })
            .await
        {
            Ok(r) => return Ok(report_of(r)),
            Err(e @ (Error::PermissionDenied { .. } | Error::NotFound(_))) => return Err(e),
            Err(e @ Error::Remote { .. }) if e.to_string().contains("not a compute node") => {
                return Err(e)
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::NotFound("no coordinator to run the probe".into())))
}

fn report_of(r: butterfly_proto::debug::VerifyNodeResponse) -> VerifyNodeReport {
    let mut report = VerifyNodeReport {
        node_id: r.node_id,
        coordinator: r.coordinator,
        probe: r.probe,
        layers_total: r.layers_total,
        layers: r
            .layers
            .into_iter()
            .map(|l| LayerEvidence {
                layer: l.layer,
                input_hash: l.input_hash,
                expected_hash: l.expected_hash,
                received_hash: l.received_hash,
                agreeing: l.agreeing,
                disagreeing: l.disagreeing,
                diverged: l.diverged,
                error: l.error,
            })
            .collect(),
        first_divergent_layer: u32::try_from(r.first_divergent_layer).ok(),
        error: r.error,
        reputation: r.reputation,
        byzantine_records: r.byzantine_records,
        recent_faults: r
            .recent_faults
            .into_iter()
            .map(|f| Record {
                at: crate::output::rfc3339_ms(f.at_unix_ms),
                at_unix_ms: f.at_unix_ms,
                request_id: f.request_id,
                layer: f.layer,
                expected_hash: f.expected_hash,
                received_hash: f.received_hash,
            })
            .collect(),
        started: crate::output::rfc3339_ms(r.started_unix_ms),
        finished: crate::output::rfc3339_ms(r.finished_unix_ms),
        started_unix_ms: r.started_unix_ms,
        finished_unix_ms: r.finished_unix_ms,
        evidence_sha256: String::new(),
    };
    report.evidence_sha256 = evidence_hash(&json_of(&report));
    report
}

/// SHA-256 of a record's canonical JSON with `evidence_sha256` emptied.
pub fn evidence_hash(record: &serde_json::Value) -> String {
    let mut v = record.clone();
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "evidence_sha256".into(),
            serde_json::Value::String(String::new()),
        );
    }
    hex::encode(Sha256::digest(serde_json::to_vec(&v).unwrap_or_default()))
}

impl Report for VerifyNodeReport {
    fn exit_code(&self) -> i32 {
        if self.first_divergent_layer.is_some() {
            EXIT_ERROR
        } else if !self.error.is_empty() {
            EXIT_PARTIAL
        } else {
            EXIT_OK
        }
    }
    fn render(&self, style: &Style) -> String {
        let mut out = format!(
            "probe {:?} through {} (run by {}), {} of {} layers\n",
            self.probe,
            style.bold(&self.node_id),
            self.coordinator,
            self.layers.len(),
            self.layers_total
        );
        let mut t = style.table(&["LAYER", "EXPECTED", "RECEIVED", "AGREEING WITNESSES", ""]);
        for l in &self.layers {
            t.add_row(vec![
                l.layer.to_string(),
                l.expected_hash.chars().take(16).collect(),
                if l.received_hash.is_empty() {
                    "-".into()
                } else {
                    l.received_hash.chars().take(16).collect()
                },
                l.agreeing.join(", "),
                if !l.error.is_empty() {
                    style.warn(&l.error)
                } else if l.diverged {
                    style.bad("DIVERGES")
                } else {
                    style.good("ok")
                },
            ]);
        }
        out.push_str(&t.to_string());
        out.push_str(&format!(
            "\nreputation {:.2}, {} Byzantine record(s) in the replicated state",
            self.reputation, self.byzantine_records
        ));
        out.push('\n');
        out.push_str(&match (self.first_divergent_layer, self.error.is_empty()) {
            (Some(l), _) => {
                let e = self.layers.iter().find(|x| x.layer == l);
                style.bad(&format!(
                    "verdict: {} diverges first at layer {l}: expected {} (agreed by {}), received {}",
                    self.node_id,
                    e.map(|x| x.expected_hash.as_str()).unwrap_or(""),
                    e.map(|x| x.agreeing.join(", ")).unwrap_or_default(),
                    e.map(|x| x.received_hash.as_str()).unwrap_or(""),
                ))
            }
            (None, true) => style.good(&format!(
                "verdict: no divergence in {} layers",
                self.layers.len()
            )),
            (None, false) => style.warn(&format!("verdict: inconclusive: {}", self.error)),
        });
        out
    }
}

/// `verify evidence -o json`: `{"file","node_id","hash_ok","rerun":null|{"same_expected",
/// "first_divergent_layer_then","first_divergent_layer_now"},"problems":[...]}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct EvidenceCheck {
    /// The record.
    pub file: String,
    /// The suspect it names.
    pub node_id: String,
    /// Whether the record's `evidence_sha256` matches its content.
    pub hash_ok: bool,
    /// The probe run again, when asked.
    pub rerun: Option<Rerun>,
    /// What does not hold.
    pub problems: Vec<String>,
}

/// The recorded probe run again.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Rerun {
    /// Every recorded layer's expected hash (the honest output) is the same now.
    pub same_expected: bool,
    /// First divergent layer in the record.
    pub first_divergent_layer_then: Option<u32>,
    /// First divergent layer now.
    pub first_divergent_layer_now: Option<u32>,
}

/// Checks a saved evidence record (and with `rerun`, probes again).
pub async fn check_evidence(
    ctx: &Ctx<'_>,
    file: &std::path::Path,
    rerun: bool,
) -> Result<EvidenceCheck> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let record: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::Usage(format!("{}: not an evidence record: {e}", file.display())))?;
    let str_of = |k: &str| {
        record
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let mut check = EvidenceCheck {
        file: file.display().to_string(),
        node_id: str_of("node_id"),
        hash_ok: evidence_hash(&record) == str_of("evidence_sha256"),
        rerun: None,
        problems: Vec::new(),
    };
    if check.node_id.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no node_id: not an evidence record",
            file.display()
        )));
    }
    if !check.hash_ok {
        check
            .problems
            .push("evidence_sha256 does not match the record: it was changed".into());
    }
    if rerun {
        let now = verify_node(ctx, &check.node_id, str_of("probe"), true).await?;
        let then: Vec<(u64, String)> = record
            .get("layers")
            .and_then(|l| l.as_array())
            .map(|a| {
                a.iter()
                    .map(|l| {
                        (
                            l.get("layer").and_then(|v| v.as_u64()).unwrap_or(0),
                            l.get("expected_hash")
                                .and_then(|v| v.as_str())
                                .unwrap_or("")
                                .to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let same_expected = then.iter().all(|(layer, h)| {
            now.layers
                .iter()
                .find(|l| u64::from(l.layer) == *layer)
                .is_some_and(|l| l.expected_hash == *h)
        });
        if !same_expected {
            check
                .problems
                .push("the honest outputs differ from the record's".into());
        }
        let was = record
            .get("first_divergent_layer")
            .and_then(|v| v.as_u64())
            .and_then(|v| u32::try_from(v).ok());
        if was != now.first_divergent_layer {
            check.problems.push(format!(
                "first divergent layer then {was:?}, now {:?}",
                now.first_divergent_layer
            ));
        }
        check.rerun = Some(Rerun {
            same_expected,
            first_divergent_layer_then: was,
            first_divergent_layer_now: now.first_divergent_layer,
        });
    }
    Ok(check)
}

impl Report for EvidenceCheck {
    fn exit_code(&self) -> i32 {
        if self.problems.is_empty() {
            EXIT_OK
        } else {
            EXIT_ERROR
        }
    }
    fn render(&self, style: &Style) -> String {
        let mut out = format!(
            "{} (suspect {}): record hash {}",
            self.file,
            self.node_id,
            if self.hash_ok {
                style.good("ok")
            } else {
                style.bad("CHANGED")
            }
        );
        if let Some(r) = &self.rerun {
            out.push_str(&format!(
                "
probe again: honest outputs {}, first divergent layer then {}, now {}",
                if r.same_expected {
                    style.good("the same")
                } else {
                    style.bad("DIFFERENT")
                },
                r.first_divergent_layer_then
                    .map_or("none".into(), |l| l.to_string()),
                r.first_divergent_layer_now
                    .map_or("none".into(), |l| l.to_string()),
            ));
        }
        for p in &self.problems {
            out.push_str(&format!(
                "
{} {p}",
                style.bad("problem:")
            ));
        }
        if self.problems.is_empty() {
            out.push_str(&format!(
                "
{}",
                style.good("the evidence holds")
            ));
        }
        out
    }
}
