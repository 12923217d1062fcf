//! Connections to nodes' debug services: mTLS material, the operator's identity, and a pool of
//! channels reused for the whole REPL session.

use crate::config::Settings;
use crate::error::{describe_chain, Error, Result};
use butterfly_proto::auth::{identity_from_der, Identity};
use butterfly_proto::debug::debug_service_client::DebugServiceClient;
use butterfly_proto::pem;
use rustls::pki_types::ServerName;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};

/// A client of one node's debug service; every call carries the console audit record it acts
/// for (see [`set_console_record`]).
pub type DebugClient = DebugServiceClient<InterceptedService<Channel, ConsoleRecordFn>>;

/// The interceptor adding `x-butterfly-console-record` to every call.
pub type ConsoleRecordFn =
    fn(tonic::Request<()>) -> std::result::Result<tonic::Request<()>, tonic::Status>;

/// The console audit record (`CHAIN/SEQ/HASH`) of the command running now.
static CONSOLE_RECORD: std::sync::RwLock<
    Option<tonic::metadata::MetadataValue<tonic::metadata::Ascii>>,
> = std::sync::RwLock::new(None);

/// Sets (or clears) the console audit record the calls made from now on act for; each node
/// keeps it in its own audit trail, the anchor `audit verify --against-nodes` checks against.
pub fn set_console_record(anchor: Option<&str>) {
    let value = anchor.and_then(|a| a.parse().ok());
    if let Ok(mut slot) = CONSOLE_RECORD.write() {
        *slot = value;
    }
}

/// Most nodes a command's result record is anchored on: 4 (one surviving copy is enough to
/// notice the record's removal).
pub const MAX_RESULT_ANCHORS: usize = 4;

/// Nodes a client was made for while a console record was set (the current command's), in
/// first-use order, at most [`MAX_RESULT_ANCHORS`].
static TOUCHED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn touch(addr: &str) {
    let recording = CONSOLE_RECORD.read().is_ok_and(|s| s.is_some());
    if let (true, Ok(mut t)) = (recording, TOUCHED.lock()) {
        if t.len() < MAX_RESULT_ANCHORS && !t.iter().any(|a| a == addr) {
            t.push(addr.to_string());
        }
    }
}

/// The nodes the current command reached (see [`touch`]), forgetting them.
pub fn take_touched() -> Vec<String> {
    TOUCHED
        .lock()
        .map(|mut t| std::mem::take(&mut *t))
        .unwrap_or_default()
}

/// Anchors `anchor` (`CHAIN/SEQ/HASH` of a record written after the command's calls, its
/// result) on `nodes`: one audited `AnchorConsoleRecord` call each, at most `timeout` in all.
/// Best effort: a node that cannot be reached keeps the intent's anchor only.
pub async fn anchor_on(pool: &Pool, nodes: &[String], anchor: &str, timeout: Duration) -> usize {
    let Ok(value) = anchor.parse::<tonic::metadata::MetadataValue<tonic::metadata::Ascii>>() else {
        return 0;
    };
    let calls = nodes.iter().map(|addr| {
        let value = value.clone();
        async move {
            let mut c = pool.client_untouched(addr).await.ok()?;
            let mut req =
                tonic::Request::new(butterfly_proto::debug::AnchorConsoleRecordRequest {});
            req.metadata_mut()
                .insert(butterfly_proto::CONSOLE_RECORD_HEADER, value);
            c.anchor_console_record(req).await.ok()
        }
    });
    tokio::time::timeout(timeout, futures::future::join_all(calls))
        .await
        .map(|r| r.iter().filter(|x| x.is_some()).count())
        .unwrap_or(0)
}

fn add_console_record(
    mut req: tonic::Request<()>,
) -> std::result::Result<tonic::Request<()>, tonic::Status> {
    if let Some(v) = CONSOLE_RECORD.read().ok().and_then(|s| s.clone()) {
        req.metadata_mut()
            .insert(butterfly_proto::CONSOLE_RECORD_HEADER, v);
    }
    Ok(req)
}

