//! `packet capture`: capture packets on several nodes into ONE pcapng (an interface per node,
//! packets merged by timestamp, drop statistics per node).
//!
//! * `packet capture start <node>[,<node>…] [--filter BPF] [--source auto|pcap|tap] [--max-duration D]`
//!   starts a session on each node (held by the node, so `stop` can be another one-shot);
//! * `packet capture status` shows the sessions; `packet capture stop [-w FILE]` stops them and
//!   writes the file;
//! * `packet capture <nodes> --duration D -w FILE` does both in one go, streaming; `-w -` writes
//!   pcapng to stdout as packets arrive (`| wireshark -k -i -`, `| tshark -r -`).
//!
//! The filter is checked by every node (a dry run) before any node starts capturing.

use crate::commands::connections::{node_targets, rfc3339_ms, NodeError};
use crate::error::{Error, Result};
use crate::fanout::{FanOut, Target};
use crate::output::{Report, Style};
use crate::pcapng::{Interface, Merger, Stats, Writer};
use crate::session::Ctx;
use butterfly_proto::debug::{
    CaptureChunk, CaptureState, CapturedPacket, GetCaptureStatusRequest, StartCaptureRequest,
    StopCaptureRequest,
};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Extra time a `stop` allows each node to stream its packets, beyond `--timeout`: 60 s.
pub const COLLECT_GRACE: Duration = Duration::from_secs(60);

/// `packet ...`
#[derive(Debug, Subcommand)]
pub enum PacketCommand {
    /// Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot
    /// `packet capture <nodes> --duration D -w FILE` (admin role).
    Capture(CaptureArgs),
}

/// `packet capture [start|status|stop] ...`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CaptureArgs {
    /// start, status or stop; without one, a one-shot capture.
    #[command(subcommand)]
    pub action: Option<CaptureAction>,
    /// Nodes to capture on (one-shot): ids or HOST:PORT, comma-separated.
    #[arg(required = true)]
    #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
    pub nodes: Vec<String>,
    /// How long the one-shot capture runs.
    #[arg(long, default_value = "10s", value_parser = crate::opts::parse_duration, value_name = "DURATION")]
    pub duration: Duration,
    /// Where to write the pcapng; `-` streams it to stdout as packets arrive
    /// [default: butterfly-capture-<time>.pcapng].
    #[arg(short = 'w', long = "write", value_name = "FILE")]
    pub write: Option<String>,
    /// Filter and limits.
    #[command(flatten)]
    pub opts: CaptureOpts,
}

/// Which packets, from where, and the limits.
#[derive(Debug, Clone, Args)]
pub struct CaptureOpts {
    /// BPF filter (tcpdump syntax), applied in the kernel (libpcap) and to tapped packets alike.
    #[arg(long, value_name = "BPF")]
    pub filter: Option<String>,
    /// Packet source on each node.
    #[arg(long, value_enum, default_value_t = Source::Auto)]
    pub source: Source,
    /// Bytes kept per packet [default: 65535].
    #[arg(long)]
    pub snaplen: Option<u32>,
    /// Session limit: duration [default: 30s; at most 10m].
    #[arg(long, value_parser = crate::opts::parse_duration, value_name = "DURATION")]
    pub max_duration: Option<Duration>,
    /// Session limit: bytes kept on each node, e.g. `64MiB` [default: 64MiB; at most 256MiB].
    #[arg(long, value_parser = parse_bytes, value_name = "BYTES")]
    pub max_bytes: Option<u64>,
    /// Session limit: packets [default: none].
    #[arg(long)]
    pub max_packets: Option<u64>,
}

/// Packet source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Source {
    /// libpcap when the node may capture (root or CAP_NET_RAW), else the tap.
    Auto,
    /// libpcap on the interface carrying the node's traffic.
    Pcap,
    /// The node's own traffic after decryption, as synthetic packets (no privilege needed).
    Tap,
}

