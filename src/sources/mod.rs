//! HTTP clients for the cluster's observability back ends: Prometheus ([`PrometheusClient`]),
//! Jaeger ([`JaegerClient`]) and Loki ([`LokiClient`]).
//!
//! All three share one transport ([`SourceConfig`] → a `reqwest` client on rustls with the `ring`
//! provider), one bounded body reader ([`DEFAULT_MAX_BODY_BYTES`]) and one error type
//! ([`SourceError`], which converts into the console's [`crate::error::Error`]). Errors are
//! decided by the HTTP status code, never by the content type: Jaeger and Loki send their errors
//! as `text/plain`, and a proxy may answer with HTML. Decoding is tolerant: unknown fields are
//! ignored. Queries are always encoded by `reqwest` and path parameters (ids, label names) are
//! percent-encoded as path segments; nothing user-supplied is `format!`ted into a URL.

pub mod jaeger;
pub mod loki;
pub mod prometheus;

pub use jaeger::JaegerClient;
pub use loki::LokiClient;
pub use prometheus::PrometheusClient;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Default deadline of one HTTP call to a back end (connect, request and whole body): 10 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default cap on a response body: 64 MiB. A larger body is refused while it streams in.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// How much of an error body is read to explain the error: 64 KiB.
pub const ERROR_BODY_BYTES: u64 = 64 * 1024;
/// Longest snippet of a non-JSON error body quoted in an error message, in characters.
pub const ERROR_SNIPPET_CHARS: usize = 160;

/// How to reach one back end. Connections go direct: `HTTP(S)_PROXY` variables are not used.
#[derive(Clone, PartialEq)]
pub struct SourceConfig {
    /// Base URL, e.g. `http://127.0.0.1:9090` (a path prefix such as `/prometheus` is kept).
    pub url: String,
    /// Bearer token sent as `Authorization: Bearer …`.
    pub bearer_token: Option<String>,
    /// File holding the bearer token (read at client construction, surrounding whitespace
    /// trimmed). Ignored when `bearer_token` is set.
    pub bearer_token_file: Option<PathBuf>,
    /// User for HTTP basic authentication.
    pub basic_user: Option<String>,
    /// File holding the basic-authentication password (whitespace trimmed).
    pub basic_password_file: Option<PathBuf>,
    /// Extra CA certificate(s) (PEM) that signed the back end's certificate; when set, only these
    /// are trusted. Without it the platform's roots are.
    pub ca: Option<PathBuf>,
    /// Client certificate chain (PEM) for mutual TLS; needs `key`.
    pub cert: Option<PathBuf>,
    /// Private key (PEM) of `cert`.
    pub key: Option<PathBuf>,
    /// Deadline of one call, body included [default: [`DEFAULT_TIMEOUT`]].
    pub timeout: Duration,
    /// Largest accepted response body in bytes [default: [`DEFAULT_MAX_BODY_BYTES`]].
    pub max_body_bytes: u64,
}

