//! The critical flows of a meeting, driven through the real views with iced_test's headless
//! simulator (tiny-skia): clicks and typing go through the widgets, the messages they produce go
//! through `App::update`, and tasks (opening, creating a file) are run to completion.

mod common;
mod ui_kit;

use iced::keyboard::{Key, Modifiers, key};
use iced_test::selector::id;
use ocop_council::domain::Decision;
use ocop_council::ui::App;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, results, scoring, start};
use ocop_council::workspace::Workspace;
use std::path::Path;
use ui_kit::{app_with, apply, click, digit, run, shows, sim, type_into};

fn key_press(k: Key, shift: bool) -> Message {
    ui_kit::press(k, if shift { Modifiers::SHIFT } else { Modifiers::empty() })
}

#[test]
fn create_a_session_from_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(None);
    assert_eq!(app.tab(), Tab::Start);
    type_into(&mut app, "field-Title", "Hội nghị đánh giá sản phẩm OCOP năm 2026");
    type_into(&mut app, "field-Date", "2026-11-30");
    type_into(&mut app, "member-name-0", "Nguyễn Văn Ấn");
    click(&mut app, "add-member");
    type_into(&mut app, "member-name-1", "Lê Thị Ỗ");
    let path = dir.path().join("Phiên họp thử.ocop");
    apply(&mut app, vec![Message::Start(start::Message::Field(start::Field::Path, path.display().to_string()))]);
    assert_eq!(app.start().form().title, "Hội nghị đánh giá sản phẩm OCOP năm 2026");
    click(&mut app, "create-session");

    let ws = app.workspace().expect("the new session is open");
    assert!(path.is_file());
    assert_eq!(ws.session.session.title, "Hội nghị đánh giá sản phẩm OCOP năm 2026");
    assert_eq!(ocop_council::domain::date::to_text(ws.session.session.meeting_date), "2026-11-30");
    let names: Vec<&str> = ws.session.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Ấn", "Lê Thị Ỗ"]);
    assert_eq!(app.tab(), Tab::Attendance, "a new meeting starts with attendance");
    assert!(shows(&app, "m2  Lê Thị Ỗ"));

    // Creating again at the same path is refused with a message, nothing is overwritten.
    let before = std::fs::read(&path).unwrap();
    apply(&mut app, vec![Message::Tab(Tab::Start)]);
    click(&mut app, "create-session");
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("đã có tệp này")), "{:?}", app.status());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn mark_attendance_and_see_the_quorum() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Attendance)]);
    assert!(shows(&app, "Đủ số lượng: 8/9 thành viên có mặt (quy định: ít nhất 2/3, có Chủ tịch hoặc Phó Chủ tịch)"));
    use ocop_council::ui::screen::attendance::Message as A;
    // Each has submitted sheets: the screen asks first (issue 13.6), and is told yes.
    let untick =
        |m: &str| [Message::Attendance(A::Present(m.to_string(), false)), Message::Attendance(A::ConfirmAbsent)];
    apply(&mut app, ["m1", "m2", "m3"].iter().flat_map(|m| untick(m)).collect());
    assert!(shows(
        &app,
        "CHƯA đủ số lượng: 5/9 thành viên có mặt (quy định: ít nhất 2/3, có Chủ tịch hoặc Phó Chủ tịch)"
    ));
    let ws = app.workspace().unwrap();
    assert!(!ws.results().session.quorum_met);
    // Saved in the file, not only on screen.
    let again = ocop_council::store::Store::open_shared(&ws.path).unwrap().load().unwrap();
    assert_eq!(again.session.members.iter().filter(|m| m.present).count(), 5);
}

