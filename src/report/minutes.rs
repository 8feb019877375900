//! Biên bản họp Hội đồng: legal bases, time and place, composition and quorum, the results table,
//! the lists by decision, re-scoring rounds, resolutions and star-minimum caps, signatures.

use super::decree30::{self, BLANK, BODY, BODY_BOLD, date_vn, header, signatures, title};
use super::layout::{Align, Layout, MM, columns};
use super::{Ctx, Ctx as C};
use crate::domain::facts::{ClockTime, Honorific};
use crate::domain::legal::later_basis;
use crate::domain::scoring::{Decision, quorum_met};
use crate::domain::session::{Member, Role};
use crate::lang::Verdict;

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
    l.administrative();
    header(&mut l, &info.authority, &ctx.council(), "Số:      /BB-HĐ", &decree30::place_date(s));
    title(&mut l, "Biên bản", &[&subtitle(ctx)]);
    legal_bases(&mut l, ctx);
    let opened = ctx.facts().opened.map_or("…… giờ …… phút".to_string(), clock);
    l.body(
        &format!(
            "Hôm nay, vào hồi {opened}, ngày {}, tại {}, {} tổ chức họp đánh giá, phân hạng sản phẩm OCOP.",
            date_vn(info.meeting_date),
            if info.meeting_place.is_empty() { BLANK } else { &info.meeting_place },
            ctx.council()
        ),
        BODY,
    );
    attendance(&mut l, ctx);
    results_table(&mut l, ctx);
    recusals(&mut l, ctx);
    counts(&mut l, ctx);
    decision_lists(&mut l, ctx);
    conclusions(&mut l, ctx);
    issues(&mut l, ctx);
    closing(&mut l, ctx);
    l.finish("Biên bản họp Hội đồng", &ctx.mark())
}

/// "07 giờ 30 phút".
fn clock(t: ClockTime) -> String {
    format!("{:02} giờ {:02} phút", t.hour(), t.minute())
}

/// "Họp Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên năm 2023, đợt 1": the place, the
/// year and the round the session's title names ("… - đợt 1").
fn subtitle(ctx: &Ctx<'_>) -> String {
    let info = &ctx.record.session.session;
    let year = info.meeting_date.map(|d| format!(" năm {}", d.year())).unwrap_or_default();
    let lower = info.title.to_lowercase();
    let batch = lower.rfind("đợt ").and_then(|at| info.title.get(at..)).map(|from| {
        let rest: String = from.chars().skip(4).take_while(|c| !matches!(c, ',' | ';' | '(' | ')')).collect();
        format!(", đợt {}", rest.trim())
    });
    format!("Họp {}{year}{}", ctx.council(), batch.unwrap_or_default())
}

/// The "Căn cứ" lines; a criteria set issued after the meeting is named as the set used, not as a
/// basis then in force.
fn legal_bases(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let info = &ctx.record.session.session;
    let criteria = &ctx.record.criteria;
    for basis in [&ctx.record.ruleset.legal_basis, &info.council_decision] {
        if !basis.is_empty() {
            l.body(&format!("Căn cứ {basis};"), BODY);
        }
    }
    if criteria.legal_basis.is_empty() {
        return;
    }
    match later_basis(&criteria.legal_basis, info.meeting_date) {
        None => l.body(&format!("Căn cứ {};", criteria.legal_basis), BODY),
        Some(w) => l.body(
            &format!(
                "Phiếu chấm được lập theo {} ({}), là bộ tiêu chí được sử dụng cho phiên họp này; văn bản này ban hành ngày {}, sau ngày họp {}.",
                criteria.title,
                criteria.legal_basis,
                crate::lang::vi::date(w.issued),
                crate::lang::vi::date(w.meeting)
            ),
            BODY,
        ),
    }
}

/// "Ông", "Bà", or the neutral "Ông/Bà" while the member's honorific is not known.
fn honorific(m: &Member) -> &'static str {
    match m.honorific {
        Some(Honorific::Ong) => "Ông",
        Some(Honorific::Ba) => "Bà",
        None => "Ông/Bà",
    }
}

/// "Ông Nguyễn Văn Hùng — Phó Chủ tịch UBND huyện, Chủ tịch Hội đồng", or dotted.
fn who(m: Option<&Member>) -> String {
    m.map_or(BLANK.to_string(), |m| format!("{} {} — {}, {}", honorific(m), m.name, m.position, role(m.role)))
}

