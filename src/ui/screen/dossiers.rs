//! Dossiers: the registered products with their producer, criteria sheet and status. Read-only
//! until the import issue brings editing.

use super::Action;
use crate::domain::text::search_key;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::Workspace;
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Fill};

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Score(String),
}

#[derive(Default)]
pub struct State {
    pub search: String,
}

impl State {
    pub fn update(&mut self, message: Message, _ws: &mut Workspace) -> Action<Message> {
        match message {
            Message::Search(s) => {
                self.search = s;
                Action::None
            }
            Message::Score(code) => Action::Score(code),
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let key = search_key(&self.search);
        let mut list = column![
            row![
                text(tr(lang, "Mã hồ sơ", "Code")).width(110).font(UI_BOLD),
                text(tr(lang, "Sản phẩm / chủ thể", "Product / producer")).width(Fill).font(UI_BOLD),
                text(tr(lang, "Bộ sản phẩm", "Criteria sheet")).width(300).font(UI_BOLD),
                text(tr(lang, "Tình trạng", "Status")).width(260).font(UI_BOLD),
            ]
            .spacing(8)
        ]
        .spacing(6);
        for d in &ws.session.dossiers {
            if !key.is_empty() && !search_key(&format!("{} {} {}", d.code, d.product, d.producer)).contains(&key) {
                continue;
            }
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
                        button(text(tr(lang, "Chấm", "Score")).size(13)).on_press(Message::Score(d.code.clone())),
                    ]
                    .width(260)
                    .spacing(4),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        column![
            row![
                text(tr(lang, "Hồ sơ sản phẩm", "Dossiers")).font(UI_BOLD).size(18).width(Fill),
                text_input(tr(lang, "Tìm (không cần dấu)", "Search (accents optional)"), &self.search)
                    .on_input(Message::Search)
                    .width(320),
            ]
            .spacing(10),
            container(scrollable(list).height(Fill)).padding(12).style(style::panel),
        ]
        .spacing(10)
        .into()
    }
}
