//! `metrics query <promql>`: ask the cluster's Prometheus. An instant query prints one row per
//! series (labels, value, timestamp); `--range` prints one sparkline per series with its
//! min / max / last.
//!
//! The Prometheus comes from the profile (`prometheus_url` or a `[profiles.NAME.prometheus]`
//! table) or `BUTTERFLY_PROMETHEUS_URL`; `demo up` sets it when Prometheus is installed.

use crate::error::{Error, Result};
use crate::output::{Report, Style};
use crate::session::Ctx;
use crate::sources::prometheus::series_name;
use crate::sources::prometheus::{Point, QueryData};
use crate::sources::PrometheusClient;
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Widest sparkline drawn, in characters: 60.
pub const SPARKLINE_WIDTH: usize = 60;
/// Points a range query aims for when `--step` is not given: 60 (step = range / 60, at
/// least 1 s).
pub const DEFAULT_POINTS: u32 = 60;
/// Prometheus refuses range queries of more than 11,000 points.
pub const MAX_POINTS: u64 = 11_000;
/// Series listed by default (`--limit`): 100.
pub const DEFAULT_SERIES_LIMIT: usize = 100;

/// `metrics ...`
#[derive(Debug, Subcommand)]
pub enum MetricsCommand {
    /// Run a PromQL query: instant (table) or `--range` (sparklines).
    Query(QueryArgs),
}

/// `metrics query <promql> [--time T] [--range D [--step S]]`
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The PromQL expression (quote it in the shell).
    #[arg(add = ArgValueCompleter::new(crate::session::complete_metric_names))]
    pub promql: String,
    /// Evaluation time (end of the range with `--range`): RFC 3339 (`2026-01-02T15:04:05Z`) or
    /// unix seconds [default: now].
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub time: Option<i64>,
    /// Make it a range query over this long, ending at `--time`, e.g. `1h`, `15m`.
    #[arg(long, value_name = "DURATION", value_parser = crate::opts::parse_duration)]
    pub range: Option<Duration>,
    /// Resolution of a range query, e.g. `30s` [default: range / 60, at least 1s].
    #[arg(long, value_name = "DURATION", value_parser = crate::opts::parse_duration, requires = "range")]
    pub step: Option<Duration>,
    /// Most series listed, in Prometheus' order (the JSON says how many there were).
    #[arg(long, default_value_t = DEFAULT_SERIES_LIMIT)]
    pub limit: usize,
}

/// Parses `--time`: RFC 3339, or unix seconds with an optional fraction, to milliseconds.
pub fn parse_time(s: &str) -> std::result::Result<i64, String> {
    let s = s.trim();
    if let Some(ms) = crate::sources::parse_decimal_seconds(s, 3) {
        return i64::try_from(ms).map_err(|_| format!("'{s}' is out of range"));
    }
    let t = humantime::parse_rfc3339_weak(s)
        .map_err(|e| format!("'{s}' is neither RFC 3339 nor unix seconds ({e})"))?;
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .map_err(|_| format!("'{s}' is before 1970"))
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// One sample in `metrics query -o json`: `{"t","t_ms","value"}` (`t` is `t_ms` in RFC 3339
/// UTC).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Sample {
    /// Milliseconds since the Unix epoch.
    pub t_ms: i64,
    /// The value exactly as Prometheus wrote it (`"1.5"`, `"NaN"`, `"+Inf"`, `"1e-07"`).
    pub value: String,
}

/// The JSON form of [`Sample`]: its fields with the RFC 3339 timestamp beside the epoch number.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "Sample")]
struct SampleJson<'a> {
    /// The same instant in RFC 3339 UTC (null when out of range).
    t: Option<String>,
    /// Milliseconds since the Unix epoch.
    t_ms: i64,
    /// The value exactly as Prometheus wrote it (`"1.5"`, `"NaN"`, `"+Inf"`, `"1e-07"`).
    value: &'a str,
}

impl Serialize for Sample {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        SampleJson {
            t: crate::output::rfc3339_ms(self.t_ms),
            t_ms: self.t_ms,
            value: &self.value,
        }
        .serialize(s)
    }
}

impl schemars::JsonSchema for Sample {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sample".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        SampleJson::json_schema(g)
    }
}

/// One series in `metrics query -o json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SeriesOut {
    /// Label set (`__name__` included when the query keeps it); empty for scalars.
    pub labels: BTreeMap<String, String>,
    /// Samples, oldest first (one for an instant vector).
    pub samples: Vec<Sample>,
    /// Smallest finite value; null when there is none.
    pub min: Option<f64>,
    /// Largest finite value; null when there is none.
    pub max: Option<f64>,
    /// The newest value as written; null without samples.
    pub last: Option<String>,
}