/// I. Who chaired, who kept the minutes, the members (present or why absent), the guests, quorum.
fn attendance(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let s = &ctx.record.session;
    l.space(6.0);
    l.heading("I. THÀNH PHẦN THAM DỰ", BODY_BOLD, 40.0);
    let facts = ctx.facts();
    l.body(&format!("Chủ trì: {}.", who(ctx.fact_member(facts.chair.as_ref()))), BODY);
    l.body(&format!("Thư ký: {}.", who(ctx.fact_member(facts.secretary.as_ref()))), BODY);
    let present = s.members.iter().filter(|m| m.present).count();
    l.heading(&format!("1. Thành viên Hội đồng ({} người):", s.members.len()), BODY_BOLD, 30.0);
    for (i, m) in s.members.iter().enumerate() {
        let attendance = match (m.present, m.absence_reason.trim()) {
            (true, _) => "có mặt".to_string(),
            (false, "") => format!("vắng mặt (lý do: {BLANK})"),
            (false, reason) => format!("vắng mặt (lý do: {})", reason.trim_end_matches('.')),
        };
        let line = format!("{}. {} {} — {}, {}; {attendance}.", i + 1, honorific(m), m.name, m.position, role(m.role));
        l.body_indented(&line, BODY, 8.0 * MM);
    }
    l.heading("2. Khách mời:", BODY_BOLD, 30.0);
    if facts.guests.is_empty() {
        l.body_indented(&format!("- {BLANK}"), BODY, 8.0 * MM);
    }
    for g in &facts.guests {
        let position = if g.position.is_empty() { String::new() } else { format!(" — {}", g.position) };
        l.body_indented(&format!("- {}{position};", g.name), BODY, 8.0 * MM);
    }
    let q = s.settings().quorum;
    let chair = if q.chair_required { ", có Chủ tịch hoặc Phó Chủ tịch Hội đồng" } else { "" };
    let met = if quorum_met(s) { "đủ" } else { "KHÔNG đủ" };
    l.body(
        &format!(
            "Số thành viên có mặt: {present}/{} — {met} số lượng theo quy định (tối thiểu {}{chair}).",
            s.members.len(),
            q.fraction
        ),
        BODY,
    );
}

