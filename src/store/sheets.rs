//! Score sheets: choices, comments, submission, new rounds and the council's resolutions.

use super::{NeedsReason, Result, Store, StoreError};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::choices_total;
use crate::domain::session::MAX_ROUND;
use crate::domain::sheet_status::{SheetStatus, SheetStep};
use crate::domain::text::nfc;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeMap;

type SqlErr = dyn Fn(rusqlite::Error) -> StoreError;

/// A stored sheet: its row id, its choices and where it is in its life.
type StoredSheet = (i64, BTreeMap<String, u8>, SheetStatus);

/// A sheet's choices as stored: a JSON object, criterion code → option number.
pub(super) fn choices_json(choices: &BTreeMap<String, u8>) -> String {
    serde_json::to_string(choices).unwrap_or_else(|_| "{}".into())
}

impl Store {
    /// Saves one choice on a member's sheet for a dossier's current round (creating a draft sheet).
    /// `option` is 1-based; 0 = none of the options.
    pub fn save_choice(&mut self, actor: &str, dossier: &str, member: &str, criterion: &str, option: u8) -> Result<()> {
        self.save_choices(actor, dossier, member, &[(criterion.to_string(), option)], None)
    }

    /// Saves several choices and, if given, the comment on a member's draft (or reopened) sheet in
    /// one transaction, one audit row each: all of them or, when one is refused, none.
    pub fn save_choices(
        &mut self,
        actor: &str,
        dossier: &str,
        member: &str,
        choices: &[(String, u8)],
        comment: Option<&str>,
    ) -> Result<()> {
        super::plain("sheet.comment", comment.unwrap_or_default())?;
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        let actor_owned = actor.to_string();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            let sheet = criteria.sheet(sheet_no).ok_or(StoreError::UnknownSheet { sheet: sheet_no })?;
            let index = SheetIndex::new(sheet);
            let (sheet_id, mut stored, status) = sheet_for(tx, dossier, member, round, &sql)?;
            step(status, SheetStep::Edit, dossier, member, round)?;
            let mut events = Vec::new();
            for (criterion, option) in choices {
                let Some(&pos) = index.position.get(criterion.as_str()) else {
                    return Err(StoreError::UnknownCriterion { sheet: sheet_no, criterion: criterion.clone() });
                };
                let count = index.leaves[pos].criterion.options.len();
                if usize::from(*option) > count {
                    return Err(StoreError::UnknownOption { criterion: criterion.clone(), option: *option, count });
                }
                let old = stored.insert(criterion.clone(), *option);
                events.push(
                    AuditEvent::new(AuditAction::Choice, Target::choice(dossier, member, round, criterion))
                        .change(old.map(|o| o.to_string()), Some(option.to_string())),
                );
            }
            tx.execute("UPDATE score_sheet SET choices = ?1 WHERE id = ?2", params![choices_json(&stored), sheet_id])
                .map_err(&sql)?;
            if let Some(comment) = comment {
                events.push(put_comment(tx, sheet_id, &nfc(comment), Target::sheet(dossier, member, round), &sql)?);
            }
            // The last event is appended by `change`; the others here, in order, in the same transaction.
            let last = events.pop().ok_or_else(|| StoreError::NoChoices { dossier: dossier.into() })?;
            for event in &events {
                super::audit::append(tx, &actor_owned, event).map_err(&sql)?;
            }
            Ok(((), last))
        })
    }

    /// Submits a member's sheet for the current round: it then counts. Every leaf must be answered.
    pub fn submit_sheet(&mut self, actor: &str, dossier: &str, member: &str, comment: &str) -> Result<()> {
        super::plain("sheet.comment", comment)?;
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            let (sheet_id, answered, status) = sheet_for(tx, dossier, member, round, &sql)?;
            let next = step(status, SheetStep::Submit, dossier, member, round)?;
            let sheet = criteria.sheet(sheet_no).ok_or(StoreError::UnknownSheet { sheet: sheet_no })?;
            let missing: Vec<String> =
                sheet.leaves().iter().map(|l| l.criterion.code.clone()).filter(|c| !answered.contains_key(c)).collect();
            if !missing.is_empty() {
                return Err(StoreError::IncompleteSheet { dossier: dossier.into(), member: member.into(), missing });
            }
            tx.execute(
                "UPDATE score_sheet SET submitted = 1, status = ?1, comment = ?2 WHERE id = ?3",
                params![next, nfc(comment), sheet_id],
            )
            .map_err(&sql)?;
            let mut event = AuditEvent::new(AuditAction::Submit, Target::sheet(dossier, member, round));
            if status == SheetStatus::Reopened {
                // A correction: old is the total when it was reopened, new the total now.
                let before = total_when_reopened(tx, dossier, member, round, &sql)?;
                let after = choices_total(&SheetIndex::new(sheet), &answered);
                event = event.change(before, Some(after.to_string()));
            }
            Ok(((), event))
        })
    }

    /// Saves the comment on a member's sheet for the dossier's current round (creating a draft sheet).
    pub fn set_comment(&mut self, actor: &str, dossier: &str, member: &str, comment: &str) -> Result<()> {
        super::plain("sheet.comment", comment)?;
        let sql = self.sql_owned();
        let comment = nfc(comment);
        self.change(actor, |tx| {
            let (_, round) = dossier_round(tx, dossier, &sql)?;
            let (sheet_id, _, status) = sheet_for(tx, dossier, member, round, &sql)?;
            step(status, SheetStep::Edit, dossier, member, round)?;
            let event = put_comment(tx, sheet_id, &comment, Target::sheet(dossier, member, round), &sql)?;
            Ok(((), event))
        })
    }

    /// Opens a member's submitted sheet of the current round again for a correction (issue 13.1):
    /// it stops counting and takes changes until submitted again. The audit keeps who, why and the
    /// total before; the next submission records the total after.
    pub fn reopen_sheet(&mut self, actor: &str, dossier: &str, member: &str, reason: &str) -> Result<()> {
        super::plain("audit.reason", reason)?;
        if reason.trim().is_empty() {
            return Err(StoreError::ReasonRequired(NeedsReason::ReopenSheet));
        }
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            check_scorer(tx, dossier, member, &sql)?;
            let (sheet_id, choices, status) = existing_sheet(tx, dossier, member, round, &sql)?
                .ok_or_else(|| StoreError::NoSheet { dossier: dossier.into(), member: member.into(), round })?;
            let next = step(status, SheetStep::Reopen, dossier, member, round)?;
            let sheet = criteria.sheet(sheet_no).ok_or(StoreError::UnknownSheet { sheet: sheet_no })?;
            let total = choices_total(&SheetIndex::new(sheet), &choices);
            tx.execute("UPDATE score_sheet SET submitted = 0, status = ?1 WHERE id = ?2", params![next, sheet_id])
                .map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::SheetReopened, Target::sheet(dossier, member, round))
                .change(Some(total.to_string()), None)
                .because(nfc(reason));
            Ok(((), event))
        })
    }

    /// Records that a member's submitted sheet of the current round passed the read-back check
    /// (typed again blind by `actor`, differences resolved).
    pub fn check_sheet(&mut self, actor: &str, dossier: &str, member: &str) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (_, round) = dossier_round(tx, dossier, &sql)?;
            check_scorer(tx, dossier, member, &sql)?;
            let (sheet_id, _, status) = existing_sheet(tx, dossier, member, round, &sql)?
                .ok_or_else(|| StoreError::NoSheet { dossier: dossier.into(), member: member.into(), round })?;
            let next = step(status, SheetStep::Check, dossier, member, round)?;
            tx.execute("UPDATE score_sheet SET status = ?1 WHERE id = ?2", params![next, sheet_id]).map_err(&sql)?;
            Ok(((), AuditEvent::new(AuditAction::SheetChecked, Target::sheet(dossier, member, round))))
        })
    }

    /// Turns the session setting "a sheet counts only after its read-back check" on or off.
    pub fn set_check_required(&mut self, actor: &str, required: bool) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: bool =
                tx.query_row("SELECT check_required FROM session WHERE id = 1", [], |r| r.get(0)).map_err(&sql)?;
            tx.execute("UPDATE session SET check_required = ?1 WHERE id = 1", [required]).map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::CheckRequired, Target::session())
                .change(Some(old.to_string()), Some(required.to_string()));
            Ok(((), event))
        })
    }

    /// Opens a new scoring round for a dossier (earlier rounds stay in the file and the history).
    pub fn open_round(&mut self, actor: &str, dossier: &str, reason: &str) -> Result<u32> {
        super::plain("audit.reason", reason)?;
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
        super::plain("resolution.text", note)?;
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

/// Writes a sheet's comment; the event keeps the old and new text.
fn put_comment(tx: &Connection, sheet_id: i64, comment: &str, target: Target, sql: &SqlErr) -> Result<AuditEvent> {
    let old: String =
        tx.query_row("SELECT comment FROM score_sheet WHERE id = ?1", [sheet_id], |r| r.get(0)).map_err(sql)?;
    tx.execute("UPDATE score_sheet SET comment = ?1 WHERE id = ?2", params![comment, sheet_id]).map_err(sql)?;
    Ok(AuditEvent::new(AuditAction::Comment, target).change(Some(old), Some(comment.to_string())))
}

/// The dossier's sheet number and current round; refused for an unknown or eliminated dossier.
fn dossier_round(tx: &Connection, dossier: &str, sql: &SqlErr) -> Result<(u32, u32)> {
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
fn check_scorer(tx: &Connection, dossier: &str, member: &str, sql: &SqlErr) -> Result<()> {
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
fn sheet_for(tx: &Connection, dossier: &str, member: &str, round: u32, sql: &SqlErr) -> Result<StoredSheet> {
    check_scorer(tx, dossier, member, sql)?;
    match existing_sheet(tx, dossier, member, round, sql)? {
        Some(found) => Ok(found),
        None => {
            tx.execute(
                "INSERT INTO score_sheet (dossier, member, round, submitted) VALUES (?1, ?2, ?3, 0)",
                params![dossier, member, round],
            )
            .map_err(sql)?;
            Ok((tx.last_insert_rowid(), BTreeMap::new(), SheetStatus::Draft))
        }
    }
}

/// The member's sheet for this dossier and round, if there is one: id, choices, status.
fn existing_sheet(
    tx: &Connection,
    dossier: &str,
    member: &str,
    round: u32,
    sql: &SqlErr,
) -> Result<Option<StoredSheet>> {
    let existing: Option<(i64, String, SheetStatus)> = tx
        .query_row(
            "SELECT id, choices, status FROM score_sheet WHERE dossier = ?1 AND member = ?2 AND round = ?3",
            params![dossier, member, round],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(sql)?;
    match existing {
        None => Ok(None),
        Some((id, text, status)) => match super::read::parse_choices(&text) {
            Some(choices) => Ok(Some((id, choices, status))),
            None => Err(StoreError::DamagedSheet { dossier: dossier.into(), member: member.into() }),
        },
    }
}

/// The state after `step`, or the refusal that names the sheet and the state it is in.
fn step(status: SheetStatus, step: SheetStep, dossier: &str, member: &str, round: u32) -> Result<SheetStatus> {
    status.after(step).map_err(|refused| StoreError::SheetStepRefused {
        dossier: dossier.into(),
        member: member.into(),
        round,
        from: refused.from,
        step: refused.step,
    })
}

/// The total recorded by the latest reopening of this sheet (the audit row's old value).
fn total_when_reopened(
    tx: &Connection,
    dossier: &str,
    member: &str,
    round: u32,
    sql: &SqlErr,
) -> Result<Option<String>> {
    tx.query_row(
        "SELECT old FROM audit_log WHERE action = 'sheet_reopened' AND dossier = ?1 AND member = ?2 AND round = ?3
          ORDER BY id DESC LIMIT 1",
        params![dossier, member, round],
        |r| r.get(0),
    )
    .optional()
    .map(Option::flatten)
    .map_err(sql)
}
