//! Bảng tổng hợp điểm: products × members totals (members named in the headers), mean, lowest,
//! highest, spread, stars (capped ones marked), earlier rounds' means and the decision. Landscape
//! when the council is large; the signatures never stand on a page without the table's last rows.

use super::Ctx;
use super::decree30::{self, header, signatures, title};
use super::fonts::Face;
use super::layout::{Align, Col, Layout, Style};
use crate::domain::criteria::SheetIndex;
use crate::domain::history::DossierHistory;
use crate::domain::scoring::{ProductResult, sheet_total};
use crate::domain::session::{Dossier, Member};

/// What a member's cell says when there is no total, explained in the legend.
pub const RECUSED: &str = "KC";
pub const ABSENT: &str = "V";
/// After the stars when a star-minimum criterion held the product below its band.
pub const CAPPED: &str = "(h)";
/// Height of the legend and the signature block, kept with the table's last rows.
const TAIL: f32 = 200.0;

/// "N.V. An" from "Nguyễn Văn An": the initials of all but the given name, for a narrow header.
pub fn short_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let initials: String = rest.iter().filter_map(|w| w.chars().next()).map(|c| format!("{c}.")).collect();
            format!("{initials} {last}")
        }
        _ => name.to_string(),
    }
}

pub fn render(ctx: &Ctx<'_>) -> Vec<u8> {
    let first = layout(ctx, None);
    // The signatures would stand alone on the next page: break before the last two rows instead.
    let rows = ctx.results.products.len();
    if first.1 && rows > 2 {
        return layout(ctx, Some(rows - 2)).0.finish("Bảng tổng hợp điểm", &ctx.mark());
    }
    first.0.finish("Bảng tổng hợp điểm", &ctx.mark())
}

/// The table laid out, with a page break before row `break_before` when given; and whether the
/// legend and signatures found no room under the table's last row.
fn layout<'f>(ctx: &Ctx<'f>, break_before: Option<usize>) -> (Layout<'f>, bool) {
    let s = &ctx.record.session;
    let members = &s.members;
    let landscape = members.len() > 5;
    let mut l = Layout::new(ctx.fonts, landscape);
    header(&mut l, &s.session.authority, &ctx.council(), "", &decree30::place_date(s));
    title(&mut l, "Bảng tổng hợp điểm đánh giá, phân hạng sản phẩm OCOP", &[&s.session.title]);
    let cols = columns(l.content_width(), members.len());
    let mut head: Vec<String> = vec!["STT".into(), "Mã hồ sơ".into(), "Sản phẩm".into()];
    head.extend(members.iter().map(|m| short_name(&m.name)));
    head.extend(["TB", "Thấp", "Cao", "Chênh", "Sao", "Vòng trước", "Kết quả"].map(String::from));
    let history = ctx.record.history();
    let rows = ctx.numbered_rows(&ctx.all_products(), |p, d| row(ctx, p, d, &history));
    let size = if landscape { 9.0 } else { 10.0 };
    match break_before {
        Some(k) if k < rows.len() => {
            l.table(&cols, &head, &rows[..k], size);
            l.new_page();
            l.table(&cols, &head, &rows[k..], size);
        }
        _ => l.table(&cols, &head, &rows, size),
    }
    let separated = l.remaining() < TAIL;
    l.space(6.0);
    l.paragraph(&legend(members), Style::new(Face::Regular, 11.0, Align::Left), 0.0);
    signatures(&mut l, &[("Thư ký Hội đồng", &ctx.secretary()), ("Chủ tịch Hội đồng", &ctx.chair())]);
    (l, separated)
}

fn columns(w: f32, members: usize) -> Vec<Col> {
    let fixed = [0.03, 0.08, 0.14];
    let tail = [0.05, 0.035, 0.035, 0.045, 0.04, 0.065, 0.08];
    let member_w = (1.0 - fixed.iter().sum::<f32>() - tail.iter().sum::<f32>()) / members.max(1) as f32;
    let mut cols = vec![
        Col { width: w * fixed[0], align: Align::Center },
        Col { width: w * fixed[1], align: Align::Left },
        Col { width: w * fixed[2], align: Align::Left },
    ];
    cols.extend((0..members).map(|_| Col { width: w * member_w, align: Align::Right }));
    cols.extend(tail[..5].iter().map(|t| Col { width: w * t, align: Align::Right }));
    cols.extend(tail[5..].iter().map(|t| Col { width: w * t, align: Align::Left }));
    cols
}

fn row(ctx: &Ctx<'_>, p: &ProductResult, d: &Dossier, history: &[DossierHistory]) -> Vec<String> {
    let s = &ctx.record.session;
    let index = ctx.record.criteria.sheet(d.sheet).map(SheetIndex::new);
    let mut row = vec![p.code.clone(), d.product.clone()];
    for m in &s.members {
        let sheet =
            s.sheets.iter().find(|sh| sh.dossier == d.code && sh.member == m.id && sh.round == d.current_round());
        row.push(match (sheet, &index) {
            _ if d.recused.contains(&m.id) => RECUSED.into(),
            _ if !m.present => ABSENT.into(),
            (Some(sh), Some(ix)) if !sh.draft => sheet_total(ix, sh).total.to_string(),
            _ => "–".into(),
        });
    }
    let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    row.extend([Ctx::mean(p), opt(p.min), opt(p.max), opt(p.spread)]);
    let capped = matches!((p.cap, p.band), (Some(c), Some(b)) if c < b);
    let stars = p.stars.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
    row.push(if capped { format!("{stars} {CAPPED}") } else { stars });
    row.push(earlier_rounds(history.iter().find(|h| h.code == d.code), d.current_round()));
    row.push(crate::lang::vi::decision(p.decision).to_string());
    row
}

/// "V1: 58.50" for each round before the current one, or empty.
fn earlier_rounds(history: Option<&DossierHistory>, current: u32) -> String {
    let Some(h) = history else { return String::new() };
    let rounds: Vec<String> = h
        .rounds
        .iter()
        .filter(|r| r.round < current)
        .map(|r| format!("V{}: {}", r.round, r.mean.map(crate::lang::vi::number).unwrap_or_else(|| "–".into())))
        .collect();
    rounds.join("\n")
}

fn legend(members: &[Member]) -> String {
    let names: Vec<String> = members.iter().map(|m| format!("{} — {}", short_name(&m.name), m.name)).collect();
    format!(
        "Ghi chú: {RECUSED} — thành viên không chấm sản phẩm này (tự rút vì có liên quan đến sản phẩm); \
         {ABSENT} — vắng mặt; – — chưa có phiếu; {CAPPED} — hạng sao bị giới hạn vì chưa đạt phương án tối \
         thiểu (***)/(****)/(*****) của một tiêu chí; Vòng trước — điểm trung bình của các vòng chấm trước \
         (V1, V2…). Điểm TB là trung bình của các phiếu hợp lệ ở vòng chấm cuối. Thành viên: {}.",
        names.join("; ")
    )
}
