//! Renders the screens of the demo session into docs/screens/ for the README, with the same
//! software renderer and fonts as the window: `cargo test --test doc_screens -- --ignored`.
//! Every screen at 1366×768 in the light theme (`NAME.png`), in the dark theme (`NAME-dark.png`)
//! and at the smallest window, 800×600 (`NAME-800.png`, `NAME-800-dark.png`).

#[path = "lan/client.rs"]
mod client;
mod common;

use iced_test::Simulator;
use ocop_council::domain::Date;
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
    ] {
        let _ = app.update(Message::Tab(tab));
        save(&mut app, name, all_four);
    }
    // A district's register of earlier years, seen on a fixed day so the picture does not change.
    let register = dir.path().join("register.ocop-register");
    district_register(&register);
    app.use_register(register, Date::new(2026, 12, 1).unwrap());
    let _ = app.update(Message::Tab(Tab::Register));
    save(&mut app, "register", true);
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

/// Twenty-four products recognised from 2022 to 2026 in a district, in five groups, so that on
/// 1 December 2026 some are valid, some due for re-rating (open and late) and some expired.
fn district_register(path: &std::path::Path) {
    use ocop_council::register::Register;
    const PRODUCTS: [(&str, &str, u8, (i32, u8, u8)); 24] = [
        ("Gạo nếp cái hoa vàng", "Thực phẩm", 4, (2022, 5, 12)),
        ("Rượu nếp cẩm", "Đồ uống", 3, (2022, 11, 3)),
        ("Nước mắm cốt", "Thực phẩm", 3, (2023, 6, 20)),
        ("Chè Shan tuyết", "Đồ uống", 4, (2023, 10, 9)),
        ("Mật ong bạc hà", "Thực phẩm", 3, (2023, 12, 15)),
        ("Miến dong", "Thực phẩm", 3, (2024, 2, 27)),
        ("Tinh dầu sả chanh", "Thảo dược", 3, (2024, 4, 16)),
        ("Trà hoa vàng", "Thảo dược", 4, (2024, 5, 8)),
        ("Nón lá làng Chuông", "Thủ công mỹ nghệ", 3, (2024, 7, 1)),
        ("Bánh đa nem", "Thực phẩm", 3, (2024, 9, 18)),
        ("Tương Bần", "Thực phẩm", 4, (2024, 12, 5)),
        ("Cói mỹ nghệ", "Thủ công mỹ nghệ", 3, (2025, 3, 21)),
        ("Nem chua", "Thực phẩm", 3, (2025, 4, 10)),
        ("Giò lụa", "Thực phẩm", 3, (2025, 6, 2)),
        ("Cao dược liệu", "Thảo dược", 3, (2025, 6, 2)),
        ("Mứt gừng", "Thực phẩm", 3, (2025, 8, 14)),
        ("Homestay ven sông", "Dịch vụ du lịch", 3, (2025, 10, 30)),
        ("Bưởi đỏ", "Thực phẩm", 4, (2025, 11, 7)),
        ("Rượu mơ", "Đồ uống", 3, (2026, 1, 20)),
        ("Chổi đót", "Thủ công mỹ nghệ", 3, (2026, 3, 3)),
        ("Mắm tôm", "Thực phẩm", 3, (2026, 5, 25)),
        ("Trà túi lọc", "Đồ uống", 4, (2026, 6, 30)),
        ("Gạo ST25", "Thực phẩm", 5, (2026, 8, 19)),
        ("Làng nghề gốm", "Dịch vụ du lịch", 4, (2026, 9, 9)),
    ];
    const COMMUNES: [&str; 4] = ["Yên Lợi", "Yên Tân", "Yên Bằng", "Yên Khang"];
    let entries: Vec<_> = PRODUCTS
        .iter()
        .enumerate()
        .map(|(i, &(name, group, stars, (y, m, d)))| {
            let commune = COMMUNES[i % 4];
            let who = (format!("HTX {commune}"), format!("{}/QĐ-UBND", 100 + i));
            common::register_entry(name, group, stars, Date::new(y, m, d).unwrap(), (&who.0, commune, &who.1))
        })
        .collect();
    let mut register = Register::open(path).unwrap();
    register.enter(&entries, "imported", "so-ocop.xlsx", "thư ký").unwrap();
    register.close().unwrap();
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
