//! Vietnamese, the council's language: every text of `crate::lang` in Vietnamese.

use crate::domain::audit::{AuditAction, Target};
use crate::domain::sheet_status::{SheetStatus, SheetStep};
use crate::domain::{Blocker, Date, Decision};
use crate::lang::Verdict;
use crate::store::{NeedsReason, StoreError};

/// The words of what imports, `verify` and the session checker find (a file of its own for size).
mod findings;
pub use findings::*;
/// The words of criteria sets and rulesets that cannot be used.
mod catalog;
pub use catalog::*;

pub fn blocker(b: &Blocker) -> String {
    let about = b.dossier().map(|d| format!("{d}: ")).unwrap_or_default();
    let what = match b {
        Blocker::Quorum { present, members, needs, chair_required } => {
            let chair = if *chair_required { ", có Chủ tịch hoặc Phó Chủ tịch" } else { "" };
            format!("chưa đủ số thành viên dự họp: có mặt {present}/{members} thành viên, cần {needs}{chair}")
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

/// A number as Vietnamese documents write it: decimal comma, thousands by dots ("65,00",
/// "1.234,5"). Exchange JSON keeps its dot; this is for what people read.
pub fn number(value: impl std::fmt::Display) -> String {
    let text = value.to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if fraction.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{fraction}") }
}

/// The warning for a criteria set issued after the meeting it scores.
pub fn later_basis(w: &crate::domain::legal::LaterBasis) -> String {
    format!(
        "Cảnh báo: bộ tiêu chí ({}) ban hành ngày {}, sau ngày họp {} — biên bản sẽ ghi là bộ tiêu chí được sử dụng, không phải căn cứ có hiệu lực tại thời điểm họp; kiểm tra lại bộ tiêu chí của phiên họp.",
        w.basis,
        date(w.issued),
        date(w.meeting)
    )
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

/// A session-file error, in Vietnamese: what happened and what to do.
pub fn store_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        NotFound { .. }
        | InUse { .. }
        | Exists { .. }
        | NotASession { .. }
        | TooNew { .. }
        | NeedsUpgrade { .. }
        | SchemaMismatch { .. }
        | Corrupt { .. }
        | ChangedWhileImporting { .. }
        | NotAFile { .. }
        | Io { .. }
        | Sqlite { .. } => file_error(e),
        UnknownSheet { .. }
        | UnknownCriterion { .. }
        | UnknownOption { .. }
        | IncompleteSheet { .. }
        | DamagedSheet { .. }
        | SheetStepRefused { .. }
        | NoChoices { .. }
        | NoSheet { .. }
        | Eliminated { .. }
        | NotAScorer { .. }
        | Absent { .. }
        | Recused { .. }
        | DeviceBound { .. }
        | AlreadyResolved { .. }
        | TooManyRounds { .. }
        | Locked { .. }
        | NotLocked
        | NotFinalizable { .. } => sheet_error(e),
        UnknownDossier { .. }
        | UnknownMember { .. }
        | DossierNeedsNames
        | DossierNeedsCode
        | DossierExists { .. }
        | ReasonRequired(_)
        | SheetsWouldBeDiscarded { .. }
        | ImportHasErrors { .. }
        | MemberExists { .. }
        | MemberNeedsName
        | SecondChair { .. }
        | MemberHasSheets { .. }
        | MemberLeadsMeeting { .. } => council_error(e),
        BadText(i) => invalid(i),
    }
}

/// The errors of the file itself, in Vietnamese: missing, in use, too new, damaged, unreadable.
fn file_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        NotFound { path } => format!("{path}: không tìm thấy tệp"),
        InUse { path } => {
            format!("{path}: tệp đang được mở ở một cửa sổ khác của ứng dụng — dùng cửa sổ đó, hoặc đóng nó rồi mở lại")
        }
        Exists { path } => format!("{path}: đã có tệp này — chọn tên khác hoặc xóa tệp cũ trước"),
        NotASession { path } => format!("{path}: không phải tệp phiên họp OCOP"),
        TooNew { path, found, supported } => format!(
            "{path}: tệp do phiên bản mới hơn của ứng dụng tạo (phiên bản tệp {found}, ứng dụng này đọc đến {supported}) — hãy cập nhật ứng dụng"
        ),
        NeedsUpgrade { path, found } => {
            format!(
                "{path}: tệp ở phiên bản cũ ({found}); hãy mở nó bằng ứng dụng một lần để nâng cấp rồi kiểm tra lại"
            )
        }
        SchemaMismatch { path, found } => format!(
            "{path}: dữ liệu trong tệp bị hỏng: phiên bản lược đồ ghi trong tệp ({found}) không khớp với các bảng của nó — không nâng cấp được; hãy dùng bản lưu trữ gần nhất"
        ),
        Corrupt { path, problem } => format!("{path}: dữ liệu trong tệp bị hỏng: {}", damage(problem)),
        ChangedWhileImporting { path } => format!("{path}: tệp thay đổi trong lúc nhập — nhập lại"),
        NotAFile { path } => {
            format!("{path}: không phải tệp thường (ống FIFO, socket hay thiết bị): không được nhận")
        }
        Io { path, source } => format!("{path}: {}", io_error(source)),
        Sqlite { path, source } => format!("{path}: lỗi cơ sở dữ liệu: {source}"),
        // Not of this family: `store_error` sends each error to its own.
        other => format!("{other:?}"),
    }
}

