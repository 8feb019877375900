//! The board itself, built for province scale (issue 15.3): every row one height, scrolled both
//! ways with the product column held in place, and only the rows in sight built (400 products ×
//! 15 members would otherwise be some ten thousand widgets laid out on every frame).

use super::{
    BOARD_SCROLL, COLUMNS, Column, HEAD_HEIGHT, MEMBER_WIDTH, Message, NoteKind, PRODUCT_WIDTH, ROW_HEIGHT, SPARE_ROWS,
    State, board_decision,
};
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::{Decision, ProductResult, sheet_total};
use crate::domain::session::Dossier;
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::text::Wrapping;
use iced::widget::{Row, button, column, container, pin, row, scrollable, space, stack, text};
use iced::{Element, Fill, Length, Task, keyboard};

/// The ids of the decision's and the to-do column's names, for tests.
pub const HEAD_DECISION: &str = "board-head-decision";
pub const HEAD_TO_DO: &str = "board-head-todo";

/// A cell of the board: a fixed width, the row's height, what does not fit cut off (never wrapped
/// onto more lines than the row has).
fn cell<'a>(content: impl Into<Element<'a, Message>>, width: f32) -> Element<'a, Message> {
    container(content).width(width).height(ROW_HEIGHT).align_y(iced::Center).clip(true).into()
}

fn one_line<'a>(content: impl text::IntoFragment<'a>, size: u32) -> iced::widget::Text<'a> {
    text(content).size(size).wrapping(Wrapping::None)
}

/// The width of everything right of the product column.
fn data_width(members: usize) -> f32 {
    COLUMNS.iter().map(|(_, w)| w).sum::<f32>() + MEMBER_WIDTH * members as f32
}

impl State {
    /// Which rows are in sight (with a few spare): `first..end` of `count`.
    fn rows_in_sight(&self, count: usize) -> (usize, usize) {
        // Before the first scroll the height is unknown: a tall window's worth.
        let height = if self.seen_height > 0.0 { self.seen_height } else { 1200.0 };
        let first = ((self.scrolled.1 / ROW_HEIGHT).floor().max(0.0) as usize).saturating_sub(SPARE_ROWS);
        let shown = (height / ROW_HEIGHT).ceil() as usize + 2 * SPARE_ROWS;
        (first.min(count), (first + shown).min(count))
    }

