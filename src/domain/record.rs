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

/// Why a dossier was scored again: the reason given when `round` was opened (from the audit log).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundReason {
    pub dossier: String,
    pub round: u32,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub session: Session,
    pub criteria: Arc<CriteriaSet>,
    pub ruleset: Ruleset,
    pub lock: Option<Lock>,
    /// The reasons re-scoring rounds were opened, oldest first; empty when not known.
    pub round_reasons: Vec<RoundReason>,
}

impl Record {
    /// The results as the session stands (locked or not).
    pub fn results(&self) -> Results {
        evaluate(&self.session, &self.criteria, &self.ruleset, self.lock.is_some())
    }

    /// A record of a session never stored (an exchange document): no audit, so no round reasons.
    pub fn unstored(session: Session, criteria: Arc<CriteriaSet>, ruleset: Ruleset) -> Record {
        Record { session, criteria, ruleset, lock: None, round_reasons: Vec::new() }
    }

    /// The reason round `round` of `dossier` was opened, if the audit log says.
    pub fn round_reason(&self, dossier: &str, round: u32) -> Option<&str> {
        self.round_reasons.iter().rev().find(|r| r.dossier == dossier && r.round == round).map(|r| r.reason.as_str())
    }

    /// Every dossier's earlier rounds, for the minutes' account of re-scoring.
    pub fn history(&self) -> Vec<DossierHistory> {
        history(&self.session, &self.criteria, &self.ruleset)
    }
}