/// `metrics query -o json`, a stable shape:
///
/// ```json
/// {"query": "sum(up)", "kind": "instant" | "range", "result_type": "vector" | "matrix" | "scalar" | "string",
///  "time": "2026-11-25T01:32:28.781Z", "start": null, "end": null,
///  "time_ms": 1795570348781, "start_ms": null, "end_ms": null, "step_ms": null,
///  "series": [{"labels": {"job": "x"}, "samples": [{"t": "2026-11-25T01:32:28.781Z", "t_ms": 1795570348781, "value": "1"}],
///              "min": 1.0, "max": 1.0, "last": "1"}],
///  "warnings": [], "infos": [], "total": 1, "truncated": false, "limit": 100}
/// ```
///
/// `time_ms` is set for instant queries (null when the server's now was used), `start_ms`,
/// `end_ms` and `step_ms` for range queries. A scalar is one series with no labels; a string
/// result is one series whose sample value is the string. Native-histogram samples are not
/// listed (a warning counts them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MetricsQueryReport {
    /// The PromQL as sent.
    pub query: String,
    /// `instant` or `range`.
    pub kind: String,
    /// Prometheus' `resultType`.
    pub result_type: String,
    /// Instant evaluation time, RFC 3339 UTC (null = the server's now).
    #[serde(default)]
    pub time: Option<String>,
    /// Range start, RFC 3339 UTC.
    #[serde(default)]
    pub start: Option<String>,
    /// Range end, RFC 3339 UTC.
    #[serde(default)]
    pub end: Option<String>,
    /// Instant evaluation time, ms (null = the server's now).
    pub time_ms: Option<i64>,
    /// Range start, ms.
    pub start_ms: Option<i64>,
    /// Range end, ms.
    pub end_ms: Option<i64>,
    /// Range step, ms.
    pub step_ms: Option<i64>,
    /// The series.
    pub series: Vec<SeriesOut>,
    /// Prometheus' warnings (the result may be incomplete), and the console's own.
    pub warnings: Vec<String>,
    /// Prometheus' infos.
    pub infos: Vec<String>,
    /// Series in Prometheus' answer (before `--limit`).
    #[serde(default)]
    pub total: usize,
    /// Fewer series listed than `total` (raise `--limit`).
    #[serde(default)]
    pub truncated: bool,
    /// The `--limit` asked for.
    #[serde(default)]
    pub limit: usize,
}

fn series_of(labels: BTreeMap<String, String>, points: &[Point]) -> SeriesOut {
    let finite = points.iter().map(|p| p.value).filter(|v| v.is_finite());
    SeriesOut {
        labels,
        samples: points
            .iter()
            .map(|p| Sample {
                t_ms: p.t_ms,
                value: p.text.clone(),
            })
            .collect(),
        min: finite.clone().reduce(f64::min),
        max: finite.reduce(f64::max),
        last: points.last().map(|p| p.text.clone()),
    }
}

fn fill(report: &mut MetricsQueryReport, data: QueryData) {
    report.result_type = data.result_type().to_string();
    let mut histograms = 0usize;
    match data {
        QueryData::Vector(v) => {
            for s in v {
                histograms += usize::from(s.histogram.is_some());
                let pts: Vec<Point> = s.value.into_iter().collect();
                if !pts.is_empty() {
                    report.series.push(series_of(s.metric, &pts));
                }
            }
        }
        QueryData::Matrix(m) => {
            for s in m {
                histograms += s.histograms.len();
                report.series.push(series_of(s.metric, &s.values));
            }
        }
        QueryData::Scalar(p) => report.series.push(series_of(BTreeMap::new(), &[p])),
        QueryData::String { t_ms, value } => report.series.push(SeriesOut {
            labels: BTreeMap::new(),
            samples: vec![Sample {
                t_ms,
                value: value.clone(),
            }],
            min: None,
            max: None,
            last: Some(value),
        }),
    }
    if histograms > 0 {
        report.warnings.push(format!(
            "{histograms} native-histogram sample(s) not shown; query e.g. histogram_quantile() or histogram_count() of them"
        ));
    }
}

/// Runs a `metrics` command.
pub async fn exec(cmd: MetricsCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        MetricsCommand::Query(args) => Ok(Box::new(query(args, ctx).await?)),
    }
}

