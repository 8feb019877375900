//! A list's rows planned against the session's dossiers: the header is found among the first rows,
//! each row is checked cell by cell (every problem of a row is reported, not the first alone), and a
//! row becomes an update when it names an existing dossier by code, else by product and producer.

use super::{Field, Finding, Note, Preview};
use crate::domain::criteria::CriteriaSet;
use crate::domain::session::{Dossier, EntityType, Kind};
use crate::domain::text::{forbidden_char, nfc, search_key};
use std::collections::HashMap;

/// Plans the import of a list's rows against the session's current dossiers.
pub fn plan_rows(file: &str, rows: &[Vec<String>], existing: &[Dossier], criteria: &CriteriaSet) -> Preview {
    let mut plan = ListPlan::new(file, existing, criteria);
    if rows.iter().all(|r| is_blank(r)) {
        plan.error(None, None, Note::EmptyList);
        return plan.preview;
    }
    let Some((h, header)) = find_header(rows) else {
        plan.error(None, None, Note::NoHeader);
        return plan.preview;
    };
    let columns = plan.columns(h + 1, header);
    if !plan.preview.errors.is_empty() {
        return plan.preview;
    }
    for (i, row) in rows.iter().enumerate().skip(h + 1) {
        if !is_blank(row) {
            plan.row(i + 1, &Cells { columns: &columns, row });
        }
    }
    plan.preview
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// The header: the first of the first ten rows that names the product column.
fn find_header(rows: &[Vec<String>]) -> Option<(usize, &Vec<String>)> {
    rows.iter().enumerate().take(10).find(|(_, r)| r.iter().any(|c| Field::recognise(c) == Some(Field::Product)))
}

/// One row's cells by field, trimmed and in NFC ("" for a column the list lacks).
struct Cells<'r> {
    columns: &'r HashMap<Field, usize>,
    row: &'r [String],
}

impl Cells<'_> {
    fn get(&self, f: Field) -> String {
        self.columns.get(&f).and_then(|&c| self.row.get(c)).map(|s| nfc(s.trim())).unwrap_or_default()
    }
}

/// The preview being built, with what the rows are matched against.
struct ListPlan<'a> {
    file: &'a str,
    criteria: &'a CriteriaSet,
    by_code: HashMap<&'a str, &'a Dossier>,
    by_name: HashMap<(String, String), &'a Dossier>,
    /// Codes the list gave so far, with the line that first gave each.
    seen_codes: HashMap<String, usize>,
    /// The number of the next generated code to try ("HS-004" after three dossiers).
    next_number: usize,
    preview: Preview,
}

