//! Archive: lock the results (the confirmation shows the fingerprint that will be printed on the
//! documents), archive to a folder (the USB stick) with a progress bar, verify a file against the
//! fingerprint typed from the signed paper, reopen with a reason, open a session from an archive
//! (copied back to this PC first), and read the audit trail. Once locked, the recognition decision
//! issued after the meeting is recorded here too (the form shared with the Register tab).

use super::Bilingual;
use super::pick::{self, Dialog, Picked};
use crate::archive::{ArchiveReport, Phase, archive, normalise_typed, verify};
use crate::domain::fingerprint::short;
use crate::domain::session::AuditEntry;
use crate::lang::{Say, local_time};
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::futures::SinkExt;
use iced::widget::{Column, button, column, container, progress_bar, row, scrollable, text};
use iced::{Element, Fill, Task};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum Message {
    AskLock,
    ConfirmLock,
    CancelLock,
    Dest(String),
    PickDest,
    DestPicked(Picked),
    Archive,
    Progress(Phase),
    Archived(Result<ArchiveReport, Bilingual>),
    VerifyPath(String),
    VerifyTyped(String),
    PickVerify,
    VerifyPicked(Picked),
    Verify,
    Verified(Result<Verification, Bilingual>),
    Reason(String),
    Reopen,
    OpenFromArchive,
    /// The archived file's path as typed (when there is no file dialog).
    RestorePath(String),
    RestoreTyped,
    RestorePicked(Picked),
    Restored(Result<PathBuf, Bilingual>),
    /// The recognition decision form (shown once the results are locked).
    Decision(super::decision::Message),
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Run(Task<Message>),
    Error(Bilingual),
    Notice(Bilingual),
    /// Open this session file (a copy restored from an archive).
    Open(PathBuf),
    /// Copy this archived file back to the sessions folder, then open the copy (the app knows the
    /// folder; the answer comes back as `Restored`).
    Restore(PathBuf),
}

/// What checking a file found: whether it is sound (and matches the typed fingerprint), line by line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub ok: bool,
    /// The report in Vietnamese, one finding per line.
    pub lines: Vec<String>,
    /// The same in English.
    pub lines_en: Vec<String>,
}

impl Verification {
    /// The report's lines in `lang`.
    pub fn lines_in(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Vi => &self.lines,
            Lang::En => &self.lines_en,
        }
    }
}

#[derive(Default)]
pub struct State {
    dest: String,
    progress: Option<Phase>,
    report: Option<ArchiveReport>,
    verify_path: String,
    verify_typed: String,
    verified: Option<Verification>,
    reason: String,
    restore_path: String,
    /// The fingerprint the lock would record, while the lock is being confirmed.
    confirm_lock: Option<String>,
    audit: Vec<AuditEntry>,
    decision: super::decision::Form,
}

fn pick_ocop(map: fn(Picked) -> Message) -> Task<Message> {
    Task::perform(pick::show(pick::OCOP_FILE), map)
}

impl State {
    /// Re-reads the audit trail (on entering the screen and after each change made here).
    pub fn refresh(&mut self, ws: &Workspace) {
        self.audit = ws.audit_log().unwrap_or_default();
        self.decision.refresh(ws);
    }

    /// The audit trail as last read, oldest first.
    pub fn audit(&self) -> &[AuditEntry] {
        &self.audit
    }

    /// The fingerprint shown for confirmation, while the lock asks first.
    pub fn confirming_lock(&self) -> Option<&str> {
        self.confirm_lock.as_deref()
    }

    /// The last archive made, once it is done and checked.
    pub fn report(&self) -> Option<&ArchiveReport> {
        self.report.as_ref()
    }

    /// Whether an archive is being written.
    pub fn archiving(&self) -> bool {
        self.progress.is_some()
    }

