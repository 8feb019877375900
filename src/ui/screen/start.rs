//! Start: recent session files, open a file (native dialog or a typed path), open the demo session,
//! and the new-session form with its council roster (which can be copied from an earlier session).

use super::Bilingual;
use super::pick::{self, Picked};
use crate::catalog::{Catalog, DEFAULT_RULESET};
use crate::domain::ruleset::{Fraction, Quorum, Settings};
use crate::domain::session::{Invalid, Member, Role, SessionInfo};
use crate::domain::text::nfc;
use crate::domain::{CriteriaSet, Ruleset, Session};
use crate::lang::{Lang, Say};
use crate::ui::prefs::Prefs;
use crate::workspace::Workspace;
use iced::Task;
use std::path::PathBuf;

mod view;

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
    Browsed(Picked),
    OpenRecent(usize),
    OpenDemo,
    /// Make the demo session afresh (it may have been locked, or scored by a trainee).
    ResetDemo,
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
    /// The earlier session's path as typed (when there is no file dialog).
    CouncilPath(String),
    CopyCouncilTyped,
    CouncilPicked(Picked),
    CouncilCopied(Result<Vec<Member>, Bilingual>),
    SaveAs,
    SaveAsPicked(Picked),
    Create,
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Run(Task<Message>),
    Error(Bilingual),
    Notice(Bilingual),
    Open(PathBuf),
    OpenDemo,
    ResetDemo,
    Create(Box<NewSession>),
}

/// A ruleset or criteria set the form offers.
struct Offered {
    id: String,
    title: String,
}

pub struct State {
    open_path: String,
    /// The earlier session whose council is copied, as typed.
    council_path: String,
    form: NewSession,
    rulesets: Vec<Offered>,
    /// Criteria sets offered, built in and installed.
    criteria_sets: Vec<Offered>,
    /// What the session being created lacks (date, place, authority), said once it is open.
    warning: Option<Bilingual>,
}

impl Default for State {
    fn default() -> Self {
        State::new(None, &Prefs::default().sessions_folder())
    }
}

/// "Not yet: date, place, authority" for a form that leaves them empty (issue 13.4: a warning, not
/// a refusal — they are often fixed after the session is made).
fn unset_warning(f: &NewSession) -> Option<Bilingual> {
    use crate::domain::facts::MissingFact;
    use crate::lang::{Lang, Say};
    let unset: Vec<MissingFact> = [
        (f.authority.trim().is_empty(), MissingFact::Authority),
        (f.meeting_date.trim().is_empty(), MissingFact::MeetingDate),
        (f.meeting_place.trim().is_empty(), MissingFact::MeetingPlace),
    ]
    .into_iter()
    .filter_map(|(empty, fact)| empty.then_some(fact))
    .collect();
    if unset.is_empty() {
        return None;
    }
    let words = |lang: Lang| unset.iter().map(|f| f.say(lang)).collect::<Vec<_>>().join(", ");
    Some(Bilingual::new(
        format!("Lưu ý: chưa có {} — bổ sung ở thẻ «Thông tin phiên họp».", words(Lang::Vi)),
        format!("Note: no {} yet — add them on the «Session details» tab.", words(Lang::En)),
    ))
}

impl State {
    /// The warning about the session just created, once (None for a session opened).
    pub fn take_warning(&mut self) -> Option<Bilingual> {
        self.warning.take()
    }

