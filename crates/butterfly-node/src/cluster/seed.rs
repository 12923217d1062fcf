//! Seeds known by address only. Before a node joins a seed whose id it does not know yet, it
//! opens one mutual-TLS handshake to the address and reads the answering certificate: it must
//! carry the `coordinator` role (a compute or observer node's certificate cannot act as a seed).
//! Its CN is then the seed's id, and the Join channel checks that name as for any known member
//! (the certificate must carry it as a SAN). A refused seed is logged (at `warn` once per
//! address and reason: a seed first unreachable, then answering with the wrong certificate, is
//! logged twice), recorded in the link table (`connections list`), and its membership is not merged.

use super::{lock, ClientTls};
use butterfly_proto::auth::{identity_from_der, Role};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the node learnt of its seeds: the id each address answered as, and why each refused
/// address was last refused (logged at `warn` when that changes).
#[derive(Default)]
pub(crate) struct SeedCheck {
    ids: Mutex<HashMap<String, String>>,
    refused: Mutex<HashMap<String, String>>,
}

impl SeedCheck {
    /// The id of the coordinator at `addr`: learnt earlier, or read from the certificate it
    /// answers a handshake with (within `timeout`). An error says why it is refused.
    pub(crate) async fn identify(
        &self,
        tls: &ClientTls,
        addr: &str,
        timeout: Duration,
    ) -> Result<String, String> {
        if let Some(id) = lock(&self.ids).get(addr) {
            return Ok(id.clone());
        }
        let result = tokio::time::timeout(timeout, seed_identity(tls, addr))
            .await
            .unwrap_or_else(|_| Err(format!("seed {addr}: no TLS handshake within {timeout:?}")));
        match &result {
            Ok(id) => {
                lock(&self.ids).insert(addr.to_string(), id.clone());
                lock(&self.refused).remove(addr);
            }
            Err(e) => {
                let before = lock(&self.refused).insert(addr.to_string(), e.clone());
                if before.as_ref() != Some(e) {
                    tracing::warn!(seed = addr, "seed refused: {e}");
                } else {
                    tracing::debug!(seed = addr, "seed refused: {e}");
                }
            }
        }
        result
    }

    /// Forgets what `addr` answered as (its Join failed: it may have been replaced).
    pub(crate) fn forget(&self, addr: &str) {
        lock(&self.ids).remove(addr);
    }
}

/// One handshake to `addr` with the node's certificate; the answering certificate's CN when it
/// carries the `coordinator` role.
async fn seed_identity(tls: &ClientTls, addr: &str) -> Result<String, String> {
    let mut config = crate::dataplane::client_config(&tls.ca_pem, &tls.cert_pem, &tls.key_pem)
        .map_err(|e| e.to_string())?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    let host = match addr.parse::<std::net::SocketAddr>() {
        Ok(sa) => sa.ip().to_string(),
        Err(_) => addr.rsplit_once(':').map_or(addr, |(h, _)| h).to_string(),
    };
    let name =
        rustls::pki_types::ServerName::try_from(host).map_err(|e| format!("seed {addr}: {e}"))?;
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| format!("seed {addr}: {e}"))?;
    let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| format!("seed {addr}: TLS: {e}"))?;
    let der = stream
        .get_ref()
        .1
        .peer_certificates()
        .and_then(|c| c.first())
        .ok_or_else(|| format!("seed {addr}: no certificate"))?;
    let id = identity_from_der(der.as_ref()).map_err(|e| format!("seed {addr}: {e}"))?;
    match id.role {
        Some(Role::Coordinator) => Ok(id.name),
        role => Err(format!(
            "seed {addr} answered with certificate '{}' of role '{}', not a coordinator's: not joined",
            id.name,
            role.map_or("none", |r| r.as_str())
        )),
    }
}
