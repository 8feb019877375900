//! The results board: products × members totals, mean, band, cap, stars and decision, with the flags
//! and what to do about each (a new round, a recorded resolution, missing sheets), member scores
//! hidden until a product's sheets are all in if the council wishes, and a large-type projector view.

use super::Bilingual;

mod board;
use crate::domain::scoring::{Decision, ProductResult};
use crate::ui::screen::attendance::{QuorumLine, quorum_text};
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
pub use board::{HEAD_DECISION, HEAD_TO_DO, Move, key_message};
use iced::widget::{button, checkbox, column, container, row, scrollable, space, text};
use iced::{Element, Fill};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Resolution,
    Round,
}

#[derive(Debug, Clone)]
pub enum Message {
    HideScores(bool),
    Projector(bool),
    Ask(NoteKind, String),
    Note(String),
    Confirm,
    Cancel,
    Score(String),
    /// The board was scrolled: its offset (x, y) and the height of what shows.
    Scrolled(f32, f32, f32),
    /// A key moved the board (←/→, Home/End, ↑/↓, PgUp/PgDn).
    Move(Move),
    /// The board's move is done: nothing to change, but the window draws it now (a widget
    /// operation alone asks for no new frame, so the move would show only at the next event).
    Moved,
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Error(Bilingual),
    Notice(Bilingual),
    /// Open the scoring screen on this dossier.
    Score(String),
    /// The projector view was turned on or off: the window goes full screen or back.
    Projector(bool),
    /// Scroll the board (a widget operation; the board hears where it went through `Scrolled`).
    Run(iced::Task<Message>),
}

/// The open note form: what it is for, which dossier, the text typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub dossier: String,
    pub text: String,
}

#[derive(Default)]
pub struct State {
    hide_scores: bool,
    projector: bool,
    asking: Option<Note>,
    /// Where the board is scrolled to and how tall its window is: only the rows in sight are built.
    scrolled: (f32, f32),
    seen_height: f32,
}

/// Every row of the board is this tall, whatever it holds (issue 15.3).
pub const ROW_HEIGHT: f32 = 40.0;
/// The product column, kept in place while the board scrolls sideways.
const PRODUCT_WIDTH: f32 = 240.0;
const HEAD_HEIGHT: f32 = 26.0;
/// Rows built beyond those in sight, so that a wheel turn never shows an empty stripe.
const SPARE_ROWS: usize = 4;
pub const BOARD_SCROLL: &str = "board";

/// The board's columns after the product, in reading order: the outcome first, so that at 800 px
/// the decision and what to do are in sight; then the detail and the members' totals.
#[derive(Clone, Copy)]
enum Column {
    Mean,
    Decision,
    ToDo,
    Round,
    Checked,
    Spread,
    Band,
}

const COLUMNS: [(Column, f32); 7] = [
    (Column::Mean, 62.0),
    (Column::Decision, 190.0),
    (Column::ToDo, 300.0),
    (Column::Round, 50.0),
    (Column::Checked, 80.0),
    (Column::Spread, 62.0),
    (Column::Band, 84.0),
];
const MEMBER_WIDTH: f32 = 44.0;

/// The decision as the board shows it: while the quorum is not met a decision is only
/// provisional, drawn in the colour of a pending one (never the green of «Công nhận»).
fn board_decision(lang: Lang, p: &ProductResult, quorum_met: bool) -> (String, Decision) {
    let decided = matches!(p.decision, Decision::Recognized | Decision::Forwarded | Decision::NotAchieved);
    if quorum_met || !decided {
        return (decision_label(lang, p), p.decision);
    }
    let head = tr(lang, "Tạm tính (chưa đủ số lượng)", "Provisional (no quorum)");
    (format!("{head}: {}", stars(p.stars.unwrap_or(0))), Decision::Pending)
}

pub fn decision_label(lang: Lang, p: &ProductResult) -> String {
    let word = crate::lang::Say::say(&p.decision, lang);
    match p.decision {
        Decision::Recognized | Decision::Forwarded => format!("{word} {}", stars(p.stars.unwrap_or(0))),
        _ => word,
    }
}

impl State {
    /// The note form, while one is open.
    pub fn asking(&self) -> Option<&Note> {
        self.asking.as_ref()
    }

    /// Whether the large-type projector view is on.
    /// Where the board is scrolled to (x, y), as it last said.
    pub fn scrolled(&self) -> (f32, f32) {
        self.scrolled
    }

