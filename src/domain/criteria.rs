//! Criteria sets: the 100-point score sheets ("bộ tiêu chí"), as data.
//!
//! A set holds numbered sheets; a sheet holds parts A/B/C; a part holds a tree of criteria whose
//! leaves carry the options a member chooses from. Options are numbered from 1 in file order;
//! choice 0 means "none of the options" and is worth 0 points.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

pub const CRITERIA_FORMAT: &str = "ocop-council-criteria/1";

/// The part maxima every official sheet has (QĐ 148/2023 and QĐ 26/2026).
pub const PART_MAXIMA: [(&str, u32); 3] = [("A", 40), ("B", 25), ("C", 35)];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSet {
    pub format: String,
    pub id: String,
    pub title: String,
    pub legal_basis: String,
    pub star_marker_rule: String,
    pub sheets: Vec<Sheet>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub no: u32,
    pub code: String,
    pub name: String,
    pub category: String,
    pub group: String,
    /// The printed "Hồ sơ bị loại khi…" line; sheet 26 (tourism services) prints none.
    pub disqualify_if: Option<String>,
    #[serde(default)]
    pub source_notes: Vec<String>,
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub code: String,
    pub title: String,
    pub max: u32,
    pub criteria: Vec<Criterion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub code: String,
    pub title: String,
    pub max: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionChoice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionChoice {
    pub label: String,
    pub points: u32,
    /// 3, 4 or 5: the product must reach at least this option to be rated that many stars.
    pub min_star: Option<u8>,
}

/// A criteria file that cannot be used, with the place that is wrong. `crate::lang::Say` words it
/// in either language; `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq)]
pub struct CriteriaError {
    pub set: String,
    pub sheet: Option<u32>,
    pub criterion: Option<String>,
    pub problem: CriteriaProblem,
}

impl std::error::Error for CriteriaError {}

/// What is wrong at that place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CriteriaProblem {
    /// The file could not be read as a criteria set at all.
    File(crate::domain::tagged::TaggedProblem),
    NoSheets,
    DuplicateSheet,
    /// The part codes a sheet has, when they are not A, B, C.
    PartCodes(Vec<String>),
    PartMax {
        part: String,
        max: u32,
        needed: u32,
    },
    PartSum {
        part: String,
        sum: u32,
        max: u32,
    },
    EmptyCode,
    DuplicateCode,
    EmptyTitle,
    ChildrenAndOptions,
    NoOptions,
    ChildSum {
        max: u32,
        sum: u32,
    },
    /// An option (1-based) without a label.
    EmptyOption(usize),
    StarMarker {
        option: usize,
        star: u8,
    },
    BestOption {
        max: u32,
        best: u32,
    },
}

/// A leaf criterion in sheet order, with the part it counts towards.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaf<'a> {
    pub part: usize,
    pub criterion: &'a Criterion,
}

/// A star minimum: to be rated `level` stars, a majority must reach `points` on `criterion`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub criterion: String,
    pub level: u8,
    pub points: u32,
}

impl CriteriaSet {
    /// Parse and check a criteria file; the error names the sheet and criterion at fault.
    pub fn from_json(text: &str) -> Result<CriteriaSet, CriteriaError> {
        let set: CriteriaSet = crate::domain::tagged::parse_tagged(text, CRITERIA_FORMAT).map_err(|e| {
            CriteriaError { set: e.id, sheet: None, criterion: None, problem: CriteriaProblem::File(e.problem) }
        })?;
        set.validate()?;
        Ok(set)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data structures cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn sheet(&self, no: u32) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.no == no)
    }

    /// Every rule of a well-formed set: unique sheet numbers, parts 40/25/35, group max = sum of its
    /// children, leaf max = its best option, unique criterion codes, star markers 3–5.
    pub fn validate(&self) -> Result<(), CriteriaError> {
        use CriteriaProblem as P;
        let err = |sheet: Option<u32>, criterion: Option<&str>, problem: CriteriaProblem| CriteriaError {
            set: self.id.clone(),
            sheet,
            criterion: criterion.map(str::to_string),
            problem,
        };
        if self.sheets.is_empty() {
            return Err(err(None, None, P::NoSheets));
        }
        let mut numbers = HashSet::new();
        for sheet in &self.sheets {
            let no = Some(sheet.no);
            if !numbers.insert(sheet.no) {
                return Err(err(no, None, P::DuplicateSheet));
            }
            let codes: Vec<String> = sheet.parts.iter().map(|p| p.code.clone()).collect();
            if !codes.iter().map(String::as_str).eq(PART_MAXIMA.iter().map(|(c, _)| *c)) {
                return Err(err(no, None, P::PartCodes(codes)));
            }
            let mut seen = HashSet::new();
            for (part, (_, part_max)) in sheet.parts.iter().zip(PART_MAXIMA) {
                if part.max != part_max {
                    let (part, max) = (part.code.clone(), part.max);
                    return Err(err(no, None, P::PartMax { part, max, needed: part_max }));
                }
                let sum: u32 = part.criteria.iter().map(|c| c.max).sum();
                if sum != part.max {
                    return Err(err(no, None, P::PartSum { part: part.code.clone(), sum, max: part.max }));
                }
                for c in &part.criteria {
                    check_criterion(c, &mut seen).map_err(|(code, problem)| err(no, Some(&code), problem))?;
                }
            }
        }
        Ok(())
    }
}

