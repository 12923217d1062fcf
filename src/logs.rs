//! Log lines as the console sees them, whatever their source (Loki, or the nodes' log buffers).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One log line, normalized. Its JSON also carries `ts`, the timestamp in RFC 3339 UTC.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LogLine {
    /// Timestamp, nanoseconds since the Unix epoch.
    pub ts_unix_nano: u64,
    /// `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR` (upper case); empty when unknown.
    pub level: String,
    /// The message.
    pub message: String,
    /// Node that wrote the line; empty when unknown.
    pub node_id: String,
    /// Correlation ids; empty when absent.
    pub trace_id: String,
    /// Span id; empty when absent.
    pub span_id: String,
    /// Request id; empty when absent.
    pub request_id: String,
    /// Component (e.g. `inference`, `consensus`); empty when absent.
    pub component: String,
    /// Every other field or label (Loki stream labels, structured metadata, JSON fields).
    pub fields: BTreeMap<String, String>,
}

/// The JSON form of [`LogLine`]: its fields with the RFC 3339 timestamp beside the epoch number.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "LogLine")]
struct LogLineJson<'a> {
    /// The same instant in RFC 3339 UTC (null when out of range).
    ts: Option<String>,
    /// Timestamp, nanoseconds since the Unix epoch.
    ts_unix_nano: u64,
    /// `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR` (upper case); empty when unknown.
    level: &'a str,
    /// The message.
    message: &'a str,
    /// Node that wrote the line; empty when unknown.
    node_id: &'a str,
    /// Correlation ids; empty when absent.
    trace_id: &'a str,
    /// Span id; empty when absent.
    span_id: &'a str,
    /// Request id; empty when absent.
    request_id: &'a str,
    /// Component (e.g. `inference`, `consensus`); empty when absent.
    component: &'a str,
    /// Every other field or label (Loki stream labels, structured metadata, JSON fields).
    fields: &'a BTreeMap<String, String>,
}

impl Serialize for LogLine {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        LogLineJson {
            ts: crate::output::rfc3339_ns(self.ts_unix_nano),
            ts_unix_nano: self.ts_unix_nano,
            level: &self.level,
            message: &self.message,
            node_id: &self.node_id,
            trace_id: &self.trace_id,
            span_id: &self.span_id,
            request_id: &self.request_id,
            component: &self.component,
            fields: &self.fields,
        }
        .serialize(s)
    }
}

impl schemars::JsonSchema for LogLine {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LogLine".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        LogLineJson::json_schema(g)
    }
}

impl LogLine {
    /// The value of `key`: a correlation id, `node_id`/`level`/`component`/`message`, or a field.
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "node_id" | "node" | "instance" => Some(&self.node_id),
            "level" | "detected_level" => Some(&self.level),
            "component" => Some(&self.component),
            "trace_id" => Some(&self.trace_id),
            "span_id" => Some(&self.span_id),
            "request_id" => Some(&self.request_id),
            "message" | "msg" => Some(&self.message),
            other => self.fields.get(other).map(String::as_str),
        }
    }
}

/// Upper-case level name (`TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`) for the common spellings
/// (`warning`, `err`, `fatal`, `critical`, …, any case); empty when not recognised.
pub fn normalize_level(level: &str) -> &'static str {
    match level.trim().to_ascii_lowercase().as_str() {
        "trace" => "TRACE",
        "debug" | "dbg" => "DEBUG",
        "info" | "information" | "notice" => "INFO",
        "warn" | "warning" => "WARN",
        "error" | "err" | "fatal" | "critical" | "crit" | "panic" | "emerg" | "alert" => "ERROR",
        _ => "",
    }
}

/// Severity rank of a level name (any spelling [`normalize_level`] knows): TRACE 0 … ERROR 4;
/// unknown names 2 (INFO).
pub fn level_rank(level: &str) -> u8 {
    match normalize_level(level) {
        "TRACE" => 0,
        "DEBUG" => 1,
        "WARN" => 3,
        "ERROR" => 4,
        _ => 2,
    }
}

/// A comparison of a label or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `=~` (anchored, as in LogQL)
    Re,
    /// `!~`
    NotRe,
}

/// `key op "value"`.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Label or field name.
    pub key: String,
    /// Comparison.
    pub op: MatchOp,
    /// Right-hand side.
    pub value: String,
    regex: Option<regex::Regex>,
}

impl Matcher {
    fn new(key: String, op: MatchOp, value: String) -> Result<Matcher, String> {
        let regex = match op {
            MatchOp::Re | MatchOp::NotRe => Some(
                regex::Regex::new(&format!("^(?:{value})$"))
                    .map_err(|e| format!("bad regex for {key}: {e}"))?,
            ),
            _ => None,
        };
        Ok(Matcher {
            key,
            op,
            value,
            regex,
        })
    }

