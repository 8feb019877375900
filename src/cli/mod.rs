//! The headless command line (design §7). Exit 0 on success, 2 on bad input or a refused action
//! (one line on stderr naming the file, row or field), 1 on an internal fault. A refused or failed
//! command changes nothing in the session file.

mod args;
mod table;

use crate::catalog::{Catalog, DEFAULT_RULESET, DEMO_SESSION};
use crate::domain::session::SessionInfo;
use crate::domain::{Session, fingerprint};
use crate::exchange;
use crate::store::{Store, StoreError};
use args::{Args, Command};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use args::USAGE;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}\n(xem: ocop-council --help)")]
    Usage(String),
    #[error("{0}")]
    Refused(String),
    #[error("lỗi nội bộ: {0}")]
    Internal(String),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Refused(_) => 2,
            CliError::Internal(_) => 1,
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        if e.is_refusal() { CliError::Refused(e.to_string()) } else { CliError::Internal(e.to_string()) }
    }
}

/// A Windows GUI-subsystem program has no console: when run from a terminal for a command, print
/// into that terminal. Elsewhere, and when started by a double-click, this does nothing.
#[cfg(windows)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and has no memory-safety preconditions.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}

/// Runs the command line; returns the process exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let opens_window = args.is_empty()
        || args.iter().all(|a| {
            a == "--demo"
                || (!a.to_string_lossy().starts_with('-') && Path::new(a).extension().is_some_and(|e| e == "ocop"))
        });
    if !opens_window {
        attach_console();
    }
    let mut out = std::io::stdout().lock();
    match run(args, &mut out) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ocop-council: {e}");
            e.exit_code()
        }
    }
}