fn client_of(channel: Channel) -> DebugClient {
    DebugServiceClient::with_interceptor(channel, add_console_record as ConsoleRecordFn)
}

/// The operator's TLS material, loaded once: one rustls client configuration (TLS 1.3 only,
/// ALPN h2, no session resumption: every connection proves the certificate afresh) shared by
/// every connection.
#[derive(Clone)]
pub struct TlsMaterial {
    config: Arc<rustls::ClientConfig>,
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

/// Reads the holder identity from a PEM certificate file (its first certificate).
pub fn read_identity(path: &Path) -> Result<Identity> {
    let chain = pem::read_certs(path).map_err(Error::Tls)?;
    identity_from_der(&chain[0]).map_err(|e| Error::Tls(format!("{}: {e}", path.display())))
}

impl TlsMaterial {
    /// Loads the CA, certificate and key named by `settings`; every problem names its file.
    pub fn load(settings: &Settings) -> Result<TlsMaterial> {
        let ca_path = need("CA certificate", "ca", &settings.ca)?;
        let cert_path = need("client certificate", "cert", &settings.cert)?;
        let key_path = need("client key", "key", &settings.key)?;
        Self::from_files(ca_path, cert_path, key_path)
    }

    /// Loads the CA, certificate and key from these files; every problem names its file.
    pub fn from_files(ca_path: &Path, cert_path: &Path, key_path: &Path) -> Result<TlsMaterial> {
        let mut roots = rustls::RootCertStore::empty();
        for der in pem::read_certs(ca_path).map_err(Error::Tls)? {
            roots.add(der).map_err(|e| {
                Error::Tls(format!(
                    "{}: unusable CA certificate ({e})",
                    ca_path.display()
                ))
            })?;
        }
        let identity = read_identity(cert_path)?;
        let chain = pem::read_certs(cert_path).map_err(Error::Tls)?;
        let key = pem::read_private_key(key_path).map_err(Error::Tls)?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .map_err(|e| Error::Tls(e.to_string()))?
            .with_root_certificates(roots)
            .with_client_auth_cert(chain, key)
            .map_err(|e| {
                Error::Tls(format!(
                    "{} and {} do not make a usable identity ({e})",
                    cert_path.display(),
                    key_path.display()
                ))
            })?;
        config.alpn_protocols = vec![b"h2".to_vec()];
        config.resumption = rustls::client::Resumption::disabled();
        Ok(TlsMaterial {
            config: Arc::new(config),
            identity,
        })
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
    /// The node is remembered as reached by the current command (see [`take_touched`]).
    pub async fn client(&self, addr: &str) -> Result<DebugClient> {
        touch(addr);
        self.client_untouched(addr).await
    }

    async fn client_untouched(&self, addr: &str) -> Result<DebugClient> {
        if let Some(ch) = self.cached(addr) {
            return Ok(client_of(ch));
        }
        let endpoint = Endpoint::from_shared(format!("http://{addr}"))
            .map_err(|e| Error::Usage(format!("'{addr}' is not a HOST:PORT address ({e})")))?
            .connect_timeout(self.timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_while_idle(false);
        let connector = tokio_rustls::TlsConnector::from(self.tls.config.clone());
        let channel = endpoint
            .connect_with_connector(tower::service_fn(move |uri: http::Uri| {
                let connector = connector.clone();
                async move {
                    let host = uri
                        .host()
                        .unwrap_or_default()
                        .trim_start_matches('[')
                        .trim_end_matches(']');
                    let port = uri.port_u16().unwrap_or(443);
                    let tcp = tokio::net::TcpStream::connect((host, port)).await?;
                    tcp.set_nodelay(true)?;
                    let name = ServerName::try_from(host.to_string())
                        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
                    let tls = connector.connect(name, tcp).await?;
                    Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(tls))
                }
            }))
            .await
            .map_err(|e| Error::Unreachable {
                node: addr.to_string(),
                message: crate::error::explain_connect_error(&describe_chain(&e)),
            })?;
        if let Ok(mut map) = self.channels.lock() {
            map.insert(addr.to_string(), channel.clone());
        }
        Ok(client_of(channel))
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
