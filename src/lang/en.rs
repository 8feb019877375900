//! English: every text of `crate::lang` in English.

use crate::domain::audit::{AuditAction, Target};
use crate::domain::sheet_status::{SheetStatus, SheetStep};
use crate::domain::{Blocker, Decision};
use crate::lang::Verdict;
use crate::store::{NeedsReason, StoreError};

/// The words of what imports, `verify` and the session checker find (a file of its own for size).
mod findings;
pub use findings::*;
/// The words of criteria sets and rulesets that cannot be used.
mod catalog;
pub use catalog::*;

/// The stable form of design §6 (`Blocker`'s `Display`), which English readers and scripts share.
pub fn blocker(b: &Blocker) -> String {
    b.to_string()
}

pub fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Eliminated => "Eliminated",
        Decision::Pending => "Pending",
        Decision::NotAchieved => "Not achieved",
        Decision::Recognized => "Recognised",
        Decision::Forwarded => "Forwarded",
    }
}

pub fn verdict(v: &Verdict) -> String {
    let word = decision(v.decision);
    let stars = match v.stars {
        1 => "1 star".to_string(),
        n => format!("{n} stars"),
    };
    match v.decision {
        Decision::Eliminated | Decision::Pending => word.into(),
        Decision::Recognized => format!("{word} {stars}"),
        Decision::NotAchieved | Decision::Forwarded => format!("{word} ({stars})"),
    }
}

/// A session-file error, in English.
/// The warning for a criteria set issued after the meeting it scores.
pub fn later_basis(w: &crate::domain::legal::LaterBasis) -> String {
    format!(
        "Warning: the criteria set ({}) was issued on {}, after the meeting date {} — the minutes will cite it as the set used, not as a basis in force at the meeting; check the session's criteria set.",
        w.basis, w.issued, w.meeting
    )
}

pub fn store_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        NotFound { .. }
        | InUse { .. }
        | Exists { .. }
        | NotASession { .. }
        | TooNew { .. }
        | NeedsUpgrade { .. }
        | SchemaMismatch { .. }
        | Corrupt { .. }
        | ChangedWhileImporting { .. }
        | NotAFile { .. }
        | Io { .. }
        | Sqlite { .. } => file_error(e),
        UnknownSheet { .. }
        | UnknownCriterion { .. }
        | UnknownOption { .. }
        | IncompleteSheet { .. }
        | DamagedSheet { .. }
        | SheetStepRefused { .. }
        | NoChoices { .. }
        | NoSheet { .. }
        | Eliminated { .. }
        | NotAScorer { .. }
        | Absent { .. }
        | Recused { .. }
        | DeviceBound { .. }
        | AlreadyResolved { .. }
        | TooManyRounds { .. }
        | Locked { .. }
        | NotLocked
        | NotFinalizable { .. } => sheet_error(e),
        UnknownDossier { .. }
        | UnknownMember { .. }
        | DossierNeedsNames
        | DossierNeedsCode
        | DossierExists { .. }
        | ReasonRequired(_)
        | SheetsWouldBeDiscarded { .. }
        | ImportHasErrors { .. }
        | MemberExists { .. }
        | MemberNeedsName
        | SecondChair { .. }
        | MemberHasSheets { .. }
        | MemberLeadsMeeting { .. } => council_error(e),
        BadText(i) => invalid(i),
    }
}

