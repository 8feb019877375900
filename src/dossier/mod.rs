//! Importing the registered dossiers (design §8): a list (CSV, or a JSON array in the exchange
//! format's shape) becomes a preview — what will be added, updated and refused, with warnings and
//! errors by file, row and column — which is then applied in one transaction, or not at all.
//! Lists come as spreadsheets (XLSX, XLS, ODS), CSV or JSON.

mod columns;
pub mod csv;
mod folder;
mod sheet;

pub use columns::Field;
pub use folder::{DEFAULT_LIMIT, FileItem, FolderPlan, plan_folder};
pub use sheet::rows as sheet_rows;

use crate::domain::criteria::CriteriaSet;
use crate::domain::session::{Dossier, EntityType, Kind};
use crate::domain::text::{nfc, search_key};
use std::collections::HashMap;
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

fn entity(word: &str) -> Option<EntityType> {
    let k = search_key(word);
    let has = |w: &str| k == w || k.contains(w);
    Some(match () {
        _ if k.is_empty() => EntityType::Other,
        _ if has("htx") || has("hop tac xa") => EntityType::Htx,
        _ if has("tht") || has("to hop tac") => EntityType::Tht,
        _ if k == "dn" || has("doanh nghiep") || has("cong ty") => EntityType::Dn,
        _ if has("ho kinh doanh") || k == "ho" || k == "hkd" => EntityType::Ho,
        _ if has("khac") => EntityType::Other,
        _ => return None,
    })
}

fn kind(word: &str) -> Option<Kind> {
    Some(match search_key(word).as_str() {
        "" | "moi" | "dang ky moi" | "danh gia moi" => Kind::New,
        "nang hang" | "nang sao" => Kind::Upgrade,
        "danh gia lai" | "cong nhan lai" => Kind::Rerate,
        _ => return None,
    })
}

/// The criteria sheet a cell names: its number (1–26) or its name, accents optional.
fn sheet_of(cell: &str, criteria: &CriteriaSet) -> Option<u32> {
    let cell = cell.trim();
    if let Ok(n) = cell.trim_start_matches('0').parse::<u32>() {
        return criteria.sheet(n).map(|s| s.no);
    }
    let key = search_key(cell);
    let number_prefix = key.split(' ').next().and_then(|w| w.parse::<u32>().ok());
    criteria
        .sheets
        .iter()
        .find(|s| search_key(&s.name) == key || Some(s.no) == number_prefix)
        .or_else(|| criteria.sheets.iter().find(|s| !key.is_empty() && search_key(&s.name).starts_with(&key)))
        .map(|s| s.no)
}

/// Plans the import of a list's rows against the session's current dossiers.
pub fn plan_rows(file: &str, rows: &[Vec<String>], existing: &[Dossier], criteria: &CriteriaSet) -> Preview {
    let mut p = Preview::default();
    let at = |row: Option<usize>, column: Option<&'static str>, message: String| Finding {
        file: file.into(),
        row,
        column,
        message,
    };
    if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        p.errors.push(at(None, None, "tệp trống, không có dòng nào".into()));
        return p;
    }
    // The header: the first of the first ten rows that names the product column.
    let Some((h, header)) =
        rows.iter().enumerate().take(10).find(|(_, r)| r.iter().any(|c| Field::recognise(c) == Some(Field::Product)))
    else {
        p.errors.push(at(None, None, "không tìm thấy dòng tiêu đề có cột «Tên sản phẩm» trong 10 dòng đầu".into()));
        return p;
    };
    let mut index: HashMap<Field, usize> = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        match Field::recognise(cell) {
            Some(f) => {
                index.entry(f).or_insert(i);
            }
            None if !cell.trim().is_empty() => {
                p.warnings.push(at(Some(h + 1), None, format!("cột «{}» không dùng đến, bỏ qua", cell.trim())))
            }
            None => {}
        }
    }
    for f in Field::REQUIRED {
        if !index.contains_key(&f) {
            p.errors.push(at(Some(h + 1), Some(f.label()), "thiếu cột bắt buộc".into()));
        }
    }
    if !p.errors.is_empty() {
        return p;
    }
    let by_code: HashMap<&str, &Dossier> = existing.iter().map(|d| (d.code.as_str(), d)).collect();
    let by_name: HashMap<(String, String), &Dossier> =
        existing.iter().map(|d| ((search_key(&d.product), search_key(&d.producer)), d)).collect();
    let mut seen_codes: HashMap<String, usize> = HashMap::new();
    let mut next_number = existing.len() + 1;
    for (i, row) in rows.iter().enumerate().skip(h + 1) {
        let line = i + 1;
        let cell = |f: Field| index.get(&f).and_then(|&c| row.get(c)).map(|s| nfc(s.trim())).unwrap_or_default();
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let errors_before = p.errors.len();
        let product = cell(Field::Product);
        if product.is_empty() {
            p.errors.push(at(Some(line), Some(Field::Product.label()), "thiếu tên sản phẩm".into()));
        }
        let producer = cell(Field::Producer);
        if producer.is_empty() {
            p.errors.push(at(Some(line), Some(Field::Producer.label()), "thiếu tên chủ thể".into()));
        }
        let sheet = sheet_of(&cell(Field::Sheet), criteria);
        if sheet.is_none() {
            p.errors.push(at(
                Some(line),
                Some(Field::Sheet.label()),
                format!("«{}» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)", cell(Field::Sheet)),
            ));
        }
        let self_score = match cell(Field::SelfScore).replace(',', ".") {
            s if s.is_empty() => None,
            s => match s.parse::<f64>() {
                Ok(v) if (0.0..=100.0).contains(&v) => Some(v.round() as u32),
                _ => {
                    p.errors.push(at(
                        Some(line),
                        Some(Field::SelfScore.label()),
                        format!("«{s}» không phải số điểm từ 0 đến 100"),
                    ));
                    None
                }
            },
        };
        let entity_type = entity(&cell(Field::EntityType)).unwrap_or_else(|| {
            p.warnings.push(at(
                Some(line),
                Some(Field::EntityType.label()),
                format!("«{}» không rõ loại hình, ghi là «khác»", cell(Field::EntityType)),
            ));
            EntityType::Other
        });
        let kind = kind(&cell(Field::Kind)).unwrap_or_else(|| {
            p.warnings.push(at(
                Some(line),
                Some(Field::Kind.label()),
                format!("«{}» không rõ hình thức, ghi là «mới»", cell(Field::Kind)),
            ));
            Kind::New
        });
        let mut code = cell(Field::Code);
        if !code.is_empty() {
            if let Some(first) = seen_codes.insert(code.clone(), line) {
                p.errors.push(at(Some(line), Some(Field::Code.label()), format!("mã «{code}» trùng với dòng {first}")));
            }
        }
        if p.errors.len() > errors_before {
            continue;
        }
        let old = by_code
            .get(code.as_str())
            .copied()
            .or_else(|| by_name.get(&(search_key(&product), search_key(&producer))).copied());
        if code.is_empty() {
            code = match old {
                Some(d) => d.code.clone(),
                None => loop {
                    let candidate = format!("HS-{next_number:03}");
                    next_number += 1;
                    if !by_code.contains_key(candidate.as_str()) && !seen_codes.contains_key(&candidate) {
                        break candidate;
                    }
                },
            };
        }
        let dossier = Dossier {
            code,
            product,
            sheet: sheet.unwrap_or(1),
            producer,
            entity_type,
            representative: cell(Field::Representative),
            address: cell(Field::Address),
            phone: cell(Field::Phone),
            kind,
            self_score,
            eliminated: old.and_then(|d| d.eliminated.clone()),
            recused: old.map(|d| d.recused.clone()).unwrap_or_default(),
            round: old.and_then(|d| d.round),
        };
        match old {
            Some(d) if d.code == dossier.code => p.update.push(dossier),
            _ => p.add.push(dossier),
        }
    }
    p
}

