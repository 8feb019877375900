//! The application: which session is open, which screen is shown, preferences, the status line and
//! the close-window question. Screens do the rest; the app alone switches between them and carries
//! out what their actions ask.

use crate::catalog::Catalog;
use crate::ui::prefs::Prefs;
use crate::ui::screen::Bilingual;
use crate::ui::screen::{
    Status, Tab, archive, attendance, criteria, devices, documents, dossiers, facts, results, scoring, start,
};
use crate::ui::strings::Lang;
use crate::workspace::Workspace;
use iced::{Subscription, Task, Theme, keyboard, window};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod files;
mod keys;
mod status;
mod view;
pub use view::{STATUS_HEIGHT, STATUS_LINE, TOGGLE_LANG, TOGGLE_THEME};

use files::same_file;
pub use files::{create_workspace, demo_workspace};
pub use keys::{Dialog, heard, tab_shortcut};

/// Carries a value that is not `Clone` (an opened session) inside a `Clone` message.
pub struct Slot<T>(Arc<Mutex<Option<T>>>);

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Slot(self.0.clone())
    }
}

impl<T> Slot<T> {
    pub fn new(value: T) -> Self {
        Slot(Arc::new(Mutex::new(Some(value))))
    }
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok().and_then(|mut v| v.take())
    }
}

impl<T> std::fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot(..)")
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Start(start::Message),
    Dossiers(dossiers::Message),
    Attendance(attendance::Message),
    Scoring(scoring::Message),
    Devices(devices::Message),
    Results(results::Message),
    Archive(archive::Message),
    Documents(documents::Message),
    Facts(facts::Message),
    Criteria(criteria::Message),
    Register(crate::ui::screen::register::Message),
    Opened(Slot<Result<Workspace, Bilingual>>),
    Key(keyboard::Event),
    /// Esc, taken by the focused text field (to unfocus it): it still cancels a dialog.
    FieldEscape(keyboard::Event),
    CloseRequested(window::Id),
    /// The answer to "close the application?": true = close.
    Exit(bool),
    DismissStatus,
    ToggleLang,
    ToggleTheme,
    CloseSession,
    /// A frame was drawn (only listened to when measuring start-up).
    Frame,
}

/// An open session and the state of every screen that shows it. They live and die together: closing
/// the session drops them all, so no selection, form or list outlives the session it came from.
struct OpenSession {
    workspace: Workspace,
    dossiers: dossiers::State,
    attendance: attendance::State,
    scoring: scoring::State,
    devices: devices::State,
    results: results::State,
    archive: archive::State,
    documents: documents::State,
    facts: facts::State,
}

impl OpenSession {
    fn new(workspace: Workspace) -> OpenSession {
        let mut scoring = scoring::State::default();
        scoring.select_first(&workspace);
        OpenSession {
            workspace,
            dossiers: dossiers::State::default(),
            attendance: attendance::State::default(),
            scoring,
            devices: devices::State::default(),
            results: results::State::default(),
            archive: archive::State::default(),
            documents: documents::State::default(),
            facts: facts::State::default(),
        }
    }
}

pub struct App {
    prefs: Prefs,
    catalog: Result<Catalog, crate::catalog::CatalogError>,
    session: Option<OpenSession>,
    tab: Tab,
    /// The screens that need no session keep their state across sessions.
    start: start::State,
    criteria: criteria::State,
    register: crate::ui::screen::register::State,
    status: Option<Status>,
    /// The tab that was on screen when the status line was set, and how many were set so far.
    status_from: (Tab, u64),
    confirm_exit: Option<window::Id>,
    /// What could not be saved when the window was asked to close (the question then says so).
    exit_problem: Option<Bilingual>,
    /// A session is being opened or created.
    busy: bool,
    /// Set by OCOP_EXIT_AFTER_FIRST_FRAME: the start-up benchmark quits once a session is on screen.
    exit_after_first_frame: bool,
}

