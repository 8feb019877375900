//! The PDF documents read back: texts and numbers as the results say, every sheet there with the
//! right total, Vietnamese intact, page numbers right, no table row split across pages.

mod common;

use common::{pdf_pages as pages, squash};

use ocop_council::domain::record::Record;
use ocop_council::report::{Ctx, Fonts, Kind, generate};
use ocop_council::store::Store;
use serde_json::Value;

struct Made {
    record: Record,
    fonts: Fonts,
}

fn demo(dir: &std::path::Path, lock: bool) -> Made {
    let path = common::demo_file(dir);
    if lock {
        Store::open(&path).unwrap().lock("thư ký").unwrap();
    }
    let record = Store::open_shared(&path).unwrap().load().unwrap().into();
    Made { record, fonts: Fonts::load().unwrap() }
}

fn doc(m: &Made, kind: Kind) -> Vec<String> {
    pages(&generate(&Ctx::new(&m.record, &m.fonts), kind))
}

#[test]
fn the_minutes_carry_the_results_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let m = demo(dir.path(), false);
    let text = squash(&doc(&m, Kind::Minutes).join("\n"));
    let results: Value = serde_json::to_value(m.record.results()).unwrap();
    for p in results["products"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap();
        // The JSON keeps its dot; the document writes the Vietnamese decimal comma (issue 14).
        let mean = p["mean"].as_str().unwrap().replace('.', ",");
        let mean = mean.as_str();
        // The results table row: code, …, mean, stars.
        let at = text.find(code).unwrap_or_else(|| panic!("{code} missing"));
        let row: String = text[at..].chars().take(160).collect();
        assert!(row.contains(mean), "{code}: {mean} not in «{row}»");
    }
    for phrase in [
        "BIÊN BẢN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ý Yên, ngày 05 tháng 6 năm 2023",
        "Số thành viên có mặt: 8/9 — đủ số lượng",
        "Sản phẩm đạt chuẩn, đề nghị Chủ tịch Ủy ban nhân dân cấp huyện công nhận: 9 sản phẩm.",
        "đề nghị chuyển Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh xem xét: 2 sản phẩm.",
        "Sản phẩm không đạt (dưới 3 sao): 1 sản phẩm.",
        "Hội đồng thống nhất chấm lại ở vòng 2",
        "chưa đạt yêu cầu tối thiểu của tiêu chí 3.5 (yêu cầu 4 sao)",
        "Đỉnh đồng Tống Xá",
        "DỰ THẢO",
    ] {
        assert!(text.contains(phrase), "«{phrase}» missing from the minutes");
    }
}

#[test]
fn page_numbers_and_the_lock_fingerprint_are_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let m = demo(dir.path(), true);
    let fp = ocop_council::domain::fingerprint::short(&m.record.lock.as_ref().unwrap().fingerprint);
    for kind in [Kind::Minutes, Kind::Summary, Kind::Decision, Kind::Forward] {
        let pages = doc(&m, kind);
        let n = pages.len();
        for (i, p) in pages.iter().enumerate() {
            let p = squash(p);
            // Issue 14: the administrative documents number their pages at the top from page 2
            // (tests/paper.rs); the summary table keeps "Trang x/y".
            if kind == Kind::Summary {
                assert!(p.contains(&format!("Trang {}/{n}", i + 1)), "{kind:?} page {}: {p}", i + 1);
            }
            assert!(p.contains(&format!("Dấu vân tay phiên họp: {fp}")), "{kind:?} page {}", i + 1);
            assert!(!p.contains("DỰ THẢO"), "{kind:?}: a locked document is not a draft");
        }
    }
}

