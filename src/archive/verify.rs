//! Verify a session file without writing to it: SQLite's integrity check, the schema version, the
//! lock, the fingerprint recomputed from the content (and compared with the one stored at lock time
//! and with one typed from the signed paper), and the archive checksum file when one is beside it;
//! then every attachment's bytes and the lock row against the audit trail (`checks`).

use super::checks::{AttachmentProblem, LockProblem, check_attachments, check_decision_row, check_lock_row};
use super::copy::checksum_path;
use crate::store::{LockInfo, Store, StoreError};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
pub struct VerifyReport {
    pub path: PathBuf,
    /// "ok", or what SQLite found wrong.
    pub integrity: String,
    pub schema_version: i64,
    pub lock: Option<LockInfo>,
    /// Recomputed from the content now.
    pub fingerprint: String,
    /// Locked files: whether the content still gives the fingerprint recorded when it was locked.
    pub matches_lock: Option<bool>,
    /// When a fingerprint was typed from the paper: whether it matches.
    pub matches_typed: Option<bool>,
    /// When a `.sha256` file is beside it: whether the file's bytes still match it.
    pub matches_checksum: Option<bool>,
    /// Attachments whose bytes are not those attached, or missing (empty when all are intact).
    pub attachments: Vec<AttachmentProblem>,
    /// What is wrong with the lock row, against the audit trail and the paper (empty when nothing).
    pub lock_problems: Vec<LockProblem>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.integrity == "ok"
            && self.matches_lock != Some(false)
            && self.matches_typed != Some(false)
            && self.matches_checksum != Some(false)
            && self.attachments.is_empty()
            && self.lock_problems.is_empty()
    }

    /// The report in Vietnamese, one finding per line, as the command line prints it.
    pub fn lines(&self) -> Vec<String> {
        self.lines_in(crate::lang::Lang::Vi)
    }

    /// The report in `lang`, one finding per line (`crate::lang` words it).
    pub fn lines_in(&self, lang: crate::lang::Lang) -> Vec<String> {
        crate::lang::verify_lines(self, lang)
    }
}

/// A text typed as a fingerprint that is not one (an excerpt of it). `crate::lang::Say` words it
/// in either language; `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAFingerprint(pub String);

impl std::error::Error for NotAFingerprint {}

/// A fingerprint typed from paper, as hex digits only: "1A2B-3C4D 5e6f…" → "1a2b3c4d5e6f…".
/// At least the 16 digits printed on documents; refuses anything that is not hex.
pub fn normalise_typed(typed: &str) -> Result<String, NotAFingerprint> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_lowercase();
    if digits.len() < 16 || digits.len() > 64 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(NotAFingerprint(crate::domain::session::excerpt(typed)));
    }
    Ok(digits)
}

/// Through the store's descriptor of the file: closing a descriptor of a file this process has
/// open in SQLite (a window verifying its own session) would drop SQLite's locks on it.
fn file_sha256(path: &Path) -> std::io::Result<String> {
    crate::store::read_file(path, |file| crate::domain::fingerprint::sha256_read(file, &mut |_| Ok(())))
}

/// The first hex word of a `sha256sum` line that names `file`.
fn expected_checksum(sums: &Path, file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(sums).ok()?;
    let name = file.file_name()?.to_string_lossy().into_owned();
    text.lines().find_map(|l| {
        let (sum, rest) = l.split_once(char::is_whitespace)?;
        (rest.trim_start_matches([' ', '*']) == name).then(|| sum.to_lowercase())
    })
}

/// Verifies `path`; `typed` is a fingerprint read from the signed paper, already normalised.
/// A file that cannot even be read as a session gives the store's error.
pub fn verify(path: &Path, typed: Option<&str>) -> Result<VerifyReport, StoreError> {
    let sums = checksum_path(path);
    let matches_checksum = if sums.is_file() {
        let actual = file_sha256(path).map_err(|source| StoreError::io(path.display(), source))?;
        // An archive is written whole, without a log: a log with content beside it is a change
        // made after archiving, even though the file's own bytes still match.
        Some(expected_checksum(&sums, path).is_some_and(|e| e == actual) && !crate::store::has_pending_log(path))
    } else {
        None
    };
    // As SQLite would recover it (its write-ahead log applied), so the verdict is about what
    // `results` shows; nothing is written beside the file.
    let store = Store::open_read_only(path)?;
    let conn = store.connection();
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(0);
    // integrity_check reports problems as rows; several rows mean several problems.
    let integrity = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>())
        .map(|rows| rows.join("; "))
        .unwrap_or_else(|e| e.to_string());
    if integrity != "ok" {
        return Ok(VerifyReport {
            path: path.to_path_buf(),
            integrity,
            schema_version,
            lock: None,
            fingerprint: String::new(),
            matches_lock: None,
            matches_typed: typed.map(|_| false),
            matches_checksum,
            attachments: Vec::new(),
            lock_problems: Vec::new(),
        });
    }
    let lock = store.lock_info()?;
    let fingerprint = store.fingerprint()?;
    let (attachments, lock_problems) = check_record(&store, lock.as_ref(), typed.is_some())?;
    Ok(VerifyReport {
        attachments,
        lock_problems,
        path: path.to_path_buf(),
        integrity,
        schema_version,
        matches_lock: lock.as_ref().map(|l| l.fingerprint == fingerprint),
        matches_typed: typed.map(|t| fingerprint.starts_with(t)),
        lock,
        fingerprint,
        matches_checksum,
    })
}

/// The checks of what the fingerprint alone cannot see: the attachments' bytes and the lock row.
fn check_record(
    store: &Store,
    lock: Option<&LockInfo>,
    typed: bool,
) -> Result<(Vec<AttachmentProblem>, Vec<LockProblem>), StoreError> {
    let conn = store.connection();
    let shown = store.path().display().to_string();
    let attachments = check_attachments(conn).map_err(|e| StoreError::sqlite(&shown, e))?;
    let mut lock_problems = check_lock_row(conn, lock, typed).map_err(|e| StoreError::sqlite(&shown, e))?;
    lock_problems.extend(check_decision_row(conn).map_err(|e| StoreError::sqlite(&shown, e))?);
    Ok((attachments, lock_problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fingerprints_are_normalised_or_refused() {
        assert_eq!(normalise_typed("1A2B-3C4D 5e6f-7A8B").unwrap(), "1a2b3c4d5e6f7a8b");
        assert!(normalise_typed("1a2b-3c4d").unwrap_err().to_string().contains("16 chữ số"));
        assert!(normalise_typed("1a2b-3c4d-5e6f-7a8g").is_err());
    }
}
