//! The office's spreadsheet register (XLSX, ODS, CSV) as register entries. Headers are matched as
//! in a dossier list (any case, accents, spacing; a title row above is fine); stars written "3",
//! "3 sao", "★★★" or "3*"; dates as real spreadsheet dates or text. Every bad row is named with its
//! number, and one bad row refuses the whole file: the register takes all of it or nothing.

use super::error::{RegisterError, Result, RowFault, RowProblem};
use super::store::Entry;
use crate::domain::register::parse::{self, DateProblem};
use crate::domain::register::{Rating, RegisteredProduct, valid_until};
use crate::domain::text::{nfc, search_key};
use crate::table::{self, Format};
use std::collections::HashMap;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Number,
    Product,
    Group,
    Producer,
    EntityType,
    Commune,
    Address,
    Stars,
    DecisionNumber,
    DecisionDate,
    Authority,
    ValidUntil,
    Note,
}

impl Column {
    const ALL: [Column; 13] = [
        Column::Number,
        Column::Product,
        Column::Group,
        Column::Producer,
        Column::EntityType,
        Column::Commune,
        Column::Address,
        Column::Stars,
        Column::DecisionNumber,
        Column::DecisionDate,
        Column::Authority,
        Column::ValidUntil,
        Column::Note,
    ];

    fn label(self) -> &'static str {
        match self {
            Column::Number => "STT",
            Column::Product => "Tên sản phẩm",
            Column::Group => "Nhóm sản phẩm",
            Column::Producer => "Chủ thể",
            Column::EntityType => "Loại hình chủ thể",
            Column::Commune => "Xã",
            Column::Address => "Địa chỉ",
            Column::Stars => "Hạng sao",
            Column::DecisionNumber => "Số quyết định",
            Column::DecisionDate => "Ngày quyết định",
            Column::Authority => "Cơ quan ban hành",
            Column::ValidUntil => "Hiệu lực đến",
            Column::Note => "Ghi chú",
        }
    }

    /// Folded spellings offices write for this column.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Number => &["stt", "so tt", "so thu tu", "tt"],
            Column::Product => &["ten san pham", "san pham", "ten san pham ocop"],
            Column::Group => &["nhom san pham", "nhom", "bo san pham", "phan nhom", "nganh hang"],
            Column::Producer => &["chu the", "ten chu the", "chu the san xuat", "co so san xuat", "chu the ocop"],
            Column::EntityType => &["loai hinh chu the", "loai hinh"],
            Column::Commune => &["xa", "xa phuong", "xa phuong thi tran", "dia ban", "don vi hanh chinh"],
            Column::Address => &["dia chi"],
            Column::Stars => &["hang sao", "so sao", "hang", "xep hang", "ket qua xep hang", "sao"],
            Column::DecisionNumber => &["so quyet dinh", "quyet dinh", "so qd", "quyet dinh cong nhan"],
            Column::DecisionDate => &["ngay quyet dinh", "ngay qd", "ngay cong nhan", "ngay ban hanh"],
            Column::Authority => &["co quan ban hanh", "co quan cong nhan", "cap cong nhan"],
            Column::ValidUntil => &["hieu luc den", "hieu luc", "han hieu luc", "ngay het han", "het han"],
            Column::Note => &["ghi chu"],
        }
    }

    fn recognise(header: &str) -> Option<Column> {
        let key = search_key(header);
        Column::ALL.into_iter().find(|c| c.aliases().contains(&key.as_str()))
    }
}

/// The entries of the spreadsheet register at `path`, or every reason it is refused.
pub fn read(path: &Path) -> Result<Vec<Entry>> {
    let file = path.display().to_string();
    let Some(format) = Format::of(path) else {
        return Err(RegisterError::WrongFormat { file });
    };
    let rows =
        table::read(path, format).map_err(|e| RegisterError::Table { file: file.clone(), problem: e.problem })?;
    let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.clone());
    plan_rows(&file, &source, &rows)
}

