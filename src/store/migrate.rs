//! Schema versions. A new file gets `schema.sql` whole; an older file is brought up one step at a
//! time inside one transaction; a newer file is refused before anything is written.
//!
//! History: 1 — first layout, one `choice` row per answered criterion.
//! 2 — a sheet's choices as one JSON object in `score_sheet.choices` (a province-scale session has
//! ~200,000 choices; reading them row by row alone took longer than the whole results budget), and
//! `dossier.search_key` (accent-folded product + producer: SQLite's LIKE folds ASCII only).

use super::{Result, Store, StoreError};
use crate::domain::text::dossier_search_key;
use rusqlite::{ErrorCode, TransactionBehavior};

pub const SCHEMA_VERSION: i64 = 2;
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
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
    }
    tx.execute(
        "INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES (?1, 'ocop-council', 'migrate', 'schema', ?2, ?3, NULL)",
        rusqlite::params![super::now_utc(), version.to_string(), SCHEMA_VERSION.to_string()],
    )
    .map_err(&sql_err)?;
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};")).map_err(&sql_err)?;
    tx.commit().map_err(&sql_err)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lock_trigger_is_found_in_the_schema() {
        let sql = trigger_sql("dossier_locked_update");
        assert!(sql.starts_with("CREATE TRIGGER dossier_locked_update BEFORE UPDATE ON dossier"), "{sql}");
        assert!(sql.ends_with("END;"), "{sql}");
    }
}
