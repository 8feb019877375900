//! The "Chấm trên thiết bị" screen (issue 17) through the real views with iced_test: from the
//! Scoring tab, pick the address, start the server, see each member's link and QR code, stop.

#[path = "lan/client.rs"]
mod client;
mod common;

use iced_test::Simulator;
use ocop_council::store::Store;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, devices};
use ocop_council::ui::{App, FONT_BOLD, FONT_REGULAR, UI_FONT};
use ocop_council::workspace::Workspace;

fn sim(app: &App) -> Simulator<'_, Message> {
    let settings = iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..Default::default()
    };
    Simulator::with_size(settings, (1366.0, 740.0), app.view())
}

fn shows(app: &App, text: &str) -> bool {
    sim(app).find(text).is_ok()
}

/// Feeds messages to the app; the tasks they start (the server's once-a-second re-read) are not run.
fn send(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for m in messages {
        let _ = app.update(m);
    }
}

#[test]
fn the_secretary_starts_device_scoring_from_the_scoring_tab_and_sees_each_members_link() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut app = App::new(None);
    send(
        &mut app,
        [Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap()))), Message::Tab(Tab::Scoring)],
    );
    assert!(shows(&app, "Chấm trên thiết bị"));
    let mut ui = sim(&app);
    ui.click("Chấm trên thiết bị").unwrap();
    let clicked: Vec<Message> = ui.into_messages().collect();
    send(&mut app, clicked);
    assert!(shows(&app, "Bắt đầu"), "the address is asked first");
    assert!(shows(&app, "127.0.0.1:8765 (chỉ máy này)"));
    send(
        &mut app,
        [Message::Devices(devices::Message::Listen("127.0.0.1:0".into())), Message::Devices(devices::Message::Start)],
    );
    assert!(shows(&app, "Dừng"), "running");
    assert!(shows(&app, "Nguyễn Văn Hùng (m1)"));
    assert!(shows(&app, "chưa kết nối"));
    assert!(shows(&app, "Gỡ thiết bị") && shows(&app, "Cấp lại"));
    send(&mut app, [Message::Devices(devices::Message::Stop)]);
    assert!(shows(&app, "Bắt đầu"), "stopped: the address is asked again");
    send(&mut app, [Message::Devices(devices::Message::Show(false))]);
    assert!(shows(&app, "Chấm trên thiết bị"), "back on the sheet");
}

/// The demo open in `dir`, its devices screen shown and the server started on loopback.
fn serving_demo(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let file = common::demo_file(dir);
    let mut app = App::new(None);
    send(
        &mut app,
        [
            Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap()))),
            Message::Tab(Tab::Scoring),
            Message::Devices(devices::Message::Show(true)),
            Message::Devices(devices::Message::Listen("127.0.0.1:0".into())),
            Message::Devices(devices::Message::Start),
        ],
    );
    (app, file)
}

/// The member's key, from the link the screen shows (the key is its fragment).
fn key_of(app: &App, member: &str) -> (std::net::SocketAddr, String) {
    let ws = app.workspace().unwrap();
    let link = ws.device_links().unwrap().into_iter().find(|l| l.member == member).unwrap();
    (ws.devices_address().unwrap(), link.url.split_once("#k=").unwrap().1.to_string())
}

