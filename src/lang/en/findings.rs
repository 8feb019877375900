//! English: the findings of a dossier import (a list's rows, a table file, a folder), of `verify`
//! and of the session checker, with the lines of their reports.

use super::*;

/// A column of a dossier list, in English.
pub fn field(f: crate::dossier::Field) -> &'static str {
    use crate::dossier::Field::*;
    match f {
        Number => "No.",
        Code => "Dossier code",
        Product => "Product name",
        Sheet => "Product sheet",
        Producer => "Producer",
        EntityType => "Type of producer",
        Representative => "Representative",
        Address => "Address",
        Phone => "Phone",
        Kind => "Kind of rating",
        SelfScore => "Self-assessed score",
    }
}

/// A finding of a dossier import with its place: "ds.csv, row 4, column “Product sheet”: …".
pub fn finding(f: &crate::dossier::Finding) -> String {
    let mut out = f.file.clone();
    if let Some(r) = f.row {
        out.push_str(&format!(", row {r}"));
    }
    if let Some(c) = f.column {
        out.push_str(&format!(", column “{}”", field(c)));
    }
    format!("{out}: {}", note(&f.note))
}

pub fn import_summary(s: &crate::lang::ImportSummary) -> String {
    match *s {
        crate::lang::ImportSummary::List { add, update } => {
            format!("Adds {add} dossier{}, updates {update}.", if add == 1 { "" } else { "s" })
        }
        crate::lang::ImportSummary::Folder { files, bytes } => {
            format!("Attaches {files} file{} ({:.1} MB).", if files == 1 { "" } else { "s" }, bytes as f64 / 1e6)
        }
    }
}

pub fn warning_line(finding: &str) -> String {
    format!("Note — {finding}")
}

pub fn error_line(finding: &str) -> String {
    format!("Error — {finding}")
}

/// What a finding of a dossier import says, in English.
pub fn note(n: &crate::dossier::Note) -> String {
    use crate::dossier::Note::*;
    match n {
        EmptyList => "the file is empty, it has no rows".into(),
        NoHeader => "no header row with a “Tên sản phẩm” (product name) column in the first 10 rows".into(),
        UnusedColumn(c) => format!("column “{c}” is not used, skipped"),
        MissingColumn => "a required column is missing".into(),
        MissingProduct => "the product name is missing".into(),
        MissingProducer => "the producer's name is missing".into(),
        UnknownSheet(t) => format!("“{t}” is no product sheet (a number 1–26 or the sheet's name)"),
        SheetNotWhole(t) => format!("“{t}” is not a sheet number: a sheet number is a whole number from 1 to 26"),
        BadSelfScore(t) => format!("“{t}” is not a score from 0 to 100"),
        ForbiddenChar(c) => format!("holds the control or text-direction character U+{c:04X}, not allowed in a text"),
        UnknownEntity(t) => format!("“{t}”: unknown type of producer, recorded as “other”"),
        UnknownKind(t) => format!("“{t}”: unknown kind of rating, recorded as “new”"),
        DuplicateCode { code, first } => format!("code “{code}” is the same as on row {first}"),
        Table(p) => table_problem(p),
        UnknownFileType => "the kind of file is not recognised (it needs .xlsx, .ods, .csv or .json)".into(),
        JsonSyntax(e) => format!("invalid JSON: {e}"),
        JsonNotArray => "a JSON array of dossiers is needed".into(),
        JsonNotObject(i) => format!("[{i}]: a dossier object is needed"),
        JsonUnknownField { item, field } => format!("[{item}].{field}: not a field of a dossier"),
        RootIsLink => "is a link (symlink); choose the dossier folder itself".into(),
        NotAFolder => "is not a folder".into(),
        Unreadable(e) => format!("cannot be read ({})", io_error(e)),
        PathTooLong => {
            "the path is too deep or too long to open: copy the documents into a shallower folder, with shorter names"
                .into()
        }
        LinkRefused => "links (symlinks) are not accepted: copy the real file into the folder".into(),
        LooseFile => "a loose file outside the product folders, skipped".into(),
        UnmatchedFolder => "the folder matches no dossier code or product name, skipped".into(),
        SameDossier { code, first } => {
            format!("matches dossier {code} as folder “{first}” does: the documents of both are attached")
        }
        NoFolder { code, product } => format!("dossier {code} ({product}) has no folder of documents"),
        SameName { name, earlier, code } => format!(
            "“{name}” has the same name as “{earlier}” of dossier {code}: both are attached, this one with a number added to its name"
        ),
        TooDeep { max } => format!("the path is too deep to open (more than {max} folder levels): not accepted"),
        LinkOrOutside => "a link (symlink) or a file outside the chosen folder: not accepted".into(),
        NotRegular => "not a regular file (a FIFO, socket or device): not accepted".into(),
        TooLarge { bytes, limit } => {
            format!("too large ({:.0} MB > {:.0} MB allowed)", *bytes as f64 / 1e6, *limit as f64 / 1e6)
        }
        Undecodable { name } => {
            format!("the file name has characters that cannot be read (not Unicode): stored as “{name}”")
        }
    }
}