/// `packet capture start|status|stop`
#[derive(Debug, Subcommand)]
pub enum CaptureAction {
    /// Start a capture session on each node (held by the node until `stop` or its limit).
    Start {
        /// Node ids or HOST:PORT, comma-separated.
        #[arg(required = true)]
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        nodes: Vec<String>,
        /// Filter and limits.
        #[command(flatten)]
        opts: CaptureOpts,
    },
    /// The capture sessions of the nodes (every member when none is named).
    Status {
        /// Node ids or HOST:PORT.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        nodes: Vec<String>,
    },
    /// Stop the sessions and write every node's packets into one pcapng.
    Stop {
        /// Node ids or HOST:PORT [default: every member with a session].
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        nodes: Vec<String>,
        /// Where to write the pcapng; `-` = stdout [default: butterfly-capture-<time>.pcapng].
        #[arg(short = 'w', long = "write", value_name = "FILE")]
        write: Option<String>,
        /// Drop the packets instead of writing them.
        #[arg(long)]
        discard: bool,
    },
}

impl PacketCommand {
    /// The nodes named (for the audit trail).
    pub fn nodes(&self) -> Vec<String> {
        let PacketCommand::Capture(a) = self;
        match &a.action {
            None => a.nodes.clone(),
            Some(CaptureAction::Start { nodes, .. })
            | Some(CaptureAction::Status { nodes })
            | Some(CaptureAction::Stop { nodes, .. }) => nodes.clone(),
        }
    }
}

/// Parses `65536`, `64KiB`, `64MiB`, `1GiB` (also `K`, `M`, `G`, `KB`, `MB`, `GB` as powers of 1024).
pub fn parse_bytes(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a size (e.g. 64MiB)"))?;
    let mul: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("'{s}': unknown unit (use KiB, MiB or GiB)")),
    };
    n.checked_mul(mul)
        .ok_or_else(|| format!("'{s}' is too large"))
}

/// One node's part of a capture.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeCapture {
    /// Node id.
    pub node: String,
    /// idle, running or stopped.
    pub state: String,
    /// Session id.
    pub session_id: String,
    /// pcap or tap.
    pub source: String,
    /// Why that source.
    pub source_reason: String,
    /// Capture interface, or tap.
    pub interface: String,
    /// The filter asked for, and the one applied (libpcap adds the node's own ports).
    pub filter: String,
    /// Applied filter.
    pub applied_filter: String,
    /// Packets and bytes kept (for `stop`: written).
    pub packets: u64,
    /// Bytes kept.
    pub bytes: u64,
    /// Packets the source saw.
    pub received: u64,
    /// Packets dropped by the node (over a limit) and by the kernel.
    pub dropped: u64,
    /// Kernel drops.
    pub kernel_dropped: u64,
    /// Why it stopped; null while running.
    pub stop_reason: Option<String>,
    /// Who started it.
    pub started_by: String,
    /// When (RFC 3339 UTC).
    pub started_at: Option<String>,
}

impl From<&CaptureState> for NodeCapture {
    fn from(s: &CaptureState) -> Self {
        NodeCapture {
            node: s.node_id.clone(),
            state: s.state.clone(),
            session_id: s.session_id.clone(),
            source: s.source.clone(),
            source_reason: s.source_reason.clone(),
            interface: s.interface.clone(),
            filter: s.filter.clone(),
            applied_filter: s.applied_filter.clone(),
            packets: s.packets,
            bytes: s.bytes,
            received: s.received,
            dropped: s.dropped,
            kernel_dropped: s.kernel_dropped,
            stop_reason: (!s.stop_reason.is_empty()).then(|| s.stop_reason.clone()),
            started_by: s.started_by.clone(),
            started_at: rfc3339_ms(s.started_unix_ms),
        }
    }
}

/// `packet capture ... -o json`:
/// `{"action","file","packets_written","nodes":[...],"errors":[...]}`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CaptureReport {
    /// start, status, stop or capture (one-shot).
    pub action: String,
    /// The pcapng written (`-` for stdout); null for start and status.
    pub file: Option<String>,
    /// Packets in the file.
    pub packets_written: u64,
    /// Each node's session.
    pub nodes: Vec<NodeCapture>,
    /// Nodes that failed.
    pub errors: Vec<NodeError>,
}