pub fn run(args: Vec<OsString>, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let args = Args::parse(args).map_err(CliError::Usage)?;
    let write = |out: &mut dyn std::io::Write, text: &str| {
        out.write_all(text.as_bytes()).map_err(|e| CliError::Internal(format!("không ghi được ra màn hình: {e}")))
    };
    match args.command {
        Command::Help => write(out, USAGE),
        Command::Version => write(out, &format!("ocop-council {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Gui(launch) => crate::ui::run(launch).map_err(|e| {
            CliError::Internal(format!(
                "không mở được cửa sổ ({e}); trên máy không có màn hình, hãy dùng các lệnh (ocop-council --help)"
            ))
        }),
        Command::Demo => {
            let catalog = catalog()?;
            let (session, criteria, ruleset) = exchange::parse(DEMO_SESSION, &catalog, None)
                .map_err(|e| CliError::Internal(format!("phiên mẫu đi kèm bị hỏng: {e}")))?;
            let results = crate::domain::evaluate(&session, criteria, ruleset, false);
            write(out, &table::render(&session, ruleset, &results, None))?;
            write(
                out,
                "\n(Phiên họp mẫu đi kèm. Tạo tệp phiên từ nó: ocop-council new demo.ocop --from assets/samples/y-yen-2023.json)\n",
            )
        }
        Command::New { file, from, ruleset, criteria } => {
            let (catalog, _) = Catalog::with_installed().map_err(|e| CliError::Internal(e.to_string()))?;
            let session = match &from {
                Some(json) => {
                    let text = std::fs::read_to_string(json)
                        .map_err(|e| CliError::Refused(format!("{}: không đọc được tệp: {e}", json.display())))?;
                    exchange::parse(&text, &catalog, ruleset.as_deref())
                        .map_err(|e| CliError::Refused(format!("{}: {e}", json.display())))?
                }
                None => empty_session(&catalog, ruleset.as_deref().unwrap_or(DEFAULT_RULESET), criteria.as_deref())?,
            };
            let (session, criteria, rs) = session;
            Store::create(&file, &session, criteria, rs, &args.actor)?;
            write(
                out,
                &format!(
                    "Đã tạo {}: {} thành viên, {} hồ sơ, {} phiếu chấm (quy tắc {}).\n",
                    file.display(),
                    session.members.len(),
                    session.dossiers.len(),
                    session.sheets.len(),
                    rs.id
                ),
            )
        }
        Command::Results { file, json } => {
            let store = Store::open_shared(&file)?;
            let loaded = store.load()?;
            let results = loaded.results();
            if json {
                let text = serde_json::to_string_pretty(&results).map_err(|e| CliError::Internal(e.to_string()))?;
                write(out, &format!("{text}\n"))
            } else {
                let fp = loaded.lock.as_ref().map(|l| fingerprint::short(&l.fingerprint));
                write(out, &table::render(&loaded.session, &loaded.ruleset, &results, fp.as_deref()))
            }
        }
        Command::Export { file, out: target, audit } => {
            let store = Store::open_shared(&file)?;
            let mut session = store.load()?.session;
            if audit {
                session.audit = store.audit_log()?;
            }
            let text = exchange::to_json(&session);
            match target {
                None => write(out, &text),
                Some(path) => write_atomically(&path, &text),
            }
        }
        Command::Lock { file } => {
            let mut store = Store::open(&file)?;
            if let Some(lock) = store.lock_info()? {
                return Err(CliError::Refused(format!(
                    "{}: đã khóa lúc {} (dấu vân tay {})",
                    file.display(),
                    lock.at,
                    fingerprint::short(&lock.fingerprint)
                )));
            }
            let fp = store.lock(&args.actor).map_err(|e| match e {
                StoreError::Refused(why) => CliError::Refused(format!("{}: {why}", file.display())),
                other => other.into(),
            })?;
            store.close()?;
            write(out, &format!("Đã khóa {}. Dấu vân tay: {}\n({fp})\n", file.display(), fingerprint::short(&fp)))
        }
        Command::Reopen { file, reason } => {
            let mut store = Store::open(&file)?;
            store.reopen(&args.actor, &reason).map_err(|e| match e {
                StoreError::Refused(why) => CliError::Refused(format!("{}: {why}", file.display())),
                other => other.into(),
            })?;
            store.close()?;
            write(out, &format!("Đã mở khóa {}. Lý do đã được ghi vào nhật ký.\n", file.display()))
        }
        Command::Archive { file, dest } => {
            let report = crate::archive::archive(&file, &dest, &mut |_| {}).map_err(|e| {
                if e.is_refusal() { CliError::Refused(e.to_string()) } else { CliError::Internal(e.to_string()) }
            })?;
            let state = if report.locked { "đã khóa" } else { "CHƯA khóa kết quả" };
            write(
                out,
                &format!(
                    "Đã lưu trữ và kiểm tra: {}\nTệp kiểm tra: {}\nDấu vân tay: {} ({state}), {:.1} MB\n",
                    report.path.display(),
                    report.checksum_path.display(),
                    fingerprint::short(&report.fingerprint),
                    report.bytes as f64 / 1e6
                ),
            )
        }
        Command::Verify { file, fingerprint: typed } => {
            let typed = typed.as_deref().map(crate::archive::normalise_typed).transpose().map_err(CliError::Usage)?;
            let report = crate::archive::verify(&file, typed.as_deref())?;
            write(out, &(report.lines().join("\n") + "\n"))?;
            if report.ok() {
                Ok(())
            } else {
                Err(CliError::Refused(format!("{}: không đạt kiểm tra", file.display())))
            }
        }
        Command::CriteriaList => {
            let (cat, problems) =
                crate::catalog::Catalog::with_installed().map_err(|e| CliError::Internal(e.to_string()))?;
            let builtin: Vec<String> = catalog()?.criteria.iter().map(|c| c.id.clone()).collect();
            let mut text = String::new();
            for set in &cat.criteria {
                let origin = if builtin.contains(&set.id) { "có sẵn" } else { "đã cài" };
                let hash = crate::catalog::installed::content_hash(set);
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
                text.push_str(&format!("Không dùng được: {p}\n"));
            }
            write(out, &text)
        }
        Command::CriteriaExport { id, out: path } => {
            let (cat, _) = crate::catalog::Catalog::with_installed().map_err(|e| CliError::Internal(e.to_string()))?;
            let set = cat.criteria(&id).ok_or_else(|| {
                CliError::Refused(format!("không có bộ tiêu chí «{id}» (xem: ocop-council criteria list)"))
            })?;
            crate::catalog::spreadsheet::export(set, &path).map_err(CliError::Refused)?;
            write(out, &format!("Đã xuất bộ tiêu chí «{id}» ra {}.\n", path.display()))
        }
        Command::CriteriaImport { file: path } => {
            let set = crate::catalog::spreadsheet::import(&path).map_err(|e| CliError::Refused(e.to_string()))?;
            let builtin = catalog()?.criteria;
            let installed =
                crate::catalog::installed::install(&set, &crate::catalog::installed::installed_dir(), &builtin)
                    .map_err(|e| CliError::Refused(format!("{}: {e}", path.display())))?;
            let hash = crate::catalog::installed::content_hash(&set);
            write(
                out,
                &format!(
                    "Đã cài bộ tiêu chí «{}» ({} bộ, mã băm {}) vào {}.\n",
                    set.id,
                    set.sheets.len(),
                    &hash[..16],
                    installed.display()
                ),
            )
        }
        Command::CriteriaShow { id, sheet } => {
            let (cat, _) = crate::catalog::Catalog::with_installed().map_err(|e| CliError::Internal(e.to_string()))?;
            let set = cat.criteria(&id).ok_or_else(|| CliError::Refused(format!("không có bộ tiêu chí «{id}»")))?;
            let mut text = format!("{} — {}\n{}\n", set.id, set.title, set.legal_basis);
            for s in set.sheets.iter().filter(|s| sheet.is_none_or(|n| n == s.no)) {
                text.push_str(&format!("\nBộ số {}: {} ({} / {})\n", s.no, s.name, s.category, s.group));
                if sheet.is_none() {
                    continue;
                }
                for p in &s.parts {
                    text.push_str(&format!("  Phần {}: {} ({} điểm)\n", p.code, p.title, p.max));
                    fn walk(c: &crate::domain::criteria::Criterion, depth: usize, text: &mut String) {
                        text.push_str(&format!("{}{} {} ({} điểm)\n", "  ".repeat(depth), c.code, c.title, c.max));
                        for (i, o) in c.options.iter().enumerate() {
                            let star = o.min_star.map(|s| format!(" [tối thiểu {s} sao]")).unwrap_or_default();
                            text.push_str(&format!(
                                "{}  {}. {} — {} điểm{star}\n",
                                "  ".repeat(depth),
                                i + 1,
                                o.label,
                                o.points
                            ));
                        }
                        c.children.iter().for_each(|ch| walk(ch, depth + 1, text));
                    }
                    p.criteria.iter().for_each(|c| walk(c, 2, &mut text));
                }
                if let Some(d) = &s.disqualify_if {
                    text.push_str(&format!("  Hồ sơ bị loại khi: {d}\n"));
                }
            }
            write(out, &text)
        }
        Command::Import { file, sources, dry_run, max_file_mb } => {
            let mut store = Store::open(&file)?;
            let criteria = store.criteria()?;
            let mut existing = store.load()?.session.dossiers;
            let (mut previews, mut folders) = (Vec::new(), Vec::new());
            // Lists first, so that folders can match the dossiers they bring.
            let (dirs, lists): (Vec<&PathBuf>, Vec<&PathBuf>) = sources.iter().partition(|s| s.is_dir());
            for source in lists {
                let preview = crate::dossier::plan_file(source, &existing, &criteria);
                existing.extend(preview.add.iter().cloned());
                for d in &preview.update {
                    if let Some(old) = existing.iter_mut().find(|e| e.code == d.code) {
                        *old = d.clone();
                    }
                }
                write(out, &(preview.lines().join("\n") + "\n"))?;
                previews.push(preview);
            }
            for dir in dirs {
                let plan = crate::dossier::plan_folder(dir, &existing, max_file_mb * 1024 * 1024);
                write(out, &(plan.lines().join("\n") + "\n"))?;
                folders.push(plan);
            }
            let errors = previews.iter().map(|p| p.errors.len()).sum::<usize>()
                + folders.iter().map(|f| f.errors.len()).sum::<usize>();
            if errors > 0 {
                return Err(CliError::Refused(format!("{}: không nhập gì — {errors} lỗi (xem trên)", file.display())));
            }
            if dry_run {
                return write(out, "(Xem trước: chưa nhập gì.)\n");
            }
            let names: Vec<String> = sources.iter().map(|s| s.display().to_string()).collect();
            let (added, updated, attached) =
                store.import(&args.actor, &names.join(", "), &previews, &folders, &mut |_, _| {})?;
            store.close()?;
            write(
                out,
                &format!(
                    "Đã nhập vào {}: thêm {added}, cập nhật {updated} hồ sơ, đính kèm {attached} tệp.\n",
                    file.display()
                ),
            )
        }
        Command::Documents { file, out: dir, only } => {
            let only = match only.as_deref() {
                None => None,
                Some(id) => Some(crate::report::Kind::parse(id).ok_or_else(|| {
                    let kinds: Vec<&str> = crate::report::KINDS.iter().map(|k| k.id()).collect();
                    CliError::Usage(format!("--only: không có loại tài liệu «{id}»; có: {}", kinds.join(", ")))
                })?),
            };
            let loaded = Store::open_shared(&file)?.load()?;
            let written = crate::report::write_all(&loaded, &dir, only).map_err(|e| match e {
                crate::report::ReportError::Io { .. } => CliError::Refused(e.to_string()),
                other => CliError::Internal(other.to_string()),
            })?;
            let list: Vec<String> = written.iter().map(|p| format!("  {}", p.display())).collect();
            write(out, &format!("Đã tạo {} tài liệu:\n{}\n", written.len(), list.join("\n")))
        }
    }
}

fn catalog() -> Result<Catalog, CliError> {
    Catalog::builtin().map_err(|e| CliError::Internal(e.to_string()))
}

type Parsed<'c> = (Session, &'c crate::domain::CriteriaSet, &'c crate::domain::Ruleset);

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

/// Writes beside the target, then renames: a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), CliError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export.json".into());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let fail = |e: std::io::Error| CliError::Refused(format!("{}: không ghi được tệp: {e}", path.display()));
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
