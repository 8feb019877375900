//! Issue 14, editable copies: the minutes, decision and letter as .docx, the summary and results as
//! .xlsx, opened here (their XML read back) and found to hold the key texts and numbers; each says
//! it is an editable copy and carries no fingerprint.

mod common;

use ocop_council::domain::record::Record;
use ocop_council::domain::scoring::Decision;
use ocop_council::report::{Ctx, Fonts, KINDS, Kind, editable, write_all};
use ocop_council::store::Store;
use std::io::Read;

fn locked_demo(dir: &std::path::Path) -> Record {
    let path = common::demo_file(dir);
    Store::open(&path).unwrap().lock("thư ký").unwrap();
    Store::open_shared(&path).unwrap().load().unwrap().into()
}

/// The named parts of a zip package as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).unwrap();
    text
}

/// The text runs of a .docx, joined.
fn docx_text(bytes: &[u8]) -> String {
    let xml = part(bytes, "word/document.xml");
    assert!(part(bytes, "[Content_Types].xml").contains("wordprocessingml.document.main+xml"));
    assert!(part(bytes, "_rels/.rels").contains("word/document.xml"));
    xml.split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .filter_map(|s| s.split("</w:t>").next())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&amp;", "&")
}

#[test]
fn the_docx_copies_hold_the_results_and_say_they_are_editable() {
    let dir = tempfile::tempdir().unwrap();
    let record = locked_demo(dir.path());
    let fonts = Fonts::load().unwrap();
    let ctx = Ctx::new(&record, &fonts);
    let files = editable(&ctx);
    let get = |n: &str| files.iter().find(|(name, _)| name == n).map(|(_, b)| b.clone()).expect(n);
    let fp = ocop_council::domain::fingerprint::short(&record.lock.as_ref().unwrap().fingerprint);
    let results = record.results();
    let minutes = docx_text(&get("bien-ban-hop-hoi-dong.docx"));
    for p in &results.products {
        assert!(minutes.contains(&p.code), "{}", p.code);
        if let Some(m) = p.mean {
            // Numbers the Vietnamese way, as in the PDFs (issue 14: a decimal comma in every document).
            assert!(minutes.contains(&ocop_council::lang::vi::number(m)), "{}: mean {m}", p.code);
        }
    }
    let decision = docx_text(&get("du-thao-quyet-dinh-cong-nhan.docx"));
    for p in results.products.iter().filter(|p| p.decision == Decision::Recognized) {
        assert!(decision.contains(&p.code), "recognized {}", p.code);
    }
    assert!(decision.contains("Nơi nhận"));
    let letter = docx_text(&get("van-ban-de-nghi-cap-tren.docx"));
    for p in results.products.iter().filter(|p| p.decision == Decision::Forwarded) {
        assert!(letter.contains(&p.code), "forwarded {}", p.code);
    }
    for text in [&minutes, &decision, &letter] {
        assert!(text.contains("Bản có thể chỉnh sửa (không mang dấu vân tay phiên họp)"));
        assert!(!text.contains(&fp), "an editable copy carries no fingerprint");
    }
}

#[test]
fn the_xlsx_copies_hold_the_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let record = locked_demo(dir.path());
    let fonts = Fonts::load().unwrap();
    let files = editable(&Ctx::new(&record, &fonts));
    let results = record.results();
    for name in ["bang-tong-hop-diem.xlsx", "ket-qua-danh-gia.xlsx"] {
        let bytes = &files.iter().find(|(n, _)| n == name).expect(name).1;
        let strings = part(bytes, "xl/sharedStrings.xml");
        let sheet = part(bytes, "xl/worksheets/sheet1.xml");
        for p in &results.products {
            assert!(strings.contains(&p.code), "{name}: {}", p.code);
            if let Some(m) = p.mean {
                let v: f64 = m.to_string().parse().unwrap();
                assert!(sheet.contains(&format!("<v>{v}</v>")), "{name}: the mean {v} as a number");
            }
        }
        assert!(strings.contains("Bản có thể chỉnh sửa"), "{name}");
    }
}

#[test]
fn the_documents_command_writes_the_editable_folder() {
    assert!(KINDS.contains(&Kind::Editable));
    assert_eq!(Kind::parse("editable"), Some(Kind::Editable));
    let dir = tempfile::tempdir().unwrap();
    let record = locked_demo(dir.path());
    let out = dir.path().join("out");
    let written = write_all(&record, &out, Some(Kind::Editable)).unwrap();
    assert_eq!(written.len(), 5);
    for f in ["bien-ban-hop-hoi-dong.docx", "bang-tong-hop-diem.xlsx"] {
        assert!(out.join("ban-chinh-sua").join(f).is_file(), "{f}");
    }
}

#[test]
fn the_docx_copies_carry_their_recipients() {
    let dir = tempfile::tempdir().unwrap();
    let mut record = locked_demo(dir.path());
    record.session.session.facts.recipients.clear();
    let fonts = Fonts::load().unwrap();
    let files = editable(&Ctx::new(&record, &fonts));
    for name in ["bien-ban-hop-hoi-dong.docx", "du-thao-quyet-dinh-cong-nhan.docx", "van-ban-de-nghi-cap-tren.docx"] {
        let text = docx_text(&files.iter().find(|(n, _)| n == name).unwrap().1);
        assert!(text.contains("Nơi nhận: - ……………………; - ……………………; - Lưu: VT."), "{name}: {text}");
    }
}

/// Two runs over the same session give the same bytes: the workbooks are dated from the session
/// (the lock's time), not the clock, and the documents keep no other trace of the run.
#[test]
fn the_editable_copies_are_the_same_bytes_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let record = locked_demo(dir.path());
    let fonts = Fonts::load().unwrap();
    let first = editable(&Ctx::new(&record, &fonts));
    // A second apart at least: the clock's seconds would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = editable(&Ctx::new(&record, &fonts));
    assert_eq!(first.len(), 5);
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name}: two runs differ");
    }
    let at: String = record.lock.as_ref().unwrap().at.chars().take(19).collect();
    for name in ["bang-tong-hop-diem.xlsx", "ket-qua-danh-gia.xlsx"] {
        let core = part(&first.iter().find(|(n, _)| n == name).unwrap().1, "docProps/core.xml");
        assert!(core.contains(&format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{at}Z")), "{name}: {core}");
    }
}
