//! `import FILE SOURCE…`: dossier lists and document folders, previewed, then applied at once.

use super::print;
use crate::cli::error::CliError;
use crate::domain::CriteriaSet;
use crate::domain::session::Dossier;
use crate::dossier::{FolderPlan, Preview};
use crate::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Options {
    /// Print the preview only.
    pub dry_run: bool,
    /// Largest file accepted in a dossier folder, in MB.
    pub max_file_mb: u64,
    /// `--discard-sheets --reason R`: the reason, when the secretary discards the score sheets of
    /// dossiers whose criteria sheet the list changes.
    pub discard_sheets: Option<String>,
}

pub fn import(
    file: &Path,
    sources: &[PathBuf],
    options: Options,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut store = Store::open(file)?;
    let criteria = store.criteria()?;
    let session = store.load()?.session;
    let (previews, folders) = plan(sources, session.dossiers.clone(), &criteria, options.max_file_mb, out)?;
    let at_stake = crate::import::sheets_at_stake(&previews, &session.dossiers, &session.sheets);
    for a in &at_stake {
        let what = if options.discard_sheets.is_some() { "Hủy phiếu" } else { "Lưu ý" };
        print(out, &format!("{what} — {}\n", a.line()))?;
    }
    let errors =
        previews.iter().map(|p| p.errors.len()).sum::<usize>() + folders.iter().map(|f| f.errors.len()).sum::<usize>();
    if errors > 0 {
        return Err(CliError::Refused(format!("{}: không nhập gì — {errors} lỗi (xem trên)", file.display())));
    }
    if options.dry_run {
        return print(out, "(Xem trước: chưa nhập gì.)\n");
    }
    let names: Vec<String> = sources.iter().map(|s| s.display().to_string()).collect();
    let source = names.join(", ");
    let applied = match &options.discard_sheets {
        Some(reason) => crate::import::apply_discarding_sheets(
            &mut store,
            actor,
            &source,
            &previews,
            &folders,
            reason,
            &mut |_, _| {},
        ),
        None => crate::import::apply(&mut store, actor, &source, &previews, &folders, &mut |_, _| {}),
    };
    let crate::store::ImportCounts { added, updated, attached, discarded } = applied.map_err(|e| match e {
        crate::store::StoreError::SheetsWouldBeDiscarded { .. } => CliError::Refused(format!(
            "{}: {e} (--discard-sheets --reason \"lý do\" để hủy các phiếu đó và chấm lại)",
            file.display()
        )),
        e => e.into(),
    })?;
    store.close()?;
    let discarded = if discarded > 0 { format!(", hủy {discarded} phiếu chấm") } else { String::new() };
    print(
        out,
        &format!(
            "Đã nhập vào {}: thêm {added}, cập nhật {updated} hồ sơ, đính kèm {attached} tệp{discarded}.\n",
            file.display()
        ),
    )
}

/// Plans every source and prints each plan. Lists first, so that folders can match the dossiers
/// they bring.
fn plan(
    sources: &[PathBuf],
    mut existing: Vec<Dossier>,
    criteria: &CriteriaSet,
    max_file_mb: u64,
    out: &mut dyn Write,
) -> Result<(Vec<Preview>, Vec<FolderPlan>), CliError> {
    let (mut previews, mut folders) = (Vec::new(), Vec::new());
    let (dirs, lists): (Vec<&PathBuf>, Vec<&PathBuf>) = sources.iter().partition(|s| s.is_dir());
    for source in lists {
        let preview = crate::dossier::plan_file(source, &existing, criteria);
        existing.extend(preview.add.iter().cloned());
        for d in &preview.update {
            if let Some(old) = existing.iter_mut().find(|e| e.code == d.code) {
                *old = d.clone();
            }
        }
        print(out, &(preview.lines().join("\n") + "\n"))?;
        previews.push(preview);
    }
    for dir in dirs {
        let plan = crate::dossier::plan_folder(dir, &existing, max_file_mb * 1024 * 1024);
        print(out, &(plan.lines().join("\n") + "\n"))?;
        folders.push(plan);
    }
    Ok((previews, folders))
}
