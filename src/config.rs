//! The config file (named profiles) and how flags and `BUTTERFLY_*` variables override it.
//!
//! Precedence, highest first: command-line flag, `BUTTERFLY_*` environment variable, the profile
//! in the config file, built-in default.

use crate::error::{Error, Result};
use crate::opts::GlobalOpts;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Default deadline per node for each call: 5 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default number of nodes contacted at once by a fan-out: 128.
pub const DEFAULT_CONCURRENCY: usize = 128;
/// Profile used when none is named and the file sets no `default_profile`.
pub const DEFAULT_PROFILE: &str = "default";

/// The config file as written on disk (TOML).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Profile used when `-p` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// Named profiles.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One named cluster to talk to.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Seed nodes' debug addresses (HOST:PORT); coordinators are best.
    #[serde(default)]
    pub seeds: Vec<String>,
    /// CA certificate (PEM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<PathBuf>,
    /// Operator certificate (PEM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<PathBuf>,
    /// Operator private key (PEM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<PathBuf>,
    /// Deadline per node, e.g. "5s".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// Nodes contacted at once by a fan-out [default: 128].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<usize>,
    /// Prometheus base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus_url: Option<String>,
    /// Jaeger query base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jaeger_url: Option<String>,
    /// Loki base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loki_url: Option<String>,
    /// Prometheus connection beyond the URL (`[profiles.NAME.prometheus]`); its `url` wins over
    /// `prometheus_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus: Option<SourceProfile>,
    /// Jaeger query connection (`[profiles.NAME.jaeger]`); its `url` wins over `jaeger_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jaeger: Option<SourceProfile>,
    /// Loki connection (`[profiles.NAME.loki]`); its `url` wins over `loki_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loki: Option<SourceProfile>,
}

/// How to reach one observability back end (Prometheus, Jaeger or Loki), as written in a
/// profile table such as `[profiles.prod.prometheus]`. Paths are read when a command needs the
/// back end, not at load.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceProfile {
    /// Base URL, e.g. `https://prometheus.example:9090`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// File holding a bearer token (`Authorization: Bearer …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearer_token_file: Option<PathBuf>,
    /// User for HTTP basic authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// File holding the basic-authentication password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    /// CA certificate (PEM) to trust instead of the platform's roots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<PathBuf>,
    /// Private key (PEM) of `cert`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<PathBuf>,
    /// Deadline of one call, e.g. "10s" [default: 10s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// Largest accepted response body, MiB [default: 64].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_body_mib: Option<u64>,
}

/// The settings a command runs with, after every override.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Name of the profile in use.
    pub profile: String,
    /// Seed debug addresses.
    pub seeds: Vec<String>,
    /// CA certificate path.
    pub ca: Option<PathBuf>,
    /// Operator certificate path.
    pub cert: Option<PathBuf>,
    /// Operator key path.
    pub key: Option<PathBuf>,
    /// Deadline per node.
    pub timeout: Duration,
    /// Fan-out concurrency.
    pub concurrency: usize,
    /// Prometheus base URL.
    pub prometheus_url: Option<String>,
    /// Jaeger base URL.
    pub jaeger_url: Option<String>,
    /// Loki base URL.
    pub loki_url: Option<String>,
    /// Prometheus connection (URL and any auth/TLS), when a URL is configured.
    pub prometheus: Option<SourceConfig>,
    /// Jaeger query connection, when a URL is configured.
    pub jaeger: Option<SourceConfig>,
    /// Loki connection, when a URL is configured.
    pub loki: Option<SourceConfig>,
}

/// Default config file path: `$XDG_CONFIG_HOME/butterfly-cli/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("butterfly-cli").join("config.toml"))
}

/// The console's state directory (audit log, history, demo): `$XDG_STATE_HOME/butterfly-cli`.
pub fn state_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("BUTTERFLY_STATE_DIR") {
        return Ok(PathBuf::from(dir));
    }
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local").join("state")))
        .map(|d| d.join("butterfly-cli"))
        .ok_or_else(|| {
            Error::Config("cannot find a state directory: set HOME or BUTTERFLY_STATE_DIR".into())
        })
}

