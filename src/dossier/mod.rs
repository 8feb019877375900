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

/// One finding, with its place: "danh-sach.csv, dòng 4, cột «Bộ sản phẩm»: …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<&'static str>,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ", dòng {r}")?;
        }
        if let Some(c) = self.column {
            write!(f, ", cột «{c}»")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What an import would do. Applied only when `errors` is empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    pub add: Vec<Dossier>,
    pub update: Vec<Dossier>,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl Preview {
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("Thêm {} hồ sơ, cập nhật {} hồ sơ.", self.add.len(), self.update.len())];
        out.extend(self.warnings.iter().map(|w| format!("Lưu ý — {w}")));
        out.extend(self.errors.iter().map(|e| format!("Lỗi — {e}")));
        out
    }
}

/// Plans the import of a list file (CSV, a spreadsheet, or a JSON array of dossiers).
pub fn plan_file(path: &Path, existing: &[Dossier], criteria: &CriteriaSet) -> Preview {
    let file = path.display().to_string();
    let fail = |message: String| Preview {
        errors: vec![Finding { file: file.clone(), row: None, column: None, message }],
        ..Preview::default()
    };
    let rows = match (Format::of(path), table::extension(path).as_str()) {
        (Some(format), _) => table::read(path, format).map_err(|TableError { problem, .. }| problem.to_string()),
        (None, "json") => table::read_text(path).map_err(|e| e.to_string()).and_then(|text| json::json_rows(&text)),
        // An unreadable file says so before its kind is judged.
        (None, _) => match std::fs::File::open(path).and_then(|mut f| f.read(&mut [0u8; 1])) {
            Err(e) => Err(table::Problem::from(e).to_string()),
            Ok(_) => Err("không nhận dạng được loại tệp (cần .xlsx, .ods, .csv hoặc .json)".into()),
        },
    };
    match rows {
        Ok(rows) => plan_rows(&file, &rows, existing, criteria),
        Err(message) => fail(message),
    }
}
