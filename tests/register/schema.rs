//! Issue 18's leftovers, part of `tests/register.rs`: a register whose schema was bent with a SQLite
//! tool (the audit log's guards dropped or rewritten, a trigger of someone's own) is refused on open
//! and left byte-identical.

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
