//! A console session (one process: a one-shot call, a script, or a REPL) and the context one
//! command runs in.

use crate::client::{Pool, TlsMaterial};
use crate::config::{self, Settings};
use crate::error::{Error, Result};
use crate::fanout::{FanOut, Target};
use crate::opts::{GlobalOpts, OutputFormat};
use crate::output::Style;
use butterfly_proto::debug::{ListMembersRequest, Member};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the session was entered, recorded in the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `butterfly-cli <command>`.
    OneShot,
    /// `butterfly-cli debug` / `demo`.
    Repl,
    /// `butterfly-cli run FILE`.
    Script,
}

impl Via {
    /// The audit trail's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::OneShot => "one-shot",
            Via::Repl => "repl",
            Via::Script => "script",
        }
    }
}

/// Membership cached for completion and id resolution.
#[derive(Debug, Default, Clone)]
pub struct MemberCache {
    /// Members by id.
    pub members: BTreeMap<String, Member>,
    /// When it was last refreshed.
    pub refreshed: Option<Instant>,
    /// Recent request ids the coordinators served, newest first (for completion).
    pub request_ids: Vec<String>,
    /// Metric names Prometheus knows, `butterfly_*` first (for completing `metrics query`).
    pub metric_names: Vec<String>,
}

/// Where the grammar's value completers read live values (node ids, request ids, metric names):
/// the member cache of the console that completes (the REPL sets it when it starts). Without
/// one (a shell asking through `COMPLETE=bash butterfly-cli`) they offer nothing.
static COMPLETION_SOURCE: Mutex<Option<Arc<Mutex<MemberCache>>>> = Mutex::new(None);

/// Makes `cache` the source of the grammar's value completers.
pub fn set_completion_source(cache: Arc<Mutex<MemberCache>>) {
    if let Ok(mut source) = COMPLETION_SOURCE.lock() {
        *source = Some(cache);
    }
}

/// Candidates from the completion source that start with `current`.
fn cached_candidates(
    current: &std::ffi::OsStr,
    pick: impl FnOnce(&MemberCache) -> Vec<String>,
) -> Vec<clap_complete::engine::CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let values = COMPLETION_SOURCE
        .lock()
        .ok()
        .and_then(|s| s.clone())
        .and_then(|cache| cache.lock().ok().map(|c| pick(&c)))
        .unwrap_or_default();
    values
        .into_iter()
        .filter(|v| v.starts_with(current))
        .map(clap_complete::engine::CompletionCandidate::new)
        .collect()
}

/// Completes a node id, or the last id of a comma-separated list (`compute-1,comp`).
pub fn complete_nodes(
    current: &std::ffi::OsStr,
) -> Vec<clap_complete::engine::CompletionCandidate> {
    let text = current.to_string_lossy();
    let done = text.rfind(',').map_or("", |i| &text[..=i]);
    let ids = cached_candidates(std::ffi::OsStr::new(&text[done.len()..]), |c| {
        c.members.keys().cloned().collect()
    });
    ids.into_iter()
        .map(|c| {
            let id = c.get_value().to_string_lossy().into_owned();
            clap_complete::engine::CompletionCandidate::new(format!("{done}{id}"))
        })
        .collect()
}

/// Completes a recent request id (`req_…`) the coordinators served.
pub fn complete_request_ids(
    current: &std::ffi::OsStr,
) -> Vec<clap_complete::engine::CompletionCandidate> {
    cached_candidates(current, |c| c.request_ids.clone())
}

/// Completes a metric name Prometheus knows.
pub fn complete_metric_names(
    current: &std::ffi::OsStr,
) -> Vec<clap_complete::engine::CompletionCandidate> {
    cached_candidates(current, |c| c.metric_names.clone())
}

