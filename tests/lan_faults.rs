//! The members' scoring server under faults (issue 17.5, 17.6): many members at once (the group
//! commit), a client that sends its request slowly (slowloris), too many connections from one
//! address, the same member on two devices (the secretary decides), and start errors.

#[path = "lan/client.rs"]
mod client;
mod common;
#[path = "lan/setup.rs"]
mod setup;

use client::{Device, request};
use ocop_council::lan::{self, Config};
use ocop_council::lang::{Lang, Say};
use ocop_council::store::Store;
use setup::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// The members present and scoring YY-2023-02 in `setup::session_file` (m4 is absent).
const SCORERS: [&str; 8] = ["m1", "m2", "m3", "m5", "m6", "m7", "m8", "m9"];
const CRITERIA: [&str; 6] = ["1.1", "1.2", "2.1", "3.1", "3.2", "4.1"];

#[test]
fn choices_sent_at_once_by_many_members_all_land_each_audited_and_a_refused_one_undoes_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let running = start(&path);
    let addr = running.addr;
    let start_line = std::sync::Arc::new(std::sync::Barrier::new(SCORERS.len()));
    let threads: Vec<_> = SCORERS
        .iter()
        .map(|&member| {
            let secret = link(&running, member).secret;
            let start_line = start_line.clone();
            std::thread::spawn(move || {
                let mut device = Device::new(addr, member, &secret, &format!("{member:0>32}"));
                start_line.wait();
                let mut statuses = Vec::new();
                for (n, criterion) in CRITERIA.iter().enumerate() {
                    statuses.push(device.choose("YY-2023-02", criterion, 1).status);
                    if n == 2 {
                        // Among the others, in whatever batch it falls: no option 99.
                        statuses.push(device.choose("YY-2023-02", "2.2", 99).status);
                    }
                }
                statuses
            })
        })
        .collect();
    for (member, t) in SCORERS.iter().zip(threads) {
        assert_eq!(t.join().unwrap(), [200, 200, 200, 422, 200, 200, 200], "{member}");
    }
    let stats = running.stats();
    running.stop().unwrap().close().unwrap();
    let store = Store::open_shared(&path).unwrap();
    let sheets = store.read_session().unwrap().sheets;
    let log = store.audit_log().unwrap();
    for member in SCORERS {
        let sheet = sheets.iter().find(|s| s.dossier == "YY-2023-02" && s.member == member).unwrap();
        let codes: Vec<&str> = sheet.choices.keys().map(String::as_str).collect();
        assert_eq!(codes, CRITERIA, "{member}: every acknowledged choice, not the refused one");
        let actor = lan::device_actor(member, &format!("{member:0>32}"));
        let audited = log.iter().filter(|e| e.action.as_str() == "choice" && e.actor == actor).count();
        assert_eq!(audited, CRITERIA.len(), "{member}: one audit row per choice, with the device");
    }
    // What a member's `state` reads: their own sheets only.
    let view = store.member_view("m2").unwrap();
    assert_eq!(view.sheets.len(), sheets.iter().filter(|s| s.member == "m2").count());
    assert!(view.sheets.iter().all(|s| s.member == "m2") && view.dossiers.len() == 12, "{:?}", view.dossiers.len());
    // 8 hellos are not the writer's; 8 × 7 choices and the pairings' first requests are.
    assert!(stats.commands >= 56 && stats.commits <= stats.commands, "{stats:?}");
}

/// Sends `bytes` one at a time, `gap` apart, until the server closes; returns when it did.
fn trickle(addr: SocketAddr, bytes: &[u8], gap: Duration) -> Option<Duration> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(gap)).unwrap();
    let began = Instant::now();
    for b in bytes.iter().cycle().take(400) {
        if stream.write_all(&[*b]).is_err() {
            return Some(began.elapsed());
        }
        let mut buf = [0u8; 256];
        match stream.read(&mut buf) {
            // Closed (hyper may first answer 408): the server gave up on this request.
            Ok(0) => return Some(began.elapsed()),
            Ok(_) => return Some(began.elapsed()),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return Some(began.elapsed()),
        }
    }
    None
}

