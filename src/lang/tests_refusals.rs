//! The refusals of criteria sets, damaged session files, documents and fingerprints, in both
//! languages (split from `tests.rs` to keep each file short).

use super::tests::both_languages;
use super::*;

#[test]
fn criteria_sets_and_rulesets_that_cannot_be_used_say_so_in_either_language() {
    use crate::domain::criteria::{CriteriaError, CriteriaProblem as C};
    use crate::domain::ruleset::{FractionError, RulesetError, RulesetProblem as R};
    use crate::domain::tagged::TaggedProblem as T;
    let s = |t: &str| t.to_string();
    let field = || T::Field { path: s("sheets[0].no"), message: s("invalid type: string \"1\", expected u32") };
    let criteria = [
        C::File(T::Syntax(s("EOF while parsing a value at line 1 column 0"))),
        C::File(T::NotThisFormat),
        C::File(field()),
        C::NoSheets,
        C::DuplicateSheet,
        C::PartCodes(vec![s("A"), s("B")]),
        C::PartMax { part: s("A"), max: 45, needed: 40 },
        C::PartSum { part: s("B"), sum: 24, max: 25 },
        C::EmptyCode,
        C::DuplicateCode,
        C::EmptyTitle,
        C::ChildrenAndOptions,
        C::NoOptions,
        C::ChildSum { max: 18, sum: 19 },
        C::EmptyOption(2),
        C::StarMarker { option: 2, star: 6 },
        C::BestOption { max: 3, best: 2 },
    ];
    both_languages(&criteria.map(|problem| CriteriaError {
        set: s("bộ của huyện"),
        sheet: Some(1),
        criterion: Some(s("1.1")),
        problem,
    }));
    let rulesets = [
        R::File(T::NotThisFormat),
        R::File(field()),
        R::Quorum(FractionError(s("2:3"))),
        R::Bands(vec![2, 3, 5]),
        R::BandOrder,
        R::Recognizes,
        R::Decimals,
    ];
    both_languages(&rulesets.clone().map(|problem| RulesetError { id: s("quy-tac"), problem }));
    let catalog = [
        crate::catalog::CatalogError::Criteria(CriteriaError {
            set: s("x"),
            sheet: None,
            criterion: None,
            problem: C::NoSheets,
        }),
        crate::catalog::CatalogError::Ruleset(RulesetError { id: s("x"), problem: R::BandOrder }),
        crate::catalog::CatalogError::WrongId { file: s("qd26-2026"), found: s("khác") },
    ];
    both_languages(&catalog);
    // The command line's Vietnamese, byte for byte as before.
    let e = CriteriaError {
        set: s("x"),
        sheet: Some(1),
        criterion: Some(s("1")),
        problem: C::ChildSum { max: 18, sum: 19 },
    };
    assert_eq!(
        e.to_string(),
        "bộ tiêu chí «x», bộ sản phẩm số 1, tiêu chí 1: điểm tối đa 18 khác tổng các tiêu chí con 19"
    );
    assert_eq!(
        e.say(Lang::En),
        "criteria set “x”, product sheet 1, criterion 1: its maximum 18 is not the sum of its sub-criteria, 19"
    );
    let e = RulesetError { id: s("r"), problem: R::Bands(vec![2, 3, 5]) };
    assert_eq!(e.to_string(), "quy tắc «r»: cần đúng một ngưỡng cho 2, 3, 4 và 5 sao; có [2, 3, 5]");
    assert_eq!(
        e.say(Lang::En),
        "ruleset “r”: needs exactly one threshold for each of 2, 3, 4 and 5 stars; has [2, 3, 5]"
    );
    assert_eq!(catalog[0].to_string(), "tệp tiêu chí đi kèm bị hỏng — bộ tiêu chí «x»: không có bộ sản phẩm nào");
    let fraction = FractionError(s("2:3"));
    assert_eq!(fraction.to_string(), "«2:3» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá 100)");
    assert_eq!(fraction.say(Lang::En), "“2:3” is not a fraction such as 2/3 between 0 and 1 (denominator at most 100)");
}

#[test]
fn what_is_damaged_in_a_session_file_is_said_in_either_language() {
    use crate::store::Damage as D;
    let s = |t: &str| t.to_string();
    let ruleset = crate::domain::RulesetError { id: s("r"), problem: crate::domain::ruleset::RulesetProblem::Decimals };
    let criteria = crate::domain::CriteriaError {
        set: s("c"),
        sheet: None,
        criterion: None,
        problem: crate::domain::criteria::CriteriaProblem::NoSheets,
    };
    let all = [
        D::Database(s("database disk image is malformed")),
        D::MissingSnapshot("criteria"),
        D::MissingSnapshot("ruleset"),
        D::MissingSession,
        D::MeetingDate(crate::domain::date::DateError(s("05/06/2023"))),
        D::MeetingTime { closed: false, error: crate::domain::facts::TimeError(s("7h30")) },
        D::MeetingTime { closed: true, error: crate::domain::facts::TimeError(s("25:00")) },
        D::Capacity(s("ký thay")),
        D::UnknownWord(s("chủ tịch")),
        D::Round { dossier: s("YY-01"), round: 100 },
        D::Choices { member: s("m1"), dossier: s("YY-01"), round: 1 },
        D::Criteria(criteria),
        D::Ruleset(ruleset),
        D::MissingAttachment(s("0123abcd")),
        D::AuditAction { row: 2, action: s("xoá") },
    ];
    let errors = all.map(|problem| crate::store::StoreError::Corrupt { path: s("a.ocop"), problem });
    both_languages(&errors);
    // The command line's Vietnamese, byte for byte as before.
    assert_eq!(
        errors[4].to_string(),
        "a.ocop: dữ liệu trong tệp bị hỏng: ngày họp: «05/06/2023» không phải ngày dạng YYYY-MM-DD"
    );
    assert_eq!(
        errors[0].to_string(),
        "a.ocop: dữ liệu trong tệp bị hỏng: database disk image is malformed — hãy dùng bản lưu trữ gần nhất"
    );
    assert_eq!(
        errors[6].say(Lang::En),
        "a.ocop: the data in the file is damaged: closing time: “25:00” is not a time written HH:MM (such as 07:30)"
    );
}

#[test]
fn documents_that_could_not_be_made_say_so_in_either_language() {
    use crate::report::{Kind, ReportError};
    both_languages(&[ReportError::Failed(Some(Kind::Minutes)), ReportError::Failed(None)]);
    let e = ReportError::Failed(Some(Kind::Minutes));
    assert_eq!(e.say(Lang::Vi), "không tạo được tài liệu: Biên bản họp Hội đồng: tạo tài liệu thất bại");
    assert_eq!(e.to_string(), "Biên bản họp Hội đồng: tạo tài liệu thất bại", "the command line's words");
}

#[test]
fn a_fingerprint_that_is_not_one_says_so_in_either_language() {
    let e = crate::archive::normalise_typed("1a2b-xyz").unwrap_err();
    both_languages(std::slice::from_ref(&e));
    assert_eq!(e.to_string(), "«1a2b-xyz» không phải dấu vân tay (16 chữ số hệ 16 trở lên, ví dụ 1a2b-3c4d-5e6f-7a8b)");
    assert_eq!(
        e.say(Lang::En),
        "“1a2b-xyz” is not a fingerprint (16 hexadecimal digits or more, e.g. 1a2b-3c4d-5e6f-7a8b)"
    );
}
