//! What can go wrong with the register, each said in one sentence naming the file (and for an
//! import, every bad row with its number). The words are `crate::lang`'s (`vi::register_error`,
//! `en::register_error`): the command line prints the Vietnamese (`Display`), the window the
//! chosen language (`Say`).

use crate::store::StoreError;
use std::sync::Arc;

pub type Result<T> = std::result::Result<T, RegisterError>;

/// What is wrong with one cell of an imported row (or with the header), typed so that each
/// language words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowFault {
    /// No row among the first ten has a product column.
    NoHeader,
    /// A required column (stars, decision date) is missing from the header.
    MissingColumn,
    NoProduct,
    /// Stars read, but outside 3–5 (the register holds recognised products only).
    StarsOutOfRange(u8),
    /// The text is not a way of writing stars.
    NotStars(String),
    /// A date that does not exist (31/4/2023).
    NoSuchDay(String),
    NoDate,
    NotADate(String),
    /// Two header cells name this column (1-based positions): which one the office means is not
    /// for us to guess (an old and a new "Hạng sao" side by side).
    DuplicateColumn(usize, usize),
    /// A day outside the years an OCOP decision can bear (a year "2023" or a count read as a
    /// spreadsheet serial: 15/7/1905).
    DateOutOfRange(String),
    /// A cell longer than any name or note (`import::CELL_CHARS`): its length in characters.
    TooLong(usize),
    /// This row and an earlier one (its number) give the same product of the same producer on the
    /// same decision date but differ in this column (the earlier row's value, then this row's):
    /// which one the register takes is not for the rows' order to decide.
    Conflicting(usize, String, String),
    /// "Hiệu lực đến" on or before the decision's own date (valid until, decided): a certificate
    /// that never stood.
    ValidNotAfterDecision(crate::domain::Date, crate::domain::Date),
}

/// How many bad rows a refusal names; the others are counted ("… và 12 dòng sai nữa"), so that a file
/// of 100,000 bad rows gives one readable sentence, not megabytes.
pub const NAMED_ROWS: usize = 20;

/// The problems of the first `NAMED_ROWS` bad rows, how many rows are bad, and how many of them are
/// not named. `problems` come in row order (each row's problems together).
pub fn named_rows(problems: &[RowProblem]) -> (&[RowProblem], usize, usize) {
    let mut rows = 0;
    let mut shown = problems.len();
    for (i, p) in problems.iter().enumerate() {
        if i == 0 || problems[i - 1].row != p.row {
            rows += 1;
            if rows == NAMED_ROWS + 1 {
                shown = i;
            }
        }
    }
    (&problems[..shown], rows, rows.saturating_sub(NAMED_ROWS))
}

/// One row an import refuses: its number as the spreadsheet shows it, the column, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    /// The column's name as the office's spreadsheets write it ("Hạng sao"), in both languages.
    pub column: &'static str,
    pub problem: RowFault,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::lang::vi::row_problem(self))
    }
}

#[derive(Clone, Debug)]
pub enum RegisterError {
    NotARegister {
        path: String,
    },
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    Io {
        path: String,
        source: Arc<std::io::Error>,
    },
    Sqlite {
        path: String,
        source: Arc<rusqlite::Error>,
    },
    NotLocked {
        path: String,
    },
    NoDecision {
        path: String,
    },
    /// The session file does not pass `verify` (its content, lock row, decision or attachments were
    /// changed outside the app): nothing of it enters the register or goes on a certificate.
    NotIntact {
        path: String,
        report: Box<crate::archive::VerifyReport>,
    },
    UnknownProduct {
        product: String,
        producer: String,
    },
    /// A product name that several producers' products share: `--producer` chooses.
    AmbiguousProduct {
        product: String,
        producers: Vec<String>,
    },
    ReasonRequired,
    BadRows {
        file: String,
        problems: Vec<RowProblem>,
    },
    /// Not a spreadsheet or CSV by its extension.
    WrongFormat {
        file: String,
    },
    /// The table could not be read.
    Table {
        file: String,
        problem: crate::table::Problem,
    },
    /// The office's certificate texts file is not valid JSON of the expected shape.
    CertificateTexts {
        file: String,
        problem: String,
    },
    /// The documents could not be made (fonts).
    Documents {
        problem: String,
    },
    /// The session file could not be read.
    Store(StoreError),
    /// A re-rating session was asked for a day on which nothing is due.
    NothingDue {
        day: crate::domain::Date,
    },
    UnknownRuleset {
        id: String,
        known: Vec<String>,
    },
    /// The register's rows break what the app writes (edited outside it): a refusal naming the file,
    /// not an internal error.
    Damaged {
        path: String,
        problem: String,
    },
    /// The register's path is a symlink to a file that is not there (a drive not connected): no new
    /// register is made behind it.
    BrokenLink {
        path: String,
        target: String,
    },
    /// The register's schema is not the one the app makes (a trigger dropped, a CHECK changed or an
    /// object added with a SQLite tool): the first object that differs, and how.
    Altered {
        path: String,
        change: SchemaChange,
        kind: ObjectKind,
        name: String,
    },
}

/// How an object of the register's schema differs from the app's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaChange {
    /// The app makes it; the file has none.
    Missing,
    /// The file has it under its name, made otherwise.
    Changed,
    /// The file has it; the app makes none.
    Unexpected,
}

/// What kind of schema object (sqlite_schema's `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    Table,
    Index,
    Trigger,
    View,
}

impl ObjectKind {
    pub fn of(kind: &str) -> ObjectKind {
        match kind {
            "table" => ObjectKind::Table,
            "index" => ObjectKind::Index,
            "trigger" => ObjectKind::Trigger,
            _ => ObjectKind::View,
        }
    }
}

impl std::fmt::Display for RegisterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::lang::vi::register_error(self))
    }
}

impl std::error::Error for RegisterError {}

impl From<StoreError> for RegisterError {
    fn from(e: StoreError) -> RegisterError {
        RegisterError::Store(e)
    }
}

impl RegisterError {
    pub fn io(path: &str, source: std::io::Error) -> RegisterError {
        RegisterError::Io { path: path.to_string(), source: Arc::new(source) }
    }

    /// A database error, told as what it means for the office: a register that cannot be written
    /// (a read-only file or drive) or one whose rows were changed outside the app is bad input
    /// (exit 2), not our fault.
    pub fn sqlite(path: &str, source: rusqlite::Error) -> RegisterError {
        use rusqlite::Error as E;
        use rusqlite::ErrorCode::*;
        let path = path.to_string();
        match &source {
            E::SqliteFailure(f, _) if f.code == ReadOnly => {
                RegisterError::io(&path, std::io::Error::from(std::io::ErrorKind::PermissionDenied))
            }
            E::SqliteFailure(f, _) if matches!(f.code, DatabaseCorrupt | NotADatabase) => {
                RegisterError::Damaged { path, problem: source.to_string() }
            }
            E::FromSqlConversionFailure(..) | E::InvalidColumnType(..) | E::IntegralValueOutOfRange(..) => {
                RegisterError::Damaged { path, problem: source.to_string() }
            }
            _ => RegisterError::Sqlite { path, source: Arc::new(source) },
        }
    }

    /// Bad input or a refused action (exit 2), not our fault (exit 1).
    pub fn is_refusal(&self) -> bool {
        match self {
            RegisterError::Sqlite { .. } | RegisterError::Documents { .. } => false,
            RegisterError::Store(e) => e.is_refusal(),
            _ => true,
        }
    }
}
