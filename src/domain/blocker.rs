//! Why a product has no result yet, or why the session cannot be finalised: one value per reason,
//! so screens, documents and refusals can act on it, and `crate::lang` can say it in either language.

use crate::domain::ruleset::Fraction;
use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// Fewer than `needs` of the `members` are present, or (if required) no chair nor vice-chair is.
    Quorum { present: u32, members: u32, needs: Fraction, chair_required: bool },
    /// The dossier's product sheet is not in the session's criteria set.
    SheetNotInSet { dossier: String, sheet: u32 },
    /// No submitted sheet of an expected member in the dossier's current round.
    NoCountedSheet { dossier: String, round: u32 },
    /// Some, not all, expected members have submitted; `members` are the ids still missing.
    MissingSheets { dossier: String, round: u32, members: Vec<String> },
    /// The spread of the round's totals is over the limit and the council has recorded no resolution.
    SpreadOverLimit { dossier: String, round: u32, spread: u32, limit: u32 },
}

impl Blocker {
    /// The dossier it is about; `None` for the session-wide quorum.
    pub fn dossier(&self) -> Option<&str> {
        match self {
            Blocker::Quorum { .. } => None,
            Blocker::SheetNotInSet { dossier, .. }
            | Blocker::NoCountedSheet { dossier, .. }
            | Blocker::MissingSheets { dossier, .. }
            | Blocker::SpreadOverLimit { dossier, .. } => Some(dossier),
        }
    }
}

/// The stable English form that `results --json` prints (design §6) and scripts match, e.g.
/// "YY-2023-04: spread 12 > 10"; the English of `lang` says the same.
impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(dossier) = self.dossier() {
            write!(f, "{dossier}: ")?;
        }
        match self {
            Blocker::Quorum { present, members, needs, chair_required } => {
                write!(f, "quorum: {present}/{members} present, needs {needs}")?;
                if *chair_required {
                    write!(f, " with the chair or a vice-chair")?;
                }
                Ok(())
            }
            Blocker::SheetNotInSet { sheet, .. } => write!(f, "sheet {sheet} is not in the criteria set"),
            Blocker::NoCountedSheet { round, .. } => write!(f, "no counted sheet in round {round}"),
            Blocker::MissingSheets { round, members, .. } => {
                write!(f, "missing sheets in round {round} from {}", members.join(", "))
            }
            Blocker::SpreadOverLimit { spread, limit, .. } => write!(f, "spread {spread} > {limit}"),
        }
    }
}

impl Serialize for Blocker {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Blockers in their English form, joined by `separator` (for messages that quote them all).
pub fn joined(blockers: &[Blocker], separator: &str) -> String {
    blockers.iter().map(ToString::to_string).collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn every_kind() -> Vec<Blocker> {
        vec![
            Blocker::Quorum { present: 5, members: 9, needs: Fraction { num: 2, den: 3 }, chair_required: true },
            Blocker::Quorum { present: 1, members: 3, needs: Fraction { num: 1, den: 2 }, chair_required: false },
            Blocker::SheetNotInSet { dossier: "D1".into(), sheet: 27 },
            Blocker::NoCountedSheet { dossier: "D1".into(), round: 1 },
            Blocker::MissingSheets { dossier: "YY-2023-01".into(), round: 2, members: vec!["m1".into(), "m3".into()] },
            Blocker::SpreadOverLimit { dossier: "YY-2023-04".into(), round: 1, spread: 12, limit: 10 },
        ]
    }

    #[test]
    fn english_form_is_the_one_of_design_6() {
        let texts: Vec<String> = every_kind().iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "quorum: 5/9 present, needs 2/3 with the chair or a vice-chair",
                "quorum: 1/3 present, needs 1/2",
                "D1: sheet 27 is not in the criteria set",
                "D1: no counted sheet in round 1",
                "YY-2023-01: missing sheets in round 2 from m1, m3",
                "YY-2023-04: spread 12 > 10",
            ]
        );
    }

    #[test]
    fn json_is_the_english_string() {
        let json = serde_json::to_string(&every_kind()[5..]).unwrap();
        assert_eq!(json, r#"["YY-2023-04: spread 12 > 10"]"#);
    }

    #[test]
    fn joined_quotes_each_in_order() {
        let b = every_kind();
        assert_eq!(
            joined(&b[3..5], "; "),
            "D1: no counted sheet in round 1; YY-2023-01: missing sheets in round 2 from m1, m3"
        );
        assert_eq!(joined(&[], "; "), "");
    }

    #[test]
    fn only_the_quorum_is_session_wide() {
        let blockers = every_kind();
        let dossiers: Vec<Option<&str>> = blockers.iter().map(Blocker::dossier).collect();
        assert_eq!(dossiers, [None, None, Some("D1"), Some("D1"), Some("YY-2023-01"), Some("YY-2023-04")]);
    }
}
