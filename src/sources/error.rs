//! The back ends' one error type and how an error body becomes one line.

use super::ERROR_SNIPPET_CHARS;
use reqwest::StatusCode;
use std::time::Duration;

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
pub(crate) fn transport_message(e: &reqwest::Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
