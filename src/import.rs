//! Dossier import, end to end: the plans that `dossier` makes (lists and folders, nothing written)
//! applied to the session file in one transaction — dossiers first, then every file streamed into
//! the file's attachments. It sits above both `dossier` (which knows nothing of the store) and
//! `store` (which knows nothing of spreadsheets or folders).
//!
//! An import never changes what scored data means: a list row that gives a scored dossier another
//! criteria sheet is refused, unless the secretary discards those sheets on purpose, with a reason
//! (`apply_discarding_sheets`), in the same transaction.

use crate::domain::session::{Dossier, ScoreSheet};
use crate::dossier::{FolderPlan, Preview};
use crate::store::{ImportCounts, ImportTx, NeedsReason, Result, Store, StoreError};
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

/// A dossier whose criteria sheet the import would change although it has score sheets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtStake {
    pub dossier: String,
    /// The criteria sheet it is scored on now, and the one the list gives.
    pub from: u32,
    pub to: u32,
    /// Its score sheets (every round, drafts too), which the change would invalidate.
    pub sheets: usize,
}

impl AtStake {
    /// One line for a preview, in Vietnamese: "hồ sơ YY-2023-01: bộ sản phẩm 3 → 4 sẽ hủy 8 phiếu
    /// chấm đã có" (`Say` gives it in either language).
    pub fn line(&self) -> String {
        crate::lang::vi::at_stake(self)
    }
}

/// The dossiers the previews would move to another criteria sheet while they have score sheets, in
/// the session's order (what a preview shows before anything is applied).
pub fn sheets_at_stake(previews: &[Preview], existing: &[Dossier], sheets: &[ScoreSheet]) -> Vec<AtStake> {
    // The sheet each updated dossier ends with (a later list wins), and each dossier's score sheets.
    let given: HashMap<&str, u32> =
        previews.iter().flat_map(|p| &p.update).map(|d| (d.code.as_str(), d.sheet)).collect();
    let mut scored: HashMap<&str, usize> = HashMap::new();
    for s in sheets {
        *scored.entry(s.dossier.as_str()).or_default() += 1;
    }
    existing
        .iter()
        .filter_map(|old| {
            let to = *given.get(old.code.as_str())?;
            let n = scored.get(old.code.as_str()).copied().unwrap_or(0);
            (to != old.sheet && n > 0).then(|| AtStake { dossier: old.code.clone(), from: old.sheet, to, sheets: n })
        })
        .collect()
}

/// Applies previews and folder plans, all of them or nothing. New dossiers go after the existing
/// ones; known ones keep their place and state. `progress` hears (bytes stored, bytes to store).
/// Refused (`SheetsWouldBeDiscarded`, naming every such dossier) when a row would change the
/// criteria sheet of a dossier that has score sheets.
pub fn apply(
    store: &mut Store,
    actor: &str,
    source: &str,
    previews: &[Preview],
    folders: &[FolderPlan],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportCounts> {
    apply_inner(store, actor, source, previews, folders, None, progress)
}

/// As `apply`, but the score sheets of a dossier whose criteria sheet changes are discarded first,
/// each dossier's with an audit row giving `reason` (which must say something).
pub fn apply_discarding_sheets(
    store: &mut Store,
    actor: &str,
    source: &str,
    previews: &[Preview],
    folders: &[FolderPlan],
    reason: &str,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportCounts> {
    if reason.trim().is_empty() {
        return Err(StoreError::ReasonRequired(NeedsReason::DiscardSheets));
    }
    apply_inner(store, actor, source, previews, folders, Some(reason), progress)
}

fn apply_inner(
    store: &mut Store,
    actor: &str,
    source: &str,
    previews: &[Preview],
    folders: &[FolderPlan],
    discard: Option<&str>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportCounts> {
    let errors = previews.iter().flat_map(|p| &p.errors).chain(folders.iter().flat_map(|f| &f.errors));
    if let Some(e) = errors.into_iter().next() {
        return Err(StoreError::ImportHasErrors { first: Box::new(e.clone()) });
    }
    let total: u64 = folders.iter().map(|f| f.bytes()).sum();
    let mut import = store.begin_import(actor, source)?;
    let updates: Vec<&Dossier> = previews.iter().flat_map(|p| p.add.iter().chain(&p.update)).collect();
    discard_or_refuse(&mut import, &updates, discard)?;
    for d in updates {
        import.put_dossier(d)?;
    }
    let mut done = 0u64;
    for item in folders.iter().flat_map(|f| &f.files) {
        let shown = item.path.display().to_string();
        let mut file = open_regular(&item.path, &shown)?;
        let size = file.metadata().map_err(|e| StoreError::io(&shown, e))?.len();
        import.attach(&item.dossier, &item.name, &shown, &mut file, size, &mut |n| {
            done += n;
            progress(done, total);
        })?;
    }
    import.commit()
}

/// Asks the file (inside the import's transaction) which dossiers would lose the meaning of their
/// score sheets: with a reason, their sheets are discarded; without, the import is refused naming
/// them all.
fn discard_or_refuse(import: &mut ImportTx<'_>, updates: &[&Dossier], discard: Option<&str>) -> Result<()> {
    let mut at_stake: Vec<(String, usize)> = Vec::new();
    for d in updates {
        let n = import.sheets_at_stake(d)?;
        if n > 0 && !at_stake.iter().any(|(code, _)| code == &d.code) {
            at_stake.push((d.code.clone(), n));
        }
    }
    match discard {
        _ if at_stake.is_empty() => Ok(()),
        None => Err(StoreError::SheetsWouldBeDiscarded { dossiers: at_stake }),
        Some(reason) => {
            for (code, _) in &at_stake {
                import.discard_sheets(code, reason)?;
            }
            Ok(())
        }
    }
}

/// Opens a file the plan found regular, refusing it if it is not one now: the plan's look and this
/// open are apart in time. Opened without blocking, so a FIFO put in its place cannot hang the
/// import (and the editor claim it holds); the open file itself is then checked.
fn open_regular(path: &Path, shown: &str) -> Result<File> {
    let not_a_file = || StoreError::NotAFile { path: shown.to_string() };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(not_a_file()),
        Err(e) => return Err(StoreError::io(shown, e)),
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path).map_err(|e| StoreError::io(shown, e))?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(not_a_file()),
        Err(e) => Err(StoreError::io(shown, e)),
    }
}
