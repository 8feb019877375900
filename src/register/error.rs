//! What can go wrong with the register, each said in one Vietnamese sentence naming the file (and
//! for an import, every bad row with its number).

use std::sync::Arc;

pub type Result<T> = std::result::Result<T, RegisterError>;

/// One row an import refuses: its number as the spreadsheet shows it, the column, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub column: &'static str,
    pub problem: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "dòng {}, cột «{}»: {}", self.row, self.column, self.problem)
    }
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("{path}: không phải tệp sổ theo dõi sản phẩm OCOP")]
    NotARegister { path: String },
    #[error(
        "{path}: tệp sổ theo dõi của phiên bản mới hơn (lược đồ {found}, phiên bản này đọc đến {supported}); hãy cập nhật ứng dụng"
    )]
    TooNew { path: String, found: i64, supported: i64 },
    #[error("{path}: {source}")]
    Io { path: String, source: Arc<std::io::Error> },
    #[error("{path}: lỗi cơ sở dữ liệu: {source}")]
    Sqlite { path: String, source: Arc<rusqlite::Error> },
    #[error("{path}: kết quả phiên họp chưa khóa; hãy khóa (ocop-council lock) trước khi vào sổ")]
    NotLocked { path: String },
    #[error(
        "{path}: chưa ghi quyết định công nhận; hãy ghi trước: ocop-council decision FILE --number SỐ --date YYYY-MM-DD"
    )]
    NoDecision { path: String },
    #[error("sổ theo dõi không có sản phẩm «{product}» của «{producer}»")]
    UnknownProduct { product: String, producer: String },
    #[error("thu hồi công nhận cần --reason \"lý do thu hồi\"")]
    ReasonRequired,
    #[error("{file}: {}", table_error_text(.problems))]
    BadRows { file: String, problems: Vec<RowProblem> },
    #[error("{file}: {problem}")]
    Table { file: String, problem: String },
    /// The session file could not be read (the store's own sentence).
    #[error("{problem}")]
    Session { problem: String },
}

fn table_error_text(problems: &[RowProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    format!("không nhập: {} dòng sai — {}", problems.len(), lines.join("; "))
}

impl RegisterError {
    pub fn io(path: &str, source: std::io::Error) -> RegisterError {
        RegisterError::Io { path: path.to_string(), source: Arc::new(source) }
    }

    pub fn sqlite(path: &str, source: rusqlite::Error) -> RegisterError {
        RegisterError::Sqlite { path: path.to_string(), source: Arc::new(source) }
    }

    /// Bad input or a refused action (exit 2), not our fault (exit 1).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, RegisterError::Sqlite { .. })
    }
}
