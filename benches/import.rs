//! Import benchmark: a 500-row list (XLSX when LibreOffice is there to make it, else CSV) and 500
//! product folders of 5 files each (≈ 1 GB), against the physical limit of the same bytes by hand —
//! `cp -r` plus `sha256sum` of every file. Target: within 1.5×, memory independent of file sizes.
//! Run with `cargo bench --bench import`; prints a Markdown table.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const PRODUCTS: usize = 500;
const FILES: usize = 5;
const FILE_SIZE: usize = 400 * 1024;

fn sh(script: &str) -> Duration {
    let start = Instant::now();
    let ok = Command::new("sh").arg("-c").arg(script).status().is_ok_and(|s| s.success());
    assert!(ok, "{script}");
    start.elapsed()
}

fn peak_kb(script: &str) -> Option<u64> {
    let out = Command::new("/usr/bin/time").args(["-f", "%M", "sh", "-c", script]).output().ok()?;
    String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_ocop-council");
    let dir = std::env::temp_dir().join(format!("ocop-import-bench-{}", std::process::id()));
    let folders = dir.join("hồ sơ");
    std::fs::create_dir_all(&folders).expect("temp dir");
    let mut csv = String::from("STT,Mã hồ sơ,Tên sản phẩm,Bộ sản phẩm,Chủ thể,Địa chỉ\n");
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut buf = vec![0u8; FILE_SIZE];
    for i in 0..PRODUCTS {
        let code = format!("T-{:03}", i + 1);
        csv.push_str(&format!(
            "{},{code},Sản phẩm thử số {},{},HTX Nông nghiệp số {},\"xã {}, huyện Ý Yên\"\n",
            i + 1,
            i + 1,
            i % 26 + 1,
            i + 1,
            i + 1
        ));
        let folder = folders.join(format!("{code} Sản phẩm thử số {}", i + 1));
        std::fs::create_dir_all(&folder).expect("folder");
        for f in 0..FILES {
            for chunk in buf.chunks_mut(8) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
            }
            let mut file = std::fs::File::create(folder.join(format!("tài liệu {f}.pdf"))).expect("file");
            file.write_all(&buf).expect("write");
        }
    }
    let list_csv = dir.join("danh sách.csv");
    std::fs::write(&list_csv, csv).expect("csv");
    let _ = Command::new("libreoffice")
        .args(["--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir"])
        .arg(&dir)
        .arg(&list_csv)
        .output();
    let xlsx = dir.join("danh sách.xlsx");
    let list = if xlsx.is_file() { xlsx } else { list_csv };
    let q = |p: &Path| format!("'{}'", p.display());
    let total_mb = (PRODUCTS * FILES * FILE_SIZE) as f64 / 1e6;

    let (mut by_hand, mut ours) = (Vec::new(), Vec::new());
    let mut rss = None;
    for run in 0..3 {
        let _ = sh("sync");
        let copy = dir.join(format!("copy-{run}"));
        by_hand.push(sh(&format!(
            "cp -r {} {} && find {} -type f -exec sha256sum {{}} + > /dev/null",
            q(&folders),
            q(&copy),
            q(&copy)
        )));
        let _ = std::fs::remove_dir_all(&copy);
        let _ = sh("sync");
        let session = dir.join(format!("s-{run}.ocop"));
        let _ = sh(&format!("{bin} new {} > /dev/null", q(&session)));
        let script = format!("{bin} import {} {} {} > /dev/null", q(&session), q(&list), q(&folders));
        ours.push(sh(&script));
        let _ = std::fs::remove_file(&session);
        if run == 0 {
            let session = dir.join("rss.ocop");
            let _ = sh(&format!("{bin} new {} > /dev/null", q(&session)));
            rss = peak_kb(&format!("{bin} import {} {} {} > /dev/null", q(&session), q(&list), q(&folders)));
            let _ = std::fs::remove_file(&session);
        }
        for suffix in ["-wal", "-shm", "-lock"] {
            let _ = std::fs::remove_file(dir.join(format!("s-{run}.ocop{suffix}")));
        }
    }
    by_hand.sort();
    ours.sort();
    let (h, o) = (by_hand[1].as_secs_f64(), ours[1].as_secs_f64());
    let kind = if list.extension().is_some_and(|e| e == "xlsx") { "XLSX" } else { "CSV" };
    println!("{PRODUCTS} products: a {kind} list and {PRODUCTS} folders × {FILES} files ({total_mb:.0} MB)\n");
    println!("| 3 runs, median | seconds |");
    println!("|---|---|");
    println!("| `cp -r` + `sha256sum` of every file (the physical limit) | {h:.2} |");
    println!(
        "| `ocop-council import FILE LIST FOLDER` (plan, stream into the session file, one transaction) | {o:.2} |"
    );
    println!("| ratio (target ≤ 1.5) | {:.2} |", o / h);
    if let Some(kb) = rss {
        println!("| peak memory of the import | {:.0} MB (for {total_mb:.0} MB of files) |", kb as f64 / 1024.0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
