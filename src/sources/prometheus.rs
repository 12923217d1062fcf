//! Prometheus HTTP API v1 client: instant and range queries, series, labels, exemplars and
//! targets.
//!
//! Sample timestamps are decoded from the JSON text to exact integer milliseconds (never through
//! `f64`), sample values keep their text (`"NaN"`, `"+Inf"`, `"1e-07"`, large integers) next to
//! the parsed `f64`, and `{"status":"error","errorType","error"}` bodies become
//! [`SourceError::Api`] with the HTTP status. Warnings and infos are returned with the data.

use super::{
    format_millis_as_seconds, parse_decimal_seconds, Http, Reply, Result, SourceConfig, SourceError,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::time::Duration;

/// Back-end name used in messages.
pub const NAME: &str = "prometheus";

/// A Prometheus server.
#[derive(Debug, Clone)]
pub struct PrometheusClient {
    http: Http,
}

/// A successful answer with the server's warnings and infos (empty when none).
#[derive(Debug, Clone, PartialEq)]
pub struct PromResponse<T> {
    /// The decoded `data`.
    pub data: T,
    /// `warnings`: the result may be incomplete or wrong.
    pub warnings: Vec<String>,
    /// `infos` (Prometheus 3): notes about the query.
    pub infos: Vec<String>,
}

/// One float sample.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Point {
    /// Timestamp, milliseconds since the Unix epoch (may be negative).
    pub t_ms: i64,
    /// The value (NaN and ±infinity included).
    pub value: f64,
    /// The value exactly as the server wrote it (`"NaN"`, `"+Inf"`, `"1e-07"`, …).
    pub text: String,
}

/// One native-histogram bucket.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct HistogramBucket {
    /// Boundary rule: 0 upper inclusive, 1 lower inclusive, 2 both exclusive, 3 both inclusive.
    pub boundaries: i64,
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Observations in the bucket.
    pub count: f64,
}

/// One native-histogram sample.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct HistogramPoint {
    /// Timestamp, milliseconds since the Unix epoch.
    pub t_ms: i64,
    /// Observation count.
    pub count: f64,
    /// Sum of observations.
    pub sum: f64,
    /// Populated buckets.
    pub buckets: Vec<HistogramBucket>,
}

/// One series of an instant vector.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct InstantSample {
    /// Label set (`__name__` included when kept).
    pub metric: BTreeMap<String, String>,
    /// Float sample, absent for a native-histogram sample.
    pub value: Option<Point>,
    /// Native-histogram sample.
    pub histogram: Option<HistogramPoint>,
}

/// One series of a range vector (matrix).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RangeSeries {
    /// Label set.
    pub metric: BTreeMap<String, String>,
    /// Float samples, oldest first.
    pub values: Vec<Point>,
    /// Native-histogram samples, oldest first.
    pub histograms: Vec<HistogramPoint>,
}

/// The result of a query, by `resultType`.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryData {
    /// `vector`.
    Vector(Vec<InstantSample>),
    /// `matrix` (range queries, and instant queries of a range selector).
    Matrix(Vec<RangeSeries>),
    /// `scalar`.
    Scalar(Point),
    /// `string`.
    String {
        /// Timestamp, ms.
        t_ms: i64,
        /// The string.
        value: String,
    },
}

impl QueryData {
    /// `vector`, `matrix`, `scalar` or `string`.
    pub fn result_type(&self) -> &'static str {
        match self {
            QueryData::Vector(_) => "vector",
            QueryData::Matrix(_) => "matrix",
            QueryData::Scalar(_) => "scalar",
            QueryData::String { .. } => "string",
        }
    }
}

/// One exemplar.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Exemplar {
    /// Exemplar labels (e.g. `trace_id`, `span_id`).
    pub labels: BTreeMap<String, String>,
    /// Observed value.
    pub value: f64,
    /// Observed value as written.
    pub text: String,
    /// Timestamp, ms.
    pub t_ms: i64,
}

