//! What a real minutes records beyond the scores (issue 13.5): when the meeting opened and closed,
//! who chaired and who kept the minutes, the invited guests, who signs the decision and the
//! forwarding letter, and to whom each document goes ("Nơi nhận"). All optional: a document leaves a
//! dotted blank where a fact is not known yet, never a wrong or empty phrase.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A time of day written HH:MM (24 hours), as minutes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
}

/// Text that is not a time written HH:MM. `crate::lang::Say` words it in either language;
/// `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError(pub String);

impl std::error::Error for TimeError {}

impl ClockTime {
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }
}

/// Strict: two digits, a colon, two digits ("7:30" and "24:00" are refused).
impl FromStr for ClockTime {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<ClockTime, TimeError> {
        let b = s.as_bytes();
        let digits = b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
        let value = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
        let time = if digits { ClockTime::new(value(0), value(3)) } else { None };
        time.ok_or_else(|| TimeError(s.to_string()))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// serde can carry a refusal only as text, so this one is the Vietnamese `Display`; a reader that
/// people see checks the times first and keeps the typed `TimeError` (`exchange::parse`, the store).
impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ClockTime, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// How a member is addressed in the minutes ("Ông Nguyễn Văn An", "Bà Trần Thị Lan").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Honorific {
    Ong,
    Ba,
}

/// An invited guest at the meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub name: String,
    #[serde(default)]
    pub position: String,
}

/// In what capacity an administrative document is signed (Decree 30/2020): "TM." on behalf of a
/// collective (the People's Committee, the council), "KT." for the head by a deputy; none when the
/// head signs in person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignCapacity {
    Tm,
    Kt,
}

/// Who signs a document for the authority.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: String,
    /// "CHỦ TỊCH", "PHÓ CHỦ TỊCH", …
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<SignCapacity>,
}

/// The facts of the meeting a minutes and the administrative documents need. Every field may be
/// absent; an empty set is not written at all, so a session without them exports exactly as before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<ClockTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<ClockTime>,
    /// The member id of who chairs the meeting (chủ trì).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// The member id of who keeps the minutes (thư ký).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Guest>,
    /// Who signs the decision and the forwarding letter for the authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    /// "Nơi nhận" of each document, by document id ("decision", "forward", "minutes", …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub recipients: BTreeMap<String, Vec<String>>,
}

impl MeetingFacts {
    pub fn is_empty(&self) -> bool {
        *self == MeetingFacts::default()
    }
}

/// A fact the documents need that the session does not record yet (issue 13.4): the documents
/// would print "…cấp huyện năm" or ", ngày …… tháng" in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingFact {
    Title,
    Authority,
    MeetingDate,
    MeetingPlace,
    /// The council has no members.
    Members,
    /// Nobody chairs: neither the meeting facts nor a member's role name a chair.
    Chair,
    /// Nobody keeps the minutes: neither the meeting facts nor a member's role name a secretary.
    Secretary,
}

/// What the minutes and the decision need and the session lacks, in the order a form asks for it.
pub fn missing_facts(session: &crate::domain::Session) -> Vec<MissingFact> {
    use crate::domain::session::Role;
    let info = &session.session;
    let has_role = |role: Role| session.members.iter().any(|m| m.role == role);
    let blank = |text: &str| text.trim().is_empty();
    [
        (blank(&info.title), MissingFact::Title),
        (blank(&info.authority), MissingFact::Authority),
        (info.meeting_date.is_none(), MissingFact::MeetingDate),
        (blank(&info.meeting_place), MissingFact::MeetingPlace),
        (session.members.is_empty(), MissingFact::Members),
        (info.facts.chair.is_none() && !has_role(Role::Chair), MissingFact::Chair),
        (info.facts.secretary.is_none() && !has_role(Role::Secretary), MissingFact::Secretary),
    ]
    .into_iter()
    .filter_map(|(missing, fact)| missing.then_some(fact))
    .collect()
}

/// What a new session should say and does not yet (issue 13.4): its date, place and authority.
/// Creating it is not refused — they are often fixed later — but the secretary is told.
pub fn unset_at_creation(session: &crate::domain::Session) -> Vec<MissingFact> {
    let wanted = [MissingFact::Authority, MissingFact::MeetingDate, MissingFact::MeetingPlace];
    missing_facts(session).into_iter().filter(|f| wanted.contains(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_facts_name_what_the_documents_would_leave_blank() {
        let info = r#"{"title": "Thử", "ruleset": "qd148-2023-huyen", "criteria_set": "tiny"}"#;
        let mut s = crate::domain::Session::empty(serde_json::from_str(info).unwrap());
        use MissingFact::*;
        assert_eq!(missing_facts(&s), [Authority, MeetingDate, MeetingPlace, Members, Chair, Secretary]);
        s.session.authority = "UBND huyện Ý Yên".into();
        s.session.meeting_place = "Hội trường".into();
        s.session.meeting_date = crate::domain::Date::new(2023, 6, 5);
        s.members.push(crate::domain::session::Member {
            id: "m1".into(),
            name: "A".into(),
            position: String::new(),
            role: crate::domain::session::Role::Chair,
            present: true,
            scores: true,
            honorific: None,
            absence_reason: String::new(),
        });
        assert_eq!(missing_facts(&s), [Secretary]);
        s.session.facts.secretary = Some("m1".into());
        assert!(missing_facts(&s).is_empty());
    }

    #[test]
    fn times_are_strict_hh_mm() {
        assert_eq!("07:30".parse::<ClockTime>().map(|t| t.to_string()), Ok("07:30".into()));
        assert_eq!("23:59".parse::<ClockTime>().map(|t| (t.hour(), t.minute())), Ok((23, 59)));
        for bad in ["7:30", "24:00", "12:60", "1230", "12:3a", "", "12:30 "] {
            assert!(bad.parse::<ClockTime>().is_err(), "{bad}");
        }
    }

    #[test]
    fn empty_facts_are_not_written() {
        assert!(MeetingFacts::default().is_empty());
        let facts = MeetingFacts { opened: ClockTime::new(7, 30), ..MeetingFacts::default() };
        assert_eq!(serde_json::to_string(&facts).unwrap(), r#"{"opened":"07:30"}"#);
        let back: MeetingFacts = serde_json::from_str(r#"{"opened":"07:30"}"#).unwrap();
        assert_eq!(back, facts);
        assert!(serde_json::from_str::<MeetingFacts>(r#"{"opened":"7h30"}"#).is_err());
    }
}
