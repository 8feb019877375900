//! Importing into the dossiers: what a list or a folder would change (previewed first), and a
//! folder's files streamed in the background.

use super::{Message, Progress, State};
use crate::dossier::{FolderPlan, Preview as ListPlan};
use crate::import::AtStake;
use crate::lang::Say;
use crate::ui::strings::{Lang, tr};
use crate::ui::style;
use crate::workspace::Workspace;
use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Fill, Task};
use std::path::PathBuf;

/// What the last preview planned: a list, or a folder of dossier folders.
pub(super) enum Planned {
    List(ListPlan),
    Folder(FolderPlan),
}

/// One line of the preview's table.
struct PreviewRow {
    /// (Vietnamese, English): "thêm" (add), "cập nhật" (update) or "đính kèm" (attach).
    action: (&'static str, &'static str),
    code: String,
    /// The product, or the attached file's name.
    product: String,
    /// The criteria sheet, or the attached file's size in MB.
    sheet: Sheet,
    producer: String,
}

/// The preview's third column.
enum Sheet {
    Number(u32),
    Megabytes(f64),
}

/// The preview of the list or folder last checked, and the plan that importing it would apply.
pub(super) struct Checked {
    /// No errors: it may be imported.
    ok: bool,
    rows: Vec<PreviewRow>,
    /// Scored dossiers whose criteria sheet the list changes: importing needs their sheets
    /// discarded, confirmed with a reason.
    at_stake: Vec<AtStake>,
    pub(super) plan: Planned,
}

impl Checked {
    pub(super) fn of(plan: Planned, ws: &Workspace) -> Checked {
        let (ok, rows, at_stake) = match &plan {
            Planned::List(p) => (p.errors.is_empty(), list_rows(p), ws.sheets_at_stake(p)),
            Planned::Folder(f) => (f.errors.is_empty(), folder_rows(f), Vec::new()),
        };
        Checked { ok, rows, at_stake, plan }
    }

    /// The preview's summary and findings, in the language of the window now.
    fn lines(&self, lang: Lang) -> Vec<String> {
        match &self.plan {
            Planned::List(p) => p.lines_in(lang),
            Planned::Folder(f) => f.lines_in(lang),
        }
    }
}

fn list_rows(p: &ListPlan) -> Vec<PreviewRow> {
    let added = p.add.iter().map(|d| (("thêm", "add"), d));
    added
        .chain(p.update.iter().map(|d| (("cập nhật", "update"), d)))
        .map(|(action, d)| PreviewRow {
            action,
            code: d.code.clone(),
            product: d.product.clone(),
            sheet: Sheet::Number(d.sheet),
            producer: d.producer.clone(),
        })
        .collect()
}

fn folder_rows(f: &FolderPlan) -> Vec<PreviewRow> {
    f.files
        .iter()
        .map(|x| PreviewRow {
            action: ("đính kèm", "attach"),
            code: x.dossier.clone(),
            product: x.name.clone(),
            sheet: Sheet::Megabytes(x.size as f64 / 1e6),
            producer: String::new(),
        })
        .collect()
}

impl State {
    /// The path to import, the preview of what it would do, and the progress of a folder import.
    pub(super) fn import_view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut import = column![
            row![
                text(tr(lang, "Nhập danh sách hoặc thư mục hồ sơ", "Import a list or a dossier folder")).width(260),
                style::text_input(tr(lang, "đường dẫn tệp danh sách", "list file path"), &self.list_path)
                    .on_input(Message::ListPath)
                    .id("list-path"),
                button(text(tr(lang, "Chọn…", "Choose…"))).on_press(Message::PickList),
                style::tag("list-preview", button(text(tr(lang, "Xem trước", "Preview"))).on_press(Message::Preview)),
            ]
            .spacing(8)
            .align_y(iced::Center)
        ]
        .spacing(6);
        if let Some(checked) = &self.checked {
            let ok = checked.ok;
            import = import
                .push(
                    container(column(checked.lines(lang).into_iter().map(|l| text(l).size(13).into())).spacing(2))
                        .padding(6)
                        .width(Fill)
                        .style(move |t| style::banner(t, !ok)),
                )
                .push(scrollable(preview_table(&checked.rows, lang)).height(160));
            if ok && !ws.is_locked() && self.progress.is_none() {
                import = import.push(if checked.at_stake.is_empty() {
                    style::tag(
                        "list-import",
                        button(text(tr(lang, "Nhập vào phiên họp", "Import"))).on_press(Message::Import),
                    )
                    .into()
                } else {
                    self.discard_confirmation(&checked.at_stake, lang)
                });
            }
        }
        if let Some(Progress { done, total }) = self.progress {
            import = import.push(iced::widget::progress_bar(0.0..=1.0, done as f32 / total.max(1) as f32));
        }
        import.into()
    }
}