    fn matches(&self, line: &LogLine) -> bool {
        // `job` is Loki's stream label for our nodes; every buffered line is ours.
        if self.key == "job" {
            return match self.op {
                MatchOp::Eq => self.value == "butterfly",
                MatchOp::Ne => self.value != "butterfly",
                MatchOp::Re | MatchOp::NotRe => {
                    self.regex.as_ref().is_some_and(|r| r.is_match("butterfly"))
                        == (self.op == MatchOp::Re)
                }
            };
        }
        let v = line.get(&self.key).unwrap_or("");
        let eq = |a: &str, b: &str| {
            if self.key == "level" {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        match self.op {
            MatchOp::Eq => eq(v, &self.value),
            MatchOp::Ne => !eq(v, &self.value),
            MatchOp::Re => self.regex.as_ref().is_some_and(|r| r.is_match(v)),
            MatchOp::NotRe => !self.regex.as_ref().is_some_and(|r| r.is_match(v)),
        }
    }
}

/// A line filter stage: `|= "text"`, `!= "text"`, `|~ "re"`, `!~ "re"`.
#[derive(Debug, Clone)]
pub enum LineFilter {
    /// The message contains the text.
    Contains(String),
    /// The message does not contain the text.
    NotContains(String),
    /// The message matches the regex (unanchored).
    Matches(regex::Regex),
    /// The message does not match the regex.
    NotMatches(regex::Regex),
}

/// The LogQL subset the embedded default understands:
///
/// ```text
/// {node_id="compute-1", level=~"WARN|ERROR"} |= "timeout" != "retry" |~ "layer [0-3]" | json | trace_id="4bf9…"
/// ```
///
/// A stream selector of `=`, `!=`, `=~`, `!~` matchers (`job="butterfly"` is accepted and
/// ignored), then line filters on the message (`|=`, `!=`, `|~`, `!~`), `| json` / `| logfmt`
/// (no-ops: buffered lines are already structured) and label filters (`| key op "value"`,
/// combined within a stage with `and` (or `,`) and `or`, `and` binding tighter, as in LogQL:
/// `| level="WARN" or level="ERROR"`). Keys are `node_id`, `level`, `component`, `trace_id`,
/// `span_id`, `request_id`, `message`, or any structured field. Metric queries (`rate(...)`)
/// need Loki.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Stream selector and label filters, all of which must match.
    pub matchers: Vec<Matcher>,
    /// Label-filter stages with `or`: each stage passes when every matcher of one of its
    /// alternatives matches.
    pub alternatives: Vec<Vec<Vec<Matcher>>>,
    /// Line filters, all of which must match.
    pub line_filters: Vec<LineFilter>,
}

impl LogFilter {
    /// Parses the subset; an error names what was not understood.
    pub fn parse(query: &str) -> Result<LogFilter, String> {
        let mut p = Parser {
            s: query.trim(),
            pos: 0,
        };
        let mut f = LogFilter::default();
        p.ws();
        if p.eat("{") {
            loop {
                p.ws();
                if p.eat("}") {
                    break;
                }
                let key = p.ident()?;
                p.ws();
                let op = p.op()?;
                p.ws();
                let value = p.string()?;
                f.matchers.push(Matcher::new(key, op, value)?);
                p.ws();
                if p.eat(",") {
                    continue;
                }
                if p.eat("}") {
                    break;
                }
                return Err(p.error("expected ',' or '}'"));
            }
        }
        loop {
            p.ws();
            if p.done() {
                break;
            }
            if p.eat("|=") {
                p.ws();
                f.line_filters.push(LineFilter::Contains(p.string()?));
            } else if p.eat("!=") {
                p.ws();
                f.line_filters.push(LineFilter::NotContains(p.string()?));
            } else if p.eat("|~") {
                p.ws();
                f.line_filters.push(LineFilter::Matches(p.regex()?));
            } else if p.eat("!~") {
                p.ws();
                f.line_filters.push(LineFilter::NotMatches(p.regex()?));
            } else if p.eat("|") {
                p.ws();
                let key = p.ident()?;
                p.ws();
                if matches!(key.as_str(), "json" | "logfmt")
                    && (p.done() || p.peek_is("|") || p.peek_is("!"))
                {
                    continue;
                }
                let op = p.op()?;
                p.ws();
                let value = p.string()?;
                // `a and b or c`: alternatives of conjunctions.
                let mut stage = vec![vec![Matcher::new(key, op, value)?]];
                loop {
                    p.ws();
                    let or = p.eat_word("or");
                    if !or && !p.eat_word("and") && !p.eat(",") {
                        break;
                    }
                    p.ws();
                    let key = p.ident()?;
                    p.ws();
                    let op = p.op()?;
                    p.ws();
                    let m = Matcher::new(key, op, p.string()?)?;
                    match stage.last_mut() {
                        Some(last) if !or => last.push(m),
                        _ => stage.push(vec![m]),
                    }
                }
                if stage.len() == 1 {
                    f.matchers.extend(stage.into_iter().flatten());
                } else {
                    f.alternatives.push(stage);
                }
            } else {
                return Err(p.error(
                    "expected a line filter (|= != |~ !~) or a stage (| json, | key=\"value\"); metric queries need Loki",
                ));
            }
        }
        Ok(f)
    }

