//! The shared transport: a `reqwest` client on rustls (`ring`), bounded body reads.

use super::{
    chain, error_message, transport_message, Result, SourceConfig, SourceError, ERROR_BODY_BYTES,
};
use butterfly_proto::pem;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

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
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(format!("tls: {e}")))?;
    let builder = match &cfg.ca {
        Some(ca) => {
            let mut roots = rustls::RootCertStore::empty();
            for der in pem::read_certs(ca).map_err(bad)? {
                roots
                    .add(der)
                    .map_err(|e| bad(format!("{}: unusable CA certificate ({e})", ca.display())))?;
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
            let chain = pem::read_certs(cert).map_err(bad)?;
            let key_der = pem::read_private_key(key).map_err(bad)?;
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

/// Content type of a reply, for messages (empty when absent).
#[allow(dead_code)]
pub(crate) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}
