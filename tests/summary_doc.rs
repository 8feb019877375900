//! Issue 14, summary table: members named in the headers, recusals explained, the decision and
//! capped stars, earlier rounds' means, the signatures with the table's last rows.

mod common;

use common::{pdf_pages as pages, squash};

use ocop_council::domain::record::Record;
use ocop_council::report::{Ctx, Fonts, Kind, generate};
use ocop_council::store::Store;

fn summary() -> (Record, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let record: Record = Store::open_shared(&path).unwrap().load().unwrap().into();
    let fonts = Fonts::load().unwrap();
    let pages = pages(&generate(&Ctx::new(&record, &fonts), Kind::Summary));
    (record, pages)
}

#[test]
fn members_are_named_in_the_headers_and_recusals_explained() {
    let (record, pages) = summary();
    let cells: Vec<String> = pages.iter().flat_map(|p| p.lines().map(|l| l.trim().to_string())).collect();
    let text = squash(&pages.join("\n"));
    for m in &record.session.members {
        assert!(!cells.contains(&m.id), "{}: a member is not a code in the header", m.id);
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let last = words.last().unwrap();
        assert!(text.contains(last), "{}: the name in the header", m.name);
    }
    assert!(text.contains("N.V. Hùng"), "the chair's shortened name: {text}");
    assert!(!cells.iter().any(|c| c == "rút"), "no unexplained 'rút'");
    let recused = record.session.dossiers.iter().filter(|d| !d.recused.is_empty()).count();
    assert!(recused > 0);
    assert!(cells.iter().filter(|c| *c == "KC").count() >= recused);
    assert!(text.contains("KC — thành viên không chấm sản phẩm này"));
}

#[test]
fn the_decision_capped_stars_and_earlier_rounds_are_shown() {
    let (record, pages) = summary();
    let text = squash(&pages.join("\n"));
    let results = record.results();
    assert!(text.contains("Kết quả"));
    for p in &results.products {
        assert!(text.contains(ocop_council::lang::vi::decision(p.decision)), "{}", p.code);
    }
    let capped = results.products.iter().filter(|p| matches!((p.cap, p.band), (Some(c), Some(b)) if c < b)).count();
    assert!(capped > 0, "the demo has a capped product");
    assert_eq!(text.matches("(h)").count(), capped + 1, "each capped product, and the legend");
    let history = record.history();
    let d = record.session.dossiers.iter().find(|d| d.current_round() > 1).expect("a re-scored product");
    let rescored = history.iter().find(|h| h.code == d.code).expect("its history");
    let r1 = rescored.rounds.iter().find(|r| r.round == 1).expect("round 1");
    // With a decimal comma, as every number in the documents (issue 14).
    let mean = ocop_council::lang::vi::number(r1.mean.unwrap());
    assert!(text.contains(&format!("V1: {mean}")), "round 1's mean: {text}");
}

#[test]
fn the_signatures_stay_with_the_last_rows_of_the_table() {
    let (record, pages) = summary();
    let last = record.results().products.last().unwrap().code.clone();
    let signing = pages.iter().find(|p| squash(p).contains("CHỦ TỊCH HỘI ĐỒNG")).expect("signatures");
    assert!(squash(signing).contains(last.as_str()), "the signatures' page holds the last row");
}