/// The rows as entries: the header among the first ten rows, then one entry per non-blank row.
pub fn plan_rows(file: &str, source: &str, rows: &[Vec<String>]) -> Result<Vec<Entry>> {
    let refuse = |row, column: Column, problem: RowFault| RegisterError::BadRows {
        file: file.to_string(),
        problems: vec![RowProblem { row, column: column.label(), problem }],
    };
    let Some((h, header)) =
        rows.iter().enumerate().take(10).find(|(_, r)| r.iter().any(|c| Column::recognise(c) == Some(Column::Product)))
    else {
        return Err(refuse(1, Column::Product, RowFault::NoHeader));
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        let Some(c) = Column::recognise(cell) else { continue };
        if let Some(&first) = columns.get(&c) {
            return Err(refuse(h + 1, c, RowFault::DuplicateColumn(first + 1, i + 1)));
        }
        columns.insert(c, i);
    }
    for required in [Column::Stars, Column::DecisionDate] {
        if !columns.contains_key(&required) {
            return Err(refuse(h + 1, required, RowFault::MissingColumn));
        }
    }
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(h + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = Cells { columns: &columns, row };
        match entry(i + 1, &cells, source) {
            Ok(e) => entries.push((i + 1, e)),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        one_per_decision(entries).map_err(|problems| RegisterError::BadRows { file: file.to_string(), problems })
    } else {
        Err(RegisterError::BadRows { file: file.to_string(), problems })
    }
}

/// The entries with one row per product, producer and decision date. Two rows that say so twice
/// word for word are one rating (a row pasted twice): the first is kept. Two that differ in anything
/// else (the stars, the decision's number, a spelling of the name) are refused, the later row named
/// with the earlier: which of them the register holds would otherwise depend on their order.
fn one_per_decision(entries: Vec<(usize, Entry)>) -> std::result::Result<Vec<Entry>, Vec<RowProblem>> {
    use crate::domain::register::identity_key;
    let mut first: HashMap<(String, crate::domain::Date), usize> = HashMap::new();
    let mut kept: Vec<(usize, Entry)> = Vec::with_capacity(entries.len());
    let mut problems = Vec::new();
    for (row, entry) in entries {
        let p = &entry.product;
        let key = (identity_key(&p.product, &p.producer), p.decision_date);
        let Some(&k) = first.get(&key) else {
            first.insert(key, kept.len());
            kept.push((row, entry));
            continue;
        };
        let (earlier, taken) = &kept[k];
        let differs = DIFFERENCES.into_iter().find_map(|c| {
            let (a, b) = (fact(&taken.product, c)?, fact(p, c)?);
            (a != b).then_some((c, a, b))
        });
        if let Some((column, a, b)) = differs {
            problems.push(RowProblem { row, column: column.label(), problem: RowFault::Conflicting(*earlier, a, b) });
        }
    }
    if problems.is_empty() { Ok(kept.into_iter().map(|(_, e)| e).collect()) } else { Err(problems) }
}

/// The columns two rows of one decision are compared by, the one the office most needs to hear of
/// first: the stars before a spelling of the name.
const DIFFERENCES: [Column; 12] = [
    Column::Stars,
    Column::DecisionNumber,
    Column::ValidUntil,
    Column::Authority,
    Column::Group,
    Column::EntityType,
    Column::Commune,
    Column::Address,
    Column::Note,
    Column::Product,
    Column::Producer,
    Column::DecisionDate,
];

/// What a product's entry holds for a column, as the register keeps it (`None` for the row's
/// number, which is no fact of the product).
fn fact(p: &RegisteredProduct, column: Column) -> Option<String> {
    Some(match column {
        Column::Number => return None,
        Column::Product => p.product.clone(),
        Column::Group => p.group.clone(),
        Column::Producer => p.producer.clone(),
        Column::EntityType => p.entity_type.clone(),
        Column::Commune => p.commune.clone(),
        Column::Address => p.address.clone(),
        Column::Stars => p.stars.to_string(),
        Column::DecisionNumber => p.decision_number.clone(),
        Column::DecisionDate => p.decision_date.to_string(),
        Column::Authority => p.authority.clone(),
        Column::ValidUntil => p.valid_until.to_string(),
        Column::Note => p.note.clone(),
    })
}

/// The longest text a cell may bring into the register. Official product and producer names run
/// to a line or two; a 10 MB cell (a pasted document) would be drawn on every Register screen and
/// printed on certificates.
pub const CELL_CHARS: usize = 1000;

struct Cells<'r> {
    columns: &'r HashMap<Column, usize>,
    row: &'r [String],
}

