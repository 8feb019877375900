//! A locked record nobody can bend (issue 12, points 1 and 2): after the lock the schema refuses any
//! change to the attachments' rows and bytes and to the lock row itself, and `verify` catches what
//! raw SQL with the triggers dropped could still do — a replaced or missing file, named by dossier
//! and file name, and a lock row that disagrees with the audit trail.

mod common;

use ocop_council::archive::verify;
use ocop_council::store::{APPLICATION_ID, SCHEMA_VERSION, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOSSIER: &str = "YY-2023-01";
const FILE_NAME: &str = "Phiếu đăng ký.pdf";

/// The demo session with two attached files, locked: its path and fingerprint.
fn locked_with_attachments(dir: &Path) -> (PathBuf, String) {
    let path = common::demo_file(dir);
    let mut store = Store::open(&path).unwrap();
    let mut import = store.begin_import("thư ký", "tài liệu").unwrap();
    for (name, content) in [(FILE_NAME, b"%PDF-1.4 phieu dang ky".to_vec()), ("ảnh.jpg", vec![7u8; 300_000])] {
        let size = content.len() as u64;
        import.attach(DOSSIER, name, name, &mut content.as_slice(), size, &mut |_| {}).unwrap();
    }
    import.commit().unwrap();
    let fp = store.lock("thư ký").unwrap();
    (path, fp)
}

/// Raw SQL on the file, as an attacker with the sqlite3 shell would run it.
fn raw(path: &Path, sql: &str) -> rusqlite::Result<()> {
    Connection::open(path).unwrap().execute_batch(sql)
}

fn cli_verify(path: &Path, fingerprint: &str) -> Output {
    common::output(
        Command::new(env!("CARGO_BIN_EXE_ocop-council")).arg("verify").arg(path).args(["--fingerprint", fingerprint]),
    )
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn the_schema_refuses_any_change_to_attachments_and_their_bytes_once_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, fp) = locked_with_attachments(dir.path());
    let before = common::bytes(&path);
    for sql in [
        "UPDATE blob SET data = x'00' WHERE size < 100",
        "UPDATE blob SET sha256 = 'ab' || substr(sha256, 3) WHERE size < 100",
        "UPDATE blob SET size = 1",
        "DELETE FROM blob",
        "INSERT INTO blob (sha256, size, data) VALUES ('00', 1, x'00')",
        "UPDATE attachment SET sha256 = (SELECT max(sha256) FROM blob)",
        "UPDATE attachment SET name = 'khác.pdf'",
        "DELETE FROM attachment",
        "INSERT INTO attachment (dossier, name, sha256) SELECT dossier, 'thêm.pdf', sha256 FROM attachment LIMIT 1",
    ] {
        let err = raw(&path, sql).expect_err(sql);
        assert!(err.to_string().contains("ocop: session is locked"), "{sql}: {err}");
    }
    assert_eq!(common::bytes(&path), before, "nothing was written");
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(v.ok(), "{:?}", v.lines());
}

#[test]
fn a_replaced_file_is_caught_by_verify_and_named_by_dossier_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let (path, fp) = locked_with_attachments(dir.path());
    raw(
        &path,
        "DROP TRIGGER IF EXISTS blob_locked_update;
         UPDATE blob SET data = CAST('%PDF-1.4 forged' AS BLOB) WHERE size < 100;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(!v.ok(), "a replaced attachment passed: {:?}", v.lines());
    let lines = v.lines().join("\n");
    assert!(lines.contains(&format!("Hồ sơ {DOSSIER}, tệp «{FILE_NAME}»: nội dung đã bị thay")), "{lines}");
    assert!(!lines.contains("ảnh.jpg"), "the untouched file is not reported: {lines}");
    let o = cli_verify(&path, &fp[..16]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains(FILE_NAME), "{}", text(&o));
}

#[test]
fn a_missing_file_is_caught_by_verify_and_named_by_dossier_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let (path, fp) = locked_with_attachments(dir.path());
    raw(
        &path,
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER IF EXISTS blob_locked_delete;
         DELETE FROM blob WHERE size > 100;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(!v.ok(), "a missing attachment passed: {:?}", v.lines());
    let lines = v.lines().join("\n");
    assert!(lines.contains(&format!("Hồ sơ {DOSSIER}, tệp «ảnh.jpg»: thiếu nội dung")), "{lines}");
    assert_eq!(cli_verify(&path, &fp[..16]).status.code(), Some(2));
}

#[test]
fn a_re_keyed_blob_is_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, fp) = locked_with_attachments(dir.path());
    raw(
        &path,
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER IF EXISTS blob_locked_update;
         UPDATE blob SET sha256 = 'ab' || substr(sha256, 3) WHERE size > 100;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(!v.ok(), "{:?}", v.lines());
    assert!(v.lines().join("\n").contains("tệp «ảnh.jpg»: thiếu nội dung"), "{:?}", v.lines());
}

