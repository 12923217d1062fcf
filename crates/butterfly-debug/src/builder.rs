use crate::audit::{AuditLog, AuditWriter, DEFAULT_AUDIT_CHANNEL, DEFAULT_AUDIT_MEMORY};
use crate::capture::Capture;
use crate::error::Error;
use crate::http::http_router;
use crate::http_serve::{serve_http, HttpLimits};
use crate::limits::ConnLimits;
use crate::metrics::Metrics;
use crate::net::DebugConns;
use crate::service::{DebugServer, NodeHandle};
use crate::tls::{load_server_config, serve_mtls_limited, TlsPaths, DEFAULT_HANDSHAKE_TIMEOUT};
use butterfly_proto::debug::debug_service_server::DebugServiceServer;
use rustls::ServerConfig;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Default debug-service (mTLS gRPC) address: `127.0.0.1:7400`.
pub const DEFAULT_DEBUG_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 7400);
/// Default plain-HTTP address for `/health/*` and `/metrics`: `127.0.0.1:7401`.
pub const DEFAULT_HTTP_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 7401);
/// Worker threads of the dedicated runtime started by [`Builder::spawn`]: 1.
pub const DEFAULT_RUNTIME_THREADS: usize = 1;

#[derive(Clone)]
enum TlsSource {
    Paths(TlsPaths),
    Config(Arc<ServerConfig>),
}

/// Configures the debug service. Every setting has a documented default; only TLS material is
/// required to serve.
pub struct Builder<H> {
    handle: Arc<H>,
    debug_addr: SocketAddr,
    http_addr: Option<SocketAddr>,
    tls: Option<TlsSource>,
    audit_path: Option<PathBuf>,
    audit_memory: usize,
    audit_channel: usize,
    audit: Option<AuditLog>,
    metrics: Option<Metrics>,
    handshake_timeout: Duration,
    runtime_threads: usize,
    extra_http: Option<axum::Router>,
    capture: Option<Capture>,
    conn_limits: ConnLimits,
    http_limits: HttpLimits,
}

impl<H: NodeHandle> Builder<H> {
    /// A builder serving data from `handle`.
    pub fn new(handle: H) -> Self {
        Self::from_arc(Arc::new(handle))
    }

    /// A builder serving data from a shared `handle`.
    pub fn from_arc(handle: Arc<H>) -> Self {
        Self {
            handle,
            debug_addr: DEFAULT_DEBUG_ADDR,
            http_addr: Some(DEFAULT_HTTP_ADDR),
            tls: None,
            audit_path: None,
            audit_memory: DEFAULT_AUDIT_MEMORY,
            audit_channel: DEFAULT_AUDIT_CHANNEL,
            audit: None,
            metrics: None,
            handshake_timeout: DEFAULT_HANDSHAKE_TIMEOUT,
            runtime_threads: DEFAULT_RUNTIME_THREADS,
            extra_http: None,
            capture: None,
            conn_limits: ConnLimits::default(),
            http_limits: HttpLimits::default(),
        }
    }

    /// The packet-capture facility the service's capture RPCs drive and its connections tap;
    /// default a fresh [`Capture`] (give the node's own to tap its data plane too).
    pub fn capture(mut self, capture: Capture) -> Self {
        self.capture = Some(capture);
        self
    }

    /// Extra routes served on the HTTP address beside `/health/*` and `/metrics` (e.g. a
    /// coordinator's `POST /v1/infer`); default none.
    pub fn http_routes(mut self, routes: axum::Router) -> Self {
        self.extra_http = Some(routes);
        self
    }

    /// mTLS gRPC address; default [`DEFAULT_DEBUG_ADDR`]. Port 0 binds an ephemeral port.
    pub fn debug_addr(mut self, addr: SocketAddr) -> Self {
        self.debug_addr = addr;
        self
    }

    /// Plain-HTTP address; default [`DEFAULT_HTTP_ADDR`]. `None` serves no HTTP (the router is
    /// still available from [`Builder::build`]).
    pub fn http_addr(mut self, addr: impl Into<Option<SocketAddr>>) -> Self {
        self.http_addr = addr.into();
        self
    }

