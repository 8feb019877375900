//! Members score on their own devices through the secretary's PC (issue 17, docs/lan.md): a small
//! HTTP server on the address the secretary picks, one link per scoring member whose key stays in
//! the URL fragment, every request signed (HMAC-SHA256 with a counter), every change through the
//! store's own functions on one writer thread.

pub mod auth;
mod conn;
mod http;
mod page;
mod rate;
mod state;
mod writer;

use crate::store::{LanLink, Store, StoreError};
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::{oneshot, watch};

pub use writer::{Stats, Tried, device_actor};

/// The address used when none is given: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8765";

#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    /// Who issues links and revokes devices, for the audit log.
    pub secretary: String,
    pub body_bytes: usize,
    pub request_timeout: Duration,
    pub rate_per_second: f64,
    pub burst: f64,
    /// How long a request's line and headers (or the next request on an idle connection) may take.
    pub header_timeout: Duration,
    /// Connections open at once, in all and from one address.
    pub max_connections: usize,
    pub connections_per_address: usize,
}

impl Config {
    pub fn new(listen: SocketAddr, secretary: &str) -> Config {
        Config {
            listen,
            secretary: secretary.to_string(),
            // A comment of a few thousand characters fits; nothing a member sends is larger.
            body_bytes: 16 * 1024,
            request_timeout: Duration::from_secs(10),
            // A member clicks a few times a second at most; a page load is four requests.
            rate_per_second: 20.0,
            burst: 60.0,
            // A phone on a weak Wi-Fi sends a request's head in well under a second.
            header_timeout: Duration::from_secs(10),
            // A browser opens at most six connections to a server; a room has a few dozen devices.
            max_connections: 512,
            connections_per_address: 16,
        }
    }
}

/// Why the server did not start. Its words are in `crate::lang` (`Say`); `Display` is the
/// Vietnamese sentence the command line prints.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Another program (or another server of this app) listens there already.
    #[error("{}", crate::lang::vi::start_error(self))]
    InUse { addr: SocketAddr },
    /// The address is not one of this machine's (another PC's, or a network left since).
    #[error("{}", crate::lang::vi::start_error(self))]
    NotHere { addr: SocketAddr },
    /// The system does not let this program listen there (a port below 1024, say).
    #[error("{}", crate::lang::vi::start_error(self))]
    Denied { addr: SocketAddr },
    #[error("{}", crate::lang::vi::start_error(self))]
    Listen { addr: SocketAddr, source: std::io::Error },
    /// 0.0.0.0 or [::]: every interface, which the secretary must not get by accident.
    #[error("{}", crate::lang::vi::start_error(self))]
    Unspecified { addr: SocketAddr },
    /// A public address: the server is for the room's own network (or this machine) only.
    #[error("{}", crate::lang::vi::start_error(self))]
    NotPrivate { addr: SocketAddr },
    #[error("{}", crate::lang::vi::start_error(self))]
    Runtime(std::io::Error),
}

impl StartError {
    /// Why listening on `addr` failed, as the system said it.
    fn listen(addr: SocketAddr, source: std::io::Error) -> StartError {
        match source.kind() {
            std::io::ErrorKind::AddrInUse => StartError::InUse { addr },
            std::io::ErrorKind::AddrNotAvailable => StartError::NotHere { addr },
            std::io::ErrorKind::PermissionDenied => StartError::Denied { addr },
            _ => StartError::Listen { addr, source },
        }
    }
}

