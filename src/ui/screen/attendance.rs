//! Attendance: who is present, the quorum light with the rule it applies, and recusals
//! (member × product) for conflicts of interest.

use super::Bilingual;
use crate::domain::scoring::quorum_met;
use crate::domain::session::Role;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{checkbox, column, container, row, scrollable, text};
use iced::{Element, Fill};

#[derive(Debug, Clone)]
pub enum Message {
    Present(String, bool),
    Recused { dossier: String, member: String, recused: bool },
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

/// Attendance keeps nothing of its own: everything it shows is in the session.
#[derive(Default)]
pub struct State;

/// The quorum sentence and whether the quorum is met (which colours its banner).
pub struct QuorumLine {
    pub met: bool,
    pub text: String,
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
    let met = quorum_met(s);
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
    QuorumLine { met, text: format!("{head}: {present}/{} {of} ({rule} {}{chair})", s.members.len(), q.fraction) }
}

impl State {
    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Present(member, present) => Action::from_result(ws.set_present(&member, present)),
            Message::Recused { dossier, member, recused } => {
                Action::from_result(ws.set_recusal(&dossier, &member, recused))
            }
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let locked = ws.is_locked();
        let QuorumLine { met, text: quorum } = quorum_text(ws, lang);
        let light =
            container(text(quorum).font(UI_BOLD)).padding(10).width(Fill).style(move |t| style::banner(t, !met));
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
        column![
            light,
            row![
                container(scrollable(members).height(Fill)).padding(12).width(420).style(style::panel),
                container(scrollable(grid).height(Fill)).padding(12).width(Fill).style(style::panel),
            ]
            .spacing(12)
        ]
        .spacing(10)
        .into()
    }
}
