//! The texts of `lang`, in both languages, as people read them.

use super::*;
use crate::domain::Date;
use crate::domain::blocker::tests::every_kind;

#[test]
fn blockers_in_vietnamese() {
    let texts: Vec<String> = every_kind().iter().map(|b| b.say(Lang::Vi)).collect();
    assert_eq!(
        texts,
        [
            "chưa đủ số thành viên dự họp: có mặt 5/9 thành viên, cần 2/3, có Chủ tịch hoặc Phó Chủ tịch",
            "chưa đủ số thành viên dự họp: có mặt 1/3 thành viên, cần 1/2",
            "D1: bộ sản phẩm số 27 không có trong bộ tiêu chí",
            "D1: vòng 1 chưa có phiếu nào được tính",
            "YY-2023-01: vòng 2 còn thiếu phiếu của m1, m3",
            "YY-2023-04: vòng 1 chênh lệch 12 điểm, vượt mức 10 điểm",
        ]
    );
}

#[test]
fn blockers_in_english_are_the_json_form() {
    for b in every_kind() {
        assert_eq!(b.say(Lang::En), b.to_string());
        assert_eq!(serde_json::to_value(&b).unwrap(), serde_json::Value::String(b.say(Lang::En)));
    }
    assert_eq!(every_kind()[5].say(Lang::En), "YY-2023-04: spread 12 > 10");
}

#[test]
fn say_all_joins_in_order() {
    let b = every_kind();
    assert_eq!(
        say_all(&b[3..5], Lang::Vi, "; "),
        "D1: vòng 1 chưa có phiếu nào được tính; YY-2023-01: vòng 2 còn thiếu phiếu của m1, m3"
    );
    assert_eq!(say_all::<Blocker>(&[], Lang::En, "; "), "");
}

#[test]
fn decision_words_in_both_languages() {
    let all =
        [Decision::Eliminated, Decision::Pending, Decision::NotAchieved, Decision::Recognized, Decision::Forwarded];
    let vi: Vec<String> = all.iter().map(|d| d.say(Lang::Vi)).collect();
    assert_eq!(vi, ["Bị loại", "Chưa có kết quả", "Không đạt", "Công nhận", "Đề nghị cấp trên"]);
    let en: Vec<String> = all.iter().map(|d| d.say(Lang::En)).collect();
    assert_eq!(en, ["Eliminated", "Pending", "Not achieved", "Recognised", "Forwarded"]);
}

#[test]
fn verdicts_carry_their_stars() {
    let v = |decision, stars| Verdict { decision, stars };
    assert_eq!(v(Decision::Recognized, 3).say(Lang::Vi), "Công nhận 3 sao");
    assert_eq!(v(Decision::NotAchieved, 2).say(Lang::Vi), "Không đạt (2 sao)");
    assert_eq!(v(Decision::Forwarded, 4).say(Lang::Vi), "Đề nghị cấp trên (4 sao)");
    assert_eq!(v(Decision::Eliminated, 0).say(Lang::Vi), "Bị loại");
    assert_eq!(v(Decision::Pending, 0).say(Lang::Vi), "Chưa có kết quả");
    assert_eq!(v(Decision::Recognized, 3).say(Lang::En), "Recognised 3 stars");
    assert_eq!(v(Decision::NotAchieved, 1).say(Lang::En), "Not achieved (1 star)");
    assert_eq!(v(Decision::Forwarded, 5).say(Lang::En), "Forwarded (5 stars)");
    assert_eq!(v(Decision::Pending, 0).say(Lang::En), "Pending");
}

#[test]
fn vietnamese_dates() {
    let d = Date::new(2023, 6, 5);
    assert_eq!(d.map(vi::date).as_deref(), Some("05/06/2023"));
    assert_eq!(vi::date_or_blank(d), "05/06/2023");
    assert_eq!(vi::date_or_blank(None), "……/……/……");
    assert_eq!(vi::date_in_words(d), "ngày 05 tháng 6 năm 2023");
    assert_eq!(vi::date_in_words(Date::new(2026, 11, 20)), "ngày 20 tháng 11 năm 2026");
    assert_eq!(vi::date_in_words(None), "ngày …… tháng …… năm ……");
}

