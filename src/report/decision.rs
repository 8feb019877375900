//! Dự thảo quyết định công nhận, with the annex list of recognised products. The number and the
//! date are left for the office that issues it; the annex is dated like the decision.

use super::decree30::{self, BLANK, BODY, BODY_BOLD, SignBlock, closing, header, title};
use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, Style, columns};
use super::{Ctx, Kind};
use crate::domain::scoring::{Decision, ProductResult};

pub fn render(ctx: &Ctx<'_>) -> Vec<u8> {
    let s = &ctx.record.session;
    let info = &s.session;
    let rs = &ctx.record.ruleset;
    let mut l = Layout::new(ctx.fonts, false);
    l.administrative();
    let year = info.meeting_date.map_or("……".to_string(), |d| d.year().to_string());
    header(&mut l, "", &info.authority, "Số:      /QĐ-UBND", &decree30::place_blank_date(s));
    title(&mut l, "Quyết định", &[&format!("Về việc công nhận sản phẩm đạt chuẩn OCOP năm {year}")]);
    let w = l.content_width();
    // "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN Ý YÊN" when the authority is known; the ruleset's words otherwise.
    let issuer =
        if info.authority.is_empty() { rs.recognized_by.clone() } else { format!("Chủ tịch {}", info.authority) };
    l.text_at(LEFT, l.y, w, &issuer.to_uppercase(), Style::new(Face::Bold, 13.0, Align::Center));
    l.y += 24.0;
    l.body(&format!("Căn cứ Luật Tổ chức chính quyền địa phương ngày {BLANK};"), BODY);
    for basis in [rs.legal_basis.clone(), info.council_decision.clone()] {
        if !basis.is_empty() {
            l.body(&format!("Căn cứ {basis};"), BODY);
        }
    }
    l.body(&format!("Căn cứ Biên bản họp {} ngày {};", ctx.council(), decree30::date_vn(info.meeting_date)), BODY);
    l.body(&format!("Xét đề nghị của {BLANK} tại Tờ trình số ……/TTr-…… ngày {BLANK}."), BODY);
    let recognized = ctx.products(Decision::Recognized);
    articles(&mut l, ctx, &year, recognized.len());
    annex(&mut l, ctx, &issuer, &recognized);
    l.finish("Dự thảo quyết định công nhận", &ctx.mark())
}

/// "QUYẾT ĐỊNH:", the three articles, "Nơi nhận" and the signer (kept with the last article).
fn articles(l: &mut Layout<'_>, ctx: &Ctx<'_>, year: &str, recognized: usize) {
    let w = l.content_width();
    l.space(6.0);
    l.keep_together(22.0 + 3.0 * BODY.line_height());
    l.text_at(LEFT, l.y, w, "QUYẾT ĐỊNH:", Style::new(Face::Bold, 13.0, Align::Center));
    l.y += 22.0;
    let stars: Vec<String> = ctx.record.ruleset.recognizes.iter().map(|s| format!("{s} sao")).collect();
    l.body(
        &format!(
            "Điều 1. Công nhận {} sản phẩm đạt chuẩn OCOP hạng {} năm {year} (có danh sách kèm theo).",
            recognized,
            stars.join(", ")
        ),
        BODY,
    );
    l.body(
        "Điều 2. Giấy chứng nhận sản phẩm OCOP có giá trị 36 tháng kể từ ngày ký. Các chủ thể có sản phẩm được công nhận có trách nhiệm duy trì chất lượng sản phẩm theo tiêu chuẩn đã công bố.",
        BODY,
    );
    let recipients = ctx.recipients(Kind::Decision);
    let last = "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng các phòng, ban liên quan và các chủ thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.";
    let last_h = l.wrap(last, Face::Regular, 13.0, w).len() as f32 * BODY.line_height();
    l.keep_together(last_h + decree30::closing_height(&recipients));
    l.body(last, BODY);
    let signer = SignBlock::of(ctx.facts().signer.as_ref(), None, "Ủy ban nhân dân");
    closing(l, &recipients, &signer);
}

/// The annex on a page of its own: the recognised products, with their stars and means.
fn annex(l: &mut Layout<'_>, ctx: &Ctx<'_>, issuer: &str, recognized: &[&ProductResult]) {
    let w = l.content_width();
    l.new_page();
    let year = ctx.record.session.session.meeting_date.map_or("……".to_string(), |d| d.year().to_string());
    title(
        l,
        "Danh sách sản phẩm đạt chuẩn OCOP",
        &[&format!("(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm {year} của {issuer})")],
    );
    let cols = columns(
        w,
        &[
            (0.07, Align::Center),
            (0.27, Align::Left),
            (0.27, Align::Left),
            (0.2, Align::Left),
            (0.08, Align::Center),
            (0.11, Align::Right),
        ],
    );
    let head = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng", "Điểm TB Hội đồng"].map(String::from);
    let rows = ctx.numbered_rows(recognized, |p, d| {
        vec![
            d.product.clone(),
            d.producer.clone(),
            d.address.clone(),
            format!("{} sao", p.stars.unwrap_or(0)),
            Ctx::mean(p),
        ]
    });
    l.table(&cols, &head, &rows, 11.0);
    if rows.is_empty() {
        l.paragraph("(Không có sản phẩm được công nhận.)", BODY_BOLD, 0.0);
    }
}
