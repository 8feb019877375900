//! Dossiers: one statement that writes a dossier's row (creation and import alike), edits of its
//! details, elimination.

use super::{NeedsReason, Result, Store, StoreError};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::session::Dossier;
use crate::domain::text::{dossier_search_key, nfc};
use rusqlite::{Connection, OptionalExtension, params};

/// Writes a dossier at position `ord`: a new code is inserted whole; a known one keeps its place,
/// elimination, round and recusals and takes the list's details.
pub(super) fn upsert_dossier(conn: &Connection, d: &Dossier, ord: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO dossier (code, ord, product, sheet, producer, entity_type, representative, address, phone,
            kind, self_score, eliminated, current_round, search_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (code) DO UPDATE SET product = excluded.product, sheet = excluded.sheet,
            producer = excluded.producer, entity_type = excluded.entity_type,
            representative = excluded.representative, address = excluded.address, phone = excluded.phone,
            kind = excluded.kind, self_score = excluded.self_score, search_key = excluded.search_key",
    )?
    .execute(params![
        d.code,
        ord,
        d.product,
        d.sheet,
        d.producer,
        d.entity_type,
        d.representative,
        d.address,
        d.phone,
        d.kind,
        d.self_score,
        d.eliminated,
        d.current_round(),
        dossier_search_key(&d.product, &d.producer),
    ])?;
    Ok(())
}

/// How many score sheets (any round, drafts too) a dossier has.
pub(super) fn scored_sheets(conn: &Connection, code: &str) -> rusqlite::Result<usize> {
    let n: i64 =
        conn.prepare_cached("SELECT count(*) FROM score_sheet WHERE dossier = ?1")?.query_row([code], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The score sheets a change of `code`'s criteria sheet to `sheet` would invalidate: none when the
/// dossier is new or keeps its sheet. Their choices name the old sheet's criteria, so they would
/// score the product against criteria it is not judged by.
pub(super) fn sheets_at_stake(conn: &Connection, code: &str, sheet: u32) -> rusqlite::Result<usize> {
    let stored: Option<u32> =
        conn.prepare_cached("SELECT sheet FROM dossier WHERE code = ?1")?.query_row([code], |r| r.get(0)).optional()?;
    match stored {
        Some(old) if old != sheet => scored_sheets(conn, code),
        _ => Ok(0),
    }
}

impl Store {
    /// Changes a dossier's details (not its code, recusals, elimination or round). A dossier with
    /// score sheets keeps its criteria sheet (`SheetsWouldBeDiscarded`).
    pub fn update_dossier(&mut self, actor: &str, d: &Dossier) -> Result<()> {
        super::plain_value("dossier", d)?;
        if d.product.trim().is_empty() || d.producer.trim().is_empty() {
            return Err(StoreError::DossierNeedsNames);
        }
        let criteria = self.criteria()?;
        if criteria.sheet(d.sheet).is_none() {
            return Err(StoreError::UnknownSheet { sheet: d.sheet });
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: String = tx
                .query_row("SELECT product || ' — ' || producer || ' — ' || sheet FROM dossier WHERE code = ?1", [&d.code], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(&sql)?
                .ok_or_else(|| StoreError::UnknownDossier { code: d.code.clone() })?;
            let at_stake = sheets_at_stake(tx, &d.code, d.sheet).map_err(&sql)?;
            if at_stake > 0 {
                return Err(StoreError::SheetsWouldBeDiscarded { dossiers: vec![(d.code.clone(), at_stake)] });
            }
            let (product, producer) = (nfc(d.product.trim()), nfc(d.producer.trim()));
            tx.execute(
                "UPDATE dossier SET product = ?2, sheet = ?3, producer = ?4, representative = ?5, address = ?6, phone = ?7,
                    search_key = ?8 WHERE code = ?1",
                params![
                    d.code,
                    product,
                    d.sheet,
                    producer,
                    nfc(d.representative.trim()),
                    nfc(d.address.trim()),
                    d.phone.trim(),
                    dossier_search_key(&product, &producer),
                ],
            )
            .map_err(&sql)?;
            let new = format!("{product} — {producer} — {}", d.sheet);
            Ok(((), AuditEvent::new(AuditAction::Dossier, Target::dossier(&d.code)).change(Some(old), Some(new))))
        })
    }

    /// Marks a dossier eliminated (with the reason, from the sheet's disqualification line) or takes
    /// the mark back (`None`).
    pub fn set_eliminated(&mut self, actor: &str, code: &str, reason: Option<&str>) -> Result<()> {
        super::plain("dossier.eliminated", reason.unwrap_or_default())?;
        if reason.is_some_and(|r| r.trim().is_empty()) {
            return Err(StoreError::ReasonRequired(NeedsReason::Eliminate));
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: Option<Option<String>> = tx
                .query_row("SELECT eliminated FROM dossier WHERE code = ?1", [code], |r| r.get(0))
                .optional()
                .map_err(&sql)?;
            let Some(old) = old else { return Err(StoreError::UnknownDossier { code: code.into() }) };
            let new = reason.map(|r| nfc(r.trim()));
            tx.execute("UPDATE dossier SET eliminated = ?1 WHERE code = ?2", params![new, code]).map_err(&sql)?;
            Ok(((), AuditEvent::new(AuditAction::Eliminate, Target::dossier(code)).change(old, new)))
        })
    }
}

impl Store {
    /// Adds one dossier typed in by hand, after the others (its details only: no recusal, round 1),
    /// audited as added. Refused when another dossier has its code.
    pub fn add_dossier(&mut self, actor: &str, d: &Dossier) -> Result<()> {
        super::plain_value("dossier", d)?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let taken: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM dossier WHERE code = ?1)", [&d.code], |r| r.get(0))
                .map_err(&sql)?;
            if taken {
                return Err(StoreError::DossierExists { code: d.code.clone() });
            }
            let ord: i64 =
                tx.query_row("SELECT coalesce(max(ord), -1) + 1 FROM dossier", [], |r| r.get(0)).map_err(&sql)?;
            upsert_dossier(tx, d, ord).map_err(&sql)?;
            let new = format!("{} — {}", d.product, d.producer);
            Ok(((), AuditEvent::new(AuditAction::DossierAdded, Target::dossier(&d.code)).change(None, Some(new))))
        })
    }
}
