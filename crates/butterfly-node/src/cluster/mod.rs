//! Static membership shared by the node(s) of one process, and the heartbeat that joins seeds.
//!
//! Join rule: a member announced with `last_seen_unix_ms == 0` is the caller itself speaking, so
//! the receiver marks it seen now; a non-zero value is relayed knowledge (coordinator sync) and
//! is merged by taking the newer time.

use crate::procinfo::{self, CpuSampler};
use butterfly_debug::proto::debug::debug_service_client::DebugServiceClient;
use butterfly_debug::proto::debug::{
    ClusterSummaryResponse, ComponentHealth, ConsensusStatus, DeepHealthResponse, HealthState,
    JoinRequest, Load, Member, MemberSummary, NodeInfo, NodeRole, NodeStatus,
};
use butterfly_debug::NodeHandle;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

mod seed;
mod view;
pub use view::NodeView;

/// A member not heard from within this many heartbeats counts as not recently seen; a node whose
/// seeds were unreachable this long is Degraded.
pub const STALE_HEARTBEATS: u32 = 3;

/// A member not heard from (directly or relayed by a coordinator) for this long is forgotten:
/// 60 s by default (`--member-expiry`). The grace covers restarts and short partitions.
pub const DEFAULT_MEMBER_EXPIRY: Duration = Duration::from_secs(60);

/// At most this many members are known; further new ids are refused (logged): 10 000.
pub const MAX_MEMBERS: usize = 10_000;
/// Upper bound of one Join call (connect + answer).
pub const JOIN_TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Client TLS material for node-to-node calls.
#[derive(Clone, Debug)]
pub struct ClientTls {
    /// CA certificate PEM.
    pub ca_pem: Vec<u8>,
    /// Node certificate PEM.
    pub cert_pem: Vec<u8>,
    /// Node key PEM.
    pub key_pem: Vec<u8>,
}

/// What one process knows of the cluster, shared by the node(s) it hosts.
pub struct Cluster {
    name: String,
    members: Mutex<HashMap<String, Member>>,
    local: Mutex<Vec<Member>>,
    seeds: Vec<String>,
    heartbeat: Duration,
    /// See [`DEFAULT_MEMBER_EXPIRY`], milliseconds.
    member_expiry_ms: AtomicI64,
    last_contact_ms: AtomicI64,
    started: Instant,
    started_unix_ms: i64,
    started_flag: AtomicBool,
    cpu: Mutex<CpuSampler>,
    hostname: String,
    tls: ClientTls,
    clients: Mutex<HashMap<String, DebugServiceClient<Channel>>>,
    faults: OnceLock<crate::faults::Faults>,
    metrics: OnceLock<Arc<butterfly_telemetry::Metrics>>,
    /// Consensus, membership and probe links as calls over them happen.
    pub(crate) links: crate::links::LinkTable,
    /// The nodes this process hosts, asked for their summary on each heartbeat.
    views: Mutex<Vec<Weak<NodeView>>>,
    /// Seeds known by address: the coordinator id each answered as.
    seed_check: seed::SeedCheck,
}

impl Cluster {
    /// A process-wide view joining `seeds` every `heartbeat`.
    pub fn new(name: String, seeds: Vec<String>, heartbeat: Duration, tls: ClientTls) -> Arc<Self> {
        Arc::new(Self {
            name,
            members: Mutex::new(HashMap::new()),
            local: Mutex::new(Vec::new()),
            seeds,
            heartbeat,
            member_expiry_ms: AtomicI64::new(duration_ms(DEFAULT_MEMBER_EXPIRY)),
            last_contact_ms: AtomicI64::new(0),
            started: Instant::now(),
            started_unix_ms: unix_ms(),
            started_flag: AtomicBool::new(false),
            cpu: Mutex::new(CpuSampler::new()),
            hostname: procinfo::hostname(),
            tls,
            clients: Mutex::new(HashMap::new()),
            faults: OnceLock::new(),
            metrics: OnceLock::new(),
            links: crate::links::LinkTable::default(),
            views: Mutex::new(Vec::new()),
            seed_check: seed::SeedCheck::default(),
        })
    }

