//! Attendance: who is present, the quorum light with the rule it applies, and recusals
//! (member × product) for conflicts of interest.

use super::Bilingual;
use crate::domain::scoring::quorum_rules;
use crate::domain::session::Role;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, checkbox, column, container, row, scrollable, text};
use iced::{Element, Fill};

#[derive(Debug, Clone)]
pub enum Message {
    Present(String, bool),
    /// Mark absent after all the member whose sheets the screen named.
    ConfirmAbsent,
    CancelAbsent,
    Recused {
        dossier: String,
        member: String,
        recused: bool,
    },
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Error(Bilingual),
}

impl Action {
    fn from_result<T>(result: crate::workspace::Result<T>) -> Action {
        match result {
            Ok(_) => Action::None,
            Err(e) => Action::Error((&e).into()),
        }
    }
}

/// Attendance keeps only the question it is asking: everything it shows is in the session.
#[derive(Default)]
pub struct State {
    asking: Option<Absence>,
}

/// A present member with counted sheets is being marked absent: those sheets stop counting.
#[derive(Debug, Clone, PartialEq)]
pub struct Absence {
    pub member: String,
    /// The dossiers whose sheet from the member would stop counting.
    pub dossiers: Vec<String>,
}

/// The quorum sentence and whether the quorum is met (which colours its banner).
pub struct QuorumLine {
    pub met: bool,
    pub text: String,
    /// Which rule fails, when one does: the count, or neither chair nor vice-chair present.
    pub why: Option<String>,
}

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Chair => tr(lang, "Chủ tịch Hội đồng", "Chair"),
        Role::ViceChair => tr(lang, "Phó Chủ tịch", "Vice-chair"),
        Role::Member => tr(lang, "Thành viên", "Member"),
        Role::Secretary => tr(lang, "Thư ký", "Secretary"),
    }
}

/// The quorum sentence: met or not, the count, and the rule applied.
pub fn quorum_text(ws: &Workspace, lang: Lang) -> QuorumLine {
    let s = &ws.session;
    let q = s.settings().quorum;
    let present = s.members.iter().filter(|m| m.present).count();
    let rules = quorum_rules(s);
    let met = rules.met();
    let chair = if q.chair_required {
        tr(lang, ", có Chủ tịch hoặc Phó Chủ tịch", ", chair or vice-chair present")
    } else {
        ""
    };
    let head = if met {
        tr(lang, "Đủ số lượng", "Quorum met")
    } else {
        tr(lang, "CHƯA đủ số lượng", "NO quorum")
    };
    let rule = tr(lang, "quy định: ít nhất", "rule: at least");
    let of = tr(lang, "thành viên có mặt", "members present");
    let mut why = Vec::new();
    if !rules.enough_present {
        let total = s.members.len() as u64;
        // The smallest count that meets the fraction.
        let needed = (u64::from(q.fraction.num) * total).div_ceil(u64::from(q.fraction.den).max(1)).max(1);
        why.push(match lang {
            Lang::Vi => format!("thiếu số lượng: có mặt {present}, cần ít nhất {needed}"),
            Lang::En => format!("too few present: {present}, at least {needed} needed"),
        });
    }
    if !rules.chair_present {
        why.push(tr(lang, "vắng cả Chủ tịch và Phó Chủ tịch", "neither the chair nor a vice-chair is present").into());
    }
    let why = (!why.is_empty()).then(|| why.join("; "));
    let text = format!("{head}: {present}/{} {of} ({rule} {}{chair})", s.members.len(), q.fraction);
    QuorumLine { met, text, why }
}

