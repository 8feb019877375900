//! Reading a criteria set back from its spreadsheet rows: the header block, the column row, then
//! the rows of options in order, each problem placed by file, row, sheet and criterion.

use super::{COLUMNS, SheetError};
use crate::domain::criteria::{CRITERIA_FORMAT, CriteriaSet, Criterion, OptionChoice, Part, Sheet};
use std::collections::HashMap;

/// The file being read, to place each problem in it.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
}

impl Place<'_> {
    fn err(self, row: Option<usize>, sheet: Option<u32>, criterion: Option<&str>, message: String) -> SheetError {
        SheetError { file: self.file.into(), row, sheet, criterion: criterion.map(str::to_string), message }
    }

    /// A whole number in the cell, or an error naming `what`.
    fn number(self, s: &str, row: &Row, sheet: Option<u32>, crit: Option<&str>, what: &str) -> Result<u32, SheetError> {
        s.trim()
            .parse::<u32>()
            .map_err(|_| self.err(Some(row.line), sheet, crit, format!("{what} «{s}» không phải số nguyên")))
    }
}

/// One data row: its line and its cells by the index into `COLUMNS`.
struct Row<'r> {
    line: usize,
    cells: &'r [String],
    columns: &'r [usize],
}

impl Row<'_> {
    fn cell(&self, k: usize) -> &str {
        self.cells.get(self.columns[k]).map(|s| s.as_str()).unwrap_or("")
    }
}

/// Reads a criteria set back from its spreadsheet rows, checked.
pub fn parse(file: &str, rows: &[Vec<String>]) -> Result<CriteriaSet, SheetError> {
    let place = Place { file };
    let mut set = header_block(place, rows)?;
    let (header, columns) = column_row(place, rows)?;
    // First row of each criterion, to place the whole-set checks.
    let mut first_row: HashMap<(u32, String), usize> = HashMap::new();
    for (i, cells) in rows.iter().enumerate().skip(header + 1) {
        if !cells.iter().all(|c| c.trim().is_empty()) {
            add_row(place, &mut set, &mut first_row, &Row { line: i + 1, cells, columns: &columns })?;
        }
    }
    set.validate().map_err(|e| {
        let row = e.sheet.zip(e.criterion.clone()).and_then(|k| first_row.get(&k).copied());
        place.err(row, e.sheet, e.criterion.as_deref(), crate::lang::vi::criteria_problem(&e.problem))
    })?;
    Ok(set)
}

/// The set as its header block describes it, without sheets yet.
fn header_block(place: Place, rows: &[Vec<String>]) -> Result<CriteriaSet, SheetError> {
    let meta = |label: &str| -> Option<String> {
        rows.iter()
            .take(10)
            .find(|r| r.first().map(|c| c.trim()) == Some(label))
            .and_then(|r| r.get(1))
            .map(|s| s.trim().to_string())
    };
    if meta("Định dạng").as_deref() != Some(CRITERIA_FORMAT) {
        return Err(place.err(
            Some(1),
            None,
            None,
            format!("không phải tệp bộ tiêu chí (ô B1 cần «{CRITERIA_FORMAT}»)"),
        ));
    }
    let id = meta("Mã bộ tiêu chí")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| place.err(Some(2), None, None, "thiếu mã bộ tiêu chí".into()))?;
    Ok(CriteriaSet {
        format: CRITERIA_FORMAT.into(),
        id,
        title: meta("Tên").unwrap_or_default(),
        legal_basis: meta("Căn cứ pháp lý").unwrap_or_default(),
        star_marker_rule: meta("Quy ước dấu sao").unwrap_or_default(),
        sheets: Vec::new(),
    })
}

/// The index of the column row, and where each of `COLUMNS` is in it.
fn column_row(place: Place, rows: &[Vec<String>]) -> Result<(usize, Vec<usize>), SheetError> {
    let header = rows
        .iter()
        .position(|r| r.first().map(|c| c.trim()) == Some(COLUMNS[0]) && r.iter().any(|c| c.trim() == "Mã tiêu chí"))
        .ok_or_else(|| {
            place.err(None, None, None, "không thấy dòng tiêu đề cột («Bộ số», …, «Mã tiêu chí», …)".into())
        })?;
    let columns = COLUMNS
        .iter()
        .map(|name| {
            rows[header]
                .iter()
                .position(|c| c.trim() == *name)
                .ok_or_else(|| place.err(Some(header + 1), None, None, format!("thiếu cột «{name}»")))
        })
        .collect::<Result<_, _>>()?;
    Ok((header, columns))
}