#[test]
fn a_request_sent_a_byte_at_a_time_is_closed_at_the_header_timeout_while_members_score() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let mut config = config();
    config.header_timeout = Duration::from_secs(1);
    let running = lan::start(Store::open(&path).unwrap(), config).unwrap();
    let addr = running.addr;
    let slow = std::thread::spawn(move || {
        trickle(addr, b"GET /m/m1 HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa", Duration::from_millis(100))
    });
    let mut m2 = device(&running, "m2", DEV_A);
    for criterion in CRITERIA {
        assert_eq!(m2.choose("YY-2023-02", criterion, 1).status, 200, "a member scores meanwhile");
    }
    let closed = slow.join().unwrap().expect("the server closed the slow connection");
    assert!(closed >= Duration::from_millis(900) && closed < Duration::from_secs(4), "{closed:?}");
    // An idle connection is closed at the same timeout; a fresh request is answered.
    let mut idle = TcpStream::connect(addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let began = Instant::now();
    let mut buf = [0u8; 16];
    assert!(matches!(idle.read(&mut buf), Ok(0) | Err(_)));
    assert!(began.elapsed() < Duration::from_secs(4), "{:?}", began.elapsed());
    assert_eq!(request(addr, "GET", "/m/m2", &[], b"").status, 200);
    running.stop().unwrap().close().unwrap();
}

#[test]
fn one_address_cannot_hold_more_connections_than_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config();
    config.connections_per_address = 3;
    let running = lan::start(Store::open(&session_file(dir.path())).unwrap(), config).unwrap();
    let addr = running.addr;
    let mut held: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(request(addr, "GET", "/m/m1", &[], b"").status, 0, "a fourth is closed unanswered");
    held.pop();
    let answered = (0..40).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        request(addr, "GET", "/m/m1", &[], b"").status == 200
    });
    assert!(answered, "a place freed is taken again");
    drop(held);
    running.stop().unwrap().close().unwrap();
}

#[test]
fn past_the_cap_on_connections_in_all_a_new_one_waits_for_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config();
    config.max_connections = 2;
    let running = lan::start(Store::open(&session_file(dir.path())).unwrap(), config).unwrap();
    let addr = running.addr;
    let mut held: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    let (done, answered) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(request(addr, "GET", "/m/m1", &[], b"").status));
    assert!(answered.recv_timeout(Duration::from_millis(700)).is_err(), "not served while both places are held");
    held.pop();
    assert_eq!(answered.recv_timeout(Duration::from_secs(5)), Ok(200), "served once a place is free");
    drop(held);
    running.stop().unwrap().close().unwrap();
}

#[test]
fn a_second_device_is_refused_until_the_secretary_moves_the_link_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let running = start(&path);
    let mut a = device(&running, "m3", DEV_A);
    assert_eq!(a.choose("YY-2023-02", "1.1", 1).status, 200);
    assert!(running.tried().is_empty());
    let mut b = device(&running, "m3", DEV_B);
    let r = b.choose("YY-2023-02", "1.1", 2);
    assert_eq!((r.status, r.code().as_str()), (403, "other_device"));
    let tried = running.tried();
    assert_eq!(tried.get("m3").map(|t| t.device.as_str()), Some(DEV_B), "{tried:?}");
    // A device without the key is not a try the secretary is asked about.
    let mut stranger = Device::new(running.addr, "m5", "AAAAAAAAAAAAAAAAAAAAAAAA", DEV_B);
    assert_eq!(stranger.choose("YY-2023-02", "1.1", 1).status, 401);
    assert_eq!(running.tried().len(), 1);
    // "Keep the old device": the try is forgotten, the new device still refused.
    assert!(running.keep_old("m3").unwrap());
    assert!(running.tried().is_empty());
    assert_eq!(b.choose("YY-2023-02", "1.1", 2).code(), "other_device");
    // "Move to the new device".
    assert!(running.move_to_new("m3", DEV_B).unwrap());
    assert!(!running.move_to_new("m3", DEV_B).unwrap(), "nothing left to decide");
    assert_eq!(b.choose("YY-2023-02", "1.1", 2).status, 200, "the new device keeps the link");
    assert_eq!(a.choose("YY-2023-02", "1.1", 3).code(), "other_device", "the old one is refused from then");
    assert_eq!(link(&running, "m3").device.as_deref(), Some(DEV_B));
    running.stop().unwrap().close().unwrap();
    let log = Store::open_shared(&path).unwrap().audit_log().unwrap();
    let moved =
        log.iter().rfind(|e| e.action.as_str() == "device_paired" && e.member.as_deref() == Some("m3")).unwrap();
    assert_eq!(
        (moved.actor.as_str(), moved.old.as_deref(), moved.new.as_deref()),
        ("thư ký", Some(DEV_A), Some(DEV_B))
    );
    let sheet = Store::open_shared(&path).unwrap().read_session().unwrap().sheets;
    let m3 = sheet.iter().find(|s| s.member == "m3" && s.dossier == "YY-2023-02").unwrap();
    assert_eq!(m3.choices.get("1.1"), Some(&2), "only the accepted device's choices count");
}

