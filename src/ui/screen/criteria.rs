//! Criteria sets, read-only: browse a set's sheets (parts, criteria, options, star minimums), and
//! compare two sets side by side — what changed between, say, a 148-era sheet and QĐ 26/2026's.

use crate::catalog::Catalog;
use crate::domain::criteria::{CriteriaSet, Criterion, Sheet};
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Fill};

#[derive(Debug, Clone)]
pub enum Message {
    Set(usize),
    Compare(Option<usize>),
    Sheet(u32),
}

pub struct State {
    /// The set shown, by its place in the catalogue.
    set: usize,
    /// The set it is compared with, if any.
    compare: Option<usize>,
    /// The sheet shown (its number).
    sheet: u32,
}

impl Default for State {
    fn default() -> Self {
        State { set: 0, compare: None, sheet: 1 }
    }
}

/// A leaf of a sheet as the comparison shows it.
struct LeafLine {
    code: String,
    title: String,
    max: u32,
    /// Each option as "label (points)[ ★…]".
    options: Vec<String>,
}

/// One line per leaf of a sheet, in sheet order.
fn leaves(sheet: &Sheet) -> Vec<LeafLine> {
    sheet
        .leaves()
        .iter()
        .map(|l| {
            let c = l.criterion;
            let options = c
                .options
                .iter()
                .map(|o| {
                    format!(
                        "{} ({}){}",
                        o.label,
                        o.points,
                        o.min_star.map(|s| format!(" {}", stars(s))).unwrap_or_default()
                    )
                })
                .collect();
            LeafLine { code: c.code.clone(), title: c.title.clone(), max: c.max, options }
        })
        .collect()
}