    /// The node's injected faults, so consensus traffic honours `partition:` too.
    pub fn set_faults(&self, faults: crate::faults::Faults) {
        let _ = self.faults.set(faults);
    }

    /// The node's metric catalog, so the consensus network can count heartbeat failures.
    pub fn set_metrics(&self, metrics: Arc<butterfly_telemetry::Metrics>) {
        let _ = self.metrics.set(metrics);
    }

    /// The metric catalog, once set.
    pub(crate) fn metrics(&self) -> Option<&Arc<butterfly_telemetry::Metrics>> {
        self.metrics.get()
    }

    /// Whether traffic with the member `peer_id` is dropped by an injected partition.
    pub fn partitioned_from(&self, peer_id: &str) -> bool {
        self.faults
            .get()
            .is_some_and(|f| f.partitioned_from(peer_id))
    }

    /// The member at debug address `addr` when an injected partition drops traffic with it.
    pub fn partitioned_addr(&self, addr: &str) -> Option<String> {
        let faults = self.faults.get()?;
        self.members()
            .into_iter()
            .find(|m| m.debug_addr == addr && faults.partitioned_from(&m.id))
            .map(|m| m.id)
    }

    /// The id of the member at debug address `addr`, else the address itself.
    pub(crate) fn id_at(&self, addr: &str) -> String {
        lock(&self.members)
            .values()
            .find(|m| m.debug_addr == addr)
            .map(|m| m.id.clone())
            .unwrap_or_else(|| addr.to_string())
    }

    /// The member `id` when it is current (heard from within the expiry grace).
    pub(crate) fn member(&self, id: &str) -> Option<Member> {
        let cutoff = self.expiry_cutoff(unix_ms());
        lock(&self.members)
            .get(id)
            .filter(|m| m.last_seen_unix_ms >= cutoff)
            .cloned()
    }

    /// Registers a node hosted by this process (after its listener is bound).
    pub fn add_local(&self, member: Member) {
        let mut m = member.clone();
        m.last_seen_unix_ms = unix_ms();
        lock(&self.members).insert(m.id.clone(), m);
        lock(&self.local).push(member);
    }

    /// Registers a hosted node whose summary rides on each heartbeat (after [`NodeView::bound`]).
    pub fn add_view(&self, view: &Arc<NodeView>) {
        lock(&self.views).push(Arc::downgrade(view));
    }

    /// Builds every hosted node's summary and stores it on its local member. Load and the seed
    /// check are sampled once for the whole process (a swarm hosts thousands of nodes).
    fn summarize_local(&self) {
        let views: Vec<Arc<NodeView>> =
            lock(&self.views).iter().filter_map(Weak::upgrade).collect();
        if views.is_empty() {
            return;
        }
        let problem = self.seed_problem();
        let load = self.load();
        let mut summaries: HashMap<String, MemberSummary> = views
            .iter()
            .map(|v| (v.id.clone(), v.summary(problem.clone(), load)))
            .collect();
        for m in lock(&self.local).iter_mut() {
            if let Some(s) = summaries.remove(&m.id) {
                m.summary = Some(s);
            }
        }
    }

    /// Forgets members not heard from for `expiry` (default [`DEFAULT_MEMBER_EXPIRY`]).
    pub fn set_member_expiry(&self, expiry: Duration) {
        self.member_expiry_ms
            .store(duration_ms(expiry), Ordering::Relaxed);
    }

    /// Whether this process has run longer than the member expiry, so a member missing from its
    /// view has really stopped heartbeating (not merely not reached it yet).
    pub fn expiry_settled(&self) -> bool {
        unix_ms().saturating_sub(self.started_unix_ms)
            > self.member_expiry_ms.load(Ordering::Relaxed)
    }