/// The errors of scoring and of the lock, in Vietnamese.
fn sheet_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        UnknownSheet { sheet } => format!("bộ sản phẩm số {sheet} không có"),
        UnknownCriterion { sheet, criterion } => format!("bộ sản phẩm số {sheet} không có tiêu chí «{criterion}»"),
        UnknownOption { criterion, option, count } => {
            format!("tiêu chí {criterion}: phương án {option} không tồn tại (có {count} phương án)")
        }
        IncompleteSheet { dossier, member, missing } => {
            format!("phiếu của «{member}» cho «{dossier}» còn thiếu tiêu chí {}", missing.join(", "))
        }
        DamagedSheet { dossier, member } => {
            format!("phiếu của «{member}» cho «{dossier}» bị hỏng: lựa chọn không đọc được")
        }
        SheetStepRefused { dossier, member, round, from, step } => {
            sheet_step_refused(dossier, member, *round, *from, *step)
        }
        NoChoices { dossier } => format!("chưa ghi lựa chọn nào cho «{dossier}» (TIÊU_CHÍ=PHƯƠNG_ÁN)"),
        NoSheet { dossier, member, round } => format!("«{member}» chưa có phiếu cho «{dossier}» ở vòng {round}"),
        Eliminated { code, reason } => format!("hồ sơ «{code}» đã bị loại ({reason}): không chấm điểm"),
        NotAScorer { id } => format!("thành viên «{id}» không chấm điểm"),
        Absent { id } => format!("thành viên «{id}» vắng mặt: phiếu sẽ không được tính"),
        Recused { dossier, member } => format!("thành viên «{member}» không chấm hồ sơ «{dossier}» (đã rút)"),
        DeviceBound { member } => {
            format!("đường dẫn của thành viên «{member}» đã gắn với một thiết bị khác (thư ký gỡ thiết bị trước)")
        }
        AlreadyResolved { dossier, round } => format!("«{dossier}» vòng {round} đã có kết luận"),
        TooManyRounds { dossier, max } => {
            format!("hồ sơ «{dossier}» đã chấm đến vòng {max}, không mở thêm vòng được (tối đa {max} vòng)")
        }
        Locked { at } => format!("phiên họp đã khóa lúc {at}: không thể thay đổi kết quả (mở khóa phải ghi lý do)"),
        NotLocked => "phiên họp chưa khóa".into(),
        NotFinalizable { blockers } => {
            format!("chưa thể khóa kết quả: {}", crate::lang::say_all(blockers, crate::lang::Lang::Vi, "; "))
        }
        // Not of this family: `store_error` sends each error to its own.
        other => format!("{other:?}"),
    }
}

