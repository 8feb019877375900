//! Vietnamese, the council's language: every text of `crate::lang` in Vietnamese.

use crate::domain::{Blocker, Date, Decision};
use crate::lang::Verdict;

pub fn blocker(b: &Blocker) -> String {
    let about = b.dossier().map(|d| format!("{d}: ")).unwrap_or_default();
    let what = match b {
        Blocker::Quorum { present, members, needs, chair_required } => {
            let chair = if *chair_required { ", có Chủ tịch hoặc Phó Chủ tịch" } else { "" };
            format!("không đủ số lượng: có mặt {present}/{members} thành viên, cần {needs}{chair}")
        }
        Blocker::SheetNotInSet { sheet, .. } => format!("bộ sản phẩm số {sheet} không có trong bộ tiêu chí"),
        Blocker::NoCountedSheet { round, .. } => format!("vòng {round} chưa có phiếu nào được tính"),
        Blocker::MissingSheets { round, members, .. } => {
            format!("vòng {round} còn thiếu phiếu của {}", members.join(", "))
        }
        Blocker::SpreadOverLimit { round, spread, limit, .. } => {
            format!("vòng {round} chênh lệch {spread} điểm, vượt mức {limit} điểm")
        }
    };
    about + &what
}

pub fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Eliminated => "Bị loại",
        Decision::Pending => "Chưa có kết quả",
        Decision::NotAchieved => "Không đạt",
        Decision::Recognized => "Công nhận",
        Decision::Forwarded => "Đề nghị cấp trên",
    }
}

pub fn verdict(v: &Verdict) -> String {
    let (word, stars) = (decision(v.decision), v.stars);
    match v.decision {
        Decision::Eliminated | Decision::Pending => word.into(),
        Decision::Recognized => format!("{word} {stars} sao"),
        Decision::NotAchieved | Decision::Forwarded => format!("{word} ({stars} sao)"),
    }
}

/// "05/06/2023", as Vietnamese documents write a date.
pub fn date(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// [`date`], or dots to fill in by hand while the date is not fixed: "……/……/……".
pub fn date_or_blank(d: Option<Date>) -> String {
    d.map(date).unwrap_or_else(|| "……/……/……".into())
}

/// "ngày 05 tháng 6 năm 2023" (Decree 30's date line: the month without a leading zero), or dots.
pub fn date_in_words(d: Option<Date>) -> String {
    match d {
        Some(d) => format!("ngày {:02} tháng {} năm {}", d.day(), d.month(), d.year()),
        None => "ngày …… tháng …… năm ……".into(),
    }
}
