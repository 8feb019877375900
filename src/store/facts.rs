//! Correcting a session's facts and its council after creation (issue 13.4): the heading (title,
//! authority, date, place …), the meeting facts a minutes records, and the members. Each change is
//! audited field by field (`field=value`, old → new) and refused once the session is locked.

use super::{Result, Store, StoreError, audit};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::facts::MeetingFacts;
use crate::domain::session::{Member, Role, SessionInfo};
use rusqlite::{Connection, OptionalExtension, params};

/// Writes the meeting facts into the session row and the guest and recipient tables (replacing
/// what they held).
pub(super) fn write_meeting_facts(conn: &Connection, facts: &MeetingFacts) -> rusqlite::Result<()> {
    let text = |t: Option<crate::domain::facts::ClockTime>| t.map(|t| t.to_string()).unwrap_or_default();
    let signer = facts.signer.clone().unwrap_or_default();
    let capacity = signer.capacity.map(|c| super::sql::name_of(&c)).unwrap_or_default();
    let none = facts.opened.is_none()
        && facts.closed.is_none()
        && facts.chair.is_none()
        && facts.secretary.is_none()
        && facts.signer.is_none();
    conn.execute("DELETE FROM meeting", [])?;
    // No row while none of these is known (a session without facts has the tables of version 4 alone).
    if !none {
        conn.execute(
            "INSERT INTO meeting (id, opened, closed, chair, secretary, signer_name, signer_title, signer_capacity)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                text(facts.opened),
                text(facts.closed),
                facts.chair.clone().unwrap_or_default(),
                facts.secretary.clone().unwrap_or_default(),
                signer.name,
                signer.title,
                capacity
            ],
        )?;
    }
    conn.execute("DELETE FROM guest", [])?;
    let mut guest = conn.prepare("INSERT INTO guest (ord, name, position) VALUES (?1, ?2, ?3)")?;
    for (i, g) in facts.guests.iter().enumerate() {
        guest.execute(params![i as i64, g.name, g.position])?;
    }
    conn.execute("DELETE FROM recipient", [])?;
    let mut line = conn.prepare("INSERT INTO recipient (document, ord, text) VALUES (?1, ?2, ?3)")?;
    for (document, lines) in &facts.recipients {
        for (i, text) in lines.iter().enumerate() {
            line.execute(params![document, i as i64, text])?;
        }
    }
    Ok(())
}

/// A member's honorific and absence reason: a `member_facts` row while either is given.
pub(super) fn write_member_facts(conn: &Connection, m: &Member) -> rusqlite::Result<()> {
    if m.honorific.is_none() && m.absence_reason.is_empty() {
        conn.execute("DELETE FROM member_facts WHERE member = ?1", [&m.id])?;
    } else {
        conn.execute(
            "INSERT INTO member_facts (member, honorific, absence_reason) VALUES (?1, ?2, ?3)
             ON CONFLICT (member) DO UPDATE SET honorific = excluded.honorific, absence_reason = excluded.absence_reason",
            params![m.id, m.honorific, m.absence_reason],
        )?;
    }
    Ok(())
}

/// The editable facts of a heading as (field, value) pairs, in the order a form shows them.
fn heading_fields(info: &SessionInfo) -> Vec<(&'static str, String)> {
    let f = &info.facts;
    let json = |v: serde_json::Value| if v.is_null() { String::new() } else { v.to_string() };
    vec![
        ("title", info.title.clone()),
        ("authority", info.authority.clone()),
        ("province", info.province.clone()),
        ("council_decision", info.council_decision.clone()),
        ("meeting_date", crate::domain::date::to_text(info.meeting_date)),
        ("meeting_place", info.meeting_place.clone()),
        ("opened", f.opened.map(|t| t.to_string()).unwrap_or_default()),
        ("closed", f.closed.map(|t| t.to_string()).unwrap_or_default()),
        ("chair", f.chair.clone().unwrap_or_default()),
        ("secretary", f.secretary.clone().unwrap_or_default()),
        ("guests", if f.guests.is_empty() { String::new() } else { json(serde_json::json!(f.guests)) }),
        ("signer", f.signer.as_ref().map(|s| json(serde_json::json!(s))).unwrap_or_default()),
        ("recipients", if f.recipients.is_empty() { String::new() } else { json(serde_json::json!(f.recipients)) }),
    ]
}

/// The editable facts of a member as (field, value) pairs.
fn member_fields(m: &Member) -> Vec<(&'static str, String)> {
    vec![
        ("name", m.name.clone()),
        ("honorific", m.honorific.map(|h| super::sql::name_of(&h)).unwrap_or_default()),
        ("position", m.position.clone()),
        ("role", super::sql::name_of(&m.role)),
        ("scores", m.scores.to_string()),
        ("absence_reason", m.absence_reason.clone()),
    ]
}

