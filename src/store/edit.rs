//! Changes to an open session, each one IMMEDIATE transaction with its audit-log row.
//! These are what the screens call: one keystroke in the scoring screen is one `save_choice`.

use super::{Result, Store, StoreError};
use crate::domain::criteria::SheetIndex;
use crate::domain::text::nfc;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use std::collections::BTreeMap;

/// One audit-log row: what, on what, old → new, why.
pub struct Audit {
    pub action: &'static str,
    pub target: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

/// Refusals of an edit are reported without touching the file.
fn refuse<T>(message: impl Into<String>) -> Result<T> {
    Err(StoreError::Refused(message.into()))
}

impl Store {
    /// Runs `change` and its audit row in one IMMEDIATE transaction; any error rolls both back.
    fn change<T>(&mut self, actor: &str, change: impl FnOnce(&Transaction<'_>) -> Result<(T, Audit)>) -> Result<T> {
        let sql = self.sql_owned();
        if let Some(lock) = self.lock_info()? {
            return Err(StoreError::Locked { at: lock.at });
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        let (value, audit) = change(&tx)?;
        tx.execute(
            "INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![super::now_utc(), actor, audit.action, audit.target, audit.old, audit.new, audit.reason],
        )
        .map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok(value)
    }

    /// Marks a member present or absent.
    pub fn set_present(&mut self, actor: &str, member: &str, present: bool) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: Option<bool> = tx
                .query_row("SELECT present FROM member WHERE id = ?1", [member], |r| r.get(0))
                .optional()
                .map_err(&sql)?;
            let Some(old) = old else {
                return refuse(format!("không có thành viên «{member}»"));
            };
            tx.execute("UPDATE member SET present = ?1 WHERE id = ?2", params![present, member]).map_err(&sql)?;
            Ok((
                (),
                Audit {
                    action: "attendance",
                    target: member.into(),
                    old: Some(old.to_string()),
                    new: Some(present.to_string()),
                    reason: None,
                },
            ))
        })
    }