#[test]
fn enter_a_full_sheet_by_keyboard_and_see_the_result_change() {
    let dir = tempfile::tempdir().unwrap();
    // m1's sheet for YY-2023-01 is missing: the product waits for it.
    let mut app = app_with(dir.path(), |v| {
        v["sheets"].as_array_mut().unwrap().retain(|s| !(s["dossier"] == "YY-2023-01" && s["member"] == "m1"));
    });
    let before = app.workspace().unwrap().results().products[0].clone();
    assert_eq!(before.decision, Decision::Pending);
    assert_eq!(before.counted_sheets, 7);

    click(&mut app, "score-YY-2023-01");
    assert_eq!(app.tab(), Tab::Scoring);
    assert_eq!(app.scoring().unwrap().member(), Some("m1"), "the first member still to score is chosen");
    let leaves = {
        let ws = app.workspace().unwrap();
        ws.criteria.sheet(3).unwrap().leaves().iter().map(|l| l.criterion.options.len()).collect::<Vec<_>>()
    };
    assert_eq!(leaves.len(), 32);
    // The best option everywhere, typed as digits; the cursor moves on by itself.
    for n in &leaves {
        apply(&mut app, vec![digit(*n as u8)]);
    }
    assert!(shows(&app, "Tổng 100"), "the live total is on screen");
    assert!(shows(&app, "→ xếp ★★★★★"));
    // Arrow up, then 1: the last criterion drops to its first option; the total follows.
    apply(
        &mut app,
        vec![key_press(Key::Named(key::Named::ArrowUp), false), key_press(Key::Named(key::Named::Enter), false)],
    );
    assert_eq!(app.scoring().unwrap().cursor(), leaves.len() - 1);
    apply(&mut app, vec![digit(1)]);
    let ws = app.workspace().unwrap();
    let sheet = ws.sheet("YY-2023-01", "m1").unwrap();
    assert!(sheet.draft);
    assert_eq!(sheet.choices.len(), 32);
    let last_leaf = ws.criteria.sheet(3).unwrap().leaves().last().unwrap().criterion.clone();
    let lost = last_leaf.max - last_leaf.options[0].points;
    assert!(shows(&app, &format!("Tổng {}", 100 - lost)));

    click(&mut app, "submit-sheet");
    let ws = app.workspace().unwrap();
    let after = ws.results().products[0].clone();
    assert_eq!(after.max, Some(100 - lost));
    assert_eq!(after.counted_sheets, 8);
    assert_ne!(after.mean, before.mean);
    // A 98-point sheet among totals of 60–68: the board now asks the council about the spread.
    assert!(after.spread_flag);
    assert!(ws.results().session.blockers.iter().any(|b| b.to_string().starts_with("YY-2023-01: spread")));
    apply(&mut app, vec![Message::Tab(Tab::Results)]);
    assert!(shows(&app, &format!("chênh {} > 10", after.spread.unwrap())));
    // Every keystroke was saved: the file has the submitted sheet.
    let ws = app.workspace().unwrap();
    let again = ocop_council::store::Store::open_shared(&ws.path).unwrap().load().unwrap();
    let sheet = again.session.sheets.iter().find(|s| s.dossier == "YY-2023-01" && s.member == "m1").unwrap();
    assert!(!sheet.draft);
    assert_eq!(again.results().products[0].mean, after.mean);
    // The same file cannot be opened a second time for editing while this window has it.
    let err = Workspace::open(&ws.path, "x").err().unwrap();
    assert!(err.to_string().contains("đang được mở ở một cửa sổ khác"), "{err}");
}