fn check_criterion(c: &Criterion, seen: &mut HashSet<String>) -> Result<(), (String, CriteriaProblem)> {
    use CriteriaProblem as P;
    let fail = |problem: CriteriaProblem| Err((c.code.clone(), problem));
    if c.code.trim().is_empty() {
        return fail(P::EmptyCode);
    }
    if !seen.insert(c.code.clone()) {
        return fail(P::DuplicateCode);
    }
    if c.title.trim().is_empty() {
        return fail(P::EmptyTitle);
    }
    match (c.children.is_empty(), c.options.is_empty()) {
        (false, false) => fail(P::ChildrenAndOptions),
        (true, true) => fail(P::NoOptions),
        (false, true) => {
            let sum: u32 = c.children.iter().map(|ch| ch.max).sum();
            if sum != c.max {
                return fail(P::ChildSum { max: c.max, sum });
            }
            c.children.iter().try_for_each(|ch| check_criterion(ch, seen))
        }
        (true, false) => {
            for (i, o) in c.options.iter().enumerate() {
                if o.label.trim().is_empty() {
                    return fail(P::EmptyOption(i + 1));
                }
                if let Some(star) = o.min_star {
                    if !(3..=5).contains(&star) {
                        return fail(P::StarMarker { option: i + 1, star });
                    }
                }
            }
            let best = c.options.iter().map(|o| o.points).max().unwrap_or(0);
            if best != c.max {
                return fail(P::BestOption { max: c.max, best });
            }
            Ok(())
        }
    }
}

impl Sheet {
    /// The leaf criteria in printed order.
    pub fn leaves(&self) -> Vec<Leaf<'_>> {
        fn walk<'a>(c: &'a Criterion, part: usize, out: &mut Vec<Leaf<'a>>) {
            if c.children.is_empty() {
                out.push(Leaf { part, criterion: c });
            }
            c.children.iter().for_each(|ch| walk(ch, part, out));
        }
        let mut out = Vec::new();
        for (i, p) in self.parts.iter().enumerate() {
            p.criteria.iter().for_each(|c| walk(c, i, &mut out));
        }
        out
    }

    /// The star minimums of this sheet, one per (criterion, level), in sheet order.
    pub fn requirements(&self) -> Vec<Requirement> {
        let mut out: Vec<Requirement> = Vec::new();
        for leaf in self.leaves() {
            for o in &leaf.criterion.options {
                let Some(level) = o.min_star else { continue };
                let code = &leaf.criterion.code;
                match out.iter_mut().find(|r| &r.criterion == code && r.level == level) {
                    Some(r) => r.points = r.points.min(o.points),
                    None => out.push(Requirement { criterion: code.clone(), level, points: o.points }),
                }
            }
        }
        out
    }
}

/// Fast per-sheet lookups for scoring: leaf position by code, option points by number.
#[derive(Clone, Debug)]
pub struct SheetIndex<'a> {
    pub sheet: &'a Sheet,
    pub leaves: Vec<Leaf<'a>>,
    pub position: HashMap<&'a str, usize>,
    pub requirements: Vec<Requirement>,
    /// Leaf position of each requirement's criterion, parallel to `requirements`.
    pub requirement_leaf: Vec<usize>,
    /// Leaf codes in byte order, as a `BTreeMap<String, _>` iterates them, with their positions.
    sorted: Vec<(&'a str, usize)>,
    /// Points by option number for each leaf; index 0 is "none of the options".
    points: Vec<Vec<u32>>,
}

