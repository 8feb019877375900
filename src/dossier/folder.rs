//! A folder of dossier folders: one folder per product, whose files (PDF, images, Office documents)
//! become that dossier's attachments. Folders are matched to dossiers by code, else by product name
//! (accents optional). Links and anything outside the chosen folder are refused; oversize files are
//! reported. Nothing is read here but names and sizes: the files are streamed when applied.

use super::{Finding, Note};
use crate::domain::session::Dossier;
use crate::domain::text::search_key;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// 200 MB: a scanned dossier is a few MB; anything this large is more likely a mistake.
pub const DEFAULT_LIMIT: u64 = 200 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub struct FileItem {
    pub dossier: String,
    /// Name inside the product folder ("Giấy phép/GCN ATTP.pdf").
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FolderPlan {
    pub files: Vec<FileItem>,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl FolderPlan {
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// The plan in Vietnamese, as the command line prints it.
    pub fn lines(&self) -> Vec<String> {
        self.lines_in(crate::lang::Lang::Vi)
    }

    /// The plan in `lang`: the files it attaches, then each warning and error.
    pub fn lines_in(&self, lang: crate::lang::Lang) -> Vec<String> {
        let summary = crate::lang::ImportSummary::Folder { files: self.files.len(), bytes: self.bytes() };
        crate::lang::finding_lines(&summary, &self.warnings, &self.errors, lang)
    }
}

fn matches(folder: &str, d: &Dossier) -> bool {
    let key = search_key(folder);
    let code = search_key(&d.code);
    let product = search_key(&d.product);
    key == code
        || key.starts_with(&format!("{code} "))
        || key == product
        || (!product.is_empty() && key.contains(&product))
}

/// Folders nested deeper than this inside a product folder are reported, not walked: no real dossier
/// needs it, and the walk's stack stays small whatever is on the disk.
pub const MAX_DEPTH: usize = 32;

fn finding(file: String, note: Note) -> Finding {
    Finding { file, row: None, column: None, note }
}

/// Why a path could not be read: a path beyond what the system opens is said so.
fn unreadable(e: std::io::Error) -> Note {
    const ENAMETOOLONG: i32 = if cfg!(windows) {
        206
    } else if cfg!(target_os = "linux") {
        36
    } else {
        63
    };
    if e.kind() == std::io::ErrorKind::InvalidFilename || e.raw_os_error() == Some(ENAMETOOLONG) {
        Note::PathTooLong
    } else {
        Note::Unreadable(std::sync::Arc::new(e))
    }
}

/// The entries of a folder, sorted; entries that cannot be read are reported.
fn entries(dir: &Path, plan: &mut FolderPlan) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(read) => {
            for entry in read {
                match entry {
                    Ok(e) => paths.push(e.path()),
                    Err(e) => plan.errors.push(finding(dir.display().to_string(), unreadable(e))),
                }
            }
        }
        Err(e) => plan.errors.push(finding(dir.display().to_string(), unreadable(e))),
    }
    paths.sort();
    paths
}

pub fn plan_folder(root: &Path, dossiers: &[Dossier], limit: u64) -> FolderPlan {
    let mut plan = FolderPlan::default();
    let shown = root.display().to_string();
    let real_root = match std::fs::symlink_metadata(root) {
        Ok(m) if m.file_type().is_symlink() => {
            plan.errors.push(finding(shown, Note::RootIsLink));
            return plan;
        }
        Ok(m) if m.is_dir() => std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        _ => {
            plan.errors.push(finding(shown, Note::NotAFolder));
            return plan;
        }
    };
    // Which folder each dossier's documents came from, to say when two folders match one dossier.
    let mut matched: HashMap<String, PathBuf> = HashMap::new();
    for entry in entries(root, &mut plan) {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let meta = match std::fs::symlink_metadata(&entry) {
            Ok(m) => m,
            Err(e) => {
                plan.errors.push(finding(entry.display().to_string(), unreadable(e)));
                continue;
            }
        };
        if meta.file_type().is_symlink() {
            plan.errors.push(finding(entry.display().to_string(), Note::LinkRefused));
            continue;
        }
        if !meta.is_dir() {
            plan.warnings.push(finding(entry.display().to_string(), Note::LooseFile));
            continue;
        }
        let Some(d) = dossiers.iter().find(|d| matches(&name, d)) else {
            plan.warnings.push(finding(entry.display().to_string(), Note::UnmatchedFolder));
            continue;
        };
        if let Some(first) = matched.get(&d.code) {
            let first = first.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let note = Note::SameDossier { code: d.code.clone(), first };
            plan.warnings.push(finding(entry.display().to_string(), note));
        } else {
            matched.insert(d.code.clone(), entry.clone());
        }
        collect(&entry, &entry, &real_root, d, limit, &mut plan, 0);
    }
    for d in dossiers.iter().filter(|d| !matched.contains_key(&d.code)) {
        let note = Note::NoFolder { code: d.code.clone(), product: d.product.clone() };
        plan.warnings.push(finding(shown.clone(), note));
    }
    warn_of_same_names(&mut plan);
    plan
}

