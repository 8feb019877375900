//! Locking the results and reopening them. The lock reads the session, checks that it can be
//! finalised and computes the fingerprint inside the same IMMEDIATE transaction that records it, so
//! no other connection can change the file between the fingerprint and the lock.

use super::read::Reader;
use super::{NeedsReason, Result, Store, StoreError, audit};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::text::nfc;
use crate::domain::{CriteriaSet, Ruleset, evaluate};
use rusqlite::{TransactionBehavior, params};

impl Store {
    /// Locks the results: only a finalizable session. Records who, when and the fingerprint.
    pub fn lock(&mut self, actor: &str) -> Result<String> {
        super::plain("actor", actor)?;
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        let reader = Reader { conn: &tx, path: &self.shown };
        if let Some(lock) = reader.lock_info()? {
            return Err(StoreError::Locked { at: lock.at });
        }
        check_finalizable(&reader, &criteria)?;
        let fingerprint = reader.fingerprint()?;
        // The audit row first, then the lock row with the same time, author and fingerprint: the
        // schema refuses a lock row that is not the last audit row's (schema.sql, session_lock_columns).
        let at = super::now_utc();
        let event = AuditEvent::new(AuditAction::Lock, Target::session()).change(None, Some(fingerprint.clone()));
        audit::append_at(&tx, &at, actor, &event).map_err(&sql)?;
        tx.execute(
            "UPDATE session SET locked_at = ?1, locked_by = ?2, lock_fingerprint = ?3 WHERE id = 1",
            params![at, actor, fingerprint],
        )
        .map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok(fingerprint)
    }

    /// Reopens a locked session; the reason and the old fingerprint stay in the audit log.
    pub fn reopen(&mut self, actor: &str, reason: &str) -> Result<()> {
        super::plain("actor", actor)?;
        super::plain("audit.reason", reason)?;
        if reason.trim().is_empty() {
            return Err(StoreError::ReasonRequired(NeedsReason::Reopen));
        }
        let sql = self.sql_owned();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        let Some(lock) = (Reader { conn: &tx, path: &self.shown }).lock_info()? else {
            return Err(StoreError::NotLocked);
        };
        // The audit row first: the schema lets the lock row be cleared only right after the `reopen`
        // row that names the fingerprint being reopened.
        let event = AuditEvent::new(AuditAction::Reopen, Target::session())
            .change(Some(lock.fingerprint), None)
            .because(nfc(reason));
        audit::append(&tx, actor, &event).map_err(&sql)?;
        tx.execute("UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL WHERE id = 1", [])
            .map_err(&sql)?;
        tx.commit().map_err(&sql)
    }
}

/// Refuses to lock a session that is not finalizable, saying why.
fn check_finalizable(reader: &Reader<'_>, criteria: &CriteriaSet) -> Result<()> {
    let session = reader.session()?;
    let (json, _) = reader.snapshot("ruleset")?;
    let ruleset = Ruleset::from_json(&json)
        .map_err(|e| StoreError::Corrupt { path: reader.path.to_string(), problem: super::Damage::Ruleset(e) })?;
    let results = evaluate(&session, criteria, &ruleset, false);
    if results.session.finalizable {
        Ok(())
    } else {
        Err(StoreError::NotFinalizable { blockers: results.session.blockers })
    }
}
