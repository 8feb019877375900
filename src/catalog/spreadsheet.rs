//! Criteria sets as a spreadsheet (XLSX or CSV) a secretary can read and edit: a header block (format,
//! id, title, legal basis, star rule), then one row per option (groups have a row of their own),
//! with the sheet, part and criterion on every row. Export of any set, and import back with every
//! check naming the sheet, the row and the criterion.

use crate::domain::criteria::{CRITERIA_FORMAT, CriteriaSet, Criterion, OptionChoice, Part, Sheet};
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
            fn walk(c: &Criterion, prefix: &[String], out: &mut Vec<Vec<String>>) {
                let crit = [c.code.clone(), c.title.clone(), c.max.to_string(), c.notes.join("\n")];
                let base: Vec<String> = prefix.iter().cloned().chain(crit).collect();
                if c.options.is_empty() {
                    let mut row = base.clone();
                    row.extend([String::new(), String::new(), String::new()]);
                    out.push(row);
                }
                for o in &c.options {
                    let mut row = base.clone();
                    row.extend([
                        o.label.clone(),
                        o.points.to_string(),
                        o.min_star.map(|s| s.to_string()).unwrap_or_default(),
                    ]);
                    out.push(row);
                }
                c.children.iter().for_each(|ch| walk(ch, prefix, out));
            }
            let prefix: Vec<String> = sheet_cells.iter().chain(part_cells.iter()).cloned().collect();
            part.criteria.iter().for_each(|c| walk(c, &prefix, &mut out));
        }
    }
    out
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

