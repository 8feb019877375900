//! Issue 18's leftovers, part of `tests/register.rs`: a register whose schema was bent with a SQLite
//! tool (the audit log's guards dropped or rewritten, a trigger of someone's own) is refused on open
//! and left byte-identical; the register lists its products in Vietnamese alphabetical order; a
//! register behind a symlink is the real file, and a link to nothing is refused, not made anew.

use super::common::bytes;
use super::{Desk, p};

/// A register with three products, entered from a spreadsheet (one command).
fn used_register(desk: &Desk) {
    let csv = desk.path("so.csv");
    std::fs::write(
        &csv,
        "Tên sản phẩm,Chủ thể,Hạng sao,Ngày quyết định\n\
         Chè xanh,HTX Chè,4 sao,1/3/2024\n\
         Rượu nếp,Hộ ông Ba,5,2022-01-10\n\
         Mật ong,HTX Ong,3,20/6/2023\n",
    )
    .unwrap();
    desk.ok(&["register", "import", p(&csv)]);
}

/// What someone does to the register with the sqlite3 shell, and the refusal's words for it.
const BENT: [(&str, &str); 4] = [
    ("DROP TRIGGER audit_log_no_update;", "thiếu trigger audit_log_no_update"),
    (
        "DROP TRIGGER audit_log_no_delete;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN old.action = 'create'
         BEGIN SELECT RAISE(ABORT, 'ocop: the audit log is append-only'); END;",
        "trigger audit_log_no_delete đã bị đổi",
    ),
    (
        "CREATE TRIGGER quiet AFTER INSERT ON audit_log BEGIN SELECT 1; END;",
        "có thêm trigger quiet không do ứng dụng tạo",
    ),
    (
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, 'stars BETWEEN 3 AND 5', 'stars BETWEEN 0 AND 5')
          WHERE name = 'product';",
        "bảng product đã bị đổi",
    ),
];

#[test]
fn a_register_bent_by_raw_sql_is_refused_naming_the_object_and_left_byte_identical() {
    for (bend, said) in BENT {
        let desk = Desk::new();
        used_register(&desk);
        let register = desk.register();
        {
            let conn = rusqlite::Connection::open(&register).unwrap();
            conn.execute_batch(bend).unwrap();
            // The audit log rewritten once its guard is gone, where it is gone.
            let _ = conn.execute("UPDATE audit_log SET actor = 'nobody'", []);
            // Back to the shell's own journal: a register opened as if nothing happened would be
            // switched to WAL again, and so written.
            conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
        }
        let before = bytes(&register);
        let csv = desk.path("them.csv");
        std::fs::write(&csv, "Tên sản phẩm,Chủ thể,Hạng sao,Ngày quyết định\nGạo,HTX Gạo,3,20/6/2023\n").unwrap();
        for args in [&["register", "list", "--json"][..], &["register", "import", p(&csv)], &["register", "due"]] {
            let e = desk.refused(args);
            assert_eq!(e.lines().count(), 1, "{args:?}: one sentence: {e}");
            let whole = format!("{}: sổ theo dõi đã bị sửa ngoài ứng dụng: {said}; hãy dùng bản sao lưu", p(&register));
            assert!(e.contains(&whole), "{args:?}: {whole} in {e}");
            assert!(bytes(&register) == before, "{args:?} after «{bend}»: the register was written");
        }
    }
}