/// One event per field that differs: old and new written `field=value`.
fn changes(
    action: AuditAction,
    target: &Target,
    old: &[(&'static str, String)],
    new: &[(&'static str, String)],
) -> Vec<AuditEvent> {
    old.iter()
        .zip(new)
        .filter(|(o, n)| o.1 != n.1)
        .map(|((field, o), (_, n))| {
            AuditEvent::new(action, target.clone()).change(Some(format!("{field}={o}")), Some(format!("{field}={n}")))
        })
        .collect()
}

/// Appends every event but the last (which `Store::change` appends); nothing when there is none.
fn all_but_last(tx: &Connection, actor: &str, mut events: Vec<AuditEvent>) -> Result<Option<AuditEvent>> {
    let last = events.pop();
    for e in &events {
        audit::append(tx, actor, e).map_err(|e| StoreError::sqlite("", e))?;
    }
    Ok(last)
}

fn member_exists(tx: &Connection, id: &str) -> rusqlite::Result<bool> {
    tx.query_row("SELECT EXISTS (SELECT 1 FROM member WHERE id = ?1)", [id], |r| r.get(0))
}

/// The chair of the council other than `id`, if any.
fn other_chair(tx: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row("SELECT id FROM member WHERE role = 'chair' AND id <> ?1", [id], |r| r.get(0)).optional()
}

fn sheet_count(tx: &Connection, id: &str) -> rusqlite::Result<usize> {
    tx.query_row("SELECT count(*) FROM score_sheet WHERE member = ?1", [id], |r| r.get::<_, i64>(0)).map(|n| n as usize)
}

impl Store {
    /// Corrects the session's heading and meeting facts to those of `edited` (its ruleset, criteria
    /// set and settings are not editable here and are ignored). Returns how many facts changed; none
    /// changed is no change at all (nothing is written). Refused once locked, and when the chair or
    /// the secretary named is not a member.
    pub fn edit_session_facts(&mut self, actor: &str, edited: &SessionInfo) -> Result<usize> {
        super::plain_value("session", edited)?;
        let current = self.read_session()?;
        if let Some(lock) = self.lock_info()? {
            return Err(StoreError::Locked { at: lock.at });
        }
        for id in [&edited.facts.chair, &edited.facts.secretary].into_iter().flatten() {
            if current.member(id).is_none() {
                return Err(StoreError::UnknownMember { id: id.clone() });
            }
        }
        let events = changes(
            AuditAction::SessionEdited,
            &Target::session(),
            &heading_fields(&current.session),
            &heading_fields(edited),
        );
        let count = events.len();
        if count == 0 {
            return Ok(0);
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let info = edited;
            tx.execute(
                "UPDATE session SET title = ?1, authority = ?2, province = ?3, council_decision = ?4,
                        meeting_date = ?5, meeting_place = ?6 WHERE id = 1",
                params![
                    info.title,
                    info.authority,
                    info.province,
                    info.council_decision,
                    crate::domain::date::to_text(info.meeting_date),
                    info.meeting_place
                ],
            )
            .map_err(&sql)?;
            write_meeting_facts(tx, &info.facts).map_err(&sql)?;
            let last = all_but_last(tx, actor, events)?;
            Ok((count, last.unwrap_or_else(|| AuditEvent::new(AuditAction::SessionEdited, Target::session()))))
        })
    }

    /// Adds a member at the end of the council.
    pub fn add_member(&mut self, actor: &str, member: &Member) -> Result<()> {
        super::plain_value("member", member)?;
        if member.name.trim().is_empty() {
            return Err(StoreError::MemberNeedsName);
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            if member.id.trim().is_empty() {
                return Err(StoreError::UnknownMember { id: member.id.clone() });
            }
            if member_exists(tx, &member.id).map_err(&sql)? {
                return Err(StoreError::MemberExists { id: member.id.clone() });
            }
            if member.role == Role::Chair
                && let Some(chair) = other_chair(tx, &member.id).map_err(&sql)?
            {
                return Err(StoreError::SecondChair { id: chair });
            }
            tx.execute(
                "INSERT INTO member (id, ord, name, position, role, present, scores)
                 VALUES (?1, (SELECT coalesce(max(ord), -1) + 1 FROM member), ?2, ?3, ?4, ?5, ?6)",
                params![member.id, member.name, member.position, member.role, member.present, member.scores],
            )
            .map_err(&sql)?;
            write_member_facts(tx, member).map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::MemberAdded, Target::member(&member.id))
                .change(None, Some(member.name.clone()));
            Ok(((), event))
        })
    }

    /// Corrects a member's name, honorific, position, role, scoring and absence reason to those of
    /// `edited` (found by its id; its attendance is `set_attendance`'s). Returns how many changed.
    pub fn edit_member(&mut self, actor: &str, edited: &Member) -> Result<usize> {
        super::plain_value("member", edited)?;
        let current = self.read_session()?;
        if let Some(lock) = self.lock_info()? {
            return Err(StoreError::Locked { at: lock.at });
        }
        let Some(old) = current.member(&edited.id) else {
            return Err(StoreError::UnknownMember { id: edited.id.clone() });
        };
        if edited.name.trim().is_empty() {
            return Err(StoreError::MemberNeedsName);
        }
        let events = changes(
            AuditAction::MemberEdited,
            &Target::member(&edited.id),
            &member_fields(old),
            &member_fields(edited),
        );
        let count = events.len();
        if count == 0 {
            return Ok(0);
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            if edited.role == Role::Chair
                && let Some(chair) = other_chair(tx, &edited.id).map_err(&sql)?
            {
                return Err(StoreError::SecondChair { id: chair });
            }
            let sheets = sheet_count(tx, &edited.id).map_err(&sql)?;
            if !edited.scores && sheets > 0 {
                return Err(StoreError::MemberHasSheets { id: edited.id.clone(), sheets });
            }
            tx.execute(
                "UPDATE member SET name = ?1, position = ?2, role = ?3, scores = ?4 WHERE id = ?5",
                params![edited.name, edited.position, edited.role, edited.scores, edited.id],
            )
            .map_err(&sql)?;
            write_member_facts(tx, edited).map_err(&sql)?;
            let last = all_but_last(tx, actor, events)?;
            Ok((count, last.unwrap_or_else(|| AuditEvent::new(AuditAction::MemberEdited, Target::member(&edited.id)))))
        })
    }

    /// Removes a member who has no score sheets and neither chairs the meeting nor keeps its minutes
    /// (their recusals go with them).
    pub fn remove_member(&mut self, actor: &str, id: &str) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let name: Option<String> =
                tx.query_row("SELECT name FROM member WHERE id = ?1", [id], |r| r.get(0)).optional().map_err(&sql)?;
            let Some(name) = name else {
                return Err(StoreError::UnknownMember { id: id.into() });
            };
            let sheets = sheet_count(tx, id).map_err(&sql)?;
            if sheets > 0 {
                return Err(StoreError::MemberHasSheets { id: id.into(), sheets });
            }
            let leads: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM meeting WHERE chair = ?1 OR secretary = ?1)", [id], |r| {
                    r.get(0)
                })
                .map_err(&sql)?;
            if leads {
                return Err(StoreError::MemberLeadsMeeting { id: id.into() });
            }
            tx.execute("DELETE FROM member WHERE id = ?1", [id]).map_err(&sql)?;
            Ok(((), AuditEvent::new(AuditAction::MemberRemoved, Target::member(id)).change(Some(name), None)))
        })
    }

    /// Marks a member present or absent; an absence keeps its reason (the audit row's reason too),
    /// a presence clears it.
    pub fn set_attendance(&mut self, actor: &str, member: &str, present: bool, reason: &str) -> Result<()> {
        super::plain("member.absence_reason", reason)?;
        let sql = self.sql_owned();
        let reason = if present { "" } else { reason.trim() };
        self.change(actor, |tx| {
            let old: Option<bool> = tx
                .query_row("SELECT present FROM member WHERE id = ?1", [member], |r| r.get(0))
                .optional()
                .map_err(&sql)?;
            let Some(old) = old else {
                return Err(StoreError::UnknownMember { id: member.into() });
            };
            tx.execute("UPDATE member SET present = ?1 WHERE id = ?2", params![present, member]).map_err(&sql)?;
            let honorific: Option<crate::domain::facts::Honorific> = tx
                .query_row("SELECT honorific FROM member_facts WHERE member = ?1", [member], |r| r.get(0))
                .optional()
                .map_err(&sql)?
                .flatten();
            let facts = Member {
                id: member.into(),
                name: String::new(),
                position: String::new(),
                role: Role::Member,
                present,
                scores: true,
                honorific,
                absence_reason: reason.to_string(),
            };
            write_member_facts(tx, &facts).map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::Attendance, Target::member(member))
                .change(Some(old.to_string()), Some(present.to_string()));
            Ok(((), AuditEvent { reason: Some(reason.to_string()).filter(|r| !r.is_empty()), ..event }))
        })
    }
}
