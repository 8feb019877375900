//! Tables as offices hand them over: a CSV (or tab-separated text) list or the first worksheet of a
//! workbook (XLSX, XLS, ODS), read into rows of text cells. Both the dossier lists and the criteria
//! spreadsheets come through here, so a file is decoded, and refused, the same way wherever it is
//! imported; each refusal is a `Problem` a caller can match and that names the file when shown.

mod delimited;
mod guard;
mod workbook;

pub use delimited::{decode, parse_delimited, to_csv};

use std::path::Path;
use std::sync::Arc;

/// Rows of cells, top to bottom, as text: a row's position is its line in the sheet (index + 1).
pub type Rows = Vec<Vec<String>>;

/// How a table file is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text with separated cells: .csv, .txt, .tsv.
    Delimited,
    /// A spreadsheet workbook: .xlsx, .xlsm, .xls, .ods.
    Workbook,
}

impl Format {
    /// The format a file's extension names, if it is a table.
    pub fn of(path: &Path) -> Option<Format> {
        match extension(path).as_str() {
            "csv" | "txt" | "tsv" => Some(Format::Delimited),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(Format::Workbook),
            _ => None,
        }
    }
}

/// A file's extension in lower case ("" when it has none).
pub fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Why a file cannot be read as a table. The texts are the ones shown to the secretary.
#[derive(Clone, Debug, thiserror::Error)]
pub enum Problem {
    #[error("không đọc được tệp: {0}")]
    Unreadable(Arc<std::io::Error>),
    #[error("tệp trống")]
    Empty,
    #[error("tệp bắt đầu như UTF-8 nhưng có byte không hợp lệ")]
    BrokenUtf8,
    #[error("tệp UTF-16 không hợp lệ")]
    BrokenUtf16,
    /// Neither UTF-8 nor UTF-16: most likely Windows-1258 or CP1252, whose Vietnamese would be garbled.
    #[error(
        "tệp không ở mã UTF-8 (có lẽ được lưu bằng bảng mã cũ Windows-1258/CP1252, chữ Việt sẽ bị lỗi); \
         hãy mở bằng Excel và lưu lại dạng «CSV UTF-8 (Comma delimited)»"
    )]
    LegacyCodePage,
    #[error(
        "bảng tính được đặt mật khẩu: mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại"
    )]
    PasswordProtected,
    /// Not a workbook calamine can open: damaged, or copied only in part; the text is calamine's.
    #[error("bảng tính bị hỏng hoặc chưa sao chép xong, không mở được ({0}); hãy lấy lại tệp gốc")]
    Damaged(String),
    #[error("trang tính đầu tiên không đọc được ({0})")]
    FirstSheetUnreadable(String),
    #[error("bảng tính không có trang tính nào")]
    NoWorksheet,
    /// The zip declares more parts than any workbook has: refused before any index is built.
    #[error("bảng tính có {count} phần, quá giới hạn {max}: tệp bị hỏng hoặc không phải bảng tính thật", max = guard::MAX_PARTS)]
    TooManyParts { count: u64 },
    /// A part (or all of them together) would inflate beyond what a table can need.
    #[error(
        "phần «{part}» của bảng tính giải nén ra {} MB, quá giới hạn {} MB: tệp «bom nén» hoặc bị hỏng, không mở; \
         hãy lưu lại bảng tính chỉ với danh sách cần nhập",
        bytes.div_ceil(1 << 20), limit >> 20
    )]
    PartTooLarge { part: String, bytes: u64, limit: u64 },
    #[error(
        "phần «{part}» của bảng tính nén {ratio} lần (giới hạn {max} lần): tệp «bom nén», không mở",
        max = guard::MAX_RATIO
    )]
    PartTooCompressed { part: String, ratio: u64 },
    #[error("phần «{part}» của bảng tính khai {declared} byte nhưng giải nén ra nhiều hơn: tệp bị sửa, không mở")]
    PartSizeLies { part: String, declared: u64 },
    #[error(
        "bảng tính khai {declared} chuỗi dùng chung, quá giới hạn {max} chuỗi: tệp bị hỏng hoặc cố ý làm hại",
        max = guard::MAX_SHARED_STRINGS
    )]
    TooManyStrings { declared: String },
    #[error(
        "ô {cell} («{part}») trỏ tới chuỗi dùng chung số «{index}», không có trong bảng {strings} chuỗi: tệp bị hỏng"
    )]
    BadSharedString { part: String, cell: String, index: String, strings: u64 },
    /// The first sheet's used cells span more than `workbook::MAX_CELLS` (e.g. A1 to XFD1048576).
    #[error(
        "trang tính đầu tiên trải từ ô {from} đến ô {to} ({cells} ô), quá giới hạn {max} ô: \
         hãy xoá các ô thừa ở xa (như ô {to}) rồi lưu lại",
        max = workbook::MAX_CELLS
    )]
    SheetTooLarge { from: String, to: String, cells: u64 },
}

impl From<std::io::Error> for Problem {
    fn from(e: std::io::Error) -> Problem {
        Problem::Unreadable(Arc::new(e))
    }
}

/// A `Problem` with the file it is about: "danh-sach.csv: tệp trống".
#[derive(Clone, Debug, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct TableError {
    pub file: String,
    pub problem: Problem,
}

/// The rows of the table in `path`, read as `format`.
pub fn read(path: &Path, format: Format) -> Result<Rows, TableError> {
    let rows = match format {
        Format::Delimited => read_text(path).map(|text| parse_delimited(&text)),
        Format::Workbook => workbook::rows(path),
    };
    rows.map_err(|problem| TableError { file: path.display().to_string(), problem })
}

/// The text of a file in UTF-8 (with or without BOM) or UTF-16, or why it is not such text.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    decode(&std::fs::read(path)?)
}
