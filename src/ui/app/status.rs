//! The status line's lifetime (issue 15.4): a message stays until dismissed, replaced, or settled —
//! the person acts again on the screen it came from and that action reports nothing (the name that
//! was empty is typed, a valid option follows a refused one). Background messages settle nothing.

use super::Message;
use crate::ui::screen::{Tab, scoring};

/// Whether `message` is something a person did on the screen of `tab`.
pub fn is_input_on(message: &Message, tab: Tab) -> bool {
    matches!(
        (message, tab),
        (Message::Start(_), Tab::Start)
            | (Message::Dossiers(_), Tab::Dossiers)
            | (Message::Facts(_), Tab::Facts)
            | (Message::Attendance(_), Tab::Attendance)
            | (Message::Results(_), Tab::Results)
            | (Message::Documents(_), Tab::Documents)
            | (Message::Archive(_), Tab::Archive)
            | (Message::Criteria(_), Tab::Criteria)
    ) || matches!((message, tab), (Message::Scoring(m), Tab::Scoring) if !matches!(m, scoring::Message::CommentPause))
}
