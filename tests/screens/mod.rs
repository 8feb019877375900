//! Every screen of the window on the demo session, in both languages: for the tests that look at
//! all of them (glyphs, contrast, what fits at 800×600). `#[path = "screens/mod.rs"] mod screens;`
#![allow(dead_code)]

use ocop_council::ui::App;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, archive, results};
use ocop_council::workspace::Workspace;
use std::path::Path;

/// Every tab, in the order of the navigation.
pub const TABS: [Tab; 9] = [
    Tab::Start,
    Tab::Dossiers,
    Tab::Facts,
    Tab::Attendance,
    Tab::Scoring,
    Tab::Results,
    Tab::Documents,
    Tab::Archive,
    Tab::Criteria,
];

/// An app with the demo session open (from `file`).
pub fn demo_app(file: &Path) -> App {
    let mut app = App::new(None);
    let ws = Workspace::open(file, "thư ký").expect("demo opens");
    let _ = app.update(Message::Opened(Slot::new(Ok(ws))));
    app
}

/// Calls `look` on every screen of the demo session in Vietnamese then English: each tab, the
/// projector view, the lock question, a note being asked and the close question.
pub fn every_screen(file: &Path, mut look: impl FnMut(&str, &App)) {
    let mut app = demo_app(file);
    for lang in ["vi", "en"] {
        for tab in TABS {
            let _ = app.update(Message::Tab(tab));
            look(&format!("{lang} {tab:?}"), &app);
        }
        let _ = app.update(Message::Tab(Tab::Results));
        let _ = app.update(Message::Results(results::Message::Projector(true)));
        look(&format!("{lang} projector"), &app);
        let _ = app.update(Message::Results(results::Message::Projector(false)));
        let _ = app.update(Message::Results(results::Message::Ask(results::NoteKind::Round, "YY-2023-05".into())));
        look(&format!("{lang} results asking"), &app);
        let _ = app.update(Message::Results(results::Message::Cancel));
        let _ = app.update(Message::Tab(Tab::Archive));
        let _ = app.update(Message::Archive(archive::Message::AskLock));
        look(&format!("{lang} lock question"), &app);
        let _ = app.update(Message::CloseRequested(iced::window::Id::unique()));
        look(&format!("{lang} close question"), &app);
        let _ = app.update(Message::Exit(false));
        let _ = app.update(Message::ToggleLang);
    }
}
