//! The Register screen (issue 18): the office's OCOP register — the products due for re-rating on a
//! day (and a re-rating session started from them), every product, and three charts drawn on a
//! canvas (`chart`). Needs no open session; with a locked one, it records its decision (the form
//! shared with the Archive tab), enters its products and prints its certificates. The statistics
//! export as the command line's XLSX and PDF. Reads the register only through
//! `workspace::RegisterView`.

pub mod chart;

use super::decision;
use crate::domain::Date;
use crate::domain::register::{DueState, RegisteredProduct};
use crate::lang::Say;
use crate::ui::screen::Bilingual;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::{Intact, RegisterError, RegisterView, StatsFile, Workspace};
use iced::widget::{Column, button, canvas, checkbox, column, container, row, scrollable, text};
use iced::{Element, Fill};
use std::path::PathBuf;

/// How many products the list draws at once: a province's 20,000 would make every frame slow; the
/// rest is told as a count (the command line lists them all).
pub const LIST_LIMIT: usize = 300;

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    /// Enter the open (locked, decided) session's recognised products.
    AddSession,
    /// The recognition decision form.
    Decision(decision::Message),
    /// Write the open session's certificates beside its file.
    Certificates,
    /// Where the statistics go: a folder or a file; empty: beside the register.
    ExportTo(String),
    Export(StatsFile),
    /// A written-opinion re-rating session (QĐ 26/2026) rather than a meeting.
    Written(bool),
    /// Create a re-rating session of the products due, and open it.
    Rerate,
    /// The open session's file checked (in the background) before `Then` is done with it.
    Checked(Then, Result<Intact, RegisterError>),
}

/// What a checked session file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Enter,
    Certify,
}

pub enum Action {
    None,
    Notice(Bilingual),
    Error(Bilingual),
    /// Open this session file (the re-rating session just created).
    Open(PathBuf),
    /// Work off the window's thread (the session file's check), answered by a message.
    Run(iced::Task<Message>),
}

pub struct State {
    path: PathBuf,
    day: Date,
    view: Option<Result<RegisterView, RegisterError>>,
    decision: decision::Form,
    export_to: String,
    written: bool,
    /// Where a re-rating session is created: the window's sessions folder.
    sessions: PathBuf,
}

fn no_session() -> Action {
    Action::Error(Bilingual::new("Chưa mở phiên họp nào", "No session is open"))
}

/// Checks the open session's file in the background, then does `then` with it.
fn check(workspace: Option<&mut Workspace>, then: Then) -> Action {
    let Some(ws) = workspace else { return no_session() };
    let check = ws.intact_check();
    Action::Run(iced::Task::perform(async move { check() }, move |r| Message::Checked(then, r)))
}

impl State {
    /// The screen on the register at `path`, as of `day` (read when first shown); re-rating
    /// sessions are made in the register's folder until `sessions_folder` says otherwise.
    pub fn new(path: PathBuf, day: Date) -> State {
        let sessions = path.parent().map(PathBuf::from).unwrap_or_default();
        State {
            path,
            day,
            view: None,
            decision: decision::Form::default(),
            export_to: String::new(),
            written: false,
            sessions,
        }
    }

    /// Where the re-rating sessions started here are created.
    pub fn sessions_folder(mut self, folder: PathBuf) -> State {
        self.sessions = folder;
        self
    }

    /// Reads the register (again).
    pub fn load(&mut self) {
        self.view = Some(RegisterView::load(&self.path, self.day));
    }

    /// On showing the screen: the register read the first time, the open session's decision read.
    pub fn enter(&mut self, ws: Option<&Workspace>) {
        if !self.is_loaded() {
            self.load();
        }
        if let Some(ws) = ws {
            self.decision.refresh(ws);
        }
    }

    pub fn is_loaded(&self) -> bool {
        self.view.is_some()
    }

    pub fn view_model(&self) -> Option<&RegisterView> {
        self.view.as_ref().and_then(|v| v.as_ref().ok())
    }

