//! Issue 14, score sheets: every page attributed, every round, blank sheets unmarked, the star
//! legend, a sheet in at most three pages, and the sheets one file per member.

mod common;

use common::{pdf_pages as pages, squash};

use ocop_council::domain::record::Record;
use ocop_council::report::{Ctx, Fonts, KINDS, Kind, generate, member_sheets};
use ocop_council::store::Store;

fn demo(dir: &std::path::Path) -> (Record, Fonts) {
    let path = common::demo_file(dir);
    (Store::open_shared(&path).unwrap().load().unwrap().into(), Fonts::load().unwrap())
}

/// (sheet number, page i, of n) as the footer says: "Phiếu 3 — trang 1/3".
fn numbering(page: &str) -> (usize, usize, usize) {
    let at = page.find("Phiếu ").expect("a sheet number on every page");
    let rest = &page[at + "Phiếu ".len()..];
    let no: usize = rest.split(' ').next().unwrap().parse().unwrap();
    let tr = rest.find("trang ").unwrap();
    let frac = rest[tr + 6..].split_whitespace().next().unwrap();
    let (i, n) = frac.split_once('/').unwrap();
    (no, i.parse().unwrap(), n.parse().unwrap())
}

#[test]
fn every_page_names_its_product_member_and_place_in_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let (record, fonts) = demo(dir.path());
    let ctx = Ctx::new(&record, &fonts);
    let s = &record.session;
    for kind in [Kind::Sheets, Kind::Blank] {
        let pages = pages(&generate(&ctx, kind));
        let mut last = (0, 0, 0);
        for (k, p) in pages.iter().enumerate() {
            let p = squash(p);
            let (no, i, n) = numbering(&p);
            assert!(i <= n && n <= 3, "{kind:?} page {}: {no} {i}/{n}", k + 1);
            // Pages run in order: the next page of the same sheet, or the first of the next sheet.
            assert!((no == last.0 && i == last.1 + 1) || (no == last.0 + 1 && i == 1), "{kind:?} page {}", k + 1);
            last = (no, i, n);
            let d = s.dossiers.iter().find(|d| p.contains(&format!("{} — {}", d.code, d.product))).expect("product");
            assert!(s.members.iter().any(|m| p.contains(&format!("{} — {} — vòng", d.product, m.name))), "member");
        }
    }
}

#[test]
fn blank_sheets_are_not_drafts_and_have_room_for_comments_and_stars() {
    let dir = tempfile::tempdir().unwrap();
    let (record, fonts) = demo(dir.path());
    assert!(record.lock.is_none(), "a draft session");
    let blank = squash(&pages(&generate(&Ctx::new(&record, &fonts), Kind::Blank)).join("\n"));
    assert!(!blank.contains("DỰ THẢO"), "a blank sheet is a form, not a draft");
    assert!(blank.contains("xếp hạng: ……… sao"));
    assert!(blank.contains("Nhận xét: ……"));
    let filled = squash(&pages(&generate(&Ctx::new(&record, &fonts), Kind::Sheets)).join("\n"));
    assert!(filled.contains("DỰ THẢO — kết quả chưa khóa"), "filled sheets of a draft session say so");
    for text in [&blank, &filled] {
        assert!(text.contains("(***), (****), (*****) — phương án tối thiểu"), "the star legend");
    }
}

#[test]
fn a_rescored_products_earlier_round_sheets_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (record, fonts) = demo(dir.path());
    let text = squash(&pages(&generate(&Ctx::new(&record, &fonts), Kind::Sheets)).join("\n"));
    let s = &record.session;
    let rescored = s.dossiers.iter().find(|d| d.current_round() > 1).expect("the demo re-scores a product");
    for sh in s.sheets.iter().filter(|x| x.dossier == rescored.code && x.round == 1) {
        let m = s.member(&sh.member).unwrap();
        assert!(text.contains(&format!("{} — {} — {} — vòng 1", rescored.code, rescored.product, m.name)));
        assert!(text.contains(&format!("Thành viên chấm: {} — vòng chấm 1", m.name)));
    }
}

#[test]
fn the_sheets_come_one_file_per_member_too() {
    assert!(KINDS.contains(&Kind::SheetsByMember));
    assert_eq!(Kind::parse("sheets-by-member"), Some(Kind::SheetsByMember));
    let dir = tempfile::tempdir().unwrap();
    let (record, fonts) = demo(dir.path());
    let ctx = Ctx::new(&record, &fonts);
    let all = pages(&generate(&ctx, Kind::Sheets));
    let files = member_sheets(&ctx);
    let mut total = 0;
    for (name, bytes) in &files {
        let id = name.trim_start_matches("phieu-cham-").trim_end_matches(".pdf");
        let m = record.session.member(id).expect("a member's file");
        for p in pages(bytes) {
            assert!(squash(&p).contains(&format!("— {} — vòng", m.name)), "{name}: another member's page");
            total += 1;
        }
    }
    assert_eq!(total, all.len(), "the members' files hold exactly the pages of the file of all sheets");
    // The command writes them into a folder beside the others.
    let out = dir.path().join("out");
    let written = ocop_council::report::write_all(&record, &out, Some(Kind::SheetsByMember)).unwrap();
    assert_eq!(written.len(), files.len());
    assert!(out.join("phieu-cham-theo-thanh-vien").join("phieu-cham-m1.pdf").is_file());
}

/// A heading line of the criteria table: "PHẦN A: …", a group "1 TỔ CHỨC …" or a leaf "1.2 Vùng …".
fn is_heading(line: &str) -> bool {
    let code: String = line.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    line.starts_with("PHẦN ") || (!code.is_empty() && line[code.len()..].starts_with(' ') && !code.ends_with('.'))
}

#[test]
fn a_criterion_heading_never_ends_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let (record, fonts) = demo(dir.path());
    let ctx = Ctx::new(&record, &fonts);
    for kind in [Kind::Sheets, Kind::Blank] {
        for (k, page) in pages(&generate(&ctx, kind)).iter().enumerate() {
            // The table's text lines (not the points, marks or the page's stamps), in drawing order.
            let lines: Vec<&str> = page
                .lines()
                .filter(|l| !l.trim().is_empty() && l.trim() != "X" && !l.trim().chars().all(|c| c.is_ascii_digit()))
                .collect();
            let Some(last_heading) = lines.iter().rposition(|l| is_heading(l)) else { continue };
            let next = lines.get(last_heading + 1).copied().unwrap_or("");
            assert!(
                next.starts_with('\u{a0}'),
                "{kind:?} page {}: «{}» is not followed by its options (next: «{next}»)",
                k + 1,
                lines[last_heading]
            );
        }
    }
}
