//! The application: which session is open, which screen is shown, preferences, the status line and
//! the close-window question. Screens do the rest.

use crate::catalog::{Catalog, DEMO_SESSION};
use crate::store::Store;
use crate::ui::prefs::Prefs;
use crate::ui::screen::{Action, Tab, archive, attendance, criteria, documents, dossiers, results, scoring, start};
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Fill, Subscription, Task, Theme, keyboard, window};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    Results(results::Message),
    Archive(archive::Message),
    Documents(documents::Message),
    Criteria(criteria::Message),
    Opened(Slot<Result<Workspace, String>>),
    Key(keyboard::Event),
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

pub struct App {
    pub prefs: Prefs,
    pub catalog: Result<Catalog, String>,
    pub workspace: Option<Workspace>,
    pub tab: Tab,
    pub start: start::State,
    pub dossiers: dossiers::State,
    pub attendance: attendance::State,
    pub scoring: scoring::State,
    pub results: results::State,
    pub archive: archive::State,
    pub documents: documents::State,
    pub criteria: criteria::State,
    /// (is an error, text) shown under the navigation until dismissed.
    pub status: Option<(bool, String)>,
    pub confirm_exit: Option<window::Id>,
    pub busy: bool,
    /// Set by OCOP_EXIT_AFTER_FIRST_FRAME: the start-up benchmark quits once a session is on screen.
    pub exit_after_first_frame: bool,
}

fn actor() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "thư ký".into())
}

impl App {
    /// A fresh app with preferences from `prefs_path` (None: nothing is remembered, as in tests).
    pub fn new(prefs_path: Option<PathBuf>) -> App {
        let prefs = Prefs::load(prefs_path);
        // Built-in sets and the council's installed ones (a broken installed file is left out).
        let catalog = Catalog::with_installed().map(|(c, _)| c).map_err(|e| e.to_string());
        let start = start::State::new(catalog.as_ref().ok());
        App {
            prefs,
            catalog,
            workspace: None,
            tab: Tab::Start,
            start,
            dossiers: dossiers::State::default(),
            attendance: attendance::State::default(),
            scoring: scoring::State::default(),
            results: results::State::default(),
            archive: archive::State::default(),
            documents: documents::State::default(),
            criteria: criteria::State::default(),
            status: None,
            confirm_exit: None,
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

    pub fn title(&self) -> String {
        match &self.workspace {
            Some(ws) => {
                format!("{} — ocop-council", ws.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
            }
            None => "ocop-council".into(),
        }
    }

    pub fn theme(&self) -> Theme {
        if self.prefs.dark { Theme::Dark } else { Theme::Light }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs =
            vec![keyboard::listen().map(Message::Key), window::close_requests().map(Message::CloseRequested)];
        if self.exit_after_first_frame && self.workspace.is_some() {
            subs.push(window::frames().map(|_| Message::Frame));
        }
        Subscription::batch(subs)
    }

    fn open(&mut self, path: PathBuf) -> Task<Message> {
        self.busy = true;
        let actor = actor();
        Task::perform(async move { Workspace::open(&path, &actor).map_err(|e| e.to_string()) }, |r| {
            Message::Opened(Slot::new(r))
        })
    }

    fn open_demo(&mut self) -> Task<Message> {
        self.busy = true;
        let actor = actor();
        let dir = Prefs::data_dir();
        Task::perform(async move { demo_workspace(&dir, &actor) }, |r| Message::Opened(Slot::new(r)))
    }

    fn create(&mut self, new: start::NewSession) -> Task<Message> {
        let Ok(catalog) = self.catalog.clone() else {
            return Task::none();
        };
        self.busy = true;
        let actor = actor();
        Task::perform(async move { create_workspace(&catalog, new, &actor) }, |r| Message::Opened(Slot::new(r)))
    }

    /// Carries out what a screen asked for; `wrap` turns its messages into ours.
    fn act<M: Send + 'static>(&mut self, action: Action<M>, wrap: fn(M) -> Message) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task.map(wrap),
            Action::Error(e) => {
                self.status = Some((true, e));
                Task::none()
            }
            Action::Notice(n) => {
                self.status = Some((false, n));
                Task::none()
            }
            Action::Goto(tab) => self.goto(tab),
            Action::Score(code) => {
                if let Some(ws) = &self.workspace {
                    self.scoring.select_product(ws, &code);
                }
                self.goto(Tab::Scoring)
            }
            Action::Open(path) => self.open(path),
            Action::OpenDemo => self.open_demo(),
            Action::Create(new) => self.create(*new),
        }
    }

    /// Runs a screen's update on the open session (lent out meanwhile), then what it asked for.
    fn with_session<M: Send + 'static>(
        &mut self,
        wrap: fn(M) -> Message,
        update: impl FnOnce(&mut App, &mut Workspace) -> Action<M>,
    ) -> Task<Message> {
        let Some(mut ws) = self.workspace.take() else { return Task::none() };
        let action = update(self, &mut ws);
        self.workspace = Some(ws);
        self.act(action, wrap)
    }

