//! The one error type of the console, with its documented exit codes.

use std::path::{Path, PathBuf};

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the command failed.
pub const EXIT_ERROR: i32 = 1;
/// Exit code: the command line could not be parsed.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: a multi-node command got answers from some nodes but not all.
pub const EXIT_PARTIAL: i32 = 3;
/// Exit code: a node refused the call for lack of role.
pub const EXIT_PERMISSION: i32 = 4;
/// Exit code: the command was cancelled with Ctrl-C.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Everything that can go wrong in a command. Each variant maps to one exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Malformed command line or arguments.
    #[error("{0}")]
    Usage(String),
    /// Missing, unreadable or invalid configuration.
    #[error("config: {0}")]
    Config(String),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Certificates or keys could not be loaded or made.
    #[error("tls: {0}")]
    Tls(String),
    /// A node could not be reached or did not answer in time.
    #[error("{node}: {message}")]
    Unreachable {
        /// Node id or address.
        node: String,
        /// Why.
        message: String,
    },
    /// A node refused the call for lack of role.
    #[error("permission denied by {node}: {message}")]
    PermissionDenied {
        /// Node id or address.
        node: String,
        /// The node's message, which names the needed role.
        message: String,
    },
    /// A node answered with an error.
    #[error("{node}: {message}")]
    Remote {
        /// Node id or address.
        node: String,
        /// gRPC status code and message.
        message: String,
    },
    /// Something named does not exist (unknown node id, no demo running, ...).
    #[error("{0}")]
    NotFound(String),
    /// The audit trail could not be written or does not verify.
    #[error("audit: {0}")]
    Audit(String),
    /// Cancelled with Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// Anything else that stopped the command.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// The error kind's name, as the README's exit-status table lists it.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::Config(_) => "config",
            Error::Io { .. } => "io",
            Error::Tls(_) => "tls",
            Error::Unreachable { .. } => "unreachable",
            Error::PermissionDenied { .. } => "permission-denied",
            Error::Remote { .. } => "remote",
            Error::NotFound(_) => "not-found",
            Error::Audit(_) => "audit",
            Error::Interrupted => "interrupted",
            Error::Other(_) => "other",
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::PermissionDenied { .. } => EXIT_PERMISSION,
            Error::Interrupted => EXIT_INTERRUPTED,
            _ => EXIT_ERROR,
        }
    }

    /// The one reading of a command-line parse error for every front door (one-shot, REPL,
    /// scripts): a [`Error::Usage`] with clap's first line and a pointer to `help`; `None` when
    /// clap is displaying help or the version (print it as is, exit 0).
    pub fn from_clap(e: &clap::Error) -> Option<Error> {
        use clap::error::ErrorKind;
        if matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        ) {
            return None;
        }
        let text = e.to_string();
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(&text)
            .trim();
        let first = first.strip_prefix("error: ").unwrap_or(first);
        Some(Error::Usage(format!("{first} (try `help`)")))
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Maps a gRPC status from `node` to the matching variant.
    pub fn from_status(node: &str, status: &tonic::Status) -> Error {
        let node = node.to_string();
        match status.code() {
            tonic::Code::PermissionDenied => Error::PermissionDenied {
                node,
                message: status.message().to_string(),
            },
            tonic::Code::Unavailable | tonic::Code::DeadlineExceeded | tonic::Code::Cancelled => {
                Error::Unreachable {
                    node,
                    message: explain_connect_error(&describe_status(status)),
                }
            }
            _ => Error::Remote {
                node,
                message: describe_status(status),
            },
        }
    }
}

/// One line describing a gRPC status, including the transport cause chain when there is one.
pub fn describe_status(status: &tonic::Status) -> String {
    let mut text = if status.message().is_empty() {
        format!("{:?}", status.code())
    } else {
        status.message().to_string()
    };
    if let Some(source) = std::error::Error::source(status) {
        let chain = describe_chain(source);
        if !chain.is_empty() && !text.contains(&chain) {
            text = format!("{text}: {chain}");
        }
    }
    text
}

/// Joins an error and its sources into one line, dropping repeats.
pub fn describe_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        let s = e.to_string();
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}

/// Result with the console's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod readme_table {
    use super::*;

    /// The README's exit-status table lists every error kind under its exit code.
    #[test]
    fn the_readme_exit_status_table_matches_every_error_kind() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("## Exit status")
            .nth(1)
            .expect("README has an `## Exit status` section");
        let rows: Vec<(i32, &str)> = section
            .lines()
            .take_while(|l| !l.starts_with("## "))
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                let code = cells.get(1)?.trim_matches('`').parse().ok()?;
                Some((code, *cells.get(3)?))
            })
            .collect();
        let path = std::path::PathBuf::from("x");
        let every = [
            Error::Usage(String::new()),
            Error::Config(String::new()),
            Error::io(&path, std::io::Error::other("x")),
            Error::Tls(String::new()),
            Error::Unreachable {
                node: String::new(),
                message: String::new(),
            },
            Error::PermissionDenied {
                node: String::new(),
                message: String::new(),
            },
            Error::Remote {
                node: String::new(),
                message: String::new(),
            },
            Error::NotFound(String::new()),
            Error::Audit(String::new()),
            Error::Interrupted,
            Error::Other(String::new()),
        ];
        for e in &every {
            let row = rows
                .iter()
                .find(|(_, kinds)| kinds.split(", ").any(|k| k.trim_matches('`') == e.kind()))
                .unwrap_or_else(|| panic!("{} is not in the README's exit-status table", e.kind()));
            assert_eq!(row.0, e.exit_code(), "{} exits {}", e.kind(), e.exit_code());
        }
        for code in [
            EXIT_OK,
            EXIT_ERROR,
            EXIT_USAGE,
            EXIT_PARTIAL,
            EXIT_PERMISSION,
            EXIT_INTERRUPTED,
        ] {
            assert!(rows.iter().any(|(c, _)| *c == code), "exit {code} missing");
        }
    }
}

/// Replaces the password of every `scheme://user:password@host` in `text` with `<redacted>`
/// (error lines and the audit trail must not carry a back end's password).
pub fn redact_url_passwords(text: &str) -> std::borrow::Cow<'_, str> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"([A-Za-z][A-Za-z0-9+.\-]*://[^/@\s:]*):[^@\s/]*@").ok()
    });
    match re {
        Some(re) => re.replace_all(text, "$1:<redacted>@"),
        None => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod redact_tests {
    use super::redact_url_passwords;

    #[test]
    fn url_passwords_are_redacted() {
        assert_eq!(
            redact_url_passwords("loki at https://bob:s3cr%40t@loki:3100/x: refused"),
            "loki at https://bob:<redacted>@loki:3100/x: refused"
        );
        assert_eq!(
            redact_url_passwords("http://host:9090/"),
            "http://host:9090/"
        );
        assert_eq!(redact_url_passwords("no url"), "no url");
    }
}

/// Tidies a connection error chain and says what the TLS failures usually mean.
pub fn explain_connect_error(chain: &str) -> String {
    let mut text = chain.to_string();
    while text.contains("transport error: transport error") {
        text = text.replace("transport error: transport error", "transport error");
    }
    let hint = if text.contains("received fatal alert") {
        Some("the node refused our client certificate: is it signed by the cluster's CA, unexpired, and for this cluster?")
    } else if text.contains("invalid peer certificate") {
        Some("the node's certificate does not verify against our --ca")
    } else if text.contains("Connection refused") {
        Some("nothing listens there: is the node running?")
    } else {
        None
    };
    match hint {
        Some(h) => format!("{text} ({h})"),
        None => text,
    }
}