    pub(super) fn board<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let results = ws.results();
        let products: Vec<(&Dossier, &ProductResult)> =
            results.products.iter().filter_map(|p| ws.dossier(&p.code).map(|d| (d, p))).collect();
        let (first, end) = self.rows_in_sight(products.len());
        let quorum = results.session.quorum_met;
        let mut data = column![space().height(ROW_HEIGHT * first as f32)];
        let mut names = column![space().height(ROW_HEIGHT * first as f32)];
        for (i, (d, p)) in products.iter().enumerate().take(end).skip(first) {
            data = data.push(self.data_row(ws, d, p, quorum, lang));
            names = names.push(product_cell(i, d));
        }
        let below = ROW_HEIGHT * (products.len() - end) as f32;
        data = data.push(space().height(below));
        names = names.push(space().height(below));
        // The product column is drawn over the rows at the left edge of what shows.
        let names = container(names).width(PRODUCT_WIDTH).style(style::panel_fill);
        let body = stack![data, pin(names).x(self.scrolled.0)];
        let both = Direction::Both { vertical: Scrollbar::default(), horizontal: Scrollbar::default() };
        let body = scrollable(body)
            .id(BOARD_SCROLL)
            .direction(both)
            .on_scroll(|v| {
                let offset = v.absolute_offset();
                Message::Scrolled(offset.x, offset.y, v.bounds().height)
            })
            .height(Fill);
        container(column![self.head(ws, lang), body].spacing(2)).padding(8).style(style::panel).into()
    }

    /// The column names: the product's in place, the others moving with the board.
    fn head<'a>(&self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let bold = |label: &'a str, width: f32| {
            container(text(label).font(UI_BOLD).size(14).wrapping(Wrapping::None)).width(width).clip(true)
        };
        let mut others = Row::new();
        for (column, width) in COLUMNS {
            let label = match column {
                Column::Mean => tr(lang, "TB", "Mean"),
                Column::Decision => tr(lang, "Kết luận", "Decision"),
                Column::ToDo => tr(lang, "Cần xử lý", "To do"),
                Column::Round => tr(lang, "Vòng", "Round"),
                Column::Checked => tr(lang, "Đọc lại", "Read back"),
                Column::Spread => tr(lang, "Chênh", "Spread"),
                Column::Band => tr(lang, "Hạng/trần", "Band/cap"),
            };
            let head = bold(label, width);
            others = others.push(match column {
                Column::Decision => head.id(HEAD_DECISION),
                Column::ToDo => head.id(HEAD_TO_DO),
                _ => head,
            });
        }
        for m in &ws.session.members {
            others = others.push(bold(m.id.as_str(), MEMBER_WIDTH));
        }
        let moving = pin(others.width(Length::Fixed(data_width(ws.session.members.len()))))
            .x(-self.scrolled.0)
            .height(HEAD_HEIGHT);
        row![
            bold("#", 30.0),
            bold(tr(lang, "Sản phẩm", "Product"), PRODUCT_WIDTH - 30.0),
            container(moving).width(Fill).height(HEAD_HEIGHT).clip(true),
        ]
        .height(HEAD_HEIGHT)
        .into()
    }

    /// One product's row right of its name (whose place it leaves empty).
    fn data_row<'a>(
        &'a self,
        ws: &'a Workspace,
        d: &'a Dossier,
        p: &'a ProductResult,
        quorum: bool,
        lang: Lang,
    ) -> Element<'a, Message> {
        let mut line = row![space().width(PRODUCT_WIDTH)].height(ROW_HEIGHT);
        for (column, width) in COLUMNS {
            let content: Element<'a, Message> = match column {
                Column::Mean => {
                    one_line(p.mean.map(|m| crate::lang::number(m, lang)).unwrap_or_else(|| "–".into()), 15)
                        .font(UI_BOLD)
                        .into()
                }
                Column::Decision => {
                    let (label, decision) = board_decision(lang, p, quorum);
                    text(label)
                        .size(14)
                        .style(move |t: &iced::Theme| text::Style { color: Some(style::decision_color(t, decision)) })
                        .into()
                }
                Column::ToDo => self.todo(ws, p, lang),
                Column::Round => one_line(p.round.to_string(), 14).into(),
                Column::Checked => style::tag(
                    format!("checked-{}", d.code),
                    one_line(format!("{}/{}", p.checked_sheets, p.counted_sheets), 14),
                )
                .into(),
                Column::Spread => one_line(
                    p.spread.map(|s| if p.spread_flag { format!("{s}!") } else { s.to_string() }).unwrap_or_default(),
                    14,
                )
                .into(),
                Column::Band => one_line(
                    match (p.band, p.cap) {
                        (Some(b), Some(c)) => format!("{b}/{c}"),
                        _ => String::new(),
                    },
                    14,
                )
                .into(),
            };
            line = line.push(cell(content, width));
        }
        for m in &ws.session.members {
            line = line.push(cell(one_line(self.member_total(ws, d, &m.id, m.present, lang), 14), MEMBER_WIDTH));
        }
        line.into()
    }

    /// A member's total on a product, or why there is none.
    fn member_total(&self, ws: &Workspace, d: &Dossier, member: &str, present: bool, lang: Lang) -> String {
        if d.recused.iter().any(|r| r == member) {
            return tr(lang, "rút", "rec.").into();
        }
        if !present {
            return tr(lang, "vắng", "abs.").into();
        }
        let index = ws.criteria.sheet(d.sheet).map(SheetIndex::new);
        match (ws.sheet(&d.code, member), &index) {
            (Some(s), Some(ix)) if !s.draft => {
                let (done, expected) = ws.progress(&d.code);
                if self.hide_scores && done < expected { "●".into() } else { sheet_total(ix, s).total.to_string() }
            }
            (Some(_), _) => "…".into(),
            _ => "–".into(),
        }
    }

    /// What the council must do about a product, on one line: the buttons first, then the why.
    fn todo<'a>(&'a self, ws: &'a Workspace, p: &'a ProductResult, lang: Lang) -> Element<'a, Message> {
        let locked = ws.is_locked();
        let small = |label: &'a str, id: String, message: Message| {
            style::tag(id, button(one_line(label, 13)).padding([2, 6]).on_press(message))
        };
        let mut cell = row![].spacing(4).align_y(iced::Center);
        if p.spread_flag {
            if !locked {
                cell = cell
                    .push(small(
                        tr(lang, "Vòng mới", "New round"),
                        format!("round-{}", p.code),
                        Message::Ask(NoteKind::Round, p.code.clone()),
                    ))
                    .push(small(
                        tr(lang, "Kết luận", "Resolution"),
                        format!("resolve-{}", p.code),
                        Message::Ask(NoteKind::Resolution, p.code.clone()),
                    ));
            }
            let limit = ws.session.settings().spread_limit;
            cell =
                cell.push(one_line(format!("{} {} > {limit}", tr(lang, "chênh", "spread"), p.spread.unwrap_or(0)), 13));
        }
        let missing: Vec<&str> =
            ws.expected_members(&p.code).into_iter().filter(|m| ws.sheet(&p.code, m).is_none_or(|s| s.draft)).collect();
        if p.decision != Decision::Eliminated && !missing.is_empty() {
            if !locked {
                cell = cell.push(small(
                    tr(lang, "Chấm", "Score"),
                    format!("score-{}", p.code),
                    Message::Score(p.code.clone()),
                ));
            }
            cell = cell.push(one_line(format!("{} {}", tr(lang, "thiếu", "missing"), missing.join(", ")), 13));
        }
        if p.cap < p.band {
            let band = p.band.unwrap_or(0);
            let capped: Vec<String> = p
                .unmet
                .iter()
                .filter(|u| u.level <= band)
                .map(|u| format!("{} ({})", u.criterion, stars(u.level)))
                .collect();
            cell = cell.push(one_line(format!("{} {}", tr(lang, "giới hạn:", "capped:"), capped.join(", ")), 13));
        }
        cell.into()
    }
}

