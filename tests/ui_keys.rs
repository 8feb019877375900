//! Issue 15.5: the keyboard. Tab / Shift+Tab move through a form's fields; dialogs are modal (Esc
//! cancels, Enter confirms, Ctrl+N does nothing behind them); Ctrl+Enter submits the sheet; after a
//! product's last sheet the cursor goes to the next product that needs sheets; Ctrl+1…8.

mod common;
mod ui_kit;

use iced::keyboard::Modifiers;
use ocop_council::ui::app::Message;
use ocop_council::ui::screen::Tab;
use ui_kit::window::Window;
use ui_kit::*;

#[test]
fn tab_and_shift_tab_move_through_the_new_session_form() {
    let mut app = app_in(tempfile::tempdir().unwrap().path());
    let mut window = Window::new(&app);
    window.click(&mut app, "field-Title");
    assert!(window.focused(&app).is_some_and(|f| f.contains("field-Title")), "{:?}", window.focused(&app));
    window.type_text(&mut app, "Phiên thử");
    window.tab(&mut app, false);
    let after_title = window.focused(&app);
    assert!(after_title.as_ref().is_some_and(|f| !f.contains("field-Title")), "{after_title:?}");
    window.type_text(&mut app, "UBND huyện");
    assert_eq!(app.start().form().title, "Phiên thử");
    assert_eq!(app.start().form().authority, "UBND huyện", "Tab went to the next field, the authority");
    window.tab(&mut app, true);
    assert!(window.focused(&app).is_some_and(|f| f.contains("field-Title")), "Shift+Tab comes back");
}

#[test]
fn tab_moves_through_the_archive_screen_fields_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    let mut window = Window::new(&app);
    window.click(&mut app, "archive-dest");
    window.type_text(&mut app, "/media/usb");
    window.tab(&mut app, false);
    window.tab(&mut app, false);
    window.type_text(&mut app, "phiên.ocop");
    window.tab(&mut app, false);
    window.type_text(&mut app, "1a2b");
    assert!(window.focused(&app).is_some_and(|f| f.contains("verify-typed")), "{:?}", window.focused(&app));
    window.tab(&mut app, true);
    window.tab(&mut app, true);
    assert!(window.focused(&app).is_some_and(|f| f.contains("restore-path")), "{:?}", window.focused(&app));
}

#[test]
fn the_close_question_is_modal_esc_stays_enter_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    let id = iced::window::Id::unique();
    apply(&mut app, vec![Message::CloseRequested(id)]);
    let mut window = Window::new(&app);
    // Neither a tab shortcut nor a click reaches the screen behind the question.
    window.key(&mut app, iced::keyboard::Key::Character("3".into()), Modifiers::CTRL);
    assert_eq!(app.tab(), Tab::Archive);
    window.click(&mut app, "ask-lock");
    assert_eq!(app.archive().unwrap().confirming_lock(), None, "the click stopped at the dialog");
    assert_eq!(app.confirm_exit(), Some(id));
    let stay = app.update(named(iced::keyboard::key::Named::Escape, Modifiers::empty()));
    assert_eq!(stay.units(), 0);
    assert_eq!(app.confirm_exit(), None, "Esc: stay");
    apply(&mut app, vec![Message::CloseRequested(id)]);
    let close = app.update(named(iced::keyboard::key::Named::Enter, Modifiers::empty()));
    assert!(close.units() > 0, "Enter: close the window");
}

#[test]
fn the_absence_and_lock_questions_answer_to_esc_and_enter() {
    use ocop_council::ui::screen::attendance::Message as A;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let present = |app: &ocop_council::ui::App| app.workspace().unwrap().session.member("m1").unwrap().present;
    apply(&mut app, vec![Message::Tab(Tab::Attendance), Message::Attendance(A::Present("m1".into(), false))]);
    assert!(app.attendance().unwrap().asking().is_some(), "m1 has sheets: asked first");
    apply(&mut app, vec![ctrl("5")]);
    assert_eq!(app.tab(), Tab::Attendance, "no tab switch behind the question");
    apply(&mut app, vec![named(iced::keyboard::key::Named::Escape, Modifiers::empty())]);
    assert!(app.attendance().unwrap().asking().is_none() && present(&app), "Esc cancels");
    apply(&mut app, vec![Message::Attendance(A::Present("m1".into(), false))]);
    apply(&mut app, vec![named(iced::keyboard::key::Named::Enter, Modifiers::empty())]);
    assert!(!present(&app), "Enter confirms");
    apply(&mut app, vec![Message::Attendance(A::Present("m1".into(), true))]);

    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    click(&mut app, "ask-lock");
    apply(&mut app, vec![named(iced::keyboard::key::Named::Escape, Modifiers::empty())]);
    assert!(!app.workspace().unwrap().is_locked() && app.archive().unwrap().confirming_lock().is_none());
    click(&mut app, "ask-lock");
    apply(&mut app, vec![named(iced::keyboard::key::Named::Enter, Modifiers::empty())]);
    assert!(app.workspace().unwrap().is_locked(), "Enter locks");
}