impl<'a> ListPlan<'a> {
    fn new(file: &'a str, existing: &'a [Dossier], criteria: &'a CriteriaSet) -> ListPlan<'a> {
        ListPlan {
            file,
            criteria,
            by_code: existing.iter().map(|d| (d.code.as_str(), d)).collect(),
            by_name: existing.iter().map(|d| ((search_key(&d.product), search_key(&d.producer)), d)).collect(),
            seen_codes: HashMap::new(),
            next_number: existing.len() + 1,
            preview: Preview::default(),
        }
    }

    fn finding(&self, row: Option<usize>, column: Option<Field>, note: Note) -> Finding {
        Finding { file: self.file.into(), row, column, note }
    }

    fn error(&mut self, row: Option<usize>, column: Option<Field>, note: Note) {
        let finding = self.finding(row, column, note);
        self.preview.errors.push(finding);
    }

    fn warn(&mut self, row: Option<usize>, column: Option<Field>, note: Note) {
        let finding = self.finding(row, column, note);
        self.preview.warnings.push(finding);
    }

    /// Where each known column is (the first of two alike wins); a warning for each unknown
    /// header, an error for each required column missing.
    fn columns(&mut self, line: usize, header: &[String]) -> HashMap<Field, usize> {
        let mut index: HashMap<Field, usize> = HashMap::new();
        for (i, cell) in header.iter().enumerate() {
            match Field::recognise(cell) {
                Some(f) => {
                    index.entry(f).or_insert(i);
                }
                None if !cell.trim().is_empty() => {
                    self.warn(Some(line), None, Note::UnusedColumn(cell.trim().to_string()))
                }
                None => {}
            }
        }
        for f in Field::REQUIRED.into_iter().filter(|f| !index.contains_key(f)) {
            self.error(Some(line), Some(f), Note::MissingColumn);
        }
        index
    }

    /// One non-blank row: added, updated, or refused with its findings.
    fn row(&mut self, line: usize, cells: &Cells) {
        let Some(mut dossier) = self.read_dossier(line, cells) else { return };
        let old = self
            .by_code
            .get(dossier.code.as_str())
            .or_else(|| self.by_name.get(&(search_key(&dossier.product), search_key(&dossier.producer))))
            .copied();
        if dossier.code.is_empty() {
            dossier.code = match old {
                Some(d) => d.code.clone(),
                None => self.new_code(),
            };
        }
        // What the council decided about an existing dossier stays; the list only brings its data.
        if let Some(d) = old {
            dossier.eliminated = d.eliminated.clone();
            dossier.recused = d.recused.clone();
            dossier.round = d.round;
        }
        match old {
            Some(d) if d.code == dossier.code => self.preview.update.push(dossier),
            _ => self.preview.add.push(dossier),
        }
    }

    /// The dossier as the row gives it, or None when the row has errors (all of them recorded).
    fn read_dossier(&mut self, line: usize, cells: &Cells) -> Option<Dossier> {
        let errors_before = self.preview.errors.len();
        self.forbidden_chars(line, cells);
        let product = self.required(line, cells, Field::Product, Note::MissingProduct);
        let producer = self.required(line, cells, Field::Producer, Note::MissingProducer);
        let sheet = self.sheet(line, cells);
        let self_score = self.self_score(line, cells);
        let entity_type = self.entity_type(line, cells);
        let kind = self.kind(line, cells);
        let code = cells.get(Field::Code);
        self.note_code(line, &code);
        if self.preview.errors.len() > errors_before {
            return None;
        }
        Some(Dossier {
            code,
            product,
            sheet: sheet?,
            producer,
            entity_type,
            representative: cells.get(Field::Representative),
            address: cells.get(Field::Address),
            phone: cells.get(Field::Phone),
            kind,
            self_score,
            eliminated: None,
            recused: Vec::new(),
            round: None,
            conclusion: String::new(),
        })
    }

    /// A control or bidi character in any cell the list uses, refused as the exchange format refuses it.
    fn forbidden_chars(&mut self, line: usize, cells: &Cells) {
        let mut used: Vec<(usize, Field)> = cells.columns.iter().map(|(&f, &c)| (c, f)).collect();
        used.sort_unstable_by_key(|&(c, _)| c);
        for (_, field) in used {
            if let Some(c) = forbidden_char(&cells.get(field), false) {
                self.error(Some(line), Some(field), Note::ForbiddenChar(u32::from(c)));
            }
        }
    }

    fn required(&mut self, line: usize, cells: &Cells, field: Field, missing: Note) -> String {
        let value = cells.get(field);
        if value.is_empty() {
            self.error(Some(line), Some(field), missing);
        }
        value
    }

    fn sheet(&mut self, line: usize, cells: &Cells) -> Option<u32> {
        let text = cells.get(Field::Sheet);
        match sheet_of(&text, self.criteria) {
            Ok(no) => Some(no),
            Err(note) => {
                self.error(Some(line), Some(Field::Sheet), note);
                None
            }
        }
    }

    /// The self-assessed score, rounded; a decimal comma is accepted.
    fn self_score(&mut self, line: usize, cells: &Cells) -> Option<u32> {
        let text = cells.get(Field::SelfScore).replace(',', ".");
        if text.is_empty() {
            return None;
        }
        match text.parse::<f64>() {
            Ok(v) if (0.0..=100.0).contains(&v) => Some(v.round() as u32),
            _ => {
                self.error(Some(line), Some(Field::SelfScore), Note::BadSelfScore(text));
                None
            }
        }
    }

    fn entity_type(&mut self, line: usize, cells: &Cells) -> EntityType {
        let text = cells.get(Field::EntityType);
        super::words::entity(&text).unwrap_or_else(|| {
            self.warn(Some(line), Some(Field::EntityType), Note::UnknownEntity(text));
            EntityType::Other
        })
    }

    fn kind(&mut self, line: usize, cells: &Cells) -> Kind {
        let text = cells.get(Field::Kind);
        super::words::kind(&text).unwrap_or_else(|| {
            self.warn(Some(line), Some(Field::Kind), Note::UnknownKind(text));
            Kind::New
        })
    }

    /// Records a code the list gives; the same code on two rows is an error on the second.
    fn note_code(&mut self, line: usize, code: &str) {
        if code.is_empty() {
            return;
        }
        if let Some(first) = self.seen_codes.insert(code.to_string(), line) {
            self.error(Some(line), Some(Field::Code), Note::DuplicateCode { code: code.to_string(), first });
        }
    }

    /// The next "HS-nnn" that neither the session nor the list uses.
    fn new_code(&mut self) -> String {
        loop {
            let candidate = format!("HS-{:03}", self.next_number);
            self.next_number += 1;
            if !self.by_code.contains_key(candidate.as_str()) && !self.seen_codes.contains_key(&candidate) {
                return candidate;
            }
        }
    }
}

/// The criteria sheet a cell names: its number (1–26) or its name, accents optional. A cell without
/// a letter is a number and must be a whole one written as such ("3", or a spreadsheet's 3.0):
/// "-1" and "1.9" name no sheet, though their folded keys would start with "1".
fn sheet_of(cell: &str, criteria: &CriteriaSet) -> Result<u32, Note> {
    let cell = cell.trim();
    let unknown = || Note::UnknownSheet(cell.to_string());
    if !cell.chars().any(char::is_alphabetic) {
        let n = whole_number(cell).ok_or_else(|| Note::SheetNotWhole(cell.to_string()))?;
        return criteria.sheet(n).map(|s| s.no).ok_or_else(unknown);
    }
    let key = search_key(cell);
    // "3 Rượu trắng", "3. Rượu trắng": a leading whole number, not a sign or a decimal's first digits.
    let number_prefix = match cell.split_once(|c: char| !c.is_ascii_digit()) {
        Some((digits, rest)) if !digits.is_empty() && !starts_decimal(rest) => key.split(' ').next(),
        _ => None,
    }
    .and_then(|w| w.parse::<u32>().ok());
    criteria
        .sheets
        .iter()
        .find(|s| search_key(&s.name) == key || Some(s.no) == number_prefix)
        .or_else(|| criteria.sheets.iter().find(|s| !key.is_empty() && search_key(&s.name).starts_with(&key)))
        .map(|s| s.no)
        .ok_or_else(unknown)
}

/// A whole number written as one: digits, then at most a decimal point or comma and zeros ("3", "03",
/// "3.0", "3,00"); None for "-1", "1.9", "1e0", "" or a number too large for any sheet.
fn whole_number(text: &str) -> Option<u32> {
    let (digits, fraction) = text.split_once(['.', ',']).unwrap_or((text, "0"));
    let plain = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !plain(digits) || !plain(fraction) || fraction.chars().any(|c| c != '0') {
        return None;
    }
    digits.parse().ok()
}

/// Whether the text after a number's digits goes on with its decimals (".9", ",5").
fn starts_decimal(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('.' | ',')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}