impl App {
    /// A fresh app with preferences from `prefs_path` (None: nothing is remembered, as in tests).
    pub fn new(prefs_path: Option<PathBuf>) -> App {
        App::with_prefs(Prefs::load(prefs_path))
    }

    /// A fresh app with these preferences (tests choose the sessions folder this way).
    pub fn with_prefs(prefs: Prefs) -> App {
        // Built-in sets and the council's installed ones (a broken installed file is left out).
        let catalog = Catalog::with_installed().map(|(c, _)| c);
        let start = start::State::new(catalog.as_ref().ok(), &prefs.sessions_folder());
        let sessions = prefs.sessions_folder();
        App {
            prefs,
            catalog,
            session: None,
            tab: Tab::Start,
            start,
            criteria: criteria::State::default(),
            register: crate::ui::screen::register::State::new(
                crate::workspace::RegisterView::default_path(),
                crate::workspace::RegisterView::today(),
            )
            .sessions_folder(sessions),
            status: None,
            status_from: (Tab::Start, 0),
            confirm_exit: None,
            exit_problem: None,
            busy: false,
            exit_after_first_frame: std::env::var_os("OCOP_EXIT_AFTER_FIRST_FRAME").is_some(),
        }
    }

    pub fn boot(prefs_path: Option<PathBuf>, launch: crate::ui::Launch) -> (App, Task<Message>) {
        let mut app = App::new(prefs_path);
        let task = match launch {
            crate::ui::Launch::File(path) => app.open(path),
            crate::ui::Launch::Demo => app.open_demo(),
            crate::ui::Launch::Start => Task::none(),
        };
        (app, task)
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    /// The tab on screen.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The open session, if any.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.session.as_ref().map(|o| &o.workspace)
    }

    /// The status line, until dismissed.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The window waiting for an answer to "close the application?".
    pub fn confirm_exit(&self) -> Option<window::Id> {
        self.confirm_exit
    }

    pub fn start(&self) -> &start::State {
        &self.start
    }

    pub fn criteria(&self) -> &criteria::State {
        &self.criteria
    }

    /// The screens of the open session (None while no session is open).
    pub fn dossiers(&self) -> Option<&dossiers::State> {
        self.session.as_ref().map(|o| &o.dossiers)
    }

    pub fn attendance(&self) -> Option<&attendance::State> {
        self.session.as_ref().map(|o| &o.attendance)
    }

    pub fn scoring(&self) -> Option<&scoring::State> {
        self.session.as_ref().map(|o| &o.scoring)
    }

    pub fn results(&self) -> Option<&results::State> {
        self.session.as_ref().map(|o| &o.results)
    }

    /// The Register screen, on the register at `path` as of `day` (tests: a register of their own).
    pub fn use_register(&mut self, path: PathBuf, day: crate::domain::Date) {
        let sessions = self.prefs.sessions_folder();
        self.register = crate::ui::screen::register::State::new(path, day).sessions_folder(sessions);
    }

    pub fn register(&self) -> &crate::ui::screen::register::State {
        &self.register
    }

    pub fn archive(&self) -> Option<&archive::State> {
        self.session.as_ref().map(|o| &o.archive)
    }

    pub fn documents(&self) -> Option<&documents::State> {
        self.session.as_ref().map(|o| &o.documents)
    }

