//! The CLI's imports run one way (issue 12, DESIGN.md §2):
//! `main → repl → exec → cli → commands → {embedded, session, fanout, sources, logs, trace, flame,
//! pcapng, audit} → client → config → output → error → opts`. No file under `src/` names a module
//! above its own.

use std::path::Path;

/// Top-level modules of `src/`, from the top of the import order to the bottom.
const ORDER: &[&str] = &[
    "main", "repl", "exec", "cli", "commands", "embedded", "session", "fanout", "sources", "logs",
    "trace", "flame", "pcapng", "audit", "client", "config", "output", "error", "opts",
];

fn rank(module: &str) -> Option<usize> {
    ORDER.iter().position(|m| *m == module)
}

/// Every `crate::name` a source text mentions, `use crate::{a, b}` groups included.
fn mentioned(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn no_file_imports_a_module_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut checked = 0;
    let mut upward = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src/");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("a file name");
        if top == "lib" {
            continue;
        }
        let own = rank(&top).unwrap_or_else(|| {
            panic!(
                "src/{top} is not placed in the import order: add it to ORDER in tests/layers.rs"
            )
        });
        let text = std::fs::read_to_string(file).expect("readable source");
        for name in mentioned(&text) {
            if name == top || name.is_empty() {
                continue;
            }
            match rank(&name) {
                Some(r) if r < own => {
                    upward.push(format!("src/{} names crate::{name}", rel.display()))
                }
                Some(_) => checked += 1,
                None => {}
            }
        }
    }
    assert!(
        checked > 100,
        "the scan found only {checked} imports: is it reading src/?"
    );
    assert!(
        upward.is_empty(),
        "imports that run upward:\n{}",
        upward.join("\n")
    );
}
