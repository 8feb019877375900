//! The register's documents (issue 18): one "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" page per recognised
//! product (A4 landscape, the documents' fonts, stars drawn), and the one-page statistics summary a
//! district sends up, with its XLSX copy. No official certificate template is published: the texts
//! come from a data file the office can adapt (assets/register/certificate.json).

use super::fonts::{Face, Fonts};
pub use super::layout::Mark;
use super::layout::{Align, LEFT, Layout, MM, Style, columns};
use crate::domain::Date;
use crate::domain::register::RegisteredProduct;
use crate::domain::register::stats::Statistics;
use serde::Deserialize;

/// The bundled certificate texts.
pub const CERTIFICATE_TEXTS: &str = include_str!("../../assets/register/certificate.json");

/// The texts of a certificate, `{placeholders}` filled per product.
#[derive(Clone, Debug, Deserialize)]
pub struct CertificateTexts {
    pub issuer: String,
    pub nation: String,
    pub motto: String,
    pub title: String,
    pub subtitle: String,
    pub lines: Vec<String>,
    pub stars_line: String,
    pub decision_line: String,
    pub validity_line: String,
    pub place_date: String,
    pub signer_title: String,
    pub signer_name: String,
}

impl CertificateTexts {
    /// Reads a texts file; the `format` and `_about` keys are allowed and ignored.
    pub fn from_json(text: &str) -> Result<CertificateTexts, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub fn bundled() -> CertificateTexts {
        // The bundled file is checked by a test; an unreadable one falls back to no texts at all.
        CertificateTexts::from_json(CERTIFICATE_TEXTS).unwrap_or_else(|_| CertificateTexts {
            issuer: String::new(),
            nation: String::new(),
            motto: String::new(),
            title: "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP".into(),
            subtitle: String::new(),
            lines: Vec::new(),
            stars_line: String::new(),
            decision_line: String::new(),
            validity_line: String::new(),
            place_date: String::new(),
            signer_title: String::new(),
            signer_name: String::new(),
        })
    }
}

/// The place a session's documents are dated at ("Ý Yên").
pub fn place_of(session: &crate::domain::Session) -> String {
    super::decree30::place(session)
}

/// Who signs the certificates and where: from the session's facts.
#[derive(Clone, Debug, Default)]
pub struct Signing {
    pub place: String,
    pub day: Option<Date>,
    pub signer_title: String,
    pub signer_name: String,
}

fn fill(template: &str, product: &RegisteredProduct, signing: &Signing) -> String {
    let date = crate::lang::vi::date;
    let (day, month, year) = signing
        .day
        .map(|d| (format!("{:02}", d.day()), format!("{:02}", d.month()), d.year().to_string()))
        .unwrap_or_else(|| ("……".into(), "……".into(), "……".into()));
    template
        .replace("{authority}", &product.authority)
        .replace("{product}", &product.product)
        .replace("{producer}", &product.producer)
        .replace("{address}", &product.address)
        .replace("{stars}", &product.stars.to_string())
        .replace("{decision_number}", &product.decision_number)
        .replace("{decision_date}", &date(product.decision_date))
        .replace("{valid_until}", &date(product.valid_until))
        .replace("{place}", &signing.place)
        .replace("{day}", &day)
        .replace("{month}", &month)
        .replace("{year}", &year)
        .replace("{signer_title}", &signing.signer_title)
        .replace("{signer_name}", &signing.signer_name)
}

/// A five-pointed star outline with its centre at (cx, cy), `r` the outer radius, drawn in lines.
fn star(l: &mut Layout, cx: f32, cy: f32, r: f32) {
    let points: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let radius = if i % 2 == 0 { r } else { r * 0.4 };
            let angle = std::f32::consts::PI * (i as f32) / 5.0 - std::f32::consts::FRAC_PI_2;
            (cx + radius * angle.cos(), cy + radius * angle.sin())
        })
        .collect();
    for i in 0..points.len() {
        let (a, b) = (points[i], points[(i + 1) % points.len()]);
        l.line(a.0, a.1, b.0, b.1, 1.2);
    }
}