    /// The three charts' data in `lang`, as drawn.
    pub fn charts(&self, lang: Lang) -> Vec<chart::ChartData> {
        let Some(view) = self.view_model() else { return Vec::new() };
        vec![
            chart::by_year(&view.stats, lang),
            chart::by_group(&view.by_group, lang),
            chart::per_quarter(&view.stats, lang),
        ]
    }

    pub fn update(&mut self, message: Message, workspace: Option<&mut Workspace>) -> Action {
        match message {
            Message::Decision(m) => match self.decision.update(m, workspace) {
                None => Action::None,
                Some(Ok(notice)) => Action::Notice(notice),
                Some(Err(e)) => Action::Error(e),
            },
            Message::Certificates => check(workspace, Then::Certify),
            Message::AddSession => check(workspace, Then::Enter),
            Message::Checked(_, Err(e)) => Action::Error(Bilingual::from(&e)),
            Message::Checked(Then::Certify, Ok(intact)) => {
                let Some(ws) = workspace else { return no_session() };
                let dir = ws.path.parent().map(PathBuf::from).unwrap_or_default();
                match ws.write_certificates(&dir, &intact) {
                    Ok((path, n)) => Action::Notice(Bilingual::new(
                        format!("Đã ghi {n} giấy chứng nhận: {}", path.display()),
                        format!("{n} certificates written: {}", path.display()),
                    )),
                    Err(e) => Action::Error(Bilingual::from(&e)),
                }
            }
            Message::Refresh => {
                self.load();
                Action::None
            }
            Message::Checked(Then::Enter, Ok(intact)) => {
                let Some(ws) = workspace else { return no_session() };
                let result = ws.add_to_register(&self.path, &intact);
                self.load();
                match result {
                    Ok(c) => Action::Notice(Bilingual::new(
                        format!("Đã vào sổ: mới {}, cập nhật {}, đã có {}", c.added, c.updated, c.unchanged),
                        format!("Entered: {} new, {} updated, {} already there", c.added, c.updated, c.unchanged),
                    )),
                    Err(e) => Action::Error(Bilingual::from(&e)),
                }
            }
            Message::ExportTo(t) => {
                self.export_to = t;
                Action::None
            }
            Message::Export(kind) => self.export(kind),
            Message::Written(w) => {
                self.written = w;
                Action::None
            }
            Message::Rerate => self.rerate(workspace.map(|ws| ws.actor.clone())),
        }
    }

    fn export(&self, kind: StatsFile) -> Action {
        let Some(view) = self.view_model() else { return Action::None };
        match view.export(kind, &self.export_to) {
            Ok(path) => Action::Notice(Bilingual::new(
                format!("Đã ghi thống kê: {}", path.display()),
                format!("Statistics written: {}", path.display()),
            )),
            Err(e) => Action::Error(Bilingual::from(&e)),
        }
    }

    fn rerate(&self, actor: Option<String>) -> Action {
        let Some(view) = self.view_model() else { return Action::None };
        let actor = actor.unwrap_or_else(crate::workspace::default_actor);
        match view.start_rerate(&self.sessions, self.written, &actor) {
            Ok(path) => Action::Open(path),
            Err(e) => Action::Error(Bilingual::from(&e)),
        }
    }