    /// The oldest `last_seen_unix_ms` still a member at `now`.
    fn expiry_cutoff(&self, now: i64) -> i64 {
        now.saturating_sub(self.member_expiry_ms.load(Ordering::Relaxed))
    }

    /// Marks the process started (listeners bound, ready file written).
    pub fn set_started(&self) {
        self.started_flag.store(true, Ordering::Relaxed);
    }

    fn refresh_local(&self) {
        let now = unix_ms();
        let local = lock(&self.local).clone();
        let mut members = lock(&self.members);
        for mut m in local {
            m.last_seen_unix_ms = now;
            members.insert(m.id.clone(), m);
        }
    }

    /// Merges members (see the module's join rule).
    pub fn merge(&self, incoming: Vec<Member>) {
        let now = unix_ms();
        let local: Vec<String> = lock(&self.local).iter().map(|m| m.id.clone()).collect();
        let mut members = lock(&self.members);
        for mut m in incoming {
            if m.id.is_empty() || local.contains(&m.id) {
                continue;
            }
            if m.last_seen_unix_ms == 0 {
                m.last_seen_unix_ms = now;
            }
            if m.last_seen_unix_ms < self.expiry_cutoff(now) {
                continue; // relayed knowledge of a member that has expired
            }
            if members.len() >= MAX_MEMBERS && !members.contains_key(&m.id) {
                tracing::warn!(member = %m.id, cap = MAX_MEMBERS, "membership is full; member refused");
                continue;
            }
            match members.get_mut(&m.id) {
                Some(known) => {
                    let seen = known.last_seen_unix_ms.max(m.last_seen_unix_ms);
                    // A relayed summary older than the one held (or none) keeps the held one.
                    let keep = match (&known.summary, &m.summary) {
                        (Some(k), Some(i)) if k.at_unix_ms > i.at_unix_ms => known.summary.take(),
                        (Some(_), None) => known.summary.take(),
                        _ => None,
                    };
                    *known = m;
                    known.last_seen_unix_ms = seen;
                    if keep.is_some() {
                        known.summary = keep;
                    }
                }
                None => {
                    members.insert(m.id.clone(), m);
                }
            }
        }
    }

    /// Every known member, sorted by id.
    pub fn members(&self) -> Vec<Member> {
        self.refresh_local();
        let cutoff = self.expiry_cutoff(unix_ms());
        lock(&self.members).retain(|id, m| {
            let keep = m.last_seen_unix_ms >= cutoff;
            if !keep {
                tracing::info!(member = %id, "member expired: no heartbeat within the grace");
            }
            keep
        });
        let mut list: Vec<Member> = lock(&self.members).values().cloned().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    }

    fn stale_after_ms(&self) -> i64 {
        i64::try_from((self.heartbeat * STALE_HEARTBEATS).as_millis()).unwrap_or(i64::MAX)
    }

    /// Seeds other than this process's own listeners.
    fn remote_seeds(&self) -> Vec<String> {
        let local: Vec<String> = lock(&self.local)
            .iter()
            .map(|m| m.debug_addr.clone())
            .collect();
        self.seeds
            .iter()
            .filter(|s| !local.contains(s))
            .cloned()
            .collect()
    }

    /// `Some(reason)` when seeds exist but none was reached for [`STALE_HEARTBEATS`] heartbeats.
    fn seed_problem(&self) -> Option<String> {
        if self.remote_seeds().is_empty() {
            return None;
        }
        let now = unix_ms();
        let last = self.last_contact_ms.load(Ordering::Relaxed);
        let stale = self.stale_after_ms();
        if last == 0 {
            let up = self.started.elapsed();
            if up > self.heartbeat * STALE_HEARTBEATS {
                return Some(format!(
                    "no seed reached since start ({}s ago)",
                    up.as_secs()
                ));
            }
            return None;
        }
        if now - last > stale {
            return Some(format!("no seed reached for {}s", (now - last) / 1000));
        }
        None
    }

