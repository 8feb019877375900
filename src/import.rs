//! Dossier import, end to end: the plans that `dossier` makes (lists and folders, nothing written)
//! applied to the session file in one transaction — dossiers first, then every file streamed into
//! the file's attachments. It sits above both `dossier` (which knows nothing of the store) and
//! `store` (which knows nothing of spreadsheets or folders).

use crate::dossier::{FolderPlan, Preview};
use crate::store::{ImportCounts, Result, Store, StoreError};

/// Applies previews and folder plans, all of them or nothing. New dossiers go after the existing
/// ones; known ones keep their place and state. `progress` hears (bytes stored, bytes to store).
pub fn apply(
    store: &mut Store,
    actor: &str,
    source: &str,
    previews: &[Preview],
    folders: &[FolderPlan],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportCounts> {
    let errors = previews.iter().flat_map(|p| &p.errors).chain(folders.iter().flat_map(|f| &f.errors));
    if let Some(e) = errors.into_iter().next() {
        return Err(StoreError::ImportHasErrors { first: e.to_string() });
    }
    let total: u64 = folders.iter().map(|f| f.bytes()).sum();
    let mut import = store.begin_import(actor, source)?;
    for p in previews {
        for d in p.add.iter().chain(&p.update) {
            import.put_dossier(d)?;
        }
    }
    let mut done = 0u64;
    for item in folders.iter().flat_map(|f| &f.files) {
        let shown = item.path.display().to_string();
        let mut file = std::fs::File::open(&item.path).map_err(|e| StoreError::io(&shown, e))?;
        let size = file.metadata().map_err(|e| StoreError::io(&shown, e))?.len();
        import.attach(&item.dossier, &item.name, &shown, &mut file, size, &mut |n| {
            done += n;
            progress(done, total);
        })?;
    }
    import.commit()
}
