//! Biên bản họp Hội đồng: legal bases, time and place, composition and quorum, the results table,
//! the lists by decision, re-scoring rounds, resolutions and star-minimum caps, signatures.

use super::decree30::{self, BODY, BODY_BOLD, date_vn, header, signatures, title};
use super::layout::{Align, Layout, MM, columns};
use super::{Ctx, Ctx as C};
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::{Decision, quorum_met, sheet_total};
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
    let s = &ctx.loaded.session;
    let info = &s.session;
    let mut l = Layout::new(ctx.fonts, false);
    header(&mut l, &info.authority, &ctx.council(), "Số:      /BB-HĐ", &decree30::place_date(s));
    let year = info.meeting_date.map(|d| d.year().to_string()).unwrap_or_default();
    title(&mut l, "Biên bản", &[&format!("Họp {} năm {year}", ctx.council())]);

    for basis in
        [ctx.loaded.ruleset.legal_basis.clone(), info.council_decision.clone(), ctx.loaded.criteria.legal_basis.clone()]
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

    l.space(6.0);
    l.paragraph("II. NỘI DUNG VÀ KẾT QUẢ ĐÁNH GIÁ", BODY_BOLD, 0.0);
    l.paragraph(
        &format!(
            "Hội đồng đã xem xét {} hồ sơ sản phẩm, từng thành viên chấm điểm theo {}. Kết quả (điểm trung bình của các phiếu hợp lệ):",
            s.dossiers.len(),
            ctx.loaded.criteria.title
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

    let lists = [
        (Decision::Recognized, format!("Sản phẩm đạt chuẩn, đề nghị {} công nhận:", ctx.loaded.ruleset.recognized_by)),
        (
            Decision::Forwarded,
            format!(
                "Sản phẩm đạt số điểm cao hơn mức công nhận ở cấp này, đề nghị chuyển {} xem xét:",
                ctx.loaded.ruleset.forward_to
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

    l.space(6.0);
    l.paragraph("III. CÁC VẤN ĐỀ HỘI ĐỒNG ĐÃ XỬ LÝ", BODY_BOLD, 0.0);
    let mut any = false;
    for d in &s.dossiers {
        for round in 1..d.current_round() {
            any = true;
            let spread = round_spread(ctx, &d.code, round);
            l.paragraph(
                &format!(
                    "- {} ({}): điểm của các thành viên ở vòng {round} chênh lệch {} điểm (quá {} điểm cho phép); Hội đồng thống nhất chấm lại ở vòng {}.",
                    d.product,
                    d.code,
                    spread.map(|v| v.to_string()).unwrap_or_else(|| "…".into()),
                    s.settings().spread_limit,
                    round + 1
                ),
                BODY,
                0.0,
            );
        }
    }
    for r in &s.resolutions {
        any = true;
        let product = s.dossier(&r.dossier).map(|d| d.product.as_str()).unwrap_or("");
        l.paragraph(
            &format!("- {product} ({}), vòng {}: {}.", r.dossier, r.round, r.note.trim_end_matches('.')),
            BODY,
            0.0,
        );
    }
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
    if !any {
        l.paragraph("Không có.", BODY, 0.0);
    }
    l.space(6.0);
    l.paragraph(
        "Cuộc họp kết thúc vào hồi …… giờ …… phút cùng ngày. Biên bản đã được thông qua trước Hội đồng.",
        BODY,
        0.0,
    );
    signatures(&mut l, &[("Thư ký Hội đồng", &ctx.secretary()), ("Chủ tịch Hội đồng", &ctx.chair())]);
    l.finish("Biên bản họp Hội đồng", &ctx.mark())
}

pub fn decision_word(d: Decision) -> &'static str {
    crate::lang::vi::decision(d)
}

/// The spread of the submitted totals of a finished round (for the minutes' account of re-scoring).
fn round_spread(ctx: &Ctx<'_>, code: &str, round: u32) -> Option<u32> {
    let s = &ctx.loaded.session;
    let d = s.dossier(code)?;
    let index = SheetIndex::new(ctx.loaded.criteria.sheet(d.sheet)?);
    let totals: Vec<u32> = s
        .sheets
        .iter()
        .filter(|sh| sh.dossier == code && sh.round == round && !sh.draft)
        .filter(|sh| s.member(&sh.member).is_some_and(|m| m.present) && !d.recused.contains(&sh.member))
        .map(|sh| sheet_total(&index, sh).total)
        .collect();
    Some(totals.iter().max()? - totals.iter().min()?)
}