impl Report for CaptureReport {
    fn exit_code(&self) -> i32 {
        crate::output::partial_if(&self.errors)
    }
    fn to_stderr(&self) -> bool {
        self.file.as_deref() == Some("-")
    }
    fn render(&self, style: &Style) -> String {
        let mut out = String::new();
        if let Some(f) = &self.file {
            out.push_str(&format!(
                "wrote {} packets from {} nodes to {}\n",
                self.packets_written,
                self.nodes.len(),
                if f == "-" { "stdout" } else { f }
            ));
        }
        let mut t = style.table(&[
            "NODE", "STATE", "SOURCE", "PACKETS", "BYTES", "DROPPED", "NOTE",
        ]);
        for n in &self.nodes {
            let note = match (&n.stop_reason, n.state.as_str()) {
                (Some(r), _) => r.clone(),
                (None, "idle") => "no session".into(),
                (None, _) => format!("{} on {} ({})", n.source, n.interface, n.source_reason),
            };
            t.add_row(vec![
                n.node.clone(),
                n.state.clone(),
                n.source.clone(),
                n.packets.to_string(),
                n.bytes.to_string(),
                if n.dropped + n.kernel_dropped > 0 {
                    style.warn(&format!("{}+{} kernel", n.dropped, n.kernel_dropped))
                } else {
                    "0".into()
                },
                note,
            ]);
        }
        if !self.nodes.is_empty() {
            out.push_str(&t.to_string());
        }
        if let Some(f) = self.nodes.iter().find(|n| !n.applied_filter.is_empty()) {
            out.push_str(&format!("\nfilter: {}", f.applied_filter));
        }
        for e in &self.errors {
            out.push_str(&format!(
                "\n{} {}: {}",
                style.warn("warning:"),
                e.node,
                e.error
            ));
        }
        out.trim_end().to_string()
    }
}

/// The start request of a real (not dry-run) session.
pub fn start_request(opts: &CaptureOpts) -> StartCaptureRequest {
    request(opts, false)
}

fn request(opts: &CaptureOpts, dry_run: bool) -> StartCaptureRequest {
    let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    StartCaptureRequest {
        filter: opts.filter.clone().unwrap_or_default(),
        source: match opts.source {
            Source::Auto => "auto",
            Source::Pcap => "pcap",
            Source::Tap => "tap",
        }
        .into(),
        snaplen: opts.snaplen.unwrap_or(0),
        max_duration_ms: opts.max_duration.map_or(0, ms),
        max_bytes: opts.max_bytes.unwrap_or(0),
        max_packets: opts.max_packets.unwrap_or(0),
        dry_run,
    }
}

/// Every node checks the request (the filter compiles, the source is available) before any
/// starts: a bad filter is a usage error naming it; a refused role ends the command.
pub async fn check(
    ctx: &Ctx<'_>,
    targets: &[Target],
    opts: &CaptureOpts,
) -> Result<Vec<NodeError>> {
    let pool = ctx.pool()?;
    let req = request(opts, true);
    let results = ctx
        .fanout()?
        .run(&pool, targets, |mut c| {
            let req = req.clone();
            async move { c.start_capture(req).await.map(|r| r.into_inner()) }
        })
        .await;
    let mut errors = Vec::new();
    for (t, r) in targets.iter().zip(results) {
        match r {
            Ok(_) => {}
            Err(e @ Error::PermissionDenied { .. }) => return Err(e),
            Err(Error::Remote { message, .. }) if message.contains("BPF filter") => {
                return Err(Error::Usage(format!(
                    "{message} (no node started capturing)"
                )))
            }
            Err(Error::Remote { node, message })
                if message.contains("over the limit")
                    || message.contains("unknown capture source") =>
            {
                return Err(Error::Usage(format!("{node}: {message}")))
            }
            Err(e) => errors.push(NodeError {
                node: t.label().to_string(),
                error: e.to_string(),
            }),
        }
    }
    Ok(errors)
}

/// Runs a `packet` command.
pub async fn exec(cmd: PacketCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    let PacketCommand::Capture(args) = cmd;
    let report = match args.action {
        Some(CaptureAction::Start { nodes, opts }) => start(ctx, &nodes, &opts).await?,
        Some(CaptureAction::Status { nodes }) => status(ctx, &nodes).await?,
        Some(CaptureAction::Stop {
            nodes,
            write,
            discard,
        }) => stop(ctx, &nodes, write, discard).await?,
        None => {
            let mut opts = args.opts;
            opts.max_duration = Some(args.duration);
            crate::commands::capture_stream::oneshot(ctx, &args.nodes, &opts, args.write).await?
        }
    };
    Ok(Box::new(report))
}

