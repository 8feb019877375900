//! Exact decimal numbers for means: an integer count of 10^-decimals units.
//! A float never decides a star: the printed, rounded mean is the one compared with the bands.

use serde::{Serialize, Serializer};
use std::fmt;

/// A non-negative or negative number with exactly `decimals` places, stored as `scaled / 10^decimals`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fixed {
    pub scaled: i64,
    pub decimals: u8,
}

/// Highest number of decimals a session may ask for; 10^MAX_DECIMALS × 100 × members stays far from i64 limits.
pub const MAX_DECIMALS: u8 = 4;

pub fn pow10(decimals: u8) -> i64 {
    10i64.pow(u32::from(decimals))
}

/// `numerator / denominator` rounded to an integer, halves away from zero.
pub fn div_round_half_away(numerator: i64, denominator: i64) -> i64 {
    assert!(denominator != 0, "division by zero in div_round_half_away");
    let negative = (numerator < 0) != (denominator < 0);
    let (n, d) = (i128::from(numerator).abs(), i128::from(denominator).abs());
    let q = (2 * n + d) / (2 * d);
    let q = q as i64;
    if negative { -q } else { q }
}

impl Fixed {
    /// The mean `sum / count` rounded to `decimals` places, halves away from zero.
    pub fn ratio(sum: i64, count: i64, decimals: u8) -> Fixed {
        Fixed { scaled: div_round_half_away(sum * pow10(decimals), count), decimals }
    }

    pub fn from_int(value: i64, decimals: u8) -> Fixed {
        Fixed { scaled: value * pow10(decimals), decimals }
    }

    /// Whether this number is at least the whole number `bound`.
    pub fn at_least(&self, bound: i64) -> bool {
        self.scaled >= bound * pow10(self.decimals)
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = pow10(self.decimals);
        let sign = if self.scaled < 0 { "-" } else { "" };
        let abs = self.scaled.unsigned_abs();
        let whole = abs / unit as u64;
        if self.decimals == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let frac = abs % unit as u64;
            write!(f, "{sign}{whole}.{frac:0width$}", width = usize::from(self.decimals))
        }
    }
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_halves_away_from_zero() {
        assert_eq!(div_round_half_away(5, 2), 3);
        assert_eq!(div_round_half_away(-5, 2), -3);
        assert_eq!(div_round_half_away(7, 3), 2);
        assert_eq!(div_round_half_away(8, 3), 3);
        assert_eq!(div_round_half_away(-8, 3), -3);
        assert_eq!(div_round_half_away(0, 7), 0);
    }

    #[test]
    fn mean_at_x_xx5_with_0_1_2_decimals() {
        // 100.125 = 801 / 8: exactly representable, halves go up.
        assert_eq!(Fixed::ratio(801, 8, 2).to_string(), "100.13");
        assert_eq!(Fixed::ratio(801, 8, 1).to_string(), "100.1");
        assert_eq!(Fixed::ratio(801, 8, 0).to_string(), "100");
        // 62.5 = 125 / 2 → 63 with no decimals; 62.25 = 249/4 → 62.3 with one.
        assert_eq!(Fixed::ratio(125, 2, 0).to_string(), "63");
        assert_eq!(Fixed::ratio(249, 4, 1).to_string(), "62.3");
        // 69.995 = 13999 / 200 → 70.00 with two decimals, 70.0 with one.
        assert_eq!(Fixed::ratio(13999, 200, 2).to_string(), "70.00");
        assert_eq!(Fixed::ratio(13999, 200, 1).to_string(), "70.0");
        // 69.994999… = (13999 - tiny) stays 69.99.
        assert_eq!(Fixed::ratio(1_399_899, 20_000, 2).to_string(), "69.99");
        // 444/7 = 63.428571…
        assert_eq!(Fixed::ratio(444, 7, 2).to_string(), "63.43");
    }

    #[test]
    fn display_pads_fraction_and_keeps_sign() {
        assert_eq!(Fixed { scaled: 5, decimals: 2 }.to_string(), "0.05");
        assert_eq!(Fixed { scaled: -105, decimals: 2 }.to_string(), "-1.05");
        assert_eq!(Fixed::from_int(14, 2).to_string(), "14.00");
        assert_eq!(Fixed::from_int(7, 0).to_string(), "7");
    }

    #[test]
    fn at_least_compares_exactly() {
        assert!(Fixed { scaled: 7000, decimals: 2 }.at_least(70));
        assert!(!Fixed { scaled: 6999, decimals: 2 }.at_least(70));
        assert!(Fixed { scaled: 50, decimals: 0 }.at_least(50));
    }
}
