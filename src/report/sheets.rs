//! Phiếu đánh giá: one per member per product, the whole criteria sheet with the chosen option
//! marked, part subtotals, total, band, comment, date and signature; or blank, pre-filled with the
//! member, product and producer, for members who score on paper.

use super::Ctx;
use super::decree30::{self, BODY, signatures};
use super::fonts::Face;
use super::layout::{Align, LEFT, Layout, Style, columns};
use crate::domain::Fixed;
use crate::domain::criteria::{Criterion, SheetIndex};
use crate::domain::scoring::sheet_total;
use crate::domain::session::ScoreSheet;

const SIZE: f32 = 9.5;

pub fn render(ctx: &Ctx<'_>, blank: bool) -> Vec<u8> {
    let s = &ctx.record.session;
    let mut l = Layout::new(ctx.fonts, false);
    let mut first = true;
    for d in &s.dossiers {
        if d.eliminated.is_some() {
            continue;
        }
        let Some(sheet_def) = ctx.record.criteria.sheet(d.sheet) else { continue };
        let index = SheetIndex::new(sheet_def);
        for m in &s.members {
            let expected = d.expects_sheet_from(m);
            let sheet =
                s.sheets.iter().find(|sh| sh.dossier == d.code && sh.member == m.id && sh.round == d.current_round());
            let sheet = match (blank, sheet) {
                (true, _) if expected => None,
                (false, Some(sh)) if !sh.draft => Some(sh),
                _ => continue,
            };
            if !first {
                l.new_page();
            }
            first = false;
            one(ctx, &mut l, d, &m.name, &index, sheet);
        }
    }
    let title = if blank { "Phiếu đánh giá trắng" } else { "Phiếu đánh giá" };
    l.finish(title, &ctx.mark())
}

fn one(
    ctx: &Ctx<'_>,
    l: &mut Layout<'_>,
    d: &crate::domain::session::Dossier,
    member: &str,
    index: &SheetIndex<'_>,
    sheet: Option<&ScoreSheet>,
) {
    let w = l.content_width();
    let center = |l: &mut Layout<'_>, text: &str, style: Style| {
        l.text_at(LEFT, l.y, w, text, style);
        l.y += style.line_height();
    };
    center(l, &ctx.council().to_uppercase(), Style::new(Face::Bold, 11.0, Align::Center));
    center(l, "PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", Style::new(Face::Bold, 14.0, Align::Center));
    center(
        l,
        &format!("Bộ sản phẩm số {}: {}", index.sheet.no, index.sheet.name),
        Style::new(Face::Italic, 11.0, Align::Center),
    );
    center(l, &format!("({})", ctx.record.criteria.title), Style::new(Face::Italic, 10.0, Align::Center));
    l.space(4.0);
    let info = Style::new(Face::Regular, 11.0, Align::Left);
    l.paragraph(&format!("Sản phẩm: {} (mã hồ sơ {})", d.product, d.code), info, 0.0);
    l.paragraph(&format!("Chủ thể: {}; {}", d.producer, d.address), info, 0.0);
    l.paragraph(&format!("Thành viên chấm: {member} — vòng chấm {}", d.current_round()), info, 0.0);
    l.space(4.0);

    let cols = columns(w, &[(0.72, Align::Left), (0.1, Align::Center), (0.08, Align::Center), (0.1, Align::Center)]);
    let head = ["Tiêu chí / phương án", "Điểm", "Chọn", "Đạt"].map(String::from);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let totals = sheet.map(|sh| sheet_total(index, sh));
    for (pi, part) in index.sheet.parts.iter().enumerate() {
        let got = totals.as_ref().map(|t| t.parts[pi].to_string()).unwrap_or_default();
        rows.push(vec![format!("PHẦN {}: {}", part.code, part.title), part.max.to_string(), String::new(), got]);
        for c in &part.criteria {
            criterion_rows(&mut rows, c, sheet, index);
        }
    }
    l.table(&cols, &head, &rows, SIZE);
    l.space(4.0);
    l.keep_together(150.0);
    match (&totals, sheet) {
        (Some(t), Some(sh)) => {
            let band = ctx.record.ruleset.band(Fixed::from_int(i64::from(t.total), 0));
            l.paragraph(&format!("TỔNG ĐIỂM: {}/100 — mức điểm {} sao", t.total, band), decree30::BODY_BOLD, 0.0);
            l.paragraph(&format!("Nhận xét: {}", if sh.comment.is_empty() { "……" } else { &sh.comment }), BODY, 0.0);
        }
        _ => {
            l.paragraph("TỔNG ĐIỂM: ………/100", decree30::BODY_BOLD, 0.0);
            l.paragraph("Nhận xét: ………………………………………………………………………………………………", BODY, 0.0);
        }
    }
    l.paragraph(
        &format!("{}.", decree30::place_date(&ctx.record.session)),
        Style::new(Face::Italic, 12.0, Align::Right),
        0.0,
    );
    signatures(l, &[("Thành viên Hội đồng", member)]);
}

fn criterion_rows(rows: &mut Vec<Vec<String>>, c: &Criterion, sheet: Option<&ScoreSheet>, index: &SheetIndex<'_>) {
    if !c.children.is_empty() {
        rows.push(vec![format!("{} {}", c.code, c.title), c.max.to_string(), String::new(), String::new()]);
        for ch in &c.children {
            criterion_rows(rows, ch, sheet, index);
        }
        return;
    }
    let chosen = sheet.and_then(|s| s.choices.get(&c.code).copied());
    let points = chosen.and_then(|o| index.points(&c.code, o));
    rows.push(vec![
        format!("{} {}", c.code, c.title),
        c.max.to_string(),
        String::new(),
        points.map(|p| p.to_string()).unwrap_or_default(),
    ]);
    for (i, o) in c.options.iter().enumerate() {
        let mark = if chosen == Some(i as u8 + 1) { "X" } else { "" };
        let star = o.min_star.map(|s| format!(" ({})", "*".repeat(usize::from(s)))).unwrap_or_default();
        // Non-breaking spaces: the indent survives wrapping, which splits on plain spaces.
        rows.push(vec![
            format!("\u{a0}\u{a0}\u{a0}\u{a0}{}. {}{star}", i + 1, o.label),
            o.points.to_string(),
            mark.into(),
            String::new(),
        ]);
    }
    if chosen == Some(0) {
        rows.push(vec![
            "\u{a0}\u{a0}\u{a0}\u{a0}Không đạt phương án nào".into(),
            "0".into(),
            "X".into(),
            String::new(),
        ]);
    }
}
