//! Words for people: the ONE place that turns domain values into Vietnamese or English text, one
//! file per language (`vi.rs`, `en.rs`; the findings of imports, `verify` and the session checker
//! in `vi/findings.rs`, `en/findings.rs`; criteria sets, rulesets and damaged session files in
//! `vi/catalog.rs`, `en/catalog.rs`), so a screen, the command line and a document say the same
//! thing the same way, and no Vietnamese table quotes an English sentence.
//!
//! How it is used: a value that people read implements [`Say`], and `value.say(lang)` gives its text.
//! `Say` for a type is one `match lang` here that calls the function of each language file; the
//! words themselves live only in those files.
//!
//! Adding a type (an error, an audit event, …): write `pub fn thing(t: &Thing) -> String` in `vi.rs`
//! and in `en.rs` (the compiler then asks for both languages), and add
//! `impl Say for Thing { fn say(&self, lang: Lang) -> String { by_lang!(lang, thing(self)) } }` below.
//! A value whose text needs more than itself (a decision with its stars) gets a small struct that
//! holds what the sentence needs, like [`Verdict`].
//!
//! Machine forms are not here: `results --json` prints `Blocker`'s stable English `Display`
//! (design §6), which `en.rs` speaks to people too.

pub mod en;
pub mod vi;

use crate::domain::{Blocker, Decision};
use serde::{Deserialize, Serialize};

/// Interface language. Vietnamese is the default. Preferences files store it as "Vi" / "En".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A value with a text for people in each language.
pub trait Say {
    fn say(&self, lang: Lang) -> String;
}

/// Calls the same-named function of the language file of `lang`.
macro_rules! by_lang {
    ($lang:expr, $function:ident($($arg:expr),*)) => {
        match $lang {
            Lang::Vi => vi::$function($($arg),*).into(),
            Lang::En => en::$function($($arg),*).into(),
        }
    };
}

/// Why a product is pending or the session cannot be finalised.
impl Say for Blocker {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, blocker(self))
    }
}

/// A criteria set issued after the meeting it scores.
impl Say for crate::domain::legal::LaterBasis {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, later_basis(self))
    }
}

/// A fact the documents need that the session lacks.
impl Say for crate::domain::facts::MissingFact {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, missing_fact(*self))
    }
}

/// The bare word of a decision: "Công nhận", "Không đạt", …
impl Say for Decision {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, decision(*self))
    }
}

/// A decision with the stars it was reached at, as the results table writes it:
/// "Công nhận 3 sao", "Không đạt (2 sao)", "Đề nghị cấp trên (4 sao)", "Bị loại".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    pub stars: u8,
}

impl Say for Verdict {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, verdict(self))
    }
}

/// What went wrong with a session file, and what to do.
impl Say for crate::store::StoreError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, store_error(self))
    }
}

/// One audit row in words, without its time and actor: "Chấm tiêu chí · YY-01 · m1 · vòng 2 ·
/// tiêu chí 1.1: 3 → 2 (lý do)".
impl Say for crate::domain::audit::AuditEntry {
    fn say(&self, lang: Lang) -> String {
        let value = |v: &Option<String>| -> Option<String> {
            v.as_deref().map(|v| by_lang!(lang, audit_value(self.action, v)))
        };
        let change = match (value(&self.old), value(&self.new)) {
            (Some(o), Some(n)) => format!(": {o} → {n}"),
            (None, Some(n)) => format!(": {n}"),
            (Some(o), None) => format!(": {o} →"),
            (None, None) => String::new(),
        };
        let reason = self.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
        let action: String = by_lang!(lang, audit_action(self.action));
        let target: String = by_lang!(lang, audit_target(&self.target()));
        format!("{action} · {target}{change}{reason}")
    }
}

/// Why the members' scoring server did not start.
impl Say for crate::lan::StartError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, start_error(self))
    }
}

/// What went wrong while archiving, verifying or copying back from an archive.
impl Say for crate::archive::ArchiveError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, archive_error(self))
    }
}

/// The Vietnamese of why an archive's copy failed its check (`ArchiveError`'s `Display` quotes it).
impl std::fmt::Display for crate::archive::CheckProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::check_problem(self))
    }
}

