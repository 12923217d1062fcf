//! The Latency view's poller: the request-latency histogram over time, from Prometheus when the
//! profile names one (a range query of the buckets' rates), otherwise from the coordinators' own
//! `/metrics` (the histograms the requests are recorded in), one column per poll from the change
//! of the bucket counters since the previous poll.

use super::heatmap::{self, Column, Heatmap, METRIC};
use super::poll::Shared;
use crate::commands::request::NODE_METRICS_MAX_BYTES;
use crate::session::Ctx;
use crate::sources::prometheus::{PrometheusClient, QueryData};
use crate::sources::{Http, SourceConfig};
use butterfly_proto::debug::NodeRole;
use futures::StreamExt;
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Window of the Prometheus range query: 10 minutes.
pub const PROM_WINDOW: Duration = Duration::from_secs(600);
/// Step of the Prometheus range query: 10 s (60 columns over the window).
pub const PROM_STEP: Duration = Duration::from_secs(10);
/// Nodes scraped at once (no Prometheus): 8.
pub const SCRAPE_CONCURRENCY: usize = 8;

/// The PromQL of the heatmap: per-bucket request rates summed over the cluster.
pub fn prom_query() -> String {
    format!("sum by (le) (rate({METRIC}_bucket[1m]))")
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// One poll: a fresh heatmap from Prometheus, or the previous one plus one column from the
/// coordinators' histograms.
pub async fn fetch_latency(ctx: &Ctx<'_>, shared: &Shared) -> Result<Heatmap, String> {
    let settings = ctx.settings().map_err(|e| e.to_string())?;
    if let Ok(prom) = PrometheusClient::from_settings(settings) {
        let map = from_prometheus(&prom).await?;
        if let Ok(mut d) = shared.lock() {
            d.latency.source = "Prometheus rate[1m]".into();
        }
        return Ok(map);
    }
    from_nodes(ctx, shared).await
}

async fn from_prometheus(prom: &PrometheusClient) -> Result<Heatmap, String> {
    let end = now_ms();
    let start = end - PROM_WINDOW.as_millis() as i64;
    let r = prom
        .query_range(&prom_query(), start, end, PROM_STEP)
        .await
        .map_err(|e| e.to_string())?;
    let QueryData::Matrix(series) = r.data else {
        return Err(format!(
            "Prometheus answered a {} to a range query",
            r.data.result_type()
        ));
    };
    let series: Vec<(f64, Vec<(i64, f64)>)> = series
        .into_iter()
        .filter_map(|s| {
            let le = heatmap::parse_le(s.metric.get("le")?)?;
            Some((le, s.values.iter().map(|p| (p.t_ms, p.value)).collect()))
        })
        .collect();
    if series.is_empty() {
        return Err(format!(
            "Prometheus has no {METRIC}_bucket series in the last {}",
            humantime::format_duration(PROM_WINDOW)
        ));
    }
    let (bounds, cols) = heatmap::columns_from_series(&series);
    let mut map = Heatmap {
        unit: "req/s".into(),
        ..Heatmap::default()
    };
    for c in cols {
        map.push(&bounds, c);
    }
    Ok(map)
}

async fn from_nodes(ctx: &Ctx<'_>, shared: &Shared) -> Result<Heatmap, String> {
    let members = ctx.discover().await.map_err(|e| e.to_string())?.members;
    let timeout = ctx
        .settings()
        .map(|s| s.timeout)
        .unwrap_or(Duration::from_secs(5));
    let coords: Vec<(String, String)> = members
        .iter()
        .filter(|m| m.role == NodeRole::Coordinator as i32 && !m.http_addr.is_empty())
        .map(|m| (m.id.clone(), m.http_addr.clone()))
        .collect();
    if coords.is_empty() {
        return Err("no coordinator publishes a metrics address".into());
    }
    let asked = coords.len();
    type Buckets = Option<Vec<(f64, f64)>>;
    let scraped: Vec<(String, Buckets)> =
        futures::stream::iter(coords.into_iter().map(|(id, addr)| async move {
            let mut cfg = SourceConfig::new(format!("http://{addr}"));
            cfg.timeout = timeout;
            cfg.max_body_bytes = NODE_METRICS_MAX_BYTES;
            let text = match Http::new("node metrics", &cfg) {
                Ok(http) => http
                    .get(&["metrics"], &[], &[])
                    .await
                    .ok()
                    .filter(|r| r.status.is_success())
                    .map(|r| String::from_utf8_lossy(&r.body).into_owned()),
                Err(_) => None,
            };
            let b = text.and_then(|t| heatmap::buckets_in_exposition(&t, METRIC));
            (id, b)
        }))
        .buffer_unordered(SCRAPE_CONCURRENCY)
        .collect()
        .await;
    let answered = scraped.iter().filter(|(_, b)| b.is_some()).count();
    if answered == 0 {
        return Err(format!("no coordinator's /metrics has {METRIC}"));
    }
    let mut d = shared.lock().map_err(|_| "state poisoned".to_string())?;
    d.latency.source = format!("coordinators' /metrics {answered}/{asked}");
    let mut map = d.latency.data.clone().unwrap_or_default();
    map.unit = "req/poll".into();
    let prev: &mut HashMap<String, Vec<(f64, f64)>> = &mut d.latency_prev;
    let mut sum: Option<Vec<(f64, f64)>> = None;
    for (id, cur) in scraped {
        let Some(cur) = cur else { continue };
        let change = prev.get(&id).and_then(|p| heatmap::delta(p, &cur));
        prev.insert(id, cur);
        let Some(change) = change else { continue };
        sum = Some(match sum {
            None => change,
            Some(mut s)
                if s.len() == change.len() && s.iter().zip(&change).all(|(a, b)| a.0 == b.0) =>
            {
                for (a, b) in s.iter_mut().zip(&change) {
                    a.1 += b.1;
                }
                s
            }
            Some(s) => s,
        });
    }
    if let Some(sum) = sum {
        let (bounds, counts) = heatmap::per_bucket(&sum);
        map.push(
            &bounds,
            Column {
                t_ms: now_ms(),
                counts,
            },
        );
    }
    Ok(map)
}