    /// The decision form and, under it, the session's actions, when a locked session is open (one
    /// row would not fit an 800-point window).
    fn session_actions(&self, lang: Lang) -> Element<'_, Message> {
        let actions = row![
            style::tag(
                "register-add",
                button(text(tr(lang, "Vào sổ các sản phẩm của phiên này", "Enter this session's products")))
                    .on_press(Message::AddSession)
            ),
            button(text(tr(lang, "Giấy chứng nhận", "Certificates"))).on_press(Message::Certificates),
        ]
        .spacing(8);
        column![self.decision.view(lang).map(Message::Decision), actions].spacing(6).into()
    }

    /// The statistics' export: the target and the two buttons.
    fn export_row(&self, lang: Lang) -> Element<'_, Message> {
        row![
            button(text(tr(lang, "Đọc lại", "Reload"))).on_press(Message::Refresh),
            style::text_input(
                tr(
                    lang,
                    "Thư mục hoặc tệp để xuất (trống: cạnh tệp sổ)",
                    "Folder or file (empty: beside the register)"
                ),
                &self.export_to
            )
            .on_input(Message::ExportTo)
            .id("stats-target")
            .width(360),
            style::tag(
                "export-xlsx",
                button(text(tr(lang, "Xuất Excel (.xlsx)", "Export Excel (.xlsx)")))
                    .on_press(Message::Export(StatsFile::Xlsx))
            ),
            style::tag(
                "export-pdf",
                button(text(tr(lang, "Xuất PDF tóm tắt", "Export PDF summary")))
                    .on_press(Message::Export(StatsFile::Pdf))
            ),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    }

    /// Starting a re-rating session of the products due (not yet expired).
    fn rerate_row(&self, view: &RegisterView, lang: Lang) -> Element<'_, Message> {
        let due = view.due.iter().filter(|i| i.status != DueState::Expired).count();
        row![
            style::tag(
                "rerate",
                button(text(tr(lang, "Tạo phiên đánh giá lại", "Start a re-rating session")))
                    .on_press_maybe((due > 0).then_some(Message::Rerate))
            ),
            checkbox(self.written)
                .label(tr(lang, "bằng ý kiến bằng văn bản (QĐ 26/2026)", "by written opinion (QĐ 26/2026)"))
                .on_toggle(Message::Written)
                .text_size(13),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    }

    pub fn view<'a>(&'a self, workspace: Option<&'a Workspace>, lang: Lang) -> Element<'a, Message> {
        let view = match &self.view {
            None => return text(tr(lang, "Đang đọc sổ theo dõi…", "Reading the register…")).into(),
            Some(Err(e)) => return text(e.say(lang)).into(),
            Some(Ok(view)) => view,
        };
        let stats = &view.stats;
        let mut head = column![
            text(crate::domain::text::capitalised(&stats.say(lang))).font(UI_BOLD).size(18),
            text(format!(
                "{} {} · {} {} · {} {} · {} {} · {}",
                tr(lang, "Trong sổ", "In the register"),
                stats.total,
                tr(lang, "đến hạn", "due"),
                stats.due,
                tr(lang, "hết hiệu lực", "expired"),
                stats.expired,
                tr(lang, "thu hồi", "revoked"),
                stats.revoked,
                crate::lang::date(view.day, lang)
            ))
            .size(13),
            self.export_row(lang),
        ]
        .spacing(6);
        if workspace.is_some_and(Workspace::is_locked) {
            head = head.push(self.session_actions(lang));
        }
        let charts = if view.products.is_empty() {
            // Three empty axes would say nothing: say where the products come from instead.
            column![text(tr(
                lang,
                "Sổ chưa có sản phẩm nào: mở một phiên đã khóa rồi vào sổ các sản phẩm của phiên ở đây, hoặc nhập \
                 sổ theo dõi cũ của văn phòng (ocop-council register import).",
                "The register has no product yet: open a locked session and enter its products here, or import \
                 the office's old register (ocop-council register import)."
            ))]
        } else {
            self.charts(lang).into_iter().fold(column![].spacing(10), |c, data| {
                c.push(canvas(chart::Chart { data }).width(Fill).height(chart::HEIGHT))
            })
        };
        let body = row![
            container(scrollable(column![self.rerate_row(view, lang), due_list(view, lang)].spacing(8)).height(Fill))
                .width(Fill)
                .padding(8)
                .style(style::panel),
            container(scrollable(column![charts, products(&view.products, view.day, lang)].spacing(12)).height(Fill))
                .width(Fill)
                .padding(8)
                .style(style::panel),
        ]
        .spacing(8);
        column![head, body].spacing(8).into()
    }
}

fn due_word(state: DueState, lang: Lang) -> &'static str {
    match state {
        DueState::Open => tr(lang, "trong hạn nộp", "window open"),
        DueState::Late => tr(lang, "quá hạn nộp", "late"),
        DueState::Expired => tr(lang, "hết hiệu lực", "expired"),
    }
}

