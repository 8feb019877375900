//! Issue 13, points 3 (edit, member, attendance), 4 (facts corrected after creation, audited,
//! refused once locked; missing facts before documents) and 5 (the meeting facts stored, schema 5,
//! exchange format /2 with /1 still read).

mod common;

use common::{bytes, demo_file, demo_value};
use ocop_council::domain::facts::{ClockTime, Guest, Honorific, MissingFact, Signer, missing_facts};
use ocop_council::store::{SCHEMA_VERSION, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The fingerprint the code before schema 5 (commit 8f14d9f) computes for `version_4_file`: the
/// signed paper of such a session carries it, so it must never change.
const V4_FINGERPRINT: &str = "2cfa22f078675b2e03667bd8b7157dab62acc4f101339f331aa228876b3d349d";

/// A version-4 file (frozen fixture) with two members, one dossier and one submitted sheet;
/// locked with `lock_fingerprint` when given.
fn version_4_file(path: &std::path::Path, lock_fingerprint: Option<&str>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v4.sql")).unwrap();
    let cat = common::catalog();
    conn.execute_batch(
        "INSERT INTO session VALUES (1, 'Phiên 2024', 'qd148-2023-huyen', 'qd26-2026', 'UBND huyện Ý Yên', 'Nam Định',
            'QĐ 1/QĐ-UBND', '2024-03-01', 'Hội trường', 10, 2, 3, 1, 2, '2024-03-01T00:00:00Z', NULL, NULL, NULL);
         INSERT INTO member VALUES ('m1', 0, 'Nguyễn Văn An', 'Chủ tịch', 'chair', 1, 1);
         INSERT INTO member VALUES ('m2', 1, 'Trần Thị Bình', 'Thư ký', 'secretary', 0, 0);
         INSERT INTO dossier (code, ord, product, sheet, producer, entity_type, representative, address, phone, kind)
             VALUES ('YY-01', 0, 'Gạo', 3, 'HTX', 'htx', '', '', '', 'new');
         INSERT INTO score_sheet (dossier, member, round, comment, submitted, choices)
             VALUES ('YY-01', 'm1', 1, 'tốt', 1, '{\"1.1\":1}');
         INSERT INTO audit_log (at, actor, action) VALUES ('2024-03-01T00:00:00Z', 'thư ký', 'create');",
    )
    .unwrap();
    for (kind, json) in [
        ("criteria", cat.criteria("qd26-2026").unwrap().to_json()),
        ("ruleset", cat.ruleset("qd148-2023-huyen").unwrap().to_json()),
    ] {
        conn.execute("INSERT INTO snapshot VALUES (?1, 'x', 'x', ?2)", rusqlite::params![kind, json]).unwrap();
    }
    if let Some(fp) = lock_fingerprint {
        conn.execute_batch(&format!(
            "INSERT INTO audit_log (at, actor, action, new) VALUES ('2024-03-02T00:00:00Z', 'thư ký', 'lock', '{fp}');
             UPDATE session SET locked_at = '2024-03-02T00:00:00Z', locked_by = 'thư ký', lock_fingerprint = '{fp}';"
        ))
        .unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = 4;",
        ocop_council::store::APPLICATION_ID
    ))
    .unwrap();
}

