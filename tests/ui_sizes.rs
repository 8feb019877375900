//! Every size from 800×600 (issue 15.2): at the smallest window the screens keep the language and
//! theme buttons in the frame, the board keeps its decision and «Cần xử lý» columns in sight, and
//! the projector view has the whole window (no tabs, no status line).

mod common;
#[path = "screens/mod.rs"]
mod screens;

use iced::Rectangle;
use iced_test::Simulator;
use iced_test::selector::id;
use ocop_council::ui::App;
use ocop_council::ui::app::{Message, STATUS_LINE, TOGGLE_LANG, TOGGLE_THEME};
use ocop_council::ui::screen::{Tab, results};

const SMALLEST: (f32, f32) = (800.0, 600.0);

/// Whether the element `name` is drawn whole inside an 800×600 window: its visible part is all of it.
fn whole_in_frame(ui: &mut Simulator<'_, Message>, name: &str) -> Result<Rectangle, String> {
    let found = ui.find(id(name.to_string())).map_err(|e| format!("{name}: {e:?}"))?;
    let (bounds, visible) = (found.bounds(), found.visible_bounds());
    let frame = Rectangle::new(iced::Point::ORIGIN, iced::Size::new(SMALLEST.0, SMALLEST.1));
    match visible {
        Some(v) if (v.width - bounds.width).abs() < 0.5 && (v.height - bounds.height).abs() < 0.5 => {
            if frame.contains(v.position()) && v.x + v.width <= frame.width && v.y + v.height <= frame.height {
                Ok(v)
            } else {
                Err(format!("{name} at {v:?} leaves the window"))
            }
        }
        other => Err(format!("{name} is cut: laid out at {bounds:?}, visible {other:?}")),
    }
}

#[test]
fn at_800_by_600_the_language_theme_and_board_columns_are_in_the_frame() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut problems = Vec::new();
    screens::every_screen(&file, |name, app| {
        let mut ui = Simulator::with_size(ocop_council::ui::settings(), SMALLEST, app.view());
        if name.ends_with("projector") {
            return;
        }
        for control in [TOGGLE_LANG, TOGGLE_THEME] {
            if let Err(e) = whole_in_frame(&mut ui, control) {
                problems.push(format!("{name}: {e}"));
            }
        }
        // The forms give their fields room at 800 px: no column squeezed to a word a line.
        let wide_enough: &[(&str, &str, f32)] = &[
            ("Start", "field-Path", 250.0),
            ("Start", "create-session", 0.0),
            ("Dossiers", "dossier-product-YY-2023-01", 150.0),
            ("Documents", "generate-all", 0.0),
        ];
        for (screen, element, width) in wide_enough {
            if name.ends_with(screen) {
                match whole_in_frame(&mut ui, element) {
                    Ok(v) if v.width >= *width => {}
                    Ok(v) => problems.push(format!("{name}: {element} is {} px wide, under {width}", v.width)),
                    Err(e) => problems.push(format!("{name}: {e}")),
                }
            }
        }
        if name.ends_with("Results") || name.ends_with("results asking") {
            for column in [results::HEAD_DECISION, results::HEAD_TO_DO] {
                if let Err(e) = whole_in_frame(&mut ui, column) {
                    problems.push(format!("{name}: {e}"));
                }
            }
        }
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_projector_view_has_the_whole_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app: App = screens::demo_app(&common::demo_file(dir.path()));
    let _ = app.update(Message::Tab(Tab::Results));
    // A message on the status line, which the projector view must not show either.
    let _ = app.update(Message::Results(results::Message::Ask(results::NoteKind::Resolution, "YY-2023-01".into())));
    let _ = app.update(Message::Results(results::Message::Confirm));
    assert!(app.status().is_some());
    let _ = app.update(Message::Results(results::Message::Projector(true)));
    let mut ui = Simulator::with_size(ocop_council::ui::settings(), SMALLEST, app.view());
    assert!(ui.find(id(TOGGLE_LANG.to_string())).is_err(), "no navigation on the projector");
    assert!(ui.find(id(STATUS_LINE.to_string())).is_err(), "no status line on the projector");
    assert!(ui.find("Gạo nếp cái hoa vàng Yên Cường").is_ok());
    drop(ui);
    let _ = app.update(Message::Results(results::Message::Projector(false)));
    let mut ui = Simulator::with_size(ocop_council::ui::settings(), SMALLEST, app.view());
    assert!(ui.find(id(TOGGLE_LANG.to_string())).is_ok(), "the navigation is back");
}

#[test]
fn f11_turns_the_projector_view_on_from_any_screen_and_off_again() {
    use iced::keyboard::{Event, Key, Location, Modifiers, key};
    let f11 = Event::KeyPressed {
        key: Key::Named(key::Named::F11),
        modified_key: Key::Named(key::Named::F11),
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::empty(),
        text: None,
        repeat: false,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut app = screens::demo_app(&common::demo_file(dir.path()));
    let _ = app.update(Message::Tab(Tab::Scoring));
    let _ = app.update(Message::Key(f11.clone()));
    assert_eq!(app.tab(), Tab::Results);
    assert!(app.results().unwrap().projector());
    let _ = app.update(Message::Key(f11));
    assert!(!app.results().unwrap().projector());
}
