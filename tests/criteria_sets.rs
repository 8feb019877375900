//! Criteria sets as spreadsheets: the built-in set survives export → import exactly (same hash),
//! and each check of a broken sheet names its row, sheet and criterion.

mod common;

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

fn cli(data: &std::path::Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    common::output(std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council")).args(args).env("OCOP_DATA_DIR", data))
}

fn out(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn a_council_installs_its_own_set_and_old_sessions_keep_their_results() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dữ liệu");
    // The secretary starts from a copy of the built-in set…
    let xlsx = dir.path().join("bộ 148.xlsx");
    let o =
        cli(&data, &["criteria".as_ref(), "export".as_ref(), "qd26-2026".as_ref(), "-o".as_ref(), xlsx.as_os_str()]);
    assert!(o.status.success(), "{}", out(&o));
    // …gives it its own id and wording, and saves it as CSV (as Excel can).
    let mut r = rows(&builtin());
    r[1][1] = "qd148-2023-phu-luc-3".into();
    r[2][1] = "Bộ tiêu chí theo Phụ lục III, Quyết định 148/QĐ-TTg".into();
    r[8][col("Phương án")] = "Sản phẩm trồng tại địa phương dưới 50%".into();
    let csv = dir.path().join("bộ 148.csv");
    let text: String = r
        .iter()
        .map(|row| row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\n")
        .collect();
    std::fs::write(&csv, text).unwrap();
    // A session scored before, with the built-in set.
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/y-yen-2023.json");
    let old = dir.path().join("cũ.ocop");
    assert!(cli(&data, &["new".as_ref(), old.as_os_str(), "--from".as_ref(), demo.as_os_str()]).status.success());
    let before = cli(&data, &["results".as_ref(), old.as_os_str(), "--json".as_ref()]).stdout;

    let o = cli(&data, &["criteria".as_ref(), "import".as_ref(), csv.as_os_str()]);
    assert!(o.status.success(), "{}", out(&o));
    assert!(out(&o).contains("Đã cài bộ tiêu chí «qd148-2023-phu-luc-3» (26 bộ"), "{}", out(&o));
    let list = out(&cli(&data, &["criteria".as_ref(), "list".as_ref()]));
    assert!(
        list.contains("qd26-2026  (có sẵn, 26 bộ") && list.contains("qd148-2023-phu-luc-3  (đã cài, 26 bộ"),
        "{list}"
    );
    // The same file again is fine; the same id with other content is refused.
    assert!(cli(&data, &["criteria".as_ref(), "import".as_ref(), csv.as_os_str()]).status.success());
    r[8][col("Phương án")] = "Nội dung khác".into();
    let text: String = r
        .iter()
        .map(|row| row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\n")
        .collect();
    std::fs::write(&csv, text).unwrap();
    let o = cli(&data, &["criteria".as_ref(), "import".as_ref(), csv.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("đã cài bộ tiêu chí «qd148-2023-phu-luc-3» với nội dung khác"), "{}", out(&o));

    // Old session: results unchanged. New session on the installed set: its own snapshot and title.
    assert_eq!(cli(&data, &["results".as_ref(), old.as_os_str(), "--json".as_ref()]).stdout, before);
    let new = dir.path().join("mới.ocop");
    let o = cli(&data, &["new".as_ref(), new.as_os_str(), "--criteria".as_ref(), "qd148-2023-phu-luc-3".as_ref()]);
    assert!(o.status.success(), "{}", out(&o));
    let v: serde_json::Value =
        serde_json::from_slice(&cli(&data, &["export".as_ref(), new.as_os_str()]).stdout).unwrap();
    assert_eq!(v["session"]["criteria_set"], "qd148-2023-phu-luc-3");
    let shown = out(&cli(
        &data,
        &["criteria".as_ref(), "show".as_ref(), "qd148-2023-phu-luc-3".as_ref(), "--sheet".as_ref(), "1".as_ref()],
    ));
    assert!(shown.contains("1. Sản phẩm trồng tại địa phương dưới 50% — 1 điểm"), "{shown}");
}

#[test]
fn installed_files_that_cannot_be_used_are_named_with_why() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dữ liệu");
    let installed = data.join("criteria");
    std::fs::create_dir_all(&installed).unwrap();
    let mut set: serde_json::Value = serde_json::from_str(&builtin().to_json()).unwrap();
    set["id"] = "hỏng".into();
    set["sheets"][0]["parts"][0]["max"] = 45.into();
    std::fs::write(installed.join("hỏng.json"), set.to_string()).unwrap();
    std::fs::write(installed.join("latin1.json"), b"{\"id\": \"caf\xe9\"}").unwrap();
    let o = cli(&data, &["criteria".as_ref(), "list".as_ref()]);
    assert!(o.status.success(), "{}", out(&o));
    let said = out(&o);
    let path = |name: &str| installed.join(name).display().to_string();
    assert!(
        said.contains(&format!(
            "Không dùng được: {}: bộ tiêu chí «hỏng», bộ sản phẩm số 1: phần A có tối đa 45 điểm, cần 40\n",
            path("hỏng.json")
        )),
        "{said}"
    );
    assert!(said.contains(&format!("Không dùng được: {}: không phải văn bản UTF-8\n", path("latin1.json"))), "{said}");
    assert!(said.contains("qd26-2026  (có sẵn, 26 bộ"), "the built-in set is still there: {said}");
    // The same problems as the English window would say them.
    use ocop_council::lang::{Lang, Say};
    let (_, problems) = ocop_council::catalog::installed::load(&installed);
    let english: Vec<String> = problems.iter().map(|p| p.say(Lang::En)).collect();
    assert_eq!(
        english,
        [
            format!("{}: criteria set “hỏng”, product sheet 1: part A is worth 45 points, needs 40", path("hỏng.json")),
            format!("{}: not UTF-8 text", path("latin1.json")),
        ]
    );
}
