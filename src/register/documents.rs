//! A session's certificates as one PDF: its recognised products (as the register would enter them),
//! signed by the session's signer on the decision's date, with the office's own texts when it has
//! them (`certificate.json` in the data folder) or the bundled ones.

use super::error::{RegisterError, Result};
use super::from_session::{SessionParts, entries_of};
use crate::domain::register::RecognitionDecision;
use crate::report::register::{self as docs, CertificateTexts, Signing};
use crate::store::LockInfo;

/// The file name a secretary recognises.
pub const CERTIFICATES_FILE: &str = "giay-chung-nhan-ocop.pdf";

/// The office's own certificate texts, else the bundled ones.
pub fn certificate_texts() -> Result<CertificateTexts> {
    let own = crate::catalog::installed::data_dir().join("certificate.json");
    match std::fs::read_to_string(&own) {
        Ok(text) => CertificateTexts::from_json(&text)
            .map_err(|problem| RegisterError::CertificateTexts { file: own.display().to_string(), problem }),
        Err(_) => Ok(CertificateTexts::bundled()),
    }
}

/// The PDF and how many certificates it holds.
pub fn certificates(
    parts: SessionParts<'_>,
    lock: Option<&LockInfo>,
    decision: Option<&RecognitionDecision>,
    source: &str,
) -> Result<(Vec<u8>, usize)> {
    let products: Vec<_> = entries_of(parts, lock, decision, source)?.into_iter().map(|e| e.product).collect();
    let signer = parts.session.session.facts.signer.as_ref();
    let signing = Signing {
        place: docs::place_of(parts.session),
        day: decision.map(|d| d.date),
        signer_title: signer.map(|s| s.title.clone()).unwrap_or_default(),
        signer_name: signer.map(|s| s.name.clone()).unwrap_or_default(),
    };
    let fingerprint = lock.map(|l| crate::domain::fingerprint::short(&l.fingerprint));
    let created = decision.map(|d| docs::pdf_date(d.date)).unwrap_or_default();
    let mark = docs::Mark { fingerprint, created };
    let pdf = docs::certificates(&products, &certificate_texts()?, &signing, &mark)
        .map_err(|problem| RegisterError::Documents { problem })?;
    Ok((pdf, products.len()))
}

/// The file names a statistics export gets when only a folder is given: the day they are for.
pub fn statistics_file(day: crate::domain::Date, extension: &str) -> String {
    format!("thong-ke-ocop-{day}.{extension}")
}

/// Writes the statistics as a workbook at `path` (what `register stats --xlsx` writes).
pub fn write_statistics_xlsx(stats: &crate::domain::register::stats::Statistics, path: &std::path::Path) -> Result<()> {
    let bytes = docs::statistics_xlsx(stats).map_err(|problem| RegisterError::Documents { problem })?;
    write_whole(path, &bytes)
}

/// Writes the one-page PDF summary at `path` (what `register stats --pdf` writes).
pub fn write_statistics_pdf(stats: &crate::domain::register::stats::Statistics, path: &std::path::Path) -> Result<()> {
    let bytes = docs::statistics_pdf(stats, "").map_err(|problem| RegisterError::Documents { problem })?;
    write_whole(path, &bytes)
}

fn write_whole(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    replace_whole(path, bytes).map_err(|e| RegisterError::io(&path.display().to_string(), e))
}

/// The whole file or nothing: a temporary file beside it, renamed over it once written, so a full
/// stick keeps last quarter's copy instead of a truncated one. Made as any document is (0666 less
/// the umask, readable by the office's other accounts), not with a temporary file's 0600.
pub fn replace_whole(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(folder)?;
    file.write_all(bytes).and_then(|()| file.as_file().sync_all())?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
