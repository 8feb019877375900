//! How a session file is opened for reading without writing anything beside it: on a
//! write-protected stick, for `verify`, for an archive. The file is read as SQLite would recover
//! it — its write-ahead log (or hot rollback journal) applied — so every command sees the same
//! content: when such a log is beside it, the file and the log are copied into a private temporary
//! folder and the copy is opened there (read-write, so SQLite applies the log to the copy).

use super::{Result, SCHEMA_VERSION, Store, StoreError, claim, migrate};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

impl Store {
    /// Deletes a session file and its logs (the demo, made afresh): refused with `InUse` while a
    /// window has it, and as `NotASession` (or the reason it cannot be opened) for anything that
    /// is not a session file, so nothing else is ever deleted. A missing file is nothing to do.
    pub fn discard(path: &Path) -> Result<()> {
        if std::fs::symlink_metadata(path).is_err() {
            return Ok(());
        }
        drop(Store::open(path)?);
        claim::forget(path);
        super::remove_db_files(path);
        Ok(())
    }
}

/// What may sit beside a database and change what it holds.
const LOGS: [&str; 2] = ["-wal", "-journal"];

/// `path` + `suffix` ("demo.ocop" + "-wal").
pub(super) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether a log with content sits beside `path`: then the file alone is not what SQLite would read.
pub(crate) fn has_pending_log(path: &Path) -> bool {
    LOGS.iter().any(|suffix| std::fs::metadata(beside(path, suffix)).is_ok_and(|m| m.len() > 0))
}

/// Refuses what cannot be a session file before anything opens it: a missing path, a folder, a
/// device or a pipe (SQLite would wait on a pipe forever).
pub(super) fn check_is_file(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::NotFound { path: shown }),
        Err(e) => Err(StoreError::io(&shown, e)),
        Ok(m) if m.is_dir() => Err(StoreError::io(&shown, std::io::ErrorKind::IsADirectory.into())),
        Ok(m) if !m.is_file() => Err(StoreError::NotASession { path: shown }),
        Ok(_) => Ok(()),
    }
}

/// Why the file cannot be changed in place (its folder must take SQLite's `-wal` and `-shm` too),
/// or None when it can. Nothing is opened or written to find out.
pub(super) fn not_writable(path: &Path) -> Option<std::io::Error> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    platform_not_writable(path).or_else(|| platform_not_writable(&folder))
}

#[cfg(unix)]
fn platform_not_writable(path: &Path) -> Option<std::io::Error> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: a NUL-terminated path that outlives the call; access(2) only reads it. It opens
    // nothing, so no descriptor of a session file is closed (see `claim`).
    let refused = unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } != 0;
    refused.then(std::io::Error::last_os_error)
}

#[cfg(not(unix))]
fn platform_not_writable(path: &Path) -> Option<std::io::Error> {
    if path.is_dir() {
        // Windows ignores a folder's read-only attribute; a write-protected medium refuses the file.
        return None;
    }
    // Closing a handle on Windows releases only its own locks: a probe cannot disturb SQLite.
    std::fs::OpenOptions::new().write(true).open(path).err()
}

