//! Score sheets: choices, comments, submission, new rounds and the council's resolutions.

use super::{NeedsReason, Result, Store, StoreError};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::criteria::SheetIndex;
use crate::domain::session::MAX_ROUND;
use crate::domain::text::nfc;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::BTreeMap;

type SqlErr = dyn Fn(rusqlite::Error) -> StoreError;

/// A sheet's choices as stored: a JSON object, criterion code → option number.
pub(super) fn choices_json(choices: &BTreeMap<String, u8>) -> String {
    serde_json::to_string(choices).unwrap_or_else(|_| "{}".into())
}

impl Store {
    /// Saves one choice on a member's sheet for a dossier's current round (creating a draft sheet).
    /// `option` is 1-based; 0 = none of the options.
    pub fn save_choice(&mut self, actor: &str, dossier: &str, member: &str, criterion: &str, option: u8) -> Result<()> {
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            let sheet = criteria.sheet(sheet_no).ok_or(StoreError::UnknownSheet { sheet: sheet_no })?;
            let index = SheetIndex::new(sheet);
            let Some(&pos) = index.position.get(criterion) else {
                return Err(StoreError::UnknownCriterion { sheet: sheet_no, criterion: criterion.into() });
            };
            let count = index.leaves[pos].criterion.options.len();
            if usize::from(option) > count {
                return Err(StoreError::UnknownOption { criterion: criterion.into(), option, count });
            }
            let (sheet_id, mut choices) = sheet_for(tx, dossier, member, round, &sql)?;
            let old = choices.insert(criterion.to_string(), option);
            tx.execute("UPDATE score_sheet SET choices = ?1 WHERE id = ?2", params![choices_json(&choices), sheet_id])
                .map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::Choice, Target::choice(dossier, member, round, criterion))
                .change(old.map(|o| o.to_string()), Some(option.to_string()));
            Ok(((), event))
        })
    }

    /// Submits a member's sheet for the current round: it then counts. Every leaf must be answered.
    pub fn submit_sheet(&mut self, actor: &str, dossier: &str, member: &str, comment: &str) -> Result<()> {
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            let (sheet_id, answered) = sheet_for(tx, dossier, member, round, &sql)?;
            let sheet = criteria.sheet(sheet_no).ok_or(StoreError::UnknownSheet { sheet: sheet_no })?;
            let missing: Vec<String> =
                sheet.leaves().iter().map(|l| l.criterion.code.clone()).filter(|c| !answered.contains_key(c)).collect();
            if !missing.is_empty() {
                return Err(StoreError::IncompleteSheet { dossier: dossier.into(), member: member.into(), missing });
            }
            tx.execute(
                "UPDATE score_sheet SET submitted = 1, comment = ?1 WHERE id = ?2",
                params![nfc(comment), sheet_id],
            )
            .map_err(&sql)?;
            Ok(((), AuditEvent::new(AuditAction::Submit, Target::sheet(dossier, member, round))))
        })
    }

    /// Saves the comment on a member's sheet for the dossier's current round (creating a draft sheet).
    pub fn set_comment(&mut self, actor: &str, dossier: &str, member: &str, comment: &str) -> Result<()> {
        let sql = self.sql_owned();
        let comment = nfc(comment);
        self.change(actor, |tx| {
            let (_, round) = dossier_round(tx, dossier, &sql)?;
            let (sheet_id, _) = sheet_for(tx, dossier, member, round, &sql)?;
            let old: String = tx
                .query_row("SELECT comment FROM score_sheet WHERE id = ?1", [sheet_id], |r| r.get(0))
                .map_err(&sql)?;
            tx.execute("UPDATE score_sheet SET comment = ?1 WHERE id = ?2", params![comment, sheet_id])
                .map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::Comment, Target::sheet(dossier, member, round))
                .change(Some(old), Some(comment.clone()));
            Ok(((), event))
        })
    }

    /// Opens a new scoring round for a dossier (earlier rounds stay in the file and the history).
    pub fn open_round(&mut self, actor: &str, dossier: &str, reason: &str) -> Result<u32> {
        if reason.trim().is_empty() {
            return Err(StoreError::ReasonRequired(NeedsReason::NewRound));
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (_, round) = dossier_round(tx, dossier, &sql)?;
            if round >= MAX_ROUND {
                return Err(StoreError::TooManyRounds { dossier: dossier.into(), max: MAX_ROUND });
            }
            tx.execute("UPDATE dossier SET current_round = ?1 WHERE code = ?2", params![round + 1, dossier])
                .map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::Round, Target::dossier(dossier))
                .change(Some(round.to_string()), Some((round + 1).to_string()))
                .because(nfc(reason));
            Ok((round + 1, event))
        })
    }

    /// Records the council's resolution for a dossier's current round (clears its spread flag).
    pub fn resolve(&mut self, actor: &str, dossier: &str, note: &str) -> Result<()> {
        if note.trim().is_empty() {
            return Err(StoreError::ReasonRequired(NeedsReason::Resolution));
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (_, round) = dossier_round(tx, dossier, &sql)?;
            let inserted = tx
                .execute(
                    "INSERT INTO resolution (dossier, round, note, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                    params![dossier, round, nfc(note), super::now_utc()],
                )
                .map_err(&sql)?;
            if inserted == 0 {
                return Err(StoreError::AlreadyResolved { dossier: dossier.into(), round });
            }
            Ok(((), AuditEvent::new(AuditAction::Resolution, Target::round(dossier, round)).change(None, Some(nfc(note)))))
        })
    }
}

