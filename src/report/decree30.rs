//! The Decree 30/2020/NĐ-CP conventions shared by every document: the two-column header, the
//! place-and-date line in italics, the bold upper-case title, and signature blocks.

use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, MM, Style};
use crate::domain::Session;
use crate::domain::facts::{SignCapacity, Signer};

pub const BODY: Style = Style::new(Face::Regular, 13.0, Align::Left);
pub const BODY_BOLD: Style = Style::new(Face::Bold, 13.0, Align::Left);
/// "Nơi nhận:" and its list (Decree 30: a 12 pt bold heading, an 11 pt list).
pub const NOTE_BOLD: Style = Style::new(Face::Bold, 12.0, Align::Left);
pub const NOTE: Style = Style::new(Face::Regular, 11.0, Align::Left);

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

/// "Ý Yên, ngày …… tháng …… năm 2023": the date an issuing office fills in when it signs.
pub fn place_blank_date(session: &Session) -> String {
    let year = session.session.meeting_date.map_or("……".to_string(), |d| d.year().to_string());
    format!("{}, ngày …… tháng …… năm {year}", place(session))
}

pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// "Ủy ban nhân dân huyện Ý Yên" → ("Ủy ban nhân dân", "huyện Ý Yên"): the kind of body and its
/// place, split before the first unit word; None when there is no unit word.
pub fn split_authority(authority: &str) -> Option<(&str, &str)> {
    let lower = authority.to_lowercase();
    let chars = [" huyện ", " thị xã ", " thành phố ", " tỉnh ", " quận "]
        .iter()
        .filter_map(|u| lower.find(u))
        .min()
        .map(|byte| lower[..byte].chars().count())?;
    let split = authority.char_indices().nth(chars).map_or(authority.len(), |(b, _)| b);
    Some((authority[..split].trim(), authority[split..].trim()))
}

/// The authority on two lines, as Decree 30 sets it: the kind of body, then the place
/// ("ỦY BAN NHÂN DÂN" / "HUYỆN Ý YÊN"); a name without a unit word stays one line.
pub fn authority_lines(authority: &str) -> Vec<String> {
    match split_authority(authority) {
        Some((body, place)) => vec![upper(body), upper(place)],
        None if authority.trim().is_empty() => vec![],
        None => vec![upper(authority.trim())],
    }
}

/// The two-column header: issuing bodies (upper case, the authority on two lines) left, the
/// national motto right with a clear gap between them, a short rule under each, the number under
/// the left, the place and date in italics under the right.
pub fn header(l: &mut Layout, parent: &str, body: &str, number: &str, place_date: &str) {
    let w = l.content_width();
    let left_w = w * 0.40;
    let right_x = LEFT + w * 0.43;
    let right_w = w - (right_x - LEFT) + 6.0 * MM;
    let top = l.y;
    let s = Style::new(Face::Regular, 12.0, Align::Center);
    let b = Style::new(Face::Bold, 12.0, Align::Center);
    let b13 = Style::new(Face::Bold, 13.0, Align::Center);
    let mut y_left = top;
    let (parent_lines, body_lines) =
        if parent.is_empty() { (vec![], authority_lines(body)) } else { (authority_lines(parent), vec![upper(body)]) };
    let parent_lines: Vec<String> = parent_lines.iter().flat_map(|p| l.wrap(p, Face::Regular, 12.0, left_w)).collect();
    for line in parent_lines {
        l.text_at(LEFT, y_left, left_w, &line, s);
        y_left += 15.0;
    }
    let body_lines: Vec<String> = body_lines.iter().flat_map(|p| l.wrap(p, Face::Bold, 12.0, left_w)).collect();
    for line in body_lines {
        l.text_at(LEFT, y_left, left_w, &line, b);
        y_left += 15.0;
    }
    // The rule under the left block: a third of its width, centred.
    let mid = LEFT + left_w / 2.0;
    l.line(mid - left_w / 6.0, y_left + 2.0, mid + left_w / 6.0, y_left + 2.0, 0.6);
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

/// The "V/v" line of a letter: under the number, centred in the left column, wrapped inside it.
pub fn subject_line(l: &mut Layout, text: &str) {
    let left_w = l.content_width() * 0.40;
    let mut y = l.y - 8.0;
    for line in l.wrap(text, Face::Regular, 12.0, left_w) {
        l.text_at(LEFT, y, left_w, &line, Style::new(Face::Regular, 12.0, Align::Center));
        y += 14.5;
    }
    l.y = y + 10.0;
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
    // Every name on one line across the blocks, however many lines their titles take.
    let most_lines = blocks.iter().map(|(role, _)| role.split('\n').count()).max().unwrap_or(1);
    let name_y = top + most_lines as f32 * 16.0 + 66.0;
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
        l.text_at(x, name_y, w, name, Style::new(Face::Bold, 13.0, Align::Center));
        bottom = bottom.max(name_y + 18.0);
    }
    l.y = bottom;
}

/// "dd/mm/yyyy", as written in Vietnamese documents, or dots when the date is not fixed.
pub use crate::lang::vi::date_or_blank as date_vn;

/// The dotted blank left for a name or a word not known yet.
pub const BLANK: &str = "……………………";

/// Who signs an administrative document, as printed: the authority line ("TM. ỦY BAN NHÂN DÂN",
/// "KT. CHỦ TỊCH") when there is one, the title, and the name (dotted until known).
pub struct SignBlock {
    pub lines: Vec<String>,
    pub name: String,
}

