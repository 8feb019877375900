//! The bundled criteria asset holds exactly the facts of the hand-checked source
//! (`../shared/data/criteria_qd26_2026.json`): every sheet, criterion, option, point, star marker,
//! note, disqualification line and source note.

use ocop_council::catalog::Catalog;
use ocop_council::domain::criteria::Criterion;
use ocop_council::domain::text::nfc;
use serde_json::Value;

fn text(v: &Value) -> String {
    nfc(v.as_str().unwrap_or_default())
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(text).collect()).unwrap_or_default()
}

fn same_criterion(src: &Value, c: &Criterion, at: &str) {
    let at = format!("{at}/{}", c.code);
    assert_eq!(text(&src["code"]), c.code, "{at}");
    assert_eq!(text(&src["title"]), c.title, "{at}");
    assert_eq!(src["max"].as_u64(), Some(u64::from(c.max)), "{at}");
    assert_eq!(texts(&src["notes"]), c.notes, "{at}");
    let options = src["options"].as_array().unwrap();
    assert_eq!(options.len(), c.options.len(), "{at}: options");
    for (o, mine) in options.iter().zip(&c.options) {
        assert_eq!(text(&o["label"]), mine.label, "{at}");
        assert_eq!(o["points"].as_u64(), Some(u64::from(mine.points)), "{at}");
        assert_eq!(o["min_star"].as_u64(), mine.min_star.map(u64::from), "{at}");
    }
    let children = src["children"].as_array().unwrap();
    assert_eq!(children.len(), c.children.len(), "{at}: children");
    for (ch, mine) in children.iter().zip(&c.children) {
        same_criterion(ch, mine, &at);
    }
}

#[test]
fn asset_matches_the_hand_checked_source() {
    let source = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/criteria_qd26_2026.json");
    let Ok(raw) = std::fs::read_to_string(source) else {
        // A clone without the steering repo beside it; CI sets OCOP_REQUIRE_SHARED so this cannot pass silently there.
        assert!(std::env::var_os("OCOP_REQUIRE_SHARED").is_none(), "{source} is missing");
        eprintln!("note: {source} not found; comparison skipped");
        return;
    };
    let src: Value = serde_json::from_str(&raw).unwrap();
    let cat = Catalog::builtin().unwrap();
    let set = cat.criteria("qd26-2026").unwrap();
    assert_eq!(text(&src["id"]), set.id);
    assert_eq!(text(&src["legal_basis"]), set.legal_basis);
    assert_eq!(text(&src["star_marker_rule"]), set.star_marker_rule);
    let sheets = src["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), set.sheets.len());
    for (s, mine) in sheets.iter().zip(&set.sheets) {
        let at = format!("sheet {}", mine.no);
        assert_eq!(s["no"].as_u64(), Some(u64::from(mine.no)), "{at}");
        assert_eq!(text(&s["code"]), mine.code, "{at}");
        assert_eq!(text(&s["name"]), mine.name, "{at}");
        assert_eq!(text(&s["category"]), mine.category, "{at}");
        assert_eq!(text(&s["group"]), mine.group, "{at}");
        assert_eq!(s["disqualify_if"].as_str().map(nfc), mine.disqualify_if, "{at}");
        assert_eq!(texts(&s["source_notes"]), mine.source_notes, "{at}");
        let parts = s["parts"].as_array().unwrap();
        assert_eq!(parts.len(), mine.parts.len(), "{at}");
        for (p, part) in parts.iter().zip(&mine.parts) {
            assert_eq!(
                (text(&p["code"]), text(&p["title"]), p["max"].as_u64()),
                (part.code.clone(), part.title.clone(), Some(u64::from(part.max)))
            );
            let criteria = p["criteria"].as_array().unwrap();
            assert_eq!(criteria.len(), part.criteria.len(), "{at}");
            for (c, mine) in criteria.iter().zip(&part.criteria) {
                same_criterion(c, mine, &at);
            }
        }
    }
}
