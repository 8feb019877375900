//! What the app draws around the screens: the navigation, the status line and the close question.

use super::{App, Message, OpenSession};
use crate::ui::screen::Tab;
use crate::ui::strings::Lang;
use crate::ui::strings::tr;
use crate::ui::{UI_BOLD, style};
use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Fill};

/// The status line's height: two lines of its text.
pub const STATUS_HEIGHT: f32 = 34.0;

/// The ids of the status line and of the language and theme buttons, for tests.
pub const STATUS_LINE: &str = "status-line";
pub const TOGGLE_LANG: &str = "toggle-lang";
pub const TOGGLE_THEME: &str = "toggle-theme";

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let body: Element<'_, Message> = match (&self.session, self.tab) {
            (_, Tab::Criteria) => match &self.catalog {
                Ok(catalog) => self.criteria.view(catalog, lang).map(Message::Criteria),
                Err(e) => text(crate::lang::Say::say(e, lang)).into(),
            },
            (_, Tab::Register) => {
                self.register.view(self.session.as_ref().map(|o| &o.workspace), lang).map(Message::Register)
            }
            (_, Tab::Start) | (None, _) => self.start.view(lang, &self.prefs, self.busy).map(Message::Start),
            (Some(open), tab) => open.view(tab, lang),
        };
        if self.tab == Tab::Results && self.results().is_some_and(|r| r.projector()) {
            // The projector view fills the window: no tabs, no status line (issue 15.2).
            return container(body).padding(8).height(Fill).into();
        }
        // The status line keeps its place and height whether it shows something or not: a message
        // never moves what is under the pointer (issue 15.4).
        let page = column![self.nav(), container(body).height(Fill), self.status_line(lang)].spacing(6).padding(8);
        match self.confirm_exit {
            Some(_) => iced::widget::stack![page, self.exit_dialog()].into(),
            None => page.into(),
        }
    }

    /// The fixed line at the foot of the window: the last message, or an empty strip.
    fn status_line(&self, lang: Lang) -> Element<'_, Message> {
        let Some(status) = &self.status else {
            return space().width(Fill).height(STATUS_HEIGHT).into();
        };
        let error = status.is_error();
        let line = row![
            text(status.text.get(lang).to_string()).size(13).width(Fill),
            button(text(tr(lang, "Đóng", "Dismiss")).size(13))
                .padding([1, 8])
                .on_press(Message::DismissStatus)
                .style(style::banner_button(error)),
        ]
        .spacing(10)
        .align_y(iced::Center);
        container(line)
            .id(STATUS_LINE)
            .padding([0, 10])
            .width(Fill)
            .height(STATUS_HEIGHT)
            .align_y(iced::Center)
            .clip(true)
            .style(move |t| style::banner(t, error))
            .into()
    }

    fn nav(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let open = self.session.is_some();
        let tab = |label: &'static str, t: Tab, enabled: bool| {
            let b = button(text(label)).style(style::tab(self.tab == t)).padding([4, 10]);
            if enabled { b.on_press(Message::Tab(t)) } else { b }
        };
        let tabs = row![
            tab(tr(lang, "Bắt đầu", "Start"), Tab::Start, true),
            tab(tr(lang, "Hồ sơ", "Dossiers"), Tab::Dossiers, open),
            tab(tr(lang, "Thông tin phiên họp", "Session details"), Tab::Facts, open),
            tab(tr(lang, "Điểm danh", "Attendance"), Tab::Attendance, open),
            tab(tr(lang, "Chấm điểm", "Scoring"), Tab::Scoring, open),
            tab(tr(lang, "Kết quả", "Results"), Tab::Results, open),
            tab(tr(lang, "Tài liệu", "Documents"), Tab::Documents, open),
            tab(tr(lang, "Lưu trữ", "Archive"), Tab::Archive, open),
            tab(tr(lang, "Bộ tiêu chí", "Criteria sets"), Tab::Criteria, true),
            tab(tr(lang, "Sổ OCOP", "Register"), Tab::Register, true),
        ]
        .spacing(2)
        .width(Fill)
        .align_y(iced::Center)
        // A narrow window puts the tabs on two lines rather than cutting the language and theme off.
        .wrap()
        .vertical_spacing(2);
        let mut nav = row![tabs].spacing(6).align_y(iced::Center);
        if let Some(ws) = self.workspace() {
            let name = ws.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let lock = if ws.is_locked() { tr(lang, " · đã khóa", " · locked") } else { "" };
            nav = nav.push(text(format!("{name}{lock}")).size(13));
        }
        nav = nav
            .push(style::tag(
                TOGGLE_LANG,
                button(text(tr(lang, "English", "Tiếng Việt")).size(13))
                    .style(button::text)
                    .on_press(Message::ToggleLang),
            ))
            .push(style::tag(
                TOGGLE_THEME,
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
            ));
        nav.into()
    }

    fn exit_dialog(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let dialog = container(
            column![
                text(tr(lang, "Đóng ứng dụng?", "Close the application?")).font(UI_BOLD).size(18),
                text(self.exit_sentence(lang)),
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
        // Opaque: a click beside the question does not reach the screen behind it (modal).
        iced::widget::opaque(container(dialog).center(Fill).style(|_| container::Style {
            background: Some(iced::Color::from_rgba(0.0, 0.0, 0.0, 0.45).into()),
            ..container::Style::default()
        }))
    }
}

/// F11: the projector view, full screen, and back.
pub fn is_f11(event: &iced::keyboard::Event) -> bool {
    use iced::keyboard::{Event, Key, key::Named};
    matches!(event, Event::KeyPressed { key: Key::Named(Named::F11), .. })
}

/// The window full screen (the projector view) or back to a window.
pub fn full_screen(on: bool) -> iced::Task<Message> {
    use iced::window;
    let mode = if on { window::Mode::Fullscreen } else { window::Mode::Windowed };
    window::latest().and_then(move |id| window::set_mode(id, mode))
}

impl App {
    /// F11 turns the projector view on (from any screen) or off.
    pub(super) fn projector_key(&mut self) -> iced::Task<Message> {
        let on = self.tab == Tab::Results && self.results().is_some_and(|r| r.projector());
        let go = if on { iced::Task::none() } else { self.update(Message::Tab(Tab::Results)) };
        go.chain(self.update(Message::Results(crate::ui::screen::results::Message::Projector(!on))))
    }
}

impl OpenSession {
    /// The screen of this session that `tab` shows.
    fn view(&self, tab: Tab, lang: Lang) -> Element<'_, Message> {
        let ws = &self.workspace;
        match tab {
            Tab::Dossiers => self.dossiers.view(ws, lang).map(Message::Dossiers),
            Tab::Attendance => self.attendance.view(ws, lang).map(Message::Attendance),
            Tab::Scoring if self.devices.shown => self.devices.view(ws, lang).map(Message::Devices),
            Tab::Scoring => column![
                button(tr(lang, "Chấm trên thiết bị", "Score on devices"))
                    .on_press(Message::Devices(crate::ui::screen::devices::Message::Show(true))),
                self.scoring.view(ws, lang).map(Message::Scoring)
            ]
            .into(),
            Tab::Results => self.results.view(ws, lang).map(Message::Results),
            Tab::Archive => self.archive.view(ws, lang).map(Message::Archive),
            Tab::Documents => self.documents.view(ws, lang).map(Message::Documents),
            Tab::Facts => self.facts.view(ws, lang).map(Message::Facts),
            // Shown by the app itself (they need no session).
            Tab::Start | Tab::Criteria | Tab::Register => iced::widget::space().into(),
        }
    }
}
