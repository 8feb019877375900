//! Data files that carry a `"format"` tag and an `"id"` (criteria sets, rulesets): the shared first
//! steps of reading one — JSON syntax, the right format, then typed fields with their JSON path.

use serde::de::DeserializeOwned;

/// What went wrong, with the file's id when it could be read ("?" otherwise).
#[derive(Clone, Debug, PartialEq)]
pub struct TaggedError {
    pub id: String,
    pub problem: TaggedProblem,
}

/// Why a tagged file could not be read; `crate::lang` words it for the kind of file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaggedProblem {
    /// Not JSON: serde_json's own words (English), with their line and column.
    Syntax(String),
    /// The `"format"` is not the one this kind of file has.
    NotThisFormat,
    /// A field of the wrong shape: its JSON path and serde's own words (English).
    Field { path: String, message: String },
}

/// The document as JSON and its id, once its syntax and format tag are right.
pub fn read(text: &str, format: &str) -> Result<(serde_json::Value, String), TaggedError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| TaggedError { id: "?".into(), problem: TaggedProblem::Syntax(e.to_string()) })?;
    let id = value.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string();
    if value.get("format").and_then(|v| v.as_str()) != Some(format) {
        return Err(TaggedError { id, problem: TaggedProblem::NotThisFormat });
    }
    Ok((value, id))
}

/// The typed fields of a document `read` accepted.
pub fn fields<T: DeserializeOwned>(value: serde_json::Value, id: &str) -> Result<T, TaggedError> {
    serde_path_to_error::deserialize(value).map_err(|e| TaggedError {
        id: id.to_string(),
        problem: TaggedProblem::Field { path: e.path().to_string(), message: e.inner().to_string() },
    })
}

/// `read`, then `fields`.
pub fn parse_tagged<T: DeserializeOwned>(text: &str, format: &str) -> Result<T, TaggedError> {
    let (value, id) = read(text, format)?;
    fields(value, &id)
}
