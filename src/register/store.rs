//! The register file: one SQLite database in the data folder (`register.ocop-register`), opened (and
//! made, the first time) here. Schema, version and application id as for the session file; every
//! change is one IMMEDIATE transaction with its audit row, so a refused change leaves the file as it was.

use super::error::{RegisterError, Result};
use crate::domain::date::Date;
use crate::domain::register::{Rating, RegisteredProduct, identity_key, sort_in_register_order};
use crate::domain::text::nfc;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};

pub const REGISTER_SCHEMA_VERSION: i64 = 1;
/// "OCRG" in ASCII: marks a register file as ours (the session file is "OCOP").
pub const REGISTER_APPLICATION_ID: i64 = 0x4F43_5247;
const SCHEMA_SQL: &str = include_str!("register.sql");
/// The register's file name in the data folder.
pub const REGISTER_FILE: &str = "register.ocop-register";

/// Where the office's register lives: the data folder (OCOP_DATA_DIR overrides it).
pub fn default_path() -> PathBuf {
    crate::catalog::installed::data_dir().join(REGISTER_FILE)
}

/// One rating to enter, with the product's facts as that rating gives them.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub product: RegisteredProduct,
    pub rating: Rating,
    /// Where it comes from: the session file or spreadsheet's name.
    pub source: String,
}

/// What entering a batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Products new to the register.
    pub added: usize,
    /// Products whose newest rating is now this one.
    pub updated: usize,
    /// Ratings the register already had, or older than the product's newest: nothing changed.
    pub unchanged: usize,
}

/// One audit row: at, actor, action, subject, new.
pub type AuditRow = (String, String, String, Option<String>, Option<String>);

pub struct Register {
    conn: Connection,
    shown: String,
}

