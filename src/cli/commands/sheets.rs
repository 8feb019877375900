//! One member's score sheet from the command line (issue 13.3): `score`, `submit`, `reopen-sheet`.
//! Each is one store transaction with its audit rows; a refusal leaves the file byte-identical.

use super::print;
use crate::cli::args::SheetArgs;
use crate::cli::error::{CliError, naming_file};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// `score FILE --dossier D --member M [--round N] CRIT=OPTION… [--comment TEXT]`.
pub fn score(
    file: &Path,
    sheet: &SheetArgs,
    choices: &[String],
    comment: Option<&str>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let parsed = choices.iter().map(|c| parse_choice(c)).collect::<Result<Vec<_>, _>>()?;
    let mut store = Store::open(file)?;
    check_round(&store, file, sheet)?;
    store.save_choices(actor, &sheet.dossier, &sheet.member, &parsed, comment).map_err(naming_file(file))?;
    store.close()?;
    print(
        out,
        &format!("Đã lưu {} lựa chọn trên phiếu của «{}» cho «{}».\n", parsed.len(), sheet.member, sheet.dossier),
    )
}

/// `submit FILE --dossier D --member M [--round N]`: every leaf must be answered.
pub fn submit(file: &Path, sheet: &SheetArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut store = Store::open(file)?;
    check_round(&store, file, sheet)?;
    let comment = store
        .load()?
        .session
        .sheets
        .iter()
        .rev()
        .find(|s| s.dossier == sheet.dossier && s.member == sheet.member)
        .map(|s| s.comment.clone())
        .unwrap_or_default();
    store.submit_sheet(actor, &sheet.dossier, &sheet.member, &comment).map_err(naming_file(file))?;
    store.close()?;
    print(out, &format!("Đã nộp phiếu của «{}» cho «{}».\n", sheet.member, sheet.dossier))
}

/// `reopen-sheet FILE --dossier D --member M --reason TEXT`.
pub fn reopen(file: &Path, sheet: &SheetArgs, reason: &str, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut store = Store::open(file)?;
    check_round(&store, file, sheet)?;
    store.reopen_sheet(actor, &sheet.dossier, &sheet.member, reason).map_err(naming_file(file))?;
    store.close()?;
    print(
        out,
        &format!("Đã mở lại phiếu của «{}» cho «{}» để sửa; lý do đã ghi vào nhật ký.\n", sheet.member, sheet.dossier),
    )
}

/// "1.1=3" → ("1.1", 3).
fn parse_choice(text: &str) -> Result<(String, u8), CliError> {
    let bad = || CliError::Usage(format!("«{text}»: cần TIÊU_CHÍ=PHƯƠNG_ÁN, ví dụ 1.1=3 (0 = không phương án nào)"));
    let (criterion, option) = text.split_once('=').ok_or_else(bad)?;
    let option = option.trim().parse::<u8>().map_err(|_| bad())?;
    let criterion = criterion.trim();
    if criterion.is_empty() {
        return Err(bad());
    }
    Ok((criterion.to_string(), option))
}

/// `--round N` must name the dossier's current round: a sheet of an earlier round is history.
fn check_round(store: &Store, file: &Path, sheet: &SheetArgs) -> Result<(), CliError> {
    let Some(round) = sheet.round else { return Ok(()) };
    let loaded = store.load()?;
    // An unknown dossier is the store's to refuse, in its own words.
    let Some(dossier) = loaded.session.dossier(&sheet.dossier) else { return Ok(()) };
    let current = dossier.current_round();
    if round == current {
        Ok(())
    } else {
        Err(CliError::Refused(format!(
            "{}: hồ sơ «{}» đang ở vòng {current}, không phải vòng {round} (--round)",
            file.display(),
            sheet.dossier
        )))
    }
}
