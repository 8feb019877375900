//! Issue 18, what an adversarial tester found, part of `tests/register.rs`: two rows of one product
//! and decision that disagree are refused whichever comes first; a refusal quotes an excerpt of a
//! huge cell and names twenty bad rows at most; a session entered again with a corrected decision
//! is still one rating.

use super::common::bytes;
use super::{DEMO_RECOGNISED, Desk, p};

const HEADER: &str = "STT,Tên sản phẩm,Chủ thể,Hạng sao,Số quyết định,Ngày quyết định\n";

/// A spreadsheet register (CSV): `first` on row 3 and `last` on row 7, other products between.
fn register_csv(desk: &Desk, name: &str, first: &str, last: &str) -> std::path::PathBuf {
    let path = desk.path(name);
    let others =
        ["Chè xanh,HTX Chè,3,1/QĐ,20/6/2023", "Mật ong,HTX Ong,4,1/QĐ,20/6/2023", "Nem chua,HTX Nem,3,1/QĐ,1/3/2024"];
    let rows = [others[0], first, others[1], others[2], "Tương,Hộ bà Tư,5,1/QĐ,20/6/2023", last];
    let body: String = rows.iter().enumerate().map(|(i, r)| format!("{},{r}\n", i + 1)).collect();
    std::fs::write(&path, format!("{HEADER}{body}")).unwrap();
    path
}

#[test]
fn rows_of_one_decision_that_disagree_are_refused_whichever_comes_first() {
    let desk = Desk::new();
    let (four, five) = ("Gạo,HTX A,4,1/QĐ,20/6/2023", "GẠO,htx a,5,1/QĐ,20/6/2023");
    // A register already in use, which the refusals must leave as it was.
    desk.ok(&[
        "register",
        "import",
        p(&register_csv(&desk, "dau.csv", "Nấm,HTX N,3,9/QĐ,1/1/2024", "Rượu,HTX R,4,9/QĐ,1/1/2024")),
    ]);
    let register = bytes(&desk.register());
    for (name, first, last, said) in [("a.csv", four, five, "(«4» và «5»)"), ("b.csv", five, four, "(«5» và «4»)")]
    {
        let e = desk.refused(&["register", "import", p(&register_csv(&desk, name, first, last))]);
        assert_eq!(e.lines().count(), 1, "one sentence: {e}");
        assert_eq!(
            e.trim_end(),
            format!(
                "ocop-council: {}: không nhập: 1 dòng sai — dòng 3 và dòng 7: cùng sản phẩm, cùng chủ thể, cùng ngày quyết định \
                 nhưng khác «Hạng sao» {said}; hãy giữ một dòng",
                p(&desk.path(name))
            )
        );
        assert_eq!(bytes(&desk.register()), register, "a refused import leaves the register byte-identical");
    }
    // The same row twice (written another way: "4 sao", an ISO date) is one rating.
    let twice = register_csv(&desk, "hai-lan.csv", four, "Gạo,HTX A,4 sao,1/QĐ,2023-06-20");
    let out = desk.ok(&["register", "import", p(&twice)]);
    assert!(
        out.contains("5 dòng sản phẩm đọc được") && out.contains("vào sổ mới 1, cập nhật 0, đã có trong sổ 4"),
        "{out}"
    );
    let history = desk.json(&["register", "history", "Gạo", "--producer", "HTX A", "--json"]);
    assert_eq!(history["ratings"].as_array().unwrap().len(), 1);
    assert_eq!(history["ratings"][0]["stars"], 4);
}

#[test]
fn refusals_quote_an_excerpt_of_a_cell_and_name_twenty_rows_at_most() {
    let desk = Desk::new();
    let huge = desk.path("o-lon.csv");
    std::fs::write(&huge, format!("{HEADER}1,Gạo,HTX A,{},1/QĐ,20/6/2023\n", "★".repeat(3_500_000) + "x")).unwrap();
    let e = desk.refused(&["register", "import", p(&huge)]);
    assert_eq!(e.lines().count(), 1, "one line");
    assert!(e.len() < 1_000, "{} bytes", e.len());
    assert!(e.contains("ô dài 3500001 ký tự; tối đa 1000") && e.contains(&format!("«{}…»", "★".repeat(80))), "{e}");

    let many = desk.path("nhieu.csv");
    let rows: String = (0..100_000).map(|i| format!("{i},Gạo {i},HTX A,hai sao,1/QĐ,20/6/2023\n")).collect();
    std::fs::write(&many, format!("{HEADER}{rows}")).unwrap();
    let e = desk.refused(&["register", "import", p(&many)]);
    assert_eq!(e.lines().count(), 1, "one line");
    assert!(e.len() < 4_000, "{} bytes", e.len());
    assert!(e.contains(": không nhập: 100000 dòng sai — dòng 2, cột «Hạng sao»: «hai sao» không phải hạng sao"), "{e}");
    assert!(e.contains("dòng 21, cột «Hạng sao»") && !e.contains("dòng 22,"), "{e}");
    assert!(e.trim_end().ends_with("; … và 99980 dòng sai nữa"), "{e}");
    assert!(!desk.register().exists(), "no register is made for a refused file");
}

