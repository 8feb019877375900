//! The "Chấm trên thiết bị" screen (issue 17) through the real views with iced_test: from the
//! Scoring tab, pick the address, start the server, see each member's link and QR code, stop.

mod common;

use iced_test::Simulator;
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
