//! A score sheet's life (issue 13.1, 13.2, 13.3): the store refuses changes to a submitted sheet
//! until it is reopened with a reason, keeps the read-back check, migrates version 4 files, and the
//! command line does each step, refusing with exit 2 and the file untouched.

mod common;

use common::{bytes, demo_file};
use ocop_council::domain::sheet_status::{SheetStatus, SheetStep};
use ocop_council::store::{APPLICATION_ID, NeedsReason, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;
use std::process::Output;

const D: &str = "YY-2023-01";

fn sheet_of<'a>(
    loaded: &'a ocop_council::store::Loaded,
    member: &str,
) -> &'a ocop_council::domain::session::ScoreSheet {
    loaded.session.sheets.iter().find(|s| s.dossier == D && s.member == member && s.round == 1).unwrap()
}

#[test]
fn a_submitted_sheet_refuses_changes_until_reopened_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let before = bytes(&path);
    let old = sheet_of(&store.load().unwrap(), "m1").choices["1.1"];
    let other = if old == 1 { 2 } else { 1 };

    // A stray digit on a submitted sheet: refused, typed, nothing written.
    let err = store.save_choice("thư ký", D, "m1", "1.1", other).unwrap_err();
    match &err {
        StoreError::SheetStepRefused { from, step, member, .. } => {
            assert_eq!((*from, *step, member.as_str()), (SheetStatus::Submitted, SheetStep::Edit, "m1"))
        }
        other => panic!("expected SheetStepRefused, got {other}"),
    }
    assert!(err.to_string().contains("đã nộp: muốn sửa phải mở lại phiếu"), "{err}");
    assert!(matches!(store.set_comment("thư ký", D, "m1", "khác").unwrap_err(), StoreError::SheetStepRefused { .. }));
    assert!(matches!(store.submit_sheet("thư ký", D, "m1", "").unwrap_err(), StoreError::SheetStepRefused { .. }));
    assert!(matches!(
        store.reopen_sheet("thư ký", D, "m1", "  ").unwrap_err(),
        StoreError::ReasonRequired(NeedsReason::ReopenSheet)
    ));
    drop(store);
    assert_eq!(bytes(&path), before, "refusals leave the file byte-identical");

    // Reopened with a reason: it stops counting and takes the correction; submitted again it counts.
    let mut store = Store::open(&path).unwrap();
    let counted = |store: &Store| store.load().unwrap().results().products[0].counted_sheets;
    let was = counted(&store);
    store.reopen_sheet("Trần Thị Lan", D, "m1", "Nhập nhầm tiêu chí 1.1").unwrap();
    assert!(sheet_of(&store.load().unwrap(), "m1").draft, "a reopened sheet is exported as a draft");
    assert_eq!(counted(&store), was - 1);
    assert!(matches!(store.reopen_sheet("x", D, "m1", "lại").unwrap_err(), StoreError::SheetStepRefused { .. }));
    store.save_choice("Trần Thị Lan", D, "m1", "1.1", other).unwrap();
    store.submit_sheet("Trần Thị Lan", D, "m1", "").unwrap();
    assert_eq!(counted(&store), was);

    let log = store.audit_log().unwrap();
    let reopened = log.iter().find(|e| e.action.as_str() == "sheet_reopened").unwrap();
    let submitted = log.last().unwrap();
    assert_eq!(
        (reopened.actor.as_str(), reopened.reason.as_deref(), reopened.member.as_deref()),
        ("Trần Thị Lan", Some("Nhập nhầm tiêu chí 1.1"), Some("m1"))
    );
    assert_eq!(submitted.action.as_str(), "submit");
    assert_eq!(submitted.old, reopened.old, "the correction's audit keeps the total before…");
    assert_ne!(submitted.new, submitted.old, "…and after");
}

