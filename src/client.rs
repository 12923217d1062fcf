//! Connections to nodes' debug services: mTLS material, the operator's identity, and a pool of
//! channels reused for the whole REPL session.

use crate::config::Settings;
use crate::error::{describe_chain, Error, Result};
use butterfly_proto::auth::{identity_from_der, Identity};
use butterfly_proto::debug::debug_service_client::DebugServiceClient;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity as TlsIdentity};

/// A client of one node's debug service.
pub type DebugClient = DebugServiceClient<Channel>;

/// The operator's TLS material, loaded once.
#[derive(Clone)]
pub struct TlsMaterial {
    config: ClientTlsConfig,
    /// Who the operator certificate says we are.
    pub identity: Identity,
}

impl std::fmt::Debug for TlsMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsMaterial")
            .field("identity", &self.identity)
            .finish()
    }
}

fn need<'a>(what: &str, flag: &str, path: &'a Option<PathBuf>) -> Result<&'a Path> {
    path.as_deref().ok_or_else(|| {
        Error::Config(format!(
            "no {what}: pass --{flag}, set BUTTERFLY_{}, or add `{flag} = \"...\"` to the profile \
             (`butterfly-cli demo up` writes a ready-made `demo` profile)",
            flag.to_uppercase()
        ))
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads the holder identity from a PEM certificate file.
pub fn read_identity(path: &Path) -> Result<Identity> {
    let pem = read(path)?;
    let der = CertificateDer::from_pem_slice(&pem)
        .map_err(|e| Error::Tls(format!("{}: not a PEM certificate ({e})", path.display())))?;
    identity_from_der(&der).map_err(|e| Error::Tls(format!("{}: {e}", path.display())))
}

impl TlsMaterial {
    /// Loads the CA, certificate and key named by `settings`; every problem names its file.
    pub fn load(settings: &Settings) -> Result<TlsMaterial> {
        let ca_path = need("CA certificate", "ca", &settings.ca)?;
        let cert_path = need("client certificate", "cert", &settings.cert)?;
        let key_path = need("client key", "key", &settings.key)?;
        let ca = read(ca_path)?;
        CertificateDer::from_pem_slice(&ca).map_err(|e| {
            Error::Tls(format!(
                "{}: not a PEM certificate ({e})",
                ca_path.display()
            ))
        })?;
        let cert = read(cert_path)?;
        let identity = read_identity(cert_path)?;
        let key = read(key_path)?;
        rustls::pki_types::PrivateKeyDer::from_pem_slice(&key).map_err(|e| {
            Error::Tls(format!(
                "{}: not a PEM private key ({e})",
                key_path.display()
            ))
        })?;
        let config = ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(ca))
            .identity(TlsIdentity::from_pem(cert, key));
        Ok(TlsMaterial { config, identity })
    }
}

/// Channels to nodes, keyed by address, reused across commands of a session.
#[derive(Debug)]
pub struct Pool {
    tls: TlsMaterial,
    timeout: Duration,
    channels: Mutex<HashMap<String, Channel>>,
}

impl Pool {
    /// A pool whose connections use `tls` and give up connecting after `timeout`.
    pub fn new(tls: TlsMaterial, timeout: Duration) -> Pool {
        Pool {
            tls,
            timeout,
            channels: Mutex::new(HashMap::new()),
        }
    }

    /// The operator identity of this pool's certificate.
    pub fn identity(&self) -> &Identity {
        &self.tls.identity
    }

    /// A client for the node at `addr` (HOST:PORT), connecting when no pooled channel exists.
    pub async fn client(&self, addr: &str) -> Result<DebugClient> {
        if let Some(ch) = self.cached(addr) {
            return Ok(DebugServiceClient::new(ch));
        }
        let endpoint = Endpoint::from_shared(format!("https://{addr}"))
            .map_err(|e| Error::Usage(format!("'{addr}' is not a HOST:PORT address ({e})")))?
            .tls_config(self.tls.config.clone())
            .map_err(|e| Error::Tls(describe_chain(&e)))?
            .connect_timeout(self.timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_while_idle(false);
        let channel = endpoint.connect().await.map_err(|e| Error::Unreachable {
            node: addr.to_string(),
            message: describe_chain(&e),
        })?;
        if let Ok(mut map) = self.channels.lock() {
            map.insert(addr.to_string(), channel.clone());
        }
        Ok(DebugServiceClient::new(channel))
    }

    fn cached(&self, addr: &str) -> Option<Channel> {
        self.channels.lock().ok()?.get(addr).cloned()
    }

    /// Forgets the channel to `addr` (after an error, so the next call reconnects).
    pub fn evict(&self, addr: &str) {
        if let Ok(mut map) = self.channels.lock() {
            map.remove(addr);
        }
    }

    /// How many channels are pooled.
    pub fn len(&self) -> usize {
        self.channels.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether no channel is pooled.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
