//! One sheet as it is being entered: the live totals, the band its total reaches and the stars its
//! missed star minimums allow — by the same rules as the results (`scoring`), for one sheet alone.

use crate::domain::Fixed;
use crate::domain::criteria::SheetIndex;
use crate::domain::ruleset::Ruleset;
use crate::domain::scoring::{SheetTotal, Unmet, cap_for, dense_total, unmet_minimums};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetPreview {
    pub totals: SheetTotal,
    /// Leaves answered so far, of `index.leaves.len()`.
    pub answered: usize,
    /// The band the total reaches (a whole number of points: no rounding is involved).
    pub band: u8,
    /// The stars the star minimums allow.
    pub cap: u8,
    /// min(band, cap): what this sheet alone would rate.
    pub stars: u8,
    /// The star minimums this sheet misses at or below its band — the ones that lower its rating.
    pub lowering: Vec<Unmet>,
}

pub fn preview(index: &SheetIndex<'_>, choices: &BTreeMap<String, u8>, ruleset: &Ruleset) -> SheetPreview {
    let dense = index.dense(choices);
    let totals = dense_total(index, &dense);
    let band = ruleset.band(Fixed::from_int(i64::from(totals.total), 0));
    let unmet = unmet_minimums(index, std::slice::from_ref(&dense));
    let cap = cap_for(&unmet);
    let answered = index.leaves.iter().filter(|l| choices.contains_key(&l.criterion.code)).count();
    let lowering = unmet.into_iter().filter(|u| u.level <= band).collect();
    SheetPreview { totals, answered, band, cap, stars: band.min(cap), lowering }
}

#[cfg(test)]
mod tests {
    //! On the "dial" sheet of `criteria::tests::tiny_set` (option k of a leaf is worth k points; 1.1
    //! needs 10 points for 3★ and 15 for 4★; criterion 2 needs 20 for 5★), QĐ 148 bands.
    use super::*;
    use crate::domain::criteria::tests::tiny_set;

    fn rate(choices: &[(&str, u8)]) -> SheetPreview {
        let set = tiny_set();
        let index = SheetIndex::new(&set.sheets[0]);
        let ruleset = Ruleset::from_json(include_str!("../../assets/rulesets/qd148-2023-huyen.json")).unwrap();
        let choices = choices.iter().map(|(c, o)| (c.to_string(), *o)).collect();
        preview(&index, &choices, &ruleset)
    }

    #[test]
    fn the_best_options_everywhere_give_100_points_and_5_stars() {
        let p = rate(&[("1.1", 20), ("1.2", 20), ("2", 25), ("3", 35)]);
        assert_eq!((p.totals.total, p.totals.parts.clone(), p.answered), (100, vec![40, 25, 35], 4));
        assert_eq!((p.band, p.cap, p.stars), (5, 5, 5));
        assert!(p.lowering.is_empty());
    }

    #[test]
    fn a_missed_4_star_minimum_caps_92_points_at_3_stars() {
        let p = rate(&[("1.1", 12), ("1.2", 20), ("2", 25), ("3", 35)]);
        assert_eq!((p.totals.total, p.band, p.cap, p.stars), (92, 5, 3, 3));
        assert_eq!(p.lowering, vec![Unmet { criterion: "1.1".into(), level: 4 }]);
    }

    #[test]
    fn minimums_above_the_band_do_not_lower_it() {
        let p = rate(&[("1.1", 5), ("1.2", 5), ("2", 5), ("3", 5)]);
        assert_eq!((p.totals.total, p.band, p.cap, p.stars), (20, 1, 2, 1));
        assert!(p.lowering.is_empty(), "{:?}", p.lowering);
    }

    #[test]
    fn a_sheet_being_entered_counts_what_is_answered() {
        let p = rate(&[("1.1", 12)]);
        assert_eq!((p.totals.total, p.answered), (12, 1));
        assert_eq!(rate(&[]).answered, 0);
    }
}
