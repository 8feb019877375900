//! What can go wrong with a session file, as variants a caller can act on. Errors are `Clone` (the
//! io and SQLite causes are shared), so a screen's message can carry a `Result`.

use std::sync::Arc;

/// Which action needs a reason written down before it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedsReason {
    Eliminate,
    NewRound,
    Resolution,
    Reopen,
    /// Discarding a dossier's score sheets (its criteria sheet changed).
    DiscardSheets,
    /// Reopening a submitted score sheet for a correction.
    ReopenSheet,
}

/// Its `Display` is the Vietnamese sentence (`crate::lang::vi`); `crate::lang::Say` gives either language.
#[derive(Clone, Debug)]
pub enum StoreError {
    NotFound {
        path: String,
    },
    InUse {
        path: String,
    },
    Exists {
        path: String,
    },
    NotASession {
        path: String,
    },
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    NeedsUpgrade {
        path: String,
        found: i64,
    },
    /// The schema version in the header disagrees with the tables the file holds (set by hand?).
    SchemaMismatch {
        path: String,
        found: i64,
    },
    Corrupt {
        path: String,
        problem: Damage,
    },
    Locked {
        at: String,
    },
    NotLocked,
    NotFinalizable {
        blockers: Vec<crate::domain::Blocker>,
    },
    UnknownDossier {
        code: String,
    },
    UnknownMember {
        id: String,
    },
    UnknownSheet {
        sheet: u32,
    },
    UnknownCriterion {
        sheet: u32,
        criterion: String,
    },
    UnknownOption {
        criterion: String,
        option: u8,
        count: usize,
    },
    IncompleteSheet {
        dossier: String,
        member: String,
        missing: Vec<String>,
    },
    DamagedSheet {
        dossier: String,
        member: String,
    },
    /// The sheet's state does not allow this step (a submitted sheet refuses changes until it is
    /// reopened with a reason; only a submitted sheet is checked or reopened).
    SheetStepRefused {
        dossier: String,
        member: String,
        round: u32,
        from: crate::domain::sheet_status::SheetStatus,
        step: crate::domain::sheet_status::SheetStep,
    },
    /// A `score` that names no choice and no comment.
    NoChoices {
        dossier: String,
    },
    /// The member has no sheet for this dossier's current round.
    NoSheet {
        dossier: String,
        member: String,
        round: u32,
    },
    Eliminated {
        code: String,
        reason: String,
    },
    NotAScorer {
        id: String,
    },
    Absent {
        id: String,
    },
    Recused {
        dossier: String,
        member: String,
    },
    /// A member's device link is bound to a device already (or not issued): the secretary revokes first.
    DeviceBound {
        member: String,
    },
    DossierNeedsNames,
    /// A dossier added by hand needs a code, and one no other dossier has.
    DossierNeedsCode,
    DossierExists {
        code: String,
    },
    ReasonRequired(NeedsReason),
    AlreadyResolved {
        dossier: String,
        round: u32,
    },
    /// Changing these dossiers' criteria sheet would invalidate their score sheets (code, how
    /// many): refused unless the sheets are discarded on purpose, with a reason.
    SheetsWouldBeDiscarded {
        dossiers: Vec<(String, usize)>,
    },
    /// An import with errors adds nothing; the first error is kept as data, so the window says
    /// it in its own language.
    ImportHasErrors {
        first: Box<crate::dossier::Finding>,
    },
    ChangedWhileImporting {
        path: String,
    },
    /// A file to attach is a FIFO, a socket or a device (it would hang or never end), not a file.
    NotAFile {
        path: String,
    },
    Io {
        path: String,
        source: Arc<std::io::Error>,
    },
    Sqlite {
        path: String,
        source: Arc<rusqlite::Error>,
    },
    /// A member with this id is on the council already.
    MemberExists {
        id: String,
    },
    MemberNeedsName,
    /// The council has a chair already (`id`); a second is refused.
    SecondChair {
        id: String,
    },
    /// The member has score sheets: removing them (or making them a non-scoring member) would lose them.
    MemberHasSheets {
        id: String,
        sheets: usize,
    },
    /// The member chairs the meeting or keeps its minutes (the meeting facts name them).
    MemberLeadsMeeting {
        id: String,
    },
    /// A text holding a control or bidi character (`Problem::ForbiddenChar`), with the path of the
    /// field as the exchange format names it: refused as the exchange reader refuses it, so every
    /// session can be exported and read back.
    BadText(Box<crate::domain::session::Invalid>),
    /// Another round would pass `domain::session::MAX_ROUND`.
    TooManyRounds {
        dossier: String,
        max: u32,
    },
}

