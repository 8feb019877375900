//! The register's statistics on a day: products valid by stars, grouped by year of decision, stars,
//! product group or commune, and how many expire in each coming quarter — what a district sends up.

use super::{RegisteredProduct, Status, serialize_date};
use crate::domain::date::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// What the statistics are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Year,
    Stars,
    Group,
    Commune,
}

impl GroupBy {
    pub fn parse(word: &str) -> Option<GroupBy> {
        match word {
            "year" => Some(GroupBy::Year),
            "stars" => Some(GroupBy::Stars),
            "group" => Some(GroupBy::Group),
            "commune" => Some(GroupBy::Commune),
            _ => None,
        }
    }

    fn key(self, product: &RegisteredProduct) -> String {
        match self {
            GroupBy::Year => product.decision_date.year().to_string(),
            GroupBy::Stars => product.stars.to_string(),
            GroupBy::Group => product.group.clone(),
            GroupBy::Commune => product.commune.clone(),
        }
    }
}

/// Counts of 3, 4 and 5 stars (keys "3", "4", "5" in JSON).
pub type ByStars = BTreeMap<String, usize>;

fn empty_by_stars() -> ByStars {
    ["3", "4", "5"].into_iter().map(|s| (s.to_string(), 0)).collect()
}

/// One group's valid products.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCount {
    pub key: String,
    pub valid_by_stars: ByStars,
    pub valid: usize,
}

/// How many certificates expire in one calendar quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuarterCount {
    /// "2026-Q3".
    pub quarter: String,
    pub expiring: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statistics {
    #[serde(serialize_with = "serialize_date")]
    pub on: Date,
    pub total: usize,
    /// Not revoked and not expired on the day (due products are still valid).
    pub valid: usize,
    pub valid_by_stars: ByStars,
    pub due: usize,
    pub expired: usize,
    pub revoked: usize,
    pub by: GroupBy,
    /// Valid products per group, in key order.
    pub groups: Vec<GroupCount>,
    /// The quarter of the day and the seven after it.
    pub expiring_per_quarter: Vec<QuarterCount>,
}

/// How many quarters ahead the expiry counts look (two years: a certificate's re-rating is planned
/// that far).
pub const QUARTERS_AHEAD: usize = 8;

/// The statistics of `products` on `day`, grouped `by`.
pub fn statistics<'a>(products: impl IntoIterator<Item = &'a RegisteredProduct>, day: Date, by: GroupBy) -> Statistics {
    let mut stats = Statistics {
        on: day,
        total: 0,
        valid: 0,
        valid_by_stars: empty_by_stars(),
        due: 0,
        expired: 0,
        revoked: 0,
        by,
        groups: Vec::new(),
        expiring_per_quarter: Vec::new(),
    };
    let mut groups: BTreeMap<String, GroupCount> = BTreeMap::new();
    let first_quarter = quarter_index(day);
    let mut quarters = vec![0usize; QUARTERS_AHEAD];
    for product in products {
        stats.total += 1;
        match product.status(day) {
            Status::Revoked { .. } => stats.revoked += 1,
            Status::Expired => stats.expired += 1,
            Status::Due => stats.due += 1,
            Status::Valid => {}
        }
        if !product.valid_on(day) {
            continue;
        }
        stats.valid += 1;
        let stars = product.stars.to_string();
        *stats.valid_by_stars.entry(stars.clone()).or_default() += 1;
        let key = by.key(product);
        let group =
            groups.entry(key.clone()).or_insert_with(|| GroupCount { key, valid_by_stars: empty_by_stars(), valid: 0 });
        group.valid += 1;
        *group.valid_by_stars.entry(stars).or_default() += 1;
        let ahead = quarter_index(product.valid_until) - first_quarter;
        if let Some(count) = usize::try_from(ahead).ok().and_then(|i| quarters.get_mut(i)) {
            *count += 1;
        }
    }
    stats.groups = groups.into_values().collect();
    stats.expiring_per_quarter = quarters
        .into_iter()
        .enumerate()
        .map(|(i, expiring)| {
            let index = first_quarter + i as i64;
            QuarterCount { quarter: format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1), expiring }
        })
        .collect();
    stats
}

/// Quarters counted from year 0: 2026 Q3 is 2026 × 4 + 2.
fn quarter_index(day: Date) -> i64 {
    i64::from(day.year()) * 4 + i64::from((day.month() - 1) / 3)
}
