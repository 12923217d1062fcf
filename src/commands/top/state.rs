//! `top`'s data (written by the pollers) and its UI state machine (`App::handle(key) -> Action`),
//! both free of any terminal so they can be unit-tested.

pub use super::history::{rates_between, record_history};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::time::{Duration, Instant};

/// The views, in Tab order; number keys 1..=6 pick one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every node.
    Nodes,
    /// Replicas per layer.
    Layers,
    /// Slowest and failed recent traces.
    Requests,
    /// Request-latency heatmap over time, with p50/p99/p999.
    Latency,
    /// The latency matrix.
    Links,
    /// Faults and the console's audit tail.
    Events,
}

impl View {
    /// All views in Tab order.
    pub const ALL: [View; 6] = [
        View::Nodes,
        View::Layers,
        View::Requests,
        View::Latency,
        View::Links,
        View::Events,
    ];
    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            View::Nodes => "Nodes",
            View::Layers => "Layers",
            View::Requests => "Requests",
            View::Latency => "Latency",
            View::Links => "Links",
            View::Events => "Events",
        }
    }
    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// One source's latest answer, when it came and from where.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Latest good data; None until the first answer.
    pub data: Option<T>,
    /// When `data` arrived.
    pub updated: Option<Instant>,
    /// Where the data comes from (e.g. `cluster status (fan-out)`).
    pub source: String,
    /// The last poll's error; None when it succeeded.
    pub error: Option<String>,
}

impl<T> Source<T> {
    /// An empty source named `source`.
    pub fn new(source: &str) -> Self {
        Source {
            data: None,
            updated: None,
            source: source.to_string(),
            error: None,
        }
    }
    /// `source · 3s ago` (or `· waiting`), plus `· last poll failed` (the error itself is shown
    /// on the line above the footer).
    pub fn caption(&self, now: Instant) -> String {
        let age = match self.updated {
            Some(t) => format!("{}s ago", now.saturating_duration_since(t).as_secs()),
            None => "waiting".to_string(),
        };
        match &self.error {
            Some(_) => format!("{} · {age} · last poll failed", self.source),
            None => format!("{} · {age}", self.source),
        }
    }
}

/// One node as `cluster status -o json` reports it (fields `top` shows).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct NodeInfo {
    /// Node id.
    pub id: String,
    /// `coordinator`, `compute`, `observer`.
    pub role: String,
    /// Whether it answered.
    pub reachable: bool,
    /// `healthy`, `degraded`, `unhealthy`, `unknown`.
    pub health: String,
    /// One-line summary (the health reason).
    pub summary: Option<String>,
    /// Why it did not answer.
    pub error: Option<String>,
    /// Raft position (coordinators).
    pub consensus: Option<RaftInfo>,
    /// Reputation in [0, 1].
    pub reputation: Option<f64>,
    /// Injected faults.
    pub active_faults: Vec<String>,
    /// Slowest layer p99, ms.
    pub layer_p99_ms: Option<f64>,
    /// Requests/s (Prometheus).
    pub request_rate: Option<f64>,
    /// Failed/all, 0..1 (Prometheus).
    pub error_ratio: Option<f64>,
    /// p99 request duration, seconds (Prometheus).
    pub p99_seconds: Option<f64>,
    /// Requests served since start (coordinators), for rates between two polls.
    pub requests_total: Option<u64>,
    /// Of those, failed.
    pub requests_failed: Option<u64>,
    /// Age of the node's last heartbeat at the coordinator, ms (summary source only).
    pub heartbeat_age_ms: Option<u64>,
}

/// Raft role and term.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RaftInfo {
    /// Term.
    pub term: u64,
    /// `leader`, `follower`, ...
    pub state: String,
}

