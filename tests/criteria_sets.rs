//! Criteria sets as spreadsheets: the built-in set survives export → import exactly (same hash),
//! and each check of a broken sheet names its row, sheet and criterion.

use ocop_council::catalog::Catalog;
use ocop_council::catalog::spreadsheet::{export, import, parse, rows};
use ocop_council::domain::fingerprint::sha256_hex;

fn builtin() -> ocop_council::domain::CriteriaSet {
    Catalog::builtin().unwrap().criteria("qd26-2026").unwrap().clone()
}

#[test]
fn the_builtin_set_round_trips_through_xlsx_and_csv_with_the_same_hash() {
    let set = builtin();
    let hash = sha256_hex(set.to_json().as_bytes());
    let dir = tempfile::tempdir().unwrap();
    for name in ["bộ tiêu chí.xlsx", "bộ tiêu chí.csv"] {
        let path = dir.path().join(name);
        export(&set, &path).unwrap();
        let back = import(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sha256_hex(back.to_json().as_bytes()), hash, "{name}");
        assert_eq!(back, set, "{name}");
    }
}

/// The built-in set's rows with one cell changed: (data row index counting from the first option row,
/// column name, new value).
fn broken(change: impl FnOnce(&mut Vec<Vec<String>>)) -> String {
    let mut r = rows(&builtin());
    change(&mut r);
    parse("tiêu chí.xlsx", &r).unwrap_err().to_string()
}

fn col(name: &str) -> usize {
    ocop_council::catalog::spreadsheet::COLUMNS.iter().position(|c| *c == name).unwrap()
}

#[test]
fn each_check_names_its_place() {
    // Row 8 (1-based) is the first data row: sheet 1, part A, group 1; row 9 is 1.1's first option.
    let e = broken(|r| r[8][col("Điểm")] = "ba".into());
    assert!(e.starts_with("tiêu chí.xlsx, dòng 9, bộ số 1, tiêu chí 1.1: Điểm «ba» không phải số nguyên"), "{e}");
    let e = broken(|r| r[8][col("Sao tối thiểu")] = "6".into());
    assert!(e.contains("dòng 9, bộ số 1, tiêu chí 1.1: sao tối thiểu «6» phải là 3, 4 hoặc 5"), "{e}");
    let e = broken(|r| {
        r[8][col("Phương án")] = String::new();
        r[8][col("Sao tối thiểu")] = "3".into();
    });
    assert!(e.contains("tiêu chí 1.1: có điểm hoặc dấu sao nhưng phương án không có nội dung"), "{e}");
    // Leaf max different from its best option (1.1 max 3 → 4).
    let e = broken(|r| {
        for row in r
            .iter_mut()
            .filter(|row| row.get(col("Bộ số")).map(String::as_str) == Some("1") && row[col("Mã tiêu chí")] == "1.1")
        {
            row[col("Điểm tối đa")] = "4".into();
        }
    });
    assert!(e.contains("dòng 8, bộ số 1, tiêu chí 1: điểm tối đa 18 khác tổng các tiêu chí con 19"), "{e}");
    // A leaf whose best option no longer reaches its max (1.1's third option 3 → 2).
    let e = broken(|r| r[10][col("Điểm")] = "2".into());
    assert!(e.contains("dòng 9, bộ số 1, tiêu chí 1.1: điểm tối đa 3 khác điểm phương án cao nhất 2"), "{e}");
    // A duplicated code further down the same sheet.
    let e = broken(|r| {
        let at = r.iter().position(|row| row.get(col("Mã tiêu chí")).map(String::as_str) == Some("1.3")).unwrap();
        for row in r.iter_mut().skip(at).take_while(|row| row[col("Mã tiêu chí")] == "1.3") {
            row[col("Mã tiêu chí")] = "1.1".into();
        }
    });
    assert!(e.contains("tiêu chí 1.1: mã tiêu chí bị trùng (đã có ở dòng 9)"), "{e}");
    // A part that no longer adds up to 40.
    let e = broken(|r| r[7][col("Điểm phần")] = "45".into());
    assert!(e.contains("bộ số 1") && e.contains("phần A có tối đa 45 điểm, cần 40"), "{e}");
    let e = broken(|r| r[0][1] = "khác".into());
    assert!(e.contains("dòng 1: không phải tệp bộ tiêu chí"), "{e}");
}