async fn start(ctx: &Ctx<'_>, nodes: &[String], opts: &CaptureOpts) -> Result<CaptureReport> {
    let targets = node_targets(ctx, nodes).await?;
    let mut errors = check(ctx, &targets, opts).await?;
    let failed: Vec<String> = errors.iter().map(|e| e.node.clone()).collect();
    let ok: Vec<Target> = targets
        .into_iter()
        .filter(|t| !failed.contains(&t.label().to_string()))
        .collect();
    let pool = ctx.pool()?;
    let req = request(opts, false);
    let results = ctx
        .fanout()?
        .run(&pool, &ok, |mut c| {
            let req = req.clone();
            async move { c.start_capture(req).await.map(|r| r.into_inner()) }
        })
        .await;
    let mut report = CaptureReport {
        action: "start".into(),
        file: None,
        packets_written: 0,
        nodes: Vec::new(),
        errors: Vec::new(),
    };
    for (t, r) in ok.iter().zip(results) {
        match r {
            Ok(state) => {
                report.nodes.push(NodeCapture::from(&state));
                ctx.session.capture_started(t.clone());
            }
            Err(e) => errors.push(NodeError {
                node: t.label().to_string(),
                error: e.to_string(),
            }),
        }
    }
    report.errors = errors;
    if report.nodes.is_empty() {
        if let Some(e) = report.errors.first() {
            return Err(Error::Other(format!(
                "no node started capturing: {}: {}",
                e.node, e.error
            )));
        }
    }
    Ok(report)
}

async fn status(ctx: &Ctx<'_>, nodes: &[String]) -> Result<CaptureReport> {
    let targets = node_targets(ctx, nodes).await?;
    let pool = ctx.pool()?;
    let results = ctx
        .fanout()?
        .run(&pool, &targets, |mut c| async move {
            c.get_capture_status(GetCaptureStatusRequest {})
                .await
                .map(|r| r.into_inner())
        })
        .await;
    let mut report = CaptureReport {
        action: "status".into(),
        file: None,
        packets_written: 0,
        nodes: Vec::new(),
        errors: Vec::new(),
    };
    for (t, r) in targets.iter().zip(results) {
        match r {
            Ok(s) => report.nodes.push(NodeCapture::from(&s)),
            Err(e @ Error::PermissionDenied { .. }) => return Err(e),
            Err(e) => report.errors.push(NodeError {
                node: t.label().to_string(),
                error: e.to_string(),
            }),
        }
    }
    Ok(report)
}

/// Stops the sessions on `targets` and collects every packet: per node, the final state and
/// its packets, or why it failed.
pub async fn collect(
    ctx: &Ctx<'_>,
    targets: &[Target],
    discard: bool,
) -> Result<Vec<Result<(CaptureState, Vec<CapturedPacket>)>>> {
    let pool = ctx.pool()?;
    let base = ctx.fanout()?;
    let fan = FanOut {
        concurrency: base.concurrency,
        deadline: base.deadline + COLLECT_GRACE,
    };
    Ok(fan
        .run(&pool, targets, |mut c| async move {
            let mut stream = c
                .stop_capture(StopCaptureRequest { discard })
                .await?
                .into_inner();
            let mut packets = Vec::new();
            let mut state = CaptureState::default();
            while let Some(CaptureChunk {
                packets: p,
                state: s,
                ..
            }) = stream.message().await?
            {
                packets.extend(p);
                if let Some(s) = s {
                    state = s;
                }
            }
            Ok((state, packets))
        })
        .await)
}

/// The default file name: `butterfly-capture-<UTC time>.pcapng`.
pub fn default_file() -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    format!(
        "butterfly-capture-{}.pcapng",
        now.format(&fmt).unwrap_or_else(|_| "now".into())
    )
}

/// The interface block of a node's session.
pub fn interface(s: &CaptureState, fallback: &str) -> Interface {
    let name = if s.node_id.is_empty() {
        fallback
    } else {
        &s.node_id
    };
    Interface {
        name: name.to_string(),
        description: format!(
            "butterfly node {name}: {} on {} ({}){}",
            s.source,
            s.interface,
            s.source_reason,
            if s.applied_filter.is_empty() {
                String::new()
            } else {
                format!(", filter: {}", s.applied_filter)
            }
        ),
        linktype: if s.linktype == 0 { 1 } else { s.linktype },
        snaplen: if s.snaplen == 0 { 65_535 } else { s.snaplen },
    }
}

