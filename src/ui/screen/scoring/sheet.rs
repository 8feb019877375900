//! The parts of the scoring sheet's view: its head, the criteria tree, and the actions below it.

use super::{Message, State};
use crate::domain::criteria::{Criterion, SheetIndex};
use crate::domain::preview::SheetPreview;
use crate::domain::scoring::SheetTotal;
use crate::domain::session::{Dossier, Member};
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use iced::widget::{Column, button, column, container, row, text};
use iced::{Element, Fill};
use std::collections::BTreeMap;

impl State {
    /// Which product, whose sheet, the live totals, the keys, and what the sheet misses.
    pub(super) fn head<'a>(
        &self,
        dossier: &'a Dossier,
        member: &'a Member,
        summary: Element<'a, Message>,
        unmet: &[String],
        lang: Lang,
    ) -> Element<'a, Message> {
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
        head.into()
    }

    /// The sheet's parts and criteria, each leaf with its options.
    pub(super) fn tree<'a>(
        &self,
        index: &SheetIndex<'a>,
        totals: &SheetTotal,
        shown: &BTreeMap<String, u8>,
        editable: bool,
        lang: Lang,
    ) -> Column<'a, Message> {
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
        tree
    }

    /// The comment, then submitting (after an optional read-back check) or the check's outcome.
    pub(super) fn actions<'a>(
        &self,
        index: &SheetIndex<'a>,
        comment: &'a str,
        primary: &BTreeMap<String, u8>,
        entry: Entry,
        lang: Lang,
    ) -> Element<'a, Message> {
        // The buttons wrap under each other in a narrow window rather than squeezing the comment.
        let mut actions = row![].spacing(10).align_y(iced::Center);
        let mut comment_input =
            style::text_input(tr(lang, "Nhận xét của thành viên", "Member's comment"), comment).id("sheet-comment");
        if entry.editable && self.check.is_none() {
            comment_input = comment_input.on_input(Message::Comment);
        }
        let comment_input = comment_input.width(Fill);
        let (complete, submitted, editable) = (entry.complete, entry.submitted, entry.editable);
        // A submitted sheet can still be read back by a second person, once.
        let can_check = entry.open && complete && !entry.checked;
        match &self.check {
            None => {
                let check = style::tag(
                    "check-mode",
                    button(text(tr(lang, "Kiểm tra đọc lại", "Read-back check")))
                        .on_press_maybe(can_check.then_some(Message::CheckMode(true))),
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
                if entry.open && submitted {
                    actions = actions.push(self.reopen_view(lang));
                }
            }
            Some(check) => actions = actions.push(check_outcome(index, primary, check, lang)),
        }
        column![comment_input, actions.wrap().vertical_spacing(6)].spacing(6).into()
    }

    /// On a submitted sheet: a button to reopen it, or the reason being typed for it.
    fn reopen_view<'a>(&self, lang: Lang) -> Element<'a, Message> {
        match self.reopening() {
            None => style::tag(
                "reopen-sheet",
                button(text(tr(lang, "Mở lại để sửa…", "Reopen to correct…")))
                    .style(button::secondary)
                    .on_press(Message::AskReopen(Some(String::new()))),
            )
            .into(),
            Some(reason) => row![
                style::text_input(tr(lang, "Lý do mở lại phiếu", "Why the sheet is reopened"), reason)
                    .on_input(|r| Message::AskReopen(Some(r)))
                    .on_submit(Message::Reopen)
                    .id("reopen-reason")
                    .width(260),
                style::tag("reopen-confirm", button(text(tr(lang, "Mở lại", "Reopen"))).on_press(Message::Reopen)),
                button(text(tr(lang, "Thôi", "Cancel"))).style(button::secondary).on_press(Message::AskReopen(None)),
            ]
            .spacing(6)
            .align_y(iced::Center)
            .into(),
        }
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

/// Where the sheet on screen stands: all answered, already submitted, the session still open.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub(super) complete: bool,
    pub(super) submitted: bool,
    /// Takes choices and a comment: the session is open and the sheet not submitted.
    pub(super) editable: bool,
    /// The session is open (not locked).
    pub(super) open: bool,
    /// The read-back check was recorded.
    pub(super) checked: bool,
}

/// The live totals line: each part, the total, the band and the rating after caps, how far along.
pub(super) fn summary_row<'a>(index: &SheetIndex<'a>, live: &SheetPreview, lang: Lang) -> Element<'a, Message> {
    let totals = &live.totals;
    let mut parts = row![].spacing(16);
    for (i, p) in index.sheet.parts.iter().enumerate() {
        parts = parts
            .push(style::tag(format!("part-{}", p.code), text(format!("{} {}/{}", p.code, totals.parts[i], p.max))));
    }
    row![
        parts,
        style::tag(
            "sheet-total",
            text(format!("{} {}", tr(lang, "Tổng", "Total"), totals.total)).font(UI_BOLD).size(18)
        ),
        text(format!("{} {}", tr(lang, "Hạng theo điểm", "Band"), stars(live.band))).size(16),
        style::tag(
            "sheet-stars",
            text(format!("{} {}", tr(lang, "→ xếp", "→ rated"), stars(live.stars))).font(UI_BOLD).size(16)
        ),
        text(format!("{}/{} {}", live.answered, index.leaves.len(), tr(lang, "tiêu chí", "criteria"))),
    ]
    .spacing(18)
    .align_y(iced::Center)
    // Onto a second line in a narrow window, never cut at its edge.
    .wrap()
    .vertical_spacing(4)
    .into()
}

/// During a read-back check: cancel, and once all is entered, submit if both entries agree or the
/// criteria where they differ (each a button to go and correct the first entry).
fn check_outcome<'a>(
    index: &SheetIndex<'a>,
    primary: &BTreeMap<String, u8>,
    check: &BTreeMap<String, u8>,
    lang: Lang,
) -> Element<'a, Message> {
    let done = index.leaves.iter().all(|l| check.contains_key(&l.criterion.code));
    let diffs: Vec<(usize, &Criterion)> = index
        .leaves
        .iter()
        .enumerate()
        .filter(|(_, l)| check.get(&l.criterion.code) != primary.get(&l.criterion.code))
        .map(|(i, l)| (i, l.criterion))
        .collect();
    let mut actions = row![button(text(tr(lang, "Thôi kiểm tra", "Cancel check"))).on_press(Message::CheckMode(false))]
        .spacing(10)
        .align_y(iced::Center);
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
                button(text(format!("{} ({a}≠{b})", c.code)).size(13)).style(button::danger).on_press(Message::Fix(*i)),
            );
        }
        actions = actions.push(list);
    }
    actions.into()
}
