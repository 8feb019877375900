//! Schema versions. A new file gets `schema.sql` whole; an older file is brought up one step at a
//! time inside one transaction; a newer file is refused before anything is written.
//!
//! History: 1 — first layout, one `choice` row per answered criterion.
//! 2 — a sheet's choices as one JSON object in `score_sheet.choices` (a province-scale session has
//! ~200,000 choices; reading them row by row alone took longer than the whole results budget), and
//! `dossier.search_key` (accent-folded product + producer: SQLite's LIKE folds ASCII only).
//! 3 — the audit log as typed events: `action` one of a fixed set of words, and the target in columns
//! of its own (dossier, member, round, criterion) instead of a string such as "YY-01/m1/vòng 2/1.1".
//! 4 — attachment bytes and the lock row guard themselves.
//! 5 (sheets) — a sheet's life as `score_sheet.status` (draft, submitted, checked, reopened), the
//! session's `check_required`, and two more audit words (`sheet_reopened`, `sheet_checked`).
//! 5 — (facts) the meeting facts a minutes records: tables `meeting` (times, chair, secretary,
//! signer), `guest`, `recipient`, `member_facts` (honorific, absence reason); `dossier.conclusion`.
//! 6 (lan) — scoring on the members' own devices: table `lan_link` (a member's link key and bound
//! device) and three audit words (`link_issued`, `device_paired`, `device_revoked`).
//! 7 (register) — the recognition decision issued after the meeting: table `recognition`, written
//! only on locked results (issue 18). One self-contained step: a new table and its two triggers.

use super::{Result, Store, StoreError, audit};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::text::dossier_search_key;
use rusqlite::{ErrorCode, TransactionBehavior};

pub const SCHEMA_VERSION: i64 = 7;
/// "OCOP" in ASCII, in the SQLite header: marks a session file as ours.
pub const APPLICATION_ID: i64 = 0x4F43_4F50;
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

fn pragmas(store: &Store) -> Result<()> {
    store
        .conn
        .execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;")
        .map_err(store.sql_err())
}

pub(super) fn initialise(store: &mut Store) -> Result<()> {
    pragmas(store)?;
    let sql = format!(
        "BEGIN IMMEDIATE; {SCHEMA_SQL}\n PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
    );
    store.conn.execute_batch(&sql).map_err(store.sql_err())
}

/// Reads the header: refuses a file that is not ours or is newer; returns its schema version.
pub(super) fn check_header(store: &Store) -> Result<i64> {
    let not_ours = |store: &Store| StoreError::NotASession { path: store.shown() };
    let header = store.conn.query_row("SELECT * FROM pragma_application_id, pragma_user_version", [], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    });
    let (app_id, version) = match header {
        Ok(h) => h,
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => return Err(not_ours(store)),
        Err(e) => return Err(store.sql_err()(e)),
    };
    if app_id != APPLICATION_ID || version < 1 {
        return Err(not_ours(store));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: store.shown(), found: version, supported: SCHEMA_VERSION });
    }
    Ok(version)
}

pub(super) fn check_and_migrate(store: &mut Store) -> Result<()> {
    let version = check_header(store)?;
    pragmas(store)?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let sql_err = store.sql_owned();
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql_err)?;
    for from in version..SCHEMA_VERSION {
        match from {
            1 => v1_to_v2(&tx).map_err(&sql_err)?,
            2 => v2_to_v3(&tx).map_err(&sql_err)?,
            3 => v3_to_v4(&tx).map_err(&sql_err)?,
            4 => {
                v4_to_v5_sheets(&tx).map_err(&sql_err)?;
                v4_to_v5_facts(&tx).map_err(&sql_err)?
            }
            5 => v5_to_v6_lan(&tx).map_err(&sql_err)?,
            6 => v6_to_v7_recognition(&tx).map_err(&sql_err)?,
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
    }
    let event = AuditEvent::new(AuditAction::Migrate, Target::session())
        .change(Some(version.to_string()), Some(SCHEMA_VERSION.to_string()));
    audit::append(&tx, "ocop-council", &event).map_err(&sql_err)?;
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};")).map_err(&sql_err)?;
    tx.commit().map_err(&sql_err)
}

/// The text of one `CREATE TABLE name (… ) STRICT;` statement of schema.sql.
fn table_sql(name: &str) -> &'static str {
    let start = SCHEMA_SQL.find(&format!("CREATE TABLE {name} (")).unwrap_or(SCHEMA_SQL.len());
    let rest = &SCHEMA_SQL[start..];
    &rest[..rest.find(") STRICT;").map(|i| i + 9).unwrap_or(0)]
}