/// An address the server may listen on: loopback, or a private network's (RFC 1918 and
/// link-local IPv4; unique-local and link-local IPv6) — a room's Wi-Fi or a phone's hotspot.
pub fn is_room_address(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        std::net::IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

/// A running server. Stopping it gives the store back.
pub struct Running {
    pub addr: SocketAddr,
    commands: mpsc::Sender<writer::Command>,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
    writer: Option<JoinHandle<Store>>,
}

/// Starts the server on `config.listen` over `store`, first issuing a link to every scoring
/// member that has none (links already issued are kept: members reload the same link after a restart).
pub fn start(mut store: Store, config: Config) -> Result<Running, StartError> {
    if config.listen.ip().is_unspecified() {
        return Err(StartError::Unspecified { addr: config.listen });
    }
    if !is_room_address(config.listen.ip()) {
        return Err(StartError::NotPrivate { addr: config.listen });
    }
    if store.lock_info()?.is_none() {
        issue_missing_links(&mut store, &config.secretary)?;
    }
    let listener = TcpListener::bind(config.listen).map_err(|source| StartError::listen(config.listen, source))?;
    let addr = listener.local_addr().map_err(StartError::Runtime)?;
    listener.set_nonblocking(true).map_err(StartError::Runtime)?;
    let epoch = auth::new_epoch().map_err(|e| StartError::Runtime(std::io::Error::other(e)))?;
    let (commands, receiver) = mpsc::channel();
    let writer_state = writer::Writer::new(store, epoch.clone(), config.secretary.clone());
    let writer = std::thread::Builder::new()
        .name("lan-writer".into())
        .spawn(move || writer_state.run(receiver))
        .map_err(StartError::Runtime)?;
    let app = http::App {
        commands: commands.clone(),
        epoch: epoch.into(),
        host: addr.to_string().into(),
        limits: http::Limits { body_bytes: config.body_bytes, request_timeout: config.request_timeout },
        buckets: Arc::new(rate::Buckets::new(config.rate_per_second, config.burst)),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .thread_name("lan-http")
        .build()
        .map_err(StartError::Runtime)?;
    let caps = conn::Caps {
        header_timeout: config.header_timeout,
        connections: config.max_connections.max(1),
        per_address: config.connections_per_address.max(1),
    };
    let (stop, stopped) = watch::channel(false);
    let server = std::thread::Builder::new()
        .name("lan-server".into())
        .spawn(move || serve(runtime, listener, app, caps, stopped))
        .map_err(StartError::Runtime)?;
    Ok(Running { addr, commands, stop, server: Some(server), writer: Some(writer) })
}

fn issue_missing_links(store: &mut Store, secretary: &str) -> Result<(), StartError> {
    let have: Vec<String> = store.lan_links()?.into_iter().map(|l| l.member).collect();
    let scorers: Vec<String> = store.read_session()?.members.into_iter().filter(|m| m.scores).map(|m| m.id).collect();
    for member in scorers.iter().filter(|m| !have.contains(m)) {
        let secret = auth::new_secret().map_err(|e| StartError::Runtime(std::io::Error::other(e)))?;
        store.issue_link(secretary, member, &secret)?;
    }
    Ok(())
}

fn serve(
    runtime: tokio::runtime::Runtime,
    listener: TcpListener,
    app: http::App,
    caps: conn::Caps,
    stopped: watch::Receiver<bool>,
) {
    runtime.block_on(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
        let mut deadline_signal = stopped.clone();
        // Connections still open a moment after the stop are dropped: a phone left on the page
        // must not keep the app from closing.
        let deadline = async move {
            let _ = deadline_signal.wait_for(|stop| *stop).await;
            tokio::time::sleep(Duration::from_secs(2)).await;
        };
        tokio::select! {
            _ = conn::serve(listener, http::router(app), caps, stopped) => {}
            _ = deadline => {}
        }
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
}

impl Running {
    fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> writer::Command) -> Option<T> {
        let (tx, rx) = oneshot::channel();
        self.commands.send(make(tx)).ok()?;
        rx.blocking_recv().ok()
    }

    fn gone() -> StoreError {
        StoreError::io("lan", std::io::Error::other("the server has stopped"))
    }

    /// Every member's link.
    pub fn links(&self) -> crate::store::Result<Vec<LanLink>> {
        self.ask(writer::Command::Links).unwrap_or_else(|| Err(Running::gone()))
    }

    /// Makes a member's link anew (the old one and its device stop working).
    pub fn reissue(&self, member: &str) -> crate::store::Result<()> {
        self.ask(|tx| writer::Command::Issue(member.to_string(), tx)).unwrap_or_else(|| Err(Running::gone()))
    }

    /// Releases a member's link from its device.
    pub fn revoke(&self, member: &str) -> crate::store::Result<bool> {
        self.ask(|tx| writer::Command::Revoke(member.to_string(), tx)).unwrap_or_else(|| Err(Running::gone()))
    }

    /// The devices refused since the start because the member's link is bound to another one:
    /// member → the latest try. The secretary decides: `move_to_new` or `keep_old`.
    pub fn tried(&self) -> HashMap<String, Tried> {
        self.ask(writer::Command::Tried).unwrap_or_default()
    }

    /// Moves the member's link to `device`, the one `tried` showed (audited, the secretary acting):
    /// the old device is refused from then. False when no other device had tried, or when the
    /// latest try is now another device's (shown anew, decided anew).
    pub fn move_to_new(&self, member: &str, device: &str) -> crate::store::Result<bool> {
        self.ask(|tx| writer::Command::Move(member.to_string(), device.to_string(), tx))
            .unwrap_or_else(|| Err(Running::gone()))
    }

    /// Keeps the link on its device: the other device's try is forgotten (it stays refused).
    pub fn keep_old(&self, member: &str) -> crate::store::Result<bool> {
        self.ask(|tx| writer::Command::Keep(member.to_string(), tx)).unwrap_or_else(|| Err(Running::gone()))
    }

    /// Commands done and commits made since the start (the group commit at work).
    pub fn stats(&self) -> Stats {
        self.ask(writer::Command::Stats).unwrap_or_default()
    }

    /// When each member's device last made an accepted request.
    pub fn last_seen(&self) -> HashMap<String, Instant> {
        self.ask(writer::Command::Seen).unwrap_or_default()
    }

    /// The link a member opens: the key in the fragment, which browsers never send.
    pub fn url(&self, link: &LanLink) -> String {
        member_url(self.addr, &link.member, &link.secret)
    }

    /// Stops listening, lets requests in flight finish, and gives the store back.
    pub fn stop(mut self) -> Option<Store> {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
        let writer = self.writer.take();
        drop(self);
        writer.and_then(|w| w.join().ok())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

pub fn member_url(addr: SocketAddr, member: &str, secret: &str) -> String {
    let id = percent_encoding::utf8_percent_encode(member, percent_encoding::NON_ALPHANUMERIC);
    format!("http://{addr}/m/{id}#k={secret}")
}

/// Ctrl+C and (on Unix) SIGTERM, caught from the moment this is made: a stop asked for before
/// `wait` is not lost, and never kills the process before the file is closed.
pub struct StopSignal {
    runtime: tokio::runtime::Runtime,
    #[cfg(unix)]
    signals: (tokio::signal::unix::Signal, tokio::signal::unix::Signal),
}

impl StopSignal {
    pub fn install() -> std::io::Result<StopSignal> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build()?;
        #[cfg(unix)]
        let signals = {
            use tokio::signal::unix::{SignalKind, signal};
            let _entered = runtime.enter();
            (signal(SignalKind::terminate())?, signal(SignalKind::interrupt())?)
        };
        Ok(StopSignal {
            runtime,
            #[cfg(unix)]
            signals,
        })
    }

    /// Waits until one of the signals came (or had come).
    #[cfg_attr(not(unix), allow(unused_mut))]
    pub fn wait(mut self) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            let (term, interrupt) = &mut self.signals;
            self.runtime.block_on(async {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = interrupt.recv() => {}
                }
            });
            Ok(())
        }
        #[cfg(not(unix))]
        {
            self.runtime.block_on(tokio::signal::ctrl_c())
        }
    }
}
