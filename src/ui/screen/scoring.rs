//! Scoring, the heart of the meeting: pick a product and a member, then answer the criteria sheet
//! from the keyboard (a digit picks the option of the current criterion and moves on; Enter, Tab
//! and the arrow keys move) or the mouse. Every choice is saved in the session file at once.
//! Read-back check: a second person enters the same paper sheet blind; the differences are shown
//! before the sheet is submitted.

use super::Bilingual;
use crate::domain::criteria::SheetIndex;
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::keyboard::{self, Key, key::Named};
use iced::widget::operation::{RelativeOffset, snap_to};
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

mod sheet;
mod submit_key;
use sheet::{Entry, summary_row};

pub const SHEET_SCROLL: &str = "scoring-sheet";

/// What PageUp/PageDown and Ctrl+↑/↓ step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Product,
    Member,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The next (+1) or previous (−1) product still open, or member who scores it.
    Step(Step, i32),
    Product(String),
    Member(String),
    /// Option `option` (1-based, 0 = none) on leaf number `leaf` of the sheet.
    Pick {
        leaf: usize,
        option: u8,
    },
    /// A digit typed: the option for the current leaf.
    Digit(u8),
    Next,
    Previous,
    /// The comment field changed: kept on screen, saved after a pause or on leaving the sheet.
    Comment(String),
    /// The pause timer fired: save the comment if nothing was typed since.
    CommentPause,
    Submit,
    CheckMode(bool),
    /// Leave the check and put the cursor on a criterion to correct the first entry.
    Fix(usize),
    /// Ask for the reason to reopen the submitted sheet on screen (`None` = cancel).
    AskReopen(Option<String>),
    /// Reopen it with the reason typed.
    Reopen,
    /// The product and member lists were scrolled: how far, and how tall their window is.
    ListScrolled(f32, f32),
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Run(iced::Task<Message>),
    Error(Bilingual),
    Notice(Bilingual),
}

impl Action {
    fn from_result<T>(result: crate::workspace::Result<T>) -> Action {
        match result {
            Ok(_) => Action::None,
            Err(e) => Action::Error((&e).into()),
        }
    }
}

#[derive(Default)]
pub struct State {
    product: Option<String>,
    member: Option<String>,
    /// The leaf of the sheet a digit answers.
    cursor: usize,
    /// The blind second entry while a read-back check is running.
    check: Option<BTreeMap<String, u8>>,
    /// A comment typed but not yet saved (one audit row per edit, not per keystroke).
    typing: Option<Typing>,
    /// Whether a pause timer is running (at most one at a time).
    timer: bool,
    /// The reason being typed to reopen the submitted sheet on screen.
    reopening: Option<String>,
    /// Where the product list is scrolled to and how tall its window is: at province scale only
    /// the products in sight are built (issue 15.10).
    list_scrolled: (f32, f32),
}

/// Each product of the list is this tall (its code and name on one line each).
const PRODUCT_ROW: f32 = 44.0;

/// How long the comment field must rest before what was typed is saved.
pub const COMMENT_PAUSE: Duration = Duration::from_millis(1000);

/// The comment being typed on one member's sheet.
struct Typing {
    product: String,
    member: String,
    text: String,
    last_key: Instant,
}

/// A task that says `CommentPause` after `wait`. The executor here is a thread pool without a
/// timer, so a short-lived thread sleeps instead of a pool thread.
fn pause_task(wait: Duration) -> iced::Task<Message> {
    let (done, fired) = iced::futures::channel::oneshot::channel::<()>();
    std::thread::spawn(move || {
        std::thread::sleep(wait);
        let _ = done.send(());
    });
    iced::Task::perform(fired, |_| Message::CommentPause)
}