/// The move races with another holder of the key (a photographed slip): the secretary was shown
/// device B, C tries before the click. The link does not go to C, the one never shown; it stays
/// on A until the secretary decides on what the screen now shows.
#[test]
fn a_move_goes_only_to_the_device_the_secretary_was_shown() {
    const DEV_C: &str = "cccccccccccccccccccccccccccccccc";
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let running = start(&path);
    let mut a = device(&running, "m3", DEV_A);
    assert_eq!(a.choose("YY-2023-02", "1.1", 1).status, 200);
    let mut b = device(&running, "m3", DEV_B);
    assert_eq!(b.choose("YY-2023-02", "1.1", 2).code(), "other_device");
    let shown = running.tried()["m3"].device.clone();
    assert_eq!(shown, DEV_B);
    let mut c = device(&running, "m3", DEV_C);
    assert_eq!(c.choose("YY-2023-02", "1.1", 3).code(), "other_device");
    assert!(!running.move_to_new("m3", &shown).unwrap(), "B is no longer the latest try: nothing moves");
    assert_eq!(link(&running, "m3").device.as_deref(), Some(DEV_A), "the link stays where it was");
    assert_eq!(running.tried()["m3"].device, DEV_C, "the screen now shows C's try");
    assert_eq!(c.choose("YY-2023-02", "1.1", 3).code(), "other_device");
    assert_eq!(a.choose("YY-2023-02", "1.1", 1).status, 200, "the old device still scores");
    running.stop().unwrap().close().unwrap();
    let log = Store::open_shared(&path).unwrap().audit_log().unwrap();
    let paired = log.iter().filter(|e| e.action.as_str() == "device_paired" && e.member.as_deref() == Some("m3"));
    assert_eq!(paired.count(), 1, "only A's own pairing, no move");
}

/// A revoked device (a stolen phone, say) keeps the key in its storage: it must not take the freed
/// link back by itself — even if its request comes first, even after a restart. It is shown as a
/// try; another device takes the link; re-issuing gives a fresh start.
#[test]
fn a_revoked_device_does_not_take_the_link_back_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let running = start(&path);
    let mut a = device(&running, "m3", DEV_A);
    assert_eq!(a.choose("YY-2023-02", "1.1", 1).status, 200);
    assert!(running.revoke("m3").unwrap());
    let r = a.choose("YY-2023-02", "1.1", 3);
    assert_eq!((r.status, r.code().as_str()), (403, "other_device"), "the revoked phone comes first");
    assert_eq!(link(&running, "m3").device, None, "the link stays free");
    assert_eq!(running.tried()["m3"].device, DEV_A, "the secretary sees the try");
    running.stop().unwrap().close().unwrap();

    let running = start(&path);
    let mut a = device(&running, "m3", DEV_A);
    assert_eq!(a.choose("YY-2023-02", "1.1", 3).code(), "other_device", "nor after a restart");
    let mut b = device(&running, "m3", DEV_B);
    assert_eq!(b.choose("YY-2023-02", "1.1", 2).status, 200, "the member's other phone takes it");
    running.reissue("m3").unwrap();
    let mut fresh = device(&running, "m3", DEV_A);
    assert_eq!(fresh.choose("YY-2023-02", "1.2", 1).status, 200, "a new key is a fresh start");
    running.stop().unwrap().close().unwrap();
    let sheet = Store::open_shared(&path).unwrap().read_session().unwrap().sheets;
    let m3 = sheet.iter().find(|s| s.member == "m3" && s.dossier == "YY-2023-02").unwrap();
    assert_eq!(m3.choices.get("1.1"), Some(&2), "nothing the revoked phone sent after the revoke");
}

#[test]
fn start_errors_are_told_in_both_languages_and_serve_exits_2_with_one_vietnamese_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    let refused = lan::start(Store::open(&path).unwrap(), Config::new(addr, "thư ký")).err().unwrap();
    assert!(matches!(refused, lan::StartError::InUse { .. }), "{refused:?}");
    assert_eq!(
        refused.say(Lang::En),
        format!(
            "{addr}: another program is listening on this address already — pick another port or stop that program"
        )
    );
    assert!(refused.say(Lang::Vi).starts_with(&format!("{addr}: đã có chương trình khác nghe")));
    let public: SocketAddr = "8.8.8.8:8765".parse().unwrap();
    let refused = lan::start(Store::open(&path).unwrap(), Config::new(public, "thư ký")).err().unwrap();
    assert!(refused.say(Lang::En).starts_with("8.8.8.8:8765: not a private network address"), "{refused}");
    assert!(refused.to_string().contains("không phải địa chỉ mạng nội bộ"), "Display is Vietnamese");
    let out = common::output(std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council")).args([
        "serve",
        path.to_str().unwrap(),
        "--listen",
        &addr.to_string(),
    ]));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&format!("{addr}: đã có chương trình khác nghe trên địa chỉ này")), "{err}");
    drop(taken);
}
