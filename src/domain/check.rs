//! `Session::check`: every rule of the exchange format that serde cannot check, one function per
//! part of the document, in the order of the document (the first broken rule is the one reported).

use crate::domain::criteria::{CriteriaSet, SheetIndex};
use crate::domain::fixed::MAX_DECIMALS;
use crate::domain::ruleset::Settings;
use crate::domain::session::{
    Invalid, MAX_ROUND, Role, SESSION_FORMAT, SESSION_FORMAT_V1, SESSION_FORMATS, ScoreSheet, Session, excerpt,
};
use std::collections::{HashMap, HashSet};

fn fail<T>(path: impl Into<String>, problem: impl Into<String>) -> Result<T, Invalid> {
    Err(Invalid { path: path.into(), problem: problem.into() })
}

impl Session {
    /// Checks every rule of the exchange format that serde cannot, and fills in what a file may
    /// leave out (settings, current rounds). Errors name the JSON path, e.g.
    /// `sheets[3].choices["2.3"]: phương án 4 không tồn tại (tiêu chí có 3 phương án)`.
    /// (The meeting date is a `Date`: serde has refused a bad one already.)
    pub fn check(&mut self, criteria: &CriteriaSet, default_settings: Settings) -> Result<(), Invalid> {
        if !SESSION_FORMATS.contains(&self.format.as_str()) {
            return fail("format", format!("cần \"{}\"", SESSION_FORMAT));
        }
        if self.format == SESSION_FORMAT_V1 && self.uses_meeting_facts() {
            return fail(
                "format",
                format!("\"{SESSION_FORMAT_V1}\" không ghi thông tin cuộc họp; cần \"{SESSION_FORMAT}\""),
            );
        }
        // One session, one document: written in the format its content needs (a `/2` document
        // without the new facts is the same session as its `/1`, with the same fingerprint).
        self.format = self.needed_format().to_string();
        if self.session.criteria_set != criteria.id {
            return fail(
                "session.criteria_set",
                format!("bộ tiêu chí «{}» chưa được cài đặt", excerpt(&self.session.criteria_set)),
            );
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
                return fail(format!("members[{i}].id"), "mã thành viên trống");
            }
            if !member_ids.insert(m.id.as_str()) {
                return fail(format!("members[{i}].id"), format!("mã thành viên «{}» bị trùng", excerpt(&m.id)));
            }
            if m.name.trim().is_empty() {
                return fail(format!("members[{i}].name"), "họ tên trống");
            }
            if m.role == Role::Chair {
                chairs += 1;
                if chairs > 1 {
                    return fail(format!("members[{i}].role"), "Hội đồng chỉ có một Chủ tịch");
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
                return fail(format!("session.facts.{field}"), format!("không có thành viên «{}»", excerpt(id)));
            }
        }
        if let Some(i) = facts.guests.iter().position(|g| g.name.trim().is_empty()) {
            return fail(format!("session.facts.guests[{i}].name"), "họ tên khách mời trống");
        }
        if facts.recipients.keys().any(|doc| doc.trim().is_empty()) {
            return fail("session.facts.recipients", "tên văn bản trống");
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
                return fail(at("code"), "mã hồ sơ trống");
            }
            if !codes.insert(d.code.as_str()) {
                return fail(at("code"), format!("mã hồ sơ «{}» bị trùng", excerpt(&d.code)));
            }
            if d.product.trim().is_empty() {
                return fail(at("product"), "tên sản phẩm trống");
            }
            if d.producer.trim().is_empty() {
                return fail(at("producer"), "tên chủ thể trống");
            }
            if criteria.sheet(d.sheet).is_none() {
                return fail(
                    at("sheet"),
                    format!("bộ sản phẩm số {} không có trong bộ tiêu chí «{}»", d.sheet, criteria.id),
                );
            }
            if d.self_score.is_some_and(|s| s > 100) {
                return fail(at("self_score"), "điểm tự đánh giá không quá 100");
            }
            if d.eliminated.as_deref().is_some_and(|r| r.trim().is_empty()) {
                return fail(at("eliminated"), "cần ghi lý do loại hồ sơ (hoặc null)");
            }
            let mut recused = HashSet::new();
            for (j, m) in d.recused.iter().enumerate() {
                if !member_ids.contains(m.as_str()) {
                    return fail(
                        format!("dossiers[{i}].recused[{j}]"),
                        format!("không có thành viên «{}»", excerpt(m)),
                    );
                }
                if !recused.insert(m) {
                    return fail(format!("dossiers[{i}].recused[{j}]"), format!("thành viên «{}» bị lặp", excerpt(m)));
                }
            }
            let scored = max_round.get(d.code.as_str()).copied().unwrap_or(1);
            rounds.push(match d.round {
                Some(0) => return fail(at("round"), "vòng chấm bắt đầu từ 1"),
                Some(r) if r > MAX_ROUND => return fail(at("round"), format!("vòng chấm {r} quá {MAX_ROUND}")),
                Some(r) if r < scored => {
                    return fail(at("round"), format!("vòng hiện tại {r} nhỏ hơn vòng {scored} đã có phiếu"));
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
                return fail(at("dossier"), format!("không có hồ sơ «{}»", excerpt(&s.dossier)));
            };
            let Some(member) = self.member(&s.member) else {
                return fail(at("member"), format!("không có thành viên «{}»", excerpt(&s.member)));
            };
            if !member.scores {
                return fail(at("member"), format!("thành viên «{}» không chấm điểm", excerpt(&s.member)));
            }
            if dossier.recused.contains(&s.member) {
                return fail(
                    at("member"),
                    format!("thành viên «{}» không chấm hồ sơ «{}» (đã rút)", excerpt(&s.member), excerpt(&s.dossier)),
                );
            }
            if s.round == 0 {
                return fail(at("round"), "vòng chấm bắt đầu từ 1");
            }
            if s.round > MAX_ROUND {
                return fail(at("round"), format!("vòng chấm {} quá {MAX_ROUND}", s.round));
            }
            if !sheet_keys.insert((s.dossier.as_str(), s.member.as_str(), s.round)) {
                return fail(
                    format!("sheets[{i}]"),
                    format!(
                        "phiếu của «{}» cho «{}» vòng {} bị trùng",
                        excerpt(&s.member),
                        excerpt(&s.dossier),
                        s.round
                    ),
                );
            }
            let Some(sheet) = criteria.sheet(dossier.sheet) else {
                return fail(at("dossier"), format!("bộ sản phẩm số {} không tồn tại", dossier.sheet));
            };
            let index = indexes.entry(dossier.sheet).or_insert_with(|| SheetIndex::new(sheet));
            check_choices(i, s, dossier.sheet, index)?;
        }
        Ok(())
    }

    fn check_audit(&self) -> Result<(), Invalid> {
        for (i, a) in self.audit.iter().enumerate() {
            if a.at.trim().is_empty() {
                return fail(format!("audit[{i}]"), "mỗi dòng nhật ký cần thời điểm (at) và thao tác (action)");
            }
        }
        Ok(())
    }

    /// Each resolution names a dossier and one of its rounds, says something, and is the only one.
    fn check_resolutions(&self) -> Result<(), Invalid> {
        let mut resolved = HashSet::new();
        for (i, r) in self.resolutions.iter().enumerate() {
            let Some(d) = self.dossier(&r.dossier) else {
                return fail(format!("resolutions[{i}].dossier"), format!("không có hồ sơ «{}»", excerpt(&r.dossier)));
            };
            if r.round == 0 || r.round > d.current_round() {
                return fail(
                    format!("resolutions[{i}].round"),
                    format!("hồ sơ «{}» không có vòng {}", excerpt(&r.dossier), r.round),
                );
            }
            if r.note.trim().is_empty() {
                return fail(format!("resolutions[{i}].note"), "cần ghi nội dung kết luận của Hội đồng");
            }
            if !resolved.insert((r.dossier.as_str(), r.round)) {
                return fail(
                    format!("resolutions[{i}]"),
                    format!("đã có kết luận cho «{}» vòng {}", excerpt(&r.dossier), r.round),
                );
            }
        }
        Ok(())
    }
}

fn check_settings(settings: Settings) -> Result<(), Invalid> {
    if settings.decimals > MAX_DECIMALS {
        return fail("session.settings.decimals", format!("tối đa {} chữ số thập phân", MAX_DECIMALS));
    }
    if settings.spread_limit > 100 {
        return fail("session.settings.spread_limit", "không được quá 100 điểm");
    }
    Ok(())
}

/// The choices of sheet number `i`: known leaves, existing options, every leaf once submitted.
fn check_choices(i: usize, s: &ScoreSheet, sheet_no: u32, index: &SheetIndex<'_>) -> Result<(), Invalid> {
    for (code, &choice) in &s.choices {
        let Some(&pos) = index.position.get(code.as_str()) else {
            return fail(
                format!("sheets[{i}].choices[\"{}\"]", excerpt(code)),
                format!("bộ sản phẩm số {sheet_no} không có tiêu chí lá «{}»", excerpt(code)),
            );
        };
        let options = index.leaves[pos].criterion.options.len();
        if usize::from(choice) > options {
            return fail(
                format!("sheets[{i}].choices[\"{}\"]", excerpt(code)),
                format!("phương án {choice} không tồn tại (tiêu chí có {options} phương án)"),
            );
        }
    }
    if s.draft && s.checked {
        return fail(format!("sheets[{i}].checked"), "phiếu đang nhập (draft) chưa thể được đọc lại (checked)");
    }
    if !s.draft {
        if let Some(missing) = index.leaves.iter().find(|l| !s.choices.contains_key(&l.criterion.code)) {
            return fail(
                format!("sheets[{i}].choices"),
                format!("phiếu đã nộp phải chấm mọi tiêu chí; thiếu «{}»", missing.criterion.code),
            );
        }
    }
    Ok(())
}
