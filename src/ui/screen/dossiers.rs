//! Dossiers: the registered products with their producer, criteria sheet and status, searchable
//! without accents; importing a list (preview first, then applied in one go).

use super::Action;
use crate::domain::text::{collation_key, search_key};
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Fill};

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Sort(SortBy),
    Score(String),
    ListPath(String),
    PickList,
    ListPicked(Option<std::path::PathBuf>),
    Preview,
    Import,
    Progress(u64, u64),
    Imported(Result<usize, String>),
    Select(String),
    Edit(DField, String),
    Save,
    Reason(String),
    Eliminate,
    Reinstate,
    OpenAttachment(String, String),
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
pub fn listed<'a>(ws: &'a Workspace, search: &str, sort: SortBy) -> Vec<&'a crate::domain::session::Dossier> {
    let key = search_key(search);
    let mut list: Vec<_> = ws
        .session
        .dossiers
        .iter()
        .filter(|d| key.is_empty() || search_key(&format!("{} {} {}", d.code, d.product, d.producer)).contains(&key))
        .collect();
    let by = |f: fn(&crate::domain::session::Dossier) -> &str| {
        move |d: &&crate::domain::session::Dossier| collation_key(f(d))
    };
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
    Product,
    Producer,
    Sheet,
    Representative,
    Address,
    Phone,
}

/// The selected dossier's details as being edited.
#[derive(Default)]
pub struct Form {
    pub code: String,
    pub product: String,
    pub producer: String,
    pub sheet: String,
    pub representative: String,
    pub address: String,
    pub phone: String,
    pub reason: String,
}

/// What the last preview planned: a list, or a folder of dossier folders.
enum Planned {
    List(crate::dossier::Preview),
    Folder(crate::dossier::FolderPlan),
}

#[derive(Default)]
pub struct State {
    pub search: String,
    pub sort: SortBy,
    pub list_path: String,
    /// The preview of the list last checked, and whether it may be applied.
    pub preview: Option<(Vec<String>, bool)>,
    /// The preview's rows: action, code, product, sheet, producer.
    pub preview_rows: Vec<[String; 5]>,
    planned: Option<Planned>,
    /// Bytes stored of bytes to store, while a folder is being imported.
    pub progress: Option<(u64, u64)>,
    pub form: Option<Form>,
    pub attachments: Vec<(String, String)>,
}

