//! The exchange format `ocop-council-session/2` (and `/1`, still read; design §5): the whole session as one JSON document.
//! Reading is strict (unknown fields and keys given twice are errors, texts hold no control or bidi
//! characters) and every error names its JSON path and quotes at most `EXCERPT_CHARS` of a value.

mod strict;

use crate::catalog::Catalog;
use crate::domain::session::{Invalid, Problem, excerpt};
use crate::domain::{CriteriaSet, Ruleset, Session};
use serde_json::Value;

pub use crate::domain::session::{SESSION_FORMAT, SESSION_FORMAT_V1, SESSION_FORMATS};

/// An exchange document that cannot be used; the message names the JSON path. `crate::lang`
/// says it in either language; `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    #[error("{}", crate::lang::vi::exchange_syntax(*line, *column, message))]
    Syntax { line: usize, column: usize, message: String },
    #[error("{0}")]
    Invalid(#[from] Invalid),
}

fn invalid(path: impl Into<String>, problem: Problem) -> ExchangeError {
    ExchangeError::Invalid(Invalid { path: path.into(), problem })
}

/// A message of serde's with every quoted value (`…` or "…") cut to an excerpt: serde quotes an
/// unknown variant or a mistyped string whole, however long.
fn cut_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let close = inside.find(quote).unwrap_or(inside.len());
        out.push_str(&excerpt(&inside[..close]));
        rest = &inside[close..];
        if let Some(q) = rest.chars().next() {
            out.push(q);
            rest = &rest[q.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// Parses and checks a session document against the catalog; `ruleset_override` replaces its ruleset.
pub fn parse<'c>(
    text: &str,
    catalog: &'c Catalog,
    ruleset_override: Option<&str>,
) -> Result<(Session, &'c CriteriaSet, &'c Ruleset), ExchangeError> {
    // A byte-order mark is how some editors save UTF-8: not part of the document.
    let value = strict::read(text.strip_prefix('\u{FEFF}').unwrap_or(text))?;
    match value.get("format").and_then(Value::as_str) {
        Some(known) if SESSION_FORMATS.contains(&known) => {}
        Some(other) => {
            let other = excerpt(other);
            return Err(invalid("format", Problem::UnsupportedFormat(other)));
        }
        None => return Err(invalid("format", Problem::MissingFormat)),
    }
    typed_texts(&value)?;
    let mut session: Session = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = excerpt(&e.path().to_string());
        // The root is serde_path_to_error's "."; `crate::lang` names it in each language.
        invalid(path, Problem::Shape(cut_quotes(&e.into_inner().to_string())))
    })?;
    if let Some(id) = ruleset_override {
        session.session.ruleset = id.to_string();
    }
    let ruleset = catalog.ruleset(&session.session.ruleset).ok_or_else(|| {
        let (id, known) = (excerpt(&session.session.ruleset), catalog.ruleset_ids().join(", "));
        invalid("session.ruleset", Problem::NoSuchRuleset { id, known })
    })?;
    let criteria = catalog.criteria(&session.session.criteria_set).ok_or_else(|| {
        let id = excerpt(&session.session.criteria_set);
        invalid("session.criteria_set", Problem::CriteriaNotInstalled(id))
    })?;
    session.check(criteria, ruleset.defaults)?;
    Ok((session, criteria, ruleset))
}

/// The texts whose refusal is ours (a date, a quorum fraction, a meeting time), checked before
/// serde, which could only carry it as one language's sentence: each refusal is a typed `Problem`.
fn typed_texts(value: &Value) -> Result<(), ExchangeError> {
    let text = |pointer: &str| value.pointer(pointer).and_then(Value::as_str);
    if let Some(t) = text("/session/meeting_date") {
        crate::domain::date::from_text(t).map_err(|e| invalid("session.meeting_date", Problem::NotADate(e)))?;
    }
    if let Some(t) = text("/session/settings/quorum/fraction") {
        let fraction = crate::domain::ruleset::Fraction::parse(t);
        fraction.map_err(|e| invalid("session.settings.quorum.fraction", Problem::NotAFraction(e)))?;
    }
    for (pointer, path) in
        [("/session/facts/opened", "session.facts.opened"), ("/session/facts/closed", "session.facts.closed")]
    {
        if let Some(t) = text(pointer) {
            t.parse::<crate::domain::facts::ClockTime>().map_err(|e| invalid(path, Problem::NotATime(e)))?;
        }
    }
    Ok(())
}

/// The document as written by `export`: two-space indentation, a final newline.
pub fn to_json(session: &Session) -> String {
    let mut text = serde_json::to_string_pretty(session).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
