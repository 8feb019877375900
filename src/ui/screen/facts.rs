//! "Thông tin phiên họp": the session's facts and the council's names, correctable after creation
//! (issue 13.4). Each save goes through the workspace to the store (audited, refused once locked);
//! the form holds what is typed until then. Guests and recipients are edited with `ocop-council edit`.

use super::Bilingual;
use crate::domain::facts::Honorific;
use crate::domain::session::{Member, Role, SessionInfo};
use crate::lang::Say;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill};

/// The session facts the form edits, in the order it shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Authority,
    Province,
    CouncilDecision,
    Date,
    Place,
    Opened,
    Closed,
    Chair,
    Secretary,
    SignerName,
    SignerTitle,
}

const FIELDS: [Field; 12] = [
    Field::Title,
    Field::Authority,
    Field::Province,
    Field::CouncilDecision,
    Field::Date,
    Field::Place,
    Field::Opened,
    Field::Closed,
    Field::Chair,
    Field::Secretary,
    Field::SignerName,
    Field::SignerTitle,
];

impl Field {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Title => tr(lang, "Tên phiên họp", "Title"),
            Field::Authority => tr(lang, "Cơ quan tổ chức", "Authority"),
            Field::Province => tr(lang, "Tỉnh", "Province"),
            Field::CouncilDecision => tr(lang, "Quyết định thành lập Hội đồng", "Council decision"),
            Field::Date => tr(lang, "Ngày họp (YYYY-MM-DD)", "Date (YYYY-MM-DD)"),
            Field::Place => tr(lang, "Địa điểm", "Place"),
            Field::Opened => tr(lang, "Giờ khai mạc (HH:MM)", "Opened (HH:MM)"),
            Field::Closed => tr(lang, "Giờ bế mạc (HH:MM)", "Closed (HH:MM)"),
            Field::Chair => tr(lang, "Chủ trì (mã thành viên)", "Chair (member id)"),
            Field::Secretary => tr(lang, "Thư ký (mã thành viên)", "Secretary (member id)"),
            Field::SignerName => tr(lang, "Người ký văn bản", "Signed by"),
            Field::SignerTitle => tr(lang, "Chức danh người ký", "Signer's title"),
        }
    }

    fn index(self) -> usize {
        FIELDS.iter().position(|f| *f == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Field(Field, String),
    Save,
    MemberName(String, String),
    MemberPosition(String, String),
    /// Ông → Bà → none.
    MemberHonorific(String),
    /// Member → vice-chair → chair → secretary → member.
    MemberRole(String),
    SaveMember(String),
}

pub enum Action {
    None,
    Error(Bilingual),
    Notice(Bilingual),
}

/// What is typed and not yet saved.
#[derive(Default)]
pub struct State {
    values: Vec<String>,
    members: Vec<Member>,
}

fn heading_values(info: &SessionInfo) -> Vec<String> {
    let f = &info.facts;
    let signer = f.signer.clone().unwrap_or_default();
    vec![
        info.title.clone(),
        info.authority.clone(),
        info.province.clone(),
        info.council_decision.clone(),
        crate::domain::date::to_text(info.meeting_date),
        info.meeting_place.clone(),
        f.opened.map(|t| t.to_string()).unwrap_or_default(),
        f.closed.map(|t| t.to_string()).unwrap_or_default(),
        f.chair.clone().unwrap_or_default(),
        f.secretary.clone().unwrap_or_default(),
        signer.name,
        signer.title,
    ]
}

/// The typed values over `info`; a value that does not read says which field.
fn edited(values: &[String], info: &SessionInfo) -> Result<SessionInfo, Bilingual> {
    let v = |f: Field| values.get(f.index()).map(|s| s.trim().to_string()).unwrap_or_default();
    let mut info = info.clone();
    info.title = v(Field::Title);
    info.authority = v(Field::Authority);
    info.province = v(Field::Province);
    info.council_decision = v(Field::CouncilDecision);
    info.meeting_place = v(Field::Place);
    info.meeting_date = crate::domain::date::from_text(&v(Field::Date)).map_err(|e| field_error(Field::Date, &e))?;
    for (field, slot) in [(Field::Opened, &mut info.facts.opened), (Field::Closed, &mut info.facts.closed)] {
        *slot = match v(field) {
            t if t.is_empty() => None,
            t => Some(t.parse().map_err(|e| field_error(field, &e))?),
        };
    }
    info.facts.chair = Some(v(Field::Chair)).filter(|s| !s.is_empty());
    info.facts.secretary = Some(v(Field::Secretary)).filter(|s| !s.is_empty());
    let (name, title) = (v(Field::SignerName), v(Field::SignerTitle));
    info.facts.signer = match (name.is_empty(), info.facts.signer.take()) {
        (true, _) => None,
        (false, old) => Some(crate::domain::facts::Signer { name, title, capacity: old.and_then(|s| s.capacity) }),
    };
    Ok(info)
}

fn next_role(role: Role) -> Role {
    match role {
        Role::Member => Role::ViceChair,
        Role::ViceChair => Role::Chair,
        Role::Chair => Role::Secretary,
        Role::Secretary => Role::Member,
    }
}

fn honorific_label(lang: Lang, h: Option<Honorific>) -> &'static str {
    match h {
        Some(Honorific::Ong) => tr(lang, "Ông", "Mr"),
        Some(Honorific::Ba) => tr(lang, "Bà", "Ms"),
        None => "—",
    }
}

