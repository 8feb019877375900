//! Dossiers: the registered products with their producer, criteria sheet and status, searchable
//! without accents; importing a list (preview first, then applied in one go).

use super::Bilingual;
use super::pick::Picked;
use crate::domain::session::Dossier;
use crate::domain::text::{collation_key, search_key};
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill, FillPortion, Task};
use std::path::{Path, PathBuf};

mod import;
use import::{Checked, Planned, attach_in_background, pick_list};

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Sort(SortBy),
    Score(String),
    ListPath(String),
    PickList,
    ListPicked(Picked),
    Preview,
    Import,
    /// Why the score sheets a list would invalidate are discarded (the confirmation's reason).
    DiscardReason(String),
    /// Import the list, discarding those sheets (after the confirmation names them).
    ImportDiscardingSheets,
    Progress(Progress),
    Imported(Result<usize, crate::workspace::Error>),
    Select(String),
    /// An empty form for a dossier typed in by hand (not from a list).
    New,
    Edit(DField, String),
    Save,
    Reason(String),
    Eliminate,
    Reinstate,
    OpenAttachment(Attachment),
}

/// What this screen asks of the app.
pub enum Action {
    None,
    Run(Task<Message>),
    Error(Bilingual),
    Notice(Bilingual),
    /// Open the scoring screen on this dossier.
    Score(String),
}

/// The list's order: as entered, or alphabetical in Vietnamese order by code, product or producer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Entry,
    Code,
    Product,
    Producer,
}

/// The dossiers the search finds, in the chosen order.
pub fn listed<'a>(ws: &'a Workspace, search: &str, sort: SortBy) -> Vec<&'a Dossier> {
    let key = search_key(search);
    let mut list: Vec<_> = ws
        .session
        .dossiers
        .iter()
        .filter(|d| key.is_empty() || search_key(&format!("{} {} {}", d.code, d.product, d.producer)).contains(&key))
        .collect();
    let by = |f: fn(&Dossier) -> &str| move |d: &&Dossier| collation_key(f(d));
    match sort {
        SortBy::Entry => {}
        SortBy::Code => list.sort_by_key(by(|d| &d.code)),
        SortBy::Product => list.sort_by_key(by(|d| &d.product)),
        SortBy::Producer => list.sort_by_key(by(|d| &d.producer)),
    }
    list
}

/// The editable details of a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DField {
    /// Only while adding a dossier: a dossier's code never changes afterwards.
    Code,
    Product,
    Producer,
    Sheet,
    Representative,
    Address,
    Phone,
}

/// The selected dossier's details as being edited.
struct Form {
    code: String,
    product: String,
    producer: String,
    sheet: String,
    representative: String,
    address: String,
    phone: String,
    /// Why it is (or would be) eliminated; offered from the sheet's disqualification line.
    reason: String,
    /// A dossier being added by hand, not yet in the session.
    new: bool,
}

impl Form {
    fn of(d: &Dossier, disqualify: String) -> Form {
        Form {
            code: d.code.clone(),
            product: d.product.clone(),
            producer: d.producer.clone(),
            sheet: d.sheet.to_string(),
            representative: d.representative.clone(),
            address: d.address.clone(),
            phone: d.phone.clone(),
            reason: d.eliminated.clone().unwrap_or(disqualify),
            new: false,
        }
    }

    /// An empty form for a new dossier, on the first criteria sheet.
    fn blank() -> Form {
        Form {
            code: String::new(),
            product: String::new(),
            producer: String::new(),
            sheet: "1".into(),
            representative: String::new(),
            address: String::new(),
            phone: String::new(),
            reason: String::new(),
            new: true,
        }
    }

    /// The dossier these details describe, over `base` (the stored one, or an empty new one);
    /// None while the sheet is not a number.
    fn dossier(&self, base: Dossier) -> Option<Dossier> {
        Some(Dossier {
            code: self.code.clone(),
            product: self.product.clone(),
            producer: self.producer.clone(),
            sheet: self.sheet.trim().parse().ok()?,
            representative: self.representative.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            ..base
        })
    }

    fn field(&mut self, which: DField) -> &mut String {
        match which {
            DField::Code => &mut self.code,
            DField::Product => &mut self.product,
            DField::Producer => &mut self.producer,
            DField::Sheet => &mut self.sheet,
            DField::Representative => &mut self.representative,
            DField::Address => &mut self.address,
            DField::Phone => &mut self.phone,
        }
    }
}