impl State {
    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action<Message> {
        match message {
            Message::Search(s) => {
                self.search = s;
                Action::None
            }
            Message::Sort(by) => {
                self.sort = by;
                Action::None
            }
            Message::Score(code) => Action::Score(code),
            Message::ListPath(p) => {
                self.list_path = p;
                self.preview = None;
                self.planned = None;
                Action::None
            }
            Message::PickList => Action::Run(iced::Task::perform(
                rfd::AsyncFileDialog::new()
                    .add_filter("Danh sách hồ sơ", &["xlsx", "xls", "ods", "csv", "json"])
                    .pick_file(),
                |f| Message::ListPicked(f.map(|h| h.path().to_path_buf())),
            )),
            Message::ListPicked(Some(p)) => {
                self.list_path = p.display().to_string();
                self.update(Message::Preview, ws)
            }
            Message::ListPicked(None) => Action::None,
            Message::Preview => {
                let path = std::path::Path::new(self.list_path.trim());
                let (lines, ok, plan) = if path.is_dir() {
                    let plan = ws.plan_folder(path);
                    (plan.lines(), plan.errors.is_empty(), Planned::Folder(plan))
                } else {
                    let plan = ws.plan_import(path);
                    (plan.lines(), plan.errors.is_empty(), Planned::List(plan))
                };
                self.preview_rows = match &plan {
                    Planned::List(p) => p
                        .add
                        .iter()
                        .map(|d| ("thêm", d))
                        .chain(p.update.iter().map(|d| ("cập nhật", d)))
                        .map(|(a, d)| {
                            [a.to_string(), d.code.clone(), d.product.clone(), d.sheet.to_string(), d.producer.clone()]
                        })
                        .collect(),
                    Planned::Folder(f) => f
                        .files
                        .iter()
                        .map(|x| {
                            [
                                "đính kèm".into(),
                                x.dossier.clone(),
                                x.name.clone(),
                                format!("{:.1} MB", x.size as f64 / 1e6),
                                String::new(),
                            ]
                        })
                        .collect(),
                };
                self.preview = Some((lines, ok));
                self.planned = Some(plan);
                Action::None
            }
            Message::Import => {
                let Some(plan) = self.planned.take() else { return Action::None };
                let path = std::path::PathBuf::from(self.list_path.trim());
                self.preview = None;
                match plan {
                    Planned::List(plan) => match ws.import(&path, &plan) {
                        Ok((added, updated)) => {
                            Action::Notice(format!("Đã nhập: thêm {added}, cập nhật {updated} hồ sơ."))
                        }
                        Err(e) => Action::Error(e.to_string()),
                    },
                    // Files can weigh a gigabyte: streamed in on another connection, with a progress bar.
                    Planned::Folder(plan) => {
                        self.progress = Some((0, plan.bytes()));
                        let (session, actor) = (ws.path.clone(), ws.actor.clone());
                        let stream = iced::stream::channel(
                            64,
                            async move |mut out: iced::futures::channel::mpsc::Sender<Message>| {
                                use iced::futures::SinkExt;
                                let result = Workspace::import_folder_apart(
                                    &session,
                                    &actor,
                                    &path,
                                    &plan,
                                    &mut |done, total| {
                                        let _ = out.try_send(Message::Progress(done, total));
                                    },
                                )
                                .map(|counts| counts.attached)
                                .map_err(|e| e.to_string());
                                let _ = out.send(Message::Imported(result)).await;
                            },
                        );
                        Action::Run(iced::Task::run(stream, |m| m))
                    }
                }
            }
            Message::Select(code) => {
                let Some(d) = ws.dossier(&code) else { return Action::None };
                let disqualify = ws.criteria.sheet(d.sheet).and_then(|s| s.disqualify_if.clone()).unwrap_or_default();
                self.form = Some(Form {
                    code: d.code.clone(),
                    product: d.product.clone(),
                    producer: d.producer.clone(),
                    sheet: d.sheet.to_string(),
                    representative: d.representative.clone(),
                    address: d.address.clone(),
                    phone: d.phone.clone(),
                    reason: d.eliminated.clone().unwrap_or(disqualify),
                });
                self.attachments = ws.attachments(&code);
                Action::None
            }
            Message::Edit(field, value) => {
                if let Some(f) = &mut self.form {
                    let slot = match field {
                        DField::Product => &mut f.product,
                        DField::Producer => &mut f.producer,
                        DField::Sheet => &mut f.sheet,
                        DField::Representative => &mut f.representative,
                        DField::Address => &mut f.address,
                        DField::Phone => &mut f.phone,
                    };
                    *slot = value;
                }
                Action::None
            }
            Message::Reason(r) => {
                if let Some(f) = &mut self.form {
                    f.reason = r;
                }
                Action::None
            }
            Message::Save => {
                let Some(f) = &self.form else { return Action::None };
                let Some(mut d) = ws.dossier(&f.code).cloned() else { return Action::None };
                let Ok(sheet) = f.sheet.trim().parse::<u32>() else {
                    return Action::Error(format!("Bộ sản phẩm: «{}» không phải số từ 1 đến 26", f.sheet));
                };
                d.product = f.product.clone();
                d.producer = f.producer.clone();
                d.sheet = sheet;
                d.representative = f.representative.clone();
                d.address = f.address.clone();
                d.phone = f.phone.clone();
                match ws.update_dossier(&d) {
                    Ok(()) => Action::Notice(format!("Đã lưu hồ sơ {}.", d.code)),
                    Err(e) => Action::Error(e.to_string()),
                }
            }
            Message::Eliminate | Message::Reinstate => {
                let Some(f) = &self.form else { return Action::None };
                let reason = matches!(message, Message::Eliminate).then_some(f.reason.as_str());
                match ws.set_eliminated(&f.code, reason) {
                    Ok(()) if reason.is_some() => Action::Notice(format!("Hồ sơ {} bị loại; không chấm điểm.", f.code)),
                    Ok(()) => Action::Notice(format!("Hồ sơ {} được chấm điểm trở lại.", f.code)),
                    Err(e) => Action::Error(e.to_string()),
                }
            }
            Message::OpenAttachment(name, sha) => match ws.extract_attachment(&name, &sha) {
                Ok(path) => match crate::ui::open_with_system(&path) {
                    Ok(()) => Action::None,
                    Err(e) => Action::Error(format!("{}: không mở được ({e})", path.display())),
                },
                Err(e) => Action::Error(e.to_string()),
            },
            Message::Progress(done, total) => {
                self.progress = Some((done, total));
                Action::None
            }
            Message::Imported(result) => {
                self.progress = None;
                if let Err(e) = ws.reload_from_file() {
                    return Action::Error(e.to_string());
                }
                match result {
                    Ok(n) => Action::Notice(format!("Đã đính kèm {n} tệp vào hồ sơ.")),
                    Err(e) => Action::Error(e),
                }
            }
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let mut list = column![
            row![
                text(tr(lang, "Mã hồ sơ", "Code")).width(110).font(UI_BOLD),
                text(tr(lang, "Sản phẩm / chủ thể", "Product / producer")).width(Fill).font(UI_BOLD),
                text(tr(lang, "Bộ sản phẩm", "Criteria sheet")).width(300).font(UI_BOLD),
                text(tr(lang, "Tình trạng", "Status")).width(330).font(UI_BOLD),
            ]
            .spacing(8)
        ]
        .spacing(6);
        for d in listed(ws, &self.search, self.sort) {
            let sheet = ws.criteria.sheet(d.sheet).map(|s| s.name.as_str()).unwrap_or("?");
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
            list = list.push(
                row![
                    text(d.code.as_str()).width(110),
                    column![text(d.product.as_str()), text(d.producer.as_str()).size(12)].width(Fill),
                    text(format!("{} — {sheet}", d.sheet)).width(300).size(13),
                    row![
                        text(status).size(13).width(Fill),
                        button(text(tr(lang, "Chi tiết", "Details")).size(13))
                            .on_press(Message::Select(d.code.clone())),
                        button(text(tr(lang, "Chấm", "Score")).size(13)).on_press(Message::Score(d.code.clone())),
                    ]
                    .width(330)
                    .spacing(4),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        let mut import = column![
            row![
                text(tr(lang, "Nhập danh sách hoặc thư mục hồ sơ", "Import a list or a dossier folder")).width(260),
                text_input(tr(lang, "đường dẫn tệp danh sách", "list file path"), &self.list_path)
                    .on_input(Message::ListPath)
                    .id("list-path"),
                button(text(tr(lang, "Chọn…", "Choose…"))).on_press(Message::PickList),
                style::tag("list-preview", button(text(tr(lang, "Xem trước", "Preview"))).on_press(Message::Preview)),
            ]
            .spacing(8)
            .align_y(iced::Center)
        ]
        .spacing(6);
        if let Some((lines, ok)) = &self.preview {
            let ok = *ok;
            import = import.push(
                container(column(lines.iter().map(|l| text(l.clone()).size(13).into())).spacing(2))
                    .padding(6)
                    .width(Fill)
                    .style(move |t| style::banner(t, !ok)),
            );
            let mut table = column![].spacing(1);
            for r in self.preview_rows.iter().take(200) {
                table = table.push(
                    row![
                        text(r[0].as_str()).size(12).width(70),
                        text(r[1].as_str()).size(12).width(110),
                        text(r[2].as_str()).size(12).width(Fill),
                        text(r[3].as_str()).size(12).width(70),
                        text(r[4].as_str()).size(12).width(Fill),
                    ]
                    .spacing(6),
                );
            }
            if self.preview_rows.len() > 200 {
                table = table.push(text(format!("… {} dòng nữa", self.preview_rows.len() - 200)).size(12));
            }
            import = import.push(scrollable(table).height(160));
            if ok && !ws.is_locked() && self.progress.is_none() {
                import = import.push(style::tag(
                    "list-import",
                    button(text(tr(lang, "Nhập vào phiên họp", "Import"))).on_press(Message::Import),
                ));
            }
        }
        if let Some((done, total)) = self.progress {
            import = import.push(iced::widget::progress_bar(0.0..=1.0, done as f32 / total.max(1) as f32));
        }
        column![
            import,
            row![
                text(tr(lang, "Hồ sơ sản phẩm", "Dossiers")).font(UI_BOLD).size(18).width(Fill),
                text(tr(lang, "Xếp theo", "Sort by")).size(13),
                [
                    (SortBy::Entry, tr(lang, "thứ tự nhập", "entry")),
                    (SortBy::Code, tr(lang, "mã", "code")),
                    (SortBy::Product, tr(lang, "sản phẩm", "product")),
                    (SortBy::Producer, tr(lang, "chủ thể", "producer")),
                ]
                .into_iter()
                .fold(row![].spacing(4), |r, (by, label)| r.push(
                    button(text(label).size(13)).style(style::choice(self.sort == by)).on_press(Message::Sort(by))
                )),
                text_input(tr(lang, "Tìm (không cần dấu)", "Search (accents optional)"), &self.search)
                    .on_input(Message::Search)
                    .width(320),
            ]
            .spacing(10),
            row![
                container(scrollable(list).height(Fill)).padding(12).width(Fill).style(style::panel),
                self.details(ws, lang),
            ]
            .spacing(10),
        ]
        .spacing(10)
        .into()
    }

    /// The selected dossier: its details to edit, its attachments, and elimination with the reason.
    fn details<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let Some(f) = &self.form else { return column![].into() };
        let locked = ws.is_locked();
        let field = |label: &'static str, value: &'a str, which: DField| {
            let input = text_input("", value);
            let input = if locked { input } else { input.on_input(move |v| Message::Edit(which, v)) };
            row![text(label).width(110).size(13), input.size(13)].spacing(6).align_y(iced::Center)
        };
        let eliminated = ws.dossier(&f.code).and_then(|d| d.eliminated.clone());
        let mut col = column![
            text(format!("{} {}", tr(lang, "Hồ sơ", "Dossier"), f.code)).font(UI_BOLD).size(16),
            field(tr(lang, "Sản phẩm", "Product"), &f.product, DField::Product),
            field(tr(lang, "Chủ thể", "Producer"), &f.producer, DField::Producer),
            field(tr(lang, "Bộ sản phẩm", "Sheet"), &f.sheet, DField::Sheet),
            field(tr(lang, "Đại diện", "Representative"), &f.representative, DField::Representative),
            field(tr(lang, "Địa chỉ", "Address"), &f.address, DField::Address),
            field(tr(lang, "Điện thoại", "Phone"), &f.phone, DField::Phone),
            style::tag(
                "dossier-save",
                button(text(tr(lang, "Lưu", "Save"))).on_press_maybe((!locked).then_some(Message::Save))
            ),
            text(tr(lang, "Tài liệu đính kèm", "Attachments")).font(UI_BOLD),
        ]
        .spacing(6);
        if self.attachments.is_empty() {
            col = col.push(text(tr(lang, "(chưa có)", "(none)")).size(13));
        }
        for (name, sha) in &self.attachments {
            col = col.push(
                row![
                    text(name.as_str()).size(13).width(Fill),
                    button(text(tr(lang, "Mở", "Open")).size(13))
                        .on_press(Message::OpenAttachment(name.clone(), sha.clone())),
                ]
                .spacing(6),
            );
        }
        col = col.push(text(tr(lang, "Loại hồ sơ (không chấm điểm)", "Eliminate (not scored)")).font(UI_BOLD));
        let reason = text_input(tr(lang, "Lý do loại", "Reason"), &f.reason).size(13);
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