impl State {
    /// Takes the session's facts and members as they are in the file (when the tab is shown).
    pub fn load(&mut self, ws: &Workspace) {
        self.values = heading_values(&ws.session.session);
        self.members = ws.session.members.clone();
    }

    /// Saves what the tab holds typed and not saved (the facts, a member's row): the app calls it
    /// before the window closes, so the close question's "every change is saved" stays true.
    pub fn save_pending(&mut self, ws: &mut Workspace) -> Result<(), Bilingual> {
        if !self.values.is_empty() && self.values != heading_values(&ws.session.session) {
            let info = edited(&self.values, &ws.session.session)?;
            ws.edit_session_facts(&info).map_err(|e| Bilingual::from(&e))?;
            self.values = heading_values(&ws.session.session);
        }
        // Only what this tab edits, over the member as saved (attendance may have changed since).
        let changed: Vec<Member> = self
            .members
            .iter()
            .filter_map(|row| {
                let saved = ws.session.member(&row.id)?;
                let typed = Member {
                    name: row.name.trim().to_string(),
                    position: row.position.trim().to_string(),
                    honorific: row.honorific,
                    role: row.role,
                    ..saved.clone()
                };
                (typed != *saved).then_some(typed)
            })
            .collect();
        for member in changed {
            ws.edit_member(&member).map_err(|e| Bilingual::from(&e))?;
        }
        Ok(())
    }