impl NodeInfo {
    /// `down` when unreachable, else the health word.
    pub fn health_word(&self) -> &str {
        if !self.reachable {
            "down"
        } else {
            &self.health
        }
    }
    /// Why: the error when down, else the summary.
    pub fn reason(&self) -> &str {
        if !self.reachable {
            self.error.as_deref().unwrap_or("no answer")
        } else {
            self.summary.as_deref().unwrap_or("")
        }
    }
    /// p99 in ms: the request p99 (Prometheus) when known, else the slowest layer's p99.
    pub fn p99_ms(&self) -> Option<f64> {
        self.p99_seconds
            .map(|s| s * 1000.0)
            .or(self.layer_p99_ms)
            .filter(|v| v.is_finite())
    }
}

/// How bad a node looks: 4 down, 3 degraded/unhealthy, 2 reputation < 0.5, 1 p99 outlier
/// (over 3× the median p99 and over 10 ms), 0 fine.
pub fn badness(n: &NodeInfo, median_p99: Option<f64>) -> u8 {
    if !n.reachable {
        return 4;
    }
    if n.health == "degraded" || n.health == "unhealthy" {
        return 3;
    }
    if n.reputation.is_some_and(|r| r < 0.5) {
        return 2;
    }
    match (n.p99_ms(), median_p99) {
        (Some(p), Some(m)) if p > 10.0 && p > 3.0 * m => 1,
        _ => 0,
    }
}

/// Median p99 (ms) over the nodes that have one.
pub fn median_p99(nodes: &[NodeInfo]) -> Option<f64> {
    let mut v: Vec<f64> = nodes.iter().filter_map(NodeInfo::p99_ms).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[(v.len() - 1) / 2])
}

/// Index (into `nodes`) of the worst node, None when every node is fine.
pub fn worst(nodes: &[NodeInfo]) -> Option<usize> {
    let m = median_p99(nodes);
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (badness(n, m), n.reputation.unwrap_or(1.0), i))
        .filter(|(b, _, _)| *b > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, i)| i)
}

/// Node table columns (sortable).
pub const NODE_COLUMNS: [&str; 9] = [
    "NODE", "ROLE", "HEALTH", "RAFT", "RPS", "P99", "ERR%", "REP", "FAULTS",
];

/// Sorts `nodes` by column `col` (index into [`NODE_COLUMNS`]); missing values last.
pub fn sort_nodes(nodes: &mut [&NodeInfo], col: usize, desc: bool) {
    use std::cmp::Ordering;
    let num = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    nodes.sort_by(|a, b| {
        let o = match col {
            0 => a.id.cmp(&b.id),
            1 => a.role.cmp(&b.role),
            2 => a.health_word().cmp(b.health_word()),
            3 => num(
                a.consensus.as_ref().map(|c| c.term as f64),
                b.consensus.as_ref().map(|c| c.term as f64),
            ),
            4 => num(a.request_rate, b.request_rate),
            5 => num(a.p99_ms(), b.p99_ms()),
            6 => num(a.error_ratio, b.error_ratio),
            7 => num(a.reputation, b.reputation),
            8 => a.active_faults.len().cmp(&b.active_faults.len()),
            _ => Ordering::Equal,
        };
        let o = if desc { o.reverse() } else { o };
        o.then_with(|| a.id.cmp(&b.id))
    });
}

/// One layer and the compute nodes that ran it recently.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerInfo {
    /// Layer id.
    pub layer: u32,
    /// (node id, health word) of each replica.
    pub replicas: Vec<(String, String)>,
}

impl LayerInfo {
    /// Replicas whose node is healthy.
    pub fn healthy(&self) -> usize {
        self.replicas.iter().filter(|(_, h)| h == "healthy").count()
    }
}

/// One line of the Events view.
#[derive(Debug, Clone, PartialEq)]
pub struct EventLine {
    /// When (as the source writes it).
    pub at: String,
    /// `fault`, `audit`.
    pub kind: String,
    /// What happened.
    pub text: String,
}

/// One trace as the waterfall overlay shows it (from `request trace`'s typed report, plain).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Waterfall {
    /// The trace's summary line.
    pub header: String,
    /// The waterfall (bars: `█` on the critical path, `▒` off it) and clock-skew notes.
    pub text: String,
    /// The node of the critical-path span that spent the most time itself, and why.
    pub slowest: Option<(String, String)>,
    /// The trace's log lines, oldest first, plain.
    pub logs: Vec<String>,
    /// Where the logs came from (`loki`, `nodes`).
    pub logs_source: String,
}

