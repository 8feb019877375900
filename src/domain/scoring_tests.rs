//! Every scoring rule with hand-computed expectations, on the "dial" sheet of
//! `criteria::tests::tiny_set` (option k of a leaf is worth k points). Star minimums there:
//! 1.1 needs 10 points for 3★ and 15 for 4★; criterion 2 needs 20 for 5★.

use super::*;
use crate::domain::criteria::tests::tiny_set;
use crate::domain::ruleset::{Fraction, Settings};
use crate::domain::session::{Dossier, EntityType, Kind, Member, Resolution, Role, SessionInfo};
use proptest::prelude::*;

fn qd148() -> Ruleset {
    Ruleset::from_json(include_str!("../../assets/rulesets/qd148-2023-huyen.json")).unwrap()
}
fn qd26() -> Ruleset {
    Ruleset::from_json(include_str!("../../assets/rulesets/qd26-2026-tinh.json")).unwrap()
}

/// A council of `n` (m1 chair, m2 vice-chair, the rest members), all present and scoring, and one dossier D1.
fn council(n: usize) -> Session {
    let members = (1..=n)
        .map(|i| Member {
            id: format!("m{i}"),
            name: format!("Thành viên {i}"),
            position: String::new(),
            role: match i {
                1 => Role::Chair,
                2 => Role::ViceChair,
                _ => Role::Member,
            },
            present: true,
            scores: true,
            honorific: None,
            absence_reason: String::new(),
        })
        .collect();
    Session {
        format: crate::domain::session::SESSION_FORMAT.into(),
        session: SessionInfo {
            title: "Thử".into(),
            ruleset: "qd148-2023-huyen".into(),
            criteria_set: "tiny".into(),
            authority: String::new(),
            province: String::new(),
            council_decision: String::new(),
            meeting_date: None,
            meeting_place: String::new(),
            settings: Some(Settings::QD148),
            facts: Default::default(),
        },
        members,
        dossiers: vec![Dossier {
            code: "D1".into(),
            product: "Gạo nếp".into(),
            sheet: 1,
            producer: "HTX".into(),
            entity_type: EntityType::Htx,
            representative: String::new(),
            address: String::new(),
            phone: String::new(),
            kind: Kind::New,
            self_score: None,
            eliminated: None,
            recused: vec![],
            round: Some(1),
            conclusion: String::new(),
        }],
        sheets: vec![],
        resolutions: vec![],
        audit: vec![],
    }
}

/// Blockers in their `results --json` form.
fn texts(blockers: &[Blocker]) -> Vec<String> {
    blockers.iter().map(ToString::to_string).collect()
}

/// Choices giving `total` points that meet every star minimum when total ≥ 35.
fn choices_for(total: u32) -> BTreeMap<String, u8> {
    let mut left = total;
    let mut c: BTreeMap<String, u8> = ["1.1", "1.2", "2", "3"].iter().map(|k| (k.to_string(), 0)).collect();
    for (code, cap) in [("1.1", 15), ("2", 20), ("1.2", 20), ("3", 35), ("1.1", 20), ("2", 25)] {
        let have = u32::from(c[code]);
        let add = left.min(cap - have.min(cap));
        *c.get_mut(code).unwrap() = (have + add) as u8;
        left -= add;
    }
    assert_eq!(left, 0, "total {total} does not fit the sheet");
    c
}

fn add(s: &mut Session, member: &str, round: u32, total: u32) {
    add_choices(s, member, round, choices_for(total));
}

fn add_choices(s: &mut Session, member: &str, round: u32, choices: BTreeMap<String, u8>) {
    s.sheets.push(ScoreSheet {
        dossier: "D1".into(),
        member: member.into(),
        round,
        choices,
        comment: String::new(),
        draft: false,
        checked: false,
    });
}

/// A council of `totals.len()` where member i scored totals[i] in round 1.
fn scored(totals: &[u32]) -> Session {
    let mut s = council(totals.len());
    for (i, t) in totals.iter().enumerate() {
        add(&mut s, &format!("m{}", i + 1), 1, *t);
    }
    s
}

fn eval(s: &Session) -> Results {
    evaluate(s, &tiny_set(), &qd148(), false)
}

fn product(s: &Session) -> ProductResult {
    eval(s).products.remove(0)
}

fn with_decimals(mut s: Session, decimals: u8) -> Session {
    s.session.settings.as_mut().unwrap().decimals = decimals;
    s
}