impl SourceConfig {
    /// A config for `url` with every default: no authentication, platform roots, 10 s, 64 MiB.
    pub fn new(url: impl Into<String>) -> SourceConfig {
        SourceConfig {
            url: url.into(),
            bearer_token: None,
            bearer_token_file: None,
            basic_user: None,
            basic_password_file: None,
            ca: None,
            cert: None,
            key: None,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl std::fmt::Debug for SourceConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceConfig")
            .field("url", &self.url)
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "<redacted>"),
            )
            .field("bearer_token_file", &self.bearer_token_file)
            .field("basic_user", &self.basic_user)
            .field("basic_password_file", &self.basic_password_file)
            .field("ca", &self.ca)
            .field("cert", &self.cert)
            .field("key", &self.key)
            .field("timeout", &self.timeout)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// What went wrong talking to a back end. Converts into [`crate::error::Error`] (exit code 1).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// No URL is configured for the back end; `hint` says how to configure one.
    #[error("no {source_name} configured: {hint}")]
    NotConfigured {
        /// `prometheus`, `jaeger` or `loki`.
        source_name: &'static str,
        /// How to configure it.
        hint: String,
    },
    /// The configuration is unusable (bad URL, unreadable token or certificate file).
    #[error("{source_name}: {message}")]
    Config {
        /// Back end.
        source_name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// An argument cannot be sent as it is (e.g. a malformed trace id); exit code 2.
    #[error("{source_name}: {message}")]
    InvalidArgument {
        /// Back end.
        source_name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The back end could not be reached (refused, DNS, TLS handshake).
    #[error("{source_name} at {url}: {message}")]
    Unreachable {
        /// Back end.
        source_name: &'static str,
        /// The URL called (without query string).
        url: String,
        /// Why.
        message: String,
    },
    /// No complete answer within the deadline.
    #[error("{source_name} at {url}: no complete answer within {}", humantime::format_duration(*timeout))]
    Timeout {
        /// Back end.
        source_name: &'static str,
        /// The URL called (without query string).
        url: String,
        /// The deadline.
        timeout: Duration,
    },
    /// A non-success status without a structured API error.
    #[error("{source_name}: HTTP {status}: {message}")]
    Http {
        /// Back end.
        source_name: &'static str,
        /// HTTP status code.
        status: u16,
        /// The server's message, or a trimmed one-line snippet of its body.
        message: String,
    },
    /// A structured API error (Prometheus `{"status":"error","errorType",…}`).
    #[error("{source_name}: {error_type} (HTTP {status}): {message}")]
    Api {
        /// Back end.
        source_name: &'static str,
        /// HTTP status code.
        status: u16,
        /// `bad_data`, `execution`, `timeout`, …
        error_type: String,
        /// The server's message.
        message: String,
    },
    /// The body exceeded the configured cap.
    #[error("{source_name}: response larger than {}", size_text(*limit_bytes))]
    TooLarge {
        /// Back end.
        source_name: &'static str,
        /// The cap, bytes.
        limit_bytes: u64,
    },
    /// The body is not what the API documents (truncated or malformed JSON, bad id, …).
    #[error("{source_name}: invalid response: {message}")]
    Decode {
        /// Back end.
        source_name: &'static str,
        /// What could not be decoded.
        message: String,
    },
    /// The thing asked for does not exist (e.g. an unknown trace id).
    #[error("{source_name}: {what} not found")]
    NotFound {
        /// Back end.
        source_name: &'static str,
        /// What was asked for.
        what: String,
    },
}

fn size_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

impl From<SourceError> for crate::error::Error {
    fn from(e: SourceError) -> Self {
        use crate::error::Error;
        match &e {
            SourceError::NotConfigured { .. } | SourceError::Config { .. } => {
                Error::Config(e.to_string())
            }
            SourceError::Unreachable {
                source_name,
                message,
                url,
            } => Error::Unreachable {
                node: (*source_name).to_string(),
                message: format!("{url}: {message}"),
            },
            SourceError::Timeout { source_name, .. } => Error::Unreachable {
                node: (*source_name).to_string(),
                message: e
                    .to_string()
                    .trim_start_matches(source_name)
                    .trim_start_matches(" at ")
                    .to_string(),
            },
            SourceError::NotFound { .. } => Error::NotFound(e.to_string()),
            SourceError::InvalidArgument { .. } => Error::Usage(e.to_string()),
            // The back end could not parse what was asked (PromQL `bad_data`, LogQL's HTTP 400):
            // a usage error, as the console's own query checks are.
            SourceError::Api { error_type, .. } if error_type == "bad_data" => {
                Error::Usage(e.to_string())
            }
            SourceError::Http { status: 400, .. } => Error::Usage(e.to_string()),
            SourceError::Http { source_name, .. }
            | SourceError::Api { source_name, .. }
            | SourceError::TooLarge { source_name, .. }
            | SourceError::Decode { source_name, .. } => Error::Remote {
                node: (*source_name).to_string(),
                message: e
                    .to_string()
                    .trim_start_matches(source_name)
                    .trim_start_matches(": ")
                    .to_string(),
            },
        }
    }
}

/// Result of a back-end call.
pub type Result<T, E = SourceError> = std::result::Result<T, E>;

/// A raw answer: status, content type and the (bounded) body.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

/// The shared transport of the three clients.
#[derive(Clone)]
pub(crate) struct Http {
    pub name: &'static str,
    base: Url,
    client: reqwest::Client,
    auth: Option<HeaderValue>,
    timeout: Duration,
    max_body: u64,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("name", &self.name)
            .field("base", &self.base.as_str())
            .field("timeout", &self.timeout)
            .field("max_body", &self.max_body)
            .finish()
    }
}

fn read_secret(name: &'static str, what: &str, path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| SourceError::Config {
        source_name: name,
        message: format!("{what} {}: {e}", path.display()),
    })?;
    let t = text.trim();
    if t.is_empty() {
        return Err(SourceError::Config {
            source_name: name,
            message: format!("{what} {} is empty", path.display()),
        });
    }
    Ok(t.to_string())
}