    /// PEM files for the debug listener (read when building).
    pub fn tls(mut self, paths: TlsPaths) -> Self {
        self.tls = Some(TlsSource::Paths(paths));
        self
    }

    /// A ready rustls configuration (e.g. from [`crate::load_server_config`], shared by many
    /// virtual nodes).
    pub fn tls_config(mut self, config: Arc<ServerConfig>) -> Self {
        self.tls = Some(TlsSource::Config(config));
        self
    }

    /// Also append the audit log to this file as JSON lines; default none (memory only).
    pub fn audit_log(mut self, path: impl Into<PathBuf>) -> Self {
        self.audit_path = Some(path.into());
        self
    }

    /// How many newest audit records stay in memory; default [`DEFAULT_AUDIT_MEMORY`].
    pub fn audit_memory(mut self, records: usize) -> Self {
        self.audit_memory = records;
        self
    }

    /// Capacity of the audit writer's channel; default [`DEFAULT_AUDIT_CHANNEL`].
    pub fn audit_channel(mut self, records: usize) -> Self {
        self.audit_channel = records;
        self
    }

    /// Use an existing audit log (shared with other services); overrides [`Builder::audit_log`].
    pub fn shared_audit(mut self, audit: AuditLog) -> Self {
        self.audit = Some(audit);
        self
    }

    /// Use existing metrics (and their registry); default a fresh [`Metrics::new`].
    pub fn metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// TLS handshake timeout; default [`DEFAULT_HANDSHAKE_TIMEOUT`].
    pub fn handshake_timeout(mut self, timeout: Duration) -> Self {
        self.handshake_timeout = timeout;
        self
    }

    /// Limits of the debug port (handshakes and connections, total and per IP address); default
    /// [`ConnLimits::default`]. Its handshake timeout is overridden by
    /// [`Builder::handshake_timeout`].
    pub fn conn_limits(mut self, limits: ConnLimits) -> Self {
        self.conn_limits = limits;
        self
    }

    /// Limits of the HTTP listener (header-read and idle timeouts, connections); default
    /// [`HttpLimits::default`].
    pub fn http_limits(mut self, limits: HttpLimits) -> Self {
        self.http_limits = limits;
        self
    }

    /// Worker threads of the runtime started by [`Builder::spawn`]; default
    /// [`DEFAULT_RUNTIME_THREADS`].
    pub fn runtime_threads(mut self, threads: usize) -> Self {
        self.runtime_threads = threads.max(1);
        self
    }