/// One certificate page per product, in order; the fingerprint of the session they come from at
/// the foot of each page.
pub fn certificates(
    products: &[RegisteredProduct],
    texts: &CertificateTexts,
    signing: &Signing,
    mark: &Mark,
) -> Result<Vec<u8>, String> {
    let fonts = Fonts::load()?;
    let mut l = Layout::new(&fonts, true);
    for (i, p) in products.iter().enumerate() {
        if i > 0 {
            l.new_page();
        }
        certificate_page(&mut l, p, texts, signing);
    }
    Ok(l.finish(&texts.title, mark))
}

fn certificate_page(l: &mut Layout, p: &RegisteredProduct, texts: &CertificateTexts, signing: &Signing) {
    let w = l.content_width();
    let fill = |t: &str| fill(t, p, signing);
    let centre = |face, size| Style::new(face, size, Align::Center);
    // The frame of the certificate.
    let (x1, y1, x2, y2) = (LEFT - 8.0 * MM, 12.0 * MM, LEFT + w + 8.0 * MM, l.page_height - 18.0 * MM);
    for (a, b, c, d) in [(x1, y1, x2, y1), (x2, y1, x2, y2), (x2, y2, x1, y2), (x1, y2, x1, y1)] {
        l.line(a, b, c, d, 1.5);
    }
    let top = l.y;
    let left_w = w * 0.40;
    for (k, line) in
        l.wrap(&crate::report::decree30::upper(&fill(&texts.issuer)), Face::Bold, 12.0, left_w).iter().enumerate()
    {
        l.text_at(LEFT, top + k as f32 * 15.0, left_w, line, centre(Face::Bold, 12.0));
    }
    let right_x = LEFT + w * 0.45;
    l.text_at(right_x, top, w * 0.55, &fill(&texts.nation), centre(Face::Bold, 12.0));
    l.text_at(right_x, top + 16.0, w * 0.55, &fill(&texts.motto), centre(Face::Bold, 13.0));
    l.y = top + 60.0;
    l.text_at(LEFT, l.y, w, &fill(&texts.title), centre(Face::Bold, 26.0));
    l.y += 36.0;
    l.text_at(LEFT, l.y, w, &fill(&texts.subtitle), centre(Face::Italic, 14.0));
    l.y += 30.0;
    for line in &texts.lines {
        for part in l.wrap(&fill(line), Face::Bold, 16.0, w) {
            l.text_at(LEFT, l.y, w, &part, centre(Face::Bold, 16.0));
            l.y += 21.0;
        }
    }
    l.text_at(LEFT, l.y, w, &fill(&texts.stars_line), centre(Face::Bold, 16.0));
    l.y += 30.0;
    let r = 11.0;
    let gap = 30.0;
    let first = LEFT + w / 2.0 - gap * (f32::from(p.stars) - 1.0) / 2.0;
    for k in 0..p.stars {
        star(l, first + gap * f32::from(k), l.y, r);
    }
    l.y += r + 16.0;
    for line in [&texts.decision_line, &texts.validity_line] {
        for part in l.wrap(&fill(line), Face::Regular, 13.0, w) {
            l.text_at(LEFT, l.y, w, &part, centre(Face::Regular, 13.0));
            l.y += 17.0;
        }
    }
    let sign_x = LEFT + w * 0.5;
    let sign_w = w * 0.5;
    l.y += 8.0;
    l.text_at(sign_x, l.y, sign_w, &fill(&texts.place_date), centre(Face::Italic, 13.0));
    l.text_at(
        sign_x,
        l.y + 17.0,
        sign_w,
        &crate::report::decree30::upper(&fill(&texts.signer_title)),
        centre(Face::Bold, 13.0),
    );
    l.text_at(sign_x, l.y + 80.0, sign_w, &fill(&texts.signer_name), centre(Face::Bold, 13.0));
}

