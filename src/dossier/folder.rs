//! A folder of dossier folders: one folder per product, whose files (PDF, images, Office documents)
//! become that dossier's attachments. Folders are matched to dossiers by code, else by product name
//! (accents optional). Links and anything outside the chosen folder are refused; oversize files are
//! reported. Nothing is read here but names and sizes: the files are streamed when applied.

use super::Finding;
use crate::domain::session::Dossier;
use crate::domain::text::search_key;
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

    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("Đính kèm {} tệp ({:.1} MB).", self.files.len(), self.bytes() as f64 / 1e6)];
        out.extend(self.warnings.iter().map(|w| format!("Lưu ý — {w}")));
        out.extend(self.errors.iter().map(|e| format!("Lỗi — {e}")));
        out
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

pub fn plan_folder(root: &Path, dossiers: &[Dossier], limit: u64) -> FolderPlan {
    let mut plan = FolderPlan::default();
    let shown = root.display().to_string();
    let finding = |file: String, message: String| Finding { file, row: None, column: None, message };
    let real_root = match std::fs::symlink_metadata(root) {
        Ok(m) if m.file_type().is_symlink() => {
            plan.errors.push(finding(shown, "là một liên kết (symlink); hãy chọn chính thư mục hồ sơ".into()));
            return plan;
        }
        Ok(m) if m.is_dir() => std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        _ => {
            plan.errors.push(finding(shown, "không phải thư mục".into()));
            return plan;
        }
    };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(root).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    let mut matched = std::collections::HashSet::new();
    for entry in entries {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let meta = match std::fs::symlink_metadata(&entry) {
            Ok(m) => m,
            Err(e) => {
                plan.errors.push(finding(entry.display().to_string(), format!("không đọc được ({e})")));
                continue;
            }
        };
        if meta.file_type().is_symlink() {
            plan.errors.push(finding(
                entry.display().to_string(),
                "liên kết (symlink) không được nhận: chép tệp thật vào thư mục".into(),
            ));
            continue;
        }
        if !meta.is_dir() {
            plan.warnings
                .push(finding(entry.display().to_string(), "tệp lẻ ngoài các thư mục sản phẩm, bỏ qua".into()));
            continue;
        }
        let Some(d) = dossiers.iter().find(|d| matches(&name, d)) else {
            plan.warnings.push(finding(
                entry.display().to_string(),
                "thư mục không khớp mã hay tên sản phẩm nào, bỏ qua".into(),
            ));
            continue;
        };
        matched.insert(d.code.clone());
        collect(&entry, &entry, &real_root, d, limit, &mut plan);
    }
    for d in dossiers.iter().filter(|d| !matched.contains(&d.code)) {
        plan.warnings
            .push(finding(shown.clone(), format!("hồ sơ {} ({}) không có thư mục tài liệu", d.code, d.product)));
    }
    plan
}

fn collect(dir: &Path, base: &Path, root: &Path, d: &Dossier, limit: u64, plan: &mut FolderPlan) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    for path in entries {
        let shown = path.display().to_string();
        let finding = |message: String| Finding { file: shown.clone(), row: None, column: None, message };
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let inside = std::fs::canonicalize(&path).map(|p| p.starts_with(root)).unwrap_or(false);
        if meta.file_type().is_symlink() || !inside {
            plan.errors.push(finding("liên kết (symlink) hoặc tệp ngoài thư mục đã chọn: không được nhận".into()));
        } else if meta.is_dir() {
            collect(&path, base, root, d, limit, plan);
        } else if meta.len() > limit {
            plan.errors.push(finding(format!(
                "quá lớn ({:.0} MB > {:.0} MB cho phép)",
                meta.len() as f64 / 1e6,
                limit as f64 / 1e6
            )));
        } else {
            let name = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            plan.files.push(FileItem {
                dossier: d.code.clone(),
                name: crate::domain::text::nfc(&name),
                path: path.clone(),
                size: meta.len(),
            });
        }
    }
}