    /// Whether the seeds (if any) were reached at least once: until then this process may not
    /// know the coordinators that already exist.
    pub(crate) fn seeds_reached(&self) -> bool {
        self.remote_seeds().is_empty() || self.last_contact_ms.load(Ordering::Relaxed) > 0
    }

    /// The debug address of a known member.
    pub(crate) fn member_addr(&self, id: &str) -> Option<String> {
        lock(&self.members)
            .get(id)
            .map(|m| m.debug_addr.clone())
            .filter(|a| !a.is_empty())
    }

    /// A pooled mTLS client (node certificate) for `addr`.
    /// Sends a checkpoint manifest to the first seed that commits it.
    pub async fn commit_checkpoint(
        &self,
        manifest: butterfly_proto::debug::CheckpointManifest,
    ) -> Result<u64, String> {
        let mut last = "no seed to report to".to_string();
        for seed in &self.seeds {
            // Only a coordinator's certificate may take it (see `seed.rs`).
            let id = match self
                .seed_check
                .identify(&self.tls, seed, JOIN_TIMEOUT)
                .await
            {
                Ok(id) => id,
                Err(e) => {
                    last = e;
                    continue;
                }
            };
            let Some(mut c) = self.client_for(seed, Some(&id)) else {
                continue;
            };
            match c.commit_checkpoint(manifest.clone()).await {
                Ok(r) => return Ok(r.into_inner().log_index),
                Err(e) => last = format!("{seed}: {}", e.message()),
            }
        }
        Err(last)
    }

    pub(crate) fn client(&self, addr: &str) -> Option<DebugServiceClient<Channel>> {
        self.client_for(addr, None)
    }

    /// A client for the node `expect` at `addr`: the TLS handshake checks that the answering
    /// certificate names `expect` (node certificates carry their node id as a SAN), so no other
    /// node can answer for it. `None` checks the address only (link probes); a seed whose id is
    /// not known yet is identified first (`seed.rs`).
    pub(crate) fn client_for(
        &self,
        addr: &str,
        expect: Option<&str>,
    ) -> Option<DebugServiceClient<Channel>> {
        self.client_with(addr, expect, JOIN_TIMEOUT)
    }