#[test]
fn preferences_keep_the_stored_language_names() {
    assert_eq!(serde_json::to_string(&Lang::Vi).unwrap(), "\"Vi\"");
    assert_eq!(serde_json::from_str::<Lang>("\"En\"").unwrap(), Lang::En);
    assert_eq!(Lang::default(), Lang::Vi);
}

#[test]
fn audit_rows_in_words() {
    use crate::domain::audit::{AuditAction, AuditEntry, Target};
    let row = |action, target: Target, old: Option<&str>, new: Option<&str>, reason: Option<&str>| {
        AuditEntry {
            at: "t".into(),
            actor: "a".into(),
            action,
            dossier: None,
            member: None,
            round: None,
            criterion: None,
            old: old.map(Into::into),
            new: new.map(Into::into),
            reason: reason.map(Into::into),
            legacy_target: None,
        }
        .with_target(target)
    };
    let choice = row(AuditAction::Choice, Target::choice("YY-01", "m1", 2, "1.1"), Some("3"), Some("2"), None);
    assert_eq!(choice.say(Lang::Vi), "Chấm tiêu chí · YY-01 · m1 · vòng 2 · tiêu chí 1.1: 3 → 2");
    assert_eq!(choice.say(Lang::En), "Criterion scored · YY-01 · m1 · round 2 · criterion 1.1: 3 → 2");
    let created = row(AuditAction::Create, Target::session(), None, Some("members=9 dossiers=12 sheets=95"), None);
    assert_eq!(created.say(Lang::Vi), "Tạo phiên họp · phiên họp: 9 thành viên, 12 hồ sơ, 95 phiếu");
    assert_eq!(created.say(Lang::En), "Session created · session: 9 members, 12 dossiers, 95 sheets");
    let absent = row(AuditAction::Attendance, Target::member("m4"), Some("true"), Some("false"), Some("ốm"));
    assert_eq!(absent.say(Lang::Vi), "Điểm danh · m4: có mặt → vắng (ốm)");
    let odd = row(AuditAction::Import, Target::session(), None, Some("added=x"), None);
    assert!(odd.say(Lang::En).ends_with(": added=x"), "a value that is not a count list stays as it is");
}

#[test]
fn vietnamese_numbers_have_a_decimal_comma() {
    use crate::lang::vi::number;
    assert_eq!(number("65.00"), "65,00");
    assert_eq!(number(65), "65");
    assert_eq!(number("1234.5"), "1.234,5");
    assert_eq!(number("-2.25"), "-2,25");
    assert_eq!(number("–"), "–");
}

#[test]
fn audit_times_are_shown_in_local_time_in_each_language() {
    use super::{Lang, local_time_at};
    let hanoi = time::UtcOffset::from_hms(7, 0, 0).unwrap();
    assert_eq!(local_time_at("2023-06-05T09:00:00Z", hanoi, Lang::Vi), "05/06/2023 16:00:00");
    assert_eq!(local_time_at("2023-06-05T09:00:00Z", hanoi, Lang::En), "2023-06-05 16:00:00");
    // Past midnight in Hanoi: the local date is the next day.
    assert_eq!(local_time_at("2023-12-31T20:30:05Z", hanoi, Lang::Vi), "01/01/2024 03:30:05");
    assert_eq!(local_time_at("2023-06-05T09:00:00Z", time::UtcOffset::UTC, Lang::En), "2023-06-05 09:00:00");
    for not_a_time in ["", "hôm qua", "2023-13-05T09:00:00Z", "2023-06-05 09:00:00"] {
        assert_eq!(local_time_at(not_a_time, hanoi, Lang::En), not_a_time);
    }
}

#[test]
fn an_io_error_is_a_sentence_without_the_os_code_text() {
    for e in [
        std::io::Error::from_raw_os_error(2),
        std::io::Error::from_raw_os_error(20),
        std::io::Error::from_raw_os_error(17),
        std::io::Error::from_raw_os_error(5),
        std::io::Error::other("x"),
    ] {
        for text in [super::vi::io_error(&e), super::en::io_error(&e)] {
            assert!(!text.contains("os error"), "{text}");
        }
    }
    #[cfg(target_os = "linux")]
    {
        // What opening a link that points at itself gives (ELOOP): said, not a bare code.
        let looped = std::io::Error::from_raw_os_error(40);
        assert_eq!(super::vi::io_error(&looped), "liên kết (symlink) trỏ vòng về chính nó");
        assert_eq!(super::en::io_error(&looped), "a link (symlink) that loops back on itself");
    }
    assert_eq!(super::number("65.00", super::Lang::Vi), "65,00");
    assert_eq!(super::number("65.00", super::Lang::En), "65.00");
}