/// The errors of the file itself, in English: missing, in use, too new, damaged, unreadable.
fn file_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        NotFound { path } => format!("{path}: file not found"),
        InUse { path } => format!(
            "{path}: the file is open in another window of the app — use that window, or close it and open again"
        ),
        Exists { path } => {
            format!("{path}: this file already exists — choose another name or delete the old file first")
        }
        NotASession { path } => format!("{path}: not an OCOP session file"),
        TooNew { path, found, supported } => format!(
            "{path}: made by a newer version of the app (file version {found}, this app reads up to {supported}) — update the app"
        ),
        NeedsUpgrade { path, found } => {
            format!("{path}: an older file (version {found}); open it in the app once to upgrade it, then check again")
        }
        SchemaMismatch { path, found } => format!(
            "{path}: the data in the file is damaged: the schema version it records ({found}) does not match its tables — it cannot be upgraded; use the latest archive"
        ),
        Corrupt { path, problem } => format!("{path}: the data in the file is damaged: {}", damage(problem)),
        ChangedWhileImporting { path } => format!("{path}: the file changed while it was imported — import again"),
        NotAFile { path } => format!("{path}: not a regular file (a FIFO, a socket or a device): not taken"),
        Io { path, source } => format!("{path}: {}", io_error(source)),
        Sqlite { path, source } => format!("{path}: database error: {source}"),
        // Not of this family: `store_error` sends each error to its own.
        other => format!("{other:?}"),
    }
}

/// The errors of scoring and of the lock, in English.
fn sheet_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        UnknownSheet { sheet } => format!("there is no product sheet {sheet}"),
        UnknownCriterion { sheet, criterion } => format!("product sheet {sheet} has no criterion «{criterion}»"),
        UnknownOption { criterion, option, count } => {
            format!("criterion {criterion}: there is no option {option} (it has {count} options)")
        }
        IncompleteSheet { dossier, member, missing } => {
            format!("the sheet of «{member}» for «{dossier}» still lacks criteria {}", missing.join(", "))
        }
        DamagedSheet { dossier, member } => {
            format!("the sheet of «{member}» for «{dossier}» is damaged: its choices cannot be read")
        }
        SheetStepRefused { dossier, member, round, from, step } => {
            sheet_step_refused(dossier, member, *round, *from, *step)
        }
        NoChoices { dossier } => format!("no choice given for «{dossier}» (CRITERION=OPTION)"),
        NoSheet { dossier, member, round } => format!("«{member}» has no sheet for «{dossier}» in round {round}"),
        Eliminated { code, reason } => format!("dossier «{code}» was eliminated ({reason}): it is not scored"),
        NotAScorer { id } => format!("member «{id}» does not score"),
        Absent { id } => format!("member «{id}» is absent: their sheet would not count"),
        Recused { dossier, member } => format!("member «{member}» does not score dossier «{dossier}» (recused)"),
        DeviceBound { member } => {
            format!("member «{member}»'s link is bound to another device (the secretary revokes it first)")
        }
        AlreadyResolved { dossier, round } => format!("«{dossier}» round {round} already has a resolution"),
        TooManyRounds { dossier, max } => {
            format!("dossier «{dossier}» is in round {max} already: no further round can be opened (at most {max})")
        }
        Locked { at } => format!("the session was locked at {at}: results cannot change (reopening needs a reason)"),
        NotLocked => "the session is not locked".into(),
        NotFinalizable { blockers } => {
            format!("the results cannot be locked yet: {}", crate::lang::say_all(blockers, crate::lang::Lang::En, "; "))
        }
        // Not of this family: `store_error` sends each error to its own.
        other => format!("{other:?}"),
    }
}