    pub fn title(&self) -> String {
        match self.workspace() {
            Some(ws) => {
                format!("{} — ocop-council", ws.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
            }
            None => "ocop-council".into(),
        }
    }

    pub fn theme(&self) -> Theme {
        crate::ui::style::theme(self.prefs.dark)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs =
            vec![iced::event::listen_with(keys::heard), window::close_requests().map(Message::CloseRequested)];
        if self.exit_after_first_frame && self.session.is_some() {
            subs.push(window::frames().map(|_| Message::Frame));
        }
        Subscription::batch(subs)
    }

    fn open(&mut self, path: PathBuf) -> Task<Message> {
        self.busy = true;
        let actor = crate::workspace::default_actor();
        Task::perform(async move { Workspace::open(&path, &actor).map_err(|e| Bilingual::from(&e)) }, |r| {
            Message::Opened(Slot::new(r))
        })
    }

    fn open_demo(&mut self) -> Task<Message> {
        self.busy = true;
        let actor = crate::workspace::default_actor();
        let path = self.prefs.demo_path();
        Task::perform(async move { demo_workspace(&path, &actor) }, |r| Message::Opened(Slot::new(r)))
    }

    /// Makes the demo session afresh and opens it: closed first if this window has it open.
    fn reset_demo(&mut self) -> Task<Message> {
        let path = self.prefs.demo_path();
        if self.workspace().is_some_and(|ws| same_file(&ws.path, &path)) {
            self.session = None;
        }
        self.busy = true;
        let actor = crate::workspace::default_actor();
        Task::perform(
            async move {
                crate::workspace::Workspace::discard_file(&path).map_err(|e| Bilingual::from(&e))?;
                demo_workspace(&path, &actor)
            },
            |r| Message::Opened(Slot::new(r)),
        )
    }

    /// Copies an archived session back into the sessions folder and opens the copy.
    fn restore(&mut self, archived: PathBuf) -> Task<Message> {
        let work = self.prefs.sessions_folder().join("khôi phục");
        Task::perform(async move { crate::archive::restore(&archived, &work).map_err(|e| Bilingual::from(&e)) }, |r| {
            Message::Archive(archive::Message::Restored(r))
        })
    }

    fn create(&mut self, new: start::NewSession) -> Task<Message> {
        let catalog = match &self.catalog {
            Ok(catalog) => catalog.clone(),
            Err(e) => return self.show(Status::error(Bilingual::from(e))),
        };
        self.busy = true;
        let actor = crate::workspace::default_actor();
        Task::perform(async move { create_workspace(&catalog, new, &actor) }, |r| Message::Opened(Slot::new(r)))
    }

    fn show(&mut self, status: Status) -> Task<Message> {
        self.status = Some(status);
        self.status_from = (self.tab, self.status_from.1 + 1);
        Task::none()
    }

    fn goto(&mut self, tab: Tab) -> Task<Message> {
        let mut unsaved = Ok(());
        if let Some(open) = &mut self.session {
            // Leaving the scoring screen saves a comment still being typed.
            unsaved = open.scoring.flush_comment(&mut open.workspace);
            open.workspace.refresh();
            if tab == Tab::Archive {
                open.archive.refresh(&open.workspace);
            }
            if tab == Tab::Facts {
                open.facts.load(&open.workspace);
            }
        }
        if tab == Tab::Register {
            self.register.enter(self.session.as_ref().map(|o| &o.workspace));
        }
        self.tab = tab;
        match unsaved {
            Ok(()) => Task::none(),
            Err(e) => self.show(Status::error(Bilingual::from(&e))),
        }
    }

    /// Opens the scoring screen on a dossier.
    fn score(&mut self, code: &str) -> Task<Message> {
        if let Some(open) = &mut self.session {
            open.scoring.select_product(&open.workspace, code);
        }
        self.goto(Tab::Scoring)
    }

    /// A session was opened (or failed to): its screens start afresh.
    fn opened(&mut self, result: Option<Result<Workspace, Bilingual>>) -> Task<Message> {
        self.busy = false;
        match result {
            Some(Ok(ws)) => {
                self.prefs.remember(&ws.path);
                let warning = self.start.take_warning().map(Status::notice);
                self.status = self.prefs.save().err().map(Status::error).or(warning);
                let started = ws.session.sheets.iter().any(|s| !s.draft);
                self.session = Some(OpenSession::new(ws));
                self.goto(if started { Tab::Results } else { Tab::Attendance })
            }
            Some(Err(e)) => {
                self.start.take_warning();
                self.show(Status::error(e))
            }
            None => Task::none(),
        }
    }

    /// Carries out a message; an action on the status line's own screen that reports nothing
    /// settles the line (see `status`).
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let (from, shown) = self.status_from;
        let settles = status::is_input_on(&message, from) && self.tab == from;
        let task = self.dispatch(message);
        if settles && self.status_from.1 == shown {
            self.status = None;
        }
        task
    }