#[test]
fn a_read_back_check_shows_where_two_entries_differ() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |v| {
        let sheets = v["sheets"].as_array_mut().unwrap();
        let s = sheets.iter_mut().find(|s| s["dossier"] == "YY-2023-01" && s["member"] == "m1").unwrap();
        s["draft"] = true.into();
    });
    click(&mut app, "score-YY-2023-01");
    let first: Vec<u8> = {
        let ws = app.workspace().unwrap();
        let sheet = ws.sheet("YY-2023-01", "m1").unwrap();
        ws.criteria.sheet(3).unwrap().leaves().iter().map(|l| sheet.choices[&l.criterion.code]).collect()
    };
    click(&mut app, "check-mode");
    assert!(app.scoring().unwrap().checking());
    // The second person types the same paper sheet, but misreads the third criterion.
    for (i, d) in first.iter().enumerate() {
        let typed = if i == 2 { if *d == 1 { 2 } else { 1 } } else { *d };
        apply(&mut app, vec![digit(typed)]);
    }
    let code = app.workspace().unwrap().criteria.sheet(3).unwrap().leaves()[2].criterion.code.clone();
    assert!(shows(&app, "Khác nhau:"));
    assert!(sim(&app).find(id("submit-sheet")).is_err(), "no submitting while the entries differ");
    // The first entry was right: fix the check entry and the sheet can be submitted.
    apply(&mut app, vec![Message::Scoring(scoring::Message::Pick { leaf: 2, option: first[2] })]);
    assert!(shows(&app, "Khớp hoàn toàn — nộp phiếu"));
    click(&mut app, "submit-sheet");
    let ws = app.workspace().unwrap();
    assert!(!ws.sheet("YY-2023-01", "m1").unwrap().draft);
    assert_eq!(ws.sheet("YY-2023-01", "m1").unwrap().choices[&code], first[2], "the check never wrote to the sheet");
}

/// The demo with the spread product's second round removed: round 1 has a spread of 16 > 10.
fn flagged(dir: &Path) -> App {
    app_with(dir, |v| {
        v["sheets"].as_array_mut().unwrap().retain(|s| !(s["dossier"] == "YY-2023-05" && s["round"] == 2));
    })
}

#[test]
fn open_round_2_from_the_results_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = flagged(dir.path());
    assert_eq!(app.tab(), Tab::Results);
    assert!(shows(&app, "chênh 16 > 10"));
    click(&mut app, "round-YY-2023-05");
    assert!(
        matches!(app.results().unwrap().asking(), Some(n) if n.kind == results::NoteKind::Round && n.dossier == "YY-2023-05")
    );
    type_into(&mut app, "note-input", "Chênh lệch 16 điểm, Hội đồng thống nhất chấm lại");
    click(&mut app, "note-confirm");
    let ws = app.workspace().unwrap();
    let p = ws.results().products.iter().find(|p| p.code == "YY-2023-05").unwrap();
    assert_eq!((p.round, p.counted_sheets, p.decision), (2, 0, Decision::Pending));
    assert!(app.status().is_some_and(|s| !s.is_error() && s.text.vi.contains("Đã mở vòng 2")));
    assert!(shows(&app, "thiếu m1, m2, m3, m5, m6, m7, m8, m9"));
}

#[test]
fn record_a_resolution_from_the_results_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = flagged(dir.path());
    assert!(!app.workspace().unwrap().results().session.finalizable);
    click(&mut app, "resolve-YY-2023-05");
    // An empty note is refused and the form stays open.
    click(&mut app, "note-confirm");
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("kết luận")));
    assert!(app.results().unwrap().asking().is_some());
    type_into(&mut app, "note-input", "Hội đồng thống nhất giữ kết quả vòng 1");
    click(&mut app, "note-confirm");
    let ws = app.workspace().unwrap();
    let p = ws.results().products.iter().find(|p| p.code == "YY-2023-05").unwrap();
    assert!(!p.spread_flag);
    assert_eq!(p.decision, Decision::Recognized);
    assert!(ws.results().session.finalizable);
    assert_eq!(ws.session.resolutions[0].note, "Hội đồng thống nhất giữ kết quả vòng 1");
}

#[test]
fn closing_an_unlocked_session_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let id = iced::window::Id::unique();
    let task = app.update(Message::CloseRequested(id));
    assert_eq!(task.units(), 0, "no close yet");
    assert_eq!(app.confirm_exit(), Some(id));
    assert!(shows(&app, "Đóng ứng dụng?"));
    apply(&mut app, vec![Message::Exit(false)]);
    assert_eq!(app.confirm_exit(), None);
    assert!(!shows(&app, "Đóng ứng dụng?"));
}