fn run(args: &[&str]) -> Output {
    common::ocop(args)
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn export(file: &Path) -> serde_json::Value {
    let o = run(&["export", p(file)]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Runs a command that must be refused with exit 2, leaving the file byte-identical; returns what it said.
fn refused(file: &Path, args: &[&str]) -> String {
    let before = bytes(file);
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", said(&o));
    assert!(bytes(file) == before, "{args:?}: the file changed");
    said(&o)
}

#[test]
fn a_locked_version_4_file_keeps_its_fingerprint_and_refuses_the_new_facts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.ocop");
    version_4_file(&path, Some(V4_FINGERPRINT));
    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.connection().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    // Brought to the current version (7 since the recognition decision of issue 18).
    assert_eq!((version, SCHEMA_VERSION), (7, 7));
    assert_eq!(store.fingerprint().unwrap(), V4_FINGERPRINT, "the paper's fingerprint still matches");
    assert_eq!(store.lock_info().unwrap().unwrap().fingerprint, V4_FINGERPRINT);
    let session = store.read_session().unwrap();
    assert_eq!(session.format, "ocop-council-session/1", "no new facts: still written as /1");
    let last = store.audit_log().unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.old.as_deref(), last.new.as_deref()), ("migrate", Some("4"), Some("7")));
    // Locked: the store and the schema itself refuse every new fact.
    let mut info = session.session.clone();
    info.facts.opened = ClockTime::new(8, 0);
    assert!(matches!(store.edit_session_facts("x", &info), Err(StoreError::Locked { .. })));
    let mut m = session.members[0].clone();
    m.honorific = Some(Honorific::Ong);
    assert!(matches!(store.edit_member("x", &m), Err(StoreError::Locked { .. })));
    assert!(matches!(store.set_attendance("x", "m2", false, "ốm"), Err(StoreError::Locked { .. })));
    for sql in [
        "INSERT INTO meeting VALUES (1, '08:00', '', '', '', '', '', '')",
        "INSERT INTO guest VALUES (0, 'A', 'B')",
        "INSERT INTO recipient VALUES ('decision', 0, 'Lưu: VT')",
        "INSERT INTO member_facts VALUES ('m2', 'ba', 'ốm')",
        "UPDATE dossier SET conclusion = 'đạt'",
    ] {
        let err = store.connection().execute_batch(sql).expect_err(sql);
        assert!(err.to_string().contains("ocop: session is locked"), "{sql}: {err}");
    }
    assert_eq!(store.fingerprint().unwrap(), V4_FINGERPRINT);
    // Reopened, the migrated file takes the new facts and their audit words.
    store.reopen("thư ký", "bổ sung giờ họp").unwrap();
    assert_eq!(store.edit_session_facts("thư ký", &info).unwrap(), 1);
    let log = store.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!((last.action.as_str(), last.new.as_deref()), ("session_edited", Some("opened=08:00")));
    let session = store.read_session().unwrap();
    assert_eq!(session.session.facts.opened, ClockTime::new(8, 0));
    assert_eq!(session.format, "ocop-council-session/2");
}

