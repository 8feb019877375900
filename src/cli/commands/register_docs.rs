//! The register's documents from the command line: certificates of a session, the statistics as
//! XLSX and as a one-page PDF.

use super::print;
use crate::cli::error::CliError;
use crate::domain::register::stats::Statistics;
use crate::report::register::{self as docs, CertificateTexts, Signing};
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

/// The office's own certificate texts (`certificate.json` in the data folder), else the bundled ones.
fn certificate_texts() -> Result<CertificateTexts, CliError> {
    let own = crate::catalog::installed::data_dir().join("certificate.json");
    match std::fs::read_to_string(&own) {
        Ok(text) => {
            CertificateTexts::from_json(&text).map_err(|e| CliError::Refused(format!("{}: {e}", own.display())))
        }
        Err(_) => Ok(CertificateTexts::bundled()),
    }
}

/// `register certificates FILE --out DIR`: one page per recognised product, in one PDF.
pub fn certificates(file: &Path, dir: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let store = Store::open_shared(file)?;
    let loaded = store.load()?;
    let decision = store.decision()?;
    drop(store);
    let shown = file.display().to_string();
    let entries = crate::register::from_session::entries(&loaded, decision.as_ref(), &shown)?;
    let products: Vec<_> = entries.into_iter().map(|e| e.product).collect();
    let info = &loaded.session.session;
    let signer = &info.facts.signer;
    let signing = Signing {
        place: docs::place_of(&loaded.session),
        day: decision.as_ref().map(|d| d.date),
        signer_title: signer.as_ref().map(|s| s.title.clone()).unwrap_or_default(),
        signer_name: signer.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
    };
    let fingerprint = loaded.lock.as_ref().map(|l| crate::domain::fingerprint::short(&l.fingerprint));
    let created = decision.as_ref().map(|d| docs::pdf_date(d.date)).unwrap_or_default();
    let mark = docs::Mark { fingerprint, created };
    let pdf = docs::certificates(&products, &certificate_texts()?, &signing, &mark).map_err(CliError::Internal)?;
    std::fs::create_dir_all(dir).map_err(|e| CliError::Refused(format!("{}: {e}", dir.display())))?;
    let path = dir.join("giay-chung-nhan-ocop.pdf");
    write(&path, &pdf)?;
    print(out, &format!("{}: {} giấy chứng nhận\n", path.display(), products.len()))
}
