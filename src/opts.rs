//! Options and value parsers shared by every layer: the global options, the output format and
//! durations. The bottom of the CLI's import order: this module imports nothing from the crate.

use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

/// Output format of a command's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Table on a terminal, JSON otherwise.
    #[default]
    Auto,
    /// Human-readable tables, fitted to 80 columns (the widest cells cut with `…`).
    Table,
    /// Tables at their full width, nothing cut.
    Wide,
    /// One stable JSON document.
    Json,
}

/// Options shared by every command (flattened into the one-shot and the REPL grammar).
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalOpts {
    /// Named profile from the config file [default: the file's `default_profile`, else `default`].
    #[arg(short = 'p', long, global = true, env = "BUTTERFLY_PROFILE")]
    pub profile: Option<String>,
    /// Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml].
    #[arg(long, global = true, env = "BUTTERFLY_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(short = 'o', long, global = true, value_enum)]
    pub output: Option<OutputFormat>,
    /// Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s].
    #[arg(long, global = true, env = "BUTTERFLY_TIMEOUT", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,
    /// CA certificate (PEM) that signed the nodes' certificates.
    #[arg(long, global = true, env = "BUTTERFLY_CA", value_name = "PEM")]
    pub ca: Option<PathBuf>,
    /// Operator client certificate (PEM); its CN names you and its OU carries your role.
    #[arg(long, global = true, env = "BUTTERFLY_CERT", value_name = "PEM")]
    pub cert: Option<PathBuf>,
    /// Private key (PEM) of the operator certificate.
    #[arg(long, global = true, env = "BUTTERFLY_KEY", value_name = "PEM")]
    pub key: Option<PathBuf>,
    /// Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster.
    #[arg(
        long,
        global = true,
        env = "BUTTERFLY_SEEDS",
        value_delimiter = ',',
        value_name = "ADDRS"
    )]
    pub seeds: Vec<String>,
    /// Disable colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
}

impl GlobalOpts {
    /// `self` with every option `line` sets taking precedence (for REPL lines).
    pub fn overlay(&self, line: &GlobalOpts) -> GlobalOpts {
        GlobalOpts {
            profile: line.profile.clone().or_else(|| self.profile.clone()),
            config: line.config.clone().or_else(|| self.config.clone()),
            output: line.output.or(self.output),
            timeout: line.timeout.or(self.timeout),
            ca: line.ca.clone().or_else(|| self.ca.clone()),
            cert: line.cert.clone().or_else(|| self.cert.clone()),
            key: line.key.clone().or_else(|| self.key.clone()),
            seeds: if line.seeds.is_empty() {
                self.seeds.clone()
            } else {
                line.seeds.clone()
            },
            no_color: line.no_color || self.no_color,
        }
    }
}

/// Parses `500ms`, `3s`, `1m`; a bare number means seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let d = if let Ok(secs) = s.parse::<f64>() {
        if !(secs.is_finite() && secs >= 0.0) {
            return Err(format!("'{s}' is not a duration"));
        }
        Duration::try_from_secs_f64(secs).map_err(|_| format!("'{s}' is too long a duration"))?
    } else {
        humantime::parse_duration(s).map_err(|e| format!("'{s}' is not a duration ({e})"))?
    };
    if d > MAX_DURATION {
        return Err(format!(
            "'{s}' is too long a duration (at most {})",
            humantime::format_duration(MAX_DURATION)
        ));
    }
    Ok(d)
}

/// The longest duration any flag, variable or config value accepts: 10 years (longer values
/// would overflow deadline arithmetic).
pub const MAX_DURATION: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_durations_are_errors_not_panics() {
        for s in [
            "1e300",
            "1e20",
            "inf",
            "NaN",
            "-1",
            "99999999999999999999years",
        ] {
            assert!(parse_duration(s).is_err(), "{s}");
        }
        assert_eq!(
            parse_duration("1.5").ok(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_duration("2s").ok(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("-1").is_err());
    }
}