    /// Builds the services without binding anything. TLS is optional here: a host mounting the
    /// routes on its own TLS server needs none.
    pub fn build(self) -> Result<Parts, Error> {
        let metrics = self.metrics.unwrap_or_default();
        let (audit, audit_writer) = match (self.audit, &self.audit_path) {
            (Some(audit), _) => (audit, None),
            (None, Some(path)) => {
                let (log, writer) = AuditLog::with_file(
                    path,
                    self.audit_memory,
                    self.audit_channel,
                    metrics.clone(),
                )?;
                (log, Some(writer))
            }
            (None, None) => (
                AuditLog::memory_only(self.audit_memory, metrics.clone()),
                None,
            ),
        };
        let tls = match self.tls {
            None => None,
            Some(TlsSource::Config(c)) => Some(c),
            Some(TlsSource::Paths(p)) => Some(load_server_config(&p)?),
        };
        let conns = DebugConns::new(self.capture.unwrap_or_default());
        let debug = DebugServiceServer::new(
            DebugServer::new(self.handle.clone(), audit.clone(), metrics.clone())
                .with_conns(conns.clone()),
        );
        let (reporter, health) = tonic_health::server::health_reporter();
        // Uncontended lock on a fresh reporter: completes at the first poll. `unconstrained`
        // keeps tokio's cooperative budget (when called inside a runtime task) from turning it
        // into an endless Pending under a foreign executor.
        futures::executor::block_on(tokio::task::unconstrained(reporter.set_service_status(
            butterfly_proto::SERVICE_NAME,
            tonic_health::ServingStatus::Serving,
        )));
        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(butterfly_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1()
            .map_err(|e| Error::Reflection(e.to_string()))?;
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(butterfly_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1alpha()
            .map_err(|e| Error::Reflection(e.to_string()))?;
        let grpc = tonic::service::Routes::new(debug)
            .add_service(health)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha);
        let mut http = http_router(self.handle, metrics.clone());
        if let Some(extra) = self.extra_http {
            http = http.merge(extra);
        }
        Ok(Parts {
            grpc,
            http,
            tls,
            audit,
            audit_writer,
            metrics,
            conns,
            debug_addr: self.debug_addr,
            http_addr: self.http_addr,
            conn_limits: ConnLimits {
                handshake_timeout: self.handshake_timeout,
                ..self.conn_limits
            },
            http_limits: self.http_limits,
        })
    }

    /// Builds and binds the listeners on the current runtime. Requires TLS material.
    pub async fn bind(self) -> Result<Bound, Error> {
        self.build()?.bind().await
    }

    /// Binds and serves on the current runtime until the task is dropped or a server fails.
    pub async fn serve(self) -> Result<(), Error> {
        self.bind().await?.serve(std::future::pending()).await
    }

    /// Starts a dedicated thread with its own runtime, binds there and serves until
    /// [`DebugHandle::shutdown`] or the handle is dropped. Blocks only until the listeners are
    /// bound (or failed to bind).
    pub fn spawn(self) -> Result<DebugHandle, Error> {
        let threads = self.runtime_threads;
        let parts = self.build()?;
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let metrics = parts.metrics.clone();
        let audit = parts.audit.clone();
        let thread = std::thread::Builder::new()
            .name("butterfly-debug".to_string())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(threads)
                    .thread_name("butterfly-debug")
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = addr_tx.send(Err(Error::Runtime(e)));
                        return Ok(());
                    }
                };
                runtime.block_on(async move {
                    let bound = match parts.bind().await {
                        Ok(b) => b,
                        Err(e) => {
                            let _ = addr_tx.send(Err(e));
                            return Ok(());
                        }
                    };
                    let _ = addr_tx.send(Ok((bound.debug_addr, bound.http_addr)));
                    bound
                        .serve(async move {
                            let _ = stop_rx.await;
                        })
                        .await
                })
            })
            .map_err(Error::Runtime)?;
        let addrs = addr_rx.recv().map_err(|_| Error::Serve {
            what: "debug",
            reason: "debug thread ended before binding".to_string(),
        });
        let (debug_addr, http_addr) = match addrs {
            Ok(Ok(a)) => a,
            Ok(Err(e)) | Err(e) => {
                let _ = thread.join();
                return Err(e);
            }
        };
        Ok(DebugHandle {
            debug_addr,
            http_addr,
            metrics,
            audit,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

/// The built services, for hosts that mount them on their own servers.
pub struct Parts {
    grpc: tonic::service::Routes,
    http: axum::Router,
    tls: Option<Arc<ServerConfig>>,
    audit: AuditLog,
    audit_writer: Option<AuditWriter>,
    metrics: Metrics,
    conns: DebugConns,
    debug_addr: SocketAddr,
    http_addr: Option<SocketAddr>,
    conn_limits: ConnLimits,
    http_limits: HttpLimits,
}

impl Parts {
    /// The gRPC routes (DebugService, `grpc.health.v1`, reflection v1 and v1alpha; serve them
    /// with mutual TLS, e.g. via [`crate::serve_mtls`]), the HTTP router, the rustls
    /// configuration (when TLS was configured) and the audit writer to spawn (when an audit file
    /// was configured).
    pub fn into_parts(
        self,
    ) -> (
        tonic::service::Routes,
        axum::Router,
        Option<Arc<ServerConfig>>,
        Option<AuditWriter>,
    ) {
        (self.grpc, self.http, self.tls, self.audit_writer)
    }

    /// The audit log the service writes into.
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    /// The metrics the service counts into.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The debug-service connections (listed by `ListConnections`) and the capture they tap.
    pub fn conns(&self) -> &DebugConns {
        &self.conns
    }

    /// Binds the configured addresses on the current runtime.
    pub async fn bind(self) -> Result<Bound, Error> {
        if self.tls.is_none() {
            return Err(Error::NoTls);
        }
        let debug_listener =
            TcpListener::bind(self.debug_addr)
                .await
                .map_err(|source| Error::Bind {
                    what: "debug",
                    addr: self.debug_addr,
                    source,
                })?;
        let debug_addr = debug_listener.local_addr().map_err(|source| Error::Bind {
            what: "debug",
            addr: self.debug_addr,
            source,
        })?;
        let (http_listener, http_addr) = match self.http_addr {
            None => (None, None),
            Some(addr) => {
                let l = TcpListener::bind(addr)
                    .await
                    .map_err(|source| Error::Bind {
                        what: "http",
                        addr,
                        source,
                    })?;
                let bound = l.local_addr().map_err(|source| Error::Bind {
                    what: "http",
                    addr,
                    source,
                })?;
                (Some(l), Some(bound))
            }
        };
        self.conns.capture().add_port(debug_addr.port());
        if let Some(a) = http_addr {
            self.conns.capture().add_port(a.port());
        }
        Ok(Bound {
            parts: self,
            debug_listener,
            http_listener,
            debug_addr,
            http_addr,
        })
    }
}

/// Listeners bound, not yet serving.
pub struct Bound {
    parts: Parts,
    debug_listener: TcpListener,
    http_listener: Option<TcpListener>,
    debug_addr: SocketAddr,
    http_addr: Option<SocketAddr>,
}

impl Bound {
    /// The bound debug-service address (the real port when 0 was asked for).
    pub fn debug_addr(&self) -> SocketAddr {
        self.debug_addr
    }

    /// The bound HTTP address, when HTTP is served.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http_addr
    }

    /// The audit log the service writes into.
    pub fn audit(&self) -> &AuditLog {
        &self.parts.audit
    }

    /// Serves both listeners until `shutdown` completes, then stops gracefully.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let Bound {
            parts,
            debug_listener,
            http_listener,
            ..
        } = self;
        let Some(tls) = parts.tls else {
            return Err(Error::NoTls);
        };
        if let Some(writer) = parts.audit_writer {
            tokio::spawn(writer.run());
        }
        let (stop_tx, stop_rx) = watch::channel(false);
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop_tx.send(true);
        });
        let wait = |mut rx: watch::Receiver<bool>| async move {
            let _ = rx.wait_for(|stop| *stop).await;
        };
        let http_metrics = parts.metrics.clone();
        let debug = serve_mtls_limited(
            debug_listener,
            tls,
            parts.grpc,
            parts.metrics,
            parts.conn_limits,
            parts.conns,
            Some(parts.audit),
            wait(stop_rx.clone()),
        );
        let http_limits = parts.http_limits;
        let http_router = parts.http;
        let http_stop = wait(stop_rx);
        let http = async move {
            match http_listener {
                None => Ok(()),
                Some(listener) => serve_http(
                    listener,
                    http_router,
                    http_limits,
                    Some(http_metrics),
                    http_stop,
                )
                .await
                .map_err(|e| Error::Serve {
                    what: "http",
                    reason: e.to_string(),
                }),
            }
        };
        tokio::try_join!(debug, http).map(|_| ())
    }
}

/// A debug service running on its own thread and runtime ([`Builder::spawn`]). Dropping it asks
/// the service to stop without waiting.
pub struct DebugHandle {
    debug_addr: SocketAddr,
    http_addr: Option<SocketAddr>,
    metrics: Metrics,
    audit: AuditLog,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), Error>>>,
}

impl DebugHandle {
    /// The bound debug-service address.
    pub fn debug_addr(&self) -> SocketAddr {
        self.debug_addr
    }

    /// The bound HTTP address, when HTTP is served.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http_addr
    }

    /// The service's metrics (register host metrics into [`Metrics::registry`]).
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The service's audit log.
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    /// Stops the service gracefully and waits for its thread (blocking; call it outside async
    /// code or from `spawn_blocking`).
    pub fn shutdown(mut self) -> Result<(), Error> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            None => Ok(()),
            Some(t) => t.join().unwrap_or_else(|_| {
                Err(Error::Serve {
                    what: "debug",
                    reason: "debug thread panicked".to_string(),
                })
            }),
        }
    }
}

impl Drop for DebugHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
