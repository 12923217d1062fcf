//! Contract tests of the Prometheus, Jaeger and Loki clients against fixtures kept in the
//! repository: `tests/fixtures/upstream/` holds upstream files under permissive licenses
//! (Prometheus, Jaeger, OpenTelemetry, W3C; see its README for each file's origin and license)
//! and `tests/fixtures/loki/` the project's own Loki answers, written from Loki's documented HTTP
//! API format. A local HTTP server serves each fixture byte for byte, with the recorded status
//! and `Content-Type` where a capture has them (`prometheus/captured_v2.42.0_debian/headers/`),
//! `text/plain` for Jaeger and Loki errors as their servers send them. The server records every
//! request so the query encoding is checked too. Hostile answers (truncated JSON, HTML 500s, a
//! 100 MB body streamed on the fly, a server slower than the deadline) must give clear errors,
//! never a panic.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use butterfly_cli::sources::jaeger::TraceQuery;
use butterfly_cli::sources::loki::{Direction, LokiData};
use butterfly_cli::sources::prometheus::{self, QueryData};
use butterfly_cli::sources::{
    JaegerClient, LokiClient, PrometheusClient, SourceConfig, SourceError, DEFAULT_MAX_BODY_BYTES,
};
use butterfly_cli::trace::SpanStatus;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---- fixtures ----------------------------------------------------------------------------

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upstream")
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = fixtures_dir().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("fixture {}: {e}", p.display()))
}

/// One of the project's own Loki answers (`tests/fixtures/loki/`).
fn loki_fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/loki")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("fixture {}: {e}", p.display()))
}

const CAPTURED: &str = "prometheus/captured_v2.42.0_debian";

/// A captured Prometheus answer: body plus the recorded status and Content-Type.
fn captured(name: &str) -> Canned {
    let body_path = if fixtures_dir()
        .join(format!("{CAPTURED}/{name}.json"))
        .exists()
    {
        format!("{CAPTURED}/{name}.json")
    } else {
        format!("{CAPTURED}/{name}.txt")
    };
    let headers = String::from_utf8(fixture(&format!("{CAPTURED}/headers/{name}.headers.txt")))
        .expect("headers are text");
    let mut lines = headers.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let content_type = lines
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.trim().to_string())
        })
        .expect("Content-Type header");
    Canned::Body {
        status,
        content_type,
        body: fixture(&body_path),
    }
}

fn json(status: u16, body: Vec<u8>) -> Canned {
    Canned::Body {
        status,
        content_type: "application/json".into(),
        body,
    }
}

fn text(status: u16, body: Vec<u8>) -> Canned {
    Canned::Body {
        status,
        content_type: "text/plain; charset=utf-8".into(),
        body,
    }
}

// ---- the test server ---------------------------------------------------------------------

