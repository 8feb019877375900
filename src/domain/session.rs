//! The session model: one council meeting. Its serde shape *is* the exchange format
//! `ocop-council-session/2` (design §5), so there is one definition of a session, not two.

use crate::domain::criteria::CriteriaSet;
use crate::domain::date::Date;
use crate::domain::ruleset::{Ruleset, Settings};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The exchange format this program writes when a session records the meeting facts of issue 13.5.
pub const SESSION_FORMAT: &str = "ocop-council-session/2";
/// The first format: no meeting facts, honorifics, absence reasons or conclusions. Still read, and
/// still written for a session that uses none of them, so that an existing session's document — and
/// its fingerprint, which the signed paper carries — stays exactly what it was.
pub const SESSION_FORMAT_V1: &str = "ocop-council-session/1";
/// Every format this program reads.
pub const SESSION_FORMATS: [&str; 2] = [SESSION_FORMAT_V1, SESSION_FORMAT];

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
    /// Written YYYY-MM-DD; `None` (written "") while not yet fixed.
    #[serde(default, with = "crate::domain::date::text")]
    pub meeting_date: Option<Date>,
    #[serde(default)]
    pub meeting_place: String,
    /// Absent in a file → the ruleset's defaults.
    #[serde(default)]
    pub settings: Option<Settings>,
    /// Opening and closing time, chair, secretary, guests, signer, recipients (issue 13.5). Left out
    /// of the document when empty, so a session without them is written exactly as before.
    #[serde(default, skip_serializing_if = "crate::domain::facts::MeetingFacts::is_empty")]
    pub facts: crate::domain::facts::MeetingFacts,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<crate::domain::facts::Honorific>,
    /// Why an absent member is absent, for the minutes ("" when not given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub absence_reason: String,
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
    /// The council's discussion and conclusion on this product, for the minutes ("" when none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
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
    /// The read-back check was done (typed again blind by another person, differences resolved).
    /// Only on a submitted sheet; left out of the document when not done.
    #[serde(default, skip_serializing_if = "is_false")]
    pub checked: bool,
}

impl ScoreSheet {
    /// Where the sheet stands, as far as a document tells (a reopened sheet reads as a draft).
    pub fn status(&self) -> crate::domain::sheet_status::SheetStatus {
        crate::domain::sheet_status::SheetStatus::from_flags(self.draft, self.checked)
    }
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

pub use crate::domain::invalid::{Invalid, Problem};

impl Dossier {
    pub fn current_round(&self) -> u32 {
        self.round.unwrap_or(1)
    }

    /// Whether `member` is expected to score this dossier: present, scoring and not recused from it.
    pub fn expects_sheet_from(&self, member: &Member) -> bool {
        member.can_score() && !self.recused.contains(&member.id)
    }
}

impl Member {
    /// Present and a scoring member: expected to score every dossier they are not recused from.
    pub fn can_score(&self) -> bool {
        self.present && self.scores
    }
}

impl SessionInfo {
    /// The heading of a new session: its title, rules and settings; authority, place and date
    /// are filled in later (they are empty, and the date not fixed).
    pub fn new(title: impl Into<String>, ruleset: &Ruleset, criteria: &CriteriaSet, settings: Settings) -> SessionInfo {
        SessionInfo {
            title: title.into(),
            ruleset: ruleset.id.clone(),
            criteria_set: criteria.id.clone(),
            authority: String::new(),
            province: String::new(),
            council_decision: String::new(),
            meeting_date: None,
            meeting_place: String::new(),
            settings: Some(settings),
            facts: Default::default(),
        }
    }
}

impl Session {
    /// Whether the session records anything format 1 cannot hold (the facts of issue 13.5).
    pub fn uses_meeting_facts(&self) -> bool {
        !self.session.facts.is_empty()
            || self.members.iter().any(|m| m.honorific.is_some() || !m.absence_reason.is_empty())
            || self.dossiers.iter().any(|d| !d.conclusion.is_empty())
    }

    /// The format the session is written in: `/1` while it uses none of the new facts, else `/2`.
    pub fn needed_format(&self) -> &'static str {
        if self.uses_meeting_facts() { SESSION_FORMAT } else { SESSION_FORMAT_V1 }
    }

    pub fn settings(&self) -> Settings {
        // `check` fills settings in; a session that skipped it falls back to the QĐ 148 defaults.
        self.session.settings.unwrap_or(Settings::QD148)
    }

    /// A session with its heading only: no members, dossiers, sheets, resolutions or audit yet.
    pub fn empty(info: SessionInfo) -> Session {
        Session {
            format: SESSION_FORMAT_V1.into(),
            session: info,
            members: vec![],
            dossiers: vec![],
            sheets: vec![],
            resolutions: vec![],
            audit: vec![],
        }
    }