#[test]
fn the_demo_facts_are_stored_and_survive_export_new_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let session = Store::open_shared(&path).unwrap().read_session().unwrap();
    let facts = &session.session.facts;
    assert_eq!((facts.opened, facts.closed), (ClockTime::new(7, 30), ClockTime::new(11, 30)));
    assert_eq!((facts.chair.as_deref(), facts.secretary.as_deref()), (Some("m1"), Some("m9")));
    assert_eq!(facts.guests.len(), 1);
    assert_eq!(facts.signer.as_ref().map(|s| s.name.as_str()), Some("Phạm Văn Quang"));
    assert_eq!(facts.recipients["decision"][0], "Như Điều 3");
    assert!(session.member("m4").unwrap().absence_reason.starts_with("đi công tác"));
    assert_eq!(session.format, "ocop-council-session/2");
    // The export carries them as the bundled document has them, and export → new → export is exact.
    let first = export(&path);
    let demo = demo_value();
    assert_eq!(first["session"]["facts"], demo["session"]["facts"]);
    assert_eq!(first["members"][3], demo["members"][3]);
    let text = dir.path().join("một.json");
    let o = run(&["export", p(&path), "-o", p(&text)]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let again = dir.path().join("lại.ocop");
    let o = run(&["new", p(&again), "--from", p(&text)]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let o = run(&["export", p(&again)]);
    assert_eq!(String::from_utf8(o.stdout).unwrap(), std::fs::read_to_string(&text).unwrap());
}

#[test]
fn format_1_documents_are_still_read_and_may_not_carry_the_new_facts() {
    let cat = common::catalog();
    let mut v1 = demo_value();
    v1["format"] = "ocop-council-session/1".into();
    v1["session"].as_object_mut().unwrap().remove("facts");
    v1["members"][3].as_object_mut().unwrap().remove("absence_reason");
    let (session, _, _) = ocop_council::exchange::parse(&v1.to_string(), &cat, None).unwrap();
    assert_eq!(session.format, "ocop-council-session/1");
    assert!(session.session.facts.is_empty());
    // A /2 document without the new facts is the same session as its /1.
    v1["format"] = "ocop-council-session/2".into();
    let (same, _, _) = ocop_council::exchange::parse(&v1.to_string(), &cat, None).unwrap();
    assert_eq!(same, session);
    let mut mixed = demo_value();
    mixed["format"] = "ocop-council-session/1".into();
    let e = ocop_council::exchange::parse(&mixed.to_string(), &cat, None).unwrap_err().to_string();
    assert!(e.starts_with("format: \"ocop-council-session/1\" không ghi thông tin cuộc họp"), "{e}");
    let mut bad = demo_value();
    bad["session"]["facts"]["chair"] = "m99".into();
    let e = ocop_council::exchange::parse(&bad.to_string(), &cat, None).unwrap_err().to_string();
    assert_eq!(e, "session.facts.chair: không có thành viên «m99»");
    let mut bad = demo_value();
    bad["format"] = "ocop-council-session/3".into();
    assert!(ocop_council::exchange::parse(&bad.to_string(), &cat, None).is_err());
}

#[test]
fn the_store_corrects_facts_and_members_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let session = store.read_session().unwrap();
    assert_eq!(store.edit_session_facts("Lan", &session.session).unwrap(), 0, "no change, nothing written");
    let mut info = session.session.clone();
    info.meeting_place = "Nhà văn hóa".into();
    info.facts.guests.push(Guest { name: "Lê Văn C".into(), position: String::new() });
    info.facts.signer = Some(Signer { name: "Phạm Văn Quang".into(), title: "CHỦ TỊCH".into(), capacity: None });
    assert_eq!(store.edit_session_facts("Lan", &info).unwrap(), 3);
    let back = store.read_session().unwrap();
    assert_eq!(back.session, info);
    let log = store.audit_log().unwrap();
    let edits: Vec<&str> =
        log.iter().filter(|e| e.action.as_str() == "session_edited").filter_map(|e| e.new.as_deref()).collect();
    assert_eq!(edits.len(), 3);
    assert_eq!(edits[0], "meeting_place=Nhà văn hóa");
    assert!(log.iter().filter(|e| e.action.as_str() == "session_edited").all(|e| e.actor == "Lan"));
    // Unknown chair, second chair, members with sheets.
    info.facts.chair = Some("m99".into());
    assert!(matches!(store.edit_session_facts("Lan", &info), Err(StoreError::UnknownMember { .. })));
    let mut m2 = back.member("m2").unwrap().clone();
    m2.role = ocop_council::domain::session::Role::Chair;
    assert!(matches!(store.edit_member("Lan", &m2), Err(StoreError::SecondChair { .. })));
    assert!(matches!(store.remove_member("Lan", "m2"), Err(StoreError::MemberHasSheets { .. })));
    m2 = back.member("m2").unwrap().clone();
    m2.name = "Trần Đức Thịnh (sửa)".into();
    m2.honorific = Some(Honorific::Ong);
    assert_eq!(store.edit_member("Lan", &m2).unwrap(), 2);
    assert_eq!(store.read_session().unwrap().member("m2"), Some(&m2));
}