/// Opens `path` for reading only. `migrate`: an older file is upgraded in the private copy (what
/// the file would read as after the upgrade); otherwise it is refused with `NeedsUpgrade`.
pub(super) fn snapshot(path: &Path, migrate: bool) -> Result<Store> {
    check_is_file(path)?;
    if !has_pending_log(path) {
        let store = in_place_immutable(path)?;
        let version = check_version(&store)?;
        if version == SCHEMA_VERSION {
            return Ok(store);
        }
        if !migrate {
            return Err(StoreError::NeedsUpgrade { path: store.shown(), found: version });
        }
    }
    let scratch = copy_to_scratch(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let copy = scratch.path().join(COPY_NAME);
    let conn =
        Connection::open_with_flags(&copy, flags).map_err(|e| StoreError::sqlite(&path.display().to_string(), e))?;
    let mut store = Store::on(conn, path);
    store.scratch = Some(scratch);
    let version = check_version(&store)?;
    if version < SCHEMA_VERSION {
        if !migrate {
            return Err(StoreError::NeedsUpgrade { path: store.shown(), found: version });
        }
        migrate::check_and_migrate(&mut store)?;
    }
    // A change through this store would only reach the copy: refuse it instead.
    store.conn.execute_batch("PRAGMA query_only = ON;").map_err(store.sql_err())?;
    Ok(store)
}

/// The header and the tables agree with each other (see `check_tables`); the schema version.
pub(super) fn check_version(store: &Store) -> Result<i64> {
    let version = migrate::check_header(store)?;
    check_tables(store, version)?;
    Ok(version)
}

const COPY_NAME: &str = "session.ocop";

/// The file and its logs, copied into a new private folder that is removed with the store. A
/// writer of another process may checkpoint meanwhile: the copy is taken again until the sizes and
/// times of the files are the same after copying as before.
fn copy_to_scratch(path: &Path) -> Result<tempfile::TempDir> {
    let shown = path.display().to_string();
    let scratch = tempfile::Builder::new()
        .prefix("ocop-council-")
        .tempdir()
        .map_err(|e| StoreError::io(std::env::temp_dir().display(), e))?;
    let target = scratch.path().join(COPY_NAME);
    for _attempt in 0..5 {
        let before = stamps(path);
        copy_db(path, &target).map_err(|e| StoreError::io(&shown, e))?;
        for suffix in LOGS {
            let (log, copied) = (beside(path, suffix), beside(&target, suffix));
            let _ = std::fs::remove_file(&copied);
            match std::fs::copy(&log, &copied) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::io(log.display(), e)),
            }
        }
        if stamps(path) == before {
            return Ok(scratch);
        }
    }
    Err(StoreError::InUse { path: shown })
}

/// The database file's bytes, read through a descriptor that is never closed (see `claim`).
fn copy_db(path: &Path, target: &Path) -> std::io::Result<()> {
    let mut out = std::fs::File::create(target)?;
    claim::read_file(path, |file| std::io::copy(file, &mut out))?;
    Ok(())
}

/// Size and modification time of the file and each log, to see that none changed while copying.
fn stamps(path: &Path) -> Vec<Option<(u64, std::time::SystemTime)>> {
    std::iter::once(path.to_path_buf())
        .chain(LOGS.iter().map(|s| beside(path, s)))
        .map(|p| std::fs::metadata(p).ok().and_then(|m| Some((m.len(), m.modified().ok()?))))
        .collect()
}

/// The file itself, with SQLite told it cannot change (no locks, no `-shm`): right only when no
/// log is beside it.
fn in_place_immutable(path: &Path) -> Result<Store> {
    let shown = path.display().to_string();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(immutable_uri(path), flags).map_err(|source| StoreError::sqlite(&shown, source))?;
    Ok(Store::on(conn, path))
}

/// `file:/abs/path?immutable=1`, percent-encoded (spaces, Vietnamese letters, '#', '?'), with a
/// leading '/' before a Windows drive letter.
fn immutable_uri(path: &Path) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    // What a URI path may hold as it is (RFC 3986 unreserved, the separators and a drive's colon).
    const KEEP: &AsciiSet =
        &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/').remove(b':');
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let lead = if text.starts_with('/') { "" } else { "/" };
    format!("file:{lead}{}?immutable=1", utf8_percent_encode(&text, KEEP))
}

/// Refuses a file whose schema version disagrees with the tables it holds (a `user_version` set
/// back or forward by hand): migrating it would fail half way, and reading it would misread it.
/// Only the marks each known version leaves are checked, so later versions keep passing.
fn check_tables(store: &Store, version: i64) -> Result<()> {
    let has = |sql: &str| -> Result<bool> {
        store.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map(|n| n > 0).map_err(store.sql_err())
    };
    let choice_table = has("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'choice'")?;
    let sheet_choices = has("SELECT count(*) FROM pragma_table_info('score_sheet') WHERE name = 'choices'")?;
    let audit_target = has("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'target'")?;
    let agrees = match version {
        1 => choice_table && !sheet_choices,
        2 => !choice_table && sheet_choices && audit_target,
        _ => !choice_table && sheet_choices && !audit_target,
    };
    if agrees { Ok(()) } else { Err(StoreError::SchemaMismatch { path: store.shown(), found: version }) }
}
