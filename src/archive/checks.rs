//! What `verify` checks beyond SQLite's integrity and the fingerprint: every attachment's bytes
//! against their SHA-256 key, and the lock row against the audit trail's lock event. Each check
//! gives its findings as data; `crate::lang` says them (`VerifyReport::lines_in`).

use crate::domain::fingerprint::sha256_read;
use crate::store::LockInfo;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;

/// An attachment the file no longer holds as it was attached.
#[derive(Clone, Debug, PartialEq)]
pub enum AttachmentProblem {
    /// The stored bytes no longer give the SHA-256 they are filed under: replaced after attaching.
    Replaced { dossier: String, name: String },
    /// The attachment row names content the file does not hold (deleted, or re-keyed).
    Missing { dossier: String, name: String },
    /// Stored bytes that no attachment names, and that do not give their own key either.
    Unlisted { sha256: String },
}

impl AttachmentProblem {
    /// The finding in Vietnamese (`Say` gives it in either language).
    pub fn line(&self) -> String {
        crate::lang::vi::attachment_problem(self)
    }
}

/// Re-hashes every stored content (streamed, in rowid order: one sequential read of the blob pages)
/// and checks it against its key, and that every attachment row — the list the fingerprint covers —
/// has its content. Findings are named by dossier and file name.
pub(super) fn check_attachments(conn: &Connection) -> rusqlite::Result<Vec<AttachmentProblem>> {
    let mut listed: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut problems = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT a.dossier, a.name, a.sha256, b.rowid IS NOT NULL FROM attachment a
               LEFT JOIN blob b ON b.sha256 = a.sha256 ORDER BY a.dossier, a.name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?)))?;
        for row in rows {
            let (dossier, name, sha, stored): (String, String, String, bool) = row?;
            if stored {
                listed.entry(sha).or_default().push((dossier, name));
            } else {
                problems.push(AttachmentProblem::Missing { dossier, name });
            }
        }
    }
    for (rowid, key, size) in blobs(conn)? {
        if content_matches(conn, rowid, &key, size)? {
            continue;
        }
        match listed.remove(&key) {
            Some(files) => {
                problems.extend(files.into_iter().map(|(dossier, name)| AttachmentProblem::Replaced { dossier, name }))
            }
            None => problems.push(AttachmentProblem::Unlisted { sha256: key }),
        }
    }
    Ok(problems)
}

fn blobs(conn: &Connection) -> rusqlite::Result<Vec<(i64, String, i64)>> {
    let mut stmt = conn.prepare("SELECT rowid, sha256, size FROM blob ORDER BY rowid")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect()
}

/// Whether the stored bytes of one blob have the length and SHA-256 they are filed under.
fn content_matches(conn: &Connection, rowid: i64, key: &str, size: i64) -> rusqlite::Result<bool> {
    let mut blob = match conn.blob_open(rusqlite::MAIN_DB, "blob", "data", rowid, true) {
        Ok(blob) => blob,
        // A `data` that is not a blob (text put there by hand) cannot be the attached file.
        Err(rusqlite::Error::SqliteFailure(_, _)) => return Ok(false),
        Err(e) => return Err(e),
    };
    let length = blob.len() as i64;
    let hashed =
        sha256_read(&mut blob, &mut |_| Ok(())).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    Ok(length == size && hashed == key)
}

/// A lock row that is not the one the store's `lock` wrote, or a file that is not a locked record.
#[derive(Clone, Debug, PartialEq)]
pub enum LockProblem {
    /// A fingerprint from the paper was given, but the file is not locked.
    NotLocked,
    /// The file is not locked, yet the audit trail's last lock event is a lock (the row was cleared).
    ClearedLock {
        at: String,
        by: String,
    },
    /// The file is locked, but its audit trail records no lock since it was made.
    NoLockEvent,
    /// The file is locked, but the trail's last lock event is a reopen.
    ReopenedInTrail {
        at: String,
        by: String,
    },
    FingerprintDiffers {
        row: String,
        trail: String,
    },
    AuthorDiffers {
        row: String,
        trail: String,
    },
    TimeDiffers {
        row: String,
        trail: String,
    },
    /// The recognition decision (recorded after the lock, outside the fingerprint) is not the one
    /// the audit trail last recorded: "NUMBER YYYY-MM-DD" of each.
    DecisionDiffers {
        row: String,
        trail: String,
    },
    /// A recognition decision the audit trail never recorded.
    DecisionNotInTrail {
        row: String,
    },
    /// The audit trail recorded a decision, but the file has none (its row was deleted).
    DecisionCleared {
        trail: String,
    },
}

impl LockProblem {
    /// The finding in Vietnamese (`Say` gives it in either language).
    pub fn line(&self) -> String {
        crate::lang::vi::lock_problem(self)
    }
}

/// The last `lock` or `reopen` row since the file's own `create` (rows before it were kept from an
/// earlier document's history): action, time, actor, old and new fingerprint.
type LockEvent = (String, String, String, Option<String>, Option<String>);