/// Why a file cannot be read as a table, in English.
pub fn table_problem(p: &crate::table::Problem) -> String {
    use crate::table::{MAX_CELLS, MAX_PARTS, MAX_RATIO, MAX_SHARED_STRINGS, Problem::*};
    match p {
        Unreadable(e) => format!("the file cannot be read: {}", io_error(e)),
        Empty => "the file is empty".into(),
        BrokenUtf8 => "the file starts as UTF-8 but has invalid bytes".into(),
        BrokenUtf16 => "the file is invalid UTF-16".into(),
        LegacyCodePage => "the file is not in UTF-8 (probably saved in the old Windows-1258/CP1252 code page, which garbles Vietnamese); \
             open it in Excel and save it again as “CSV UTF-8 (Comma delimited)”"
            .into(),
        PasswordProtected => {
            "the workbook has a password: open it in Excel, remove the password (File → Info → Protect Workbook) and save it again"
                .into()
        }
        Damaged(e) => format!("the workbook is damaged or not fully copied and cannot be opened ({e}); get the original file again"),
        FirstSheetUnreadable(e) => format!("the first worksheet cannot be read ({e})"),
        NoWorksheet => "the workbook has no worksheet".into(),
        TooManyParts { count } => {
            format!("the workbook has {count} parts, over the limit of {MAX_PARTS}: it is damaged or not a real workbook")
        }
        PartTooLarge { part, bytes, limit } => format!(
            "part “{part}” of the workbook inflates to {} MB, over the limit of {} MB: a “zip bomb” or a damaged file, not opened; \
             save the workbook again with only the list to import",
            bytes.div_ceil(1 << 20),
            limit >> 20
        ),
        PartTooCompressed { part, ratio } => {
            format!("part “{part}” of the workbook is compressed {ratio} times (the limit is {MAX_RATIO}): a “zip bomb”, not opened")
        }
        PartSizeLies { part, declared } => {
            format!("part “{part}” of the workbook declares {declared} bytes but inflates to more: the file was tampered with, not opened")
        }
        TooManyStrings { declared } => format!(
            "the workbook declares {declared} shared strings, over the limit of {MAX_SHARED_STRINGS}: damaged or made to do harm"
        ),
        BadSharedString { part, cell, index, strings } => format!(
            "cell {cell} (“{part}”) points to shared string “{index}”, which the table of {strings} strings lacks: the file is damaged"
        ),
        SheetTooLarge { from, to, cells } => format!(
            "the first worksheet spans cells {from} to {to} ({cells} cells), over the limit of {MAX_CELLS}: \
             delete the stray cells far away (such as {to}) and save it again"
        ),
    }
}

/// A scored dossier whose criteria sheet an import would change.
pub fn at_stake(a: &crate::import::AtStake) -> String {
    let s = if a.sheets == 1 { "" } else { "s" };
    format!("dossier {}: product sheet {} → {} discards {} score sheet{s}", a.dossier, a.from, a.to, a.sheets)
}

/// An attachment the file no longer holds as it was attached, in English.
pub fn attachment_problem(p: &crate::archive::AttachmentProblem) -> String {
    use crate::archive::AttachmentProblem::*;
    match p {
        Replaced { dossier, name } => {
            format!(
                "Dossier {dossier}, file “{name}”: its content was replaced (it no longer matches its SHA-256 of when it was attached)"
            )
        }
        Missing { dossier, name } => {
            format!("Dossier {dossier}, file “{name}”: its content is gone from the session file (deleted or re-keyed)")
        }
        Unlisted { sha256 } => format!(
            "Content stored under key {}… (no attachment's) does not match its key",
            &sha256[..12.min(sha256.len())]
        ),
    }
}

