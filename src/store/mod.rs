//! The session file: one SQLite database per meeting (design §4).
//!
//! Opening checks that the file is ours and not from a newer version, migrates an older one, and
//! sets WAL + synchronous FULL + foreign keys. Every change runs in one IMMEDIATE transaction
//! together with its audit-log row; a refused change leaves the file byte-identical.

mod attendance;
mod audit;
mod claim;
mod clock;
mod decision;
pub use decision::decision_audit_text;
mod dossiers;
mod error;
mod facts;
mod import;
mod lan;
mod lock;
mod migrate;
mod open;
mod read;
mod sheets;
mod sql;
mod write;

pub use clock::now_utc;
pub(crate) use error::name_too_long_if_not_found;
pub use error::{Damage, NeedsReason, Result, StoreError};
pub use import::{ImportCounts, ImportTx};
pub use lan::LanLink;
pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
pub use read::{Loaded, LockInfo};

/// For code that reads a session file's bytes (a checksum) in a process that may have it open.
pub(crate) use claim::read_file;
pub(crate) use open::has_pending_log;

use crate::domain::{CriteriaSet, Ruleset, Session};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The path as error messages show it.
    shown: String,
    /// The criteria snapshot, parsed once: it never changes after creation, and an autosave per
    /// keystroke must not re-read 800 KB of JSON.
    criteria: std::cell::OnceCell<std::sync::Arc<CriteriaSet>>,
    /// Held while this store is the file's editor (see `open`); released when dropped.
    editor: Option<claim::Claim>,
    /// The private folder holding the copy a read-only store reads (see `open_read_only`); removed
    /// when the store is dropped, after the connection (fields drop in order).
    scratch: Option<tempfile::TempDir>,
    /// Inside `batch`: changes are savepoints of the batch's transaction.
    batching: bool,
}

impl Store {
    /// Opens an existing session file as its one editor: while it is open, a second window of the
    /// app (or a command that writes) on the same file is refused, so two people never score into
    /// the same file unknowingly. The claim is an OS lock on the database file itself, so every
    /// path to the file (a link, another spelling) meets it; it is released when the store is
    /// dropped or the process ends, however it ends. A file that cannot be written (a
    /// write-protected stick, a read-only folder) is refused with the reason.
    pub fn open(path: &Path) -> Result<Store> {
        open::check_is_file(path)?;
        if let Some(why) = open::not_writable(path) {
            return Err(StoreError::io(path.display(), why));
        }
        let editor = claim::claim(path)?;
        let mut store = Store::open_in_place(path)?;
        store.editor = Some(editor);
        Ok(store)
    }

    /// Opens an existing session file without claiming it: for reading (results, export) and for
    /// archiving while a window has it open — SQLite keeps each reader's view consistent. A file
    /// that cannot be written beside is read as `open_read_only` reads it (an older one upgraded
    /// in the private copy only); changes through such a store are refused.
    pub fn open_shared(path: &Path) -> Result<Store> {
        open::check_is_file(path)?;
        if open::not_writable(path).is_some() {
            return open::snapshot(path, true);
        }
        Store::open_in_place(path)
    }

