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
    let existing = store.load()?.session.dossiers;
    let (previews, folders) = plan(sources, existing, &criteria, options.max_file_mb, out)?;
    let errors =
        previews.iter().map(|p| p.errors.len()).sum::<usize>() + folders.iter().map(|f| f.errors.len()).sum::<usize>();
    if errors > 0 {
        return Err(CliError::Refused(format!("{}: không nhập gì — {errors} lỗi (xem trên)", file.display())));
    }
    if options.dry_run {
        return print(out, "(Xem trước: chưa nhập gì.)\n");
    }
    let names: Vec<String> = sources.iter().map(|s| s.display().to_string()).collect();
    let crate::store::ImportCounts { added, updated, attached } =
        crate::import::apply(&mut store, actor, &names.join(", "), &previews, &folders, &mut |_, _| {})?;
    store.close()?;
    print(
        out,
        &format!("Đã nhập vào {}: thêm {added}, cập nhật {updated} hồ sơ, đính kèm {attached} tệp.\n", file.display()),
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
