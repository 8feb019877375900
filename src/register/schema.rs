//! The register's schema as the app makes it, and the check that a register file still has it: a
//! trigger dropped (the audit log's append-only guard), a CHECK changed or a trigger added with a
//! SQLite tool is refused on open, before anything is written, naming the first object that differs.

use super::error::{ObjectKind, RegisterError, Result, SchemaChange};
use rusqlite::Connection;

/// One object of a schema (sqlite_schema's row): its kind, name, table and SQL as SQLite keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Object {
    kind: String,
    name: String,
    table: String,
    sql: String,
}

/// The objects of `conn`'s schema in the order they were made; SQLite's own (sqlite_autoindex_…,
/// sqlite_sequence, sqlite_stat1 after an ANALYZE) are its business, not the app's.
fn objects(conn: &Connection) -> rusqlite::Result<Vec<Object>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
          WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Object { kind: r.get(0)?, name: r.get(1)?, table: r.get(2)?, sql: normal(&r.get::<_, String>(3)?) })
    })?;
    rows.collect()
}

/// The objects `schema_sql` makes, in a database of its own in memory.
fn expected(schema_sql: &str) -> rusqlite::Result<Vec<Object>> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(schema_sql)?;
    objects(&conn)
}

/// Refuses a register whose schema is not the one `schema_sql` makes: the first object of ours
/// missing or changed, else the first one the app did not make. Reads only.
pub fn check(conn: &Connection, schema_sql: &str, shown: &str) -> Result<()> {
    let sql = |e| RegisterError::sqlite(shown, e);
    let wanted = expected(schema_sql).map_err(sql)?;
    let found = objects(conn).map_err(sql)?;
    let same = |a: &Object, b: &Object| a.kind == b.kind && a.name.eq_ignore_ascii_case(&b.name);
    let first = wanted
        .iter()
        .find_map(|w| match found.iter().find(|f| same(f, w)) {
            None => Some((SchemaChange::Missing, w)),
            Some(f) if f.table != w.table || f.sql != w.sql => Some((SchemaChange::Changed, w)),
            Some(_) => None,
        })
        .or_else(|| found.iter().find(|f| !wanted.iter().any(|w| same(f, w))).map(|f| (SchemaChange::Unexpected, f)));
    match first {
        None => Ok(()),
        Some((change, object)) => Err(RegisterError::Altered {
            path: shown.to_string(),
            change,
            kind: ObjectKind::of(&object.kind),
            name: object.name.clone(),
        }),
    }
}

/// The SQL of an object with its comments dropped and its spacing made one space, so that a
/// comment reworded in register.sql does not make every office's register look altered; text in
/// quotes is kept as it is.
fn normal(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                push_space(&mut out, &mut space);
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    // A doubled quote ('it''s') closes and reopens: the same text either way.
                    if q == close {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                chars.by_ref().take_while(|&n| n != '\n').for_each(drop);
                space = true;
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                push_space(&mut out, &mut space);
                out.push(c);
            }
        }
    }
    out
}

fn push_space(out: &mut String, space: &mut bool) {
    if std::mem::take(space) && !out.is_empty() {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_spacing_do_not_count_but_quoted_text_does() {
        assert_eq!(
            normal("CREATE TABLE t (\n  a TEXT, -- why\n  b /* x */ INT\n)"),
            "CREATE TABLE t ( a TEXT, b INT )"
        );
        assert_eq!(normal("SELECT RAISE(ABORT, 'a  -- b')"), "SELECT RAISE(ABORT, 'a  -- b')");
        assert_ne!(normal("CHECK (stars BETWEEN 3 AND 5)"), normal("CHECK (stars BETWEEN 1 AND 5)"));
        assert_eq!(normal("x 'it''s'  y"), "x 'it''s' y");
    }

    #[test]
    fn the_first_object_missing_changed_or_added_is_named() {
        let schema = include_str!("register.sql");
        let found = |bend: &str| {
            let conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(schema).unwrap();
            conn.execute_batch(bend).unwrap();
            match check(&conn, schema, "r") {
                Err(RegisterError::Altered { change, kind, name, .. }) => Some((change, kind, name)),
                other => other.map(|()| None).unwrap(),
            }
        };
        assert_eq!(found("ANALYZE;"), None, "SQLite's own sqlite_stat1 is not ours to check");
        assert_eq!(
            found("DROP INDEX rating_by_session; CREATE VIEW v AS SELECT 1;"),
            Some((SchemaChange::Missing, ObjectKind::Index, "rating_by_session".into()))
        );
        assert_eq!(found("CREATE VIEW v AS SELECT 1;"), Some((SchemaChange::Unexpected, ObjectKind::View, "v".into())));
        assert_eq!(
            found(
                "DROP TRIGGER audit_log_no_update; CREATE TRIGGER Audit_Log_No_Update AFTER UPDATE ON audit_log BEGIN SELECT 1; END;"
            ),
            Some((SchemaChange::Changed, ObjectKind::Trigger, "audit_log_no_update".into()))
        );
    }
}
