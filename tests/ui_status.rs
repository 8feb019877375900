//! The status line (issue 15.4): a message appearing never moves the layout, it goes away once its
//! cause is fixed, and it can be dismissed.

mod common;

use iced::Rectangle;
use iced_test::Simulator;
use iced_test::selector::id;
use ocop_council::ui::App;
use ocop_council::ui::app::{Message, STATUS_LINE, Slot};
use ocop_council::ui::screen::{Tab, scoring};
use ocop_council::workspace::Workspace;

/// Where each of `ids` is laid out on the app's current screen, and whether the status line shows.
fn places(app: &App, ids: &[&str]) -> (Vec<Rectangle>, bool) {
    let mut ui = Simulator::with_size(ocop_council::ui::settings(), (1366.0, 740.0), app.view());
    let bounds = ids.iter().map(|i| ui.find(id(i.to_string())).expect(i).bounds()).collect();
    (bounds, ui.find(id(STATUS_LINE)).is_ok())
}

#[test]
fn a_message_does_not_move_the_buttons_and_settles_when_its_cause_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    // A sheet reopened for a correction, so that a valid option is taken.
    let mut ws = Workspace::open(&common::demo_file(dir.path()), "thư ký").unwrap();
    let (code, member) = ("YY-2023-01".to_string(), "m1".to_string());
    ws.reopen_sheet(&code, &member, "sửa lỗi nhập").unwrap();
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(ws))));
    let _ = app.update(Message::Tab(Tab::Scoring));
    let _ = app.update(Message::Scoring(scoring::Message::Product(code)));
    let _ = app.update(Message::Scoring(scoring::Message::Member(member)));
    let ids = ["product-YY-2023-02", "opt-1.1-1", "submit-sheet", "member-m2"];
    let (before, shown) = places(&app, &ids);
    assert!(!shown && app.status().is_none());

    // Criterion 1.1 has 3 options: 7 is refused with a message.
    let _ = app.update(Message::Scoring(scoring::Message::Digit(7)));
    assert!(app.status().is_some_and(|s| s.is_error()));
    let (after, shown) = places(&app, &ids);
    assert!(shown, "the message is on screen");
    assert_eq!(before, after, "a message moved the buttons");

    // A background message (the comment's pause timer) is not the person fixing anything.
    let _ = app.update(Message::Scoring(scoring::Message::CommentPause));
    assert!(app.status().is_some(), "kept until its cause is fixed");
    // A valid option is the fix: the refusal goes.
    let _ = app.update(Message::Scoring(scoring::Message::Digit(1)));
    assert!(app.status().is_none(), "settled once a valid option is typed: {:?}", app.status());

    // Dismissed by hand.
    let _ = app.update(Message::Scoring(scoring::Message::Digit(7)));
    assert!(app.status().is_some());
    let _ = app.update(Message::DismissStatus);
    assert!(app.status().is_none());
}

#[test]
fn a_form_error_goes_once_the_field_is_typed() {
    use ocop_council::ui::screen::start::{Field, Message as S};
    let dir = tempfile::tempdir().unwrap();
    let taken = common::demo_file(dir.path());
    let mut app = App::new(None);
    let _ = app.update(Message::Tab(Tab::Start));
    // The new-session form refuses a file name that is taken.
    let _ = app.update(Message::Start(S::Field(Field::Path, taken.display().to_string())));
    let _ = app.update(Message::Start(S::Create));
    let refused = app.status().map(|s| s.text.vi.clone());
    assert!(refused.is_some(), "a taken name is refused");
    let _ = app.update(Message::Start(S::Field(Field::Path, dir.path().join("mới.ocop").display().to_string())));
    assert!(app.status().is_none(), "{refused:?} stays after the form was changed");
}
