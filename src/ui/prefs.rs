//! Preferences and recent files, kept as JSON in the OS config folder (`directories`).

use crate::ui::strings::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    #[serde(skip)]
    pub path: Option<PathBuf>,
    /// Where new sessions, the demo session and copies restored from an archive go (None: the
    /// user's Documents/OCOP). A folder people can see: the documents are made beside the session.
    #[serde(skip)]
    pub folder: Option<PathBuf>,
}

impl Prefs {
    /// `…/ocop-council/prefs.json` in the user's config folder.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("vn", "OCOP", "ocop-council").map(|d| d.config_dir().join("prefs.json"))
    }

    /// Where sessions are made and kept: `folder`, else Documents/OCOP (or ~/OCOP where there is
    /// no Documents folder) — never the hidden data folder, since the documents go beside them.
    pub fn sessions_folder(&self) -> PathBuf {
        self.folder.clone().unwrap_or_else(|| {
            directories::UserDirs::new()
                .map(|u| u.document_dir().unwrap_or(u.home_dir()).join("OCOP"))
                .unwrap_or_else(|| PathBuf::from("OCOP"))
        })
    }

    /// The demo session's file, in the sessions folder.
    pub fn demo_path(&self) -> PathBuf {
        self.sessions_folder().join("Phiên họp mẫu Ý Yên 2023.ocop")
    }

    /// Reads the preferences; a missing or unreadable file gives the defaults (never an error:
    /// losing the recent-files list must not stop a meeting).
    pub fn load(path: Option<PathBuf>) -> Prefs {
        let mut prefs: Prefs = path
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        prefs.path = path;
        prefs
    }

    /// Writes the preferences; returns the error text for the status line if it fails.
    pub fn save(&self) -> Result<(), crate::ui::screen::Bilingual> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let write = || -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
            let tmp = path.with_extension("json.tmp");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| {
            use crate::lang::{en, vi};
            let shown = path.display();
            crate::ui::screen::Bilingual::new(
                format!("{shown}: không lưu được tùy chọn ({})", vi::io_error(&e)),
                format!("{shown}: the preferences could not be saved ({})", en::io_error(&e)),
            )
        })
    }

    /// Puts a file first in the recent list (no duplicates, at most MAX_RECENT).
    pub fn remember(&mut self, file: &Path) {
        // dunce: Windows' canonical form is the verbatim `\\?\C:\…`, which people would see in the list.
        let file = dunce::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        self.recent.retain(|p| p != &file);
        self.recent.insert(0, file);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_recent_files_most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let mut prefs = Prefs::load(Some(dir.path().join("prefs.json")));
        assert_eq!(prefs, Prefs { path: Some(dir.path().join("prefs.json")), ..Prefs::default() });
        for i in 0..10 {
            prefs.remember(&dir.path().join(format!("{i}.ocop")));
        }
        prefs.remember(&dir.path().join("5.ocop"));
        assert_eq!(prefs.recent.len(), MAX_RECENT);
        assert_eq!(prefs.recent[0], dir.path().join("5.ocop"));
        assert_eq!(prefs.recent.iter().filter(|p| p.ends_with("5.ocop")).count(), 1);
        prefs.lang = Lang::En;
        prefs.save().unwrap();
        let again = Prefs::load(prefs.path.clone());
        assert_eq!(again, prefs);
    }

    #[test]
    fn a_remembered_file_is_kept_as_people_write_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("Phiên họp mẫu Ý Yên 2023.ocop");
        std::fs::write(&file, b"x").unwrap();
        let mut prefs = Prefs::load(None);
        prefs.remember(&file);
        let shown = prefs.recent[0].display().to_string();
        assert!(!shown.starts_with(r"\\?\"), "no verbatim prefix: {shown}");
        assert!(prefs.recent[0].is_absolute(), "{shown}");
        assert!(shown.ends_with("Phiên họp mẫu Ý Yên 2023.ocop"), "{shown}");
        assert_eq!(std::fs::read(&prefs.recent[0]).unwrap(), b"x", "the path still names the file");
    }

    #[test]
    fn a_broken_prefs_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        std::fs::write(&path, "{ không phải json").unwrap();
        let prefs = Prefs::load(Some(path));
        assert!(prefs.recent.is_empty());
        assert_eq!(prefs.lang, Lang::Vi);
    }
}
