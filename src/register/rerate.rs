//! A re-rating session from the register's due list (issue 18.4), for the command line
//! (`register rerate`) and the window's Register tab alike: the products due on a day (not yet
//! expired) become its dossiers, kind `rerate`; under QĐ 26/2026 a written-opinion session
//! (`domain::register::rerate::written_opinion`).

use super::error::{RegisterError, Result};
use crate::catalog::Catalog;
use crate::domain::register::rerate::{rerate_dossiers, written_opinion};
use crate::domain::register::{DueState, RegisteredProduct, due_list, identity_key};
use crate::domain::session::{Member, Session, SessionInfo};
use crate::domain::{CriteriaSet, Date, Ruleset};
use crate::lang::vi;

/// Under QĐ 26/2026 the province re-rates; a written-opinion session is that ruleset's way.
pub const WRITTEN_RULESET: &str = "qd26-2026-tinh";

/// What a re-rating session is made with besides the products and the day.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// The ruleset's id; the default one (or, written, QĐ 26/2026's) when none.
    pub ruleset: Option<&'a str>,
    pub written: bool,
    /// An earlier session whose council members (all taking part) and authority the new one takes.
    pub council: Option<&'a Session>,
}

/// The new session with the criteria and ruleset it is to be created with.
pub struct Plan<'c> {
    pub session: Session,
    pub criteria: &'c CriteriaSet,
    pub ruleset: &'c Ruleset,
}

/// The re-rating session of the products due on `day`; refused when none is due or the ruleset is
/// unknown.
pub fn plan<'c>(
    products: &[RegisteredProduct],
    day: Date,
    options: Options<'_>,
    catalog: &'c Catalog,
) -> Result<Plan<'c>> {
    let due: Vec<String> = due_list(products, day)
        .into_iter()
        .filter(|i| i.status != DueState::Expired)
        .map(|i| identity_key(&i.product, &i.producer))
        .collect();
    let chosen: Vec<&RegisteredProduct> =
        due.iter().filter_map(|k| products.iter().find(|p| identity_key(&p.product, &p.producer) == *k)).collect();
    if chosen.is_empty() {
        return Err(RegisterError::NothingDue { day });
    }
    let id = options.ruleset.unwrap_or(if options.written { WRITTEN_RULESET } else { crate::catalog::DEFAULT_RULESET });
    let ruleset = catalog.ruleset(id).ok_or_else(|| RegisterError::UnknownRuleset {
        id: id.to_string(),
        known: catalog.ruleset_ids().iter().map(|s| s.to_string()).collect(),
    })?;
    let criteria =
        catalog.criteria.first().ok_or_else(|| RegisterError::Documents { problem: "no criteria set".into() })?;
    // The session's title is data (it goes on the documents): in the council's language.
    let (title, settings) = if options.written {
        ("Đánh giá lại sản phẩm OCOP bằng ý kiến bằng văn bản", written_opinion(ruleset.defaults))
    } else {
        ("Đánh giá lại sản phẩm OCOP đến hạn", ruleset.defaults)
    };
    let mut session =
        Session::empty(SessionInfo::new(format!("{title} (ngày {})", vi::date(day)), ruleset, criteria, settings));
    session.dossiers = rerate_dossiers(chosen, criteria);
    if let Some(earlier) = options.council {
        session.session.authority = earlier.session.authority.clone();
        session.session.province = earlier.session.province.clone();
        session.members = earlier
            .members
            .iter()
            .map(|m| Member { present: true, absence_reason: String::new(), ..m.clone() })
            .collect();
    }
    Ok(Plan { session, criteria, ruleset })
}
