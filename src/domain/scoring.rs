//! Aggregation (design §3): counted sheets → exact mean → band, star-minimum cap → stars → decision,
//! plus the session's quorum, blockers and whether it can be finalised.

use crate::domain::blocker::Blocker;
use crate::domain::criteria::{CriteriaSet, SheetIndex};
use crate::domain::fixed::Fixed;
use crate::domain::ruleset::Ruleset;
use crate::domain::session::{Dossier, Role, ScoreSheet, Session};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Results {
    pub session: SessionResult,
    pub products: Vec<ProductResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionResult {
    pub members: u32,
    pub present: u32,
    pub quorum_met: bool,
    pub finalizable: bool,
    pub locked: bool,
    /// The quorum first, then each product's blockers in dossier order.
    pub blockers: Vec<Blocker>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProductResult {
    pub code: String,
    pub sheet: u32,
    pub round: u32,
    pub counted_sheets: u32,
    /// How many of the counted sheets passed the read-back check (issue 13.2; not in `results --json`).
    #[serde(skip)]
    pub checked_sheets: u32,
    pub mean: Option<Fixed>,
    pub parts: BTreeMap<String, Fixed>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub spread: Option<u32>,
    pub spread_flag: bool,
    pub band: Option<u8>,
    pub cap: Option<u8>,
    pub stars: Option<u8>,
    pub decision: Decision,
    pub unmet: Vec<Unmet>,
    /// Why the decision is pending (also in the session's blockers; not in `results --json`).
    #[serde(skip)]
    pub blockers: Vec<Blocker>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Eliminated,
    Pending,
    NotAchieved,
    Recognized,
    Forwarded,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmet {
    pub criterion: String,
    pub level: u8,
}

/// Totals of one sheet: the whole and each part (in the sheet's part order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetTotal {
    pub total: u32,
    pub parts: Vec<u32>,
}

/// Sum of the chosen options' points; unknown codes or options count 0 (`Session::check` refuses them).
pub fn sheet_total(index: &SheetIndex<'_>, sheet: &ScoreSheet) -> SheetTotal {
    dense_total(index, &index.dense(&sheet.choices))
}

/// The total of a sheet's choices (as the store keeps them), for the audit of a correction.
pub fn choices_total(index: &SheetIndex<'_>, choices: &BTreeMap<String, u8>) -> u32 {
    dense_total(index, &index.dense(choices)).total
}

pub(super) fn dense_total(index: &SheetIndex<'_>, dense: &[u8]) -> SheetTotal {
    let mut parts = vec![0u32; index.sheet.parts.len()];
    for (pos, (&choice, leaf)) in dense.iter().zip(&index.leaves).enumerate() {
        parts[leaf.part] += index.points_at(pos, choice);
    }
    SheetTotal { total: parts.iter().sum(), parts }
}

/// The two rules of the quorum, each on its own, so a screen can say which one fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumRules {
    /// present/members ≥ the fraction.
    pub enough_present: bool,
    /// The chair or a vice-chair is present (true when the ruleset does not require it).
    pub chair_present: bool,
}

impl QuorumRules {
    pub fn met(self) -> bool {
        self.enough_present && self.chair_present
    }
}

pub fn quorum_rules(session: &Session) -> QuorumRules {
    let q = session.settings().quorum;
    let total = session.members.len() as u64;
    let present = session.members.iter().filter(|m| m.present).count() as u64;
    let enough_present = total > 0 && present * u64::from(q.fraction.den) >= u64::from(q.fraction.num) * total;
    let chair_present = !q.chair_required
        || session.members.iter().any(|m| m.present && matches!(m.role, Role::Chair | Role::ViceChair));
    QuorumRules { enough_present, chair_present }
}

/// Whether `present` of `members` meets the quorum: present/members ≥ fraction, and, if required,
/// the chair or a vice-chair is present.
pub fn quorum_met(session: &Session) -> bool {
    quorum_rules(session).met()
}

pub fn strict_majority(count: usize, of: usize) -> bool {
    count * 2 > of
}

pub fn evaluate(session: &Session, criteria: &CriteriaSet, ruleset: &Ruleset, locked: bool) -> Results {
    let mut by_dossier: HashMap<&str, Vec<&ScoreSheet>> = HashMap::new();
    for s in &session.sheets {
        by_dossier.entry(s.dossier.as_str()).or_default().push(s);
    }
    let resolved: HashSet<(&str, u32)> = session.resolutions.iter().map(|r| (r.dossier.as_str(), r.round)).collect();
    let mut indexes: HashMap<u32, SheetIndex<'_>> = HashMap::new();
    let mut blockers = Vec::new();

    let products: Vec<ProductResult> = session
        .dossiers
        .iter()
        .map(|d| {
            let sheets = by_dossier.get(d.code.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let index = criteria.sheet(d.sheet).map(|s| &*indexes.entry(d.sheet).or_insert_with(|| SheetIndex::new(s)));
            let result = evaluate_product(session, ruleset, d, index, sheets, &resolved);
            blockers.extend(result.blockers.iter().cloned());
            result
        })
        .collect();

    let members = session.members.len() as u32;
    let present = session.members.iter().filter(|m| m.present).count() as u32;
    let quorum = quorum_met(session);
    if !quorum {
        let q = session.settings().quorum;
        blockers.insert(0, Blocker::Quorum { present, members, needs: q.fraction, chair_required: q.chair_required });
    }
    let finalizable = quorum && !products.iter().any(|p| p.decision == Decision::Pending);
    Results { session: SessionResult { members, present, quorum_met: quorum, finalizable, locked, blockers }, products }
}

pub(super) fn evaluate_product(
    session: &Session,
    ruleset: &Ruleset,
    dossier: &Dossier,
    index: Option<&SheetIndex<'_>>,
    sheets: &[&ScoreSheet],
    resolved: &HashSet<(&str, u32)>,
) -> ProductResult {
    let round = dossier.current_round();
    let decimals = session.settings().decimals;
    let check_required = session.settings().check_required;
    let mut result = ProductResult::pending(dossier);
    if dossier.eliminated.is_some() {
        result.decision = Decision::Eliminated;
        return result;
    }
    let code = || dossier.code.clone();
    let Some(index) = index else {
        result.blockers.push(Blocker::SheetNotInSet { dossier: code(), sheet: dossier.sheet });
        return result;
    };

    // Who is expected to score this product in this round, and who has.
    let expected: Vec<&str> = session.expected_scorers(dossier).map(|m| m.id.as_str()).collect();
    let counted: Vec<&ScoreSheet> = sheets
        .iter()
        .copied()
        .filter(|s| s.round == round && counts(s, check_required) && expected.contains(&s.member.as_str()))
        .collect();
    let missing: Vec<&str> = expected.iter().copied().filter(|id| !counted.iter().any(|s| s.member == *id)).collect();

    let mut problems = Vec::new();
    if counted.is_empty() {
        result.blockers.push(Blocker::NoCountedSheet { dossier: code(), round });
        return result;
    } else if !missing.is_empty() {
        let members = missing.iter().map(|id| id.to_string()).collect();
        problems.push(Blocker::MissingSheets { dossier: code(), round, members });
    }

    let dense: Vec<Vec<u8>> = counted.iter().map(|s| index.dense(&s.choices)).collect();
    let totals: Vec<SheetTotal> = dense.iter().map(|d| dense_total(index, d)).collect();
    let n = totals.len() as i64;
    let sum: i64 = totals.iter().map(|t| i64::from(t.total)).sum();
    let mean = Fixed::ratio(sum, n, decimals);
    for (i, part) in index.sheet.parts.iter().enumerate() {
        let part_sum: i64 = totals.iter().map(|t| i64::from(t.parts[i])).sum();
        result.parts.insert(part.code.clone(), Fixed::ratio(part_sum, n, decimals));
    }
    let min = totals.iter().map(|t| t.total).min().unwrap_or(0);
    let max = totals.iter().map(|t| t.total).max().unwrap_or(0);
    let spread = max - min;
    let limit = session.settings().spread_limit;
    let over = spread > limit;
    let spread_flag = over && !resolved.contains(&(dossier.code.as_str(), round));
    if spread_flag {
        problems.push(Blocker::SpreadOverLimit { dossier: code(), round, spread, limit });
    }

    let unmet = unmet_minimums(index, &dense);
    let cap = cap_for(&unmet);
    let band = ruleset.band(mean);
    let stars = band.min(cap);

    result.counted_sheets = counted.len() as u32;
    result.checked_sheets = counted.iter().filter(|s| s.checked).count() as u32;
    result.mean = Some(mean);
    result.min = Some(min);
    result.max = Some(max);
    result.spread = Some(spread);
    result.spread_flag = spread_flag;
    result.band = Some(band);
    result.cap = Some(cap);
    result.stars = Some(stars);
    result.unmet = unmet;
    result.decision = if problems.is_empty() { decide(ruleset, stars) } else { Decision::Pending };
    result.blockers = problems;
    result
}

impl ProductResult {
    /// A dossier with no result yet: nothing counted, decision pending, no blocker named.
    fn pending(dossier: &Dossier) -> ProductResult {
        ProductResult {
            code: dossier.code.clone(),
            sheet: dossier.sheet,
            round: dossier.current_round(),
            counted_sheets: 0,
            checked_sheets: 0,
            mean: None,
            parts: BTreeMap::new(),
            min: None,
            max: None,
            spread: None,
            spread_flag: false,
            band: None,
            cap: None,
            stars: None,
            decision: Decision::Pending,
            unmet: Vec::new(),
            blockers: Vec::new(),
        }
    }
}

impl Results {
    /// (checked, counted): how many of the counted sheets of all products passed the read-back
    /// check, for the minutes and the board (issue 13.2).
    pub fn checked_of_counted(&self) -> (u32, u32) {
        self.products.iter().fold((0, 0), |(c, n), p| (c + p.checked_sheets, n + p.counted_sheets))
    }
}

/// Whether a sheet counts: submitted, and read back when the session requires it.
pub fn counts(sheet: &ScoreSheet, check_required: bool) -> bool {
    sheet.status().counts() && (sheet.checked || !check_required)
}

/// Star minimums not met, lowest level first: a requirement is met when a strict majority of the
/// counted sheets (`dense`, one per sheet) reached the marked option's points.
/// The highest stars the star minimums allow: one below the lowest level missed, 5 when none is.
/// `unmet` is sorted by level.
pub(super) fn cap_for(unmet: &[Unmet]) -> u8 {
    unmet.first().map(|lowest| lowest.level - 1).unwrap_or(5)
}

/// Requirements that no strict majority of the `dense` sheets reached, lowest level first.
pub(super) fn unmet_minimums(index: &SheetIndex<'_>, dense: &[Vec<u8>]) -> Vec<Unmet> {
    let mut unmet: Vec<Unmet> = index
        .requirements
        .iter()
        .zip(&index.requirement_leaf)
        .filter(|&(req, &leaf)| {
            let reached = dense.iter().filter(|d| index.points_at(leaf, d[leaf]) >= req.points).count();
            !strict_majority(reached, dense.len())
        })
        .map(|(req, _)| Unmet { criterion: req.criterion.clone(), level: req.level })
        .collect();
    unmet.sort_by_key(|u| u.level);
    unmet
}

/// The decision at `stars` for a product with nothing blocking it.
fn decide(ruleset: &Ruleset, stars: u8) -> Decision {
    if stars <= 2 {
        Decision::NotAchieved
    } else if ruleset.recognizes.contains(&stars) {
        Decision::Recognized
    } else if stars > ruleset.highest_recognized() {
        Decision::Forwarded
    } else {
        Decision::NotAchieved
    }
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
