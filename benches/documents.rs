//! Documents benchmark: every document of the demo session, and of a 60-product, 15-member session
//! (900 sheets), as whole `ocop-council documents` processes, with file sizes; beside it, what
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

    println!("| all documents, whole process | runs | median | total size | largest file | target |");
    println!("|---|---|---|---|---|---|");
    for (name, file, target) in [
        ("demo session (12 products, 95 sheets)", &demo, "< 1 s"),
        ("60 products × 15 members (900 sheets)", &big, "< 5 s"),
    ] {
        let out =
            dir.join(format!("out-{}", file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()));
        let runs: Vec<Duration> = (0..3)
            .filter_map(|_| run(bin, &["documents".as_ref(), file.as_os_str(), "--out".as_ref(), out.as_os_str()]))
            .collect();
        assert_eq!(runs.len(), 3, "documents made");
        let (total, largest, n) = folder_size(&out);
        println!(
            "| {name}: {n} PDFs | 3 | {:.2} s | {:.1} MB | {:.1} MB | {target} |",
            median(runs).as_secs_f64(),
            total as f64 / 1e6,
            largest as f64 / 1e6
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