impl Cells<'_> {
    fn get(&self, c: Column) -> String {
        self.columns.get(&c).and_then(|&i| self.row.get(i)).map(|s| nfc(s.trim())).unwrap_or_default()
    }
}

/// The stars a cell gives, 3 to 5.
fn stars_of(text: &str) -> std::result::Result<u8, RowFault> {
    match parse::stars(text) {
        Some(s) if (3..=5).contains(&s) => Ok(s),
        Some(s) => Err(RowFault::StarsOutOfRange(s)),
        None => Err(RowFault::NotStars(text.to_string())),
    }
}

/// The day a date cell gives (None for an empty cell that may be empty), or why it gives none.
fn date_in(text: &str, required: bool) -> std::result::Result<Option<crate::domain::Date>, RowFault> {
    if text.is_empty() && !required {
        return Ok(None);
    }
    match parse::date(text) {
        Ok(d) if (2000..=2100).contains(&d.year()) => Ok(Some(d)),
        Ok(_) => Err(RowFault::DateOutOfRange(text.to_string())),
        Err(DateProblem::Impossible) => Err(RowFault::NoSuchDay(text.to_string())),
        Err(DateProblem::NotADate) if text.is_empty() => Err(RowFault::NoDate),
        Err(DateProblem::NotADate) => Err(RowFault::NotADate(text.to_string())),
    }
}