#[test]
fn english_is_one_click_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    assert!(shows(&app, "Chấm điểm"));
    apply(&mut app, vec![Message::ToggleLang]);
    assert!(shows(&app, "Scoring"));
    assert!(shows(&app, "Recognised ★★★"));
}

#[test]
fn lock_archive_verify_and_reopen_from_the_archive_screen() {
    use ocop_council::ui::screen::archive::Message as A;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    assert_eq!(
        app.archive().unwrap().audit().first().map(|a| a.action.as_str()),
        Some("create"),
        "the audit trail is read"
    );
    click(&mut app, "ask-lock");
    let fp = app.archive().unwrap().confirming_lock().map(str::to_string).expect("the lock asks first");
    let short = ocop_council::domain::fingerprint::short(&fp);
    assert!(shows(&app, &short), "the confirmation shows the fingerprint");
    click(&mut app, "confirm-lock");
    assert!(app.workspace().unwrap().is_locked());
    assert!(app.status().is_some_and(|s| !s.is_error() && s.text.vi.contains(&short)));

    let usb = dir.path().join("USB");
    std::fs::create_dir(&usb).unwrap();
    apply(&mut app, vec![Message::Archive(A::Dest(usb.display().to_string()))]);
    click(&mut app, "archive");
    let report = app.archive().unwrap().report().cloned().expect("archived");
    assert_eq!(report.fingerprint, fp);
    assert!(!app.archive().unwrap().archiving());
    assert!(report.path.is_file());

    apply(&mut app, vec![Message::Archive(A::VerifyPath(report.path.display().to_string()))]);
    type_into(&mut app, "verify-typed", &short);
    click(&mut app, "verify");
    let found = app.archive().unwrap().verified().cloned().expect("verified");
    let (ok, lines) = (found.ok, found.lines);
    assert!(ok, "{lines:?}");
    assert!(shows(&app, "So với dấu vân tay trên biên bản giấy: khớp"));

    // Reopen: refused without a reason, then done with one.
    click(&mut app, "reopen");
    assert!(app.workspace().unwrap().is_locked());
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("lý do")));
    type_into(&mut app, "reopen-reason", "Sai sót khi nhập phiếu");
    click(&mut app, "reopen");
    assert!(!app.workspace().unwrap().is_locked());
    let last = app.archive().unwrap().audit().last().unwrap();
    assert_eq!((last.action.as_str(), last.reason.as_deref()), ("reopen", Some("Sai sót khi nhập phiếu")));
    assert_eq!(last.old.as_deref(), Some(fp.as_str()), "the old fingerprint is kept");
}

#[test]
fn make_the_documents_from_the_documents_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Documents)]);
    assert!(shows(&app, "Kết quả chưa khóa: mọi trang in chữ «DỰ THẢO»."));
    click(&mut app, "generate-minutes");
    let folder = dir.path().join("phiên - tài liệu");
    assert_eq!(app.documents().unwrap().files(), [folder.join("bien-ban-hop-hoi-dong.pdf")]);
    let pdf = std::fs::read(&app.documents().unwrap().files()[0]).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(app.status().is_some_and(|s| !s.is_error() && s.text.vi.contains("Đã tạo 1 tài liệu")));
    assert!(shows(&app, "bien-ban-hop-hoi-dong.pdf"));
}

#[test]
fn import_a_list_from_the_dossiers_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let list = dir.path().join("bổ sung.csv");
    std::fs::write(&list, "Tên sản phẩm;Bộ sản phẩm;Chủ thể\nNước mắm Hải Thịnh;9;HTX Hải Thịnh\n").unwrap();
    apply(&mut app, vec![Message::Tab(Tab::Dossiers)]);
    apply(
        &mut app,
        vec![Message::Dossiers(ocop_council::ui::screen::dossiers::Message::ListPath(list.display().to_string()))],
    );
    click(&mut app, "list-preview");
    assert!(shows(&app, "Thêm 1 hồ sơ, cập nhật 0 hồ sơ."));
    assert_eq!(app.workspace().unwrap().session.dossiers.len(), 12, "a preview adds nothing");
    click(&mut app, "list-import");
    let ws = app.workspace().unwrap();
    assert_eq!(ws.session.dossiers.len(), 13);
    assert_eq!(ws.session.dossiers[12].product, "Nước mắm Hải Thịnh");
    assert!(shows(&app, "Nước mắm Hải Thịnh"));
}

