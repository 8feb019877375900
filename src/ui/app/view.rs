//! What the app draws around the screens: the navigation, the status line and the close question.

use super::{App, Message, OpenSession};
use crate::ui::screen::Tab;
use crate::ui::strings::Lang;
use crate::ui::strings::tr;
use crate::ui::{UI_BOLD, style};
use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Fill};

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let body: Element<'_, Message> = match (&self.session, self.tab) {
            (_, Tab::Criteria) => match &self.catalog {
                Ok(catalog) => self.criteria.view(catalog, lang).map(Message::Criteria),
                Err(e) => text(e.clone()).into(),
            },
            (_, Tab::Register) => {
                self.register.view(self.session.as_ref().map(|o| &o.workspace), lang).map(Message::Register)
            }
            (_, Tab::Start) | (None, _) => self.start.view(lang, &self.prefs, self.busy).map(Message::Start),
            (Some(open), tab) => open.view(tab, lang),
        };
        let mut page = column![self.nav()].spacing(6).padding(8);
        if let Some(status) = &self.status {
            let error = status.is_error();
            page = page.push(
                container(
                    row![
                        text(status.text.get(lang).to_string()).width(Fill),
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
        let open = self.session.is_some();
        let tab = |label: &'static str, t: Tab, enabled: bool| {
            let b = button(text(label)).style(style::tab(self.tab == t)).padding([4, 10]);
            if enabled { b.on_press(Message::Tab(t)) } else { b }
        };
        let mut nav = row![
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
        .align_y(iced::Center);
        nav = nav.push(space().width(Fill));
        if let Some(ws) = self.workspace() {
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

impl OpenSession {
    /// The screen of this session that `tab` shows.
    fn view(&self, tab: Tab, lang: Lang) -> Element<'_, Message> {
        let ws = &self.workspace;
        match tab {
            Tab::Dossiers => self.dossiers.view(ws, lang).map(Message::Dossiers),
            Tab::Attendance => self.attendance.view(ws, lang).map(Message::Attendance),
            Tab::Scoring => self.scoring.view(ws, lang).map(Message::Scoring),
            Tab::Results => self.results.view(ws, lang).map(Message::Results),
            Tab::Archive => self.archive.view(ws, lang).map(Message::Archive),
            Tab::Documents => self.documents.view(ws, lang).map(Message::Documents),
            Tab::Facts => self.facts.view(ws, lang).map(Message::Facts),
            // Shown by the app itself (they need no session).
            Tab::Start | Tab::Criteria | Tab::Register => iced::widget::space().into(),
        }
    }
}
