//! A session as documents read it: the session itself, the criteria set and ruleset it is scored
//! with, and its lock. No file or database here, so `report` can be built (and tested) without SQLite.

use crate::domain::history::{DossierHistory, history};
use crate::domain::{CriteriaSet, Results, Ruleset, Session, evaluate};
use std::sync::Arc;

/// When and by whom a session was locked, and its fingerprint at that moment (printed on every page).
#[derive(Clone, Debug, PartialEq)]
pub struct Lock {
    pub at: String,
    pub by: String,
    pub fingerprint: String,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub session: Session,
    pub criteria: Arc<CriteriaSet>,
    pub ruleset: Ruleset,
    pub lock: Option<Lock>,
}

impl Record {
    /// The results as the session stands (locked or not).
    pub fn results(&self) -> Results {
        evaluate(&self.session, &self.criteria, &self.ruleset, self.lock.is_some())
    }

    /// Every dossier's earlier rounds, for the minutes' account of re-scoring.
    pub fn history(&self) -> Vec<DossierHistory> {
        history(&self.session, &self.criteria, &self.ruleset)
    }
}
