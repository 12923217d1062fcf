//! End-to-end (issue 17 §6): every PromQL and LogQL query the project documents works as
//! written. The queries are read from `commands/*.bfly` (with the `--set` values their headers
//! suggest), the README's examples, and `docs/*.md` (console lines and fenced `promql`/`logql`
//! blocks: the seed's runbooks); each runs through the console against a live demo with the
//! faults the runbooks are about (a Byzantine node, a slow node, a dead coordinator), PromQL
//! through the demo's real Prometheus and LogQL through `logs query` over the nodes' buffers.
//! Each must exit 0 and return data.

mod common;

use common::Env;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lang {
    PromQl,
    LogQl,
}

/// A documented query: where it is written, and the console words that run it.
#[derive(Debug, Clone)]
struct Documented {
    origin: String,
    lang: Lang,
    /// `metrics query '…' [flags]` or `logs query '…' [flags]`, placeholders unfilled.
    words: Vec<String>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Console lines (`butterfly> metrics query '…'`, `butterfly-cli … logs query '…'`, script
/// lines) in `text` (in a markdown file, those inside fenced code blocks); `vars` fill
/// `${name}`.
fn console_lines(
    origin: &str,
    text: &str,
    vars: &BTreeMap<String, String>,
    markdown: bool,
) -> Vec<Documented> {
    let start = regex::Regex::new(r#"\b(metrics|logs) query ['"]"#).expect("regex");
    let mut out = Vec::new();
    let mut in_code = !markdown;
    for (i, line) in text.lines().enumerate() {
        if markdown && line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            continue;
        }
        let Some(m) = start.find(line) else { continue };
        if line.trim_start().starts_with('#') || line.trim_start().starts_with('|') {
            continue;
        }
        let mut cmd = line[m.start()..].to_string();
        for (k, v) in vars {
            cmd = cmd.replace(&format!("${{{k}}}"), v);
        }
        let words = shell_words::split(&cmd)
            .unwrap_or_else(|e| panic!("{origin}:{}: cannot split {cmd:?}: {e}", i + 1));
        out.push(Documented {
            origin: format!("{origin}:{}", i + 1),
            lang: if words[0] == "metrics" {
                Lang::PromQl
            } else {
                Lang::LogQl
            },
            words,
        });
    }
    out
}

/// Fenced ```promql / ```logql blocks in a markdown file.
fn fenced(origin: &str, text: &str) -> Vec<Documented> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Lang, Vec<&str>)> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        match &mut open {
            None => {
                let lang = match t {
                    "```promql" => Lang::PromQl,
                    "```logql" => Lang::LogQl,
                    _ => continue,
                };
                open = Some((i + 1, lang, Vec::new()));
            }
            Some((at, lang, body)) => {
                if t == "```" {
                    let query = body.join("\n");
                    let verb = if *lang == Lang::PromQl {
                        "metrics"
                    } else {
                        "logs"
                    };
                    out.push(Documented {
                        origin: format!("{origin}:{at}"),
                        lang: lang.clone(),
                        words: vec![verb.into(), "query".into(), query],
                    });
                    open = None;
                } else {
                    body.push(line);
                }
            }
        }
    }
    out
}

