//! `documents FILE --out DIR [--only KIND] [--draft]`: the PDF documents of the session. Facts the
//! documents need and the session lacks (authority, date, place, chair …) are listed and the
//! documents refused (exit 2) — a signed paper must not say "…cấp huyện năm" — unless `--draft`
//! asks for a working copy with dotted blanks, which still lists them.

use super::print;
use crate::cli::error::CliError;
use crate::report::{KINDS, Kind, ReportError};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

pub fn documents(
    file: &Path,
    dir: &Path,
    only: Option<&str>,
    draft: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let only = only.map(kind).transpose()?;
    let loaded = Store::open_shared(file)?.load()?;
    let missing = super::facts::missing_line(&loaded.session);
    if !missing.is_empty() && !draft {
        return Err(CliError::Refused(format!(
            "{}: tài liệu còn thiếu {missing} — bổ sung bằng «ocop-council edit», hoặc thêm --draft để in bản nháp",
            file.display()
        )));
    }
    if !missing.is_empty() {
        print(out, &format!("Bản nháp: còn thiếu {missing}.\n"))?;
    }
    let record = loaded.into();
    let written = crate::report::write_all(&record, dir, only).map_err(|e| match e {
        ReportError::Io { path, source } => {
            CliError::Refused(format!("{path}: không ghi được tài liệu: {}", crate::lang::vi::io_error(&source)))
        }
        other => CliError::Internal(other.to_string()),
    })?;
    let list: Vec<String> = written.iter().map(|p| format!("  {}", p.display())).collect();
    print(out, &format!("Đã tạo {} tài liệu:\n{}\n", written.len(), list.join("\n")))
}

/// `--only ID`: one kind of document, by the id the usage text lists.
fn kind(id: &str) -> Result<Kind, CliError> {
    Kind::parse(id).ok_or_else(|| {
        let kinds: Vec<&str> = KINDS.iter().map(|k| k.id()).collect();
        CliError::Usage(format!("--only: không có loại tài liệu «{id}»; có: {}", kinds.join(", ")))
    })
}
