//! The words for criteria sets and rulesets that cannot be used (built in, installed, or a session
//! file's snapshot) and what is damaged in a session file, in Vietnamese.

use crate::domain::criteria::{CRITERIA_FORMAT, CriteriaError, CriteriaProblem};
use crate::domain::ruleset::{RULESET_FORMAT, RulesetError, RulesetProblem};
use crate::domain::tagged::TaggedProblem;

/// A tagged file that could not be read; `kind` names it ("bộ tiêu chí").
fn tagged_problem(p: &TaggedProblem, kind: &str, format: &str) -> String {
    match p {
        TaggedProblem::Syntax(e) => format!("không đọc được JSON: {e}"),
        TaggedProblem::NotThisFormat => format!("không phải tệp {kind} (cần \"format\": \"{format}\")"),
        TaggedProblem::Field { path, message } => format!("{path}: {message}"),
    }
}

/// What is wrong with a criteria set, without its place.
pub fn criteria_problem(p: &CriteriaProblem) -> String {
    use CriteriaProblem::*;
    match p {
        File(t) => tagged_problem(t, "bộ tiêu chí", CRITERIA_FORMAT),
        NoSheets => "không có bộ sản phẩm nào".into(),
        DuplicateSheet => "số bộ sản phẩm bị trùng".into(),
        PartCodes(codes) => format!("cần ba phần A, B, C; có {codes:?}"),
        PartMax { part, max, needed } => format!("phần {part} có tối đa {max} điểm, cần {needed}"),
        PartSum { part, sum, max } => format!("phần {part}: tổng điểm các nhóm tiêu chí là {sum}, khác {max}"),
        EmptyCode => "mã tiêu chí trống".into(),
        DuplicateCode => "mã tiêu chí bị trùng".into(),
        EmptyTitle => "tên tiêu chí trống".into(),
        ChildrenAndOptions => "vừa có tiêu chí con vừa có phương án".into(),
        NoOptions => "không có phương án nào".into(),
        ChildSum { max, sum } => format!("điểm tối đa {max} khác tổng các tiêu chí con {sum}"),
        EmptyOption(n) => format!("phương án {n} không có nội dung"),
        StarMarker { option, star } => format!("phương án {option} đánh dấu {star} sao (chỉ 3, 4, 5)"),
        BestOption { max, best } => format!("điểm tối đa {max} khác điểm phương án cao nhất {best}"),
    }
}

/// "bộ tiêu chí «x», bộ sản phẩm số 1, tiêu chí 1.1: …"
pub fn criteria_error(e: &CriteriaError) -> String {
    let mut out = format!("bộ tiêu chí «{}»", e.set);
    if let Some(no) = e.sheet {
        out.push_str(&format!(", bộ sản phẩm số {no}"));
    }
    if let Some(code) = &e.criterion {
        out.push_str(&format!(", tiêu chí {code}"));
    }
    format!("{out}: {}", criteria_problem(&e.problem))
}

/// "quy tắc «x»: …"
pub fn ruleset_error(e: &RulesetError) -> String {
    use RulesetProblem::*;
    let problem = match &e.problem {
        File(t) => tagged_problem(t, "quy tắc", RULESET_FORMAT),
        Quorum(f) => format!("defaults.quorum.fraction: {}", super::fraction_error(f)),
        Bands(stars) => format!("cần đúng một ngưỡng cho 2, 3, 4 và 5 sao; có {stars:?}"),
        BandOrder => "ngưỡng điểm phải tăng dần theo số sao và không quá 100".into(),
        Recognizes => "«recognizes» phải liệt kê các hạng sao từ 3 đến 5".into(),
        Decimals => format!("số chữ số thập phân tối đa là {}", crate::domain::fixed::MAX_DECIMALS),
    };
    format!("quy tắc «{}»: {problem}", e.id)
}

/// A criteria set or ruleset built into the program that cannot be used.
pub fn catalog_error(e: &crate::catalog::CatalogError) -> String {
    use crate::catalog::CatalogError::*;
    match e {
        Criteria(c) => format!("tệp tiêu chí đi kèm bị hỏng — {}", criteria_error(c)),
        Ruleset(r) => format!("tệp quy tắc đi kèm bị hỏng — {}", ruleset_error(r)),
        WrongId { file, found } => format!("tệp «{file}» khai báo mã «{found}»"),
    }
}

/// What is damaged in a session file.
pub fn damage(d: &crate::store::Damage) -> String {
    use crate::store::Damage::*;
    match d {
        Database(sqlite) => format!("{sqlite} — hãy dùng bản lưu trữ gần nhất"),
        MissingSnapshot(kind) => format!("thiếu bản lưu {kind}"),
        MissingSession => "thiếu thông tin phiên họp".into(),
        MeetingDate(e) => format!("ngày họp: {}", super::date_error(e)),
        MeetingTime { closed, error } => {
            format!("{}: {}", if *closed { "giờ bế mạc" } else { "giờ khai mạc" }, super::time_error(error))
        }
        Capacity(word) => format!("«{word}» không phải cách ký"),
        UnknownWord(word) => format!("«{word}» không hợp lệ"),
        Value(sqlite) => sqlite.clone(),
        Round { dossier, round } => {
            format!("hồ sơ «{dossier}» ở vòng chấm {round}, ngoài 1–{}", crate::domain::session::MAX_ROUND)
        }
        Choices { member, dossier, round } => {
            format!("phiếu của «{member}» cho «{dossier}» vòng {round}: lựa chọn không đọc được")
        }
        Criteria(e) => criteria_error(e),
        Ruleset(e) => ruleset_error(e),
        MissingAttachment(sha256) => format!("thiếu nội dung tệp đính kèm {sha256}"),
        AuditAction { row, action } => format!("nhật ký dòng {row}: thao tác «{action}» không rõ"),
    }
}

/// An installed criteria file that could not be used: "…/x.json: …".
pub fn installed_problem(p: &crate::catalog::installed::InstalledProblem) -> String {
    use crate::catalog::installed::InstalledError::*;
    let why = match &p.error {
        Unreadable(e) => super::io_error(e),
        NotUtf8 => "không phải văn bản UTF-8".into(),
        Criteria(e) => criteria_error(e),
    };
    format!("{}: {why}", p.path.display())
}

/// A text typed as a fingerprint that is not one.
pub fn not_a_fingerprint(e: &crate::archive::NotAFingerprint) -> String {
    format!("«{}» không phải dấu vân tay (16 chữ số hệ 16 trở lên, ví dụ 1a2b-3c4d-5e6f-7a8b)", e.0)
}
