//! The start screen's view: opening a session (recent, demo, chosen or typed), and the new-session
//! form with its council roster.

use super::{Field, MemberEdit, Message, State};
use crate::domain::session::Role;
use crate::ui::prefs::Prefs;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use iced::widget::{button, checkbox, column, container, radio, row, scrollable, text};
use iced::{Element, Fill, FillPortion};

/// The width of the form's labels: room for «Số chữ số thập phân» on two lines at 800 px.
const LABEL: f32 = 150.0;

impl State {
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
            row![
                style::tag(
                    "open-demo",
                    button(text(tr(lang, "Mở phiên họp mẫu (Ý Yên, 6/2023)", "Open the demo session (Ý Yên, 6/2023)")))
                        .on_press_maybe((!busy).then_some(Message::OpenDemo))
                ),
                style::tag(
                    "reset-demo",
                    button(text(tr(lang, "Làm lại từ đầu", "Start it afresh")))
                        .style(button::secondary)
                        .on_press_maybe((!busy).then_some(Message::ResetDemo))
                ),
            ]
            .spacing(6)
            .wrap()
            .vertical_spacing(6),
            button(text(tr(lang, "Chọn tệp .ocop…", "Choose a .ocop file…"))).on_press(Message::Browse),
            row![
                style::text_input(tr(lang, "hoặc gõ đường dẫn tệp", "or type the file's path"), &self.open_path)
                    .on_input(Message::PathChanged)
                    .on_submit(Message::OpenPath)
                    .id("open-path"),
                style::tag("open-typed", button(text(tr(lang, "Mở", "Open"))).on_press(Message::OpenPath)),
            ]
            .spacing(6),
        ]
        .spacing(8);
        let left = column![open, recent].spacing(24);
        // Where to save and the create button stay in view below the scrolling form.
        let f = &self.form;
        // The path on its own line, the buttons under it: at 800 px the path stays readable.
        let save = column![
            row![
                text(tr(lang, "Lưu tại", "Save as")).width(LABEL),
                style::text_input("", &f.path.display().to_string())
                    .on_input(|v| Message::Field(Field::Path, v))
                    .id("field-Path"),
            ]
            .spacing(8)
            .align_y(iced::Center),
            row![
                iced::widget::space::horizontal(),
                button(text(tr(lang, "Chọn…", "Choose…"))).on_press(Message::SaveAs),
                style::tag(
                    "create-session",
                    button(text(tr(lang, "Tạo phiên họp", "Create session")).font(UI_BOLD))
                        .on_press_maybe((!busy).then_some(Message::Create))
                ),
            ]
            .spacing(8),
        ]
        .spacing(6);
        let right = column![scrollable(self.form_view(lang)).height(Fill), save].spacing(10);
        row![
            // At 800 px the new session's form takes the larger share; the open column gives way.
            container(left).padding(12).width(FillPortion(2)).max_width(420.0).style(style::panel),
            container(right).padding(12).width(FillPortion(3)).style(style::panel)
        ]
        .spacing(12)
        .into()
    }

    fn form_view(&self, lang: Lang) -> Element<'_, Message> {
        let f = &self.form;
        let field = |label: &'static str, value: &str, which: Field, placeholder: &'static str| {
            row![
                text(label).width(LABEL),
                style::text_input(placeholder, value)
                    .on_input(move |v| Message::Field(which, v))
                    .id(format!("field-{which:?}")),
            ]
            .spacing(8)
            .align_y(iced::Center)
        };
        let (rulesets, sets, decimals) = self.choices(lang);
        let roster = self.roster(lang);
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
                text("").width(LABEL),
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

    /// The radio rows: ruleset, criteria set, and decimals.
    fn choices(&self, lang: Lang) -> (Element<'_, Message>, Element<'_, Message>, Element<'_, Message>) {
        let f = &self.form;
        let chosen = self.rulesets.iter().position(|r| r.id == f.ruleset);
        let mut choices = column![].spacing(4);
        for (i, r) in self.rulesets.iter().enumerate() {
            choices = choices.push(radio(r.title.as_str(), i, chosen, Message::Ruleset));
        }
        let rulesets = row![text(tr(lang, "Quy tắc", "Ruleset")).width(LABEL), choices].spacing(12);
        let chosen_set = self.criteria_sets.iter().position(|set| set.id == f.criteria);
        let mut sets = column![].spacing(4);
        for (i, set) in self.criteria_sets.iter().enumerate() {
            sets = sets.push(radio(set.title.as_str(), i, chosen_set, Message::Criteria));
        }
        let sets = row![text(tr(lang, "Bộ tiêu chí", "Criteria set")).width(LABEL), sets].spacing(12);
        let decimals = [0u8, 1, 2]
            .into_iter()
            .fold(row![text(tr(lang, "Số chữ số thập phân", "Decimals")).width(LABEL)].spacing(12), |r, d| {
                r.push(radio(d.to_string(), d, Some(f.decimals), Message::Decimals))
            });
        (rulesets.into(), sets.into(), decimals.into())
    }

    /// The council: one row per member (name, position, scores or not, role), and adding or copying.
    fn roster(&self, lang: Lang) -> Element<'_, Message> {
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
            .spacing(8),
        ]
        .spacing(6);
        for (i, m) in self.form.members.iter().enumerate() {
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
                        style::text_input(tr(lang, "Họ và tên", "Full name"), &m.name)
                            .on_input(move |v| Message::Member(i, MemberEdit::Name(v)))
                            .id(format!("member-name-{i}")),
                        style::text_input(tr(lang, "Chức vụ, đơn vị", "Position"), &m.position)
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
        // Without a file dialog, the earlier session is typed here.
        roster = roster.push(
            row![
                style::text_input(
                    tr(lang, "hoặc gõ đường dẫn phiên trước", "or type the earlier session's path"),
                    &self.council_path
                )
                .on_input(Message::CouncilPath)
                .on_submit(Message::CopyCouncilTyped)
                .id("council-path"),
                style::tag(
                    "copy-council-typed",
                    button(text(tr(lang, "Chép", "Copy"))).on_press(Message::CopyCouncilTyped)
                ),
            ]
            .spacing(6),
        );
        roster.into()
    }
}
