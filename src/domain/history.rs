//! The history of earlier rounds (design §3): when a council re-scores a product, what each finished
//! round gave — counted sheets, mean, lowest and highest total, spread — and the council's note on it.
//! Computed by `scoring` itself, so a past round is counted exactly as it was when it was current.

use crate::domain::criteria::{CriteriaSet, SheetIndex};
use crate::domain::fixed::Fixed;
use crate::domain::ruleset::Ruleset;
use crate::domain::scoring::evaluate_product;
use crate::domain::session::{Dossier, MAX_ROUND, ScoreSheet, Session};
use std::collections::{HashMap, HashSet};

/// One finished round of one dossier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundHistory {
    pub round: u32,
    pub counted_sheets: u32,
    /// None when no sheet was counted (or the dossier's sheet is not in the criteria set).
    pub mean: Option<Fixed>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub spread: Option<u32>,
    /// The spread was over the session's limit (the usual reason for another round).
    pub over_limit: bool,
    /// The council's resolution recorded for this round, if any.
    pub resolution: Option<String>,
}

/// A dossier's finished rounds, oldest first; empty while it is in its first round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DossierHistory {
    pub code: String,
    pub rounds: Vec<RoundHistory>,
}

/// Every dossier's earlier rounds, in the session's dossier order.
pub fn history(session: &Session, criteria: &CriteriaSet, ruleset: &Ruleset) -> Vec<DossierHistory> {
    let mut indexes: HashMap<u32, SheetIndex<'_>> = HashMap::new();
    session
        .dossiers
        .iter()
        .map(|d| {
            let index = criteria.sheet(d.sheet).map(|s| &*indexes.entry(d.sheet).or_insert_with(|| SheetIndex::new(s)));
            DossierHistory { code: d.code.clone(), rounds: earlier_rounds(session, ruleset, d, index) }
        })
        .collect()
}

