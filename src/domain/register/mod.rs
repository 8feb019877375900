//! The OCOP register (issue 18): recognised products across sessions and years, the validity of
//! their certificates, which are due for re-rating on a day, and the statistics an office sends up.
//! Pure: every rule is a function of its arguments.
//!
//! Validity (QĐ 148/2023; QĐ 26/2026 Điều 4.3): a certificate is valid 36 calendar months from its
//! decision date. Re-rating (QĐ 26/2026): the producer files no earlier than 180 and no later than
//! 120 days before expiry. QĐ 148's own practice: a notice 30 days before expiry.

pub mod parse;
pub mod rerate;
pub mod stats;

use crate::domain::date::Date;
use serde::Serialize;

/// How long a certificate is valid, in calendar months.
pub const VALID_MONTHS: i32 = 36;
/// The filing window for re-rating under QĐ 26/2026: opens this many days before expiry …
pub const WINDOW_OPENS_DAYS: i64 = 180;
/// … and closes this many days before expiry.
pub const WINDOW_CLOSES_DAYS: i64 = 120;
/// The notice period of the QĐ 148 ruleset: shown this many days before expiry.
pub const NOTICE_148_DAYS: i64 = 30;

/// The last day a certificate decided on `decision` is valid: 36 calendar months later, the same
/// day of the month; a 29 February lands on 28 February (three years after a leap year is not one).
pub fn valid_until(decision: Date) -> Date {
    let year = decision.year() + VALID_MONTHS / 12;
    // Years beyond 9999 cannot be written; the register keeps the last day there is.
    let year = year.min(9999);
    Date::new(year, decision.month(), decision.day())
        .or_else(|| Date::new(year, decision.month(), 28))
        .unwrap_or(decision)
}

/// The recognition decision the authority issues after the meeting ("Quyết định công nhận"): the
/// certificates of the session's recognised products run from its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecognitionDecision {
    pub number: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
}

/// One rating of a product: from a session of ours (its fingerprint) or an office's old register.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rating {
    /// The locked session's fingerprint ("" for a rating imported from a spreadsheet register).
    pub session: String,
    /// The day of the rating: the meeting, or the decision when the meeting is unknown.
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
    /// The mean score as printed ("65.00"), when known.
    pub mean: Option<String>,
    pub stars: u8,
    pub decision_number: String,
    #[serde(serialize_with = "serialize_date")]
    pub decision_date: Date,
}

/// A recognised product as the register keeps it: its latest rating's facts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegisteredProduct {
    pub product: String,
    /// The product group (the criteria sheet's name, or as the office's register writes it).
    pub group: String,
    pub producer: String,
    /// `htx`, `dn`, … or as written; "" when not known.
    pub entity_type: String,
    pub commune: String,
    pub address: String,
    pub stars: u8,
    pub decision_number: String,
    #[serde(serialize_with = "serialize_date")]
    pub decision_date: Date,
    pub authority: String,
    #[serde(serialize_with = "serialize_date")]
    pub valid_until: Date,
    /// Why the recognition was revoked; `None` while it stands.
    pub revoked: Option<String>,
    pub note: String,
}

impl RegisteredProduct {
    /// The product's standing on `day`.
    pub fn status(&self, day: Date) -> Status {
        if let Some(reason) = &self.revoked {
            return Status::Revoked { reason: reason.clone() };
        }
        match due_state(self.valid_until, day) {
            None => Status::Valid,
            Some(DueState::Expired) => Status::Expired,
            Some(DueState::Open | DueState::Late) => Status::Due,
        }
    }

    /// Whether the certificate stands on `day`: not revoked and not expired.
    pub fn valid_on(&self, day: Date) -> bool {
        self.revoked.is_none() && day <= self.valid_until
    }
}

/// Puts products in the order an office reads its register: by product, then by producer, in
/// Vietnamese alphabetical order (`text::collation_key`: Anh < Ấm < Bánh < Dưa < Đậu < Ổi); products
/// whose names compare equal keep the order they were given in.
pub fn sort_in_register_order(products: &mut [RegisteredProduct]) {
    use crate::domain::text::collation_key;
    products.sort_by_cached_key(|p| (collation_key(&p.product), collation_key(&p.producer)));
}