    /// What the last check of a file found.
    pub fn verified(&self) -> Option<&Verification> {
        self.verified.as_ref()
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::AskLock => return self.ask_lock(ws),
            Message::CancelLock => self.confirm_lock = None,
            Message::ConfirmLock => return self.confirm_lock(ws),
            Message::Dest(d) => self.dest = d,
            Message::PickDest => return Action::Run(Task::perform(pick::show(Dialog::Folder), Message::DestPicked)),
            Message::DestPicked(Picked::Chosen(p)) => self.dest = p.display().to_string(),
            Message::DestPicked(Picked::Unavailable)
            | Message::VerifyPicked(Picked::Unavailable)
            | Message::RestorePicked(Picked::Unavailable) => return Action::Error(pick::unavailable()),
            Message::DestPicked(Picked::Cancelled)
            | Message::VerifyPicked(Picked::Cancelled)
            | Message::RestorePicked(Picked::Cancelled) => {}
            Message::Archive => return self.archive(ws),
            Message::Progress(p) => self.progress = Some(p),
            Message::Archived(result) => return self.archived(ws, result),
            Message::VerifyPath(p) => self.verify_path = p,
            Message::VerifyTyped(t) => self.verify_typed = t,
            Message::PickVerify => return Action::Run(pick_ocop(Message::VerifyPicked)),
            Message::VerifyPicked(Picked::Chosen(p)) => self.verify_path = p.display().to_string(),
            Message::Verify => return self.verify(),
            Message::Verified(Ok(found)) => self.verified = Some(found),
            Message::Verified(Err(e)) => {
                self.verified = None;
                return Action::Error(e);
            }
            Message::Reason(r) => self.reason = r,
            Message::Reopen => return self.reopen(ws),
            Message::OpenFromArchive => return Action::Run(pick_ocop(Message::RestorePicked)),
            Message::RestorePath(p) => self.restore_path = p,
            Message::RestoreTyped => match self.restore_path.trim() {
                "" => {
                    return Action::Error(Bilingual::new(
                        "Hãy nhập đường dẫn tệp lưu trữ (.ocop)",
                        "Type the path of the archived file (.ocop)",
                    ));
                }
                typed => return Action::Restore(PathBuf::from(typed)),
            },
            Message::RestorePicked(Picked::Chosen(p)) => return Action::Restore(p),
            Message::Restored(Ok(copy)) => return Action::Open(copy),
            Message::Restored(Err(e)) => return Action::Error(e),
            Message::Decision(m) => {
                let said = self.decision.update(m, Some(ws));
                if said.is_some() {
                    // The decision's audit row is shown at once.
                    self.audit = ws.audit_log().unwrap_or_default();
                }
                return match said {
                    None => Action::None,
                    Some(Ok(notice)) => Action::Notice(notice),
                    Some(Err(e)) => Action::Error(e),
                };
            }
        }
        Action::None
    }

    /// Shows the fingerprint a lock would record, or why the session cannot be locked yet.
    fn ask_lock(&mut self, ws: &Workspace) -> Action {
        match ws.fingerprint() {
            Ok(fp) if ws.results().session.finalizable => self.confirm_lock = Some(fp),
            Ok(_) => {
                let blockers = ws.results().session.blockers.clone();
                return Action::Error(Bilingual::from(&crate::workspace::Error::NotFinalizable { blockers }));
            }
            Err(e) => return Action::Error((&e).into()),
        }
        Action::None
    }

    fn confirm_lock(&mut self, ws: &mut Workspace) -> Action {
        self.confirm_lock = None;
        let done = ws.lock();
        self.refresh(ws);
        match done {
            Ok(fp) => Action::Notice(Bilingual::new(
                format!("Đã khóa kết quả. Dấu vân tay: {}", short(&fp)),
                format!("The results are locked. Fingerprint: {}", short(&fp)),
            )),
            Err(e) => Action::Error((&e).into()),
        }
    }

    /// Copies the session to the destination folder in the background, reporting its phases.
    fn archive(&mut self, ws: &Workspace) -> Action {
        let dest = PathBuf::from(self.dest.trim());
        if self.dest.trim().is_empty() {
            return Action::Error(Bilingual::new(
                "Hãy chọn thư mục đích (ổ USB) để lưu trữ.",
                "Choose the target folder (the USB stick) to archive to.",
            ));
        }
        self.progress = Some(Phase::Copying(0.0));
        self.report = None;
        let source = ws.path.clone();
        let stream = iced::stream::channel(64, async move |mut out: iced::futures::channel::mpsc::Sender<Message>| {
            let result = archive(&source, &dest, &mut |p| {
                let _ = out.try_send(Message::Progress(p));
            });
            let _ = out.send(Message::Archived(result.map_err(|e| Bilingual::from(&e)))).await;
        });
        Action::Run(Task::run(stream, |m| m))
    }

    fn archived(&mut self, ws: &Workspace, result: Result<ArchiveReport, Bilingual>) -> Action {
        self.progress = None;
        self.refresh(ws);
        match result {
            Ok(r) => {
                let (path, fp) = (r.path.display(), short(&r.fingerprint));
                let notice = Bilingual::new(
                    format!("Đã lưu trữ và kiểm tra: {path} (dấu vân tay {fp})"),
                    format!("Archived and checked: {path} (fingerprint {fp})"),
                );
                self.report = Some(r);
                Action::Notice(notice)
            }
            Err(e) => Action::Error(e),
        }
    }

    /// Checks the chosen file in the background, against the typed fingerprint if there is one.
    fn verify(&mut self) -> Action {
        let path = PathBuf::from(self.verify_path.trim());
        let typed = match self.verify_typed.trim() {
            "" => None,
            t => match normalise_typed(t) {
                Ok(t) => Some(t),
                Err(e) => return Action::Error(Bilingual::from(&e)),
            },
        };
        Action::Run(Task::perform(
            async move {
                verify(&path, typed.as_deref())
                    .map(|r| Verification { ok: r.ok(), lines: r.lines(), lines_en: r.lines_in(Lang::En) })
                    .map_err(|e| Bilingual::from(&e))
            },
            Message::Verified,
        ))
    }

    fn reopen(&mut self, ws: &mut Workspace) -> Action {
        let done = ws.reopen(&self.reason);
        self.refresh(ws);
        match done {
            Ok(()) => {
                self.reason.clear();
                Action::Notice(Bilingual::new(
                    "Đã mở khóa; lý do và dấu vân tay cũ được ghi vào nhật ký.",
                    "Reopened; the reason and the old fingerprint are in the audit trail.",
                ))
            }
            Err(e) => Action::Error((&e).into()),
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        row![
            column![
                container(self.lock_panel(ws, lang)).padding(12).width(Fill).style(style::panel),
                container(self.archive_panel(ws, lang)).padding(12).width(Fill).style(style::panel),
                container(self.verify_panel(lang)).padding(12).width(Fill).style(style::panel),
            ]
            .spacing(10)
            .width(Fill),
            container(scrollable(self.audit_panel(lang)).height(Fill)).padding(12).width(520).style(style::panel),
        ]
        .spacing(10)
        .into()
    }

    /// Locked (with the reopen form), being confirmed (with the fingerprint), or the lock button.
    fn lock_panel<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Column<'a, Message> {
        let lock = column![text(tr(lang, "Khóa kết quả", "Lock the results")).font(UI_BOLD).size(18)].spacing(8);
        match (ws.lock.as_ref(), &self.confirm_lock) {
            (Some(l), _) => lock
                .push(text(format!("{} {} · {}", tr(lang, "Đã khóa lúc", "Locked at"), local_time(&l.at, lang), l.by)))
                .push(style::tag("lock-fingerprint", text(short(&l.fingerprint)).font(UI_BOLD).size(26)))
                .push(
                    row![
                        style::text_input(tr(lang, "Lý do mở khóa", "Reason to reopen"), &self.reason)
                            .on_input(Message::Reason)
                            .id("reopen-reason"),
                        style::tag(
                            "reopen",
                            button(text(tr(lang, "Mở khóa", "Reopen"))).style(button::danger).on_press(Message::Reopen)
                        ),
                    ]
                    .spacing(8),
                )
                .push(self.decision.view(lang).map(Message::Decision)),
            (None, Some(fp)) => lock
                .push(text(tr(
                    lang,
                    "Sau khi khóa, điểm, hồ sơ, điểm danh và cài đặt không thể thay đổi. Dấu vân tay sẽ in trên mọi tài liệu:",
                    "Once locked, scores, dossiers, attendance and settings cannot change. This fingerprint goes on every document:",
                )))
                .push(text(short(fp)).font(UI_BOLD).size(26))
                .push(
                    row![
                        style::tag(
                            "confirm-lock",
                            button(text(tr(lang, "Khóa kết quả", "Lock"))).on_press(Message::ConfirmLock)
                        ),
                        button(text(tr(lang, "Thôi", "Cancel"))).style(button::secondary).on_press(Message::CancelLock),
                    ]
                    .spacing(8),
                ),
            (None, None) => lock.push(style::tag(
                "ask-lock",
                button(text(tr(lang, "Khóa kết quả…", "Lock…"))).on_press(Message::AskLock),
            )),
        }
    }

    /// The destination, the progress of an archive being made, and opening from an archive.
    fn archive_panel<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Column<'a, Message> {
        let busy = self.progress.is_some();
        let mut store = column![
            text(tr(lang, "Lưu trữ ra USB", "Archive to a USB stick")).font(UI_BOLD).size(18),
            row![
                style::text_input(tr(lang, "Thư mục đích, ví dụ E:\\ hoặc /media/usb", "Target folder"), &self.dest)
                    .on_input(Message::Dest)
                    .id("archive-dest"),
                button(text(tr(lang, "Chọn…", "Choose…"))).on_press(Message::PickDest),
                style::tag(
                    "archive",
                    button(text(tr(lang, "Lưu trữ", "Archive"))).on_press_maybe((!busy).then_some(Message::Archive))
                ),
            ]
            .spacing(8),
        ]
        .spacing(8);
        if let Some(p) = self.progress {
            let (label, value) = match p {
                Phase::Copying(f) => (tr(lang, "Đang sao chép", "Copying"), f * 0.7),
                Phase::Checking => (tr(lang, "Đang kiểm tra bản sao", "Checking the copy"), 0.75),
                Phase::Checksum(f) => (tr(lang, "Đang tính mã kiểm tra", "Checksum"), 0.75 + f * 0.25),
                Phase::Done => (tr(lang, "Xong", "Done"), 1.0),
            };
            store = store.push(text(label)).push(progress_bar(0.0..=1.0, value));
        }
        if let Some(r) = &self.report {
            store = store.push(text(format!("{} — {}", r.path.display(), short(&r.fingerprint))).size(13));
        }
        if !ws.is_locked() {
            store = store.push(
                text(tr(
                    lang,
                    "Phiên họp chưa khóa: bản lưu trữ là bản sao dự phòng, chưa phải hồ sơ chính thức.",
                    "Not locked yet: the archive is a backup copy, not the final record.",
                ))
                .size(13),
            );
        }
        store.push(
            row![
                button(text(tr(lang, "Mở phiên họp từ bản lưu trữ…", "Open a session from an archive…")))
                    .on_press(Message::OpenFromArchive),
                style::text_input(
                    tr(lang, "hoặc gõ đường dẫn tệp lưu trữ", "or type the archived file's path"),
                    &self.restore_path
                )
                .on_input(Message::RestorePath)
                .on_submit(Message::RestoreTyped)
                .id("restore-path"),
                style::tag("restore-typed", button(text(tr(lang, "Mở", "Open"))).on_press(Message::RestoreTyped)),
            ]
            .spacing(8),
        )
    }

    /// A file and the fingerprint from the paper to check it against, and what the check found.
    fn verify_panel(&self, lang: Lang) -> Column<'_, Message> {
        let check = column![
            text(tr(lang, "Kiểm tra một tệp", "Verify a file")).font(UI_BOLD).size(18),
            row![
                style::text_input(tr(lang, "Tệp .ocop", ".ocop file"), &self.verify_path)
                    .on_input(Message::VerifyPath)
                    .id("verify-path"),
                button(text(tr(lang, "Chọn…", "Choose…"))).on_press(Message::PickVerify),
            ]
            .spacing(8),
            row![
                style::text_input(
                    tr(lang, "Dấu vân tay trên biên bản (không bắt buộc)", "Fingerprint on the paper (optional)"),
                    &self.verify_typed
                )
                .on_input(Message::VerifyTyped)
                .id("verify-typed"),
                style::tag("verify", button(text(tr(lang, "Kiểm tra", "Verify"))).on_press(Message::Verify)),
            ]
            .spacing(8),
        ]
        .spacing(8);
        let Some(found) = &self.verified else { return check };
        let ok = found.ok;
        check.push(
            container(column(found.lines_in(lang).iter().map(|l| text(l.as_str()).size(13).into())).spacing(2))
                .padding(8)
                .width(Fill)
                .style(move |t| style::banner(t, !ok)),
        )
    }

    /// The latest 300 audit rows, newest first.
    fn audit_panel(&self, lang: Lang) -> Column<'_, Message> {
        let mut log = column![text(tr(lang, "Nhật ký thay đổi", "Audit trail")).font(UI_BOLD).size(18)].spacing(2);
        for a in self.audit.iter().rev().take(300) {
            log = log.push(text(format!("{}  {}  {}", local_time(&a.at, lang), a.actor, a.say(lang))).size(12));
        }
        log
    }
}
