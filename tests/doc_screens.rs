//! Renders the screens of the demo session into docs/screens/ for the README, with the same
//! software renderer and fonts as the window: `cargo test --test doc_screens -- --ignored`.
//! Every screen at 1366×768 in the light theme (`NAME.png`), in the dark theme (`NAME-dark.png`)
//! and at the smallest window, 800×600 (`NAME-800.png`, `NAME-800-dark.png`).

#[path = "lan/client.rs"]
mod client;
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

/// The devices screen while the server runs, with a member's second device waiting for the
/// secretary's decision: `devices.png` and `devices-dark.png` (1366×768).
#[test]
#[ignore = "writes docs/screens; run by hand"]
fn render_the_devices_screen() {
    use ocop_council::ui::screen::devices;
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap()))));
    let _ = app.update(Message::Tab(Tab::Scoring));
    let _ = app.update(Message::Devices(devices::Message::Show(true)));
    // The usual port when it is free, so the picture shows the address a secretary would see.
    let listen = if std::net::TcpListener::bind("127.0.0.1:8765").is_ok() { "127.0.0.1:8765" } else { "127.0.0.1:0" };
    let _ = app.update(Message::Devices(devices::Message::Listen(listen.into())));
    let _ = app.update(Message::Devices(devices::Message::Start));
    let ws = app.workspace().unwrap();
    let addr = ws.devices_address().unwrap();
    let links = ws.device_links().unwrap();
    let key =
        |member: &str| links.iter().find(|l| l.member == member).unwrap().url.split_once("#k=").unwrap().1.to_string();
    for (member, device) in [
        ("m1", "1f3a9c0d5b7e42a8b6c1d9e0f2a4b6c8"),
        ("m2", "7c2e9a41b0d3f5e6a8c7b9d1e3f50a2b"),
        ("m3", "a41b0d3f5e6a8c7b9d1e3f50a2b7c2e9"),
    ] {
        let mut d = client::Device::new(addr, member, &key(member), device);
        assert_eq!(d.post("state", serde_json::json!({})).status, 200);
    }
    let mut second = client::Device::new(addr, "m3", &key("m3"), "e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0");
    assert_eq!(second.post("state", serde_json::json!({})).code(), "other_device");
    let _ = app.update(Message::Devices(devices::Message::Tick));
    let _ = app.update(Message::Devices(devices::Message::Select("m3".into())));
    save_at(&app, "devices", LARGE);
    let _ = app.update(Message::ToggleTheme);
    save_at(&app, "devices-dark", LARGE);
    let _ = app.update(Message::Devices(devices::Message::Stop));
}
