//! Bảng tổng hợp điểm: products × members totals, mean, lowest, highest, spread, stars. Landscape
//! when the council is large.

use super::Ctx;
use super::decree30::{self, BODY, header, signatures, title};
use super::layout::{Align, Col, Layout};
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::sheet_total;

pub fn render(ctx: &Ctx<'_>) -> Vec<u8> {
    let s = &ctx.record.session;
    let members = &s.members;
    let landscape = members.len() > 7;
    let mut l = Layout::new(ctx.fonts, landscape);
    header(&mut l, &s.session.authority, &ctx.council(), "", &decree30::place_date(s));
    title(&mut l, "Bảng tổng hợp điểm đánh giá, phân hạng sản phẩm OCOP", &[&s.session.title]);

    let w = l.content_width();
    let fixed = [0.04, 0.1, 0.2];
    let tail = [0.065, 0.045, 0.045, 0.05, 0.04];
    let member_w = (1.0 - fixed.iter().sum::<f32>() - tail.iter().sum::<f32>()) / members.len().max(1) as f32;
    let mut cols = vec![
        Col { width: w * fixed[0], align: Align::Center },
        Col { width: w * fixed[1], align: Align::Left },
        Col { width: w * fixed[2], align: Align::Left },
    ];
    cols.extend(members.iter().map(|_| Col { width: w * member_w, align: Align::Right }));
    cols.extend(tail.iter().map(|t| Col { width: w * t, align: Align::Right }));
    let mut head: Vec<String> = vec!["STT".into(), "Mã hồ sơ".into(), "Sản phẩm".into()];
    head.extend(members.iter().map(|m| m.id.clone()));
    head.extend(["TB", "Thấp", "Cao", "Chênh", "Sao"].map(String::from));
    let rows = ctx.numbered_rows(&ctx.all_products(), |p, d| {
        let index = ctx.record.criteria.sheet(d.sheet).map(SheetIndex::new);
        let mut row = vec![p.code.clone(), d.product.clone()];
        for m in members {
            let sheet =
                s.sheets.iter().find(|sh| sh.dossier == d.code && sh.member == m.id && sh.round == d.current_round());
            row.push(match (sheet, &index) {
                _ if d.recused.contains(&m.id) => "rút".into(),
                _ if !m.present => "vắng".into(),
                (Some(sh), Some(ix)) if !sh.draft => sheet_total(ix, sh).total.to_string(),
                _ => "–".into(),
            });
        }
        let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
        row.extend([Ctx::mean(p), opt(p.min), opt(p.max), opt(p.spread)]);
        row.push(p.stars.map(|n| n.to_string()).unwrap_or_else(|| "–".into()));
        row
    });
    l.table(&cols, &head, &rows, if landscape { 9.5 } else { 10.0 });
    l.space(6.0);
    let legend: Vec<String> = members.iter().map(|m| format!("{}: {}", m.id, m.name)).collect();
    l.paragraph(
        &format!("Ghi chú: {}. Điểm TB là trung bình của các phiếu hợp lệ ở vòng chấm cuối.", legend.join("; ")),
        BODY,
        0.0,
    );
    signatures(&mut l, &[("Thư ký Hội đồng", &ctx.secretary()), ("Chủ tịch Hội đồng", &ctx.chair())]);
    l.finish("Bảng tổng hợp điểm", &ctx.mark())
}