/// The decision's audit rows: (action, old, new).
fn audit(desk: &Desk) -> Vec<(String, Option<String>, Option<String>)> {
    let conn = rusqlite::Connection::open(desk.register()).unwrap();
    let mut stmt = conn.prepare("SELECT action, old, new FROM audit_log ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_session_entered_again_with_a_corrected_decision_is_still_one_rating() {
    let desk = Desk::new();
    let file = desk.locked_demo(Some("2/QĐ-UBND"));
    let (rice, coop) = ("Gạo nếp cái hoa vàng Yên Cường", "HTX Dịch vụ nông nghiệp Yên Cường");
    let (cake, baker) = ("Bánh gai Yên Trị", "Hộ kinh doanh Trần Thị Nhung");
    desk.ok(&["register", "add", p(&file)]);
    desk.ok(&["register", "revoke", "--product", cake, "--producer", baker, "--reason", "vi phạm"]);
    // The decision's number was mistyped, and its date: corrected, entered again.
    desk.ok(&["decision", p(&file), "--number", "3/QĐ-UBND", "--date", "2023-06-25"]);
    let out = desk.ok(&["register", "add", p(&file)]);
    assert!(out.contains(&format!("vào sổ mới 0, cập nhật {DEMO_RECOGNISED}, đã có trong sổ 0")), "{out}");
    let history = desk.json(&["register", "history", rice, "--producer", coop, "--json"]);
    let ratings: Vec<(&str, &str)> = history["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["decision_number"].as_str().unwrap(), r["decision_date"].as_str().unwrap()))
        .collect();
    assert_eq!(ratings, vec![("3/QĐ-UBND", "2023-06-25")], "one meeting, one rating");
    let list = desk.json(&["register", "list", "--json"]);
    let products = list.as_array().unwrap();
    assert_eq!(products.len(), DEMO_RECOGNISED);
    let row = |name: &str| products.iter().find(|p| p["product"] == name).unwrap().clone();
    let r = row(rice);
    assert_eq!(
        (r["decision_number"].as_str(), r["decision_date"].as_str(), r["valid_until"].as_str()),
        (Some("3/QĐ-UBND"), Some("2023-06-25"), Some("2026-06-25"))
    );
    assert_eq!(row(cake)["revoked"], "vi phạm", "a correction does not undo a later revocation");
    let last = audit(&desk).pop().unwrap();
    assert_eq!(
        last,
        (
            "session_added".into(),
            Some("decision 2/QĐ-UBND 2023-06-20".into()),
            Some(format!("added=0 updated={DEMO_RECOGNISED} unchanged=0 replaced={DEMO_RECOGNISED}"))
        )
    );
    // Entered once more, unchanged: nothing changes.
    let register = bytes(&desk.register());
    let again = desk.ok(&["register", "add", p(&file)]);
    assert!(again.contains(&format!("vào sổ mới 0, cập nhật 0, đã có trong sổ {DEMO_RECOGNISED}")), "{again}");
    assert_eq!(bytes(&desk.register()), register);
}

/// The session's decision corrected to a day before a newer rating the office's old register holds:
/// the product takes that newer rating's stars and decision, not the replaced one's.
#[test]
fn a_corrected_decision_older_than_another_rating_leaves_the_product_to_that_rating() {
    let desk = Desk::new();
    let file = desk.locked_demo(Some("2/QĐ-UBND"));
    let (rice, coop) = ("Gạo nếp cái hoa vàng Yên Cường", "HTX Dịch vụ nông nghiệp Yên Cường");
    let csv = desk.path("so-cu.csv");
    std::fs::write(
        &csv,
        format!("Tên sản phẩm,Chủ thể,Hạng sao,Số quyết định,Ngày quyết định\n{rice},{coop},4,7/QĐ,1/7/2023\n"),
    )
    .unwrap();
    desk.ok(&["decision", p(&file), "--number", "2/QĐ-UBND", "--date", "2023-07-05"]);
    desk.ok(&["register", "add", p(&file)]);
    desk.ok(&["register", "import", p(&csv)]);
    let list = desk.json(&["register", "list", "--json"]);
    let stars = |list: &serde_json::Value| {
        let r = list.as_array().unwrap().iter().find(|p| p["product"] == rice).unwrap().clone();
        (r["stars"].as_u64().unwrap(), r["decision_number"].as_str().unwrap().to_string())
    };
    assert_eq!(stars(&list), (3, "2/QĐ-UBND".into()), "the session's 5 July decision is the newest");
    desk.ok(&["decision", p(&file), "--number", "2/QĐ-UBND", "--date", "2023-06-20"]);
    desk.ok(&["register", "add", p(&file)]);
    assert_eq!(stars(&desk.json(&["register", "list", "--json"])), (4, "7/QĐ".into()));
    let history = desk.json(&["register", "history", rice, "--producer", coop, "--json"]);
    assert_eq!(history["ratings"].as_array().unwrap().len(), 2, "the old register's and the session's");
}