    /// The members expected to score `dossier` (present, scoring, not recused), in council order.
    pub fn expected_scorers<'s>(&'s self, dossier: &'s Dossier) -> impl Iterator<Item = &'s Member> + 's {
        self.members.iter().filter(move |m| dossier.expects_sheet_from(m))
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn dossier(&self, code: &str) -> Option<&Dossier> {
        self.dossiers.iter().find(|d| d.code == code)
    }
}

/// The highest scoring round: a council scores a product again once or twice, never a hundred times,
/// and nothing in the program may cost as much as a round number from a file says.
pub const MAX_ROUND: u32 = 99;

/// The most characters of an offending value an error message quotes.
pub const EXCERPT_CHARS: usize = 80;

/// A value as an error message quotes it: whole when short, else its first `EXCERPT_CHARS`
/// characters and "…" (cut at a character boundary), so a 10 MB key costs a line, not 10 MB.
pub fn excerpt(value: &str) -> String {
    match value.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

/// A real calendar date written YYYY-MM-DD.
pub fn valid_date(s: &str) -> bool {
    s.parse::<Date>().is_ok()
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

    #[test]
    fn excerpts_cut_long_values_at_a_character_boundary() {
        assert_eq!(excerpt("ngắn"), "ngắn");
        let long = "ệ".repeat(10_000);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…') && cut.starts_with("ệệ"));
        assert_eq!(excerpt(&"a".repeat(EXCERPT_CHARS)), "a".repeat(EXCERPT_CHARS));
    }

    fn member(id: &str, present: bool, scores: bool) -> Member {
        Member {
            id: id.into(),
            name: id.to_uppercase(),
            position: String::new(),
            role: Role::Member,
            present,
            scores,
            honorific: None,
            absence_reason: String::new(),
        }
    }

    fn dossier(code: &str, recused: &[&str]) -> Dossier {
        Dossier {
            code: code.into(),
            product: "Gạo".into(),
            sheet: 1,
            producer: "HTX".into(),
            entity_type: EntityType::Htx,
            representative: String::new(),
            address: String::new(),
            phone: String::new(),
            kind: Kind::New,
            self_score: None,
            eliminated: None,
            recused: recused.iter().map(|m| m.to_string()).collect(),
            round: None,
            conclusion: String::new(),
        }
    }

    fn heading() -> SessionInfo {
        let info = r#"{"title": "Thử", "ruleset": "qd148-2023-huyen", "criteria_set": "tiny"}"#;
        serde_json::from_str(info).unwrap()
    }

    #[test]
    fn expected_scorers_are_present_scoring_and_not_recused() {
        let mut s = Session::empty(heading());
        s.members = vec![
            member("m1", true, true),
            member("m2", false, true),
            member("m3", true, false),
            member("m4", true, true),
            member("m5", true, true),
        ];
        let d = dossier("D1", &["m4"]);
        let ids: Vec<&str> = s.expected_scorers(&d).map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m1", "m5"]);
        let other = dossier("D2", &[]);
        let ids: Vec<&str> = s.expected_scorers(&other).map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m1", "m4", "m5"]);
        assert!(!d.expects_sheet_from(&s.members[3]));
        assert!(s.members[0].can_score() && !s.members[1].can_score() && !s.members[2].can_score());
    }

    #[test]
    fn an_empty_session_has_its_heading_only() {
        let s = Session::empty(heading());
        assert_eq!(s.format, s.needed_format(), "written as the format it needs");
        assert_eq!(s.session.title, "Thử");
        assert_eq!(s.session.meeting_date, None);
        assert!(s.members.is_empty() && s.dossiers.is_empty() && s.sheets.is_empty());
        assert!(s.resolutions.is_empty() && s.audit.is_empty());
        assert_eq!(s.settings(), Settings::QD148, "no settings yet: the QĐ 148 fallback");
    }

    #[test]
    fn meeting_date_round_trips_through_the_exchange_text() {
        let mut info = heading();
        assert_eq!(info.meeting_date, None, "an absent date is not fixed");
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["meeting_date"], "", "written as the empty string");
        assert_eq!(serde_json::from_value::<SessionInfo>(json).unwrap(), info);

        info.meeting_date = Date::new(2023, 6, 5);
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["meeting_date"], "2023-06-05");
        assert_eq!(serde_json::from_value::<SessionInfo>(json).unwrap(), info);

        let bad = r#"{"title": "", "ruleset": "r", "criteria_set": "c", "meeting_date": "05/06/2023"}"#;
        let e = serde_json::from_str::<SessionInfo>(bad).unwrap_err().to_string();
        assert!(e.starts_with("«05/06/2023» không phải ngày dạng YYYY-MM-DD"), "{e}");
    }
}