/// Reads a criteria set back from its spreadsheet rows, checked.
pub fn parse(file: &str, rows: &[Vec<String>]) -> Result<CriteriaSet, SheetError> {
    let err = |row: Option<usize>, sheet: Option<u32>, criterion: Option<&str>, message: String| SheetError {
        file: file.into(),
        row,
        sheet,
        criterion: criterion.map(str::to_string),
        message,
    };
    let meta = |label: &str| -> Option<String> {
        rows.iter()
            .take(10)
            .find(|r| r.first().map(|c| c.trim()) == Some(label))
            .and_then(|r| r.get(1))
            .map(|s| s.trim().to_string())
    };
    if meta("Định dạng").as_deref() != Some(CRITERIA_FORMAT) {
        return Err(err(Some(1), None, None, format!("không phải tệp bộ tiêu chí (ô B1 cần «{CRITERIA_FORMAT}»)")));
    }
    let id = meta("Mã bộ tiêu chí")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| err(Some(2), None, None, "thiếu mã bộ tiêu chí".into()))?;
    let header = rows
        .iter()
        .position(|r| r.first().map(|c| c.trim()) == Some(COLUMNS[0]) && r.iter().any(|c| c.trim() == "Mã tiêu chí"))
        .ok_or_else(|| err(None, None, None, "không thấy dòng tiêu đề cột («Bộ số», …, «Mã tiêu chí», …)".into()))?;
    let col = |name: &str| rows[header].iter().position(|c| c.trim() == name);
    let cols: Vec<usize> = COLUMNS
        .iter()
        .map(|c| col(c).ok_or_else(|| err(Some(header + 1), None, None, format!("thiếu cột «{c}»"))))
        .collect::<Result<_, _>>()?;
    let mut set = CriteriaSet {
        format: CRITERIA_FORMAT.into(),
        id,
        title: meta("Tên").unwrap_or_default(),
        legal_basis: meta("Căn cứ pháp lý").unwrap_or_default(),
        star_marker_rule: meta("Quy ước dấu sao").unwrap_or_default(),
        sheets: Vec::new(),
    };
    // First row of each criterion, to place the whole-set checks.
    let mut first_row: std::collections::HashMap<(u32, String), usize> = std::collections::HashMap::new();
    let number = |s: &str, row: usize, sheet: Option<u32>, crit: Option<&str>, what: &str| -> Result<u32, SheetError> {
        s.trim().parse::<u32>().map_err(|_| err(Some(row), sheet, crit, format!("{what} «{s}» không phải số nguyên")))
    };
    let lines = |s: &str| -> Vec<String> {
        if s.trim().is_empty() { vec![] } else { s.split('\n').map(str::to_string).collect() }
    };
    for (i, r) in rows.iter().enumerate().skip(header + 1) {
        let line = i + 1;
        let cell = |k: usize| r.get(cols[k]).map(|s| s.as_str()).unwrap_or("");
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let no = number(cell(0), line, None, None, "Bộ số")?;
        if set.sheets.last().is_none_or(|s| s.no != no) {
            if set.sheets.iter().any(|s| s.no == no) {
                return Err(err(Some(line), Some(no), None, "các dòng của một bộ phải liền nhau".into()));
            }
            set.sheets.push(Sheet {
                no,
                code: cell(1).trim().into(),
                name: cell(2).trim().into(),
                category: cell(3).trim().into(),
                group: cell(4).trim().into(),
                disqualify_if: Some(cell(5).trim().to_string()).filter(|s| !s.is_empty()),
                source_notes: lines(cell(6)),
                parts: Vec::new(),
            });
        }
        let sheet = set.sheets.last_mut().expect("pushed above");
        let part_code = cell(7).trim().to_string();
        if sheet.parts.last().is_none_or(|p| p.code != part_code) {
            let max = number(cell(9), line, Some(no), None, "Điểm phần")?;
            sheet.parts.push(Part { code: part_code, title: cell(8).trim().into(), max, criteria: Vec::new() });
        }
        let part = sheet.parts.last_mut().expect("pushed above");
        let code = cell(10).trim().to_string();
        if code.is_empty() {
            return Err(err(Some(line), Some(no), None, "thiếu mã tiêu chí".into()));
        }
        let label = cell(14).trim().to_string();
        let star = cell(16).trim();
        let min_star = match star {
            "" => None,
            s => match s.parse::<u8>() {
                Ok(v @ 3..=5) => Some(v),
                _ => {
                    return Err(err(
                        Some(line),
                        Some(no),
                        Some(&code),
                        format!("sao tối thiểu «{s}» phải là 3, 4 hoặc 5"),
                    ));
                }
            },
        };
        if label.is_empty() && (min_star.is_some() || !cell(15).trim().is_empty()) {
            return Err(err(
                Some(line),
                Some(no),
                Some(&code),
                "có điểm hoặc dấu sao nhưng phương án không có nội dung".into(),
            ));
        }
        let max = number(cell(12), line, Some(no), Some(&code), "Điểm tối đa")?;
        let option = if label.is_empty() {
            None
        } else {
            Some(OptionChoice { label, points: number(cell(15), line, Some(no), Some(&code), "Điểm")?, min_star })
        };
        let criterion = Criterion {
            code: code.clone(),
            title: cell(11).trim().into(),
            max,
            notes: lines(cell(13)),
            children: vec![],
            options: vec![],
        };
        let key = (no, code.clone());
        let seen_before = first_row.contains_key(&key);
        // Consecutive option rows of one leaf extend it; anything else is a new criterion.
        let last_leaf = last_criterion(&mut part.criteria).filter(|c| c.code == code && !c.options.is_empty());
        match (option, last_leaf) {
            (Some(o), Some(leaf)) => leaf.options.push(o),
            (option, _) => {
                if seen_before {
                    return Err(err(
                        Some(line),
                        Some(no),
                        Some(&code),
                        format!("mã tiêu chí bị trùng (đã có ở dòng {})", first_row[&key]),
                    ));
                }
                first_row.insert(key, line);
                let mut c = criterion;
                c.options.extend(option);
                insert(&mut part.criteria, c);
            }
        }
    }
    set.validate().map_err(|e| {
        let row = e.sheet.zip(e.criterion.clone()).and_then(|k| first_row.get(&k).copied());
        err(row, e.sheet, e.criterion.as_deref(), e.problem)
    })?;
    Ok(set)
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

/// Writes `set` as `path` (.xlsx or .csv, by extension).
pub fn export(set: &CriteriaSet, path: &Path) -> Result<(), String> {
    let rows = rows(set);
    let shown = path.display().to_string();
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
        Some("csv") => {
            let quote = |s: &str| {
                if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
            };
            let text: String =
                rows.iter().map(|r| r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",") + "\n").collect();
            std::fs::write(path, format!("\u{feff}{text}")).map_err(|e| format!("{shown}: {e}"))
        }
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

/// Reads a criteria set from a spreadsheet file (.xlsx, .ods, .csv).
pub fn import(path: &Path) -> Result<CriteriaSet, SheetError> {
    let file = path.display().to_string();
    let fail = |message: String| SheetError { file: file.clone(), row: None, sheet: None, criterion: None, message };
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let rows = match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).map_err(|e| fail(format!("không đọc được tệp: {e}")))?;
            crate::dossier::csv::parse(&crate::dossier::csv::decode(&bytes).map_err(fail)?)
        }
        "xlsx" | "xls" | "ods" => crate::dossier::sheet_rows(path).map_err(fail)?,
        _ => return Err(fail("cần tệp .xlsx, .ods hoặc .csv".into())),
    };
    parse(&file, &rows)
}