    /// Whether `line` passes every matcher and line filter.
    pub fn matches(&self, line: &LogLine) -> bool {
        self.matchers.iter().all(|m| m.matches(line))
            && self
                .alternatives
                .iter()
                .all(|stage| stage.iter().any(|all| all.iter().all(|m| m.matches(line))))
            && self.line_filters.iter().all(|f| match f {
                LineFilter::Contains(t) => line.message.contains(t.as_str()),
                LineFilter::NotContains(t) => !line.message.contains(t.as_str()),
                LineFilter::Matches(r) => r.is_match(&line.message),
                LineFilter::NotMatches(r) => !r.is_match(&line.message),
            })
    }

    /// The value an equality matcher on `key` requires, if any (to narrow what nodes send).
    pub fn required(&self, key: &str) -> Option<&str> {
        self.matchers
            .iter()
            .find(|m| m.key == key && m.op == MatchOp::Eq)
            .map(|m| m.value.as_str())
    }
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }
    fn done(&self) -> bool {
        self.pos >= self.s.len()
    }
    fn ws(&mut self) {
        let n = self.rest().len() - self.rest().trim_start().len();
        self.pos += n;
    }
    fn peek_is(&self, t: &str) -> bool {
        self.rest().starts_with(t)
    }
    fn eat(&mut self, t: &str) -> bool {
        if self.peek_is(t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }
    /// Eats `word` when it stands alone (followed by whitespace).
    fn eat_word(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let alone = rest
            .strip_prefix(word)
            .is_some_and(|after| after.starts_with(char::is_whitespace));
        if alone {
            self.pos += word.len();
        }
        alone
    }
    fn error(&self, what: &str) -> String {
        format!("{what} at column {} of the query", self.pos + 1)
    }
    fn ident(&mut self) -> Result<String, String> {
        let n = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(self.rest().len());
        if n == 0 {
            return Err(self.error("expected a label name"));
        }
        let id = self.rest()[..n].to_string();
        self.pos += n;
        Ok(id)
    }
    fn op(&mut self) -> Result<MatchOp, String> {
        for (t, op) in [
            ("=~", MatchOp::Re),
            ("!~", MatchOp::NotRe),
            ("!=", MatchOp::Ne),
            ("==", MatchOp::Eq),
            ("=", MatchOp::Eq),
        ] {
            if self.eat(t) {
                return Ok(op);
            }
        }
        Err(self.error("expected = != =~ or !~"))
    }
    fn string(&mut self) -> Result<String, String> {
        if self.eat("`") {
            let end = self
                .rest()
                .find('`')
                .ok_or_else(|| self.error("unterminated `string`"))?;
            let v = self.rest()[..end].to_string();
            self.pos += end + 1;
            return Ok(v);
        }
        if !self.eat("\"") {
            return Err(self.error("expected a \"string\""));
        }
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, e)) => out.push(e),
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err(self.error("unterminated \"string\""))
    }
    fn regex(&mut self) -> Result<regex::Regex, String> {
        let s = self.string()?;
        regex::Regex::new(&s).map_err(|e| format!("bad regex {s:?}: {e}"))
    }
}

