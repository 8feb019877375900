//! Documents benchmark: every document of the demo session, of a 60-product, 15-member session
//! (900 sheets) and of a province session (400 products × 15 members, 6,000 sheets), as whole
//! `ocop-council documents` processes, with their peak memory (the child's maximum resident set,
//! from wait4), file sizes and bytes per PDF page; beside it, what
//! offices do today — LibreOffice converting an equivalent document (the minutes' content as HTML)
//! to PDF. Run with `cargo bench --bench documents`; prints a Markdown table.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn run(program: &str, args: &[&std::ffi::OsStr]) -> Option<Duration> {
    let start = Instant::now();
    let ok = Command::new(program).args(args).output().ok()?.status.success();
    ok.then(|| start.elapsed())
}

/// The run's time, the child's peak resident memory in bytes (wait4's ru_maxrss, in KiB) and its
/// CPU time (user and system): on a shared machine the wall time says as much about the others.
#[cfg(unix)]
fn run_measured(program: &str, args: &[&std::ffi::OsStr]) -> Option<(Duration, u64, Duration)> {
    use std::process::Stdio;
    let start = Instant::now();
    let child = Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().ok()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    let tv = |t: libc::timeval| Duration::from_micros(t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    (reaped == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0)
        .then(|| (elapsed, usage.ru_maxrss as u64 * 1024, cpu))
}

#[cfg(not(unix))]
fn run_measured(program: &str, args: &[&std::ffi::OsStr]) -> Option<(Duration, u64, Duration)> {
    run(program, args).map(|d| (d, 0, Duration::ZERO))
}

/// The machine's load average over the last minute (Linux), to read the wall times by.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split(' ').next().map(String::from))
        .unwrap_or_default()
}

/// Every PDF under `dir` (and its folders): how many pages, how many bytes.
fn pdf_pages(dir: &Path) -> (usize, u64) {
    let mut pages = 0;
    let mut bytes = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = e.path();
        if path.is_dir() {
            let (p, b) = pdf_pages(&path);
            pages += p;
            bytes += b;
        } else if path.extension().is_some_and(|x| x == "pdf") {
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            pages += lopdf::Document::load(&path).map(|d| d.get_pages().len()).unwrap_or(0);
        }
    }
    (pages, bytes)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn folder_size(dir: &Path) -> (u64, u64, usize) {
    let mut total = 0;
    let mut largest = 0;
    let mut n = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let len = e.metadata().map(|m| m.len()).unwrap_or(0);
        total += len;
        largest = largest.max(len);
        n += 1;
    }
    (total, largest, n)
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_ocop-council");
    let dir = std::env::temp_dir().join(format!("ocop-doc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let demo_json = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/y-yen-2023.json");
    let demo = dir.join("demo.ocop");
    assert!(run(bin, &["new".as_ref(), demo.as_os_str(), "--from".as_ref(), demo_json.as_os_str()]).is_some());
    let (big_doc, _) = common::session_of(60, 15);
    let big_json = dir.join("60x15.json");
    std::fs::write(&big_json, big_doc.to_string()).expect("json");
    let big = dir.join("60x15.ocop");
    assert!(run(bin, &["new".as_ref(), big.as_os_str(), "--from".as_ref(), big_json.as_os_str()]).is_some());

    let (province_doc, _) = common::province_session();
    let province_json = dir.join("province.json");
    std::fs::write(&province_json, province_doc.to_string()).expect("json");
    drop(province_doc);
    let province = dir.join("province.ocop");
    assert!(run(bin, &["new".as_ref(), province.as_os_str(), "--from".as_ref(), province_json.as_os_str()]).is_some());

    println!(
        "| all documents, whole process | runs | median | CPU time | peak memory | total size | largest file | PDF pages | \
         bytes per page | target |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (name, file, runs_n, target) in [
        ("demo session (12 products, 103 sheets)", &demo, 3, "< 0.5 s"),
        ("60 products × 15 members (900 sheets)", &big, 3, "< 5 s"),
        ("province: 400 products × 15 members (6,000 sheets)", &province, 1, "< 15 s, < 600 MB, ≤ 5 KB/page"),
    ] {
        let out =
            dir.join(format!("out-{}", file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()));
        let load = load_average();
        let runs: Vec<(Duration, u64, Duration)> = (0..runs_n)
            .filter_map(|_| {
                // --draft: the generated sessions carry no meeting place; the work is the same.
                run_measured(
                    bin,
                    &["documents".as_ref(), file.as_os_str(), "--out".as_ref(), out.as_os_str(), "--draft".as_ref()],
                )
            })
            .collect();
        assert_eq!(runs.len(), runs_n, "documents made");
        let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
        let (total, largest, n) = folder_size(&out);
        let (pages, pdf_bytes) = pdf_pages(&out);
        let cpu = median(runs.iter().map(|r| r.2).collect());
        println!(
            "| {name}: {n} files (load {load}) | {runs_n} | {:.2} s | {:.2} s | {:.0} MB | {:.1} MB | {:.1} MB | {pages} | {:.1} KB | {target} |",
            median(runs.into_iter().map(|r| r.0).collect()).as_secs_f64(),
            cpu.as_secs_f64(),
            peak as f64 / 1e6,
            total as f64 / 1e6,
            largest as f64 / 1e6,
            pdf_bytes as f64 / pages.max(1) as f64 / 1e3,
        );
    }

    // The offices' way: LibreOffice Writer converting a document of the same content.
    let html = dir.join("bien-ban.html");
    let mut body =
        String::from("<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:'Liberation Serif'\">");
    body.push_str("<p>ỦY BAN NHÂN DÂN HUYỆN Ý YÊN — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><h2>BIÊN BẢN</h2>");
    let out = Command::new(bin).args(["results".as_ref(), demo.as_os_str()]).output().expect("results");
    body.push_str("<table border=\"1\">");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        body.push_str(&format!("<tr><td>{line}</td></tr>"));
    }
    body.push_str("</table></body></html>");
    std::fs::write(&html, body).expect("html");
    let lo_out = dir.join("lo");
    let runs: Vec<Duration> = (0..3)
        .filter_map(|_| {
            run(
                "libreoffice",
                &[
                    "--headless".as_ref(),
                    "--convert-to".as_ref(),
                    "pdf".as_ref(),
                    "--outdir".as_ref(),
                    lo_out.as_os_str(),
                    html.as_os_str(),
                ],
            )
        })
        .collect();
    let ours: Vec<Duration> = (0..3)
        .filter_map(|_| {
            run(
                bin,
                &[
                    "documents".as_ref(),
                    demo.as_os_str(),
                    "--out".as_ref(),
                    dir.join("o").as_os_str(),
                    "--only".as_ref(),
                    "minutes".as_ref(),
                    "--draft".as_ref(),
                ],
            )
        })
        .collect();
    if runs.len() == 3 {
        println!(
            "| the minutes alone: `ocop-council documents --only minutes` | 3 | {:.2} s | | | – |",
            median(ours).as_secs_f64()
        );
        println!(
            "| LibreOffice: `libreoffice --headless --convert-to pdf` of the same content (HTML) | 3 | {:.2} s | | | – |",
            median(runs).as_secs_f64()
        );
    } else {
        println!(
            "| LibreOffice comparison | – | libreoffice not installed (Debian: libreoffice-writer-nogui) | | | – |"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
