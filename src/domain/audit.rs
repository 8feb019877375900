//! The audit trail as data: what was done (an action), to what (dossier, member, round, criterion as
//! separate fields, never a sentence), old → new, why. Words for people come from `crate::lang`.

use serde::{Deserialize, Serialize};

/// Every kind of change the session file records. The snake_case names are what the file and the
/// exchange document store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// The session file was made (`new`, or the window's new-session form).
    Create,
    /// The file was brought up to a newer schema version.
    Migrate,
    Attendance,
    Choice,
    Submit,
    Comment,
    Recusal,
    /// One import as a whole (its counts); the rows below are its parts.
    Import,
    DossierAdded,
    DossierUpdated,
    Attached,
    /// A dossier's details were edited.
    Dossier,
    Eliminate,
    Round,
    Resolution,
    Lock,
    Reopen,
    /// A dossier's score sheets were discarded on purpose (its criteria sheet changed); the
    /// reason says why.
    SheetsDiscarded,
    /// A submitted sheet was opened again for a correction; the reason says why, old and new are
    /// its total before the correction and (once submitted again) after it.
    SheetReopened,
    /// A submitted sheet passed the read-back check (typed again blind, differences resolved).
    SheetChecked,
    /// The session setting "a sheet counts only after its read-back check" was changed.
    CheckRequired,
    /// A fact of the session was corrected (title, date, place, the meeting facts); old and new are
    /// written `field=value`.
    SessionEdited,
    /// A member joined the council after the session was made.
    MemberAdded,
    /// A member's name, honorific, position, role, scoring or absence reason was corrected
    /// (`field=value`).
    MemberEdited,
    /// A member without score sheets left the council.
    MemberRemoved,
    /// A member's link for scoring on their own device was made or made anew (the old one stops
    /// working). The secret itself is never written here.
    LinkIssued,
    /// A member's link was bound to the device that used it first; new is the device id.
    DevicePaired,
    /// The secretary released a member's link from its device; old is the device id.
    DeviceRevoked,
}

impl AuditAction {
    pub const ALL: [AuditAction; 28] = [
        AuditAction::Create,
        AuditAction::Migrate,
        AuditAction::Attendance,
        AuditAction::Choice,
        AuditAction::Submit,
        AuditAction::Comment,
        AuditAction::Recusal,
        AuditAction::Import,
        AuditAction::DossierAdded,
        AuditAction::DossierUpdated,
        AuditAction::Attached,
        AuditAction::Dossier,
        AuditAction::Eliminate,
        AuditAction::Round,
        AuditAction::Resolution,
        AuditAction::Lock,
        AuditAction::Reopen,
        AuditAction::SheetsDiscarded,
        AuditAction::SheetReopened,
        AuditAction::SheetChecked,
        AuditAction::CheckRequired,
        AuditAction::SessionEdited,
        AuditAction::MemberAdded,
        AuditAction::MemberEdited,
        AuditAction::MemberRemoved,
        AuditAction::LinkIssued,
        AuditAction::DevicePaired,
        AuditAction::DeviceRevoked,
    ];

    /// The stored name ("dossier_added").
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Migrate => "migrate",
            AuditAction::Attendance => "attendance",
            AuditAction::Choice => "choice",
            AuditAction::Submit => "submit",
            AuditAction::Comment => "comment",
            AuditAction::Recusal => "recusal",
            AuditAction::Import => "import",
            AuditAction::DossierAdded => "dossier_added",
            AuditAction::DossierUpdated => "dossier_updated",
            AuditAction::Attached => "attached",
            AuditAction::Dossier => "dossier",
            AuditAction::Eliminate => "eliminate",
            AuditAction::Round => "round",
            AuditAction::Resolution => "resolution",
            AuditAction::Lock => "lock",
            AuditAction::Reopen => "reopen",
            AuditAction::SheetsDiscarded => "sheets_discarded",
            AuditAction::SheetReopened => "sheet_reopened",
            AuditAction::SheetChecked => "sheet_checked",
            AuditAction::CheckRequired => "check_required",
            AuditAction::SessionEdited => "session_edited",
            AuditAction::MemberAdded => "member_added",
            AuditAction::MemberEdited => "member_edited",
            AuditAction::MemberRemoved => "member_removed",
            AuditAction::LinkIssued => "link_issued",
            AuditAction::DevicePaired => "device_paired",
            AuditAction::DeviceRevoked => "device_revoked",
        }
    }

    pub fn parse(name: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// What an event is about. Session-wide events have every field empty. (In the exchange document
/// these are fields of the `AuditEntry` itself.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    pub dossier: Option<String>,
    pub member: Option<String>,
    pub round: Option<u32>,
    pub criterion: Option<String>,
}

impl Target {
    pub fn session() -> Target {
        Target::default()
    }

    pub fn dossier(code: &str) -> Target {
        Target { dossier: Some(code.into()), ..Target::default() }
    }

    pub fn member(id: &str) -> Target {
        Target { member: Some(id.into()), ..Target::default() }
    }

    pub fn dossier_member(code: &str, member: &str) -> Target {
        Target { dossier: Some(code.into()), member: Some(member.into()), ..Target::default() }
    }

    pub fn sheet(code: &str, member: &str, round: u32) -> Target {
        Target { round: Some(round), ..Target::dossier_member(code, member) }
    }

    pub fn round(code: &str, round: u32) -> Target {
        Target { round: Some(round), ..Target::dossier(code) }
    }

    pub fn choice(code: &str, member: &str, round: u32, criterion: &str) -> Target {
        Target { criterion: Some(criterion.into()), ..Target::sheet(code, member, round) }
    }

