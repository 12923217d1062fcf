//! The console's audit trail: JSON lines, one `intent` record written and fsynced before a command
//! runs and one `result` record after it, each hash-chained to the one before.
//!
//! A record's `hash` is SHA-256 over the previous record's hash, a newline, and the record itself
//! serialized as JSON with sorted keys and without its `hash` field. The first record chains to 64
//! zeros. Concurrent consoles serialize appends with an exclusive file lock.

use crate::error::{Error, Result};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The chain value before the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Command lines longer than this (bytes) are cut in the record.
pub const MAX_COMMAND_BYTES: usize = 8192;
/// File name of the audit log inside the state directory.
pub const FILE_NAME: &str = "audit.jsonl";

/// An append-only, hash-chained audit log file.
#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
}

/// What an intent record says about a command about to run.
#[derive(Debug, Clone)]
pub struct Intent<'a> {
    /// Operator name (certificate CN, or the OS user when no certificate is configured).
    pub operator: &'a str,
    /// Operator role from the certificate, if any.
    pub role: Option<&'a str>,
    /// Console session id.
    pub session: &'a str,
    /// Front door: `one-shot`, `repl` or `script`.
    pub via: &'a str,
    /// Profile in use.
    pub profile: &'a str,
    /// The command line as typed.
    pub command: &'a str,
    /// Nodes the command acts on.
    pub targets: &'a [String],
    /// For a script's step: `FILE sha256:HEX` of the script it came from.
    pub script: Option<&'a str>,
}

/// How a command ended, for the result record.
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    /// `ok`, `partial`, `error`, `denied` or `interrupted`.
    pub outcome: &'a str,
    /// Process exit code the command maps to.
    pub exit_code: i32,
    /// Wall time, milliseconds.
    pub duration_ms: u64,
    /// The error line, if any.
    pub error: Option<&'a str>,
}

/// One record that breaks the chain.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct BrokenRecord {
    /// 1-based line number.
    pub line: u64,
    /// Its `seq`, when readable.
    pub seq: Option<u64>,
    /// Why it breaks the chain.
    pub reason: String,
}

/// Result of verifying the chain.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Verification {
    /// Records read.
    pub records: u64,
    /// 1-based line number of the first broken record, if any.
    pub first_broken_line: Option<u64>,
    /// `seq` of the first broken record when it could be read.
    pub first_broken_seq: Option<u64>,
    /// Why that record breaks the chain.
    pub reason: Option<String>,
    /// Every record that breaks the chain (verification goes on after each), oldest first.
    pub broken: Vec<BrokenRecord>,
    /// Records the file reads as (seq → hash), for cross-checks against the nodes' copies.
    #[serde(skip)]
    pub hashes: std::collections::BTreeMap<u64, String>,
    /// Intent records with no result record (commands that crashed or are still running),
    /// the verifying command's own excluded.
    pub unfinished: Vec<u64>,
    /// The verifying command's own intent (written before it ran, so without a result yet);
    /// null when it is not in the file verified.
    pub own_intent: Option<u64>,
}

impl AuditLog {
    /// The audit log at `path` (created on first append).
    pub fn new(path: PathBuf) -> AuditLog {
        AuditLog { path }
    }

    /// The default log: `BUTTERFLY_AUDIT_LOG`, else `<state dir>/audit.jsonl`.
    pub fn default_location() -> Result<AuditLog> {
        if let Some(p) = std::env::var_os("BUTTERFLY_AUDIT_LOG") {
            return Ok(AuditLog::new(PathBuf::from(p)));
        }
        Ok(AuditLog::new(crate::config::state_dir()?.join(FILE_NAME)))
    }

    /// The file path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends and fsyncs an intent record; returns its `seq`.
    pub fn intent(&self, i: &Intent<'_>) -> Result<u64> {
        let mut command = crate::error::redact_url_passwords(i.command).into_owned();
        if command.len() > MAX_COMMAND_BYTES {
            let mut cut = MAX_COMMAND_BYTES;
            while !command.is_char_boundary(cut) {
                cut -= 1;
            }
            command.truncate(cut);
            command.push('…');
        }
        let mut m = Map::new();
        m.insert("kind".into(), "intent".into());
        m.insert("operator".into(), i.operator.into());
        m.insert(
            "role".into(),
            i.role.map(Value::from).unwrap_or(Value::Null),
        );
        m.insert("session".into(), i.session.into());
        m.insert("via".into(), i.via.into());
        m.insert("profile".into(), i.profile.into());
        m.insert("command".into(), command.into());
        m.insert("targets".into(), i.targets.into());
        if let Some(script) = i.script {
            m.insert("script".into(), script.into());
        }
        m.insert("pid".into(), std::process::id().into());
        self.append(m)
    }