impl State {
    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Present(member, false) => {
                let dossiers = ws.sheets_counting_from(&member);
                if dossiers.is_empty() {
                    return Action::from_result(ws.set_present(&member, false));
                }
                self.asking = Some(Absence { member, dossiers });
                Action::None
            }
            Message::Present(member, true) => {
                self.asking = None;
                Action::from_result(ws.set_present(&member, true))
            }
            Message::ConfirmAbsent => match self.asking.take() {
                Some(a) => Action::from_result(ws.set_present(&a.member, false)),
                None => Action::None,
            },
            Message::CancelAbsent => {
                self.asking = None;
                Action::None
            }
            Message::Recused { dossier, member, recused } => {
                Action::from_result(ws.set_recusal(&dossier, &member, recused))
            }
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let locked = ws.is_locked();
        let QuorumLine { met, text: quorum, why } = quorum_text(ws, lang);
        let mut banner = column![text(quorum).font(UI_BOLD)].spacing(2);
        if let Some(why) = why {
            banner = banner.push(style::tag("quorum-why", text(why)));
        }
        let light = container(banner).padding(10).width(Fill).style(move |t| style::banner(t, !met));
        let mut members = column![text(tr(lang, "Điểm danh", "Attendance")).font(UI_BOLD).size(18)].spacing(6);
        for m in &ws.session.members {
            let id = m.id.clone();
            let mut tick = checkbox(m.present).label(format!("{}  {}", m.id, m.name));
            if !locked {
                tick = tick.on_toggle(move |b| Message::Present(id.clone(), b));
            }
            let scores = if m.scores { "" } else { tr(lang, " · không chấm điểm", " · does not score") };
            members = members.push(
                column![tick, text(format!("{} — {}{scores}", role_label(lang, m.role), m.position)).size(12)]
                    .spacing(2),
            );
        }

        let member_ids: Vec<&str> = ws.session.members.iter().map(|m| m.id.as_str()).collect();
        let mut header = row![text(tr(lang, "Hồ sơ \\ thành viên", "Dossier \\ member")).width(300)].spacing(4);
        for id in &member_ids {
            header = header.push(text(*id).width(44).font(UI_BOLD));
        }
        let mut grid = column![
            text(tr(lang, "Rút khỏi chấm điểm (xung đột lợi ích)", "Recusals (conflict of interest)"))
                .font(UI_BOLD)
                .size(18),
            header
        ]
        .spacing(4);
        for d in &ws.session.dossiers {
            let mut line = row![text(format!("{} {}", d.code, d.product)).width(300).size(13)].spacing(4);
            for id in &member_ids {
                let recused = d.recused.iter().any(|r| r == id);
                let (code, member) = (d.code.clone(), id.to_string());
                let mut tick = checkbox(recused);
                if !locked {
                    tick = tick.on_toggle(move |b| Message::Recused {
                        dossier: code.clone(),
                        member: member.clone(),
                        recused: b,
                    });
                }
                line = line.push(container(tick).width(44));
            }
            grid = grid.push(line);
        }
        let mut page = column![light].spacing(10);
        if let Some(asking) = &self.asking {
            page = page.push(self.absence_question(ws, asking, lang));
        }
        page.push(
            row![
                container(scrollable(members).height(Fill)).padding(12).width(420).style(style::panel),
                container(scrollable(grid).height(Fill)).padding(12).width(Fill).style(style::panel),
            ]
            .spacing(12),
        )
        .into()
    }

    /// The question before a member with counted sheets is marked absent: which sheets stop counting.
    fn absence_question<'a>(&self, ws: &'a Workspace, asking: &Absence, lang: Lang) -> Element<'a, Message> {
        let name = ws.session.member(&asking.member).map(|m| m.name.as_str()).unwrap_or("");
        let list = asking.dossiers.join(", ");
        let question = match lang {
            Lang::Vi => format!(
                "{} {name} đã nộp phiếu cho {} hồ sơ ({list}). Đánh dấu vắng thì các phiếu này không được tính nữa.",
                asking.member,
                asking.dossiers.len()
            ),
            Lang::En => format!(
                "{} {name} has submitted sheets for {} dossiers ({list}). Marked absent, these sheets stop counting.",
                asking.member,
                asking.dossiers.len()
            ),
        };
        let confirm = button(text(tr(lang, "Vẫn đánh dấu vắng", "Mark absent anyway"))).style(button::danger);
        let cancel = button(text(tr(lang, "Thôi", "Cancel"))).style(button::secondary);
        container(
            row![
                text(question).width(Fill),
                style::tag("absent-confirm", confirm.on_press(Message::ConfirmAbsent)),
                style::tag("absent-cancel", cancel.on_press(Message::CancelAbsent)),
            ]
            .spacing(8)
            .align_y(iced::Center),
        )
        .padding(8)
        .style(style::panel)
        .into()
    }

    /// The question being asked, if any.
    pub fn asking(&self) -> Option<&Absence> {
        self.asking.as_ref()
    }
}