fn earlier_rounds(
    session: &Session,
    ruleset: &Ruleset,
    dossier: &Dossier,
    index: Option<&SheetIndex<'_>>,
) -> Vec<RoundHistory> {
    // A round beyond MAX_ROUND is refused by every reader; bounded here too, so no number in a file
    // can make this loop longer than a council can really score.
    let current = dossier.current_round().min(MAX_ROUND + 1);
    if current <= 1 {
        return Vec::new();
    }
    let sheets: Vec<&ScoreSheet> = session.sheets.iter().filter(|s| s.dossier == dossier.code).collect();
    // Nothing counts as resolved here, so scoring's spread flag says plainly whether the limit was passed.
    let unresolved = HashSet::new();
    (1..current)
        .map(|round| {
            // Scoring evaluates a dossier's current round; the dossier as it stood at `round` (a later
            // elimination aside) gives that round's aggregation by the very same rules.
            let then = Dossier { round: Some(round), eliminated: None, ..dossier.clone() };
            let result = evaluate_product(session, ruleset, &then, index, &sheets, &unresolved);
            RoundHistory {
                round,
                counted_sheets: result.counted_sheets,
                mean: result.mean,
                min: result.min,
                max: result.max,
                spread: result.spread,
                over_limit: result.spread_flag,
                resolution: session
                    .resolutions
                    .iter()
                    .find(|r| r.dossier == dossier.code && r.round == round)
                    .map(|r| r.note.clone()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::tests::tiny_set;
    use serde_json::json;

    fn qd148() -> Ruleset {
        Ruleset::from_json(include_str!("../../assets/rulesets/qd148-2023-huyen.json")).unwrap()
    }

    /// Choices on the tiny set's dial sheet (option k is worth k points) adding up to `total`.
    fn choices(total: u32) -> serde_json::Value {
        let mut left = total;
        let mut out = serde_json::Map::new();
        for (code, max) in [("1.1", 20), ("1.2", 20), ("2", 25), ("3", 35)] {
            let take = left.min(max);
            out.insert(code.into(), take.into());
            left -= take;
        }
        assert_eq!(left, 0, "{total} does not fit the sheet");
        out.into()
    }

    fn sheet(dossier: &str, member: &str, round: u32, total: u32) -> serde_json::Value {
        json!({ "dossier": dossier, "member": member, "round": round, "choices": choices(total) })
    }

    /// Four members (m4 absent), spread limit 10; D1 re-scored twice, D2 in its first round.
    fn session() -> Session {
        let member = |id: &str, role: &str, present: bool| json!({ "id": id, "name": id, "role": role, "present": present, "scores": true });
        let dossier = |code: &str, round: u32| json!({ "code": code, "product": code, "sheet": 1, "producer": "HTX", "round": round });
        let mut sheets = vec![
            sheet("D1", "m1", 1, 40),
            sheet("D1", "m2", 1, 60),
            sheet("D1", "m3", 1, 52),
            sheet("D1", "m4", 1, 99), // absent: not counted
            sheet("D1", "m1", 2, 50),
            sheet("D1", "m2", 2, 55),
            sheet("D1", "m3", 2, 65),
            sheet("D1", "m1", 3, 55),
            sheet("D2", "m1", 1, 70),
        ];
        let mut draft = sheet("D1", "m3", 3, 90);
        draft["draft"] = true.into();
        sheets.push(draft);
        serde_json::from_value(json!({
            "format": crate::domain::session::SESSION_FORMAT,
            "session": {
                "title": "Thử", "ruleset": "qd148-2023-huyen", "criteria_set": "tiny",
                "settings": { "spread_limit": 10, "quorum": { "fraction": "2/3", "chair_required": true }, "decimals": 2 }
            },
            "members": [member("m1", "chair", true), member("m2", "member", true), member("m3", "member", true),
                        member("m4", "member", false)],
            "dossiers": [dossier("D1", 3), dossier("D2", 1)],
            "sheets": sheets,
            "resolutions": [{ "dossier": "D1", "round": 2, "note": "Hội đồng chấp nhận chênh lệch" }],
        }))
        .unwrap()
    }

    fn rounds(s: &Session, code: &str) -> Vec<RoundHistory> {
        let all = history(s, &tiny_set(), &qd148());
        all.into_iter().find(|h| h.code == code).map(|h| h.rounds).unwrap_or_default()
    }

    #[test]
    fn each_finished_round_with_its_counted_sheets_mean_and_spread() {
        let s = session();
        let d1 = rounds(&s, "D1");
        assert_eq!(d1.len(), 2, "rounds 1 and 2 are finished; round 3 is current");
        // Round 1: 40, 60, 52 (the absent member's 99 is not counted): mean 152/3 = 50.67, spread 20.
        let r1 = &d1[0];
        assert_eq!((r1.round, r1.counted_sheets, r1.min, r1.max, r1.spread), (1, 3, Some(40), Some(60), Some(20)));
        assert_eq!(r1.mean.map(|m| m.to_string()), Some("50.67".into()));
        assert!(r1.over_limit);
        assert_eq!(r1.resolution, None);
        // Round 2: 50, 55, 65: mean 56.67, spread 15, with the council's note.
        let r2 = &d1[1];
        assert_eq!((r2.round, r2.counted_sheets, r2.spread), (2, 3, Some(15)));
        assert_eq!(r2.mean.map(|m| m.to_string()), Some("56.67".into()));
        assert_eq!(r2.resolution.as_deref(), Some("Hội đồng chấp nhận chênh lệch"));
        assert!(r2.over_limit, "a resolution accepts a spread, it does not shrink it");
    }

    #[test]
    fn a_round_number_from_a_file_costs_no_more_than_99_rounds() {
        let mut s = session();
        s.dossiers[0].round = Some(u32::MAX);
        let started = std::time::Instant::now();
        let d1 = rounds(&s, "D1");
        assert_eq!(d1.len(), 99, "bounded by MAX_ROUND");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn a_dossier_in_its_first_round_has_no_history() {
        let s = session();
        let all = history(&s, &tiny_set(), &qd148());
        assert_eq!(all.iter().map(|h| h.code.as_str()).collect::<Vec<_>>(), ["D1", "D2"]);
        assert!(rounds(&s, "D2").is_empty());
    }

    #[test]
    fn a_spread_within_the_limit_is_not_over_it() {
        let mut s = session();
        s.sheets.retain(|sh| !(sh.dossier == "D1" && sh.round == 1 && sh.member != "m3"));
        s.sheets.push(serde_json::from_value(sheet("D1", "m1", 1, 48)).unwrap());
        let r1 = &rounds(&s, "D1")[0];
        assert_eq!(
            (r1.counted_sheets, r1.min, r1.max, r1.spread, r1.over_limit),
            (2, Some(48), Some(52), Some(4), false)
        );
    }

    #[test]
    fn recused_members_and_drafts_are_left_out_as_scoring_leaves_them_out() {
        let mut s = session();
        s.dossiers[0].recused.push("m2".into());
        let r1 = &rounds(&s, "D1")[0];
        assert_eq!((r1.counted_sheets, r1.min, r1.max, r1.spread), (2, Some(40), Some(52), Some(12)));
        assert_eq!(r1.mean.map(|m| m.to_string()), Some("46.00".into()));
        for sh in s.sheets.iter_mut().filter(|sh| sh.dossier == "D1" && sh.round == 1 && sh.member == "m3") {
            sh.draft = true;
        }
        let r1 = &rounds(&s, "D1")[0];
        assert_eq!((r1.counted_sheets, r1.min, r1.max, r1.spread), (1, Some(40), Some(40), Some(0)));
    }

    #[test]
    fn an_eliminated_dossier_keeps_the_rounds_it_was_scored_in() {
        let mut s = session();
        s.dossiers[0].eliminated = Some("Giả mạo hồ sơ".into());
        assert_eq!(rounds(&s, "D1")[0].spread, Some(20));
    }

    #[test]
    fn a_round_without_counted_sheets_or_a_sheet_outside_the_criteria_has_no_numbers() {
        let mut s = session();
        s.sheets.retain(|sh| !(sh.dossier == "D1" && sh.round == 2));
        let r2 = &rounds(&s, "D1")[1];
        assert_eq!((r2.counted_sheets, r2.mean, r2.spread), (0, None, None));
        s.dossiers[0].sheet = 99;
        assert!(rounds(&s, "D1").iter().all(|r| r.spread.is_none() && r.counted_sheets == 0));
    }
}
