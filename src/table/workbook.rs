//! Workbooks (XLSX, XLS, ODS) through calamine: the first worksheet's cells as text. A
//! password-protected workbook and a damaged or half-copied file get problems saying so.

use super::{Problem, Rows, extension};
use calamine::{Data, Reader, open_workbook_auto};
use std::io::Read;
use std::path::Path;

/// Encrypted OOXML workbooks are OLE compound files, not zip archives: this is their signature.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers as whole numbers: a sheet number typed 3 must not become "3.0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The first bytes of the file, enough to tell an OLE container from a zip archive.
fn head(path: &Path) -> Result<Vec<u8>, Problem> {
    let mut head = Vec::with_capacity(OLE.len());
    std::fs::File::open(path)?.take(OLE.len() as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// The rows of the first worksheet, or why the file cannot be read.
pub fn rows(path: &Path) -> Result<Rows, Problem> {
    let head = head(path)?;
    if head.is_empty() {
        return Err(Problem::Empty);
    }
    // An .xls is an OLE file itself; any other workbook in one is an encrypted OOXML.
    if head == OLE && extension(path) != "xls" {
        return Err(Problem::PasswordProtected);
    }
    let mut book = open_workbook_auto(path).map_err(|e| Problem::Damaged(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(Problem::FirstSheetUnreadable(e.to_string())),
        None => return Err(Problem::NoWorksheet),
    };
    Ok(range.rows().map(|r| r.iter().map(cell_text).collect()).collect())
}