/// The exemplars of one series.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ExemplarSeries {
    /// The series' labels.
    pub series_labels: BTreeMap<String, String>,
    /// Its exemplars.
    pub exemplars: Vec<Exemplar>,
}

/// One scrape target from `/api/v1/targets`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// Labels after relabelling.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Labels before relabelling.
    #[serde(default)]
    pub discovered_labels: BTreeMap<String, String>,
    /// Scrape pool (job).
    #[serde(default)]
    pub scrape_pool: String,
    /// URL scraped.
    #[serde(default)]
    pub scrape_url: String,
    /// `up`, `down` or `unknown`.
    #[serde(default)]
    pub health: String,
    /// Last scrape error; empty when none.
    #[serde(default)]
    pub last_error: String,
    /// Last scrape time (RFC 3339).
    #[serde(default)]
    pub last_scrape: String,
    /// Last scrape duration, seconds.
    #[serde(default)]
    pub last_scrape_duration: f64,
}

/// `/api/v1/targets` data.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Targets {
    /// Targets being scraped.
    #[serde(default)]
    pub active_targets: Vec<Target>,
    /// Targets dropped by relabelling (only their discovered labels).
    #[serde(default)]
    pub dropped_targets: Vec<Target>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    status: String,
    #[serde(default, borrow)]
    data: Option<&'a RawValue>,
    #[serde(default, rename = "errorType")]
    error_type: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    warnings: Option<Vec<String>>,
    #[serde(default)]
    infos: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct QueryDataRaw<'a> {
    #[serde(rename = "resultType")]
    result_type: String,
    #[serde(borrow)]
    result: &'a RawValue,
}

#[derive(Deserialize)]
struct RawPair<'a>(#[serde(borrow)] &'a RawValue, String);

#[derive(Deserialize)]
struct RawHistogramPair<'a>(#[serde(borrow)] &'a RawValue, RawHistogram);

#[derive(Deserialize)]
struct RawHistogram {
    #[serde(default)]
    count: String,
    #[serde(default)]
    sum: String,
    #[serde(default)]
    buckets: Vec<(i64, String, String, String)>,
}

#[derive(Deserialize)]
struct RawSeries<'a> {
    #[serde(default)]
    metric: BTreeMap<String, String>,
    #[serde(default, borrow)]
    value: Option<RawPair<'a>>,
    #[serde(default, borrow)]
    histogram: Option<RawHistogramPair<'a>>,
    #[serde(default, borrow)]
    values: Vec<RawPair<'a>>,
    #[serde(default, borrow)]
    histograms: Vec<RawHistogramPair<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawExemplarSeries<'a> {
    #[serde(default)]
    series_labels: BTreeMap<String, String>,
    #[serde(default, borrow)]
    exemplars: Vec<RawExemplar<'a>>,
}

#[derive(Deserialize)]
struct RawExemplar<'a> {
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    value: String,
    #[serde(borrow)]
    timestamp: &'a RawValue,
}

/// Parses a Prometheus sample value: Go's float text plus `NaN`, `+Inf`, `-Inf`.
pub fn parse_value(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "+Inf" | "Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        t => t.parse::<f64>().ok().filter(|_| {
            // Refuse Rust-only spellings ("inf", "infinity") that Prometheus never writes.
            !t.chars()
                .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
        }),
    }
}

/// Parses a JSON timestamp (unix seconds, integer or with a fraction) to exact milliseconds.
pub fn parse_timestamp_ms(raw: &str) -> Option<i64> {
    let t = raw.trim().trim_matches('"');
    parse_decimal_seconds(t, 3).and_then(|v| i64::try_from(v).ok())
}

fn point(p: &RawPair<'_>) -> std::result::Result<Point, String> {
    let t_ms = parse_timestamp_ms(p.0.get())
        .ok_or_else(|| format!("bad sample timestamp {}", p.0.get()))?;
    let value = parse_value(&p.1).ok_or_else(|| format!("bad sample value {:?}", p.1))?;
    Ok(Point {
        t_ms,
        value,
        text: p.1.clone(),
    })
}

