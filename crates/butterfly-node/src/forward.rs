//! `POST /v1/infer` on a coordinator, and the follower → leader hand-over.
//!
//! A follower hands a request to the Raft leader **once**, over the debug service's mutual TLS
//! (`ForwardInfer`), with the node's own certificate; the TLS handshake checks that the answering
//! certificate names the leader it meant to reach (see `Cluster::client_for`), and the leader
//! checks that the caller's certificate names a current member. The leader serves a forwarded
//! request locally (never forwards it again), continuing the follower's trace; its root span
//! carries `forwarded_by` (the caller's certificate CN). The answer is capped at
//! [`MAX_FORWARD_REPLY_BYTES`]. When the leader cannot be reached the follower serves the request
//! itself.

use crate::inference::{ApiError, Engine, InferRequest, MAX_BODY_BYTES};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use butterfly_proto::debug::{ForwardInferRequest, ForwardInferResponse};
use butterfly_telemetry::trace_context::TraceState;
use butterfly_telemetry::TraceContext;
use std::sync::Arc;
use std::time::Duration;

/// Answer header of a request a follower handed to the leader: the follower's node id.
pub const FORWARDED_HEADER: &str = "x-butterfly-forwarded-by";
/// Longest a forwarded request may take at the leader: 60 s.
pub const FORWARD_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest forwarded answer a follower accepts: 4 MiB (a larger one is an error, so the leader,
/// or whoever answers as it, cannot make the follower buffer without bound).
pub const MAX_FORWARD_REPLY_BYTES: usize = 4 << 20;

/// `POST /v1/infer`: a follower forwards to the leader, anyone else serves.
pub(crate) async fn infer_handler(
    State(engine): State<Arc<Engine>>,
    headers: axum::http::HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return ApiError::new(e.status(), e.body_text()).into_response(),
    };
    let parent = headers
        .get("traceparent")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| TraceContext::parse_traceparent(v).ok());
    if let Some((leader, addr)) = engine.leader() {
        let hop = parent
            .as_ref()
            .map_or_else(TraceContext::new_root, TraceContext::child);
        match forward(&engine, &leader, &addr, &body, &hop).await {
            Ok(answer) => {
                let code = u16::try_from(answer.status)
                    .ok()
                    .and_then(|c| StatusCode::from_u16(c).ok())
                    .unwrap_or(StatusCode::BAD_GATEWAY);
                let mut r = (
                    code,
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    answer.body,
                )
                    .into_response();
                if let Ok(v) = axum::http::HeaderValue::from_str(&engine.node_id) {
                    r.headers_mut().insert(FORWARDED_HEADER, v);
                }
                return r;
            }
            Err(e) => {
                tracing::warn!(leader = %leader, addr = %addr, error = %e, "forwarding to the leader failed; serving locally")
            }
        }
    }
    let req = match parse_body(&body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    match engine.infer(req, parent).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => e.into_response(),
    }
}

fn parse_body(body: &[u8]) -> Result<InferRequest, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        let status = match e.classify() {
            serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError::new(status, format!("bad request body: {e}"))
    })
}

/// Hands `body` to `leader` at `addr` over mutual TLS (its certificate must name `leader`).
async fn forward(
    engine: &Engine,
    leader: &str,
    addr: &str,
    body: &[u8],
    hop: &TraceContext,
) -> Result<ForwardInferResponse, String> {
    let client = engine
        .cluster()
        .client_with(addr, Some(leader), FORWARD_TIMEOUT)
        .ok_or_else(|| format!("invalid leader address {addr}"))?;
    let request = ForwardInferRequest {
        body: body.to_vec(),
        traceparent: hop.traceparent(),
        tracestate: hop.tracestate.to_string(),
    };
    let started = std::time::Instant::now();
    let result = client
        .max_decoding_message_size(MAX_FORWARD_REPLY_BYTES)
        .forward_infer(request)
        .await
        .map_err(|s| format!("{:?}: {}", s.code(), s.message()))
        .and_then(|a| {
            let a = a.into_inner();
            if a.served_by == leader {
                Ok(a)
            } else {
                Err(format!(
                    "answered as '{}', not as the leader '{leader}'",
                    a.served_by
                ))
            }
        });
    // The hand-over is a link of its own in `connections list` (kind `forward`, to the leader's
    // mTLS debug address).
    let links = &engine.cluster().links;
    match &result {
        Ok(_) => links.record("forward", leader, addr, Ok(started.elapsed())),
        Err(e) => links.record("forward", leader, addr, Err(e)),
    }
    result
}

/// The leader's side of `ForwardInfer`: serves the request locally, as `caller` handed it over.
pub async fn serve_forwarded(
    engine: &Engine,
    caller: &str,
    request: ForwardInferRequest,
) -> ForwardInferResponse {
    let answer = |status: StatusCode, body: Vec<u8>| ForwardInferResponse {
        status: u32::from(status.as_u16()),
        body,
        served_by: engine.node_id.clone(),
    };
    let error = |e: ApiError| {
        let body = serde_json::json!({ "error": e.message, "request_id": e.request_id });
        answer(e.status, body.to_string().into_bytes())
    };
    if request.body.len() > MAX_BODY_BYTES {
        return error(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body over {MAX_BODY_BYTES} bytes"),
        ));
    }
    let parent = TraceContext::parse_traceparent(&request.traceparent)
        .ok()
        .map(|mut p| {
            if let Ok(state) = TraceState::parse(&request.tracestate) {
                p.tracestate = state;
            }
            p
        });
    let req = match parse_body(&request.body) {
        Ok(r) => r,
        Err(e) => return error(e),
    };
    match engine.infer_from(req, parent, Some(caller)).await {
        Ok(r) => answer(StatusCode::OK, serde_json::to_vec(&r).unwrap_or_default()),
        Err(e) => error(e),
    }
}
