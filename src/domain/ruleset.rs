//! Rulesets: who recognises which stars, where products go beyond that, and session defaults.
//! Data, not code, so a new decree is a new file.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const RULESET_FORMAT: &str = "ocop-council-ruleset/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    pub format: String,
    pub id: String,
    pub title: String,
    pub legal_basis: String,
    pub level: Level,
    /// Lower bounds (inclusive, in points) of each star band, any order; below all of them is 1★.
    pub bands: Vec<Band>,
    /// The stars this council's authority recognises itself.
    pub recognizes: Vec<u8>,
    pub recognized_by: String,
    pub forward_to: String,
    pub defaults: Settings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Huyen,
    Tinh,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub stars: u8,
    pub min: u32,
}

/// Per-session settings; defaults come from the ruleset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub spread_limit: u32,
    pub quorum: Quorum,
    pub decimals: u8,
    /// A sheet counts only after its read-back check (issue 13.2). Off unless a session turns it
    /// on; left out of a document when off, so older documents read and write as before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub check_required: bool,
}

impl Settings {
    /// The defaults of QĐ 148/2023 (the built-in district ruleset): for a session or a form that has
    /// no ruleset to take defaults from.
    pub const QD148: Settings = Settings {
        spread_limit: 10,
        quorum: Quorum { fraction: Fraction { num: 2, den: 3 }, chair_required: true },
        decimals: 2,
        check_required: false,
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quorum {
    pub fraction: Fraction,
    pub chair_required: bool,
}

/// A fraction such as 2/3, written as the text "2/3" in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

/// The largest denominator of a quorum: a council counts its members in tens, not millions.
pub const MAX_DENOMINATOR: u32 = 100;

/// Text that is not a quorum fraction; holds an excerpt of the text as given. `crate::lang::Say`
/// words it in either language; `Display` is the Vietnamese the command line prints (and what serde
/// embeds, so a document's reader checks the fraction before serde: `exchange::parse`,
/// `Ruleset::from_json`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FractionError(pub String);

impl std::error::Error for FractionError {}

/// Strict: `N/D` in ASCII digits without sign, space or leading zero ("2/3", not "+2/3", " 2/3" or
/// "2/03"), 0 ≤ N ≤ D, 1 ≤ D ≤ `MAX_DENOMINATOR`; so a file has one spelling of each fraction.
impl TryFrom<String> for Fraction {
    type Error = FractionError;
    fn try_from(s: String) -> Result<Self, FractionError> {
        Fraction::parse(&s)
    }
}

impl Fraction {
    /// As `TryFrom<String>`, from a borrowed text.
    pub fn parse(s: &str) -> Result<Fraction, FractionError> {
        let bad = || FractionError(crate::domain::session::excerpt(s));
        let number = |t: &str| -> Option<u32> {
            let canonical = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && (t == "0" || !t.starts_with('0'));
            if canonical { t.parse().ok() } else { None }
        };
        let (n, d) = s.split_once('/').ok_or_else(bad)?;
        let (Some(num), Some(den)) = (number(n), number(d)) else { return Err(bad()) };
        if den == 0 || den > MAX_DENOMINATOR || num > den {
            return Err(bad());
        }
        Ok(Fraction { num, den })
    }
}

impl From<Fraction> for String {
    fn from(f: Fraction) -> String {
        f.to_string()
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

/// A ruleset file that cannot be used. `crate::lang::Say` words it in either language; `Display` is
/// the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq)]
pub struct RulesetError {
    pub id: String,
    pub problem: RulesetProblem,
}

impl std::error::Error for RulesetError {}

/// What is wrong with the ruleset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesetProblem {
    /// The file could not be read as a ruleset at all.
    File(crate::domain::tagged::TaggedProblem),
    /// `defaults.quorum.fraction` is not a fraction.
    Quorum(FractionError),
    /// The star bands given, when they are not exactly one for each of 2, 3, 4 and 5 stars.
    Bands(Vec<u8>),
    /// Band minima that do not rise with the stars or pass 100.
    BandOrder,
    /// `recognizes` is empty or names stars outside 3–5.
    Recognizes,
    /// More decimals than `crate::domain::fixed::MAX_DECIMALS`.
    Decimals,
}

impl Ruleset {
    pub fn from_json(text: &str) -> Result<Ruleset, RulesetError> {
        use crate::domain::tagged;
        let file = |e: tagged::TaggedError| RulesetError { id: e.id, problem: RulesetProblem::File(e.problem) };
        let (value, id) = tagged::read(text, RULESET_FORMAT).map_err(file)?;
        // Checked before serde, which could only carry the refusal as one language's sentence.
        if let Some(fraction) = value.pointer("/defaults/quorum/fraction").and_then(|v| v.as_str()) {
            Fraction::parse(fraction)
                .map_err(|e| RulesetError { id: id.clone(), problem: RulesetProblem::Quorum(e) })?;
        }
        let rs: Ruleset = tagged::fields(value, &id).map_err(file)?;
        rs.validate()?;
        Ok(rs)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn validate(&self) -> Result<(), RulesetError> {
        let fail = |problem: RulesetProblem| Err(RulesetError { id: self.id.clone(), problem });
        let mut stars: Vec<u8> = self.bands.iter().map(|b| b.stars).collect();
        stars.sort_unstable();
        if stars != [2, 3, 4, 5] {
            return fail(RulesetProblem::Bands(stars));
        }
        let mut bands = self.bands.clone();
        bands.sort_by_key(|b| b.stars);
        if bands.windows(2).any(|w| w[0].min >= w[1].min) || bands.iter().any(|b| b.min > 100) {
            return fail(RulesetProblem::BandOrder);
        }
        if self.recognizes.is_empty() || self.recognizes.iter().any(|s| !(3..=5).contains(s)) {
            return fail(RulesetProblem::Recognizes);
        }
        if self.defaults.decimals > crate::domain::fixed::MAX_DECIMALS {
            return fail(RulesetProblem::Decimals);
        }
        Ok(())
    }

    /// The band of a mean: the highest star whose lower bound the (rounded) mean reaches.
    pub fn band(&self, mean: crate::domain::Fixed) -> u8 {
        self.bands.iter().filter(|b| mean.at_least(i64::from(b.min))).map(|b| b.stars).max().unwrap_or(1)
    }

    pub fn highest_recognized(&self) -> u8 {
        self.recognizes.iter().copied().max().unwrap_or(3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Fixed;

    pub fn qd148() -> Ruleset {
        Ruleset::from_json(include_str!("../../assets/rulesets/qd148-2023-huyen.json")).unwrap()
    }

    #[test]
    fn bands_at_each_boundary() {
        let rs = qd148();
        let band = |scaled| rs.band(Fixed { scaled, decimals: 2 });
        assert_eq!(band(2999), 1);
        assert_eq!(band(3000), 2);
        assert_eq!(band(4999), 2);
        assert_eq!(band(5000), 3);
        assert_eq!(band(6999), 3);
        assert_eq!(band(7000), 4);
        assert_eq!(band(8999), 4);
        assert_eq!(band(9000), 5);
        assert_eq!(band(10000), 5);
        assert_eq!(band(0), 1);
    }

    #[test]
    fn fallback_settings_are_those_of_qd148() {
        assert_eq!(qd148().defaults, Settings::QD148);
    }

    #[test]
    fn fractions_parse_and_refuse_nonsense() {
        assert_eq!(Fraction::try_from("2/3".to_string()), Ok(Fraction { num: 2, den: 3 }));
        assert_eq!(Fraction::try_from("3/4".to_string()), Ok(Fraction { num: 3, den: 4 }));
        assert_eq!(Fraction::try_from("0/1".to_string()), Ok(Fraction { num: 0, den: 1 }));
        assert_eq!(Fraction::try_from("51/100".to_string()), Ok(Fraction { num: 51, den: 100 }));
        // Issue 12: one spelling per fraction (" 3 / 4" was read as 3/4 before).
        for bad in
            [" 3 / 4", "+2/3", " 2/3", "2/3 ", "2/03", "02/3", "-1/3", "2/+3", "٢/٣", "2/3/4", "/3", "2/", "1/101"]
        {
            assert!(Fraction::try_from(bad.to_string()).is_err(), "{bad}");
        }
        let long = Fraction::try_from(format!("{}/3", "9".repeat(10_000))).unwrap_err();
        assert!(long.to_string().chars().count() < 200, "{long}");
        assert!(Fraction::try_from("4/3".to_string()).is_err());
        assert!(Fraction::try_from("1/0".to_string()).is_err());
        assert!(Fraction::try_from("0.66".to_string()).is_err());
    }

    #[test]
    fn built_in_rulesets_say_who_recognises_what() {
        let huyen = qd148();
        assert_eq!(huyen.level, Level::Huyen);
        assert_eq!(huyen.recognizes, [3]);
        let tinh = Ruleset::from_json(include_str!("../../assets/rulesets/qd26-2026-tinh.json")).unwrap();
        assert_eq!(tinh.recognizes, [3, 4]);
        assert_eq!(tinh.highest_recognized(), 4);
        assert_eq!(tinh.defaults.quorum.fraction, Fraction { num: 2, den: 3 });
    }

    #[test]
    fn broken_rulesets_are_refused() {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/rulesets/qd148-2023-huyen.json")).unwrap();
        v["bands"][1]["min"] = 95.into();
        let e = Ruleset::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.problem, RulesetProblem::BandOrder);
        assert_eq!(e.to_string(), "quy tắc «qd148-2023-huyen»: ngưỡng điểm phải tăng dần theo số sao và không quá 100");
        v["bands"][1]["min"] = 70.into();
        v["defaults"]["quorum"]["fraction"] = "2:3".into();
        let e = Ruleset::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.problem, RulesetProblem::Quorum(FractionError("2:3".into())));
        assert_eq!(
            e.to_string(),
            "quy tắc «qd148-2023-huyen»: defaults.quorum.fraction: «2:3» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá 100)"
        );
        v["format"] = "x".into();
        assert_eq!(
            Ruleset::from_json(&v.to_string()).unwrap_err().to_string(),
            "quy tắc «qd148-2023-huyen»: không phải tệp quy tắc (cần \"format\": \"ocop-council-ruleset/1\")"
        );
    }
}