/// Number, code and product name, in the column that stays in place.
fn product_cell<'a>(i: usize, d: &'a Dossier) -> Element<'a, Message> {
    let name = column![one_line(d.code.as_str(), 11), one_line(d.product.as_str(), 13)];
    row![cell(one_line(format!("{}", i + 1), 14), 30.0), cell(name, PRODUCT_WIDTH - 34.0)].into()
}

/// How far ← and → move the board: a few member columns, or most of the to-do column.
const SIDE_STEP: f32 = 132.0;

/// A move of the board by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    /// To the left edge (the decision beside the product again), or the right (the last member).
    Home,
    End,
    Up,
    Down,
    PageUp,
    PageDown,
}

/// The board's keys (issue 15.3): ←/→ sideways, Home/End to either edge, ↑/↓ a row, PgUp/PgDn a
/// page; the product column stays in place throughout. Keys with Ctrl or Alt are the app's.
pub fn key_message(event: &keyboard::Event) -> Option<Message> {
    use keyboard::key::Named;
    let keyboard::Event::KeyPressed { key: keyboard::Key::Named(named), modifiers, .. } = event else { return None };
    if modifiers.command() || modifiers.alt() {
        return None;
    }
    let m = match named {
        Named::ArrowLeft => Move::Left,
        Named::ArrowRight => Move::Right,
        Named::Home => Move::Home,
        Named::End => Move::End,
        Named::ArrowUp => Move::Up,
        Named::ArrowDown => Move::Down,
        Named::PageUp => Move::PageUp,
        Named::PageDown => Move::PageDown,
        _ => return None,
    };
    Some(Message::Move(m))
}

impl State {
    /// Scrolls the board; where it went comes back through `on_scroll` (the scrollable clamps
    /// the offset to its edges, and the pinned product column follows it there).
    pub(super) fn scroll(&self, m: Move) -> Task<Message> {
        use iced::widget::operation::{scroll_by, scroll_to, snap_to};
        use iced::widget::scrollable::{AbsoluteOffset, RelativeOffset};
        let page = (self.seen_height - ROW_HEIGHT).max(ROW_HEIGHT);
        let by = |x: f32, y: f32| scroll_by(BOARD_SCROLL, AbsoluteOffset { x, y });
        let task = match m {
            Move::Left => by(-SIDE_STEP, 0.0),
            Move::Right => by(SIDE_STEP, 0.0),
            Move::Home => scroll_to(BOARD_SCROLL, AbsoluteOffset { x: Some(0.0), y: None }),
            Move::End => snap_to(BOARD_SCROLL, RelativeOffset { x: Some(1.0), y: None }),
            Move::Up => by(0.0, -ROW_HEIGHT),
            Move::Down => by(0.0, ROW_HEIGHT),
            Move::PageUp => by(0.0, -page),
            Move::PageDown => by(0.0, page),
        };
        task.chain(Task::done(Message::Moved))
    }
}
