//! Spreadsheet lists (XLSX, XLS, ODS) through calamine: the first worksheet's cells as text.
//! A password-protected workbook and a damaged or half-copied file get messages saying so.

use calamine::{Data, Reader, open_workbook_auto};
use std::path::Path;

/// Encrypted OOXML workbooks are OLE compound files, not zip archives: this is their signature.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers as whole numbers: a sheet number typed 3 must not become "3.0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The rows of the first worksheet, or why the file cannot be read.
pub fn rows(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let head = std::fs::read(path)
        .map(|b| b.into_iter().take(8).collect::<Vec<u8>>())
        .map_err(|e| format!("không đọc được tệp: {e}"))?;
    if head.is_empty() {
        return Err("tệp trống".into());
    }
    if head == OLE && ext != "xls" {
        return Err("bảng tính được đặt mật khẩu: mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại".into());
    }
    let mut book = open_workbook_auto(path)
        .map_err(|e| format!("bảng tính bị hỏng hoặc chưa sao chép xong, không mở được ({e}); hãy lấy lại tệp gốc"))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(format!("trang tính đầu tiên không đọc được ({e})")),
        None => return Err("bảng tính không có trang tính nào".into()),
    };
    Ok(range.rows().map(|r| r.iter().map(cell_text).collect()).collect())
}