/// `HH:MM:SS.mmm` (UTC) of a nanosecond timestamp.
pub fn clock(ts_unix_nano: u64) -> String {
    let secs = ts_unix_nano / 1_000_000_000;
    let ms = (ts_unix_nano / 1_000_000) % 1000;
    format!(
        "{:02}:{:02}:{:02}.{ms:03}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

/// One readable line: time, level (coloured), node, component, message, then the correlation ids
/// and fields as `key=value`.
pub fn render_line(l: &LogLine, style: &crate::output::Style) -> String {
    let level = format!("{:5}", if l.level.is_empty() { "-" } else { &l.level });
    let level = match level_rank(&l.level) {
        4 => style.bad(&level),
        3 => style.warn(&level),
        0 | 1 => style.dim(&level),
        _ => style.good(&level),
    };
    let mut out = format!(
        "{} {level} {} {}{}",
        style.dim(&clock(l.ts_unix_nano)),
        if l.node_id.is_empty() {
            "-"
        } else {
            &l.node_id
        },
        if l.component.is_empty() {
            String::new()
        } else {
            format!("[{}] ", l.component)
        },
        l.message
    );
    let mut kv = Vec::new();
    if !l.request_id.is_empty() {
        kv.push(format!("request_id={}", l.request_id));
    }
    if !l.trace_id.is_empty() {
        kv.push(format!("trace_id={}", l.trace_id));
    }
    if !l.span_id.is_empty() {
        kv.push(format!("span_id={}", l.span_id));
    }
    kv.extend(l.fields.iter().map(|(k, v)| format!("{k}={v}")));
    if !kv.is_empty() {
        out.push_str("  ");
        out.push_str(&style.dim(&kv.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(level: &str, node: &str, msg: &str) -> LogLine {
        LogLine {
            ts_unix_nano: 1_700_000_000_123_000_000,
            level: level.into(),
            message: msg.into(),
            node_id: node.into(),
            trace_id: "4bf92f3577b34da6a3ce929d0e0e4736".into(),
            span_id: String::new(),
            request_id: "req_1".into(),
            component: "inference".into(),
            fields: [("layer".to_string(), "3".to_string())].into(),
        }
    }

    #[test]
    fn the_subset_parses_and_filters() {
        let f = LogFilter::parse(
            r#"{job="butterfly", node_id=~"compute-.*"} |= "slow" != "retry" |~ "layer [0-9]" | json | layer="3" | level!="DEBUG""#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(f.matches(&line("WARN", "compute-2", "slow layer 3")));
        assert!(!f.matches(&line("WARN", "coord-1", "slow layer 3")));
        assert!(!f.matches(&line("WARN", "compute-2", "slow layer 3, retry")));
        assert!(!f.matches(&line("debug", "compute-2", "slow layer 3")));
        assert_eq!(
            LogFilter::parse(r#"{trace_id="abc"}"#)
                .ok()
                .and_then(|f| f.required("trace_id").map(str::to_string)),
            Some("abc".to_string())
        );
        assert!(LogFilter::parse("")
            .map(|f| f.matches(&line("INFO", "x", "y")))
            .unwrap_or(false));
    }

    #[test]
    fn label_filters_combine_with_or_and_and() {
        // The seed's runbook query, as written.
        let f = LogFilter::parse(
            r#"{job="butterfly"} | json | trace_id="4bf92f3577b34da6a3ce929d0e0e4736" | level="WARN" or level="ERROR""#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(f.matches(&line("WARN", "c", "x")));
        assert!(f.matches(&line("error", "c", "x")));
        assert!(!f.matches(&line("INFO", "c", "x")));
        assert_eq!(
            f.required("trace_id"),
            Some("4bf92f3577b34da6a3ce929d0e0e4736")
        );
        // `and` binds tighter than `or`; a field named `order` is not the word `or`.
        let f = LogFilter::parse(
            r#"{} | level="INFO" and node_id="a" or level="ERROR", node_id="b" | order!="1""#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(f.matches(&line("INFO", "a", "x")));
        assert!(!f.matches(&line("INFO", "b", "x")));
        assert!(f.matches(&line("ERROR", "b", "x")));
        assert!(!f.matches(&line("ERROR", "a", "x")));
        assert!(LogFilter::parse(r#"{} | level="INFO" or"#).is_err());
    }

    #[test]
    fn errors_name_the_column() {
        let e = LogFilter::parse(r#"{node_id="a""#)
            .err()
            .unwrap_or_default();
        assert!(e.contains("column"), "{e}");
        let e = LogFilter::parse(r#"rate({job="x"}[1m])"#)
            .err()
            .unwrap_or_default();
        assert!(e.contains("need Loki"), "{e}");
        assert!(LogFilter::parse(r#"{a=~"("}"#).is_err());
    }

    #[test]
    fn lines_read_well() {
        let s = render_line(&line("ERROR", "n1", "boom"), &crate::output::Style::plain());
        assert!(s.contains("ERROR n1 [inference] boom"), "{s}");
        assert!(
            s.contains("request_id=req_1") && s.contains("layer=3"),
            "{s}"
        );
    }
}
