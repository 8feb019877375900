//! The readable Vietnamese results table printed by `results` and by the demo run.

use crate::domain::scoring::{Decision, ProductResult, Results};
use crate::domain::{Ruleset, Session};
use crate::lang::{Lang, Say, Verdict, vi};
use std::fmt::Write;

pub fn decision_label(p: &ProductResult) -> String {
    Verdict { decision: p.decision, stars: p.stars.unwrap_or(0) }.say(Lang::Vi)
}

/// Cuts a text to `width` characters, marking the cut with "…".
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(width - 1).collect();
        s.push('…');
        s
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "–".into())
}

pub fn render(session: &Session, ruleset: &Ruleset, results: &Results, lock_fingerprint: Option<&str>) -> String {
    let mut o = String::new();
    header(&mut o, session, ruleset, results, lock_fingerprint);
    rows(&mut o, session, results);
    notes(&mut o, session, ruleset, results);
    o
}

/// Title, date and place, ruleset, attendance against the quorum, lock state.
fn header(o: &mut String, session: &Session, ruleset: &Ruleset, results: &Results, lock_fingerprint: Option<&str>) {
    let info = &session.session;
    let s = &results.session;
    let q = session.settings().quorum;
    let _ = writeln!(o, "{}", if info.title.is_empty() { "(Phiên họp chưa đặt tên)" } else { &info.title });
    if info.meeting_date.is_some() || !info.meeting_place.is_empty() {
        let _ =
            writeln!(o, "Ngày họp {} · {}", info.meeting_date.map(vi::date).unwrap_or_default(), info.meeting_place);
    }
    let _ = writeln!(o, "Quy tắc: {} · Bộ tiêu chí: {}", ruleset.title, info.criteria_set);
    let chair = if q.chair_required { ", có Chủ tịch hoặc Phó Chủ tịch" } else { "" };
    let _ = writeln!(
        o,
        "Thành viên: {} · có mặt {} — {} (cần {}{chair})",
        s.members,
        s.present,
        if s.quorum_met { "đủ số lượng" } else { "KHÔNG đủ số lượng" },
        q.fraction
    );
    let state = match lock_fingerprint {
        Some(fp) => format!("đã khóa · dấu vân tay {fp}"),
        None if s.finalizable => "chưa khóa · đủ điều kiện chốt kết quả".into(),
        None => "chưa khóa · chưa đủ điều kiện chốt kết quả".into(),
    };
    let _ = writeln!(o, "Trạng thái: {state}\n");
}

/// One aligned line per product under a header line.
fn rows(o: &mut String, session: &Session, results: &Results) {
    let _ = writeln!(
        o,
        "{:>3}  {:<11} {:<34} {:>3} {:>4} {:>5} {:>8} {:>4} {:>4} {:>5} {:>4} {:>4} {:>3}  {}",
        "STT",
        "Mã hồ sơ",
        "Sản phẩm",
        "Bộ",
        "Vòng",
        "Phiếu",
        "Điểm TB",
        "Thấp",
        "Cao",
        "Chênh",
        "Hạng",
        "Trần",
        "Sao",
        "Kết luận"
    );
    for (i, p) in results.products.iter().enumerate() {
        let product = session.dossier(&p.code).map(|d| d.product.as_str()).unwrap_or("");
        let flag = if p.spread_flag { "!" } else { "" };
        let _ = writeln!(
            o,
            "{:>3}  {:<11} {:<34} {:>3} {:>4} {:>5} {:>8} {:>4} {:>4} {:>5} {:>4} {:>4} {:>3}  {}",
            i + 1,
            fit(&p.code, 11),
            fit(product, 34),
            p.sheet,
            p.round,
            p.counted_sheets,
            opt(p.mean),
            opt(p.min),
            opt(p.max),
            format!("{}{flag}", opt(p.spread)),
            opt(p.band),
            opt(p.cap),
            opt(p.stars),
            decision_label(p)
        );
    }
}

/// The products capped by star minimums, the eliminated dossiers, where forwarded ones go, and
/// what blocks the lock.
fn notes(o: &mut String, session: &Session, ruleset: &Ruleset, results: &Results) {
    let capped: Vec<String> = results.products.iter().filter(|p| p.cap < p.band).map(capped_line).collect();
    section(o, "Giới hạn bởi yêu cầu sao tối thiểu (chưa đạt theo đa số phiếu):", &capped);
    let eliminated: Vec<String> =
        session.dossiers.iter().filter_map(|d| d.eliminated.as_ref().map(|r| format!("  {}: {r}", d.code))).collect();
    section(o, "Hồ sơ bị loại:", &eliminated);
    if results.products.iter().any(|p| p.decision == Decision::Forwarded) {
        let _ = writeln!(o, "\n«Đề nghị cấp trên»: chuyển {} xem xét.", ruleset.forward_to);
    }
    let blockers: Vec<String> = results.session.blockers.iter().map(|b| format!("  - {}", b.say(Lang::Vi))).collect();
    section(o, "Cần xử lý trước khi khóa kết quả:", &blockers);
}

fn capped_line(p: &ProductResult) -> String {
    let band = p.band.unwrap_or(0);
    let reqs: Vec<String> = p
        .unmet
        .iter()
        .filter(|u| u.level <= band)
        .map(|u| format!("tiêu chí {} ({} sao)", u.criterion, u.level))
        .collect();
    format!("  {}: điểm đạt hạng {band} sao nhưng chưa đạt {}", p.code, reqs.join(", "))
}

/// A titled block of lines after a blank line, or nothing when there are none.
fn section(o: &mut String, title: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n{title}");
    for l in lines {
        let _ = writeln!(o, "{l}");
    }
}
