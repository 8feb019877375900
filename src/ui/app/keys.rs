//! The keyboard beyond the screens' own keys: dialogs are modal (Esc cancels, Enter confirms,
//! every other key waits — Ctrl+1…8 does not switch tabs behind a question), and Tab / Shift+Tab
//! move through the fields of a form.

use super::{App, Message};
use crate::ui::screen::{Tab, archive, attendance, results, scoring};
use iced::keyboard::{self, Key, key::Named};
use iced::{Task, event};

/// A question on screen that must be answered before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// "Close the application?"
    Exit,
    /// Marking a member with counted sheets absent.
    Absence,
    /// The lock's confirmation with its fingerprint.
    Lock,
    /// A new round or the council's resolution, with its note.
    Note,
    /// Reopening a submitted sheet, with the reason.
    ReopenSheet,
}

impl App {
    /// The question on screen, if one is.
    pub fn dialog(&self) -> Option<Dialog> {
        if self.confirm_exit.is_some() {
            return Some(Dialog::Exit);
        }
        let open = self.session.as_ref()?;
        match self.tab {
            Tab::Attendance if open.attendance.asking().is_some() => Some(Dialog::Absence),
            Tab::Archive if open.archive.confirming_lock().is_some() => Some(Dialog::Lock),
            Tab::Results if open.results.asking().is_some() => Some(Dialog::Note),
            Tab::Scoring if open.scoring.reopening().is_some() => Some(Dialog::ReopenSheet),
            _ => None,
        }
    }
}

/// What the window's events say to the app: every key no widget took (as `keyboard::listen` gives
/// them), and Esc although a focused field took it. A text field takes Esc to lose its focus, so a
/// dialog with its reason field focused would otherwise need two presses to be cancelled; the app
/// hears that Esc as `FieldEscape` and cancels the dialog at once (outside a dialog it does nothing,
/// and the field is unfocused as before).
pub fn heard(event: iced::Event, status: event::Status, _window: iced::window::Id) -> Option<Message> {
    let iced::Event::Keyboard(key) = event else { return None };
    match status {
        event::Status::Ignored => Some(Message::Key(key)),
        event::Status::Captured => match &key {
            keyboard::Event::KeyPressed { key: Key::Named(Named::Escape), .. } => Some(Message::FieldEscape(key)),
            _ => None,
        },
    }
}

/// What Esc (cancel) or Enter (confirm) answers to `dialog`; None for any other key.
pub fn answer(dialog: Dialog, event: &keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key: Key::Named(named), modifiers, .. } = event else { return None };
    let confirm = match named {
        Named::Escape => false,
        Named::Enter if !modifiers.command() => true,
        _ => return None,
    };
    Some(match (dialog, confirm) {
        (Dialog::Exit, yes) => Message::Exit(yes),
        (Dialog::Absence, true) => Message::Attendance(attendance::Message::ConfirmAbsent),
        (Dialog::Absence, false) => Message::Attendance(attendance::Message::CancelAbsent),
        (Dialog::Lock, true) => Message::Archive(archive::Message::ConfirmLock),
        (Dialog::Lock, false) => Message::Archive(archive::Message::CancelLock),
        (Dialog::Note, true) => Message::Results(results::Message::Confirm),
        (Dialog::Note, false) => Message::Results(results::Message::Cancel),
        (Dialog::ReopenSheet, true) => Message::Scoring(scoring::Message::Reopen),
        (Dialog::ReopenSheet, false) => Message::Scoring(scoring::Message::AskReopen(None)),
    })
}

/// Tab and Shift+Tab: the next or previous field of the form on screen (text fields take no Tab
/// themselves, so it reaches the app).
pub fn move_focus(event: &keyboard::Event) -> Task<Message> {
    use iced::widget::operation::{focus_next, focus_previous};
    match event {
        keyboard::Event::KeyPressed { key: Key::Named(Named::Tab), modifiers, .. } if !modifiers.command() => {
            if modifiers.shift() {
                focus_previous()
            } else {
                focus_next()
            }
        }
        _ => Task::none(),
    }
}