impl State {
    /// The list changes the criteria sheet of scored dossiers: it says which and how many sheets
    /// would be discarded, and imports only with a reason written down.
    fn discard_confirmation<'a>(&'a self, at_stake: &'a [AtStake], lang: Lang) -> Element<'a, Message> {
        let total: usize = at_stake.iter().map(|a| a.sheets).sum();
        let mut lines = column![text(tr(
            lang,
            "Danh sách đổi bộ sản phẩm của hồ sơ đã có phiếu chấm. Nhập sẽ hủy các phiếu này để chấm lại theo bộ mới:",
            "The list changes the criteria sheet of dossiers already scored. Importing discards these score sheets, to be scored again on the new sheet:",
        ))
        .size(13)]
        .spacing(2);
        for a in at_stake {
            lines = lines.push(text(a.say(lang)).size(13));
        }
        let reason = style::text_input(
            tr(lang, "Lý do hủy phiếu (bắt buộc)", "Why they are discarded (required)"),
            &self.discard_reason,
        )
        .on_input(Message::DiscardReason)
        .id("discard-reason")
        .size(13);
        let ready = !self.discard_reason.trim().is_empty();
        let confirm = button(text(match lang {
            Lang::Vi => format!("Hủy {total} phiếu chấm và nhập"),
            Lang::En => format!("Discard {total} score sheets and import"),
        }))
        .style(button::danger)
        .on_press_maybe(ready.then_some(Message::ImportDiscardingSheets));
        container(column![lines, reason, style::tag("list-import-discard", confirm)].spacing(6))
            .padding(6)
            .width(Fill)
            .style(|t| style::banner(t, true))
            .into()
    }
}

pub(super) fn pick_list() -> Task<Message> {
    use crate::ui::screen::pick;
    Task::perform(pick::show(pick::DOSSIER_LIST), Message::ListPicked)
}

/// Files can weigh a gigabyte: streamed in on another connection, with a progress bar.
pub(super) fn attach_in_background(ws: &Workspace, list: PathBuf, plan: FolderPlan) -> Task<Message> {
    let (session, actor) = (ws.path.clone(), ws.actor.clone());
    let stream = iced::stream::channel(64, async move |mut out: iced::futures::channel::mpsc::Sender<Message>| {
        use iced::futures::SinkExt;
        let source = list.display().to_string();
        let result = Workspace::attach_folder(&session, &actor, &source, &plan, &mut |done, total| {
            let _ = out.try_send(Message::Progress(Progress { done, total }));
        });
        let _ = out.send(Message::Imported(result)).await;
    });
    Task::run(stream, |m| m)
}

/// The preview's first 200 rows, and how many more there are.
fn preview_table(rows: &[PreviewRow], lang: Lang) -> Column<'_, Message> {
    let mut table = column![].spacing(1);
    for r in rows.iter().take(200) {
        let sheet = match r.sheet {
            Sheet::Number(n) => n.to_string(),
            Sheet::Megabytes(mb) => format!("{} MB", crate::lang::number(format!("{mb:.1}"), lang)),
        };
        table = table.push(
            row![
                text(tr(lang, r.action.0, r.action.1)).size(12).width(70),
                text(r.code.as_str()).size(12).width(110),
                text(r.product.as_str()).size(12).width(Fill),
                text(sheet).size(12).width(70),
                text(r.producer.as_str()).size(12).width(Fill),
            ]
            .spacing(6),
        );
    }
    if rows.len() > 200 {
        let more = rows.len() - 200;
        table = table.push(text(format!("… {more} {}", tr(lang, "dòng nữa", "more rows"))).size(12));
    }
    table
}
