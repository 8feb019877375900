//! The Register screen (issue 18): the office's OCOP register — the products due for re-rating on a
//! day, every product, and simple charts (valid products by stars per year, certificates expiring
//! per quarter) drawn as bars. Needs no open session; with a locked one, it enters its products.
//! Reads the register only through `workspace::RegisterView`.

use crate::domain::Date;
use crate::domain::register::{DueState, RegisteredProduct};
use crate::ui::screen::Bilingual;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::{RegisterView, Workspace};
use iced::widget::{Column, button, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Length};
use std::path::PathBuf;

/// How many products the list draws at once: a province's 20,000 would make every frame slow; the
/// rest is told as a count (the command line lists them all).
pub const LIST_LIMIT: usize = 300;

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    /// Enter the open (locked, decided) session's recognised products.
    AddSession,
    DecisionNumber(String),
    DecisionDate(String),
    /// Record the recognition decision of the open, locked session.
    RecordDecision,
    /// Write the open session's certificates beside its file.
    Certificates,
}

pub enum Action {
    None,
    Notice(Bilingual),
    Error(Bilingual),
}

pub struct State {
    path: PathBuf,
    day: Date,
    view: Option<Result<RegisterView, String>>,
    /// The decision form: its number and date (YYYY-MM-DD or 20/6/2023) as typed.
    number: String,
    date: String,
}

impl State {
    /// The screen on the register at `path`, as of `day` (read when first shown).
    pub fn new(path: PathBuf, day: Date) -> State {
        State { path, day, view: None, number: String::new(), date: String::new() }
    }

    /// Reads the register (again).
    pub fn load(&mut self) {
        self.view = Some(RegisterView::load(&self.path, self.day).map_err(|e| e.to_string()));
    }

    pub fn is_loaded(&self) -> bool {
        self.view.is_some()
    }

    pub fn view_model(&self) -> Option<&RegisterView> {
        self.view.as_ref().and_then(|v| v.as_ref().ok())
    }

    pub fn update(&mut self, message: Message, workspace: Option<&mut Workspace>) -> Action {
        match message {
            Message::DecisionNumber(n) => {
                self.number = n;
                Action::None
            }
            Message::DecisionDate(d) => {
                self.date = d;
                Action::None
            }
            Message::RecordDecision => match workspace {
                Some(ws) => self.record_decision(ws),
                None => Action::Error(Bilingual::new("Chưa mở phiên họp nào", "No session is open")),
            },
            Message::Certificates => {
                let Some(ws) = workspace else {
                    return Action::Error(Bilingual::new("Chưa mở phiên họp nào", "No session is open"));
                };
                let dir = ws.path.parent().map(PathBuf::from).unwrap_or_default();
                match ws.write_certificates(&dir) {
                    Ok((path, n)) => Action::Notice(Bilingual::new(
                        format!("Đã ghi {n} giấy chứng nhận: {}", path.display()),
                        format!("{n} certificates written: {}", path.display()),
                    )),
                    Err(e) => Action::Error(Bilingual::untranslated(e.to_string())),
                }
            }
            Message::Refresh => {
                self.load();
                Action::None
            }
            Message::AddSession => {
                let Some(ws) = workspace else {
                    return Action::Error(Bilingual::new("Chưa mở phiên họp nào", "No session is open"));
                };
                let result = ws.add_to_register(&self.path);
                self.load();
                match result {
                    Ok(c) => Action::Notice(Bilingual::new(
                        format!("Đã vào sổ: mới {}, cập nhật {}, đã có {}", c.added, c.updated, c.unchanged),
                        format!("Entered: {} new, {} updated, {} already there", c.added, c.updated, c.unchanged),
                    )),
                    Err(e) => Action::Error(Bilingual::untranslated(e.to_string())),
                }
            }
        }
    }

    fn record_decision(&mut self, ws: &mut Workspace) -> Action {
        let number = self.number.trim().to_string();
        let date = crate::domain::register::parse::date(&self.date).ok();
        let (false, Some(date)) = (number.is_empty(), date) else {
            return Action::Error(Bilingual::new(
                "Quyết định công nhận cần số và ngày (20/6/2023 hoặc 2023-06-20)",
                "The recognition decision needs its number and date (20/6/2023 or 2023-06-20)",
            ));
        };
        match ws.record_decision(&crate::workspace::RecognitionDecision { number, date }) {
            Ok(()) => Action::Notice(Bilingual::new("Đã ghi quyết định công nhận", "Recognition decision recorded")),
            Err(e) => Action::Error(Bilingual::from(&e)),
        }
    }