impl State {
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Set(i) => self.set = i,
            Message::Compare(c) => self.compare = c,
            Message::Sheet(n) => self.sheet = n,
        }
    }

    pub fn view<'a>(&'a self, catalog: &'a Catalog, lang: Lang) -> Element<'a, Message> {
        let sets = &catalog.criteria;
        let Some(set) = sets.get(self.set) else { return text("").into() };
        let mut pick = column![text(tr(lang, "Bộ tiêu chí", "Criteria set")).font(UI_BOLD)].spacing(4);
        for (i, s) in sets.iter().enumerate() {
            pick = pick.push(
                button(text(s.title.as_str()).size(13))
                    .width(Fill)
                    .style(style::choice(i == self.set))
                    .on_press(Message::Set(i)),
            );
        }
        pick = pick.push(text(tr(lang, "So sánh với", "Compare with")).font(UI_BOLD));
        pick = pick.push(
            button(text(tr(lang, "(không so sánh)", "(no comparison)")).size(13))
                .width(Fill)
                .style(style::choice(self.compare.is_none()))
                .on_press(Message::Compare(None)),
        );
        for (i, s) in sets.iter().enumerate().filter(|(i, _)| *i != self.set) {
            pick = pick.push(
                button(text(s.title.as_str()).size(13))
                    .width(Fill)
                    .style(style::choice(self.compare == Some(i)))
                    .on_press(Message::Compare(Some(i))),
            );
        }
        let mut sheets = row![].spacing(2);
        for s in &set.sheets {
            sheets = sheets.push(
                button(text(s.no.to_string()).size(12))
                    .padding([2, 6])
                    .style(style::choice(s.no == self.sheet))
                    .on_press(Message::Sheet(s.no)),
            );
        }
        let body: Element<'a, Message> = match self.compare.and_then(|i| sets.get(i)) {
            Some(other) => self.comparison(set, other, lang),
            None => self.tree(set, lang),
        };
        row![
            container(scrollable(pick).height(Fill)).width(300).padding(8).style(style::panel),
            container(column![text(format!("{} — {}", set.id, set.legal_basis)).size(13), sheets, body].spacing(8))
                .width(Fill)
                .padding(8)
                .style(style::panel),
        ]
        .spacing(10)
        .into()
    }

    fn tree<'a>(&self, set: &'a CriteriaSet, lang: Lang) -> Element<'a, Message> {
        let Some(sheet) = set.sheet(self.sheet) else { return text("").into() };
        let mut col = column![
            text(format!("{} {}: {}", tr(lang, "Bộ số", "Sheet"), sheet.no, sheet.name)).font(UI_BOLD).size(16)
        ]
        .spacing(3);
        fn walk<'a>(mut col: Column<'a, Message>, c: &'a Criterion, depth: u16) -> Column<'a, Message> {
            let indent = f32::from(depth) * 16.0;
            col = col.push(row![
                text("").width(indent),
                text(format!("{} {} ({})", c.code, c.title, c.max)).font(if c.options.is_empty() {
                    UI_BOLD
                } else {
                    crate::ui::UI_FONT
                })
            ]);
            for (i, o) in c.options.iter().enumerate() {
                let star = o.min_star.map(|s| format!("   [{}]", stars(s))).unwrap_or_default();
                col = col.push(row![
                    text("").width(indent + 16.0),
                    text(format!("{}. {} — {}{star}", i + 1, o.label, o.points)).size(13)
                ]);
            }
            for ch in &c.children {
                col = walk(col, ch, depth + 1);
            }
            col
        }
        for p in &sheet.parts {
            col = col
                .push(text(format!("{} {}: {} ({})", tr(lang, "Phần", "Part"), p.code, p.title, p.max)).font(UI_BOLD));
            for c in &p.criteria {
                col = walk(col, c, 1);
            }
        }
        if let Some(d) = &sheet.disqualify_if {
            col = col.push(text(format!("{} {d}", tr(lang, "Hồ sơ bị loại khi:", "Disqualified when:"))).size(13));
        }
        scrollable(col).height(Fill).into()
    }

    fn comparison<'a>(&self, a: &'a CriteriaSet, b: &'a CriteriaSet, lang: Lang) -> Element<'a, Message> {
        let (Some(sa), Some(sb)) = (a.sheet(self.sheet), b.sheet(self.sheet)) else {
            return text(tr(
                lang,
                "Bộ số này chỉ có ở một trong hai bộ tiêu chí.",
                "This sheet exists in one set only.",
            ))
            .into();
        };
        let (la, lb) = (leaves(sa), leaves(sb));
        let mut codes: Vec<&String> = la.iter().map(|l| &l.code).collect();
        for l in &lb {
            if !codes.contains(&&l.code) {
                codes.push(&l.code);
            }
        }
        let mut col =
            column![row![text(a.id.as_str()).font(UI_BOLD).width(Fill), text(b.id.as_str()).font(UI_BOLD).width(Fill)]]
                .spacing(6);
        let mut changed = 0;
        for code in codes {
            let x = la.iter().find(|l| &l.code == code);
            let y = lb.iter().find(|l| &l.code == code);
            if x.map(|l| (l.max, &l.options)) == y.map(|l| (l.max, &l.options)) {
                continue;
            }
            changed += 1;
            let side = |l: Option<&LeafLine>| -> Element<'a, Message> {
                match l {
                    Some(LeafLine { code, title, max, options }) => {
                        column![text(format!("{code} {title} ({max})")).font(UI_BOLD).size(13)]
                            .extend(options.iter().map(|o| text(o.clone()).size(12).into()))
                            .width(Fill)
                            .into()
                    }
                    None => text(tr(lang, "(không có)", "(absent)")).size(13).width(Fill).into(),
                }
            };
            col = col.push(container(row![side(x), side(y)].spacing(12)).padding(4).style(style::panel));
        }
        let summary = format!("{changed} {}", tr(lang, "tiêu chí khác nhau ở bộ này", "criteria differ on this sheet"));
        column![text(summary).font(UI_BOLD), scrollable(col).height(Fill)].spacing(6).into()
    }
}