#[test]
fn attach_a_folder_of_documents_from_the_dossiers_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let root = dir.path().join("Hồ sơ");
    std::fs::create_dir_all(root.join("YY-2023-02")).unwrap();
    std::fs::write(root.join("YY-2023-02").join("Giấy phép.pdf"), b"%PDF-1.4").unwrap();
    apply(&mut app, vec![Message::Tab(Tab::Dossiers)]);
    apply(
        &mut app,
        vec![Message::Dossiers(ocop_council::ui::screen::dossiers::Message::ListPath(root.display().to_string()))],
    );
    click(&mut app, "list-preview");
    assert!(shows(&app, "Đính kèm 1 tệp (0.0 MB)."));
    click(&mut app, "list-import");
    assert!(!app.dossiers().unwrap().importing(), "done");
    assert!(
        app.status().is_some_and(|s| !s.is_error() && s.text.vi.contains("Đã đính kèm 1 tệp")),
        "{:?}",
        app.status()
    );
    let store = ocop_council::store::Store::open_shared(&app.workspace().unwrap().path).unwrap();
    assert_eq!(store.attachment_hashes().unwrap()[0].1, "Giấy phép.pdf");
}

#[test]
fn edit_and_eliminate_a_dossier_from_the_dossiers_screen() {
    use ocop_council::ui::screen::dossiers::{DField, Message as D};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Dossiers), Message::Dossiers(D::Select("YY-2023-04".into()))]);
    let reason = app.dossiers().unwrap().elimination_reason().unwrap().to_string();
    assert!(reason.starts_with("Giả mạo hồ sơ"), "the sheet's disqualification line is offered: {reason}");
    apply(&mut app, vec![Message::Dossiers(D::Edit(DField::Product, "Bún khô Yên Bằng loại 1".into()))]);
    click(&mut app, "dossier-save");
    assert_eq!(app.workspace().unwrap().dossier("YY-2023-04").unwrap().product, "Bún khô Yên Bằng loại 1");
    click(&mut app, "dossier-eliminate");
    let ws = app.workspace().unwrap();
    assert_eq!(ws.dossier("YY-2023-04").unwrap().eliminated.as_deref(), Some(reason.as_str()));
    assert_eq!(ws.results().products[3].decision, Decision::Eliminated);
    click(&mut app, "dossier-reinstate");
    assert_eq!(app.workspace().unwrap().results().products[3].decision, Decision::NotAchieved);
}

#[test]
fn closing_a_session_leaves_no_screen_state_behind() {
    use ocop_council::ui::screen::dossiers::Message as D;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let file = app.workspace().unwrap().path.clone();
    apply(
        &mut app,
        vec![
            Message::Tab(Tab::Dossiers),
            Message::Dossiers(D::Search("gao".into())),
            Message::Dossiers(D::Select("YY-2023-04".into())),
            Message::Results(results::Message::Ask(results::NoteKind::Round, "YY-2023-05".into())),
            Message::Scoring(scoring::Message::Product("YY-2023-07".into())),
        ],
    );
    assert!(!shows(&app, "Đỉnh đồng Tống Xá"), "the search hides it");
    assert!(shows(&app, "Hồ sơ YY-2023-04"), "the details are open");

    apply(&mut app, vec![Message::CloseSession]);
    assert_eq!(app.tab(), Tab::Start);
    assert!(app.workspace().is_none() && app.dossiers().is_none() && app.results().is_none());

    let ws = Workspace::open(&file, "thư ký").expect("closing released the file");
    apply(&mut app, vec![Message::Opened(Slot::new(Ok(ws))), Message::Tab(Tab::Dossiers)]);
    let dossiers = app.dossiers().unwrap();
    assert_eq!(dossiers.search(), "", "no search carried over");
    assert_eq!(dossiers.elimination_reason(), None, "no selection carried over");
    assert!(app.results().unwrap().asking().is_none(), "no note form carried over");
    assert_eq!(app.scoring().unwrap().product(), Some("YY-2023-01"), "scoring starts at the first product again");
    assert!(shows(&app, "Đỉnh đồng Tống Xá"));
    assert!(!shows(&app, "Hồ sơ YY-2023-04"));
}

