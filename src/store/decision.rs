//! The recognition decision issued after the meeting (schema version 6, issue 18). Recorded only on
//! locked results and outside what they stand on: the lock and its fingerprint stay as they are;
//! the audit log says who recorded which decision when (and what a correction replaced).

use super::read::Reader;
use super::{Result, Store, StoreError, audit};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::register::RecognitionDecision;
use crate::domain::text::nfc;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// How the audit log writes a decision: `decision=NUMBER DATE`.
fn audit_text(decision: &RecognitionDecision) -> String {
    decision_audit_text(&decision.number, &decision.date)
}

/// The audit text of a decision numbered `number` of `date` (YYYY-MM-DD): what `verify` compares
/// the file's decision with.
pub fn decision_audit_text(number: &str, date: &impl std::fmt::Display) -> String {
    format!("decision={number} {date}")
}

impl Store {
    /// Records (or corrects) the recognition decision of a locked session, with its audit row, in
    /// one IMMEDIATE transaction. Refused while the results are not locked.
    pub fn record_decision(&mut self, decision: &RecognitionDecision, actor: &str) -> Result<()> {
        super::plain("actor", actor)?;
        super::plain("decision.number", &decision.number)?;
        let decision = RecognitionDecision { number: nfc(decision.number.trim()), date: decision.date };
        let sql = self.sql_owned();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        if (Reader { conn: &tx, path: &self.shown }).lock_info()?.is_none() {
            return Err(StoreError::NotLocked);
        }
        let old = read_decision(&tx).map_err(&sql)?;
        if old.as_ref() == Some(&decision) {
            return Ok(());
        }
        let at = super::now_utc();
        let event = AuditEvent::new(AuditAction::SessionEdited, Target::session())
            .change(old.as_ref().map(audit_text), Some(audit_text(&decision)));
        audit::append_at(&tx, &at, actor, &event).map_err(&sql)?;
        tx.execute(
            "INSERT INTO recognition (id, number, date, recorded_at, recorded_by) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET number = excluded.number, date = excluded.date,
                 recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
            params![decision.number, decision.date.to_string(), at, actor],
        )
        .map_err(&sql)?;
        tx.commit().map_err(&sql)
    }

    /// The recorded recognition decision, if any.
    pub fn decision(&self) -> Result<Option<RecognitionDecision>> {
        read_decision(&self.conn).map_err(self.sql_err())
    }
}

fn read_decision(conn: &rusqlite::Connection) -> rusqlite::Result<Option<RecognitionDecision>> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT number, date FROM recognition WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(number, date)| Some(RecognitionDecision { number, date: date.parse().ok()? })))
}
