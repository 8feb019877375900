//! Documents: generate the PDFs to sign (all, or one kind) into a folder beside the session file,
//! see them listed, and open one in the system's PDF viewer to print.

use super::Bilingual;
use crate::report::{KINDS, Kind, write_all};
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill, Task};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub enum Message {
    Folder(String),
    Generate(Option<Kind>),
    Generated(Result<Vec<PathBuf>, Bilingual>),
    Open(PathBuf),
}

/// What this screen asks of the app.
pub type Action = super::Action<Message>;

#[derive(Default)]
pub struct State {
    folder: String,
    /// While documents are being made (the buttons wait).
    busy: bool,
    files: Vec<PathBuf>,
}

/// `Phiên họp Ý Yên - tài liệu` beside `Phiên họp Ý Yên.ocop`.
pub fn default_folder(session: &Path) -> PathBuf {
    let stem = session.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "phien-hop".into());
    session.with_file_name(format!("{stem} - tài liệu"))
}

impl State {
    /// The documents made since the session was opened, in the order they were first made.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Folder(f) => self.folder = f,
            Message::Generate(only) => {
                let folder = if self.folder.trim().is_empty() {
                    default_folder(&ws.path)
                } else {
                    PathBuf::from(self.folder.trim())
                };
                self.folder = folder.display().to_string();
                self.busy = true;
                let session = ws.path.clone();
                // Everything is saved as typed, so the file is what the documents are made from.
                return Action::Run(Task::perform(
                    async move {
                        let loaded = Workspace::read_file(&session).map_err(|e| Bilingual::from(&e))?;
                        write_all(&loaded.into(), &folder, only).map_err(|e| Bilingual::from(&e))
                    },
                    Message::Generated,
                ));
            }
            Message::Generated(result) => {
                self.busy = false;
                match result {
                    Ok(files) => {
                        let n = files.len();
                        for f in files {
                            if !self.files.contains(&f) {
                                self.files.push(f);
                            }
                        }
                        return Action::Notice(Bilingual::new(
                            format!("Đã tạo {n} tài liệu trong {}", self.folder),
                            format!("{n} documents made in {}", self.folder),
                        ));
                    }
                    Err(e) => return Action::Error(e),
                }
            }
            Message::Open(path) => {
                if let Err(e) = crate::ui::open_with_system(&path) {
                    return Action::Error(Bilingual::new(
                        format!(
                            "{}: không mở được bằng trình xem PDF của máy ({})",
                            path.display(),
                            crate::lang::vi::io_error(&e)
                        ),
                        format!(
                            "{}: the PDF viewer of this computer could not open it ({})",
                            path.display(),
                            crate::lang::en::io_error(&e)
                        ),
                    ));
                }
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let state = match &ws.lock {
            Some(l) => format!(
                "{} {}",
                tr(lang, "Kết quả đã khóa: mọi trang mang dấu vân tay", "Locked: every page carries the fingerprint"),
                crate::domain::fingerprint::short(&l.fingerprint)
            ),
            None => tr(
                lang,
                "Kết quả chưa khóa: mọi trang in chữ «DỰ THẢO».",
                "Not locked: every page is marked as a draft.",
            )
            .into(),
        };
        // A criteria set issued after the meeting date (issue 14): said here as when the session was made.
        let basis_warning =
            crate::domain::legal::later_basis(&ws.criteria.legal_basis, ws.session.session.meeting_date)
                .map(|w| crate::lang::Say::say(&w, lang))
                .unwrap_or_default();
        let placeholder = default_folder(&ws.path).display().to_string();
        let mut kinds = column![].spacing(6);
        for kind in KINDS {
            kinds = kinds.push(
                row![
                    text(kind_title(kind, lang)).width(Fill),
                    style::tag(
                        format!("generate-{}", kind.id()),
                        button(text(tr(lang, "Tạo", "Make")))
                            .on_press_maybe((!self.busy).then_some(Message::Generate(Some(kind))))
                    ),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        let mut files = column![text(tr(lang, "Tài liệu đã tạo", "Documents made")).font(UI_BOLD).size(18)].spacing(6);
        for f in &self.files {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files = files.push(
                row![
                    text(name).width(Fill),
                    button(text(tr(lang, "Mở để in", "Open to print"))).on_press(Message::Open(f.clone())),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        row![
            container(scrollable(
                column![
                    text(tr(lang, "Tài liệu để ký", "Documents to sign")).font(UI_BOLD).size(18),
                    text(state),
                    style::tag("basis-warning", text(basis_warning)),
                    missing_facts(ws, lang),
                    row![
                        text(tr(lang, "Thư mục", "Folder")).width(80),
                        style::text_input(&placeholder, &self.folder).on_input(Message::Folder),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                    style::tag(
                        "generate-all",
                        button(text(tr(lang, "Tạo tất cả", "Make all")).font(UI_BOLD))
                            .on_press_maybe((!self.busy).then_some(Message::Generate(None)))
                    ),
                    kinds,
                ]
                .spacing(10)
                // At 800×600 the list is longer than the panel: it scrolls, never cut.
                .padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })
            ))
            .height(Fill)
            .padding(12)
            .width(Fill)
            .style(style::panel),
            container(scrollable(files).height(Fill)).padding(12).width(Fill).style(style::panel),
        ]
        .spacing(10)
        .into()
    }
}

/// A kind of document by its Vietnamese title, or what it is in English.
fn kind_title(kind: Kind, lang: Lang) -> &'static str {
    let en = match kind {
        Kind::Minutes => "Minutes of the council meeting",
        Kind::Summary => "Summary table of scores",
        Kind::Sheets => "Score sheets (as scored)",
        Kind::SheetsByMember => "Score sheets by member",
        Kind::Blank => "Blank score sheets (to score on paper)",
        Kind::Decision => "Draft recognition decision",
        Kind::Forward => "Letter forwarding to the higher level",
        Kind::Editable => "Editable copies (.docx, .xlsx)",
    };
    tr(lang, kind.title_vi(), en)
}

/// What the documents need and the session lacks (issue 13.4): listed before they are made, with
/// where to fill it in, instead of a paper that says "…cấp huyện năm".
fn missing_facts<'a>(ws: &Workspace, lang: Lang) -> Element<'a, Message> {
    use crate::lang::Say;
    let missing = ws.missing_facts();
    if missing.is_empty() {
        return iced::widget::space().into();
    }
    let words: Vec<String> = missing.iter().map(|f| f.say(lang)).collect();
    let head = tr(lang, "Tài liệu còn thiếu:", "The documents still lack:");
    let hint = tr(lang, "bổ sung ở thẻ «Thông tin phiên họp»", "fill them in on the «Session details» tab");
    style::tag("documents-missing", text(format!("{head} {} — {hint}.", words.join(", ")))).into()
}
