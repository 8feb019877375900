//! `Session::check`: every rule of the exchange format that serde cannot check, one function per
//! part of the document, in the order of the document (the first broken rule is the one reported).

use crate::domain::criteria::{CriteriaSet, SheetIndex};
use crate::domain::fixed::MAX_DECIMALS;
use crate::domain::ruleset::Settings;
use crate::domain::session::{
    Invalid, MAX_ROUND, Problem, Role, SESSION_FORMAT_V1, SESSION_FORMATS, ScoreSheet, Session, excerpt,
};
use std::collections::{HashMap, HashSet};

fn fail<T>(path: impl Into<String>, problem: Problem) -> Result<T, Invalid> {
    Err(Invalid { path: path.into(), problem })
}

impl Session {
    /// Checks every rule of the exchange format that serde cannot, and fills in what a file may
    /// leave out (settings, current rounds). Errors name the JSON path, e.g.
    /// `sheets[3].choices["2.3"]: phương án 4 không tồn tại (tiêu chí có 3 phương án)`.
    /// (The meeting date is a `Date`: serde has refused a bad one already.)
    pub fn check(&mut self, criteria: &CriteriaSet, default_settings: Settings) -> Result<(), Invalid> {
        if !SESSION_FORMATS.contains(&self.format.as_str()) {
            return fail("format", Problem::WrongFormat);
        }
        if self.format == SESSION_FORMAT_V1 && self.uses_meeting_facts() {
            return fail("format", Problem::FactsInFirstFormat);
        }
        // One session, one document: written in the format its content needs (a `/2` document
        // without the new facts is the same session as its `/1`, with the same fingerprint).
        self.format = self.needed_format().to_string();
        if self.session.criteria_set != criteria.id {
            return fail("session.criteria_set", Problem::CriteriaNotInstalled(excerpt(&self.session.criteria_set)));
        }
        check_settings(*self.session.settings.get_or_insert(default_settings))?;
        let member_ids = self.check_members()?;
        self.check_facts(&member_ids)?;
        let rounds = self.check_dossiers(criteria, &member_ids)?;
        for (d, r) in self.dossiers.iter_mut().zip(rounds) {
            d.round = Some(r);
        }
        self.check_sheets(criteria)?;
        // A document of version 2 wrote each audit target as one string: read it into its fields.
        self.audit = std::mem::take(&mut self.audit).into_iter().map(super::audit::AuditEntry::normalise).collect();
        self.check_audit()?;
        self.check_resolutions()
    }

    /// The set of member ids (unique, none empty), and at most one chair.
    fn check_members(&self) -> Result<HashSet<&str>, Invalid> {
        let mut member_ids = HashSet::new();
        let mut chairs = 0;
        for (i, m) in self.members.iter().enumerate() {
            if m.id.trim().is_empty() {
                return fail(format!("members[{i}].id"), Problem::EmptyMemberId);
            }
            if !member_ids.insert(m.id.as_str()) {
                return fail(format!("members[{i}].id"), Problem::DuplicateMemberId(excerpt(&m.id)));
            }
            if m.name.trim().is_empty() {
                return fail(format!("members[{i}].name"), Problem::EmptyName);
            }
            if m.role == Role::Chair {
                chairs += 1;
                if chairs > 1 {
                    return fail(format!("members[{i}].role"), Problem::SecondChair);
                }
            }
        }
        Ok(member_ids)
    }

    /// The meeting facts: the chair and secretary are members of the council, guests have names,
    /// each list of recipients belongs to a named document.
    fn check_facts(&self, member_ids: &HashSet<&str>) -> Result<(), Invalid> {
        let facts = &self.session.facts;
        for (field, id) in [("chair", &facts.chair), ("secretary", &facts.secretary)] {
            if let Some(id) = id.as_deref().filter(|id| !member_ids.contains(id)) {
                return fail(format!("session.facts.{field}"), Problem::NoSuchMember(excerpt(id)));
            }
        }
        if let Some(i) = facts.guests.iter().position(|g| g.name.trim().is_empty()) {
            return fail(format!("session.facts.guests[{i}].name"), Problem::EmptyGuestName);
        }
        if facts.recipients.keys().any(|doc| doc.trim().is_empty()) {
            return fail("session.facts.recipients", Problem::EmptyDocumentName);
        }
        Ok(())
    }