#[test]
fn a_fresh_and_a_used_register_still_open() {
    let desk = Desk::new();
    assert_eq!(desk.json(&["register", "list", "--json"]), serde_json::json!([]), "made");
    assert_eq!(desk.json(&["register", "list", "--json"]), serde_json::json!([]), "opened again");
    used_register(&desk);
    desk.ok(&["register", "revoke", "--product", "Mật ong", "--producer", "HTX Ong", "--reason", "vi phạm"]);
    // ANALYZE makes SQLite's own sqlite_stat1: not an object of the app's, not a change.
    rusqlite::Connection::open(desk.register()).unwrap().execute_batch("ANALYZE;").unwrap();
    let list = desk.json(&["register", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(3), "{list}");
    let stats = desk.json(&["register", "stats", "--on", "2025-01-01", "--json"]);
    assert_eq!(stats["revoked"].as_u64(), Some(1), "{stats}");
}

/// Entered in this order; the register reads them in Vietnamese alphabetical order (a ă â b c d đ
/// … o ô ơ), by product and then producer — not in the order entered, nor in byte order (which
/// puts "Đ" after "Z" and "Ấ", "Ổ" after every plain letter).
#[test]
fn the_register_lists_its_products_in_vietnamese_alphabetical_order() {
    let desk = Desk::new();
    let csv = desk.path("so.csv");
    std::fs::write(
        &csv,
        "Tên sản phẩm,Chủ thể,Hạng sao,Ngày quyết định\n\
         Ổi,HTX Ổi,3,20/6/2023\n\
         Đậu,HTX Đậu,3,20/6/2023\n\
         Bánh,HTX Đông,3,20/6/2023\n\
         Dưa,HTX Dưa,3,20/6/2023\n\
         Ấm,HTX Ấm,3,20/6/2023\n\
         Bánh,HTX Dương,3,20/6/2023\n\
         Anh,HTX Anh,3,20/6/2023\n",
    )
    .unwrap();
    desk.ok(&["register", "import", p(&csv)]);
    let wanted = [
        ("Anh", "HTX Anh"),
        ("Ấm", "HTX Ấm"),
        ("Bánh", "HTX Dương"),
        ("Bánh", "HTX Đông"),
        ("Dưa", "HTX Dưa"),
        ("Đậu", "HTX Đậu"),
        ("Ổi", "HTX Ổi"),
    ];
    let pairs = |rows: &serde_json::Value| -> Vec<(String, String)> {
        let rows = rows.as_array().unwrap().iter();
        rows.map(|r| (r["product"].as_str().unwrap().to_string(), r["producer"].as_str().unwrap().to_string()))
            .collect()
    };
    let owned: Vec<(String, String)> = wanted.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(pairs(&desk.json(&["register", "list", "--json"])), owned, "--json");
    let text = desk.ok(&["register", "list"]);
    let listed: Vec<&str> = text.lines().skip(1).map(|l| l.split(" · ").next().unwrap()).collect();
    let said: Vec<String> = wanted.iter().map(|(a, b)| format!("{a} — {b}")).collect();
    assert_eq!(listed, said, "{text}");
    // The Register screen reads the same list; the due list, all due on one day, the same order.
    let day = ocop_council::domain::Date::new(2026, 5, 1).unwrap();
    let view = ocop_council::workspace::RegisterView::load(&desk.register(), day).unwrap();
    let shown: Vec<(String, String)> = view.products.iter().map(|p| (p.product.clone(), p.producer.clone())).collect();
    assert_eq!(shown, owned, "the Register screen");
    let due: Vec<(String, String)> = view.due.iter().map(|i| (i.product.clone(), i.producer.clone())).collect();
    assert_eq!(due, owned, "the due list on the screen");
    assert_eq!(pairs(&desk.json(&["register", "due", "--on", "2026-05-01", "--json"])), owned, "register due --json");
}

/// The office keeps its register on a share, linked from the data folder: the link is followed and
/// the real file is the register (read and written through it, as a session file behind a link is).
/// A link whose file is not there (the share's drive not connected) is refused — a new empty
/// register made behind it would split the office's register — and so are a folder and a pipe
/// (SQLite would wait on a pipe for ever).
#[cfg(unix)]
#[test]
fn a_register_behind_a_symlink_is_the_real_file_and_a_link_to_nothing_is_refused() {
    let (share, desk) = (Desk::new(), Desk::new());
    used_register(&share);
    std::fs::create_dir_all(desk.path("data")).unwrap();
    std::os::unix::fs::symlink(share.register(), desk.register()).unwrap();
    assert_eq!(desk.json(&["register", "list", "--json"]).as_array().map(Vec::len), Some(3));
    let csv = desk.path("them.csv");
    std::fs::write(&csv, "Tên sản phẩm,Chủ thể,Hạng sao,Ngày quyết định\nGạo,HTX Gạo,3,20/6/2023\n").unwrap();
    desk.ok(&["register", "import", p(&csv)]);
    assert_eq!(share.json(&["register", "list", "--json"]).as_array().map(Vec::len), Some(4), "written through");
    assert!(std::fs::symlink_metadata(desk.register()).unwrap().file_type().is_symlink(), "still a link");
    let beside: Vec<_> = std::fs::read_dir(desk.path("data")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["register.ocop-register"], "no log of its own beside the link");

    // The share's folder is there, its file not (the drive not mounted); then not even the folder.
    let unmounted = Desk::new();
    std::fs::create_dir_all(unmounted.path("data")).unwrap();
    std::fs::create_dir_all(unmounted.path("share")).unwrap();
    let target = unmounted.path("share").join("register.ocop-register");
    std::os::unix::fs::symlink(&target, unmounted.register()).unwrap();
    for _ in 0..2 {
        let e = unmounted.refused(&["register", "list"]);
        assert_eq!(e.lines().count(), 1, "{e}");
        let whole =
            format!("{}: là liên kết (symlink) tới {}, nhưng ở đó không có tệp", p(&unmounted.register()), p(&target));
        assert!(e.contains(&whole), "{whole} in {e}");
        assert_eq!(std::fs::read_dir(unmounted.path("share")).map(|d| d.count()).unwrap_or(0), 0, "no register made");
        std::fs::remove_dir(unmounted.path("share")).unwrap_or_default();
    }

    let odd = Desk::new();
    std::fs::create_dir_all(odd.register()).unwrap();
    let e = odd.refused(&["register", "list"]);
    assert!(e.contains(&format!("{}: đây là một thư mục, không phải tệp", p(&odd.register()))), "{e}");
    std::fs::remove_dir(odd.register()).unwrap();
    if std::process::Command::new("mkfifo").arg(odd.register()).status().is_ok_and(|s| s.success()) {
        let e = odd.refused(&["register", "list"]);
        assert!(e.contains(&format!("{}: không phải tệp sổ theo dõi sản phẩm OCOP", p(&odd.register()))), "{e}");
    }
}