impl<'a> SheetIndex<'a> {
    pub fn new(sheet: &'a Sheet) -> Self {
        let leaves = sheet.leaves();
        let position: HashMap<&str, usize> =
            leaves.iter().enumerate().map(|(i, l)| (l.criterion.code.as_str(), i)).collect();
        let mut sorted: Vec<(&str, usize)> = position.iter().map(|(k, v)| (*k, *v)).collect();
        sorted.sort_unstable();
        let points = leaves
            .iter()
            .map(|l| std::iter::once(0).chain(l.criterion.options.iter().map(|o| o.points)).collect())
            .collect();
        let requirements = sheet.requirements();
        let requirement_leaf =
            requirements.iter().map(|r| position.get(r.criterion.as_str()).copied().unwrap_or(0)).collect();
        SheetIndex { sheet, leaves, position, requirements, requirement_leaf, sorted, points }
    }

    /// Points of option `choice` (1-based; 0 = none) on the leaf `code`, if both exist.
    pub fn points(&self, code: &str, choice: u8) -> Option<u32> {
        self.points.get(*self.position.get(code)?)?.get(usize::from(choice)).copied()
    }

    /// Points of option `choice` on the leaf at `position`; 0 for an option that does not exist.
    pub fn points_at(&self, position: usize, choice: u8) -> u32 {
        self.points.get(position).and_then(|p| p.get(usize::from(choice))).copied().unwrap_or(0)
    }