    /// Reads a target as version 2 of the file wrote it: "D", "D/M", "D/vòng R", "D/M/vòng R",
    /// "D/M/vòng R/C", or a word for the whole session ("session", "schema") or an import source.
    /// Returns the target and, for a source, the text that was not a target.
    pub fn parse_legacy(text: &str, action: AuditAction) -> (Target, Option<String>) {
        match action {
            AuditAction::Create | AuditAction::Migrate | AuditAction::Lock | AuditAction::Reopen => {
                (Target::session(), None)
            }
            AuditAction::Import => (Target::session(), Some(text.to_string()).filter(|t| !t.is_empty())),
            AuditAction::Attendance => (Target::member(text), None),
            _ => (parse_path(text), None),
        }
    }
}

fn parse_path(text: &str) -> Target {
    let mut target = Target::default();
    let mut names = Vec::new();
    for part in text.split('/') {
        match part.strip_prefix("vòng ").and_then(|r| r.trim().parse::<u32>().ok()) {
            Some(round) if target.round.is_none() => target.round = Some(round),
            _ if target.round.is_some() => target.criterion = Some(part.to_string()),
            _ => names.push(part.to_string()),
        }
    }
    let mut names = names.into_iter();
    target.dossier = names.next().filter(|n| !n.is_empty());
    target.member = names.next();
    target
}

/// One change as it is appended: the actor and the time are added by the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEvent {
    pub action: AuditAction,
    pub target: Target,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

impl AuditEvent {
    pub fn new(action: AuditAction, target: Target) -> AuditEvent {
        AuditEvent { action, target, old: None, new: None, reason: None }
    }

    pub fn change(mut self, old: Option<String>, new: Option<String>) -> AuditEvent {
        self.old = old;
        self.new = new;
        self
    }

    pub fn because(mut self, reason: impl Into<String>) -> AuditEvent {
        self.reason = Some(reason.into());
        self
    }
}

/// One row of the audit trail as read back (and as `export --audit` writes it): the target's parts
/// are fields of their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    #[serde(default)]
    pub old: Option<String>,
    #[serde(default)]
    pub new: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// `target` as documents of version 2 wrote it (one string); read into the fields above by
    /// `normalise`, never written.
    #[serde(default, rename = "target", skip_serializing)]
    pub legacy_target: Option<String>,
}

impl AuditEntry {
    pub fn target(&self) -> Target {
        Target {
            dossier: self.dossier.clone(),
            member: self.member.clone(),
            round: self.round,
            criterion: self.criterion.clone(),
        }
    }

    pub fn with_target(mut self, t: Target) -> AuditEntry {
        (self.dossier, self.member, self.round, self.criterion) = (t.dossier, t.member, t.round, t.criterion);
        self
    }

    /// Moves a version-2 `target` string into the structured fields (an import source goes to
    /// `reason` when there is none).
    pub fn normalise(mut self) -> AuditEntry {
        let Some(text) = self.legacy_target.take() else { return self };
        let (target, rest) = Target::parse_legacy(&text, self.action);
        if self.reason.is_none() {
            self.reason = rest;
        }
        self.with_target(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_stored_name_that_parses_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
        }
        assert_eq!(AuditAction::parse("xoá"), None);
    }

    #[test]
    fn version_2_targets_are_read_into_their_parts() {
        let (t, rest) = Target::parse_legacy("YY-2023-01/m1/vòng 2/1.1", AuditAction::Choice);
        assert_eq!(t, Target::choice("YY-2023-01", "m1", 2, "1.1"));
        assert_eq!(rest, None);
        assert_eq!(Target::parse_legacy("YY-01/vòng 3", AuditAction::Resolution).0, Target::round("YY-01", 3));
        assert_eq!(Target::parse_legacy("YY-01/m2", AuditAction::Recusal).0, Target::dossier_member("YY-01", "m2"));
        assert_eq!(Target::parse_legacy("YY-01", AuditAction::Eliminate).0, Target::dossier("YY-01"));
        assert_eq!(Target::parse_legacy("m4", AuditAction::Attendance).0, Target::member("m4"));
        assert_eq!(Target::parse_legacy("session", AuditAction::Lock).0, Target::session());
        let (t, rest) = Target::parse_legacy("ds.csv", AuditAction::Import);
        assert_eq!((t, rest.as_deref()), (Target::session(), Some("ds.csv")));
    }

    #[test]
    fn an_entry_travels_with_its_target_as_separate_fields() {
        let e = AuditEntry {
            at: "2023-06-05T10:00:00Z".into(),
            actor: "thư ký".into(),
            action: AuditAction::Choice,
            dossier: None,
            member: None,
            round: None,
            criterion: None,
            old: Some("3".into()),
            new: Some("2".into()),
            reason: None,
            legacy_target: None,
        }
        .with_target(Target::choice("YY-01", "m1", 1, "1.1"));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["action"], "choice");
        assert_eq!(
            (v["dossier"].as_str(), v["member"].as_str(), v["round"].as_u64()),
            (Some("YY-01"), Some("m1"), Some(1))
        );
        assert_eq!(v["criterion"], "1.1");
        assert!(v.get("target").is_none());
        assert_eq!(serde_json::from_value::<AuditEntry>(v).unwrap(), e);
        // A document of version 2 wrote the target as one string.
        let old = serde_json::json!({"at": "t", "actor": "a", "action": "choice", "target": "YY-01/m1/vòng 1/1.1",
            "old": "3", "new": "2"});
        assert_eq!(serde_json::from_value::<AuditEntry>(old).unwrap().normalise(), e.clone_at("t", "a"));
    }

    impl AuditEntry {
        fn clone_at(&self, at: &str, actor: &str) -> AuditEntry {
            AuditEntry { at: at.into(), actor: actor.into(), ..self.clone() }
        }
    }
}