/// The errors of the dossiers and of the council's members, in Vietnamese.
fn council_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        UnknownDossier { code } => format!("không có hồ sơ «{code}»"),
        UnknownMember { id } => format!("không có thành viên «{id}»"),
        DossierNeedsNames => "hồ sơ cần tên sản phẩm và tên chủ thể".into(),
        DossierNeedsCode => "hồ sơ cần mã hồ sơ".into(),
        DossierExists { code } => format!("đã có hồ sơ mã «{code}» — chọn mã khác"),
        ReasonRequired(what) => match what {
            NeedsReason::Eliminate => "cần ghi lý do loại hồ sơ",
            NeedsReason::NewRound => "mở vòng chấm mới cần ghi lý do",
            NeedsReason::Resolution => "cần ghi nội dung kết luận của Hội đồng",
            NeedsReason::Reopen => "mở khóa cần ghi lý do",
            NeedsReason::DiscardSheets => "hủy phiếu chấm cần ghi lý do",
            NeedsReason::ReopenSheet => "mở lại phiếu đã nộp cần ghi lý do",
        }
        .into(),
        SheetsWouldBeDiscarded { dossiers } => {
            let each: Vec<String> = dossiers.iter().map(|(code, n)| format!("hồ sơ {code} ({n} phiếu chấm)")).collect();
            format!(
                "đổi bộ sản phẩm sẽ làm mất hiệu lực các phiếu chấm đã có của {} — chỉ đổi được khi hủy các phiếu đó, có ghi lý do",
                each.join(", ")
            )
        }
        ImportHasErrors { first } => format!("không nhập: {}", finding(first)),
        MemberExists { id } => format!("đã có thành viên mã «{id}»"),
        MemberNeedsName => "thành viên cần họ tên".into(),
        SecondChair { id } => format!("Hội đồng đã có Chủ tịch («{id}»): chỉ có một Chủ tịch"),
        MemberHasSheets { id, sheets } => {
            format!("thành viên «{id}» đã có {sheets} phiếu chấm: không bớt được, cũng không thôi chấm điểm được")
        }
        MemberLeadsMeeting { id } => {
            format!("thành viên «{id}» đang chủ trì hoặc làm thư ký cuộc họp: hãy chọn người khác trước")
        }
        // Not of this family: `store_error` sends each error to its own.
        other => format!("{other:?}"),
    }
}

/// An operating-system error as a sentence (no "(os error 2)").
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "không tìm thấy tệp hoặc thư mục".into(),
        PermissionDenied => "không có quyền truy cập (tệp chỉ đọc, hoặc đang bị chương trình khác giữ?)".into(),
        AlreadyExists => "đã có tệp cùng tên".into(),
        StorageFull => "ổ đĩa đã đầy".into(),
        ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        InvalidFilename => "tên tệp không hợp lệ hoặc quá dài".into(),
        IsADirectory => "đây là một thư mục, không phải tệp".into(),
        NotADirectory => "một phần của đường dẫn không phải thư mục".into(),
        DirectoryNotEmpty => "thư mục không trống".into(),
        ResourceBusy => "tệp đang bị chương trình khác giữ".into(),
        FileTooLarge => "tệp quá lớn đối với ổ đĩa này".into(),
        QuotaExceeded => "đã hết dung lượng được phép trên ổ đĩa".into(),
        CrossesDevices => "không chuyển được sang ổ đĩa khác".into(),
        _ if super::is_link_loop(e) => "liên kết (symlink) trỏ vòng về chính nó".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("lỗi đọc/ghi tệp (mã lỗi {code} của hệ điều hành)"),
            None => "lỗi đọc/ghi tệp".into(),
        },
    }
}

/// Why an archive's copy failed its check.
pub fn check_problem(p: &crate::archive::CheckProblem) -> String {
    use crate::archive::CheckProblem::*;
    match p {
        Verify(report) => verify_lines(report).join("; "),
        Store(e) => store_error(e),
        Sqlite(words) => words.clone(),
        Integrity(found) => format!("integrity_check: {found}"),
        Fingerprint { copied, original } => format!("dấu vân tay {copied} khác bản gốc {original}"),
    }
}

/// An archive error in Vietnamese: its own words (`Display`), with the disk error as a sentence.
pub fn archive_error(e: &crate::archive::ArchiveError) -> String {
    use crate::archive::ArchiveError::*;
    match e {
        Io { path, source } => {
            format!("{path}: lỗi ghi ({}) — USB bị rút hoặc hỏng? Tệp gốc không bị ảnh hưởng", io_error(source))
        }
        Store(e) => store_error(e),
        other => other.to_string(),
    }
}

/// A document that came out empty (or, without a kind, a failure while making them).
pub fn report_failed(kind: Option<crate::report::Kind>) -> String {
    match kind {
        Some(kind) => format!("{}: tạo tài liệu thất bại", kind.title_vi()),
        None => "tạo tài liệu thất bại".into(),
    }
}

/// Why the documents could not be made.
pub fn report_error(e: &crate::report::ReportError) -> String {
    use crate::report::ReportError::*;
    match e {
        Font(problem) => format!("không tạo được tài liệu: {problem}"),
        Failed(kind) => format!("không tạo được tài liệu: {}", report_failed(*kind)),
        Io { path, source } => format!("{path}: không ghi được tài liệu ({})", io_error(source)),
    }
}

