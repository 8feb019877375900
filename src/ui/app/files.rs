//! Session files the app makes itself: the demo (made once, or afresh) and a new session from the
//! start screen's form.

use super::Bilingual;
use crate::catalog::{Catalog, DEMO_SESSION};
use crate::ui::screen::start;
use crate::workspace::Workspace;
use std::path::Path;

/// Whether two paths name one file (the recent list keeps canonical paths).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((dunce::canonicalize(a), dunce::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// The demo session's file at `path`, made from the bundled JSON the first time.
pub fn demo_workspace(path: &Path, actor: &str) -> Result<Workspace, Bilingual> {
    let path = path.to_path_buf();
    if !path.exists() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            make_folder(dir)?;
        }
        let catalog = Catalog::builtin().map_err(|e| Bilingual::from(&e))?;
        let (session, criteria, ruleset) =
            crate::exchange::parse(DEMO_SESSION, &catalog, None).map_err(|e| Bilingual::from(&e))?;
        return Workspace::create(&path, &session, criteria, ruleset, actor).map_err(|e| Bilingual::from(&e));
    }
    Workspace::open(&path, actor).map_err(|e| Bilingual::from(&e))
}

/// A new session file from the form, then opened.
pub fn create_workspace(catalog: &Catalog, new: start::NewSession, actor: &str) -> Result<Workspace, Bilingual> {
    let path = new.path.clone();
    let (session, criteria, ruleset) = new.into_session(catalog)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        make_folder(dir)?;
    }
    Workspace::create(&path, &session, criteria, ruleset, actor).map_err(|e| Bilingual::from(&e))
}

fn make_folder(dir: &Path) -> Result<(), Bilingual> {
    std::fs::create_dir_all(dir).map_err(|e| {
        use crate::lang::{en, vi};
        Bilingual::new(
            format!("{}: {}", dir.display(), vi::io_error(&e)),
            format!("{}: {}", dir.display(), en::io_error(&e)),
        )
    })
}
