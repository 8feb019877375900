//! The members' scoring server under a meeting's load (issue 17.6): 15 members submit a full sheet
//! each at the same moment while 50 more connections sit idle, all on loopback against a real
//! session file (WAL, synchronous FULL). Prints the latency of every acknowledged choice
//! (p50/p95/p99/max), choices a second, the writer's commits (the group commit), the process's
//! peak RSS and the machine's load average, and checks the file holds every acknowledged choice.
//! Target: p99 under 50 ms.
//! Run with `cargo bench --bench lan`.

// Shared with the tests; the benchmark uses only part of it.
#[allow(dead_code)]
#[path = "../tests/lan/client.rs"]
mod client;

use client::Device;
use ocop_council::catalog::{Catalog, DEMO_SESSION};
use ocop_council::lan::{self, Config};
use ocop_council::store::Store;
use serde_json::{Value, json};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const MEMBERS: usize = 15;
const IDLE: usize = 50;
const DOSSIER: &str = "YY-2023-02";

fn session(dir: &std::path::Path) -> std::path::PathBuf {
    let mut value: Value = serde_json::from_str(DEMO_SESSION).expect("demo");
    value["sheets"] = json!([]);
    let members = value["members"].as_array_mut().expect("members");
    for m in members.iter_mut() {
        m["present"] = json!(true);
    }
    for n in members.len() + 1..=MEMBERS {
        members.push(json!({ "id": format!("m{n}"), "name": format!("Thành viên {n}"), "position": "",
            "role": "member", "present": true, "scores": true }));
    }
    let path = dir.join("bench.ocop");
    let catalog = Catalog::builtin().expect("catalog");
    let (s, criteria, ruleset) = ocop_council::exchange::parse(&value.to_string(), &catalog, None).expect("parse");
    Store::create(&path, &s, criteria, ruleset, "bench").expect("create");
    path
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    // Before the benchmark's own work: how busy the (shared) machine was.
    let load = load_average();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = session(dir.path());
    let mut config = Config::new("127.0.0.1:0".parse().expect("addr"), "bench");
    // Every member is on 127.0.0.1 here; in the room each device has its own address and limit.
    config.rate_per_second = 100_000.0;
    config.burst = 100_000.0;
    config.connections_per_address = 1_000;
    let running = lan::start(Store::open(&path).expect("open"), config).expect("start");
    let addr = running.addr;
    let idle: Vec<TcpStream> = (0..IDLE).map(|_| TcpStream::connect(addr).expect("idle connection")).collect();
    let links = running.links().expect("links");
    let device_id = |member: &str| format!("bench-device-{member:0>16}");
    let mut first = Device::new(addr, &links[0].member, &links[0].secret, &device_id(&links[0].member));
    // The page's own first request (the same device each member thread then is).
    let state = first.post("state", json!({})).json();
    let sheet_no =
        state["products"].as_array().expect("products").iter().find(|p| p["code"] == DOSSIER).expect("p")["sheet"]
            .to_string();
    let leaves: Vec<String> = state["sheets"][&sheet_no]["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .flat_map(|p| p["leaves"].as_array().cloned().unwrap_or_default())
        .map(|l| l["code"].as_str().unwrap_or("").to_string())
        .collect();
    let start_line = std::sync::Arc::new(std::sync::Barrier::new(MEMBERS));
    let wall = Instant::now();
    let threads: Vec<_> = links
        .iter()
        .take(MEMBERS)
        .map(|link| {
            let (member, secret, leaves, barrier) =
                (link.member.clone(), link.secret.clone(), leaves.clone(), start_line.clone());
            std::thread::spawn(move || {
                let mut device = Device::new(addr, &member, &secret, &format!("bench-device-{member:0>16}"));
                // The page's counter goes on from its first request (the state, above, for m1).
                device.counter = 1_000;
                barrier.wait();
                let mut times = Vec::new();
                for code in &leaves {
                    let t = Instant::now();
                    let r = device.choose(DOSSIER, code, 1);
                    times.push(t.elapsed());
                    assert_eq!(r.status, 200, "{member} {code}: {}", r.body);
                }
                let r = device.post("submit", json!({ "dossier": DOSSIER, "comment": "" }));
                assert_eq!(r.status, 200, "{member} submit: {}", r.body);
                times
            })
        })
        .collect();
    let mut times: Vec<Duration> = threads.into_iter().flat_map(|t| t.join().expect("member thread")).collect();
    let wall = wall.elapsed();
    drop(idle);
    let stats = running.stats();
    running.stop().expect("store back").close().expect("close");
    times.sort();
    let session = Store::open_shared(&path).expect("reopen").read_session().expect("read");
    let submitted: Vec<_> = session.sheets.iter().filter(|s| s.dossier == DOSSIER && !s.draft).collect();
    let stored: usize = submitted.iter().map(|s| s.choices.len()).sum();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "| members | idle | choices | wall | choices/s | p50 | p95 | p99 | max | commits | peak RSS | load (1 min) | in the file |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {MEMBERS} | {IDLE} | {} | {:.2} s | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} for {} commands | {:.0} MB | {} | {} sheets, {stored} choices |",
        times.len(),
        wall.as_secs_f64(),
        times.len() as f64 / wall.as_secs_f64(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
        ms(times.last().copied().unwrap_or_default()),
        stats.commits,
        stats.commands,
        peak_rss_mb(),
        load,
        submitted.len(),
    );
    assert_eq!((submitted.len(), stored), (MEMBERS, times.len()), "nothing lost");
}

/// The process's peak resident set, in MB (getrusage; Linux counts in KiB).
#[cfg(unix)]
fn peak_rss_mb() -> f64 {
    // SAFETY: getrusage fills the struct it is given; zeroed is a valid rusage.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let kib = usage.ru_maxrss as f64;
    if cfg!(target_os = "macos") { kib / 1e6 } else { kib / 1024.0 }
}

#[cfg(not(unix))]
fn peak_rss_mb() -> f64 {
    0.0
}

/// The machine's load average over the last minute (the machine may be shared: say so beside the figure).
#[cfg(unix)]
fn load_average() -> String {
    let mut loads = [0f64; 3];
    // SAFETY: getloadavg writes at most the 3 numbers asked for into the array.
    match unsafe { libc::getloadavg(loads.as_mut_ptr(), 3) } {
        n if n >= 1 => format!("{:.2}", loads[0]),
        _ => "?".into(),
    }
}

#[cfg(not(unix))]
fn load_average() -> String {
    "?".into()
}
