//! Committed files that derive from the grammar: completion scripts under `completions/` must
//! match it, and the runbooks under `commands/` must parse with it.
//! Refresh with `BUTTERFLY_BLESS=1 cargo test --test committed_files`.

use butterfly_cli::commands::completions::{generate, SHELLS};
use std::path::PathBuf;

#[test]
fn committed_completions_are_fresh() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("BUTTERFLY_BLESS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let fresh = generate(shell, butterfly_cli::cli::command());
        let path = dir.join(file);
        if bless {
            std::fs::create_dir_all(&dir).expect("create completions/");
            std::fs::write(&path, &fresh).expect("write completion file");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != fresh {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run BUTTERFLY_BLESS=1 cargo test --test committed_files"
    );
}

#[test]
fn bash_completion_knows_the_commands() {
    let bash = generate(clap_complete::Shell::Bash, butterfly_cli::cli::command());
    for word in [
        "cluster",
        "status",
        "node",
        "audit",
        "verify",
        "demo",
        "certs",
        "--profile",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
}

#[test]
fn shipped_runbooks_parse() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("commands");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("commands/") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("bfly") {
            continue;
        }
        let state = tempfile::tempdir().expect("tempdir");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_butterfly-cli"))
            .args([
                "run",
                "--check",
                "--set",
                "node=compute-1",
                "--set",
                "request=req_0123456789ab",
            ])
            .arg(&path)
            .env("BUTTERFLY_STATE_DIR", state.path())
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{} does not parse: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        checked += 1;
    }
    assert!(checked > 0, "no runbook under commands/");
}

/// `COMPLETE=bash butterfly-cli` registers, and a shell's request is answered by clap_complete's
/// engine from the same grammar (what bash sends: the words and the index of the one to complete).
#[test]
fn the_binary_answers_shell_completion_requests() {
    let bin = env!("CARGO_BIN_EXE_butterfly-cli");
    let script = std::process::Command::new(bin)
        .env("COMPLETE", "bash")
        .output()
        .expect("run butterfly-cli");
    assert!(script.status.success());
    let script = String::from_utf8_lossy(&script.stdout);
    assert!(script.contains("complete -o"), "{script}");
    let answer = std::process::Command::new(bin)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "butterfly-cli", "node", "hea"])
        .output()
        .expect("run butterfly-cli");
    assert!(answer.status.success());
    assert_eq!(String::from_utf8_lossy(&answer.stdout).trim(), "health");
}
