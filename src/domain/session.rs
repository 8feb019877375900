//! The session model: one council meeting. Its serde shape *is* the exchange format
//! `ocop-council-session/1` (design §5), so there is one definition of a session, not two.

use crate::domain::criteria::CriteriaSet;
use crate::domain::ruleset::Settings;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const SESSION_FORMAT: &str = "ocop-council-session/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub format: String,
    pub session: SessionInfo,
    pub members: Vec<Member>,
    pub dossiers: Vec<Dossier>,
    #[serde(default)]
    pub sheets: Vec<ScoreSheet>,
    #[serde(default)]
    pub resolutions: Vec<Resolution>,
    /// The audit trail, only in an export made with `--audit`: history, not part of the content
    /// (nor of the fingerprint). A session made from such a document keeps it before its own rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audit: Vec<AuditEntry>,
}

pub use crate::domain::audit::AuditEntry;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInfo {
    pub title: String,
    pub ruleset: String,
    pub criteria_set: String,
    #[serde(default)]
    pub authority: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub council_decision: String,
    /// YYYY-MM-DD, or empty while not yet fixed.
    #[serde(default)]
    pub meeting_date: String,
    #[serde(default)]
    pub meeting_place: String,
    /// Absent in a file → the ruleset's defaults.
    #[serde(default)]
    pub settings: Option<Settings>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    ViceChair,
    Member,
    Secretary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub position: String,
    pub role: Role,
    pub present: bool,
    pub scores: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Htx,
    Tht,
    Dn,
    Ho,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    New,
    Upgrade,
    Rerate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub code: String,
    pub product: String,
    pub sheet: u32,
    pub producer: String,
    #[serde(default = "default_entity")]
    pub entity_type: EntityType,
    #[serde(default)]
    pub representative: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default = "default_kind")]
    pub kind: Kind,
    #[serde(default)]
    pub self_score: Option<u32>,
    #[serde(default)]
    pub eliminated: Option<String>,
    #[serde(default)]
    pub recused: Vec<String>,
    /// The current scoring round. Absent in a file → the highest round of its sheets (or 1).
    /// Written on export so that a round opened but not yet scored survives a round trip.
    #[serde(default)]
    pub round: Option<u32>,
}

fn default_entity() -> EntityType {
    EntityType::Other
}
fn default_kind() -> Kind {
    Kind::New
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSheet {
    pub dossier: String,
    pub member: String,
    pub round: u32,
    /// Leaf criterion code → chosen option number (1-based; 0 = none of the options).
    pub choices: BTreeMap<String, u8>,
    #[serde(default)]
    pub comment: String,
    /// A sheet still being entered: not counted, need not answer every leaf.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub dossier: String,
    pub round: u32,
    pub note: String,
}

/// A session that breaks a rule, with the JSON path of the offending value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct Invalid {
    pub path: String,
    pub problem: String,
}

impl Dossier {
    pub fn current_round(&self) -> u32 {
        self.round.unwrap_or(1)
    }
}

