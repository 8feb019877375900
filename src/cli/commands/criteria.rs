//! `criteria list | export | import | show`: the criteria sets, built in and installed.

use super::{builtin_catalog, full_catalog, print};
use crate::catalog::installed;
use crate::cli::error::CliError;
use crate::domain::criteria::Criterion;
use std::io::Write;
use std::path::Path;

/// Every set, where it comes from and its content hash; sets that could not be read, and why.
pub fn list(out: &mut dyn Write) -> Result<(), CliError> {
    let (catalog, problems) = full_catalog()?;
    let builtin: Vec<String> = builtin_catalog()?.criteria.iter().map(|c| c.id.clone()).collect();
    let mut text = String::new();
    for set in &catalog.criteria {
        let origin = if builtin.contains(&set.id) { "có sẵn" } else { "đã cài" };
        let hash = installed::content_hash(set);
        text.push_str(&format!(
            "{}  ({origin}, {} bộ, mã băm {})\n  {}\n  {}\n",
            set.id,
            set.sheets.len(),
            &hash[..16],
            set.title,
            set.legal_basis
        ));
    }
    for p in problems {
        text.push_str(&format!("Không dùng được: {}\n", crate::lang::vi::installed_problem(&p)));
    }
    print(out, &text)
}

pub fn export(id: &str, path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let (catalog, _) = full_catalog()?;
    let set = catalog
        .criteria(id)
        .ok_or_else(|| CliError::Refused(format!("không có bộ tiêu chí «{id}» (xem: ocop-council criteria list)")))?;
    crate::catalog::spreadsheet::export(set, path).map_err(CliError::Refused)?;
    print(out, &format!("Đã xuất bộ tiêu chí «{id}» ra {}.\n", path.display()))
}

/// Installs a set from a spreadsheet, refused when it would shadow a built-in set.
pub fn import(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let set = crate::catalog::spreadsheet::import(path).map_err(|e| CliError::Refused(e.to_string()))?;
    let builtin = builtin_catalog()?.criteria;
    let installed_at = installed::install(&set, &installed::installed_dir(), &builtin)
        .map_err(|e| CliError::Refused(format!("{}: {e}", path.display())))?;
    let hash = installed::content_hash(&set);
    print(
        out,
        &format!(
            "Đã cài bộ tiêu chí «{}» ({} bộ, mã băm {}) vào {}.\n",
            set.id,
            set.sheets.len(),
            &hash[..16],
            installed_at.display()
        ),
    )
}

/// The set's sheets; with `--sheet N`, that sheet's parts, criteria and options in full.
pub fn show(id: &str, sheet: Option<u32>, out: &mut dyn Write) -> Result<(), CliError> {
    let (catalog, _) = full_catalog()?;
    let set = catalog.criteria(id).ok_or_else(|| CliError::Refused(format!("không có bộ tiêu chí «{id}»")))?;
    let mut text = format!("{} — {}\n{}\n", set.id, set.title, set.legal_basis);
    for s in set.sheets.iter().filter(|s| sheet.is_none_or(|n| n == s.no)) {
        text.push_str(&format!("\nBộ số {}: {} ({} / {})\n", s.no, s.name, s.category, s.group));
        if sheet.is_none() {
            continue;
        }
        for p in &s.parts {
            text.push_str(&format!("  Phần {}: {} ({} điểm)\n", p.code, p.title, p.max));
            p.criteria.iter().for_each(|c| write_criterion(c, 2, &mut text));
        }
        if let Some(d) = &s.disqualify_if {
            text.push_str(&format!("  Hồ sơ bị loại khi: {d}\n"));
        }
    }
    print(out, &text)
}

/// One criterion with its options, then its children one level deeper.
fn write_criterion(criterion: &Criterion, depth: usize, text: &mut String) {
    let indent = "  ".repeat(depth);
    text.push_str(&format!("{indent}{} {} ({} điểm)\n", criterion.code, criterion.title, criterion.max));
    for (i, o) in criterion.options.iter().enumerate() {
        let star = o.min_star.map(|s| format!(" [tối thiểu {s} sao]")).unwrap_or_default();
        text.push_str(&format!("{indent}  {}. {} — {} điểm{star}\n", i + 1, o.label, o.points));
    }
    criterion.children.iter().for_each(|child| write_criterion(child, depth + 1, text));
}
