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
    /// A key no widget took: a dialog's answer, F11, a tab's shortcut, the screen's own keys
    /// (scoring, the results board), else Tab / Shift+Tab through the form.
    pub(super) fn key(&mut self, event: &keyboard::Event) -> Task<Message> {
        if let Some(dialog) = self.dialog() {
            return match answer(dialog, event) {
                Some(m) => self.update(m),
                None => Task::none(),
            };
        }
        if super::view::is_f11(event) && self.session.is_some() {
            return self.projector_key();
        }
        if let Some(tab) = tab_shortcut(event).filter(|_| self.session.is_some()) {
            return self.goto(tab);
        }
        let screen_key = match (self.tab, &self.session) {
            (Tab::Scoring, Some(_)) => scoring::key_message(event).map(Message::Scoring),
            (Tab::Results, Some(_)) => results::key_message(event).map(Message::Results),
            _ => None,
        };
        match screen_key {
            Some(m) => self.update(m),
            None => move_focus(event),
        }
    }

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

/// Ctrl+1 … Ctrl+8 open the tabs in meeting order (Ctrl+9 the session's details), so the whole
/// meeting can be run from the keyboard.
pub fn tab_shortcut(event: &keyboard::Event) -> Option<Tab> {
    let keyboard::Event::KeyPressed { key: keyboard::Key::Character(c), modifiers, .. } = event else { return None };
    if !modifiers.command() {
        return None;
    }
    match c.as_str() {
        "1" => Some(Tab::Start),
        "2" => Some(Tab::Dossiers),
        "3" => Some(Tab::Attendance),
        "4" => Some(Tab::Scoring),
        "5" => Some(Tab::Results),
        "6" => Some(Tab::Documents),
        "7" => Some(Tab::Archive),
        "8" => Some(Tab::Criteria),
        // The session's details came later than the numbers: the last digit, not a renumbering.
        "9" => Some(Tab::Facts),
        // The register is not part of a meeting's order: the key after 9.
        "0" => Some(Tab::Register),
        _ => None,
    }
}