    fn open_in_place(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::sqlite(&shown, source))?;
        let mut store = Store::on(conn, path);
        open::check_version(&store)?;
        migrate::check_and_migrate(&mut store)?;
        Ok(store)
    }

    /// Opens a file for inspection only (verify, copy back from an archive), as SQLite would
    /// recover it: a change still in its write-ahead log is read as every other command reads it.
    /// Nothing is ever written beside it (a log is applied to a private copy), so it works on a
    /// write-protected stick and cannot alter an archive. An older file is refused, not migrated.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        open::snapshot(path, false)
    }

    /// Creates a new session file holding `session`, atomically: it is built under a temporary name
    /// beside the target and appears under its real name only when complete.
    pub fn create(
        path: &Path,
        session: &Session,
        criteria: &CriteriaSet,
        ruleset: &Ruleset,
        actor: &str,
    ) -> Result<()> {
        let shown = path.display().to_string();
        plain_value("", session)?;
        plain("actor", actor)?;
        if path.is_dir() {
            return Err(StoreError::io(&shown, std::io::ErrorKind::IsADirectory.into()));
        }
        if path.exists() {
            return Err(StoreError::Exists { path: shown });
        }
        let tmp = temporary_beside(path);
        remove_db_files(&tmp);
        // Made by the operating system first, so a missing or read-only folder, a full disk or a
        // bad name is told as such (SQLite would only say it cannot open the file).
        if let Err(e) = std::fs::File::create_new(&tmp) {
            return Err(StoreError::io(&shown, e));
        }
        let built = (|| {
            let conn = Connection::open(&tmp).map_err(|source| StoreError::sqlite(&shown, source))?;
            let mut store = Store::on(conn, &tmp);
            migrate::initialise(&mut store)?;
            write::insert_session(&mut store, session, criteria, ruleset, actor)?;
            store.close()
        })();
        let placed = built.and_then(|()| {
            // hard_link refuses to replace a file that appeared meanwhile; rename would clobber it.
            std::fs::hard_link(&tmp, path).map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => StoreError::Exists { path: shown.clone() },
                _ => StoreError::io(&shown, source),
            })
        });
        remove_db_files(&tmp);
        placed
    }

    fn on(conn: Connection, path: &Path) -> Store {
        let shown = path.display().to_string();
        Store {
            conn,
            path: path.to_path_buf(),
            shown,
            criteria: Default::default(),
            editor: None,
            scratch: None,
            batching: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn shown(&self) -> String {
        self.shown.clone()
    }

    pub(super) fn path_text(&self) -> &str {
        &self.shown
    }

    /// Maps a database error. A trigger's refusal on a locked session is told by the lock state
    /// itself, never by the wording of the trigger's message.
    fn sql_err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| {
            let by_trigger =
                source.sqlite_error().is_some_and(|e| e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER);
            match self.lock_info() {
                Ok(Some(lock)) if by_trigger => StoreError::Locked { at: lock.at },
                _ => StoreError::sqlite(&self.shown, source),
            }
        }
    }

    /// The same error mapping for closures that outlive a borrow of self (no lock look-up: the
    /// transactions that use it checked the lock when they began).
    fn sql_owned(&self) -> impl Fn(rusqlite::Error) -> StoreError + Clone + 'static {
        let path = self.shown();
        move |source| StoreError::sqlite(&path, source)
    }

    /// Runs `change` and its audit row in one IMMEDIATE transaction that first checks the lock;
    /// any error rolls both back, so a refused change leaves the file as it was. Inside a
    /// [`Store::batch`] the change is a SAVEPOINT of the batch's transaction instead: a refused
    /// change rolls back only itself, and nothing is durable before the batch commits.
    fn change<T>(
        &mut self,
        actor: &str,
        change: impl FnOnce(&Connection) -> Result<(T, crate::domain::audit::AuditEvent)>,
    ) -> Result<T> {
        let sql = self.sql_owned();
        if self.batching {
            // SQLite rolls a whole transaction back by itself on some errors (a full disk, an I/O
            // error): a savepoint now would begin and commit a transaction of its own, outside the batch.
            if self.conn.is_autocommit() {
                return Err(StoreError::io(&self.shown, std::io::Error::other("batch transaction rolled back")));
            }
            let savepoint = self.conn.savepoint().map_err(&sql)?;
            let value = audited(&savepoint, &self.shown, actor, change)?;
            savepoint.commit().map_err(&sql)?;
            return Ok(value);
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&sql)?;
        let value = audited(&tx, &self.shown, actor, change)?;
        tx.commit().map_err(&sql)?;
        Ok(value)
    }

    /// Group commit (the devices' writer, src/lan/writer.rs): runs `work` inside one IMMEDIATE
    /// transaction in which every change is a savepoint of its own, then commits once — one fsync
    /// for all of them. Gives back what `work` returned (each change's own result) and whether the
    /// commit succeeded: if not, nothing of the batch is in the file, whatever `work` was told.
    /// When the transaction cannot even begin, `work` still runs and every change in it is refused.
    pub fn batch<R>(&mut self, work: impl FnOnce(&mut Store) -> R) -> (R, Result<()>) {
        let sql = self.sql_owned();
        let begun = self.conn.execute_batch("BEGIN IMMEDIATE").map_err(&sql);
        self.batching = true;
        let out = work(self);
        self.batching = false;
        if let Err(e) = begun {
            return (out, Err(e));
        }
        if self.conn.is_autocommit() {
            return (out, Err(StoreError::io(&self.shown, std::io::Error::other("batch transaction rolled back"))));
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            let _ = self.conn.execute_batch("ROLLBACK");
            return (out, Err(sql(e)));
        }
        (out, Ok(()))
    }

    /// Checkpoints the write-ahead log into the file and closes it.
    pub fn close(self) -> Result<()> {
        let shown = self.shown();
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|source| StoreError::sqlite(&shown, source))?;
        self.conn.close().map_err(|(_, source)| StoreError::sqlite(&shown, source))
    }

    /// The raw connection, for tests and the archive layer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A change and its audit row on `conn` (a transaction or a savepoint), refused on a locked session.
fn audited<T>(
    conn: &Connection,
    path: &str,
    actor: &str,
    change: impl FnOnce(&Connection) -> Result<(T, crate::domain::audit::AuditEvent)>,
) -> Result<T> {
    plain("actor", actor)?;
    if let Some(lock) = (read::Reader { conn, path }).lock_info()? {
        return Err(StoreError::Locked { at: lock.at });
    }
    let (value, event) = change(conn)?;
    audit::append(conn, actor, &event).map_err(|source| StoreError::sqlite(path, source))?;
    Ok(value)
}

/// The one rule for every free text that enters a session file, whatever the path (a form, a
/// command, a member's device, a list): the exchange format's (`domain::text::forbidden_char`), so
/// that what is stored can be exported and read back, and no bidi override reaches a document.
/// Tabs and line breaks stay allowed, as in the exchange format. `path` names the field.
fn plain(path: &str, text: &str) -> Result<()> {
    crate::domain::text::forbidden_at(path, text).map_or(Ok(()), |invalid| Err(StoreError::BadText(Box::new(invalid))))
}

/// `plain` for every text of a record (a dossier, a member, the session's heading), by its path.
fn plain_value<T: serde::Serialize>(root: &str, value: &T) -> Result<()> {
    crate::domain::text::forbidden_in(root, value).map_or(Ok(()), |invalid| Err(StoreError::BadText(Box::new(invalid))))
}

/// `.NAME.tmp-PID-N` beside `path`, with NAME cut short: the temporary name must fit wherever the
/// real one fits.
fn temporary_beside(path: &Path) -> PathBuf {
    static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "session".into());
    let short: String = name.chars().take(40).collect();
    let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    path.with_file_name(format!(".{short}.tmp-{}-{n}", std::process::id()))
}

pub(crate) fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