/// A file attached to a dossier, as stored (by content hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub sha256: String,
}

/// Bytes stored of bytes to store, while a folder is being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

#[derive(Default)]
pub struct State {
    search: String,
    sort: SortBy,
    list_path: String,
    checked: Option<Checked>,
    /// The reason typed in the confirmation to discard score sheets.
    discard_reason: String,
    progress: Option<Progress>,
    form: Option<Form>,
    attachments: Vec<Attachment>,
}

impl State {
    /// The search text as typed.
    pub fn search(&self) -> &str {
        &self.search
    }

    /// The selected dossier's elimination reason as being edited.
    pub fn elimination_reason(&self) -> Option<&str> {
        self.form.as_ref().map(|f| f.reason.as_str())
    }

    /// Whether a folder is being imported in the background.
    pub fn importing(&self) -> bool {
        self.progress.is_some()
    }

    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Search(s) => self.search = s,
            Message::Sort(by) => self.sort = by,
            Message::Score(code) => return Action::Score(code),
            Message::ListPath(p) => {
                self.list_path = p;
                self.checked = None;
            }
            Message::PickList => return Action::Run(pick_list()),
            Message::ListPicked(Picked::Chosen(p)) => {
                self.list_path = p.display().to_string();
                self.preview(ws);
            }
            Message::ListPicked(Picked::Cancelled) => {}
            Message::ListPicked(Picked::Unavailable) => return Action::Error(super::pick::unavailable()),
            Message::Preview => self.preview(ws),
            Message::Import => return self.import(ws),
            Message::DiscardReason(r) => self.discard_reason = r,
            Message::ImportDiscardingSheets => return self.import_discarding_sheets(ws),
            Message::Progress(p) => self.progress = Some(p),
            Message::Imported(result) => return self.imported(ws, result),
            Message::Select(code) => self.select(ws, &code),
            Message::New => {
                self.form = Some(Form::blank());
                self.attachments.clear();
            }
            Message::Edit(field, value) => {
                if let Some(f) = &mut self.form {
                    *f.field(field) = value;
                }
            }
            Message::Reason(r) => {
                if let Some(f) = &mut self.form {
                    f.reason = r;
                }
            }
            Message::Save => return self.save(ws),
            Message::Eliminate => return self.set_eliminated(ws, true),
            Message::Reinstate => return self.set_eliminated(ws, false),
            Message::OpenAttachment(a) => return open_attachment(ws, &a),
        }
        Action::None
    }

    /// Plans what importing the typed path (a list file or a folder of dossier folders) would do.
    fn preview(&mut self, ws: &Workspace) {
        let path = Path::new(self.list_path.trim());
        let plan =
            if path.is_dir() { Planned::Folder(ws.plan_folder(path)) } else { Planned::List(ws.plan_import(path)) };
        self.checked = Some(Checked::of(plan, ws));
        self.discard_reason.clear();
    }

    /// Applies the last list preview, discarding the score sheets its confirmation named.
    fn import_discarding_sheets(&mut self, ws: &mut Workspace) -> Action {
        let Some(Checked { plan: Planned::List(plan), .. }) = &self.checked else { return Action::None };
        let path = PathBuf::from(self.list_path.trim());
        match ws.import_discarding_sheets(&path, plan, &self.discard_reason) {
            Ok((added, updated, discarded)) => {
                self.checked = None;
                self.discard_reason.clear();
                Action::Notice(Bilingual::new(
                    format!("Đã nhập: thêm {added}, cập nhật {updated} hồ sơ; hủy {discarded} phiếu chấm."),
                    format!("Imported: {added} dossiers added, {updated} updated; {discarded} score sheets discarded."),
                ))
            }
            Err(e) => Action::Error((&e).into()),
        }
    }

    /// Applies the last preview: a list at once, a folder streamed in the background.
    fn import(&mut self, ws: &mut Workspace) -> Action {
        let Some(checked) = self.checked.take() else { return Action::None };
        let path = PathBuf::from(self.list_path.trim());
        match checked.plan {
            Planned::List(plan) => match ws.import(&path, &plan) {
                Ok((added, updated)) => Action::Notice(Bilingual::new(
                    format!("Đã nhập: thêm {added}, cập nhật {updated} hồ sơ."),
                    format!("Imported: {added} dossiers added, {updated} updated."),
                )),
                Err(e) => Action::Error((&e).into()),
            },
            Planned::Folder(plan) => {
                self.progress = Some(Progress { done: 0, total: plan.bytes() });
                Action::Run(attach_in_background(ws, path, plan))
            }
        }
    }

    fn imported(&mut self, ws: &mut Workspace, result: Result<usize, crate::workspace::Error>) -> Action {
        self.progress = None;
        if let Err(e) = ws.reload_from_file() {
            return Action::Error((&e).into());
        }
        match result {
            Ok(n) => Action::Notice(Bilingual::new(
                format!("Đã đính kèm {n} tệp vào hồ sơ."),
                format!("{n} files attached to the dossiers."),
            )),
            Err(e) => Action::Error((&e).into()),
        }
    }

    fn select(&mut self, ws: &Workspace, code: &str) {
        let Some(d) = ws.dossier(code) else { return };
        let disqualify = ws.criteria.sheet(d.sheet).and_then(|s| s.disqualify_if.clone()).unwrap_or_default();
        self.form = Some(Form::of(d, disqualify));
        self.attachments = ws.attachments(code).into_iter().map(|(name, sha256)| Attachment { name, sha256 }).collect();
    }

    fn save(&mut self, ws: &mut Workspace) -> Action {
        match self.save_pending(ws) {
            Ok(Some(code)) => {
                Action::Notice(Bilingual::new(format!("Đã lưu hồ sơ {code}."), format!("Dossier {code} is saved.")))
            }
            Ok(None) => Action::None,
            Err(e) => Action::Error(e),
        }
    }

    /// Whether the details on screen differ from what the session holds (a new dossier not yet
    /// added always does).
    pub fn unsaved(&self, ws: &Workspace) -> bool {
        let Some(f) = &self.form else { return false };
        match ws.dossier(&f.code) {
            Some(stored) if !f.new => f.dossier(stored.clone()).as_ref() != Some(stored),
            _ => f.new,
        }
    }

    /// Saves the details on screen if they changed (adds the dossier being typed in): the code
    /// saved, None when there was nothing to save. The app calls it before the window closes.
    pub fn save_pending(&mut self, ws: &mut Workspace) -> Result<Option<String>, Bilingual> {
        if !self.unsaved(ws) {
            return Ok(None);
        }
        let Some(f) = &self.form else { return Ok(None) };
        let base = ws.dossier(&f.code).cloned().unwrap_or_else(blank_dossier);
        let Some(d) = f.dossier(base) else {
            return Err(Bilingual::new(
                format!("Bộ sản phẩm: «{}» không phải số từ 1 đến 26", f.sheet),
                format!("Criteria sheet: «{}» is not a number from 1 to 26", f.sheet),
            ));
        };
        let saved = if f.new { ws.add_dossier(&d) } else { ws.update_dossier(&d) };
        saved.map_err(|e| Bilingual::from(&e))?;
        let code = d.code.trim().to_string();
        self.select(ws, &code);
        Ok(Some(code))
    }

    /// Eliminates the selected dossier with the reason typed, or scores it again.
    fn set_eliminated(&self, ws: &mut Workspace, eliminate: bool) -> Action {
        let Some(f) = &self.form else { return Action::None };
        let reason = eliminate.then_some(f.reason.as_str());
        let code = &f.code;
        match ws.set_eliminated(code, reason) {
            Ok(()) if eliminate => Action::Notice(Bilingual::new(
                format!("Hồ sơ {code} bị loại; không chấm điểm."),
                format!("Dossier {code} is eliminated; it is not scored."),
            )),
            Ok(()) => Action::Notice(Bilingual::new(
                format!("Hồ sơ {code} được chấm điểm trở lại."),
                format!("Dossier {code} is scored again."),
            )),
            Err(e) => Action::Error((&e).into()),
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        column![
            self.import_view(ws, lang),
            self.toolbar(lang, ws.is_locked()),
            row![
                container(scrollable(self.list_view(ws, lang)).height(Fill))
                    .padding(12)
                    .width(Fill)
                    .style(style::panel),
                self.details(ws, lang),
            ]
            .spacing(10),
        ]
        .spacing(10)
        .into()
    }

    /// The dossiers the search finds, each with its status and the buttons to edit or score it.
    fn list_view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut list = column![
            row![
                text(tr(lang, "Mã hồ sơ", "Code")).width(110).font(UI_BOLD),
                text(tr(lang, "Sản phẩm / chủ thể", "Product / producer")).width(FillPortion(4)).font(UI_BOLD),
                text(tr(lang, "Bộ sản phẩm", "Criteria sheet")).width(FillPortion(3)).font(UI_BOLD),
                text(tr(lang, "Tình trạng", "Status")).width(FillPortion(4)).font(UI_BOLD),
            ]
            .spacing(8)
        ]
        .spacing(6);
        for d in listed(ws, &self.search, self.sort) {
            let sheet = ws.criteria.sheet(d.sheet).map(|s| s.name.as_str()).unwrap_or("?");
            list = list.push(
                row![
                    text(d.code.as_str()).width(110),
                    // Shares, not fixed widths: at 800 px the product column keeps its room.
                    style::tag(
                        format!("dossier-product-{}", d.code),
                        column![text(d.product.as_str()), text(d.producer.as_str()).size(12)].width(Fill)
                    )
                    .width(FillPortion(4)),
                    text(format!("{} — {sheet}", d.sheet)).width(FillPortion(3)).size(13),
                    row![
                        text(status_line(ws, d, lang)).size(13).width(Fill),
                        button(text(tr(lang, "Chi tiết", "Details")).size(13))
                            .on_press(Message::Select(d.code.clone())),
                        button(text(tr(lang, "Chấm", "Score")).size(13)).on_press(Message::Score(d.code.clone())),
                    ]
                    .width(FillPortion(4))
                    .spacing(4),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        list.into()
    }

    /// The list's title, its order and the search box.
    fn toolbar(&self, lang: Lang, locked: bool) -> Element<'_, Message> {
        let orders = [
            (SortBy::Entry, tr(lang, "thứ tự nhập", "entry")),
            (SortBy::Code, tr(lang, "mã", "code")),
            (SortBy::Product, tr(lang, "sản phẩm", "product")),
            (SortBy::Producer, tr(lang, "chủ thể", "producer")),
        ];
        row![
            // The title keeps its width; the search box gives way at 800 px (never a word a line).
            text(tr(lang, "Hồ sơ sản phẩm", "Dossiers")).font(UI_BOLD).size(18),
            text(tr(lang, "Xếp theo", "Sort by")).size(13),
            orders.into_iter().fold(row![].spacing(4), |r, (by, label)| r
                .push(button(text(label).size(13)).style(style::choice(self.sort == by)).on_press(Message::Sort(by)))),
            container(
                style::text_input(tr(lang, "Tìm (không cần dấu)", "Search (accents optional)"), &self.search)
                    .on_input(Message::Search)
            )
            .width(Fill)
            .max_width(320.0),
            style::tag(
                "dossier-new",
                button(text(tr(lang, "Thêm hồ sơ", "Add a dossier")).size(13))
                    .on_press_maybe((!locked).then_some(Message::New))
            ),
        ]
        .spacing(10)
        .align_y(iced::Center)
        .into()
    }

    /// The selected dossier: its details to edit, its attachments, and elimination with the reason.
    fn details<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let Some(f) = &self.form else { return column![].into() };
        let locked = ws.is_locked();
        let field = |label: &'static str, value: &'a str, which: DField| {
            let input = style::text_input("", value).id(format!("dossier-{which:?}"));
            let input = if locked { input } else { input.on_input(move |v| Message::Edit(which, v)) };
            row![text(label).width(110).size(13), input.size(13)].spacing(6).align_y(iced::Center)
        };
        let eliminated = ws.dossier(&f.code).and_then(|d| d.eliminated.clone());
        let heading: Element<'a, Message> = if f.new {
            column![
                text(tr(lang, "Hồ sơ mới", "New dossier")).font(UI_BOLD).size(16),
                field(tr(lang, "Mã hồ sơ", "Code"), &f.code, DField::Code),
            ]
            .spacing(6)
            .into()
        } else {
            text(format!("{} {}", tr(lang, "Hồ sơ", "Dossier"), f.code)).font(UI_BOLD).size(16).into()
        };
        let mut col = column![
            heading,
            field(tr(lang, "Sản phẩm", "Product"), &f.product, DField::Product),
            field(tr(lang, "Chủ thể", "Producer"), &f.producer, DField::Producer),
            field(tr(lang, "Bộ sản phẩm", "Sheet"), &f.sheet, DField::Sheet),
            field(tr(lang, "Đại diện", "Representative"), &f.representative, DField::Representative),
            field(tr(lang, "Địa chỉ", "Address"), &f.address, DField::Address),
            field(tr(lang, "Điện thoại", "Phone"), &f.phone, DField::Phone),
            style::tag(
                "dossier-save",
                button(text(if f.new {
                    tr(lang, "Thêm vào phiên họp", "Add to the session")
                } else {
                    tr(lang, "Lưu", "Save")
                }))
                .on_press_maybe((!locked).then_some(Message::Save))
            ),
        ]
        .spacing(6);
        if f.new {
            return container(scrollable(col).height(Fill)).padding(12).width(420).style(style::panel).into();
        }
        col = col.push(text(tr(lang, "Tài liệu đính kèm", "Attachments")).font(UI_BOLD));
        if self.attachments.is_empty() {
            col = col.push(text(tr(lang, "(chưa có)", "(none)")).size(13));
        }
        for a in &self.attachments {
            col = col.push(
                row![
                    text(a.name.as_str()).size(13).width(Fill),
                    button(text(tr(lang, "Mở", "Open")).size(13)).on_press(Message::OpenAttachment(a.clone())),
                ]
                .spacing(6),
            );
        }
        col = col.push(text(tr(lang, "Loại hồ sơ (không chấm điểm)", "Eliminate (not scored)")).font(UI_BOLD));
        let reason = style::text_input(tr(lang, "Lý do loại", "Reason"), &f.reason).size(13);
        col = col.push(if locked { reason } else { reason.on_input(Message::Reason) });
        col = col.push(match eliminated {
            Some(_) => style::tag(
                "dossier-reinstate",
                button(text(tr(lang, "Bỏ loại", "Reinstate"))).on_press_maybe((!locked).then_some(Message::Reinstate)),
            ),
            None => style::tag(
                "dossier-eliminate",
                button(text(tr(lang, "Loại hồ sơ", "Eliminate")))
                    .style(button::danger)
                    .on_press_maybe((!locked).then_some(Message::Eliminate)),
            ),
        });
        container(scrollable(col).height(Fill)).padding(12).width(420).style(style::panel).into()
    }
}

