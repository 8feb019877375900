//! The recognition decision form (issue 18.2): its number and date, recorded in the locked session
//! file. One widget, shown on the Archive tab (after the lock) and on the Register tab (before the
//! products are entered): each screen keeps a `Form` and wraps its `Message`.

use super::Bilingual;
use crate::domain::register::parse;
use crate::ui::strings::{Lang, tr};
use crate::ui::style;
use crate::workspace::{RecognitionDecision, Workspace};
use iced::widget::{button, column, row, text};
use iced::{Element, Fill};

#[derive(Debug, Clone)]
pub enum Message {
    Number(String),
    Date(String),
    /// Record the decision in the open, locked session.
    Record,
}

/// The form as typed, and the decision the session file has (as last read).
#[derive(Default)]
pub struct Form {
    number: String,
    date: String,
    recorded: Option<RecognitionDecision>,
}

impl Form {
    /// Reads the decision the session file holds (on entering a screen that shows the form).
    pub fn refresh(&mut self, ws: &Workspace) {
        self.recorded = ws.decision().ok().flatten();
    }

    /// The decision the session file holds, as last read.
    pub fn recorded(&self) -> Option<&RecognitionDecision> {
        self.recorded.as_ref()
    }

    /// `None` while typing; on `Record`, what to say on the status line (a notice or an error).
    pub fn update(&mut self, message: Message, ws: Option<&mut Workspace>) -> Option<Result<Bilingual, Bilingual>> {
        match message {
            Message::Number(n) => self.number = n,
            Message::Date(d) => self.date = d,
            Message::Record => {
                let Some(ws) = ws else {
                    return Some(Err(Bilingual::new("Chưa mở phiên họp nào", "No session is open")));
                };
                return Some(self.record(ws));
            }
        }
        None
    }

    fn record(&mut self, ws: &mut Workspace) -> Result<Bilingual, Bilingual> {
        let number = self.number.trim().to_string();
        let (false, Ok(date)) = (number.is_empty(), parse::date(&self.date)) else {
            return Err(Bilingual::new(
                "Quyết định công nhận cần số và ngày (20/6/2023 hoặc 2023-06-20)",
                "The recognition decision needs its number and date (20/6/2023 or 2023-06-20)",
            ));
        };
        // As the command line: a decision cannot precede the meeting it recognises.
        if let Some(meeting) = ws.session.session.meeting_date.filter(|m| date < *m) {
            let (d, m) = (crate::lang::vi::date(date), crate::lang::vi::date(meeting));
            return Err(Bilingual::new(
                format!("Quyết định công nhận ngày {d} không thể trước ngày họp {m}"),
                format!("A recognition decision dated {date} cannot precede the meeting of {meeting}"),
            ));
        }
        let decision = RecognitionDecision { number, date };
        ws.record_decision(&decision).map_err(|e| Bilingual::from(&e))?;
        let said = Bilingual::new(
            format!("Đã ghi quyết định công nhận số {} ngày {}", decision.number, crate::lang::vi::date(date)),
            format!("Recognition decision no. {} of {date} recorded", decision.number),
        );
        self.recorded = Some(decision);
        Ok(said)
    }

    /// The number and date fields, the button, and the decision already recorded.
    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let form = row![
            text(tr(lang, "Quyết định công nhận số", "Recognition decision no.")).size(13),
            style::text_input("125/QĐ-UBND", &self.number).on_input(Message::Number).id("decision-number").width(160),
            text(tr(lang, "ngày", "date")).size(13),
            style::text_input("20/6/2023", &self.date).on_input(Message::Date).id("decision-date").width(110),
            style::tag("record-decision", button(text(tr(lang, "Ghi quyết định", "Record"))).on_press(Message::Record)),
        ]
        .spacing(6)
        .align_y(iced::Center);
        let recorded = match &self.recorded {
            Some(d) => match lang {
                Lang::Vi => format!("Đã ghi: quyết định số {} ngày {}", d.number, crate::lang::vi::date(d.date)),
                Lang::En => format!("Recorded: decision no. {} of {}", d.number, d.date),
            },
            None => tr(lang, "Chưa ghi quyết định công nhận.", "No recognition decision recorded yet.").to_string(),
        };
        column![form, text(recorded).size(13)].spacing(4).width(Fill).into()
    }
}
