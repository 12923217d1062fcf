use crate::audit::AuditLog;
use crate::error::Error;
use crate::limits::{ConnLimits, ConnSlot, Limiter};
use crate::metrics::Metrics;
use crate::net::{ConnInfo, DebugConns};
use butterfly_proto::debug::AuditRecord;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;
use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::StreamExt;
use tonic::transport::server::{Connected, TcpConnectInfo, TlsConnectInfo};

/// The `method` of the audit record of a failed TLS handshake.
pub const HANDSHAKE_METHOD: &str = "(tls-handshake)";
/// How long a client has to complete the TLS handshake: 10 seconds.
pub const DEFAULT_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Capacity (connections) of the queue between the accept loop and the gRPC server: 64.
pub const DEFAULT_CONNECTION_QUEUE: usize = 64;

/// Paths of the PEM files for the debug listener.
#[derive(Clone, Debug)]
pub struct TlsPaths {
    /// CA certificate(s) that client certificates must chain to.
    pub ca: PathBuf,
    /// The node's certificate chain.
    pub cert: PathBuf,
    /// The node's private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::ReadPem {
        what,
        path: path.to_path_buf(),
        source,
    })
}

fn invalid(what: &'static str, path: &Path, reason: impl Into<String>) -> Error {
    Error::InvalidPem {
        what,
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Reads every certificate of a PEM file; an error names the file.
pub(crate) fn load_certs(
    what: &'static str,
    path: &Path,
) -> Result<Vec<CertificateDer<'static>>, Error> {
    butterfly_proto::pem::certs(&read(what, path)?).map_err(|e| invalid(what, path, e))
}

fn load_key(path: &Path) -> Result<PrivateKeyDer<'static>, Error> {
    const WHAT: &str = "private key";
    butterfly_proto::pem::private_key(&read(WHAT, path)?).map_err(|e| invalid(WHAT, path, e))
}

/// Builds the debug listener's rustls configuration: TLS 1.3 only, ring provider, client
/// certificates required and verified against `paths.ca`, ALPN `h2`.
pub fn load_server_config(paths: &TlsPaths) -> Result<Arc<ServerConfig>, Error> {
    let ca = load_certs("CA certificate", &paths.ca)?;
    let certs = load_certs("certificate", &paths.cert)?;
    let key = load_key(&paths.key)?;
    let mut roots = RootCertStore::empty();
    for cert in ca {
        roots
            .add(cert)
            .map_err(|e| invalid("CA certificate", &paths.ca, e.to_string()))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| Error::Tls(e.to_string()))?;
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| Error::Tls(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(certs, key)
        .map_err(|e| {
            Error::Tls(format!(
                "certificate {} with key {}: {e}",
                paths.cert.display(),
                paths.key.display()
            ))
        })?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(Arc::new(config))
}

/// A TLS connection that keeps the open-connections gauge honest, is listed by
/// `ListConnections` and feeds the capture tap with its decrypted bytes.
struct Conn {
    inner: TlsStream<TcpStream>,
    metrics: Metrics,
    conns: DebugConns,
    info: Arc<ConnInfo>,
    /// TCP sequence numbers of the tap's synthetic segments: [outbound, inbound].
    seq: [u32; 2],
    /// Frees the connection's place under the limits when dropped.
    _slot: ConnSlot,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.metrics.connection_closed();
        self.conns.closed(&self.info);
    }
}