    /// Each dossier's fields; returns the current round of each (a file may leave it out).
    fn check_dossiers(&self, criteria: &CriteriaSet, member_ids: &HashSet<&str>) -> Result<Vec<u32>, Invalid> {
        let mut max_round: HashMap<&str, u32> = HashMap::new();
        for s in &self.sheets {
            let r = max_round.entry(s.dossier.as_str()).or_insert(0);
            *r = (*r).max(s.round);
        }
        let mut codes = HashSet::new();
        let mut rounds = Vec::with_capacity(self.dossiers.len());
        for (i, d) in self.dossiers.iter().enumerate() {
            let at = |field: &str| format!("dossiers[{i}].{field}");
            if d.code.trim().is_empty() {
                return fail(at("code"), Problem::EmptyDossierCode);
            }
            if !codes.insert(d.code.as_str()) {
                return fail(at("code"), Problem::DuplicateDossierCode(excerpt(&d.code)));
            }
            if d.product.trim().is_empty() {
                return fail(at("product"), Problem::EmptyProduct);
            }
            if d.producer.trim().is_empty() {
                return fail(at("producer"), Problem::EmptyProducer);
            }
            if criteria.sheet(d.sheet).is_none() {
                return fail(at("sheet"), Problem::SheetNotInSet { sheet: d.sheet, set: criteria.id.clone() });
            }
            if d.self_score.is_some_and(|s| s > 100) {
                return fail(at("self_score"), Problem::SelfScoreOver100);
            }
            if d.eliminated.as_deref().is_some_and(|r| r.trim().is_empty()) {
                return fail(at("eliminated"), Problem::EmptyElimination);
            }
            let mut recused = HashSet::new();
            for (j, m) in d.recused.iter().enumerate() {
                if !member_ids.contains(m.as_str()) {
                    return fail(format!("dossiers[{i}].recused[{j}]"), Problem::NoSuchMember(excerpt(m)));
                }
                if !recused.insert(m) {
                    return fail(format!("dossiers[{i}].recused[{j}]"), Problem::RecusedTwice(excerpt(m)));
                }
            }
            let scored = max_round.get(d.code.as_str()).copied().unwrap_or(1);
            rounds.push(match d.round {
                Some(0) => return fail(at("round"), Problem::RoundZero),
                Some(r) if r > MAX_ROUND => {
                    return fail(at("round"), Problem::RoundOverMax { round: r, max: MAX_ROUND });
                }
                Some(r) if r < scored => {
                    return fail(at("round"), Problem::RoundBelowScored { round: r, scored });
                }
                Some(r) => r,
                None => scored,
            });
        }
        Ok(rounds)
    }