#[test]
fn sheet_total_sums_chosen_points_per_part() {
    let set = tiny_set();
    let idx = SheetIndex::new(&set.sheets[0]);
    let sheet = ScoreSheet {
        dossier: "D1".into(),
        member: "m1".into(),
        round: 1,
        choices: [("1.1", 12u8), ("1.2", 0), ("2", 25), ("3", 7)].iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        comment: String::new(),
        draft: false,
        checked: false,
    };
    assert_eq!(sheet_total(&idx, &sheet), SheetTotal { total: 44, parts: vec![12, 25, 7] });
}

#[test]
fn mean_min_max_spread_and_parts() {
    let p = product(&scored(&[63, 64, 63]));
    assert_eq!(p.counted_sheets, 3);
    assert_eq!(p.mean.unwrap().to_string(), "63.33");
    assert_eq!((p.min, p.max, p.spread), (Some(63), Some(64), Some(1)));
    // choices_for: 63 = 1.1:15 + 2:20 + 1.2:20 + 3:8 → A 35, B 20, C 8; 64 → C 9.
    assert_eq!(p.parts["A"].to_string(), "35.00");
    assert_eq!(p.parts["B"].to_string(), "20.00");
    assert_eq!(p.parts["C"].to_string(), "8.33");
    assert_eq!((p.band, p.cap, p.stars), (Some(3), Some(5), Some(3)));
    assert_eq!(p.decision, Decision::Recognized);
}

#[test]
fn rounding_half_away_from_zero_with_0_1_2_decimals() {
    // 8 sheets, sum 501 → 62.625 exactly.
    let totals = [62, 62, 63, 63, 63, 62, 63, 63];
    assert_eq!(totals.iter().sum::<u32>(), 501);
    assert_eq!(product(&with_decimals(scored(&totals), 2)).mean.unwrap().to_string(), "62.63");
    assert_eq!(product(&with_decimals(scored(&totals), 1)).mean.unwrap().to_string(), "62.6");
    assert_eq!(product(&with_decimals(scored(&totals), 0)).mean.unwrap().to_string(), "63");
    // 4 sheets, sum 249 → 62.25 → 62.3 with one decimal; 2 sheets, 125 → 62.5 → 63 with none.
    assert_eq!(product(&with_decimals(scored(&[62, 62, 62, 63]), 1)).mean.unwrap().to_string(), "62.3");
    assert_eq!(product(&with_decimals(scored(&[62, 63]), 0)).mean.unwrap().to_string(), "63");
}

#[test]
fn the_rounded_mean_decides_the_band() {
    // 20 sheets, sum 1399 → 69.95: 70.0 with one decimal (4★ band), 69.95 with two (3★ band).
    let mut totals = vec![70u32; 20];
    totals[0] = 69;
    let one = product(&with_decimals(scored(&totals), 1));
    assert_eq!(one.mean.unwrap().to_string(), "70.0");
    assert_eq!(one.band, Some(4));
    let two = product(&with_decimals(scored(&totals), 2));
    assert_eq!(two.mean.unwrap().to_string(), "69.95");
    assert_eq!(two.band, Some(3));
}

#[test]
fn bands_from_means_at_the_boundaries() {
    let cases: &[(&[u32], &str, u8)] = &[
        (&[50, 50, 49], "49.67", 2),
        (&[50, 50, 50], "50.00", 3),
        (&[70, 70, 69], "69.67", 3),
        (&[70, 70, 70], "70.00", 4),
        (&[90, 90, 89], "89.67", 4),
        (&[90, 90, 90], "90.00", 5),
        (&[36, 36, 36], "36.00", 2),
    ];
    for (totals, mean, band) in cases {
        let p = product(&scored(totals));
        assert_eq!(p.mean.unwrap().to_string(), *mean, "{totals:?}");
        assert_eq!(p.band, Some(*band), "{totals:?}");
    }
}

/// `n` members with 1.1 lowered to `low` for the first `how_many`; everything else high (95 points).
/// The spread limit is lifted so that only the star minimums are at play.
fn with_low_11(n: usize, how_many: usize, low: u8) -> Session {
    let mut s = council(n);
    s.session.settings.as_mut().unwrap().spread_limit = 100;
    for i in 0..n {
        let mut c = choices_for(95);
        if i < how_many {
            c.insert("1.1".into(), low);
        }
        add_choices(&mut s, &format!("m{}", i + 1), 1, c);
    }
    s
}