/// Plans the import of a list file (CSV, or a JSON array of dossiers).
pub fn plan_file(path: &Path, existing: &[Dossier], criteria: &CriteriaSet) -> Preview {
    let file = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Preview {
                errors: vec![Finding {
                    file, row: None, column: None, message: format!("không đọc được tệp: {e}")
                }],
                ..Preview::default()
            };
        }
    };
    let fail = |message: String| Preview {
        errors: vec![Finding { file: file.clone(), row: None, column: None, message }],
        ..Preview::default()
    };
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => match csv::decode(&bytes) {
            Ok(text) => plan_rows(&file, &csv::parse(&text), existing, criteria),
            Err(e) => fail(e),
        },
        "json" => match csv::decode(&bytes).map_err(|e| e.to_string()).and_then(|t| json_rows(&t)) {
            Ok(rows) => plan_rows(&file, &rows, existing, criteria),
            Err(e) => fail(e),
        },
        "xlsx" | "xlsm" | "xls" | "ods" => match sheet::rows(path) {
            Ok(rows) => plan_rows(&file, &rows, existing, criteria),
            Err(e) => fail(e),
        },
        _ => fail("không nhận dạng được loại tệp (cần .xlsx, .ods, .csv hoặc .json)".into()),
    }
}

/// A JSON array of dossier objects, turned into rows under the design's Vietnamese headers, so that
/// both kinds of list pass the same checks and give the same messages.
fn json_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("JSON không hợp lệ: {e}"))?;
    let list = value.as_array().ok_or("cần một mảng JSON các hồ sơ")?;
    let fields = [
        (Field::Code, "code"),
        (Field::Product, "product"),
        (Field::Sheet, "sheet"),
        (Field::Producer, "producer"),
        (Field::EntityType, "entity_type"),
        (Field::Representative, "representative"),
        (Field::Address, "address"),
        (Field::Phone, "phone"),
        (Field::Kind, "kind"),
        (Field::SelfScore, "self_score"),
    ];
    let mut rows = vec![fields.iter().map(|(f, _)| f.label().to_string()).collect::<Vec<_>>()];
    for (i, item) in list.iter().enumerate() {
        let obj = item.as_object().ok_or(format!("[{i}]: cần một đối tượng hồ sơ"))?;
        if let Some(unknown) = obj.keys().find(|k| !fields.iter().any(|(_, name)| name == k)) {
            return Err(format!("[{i}].{unknown}: trường không hợp lệ"));
        }
        rows.push(
            fields
                .iter()
                .map(|(_, name)| match obj.get(*name) {
                    Some(serde_json::Value::String(s)) => match *name {
                        "entity_type" => match s.as_str() {
                            "htx" => "HTX".into(),
                            "tht" => "THT".into(),
                            "dn" => "DN".into(),
                            "ho" => "Hộ kinh doanh".into(),
                            "other" => "Khác".into(),
                            other => other.into(),
                        },
                        "kind" => match s.as_str() {
                            "new" => "Mới".into(),
                            "upgrade" => "Nâng hạng".into(),
                            "rerate" => "Đánh giá lại".into(),
                            other => other.into(),
                        },
                        _ => s.clone(),
                    },
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                })
                .collect(),
        );
    }
    Ok(rows)
}