impl Session {
    pub fn settings(&self) -> Settings {
        // `check` fills settings in; a session that skipped it falls back to the QĐ 148 defaults.
        self.session.settings.unwrap_or(Settings {
            spread_limit: 10,
            quorum: crate::domain::ruleset::Quorum {
                fraction: crate::domain::ruleset::Fraction { num: 2, den: 3 },
                chair_required: true,
            },
            decimals: 2,
        })
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn dossier(&self, code: &str) -> Option<&Dossier> {
        self.dossiers.iter().find(|d| d.code == code)
    }

    /// Checks every rule of the exchange format that serde cannot, and fills in what a file may
    /// leave out (settings, current rounds). Errors name the JSON path, e.g.
    /// `sheets[3].choices["2.3"]: phương án 4 không tồn tại (tiêu chí có 3 phương án)`.
    pub fn check(&mut self, criteria: &CriteriaSet, default_settings: Settings) -> Result<(), Invalid> {
        let fail = |path: String, problem: String| Err(Invalid { path, problem });
        if self.format != SESSION_FORMAT {
            return fail("format".into(), format!("cần \"{}\"", SESSION_FORMAT));
        }
        let info = &self.session;
        if info.criteria_set != criteria.id {
            return fail(
                "session.criteria_set".into(),
                format!("bộ tiêu chí «{}» chưa được cài đặt", info.criteria_set),
            );
        }
        if !info.meeting_date.is_empty() && !valid_date(&info.meeting_date) {
            return fail(
                "session.meeting_date".into(),
                format!("«{}» không phải ngày dạng YYYY-MM-DD", info.meeting_date),
            );
        }
        let settings = *self.session.settings.get_or_insert(default_settings);
        if settings.decimals > crate::domain::fixed::MAX_DECIMALS {
            return fail(
                "session.settings.decimals".into(),
                format!("tối đa {} chữ số thập phân", crate::domain::fixed::MAX_DECIMALS),
            );
        }
        if settings.spread_limit > 100 {
            return fail("session.settings.spread_limit".into(), "không được quá 100 điểm".into());
        }

        let mut member_ids = HashSet::new();
        let mut chairs = 0;
        for (i, m) in self.members.iter().enumerate() {
            if m.id.trim().is_empty() {
                return fail(format!("members[{i}].id"), "mã thành viên trống".into());
            }
            if !member_ids.insert(m.id.as_str()) {
                return fail(format!("members[{i}].id"), format!("mã thành viên «{}» bị trùng", m.id));
            }
            if m.name.trim().is_empty() {
                return fail(format!("members[{i}].name"), "họ tên trống".into());
            }
            if m.role == Role::Chair {
                chairs += 1;
                if chairs > 1 {
                    return fail(format!("members[{i}].role"), "Hội đồng chỉ có một Chủ tịch".into());
                }
            }
        }

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
                return fail(at("code"), "mã hồ sơ trống".into());
            }
            if !codes.insert(d.code.as_str()) {
                return fail(at("code"), format!("mã hồ sơ «{}» bị trùng", d.code));
            }
            if d.product.trim().is_empty() {
                return fail(at("product"), "tên sản phẩm trống".into());
            }
            if d.producer.trim().is_empty() {
                return fail(at("producer"), "tên chủ thể trống".into());
            }
            if criteria.sheet(d.sheet).is_none() {
                return fail(
                    at("sheet"),
                    format!("bộ sản phẩm số {} không có trong bộ tiêu chí «{}»", d.sheet, criteria.id),
                );
            }
            if d.self_score.is_some_and(|s| s > 100) {
                return fail(at("self_score"), "điểm tự đánh giá không quá 100".into());
            }
            if d.eliminated.as_deref().is_some_and(|r| r.trim().is_empty()) {
                return fail(at("eliminated"), "cần ghi lý do loại hồ sơ (hoặc null)".into());
            }
            let mut recused = HashSet::new();
            for (j, m) in d.recused.iter().enumerate() {
                if !member_ids.contains(m.as_str()) {
                    return fail(format!("dossiers[{i}].recused[{j}]"), format!("không có thành viên «{m}»"));
                }
                if !recused.insert(m) {
                    return fail(format!("dossiers[{i}].recused[{j}]"), format!("thành viên «{m}» bị lặp"));
                }
            }
            let scored = max_round.get(d.code.as_str()).copied().unwrap_or(1);
            let round = match d.round {
                Some(0) => return fail(at("round"), "vòng chấm bắt đầu từ 1".into()),
                Some(r) if r < scored => {
                    return fail(at("round"), format!("vòng hiện tại {r} nhỏ hơn vòng {scored} đã có phiếu"));
                }
                Some(r) => r,
                None => scored,
            };
            rounds.push(round);
        }
        for (d, r) in self.dossiers.iter_mut().zip(rounds) {
            d.round = Some(r);
        }