fn histogram(h: &RawHistogramPair<'_>) -> std::result::Result<HistogramPoint, String> {
    let t_ms = parse_timestamp_ms(h.0.get())
        .ok_or_else(|| format!("bad histogram timestamp {}", h.0.get()))?;
    let num = |s: &str| parse_value(s).ok_or_else(|| format!("bad histogram number {s:?}"));
    let mut buckets = Vec::with_capacity(h.1.buckets.len());
    for (rule, lo, hi, n) in &h.1.buckets {
        buckets.push(HistogramBucket {
            boundaries: *rule,
            lower: num(lo)?,
            upper: num(hi)?,
            count: num(n)?,
        });
    }
    Ok(HistogramPoint {
        t_ms,
        count: if h.1.count.is_empty() {
            0.0
        } else {
            num(&h.1.count)?
        },
        sum: if h.1.sum.is_empty() {
            0.0
        } else {
            num(&h.1.sum)?
        },
        buckets,
    })
}

/// Decodes a query's `data` object (`{"resultType":…,"result":…}`).
pub fn decode_query_data(data: &str) -> std::result::Result<QueryData, String> {
    let raw: QueryDataRaw<'_> = serde_json::from_str(data).map_err(|e| e.to_string())?;
    let result = raw.result.get();
    match raw.result_type.as_str() {
        "vector" => {
            let series: Vec<RawSeries<'_>> =
                serde_json::from_str(result).map_err(|e| e.to_string())?;
            series
                .iter()
                .map(|s| {
                    Ok(InstantSample {
                        metric: s.metric.clone(),
                        value: s.value.as_ref().map(point).transpose()?,
                        histogram: s.histogram.as_ref().map(histogram).transpose()?,
                    })
                })
                .collect::<std::result::Result<Vec<_>, String>>()
                .map(QueryData::Vector)
        }
        "matrix" => {
            let series: Vec<RawSeries<'_>> =
                serde_json::from_str(result).map_err(|e| e.to_string())?;
            series
                .iter()
                .map(|s| {
                    Ok(RangeSeries {
                        metric: s.metric.clone(),
                        values: s
                            .values
                            .iter()
                            .map(point)
                            .collect::<std::result::Result<_, _>>()?,
                        histograms: s
                            .histograms
                            .iter()
                            .map(histogram)
                            .collect::<std::result::Result<_, _>>()?,
                    })
                })
                .collect::<std::result::Result<Vec<_>, String>>()
                .map(QueryData::Matrix)
        }
        "scalar" => {
            let p: RawPair<'_> = serde_json::from_str(result).map_err(|e| e.to_string())?;
            point(&p).map(QueryData::Scalar)
        }
        "string" => {
            let p: RawPair<'_> = serde_json::from_str(result).map_err(|e| e.to_string())?;
            let t_ms = parse_timestamp_ms(p.0.get())
                .ok_or_else(|| format!("bad timestamp {}", p.0.get()))?;
            Ok(QueryData::String { t_ms, value: p.1 })
        }
        other => Err(format!("unknown resultType {other:?}")),
    }
}

/// Decodes a bare `[timestamp, "value"]` pair (a scalar result's shape).
pub fn decode_point(pair: &str) -> std::result::Result<Point, String> {
    let p: RawPair<'_> = serde_json::from_str(pair).map_err(|e| e.to_string())?;
    point(&p)
}

/// Encodes a step for `query_range`: seconds with up to millisecond precision (`30`, `2.25`).
fn step_text(step: Duration) -> String {
    let ms = step.as_millis().min(i64::MAX as u128) as i64;
    format_millis_as_seconds(ms)
}

impl PrometheusClient {
    /// A client for `cfg`.
    pub fn new(cfg: &SourceConfig) -> Result<PrometheusClient> {
        Ok(PrometheusClient {
            http: Http::new(NAME, cfg)?,
        })
    }

