//! The committed completion scripts under `completions/` must match the grammar.
//! Refresh with `BUTTERFLY_BLESS=1 cargo test --test completions`.

use butterfly_cli::commands::completions::{generate, SHELLS};
use std::path::PathBuf;

#[test]
fn committed_completions_are_fresh() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("BUTTERFLY_BLESS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let fresh = generate(shell);
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
        "stale completions {stale:?}: run BUTTERFLY_BLESS=1 cargo test --test completions"
    );
}

#[test]
fn bash_completion_knows_the_commands() {
    let bash = generate(clap_complete::Shell::Bash);
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