/// Why the documents could not be made.
impl Say for crate::report::ReportError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, report_error(self))
    }
}

/// The first line of an import preview: what a list adds and updates, or what a folder attaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportSummary {
    List { add: usize, update: usize },
    Folder { files: usize, bytes: u64 },
}

/// An import preview in `lang`: its summary, then "Lưu ý — …" for each warning and "Lỗi — …" for
/// each error.
pub fn finding_lines(
    summary: &ImportSummary,
    warnings: &[crate::dossier::Finding],
    errors: &[crate::dossier::Finding],
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = vec![by_lang!(lang, import_summary(summary))];
    for w in warnings {
        let text = w.say(lang);
        out.push(by_lang!(lang, warning_line(&text)));
    }
    for e in errors {
        let text = e.say(lang);
        out.push(by_lang!(lang, error_line(&text)));
    }
    out
}

/// A finding of a dossier import, with its file, row and column.
impl Say for crate::dossier::Finding {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, finding(self))
    }
}

/// What breaks a rule of the exchange format.
impl Say for crate::domain::session::Problem {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, session_problem(self))
    }
}

/// A session document that breaks a rule, with its JSON path.
impl Say for crate::domain::session::Invalid {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, invalid(self))
    }
}

/// The Vietnamese the command line prints ("members[2].name: họ tên trống").
impl std::fmt::Display for crate::domain::session::Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::invalid(self))
    }
}

/// A text that is not a date written YYYY-MM-DD.
impl Say for crate::domain::date::DateError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, date_error(self))
    }
}

/// The Vietnamese the command line prints ("«05/06/2023» không phải ngày dạng YYYY-MM-DD").
impl std::fmt::Display for crate::domain::date::DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::date_error(self))
    }
}

/// A text that is not a time written HH:MM.
impl Say for crate::domain::facts::TimeError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, time_error(self))
    }
}

/// The Vietnamese the command line prints ("«7:30» không phải giờ dạng HH:MM").
impl std::fmt::Display for crate::domain::facts::TimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::time_error(self))
    }
}

/// A text that is not a quorum fraction such as 2/3.
impl Say for crate::domain::ruleset::FractionError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, fraction_error(self))
    }
}

/// The Vietnamese the command line prints (and serde embeds): "«2:3» không phải phân số dạng …".
impl std::fmt::Display for crate::domain::ruleset::FractionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::fraction_error(self))
    }
}

/// A criteria set that cannot be used, with its sheet and criterion.
impl Say for crate::domain::CriteriaError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, criteria_error(self))
    }
}

/// The Vietnamese the command line prints ("bộ tiêu chí «x», bộ sản phẩm số 1: …").
impl std::fmt::Display for crate::domain::CriteriaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::criteria_error(self))
    }
}

/// What is wrong with a criteria set, without its place (a spreadsheet's row names that).
impl Say for crate::domain::criteria::CriteriaProblem {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, criteria_problem(self))
    }
}

/// A ruleset that cannot be used.
impl Say for crate::domain::RulesetError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, ruleset_error(self))
    }
}

/// The Vietnamese the command line prints ("quy tắc «x»: …").
impl std::fmt::Display for crate::domain::RulesetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::ruleset_error(self))
    }
}

/// A built-in criteria set or ruleset that cannot be used.
impl Say for crate::catalog::CatalogError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, catalog_error(self))
    }
}

/// The Vietnamese the command line prints.
impl std::fmt::Display for crate::catalog::CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::catalog_error(self))
    }
}

/// An installed criteria file that could not be used.
impl Say for crate::catalog::installed::InstalledProblem {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, installed_problem(self))
    }
}

/// An exchange document that cannot be used.
impl Say for crate::exchange::ExchangeError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, exchange_error(self))
    }
}

/// A verification's report in `lang`, one finding per line.
pub fn verify_lines(report: &crate::archive::VerifyReport, lang: Lang) -> Vec<String> {
    match lang {
        Lang::Vi => vi::verify_lines(report),
        Lang::En => en::verify_lines(report),
    }
}

