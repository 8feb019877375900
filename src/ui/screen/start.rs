//! Start: recent session files, open a file (native dialog or a typed path), open the demo session,
//! and the new-session form with its council roster (which can be copied from an earlier session).

use super::Action;
use crate::catalog::{Catalog, DEFAULT_RULESET};
use crate::domain::ruleset::{Fraction, Quorum, Settings};
use crate::domain::session::{Member, Role, SessionInfo};
use crate::domain::text::nfc;
use crate::domain::{CriteriaSet, Ruleset, Session};
use crate::store::Store;
use crate::ui::prefs::Prefs;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use iced::widget::{button, checkbox, column, container, radio, row, scrollable, text, text_input};
use iced::{Element, Fill, Task};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub name: String,
    pub position: String,
    pub role: Role,
    pub scores: bool,
}

/// Everything the form gathered; turned into a session by `into_session`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub path: PathBuf,
    pub title: String,
    pub ruleset: String,
    pub criteria: String,
    pub authority: String,
    pub province: String,
    pub council_decision: String,
    pub meeting_date: String,
    pub meeting_place: String,
    pub spread_limit: String,
    pub quorum: String,
    pub chair_required: bool,
    pub decimals: u8,
    pub members: Vec<MemberRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Path,
    Title,
    Authority,
    Province,
    Decision,
    Date,
    Place,
    Spread,
    Quorum,
}

/// One change to a roster row.
#[derive(Debug, Clone)]
pub enum MemberEdit {
    Name(String),
    Position(String),
    Role(Role),
    Scores(bool),
}

impl MemberEdit {
    fn apply(self, m: &mut MemberRow) {
        match self {
            MemberEdit::Name(v) => m.name = v,
            MemberEdit::Position(v) => m.position = v,
            MemberEdit::Role(r) => m.role = r,
            MemberEdit::Scores(b) => m.scores = b,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    PathChanged(String),
    OpenPath,
    Browse,
    Browsed(Option<PathBuf>),
    OpenRecent(usize),
    OpenDemo,
    Field(Field, String),
    /// A ruleset by its place in the list (radio values must be `Copy`).
    Ruleset(usize),
    /// A criteria set by its place in the list.
    Criteria(usize),
    ChairRequired(bool),
    Decimals(u8),
    Member(usize, MemberEdit),
    AddMember,
    RemoveMember(usize),
    CopyCouncil,
    CouncilPicked(Option<PathBuf>),
    CouncilCopied(Result<Vec<Member>, String>),
    SaveAs,
    SaveAsPicked(Option<PathBuf>),
    Create,
}

pub struct State {
    pub open_path: String,
    pub form: NewSession,
    pub rulesets: Vec<(String, String)>,
    /// Criteria sets offered: (id, title), built in and installed.
    pub criteria_sets: Vec<(String, String)>,
}

impl Default for State {
    fn default() -> Self {
        State::new(None)
    }
}

/// New sessions go to Documents/OCOP (or ~/OCOP where there is no Documents folder).
fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| u.document_dir().unwrap_or(u.home_dir()).join("OCOP"))
        .unwrap_or_else(|| PathBuf::from("OCOP"))
}

impl State {
    pub fn new(catalog: Option<&Catalog>) -> State {
        let rulesets =
            catalog.map(|c| c.rulesets.iter().map(|r| (r.id.clone(), r.title.clone())).collect()).unwrap_or_default();
        let defaults = catalog.and_then(|c| c.ruleset(DEFAULT_RULESET)).map(|r| r.defaults);
        let d = defaults.unwrap_or(Settings::QD148);
        let criteria_sets: Vec<(String, String)> =
            catalog.map(|c| c.criteria.iter().map(|s| (s.id.clone(), s.title.clone())).collect()).unwrap_or_default();
        State {
            open_path: String::new(),
            criteria_sets: criteria_sets.clone(),
            rulesets,
            form: NewSession {
                path: default_folder().join("Phiên họp mới.ocop"),
                title: String::new(),
                ruleset: DEFAULT_RULESET.into(),
                criteria: criteria_sets.first().map(|(id, _)| id.clone()).unwrap_or_default(),
                authority: String::new(),
                province: String::new(),
                council_decision: String::new(),
                meeting_date: String::new(),
                meeting_place: String::new(),
                spread_limit: d.spread_limit.to_string(),
                quorum: d.quorum.fraction.to_string(),
                chair_required: d.quorum.chair_required,
                decimals: d.decimals,
                members: vec![MemberRow {
                    name: String::new(),
                    position: String::new(),
                    role: Role::Chair,
                    scores: true,
                }],
            },
        }
    }

