//! Issue 15.8 in the window: nothing is left beside a session file or a file that is not one; a
//! file dialog that cannot open says so, and every one has a typed path beside it; the demo and
//! copies restored from an archive live in the sessions folder, with the documents beside them;
//! the demo can be made afresh after it was locked.

mod common;
mod ui_kit;

use ocop_council::ui::app::Message;
use ocop_council::ui::screen::pick::Picked;
use ocop_council::ui::screen::{Tab, archive, start};
use ui_kit::*;

#[test]
fn opening_and_closing_leave_nothing_beside_the_files_and_old_empty_lock_files_go() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path(), |_| {});
    std::fs::write(dir.path().join("ds.csv"), "Mã,Sản phẩm\nA1,Chè\n").unwrap();
    let before = listing(dir.path());
    assert_eq!(before, ["ds.csv", "phiên.ocop"]);
    // Left empty by versions that locked a file beside the session (and beside anything opened).
    std::fs::write(dir.path().join("phiên.ocop-lock"), b"").unwrap();
    std::fs::write(dir.path().join("ds.csv-lock"), b"").unwrap();

    let mut app = app_in(dir.path());
    type_into(&mut app, "open-path", &session.display().to_string());
    click(&mut app, "open-typed");
    assert!(app.workspace().is_some(), "{:?}", app.status());
    apply(&mut app, vec![Message::CloseSession]);
    assert!(app.workspace().is_none());
    assert_eq!(listing(dir.path()), ["ds.csv", "ds.csv-lock", "phiên.ocop"], "the session's old lock file is gone");

    apply(&mut app, vec![Message::Tab(Tab::Start), Message::Start(start::Message::PathChanged(String::new()))]);
    type_into(&mut app, "open-path", &dir.path().join("ds.csv").display().to_string());
    click(&mut app, "open-typed");
    assert!(app.workspace().is_none());
    let status = app.status().expect("a sentence says why");
    assert!(status.is_error() && status.text.vi.contains("không phải tệp phiên họp"), "{status:?}");
    assert_eq!(listing(dir.path()), before, "nothing new beside a file that is not a session");

    // A lock file with content is somebody's file: it stays.
    std::fs::write(dir.path().join("phiên.ocop-lock"), b"notes").unwrap();
    apply(&mut app, vec![Message::Start(start::Message::PathChanged(session.display().to_string()))]);
    click(&mut app, "open-typed");
    assert!(app.workspace().is_some());
    apply(&mut app, vec![Message::CloseSession]);
    assert_eq!(listing(dir.path()), ["ds.csv", "phiên.ocop", "phiên.ocop-lock"]);
}

#[test]
fn a_file_dialog_that_cannot_open_says_so_and_each_has_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = session_file(dir.path(), |_| {});
    let mut app = app_in(dir.path());
    for picked in [
        Message::Start(start::Message::Browsed(Picked::Unavailable)),
        Message::Start(start::Message::CouncilPicked(Picked::Unavailable)),
        Message::Start(start::Message::SaveAsPicked(Picked::Unavailable)),
    ] {
        apply(&mut app, vec![Message::DismissStatus, picked]);
        let status = app.status().expect("the window says the dialog is missing");
        assert!(status.text.vi.contains("gõ đường dẫn"), "{status:?}");
    }
    apply(&mut app, vec![Message::DismissStatus, Message::Start(start::Message::CouncilPicked(Picked::Cancelled))]);
    assert_eq!(app.status(), None, "a cancelled dialog is no error");

    // The earlier session's council, by its typed path.
    type_into(&mut app, "council-path", &earlier.display().to_string());
    click(&mut app, "copy-council-typed");
    assert_eq!(app.start().form().members.len(), 9, "{:?}", app.status());
    assert_eq!(app.start().form().path, dir.path().join("Phiên họp mới.ocop"), "new sessions go to the folder");
}

#[test]
fn open_from_archive_has_a_typed_path_and_the_copy_goes_to_the_sessions_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("OCOP");
    let usb = dir.path().join("USB");
    std::fs::create_dir_all(&usb).unwrap();
    let session = session_file(dir.path(), |_| {});
    let mut app = app_in(&folder);
    apply(&mut app, vec![Message::Start(start::Message::PathChanged(session.display().to_string()))]);
    click(&mut app, "open-typed");
    apply(
        &mut app,
        vec![Message::Tab(Tab::Archive), Message::Archive(archive::Message::Dest(usb.display().to_string()))],
    );
    click(&mut app, "archive");
    let archived = app.archive().unwrap().report().expect("archived").path.clone();

    apply(&mut app, vec![Message::Archive(archive::Message::RestorePicked(Picked::Unavailable))]);
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.en.contains("type the path")), "{:?}", app.status());
    type_into(&mut app, "restore-path", &archived.display().to_string());
    click(&mut app, "restore-typed");
    let copy = folder.join("khôi phục").join("phiên.ocop");
    assert_eq!(app.workspace().map(|ws| ws.path.clone()), Some(copy.clone()), "{:?}", app.status());
    apply(&mut app, vec![Message::CloseSession]);
    assert_eq!(listing(&folder.join("khôi phục")), ["phiên.ocop"]);
}

#[test]
fn the_demo_lives_in_the_sessions_folder_with_its_documents_and_is_made_afresh_after_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    click(&mut app, "open-demo");
    let demo = dir.path().join("Phiên họp mẫu Ý Yên 2023.ocop");
    assert_eq!(app.workspace().map(|ws| ws.path.clone()), Some(demo.clone()), "{:?}", app.status());

    apply(&mut app, vec![Message::Tab(Tab::Documents)]);
    click(&mut app, "generate-summary");
    let documents = dir.path().join("Phiên họp mẫu Ý Yên 2023 - tài liệu");
    assert_eq!(app.documents().unwrap().files().first().and_then(|f| f.parent()), Some(documents.as_path()));

    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    click(&mut app, "ask-lock");
    click(&mut app, "confirm-lock");
    assert!(app.workspace().unwrap().is_locked());
    let files = listing(dir.path());

    apply(&mut app, vec![Message::Tab(Tab::Start)]);
    click(&mut app, "reset-demo");
    let ws = app.workspace().expect("the demo is open again");
    assert_eq!(ws.path, demo);
    assert!(!ws.is_locked(), "made afresh");
    assert_eq!(ws.audit_log().unwrap().len(), 1, "only its creation");
    assert_eq!(listing(dir.path()), files);
}
