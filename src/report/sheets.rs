//! Phiếu đánh giá: one per member per product per round, the whole criteria sheet with the chosen
//! option marked, part subtotals, total, band, comment, date and signature; or blank, pre-filled
//! with the member, product and producer, for members who score on paper.
//!
//! Every page names its product, member and "phiếu x — trang i/n", so a loose page can be put back.
//! The sheets are laid out one member at a time (what that member signs: one file each), each
//! sheet's pages encoded (compressed) once stamped; the file of all sheets takes the same encoded
//! pages product by product, and every file shares one subset of the fonts.

use super::decree30::{self, BODY};
use super::fonts::Face;
use super::layout::{Align, BOTTOM, LEFT, Layout, MM, PRODUCER, Style, TOP};
use super::pdf::{self, Glyphs};
use super::{Ctx, ReportError, sheet_table};
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

/// One member's sheets laid out and encoded: the pages, the glyphs they draw, where each sheet lies.
struct MemberPages<'a> {
    member: Option<&'a Member>,
    pages: Vec<pdf::Page>,
    glyphs: Glyphs,
    spans: Vec<Span>,
}

fn member_pages<'a>(ctx: &Ctx<'_>, member: Option<&'a Member>, list: &[&Entry<'_>], blank: bool) -> MemberPages<'a> {
    let mut l = Layout::new(ctx.fonts, false);
    l.footer_in_margin();
    let mut out =
        MemberPages { member, pages: Vec::new(), glyphs: Glyphs::default(), spans: Vec::with_capacity(list.len()) };
    for e in list {
        one(ctx, &mut l, e);
        let n = l.page_count();
        stamp(ctx, &mut l, e, n, blank);
        out.spans.push((e.no, out.pages.len(), n));
        // Each sheet's pages are encoded as soon as stamped: drawings are never held for long.
        out.pages.extend(l.take_pages(&mut out.glyphs));
    }
    if list.is_empty() {
        l.paragraph("Không có phiếu đánh giá nào.", BODY, 0.0);
        out.pages.extend(l.take_pages(&mut out.glyphs));
    }
    out
}

/// Each member's pages, in the council's order; members with no sheet have none. With no sheet
/// at all, one page saying so.
fn members_pages<'a>(ctx: &'a Ctx<'_>, blank: bool) -> Vec<MemberPages<'a>> {
    let list = entries(ctx, blank);
    let mut files = Vec::new();
    for m in &ctx.record.session.members {
        let mine: Vec<&Entry<'_>> = list.iter().filter(|e| e.member.id == m.id).collect();
        if !mine.is_empty() {
            files.push(member_pages(ctx, Some(m), &mine, blank));
        }
    }
    if files.is_empty() {
        files.push(member_pages(ctx, None, &[], blank));
    }
    files
}

/// The pages of all sheets, product by product (sheet number), from the members' pages.
fn in_sheet_order<'m>(members: &'m [MemberPages<'_>]) -> Vec<&'m pdf::Page> {
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (m, file) in members.iter().enumerate() {
        for &(no, first, n) in &file.spans {
            order.extend((first..first + n).map(|p| (no, m, p)));
        }
    }
    if order.is_empty() {
        return members.iter().flat_map(|m| &m.pages).collect();
    }
    order.sort_unstable();
    order.into_iter().map(|(_, m, p)| &members[m].pages[p]).collect()
}

/// The sheets' files, each given to `sink` (file name, bytes) as soon as made: all in one
/// (`kind_file`, when `all`), and each member's (`by_member`). Every file shares the pages,
/// encoded once, and one subset of the fonts.
pub fn files(
    ctx: &Ctx<'_>,
    blank: bool,
    all: Option<&str>,
    by_member: bool,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    let members = members_pages(ctx, blank);
    let mut glyphs = Glyphs::default();
    for m in &members {
        glyphs.merge(&m.glyphs);
    }
    let embedded = pdf::embed(ctx.fonts, &glyphs);
    let created = ctx.mark().created;
    let write = |pages: &mut dyn Iterator<Item = &pdf::Page>| {
        pdf::write(pages, &embedded, ctx.fonts, title(blank), &created, PRODUCER)
    };
    if by_member {
        for m in &members {
            if let Some(member) = m.member {
                sink(member_file_name(member), write(&mut m.pages.iter()))?;
            }
        }
    }
    if let Some(name) = all {
        sink(name.to_string(), write(&mut in_sheet_order(&members).into_iter()))?;
    }
    Ok(())
}

/// All the sheets in one PDF (product by product).
pub fn render(ctx: &Ctx<'_>, blank: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = files(ctx, blank, Some(""), false, &mut |_, bytes| {
        out = bytes;
        Ok(())
    });
    out
}