pub(crate) use super::has_vietnamese;

/// Each text in both languages: the English has no Vietnamese letter, the Vietnamese is NFC and
/// not the English.
pub(crate) fn both_languages<T: Say>(items: &[T]) {
    for item in items {
        let (vi, en) = (item.say(Lang::Vi), item.say(Lang::En));
        assert!(!has_vietnamese(&en), "{en}");
        assert_ne!(vi, en);
        assert_eq!(vi, crate::domain::text::nfc(&vi), "{vi}");
    }
}

#[test]
fn the_import_verify_and_checker_findings_have_english_words() {
    use crate::archive::{AttachmentProblem as A, LockProblem as L};
    use crate::domain::session::Problem as P;
    use crate::dossier::Note as N;
    use crate::table::Problem as T;
    let io = || std::sync::Arc::new(std::io::Error::from(std::io::ErrorKind::NotFound));
    let s = |t: &str| t.to_string();
    assert!(has_vietnamese("thiếu cột") && has_vietnamese("Đồng") && !has_vietnamese("a “Tên sản phẩm” column"));
    both_languages(
        &[
            N::EmptyList,
            N::NoHeader,
            N::UnusedColumn(s("x")),
            N::MissingColumn,
            N::MissingProduct,
            N::MissingProducer,
            N::UnknownSheet(s("99")),
            N::SheetNotWhole(s("1.9")),
            N::BadSelfScore(s("x")),
            N::ForbiddenChar(0x202E),
            N::UnknownEntity(s("x")),
            N::UnknownKind(s("x")),
            N::DuplicateCode { code: s("A"), first: 2 },
            N::Table(T::Empty),
            N::UnknownFileType,
            N::JsonSyntax(s("EOF")),
            N::JsonNotArray,
            N::JsonNotObject(1),
            N::JsonUnknownField { item: 1, field: s("x") },
            N::RootIsLink,
            N::NotAFolder,
            N::Unreadable(io()),
            N::PathTooLong,
            N::LinkRefused,
            N::LooseFile,
            N::UnmatchedFolder,
            N::SameDossier { code: s("A"), first: s("a") },
            N::NoFolder { code: s("A"), product: s("p") },
            N::SameName { name: s("a"), earlier: s("b"), code: s("A") },
            N::TooDeep { max: 32 },
            N::LinkOrOutside,
            N::NotRegular,
            N::TooLarge { bytes: 300_000_000, limit: 200_000_000 },
            N::Undecodable { name: s("a") },
        ]
        .map(|note| crate::dossier::Finding {
            file: s("ds.csv"),
            row: Some(3),
            column: Some(crate::dossier::Field::Sheet),
            note,
        }),
    );
    both_languages(&[
        T::Unreadable(io()),
        T::Empty,
        T::BrokenUtf8,
        T::BrokenUtf16,
        T::LegacyCodePage,
        T::PasswordProtected,
        T::Damaged(s("zip")),
        T::FirstSheetUnreadable(s("x")),
        T::NoWorksheet,
        T::TooManyParts { count: 20_000 },
        T::PartTooLarge { part: s("p"), bytes: 1 << 30, limit: 1 << 28 },
        T::PartTooCompressed { part: s("p"), ratio: 900 },
        T::PartSizeLies { part: s("p"), declared: 9 },
        T::TooManyStrings { declared: s("9") },
        T::BadSharedString { part: s("p"), cell: s("A1"), index: s("9"), strings: 2 },
        T::SheetTooLarge { from: s("A1"), to: s("XFD1"), cells: 2_000_000 },
    ]);
    both_languages(&[
        L::NotLocked,
        L::ClearedLock { at: s("2023-06-05T09:00:00Z"), by: s("b") },
        L::NoLockEvent,
        L::ReopenedInTrail { at: s("2023-06-05T09:00:00Z"), by: s("b") },
        L::DecisionDiffers { row: s("999/QĐ 2020-01-01"), trail: s("125/QĐ-UBND 2023-06-20") },
        L::DecisionNotInTrail { row: s("1/QĐ 2023-06-20") },
        L::DecisionCleared { trail: s("1/QĐ 2023-06-20") },
        L::FingerprintDiffers { row: s("1a2b3c4d5e6f7a8b9c"), trail: s("0a2b3c4d5e6f7a8b9c") },
        L::AuthorDiffers { row: s("a"), trail: s("b") },
        L::TimeDiffers { row: s("x"), trail: s("y") },
    ]);
    both_languages(&[
        A::Replaced { dossier: s("A"), name: s("a") },
        A::Missing { dossier: s("A"), name: s("a") },
        A::Unlisted { sha256: s("0123456789abcdef") },
    ]);
    both_languages(&[
        P::WrongFormat,
        P::FactsInFirstFormat,
        P::UnsupportedFormat(s("x")),
        P::MissingFormat,
        P::NotADate(crate::domain::date::DateError(s("05/06/2023"))),
        P::NotAFraction(crate::domain::ruleset::FractionError(s("2:3"))),
        P::NotATime(crate::domain::facts::TimeError(s("7h30"))),
        P::NoSuchRuleset { id: s("x"), known: s("y") },
        P::CriteriaNotInstalled(s("x")),
        P::ForbiddenChar(0x202E),
        P::KeyTooLong { length: 90, max: 80 },
        P::TextTooLong { length: 20_000, max: 10_000 },
        P::DuplicateKey(s("k")),
        P::TooManyDecimals(4),
        P::SpreadOver100,
        P::EmptyMemberId,
        P::DuplicateMemberId(s("m1")),
        P::EmptyName,
        P::SecondChair,
        P::NoSuchMember(s("m9")),
        P::EmptyGuestName,
        P::EmptyDocumentName,
        P::EmptyDossierCode,
        P::DuplicateDossierCode(s("A")),
        P::EmptyProduct,
        P::EmptyProducer,
        P::SheetNotInSet { sheet: 27, set: s("x") },
        P::SelfScoreOver100,
        P::EmptyElimination,
        P::RecusedTwice(s("m1")),
        P::RoundZero,
        P::RoundOverMax { round: 99, max: 20 },
        P::RoundBelowScored { round: 1, scored: 2 },
        P::NoSuchDossier(s("A")),
        P::NotAScorer(s("m1")),
        P::Recused { member: s("m1"), dossier: s("A") },
        P::DuplicateSheet { member: s("m1"), dossier: s("A"), round: 1 },
        P::NoSuchSheet(27),
        P::NoSuchCriterion { sheet: 1, code: s("9.9") },
        P::NoSuchOption { choice: 7, options: 3 },
        P::DraftChecked,
        P::SubmittedIncomplete(s("1.1")),
        P::AuditNeedsTime,
        P::NoSuchRound { dossier: s("A"), round: 3 },
        P::EmptyResolution,
        P::DuplicateResolution { dossier: s("A"), round: 1 },
    ]);
    // The command line's Vietnamese, byte for byte as before.
    let f = crate::dossier::Finding {
        file: s("ds.csv"),
        row: Some(4),
        column: Some(crate::dossier::Field::Sheet),
        note: N::UnknownSheet(s("99")),
    };
    assert_eq!(
        f.to_string(),
        "ds.csv, dòng 4, cột «Bộ sản phẩm»: «99» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)"
    );
    assert_eq!(
        f.say(Lang::En),
        "ds.csv, row 4, column “Product sheet”: “99” is no product sheet (a number 1–26 or the sheet's name)"
    );
    let invalid = crate::domain::session::Invalid { path: s("members[2].name"), problem: P::EmptyName };
    assert_eq!(invalid.to_string(), "members[2].name: họ tên trống");
    assert_eq!(invalid.say(Lang::En), "members[2].name: the name is empty");
}

