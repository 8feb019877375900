//! The session file: creation, round trip, refusals, migrations, edits with audit rows, and the
//! lock enforced by the schema itself.

mod common;

use common::{bytes, catalog, demo_file};
use ocop_council::domain::Decision;
use ocop_council::store::{APPLICATION_ID, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

#[test]
fn a_created_file_loads_back_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let cat = catalog();
    let (expected, _, _) = ocop_council::exchange::parse(ocop_council::catalog::DEMO_SESSION, &cat, None).unwrap();
    let store = Store::open(&path).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.session.members, expected.members);
    assert_eq!(loaded.session.dossiers, expected.dossiers);
    assert_eq!(loaded.session.sheets.len(), expected.sheets.len());
    assert_eq!(loaded.criteria.id, "qd26-2026");
    assert_eq!(loaded.ruleset.id, "qd148-2023-huyen");
    assert!(loaded.lock.is_none());
    // The file is marked as ours, at the current version, in WAL mode.
    let conn = store.connection();
    let (app, ver): (i64, i64) = conn
        .query_row("SELECT * FROM pragma_application_id, pragma_user_version", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((app, ver), (APPLICATION_ID, SCHEMA_VERSION));
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous = FULL");
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let key: String =
        conn.query_row("SELECT search_key FROM dossier WHERE code = 'YY-2023-07'", [], |r| r.get(0)).unwrap();
    assert!(key.starts_with("sap gu cham khac la xuyen"), "{key}");
}

#[test]
fn create_refuses_an_existing_file_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = bytes(&path);
    let cat = catalog();
    let (s, c, r) = ocop_council::exchange::parse(ocop_council::catalog::DEMO_SESSION, &cat, None).unwrap();
    let err = Store::create(&path, &s, c, r, "test").unwrap_err();
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    assert_eq!(bytes(&path), before);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["demo.ocop"]);
}

#[test]
fn foreign_and_missing_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.ocop");
    std::fs::write(
        &text,
        "Biên bản họp — không phải cơ sở dữ liệu, chỉ là văn bản thường đủ dài để SQLite đọc phần đầu tệp.",
    )
    .unwrap();
    let err = Store::open(&text).err().unwrap();
    assert!(matches!(err, StoreError::NotASession { .. }), "{err}");
    assert!(err.to_string().contains("không phải tệp phiên họp OCOP"));

    let other = dir.path().join("other.sqlite");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    let before = bytes(&other);
    assert!(matches!(Store::open(&other).err().unwrap(), StoreError::NotASession { .. }));
    assert_eq!(bytes(&other), before, "a foreign database is not touched");

    let err = Store::open(&dir.path().join("absent.ocop")).err().unwrap();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    Connection::open(&path).unwrap().execute_batch(&format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1)).unwrap();
    let before = bytes(&path);
    let err = Store::open(&path).err().unwrap();
    match &err {
        StoreError::TooNew { found, supported, .. } => {
            assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        other => panic!("expected TooNew, got {other}"),
    }
    assert!(err.to_string().contains("hãy cập nhật ứng dụng"));
    assert_eq!(bytes(&path), before);
}

/// A version-1 file (frozen schema fixture, one row per choice) with one dossier and one sheet, locked.
fn version_1_file(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v1.sql")).unwrap();
    let cat = catalog();
    let criteria = cat.criteria("qd26-2026").unwrap().to_json();
    let ruleset = cat.ruleset("qd148-2023-huyen").unwrap().to_json();
    conn.execute_batch(
        "INSERT INTO session VALUES (1, 'Phiên cũ', 'qd148-2023-huyen', 'qd26-2026', 'UBND huyện Ý Yên', 'Nam Định', '', '2023-06-05',
            '', 10, 2, 3, 1, 2, '2023-06-05T01:00:00Z', NULL, NULL, NULL);
         INSERT INTO member VALUES ('m1', 0, 'Nguyễn Văn An', '', 'chair', 1, 1);
         INSERT INTO dossier VALUES ('YY-01', 0, 'Gạo nếp cái hoa vàng', 3, 'HTX Yên Cường', 'htx', '', '', '', 'new', NULL, NULL, 1);
         INSERT INTO score_sheet VALUES (7, 'YY-01', 'm1', 1, 'Sản phẩm tốt', 1);
         INSERT INTO choice VALUES (7, '1.1', 3), (7, '1.2', 2), (7, '4.1', 0);",
    )
    .unwrap();
    for (kind, id, json) in [("criteria", "qd26-2026", &criteria), ("ruleset", "qd148-2023-huyen", &ruleset)] {
        conn.execute(
            "INSERT INTO snapshot VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![kind, id, ocop_council::domain::fingerprint::sha256_hex(json.as_bytes()), json],
        )
        .unwrap();
    }
    conn.execute_batch(&format!(
        "UPDATE session SET locked_at = '2023-06-05T10:00:00Z', locked_by = 'thư ký', lock_fingerprint = 'abc';
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
    ))
    .unwrap();
}

