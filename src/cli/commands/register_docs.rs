//! The register's documents from the command line: certificates of a session, the statistics as
//! XLSX and as a one-page PDF.

use super::print;
use crate::cli::error::CliError;
use crate::domain::register::stats::Statistics;
use crate::register::documents;
use crate::register::from_session::SessionParts;
use crate::report::register as docs;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// Where `register stats` writes its copies, when asked.
pub struct Exports<'a> {
    pub xlsx: Option<&'a Path>,
    pub pdf: Option<&'a Path>,
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|e| CliError::Refused(format!("{}: không ghi được: {e}", path.display())))
}

pub fn export_stats(stats: &Statistics, exports: &Exports<'_>) -> Result<(), CliError> {
    if let Some(path) = exports.xlsx {
        write(path, &docs::statistics_xlsx(stats).map_err(CliError::Internal)?)?;
    }
    if let Some(path) = exports.pdf {
        write(path, &docs::statistics_pdf(stats, "").map_err(CliError::Internal)?)?;
    }
    Ok(())
}

/// `register certificates FILE --out DIR`: one page per recognised product, in one PDF.
pub fn certificates(file: &Path, dir: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let store = Store::open_shared(file)?;
    let loaded = store.load()?;
    let decision = store.decision()?;
    drop(store);
    let shown = file.display().to_string();
    let parts = SessionParts { session: &loaded.session, criteria: &loaded.criteria, ruleset: &loaded.ruleset };
    let (pdf, count) = documents::certificates(parts, loaded.lock.as_ref(), decision.as_ref(), &shown)?;
    std::fs::create_dir_all(dir).map_err(|e| CliError::Refused(format!("{}: {e}", dir.display())))?;
    let path = dir.join(documents::CERTIFICATES_FILE);
    write(&path, &pdf)?;
    print(out, &format!("{}: {count} giấy chứng nhận\n", path.display()))
}