/// What is damaged in a session file, as data: `crate::lang` says it in either language; `Display`
/// is the Vietnamese the command line prints. Quoted values are already cut to an excerpt.
#[derive(Clone, Debug, PartialEq)]
pub enum Damage {
    /// SQLite itself finds the file damaged (its own words, English).
    Database(String),
    /// The saved copy of the criteria set or the ruleset ("criteria", "ruleset") is missing.
    MissingSnapshot(&'static str),
    /// The session row is missing.
    MissingSession,
    MeetingDate(crate::domain::date::DateError),
    /// The opening (or, when `closed`, the closing) time of the meeting.
    MeetingTime {
        closed: bool,
        error: crate::domain::facts::TimeError,
    },
    /// A signing capacity that is none of ours.
    Capacity(String),
    /// A stored word (a role, a status) that is none of ours.
    UnknownWord(String),
    /// A stored value SQLite could not convert (its own words, English).
    Value(String),
    /// A dossier's round outside 1..=`MAX_ROUND`.
    Round {
        dossier: String,
        round: u32,
    },
    /// A sheet whose choices cannot be read.
    Choices {
        member: String,
        dossier: String,
        round: u32,
    },
    /// The session's saved criteria set cannot be used.
    Criteria(crate::domain::CriteriaError),
    /// The session's saved ruleset cannot be used.
    Ruleset(crate::domain::RulesetError),
    /// An attachment's content (its SHA-256) is missing.
    MissingAttachment(String),
    /// An audit row of an older version whose action is none of ours (found while upgrading).
    AuditAction {
        row: i64,
        action: String,
    },
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::lang::vi::damage(self))
    }
}

impl std::error::Error for Damage {}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::lang::vi::store_error(self))
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source.as_ref()),
            StoreError::Sqlite { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl StoreError {
    pub fn io(path: impl std::fmt::Display, source: std::io::Error) -> StoreError {
        let path = path.to_string();
        let source = name_too_long_if_not_found(&path, source);
        StoreError::Io { path, source: Arc::new(source) }
    }

    /// A database error, told apart: a damaged file is the user's problem to solve from a backup
    /// (exit 2), anything else is ours (exit 1).
    pub(crate) fn sqlite(path: &str, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{DatabaseCorrupt, DiskFull, NotADatabase, ReadOnly};
        // What a step of ours found damaged, carried through rusqlite as its cause.
        let source = match source {
            rusqlite::Error::ToSqlConversionFailure(cause) => match cause.downcast::<Damage>() {
                Ok(damage) => return StoreError::Corrupt { path: path.to_string(), problem: *damage },
                Err(cause) => rusqlite::Error::ToSqlConversionFailure(cause),
            },
            rusqlite::Error::FromSqlConversionFailure(column, kind, cause) => match cause.downcast::<Damage>() {
                Ok(damage) => return StoreError::Corrupt { path: path.to_string(), problem: *damage },
                Err(cause) => rusqlite::Error::FromSqlConversionFailure(column, kind, cause),
            },
            other => other,
        };
        match source.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => {
                StoreError::Corrupt { path: path.to_string(), problem: Damage::Database(source.to_string()) }
            }
            // The disk, not the program: said as the operating system's error would be.
            Some(DiskFull) => StoreError::io(path, std::io::Error::new(std::io::ErrorKind::StorageFull, source)),
            Some(ReadOnly) => StoreError::io(path, std::io::Error::new(std::io::ErrorKind::ReadOnlyFilesystem, source)),
            _ => StoreError::Sqlite { path: path.to_string(), source: Arc::new(source) },
        }
    }

    /// Whether this is the user's input or a refused action (exit 2) rather than a fault (exit 1).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, StoreError::Sqlite { .. })
    }

    /// Whether an action on an open session was refused by the rules (not a problem with the file
    /// itself): the command line names the file before such a sentence.
    pub fn is_rule_refusal(&self) -> bool {
        use StoreError::*;
        !matches!(
            self,
            NotFound { .. }
                | InUse { .. }
                | Exists { .. }
                | NotASession { .. }
                | TooNew { .. }
                | NeedsUpgrade { .. }
                | SchemaMismatch { .. }
                | Corrupt { .. }
                | Io { .. }
                | Sqlite { .. }
                | ChangedWhileImporting { .. }
                | NotAFile { .. }
        )
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A name longer than any file system takes (255 UTF-16 units) cannot exist: Windows (and Wine)
/// may say "not found" for it, which would send the secretary looking for a file. Told as a bad name.
pub(crate) fn name_too_long_if_not_found(path: &str, e: std::io::Error) -> std::io::Error {
    let last = path.rsplit(['/', '\\']).next().unwrap_or("");
    if e.kind() == std::io::ErrorKind::NotFound && last.encode_utf16().count() > 255 {
        std::io::Error::new(std::io::ErrorKind::InvalidFilename, e)
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damage_carried_by_a_conversion_error_is_a_damaged_file() {
        let word = Box::new(Damage::UnknownWord("lạ".into()));
        let from = rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, word);
        let e = StoreError::sqlite("a.ocop", from);
        assert!(matches!(&e, StoreError::Corrupt { problem: Damage::UnknownWord(w), .. } if w == "lạ"), "{e:?}");
        let to = rusqlite::Error::ToSqlConversionFailure(Box::new(Damage::MissingSession));
        let e = StoreError::sqlite("a.ocop", to);
        assert!(matches!(&e, StoreError::Corrupt { problem: Damage::MissingSession, .. }), "{e:?}");
        assert!(e.is_refusal(), "a damaged file is the user's to solve (exit 2)");
        // Any other cause stays SQLite's.
        let other = rusqlite::Error::ToSqlConversionFailure("no".into());
        assert!(matches!(StoreError::sqlite("a.ocop", other), StoreError::Sqlite { .. }));
    }
}
