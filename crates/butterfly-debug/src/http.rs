use crate::metrics::Metrics;
use crate::service::NodeHandle;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use butterfly_proto::debug::HealthState;
use serde::Serialize;
use std::sync::Arc;

struct HttpState<H> {
    handle: Arc<H>,
    metrics: Metrics,
}

#[derive(Serialize)]
struct DeepHealthBody {
    overall: &'static str,
    components: Vec<ComponentBody>,
}

#[derive(Serialize)]
struct ComponentBody {
    name: String,
    state: &'static str,
    detail: String,
}

/// The plain-HTTP router for probes and Prometheus:
///
/// * `GET /health/live`: always 200 while the process serves;
/// * `GET /health/ready`: 200 or 503 from [`NodeHandle::ready`];
/// * `GET /health/startup`: 200 or 503 from [`NodeHandle::started`];
/// * `GET /health/deep`: JSON `{"overall", "components": [{"name", "state", "detail"}]}` with
///   lowercase states; 200 when healthy or degraded, 503 when unhealthy or unknown;
/// * `GET /metrics`: the registry of `metrics`, in the OpenMetrics text format (with exemplars)
///   when the request's `Accept` prefers `application/openmetrics-text` (Prometheus does), in the
///   classic Prometheus text format 0.0.4 otherwise (see
///   [`butterfly_telemetry::encode_for_accept`]).
pub fn http_router<H: NodeHandle>(handle: Arc<H>, metrics: Metrics) -> Router {
    let state = Arc::new(HttpState { handle, metrics });
    Router::new()
        .route("/health/live", get(|| async { (StatusCode::OK, "live\n") }))
        .route("/health/ready", get(ready::<H>))
        .route("/health/startup", get(startup::<H>))
        .route("/health/deep", get(deep::<H>))
        .route("/metrics", get(metrics_text::<H>))
        .with_state(state)
}

async fn ready<H: NodeHandle>(State(s): State<Arc<HttpState<H>>>) -> Response {
    if s.handle.ready() {
        (StatusCode::OK, "ready\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n").into_response()
    }
}

async fn startup<H: NodeHandle>(State(s): State<Arc<HttpState<H>>>) -> Response {
    if s.handle.started() {
        (StatusCode::OK, "started\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "starting\n").into_response()
    }
}

async fn deep<H: NodeHandle>(State(s): State<Arc<HttpState<H>>>) -> Response {
    let health = s.handle.deep_health().await;
    let overall = health.overall();
    let body = DeepHealthBody {
        overall: overall.short_name(),
        components: health
            .components
            .iter()
            .map(|c| ComponentBody {
                name: c.name.clone(),
                state: c.state().short_name(),
                detail: c.detail.clone(),
            })
            .collect(),
    };
    let code = match overall {
        HealthState::Healthy | HealthState::Degraded => StatusCode::OK,
        HealthState::Unhealthy | HealthState::Unspecified => StatusCode::SERVICE_UNAVAILABLE,
    };
    (code, Json(body)).into_response()
}

/// `GET /metrics`: OpenMetrics (with exemplars) when the scraper's `Accept` asks for it, as
/// Prometheus does; the classic text format 0.0.4 otherwise (curl, `promtool check metrics`).
async fn metrics_text<H: NodeHandle>(
    State(s): State<Arc<HttpState<H>>>,
    headers: HeaderMap,
) -> Response {
    let accept = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let accept = Some(accept.as_str()).filter(|a| !a.is_empty());
    let registry = s.metrics.registry();
    let encoded = {
        let registry = registry.lock().unwrap_or_else(|e| e.into_inner());
        butterfly_telemetry::encode_for_accept(&registry, accept)
    };
    match encoded {
        Ok((content_type, body)) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot encode the metrics\n",
        )
            .into_response(),
    }
}
