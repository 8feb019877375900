//! Criteria sets a council installed itself (imported from a spreadsheet): kept as JSON files in the
//! user's data folder, one per set, named by id. Immutable: an id, once installed, always means the
//! same content (its SHA-256); a changed sheet must come with a new id. Sessions keep their own
//! snapshot, so installing never changes an old session's results.

use crate::domain::CriteriaSet;
use crate::domain::fingerprint::sha256_hex;
use std::path::{Path, PathBuf};

/// The user's data folder for the app (installed criteria sets, the demo session);
/// OCOP_DATA_DIR overrides it, for tests.
pub fn data_dir() -> PathBuf {
    std::env::var_os("OCOP_DATA_DIR").map(PathBuf::from).unwrap_or_else(|| {
        directories::ProjectDirs::from("vn", "OCOP", "ocop-council")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(std::env::temp_dir)
    })
}

/// `…/ocop-council/criteria` in the user's data folder.
pub fn installed_dir() -> PathBuf {
    data_dir().join("criteria")
}

pub fn content_hash(set: &CriteriaSet) -> String {
    sha256_hex(set.to_json().as_bytes())
}

/// An installed file that could not be used. `crate::lang::Say` words it in either language.
#[derive(Clone, Debug)]
pub struct InstalledProblem {
    pub path: PathBuf,
    pub error: InstalledError,
}

/// Why an installed file could not be used.
#[derive(Clone, Debug)]
pub enum InstalledError {
    Unreadable(std::sync::Arc<std::io::Error>),
    /// Not UTF-8 text (saved in a legacy code page?).
    NotUtf8,
    Criteria(crate::domain::CriteriaError),
}

/// The installed sets, and a problem for each file that could not be used (never fatal: a broken
/// file must not stop a meeting that does not need it).
pub fn load(dir: &Path) -> (Vec<CriteriaSet>, Vec<InstalledProblem>) {
    let mut sets = Vec::new();
    let mut problems = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        match std::fs::read(&f)
            .map_err(|e| InstalledError::Unreadable(std::sync::Arc::new(e)))
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| InstalledError::NotUtf8))
            .and_then(|t| CriteriaSet::from_json(&t).map_err(InstalledError::Criteria))
        {
            Ok(set) => sets.push(set),
            Err(error) => problems.push(InstalledProblem { path: f, error }),
        }
    }
    (sets, problems)
}

/// Installs `set` under `dir`; refuses an id already used (built in, or installed with other content).
pub fn install(set: &CriteriaSet, dir: &Path, builtin: &[CriteriaSet]) -> Result<PathBuf, String> {
    if builtin.iter().any(|b| b.id == set.id) {
        return Err(format!("mã «{}» là bộ tiêu chí có sẵn; hãy đặt mã khác cho bộ của Hội đồng (ô B2)", set.id));
    }
    let path = dir.join(format!("{}.json", set.id));
    if let Ok(text) = std::fs::read_to_string(&path) {
        return match CriteriaSet::from_json(&text) {
            Ok(old) if content_hash(&old) == content_hash(set) => Ok(path),
            _ => Err(format!(
                "đã cài bộ tiêu chí «{}» với nội dung khác; một mã luôn chỉ một nội dung — hãy đặt mã mới (ví dụ «{}-v2»)",
                set.id, set.id
            )),
        };
    }
    if set.id.contains(['/', '\\', '.']) || set.id.trim().is_empty() {
        return Err(format!("mã «{}» không dùng được làm tên tệp (tránh / \\ .)", set.id));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tmp = dir.join(format!(".{}.json.tmp", set.id));
    std::fs::write(&tmp, set.to_json())
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
