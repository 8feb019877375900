//! Issue 14, score sheets: every official sheet (the 26 of QĐ 26/2026), filled and blank, fits in
//! three pages with no text under 9 pt — read back from the PDF.

mod common;

use common::{pdf_pages, squash};
use ocop_council::domain::record::Record;
use ocop_council::report::{Ctx, Fonts, Kind, generate};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The demo session with one product on each of the 26 sheets (long names, as real ones are),
/// each scored by the chair with a comment.
fn every_sheet() -> Record {
    let cat = common::catalog();
    let set = cat.criteria("qd26-2026").unwrap();
    let mut doc = common::demo_value();
    let model = doc["dossiers"][0].clone();
    let mut dossiers = Vec::new();
    let mut sheets = Vec::new();
    for sheet in &set.sheets {
        let code = format!("YY-2023-{:02}", sheet.no);
        let mut d = model.clone();
        d["code"] = json!(code);
        d["sheet"] = json!(sheet.no);
        d["product"] = json!(format!("Sản phẩm đặc sản truyền thống làng nghề Yên Cường loại {}", sheet.no));
        d["producer"] = json!("Hợp tác xã Dịch vụ nông nghiệp và Tiểu thủ công nghiệp Yên Cường");
        dossiers.push(d);
        let choices: serde_json::Map<String, Value> =
            sheet.leaves().iter().map(|l| (l.criterion.code.clone(), json!(l.criterion.options.len()))).collect();
        sheets.push(json!({"dossier": code, "member": "m1", "round": 1, "choices": choices,
            "comment": "Sản phẩm có chất lượng ổn định, bao bì cần bổ sung thông tin truy xuất nguồn gốc."}));
    }
    doc["dossiers"] = json!(dossiers);
    doc["sheets"] = json!(sheets);
    doc["resolutions"] = json!([]);
    // The chair alone scores: one blank sheet per product too.
    for m in doc["members"].as_array_mut().unwrap().iter_mut().skip(1) {
        m["scores"] = json!(false);
    }
    let (session, criteria, ruleset) = ocop_council::exchange::parse(&doc.to_string(), &cat, None).unwrap();
    Record::unstored(session, Arc::new(criteria.clone()), ruleset.clone())
}

/// Pages per sheet number, from each page's footer "Phiếu 3 — trang 1/3".
fn pages_per_sheet(pages: &[String]) -> BTreeMap<usize, (usize, usize)> {
    let mut per = BTreeMap::new();
    for p in pages {
        let p = squash(p);
        let at = p.find("Phiếu ").expect("a sheet number on every page") + "Phiếu ".len();
        let no: usize = p[at..].split(' ').next().unwrap().parse().unwrap();
        let of = p[at..].split("trang ").nth(1).unwrap().split_whitespace().next().unwrap();
        let n: usize = of.split_once('/').unwrap().1.parse().unwrap();
        let e = per.entry(no).or_insert((0, n));
        e.0 += 1;
    }
    per
}

/// Every font size a page sets (the operands of Tf).
fn font_sizes(bytes: &[u8]) -> Vec<f32> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut sizes = Vec::new();
    for page in doc.get_pages().values() {
        for op in doc.get_and_decode_page_content(*page).unwrap().operations {
            if op.operator == "Tf" {
                sizes.push(op.operands[1].as_float().unwrap());
            }
        }
    }
    sizes
}

#[test]
fn every_official_sheet_fits_in_three_pages_at_nine_points_or_more() {
    let record = every_sheet();
    let fonts = Fonts::load().unwrap();
    let ctx = Ctx::new(&record, &fonts);
    for kind in [Kind::Sheets, Kind::Blank] {
        let bytes = generate(&ctx, kind);
        let per = pages_per_sheet(&pdf_pages(&bytes));
        assert_eq!(per.len(), 26, "{kind:?}: one sheet per official sheet");
        for (no, (pages, said)) in &per {
            assert_eq!(pages, said, "{kind:?} sheet {no}: the footer's count is the pages printed");
            assert!(*pages <= 3, "{kind:?}: sheet {no} takes {pages} pages");
        }
        let smallest = font_sizes(&bytes).into_iter().fold(f32::MAX, f32::min);
        assert!(smallest >= 9.0, "{kind:?}: text at {smallest} pt");
    }
}