impl ConfigFile {
    /// Reads `path`; a missing file is an empty config, a broken one an error naming the line.
    pub fn load(path: &Path) -> Result<ConfigFile> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                Error::Config(format!("{}: {}", path.display(), one_line(&e.to_string())))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Writes the file atomically (temporary file + rename), creating its directory.
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = toml::to_string_pretty(self).map_err(|e| Error::Config(e.to_string()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Path of the config file the options select.
pub fn config_path(opts: &GlobalOpts) -> Option<PathBuf> {
    opts.config.clone().or_else(default_config_path)
}

/// Resolves the settings for `opts` (flags and env already merged by clap) over the config file.
pub fn resolve(opts: &GlobalOpts) -> Result<Settings> {
    let file = match config_path(opts) {
        Some(path) => {
            if opts.config.is_some() && !path.exists() {
                return Err(Error::Config(format!("{}: no such file", path.display())));
            }
            ConfigFile::load(&path)?
        }
        None => ConfigFile::default(),
    };
    let explicit = opts.profile.is_some();
    let name = opts
        .profile
        .clone()
        .or_else(|| file.default_profile.clone())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_string());
    let profile = match file.profiles.get(&name) {
        Some(p) => p.clone(),
        None if explicit || file.default_profile.is_some() => {
            let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
            return Err(Error::Config(format!(
                "no profile '{name}' (known: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )));
        }
        None => Profile::default(),
    };
    let timeout = match (opts.timeout, &profile.timeout) {
        (Some(t), _) => t,
        (None, Some(text)) => crate::opts::parse_duration(text)
            .map_err(|e| Error::Config(format!("profile '{name}': timeout {e}")))?,
        (None, None) => DEFAULT_TIMEOUT,
    };
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.is_empty());
    let prometheus = source_config(
        &name,
        "prometheus",
        env("BUTTERFLY_PROMETHEUS_URL"),
        profile.prometheus_url.clone(),
        profile.prometheus.as_ref(),
    )?;
    let jaeger = source_config(
        &name,
        "jaeger",
        env("BUTTERFLY_JAEGER_URL"),
        profile.jaeger_url.clone(),
        profile.jaeger.as_ref(),
    )?;
    let loki = source_config(
        &name,
        "loki",
        env("BUTTERFLY_LOKI_URL"),
        profile.loki_url.clone(),
        profile.loki.as_ref(),
    )?;
    Ok(Settings {
        seeds: if opts.seeds.is_empty() {
            profile.seeds
        } else {
            opts.seeds.clone()
        },
        ca: opts.ca.clone().or(profile.ca),
        cert: opts.cert.clone().or(profile.cert),
        key: opts.key.clone().or(profile.key),
        timeout,
        concurrency: profile.concurrency.unwrap_or(DEFAULT_CONCURRENCY).max(1),
        prometheus_url: prometheus.as_ref().map(|c| c.url.clone()),
        jaeger_url: jaeger.as_ref().map(|c| c.url.clone()),
        loki_url: loki.as_ref().map(|c| c.url.clone()),
        prometheus,
        jaeger,
        loki,
        profile: name,
    })
}

/// The connection to back end `what`: URL from the env variable, else the profile table's
/// `url`, else the `<what>_url` shorthand; `None` when none is set.
fn source_config(
    profile: &str,
    what: &str,
    env_url: Option<String>,
    shorthand: Option<String>,
    table: Option<&SourceProfile>,
) -> Result<Option<SourceConfig>> {
    let url = env_url
        .or_else(|| table.and_then(|t| t.url.clone()))
        .or(shorthand)
        .filter(|u| !u.trim().is_empty());
    let Some(url) = url else {
        if table.is_some() {
            return Err(Error::Config(format!(
                "profile '{profile}': [profiles.{profile}.{what}] has no `url` (or set `{what}_url`)"
            )));
        }
        return Ok(None);
    };
    let mut cfg = SourceConfig::new(url.trim());
    if let Some(t) = table {
        cfg.bearer_token_file = t.bearer_token_file.clone();
        cfg.basic_user = t.username.clone();
        cfg.basic_password_file = t.password_file.clone();
        cfg.ca = t.ca.clone();
        cfg.cert = t.cert.clone();
        cfg.key = t.key.clone();
        if let Some(text) = &t.timeout {
            cfg.timeout = crate::opts::parse_duration(text)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    Error::Config(format!(
                        "profile '{profile}': {what}.timeout '{text}' is not a duration above zero"
                    ))
                })?;
        }
        if let Some(mib) = t.max_body_mib {
            cfg.max_body_bytes = mib.max(1).saturating_mul(1024 * 1024);
        }
        if t.password_file.is_some() && t.username.is_none() {
            return Err(Error::Config(format!(
                "profile '{profile}': {what}.password_file needs {what}.username"
            )));
        }
        if t.cert.is_some() != t.key.is_some() {
            return Err(Error::Config(format!(
                "profile '{profile}': {what}.cert and {what}.key go together"
            )));
        }
    }
    Ok(Some(cfg))
}

/// Default deadline of one HTTP call to a back end (connect, request and whole body): 10 s.
pub const SOURCE_DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default cap on a response body: 64 MiB. A larger body is refused while it streams in.
pub const SOURCE_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

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
    /// Deadline of one call, body included [default: [`SOURCE_DEFAULT_TIMEOUT`]].
    pub timeout: Duration,
    /// Largest accepted response body in bytes [default: [`SOURCE_MAX_BODY_BYTES`]].
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
            timeout: SOURCE_DEFAULT_TIMEOUT,
            max_body_bytes: SOURCE_MAX_BODY_BYTES,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn opts_with(path: &Path) -> GlobalOpts {
        GlobalOpts {
            config: Some(path.to_path_buf()),
            ..GlobalOpts::default()
        }
    }

    #[test]
    fn profile_and_overrides() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "default_profile = \"demo\"\n[profiles.demo]\nseeds = [\"127.0.0.1:1\"]\ntimeout = \"2s\"\n",
        )
        .unwrap();
        let s = resolve(&opts_with(&path)).unwrap();
        assert_eq!(s.profile, "demo");
        assert_eq!(s.seeds, vec!["127.0.0.1:1"]);
        assert_eq!(s.timeout, Duration::from_secs(2));
        let mut o = opts_with(&path);
        o.seeds = vec!["127.0.0.1:2".into()];
        o.timeout = Some(Duration::from_millis(100));
        let s = resolve(&o).unwrap();
        assert_eq!(s.seeds, vec!["127.0.0.1:2"]);
        assert_eq!(s.timeout, Duration::from_millis(100));
        o.profile = Some("prod".into());
        let err = resolve(&o).unwrap_err().to_string();
        assert!(err.contains("no profile 'prod'"), "{err}");
    }

    #[test]
    fn source_tables_and_shorthands() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[profiles.default]\nprometheus_url = \"http://p:9090\"\njaeger_url = \"http://j:16686\"\n\
             [profiles.default.loki]\nurl = \"https://l:3100\"\nbearer_token_file = \"/t\"\ntimeout = \"2s\"\nmax_body_mib = 8\n",
        )
        .unwrap();
        let s = resolve(&opts_with(&path)).unwrap();
        assert_eq!(s.prometheus_url.as_deref(), Some("http://p:9090"));
        assert_eq!(
            s.prometheus.as_ref().unwrap().timeout,
            SOURCE_DEFAULT_TIMEOUT
        );
        assert_eq!(s.jaeger.as_ref().unwrap().url, "http://j:16686");
        let loki = s.loki.unwrap();
        assert_eq!(loki.url, "https://l:3100");
        assert_eq!(loki.bearer_token_file.as_deref(), Some(Path::new("/t")));
        assert_eq!(loki.timeout, Duration::from_secs(2));
        assert_eq!(loki.max_body_bytes, 8 * 1024 * 1024);
        std::fs::write(&path, "[profiles.default.prometheus]\nurll = \"x\"\n").unwrap();
        let err = resolve(&opts_with(&path)).unwrap_err().to_string();
        assert!(err.contains("unknown field"), "{err}");
        std::fs::write(&path, "[profiles.default.prometheus]\nca = \"/ca.pem\"\n").unwrap();
        let err = resolve(&opts_with(&path)).unwrap_err().to_string();
        assert!(err.contains("has no `url`"), "{err}");
        let mut f = ConfigFile::default();
        f.profiles.insert(
            "x".into(),
            Profile {
                prometheus_url: Some("http://a".into()),
                loki: Some(SourceProfile {
                    url: Some("http://b".into()),
                    ..SourceProfile::default()
                }),
                ..Profile::default()
            },
        );
        f.save(&path).unwrap();
        assert_eq!(
            ConfigFile::load(&path).unwrap().profiles["x"],
            f.profiles["x"]
        );
    }

    #[test]
    fn broken_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[profiles.demo\nseeds = 1").unwrap();
        let err = resolve(&opts_with(&path)).unwrap_err().to_string();
        assert!(err.starts_with("config: "), "{err}");
        assert!(!err.contains('\n'));
        let missing = dir.path().join("nope.toml");
        let err = resolve(&opts_with(&missing)).unwrap_err().to_string();
        assert!(err.contains("no such file"), "{err}");
    }
}
