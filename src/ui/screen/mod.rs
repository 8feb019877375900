//! The screens. Each owns its `State` (fields private where the app has no business with them), its
//! `Message`, an `update` returning that screen's own `Action`, and `view`; only `app.rs` decides which
//! one is shown and carries out what their actions ask (the pattern of hecrj/icebreaker).

pub mod archive;
pub mod attendance;
pub mod criteria;
pub mod decision;
pub mod devices;
pub mod documents;
pub mod dossiers;
pub mod facts;
pub mod pick;
pub mod register;
pub mod results;
pub mod scoring;
pub mod start;

use crate::ui::strings::Lang;

/// The navigation tabs, in the order of a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Start,
    Dossiers,
    /// The session's facts and the council's names (issue 13.4).
    Facts,
    Attendance,
    Scoring,
    Results,
    Documents,
    Archive,
    Criteria,
    /// The office's OCOP register (issue 18); needs no session.
    Register,
}

/// A status-line text in both languages: the line follows the language even after it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub vi: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual { vi: vi.into(), en: en.into() }
    }

    /// A text that exists in one wording only (the store's errors, until they are typed).
    pub fn untranslated(text: impl Into<String>) -> Bilingual {
        let text = text.into();
        Bilingual { vi: text.clone(), en: text }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A value that has words in both languages (a store error, a blocker).
impl<T: crate::lang::Say> From<&T> for Bilingual {
    fn from(value: &T) -> Bilingual {
        Bilingual { vi: value.say(Lang::Vi), en: value.say(Lang::En) }
    }
}

impl From<String> for Bilingual {
    fn from(text: String) -> Bilingual {
        Bilingual::untranslated(text)
    }
}

/// What a screen that only runs its own tasks and reports asks of the app (devices, documents).
pub enum Action<M> {
    None,
    Run(iced::Task<M>),
    Error(Bilingual),
    Notice(Bilingual),
}

/// Whether the status line reports a failure or a success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Notice,
    Error,
}

/// The line shown under the navigation until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: Bilingual,
}

impl Status {
    pub fn error(text: impl Into<Bilingual>) -> Status {
        Status { kind: StatusKind::Error, text: text.into() }
    }

    pub fn notice(text: impl Into<Bilingual>) -> Status {
        Status { kind: StatusKind::Notice, text: text.into() }
    }

    pub fn is_error(&self) -> bool {
        self.kind == StatusKind::Error
    }
}