/// Everything the pollers write; the UI reads it under a short lock.
#[derive(Debug, Clone)]
pub struct Data {
    /// From `cluster status`.
    pub nodes: Source<Vec<NodeInfo>>,
    /// From `node status` of each compute node.
    pub layers: Source<Vec<LayerInfo>>,
    /// From `request search` (slowest, then failed).
    pub requests: Source<Vec<crate::commands::request::search::TraceSummary>>,
    /// From `latency matrix`.
    pub links: Source<crate::commands::latency::LatencyMatrix>,
    /// The request-latency histogram over time (Prometheus, or the coordinators' /metrics).
    pub latency: Source<super::heatmap::Heatmap>,
    /// Each coordinator's last cumulative latency buckets (no Prometheus), for the next delta.
    pub latency_prev: std::collections::HashMap<String, Vec<(f64, f64)>>,
    /// Events: from the Nodes polls' changes (faults, leader changes, reputation drops) and
    /// the audit trail; plus `fault list` with `--direct`.
    pub events: Source<Vec<EventLine>>,
    /// Events derived from the Nodes polls so far, oldest first (at most
    /// [`super::events::MAX_NODE_EVENTS`]).
    pub node_events: std::collections::VecDeque<EventLine>,
    /// The node list the last Events poll compared against.
    pub events_seen: Option<Vec<NodeInfo>>,
    /// The waterfall being shown: trace id and `request trace`'s report, as text.
    pub waterfall: Option<(String, Source<Waterfall>)>,
    /// Healthy replicas each layer should have (Layers view flag) [default: 2].
    pub min_replicas: usize,
    /// Nodes from the fan-out (`--direct`) rather than a coordinator's summaries.
    pub direct: bool,
    /// RPS and p99 of the last polls (sparklines).
    pub history: super::history::History,
    /// Layers from the replicated assignment in the coordinator's summary (not `--direct`).
    pub summary_layers: Option<Vec<LayerInfo>>,
    /// The view on screen (set by the UI loop); the latency matrix is polled only on Links.
    pub view: View,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            nodes: Source::new("cluster status"),
            layers: Source::new("node status (compute nodes)"),
            requests: Source::new("request search"),
            links: Source::new("latency matrix"),
            latency: Source::new("request latency histogram"),
            latency_prev: Default::default(),
            events: Source::new("node polls + console audit"),
            node_events: Default::default(),
            events_seen: None,
            waterfall: None,
            min_replicas: 2,
            direct: false,
            history: Default::default(),
            summary_layers: None,
            view: View::Nodes,
        }
    }
}

/// What the UI loop does after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing changed.
    None,
    /// Redraw.
    Redraw,
    /// Leave `top`.
    Quit,
    /// Fetch and show this trace's waterfall.
    OpenTrace(String),
    /// The `:` command line asks the UI loop for something (run, complete, cancel).
    Cmd(super::console::CmdAction),
}

/// UI state (no data, no terminal).
#[derive(Debug, Clone)]
pub struct App {
    /// Current view.
    pub view: View,
    /// Selected row in the current view.
    pub selected: usize,
    /// Node table sort column (index into [`NODE_COLUMNS`]).
    pub sort_col: usize,
    /// Descending sort.
    pub sort_desc: bool,
    /// Current filter (substring, case-insensitive).
    pub filter: String,
    /// Typing into the filter.
    pub editing_filter: bool,
    /// Key help shown.
    pub help: bool,
    /// Waterfall overlay open (Requests view).
    pub waterfall: bool,
    /// Waterfall scroll, lines.
    pub scroll: u16,
    /// Scroll of the waterfall's logs pane, lines.
    pub log_scroll: u16,
    /// Colours allowed (false with NO_COLOR / --no-color).
    pub color: bool,
    /// Trace ids in the Requests view's row order (set by the UI loop from the data).
    pub request_ids: Vec<String>,
    /// Rows in the current view (set by the UI loop), for clamping the selection.
    pub rows: usize,
    /// The `:` command line and its output pane.
    pub cmd: super::console::CmdLine,
    /// Where the current view's table rows are on screen, set while drawing: (y of the first
    /// row shown, y past the last, index of the first row shown). None: no clickable rows.
    pub rows_at: std::cell::Cell<Option<(u16, u16, usize)>>,
}

