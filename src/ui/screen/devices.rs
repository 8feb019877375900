//! "Chấm trên thiết bị": the members score on their own devices (issue 17, docs/lan.md). The
//! secretary picks the address, starts the server, shows each member's QR code (for the projector
//! or to scan from the screen) and link, sees who is connected, revokes a device or re-issues a link.
//! While the server runs the board is re-read every second when members have written.

use super::Bilingual;
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, style};
use crate::workspace::{DeviceLink, Workspace, listen_choices};
use iced::widget::{Column, Row, button, column, container, row, scrollable, text};
use iced::{Color, Element, Fill, Length, Task};
use std::time::Duration;

/// The port offered first.
const PORT: u16 = 8765;
/// The size of one QR module on screen, in pixels.
const MODULE: f32 = 6.0;

#[derive(Debug, Clone)]
pub enum Message {
    /// Show the screen (true) or go back to the sheet (false).
    Show(bool),
    Listen(String),
    Start,
    Stop,
    Select(String),
    Revoke(String),
    Reissue(String),
    /// The member opened the link on another device: that one (member, device as shown) keeps it
    /// from now…
    MoveToNew(String, String),
    /// …or the old one does (the try is forgotten).
    KeepOld(String),
    /// Write the pairing slips (PDF) beside the session file.
    Slips,
    /// A second passed while the server runs: re-read what members sent.
    Tick,
}

pub type Action = super::Action<Message>;

#[derive(Default)]
pub struct State {
    pub shown: bool,
    listen: String,
    links: Vec<DeviceLink>,
    selected: Option<String>,
}

/// A task that says `Tick` after a second (the app's executor has no timer: a thread sleeps).
fn tick() -> Task<Message> {
    let (done, fired) = iced::futures::channel::oneshot::channel::<()>();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        let _ = done.send(());
    });
    Task::perform(fired, |_| Message::Tick)
}

impl State {
    pub fn update(&mut self, message: Message, ws: &mut Workspace) -> Action {
        match message {
            Message::Show(shown) => {
                self.shown = shown;
                if self.listen.is_empty() {
                    self.listen = listen_choices(PORT).first().map(|a| a.to_string()).unwrap_or_default();
                }
            }
            Message::Listen(text) => self.listen = text,
            Message::Start => return self.start(ws),
            Message::Stop => {
                ws.stop_devices();
                self.links.clear();
                return Action::Notice(Bilingual::new("Đã dừng chấm trên thiết bị", "Device scoring stopped"));
            }
            Message::Select(member) => self.selected = Some(member),
            Message::Revoke(member) => {
                if let Err(e) = ws.revoke_device(&member) {
                    return Action::Error((&e).into());
                }
                self.reload_links(ws);
            }
            Message::MoveToNew(member, device) => {
                let moved = match ws.move_to_new_device(&member, &device) {
                    Ok(moved) => moved,
                    Err(e) => return Action::Error((&e).into()),
                };
                self.reload_links(ws);
                if !moved {
                    // Another device tried after the screen showed this one: nothing moved.
                    return Action::Notice(Bilingual::new(
                        format!("{member}: một thiết bị khác vừa thử — chưa chuyển; xem lại rồi chọn"),
                        format!("{member}: another device has just tried — nothing moved; look again and choose"),
                    ));
                }
            }
            Message::KeepOld(member) => {
                if let Err(e) = ws.keep_old_device(&member) {
                    return Action::Error((&e).into());
                }
                self.reload_links(ws);
            }
            Message::Reissue(member) => {
                if let Err(e) = ws.reissue_link(&member) {
                    return Action::Error((&e).into());
                }
                self.reload_links(ws);
                self.selected = Some(member);
            }
            Message::Slips => {
                return match ws.write_device_slips() {
                    Ok(path) => Action::Notice(Bilingual::new(
                        format!("Đã ghi phiếu kết nối: {}", path.display()),
                        format!("Pairing slips written: {}", path.display()),
                    )),
                    Err(e) => Action::Error((&e).into()),
                };
            }
            Message::Tick => {
                if ws.devices_address().is_none() {
                    return Action::None;
                }
                if let Err(e) = ws.refresh_from_devices() {
                    return Action::Error((&e).into());
                }
                self.reload_links(ws);
                return Action::Run(tick());
            }
        }
        Action::None
    }

    fn start(&mut self, ws: &mut Workspace) -> Action {
        let Ok(addr) = self.listen.trim().parse() else {
            return Action::Error(Bilingual::new(
                format!("«{}»: cần dạng ĐỊA_CHỈ:CỔNG, ví dụ 192.168.1.10:8765", self.listen),
                format!("«{}»: write ADDRESS:PORT, e.g. 192.168.1.10:8765", self.listen),
            ));
        };
        match ws.start_devices(addr) {
            Ok(_) => {
                self.reload_links(ws);
                Action::Run(tick())
            }
            Err(e) => Action::Error((&e).into()),
        }
    }

    fn reload_links(&mut self, ws: &Workspace) {
        self.links = ws.device_links().unwrap_or_default();
        if self.selected.is_none() {
            self.selected = self.links.first().map(|l| l.member.clone());
        }
    }

    pub fn view<'a>(&'a self, ws: &'a Workspace, lang: Lang) -> Element<'a, Message> {
        let title = text(tr(lang, "Chấm trên thiết bị của thành viên", "Scoring on the members' devices"))
            .size(22)
            .font(UI_BOLD);
        let back = button(text(tr(lang, "← Về phiếu chấm", "← Back to the sheet"))).on_press(Message::Show(false));
        let mut page = column![row![back, title].spacing(16)].spacing(12).padding(16);
        page = match ws.devices_address() {
            None => page.push(self.setup(lang)),
            Some(addr) => page.push(self.running(addr, lang)),
        };
        scrollable(page).height(Fill).into()
    }

