//! Biên bản họp Hội đồng: legal bases, time and place, composition and quorum, the results table,
//! the lists by decision, re-scoring rounds, resolutions and star-minimum caps, signatures.

use super::decree30::{self, BODY, BODY_BOLD, date_vn, header, signatures, title};
use super::layout::{Align, Layout, MM, columns};
use super::{Ctx, Ctx as C};
use crate::domain::scoring::{Decision, quorum_met};
use crate::domain::session::Role;

fn role(r: Role) -> &'static str {
    match r {
        Role::Chair => "Chủ tịch Hội đồng",
        Role::ViceChair => "Phó Chủ tịch Hội đồng",
        Role::Member => "Thành viên",
        Role::Secretary => "Thư ký Hội đồng",
    }
}

pub fn stars(n: u8) -> String {
    format!("{n} sao")
}

pub fn render(ctx: &Ctx<'_>) -> Vec<u8> {
    let s = &ctx.record.session;
    let info = &s.session;
    let mut l = Layout::new(ctx.fonts, false);
    header(&mut l, &info.authority, &ctx.council(), "Số:      /BB-HĐ", &decree30::place_date(s));
    let year = info.meeting_date.map(|d| d.year().to_string()).unwrap_or_default();
    title(&mut l, "Biên bản", &[&format!("Họp {} năm {year}", ctx.council())]);

    for basis in
        [ctx.record.ruleset.legal_basis.clone(), info.council_decision.clone(), ctx.record.criteria.legal_basis.clone()]
    {
        if !basis.is_empty() {
            l.paragraph(&format!("Căn cứ {basis};"), BODY, 0.0);
        }
    }
    l.space(4.0);
    l.paragraph(
        &format!(
            "Hôm nay, ngày {}, tại {}, {} tổ chức họp đánh giá, phân hạng sản phẩm OCOP.",
            date_vn(info.meeting_date),
            if info.meeting_place.is_empty() { "……" } else { &info.meeting_place },
            ctx.council()
        ),
        BODY,
        0.0,
    );

    attendance(&mut l, ctx);
    results_table(&mut l, ctx);
    decision_lists(&mut l, ctx);
    issues(&mut l, ctx);
    l.space(6.0);
    l.paragraph(
        "Cuộc họp kết thúc vào hồi …… giờ …… phút cùng ngày. Biên bản đã được thông qua trước Hội đồng.",
        BODY,
        0.0,
    );
    signatures(&mut l, &[("Thư ký Hội đồng", &ctx.secretary()), ("Chủ tịch Hội đồng", &ctx.chair())]);
    l.finish("Biên bản họp Hội đồng", &ctx.mark())
}

/// I. Who attended, and whether that makes a quorum.
fn attendance(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let s = &ctx.record.session;
    l.space(6.0);
    l.paragraph("I. THÀNH PHẦN THAM DỰ", BODY_BOLD, 0.0);
    let present = s.members.iter().filter(|m| m.present).count();
    for (i, m) in s.members.iter().enumerate() {
        let attendance = if m.present { "có mặt" } else { "vắng mặt" };
        l.paragraph(
            &format!("{}. Ông/Bà {} — {}, {}; {}.", i + 1, m.name, m.position, role(m.role), attendance),
            BODY,
            8.0 * MM,
        );
    }
    let q = s.settings().quorum;
    let chair = if q.chair_required { ", có Chủ tịch hoặc Phó Chủ tịch Hội đồng" } else { "" };
    let met = if quorum_met(s) { "đủ" } else { "KHÔNG đủ" };
    l.paragraph(
        &format!(
            "Số thành viên có mặt: {present}/{} — {met} số lượng theo quy định (tối thiểu {}{chair}).",
            s.members.len(),
            q.fraction
        ),
        BODY,
        0.0,
    );
}

/// II. The results table: one row per product, mean, stars and conclusion.
fn results_table(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    l.space(6.0);
    l.paragraph("II. NỘI DUNG VÀ KẾT QUẢ ĐÁNH GIÁ", BODY_BOLD, 0.0);
    l.paragraph(
        &format!(
            "Hội đồng đã xem xét {} hồ sơ sản phẩm, từng thành viên chấm điểm theo {}. Kết quả (điểm trung bình của các phiếu hợp lệ):",
            ctx.record.session.dossiers.len(),
            ctx.record.criteria.title
        ),
        BODY,
        0.0,
    );
    let w = l.content_width();
    let cols = columns(
        w,
        &[
            (0.06, Align::Center),
            (0.16, Align::Left),
            (0.23, Align::Left),
            (0.21, Align::Left),
            (0.12, Align::Right),
            (0.08, Align::Center),
            (0.14, Align::Left),
        ],
    );
    let head = ["STT", "Mã hồ sơ", "Sản phẩm", "Chủ thể, địa chỉ", "Điểm TB", "Hạng sao", "Kết luận"].map(String::from);
    let rows = ctx.numbered_rows(&ctx.all_products(), |p, d| {
        vec![
            p.code.clone(),
            d.product.clone(),
            format!("{}, {}", d.producer, C::commune(&d.address)),
            C::mean(p),
            p.stars.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
            decision_word(p.decision).into(),
        ]
    });
    l.table(&cols, &head, &rows, 11.0);
    l.space(8.0);
}

