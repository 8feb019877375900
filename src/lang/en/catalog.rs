//! The words for criteria sets and rulesets that cannot be used (built in, installed, or a session
//! file's snapshot) and what is damaged in a session file, in English.

use crate::domain::criteria::{CRITERIA_FORMAT, CriteriaError, CriteriaProblem};
use crate::domain::ruleset::{RULESET_FORMAT, RulesetError, RulesetProblem};
use crate::domain::tagged::TaggedProblem;

/// A tagged file that could not be read; `kind` names it ("criteria set").
fn tagged_problem(p: &TaggedProblem, kind: &str, format: &str) -> String {
    match p {
        TaggedProblem::Syntax(e) => format!("not readable as JSON: {e}"),
        TaggedProblem::NotThisFormat => format!("not a {kind} file (needs \"format\": \"{format}\")"),
        TaggedProblem::Field { path, message } => format!("{path}: {message}"),
    }
}

/// What is wrong with a criteria set, without its place.
pub fn criteria_problem(p: &CriteriaProblem) -> String {
    use CriteriaProblem::*;
    match p {
        File(t) => tagged_problem(t, "criteria set", CRITERIA_FORMAT),
        NoSheets => "it has no product sheets".into(),
        DuplicateSheet => "the sheet number appears twice".into(),
        PartCodes(codes) => format!("needs the three parts A, B, C; has {codes:?}"),
        PartMax { part, max, needed } => format!("part {part} is worth {max} points, needs {needed}"),
        PartSum { part, sum, max } => format!("part {part}: its groups of criteria add up to {sum}, not {max}"),
        EmptyCode => "the criterion code is empty".into(),
        DuplicateCode => "the criterion code appears twice".into(),
        EmptyTitle => "the criterion's title is empty".into(),
        ChildrenAndOptions => "it has both sub-criteria and options".into(),
        NoOptions => "it has no options".into(),
        ChildSum { max, sum } => format!("its maximum {max} is not the sum of its sub-criteria, {sum}"),
        EmptyOption(n) => format!("option {n} has no text"),
        StarMarker { option, star } => format!("option {option} is marked {star} stars (only 3, 4 or 5)"),
        BestOption { max, best } => format!("its maximum {max} is not the points of its best option, {best}"),
    }
}

/// "criteria set “x”, product sheet 1, criterion 1.1: …"
pub fn criteria_error(e: &CriteriaError) -> String {
    let mut out = format!("criteria set “{}”", e.set);
    if let Some(no) = e.sheet {
        out.push_str(&format!(", product sheet {no}"));
    }
    if let Some(code) = &e.criterion {
        out.push_str(&format!(", criterion {code}"));
    }
    format!("{out}: {}", criteria_problem(&e.problem))
}

/// "ruleset “x”: …"
pub fn ruleset_error(e: &RulesetError) -> String {
    use RulesetProblem::*;
    let problem = match &e.problem {
        File(t) => tagged_problem(t, "ruleset", RULESET_FORMAT),
        Quorum(f) => format!("defaults.quorum.fraction: {}", super::fraction_error(f)),
        Bands(stars) => format!("needs exactly one threshold for each of 2, 3, 4 and 5 stars; has {stars:?}"),
        BandOrder => "the thresholds must rise with the stars and be at most 100".into(),
        Recognizes => "“recognizes” must list star ratings from 3 to 5".into(),
        Decimals => format!("at most {} decimals", crate::domain::fixed::MAX_DECIMALS),
    };
    format!("ruleset “{}”: {problem}", e.id)
}

/// A criteria set or ruleset built into the program that cannot be used.
pub fn catalog_error(e: &crate::catalog::CatalogError) -> String {
    use crate::catalog::CatalogError::*;
    match e {
        Criteria(c) => format!("a built-in criteria file is damaged — {}", criteria_error(c)),
        Ruleset(r) => format!("a built-in ruleset file is damaged — {}", ruleset_error(r)),
        WrongId { file, found } => format!("the file “{file}” declares the id “{found}”"),
    }
}

/// What is damaged in a session file.
pub fn damage(d: &crate::store::Damage) -> String {
    use crate::store::Damage::*;
    match d {
        Database(sqlite) => format!("{sqlite} — use the latest archive"),
        MissingSnapshot(kind) => {
            format!("the saved copy of its {} is missing", if *kind == "criteria" { "criteria set" } else { kind })
        }
        MissingSession => "the session's details are missing".into(),
        MeetingDate(e) => format!("meeting date: {}", super::date_error(e)),
        MeetingTime { closed, error } => {
            format!("{}: {}", if *closed { "closing time" } else { "opening time" }, super::time_error(error))
        }
        Capacity(word) => format!("“{word}” is not a capacity a document is signed in"),
        UnknownWord(word) => format!("“{word}” is not a valid value"),
        Value(sqlite) => sqlite.clone(),
        Round { dossier, round } => {
            format!("dossier “{dossier}” is in scoring round {round}, outside 1–{}", crate::domain::session::MAX_ROUND)
        }
        Choices { member, dossier, round } => {
            format!("the sheet of “{member}” for “{dossier}” in round {round}: its choices cannot be read")
        }
        Criteria(e) => criteria_error(e),
        Ruleset(e) => ruleset_error(e),
        MissingAttachment(sha256) => format!("the content of attachment {sha256} is missing"),
        AuditAction { row, action } => format!("audit row {row}: the action “{action}” is unknown"),
    }
}

/// An installed criteria file that could not be used: "…/x.json: …".
pub fn installed_problem(p: &crate::catalog::installed::InstalledProblem) -> String {
    use crate::catalog::installed::InstalledError::*;
    let why = match &p.error {
        Unreadable(e) => super::io_error(e),
        NotUtf8 => "not UTF-8 text".into(),
        Criteria(e) => criteria_error(e),
    };
    format!("{}: {why}", p.path.display())
}

/// A text typed as a fingerprint that is not one.
pub fn not_a_fingerprint(e: &crate::archive::NotAFingerprint) -> String {
    format!("“{}” is not a fingerprint (16 hexadecimal digits or more, e.g. 1a2b-3c4d-5e6f-7a8b)", e.0)
}