#[test]
fn a_member_on_a_second_device_is_shown_and_the_secretary_moves_the_link_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = serving_demo(dir.path());
    let (addr, key) = key_of(&app, "m3");
    let (old, new) = ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    let mut first = client::Device::new(addr, "m3", &key, old);
    assert_eq!(first.post("state", serde_json::json!({})).status, 200);
    let mut second = client::Device::new(addr, "m3", &key, new);
    assert_eq!(second.post("state", serde_json::json!({})).code(), "other_device");
    assert!(!shows(&app, "Chuyển sang thiết bị mới"), "not before the screen looks again");
    send(&mut app, [Message::Devices(devices::Message::Tick)]);
    let tried = app.workspace().unwrap().device_links().unwrap().into_iter().find(|l| l.member == "m3").unwrap();
    let at = ocop_council::lang::local_clock(&tried.tried.unwrap().at);
    assert_eq!(at.len(), 5, "{at}");
    assert!(shows(&app, &format!("m3: một thiết bị khác đã thử lúc {at} —")));
    assert!(shows(&app, "Giữ thiết bị cũ"));
    let _ = app.update(Message::ToggleLang);
    assert!(shows(&app, &format!("m3: another device tried at {at} —")) && shows(&app, "Keep the old device"));
    let _ = app.update(Message::ToggleLang);
    let mut ui = sim(&app);
    ui.click("Chuyển sang thiết bị mới").unwrap();
    let clicked: Vec<Message> = ui.into_messages().collect();
    send(&mut app, clicked);
    assert!(!shows(&app, "Chuyển sang thiết bị mới"), "decided");
    let r = second.post("state", serde_json::json!({}));
    assert_eq!(r.status, 200, "the new device keeps the link: {}", r.body);
    assert_eq!(first.post("state", serde_json::json!({})).code(), "other_device", "the old one is refused");
    // Another try, and this time the old device keeps it.
    let mut third = client::Device::new(addr, "m3", &key, "cccccccccccccccccccccccccccccccc");
    assert_eq!(third.post("state", serde_json::json!({})).code(), "other_device");
    send(&mut app, [Message::Devices(devices::Message::Tick)]);
    let mut ui = sim(&app);
    ui.click("Giữ thiết bị cũ").unwrap();
    let clicked: Vec<Message> = ui.into_messages().collect();
    send(&mut app, clicked);
    assert!(!shows(&app, "Giữ thiết bị cũ"));
    assert_eq!(third.post("state", serde_json::json!({})).code(), "other_device");
    assert_eq!(second.post("state", serde_json::json!({})).status, 200);
    send(&mut app, [Message::Devices(devices::Message::Stop)]);
    let log = Store::open_shared(&file).unwrap().audit_log().unwrap();
    let moved = log.iter().filter(|e| e.action.as_str() == "device_paired" && e.actor == "thư ký").count();
    assert_eq!(moved, 1, "the move is audited, the secretary acting");
}

/// The screen showed device B's try; before the click, C (another holder of the key) tries too.
/// The click moves nothing — not to C, never shown — and says so; the screen now shows C's try.
#[test]
fn a_move_clicked_after_another_try_moves_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = serving_demo(dir.path());
    let (addr, key) = key_of(&app, "m3");
    let old = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut first = client::Device::new(addr, "m3", &key, old);
    assert_eq!(first.post("state", serde_json::json!({})).status, 200);
    let mut shown = client::Device::new(addr, "m3", &key, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    assert_eq!(shown.post("state", serde_json::json!({})).code(), "other_device");
    send(&mut app, [Message::Devices(devices::Message::Tick)]);
    let mut ui = sim(&app);
    ui.click("Chuyển sang thiết bị mới").unwrap();
    let clicked: Vec<Message> = ui.into_messages().collect();
    let later = "cccccccccccccccccccccccccccccccc";
    let mut other = client::Device::new(addr, "m3", &key, later);
    assert_eq!(other.post("state", serde_json::json!({})).code(), "other_device");
    send(&mut app, clicked);
    assert!(shows(&app, "m3: một thiết bị khác vừa thử — chưa chuyển; xem lại rồi chọn"));
    let links = app.workspace().unwrap().device_links().unwrap();
    let m3 = links.into_iter().find(|l| l.member == "m3").unwrap();
    assert_eq!(m3.device.as_deref(), Some(old), "the link stays on the old device");
    assert_eq!(m3.tried.map(|t| t.device).as_deref(), Some(later), "the screen now shows the later try");
    assert_eq!(first.post("state", serde_json::json!({})).status, 200);
    send(&mut app, [Message::Devices(devices::Message::Stop)]);
}