    fn goto(&mut self, tab: Tab) -> Task<Message> {
        if let Some(ws) = &mut self.workspace {
            ws.refresh();
            if tab == Tab::Archive {
                self.archive.refresh(ws);
            }
        }
        self.tab = tab;
        Task::none()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tab(tab) => self.goto(tab),
            Message::Start(m) => {
                let action = self.start.update(m, &self.prefs);
                self.act(action, Message::Start)
            }
            Message::Opened(slot) => {
                self.busy = false;
                match slot.take() {
                    Some(Ok(ws)) => {
                        self.prefs.remember(&ws.path);
                        if let Err(e) = self.prefs.save() {
                            self.status = Some((true, e));
                        } else {
                            self.status = None;
                        }
                        let started = ws.session.sheets.iter().any(|s| !s.draft);
                        self.scoring = scoring::State::default();
                        self.scoring.select_first(&ws);
                        self.results = results::State::default();
                        self.attendance = attendance::State::default();
                        self.dossiers = dossiers::State::default();
                        self.archive = archive::State::default();
                        self.documents = documents::State::default();
                        self.workspace = Some(ws);
                        self.goto(if started { Tab::Results } else { Tab::Attendance })
                    }
                    Some(Err(e)) => {
                        self.status = Some((true, e));
                        Task::none()
                    }
                    None => Task::none(),
                }
            }
            Message::CloseSession => {
                self.workspace = None;
                self.tab = Tab::Start;
                Task::none()
            }
            Message::Dossiers(m) => self.with_session(Message::Dossiers, |app, ws| app.dossiers.update(m, ws)),
            Message::Attendance(m) => self.with_session(Message::Attendance, |app, ws| app.attendance.update(m, ws)),
            Message::Scoring(m) => self.with_session(Message::Scoring, |app, ws| app.scoring.update(m, ws)),
            Message::Results(m) => self.with_session(Message::Results, |app, ws| app.results.update(m, ws)),
            Message::Archive(m) => self.with_session(Message::Archive, |app, ws| app.archive.update(m, ws)),
            Message::Documents(m) => self.with_session(Message::Documents, |app, ws| app.documents.update(m, ws)),
            Message::Criteria(m) => {
                self.criteria.update(m);
                Task::none()
            }
            Message::Key(event) => {
                if let Some(tab) = tab_shortcut(&event).filter(|_| self.workspace.is_some()) {
                    return self.goto(tab);
                }
                match (self.tab, &self.workspace, scoring::key_message(&event)) {
                    (Tab::Scoring, Some(_), Some(m)) => self.update(Message::Scoring(m)),
                    _ => Task::none(),
                }
            }
            Message::CloseRequested(id) => {
                // Everything is saved as it is typed; only an unlocked meeting is worth a question.
                match &self.workspace {
                    Some(ws) if !ws.is_locked() => {
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
        }
    }

    fn save_prefs(&mut self) {
        if let Err(e) = self.prefs.save() {
            self.status = Some((true, e));
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let body: Element<'_, Message> = match (&self.workspace, self.tab) {
            (_, Tab::Criteria) => match &self.catalog {
                Ok(catalog) => self.criteria.view(catalog, lang).map(Message::Criteria),
                Err(e) => text(e.clone()).into(),
            },
            (_, Tab::Start) | (None, _) => self.start.view(lang, &self.prefs, self.busy).map(Message::Start),
            (Some(ws), Tab::Dossiers) => self.dossiers.view(ws, lang).map(Message::Dossiers),
            (Some(ws), Tab::Attendance) => self.attendance.view(ws, lang).map(Message::Attendance),
            (Some(ws), Tab::Scoring) => self.scoring.view(ws, lang).map(Message::Scoring),
            (Some(ws), Tab::Results) => self.results.view(ws, lang).map(Message::Results),
            (Some(ws), Tab::Archive) => self.archive.view(ws, lang).map(Message::Archive),
            (Some(ws), Tab::Documents) => self.documents.view(ws, lang).map(Message::Documents),
        };
        let mut page = column![self.nav()].spacing(6).padding(8);
        if let Some((error, message)) = &self.status {
            let error = *error;
            page = page.push(
                container(
                    row![
                        text(message.clone()).width(Fill),
                        button(text(tr(lang, "Đóng", "Dismiss"))).on_press(Message::DismissStatus).style(button::text)
                    ]
                    .spacing(10)
                    .align_y(iced::Center),
                )
                .padding([4, 10])
                .width(Fill)
                .style(move |t| style::banner(t, error)),
            );
        }
        page = page.push(container(body).height(Fill));
        match self.confirm_exit {
            Some(_) => iced::widget::stack![page, self.exit_dialog()].into(),
            None => page.into(),
        }
    }

    fn nav(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let open = self.workspace.is_some();
        let tab = |label: &'static str, t: Tab, enabled: bool| {
            let b = button(text(label)).style(style::tab(self.tab == t)).padding([4, 10]);
            if enabled { b.on_press(Message::Tab(t)) } else { b }
        };
        let mut nav = row![
            tab(tr(lang, "Bắt đầu", "Start"), Tab::Start, true),
            tab(tr(lang, "Hồ sơ", "Dossiers"), Tab::Dossiers, open),
            tab(tr(lang, "Điểm danh", "Attendance"), Tab::Attendance, open),
            tab(tr(lang, "Chấm điểm", "Scoring"), Tab::Scoring, open),
            tab(tr(lang, "Kết quả", "Results"), Tab::Results, open),
            tab(tr(lang, "Tài liệu", "Documents"), Tab::Documents, open),
            tab(tr(lang, "Lưu trữ", "Archive"), Tab::Archive, open),
            tab(tr(lang, "Bộ tiêu chí", "Criteria sets"), Tab::Criteria, true),
        ]
        .spacing(2)
        .align_y(iced::Center);
        nav = nav.push(space().width(Fill));
        if let Some(ws) = &self.workspace {
            let name = ws.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let lock = if ws.is_locked() { tr(lang, " · đã khóa", " · locked") } else { "" };
            nav = nav.push(text(format!("{name}{lock}")).size(13));
        }
        nav = nav
            .push(
                button(text(tr(lang, "English", "Tiếng Việt")).size(13))
                    .style(button::text)
                    .on_press(Message::ToggleLang),
            )
            .push(
                button(
                    text(if self.prefs.dark {
                        tr(lang, "Nền sáng", "Light")
                    } else {
                        tr(lang, "Nền tối", "Dark")
                    })
                    .size(13),
                )
                .style(button::text)
                .on_press(Message::ToggleTheme),
            );
        nav.into()
    }

    fn exit_dialog(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let dialog = container(
            column![
                text(tr(lang, "Đóng ứng dụng?", "Close the application?")).font(UI_BOLD).size(18),
                text(tr(
                    lang,
                    "Mọi thay đổi đã được lưu vào tệp phiên họp, nhưng kết quả chưa được khóa.",
                    "Every change is saved in the session file, but the results are not locked yet.",
                )),
                row![
                    button(text(tr(lang, "Ở lại", "Stay"))).on_press(Message::Exit(false)),
                    button(text(tr(lang, "Đóng ứng dụng", "Close")))
                        .style(button::danger)
                        .on_press(Message::Exit(true)),
                ]
                .spacing(10)
            ]
            .spacing(12),
        )
        .padding(20)
        .max_width(520)
        .style(style::panel);
        container(dialog)
            .center(Fill)
            .style(|_| container::Style {
                background: Some(iced::Color::from_rgba(0.0, 0.0, 0.0, 0.45).into()),
                ..container::Style::default()
            })
            .into()
    }
}

/// Ctrl+1 … Ctrl+7 open the tabs in meeting order, so the whole meeting can be run from the keyboard.
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
        _ => None,
    }
}

/// The demo session as a file in the user's data folder, made from the bundled JSON the first time.
pub fn demo_workspace(dir: &Path, actor: &str) -> Result<Workspace, String> {
    let path = dir.join("Phiên họp mẫu Ý Yên 2023.ocop");
    if !path.exists() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
        let (session, criteria, ruleset) =
            crate::exchange::parse(DEMO_SESSION, &catalog, None).map_err(|e| e.to_string())?;
        Store::create(&path, &session, criteria, ruleset, actor).map_err(|e| e.to_string())?;
    }
    Workspace::open(&path, actor).map_err(|e| e.to_string())
}

/// A new session file from the form, then opened.
pub fn create_workspace(catalog: &Catalog, new: start::NewSession, actor: &str) -> Result<Workspace, String> {
    let path = new.path.clone();
    let (session, criteria, ruleset) = new.into_session(catalog)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Store::create(&path, &session, criteria, ruleset, actor).map_err(|e| e.to_string())?;
    Workspace::open(&path, actor).map_err(|e| e.to_string())
}
