//! The debug service's view of its own connections: every caller's TLS connection with the
//! peer identity from its certificate, bytes each way and last activity (`ListConnections`), and
//! the hooks that feed the capture tap with the decrypted bytes.

use crate::capture::{Capture, Transport};
use butterfly_proto::auth::identity_from_der;
use butterfly_proto::debug::Connection;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One caller's connection.
#[derive(Debug)]
pub(crate) struct ConnInfo {
    id: u64,
    peer: String,
    role: String,
    local: Option<SocketAddr>,
    remote: Option<SocketAddr>,
    opened: Instant,
    last_activity_ms: AtomicI64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
}

/// The open debug-service connections, and the capture they feed. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct DebugConns {
    open: Arc<Mutex<HashMap<u64, Arc<ConnInfo>>>>,
    next: Arc<AtomicU64>,
    capture: Capture,
}

impl DebugConns {
    /// Connections feeding `capture`'s tap.
    pub fn new(capture: Capture) -> DebugConns {
        DebugConns {
            capture,
            ..DebugConns::default()
        }
    }

    /// The capture the connections feed.
    pub fn capture(&self) -> &Capture {
        &self.capture
    }

    /// Registers a connection whose handshake completed; the certificate names the peer.
    pub(crate) fn opened(
        &self,
        local: Option<SocketAddr>,
        remote: Option<SocketAddr>,
        peer_cert: Option<&[u8]>,
    ) -> Arc<ConnInfo> {
        let (peer, role) = match peer_cert.map(identity_from_der) {
            Some(Ok(id)) => (id.name, id.role.map(|r| r.to_string()).unwrap_or_default()),
            Some(Err(_)) => ("(unreadable certificate)".to_string(), String::new()),
            None => ("(no certificate)".to_string(), String::new()),
        };
        let info = Arc::new(ConnInfo {
            id: self.next.fetch_add(1, Ordering::Relaxed),
            peer,
            role,
            local,
            remote,
            opened: Instant::now(),
            last_activity_ms: AtomicI64::new(crate::service::unix_ms()),
            bytes_in: AtomicU64::new(0),
            bytes_out: AtomicU64::new(0),
        });
        if let Ok(mut m) = self.open.lock() {
            m.insert(info.id, info.clone());
        }
        info
    }

    pub(crate) fn closed(&self, info: &ConnInfo) {
        if let Ok(mut m) = self.open.lock() {
            m.remove(&info.id);
        }
    }

    /// Bytes read from (`inbound`) or written to the caller: counted, and tapped when a tap
    /// session runs. `seq` is the direction's TCP sequence number, advanced here.
    pub(crate) fn traffic(&self, info: &ConnInfo, inbound: bool, bytes: &[u8], seq: &mut [u32; 2]) {
        if bytes.is_empty() {
            return;
        }
        let counter = if inbound {
            &info.bytes_in
        } else {
            &info.bytes_out
        };
        counter.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        info.last_activity_ms
            .store(crate::service::unix_ms(), Ordering::Relaxed);
        let n = bytes.len() as u32;
        if self.capture.is_tapping() {
            if let (Some(local), Some(remote)) = (info.local, info.remote) {
                let (src, dst, mine, theirs) = if inbound {
                    (remote, local, seq[1], seq[0])
                } else {
                    (local, remote, seq[0], seq[1])
                };
                self.capture.tap(
                    src,
                    dst,
                    Transport::Tcp {
                        seq: mine,
                        ack: theirs,
                    },
                    bytes,
                );
            }
        }
        let i = usize::from(inbound);
        seq[i] = seq[i].wrapping_add(n);
    }

    /// The open connections as `debug-client` rows of `ListConnections`.
    pub fn list(&self) -> Vec<Connection> {
        let open: Vec<Arc<ConnInfo>> = self
            .open
            .lock()
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        let mut rows: Vec<Connection> = open
            .iter()
            .map(|c| Connection {
                kind: "debug-client".into(),
                peer: c.peer.clone(),
                peer_role: c.role.clone(),
                direction: "in".into(),
                local_addr: c.local.map(|a| a.to_string()).unwrap_or_default(),
                remote_addr: c.remote.map(|a| a.to_string()).unwrap_or_default(),
                state: "up".into(),
                bytes_sent: c.bytes_out.load(Ordering::Relaxed),
                bytes_received: c.bytes_in.load(Ordering::Relaxed),
                age_ms: u64::try_from(c.opened.elapsed().as_millis()).unwrap_or(u64::MAX),
                last_activity_unix_ms: c.last_activity_ms.load(Ordering::Relaxed),
                ..Connection::default()
            })
            .collect();
        rows.sort_by(|a, b| (&a.peer, &a.remote_addr).cmp(&(&b.peer, &b.remote_addr)));
        rows
    }
}