    /// Appends and fsyncs the result record of the intent `intent_seq`.
    pub fn result(&self, intent_seq: u64, session: &str, o: &Outcome<'_>) -> Result<u64> {
        let mut m = Map::new();
        m.insert("kind".into(), "result".into());
        m.insert("intent_seq".into(), intent_seq.into());
        m.insert("session".into(), session.into());
        m.insert("outcome".into(), o.outcome.into());
        m.insert("exit_code".into(), o.exit_code.into());
        m.insert("duration_ms".into(), o.duration_ms.into());
        m.insert(
            "error".into(),
            o.error
                .map(|e| Value::from(crate::error::redact_url_passwords(e).into_owned()))
                .unwrap_or(Value::Null),
        );
        self.append(m)
    }

    fn append(&self, record: Map<String, Value>) -> Result<u64> {
        self.append_hashed(record).map(|(seq, _)| seq)
    }

    /// Appends and fsyncs an intent record; returns its `seq` and its anchor
    /// `CHAIN/SEQ/HASH` (the chain id is the hash of the file's first record), which the
    /// console sends to the nodes it calls so their audit keeps a copy (see
    /// `audit verify --against-nodes`).
    pub fn intent_anchored(&self, i: &Intent<'_>) -> Result<(u64, String)> {
        let seq = self.intent(i)?;
        let anchor = self.anchor_of(seq).unwrap_or_default();
        Ok((seq, anchor))
    }

    /// Appends and fsyncs a result record; returns its `seq` and its anchor `CHAIN/SEQ/HASH`
    /// (sent to the nodes the command reached, so removing the final result is noticed).
    pub fn result_anchored(
        &self,
        intent_seq: u64,
        session: &str,
        o: &Outcome<'_>,
    ) -> Result<(u64, String)> {
        let seq = self.result(intent_seq, session, o)?;
        let anchor = self.anchor_of(seq).unwrap_or_default();
        Ok((seq, anchor))
    }

    /// The chain id of this file: the hash of its first record (None when empty or unreadable).
    pub fn chain_id(&self) -> Option<String> {
        let file = File::open(&self.path).ok()?;
        let mut first = Vec::new();
        BufReader::new(file).read_until(b'\n', &mut first).ok()?;
        let v: Value = serde_json::from_slice(&first).ok()?;
        v.get("hash").and_then(Value::as_str).map(str::to_string)
    }

    /// `CHAIN/SEQ/HASH` of record `seq` (read back from the file's tail).
    fn anchor_of(&self, seq: u64) -> Option<String> {
        let chain = self.chain_id()?;
        let mut file = File::open(&self.path).ok()?;
        let (hash, last, _) = last_record(&mut file).ok()?;
        (last == Some(seq)).then(|| format!("{chain}/{seq}/{hash}"))
    }

