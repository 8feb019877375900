//! Renders the screens of the demo session into docs/screens/ for the README, with the same
//! software renderer as the window: `cargo test --test doc_screens -- --ignored`.

mod common;

use iced_test::Simulator;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, results};
use ocop_council::ui::{App, FONT_BOLD, FONT_REGULAR, UI_FONT};
use ocop_council::workspace::Workspace;

fn save(app: &App, name: &str) {
    let settings = iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..Default::default()
    };
    let mut ui = Simulator::with_size(settings, (1366.0, 740.0), app.view());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screens");
    let path = std::path::Path::new(dir).join(format!("{name}.png"));
    let _ = std::fs::remove_file(path.with_file_name(format!("{name}-tiny-skia.png")));
    assert!(ui.snapshot(&app.theme()).unwrap().matches_image(&path).unwrap());
}

#[test]
#[ignore = "writes docs/screens; run by hand"]
fn render_the_screens() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap()))));
    for (tab, name) in [
        (Tab::Results, "results"),
        (Tab::Scoring, "scoring"),
        (Tab::Attendance, "attendance"),
        (Tab::Dossiers, "dossiers"),
    ] {
        let _ = app.update(Message::Tab(tab));
        save(&app, name);
    }
    let _ = app.update(Message::Tab(Tab::Documents));
    save(&app, "documents");
    let _ = app.update(Message::Tab(Tab::Archive));
    let _ = app.update(Message::Archive(ocop_council::ui::screen::archive::Message::AskLock));
    save(&app, "archive");
    let _ = app.update(Message::Tab(Tab::Results));
    let _ = app.update(Message::Results(results::Message::Projector(true)));
    save(&app, "projector");
    let _ = app.update(Message::Results(results::Message::Projector(false)));
    let _ = app.update(Message::ToggleTheme);
    let _ = app.update(Message::ToggleLang);
    let _ = app.update(Message::Tab(Tab::Scoring));
    save(&app, "scoring-dark-en");
    let mut viewer = App::new(None);
    let _ = viewer.update(Message::Tab(Tab::Criteria));
    let _ = viewer.update(Message::Criteria(ocop_council::ui::screen::criteria::Message::Sheet(3)));
    save(&viewer, "criteria");
    let mut start = App::new(None);
    let _ = start.update(Message::Tab(Tab::Start));
    save(&start, "start");
}