        let mut sheet_keys = HashSet::new();
        let mut indexes: HashMap<u32, crate::domain::criteria::SheetIndex<'_>> = HashMap::new();
        for (i, s) in self.sheets.iter().enumerate() {
            let at = |field: &str| format!("sheets[{i}].{field}");
            let Some(dossier) = self.dossiers.iter().find(|d| d.code == s.dossier) else {
                return fail(at("dossier"), format!("không có hồ sơ «{}»", s.dossier));
            };
            let Some(member) = self.members.iter().find(|m| m.id == s.member) else {
                return fail(at("member"), format!("không có thành viên «{}»", s.member));
            };
            if !member.scores {
                return fail(at("member"), format!("thành viên «{}» không chấm điểm", s.member));
            }
            if dossier.recused.contains(&s.member) {
                return fail(
                    at("member"),
                    format!("thành viên «{}» không chấm hồ sơ «{}» (đã rút)", s.member, s.dossier),
                );
            }
            if s.round == 0 {
                return fail(at("round"), "vòng chấm bắt đầu từ 1".into());
            }
            if !sheet_keys.insert((s.dossier.as_str(), s.member.as_str(), s.round)) {
                return fail(
                    format!("sheets[{i}]"),
                    format!("phiếu của «{}» cho «{}» vòng {} bị trùng", s.member, s.dossier, s.round),
                );
            }
            let Some(sheet) = criteria.sheet(dossier.sheet) else {
                return fail(at("dossier"), format!("bộ sản phẩm số {} không tồn tại", dossier.sheet));
            };
            let index = indexes.entry(dossier.sheet).or_insert_with(|| crate::domain::criteria::SheetIndex::new(sheet));
            for (code, &choice) in &s.choices {
                let Some(&pos) = index.position.get(code.as_str()) else {
                    return fail(
                        format!("sheets[{i}].choices[\"{code}\"]"),
                        format!("bộ sản phẩm số {} không có tiêu chí lá «{code}»", dossier.sheet),
                    );
                };
                let options = index.leaves[pos].criterion.options.len();
                if usize::from(choice) > options {
                    return fail(
                        format!("sheets[{i}].choices[\"{code}\"]"),
                        format!("phương án {choice} không tồn tại (tiêu chí có {options} phương án)"),
                    );
                }
            }
            if !s.draft {
                if let Some(missing) = index.leaves.iter().find(|l| !s.choices.contains_key(&l.criterion.code)) {
                    return fail(
                        at("choices"),
                        format!("phiếu đã nộp phải chấm mọi tiêu chí; thiếu «{}»", missing.criterion.code),
                    );
                }
            }
        }

        self.audit = std::mem::take(&mut self.audit).into_iter().map(AuditEntry::normalise).collect();
        for (i, a) in self.audit.iter().enumerate() {
            if a.at.trim().is_empty() {
                return fail(format!("audit[{i}]"), "mỗi dòng nhật ký cần thời điểm (at) và thao tác (action)".into());
            }
        }
        let mut resolved = HashSet::new();
        for (i, r) in self.resolutions.iter().enumerate() {
            let Some(d) = self.dossiers.iter().find(|d| d.code == r.dossier) else {
                return fail(format!("resolutions[{i}].dossier"), format!("không có hồ sơ «{}»", r.dossier));
            };
            if r.round == 0 || r.round > d.current_round() {
                return fail(
                    format!("resolutions[{i}].round"),
                    format!("hồ sơ «{}» không có vòng {}", r.dossier, r.round),
                );
            }
            if r.note.trim().is_empty() {
                return fail(format!("resolutions[{i}].note"), "cần ghi nội dung kết luận của Hội đồng".into());
            }
            if !resolved.insert((r.dossier.as_str(), r.round)) {
                return fail(
                    format!("resolutions[{i}]"),
                    format!("đã có kết luận cho «{}» vòng {}", r.dossier, r.round),
                );
            }
        }
        Ok(())
    }
}

/// A real calendar date written YYYY-MM-DD.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=9999).contains(&y) && (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(valid_date("2023-06-05"));
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2023-13-01"));
        assert!(!valid_date("05/06/2023"));
        assert!(!valid_date("2023-6-5"));
    }
}