    pub fn projector(&self) -> bool {
        self.projector
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::HideScores(b) => self.hide_scores = b,
            Message::Projector(b) => {
                self.projector = b;
                return Action::Projector(b);
            }
            Message::Ask(kind, dossier) => self.asking = Some(Note { kind, dossier, text: String::new() }),
            Message::Note(t) => {
                if let Some(note) = &mut self.asking {
                    note.text = t;
                }
            }
            Message::Cancel => self.asking = None,
            Message::Confirm => return self.confirm(ws),
            Message::Score(code) => return Action::Score(code),
            Message::Scrolled(x, y, height) => {
                self.scrolled = (x, y);
                self.seen_height = height;
            }
            Message::Move(m) if !self.projector => return Action::Run(self.scroll(m)),
            Message::Move(_) | Message::Moved => {}
        }
        Action::None
    }

    /// Records the note; a refused one stays in the form (for after a reopen, say).
    fn confirm(&mut self, ws: &mut Workspace) -> Action {
        let Some(note) = self.asking.take() else {
            return Action::None;
        };
        let code = &note.dossier;
        let done = match note.kind {
            NoteKind::Resolution => ws.resolve(code, &note.text).map(|_| {
                Bilingual::new(
                    format!("Đã ghi kết luận của Hội đồng cho {code}."),
                    format!("The council's resolution for {code} is recorded."),
                )
            }),
            NoteKind::Round => ws.open_round(code, &note.text).map(|r| {
                Bilingual::new(
                    format!("Đã mở vòng {r} cho {code}: các thành viên chấm lại sản phẩm này."),
                    format!("Round {r} is open for {code}: the members score this product again."),
                )
            }),
        };
        match done {
            Ok(notice) => Action::Notice(notice),
            Err(e) => {
                self.asking = Some(note);
                Action::Error((&e).into())
            }
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        if self.projector {
            // The whole window for the room: no banner, no form; one way back.
            let back = button(text(tr(lang, "Thoát màn chiếu (F11)", "Leave the projector view (F11)")).size(13))
                .style(button::secondary)
                .on_press(Message::Projector(false));
            return column![self.projector_view(ws, lang), row![space().width(Fill), back]].spacing(6).into();
        }
        let results = ws.results();
        let QuorumLine { met, text: quorum, why } = quorum_text(ws, lang);
        let quorum = match why {
            Some(why) => format!("{quorum} — {why}"),
            None => quorum,
        };
        let state = if ws.is_locked() {
            tr(lang, "Kết quả đã khóa.", "Results are locked.")
        } else if results.session.finalizable {
            tr(lang, "Đủ điều kiện chốt kết quả.", "Ready to be finalised.")
        } else {
            tr(lang, "Chưa đủ điều kiện chốt kết quả.", "Not ready to be finalised.")
        };
        let controls = row![
            text(format!("{quorum} · {state}")).width(Fill).font(UI_BOLD),
            checkbox(self.hide_scores)
                .label(tr(lang, "Ẩn điểm từng người đến khi đủ phiếu", "Hide member scores until all are in"))
                .on_toggle(Message::HideScores),
            checkbox(self.projector).label(tr(lang, "Màn chiếu", "Projector view")).on_toggle(Message::Projector),
        ]
        .spacing(16)
        .align_y(iced::Center);
        let header = container(controls).padding(8).style(move |t| style::banner(t, !met));
        let body = self.board(ws, lang);
        let mut page = column![header].spacing(8);
        if let Some(Note { kind, dossier: code, text: note }) = &self.asking {
            let prompt = match kind {
                NoteKind::Resolution => tr(lang, "Kết luận của Hội đồng cho", "Council resolution for"),
                NoteKind::Round => tr(lang, "Lý do mở vòng chấm mới cho", "Reason for a new round for"),
            };
            page = page.push(
                container(
                    row![
                        text(format!("{prompt} {code}:")),
                        style::text_input("", note)
                            .on_input(Message::Note)
                            .on_submit(Message::Confirm)
                            .id("note-input")
                            .width(Fill),
                        style::tag("note-confirm", button(text(tr(lang, "Ghi", "Record"))).on_press(Message::Confirm)),
                        button(text(tr(lang, "Thôi", "Cancel"))).style(button::secondary).on_press(Message::Cancel),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                )
                .padding(8)
                .style(style::panel),
            );
        }
        page.push(body).into()
    }

    fn projector_view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut list = column![].spacing(10);
        for p in &ws.results().products {
            let Some(d) = ws.dossier(&p.code) else {
                continue;
            };
            let (label, decision) = board_decision(lang, p, ws.results().session.quorum_met);
            list = list.push(
                row![
                    text(d.product.as_str()).size(28).width(Fill),
                    text(p.mean.map(|m| crate::lang::number(m, lang)).unwrap_or_else(|| "–".into()))
                        .size(28)
                        .width(130)
                        .font(UI_BOLD),
                    text(label)
                        .size(28)
                        .width(420)
                        .style(move |t: &iced::Theme| text::Style { color: Some(style::decision_color(t, decision)) }),
                ]
                .spacing(16),
            );
        }
        container(scrollable(list.padding(10)).height(Fill)).padding(10).style(style::panel).into()
    }
}