/// Keyboard events (those no widget took) that mean something on this screen.
pub fn key_message(event: &keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    match key.as_ref() {
        Key::Character(c) if !modifiers.command() => c.parse::<u8>().ok().filter(|d| *d <= 9).map(Message::Digit),
        Key::Named(Named::PageDown) => Some(Message::Step(Step::Product, 1)),
        Key::Named(Named::PageUp) => Some(Message::Step(Step::Product, -1)),
        Key::Named(Named::ArrowDown) if modifiers.command() => Some(Message::Step(Step::Member, 1)),
        Key::Named(Named::ArrowUp) if modifiers.command() => Some(Message::Step(Step::Member, -1)),
        // Ctrl+Enter submits the sheet (issue 15.5; guarded in `submit` as the button is).
        Key::Named(Named::Enter) if modifiers.command() => Some(Message::Submit),
        Key::Named(Named::Enter | Named::ArrowDown) => Some(Message::Next),
        Key::Named(Named::Tab) if modifiers.shift() => Some(Message::Previous),
        Key::Named(Named::Tab) => Some(Message::Next),
        Key::Named(Named::ArrowUp) => Some(Message::Previous),
        _ => None,
    }
}

/// The item `by` places after `current` in `list`, wrapping around; the first if none is current.
fn step(list: &[String], current: Option<&String>, by: i32) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let n = list.len() as i32;
    let at = current.and_then(|c| list.iter().position(|x| x == c)).map(|i| (i as i32 + by).rem_euclid(n)).unwrap_or(0);
    list.get(at as usize).cloned()
}

impl State {
    /// The product being scored.
    pub fn product(&self) -> Option<&str> {
        self.product.as_deref()
    }

    /// The member whose sheet is being entered.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The leaf (0-based, in sheet order) a digit answers.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether a read-back check is running.
    pub fn checking(&self) -> bool {
        self.check.is_some()
    }

    /// The first product still being scored (or the first), and its first member without a sheet.
    pub fn select_first(&mut self, ws: &Workspace) {
        let open = ws.session.dossiers.iter().filter(|d| d.eliminated.is_none());
        let pending = open.clone().find(|d| {
            let (done, expected) = ws.progress(&d.code);
            done < expected
        });
        if let Some(d) = pending.or_else(|| open.clone().next()) {
            let code = d.code.clone();
            self.select_product(ws, &code);
        }
    }

    pub fn select_product(&mut self, ws: &Workspace, code: &str) {
        self.product = Some(code.to_string());
        self.check = None;
        self.reopening = None;
        self.cursor = 0;
        let expected = ws.expected_members(code);
        let next = expected.iter().find(|m| !ws.sheet(code, m).is_some_and(|s| !s.draft)).or(expected.first());
        self.member = next.map(|m| m.to_string());
    }

    /// Which products of the list are in sight (with a few spare): `first..end` of `count`.
    fn products_in_sight(&self, count: usize) -> (usize, usize) {
        let (y, height) = self.list_scrolled;
        let height = if height > 0.0 { height } else { 1200.0 };
        let first = ((y / PRODUCT_ROW).floor().max(0.0) as usize).saturating_sub(4);
        let shown = (height / PRODUCT_ROW).ceil() as usize + 8;
        (first.min(count), (first + shown).min(count))
    }

    fn leaf_count(&self, ws: &Workspace) -> usize {
        self.index(ws).map(|i| i.leaves.len()).unwrap_or(0)
    }

