//! Profiles as the console renders them: folded stacks (`root;...;leaf COUNT`) read from pprof
//! or folded text, merged across nodes, and rendered by inferno as a flamegraph, a differential
//! flamegraph, or a `pprof -top`-style table of the hottest functions.

use crate::error::{Error, Result};
use butterfly_proto::pprof;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Folded stacks: `(stack, count)`, root first, frames separated by `;`.
pub type Stacks = Vec<(String, i64)>;

/// A profile file is refused past this size: 512 MiB.
pub const MAX_PROFILE_FILE: u64 = 512 * 1024 * 1024;

/// Reads a profile saved as gzipped or plain pprof, or as folded text.
pub fn read_any(bytes: &[u8], what: &str) -> Result<Stacks> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return from_pprof(bytes).map_err(|e| Error::Usage(format!("{what}: {e}")));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_folded(text).map_err(|e| Error::Usage(format!("{what}: {e}"))),
        Err(_) => from_pprof(bytes).map_err(|e| {
            Error::Usage(format!(
                "{what}: neither folded stacks (not UTF-8) nor pprof ({e})"
            ))
        }),
    }
}

/// Folds a pprof profile (gzipped or not): the CPU sample count, or the heap's bytes in use;
/// a `thread` label becomes the root frame.
pub fn from_pprof(bytes: &[u8]) -> std::result::Result<Stacks, String> {
    let profile = pprof::decode(bytes).map_err(|e| e.to_string())?;
    let index = pprof::value_index(&profile, &["inuse_space", "samples"]);
    Ok(pprof::to_folded(&profile, index, &["thread"]))
}

/// Parses folded text: one `stack COUNT` a line (blank lines skipped). The error names the
/// first bad line.
pub fn parse_folded(text: &str) -> std::result::Result<Stacks, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        let parsed = line
            .rsplit_once(' ')
            .and_then(|(stack, n)| n.parse::<i64>().ok().map(|n| (stack, n)))
            .filter(|(stack, n)| !stack.is_empty() && *n >= 0);
        match parsed {
            Some((stack, n)) => out.push((stack.to_string(), n)),
            None => {
                return Err(format!(
                    "line {}: expected `frame;frame;... COUNT`, got `{}`",
                    i + 1,
                    line.chars().take(80).collect::<String>()
                ))
            }
        }
    }
    Ok(out)
}

/// Folded text, one `stack COUNT` a line.
pub fn to_text(stacks: &Stacks) -> String {
    let mut out = String::new();
    for (stack, n) in stacks {
        out.push_str(stack);
        out.push(' ');
        out.push_str(&n.to_string());
        out.push('\n');
    }
    out
}

/// How profiles of several nodes are combined.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Merge {
    /// Each node is a root frame of its own [default].
    #[default]
    Nodes,
    /// The same stacks are summed whatever node they came from.
    Functions,
}

/// Merges several nodes' stacks into one profile.
pub fn merge(per_node: &[(String, Stacks)], how: Merge) -> Stacks {
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for (node, stacks) in per_node {
        for (stack, n) in stacks {
            let key = match how {
                Merge::Nodes => format!("{};{stack}", pprof::folded_frame(node)),
                Merge::Functions => stack.clone(),
            };
            *sums.entry(key).or_insert(0) += n;
        }
    }
    sums.into_iter().collect()
}

/// Renders a flamegraph SVG. `count_name` is the unit shown on hover (`samples`, `bytes`).
pub fn svg(stacks: &Stacks, title: &str, subtitle: &str, count_name: &str) -> Result<Vec<u8>> {
    let mut opts = inferno::flamegraph::Options::default();
    opts.title = title.to_string();
    if !subtitle.is_empty() {
        opts.subtitle = Some(subtitle.to_string());
    }
    opts.count_name = count_name.to_string();
    let text = to_text(stacks);
    let mut out = Vec::new();
    inferno::flamegraph::from_lines(&mut opts, text.lines(), &mut out)
        .map_err(|e| Error::Other(format!("flamegraph: {e}")))?;
    Ok(out)
}

/// Renders a differential flamegraph of `before` → `after`: frame widths from `after`, red
/// where it grew, blue where it shrank. With `normalize`, both are scaled to the same total
/// first, so a longer second profile does not look slower everywhere.
pub fn diff_svg(before: &Stacks, after: &Stacks, normalize: bool, title: &str) -> Result<Vec<u8>> {
    let mut folded = Vec::new();
    inferno::differential::from_readers(
        inferno::differential::Options {
            normalize,
            strip_hex: false,
        },
        to_text(before).as_bytes(),
        to_text(after).as_bytes(),
        &mut folded,
    )
    .map_err(|e| Error::Other(format!("differential: {e}")))?;
    let text = String::from_utf8_lossy(&folded);
    let mut opts = inferno::flamegraph::Options::default();
    opts.title = title.to_string();
    let mut out = Vec::new();
    inferno::flamegraph::from_lines(&mut opts, text.lines(), &mut out)
        .map_err(|e| Error::Other(format!("flamegraph: {e}")))?;
    Ok(out)
}

