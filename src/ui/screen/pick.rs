//! The system's file dialogs, told apart from "nothing was chosen": on a PC without a dialog
//! service (no desktop portal, no zenity — a bare X server, a kiosk) the dialog never appears, and
//! the screen must say so and point at the typed path beside every "Choose…" button.

use super::Bilingual;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Chosen(PathBuf),
    /// The dialog was shown and closed without a choice.
    Cancelled,
    /// No dialog could be shown on this computer.
    Unavailable,
}

/// Which dialog to show.
#[derive(Debug, Clone, Copy)]
pub enum Dialog {
    /// Pick an existing file, with a filter: its name and extensions.
    Open(&'static str, &'static [&'static str]),
    Folder,
    /// Choose where to save: the filter and the file name offered.
    Save(&'static str, &'static [&'static str], &'static str),
}

// The filters' names are the system dialog's words, which the window's language cannot reach
// once the dialog is open (it is shown from a task): names read the same in both languages.

/// A session file (or an archived copy of one).
pub const OCOP_FILE: Dialog = Dialog::Open("OCOP (.ocop)", &["ocop"]);

/// A list of dossiers to import.
pub const DOSSIER_LIST: Dialog = Dialog::Open("Excel, LibreOffice, CSV, JSON", &["xlsx", "xls", "ods", "csv", "json"]);

/// Where to save a new session, with a file name offered in `lang`.
pub fn save_session(lang: crate::lang::Lang) -> Dialog {
    Dialog::Save("OCOP (.ocop)", &["ocop"], crate::ui::strings::tr(lang, "Phiên họp.ocop", "Session.ocop"))
}

/// An answer faster than this cannot be a person's: the dialog failed to open (rfd reports a
/// failure as "nothing chosen").
const FASTEST_ANSWER: Duration = Duration::from_millis(250);

/// Shows the dialog and waits for the answer.
pub async fn show(dialog: Dialog) -> Picked {
    if !service_present() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    let chosen = match dialog {
        Dialog::Open(name, exts) => rfd::AsyncFileDialog::new().add_filter(name, exts).pick_file().await,
        Dialog::Folder => rfd::AsyncFileDialog::new().pick_folder().await,
        Dialog::Save(name, exts, file) => {
            rfd::AsyncFileDialog::new().add_filter(name, exts).set_file_name(file).save_file().await
        }
    };
    match chosen {
        Some(handle) => Picked::Chosen(handle.path().to_path_buf()),
        None if started.elapsed() < FASTEST_ANSWER => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// Whether a dialog can appear at all. On Linux and the BSDs rfd asks the desktop portal over the
/// session bus and falls back to zenity: with neither there is nothing to show. Elsewhere the
/// system always has its own dialog.
fn service_present() -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

/// What the status line says when no dialog could be shown.
pub fn unavailable() -> Bilingual {
    Bilingual::new(
        "Máy này không mở được hộp chọn tệp của hệ thống: hãy gõ đường dẫn vào ô bên cạnh nút «Chọn…».",
        "This computer cannot show the system's file dialog: type the path in the box beside the button.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// A dialog's filter names and offered file name.
    fn words(d: Dialog) -> Vec<&'static str> {
        match d {
            Dialog::Open(name, _) => vec![name],
            Dialog::Folder => vec![],
            Dialog::Save(name, _, file) => vec![name, file],
        }
    }

    #[test]
    fn the_dialogs_words_are_in_no_one_language_or_in_the_windows() {
        for d in [OCOP_FILE, DOSSIER_LIST, save_session(Lang::En)] {
            for w in words(d) {
                assert!(w.is_ascii(), "{w}: no Vietnamese in the English window's dialogs");
            }
        }
        assert_eq!(words(save_session(Lang::En)), ["OCOP (.ocop)", "Session.ocop"]);
        assert_eq!(words(save_session(Lang::Vi)), ["OCOP (.ocop)", "Phiên họp.ocop"]);
    }
}
