//! What a member's page is sent: their own products (recused and eliminated ones left out), the
//! criteria of those products' sheets, their own sheets of the current round — never anyone else's.

use crate::domain::criteria::Sheet;
use crate::domain::ruleset::Ruleset;
use crate::domain::{Fixed, Session};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The member's state as JSON, or None for a member who is not on the council.
pub fn member_state(
    session: &Session,
    sheets: &crate::domain::CriteriaSet,
    bands: &[u8],
    member: &str,
) -> Option<Value> {
    let who = session.members.iter().find(|m| m.id == member)?;
    let mut products = Vec::new();
    let mut used: BTreeMap<u32, &Sheet> = BTreeMap::new();
    for d in &session.dossiers {
        if !who.scores || d.eliminated.is_some() || d.recused.iter().any(|r| r == member) {
            continue;
        }
        let round = d.current_round();
        let own = session.sheets.iter().find(|s| s.dossier == d.code && s.member == member && s.round == round);
        let status = match own {
            None => "draft",
            Some(s) if s.draft => "draft",
            Some(_) => "submitted",
        };
        if let Some(sheet) = sheets.sheet(d.sheet) {
            used.insert(d.sheet, sheet);
        }
        products.push(json!({
            "code": d.code, "product": d.product, "producer": d.producer, "sheet": d.sheet, "round": round,
            "status": status,
            "choices": own.map(|s| s.choices.clone()).unwrap_or_default(),
            "comment": own.map(|s| s.comment.clone()).unwrap_or_default(),
        }));
    }
    let sheets_json: BTreeMap<String, Value> = used.iter().map(|(no, s)| (no.to_string(), sheet_json(s))).collect();
    Some(json!({
        "member": { "id": who.id, "name": who.name, "present": who.present, "scores": who.scores },
        "products": products, "sheets": sheets_json, "bands": bands,
    }))
}

/// The band of every whole total 0–100, so the page shows the same band the results would (the
/// ruleset never changes after the file is made: the writer works this out once).
pub fn bands(ruleset: &Ruleset) -> Vec<u8> {
    (0..=100).map(|t| ruleset.band(Fixed::from_int(t, 0))).collect()
}

/// A criteria sheet as the page draws it: parts, and in each its leaves with their options.
fn sheet_json(sheet: &Sheet) -> Value {
    let leaves = sheet.leaves();
    let parts: Vec<Value> = sheet
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mine: Vec<Value> = leaves
                .iter()
                .filter(|l| l.part == i)
                .map(|l| {
                    let c = l.criterion;
                    let options: Vec<Value> = c
                        .options
                        .iter()
                        .map(|o| json!({ "label": o.label, "points": o.points, "min_star": o.min_star }))
                        .collect();
                    json!({ "code": c.code, "title": c.title, "max": c.max, "options": options })
                })
                .collect();
            json!({ "code": p.code, "title": p.title, "max": p.max, "leaves": mine })
        })
        .collect();
    json!({ "no": sheet.no, "name": sheet.name, "parts": parts })
}