/// A lock row that is not the one the app wrote, in English; times in this PC's local time.
pub fn lock_problem(p: &crate::archive::LockProblem) -> String {
    use crate::archive::LockProblem::*;
    use crate::domain::fingerprint::short;
    let local = |at: &str| crate::lang::local_time(at, crate::lang::Lang::En);
    match p {
        NotLocked => {
            "The results of this file are NOT locked: it is not a locked record that matches the signed paper".into()
        }
        ClearedLock { at, by } => format!(
            "The file says it is not locked, but its audit trail has it locked at {} by {by} and never reopened: the lock row was deleted",
            local(at)
        ),
        NoLockEvent => {
            "The file says it is locked, but its audit trail records no such lock: the lock row was edited by hand"
                .into()
        }
        ReopenedInTrail { at, by } => format!(
            "The file says it is locked, but its audit trail has it reopened at {} by {by}: the lock row was edited by hand",
            local(at)
        ),
        FingerprintDiffers { row, trail } => format!(
            "The fingerprint in the lock row ({}) differs from the one the audit trail recorded at the lock ({})",
            short(row),
            short(trail)
        ),
        AuthorDiffers { row, trail } => {
            format!("The lock row says it was locked by “{row}”, the audit trail “{trail}”")
        }
        TimeDiffers { row, trail } => {
            format!("The lock row says it was locked at {}, the audit trail {}", local(row), local(trail))
        }
        DecisionDiffers { row, trail } => format!(
            "The recognition decision in the file (“{row}”) differs from the one the audit trail recorded (“{trail}”): it was changed outside the app"
        ),
        DecisionNotInTrail { row } => {
            format!(
                "The file has a recognition decision (“{row}”) its audit trail never recorded: added outside the app"
            )
        }
        DecisionCleared { trail } => format!(
            "The audit trail recorded a recognition decision (“{trail}”) the file no longer has: deleted outside the app"
        ),
    }
}

/// A verification's report in English, one finding per line; times in this PC's local time.
pub fn verify_lines(r: &crate::archive::VerifyReport) -> Vec<String> {
    use crate::domain::fingerprint::short;
    let yes_no = |b: bool| if b { "matches" } else { "does NOT match" };
    let mut out = vec![
        format!("File: {}", r.path.display()),
        format!("Integrity (SQLite): {}", if r.integrity == "ok" { "good" } else { &r.integrity }),
        format!("Schema version: {}", r.schema_version),
        match &r.lock {
            Some(l) => {
                format!("State: locked at {} by {}", crate::lang::local_time(&l.at, crate::lang::Lang::En), l.by)
            }
            None => "State: results NOT locked".into(),
        },
        format!("Fingerprint: {} ({})", short(&r.fingerprint), r.fingerprint),
    ];
    if let Some(m) = r.matches_lock {
        out.push(format!("Against the fingerprint at the lock: {}", yes_no(m)));
    }
    if let Some(m) = r.matches_typed {
        out.push(format!("Against the fingerprint on the signed paper: {}", yes_no(m)));
    }
    out.extend(r.lock_problems.iter().map(lock_problem));
    out.extend(r.attachments.iter().map(attachment_problem));
    out.push(match r.matches_checksum {
        Some(m) => format!("Against the archive's .sha256 checksum file: {}", yes_no(m)),
        None => "No .sha256 checksum file beside it (not an archive?)".into(),
    });
    out.push(if r.ok() { "VERDICT: the file is intact.".into() } else { "VERDICT: the file FAILS the checks.".into() });
    out
}

