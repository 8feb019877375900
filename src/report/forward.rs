//! Văn bản đề nghị cấp trên: forwards the products whose stars exceed what this level recognises.

use super::Ctx;
use super::decree30::{self, BODY, header, signatures};
use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, Style, columns};
use crate::domain::scoring::Decision;

pub fn render(ctx: &Ctx<'_>) -> Vec<u8> {
    let s = &ctx.record.session;
    let info = &s.session;
    let rs = &ctx.record.ruleset;
    let mut l = Layout::new(ctx.fonts, false);
    header(&mut l, "", &info.authority, "Số:      /UBND-NN", &decree30::place_date(s));
    let w = l.content_width();
    l.text_at(
        LEFT,
        l.y - 8.0,
        w * 0.42,
        "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP",
        Style::new(Face::Regular, 12.0, Align::Center),
    );
    l.y += 16.0;
    l.text_at(LEFT, l.y, w, &format!("Kính gửi: {}", rs.forward_to), Style::new(Face::Regular, 13.0, Align::Center));
    l.y += 26.0;
    let forwarded = ctx.products(Decision::Forwarded);
    l.paragraph(
        &format!(
            "Căn cứ {}; căn cứ kết quả họp {} ngày {}, {} đề nghị {} xem xét, đánh giá, phân hạng {} sản phẩm sau:",
            rs.legal_basis,
            ctx.council(),
            decree30::date_vn(info.meeting_date),
            info.authority,
            rs.forward_to,
            forwarded.len()
        ),
        BODY,
        0.0,
    );
    let cols = columns(
        w,
        &[(0.07, Align::Center), (0.3, Align::Left), (0.33, Align::Left), (0.15, Align::Right), (0.15, Align::Center)],
    );
    let head = ["STT", "Tên sản phẩm", "Chủ thể", "Điểm cấp dưới", "Hạng đề nghị"].map(String::from);
    let rows = ctx.numbered_rows(&forwarded, |p, d| {
        vec![
            d.product.clone(),
            format!("{}, {}", d.producer, d.address),
            Ctx::mean(p),
            format!("{} sao", p.stars.unwrap_or(0)),
        ]
    });
    l.table(&cols, &head, &rows, 11.0);
    l.space(6.0);
    l.paragraph("Hồ sơ sản phẩm và biên bản họp Hội đồng được gửi kèm theo văn bản này.", BODY, 0.0);
    l.paragraph("Trân trọng đề nghị./.", BODY, 0.0);
    signatures(&mut l, &[("", ""), ("TM. Ủy ban nhân dân\nChủ tịch", "")]);
    l.finish("Văn bản đề nghị cấp trên", &ctx.mark())
}
