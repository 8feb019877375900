//! Phiếu đánh giá: one per member per product per round, the whole criteria sheet with the chosen
//! option marked, part subtotals, total, band, comment, date and signature; or blank, pre-filled
//! with the member, product and producer, for members who score on paper.
//!
//! Every page names its product, member and "phiếu x — trang i/n", so a loose page can be put back.
//! The sheets are laid out one member at a time (what that member signs: one file each), and the
//! file of all sheets takes their pages product by product: a province session's pages are never
//! all held at once.

use super::decree30::{self, BODY};
use super::fonts::Face;
use super::layout::{Align, BOTTOM, LEFT, Layout, MM, Style, TOP};
use super::{Ctx, concat, sheet_table};
use crate::domain::Fixed;
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::sheet_total;
use crate::domain::session::{Dossier, Member, ScoreSheet};

/// One sheet to print, numbered as in the file of all sheets.
struct Entry<'a> {
    no: usize,
    dossier: &'a Dossier,
    member: &'a Member,
    round: u32,
    sheet: Option<&'a ScoreSheet>,
}

/// Where one sheet's pages lie in its member's file: (sheet number, first page, page count).
type Span = (usize, usize, usize);

const LEGEND: &str = "Ghi chú: (***), (****), (*****) — phương án tối thiểu sản phẩm phải đạt để được xếp hạng 3, 4, \
                      5 sao; X — phương án được chọn.";

/// Every sheet in product order: filled, every round's submitted sheets (an earlier round's sheets
/// stay part of the record); blank, one for each member expected to score the current round.
fn entries<'a>(ctx: &'a Ctx<'_>, blank: bool) -> Vec<Entry<'a>> {
    let s = &ctx.record.session;
    let mut list = Vec::new();
    for d in s.dossiers.iter().filter(|d| d.eliminated.is_none() && ctx.record.criteria.sheet(d.sheet).is_some()) {
        if blank {
            for m in s.members.iter().filter(|m| d.expects_sheet_from(m)) {
                let round = d.current_round();
                list.push(Entry { no: list.len() + 1, dossier: d, member: m, round, sheet: None });
            }
            continue;
        }
        for round in 1..=d.current_round() {
            for m in &s.members {
                let found = s.sheets.iter().find(|sh| sh.dossier == d.code && sh.member == m.id && sh.round == round);
                if let Some(sh) = found.filter(|sh| !sh.draft) {
                    list.push(Entry { no: list.len() + 1, dossier: d, member: m, round, sheet: Some(sh) });
                }
            }
        }
    }
    list
}

fn title(blank: bool) -> &'static str {
    if blank { "Phiếu đánh giá trắng" } else { "Phiếu đánh giá" }
}

/// One member's sheets as a PDF, and where each sheet's pages are in it.
fn member_file(ctx: &Ctx<'_>, list: &[&Entry<'_>], blank: bool) -> (Vec<u8>, Vec<Span>) {
    let mut l = Layout::new(ctx.fonts, false);
    let mut spans = Vec::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        if i > 0 {
            l.new_page();
        }
        let first = l.page_count() - 1;
        one(ctx, &mut l, e);
        let n = l.page_count() - first;
        stamp(ctx, &mut l, e, first, n, blank);
        spans.push((e.no, first, n));
    }
    if list.is_empty() {
        l.paragraph("Không có phiếu đánh giá nào.", BODY, 0.0);
    }
    (l.finish_unmarked(title(blank)), spans)
}

/// Each member's file, in the council's order; members with no sheet have none.
fn member_files<'a>(ctx: &'a Ctx<'_>, blank: bool) -> Vec<(&'a Member, Vec<u8>, Vec<Span>)> {
    let list = entries(ctx, blank);
    let mut files = Vec::new();
    for m in &ctx.record.session.members {
        let mine: Vec<&Entry<'_>> = list.iter().filter(|e| e.member.id == m.id).collect();
        if !mine.is_empty() {
            let (bytes, spans) = member_file(ctx, &mine, blank);
            files.push((m, bytes, spans));
        }
    }
    files
}