    fn append_hashed(&self, mut record: Map<String, Value>) -> Result<(u64, String)> {
        let err = |e: std::io::Error| Error::Audit(format!("{}: {e}", self.path.display()));
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let mut options = OpenOptions::new();
        options.create(true).read(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&self.path).map_err(err)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(err)?;
        }
        file.lock().map_err(err)?;
        let (prev_hash, prev_seq, torn) = last_record(&mut file).map_err(err)?;
        let seq = prev_seq.map_or(0, |s| s + 1);
        record.insert("seq".into(), seq.into());
        record.insert("ts".into(), now_rfc3339().into());
        record.insert("prev".into(), prev_hash.clone().into());
        let hash = chain_hash(&prev_hash, &record);
        record.insert("hash".into(), hash.clone().into());
        let mut line = String::new();
        if torn {
            line.push('\n');
        }
        line.push_str(&Value::Object(record).to_string());
        line.push('\n');
        file.write_all(line.as_bytes()).map_err(err)?;
        file.sync_data().map_err(err)?;
        Ok((seq, hash))
    }

    /// Reads every record (lines that are not JSON objects are skipped).
    pub fn records(&self) -> Result<Vec<Value>> {
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.path, e)),
        };
        let mut out = Vec::new();
        for line in BufReader::new(file).lines() {
            let line = line.map_err(|e| Error::io(&self.path, e))?;
            if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(&line) {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// Walks the whole chain and names the first record that breaks it.
    pub fn verify(&self) -> Result<Verification> {
        self.verify_as(None)
    }

    /// [`AuditLog::verify`] run by a command of `own_session`: that command's own open intent
    /// (this process's) is reported as `own_intent`, not as unfinished.
    pub fn verify_as(&self, own_session: Option<&str>) -> Result<Verification> {
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Audit(format!(
                    "{}: no audit log yet",
                    self.path.display()
                )))
            }
            Err(e) => return Err(Error::io(&self.path, e)),
        };
        let mut v = Verification {
            records: 0,
            first_broken_line: None,
            first_broken_seq: None,
            reason: None,
            broken: Vec::new(),
            hashes: Default::default(),
            unfinished: Vec::new(),
            own_intent: None,
        };
        let mut own: Option<u64> = None;
        let mut prev = GENESIS.to_string();
        let mut expected_seq = 0u64;
        let mut open_intents = std::collections::BTreeSet::new();
        for (n, line) in BufReader::new(file).split(b'\n').enumerate() {
            let line_no = n as u64 + 1;
            let bytes = line.map_err(|e| Error::io(&self.path, e))?;
            v.records += 1;
            let check = check_record(&bytes, &prev, expected_seq);
            match check {
                Ok((hash, record)) => {
                    v.hashes.insert(expected_seq, hash.clone());
                    prev = hash;
                    expected_seq += 1;
                    match record.get("kind").and_then(Value::as_str) {
                        Some("intent") => {
                            open_intents.insert(expected_seq - 1);
                            // This process's newest open intent of `own_session` is the
                            // verifying command itself.
                            if own_session.is_some_and(|s| {
                                record.get("session").and_then(Value::as_str) == Some(s)
                                    && record.get("pid").and_then(Value::as_u64)
                                        == Some(u64::from(std::process::id()))
                            }) {
                                own = Some(expected_seq - 1);
                            }
                        }
                        Some("result") => {
                            if let Some(s) = record.get("intent_seq").and_then(Value::as_u64) {
                                open_intents.remove(&s);
                            }
                        }
                        _ => {}
                    }
                }
                Err((seq, reason)) => {
                    if v.first_broken_line.is_none() {
                        v.first_broken_line = Some(line_no);
                        v.first_broken_seq = seq;
                        v.reason = Some(reason.clone());
                    }
                    v.broken.push(BrokenRecord {
                        line: line_no,
                        seq,
                        reason,
                    });
                    // Go on: a record that still reads as one re-anchors the walk on what it
                    // claims (so one edit is one finding); a torn or unreadable line leaves the
                    // chain where the last good record put it.
                    if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(&bytes) {
                        if let (Some(h), Some(s)) = (
                            m.get("hash").and_then(Value::as_str),
                            m.get("seq").and_then(Value::as_u64),
                        ) {
                            v.hashes.insert(s, h.to_string());
                            prev = h.to_string();
                            expected_seq = s + 1;
                        }
                    }
                }
            }
        }
        if let Some(o) = own.filter(|o| open_intents.remove(o)) {
            v.own_intent = Some(o);
        }
        v.unfinished = open_intents.into_iter().collect();
        Ok(v)
    }
}

/// Why a record breaks the chain: its `seq` when readable, and the reason.
type Broken = (Option<u64>, String);

/// Checks one line against the chain; returns its hash and content.
fn check_record(
    bytes: &[u8],
    prev: &str,
    expected_seq: u64,
) -> std::result::Result<(String, Map<String, Value>), Broken> {
    let mut record = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err((None, "not a JSON object".into())),
        Err(e) => return Err((None, format!("not valid JSON ({e}): torn or edited"))),
    };
    let seq = record.get("seq").and_then(Value::as_u64);
    let Some(Value::String(hash)) = record.remove("hash") else {
        return Err((seq, "no hash field".into()));
    };
    if seq != Some(expected_seq) {
        return Err((
            seq,
            format!("seq should be {expected_seq}: a record was removed or inserted"),
        ));
    }
    if record.get("prev").and_then(Value::as_str) != Some(prev) {
        return Err((seq, "prev does not match the previous record's hash".into()));
    }
    if chain_hash(prev, &record) != hash {
        return Err((
            seq,
            "hash does not match the record's content: edited".into(),
        ));
    }
    Ok((hash, record))
}

