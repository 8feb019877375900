//! The results board: products × members totals, mean, band, cap, stars and decision, with the flags
//! and what to do about each (a new round, a recorded resolution, missing sheets), member scores
//! hidden until a product's sheets are all in if the council wishes, and a large-type projector view.

use super::Bilingual;
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::{Decision, ProductResult, sheet_total};
use crate::domain::session::Dossier;
use crate::ui::screen::attendance::{QuorumLine, quorum_text};
use crate::ui::strings::{Lang, stars, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
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
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Error(Bilingual),
    Notice(Bilingual),
    /// Open the scoring screen on this dossier.
    Score(String),
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
}

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

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::HideScores(b) => self.hide_scores = b,
            Message::Projector(b) => self.projector = b,
            Message::Ask(kind, dossier) => self.asking = Some(Note { kind, dossier, text: String::new() }),
            Message::Note(t) => {
                if let Some(note) = &mut self.asking {
                    note.text = t;
                }
            }
            Message::Cancel => self.asking = None,
            Message::Confirm => return self.confirm(ws),
            Message::Score(code) => return Action::Score(code),
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
        let body: Element<'a, Message> =
            if self.projector { self.projector_view(ws, lang) } else { self.board(ws, lang) };
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
                        text_input("", note)
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

    fn board<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let members = &ws.session.members;
        let mut head = row![text("#").width(24), text(tr(lang, "Sản phẩm", "Product")).width(250),].spacing(4);
        for m in members {
            head = head.push(text(m.id.as_str()).width(38).font(UI_BOLD));
        }
        head = head
            .push(text(tr(lang, "TB", "Mean")).width(58).font(UI_BOLD))
            .push(text(tr(lang, "Chênh", "Spread")).width(58).font(UI_BOLD))
            .push(text(tr(lang, "Hạng/trần", "Band/cap")).width(90).font(UI_BOLD))
            .push(text(tr(lang, "Kết luận", "Decision")).width(230).font(UI_BOLD))
            .push(text(tr(lang, "Cần xử lý", "To do")).width(Fill).font(UI_BOLD));
        let mut table = column![head].spacing(4);
        let quorum = ws.results().session.quorum_met;
        for (i, p) in ws.results().products.iter().enumerate() {
            let Some(d) = ws.dossier(&p.code) else {
                continue;
            };
            let index = ws.criteria.sheet(d.sheet).map(SheetIndex::new);
            let (done, expected) = ws.progress(&d.code);
            let hide = self.hide_scores && done < expected;
            let mut line = row![text(format!("{}", i + 1)).width(24), self.product_cell(d, p, lang),]
                .spacing(4)
                .align_y(iced::Center);
            for m in members {
                let cell = if d.recused.contains(&m.id) {
                    tr(lang, "rút", "rec.").to_string()
                } else if !m.present {
                    tr(lang, "vắng", "abs.").to_string()
                } else {
                    match (ws.sheet(&d.code, &m.id), &index) {
                        (Some(s), Some(ix)) if !s.draft => {
                            if hide {
                                "●".into()
                            } else {
                                sheet_total(ix, s).total.to_string()
                            }
                        }
                        (Some(_), _) => "…".into(),
                        _ => "–".into(),
                    }
                };
                line = line.push(text(cell).width(38).size(14));
            }
            let mean = p.mean.map(|m| crate::lang::number(m, lang)).unwrap_or_else(|| "–".into());
            let spread =
                p.spread.map(|s| if p.spread_flag { format!("{s}!") } else { s.to_string() }).unwrap_or_default();
            let band = match (p.band, p.cap) {
                (Some(b), Some(c)) => format!("{b}/{c}"),
                _ => String::new(),
            };
            let (label, decision) = board_decision(lang, p, quorum);
            line = line
                .push(text(mean).width(58).font(UI_BOLD))
                .push(text(spread).width(58))
                .push(text(band).width(90))
                .push(
                    text(label)
                        .width(230)
                        .style(move |t: &iced::Theme| text::Style { color: Some(style::decision_color(t, decision)) }),
                )
                .push(self.todo(ws, p, lang));
            table = table.push(line);
        }
        container(scrollable(table).height(Fill)).padding(8).style(style::panel).into()
    }

    /// Code and product, and how many of the counted sheets were read back (issue 13.2).
    fn product_cell<'a>(&self, d: &'a Dossier, p: &ProductResult, lang: Lang) -> Element<'a, Message> {
        let mut cell = column![text(d.code.as_str()).size(12), text(d.product.as_str()).size(13)].width(250);
        if p.counted_sheets > 0 {
            let read = tr(lang, "phiếu đã đọc lại", "sheets read back");
            let line = format!("{}/{} {read}", p.checked_sheets, p.counted_sheets);
            cell = cell.push(style::tag(format!("checked-{}", d.code), text(line).size(11)));
        }
        cell.into()
    }

    /// What the council must do about a product, as buttons.
    fn todo<'a>(&'a self, ws: &'a Workspace, p: &'a ProductResult, lang: Lang) -> Element<'a, Message> {
        let locked = ws.is_locked();
        let mut cell = row![].spacing(4).align_y(iced::Center).width(Fill);
        if p.spread_flag {
            cell = cell.push(
                text(format!(
                    "{} {} > {}",
                    tr(lang, "chênh", "spread"),
                    p.spread.unwrap_or(0),
                    ws.session.settings().spread_limit
                ))
                .size(13),
            );
            if !locked {
                cell = cell
                    .push(style::tag(
                        format!("round-{}", p.code),
                        button(text(tr(lang, "Vòng mới", "New round")).size(13))
                            .on_press(Message::Ask(NoteKind::Round, p.code.clone())),
                    ))
                    .push(style::tag(
                        format!("resolve-{}", p.code),
                        button(text(tr(lang, "Kết luận", "Resolution")).size(13))
                            .on_press(Message::Ask(NoteKind::Resolution, p.code.clone())),
                    ));
            }
        }
        let missing: Vec<&str> = ws
            .expected_members(&p.code)
            .into_iter()
            .filter(|m| !ws.sheet(&p.code, m).is_some_and(|s| !s.draft))
            .collect();
        if p.decision != Decision::Eliminated && !missing.is_empty() {
            cell = cell.push(text(format!("{} {}", tr(lang, "thiếu", "missing"), missing.join(", "))).size(13));
            if !locked {
                cell = cell.push(style::tag(
                    format!("score-{}", p.code),
                    button(text(tr(lang, "Chấm", "Score")).size(13)).on_press(Message::Score(p.code.clone())),
                ));
            }
        }
        if p.cap < p.band {
            let band = p.band.unwrap_or(0);
            let capped: Vec<String> = p
                .unmet
                .iter()
                .filter(|u| u.level <= band)
                .map(|u| format!("{} ({})", u.criterion, stars(u.level)))
                .collect();
            cell = cell.push(text(format!("{} {}", tr(lang, "giới hạn:", "capped:"), capped.join(", "))).size(13));
        }
        cell.into()
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
