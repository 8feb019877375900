//! Whether the legal bases a session cites could apply to its meeting: a criteria set issued after
//! the meeting date (a 2023 meeting scored with the 2026 set, say) was not in force then, so the
//! minutes must not cite it as a "Căn cứ" and the secretary is warned.

use crate::domain::date::Date;

/// A criteria set issued after the meeting it scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaterBasis {
    /// The set's legal basis as written ("Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026 …").
    pub basis: String,
    pub issued: Date,
    pub meeting: Date,
}

/// The first date written "ngày D/M/YYYY" (or "ngày D tháng M năm YYYY") in a legal basis.
pub fn issued_on(basis: &str) -> Option<Date> {
    basis.match_indices("ngày").find_map(|(at, word)| date_after(&basis[at + word.len()..]))
}

/// A date at the start of `text` (after spaces): "22/5/2026", "22-05-2026" or "22 tháng 5 năm 2026".
fn date_after(text: &str) -> Option<Date> {
    let cleaned: String = text.trim_start().chars().take(24).collect();
    let cleaned = cleaned.replace(" tháng ", "/").replace(" năm ", "/").replace('-', "/");
    let mut parts = cleaned.split('/').map(|p| p.trim());
    let day: u8 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let year_digits: String = parts.next()?.chars().take_while(char::is_ascii_digit).collect();
    Date::new(year_digits.parse().ok()?, month, day)
}

/// The warning for a criteria set whose basis was issued after the meeting; none when either date
/// is unknown or the set was issued on or before the meeting day.
pub fn later_basis(criteria_basis: &str, meeting: Option<Date>) -> Option<LaterBasis> {
    let meeting = meeting?;
    let issued = issued_on(criteria_basis)?;
    (issued > meeting).then(|| LaterBasis { basis: criteria_basis.to_string(), issued, meeting })
}

#[cfg(test)]
mod tests {
    use super::*;

    const QD26: &str = "Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026 của Thủ tướng Chính phủ (Phụ lục II)";

    #[test]
    fn the_issue_date_is_read_from_the_basis() {
        assert_eq!(issued_on(QD26), Date::new(2026, 5, 22));
        assert_eq!(issued_on("Quyết định 148/QĐ-TTg ngày 24 tháng 02 năm 2023"), Date::new(2023, 2, 24));
        assert_eq!(issued_on("Quyết định không ngày"), None);
    }

    #[test]
    fn a_set_issued_after_the_meeting_is_flagged() {
        let warning = later_basis(QD26, Date::new(2023, 6, 5)).unwrap();
        assert_eq!(
            (warning.issued, warning.meeting),
            (Date::new(2026, 5, 22).unwrap(), Date::new(2023, 6, 5).unwrap())
        );
        assert_eq!(later_basis(QD26, Date::new(2026, 5, 22)), None);
        assert_eq!(later_basis(QD26, Date::new(2026, 9, 1)), None);
        assert_eq!(later_basis(QD26, None), None);
    }
}
