//! Verify benchmark: a locked session with 500 MB of attachments, `ocop-council verify --fingerprint`
//! against the physical limit of reading and hashing that file once — `sha256sum` of it.
//! Target: within 1.2×, for the file alone and for an archive with its `.sha256` beside it.
//! Also times the parts of the work on their own, to show where the time goes.
//! Run with `cargo bench --bench verify`; prints a Markdown table.

mod common;

use common::{locked_with_attachments, median, sh};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BLOBS: usize = 100;
const BLOB_SIZE: usize = 5 * 1024 * 1024;
const RUNS: usize = 3;

fn timed(f: &mut dyn FnMut()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// One of the parts of verify, on its own, on a read-only immutable connection.
fn part(path: &Path, sql: &str) -> Duration {
    let uri = format!("file:{}?immutable=1", path.display());
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri, flags).expect("open");
    timed(&mut || {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect();
        assert_eq!(rows, ["ok"], "{sql}");
    })
}

/// Every blob streamed and hashed, as verify's attachment check does.
fn blob_hashing(path: &Path) -> Duration {
    let uri = format!("file:{}?immutable=1", path.display());
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri, flags).expect("open");
    timed(&mut || {
        let rowids: Vec<i64> = conn
            .prepare("SELECT rowid FROM blob ORDER BY rowid")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        for rowid in rowids {
            let mut blob = conn.blob_open(rusqlite::MAIN_DB, "blob", "data", rowid, true).expect("blob");
            ocop_council::domain::fingerprint::sha256_read(&mut blob, &mut |_| Ok(())).expect("hash");
        }
    })
}

fn main() {
    let dir = std::env::temp_dir().join(format!("ocop-verify-bench-{}", std::process::id()));
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).expect("temp dir");
    let source = dir.join("session.ocop");
    let fingerprint = locked_with_attachments(&source, BLOBS, BLOB_SIZE);
    let size = std::fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
    // The same file as an archive: a copy with its checksum beside it.
    let archived = archive.join("session.ocop");
    std::fs::copy(&source, &archived).expect("copy");
    sh(&format!("cd '{}' && sha256sum session.ocop > session.ocop.sha256", archive.display()));
    let bin = env!("CARGO_BIN_EXE_ocop-council");
    let q = |p: &Path| format!("'{}'", p.display());
    let verify = |p: &Path| format!("{bin} verify {} --fingerprint {} > /dev/null", q(p), &fingerprint[..16]);

    // Warm the page cache once: every timing below reads a cached file, as sha256sum's does.
    sh(&format!("cat {} {} > /dev/null", q(&source), q(&archived)));
    // Debian's sha256sum does not use the CPU's SHA extensions; OpenSSL does, as the sha2 crate does.
    let openssl = Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
    let mut fast_sums = Vec::new();
    let (mut sums, mut alone, mut with_sums) = (Vec::new(), Vec::new(), Vec::new());
    let (mut integrity, mut quick, mut hashing) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        sums.push(sh(&format!("sha256sum {} > /dev/null", q(&source))));
        if openssl {
            fast_sums.push(sh(&format!("openssl dgst -sha256 {} > /dev/null", q(&source))));
        }
        alone.push(sh(&verify(&source)));
        with_sums.push(sh(&verify(&archived)));
        integrity.push(part(&source, "PRAGMA integrity_check"));
        quick.push(part(&source, "PRAGMA quick_check"));
        hashing.push(blob_hashing(&source));
    }
    let secs = |d: Duration| d.as_secs_f64();
    let range = |v: &[Duration]| {
        let min = v.iter().min().copied().unwrap_or_default();
        let max = v.iter().max().copied().unwrap_or_default();
        format!("{:.2} – {:.2}", secs(min), secs(max))
    };
    let limit = secs(median(sums.clone()));
    println!(
        "Locked session file with {BLOBS} attachments of {} MB: {:.0} MB\n",
        BLOB_SIZE / (1024 * 1024),
        size as f64 / 1e6
    );
    println!("| {RUNS} runs, median (min–max) | seconds | × sha256sum |");
    println!("|---|---|---|");
    let row = |what: &str, v: &[Duration]| {
        let m = secs(median(v.to_vec()));
        println!("| {what} | {m:.2} ({}) | {:.2} |", range(v), m / limit);
    };
    row("`sha256sum` of the file (the physical limit)", &sums);
    row("`ocop-council verify --fingerprint` (file alone; target ≤ 1.2)", &alone);
    row("`ocop-council verify --fingerprint` (archive, `.sha256` beside; target ≤ 1.2)", &with_sums);
    if openssl {
        row("`openssl dgst -sha256` of the file (SHA extensions, as the sha2 crate)", &fast_sums);
    }
    row("part: `PRAGMA integrity_check`", &integrity);
    row("part: `PRAGMA quick_check`", &quick);
    row("part: every attachment streamed and re-hashed", &hashing);
    let _ = std::fs::remove_dir_all(&dir);
}
