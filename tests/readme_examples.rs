//! README examples are real output (issue 17 §7). The tour's `cluster status` block is checked
//! against a real run on the default demo's membership (3 coordinators, 4 compute nodes, an
//! observer): the header exactly, every example row and the summary lines with digits masked
//! (ports, uptimes, RTTs and terms change from run to run). The `cluster status` JSON example's
//! fields must all exist in the real JSON. Every table line fits 80 columns; `-o wide` shows
//! the columns the 80-column table leaves out.
//!
//! `BUTTERFLY_BLESS=1` rewrites the tour block from the real run.

mod common;

use common::Env;
use serde_json::Value;
use std::time::{Duration, Instant};

const TOUR_COMMAND: &str = "butterfly> cluster status";

fn readme_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// Digits masked, runs of spaces collapsed, `…` and trailing space dropped.
fn shape(line: &str) -> String {
    let masked: String = line
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let mut out = masked.split_whitespace().collect::<Vec<_>>().join(" ");
    // 0.0ms and 00.0ms are the same shape.
    while out.contains("00") {
        out = out.replace("00", "0");
    }
    out
}

/// The lines of the tour's `cluster status` example (after the command, up to the next prompt),
/// and their line range in the README.
fn tour_block(readme: &str) -> (Vec<String>, std::ops::Range<usize>) {
    let lines: Vec<&str> = readme.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_end() == TOUR_COMMAND)
        .expect("the README's tour runs `cluster status`");
    let end = (at + 1..lines.len())
        .find(|&i| lines[i].starts_with("butterfly>") || lines[i].starts_with("```"))
        .unwrap_or(lines.len());
    (
        lines[at + 1..end].iter().map(|l| l.to_string()).collect(),
        at + 1..end,
    )
}

/// Every key path of `example` (objects descended, arrays through their first element).
fn key_paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{prefix}.{k}");
                out.push(p.clone());
                key_paths(x, &p, out);
            }
        }
        Value::Array(a) => {
            if let Some(first) = a.first() {
                key_paths(first, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// Whether `path` (from [`key_paths`]) exists in `real` (any array element may have it).
fn has_path(real: &Value, path: &str) -> bool {
    fn walk(v: &Value, parts: &[&str]) -> bool {
        let Some((first, rest)) = parts.split_first() else {
            return true;
        };
        let (key, array) = match first.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (*first, false),
        };
        let Some(x) = v.get(key) else { return false };
        if array {
            // An empty list cannot contradict the example.
            x.as_array()
                .is_some_and(|a| a.is_empty() || a.iter().any(|e| walk(e, rest)))
        } else {
            walk(x, rest)
        }
    }
    let parts: Vec<&str> = path.trim_start_matches('.').split('.').collect();
    walk(real, &parts)
}

#[test]
fn the_readme_tour_and_json_example_are_what_the_commands_print() {
    let mut env = Env::new();
    env.demo(3, 4, 1, 0);
    // Settled: everyone healthy and a leader known.
    let deadline = Instant::now() + Duration::from_secs(60);
    let (table, json) = loop {
        let j = env.run(&["-o", "json", "cluster", "status"]).json();
        let settled = j["summary"]["healthy"] == 8 && j["summary"]["leader"].is_string();
        if settled || Instant::now() > deadline {
            let t = env.run(&["-o", "table", "cluster", "status"]);
            assert_eq!(t.code, 0, "{}", t.stderr);
            break (t.stdout, j);
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    for l in table.lines() {
        assert!(
            l.chars().count() <= 80,
            "wider than 80 columns: {l:?}\n{table}"
        );
    }
    let wide = env.run(&["-o", "wide", "cluster", "status"]).stdout;
    for col in ["ADDRESS", "VERSION"] {
        assert!(
            !table.contains(col) && wide.contains(col),
            "{table}\n{wide}"
        );
    }

    let readme = std::fs::read_to_string(readme_path()).expect("README");
    let (example, range) = tour_block(&readme);
    if std::env::var_os("BUTTERFLY_BLESS").is_some() {
        // Header, two compute rows, the leader's row, "...", and the summary lines.
        let real: Vec<&str> = table.lines().collect();
        let leader = json["summary"]["leader"]
            .as_str()
            .unwrap_or("coordinator-1");
        let mut block: Vec<String> = vec![real[0].trim_end().to_string()];
        block.extend(
            real.iter()
                .filter(|l| {
                    let id = l.split_whitespace().next().unwrap_or("");
                    id == "compute-1" || id == "compute-2" || id == leader
                })
                .map(|l| l.trim_end().to_string()),
        );
        block.push("...".into());
        block.extend(
            real.iter()
                .skip_while(|l| !l.contains(" members: "))
                .map(|l| l.trim_end().to_string()),
        );
        let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
        lines.splice(range, block);
        std::fs::write(readme_path(), lines.join("\n") + "\n").expect("write README");
        return;
    }
    let real_shapes: Vec<String> = table.lines().map(shape).collect();
    assert!(!example.is_empty());
    assert_eq!(
        shape(&example[0]),
        real_shapes[0],
        "the README's header is not what `cluster status` prints (BUTTERFLY_BLESS=1 rewrites it):\n{table}"
    );
    for line in example.iter().skip(1).filter(|l| l.trim() != "...") {
        assert!(
            real_shapes.contains(&shape(line)),
            "README line {line:?} is not what `cluster status` prints (BUTTERFLY_BLESS=1 rewrites it):\n{table}"
        );
    }

    // The JSON example: every field it shows exists.
    let start = readme
        .find("`cluster status` (also")
        .expect("the README's cluster status JSON example");
    let block = &readme[start..];
    let body_start = block.find("```json\n").expect("a json block") + 8;
    let body_end = block[body_start..].find("```").expect("closed") + body_start;
    let example: Value = serde_json::from_str(&block[body_start..body_end])
        .unwrap_or_else(|e| panic!("the README's JSON example is not JSON: {e}"));
    let mut paths = Vec::new();
    key_paths(&example, "", &mut paths);
    assert!(paths.len() > 20, "{paths:?}");
    let missing: Vec<&String> = paths.iter().filter(|p| !has_path(&json, p)).collect();
    assert!(
        missing.is_empty(),
        "README JSON fields `cluster status` does not print: {missing:?}\n{json}"
    );
}
