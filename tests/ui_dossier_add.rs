//! Issue 15.9 in the window: a dossier added by hand (not only by import), and the close question
//! telling the truth: a dossier's details still being edited are saved first, or said unsaved.

mod common;
mod ui_kit;

use ocop_council::ui::app::Message;
use ocop_council::ui::screen::{Tab, dossiers};
use ocop_council::workspace::Workspace;
use ui_kit::*;

#[test]
fn add_a_dossier_by_hand_from_the_dossiers_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Dossiers)]);
    let before = app.workspace().unwrap().session.dossiers.len();
    click(&mut app, "dossier-new");
    type_into(&mut app, "dossier-Code", "YY-2023-13");
    type_into(&mut app, "dossier-Product", "Mật ong hoa nhãn");
    click(&mut app, "dossier-save");
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.vi.contains("tên chủ thể")), "{:?}", app.status());
    type_into(&mut app, "dossier-Producer", "HTX Ong mật Yên Thành");
    type_into(&mut app, "dossier-Sheet", "3");
    click(&mut app, "dossier-save");
    let ws = app.workspace().unwrap();
    assert_eq!(ws.session.dossiers.len(), before + 1, "{:?}", app.status());
    let d = ws.dossier("YY-2023-13").expect("added");
    assert_eq!((d.product.as_str(), d.producer.as_str()), ("Mật ong hoa nhãn", "HTX Ong mật Yên Thành"));
    let on_disk = Workspace::read_file(&ws.path).unwrap().session;
    assert!(on_disk.dossiers.iter().any(|d| d.code == "YY-2023-13" && d.sheet.to_string().starts_with('1')));
    assert!(shows(&app, "YY-2023-13"), "listed");
    assert!(app.status().is_some_and(|s| !s.is_error()));

    // The same code again is refused, with a sentence.
    click(&mut app, "dossier-new");
    type_into(&mut app, "dossier-Code", "YY-2023-13");
    type_into(&mut app, "dossier-Product", "Khác");
    type_into(&mut app, "dossier-Producer", "Khác");
    click(&mut app, "dossier-save");
    assert!(app.status().is_some_and(|s| s.is_error() && s.text.en.contains("«YY-2023-13» already")));
    assert_eq!(app.workspace().unwrap().session.dossiers.len(), before + 1);
}

#[test]
fn closing_saves_a_dossier_edit_first_or_says_it_is_not_saved() {
    use dossiers::{DField, Message as D};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let code = app.workspace().unwrap().session.dossiers[0].code.clone();
    apply(
        &mut app,
        vec![
            Message::Tab(Tab::Dossiers),
            Message::Dossiers(D::Select(code.clone())),
            Message::Dossiers(D::Edit(DField::Phone, "0912 345 678".into())),
        ],
    );
    let id = iced::window::Id::unique();
    apply(&mut app, vec![Message::CloseRequested(id)]);
    assert_eq!(app.confirm_exit(), Some(id));
    assert!(shows(&app, "Mọi thay đổi đã được lưu vào tệp phiên họp, nhưng kết quả chưa được khóa."));
    let path = app.workspace().unwrap().path.clone();
    let saved = Workspace::read_file(&path).unwrap().session;
    assert_eq!(saved.dossiers.iter().find(|d| d.code == code).unwrap().phone, "0912 345 678", "saved before asking");

    // An edit that cannot be saved is said, not claimed saved.
    apply(&mut app, vec![Message::Exit(false), Message::Dossiers(D::Edit(DField::Sheet, "ba".into()))]);
    apply(&mut app, vec![Message::CloseRequested(id)]);
    assert_eq!(app.confirm_exit(), Some(id));
    assert!(!shows(&app, "Mọi thay đổi đã được lưu vào tệp phiên họp, nhưng kết quả chưa được khóa."));
    assert!(
        sim(&app)
            .find(
                "Một thay đổi chưa lưu được: Bộ sản phẩm: «ba» không phải số từ 1 đến 26. Nếu đóng, thay đổi đó sẽ mất."
            )
            .is_ok()
    );
}

#[test]
fn closing_saves_the_session_details_still_being_typed() {
    use ocop_council::ui::screen::facts;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Facts)]);
    type_into(&mut app, "facts-Place", " (tầng 2)");
    apply(&mut app, vec![Message::Facts(facts::Message::MemberName("m2".into(), "Trần Đức Thịnh (sửa)".into()))]);
    apply(&mut app, vec![Message::CloseRequested(iced::window::Id::unique())]);
    assert!(shows(&app, "Mọi thay đổi đã được lưu vào tệp phiên họp, nhưng kết quả chưa được khóa."));
    let saved = Workspace::read_file(&app.workspace().unwrap().path).unwrap().session;
    assert!(saved.session.meeting_place.ends_with(" (tầng 2)"), "{}", saved.session.meeting_place);
    assert_eq!(saved.member("m2").unwrap().name, "Trần Đức Thịnh (sửa)");
    assert_eq!(saved.member("m4").unwrap().present, app.workspace().unwrap().session.member("m4").unwrap().present);
}