    /// Saves one choice on a member's sheet for a dossier's current round (creating a draft sheet).
    /// `option` is 1-based; 0 = none of the options.
    pub fn save_choice(&mut self, actor: &str, dossier: &str, member: &str, criterion: &str, option: u8) -> Result<()> {
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            let Some(sheet) = criteria.sheet(sheet_no) else {
                return refuse(format!("bộ sản phẩm số {sheet_no} không có"));
            };
            let index = SheetIndex::new(sheet);
            let Some(&pos) = index.position.get(criterion) else {
                return refuse(format!("bộ sản phẩm số {sheet_no} không có tiêu chí «{criterion}»"));
            };
            let count = index.leaves[pos].criterion.options.len();
            if usize::from(option) > count {
                return refuse(format!(
                    "tiêu chí {criterion}: phương án {option} không tồn tại (có {count} phương án)"
                ));
            }
            let (sheet_id, mut choices) = sheet_for(tx, dossier, member, round, &sql)?;
            let old = choices.insert(criterion.to_string(), option);
            tx.execute(
                "UPDATE score_sheet SET choices = ?1 WHERE id = ?2",
                params![super::write::choices_json(&choices), sheet_id],
            )
            .map_err(&sql)?;
            let target = format!("{dossier}/{member}/vòng {round}/{criterion}");
            Ok((
                (),
                Audit {
                    action: "choice",
                    target,
                    old: old.map(|o| o.to_string()),
                    new: Some(option.to_string()),
                    reason: None,
                },
            ))
        })
    }

    /// Submits a member's sheet for the current round: it then counts. Every leaf must be answered.
    pub fn submit_sheet(&mut self, actor: &str, dossier: &str, member: &str, comment: &str) -> Result<()> {
        let criteria = self.criteria()?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (sheet_no, round) = dossier_round(tx, dossier, &sql)?;
            let (sheet_id, answered) = sheet_for(tx, dossier, member, round, &sql)?;
            let Some(sheet) = criteria.sheet(sheet_no) else {
                return refuse(format!("bộ sản phẩm số {sheet_no} không có"));
            };
            let missing: Vec<String> =
                sheet.leaves().iter().map(|l| l.criterion.code.clone()).filter(|c| !answered.contains_key(c)).collect();
            if !missing.is_empty() {
                return refuse(format!(
                    "phiếu của «{member}» cho «{dossier}» còn thiếu tiêu chí {}",
                    missing.join(", ")
                ));
            }
            tx.execute(
                "UPDATE score_sheet SET submitted = 1, comment = ?1 WHERE id = ?2",
                params![nfc(comment), sheet_id],
            )
            .map_err(&sql)?;
            Ok((
                (),
                Audit {
                    action: "submit",
                    target: format!("{dossier}/{member}/vòng {round}"),
                    old: None,
                    new: None,
                    reason: None,
                },
            ))
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
            let target = format!("{dossier}/{member}/vòng {round}");
            Ok(((), Audit { action: "comment", target, old: Some(old), new: Some(comment.clone()), reason: None }))
        })
    }

    /// Records that a member does not score a dossier (conflict of interest), or undoes it.
    pub fn set_recusal(&mut self, actor: &str, dossier: &str, member: &str, recused: bool) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let exists: (bool, bool) = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM dossier WHERE code = ?1), EXISTS (SELECT 1 FROM member WHERE id = ?2)",
                    [dossier, member],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(&sql)?;
            match exists {
                (false, _) => return refuse(format!("không có hồ sơ «{dossier}»")),
                (_, false) => return refuse(format!("không có thành viên «{member}»")),
                _ => {}
            }
            let changed = if recused {
                tx.execute("INSERT OR IGNORE INTO recusal (dossier, member) VALUES (?1, ?2)", [dossier, member])
            } else {
                tx.execute("DELETE FROM recusal WHERE dossier = ?1 AND member = ?2", [dossier, member])
            }
            .map_err(&sql)?;
            let audit = Audit {
                action: "recusal",
                target: format!("{dossier}/{member}"),
                old: Some((recused != (changed > 0)).to_string()),
                new: Some(recused.to_string()),
                reason: None,
            };
            Ok(((), audit))
        })
    }

    /// Applies import previews and folder plans (all of them, in one transaction, or nothing): new
    /// dossiers are added after the existing ones, known ones updated, files attached; each with its
    /// audit row. `progress` hears (bytes stored, bytes to store) as the files stream in.
    pub fn import(
        &mut self,
        actor: &str,
        source: &str,
        previews: &[crate::dossier::Preview],
        folders: &[crate::dossier::FolderPlan],
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(usize, usize, usize)> {
        if let Some(e) = previews.iter().flat_map(|p| &p.errors).chain(folders.iter().flat_map(|f| &f.errors)).next() {
            return refuse(format!("không nhập: {e}"));
        }
        let total: u64 = folders.iter().map(|f| f.bytes()).sum();
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let mut ord: i64 = tx.query_row("SELECT coalesce(max(ord), -1) + 1 FROM dossier", [], |r| r.get(0)).map_err(&sql)?;
            let (mut added, mut updated) = (0, 0);
            let log = |tx: &Transaction<'_>, target: &str, what: String| {
                tx.execute(
                    "INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES (?1, ?2, 'import', ?3, NULL, ?4, ?5)",
                    params![super::now_utc(), actor, target, what, source],
                )
                .map_err(&sql)
            };
            for p in previews {
                // New dossiers go after the existing ones; known ones keep their place and state.
                let changes = p.add.iter().map(|d| (d, true)).chain(p.update.iter().map(|d| (d, false)));
                for (d, new) in changes {
                    tx.execute(
                        "INSERT INTO dossier (code, ord, product, sheet, producer, entity_type, representative, address, phone,
                            kind, self_score, eliminated, current_round, search_key)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, 1, ?12)
                         ON CONFLICT (code) DO UPDATE SET product = excluded.product, sheet = excluded.sheet,
                            producer = excluded.producer, entity_type = excluded.entity_type,
                            representative = excluded.representative, address = excluded.address, phone = excluded.phone,
                            kind = excluded.kind, self_score = excluded.self_score, search_key = excluded.search_key",
                        params![
                            d.code,
                            ord,
                            d.product,
                            d.sheet,
                            d.producer,
                            super::write::entity_str(d.entity_type),
                            d.representative,
                            d.address,
                            d.phone,
                            super::write::kind_str(d.kind),
                            d.self_score,
                            crate::domain::text::dossier_search_key(&d.product, &d.producer),
                        ],
                    )
                    .map_err(&sql)?;
                    let what = if new { "thêm" } else { "cập nhật" };
                    if new {
                        ord += 1;
                        added += 1;
                    } else {
                        updated += 1;
                    }
                    log(tx, &d.code, format!("{what}: {} — {}", d.product, d.producer))?;
                }
            }
            let mut attached = 0;
            let mut done = 0u64;
            for item in folders.iter().flat_map(|f| &f.files) {
                let sha = store_file(tx, item, &sql, &mut |n| {
                    done += n;
                    progress(done, total);
                })?;
                tx.execute(
                    "INSERT INTO attachment (dossier, name, sha256) VALUES (?1, ?2, ?3)
                     ON CONFLICT (dossier, name) DO UPDATE SET sha256 = excluded.sha256",
                    params![item.dossier, item.name, sha],
                )
                .map_err(&sql)?;
                log(tx, &item.dossier, format!("đính kèm: {} ({})", item.name, &sha[..12]))?;
                attached += 1;
            }
            let audit = Audit {
                action: "import",
                target: source.to_string(),
                old: None,
                new: Some(format!("thêm {added}, cập nhật {updated}, đính kèm {attached} tệp")),
                reason: None,
            };
            Ok(((added, updated, attached), audit))
        })
    }

    /// Changes a dossier's details (not its code, recusals, elimination or round).
    pub fn update_dossier(&mut self, actor: &str, d: &crate::domain::session::Dossier) -> Result<()> {
        if d.product.trim().is_empty() || d.producer.trim().is_empty() {
            return refuse("hồ sơ cần tên sản phẩm và tên chủ thể");
        }
        let criteria = self.criteria()?;
        if criteria.sheet(d.sheet).is_none() {
            return refuse(format!("bộ sản phẩm số {} không có", d.sheet));
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: String = tx
                .query_row("SELECT product || ' — ' || producer || ' — bộ ' || sheet FROM dossier WHERE code = ?1", [&d.code], |r| r.get(0))
                .optional()
                .map_err(&sql)?
                .ok_or_else(|| StoreError::Refused(format!("không có hồ sơ «{}»", d.code)))?;
            tx.execute(
                "UPDATE dossier SET product = ?2, sheet = ?3, producer = ?4, representative = ?5, address = ?6, phone = ?7,
                    search_key = ?8 WHERE code = ?1",
                params![
                    d.code,
                    nfc(d.product.trim()),
                    d.sheet,
                    nfc(d.producer.trim()),
                    nfc(d.representative.trim()),
                    nfc(d.address.trim()),
                    d.phone.trim(),
                    crate::domain::text::dossier_search_key(&d.product, &d.producer),
                ],
            )
            .map_err(&sql)?;
            let new = format!("{} — {} — bộ {}", d.product.trim(), d.producer.trim(), d.sheet);
            Ok(((), Audit { action: "dossier", target: d.code.clone(), old: Some(old), new: Some(new), reason: None }))
        })
    }

    /// Marks a dossier eliminated (with the reason, from the sheet's disqualification line) or takes
    /// the mark back (`None`).
    pub fn set_eliminated(&mut self, actor: &str, code: &str, reason: Option<&str>) -> Result<()> {
        if reason.is_some_and(|r| r.trim().is_empty()) {
            return refuse("cần ghi lý do loại hồ sơ");
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: Option<Option<String>> = tx
                .query_row("SELECT eliminated FROM dossier WHERE code = ?1", [code], |r| r.get(0))
                .optional()
                .map_err(&sql)?;
            let Some(old) = old else { return refuse(format!("không có hồ sơ «{code}»")) };
            let new = reason.map(|r| nfc(r.trim()));
            tx.execute("UPDATE dossier SET eliminated = ?1 WHERE code = ?2", params![new, code]).map_err(&sql)?;
            Ok(((), Audit { action: "eliminate", target: code.into(), old, new, reason: None }))
        })
    }

    /// Opens a new scoring round for a dossier (earlier rounds stay in the file and the history).
    pub fn open_round(&mut self, actor: &str, dossier: &str, reason: &str) -> Result<u32> {
        if reason.trim().is_empty() {
            return refuse("mở vòng chấm mới cần ghi lý do");
        }
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let (_, round) = dossier_round(tx, dossier, &sql)?;
            tx.execute("UPDATE dossier SET current_round = ?1 WHERE code = ?2", params![round + 1, dossier])
                .map_err(&sql)?;
            let audit = Audit {
                action: "round",
                target: dossier.into(),
                old: Some(round.to_string()),
                new: Some((round + 1).to_string()),
                reason: Some(nfc(reason)),
            };
            Ok((round + 1, audit))
        })
    }

    /// Records the council's resolution for a dossier's current round (clears its spread flag).
    pub fn resolve(&mut self, actor: &str, dossier: &str, note: &str) -> Result<()> {
        if note.trim().is_empty() {
            return refuse("cần ghi nội dung kết luận của Hội đồng");
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
                return refuse(format!("«{dossier}» vòng {round} đã có kết luận"));
            }
            Ok(((), Audit { action: "resolution", target: format!("{dossier}/vòng {round}"), old: None, new: Some(nfc(note)), reason: None }))
        })
    }

    /// Locks the results: only a finalizable session. Records who, when and the fingerprint.
    pub fn lock(&mut self, actor: &str) -> Result<String> {
        let loaded = self.load()?;
        let results = loaded.results();
        if !results.session.finalizable {
            return refuse(format!(
                "chưa thể khóa kết quả: {}",
                crate::domain::blocker::joined(&results.session.blockers, "; ")
            ));
        }
        let fingerprint = loaded.fingerprint(&self.attachment_hashes()?);
        let sql = self.sql_owned();
        let fp = fingerprint.clone();
        self.change(actor, move |tx| {
            tx.execute(
                "UPDATE session SET locked_at = ?1, locked_by = ?2, lock_fingerprint = ?3 WHERE id = 1",
                params![super::now_utc(), actor, fp],
            )
            .map_err(&sql)?;
            Ok(((), Audit { action: "lock", target: "session".into(), old: None, new: Some(fp.clone()), reason: None }))
        })?;
        Ok(fingerprint)
    }

    /// Reopens a locked session; the reason and the old fingerprint stay in the audit log.
    pub fn reopen(&mut self, actor: &str, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return refuse("mở khóa cần ghi lý do");
        }
        let Some(lock) = self.lock_info()? else {
            return refuse("phiên họp chưa khóa");
        };
        let sql = self.sql_owned();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        tx.execute("UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL WHERE id = 1", [])
            .map_err(&sql)?;
        tx.execute(
            "INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES (?1, ?2, 'reopen', 'session', ?3, NULL, ?4)",
            params![super::now_utc(), actor, lock.fingerprint, nfc(reason)],
        )
        .map_err(&sql)?;
        tx.commit().map_err(&sql)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<crate::domain::session::AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, actor, action, target, old, new, reason FROM audit_log ORDER BY id")
            .map_err(self.sql_err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(crate::domain::session::AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    target: r.get(3)?,
                    old: r.get(4)?,
                    new: r.get(5)?,
                    reason: r.get(6)?,
                })
            })
            .map_err(self.sql_err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.sql_err())
    }
}

