//! Pairing slips for scoring on the members' own devices (issue 17.2): one slip per scoring member
//! with their name, the QR code of their link and the link as text, three to an A4 page, to cut
//! and hand out. The QR code is drawn as thick lines (one per run of dark modules in a row).

use super::Fonts;
use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, MM, Style, TOP};

/// One member's slip.
pub struct Slip {
    pub name: String,
    pub member: String,
    pub url: String,
}

const SLIP_HEIGHT: f32 = 85.0 * MM;
const QR_SIZE: f32 = 55.0 * MM;

pub fn slips(fonts: &Fonts, session_title: &str, slips: &[Slip]) -> Vec<u8> {
    let mut layout = Layout::new(fonts, false);
    let width = layout.content_width();
    for (i, slip) in slips.iter().enumerate() {
        if i > 0 && i % 3 == 0 {
            layout.new_page();
        }
        let top = TOP + (i % 3) as f32 * SLIP_HEIGHT;
        let name = format!("{} ({})", slip.name, slip.member);
        layout.text_at(LEFT, top, width, &name, Style::new(Face::Bold, 14.0, Align::Left));
        layout.text_at(LEFT, top + 7.0 * MM, width, session_title, Style::new(Face::Italic, 10.0, Align::Left));
        qr(&mut layout, &slip.url, LEFT, top + 13.0 * MM);
        let text_x = LEFT + QR_SIZE + 8.0 * MM;
        let text_width = width - QR_SIZE - 8.0 * MM;
        let hint = [
            "Quét mã bằng camera của điện thoại, hoặc gõ đường dẫn dưới đây",
            "vào trình duyệt (cùng mạng Wi-Fi với máy của thư ký).",
            "Đường dẫn là của riêng thành viên: không chia sẻ.",
        ];
        for (n, line) in hint.iter().enumerate() {
            let y = top + 16.0 * MM + n as f32 * 5.5 * MM;
            layout.text_at(text_x, y, text_width, line, Style::new(Face::Regular, 10.0, Align::Left));
        }
        for (n, part) in chunks(&slip.url, 40).iter().enumerate() {
            let y = top + 36.0 * MM + n as f32 * 5.0 * MM;
            layout.text_at(text_x, y, text_width, part, Style::new(Face::Regular, 10.0, Align::Left));
        }
        let cut = top + SLIP_HEIGHT - 6.0 * MM;
        layout.line(LEFT, cut, LEFT + width, cut, 0.3);
    }
    // Slips are not the record: dated when printed (each carries fresh link keys anyway).
    let now = time::OffsetDateTime::now_utc();
    let created = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    layout.finish_unmarked("Phiếu kết nối chấm trên thiết bị", &created)
}

/// A long link cut into lines of `n` characters (it has no spaces to wrap at).
fn chunks(text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(n).map(|c| c.iter().collect()).collect()
}

fn qr(layout: &mut Layout<'_>, data: &str, x: f32, top: f32) {
    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else { return };
    let width = code.width();
    let colors = code.to_colors();
    let module = QR_SIZE / width as f32;
    for row in 0..width {
        let y = top + (row as f32 + 0.5) * module;
        let mut col = 0;
        while col < width {
            if colors[row * width + col] != qrcode::Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && colors[row * width + col] == qrcode::Color::Dark {
                col += 1;
            }
            // A hair wider than the module so neighbouring rows leave no white seam.
            layout.line(x + start as f32 * module, y, x + col as f32 * module, y, module * 1.02);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_slips_to_a_page_with_the_link_as_text() {
        let fonts = Fonts::load().unwrap();
        let made: Vec<Slip> = (1..=4)
            .map(|i| Slip {
                name: format!("Thành viên {i}"),
                member: format!("m{i}"),
                url: format!("http://192.168.1.10:8765/m/m{i}#k=AAAAAAAAAAAAAAAAAAAAAAA{i}"),
            })
            .collect();
        let pdf = slips(&fonts, "Phiên họp Ý Yên", &made);
        // To look at them: OCOP_SLIPS_OUT=/tmp/slips.pdf cargo test --lib report::slips
        if let Some(out) = std::env::var_os("OCOP_SLIPS_OUT") {
            std::fs::write(out, &pdf).unwrap();
        }
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 2);
        assert_eq!(chunks("abcdef", 4), ["abcd", "ef"]);
    }
}
