//! The append-only audit log: every change is appended here, in the transaction that makes it.

use super::{Result, Store};
use crate::domain::audit::{AuditEntry, AuditEvent};
use rusqlite::{Connection, params};

/// Appends one event, by `actor`, now. The one INSERT into the audit log.
pub(super) fn append(conn: &Connection, actor: &str, event: &AuditEvent) -> rusqlite::Result<()> {
    append_at(conn, &super::now_utc(), actor, event)
}

pub(super) fn append_at(conn: &Connection, at: &str, actor: &str, event: &AuditEvent) -> rusqlite::Result<()> {
    let t = &event.target;
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, dossier, member, round, criterion, old, new, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        at,
        actor,
        event.action,
        t.dossier,
        t.member,
        t.round,
        t.criterion,
        event.old,
        event.new,
        event.reason
    ])?;
    Ok(())
}

/// Appends rows kept from an earlier document (their own time and actor).
pub(super) fn append_entry(conn: &Connection, e: &AuditEntry) -> rusqlite::Result<()> {
    let event = AuditEvent {
        action: e.action,
        target: e.target(),
        old: e.old.clone(),
        new: e.new.clone(),
        reason: e.reason.clone(),
    };
    append_at(conn, &e.at, &e.actor, &event)
}

impl Store {
    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        self.rows(
            "SELECT at, actor, action, dossier, member, round, criterion, old, new, reason FROM audit_log ORDER BY id",
            |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    dossier: r.get(3)?,
                    member: r.get(4)?,
                    round: r.get(5)?,
                    criterion: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                    reason: r.get(9)?,
                    legacy_target: None,
                })
            },
        )
    }
}
