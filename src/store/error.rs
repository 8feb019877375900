//! What can go wrong with a session file, as variants a caller can act on. Errors are `Clone` (the
//! io and SQLite causes are shared), so a screen's message can carry a `Result`.

use std::sync::Arc;

/// Which action needs a reason written down before it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedsReason {
    Eliminate,
    NewRound,
    Resolution,
    Reopen,
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: không tìm thấy tệp")]
    NotFound { path: String },
    #[error("{path}: tệp đang được mở ở một cửa sổ khác của ứng dụng — dùng cửa sổ đó, hoặc đóng nó rồi mở lại")]
    InUse { path: String },
    #[error("{path}: đã có tệp này — chọn tên khác hoặc xóa tệp cũ trước")]
    Exists { path: String },
    #[error("{path}: không phải tệp phiên họp OCOP")]
    NotASession { path: String },
    #[error(
        "{path}: tệp do phiên bản mới hơn của ứng dụng tạo (phiên bản tệp {found}, ứng dụng này đọc đến {supported}) — hãy cập nhật ứng dụng"
    )]
    TooNew { path: String, found: i64, supported: i64 },
    #[error("{path}: tệp ở phiên bản cũ ({found}); hãy mở nó bằng ứng dụng một lần để nâng cấp rồi kiểm tra lại")]
    NeedsUpgrade { path: String, found: i64 },
    #[error("{path}: dữ liệu trong tệp bị hỏng: {problem}")]
    Corrupt { path: String, problem: String },
    #[error("phiên họp đã khóa lúc {at}: không thể thay đổi kết quả (mở khóa phải ghi lý do)")]
    Locked { at: String },
    #[error("phiên họp chưa khóa")]
    NotLocked,
    #[error("chưa thể khóa kết quả: {}", blockers.join("; "))]
    NotFinalizable { blockers: Vec<String> },
    #[error("không có hồ sơ «{code}»")]
    UnknownDossier { code: String },
    #[error("không có thành viên «{id}»")]
    UnknownMember { id: String },
    #[error("bộ sản phẩm số {sheet} không có")]
    UnknownSheet { sheet: u32 },
    #[error("bộ sản phẩm số {sheet} không có tiêu chí «{criterion}»")]
    UnknownCriterion { sheet: u32, criterion: String },
    #[error("tiêu chí {criterion}: phương án {option} không tồn tại (có {count} phương án)")]
    UnknownOption { criterion: String, option: u8, count: usize },
    #[error("phiếu của «{member}» cho «{dossier}» còn thiếu tiêu chí {}", missing.join(", "))]
    IncompleteSheet { dossier: String, member: String, missing: Vec<String> },
    #[error("phiếu của «{member}» cho «{dossier}» bị hỏng: lựa chọn không đọc được")]
    DamagedSheet { dossier: String, member: String },
    #[error("hồ sơ «{code}» đã bị loại ({reason}): không chấm điểm")]
    Eliminated { code: String, reason: String },
    #[error("thành viên «{id}» không chấm điểm")]
    NotAScorer { id: String },
    #[error("thành viên «{id}» vắng mặt: phiếu sẽ không được tính")]
    Absent { id: String },
    #[error("thành viên «{member}» không chấm hồ sơ «{dossier}» (đã rút)")]
    Recused { dossier: String, member: String },
    #[error("hồ sơ cần tên sản phẩm và tên chủ thể")]
    DossierNeedsNames,
    #[error("{}", reason_text(*.0))]
    ReasonRequired(NeedsReason),
    #[error("«{dossier}» vòng {round} đã có kết luận")]
    AlreadyResolved { dossier: String, round: u32 },
    #[error("không nhập: {first}")]
    ImportHasErrors { first: String },
    #[error("{path}: tệp thay đổi trong lúc nhập — nhập lại")]
    ChangedWhileImporting { path: String },
    #[error("{path}: {source}")]
    Io { path: String, source: Arc<std::io::Error> },
    #[error("{path}: lỗi cơ sở dữ liệu: {source}")]
    Sqlite { path: String, source: Arc<rusqlite::Error> },
}

fn reason_text(what: NeedsReason) -> &'static str {
    match what {
        NeedsReason::Eliminate => "cần ghi lý do loại hồ sơ",
        NeedsReason::NewRound => "mở vòng chấm mới cần ghi lý do",
        NeedsReason::Resolution => "cần ghi nội dung kết luận của Hội đồng",
        NeedsReason::Reopen => "mở khóa cần ghi lý do",
    }
}

impl StoreError {
    pub fn io(path: impl std::fmt::Display, source: std::io::Error) -> StoreError {
        StoreError::Io { path: path.to_string(), source: Arc::new(source) }
    }

    /// A database error, told apart: a damaged file is the user's problem to solve from a backup
    /// (exit 2), anything else is ours (exit 1).
    pub(crate) fn sqlite(path: &str, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match source.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
                path: path.to_string(),
                problem: format!("{source} — hãy dùng bản lưu trữ gần nhất"),
            },
            _ => StoreError::Sqlite { path: path.to_string(), source: Arc::new(source) },
        }
    }

    /// Whether this is the user's input or a refused action (exit 2) rather than a fault (exit 1).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, StoreError::Sqlite { .. })
    }

    /// Whether an action on an open session was refused by the rules (not a problem with the file
    /// itself): the command line names the file before such a sentence.
    pub fn is_rule_refusal(&self) -> bool {
        use StoreError::*;
        !matches!(
            self,
            NotFound { .. }
                | InUse { .. }
                | Exists { .. }
                | NotASession { .. }
                | TooNew { .. }
                | NeedsUpgrade { .. }
                | Corrupt { .. }
                | Io { .. }
                | Sqlite { .. }
                | ChangedWhileImporting { .. }
        )
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
