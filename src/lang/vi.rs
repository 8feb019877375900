//! Vietnamese, the council's language: every text of `crate::lang` in Vietnamese.

use crate::domain::audit::{AuditAction, Target};
use crate::domain::sheet_status::{SheetStatus, SheetStep};
use crate::domain::{Blocker, Date, Decision};
use crate::lang::Verdict;
use crate::store::{NeedsReason, StoreError};

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
        Corrupt { path, problem } => format!("{path}: dữ liệu trong tệp bị hỏng: {problem}"),
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
        ImportHasErrors { first } => format!("không nhập: {first}"),
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
        _ => match e.raw_os_error() {
            Some(code) => format!("lỗi đọc/ghi tệp (mã lỗi {code} của hệ điều hành)"),
            None => "lỗi đọc/ghi tệp".into(),
        },
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

/// Why the documents could not be made.
pub fn report_error(e: &crate::report::ReportError) -> String {
    use crate::report::ReportError::*;
    match e {
        Font(problem) => format!("không tạo được tài liệu: {problem}"),
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

/// A column of a dossier list, by the header the design gives it.
pub fn field(f: crate::dossier::Field) -> &'static str {
    f.label()
}

/// A finding of a dossier import with its place: "ds.csv, dòng 4, cột «Bộ sản phẩm»: …".
pub fn finding(f: &crate::dossier::Finding) -> String {
    let mut out = f.file.clone();
    if let Some(r) = f.row {
        out.push_str(&format!(", dòng {r}"));
    }
    if let Some(c) = f.column {
        out.push_str(&format!(", cột «{}»", field(c)));
    }
    format!("{out}: {}", note(&f.note))
}

/// What an import preview will do, the line above its findings.
pub fn import_summary(s: &crate::lang::ImportSummary) -> String {
    match *s {
        crate::lang::ImportSummary::List { add, update } => format!("Thêm {add} hồ sơ, cập nhật {update} hồ sơ."),
        crate::lang::ImportSummary::Folder { files, bytes } => {
            format!("Đính kèm {files} tệp ({:.1} MB).", bytes as f64 / 1e6)
        }
    }
}

pub fn warning_line(finding: &str) -> String {
    format!("Lưu ý — {finding}")
}

pub fn error_line(finding: &str) -> String {
    format!("Lỗi — {finding}")
}

/// What a finding of a dossier import says.
pub fn note(n: &crate::dossier::Note) -> String {
    use crate::dossier::Note::*;
    match n {
        EmptyList => "tệp trống, không có dòng nào".into(),
        NoHeader => "không tìm thấy dòng tiêu đề có cột «Tên sản phẩm» trong 10 dòng đầu".into(),
        UnusedColumn(c) => format!("cột «{c}» không dùng đến, bỏ qua"),
        MissingColumn => "thiếu cột bắt buộc".into(),
        MissingProduct => "thiếu tên sản phẩm".into(),
        MissingProducer => "thiếu tên chủ thể".into(),
        UnknownSheet(t) => format!("«{t}» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)"),
        BadSelfScore(t) => format!("«{t}» không phải số điểm từ 0 đến 100"),
        UnknownEntity(t) => format!("«{t}» không rõ loại hình, ghi là «khác»"),
        UnknownKind(t) => format!("«{t}» không rõ hình thức, ghi là «mới»"),
        DuplicateCode { code, first } => format!("mã «{code}» trùng với dòng {first}"),
        Table(p) => table_problem(p),
        UnknownFileType => "không nhận dạng được loại tệp (cần .xlsx, .ods, .csv hoặc .json)".into(),
        JsonSyntax(e) => format!("JSON không hợp lệ: {e}"),
        JsonNotArray => "cần một mảng JSON các hồ sơ".into(),
        JsonNotObject(i) => format!("[{i}]: cần một đối tượng hồ sơ"),
        JsonUnknownField { item, field } => format!("[{item}].{field}: trường không hợp lệ"),
        RootIsLink => "là một liên kết (symlink); hãy chọn chính thư mục hồ sơ".into(),
        NotAFolder => "không phải thư mục".into(),
        Unreadable(e) => format!("không đọc được ({e})"),
        PathTooLong => "đường dẫn quá sâu hoặc quá dài để mở: chép tài liệu vào thư mục nông hơn, tên ngắn hơn".into(),
        LinkRefused => "liên kết (symlink) không được nhận: chép tệp thật vào thư mục".into(),
        LooseFile => "tệp lẻ ngoài các thư mục sản phẩm, bỏ qua".into(),
        UnmatchedFolder => "thư mục không khớp mã hay tên sản phẩm nào, bỏ qua".into(),
        SameDossier { code, first } => {
            format!("cùng khớp hồ sơ {code} với thư mục «{first}»: tài liệu của cả hai được đính kèm")
        }
        NoFolder { code, product } => format!("hồ sơ {code} ({product}) không có thư mục tài liệu"),
        SameName { name, earlier, code } => format!(
            "«{name}» trùng tên với «{earlier}» của hồ sơ {code}: vẫn đính kèm cả hai, tệp này được thêm số vào tên"
        ),
        TooDeep { max } => format!("đường dẫn quá sâu hoặc quá dài để mở (hơn {max} cấp thư mục): không được nhận"),
        LinkOrOutside => "liên kết (symlink) hoặc tệp ngoài thư mục đã chọn: không được nhận".into(),
        NotRegular => "không phải tệp thường (ống FIFO, socket hay thiết bị): không được nhận".into(),
        TooLarge { bytes, limit } => {
            format!("quá lớn ({:.0} MB > {:.0} MB cho phép)", *bytes as f64 / 1e6, *limit as f64 / 1e6)
        }
        Undecodable { name } => format!("tên tệp có ký tự không đọc được (không phải Unicode): lưu thành «{name}»"),
    }
}

/// Why a file cannot be read as a table (a list, a criteria spreadsheet).
pub fn table_problem(p: &crate::table::Problem) -> String {
    use crate::table::{MAX_CELLS, MAX_PARTS, MAX_RATIO, MAX_SHARED_STRINGS, Problem::*};
    match p {
        Unreadable(e) => format!("không đọc được tệp: {e}"),
        Empty => "tệp trống".into(),
        BrokenUtf8 => "tệp bắt đầu như UTF-8 nhưng có byte không hợp lệ".into(),
        BrokenUtf16 => "tệp UTF-16 không hợp lệ".into(),
        LegacyCodePage => {
            "tệp không ở mã UTF-8 (có lẽ được lưu bằng bảng mã cũ Windows-1258/CP1252, chữ Việt sẽ bị lỗi); \
             hãy mở bằng Excel và lưu lại dạng «CSV UTF-8 (Comma delimited)»"
                .into()
        }
        PasswordProtected => {
            "bảng tính được đặt mật khẩu: mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại"
                .into()
        }
        Damaged(e) => format!("bảng tính bị hỏng hoặc chưa sao chép xong, không mở được ({e}); hãy lấy lại tệp gốc"),
        FirstSheetUnreadable(e) => format!("trang tính đầu tiên không đọc được ({e})"),
        NoWorksheet => "bảng tính không có trang tính nào".into(),
        TooManyParts { count } => {
            format!("bảng tính có {count} phần, quá giới hạn {MAX_PARTS}: tệp bị hỏng hoặc không phải bảng tính thật")
        }
        PartTooLarge { part, bytes, limit } => format!(
            "phần «{part}» của bảng tính giải nén ra {} MB, quá giới hạn {} MB: tệp «bom nén» hoặc bị hỏng, không mở; \
             hãy lưu lại bảng tính chỉ với danh sách cần nhập",
            bytes.div_ceil(1 << 20),
            limit >> 20
        ),
        PartTooCompressed { part, ratio } => {
            format!("phần «{part}» của bảng tính nén {ratio} lần (giới hạn {MAX_RATIO} lần): tệp «bom nén», không mở")
        }
        PartSizeLies { part, declared } => {
            format!(
                "phần «{part}» của bảng tính khai {declared} byte nhưng giải nén ra nhiều hơn: tệp bị sửa, không mở"
            )
        }
        TooManyStrings { declared } => format!(
            "bảng tính khai {declared} chuỗi dùng chung, quá giới hạn {MAX_SHARED_STRINGS} chuỗi: tệp bị hỏng hoặc cố ý làm hại"
        ),
        BadSharedString { part, cell, index, strings } => {
            format!(
                "ô {cell} («{part}») trỏ tới chuỗi dùng chung số «{index}», không có trong bảng {strings} chuỗi: tệp bị hỏng"
            )
        }
        SheetTooLarge { from, to, cells } => format!(
            "trang tính đầu tiên trải từ ô {from} đến ô {to} ({cells} ô), quá giới hạn {MAX_CELLS} ô: \
             hãy xoá các ô thừa ở xa (như ô {to}) rồi lưu lại"
        ),
    }
}

/// A scored dossier whose criteria sheet an import would change.
pub fn at_stake(a: &crate::import::AtStake) -> String {
    format!("hồ sơ {}: bộ sản phẩm {} → {} sẽ hủy {} phiếu chấm đã có", a.dossier, a.from, a.to, a.sheets)
}

/// An attachment the file no longer holds as it was attached.
pub fn attachment_problem(p: &crate::archive::AttachmentProblem) -> String {
    use crate::archive::AttachmentProblem::*;
    match p {
        Replaced { dossier, name } => {
            format!("Hồ sơ {dossier}, tệp «{name}»: nội dung đã bị thay (không còn khớp mã SHA-256 lúc đính kèm)")
        }
        Missing { dossier, name } => {
            format!("Hồ sơ {dossier}, tệp «{name}»: thiếu nội dung trong tệp phiên (đã bị xóa hoặc đổi mã)")
        }
        Unlisted { sha256 } => format!(
            "Nội dung lưu dưới mã {}… (không thuộc tệp đính kèm nào) không khớp mã của nó",
            &sha256[..12.min(sha256.len())]
        ),
    }
}

/// A lock row that is not the one the app wrote, or a file that is not a locked record.
pub fn lock_problem(p: &crate::archive::LockProblem) -> String {
    use crate::archive::LockProblem::*;
    use crate::domain::fingerprint::short;
    match p {
        NotLocked => "Tệp CHƯA khóa kết quả: không phải bản đã khóa khớp với biên bản giấy".into(),
        ClearedLock { at, by } => format!(
            "Tệp ghi là chưa khóa, nhưng nhật ký ghi đã khóa lúc {at} bởi {by} và chưa mở lại: dòng khóa đã bị xóa"
        ),
        NoLockEvent => "Tệp ghi là đã khóa, nhưng nhật ký không ghi lần khóa này: dòng khóa được sửa tay".into(),
        ReopenedInTrail { at, by } => {
            format!("Tệp ghi là đã khóa, nhưng nhật ký ghi đã mở khóa lại lúc {at} bởi {by}: dòng khóa được sửa tay")
        }
        FingerprintDiffers { row, trail } => format!(
            "Dấu vân tay ở dòng khóa ({}) khác với dấu vân tay nhật ký ghi lúc khóa ({})",
            short(row),
            short(trail)
        ),
        AuthorDiffers { row, trail } => format!("Người khóa ghi là «{row}» nhưng nhật ký ghi «{trail}»"),
        TimeDiffers { row, trail } => format!("Thời điểm khóa ghi là {row} nhưng nhật ký ghi {trail}"),
    }
}

/// A verification's report, one finding per line (the command line's `verify`).
pub fn verify_lines(r: &crate::archive::VerifyReport) -> Vec<String> {
    use crate::domain::fingerprint::short;
    let yes_no = |b: bool| if b { "khớp" } else { "KHÔNG khớp" };
    let mut out = vec![
        format!("Tệp: {}", r.path.display()),
        format!("Tính toàn vẹn (SQLite): {}", if r.integrity == "ok" { "tốt" } else { &r.integrity }),
        format!("Phiên bản lược đồ: {}", r.schema_version),
        match &r.lock {
            Some(l) => format!("Trạng thái: đã khóa lúc {} bởi {}", l.at, l.by),
            None => "Trạng thái: CHƯA khóa kết quả".into(),
        },
        format!("Dấu vân tay: {} ({})", short(&r.fingerprint), r.fingerprint),
    ];
    if let Some(m) = r.matches_lock {
        out.push(format!("So với dấu vân tay lúc khóa: {}", yes_no(m)));
    }
    if let Some(m) = r.matches_typed {
        out.push(format!("So với dấu vân tay trên biên bản giấy: {}", yes_no(m)));
    }
    out.extend(r.lock_problems.iter().map(lock_problem));
    out.extend(r.attachments.iter().map(attachment_problem));
    out.push(match r.matches_checksum {
        Some(m) => format!("So với tệp kiểm tra .sha256 của bản lưu trữ: {}", yes_no(m)),
        None => "Không có tệp kiểm tra .sha256 bên cạnh (không phải bản lưu trữ?)".into(),
    });
    out.push(if r.ok() {
        "KẾT LUẬN: tệp nguyên vẹn.".into()
    } else {
        "KẾT LUẬN: tệp KHÔNG đạt kiểm tra.".into()
    });
    out
}

/// What breaks a rule of the exchange format (`Session::check`, `exchange::parse`).
pub fn session_problem(p: &crate::domain::session::Problem) -> String {
    use crate::domain::session::{Problem::*, SESSION_FORMAT, SESSION_FORMAT_V1};
    match p {
        WrongFormat => format!("cần \"{SESSION_FORMAT}\""),
        FactsInFirstFormat => format!("\"{SESSION_FORMAT_V1}\" không ghi thông tin cuộc họp; cần \"{SESSION_FORMAT}\""),
        UnsupportedFormat(f) => format!("«{f}» không được hỗ trợ; cần «{SESSION_FORMAT}»"),
        MissingFormat => format!("thiếu; cần «{SESSION_FORMAT}»"),
        Shape(serde) => serde.clone(),
        NoSuchRuleset { id, known } => format!("không có quy tắc «{id}»; có: {known}"),
        CriteriaNotInstalled(id) => format!("bộ tiêu chí «{id}» chưa được cài đặt"),
        ForbiddenChar(c) => format!("có ký tự điều khiển hoặc đổi chiều chữ U+{c:04X}, không được phép trong văn bản"),
        KeyTooLong { length, max } => format!("khóa dài {length} ký tự (tối đa {max})"),
        DuplicateKey(k) => format!("khóa «{k}» bị lặp trong cùng một đối tượng"),
        TooManyDecimals(max) => format!("tối đa {max} chữ số thập phân"),
        SpreadOver100 => "không được quá 100 điểm".into(),
        EmptyMemberId => "mã thành viên trống".into(),
        DuplicateMemberId(id) => format!("mã thành viên «{id}» bị trùng"),
        EmptyName => "họ tên trống".into(),
        SecondChair => "Hội đồng chỉ có một Chủ tịch".into(),
        NoSuchMember(id) => format!("không có thành viên «{id}»"),
        EmptyGuestName => "họ tên khách mời trống".into(),
        EmptyDocumentName => "tên văn bản trống".into(),
        EmptyDossierCode => "mã hồ sơ trống".into(),
        DuplicateDossierCode(code) => format!("mã hồ sơ «{code}» bị trùng"),
        EmptyProduct => "tên sản phẩm trống".into(),
        EmptyProducer => "tên chủ thể trống".into(),
        SheetNotInSet { sheet, set } => format!("bộ sản phẩm số {sheet} không có trong bộ tiêu chí «{set}»"),
        SelfScoreOver100 => "điểm tự đánh giá không quá 100".into(),
        EmptyElimination => "cần ghi lý do loại hồ sơ (hoặc null)".into(),
        RecusedTwice(m) => format!("thành viên «{m}» bị lặp"),
        RoundZero => "vòng chấm bắt đầu từ 1".into(),
        RoundOverMax { round, max } => format!("vòng chấm {round} quá {max}"),
        RoundBelowScored { round, scored } => format!("vòng hiện tại {round} nhỏ hơn vòng {scored} đã có phiếu"),
        NoSuchDossier(code) => format!("không có hồ sơ «{code}»"),
        NotAScorer(m) => format!("thành viên «{m}» không chấm điểm"),
        Recused { member, dossier } => format!("thành viên «{member}» không chấm hồ sơ «{dossier}» (đã rút)"),
        DuplicateSheet { member, dossier, round } => {
            format!("phiếu của «{member}» cho «{dossier}» vòng {round} bị trùng")
        }
        NoSuchSheet(n) => format!("bộ sản phẩm số {n} không tồn tại"),
        NoSuchCriterion { sheet, code } => format!("bộ sản phẩm số {sheet} không có tiêu chí lá «{code}»"),
        NoSuchOption { choice, options } => {
            format!("phương án {choice} không tồn tại (tiêu chí có {options} phương án)")
        }
        DraftChecked => "phiếu đang nhập (draft) chưa thể được đọc lại (checked)".into(),
        SubmittedIncomplete(code) => format!("phiếu đã nộp phải chấm mọi tiêu chí; thiếu «{code}»"),
        AuditNeedsTime => "mỗi dòng nhật ký cần thời điểm (at) và thao tác (action)".into(),
        NoSuchRound { dossier, round } => format!("hồ sơ «{dossier}» không có vòng {round}"),
        EmptyResolution => "cần ghi nội dung kết luận của Hội đồng".into(),
        DuplicateResolution { dossier, round } => format!("đã có kết luận cho «{dossier}» vòng {round}"),
    }
}

/// A session document that breaks a rule, with its JSON path.
pub fn invalid(i: &crate::domain::session::Invalid) -> String {
    format!("{}: {}", i.path, session_problem(&i.problem))
}

/// An exchange document that is not JSON.
pub fn exchange_syntax(line: usize, column: usize, message: &str) -> String {
    format!("JSON không hợp lệ ở dòng {line}, cột {column}: {message}")
}

pub fn exchange_error(e: &crate::exchange::ExchangeError) -> String {
    match e {
        crate::exchange::ExchangeError::Syntax { line, column, message } => exchange_syntax(*line, *column, message),
        crate::exchange::ExchangeError::Invalid(i) => invalid(i),
    }
}