/// The dossier's sheet number and current round; refused for an unknown or eliminated dossier.
fn dossier_round(tx: &Transaction<'_>, dossier: &str, sql: &SqlErr) -> Result<(u32, u32)> {
    let row: Option<(u32, u32, Option<String>)> = tx
        .query_row("SELECT sheet, current_round, eliminated FROM dossier WHERE code = ?1", [dossier], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()
        .map_err(sql)?;
    match row {
        None => Err(StoreError::UnknownDossier { code: dossier.into() }),
        Some((_, _, Some(reason))) => Err(StoreError::Eliminated { code: dossier.into(), reason }),
        Some((sheet, round, None)) => Ok((sheet, round)),
    }
}

/// Refuses a member who may not score this dossier now: unknown, not a scorer, absent, recused.
fn check_scorer(tx: &Transaction<'_>, dossier: &str, member: &str, sql: &SqlErr) -> Result<()> {
    let who: Option<(bool, bool)> = tx
        .query_row("SELECT scores, present FROM member WHERE id = ?1", [member], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(sql)?;
    match who {
        None => return Err(StoreError::UnknownMember { id: member.into() }),
        Some((false, _)) => return Err(StoreError::NotAScorer { id: member.into() }),
        Some((true, false)) => return Err(StoreError::Absent { id: member.into() }),
        Some((true, true)) => {}
    }
    let recused: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM recusal WHERE dossier = ?1 AND member = ?2)", [dossier, member], |r| {
            r.get(0)
        })
        .map_err(sql)?;
    if recused {
        return Err(StoreError::Recused { dossier: dossier.into(), member: member.into() });
    }
    Ok(())
}

/// The member's sheet for this dossier and round with its choices, created as a draft if there is none yet.
fn sheet_for(
    tx: &Transaction<'_>,
    dossier: &str,
    member: &str,
    round: u32,
    sql: &SqlErr,
) -> Result<(i64, BTreeMap<String, u8>)> {
    check_scorer(tx, dossier, member, sql)?;
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, choices FROM score_sheet WHERE dossier = ?1 AND member = ?2 AND round = ?3",
            params![dossier, member, round],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql)?;
    match existing {
        Some((id, text)) => match super::read::parse_choices(&text) {
            Some(choices) => Ok((id, choices)),
            None => Err(StoreError::DamagedSheet { dossier: dossier.into(), member: member.into() }),
        },
        None => {
            tx.execute(
                "INSERT INTO score_sheet (dossier, member, round, submitted) VALUES (?1, ?2, ?3, 0)",
                params![dossier, member, round],
            )
            .map_err(sql)?;
            Ok((tx.last_insert_rowid(), BTreeMap::new()))
        }
    }
}
