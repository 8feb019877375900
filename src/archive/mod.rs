//! Integrity after the meeting (design §10): archive a session file to a folder (the USB stick),
//! verified, never leaving a half file that looks valid; verify a file against its fingerprint and
//! the paper; copy an archived file back before using it.

mod checks;
mod copy;
mod restore;
mod verify;

pub use checks::{AttachmentProblem, LockProblem};
pub use copy::{ArchiveReport, Phase, archive};
pub use restore::restore;
pub use verify::{NotAFingerprint, VerifyReport, normalise_typed, verify};

use crate::store::StoreError;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{path}: không đủ chỗ trống (USB đầy?) — giải phóng chỗ hoặc dùng USB khác; không để lại tệp dở dang")]
    Full { path: String },
    #[error("{path}: ổ đích chỉ cho phép đọc (USB đang khóa ghi?) — mở khóa ghi hoặc chọn ổ khác")]
    ReadOnly { path: String },
    #[error("{path}: không thấy thư mục đích (USB đã bị rút?) — cắm lại và thử lại")]
    Missing { path: String },
    #[error(
        "{path}: tên tệp quá dài đối với ổ đích — đặt cho tệp phiên họp một tên ngắn hơn rồi lưu trữ lại; không để lại tệp dở dang"
    )]
    NameTooLong { path: String },
    #[error("{path}: bản sao không qua được kiểm tra ({problem}); đã xóa bản sao, tệp gốc không bị ảnh hưởng")]
    CheckFailed { path: String, problem: CheckProblem },
    #[error("{path}: lỗi ghi ({source}) — USB bị rút hoặc hỏng? Tệp gốc không bị ảnh hưởng")]
    Io { path: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an archive's copy (or an archived file about to be copied back) failed its check.
/// `crate::lang` says it in either language; `Display` is the Vietnamese.
#[derive(Debug)]
pub enum CheckProblem {
    /// The archived file did not pass `verify`: its report.
    Verify(Box<VerifyReport>),
    /// The copy could not be opened or read back.
    Store(Box<StoreError>),
    /// SQLite's words (English) for what it could not read.
    Sqlite(String),
    /// What SQLite's integrity check found (its words).
    Integrity(String),
    /// The copy's fingerprint differs from the original's (both shortened).
    Fingerprint { copied: String, original: String },
}

impl ArchiveError {
    /// An I/O failure on `path`, told apart the way a secretary needs it.
    pub(crate) fn from_io(path: &Path, e: std::io::Error) -> ArchiveError {
        use std::io::ErrorKind::*;
        let path = path.display().to_string();
        match e.kind() {
            StorageFull | QuotaExceeded | FileTooLarge => ArchiveError::Full { path },
            InvalidFilename => ArchiveError::NameTooLong { path },
            ReadOnlyFilesystem | PermissionDenied => ArchiveError::ReadOnly { path },
            NotFound => ArchiveError::Missing { path },
            _ => ArchiveError::Io { path, source: e },
        }
    }

    /// A SQLite failure while writing the copy on `path`.
    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> ArchiveError {
        use rusqlite::ErrorCode::*;
        let shown = path.display().to_string();
        match e.sqlite_error_code() {
            Some(DiskFull) => ArchiveError::Full { path: shown },
            Some(ReadOnly) => ArchiveError::ReadOnly { path: shown },
            Some(CannotOpen) if !path.parent().is_some_and(Path::is_dir) => ArchiveError::Missing { path: shown },
            // SQLite says only that it cannot open the file: a name longer than any file system
            // takes (255 bytes, or UTF-16 units on Windows) is the cause, not a locked stick.
            Some(CannotOpen) if name_too_long(path) => ArchiveError::NameTooLong { path: shown },
            Some(CannotOpen) => ArchiveError::ReadOnly { path: shown },
            _ => ArchiveError::Io { path: shown, source: std::io::Error::other(e.to_string()) },
        }
    }

    /// Whether this is the user's situation to fix (exit 2) rather than a fault (exit 1).
    pub fn is_refusal(&self) -> bool {
        match self {
            ArchiveError::Store(e) => e.is_refusal(),
            _ => true,
        }
    }
}

/// Whether the last part of `path` is longer than file systems take (255 bytes on Unix, 255
/// UTF-16 units on Windows).
fn name_too_long(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name.len() > 255 || name.to_string_lossy().encode_utf16().count() > 255)
}