/// The errors of the dossiers and of the council's members, in English.
fn council_error(e: &StoreError) -> String {
    use StoreError::*;
    match e {
        UnknownDossier { code } => format!("no dossier «{code}»"),
        UnknownMember { id } => format!("no member «{id}»"),
        DossierNeedsNames => "a dossier needs a product name and a producer name".into(),
        DossierNeedsCode => "a dossier needs a code".into(),
        DossierExists { code } => format!("there is a dossier «{code}» already — choose another code"),
        ReasonRequired(what) => match what {
            NeedsReason::Eliminate => "write down why the dossier is eliminated",
            NeedsReason::NewRound => "a new scoring round needs a reason",
            NeedsReason::Resolution => "write down the council's resolution",
            NeedsReason::Reopen => "reopening needs a reason",
            NeedsReason::DiscardSheets => "discarding score sheets needs a reason",
            NeedsReason::ReopenSheet => "reopening a submitted sheet needs a reason",
        }
        .into(),
        SheetsWouldBeDiscarded { dossiers } => {
            let each: Vec<String> = dossiers
                .iter()
                .map(|(code, n)| format!("dossier {code} ({n} score sheet{})", if *n == 1 { "" } else { "s" }))
                .collect();
            format!(
                "changing the criteria sheet would invalidate the score sheets of {} — it can be changed only by discarding those sheets, with a reason",
                each.join(", ")
            )
        }
        ImportHasErrors { first } => format!("nothing imported: {}", finding(first)),
        MemberExists { id } => format!("the council has a member «{id}» already"),
        MemberNeedsName => "a member needs a name".into(),
        SecondChair { id } => format!("the council has a chair already («{id}»): there is only one"),
        MemberHasSheets { id, sheets } => {
            format!("member «{id}» has {sheets} score sheets: they cannot be removed or stop scoring")
        }
        MemberLeadsMeeting { id } => {
            format!("member «{id}» chairs the meeting or keeps its minutes: choose someone else first")
        }
        // Not of this family: `store_error` sends each error to its own.
        other => format!("{other:?}"),
    }
}

/// An operating-system error as a sentence (no "(os error 2)").
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "file or folder not found".into(),
        PermissionDenied => "access denied (a read-only file, or held by another program?)".into(),
        AlreadyExists => "a file of that name already exists".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the drive is read-only".into(),
        InvalidFilename => "the file name is not valid or too long".into(),
        IsADirectory => "this is a folder, not a file".into(),
        NotADirectory => "a part of the path is not a folder".into(),
        DirectoryNotEmpty => "the folder is not empty".into(),
        ResourceBusy => "the file is held by another program".into(),
        FileTooLarge => "the file is too large for this drive".into(),
        QuotaExceeded => "the disk quota is used up".into(),
        CrossesDevices => "it cannot be moved to another drive".into(),
        _ if super::is_link_loop(e) => "a link (symlink) that loops back on itself".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("file read/write error (system error code {code})"),
            None => "file read/write error".into(),
        },
    }
}

/// Why an archive's copy failed its check.
pub fn check_problem(p: &crate::archive::CheckProblem) -> String {
    use crate::archive::CheckProblem::*;
    match p {
        Verify(report) => verify_lines(report).join("; "),
        Store(e) => store_error(e),
        Sqlite(words) => words.clone(),
        Integrity(found) => format!("integrity_check: {found}"),
        Fingerprint { copied, original } => format!("the fingerprint {copied} differs from the original's {original}"),
    }
}

/// An archive error in English: what happened and what to do.
pub fn archive_error(e: &crate::archive::ArchiveError) -> String {
    use crate::archive::ArchiveError::*;
    match e {
        Full { path } => format!(
            "{path}: not enough free space (is the USB stick full?) — free some space or use another stick; no partial file is left"
        ),
        ReadOnly { path } => format!(
            "{path}: the target drive is read-only (is the stick write-protected?) — unlock it or choose another drive"
        ),
        Missing { path } => {
            format!("{path}: the target folder is missing (was the stick pulled out?) — plug it in again and retry")
        }
        NameTooLong { path } => format!(
            "{path}: the file name is too long for the target drive — give the session file a shorter name and archive again; no partial file is left"
        ),
        CheckFailed { path, problem } => {
            let problem = check_problem(problem);
            format!("{path}: the copy failed its check ({problem}); the copy was deleted, the original is untouched")
        }
        Io { path, source } => format!(
            "{path}: write error ({}) — was the stick pulled out or is it damaged? The original is untouched",
            io_error(source)
        ),
        Store(e) => store_error(e),
    }
}

/// Why the documents could not be made.
pub fn report_error(e: &crate::report::ReportError) -> String {
    use crate::report::ReportError::*;
    match e {
        Font(problem) => format!("the documents could not be made: {problem}"),
        Failed(Some(kind)) => format!("the documents could not be made: {} came out empty", kind.file_name()),
        Failed(None) => "the documents could not be made: making them failed".into(),
        Io { path, source } => format!("{path}: the document could not be written ({})", io_error(source)),
    }
}

