//! The rules of OCOP rating, pure: no files, no database, no GUI. Everything here is a function of
//! its arguments, so every rule can be unit-tested with hand-computed expectations.

pub mod audit;
pub mod blocker;
mod check;
pub mod criteria;
pub mod date;
pub mod facts;
pub mod fingerprint;
pub mod fixed;
pub mod history;
pub mod invalid;
pub mod legal;
pub mod preview;
pub mod record;
pub mod register;
pub mod ruleset;
pub mod scoring;
pub mod session;
pub mod sheet_status;
pub mod tagged;
pub mod text;

pub use blocker::Blocker;
pub use criteria::{CriteriaError, CriteriaSet};
pub use date::Date;
pub use fixed::Fixed;
pub use ruleset::{Ruleset, RulesetError};
pub use scoring::{Decision, ProductResult, Results, evaluate};
pub use session::Session;