#[test]
fn register_errors_in_both_languages() {
    use crate::register::{RegisterError, RowFault, RowProblem};
    let bad = RegisterError::BadRows {
        file: "so.xlsx".into(),
        problems: vec![
            RowProblem { row: 4, column: "Hạng sao", problem: RowFault::StarsOutOfRange(2) },
            RowProblem { row: 5, column: "Ngày quyết định", problem: RowFault::NoSuchDay("31/4/2023".into()) },
        ],
    };
    assert_eq!(
        bad.say(Lang::Vi),
        "so.xlsx: không nhập: 2 dòng sai — dòng 4, cột «Hạng sao»: 2 sao: sổ chỉ ghi sản phẩm 3 đến 5 sao; \
         dòng 5, cột «Ngày quyết định»: «31/4/2023» không có ngày này"
    );
    assert_eq!(bad.say(Lang::Vi), bad.to_string(), "the command line prints the Vietnamese");
    assert_eq!(
        bad.say(Lang::En),
        "so.xlsx: nothing imported: 2 bad rows — row 4, column «Hạng sao»: 2 stars: the register holds 3- to 5-star \
         products only; row 5, column «Ngày quyết định»: «31/4/2023»: there is no such day"
    );
    let unknown = RegisterError::UnknownProduct { product: "Chè".into(), producer: "HTX A".into() };
    assert_eq!(unknown.say(Lang::Vi), "sổ theo dõi không có sản phẩm «Chè» của «HTX A»");
    assert_eq!(unknown.say(Lang::En), "the register has no product «Chè» of «HTX A»");
    let not_locked = RegisterError::NotLocked { path: "a.ocop".into() };
    assert_eq!(
        not_locked.say(Lang::En),
        "a.ocop: the session's results are not locked; lock them before entering the register"
    );
    assert!(not_locked.say(Lang::Vi).starts_with("a.ocop: kết quả phiên họp chưa khóa"));
    let io = RegisterError::io("r.ocop-register", std::io::Error::from(std::io::ErrorKind::PermissionDenied));
    assert!(io.say(Lang::En).starts_with("r.ocop-register: access denied"), "{}", io.say(Lang::En));
    assert!(io.say(Lang::Vi).starts_with("r.ocop-register: không có quyền truy cập"), "{}", io.say(Lang::Vi));
    let store = RegisterError::Store(crate::store::StoreError::NotLocked);
    assert_eq!(
        (store.say(Lang::Vi), store.say(Lang::En)),
        (crate::store::StoreError::NotLocked.say(Lang::Vi), "the session is not locked".into())
    );
    use crate::register::{ObjectKind, SchemaChange};
    let altered = |change, kind, name: &str| RegisterError::Altered {
        path: "r.ocop-register".into(),
        change,
        kind,
        name: name.into(),
    };
    let dropped = altered(SchemaChange::Missing, ObjectKind::Trigger, "audit_log_no_update");
    assert_eq!(
        (dropped.to_string(), dropped.say(Lang::En)),
        (
            "r.ocop-register: sổ theo dõi đã bị sửa ngoài ứng dụng: thiếu trigger audit_log_no_update; hãy dùng bản sao lưu"
                .into(),
            "r.ocop-register: the register was changed outside the app: trigger audit_log_no_update is missing; use a backup"
                .into()
        )
    );
    // Every variant has its own English sentence: no Vietnamese word leaks into it.
    let day = Date::new(2026, 1, 10).unwrap();
    for e in [
        RegisterError::NotARegister { path: "x".into() },
        RegisterError::TooNew { path: "x".into(), found: 2, supported: 1 },
        RegisterError::NoDecision { path: "x".into() },
        RegisterError::AmbiguousProduct { product: "Chè".into(), producers: vec!["A".into(), "B".into()] },
        RegisterError::ReasonRequired,
        RegisterError::WrongFormat { file: "x.txt".into() },
        RegisterError::NothingDue { day },
        RegisterError::UnknownRuleset { id: "z".into(), known: vec!["a".into()] },
        RegisterError::Damaged { path: "x".into(), problem: "p".into() },
        RegisterError::BrokenLink { path: "x".into(), target: "y".into() },
        altered(SchemaChange::Changed, ObjectKind::Table, "product"),
        altered(SchemaChange::Unexpected, ObjectKind::Index, "i"),
        altered(SchemaChange::Missing, ObjectKind::View, "v"),
        RegisterError::BadRows {
            file: "x".into(),
            problems: vec![
                RowProblem { row: 1, column: "Sao", problem: RowFault::DuplicateColumn(2, 4) },
                RowProblem { row: 2, column: "Sao", problem: RowFault::DateOutOfRange("1".into()) },
                RowProblem { row: 3, column: "Sao", problem: RowFault::TooLong(5000) },
            ],
        },
    ] {
        let (vi, en) = (e.say(Lang::Vi), e.say(Lang::En));
        assert_ne!(vi, en);
        for word in ["không", "chưa", "sổ", "hãy", "cần", "ngày"] {
            assert!(!en.contains(word), "{en}");
        }
    }
}