/// What an audit event did, as a few words.
pub fn audit_action(a: AuditAction) -> &'static str {
    use AuditAction::*;
    match a {
        Create => "Session created",
        Migrate => "File upgraded",
        Attendance => "Attendance",
        Choice => "Criterion scored",
        Submit => "Sheet submitted",
        Comment => "Comment",
        Recusal => "Recusal",
        Import => "List imported",
        DossierAdded => "Dossier added",
        DossierUpdated => "Dossier updated",
        Attached => "File attached",
        Dossier => "Dossier edited",
        Eliminate => "Dossier eliminated",
        Round => "New scoring round",
        Resolution => "Council resolution",
        Lock => "Results locked",
        Reopen => "Reopened",
        SheetsDiscarded => "Score sheets discarded",
        SheetReopened => "Sheet reopened for a correction",
        SheetChecked => "Sheet read back and checked",
        CheckRequired => "Rule: sheets count only after a read-back check",
        SessionEdited => "Session details corrected",
        MemberAdded => "Member added",
        MemberEdited => "Member details corrected",
        MemberRemoved => "Member removed",
        LinkIssued => "Device scoring link issued",
        DevicePaired => "Scoring device paired",
        DeviceRevoked => "Scoring device revoked",
    }
}

/// What an event was done to: "YY-01 · m1 · round 2 · criterion 1.1", or the whole session.
pub fn audit_target(t: &Target) -> String {
    let parts: Vec<String> = [
        t.dossier.clone(),
        t.member.clone(),
        t.round.map(|r| format!("round {r}")),
        t.criterion.as_ref().map(|c| format!("criterion {c}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() { "session".into() } else { parts.join(" · ") }
}

/// A stored value in words: yes/no of attendance and recusal, the counts of a creation or an import.
pub fn audit_value(action: AuditAction, value: &str) -> String {
    let word = |name: &str| match name {
        "members" => "members",
        "dossiers" => "dossiers",
        "sheets" => "sheets",
        "sheet" => "product sheet",
        "discarded" => "discarded",
        "added" => "added",
        "updated" => "updated",
        "attached" => "files attached",
        _ => "",
    };
    match (action, value) {
        (AuditAction::Attendance, "true") => "present".into(),
        (AuditAction::Attendance, "false") => "absent".into(),
        (AuditAction::Recusal, "true") => "does not score".into(),
        (AuditAction::Recusal, "false") => "scores".into(),
        _ => crate::lang::counted(value, word).unwrap_or_else(|| value.to_string()),
    }
}

/// Why a sheet refused a step: what it is now, and what would allow the step.
fn sheet_step_refused(dossier: &str, member: &str, round: u32, from: SheetStatus, step: SheetStep) -> String {
    let sheet = format!("the sheet of «{member}» for «{dossier}» (round {round})");
    match (step, from) {
        (SheetStep::Edit | SheetStep::Submit, _) => {
            format!("{sheet} is submitted: reopen it with a reason to correct it")
        }
        (SheetStep::Check, SheetStatus::Checked) => format!("{sheet} was already read back and checked"),
        (SheetStep::Check | SheetStep::Reopen, _) => format!("{sheet} is not submitted"),
    }
}

pub fn sheet_status(s: SheetStatus) -> &'static str {
    match s {
        SheetStatus::Draft => "being entered",
        SheetStatus::Submitted => "submitted",
        SheetStatus::Checked => "submitted, read back",
        SheetStatus::Reopened => "reopened for a correction",
    }
}

/// A fact the documents need that the session does not record yet.
pub fn missing_fact(f: crate::domain::facts::MissingFact) -> &'static str {
    use crate::domain::facts::MissingFact::*;
    match f {
        Title => "the session's title",
        Authority => "the authority (People's Committee …)",
        MeetingDate => "the meeting date",
        MeetingPlace => "the meeting place",
        Members => "the council's members",
        Chair => "who chairs the meeting",
        Secretary => "who keeps the minutes",
    }
}

/// Why the members' scoring server did not start (src/lan).
pub fn start_error(e: &crate::lan::StartError) -> String {
    use crate::lan::StartError::*;
    match e {
        Store(e) => store_error(e),
        InUse { addr } => {
            format!(
                "{addr}: another program is listening on this address already — pick another port or stop that program"
            )
        }
        NotHere { addr } => format!(
            "{addr}: this address is not this computer's (or it has left that network) — pick one of the addresses listed"
        ),
        Denied { addr } => {
            format!("{addr}: the system does not allow listening on this port — use a port from 1024 up, e.g. 8765")
        }
        Listen { addr, source } => format!("cannot listen on {addr}: {source}"),
        Unspecified { addr } => {
            format!("{addr}: pick one address of this computer (the server never listens on every network interface)")
        }
        NotPrivate { addr } => format!(
            "{addr}: not a private network address — the server listens only on the room's network (192.168.…, 10.…, 172.16–31.…) or on 127.0.0.1"
        ),
        Runtime(e) => format!("cannot start the server: {e}"),
    }
}

/// What is wrong with one row of an imported register; the column keeps the name the office's
/// spreadsheet gives it.
pub fn row_problem(p: &crate::register::RowProblem) -> String {
    use crate::domain::session::excerpt;
    use crate::register::RowFault::*;
    let (row, column) = (p.row, p.column);
    let what = match &p.problem {
        Conflicting(first, a, b) => {
            return format!(
                "rows {first} and {row}: the same product of the same producer on the same decision date, but a \
                 different «{column}» («{}» and «{}»); keep one row",
                excerpt(a),
                excerpt(b)
            );
        }
        NoHeader => "no header row with this column in the first 10 rows".to_string(),
        MissingColumn => "a required column is missing".into(),
        NoProduct => "the product name is missing".into(),
        StarsOutOfRange(s) => format!("{s} stars: the register holds 3- to 5-star products only"),
        NotStars(t) => format!("«{}» is not a star rating (3, 3 sao, ★★★, 3*)", excerpt(t)),
        NoSuchDay(t) => format!("«{}»: there is no such day", excerpt(t)),
        NoDate => "the date is missing".into(),
        NotADate(t) => format!("«{}» is not a date (20/6/2023 or 2023-06-20)", excerpt(t)),
        DuplicateColumn(a, b) => format!("the header has this column twice (columns {a} and {b}); keep one"),
        DateOutOfRange(t) => format!("«{}» cannot be the date of an OCOP decision (years 2000 to 2100)", excerpt(t)),
        ValidNotAfterDecision(until, decided) => {
            format!("valid until {until}, not after the decision's date {decided}")
        }
        TooLong(n) => format!("the cell is {n} characters long; at most {}", crate::register::import::CELL_CHARS),
    };
    format!("row {row}, column «{column}»: {what}")
}

/// A register error in English (the window's words when English is chosen).
pub fn register_error(e: &crate::register::RegisterError) -> String {
    use crate::register::RegisterError::*;
    match e {
        NotARegister { path } => format!("{path}: not an OCOP register file"),
        TooNew { path, found, supported } => format!(
            "{path}: a register made by a newer version of the app (schema {found}, this app reads up to {supported}) — update the app"
        ),
        Io { path, source } => format!("{path}: {}", io_error(source)),
        Sqlite { path, source } => format!("{path}: database error: {source}"),
        NotLocked { path } => {
            format!("{path}: the session's results are not locked; lock them before entering the register")
        }
        NoDecision { path } => format!(
            "{path}: no recognition decision recorded yet; record its number and date first (Archive or Register tab)"
        ),
        NotIntact { path, report } => format!(
            "{path}: the session file is not intact ({}); nothing of it enters the register or goes on a certificate — see Archive, Verify",
            crate::lang::first_verify_problem(report, crate::lang::Lang::En)
        ),
        UnknownProduct { product, producer } if producer.is_empty() => {
            format!("the register has no product «{product}»")
        }
        UnknownProduct { product, producer } => format!("the register has no product «{product}» of «{producer}»"),
        AmbiguousProduct { product, producers } => format!(
            "the register has {} products «{product}» ({}); choose one with --producer",
            producers.len(),
            producers.join("; ")
        ),
        ReasonRequired => "revoking a recognition needs --reason \"why\"".into(),
        BadRows { file, problems } => {
            let (named, rows, more) = crate::register::named_rows(problems);
            let mut lines: Vec<String> = named.iter().map(row_problem).collect();
            if more > 0 {
                lines.push(format!("… and {more} more bad rows"));
            }
            let rows = if rows == 1 { "1 bad row".to_string() } else { format!("{rows} bad rows") };
            format!("{file}: nothing imported: {rows} — {}", lines.join("; "))
        }
        WrongFormat { file } => format!("{file}: needs an .xlsx, .ods, .xls or .csv file"),
        Table { file, problem } => format!("{file}: {}", table_problem(problem)),
        CertificateTexts { file, problem } => format!("{file}: the certificate texts file cannot be read: {problem}"),
        Documents { problem } => format!("the documents could not be made: {problem}"),
        Store(e) => store_error(e),
        NothingDue { day } => format!("{day}: no product is due for re-rating"),
        UnknownRuleset { id, known } => {
            format!("--ruleset: there is no ruleset «{id}»; there are: {}", known.join(", "))
        }
        Damaged { path, problem } => {
            format!("{path}: the register file is damaged or was changed outside the app ({problem}); use a backup")
        }
        BrokenLink { path, target } => format!(
            "{path}: a link (symlink) to {target}, where there is no file (the register's drive not connected?); the app makes no new register there — connect that drive or remove the link"
        ),
        Altered { path, change, kind, name } => format!(
            "{path}: the register was changed outside the app: {}; use a backup",
            schema_change(*change, *kind, name)
        ),
    }
}

/// How the register's schema differs from the app's: "trigger audit_log_no_update is missing".
fn schema_change(change: crate::register::SchemaChange, kind: crate::register::ObjectKind, name: &str) -> String {
    use crate::register::{ObjectKind as K, SchemaChange as C};
    let kind = match kind {
        K::Table => "table",
        K::Index => "index",
        K::Trigger => "trigger",
        K::View => "view",
    };
    match change {
        C::Missing => format!("{kind} {name} is missing"),
        C::Changed => format!("{kind} {name} was changed"),
        C::Unexpected => format!("{kind} {name} was added (the app makes none)"),
    }
}

/// The register's one-line summary: "12 products rated 3 stars or more: 8 at 3 stars, 4 at 4 stars".
pub fn register_summary(stats: &crate::domain::register::stats::Statistics) -> String {
    let parts: Vec<String> = stats
        .valid_by_stars
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(stars, n)| format!("{n} at {stars} stars"))
        .collect();
    if parts.is_empty() {
        return "no valid OCOP product yet".into();
    }
    format!("{} products rated 3 stars or more: {}", stats.valid, parts.join(", "))
}

/// A registered product's standing.
pub fn register_status(s: &crate::domain::register::Status) -> String {
    use crate::domain::register::Status::*;
    match s {
        Valid => "valid".into(),
        Due => "due for re-rating".into(),
        Expired => "expired".into(),
        Revoked { reason } if reason.is_empty() => "revoked".into(),
        Revoked { reason } => format!("revoked: {reason}"),
    }
}

/// Why the devices' pairing slips were not written.
pub fn slips_error(e: &crate::workspace::SlipsError) -> String {
    use crate::workspace::SlipsError::*;
    match e {
        Store(e) => store_error(e),
        NotStarted => "scoring on devices has not started: start it first, then print the slips".into(),
        Report(e) => report_error(e),
    }
}