#[test]
fn an_older_file_is_migrated_with_its_data_and_lock_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.ocop");
    version_1_file(&path);
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    let ver: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(ver, SCHEMA_VERSION);
    let key: String = conn.query_row("SELECT search_key FROM dossier WHERE code = 'YY-01'", [], |r| r.get(0)).unwrap();
    assert_eq!(key, "gao nep cai hoa vang htx yen cuong");
    let loaded = store.load().unwrap();
    assert_eq!(loaded.session.dossiers[0].product, "Gạo nếp cái hoa vàng");
    let sheet = &loaded.session.sheets[0];
    assert_eq!(
        (sheet.member.as_str(), sheet.round, sheet.comment.as_str(), sheet.draft),
        ("m1", 1, "Sản phẩm tốt", false)
    );
    let choices: Vec<(&str, u8)> = sheet.choices.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(choices, [("1.1", 3), ("1.2", 2), ("4.1", 0)]);
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'choice'", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0, "the per-choice table is gone");
    assert_eq!(loaded.lock.as_ref().map(|l| l.at.as_str()), Some("2023-06-05T10:00:00Z"));
    // The migration is in the audit log, and the lock trigger it lifted is back.
    let log = store.audit_log().unwrap();
    assert_eq!(log.last().unwrap().action.as_str(), "migrate");
    assert_eq!(log.last().unwrap().old.as_deref(), Some("1"));
    let err = conn.execute("UPDATE dossier SET product = 'Gạo tẻ' WHERE code = 'YY-01'", []).unwrap_err();
    assert!(err.to_string().contains("ocop: session is locked"), "{err}");
    // Opening again does not migrate twice.
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.audit_log().unwrap().iter().filter(|r| r.action.as_str() == "migrate").count(), 1);
}

#[test]
fn edits_are_saved_with_their_audit_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let log_before = store.audit_log().unwrap().len();

    // A new round for the first product: it becomes pending until the council re-scores.
    assert_eq!(store.open_round("thư ký", "YY-2023-01", "Hội đồng thống nhất chấm lại").unwrap(), 2);
    let results = store.load().unwrap().results();
    assert_eq!(results.products[0].round, 2);
    assert_eq!(results.products[0].decision, Decision::Pending);

    // One member types a choice: a draft sheet appears and is saved at once.
    store.save_choice("m1", "YY-2023-01", "m1", "1.1", 3).unwrap();
    store.save_choice("m1", "YY-2023-01", "m1", "1.1", 2).unwrap();
    let loaded = store.load().unwrap();
    let draft = loaded.session.sheets.iter().find(|s| s.dossier == "YY-2023-01" && s.round == 2).unwrap();
    assert!(draft.draft);
    assert_eq!(draft.choices.get("1.1"), Some(&2));

    // Submitting an incomplete sheet is refused and changes nothing.
    let err = store.submit_sheet("m1", "YY-2023-01", "m1", "").unwrap_err();
    assert!(err.to_string().contains("còn thiếu tiêu chí 1.2"), "{err}");

    // Unknown options, criteria, members and recusals are refused.
    let mut refusal = |dossier: &str, member: &str, code: &str, option: u8| {
        store.save_choice("x", dossier, member, code, option).unwrap_err().to_string()
    };
    assert!(refusal("YY-2023-01", "m1", "1.1", 9).contains("phương án 9 không tồn tại"));
    assert!(refusal("YY-2023-01", "m1", "99.9", 1).contains("không có tiêu chí «99.9»"));
    assert!(refusal("YY-2023-01", "m42", "1.1", 1).contains("không có thành viên «m42»"));
    assert!(refusal("YY-2023-10", "m6", "1.1", 1).contains("đã rút"));
    assert!(refusal("YY-2023-01", "m4", "1.1", 1).contains("vắng mặt"));

    let log = store.audit_log().unwrap();
    let actions: Vec<&str> = log[log_before..].iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["round", "choice", "choice"]);
    let last = &log[log.len() - 1];
    assert_eq!(last.target(), ocop_council::domain::audit::Target::choice("YY-2023-01", "m1", 2, "1.1"));
    assert_eq!((last.old.as_deref(), last.new.as_deref()), (Some("3"), Some("2")));
    assert_eq!(log[log_before].reason.as_deref(), Some("Hội đồng thống nhất chấm lại"));

    // Attendance changes too.
    store.set_attendance("thư ký", "m4", true, "").unwrap();
    assert!(store.load().unwrap().session.member("m4").unwrap().present);
}