async fn query(args: QueryArgs, ctx: &Ctx<'_>) -> Result<MetricsQueryReport> {
    if args.limit == 0 {
        return Err(Error::Usage("--limit must be at least 1".into()));
    }
    let prom = PrometheusClient::from_settings(ctx.settings()?)?;
    let mut report = MetricsQueryReport {
        query: args.promql.clone(),
        kind: if args.range.is_some() {
            "range"
        } else {
            "instant"
        }
        .into(),
        result_type: String::new(),
        time: None,
        start: None,
        end: None,
        time_ms: None,
        start_ms: None,
        end_ms: None,
        step_ms: None,
        series: Vec::new(),
        warnings: Vec::new(),
        infos: Vec::new(),
        total: 0,
        truncated: false,
        limit: args.limit,
    };
    let resp = match args.range {
        None => {
            report.time_ms = args.time;
            report.time = args.time.and_then(crate::output::rfc3339_ms);
            prom.query(&args.promql, args.time).await?
        }
        Some(range) => {
            if range.is_zero() {
                return Err(Error::Usage("--range must be more than zero".into()));
            }
            let step = args
                .step
                .unwrap_or_else(|| (range / DEFAULT_POINTS).max(Duration::from_secs(1)));
            if step.as_millis() == 0 {
                return Err(Error::Usage("--step must be at least 1ms".into()));
            }
            let points = range.as_millis() / step.as_millis();
            if points as u64 > MAX_POINTS {
                return Err(Error::Usage(format!(
                    "--range {} at --step {} is {points} points; Prometheus allows {MAX_POINTS}: use a larger --step",
                    humantime::format_duration(range),
                    humantime::format_duration(step)
                )));
            }
            let end = args.time.unwrap_or_else(now_ms);
            let start = end.saturating_sub(range.as_millis().min(i64::MAX as u128) as i64);
            report.start_ms = Some(start);
            report.end_ms = Some(end);
            report.start = crate::output::rfc3339_ms(start);
            report.end = crate::output::rfc3339_ms(end);
            report.step_ms = Some(step.as_millis().min(i64::MAX as u128) as i64);
            prom.query_range(&args.promql, start, end, step).await?
        }
    };
    report.warnings.extend(resp.warnings);
    report.infos = resp.infos;
    fill(&mut report, resp.data);
    report.total = report.series.len();
    report.series.truncate(args.limit);
    report.truncated = report.series.len() < report.total;
    Ok(report)
}

/// A unicode sparkline (`▁▂▃▄▅▆▇█`) of `values`, at most `width` characters: values are
/// averaged into `width` buckets; a bucket with no finite value is a space.
pub fn sparkline(values: &[f64], width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let n = values.len().min(width);
    let buckets: Vec<Option<f64>> = (0..n)
        .map(|i| {
            let (a, b) = (
                i * values.len() / n,
                ((i + 1) * values.len() / n).max(i * values.len() / n + 1),
            );
            let finite: Vec<f64> = values[a..b]
                .iter()
                .copied()
                .filter(|v| v.is_finite())
                .collect();
            (!finite.is_empty()).then(|| finite.iter().sum::<f64>() / finite.len() as f64)
        })
        .collect();
    let lo = buckets
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let hi = buckets
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    buckets
        .iter()
        .map(|b| match b {
            None => ' ',
            Some(v) if hi > lo => {
                let idx = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                BARS[idx.min(7)]
            }
            Some(_) => BARS[3],
        })
        .collect()
}

fn sample_value(p: &Sample) -> f64 {
    crate::sources::prometheus::parse_value(&p.value).unwrap_or(f64::NAN)
}

/// A sparkline laid out on the query's time axis: one slot per step from `start_ms` to
/// `end_ms` (squeezed into at most `width` characters), so that missing samples show as gaps.
pub fn timed_sparkline(
    samples: &[Sample],
    start_ms: i64,
    end_ms: i64,
    step_ms: i64,
    width: usize,
) -> String {
    if step_ms <= 0 || end_ms < start_ms {
        let values: Vec<f64> = samples.iter().map(sample_value).collect();
        return sparkline(&values, width);
    }
    let slots = usize::try_from((end_ms - start_ms) / step_ms + 1)
        .unwrap_or(usize::MAX)
        .clamp(1, 11_001);
    let mut values = vec![f64::NAN; slots];
    for p in samples {
        let i = (p.t_ms - start_ms + step_ms / 2).div_euclid(step_ms);
        if let Some(slot) = usize::try_from(i).ok().and_then(|i| values.get_mut(i)) {
            *slot = sample_value(p);
        }
    }
    sparkline(&values, width)
}

fn number(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e-3 && v.abs() < 1e15 {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{v}")
    }
}

fn rfc3339_ms(t_ms: i64) -> String {
    if t_ms < 0 {
        return format!("{t_ms}ms");
    }
    humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(t_ms as u64)).to_string()
}