/// "21 sản phẩm đạt 3 sao trở lên: 18 sản phẩm 3 sao, 3 sản phẩm 4 sao" — the sentence a
/// district's report opens with.
pub fn summary_sentence(stats: &Statistics) -> String {
    let parts: Vec<String> = stats
        .valid_by_stars
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(stars, n)| format!("{n} sản phẩm {stars} sao"))
        .collect();
    if parts.is_empty() {
        return "chưa có sản phẩm OCOP còn hiệu lực".into();
    }
    format!("{} sản phẩm đạt 3 sao trở lên: {}", stats.valid, parts.join(", "))
}

fn by_label(stats: &Statistics) -> &'static str {
    use crate::domain::register::stats::GroupBy;
    match stats.by {
        GroupBy::Year => "Năm công nhận",
        GroupBy::Stars => "Hạng sao",
        GroupBy::Group => "Nhóm sản phẩm",
        GroupBy::Commune => "Xã",
    }
}

/// The rows of the grouped table: key, 3★, 4★, 5★, total.
fn group_rows(stats: &Statistics) -> Vec<[String; 5]> {
    let n = |g: &crate::domain::register::stats::GroupCount, s: &str| g.valid_by_stars.get(s).copied().unwrap_or(0);
    stats
        .groups
        .iter()
        .map(|g| {
            let key = if g.key.is_empty() { "(không rõ)".to_string() } else { g.key.clone() };
            [key, n(g, "3").to_string(), n(g, "4").to_string(), n(g, "5").to_string(), g.valid.to_string()]
        })
        .collect()
}

/// The one-page summary: the sentence, the counts, valid products by group and stars, and the
/// certificates expiring per quarter.
pub fn statistics_pdf(stats: &Statistics, authority: &str) -> Result<Vec<u8>, String> {
    let fonts = Fonts::load()?;
    let mut l = Layout::new(&fonts, false);
    let w = l.content_width();
    if !authority.is_empty() {
        l.text_at(LEFT, l.y, w, &crate::report::decree30::upper(authority), Style::new(Face::Bold, 12.0, Align::Left));
        l.y += 24.0;
    }
    let title = "BÁO CÁO TÌNH HÌNH SẢN PHẨM OCOP";
    l.text_at(LEFT, l.y, w, title, Style::new(Face::Bold, 14.0, Align::Center));
    l.y += 18.0;
    let on = format!("(tính đến ngày {})", crate::lang::vi::date(stats.on));
    l.text_at(LEFT, l.y, w, &on, Style::new(Face::Italic, 13.0, Align::Center));
    l.y += 26.0;
    let body = Style::new(Face::Regular, 13.0, Align::Left);
    l.body(&format!("{}.", crate::domain::text::capitalised(&summary_sentence(stats))), body);
    l.body(
        &format!(
            "Tổng số sản phẩm trong sổ theo dõi: {}; còn hiệu lực: {} (trong đó đến hạn đánh giá lại: {}); hết hiệu lực: {}; đã thu hồi: {}.",
            stats.total, stats.valid, stats.due, stats.expired, stats.revoked
        ),
        body,
    );
    let header: Vec<String> = [by_label(stats), "3 sao", "4 sao", "5 sao", "Cộng"].map(String::from).to_vec();
    let rows: Vec<Vec<String>> = group_rows(stats).into_iter().map(|r| r.to_vec()).collect();
    let cols = columns(
        w,
        &[
            (0.44, Align::Left),
            (0.14, Align::Center),
            (0.14, Align::Center),
            (0.14, Align::Center),
            (0.14, Align::Center),
        ],
    );
    l.table(&cols, &header, &rows, 11.0);
    l.y += 12.0;
    l.heading("Số giấy chứng nhận hết hiệu lực theo quý", Style::new(Face::Bold, 13.0, Align::Left), 40.0);
    let header: Vec<String> = stats.expiring_per_quarter.iter().map(|q| q.quarter.clone()).collect();
    let row: Vec<String> = stats.expiring_per_quarter.iter().map(|q| q.expiring.to_string()).collect();
    let fraction = 1.0 / header.len().max(1) as f32;
    let cols = columns(w, &vec![(fraction, Align::Center); header.len()]);
    l.table(&cols, &header, &[row], 10.0);
    Ok(l.finish_unmarked(title, &pdf_date(stats.on)))
}