#[derive(Clone)]
enum Canned {
    Body {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
    /// 200, `bytes` of JSON-ish padding generated while streaming (never held in memory).
    Huge { bytes: u64, declare_length: bool },
    /// Waits `delay` before answering with the body.
    Slow { delay: Duration, then: Box<Canned> },
    /// Sends headers and the first bytes, then stalls for `delay`.
    Stall { delay: Duration },
}

#[derive(Debug, Clone)]
struct Seen {
    path: String,
    query: String,
    headers: HashMap<String, String>,
}

impl Seen {
    /// Decoded query pairs.
    fn pairs(&self) -> Vec<(String, String)> {
        reqwest::Url::parse(&format!("http://x/?{}", self.query))
            .unwrap()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
    fn param(&self, key: &str) -> Option<String> {
        self.pairs()
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

#[derive(Clone)]
struct ServerState {
    routes: Arc<Vec<(String, Canned)>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

struct TestServer {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
    fn last(&self) -> Seen {
        self.seen()
            .last()
            .cloned()
            .expect("the server saw a request")
    }
    fn config(&self) -> SourceConfig {
        SourceConfig::new(&self.url)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

static PAD: [u8; 64 * 1024] = [b' '; 64 * 1024];

fn respond(c: Canned) -> std::pin::Pin<Box<dyn std::future::Future<Output = Response> + Send>> {
    Box::pin(async move {
        match c {
            Canned::Body {
                status,
                content_type,
                body,
            } => {
                let mut r = Response::new(Body::from(body));
                *r.status_mut() = StatusCode::from_u16(status).unwrap();
                r.headers_mut().insert(
                    "content-type",
                    HeaderValue::from_str(&content_type).unwrap(),
                );
                r
            }
            Canned::Huge {
                bytes,
                declare_length,
            } => {
                let head: &'static [u8] = b"{\"status\":\"success\",\"data\":";
                let chunks = bytes / PAD.len() as u64;
                let stream = futures::stream::iter(
                    std::iter::once(Bytes::from_static(head))
                        .chain((0..chunks).map(|_| Bytes::from_static(&PAD)))
                        .map(Ok::<_, std::io::Error>),
                );
                let mut r = Response::new(Body::from_stream(stream));
                r.headers_mut()
                    .insert("content-type", HeaderValue::from_static("application/json"));
                if declare_length {
                    let len = head.len() as u64 + chunks * PAD.len() as u64;
                    r.headers_mut()
                        .insert("content-length", HeaderValue::from(len));
                }
                r
            }
            Canned::Slow { delay, then } => {
                tokio::time::sleep(delay).await;
                respond(*then).await
            }
            Canned::Stall { delay } => {
                let stream = futures::stream::unfold(0u8, move |n| async move {
                    match n {
                        0 => Some((
                            Ok::<_, std::io::Error>(Bytes::from_static(b"{\"status\":")),
                            1,
                        )),
                        1 => {
                            tokio::time::sleep(delay).await;
                            Some((Ok(Bytes::from_static(b"\"success\",\"data\":[]}")), 2))
                        }
                        _ => None,
                    }
                });
                let mut r = Response::new(Body::from_stream(stream));
                r.headers_mut()
                    .insert("content-type", HeaderValue::from_static("application/json"));
                r
            }
        }
    })
}

async fn handler(State(st): State<ServerState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    st.seen.lock().unwrap().push(Seen {
        path: path.clone(),
        query: req.uri().query().unwrap_or("").to_string(),
        headers: req
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect(),
    });
    match st.routes.iter().find(|(p, _)| *p == path) {
        Some((_, c)) => respond(c.clone()).await,
        None => respond(text(404, b"404 page not found\n".to_vec())).await,
    }
}

/// Serves `routes` (exact raw path → answer) on 127.0.0.1:0.
async fn serve(routes: Vec<(&str, Canned)>) -> TestServer {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let state = ServerState {
        routes: Arc::new(
            routes
                .into_iter()
                .map(|(p, c)| (p.to_string(), c))
                .collect(),
        ),
        seen: seen.clone(),
    };
    let app = axum::Router::new().fallback(handler).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    TestServer {
        url: format!("http://{addr}"),
        seen,
        task,
    }
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

// ---- Prometheus --------------------------------------------------------------------------

#[tokio::test]
async fn prometheus_instant_vector_as_captured() {
    let s = serve(vec![("/api/v1/query", captured("query_vector"))]).await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let r = p.query("up", Some(1_795_570_348_781)).await.unwrap();
    assert!(r.warnings.is_empty() && r.infos.is_empty());
    let QueryData::Vector(v) = r.data else {
        panic!("{:?}", r.data)
    };
    assert_eq!(v.len(), 2);
    assert_eq!(
        v[0].metric,
        labels(&[
            ("__name__", "up"),
            ("env", "test"),
            ("instance", "127.0.0.1:19999"),
            ("job", "node")
        ])
    );
    let p0 = v[0].value.as_ref().unwrap();
    assert_eq!(
        (p0.t_ms, p0.value, p0.text.as_str()),
        (1_795_570_348_781, 0.0, "0")
    );
    assert_eq!(v[1].value.as_ref().unwrap().value, 1.0);
    assert_eq!(v[1].metric["job"], "prometheus");
    let seen = s.last();
    assert_eq!(seen.path, "/api/v1/query");
    assert_eq!(seen.param("query").as_deref(), Some("up"));
    assert_eq!(seen.param("time").as_deref(), Some("1795570348.781"));
}

#[tokio::test]
async fn prometheus_special_values_scalar_string_and_matrix() {
    let s = serve(vec![("/api/v1/query", captured("query_special_values"))]).await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let QueryData::Vector(v) = p.query("x", None).await.unwrap().data else {
        panic!()
    };
    let by: BTreeMap<&str, &prometheus::Point> = v
        .iter()
        .map(|s| (s.metric["v"].as_str(), s.value.as_ref().unwrap()))
        .collect();
    assert!(by["nan"].value.is_nan());
    assert_eq!(by["nan"].text, "NaN");
    assert_eq!(by["posinf"].value, f64::INFINITY);
    assert_eq!(by["posinf"].text, "+Inf");
    assert_eq!(by["neginf"].value, f64::NEG_INFINITY);
    assert_eq!(by["tiny"].value, 1e-7);
    assert_eq!(by["tiny"].text, "1e-07");
    assert_eq!(by["huge"].text, "123456789012345680");
    assert_eq!(by["huge"].value, 123_456_789_012_345_680.0);
    assert!(v
        .iter()
        .all(|s| s.value.as_ref().unwrap().t_ms == 1_795_570_348_000));
    // Without `time` the parameter is not sent.
    assert_eq!(s.last().param("time"), None);

    for (name, check) in [
        ("query_scalar", "scalar"),
        ("query_string", "string"),
        ("query_matrix_range_selector", "matrix"),
        ("query_empty_vector", "vector"),
        ("query_histogram_quantile", "vector"),
        ("query_with_stats", "vector"),
        ("query_rfc3339_time", "vector"),
        ("query_post_form", "vector"),
    ] {
        let s = serve(vec![("/api/v1/query", captured(name))]).await;
        let p = PrometheusClient::new(&s.config()).unwrap();
        let data = p
            .query("q", None)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .data;
        assert_eq!(data.result_type(), check, "{name}");
        match (name, data) {
            ("query_scalar", QueryData::Scalar(pt)) => {
                assert_eq!((pt.t_ms, pt.value), (1_795_570_348_000, 1.5))
            }
            ("query_string", QueryData::String { t_ms, value }) => {
                assert_eq!((t_ms, value.as_str()), (1_795_570_348_000, "hello"))
            }
            ("query_matrix_range_selector", QueryData::Matrix(m)) => {
                let ts: Vec<i64> = m[0].values.iter().map(|p| p.t_ms).collect();
                assert_eq!(
                    ts,
                    vec![
                        1_795_570_338_191,
                        1_795_570_340_191,
                        1_795_570_342_191,
                        1_795_570_344_191,
                        1_795_570_346_191
                    ]
                );
            }
            ("query_empty_vector", QueryData::Vector(v)) => assert!(v.is_empty()),
            ("query_histogram_quantile", QueryData::Vector(v)) => {
                assert!(v.iter().all(|s| s.metric.is_empty()), "{v:?}")
            }
            (_, QueryData::Vector(v)) => assert!(!v.is_empty(), "{name}"),
            (n, d) => panic!("{n}: {d:?}"),
        }
    }
}

#[tokio::test]
async fn prometheus_range_query_fractional_step() {
    let s = serve(vec![(
        "/api/v1/query_range",
        captured("query_range_matrix_frac_step"),
    )])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let r = p
        .query_range(
            "up{job=\"prometheus\"}",
            1_795_570_328_500,
            1_795_570_348_000,
            Duration::from_millis(2250),
        )
        .await
        .unwrap();
    let QueryData::Matrix(m) = r.data else {
        panic!()
    };
    assert_eq!(m.len(), 1);
    let ts: Vec<i64> = m[0].values.iter().map(|p| p.t_ms).collect();
    assert_eq!(ts.len(), 9);
    assert_eq!(ts[0], 1_795_570_328_500);
    assert_eq!(ts[1], 1_795_570_330_750);
    assert_eq!(ts[2], 1_795_570_333_000);
    assert!(ts.windows(2).all(|w| w[1] - w[0] == 2250));
    let seen = s.last();
    assert_eq!(seen.param("start").as_deref(), Some("1795570328.500"));
    assert_eq!(seen.param("end").as_deref(), Some("1795570348"));
    assert_eq!(seen.param("step").as_deref(), Some("2.250"));

    let s = serve(vec![(
        "/api/v1/query_range",
        captured("query_range_matrix"),
    )])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let QueryData::Matrix(m) = p
        .query_range(
            "up",
            1_795_570_328_000,
            1_795_570_348_000,
            Duration::from_secs(5),
        )
        .await
        .unwrap()
        .data
    else {
        panic!()
    };
    assert_eq!(m.len(), 2);
    assert_eq!(s.last().param("step").as_deref(), Some("5"));
}

#[tokio::test]
async fn prometheus_codec_edge_cases() {
    // `data` is a bare [timestamp, "value"] pair in these upstream codec fixtures.
    let cases: [(&str, i64, &str); 12] = [
        ("fpoint_t0_zero", 0, "20"),
        ("fpoint_ts_0.001", 1, "20"),
        ("fpoint_ts_0.010", 10, "20"),
        ("fpoint_ts_0.100", 100, "20"),
        ("fpoint_ts_1.001", 1001, "20"),
        ("fpoint_ts_1.010", 1010, "20"),
        ("fpoint_ts_1.100", 1100, "20"),
        ("fpoint_ts_large", 12_345_678_123_456_555, "20"),
        ("fpoint_ts_negative", -1, "20"),
        ("fpoint_value_NaN", 0, "NaN"),
        ("fpoint_value_posInf", 0, "+Inf"),
        ("fpoint_value_negInf", 0, "-Inf"),
    ];
    #[derive(serde::Deserialize)]
    struct Env<'a> {
        #[serde(borrow)]
        data: &'a serde_json::value::RawValue,
    }
    for (name, t_ms, text) in cases {
        let body = fixture(&format!("prometheus/json_codec/{name}.json"));
        let env: Env<'_> = serde_json::from_slice(&body).unwrap();
        let p = prometheus::decode_point(env.data.get()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(p.t_ms, t_ms, "{name}: {}", env.data.get());
        if name.starts_with("fpoint_value") {
            assert_eq!(p.text, text, "{name}");
        }
    }
    for (name, want) in [
        ("fpoint_value_small_plain", None),
        ("fpoint_value_tiny_exponent", None),
        ("fpoint_value_1234567.8", Some(1_234_567.8)),
    ] {
        let body = fixture(&format!("prometheus/json_codec/{name}.json"));
        let env: Env<'_> = serde_json::from_slice(&body).unwrap();
        let p = prometheus::decode_point(env.data.get()).unwrap();
        assert!(p.value.is_finite() && p.value != 0.0, "{name}: {p:?}");
        if let Some(w) = want {
            assert_eq!(p.value, w);
        }
    }

    // Whole query bodies from the codec tests, served as-is.
    let s = serve(vec![
        (
            "/api/v1/query",
            json(
                200,
                fixture("prometheus/json_codec/query_matrix_native_histogram.json"),
            ),
        ),
        (
            "/api/v1/query_range",
            json(
                200,
                fixture("prometheus/json_codec/query_matrix_two_series.json"),
            ),
        ),
    ])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let QueryData::Matrix(m) = p.query("foo", None).await.unwrap().data else {
        panic!()
    };
    let h = &m[0].histograms[0];
    assert_eq!((h.t_ms, h.count, h.sum), (1000, 10.0, 20.0));
    assert_eq!(h.buckets.len(), 8);
    assert_eq!(h.buckets[2].boundaries, 3);
    assert_eq!(
        (h.buckets[2].lower, h.buckets[2].upper, h.buckets[2].count),
        (-0.001, 0.001, 12.0)
    );
    assert!(m[0].values.is_empty());
    let QueryData::Matrix(m) = p
        .query_range("x", 0, 1, Duration::from_secs(1))
        .await
        .unwrap()
        .data
    else {
        panic!()
    };
    assert_eq!(m.len(), 2);
}

#[tokio::test]
async fn prometheus_exemplars_series_labels_targets() {
    let s = serve(vec![
        (
            "/api/v1/query_exemplars",
            json(200, fixture("prometheus/docs_query_exemplars.json")),
        ),
        ("/api/v1/series", captured("series")),
        ("/api/v1/labels", captured("labels")),
        ("/api/v1/label/job/values", captured("label_values_job")),
        ("/api/v1/targets", captured("targets")),
    ])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();

    let ex = p
        .query_exemplars(
            "test_exemplar_metric_total",
            1_600_096_900_000,
            1_600_097_000_000,
        )
        .await
        .unwrap()
        .data;
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[0].series_labels["service"], "bar");
    assert_eq!(ex[0].exemplars[0].labels["trace_id"], "EpTxMJ40fUus7aGY");
    assert_eq!(ex[0].exemplars[0].value, 6.0);
    assert_eq!(ex[0].exemplars[0].t_ms, 1_600_096_945_479);
    let seen = s.last();
    assert_eq!(seen.param("start").as_deref(), Some("1600096900"));

    let codec = prometheus::decode_exemplars(
        r#"[{"seriesLabels":{"foo":"bar"},"exemplars":[{"labels":{"trace_id":"abc"},"value":"+Inf","timestamp":1.234}]}]"#,
    )
    .unwrap();
    assert_eq!(codec[0].exemplars[0].t_ms, 1234);
    assert_eq!(codec[0].exemplars[0].value, f64::INFINITY);

    let series = p.series(&["up"], None, None).await.unwrap().data;
    assert_eq!(series.len(), 2);
    assert_eq!(
        series[1],
        labels(&[
            ("__name__", "up"),
            ("instance", "127.0.0.1:19090"),
            ("job", "prometheus")
        ])
    );
    assert_eq!(
        s.last().pairs(),
        vec![("match[]".to_string(), "up".to_string())]
    );

    let names = p.labels(&[], None, None).await.unwrap().data;
    assert_eq!(names.len(), 23);
    assert_eq!(names[0], "__name__");
    assert!(names.contains(&"le".to_string()));

    let jobs = p.label_values("job", &[], None, None).await.unwrap().data;
    assert_eq!(jobs, vec!["node", "prometheus"]);

    let t = p.targets(None).await.unwrap().data;
    assert_eq!(t.active_targets.len(), 2);
    let down = &t.active_targets[0];
    assert_eq!(down.health, "down");
    assert!(
        down.last_error.contains("connection refused"),
        "{}",
        down.last_error
    );
    assert_eq!(down.labels["job"], "node");
    assert_eq!(down.scrape_pool, "node");
    assert_eq!(t.active_targets[1].health, "up");
    assert!(t.dropped_targets.is_empty());
}

#[tokio::test]
async fn prometheus_errors_keep_type_and_status() {
    let cases = [
        ("error_bad_data_parse", 400, "bad_data", "parse error"),
        ("error_bad_data_missing_param", 400, "bad_data", "parameter"),
        (
            "error_bad_data_end_before_start",
            400,
            "bad_data",
            "end timestamp",
        ),
        ("error_bad_data_step_too_small", 400, "bad_data", "11,000"),
        (
            "error_bad_data_range_vector_in_range_query",
            400,
            "bad_data",
            "range vector",
        ),
        (
            "error_execution_many_to_many",
            422,
            "execution",
            "many-to-many",
        ),
        ("error_timeout", 503, "timeout", "timed out"),
    ];
    for (name, status, kind, needle) in cases {
        let s = serve(vec![("/api/v1/query", captured(name))]).await;
        let p = PrometheusClient::new(&s.config()).unwrap();
        match p.query("up", None).await {
            Err(SourceError::Api {
                status: st,
                error_type,
                message,
                ..
            }) => {
                assert_eq!(st, status, "{name}");
                assert_eq!(error_type, kind, "{name}");
                assert!(message.to_lowercase().contains(needle), "{name}: {message}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    // Router errors are text/plain, not JSON.
    for (name, status, msg) in [
        ("not_found_404", 404, "404 page not found"),
        ("error_method_not_allowed_DELETE", 405, "Method Not Allowed"),
    ] {
        let s = serve(vec![("/api/v1/query", captured(name))]).await;
        let p = PrometheusClient::new(&s.config()).unwrap();
        match p.query("up", None).await {
            Err(e @ SourceError::Http { .. }) => {
                let SourceError::Http {
                    status: st,
                    message,
                    ..
                } = &e
                else {
                    unreachable!()
                };
                assert_eq!((*st, message.as_str()), (status, msg));
                assert_eq!(
                    e.to_string(),
                    format!("prometheus: HTTP {status}: {msg}"),
                    "one clear line"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    // Upstream api_test bodies: 406, and a timeout that still carries `data`.
    let s = serve(vec![
        (
            "/api/v1/query",
            json(406, fixture("prometheus/error_not_acceptable.json")),
        ),
        (
            "/api/v1/query_range",
            json(503, fixture("prometheus/error_timeout_with_data.json")),
        ),
    ])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let e = p.query("up", None).await.unwrap_err();
    assert!(
        matches!(&e, SourceError::Api { status: 406, error_type, .. } if error_type == "not_acceptable"),
        "{e:?}"
    );
    let e = p
        .query_range("up", 0, 1000, Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, SourceError::Api { status: 503, error_type, message, .. } if error_type == "timeout" && message == "message"),
        "{e:?}"
    );
    // The console's error: exit code 1, one line.
    let console: butterfly_cli::error::Error = e.into();
    assert_eq!(console.exit_code(), 1);
    assert!(!console.to_string().contains('\n'));
}

#[tokio::test]
async fn prometheus_warnings_and_infos_are_surfaced() {
    let body = br#"{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["PromQL warning: encountered a mix"],"infos":["PromQL info: metric might not be a counter"],"somethingNew":{"x":1}}"#;
    let s = serve(vec![("/api/v1/query", json(200, body.to_vec()))]).await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let r = p.query("x", None).await.unwrap();
    assert_eq!(r.warnings, vec!["PromQL warning: encountered a mix"]);
    assert_eq!(r.infos, vec!["PromQL info: metric might not be a counter"]);
}

#[tokio::test]
async fn prometheus_query_encoding_round_trips() {
    let s = serve(vec![
        ("/api/v1/query", captured("query_empty_vector")),
        (
            "/api/v1/label/a%2Fb%20c/values",
            captured("label_values_job"),
        ),
    ])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let promql = r#"sum by (node_id) (rate(butterfly_requests_total{status=~"ok|error", model!="a b&c=d"}[1m])) + 1 / 2"#;
    p.query(promql, None).await.unwrap();
    let seen = s.last();
    assert_eq!(seen.param("query").as_deref(), Some(promql));
    assert!(
        seen.query.contains("%2B"),
        "a literal + must be encoded: {}",
        seen.query
    );
    assert!(
        !seen.query.contains('"') && !seen.query.contains('{'),
        "{}",
        seen.query
    );
    assert_eq!(
        seen.pairs().len(),
        1,
        "`&` and `=` inside the query stay inside it"
    );
    // A label name goes into the path as one percent-encoded segment.
    let v = p.label_values("a/b c", &[], None, None).await.unwrap().data;
    assert_eq!(v, vec!["node", "prometheus"]);
    assert_eq!(s.last().path, "/api/v1/label/a%2Fb%20c/values");
}

#[tokio::test]
async fn prometheus_every_captured_fixture_decodes_or_errors_cleanly() {
    let dir = fixtures_dir().join(CAPTURED);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json").or_else(|| n.strip_suffix(".txt")))
        else {
            continue;
        };
        if !dir.join(format!("headers/{name}.headers.txt")).exists() {
            continue;
        }
        n += 1;
        let canned = captured(name);
        let Canned::Body { status, .. } = &canned else {
            unreachable!()
        };
        let status = *status;
        let s = serve(vec![
            ("/api/v1/query", canned.clone()),
            ("/api/v1/query_range", canned.clone()),
            ("/api/v1/series", canned.clone()),
            ("/api/v1/labels", canned.clone()),
            ("/api/v1/label/job/values", canned.clone()),
            ("/api/v1/targets", canned.clone()),
        ])
        .await;
        let p = PrometheusClient::new(&s.config()).unwrap();
        let outcome: Result<(), SourceError> = if name.starts_with("query_range") {
            p.query_range("up", 0, 1000, Duration::from_secs(1))
                .await
                .map(drop)
        } else if name.starts_with("query_")
            || name.starts_with("error_")
            || name == "not_found_404"
        {
            p.query("up", None).await.map(drop)
        } else if name == "series" {
            p.series(&["up"], None, None).await.map(drop)
        } else if name == "labels" {
            p.labels(&[], None, None).await.map(drop)
        } else if name == "label_values_job" {
            p.label_values("job", &[], None, None).await.map(drop)
        } else if name.starts_with("targets") {
            p.targets(None).await.map(drop)
        } else {
            // metadata, buildinfo: not used by the console; asking them as a query must be a
            // clean decoding error, not a panic.
            match p.query("up", None).await {
                Err(SourceError::Decode { .. }) => Ok(()),
                other => panic!("{name}: {other:?}"),
            }
        };
        match outcome {
            Ok(()) => assert!(status < 300, "{name}: success on HTTP {status}"),
            Err(SourceError::Api { status: st, .. } | SourceError::Http { status: st, .. }) => {
                assert!(status >= 400, "{name}: error on HTTP {status}");
                assert_eq!(st, status, "{name}")
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    assert!(
        n >= 25,
        "only {n} captured fixtures found in {}",
        dir.display()
    );
}

// ---- Jaeger ------------------------------------------------------------------------------

const TRACE_1: &str = "00000000000000000000000000000001";

#[tokio::test]
async fn jaeger_v3_trace_every_encoding() {
    let base64_id = "000000000000009600000000000000a0";
    let s = serve(vec![
        (
            "/api/v3/traces/00000000000000000000000000000001",
            json(200, fixture("jaeger/api_v3_get_trace.json")),
        ),
        (
            "/api/v3/traces/00000000000000000000000000000002",
            json(200, fixture("jaeger/api_v3_get_trace_v1.54.0_hex_ids.json")),
        ),
        (
            "/api/v3/traces/000000000000009600000000000000a0",
            json(
                200,
                fixture("jaeger/api_v3_get_trace_v1.53.0_grpc_gateway_base64_ids.json"),
            ),
        ),
    ])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();

    // Current: hex ids, integer enums, no parentSpanId, no times.
    let spans = j.get_trace("1").await.unwrap();
    assert_eq!(s.last().path, format!("/api/v3/traces/{TRACE_1}"));
    assert_eq!(spans.len(), 1);
    let sp = &spans[0];
    assert_eq!(sp.trace_id, TRACE_1);
    assert_eq!(sp.span_id, "0000000000000002");
    assert_eq!(sp.parent_span_id, None);
    assert_eq!(sp.name, "foobar");
    assert_eq!(sp.status, SpanStatus::Error);
    assert_eq!(sp.attributes["span.kind"], "server");
    assert_eq!((sp.start_unix_nano, sp.duration_ns), (0, 0));

    // v1.54: hex, integer enums, "parentSpanId": "".
    let spans = j
        .get_trace("00000000000000000000000000000002")
        .await
        .unwrap();
    assert!(
        spans.iter().all(|s| s.parent_span_id.is_none()),
        "{spans:?}"
    );
    assert!(spans
        .iter()
        .all(|s| s.trace_id.len() == 32 && s.span_id.len() == 16));

    // v1.53 grpc-gateway: base64 ids, enum names, u64 times beyond i64.
    let spans = j.get_trace("AAAAAAAAAJYAAAAAAAAAoA==").await.unwrap();
    assert_eq!(s.last().path, format!("/api/v3/traces/{base64_id}"));
    let sp = &spans[0];
    assert_eq!(sp.trace_id, base64_id);
    assert_eq!(sp.span_id, "00000000000000b4");
    assert_eq!(sp.parent_span_id, None);
    assert_eq!(sp.start_unix_nano, 11_651_379_494_838_206_464);
    assert_eq!(sp.duration_ns, 0);
    assert_eq!(sp.status, SpanStatus::Error);
    assert_eq!(sp.attributes["span.kind"], "server");
}

#[tokio::test]
async fn jaeger_otlp_example_and_node_ids() {
    // The OTLP example payload has the TracesData shape of api_v3's `result`, UPPERCASE hex ids.
    let mut body = b"{\"result\":".to_vec();
    body.extend(fixture("otlp/trace.json"));
    body.extend(b"}");
    let s = serve(vec![(
        "/api/v3/traces/5b8efff798038103d269b633813fc60c",
        json(200, body),
    )])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();
    let spans = j
        .get_trace("5B8EFFF798038103D269B633813FC60C")
        .await
        .unwrap();
    assert!(!spans.is_empty());
    let sp = &spans[0];
    assert_eq!(sp.trace_id, "5b8efff798038103d269b633813fc60c");
    assert_eq!(sp.span_id, "eee19b7ec3c1b174");
    assert_eq!(sp.parent_span_id.as_deref(), Some("eee19b7ec3c1b173"));
    assert_eq!(sp.name, "I'm a server span");
    assert_eq!(sp.start_unix_nano, 1_544_712_660_000_000_000);
    assert_eq!(sp.duration_ns, 1_000_000_000);
    assert_eq!(sp.node_id, "my.service", "service.name when no instance id");
    assert_eq!(sp.attributes["my.span.attr"], "some value");
}

#[tokio::test]
async fn jaeger_search_services_operations() {
    let s = serve(vec![
        (
            "/api/v3/traces",
            json(200, fixture("jaeger/api_v3_find_traces.json")),
        ),
        (
            "/api/v3/services",
            json(200, fixture("jaeger/api_v3_services.json")),
        ),
        (
            "/api/v3/operations",
            json(200, fixture("jaeger/api_v3_operations.json")),
        ),
    ])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();
    let q = TraceQuery {
        service: "butterfly node".into(),
        operation: Some("inference.request".into()),
        attributes: BTreeMap::from([("request_id".to_string(), "req_abc+1 \"x\"".to_string())]),
        start_min_ns: 1_795_570_348_123_456_789,
        start_max_ns: 1_795_570_408_000_000_000,
        duration_min: Some(Duration::from_millis(1500)),
        ..TraceQuery::default()
    };
    let spans = j.find_traces(&q).await.unwrap();
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].trace_id, TRACE_1);
    let seen = s.last();
    assert_eq!(seen.path, "/api/v3/traces");
    assert_eq!(
        seen.param("query.serviceName").as_deref(),
        Some("butterfly node")
    );
    assert_eq!(
        seen.param("query.operationName").as_deref(),
        Some("inference.request")
    );
    assert_eq!(
        seen.param("query.startTimeMin").as_deref(),
        Some("2026-11-25T01:32:28.123456789Z")
    );
    assert_eq!(
        seen.param("query.startTimeMax").as_deref(),
        Some("2026-11-25T01:33:28Z")
    );
    assert_eq!(seen.param("query.durationMin").as_deref(), Some("1.5s"));
    assert_eq!(seen.param("query.searchDepth").as_deref(), Some("20"));
    let attrs: BTreeMap<String, String> =
        serde_json::from_str(&seen.param("query.attributes").unwrap()).unwrap();
    assert_eq!(attrs["request_id"], "req_abc+1 \"x\"");

    let ids = j
        .find_trace_ids_by_attribute(
            "butterfly",
            "request_id",
            "req_abc123",
            Duration::from_secs(3600),
        )
        .await
        .unwrap();
    assert_eq!(ids, vec![TRACE_1.to_string()]);
    let seen = s.last();
    assert_eq!(
        seen.param("query.attributes").as_deref(),
        Some(r#"{"request_id":"req_abc123"}"#)
    );
    assert!(seen.param("query.startTimeMin").unwrap() < seen.param("query.startTimeMax").unwrap());

    assert_eq!(j.services().await.unwrap(), vec!["foo"]);
    let ops = j.operations("foo", Some("server")).await.unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(
        (ops[0].name.as_str(), ops[0].span_kind.as_str()),
        ("get_users", "server")
    );
    let seen = s.last();
    assert_eq!(
        seen.pairs(),
        vec![
            ("service".to_string(), "foo".to_string()),
            ("spanKind".to_string(), "server".to_string())
        ]
    );
}

#[tokio::test]
async fn jaeger_no_traces_found_is_empty_not_an_error() {
    let s = serve(vec![(
        "/api/v3/traces",
        text(
            404,
            b"{\"error\":{\"httpCode\":404,\"message\":\"No traces found\"}}\n".to_vec(),
        ),
    )])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();
    let ids = j
        .find_trace_ids_by_attribute("svc", "request_id", "nope", Duration::from_secs(60))
        .await
        .unwrap();
    assert!(ids.is_empty());
}

#[tokio::test]
async fn jaeger_legacy_traces() {
    let mut envelope = b"{\"data\":[".to_vec();
    envelope.extend(fixture("jaeger/legacy_ui_trace_all_tag_types.json"));
    envelope.extend(b"],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");
    let mut petclinic = b"{\"data\":[".to_vec();
    petclinic.extend(fixture("jaeger/legacy_ui_trace_petclinic.json"));
    petclinic.extend(b"],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");
    let s = serve(vec![
        (
            "/api/traces/00000000000000000000000000000001",
            json(200, envelope),
        ),
        (
            "/api/traces/4766f1209f70a5e2e55417fc296fd101",
            json(200, petclinic),
        ),
        (
            "/api/traces/83a9efd15c1c98a977e0711cc93ee28b",
            json(
                200,
                fixture("jaeger/api_traces_envelope_transform_response.json"),
            ),
        ),
        (
            "/api/traces/00000000000000000000000000000404",
            text(404, fixture("jaeger/api_error_404_trace_not_found.json")),
        ),
        (
            "/api/traces/00000000000000000000000000000500",
            text(
                500,
                fixture("jaeger/api_error_500_archive_not_configured.json"),
            ),
        ),
    ])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();

    // get_trace falls back to the legacy API when /api/v3 answers the router's plain 404.
    let spans = j.get_trace("0000000000000001").await.unwrap();
    let paths: Vec<String> = s.seen().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        vec![
            "/api/v3/traces/00000000000000000000000000000001",
            "/api/traces/00000000000000000000000000000001"
        ]
    );
    assert_eq!(spans.len(), 5);
    assert!(
        spans.iter().all(|s| s.trace_id == TRACE_1),
        "16-hex ids left-padded"
    );
    let tagged = &spans[1];
    assert_eq!(tagged.attributes["javascript_limit"], "9223372036854775222");
    assert_eq!(tagged.attributes["peer.ipv4"], "23456");
    assert_eq!(tagged.attributes["temperature"], "72.5");
    assert_eq!(tagged.attributes["blob"], "AAAwOQ==");
    assert_eq!(tagged.attributes["error"], "true");
    assert_eq!(tagged.status, SpanStatus::Error, "legacy error=true tag");
    assert_eq!(tagged.node_id, "service-x");
    assert_eq!(tagged.start_unix_nano, 1_485_467_191_639_875_000, "µs → ns");
    assert_eq!(tagged.duration_ns, 5_000);
    assert_eq!(spans[0].parent_span_id, None);
    assert_eq!(spans[2].parent_span_id.as_deref(), Some("0000000000000002"));
    assert_eq!(spans[2].node_id, "service-y");
    // A CHILD_OF into another trace is not the parent; the same-trace CHILD_OF is.
    assert_eq!(spans[3].parent_span_id.as_deref(), Some("0000000000000002"));
    assert_eq!(spans[4].parent_span_id.as_deref(), Some("0000000000000004"));

    let spans = j
        .get_trace_legacy("4766f1209f70a5e2e55417fc296fd101")
        .await
        .unwrap();
    assert_eq!(spans.len(), 5);
    let roots: Vec<_> = spans
        .iter()
        .filter(|s| s.parent_span_id.is_none())
        .collect();
    assert_eq!(roots.len(), 1, "{roots:?}");
    let first = &spans[0];
    assert_eq!(first.span_id, "622a5079b565623e");
    assert_eq!(first.parent_span_id.as_deref(), Some("e821b549888cbc3b"));
    assert_eq!(first.start_unix_nano, 1_579_070_675_085_840_000);
    assert_eq!(first.attributes["sql"], "select * from pet");

    let spans = j
        .get_trace_legacy("83a9efd15c1c98a977e0711cc93ee28b")
        .await
        .unwrap();
    assert!(!spans.is_empty());
    assert_eq!(spans[0].attributes["otel.scope.name"], "telemetrygen");

    let e = j.get_trace_legacy("404").await.unwrap_err();
    assert!(matches!(e, SourceError::NotFound { .. }), "{e:?}");
    let e = j.get_trace_legacy("500").await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "jaeger: HTTP 500: archive span storage was not configured"
    );
}

#[tokio::test]
async fn jaeger_unknown_trace_and_bad_ids() {
    let s = serve(vec![(
        "/api/v3/traces/000000000000000000000000000000ff",
        text(
            404,
            b"{\"error\":{\"httpCode\":404,\"message\":\"trace not found\"}}\n".to_vec(),
        ),
    )])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();
    let e = j.get_trace("ff").await.unwrap_err();
    assert!(matches!(e, SourceError::NotFound { .. }), "{e:?}");
    assert_eq!(
        s.seen().len(),
        1,
        "a v3 JSON 404 means unknown trace: no legacy fallback"
    );
    let before = s.seen().len();
    for bad in ["", "xyz", "../../admin", &"a".repeat(33), "00000000"] {
        let e = j.get_trace(bad).await.unwrap_err();
        assert!(
            matches!(e, SourceError::InvalidArgument { .. }),
            "{bad:?}: {e:?}"
        );
        let console: butterfly_cli::error::Error = e.into();
        assert_eq!(console.exit_code(), 2);
    }
    assert_eq!(s.seen().len(), before, "bad ids never reach the server");
}

#[tokio::test]
async fn jaeger_cycles_and_missing_parents_are_returned_as_stored() {
    let body = br#"{"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"butterfly"}},{"key":"node.id","value":{"stringValue":"compute-2"}}]},"scopeSpans":[{"spans":[
      {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00000000000000a1","parentSpanId":"00000000000000b2","name":"a","startTimeUnixNano":"1000","endTimeUnixNano":"2000"},
      {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00000000000000b2","parentSpanId":"00000000000000a1","name":"b","startTimeUnixNano":1500,"endTimeUnixNano":1700},
      {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00000000000000c3","parentSpanId":"00000000000000ff","name":"orphan","startTimeUnixNano":"1","endTimeUnixNano":"2","status":{"code":2,"message":"boom"}}
    ]}]}]}}
{"result":{"resourceSpans":[]}}"#;
    let s = serve(vec![(
        "/api/v3/traces/0af7651916cd43dd8448eb211c80319c",
        json(200, body.to_vec()),
    )])
    .await;
    let j = JaegerClient::new(&s.config()).unwrap();
    let spans = j
        .get_trace("0af7651916cd43dd8448eb211c80319c")
        .await
        .unwrap();
    assert_eq!(spans.len(), 3);
    assert_eq!(spans[0].parent_span_id.as_deref(), Some("00000000000000b2"));
    assert_eq!(spans[1].parent_span_id.as_deref(), Some("00000000000000a1"));
    assert_eq!(spans[2].parent_span_id.as_deref(), Some("00000000000000ff"));
    assert!(spans.iter().all(|s| s.node_id == "compute-2"));
    assert_eq!(spans[1].start_unix_nano, 1500);
    assert_eq!(spans[2].status, SpanStatus::Error);
    assert_eq!(spans[2].attributes["otel.status_description"], "boom");
}

// ---- Loki --------------------------------------------------------------------------------

#[tokio::test]
async fn loki_streams_all_encodings() {
    let s = serve(vec![
        (
            "/loki/api/v1/query_range",
            json(200, loki_fixture("streams.json")),
        ),
        (
            "/loki/api/v1/query",
            json(200, loki_fixture("streams_structured_metadata.json")),
        ),
    ])
    .await;
    let l = LokiClient::new(&s.config()).unwrap();
    let logql =
        r#"{job="butterfly", level=~"info|warn"} |= "a+b c" | json | line_format "{{.msg}}""#;
    let lines = l
        .query_range(
            logql,
            1_795_570_340_000_000_000,
            1_795_570_350_000_000_000,
            100,
            Direction::Forward,
        )
        .await
        .unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0].ts_unix_nano, 1_795_570_347_900_000_000,
        "oldest first"
    );
    assert_eq!(lines[0].message, "slow layer execution");
    assert_eq!(lines[0].level, "WARN", "from the `level` stream label");
    assert_eq!(
        lines[0].node_id, "compute-3",
        "from the `node_id` stream label"
    );
    assert_eq!(lines[1].message, "checkpoint 41 created");
    assert_eq!(lines[1].level, "INFO");
    assert_eq!(
        lines[1].fields["filename"],
        "/var/log/butterfly/compute-2.log"
    );
    let seen = s.last();
    assert_eq!(seen.path, "/loki/api/v1/query_range");
    assert_eq!(seen.param("query").as_deref(), Some(logql));
    assert!(seen.query.contains("%2B"), "{}", seen.query);
    assert_eq!(seen.param("start").as_deref(), Some("1795570340000000000"));
    assert_eq!(seen.param("end").as_deref(), Some("1795570350000000000"));
    assert_eq!(seen.param("limit").as_deref(), Some("100"));
    assert_eq!(seen.param("direction").as_deref(), Some("forward"));

    // Structured metadata as a flat third element of an entry.
    let r = l
        .query("{job=\"butterfly\"}", Some(5), 10, Direction::Backward)
        .await
        .unwrap();
    let LokiData::Streams(lines) = r.data else {
        panic!()
    };
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0].ts_unix_nano, 1_795_570_350_000_000_002,
        "newest first"
    );
    assert_eq!(lines[2].ts_unix_nano, 1_795_570_350_000_000_000);
    let with_meta = lines
        .iter()
        .find(|l| l.message == "replica answered late")
        .unwrap();
    assert_eq!(with_meta.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(with_meta.fields["layer"], "5");
    assert_eq!(with_meta.node_id, "coordinator-1");
    assert_eq!(lines[1].fields["leader"], "coordinator-1");
    assert_eq!(s.last().param("time").as_deref(), Some("5"));

    // Every encoding: (file, entries, warnings expected).
    for (file, expect, warned) in [
        ("streams_categorized.json", 3usize, false),
        ("streams_merged_labels.json", 3, false),
        ("streams_categorized_warnings.json", 1, true),
        ("streams_warnings.json", 2, true),
    ] {
        let s = serve(vec![(
            "/loki/api/v1/query_range",
            json(200, loki_fixture(file)),
        )])
        .await;
        let l = LokiClient::new(&s.config()).unwrap();
        let r = l
            .query_range_data("{a=\"b\"}", 0, 1, 100, Direction::Backward)
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let LokiData::Streams(lines) = r.data else {
            panic!("{file}")
        };
        assert_eq!(lines.len(), expect, "{file}");
        assert_eq!(!r.warnings.is_empty(), warned, "{file}: {:?}", r.warnings);
        if file == "streams_categorized.json" || file == "streams_merged_labels.json" {
            // The same three entries either way: metadata, parsed and stream labels all land
            // in the fields.
            let l4 = lines
                .iter()
                .find(|l| l.message == "layer=4 status=ok")
                .unwrap();
            assert_eq!(l4.trace_id, "0af7651916cd43dd8448eb211c80319c", "{file}");
            assert_eq!(l4.fields["layer"], "4", "{file}: parsed");
            assert_eq!(l4.fields["status"], "ok", "{file}: parsed");
            assert_eq!(l4.fields["job"], "butterfly", "{file}: stream label");
            let l3 = lines
                .iter()
                .find(|l| l.message == "layer=3 status=ok")
                .unwrap();
            assert_eq!(l3.trace_id, "0af7651916cd43dd8448eb211c80319c", "{file}");
            assert!(!l3.fields.contains_key("layer"), "{file}: {l3:?}");
            let started = lines.iter().find(|l| l.message == "started").unwrap();
            assert_eq!(started.node_id, "compute-1", "{file}");
            assert!(started.trace_id.is_empty(), "{file}");
        }
        if file == "streams_categorized_warnings.json" {
            assert_eq!(lines[0].fields["members"], "8");
            assert_eq!(r.warnings.len(), 2);
        }
        if file == "streams_warnings.json" {
            assert!(lines.iter().all(|l| l.level == "ERROR"));
            assert_eq!(r.warnings, vec!["some ingesters did not answer"]);
        }
    }
}

/// A `/loki/api/v1/tail` message carries the same `streams` array as a query answer (plus
/// `dropped_entries`): the streams decoder reads it, with or without categorized labels.
#[test]
fn loki_tail_messages_decode_as_streams() {
    use butterfly_cli::sources::loki::decode_query;
    for (file, message, field) in [
        (
            "tail.json",
            "injected byzantine fault: corrupted output",
            ("level", "warn"),
        ),
        (
            "tail_categorized.json",
            "layer=2 byzantine=true",
            ("byzantine", "true"),
        ),
    ] {
        let frame: serde_json::Value = serde_json::from_slice(&loki_fixture(file)).unwrap();
        let data = serde_json::json!({"resultType": "streams", "result": frame["streams"]});
        let LokiData::Streams(lines) = decode_query(&data.to_string(), Direction::Forward)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
        else {
            panic!("{file}")
        };
        assert_eq!(lines.len(), 1, "{file}");
        assert_eq!(lines[0].message, message, "{file}");
        assert_eq!(lines[0].node_id, "compute-4", "{file}");
        assert_eq!(lines[0].fields[field.0], field.1, "{file}");
        if file == "tail.json" {
            assert_eq!(
                frame["dropped_entries"][0]["labels"]["node_id"],
                "compute-4"
            );
        } else {
            assert_eq!(lines[0].trace_id, "5b8efff798038103d269b633813fc60c");
        }
    }
}

#[tokio::test]
async fn loki_node_json_lines_are_lifted() {
    let line = r#"{"ts":"2026-11-25T01:32:28.123Z","level":"ERROR","message":"layer 7 failed","target":"butterfly_node::inference","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","request_id":"req_abc123","node_id":"compute-3","consensus_term":0,"component":"inference","fields":{"layer":"7","error":"timeout"}}"#;
    let body = serde_json::json!({
        "status": "success",
        "data": {"resultType": "streams", "result": [
            {"stream": {"job": "butterfly", "node_id": "compute-3"}, "values": [["1795570348123000000", line]]}
        ], "stats": {"summary": {"bytesProcessedPerSecond": 1}}}
    });
    let s = serve(vec![(
        "/loki/api/v1/query_range",
        json(200, serde_json::to_vec(&body).unwrap()),
    )])
    .await;
    let l = LokiClient::new(&s.config()).unwrap();
    let lines = l
        .query_range(
            "{job=\"butterfly\"} | json | request_id=\"req_abc123\"",
            0,
            u64::MAX,
            1000,
            Direction::Backward,
        )
        .await
        .unwrap();
    assert_eq!(lines.len(), 1);
    let x = &lines[0];
    assert_eq!(x.ts_unix_nano, 1_795_570_348_123_000_000);
    assert_eq!(x.level, "ERROR");
    assert_eq!(x.message, "layer 7 failed");
    assert_eq!(x.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(x.span_id, "00f067aa0ba902b7");
    assert_eq!(x.request_id, "req_abc123");
    assert_eq!(x.node_id, "compute-3");
    assert_eq!(x.component, "inference");
    assert_eq!(x.fields["layer"], "7");
    assert_eq!(x.fields["error"], "timeout");
    assert_eq!(x.fields["target"], "butterfly_node::inference");
    assert_eq!(x.fields["job"], "butterfly");
    assert_eq!(
        s.last().param("end").as_deref(),
        Some("18446744073709551615")
    );
}

#[tokio::test]
async fn loki_metric_queries_labels_series() {
    let s = serve(vec![
        (
            "/loki/api/v1/query_range",
            json(200, loki_fixture("matrix.json")),
        ),
        ("/loki/api/v1/query", json(200, loki_fixture("vector.json"))),
        (
            "/loki/api/v1/labels",
            json(200, loki_fixture("labels.json")),
        ),
        (
            "/loki/api/v1/label/node_id/values",
            json(200, loki_fixture("label_values.json")),
        ),
        (
            "/loki/api/v1/series",
            json(200, loki_fixture("series.json")),
        ),
    ])
    .await;
    let l = LokiClient::new(&s.config()).unwrap();
    let r = l
        .query_range_data(
            "sum by (node_id, level) (rate({job=\"butterfly\"}[1m]))",
            0,
            1,
            100,
            Direction::Backward,
        )
        .await
        .unwrap();
    let LokiData::Matrix(m) = r.data else {
        panic!()
    };
    assert_eq!(m.len(), 2);
    assert_eq!(m[1].metric["node_id"], "compute-2");
    assert_eq!(
        m[1].values
            .iter()
            .map(|p| (p.t_ms, p.value))
            .collect::<Vec<_>>(),
        vec![(1_795_570_390_125, 1.5), (1_795_570_391_250, 2.75)]
    );
    assert_eq!(
        m[0].values[0].t_ms, 1_795_570_390_500,
        "trailing zeros trimmed"
    );
    assert_eq!(m[0].values[1].t_ms, 1_795_570_391_000, "whole seconds");
    // A metric query through the log-line API is a clear error.
    let e = l
        .query_range(
            "rate({job=\"butterfly\"}[1m])",
            0,
            1,
            100,
            Direction::Backward,
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("metric query"), "{e}");

    let r = l
        .query(
            "sum by (node_id) (rate({a=\"b\"}[1m]))",
            None,
            100,
            Direction::Backward,
        )
        .await
        .unwrap();
    assert_eq!(
        r.warnings,
        vec!["metric query over a 5m range hit the series limit"]
    );
    let LokiData::Vector(v) = r.data else {
        panic!()
    };
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].value.as_ref().unwrap().value, 0.016666666666666666);
    assert_eq!(v[0].value.as_ref().unwrap().t_ms, 1_795_570_410_750);
    assert_eq!(v[1].value.as_ref().unwrap().value, 0.0);

    assert_eq!(
        l.labels(Some(1), Some(2)).await.unwrap(),
        vec!["job", "node_id", "level", "filename"]
    );
    assert_eq!(s.last().param("start").as_deref(), Some("1"));
    let values = l.label_values("node_id", None, None).await.unwrap();
    assert_eq!(values, vec!["compute-1", "compute-2", "coordinator-1"]);
    let series = l
        .series(&["{job=\"butterfly\"}"], None, None)
        .await
        .unwrap();
    assert_eq!(series.len(), 2);
    assert_eq!(
        series[1]["filename"],
        "/var/log/butterfly/coordinator-1.log"
    );
    assert_eq!(
        s.last().param("match[]").as_deref(),
        Some("{job=\"butterfly\"}")
    );

    for (file, n) in [
        ("matrix_empty.json", 0usize),
        ("vector_empty.json", 0),
        ("matrix_integer_timestamps.json", 1),
        ("vector_integer_timestamps.json", 1),
    ] {
        let s = serve(vec![("/loki/api/v1/query", json(200, loki_fixture(file)))]).await;
        let l = LokiClient::new(&s.config()).unwrap();
        let r = l
            .query("x", None, 1, Direction::Backward)
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let got = match r.data {
            LokiData::Matrix(m) => {
                if n > 0 {
                    assert_eq!(m[0].values[1].t_ms, 1_795_570_460_000, "{file}");
                }
                m.len()
            }
            LokiData::Vector(v) => {
                if n > 0 {
                    let p = v[0].value.as_ref().unwrap();
                    assert_eq!((p.t_ms, p.value), (1_795_570_420_000, 42.0), "{file}");
                }
                v.len()
            }
            other => panic!("{file}: {other:?}"),
        };
        assert_eq!(got, n, "{file}");
    }
}

#[tokio::test]
async fn loki_plain_text_errors() {
    let s = serve(vec![(
        "/loki/api/v1/query_range",
        text(
            400,
            b"parse error : syntax error: unexpected IDENTIFIER, expecting STRING".to_vec(),
        ),
    )])
    .await;
    let l = LokiClient::new(&s.config()).unwrap();
    let e = l
        .query_range("{", 0, 1, 1, Direction::Backward)
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "loki: HTTP 400: parse error : syntax error: unexpected IDENTIFIER, expecting STRING"
    );
}

// ---- hostile answers ---------------------------------------------------------------------

#[tokio::test]
async fn truncated_json_is_a_clear_error() {
    let full = fixture(&format!("{CAPTURED}/query_vector.json"));
    let cut = full[..full.len() / 2].to_vec();
    let otlp = fixture("jaeger/api_v3_get_trace.json");
    let s = serve(vec![
        ("/api/v1/query", json(200, cut)),
        (
            "/api/v3/traces/00000000000000000000000000000001",
            json(200, otlp[..otlp.len() - 20].to_vec()),
        ),
        ("/loki/api/v1/query_range", json(200, b"{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{}".to_vec())),
    ])
    .await;
    let e = PrometheusClient::new(&s.config())
        .unwrap()
        .query("up", None)
        .await
        .unwrap_err();
    assert!(matches!(e, SourceError::Decode { .. }), "{e:?}");
    assert!(e.to_string().contains("truncated JSON"), "{e}");
    let e = JaegerClient::new(&s.config())
        .unwrap()
        .get_trace("1")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("truncated JSON"), "{e}");
    let e = LokiClient::new(&s.config())
        .unwrap()
        .query_range("{a=\"b\"}", 0, 1, 1, Direction::Backward)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("truncated JSON"), "{e}");
}

#[tokio::test]
async fn html_500_is_one_line_with_a_snippet() {
    let html = b"<!DOCTYPE html>\n<html>\n<head><title>500 Internal Server Error</title>\n<style>body{font-family:sans}</style></head>\n<body>\n<center><h1>500 Internal Server Error</h1></center>\n<hr><center>nginx/1.25.3</center>\n</body>\n</html>\n".to_vec();
    let s = serve(vec![(
        "/api/v1/query",
        Canned::Body {
            status: 500,
            content_type: "text/html".into(),
            body: html,
        },
    )])
    .await;
    let e = PrometheusClient::new(&s.config())
        .unwrap()
        .query("up", None)
        .await
        .unwrap_err();
    let msg = e.to_string();
    assert_eq!(
        msg,
        "prometheus: HTTP 500: 500 Internal Server Error nginx/1.25.3"
    );
    assert!(!msg.contains('<') && !msg.contains('\n'));
}

#[tokio::test]
async fn huge_bodies_are_refused_while_streaming() {
    let hundred_mb = 100 * 1024 * 1024;
    let s = serve(vec![
        (
            "/api/v1/query",
            Canned::Huge {
                bytes: hundred_mb,
                declare_length: false,
            },
        ),
        (
            "/api/v1/query_range",
            Canned::Huge {
                bytes: hundred_mb,
                declare_length: true,
            },
        ),
    ])
    .await;
    let p = PrometheusClient::new(&s.config()).unwrap();
    let started = Instant::now();
    let e = p.query("up", None).await.unwrap_err();
    assert!(
        matches!(e, SourceError::TooLarge { limit_bytes, .. } if limit_bytes == DEFAULT_MAX_BODY_BYTES),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "prometheus: response larger than 64 MiB");
    let e = p
        .query_range("up", 0, 1, Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(matches!(e, SourceError::TooLarge { .. }), "{e:?}");
    // A smaller cap applies as configured.
    let mut cfg = s.config();
    cfg.max_body_bytes = 1024 * 1024;
    let e = PrometheusClient::new(&cfg)
        .unwrap()
        .query("up", None)
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), "prometheus: response larger than 1 MiB");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn slow_servers_hit_the_deadline() {
    let s = serve(vec![
        (
            "/api/v1/query",
            Canned::Slow {
                delay: Duration::from_secs(10),
                then: Box::new(captured("query_vector")),
            },
        ),
        (
            "/loki/api/v1/labels",
            Canned::Stall {
                delay: Duration::from_secs(10),
            },
        ),
    ])
    .await;
    let mut cfg = s.config();
    cfg.timeout = Duration::from_millis(400);
    let started = Instant::now();
    let e = PrometheusClient::new(&cfg)
        .unwrap()
        .query("up", None)
        .await
        .unwrap_err();
    assert!(matches!(e, SourceError::Timeout { .. }), "{e:?}");
    assert!(
        e.to_string().contains("no complete answer within 400ms"),
        "{e}"
    );
    let e = LokiClient::new(&cfg)
        .unwrap()
        .labels(None, None)
        .await
        .unwrap_err();
    assert!(
        matches!(e, SourceError::Timeout { .. }),
        "body stalls count too: {e:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let console: butterfly_cli::error::Error = e.into();
    assert_eq!(console.exit_code(), 1);
}

#[tokio::test]
async fn unreachable_and_misconfigured() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let p = PrometheusClient::new(&SourceConfig::new(format!("http://127.0.0.1:{port}"))).unwrap();
    let e = p.query("up", None).await.unwrap_err();
    assert!(matches!(e, SourceError::Unreachable { .. }), "{e:?}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");

    for bad in ["localhost:9090", "ftp://x", "not a url"] {
        let e = PrometheusClient::new(&SourceConfig::new(bad)).unwrap_err();
        assert!(matches!(e, SourceError::Config { .. }), "{bad}: {e:?}");
    }
    let mut cfg = SourceConfig::new("https://127.0.0.1:1");
    cfg.ca = Some("/nonexistent/ca.pem".into());
    let e = PrometheusClient::new(&cfg).unwrap_err();
    assert!(e.to_string().contains("/nonexistent/ca.pem"), "{e}");
}

#[tokio::test]
async fn auth_headers_and_base_path() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, "s3cret\n").unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "hunter2").unwrap();
    let s = serve(vec![("/prom/api/v1/query", captured("query_empty_vector"))]).await;
    let mut cfg = SourceConfig::new(format!("{}/prom/", s.url));
    cfg.bearer_token_file = Some(token);
    PrometheusClient::new(&cfg)
        .unwrap()
        .query("up", None)
        .await
        .unwrap();
    assert_eq!(s.last().headers["authorization"], "Bearer s3cret");
    assert!(!format!("{cfg:?}").contains("s3cret"));
    let mut cfg = SourceConfig::new(format!("{}/prom", s.url));
    cfg.basic_user = Some("ops".into());
    cfg.basic_password_file = Some(pw);
    PrometheusClient::new(&cfg)
        .unwrap()
        .query("up", None)
        .await
        .unwrap();
    // base64("ops:hunter2")
    assert_eq!(s.last().headers["authorization"], "Basic b3BzOmh1bnRlcjI=");
}