impl App {
    /// A fresh state on the Nodes view.
    pub fn new(color: bool) -> App {
        App {
            view: View::Nodes,
            selected: 0,
            sort_col: 0,
            sort_desc: false,
            filter: String::new(),
            editing_filter: false,
            help: false,
            waterfall: false,
            scroll: 0,
            log_scroll: 0,
            color,
            request_ids: Vec::new(),
            rows: 0,
            cmd: Default::default(),
            rows_at: std::cell::Cell::new(None),
        }
    }

    fn switch(&mut self, v: View) -> Action {
        self.view = v;
        self.selected = 0;
        self.waterfall = false;
        Action::Redraw
    }

    /// Applies one key.
    pub fn handle(&mut self, key: KeyEvent) -> Action {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('d')) {
            return Action::Quit;
        }
        if self.editing_filter {
            match key.code {
                KeyCode::Enter => self.editing_filter = false,
                KeyCode::Esc => {
                    self.editing_filter = false;
                    self.filter.clear();
                }
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Char(c) => self.filter.push(c),
                _ => return Action::None,
            }
            self.selected = 0;
            return Action::Redraw;
        }
        if self.help {
            self.help = false;
            return if key.code == KeyCode::Char('q') {
                Action::Quit
            } else {
                Action::Redraw
            };
        }
        if self.cmd.active() {
            match self.cmd.handle(key) {
                super::console::CmdAction::PassThrough => {}
                a => return Action::Cmd(a),
            }
        }
        if self.waterfall {
            match key.code {
                KeyCode::Esc | KeyCode::Backspace | KeyCode::Left => {
                    self.waterfall = false;
                    return Action::Redraw;
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    self.scroll = self.scroll.saturating_add(1);
                    return Action::Redraw;
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.scroll = self.scroll.saturating_sub(1);
                    return Action::Redraw;
                }
                KeyCode::PageDown => {
                    self.scroll = self.scroll.saturating_add(10);
                    return Action::Redraw;
                }
                KeyCode::PageUp => {
                    self.scroll = self.scroll.saturating_sub(10);
                    return Action::Redraw;
                }
                KeyCode::Char('J') => {
                    self.log_scroll = self.log_scroll.saturating_add(1);
                    return Action::Redraw;
                }
                KeyCode::Char('K') => {
                    self.log_scroll = self.log_scroll.saturating_sub(1);
                    return Action::Redraw;
                }
                _ => {}
            }
        }
        match key.code {
            KeyCode::Char('q') => Action::Quit,
            KeyCode::Char('?') => {
                self.help = true;
                Action::Redraw
            }
            KeyCode::Char('/') => {
                self.editing_filter = true;
                Action::Redraw
            }
            KeyCode::Char(':') => {
                self.cmd.open();
                Action::Redraw
            }
            KeyCode::Esc if !self.filter.is_empty() => {
                self.filter.clear();
                Action::Redraw
            }
            KeyCode::Tab => self.switch(View::ALL[(self.view.index() + 1) % View::ALL.len()]),
            KeyCode::BackTab => {
                self.switch(View::ALL[(self.view.index() + View::ALL.len() - 1) % View::ALL.len()])
            }
            KeyCode::Char(c @ '1'..='6') => self.switch(View::ALL[(c as u8 - b'1') as usize]),
            KeyCode::Down | KeyCode::Char('j') => {
                if self.selected + 1 < self.rows {
                    self.selected += 1;
                }
                Action::Redraw
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                Action::Redraw
            }
            KeyCode::Char('s') if self.view == View::Nodes => {
                self.sort_col = (self.sort_col + 1) % NODE_COLUMNS.len();
                Action::Redraw
            }
            KeyCode::Char('S') if self.view == View::Nodes => {
                self.sort_desc = !self.sort_desc;
                Action::Redraw
            }
            KeyCode::Enter if self.view == View::Requests => {
                match self.request_ids.get(self.selected) {
                    Some(id) => {
                        self.waterfall = true;
                        self.scroll = 0;
                        self.log_scroll = 0;
                        Action::OpenTrace(id.clone())
                    }
                    None => Action::None,
                }
            }
            _ => Action::None,
        }
    }

    /// Whether `text` passes the filter.
    pub fn matches(&self, text: &str) -> bool {
        self.filter.is_empty() || text.to_lowercase().contains(&self.filter.to_lowercase())
    }
}