/// The text of one `CREATE TRIGGER name … END;` statement of schema.sql.
fn trigger_sql(name: &str) -> &'static str {
    let start = SCHEMA_SQL.find(&format!("CREATE TRIGGER {name} ")).unwrap_or(SCHEMA_SQL.len());
    let rest = &SCHEMA_SQL[start..];
    &rest[..rest.find("END;").map(|i| i + 4).unwrap_or(0)]
}

fn v1_to_v2(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    // Filling the new columns updates a locked file's rows: lift those two triggers meanwhile.
    tx.execute_batch(
        "DROP TRIGGER IF EXISTS dossier_locked_update;
         DROP TRIGGER IF EXISTS score_sheet_locked_update;
         ALTER TABLE dossier ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
         ALTER TABLE score_sheet ADD COLUMN choices TEXT NOT NULL DEFAULT '{}'
             CHECK (json_valid(choices) AND json_type(choices) = 'object');
         UPDATE score_sheet SET choices =
             (SELECT json_group_object(criterion, option) FROM choice WHERE sheet_id = score_sheet.id)
           WHERE EXISTS (SELECT 1 FROM choice WHERE sheet_id = score_sheet.id);
         DROP TABLE choice;",
    )?;
    let rows: Vec<(String, String, String)> = {
        let mut stmt = tx.prepare("SELECT code, product, producer FROM dossier")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?
    };
    for (code, product, producer) in rows {
        tx.execute(
            "UPDATE dossier SET search_key = ?1 WHERE code = ?2",
            rusqlite::params![dossier_search_key(&product, &producer), code],
        )?;
    }
    tx.execute_batch(trigger_sql("dossier_locked_update"))?;
    tx.execute_batch(trigger_sql("score_sheet_locked_update"))
}

/// The triggers version 4 adds; nothing else changes, so a locked file stays as it was.
const V4_TRIGGERS: [&str; 5] =
    ["blob_locked_insert", "blob_locked_update", "blob_locked_delete", "session_lock_columns", "session_one_row"];

fn v3_to_v4(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    // First: renaming the table would also rename it inside the new triggers that read it.
    rebuild_audit_log(tx)?;
    V4_TRIGGERS.iter().try_for_each(|name| tx.execute_batch(trigger_sql(name)))
}

/// The score-sheet part of version 5: the audit log takes two more words, a sheet gets its status
/// (a submitted sheet of version 4 becomes `submitted`, any other `draft`), the session its
/// read-back setting (off). A locked file stays locked: the new table gets its lock triggers back.
fn v4_to_v5_sheets(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    rebuild_audit_log(tx)?;
    // SQLite cannot add a column whose CHECK reads another column to a filled table: make it anew.
    // Renaming carries the old table's triggers along; dropping it drops them.
    tx.execute_batch("ALTER TABLE score_sheet RENAME TO score_sheet_v4;")?;
    tx.execute_batch(table_sql("score_sheet"))?;
    tx.execute_batch(
        "INSERT INTO score_sheet (id, dossier, member, round, comment, submitted, choices, status)
           SELECT id, dossier, member, round, comment, submitted, choices,
                  CASE submitted WHEN 1 THEN 'submitted' ELSE 'draft' END FROM score_sheet_v4;
         DROP TABLE score_sheet_v4;
         ALTER TABLE session ADD COLUMN check_required INTEGER NOT NULL DEFAULT 0 CHECK (check_required IN (0, 1));",
    )?;
    V5_SHEET_TRIGGERS.iter().try_for_each(|name| tx.execute_batch(trigger_sql(name)))
}

/// The triggers the sheets part of version 5 installs (again, for the remade table).
const V5_SHEET_TRIGGERS: [&str; 4] = [
    "score_sheet_locked_insert",
    "score_sheet_locked_update",
    "score_sheet_locked_delete",
    "session_check_required_locked",
];

/// The tables and triggers the meeting facts of version 5 add.
const V5_FACTS_TABLES: [&str; 4] = ["meeting", "guest", "recipient", "member_facts"];
const V5_FACTS_TRIGGERS: [&str; 12] = [
    "meeting_locked_insert",
    "meeting_locked_update",
    "meeting_locked_delete",
    "member_facts_locked_insert",
    "member_facts_locked_update",
    "member_facts_locked_delete",
    "guest_locked_insert",
    "guest_locked_update",
    "guest_locked_delete",
    "recipient_locked_insert",
    "recipient_locked_update",
    "recipient_locked_delete",
];