#[test]
fn cap_at_each_level() {
    // Everything met → cap 5, 95 points → 5★, forwarded by the district.
    let p = product(&with_low_11(3, 0, 0));
    assert_eq!((p.band, p.cap, p.stars), (Some(5), Some(5), Some(5)));
    assert_eq!(p.decision, Decision::Forwarded);
    assert!(p.unmet.is_empty());

    // 4★ minimum (1.1 ≥ 15) missed by 2 of 3 → cap 3.
    let p = product(&with_low_11(3, 2, 12));
    assert_eq!((p.cap, p.stars), (Some(3), Some(3)));
    assert_eq!(p.unmet, vec![Unmet { criterion: "1.1".into(), level: 4 }]);
    assert_eq!(p.decision, Decision::Recognized);

    // 3★ minimum (1.1 ≥ 10) missed by 2 of 3 → both 3★ and 4★ unmet, cap 2, not achieved.
    let p = product(&with_low_11(3, 2, 5));
    assert_eq!((p.cap, p.stars), (Some(2), Some(2)));
    assert_eq!(p.unmet, vec![Unmet { criterion: "1.1".into(), level: 3 }, Unmet { criterion: "1.1".into(), level: 4 }]);
    assert_eq!(p.decision, Decision::NotAchieved);

    // 5★ minimum (2 ≥ 20) missed by all: 95 points → capped to 4★.
    let mut s = council(3);
    for i in 1..=3 {
        let mut c = choices_for(95);
        c.insert("2".into(), 19);
        add_choices(&mut s, &format!("m{i}"), 1, c);
    }
    let p = product(&s);
    assert_eq!((p.band, p.cap, p.stars), (Some(5), Some(4), Some(4)));
    assert_eq!(p.decision, Decision::Forwarded, "district: 4★ goes to the province");
    let p = evaluate(&s, &tiny_set(), &qd26(), false).products.remove(0);
    assert_eq!(p.decision, Decision::Recognized, "province recognises 4★ itself");
}

#[test]
fn strict_majority_with_even_and_odd_counts() {
    assert!(!strict_majority(2, 4));
    assert!(strict_majority(3, 4));
    assert!(strict_majority(2, 3));
    assert!(!strict_majority(1, 3));
    assert!(!strict_majority(0, 0));
    // Even: half of 4 members below the 4★ minimum is not a majority reaching it → unmet.
    assert_eq!(product(&with_low_11(4, 2, 12)).cap, Some(3));
    assert_eq!(product(&with_low_11(4, 1, 12)).cap, Some(5));
    // Odd: 1 of 3 below → 2 of 3 reach it → met.
    assert_eq!(product(&with_low_11(3, 1, 12)).cap, Some(5));
}

#[test]
fn recused_member_is_neither_counted_nor_missing() {
    let mut s = scored(&[60, 62, 64]);
    s.dossiers[0].recused = vec!["m3".into()];
    s.sheets.retain(|sh| sh.member != "m3");
    let r = eval(&s);
    assert_eq!(r.products[0].counted_sheets, 2);
    assert_eq!(r.products[0].mean.unwrap().to_string(), "61.00");
    assert_eq!(r.products[0].decision, Decision::Recognized);
    assert!(r.session.blockers.is_empty(), "{:?}", r.session.blockers);
}

#[test]
fn absent_members_sheets_do_not_count_and_are_not_awaited() {
    let mut s = scored(&[60, 62, 64, 90]);
    s.members[3].present = false;
    let p = product(&s);
    assert_eq!(p.counted_sheets, 3);
    assert_eq!(p.mean.unwrap().to_string(), "62.00");
    assert_eq!(p.decision, Decision::Recognized);
}

#[test]
fn a_missing_or_draft_sheet_keeps_the_product_pending() {
    let mut s = scored(&[60, 62, 64]);
    s.sheets.pop();
    let r = eval(&s);
    assert_eq!(r.products[0].decision, Decision::Pending);
    assert_eq!(texts(&r.session.blockers), vec!["D1: missing sheets in round 1 from m3".to_string()]);
    assert!(!r.session.finalizable);

    let mut s = scored(&[60, 62, 64]);
    s.sheets[2].draft = true;
    assert_eq!(product(&s).decision, Decision::Pending);
    assert_eq!(product(&s).counted_sheets, 2);

    assert_eq!(
        r.products[0].blockers,
        [Blocker::MissingSheets { dossier: "D1".into(), round: 1, members: vec!["m3".into()] }],
        "each product holds its own blockers"
    );

    let r = eval(&council(3));
    assert_eq!(r.products[0].mean, None);
    assert_eq!(r.products[0].blockers, [Blocker::NoCountedSheet { dossier: "D1".into(), round: 1 }]);
    assert_eq!(texts(&r.session.blockers), vec!["D1: no counted sheet in round 1".to_string()]);
}

