//! The exchange format `ocop-council-session/1` (design §5): the whole session as one JSON document.
//! Reading is strict (unknown fields are errors) and every error names its JSON path.

use crate::catalog::Catalog;
use crate::domain::session::Invalid;
use crate::domain::text::nfc;
use crate::domain::{CriteriaSet, Ruleset, Session};
use serde_json::Value;

pub use crate::domain::session::SESSION_FORMAT;

/// An exchange document that cannot be used; the message names the JSON path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    #[error("JSON không hợp lệ ở dòng {line}, cột {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("{0}")]
    Invalid(#[from] Invalid),
}

fn invalid(path: impl Into<String>, problem: impl Into<String>) -> ExchangeError {
    ExchangeError::Invalid(Invalid { path: path.into(), problem: problem.into() })
}

/// Every string and key in NFC, so what a script sends is stored as the app would type it.
fn normalise(value: Value) -> Value {
    match value {
        Value::String(s) => Value::String(nfc(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(normalise).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (nfc(&k), normalise(v))).collect()),
        other => other,
    }
}

/// Parses and checks a session document against the catalog; `ruleset_override` replaces its ruleset.
pub fn parse<'c>(
    text: &str,
    catalog: &'c Catalog,
    ruleset_override: Option<&str>,
) -> Result<(Session, &'c CriteriaSet, &'c Ruleset), ExchangeError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ExchangeError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string().split(" at line").next().unwrap_or_default().to_string(),
    })?;
    let value = normalise(value);
    match value.get("format").and_then(Value::as_str) {
        Some(SESSION_FORMAT) => {}
        Some(other) => {
            return Err(invalid("format", format!("«{other}» không được hỗ trợ; cần «{SESSION_FORMAT}»")));
        }
        None => return Err(invalid("format", format!("thiếu; cần «{SESSION_FORMAT}»"))),
    }
    let mut session: Session = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        invalid(if path == "." { "(gốc)".to_string() } else { path }, e.into_inner().to_string())
    })?;
    if let Some(id) = ruleset_override {
        session.session.ruleset = id.to_string();
    }
    let ruleset = catalog.ruleset(&session.session.ruleset).ok_or_else(|| {
        invalid(
            "session.ruleset",
            format!("không có quy tắc «{}»; có: {}", session.session.ruleset, catalog.ruleset_ids().join(", ")),
        )
    })?;
    let criteria = catalog.criteria(&session.session.criteria_set).ok_or_else(|| {
        invalid("session.criteria_set", format!("bộ tiêu chí «{}» chưa được cài đặt", session.session.criteria_set))
    })?;
    session.check(criteria, ruleset.defaults)?;
    Ok((session, criteria, ruleset))
}

/// The document as written by `export`: two-space indentation, a final newline.
pub fn to_json(session: &Session) -> String {
    let mut text = serde_json::to_string_pretty(session).unwrap_or_default();
    text.push('\n');
    text
}