/// Version 5, the meeting facts: new tables (empty) and one column with a default, so a locked
/// file's content — and its fingerprint — is unchanged; the session and member rows are untouched.
fn v4_to_v5_facts(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch("ALTER TABLE dossier ADD COLUMN conclusion TEXT NOT NULL DEFAULT '';")?;
    V5_FACTS_TABLES.iter().try_for_each(|name| tx.execute_batch(table_sql(name)))?;
    V5_FACTS_TRIGGERS.iter().try_for_each(|name| tx.execute_batch(trigger_sql(name)))?;
    // The new action words need the audit table remade. The `sheets` step of version 5 remakes it
    // too (from the same schema.sql, so with every word): done here only if not done already.
    let allows_facts_words: bool = tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'audit_log' AND sql LIKE '%''session_edited''%'",
        [],
        |r| r.get(0),
    )?;
    if allows_facts_words {
        return Ok(());
    }
    // Renaming the audit table (in the rebuild) would rename it inside this trigger, which reads it.
    tx.execute_batch("DROP TRIGGER session_lock_columns;")?;
    rebuild_audit_log(tx)?;
    tx.execute_batch(trigger_sql("session_lock_columns"))
}

/// Version 6, the members' devices: one new table (empty, not part of the record, so a locked file's
/// fingerprint is unchanged) and the audit log remade for its three words. Self-contained: it
/// checks for itself whether the log already allows them.
fn v5_to_v6_lan(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(table_sql("lan_link"))?;
    let allows_lan_words: bool = tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'audit_log' AND sql LIKE '%''device_paired''%'",
        [],
        |r| r.get(0),
    )?;
    if allows_lan_words {
        return Ok(());
    }
    tx.execute_batch("DROP TRIGGER session_lock_columns;")?;
    rebuild_audit_log(tx)?;
    tx.execute_batch(trigger_sql("session_lock_columns"))
}

/// Version 7 (issue 18), the recognition decision: a new empty table and its triggers; nothing
/// else changes, so a locked file's content and fingerprint stay as they were.
fn v6_to_v7_recognition(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(table_sql("recognition"))?;
    V7_RECOGNITION_TRIGGERS.iter().try_for_each(|name| tx.execute_batch(trigger_sql(name)))
}

const V7_RECOGNITION_TRIGGERS: [&str; 2] = ["recognition_needs_lock_insert", "recognition_needs_lock_update"];

/// Version 4 allows one more action word (`sheets_discarded`); SQLite cannot alter a CHECK, so the
/// table is made anew from schema.sql and its rows copied over as they are.
fn rebuild_audit_log(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    // Legacy renaming leaves other triggers that read the log (the lock row's guard, since
    // version 4) naming `audit_log`, which is the new table once it is made.
    tx.execute_batch(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
         PRAGMA legacy_alter_table = ON;
         ALTER TABLE audit_log RENAME TO audit_log_v3;
         PRAGMA legacy_alter_table = OFF;",
    )?;
    tx.execute_batch(table_sql("audit_log"))?;
    tx.execute_batch(
        "INSERT INTO audit_log (id, at, actor, action, dossier, member, round, criterion, old, new, reason)
           SELECT id, at, actor, action, dossier, member, round, criterion, old, new, reason FROM audit_log_v3;
         DROP TABLE audit_log_v3;",
    )?;
    tx.execute_batch(trigger_sql("audit_log_no_update"))?;
    tx.execute_batch(trigger_sql("audit_log_no_delete"))
}

/// A version-2 audit row: id, at, actor, action, target, old, new, reason.
type V2Row = (i64, String, String, String, String, Option<String>, Option<String>, Option<String>);

fn v2_to_v3(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<V2Row> = {
        let mut stmt =
            tx.prepare("SELECT id, at, actor, action, target, old, new, reason FROM audit_log ORDER BY id")?;
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    tx.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TABLE audit_log;")?;
    tx.execute_batch(table_sql("audit_log"))?;
    for (id, at, actor, action, target, old, new, reason) in rows {
        let event = v2_event(&action, &target, old, new, reason).ok_or_else(|| {
            let action = crate::domain::session::excerpt(&action);
            rusqlite::Error::ToSqlConversionFailure(Box::new(super::Damage::AuditAction { row: id, action }))
        })?;
        tx.execute(
            "INSERT INTO audit_log (id, at, actor, action, dossier, member, round, criterion, old, new, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                id,
                at,
                actor,
                event.action,
                event.target.dossier,
                event.target.member,
                event.target.round,
                event.target.criterion,
                event.old,
                event.new,
                event.reason
            ],
        )?;
    }
    tx.execute_batch(trigger_sql("audit_log_no_update"))?;
    tx.execute_batch(trigger_sql("audit_log_no_delete"))
}