/// A dossier with nothing but its defaults (what a list row leaves unsaid), in the current round.
fn blank_dossier() -> Dossier {
    Dossier {
        code: String::new(),
        product: String::new(),
        sheet: 1,
        producer: String::new(),
        entity_type: crate::domain::session::EntityType::Other,
        representative: String::new(),
        address: String::new(),
        phone: String::new(),
        kind: crate::domain::session::Kind::New,
        self_score: None,
        eliminated: None,
        recused: Vec::new(),
        round: None,
        conclusion: String::new(),
    }
}

/// Writes the attachment out and opens it with the system's viewer.
fn open_attachment(ws: &Workspace, a: &Attachment) -> Action {
    match ws.extract_attachment(&a.name, &a.sha256) {
        Ok(path) => match crate::ui::open_with_system(&path) {
            Ok(()) => Action::None,
            Err(e) => Action::Error(Bilingual::new(
                format!("{}: không mở được ({})", path.display(), crate::lang::vi::io_error(&e)),
                format!("{}: could not be opened ({})", path.display(), crate::lang::en::io_error(&e)),
            )),
        },
        Err(e) => Action::Error((&e).into()),
    }
}

/// A dossier's status in the list: eliminated and why, or sheets in and the round; and recusals.
fn status_line(ws: &Workspace, d: &Dossier, lang: Lang) -> String {
    let (done, expected) = ws.progress(&d.code);
    let mut status = match &d.eliminated {
        Some(reason) => format!("{}: {reason}", tr(lang, "Bị loại", "Eliminated")),
        None => format!(
            "{} {done}/{expected} · {} {}",
            tr(lang, "phiếu", "sheets"),
            tr(lang, "vòng", "round"),
            d.current_round()
        ),
    };
    if !d.recused.is_empty() {
        status.push_str(&format!(" · {} {}", tr(lang, "rút:", "recused:"), d.recused.join(", ")));
    }
    status
}