    fn setup(&self, lang: Lang) -> Element<'_, Message> {
        let mut choices = Row::new().spacing(8);
        for addr in listen_choices(PORT) {
            let label = if addr.ip().is_loopback() {
                format!("{addr} ({})", tr(lang, "chỉ máy này", "this machine only"))
            } else {
                format!("{addr} ({})", tr(lang, "mạng trong phòng", "the room's network"))
            };
            choices = choices.push(button(text(label)).on_press(Message::Listen(addr.to_string())));
        }
        column![
            text(tr(
                lang,
                "Nối máy này và thiết bị của thành viên vào cùng một mạng (Wi-Fi phòng họp hoặc điểm phát sóng của điện thoại), chọn địa chỉ rồi bắt đầu. Windows có thể hỏi tường lửa: cho phép trên mạng riêng.",
                "Connect this PC and the members' devices to one network (the room's Wi-Fi or a phone's hotspot), pick the address, then start. Windows may ask about the firewall: allow on private networks.",
            )),
            choices,
            row![
                style::text_input("192.168.1.10:8765", &self.listen).on_input(Message::Listen).width(260),
                button(text(tr(lang, "Bắt đầu", "Start"))).on_press(Message::Start),
            ]
            .spacing(8),
        ]
        .spacing(12)
        .into()
    }

    fn running(&self, addr: std::net::SocketAddr, lang: Lang) -> Element<'_, Message> {
        let head = row![
            text(format!("{} http://{addr}", tr(lang, "Đang phục vụ tại", "Serving at"))).font(UI_BOLD),
            button(text(tr(lang, "Dừng", "Stop"))).on_press(Message::Stop),
            button(text(tr(lang, "Phiếu kết nối (PDF)", "Pairing slips (PDF)"))).on_press(Message::Slips),
        ]
        .spacing(16);
        let mut list = Column::new().spacing(6).width(Length::FillPortion(1));
        for link in &self.links {
            let state = match &link.device {
                Some(d) => format!("{} {}…", tr(lang, "đã gắn thiết bị", "paired with"), &d[..d.len().min(8)]),
                None => tr(lang, "chưa kết nối", "not connected").to_string(),
            };
            let chosen = self.selected.as_deref() == Some(link.member.as_str());
            list = list.push(
                row![
                    button(text(format!("{} ({})", link.name, link.member)))
                        .style(style::choice(chosen))
                        .on_press(Message::Select(link.member.clone()))
                        .width(260),
                    text(state).width(220),
                    button(text(tr(lang, "Gỡ thiết bị", "Revoke device")))
                        .on_press(Message::Revoke(link.member.clone())),
                    button(text(tr(lang, "Cấp lại", "Re-issue"))).on_press(Message::Reissue(link.member.clone())),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
            if let Some(tried) = &link.tried {
                list = list.push(decision(&link.member, tried, lang));
            }
        }
        let selected = self.links.iter().find(|l| Some(l.member.as_str()) == self.selected.as_deref());
        let card: Element<'_, Message> = match selected {
            Some(link) => column![text(&link.name).size(20).font(UI_BOLD), qr(&link.url), text(&link.url).size(13),]
                .spacing(8)
                .into(),
            None => text("").into(),
        };
        column![head, row![list, container(card).style(style::panel).padding(12)].spacing(16)].spacing(12).into()
    }
}

/// "m3: another device tried at 10:42 — [Move to the new device] [Keep the old device]".
fn decision<'a>(member: &str, tried: &crate::lan::Tried, lang: Lang) -> Element<'a, Message> {
    let at = crate::lang::local_clock(&tried.at);
    let line = match lang {
        Lang::Vi => format!("{member}: một thiết bị khác đã thử lúc {at} —"),
        Lang::En => format!("{member}: another device tried at {at} —"),
    };
    row![
        text(line).font(UI_BOLD),
        button(text(tr(lang, "Chuyển sang thiết bị mới", "Move to the new device")))
            .on_press(Message::MoveToNew(member.to_string(), tried.device.clone())),
        button(text(tr(lang, "Giữ thiết bị cũ", "Keep the old device"))).on_press(Message::KeepOld(member.to_string())),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}

/// A QR code of `data` drawn as squares (with its quiet zone), big enough to scan from a projector.
pub fn qr<'a>(data: &str) -> Element<'a, Message> {
    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else { return text("QR?").into() };
    let width = code.width();
    let colors = code.to_colors();
    let square = |dark: bool| {
        let fill = if dark { Color::BLACK } else { Color::WHITE };
        container(text(""))
            .width(MODULE)
            .height(MODULE)
            .style(move |_| container::Style { background: Some(fill.into()), ..container::Style::default() })
    };
    let quiet = 3;
    let mut rows = Column::new();
    for y in 0..width + 2 * quiet {
        let mut line = Row::new();
        for x in 0..width + 2 * quiet {
            let inside = (quiet..width + quiet).contains(&x) && (quiet..width + quiet).contains(&y);
            let dark = inside && colors[(y - quiet) * width + (x - quiet)] == qrcode::Color::Dark;
            line = line.push(square(dark));
        }
        rows = rows.push(line);
    }
    rows.into()
}