impl SignBlock {
    /// From the session's signer; without one, `default_capacity` and "CHỦ TỊCH", the name dotted.
    /// `collective` is the body a "TM." signs for ("ỦY BAN NHÂN DÂN").
    pub fn of(signer: Option<&Signer>, default_capacity: Option<SignCapacity>, collective: &str) -> SignBlock {
        let capacity = signer.map_or(default_capacity, |s| s.capacity);
        let given = signer.map(|s| s.title.trim()).filter(|t| !t.is_empty()).map(upper);
        let title = given.unwrap_or_else(|| match capacity {
            Some(SignCapacity::Kt) => "PHÓ CHỦ TỊCH".into(),
            _ => "CHỦ TỊCH".into(),
        });
        let authority = match capacity {
            Some(SignCapacity::Tm) => Some(format!("TM. {}", upper(collective))),
            Some(SignCapacity::Kt) => Some("KT. CHỦ TỊCH".into()),
            None => None,
        };
        let name = signer.map(|s| s.name.trim().to_string()).filter(|n| !n.is_empty());
        SignBlock { lines: authority.into_iter().chain([title]).collect(), name: name.unwrap_or_else(|| BLANK.into()) }
    }
}

/// The lines under "Nơi nhận:": each recipient ("- Sở …;"), two dotted lines for the office to
/// fill when none is known, and "- Lưu: VT." last (once, even when the list names it).
pub fn recipient_items(recipients: &[String]) -> Vec<String> {
    let given: Vec<&str> = recipients
        .iter()
        .map(|r| r.trim().trim_start_matches('-').trim().trim_end_matches([';', '.']).trim())
        .filter(|r| !r.is_empty())
        .collect();
    let filed = given.iter().any(|r| r.to_lowercase().starts_with("lưu"));
    let mut items: Vec<String> = given.iter().map(|r| format!("- {r};")).collect();
    if items.is_empty() {
        items = vec![format!("- {BLANK};"), format!("- {BLANK};")];
    }
    if !filed {
        items.push("- Lưu: VT.".into());
    } else if let Some(last) = items.last_mut() {
        // The filing line ends the list with a full stop, as Decree 30 writes it.
        *last = format!("{}.", last.trim_end_matches(';'));
    }
    items
}

/// The height `closing` needs: "Nơi nhận" on the left, the signer on the right.
pub fn closing_height(recipients: &[String]) -> f32 {
    (40.0 + 14.0 * recipients.len().max(3) as f32).max(130.0)
}

/// The foot of an administrative document: "Nơi nhận:" with its list (a dotted list when none
/// is known, "Lưu: VT" always last) on the left, the signer on the right; kept on one page.
pub fn closing(l: &mut Layout, recipients: &[String], signer: &SignBlock) {
    l.keep_together(closing_height(recipients));
    l.y += 10.0;
    let w = l.content_width();
    let top = l.y;
    let left_w = w * 0.45;
    l.text_at(LEFT, top, left_w, "Nơi nhận:", Style::new(Face::Bold, 12.0, Align::Left));
    let items = recipient_items(recipients);
    let mut y = top + 16.0;
    for item in &items {
        for line in l.wrap(item, Face::Regular, 11.0, left_w) {
            l.text_at(LEFT, y, left_w, &line, Style::new(Face::Regular, 11.0, Align::Left));
            y += 13.0;
        }
    }
    let x = LEFT + left_w;
    let right_w = w - left_w;
    let mut ys = top;
    for line in &signer.lines {
        l.text_at(x, ys, right_w, line, Style::new(Face::Bold, 13.0, Align::Center));
        ys += 16.0;
    }
    l.text_at(x, ys + 70.0, right_w, &signer.name, Style::new(Face::Bold, 13.0, Align::Center));
    l.y = y.max(ys + 88.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authority_goes_on_two_lines() {
        assert_eq!(authority_lines("Ủy ban nhân dân huyện Ý Yên"), ["ỦY BAN NHÂN DÂN", "HUYỆN Ý YÊN"]);
        assert_eq!(authority_lines("Ủy ban nhân dân tỉnh Nam Định"), ["ỦY BAN NHÂN DÂN", "TỈNH NAM ĐỊNH"]);
        assert_eq!(authority_lines("Sở Công Thương"), ["SỞ CÔNG THƯƠNG"]);
        assert!(authority_lines(" ").is_empty());
    }

    #[test]
    fn the_signer_signs_in_the_capacity_given() {
        let tm = SignBlock::of(None, Some(SignCapacity::Tm), "Ủy ban nhân dân");
        assert_eq!((tm.lines, tm.name.as_str()), (vec!["TM. ỦY BAN NHÂN DÂN".to_string(), "CHỦ TỊCH".into()], BLANK));
        let deputy = Signer { name: "Phạm Văn Ký".into(), title: String::new(), capacity: Some(SignCapacity::Kt) };
        let kt = SignBlock::of(Some(&deputy), None, "Ủy ban nhân dân");
        assert_eq!(
            (kt.lines, kt.name.as_str()),
            (vec!["KT. CHỦ TỊCH".to_string(), "PHÓ CHỦ TỊCH".into()], "Phạm Văn Ký")
        );
        let own = Signer { name: "A".into(), title: "Chủ tịch".into(), capacity: None };
        assert_eq!(SignBlock::of(Some(&own), Some(SignCapacity::Tm), "x").lines, ["CHỦ TỊCH"]);
    }
}
