//! English: every text of `crate::lang` in English.

use crate::domain::{Blocker, Decision};
use crate::lang::Verdict;

/// The stable form of design §6 (`Blocker`'s `Display`), which English readers and scripts share.
pub fn blocker(b: &Blocker) -> String {
    b.to_string()
}

pub fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Eliminated => "Eliminated",
        Decision::Pending => "Pending",
        Decision::NotAchieved => "Not achieved",
        Decision::Recognized => "Recognised",
        Decision::Forwarded => "Forwarded",
    }
}

pub fn verdict(v: &Verdict) -> String {
    let word = decision(v.decision);
    let stars = match v.stars {
        1 => "1 star".to_string(),
        n => format!("{n} stars"),
    };
    match v.decision {
        Decision::Eliminated | Decision::Pending => word.into(),
        Decision::Recognized => format!("{word} {stars}"),
        Decision::NotAchieved | Decision::Forwarded => format!("{word} ({stars})"),
    }
}