fn last_lock_event(conn: &Connection) -> rusqlite::Result<Option<LockEvent>> {
    let mut stmt = conn.prepare(
        "SELECT action, at, actor, old, new FROM audit_log
          WHERE action IN ('lock', 'reopen')
            AND id > (SELECT coalesce(max(id), 0) FROM audit_log WHERE action = 'create')
          ORDER BY id DESC LIMIT 1",
    )?;
    let mut rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    rows.next().transpose()
}

/// Checks the lock row against the audit trail's last lock event; `typed` says a fingerprint from the
/// paper was given, which only a locked file can match.
pub(super) fn check_lock_row(
    conn: &Connection,
    lock: Option<&LockInfo>,
    typed: bool,
) -> rusqlite::Result<Vec<LockProblem>> {
    let event = last_lock_event(conn)?;
    let mut problems = Vec::new();
    let Some(lock) = lock else {
        if typed {
            problems.push(LockProblem::NotLocked);
        }
        if let Some((_, at, by, _, _)) = event.filter(|(action, ..)| action == "lock") {
            problems.push(LockProblem::ClearedLock { at, by });
        }
        return Ok(problems);
    };
    match event {
        None => problems.push(LockProblem::NoLockEvent),
        Some((action, at, by, _, _)) if action == "reopen" => problems.push(LockProblem::ReopenedInTrail { at, by }),
        Some((_, at, by, _, fingerprint)) => {
            let fingerprint = fingerprint.unwrap_or_default();
            if fingerprint != lock.fingerprint {
                problems.push(LockProblem::FingerprintDiffers { row: lock.fingerprint.clone(), trail: fingerprint });
            }
            if by != lock.by {
                problems.push(LockProblem::AuthorDiffers { row: lock.by.clone(), trail: by });
            }
            if !same_moment(&lock.at, &at) {
                problems.push(LockProblem::TimeDiffers { row: lock.at.clone(), trail: at });
            }
        }
    }
    Ok(problems)
}

/// Checks the recognition decision against the audit trail's last decision row: the decision is
/// outside the fingerprint (it is issued after the signed minutes), so the trail is what vouches for
/// it. Files older than the `recognition` table have nothing to check.
pub(super) fn check_decision_row(conn: &Connection) -> rusqlite::Result<Vec<LockProblem>> {
    let has_table: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'recognition'", [], |r| {
            r.get(0)
        })?;
    if has_table == 0 {
        return Ok(Vec::new());
    }
    let row: Option<String> = conn
        .query_row("SELECT number, date FROM recognition WHERE id = 1", [], |r| {
            Ok(crate::store::decision_audit_text(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?))
        })
        .optional()?;
    let trail: Option<String> = conn
        .query_row(
            "SELECT new FROM audit_log WHERE action = 'session_edited' AND new LIKE 'decision=%'
               AND id > (SELECT coalesce(max(id), 0) FROM audit_log WHERE action = 'create')
             ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let bare = |t: String| t.strip_prefix("decision=").map(str::to_string).unwrap_or(t);
    Ok(match (row, trail) {
        (Some(row), Some(trail)) if row == trail => Vec::new(),
        (None, None) => Vec::new(),
        (Some(row), Some(trail)) => vec![LockProblem::DecisionDiffers { row: bare(row), trail: bare(trail) }],
        (Some(row), None) => vec![LockProblem::DecisionNotInTrail { row: bare(row) }],
        (None, Some(trail)) => vec![LockProblem::DecisionCleared { trail: bare(trail) }],
    })
}

/// Whether the lock row's time is the audit row's. Files locked before version 4 read the clock
/// twice (lock row first, audit row after), so the audit row may be up to two seconds later.
fn same_moment(row: &str, trail: &str) -> bool {
    row == trail || matches!((utc_seconds(row), utc_seconds(trail)), (Some(r), Some(t)) if (0..=2).contains(&(t - r)))
}

/// `YYYY-MM-DDTHH:MM:SSZ` (as `store::now_utc` writes it) → seconds since 1970.
fn utc_seconds(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // days from civil (proleptic Gregorian), the inverse of store::clock::format_utc
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_times_are_read_as_store_clock_writes_them() {
        // The instants store::clock's own test formats.
        assert_eq!(utc_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(utc_seconds("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(utc_seconds("2023-06-05T09:00:00Z"), Some(1_685_955_600));
        assert_eq!(utc_seconds("2023-06-05 09:00:00"), None);
        assert!(same_moment("2023-06-05T09:00:00Z", "2023-06-05T09:00:01Z"), "a file locked before version 4");
        assert!(!same_moment("2023-06-05T09:00:00Z", "2023-06-05T08:59:59Z"));
        assert!(!same_moment("2023-06-05T09:00:00Z", "2023-06-05T10:00:00Z"));
    }
}
