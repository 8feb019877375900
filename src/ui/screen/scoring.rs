//! Scoring, the heart of the meeting: pick a product and a member, then answer the criteria sheet
//! from the keyboard (a digit picks the option of the current criterion and moves on; Enter, Tab
//! and the arrow keys move) or the mouse. Every choice is saved in the session file at once.
//! Read-back check: a second person enters the same paper sheet blind; the differences are shown
//! before the sheet is submitted.

use super::Action;
use crate::domain::Fixed;
use crate::domain::criteria::{Criterion, SheetIndex};
use crate::domain::scoring::sheet_total;
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::keyboard::{self, Key, key::Named};
use iced::widget::operation::{RelativeOffset, snap_to};
use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Element, Fill};
use std::collections::BTreeMap;

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
    Comment(String),
    Submit,
    CheckMode(bool),
    /// Leave the check and put the cursor on a criterion to correct the first entry.
    Fix(usize),
}

#[derive(Default)]
pub struct State {
    pub product: Option<String>,
    pub member: Option<String>,
    pub cursor: usize,
    /// The blind second entry while a read-back check is running.
    pub check: Option<BTreeMap<String, u8>>,
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
        self.cursor = 0;
        let expected = ws.expected_members(code);
        let next = expected.iter().find(|m| !ws.sheet(code, m).is_some_and(|s| !s.draft)).or(expected.first());
        self.member = next.map(|m| m.to_string());
    }

    fn leaf_count(&self, ws: &Workspace) -> usize {
        self.index(ws).map(|i| i.leaves.len()).unwrap_or(0)
    }

    fn index<'a>(&self, ws: &'a Workspace) -> Option<SheetIndex<'a>> {
        let dossier = ws.dossier(self.product.as_deref()?)?;
        ws.criteria.sheet(dossier.sheet).map(SheetIndex::new)
    }

    /// Scrolls the sheet so that the current criterion stays in view.
    fn follow(&self, ws: &Workspace) -> Action<Message> {
        let n = self.leaf_count(ws).max(2) - 1;
        let y = self.cursor.min(n) as f32 / n as f32;
        Action::Run(snap_to(SHEET_SCROLL, RelativeOffset { x: 0.0, y }))
    }

    fn pick(&mut self, ws: &mut Workspace, leaf: usize, option: u8) -> Action<Message> {
        let (Some(product), Some(member)) = (self.product.clone(), self.member.clone()) else {
            return Action::Error("Hãy chọn sản phẩm và thành viên trước khi chấm.".into());
        };
        let Some(index) = self.index(ws) else {
            return Action::None;
        };
        let Some(l) = index.leaves.get(leaf) else {
            return Action::None;
        };
        let count = l.criterion.options.len();
        if usize::from(option) > count {
            return Action::Error(format!(
                "Tiêu chí {} chỉ có {count} phương án (0 = không đạt phương án nào).",
                l.criterion.code
            ));
        }
        let code = l.criterion.code.clone();
        if let Some(check) = &mut self.check {
            check.insert(code, option);
            return Action::None;
        }
        Action::from_result(ws.save_choice(&product, &member, &code, option))
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action<Message> {
        match message {
            Message::Product(code) => {
                self.select_product(ws, &code);
                self.follow(ws)
            }
            Message::Step(what, by) => {
                let (list, current): (Vec<String>, Option<&String>) = match what {
                    Step::Product => (
                        ws.session.dossiers.iter().filter(|d| d.eliminated.is_none()).map(|d| d.code.clone()).collect(),
                        self.product.as_ref(),
                    ),
                    Step::Member => match &self.product {
                        Some(p) => {
                            (ws.expected_members(p).iter().map(|m| m.to_string()).collect(), self.member.as_ref())
                        }
                        None => (Vec::new(), None),
                    },
                };
                let Some(next) = step(&list, current, by) else { return Action::None };
                self.update(if what == Step::Product { Message::Product(next) } else { Message::Member(next) }, ws)
            }
            Message::Member(id) => {
                self.member = Some(id);
                self.cursor = 0;
                self.check = None;
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
            Message::Comment(c) => match (&self.product, &self.member) {
                (Some(p), Some(m)) => Action::from_result(ws.set_comment(p, m, &c)),
                _ => Action::None,
            },
            Message::CheckMode(on) => {
                self.check = on.then(BTreeMap::new);
                self.cursor = 0;
                self.follow(ws)
            }
            Message::Fix(leaf) => {
                self.check = None;
                self.cursor = leaf;
                self.follow(ws)
            }
            Message::Submit => {
                let (Some(p), Some(m)) = (self.product.clone(), self.member.clone()) else {
                    return Action::None;
                };
                if let Err(e) = ws.submit_sheet(&p, &m) {
                    return Action::Error(e.to_string());
                }
                self.check = None;
                self.select_product(ws, &p);
                Action::Notice(format!("Đã nộp phiếu của {m} cho {p}."))
            }
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        row![
            container(self.pickers(ws, lang)).width(330).padding(8).style(style::panel),
            container(self.sheet_view(ws, lang)).width(Fill).padding(8).style(style::panel),
        ]
        .spacing(10)
        .into()
    }

    fn pickers<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut products = column![text(tr(lang, "Sản phẩm", "Products")).font(UI_BOLD)].spacing(3);
        for d in &ws.session.dossiers {
            let (done, expected) = ws.progress(&d.code);
            let mark = match (&d.eliminated, done >= expected && expected > 0) {
                (Some(_), _) => tr(lang, "loại", "out").to_string(),
                (None, true) => format!("✓ {done}/{expected}"),
                (None, false) => format!("{done}/{expected}"),
            };
            let selected = self.product.as_deref() == Some(&d.code);
            let b = button(
                row![
                    column![text(d.code.as_str()).size(12), text(d.product.as_str()).size(13)].width(Fill),
                    text(mark).size(13)
                ]
                .align_y(iced::Center),
            )
            .width(Fill)
            .padding([3, 6])
            .style(style::choice(selected));
            let b = if d.eliminated.is_none() { b.on_press(Message::Product(d.code.clone())) } else { b };
            products = products.push(style::tag(format!("product-{}", d.code), b));
        }
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
        let editable = !ws.is_locked();

        // Live totals of what is shown, and the star minimums this sheet does not reach.
        let probe = crate::domain::session::ScoreSheet {
            dossier: code.clone(),
            member: member_id.clone(),
            round: dossier.current_round(),
            choices: shown.clone(),
            comment: String::new(),
            draft: true,
        };
        let totals = sheet_total(&index, &probe);
        let dense = index.dense(shown);
        // Star minimums this sheet misses at or below its band: the ones that lower its rating.
        let band = ws.ruleset.band(Fixed::from_int(i64::from(totals.total), 0));
        let missed: Vec<_> = index
            .requirements
            .iter()
            .zip(&index.requirement_leaf)
            .filter(|(r, leaf)| r.level <= band && index.points_at(**leaf, dense[**leaf]) < r.points)
            .map(|(r, _)| r)
            .collect();
        let unmet: Vec<String> = missed.iter().map(|r| format!("{} ({})", r.criterion, stars(r.level))).collect();
        let cap = missed.iter().map(|r| r.level - 1).min().unwrap_or(5);
        let answered = index.leaves.iter().filter(|l| shown.contains_key(&l.criterion.code)).count();
        let mut parts = row![].spacing(16);
        for (i, p) in index.sheet.parts.iter().enumerate() {
            parts = parts.push(style::tag(
                format!("part-{}", p.code),
                text(format!("{} {}/{}", p.code, totals.parts[i], p.max)),
            ));
        }
        let summary = row![
            parts,
            style::tag(
                "sheet-total",
                text(format!("{} {}", tr(lang, "Tổng", "Total"), totals.total)).font(UI_BOLD).size(18)
            ),
            text(format!("{} {}", tr(lang, "Hạng theo điểm", "Band"), stars(band))).size(16),
            style::tag(
                "sheet-stars",
                text(format!("{} {}", tr(lang, "→ xếp", "→ rated"), stars(band.min(cap)))).font(UI_BOLD).size(16)
            ),
            text(format!("{answered}/{} {}", index.leaves.len(), tr(lang, "tiêu chí", "criteria"))),
        ]
        .spacing(18)
        .align_y(iced::Center);

        let mut head = column![
            text(format!(
                "{} · {} — {} · {} {} · {} {} · {}",
                dossier.code,
                dossier.product,
                dossier.producer,
                tr(lang, "bộ", "sheet"),
                dossier.sheet,
                tr(lang, "vòng", "round"),
                dossier.current_round(),
                member.name
            ))
            .font(UI_BOLD),
            summary,
            text(tr(
                lang,
                "Phím: số = chọn phương án · Enter, Tab, ↓ = tiếp · ↑ = lùi · PgUp/PgDn = sản phẩm · Ctrl+↑/↓ = thành viên",
                "Keys: digit = option · Enter, Tab, ↓ = next · ↑ = back · PgUp/PgDn = product · Ctrl+↑/↓ = member",
            ))
            .size(12),
        ]
        .spacing(4);
        if !unmet.is_empty() {
            head = head.push(
                text(format!(
                    "{} {}",
                    tr(lang, "Chưa đạt yêu cầu sao tối thiểu:", "Star minimums not reached:"),
                    unmet.join(", ")
                ))
                .size(13),
            );
        }
        if self.check.is_some() {
            head = head.push(
                container(text(tr(
                    lang,
                    "Kiểm tra đọc lại: người thứ hai nhập lại phiếu giấy; lần nhập đầu được ẩn cho đến khi nhập xong.",
                    "Read-back check: a second person re-enters the paper sheet; the first entry stays hidden until done.",
                )))
                .padding(6)
                .width(Fill)
                .style(|t| style::banner(t, false)),
            );
        }

        let mut tree = Column::new().spacing(6);
        let mut leaf_no = 0usize;
        for (pi, part) in index.sheet.parts.iter().enumerate() {
            tree = tree.push(
                text(format!("{}. {} — {}/{}", part.code, part.title, totals.parts[pi], part.max))
                    .font(UI_BOLD)
                    .size(16),
            );
            for c in &part.criteria {
                tree = self.criterion_view(tree, c, shown, &mut leaf_no, editable, lang);
            }
        }

        let mut actions = row![].spacing(10).align_y(iced::Center);
        let comment = saved.map(|s| s.comment.as_str()).unwrap_or("");
        let mut comment_input =
            text_input(tr(lang, "Nhận xét của thành viên", "Member's comment"), comment).id("sheet-comment");
        if editable && self.check.is_none() {
            comment_input = comment_input.on_input(Message::Comment);
        }
        actions = actions.push(comment_input.width(Fill));
        let complete = answered == index.leaves.len();
        match &self.check {
            None => {
                let check = style::tag(
                    "check-mode",
                    button(text(tr(lang, "Kiểm tra đọc lại", "Read-back check")))
                        .on_press_maybe((editable && complete && !submitted).then_some(Message::CheckMode(true))),
                );
                let submit = button(
                    text(if submitted {
                        tr(lang, "Đã nộp", "Submitted")
                    } else {
                        tr(lang, "Nộp phiếu", "Submit sheet")
                    })
                    .font(UI_BOLD),
                )
                .on_press_maybe((editable && complete && !submitted).then_some(Message::Submit));
                let submit = style::tag("submit-sheet", submit);
                actions = actions.push(check).push(submit);
            }
            Some(check) => {
                let done = index.leaves.iter().all(|l| check.contains_key(&l.criterion.code));
                let diffs: Vec<(usize, &Criterion)> = index
                    .leaves
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| check.get(&l.criterion.code) != primary.get(&l.criterion.code))
                    .map(|(i, l)| (i, l.criterion))
                    .collect();
                actions = actions
                    .push(button(text(tr(lang, "Thôi kiểm tra", "Cancel check"))).on_press(Message::CheckMode(false)));
                if done && diffs.is_empty() {
                    actions = actions.push(style::tag(
                        "submit-sheet",
                        button(text(tr(lang, "Khớp hoàn toàn — nộp phiếu", "All match — submit")).font(UI_BOLD))
                            .on_press(Message::Submit),
                    ));
                } else if done {
                    let mut list = row![text(tr(lang, "Khác nhau:", "Differ:")).font(UI_BOLD)].spacing(6);
                    for (i, c) in diffs.iter().take(8) {
                        let a = primary.get(&c.code).map(|v| v.to_string()).unwrap_or("–".into());
                        let b = check.get(&c.code).map(|v| v.to_string()).unwrap_or("–".into());
                        list = list.push(
                            button(text(format!("{} ({a}≠{b})", c.code)).size(13))
                                .style(button::danger)
                                .on_press(Message::Fix(*i)),
                        );
                    }
                    actions = actions.push(list);
                }
            }
        }

        column![head, scrollable(tree.padding([0, 14])).id(SHEET_SCROLL).height(Fill), actions].spacing(8).into()
    }

    /// A criterion: a group header and its children, or a leaf with its options.
    fn criterion_view<'a>(
        &self,
        mut tree: Column<'a, Message>,
        c: &'a Criterion,
        shown: &BTreeMap<String, u8>,
        leaf_no: &mut usize,
        editable: bool,
        lang: Lang,
    ) -> Column<'a, Message> {
        if !c.children.is_empty() {
            tree = tree.push(text(format!("{} {} ({})", c.code, c.title, c.max)).font(UI_BOLD));
            for ch in &c.children {
                tree = self.criterion_view(tree, ch, shown, leaf_no, editable, lang);
            }
            return tree;
        }
        let leaf = *leaf_no;
        *leaf_no += 1;
        let chosen = shown.get(&c.code).copied();
        let mut options = column![].spacing(2);
        for (i, o) in c.options.iter().enumerate() {
            let n = i as u8 + 1;
            let marker = o
                .min_star
                .map(|s| format!("  [{} {}]", tr(lang, "tối thiểu", "minimum"), stars(s)))
                .unwrap_or_default();
            let label = row![
                text(format!("{n}")).font(UI_BOLD).width(18),
                text(format!("{}{marker}", o.label)).width(Fill).size(14),
                text(format!("{} {}", o.points, tr(lang, "đ", "pt"))).width(40),
            ]
            .spacing(6);
            let b = button(label).width(Fill).padding([2, 6]).style(style::choice(chosen == Some(n)));
            let b = if editable { b.on_press(Message::Pick { leaf, option: n }) } else { b };
            options = options.push(style::tag(format!("opt-{}-{n}", c.code), b));
        }
        let none = button(
            text(format!("0  {}", tr(lang, "Không đạt phương án nào (0 điểm)", "None of the options (0 points)")))
                .size(13),
        )
        .padding([2, 6])
        .style(style::choice(chosen == Some(0)));
        let none = if editable { none.on_press(Message::Pick { leaf, option: 0 }) } else { none };
        options = options.push(style::tag(format!("opt-{}-0", c.code), none));
        let body = column![text(format!("{} {} ({} {})", c.code, c.title, tr(lang, "tối đa", "max"), c.max)), options]
            .spacing(3);
        let current = self.cursor == leaf;
        tree.push(
            container(body)
                .padding(6)
                .width(Fill)
                .style(move |t| if current { style::current(t) } else { container::Style::default() }),
        )
    }
}