fn tls_config(name: &'static str, cfg: &SourceConfig, https: bool) -> Result<rustls::ClientConfig> {
    let bad = |message: String| SourceError::Config {
        source_name: name,
        message,
    };
    let read = |p: &Path| std::fs::read(p).map_err(|e| bad(format!("{}: {e}", p.display())));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(format!("tls: {e}")))?;
    let builder = match &cfg.ca {
        Some(ca) => {
            let pem = read(ca)?;
            let mut roots = rustls::RootCertStore::empty();
            for der in CertificateDer::pem_slice_iter(&pem) {
                let der =
                    der.map_err(|e| bad(format!("{}: not a PEM certificate ({e})", ca.display())))?;
                roots
                    .add(der)
                    .map_err(|e| bad(format!("{}: unusable CA certificate ({e})", ca.display())))?;
            }
            if roots.is_empty() {
                return Err(bad(format!("{}: no certificate in the file", ca.display())));
            }
            builder.with_root_certificates(roots)
        }
        // Plain-HTTP back ends never use the roots: skip loading the platform store.
        None if !https => builder.with_root_certificates(rustls::RootCertStore::empty()),
        None => {
            let verifier = rustls_platform_verifier::Verifier::new(provider)
                .map_err(|e| bad(format!("cannot load the platform's root certificates: {e}")))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
        }
    };
    let mut config = match (&cfg.cert, &cfg.key) {
        (Some(cert), Some(key)) => {
            let chain = CertificateDer::pem_slice_iter(&read(cert)?)
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| bad(format!("{}: not a PEM certificate ({e})", cert.display())))?;
            if chain.is_empty() {
                return Err(bad(format!(
                    "{}: no certificate in the file",
                    cert.display()
                )));
            }
            let key_der = PrivateKeyDer::from_pem_slice(&read(key)?)
                .map_err(|e| bad(format!("{}: not a PEM private key ({e})", key.display())))?;
            builder.with_client_auth_cert(chain, key_der).map_err(|e| {
                bad(format!(
                    "{} and {} do not make a usable identity ({e})",
                    cert.display(),
                    key.display()
                ))
            })?
        }
        (None, None) => builder.with_no_client_auth(),
        _ => {
            return Err(bad(
                "a client certificate needs both `cert` and `key`".into()
            ))
        }
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

