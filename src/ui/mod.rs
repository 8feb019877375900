//! The desktop application (iced 0.14, software renderer). The app alone switches screens; each
//! screen owns its state, messages, update and view (see `screen/`).

pub mod app;
pub mod prefs;
pub mod screen;
pub mod strings;
pub mod style;

pub use app::App;

use iced::Font;

pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// ★ ✓ → ↑ ↓ ● ✕ ≠ and their neighbours, which Noto Sans lacks: a subset of DejaVu Sans renamed
/// "OCOP Symbols" (assets/fonts/LICENSE-OcopSymbols.txt). The text engine falls back to it for
/// those characters whatever fonts the PC has, so they never show as boxes.
pub const FONT_SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/OcopSymbols-Regular.ttf");
pub const FONT_SYMBOLS_BOLD: &[u8] = include_bytes!("../../assets/fonts/OcopSymbols-Bold.ttf");
pub const UI_FONT: Font = Font::with_name("Noto Sans");
pub const UI_BOLD: Font = Font { weight: iced::font::Weight::Bold, ..Font::with_name("Noto Sans") };

/// Every font the window embeds.
pub const FONTS: [&[u8]; 4] = [FONT_REGULAR, FONT_BOLD, FONT_SYMBOLS, FONT_SYMBOLS_BOLD];

/// The smallest window every screen is laid out for (issue 15.2).
pub const MIN_WINDOW: iced::Size = iced::Size::new(800.0, 600.0);

/// The window's font settings, for the window and for the tests and benchmarks that render screens.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: FONTS.iter().map(|f| std::borrow::Cow::Borrowed(*f)).collect(),
        default_font: UI_FONT,
        ..iced::Settings::default()
    }
}

/// What the window opens on.
#[derive(Clone, Debug, PartialEq)]
pub enum Launch {
    Start,
    File(std::path::PathBuf),
    Demo,
}

/// Opens the window.
pub fn run(launch: Launch) -> iced::Result {
    // Read while the process has one thread (see `lang::local_offset`).
    let _ = crate::lang::local_offset();
    iced::application(move || App::boot(prefs::Prefs::default_path(), launch.clone()), App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .settings(settings())
        .window(iced::window::Settings {
            size: iced::Size::new(1366.0, 740.0),
            min_size: Some(MIN_WINDOW),
            ..iced::window::Settings::default()
        })
        .exit_on_close_request(false)
        .run()
}

/// Opens a file with the system's viewer (the PDF reader the office already prints from).
pub fn open_with_system(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(windows)]
    let mut command = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]).arg(path);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut command = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    command.spawn().map(|_| ())
}