#[test]
fn an_import_with_errors_is_refused_in_either_language() {
    let first = crate::dossier::Finding {
        file: "ds.csv".into(),
        row: Some(3),
        column: Some(crate::dossier::Field::Sheet),
        note: crate::dossier::Note::UnknownSheet("99".into()),
    };
    let e = crate::store::StoreError::ImportHasErrors { first: Box::new(first.clone()) };
    assert_eq!(e.say(Lang::Vi), format!("không nhập: {}", first.say(Lang::Vi)));
    assert_eq!(e.to_string(), e.say(Lang::Vi), "the command line's words are the Vietnamese");
    assert_eq!(e.say(Lang::En), format!("nothing imported: {}", first.say(Lang::En)));
    assert!(!has_vietnamese(&e.say(Lang::En)), "{}", e.say(Lang::En));
}

#[test]
fn dates_and_times_that_are_not_say_so_in_either_language() {
    use crate::domain::{date::DateError, facts::TimeError};
    let date = "05/06/2023".parse::<crate::domain::Date>().unwrap_err();
    assert_eq!(date, DateError("05/06/2023".into()));
    assert_eq!(date.say(Lang::Vi), "«05/06/2023» không phải ngày dạng YYYY-MM-DD");
    assert_eq!(date.to_string(), date.say(Lang::Vi), "the command line keeps its words");
    assert_eq!(date.say(Lang::En), "“05/06/2023” is not a date written YYYY-MM-DD (such as 2023-06-05)");
    let time = "7:30".parse::<crate::domain::facts::ClockTime>().unwrap_err();
    assert_eq!(time, TimeError("7:30".into()));
    assert_eq!(time.say(Lang::Vi), "«7:30» không phải giờ dạng HH:MM");
    assert_eq!(time.to_string(), time.say(Lang::Vi));
    assert_eq!(time.say(Lang::En), "“7:30” is not a time written HH:MM (such as 07:30)");
}