fn documented_queries() -> Vec<Documented> {
    let mut all = Vec::new();
    let set = regex::Regex::new(r"--set (\w+)=(\S+)").expect("regex");
    let mut scripts: Vec<_> = std::fs::read_dir(repo().join("commands"))
        .expect("commands/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "bfly"))
        .collect();
    scripts.sort();
    for p in scripts {
        let text = std::fs::read_to_string(&p).expect("script");
        // The header's example invocation gives the variables.
        let vars: BTreeMap<String, String> = set
            .captures_iter(&text)
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
        let name = format!(
            "commands/{}",
            p.file_name().unwrap_or_default().to_string_lossy()
        );
        all.extend(console_lines(&name, &text, &vars, false));
    }
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    all.extend(console_lines("README.md", &readme, &BTreeMap::new(), true));
    let mut docs: Vec<_> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    for p in docs {
        let text = std::fs::read_to_string(&p).expect("doc");
        let name = format!(
            "docs/{}",
            p.file_name().unwrap_or_default().to_string_lossy()
        );
        all.extend(console_lines(&name, &text, &BTreeMap::new(), true));
        all.extend(fenced(&name, &text));
    }
    all
}

#[test]
fn the_documented_queries_are_found() {
    let all = documented_queries();
    let count = |lang: Lang, origin: &str| {
        all.iter()
            .filter(|d| d.lang == lang && d.origin.starts_with(origin))
            .count()
    };
    // The seed's runbooks: four PromQL queries and three LogQL ones.
    assert_eq!(count(Lang::PromQl, "docs/runbooks.md"), 4, "{all:#?}");
    assert_eq!(count(Lang::LogQl, "docs/runbooks.md"), 3, "{all:#?}");
    assert!(count(Lang::PromQl, "commands/") >= 6, "{all:#?}");
    assert!(count(Lang::LogQl, "commands/") >= 4, "{all:#?}");
    assert!(count(Lang::PromQl, "README.md") >= 2, "{all:#?}");
    assert!(count(Lang::LogQl, "README.md") >= 1, "{all:#?}");
    // Variables are filled from the scripts' headers.
    assert!(
        all.iter()
            .all(|d| d.origin.starts_with("docs/") || !d.words[2].contains("${")),
        "{all:#?}"
    );
}

fn json_of(env: &Env, args: &[&str]) -> (i32, Value, String) {
    let r = env.run(args);
    let v = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
    (r.code, v, format!("{}{}", r.stdout, r.stderr))
}

/// Runs one documented query; `Ok` when it exits 0 with data.
fn run_one(env: &Env, words: &[String]) -> Result<usize, String> {
    let mut args: Vec<&str> = vec!["-p", "demo", "-o", "json"];
    args.extend(words.iter().map(String::as_str));
    let (code, v, text) = json_of(env, &args);
    if code != 0 {
        return Err(format!("exit {code}: {text}"));
    }
    let n = if words[0] == "metrics" {
        v["series"].as_array().map(Vec::len)
    } else {
        v["lines"].as_array().map(Vec::len)
    }
    .unwrap_or(0);
    if n == 0 {
        return Err(format!("no data: {text}"));
    }
    Ok(n)
}

#[test]
fn every_documented_query_returns_data_on_the_demo() {
    assert!(
        std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).any(|d| d.join("prometheus").is_file()))
            .unwrap_or(false),
        "this test needs Prometheus: `sudo apt-get install prometheus` (or `bash scripts/install-deps.sh`)"
    );
    let queries = documented_queries();
    let mut env = Env::new();
    let status = env.demo_with(3, 3, 0, 0, &["--load", "5"]);
    assert!(
        status["prometheus"].is_string(),
        "the demo did not start Prometheus: {status}"
    );
    env.wait_members(6);

    // Prometheus has scraped the fault counters at 0 (a rate needs a sample before the faults).
    let deadline = Instant::now() + Duration::from_secs(60);
    let words: Vec<String> = [
        "metrics",
        "query",
        "butterfly_byzantine_faults_detected_total",
    ]
    .map(String::from)
    .to_vec();
    while let Err(why) = run_one(&env, &words) {
        assert!(Instant::now() < deadline, "never scraped: {why}");
        std::thread::sleep(Duration::from_secs(1));
    }

    // The runbooks' situations: a Byzantine node, a slow node, a dead coordinator.
    let r = env.run(&["fault", "inject", "compute-2", "byzantine:1.0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["fault", "inject", "compute-1", "slow:1100ms"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let leader = {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (_, v, _) = json_of(&env, &["-o", "json", "cluster", "status"]);
            if let Some(l) = v["summary"]["leader"].as_str() {
                break l.to_string();
            }
            assert!(Instant::now() < deadline, "no leader: {v}");
            std::thread::sleep(Duration::from_millis(500));
        }
    };
    let dead = ["coordinator-1", "coordinator-2", "coordinator-3"]
        .into_iter()
        .find(|c| *c != leader)
        .expect("a follower");
    let r = env.run(&["fault", "inject", dead, "crash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A trace the Byzantine node took part in, for the seed's per-trace log query.
    let trace_id = {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (_, v, _) = json_of(
                &env,
                &[
                    "-o",
                    "json",
                    "logs",
                    "query",
                    r#"{job="butterfly"} |= "byzantine fault detected""#,
                    "--since",
                    "5m",
                ],
            );
            let found = v["lines"].as_array().and_then(|ls| {
                ls.iter()
                    .filter_map(|l| l["trace_id"].as_str())
                    .find(|t| !t.is_empty())
                    .map(str::to_string)
            });
            if let Some(t) = found {
                break t;
            }
            assert!(
                Instant::now() < deadline,
                "no Byzantine detection logged: {v}"
            );
            std::thread::sleep(Duration::from_secs(1));
        }
    };
    let fill = |s: &str| {
        s.replace("<node_id>", "compute-2")
            .replace("<trace_id>", &trace_id)
            .replace("<node1>", &leader)
            .replace("<node2>", dead)
    };

    // Every query, retried until the data it needs has been scraped (alerts' windows, a
    // 5 s scrape interval), for at most two minutes.
    let mut pending: Vec<(Documented, Vec<String>, String)> = queries
        .iter()
        .map(|d| {
            (
                d.clone(),
                d.words.iter().map(|w| fill(w)).collect(),
                String::new(),
            )
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut answered = Vec::new();
    while !pending.is_empty() && Instant::now() < deadline {
        let mut still = Vec::new();
        for (d, words, _) in pending {
            match run_one(&env, &words) {
                Ok(n) => answered.push(format!("{}: {n}", d.origin)),
                Err(why) => still.push((d, words, why)),
            }
        }
        pending = still;
        if !pending.is_empty() {
            std::thread::sleep(Duration::from_secs(3));
        }
    }
    assert!(
        pending.is_empty(),
        "queries without data after 2 minutes:\n{}",
        pending
            .iter()
            .map(|(d, w, why)| format!("{} {:?}\n  {why}", d.origin, w))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(answered.len(), queries.len());

    // A limited series listing says what it left out (every coordinator exports a reputation
    // for every member), and its samples carry RFC 3339 UTC timestamps.
    let many = [
        "-p",
        "demo",
        "metrics",
        "query",
        "butterfly_reputation_score",
        "--limit",
        "2",
    ];
    let mut args = vec!["-o", "json"];
    args.extend_from_slice(&many);
    let (code, v, text) = json_of(&env, &args);
    assert_eq!(code, 0, "{text}");
    assert_eq!(v["series"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(v["truncated"], true, "{v}");
    assert_eq!(v["limit"], 2, "{v}");
    assert!(v["total"].as_u64() > Some(2), "{v}");
    let t = v["series"][0]["samples"][0]["t"]
        .as_str()
        .unwrap_or_default();
    assert!(
        t.len() == 24 && t.ends_with('Z') && t.as_bytes()[10] == b'T',
        "not RFC 3339 UTC: {v}"
    );
    let mut args = vec!["-o", "table"];
    args.extend_from_slice(&many);
    let r = env.run(&args);
    assert!(r.stdout.contains("showing 2 of "), "{}", r.stdout);
}
