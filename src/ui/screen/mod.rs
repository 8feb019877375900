//! The screens. Each has its own `State`, `Message`, `update` (returning an `Action` for the app)
//! and `view`; only `app.rs` decides which one is shown.

pub mod archive;
pub mod attendance;
pub mod criteria;
pub mod documents;
pub mod dossiers;
pub mod results;
pub mod scoring;
pub mod start;

use iced::Task;
use std::path::PathBuf;

/// The navigation tabs, in the order of a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Start,
    Dossiers,
    Attendance,
    Scoring,
    Results,
    Documents,
    Archive,
    Criteria,
}

/// What a screen asks the app to do after an update.
pub enum Action<M> {
    None,
    Run(Task<M>),
    Error(String),
    Notice(String),
    Goto(Tab),
    /// Open the scoring screen on this dossier.
    Score(String),
    Open(PathBuf),
    OpenDemo,
    Create(Box<start::NewSession>),
}

impl<M> Action<M> {
    /// Turns a store result into an error action, or nothing.
    pub fn from_result<T, E: std::fmt::Display>(r: Result<T, E>) -> Action<M> {
        match r {
            Ok(_) => Action::None,
            Err(e) => Action::Error(e.to_string()),
        }
    }
}