#[test]
fn status_lines_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = flagged(dir.path());
    apply(
        &mut app,
        vec![
            Message::ToggleLang,
            Message::Results(results::Message::Ask(results::NoteKind::Resolution, "YY-2023-05".into())),
            Message::Results(results::Message::Note("Giữ kết quả vòng 1".into())),
            Message::Results(results::Message::Confirm),
        ],
    );
    assert!(shows(&app, "The council's resolution for YY-2023-05 is recorded."));
    apply(&mut app, vec![Message::ToggleLang]);
    assert!(shows(&app, "Đã ghi kết luận của Hội đồng cho YY-2023-05."), "the line follows the language");
}

#[test]
fn an_import_that_moves_a_scored_dossier_to_another_sheet_is_confirmed_with_a_reason() {
    use ocop_council::ui::screen::dossiers::Message as D;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let list = dir.path().join("đổi bộ.csv");
    let csv = "Mã hồ sơ;Tên sản phẩm;Bộ sản phẩm;Chủ thể\n\
               YY-2023-01;Gạo nếp cái hoa vàng Yên Cường;4;HTX Dịch vụ nông nghiệp Yên Cường\n";
    std::fs::write(&list, csv).unwrap();
    apply(&mut app, vec![Message::Tab(Tab::Dossiers), Message::Dossiers(D::ListPath(list.display().to_string()))]);
    click(&mut app, "list-preview");
    assert!(shows(&app, "hồ sơ YY-2023-01: bộ sản phẩm 3 → 4 sẽ hủy 8 phiếu chấm đã có"));
    assert!(sim(&app).find(id("list-import")).is_err(), "no import without the confirmation");
    let scored =
        |app: &App| app.workspace().unwrap().session.sheets.iter().filter(|s| s.dossier == "YY-2023-01").count();
    click(&mut app, "list-import-discard");
    assert_eq!(scored(&app), 8, "not without a reason");
    type_into(&mut app, "discard-reason", "đăng ký nhầm bộ sản phẩm");
    click(&mut app, "list-import-discard");
    assert!(
        app.status().is_some_and(|s| !s.is_error() && s.text.vi.contains("hủy 8 phiếu chấm")),
        "{:?}",
        app.status()
    );
    let ws = app.workspace().unwrap();
    assert_eq!(ws.dossier("YY-2023-01").unwrap().sheet, 4);
    assert_eq!(scored(&app), 0);
    let log = ws.audit_log().unwrap();
    let discarded = log.iter().find(|e| e.action == ocop_council::domain::audit::AuditAction::SheetsDiscarded).unwrap();
    assert_eq!(
        (discarded.dossier.as_deref(), discarded.reason.as_deref()),
        (Some("YY-2023-01"), Some("đăng ký nhầm bộ sản phẩm"))
    );
}

#[test]
fn editing_the_sheet_of_a_scored_dossier_in_the_window_is_refused() {
    use ocop_council::ui::screen::dossiers::{DField, Message as D};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Dossiers), Message::Dossiers(D::Select("YY-2023-01".into()))]);
    apply(&mut app, vec![Message::Dossiers(D::Edit(DField::Sheet, "4".into()))]);
    click(&mut app, "dossier-save");
    assert!(
        app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("YY-2023-01 (8 phiếu chấm)")),
        "{:?}",
        app.status()
    );
    assert_eq!(app.workspace().unwrap().dossier("YY-2023-01").unwrap().sheet, 3);
}

