//! How offices write stars and dates in their spreadsheet registers: "3", "3 sao", "★★★", "3*";
//! 20/6/2023, 2023-06-20, or a real spreadsheet date (which reaches us as its serial number).

use crate::domain::date::Date;

/// The stars written in a cell, if it reads as a number of stars (any number: the caller decides
/// which are allowed). "3", "3 sao", "3 SAO", "3*", "3★", "★★★", "***", "3.0".
pub fn stars(text: &str) -> Option<u8> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| matches!(c, '★' | '*' | '⭐' | ' ')) {
        let count = text.chars().filter(|c| !c.is_whitespace()).count();
        return u8::try_from(count).ok();
    }
    let lower = text.to_lowercase();
    let number = lower.trim_end_matches(|c: char| matches!(c, '*' | '★' | '⭐') || c.is_whitespace());
    let number = number.strip_suffix("sao").unwrap_or(number).trim();
    let number = number.strip_suffix(".0").unwrap_or(number);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 2 {
        return None;
    }
    number.parse().ok()
}

/// Why a cell is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Not written as a date at all.
    NotADate,
    /// Written as a date, but no such day (31/4/2023, 29/2/2023).
    Impossible,
}

/// The day a cell holds: day/month/year (with `/`, `-` or `.`), YYYY-MM-DD (an ODS date may carry
/// a time after it), or a spreadsheet date's serial number (days since 30/12/1899).
pub fn date(text: &str) -> Result<Date, DateProblem> {
    let text = text.trim();
    if let Some(day) = serial(text) {
        return day;
    }
    let text = text.split(['T', ' ']).next().unwrap_or(text);
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return Err(DateProblem::NotADate) };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit());
    let (a, b, c) = (*a, *b, *c);
    if !(digits(a) && digits(b) && digits(c)) {
        return Err(DateProblem::NotADate);
    }
    let (year, month, day) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, b, a)
    } else {
        return Err(DateProblem::NotADate);
    };
    if month.len() > 2 || day.len() > 2 {
        return Err(DateProblem::NotADate);
    }
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse::<u8>(), day.parse::<u8>()) else {
        return Err(DateProblem::NotADate);
    };
    Date::new(year, month, day).ok_or(DateProblem::Impossible)
}

/// A spreadsheet serial ("45097", or "45097.5" with a time of day): `None` when the text is not a
/// number. The 1900 date system counts a 29 February 1900 that never was (serial 60).
fn serial(text: &str) -> Option<Result<Date, DateProblem>> {
    let whole = match text.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b.is_ascii_digit()) => whole,
        Some(_) => return None,
        None => text,
    };
    if whole.is_empty() || whole.len() > 7 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    if n == 60 || n < 1 {
        return Some(Err(DateProblem::Impossible));
    }
    // Date starts at 1900-01-01 (serial 1); serials after the phantom 29 February are one day early.
    let start = Date::new(1900, 1, 1)?;
    let offset = if n > 60 { n - 2 } else { n - 1 };
    Some(start.add_days(offset).ok_or(DateProblem::Impossible))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn stars_as_offices_write_them() {
        for (text, n) in [
            ("3", 3),
            ("4 sao", 4),
            ("5 SAO", 5),
            ("3*", 3),
            ("3 *", 3),
            ("4★", 4),
            ("★★★", 3),
            ("★★★★★", 5),
            ("***", 3),
            ("★ ★ ★ ★", 4),
            (" 3 ", 3),
            ("3.0", 3),
            ("2", 2),
            ("6 sao", 6),
        ] {
            assert_eq!(stars(text), Some(n), "{text}");
        }
        for text in ["", "ba sao", "3,5", "3.5", "x", "sao", "-3", "3 sao vàng"] {
            assert_eq!(stars(text), None, "{text}");
        }
    }

    #[test]
    fn dates_as_text_day_first_or_iso() {
        assert_eq!(date("20/6/2023"), Ok(d(2023, 6, 20)));
        assert_eq!(date("05/06/2023"), Ok(d(2023, 6, 5)));
        assert_eq!(date("5-6-2023"), Ok(d(2023, 6, 5)));
        assert_eq!(date("5.6.2023"), Ok(d(2023, 6, 5)));
        assert_eq!(date("2023-06-20"), Ok(d(2023, 6, 20)));
        assert_eq!(date("2023-06-20T00:00:00"), Ok(d(2023, 6, 20)));
        assert_eq!(date(" 29/2/2024 "), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn impossible_days_and_non_dates_are_told_apart() {
        for text in ["29/2/2023", "31/4/2023", "0/1/2023", "1/13/2023", "2023-02-30"] {
            assert_eq!(date(text), Err(DateProblem::Impossible), "{text}");
        }
        for text in ["", "hôm qua", "20/6", "20/6/23", "2023/6", "1/2/3/2024", "20/006/2023", "2023-6-20x"] {
            assert_eq!(date(text), Err(DateProblem::NotADate), "{text}");
        }
    }

    #[test]
    fn spreadsheet_serials_count_from_1900() {
        assert_eq!(date("1"), Ok(d(1900, 1, 1)));
        assert_eq!(date("59"), Ok(d(1900, 2, 28)));
        assert_eq!(date("60"), Err(DateProblem::Impossible));
        assert_eq!(date("61"), Ok(d(1900, 3, 1)));
        assert_eq!(date("45097"), Ok(d(2023, 6, 20)));
        assert_eq!(date("45097.75"), Ok(d(2023, 6, 20)));
        assert_eq!(date("45351"), Ok(d(2024, 2, 29)));
        assert_eq!(date("0"), Err(DateProblem::Impossible));
    }
}