/// A version-2 row as an event. Version 2 logged an import's parts as `import` rows whose new value
/// began with a Vietnamese word ("thêm: …"), and counts and details as sentences: those become the
/// actions and plain values of version 3.
fn v2_event(
    action: &str,
    target: &str,
    old: Option<String>,
    new: Option<String>,
    reason: Option<String>,
) -> Option<AuditEvent> {
    let action = AuditAction::parse(action)?;
    let mut new = new;
    if action == AuditAction::Import {
        let part = [
            ("thêm: ", AuditAction::DossierAdded),
            ("cập nhật: ", AuditAction::DossierUpdated),
            ("đính kèm: ", AuditAction::Attached),
        ]
        .into_iter()
        .find_map(|(word, a)| new.as_deref().and_then(|n| n.strip_prefix(word)).map(|rest| (a, rest.to_string())));
        if let Some((part, rest)) = part {
            let event = AuditEvent::new(part, Target::dossier(target)).change(old, Some(rest));
            return Some(AuditEvent { reason, ..event });
        }
        new = new.map(|n| counts(&n, &["added", "updated", "attached"]));
    }
    if action == AuditAction::Create {
        new = new.map(|n| counts(&n, &["members", "dossiers", "sheets"]));
    }
    let (old, new) = if action == AuditAction::Dossier {
        (old.map(|o| o.replace(" — bộ ", " — ")), new.map(|n| n.replace(" — bộ ", " — ")))
    } else {
        (old, new)
    };
    let (target, rest) = Target::parse_legacy(target, action);
    Some(AuditEvent { action, target, old, new, reason: reason.or(rest) })
}

/// "thêm 3, cập nhật 1, đính kèm 5 tệp" → "added=3 updated=1 attached=5" (the numbers in order);
/// a text with other numbers is kept as it was.
fn counts(text: &str, names: &[&str]) -> String {
    let numbers: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
    if numbers.len() != names.len() {
        return text.to_string();
    }
    names.iter().zip(numbers).map(|(name, n)| format!("{name}={n}")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lock_trigger_is_found_in_the_schema() {
        let sql = trigger_sql("dossier_locked_update");
        assert!(sql.starts_with("CREATE TRIGGER dossier_locked_update BEFORE UPDATE ON dossier"), "{sql}");
        assert!(sql.ends_with("END;"), "{sql}");
        for name in V4_TRIGGERS.iter().chain(&V5_SHEET_TRIGGERS) {
            let sql = trigger_sql(name);
            assert!(sql.starts_with(&format!("CREATE TRIGGER {name} BEFORE ")) && sql.ends_with("END;"), "{sql}");
        }
        let sheet = table_sql("score_sheet");
        assert!(sheet.starts_with("CREATE TABLE score_sheet (") && sheet.contains("status"), "{sheet}");
        for name in V5_FACTS_TRIGGERS {
            let sql = trigger_sql(name);
            assert!(sql.starts_with(&format!("CREATE TRIGGER {name} BEFORE ")) && sql.ends_with("END;"), "{sql}");
        }
        for name in V5_FACTS_TABLES {
            let sql = table_sql(name);
            assert!(sql.starts_with(&format!("CREATE TABLE {name} (")) && sql.ends_with(") STRICT;"), "{sql}");
        }
        let table = table_sql("audit_log");
        assert!(table.starts_with("CREATE TABLE audit_log (") && table.ends_with(") STRICT;"), "{table}");
        assert!(table_sql("recognition").starts_with("CREATE TABLE recognition ("));
        for name in V7_RECOGNITION_TRIGGERS {
            let sql = trigger_sql(name);
            assert!(sql.starts_with(&format!("CREATE TRIGGER {name} BEFORE ")) && sql.ends_with("END;"), "{sql}");
        }
    }

    #[test]
    fn the_schema_allows_exactly_the_audit_actions_of_the_domain() {
        let table = table_sql("audit_log");
        let listed: Vec<&str> = table.split('\'').skip(1).step_by(2).collect();
        let actions: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(listed, actions);
    }

    #[test]
    fn version_2_rows_become_typed_events() {
        let e = v2_event("choice", "YY-01/m1/vòng 2/1.1", Some("3".into()), Some("2".into()), None).unwrap();
        assert_eq!((e.action, e.target), (AuditAction::Choice, Target::choice("YY-01", "m1", 2, "1.1")));
        let e = v2_event("import", "YY-01", None, Some("thêm: Gạo — HTX".into()), Some("ds.csv".into())).unwrap();
        assert_eq!(
            (e.action, e.new.as_deref(), e.reason.as_deref()),
            (AuditAction::DossierAdded, Some("Gạo — HTX"), Some("ds.csv"))
        );
        let e = v2_event("import", "ds.csv", None, Some("thêm 3, cập nhật 1, đính kèm 5 tệp".into()), None).unwrap();
        assert_eq!(
            (e.action, e.new.as_deref(), e.reason.as_deref()),
            (AuditAction::Import, Some("added=3 updated=1 attached=5"), Some("ds.csv"))
        );
        assert_eq!(e.target, Target::session());
        let e = v2_event("create", "session", None, Some("9 thành viên, 12 hồ sơ, 95 phiếu".into()), None).unwrap();
        assert_eq!(e.new.as_deref(), Some("members=9 dossiers=12 sheets=95"));
        assert!(v2_event("xoá", "session", None, None, None).is_none());
    }
}
