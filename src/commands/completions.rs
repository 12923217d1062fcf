//! `completions SHELL`: shell completion scripts generated from the one grammar in `cli.rs`.
//! The generated files are committed under `completions/`; a test fails when they are stale.

use crate::error::Result;
use crate::output::{Report, Style};
use crate::session::Ctx;
use clap::Args;
use clap_complete::Shell;
use serde::Serialize;

/// `completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Every shell we ship completions for, with the committed file name.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "butterfly-cli.bash"),
    (Shell::Zsh, "_butterfly-cli"),
    (Shell::Fish, "butterfly-cli.fish"),
    (Shell::Elvish, "butterfly-cli.elv"),
    (Shell::PowerShell, "_butterfly-cli.ps1"),
];

/// The completion script for `shell` from the one-shot grammar `cmd` (`cli::command()`).
pub fn generate(shell: Shell, mut cmd: clap::Command) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "butterfly-cli", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A completion script.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Script {
    /// Shell name.
    pub shell: String,
    /// The script.
    pub script: String,
}

impl Report for Script {
    fn render(&self, _: &Style) -> String {
        self.script.trim_end().to_string()
    }
    fn raw(&self) -> bool {
        true
    }
}

/// Runs `completions`.
pub fn exec(
    args: CompletionsArgs,
    grammar: clap::Command,
    _ctx: &Ctx<'_>,
) -> Result<Box<dyn Report>> {
    Ok(Box::new(Script {
        shell: args.shell.to_string(),
        script: generate(args.shell, grammar),
    }))
}
