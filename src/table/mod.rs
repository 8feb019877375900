//! Tables as offices hand them over: a CSV (or tab-separated text) list or the first worksheet of a
//! workbook (XLSX, XLS, ODS), read into rows of text cells. Both the dossier lists and the criteria
//! spreadsheets come through here, so a file is decoded, and refused, the same way wherever it is
//! imported; each refusal is a `Problem` a caller can match and that names the file when shown.

mod delimited;
mod guard;
mod workbook;

pub use delimited::{decode, parse_delimited, to_csv};

use std::path::Path;
use std::sync::Arc;

/// Rows of cells, top to bottom, as text: a row's position is its line in the sheet (index + 1).
pub type Rows = Vec<Vec<String>>;

/// How a table file is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text with separated cells: .csv, .txt, .tsv.
    Delimited,
    /// A spreadsheet workbook: .xlsx, .xlsm, .xls, .ods.
    Workbook,
}

impl Format {
    /// The format a file's extension names, if it is a table.
    pub fn of(path: &Path) -> Option<Format> {
        match extension(path).as_str() {
            "csv" | "txt" | "tsv" => Some(Format::Delimited),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(Format::Workbook),
            _ => None,
        }
    }
}

/// A file's extension in lower case ("" when it has none).
pub fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Why a file cannot be read as a table. Its words are `crate::lang`'s (`Say`); `Display` is the
/// Vietnamese the command line prints.
#[derive(Clone, Debug)]
pub enum Problem {
    Unreadable(Arc<std::io::Error>),
    Empty,
    BrokenUtf8,
    BrokenUtf16,
    /// Neither UTF-8 nor UTF-16: most likely Windows-1258 or CP1252, whose Vietnamese would be garbled.
    LegacyCodePage,
    PasswordProtected,
    /// Not a workbook calamine can open: damaged, or copied only in part; the text is calamine's.
    Damaged(String),
    FirstSheetUnreadable(String),
    NoWorksheet,
    /// The zip declares more parts than any workbook has (`MAX_PARTS`): refused before any index is built.
    TooManyParts {
        count: u64,
    },
    /// A part (or all of them together) would inflate beyond what a table can need.
    PartTooLarge {
        part: String,
        bytes: u64,
        limit: u64,
    },
    /// Compressed more than `MAX_RATIO` times.
    PartTooCompressed {
        part: String,
        ratio: u64,
    },
    PartSizeLies {
        part: String,
        declared: u64,
    },
    /// More shared strings than `MAX_SHARED_STRINGS`.
    TooManyStrings {
        declared: String,
    },
    BadSharedString {
        part: String,
        cell: String,
        index: String,
        strings: u64,
    },
    /// The first sheet's used cells span more than `MAX_CELLS` (e.g. A1 to XFD1048576).
    SheetTooLarge {
        from: String,
        to: String,
        cells: u64,
    },
}

pub use guard::{MAX_PARTS, MAX_RATIO, MAX_SHARED_STRINGS};
pub use workbook::MAX_CELLS;

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::lang::vi::table_problem(self))
    }
}

impl std::error::Error for Problem {}

impl From<std::io::Error> for Problem {
    fn from(e: std::io::Error) -> Problem {
        Problem::Unreadable(Arc::new(e))
    }
}

/// A `Problem` with the file it is about: "danh-sach.csv: tệp trống".
#[derive(Clone, Debug, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct TableError {
    pub file: String,
    pub problem: Problem,
}

/// The rows of the table in `path`, read as `format`.
pub fn read(path: &Path, format: Format) -> Result<Rows, TableError> {
    let rows = match format {
        Format::Delimited => read_text(path).map(|text| parse_delimited(&text)),
        Format::Workbook => workbook::rows(path),
    };
    rows.map_err(|problem| TableError { file: path.display().to_string(), problem })
}

/// The text of a file in UTF-8 (with or without BOM) or UTF-16, or why it is not such text.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    decode(&std::fs::read(path)?)
}