    /// The client the settings describe, or [`SourceError::NotConfigured`] saying how to
    /// configure one.
    pub fn from_settings(settings: &crate::config::Settings) -> Result<PrometheusClient> {
        match &settings.prometheus {
            Some(cfg) => PrometheusClient::new(cfg),
            None => Err(SourceError::NotConfigured {
                source_name: NAME,
                hint: format!(
                    "set `prometheus_url = \"http://HOST:9090\"` (or a `[profiles.{p}.prometheus]` table) \
                     in profile '{p}', or export BUTTERFLY_PROMETHEUS_URL; `butterfly-cli demo up` sets it \
                     when the `prometheus` package is installed",
                    p = settings.profile
                ),
            }),
        }
    }

    /// Decodes an answer: `success` → `data`; `error` (any status) → [`SourceError::Api`];
    /// other non-2xx → [`SourceError::Http`].
    fn envelope(&self, what: &str, reply: &Reply) -> Result<PromResponse<String>> {
        let env: Envelope<'_> = match serde_json::from_slice(&reply.body) {
            Ok(env) => env,
            Err(_) if !reply.status.is_success() => return Err(self.http.status_error(reply)),
            Err(e) => {
                return Err(self
                    .http
                    .decode_error(what, super::json_problem(&e, &reply.body)))
            }
        };
        if env.status == "error" || !reply.status.is_success() {
            if env.error.is_none() && env.error_type.is_none() {
                return Err(self.http.status_error(reply));
            }
            return Err(SourceError::Api {
                source_name: NAME,
                status: reply.status.as_u16(),
                error_type: env.error_type.unwrap_or_else(|| "error".into()),
                message: env.error.unwrap_or_default(),
            });
        }
        if env.status != "success" {
            return Err(self
                .http
                .decode_error(what, format!("unexpected status {:?}", env.status)));
        }
        let data = env
            .data
            .map(|d| d.get().to_string())
            .ok_or_else(|| self.http.decode_error(what, "no `data`"))?;
        Ok(PromResponse {
            data,
            warnings: env.warnings.unwrap_or_default(),
            infos: env.infos.unwrap_or_default(),
        })
    }

    async fn call(
        &self,
        what: &str,
        path: &[&str],
        query: &[(&str, String)],
    ) -> Result<PromResponse<String>> {
        let reply = self.http.get(path, query, &[]).await?;
        self.envelope(what, &reply)
    }

    fn decode<T>(
        &self,
        what: &str,
        r: PromResponse<String>,
        f: impl FnOnce(&str) -> std::result::Result<T, String>,
    ) -> Result<PromResponse<T>> {
        let data = f(&r.data).map_err(|e| self.http.decode_error(what, e))?;
        Ok(PromResponse {
            data,
            warnings: r.warnings,
            infos: r.infos,
        })
    }

    /// `GET /api/v1/query`: evaluates `expr` at `time_ms` (ms since the epoch; the server's now
    /// when `None`).
    pub async fn query(&self, expr: &str, time_ms: Option<i64>) -> Result<PromResponse<QueryData>> {
        let mut q = vec![("query", expr.to_string())];
        if let Some(t) = time_ms {
            q.push(("time", format_millis_as_seconds(t)));
        }
        let r = self.call("query", &["api", "v1", "query"], &q).await?;
        self.decode("query", r, decode_query_data)
    }

    /// `GET /api/v1/query_range`: evaluates `expr` from `start_ms` to `end_ms` every `step`
    /// (millisecond precision).
    pub async fn query_range(
        &self,
        expr: &str,
        start_ms: i64,
        end_ms: i64,
        step: Duration,
    ) -> Result<PromResponse<QueryData>> {
        let q = [
            ("query", expr.to_string()),
            ("start", format_millis_as_seconds(start_ms)),
            ("end", format_millis_as_seconds(end_ms)),
            ("step", step_text(step)),
        ];
        let r = self
            .call("query_range", &["api", "v1", "query_range"], &q)
            .await?;
        self.decode("query_range", r, decode_query_data)
    }

    fn matchers_and_range(
        matchers: &[&str],
        start_ms: Option<i64>,
        end_ms: Option<i64>,
    ) -> Vec<(&'static str, String)> {
        let mut q: Vec<(&'static str, String)> = matchers
            .iter()
            .map(|m| ("match[]", (*m).to_string()))
            .collect();
        if let Some(s) = start_ms {
            q.push(("start", format_millis_as_seconds(s)));
        }
        if let Some(e) = end_ms {
            q.push(("end", format_millis_as_seconds(e)));
        }
        q
    }

    /// `GET /api/v1/series`: the label sets of the series matching any of `matchers` (at least
    /// one is required by the server).
    pub async fn series(
        &self,
        matchers: &[&str],
        start_ms: Option<i64>,
        end_ms: Option<i64>,
    ) -> Result<PromResponse<Vec<BTreeMap<String, String>>>> {
        let q = Self::matchers_and_range(matchers, start_ms, end_ms);
        let r = self.call("series", &["api", "v1", "series"], &q).await?;
        self.decode("series", r, |d| {
            serde_json::from_str(d).map_err(|e| e.to_string())
        })
    }

    /// `GET /api/v1/labels`: label names (of the series matching `matchers`, when given).
    pub async fn labels(
        &self,
        matchers: &[&str],
        start_ms: Option<i64>,
        end_ms: Option<i64>,
    ) -> Result<PromResponse<Vec<String>>> {
        let q = Self::matchers_and_range(matchers, start_ms, end_ms);
        let r = self.call("labels", &["api", "v1", "labels"], &q).await?;
        self.decode("labels", r, |d| {
            serde_json::from_str(d).map_err(|e| e.to_string())
        })
    }

    /// `GET /api/v1/label/{name}/values`: values of one label (`name` is percent-encoded).
    pub async fn label_values(
        &self,
        name: &str,
        matchers: &[&str],
        start_ms: Option<i64>,
        end_ms: Option<i64>,
    ) -> Result<PromResponse<Vec<String>>> {
        let q = Self::matchers_and_range(matchers, start_ms, end_ms);
        let r = self
            .call("label values", &["api", "v1", "label", name, "values"], &q)
            .await?;
        self.decode("label values", r, |d| {
            serde_json::from_str(d).map_err(|e| e.to_string())
        })
    }

    /// `GET /api/v1/query_exemplars`: exemplars of the series `expr` selects between `start_ms`
    /// and `end_ms`.
    pub async fn query_exemplars(
        &self,
        expr: &str,
        start_ms: i64,
        end_ms: i64,
    ) -> Result<PromResponse<Vec<ExemplarSeries>>> {
        let q = [
            ("query", expr.to_string()),
            ("start", format_millis_as_seconds(start_ms)),
            ("end", format_millis_as_seconds(end_ms)),
        ];
        let r = self
            .call("query_exemplars", &["api", "v1", "query_exemplars"], &q)
            .await?;
        self.decode("query_exemplars", r, decode_exemplars)
    }

    /// `GET /api/v1/targets`, optionally filtered by `state` (`active`, `dropped`, `any`).
    pub async fn targets(&self, state: Option<&str>) -> Result<PromResponse<Targets>> {
        let q: Vec<(&str, String)> = state
            .map(|s| ("state", s.to_string()))
            .into_iter()
            .collect();
        let r = self.call("targets", &["api", "v1", "targets"], &q).await?;
        self.decode("targets", r, |d| {
            serde_json::from_str(d).map_err(|e| e.to_string())
        })
    }
}