/// Files of one dossier whose names are one once folded (NFC and NFD spellings, `a\b` and `a/b`,
/// two folders for one dossier): each is kept, under a name of its own (the store numbers it).
fn warn_of_same_names(plan: &mut FolderPlan) {
    use std::collections::hash_map::Entry;
    let mut first: HashMap<(&str, &str), &Path> = HashMap::new();
    let mut warnings = Vec::new();
    for f in &plan.files {
        let earlier = match first.entry((&f.dossier, &f.name)) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(v) => {
                v.insert(&f.path);
                continue;
            }
        };
        let note =
            Note::SameName { name: f.name.clone(), earlier: earlier.display().to_string(), code: f.dossier.clone() };
        warnings.push(finding(f.path.display().to_string(), note));
    }
    plan.warnings.extend(warnings);
}

/// The file's name inside its product folder, "/" between folders, NFC; and whether a part of it
/// was not valid Unicode (then shown with "�").
fn inner_name(path: &Path, base: &Path) -> (String, bool) {
    let inner = path.strip_prefix(base).unwrap_or(path);
    let undecodable = inner.to_str().is_none();
    let name = inner.to_string_lossy().replace('\\', "/");
    (crate::domain::text::nfc(&name), undecodable)
}

fn collect(dir: &Path, base: &Path, root: &Path, d: &Dossier, limit: u64, plan: &mut FolderPlan, depth: usize) {
    if depth > MAX_DEPTH {
        plan.errors.push(finding(dir.display().to_string(), Note::TooDeep { max: MAX_DEPTH }));
        return;
    }
    for path in entries(dir, plan) {
        let shown = path.display().to_string();
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                plan.errors.push(finding(shown, unreadable(e)));
                continue;
            }
        };
        let inside = match std::fs::canonicalize(&path) {
            Ok(real) => real.starts_with(root),
            Err(_) if meta.file_type().is_symlink() => false,
            Err(e) => {
                plan.errors.push(finding(shown, unreadable(e)));
                continue;
            }
        };
        if meta.file_type().is_symlink() || !inside {
            plan.errors.push(finding(shown, Note::LinkOrOutside));
        } else if meta.is_dir() {
            collect(&path, base, root, d, limit, plan, depth + 1);
        } else if !meta.is_file() {
            // A FIFO would hang the import on opening it; a device could be read for ever.
            plan.errors.push(finding(shown, Note::NotRegular));
        } else if meta.len() > limit {
            plan.errors.push(finding(shown, Note::TooLarge { bytes: meta.len(), limit }));
        } else {
            let (name, undecodable) = inner_name(&path, base);
            if let Some(c) = crate::domain::text::forbidden_char(&name, true) {
                // Shown without the character: a bidi override would turn the line around.
                let shown = shown.replace(c, "\u{FFFD}");
                plan.errors.push(finding(shown, Note::ForbiddenChar(u32::from(c))));
                continue;
            }
            if undecodable {
                plan.warnings.push(finding(shown, Note::Undecodable { name: name.clone() }));
            }
            plan.files.push(FileItem { dossier: d.code.clone(), name, path: path.clone(), size: meta.len() });
        }
    }
}
