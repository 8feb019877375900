//! Issue 13.4 in the window: the «Thông tin phiên họp» tab corrects the session's facts and the
//! council's names (saved in the file, audited, refused once locked); the Documents tab lists what the
//! documents still lack; creating a session without date, place or authority warns.

mod common;
mod ui_kit;

use ocop_council::ui::App;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, facts, start};
use ocop_council::workspace::Workspace;
use std::path::Path;
use ui_kit::{apply, click, shows, type_into};

fn demo_app(dir: &Path) -> App {
    let file = common::demo_file(dir);
    let mut app = App::new(None);
    let ws = Workspace::open(&file, "thư ký").unwrap();
    apply(&mut app, vec![Message::Opened(Slot::new(Ok(ws)))]);
    app
}

#[test]
fn correct_the_place_and_a_members_name_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    apply(&mut app, vec![Message::Tab(Tab::Facts)]);
    assert!(shows(&app, "Thông tin phiên họp"));
    type_into(&mut app, "facts-Place", " (tầng 2)");
    type_into(&mut app, "facts-member-name-m3", " Hằng");
    click(&mut app, "facts-save");
    assert!(
        app.status().is_some_and(|s| !s.is_error() && s.text.vi.contains("Đã lưu 1 thông tin")),
        "{:?}",
        app.status()
    );
    click(&mut app, "member-save-m3");
    let ws = app.workspace().unwrap();
    assert!(ws.session.session.meeting_place.ends_with(" (tầng 2)"), "{}", ws.session.session.meeting_place);
    assert_eq!(ws.session.member("m3").map(|m| m.name.as_str()), Some("Phạm Thị Thu Hà Hằng"));
    // In the file, audited.
    let store = ocop_council::store::Store::open_shared(&ws.path).unwrap();
    let again = store.read_session().unwrap();
    assert_eq!(again.session.meeting_place, ws.session.session.meeting_place);
    let log = store.audit_log().unwrap();
    assert!(log.iter().any(|e| e.action.as_str() == "session_edited"));
    assert!(log.iter().any(|e| e.action.as_str() == "member_edited" && e.member.as_deref() == Some("m3")));
}

#[test]
fn the_documents_tab_lists_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    apply(&mut app, vec![Message::Tab(Tab::Documents)]);
    assert!(!shows(&app, "Tài liệu còn thiếu:"), "the demo has every fact");
    apply(
        &mut app,
        vec![
            Message::Tab(Tab::Facts),
            Message::Facts(facts::Message::Field(facts::Field::Place, String::new())),
            Message::Facts(facts::Message::Save),
            Message::Tab(Tab::Documents),
        ],
    );
    assert!(shows(&app, "Tài liệu còn thiếu: địa điểm họp — bổ sung ở thẻ «Thông tin phiên họp»."));
}

#[test]
fn a_locked_session_refuses_corrections_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    ocop_council::store::Store::open(&file).unwrap().lock("thư ký").unwrap();
    let before = common::bytes(&file);
    let mut app = App::new(None);
    let ws = Workspace::open(&file, "thư ký").unwrap();
    apply(&mut app, vec![Message::Opened(Slot::new(Ok(ws)))]);
    apply(
        &mut app,
        vec![
            Message::Tab(Tab::Facts),
            Message::Facts(facts::Message::Field(facts::Field::Place, "Nơi khác".into())),
            Message::Facts(facts::Message::Save),
        ],
    );
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("khóa")), "{:?}", app.status());
    drop(app);
    assert!(common::bytes(&file) == before, "the locked file is unchanged");
}

#[test]
fn creating_a_session_without_place_or_authority_warns() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(None);
    type_into(&mut app, "field-Title", "Hội nghị OCOP 2026");
    type_into(&mut app, "field-Date", "2026-11-30");
    type_into(&mut app, "member-name-0", "Nguyễn Văn Ấn");
    let path = dir.path().join("mới.ocop");
    apply(&mut app, vec![Message::Start(start::Message::Field(start::Field::Path, path.display().to_string()))]);
    click(&mut app, "create-session");
    assert!(path.is_file(), "a warning, not a refusal");
    let status = app.status().expect("a warning");
    assert!(!status.is_error());
    assert_eq!(
        status.text.vi,
        "Lưu ý: chưa có cơ quan tổ chức (UBND …), địa điểm họp — bổ sung ở thẻ «Thông tin phiên họp»."
    );
}