/// What an audit event did, as a few words.
pub fn audit_action(a: AuditAction) -> &'static str {
    use AuditAction::*;
    match a {
        Create => "Tạo phiên họp",
        Migrate => "Nâng cấp tệp",
        Attendance => "Điểm danh",
        Choice => "Chấm tiêu chí",
        Submit => "Nộp phiếu",
        Comment => "Nhận xét",
        Recusal => "Không chấm (rút)",
        Import => "Nhập danh sách",
        DossierAdded => "Thêm hồ sơ",
        DossierUpdated => "Cập nhật hồ sơ",
        Attached => "Đính kèm tệp",
        Dossier => "Sửa hồ sơ",
        Eliminate => "Loại hồ sơ",
        Round => "Mở vòng chấm mới",
        Resolution => "Kết luận của Hội đồng",
        Lock => "Khóa kết quả",
        Reopen => "Mở khóa",
        SheetsDiscarded => "Hủy phiếu chấm",
        SheetReopened => "Mở lại phiếu để sửa",
        SheetChecked => "Đã đọc lại, đối chiếu phiếu",
        CheckRequired => "Quy định phiếu phải được đọc lại",
        SessionEdited => "Sửa thông tin phiên họp",
        MemberAdded => "Thêm thành viên",
        MemberEdited => "Sửa thông tin thành viên",
        MemberRemoved => "Bớt thành viên",
        LinkIssued => "Cấp đường dẫn chấm trên thiết bị",
        DevicePaired => "Gắn thiết bị chấm",
        DeviceRevoked => "Gỡ thiết bị chấm",
    }
}

