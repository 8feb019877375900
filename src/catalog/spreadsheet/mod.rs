//! Criteria sets as a spreadsheet (XLSX or CSV) a secretary can read and edit: a header block (format,
//! id, title, legal basis, star rule), then one row per option (groups have a row of their own),
//! with the sheet, part and criterion on every row. Export of any set, and import back with every
//! check naming the sheet, the row and the criterion.

mod parse;

pub use parse::parse;

use crate::domain::criteria::{CRITERIA_FORMAT, CriteriaSet, Criterion};
use crate::table::{self, Format};
use std::path::Path;

pub const COLUMNS: [&str; 17] = [
    "Bộ số",
    "Mã bộ",
    "Tên bộ",
    "Ngành",
    "Nhóm",
    "Hồ sơ bị loại khi",
    "Ghi chú nguồn",
    "Phần",
    "Tên phần",
    "Điểm phần",
    "Mã tiêu chí",
    "Tên tiêu chí",
    "Điểm tối đa",
    "Ghi chú tiêu chí",
    "Phương án",
    "Điểm",
    "Sao tối thiểu",
];

/// The rows of the spreadsheet for `set`.
pub fn rows(set: &CriteriaSet) -> Vec<Vec<String>> {
    let mut out = vec![
        vec!["Định dạng".into(), CRITERIA_FORMAT.into()],
        vec!["Mã bộ tiêu chí".into(), set.id.clone()],
        vec!["Tên".into(), set.title.clone()],
        vec!["Căn cứ pháp lý".into(), set.legal_basis.clone()],
        vec!["Quy ước dấu sao".into(), set.star_marker_rule.clone()],
        vec![],
        COLUMNS.iter().map(|c| c.to_string()).collect(),
    ];
    for sheet in &set.sheets {
        let sheet_cells = [
            sheet.no.to_string(),
            sheet.code.clone(),
            sheet.name.clone(),
            sheet.category.clone(),
            sheet.group.clone(),
            sheet.disqualify_if.clone().unwrap_or_default(),
            sheet.source_notes.join("\n"),
        ];
        for part in &sheet.parts {
            let part_cells = [part.code.clone(), part.title.clone(), part.max.to_string()];
            let prefix: Vec<String> = sheet_cells.iter().chain(part_cells.iter()).cloned().collect();
            part.criteria.iter().for_each(|c| criterion_rows(c, &prefix, &mut out));
        }
    }
    out
}

/// The rows of criterion `c` (one per option, or one when it has none) and of its children, each
/// after `prefix` (the cells of its sheet and part).
fn criterion_rows(c: &Criterion, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let crit = [c.code.clone(), c.title.clone(), c.max.to_string(), c.notes.join("\n")];
    let base: Vec<String> = prefix.iter().cloned().chain(crit).collect();
    if c.options.is_empty() {
        let mut row = base.clone();
        row.extend([String::new(), String::new(), String::new()]);
        out.push(row);
    }
    for o in &c.options {
        let mut row = base.clone();
        row.extend([o.label.clone(), o.points.to_string(), o.min_star.map(|s| s.to_string()).unwrap_or_default()]);
        out.push(row);
    }
    c.children.iter().for_each(|ch| criterion_rows(ch, prefix, out));
}

/// A problem in a criteria spreadsheet, with its place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}{}{}: {message}", .row.map(|r| format!(", dòng {r}")).unwrap_or_default(), .sheet.map(|s| format!(", bộ số {s}")).unwrap_or_default(), .criterion.as_ref().map(|c| format!(", tiêu chí {c}")).unwrap_or_default())]
pub struct SheetError {
    pub file: String,
    pub row: Option<usize>,
    pub sheet: Option<u32>,
    pub criterion: Option<String>,
    pub message: String,
}

/// Writes `set` as `path` (.xlsx or .csv, by extension).
pub fn export(set: &CriteriaSet, path: &Path) -> Result<(), String> {
    let rows = rows(set);
    let shown = path.display().to_string();
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
        Some("csv") => std::fs::write(path, table::to_csv(&rows)).map_err(|e| format!("{shown}: {e}")),
        Some("xlsx") => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    sheet.write_string(r as u32, c as u16, cell).map_err(|e| format!("{shown}: {e}"))?;
                }
            }
            book.save(path).map_err(|e| format!("{shown}: {e}"))
        }
        _ => Err(format!("{shown}: cần đuôi .xlsx hoặc .csv")),
    }
}

/// Reads a criteria set from a spreadsheet file (.xlsx, .xls, .ods, .csv).
pub fn import(path: &Path) -> Result<CriteriaSet, SheetError> {
    let file = path.display().to_string();
    let fail = |message: String| SheetError { file: file.clone(), row: None, sheet: None, criterion: None, message };
    let format = match table::extension(path).as_str() {
        "csv" => Format::Delimited,
        "xlsx" | "xls" | "ods" => Format::Workbook,
        _ => return Err(fail("cần tệp .xlsx, .ods hoặc .csv".into())),
    };
    let rows = table::read(path, format).map_err(|e| fail(e.problem.to_string()))?;
    parse(&file, &rows)
}
