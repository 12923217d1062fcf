//! `audit show|verify`: the console's own hash-chained audit trail (see `crate::audit`).

use crate::audit::{AuditLog, Verification};
use crate::error::{Error, Result, EXIT_ERROR, EXIT_OK};
use crate::output::{Report, Style};
use crate::session::Ctx;
use clap::Subcommand;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

/// `audit ...`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The newest commands with who ran them and how they ended.
    Show {
        /// How many commands, the newest (`--last` is the old name).
        #[arg(long, visible_alias = "last", default_value_t = 20)]
        limit: usize,
        /// Audit log file [default: $XDG_STATE_HOME/butterfly-cli/audit.jsonl or BUTTERFLY_AUDIT_LOG].
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Prove the hash chain is intact, or name every broken record (exit 1).
    Verify {
        /// Audit log file [default: as `show`].
        #[arg(long)]
        file: Option<PathBuf>,
        /// Also cross-check against the copies the nodes keep: each command's intent record is
        /// sent (as CHAIN/SEQ/HASH) with every call it makes, and the nodes' audit trails keep it;
        /// a truncated tail or a re-hashed rewrite no longer matches (admin role).
        #[arg(long)]
        against_nodes: bool,
    },
}

fn log_for(file: Option<PathBuf>) -> Result<AuditLog> {
    match file {
        Some(p) => Ok(AuditLog::new(p)),
        None => AuditLog::default_location(),
    }
}

/// Runs an `audit` command.
pub async fn exec(cmd: AuditCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        AuditCommand::Show { limit, file } => {
            if limit == 0 {
                return Err(Error::Usage("--limit must be at least 1".into()));
            }
            let log = log_for(file)?;
            Ok(Box::new(show(&log, limit)?))
        }
        AuditCommand::Verify {
            file,
            against_nodes,
        } => {
            let log = log_for(file)?;
            let v = log.verify_as(Some(&ctx.session.id))?;
            let nodes = if against_nodes {
                Some(crate::commands::audit_anchor::cross_check(ctx, &log, &v).await?)
            } else {
                None
            };
            let ok = v.broken.is_empty() && nodes.as_ref().is_none_or(|n| n.mismatches.is_empty());
            Ok(Box::new(VerifyReport {
                file: log.path().to_path_buf(),
                ok,
                verification: v,
                nodes,
            }))
        }
    }
}

/// One command in `audit show`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Entry {
    /// Intent record seq.
    pub seq: u64,
    /// When it started.
    pub ts: String,
    /// Who.
    pub operator: String,
    /// Role.
    pub role: Option<String>,
    /// Front door.
    pub via: String,
    /// Command line.
    pub command: String,
    /// Targets.
    pub targets: Vec<String>,
    /// `ok`, `partial`, `error`, `denied`, `interrupted`, or null when no result was recorded.
    pub outcome: Option<String>,
    /// Duration, ms.
    pub duration_ms: Option<u64>,
    /// Error line.
    pub error: Option<String>,
}

/// `audit show -o json`: `{"file","entries":[...],"total","truncated","limit"}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ShowReport {
    /// Log file.
    pub file: PathBuf,
    /// The newest `limit` commands, oldest first.
    pub entries: Vec<Entry>,
    /// Commands in the log (before `--limit`).
    pub total: usize,
    /// Fewer shown than `total` (raise `--limit`).
    pub truncated: bool,
    /// The `--limit` asked for.
    pub limit: usize,
}