fn due_list(view: &RegisterView, lang: Lang) -> Column<'_, Message> {
    let mut list = column![text(tr(lang, "Đến hạn đánh giá lại", "Due for re-rating")).font(UI_BOLD)].spacing(3);
    if view.due.is_empty() {
        list = list.push(text(tr(lang, "Không có sản phẩm nào đến hạn.", "Nothing is due.")).size(13));
    }
    for item in view.due.iter().take(LIST_LIMIT) {
        let notice =
            if item.notice_30_days { tr(lang, " · QĐ 148: < 30 ngày", " · Decision 148: < 30 days") } else { "" };
        list = list.push(
            text(format!(
                "{} — {} · {}★ · {} ({}){notice}",
                item.product,
                item.producer,
                item.stars,
                crate::lang::date(item.valid_until, lang),
                due_word(item.status, lang)
            ))
            .size(13),
        );
    }
    if view.due.len() > LIST_LIMIT {
        list = list.push(text(format!("… +{}", view.due.len() - LIST_LIMIT)).size(13));
    }
    list
}

fn products(products: &[RegisteredProduct], day: Date, lang: Lang) -> Column<'_, Message> {
    let mut list = column![text(tr(lang, "Sản phẩm trong sổ", "Products in the register")).font(UI_BOLD)].spacing(3);
    for p in products.iter().take(LIST_LIMIT) {
        list = list.push(
            text(format!(
                "{} — {} · {}★ · {} · {} ({})",
                p.product,
                p.producer,
                p.stars,
                p.commune,
                crate::lang::date(p.valid_until, lang),
                p.status(day).say(lang)
            ))
            .size(13),
        );
    }
    if products.len() > LIST_LIMIT {
        list = list.push(text(format!("… +{}", products.len() - LIST_LIMIT)).size(13));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_register_reads_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = State::new(dir.path().join("r.ocop-register"), Date::new(2026, 7, 1).unwrap());
        assert!(!state.is_loaded());
        assert!(matches!(state.update(Message::Refresh, None), Action::None));
        let view = state.view_model().unwrap();
        assert_eq!((view.products.len(), view.due.len(), view.stats.total), (0, 0, 0));
        assert!(matches!(state.update(Message::AddSession, None), Action::Error(_)));
    }

    /// `message` (entering or certifying) as the app runs it: its check as a task, then the answer.
    fn checked(state: &mut State, message: Message, then: Then, ws: &mut Workspace) -> Action {
        assert!(matches!(state.update(message, Some(ws)), Action::Run(_)), "the check runs off the window's thread");
        let answer = ws.intact_check()();
        state.update(Message::Checked(then, answer), Some(ws))
    }

    #[test]
    fn a_locked_session_gets_its_decision_enters_the_register_and_prints_certificates() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("demo.ocop");
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let (session, criteria, ruleset) =
            crate::exchange::parse(crate::catalog::DEMO_SESSION, &catalog, None).unwrap();
        crate::store::Store::create(&file, &session, criteria, ruleset, "t").unwrap();
        let mut ws = Workspace::open(&file, "t").unwrap();
        ws.lock().unwrap();
        let mut state = State::new(dir.path().join("r.ocop-register"), Date::new(2026, 1, 10).unwrap());
        state.load();
        assert!(
            matches!(checked(&mut state, Message::AddSession, Then::Enter, &mut ws), Action::Error(_)),
            "no decision yet"
        );
        state.update(Message::Decision(decision::Message::Number("125/QĐ-UBND".into())), None);
        state.update(Message::Decision(decision::Message::Date("31/2/2023".into())), None);
        assert!(
            matches!(state.update(Message::Decision(decision::Message::Record), Some(&mut ws)), Action::Error(_)),
            "no such day"
        );
        state.update(Message::Decision(decision::Message::Date("20/6/2023".into())), None);
        assert!(matches!(state.update(Message::Decision(decision::Message::Record), Some(&mut ws)), Action::Notice(_)));
        assert!(matches!(checked(&mut state, Message::AddSession, Then::Enter, &mut ws), Action::Notice(_)));
        let view = state.view_model().unwrap();
        assert_eq!((view.products.len(), view.due.len()), (9, 9));
        assert!(matches!(checked(&mut state, Message::Certificates, Then::Certify, &mut ws), Action::Notice(_)));
        assert!(dir.path().join(crate::register::documents::CERTIFICATES_FILE).exists());
    }
}