/// The statistics block of a node's session.
pub fn stats(s: &CaptureState, delivered: u64, first: u64, last: u64) -> Stats {
    Stats {
        received: s.received,
        dropped: s.dropped,
        kernel_dropped: s.kernel_dropped,
        delivered,
        start_ns: first,
        end_ns: last,
        comment: s.stop_reason.clone(),
    }
}

/// Opens `-w FILE` (or stdout for `-`).
pub fn open_output(write: &Option<String>) -> Result<(String, Box<dyn std::io::Write + Send>)> {
    let path = write.clone().unwrap_or_else(default_file);
    if path == "-" {
        return Ok((path, Box::new(std::io::BufWriter::new(std::io::stdout()))));
    }
    let f = std::fs::File::create(&path).map_err(|e| Error::io(std::path::Path::new(&path), e))?;
    Ok((path, Box::new(std::io::BufWriter::new(f))))
}

async fn stop(
    ctx: &Ctx<'_>,
    nodes: &[String],
    write: Option<String>,
    discard: bool,
) -> Result<CaptureReport> {
    let targets = node_targets(ctx, nodes).await?;
    let results = collect(ctx, &targets, discard).await?;
    let mut report = CaptureReport {
        action: "stop".into(),
        file: None,
        packets_written: 0,
        nodes: Vec::new(),
        errors: Vec::new(),
    };
    let mut sessions = Vec::new();
    for (t, r) in targets.iter().zip(results) {
        match r {
            Ok((state, _)) if state.state == "idle" || state.state.is_empty() => {}
            Ok((mut state, packets)) => {
                if state.node_id.is_empty() {
                    state.node_id = t.label().to_string();
                }
                sessions.push((state, packets));
            }
            Err(e @ Error::PermissionDenied { .. }) => return Err(e),
            Err(e) => report.errors.push(NodeError {
                node: t.label().to_string(),
                error: e.to_string(),
            }),
        }
        ctx.session.capture_stopped(t);
    }
    if sessions.is_empty() && report.errors.is_empty() {
        return Err(Error::NotFound(
            "no capture session on these nodes: start one with `packet capture start <node>[,<node>…]`".into(),
        ));
    }
    if discard {
        report.nodes = sessions.iter().map(|(s, _)| NodeCapture::from(s)).collect();
        return Ok(report);
    }
    let (path, out) = open_output(&write)?;
    let interfaces: Vec<Interface> = sessions.iter().map(|(s, _)| interface(s, "")).collect();
    let io = |e| Error::io(std::path::Path::new(&path), e);
    let mut w = Writer::new(out, &interfaces).map_err(io)?;
    let mut merger = Merger::default();
    let mut bounds = Vec::new();
    for (i, (_, packets)) in sessions.iter_mut().enumerate() {
        let first = packets.first().map_or(0, |p| p.ts_unix_nano);
        let last = packets.last().map_or(0, |p| p.ts_unix_nano);
        bounds.push((packets.len() as u64, first, last));
        for p in packets.drain(..) {
            merger.push(i as u32, p.ts_unix_nano, p.original_len, p.data);
        }
    }
    merger.drain_until(u64::MAX, &mut w).map_err(io)?;
    for (i, (s, _)) in sessions.iter().enumerate() {
        let (n, first, last) = bounds[i];
        w.stats(i as u32, &stats(s, n, first, last)).map_err(io)?;
    }
    w.flush().map_err(io)?;
    report.packets_written = w.written();
    report.nodes = sessions.iter().map(|(s, _)| NodeCapture::from(s)).collect();
    report.file = Some(path);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_bytes("4096").unwrap(), 4096);
        assert_eq!(parse_bytes("4KiB").unwrap(), 4096);
        assert_eq!(parse_bytes("64MiB").unwrap(), 64 << 20);
        assert_eq!(parse_bytes("1G").unwrap(), 1 << 30);
        assert!(parse_bytes("lots").is_err());
        assert!(parse_bytes("3 parsecs").is_err());
    }
}
