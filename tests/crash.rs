//! Crash safety: the process is killed (SIGKILL) at random moments while it saves choices, and while
//! it archives. Every save reported done must be in the file, the file must pass `integrity_check`,
//! and an archive folder never holds a partial file under a final name.
//!
//! The child is this same test binary, started again on one test with an environment variable
//! telling it to do the work instead.

mod common;

use ocop_council::archive::{archive, verify};
use ocop_council::store::Store;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SAVE_CHILD: &str = "OCOP_CRASH_SAVE_CHILD";
const ARCHIVE_CHILD: &str = "OCOP_CRASH_ARCHIVE_CHILD";

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Leaf codes of sheet 3 (the first demo product's) with their option counts.
fn leaves() -> Vec<(String, u8)> {
    let cat = ocop_council::catalog::Catalog::builtin().unwrap();
    cat.criteria("qd26-2026")
        .unwrap()
        .sheet(3)
        .unwrap()
        .leaves()
        .iter()
        .map(|l| (l.criterion.code.clone(), l.criterion.options.len() as u8))
        .collect()
}

/// The choice that save number `i` writes: the leaves in turn, each time the next option.
fn save_number(i: u64, leaves: &[(String, u8)]) -> (String, u8) {
    let (code, n) = &leaves[(i % leaves.len() as u64) as usize];
    (code.clone(), ((i / leaves.len() as u64) % u64::from(*n)) as u8 + 1)
}

/// This test binary again, running only `test`, with `env` telling it to be the child.
fn child(test: &str, env: &[(&str, &std::ffi::OsStr)]) -> std::process::Child {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([test, "--exact", "--nocapture", "--test-threads=1"]).stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    common::spawn(&mut c)
}

#[test]
fn saving_child() {
    // Run as a child only: saves forever, reporting each save after it is committed.
    let Some(path) = std::env::var_os(SAVE_CHILD) else { return };
    let leaves = leaves();
    let start: u64 = std::env::var("OCOP_CRASH_START").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut store = Store::open(Path::new(&path)).unwrap();
    println!("ready");
    for i in start.. {
        let (code, option) = save_number(i, &leaves);
        store.save_choice("test", "YY-2023-01", "m1", &code, option).unwrap();
        println!("saved {i}");
    }
}

#[test]
fn killed_while_saving_loses_no_reported_save() {
    if std::env::var_os(SAVE_CHILD).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    Store::open(&path).unwrap().open_round("test", "YY-2023-01", "thử độ bền").unwrap();
    let leaves = leaves();
    let mut rng = Lcg(7);
    let mut next = 0u64;
    let mut total_reported = 0;
    // Leaf → (values it may hold, whether a save of it was reported).
    let mut acceptable: std::collections::HashMap<String, (Vec<u8>, bool)> = std::collections::HashMap::new();
    for round in 0..100 {
        let mut proc =
            child("saving_child", &[(SAVE_CHILD, path.as_os_str()), ("OCOP_CRASH_START", next.to_string().as_ref())]);
        let out = proc.stdout.take().unwrap();
        let (ready_tx, ready) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut last = None;
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                // The test harness may print "test saving_child ... " before it on the same line.
                if line.ends_with("ready") {
                    let _ = ready_tx.send(false);
                }
                if let Some(n) = line.strip_prefix("saved ").and_then(|n| n.parse::<u64>().ok()) {
                    if last.is_none() {
                        let _ = ready_tx.send(true);
                    }
                    last = Some(n);
                }
            }
            last
        });
        // One round in four is killed at a moment after the file is open, maybe before any save; the
        // others once saving has begun (however slowly a loaded machine runs the child).
        let after_first_save = round % 4 != 0;
        while let Ok(saving) = ready.recv_timeout(Duration::from_secs(30)) {
            if saving || !after_first_save {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(rng.next() % 60));
        proc.kill().unwrap();
        let _ = proc.wait();
        let last = reader.join().unwrap();

        // What each leaf may hold now: the value of its last reported save, plus that of the one
        // save that may have been committed after the last report and before the kill.
        let reported = last.map(|l| next..=l);
        for i in reported.clone().into_iter().flatten() {
            let (code, v) = save_number(i, &leaves);
            acceptable.insert(code, (vec![v], true));
        }
        let in_flight_number = last.map(|l| l + 1).unwrap_or(next);
        let (code, v) = save_number(in_flight_number, &leaves);
        acceptable.entry(code).or_default().0.push(v);
        total_reported += reported.map(|r| r.count()).unwrap_or(0);
        next = in_flight_number + 1;

        let store = Store::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let ok: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok", "round {round}");
        let session = store.load().unwrap().session;
        let sheet = session.sheets.iter().find(|s| s.dossier == "YY-2023-01" && s.round == 2 && s.member == "m1");
        for (code, (values, was_reported)) in &acceptable {
            let got = sheet.and_then(|s| s.choices.get(code).copied());
            // A leaf only ever touched by an unreported save may still be empty.
            let fine = got.is_some_and(|g| values.contains(&g)) || (!was_reported && got.is_none());
            assert!(fine, "round {round}: {code} is {got:?}, expected one of {values:?}");
        }
    }
    assert!(total_reported > 100, "the children did save (reported {total_reported})");
}