    fn member_mut(&mut self, id: &str) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.id == id)
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Field(field, value) => {
                if let Some(slot) = self.values.get_mut(field.index()) {
                    *slot = value;
                }
            }
            Message::Save => {
                let info = match edited(&self.values, &ws.session.session) {
                    Ok(info) => info,
                    Err(e) => return Action::Error(e),
                };
                return match ws.edit_session_facts(&info) {
                    Ok(n) => {
                        // The members' rows keep what is typed in them and not yet saved.
                        self.values = heading_values(&ws.session.session);
                        Action::Notice(Bilingual::new(
                            format!("Đã lưu {n} thông tin phiên họp."),
                            format!("{n} session facts saved."),
                        ))
                    }
                    Err(e) => Action::Error((&e).into()),
                };
            }
            Message::MemberName(id, name) => {
                if let Some(m) = self.member_mut(&id) {
                    m.name = name;
                }
            }
            Message::MemberPosition(id, position) => {
                if let Some(m) = self.member_mut(&id) {
                    m.position = position;
                }
            }
            Message::MemberHonorific(id) => self.member_mut(&id).into_iter().for_each(|m| {
                m.honorific = match m.honorific {
                    None => Some(Honorific::Ong),
                    Some(Honorific::Ong) => Some(Honorific::Ba),
                    Some(Honorific::Ba) => None,
                }
            }),
            Message::MemberRole(id) => self.member_mut(&id).into_iter().for_each(|m| m.role = next_role(m.role)),
            Message::SaveMember(id) => {
                let Some(member) = self.members.iter().find(|m| m.id == id).cloned() else { return Action::None };
                let mut edited = member.clone();
                edited.name = member.name.trim().to_string();
                edited.position = member.position.trim().to_string();
                return match ws.edit_member(&edited) {
                    Ok(n) => {
                        if let (Some(saved), Some(row)) = (ws.session.member(&id).cloned(), self.member_mut(&id)) {
                            *row = saved;
                        }
                        Action::Notice(Bilingual::new(
                            format!("Đã lưu {n} thông tin của «{id}»."),
                            format!("{n} details of «{id}» saved."),
                        ))
                    }
                    Err(e) => Action::Error((&e).into()),
                };
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut form =
            column![text(tr(lang, "Thông tin phiên họp", "Session details")).font(UI_BOLD).size(18)].spacing(6);
        if ws.is_locked() {
            form = form.push(text(tr(lang, "Kết quả đã khóa: không sửa được.", "Locked: nothing can be changed.")));
        }
        for field in FIELDS {
            let value = self.values.get(field.index()).map(String::as_str).unwrap_or("");
            form = form.push(
                row![
                    text(field.label(lang)).width(240),
                    style::text_input(field.label(lang), value)
                        .on_input(move |v| Message::Field(field, v))
                        .id(format!("facts-{field:?}")),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        let save = button(text(tr(lang, "Lưu thông tin", "Save details")).font(UI_BOLD));
        form = form.push(style::tag("facts-save", save.on_press_maybe((!ws.is_locked()).then_some(Message::Save))));
        let missing = ws.missing_facts();
        if !missing.is_empty() {
            let words: Vec<String> = missing.iter().map(|f| f.say(lang)).collect();
            form = form.push(text(format!(
                "{} {}",
                tr(lang, "Tài liệu còn thiếu:", "Documents still lack:"),
                words.join(", ")
            )));
        }
        let mut council =
            column![text(tr(lang, "Thành viên Hội đồng", "Council members")).font(UI_BOLD).size(18)].spacing(6);
        for m in &self.members {
            let id = m.id.clone();
            let (i1, i2, i3, i4, i5) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
            council = council.push(
                row![
                    text(m.id.clone()).width(50),
                    button(text(honorific_label(lang, m.honorific))).on_press(Message::MemberHonorific(i1)),
                    style::text_input(tr(lang, "Họ tên", "Name"), &m.name)
                        .on_input(move |v| Message::MemberName(i2.clone(), v))
                        .id(format!("facts-member-name-{id}")),
                    style::text_input(tr(lang, "Chức vụ", "Position"), &m.position)
                        .on_input(move |v| Message::MemberPosition(i3.clone(), v)),
                    button(text(super::attendance::role_label(lang, m.role))).on_press(Message::MemberRole(i4)),
                    style::tag(
                        format!("member-save-{id}"),
                        button(text(tr(lang, "Lưu", "Save")))
                            .on_press_maybe((!ws.is_locked()).then_some(Message::SaveMember(i5)))
                    ),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
        }
        scrollable(container(column![form, council].spacing(16)).padding(12).width(Fill)).into()
    }
}

/// A value the form refused, named by its field in each language (the reason is the parser's).
fn field_error(field: Field, reason: &dyn crate::lang::Say) -> Bilingual {
    Bilingual::new(
        format!("{}: {}", field.label(Lang::Vi), reason.say(Lang::Vi)),
        format!("{}: {}", field.label(Lang::En), reason.say(Lang::En)),
    )
}
