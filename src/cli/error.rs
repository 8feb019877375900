//! How a command fails: bad input or a refused action (exit 2), or an internal fault (exit 1).

use crate::store::StoreError;
use std::path::Path;

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

/// A store error from an action on `file`: a refusal names the file first (the store's own
/// message does not), anything else maps as `From` does. The one place that looks inside a
/// `StoreError` beyond `From`.
pub fn naming_file(file: &Path) -> impl Fn(StoreError) -> CliError + '_ {
    move |e| if e.is_rule_refusal() { CliError::Refused(format!("{}: {e}", file.display())) } else { e.into() }
}