#[test]
fn every_member_sheet_exists_with_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let m = demo(dir.path(), false);
    let pages = doc(&m, Kind::Sheets);
    let text = squash(&pages.join("\n"));
    let s = &m.record.session;
    let mut expected = 0;
    for d in &s.dossiers {
        let index = ocop_council::domain::criteria::SheetIndex::new(m.record.criteria.sheet(d.sheet).unwrap());
        for sh in s.sheets.iter().filter(|x| x.dossier == d.code && x.round == d.current_round()) {
            let member = s.member(&sh.member).unwrap();
            if !member.present {
                continue;
            }
            expected += 1;
            let total = ocop_council::domain::scoring::sheet_total(&index, sh).total;
            let head = format!("Sản phẩm: {} (mã hồ sơ {}) Chủ thể:", d.product, d.code);
            let starts: Vec<usize> = text.match_indices(&head).map(|(i, _)| i).collect();
            let found = starts.iter().any(|&i| {
                let rest = &text[i..];
                let end =
                    rest[1..].find("PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP").map(|e| e + 1).unwrap_or(rest.len());
                let one = &rest[..end];
                one.contains(&format!("Thành viên chấm: {} — vòng chấm", member.name))
                    && one.contains(&format!("TỔNG ĐIỂM: {total}/100"))
            });
            assert!(found, "{} × {}: sheet with total {total} missing", d.code, member.name);
        }
    }
    assert_eq!(expected, 95, "8 members × 12 products, less one recusal, round 2 counted once");
    // Issue 14: the sheets of every round are printed (a re-scored product's earlier sheets too).
    let earlier = s
        .sheets
        .iter()
        .filter(|x| !x.draft && s.dossier(&x.dossier).is_some_and(|d| x.round < d.current_round()))
        .count();
    assert!(earlier > 0, "the demo re-scores a product");
    assert_eq!(text.matches("PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP").count(), expected + earlier);
    // Blank sheets: one per present scoring member per product, pre-filled, nothing marked.
    let blank = squash(&doc(&m, Kind::Blank).join("\n"));
    assert_eq!(blank.matches("PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP").count(), 95);
    assert!(blank.contains("TỔNG ĐIỂM: ………/100"));
}

#[test]
fn a_sixty_product_session_paginates_without_splitting_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = common::demo_value();
    // 60 products: the demo's 12, five times over, with long names that wrap.
    let dossiers = v["dossiers"].as_array().unwrap().clone();
    let sheets = v["sheets"].as_array().unwrap().clone();
    let mut all_d = Vec::new();
    let mut all_s = Vec::new();
    for k in 0..5 {
        for d in &dossiers {
            let mut d = d.clone();
            let code = format!("{}-{k}", d["code"].as_str().unwrap());
            d["product"] =
                format!("{} loại đặc biệt đóng gói hộp quà tặng số {k}", d["product"].as_str().unwrap()).into();
            for s in sheets.iter().filter(|s| s["dossier"] == d["code"]) {
                let mut s = s.clone();
                s["dossier"] = code.clone().into();
                all_s.push(s);
            }
            d["code"] = code.into();
            all_d.push(d);
        }
    }
    v["dossiers"] = all_d.into();
    v["sheets"] = all_s.into();
    let cat = ocop_council::catalog::Catalog::builtin().unwrap();
    let (session, criteria, ruleset) = ocop_council::exchange::parse(&v.to_string(), &cat, None).unwrap();
    let path = dir.path().join("60.ocop");
    Store::create(&path, &session, criteria, ruleset, "t").unwrap();
    let m = Made { record: Store::open_shared(&path).unwrap().load().unwrap().into(), fonts: Fonts::load().unwrap() };
    for kind in [Kind::Minutes, Kind::Summary] {
        let pages = doc(&m, kind);
        assert!(pages.len() >= 2, "{kind:?} spans pages");
        for p in &m.record.session.dossiers {
            // Each product's row lies on exactly one page: its code and its product name together.
            let holding: Vec<usize> =
                pages.iter().enumerate().filter(|(_, t)| squash(t).contains(&p.code)).map(|(i, _)| i).collect();
            let head_word = p.product.split(' ').next().unwrap();
            for i in &holding {
                let t = squash(&pages[*i]);
                assert!(t.contains(head_word), "{kind:?}: {} on page {} without its name", p.code, i + 1);
            }
        }
        // The header row repeats on every page that holds table rows (a cell that is just a code).
        let codes: Vec<&str> = m.record.session.dossiers.iter().map(|d| d.code.as_str()).collect();
        let table_pages: Vec<&String> = pages.iter().filter(|t| t.lines().any(|l| codes.contains(&l.trim()))).collect();
        assert!(table_pages.len() >= 2, "{kind:?}: the table spans pages");
        for t in table_pages {
            assert!(t.lines().any(|l| l.trim() == "Mã hồ sơ"), "{kind:?}: a table page without its header");
        }
    }
}

#[test]
fn documents_need_no_session_file() {
    // A record straight from the exchange format, never stored: the same minutes as from the file.
    let dir = tempfile::tempdir().unwrap();
    let stored = demo(dir.path(), false);
    let cat = ocop_council::catalog::Catalog::builtin().unwrap();
    let (session, criteria, ruleset) =
        ocop_council::exchange::parse(&common::demo_value().to_string(), &cat, None).unwrap();
    let record = Record::unstored(session, std::sync::Arc::new(criteria.clone()), ruleset.clone());
    let unstored = Made { record, fonts: Fonts::load().unwrap() };
    for kind in [Kind::Minutes, Kind::Summary, Kind::Decision, Kind::Forward] {
        assert_eq!(doc(&unstored, kind), doc(&stored, kind), "{kind:?}");
    }
}