/// The best option of every criterion of the sheet on screen, typed as digits.
fn type_full_sheet(app: &mut ocop_council::ui::App) {
    let options: Vec<u8> = {
        let ws = app.workspace().unwrap();
        let code = app.scoring().unwrap().product().unwrap().to_string();
        let sheet = ws.dossier(&code).unwrap().sheet;
        ws.criteria.sheet(sheet).unwrap().leaves().iter().map(|l| l.criterion.options.len() as u8).collect()
    };
    apply(app, options.into_iter().map(digit).collect());
}

#[test]
fn ctrl_enter_submits_and_the_cursor_goes_on_to_the_next_product_needing_sheets() {
    let dir = tempfile::tempdir().unwrap();
    // Two sheets missing: m1's for the first product, m2's for the third.
    let mut app = app_with(dir.path(), |v| {
        let missing = [("YY-2023-01", "m1"), ("YY-2023-03", "m2")];
        v["sheets"]
            .as_array_mut()
            .unwrap()
            .retain(|s| !missing.iter().any(|(d, m)| s["dossier"] == *d && s["member"] == *m));
    });
    click(&mut app, "score-YY-2023-01");
    assert_eq!(app.scoring().unwrap().member(), Some("m1"));
    type_full_sheet(&mut app);
    apply(&mut app, vec![ctrl("3")]);
    assert_eq!(app.tab(), Tab::Attendance, "Ctrl+3 still switches tabs");
    apply(&mut app, vec![ctrl("4")]);
    apply(&mut app, vec![named(iced::keyboard::key::Named::Enter, Modifiers::CTRL)]);
    let ws = app.workspace().unwrap();
    assert!(!ws.sheet("YY-2023-01", "m1").unwrap().draft, "Ctrl+Enter submitted the sheet");
    let scoring = app.scoring().unwrap();
    assert_eq!((scoring.product(), scoring.member()), (Some("YY-2023-03"), Some("m2")), "on to what needs a sheet");
    assert!(ws.sheet("YY-2023-03", "m2").is_none_or(|s| s.draft), "never onto a submitted sheet");

    // A read-back check whose entries differ is not submitted by the key.
    type_full_sheet(&mut app);
    apply(&mut app, vec![Message::Scoring(ocop_council::ui::screen::scoring::Message::CheckMode(true))]);
    apply(&mut app, vec![digit(1)]);
    type_full_sheet(&mut app);
    apply(&mut app, vec![named(iced::keyboard::key::Named::Enter, Modifiers::CTRL)]);
    assert!(app.workspace().unwrap().sheet("YY-2023-03", "m2").unwrap().draft, "entries differ: not submitted");
    assert!(app.scoring().unwrap().checking());
}

#[test]
fn ctrl_1_to_9_and_0_switch_tabs_and_the_readme_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let order = [
        Tab::Start,
        Tab::Dossiers,
        Tab::Attendance,
        Tab::Scoring,
        Tab::Results,
        Tab::Documents,
        Tab::Archive,
        Tab::Criteria,
        Tab::Facts,
        Tab::Register,
    ];
    for (n, tab) in order.into_iter().enumerate() {
        let digit = (n + 1) % 10;
        apply(&mut app, vec![ctrl(&digit.to_string())]);
        assert_eq!(app.tab(), tab, "Ctrl+{digit}");
    }
    assert!(readme_says("Ctrl+0 the OCOP register"));
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("Ctrl+1 … Ctrl+8 switch tabs"), "the README names the eight shortcuts");
    assert!(!readme.contains("Ctrl+1 … Ctrl+7"));
}