/// SHA-256 (hex) of `prev`, a newline and the record (sorted keys, no `hash`).
pub fn chain_hash(prev: &str, record: &Map<String, Value>) -> String {
    let body = Value::Object(record.clone()).to_string();
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(body.as_bytes());
    hex::encode(h.finalize())
}

/// The last record's hash and seq, and whether the file ends in a torn (unterminated) line.
fn last_record(file: &mut File) -> std::io::Result<(String, Option<u64>, bool)> {
    const WINDOW: u64 = 64 * 1024;
    let len = file.seek(SeekFrom::End(0))?;
    if len == 0 {
        return Ok((GENESIS.to_string(), None, false));
    }
    let mut start = len.saturating_sub(WINDOW);
    loop {
        file.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::new();
        file.read_to_end(&mut buf)?;
        let torn = buf.last() != Some(&b'\n');
        // Walk complete lines from the end; take the last one that parses with a hash.
        let complete = if torn {
            match buf.iter().rposition(|b| *b == b'\n') {
                Some(p) => &buf[..=p],
                None => &buf[..0],
            }
        } else {
            &buf[..]
        };
        for line in complete.split(|b| *b == b'\n').rev() {
            if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(line) {
                if let (Some(h), Some(s)) = (
                    m.get("hash").and_then(Value::as_str),
                    m.get("seq").and_then(Value::as_u64),
                ) {
                    return Ok((h.to_string(), Some(s), torn));
                }
            }
        }
        if start == 0 {
            return Ok((GENESIS.to_string(), None, torn));
        }
        start = start.saturating_sub(WINDOW * 4);
    }
}

/// Current UTC time as RFC 3339 with milliseconds.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    now.format(&fmt)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent<'a>(cmd: &'a str, targets: &'a [String]) -> Intent<'a> {
        Intent {
            operator: "alice",
            role: Some("admin"),
            session: "s1",
            via: "one-shot",
            profile: "demo",
            command: cmd,
            targets,
            script: None,
        }
    }

    #[test]
    fn chain_verifies_and_tamper_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("a.jsonl"));
        let t = vec!["cluster".to_string()];
        for i in 0..5 {
            let seq = log
                .intent(&intent(&format!("cluster status {i}"), &t))
                .unwrap();
            let o = Outcome {
                outcome: "ok",
                exit_code: 0,
                duration_ms: 3,
                error: None,
            };
            log.result(seq, "s1", &o).unwrap();
        }
        let v = log.verify().unwrap();
        assert_eq!(v.records, 10);
        assert_eq!(v.first_broken_line, None);

        let text = std::fs::read_to_string(log.path()).unwrap();
        let tampered = text.replacen("cluster status 3", "cluster status 9", 1);
        std::fs::write(log.path(), tampered).unwrap();
        let v = log.verify().unwrap();
        assert_eq!(v.first_broken_line, Some(7));
        assert_eq!(v.first_broken_seq, Some(6));
        assert!(v.reason.unwrap().contains("edited"));
    }

    #[test]
    fn torn_tail_is_reported_and_appends_continue() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("a.jsonl"));
        let seq = log.intent(&intent("node info x", &[])).unwrap();
        let mut f = OpenOptions::new().append(true).open(log.path()).unwrap();
        f.write_all(b"{\"kind\":\"res").unwrap();
        drop(f);
        log.result(
            seq,
            "s1",
            &Outcome {
                outcome: "ok",
                exit_code: 0,
                duration_ms: 1,
                error: None,
            },
        )
        .unwrap();
        let v = log.verify().unwrap();
        assert_eq!(v.first_broken_line, Some(2));
        assert_eq!(log.records().unwrap().len(), 2);
    }

    #[test]
    fn unfinished_intents_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("a.jsonl"));
        let s = log.intent(&intent("cluster status", &[])).unwrap();
        let v = log.verify().unwrap();
        assert_eq!(v.unfinished, vec![s]);
    }
}
