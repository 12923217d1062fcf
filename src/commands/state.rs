//! `state dump <node> [--section S]` and `state diff <a> <b> | --all [--role R]`: a node's state
//! as hashed sections in canonical JSON, and the comparison of nodes section by section (hashes
//! first, contents only where they differ; replicated sections at one applied index).

use crate::error::{Error, Result};
use crate::fanout::Target;
use crate::output::{Report, Style};
use crate::session::Ctx;
use butterfly_proto::debug::{StateDumpRequest, StateDumpResponse};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Most bytes one section may have when reassembled from pages: 64 MiB.
pub const MAX_SECTION_BYTES: u64 = 64 << 20;
/// Lines of each section `state dump` prints without `--section`: 40.
pub const PREVIEW_LINES: usize = 40;

/// `state ...`
#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// A node's state as sections, each with its SHA-256 (canonical JSON, sorted keys):
    /// consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint,
    /// active_faults, build.
    Dump {
        /// Node id or debug address.
        #[arg(add = ArgValueCompleter::new(crate::session::complete_nodes))]
        node: String,
        /// Only this section (printed in full).
        #[arg(long)]
        section: Option<String>,
        /// Bytes per page asked of the node (it caps pages at 1 MiB) [default: 256 KiB].
        #[arg(long, value_name = "BYTES")]
        page_bytes: Option<u64>,
    },
    /// Compare nodes section by section: hashes first, differing keys with both values, and the
    /// odd node out by majority. Replicated sections are compared at one applied index.
    Diff(crate::commands::statediff::DiffArgs),
}

impl StateCommand {
    /// The nodes a command targets.
    pub fn targets(&self) -> Vec<String> {
        match self {
            StateCommand::Dump { node, .. } => vec![node.clone()],
            StateCommand::Diff(a) => a.nodes.clone(),
        }
    }
}

/// Runs a `state` command.
pub async fn exec(cmd: StateCommand, ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        StateCommand::Dump {
            node,
            section,
            page_bytes,
        } => {
            let target = ctx.resolve_node(&node).await?;
            let full = section.is_some();
            let dump = fetch(ctx, &target, section.as_deref(), page_bytes).await?;
            Ok(Box::new(DumpReport { dump, full }))
        }
        StateCommand::Diff(args) => crate::commands::statediff::exec(args, ctx).await,
    }
}

/// One section, reassembled.
#[derive(Debug, Serialize, serde::Deserialize, Clone, schemars::JsonSchema)]
pub struct Section {
    /// Section name.
    pub name: String,
    /// SHA-256 of the canonical JSON, as the node computed it.
    pub sha256: String,
    /// Size of the canonical JSON, bytes.
    pub bytes: u64,
    /// Part of the replicated state.
    pub replicated: bool,
    /// Whether the reassembled bytes hash to `sha256`.
    pub hash_ok: bool,
    /// Pages it took.
    pub pages: u32,
    /// The section's value.
    pub value: serde_json::Value,
}

/// `state dump -o json`: `{"node_id","role","applied_index","sections":[{"name","sha256",
/// "bytes","replicated","hash_ok","pages","value"}]}`.
#[derive(Debug, Serialize, serde::Deserialize, Clone, schemars::JsonSchema)]
pub struct Dump {
    /// Node.
    pub node_id: String,
    /// Role.
    pub role: String,
    /// Applied log index (coordinators; 0 otherwise).
    pub applied_index: u64,
    /// Sections in name order.
    pub sections: Vec<Section>,
}

/// Asks `target` for its sections (one, or all) and pages through every truncated one.
pub async fn fetch(
    ctx: &Ctx<'_>,
    target: &Target,
    section: Option<&str>,
    page_bytes: Option<u64>,
) -> Result<Dump> {
    let pool = ctx.pool()?;
    let fan = ctx.fanout()?;
    let ask = |name: String, offset: u64| {
        let req = StateDumpRequest {
            section: name,
            offset,
            max_bytes: page_bytes.unwrap_or(0),
            ..Default::default()
        };
        let pool = pool.clone();
        async move {
            fan.one(&pool, target, |mut c| async move {
                c.state_dump(req).await.map(|r| r.into_inner())
            })
            .await
        }
    };
    let first: StateDumpResponse = ask(section.unwrap_or_default().to_string(), 0).await?;
    let mut dump = Dump {
        node_id: first.node_id.clone(),
        role: first.role.clone(),
        applied_index: first.applied_index,
        sections: Vec::new(),
    };
    for s in first.sections {
        let mut bytes = s.json;
        let mut pages = 1u32;
        let mut truncated = s.truncated;
        while truncated {
            if bytes.len() as u64 >= s.total_bytes.min(MAX_SECTION_BYTES) {
                break;
            }
            let next = ask(s.name.clone(), bytes.len() as u64).await?;
            let Some(page) = next.sections.into_iter().find(|p| p.name == s.name) else {
                break;
            };
            if page.json.is_empty() {
                break;
            }
            truncated = page.truncated;
            bytes.extend_from_slice(&page.json);
            pages += 1;
        }
        let hash_ok = hex::encode(Sha256::digest(&bytes)) == s.sha256;
        let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            serde_json::Value::String(format!(
                "<{} of {} bytes received; not JSON: {e}>",
                bytes.len(),
                s.total_bytes
            ))
        });
        dump.sections.push(Section {
            name: s.name,
            sha256: s.sha256,
            bytes: s.total_bytes,
            replicated: s.replicated,
            hash_ok,
            pages,
            value,
        });
    }
    if dump.sections.is_empty() {
        return Err(Error::NotFound(format!(
            "{} answered no sections",
            target.label()
        )));
    }
    Ok(dump)
}

/// `state dump` output: its JSON is the [`Dump`] itself.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct DumpReport {
    /// What the node answered.
    pub dump: Dump,
    /// Print every line (one section asked).
    #[serde(skip)]
    pub full: bool,
}

impl Report for DumpReport {
    fn exit_code(&self) -> i32 {
        if self.dump.sections.iter().all(|s| s.hash_ok) {
            crate::error::EXIT_OK
        } else {
            crate::error::EXIT_ERROR
        }
    }
    fn render(&self, style: &Style) -> String {
        let d = &self.dump;
        let mut out = format!("{} ({})", style.bold(&d.node_id), d.role);
        if d.role == "coordinator" {
            out.push_str(&format!(", applied index {}", d.applied_index));
        }
        for s in &d.sections {
            let check = if s.hash_ok {
                style.good("hash ok")
            } else {
                style.bad("HASH MISMATCH")
            };
            out.push_str(&format!(
                "\n\n== {}{}  sha256 {}  {} bytes{}  {check}",
                style.bold(&s.name),
                if s.replicated { " (replicated)" } else { "" },
                &s.sha256[..s.sha256.len().min(16)],
                s.bytes,
                if s.pages > 1 {
                    format!(" in {} pages", s.pages)
                } else {
                    String::new()
                },
            ));
            let text = serde_json::to_string_pretty(&s.value).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let shown = if self.full {
                lines.len()
            } else {
                lines.len().min(PREVIEW_LINES)
            };
            for l in &lines[..shown] {
                out.push('\n');
                out.push_str(l);
            }
            if shown < lines.len() {
                out.push_str(&style.dim(&format!(
                    "\n… {} more lines (`state dump {} --section {}` prints all)",
                    lines.len() - shown,
                    d.node_id,
                    s.name
                )));
            }
        }
        out
    }
}
