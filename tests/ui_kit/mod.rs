//! Driving the window headless (iced_test) for the tests of issue 15: the simulator, tasks run to
//! their end, clicks, typing and keys, and a session made from the demo JSON.
#![allow(dead_code)]

use iced::keyboard::{self, Key, Location, Modifiers, key};
use iced_test::Simulator;
use iced_test::selector::id;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::prefs::Prefs;
use ocop_council::ui::{App, FONT_BOLD, FONT_REGULAR, UI_FONT};
use ocop_council::workspace::Workspace;
use std::path::{Path, PathBuf};

pub mod window;

pub fn sim(app: &App) -> Simulator<'_, Message> {
    let settings = iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..Default::default()
    };
    Simulator::with_size(settings, (1366.0, 740.0), app.view())
}

/// Runs a task to its end and returns the messages it produced.
pub fn run(task: iced::Task<Message>) -> Vec<Message> {
    use iced_test::futures::futures::{StreamExt, executor::block_on};
    let Some(stream) = iced_test::runtime::task::into_stream(task) else { return vec![] };
    block_on(stream.collect::<Vec<_>>())
        .into_iter()
        .filter_map(|a| match a {
            iced_test::runtime::Action::Output(m) => Some(m),
            _ => None,
        })
        .collect()
}

/// Feeds messages to the app, and the messages of the tasks they start, until all is done.
pub fn apply(app: &mut App, messages: Vec<Message>) {
    let mut queue = messages;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for m in queue {
            next.extend(run(app.update(m)));
        }
        queue = next;
    }
}

pub fn click(app: &mut App, target: &str) {
    let mut ui = sim(app);
    reveal(&mut ui, target);
    ui.click(id(target.to_string())).unwrap_or_else(|e| panic!("{target}: {e:?}"));
    let messages = ui.into_messages().collect();
    apply(app, messages);
}

/// Scrolls the view under `target` as a person would with the wheel when it is below the fold
/// (the window's fixed status line leaves the start form a little shorter, issue 15.4).
pub fn reveal(ui: &mut Simulator<'_, Message>, target: &str) {
    let Ok(found) = ui.find(id(target.to_string())) else { return };
    let bounds = iced_test::selector::Bounded::bounds(&found);
    if iced_test::selector::Bounded::visible_bounds(&found).is_some_and(|v| v.height >= bounds.height) {
        return;
    }
    ui.point_at(iced::Point::new(bounds.x + 4.0, 300.0));
    let delta = iced::mouse::ScrollDelta::Pixels { x: 0.0, y: 300.0 - bounds.y };
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled { delta })]);
}

pub fn type_into(app: &mut App, target: &str, text: &str) {
    let mut ui = sim(app);
    reveal(&mut ui, target);
    ui.click(id(target.to_string())).unwrap_or_else(|e| panic!("{target}: {e:?}"));
    let _ = ui.typewrite(text);
    let messages = ui.into_messages().collect();
    apply(app, messages);
}

pub fn shows(app: &App, text: &str) -> bool {
    sim(app).find(text).is_ok()
}

/// An app whose sessions folder (new sessions, the demo, restored copies) is `folder`.
pub fn app_in(folder: &Path) -> App {
    App::with_prefs(Prefs { folder: Some(folder.to_path_buf()), ..Prefs::load(None) })
}

/// A session file made from the demo JSON after `change`, by the command line.
pub fn session_file(dir: &Path, change: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(ocop_council::catalog::DEMO_SESSION).expect("the demo is JSON");
    change(&mut v);
    let json = dir.join("phiên.json");
    std::fs::write(&json, v.to_string()).unwrap();
    let file = dir.join("phiên.ocop");
    let o = crate::common::output(std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council")).args([
        "new",
        file.to_str().unwrap(),
        "--from",
        json.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_file(&json).unwrap();
    file
}

/// An app with that session open, as the app opens files.
pub fn app_with(dir: &Path, change: impl FnOnce(&mut serde_json::Value)) -> App {
    let file = session_file(dir, change);
    let mut app = App::new(None);
    let ws = Workspace::open(&file, "thư ký").unwrap();
    apply(&mut app, vec![Message::Opened(Slot::new(Ok(ws)))]);
    app
}

/// A key pressed with these modifiers.
pub fn press(k: Key, modifiers: Modifiers) -> Message {
    let text = match &k {
        Key::Character(c) if !modifiers.command() => Some(c.clone()),
        _ => None,
    };
    Message::Key(keyboard::Event::KeyPressed {
        modified_key: k.clone(),
        key: k,
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text,
        repeat: false,
    })
}

pub fn named(k: key::Named, modifiers: Modifiers) -> Message {
    press(Key::Named(k), modifiers)
}

pub fn ctrl(c: &str) -> Message {
    press(Key::Character(c.into()), Modifiers::CTRL)
}

pub fn digit(d: u8) -> Message {
    press(Key::Character(d.to_string().into()), Modifiers::empty())
}

/// The names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}