impl Register {
    /// Opens the register at `path`, making it (and its folder) the first time.
    pub fn open(path: &Path) -> Result<Register> {
        let shown = path.display().to_string();
        check_path(path, &shown)?;
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| RegisterError::io(&shown, e))?;
        }
        let conn = Connection::open(path).map_err(|e| RegisterError::sqlite(&shown, e))?;
        let mut register = Register { conn, shown };
        // Two commands opening a new register at once can meet where SQLite does not wait (both
        // switching the file to WAL): the one refused tries again, for as long as a busy wait.
        for _ in 0..100 {
            match register.prepare() {
                Err(RegisterError::Sqlite { source, .. })
                    if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                done => return done.map(|()| register),
            }
        }
        register.prepare().map(|()| register)
    }

    fn sql(&self) -> impl Fn(rusqlite::Error) -> RegisterError + 'static {
        let shown = self.shown.clone();
        move |e| RegisterError::sqlite(&shown, e)
    }

    /// Checks the file before anything is written to it: its header, and for a register its schema
    /// (`schema::check`); only then is it switched to WAL. A new (empty) file gets the schema, an
    /// older one would be migrated here.
    fn prepare(&mut self) -> Result<()> {
        let sql = self.sql();
        // The busy timeout first (the connection's own, the file is not read): two commands opening
        // the register at once wait for each other (switching to WAL takes a lock of its own).
        self.conn.execute_batch("PRAGMA busy_timeout = 5000;").map_err(&sql)?;
        let settle = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
        match self.header()? {
            ((0, 0), true) => {
                self.conn.execute_batch(settle).map_err(&sql)?;
                self.initialise()
            }
            ((0, 0), false) => Err(RegisterError::NotARegister { path: self.shown.clone() }),
            (header, _) => {
                self.check(header)?;
                self.conn.execute_batch(settle).map_err(&sql)
            }
        }
    }

    /// The application id and schema version, and whether the file holds no schema at all — read
    /// at once, so that another command making the register meanwhile is seen whole or not at all.
    fn header(&self) -> Result<((i64, i64), bool)> {
        self.conn
            .query_row(
                "SELECT application_id, user_version, (SELECT count(*) = 0 FROM sqlite_schema)
                   FROM pragma_application_id, pragma_user_version",
                [],
                |r| Ok(((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?), r.get::<_, bool>(2)?)),
            )
            .map_err(|e| match e.sqlite_error_code() {
                // Another command switching the file to WAL: `open` tries again.
                Some(rusqlite::ErrorCode::DatabaseBusy) => RegisterError::sqlite(&self.shown, e),
                // A register (in WAL mode) whose folder cannot be written: SQLite cannot make the
                // shared-memory file it needs even to read. Said as the drive it is, not "not a register".
                Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => {
                    RegisterError::io(&self.shown, std::io::ErrorKind::ReadOnlyFilesystem.into())
                }
                _ => RegisterError::NotARegister { path: self.shown.clone() },
            })
    }

    /// A register of this version, with the schema this version makes; refused otherwise.
    fn check(&self, header: (i64, i64)) -> Result<()> {
        match header {
            (REGISTER_APPLICATION_ID, REGISTER_SCHEMA_VERSION) => {
                super::schema::check(&self.conn, SCHEMA_SQL, &self.shown)
            }
            (REGISTER_APPLICATION_ID, found) if found > REGISTER_SCHEMA_VERSION => {
                Err(RegisterError::TooNew { path: self.shown.clone(), found, supported: REGISTER_SCHEMA_VERSION })
            }
            // Migrations: each later version adds a step here, from the version found up, in one
            // transaction with a `migrate` audit row (as store::migrate does for session files) —
            // after checking the schema against the one the version found makes (register.sql as
            // it was, then each step, in memory), so that a register bent by hand is not migrated.
            _ => Err(RegisterError::NotARegister { path: self.shown.clone() }),
        }
    }

    /// Makes the register in an empty file. The file is looked at again inside the transaction:
    /// another command (a second window, a script) may have made it since the header was read.
    fn initialise(&mut self) -> Result<()> {
        let sql = self.sql();
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(&sql)?;
        let now = match self.header() {
            Ok(((0, 0), true)) => None,
            Ok(((0, 0), false)) => Some(Err(RegisterError::NotARegister { path: self.shown.clone() })),
            Ok((header, _)) => Some(self.check(header)),
            Err(e) => Some(Err(e)),
        };
        if let Some(made_meanwhile) = now {
            let _ = self.conn.execute_batch("ROLLBACK");
            return made_meanwhile;
        }
        let schema = format!(
            "{SCHEMA_SQL}
             INSERT INTO audit_log (at, actor, action) VALUES ('{}', 'ocop-council', 'create');
             PRAGMA application_id = {REGISTER_APPLICATION_ID}; PRAGMA user_version = {REGISTER_SCHEMA_VERSION}; COMMIT;",
            crate::store::now_utc()
        );
        self.conn.execute_batch(&schema).map_err(|e| {
            let _ = self.conn.execute_batch("ROLLBACK");
            sql(e)
        })
    }

    /// Every product, in the order they entered the register.
    pub fn products(&self) -> Result<Vec<RegisteredProduct>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT product, product_group, producer, entity_type, commune, address, stars, decision_number,
                        decision_date, authority, valid_until, revoked, note FROM product ORDER BY id",
            )
            .map_err(self.sql())?;
        let rows = stmt.query_map([], product_row).map_err(self.sql())?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(self.sql())
    }

    /// The products in the register's order: by product, then producer, in Vietnamese alphabetical
    /// order (`register list`, the Register screen). Sorting 20,000 names costs about 30 ms, so the
    /// due list and the statistics read `products` (entry order) instead.
    pub fn products_in_order(&self) -> Result<Vec<RegisteredProduct>> {
        let mut products = self.products()?;
        sort_in_register_order(&mut products);
        Ok(products)
    }

    /// The ratings of one product, oldest first.
    pub fn history(&self, product: &str, producer: &str) -> Result<Vec<Rating>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT r.session, r.date, r.mean, r.stars, r.decision_number, r.decision_date FROM rating r
                   JOIN product p ON p.id = r.product WHERE p.identity = ?1 ORDER BY r.decision_date, r.id",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map([identity_key(product, producer)], |r| {
                Ok(Rating {
                    session: r.get(0)?,
                    date: date_column(r, 1)?,
                    mean: r.get(2)?,
                    stars: r.get(3)?,
                    decision_number: r.get(4)?,
                    decision_date: date_column(r, 5)?,
                })
            })
            .map_err(self.sql())?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(self.sql())
    }

    /// The product named `product` (any spelling), of `producer` when given; refused when the
    /// register has none, or several producers' and none was given.
    pub fn find(&self, product: &str, producer: Option<&str>) -> Result<RegisteredProduct> {
        let wanted = identity_key(product, producer.unwrap_or(""));
        let name = wanted.split('\u{1f}').next().unwrap_or("");
        let matches: Vec<RegisteredProduct> = self
            .products()?
            .into_iter()
            .filter(|p| {
                let key = identity_key(&p.product, &p.producer);
                match producer {
                    Some(_) => key == wanted,
                    None => key.split('\u{1f}').next() == Some(name),
                }
            })
            .collect();
        match <[RegisteredProduct; 1]>::try_from(matches) {
            Ok([one]) => Ok(one),
            Err(many) if many.is_empty() => Err(RegisterError::UnknownProduct {
                product: product.to_string(),
                producer: producer.unwrap_or("").to_string(),
            }),
            Err(many) => Err(RegisterError::AmbiguousProduct {
                product: product.to_string(),
                producers: many.into_iter().map(|p| p.producer).collect(),
            }),
        }
    }

    /// Whether ratings from the session with this fingerprint are in the register already.
    pub fn has_session(&self, fingerprint: &str) -> Result<bool> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM rating WHERE session = ?1)", [fingerprint], |r| r.get(0))
            .map_err(self.sql())
    }

    /// Enters every rating of one batch (a session, a spreadsheet) in one transaction with one audit
    /// row; a rating the register already has changes nothing, so entering a batch again is a no-op.
    pub fn enter(&mut self, entries: &[Entry], action: &str, subject: &str, actor: &str) -> Result<Counts> {
        let sql = self.sql();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        let mut counts = Counts::default();
        // The decisions of ratings a corrected decision replaced (`enter::enter_one`), for the audit.
        let mut replaced: Vec<String> = Vec::new();
        for entry in entries {
            if let Some(old) = super::enter::enter_one(&tx, entry, &mut counts).map_err(&sql)? {
                replaced.push(old);
            }
        }
        if counts.added + counts.updated > 0 {
            let mut new = format!("added={} updated={} unchanged={}", counts.added, counts.updated, counts.unchanged);
            let old = (!replaced.is_empty()).then(|| {
                new += &format!(" replaced={}", replaced.len());
                replaced.dedup();
                format!("decision {}", replaced.join("; "))
            });
            tx.execute(
                "INSERT INTO audit_log (at, actor, action, subject, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![crate::store::now_utc(), actor, action, subject, old, new],
            )
            .map_err(&sql)?;
        }
        tx.commit().map_err(&sql)?;
        Ok(counts)
    }

    /// Revokes a product's recognition, with the reason (audited). Refused for a product the
    /// register does not hold, or with no reason.
    pub fn revoke(&mut self, product: &str, producer: &str, reason: &str, actor: &str) -> Result<()> {
        let reason = nfc(reason.trim());
        let unknown = || RegisterError::UnknownProduct { product: product.to_string(), producer: producer.to_string() };
        if reason.is_empty() {
            return Err(RegisterError::ReasonRequired);
        }
        let sql = self.sql();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        let identity = identity_key(product, producer);
        let old: Option<Option<String>> = tx
            .query_row("SELECT revoked FROM product WHERE identity = ?1", [&identity], |r| r.get(0))
            .optional()
            .map_err(&sql)?;
        let Some(old) = old else { return Err(unknown()) };
        tx.execute("UPDATE product SET revoked = ?1 WHERE identity = ?2", params![reason, identity]).map_err(&sql)?;
        tx.execute(
            "INSERT INTO audit_log (at, actor, action, subject, old, new, reason) VALUES (?1, ?2, 'revoked', ?3, ?4, 'revoked', ?5)",
            params![crate::store::now_utc(), actor, format!("{product} — {producer}"), old, reason],
        )
        .map_err(&sql)?;
        tx.commit().map_err(&sql)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, actor, action, subject, new FROM audit_log ORDER BY id")
            .map_err(self.sql())?;
        let rows =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).map_err(self.sql())?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(self.sql())
    }

    /// Checkpoints the log into the file and closes it.
    pub fn close(self) -> Result<()> {
        let sql = self.sql();
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").map_err(&sql)?;
        self.conn.close().map_err(|(_, e)| sql(e))
    }
}