/// The file of all sheets from the members' files, product by product.
fn combine(files: Vec<(Vec<u8>, Vec<Span>)>, blank: bool, empty: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
    if files.is_empty() {
        return empty();
    }
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (doc, (_, spans)) in files.iter().enumerate() {
        for &(no, first, n) in spans {
            order.extend((first..first + n).map(|p| (no, doc, p)));
        }
    }
    order.sort_unstable();
    let pages: Vec<(usize, usize)> = order.into_iter().map(|(_, d, p)| (d, p)).collect();
    concat::pages_in_order(files.into_iter().map(|(b, _)| b).collect(), &pages, title(blank)).unwrap_or_default()
}

/// All the sheets in one PDF (product by product).
pub fn render(ctx: &Ctx<'_>, blank: bool) -> Vec<u8> {
    let files = member_files(ctx, blank).into_iter().map(|(_, b, s)| (b, s)).collect();
    combine(files, blank, || member_file(ctx, &[], blank).0)
}

/// The file name of a member's sheets: "phieu-cham-m1.pdf" (the id's letters, digits, '-' and '_').
pub fn member_file_name(member: &Member) -> String {
    let id: String = member.id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    format!("phieu-cham-{id}.pdf")
}

/// The filled sheets both ways from one layout: all in one, and each member's file (name, bytes).
pub fn filled_both(ctx: &Ctx<'_>) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let files = member_files(ctx, false);
    let named: Vec<(String, Vec<u8>)> = files.iter().map(|(m, b, _)| (member_file_name(m), b.clone())).collect();
    let all = combine(files.into_iter().map(|(_, b, s)| (b, s)).collect(), false, || member_file(ctx, &[], false).0);
    (all, named)
}

/// Each member's filled sheets: (file name, PDF).
pub fn by_member(ctx: &Ctx<'_>) -> Vec<(String, Vec<u8>)> {
    member_files(ctx, false).into_iter().map(|(m, b, _)| (member_file_name(m), b)).collect()
}

/// What each page of a sheet says above and below its text: product, member, round; the sheet's
/// number and the page within it; on filled sheets the draft mark or the session fingerprint.
fn stamp(ctx: &Ctx<'_>, l: &mut Layout<'_>, e: &Entry<'_>, first: usize, n: usize, blank: bool) {
    let w = l.content_width();
    let small = Style::new(Face::Italic, 9.0, Align::Left);
    let about = format!("{} — {} — {} — vòng {}", e.dossier.code, e.dossier.product, e.member.name, e.round);
    let about = match l.wrap(&about, Face::Italic, 9.0, w).as_slice() {
        [one] => one.clone(),
        [first_line, ..] => format!("{first_line}…"),
        [] => String::new(),
    };
    let footer_top = l.page_height - BOTTOM - 10.0;
    let mark = match (blank, ctx.mark().fingerprint) {
        (true, _) => String::new(),
        (false, None) => "DỰ THẢO — kết quả chưa khóa".to_string(),
        (false, Some(fp)) => format!("Dấu vân tay phiên họp: {fp}"),
    };
    for i in 0..n {
        let page = first + i;
        l.text_on_page(page, LEFT, TOP - 10.0 * MM, w, &about, small);
        let number = format!("Phiếu {} — trang {}/{n}", e.no, i + 1);
        l.text_on_page(page, LEFT, footer_top, w, &number, Style::new(Face::Regular, 9.0, Align::Right));
        l.text_on_page(page, LEFT, footer_top, w, &mark, small);
    }
}