fn readme_says(text: &str) -> bool {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap().contains(text)
}

#[test]
fn one_esc_in_the_focused_field_of_a_dialog_cancels_it() {
    use iced::keyboard::{Key, key::Named};
    use ocop_council::ui::screen::results::{Message as R, NoteKind};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let code = "YY-2023-01";
    let round = |app: &ocop_council::ui::App| app.workspace().unwrap().dossier(code).unwrap().current_round();
    let before = (round(&app), app.workspace().unwrap().audit_log().unwrap().len());
    apply(&mut app, vec![Message::Tab(Tab::Results), Message::Results(R::Ask(NoteKind::Round, code.into()))]);
    let mut window = Window::new(&app);
    window.click(&mut app, "note-input");
    window.type_text(&mut app, "chênh lệch");
    assert!(window.focused(&app).is_some_and(|f| f.contains("note-input")), "{:?}", window.focused(&app));
    assert_eq!(app.results().unwrap().asking().map(|n| n.text.as_str()), Some("chênh lệch"));
    window.key(&mut app, Key::Named(Named::Escape), Modifiers::empty());
    assert!(app.results().unwrap().asking().is_none(), "one Esc: the dialog is gone");
    assert_eq!((round(&app), app.workspace().unwrap().audit_log().unwrap().len()), before, "nothing changed");
    assert_eq!(app.tab(), Tab::Results);

    // Outside a dialog, Esc in a field only leaves the field.
    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    window.click(&mut app, "archive-dest");
    window.type_text(&mut app, "/media/usb");
    window.key(&mut app, Key::Named(Named::Escape), Modifiers::empty());
    assert_eq!(app.tab(), Tab::Archive);
    assert_eq!(window.focused(&app), None, "the field let go of the focus");
}

#[test]
fn the_board_scrolls_sideways_by_key_and_shift_wheel_with_the_product_column_held() {
    use iced::keyboard::{Key, key::Named};
    use ocop_council::ui::screen::results;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Results)]);
    let product = app.workspace().unwrap().session.dossiers[0].product.clone();
    let mut window = Window::with_size(&app, 800.0, 600.0);
    window.redraw(&mut app);
    let head = |w: &mut Window, app: &ocop_council::ui::App| {
        w.bounds(app, iced_test::selector::id(results::HEAD_DECISION)).unwrap().x
    };
    let name = |w: &mut Window, app: &ocop_council::ui::App| w.bounds(app, product.as_str()).unwrap().x;
    let (head0, name0) = (head(&mut window, &app), name(&mut window, &app));
    let x = |app: &ocop_council::ui::App| app.results().unwrap().scrolled().0;
    assert_eq!(x(&app), 0.0);

    let press = |w: &mut Window, app: &mut ocop_council::ui::App, k: Named| {
        w.key(app, Key::Named(k), Modifiers::empty());
        w.redraw(app);
    };
    press(&mut window, &mut app, Named::ArrowRight);
    assert_eq!(x(&app), 132.0, "→ moves the board sideways");
    assert_eq!(head(&mut window, &app), head0 - 132.0, "the columns moved left");
    assert_eq!(name(&mut window, &app), name0, "the product column stayed");
    press(&mut window, &mut app, Named::End);
    let end = x(&app);
    assert!(end > 132.0, "End: the right edge ({end})");
    assert_eq!(name(&mut window, &app), name0);
    press(&mut window, &mut app, Named::ArrowRight);
    assert_eq!(x(&app), end, "no further than the edge");
    press(&mut window, &mut app, Named::ArrowLeft);
    assert_eq!(x(&app), end - 132.0, "← back");
    press(&mut window, &mut app, Named::Home);
    assert_eq!(x(&app), 0.0, "Home: the left edge");
    assert_eq!(head(&mut window, &app), head0);

    // Shift and the wheel: sideways (a wheel notch is 60 px), not down.
    let over = window.bounds(&app, product.as_str()).unwrap().center();
    window.wheel(&mut app, over, Modifiers::SHIFT, -1.0);
    window.redraw(&mut app);
    assert_eq!(app.results().unwrap().scrolled(), (60.0, 0.0), "Shift+wheel scrolls sideways");
    assert_eq!(name(&mut window, &app), name0);
}
