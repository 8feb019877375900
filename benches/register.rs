//! The register at province scale (issue 18): 20,000 products. `register due` and `register stats`
//! as whole processes, and the Register screen's first view (the register read and the day's lists
//! computed, `workspace::RegisterView::load`) in process — each under 100 ms. Run with
//! `cargo bench --bench register`; it prints a Markdown table for the README.

use ocop_council::domain::Date;
use ocop_council::workspace::RegisterView;
use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

const PRODUCTS: usize = 20_000;

fn run(data: &std::path::Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_ocop-council"))
        .args(args)
        .env("OCOP_DATA_DIR", data)
        .output()
        .expect("binary runs");
    let took = start.elapsed();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    took
}

fn summary(mut runs: Vec<Duration>) -> (f64, f64, f64) {
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(runs[0]), ms(runs[runs.len() / 2]), ms(runs[runs.len() - 1]))
}

/// An office's register of 20,000 rows: decisions spread over 2021–2026, 3 to 5 stars, 40 groups,
/// 300 communes.
fn register_csv() -> String {
    let mut csv = String::from("STT,Tên sản phẩm,Nhóm sản phẩm,Chủ thể,Xã,Hạng sao,Số quyết định,Ngày quyết định\n");
    for i in 0..PRODUCTS {
        let (year, month, day) = (2021 + i % 6, 1 + (i / 7) % 12, 1 + (i / 3) % 28);
        let _ = writeln!(
            csv,
            "{},Sản phẩm {i},Nhóm {},Chủ thể {},Xã {},{},{}/QĐ-UBND,{day}/{month}/{year}",
            i + 1,
            i % 40,
            i / 3,
            i % 300,
            3 + i % 3,
            i % 500
        );
    }
    csv
}

fn main() {
    let dir = std::env::temp_dir().join(format!("ocop-bench-register-{}", std::process::id()));
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("temp dir");
    let csv = dir.join("so-theo-doi.csv");
    std::fs::write(&csv, register_csv()).expect("write csv");
    let import = run(&data, &["register", "import", csv.to_str().expect("utf-8 path")]);
    let _ = run(&data, &["register", "due", "--on", "2026-07-01", "--json"]); // warm the page cache
    let due: Vec<Duration> =
        (0..11).map(|_| run(&data, &["register", "due", "--on", "2026-07-01", "--json"])).collect();
    let stats: Vec<Duration> =
        (0..11).map(|_| run(&data, &["register", "stats", "--on", "2026-07-01", "--json"])).collect();
    let path = data.join("register.ocop-register");
    let day = Date::new(2026, 7, 1).expect("a date");
    let view: Vec<Duration> = (0..11)
        .map(|_| {
            let start = Instant::now();
            let view = RegisterView::load(&path, day).expect("register opens");
            assert_eq!(view.products.len(), PRODUCTS);
            start.elapsed()
        })
        .collect();
    let (d0, d1, d2) = summary(due);
    let (s0, s1, s2) = summary(stats);
    let (v0, v1, v2) = summary(view);
    println!("Register: {PRODUCTS} products (import of the CSV: {:.0} ms)\n", import.as_secs_f64() * 1000.0);
    println!("| what | runs | min | median | max | target |");
    println!("|---|---|---|---|---|---|");
    println!("| `register due --on D --json` (process) | 11 | {d0:.1} ms | {d1:.1} ms | {d2:.1} ms | < 100 ms |");
    println!("| `register stats --on D --json` (process) | 11 | {s0:.1} ms | {s1:.1} ms | {s2:.1} ms | < 100 ms |");
    println!("| Register screen's first view (read + lists) | 11 | {v0:.1} ms | {v1:.1} ms | {v2:.1} ms | < 100 ms |");
    let _ = std::fs::remove_dir_all(&dir);
}