    pub fn update(&mut self, message: Message, prefs: &Prefs) -> Action<Message> {
        let f = &mut self.form;
        match message {
            Message::PathChanged(p) => self.open_path = p,
            Message::OpenPath => {
                let p = self.open_path.trim();
                if p.is_empty() {
                    return Action::Error("Hãy nhập đường dẫn tệp phiên họp (.ocop)".into());
                }
                return Action::Open(PathBuf::from(p));
            }
            Message::Browse => {
                return Action::Run(Task::perform(
                    rfd::AsyncFileDialog::new().add_filter("Phiên họp OCOP", &["ocop"]).pick_file(),
                    |f| Message::Browsed(f.map(|h| h.path().to_path_buf())),
                ));
            }
            Message::Browsed(Some(path)) => return Action::Open(path),
            Message::Browsed(None) | Message::CouncilPicked(None) | Message::SaveAsPicked(None) => {}
            Message::OpenRecent(i) => {
                if let Some(p) = prefs.recent.get(i) {
                    return Action::Open(p.clone());
                }
            }
            Message::OpenDemo => return Action::OpenDemo,
            Message::Field(field, value) => {
                let slot = match field {
                    Field::Path => {
                        f.path = PathBuf::from(value);
                        return Action::None;
                    }
                    Field::Title => &mut f.title,
                    Field::Authority => &mut f.authority,
                    Field::Province => &mut f.province,
                    Field::Decision => &mut f.council_decision,
                    Field::Date => &mut f.meeting_date,
                    Field::Place => &mut f.meeting_place,
                    Field::Spread => &mut f.spread_limit,
                    Field::Quorum => &mut f.quorum,
                };
                *slot = value;
            }
            Message::Criteria(i) => {
                if let Some((id, _)) = self.criteria_sets.get(i) {
                    f.criteria = id.clone();
                }
            }
            Message::Ruleset(i) => {
                if let Some((id, _)) = self.rulesets.get(i) {
                    f.ruleset = id.clone();
                }
            }
            Message::ChairRequired(b) => f.chair_required = b,
            Message::Decimals(d) => f.decimals = d,
            Message::Member(i, edit) => {
                if let Some(m) = f.members.get_mut(i) {
                    edit.apply(m);
                }
            }
            Message::AddMember => f.members.push(MemberRow {
                name: String::new(),
                position: String::new(),
                role: Role::Member,
                scores: true,
            }),
            Message::RemoveMember(i) => {
                if i < f.members.len() {
                    f.members.remove(i);
                }
            }
            Message::CopyCouncil => {
                return Action::Run(Task::perform(
                    rfd::AsyncFileDialog::new().add_filter("Phiên họp OCOP", &["ocop"]).pick_file(),
                    |f| Message::CouncilPicked(f.map(|h| h.path().to_path_buf())),
                ));
            }
            Message::CouncilPicked(Some(path)) => {
                return Action::Run(Task::perform(async move { council_of(&path) }, Message::CouncilCopied));
            }
            Message::CouncilCopied(Ok(members)) => {
                let n = members.len();
                f.members = members
                    .into_iter()
                    .map(|m| MemberRow { name: m.name, position: m.position, role: m.role, scores: m.scores })
                    .collect();
                return Action::Notice(format!("Đã chép {n} thành viên Hội đồng từ phiên trước."));
            }
            Message::CouncilCopied(Err(e)) => return Action::Error(e),
            Message::SaveAs => {
                return Action::Run(Task::perform(
                    rfd::AsyncFileDialog::new()
                        .add_filter("Phiên họp OCOP", &["ocop"])
                        .set_file_name("Phiên họp.ocop")
                        .save_file(),
                    |f| Message::SaveAsPicked(f.map(|h| h.path().to_path_buf())),
                ));
            }
            Message::SaveAsPicked(Some(mut path)) => {
                if path.extension().is_none() {
                    path.set_extension("ocop");
                }
                f.path = path;
            }
            Message::Create => {
                if f.path.exists() {
                    return Action::Error(format!("{}: đã có tệp này — chọn tên khác", f.path.display()));
                }
                return Action::Create(Box::new(f.clone()));
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, lang: Lang, prefs: &'a Prefs, busy: bool) -> Element<'a, Message> {
        let mut recent =
            column![text(tr(lang, "Phiên họp gần đây", "Recent sessions")).font(UI_BOLD).size(18)].spacing(6);
        if prefs.recent.is_empty() {
            recent = recent.push(text(tr(lang, "(chưa có)", "(none yet)")));
        }
        for (i, p) in prefs.recent.iter().enumerate() {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            recent = recent.push(
                button(column![text(name), text(p.display().to_string()).size(12)])
                    .style(button::secondary)
                    .width(Fill)
                    .on_press(Message::OpenRecent(i)),
            );
        }
        let open = column![
            text(tr(lang, "Mở phiên họp", "Open a session")).font(UI_BOLD).size(18),
            style::tag(
                "open-demo",
                button(text(tr(lang, "Mở phiên họp mẫu (Ý Yên, 6/2023)", "Open the demo session (Ý Yên, 6/2023)")))
                    .on_press_maybe((!busy).then_some(Message::OpenDemo))
            ),
            button(text(tr(lang, "Chọn tệp .ocop…", "Choose a .ocop file…"))).on_press(Message::Browse),
            row![
                text_input(tr(lang, "hoặc gõ đường dẫn tệp", "or type the file's path"), &self.open_path)
                    .on_input(Message::PathChanged)
                    .on_submit(Message::OpenPath),
                button(text(tr(lang, "Mở", "Open"))).on_press(Message::OpenPath),
            ]
            .spacing(6),
        ]
        .spacing(8);
        let left = column![open, recent].spacing(24).width(420);
        // Where to save and the create button stay in view below the scrolling form.
        let f = &self.form;
        let save = row![
            text(tr(lang, "Lưu tại", "Save as")).width(190),
            text_input("", &f.path.display().to_string()).on_input(|v| Message::Field(Field::Path, v)).id("field-Path"),
            button(text(tr(lang, "Chọn…", "Choose…"))).on_press(Message::SaveAs),
            style::tag(
                "create-session",
                button(text(tr(lang, "Tạo phiên họp", "Create session")).font(UI_BOLD))
                    .on_press_maybe((!busy).then_some(Message::Create))
            ),
        ]
        .spacing(8)
        .align_y(iced::Center);
        let right = column![scrollable(self.form_view(lang)).height(Fill), save].spacing(10);
        row![
            container(left).padding(12).style(style::panel),
            container(right).padding(12).width(Fill).style(style::panel)
        ]
        .spacing(12)
        .into()
    }

    fn form_view(&self, lang: Lang) -> Element<'_, Message> {
        let f = &self.form;
        let field = |label: &'static str, value: &str, which: Field, placeholder: &'static str| {
            row![
                text(label).width(190),
                text_input(placeholder, value)
                    .on_input(move |v| Message::Field(which, v))
                    .id(format!("field-{which:?}")),
            ]
            .spacing(8)
            .align_y(iced::Center)
        };
        let mut rulesets = row![text(tr(lang, "Quy tắc", "Ruleset")).width(190)].spacing(12);
        let chosen = self.rulesets.iter().position(|(id, _)| *id == f.ruleset);
        for (i, (_, title)) in self.rulesets.iter().enumerate() {
            rulesets = rulesets.push(radio(title.as_str(), i, chosen, Message::Ruleset));
        }
        let chosen_set = self.criteria_sets.iter().position(|(id, _)| *id == f.criteria);
        let mut sets = column![].spacing(4);
        for (i, (_, title)) in self.criteria_sets.iter().enumerate() {
            sets = sets.push(radio(title.as_str(), i, chosen_set, Message::Criteria));
        }
        let sets = row![text(tr(lang, "Bộ tiêu chí", "Criteria set")).width(190), sets].spacing(12);
        let decimals = [0u8, 1, 2]
            .into_iter()
            .fold(row![text(tr(lang, "Số chữ số thập phân", "Decimals")).width(190)].spacing(12), |r, d| {
                r.push(radio(d.to_string(), d, Some(f.decimals), Message::Decimals))
            });
        let mut roster = column![
            row![
                text(tr(lang, "Hội đồng", "Council")).font(UI_BOLD).size(16).width(Fill),
                button(text(tr(lang, "Chép từ phiên trước…", "Copy from an earlier session…")))
                    .on_press(Message::CopyCouncil),
                style::tag(
                    "add-member",
                    button(text(tr(lang, "Thêm thành viên", "Add member"))).on_press(Message::AddMember)
                ),
            ]
            .spacing(8)
        ]
        .spacing(6);
        for (i, m) in f.members.iter().enumerate() {
            let roles = [
                (Role::Chair, tr(lang, "Chủ tịch", "Chair")),
                (Role::ViceChair, tr(lang, "Phó CT", "Vice-chair")),
                (Role::Member, tr(lang, "Thành viên", "Member")),
                (Role::Secretary, tr(lang, "Thư ký", "Secretary")),
            ]
            .into_iter()
            .fold(row![].spacing(8), |r, (role, label)| {
                r.push(
                    radio(label, role, Some(m.role), move |role| Message::Member(i, MemberEdit::Role(role)))
                        .size(14)
                        .text_size(13),
                )
            });
            roster = roster.push(
                column![
                    row![
                        text(format!("m{}", i + 1)).width(34),
                        text_input(tr(lang, "Họ và tên", "Full name"), &m.name)
                            .on_input(move |v| Message::Member(i, MemberEdit::Name(v)))
                            .id(format!("member-name-{i}")),
                        text_input(tr(lang, "Chức vụ, đơn vị", "Position"), &m.position)
                            .on_input(move |v| Message::Member(i, MemberEdit::Position(v))),
                        checkbox(m.scores)
                            .label(tr(lang, "Chấm điểm", "Scores"))
                            .on_toggle(move |b| Message::Member(i, MemberEdit::Scores(b))),
                        button(text("✕")).style(button::text).on_press(Message::RemoveMember(i)),
                    ]
                    .spacing(6)
                    .align_y(iced::Center),
                    row![text("").width(34), roles],
                ]
                .spacing(2),
            );
        }
        column![
            text(tr(lang, "Phiên họp mới", "New session")).font(UI_BOLD).size(18),
            field(
                tr(lang, "Tên phiên họp", "Title"),
                &f.title,
                Field::Title,
                "Hội nghị đánh giá, phân hạng sản phẩm OCOP …"
            ),
            rulesets,
            sets,
            field(tr(lang, "Cơ quan ban hành", "Authority"), &f.authority, Field::Authority, "Ủy ban nhân dân huyện …"),
            field(tr(lang, "Tỉnh", "Province"), &f.province, Field::Province, "Nam Định"),
            field(
                tr(lang, "Quyết định thành lập HĐ", "Council decision"),
                &f.council_decision,
                Field::Decision,
                "Quyết định số …/QĐ-UBND ngày …"
            ),
            field(tr(lang, "Ngày họp", "Meeting date"), &f.meeting_date, Field::Date, "2023-06-05"),
            field(tr(lang, "Địa điểm", "Place"), &f.meeting_place, Field::Place, "Hội trường UBND …"),
            field(tr(lang, "Chênh lệch tối đa (điểm)", "Spread limit (points)"), &f.spread_limit, Field::Spread, "10"),
            field(tr(lang, "Số lượng tối thiểu (phân số)", "Quorum (fraction)"), &f.quorum, Field::Quorum, "2/3"),
            row![
                text("").width(190),
                checkbox(f.chair_required)
                    .label(tr(lang, "Cần có Chủ tịch hoặc Phó Chủ tịch", "Chair or vice-chair required"))
                    .on_toggle(Message::ChairRequired)
            ],
            decimals,
            roster,
        ]
        .spacing(10)
        .padding([0, 12])
        .into()
    }
}

impl NewSession {
    /// The session the form describes, checked by the same rules as an imported file.
    pub fn into_session<'c>(self, catalog: &'c Catalog) -> Result<(Session, &'c CriteriaSet, &'c Ruleset), String> {
        let ruleset = catalog.ruleset(&self.ruleset).ok_or_else(|| format!("không có quy tắc «{}»", self.ruleset))?;
        let criteria =
            catalog.criteria(&self.criteria).or(catalog.criteria.first()).ok_or("không có bộ tiêu chí nào")?;
        let spread_limit: u32 = self
            .spread_limit
            .trim()
            .parse()
            .map_err(|_| format!("Chênh lệch tối đa: «{}» không phải số điểm nguyên", self.spread_limit))?;
        let fraction =
            Fraction::try_from(self.quorum.trim().to_string()).map_err(|e| format!("Số lượng tối thiểu: {e}"))?;
        if self.title.trim().is_empty() {
            return Err("Tên phiên họp: hãy nhập tên".into());
        }
        let members: Vec<Member> = self
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| Member {
                id: format!("m{}", i + 1),
                name: nfc(m.name.trim()),
                position: nfc(m.position.trim()),
                role: m.role,
                present: true,
                scores: m.scores,
            })
            .collect();
        let meeting_date = crate::domain::date::from_text(self.meeting_date.trim())
            .map_err(|e| friendly("session.meeting_date", &e.to_string()))?;
        let settings = Settings {
            spread_limit,
            quorum: Quorum { fraction, chair_required: self.chair_required },
            decimals: self.decimals,
        };
        let mut session = Session::empty(SessionInfo {
            authority: nfc(self.authority.trim()),
            province: nfc(self.province.trim()),
            council_decision: nfc(self.council_decision.trim()),
            meeting_date,
            meeting_place: nfc(self.meeting_place.trim()),
            ..SessionInfo::new(nfc(self.title.trim()), ruleset, criteria, settings)
        });
        session.members = members;
        session.check(criteria, ruleset.defaults).map_err(|e| friendly(&e.path, &e.problem))?;
        Ok((session, criteria, ruleset))
    }
}