    /// The form offers `folder` (the sessions folder) as where the new session goes.
    pub fn new(catalog: Option<&Catalog>, folder: &std::path::Path) -> State {
        let rulesets = catalog
            .map(|c| c.rulesets.iter().map(|r| Offered { id: r.id.clone(), title: r.title.clone() }).collect())
            .unwrap_or_default();
        let defaults = catalog.and_then(|c| c.ruleset(DEFAULT_RULESET)).map(|r| r.defaults);
        let d = defaults.unwrap_or(Settings::QD148);
        let criteria_sets: Vec<Offered> = catalog
            .map(|c| c.criteria.iter().map(|s| Offered { id: s.id.clone(), title: s.title.clone() }).collect())
            .unwrap_or_default();
        let criteria = criteria_sets.first().map(|set| set.id.clone()).unwrap_or_default();
        State {
            open_path: String::new(),
            council_path: String::new(),
            warning: None,
            criteria_sets,
            rulesets,
            form: NewSession {
                path: folder.join("Phiên họp mới.ocop"),
                title: String::new(),
                ruleset: DEFAULT_RULESET.into(),
                criteria,
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

    /// The new-session form as filled in so far.
    pub fn form(&self) -> &NewSession {
        &self.form
    }

    pub fn update(&mut self, message: Message, prefs: &Prefs) -> Action {
        match message {
            Message::PathChanged(p) => self.open_path = p,
            Message::OpenPath => {
                let p = self.open_path.trim();
                if p.is_empty() {
                    return Action::Error(Bilingual::new(
                        "Hãy nhập đường dẫn tệp phiên họp (.ocop)",
                        "Type the path of a session file (.ocop)",
                    ));
                }
                return Action::Open(PathBuf::from(p));
            }
            Message::Browse => return Action::Run(Task::perform(pick::show(pick::OCOP_FILE), Message::Browsed)),
            Message::Browsed(Picked::Chosen(path)) => return Action::Open(path),
            Message::Browsed(Picked::Unavailable)
            | Message::CouncilPicked(Picked::Unavailable)
            | Message::SaveAsPicked(Picked::Unavailable) => return Action::Error(pick::unavailable()),
            Message::Browsed(Picked::Cancelled)
            | Message::CouncilPicked(Picked::Cancelled)
            | Message::SaveAsPicked(Picked::Cancelled) => {}
            Message::OpenRecent(i) => {
                if let Some(p) = prefs.recent.get(i) {
                    return Action::Open(p.clone());
                }
            }
            Message::OpenDemo => return Action::OpenDemo,
            Message::ResetDemo => return Action::ResetDemo,
            Message::CopyCouncil => {
                return Action::Run(Task::perform(pick::show(pick::OCOP_FILE), Message::CouncilPicked));
            }
            Message::CouncilPath(p) => self.council_path = p,
            Message::CopyCouncilTyped => match self.council_path.trim() {
                "" => {
                    return Action::Error(Bilingual::new(
                        "Hãy nhập đường dẫn tệp phiên họp trước (.ocop)",
                        "Type the path of the earlier session file (.ocop)",
                    ));
                }
                typed => return copy_council_from(PathBuf::from(typed)),
            },
            Message::CouncilPicked(Picked::Chosen(path)) => return copy_council_from(path),
            Message::CouncilCopied(Ok(members)) => return self.copy_council(members),
            Message::CouncilCopied(Err(e)) => return Action::Error(e),
            Message::SaveAs => {
                return Action::Run(Task::perform(pick::show(pick::save_session(prefs.lang)), Message::SaveAsPicked));
            }
            Message::SaveAsPicked(Picked::Chosen(mut path)) => {
                if path.extension().is_none() {
                    path.set_extension("ocop");
                }
                self.form.path = path;
            }
            Message::Create => {
                let f = &self.form;
                if f.path.exists() {
                    return Action::Error(Bilingual::new(
                        format!("{}: đã có tệp này — chọn tên khác", f.path.display()),
                        format!("{}: this file exists already — choose another name", f.path.display()),
                    ));
                }
                self.warning = unset_warning(f);
                return Action::Create(Box::new(f.clone()));
            }
            edit @ (Message::Field(..)
            | Message::Criteria(_)
            | Message::Ruleset(_)
            | Message::ChairRequired(_)
            | Message::Decimals(_)
            | Message::Member(..)
            | Message::AddMember
            | Message::RemoveMember(_)) => self.edit(edit),
        }
        Action::None
    }

    /// A change to the new-session form (the messages that only change what it holds).
    fn edit(&mut self, message: Message) {
        let f = &mut self.form;
        match message {
            Message::Field(Field::Path, value) => f.path = PathBuf::from(value),
            Message::Field(field, value) => {
                if let Some(slot) = f.text_field(field) {
                    *slot = value;
                }
            }
            Message::Criteria(i) => {
                if let Some(set) = self.criteria_sets.get(i) {
                    f.criteria = set.id.clone();
                }
            }
            Message::Ruleset(i) => {
                if let Some(ruleset) = self.rulesets.get(i) {
                    f.ruleset = ruleset.id.clone();
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
            _ => {}
        }
    }

    /// Fills the roster with an earlier session's council.
    fn copy_council(&mut self, members: Vec<Member>) -> Action {
        let n = members.len();
        self.form.members = members
            .into_iter()
            .map(|m| MemberRow { name: m.name, position: m.position, role: m.role, scores: m.scores })
            .collect();
        Action::Notice(Bilingual::new(
            format!("Đã chép {n} thành viên Hội đồng từ phiên trước."),
            format!("{n} council members copied from the earlier session."),
        ))
    }
}

fn copy_council_from(path: PathBuf) -> Action {
    Action::Run(Task::perform(async move { council_of(&path) }, Message::CouncilCopied))
}

impl NewSession {
    /// The text a field of the form holds (the path is not text: None).
    fn text_field(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::Path => return None,
            Field::Title => &mut self.title,
            Field::Authority => &mut self.authority,
            Field::Province => &mut self.province,
            Field::Decision => &mut self.council_decision,
            Field::Date => &mut self.meeting_date,
            Field::Place => &mut self.meeting_place,
            Field::Spread => &mut self.spread_limit,
            Field::Quorum => &mut self.quorum,
        })
    }

    /// The session the form describes, checked by the same rules as an imported file.
    pub fn into_session<'c>(self, catalog: &'c Catalog) -> Result<(Session, &'c CriteriaSet, &'c Ruleset), Bilingual> {
        let ruleset = catalog.ruleset(&self.ruleset).ok_or_else(|| {
            Bilingual::new(format!("không có quy tắc «{}»", self.ruleset), format!("no ruleset «{}»", self.ruleset))
        })?;
        let criteria = catalog
            .criteria(&self.criteria)
            .or(catalog.criteria.first())
            .ok_or_else(|| Bilingual::new("không có bộ tiêu chí nào", "there is no criteria set"))?;
        let spread_limit: u32 = self.spread_limit.trim().parse().map_err(|_| {
            let typed = &self.spread_limit;
            Bilingual::new(
                format!("Chênh lệch tối đa: «{typed}» không phải số điểm nguyên"),
                format!("Spread limit: «{typed}» is not a whole number of points"),
            )
        })?;
        let fraction = Fraction::parse(self.quorum.trim()).map_err(|e| {
            Bilingual::new(format!("Số lượng tối thiểu: {}", e.say(Lang::Vi)), format!("Quorum: {}", e.say(Lang::En)))
        })?;
        if self.title.trim().is_empty() {
            return Err(Bilingual::new("Tên phiên họp: hãy nhập tên", "Title: type the session's title"));
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
                honorific: None,
                absence_reason: String::new(),
            })
            .collect();
        let meeting_date = crate::domain::date::from_text(self.meeting_date.trim()).map_err(|e| bad_date(&e))?;
        let settings = Settings {
            spread_limit,
            quorum: Quorum { fraction, chair_required: self.chair_required },
            decimals: self.decimals,
            check_required: false,
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
        session.check(criteria, ruleset.defaults).map_err(|e| friendly(&e))?;
        Ok((session, criteria, ruleset))
    }
}

/// A checked-session error in the words of the form: "Hội đồng, thành viên m3: họ tên trống" /
/// "Council, member m3: the name is empty" (the checker's problem said by `crate::lang`).
fn friendly(e: &Invalid) -> Bilingual {
    let (vi, en) = (e.problem.say(Lang::Vi), e.problem.say(Lang::En));
    if let Some(rest) = e.path.strip_prefix("members[") {
        let n: usize = rest.split(']').next().and_then(|i| i.parse().ok()).unwrap_or(0);
        return Bilingual::new(
            format!("Hội đồng, thành viên m{}: {vi}", n + 1),
            format!("Council, member m{}: {en}", n + 1),
        );
    }
    let name = |lang| crate::lang::field_name(&e.path, lang).unwrap_or(&e.path);
    Bilingual::new(format!("{}: {vi}", name(Lang::Vi)), format!("{}: {en}", name(Lang::En)))
}

/// A meeting date that is not one, in the words of the form.
fn bad_date(e: &crate::domain::date::DateError) -> Bilingual {
    Bilingual::new(format!("Ngày họp: {}", e.say(Lang::Vi)), format!("Meeting date: {}", e.say(Lang::En)))
}

/// The council of an earlier session file, for "copy from an earlier session".
fn council_of(path: &std::path::Path) -> Result<Vec<Member>, Bilingual> {
    Ok(Workspace::read_file(path).map_err(|e| Bilingual::from(&e))?.session.members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> (State, Catalog) {
        let catalog = Catalog::builtin().unwrap();
        let mut s = State::new(Some(&catalog), std::path::Path::new("OCOP"));
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
        assert!(s.form.clone().into_session(&catalog).unwrap_err().vi.starts_with("Số lượng tối thiểu:"));
        let _ = s.update(Message::Field(Field::Quorum, "2/3".into()), &prefs);
        let _ = s.update(Message::Field(Field::Spread, "mười".into()), &prefs);
        assert!(s.form.clone().into_session(&catalog).unwrap_err().vi.contains("không phải số điểm nguyên"));
        let _ = s.update(Message::Field(Field::Spread, "10".into()), &prefs);
        let _ = s.update(Message::Member(1, MemberEdit::Name(" ".into())), &prefs);
        assert_eq!(s.form.clone().into_session(&catalog).unwrap_err().vi, "Hội đồng, thành viên m2: họ tên trống");
        let _ = s.update(Message::RemoveMember(1), &prefs);
        let _ = s.update(Message::Field(Field::Date, "5/6/2023".into()), &prefs);
        assert!(s.form.clone().into_session(&catalog).unwrap_err().vi.starts_with("Ngày họp:"));
    }
}