#[test]
fn a_resolution_clears_a_spread_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    // Re-open round 1 of the spread product by writing its round back (raw SQL, as a fixture).
    store.connection().execute("UPDATE dossier SET current_round = 1 WHERE code = 'YY-2023-05'", []).unwrap();
    let p = store.load().unwrap().results().products.into_iter().find(|p| p.code == "YY-2023-05").unwrap();
    assert!(p.spread_flag);
    assert_eq!(p.spread, Some(16));
    store.resolve("thư ký", "YY-2023-05", "Hội đồng thống nhất giữ nguyên kết quả vòng 1").unwrap();
    let p = store.load().unwrap().results().products.into_iter().find(|p| p.code == "YY-2023-05").unwrap();
    assert!(!p.spread_flag);
    assert_eq!(p.decision, Decision::Recognized);
    assert!(store.resolve("thư ký", "YY-2023-05", "lần nữa").unwrap_err().to_string().contains("đã có kết luận"));
}

#[test]
fn lock_is_refused_until_finalizable_and_then_the_schema_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());

    // Not finalizable: a member's sheet is missing → refused, file unchanged.
    {
        let store = Store::open(&path).unwrap();
        store.connection().execute("UPDATE member SET present = 1 WHERE id = 'm4'", []).unwrap();
        store.close().unwrap();
    }
    let before = bytes(&path);
    {
        let mut store = Store::open(&path).unwrap();
        let err = store.lock("thư ký").unwrap_err();
        assert!(err.to_string().contains("chưa thể khóa"), "{err}");
        assert!(err.to_string().contains("vòng 1 còn thiếu phiếu của m4"), "{err}");
        // The same refusal, typed, and in English for the English window.
        assert!(matches!(&err, StoreError::NotFinalizable { blockers } if blockers.len() == 12), "{err:?}");
        use ocop_council::lang::{Lang, Say};
        assert!(err.say(Lang::En).contains("cannot be locked yet: YY-2023-01: missing sheets in round 1 from m4"));
    }
    assert_eq!(bytes(&path), before, "a refused lock leaves the file byte-identical");

    let mut store = Store::open(&path).unwrap();
    store.set_attendance("thư ký", "m4", false, "").unwrap();
    let fp = store.lock("Trần Thị Lan").unwrap();
    assert_eq!(fp.len(), 64);
    let lock = store.lock_info().unwrap().unwrap();
    assert_eq!((lock.by.as_str(), lock.fingerprint.as_str()), ("Trần Thị Lan", fp.as_str()));
    assert!(store.load().unwrap().results().session.locked);

    // The API refuses…
    let err = store.save_choice("m1", "YY-2023-01", "m1", "1.1", 1).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(matches!(store.set_attendance("x", "m4", true, "").unwrap_err(), StoreError::Locked { .. }));

    // …and so does raw SQL, on every table the results stand on.
    let conn = store.connection();
    for sql in [
        "UPDATE score_sheet SET choices = json_set(choices, '$.\"1.1\"', 3)",
        "UPDATE score_sheet SET choices = '{}'",
        "INSERT INTO score_sheet (dossier, member, round, submitted) VALUES ('YY-2023-01', 'm1', 9, 1)",
        "UPDATE score_sheet SET submitted = 0",
        "DELETE FROM score_sheet",
        "UPDATE dossier SET product = 'khác'",
        "UPDATE dossier SET eliminated = 'x'",
        "DELETE FROM recusal",
        "UPDATE member SET present = 1",
        "INSERT INTO member VALUES ('m99', 99, 'X', '', 'member', 1, 1)",
        "UPDATE session SET spread_limit = 50",
        "UPDATE session SET quorum_num = 1",
        "INSERT INTO resolution VALUES ('YY-2023-01', 1, 'x', 'now')",
        "UPDATE snapshot SET json = '{}'",
        "DELETE FROM session",
        "UPDATE audit_log SET actor = 'ai đó'",
        "DELETE FROM audit_log",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("ocop: "), "{sql}: {err}");
    }
    let results = store.load().unwrap().results();
    assert_eq!(results.products[0].mean.unwrap().to_string(), "65.00");

    // Reopening needs a reason and keeps the old fingerprint in the audit log.
    assert!(store.reopen("x", "  ").unwrap_err().to_string().contains("lý do"));
    store.reopen("Trần Thị Lan", "Sai sót khi nhập phiếu của m3").unwrap();
    let log = store.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.action.as_str(), "reopen");
    assert_eq!(last.old.as_deref(), Some(fp.as_str()));
    assert!(store.lock_info().unwrap().is_none());
    store.set_attendance("x", "m4", false, "").unwrap();
}