    fn dispatch(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tab(tab) => self.goto(tab),
            Message::Start(m) => {
                let action = self.start.update(m, &self.prefs);
                self.start_action(action)
            }
            Message::Opened(slot) => self.opened(slot.take()),
            Message::CloseSession => {
                self.session = None;
                self.tab = Tab::Start;
                Task::none()
            }
            Message::Criteria(m) => {
                self.criteria.update(m);
                Task::none()
            }
            Message::Register(m) => {
                use crate::ui::screen::register::Action;
                match self.register.update(m, self.session.as_mut().map(|o| &mut o.workspace)) {
                    Action::None => Task::none(),
                    Action::Notice(n) => self.show(Status::notice(n)),
                    Action::Error(e) => self.show(Status::error(e)),
                    Action::Open(path) => self.open(path),
                    Action::Run(task) => task.map(Message::Register),
                }
            }
            Message::Key(event) => self.key(&event),
            Message::FieldEscape(event) => match self.dialog().and_then(|d| keys::answer(d, &event)) {
                Some(m) => self.update(m),
                None => Task::none(),
            },
            Message::CloseRequested(id) => {
                // What is still on screen unsaved (a comment, a dossier's details) is saved first,
                // so "every change is saved" is true; what cannot be saved is said in the question.
                self.exit_problem = self.save_pending().err();
                match self.workspace() {
                    Some(ws) if !ws.is_locked() || self.exit_problem.is_some() => {
                        self.confirm_exit = Some(id);
                        Task::none()
                    }
                    _ => window::close(id),
                }
            }
            Message::Exit(close) => match self.confirm_exit.take() {
                Some(id) if close => window::close(id),
                _ => Task::none(),
            },
            Message::Frame => iced::exit(),
            Message::DismissStatus => {
                self.status = None;
                Task::none()
            }
            Message::ToggleLang => {
                self.prefs.lang = if self.prefs.lang == Lang::Vi { Lang::En } else { Lang::Vi };
                self.save_prefs();
                Task::none()
            }
            Message::ToggleTheme => {
                self.prefs.dark = !self.prefs.dark;
                self.save_prefs();
                Task::none()
            }
            session => self.session_update(session),
        }
    }

    /// A message for a screen of the open session (dropped when none is open).
    fn session_update(&mut self, message: Message) -> Task<Message> {
        let Some(open) = &mut self.session else { return Task::none() };
        let ws = &mut open.workspace;
        match message {
            Message::Dossiers(m) => {
                let action = open.dossiers.update(m, ws);
                self.dossiers_action(action)
            }
            Message::Attendance(m) => match open.attendance.update(m, ws) {
                attendance::Action::None => Task::none(),
                attendance::Action::Error(e) => self.show(Status::error(e)),
            },
            Message::Scoring(m) => {
                let action = open.scoring.update(m, ws);
                self.scoring_action(action)
            }
            Message::Devices(m) => {
                let action = open.devices.update(m, ws);
                self.screen_action(action, Message::Devices)
            }
            Message::Results(m) => {
                let action = open.results.update(m, ws);
                self.results_action(action)
            }
            Message::Archive(m) => {
                let action = open.archive.update(m, ws);
                self.archive_action(action)
            }
            Message::Documents(m) => {
                let action = open.documents.update(m, ws);
                self.screen_action(action, Message::Documents)
            }
            Message::Facts(m) => match open.facts.update(m, ws) {
                facts::Action::None => Task::none(),
                facts::Action::Error(e) => self.show(Status::error(e)),
                facts::Action::Notice(n) => self.show(Status::notice(n)),
            },
            _ => Task::none(),
        }
    }

    /// A key no widget took: a dialog's answer (and nothing else while one is open), a tab, the
    /// scoring screen's keys, or moving between a form's fields.
    fn start_action(&mut self, action: start::Action) -> Task<Message> {
        match action {
            start::Action::None => Task::none(),
            start::Action::Run(task) => task.map(Message::Start),
            start::Action::Error(e) => self.show(Status::error(e)),
            start::Action::Notice(n) => self.show(Status::notice(n)),
            start::Action::Open(path) => self.open(path),
            start::Action::OpenDemo => self.open_demo(),
            start::Action::ResetDemo => self.reset_demo(),
            start::Action::Create(new) => self.create(*new),
        }
    }

    fn dossiers_action(&mut self, action: dossiers::Action) -> Task<Message> {
        match action {
            dossiers::Action::None => Task::none(),
            dossiers::Action::Run(task) => task.map(Message::Dossiers),
            dossiers::Action::Error(e) => self.show(Status::error(e)),
            dossiers::Action::Notice(n) => self.show(Status::notice(n)),
            dossiers::Action::Score(code) => self.score(&code),
        }
    }

    fn scoring_action(&mut self, action: scoring::Action) -> Task<Message> {
        match action {
            scoring::Action::None => Task::none(),
            scoring::Action::Run(task) => task.map(Message::Scoring),
            scoring::Action::Error(e) => self.show(Status::error(e)),
            scoring::Action::Notice(n) => self.show(Status::notice(n)),
        }
    }

    fn results_action(&mut self, action: results::Action) -> Task<Message> {
        match action {
            results::Action::None => Task::none(),
            results::Action::Error(e) => self.show(Status::error(e)),
            results::Action::Notice(n) => self.show(Status::notice(n)),
            results::Action::Score(code) => self.score(&code),
            results::Action::Projector(on) => view::full_screen(on),
            results::Action::Run(task) => task.map(Message::Results),
        }
    }

    fn archive_action(&mut self, action: archive::Action) -> Task<Message> {
        match action {
            archive::Action::None => Task::none(),
            archive::Action::Run(task) => task.map(Message::Archive),
            archive::Action::Error(e) => self.show(Status::error(e)),
            archive::Action::Notice(n) => self.show(Status::notice(n)),
            archive::Action::Open(path) => self.open(path),
            archive::Action::Restore(path) => self.restore(path),
        }
    }

    /// What the devices or the documents screen asks; `wrap` makes their messages the app's.
    fn screen_action<M: Send + 'static>(
        &mut self,
        action: crate::ui::screen::Action<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        use crate::ui::screen::Action;
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task.map(wrap),
            Action::Error(e) => self.show(Status::error(e)),
            Action::Notice(n) => self.show(Status::notice(n)),
        }
    }

    /// Saves the edits a screen holds that are not in the file yet: the comment being typed, the
    /// dossier's details being edited (or the dossier being added).
    fn save_pending(&mut self) -> Result<(), Bilingual> {
        let Some(open) = &mut self.session else { return Ok(()) };
        open.scoring.flush_comment(&mut open.workspace).map_err(|e| Bilingual::from(&e))?;
        open.dossiers.save_pending(&mut open.workspace)?;
        open.facts.save_pending(&mut open.workspace)?;
        open.workspace.refresh();
        Ok(())
    }

    /// The close question's sentence: true to what the file holds.
    pub fn exit_sentence(&self, lang: Lang) -> String {
        match &self.exit_problem {
            Some(problem) => match lang {
                Lang::Vi => format!("Một thay đổi chưa lưu được: {}. Nếu đóng, thay đổi đó sẽ mất.", problem.vi),
                Lang::En => format!("A change could not be saved: {}. Closing now loses it.", problem.en),
            },
            None => crate::ui::strings::tr(
                lang,
                "Mọi thay đổi đã được lưu vào tệp phiên họp, nhưng kết quả chưa được khóa.",
                "Every change is saved in the session file, but the results are not locked yet.",
            )
            .to_string(),
        }
    }

    fn save_prefs(&mut self) {
        if let Err(e) = self.prefs.save() {
            self.status = Some(Status::error(e));
        }
    }
}
