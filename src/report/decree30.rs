//! The Decree 30/2020/NĐ-CP conventions shared by every document: the two-column header, the
//! place-and-date line in italics, the bold upper-case title, and signature blocks.

use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, MM, Style};
use crate::domain::Session;

pub const BODY: Style = Style::new(Face::Regular, 13.0, Align::Left);
pub const BODY_BOLD: Style = Style::new(Face::Bold, 13.0, Align::Left);

/// "Ý Yên" from "Ủy ban nhân dân huyện Ý Yên": the place name of the date line.
pub fn place(session: &Session) -> String {
    let a = &session.session.authority;
    let lower = a.to_lowercase();
    for unit in ["huyện ", "thị xã ", "thành phố ", "tỉnh ", "quận "] {
        if let Some(i) = lower.rfind(unit) {
            let start =
                a.char_indices().nth(lower[..i].chars().count() + unit.chars().count()).map(|(b, _)| b).unwrap_or(0);
            return a[start..].trim().to_string();
        }
    }
    session.session.province.clone()
}

/// "Ý Yên, ngày 05 tháng 6 năm 2023" (the meeting date), or dotted when there is none.
pub fn place_date(session: &Session) -> String {
    format!("{}, {}", place(session), crate::lang::vi::date_in_words(session.session.meeting_date))
}

pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// The two-column header: issuing bodies (upper case) left, the national motto right, a short rule
/// under each, the number under the left, the place and date in italics under the right.
pub fn header(l: &mut Layout, parent: &str, body: &str, number: &str, place_date: &str) {
    let w = l.content_width();
    let left_w = w * 0.45;
    let right_x = LEFT + left_w;
    let right_w = w - left_w;
    let top = l.y;
    let s = Style::new(Face::Regular, 12.0, Align::Center);
    let b = Style::new(Face::Bold, 12.0, Align::Center);
    let b13 = Style::new(Face::Bold, 13.0, Align::Center);
    let mut y_left = top;
    if !parent.is_empty() {
        for line in l.wrap(&upper(parent), Face::Regular, 12.0, left_w) {
            l.text_at(LEFT, y_left, left_w, &line, s);
            y_left += 15.0;
        }
    }
    for line in l.wrap(&upper(body), Face::Bold, 12.0, left_w) {
        l.text_at(LEFT, y_left, left_w, &line, b);
        y_left += 15.0;
    }
    let mid = LEFT + left_w / 2.0;
    l.line(mid - 18.0 * MM / 2.0, y_left + 2.0, mid + 18.0 * MM / 2.0, y_left + 2.0, 0.6);
    l.text_at(LEFT, y_left + 8.0, left_w, number, Style::new(Face::Regular, 13.0, Align::Center));
    let y_left = y_left + 26.0;

    l.text_at(right_x, top, right_w, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b);
    l.text_at(right_x, top + 16.0, right_w, "Độc lập - Tự do - Hạnh phúc", b13);
    let motto = l.fonts.width(Face::Bold, "Độc lập - Tự do - Hạnh phúc", 13.0);
    let rmid = right_x + right_w / 2.0;
    l.line(rmid - motto / 2.0, top + 34.0, rmid + motto / 2.0, top + 34.0, 0.6);
    l.text_at(right_x, top + 42.0, right_w, place_date, Style::new(Face::Italic, 13.0, Align::Center));
    l.y = y_left.max(top + 60.0) + 10.0;
}

/// The bold upper-case title with optional bold lines under it.
pub fn title(l: &mut Layout, title: &str, lines: &[&str]) {
    l.keep_together(60.0);
    let w = l.content_width();
    for t in l.wrap(&upper(title), Face::Bold, 14.0, w) {
        l.text_at(LEFT, l.y, w, &t, Style::new(Face::Bold, 14.0, Align::Center));
        l.y += 18.0;
    }
    for line in lines {
        for t in l.wrap(line, Face::Bold, 13.0, w * 0.9) {
            l.text_at(LEFT, l.y, w, &t, Style::new(Face::Bold, 13.0, Align::Center));
            l.y += 16.5;
        }
    }
    l.y += 10.0;
}

/// Signature blocks side by side, each: a title in bold upper case, an italic hint, space to
/// sign, and the full name in bold. Kept together on one page.
pub fn signatures(l: &mut Layout, blocks: &[(&str, &str)]) {
    l.keep_together(110.0);
    l.y += 12.0;
    let w = l.content_width() / blocks.len().max(1) as f32;
    let top = l.y;
    let mut bottom = top;
    for (i, (role, name)) in blocks.iter().enumerate() {
        if role.is_empty() {
            continue;
        }
        let x = LEFT + w * i as f32;
        let mut y = top;
        for line in role.split('\n') {
            l.text_at(x, y, w, &upper(line), Style::new(Face::Bold, 13.0, Align::Center));
            y += 16.0;
        }
        l.text_at(x, y, w, "(Ký, ghi rõ họ tên)", Style::new(Face::Italic, 12.0, Align::Center));
        l.text_at(x, y + 66.0, w, name, Style::new(Face::Bold, 13.0, Align::Center));
        bottom = bottom.max(y + 84.0);
    }
    l.y = bottom;
}

/// "dd/mm/yyyy", as written in Vietnamese documents, or dots when the date is not fixed.
pub use crate::lang::vi::date_or_blank as date_vn;