#[test]
fn only_lock_and_reopen_change_the_lock_row() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = locked_with_attachments(dir.path());
    let before = common::bytes(&path);
    for sql in [
        "UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL",
        "UPDATE session SET locked_by = 'người khác'",
        "UPDATE session SET locked_at = '2023-06-05T10:00:00Z'",
        "UPDATE session SET lock_fingerprint = 'abc'",
        "INSERT OR REPLACE INTO session SELECT id, title, ruleset, criteria_set, authority, province, council_decision,
             meeting_date, meeting_place, spread_limit, quorum_num, quorum_den, chair_required, decimals, created_at,
             NULL, NULL, NULL, check_required FROM session",
        // A forged reopen row first does not help: it must name the fingerprint it reopens.
        "BEGIN; INSERT INTO audit_log (at, actor, action) VALUES ('2030-01-01T00:00:00Z', 'x', 'reopen');
         UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL",
    ] {
        let err = raw(&path, sql).expect_err(sql);
        let text = err.to_string();
        assert!(text.contains("ocop: "), "{sql}: {text}");
    }
    assert_eq!(common::bytes(&path), before, "nothing was written");
    // The store's own lock and reopen still work, and a second lock after a reopen too.
    let mut store = Store::open(&path).unwrap();
    store.reopen("thư ký", "sửa phiếu").unwrap();
    let err = store.connection().execute("UPDATE session SET locked_at = '2030-01-01T00:00:00Z'", []).unwrap_err();
    assert!(err.to_string().contains("ocop: "), "an unlocked file cannot be locked by hand: {err}");
    let fp = store.lock("chủ tịch").unwrap();
    let lock = store.lock_info().unwrap().unwrap();
    assert_eq!((lock.by.as_str(), lock.fingerprint.as_str()), ("chủ tịch", fp.as_str()));
    drop(store);
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(v.ok(), "{:?}", v.lines());
}

#[test]
fn verify_with_a_fingerprint_refuses_an_unlocked_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, fp) = locked_with_attachments(dir.path());
    raw(
        &path,
        "DROP TRIGGER IF EXISTS session_lock_columns;
         UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    let o = cli_verify(&path, &fp[..16]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("CHƯA khóa"), "{}", text(&o));
    assert!(text(&o).contains("nhật ký ghi đã khóa lúc"), "{}", text(&o));

    // A file that was never locked is no signed record either.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    let unlocked = common::demo_file(&fresh);
    let recomputed = Store::open_read_only(&unlocked).unwrap().fingerprint().unwrap();
    let o = cli_verify(&unlocked, &recomputed[..16]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("Tệp CHƯA khóa kết quả"), "{}", text(&o));
}

#[test]
fn a_forged_lock_author_or_time_is_caught() {
    for (column, forged, finding) in [
        ("locked_by", "'Người khác'", "người khóa ghi là «Người khác» nhưng nhật ký ghi «thư ký»"),
        ("locked_at", "'2023-06-05T10:00:00Z'", "thời điểm khóa ghi là 2023-06-05T10:00:00Z nhưng nhật ký ghi"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (path, fp) = locked_with_attachments(dir.path());
        raw(
            &path,
            &format!(
                "DROP TRIGGER IF EXISTS session_lock_columns;
                 UPDATE session SET {column} = {forged};
                 PRAGMA wal_checkpoint(TRUNCATE);"
            ),
        )
        .unwrap();
        let v = verify(&path, Some(&fp)).unwrap();
        assert!(!v.ok(), "{column}: {:?}", v.lines());
        assert!(v.lines().join("\n").to_lowercase().contains(&finding.to_lowercase()), "{column}: {:?}", v.lines());
        assert_eq!(cli_verify(&path, &fp[..16]).status.code(), Some(2), "{column}");
    }
}

#[test]
fn a_lock_row_without_its_audit_event_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let fp = Store::open_read_only(&path).unwrap().fingerprint().unwrap();
    raw(
        &path,
        &format!(
            "DROP TRIGGER IF EXISTS session_lock_columns;
             UPDATE session SET locked_at = '2023-06-05T10:00:00Z', locked_by = 'thư ký', lock_fingerprint = '{fp}';
             PRAGMA wal_checkpoint(TRUNCATE);"
        ),
    )
    .unwrap();
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(!v.ok(), "{:?}", v.lines());
    assert!(v.lines().join("\n").contains("nhật ký không ghi lần khóa này"), "{:?}", v.lines());
}

