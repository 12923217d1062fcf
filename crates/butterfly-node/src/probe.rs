//! `VerifyNode` on a coordinator: a deterministic probe through a suspect compute node and
//! honest witnesses, layer by layer.
//!
//! For each layer every party gets the same input (the honest output of the layer before, the
//! encoded probe for layer 0). Witnesses are the layer's replicas in the replicated assignment
//! other than the suspect (topped up from the other compute nodes, best reputation first, up to
//! [`WITNESSES`]) plus the coordinator's own copy of the model. Their majority hash is the
//! expected output; the suspect's is compared to it. Because every layer starts from an honest
//! input, the first layer whose hashes differ is the first divergent layer: one pass finds it
//! with at most one call per layer and party (bisecting whole-chain runs would cost more calls).

use crate::dataplane::ExecHeader;
use crate::inference::Engine;
use crate::layers::tensor_hash;
use butterfly_proto::debug::{ByzantineFault, LayerCheck, VerifyNodeRequest, VerifyNodeResponse};
use std::collections::BTreeMap;
use tonic::Status;

/// Compute nodes (besides the coordinator's local model) that witness each layer: 2.
pub const WITNESSES: usize = 2;
/// Probe input when the request names none.
pub const DEFAULT_PROBE: &str = "butterfly verify-node probe v1";
/// Byzantine records of the node returned with the verdict (newest): 10.
pub const RECENT_FAULTS: usize = 10;

/// Runs the probe for `req` with `engine`'s data plane and model.
pub async fn verify_node(
    engine: &Engine,
    req: VerifyNodeRequest,
) -> Result<VerifyNodeResponse, Status> {
    let suspect = req.node_id.clone();
    let compute = engine.compute_nodes();
    let Some(suspect_addr) = compute
        .iter()
        .find(|(id, _)| *id == suspect)
        .map(|(_, a)| a.clone())
    else {
        return Err(Status::not_found(format!(
            "{suspect} is not a compute node with a data-plane address that {} knows",
            engine.node_id
        )));
    };
    let state = engine.store().state();
    let probe = if req.probe.is_empty() {
        DEFAULT_PROBE.to_string()
    } else {
        req.probe.clone()
    };
    let started = crate::cluster::unix_ms();
    let mut resp = VerifyNodeResponse {
        node_id: suspect.clone(),
        coordinator: engine.node_id.clone(),
        probe: probe.clone(),
        layers_total: engine.model.spec.layers,
        first_divergent_layer: -1,
        reputation: state.reputation_of(&suspect),
        started_unix_ms: started,
        ..Default::default()
    };
    let mine: Vec<&crate::state::FaultRecord> = state
        .faults
        .iter()
        .filter(|f| f.node_id == suspect)
        .collect();
    resp.byzantine_records = mine.len() as u32;
    resp.recent_faults = mine
        .iter()
        .rev()
        .take(RECENT_FAULTS)
        .rev()
        .map(|f| ByzantineFault {
            at_unix_ms: f.at_unix_ms,
            request_id: f.request_id.clone(),
            trace_id: f.trace_id.clone(),
            layer: f.layer,
            node_id: f.node_id.clone(),
            expected_hash: f.expected_hash.clone(),
            received_hash: f.received_hash.clone(),
            majority: f.majority.clone(),
            reputation_after: f.reputation_after,
            detected_by: f.detected_by.clone(),
        })
        .collect();
    let request_id = format!("probe-{started}");
    let local = format!("{} (local model)", engine.node_id);
    let mut tensor = engine.model.encode(&probe);
    for layer in 0..engine.model.spec.layers {
        // Witnesses: assigned replicas first, then the others by reputation.
        let assigned = state.assignment.get(&layer).cloned().unwrap_or_default();
        let mut others: Vec<&(String, String)> =
            compute.iter().filter(|(id, _)| *id != suspect).collect();
        others.sort_by(|a, b| {
            let (ra, rb) = (state.reputation_of(&a.0), state.reputation_of(&b.0));
            let (ia, ib) = (assigned.contains(&a.0), assigned.contains(&b.0));
            ib.cmp(&ia)
                .then(rb.partial_cmp(&ra).unwrap_or(std::cmp::Ordering::Equal))
                .then(a.0.cmp(&b.0))
        });
        let witnesses: Vec<(String, String)> =
            others.into_iter().take(WITNESSES).cloned().collect();
        let header = ExecHeader {
            request_id: &request_id,
            layer,
            traceparent: &[],
            from: &engine.node_id,
        };
        let input = &tensor;
        let header = &header;
        let me = (suspect.clone(), suspect_addr.clone());
        let calls = witnesses
            .iter()
            .chain(std::iter::once(&me))
            .map(|(id, addr)| async move {
                let r = engine.data.execute(id, addr, header, input).await;
                (id.clone(), r.map(|(out, _)| out).map_err(|e| e.to_string()))
            });
        let mut answers = futures::future::join_all(calls).await;
        let Some((_, suspect_answer)) = answers.pop() else {
            break;
        };
        let mut outputs: Vec<(String, Vec<f32>)> = Vec::new();
        let mut check = LayerCheck {
            layer,
            input_hash: tensor_hash(input),
            ..Default::default()
        };
        let mut witness_errors = Vec::new();
        for (id, r) in answers {
            match r {
                Ok(out) => outputs.push((id, out)),
                Err(e) => witness_errors.push(format!("{id}: {e}")),
            }
        }
        if let Some(out) = engine.model.execute(layer, input) {
            outputs.push((local.clone(), out));
        }
        let mut votes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (id, out) in &outputs {
            votes.entry(tensor_hash(out)).or_default().push(id.clone());
        }
        let Some((expected, agreeing)) = votes
            .iter()
            .max_by_key(|(_, ids)| ids.len())
            .map(|(h, ids)| (h.clone(), ids.clone()))
        else {
            check.error = format!("no witness answered ({})", witness_errors.join("; "));
            resp.error = format!("layer {layer}: {}", check.error);
            resp.layers.push(check);
            break;
        };
        check.disagreeing = votes
            .iter()
            .filter(|(h, _)| **h != expected)
            .flat_map(|(_, ids)| ids.clone())
            .collect();
        check.expected_hash = expected.clone();
        check.agreeing = agreeing;
        let next = outputs
            .iter()
            .find(|(_, out)| tensor_hash(out) == expected)
            .map(|(_, out)| out.clone());
        match suspect_answer {
            Ok(out) => {
                check.received_hash = tensor_hash(&out);
                check.diverged = check.received_hash != expected;
            }
            Err(e) => {
                check.error = format!("{suspect} did not answer: {e}");
                resp.error =
                    format!("the probe stopped at layer {layer}: {suspect} did not answer ({e})");
                resp.layers.push(check);
                break;
            }
        }
        let diverged = check.diverged;
        resp.layers.push(check);
        if diverged && resp.first_divergent_layer < 0 {
            resp.first_divergent_layer = layer as i32;
            if !req.all_layers {
                break;
            }
        }
        match next {
            Some(t) => tensor = t,
            None => break,
        }
    }
    resp.finished_unix_ms = crate::cluster::unix_ms();
    Ok(resp)
}
