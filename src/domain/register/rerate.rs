//! A re-rating session from the due list (issue 18.4): the products due become its dossiers (kind
//! `rerate`), and under QĐ 26/2026 Điều 7.6 the council may rate by written opinion — members send
//! their sheets without meeting, so no quorum of a meeting is asked; a product whose sheets diverge
//! beyond the spread limit is still flagged, and only those need a meeting.

use super::RegisteredProduct;
use crate::domain::criteria::CriteriaSet;
use crate::domain::ruleset::{Fraction, Quorum, Settings};
use crate::domain::session::{Dossier, EntityType, Kind};
use crate::domain::text::search_key;

/// The criteria sheet a register's product group names: by the sheet's name (any spelling) or its
/// number; the first sheet when nothing matches (the secretary corrects it in the Dossiers screen).
pub fn sheet_of(group: &str, criteria: &CriteriaSet) -> u32 {
    let key = search_key(group);
    let by_name = criteria.sheets.iter().find(|s| search_key(&s.name) == key || search_key(&s.group) == key);
    let by_number = group.trim().parse::<u32>().ok().filter(|n| criteria.sheet(*n).is_some());
    by_name.map(|s| s.no).or(by_number).or_else(|| criteria.sheets.first().map(|s| s.no)).unwrap_or(1)
}

fn entity(word: &str) -> EntityType {
    serde_json::from_value(serde_json::Value::String(word.to_string())).unwrap_or(EntityType::Other)
}

/// The dossiers of a re-rating session: one per product, coded "DL-001", … in the order given.
pub fn rerate_dossiers<'a>(
    products: impl IntoIterator<Item = &'a RegisteredProduct>,
    criteria: &CriteriaSet,
) -> Vec<Dossier> {
    products
        .into_iter()
        .enumerate()
        .map(|(i, p)| Dossier {
            code: format!("DL-{:03}", i + 1),
            product: p.product.clone(),
            sheet: sheet_of(&p.group, criteria),
            producer: p.producer.clone(),
            entity_type: entity(&p.entity_type),
            representative: String::new(),
            address: p.address.clone(),
            phone: String::new(),
            kind: Kind::Rerate,
            self_score: None,
            eliminated: None,
            recused: Vec::new(),
            round: None,
            conclusion: String::new(),
        })
        .collect()
}

/// The settings of a written-opinion session: no meeting quorum (0/1, no chair needed), the
/// ruleset's spread limit kept, so divergent opinions are flagged for a meeting.
pub fn written_opinion(defaults: Settings) -> Settings {
    Settings { quorum: Quorum { fraction: Fraction { num: 0, den: 1 }, chair_required: false }, ..defaults }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;

    fn criteria() -> CriteriaSet {
        CriteriaSet::from_json(include_str!("../../../assets/criteria/qd26-2026.json")).unwrap()
    }

    #[test]
    fn due_products_become_rerate_dossiers_on_their_sheet() {
        let criteria = criteria();
        let third = &criteria.sheets[2];
        let p = RegisteredProduct {
            product: "Gạo nếp".into(),
            group: third.name.to_uppercase(),
            producer: "HTX Yên Lợi".into(),
            entity_type: "htx".into(),
            commune: "Yên Lợi".into(),
            address: "xã Yên Lợi".into(),
            stars: 3,
            decision_number: "1".into(),
            decision_date: Date::new(2023, 6, 20).unwrap(),
            authority: String::new(),
            valid_until: Date::new(2026, 6, 20).unwrap(),
            revoked: None,
            note: String::new(),
        };
        let mut other = p.clone();
        other.group = "không có nhóm này".into();
        other.entity_type = "hợp tác xã".into();
        let dossiers = rerate_dossiers([&p, &other], &criteria);
        assert_eq!(dossiers[0].code, "DL-001");
        assert_eq!(
            (dossiers[0].sheet, dossiers[0].kind, dossiers[0].entity_type),
            (third.no, Kind::Rerate, EntityType::Htx)
        );
        assert_eq!((dossiers[1].sheet, dossiers[1].entity_type), (criteria.sheets[0].no, EntityType::Other));
        assert_eq!(sheet_of("5", &criteria), 5);
    }

    #[test]
    fn a_written_opinion_session_asks_no_quorum_but_keeps_the_spread_limit() {
        let defaults =
            crate::domain::Ruleset::from_json(include_str!("../../../assets/rulesets/qd148-2023-huyen.json"))
                .unwrap()
                .defaults;
        let s = written_opinion(defaults);
        assert_eq!((s.quorum.fraction.num, s.quorum.chair_required, s.spread_limit), (0, false, defaults.spread_limit));
    }
}