/// A version-3 file (frozen fixture), locked, with one attachment.
fn version_3_file(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v3.sql")).unwrap();
    let cat = common::catalog();
    conn.execute_batch(
        "INSERT INTO session VALUES (1, 'Phiên cũ', 'qd148-2023-huyen', 'qd26-2026', '', '', '', '', '', 10, 2, 3, 1, 2,
            '2024-01-01T00:00:00Z', NULL, NULL, NULL);
         INSERT INTO dossier (code, ord, product, sheet, producer, entity_type, representative, address, phone, kind)
             VALUES ('YY-01', 0, 'Gạo', 3, 'HTX', 'htx', '', '', '', 'new');
         INSERT INTO blob VALUES ('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', 5, CAST('hello' AS BLOB));
         INSERT INTO attachment VALUES ('YY-01', 'a.pdf', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
         INSERT INTO audit_log (at, actor, action) VALUES ('2024-01-01T00:00:00Z', 'thư ký', 'create');
         INSERT INTO audit_log (at, actor, action, new) VALUES ('2024-01-02T00:00:00Z', 'thư ký', 'lock', 'abc');",
    )
    .unwrap();
    for (kind, json) in [
        ("criteria", cat.criteria("qd26-2026").unwrap().to_json()),
        ("ruleset", cat.ruleset("qd148-2023-huyen").unwrap().to_json()),
    ] {
        conn.execute("INSERT INTO snapshot VALUES (?1, 'x', 'x', ?2)", rusqlite::params![kind, json]).unwrap();
    }
    conn.execute_batch(&format!(
        "UPDATE session SET locked_at = '2024-01-02T00:00:00Z', locked_by = 'thư ký', lock_fingerprint = 'abc';
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 3;"
    ))
    .unwrap();
}

#[test]
fn a_version_3_file_gets_the_attachment_and_lock_row_guards() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.ocop");
    version_3_file(&path);
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let log = store.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.old.as_deref(), last.new.as_deref()),
        ("migrate", Some("3"), Some(SCHEMA_VERSION.to_string().as_str()))
    );
    for sql in [
        "UPDATE blob SET data = x'00'",
        "DELETE FROM blob",
        "UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL",
        "INSERT OR REPLACE INTO session SELECT * FROM session",
    ] {
        let err = conn.execute_batch(sql).expect_err(sql);
        assert!(err.to_string().contains("ocop: "), "{sql}: {err}");
    }
    let lock = store.lock_info().unwrap().unwrap();
    assert_eq!((lock.at.as_str(), lock.by.as_str()), ("2024-01-02T00:00:00Z", "thư ký"));
    // The migrated file can still be reopened the proper way.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store.reopen("thư ký", "sửa").unwrap();
    assert!(store.lock_info().unwrap().is_none());
    // Version 4's new action word is allowed in the migrated audit log, and the log stays append-only.
    let conn = store.connection();
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, dossier, old, reason) VALUES ('t', 'a', 'sheets_discarded', NULL, 'sheet=3 sheets=8', 'x')",
        [],
    )
    .unwrap();
    assert!(conn.execute("DELETE FROM audit_log", []).unwrap_err().to_string().contains("append-only"));
    assert!(store.audit_log().unwrap().iter().any(|e| e.action.as_str() == "migrate"), "the rows were kept");
}

#[test]
fn a_forged_recognition_decision_is_caught_by_verify() {
    use ocop_council::domain::register::RecognitionDecision;
    let dir = tempfile::tempdir().unwrap();
    let (path, fp) = locked_with_attachments(dir.path());
    let decided = RecognitionDecision { number: "125/QĐ-UBND".into(), date: "2023-06-20".parse().unwrap() };
    let mut store = Store::open(&path).unwrap();
    store.record_decision(&decided, "thư ký").unwrap();
    // A correction through the app is the trail's newest decision: still intact.
    let corrected = RecognitionDecision { number: "126/QĐ-UBND".into(), ..decided };
    store.record_decision(&corrected, "thư ký").unwrap();
    drop(store);
    assert!(verify(&path, Some(&fp)).unwrap().ok(), "{:?}", verify(&path, Some(&fp)).unwrap().lines());
    // The attack the tester ran: the triggers allow a locked file's decision row to change.
    raw(&path, "UPDATE recognition SET number = '999/QĐ-GIẢ', date = '2020-01-01'; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let v = verify(&path, Some(&fp)).unwrap();
    assert!(!v.ok(), "{:?}", v.lines());
    let said = v.lines().join("\n");
    assert!(
        said.contains("Quyết định công nhận trong tệp (999/QĐ-GIẢ 2020-01-01) khác với quyết định nhật ký ghi (126/QĐ-UBND 2023-06-20)"),
        "{said}"
    );
    assert_eq!(cli_verify(&path, &fp[..16]).status.code(), Some(2));
    // Deleted outright: the trail still remembers it.
    raw(&path, "DELETE FROM recognition; PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let said = verify(&path, Some(&fp)).unwrap().lines().join("\n");
    assert!(said.contains("Nhật ký ghi quyết định công nhận (126/QĐ-UBND 2023-06-20) nhưng tệp không còn"), "{said}");
}