    /// [`Cluster::client_for`] whose calls may take up to `timeout` (the request forward waits
    /// for a whole inference).
    pub(crate) fn client_with(
        &self,
        addr: &str,
        expect: Option<&str>,
        timeout: Duration,
    ) -> Option<DebugServiceClient<Channel>> {
        let key = match expect {
            Some(id) => format!("{id}@{addr}/{}", timeout.as_millis()),
            None => format!("{addr}/{}", timeout.as_millis()),
        };
        if let Some(c) = lock(&self.clients).get(&key) {
            return Some(c.clone());
        }
        let host = match (expect, addr.parse::<SocketAddr>()) {
            (Some(id), _) => id.to_string(),
            (None, Ok(sa)) => sa.ip().to_string(),
            (None, Err(_)) => addr
                .rsplit_once(':')
                .map(|(h, _)| h)
                .unwrap_or(addr)
                .to_string(),
        };
        let tls = ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(&self.tls.ca_pem))
            .identity(Identity::from_pem(&self.tls.cert_pem, &self.tls.key_pem))
            .domain_name(host);
        let endpoint = match Endpoint::from_shared(format!("https://{addr}"))
            .and_then(|e| e.tls_config(tls))
        {
            Ok(e) => e
                .connect_timeout(JOIN_TIMEOUT.min(self.heartbeat * 2))
                .timeout(timeout),
            Err(e) => {
                tracing::warn!(seed = addr, error = %e, "invalid seed address");
                return None;
            }
        };
        let client = DebugServiceClient::new(endpoint.connect_lazy());
        lock(&self.clients).insert(key, client.clone());
        Some(client)
    }

    async fn join_one(&self, addr: &str, members: Vec<Member>) -> bool {
        // Once the node at `addr` is known, its certificate must name it; this is also the
        // channel Raft uses towards a coordinator, kept warm by the heartbeat.
        let known = lock(&self.members)
            .values()
            .find(|m| m.debug_addr == addr)
            .map(|m| m.id.clone());
        let started = std::time::Instant::now();
        // A seed known by address only must answer with a coordinator's certificate; its CN is
        // then the name the Join channel checks (see `seed.rs`).
        let (expect, learnt) = match known {
            Some(id) => (id, false),
            None => match self
                .seed_check
                .identify(&self.tls, addr, JOIN_TIMEOUT)
                .await
            {
                Ok(id) => (id, true),
                Err(e) => {
                    self.links.record("membership", addr, addr, Err(&e));
                    return false;
                }
            },
        };
        let Some(mut client) = self.client_for(addr, Some(&expect)) else {
            return false;
        };
        let result = client.join(JoinRequest { members }).await;
        if result.is_err() && learnt {
            self.seed_check.forget(addr);
        }
        let peer = self.id_at(addr);
        match result {
            Ok(resp) => {
                self.links
                    .record("membership", &peer, addr, Ok(started.elapsed()));
                self.merge(resp.into_inner().members);
                true
            }
            Err(status) => {
                let text = crate::links::status_text(&status);
                self.links.record("membership", &peer, addr, Err(&text));
                tracing::debug!(peer = addr, code = ?status.code(), error = %status.message(), "join failed");
                false
            }
        }
    }

    /// One heartbeat: announce the local nodes to every seed (one call per seed), then, when
    /// this process hosts a coordinator, sync everything known with the other coordinators.
    pub async fn heartbeat_once(&self) {
        self.summarize_local();
        self.refresh_local();
        let announce: Vec<Member> = lock(&self.local)
            .iter()
            .map(|m| Member {
                last_seen_unix_ms: 0,
                ..m.clone()
            })
            .collect();
        let seeds = self.remote_seeds();
        let calls = seeds
            .iter()
            .map(|seed| self.join_one(seed, announce.clone()));
        let results = futures::future::join_all(calls).await;
        if results.iter().any(|ok| *ok) {
            self.last_contact_ms.store(unix_ms(), Ordering::Relaxed);
        }
        let hosts_coordinator = lock(&self.local)
            .iter()
            .any(|m| m.role == NodeRole::Coordinator as i32);
        if hosts_coordinator {
            let local: Vec<String> = lock(&self.local).iter().map(|m| m.id.clone()).collect();
            let known = self.members();
            let peers: Vec<String> = known
                .iter()
                .filter(|m| m.role == NodeRole::Coordinator as i32)
                .filter(|m| !local.contains(&m.id) && !m.debug_addr.is_empty())
                .filter(|m| !seeds.contains(&m.debug_addr))
                .map(|m| m.debug_addr.clone())
                .collect();
            let calls = peers.iter().map(|p| self.join_one(p, known.clone()));
            futures::future::join_all(calls).await;
        }
    }

    /// Runs heartbeats until the task is dropped.
    pub async fn heartbeat_loop(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.heartbeat);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            self.heartbeat_once().await;
        }
    }

    fn load(&self) -> Load {
        Load {
            cpu_percent: lock(&self.cpu).sample(),
            memory_rss_bytes: procinfo::rss_bytes().unwrap_or(0),
            ..Default::default()
        }
    }
}

fn strip_summaries(mut members: Vec<Member>) -> Vec<Member> {
    for m in &mut members {
        m.summary = None;
    }
    members
}

/// The local members (for the ready file).
pub fn local_members(cluster: &Cluster) -> Vec<Member> {
    lock(&cluster.local).clone()
}

/// Node ids of the local members (for logs).
pub fn local_count(cluster: &Cluster) -> usize {
    lock(&cluster.local).len()
}

fn duration_ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}
