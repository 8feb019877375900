//! A score sheet's life (issue 13.1), modelled on kiesraad/abacus' data-entry status: each state
//! says what may happen next, and every other step is refused with the state it was tried from.
//!
//! ```text
//!   draft ──submit──▶ submitted ──check──▶ checked
//!                        ▲  │                 │
//!                 submit │  └────reopen───────┤ (with a reason)
//!                        │                    ▼
//!                        └──────────────── reopened
//! ```
//! Only a draft or a reopened sheet takes choices and comments; only a submitted or checked sheet
//! counts. A reopened sheet stops counting until it is submitted again, so a correction is never
//! half in the results.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    /// Being entered: not counted, need not answer every leaf.
    Draft,
    /// Handed in: counts, refuses changes.
    Submitted,
    /// Submitted, then typed again blind by another person and the differences resolved.
    Checked,
    /// Submitted once, opened again with a reason to correct it: takes changes, does not count.
    Reopened,
}

/// What can be done to a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetStep {
    /// Change a choice or the comment.
    Edit,
    Submit,
    /// Record the read-back check.
    Check,
    /// Open a submitted sheet again for a correction.
    Reopen,
}

/// A step the sheet's state does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepRefused {
    pub from: SheetStatus,
    pub step: SheetStep,
}

impl SheetStatus {
    pub const ALL: [SheetStatus; 4] =
        [SheetStatus::Draft, SheetStatus::Submitted, SheetStatus::Checked, SheetStatus::Reopened];

    /// The stored name ("reopened").
    pub fn as_str(self) -> &'static str {
        match self {
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Checked => "checked",
            SheetStatus::Reopened => "reopened",
        }
    }

    /// Whether the sheet takes choices and comments.
    pub fn editable(self) -> bool {
        matches!(self, SheetStatus::Draft | SheetStatus::Reopened)
    }

    /// Whether the sheet is part of the results.
    pub fn counts(self) -> bool {
        matches!(self, SheetStatus::Submitted | SheetStatus::Checked)
    }

    /// The state after `step`, or why it is refused. Editing keeps the state.
    pub fn after(self, step: SheetStep) -> Result<SheetStatus, StepRefused> {
        use SheetStatus::*;
        let next = match (self, step) {
            (Draft | Reopened, SheetStep::Edit) => Some(self),
            (Draft | Reopened, SheetStep::Submit) => Some(Submitted),
            (Submitted, SheetStep::Check) => Some(Checked),
            (Submitted | Checked, SheetStep::Reopen) => Some(Reopened),
            _ => None,
        };
        next.ok_or(StepRefused { from: self, step })
    }

    /// The state of a sheet as the exchange document and `Session` carry it (`draft`, `checked`).
    /// A reopened sheet is written as a draft, so it reads back as one.
    pub fn from_flags(draft: bool, checked: bool) -> SheetStatus {
        match (draft, checked) {
            (true, _) => SheetStatus::Draft,
            (false, false) => SheetStatus::Submitted,
            (false, true) => SheetStatus::Checked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SheetStatus::*;
    use super::*;

    #[test]
    fn a_sheet_goes_draft_submitted_checked_and_back_only_by_reopening() {
        assert_eq!(Draft.after(SheetStep::Edit), Ok(Draft));
        assert_eq!(Draft.after(SheetStep::Submit), Ok(Submitted));
        assert_eq!(Submitted.after(SheetStep::Check), Ok(Checked));
        assert_eq!(Checked.after(SheetStep::Reopen), Ok(Reopened));
        assert_eq!(Submitted.after(SheetStep::Reopen), Ok(Reopened));
        assert_eq!(Reopened.after(SheetStep::Edit), Ok(Reopened));
        assert_eq!(Reopened.after(SheetStep::Submit), Ok(Submitted));
    }

    #[test]
    fn every_other_step_is_refused_with_where_it_was_tried_from() {
        for (from, step) in [
            (Submitted, SheetStep::Edit),
            (Checked, SheetStep::Edit),
            (Submitted, SheetStep::Submit),
            (Checked, SheetStep::Submit),
            (Draft, SheetStep::Check),
            (Reopened, SheetStep::Check),
            (Checked, SheetStep::Check),
            (Draft, SheetStep::Reopen),
            (Reopened, SheetStep::Reopen),
        ] {
            assert_eq!(from.after(step), Err(StepRefused { from, step }), "{from:?} {step:?}");
        }
    }

    #[test]
    fn only_handed_in_sheets_count_and_only_open_ones_take_changes() {
        let counts: Vec<bool> = SheetStatus::ALL.iter().map(|s| s.counts()).collect();
        let editable: Vec<bool> = SheetStatus::ALL.iter().map(|s| s.editable()).collect();
        assert_eq!(counts, [false, true, true, false]);
        assert_eq!(editable, [true, false, false, true]);
        for s in SheetStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(SheetStatus::from_flags(true, false), Draft);
        assert_eq!(SheetStatus::from_flags(false, true), Checked);
    }
}