/// State that lives as long as the console process.
#[derive(Debug)]
pub struct Session {
    /// Options the session was started with.
    pub base: GlobalOpts,
    /// Random session id, recorded in every audit record.
    pub id: String,
    /// Front door.
    pub via: Via,
    pools: Mutex<BTreeMap<String, Arc<Pool>>>,
    /// Last known membership (REPL completion, id resolution).
    pub members: Arc<Mutex<MemberCache>>,
    /// Profile sessions this console started and has not stopped: `(node, kind)`. A REPL stops
    /// them when it leaves.
    profiles: Mutex<Vec<(Target, i32)>>,
    /// For a script's session: `FILE sha256:HEX`, written into each step's audit record.
    pub script: Option<String>,
    /// Nodes where this session started a packet capture not stopped yet (a REPL stops them
    /// when it leaves).
    captures: Mutex<Vec<Target>>,
}

impl Session {
    /// A new session entered through `via`.
    pub fn new(base: GlobalOpts, via: Via) -> Session {
        Session {
            base,
            id: new_session_id(),
            via,
            pools: Mutex::new(BTreeMap::new()),
            members: Arc::new(Mutex::new(MemberCache::default())),
            profiles: Mutex::new(Vec::new()),
            script: None,
            captures: Mutex::new(Vec::new()),
        }
    }

    /// A session sharing this one's id and member cache but with its own connection pool (for a
    /// background task on another runtime: pooled channels are driven by the runtime that made
    /// them).
    pub fn sibling(&self) -> Session {
        Session {
            base: self.base.clone(),
            id: self.id.clone(),
            via: self.via,
            pools: Mutex::new(BTreeMap::new()),
            members: self.members.clone(),
            profiles: Mutex::new(Vec::new()),
            script: self.script.clone(),
            captures: Mutex::new(Vec::new()),
        }
    }

    /// Remembers a profile session this console started on `target` (`kind` as in the proto).
    pub fn remember_profile(&self, target: Target, kind: i32) {
        if let Ok(mut p) = self.profiles.lock() {
            if !p.iter().any(|(t, k)| *t == target && *k == kind) {
                p.push((target, kind));
            }
        }
    }

    /// Records a capture this session started on `target`.
    pub fn capture_started(&self, target: Target) {
        if let Ok(mut c) = self.captures.lock() {
            if !c.contains(&target) {
                c.push(target);
            }
        }
    }

    /// Forgets a profile session (it was stopped or fetched).
    pub fn forget_profile(&self, target: &Target, kind: i32) {
        if let Ok(mut p) = self.profiles.lock() {
            p.retain(|(t, k)| !(t.addr == target.addr && *k == kind));
        }
    }

    /// Stops every profile session this console started and did not stop (a REPL leaving):
    /// their profiles stay on the nodes. Returns one line per node, for the operator.
    pub async fn stop_started_profiles(&self) -> Vec<String> {
        let started = match self.profiles.lock() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => return Vec::new(),
        };
        if started.is_empty() {
            return Vec::new();
        }
        let ctx = self.context(&GlobalOpts::default());
        let (Ok(pool), Ok(fan)) = (ctx.pool(), ctx.fanout()) else {
            return vec!["could not stop this console's profile sessions: no settings".into()];
        };
        let mut lines = Vec::new();
        for (target, kind) in started {
            let r = fan
                .one(&pool, &target, |mut c| async move {
                    c.stop_profile(butterfly_proto::debug::StopProfileRequest {
                        kind,
                        discard: false,
                    })
                    .await
                })
                .await;
            lines.push(match r {
                Ok(_) => format!(
                    "stopped the profile session this console started on {}",
                    target.label()
                ),
                Err(Error::Remote { message, .. }) if message.contains("NotFound") => continue,
                Err(e) => format!(
                    "could not stop the profile session on {}: {e}",
                    target.label()
                ),
            });
        }
        lines
    }

    /// Forgets the capture on `target` (stopped).
    pub fn capture_stopped(&self, target: &Target) {
        if let Ok(mut c) = self.captures.lock() {
            c.retain(|t| t.addr != target.addr);
        }
    }

    /// The captures this session started and did not stop.
    pub fn open_captures(&self) -> Vec<Target> {
        self.captures.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// The context for one command with the line's own option overrides.
    pub fn context(&self, line: &GlobalOpts) -> Ctx<'_> {
        let opts = self.base.overlay(line);
        let settings = config::resolve(&opts);
        let format = crate::output::resolve_format(opts.output);
        Ctx {
            format,
            style: Style {
                wide: format == crate::opts::OutputFormat::Wide,
                ..Style::detect(opts.no_color)
            },
            settings,
            opts,
            session: self,
        }
    }

    /// The pool for these settings. The key includes each credential file's size and
    /// modification time, so a CA, certificate or key rewritten on disk (`demo down`/`demo up`,
    /// a renewed certificate) is read again by a running REPL; the stale pool is dropped.
    fn pool_for(&self, settings: &Settings) -> Result<Arc<Pool>> {
        let files = [&settings.ca, &settings.cert, &settings.key];
        let paths = format!("{files:?}|{:?}", settings.timeout);
        let stamp: Vec<Option<(u64, std::time::SystemTime)>> = files
            .iter()
            .map(|f| {
                let m = std::fs::metadata(f.as_ref()?).ok()?;
                Some((m.len(), m.modified().ok()?))
            })
            .collect();
        let key = format!("{paths}|{stamp:?}");
        if let Some(p) = self.pools.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(p);
        }
        if let Ok(mut m) = self.pools.lock() {
            m.retain(|k, _| !k.starts_with(&format!("{paths}|")));
        }
        let pool = Arc::new(Pool::new(TlsMaterial::load(settings)?, settings.timeout));
        if let Ok(mut m) = self.pools.lock() {
            m.insert(key, pool.clone());
        }
        Ok(pool)
    }
}