impl Http {
    /// Builds the transport for back end `name` (used in every message).
    pub fn new(name: &'static str, cfg: &SourceConfig) -> Result<Http> {
        let bad = |message: String| SourceError::Config {
            source_name: name,
            message,
        };
        let base = Url::parse(cfg.url.trim())
            .map_err(|e| bad(format!("URL '{}' is not valid ({e})", cfg.url)))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(bad(format!(
                "URL '{}' must start with http:// or https://",
                cfg.url
            )));
        }
        if cfg.timeout.is_zero() {
            return Err(bad("timeout must be more than zero".into()));
        }
        let auth = match (&cfg.bearer_token, &cfg.bearer_token_file, &cfg.basic_user) {
            (Some(token), _, _) => Some(bearer(name, token.trim())?),
            (None, Some(path), _) => Some(bearer(
                name,
                &read_secret(name, "bearer token file", path)?,
            )?),
            (None, None, Some(user)) => {
                let password = match &cfg.basic_password_file {
                    Some(p) => read_secret(name, "password file", p)?,
                    None => String::new(),
                };
                use base64::Engine as _;
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                let mut v = HeaderValue::from_str(&format!("Basic {token}"))
                    .map_err(|_| bad("basic-auth user is not a valid header value".into()))?;
                v.set_sensitive(true);
                Some(v)
            }
            (None, None, None) => None,
        };
        let tls = tls_config(name, cfg, base.scheme() == "https")?;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout)
            .user_agent(concat!("butterfly-cli/", env!("CARGO_PKG_VERSION")))
            .no_proxy()
            .build()
            .map_err(|e| bad(format!("cannot build the HTTP client: {}", chain(&e))))?;
        Ok(Http {
            name,
            base,
            client,
            auth,
            timeout: cfg.timeout,
            max_body: cfg.max_body_bytes.max(1),
        })
    }

    /// The base URL joined with `segments`, each percent-encoded as one path segment.
    pub fn endpoint(&self, segments: &[&str]) -> Result<Url> {
        let mut url = self.base.clone();
        url.set_query(None);
        url.set_fragment(None);
        {
            let mut path = url.path_segments_mut().map_err(|_| SourceError::Config {
                source_name: self.name,
                message: format!("URL '{}' cannot take a path", self.base),
            })?;
            path.pop_if_empty().extend(segments);
        }
        Ok(url)
    }

    /// GET `segments` with `query` (encoded by reqwest) and extra `headers`; returns the status
    /// and the body. A success body is capped at the configured limit (an error beyond it); an
    /// error body is cut at [`ERROR_BODY_BYTES`].
    pub async fn get(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
        headers: &[(&'static str, &str)],
    ) -> Result<Reply> {
        let url = self.endpoint(segments)?;
        let mut req = self.client.get(url.clone()).query(query);
        if let Some(auth) = &self.auth {
            req = req.header(AUTHORIZATION, auth.clone());
        }
        let mut extra = HeaderMap::new();
        for (k, v) in headers {
            if let Ok(v) = HeaderValue::from_str(v) {
                extra.insert(*k, v);
            }
        }
        let shown = url.as_str().to_string();
        let resp = req
            .headers(extra)
            .send()
            .await
            .map_err(|e| self.transport_error(&shown, &e))?;
        let status = resp.status();
        let body = if status.is_success() {
            read_capped(resp, self.max_body)
                .await
                .map_err(|e| self.body_error(&shown, e))?
        } else {
            read_prefix(resp, ERROR_BODY_BYTES)
                .await
                .map_err(|e| self.body_error(&shown, e))?
        };
        Ok(Reply { status, body })
    }

    fn transport_error(&self, url: &str, e: &reqwest::Error) -> SourceError {
        if e.is_timeout() {
            SourceError::Timeout {
                source_name: self.name,
                url: url.to_string(),
                timeout: self.timeout,
            }
        } else {
            SourceError::Unreachable {
                source_name: self.name,
                url: url.to_string(),
                message: transport_message(e),
            }
        }
    }

    fn body_error(&self, url: &str, e: BodyError) -> SourceError {
        match e {
            BodyError::TooLarge { limit } => SourceError::TooLarge {
                source_name: self.name,
                limit_bytes: limit,
            },
            BodyError::Transport(e) => {
                let mut err = self.transport_error(url, &e);
                if let SourceError::Unreachable { message, .. } = &mut err {
                    *message = format!("the response broke off: {message}");
                }
                err
            }
        }
    }

    /// The generic error for a non-success `reply`: the server's own message when the body is
    /// one of the known JSON error shapes, else a trimmed one-line snippet.
    pub fn status_error(&self, reply: &Reply) -> SourceError {
        SourceError::Http {
            source_name: self.name,
            status: reply.status.as_u16(),
            message: error_message(reply.status, &reply.body),
        }
    }

    /// A decoding error for this back end.
    pub fn decode_error(&self, what: &str, e: impl std::fmt::Display) -> SourceError {
        SourceError::Decode {
            source_name: self.name,
            message: format!("{what}: {e}"),
        }
    }

    /// Decodes a JSON success body (unknown fields ignored), explaining truncation plainly.
    pub fn json<T: serde::de::DeserializeOwned>(&self, what: &str, body: &[u8]) -> Result<T> {
        serde_json::from_slice(body).map_err(|e| self.decode_error(what, json_problem(&e, body)))
    }
}

fn bearer(name: &'static str, token: &str) -> Result<HeaderValue> {
    let mut v =
        HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| SourceError::Config {
            source_name: name,
            message: "the bearer token is not a valid header value".into(),
        })?;
    v.set_sensitive(true);
    Ok(v)
}

/// Describes a JSON decoding error; an unexpected end of input is called truncation.
pub(crate) fn json_problem(e: &serde_json::Error, body: &[u8]) -> String {
    if e.is_eof() {
        format!("truncated JSON ({} bytes; {e})", body.len())
    } else if body.is_empty() {
        "empty body".to_string()
    } else {
        e.to_string()
    }
}

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// Longer than `limit` bytes.
    TooLarge {
        /// The cap.
        limit: u64,
    },
    /// The connection failed or timed out mid-body.
    Transport(reqwest::Error),
}

