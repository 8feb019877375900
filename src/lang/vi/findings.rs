//! Vietnamese: the findings of a dossier import (a list's rows, a table file, a folder), of `verify`
//! and of the session checker, with the lines of their reports.

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
        SheetNotWhole(t) => format!("«{t}» không phải số bộ sản phẩm: số bộ là số nguyên từ 1 đến 26"),
        BadSelfScore(t) => format!("«{t}» không phải số điểm từ 0 đến 100"),
        ForbiddenChar(c) => format!("có ký tự điều khiển hoặc đổi chiều chữ U+{c:04X}, không được phép trong văn bản"),
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
        DecisionDiffers { row, trail } => format!(
            "Quyết định công nhận trong tệp ({row}) khác với quyết định nhật ký ghi ({trail}): đã bị sửa ngoài ứng dụng"
        ),
        DecisionNotInTrail { row } => {
            format!("Tệp có quyết định công nhận ({row}) mà nhật ký không ghi: được thêm ngoài ứng dụng")
        }
        DecisionCleared { trail } => {
            format!("Nhật ký ghi quyết định công nhận ({trail}) nhưng tệp không còn: đã bị xóa ngoài ứng dụng")
        }
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
        NotADate(e) => date_error(e),
        NotAFraction(e) => fraction_error(e),
        NotATime(e) => time_error(e),
        NoSuchRuleset { id, known } => format!("không có quy tắc «{id}»; có: {known}"),
        CriteriaNotInstalled(id) => format!("bộ tiêu chí «{id}» chưa được cài đặt"),
        ForbiddenChar(c) => format!("có ký tự điều khiển hoặc đổi chiều chữ U+{c:04X}, không được phép trong văn bản"),
        KeyTooLong { length, max } => format!("khóa dài {length} ký tự (tối đa {max})"),
        TextTooLong { length, max } => format!("văn bản dài {length} ký tự (tối đa {max})"),
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

/// The name a form gives the field at a session document's JSON path, when it has one.
pub fn field_name(path: &str) -> Option<&'static str> {
    Some(match path {
        "format" => "Định dạng tệp",
        "session.title" => "Tên phiên họp",
        "session.ruleset" => "Quy tắc",
        "session.criteria_set" => "Bộ tiêu chí",
        "session.authority" => "Cơ quan ban hành",
        "session.province" => "Tỉnh",
        "session.council_decision" => "Quyết định thành lập HĐ",
        "session.meeting_date" => "Ngày họp",
        "session.meeting_place" => "Địa điểm",
        "session.settings" => "Thiết lập",
        "session.settings.spread_limit" => "Chênh lệch tối đa",
        "session.settings.decimals" => "Số chữ số thập phân",
        "session.settings.quorum" => "Số lượng tối thiểu",
        "session.settings.quorum.fraction" => "Số lượng tối thiểu",
        "session.settings.quorum.chair_required" => "Cần có Chủ tịch hoặc Phó Chủ tịch",
        "session.settings.check_required" => "Cần đọc lại phiếu",
        "session.facts.opened" => "Giờ khai mạc",
        "session.facts.closed" => "Giờ bế mạc",
        "session.facts.chair" => "Chủ trì",
        "session.facts.secretary" => "Thư ký",
        "session.facts.recipients" => "Nơi nhận",
        _ => return None,
    })
}

/// A text that is not a date written YYYY-MM-DD.
pub fn date_error(e: &crate::domain::date::DateError) -> String {
    format!("«{}» không phải ngày dạng YYYY-MM-DD", crate::domain::session::excerpt(&e.0))
}

/// A text that is not a time written HH:MM.
pub fn time_error(e: &crate::domain::facts::TimeError) -> String {
    format!("«{}» không phải giờ dạng HH:MM", crate::domain::session::excerpt(&e.0))
}

/// A text that is not a quorum fraction.
pub fn fraction_error(e: &crate::domain::ruleset::FractionError) -> String {
    let max = crate::domain::ruleset::MAX_DENOMINATOR;
    format!("«{}» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá {max})", e.0)
}

/// A session document that breaks a rule, with its JSON path.
pub fn invalid(i: &crate::domain::session::Invalid) -> String {
    format!("{}: {}", json_path(&i.path), session_problem(&i.problem))
}

/// A JSON path as the message shows it; the document itself (serde's ".") is "(gốc)".
pub fn json_path(path: &str) -> &str {
    if path == "." { "(gốc)" } else { path }
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
