//! The session file as a whole: the demo, `new`, `results`, `export`.

use super::{builtin_catalog, full_catalog, print};
use crate::catalog::{Catalog, DEFAULT_RULESET, DEMO_SESSION};
use crate::cli::error::CliError;
use crate::cli::table;
use crate::domain::fingerprint;
use crate::domain::session::SessionInfo;
use crate::domain::{CriteriaSet, Ruleset, Session};
use crate::exchange;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// The demo session's results, from the copy built into the program.
pub fn demo(out: &mut dyn Write) -> Result<(), CliError> {
    let catalog = builtin_catalog()?;
    let (session, criteria, ruleset) = exchange::parse(DEMO_SESSION, &catalog, None)
        .map_err(|e| CliError::Internal(format!("phiên mẫu đi kèm bị hỏng: {e}")))?;
    let results = crate::domain::evaluate(&session, criteria, ruleset, false);
    print(out, &table::render(&session, ruleset, &results, None))?;
    print(
        out,
        "\n(Phiên họp mẫu đi kèm. Tạo tệp phiên từ nó: ocop-council new demo.ocop --from assets/samples/y-yen-2023.json)\n",
    )
}

/// `new FILE`: an empty session with the chosen ruleset and criteria, or one read from an exchange file.
pub fn new(
    file: &Path,
    from: Option<&Path>,
    ruleset: Option<&str>,
    criteria: Option<&str>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (catalog, _) = full_catalog()?;
    let (session, criteria, rs) = match from {
        Some(json) => {
            let text = std::fs::read_to_string(json)
                .map_err(|e| CliError::Refused(format!("{}: không đọc được tệp: {e}", json.display())))?;
            exchange::parse(&text, &catalog, ruleset)
                .map_err(|e| CliError::Refused(format!("{}: {e}", json.display())))?
        }
        None => empty_session(&catalog, ruleset.unwrap_or(DEFAULT_RULESET), criteria)?,
    };
    Store::create(file, &session, criteria, rs, actor)?;
    let warning = crate::domain::legal::later_basis(&criteria.legal_basis, session.session.meeting_date)
        .map(|w| format!("{}\n", crate::lang::vi::later_basis(&w)))
        .unwrap_or_default();
    print(
        out,
        &format!(
            "Đã tạo {}: {} thành viên, {} hồ sơ, {} phiếu chấm (quy tắc {}).\n{warning}",
            file.display(),
            session.members.len(),
            session.dossiers.len(),
            session.sheets.len(),
            rs.id
        ),
    )?;
    let unset = crate::domain::facts::unset_at_creation(&session);
    if unset.is_empty() {
        return Ok(());
    }
    use crate::lang::{Lang, Say};
    let words: Vec<String> = unset.iter().map(|f| f.say(Lang::Vi)).collect();
    print(out, &format!("Lưu ý: chưa có {} — bổ sung bằng «ocop-council edit {}».\n", words.join(", "), file.display()))
}

type Parsed<'c> = (Session, &'c CriteriaSet, &'c Ruleset);

fn empty_session<'c>(catalog: &'c Catalog, ruleset: &str, criteria: Option<&str>) -> Result<Parsed<'c>, CliError> {
    let rs = catalog.ruleset(ruleset).ok_or_else(|| {
        CliError::Refused(format!("--ruleset: không có quy tắc «{ruleset}»; có: {}", catalog.ruleset_ids().join(", ")))
    })?;
    let criteria = match criteria {
        Some(id) => catalog.criteria(id).ok_or_else(|| {
            CliError::Refused(format!("--criteria: không có bộ tiêu chí «{id}» (xem: ocop-council criteria list)"))
        })?,
        None => catalog.criteria.first().ok_or_else(|| CliError::Internal("không có bộ tiêu chí nào".into()))?,
    };
    Ok((Session::empty(SessionInfo::new("", rs, criteria, rs.defaults)), criteria, rs))
}

/// `results FILE`: the table, or the JSON of design §6.
pub fn results(file: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let loaded = Store::open_shared(file)?.load()?;
    let results = loaded.results();
    if json {
        let text = serde_json::to_string_pretty(&results).map_err(|e| CliError::Internal(e.to_string()))?;
        print(out, &format!("{text}\n"))
    } else {
        let fp = loaded.lock.as_ref().map(|l| fingerprint::short(&l.fingerprint));
        print(out, &table::render(&loaded.session, &loaded.ruleset, &results, fp.as_deref()))
    }
}

/// `export FILE`: the whole session as exchange JSON, to the screen or a file.
pub fn export(file: &Path, target: Option<&Path>, audit: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let store = Store::open_shared(file)?;
    let mut session = store.load()?.session;
    if audit {
        session.audit = store.audit_log()?;
    }
    let text = exchange::to_json(&session);
    match target {
        None => print(out, &text),
        Some(path) => write_atomically(path, &text),
    }
}

/// Writes beside the target, then renames: a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), CliError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export.json".into());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let fail = |e: std::io::Error| {
        CliError::Refused(format!(
            "{}: không ghi được tệp: {}",
            path.display(),
            crate::lang::vi::io_error(&crate::store::name_too_long_if_not_found(&path.display().to_string(), e))
        ))
    };
    std::fs::write(&tmp, text).map_err(|e| {
        // A full disk leaves a short temporary file: never leave it behind.
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