/// The products by decision, numbered lists; a decision no product got is left out.
fn decision_lists(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let s = &ctx.record.session;
    let lists = [
        (Decision::Recognized, format!("Sản phẩm đạt chuẩn, đề nghị {} công nhận:", ctx.record.ruleset.recognized_by)),
        (
            Decision::Forwarded,
            format!(
                "Sản phẩm đạt số điểm cao hơn mức công nhận ở cấp này, đề nghị chuyển {} xem xét:",
                ctx.record.ruleset.forward_to
            ),
        ),
        (Decision::NotAchieved, "Sản phẩm không đạt (dưới 3 sao):".to_string()),
        (Decision::Eliminated, "Hồ sơ bị loại:".to_string()),
        (Decision::Pending, "Sản phẩm chưa có kết quả:".to_string()),
    ];
    let mut n = 0;
    for (decision, heading) in lists {
        let products = ctx.products(decision);
        if products.is_empty() {
            continue;
        }
        n += 1;
        l.keep_together(40.0);
        l.paragraph(&format!("{n}. {heading} {} sản phẩm.", products.len()), BODY_BOLD, 0.0);
        for p in products {
            let Some(d) = s.dossier(&p.code) else { continue };
            let tail = match (decision, &d.eliminated) {
                (Decision::Eliminated, Some(reason)) => format!(" — lý do: {reason}"),
                _ => p.mean.map(|m| format!(" — {m} điểm, {}", stars(p.stars.unwrap_or(0)))).unwrap_or_default(),
            };
            l.paragraph(&format!("- {} ({}, {}){tail}.", d.product, p.code, d.producer), BODY, 6.0 * MM);
        }
    }
}

/// III. What the council dealt with: re-scoring rounds, resolutions, star-minimum caps; "none" if nothing.
fn issues(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    l.space(6.0);
    l.paragraph("III. CÁC VẤN ĐỀ HỘI ĐỒNG ĐÃ XỬ LÝ", BODY_BOLD, 0.0);
    let rescored = rescoring(l, ctx);
    let resolved = resolutions(l, ctx);
    let capped = caps(l, ctx);
    if !(rescored || resolved || capped) {
        l.paragraph("Không có.", BODY, 0.0);
    }
}

/// Each earlier round of each product and why it was scored again; whether there was any.
fn rescoring(l: &mut Layout<'_>, ctx: &Ctx<'_>) -> bool {
    let s = &ctx.record.session;
    let mut any = false;
    for dossier in ctx.record.history() {
        let Some(d) = s.dossier(&dossier.code) else { continue };
        for r in &dossier.rounds {
            any = true;
            l.paragraph(
                &format!(
                    "- {} ({}): điểm của các thành viên ở vòng {} chênh lệch {} điểm (quá {} điểm cho phép); Hội đồng thống nhất chấm lại ở vòng {}.",
                    d.product,
                    d.code,
                    r.round,
                    r.spread.map(|v| v.to_string()).unwrap_or_else(|| "…".into()),
                    s.settings().spread_limit,
                    r.round + 1
                ),
                BODY,
                0.0,
            );
        }
    }
    any
}

/// The council's recorded resolutions, as entered; whether there was any.
fn resolutions(l: &mut Layout<'_>, ctx: &Ctx<'_>) -> bool {
    let s = &ctx.record.session;
    for r in &s.resolutions {
        let product = s.dossier(&r.dossier).map(|d| d.product.as_str()).unwrap_or("");
        l.paragraph(
            &format!("- {product} ({}), vòng {}: {}.", r.dossier, r.round, r.note.trim_end_matches('.')),
            BODY,
            0.0,
        );
    }
    !s.resolutions.is_empty()
}

/// Products whose stars a star minimum held below their band, and which criteria did it; whether any.
fn caps(l: &mut Layout<'_>, ctx: &Ctx<'_>) -> bool {
    let s = &ctx.record.session;
    let mut any = false;
    for p in &ctx.results.products {
        if p.cap < p.band {
            any = true;
            let band = p.band.unwrap_or(0);
            let codes: Vec<String> = p
                .unmet
                .iter()
                .filter(|u| u.level <= band)
                .map(|u| format!("{} (yêu cầu {})", u.criterion, stars(u.level)))
                .collect();
            let product = s.dossier(&p.code).map(|d| d.product.as_str()).unwrap_or("");
            l.paragraph(
                &format!(
                    "- {product} ({}): điểm trung bình đạt mức {}, nhưng đa số phiếu chưa đạt yêu cầu tối thiểu của tiêu chí {}; sản phẩm được xếp hạng {}.",
                    p.code,
                    stars(band),
                    codes.join(", "),
                    stars(p.stars.unwrap_or(0))
                ),
                BODY,
                0.0,
            );
        }
    }
    any
}

pub fn decision_word(d: Decision) -> &'static str {
    crate::lang::vi::decision(d)
}
