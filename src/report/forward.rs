//! Văn bản đề nghị cấp trên: forwards the products whose stars exceed what this level recognises,
//! to the named upper council, with this council's means.

use super::decree30::{self, BODY, SignBlock, closing, header, subject_line};
use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, Style, columns};
use super::{Ctx, Kind};
use crate::domain::facts::SignCapacity;
use crate::domain::scoring::Decision;

pub fn render(ctx: &Ctx<'_>) -> Vec<u8> {
    let s = &ctx.record.session;
    let info = &s.session;
    let rs = &ctx.record.ruleset;
    let mut l = Layout::new(ctx.fonts, false);
    l.administrative();
    header(&mut l, "", &info.authority, "Số:      /UBND-NN", &decree30::place_blank_date(s));
    subject_line(&mut l, "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP cấp trên");
    let w = l.content_width();
    let to = ctx.upper_body();
    for line in l.wrap(&format!("Kính gửi: {to}."), Face::Regular, 14.0, w * 0.85) {
        l.text_at(LEFT, l.y, w, &line, Style::new(Face::Regular, 14.0, Align::Center));
        l.y += 17.0;
    }
    l.y += 12.0;
    let forwarded = ctx.products(Decision::Forwarded);
    l.body(
        &format!(
            "Căn cứ {}; căn cứ Biên bản họp {} ngày {}, {} đề nghị {} xem xét, đánh giá, phân hạng {} sản phẩm sau:",
            rs.legal_basis,
            ctx.council(),
            decree30::date_vn(info.meeting_date),
            info.authority,
            to,
            forwarded.len()
        ),
        BODY,
    );
    let cols = columns(
        w,
        &[(0.07, Align::Center), (0.28, Align::Left), (0.33, Align::Left), (0.17, Align::Right), (0.15, Align::Center)],
    );
    let mean_head =
        format!("Điểm TB của {}", ctx.council().replace("Hội đồng đánh giá, phân hạng sản phẩm OCOP", "Hội đồng"));
    let head = ["STT".to_string(), "Tên sản phẩm".into(), "Chủ thể".into(), mean_head, "Hạng đề nghị".into()];
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
    l.body("Hồ sơ sản phẩm và biên bản họp Hội đồng được gửi kèm theo văn bản này.", BODY);
    let recipients = ctx.recipients(Kind::Forward);
    // The last paragraph goes with the signature.
    l.keep_together(BODY.line_height() + decree30::closing_height(&recipients));
    l.body("Trân trọng đề nghị./.", BODY);
    let signer = SignBlock::of(ctx.facts().signer.as_ref(), Some(SignCapacity::Tm), "Ủy ban nhân dân");
    closing(&mut l, &recipients, &signer);
    l.finish("Văn bản đề nghị cấp trên", &ctx.mark())
}