fn show(log: &AuditLog, limit: usize) -> Result<ShowReport> {
    let records = log.records()?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut results: std::collections::HashMap<u64, &Value> = Default::default();
    for r in &records {
        if r.get("kind").and_then(Value::as_str) == Some("result") {
            if let Some(s) = r.get("intent_seq").and_then(Value::as_u64) {
                results.insert(s, r);
            }
        }
    }
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    for r in records
        .iter()
        .filter(|r| r.get("kind").and_then(Value::as_str) == Some("intent"))
    {
        let seq = r.get("seq").and_then(Value::as_u64).unwrap_or(0);
        let res = results.get(&seq);
        entries.push(Entry {
            seq,
            ts: text(r, "ts"),
            operator: text(r, "operator"),
            role: r.get("role").and_then(Value::as_str).map(str::to_string),
            via: text(r, "via"),
            command: text(r, "command"),
            targets: r
                .get("targets")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            outcome: res.map(|v| text(v, "outcome")),
            duration_ms: res
                .and_then(|v| v.get("duration_ms"))
                .and_then(Value::as_u64),
            error: res
                .and_then(|v| v.get("error"))
                .and_then(Value::as_str)
                .map(str::to_string),
        });
    }
    let total = entries.len();
    let skip = entries.len().saturating_sub(limit);
    entries.drain(..skip);
    if entries.is_empty() && !log.path().exists() {
        return Err(Error::NotFound(format!(
            "{}: no audit log yet",
            log.path().display()
        )));
    }
    Ok(ShowReport {
        file: log.path().to_path_buf(),
        truncated: entries.len() < total,
        total,
        limit,
        entries,
    })
}

impl Report for ShowReport {
    fn render(&self, style: &Style) -> String {
        let mut t = style.table(&["SEQ", "TIME", "OPERATOR", "VIA", "COMMAND", "OUTCOME", "MS"]);
        for e in &self.entries {
            let outcome = match e.outcome.as_deref() {
                Some("ok") => style.good("ok"),
                Some(o) => style.bad(o),
                None => style.warn("no result"),
            };
            t.add_row(vec![
                e.seq.to_string(),
                e.ts.clone(),
                e.operator.clone(),
                e.via.clone(),
                e.command.clone(),
                outcome,
                e.duration_ms.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
        let mut out = t.to_string();
        if self.truncated {
            out.push_str(&format!(
                "\nshowing {} of {} (--limit)",
                self.entries.len(),
                self.total
            ));
        }
        out
    }
}

/// `audit verify -o json`: `{"file","ok","verification":{records, first_broken_line, ...}}`.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct VerifyReport {
    /// Log file.
    pub file: PathBuf,
    /// Whether the chain is intact.
    pub ok: bool,
    /// Details.
    pub verification: Verification,
    /// The cross-check against the nodes' copies (`--against-nodes`), else null.
    pub nodes: Option<crate::commands::audit_anchor::NodeCheck>,
}

impl Report for VerifyReport {
    fn exit_code(&self) -> i32 {
        if self.ok {
            EXIT_OK
        } else {
            EXIT_ERROR
        }
    }
    fn render(&self, style: &Style) -> String {
        let v = &self.verification;
        let mut out = if v.broken.is_empty() {
            format!(
                "{} {} records, hash chain intact ({})",
                style.good("ok:"),
                v.records,
                self.file.display()
            )
        } else {
            format!(
                "{} record at line {}{} breaks the chain: {} ({})",
                style.bad("BROKEN:"),
                v.first_broken_line.unwrap_or(0),
                v.first_broken_seq
                    .map(|s| format!(" (seq {s})"))
                    .unwrap_or_default(),
                v.reason.as_deref().unwrap_or("unknown"),
                self.file.display()
            )
        };
        for b in v.broken.iter().skip(1) {
            out.push_str(&format!(
                "\n{} record at line {}{} breaks the chain: {}",
                style.bad("BROKEN:"),
                b.line,
                b.seq.map(|s| format!(" (seq {s})")).unwrap_or_default(),
                b.reason
            ));
        }
        if let Some(n) = &self.nodes {
            out.push('\n');
            out.push_str(&n.render(style));
        }
        if let Some(own) = v.own_intent {
            out.push_str(&format!(
                "\n{} seq {own} is this verification's own intent (its result is written when it ends)",
                style.dim("note:")
            ));
        }
        if !v.unfinished.is_empty() {
            out.push_str(&format!(
                "\n{} {} command(s) have an intent but no result (crashed or still running): seq {}",
                style.warn("note:"),
                v.unfinished.len(),
                v.unfinished.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")
            ));
        }
        out
    }
}
