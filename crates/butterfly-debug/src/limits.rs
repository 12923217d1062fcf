//! Connection limits of the debug port: TLS handshakes in flight and established connections,
//! in total and per peer IP address.
//!
//! A handshake over a limit evicts the **oldest** pending handshake (of the same address for the
//! per-address limit, of any for the total), so a flood of idle sockets cannot lock out a real
//! client that completes its handshake in milliseconds. An established connection over a limit
//! is closed at once.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::oneshot;

/// Default most TLS handshakes in flight on a debug port: 128.
pub const DEFAULT_MAX_HANDSHAKES: usize = 128;
/// Default most TLS handshakes in flight from one IP address: 32.
pub const DEFAULT_MAX_HANDSHAKES_PER_PEER: usize = 32;
/// Default most established debug connections: 1024.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
/// Default most established debug connections from one IP address: 256 (a test cluster on one
/// host shares 127.0.0.1).
pub const DEFAULT_MAX_CONNECTIONS_PER_PEER: usize = 256;

/// Limits of a debug listener. Every field has a documented default ([`ConnLimits::default`]).
#[derive(Clone, Debug)]
pub struct ConnLimits {
    /// TLS handshakes in flight; default [`DEFAULT_MAX_HANDSHAKES`].
    pub max_handshakes: usize,
    /// TLS handshakes in flight per IP address; default [`DEFAULT_MAX_HANDSHAKES_PER_PEER`].
    pub max_handshakes_per_peer: usize,
    /// Established connections; default [`DEFAULT_MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// Established connections per IP address; default [`DEFAULT_MAX_CONNECTIONS_PER_PEER`].
    pub max_connections_per_peer: usize,
    /// Time a client has to complete its handshake; default
    /// [`crate::DEFAULT_HANDSHAKE_TIMEOUT`].
    pub handshake_timeout: Duration,
}

impl Default for ConnLimits {
    fn default() -> Self {
        ConnLimits {
            max_handshakes: DEFAULT_MAX_HANDSHAKES,
            max_handshakes_per_peer: DEFAULT_MAX_HANDSHAKES_PER_PEER,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_connections_per_peer: DEFAULT_MAX_CONNECTIONS_PER_PEER,
            handshake_timeout: crate::tls::DEFAULT_HANDSHAKE_TIMEOUT,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    next: u64,
    /// Pending handshakes, oldest first: dropping the sender cancels the handshake.
    pending: BTreeMap<u64, (IpAddr, oneshot::Sender<()>)>,
    pending_per_ip: HashMap<IpAddr, usize>,
    established: usize,
    established_per_ip: HashMap<IpAddr, usize>,
}

/// The shared state of one listener's limits. Cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct Limiter {
    limits: ConnLimits,
    state: Arc<Mutex<State>>,
}

/// A pending handshake's slot: frees itself when dropped.
pub(crate) struct HandshakeSlot {
    state: Arc<Mutex<State>>,
    id: u64,
}

/// An established connection's slot: frees itself when dropped.
#[derive(Debug)]
pub(crate) struct ConnSlot {
    state: Arc<Mutex<State>>,
    ip: IpAddr,
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn dec(map: &mut HashMap<IpAddr, usize>, ip: &IpAddr) {
    if let Some(n) = map.get_mut(ip) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            map.remove(ip);
        }
    }
}

impl Limiter {
    pub(crate) fn new(limits: ConnLimits) -> Limiter {
        Limiter {
            limits,
            state: Arc::default(),
        }
    }

    pub(crate) fn handshake_timeout(&self) -> Duration {
        self.limits.handshake_timeout
    }

    /// Registers a handshake from `ip`; returns its slot, the receiver that fires when it is
    /// evicted, and the reasons of the handshakes it evicted (to count).
    pub(crate) fn start_handshake(
        &self,
        ip: IpAddr,
    ) -> (HandshakeSlot, oneshot::Receiver<()>, Vec<&'static str>) {
        let mut s = lock(&self.state);
        let mut evicted = Vec::new();
        if s.pending_per_ip.get(&ip).copied().unwrap_or(0) >= self.limits.max_handshakes_per_peer {
            let oldest = s
                .pending
                .iter()
                .find(|(_, (p, _))| *p == ip)
                .map(|(id, _)| *id);
            if let Some(id) = oldest {
                s.pending.remove(&id);
                dec(&mut s.pending_per_ip, &ip);
                evicted.push("handshakes_per_peer");
            }
        }
        if s.pending.len() >= self.limits.max_handshakes.max(1) {
            if let Some((_, (old_ip, _))) = s.pending.pop_first() {
                dec(&mut s.pending_per_ip, &old_ip);
                evicted.push("handshakes");
            }
        }
        let id = s.next;
        s.next += 1;
        let (tx, rx) = oneshot::channel();
        s.pending.insert(id, (ip, tx));
        *s.pending_per_ip.entry(ip).or_insert(0) += 1;
        (
            HandshakeSlot {
                state: self.state.clone(),
                id,
            },
            rx,
            evicted,
        )
    }

    /// Takes an established-connection slot for `ip`, or names the limit that refuses it.
    pub(crate) fn establish(&self, ip: IpAddr) -> Result<ConnSlot, &'static str> {
        let mut s = lock(&self.state);
        if s.established >= self.limits.max_connections {
            return Err("connections");
        }
        let per = s.established_per_ip.entry(ip).or_insert(0);
        if *per >= self.limits.max_connections_per_peer {
            return Err("connections_per_peer");
        }
        *per += 1;
        s.established += 1;
        Ok(ConnSlot {
            state: self.state.clone(),
            ip,
        })
    }
}

impl Drop for HandshakeSlot {
    fn drop(&mut self) {
        let mut s = lock(&self.state);
        if let Some((ip, _)) = s.pending.remove(&self.id) {
            dec(&mut s.pending_per_ip, &ip);
        }
    }
}

impl Drop for ConnSlot {
    fn drop(&mut self) {
        let mut s = lock(&self.state);
        s.established = s.established.saturating_sub(1);
        dec(&mut s.established_per_ip, &self.ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oldest_handshake_of_the_address_is_evicted_and_slots_free_themselves() {
        let l = Limiter::new(ConnLimits {
            max_handshakes: 3,
            max_handshakes_per_peer: 2,
            max_connections: 1,
            ..ConnLimits::default()
        });
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let (_s1, mut r1, e) = l.start_handshake(a);
        assert!(e.is_empty());
        let (_s2, mut r2, _) = l.start_handshake(a);
        let (_s3, _r3, e) = l.start_handshake(a);
        assert_eq!(e, vec!["handshakes_per_peer"]);
        use tokio::sync::oneshot::error::TryRecvError;
        assert_eq!(
            r1.try_recv(),
            Err(TryRecvError::Closed),
            "oldest of a cancelled"
        );
        let (s4, _r4, e) = l.start_handshake(b);
        assert!(e.is_empty(), "3 pending: a, a, b");
        let (_s5, _r5, e) = l.start_handshake(b);
        assert_eq!(e, vec!["handshakes"]);
        assert_eq!(
            r2.try_recv(),
            Err(TryRecvError::Closed),
            "oldest of all cancelled"
        );
        drop(s4);
        let c = l.establish(a).unwrap();
        assert_eq!(l.establish(b).unwrap_err(), "connections");
        drop(c);
        assert!(l.establish(b).is_ok());
    }
}