/// Identity of a product in the register: one product per (product, producer), whatever the
/// spacing, case or punctuation (accents kept: "Mắm" and "Mâm" are different words).
pub fn identity_key(product: &str, producer: &str) -> String {
    let fold = |s: &str| {
        let text = crate::domain::text::nfc(s).to_lowercase();
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    };
    format!("{}\u{1f}{}", fold(product), fold(producer))
}

/// A product's standing on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    Valid,
    /// Expiring within 180 days: re-rating is due.
    Due,
    Expired,
    Revoked {
        reason: String,
    },
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Due => "due",
            Status::Expired => "expired",
            Status::Revoked { .. } => "revoked",
        }
    }
}

/// Where a product stands against the re-rating window on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Within the filing window: valid until − 180 ≤ D ≤ valid until − 120.
    Open,
    /// After the window, not after the expiry.
    Late,
    /// After the expiry.
    Expired,
}

impl DueState {
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Open => "open",
            DueState::Late => "late",
            DueState::Expired => "expired",
        }
    }
}

/// The state of a certificate valid until `until` on `day`; `None` when it expires more than 180
/// days after `day` (not listed).
pub fn due_state(until: Date, day: Date) -> Option<DueState> {
    let left = until.days_since(day);
    if left < 0 {
        Some(DueState::Expired)
    } else if left < WINDOW_CLOSES_DAYS {
        Some(DueState::Late)
    } else if left <= WINDOW_OPENS_DAYS {
        Some(DueState::Open)
    } else {
        None
    }
}

/// Whether the QĐ 148 notice applies on `day`: within 30 days before expiry (the expiry day included).
pub fn notice_148(until: Date, day: Date) -> bool {
    (0..=NOTICE_148_DAYS).contains(&until.days_since(day))
}

/// One line of the due list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueItem {
    pub product: String,
    pub producer: String,
    pub group: String,
    pub commune: String,
    pub stars: u8,
    #[serde(serialize_with = "serialize_date")]
    pub valid_until: Date,
    pub status: DueState,
    /// Days from the day asked to the expiry (negative once expired).
    pub days_left: i64,
    /// The window's first and last day.
    #[serde(serialize_with = "serialize_date")]
    pub window_opens: Date,
    #[serde(serialize_with = "serialize_date")]
    pub window_closes: Date,
    /// The QĐ 148 ruleset's 30-day notice applies.
    pub notice_30_days: bool,
}

/// The products due for re-rating (or expired) on `day`, soonest expiry first (then by product and
/// producer in Vietnamese order); revoked products are not listed (they need no re-rating).
pub fn due_list<'a>(products: impl IntoIterator<Item = &'a RegisteredProduct>, day: Date) -> Vec<DueItem> {
    let mut items: Vec<DueItem> = products
        .into_iter()
        .filter(|p| p.revoked.is_none())
        .filter_map(|p| {
            let status = due_state(p.valid_until, day)?;
            Some(DueItem {
                product: p.product.clone(),
                producer: p.producer.clone(),
                group: p.group.clone(),
                commune: p.commune.clone(),
                stars: p.stars,
                valid_until: p.valid_until,
                status,
                days_left: p.valid_until.days_since(day),
                window_opens: p.valid_until.add_days(-WINDOW_OPENS_DAYS).unwrap_or(p.valid_until),
                window_closes: p.valid_until.add_days(-WINDOW_CLOSES_DAYS).unwrap_or(p.valid_until),
                notice_30_days: notice_148(p.valid_until, day),
            })
        })
        .collect();
    // Soonest expiry first; on one day, in the register's (Vietnamese alphabetical) order.
    items.sort_by_cached_key(|i| {
        use crate::domain::text::collation_key;
        (i.valid_until, collation_key(&i.product), collation_key(&i.producer))
    });
    items
}

/// Dates travel as "YYYY-MM-DD".
pub fn serialize_date<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

#[cfg(test)]
mod tests;