    /// A sheet's choices as one option number per leaf, in leaf order (0 where unanswered or unknown).
    /// Both sides are sorted by code, so this is a merge, not a lookup per choice: it runs once per
    /// sheet on every results call, ~200,000 choices at province scale.
    pub fn dense(&self, choices: &std::collections::BTreeMap<String, u8>) -> Vec<u8> {
        let mut out = vec![0u8; self.leaves.len()];
        let mut leaves = self.sorted.iter().peekable();
        for (code, &choice) in choices {
            while leaves.next_if(|(c, _)| *c < code.as_str()).is_some() {}
            if let Some((_, pos)) = leaves.next_if(|(c, _)| *c == code.as_str()) {
                out[*pos] = choice;
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One sheet of four "dial" leaves where option k is worth k points, so a test can give any
    /// total; parts keep the official maxima 40/25/35. Star minimums: 1.1 needs 10 for 3★ and 15
    /// for 4★; 2 needs 20 for 5★.
    pub fn tiny_set() -> CriteriaSet {
        let dial = |code: &str, max: u32, stars: &[(u32, u8)]| Criterion {
            code: code.into(),
            title: format!("Tiêu chí {code}"),
            max,
            notes: vec![],
            children: vec![],
            options: (1..=max)
                .map(|points| OptionChoice {
                    label: format!("{points} điểm"),
                    points,
                    min_star: stars.iter().find(|(p, _)| *p == points).map(|(_, s)| *s),
                })
                .collect(),
        };
        let group = Criterion {
            code: "1".into(),
            title: "Nhóm 1".into(),
            max: 40,
            notes: vec![],
            children: vec![dial("1.1", 20, &[(10, 3), (15, 4)]), dial("1.2", 20, &[])],
            options: vec![],
        };
        let part =
            |code: &str, max, criteria| Part { code: code.into(), title: format!("Phần {code}"), max, criteria };
        let sheet = Sheet {
            no: 1,
            code: "01".into(),
            name: "Thử".into(),
            category: "Thực phẩm".into(),
            group: "Thử".into(),
            disqualify_if: Some("Giả mạo hồ sơ".into()),
            source_notes: vec![],
            parts: vec![
                part("A", 40, vec![group]),
                part("B", 25, vec![dial("2", 25, &[(20, 5)])]),
                part("C", 35, vec![dial("3", 35, &[])]),
            ],
        };
        CriteriaSet {
            format: CRITERIA_FORMAT.into(),
            id: "tiny".into(),
            title: "Bộ thử".into(),
            legal_basis: "thử".into(),
            star_marker_rule: String::new(),
            sheets: vec![sheet],
        }
    }

    #[test]
    fn tiny_set_is_valid_and_indexed() {
        let set = tiny_set();
        set.validate().unwrap();
        let idx = SheetIndex::new(&set.sheets[0]);
        let codes: Vec<_> = idx.leaves.iter().map(|l| l.criterion.code.as_str()).collect();
        assert_eq!(codes, ["1.1", "1.2", "2", "3"]);
        assert_eq!(idx.points("1.1", 3), Some(3));
        assert_eq!(idx.points("1.1", 0), Some(0));
        assert_eq!(idx.points("1.1", 21), None);
        assert_eq!(idx.points("9", 1), None);
        let req = &idx.requirements;
        assert_eq!(req.len(), 3);
        assert_eq!(req[0], Requirement { criterion: "1.1".into(), level: 3, points: 10 });
        assert_eq!(req[1], Requirement { criterion: "1.1".into(), level: 4, points: 15 });
        assert_eq!(req[2], Requirement { criterion: "2".into(), level: 5, points: 20 });
    }

    #[test]
    fn dense_choices_follow_leaf_order_and_skip_unknown_codes() {
        let set = tiny_set();
        let idx = SheetIndex::new(&set.sheets[0]);
        let choices = [("3", 7u8), ("0.9", 1), ("1.1", 12), ("2", 0), ("9", 4)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        assert_eq!(idx.dense(&choices), vec![12, 0, 0, 7]);
        assert_eq!(idx.points_at(0, 12), 12);
        assert_eq!(idx.points_at(0, 99), 0);
        assert_eq!(idx.requirement_leaf, vec![0, 0, 2]);
    }

    #[test]
    fn group_max_must_equal_its_children() {
        let mut set = tiny_set();
        set.sheets[0].parts[0].criteria[0].max = 39;
        let e = set.validate().unwrap_err();
        assert_eq!(e.sheet, Some(1));
        assert_eq!(e.criterion, None, "the part total is caught first: {e}");
        assert_eq!(e.problem, CriteriaProblem::PartSum { part: "A".into(), sum: 39, max: 40 });
        assert_eq!(
            e.to_string(),
            "bộ tiêu chí «tiny», bộ sản phẩm số 1: phần A: tổng điểm các nhóm tiêu chí là 39, khác 40"
        );
        set.sheets[0].parts[0].max = 39;
        let e = set.validate().unwrap_err();
        assert!(e.to_string().contains("phần A có tối đa 39 điểm, cần 40"), "{e}");
    }

    #[test]
    fn group_sum_mismatch_names_the_group() {
        let mut set = tiny_set();
        // Keep part A at 40 by moving the mismatch inside the group.
        set.sheets[0].parts[0].criteria[0].children[1].max = 19;
        set.sheets[0].parts[0].criteria[0].children[1].options.pop();
        let e = set.validate().unwrap_err();
        assert_eq!(e.criterion.as_deref(), Some("1"));
        assert!(e.to_string().contains("bộ sản phẩm số 1, tiêu chí 1:"), "{e}");
    }

    #[test]
    fn leaf_max_must_equal_best_option() {
        let mut set = tiny_set();
        set.sheets[0].parts[2].criteria[0].options[34].points = 30;
        let e = set.validate().unwrap_err();
        assert_eq!(e.criterion.as_deref(), Some("3"));
        assert!(e.to_string().ends_with("điểm tối đa 35 khác điểm phương án cao nhất 34"), "{e}");
    }

    #[test]
    fn duplicate_codes_and_bad_star_markers_are_refused() {
        let mut set = tiny_set();
        set.sheets[0].parts[0].criteria[0].children[1].code = "1.1".into();
        assert_eq!(set.validate().unwrap_err().problem, CriteriaProblem::DuplicateCode);
        let mut set = tiny_set();
        set.sheets[0].parts[1].criteria[0].options[1].min_star = Some(6);
        let e = set.validate().unwrap_err();
        assert_eq!(e.criterion.as_deref(), Some("2"));
        assert!(e.to_string().ends_with("tiêu chí 2: phương án 2 đánh dấu 6 sao (chỉ 3, 4, 5)"), "{e}");
    }

    #[test]
    fn foreign_and_broken_files_are_refused() {
        let e = CriteriaSet::from_json(r#"{"format":"something-else","id":"x"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "bộ tiêu chí «x»: không phải tệp bộ tiêu chí (cần \"format\": \"ocop-council-criteria/1\")"
        );
        let e = CriteriaSet::from_json("{not json").unwrap_err();
        assert!(e.to_string().starts_with("bộ tiêu chí «?»: không đọc được JSON: key must be a string"), "{e}");
        let mut v = serde_json::to_value(tiny_set()).unwrap();
        v["sheets"][0]["parts"][0]["criteria"][0]["colour"] = "red".into();
        let e = CriteriaSet::from_json(&v.to_string()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("bộ tiêu chí «tiny»: sheets[0].parts[0].criteria[0].colour: unknown field `colour`"),
            "{e}"
        );
    }
}