/// A text typed as a fingerprint that is not one.
impl Say for crate::archive::NotAFingerprint {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, not_a_fingerprint(self))
    }
}

/// The Vietnamese the command line prints ("«x» không phải dấu vân tay …").
impl std::fmt::Display for crate::archive::NotAFingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vi::not_a_fingerprint(self))
    }
}

/// What `verify` found wrong with the lock row.
impl Say for crate::archive::LockProblem {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, lock_problem(self))
    }
}

/// An attachment whose bytes `verify` found changed or missing.
impl Say for crate::archive::AttachmentProblem {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, attachment_problem(self))
    }
}

/// A scored dossier whose criteria sheet an import would change.
impl Say for crate::import::AtStake {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, at_stake(self))
    }
}

/// Why a file cannot be read as a table.
impl Say for crate::table::Problem {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, table_problem(self))
    }
}

/// What went wrong with the OCOP register (issue 18).
impl Say for crate::register::RegisterError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, register_error(self))
    }
}

/// The name of the field at a session document's JSON path ("session.settings.spread_limit" →
/// "Spread limit"), for a form that shows the checker's refusal; None for a path without one.
pub fn field_name(path: &str, lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::Vi => vi::field_name(path),
        Lang::En => en::field_name(path),
    }
}

/// The register's summary line in `lang`.
impl Say for crate::domain::register::stats::Statistics {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, register_summary(self))
    }
}

/// A registered product's standing in `lang` ("còn hiệu lực", "due for re-rating").
impl Say for crate::domain::register::Status {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, register_status(self))
    }
}

/// A day as `lang` writes it: "05/06/2023" in Vietnamese, "2023-06-05" in English (as `local_time`).
pub fn date(d: crate::domain::Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => vi::date(d),
        Lang::En => d.to_string(),
    }
}

/// Why the devices' pairing slips were not written.
impl Say for crate::workspace::SlipsError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, slips_error(self))
    }
}

/// A number as people read it in `lang`: "65,00" in Vietnamese (`vi::number`), "65.00" in English.
pub fn number(value: impl std::fmt::Display, lang: Lang) -> String {
    match lang {
        Lang::Vi => vi::number(value),
        Lang::En => value.to_string(),
    }
}

/// Vietnam's offset, where councils meet: the zone assumed when this PC's cannot be read.
const VIETNAM: time::UtcOffset = match time::UtcOffset::from_hms(7, 0, 0) {
    Ok(offset) => offset,
    Err(_) => time::UtcOffset::UTC,
};

/// This PC's offset from UTC, read once. On Unix, reading the zone (`TZ`, `tzset`) races with
/// `setenv` in a multi-threaded process: older `time` releases refused outright there, and 0.3.55
/// refreshes the zone only while the process is single-threaded (`refresh_tz` returns None
/// otherwise). The window always has several threads, so `ui::run` asks first, while it has one.
/// When the offset cannot be had at all, Vietnam's +07:00 — the app is made for Vietnamese
/// councils, and a wrong zone would only shift the hours, never the order of the rows.
pub fn local_offset() -> time::UtcOffset {
    static OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| {
        let _ = time::util::refresh_tz();
        time::UtcOffset::current_local_offset().unwrap_or(VIETNAM)
    })
}

/// An audit or lock time as the file keeps it ("2023-06-05T09:00:00Z", UTC) in this PC's local
/// time, the way `lang` writes it: "05/06/2023 16:00:00", "2023-06-05 16:00:00".
pub fn local_time(at: &str, lang: Lang) -> String {
    local_time_at(at, local_offset(), lang)
}

/// `local_time` at a given offset; a text that is not such a time is returned as it is.
pub fn local_time_at(at: &str, offset: time::UtcOffset, lang: Lang) -> String {
    let Some(utc) = parse_utc(at) else { return at.to_string() };
    let local = utc.to_offset(offset);
    let (d, m, y) = (local.day(), u8::from(local.month()), local.year());
    let clock = format!("{:02}:{:02}:{:02}", local.hour(), local.minute(), local.second());
    match lang {
        Lang::Vi => format!("{d:02}/{m:02}/{y} {clock}"),
        Lang::En => format!("{y}-{m:02}-{d:02} {clock}"),
    }
}