/// Who did not score which product (a recusal), so the reader sees why a product has fewer sheets.
fn recusals(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let s = &ctx.record.session;
    let lines: Vec<String> = s
        .dossiers
        .iter()
        .flat_map(|d| {
            d.recused.iter().filter_map(move |id| {
                let m = s.member(id)?;
                Some(format!("- {} {} không chấm sản phẩm {} ({}).", honorific(m), m.name, d.product, d.code))
            })
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    l.heading("Thành viên không tham gia chấm một số sản phẩm:", BODY_BOLD, 30.0);
    for line in lines {
        l.body_indented(&line, BODY, 6.0 * MM);
    }
}

/// How many products got each result.
fn counts(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let decisions =
        [Decision::Recognized, Decision::Forwarded, Decision::NotAchieved, Decision::Eliminated, Decision::Pending];
    let parts: Vec<String> = decisions
        .into_iter()
        .map(|d| format!("{} {}", ctx.products(d).len(), decision_word(d).to_lowercase()))
        .collect();
    l.body(&format!("Tổng hợp kết quả {} sản phẩm: {}.", ctx.results.products.len(), parts.join("; ")), BODY);
}

/// The council's conclusion on each product: what it recorded, else its decision in words.
fn conclusions(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    let s = &ctx.record.session;
    l.heading("Ý kiến kết luận của Hội đồng đối với từng sản phẩm:", BODY_BOLD, 30.0);
    for p in &ctx.results.products {
        let Some(d) = s.dossier(&p.code) else { continue };
        let verdict = Verdict { decision: p.decision, stars: p.stars.unwrap_or(0) };
        let given = d.conclusion.trim().trim_end_matches('.');
        let conclusion = if given.is_empty() { crate::lang::vi::verdict(&verdict) } else { given.to_string() };
        l.body_indented(&format!("- {} ({}): {conclusion}.", d.product, d.code), BODY, 6.0 * MM);
    }
}

/// How many copies, when it closed, approval, "Nơi nhận" (dotted lines when the facts name no
/// recipient), signatures.
fn closing(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    l.space(6.0);
    let closed = ctx.facts().closed.map_or("…… giờ …… phút".to_string(), clock);
    l.body("Biên bản được lập thành …… bản có giá trị như nhau.", BODY);
    let last = format!("Cuộc họp kết thúc vào hồi {closed} cùng ngày. Biên bản đã được thông qua trước Hội đồng./.");
    // The last paragraph goes with the signatures.
    l.keep_together(2.0 * BODY.line_height() + 130.0);
    l.body(&last, BODY);
    let list = decree30::recipient_items(&ctx.recipients(super::Kind::Minutes)).join("\n");
    l.keep_together(60.0);
    l.paragraph("Nơi nhận:", decree30::NOTE_BOLD, 0.0);
    l.paragraph(&list, decree30::NOTE, 0.0);
    let named = |n: String| if n.is_empty() { BLANK.to_string() } else { n };
    signatures(l, &[("Thư ký", &named(ctx.secretary())), ("Chủ trì\nChủ tịch Hội đồng", &named(ctx.chair()))]);
}

/// II. The results table: one row per product, mean, stars and conclusion.
fn results_table(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    l.space(6.0);
    l.heading("II. NỘI DUNG VÀ KẾT QUẢ ĐÁNH GIÁ", BODY_BOLD, 60.0);
    l.body(
        &format!(
            "Hội đồng đã xem xét {} hồ sơ sản phẩm, từng thành viên chấm điểm theo {}. Kết quả (điểm trung bình của các phiếu hợp lệ; số phiếu là số phiếu được tính ở vòng chấm cuối):",
            ctx.record.session.dossiers.len(),
            ctx.record.criteria.title
        ),
        BODY,
    );
    let w = l.content_width();
    let cols = columns(
        w,
        &[
            (0.06, Align::Center),
            (0.16, Align::Left),
            (0.21, Align::Left),
            (0.19, Align::Left),
            (0.07, Align::Center),
            (0.1, Align::Right),
            (0.07, Align::Center),
            (0.14, Align::Left),
        ],
    );
    let head = ["STT", "Mã hồ sơ", "Sản phẩm", "Chủ thể, địa chỉ", "Số phiếu", "Điểm TB", "Hạng sao", "Kết luận"]
        .map(String::from);
    let rows = ctx.numbered_rows(&ctx.all_products(), |p, d| {
        vec![
            p.code.clone(),
            d.product.clone(),
            format!("{}, {}", d.producer, C::commune(&d.address)),
            p.counted_sheets.to_string(),
            C::mean(p),
            p.stars.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
            decision_word(p.decision).into(),
        ]
    });
    l.table(&cols, &head, &rows, 11.0);
    let (checked, counted) = ctx.results.checked_of_counted();
    l.body(
        &format!("Trong {counted} phiếu được tính, {checked} phiếu đã được đọc lại đối chiếu (nhập hai lần độc lập)."),
        BODY,
    );
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
        l.heading(&format!("{n}. {heading} {} sản phẩm.", products.len()), BODY_BOLD, 34.0);
        for p in products {
            let Some(d) = s.dossier(&p.code) else { continue };
            let tail = match (decision, &d.eliminated) {
                (Decision::Eliminated, Some(reason)) => format!(" — lý do: {reason}"),
                _ => p
                    .mean
                    .map(|m| format!(" — {} điểm, {}", crate::lang::vi::number(m), stars(p.stars.unwrap_or(0))))
                    .unwrap_or_default(),
            };
            l.body_indented(&format!("- {} ({}, {}){tail}.", d.product, p.code, d.producer), BODY, 6.0 * MM);
        }
    }
}

/// III. What the council dealt with: re-scoring rounds, resolutions, star-minimum caps; "none" if nothing.
fn issues(l: &mut Layout<'_>, ctx: &Ctx<'_>) {
    l.space(6.0);
    l.heading("III. CÁC VẤN ĐỀ HỘI ĐỒNG ĐÃ XỬ LÝ", BODY_BOLD, 34.0);
    let rescored = rescoring(l, ctx);
    let resolved = resolutions(l, ctx);
    let capped = caps(l, ctx);
    if !(rescored || resolved || capped) {
        l.body("Không có.", BODY);
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
            let reason = ctx
                .record
                .round_reason(&d.code, r.round + 1)
                .map(|why| format!(" (lý do: {})", why.trim().trim_end_matches('.')))
                .unwrap_or_default();
            l.body_indented(
                &format!(
                    "- {} ({}): vòng {} có {} phiếu, điểm của các thành viên chênh lệch {} điểm (quá {} điểm cho phép); Hội đồng thống nhất chấm lại ở vòng {}{reason}.",
                    d.product,
                    d.code,
                    r.round,
                    r.counted_sheets,
                    r.spread.map(|v| v.to_string()).unwrap_or_else(|| "…".into()),
                    s.settings().spread_limit,
                    r.round + 1
                ),
                BODY,
                6.0 * MM,
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
        l.body_indented(
            &format!("- {product} ({}), vòng {}: {}.", r.dossier, r.round, r.note.trim_end_matches('.')),
            BODY,
            6.0 * MM,
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
            l.body_indented(
                &format!(
                    "- {product} ({}): điểm trung bình đạt mức {}, nhưng đa số phiếu chưa đạt yêu cầu tối thiểu của tiêu chí {}; sản phẩm được xếp hạng {}.",
                    p.code,
                    stars(band),
                    codes.join(", "),
                    stars(p.stars.unwrap_or(0))
                ),
                BODY,
                6.0 * MM,
            );
        }
    }
    any
}

pub fn decision_word(d: Decision) -> &'static str {
    crate::lang::vi::decision(d)
}