fn one(ctx: &Ctx<'_>, l: &mut Layout<'_>, e: &Entry<'_>) {
    let Some(sheet_def) = ctx.record.criteria.sheet(e.dossier.sheet) else { return };
    let index = SheetIndex::new(sheet_def);
    let d = e.dossier;
    let w = l.content_width();
    let center = |l: &mut Layout<'_>, text: &str, style: Style| {
        for line in l.wrap(text, style.face, style.size, w) {
            l.text_at(LEFT, l.y, w, &line, style);
            l.y += style.line_height();
        }
    };
    center(l, &ctx.council().to_uppercase(), Style::new(Face::Bold, 10.0, Align::Center));
    center(l, "PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", Style::new(Face::Bold, 13.0, Align::Center));
    center(
        l,
        &format!("Bộ sản phẩm số {}: {} ({})", index.sheet.no, index.sheet.name, ctx.record.criteria.title),
        Style::new(Face::Italic, 9.5, Align::Center),
    );
    l.space(2.0);
    let info = Style::new(Face::Regular, 9.5, Align::Left);
    l.paragraph(&format!("Sản phẩm: {} (mã hồ sơ {})", d.product, d.code), info, 0.0);
    l.paragraph(&format!("Chủ thể: {}; {}", d.producer, d.address), info, 0.0);
    l.paragraph(&format!("Thành viên chấm: {} — vòng chấm {}", e.member.name, e.round), info, 0.0);
    l.space(2.0);
    let totals = e.sheet.map(|sh| sheet_total(&index, sh));
    sheet_table::draw(l, &index, e.sheet, totals.as_ref());
    l.space(2.0);
    l.paragraph(LEGEND, Style::new(Face::Italic, 9.0, Align::Left), 0.0);
    l.space(3.0);
    // The totals, the comment, the date and the signature stay together.
    l.keep_together(if e.sheet.is_some() { 115.0 } else { 135.0 });
    let bold = Style::new(Face::Bold, 11.0, Align::Left);
    let body = Style::new(Face::Regular, 11.0, Align::Left);
    match (&totals, e.sheet) {
        (Some(t), Some(sh)) => {
            let band = ctx.record.ruleset.band(Fixed::from_int(i64::from(t.total), 0));
            l.paragraph(&format!("TỔNG ĐIỂM: {}/100 — mức điểm {} sao", t.total, band), bold, 0.0);
            l.paragraph(&format!("Nhận xét: {}", if sh.comment.is_empty() { "……" } else { &sh.comment }), body, 0.0);
        }
        _ => {
            l.paragraph("TỔNG ĐIỂM: ………/100 — xếp hạng: ……… sao", bold, 0.0);
            // Dotted lines as wide as the page: room to write the comment by hand.
            let dot_w = l.fonts.width(Face::Regular, "…", 11.0).max(1.0);
            let label_w = l.fonts.width(Face::Regular, "Nhận xét: ", 11.0);
            let full = ((l.content_width() - 2.0) / dot_w) as usize;
            let first = ((l.content_width() - label_w - 2.0) / dot_w) as usize;
            l.paragraph(&format!("Nhận xét: {}", "…".repeat(first)), body, 0.0);
            for _ in 0..1 {
                l.space(3.0);
                l.paragraph(&"…".repeat(full), body, 0.0);
            }
        }
    }
    l.paragraph(
        &format!("{}.", decree30::place_date(&ctx.record.session)),
        Style::new(Face::Italic, 11.0, Align::Right),
        0.0,
    );
    signature(l, &e.member.name);
}

/// The member's signature block, right, compact: a sheet has three pages at most.
fn signature(l: &mut Layout<'_>, name: &str) {
    let w = l.content_width() / 2.0;
    let x = LEFT + w;
    l.space(4.0);
    l.text_at(x, l.y, w, "THÀNH VIÊN HỘI ĐỒNG", Style::new(Face::Bold, 11.0, Align::Center));
    l.text_at(x, l.y + 14.0, w, "(Ký, ghi rõ họ tên)", Style::new(Face::Italic, 10.0, Align::Center));
    l.text_at(x, l.y + 56.0, w, name, Style::new(Face::Bold, 11.0, Align::Center));
    l.y += 70.0;
}
