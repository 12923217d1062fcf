//! End-to-end: profiling live `butterfly-node` processes (CPU and heap), rendering what they
//! sampled (SVG looked at in headless Chromium, folded, pprof, top, merged, diff), the refusals,
//! sessions that stop themselves, and the latency runbook that ends on a profile.

mod common;

use butterfly_cli::commands::flamegraph::report::ProfileFiles;
use butterfly_cli::commands::profile::SessionsReport;
use butterfly_cli::commands::request::search::SearchReport;

use common::{kill_pid, Env};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn ok(r: &common::Run) {
    assert_eq!(r.code, 0, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
}

/// A well-formed XML document, checked by Python's parser (a third-party reader).
fn assert_xml(path: &Path) {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])",
        ])
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{} is not well-formed XML: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Opens the SVG in headless Chromium and checks the screenshot is not blank.
fn assert_renders_in_chromium(svg: &Path, dir: &Path) {
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok())
        .expect("chromium is missing: `bash scripts/install-deps.sh` (make test) installs it");
    let shot = dir.join("flamegraph.png");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,800",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join("chromium").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", svg.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.exists(),
        "chromium took no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let px = info.color_type.samples();
    let mut colors = std::collections::HashSet::new();
    for p in buf[..info.buffer_size()].chunks(px) {
        colors.insert(p.to_vec());
        if colors.len() > 20 {
            break;
        }
    }
    assert!(
        colors.len() > 20,
        "the flamegraph screenshot is blank ({} colors)",
        colors.len()
    );
}

#[test]
fn cpu_profile_of_a_hot_node_renders_every_format() {
    let mut env = Env::new();
    env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "10"]);
    ok(&env.run(&["fault", "inject", "compute-2", "hot:5ms"]));
    let dir = env.path("out");
    std::fs::create_dir_all(&dir).unwrap();

    // One command: start, wait, fetch, render (SVG), with the session's figures as JSON.
    let svg = dir.join("c2.svg");
    let t0 = Instant::now();
    let r = env.run(&[
        "-o",
        "json",
        "profile",
        "cpu",
        "compute-2",
        "--duration",
        "3s",
        "-w",
        svg.to_str().unwrap(),
    ]);
    ok(&r);
    assert!(t0.elapsed() >= Duration::from_secs(3));
    let j: ProfileFiles = r.typed();
    let node = &j.nodes[0];
    assert_eq!(node.node, "compute-2");
    assert!(node.samples > 10, "{j:?}");
    assert!(node.capture_ratio > 0.0, "{j:?}");
    assert!(node.cpu_time_ms > 0.0, "{j:?}");
    assert_eq!(node.build_id.len(), 40, "{j:?}");
    // The hot function holds most samples under it (its own loop's iterator frames may take
    // more self time than it in an unoptimized build).
    assert!(
        j.top
            .iter()
            .any(|r| r.function.contains("burn_cpu") && r.total_pct > 50.0),
        "{j:?}"
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("burn_cpu") && text.contains("butterfly_node"));
    assert_xml(&svg);
    assert_renders_in_chromium(&svg, &dir);

    // Held sessions: start, a second caller is told who holds it, status, then each format.
    ok(&env.run(&[
        "profile",
        "start",
        "compute-1,compute-2",
        "--max-duration",
        "60s",
    ]));
    let second = env.run(&["profile", "start", "compute-2"]);
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(
        second.stderr.contains("already running") && second.stderr.contains("started by oncall"),
        "{}",
        second.stderr
    );
    let st = env.run(&["-o", "json", "profile", "status"]);
    ok(&st);
    let running = st
        .typed::<SessionsReport>()
        .sessions
        .iter()
        .filter(|s| s.state == "running" && s.holder == "oncall")
        .count();
    assert_eq!(running, 2, "{}", st.stdout);
    std::thread::sleep(Duration::from_secs(2));
    ok(&env.run(&["profile", "stop"]));

    // pprof: decodes against profile.proto, with sample types, a period and symbols.
    let pb = dir.join("c2.pb.gz");
    ok(&env.run(&[
        "flamegraph",
        "generate",
        "compute-2",
        "--format",
        "pprof",
        "-w",
        pb.to_str().unwrap(),
    ]));
    let profile = butterfly_proto::pprof::decode(&std::fs::read(&pb).unwrap()).expect("pprof");
    let s = |i: i64| profile.string_table[i as usize].clone();
    let types: Vec<String> = profile.sample_type.iter().map(|t| s(t.ty)).collect();
    assert_eq!(types, ["samples", "cpu"]);
    assert!(profile.period > 0 && !profile.sample.is_empty());
    assert!(profile
        .function
        .iter()
        .any(|f| s(f.name).contains("burn_cpu")));

    // Merged: both nodes as root frames; folded parses.
    let merged = dir.join("both.folded");
    ok(&env.run(&[
        "flamegraph",
        "generate",
        "compute-1,compute-2",
        "--format",
        "folded",
        "-w",
        merged.to_str().unwrap(),
    ]));
    let folded = std::fs::read_to_string(&merged).unwrap();
    let stacks = butterfly_cli::flame::parse_folded(&folded).expect("folded parses");
    assert!(stacks.iter().any(|(s, _)| s.starts_with("compute-1;")));
    assert!(stacks.iter().any(|(s, _)| s.starts_with("compute-2;")));

    // Diff of two saved profiles (folded and pprof).
    let diff = dir.join("diff.svg");
    ok(&env.run(&[
        "flamegraph",
        "diff",
        merged.to_str().unwrap(),
        pb.to_str().unwrap(),
        "-w",
        diff.to_str().unwrap(),
    ]));
    assert_xml(&diff);

    // top: a terminal table, ending on the verdict line.
    let top = env.run(&[
        "-o",
        "table",
        "flamegraph",
        "generate",
        "compute-2",
        "--format",
        "top",
    ]);
    ok(&top);
    let last = top
        .stdout
        .trim_end()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        last.starts_with("compute-2: hottest function") && last.contains("burn_cpu"),
        "{last}"
    );

    // GPU: refused with the reason.
    let gpu = env.run(&["profile", "start", "compute-1", "--kind", "gpu"]);
    assert_ne!(gpu.code, 0);
    assert!(gpu.stderr.contains("no GPU"), "{}", gpu.stderr);
}

