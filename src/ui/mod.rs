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
pub const UI_FONT: Font = Font::with_name("Noto Sans");
pub const UI_BOLD: Font = Font { weight: iced::font::Weight::Bold, ..Font::with_name("Noto Sans") };

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
        .font(FONT_REGULAR)
        .font(FONT_BOLD)
        .default_font(UI_FONT)
        .window_size((1366.0, 740.0))
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