/// What is at the register's path, before SQLite opens it. Nothing: the register is made there. A
/// file, also through a symlink: that file is the register (as a session file behind a link is
/// opened and claimed as itself; SQLite keeps its -wal and -shm beside the real file). Refused: a
/// link to nothing — a new, empty register made where it points (a share's folder while the drive is
/// not connected) would split the office's register in two — and a folder, pipe or device (SQLite
/// would wait on a pipe forever).
fn check_path(path: &Path, shown: &str) -> Result<()> {
    let io = |e| RegisterError::io(shown, e);
    let link = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
        Ok(meta) => meta.file_type().is_symlink(),
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => Err(io(std::io::ErrorKind::IsADirectory.into())),
        Ok(_) => Err(RegisterError::NotARegister { path: shown.to_string() }),
        Err(e) if link && e.kind() == std::io::ErrorKind::NotFound => {
            let target = std::fs::read_link(path).map_err(io)?;
            let target = path.parent().map_or(target.clone(), |folder| folder.join(&target));
            Err(RegisterError::BrokenLink { path: shown.to_string(), target: target.display().to_string() })
        }
        Err(e) => Err(io(e)),
    }
}

fn date_column(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Date> {
    let text: String = r.get(i)?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

fn product_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RegisteredProduct> {
    Ok(RegisteredProduct {
        product: r.get(0)?,
        group: r.get(1)?,
        producer: r.get(2)?,
        entity_type: r.get(3)?,
        commune: r.get(4)?,
        address: r.get(5)?,
        stars: r.get(6)?,
        decision_number: r.get(7)?,
        decision_date: date_column(r, 8)?,
        authority: r.get(9)?,
        valid_until: date_column(r, 10)?,
        revoked: r.get(11)?,
        note: r.get(12)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::valid_until;

    /// Two commands on a new office's first day: both see an empty file, one makes the register,
    /// the other must then find it made — not fail on "table product already exists".
    #[test]
    fn processes_making_the_register_at_once_all_open_it() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(REGISTER_FILE);
            let start = std::sync::Arc::new(std::sync::Barrier::new(6));
            let openers: Vec<_> = (0..6)
                .map(|_| {
                    let (path, start) = (path.clone(), start.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        Register::open(&path).map(|_| ()).map_err(|e| e.to_string())
                    })
                })
                .collect();
            for opener in openers {
                assert_eq!(opener.join().unwrap(), Ok(()));
            }
            let register = Register::open(&path).unwrap();
            let created: i64 = register
                .conn
                .query_row("SELECT count(*) FROM audit_log WHERE action = 'create'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(created, 1, "made once");
        }
    }

    fn entry(stars: u8, decided: Date, session: &str) -> Entry {
        let product = RegisteredProduct {
            product: "Gạo nếp".into(),
            group: "Gạo".into(),
            producer: "HTX Yên Lợi".into(),
            entity_type: "htx".into(),
            commune: "Yên Lợi".into(),
            address: String::new(),
            stars,
            decision_number: format!("{stars}/QĐ"),
            decision_date: decided,
            authority: String::new(),
            valid_until: valid_until(decided),
            revoked: None,
            note: String::new(),
        };
        let rating = Rating {
            session: session.into(),
            date: decided,
            mean: Some("65.00".into()),
            stars,
            decision_number: product.decision_number.clone(),
            decision_date: decided,
        };
        Entry { product, rating, source: "x.ocop".into() }
    }

    #[test]
    fn a_newer_rating_supersedes_and_the_history_keeps_both() {
        let dir = tempfile::tempdir().unwrap();
        let mut register = Register::open(&dir.path().join("a").join(REGISTER_FILE)).unwrap();
        let (old, new) = (Date::new(2023, 6, 20).unwrap(), Date::new(2026, 6, 1).unwrap());
        let first = register.enter(&[entry(3, old, "aa")], "session_added", "aa", "t").unwrap();
        assert_eq!(first, Counts { added: 1, updated: 0, unchanged: 0 });
        let second = register.enter(&[entry(4, new, "bb")], "session_added", "bb", "t").unwrap();
        assert_eq!(second, Counts { added: 0, updated: 1, unchanged: 0 });
        // The older rating again, or once more under another spelling: nothing changes.
        let mut respelled = entry(3, old, "aa");
        respelled.product.product = "GẠO  NẾP".into();
        let third = register.enter(&[entry(3, old, "aa"), respelled], "session_added", "aa", "t").unwrap();
        assert_eq!(third, Counts { added: 0, updated: 0, unchanged: 2 });
        let products = register.products().unwrap();
        assert_eq!(products.len(), 1);
        assert_eq!((products[0].stars, products[0].valid_until), (4, Date::new(2029, 6, 1).unwrap()));
        let history = register.history("gạo nếp", "htx yên lợi").unwrap();
        let seen: Vec<(&str, u8)> = history.iter().map(|r| (r.session.as_str(), r.stars)).collect();
        assert_eq!(seen, vec![("aa", 3), ("bb", 4)]);
        assert!(register.has_session("bb").unwrap() && !register.has_session("cc").unwrap());
        let actions: Vec<String> = register.audit_log().unwrap().into_iter().map(|r| r.2).collect();
        assert_eq!(actions, vec!["create", "session_added", "session_added"]);
    }

    #[test]
    fn another_file_is_not_taken_for_a_register() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ocop-register");
        std::fs::write(&path, b"not a database at all, just text").unwrap();
        assert!(matches!(Register::open(&path), Err(RegisterError::NotARegister { .. })));
        let session = dir.path().join("s.ocop");
        let conn = Connection::open(&session).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA application_id = 1330597712; PRAGMA user_version = 6;").unwrap();
        drop(conn);
        assert!(matches!(Register::open(&session), Err(RegisterError::NotARegister { .. })));
    }
}
