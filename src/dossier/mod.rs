//! Importing the registered dossiers (design §8): a list (CSV, or a JSON array in the exchange
//! format's shape) becomes a preview — what will be added, updated and refused, with warnings and
//! errors by file, row and column — which is then applied in one transaction, or not at all.
//! Lists come as spreadsheets (XLSX, XLS, ODS), CSV or JSON.

mod columns;
mod folder;
mod json;
mod list;
mod words;

pub use columns::Field;
pub use folder::{DEFAULT_LIMIT, FileItem, FolderPlan, plan_folder};
pub use list::plan_rows;

use crate::domain::criteria::CriteriaSet;
use crate::domain::session::Dossier;
use crate::table::{self, Format, TableError};
use std::io::Read;
use std::path::Path;

/// One finding, with its place: "danh-sach.csv, dòng 4, cột «Bộ sản phẩm»: …". Its words are
/// `crate::lang`'s (`Say`); `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<Field>,
    pub note: Note,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::lang::vi::finding(self))
    }
}

/// What a finding says, as data (`crate::lang` words it in each language).
#[derive(Clone, Debug)]
pub enum Note {
    // A list's rows.
    EmptyList,
    NoHeader,
    UnusedColumn(String),
    MissingColumn,
    MissingProduct,
    MissingProducer,
    /// The cell's text names no criteria sheet.
    UnknownSheet(String),
    /// The cell is a number but not a whole one written as such ("-1", "1.9").
    SheetNotWhole(String),
    BadSelfScore(String),
    /// A control or bidi character (its code point) in a cell, as the exchange format refuses it.
    ForbiddenChar(u32),
    UnknownEntity(String),
    UnknownKind(String),
    /// The same code as on an earlier line.
    DuplicateCode {
        code: String,
        first: usize,
    },
    // A list file.
    Table(table::Problem),
    UnknownFileType,
    /// serde_json's words for a syntax error.
    JsonSyntax(String),
    JsonNotArray,
    JsonNotObject(usize),
    JsonUnknownField {
        item: usize,
        field: String,
    },
    // A folder of dossier folders.
    RootIsLink,
    NotAFolder,
    /// A path the system would not read (the error is the system's).
    Unreadable(std::sync::Arc<std::io::Error>),
    /// A path too deep or too long for the system to open.
    PathTooLong,
    LinkRefused,
    LooseFile,
    UnmatchedFolder,
    /// A second folder matches a dossier that `first` (a folder name) matched already.
    SameDossier {
        code: String,
        first: String,
    },
    NoFolder {
        code: String,
        product: String,
    },
    /// A file whose name, once folded, is that of an `earlier` file of the same dossier.
    SameName {
        name: String,
        earlier: String,
        code: String,
    },
    TooDeep {
        max: usize,
    },
    LinkOrOutside,
    NotRegular,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// A name that is not Unicode, stored as `name` (with "�").
    Undecodable {
        name: String,
    },
}

/// Two notes are equal when they say the same: the system's errors inside have no equality of their own.
impl PartialEq for Note {
    fn eq(&self, other: &Note) -> bool {
        format!("{self:?}") == format!("{other:?}")
    }
}

impl Eq for Note {}

/// What an import would do. Applied only when `errors` is empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    pub add: Vec<Dossier>,
    pub update: Vec<Dossier>,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl Preview {
    /// The preview in Vietnamese, as the command line prints it.
    pub fn lines(&self) -> Vec<String> {
        self.lines_in(crate::lang::Lang::Vi)
    }

    /// The preview in `lang`: what it adds and updates, then each warning and error.
    pub fn lines_in(&self, lang: crate::lang::Lang) -> Vec<String> {
        let summary = crate::lang::ImportSummary::List { add: self.add.len(), update: self.update.len() };
        crate::lang::finding_lines(&summary, &self.warnings, &self.errors, lang)
    }
}

/// Plans the import of a list file (CSV, a spreadsheet, or a JSON array of dossiers).
pub fn plan_file(path: &Path, existing: &[Dossier], criteria: &CriteriaSet) -> Preview {
    let file = path.display().to_string();
    let fail = |note: Note| Preview {
        errors: vec![Finding { file: file.clone(), row: None, column: None, note }],
        ..Preview::default()
    };
    let rows = match (Format::of(path), table::extension(path).as_str()) {
        (Some(format), _) => table::read(path, format).map_err(|TableError { problem, .. }| Note::Table(problem)),
        (None, "json") => table::read_text(path).map_err(Note::Table).and_then(|text| json::json_rows(&text)),
        // An unreadable file says so before its kind is judged.
        (None, _) => match std::fs::File::open(path).and_then(|mut f| f.read(&mut [0u8; 1])) {
            Err(e) => Err(Note::Table(table::Problem::from(e))),
            Ok(_) => Err(Note::UnknownFileType),
        },
    };
    match rows {
        Ok(rows) => plan_rows(&file, &rows, existing, criteria),
        Err(note) => fail(note),
    }
}