impl Report for MetricsQueryReport {
    fn render(&self, style: &Style) -> String {
        let mut out = if self.series.is_empty() {
            style.dim("no data")
        } else if self.kind == "range" {
            let mut t = style.table(&["SERIES", "", "MIN", "MAX", "LAST", "POINTS"]);
            for s in &self.series {
                let line = match (self.start_ms, self.end_ms, self.step_ms) {
                    (Some(start), Some(end), Some(step)) => {
                        timed_sparkline(&s.samples, start, end, step, SPARKLINE_WIDTH)
                    }
                    _ => {
                        let values: Vec<f64> = s.samples.iter().map(sample_value).collect();
                        sparkline(&values, SPARKLINE_WIDTH)
                    }
                };
                t.add_row(vec![
                    series_name(&s.labels),
                    line,
                    s.min.map(number).unwrap_or_else(|| "-".into()),
                    s.max.map(number).unwrap_or_else(|| "-".into()),
                    s.last.clone().unwrap_or_else(|| "-".into()),
                    s.samples.len().to_string(),
                ]);
            }
            t.to_string()
        } else {
            let mut t = style.table(&["SERIES", "VALUE", "TIMESTAMP"]);
            for s in &self.series {
                for p in &s.samples {
                    t.add_row(vec![
                        series_name(&s.labels),
                        p.value.clone(),
                        rfc3339_ms(p.t_ms),
                    ]);
                }
            }
            t.to_string()
        };
        if self.truncated {
            out.push_str(&format!(
                "\nshowing {} of {} (--limit)",
                self.series.len(),
                self.total
            ));
        }
        for w in &self.warnings {
            out.push_str(&format!("\n{} {w}", style.warn("warning:")));
        }
        for i in &self.infos {
            out.push_str(&format!("\n{} {i}", style.dim("info:")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ToJson as _;

    #[test]
    fn sparklines() {
        assert_eq!(
            sparkline(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 60),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[1.0, 1.0], 60), "▄▄");
        assert_eq!(sparkline(&[0.0, f64::NAN, 1.0], 60), "▁ █");
        assert_eq!(
            sparkline(&(0..600).map(f64::from).collect::<Vec<_>>(), 60)
                .chars()
                .count(),
            60
        );
        assert_eq!(sparkline(&[], 60), "");
        let s = |t_ms, v: &str| Sample {
            t_ms,
            value: v.into(),
        };
        // 0..60 s every 15 s: five slots; samples only at 30 and 60 s.
        assert_eq!(
            timed_sparkline(&[s(30_000, "1"), s(60_000, "2")], 0, 60_000, 15_000, 60),
            "  ▁ █"
        );
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1795570348.781"), Ok(1_795_570_348_781));
        assert_eq!(
            parse_time("2026-11-25T01:32:28.123Z"),
            Ok(1_795_570_348_123)
        );
        assert!(parse_time("yesterday").is_err());
        assert_eq!(rfc3339_ms(1_795_570_348_123), "2026-11-25T01:32:28.123Z");
    }

    #[test]
    fn names() {
        let l = BTreeMap::from([
            ("__name__".to_string(), "up".to_string()),
            ("job".into(), "x".into()),
        ]);
        assert_eq!(series_name(&l), "up{job=\"x\"}");
        assert_eq!(series_name(&BTreeMap::new()), "{}");
        assert_eq!(
            series_name(&BTreeMap::from([(
                "__name__".to_string(),
                "up".to_string()
            )])),
            "up"
        );
    }

    #[test]
    fn json_shape_round_trips() {
        let mut r = MetricsQueryReport {
            query: "x".into(),
            kind: "range".into(),
            result_type: String::new(),
            time: None,
            start: None,
            end: None,
            time_ms: None,
            start_ms: Some(0),
            end_ms: Some(60_000),
            step_ms: Some(15_000),
            series: vec![],
            warnings: vec![],
            infos: vec![],
            total: 0,
            truncated: false,
            limit: 100,
        };
        fill(
            &mut r,
            crate::sources::prometheus::decode_query_data(
                r#"{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[0,"1"],[15,"NaN"],[30,"3"]]}]}"#,
            )
            .unwrap(),
        );
        let back: MetricsQueryReport = serde_json::from_value(r.to_json()).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.series[0].min, Some(1.0));
        assert_eq!(back.series[0].max, Some(3.0));
        assert_eq!(back.series[0].last.as_deref(), Some("3"));
        assert_eq!(back.series[0].samples[1].value, "NaN");
        let text = r.render(&Style::plain());
        assert!(text.contains("▁ █"), "{text}");
    }
}