    fn index<'a>(&self, ws: &'a Workspace) -> Option<SheetIndex<'a>> {
        let dossier = ws.dossier(self.product.as_deref()?)?;
        ws.criteria.sheet(dossier.sheet).map(SheetIndex::new)
    }

    /// Scrolls the sheet so that the current criterion stays in view.
    fn follow(&self, ws: &Workspace) -> Action {
        let n = self.leaf_count(ws).max(2) - 1;
        let y = self.cursor.min(n) as f32 / n as f32;
        Action::Run(snap_to(SHEET_SCROLL, RelativeOffset { x: 0.0, y }))
    }

    fn pick(&mut self, ws: &mut Workspace, leaf: usize, option: u8) -> Action {
        let (Some(product), Some(member)) = (self.product.clone(), self.member.clone()) else {
            return Action::Error(Bilingual::new(
                "Hãy chọn sản phẩm và thành viên trước khi chấm.",
                "Choose a product and a member before scoring.",
            ));
        };
        let Some(index) = self.index(ws) else {
            return Action::None;
        };
        let Some(l) = index.leaves.get(leaf) else {
            return Action::None;
        };
        let count = l.criterion.options.len();
        if usize::from(option) > count {
            let code = &l.criterion.code;
            return Action::Error(Bilingual::new(
                format!("Tiêu chí {code} chỉ có {count} phương án (0 = không đạt phương án nào)."),
                format!("Criterion {code} has {count} options only (0 = none of them)."),
            ));
        }
        let code = l.criterion.code.clone();
        if let Some(check) = &mut self.check {
            check.insert(code, option);
            return Action::None;
        }
        Action::from_result(ws.save_choice(&product, &member, &code, option))
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Product(code) => {
                if let Err(e) = self.flush_comment(ws) {
                    return Action::Error((&e).into());
                }
                self.select_product(ws, &code);
                self.follow(ws)
            }
            Message::Step(what, by) => self.step(what, by, ws),
            Message::Member(id) => {
                if let Err(e) = self.flush_comment(ws) {
                    return Action::Error((&e).into());
                }
                self.member = Some(id);
                self.cursor = 0;
                self.check = None;
                self.reopening = None;
                self.follow(ws)
            }
            Message::Pick { leaf, option } => {
                self.cursor = leaf;
                self.pick(ws, leaf, option)
            }
            Message::Digit(d) => {
                let action = self.pick(ws, self.cursor, d);
                if !matches!(action, Action::None) {
                    return action;
                }
                self.cursor = (self.cursor + 1).min(self.leaf_count(ws).saturating_sub(1));
                self.follow(ws)
            }
            Message::Next => {
                self.cursor = (self.cursor + 1).min(self.leaf_count(ws).saturating_sub(1));
                self.follow(ws)
            }
            Message::Previous => {
                self.cursor = self.cursor.saturating_sub(1);
                self.follow(ws)
            }
            Message::Comment(c) => self.typed(c),
            Message::CommentPause => self.comment_pause(ws),
            Message::CheckMode(on) => {
                if let Err(e) = self.flush_comment(ws) {
                    return Action::Error((&e).into());
                }
                self.check = on.then(BTreeMap::new);
                self.cursor = 0;
                self.follow(ws)
            }
            Message::Fix(leaf) => {
                self.check = None;
                self.cursor = leaf;
                self.follow(ws)
            }
            Message::Submit => self.submit(ws),
            Message::AskReopen(reason) => {
                self.reopening = reason;
                Action::None
            }
            Message::Reopen => self.reopen(ws),
            Message::ListScrolled(y, height) => {
                self.list_scrolled = (y, height);
                Action::None
            }
        }
    }

    /// PgUp/PgDn (the product) or Ctrl+↑/↓ (the member): the next or previous one in the list.
    fn step(&mut self, what: Step, by: i32, ws: &mut Workspace) -> Action {
        let (list, current): (Vec<String>, Option<&String>) = match what {
            Step::Product => (
                ws.session.dossiers.iter().filter(|d| d.eliminated.is_none()).map(|d| d.code.clone()).collect(),
                self.product.as_ref(),
            ),
            Step::Member => match &self.product {
                Some(p) => (ws.expected_members(p).iter().map(|m| m.to_string()).collect(), self.member.as_ref()),
                None => (Vec::new(), None),
            },
        };
        let Some(next) = step(&list, current, by) else { return Action::None };
        self.update(if what == Step::Product { Message::Product(next) } else { Message::Member(next) }, ws)
    }

    /// The comment's pause timer rang: saved if typing has rested long enough, else wait the rest.
    fn comment_pause(&mut self, ws: &mut Workspace) -> Action {
        self.timer = false;
        let rested = self.typing.as_ref().map(|t| t.last_key.elapsed());
        match rested {
            None => Action::None,
            Some(rested) if rested >= COMMENT_PAUSE => Action::from_result(self.flush_comment(ws)),
            Some(rested) => {
                self.timer = true;
                Action::Run(pause_task(COMMENT_PAUSE - rested))
            }
        }
    }

    /// Reopens the submitted sheet on screen with the reason typed: it stops counting and takes
    /// the correction until submitted again.
    fn reopen(&mut self, ws: &mut Workspace) -> Action {
        let (Some(p), Some(m)) = (self.product.clone(), self.member.clone()) else {
            return Action::None;
        };
        let reason = self.reopening.clone().unwrap_or_default();
        if let Err(e) = ws.reopen_sheet(&p, &m, &reason) {
            return Action::Error((&e).into());
        }
        self.reopening = None;
        self.cursor = 0;
        Action::Notice(Bilingual::new(
            format!("Đã mở lại phiếu của {m} cho {p} để sửa; sửa xong hãy nộp lại."),
            format!("{m}'s sheet for {p} is reopened; submit it again once corrected."),
        ))
    }

    /// The reason being typed to reopen the sheet on screen, if asked.
    pub fn reopening(&self) -> Option<&str> {
        self.reopening.as_deref()
    }

    /// A keystroke in the comment field: kept in memory; a pause timer is started if none runs.
    fn typed(&mut self, text: String) -> Action {
        let (Some(product), Some(member)) = (self.product.clone(), self.member.clone()) else {
            return Action::None;
        };
        self.typing = Some(Typing { product, member, text, last_key: Instant::now() });
        if self.timer {
            return Action::None;
        }
        self.timer = true;
        Action::Run(pause_task(COMMENT_PAUSE))
    }

    /// Saves the comment typed and not yet saved (one audit row), if any. The app calls this when
    /// the screen is left; the screen itself on a pause, a submission, another product or member.
    pub fn flush_comment(&mut self, ws: &mut Workspace) -> crate::workspace::Result<()> {
        let Some(t) = self.typing.take() else { return Ok(()) };
        let saved = ws.sheet(&t.product, &t.member).map(|s| s.comment.as_str()).unwrap_or("");
        if saved == crate::domain::text::nfc(&t.text) {
            return Ok(());
        }
        ws.set_comment(&t.product, &t.member, &t.text)
    }

    /// The comment shown for the sheet on screen: what is being typed, else what is saved.
    fn comment_shown<'a>(&'a self, saved: Option<&'a crate::domain::session::ScoreSheet>) -> &'a str {
        match &self.typing {
            Some(t) if Some(&t.product) == self.product.as_ref() && Some(&t.member) == self.member.as_ref() => {
                t.text.as_str()
            }
            _ => saved.map(|s| s.comment.as_str()).unwrap_or(""),
        }
    }

    /// Submits the sheet on screen, then moves on to the product's next member still to score. A
    /// submission from a read-back check whose entries all agree also records the check.
    fn submit(&mut self, ws: &mut Workspace) -> Action {
        let (Some(p), Some(m)) = (self.product.clone(), self.member.clone()) else {
            return Action::None;
        };
        if !self.may_submit(ws, &p, &m) {
            return Action::None;
        }
        if let Err(e) = self.flush_comment(ws) {
            return Action::Error((&e).into());
        }
        let submitted = ws.sheet(&p, &m).is_some_and(|s| !s.draft);
        if !submitted && let Err(e) = ws.submit_sheet(&p, &m) {
            return Action::Error((&e).into());
        }
        if self.check.is_some()
            && let Err(e) = ws.check_sheet(&p, &m)
        {
            return Action::Error((&e).into());
        }
        self.check = None;
        self.select_after_submit(ws, &p);
        Action::Notice(Bilingual::new(
            format!("Đã nộp phiếu của {m} cho {p}."),
            format!("{m}'s sheet for {p} is submitted."),
        ))
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        // The lists give way to the sheet in a narrow window (a quarter of it, at most 330 px).
        row![
            container(self.pickers(ws, lang))
                .width(iced::Length::FillPortion(1))
                .max_width(330)
                .padding(8)
                .style(style::panel),
            container(self.sheet_view(ws, lang)).width(iced::Length::FillPortion(3)).padding(8).style(style::panel),
        ]
        .spacing(10)
        .into()
    }

    fn pickers<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut products = column![text(tr(lang, "Sản phẩm", "Products")).font(UI_BOLD)];
        let (first, end) = self.products_in_sight(ws.session.dossiers.len());
        products = products.push(iced::widget::space().height(PRODUCT_ROW * first as f32));
        for d in ws.session.dossiers.iter().take(end).skip(first) {
            let (done, expected) = ws.progress(&d.code);
            let mark = match (&d.eliminated, done >= expected && expected > 0) {
                (Some(_), _) => tr(lang, "loại", "out").to_string(),
                (None, true) => format!("✓ {done}/{expected}"),
                (None, false) => format!("{done}/{expected}"),
            };
            let selected = self.product.as_deref() == Some(&d.code);
            let one_line = |t: &'a str, size: u32| text(t).size(size).wrapping(iced::widget::text::Wrapping::None);
            let b = button(
                row![
                    column![one_line(&d.code, 12), one_line(&d.product, 13)].width(Fill).clip(true),
                    text(mark).size(13)
                ]
                .align_y(iced::Center),
            )
            .width(Fill)
            .height(PRODUCT_ROW - 3.0)
            .padding([3, 6])
            .style(style::choice(selected));
            let b = if d.eliminated.is_none() { b.on_press(Message::Product(d.code.clone())) } else { b };
            products = products
                .push(container(style::tag(format!("product-{}", d.code), b)).height(PRODUCT_ROW).padding([1.5, 0.0]));
        }
        let below = ws.session.dossiers.len() - end;
        products = products.push(iced::widget::space().height(PRODUCT_ROW * below as f32));
        let mut members = column![text(tr(lang, "Thành viên chấm", "Scoring member")).font(UI_BOLD)].spacing(3);
        if let Some(code) = &self.product {
            let dossier = ws.dossier(code);
            let leaves = self.leaf_count(ws);
            for m in &ws.session.members {
                let recused = dossier.is_some_and(|d| d.recused.contains(&m.id));
                let sheet = ws.sheet(code, &m.id);
                let status = match (m.present, m.scores, recused, sheet) {
                    (false, _, _, _) => tr(lang, "vắng", "absent").to_string(),
                    (_, false, _, _) => tr(lang, "không chấm", "does not score").to_string(),
                    (_, _, true, _) => tr(lang, "rút", "recused").to_string(),
                    (_, _, _, Some(s)) if !s.draft => tr(lang, "✓ đã nộp", "✓ submitted").to_string(),
                    (_, _, _, Some(s)) => format!("{}/{leaves}", s.choices.len()),
                    _ => tr(lang, "chưa chấm", "not started").to_string(),
                };
                let active = dossier.map_or(m.can_score(), |d| d.expects_sheet_from(m));
                let selected = self.member.as_deref() == Some(&m.id);
                let b = button(row![text(format!("{} {}", m.id, m.name)).size(13).width(Fill), text(status).size(12)])
                    .width(Fill)
                    .padding([3, 6])
                    .style(style::choice(selected));
                let b = if active { b.on_press(Message::Member(m.id.clone())) } else { b };
                members = members.push(style::tag(format!("member-{}", m.id), b));
            }
        }
        scrollable(column![products, members].spacing(14).padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO }))
            .on_scroll(|v| Message::ListScrolled(v.absolute_offset().y, v.bounds().height))
            .height(Fill)
            .into()
    }

    fn sheet_view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let (Some(code), Some(member_id)) = (&self.product, &self.member) else {
            return text(tr(
                lang,
                "Chọn một sản phẩm và một thành viên để chấm.",
                "Choose a product and a member to score.",
            ))
            .into();
        };
        let (Some(dossier), Some(member), Some(index)) =
            (ws.dossier(code), ws.session.member(member_id), self.index(ws))
        else {
            return text("?").into();
        };
        let saved = ws.sheet(code, member_id);
        let empty = BTreeMap::new();
        let primary = saved.map(|s| &s.choices).unwrap_or(&empty);
        let shown = self.check.as_ref().unwrap_or(primary);
        let submitted = saved.is_some_and(|s| !s.draft);
        // A submitted sheet takes no changes until it is reopened with a reason (the store says so too).
        let open = !ws.is_locked();
        let editable = open && (!submitted || self.check.is_some());

        // Live totals of what is shown, and the star minimums that lower its rating.
        let live = crate::domain::preview::preview(&index, shown, &ws.ruleset);
        let unmet: Vec<String> =
            live.lowering.iter().map(|r| format!("{} ({})", r.criterion, stars(r.level))).collect();
        let summary = summary_row(&index, &live, lang);
        let head = self.head(dossier, member, summary, &unmet, lang);
        let tree = self.tree(&index, &live.totals, shown, editable, lang);
        let checked = saved.is_some_and(|s| s.checked);
        let complete = live.answered == index.leaves.len();
        let entry = Entry { complete, submitted, editable: open && !submitted, open, checked };
        let actions = self.actions(&index, self.comment_shown(saved), primary, entry, lang);
        column![head, scrollable(tree.padding([0, 14])).id(SHEET_SCROLL).height(Fill), actions].spacing(8).into()
    }
}
