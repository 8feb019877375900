//! The office's OCOP register (issue 18): its own file in the data folder (`store`), filled from
//! locked sessions (`from_session`) and from the spreadsheet registers offices keep (`import`).
//! The rules (validity, due, statistics) are `domain::register`'s.

pub mod documents;
mod enter;
pub mod error;
pub mod from_session;
pub mod import;
pub mod rerate;
pub mod schema;
pub mod store;

pub use error::{NAMED_ROWS, ObjectKind, RegisterError, Result, RowFault, RowProblem, SchemaChange, named_rows};
pub use store::{Counts, Entry, Register, default_path};

/// Today by the computer's clock (UTC), for "due on" and "valid on" when no day is given.
pub fn today() -> Option<crate::domain::Date> {
    crate::store::now_utc().get(..10).and_then(|d| d.parse().ok())
}
