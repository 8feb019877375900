//! A locked session's recognised products as register entries: the facts of each dossier, the
//! stars the results give, the recognition decision recorded after the meeting.

use super::error::{RegisterError, Result};
use super::store::Entry;
use crate::domain::register::{Rating, RecognitionDecision, RegisteredProduct, valid_until};
use crate::domain::{CriteriaSet, Decision, Ruleset, Session, evaluate};
use crate::store::{Loaded, LockInfo};

/// Refuses a session file that does not pass `verify`: the register and the certificates trust what
/// the file says, so what was bent outside the app must not reach them.
pub fn check_intact(path: &std::path::Path) -> Result<()> {
    let report = crate::archive::verify(path, None).map_err(RegisterError::Store)?;
    if report.ok() {
        return Ok(());
    }
    Err(RegisterError::NotIntact { path: path.display().to_string(), report: Box::new(report) })
}

/// The entries of every product the session recognised (forwarded products are recognised by the
/// level above, in its own register). Refused when the session is not locked or has no decision.
pub fn entries(loaded: &Loaded, decision: Option<&RecognitionDecision>, source: &str) -> Result<Vec<Entry>> {
    let parts = SessionParts { session: &loaded.session, criteria: &loaded.criteria, ruleset: &loaded.ruleset };
    entries_of(parts, loaded.lock.as_ref(), decision, source)
}

/// What of a session the entries are made from (a loaded file, or a window's open workspace).
#[derive(Clone, Copy)]
pub struct SessionParts<'a> {
    pub session: &'a Session,
    pub criteria: &'a CriteriaSet,
    pub ruleset: &'a Ruleset,
}

/// [`entries`] from the parts of a session.
pub fn entries_of(
    parts: SessionParts<'_>,
    lock: Option<&LockInfo>,
    decision: Option<&RecognitionDecision>,
    source: &str,
) -> Result<Vec<Entry>> {
    let Some(lock) = lock else { return Err(RegisterError::NotLocked { path: source.to_string() }) };
    let Some(decision) = decision else { return Err(RegisterError::NoDecision { path: source.to_string() }) };
    let SessionParts { session, criteria, ruleset } = parts;
    let results = evaluate(session, criteria, ruleset, true);
    let mut entries = Vec::new();
    for (dossier, result) in session.dossiers.iter().zip(&results.products) {
        let (Decision::Recognized, Some(stars)) = (result.decision, result.stars) else { continue };
        let group = criteria.sheet(dossier.sheet).map(|s| s.name.clone()).unwrap_or_default();
        let product = RegisteredProduct {
            product: dossier.product.clone(),
            group,
            producer: dossier.producer.clone(),
            entity_type: serde_json::to_value(dossier.entity_type)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            commune: commune_of(&dossier.address),
            address: dossier.address.clone(),
            stars,
            decision_number: decision.number.clone(),
            decision_date: decision.date,
            authority: session.session.authority.clone(),
            valid_until: valid_until(decision.date),
            revoked: None,
            note: String::new(),
        };
        let rating = Rating {
            session: lock.fingerprint.clone(),
            date: session.session.meeting_date.unwrap_or(decision.date),
            mean: result.mean.map(|m| m.to_string()),
            stars,
            decision_number: decision.number.clone(),
            decision_date: decision.date,
        };
        entries.push(Entry { product, rating, source: source.to_string() });
    }
    Ok(entries)
}

/// The commune an address names: "thôn Trung Khu, xã Yên Cường, huyện Ý Yên" → "Yên Cường" (the
/// first part written with a commune-level word); an address without one gives its first part.
pub fn commune_of(address: &str) -> String {
    let parts: Vec<&str> = address.split(',').map(str::trim).collect();
    for part in &parts {
        let lower = part.to_lowercase();
        for word in ["thị trấn ", "phường ", "xã ", "tt. "] {
            if lower.starts_with(word) {
                return part.chars().skip(word.chars().count()).collect::<String>().trim().to_string();
            }
        }
    }
    parts.first().map(|p| p.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::commune_of;

    #[test]
    fn the_commune_is_the_address_first_part() {
        assert_eq!(commune_of("xã Yên Lợi, huyện Ý Yên, tỉnh Nam Định"), "Yên Lợi");
        assert_eq!(commune_of("Thị trấn Lâm, huyện Ý Yên"), "Lâm");
        assert_eq!(commune_of("Phường 3, Đà Lạt"), "3");
        assert_eq!(commune_of("Yên Tiến"), "Yên Tiến");
        assert_eq!(commune_of("thôn Trung Khu, xã Yên Cường, huyện Ý Yên"), "Yên Cường");
        assert_eq!(commune_of(""), "");
    }
}
