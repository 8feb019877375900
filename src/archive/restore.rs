//! "Open from archive": the live session is never run from the stick. The archived file is checked,
//! then copied to a working folder on the PC, and the copy is what gets opened.

use super::{ArchiveError, verify};
use std::path::{Path, PathBuf};

/// Copies a verified archive into `work_dir` (never over an existing file) and returns the copy's path.
pub fn restore(archived: &Path, work_dir: &Path) -> Result<PathBuf, ArchiveError> {
    let report = verify(archived, None)?;
    if !report.ok() {
        let problem = super::CheckProblem::Verify(Box::new(report));
        return Err(ArchiveError::CheckFailed { path: archived.display().to_string(), problem });
    }
    std::fs::create_dir_all(work_dir).map_err(|e| ArchiveError::from_io(work_dir, e))?;
    let stem = archived.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "phien-hop".into());
    let target =
        (1..)
            .map(|n| {
                if n == 1 { work_dir.join(format!("{stem}.ocop")) } else { work_dir.join(format!("{stem} ({n}).ocop")) }
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| work_dir.join(format!("{stem}.ocop")));
    let partial = work_dir.join(format!(".{stem}.restore-{}", std::process::id()));
    std::fs::copy(archived, &partial).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        ArchiveError::from_io(&partial, e)
    })?;
    std::fs::rename(&partial, &target).map_err(|e| ArchiveError::from_io(&target, e))?;
    Ok(target)
}