/// The hour and minute ("10:42") of a time as the file keeps it, in this PC's local time: for
/// what happened today (a device that tried a link). A text that is not such a time is returned as it is.
pub fn local_clock(at: &str) -> String {
    let Some(utc) = parse_utc(at) else { return at.to_string() };
    let local = utc.to_offset(local_offset());
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// "YYYY-MM-DDTHH:MM:SSZ" (store::clock's form) as an instant.
fn parse_utc(at: &str) -> Option<time::OffsetDateTime> {
    let (date, clock) = at.strip_suffix('Z')?.split_once('T')?;
    let numbers = |text: &str, sep: char| -> Option<Vec<i32>> { text.split(sep).map(|n| n.parse().ok()).collect() };
    let (date, clock) = (numbers(date, '-')?, numbers(clock, ':')?);
    let ([y, mo, d], [h, mi, s]) = (<[i32; 3]>::try_from(date).ok()?, <[i32; 3]>::try_from(clock).ok()?);
    let month = time::Month::try_from(u8::try_from(mo).ok()?).ok()?;
    let day = time::Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()?;
    let hms = time::Time::from_hms(u8::try_from(h).ok()?, u8::try_from(mi).ok()?, u8::try_from(s).ok()?).ok()?;
    Some(time::PrimitiveDateTime::new(day, hms).assume_utc())
}

/// "members=9 dossiers=12" as "9 thành viên, 12 hồ sơ" with the language's `word` for each name;
/// None when the text is not such a list.
pub(crate) fn counted(text: &str, word: impl Fn(&str) -> &'static str) -> Option<String> {
    let pairs: Option<Vec<String>> = text
        .split(' ')
        .map(|pair| {
            let (name, n) = pair.split_once('=')?;
            let w = word(name);
            (!w.is_empty() && n.parse::<u64>().is_ok()).then(|| format!("{n} {w}"))
        })
        .collect();
    pairs.map(|p| p.join(", "))
}

/// Whether `e` is a loop of symbolic links (ELOOP; std has no stable kind for it yet).
fn is_link_loop(e: &std::io::Error) -> bool {
    // 40 on Linux, 62 on the BSDs and macOS; Windows reports a loop as an invalid name.
    cfg!(unix) && e.raw_os_error() == Some(if cfg!(target_os = "linux") { 40 } else { 62 })
}

/// The first thing a failed verification found, in `lang`: what `RegisterError::NotIntact` quotes.
pub fn first_verify_problem(r: &crate::archive::VerifyReport, lang: Lang) -> String {
    let said = |vi: &str, en: &str| if lang == Lang::Vi { vi.to_string() } else { en.to_string() };
    if r.integrity != "ok" {
        return said("SQLite thấy tệp hỏng: ", "SQLite finds it damaged: ") + &r.integrity;
    }
    if r.matches_lock == Some(false) {
        return said(
            "nội dung không còn cho dấu vân tay lúc khóa",
            "its content no longer gives the fingerprint it was locked with",
        );
    }
    if let Some(p) = r.lock_problems.first() {
        return p.say(lang);
    }
    if let Some(p) = r.attachments.first() {
        return p.say(lang);
    }
    said("tệp không khớp tổng kiểm .sha256 bên cạnh", "the file does not match the .sha256 checksum beside it")
}

/// Each item's text, joined by `separator`.
pub fn say_all<T: Say>(items: &[T], lang: Lang, separator: &str) -> String {
    items.iter().map(|i| i.say(lang)).collect::<Vec<_>>().join(separator)
}

/// Whether a text holds a letter only Vietnamese writes (what “…” quotes aside: a header's own name):
/// the tests' check that an English text has no Vietnamese left in it.
#[doc(hidden)]
pub fn has_vietnamese(text: &str) -> bool {
    let mut quoted = false;
    text.chars().any(|c| {
        quoted = match c {
            '“' => true,
            '”' => false,
            _ => quoted,
        };
        !quoted
            && "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_refusals;