impl From<&crate::commands::cluster::NodeRow> for NodeInfo {
    fn from(r: &crate::commands::cluster::NodeRow) -> NodeInfo {
        NodeInfo {
            id: r.id.clone(),
            role: r.role.clone(),
            reachable: r.reachable,
            health: r.health.clone(),
            summary: r.summary.clone(),
            error: r.error.clone(),
            consensus: r.consensus.as_ref().map(|c| RaftInfo {
                term: c.term,
                state: c.state.clone(),
            }),
            reputation: r.reputation,
            active_faults: r.active_faults.clone(),
            layer_p99_ms: r.layer_p99_ms,
            request_rate: r.request_rate,
            error_ratio: r.error_ratio,
            p99_seconds: r.p99_seconds,
            requests_total: r.requests_total,
            requests_failed: r.requests_failed,
            heartbeat_age_ms: r.heartbeat_age_ms,
        }
    }
}

/// Layers of a `cluster status` report's replicated assignment, each replica with its node's
/// health word (`down` when it does not answer).
pub fn layers_of(
    coverage: &[crate::commands::cluster::LayerCoverage],
    nodes: &[NodeInfo],
) -> Vec<LayerInfo> {
    let health: std::collections::HashMap<&str, &str> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.health_word()))
        .collect();
    coverage
        .iter()
        .map(|l| {
            let mut replicas: Vec<(String, String)> = l
                .replicas
                .iter()
                .map(|id| {
                    let h = health.get(id.as_str()).copied().unwrap_or("unknown");
                    (id.clone(), h.to_string())
                })
                .collect();
            replicas.sort();
            LayerInfo {
                layer: l.layer,
                replicas,
            }
        })
        .collect()
}

/// Parses `fault list -o json` and `audit show -o json` into event lines, newest last.
pub fn events_from(
    faults: Option<&serde_json::Value>,
    audit: Option<&serde_json::Value>,
) -> Vec<EventLine> {
    let s = |v: &serde_json::Value, k: &str| -> String {
        match v.get(k) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    };
    let mut out = Vec::new();
    for f in faults
        .and_then(|f| f.get("faults"))
        .and_then(|f| f.as_array())
        .into_iter()
        .flatten()
    {
        let at = f
            .get("at_unix_ms")
            .and_then(|v| v.as_i64())
            .and_then(|ms| {
                time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000).ok()
            })
            .map(|t| format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second()))
            .unwrap_or_default();
        out.push(EventLine {
            at,
            kind: "byzantine".into(),
            text: format!(
                "{} layer {} request {} rep→{} by {}",
                s(f, "node_id"),
                s(f, "layer"),
                s(f, "request_id"),
                s(f, "reputation_after"),
                s(f, "detected_by")
            ),
        });
    }
    for e in audit
        .and_then(|a| a.get("entries"))
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
    {
        let ts = s(e, "ts");
        out.push(EventLine {
            at: ts.get(11..19).unwrap_or(&ts).to_string(),
            kind: "audit".into(),
            text: format!(
                "{} · {} · {}",
                s(e, "operator"),
                s(e, "command"),
                match s(e, "outcome") {
                    o if o.is_empty() => "running".to_string(),
                    o => o,
                }
            ),
        });
    }
    out
}

/// How old `t` is at `now`, whole seconds.
pub fn age(t: Instant, now: Instant) -> Duration {
    Duration::from_secs(now.saturating_duration_since(t).as_secs())
}