impl Connected for Conn {
    // The same type tonic uses for its own TLS streams, so `Request::peer_certs` and
    // `Request::remote_addr` work.
    type ConnectInfo = TlsConnectInfo<TcpConnectInfo>;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.inner.connect_info()
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = polled {
            let this = &mut *self;
            this.conns
                .traffic(&this.info, true, &buf.filled()[before..], &mut this.seq);
        }
        polled
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = polled {
            let this = &mut *self;
            this.conns
                .traffic(&this.info, false, &buf[..n.min(buf.len())], &mut this.seq);
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = polled {
            let this = &mut *self;
            if this.conns.capture().is_tapping() {
                // One segment for what was written, as the kernel would send it.
                let mut written = Vec::with_capacity(n);
                for b in bufs {
                    let take = (n - written.len()).min(b.len());
                    written.extend_from_slice(&b[..take]);
                    if written.len() == n {
                        break;
                    }
                }
                this.conns
                    .traffic(&this.info, false, &written, &mut this.seq);
            } else {
                let mut left = n;
                for b in bufs {
                    let take = left.min(b.len());
                    this.conns
                        .traffic(&this.info, false, &b[..take], &mut this.seq);
                    left -= take;
                    if left == 0 {
                        break;
                    }
                }
            }
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Serves `routes` on `listener` with mutual TLS until `shutdown` completes.
///
/// Each accepted connection is handshaken in its own task with `handshake_timeout`; a failed or
/// timed-out handshake is logged at `warn`, counted in `metrics`, and never stops the loop.
/// Established connections reach the gRPC server through a queue of
/// [`DEFAULT_CONNECTION_QUEUE`] connections.
pub async fn serve_mtls(
    listener: TcpListener,
    tls: Arc<ServerConfig>,
    routes: tonic::service::Routes,
    metrics: Metrics,
    handshake_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let conns = DebugConns::default();
    serve_mtls_with(
        listener,
        tls,
        routes,
        metrics,
        handshake_timeout,
        conns,
        shutdown,
    )
    .await
}

/// [`serve_mtls`], listing its connections in `conns` (and feeding `conns`' capture tap).
pub async fn serve_mtls_with(
    listener: TcpListener,
    tls: Arc<ServerConfig>,
    routes: tonic::service::Routes,
    metrics: Metrics,
    handshake_timeout: Duration,
    conns: DebugConns,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let limits = ConnLimits {
        handshake_timeout,
        ..ConnLimits::default()
    };
    serve_mtls_limited(
        listener, tls, routes, metrics, limits, conns, None, shutdown,
    )
    .await
}

/// [`serve_mtls_with`] under `limits` (handshakes in flight and established connections, in
/// total and per IP address; see [`ConnLimits`]), recording failed handshakes with the peer's
/// full address in `audit` (rate-limited per address like denials).
#[allow(clippy::too_many_arguments)]
pub async fn serve_mtls_limited(
    listener: TcpListener,
    tls: Arc<ServerConfig>,
    routes: tonic::service::Routes,
    metrics: Metrics,
    limits: ConnLimits,
    conns: DebugConns,
    audit: Option<AuditLog>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel::<Conn>(DEFAULT_CONNECTION_QUEUE);
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let acceptor = TlsAcceptor::from(tls);
    let accept_metrics = metrics.clone();
    let mut accept_stop = stop_rx.clone();
    let limiter = Limiter::new(limits);
    let handshake_timeout = limiter.handshake_timeout();
    let accept_loop = tokio::spawn(async move {
        loop {
            let accepted = tokio::select! {
                _ = accept_stop.changed() => break,
                accepted = listener.accept() => accepted,
            };
            let (tcp, peer) = match accepted {
                Ok(a) => a,
                Err(e) => {
                    // EMFILE and friends: back off briefly instead of spinning.
                    tracing::warn!(error = %e, "debug listener accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = tcp.set_nodelay(true);
            let (slot, cancelled, evicted) = limiter.start_handshake(peer.ip());
            for reason in evicted {
                accept_metrics.connection_refused(reason);
            }
            let acceptor = acceptor.clone();
            let tx = tx.clone();
            let metrics = accept_metrics.clone();
            let conns = conns.clone();
            let limiter = limiter.clone();
            let audit = audit.clone();
            let local = tcp.local_addr().ok();
            tokio::spawn(async move {
                let _slot = slot;
                let outcome = tokio::select! {
                    _ = cancelled => return,
                    r = tokio::time::timeout(handshake_timeout, acceptor.accept(tcp)) => r,
                };
                let failure = match outcome {
                    Ok(Ok(stream)) => {
                        let conn_slot = match limiter.establish(peer.ip()) {
                            Ok(s) => s,
                            Err(reason) => {
                                metrics.connection_refused(reason);
                                tracing::warn!(peer = %peer, limit = reason, "debug connection refused: over the limit");
                                return;
                            }
                        };
                        metrics.connection_opened();
                        let cert = stream
                            .get_ref()
                            .1
                            .peer_certificates()
                            .and_then(|c| c.first())
                            .map(|c| c.as_ref().to_vec());
                        let info = conns.opened(local, Some(peer), cert.as_deref());
                        let conn = Conn {
                            inner: stream,
                            metrics,
                            conns,
                            info,
                            seq: [1, 1],
                            _slot: conn_slot,
                        };
                        // Closed only when the server stopped; the connection is then dropped.
                        let _ = tx.send(conn).await;
                        return;
                    }
                    Ok(Err(e)) => {
                        tracing::warn!(peer = %peer, error = %e, "debug TLS handshake failed");
                        e.to_string()
                    }
                    Err(_) => {
                        tracing::warn!(
                            peer = %peer,
                            timeout_ms = handshake_timeout.as_millis() as u64,
                            "debug TLS handshake timed out"
                        );
                        format!("timed out after {} ms", handshake_timeout.as_millis())
                    }
                };
                metrics.handshake_failed();
                if let Some(audit) = audit {
                    // A security event: the full peer address, never masked.
                    audit.record(AuditRecord {
                        at_unix_ms: crate::service::unix_ms(),
                        method: HANDSHAKE_METHOD.into(),
                        peer_addr: peer.to_string(),
                        outcome: "handshake_failed".into(),
                        detail: failure,
                        ..AuditRecord::default()
                    });
                }
            });
        }
    });
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let incoming = ReceiverStream::new(rx).map(Ok::<_, io::Error>);
    let result = tonic::transport::Server::builder()
        .tcp_nodelay(true)
        // Dead or silent peers are found and their connections closed.
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)))
        .add_routes(routes)
        .serve_with_incoming_shutdown(incoming, async move {
            let _ = stop_rx.changed().await;
        })
        .await;
    accept_loop.abort();
    result.map_err(|e| Error::Serve {
        what: "debug",
        reason: e.to_string(),
    })
}
