//! Data files that carry a `"format"` tag and an `"id"` (criteria sets, rulesets): the shared first
//! steps of reading one — JSON syntax, the right format, then typed fields with their JSON path.

use serde::de::DeserializeOwned;

/// What went wrong, with the file's id when it could be read ("?" otherwise).
#[derive(Clone, Debug, PartialEq)]
pub struct TaggedError {
    pub id: String,
    pub problem: String,
}

/// `kind` names the file in Vietnamese for the message, e.g. "bộ tiêu chí".
pub fn parse_tagged<T: DeserializeOwned>(text: &str, format: &str, kind: &str) -> Result<T, TaggedError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| TaggedError { id: "?".into(), problem: format!("không đọc được JSON: {e}") })?;
    let id = value.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string();
    if value.get("format").and_then(|v| v.as_str()) != Some(format) {
        return Err(TaggedError {
            id, problem: format!("không phải tệp {kind} (cần \"format\": \"{format}\")")
        });
    }
    serde_path_to_error::deserialize(value)
        .map_err(|e| TaggedError { id, problem: format!("{}: {}", e.path(), e.inner()) })
}