/// The demo with m1's sheet for YY-2023-01 missing, on the scoring screen for it.
fn scoring_m1(dir: &Path) -> App {
    let mut app = app_with(dir, |v| {
        v["sheets"].as_array_mut().unwrap().retain(|s| !(s["dossier"] == "YY-2023-01" && s["member"] == "m1"));
    });
    click(&mut app, "score-YY-2023-01");
    assert_eq!(app.scoring().unwrap().member(), Some("m1"));
    app
}

fn comment_rows(app: &App) -> usize {
    app.workspace().unwrap().audit_log().unwrap().iter().filter(|e| e.action.as_str() == "comment").count()
}

#[test]
fn typing_a_34_character_comment_is_one_audit_row_after_a_pause() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = scoring_m1(dir.path());
    let text = "Sản phẩm tốt, bao bì cần cải tiến.";
    assert_eq!(text.chars().count(), 34);
    // Keystrokes as the window sends them: each the whole field so far. Only the first starts a
    // timer; the others come while it runs.
    let mut typed = String::new();
    let mut timers = Vec::new();
    for c in text.chars() {
        typed.push(c);
        timers.push(app.update(Message::Scoring(scoring::Message::Comment(typed.clone()))));
    }
    assert_eq!(comment_rows(&app), 0, "nothing is saved while typing");
    let first = timers.remove(0);
    drop(timers);
    apply(&mut app, run(first));
    assert_eq!(comment_rows(&app), 1, "one row for the whole comment");
    let ws = app.workspace().unwrap();
    assert_eq!(ws.sheet("YY-2023-01", "m1").unwrap().comment, text);
    let log = ws.audit_log().unwrap();
    assert_eq!(log.iter().rev().find(|e| e.action.as_str() == "comment").unwrap().new.as_deref(), Some(text));
}

#[test]
fn a_comment_still_being_typed_is_saved_on_leaving_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = scoring_m1(dir.path());
    for typed in ["T", "Tố", "Tốt"] {
        let _timer = app.update(Message::Scoring(scoring::Message::Comment(typed.into())));
    }
    apply(&mut app, vec![Message::Scoring(scoring::Message::Member("m2".into()))]);
    assert_eq!(comment_rows(&app), 1);
    assert_eq!(app.workspace().unwrap().sheet("YY-2023-01", "m1").unwrap().comment, "Tốt");
    // Leaving the screen does the same.
    apply(&mut app, vec![Message::Scoring(scoring::Message::Member("m1".into()))]);
    let _timer = app.update(Message::Scoring(scoring::Message::Comment("Khá".into())));
    apply(&mut app, vec![Message::Tab(Tab::Results)]);
    assert_eq!(comment_rows(&app), 2);
}

#[test]
fn a_submitted_sheet_refuses_a_stray_digit_and_a_matching_read_back_is_stored_as_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(
        &mut app,
        vec![
            Message::Tab(Tab::Scoring),
            Message::Scoring(scoring::Message::Product("YY-2023-01".into())),
            Message::Scoring(scoring::Message::Member("m1".into())),
        ],
    );
    let before = app.workspace().unwrap().sheet("YY-2023-01", "m1").unwrap().clone();
    assert!(!before.draft);
    apply(&mut app, vec![digit(1)]);
    assert!(
        app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("mở lại phiếu")),
        "a stray digit is refused"
    );
    assert_eq!(app.workspace().unwrap().sheet("YY-2023-01", "m1").unwrap().choices, before.choices);
    // A second person reads the submitted sheet back blind; all agree: the check is recorded.
    let typed: Vec<u8> = {
        let ws = app.workspace().unwrap();
        ws.criteria.sheet(3).unwrap().leaves().iter().map(|l| before.choices[&l.criterion.code]).collect()
    };
    click(&mut app, "check-mode");
    for d in typed {
        apply(&mut app, vec![digit(d)]);
    }
    click(&mut app, "submit-sheet");
    let ws = app.workspace().unwrap();
    assert!(ws.sheet("YY-2023-01", "m1").unwrap().checked);
    assert_eq!(ws.results().products[0].checked_sheets, 1);
    assert_eq!(ws.audit_log().unwrap().last().unwrap().action.as_str(), "sheet_checked");
}