/// "D:20260701000000Z": the day the figures are for, never the clock, so the same register and day
/// give the same bytes.
pub fn pdf_date(day: Date) -> String {
    super::pdf_date(None, Some(day))
}

/// The statistics as a workbook: the counts, the grouped table, the quarters.
pub fn statistics_xlsx(stats: &Statistics) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Thống kê").map_err(fail)?;
    sheet
        .write_string_with_format(0, 0, crate::domain::text::capitalised(&summary_sentence(stats)), &bold)
        .map_err(fail)?;
    sheet.write_string(1, 0, format!("Tính đến ngày {}", crate::lang::vi::date(stats.on))).map_err(fail)?;
    let counts = [
        ("Tổng số trong sổ", stats.total),
        ("Còn hiệu lực", stats.valid),
        ("Đến hạn đánh giá lại", stats.due),
        ("Hết hiệu lực", stats.expired),
        ("Đã thu hồi", stats.revoked),
    ];
    for (i, (label, n)) in counts.iter().enumerate() {
        sheet.write_string(3 + i as u32, 0, *label).map_err(fail)?;
        sheet.write_number(3 + i as u32, 1, *n as f64).map_err(fail)?;
    }
    let top = 10u32;
    for (c, h) in [by_label(stats), "3 sao", "4 sao", "5 sao", "Cộng"].iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, *h, &bold).map_err(fail)?;
    }
    for (r, row) in group_rows(stats).iter().enumerate() {
        let r = top + 1 + r as u32;
        sheet.write_string(r, 0, &row[0]).map_err(fail)?;
        for (c, n) in row.iter().enumerate().skip(1) {
            sheet.write_number(r, c as u16, n.parse::<f64>().unwrap_or(0.0)).map_err(fail)?;
        }
    }
    let quarters = top + 3 + stats.groups.len() as u32;
    sheet.write_string_with_format(quarters, 0, "Quý", &bold).map_err(fail)?;
    sheet.write_string_with_format(quarters, 1, "Hết hiệu lực", &bold).map_err(fail)?;
    for (i, q) in stats.expiring_per_quarter.iter().enumerate() {
        sheet.write_string(quarters + 1 + i as u32, 0, &q.quarter).map_err(fail)?;
        sheet.write_number(quarters + 1 + i as u32, 1, q.expiring as f64).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_certificate_texts_read() {
        let texts = super::CertificateTexts::from_json(super::CERTIFICATE_TEXTS).unwrap();
        assert_eq!(texts.title, "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP");
    }

    #[test]
    fn the_sentence_a_district_sends_up() {
        use crate::domain::register::stats::{GroupBy, statistics};
        let mut stats = statistics(&[], crate::domain::Date::new(2026, 7, 1).unwrap(), GroupBy::Year);
        assert_eq!(super::summary_sentence(&stats), "chưa có sản phẩm OCOP còn hiệu lực");
        stats.valid = 21;
        stats.valid_by_stars.insert("3".into(), 18);
        stats.valid_by_stars.insert("4".into(), 3);
        assert_eq!(
            super::summary_sentence(&stats),
            "21 sản phẩm đạt 3 sao trở lên: 18 sản phẩm 3 sao, 3 sản phẩm 4 sao"
        );
    }
}