#[test]
fn the_read_back_check_is_stored_audited_and_can_be_required() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    store.check_sheet("Lê Văn Bình", D, "m1").unwrap();
    let loaded = store.load().unwrap();
    assert!(sheet_of(&loaded, "m1").checked);
    let p = &loaded.results().products[0];
    assert_eq!(p.checked_sheets, 1);
    let all = p.counted_sheets;
    assert!(matches!(store.check_sheet("x", D, "m1").unwrap_err(), StoreError::SheetStepRefused { .. }));
    assert_eq!(store.audit_log().unwrap().last().unwrap().action.as_str(), "sheet_checked");

    store.set_check_required("thư ký", true).unwrap();
    let loaded = store.load().unwrap();
    assert!(loaded.session.settings().check_required);
    assert_eq!((loaded.results().products[0].counted_sheets, all), (1, all));
    // Export and a new file keep both the check and the rule.
    let json = ocop_council::exchange::to_json(&loaded.session);
    assert!(json.contains("\"check_required\": true") && json.contains("\"checked\": true"), "{json}");
    // Reopening a checked sheet drops the check: the corrected sheet is read back again.
    store.reopen_sheet("thư ký", D, "m1", "sửa").unwrap();
    store.submit_sheet("thư ký", D, "m1", "").unwrap();
    assert!(!sheet_of(&store.load().unwrap(), "m1").checked);
}

#[test]
fn an_old_export_is_written_exactly_as_before() {
    let cat = common::catalog();
    let (session, ..) = ocop_council::exchange::parse(ocop_council::catalog::DEMO_SESSION, &cat, None).unwrap();
    let json = ocop_council::exchange::to_json(&session);
    assert!(!json.contains("check_required") && !json.contains("\"checked\""));
}

/// A version-4 file (frozen fixture), locked, with one submitted and one draft sheet.
fn version_4_file(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v4.sql")).unwrap();
    let cat = common::catalog();
    conn.execute_batch(
        "INSERT INTO session VALUES (1, 'Phiên cũ', 'qd148-2023-huyen', 'qd26-2026', '', '', '', '', '', 10, 2, 3, 1, 2,
            '2024-01-01T00:00:00Z', NULL, NULL, NULL);
         INSERT INTO member VALUES ('m1', 0, 'An', '', 'chair', 1, 1), ('m2', 1, 'Bình', '', 'member', 1, 1);
         INSERT INTO dossier (code, ord, product, sheet, producer, entity_type, representative, address, phone, kind)
             VALUES ('YY-01', 0, 'Gạo', 3, 'HTX', 'htx', '', '', '', 'new');
         INSERT INTO score_sheet (id, dossier, member, round, comment, submitted, choices)
             VALUES (7, 'YY-01', 'm1', 1, 'tốt', 1, '{\"1.1\": 2}'), (8, 'YY-01', 'm2', 1, '', 0, '{}');
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
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 4;"
    ))
    .unwrap();
}

#[test]
fn a_version_4_file_gets_sheet_statuses_and_stays_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.ocop");
    version_4_file(&path);
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), SCHEMA_VERSION);
    let statuses: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, status, comment FROM score_sheet ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(statuses, [(7, "submitted".into(), "tốt".into()), (8, "draft".into(), "".into())]);
    let last = store.audit_log().unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.old.as_deref()), ("migrate", Some("4")));
    // Still locked, in the remade table and the new setting too; the lock row's guard still reads the log.
    for sql in [
        "UPDATE score_sheet SET choices = '{}'",
        "DELETE FROM score_sheet",
        "UPDATE session SET check_required = 1",
        "UPDATE session SET locked_at = NULL, locked_by = NULL, lock_fingerprint = NULL",
    ] {
        let err = conn.execute_batch(sql).expect_err(sql);
        assert!(err.to_string().contains("ocop: "), "{sql}: {err}");
    }
    // A status that disagrees with `submitted` is refused by the schema itself.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store.reopen("thư ký", "sửa").unwrap();
    let err = store.connection().execute_batch("UPDATE score_sheet SET status = 'draft' WHERE id = 7").unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");
    store
        .connection()
        .execute_batch("INSERT INTO audit_log (at, actor, action) VALUES ('t', 'a', 'sheet_reopened')")
        .unwrap();
    store.reopen_sheet("thư ký", "YY-01", "m1", "sửa").unwrap();
}

