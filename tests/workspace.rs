//! The workspace the screens use: every change reaches the file, and the in-memory copy always
//! equals what the file holds.

mod common;

use ocop_council::domain::Decision;
use ocop_council::store::Store;
use ocop_council::workspace::Workspace;

fn open_demo(dir: &std::path::Path) -> Workspace {
    Workspace::open(&common::demo_file(dir), "thư ký").unwrap()
}

/// The session as the file holds it now.
fn on_disk(ws: &Workspace) -> ocop_council::domain::Session {
    Store::open_shared(&ws.path).unwrap().load().unwrap().session
}

#[test]
fn memory_and_file_agree_after_every_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    assert_eq!(ws.open_round("YY-2023-03", "chấm lại").unwrap(), 2);
    ws.save_choice("YY-2023-03", "m2", "1.1", 2).unwrap();
    ws.save_choice("YY-2023-03", "m2", "1.2", 0).unwrap();
    ws.set_comment("YY-2023-03", "m2", "Ghi chú vòng 2").unwrap();
    ws.set_present("m4", true).unwrap();
    ws.set_recusal("YY-2023-01", "m4", true).unwrap();
    ws.refresh();
    let disk = on_disk(&ws);
    assert_eq!(ws.session.members, disk.members);
    assert_eq!(ws.session.dossiers, disk.dossiers);
    let mut mine = ws.session.sheets.clone();
    let mut theirs = disk.sheets.clone();
    let key = |s: &ocop_council::domain::session::ScoreSheet| (s.dossier.clone(), s.round, s.member.clone());
    mine.sort_by_key(key);
    theirs.sort_by_key(key);
    assert_eq!(mine, theirs);
    let draft = ws.sheet("YY-2023-03", "m2").unwrap();
    assert!(draft.draft);
    assert_eq!(draft.comment, "Ghi chú vòng 2");
    assert_eq!(draft.choices.len(), 2);
}

#[test]
fn progress_counts_submitted_sheets_of_expected_members() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    assert_eq!(ws.progress("YY-2023-01"), (8, 8));
    assert_eq!(ws.progress("YY-2023-10"), (7, 7), "m6 is recused");
    ws.set_present("m4", true).unwrap();
    assert_eq!(ws.progress("YY-2023-01"), (8, 9), "m4 is now expected");
    assert_eq!(ws.results().products[0].decision, Decision::Pending);
    assert_eq!(ws.expected_members("YY-2023-10"), ["m1", "m2", "m3", "m4", "m5", "m7", "m8", "m9"]);
}

#[test]
fn results_follow_a_submitted_sheet_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    ws.open_round("YY-2023-06", "chấm lại").unwrap();
    let leaves: Vec<(String, usize)> = ws
        .criteria
        .sheet(4)
        .unwrap()
        .leaves()
        .iter()
        .map(|l| (l.criterion.code.clone(), l.criterion.options.len()))
        .collect();
    for (code, n) in &leaves[..leaves.len() - 1] {
        ws.save_choice("YY-2023-06", "m1", code, *n as u8).unwrap();
    }
    let err = ws.submit_sheet("YY-2023-06", "m1").unwrap_err().to_string();
    assert!(err.contains(&format!("còn thiếu tiêu chí {}", leaves.last().unwrap().0)), "{err}");
    assert!(ws.sheet("YY-2023-06", "m1").unwrap().draft, "a refused submit leaves the draft");
    let (code, n) = leaves.last().unwrap();
    ws.save_choice("YY-2023-06", "m1", code, *n as u8).unwrap();
    ws.submit_sheet("YY-2023-06", "m1").unwrap();
    let p = ws.results().products.iter().find(|p| p.code == "YY-2023-06").unwrap();
    assert_eq!((p.round, p.counted_sheets, p.max), (2, 1, Some(100)));
    assert_eq!(p.decision, Decision::Pending, "seven members still to score round 2");
}

#[test]
fn the_window_marks_attendance_through_set_attendance_keeping_memory_and_file_equal() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    let mut m4 = ws.session.member("m4").unwrap().clone();
    assert!(!m4.present);
    m4.absence_reason = "ốm".into();
    ws.edit_member(&m4).unwrap();
    // Marked absent again from the attendance screen: the reason written on the details tab stays.
    ws.set_present("m4", false).unwrap();
    assert_eq!(on_disk(&ws).member("m4").unwrap().absence_reason, "ốm");
    // Present: no absence reason is left, in the file as on screen.
    ws.set_present("m4", true).unwrap();
    let disk = on_disk(&ws);
    assert_eq!(disk.member("m4").unwrap().absence_reason, "");
    assert_eq!(ws.session.members, disk.members);
    let last = ws.audit_log().unwrap().pop().unwrap();
    assert_eq!(last.action.as_str(), "attendance");
}

#[test]
fn a_dossier_is_added_by_hand_and_refused_with_a_taken_code_or_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    let mut d = ws.session.dossiers[0].clone();
    let n = ws.session.dossiers.len();
    let err = ws.add_dossier(&d).unwrap_err();
    assert!(matches!(err, ocop_council::workspace::Error::DossierExists { .. }), "{err}");
    d.code = "  ".into();
    assert!(matches!(ws.add_dossier(&d).unwrap_err(), ocop_council::workspace::Error::DossierNeedsCode));
    d.code = "YY-2023-99".into();
    d.product = " Mật ong hoa nhãn ".into();
    ws.add_dossier(&d).unwrap();
    assert_eq!(ws.session.dossiers.len(), n + 1);
    let disk = on_disk(&ws);
    let added = disk.dossiers.last().unwrap();
    assert_eq!((added.code.as_str(), added.product.as_str()), ("YY-2023-99", "Mật ong hoa nhãn"));
    assert_eq!(ws.audit_log().unwrap().pop().unwrap().action.as_str(), "dossier_added");
}
