//! The criteria sets and rulesets this build knows, embedded in the binary and checked at start-up.

pub mod installed;
pub mod spreadsheet;

use crate::domain::{CriteriaError, CriteriaSet, Ruleset, RulesetError};

pub const DEFAULT_RULESET: &str = "qd148-2023-huyen";

const CRITERIA: &[(&str, &str)] = &[("qd26-2026", include_str!("../../assets/criteria/qd26-2026.json"))];
const RULESETS: &[(&str, &str)] = &[
    ("qd148-2023-huyen", include_str!("../../assets/rulesets/qd148-2023-huyen.json")),
    ("qd26-2026-tinh", include_str!("../../assets/rulesets/qd26-2026-tinh.json")),
];

/// The bundled demo session (exchange JSON): Ý Yên district, June 2023.
pub const DEMO_SESSION: &str = include_str!("../../assets/samples/y-yen-2023.json");

/// A built-in criteria set or ruleset that cannot be used. `crate::lang::Say` words it in either
/// language; `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogError {
    Criteria(CriteriaError),
    Ruleset(RulesetError),
    WrongId { file: String, found: String },
}

impl std::error::Error for CatalogError {}

impl From<CriteriaError> for CatalogError {
    fn from(e: CriteriaError) -> CatalogError {
        CatalogError::Criteria(e)
    }
}

impl From<RulesetError> for CatalogError {
    fn from(e: RulesetError) -> CatalogError {
        CatalogError::Ruleset(e)
    }
}

#[derive(Clone, Debug)]
pub struct Catalog {
    pub criteria: Vec<CriteriaSet>,
    pub rulesets: Vec<Ruleset>,
}

impl Catalog {
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let mut criteria = Vec::new();
        for (id, text) in CRITERIA {
            let set = CriteriaSet::from_json(text)?;
            if set.id != *id {
                return Err(CatalogError::WrongId { file: (*id).into(), found: set.id });
            }
            criteria.push(set);
        }
        let mut rulesets = Vec::new();
        for (id, text) in RULESETS {
            let rs = Ruleset::from_json(text)?;
            if rs.id != *id {
                return Err(CatalogError::WrongId { file: (*id).into(), found: rs.id });
            }
            rulesets.push(rs);
        }
        Ok(Catalog { criteria, rulesets })
    }

    /// The built-in sets and rulesets plus the criteria sets installed in the user's data folder,
    /// with the installed files that could not be used.
    pub fn with_installed() -> Result<(Catalog, Vec<installed::InstalledProblem>), CatalogError> {
        let mut catalog = Catalog::builtin()?;
        let (sets, problems) = installed::load(&installed::installed_dir());
        for set in sets {
            if catalog.criteria(&set.id).is_none() {
                catalog.criteria.push(set);
            }
        }
        Ok((catalog, problems))
    }

    pub fn criteria(&self, id: &str) -> Option<&CriteriaSet> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn ruleset(&self, id: &str) -> Option<&Ruleset> {
        self.rulesets.iter().find(|r| r.id == id)
    }

    pub fn ruleset_ids(&self) -> Vec<&str> {
        self.rulesets.iter().map(|r| r.id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_all_26_sheets_and_both_rulesets() {
        let cat = Catalog::builtin().unwrap();
        let set = cat.criteria("qd26-2026").unwrap();
        assert_eq!(set.sheets.len(), 26);
        assert_eq!(set.sheets.iter().map(|s| s.no).collect::<Vec<_>>(), (1..=26).collect::<Vec<_>>());
        let options: usize = set.sheets.iter().flat_map(|s| s.leaves()).map(|l| l.criterion.options.len()).sum();
        assert_eq!(options, 2579, "every option of the source is kept");
        assert_eq!(cat.ruleset_ids(), ["qd148-2023-huyen", "qd26-2026-tinh"]);
        assert!(cat.ruleset(DEFAULT_RULESET).is_some());
    }
}