/// The file name of a member's sheets: "phieu-cham-m1.pdf" (the id's letters, digits, '-' and '_').
pub fn member_file_name(member: &Member) -> String {
    let id: String = member.id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    format!("phieu-cham-{id}.pdf")
}

/// Each member's filled sheets: (file name, PDF).
pub fn by_member(ctx: &Ctx<'_>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let _ = files(ctx, false, None, true, &mut |name, bytes| {
        out.push((name, bytes));
        Ok(())
    });
    out
}

/// What each page of a sheet says above and below its text: product, member, round; the sheet's
/// number and the page within it; on filled sheets the draft mark or the session fingerprint.
fn stamp(ctx: &Ctx<'_>, l: &mut Layout<'_>, e: &Entry<'_>, n: usize, blank: bool) {
    let w = l.content_width();
    let small = Style::new(Face::Italic, 9.0, Align::Left);
    let about = format!("{} — {} — {} — vòng {}", e.dossier.code, e.dossier.product, e.member.name, e.round);
    let about = match l.wrap(&about, Face::Italic, 9.0, w).as_slice() {
        [one] => one.clone(),
        [first_line, ..] => format!("{first_line}…"),
        [] => String::new(),
    };
    // In the bottom margin, as the product line is in the top one: the sheet keeps the page's height.
    let footer_top = l.page_height - BOTTOM + 4.0;
    let mark = match (blank, ctx.mark().fingerprint) {
        (true, _) => String::new(),
        (false, None) => "DỰ THẢO — kết quả chưa khóa".to_string(),
        (false, Some(fp)) => format!("Dấu vân tay phiên họp: {fp}"),
    };
    for page in 0..n {
        l.text_on_page(page, LEFT, TOP - 10.0 * MM, w, &about, small);
        let number = format!("Phiếu {} — trang {}/{n}", e.no, page + 1);
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
    let bold = Style::new(Face::Bold, 11.0, Align::Left);
    let body = Style::new(Face::Regular, 11.0, Align::Left);
    // The totals, the comment, the date and the signature stay together: the total, the comment's
    // lines (two dotted ones on a blank sheet), the date, the signature block.
    let comment_lines = match e.sheet {
        Some(sh) => l.wrap(&format!("Nhận xét: {}", sh.comment), Face::Regular, 11.0, l.content_width()).len(),
        None => 2,
    };
    let gaps = if e.sheet.is_some() { 0.0 } else { 3.0 };
    l.keep_together((2 + comment_lines) as f32 * body.line_height() + gaps + SIGNATURE);
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

/// The height of the member's signature block.
const SIGNATURE: f32 = 4.0 + 60.0;

/// The member's signature block, right, compact: a sheet has three pages at most.
fn signature(l: &mut Layout<'_>, name: &str) {
    let w = l.content_width() / 2.0;
    let x = LEFT + w;
    l.space(4.0);
    l.text_at(x, l.y, w, "THÀNH VIÊN HỘI ĐỒNG", Style::new(Face::Bold, 11.0, Align::Center));
    l.text_at(x, l.y + 14.0, w, "(Ký, ghi rõ họ tên)", Style::new(Face::Italic, 10.0, Align::Center));
    l.text_at(x, l.y + 46.0, w, name, Style::new(Face::Bold, 11.0, Align::Center));
    l.y += SIGNATURE - 4.0;
}
