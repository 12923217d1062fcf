//! End-to-end network debugging on a real demo: `connections list`, `latency matrix` (with the
//! demo's `partition:` fault as the source of truth), and `packet capture` with both sources
//! (libpcap on loopback: the tests run as root; and the in-process tap), read back by tshark and
//! capinfos.

mod common;

use common::{http_get_text, kill_pid, Env, Run};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn tool(name: &str) -> String {
    let ok = Command::new(name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{name} is missing: run scripts/install-deps.sh (Debian package tshark)"
    );
    name.to_string()
}

/// `tshark -r FILE -T fields -e ...`: one line per packet.
fn tshark_fields(file: &Path, fields: &[&str]) -> Vec<String> {
    let mut cmd = Command::new(tool("tshark"));
    cmd.arg("-r")
        .arg(file)
        .args(["-T", "fields", "-E", "separator=|"]);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = cmd.output().expect("run tshark");
    assert!(
        out.status.success(),
        "tshark -r {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Packet count as capinfos reports it.
fn capinfos_count(file: &Path) -> u64 {
    let out = Command::new(tool("capinfos"))
        .args(["-c", "-M"])
        .arg(file)
        .output()
        .expect("run capinfos");
    assert!(
        out.status.success(),
        "capinfos {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("Number of packets:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no packet count in capinfos output: {text}"))
}

fn ok(r: &Run) -> Value {
    assert_eq!(r.code, 0, "exit {}:\n{}\n{}", r.code, r.stdout, r.stderr);
    r.json()
}

fn probe_state(conns: &Value, from: &str, to: &str) -> Option<String> {
    conns["connections"].as_array()?.iter().find_map(|c| {
        (c["kind"] == "probe" && c["from"] == from && c["to"] == to)
            .then(|| c["state"].as_str().unwrap_or_default().to_string())
    })
}

fn connection_active(env: &Env, demo: &Value, node: &str, to: &str) -> Option<String> {
    let http = env.node(demo, node)["http_addr"].as_str()?.to_string();
    let text = http_get_text(&format!("http://{http}/metrics"))?;
    text.lines()
        .find(|l| {
            l.starts_with("butterfly_connection_active{")
                && l.contains(&format!("from_node=\"{node}\""))
                && l.contains(&format!("to_node=\"{to}\""))
        })
        .and_then(|l| l.rsplit(' ').next().map(str::to_string))
}

/// Polls `check` every 300 ms for up to 15 s.
fn eventually(what: &str, mut check: impl FnMut() -> Result<(), String>) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match check() {
            Ok(()) => return,
            Err(e) if Instant::now() > deadline => panic!("{what}: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(300)),
        }
    }
}

fn unreachable_pairs(m: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = m["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter(|l| l["reachable"] == false)
        .map(|l| {
            (
                l["from"].as_str().unwrap_or_default().to_string(),
                l["to"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_partition_shows_in_connections_and_the_latency_matrix_and_heals() {
    let mut env = Env::new();
    let demo = env.demo(1, 3, 0, 0);
    let nodes = ["compute-1", "compute-2", "compute-3", "coordinator-1"];

    // Healthy: every ordered pair measured once, all reachable (once every node has learnt
    // every peer from the coordinator's membership: a heartbeat or two after start).
    let mut m = Value::Null;
    eventually("every node reaches every peer", || {
        m = ok(&env.run(&["-o", "json", "latency", "matrix"]));
        if unreachable_pairs(&m).is_empty() {
            Ok(())
        } else {
            Err(m.to_string())
        }
    });
    let ids: Vec<&str> = m["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(ids, nodes, "{m}");
    assert_eq!(m["links"].as_array().map(Vec::len), Some(12), "{m}");
    assert!(unreachable_pairs(&m).is_empty(), "{m}");
    for l in m["links"].as_array().expect("links") {
        assert!(l["rtt_p50_ms"].as_f64().is_some_and(|v| v > 0.0), "{l}");
        assert!(l["rtt_p99_ms"].as_f64() >= l["rtt_p50_ms"].as_f64(), "{l}");
        assert!(l["error"].is_null(), "{l}");
        // Compute peers are also pinged over the data plane.
        let vias: Vec<&str> = l["paths"]
            .as_array()
            .expect("paths")
            .iter()
            .filter_map(|p| p["via"].as_str())
            .collect();
        let to_compute = l["to"].as_str().is_some_and(|t| t.starts_with("compute"));
        assert_eq!(vias.contains(&"data"), to_compute, "{l}");
    }
    assert!(
        m["verdict"]
            .as_str()
            .is_some_and(|v| v.contains("all 12 links reachable")),
        "{m}"
    );
    // The table, as a person reads it.
    let t = env.run(&["-o", "table", "latency", "matrix", "compute-1,compute-2"]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    assert!(
        t.stdout.contains("FROM \\ TO") && t.stdout.contains("all 2 links reachable"),
        "{}",
        t.stdout
    );

    // Connections: the data plane (QUIC stats), probes, membership and our own debug client.
    let c = ok(&env.run(&["-o", "json", "connections", "list"]));
    let rows = c["connections"].as_array().expect("connections");
    let quic = rows
        .iter()
        .find(|r| {
            r["kind"] == "data"
                && r["from"] == "coordinator-1"
                && r["reported_by"] == "coordinator-1"
        })
        .unwrap_or_else(|| panic!("no data-plane connection of coordinator-1: {c}"));
    for k in [
        "rtt_ms",
        "cwnd_bytes",
        "bytes_sent",
        "datagrams_sent",
        "packets_lost",
        "age_seconds",
    ] {
        assert!(quic[k].is_number(), "{k} missing: {quic}");
    }
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "membership" && r["from"] == "compute-1"),
        "{c}"
    );
    assert!(
        rows.iter().any(|r| r["kind"] == "debug-client"
            && r["from"] == "oncall"
            && r["peer_role"] == "admin"),
        "{c}"
    );
    assert_eq!(c["summary"]["down"], 0, "{c}");

    // The fault is the source of truth: compute-1 drops everything with compute-2.
    ok(&env.run(&[
        "-o",
        "json",
        "fault",
        "inject",
        "compute-1",
        "partition:compute-2",
    ]));
    eventually("the partition shows in connections list", || {
        let c = env
            .run(&["-o", "json", "connections", "list", "--kind", "probe"])
            .json();
        let a = probe_state(&c, "compute-1", "compute-2");
        let b = probe_state(&c, "compute-2", "compute-1");
        let others_up = c["connections"].as_array().is_some_and(|rows| {
            rows.iter()
                .filter(|r| {
                    !matches!(
                        (r["from"].as_str(), r["to"].as_str()),
                        (Some("compute-1"), Some("compute-2"))
                            | (Some("compute-2"), Some("compute-1"))
                    )
                })
                .all(|r| r["state"] == "up")
        });
        if a.as_deref() == Some("down") && b.as_deref() == Some("down") && others_up {
            Ok(())
        } else {
            Err(format!("{a:?} {b:?} {c}"))
        }
    });
    // A viewer may look (read-only role).
    let viewer = env.run_as_viewer(&["-o", "table", "connections", "list", "compute-1"]);
    assert_eq!(viewer.code, 0, "{}", viewer.stderr);
    assert!(
        viewer.stdout.contains("compute-1 → compute-2") && viewer.stdout.contains("down"),
        "{}",
        viewer.stdout
    );
    eventually(
        "butterfly_connection_active drops to 0",
        || match connection_active(&env, &demo, "compute-1", "compute-2").as_deref() {
            Some("0") => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    assert_eq!(
        connection_active(&env, &demo, "compute-1", "compute-3").as_deref(),
        Some("1")
    );

    let m = ok(&env.run(&["-o", "json", "latency", "matrix"]));
    assert_eq!(
        unreachable_pairs(&m),
        vec![
            ("compute-1".to_string(), "compute-2".to_string()),
            ("compute-2".to_string(), "compute-1".to_string())
        ],
        "{m}"
    );
    let verdict = m["verdict"].as_str().unwrap_or_default();
    assert!(
        verdict.contains("compute-1 ↔ compute-2") && verdict.contains("partitioned"),
        "{verdict}"
    );

    // Clearing it heals both views.
    ok(&env.run(&["-o", "json", "fault", "clear", "compute-1"]));
    eventually("the partition heals", || {
        let c = env
            .run(&["-o", "json", "connections", "list", "--kind", "probe"])
            .json();
        let m = env.run(&["-o", "json", "latency", "matrix"]).json();
        let healed = probe_state(&c, "compute-1", "compute-2").as_deref() == Some("up")
            && probe_state(&c, "compute-2", "compute-1").as_deref() == Some("up")
            && unreachable_pairs(&m).is_empty();
        if healed {
            Ok(())
        } else {
            Err(format!("{c}\n{m}"))
        }
    });
    eventually(
        "butterfly_connection_active back to 1",
        || match connection_active(&env, &demo, "compute-1", "compute-2").as_deref() {
            Some("1") => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    // --watch refreshes: two matrices, the last one as the report.
    let w = env.run(&[
        "-o",
        "json",
        "latency",
        "matrix",
        "--watch",
        "--interval",
        "200ms",
        "--iterations",
        "2",
        "compute-1,compute-3",
    ]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert_eq!(w.stdout.matches("\"verdict\"").count(), 2, "{}", w.stdout);
}

fn capture(env: &Env, dir: &Path, name: &str, start: &[&str]) -> (Value, std::path::PathBuf) {
    let mut args = vec!["-o", "json", "packet", "capture", "start"];
    args.extend_from_slice(start);
    let started = ok(&env.run(&args));
    std::thread::sleep(Duration::from_secs(3));
    let file = dir.join(name);
    let stop = env.run(&[
        "-o",
        "json",
        "packet",
        "capture",
        "stop",
        "-w",
        file.to_str().expect("utf-8"),
    ]);
    let report = ok(&stop);
    assert_eq!(report["file"], file.to_str().expect("utf-8"), "{report}");
    let _ = started;
    (report, file)
}

fn interfaces_with_packets(file: &Path) -> Vec<String> {
    let mut v: Vec<String> = tshark_fields(file, &["frame.interface_name"])
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn captures_from_two_nodes_merge_into_one_pcapng_tshark_reads() {
    let mut env = Env::new();
    env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "20"]);
    let dir = env.path("captures");
    std::fs::create_dir_all(&dir).expect("mkdir");

    // A viewer cannot capture: exit 4 naming the role.
    let denied = env.run_as_viewer(&["packet", "capture", "start", "compute-1"]);
    assert_eq!(denied.code, 4, "{}\n{}", denied.stdout, denied.stderr);
    assert!(denied.stderr.contains("admin"), "{}", denied.stderr);
    // A bad filter: a usage error naming it, and no node started capturing.
    let bad = env.run(&[
        "packet",
        "capture",
        "start",
        "coordinator-1,compute-1",
        "--filter",
        "port banana",
    ]);
    assert_eq!(bad.code, 2, "{}\n{}", bad.stdout, bad.stderr);
    assert!(bad.stderr.contains("port banana"), "{}", bad.stderr);
    let st = ok(&env.run(&["-o", "json", "packet", "capture", "status"]));
    assert!(
        st["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .all(|n| n["state"] == "idle"),
        "{st}"
    );

    // libpcap on loopback (root here): two nodes, one file, an interface per node.
    let (report, file) = capture(
        &env,
        &dir,
        "pcap.pcapng",
        &["coordinator-1,compute-1", "--source", "pcap"],
    );
    for n in report["nodes"].as_array().expect("nodes") {
        assert_eq!(n["source"], "pcap", "{n}");
        assert_eq!(n["interface"], "lo", "{n}");
        assert!(
            n["applied_filter"]
                .as_str()
                .is_some_and(|f| f.contains("port")),
            "{n}"
        );
    }
    assert_eq!(
        interfaces_with_packets(&file),
        ["compute-1", "coordinator-1"],
        "{report}"
    );
    let written = report["packets_written"].as_u64().expect("count");
    assert!(written > 0);
    assert_eq!(capinfos_count(&file), written);
    // Real QUIC and TLS on the wire.
    let protos = tshark_fields(&file, &["frame.protocols"]).join("\n");
    assert!(protos.contains("udp") && protos.contains("tcp"), "{protos}");

    // The tap: decrypted traffic as synthetic TCP (debug service) and UDP (data plane) packets.
    let (report, file) = capture(
        &env,
        &dir,
        "tap.pcapng",
        &["coordinator-1,compute-1", "--source", "tap"],
    );
    for n in report["nodes"].as_array().expect("nodes") {
        assert_eq!(n["source"], "tap", "{n}");
    }
    assert_eq!(
        interfaces_with_packets(&file),
        ["compute-1", "coordinator-1"]
    );
    let written = report["packets_written"].as_u64().expect("count");
    assert_eq!(capinfos_count(&file), written);
    let lines = tshark_fields(
        &file,
        &["frame.interface_name", "udp.dstport", "tcp.dstport"],
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("compute-1|") && !l.split('|').nth(1).unwrap_or("").is_empty()),
        "no data-plane UDP on compute-1"
    );
    assert!(
        lines
            .iter()
            .any(|l| !l.split('|').nth(2).unwrap_or("").is_empty()),
        "no debug-service TCP"
    );
    // Merged by time.
    let times: Vec<f64> = tshark_fields(&file, &["frame.time_epoch"])
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "packets are not in time order"
    );

    // The same BPF filter runs over tapped packets: `udp` keeps only data-plane frames.
    let (_, file) = capture(
        &env,
        &dir,
        "tap-udp.pcapng",
        &["compute-1", "--source", "tap", "--filter", "udp"],
    );
    let tcp = tshark_fields(&file, &["tcp.dstport"])
        .into_iter()
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(tcp, 0, "the udp filter let TCP through");
    assert!(capinfos_count(&file) > 0);

    // A filter that matches nothing: an empty but valid file.
    let (report, file) = capture(
        &env,
        &dir,
        "none.pcapng",
        &["coordinator-1,compute-1", "--filter", "port 9"],
    );
    assert_eq!(report["packets_written"], 0, "{report}");
    assert_eq!(capinfos_count(&file), 0);
    assert!(tshark_fields(&file, &["frame.number"]).is_empty());

    // One-shot, streamed to stdout as packets arrive, piped into tshark.
    let mut cli = env.cmd(&[
        "packet",
        "capture",
        "coordinator-1,compute-2",
        "--duration",
        "2s",
        "--source",
        "tap",
        "-w",
        "-",
    ]);
    let mut child = cli
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cli");
    let tshark = Command::new(tool("tshark"))
        .args(["-r", "-", "-T", "fields", "-e", "frame.interface_name"])
        .stdin(child.stdout.take().expect("stdout"))
        .output()
        .expect("tshark");
    let status = child.wait().expect("wait");
    assert!(status.success(), "one-shot capture failed");
    assert!(
        tshark.status.success(),
        "{}",
        String::from_utf8_lossy(&tshark.stderr)
    );
    let names = String::from_utf8_lossy(&tshark.stdout);
    assert!(
        names.contains("coordinator-1") && names.contains("compute-2"),
        "{names}"
    );
}

#[test]
fn capture_limits_hold_and_a_killed_node_is_a_partial_result() {
    let mut env = Env::new();
    let demo = env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "20"]);
    let dir = env.path("captures");
    std::fs::create_dir_all(&dir).expect("mkdir");

    // Over its byte limit, a session stops by itself, naming the limit; the file is valid.
    ok(&env.run(&[
        "-o",
        "json",
        "packet",
        "capture",
        "start",
        "compute-1",
        "--source",
        "tap",
        "--max-bytes",
        "4KiB",
    ]));
    eventually("the byte limit stops the session", || {
        let st = env
            .run(&["-o", "json", "packet", "capture", "status", "compute-1"])
            .json();
        let n = &st["nodes"][0];
        if n["state"] == "stopped" {
            Ok(())
        } else {
            Err(st.to_string())
        }
    });
    let file = dir.join("limit.pcapng");
    let r = ok(&env.run(&[
        "-o",
        "json",
        "packet",
        "capture",
        "stop",
        "-w",
        file.to_str().expect("utf-8"),
    ]));
    let n = &r["nodes"][0];
    assert!(
        n["stop_reason"]
            .as_str()
            .is_some_and(|s| s.contains("byte limit (4 KiB)")),
        "{r}"
    );
    assert!(n["bytes"].as_u64().is_some_and(|b| b <= 4096), "{r}");
    assert_eq!(
        capinfos_count(&file),
        r["packets_written"].as_u64().expect("count")
    );

    // Audited on both ends: the node's audit log and the console's trail.
    let audit = ok(&env.run(&["-o", "json", "node", "audit", "compute-1", "--limit", "200"]));
    let methods: Vec<&str> = audit["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter(|r| r["peer_name"] == "oncall")
        .filter_map(|r| r["method"].as_str())
        .collect();
    for m in ["StartCapture", "GetCaptureStatus", "StopCapture"] {
        assert!(
            methods.iter().any(|x| x.ends_with(m)),
            "{m} not in the node's audit: {methods:?}"
        );
    }
    let trail = std::fs::read_to_string(env.audit_log()).expect("console audit trail");
    assert!(
        trail.contains("packet capture stop"),
        "console trail lacks the capture"
    );

    // The duration limit.
    ok(&env.run(&[
        "-o",
        "json",
        "packet",
        "capture",
        "start",
        "compute-2",
        "--source",
        "tap",
        "--max-duration",
        "1s",
    ]));
    eventually("the duration limit stops the session", || {
        let st = env
            .run(&["-o", "json", "packet", "capture", "status", "compute-2"])
            .json();
        match st["nodes"][0]["stop_reason"].as_str() {
            Some(r) if r.contains("duration limit (1s)") => Ok(()),
            _ => Err(st.to_string()),
        }
    });
    ok(&env.run(&[
        "-o",
        "json",
        "packet",
        "capture",
        "stop",
        "compute-2",
        "--discard",
    ]));

    // A session started from the REPL stops when that REPL leaves.
    let mut cmd = env.cmd(&["debug"]);
    cmd.env("TERM", "xterm").stdin(Stdio::inherit());
    let mut p = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn the REPL");
    p.exp_string("butterfly> ").expect("prompt");
    std::thread::sleep(Duration::from_millis(250));
    p.send_line("packet capture start compute-1 --source tap")
        .expect("send");
    p.exp_string("running").expect("the session runs");
    p.exp_string("butterfly> ").expect("prompt");
    std::thread::sleep(Duration::from_millis(250));
    p.send_line("exit").expect("send");
    p.exp_string("stopped the packet capture on compute-1")
        .expect("the REPL stops its capture as it leaves");
    p.exp_eof().expect("the REPL exits");
    let st = ok(&env.run(&["-o", "json", "packet", "capture", "status", "compute-1"]));
    assert_eq!(st["nodes"][0]["state"], "idle", "{st}");

    // A node killed mid-capture: its error, exit 3, and the other node's packets still written.
    ok(&env.run(&[
        "-o",
        "json",
        "packet",
        "capture",
        "start",
        "compute-1,compute-2",
        "--source",
        "tap",
    ]));
    std::thread::sleep(Duration::from_secs(2));
    kill_pid(env.node(&demo, "compute-2")["pid"].as_u64().expect("pid"));
    let file = dir.join("killed.pcapng");
    let r = env.run(&[
        "-o",
        "json",
        "--timeout",
        "2s",
        "packet",
        "capture",
        "stop",
        "compute-1,compute-2",
        "-w",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    let v = r.json();
    assert!(
        v["errors"]
            .as_array()
            .is_some_and(|e| e.len() == 1 && e[0]["node"] == "compute-2"),
        "{v}"
    );
    assert_eq!(interfaces_with_packets(&file), ["compute-1"]);
    assert!(capinfos_count(&file) > 0);
}