/// What breaks a rule of the exchange format, in English.
pub fn session_problem(p: &crate::domain::session::Problem) -> String {
    use crate::domain::session::{Problem::*, SESSION_FORMAT, SESSION_FORMAT_V1};
    match p {
        WrongFormat => format!("needs \"{SESSION_FORMAT}\""),
        FactsInFirstFormat => format!("\"{SESSION_FORMAT_V1}\" records no meeting facts; needs \"{SESSION_FORMAT}\""),
        UnsupportedFormat(f) => format!("“{f}” is not supported; needs “{SESSION_FORMAT}”"),
        MissingFormat => format!("missing; needs “{SESSION_FORMAT}”"),
        Shape(serde) => serde.clone(),
        NotADate(e) => date_error(e),
        NotAFraction(e) => fraction_error(e),
        NotATime(e) => time_error(e),
        NoSuchRuleset { id, known } => format!("there is no ruleset “{id}”; there are: {known}"),
        CriteriaNotInstalled(id) => format!("the criteria set “{id}” is not installed"),
        ForbiddenChar(c) => format!("holds the control or text-direction character U+{c:04X}, not allowed in a text"),
        KeyTooLong { length, max } => format!("a key of {length} characters (at most {max})"),
        TextTooLong { length, max } => format!("a text of {length} characters (at most {max})"),
        DuplicateKey(k) => format!("key “{k}” appears twice in one object"),
        TooManyDecimals(max) => format!("at most {max} decimals"),
        SpreadOver100 => "at most 100 points".into(),
        EmptyMemberId => "the member's code is empty".into(),
        DuplicateMemberId(id) => format!("member code “{id}” appears twice"),
        EmptyName => "the name is empty".into(),
        SecondChair => "the council has only one chair".into(),
        NoSuchMember(id) => format!("there is no member “{id}”"),
        EmptyGuestName => "the guest's name is empty".into(),
        EmptyDocumentName => "the document's name is empty".into(),
        EmptyDossierCode => "the dossier code is empty".into(),
        DuplicateDossierCode(code) => format!("dossier code “{code}” appears twice"),
        EmptyProduct => "the product name is empty".into(),
        EmptyProducer => "the producer's name is empty".into(),
        SheetNotInSet { sheet, set } => format!("product sheet {sheet} is not in the criteria set “{set}”"),
        SelfScoreOver100 => "the self-assessed score is at most 100".into(),
        EmptyElimination => "write down why the dossier is eliminated (or null)".into(),
        RecusedTwice(m) => format!("member “{m}” is listed twice"),
        RoundZero => "scoring rounds start at 1".into(),
        RoundOverMax { round, max } => format!("scoring round {round} is over {max}"),
        RoundBelowScored { round, scored } => {
            format!("the current round {round} is below round {scored}, which has sheets already")
        }
        NoSuchDossier(code) => format!("there is no dossier “{code}”"),
        NotAScorer(m) => format!("member “{m}” does not score"),
        Recused { member, dossier } => format!("member “{member}” does not score dossier “{dossier}” (recused)"),
        DuplicateSheet { member, dossier, round } => {
            format!("the sheet of “{member}” for “{dossier}” in round {round} appears twice")
        }
        NoSuchSheet(n) => format!("there is no product sheet {n}"),
        NoSuchCriterion { sheet, code } => format!("product sheet {sheet} has no leaf criterion “{code}”"),
        NoSuchOption { choice, options } => {
            format!("there is no option {choice} (the criterion has {options} options)")
        }
        DraftChecked => "a sheet being typed (draft) cannot have been read back (checked)".into(),
        SubmittedIncomplete(code) => format!("a submitted sheet scores every criterion; “{code}” is missing"),
        AuditNeedsTime => "every audit row needs its time (at) and action".into(),
        NoSuchRound { dossier, round } => format!("dossier “{dossier}” has no round {round}"),
        EmptyResolution => "write down the council's resolution".into(),
        DuplicateResolution { dossier, round } => format!("“{dossier}” round {round} has a resolution already"),
    }
}

/// The name a form gives the field at a session document's JSON path, when it has one.
pub fn field_name(path: &str) -> Option<&'static str> {
    Some(match path {
        "format" => "File format",
        "session.title" => "Title",
        "session.ruleset" => "Ruleset",
        "session.criteria_set" => "Criteria set",
        "session.authority" => "Authority",
        "session.province" => "Province",
        "session.council_decision" => "Council decision",
        "session.meeting_date" => "Meeting date",
        "session.meeting_place" => "Place",
        "session.settings" => "Settings",
        "session.settings.spread_limit" => "Spread limit",
        "session.settings.decimals" => "Decimals",
        "session.settings.quorum" => "Quorum",
        "session.settings.quorum.fraction" => "Quorum",
        "session.settings.quorum.chair_required" => "Chair or vice-chair required",
        "session.settings.check_required" => "Sheets read back",
        "session.facts.opened" => "Opened at",
        "session.facts.closed" => "Closed at",
        "session.facts.chair" => "Chaired by",
        "session.facts.secretary" => "Secretary",
        "session.facts.recipients" => "Recipients",
        _ => return None,
    })
}

/// A text that is not a date written YYYY-MM-DD.
pub fn date_error(e: &crate::domain::date::DateError) -> String {
    format!("“{}” is not a date written YYYY-MM-DD (such as 2023-06-05)", crate::domain::session::excerpt(&e.0))
}

/// A text that is not a time written HH:MM.
pub fn time_error(e: &crate::domain::facts::TimeError) -> String {
    format!("“{}” is not a time written HH:MM (such as 07:30)", crate::domain::session::excerpt(&e.0))
}

/// A text that is not a quorum fraction.
pub fn fraction_error(e: &crate::domain::ruleset::FractionError) -> String {
    let max = crate::domain::ruleset::MAX_DENOMINATOR;
    format!("“{}” is not a fraction such as 2/3 between 0 and 1 (denominator at most {max})", e.0)
}

/// A session document that breaks a rule, with its JSON path.
pub fn invalid(i: &crate::domain::session::Invalid) -> String {
    format!("{}: {}", json_path(&i.path), session_problem(&i.problem))
}

/// A JSON path as the message shows it; the document itself (serde's ".") is "(root)".
pub fn json_path(path: &str) -> &str {
    if path == "." { "(root)" } else { path }
}

pub fn exchange_error(e: &crate::exchange::ExchangeError) -> String {
    match e {
        crate::exchange::ExchangeError::Syntax { line, column, message } => {
            format!("invalid JSON at line {line}, column {column}: {message}")
        }
        crate::exchange::ExchangeError::Invalid(i) => invalid(i),
    }
}