/// One option row (or the row of a group or an option-less criterion) added to the set.
fn add_row(
    place: Place,
    set: &mut CriteriaSet,
    first_row: &mut HashMap<(u32, String), usize>,
    row: &Row,
) -> Result<(), SheetError> {
    let no = place.number(row.cell(0), row, None, None, "Bộ số")?;
    let sheet = open_sheet(place, &mut set.sheets, no, row)?;
    let part = open_part(place, &mut sheet.parts, no, row)?;
    let (criterion, option) = read_criterion(place, no, row)?;
    let key = (no, criterion.code.clone());
    // Consecutive option rows of one leaf extend it; anything else is a new criterion.
    let last_leaf = last_criterion(&mut part.criteria).filter(|c| c.code == criterion.code && !c.options.is_empty());
    match (option, last_leaf) {
        (Some(o), Some(leaf)) => leaf.options.push(o),
        (option, _) => {
            if let Some(first) = first_row.get(&key) {
                let message = format!("mã tiêu chí bị trùng (đã có ở dòng {first})");
                return Err(place.err(Some(row.line), Some(no), Some(&criterion.code), message));
            }
            first_row.insert(key, row.line);
            let mut c = criterion;
            c.options.extend(option);
            insert(&mut part.criteria, c);
        }
    }
    Ok(())
}

/// The sheet numbered `no`: the last one, or a new one when the row starts it.
fn open_sheet<'s>(place: Place, sheets: &'s mut Vec<Sheet>, no: u32, row: &Row) -> Result<&'s mut Sheet, SheetError> {
    if sheets.last().is_none_or(|s| s.no != no) {
        if sheets.iter().any(|s| s.no == no) {
            return Err(place.err(Some(row.line), Some(no), None, "các dòng của một bộ phải liền nhau".into()));
        }
        sheets.push(Sheet {
            no,
            code: row.cell(1).trim().into(),
            name: row.cell(2).trim().into(),
            category: row.cell(3).trim().into(),
            group: row.cell(4).trim().into(),
            disqualify_if: Some(row.cell(5).trim().to_string()).filter(|s| !s.is_empty()),
            source_notes: lines(row.cell(6)),
            parts: Vec::new(),
        });
    }
    let last = sheets.len() - 1;
    Ok(&mut sheets[last])
}

/// The part the row names: the last one, or a new one when the row starts it.
fn open_part<'p>(place: Place, parts: &'p mut Vec<Part>, no: u32, row: &Row) -> Result<&'p mut Part, SheetError> {
    let code = row.cell(7).trim().to_string();
    if parts.last().is_none_or(|p| p.code != code) {
        let max = place.number(row.cell(9), row, Some(no), None, "Điểm phần")?;
        parts.push(Part { code, title: row.cell(8).trim().into(), max, criteria: Vec::new() });
    }
    let last = parts.len() - 1;
    Ok(&mut parts[last])
}

/// The criterion the row describes (without options) and the option it carries, if any.
fn read_criterion(place: Place, no: u32, row: &Row) -> Result<(Criterion, Option<OptionChoice>), SheetError> {
    let code = row.cell(10).trim().to_string();
    if code.is_empty() {
        return Err(place.err(Some(row.line), Some(no), None, "thiếu mã tiêu chí".into()));
    }
    let err = |message: String| place.err(Some(row.line), Some(no), Some(&code), message);
    let label = row.cell(14).trim().to_string();
    let min_star = match row.cell(16).trim() {
        "" => None,
        s => match s.parse::<u8>() {
            Ok(v @ 3..=5) => Some(v),
            _ => return Err(err(format!("sao tối thiểu «{s}» phải là 3, 4 hoặc 5"))),
        },
    };
    if label.is_empty() && (min_star.is_some() || !row.cell(15).trim().is_empty()) {
        return Err(err("có điểm hoặc dấu sao nhưng phương án không có nội dung".into()));
    }
    let max = place.number(row.cell(12), row, Some(no), Some(&code), "Điểm tối đa")?;
    let option = if label.is_empty() {
        None
    } else {
        Some(OptionChoice {
            label, points: place.number(row.cell(15), row, Some(no), Some(&code), "Điểm")?, min_star
        })
    };
    let criterion = Criterion {
        code,
        title: row.cell(11).trim().into(),
        max,
        notes: lines(row.cell(13)),
        children: vec![],
        options: vec![],
    };
    Ok((criterion, option))
}

/// A multi-line cell as its lines; an empty cell as none.
fn lines(s: &str) -> Vec<String> {
    if s.trim().is_empty() { vec![] } else { s.split('\n').map(str::to_string).collect() }
}

/// The criterion most recently added (deepest last child) under `list`.
fn last_criterion(list: &mut [Criterion]) -> Option<&mut Criterion> {
    let last = list.last_mut()?;
    if last.children.is_empty() { Some(last) } else { last_criterion(&mut last.children) }
}

/// Places `c` under its parent group ("1.2" under "1"), or at the top of the part.
fn insert(list: &mut Vec<Criterion>, c: Criterion) {
    fn parent<'a>(list: &'a mut [Criterion], code: &str) -> Option<&'a mut Criterion> {
        for item in list.iter_mut() {
            if item.code == code {
                return Some(item);
            }
            if code.starts_with(&format!("{}.", item.code)) {
                return parent(&mut item.children, code);
            }
        }
        None
    }
    match c.code.rsplit_once('.').map(|(p, _)| p.to_string()) {
        Some(p) => match parent(list, &p) {
            Some(group) if group.options.is_empty() => group.children.push(c),
            _ => list.push(c),
        },
        None => list.push(c),
    }
}