#[test]
fn the_fingerprint_can_be_recomputed_from_the_export_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let fp = store.lock("thư ký").unwrap();
    let export = ocop_council::exchange::to_json(&store.load().unwrap().session);
    // docs/formats.md: keys sorted, no whitespace; snapshot hashes; no attachments here.
    let canonical = serde_json::from_str::<serde_json::Value>(&export).unwrap().to_string();
    assert!(canonical.starts_with("{\"dossiers\":[{\"address\":"), "{}", &canonical[..40]);
    let sha = |kind: &str| -> String {
        let json: String =
            store.connection().query_row("SELECT json FROM snapshot WHERE kind = ?1", [kind], |r| r.get(0)).unwrap();
        ocop_council::domain::fingerprint::sha256_hex(json.as_bytes())
    };
    let text =
        format!("ocop-council-fingerprint/1\n{canonical}\ncriteria {}\nruleset {}\n", sha("criteria"), sha("ruleset"));
    assert_eq!(fp, ocop_council::domain::fingerprint::sha256_hex(text.as_bytes()));
}

#[test]
fn the_lock_fingerprints_what_it_locks_even_while_another_connection_writes() {
    // A second connection (a background import, another command) keeps changing a dossier while the
    // secretary locks: the fingerprint recorded — and printed on paper — must be the file's.
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut locker = Store::open(&path).unwrap();
    for attempt in 0..12 {
        let (started, writing) = std::sync::mpsc::channel();
        let writer = {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut other = Store::open_shared(&path).unwrap();
                let mut d = other.load().unwrap().session.dossiers[0].clone();
                for n in 0.. {
                    d.phone = format!("09{attempt:02}{n:06}");
                    match other.update_dossier("người khác", &d) {
                        // A pause between writes, as between a person's keystrokes: SQLite's busy
                        // wait is not fair, and a writer that never pauses starves the lock.
                        Ok(()) => {
                            let _ = started.send(());
                            std::thread::sleep(std::time::Duration::from_millis(2));
                        }
                        Err(StoreError::Locked { .. }) => return n,
                        Err(e) => panic!("{e}"),
                    }
                }
                0
            })
        };
        writing.recv().unwrap();
        let fp = locker.lock("thư ký").unwrap();
        let writes = writer.join().unwrap();
        assert!(writes > 0, "attempt {attempt}: the other connection wrote before the lock");
        assert_eq!(locker.lock_info().unwrap().unwrap().fingerprint, fp);
        assert_eq!(locker.fingerprint().unwrap(), fp, "attempt {attempt}: the recorded fingerprint is the file's");
        locker.reopen("thư ký", "thử lại").unwrap();
    }
}

/// A version-2 session file at `path` whose audit trail holds `audit_rows` (SQL VALUES rows).
fn version_2_file(path: &Path, audit_rows: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v2.sql")).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO session VALUES (1, 'Phiên cũ', 'qd148-2023-huyen', 'qd26-2026', '', '', '', '', '', 10, 2, 3, 1, 2,
            't0', NULL, NULL, NULL);
         INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES {audit_rows};
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 2;"
    ))
    .unwrap();
    let cat = catalog();
    for (kind, json) in [
        ("criteria", cat.criteria("qd26-2026").unwrap().to_json()),
        ("ruleset", cat.ruleset("qd148-2023-huyen").unwrap().to_json()),
    ] {
        conn.execute("INSERT INTO snapshot VALUES (?1, 'x', 'x', ?2)", rusqlite::params![kind, json]).unwrap();
    }
}