/// Streams a file into the blob table while hashing it (one read, memory independent of its size);
/// a content already stored is kept once. Returns the SHA-256.
fn store_file(
    tx: &Transaction<'_>,
    item: &crate::dossier::FileItem,
    sql: &impl Fn(rusqlite::Error) -> StoreError,
    progress: &mut dyn FnMut(u64),
) -> Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::{Read, Write};
    let io = |source| StoreError::Io { path: item.path.display().to_string(), source };
    let mut file = std::fs::File::open(&item.path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let pending = format!("pending-{}", tx.last_insert_rowid());
    tx.execute("INSERT INTO blob (sha256, size, data) VALUES (?1, ?2, zeroblob(?2))", params![pending, size as i64])
        .map_err(sql)?;
    let rowid = tx.last_insert_rowid();
    let mut hasher = Sha256::new();
    {
        let mut blob = tx.blob_open(rusqlite::MAIN_DB, "blob", "data", rowid, false).map_err(sql)?;
        let mut buf = vec![0u8; 1 << 20];
        let mut written = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            if written + n as u64 > size {
                return Err(io(std::io::Error::other("tệp thay đổi trong lúc nhập")));
            }
            hasher.update(&buf[..n]);
            blob.write_all(&buf[..n]).map_err(io)?;
            written += n as u64;
            progress(n as u64);
        }
    }
    let sha: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let known: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?1)", [&sha], |r| r.get(0)).map_err(sql)?;
    if known {
        tx.execute("DELETE FROM blob WHERE rowid = ?1", [rowid]).map_err(sql)?;
    } else {
        tx.execute("UPDATE blob SET sha256 = ?1 WHERE rowid = ?2", params![sha, rowid]).map_err(sql)?;
    }
    Ok(sha)
}