fn new_session_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{:08x}{:08x}",
        std::process::id(),
        (nanos & 0xffff_ffff) as u32
    )
}

/// What one command runs with.
pub struct Ctx<'s> {
    /// Merged options.
    pub opts: GlobalOpts,
    /// Settings resolved from options, env and config (an error only matters to commands that
    /// need them).
    pub settings: Result<Settings>,
    /// Output format (auto resolved).
    pub format: OutputFormat,
    /// Styling.
    pub style: Style,
    /// The session.
    pub session: &'s Session,
}

impl Ctx<'_> {
    /// The resolved settings, or the config error.
    pub fn settings(&self) -> Result<&Settings> {
        self.settings
            .as_ref()
            .map_err(|e| Error::Config(strip_prefix(e)))
    }

    /// The session's connection pool for these settings.
    pub fn pool(&self) -> Result<Arc<Pool>> {
        self.session.pool_for(self.settings()?)
    }

    /// The fan-out parameters for these settings.
    pub fn fanout(&self) -> Result<FanOut> {
        let s = self.settings()?;
        Ok(FanOut {
            concurrency: s.concurrency,
            deadline: s.timeout,
        })
    }

    /// Asks every seed for the membership and merges the answers. Errors only when no seed answers.
    pub async fn discover(&self) -> Result<Discovery> {
        let settings = self.settings()?;
        if settings.seeds.is_empty() {
            return Err(Error::Config(format!(
                "profile '{}' has no seeds: pass --seeds HOST:PORT or add `seeds = [...]` to it",
                settings.profile
            )));
        }
        let pool = self.pool()?;
        let seeds: Vec<Target> = settings
            .seeds
            .iter()
            .map(|a| Target {
                id: String::new(),
                addr: a.clone(),
            })
            .collect();
        let results = self
            .fanout()?
            .run(&pool, &seeds, |mut c| async move {
                c.list_members(ListMembersRequest {})
                    .await
                    .map(|r| r.into_inner())
            })
            .await;
        let mut merged: BTreeMap<String, Member> = BTreeMap::new();
        let mut seed_errors = Vec::new();
        for (seed, r) in seeds.iter().zip(results) {
            match r {
                Ok(resp) => {
                    for m in resp.members {
                        let newer = merged
                            .get(&m.id)
                            .is_none_or(|old| m.last_seen_unix_ms > old.last_seen_unix_ms);
                        if newer {
                            merged.insert(m.id.clone(), m);
                        }
                    }
                }
                Err(e) => seed_errors.push((seed.addr.clone(), e)),
            }
        }
        if merged.is_empty() {
            if let Some((_, first)) = seed_errors.into_iter().next() {
                return Err(match first {
                    Error::PermissionDenied { .. } => first,
                    other => Error::Unreachable {
                        node: "cluster".into(),
                        message: format!("no seed answered ({other})"),
                    },
                });
            }
            return Err(Error::NotFound("the seeds know no members".into()));
        }
        if let Ok(mut cache) = self.session.members.lock() {
            cache.members = merged.clone();
            cache.refreshed = Some(Instant::now());
        }
        Ok(Discovery {
            members: merged.into_values().collect(),
            seed_errors,
        })
    }

    /// Makes `members` (a coordinator's answer, e.g. its heartbeat summaries) the cached
    /// membership that resolves node ids, as [`Ctx::discover`] does with the seeds' answers.
    pub fn remember_members(&self, members: &[Member]) {
        if let Ok(mut cache) = self.session.members.lock() {
            cache.members = members
                .iter()
                .map(|m| {
                    (
                        m.id.clone(),
                        Member {
                            summary: None,
                            ..m.clone()
                        },
                    )
                })
                .collect();
            cache.refreshed = Some(Instant::now());
        }
    }

    /// Resolves a node argument: a known node id (from the cache or a fresh discovery), or a
    /// HOST:PORT address used as it is.
    pub async fn resolve_node(&self, node: &str) -> Result<Target> {
        if let Some(m) = self.cached_member(node) {
            return Ok(Target {
                id: m.id,
                addr: m.debug_addr,
            });
        }
        let looks_like_addr = node
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
        if looks_like_addr {
            return Ok(Target {
                id: String::new(),
                addr: node.to_string(),
            });
        }
        let d = self.discover().await?;
        match d.members.into_iter().find(|m| m.id == node) {
            Some(m) => Ok(Target { id: m.id, addr: m.debug_addr }),
            None => Err(Error::NotFound(format!(
                "unknown node '{node}': not a member the seeds know (see `cluster status`), nor a HOST:PORT"
            ))),
        }
    }

    /// Resolves `node` (id or address) and makes one call to it within the deadline.
    pub async fn call_node<T, F, Fut>(&self, node: &str, call: F) -> Result<(Target, T)>
    where
        F: FnOnce(crate::client::DebugClient) -> Fut,
        Fut: std::future::Future<Output = std::result::Result<tonic::Response<T>, tonic::Status>>,
    {
        let target = self.resolve_node(node).await?;
        let pool = self.pool()?;
        let value = self
            .fanout()?
            .one(&pool, &target, |c| async move {
                call(c).await.map(tonic::Response::into_inner)
            })
            .await?;
        Ok((target, value))
    }

    fn cached_member(&self, id: &str) -> Option<Member> {
        let cache = self.session.members.lock().ok()?;
        let fresh = cache
            .refreshed
            .is_some_and(|t| t.elapsed() < Duration::from_secs(30));
        if fresh {
            cache.members.get(id).cloned()
        } else {
            None
        }
    }
}

/// The merged membership and the seeds that did not answer.
#[derive(Debug)]
pub struct Discovery {
    /// Members, sorted by id.
    pub members: Vec<Member>,
    /// Seeds that failed, with why.
    pub seed_errors: Vec<(String, Error)>,
}

impl Discovery {
    /// The coordinators, as fan-out targets; an error when there are none.
    pub fn coordinators(&self) -> Result<Vec<Target>> {
        let coords: Vec<Target> = self
            .members
            .iter()
            .filter(|m| m.role == butterfly_proto::debug::NodeRole::Coordinator as i32)
            .map(|m| Target {
                id: m.id.clone(),
                addr: m.debug_addr.clone(),
            })
            .collect();
        if coords.is_empty() {
            return Err(Error::NotFound("no coordinator in the membership".into()));
        }
        Ok(coords)
    }
}

fn strip_prefix(e: &Error) -> String {
    let s = e.to_string();
    s.strip_prefix("config: ").map(str::to_string).unwrap_or(s)
}