/// A checked-session error in the words of the form: "Hội đồng, dòng m3: họ tên trống".
fn friendly(path: &str, problem: &str) -> String {
    if let Some(rest) = path.strip_prefix("members[") {
        let n: usize = rest.split(']').next().and_then(|i| i.parse().ok()).unwrap_or(0);
        return format!("Hội đồng, thành viên m{}: {problem}", n + 1);
    }
    match path {
        "session.meeting_date" => format!("Ngày họp: {problem}"),
        _ => format!("{path}: {problem}"),
    }
}

/// The council of an earlier session file, for "copy from an earlier session".
fn council_of(path: &std::path::Path) -> Result<Vec<Member>, String> {
    let store = Store::open_shared(path).map_err(|e| e.to_string())?;
    Ok(store.load().map_err(|e| e.to_string())?.session.members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> (State, Catalog) {
        let catalog = Catalog::builtin().unwrap();
        let mut s = State::new(Some(&catalog));
        let prefs = Prefs::default();
        for (field, value) in [(Field::Title, "Phiên thử"), (Field::Date, "2023-06-05"), (Field::Quorum, "3/4")] {
            let _ = s.update(Message::Field(field, value.into()), &prefs);
        }
        let _ = s.update(Message::Member(0, MemberEdit::Name("Nguyễn Văn An".into())), &prefs);
        let _ = s.update(Message::AddMember, &prefs);
        let _ = s.update(Message::Member(1, MemberEdit::Name("Lê Thị Hoa".into())), &prefs);
        let _ = s.update(Message::Member(1, MemberEdit::Role(Role::Secretary)), &prefs);
        (s, catalog)
    }

    #[test]
    fn the_form_builds_a_checked_session() {
        let (s, catalog) = filled();
        let (session, criteria, ruleset) = s.form.clone().into_session(&catalog).unwrap();
        assert_eq!(criteria.id, "qd26-2026");
        assert_eq!(ruleset.id, "qd148-2023-huyen");
        assert_eq!(session.members.len(), 2);
        assert_eq!(session.members[1].id, "m2");
        assert_eq!(session.members[1].role, Role::Secretary);
        assert_eq!(session.settings().quorum.fraction, Fraction { num: 3, den: 4 });
    }

    #[test]
    fn the_form_refuses_bad_values_naming_the_field() {
        let (mut s, catalog) = filled();
        let prefs = Prefs::default();
        let _ = s.update(Message::Field(Field::Quorum, "3/2".into()), &prefs);
        assert!(s.form.clone().into_session(&catalog).unwrap_err().starts_with("Số lượng tối thiểu:"));
        let _ = s.update(Message::Field(Field::Quorum, "2/3".into()), &prefs);
        let _ = s.update(Message::Field(Field::Spread, "mười".into()), &prefs);
        assert!(s.form.clone().into_session(&catalog).unwrap_err().contains("không phải số điểm nguyên"));
        let _ = s.update(Message::Field(Field::Spread, "10".into()), &prefs);
        let _ = s.update(Message::Member(1, MemberEdit::Name(" ".into())), &prefs);
        assert_eq!(s.form.clone().into_session(&catalog).unwrap_err(), "Hội đồng, thành viên m2: họ tên trống");
        let _ = s.update(Message::RemoveMember(1), &prefs);
        let _ = s.update(Message::Field(Field::Date, "5/6/2023".into()), &prefs);
        assert!(s.form.clone().into_session(&catalog).unwrap_err().starts_with("Ngày họp:"));
    }
}