/// Reads the whole body, chunk by chunk, refusing it as soon as it exceeds `limit` bytes (at
/// once when `Content-Length` already says so). Never holds more than `limit` bytes plus one
/// chunk.
pub(crate) async fn read_capped(
    mut resp: reqwest::Response,
    limit: u64,
) -> std::result::Result<Vec<u8>, BodyError> {
    let declared = resp
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge { limit });
    }
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(limit) as usize);
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Transport)? {
        if body.len() as u64 + chunk.len() as u64 > limit {
            return Err(BodyError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads at most `limit` bytes of the body and drops the rest (for error bodies).
pub(crate) async fn read_prefix(
    mut resp: reqwest::Response,
    limit: u64,
) -> std::result::Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Transport)? {
        let room = (limit as usize).saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() as u64 >= limit {
            break;
        }
    }
    Ok(body)
}

/// One line explaining an error body: the message of a known JSON error shape (Prometheus,
/// Jaeger api_v3, Jaeger legacy, grpc-gateway), else the body as text with HTML tags removed,
/// whitespace collapsed and cut at [`ERROR_SNIPPET_CHARS`].
pub fn error_message(status: StatusCode, body: &[u8]) -> String {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        let pick = |v: &serde_json::Value| v.as_str().map(str::to_string);
        let found = pick(&v["error"])
            .or_else(|| pick(&v["error"]["message"]))
            .or_else(|| pick(&v["message"]))
            .or_else(|| pick(&v["errors"][0]["msg"]));
        if let Some(m) = found.filter(|m| !m.trim().is_empty()) {
            return one_line(&m, ERROR_SNIPPET_CHARS * 4);
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = if text.trim_start().starts_with('<') {
        strip_tags(&text)
    } else {
        text.into_owned()
    };
    let line = one_line(&text, ERROR_SNIPPET_CHARS);
    if line.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("no explanation in the body")
            .to_string()
    } else {
        line
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let lower = html.to_ascii_lowercase();
    // Drop <head>…</head> (titles are repeated in <h1> anyway; styles and scripts are noise).
    let body = match (lower.find("<head"), lower.find("</head>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b + 7..]),
        _ => html.to_string(),
    };
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Collapses whitespace to single spaces and cuts at `max` characters (with `…`).
pub(crate) fn one_line(s: &str, max: usize) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > max {
        let cut: String = joined.chars().take(max).collect();
        format!("{cut}…")
    } else {
        joined
    }
}

/// A transport failure in a few words: the innermost cause for a failed connection
/// ("cannot connect: Connection refused (os error 111)"), else the cause chain without the URL
/// (which the caller shows once).
fn transport_message(e: &reqwest::Error) -> String {
    let mut innermost: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = innermost.source() {
        innermost = next;
    }
    let root = innermost.to_string();
    if e.is_connect() {
        format!("cannot connect: {root}")
    } else {
        let text = chain(e);
        let url_free: String = match (text.find(" for url ("), text.find("): ")) {
            (Some(a), Some(b)) if b > a => format!("{}{}", &text[..a], &text[b + 1..]),
            _ => text,
        };
        url_free
    }
}

/// The error and its causes on one line.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    crate::error::describe_chain(e)
}

/// Content type of a reply, for messages (empty when absent).
#[allow(dead_code)]
pub(crate) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Nanoseconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn now_unix_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Parses a decimal number of seconds (`"1795570348.781"`, `"-1.5"`, `"12"`) into exact integer
/// units of 10^-`digits` seconds (3 → milliseconds, 9 → nanoseconds), without going through
/// `f64`. Extra fraction digits are truncated toward negative infinity; an exponent is accepted
/// for the rare `1e3` form.
pub fn parse_decimal_seconds(text: &str, digits: u32) -> Option<i128> {
    let t = text.trim();
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
        None => (t, 0),
    };
    let (neg, m) = match mantissa.as_bytes().first()? {
        b'-' => (true, &mantissa[1..]),
        b'+' => (false, &mantissa[1..]),
        _ => (false, mantissa),
    };
    let (int, frac) = match m.split_once('.') {
        Some((i, f)) => (i, f),
        None => (m, ""),
    };
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // All digits as one integer, with the decimal point `shift` places from the right.
    let all: String = format!("{int}{frac}");
    let all = all.trim_start_matches('0');
    if all.len() > 36 {
        return None;
    }
    let value: i128 = if all.is_empty() { 0 } else { all.parse().ok()? };
    let shift = frac.len() as i32 - exp;
    let want = digits as i32;
    let scaled = if want >= shift {
        value.checked_mul(10i128.checked_pow((want - shift) as u32)?)?
    } else {
        let div = 10i128.checked_pow((shift - want) as u32)?;
        if neg {
            // Floor for negatives: -1.0005 s → -1001 ms.
            let q = value / div;
            if value % div != 0 {
                q + 1
            } else {
                q
            }
        } else {
            value / div
        }
    };
    Some(if neg { -scaled } else { scaled })
}

/// Formats milliseconds since the epoch as decimal seconds (`1795570348.781`, `-1.500`).
pub fn format_millis_as_seconds(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let abs = ms.unsigned_abs();
    let (secs, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{secs}")
    } else {
        format!("{sign}{secs}.{frac:03}")
    }
}

/// A string or number in JSON, as text (OTLP 64-bit integers, Loki timestamps).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct NumText(pub String);

impl<'de> serde::Deserialize<'de> for NumText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = NumText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a string holding one")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<NumText, E> {
                Ok(NumText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl NumText {
    /// As u64 (empty → 0); `None` when not a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        let t = self.0.trim();
        if t.is_empty() {
            return Some(0);
        }
        t.parse::<u64>().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_seconds_are_exact() {
        assert_eq!(
            parse_decimal_seconds("1795570348.781", 3),
            Some(1_795_570_348_781)
        );
        assert_eq!(
            parse_decimal_seconds("12345678123456.555", 3),
            Some(12_345_678_123_456_555)
        );
        assert_eq!(parse_decimal_seconds("0.010", 3), Some(10));
        assert_eq!(parse_decimal_seconds("1.100", 3), Some(1100));
        assert_eq!(parse_decimal_seconds("-1.5", 3), Some(-1500));
        assert_eq!(parse_decimal_seconds("-0.001", 3), Some(-1));
        assert_eq!(parse_decimal_seconds("-1.0005", 3), Some(-1001));
        assert_eq!(
            parse_decimal_seconds("1588889221", 3),
            Some(1_588_889_221_000)
        );
        assert_eq!(parse_decimal_seconds("1e3", 3), Some(1_000_000));
        assert_eq!(
            parse_decimal_seconds("1568404331.324", 9),
            Some(1_568_404_331_324_000_000)
        );
        assert_eq!(parse_decimal_seconds("abc", 3), None);
        assert_eq!(parse_decimal_seconds("", 3), None);
        assert_eq!(parse_decimal_seconds("1.2.3", 3), None);
    }

    #[test]
    fn millis_format_round_trips() {
        for ms in [0i64, 1, 999, 1000, 1_795_570_348_781, -1, -1500, -2000] {
            let s = format_millis_as_seconds(ms);
            assert_eq!(parse_decimal_seconds(&s, 3), Some(ms as i128), "{s}");
        }
    }

    #[test]
    fn error_messages_are_one_line() {
        let html = b"<!DOCTYPE html>\n<html><head><title>Oops</title><style>p{}</style></head>\n<body><h1>502 Bad Gateway</h1>\n<p>upstream   went away</p></body></html>";
        let m = error_message(StatusCode::BAD_GATEWAY, html);
        assert_eq!(m, "502 Bad Gateway upstream went away");
        let long = "x".repeat(1000);
        let m = error_message(StatusCode::INTERNAL_SERVER_ERROR, long.as_bytes());
        assert_eq!(m.chars().count(), ERROR_SNIPPET_CHARS + 1);
        assert_eq!(
            error_message(
                StatusCode::BAD_REQUEST,
                b"{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"
            ),
            "parse error"
        );
        assert_eq!(
            error_message(
                StatusCode::NOT_FOUND,
                b"{\"error\":{\"httpCode\":404,\"message\":\"No traces found\"}}\n"
            ),
            "No traces found"
        );
        assert_eq!(
            error_message(
                StatusCode::NOT_FOUND,
                b"{\"data\":null,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}\n"
            ),
            "trace not found"
        );
        assert_eq!(error_message(StatusCode::BAD_GATEWAY, b"  "), "Bad Gateway");
    }

    #[test]
    fn num_text_takes_strings_and_numbers() {
        let v: Vec<NumText> =
            serde_json::from_str(r#"["11651379494838206464", 42, null]"#).unwrap();
        assert_eq!(v[0].as_u64(), Some(11_651_379_494_838_206_464));
        assert_eq!(v[1].as_u64(), Some(42));
        assert_eq!(v[2].as_u64(), Some(0));
    }
}
