//! The register at province scale (issue 18): 20,000 products. `register due` and `register stats`
//! as whole processes, and opening the Register screen in process — its `update` (the register
//! read, the day's lists and statistics computed) and its `view` (the widget tree with the charts'
//! canvases) — each under 100 ms. Wall clock (median and max) and CPU time of each. Run with
//! `cargo bench --bench register`; it prints a Markdown table for the README.

use ocop_council::domain::Date;
use ocop_council::lang::Lang;
use ocop_council::ui::screen::register::{Message, State};
use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

const PRODUCTS: usize = 20_000;

/// CPU time (user + system) used so far by this process (`who` = RUSAGE_SELF) or its finished
/// children (RUSAGE_CHILDREN): on a shared machine the wall clock mostly measures the others' load.
#[cfg(unix)]
fn cpu(who: i32) -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(not(unix))]
fn cpu(_who: i32) -> Duration {
    Duration::ZERO
}

#[cfg(unix)]
const CHILDREN: i32 = libc::RUSAGE_CHILDREN;
#[cfg(unix)]
const SELF: i32 = libc::RUSAGE_SELF;
#[cfg(not(unix))]
const CHILDREN: i32 = 0;
#[cfg(not(unix))]
const SELF: i32 = 0;

/// Wall clock and CPU time of one whole process.
fn run(data: &std::path::Path, args: &[&str]) -> (Duration, Duration) {
    let (start, cpu_before) = (Instant::now(), cpu(CHILDREN));
    let out = Command::new(env!("CARGO_BIN_EXE_ocop-council"))
        .args(args)
        .env("OCOP_DATA_DIR", data)
        .output()
        .expect("binary runs");
    let took = (start.elapsed(), cpu(CHILDREN) - cpu_before);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    took
}

/// "median / max" of the wall clock, and "median / max" of the CPU time, in ms.
fn summary(runs: Vec<(Duration, Duration)>) -> (String, String) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (mut wall, mut cpu): (Vec<Duration>, Vec<Duration>) = runs.into_iter().unzip();
    wall.sort();
    cpu.sort();
    let n = wall.len();
    (
        format!("{:.1} / {:.1} ms", ms(wall[n / 2]), ms(wall[n - 1])),
        format!("{:.1} / {:.1} ms", ms(cpu[n / 2]), ms(cpu[n - 1])),
    )
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
    let due: Vec<(Duration, Duration)> =
        (0..11).map(|_| run(&data, &["register", "due", "--on", "2026-07-01", "--json"])).collect();
    let stats: Vec<(Duration, Duration)> =
        (0..11).map(|_| run(&data, &["register", "stats", "--on", "2026-07-01", "--json"])).collect();
    let path = data.join("register.ocop-register");
    let day = Date::new(2026, 7, 1).expect("a date");
    // Opening the screen as the window does: a fresh state, `update(Refresh)`, then `view`.
    let view: Vec<(Duration, Duration)> = (0..11)
        .map(|_| {
            let (start, cpu_before) = (Instant::now(), cpu(SELF));
            let mut screen = State::new(path.clone(), day);
            let _ = screen.update(Message::Refresh, None);
            let element = screen.view(None, Lang::Vi);
            let took = (start.elapsed(), cpu(SELF) - cpu_before);
            drop(element);
            assert_eq!(screen.view_model().expect("register opens").products.len(), PRODUCTS);
            took
        })
        .collect();
    let (due_wall, due_cpu) = summary(due);
    let (stats_wall, stats_cpu) = summary(stats);
    let (view_wall, view_cpu) = summary(view);
    println!("Register: {PRODUCTS} products (import of the CSV: {:.0} ms)\n", import.0.as_secs_f64() * 1000.0);
    println!("| what | runs | wall clock median / max | CPU median / max | target |");
    println!("|---|---|---|---|---|");
    println!("| `register due --on D --json` (process) | 11 | {due_wall} | {due_cpu} | < 100 ms |");
    println!("| `register stats --on D --json` (process) | 11 | {stats_wall} | {stats_cpu} | < 100 ms |");
    println!("| Register screen opened (update + view) | 11 | {view_wall} | {view_cpu} | < 100 ms |");
    let _ = std::fs::remove_dir_all(&dir);
}