// ---- the command line ----

fn run(args: &[&str]) -> Output {
    common::ocop(args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs a command that must be refused with exit 2, one sentence, and the file byte-identical.
fn refused(path: &Path, args: &[&str], says: &str) {
    let before = bytes(path);
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    assert_eq!(bytes(path), before, "{args:?} left the file as it was");
}

#[test]
fn score_submit_and_reopen_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let f = p(&path);
    // A submitted sheet refuses `score` until `reopen-sheet`.
    refused(&path, &["score", f, "--dossier", D, "--member", "m1", "1.1=1"], "muốn sửa phải mở lại phiếu");
    refused(&path, &["reopen-sheet", f, "--dossier", D, "--member", "m1", "--reason", " "], "cần ghi lý do");
    refused(&path, &["score", f, "--dossier", D, "--member", "m1", "--round", "2", "1.1=1"], "vòng 2");
    refused(&path, &["score", f, "--dossier", D, "--member", "m1", "1.1"], "1.1");
    refused(&path, &["submit", f, "--dossier", D, "--member", "m1"], "đã nộp");
    let o = run(&["reopen-sheet", f, "--dossier", D, "--member", "m1", "--reason", "Nhập nhầm", "--by", "Lan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    refused(&path, &["score", f, "--dossier", D, "--member", "m1", "1.1=99"], "phương án 99");
    let o =
        run(&["score", f, "--dossier", D, "--member", "m1", "--round", "1", "1.1=1", "1.2=1", "--comment", "Đã sửa"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["submit", f, "--dossier", D, "--member", "m1", "--by", "Lan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let store = Store::open(&path).unwrap();
    let loaded = store.load().unwrap();
    let sheet = sheet_of(&loaded, "m1");
    assert_eq!((sheet.draft, sheet.choices["1.1"], sheet.comment.as_str()), (false, 1, "Đã sửa"));
    let log = store.audit_log().unwrap();
    let tail: Vec<(&str, &str)> = log.iter().rev().take(5).map(|e| (e.action.as_str(), e.actor.as_str())).collect();
    assert_eq!(tail[0], ("submit", "Lan"));
    assert!(tail.contains(&("sheet_reopened", "Lan")), "{tail:?}");
    drop(store);

    // Locked: every command is refused and the file is left as it was.
    let o = run(&["lock", f, "--by", "Lan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    refused(&path, &["reopen-sheet", f, "--dossier", D, "--member", "m1", "--reason", "x"], "khóa");
    refused(&path, &["submit", f, "--dossier", D, "--member", "m2"], "khóa");
}

#[test]
fn a_checked_sheet_and_the_read_back_rule_survive_export_new_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    store.check_sheet("Lê Văn Bình", D, "m2").unwrap();
    store.set_check_required("thư ký", true).unwrap();
    let first = ocop_council::exchange::to_json(&store.load().unwrap().session);
    let cat = common::catalog();
    let (session, criteria, ruleset) = ocop_council::exchange::parse(&first, &cat, None).unwrap();
    let again = dir.path().join("again.ocop");
    Store::create(&again, &session, criteria, ruleset, "test").unwrap();
    let second = ocop_council::exchange::to_json(&Store::open(&again).unwrap().load().unwrap().session);
    assert_eq!(first, second);

    // A draft cannot have been read back: the document is refused, naming the field.
    let mut v: serde_json::Value = serde_json::from_str(&first).unwrap();
    let sheet = v["sheets"].as_array_mut().unwrap().iter_mut().find(|s| s["checked"] == true).unwrap();
    sheet["draft"] = true.into();
    let err = ocop_council::exchange::parse(&v.to_string(), &cat, None).err().unwrap().to_string();
    assert!(err.contains(".checked"), "{err}");
}
