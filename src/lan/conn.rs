//! The connections: accepted under two caps (in all, and per client address) and each served by
//! hyper's HTTP/1 with a timeout on reading a request's head. A client that sends its request a
//! byte at a time (slowloris) is closed when the timeout ends, and so is a connection left idle
//! that long; neither holds a place a member needs. (`axum::serve` has no such timeout.)

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Semaphore, watch};

/// The limits on connections (defaults in `super::Config`).
#[derive(Clone, Copy, Debug)]
pub struct Caps {
    /// From the first byte a request's line and headers may be awaited (and an idle connection kept).
    pub header_timeout: Duration,
    /// Connections open at once, in all: the next waits in the system's queue until one closes.
    pub connections: usize,
    /// Connections open at once from one address: one more is closed at once.
    pub per_address: usize,
}

type Counts = Arc<Mutex<HashMap<IpAddr, usize>>>;

/// A connection's place in its address's count, given back when the connection ends.
struct Slot {
    counts: Counts,
    ip: IpAddr,
}

impl Slot {
    fn take(counts: &Counts, ip: IpAddr, cap: usize) -> Option<Slot> {
        let mut map = counts.lock().ok()?;
        let open = map.entry(ip).or_insert(0);
        if *open >= cap {
            return None;
        }
        *open += 1;
        Some(Slot { counts: counts.clone(), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let Ok(mut map) = self.counts.lock() else { return };
        if let Some(open) = map.get_mut(&self.ip) {
            *open -= 1;
            if *open == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

/// Accepts and serves connections until `stopped`; then lets the requests in flight finish
/// (each connection closes after its current answer) for at most two seconds.
pub async fn serve(listener: tokio::net::TcpListener, router: Router, caps: Caps, mut stopped: watch::Receiver<bool>) {
    let permits = Arc::new(Semaphore::new(caps.connections));
    let counts = Counts::default();
    loop {
        let permit = tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => break,
            permit = permits.clone().acquire_owned() => permit,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            // Out of file descriptors, say: wait a little rather than spin on the error.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Over the address's cap: the stream is dropped, the connection closed at once.
        let Some(slot) = Slot::take(&counts, peer.ip(), caps.per_address) else { continue };
        let service = router.clone().layer(axum::Extension(ConnectInfo(peer)));
        let stopped = stopped.clone();
        tokio::spawn(async move {
            connection(stream, service, caps.header_timeout, stopped).await;
            drop((permit, slot));
        });
    }
    let all = u32::try_from(caps.connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(2), permits.acquire_many(all)).await;
}

async fn connection(
    stream: tokio::net::TcpStream,
    service: Router,
    header_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let conn = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopped.wait_for(|stop| *stop) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}
