//! Workbooks (XLSX, XLS, ODS) through calamine: the first worksheet's cells as text. A
//! password-protected workbook and a damaged or half-copied file get problems saying so. A zip
//! workbook is checked by `guard` before calamine opens it, and an XLSX sheet is streamed cell by
//! cell, its span bounded before any grid is allocated (calamine's own range would allocate the
//! whole bounding box: 17 billion cells for one value at XFD1048576).

use super::{Problem, Rows, extension, guard};
use calamine::{Data, Reader, Sheets, Xlsx, open_workbook_auto};
use std::io::{Read, Seek};
use std::path::Path;

/// The most cells the first sheet's used span (rows × columns) may hold: a province's dossier list
/// is a few thousand rows of twenty columns.
pub const MAX_CELLS: u64 = 1_000_000;

/// The zip signature: XLSX, XLSM and ODS files are zip archives.
const ZIP: [u8; 4] = [0x50, 0x4b, 0x03, 0x04];

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
    if head.starts_with(&ZIP) {
        guard::check(path)?;
    }
    let mut book = open_workbook_auto(path).map_err(|e| Problem::Damaged(e.to_string()))?;
    if let Sheets::Xlsx(xlsx) = &mut book {
        return xlsx_rows(xlsx);
    }
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(Problem::FirstSheetUnreadable(e.to_string())),
        None => return Err(Problem::NoWorksheet),
    };
    Ok(range.rows().map(|r| r.iter().map(cell_text).collect()).collect())
}

/// "A1" for row 0, column 0.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The used span of a sheet so far: first and last row and column of a non-empty cell.
#[derive(Clone, Copy)]
struct Span {
    rows: (u32, u32),
    cols: (u32, u32),
}

impl Span {
    fn with(self, (row, col): (u32, u32)) -> Span {
        Span { rows: (self.rows.0.min(row), self.rows.1.max(row)), cols: (self.cols.0.min(col), self.cols.1.max(col)) }
    }

    fn cells(self) -> u64 {
        (u64::from(self.rows.1 - self.rows.0) + 1) * (u64::from(self.cols.1 - self.cols.0) + 1)
    }
}

/// The first worksheet of an XLSX, read cell by cell: the same rows calamine's range gives (from the
/// first used row and column to the last), refused as soon as that span would pass `MAX_CELLS`.
fn xlsx_rows<RS: Read + Seek>(book: &mut Xlsx<RS>) -> Result<Rows, Problem> {
    let Some(name) = book.sheet_names().first().cloned() else { return Err(Problem::NoWorksheet) };
    let unreadable =
        |e: calamine::XlsxError| Problem::FirstSheetUnreadable(crate::domain::session::excerpt(&e.to_string()));
    let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut span: Option<Span> = None;
    let mut cells: Vec<((u32, u32), String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let at = cell.get_position();
        let grown = span.map_or(Span { rows: (at.0, at.0), cols: (at.1, at.1) }, |s| s.with(at));
        if grown.cells() > MAX_CELLS {
            return Err(Problem::SheetTooLarge {
                from: cell_name(grown.rows.0, grown.cols.0),
                to: cell_name(grown.rows.1, grown.cols.1),
                cells: grown.cells(),
            });
        }
        span = Some(grown);
        cells.push((at, cell_text(&Data::from(cell.get_value().clone()))));
    }
    let Some(span) = span else { return Ok(Rows::new()) };
    // Both bounded by MAX_CELLS above, so these fit in memory and in usize.
    let width = (span.cols.1 - span.cols.0) as usize + 1;
    let height = (span.rows.1 - span.rows.0) as usize + 1;
    let mut rows: Rows = vec![vec![String::new(); width]; height];
    for ((row, col), text) in cells {
        rows[(row - span.rows.0) as usize][(col - span.cols.0) as usize] = text;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_are_excel_references() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }
}