#[test]
fn spread_over_the_limit_is_flagged_until_resolved() {
    let s = scored(&[60, 65, 72]);
    let r = eval(&s);
    let p = &r.products[0];
    assert_eq!(p.spread, Some(12));
    assert!(p.spread_flag);
    assert_eq!(p.decision, Decision::Pending);
    assert_eq!(texts(&r.session.blockers), vec!["D1: spread 12 > 10".to_string()]);

    // Exactly the limit is not over it.
    assert!(!product(&scored(&[60, 65, 70])).spread_flag);

    let mut resolved = s.clone();
    resolved.resolutions.push(Resolution {
        dossier: "D1".into(),
        round: 1,
        note: "Hội đồng thống nhất giữ kết quả".into(),
    });
    let r = eval(&resolved);
    assert!(!r.products[0].spread_flag);
    assert_eq!(r.products[0].spread, Some(12));
    assert_eq!(r.products[0].decision, Decision::Recognized);
    assert!(r.session.finalizable);
}

#[test]
fn a_new_round_replaces_the_earlier_one() {
    let mut s = scored(&[60, 65, 72]);
    s.dossiers[0].round = Some(2);
    // Round 2 opened but nobody has scored yet: pending, nothing counted.
    let p = product(&s);
    assert_eq!((p.round, p.counted_sheets, p.decision), (2, 0, Decision::Pending));
    for (m, t) in [("m1", 64), ("m2", 65), ("m3", 68)] {
        add(&mut s, m, 2, t);
    }
    let p = product(&s);
    assert_eq!((p.round, p.counted_sheets, p.spread, p.spread_flag), (2, 3, Some(4), false));
    assert_eq!(p.mean.unwrap().to_string(), "65.67");
    assert_eq!(p.decision, Decision::Recognized);

    // A resolution of round 1 does not clear a flag raised in round 2.
    let mut s2 = s.clone();
    s2.sheets.retain(|sh| !(sh.round == 2 && sh.member == "m3"));
    add(&mut s2, "m3", 2, 80);
    s2.resolutions.push(Resolution { dossier: "D1".into(), round: 1, note: "x".into() });
    assert!(product(&s2).spread_flag);
}

#[test]
fn quorum_with_and_without_the_chair() {
    let mut s = scored(&[60; 9]);
    for m in s.members.iter_mut().skip(6) {
        m.present = false;
    }
    let r = eval(&s);
    assert!(r.session.quorum_met, "6 of 9 is exactly 2/3");
    assert_eq!((r.session.members, r.session.present), (9, 6));

    s.members[5].present = false;
    let r = eval(&s);
    assert!(!r.session.quorum_met, "5 of 9 is under 2/3");
    assert!(!r.session.finalizable);
    assert_eq!(r.session.blockers[0].to_string(), "quorum: 5/9 present, needs 2/3 with the chair or a vice-chair");

    let mut s = scored(&[60; 9]);
    s.members[0].present = false;
    assert!(eval(&s).session.quorum_met, "the vice-chair stands in for the chair");
    s.members[1].present = false;
    assert!(!eval(&s).session.quorum_met, "neither chair nor vice-chair present");
    s.session.settings.as_mut().unwrap().quorum.chair_required = false;
    assert!(eval(&s).session.quorum_met, "chair not required by these settings");

    let mut s = scored(&[60; 4]);
    s.session.settings.as_mut().unwrap().quorum.fraction = Fraction { num: 3, den: 4 };
    s.members[3].present = false;
    assert!(eval(&s).session.quorum_met, "3 of 4 meets 3/4");
    s.members[2].present = false;
    assert!(!eval(&s).session.quorum_met, "2 of 4 does not");
}

#[test]
fn eliminated_dossiers_are_not_scored_and_do_not_block() {
    let mut s = scored(&[60, 62, 64]);
    s.dossiers[0].eliminated = Some("Giả mạo hồ sơ".into());
    let r = eval(&s);
    assert_eq!(r.products[0].decision, Decision::Eliminated);
    assert_eq!(r.products[0].mean, None);
    assert!(r.session.finalizable);
}

#[test]
fn decisions_follow_the_ruleset() {
    let s = scored(&[80, 80, 80]);
    assert_eq!(product(&s).decision, Decision::Forwarded);
    assert_eq!(evaluate(&s, &tiny_set(), &qd26(), false).products[0].decision, Decision::Recognized);
    let s = scored(&[95, 95, 95]);
    assert_eq!(evaluate(&s, &tiny_set(), &qd26(), false).products[0].decision, Decision::Forwarded);
    let s = scored(&[40, 40, 40]);
    assert_eq!(product(&s).decision, Decision::NotAchieved);
    assert_eq!(product(&s).stars, Some(2));
}