#[test]
fn missing_facts_are_listed_for_a_new_session() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trống.ocop");
    let o = run(&["new", p(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(said(&o).contains("Lưu ý: chưa có cơ quan tổ chức (UBND …), ngày họp, địa điểm họp"), "{}", said(&o));
    let session = Store::open_shared(&file).unwrap().read_session().unwrap();
    assert!(missing_facts(&session).contains(&MissingFact::Chair));
}

/// The demo session as a file made by `new --from` (the bundled JSON).
fn new_demo(dir: &Path) -> PathBuf {
    let file = dir.join("Ý Yên.ocop");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/y-yen-2023.json");
    let o = run(&["new", p(&file), "--from", demo]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(!said(&o).contains("Lưu ý"), "the demo has its date, place and authority: {}", said(&o));
    file
}

#[test]
fn edit_corrects_the_session_facts_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let f = p(&file);
    let o = run(&[
        "edit",
        f,
        "--by",
        "Bùi Thị Hương",
        "--title",
        "Hội nghị OCOP Ý Yên 2023",
        "--opened",
        "08:00",
        "--chair",
        "m2",
        "--guest",
        "Nguyễn A|Chi cục PTNT",
        "--guest",
        "Trần B",
        "--signer-capacity",
        "kt",
        "--recipient",
        "minutes=Lưu: VT",
        "--recipient",
        "forward=",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(said(&o).contains("Đã sửa 6 thông tin"), "{}", said(&o));
    let v = export(&file);
    assert_eq!(v["session"]["title"], "Hội nghị OCOP Ý Yên 2023");
    assert_eq!(v["session"]["facts"]["opened"], "08:00");
    assert_eq!(v["session"]["facts"]["chair"], "m2");
    assert_eq!(v["session"]["facts"]["guests"][1], serde_json::json!({"name": "Trần B", "position": ""}));
    assert_eq!(v["session"]["facts"]["signer"]["capacity"], "kt");
    assert_eq!(v["session"]["facts"]["recipients"]["minutes"], serde_json::json!(["Lưu: VT"]));
    assert!(v["session"]["facts"]["recipients"].get("forward").is_none());
    let log = Store::open_shared(&file).unwrap().audit_log().unwrap();
    assert!(log.iter().any(|e| e.action.as_str() == "session_edited" && e.actor == "Bùi Thị Hương"));
    // Bad input: exit 2, one line naming the option, the file untouched.
    for (args, expected) in [
        (&["--opened", "7:30"][..], "--opened: «7:30» không phải giờ dạng HH:MM"),
        (&["--date", "05/06/2023"], "--date: «05/06/2023» không phải ngày dạng YYYY-MM-DD"),
        (&["--signer-capacity", "x"], "--signer-capacity: «x» không hợp lệ"),
        (&["--guest", "|chức vụ"], "--guest: «|chức vụ» cần họ tên"),
        (&["--recipient", "Lưu"], "--recipient: «Lưu» cần dạng VĂN_BẢN=NƠI_NHẬN"),
        (&["--chair", "m99"], "không có thành viên «m99»"),
        (&[], "«edit» cần ít nhất một thông tin"),
    ] {
        let line: Vec<&str> = ["edit", f].iter().copied().chain(args.iter().copied()).collect();
        let said = refused(&file, &line);
        assert!(said.contains(expected), "{args:?}: {said}");
    }
}

#[test]
fn member_and_attendance_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let f = p(&file);
    let o = run(&["member", f, "add", "m10", "--name", "Lý Thị Mai", "--honorific", "bà", "--position", "Chuyên gia"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let o = run(&["member", f, "edit", "m3", "--name", "Phạm Thị Thu Hằng", "--honorific", "bà", "--by", "Lan"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let o = run(&["attendance", f, "m5", "absent", "--reason", "ốm"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let v = export(&file);
    assert_eq!(v["members"][9]["name"], "Lý Thị Mai");
    assert_eq!(v["members"][9]["honorific"], "ba");
    assert_eq!(v["members"][2]["name"], "Phạm Thị Thu Hằng");
    assert_eq!(
        (v["members"][4]["present"].clone(), v["members"][4]["absence_reason"].clone()),
        (false.into(), "ốm".into())
    );
    let log = Store::open_shared(&file).unwrap().audit_log().unwrap();
    let absent = log.iter().rev().find(|e| e.action.as_str() == "attendance").unwrap();
    assert_eq!((absent.member.as_deref(), absent.reason.as_deref()), (Some("m5"), Some("ốm")));
    assert!(log.iter().any(|e| e.action.as_str() == "member_edited" && e.actor == "Lan"));
    let o = run(&["attendance", f, "m5", "present"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(export(&file)["members"][4].get("absence_reason").is_none(), "present: no reason kept");
    let o = run(&["edit", f, "--secretary", "m10"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let said_ = refused(&file, &["member", f, "remove", "m10"]);
    assert!(said_.contains("chủ trì hoặc làm thư ký"), "{said_}");
    let o = run(&["edit", f, "--secretary", "m9"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let o = run(&["member", f, "remove", "m10"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert_eq!(export(&file)["members"].as_array().unwrap().len(), 9);
    for (args, expected) in [
        (&["member", f, "remove", "m1"][..], "đã có"),
        (&["member", f, "add", "m2", "--name", "X"], "đã có thành viên mã «m2»"),
        (&["member", f, "add", "m11"], "«member add» cần --name"),
        (&["member", f, "add", "m11", "--name", "X", "--role", "chair"], "chỉ có một Chủ tịch"),
        (&["member", f, "edit", "m3", "--honorific", "cô"], "--honorific: «cô» không hợp lệ"),
        (&["member", f, "edit", "m1", "--scores", "no"], "phiếu chấm"),
        (&["member", f, "edit", "m99", "--name", "X"], "m99"),
        (&["member", f, "edit", "m3", "--name", " "], "thành viên cần họ tên"),
        (&["attendance", f, "m99", "absent"], "m99"),
        (&["attendance", f, "m5", "present", "--reason", "x"], "không nhận --reason"),
    ] {
        let said = refused(&file, args);
        assert!(said.contains(expected), "{args:?}: {said}");
    }
}

#[test]
fn a_locked_session_refuses_every_facts_command_and_stays_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let f = p(&file);
    let o = run(&["lock", f]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    for args in [
        &["edit", f, "--place", "Nơi khác"][..],
        &["member", f, "add", "m10", "--name", "X"],
        &["member", f, "edit", "m3", "--name", "Y"],
        &["member", f, "remove", "m3"],
        &["attendance", f, "m4", "present"],
    ] {
        let said = refused(&file, args);
        assert!(said.contains("khóa"), "{args:?}: {said}");
    }
}

#[test]
fn documents_list_the_missing_facts_and_are_refused_unless_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let f = p(&file);
    let o = run(&["edit", f, "--place", "", "--authority", ""]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(said(&o).contains("Tài liệu còn thiếu: cơ quan tổ chức (UBND …), địa điểm họp."), "{}", said(&o));
    let out = dir.path().join("giấy tờ");
    let said_ = refused(&file, &["documents", f, "--out", p(&out), "--only", "minutes"]);
    assert!(said_.contains("tài liệu còn thiếu cơ quan tổ chức (UBND …), địa điểm họp"), "{said_}");
    assert!(!out.join("bien-ban.pdf").exists());
    let o = run(&["documents", f, "--out", p(&out), "--only", "minutes", "--draft"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(said(&o).contains("Bản nháp: còn thiếu cơ quan tổ chức"), "{}", said(&o));
}

/// Control and bidi characters are refused at the store's door by every command, as the exchange
/// reader refuses them, so what is stored can always be exported and read back.
#[test]
fn control_and_bidi_characters_are_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let f = p(&file);
    for (args, expected) in [
        (
            &["member", f, "add", "m10", "--name", "Lý Thị\u{202E}Mai"][..],
            "member.name: có ký tự điều khiển hoặc đổi chiều chữ U+202E, không được phép trong văn bản",
        ),
        (
            &["member", f, "edit", "m3", "--name", "Phạm\u{7}Hằng"],
            "member.name: có ký tự điều khiển hoặc đổi chiều chữ U+0007",
        ),
        (
            &["member", f, "edit", "m3", "--position", "Chuyên\u{2066}gia"],
            "member.position: có ký tự điều khiển hoặc đổi chiều chữ U+2066",
        ),
        (
            &["edit", f, "--place", "Hội trường\u{202E}UBND"],
            "session.meeting_place: có ký tự điều khiển hoặc đổi chiều chữ U+202E",
        ),
        (
            &["attendance", f, "m5", "absent", "--reason", "ốm\u{1B}"],
            "member.absence_reason: có ký tự điều khiển hoặc đổi chiều chữ U+001B",
        ),
        (
            &["score", f, "--dossier", "YY-2023-01", "--member", "m1", "--comment", "tốt\u{202E}lắm"],
            "sheet.comment: có ký tự điều khiển hoặc đổi chiều chữ U+202E",
        ),
    ] {
        let said = refused(&file, args);
        assert!(said.contains(expected), "{args:?}: expected «{expected}» in {said}");
    }
    // A line break and a tab stay allowed in a text (the exchange format allows them), and the
    // session still goes out and comes back in.
    let o = run(&["attendance", f, "m5", "absent", "--reason", "ốm\n\tnằm viện"]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    let exported = dir.path().join("ra.json");
    std::fs::write(&exported, run(&["export", f]).stdout).unwrap();
    let again = dir.path().join("lại.ocop");
    let o = run(&["new", p(&again), "--from", p(&exported)]);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert_eq!(export(&again)["members"][4]["absence_reason"], "ốm\n\tnằm viện");
}
