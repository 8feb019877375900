//! Renders the screens of the demo session into docs/screens/ for the README, with the same
//! software renderer and fonts as the window: `cargo test --test doc_screens -- --ignored`.
//! Every screen at 1366×768 in the light theme (`NAME.png`), in the dark theme (`NAME-dark.png`)
//! and at the smallest window, 800×600 (`NAME-800.png`, `NAME-800-dark.png`).

mod common;

use iced_test::Simulator;
use ocop_council::ui::App;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, results};
use ocop_council::workspace::Workspace;

const LARGE: (f32, f32) = (1366.0, 768.0);
const SMALL: (f32, f32) = (800.0, 600.0);

fn save_at(app: &App, name: &str, size: (f32, f32)) {
    let mut ui = Simulator::with_size(ocop_council::ui::settings(), size, app.view());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screens");
    let path = std::path::Path::new(dir).join(format!("{name}.png"));
    // iced_test names the image after its renderer and keeps one it finds: made afresh, then
    // renamed after the screen as the README names it.
    let made = path.with_file_name(format!("{name}-tiny-skia.png"));
    let _ = std::fs::remove_file(&made);
    assert!(ui.snapshot(&app.theme()).unwrap().matches_image(&path).unwrap());
    std::fs::rename(&made, &path).unwrap();
}

/// The screen on show, at 1366×768 light; with `all_four`, also dark and at 800×600.
fn save(app: &mut App, name: &str, all_four: bool) {
    save_at(app, name, LARGE);
    if !all_four {
        return;
    }
    save_at(app, &format!("{name}-800"), SMALL);
    let _ = app.update(Message::ToggleTheme);
    save_at(app, &format!("{name}-dark"), LARGE);
    save_at(app, &format!("{name}-800-dark"), SMALL);
    let _ = app.update(Message::ToggleTheme);
}

#[test]
#[ignore = "writes docs/screens; run by hand"]
fn render_the_screens() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap()))));
    for (tab, name, all_four) in [
        (Tab::Results, "results", true),
        (Tab::Scoring, "scoring", true),
        (Tab::Attendance, "attendance", true),
        (Tab::Dossiers, "dossiers", true),
        (Tab::Facts, "facts", true),
        (Tab::Documents, "documents", true),
        (Tab::Register, "register", true),
    ] {
        let _ = app.update(Message::Tab(tab));
        save(&mut app, name, all_four);
    }
    let _ = app.update(Message::Tab(Tab::Archive));
    let _ = app.update(Message::Archive(ocop_council::ui::screen::archive::Message::AskLock));
    save(&mut app, "archive", true);
    let _ = app.update(Message::Tab(Tab::Results));
    let _ = app.update(Message::Results(results::Message::Projector(true)));
    save(&mut app, "projector", true);
    let _ = app.update(Message::Results(results::Message::Projector(false)));
    let _ = app.update(Message::ToggleTheme);
    let _ = app.update(Message::ToggleLang);
    let _ = app.update(Message::Tab(Tab::Scoring));
    save(&mut app, "scoring-dark-en", false);
    let mut viewer = App::new(None);
    let _ = viewer.update(Message::Tab(Tab::Criteria));
    let _ = viewer.update(Message::Criteria(ocop_council::ui::screen::criteria::Message::Sheet(3)));
    save(&mut viewer, "criteria", true);
    let mut start = App::new(None);
    let _ = start.update(Message::Tab(Tab::Start));
    save(&mut start, "start", true);
}