    /// Each sheet: its dossier and member exist and may score, one sheet per round, known choices.
    fn check_sheets(&self, criteria: &CriteriaSet) -> Result<(), Invalid> {
        let mut sheet_keys = HashSet::new();
        let mut indexes: HashMap<u32, SheetIndex<'_>> = HashMap::new();
        for (i, s) in self.sheets.iter().enumerate() {
            let at = |field: &str| format!("sheets[{i}].{field}");
            let Some(dossier) = self.dossier(&s.dossier) else {
                return fail(at("dossier"), Problem::NoSuchDossier(excerpt(&s.dossier)));
            };
            let Some(member) = self.member(&s.member) else {
                return fail(at("member"), Problem::NoSuchMember(excerpt(&s.member)));
            };
            if !member.scores {
                return fail(at("member"), Problem::NotAScorer(excerpt(&s.member)));
            }
            if dossier.recused.contains(&s.member) {
                let (member, dossier) = (excerpt(&s.member), excerpt(&s.dossier));
                return fail(at("member"), Problem::Recused { member, dossier });
            }
            if s.round == 0 {
                return fail(at("round"), Problem::RoundZero);
            }
            if s.round > MAX_ROUND {
                return fail(at("round"), Problem::RoundOverMax { round: s.round, max: MAX_ROUND });
            }
            if !sheet_keys.insert((s.dossier.as_str(), s.member.as_str(), s.round)) {
                let (member, dossier) = (excerpt(&s.member), excerpt(&s.dossier));
                return fail(format!("sheets[{i}]"), Problem::DuplicateSheet { member, dossier, round: s.round });
            }
            let Some(sheet) = criteria.sheet(dossier.sheet) else {
                return fail(at("dossier"), Problem::NoSuchSheet(dossier.sheet));
            };
            let index = indexes.entry(dossier.sheet).or_insert_with(|| SheetIndex::new(sheet));
            check_choices(i, s, dossier.sheet, index)?;
        }
        Ok(())
    }

    fn check_audit(&self) -> Result<(), Invalid> {
        for (i, a) in self.audit.iter().enumerate() {
            if a.at.trim().is_empty() {
                return fail(format!("audit[{i}]"), Problem::AuditNeedsTime);
            }
        }
        Ok(())
    }

    /// Each resolution names a dossier and one of its rounds, says something, and is the only one.
    fn check_resolutions(&self) -> Result<(), Invalid> {
        let mut resolved = HashSet::new();
        for (i, r) in self.resolutions.iter().enumerate() {
            let Some(d) = self.dossier(&r.dossier) else {
                return fail(format!("resolutions[{i}].dossier"), Problem::NoSuchDossier(excerpt(&r.dossier)));
            };
            if r.round == 0 || r.round > d.current_round() {
                let dossier = excerpt(&r.dossier);
                return fail(format!("resolutions[{i}].round"), Problem::NoSuchRound { dossier, round: r.round });
            }
            if r.note.trim().is_empty() {
                return fail(format!("resolutions[{i}].note"), Problem::EmptyResolution);
            }
            if !resolved.insert((r.dossier.as_str(), r.round)) {
                let dossier = excerpt(&r.dossier);
                return fail(format!("resolutions[{i}]"), Problem::DuplicateResolution { dossier, round: r.round });
            }
        }
        Ok(())
    }
}

fn check_settings(settings: Settings) -> Result<(), Invalid> {
    if settings.decimals > MAX_DECIMALS {
        return fail("session.settings.decimals", Problem::TooManyDecimals(u32::from(MAX_DECIMALS)));
    }
    if settings.spread_limit > 100 {
        return fail("session.settings.spread_limit", Problem::SpreadOver100);
    }
    Ok(())
}

/// The choices of sheet number `i`: known leaves, existing options, every leaf once submitted.
fn check_choices(i: usize, s: &ScoreSheet, sheet_no: u32, index: &SheetIndex<'_>) -> Result<(), Invalid> {
    for (code, &choice) in &s.choices {
        let Some(&pos) = index.position.get(code.as_str()) else {
            return fail(
                format!("sheets[{i}].choices[\"{}\"]", excerpt(code)),
                Problem::NoSuchCriterion { sheet: sheet_no, code: excerpt(code) },
            );
        };
        let options = index.leaves[pos].criterion.options.len();
        if usize::from(choice) > options {
            return fail(
                format!("sheets[{i}].choices[\"{}\"]", excerpt(code)),
                Problem::NoSuchOption { choice, options },
            );
        }
    }
    if s.draft && s.checked {
        return fail(format!("sheets[{i}].checked"), Problem::DraftChecked);
    }
    if !s.draft {
        if let Some(missing) = index.leaves.iter().find(|l| !s.choices.contains_key(&l.criterion.code)) {
            return fail(format!("sheets[{i}].choices"), Problem::SubmittedIncomplete(missing.criterion.code.clone()));
        }
    }
    Ok(())
}