/// What an event was done to: "YY-01 · m1 · vòng 2 · tiêu chí 1.1", or the whole session.
pub fn audit_target(t: &Target) -> String {
    let parts: Vec<String> = [
        t.dossier.clone(),
        t.member.clone(),
        t.round.map(|r| format!("vòng {r}")),
        t.criterion.as_ref().map(|c| format!("tiêu chí {c}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() { "phiên họp".into() } else { parts.join(" · ") }
}

/// A stored value in words: yes/no of attendance and recusal, the counts of a creation or an import.
pub fn audit_value(action: AuditAction, value: &str) -> String {
    let word = |name: &str| match name {
        "members" => "thành viên",
        "dossiers" => "hồ sơ",
        "sheets" => "phiếu",
        "sheet" => "bộ sản phẩm",
        "discarded" => "hủy",
        "added" => "thêm",
        "updated" => "cập nhật",
        "attached" => "tệp đính kèm",
        _ => "",
    };
    match (action, value) {
        (AuditAction::Attendance, "true") => "có mặt".into(),
        (AuditAction::Attendance, "false") => "vắng".into(),
        (AuditAction::Recusal, "true") => "không chấm".into(),
        (AuditAction::Recusal, "false") => "chấm".into(),
        _ => crate::lang::counted(value, word).unwrap_or_else(|| value.to_string()),
    }
}

/// Why a sheet refused a step: what it is now, and what would allow the step.
fn sheet_step_refused(dossier: &str, member: &str, round: u32, from: SheetStatus, step: SheetStep) -> String {
    let sheet = format!("phiếu của «{member}» cho «{dossier}» (vòng {round})");
    match (step, from) {
        (SheetStep::Edit | SheetStep::Submit, _) => {
            format!("{sheet} đã nộp: muốn sửa phải mở lại phiếu và ghi lý do")
        }
        (SheetStep::Check, SheetStatus::Checked) => format!("{sheet} đã được đọc lại, đối chiếu"),
        (SheetStep::Check | SheetStep::Reopen, _) => format!("{sheet} chưa nộp"),
    }
}

pub fn sheet_status(s: SheetStatus) -> &'static str {
    match s {
        SheetStatus::Draft => "đang nhập",
        SheetStatus::Submitted => "đã nộp",
        SheetStatus::Checked => "đã nộp, đã đọc lại",
        SheetStatus::Reopened => "mở lại để sửa",
    }
}

/// A fact the documents need that the session does not record yet.
pub fn missing_fact(f: crate::domain::facts::MissingFact) -> &'static str {
    use crate::domain::facts::MissingFact::*;
    match f {
        Title => "tên phiên họp",
        Authority => "cơ quan tổ chức (UBND …)",
        MeetingDate => "ngày họp",
        MeetingPlace => "địa điểm họp",
        Members => "thành viên Hội đồng",
        Chair => "người chủ trì",
        Secretary => "thư ký cuộc họp",
    }
}

/// Why the members' scoring server did not start (src/lan).
pub fn start_error(e: &crate::lan::StartError) -> String {
    use crate::lan::StartError::*;
    match e {
        Store(e) => store_error(e),
        InUse { addr } => {
            format!(
                "{addr}: đã có chương trình khác nghe trên địa chỉ này — hãy chọn cổng khác hoặc dừng chương trình kia"
            )
        }
        NotHere { addr } => format!(
            "{addr}: địa chỉ này không phải của máy này (hoặc máy đã rời mạng đó) — hãy chọn một địa chỉ trong danh sách"
        ),
        Denied { addr } => {
            format!("{addr}: hệ thống không cho nghe trên cổng này — hãy dùng cổng từ 1024 trở lên, ví dụ 8765")
        }
        Listen { addr, source } => format!("không nghe được trên {addr}: {source}"),
        Unspecified { addr } => {
            format!("{addr}: hãy chọn một địa chỉ cụ thể của máy này (không nghe trên mọi giao diện mạng)")
        }
        NotPrivate { addr } => format!(
            "{addr}: không phải địa chỉ mạng nội bộ — chỉ nghe trên mạng trong phòng (192.168.…, 10.…, 172.16–31.…) hoặc 127.0.0.1"
        ),
        Runtime(e) => format!("không khởi động được máy chủ: {e}"),
    }
}

/// What is wrong with one row of an imported register: "dòng 4, cột «Hạng sao»: 2 sao: …".
pub fn row_problem(p: &crate::register::RowProblem) -> String {
    use crate::domain::session::excerpt;
    use crate::register::RowFault::*;
    let (row, column) = (p.row, p.column);
    let what = match &p.problem {
        Conflicting(first, a, b) => {
            return format!(
                "dòng {first} và dòng {row}: cùng sản phẩm, cùng chủ thể, cùng ngày quyết định nhưng khác «{column}» \
                 («{}» và «{}»); hãy giữ một dòng",
                excerpt(a),
                excerpt(b)
            );
        }
        NoHeader => "không tìm thấy dòng tiêu đề có cột này trong 10 dòng đầu".to_string(),
        MissingColumn => "thiếu cột bắt buộc".into(),
        NoProduct => "thiếu tên sản phẩm".into(),
        StarsOutOfRange(s) => format!("{s} sao: sổ chỉ ghi sản phẩm 3 đến 5 sao"),
        NotStars(t) => format!("«{}» không phải hạng sao (3, 3 sao, ★★★, 3*)", excerpt(t)),
        NoSuchDay(t) => format!("«{}» không có ngày này", excerpt(t)),
        NoDate => "thiếu ngày".into(),
        NotADate(t) => format!("«{}» không phải ngày (20/6/2023 hoặc 2023-06-20)", excerpt(t)),
        DuplicateColumn(a, b) => format!("dòng tiêu đề có cột này hai lần (cột thứ {a} và thứ {b}); hãy giữ một"),
        DateOutOfRange(t) => format!("«{}» không thể là ngày của quyết định OCOP (cần năm 2000 đến 2100)", excerpt(t)),
        ValidNotAfterDecision(until, decided) => {
            format!("hiệu lực đến {} không sau ngày quyết định {}", date(*until), date(*decided))
        }
        TooLong(n) => format!("ô dài {n} ký tự; tối đa {}", crate::register::import::CELL_CHARS),
    };
    format!("dòng {row}, cột «{column}»: {what}")
}

/// A register error in Vietnamese (the command line's words).
pub fn register_error(e: &crate::register::RegisterError) -> String {
    use crate::register::RegisterError::*;
    match e {
        NotARegister { path } => format!("{path}: không phải tệp sổ theo dõi sản phẩm OCOP"),
        TooNew { path, found, supported } => format!(
            "{path}: tệp sổ theo dõi của phiên bản mới hơn (lược đồ {found}, phiên bản này đọc đến {supported}); hãy cập nhật ứng dụng"
        ),
        Io { path, source } => format!("{path}: {}", io_error(source)),
        Sqlite { path, source } => format!("{path}: lỗi cơ sở dữ liệu: {source}"),
        NotLocked { path } => {
            format!("{path}: kết quả phiên họp chưa khóa; hãy khóa (ocop-council lock) trước khi vào sổ")
        }
        NoDecision { path } => format!(
            "{path}: chưa ghi quyết định công nhận; hãy ghi trước: ocop-council decision FILE --number SỐ --date YYYY-MM-DD"
        ),
        NotIntact { path, report } => format!(
            "{path}: tệp phiên họp không nguyên vẹn ({}); không đưa vào sổ, không in giấy chứng nhận — xem: ocop-council verify",
            crate::lang::first_verify_problem(report, crate::lang::Lang::Vi)
        ),
        UnknownProduct { product, producer } if producer.is_empty() => {
            format!("sổ theo dõi không có sản phẩm «{product}»")
        }
        UnknownProduct { product, producer } => format!("sổ theo dõi không có sản phẩm «{product}» của «{producer}»"),
        AmbiguousProduct { product, producers } => format!(
            "sổ theo dõi có {} sản phẩm «{product}» ({}); hãy chọn bằng --producer",
            producers.len(),
            producers.join("; ")
        ),
        ReasonRequired => "thu hồi công nhận cần --reason \"lý do thu hồi\"".into(),
        BadRows { file, problems } => {
            let (named, rows, more) = crate::register::named_rows(problems);
            let mut lines: Vec<String> = named.iter().map(row_problem).collect();
            if more > 0 {
                lines.push(format!("… và {more} dòng sai nữa"));
            }
            format!("{file}: không nhập: {rows} dòng sai — {}", lines.join("; "))
        }
        WrongFormat { file } => format!("{file}: cần tệp .xlsx, .ods, .xls hoặc .csv"),
        Table { file, problem } => format!("{file}: {}", table_problem(problem)),
        CertificateTexts { file, problem } => format!("{file}: tệp mẫu giấy chứng nhận không đọc được: {problem}"),
        Documents { problem } => format!("không tạo được tài liệu: {problem}"),
        Store(e) => store_error(e),
        NothingDue { day } => format!("ngày {}: không có sản phẩm nào đến hạn đánh giá lại", date(*day)),
        UnknownRuleset { id, known } => format!("--ruleset: không có quy tắc «{id}»; có: {}", known.join(", ")),
        Damaged { path, problem } => {
            format!("{path}: tệp sổ theo dõi bị hỏng hoặc bị sửa ngoài ứng dụng ({problem}); hãy dùng bản sao lưu")
        }
        BrokenLink { path, target } => format!(
            "{path}: là liên kết (symlink) tới {target}, nhưng ở đó không có tệp (ổ chứa sổ chưa được kết nối?); ứng dụng không tạo sổ mới ở đó — hãy kết nối ổ đó hoặc xóa liên kết"
        ),
        Altered { path, change, kind, name } => format!(
            "{path}: sổ theo dõi đã bị sửa ngoài ứng dụng: {}; hãy dùng bản sao lưu",
            schema_change(*change, *kind, name)
        ),
    }
}

/// How the register's schema differs from the app's: "thiếu trigger audit_log_no_update".
fn schema_change(change: crate::register::SchemaChange, kind: crate::register::ObjectKind, name: &str) -> String {
    use crate::register::{ObjectKind as K, SchemaChange as C};
    let kind = match kind {
        K::Table => "bảng",
        K::Index => "chỉ mục",
        K::Trigger => "trigger",
        K::View => "khung nhìn",
    };
    match change {
        C::Missing => format!("thiếu {kind} {name}"),
        C::Changed => format!("{kind} {name} đã bị đổi"),
        C::Unexpected => format!("có thêm {kind} {name} không do ứng dụng tạo"),
    }
}

/// The register's one-line summary, as the statistics document writes it.
pub fn register_summary(stats: &crate::domain::register::stats::Statistics) -> String {
    crate::report::register::summary_sentence(stats)
}

/// A registered product's standing.
pub fn register_status(s: &crate::domain::register::Status) -> String {
    use crate::domain::register::Status::*;
    match s {
        Valid => "còn hiệu lực".into(),
        Due => "đến hạn đánh giá lại".into(),
        Expired => "hết hiệu lực".into(),
        Revoked { reason } if reason.is_empty() => "đã thu hồi".into(),
        Revoked { reason } => format!("đã thu hồi: {reason}"),
    }
}

/// Why the devices' pairing slips were not written.
pub fn slips_error(e: &crate::workspace::SlipsError) -> String {
    use crate::workspace::SlipsError::*;
    match e {
        Store(e) => store_error(e),
        NotStarted => "chưa bắt đầu chấm trên thiết bị: hãy bắt đầu trước, rồi in phiếu kết nối".into(),
        Report(e) => report_error(e),
    }
}
