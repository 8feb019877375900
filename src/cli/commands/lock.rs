//! Sealing the results and keeping the file: `lock`, `reopen`, `archive`, `verify`.

use super::print;
use crate::cli::error::{CliError, naming_file};
use crate::domain::fingerprint;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// `lock FILE`: only a finalizable, not yet locked session; prints the fingerprint for the paper.
pub fn lock(file: &Path, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut store = Store::open(file)?;
    if let Some(lock) = store.lock_info()? {
        return Err(CliError::Refused(format!(
            "{}: đã khóa lúc {} (dấu vân tay {})",
            file.display(),
            lock.at,
            fingerprint::short(&lock.fingerprint)
        )));
    }
    let fp = store.lock(actor).map_err(naming_file(file))?;
    store.close()?;
    print(out, &format!("Đã khóa {}. Dấu vân tay: {}\n({fp})\n", file.display(), fingerprint::short(&fp)))
}

/// `reopen FILE --reason …`: the reason and the old fingerprint go into the audit log.
pub fn reopen(file: &Path, reason: &str, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut store = Store::open(file)?;
    store.reopen(actor, reason).map_err(naming_file(file))?;
    store.close()?;
    print(out, &format!("Đã mở khóa {}. Lý do đã được ghi vào nhật ký.\n", file.display()))
}

/// `archive FILE DEST_DIR`: a checked copy and its .sha256 beside it.
pub fn archive(file: &Path, dest: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let report = crate::archive::archive(file, dest, &mut |_| {}).map_err(|e| {
        if e.is_refusal() { CliError::Refused(e.to_string()) } else { CliError::Internal(e.to_string()) }
    })?;
    let state = if report.locked { "đã khóa" } else { "CHƯA khóa kết quả" };
    print(
        out,
        &format!(
            "Đã lưu trữ và kiểm tra: {}\nTệp kiểm tra: {}\nDấu vân tay: {} ({state}), {:.1} MB\n",
            report.path.display(),
            report.checksum_path.display(),
            fingerprint::short(&report.fingerprint),
            report.bytes as f64 / 1e6
        ),
    )
}

/// `verify FILE [--fingerprint HEX]`: prints every check; exit 2 when one fails.
pub fn verify(file: &Path, typed: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let typed = typed.map(crate::archive::normalise_typed).transpose().map_err(|e| CliError::Usage(e.to_string()))?;
    let report = crate::archive::verify(file, typed.as_deref())?;
    print(out, &(report.lines().join("\n") + "\n"))?;
    if report.ok() { Ok(()) } else { Err(CliError::Refused(format!("{}: không đạt kiểm tra", file.display()))) }
}