    /// The decision form and the session's actions, when a locked session is open.
    fn session_actions<'a>(&'a self, lang: Lang) -> Element<'a, Message> {
        row![
            text(tr(lang, "Quyết định công nhận số", "Recognition decision no.")).size(13),
            style::text_input("125/QĐ-UBND", &self.number).on_input(Message::DecisionNumber).width(160),
            text(tr(lang, "ngày", "date")).size(13),
            style::text_input("20/6/2023", &self.date).on_input(Message::DecisionDate).width(110),
            button(text(tr(lang, "Ghi quyết định", "Record"))).on_press(Message::RecordDecision),
            button(text(tr(lang, "Vào sổ các sản phẩm của phiên này", "Enter this session's products")))
                .on_press(Message::AddSession),
            button(text(tr(lang, "Giấy chứng nhận", "Certificates"))).on_press(Message::Certificates),
        ]
        .spacing(6)
        .align_y(iced::Center)
        .into()
    }

    pub fn view<'a>(&'a self, workspace: Option<&'a Workspace>, lang: Lang) -> Element<'a, Message> {
        let view = match &self.view {
            None => return text(tr(lang, "Đang đọc sổ theo dõi…", "Reading the register…")).into(),
            Some(Err(e)) => return text(e.clone()).into(),
            Some(Ok(view)) => view,
        };
        let mut actions = row![button(text(tr(lang, "Đọc lại", "Reload"))).on_press(Message::Refresh)].spacing(8);
        if workspace.is_some_and(Workspace::is_locked) {
            actions = actions.push(self.session_actions(lang));
        }
        let stats = &view.stats;
        let head = column![
            text(crate::report::register::summary_sentence(stats)).font(UI_BOLD).size(18),
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
                crate::lang::vi::date(view.day)
            ))
            .size(13),
            actions,
        ]
        .spacing(6);
        let body = row![
            container(scrollable(due_list(view, lang)).height(Fill)).width(Fill).padding(8).style(style::panel),
            container(
                scrollable(column![charts(view, lang), products(&view.products, view.day, lang)].spacing(12))
                    .height(Fill)
            )
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
        let notice = if item.notice_30_days { " · QĐ 148: < 30 ngày" } else { "" };
        list = list.push(
            text(format!(
                "{} — {} · {}★ · {} ({}){notice}",
                item.product,
                item.producer,
                item.stars,
                crate::lang::vi::date(item.valid_until),
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
                crate::lang::vi::date(p.valid_until),
                p.status(day).as_str()
            ))
            .size(13),
        );
    }
    if products.len() > LIST_LIMIT {
        list = list.push(text(format!("… +{}", products.len() - LIST_LIMIT)).size(13));
    }
    list
}

/// One horizontal bar, `value` of `max` across `width` points.
fn bar<'a>(label: String, value: usize, max: usize, width: f32) -> Element<'a, Message> {
    let length = if max == 0 { 0.0 } else { width * value as f32 / max as f32 };
    row![
        text(label).size(12).width(90),
        container(space()).width(Length::Fixed(length.max(1.0))).height(12).style(style::current),
        text(value.to_string()).size(12),
    ]
    .spacing(6)
    .align_y(iced::Center)
    .into()
}

/// Valid products by stars per year of decision, and certificates expiring per quarter.
fn charts(view: &RegisterView, lang: Lang) -> Column<'_, Message> {
    let stats = &view.stats;
    let mut chart =
        column![text(tr(lang, "Còn hiệu lực theo năm công nhận", "Valid, by year of decision")).font(UI_BOLD)]
            .spacing(3);
    let max = stats.groups.iter().map(|g| g.valid).max().unwrap_or(0);
    for g in &stats.groups {
        let stars: Vec<String> = g.valid_by_stars.iter().map(|(s, n)| format!("{s}★{n}")).collect();
        chart = chart.push(bar(format!("{} ({})", g.key, stars.join(" ")), g.valid, max, 220.0));
    }
    chart = chart.push(text(tr(lang, "Hết hiệu lực theo quý", "Expiring per quarter")).font(UI_BOLD));
    let max = stats.expiring_per_quarter.iter().map(|q| q.expiring).max().unwrap_or(0);
    for q in &stats.expiring_per_quarter {
        chart = chart.push(bar(q.quarter.clone(), q.expiring, max, 220.0));
    }
    chart
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
        assert!(matches!(state.update(Message::AddSession, Some(&mut ws)), Action::Error(_)), "no decision yet");
        state.update(Message::DecisionNumber("125/QĐ-UBND".into()), None);
        state.update(Message::DecisionDate("31/2/2023".into()), None);
        assert!(matches!(state.update(Message::RecordDecision, Some(&mut ws)), Action::Error(_)), "no such day");
        state.update(Message::DecisionDate("20/6/2023".into()), None);
        assert!(matches!(state.update(Message::RecordDecision, Some(&mut ws)), Action::Notice(_)));
        assert!(matches!(state.update(Message::AddSession, Some(&mut ws)), Action::Notice(_)));
        let view = state.view_model().unwrap();
        assert_eq!((view.products.len(), view.due.len()), (9, 9));
        assert!(matches!(state.update(Message::Certificates, Some(&mut ws)), Action::Notice(_)));
        assert!(dir.path().join(crate::register::documents::CERTIFICATES_FILE).exists());
    }
}