#[test]
fn unticking_a_member_with_sheets_names_them_first_and_the_board_turns_provisional() {
    use ocop_council::ui::screen::attendance::Message as A;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Attendance), Message::Attendance(A::Present("m3".into(), false))]);
    let asking = app.attendance().unwrap().asking().cloned().expect("a question, not a change");
    assert_eq!(asking.member, "m3");
    assert!(asking.dossiers.contains(&"YY-2023-01".to_string()), "{:?}", asking.dossiers);
    assert!(shows(&app, "Vẫn đánh dấu vắng"));
    assert!(app.workspace().unwrap().session.member("m3").unwrap().present, "nothing changed yet");
    click(&mut app, "absent-cancel");
    assert!(app.attendance().unwrap().asking().is_none());
    assert!(app.workspace().unwrap().session.member("m3").unwrap().present);

    // The chair and the vice-chair away: the light says that is the rule that fails.
    for m in ["m1", "m2"] {
        apply(&mut app, vec![Message::Attendance(A::Present(m.into(), false)), Message::Attendance(A::ConfirmAbsent)]);
    }
    assert!(shows(&app, "vắng cả Chủ tịch và Phó Chủ tịch"));
    assert!(!app.workspace().unwrap().results().session.quorum_met);
    // The board shows no decision as final while the quorum is not met.
    apply(&mut app, vec![Message::Tab(Tab::Results)]);
    let ws = app.workspace().unwrap();
    let p = ws.results().products.iter().find(|p| p.decision == Decision::Recognized).unwrap();
    let stars = "★".repeat(usize::from(p.stars.unwrap()));
    assert!(shows(&app, &format!("Tạm tính (chưa đủ số lượng): {stars}")));
    let word = ocop_council::ui::screen::results::decision_label(ocop_council::ui::strings::Lang::Vi, p);
    assert!(sim(&app).find(word.as_str()).is_err(), "no final «{word}» on the board");
}

#[test]
fn a_submitted_sheet_is_corrected_in_the_window_after_reopening_it_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(
        &mut app,
        vec![
            Message::Tab(Tab::Scoring),
            Message::Scoring(scoring::Message::Product("YY-2023-01".into())),
            Message::Scoring(scoring::Message::Member("m1".into())),
        ],
    );
    let old = app.workspace().unwrap().sheet("YY-2023-01", "m1").unwrap().choices["1.1"];
    let other = if old == 1 { 2 } else { 1 };
    click(&mut app, "reopen-sheet");
    // No reason: refused, still asking.
    click(&mut app, "reopen-confirm");
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("cần ghi lý do")));
    type_into(&mut app, "reopen-reason", "Nhập nhầm tiêu chí 1.1");
    click(&mut app, "reopen-confirm");
    assert!(app.workspace().unwrap().sheet("YY-2023-01", "m1").unwrap().draft, "reopened: editable, not counted");
    apply(&mut app, vec![digit(other)]);
    click(&mut app, "submit-sheet");
    let ws = app.workspace().unwrap();
    let sheet = ws.sheet("YY-2023-01", "m1").unwrap();
    assert_eq!((sheet.draft, sheet.choices["1.1"]), (false, other));
    let log = ws.audit_log().unwrap();
    let reopened = log.iter().find(|e| e.action.as_str() == "sheet_reopened").unwrap();
    assert_eq!(reopened.reason.as_deref(), Some("Nhập nhầm tiêu chí 1.1"));
}