#[test]
fn results_json_has_the_design_shape() {
    let v = serde_json::to_value(eval(&scored(&[63, 64, 63]))).unwrap();
    assert_eq!(v["session"]["quorum_met"], true);
    let p = &v["products"][0];
    assert_eq!(p["mean"], "63.33");
    assert_eq!(p["parts"]["C"], "8.33");
    assert_eq!(p["decision"], "recognized");
    assert_eq!(p["unmet"], serde_json::json!([]));
    let keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "code",
        "sheet",
        "round",
        "counted_sheets",
        "mean",
        "parts",
        "min",
        "max",
        "spread",
        "spread_flag",
        "band",
        "cap",
        "stars",
        "decision",
        "unmet",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
}

proptest! {
    #[test]
    fn mean_lies_between_min_and_max(totals in prop::collection::vec(35u32..=100, 1..15), decimals in 0u8..=3) {
        let p = product(&with_decimals(scored(&totals), decimals));
        let mean = p.mean.unwrap();
        prop_assert!(mean.at_least(i64::from(p.min.unwrap())));
        prop_assert!(!mean.at_least(i64::from(p.max.unwrap()) + 1) || p.max == Some(100));
        prop_assert!(mean.scaled <= i64::from(p.max.unwrap()) * crate::domain::fixed::pow10(decimals));
    }

    #[test]
    fn doubling_every_sheet_changes_nothing(totals in prop::collection::vec(35u32..=100, 1..7)) {
        let once = product(&scored(&totals));
        let mut doubled: Vec<u32> = totals.clone();
        doubled.extend(&totals);
        let twice = product(&scored(&doubled));
        prop_assert_eq!(once.mean, twice.mean);
        prop_assert_eq!(once.band, twice.band);
        prop_assert_eq!(once.stars, twice.stars);
    }

    #[test]
    fn adding_a_sheet_equal_to_the_mean_keeps_the_band(totals in prop::collection::vec(35u32..=100, 1..14)) {
        let sum: u32 = totals.iter().sum();
        prop_assume!(sum % totals.len() as u32 == 0);
        let before = product(&scored(&totals));
        let mut more = totals.clone();
        more.push(sum / totals.len() as u32);
        let after = product(&scored(&more));
        prop_assert_eq!(before.mean, after.mean);
        prop_assert_eq!(before.band, after.band);
    }

    #[test]
    fn order_of_sheets_does_not_matter_and_stars_never_exceed_band_or_cap(
        totals in prop::collection::vec(35u32..=100, 2..12), lows in prop::collection::vec(0u8..20, 2..12)
    ) {
        let mut s = scored(&totals);
        for (sheet, low) in s.sheets.iter_mut().zip(&lows) {
            sheet.choices.insert("1.1".into(), *low);
        }
        let p = product(&s);
        let mut reversed = s.clone();
        reversed.sheets.reverse();
        prop_assert_eq!(&p, &product(&reversed));
        prop_assert!(p.stars <= p.band && p.stars <= p.cap);
    }
}

#[test]
fn with_the_read_back_rule_only_checked_sheets_count_and_the_checked_are_counted() {
    let mut s = scored(&[63, 64, 63]);
    s.sheets[0].checked = true;
    let p = product(&s);
    assert_eq!((p.counted_sheets, p.checked_sheets), (3, 1));
    assert_eq!(eval(&s).checked_of_counted(), (1, 3));
    s.session.settings.as_mut().unwrap().check_required = true;
    let p = product(&s);
    assert_eq!((p.counted_sheets, p.checked_sheets, p.decision), (1, 1, Decision::Pending));
    assert!(p.blockers.iter().any(|b| matches!(b, Blocker::MissingSheets { .. })), "{:?}", p.blockers);
    for sheet in &mut s.sheets {
        sheet.checked = true;
    }
    let p = product(&s);
    assert_eq!((p.counted_sheets, p.checked_sheets, p.decision), (3, 3, Decision::Recognized));
}

#[test]
fn the_quorum_says_which_rule_fails() {
    let mut s = scored(&[60; 9]);
    s.members[0].present = false;
    s.members[1].present = false;
    assert_eq!(quorum_rules(&s), QuorumRules { enough_present: true, chair_present: false });
    for m in s.members.iter_mut() {
        m.present = m.role == Role::Chair || m.id == "m9";
    }
    s.members[0].present = true;
    assert_eq!(quorum_rules(&s), QuorumRules { enough_present: false, chair_present: true });
    assert!(!quorum_rules(&s).met());
}
