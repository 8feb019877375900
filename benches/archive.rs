//! Archive benchmark: a session with 1 GB of attachments archived to another folder, against the
//! physical limit of the same work done by hand — `cp` + `sync` + `sha256sum` of the same file.
//! Target: within 1.3×. Run with `cargo bench --bench archive`; prints a Markdown table.

mod common;

use common::{locked_with_attachments, median, sh};
use std::path::Path;
use std::time::Duration;

const BLOBS: usize = 200;
const BLOB_SIZE: usize = 5 * 1024 * 1024;

fn main() {
    let dir = std::env::temp_dir().join(format!("ocop-archive-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let source = dir.join("session.ocop");
    locked_with_attachments(&source, BLOBS, BLOB_SIZE);
    let size = std::fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
    let bin = env!("CARGO_BIN_EXE_ocop-council");
    let q = |p: &Path| format!("'{}'", p.display());

    let mut by_hand = Vec::new();
    let (mut cp_only, mut sync_only, mut sum_only) = (Vec::new(), Vec::new(), Vec::new());
    let mut ours = Vec::new();
    for run in 0..3 {
        // Nothing else left to flush: each timed command pays only for its own writes.
        let _ = sh("sync");
        let target = dir.join(format!("cp-{run}"));
        std::fs::create_dir_all(&target).expect("dir");
        by_hand.push(sh(&format!(
            "cp {} {}/session.ocop && sync && sha256sum {}/session.ocop > /dev/null",
            q(&source),
            q(&target),
            q(&target)
        )));
        let _ = std::fs::remove_dir_all(&target);
        // The same three steps timed one by one, to show where the time goes.
        let _ = sh("sync");
        std::fs::create_dir_all(&target).expect("dir");
        cp_only.push(sh(&format!("cp {} {}/session.ocop", q(&source), q(&target))));
        sync_only.push(sh("sync"));
        sum_only.push(sh(&format!("sha256sum {}/session.ocop > /dev/null", q(&target))));
        let _ = std::fs::remove_dir_all(&target);
        let _ = sh("sync");
        let usb = dir.join(format!("usb-{run}"));
        std::fs::create_dir_all(&usb).expect("dir");
        ours.push(sh(&format!("{bin} archive {} {} > /dev/null", q(&source), q(&usb))));
        let _ = std::fs::remove_dir_all(&usb);
    }
    let (h, o) = (median(by_hand.clone()), median(ours.clone()));
    let secs = |d: Duration| d.as_secs_f64();
    println!(
        "Session file with {BLOBS} attachments of {} MB: {:.2} GB\n",
        BLOB_SIZE / (1024 * 1024),
        size as f64 / 1e9
    );
    println!("| 3 runs, median (min–max) | seconds |");
    println!("|---|---|");
    let range = |v: &[Duration]| {
        let min = v.iter().min().copied().unwrap_or_default();
        let max = v.iter().max().copied().unwrap_or_default();
        format!("{:.2} – {:.2}", secs(min), secs(max))
    };
    println!("| `cp` + `sync` + `sha256sum` (the physical limit) | {:.2} ({}) |", secs(h), range(&by_hand));
    println!(
        "| `ocop-council archive` (snapshot, fsync, integrity_check, fingerprint, checksum, rename) | {:.2} ({}) |",
        secs(o),
        range(&ours)
    );
    println!("| ratio (target ≤ 1.3) | {:.2} |", secs(o) / secs(h));
    println!("| of the limit: `cp` alone | {:.2} ({}) |", secs(median(cp_only.clone())), range(&cp_only));
    println!("| of the limit: `sync` alone | {:.2} ({}) |", secs(median(sync_only.clone())), range(&sync_only));
    println!(
        "| of the limit: `sha256sum` alone (page-cached file) | {:.2} ({}) |",
        secs(median(sum_only.clone())),
        range(&sum_only)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
