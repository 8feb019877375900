//! Calendar dates of the session (the meeting date). A real date type, so no layer slices strings
//! to find a year; the exchange format and the session file keep the text "YYYY-MM-DD" (or "" while
//! the date is not yet fixed), written and read only here.

use serde::{Deserialize, Deserializer, Serializer};
use std::fmt;
use std::str::FromStr;

/// A day of the Gregorian calendar between the years 1900 and 9999 (four-digit years only, as files
/// write them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

/// Text that is not a real date written YYYY-MM-DD; holds the text as given. `crate::lang::Say`
/// words it in either language; `Display` is the Vietnamese the command line prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl std::error::Error for DateError {}

impl Date {
    /// The date, or `None` when there is no such day (or the year has not four digits).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1900..=9999).contains(&year) {
            return None;
        }
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day).ok().map(Date)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// 1 (January) to 12.
    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// The day `days` later (earlier when negative), or `None` outside the years 1900–9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        let julian = i64::from(self.0.to_julian_day()).checked_add(days)?;
        let day = time::Date::from_julian_day(i32::try_from(julian).ok()?).ok()?;
        (1900..=9999).contains(&day.year()).then_some(Date(day))
    }

    /// How many days from `earlier` to this day (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.0.to_julian_day()) - i64::from(earlier.0.to_julian_day())
    }
}

/// Strict: exactly `YYYY-MM-DD`, digits in place, a real day ("2023-6-5" and "2023-02-29" are refused).
impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || DateError(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let t = s.get(r)?;
            if t.bytes().all(|c| c.is_ascii_digit()) { t.parse().ok() } else { None }
        };
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(bad());
        };
        let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(y), u8::try_from(m), u8::try_from(d)) else {
            return Err(bad());
        };
        Date::new(y, m, d).ok_or_else(bad)
    }
}

/// `YYYY-MM-DD`, the form of files.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

/// An optional date from its file text: "" is no date yet.
pub fn from_text(text: &str) -> Result<Option<Date>, DateError> {
    if text.is_empty() { Ok(None) } else { text.parse().map(Some) }
}

/// The file text of an optional date: "" for none.
pub fn to_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// Serde for `Option<Date>` as the exchange format writes it: a string, "" for none
/// (`#[serde(with = "crate::domain::date::text")]`).
pub mod text {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&to_text(*date))
    }

    /// serde can carry a refusal only as text, so this one is the Vietnamese `Display`; a reader
    /// that people see checks the date first and keeps the typed `DateError` (`exchange::parse`).
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
        let text = String::deserialize(deserializer)?;
        from_text(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_calendar_dates_parse() {
        assert_eq!("2023-06-05".parse::<Date>().map(|d| (d.year(), d.month(), d.day())), Ok((2023, 6, 5)));
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
        for bad in ["2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "05/06/2023", "2023-6-5"] {
            assert_eq!(bad.parse::<Date>(), Err(DateError(bad.into())), "{bad}");
        }
        for bad in ["1899-12-31", "+023-06-05", "2023-+6-05", "2023-06-05 ", " 2023-06-05", "", "২০২৩-০৬-০৫"]
        {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn refusal_names_the_text_as_given() {
        assert_eq!(
            "05/06/2023".parse::<Date>().unwrap_err().to_string(),
            "«05/06/2023» không phải ngày dạng YYYY-MM-DD"
        );
    }

    #[test]
    fn text_round_trip_keeps_the_empty_date() {
        assert_eq!(from_text(""), Ok(None));
        assert_eq!(to_text(None), "");
        for text in ["2023-06-05", "1900-01-01", "9999-12-31", "2024-02-29"] {
            let date = from_text(text).unwrap();
            assert!(date.is_some());
            assert_eq!(to_text(date), text);
        }
        assert!(from_text(" ").is_err());
    }

    #[test]
    fn serde_writes_a_string_and_empty_for_none() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Holder {
            #[serde(default, with = "text")]
            date: Option<Date>,
        }
        let some = Holder { date: Date::new(2023, 6, 5) };
        assert_eq!(serde_json::to_string(&some).unwrap(), r#"{"date":"2023-06-05"}"#);
        assert_eq!(serde_json::from_str::<Holder>(r#"{"date":"2023-06-05"}"#).unwrap(), some);
        assert_eq!(serde_json::to_string(&Holder { date: None }).unwrap(), r#"{"date":""}"#);
        assert_eq!(serde_json::from_str::<Holder>(r#"{"date":""}"#).unwrap(), Holder { date: None });
        assert_eq!(serde_json::from_str::<Holder>("{}").unwrap(), Holder { date: None });
        let e = serde_json::from_str::<Holder>(r#"{"date":"2023-02-30"}"#).unwrap_err().to_string();
        assert!(e.starts_with("«2023-02-30» không phải ngày dạng YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn days_are_counted_across_months_and_leap_years() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(2024, 2, 28).add_days(1), Some(d(2024, 2, 29)));
        assert_eq!(d(2023, 2, 28).add_days(1), Some(d(2023, 3, 1)));
        assert_eq!(d(2023, 1, 1).add_days(-1), Some(d(2022, 12, 31)));
        assert_eq!(d(2024, 3, 1).days_since(d(2024, 2, 1)), 29);
        assert_eq!(d(2023, 2, 1).days_since(d(2023, 3, 1)), -28);
        assert_eq!(d(1900, 1, 1).add_days(-1), None);
        assert_eq!(d(9999, 12, 31).add_days(1), None);
    }

    #[test]
    fn dates_order_by_time() {
        assert!(Date::new(2023, 6, 5) < Date::new(2023, 12, 1));
        assert!(Date::new(2022, 12, 31) < Date::new(2023, 1, 1));
    }
}