/// One row as an entry, or every problem it has.
fn entry(row: usize, cells: &Cells<'_>, source: &str) -> std::result::Result<Entry, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut problem =
        |column: Column, fault: RowFault| problems.push(RowProblem { row, column: column.label(), problem: fault });
    for column in Column::ALL {
        let length = cells.columns.get(&column).and_then(|&i| cells.row.get(i)).map_or(0, |s| s.chars().count());
        if length > CELL_CHARS {
            problem(column, RowFault::TooLong(length));
        }
    }
    let product = cells.get(Column::Product);
    if product.is_empty() {
        problem(Column::Product, RowFault::NoProduct);
    }
    let stars = stars_of(&cells.get(Column::Stars)).map_err(|f| problem(Column::Stars, f)).ok();
    let mut date_of = |column: Column, required: bool| {
        date_in(&cells.get(column), required).unwrap_or_else(|fault| {
            problem(column, fault);
            None
        })
    };
    let decision_date = date_of(Column::DecisionDate, true);
    let stated_until = date_of(Column::ValidUntil, false);
    if let (Some(decided), Some(until)) = (decision_date, stated_until)
        && until <= decided
    {
        problem(Column::ValidUntil, RowFault::ValidNotAfterDecision(until, decided));
    }
    // Any problem refuses the row: a bad "Hiệu lực đến" too, which was once dropped for the three
    // years after the decision, a date the office never wrote.
    let (Some(stars), Some(decision_date), false, true) =
        (stars, decision_date, product.is_empty(), problems.is_empty())
    else {
        return Err(problems);
    };
    let decision_number = cells.get(Column::DecisionNumber);
    let address = cells.get(Column::Address);
    let commune = match cells.get(Column::Commune) {
        c if c.is_empty() => super::from_session::commune_of(&address),
        c => c,
    };
    let product = RegisteredProduct {
        product,
        group: cells.get(Column::Group),
        producer: cells.get(Column::Producer),
        entity_type: cells.get(Column::EntityType),
        commune,
        address,
        stars,
        decision_number: decision_number.clone(),
        decision_date,
        authority: cells.get(Column::Authority),
        valid_until: stated_until.unwrap_or_else(|| valid_until(decision_date)),
        revoked: None,
        note: cells.get(Column::Note),
    };
    let rating =
        Rating { session: String::new(), date: decision_date, mean: None, stars, decision_number, decision_date };
    Ok(Entry { product, rating, source: source.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn a_title_row_any_spelling_and_every_way_of_writing_stars_and_dates() {
        let table = rows(&[
            &["SỔ THEO DÕI SẢN PHẨM OCOP HUYỆN Ý YÊN", "", "", "", "", ""],
            &["stt", "TEN SAN PHAM", "Chủ thể", "Hạng  sao", "Ngày QĐ", "Hiệu lực đến"],
            &["1", "Gạo nếp", "HTX Yên Lợi", "3 sao", "20/6/2023", ""],
            &["2", "Mật ong", "Hộ ông A", "★★★★", "45097", "2026-01-31"],
            &["", "", "", "", "", ""],
            &["3", "Chè", "HTX B", "5*", "2023-06-20", ""],
        ]);
        let entries = plan_rows("so.xlsx", "so.xlsx", &table).unwrap();
        let seen: Vec<(&str, u8, String)> = entries
            .iter()
            .map(|e| (e.product.product.as_str(), e.product.stars, e.product.valid_until.to_string()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("Gạo nếp", 3, "2026-06-20".to_string()),
                ("Mật ong", 4, "2026-01-31".to_string()),
                ("Chè", 5, "2026-06-20".to_string())
            ]
        );
    }

    #[test]
    fn every_bad_row_is_named() {
        let table = rows(&[
            &["Tên sản phẩm", "Hạng sao", "Ngày quyết định"],
            &["Gạo", "3", "20/6/2023"],
            &["", "3", "20/6/2023"],
            &["Chè", "2 sao", "20/6/2023"],
            &["Mắm", "4", "31/4/2023"],
            &["Rượu", "x", "hôm qua"],
        ]);
        let Err(RegisterError::BadRows { problems, .. }) = plan_rows("so.csv", "so.csv", &table) else { panic!() };
        let seen: Vec<(usize, &str)> = problems.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(
            seen,
            vec![(3, "Tên sản phẩm"), (4, "Hạng sao"), (5, "Ngày quyết định"), (6, "Hạng sao"), (6, "Ngày quyết định")]
        );
        assert_eq!(problems[2].problem, RowFault::NoSuchDay("31/4/2023".into()));
    }

    #[test]
    fn a_column_named_twice_in_the_header_is_refused_not_guessed() {
        // "Sao" and "Hạng sao" both mean the stars: which one the office means is not ours to pick.
        let table = rows(&[
            &["SỔ THEO DÕI OCOP", "", "", "", ""],
            &["Tên sản phẩm", "Hạng sao", "Ngày quyết định", "Sao", "Ghi chú"],
            &["Gạo", "3", "20/6/2023", "5", ""],
        ]);
        let e = plan_rows("so.xlsx", "so.xlsx", &table).unwrap_err();
        assert_eq!(
            e.to_string(),
            "so.xlsx: không nhập: 1 dòng sai — dòng 2, cột «Hạng sao»: dòng tiêu đề có cột này hai lần \
             (cột thứ 2 và thứ 4); hãy giữ một"
        );
        assert!(e.is_refusal());
    }

    #[test]
    fn a_year_or_a_small_number_in_a_date_cell_is_not_a_day_of_1905() {
        let table = rows(&[
            &["Tên sản phẩm", "Hạng sao", "Ngày quyết định", "Hiệu lực đến"],
            &["Gạo", "3", "2023", ""],
            &["Chè", "4", "1", ""],
            &["Mắm", "4", "20/6/2023", "31/12/2999"],
            &["Rượu", "5", "45097", ""],
            &["Nấm", "3", "20/6/2023", "31/4/2026"],
        ]);
        let Err(RegisterError::BadRows { problems, .. }) = plan_rows("so.csv", "so.csv", &table) else { panic!() };
        let seen: Vec<(usize, &str, RowFault)> =
            problems.iter().map(|p| (p.row, p.column, p.problem.clone())).collect();
        assert_eq!(
            seen,
            vec![
                (2, "Ngày quyết định", RowFault::DateOutOfRange("2023".into())),
                (3, "Ngày quyết định", RowFault::DateOutOfRange("1".into())),
                (4, "Hiệu lực đến", RowFault::DateOutOfRange("31/12/2999".into())),
                (6, "Hiệu lực đến", RowFault::NoSuchDay("31/4/2026".into())),
            ],
            "45097 (20/6/2023 as a spreadsheet date) is fine"
        );
        assert!(
            crate::lang::en::row_problem(&problems[0])
                .ends_with("cannot be the date of an OCOP decision (years 2000 to 2100)")
        );
    }

    #[test]
    fn a_certificate_valid_until_its_own_decision_day_or_before_is_refused() {
        let table = rows(&[
            &["Tên sản phẩm", "Hạng sao", "Ngày quyết định", "Hiệu lực đến"],
            &["Gạo", "3", "20/6/2023", "20/6/2023"],
            &["Chè", "4", "20/6/2023", "1/1/2021"],
            &["Mắm", "4", "20/6/2023", "21/6/2023"],
        ]);
        let Err(RegisterError::BadRows { problems, .. }) = plan_rows("so.csv", "so.csv", &table) else { panic!() };
        let d = |y, m, d| crate::domain::Date::new(y, m, d).unwrap();
        let seen: Vec<(usize, RowFault)> = problems.iter().map(|p| (p.row, p.problem.clone())).collect();
        assert_eq!(
            seen,
            vec![
                (2, RowFault::ValidNotAfterDecision(d(2023, 6, 20), d(2023, 6, 20))),
                (3, RowFault::ValidNotAfterDecision(d(2021, 1, 1), d(2023, 6, 20))),
            ],
            "a day after the decision is a (short) validity the office wrote"
        );
        assert!(
            crate::lang::vi::row_problem(&problems[1])
                .contains("hiệu lực đến 01/01/2021 không sau ngày quyết định 20/06/2023")
        );
        assert!(
            crate::lang::en::row_problem(&problems[1])
                .contains("valid until 2021-01-01, not after the decision's date 2023-06-20")
        );
    }

    #[test]
    fn a_cell_longer_than_any_name_is_refused() {
        let long = "Gạo ".repeat(2_500_000); // 10 MB
        let table = rows(&[&["Tên sản phẩm", "Hạng sao", "Ngày quyết định"], &[&long, "3", "20/6/2023"]]);
        let e = plan_rows("so.csv", "so.csv", &table).unwrap_err().to_string();
        assert_eq!(e, "so.csv: không nhập: 1 dòng sai — dòng 2, cột «Tên sản phẩm»: ô dài 10000000 ký tự; tối đa 1000");
    }

    #[test]
    fn two_rows_of_one_decision_that_disagree_are_refused_in_either_order() {
        let header: &[&str] = &["STT", "Tên sản phẩm", "Chủ thể", "Hạng sao", "Ngày quyết định"];
        let (a, b): (&[&str], &[&str]) =
            (&["1", "Gạo", "HTX A", "4", "20/6/2023"], &["2", "GẠO", "htx a", "5", "20/6/2023"]);
        let other: &[&str] = &["3", "Chè", "HTX B", "3", "20/6/2023"];
        for (first, second) in [(a, b), (b, a)] {
            let table = rows(&[header, first, other, other, second]);
            let Err(RegisterError::BadRows { problems, .. }) = plan_rows("so.csv", "so.csv", &table) else { panic!() };
            let fault = RowFault::Conflicting(2, first[3].into(), second[3].into());
            assert_eq!(problems, vec![RowProblem { row: 5, column: "Hạng sao", problem: fault }]);
        }
        // Only a spelling of the name differs: refused too, the register's spelling is not the
        // order's to choose either.
        let respelled: &[&str] = &["4", "GẠO", "htx a", "4", "20/6/2023"];
        let Err(RegisterError::BadRows { problems, .. }) =
            plan_rows("so.csv", "so.csv", &rows(&[header, a, respelled]))
        else {
            panic!()
        };
        assert_eq!(problems[0].problem, RowFault::Conflicting(2, "Gạo".into(), "GẠO".into()));
        // The same names: the stars are what differs, said in both languages.
        let c: &[&str] = &["7", "Gạo", "HTX A", "5", "2023-06-20"];
        let e = plan_rows("so.csv", "so.csv", &rows(&[header, other, a, other, other, other, other, c])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "so.csv: không nhập: 1 dòng sai — dòng 3 và dòng 8: cùng sản phẩm, cùng chủ thể, cùng ngày quyết định \
             nhưng khác «Hạng sao» («4» và «5»); hãy giữ một dòng"
        );
        assert_eq!(
            crate::lang::en::register_error(&e),
            "so.csv: nothing imported: 1 bad row — rows 3 and 8: the same product of the same producer on the same \
             decision date, but a different «Hạng sao» («4» and «5»); keep one row"
        );
    }

    #[test]
    fn a_row_pasted_twice_is_one_rating_and_other_decisions_are_history() {
        let table = rows(&[
            &["STT", "Tên sản phẩm", "Chủ thể", "Hạng sao", "Ngày quyết định"],
            &["1", "Gạo", "HTX A", "4", "20/6/2023"],
            &["2", "Gạo", "HTX A", "4 sao", "2023-06-20"],
            &["3", "Gạo", "HTX A", "5", "1/7/2026"],
        ]);
        let entries = plan_rows("so.csv", "so.csv", &table).unwrap();
        let seen: Vec<(u8, String)> =
            entries.iter().map(|e| (e.product.stars, e.product.decision_date.to_string())).collect();
        assert_eq!(seen, vec![(4, "2023-06-20".into()), (5, "2026-07-01".into())]);
    }

    #[test]
    fn a_refusal_quotes_an_excerpt_and_names_twenty_rows_at_most() {
        let long = "x".repeat(10_000_000);
        let table = rows(&[&["Tên sản phẩm", "Hạng sao", "Ngày quyết định"], &["Gạo", &long, "20/6/2023"]]);
        let e = plan_rows("so.csv", "so.csv", &table).unwrap_err();
        for text in [e.to_string(), crate::lang::en::register_error(&e)] {
            assert!(text.len() < 600, "{} bytes: {}", text.len(), &text[..600.min(text.len())]);
            assert!(text.contains(&format!("«{}…»", "x".repeat(80))), "{text}");
        }
        let mut table = vec![vec!["Tên sản phẩm".to_string(), "Hạng sao".into(), "Ngày quyết định".into()]];
        table.extend((0..100_000).map(|i| vec![format!("Gạo {i}"), "x".repeat(40), "hôm qua".into()]));
        let e = plan_rows("so.csv", "so.csv", &table).unwrap_err();
        let (vi, en) = (e.to_string(), crate::lang::en::register_error(&e));
        assert!(vi.starts_with("so.csv: không nhập: 100000 dòng sai — dòng 2, cột «Hạng sao»"), "{vi}");
        assert!(vi.contains("dòng 21, cột «Ngày quyết định»") && !vi.contains("dòng 22,"), "{vi}");
        assert!(vi.ends_with("; … và 99980 dòng sai nữa"), "{vi}");
        assert!(
            en.starts_with("so.csv: nothing imported: 100000 bad rows — ")
                && en.ends_with("; … and 99980 more bad rows")
        );
        assert!(vi.len() < 8_000 && en.len() < 8_000, "{} and {} bytes", vi.len(), en.len());
    }

    #[test]
    fn a_register_without_the_stars_column_is_refused() {
        let table = rows(&[&["Tên sản phẩm", "Ngày quyết định"], &["Gạo", "20/6/2023"]]);
        let e = plan_rows("so.csv", "so.csv", &table).unwrap_err().to_string();
        assert_eq!(e, "so.csv: không nhập: 1 dòng sai — dòng 1, cột «Hạng sao»: thiếu cột bắt buộc");
    }
}