/// Decodes `/api/v1/query_exemplars` data.
pub fn decode_exemplars(data: &str) -> std::result::Result<Vec<ExemplarSeries>, String> {
    let raw: Vec<RawExemplarSeries<'_>> = serde_json::from_str(data).map_err(|e| e.to_string())?;
    raw.into_iter()
        .map(|s| {
            let exemplars = s
                .exemplars
                .into_iter()
                .map(|e| {
                    Ok(Exemplar {
                        t_ms: parse_timestamp_ms(e.timestamp.get()).ok_or_else(|| {
                            format!("bad exemplar timestamp {}", e.timestamp.get())
                        })?,
                        value: parse_value(&e.value)
                            .ok_or_else(|| format!("bad exemplar value {:?}", e.value))?,
                        text: e.value,
                        labels: e.labels,
                    })
                })
                .collect::<std::result::Result<Vec<_>, String>>()?;
            Ok(ExemplarSeries {
                series_labels: s.series_labels,
                exemplars,
            })
        })
        .collect()
}

/// `name{k="v", …}` for a label set (`{}` when empty).
pub fn series_name(labels: &BTreeMap<String, String>) -> String {
    let name = labels.get("__name__").cloned().unwrap_or_default();
    let rest: Vec<String> = labels
        .iter()
        .filter(|(k, _)| k.as_str() != "__name__")
        .map(|(k, v)| format!("{k}={v:?}"))
        .collect();
    if rest.is_empty() && !name.is_empty() {
        name
    } else {
        format!("{name}{{{}}}", rest.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_prometheus_writes_them() {
        assert!(parse_value("NaN").unwrap().is_nan());
        assert_eq!(parse_value("+Inf"), Some(f64::INFINITY));
        assert_eq!(parse_value("-Inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_value("1e-07"), Some(1e-7));
        assert_eq!(parse_value("1.2345678e-67"), Some(1.2345678e-67));
        assert_eq!(
            parse_value("123456789012345680"),
            Some(123456789012345680.0)
        );
        assert_eq!(parse_value("inf"), None);
        assert_eq!(parse_value("x"), None);
    }

    #[test]
    fn timestamps_are_exact_millis() {
        assert_eq!(
            parse_timestamp_ms("12345678123456.555"),
            Some(12_345_678_123_456_555)
        );
        assert_eq!(
            parse_timestamp_ms("1795570328.500"),
            Some(1_795_570_328_500)
        );
        assert_eq!(parse_timestamp_ms("-1.5"), Some(-1500));
        assert_eq!(parse_timestamp_ms("0"), Some(0));
    }

    #[test]
    fn every_result_type() {
        let v = decode_query_data(
            r#"{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1.001,"NaN"]}]}"#,
        )
        .unwrap();
        let QueryData::Vector(s) = v else { panic!() };
        assert_eq!(s[0].value.as_ref().unwrap().t_ms, 1001);
        assert!(s[0].value.as_ref().unwrap().value.is_nan());
        let m = decode_query_data(r#"{"resultType":"matrix","result":[{"metric":{},"values":[[0.010,"1"],[0.100,"-Inf"]]}]}"#).unwrap();
        let QueryData::Matrix(s) = m else { panic!() };
        assert_eq!(
            s[0].values.iter().map(|p| p.t_ms).collect::<Vec<_>>(),
            vec![10, 100]
        );
        let sc = decode_query_data(r#"{"resultType":"scalar","result":[-1,"1.5"]}"#).unwrap();
        assert_eq!(
            sc,
            QueryData::Scalar(Point {
                t_ms: -1000,
                value: 1.5,
                text: "1.5".into()
            })
        );
        let st = decode_query_data(r#"{"resultType":"string","result":[1,"hi"]}"#).unwrap();
        assert_eq!(
            st,
            QueryData::String {
                t_ms: 1000,
                value: "hi".into()
            }
        );
        assert!(decode_query_data(r#"{"resultType":"weird","result":[]}"#).is_err());
        assert!(decode_query_data(
            r#"{"resultType":"vector","result":[{"metric":{},"value":[1,"zz"]}]}"#
        )
        .is_err());
    }

    #[test]
    fn steps() {
        assert_eq!(step_text(Duration::from_secs(30)), "30");
        assert_eq!(step_text(Duration::from_millis(2250)), "2.250");
    }
}