#[test]
fn the_root_of_a_document_and_the_fields_of_a_session_have_names() {
    use crate::domain::session::{Invalid, Problem};
    let root = Invalid { path: ".".into(), problem: Problem::Shape("missing field `session`".into()) };
    assert_eq!(root.say(Lang::Vi), "(gốc): missing field `session`");
    assert_eq!(root.to_string(), "(gốc): missing field `session`", "the command line's words");
    assert_eq!(root.say(Lang::En), "(root): missing field `session`");
    for (path, vi, en) in [
        ("session.settings.spread_limit", "Chênh lệch tối đa", "Spread limit"),
        ("session.settings.decimals", "Số chữ số thập phân", "Decimals"),
        ("session.settings.quorum.fraction", "Số lượng tối thiểu", "Quorum"),
        ("session.meeting_date", "Ngày họp", "Meeting date"),
        ("session.criteria_set", "Bộ tiêu chí", "Criteria set"),
    ] {
        assert_eq!(field_name(path, Lang::Vi), Some(vi), "{path}");
        assert_eq!(field_name(path, Lang::En), Some(en), "{path}");
    }
    assert_eq!(field_name("sheets[0].choices", Lang::En), None);
    // Every named field has a name in both languages, and the English one is English.
    for path in ["format", "session.title", "session.settings.check_required", "session.facts.recipients"] {
        let (vi, en) = (field_name(path, Lang::Vi).unwrap(), field_name(path, Lang::En).unwrap());
        assert!(!has_vietnamese(en) && vi != en, "{path}: {vi} / {en}");
    }
}