/// One function of the `top` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TopRow {
    /// Function (frame) name.
    pub function: String,
    /// Count where it is the leaf (running itself).
    pub self_count: i64,
    /// `self_count` as a percentage of the whole profile.
    pub self_pct: f64,
    /// Count of every stack it is on (itself and what it calls).
    pub total_count: i64,
    /// `total_count` as a percentage of the whole profile.
    pub total_pct: f64,
}

/// The `limit` hottest functions by self count (then total), like `pprof -top`. Frames in
/// `skip_roots` (node and thread root frames) are not functions and are left out.
pub fn top(stacks: &Stacks, limit: usize, skip_roots: usize) -> Vec<TopRow> {
    top_of(stacks, limit, skip_roots).0
}

/// [`top`] and how many distinct functions the profile has (the rows before `limit`).
pub fn top_of(stacks: &Stacks, limit: usize, skip_roots: usize) -> (Vec<TopRow>, usize) {
    let total: i64 = stacks.iter().map(|(_, n)| *n).sum();
    let mut selfs: HashMap<&str, i64> = HashMap::new();
    let mut totals: HashMap<&str, i64> = HashMap::new();
    for (stack, n) in stacks {
        let frames: Vec<&str> = stack.split(';').skip(skip_roots).collect();
        if let Some(leaf) = frames.last() {
            *selfs.entry(leaf).or_insert(0) += n;
        }
        let mut seen = HashSet::new();
        for f in frames {
            if seen.insert(f) {
                *totals.entry(f).or_insert(0) += n;
            }
        }
    }
    let pct = |n: i64| {
        if total > 0 {
            (n as f64 * 1000.0 / total as f64).round() / 10.0
        } else {
            0.0
        }
    };
    let mut rows: Vec<TopRow> = totals
        .iter()
        .map(|(f, t)| {
            let s = selfs.get(f).copied().unwrap_or(0);
            TopRow {
                function: f.to_string(),
                self_count: s,
                self_pct: pct(s),
                total_count: *t,
                total_pct: pct(*t),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.self_count
            .cmp(&a.self_count)
            .then(b.total_count.cmp(&a.total_count))
            .then(a.function.cmp(&b.function))
    });
    let functions = rows.len();
    rows.truncate(limit);
    (rows, functions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stacks(lines: &str) -> Stacks {
        parse_folded(lines).unwrap()
    }

    #[test]
    fn folded_text_round_trips_and_bad_lines_are_named() {
        let s = stacks("main;a;b 3\n\nmain;c 2\n");
        assert_eq!(to_text(&s), "main;a;b 3\nmain;c 2\n");
        let e = parse_folded("main;a 1\nmain;b x\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        assert!(parse_folded("12\n").is_err());
    }

    #[test]
    fn merge_by_node_or_function() {
        let a = ("compute-1".to_string(), stacks("t;main;f 2\n"));
        let b = ("compute-2".to_string(), stacks("t;main;f 3\n"));
        let by_node = merge(&[a.clone(), b.clone()], Merge::Nodes);
        assert_eq!(
            by_node,
            vec![
                ("compute-1;t;main;f".to_string(), 2),
                ("compute-2;t;main;f".to_string(), 3)
            ]
        );
        assert_eq!(
            merge(&[a, b], Merge::Functions),
            vec![("t;main;f".to_string(), 5)]
        );
    }

    #[test]
    fn top_counts_self_and_total_once_per_stack() {
        let s = stacks("t;main;hot 6\nt;main;hot;hot 2\nt;main;cold 2\n");
        let rows = top(&s, 10, 1);
        assert_eq!(rows[0].function, "hot");
        assert_eq!(rows[0].self_count, 8);
        assert_eq!(rows[0].total_count, 8);
        assert_eq!(rows[0].self_pct, 80.0);
        let main = rows.iter().find(|r| r.function == "main").unwrap();
        assert_eq!(
            (main.self_count, main.total_count, main.total_pct),
            (0, 10, 100.0)
        );
    }

    #[test]
    fn svg_and_diff_render() {
        let before = stacks("main;a 5\nmain;b 5\n");
        let after = stacks("main;a 9\nmain;b 1\n");
        let svg = String::from_utf8(svg(&after, "t", "", "samples").unwrap()).unwrap();
        assert!(svg.contains("<svg") && svg.contains("main"));
        let diff = String::from_utf8(diff_svg(&before, &after, true, "d").unwrap()).unwrap();
        assert!(diff.contains("<svg") && diff.contains("rgb("));
    }
}