#[test]
fn a_version_2_audit_trail_becomes_typed_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.ocop");
    version_2_file(
        &path,
        "('t1', 'thư ký', 'create', 'session', NULL, '9 thành viên, 12 hồ sơ, 95 phiếu', NULL),
         ('t2', 'thư ký', 'import', 'YY-01', NULL, 'thêm: Gạo nếp — HTX Yên Cường', 'ds.csv'),
         ('t3', 'thư ký', 'import', 'ds.csv', NULL, 'thêm 1, cập nhật 0, đính kèm 0 tệp', NULL),
         ('t4', 'm1', 'choice', 'YY-01/m1/vòng 2/1.1', '3', '2', NULL),
         ('t5', 'thư ký', 'attendance', 'm4', 'false', 'true', NULL),
         ('t6', 'thư ký', 'resolution', 'YY-01/vòng 2', NULL, 'Thống nhất', NULL)",
    );
    let store = Store::open(&path).unwrap();
    let log = store.audit_log().unwrap();
    let row = |i: usize| (log[i].action.as_str(), log[i].target(), log[i].new.as_deref(), log[i].reason.as_deref());
    use ocop_council::domain::audit::Target;
    assert_eq!(row(0), ("create", Target::session(), Some("members=9 dossiers=12 sheets=95"), None));
    assert_eq!(row(1), ("dossier_added", Target::dossier("YY-01"), Some("Gạo nếp — HTX Yên Cường"), Some("ds.csv")));
    assert_eq!(row(2), ("import", Target::session(), Some("added=1 updated=0 attached=0"), Some("ds.csv")));
    assert_eq!(row(3), ("choice", Target::choice("YY-01", "m1", 2, "1.1"), Some("2"), None));
    assert_eq!(row(4), ("attendance", Target::member("m4"), Some("true"), None));
    assert_eq!(row(5), ("resolution", Target::round("YY-01", 2), Some("Thống nhất"), None));
    assert_eq!(
        (log[6].action.as_str(), log[6].old.as_deref(), log[6].new.as_deref()),
        // One migration row from the file's version to the current one (4 since issue 12).
        ("migrate", Some("2"), Some(SCHEMA_VERSION.to_string().as_str()))
    );
    assert_eq!(log[3].at, "t4", "times and actors are kept");
    // Still append-only after the migration.
    let err = store.connection().execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn an_old_audit_row_of_no_known_action_is_a_damaged_file_in_either_language() {
    use ocop_council::lang::{Lang, Say};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.ocop");
    version_2_file(
        &path,
        "('t1', 'thư ký', 'create', 'session', NULL, NULL, NULL), ('t2', 'thư ký', 'xoá', 'session', NULL, NULL, NULL)",
    );
    let Err(e) = Store::open(&path) else { panic!("a trail it cannot read is not upgraded") };
    assert!(
        matches!(&e, StoreError::Corrupt { problem: ocop_council::store::Damage::AuditAction { row: 2, action }, .. } if action == "xoá"),
        "{e:?}"
    );
    let shown = path.display().to_string();
    assert_eq!(e.to_string(), format!("{shown}: dữ liệu trong tệp bị hỏng: nhật ký dòng 2: thao tác «xoá» không rõ"));
    assert_eq!(
        e.say(Lang::En),
        format!("{shown}: the data in the file is damaged: audit row 2: the action “xoá” is unknown")
    );
    let version: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 2, "the upgrade is not half done");
}

/// The store's door refuses a control or bidi character in any free text, whoever calls it (a
/// window, the command line, a member's device): typed, naming the field, the file unchanged.
#[test]
fn a_comment_with_a_control_or_bidi_character_is_refused_and_nothing_is_written() {
    use ocop_council::domain::session::{Invalid, Problem};
    use ocop_council::lang::{Lang, Say};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = bytes(&path);
    let mut store = Store::open(&path).unwrap();
    let audit_rows = store.audit_log().unwrap().len();
    for (comment, code) in [("a\u{0}b", 0x0000), ("tốt\u{202E}lắm", 0x202E), ("x\u{2069}", 0x2069), ("\r", 0x000D)]
    {
        let err = store.set_comment("thư ký", "YY-2023-01", "m1", comment).unwrap_err();
        let expected = Invalid { path: "sheet.comment".into(), problem: Problem::ForbiddenChar(code) };
        assert!(matches!(&err, StoreError::BadText(i) if **i == expected), "{comment:?}: {err:?}");
        let err = store.save_choices("thư ký", "YY-2023-01", "m1", &[], Some(comment)).unwrap_err();
        assert!(matches!(&err, StoreError::BadText(i) if **i == expected), "{comment:?}: {err:?}");
    }
    let err = store.set_comment("thư ký", "YY-2023-01", "m1", "tốt\u{202E}lắm").unwrap_err();
    assert_eq!(
        err.to_string(),
        "sheet.comment: có ký tự điều khiển hoặc đổi chiều chữ U+202E, không được phép trong văn bản"
    );
    assert_eq!(
        err.say(Lang::En),
        "sheet.comment: holds the control or text-direction character U+202E, not allowed in a text"
    );
    assert!(err.is_refusal() && err.is_rule_refusal(), "exit 2, a refusal of the rules");
    assert_eq!(store.audit_log().unwrap().len(), audit_rows, "no audit row for a refused change");
    store.close().unwrap();
    assert_eq!(bytes(&path), before, "the file is byte-identical");
}