fn dossier_round(
    tx: &Transaction<'_>,
    dossier: &str,
    sql: &impl Fn(rusqlite::Error) -> StoreError,
) -> Result<(u32, u32)> {
    let row: Option<(u32, u32, Option<String>)> = tx
        .query_row("SELECT sheet, current_round, eliminated FROM dossier WHERE code = ?1", [dossier], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()
        .map_err(&sql)?;
    match row {
        None => refuse(format!("không có hồ sơ «{dossier}»")),
        Some((_, _, Some(reason))) => refuse(format!("hồ sơ «{dossier}» đã bị loại ({reason}): không chấm điểm")),
        Some((sheet, round, None)) => Ok((sheet, round)),
    }
}

/// The member's sheet for this dossier and round with its choices, created as a draft if there is none yet.
fn sheet_for(
    tx: &Transaction<'_>,
    dossier: &str,
    member: &str,
    round: u32,
    sql: &impl Fn(rusqlite::Error) -> StoreError,
) -> Result<(i64, BTreeMap<String, u8>)> {
    let who: Option<(bool, bool)> = tx
        .query_row("SELECT scores, present FROM member WHERE id = ?1", [member], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(&sql)?;
    match who {
        None => return refuse(format!("không có thành viên «{member}»")),
        Some((false, _)) => return refuse(format!("thành viên «{member}» không chấm điểm")),
        Some((true, false)) => {
            return refuse(format!("thành viên «{member}» vắng mặt: phiếu sẽ không được tính"));
        }
        Some((true, true)) => {}
    }
    let recused: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM recusal WHERE dossier = ?1 AND member = ?2)", [dossier, member], |r| {
            r.get(0)
        })
        .map_err(&sql)?;
    if recused {
        return refuse(format!("thành viên «{member}» không chấm hồ sơ «{dossier}» (đã rút)"));
    }
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, choices FROM score_sheet WHERE dossier = ?1 AND member = ?2 AND round = ?3",
            params![dossier, member, round],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(&sql)?;
    match existing {
        Some((id, text)) => match super::read::parse_choices(&text) {
            Some(choices) => Ok((id, choices)),
            None => refuse(format!("phiếu của «{member}» cho «{dossier}» bị hỏng: lựa chọn không đọc được")),
        },
        None => {
            tx.execute(
                "INSERT INTO score_sheet (dossier, member, round, submitted) VALUES (?1, ?2, ?3, 0)",
                params![dossier, member, round],
            )
            .map_err(&sql)?;
            Ok((tx.last_insert_rowid(), BTreeMap::new()))
        }
    }
}