#[test]
fn archiving_child() {
    let Some(spec) = std::env::var_os(ARCHIVE_CHILD) else { return };
    let spec = PathBuf::from(spec);
    let source = spec.join("session.ocop");
    println!("ready");
    let _ = archive(&source, &spec.join("usb"), &mut |_| {});
    println!("done");
}

#[test]
fn killed_while_archiving_leaves_nothing_partial_under_a_final_name() {
    if std::env::var_os(ARCHIVE_CHILD).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("session.ocop");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(common::demo_file(&src), &source).unwrap();
    // 24 MB of attachments, so that a copy takes long enough to be interrupted.
    {
        let store = Store::open(&source).unwrap();
        let conn = store.connection();
        for i in 0..12 {
            let blob: Vec<u8> =
                (0..2_000_000u32).map(|b| (b.wrapping_mul(2_654_435_761).wrapping_add(i) >> 13) as u8).collect();
            let sha = ocop_council::domain::fingerprint::sha256_hex(&blob);
            conn.execute(
                "INSERT INTO blob (sha256, size, data) VALUES (?1, ?2, ?3)",
                rusqlite::params![sha, blob.len() as i64, blob],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO attachment (dossier, name, sha256) VALUES ('YY-2023-01', ?1, ?2)",
                rusqlite::params![format!("hồ sơ {i}.pdf"), sha],
            )
            .unwrap();
        }
    }
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    // How long a whole archive takes here, to aim the kills inside it.
    let started = Instant::now();
    let mut probe = child("archiving_child", &[(ARCHIVE_CHILD, dir.path().as_os_str())]);
    let _ = probe.wait();
    let full = started.elapsed().as_millis() as u64;
    let mut rng = Lcg(11);
    let finals = |usb: &Path| {
        std::fs::read_dir(usb)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".ocop"))
            .count()
    };
    let mut interrupted = 0;
    for round in 0..30 {
        let before = finals(&usb);
        let mut proc = child("archiving_child", &[(ARCHIVE_CHILD, dir.path().as_os_str())]);
        std::thread::sleep(Duration::from_millis(rng.next() % (full + 1)));
        let _ = proc.kill();
        let _ = proc.wait();
        for entry in std::fs::read_dir(&usb).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') || name.ends_with(".sha256") {
                continue; // hidden partial files, and checksums whose archive was not renamed yet
            }
            let report = verify(&path, None).unwrap_or_else(|e| panic!("round {round}: {name}: {e}"));
            assert!(report.ok(), "round {round}: {name} is under a final name but fails: {:?}", report.lines());
            assert_eq!(report.matches_checksum, Some(true), "round {round}: {name} has no checksum beside it");
        }
        if finals(&usb) == before {
            interrupted += 1;
        }
    }
    assert!(interrupted >= 5, "kills landed inside archives, not only after them ({interrupted} of 30)");
}
