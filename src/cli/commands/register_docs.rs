//! The register's documents from the command line: certificates of a session, the statistics as
//! XLSX and as a one-page PDF, a product's rating history.

use super::print;
use crate::cli::error::CliError;
use crate::domain::register::stats::Statistics;
use crate::lang::vi;
use crate::register::documents;
use crate::register::from_session::SessionParts;
use crate::store::Store;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Where `register stats` writes its copies, when asked.
pub struct Exports<'a> {
    pub xlsx: Option<&'a Path>,
    pub pdf: Option<&'a Path>,
}

/// Writes the whole file or nothing: into a temporary file beside it, then renamed over it, so a
/// full stick leaves the certificates printed last time as they were, not a truncated PDF.
fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let refused =
        |e: std::io::Error| CliError::Refused(format!("{}: không ghi được: {}", path.display(), vi::io_error(&e)));
    documents::replace_whole(path, bytes).map_err(refused)
}

pub fn export_stats(stats: &Statistics, exports: &Exports<'_>) -> Result<(), CliError> {
    if let Some(path) = exports.xlsx {
        documents::write_statistics_xlsx(stats, path)?;
    }
    if let Some(path) = exports.pdf {
        documents::write_statistics_pdf(stats, path)?;
    }
    Ok(())
}

/// `register certificates FILE --out DIR`: one page per recognised product, in one PDF.
pub fn certificates(file: &Path, dir: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    crate::register::from_session::check_intact(file)?;
    let store = Store::open_shared(file)?;
    let loaded = store.load()?;
    let decision = store.decision()?;
    drop(store);
    let shown = file.display().to_string();
    let parts = SessionParts { session: &loaded.session, criteria: &loaded.criteria, ruleset: &loaded.ruleset };
    let (pdf, count) = documents::certificates(parts, loaded.lock.as_ref(), decision.as_ref(), &shown)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Refused(format!("{}: không tạo được thư mục: {}", dir.display(), vi::io_error(&e))))?;
    let path = dir.join(documents::CERTIFICATES_FILE);
    write(&path, &pdf)?;
    print(out, &format!("{}: {count} giấy chứng nhận\n", path.display()))
}

/// `register history PRODUCT [--producer TEXT] [--json]`: every rating of the product, newest first.
pub fn history(product: &str, producer: Option<&str>, as_json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let register = super::register::open_register()?;
    let found = register.find(product, producer)?;
    let mut ratings = register.history(&found.product, &found.producer)?;
    register.close()?;
    ratings.reverse();
    if as_json {
        let value = serde_json::json!({ "product": found.product, "producer": found.producer, "ratings": ratings });
        return super::register::json(&value, out);
    }
    let mut text = format!("{} — {}: {} lần đánh giá (mới nhất trước)\n", found.product, found.producer, ratings.len());
    for r in &ratings {
        let mean = r.mean.as_deref().map(|m| format!(" · điểm {}", vi::number(m))).unwrap_or_default();
        let session = match r.session.as_str() {
            "" => "nhập từ sổ cũ".to_string(),
            fp => format!("phiên {}", crate::domain::fingerprint::short(fp)),
        };
        let _ = writeln!(
            text,
            "  {} · {} sao{mean} · QĐ {} ngày {} · {session}",
            vi::date(r.date),
            r.stars,
            r.decision_number,
            vi::date(r.decision_date)
        );
    }
    print(out, &text)
}