#[test]
fn refusals_dead_nodes_and_sessions_that_stop_themselves() {
    let mut env = Env::new();
    let demo = env.demo_with(1, 2, 0, 0, &["--no-prometheus", "--load", "10"]);
    // A viewer may look, not profile.
    let v = env.run_as_viewer(&["profile", "start", "compute-1"]);
    assert_eq!(v.code, 4, "{}", v.stderr);
    assert!(v.stderr.contains("admin"), "{}", v.stderr);
    ok(&env.run_as_viewer(&["profile", "status"]));

    // A session left running stops itself at its maximum.
    ok(&env.run(&["profile", "start", "compute-1", "--max-duration", "1s"]));
    std::thread::sleep(Duration::from_millis(2500));
    let st = env.run(&["-o", "json", "profile", "status"]);
    let j: SessionsReport = st.typed();
    let s = j
        .sessions
        .iter()
        .find(|s| s.node == "compute-1")
        .expect("compute-1's session");
    assert_eq!(s.state, "finished", "{j:?}");
    assert_eq!(s.stop_reason, "max duration reached", "{j:?}");

    // A node killed mid-session: its error, exit 3, and the other node's profile still renders.
    ok(&env.run(&[
        "profile",
        "start",
        "compute-1,compute-2",
        "--max-duration",
        "30s",
    ]));
    std::thread::sleep(Duration::from_secs(2));
    kill_pid(env.node(&demo, "compute-2")["pid"].as_u64().unwrap());
    let out = env.path("partial.svg");
    let r = env.run(&[
        "--timeout",
        "2s",
        "-o",
        "json",
        "flamegraph",
        "generate",
        "compute-1,compute-2",
        "-w",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    let j: ProfileFiles = r.typed();
    assert_eq!(j.nodes.len(), 1, "{j:?}");
    assert!(j.errors[0].contains("compute-2"), "{j:?}");
    assert_xml(&out);
}

#[test]
fn heap_profile_finds_the_function_that_allocated() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    ok(&env.run(&["profile", "start", "compute-1", "--kind", "heap"]));
    ok(&env.run(&["fault", "inject", "compute-1", "leak:48MiB"]));
    let r = env.run(&[
        "-o",
        "table",
        "flamegraph",
        "generate",
        "compute-1",
        "--kind",
        "heap",
        "--format",
        "folded",
    ]);
    ok(&r);
    let stacks = butterfly_cli::flame::parse_folded(&r.stdout).expect("folded parses");
    let held: i64 = stacks
        .iter()
        .filter(|(s, _)| s.ends_with("hold_memory"))
        .map(|(_, n)| *n)
        .sum();
    // jemalloc samples about every 512 KiB and scales each sample up: the estimate is close.
    assert!(
        held > 24 << 20,
        "hold_memory holds {held} bytes in:\n{}",
        r.stdout
    );
    let svg = env.path("heap.svg");
    ok(&env.run(&[
        "flamegraph",
        "generate",
        "compute-1",
        "--kind",
        "heap",
        "-w",
        svg.to_str().unwrap(),
    ]));
    assert!(std::fs::read_to_string(&svg)
        .unwrap()
        .contains("hold_memory"));
}

#[test]
fn latency_runbook_names_the_slow_node_without_a_request_id() {
    let mut env = Env::new();
    env.demo_with(1, 3, 0, 0, &["--load", "5"]);
    ok(&env.run(&["fault", "inject", "compute-2", "slow:200ms"]));
    std::thread::sleep(Duration::from_secs(6));
    let r = env.run(&["-o", "json", "request", "search", "--min-duration", "100ms"]);
    ok(&r);
    let j: SearchReport = r.typed();
    let first = &j.traces[0];
    assert_eq!(first.slowest_node, "compute-2", "{j:?}");
    assert!(first.duration_ms >= 100.0, "{j:?}");

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("commands/investigate-latency.bfly");
    let run = env.run(&["-o", "table", "run", script.to_str().unwrap()]);
    // 0, or 3 when a step's fan-out missed a node under load (the script goes on past partial
    // results); never an error.
    assert!(
        run.code == 0 || run.code == 3,
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    // The last step's last line, just above the script's own summary line.
    let summary = script.display().to_string();
    let last = run
        .stdout
        .trim_end()
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.starts_with(&summary))
        .unwrap_or_default();
    assert!(
        last.starts_with("compute-2: hottest function"),
        "last line: {last}\n{}",
        run.stdout
    );
}

#[test]
fn leaving_the_repl_stops_the_sessions_it_started() {
    let mut env = Env::new();
    env.demo(1, 1, 0, 0);
    let mut cmd = env.cmd(&["debug"]);
    cmd.env("TERM", "xterm")
        .stdin(std::process::Stdio::inherit());
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("REPL in a pty");
    p.exp_string("butterfly> ").expect("prompt");
    std::thread::sleep(Duration::from_millis(250));
    p.send_line("profile start compute-1 --max-duration 5m")
        .unwrap();
    p.exp_string("running").expect("started");
    p.exp_string("butterfly> ").expect("prompt");
    std::thread::sleep(Duration::from_millis(250));
    p.send_line("exit").unwrap();
    p.exp_string("stopped the profile session this console started on compute-1")
        .expect("stopped on leaving");
    p.exp_eof().expect("REPL ends");
    let st = env.run(&["-o", "json", "profile", "status"]);
    let j: SessionsReport = st.typed();
    assert_eq!(j.sessions[0].state, "finished", "{j:?}");
    assert_eq!(j.sessions[0].stop_reason, "stopped by oncall", "{j:?}");
}
