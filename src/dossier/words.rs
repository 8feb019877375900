//! The words offices write for a producer's entity type and a dossier's kind, read whatever their
//! case, accents or punctuation. A cell is folded (`search_key`) and looked at word by word, so a
//! short form matches only as a whole word ("hộ" in "hộ sản xuất", never in "hợp tác").

use crate::domain::session::{EntityType, Kind};
use crate::domain::text::search_key;

/// Whether the folded words contain `phrase` (folded words too) as consecutive whole words.
fn has(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// The entity type a cell names, or None for words it does not know. Checked from the most
/// specific: "tổ hợp tác" before "hợp tác xã", a firm's forms before the household's.
pub(super) fn entity(cell: &str) -> Option<EntityType> {
    let key = search_key(cell);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    // "H.T.X" folds to "h t x": an abbreviation is also the cell's letters run together.
    let compact = words.concat();
    let any = |phrases: &[&str]| phrases.iter().any(|p| has(&words, p) || compact == *p);
    Some(match () {
        _ if words.is_empty() => EntityType::Other,
        _ if any(&["tht", "to hop tac"]) => EntityType::Tht,
        _ if any(&["htx", "hop tac xa", "lien hiep htx", "lien hiep hop tac xa"]) => EntityType::Htx,
        _ if any(&[
            "dn",
            "dntn",
            "doanh nghiep",
            "cong ty",
            "cty",
            "ct",
            "ctcp",
            "tnhh",
            "co phan",
            "jsc",
            "company",
            "ltd",
        ]) =>
        {
            EntityType::Dn
        }
        _ if any(&["ho", "hkd", "hsx", "ho kinh doanh", "ho san xuat", "ho gia dinh", "ca the", "co so san xuat"]) => {
            EntityType::Ho
        }
        _ if any(&["khac", "other"]) => EntityType::Other,
        _ => return None,
    })
}

/// The kind of rating a cell names, or None for words it does not know.
pub(super) fn kind(cell: &str) -> Option<Kind> {
    let key = search_key(cell);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let any = |phrases: &[&str]| phrases.iter().any(|p| has(&words, p));
    Some(match () {
        _ if words.is_empty() => Kind::New,
        _ if any(&["nang hang", "nang sao", "nang cap", "upgrade"]) => Kind::Upgrade,
        _ if any(&["lai", "tai danh gia", "tai cong nhan", "gia han", "het han", "rerate"]) => Kind::Rerate,
        _ if any(&["moi", "lan dau", "dang ky", "new"]) => Kind::New,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn each(cells: &[&str], f: fn(&str) -> Option<EntityType>, expected: EntityType) {
        for cell in cells {
            assert_eq!(f(cell), Some(expected), "«{cell}»");
        }
    }

    #[test]
    fn every_household_form_is_a_household() {
        let cells = [
            "Hộ kinh doanh",
            "hộ sản xuất",
            "Hộ gia đình",
            "Cơ sở sản xuất (hộ)",
            "Hộ",
            "HỘ",
            "HKD",
            "hộ kinh doanh cá thể",
            "Cơ sở sản xuất",
            "Hộ SX",
            "hộ sản xuất, kinh doanh",
        ];
        each(&cells, entity, EntityType::Ho);
    }

    #[test]
    fn cooperatives_groups_and_firms_in_their_usual_forms() {
        each(
            &["HTX", "Hợp tác xã", "hop tac xa", "H.T.X", "Liên hiệp HTX", "HTX nông nghiệp"],
            entity,
            EntityType::Htx,
        );
        each(&["THT", "Tổ hợp tác", "tổ hợp tác sản xuất", "T.H.T"], entity, EntityType::Tht);
        each(
            &[
                "DN",
                "Doanh nghiệp",
                "Công ty",
                "Công ty TNHH",
                "Công ty cổ phần",
                "CTCP",
                "Cty TNHH MTV",
                "DNTN",
                "Doanh nghiệp tư nhân",
                "TNHH",
            ],
            entity,
            EntityType::Dn,
        );
        each(&["", "Khác", "khac"], entity, EntityType::Other);
    }

    #[test]
    fn a_short_form_matches_only_as_a_whole_word() {
        // "hộ" is not in "hợp tác" nor in "hội"; "ct" is not in "cty" alone by accident.
        assert_eq!(entity("Hội nông dân"), None);
        assert_eq!(entity("Tổ hợp tác"), Some(EntityType::Tht), "not a cooperative (hợp tác xã)");
        assert_eq!(entity("Trường học"), None);
    }

    #[test]
    fn kinds_in_their_usual_forms() {
        for cell in ["", "Mới", "moi", "Đăng ký mới", "Đánh giá mới", "Đánh giá lần đầu", "Sản phẩm mới", "Lần đầu"]
        {
            assert_eq!(kind(cell), Some(Kind::New), "«{cell}»");
        }
        for cell in ["Nâng hạng", "nâng sao", "Đánh giá nâng hạng", "Nâng hạng sao", "Đề nghị nâng hạng", "Nâng cấp"]
        {
            assert_eq!(kind(cell), Some(Kind::Upgrade), "«{cell}»");
        }
        for cell in
            ["Đánh giá lại", "Công nhận lại", "Phân hạng lại", "Tái đánh giá", "Gia hạn", "Hết hạn, đánh giá lại"]
        {
            assert_eq!(kind(cell), Some(Kind::Rerate), "«{cell}»");
        }
        assert_eq!(kind("Chờ xét"), None);
    }
}
