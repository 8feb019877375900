//! The session file: one SQLite database per meeting (design §4).
//!
//! Opening checks that the file is ours and not from a newer version, migrates an older one, and
//! sets WAL + synchronous FULL + foreign keys. Every change runs in one IMMEDIATE transaction
//! together with its audit-log row; a refused change leaves the file byte-identical.

mod clock;
mod edit;
mod migrate;
mod read;
mod write;

pub use clock::now_utc;
pub use edit::Audit;
pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
pub use read::{Loaded, LockInfo};

use crate::domain::{CriteriaSet, Ruleset, Session};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: không tìm thấy tệp")]
    NotFound { path: String },
    #[error("{path}: tệp đang được mở ở một cửa sổ khác của ứng dụng — dùng cửa sổ đó, hoặc đóng nó rồi mở lại")]
    InUse { path: String },
    #[error("{path}: đã có tệp này — chọn tên khác hoặc xóa tệp cũ trước")]
    Exists { path: String },
    #[error("{path}: không phải tệp phiên họp OCOP")]
    NotASession { path: String },
    #[error(
        "{path}: tệp do phiên bản mới hơn của ứng dụng tạo (phiên bản tệp {found}, ứng dụng này đọc đến {supported}) — hãy cập nhật ứng dụng"
    )]
    TooNew { path: String, found: i64, supported: i64 },
    #[error("{path}: tệp ở phiên bản cũ ({found}); hãy mở nó bằng ứng dụng một lần để nâng cấp rồi kiểm tra lại")]
    NeedsUpgrade { path: String, found: i64 },
    #[error("{path}: dữ liệu trong tệp bị hỏng: {problem}")]
    Corrupt { path: String, problem: String },
    #[error("phiên họp đã khóa lúc {at}: không thể thay đổi kết quả (mở khóa phải ghi lý do)")]
    Locked { at: String },
    #[error("{0}")]
    Refused(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: lỗi cơ sở dữ liệu: {source}")]
    Sqlite { path: String, source: rusqlite::Error },
}

impl StoreError {
    /// A database error, told apart: a damaged file is the user's problem to solve from a backup
    /// (exit 2), anything else is ours (exit 1).
    pub(crate) fn sqlite(path: &str, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match source.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
                path: path.to_string(),
                problem: format!("{source} — hãy dùng bản lưu trữ gần nhất"),
            },
            _ => StoreError::Sqlite { path: path.to_string(), source },
        }
    }

    /// Whether this is the user's input or a refused action (exit 2) rather than a fault (exit 1).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, StoreError::Sqlite { .. })
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The criteria snapshot, parsed once: it never changes after creation, and an autosave per
    /// keystroke must not re-read 800 KB of JSON.
    criteria: std::cell::OnceCell<std::sync::Arc<CriteriaSet>>,
    /// Held while this store is the file's editor (see `open`); released when dropped.
    _editor: Option<std::fs::File>,
}

impl Store {
    /// Opens an existing session file as its one editor: while it is open, a second window of the
    /// app (or a command that writes) on the same file is refused, so two people never score into
    /// the same file unknowingly. The claim is an OS lock on `NAME.ocop-lock` beside the file,
    /// released when the store is dropped or the process ends, however it ends.
    pub fn open(path: &Path) -> Result<Store> {
        let editor = claim(path)?;
        let mut store = Store::open_shared(path)?;
        store._editor = Some(editor);
        Ok(store)
    }

    /// Opens an existing session file without claiming it: for reading (results, export) and for
    /// archiving while a window has it open — SQLite keeps each reader's view consistent.
    pub fn open_shared(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.is_file() {
            return Err(StoreError::NotFound { path: shown });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::sqlite(&shown, source))?;
        let mut store = Store { conn, path: path.to_path_buf(), criteria: Default::default(), _editor: None };
        migrate::check_and_migrate(&mut store)?;
        Ok(store)
    }

    /// Opens a file for inspection only (verify, copy back from an archive): nothing is ever written,
    /// not even a -wal or -shm file, so it works on a write-protected stick and cannot alter an
    /// archive. An older file is not migrated (that would be a write): it is refused.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.is_file() {
            return Err(StoreError::NotFound { path: shown });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(immutable_uri(path), flags)
            .map_err(|source| StoreError::sqlite(&shown, source))?;
        let store = Store { conn, path: path.to_path_buf(), criteria: Default::default(), _editor: None };
        let version = migrate::check_header(&store)?;
        if version < SCHEMA_VERSION {
            return Err(StoreError::NeedsUpgrade { path: shown, found: version });
        }
        Ok(store)
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
        if path.exists() {
            return Err(StoreError::Exists { path: shown });
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "session".into());
        let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        remove_db_files(&tmp);
        let built = (|| {
            let conn = Connection::open(&tmp).map_err(|source| StoreError::sqlite(&shown, source))?;
            let mut store = Store { conn, path: tmp.clone(), criteria: Default::default(), _editor: None };
            migrate::initialise(&mut store)?;
            write::insert_session(&mut store, session, criteria, ruleset, actor)?;
            store.close()
        })();
        let placed = built.and_then(|()| {
            // hard_link refuses to replace a file that appeared meanwhile; rename would clobber it.
            std::fs::hard_link(&tmp, path).map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => StoreError::Exists { path: shown.clone() },
                _ => StoreError::Io { path: shown.clone(), source },
            })
        });
        remove_db_files(&tmp);
        placed
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    fn sql_err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| {
            let message = source.to_string();
            if message.contains("ocop: session is locked") {
                StoreError::Locked { at: self.lock_time().unwrap_or_default() }
            } else {
                StoreError::sqlite(&self.shown(), source)
            }
        }
    }

    /// The same error mapping as `sql_err`, owning the path, for closures that outlive a borrow of self.
    fn sql_owned(&self) -> impl Fn(rusqlite::Error) -> StoreError + Clone + 'static {
        let path = self.shown();
        move |source| StoreError::sqlite(&path, source)
    }

    fn lock_time(&self) -> Option<String> {
        self.conn.query_row("SELECT locked_at FROM session WHERE id = 1", [], |r| r.get(0)).ok().flatten()
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

/// `NAME.ocop-lock` beside the session file.
fn claim_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

fn claim(path: &Path) -> Result<std::fs::File> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(StoreError::NotFound { path: shown });
    }
    let lock_path = claim_path(path);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| StoreError::Io { path: lock_path.display().to_string(), source })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse { path: shown }),
        Err(std::fs::TryLockError::Error(source)) => {
            Err(StoreError::Io { path: lock_path.display().to_string(), source })
        }
    }
}

/// `file:/abs/path?immutable=1`, percent-encoded (spaces, Vietnamese letters, '#', '?'), with a
/// leading '/' before a Windows drive letter.
fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':' => {
                uri.push(char::from(b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

pub(crate) fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
