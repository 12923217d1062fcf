//! The config file (named profiles) and how flags and `BUTTERFLY_*` variables override it.
//!
//! Precedence, highest first: command-line flag, `BUTTERFLY_*` environment variable, the profile
//! in the config file, built-in default.

use crate::cli::GlobalOpts;
use crate::error::{Error, Result};
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
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
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
        (None, Some(text)) => crate::cli::parse_duration(text)
            .map_err(|e| Error::Config(format!("profile '{name}': timeout {e}")))?,
        (None, None) => DEFAULT_TIMEOUT,
    };
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.is_empty());
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
        prometheus_url: env("BUTTERFLY_PROMETHEUS_URL").or(profile.prometheus_url),
        jaeger_url: env("BUTTERFLY_JAEGER_URL").or(profile.jaeger_url),
        loki_url: env("BUTTERFLY_LOKI_URL").or(profile.loki_url),
        profile: name,
    })
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
