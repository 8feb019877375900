//! Text rules shared by every layer: Unicode NFC for storage and a folded key for Vietnamese search.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The stored form of every text: precomposed (NFC), so "ấ" is one character whatever the keyboard sent.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The first character a stored text may not hold: a control character (a tab or a line break
/// aside, which notes may hold; keys may hold neither) or a bidi embedding, override or isolate,
/// which would show a name other than the one stored. The exchange format's rule, and the store's.
pub fn forbidden_char(text: &str, is_key: bool) -> Option<char> {
    text.chars().find(|&c| {
        let layout = (c == '\n' || c == '\t') && !is_key;
        (c.is_control() && !layout) || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// The first text of `value` (as its serde shape writes it: a dossier, a member, the session's
/// heading) that holds a forbidden character, as the refusal of the text at `root` + its path.
pub fn forbidden_in<T: serde::Serialize>(root: &str, value: &T) -> Option<crate::domain::session::Invalid> {
    let value = serde_json::to_value(value).ok()?;
    first_forbidden(root.to_string(), &value).map(|(path, c)| crate::domain::session::Invalid {
        path,
        problem: crate::domain::session::Problem::ForbiddenChar(u32::from(c)),
    })
}

/// The refusal of one text at `path`, when it holds a forbidden character.
pub fn forbidden_at(path: &str, text: &str) -> Option<crate::domain::session::Invalid> {
    forbidden_char(text, false).map(|c| crate::domain::session::Invalid {
        path: path.to_string(),
        problem: crate::domain::session::Problem::ForbiddenChar(u32::from(c)),
    })
}

fn first_forbidden(path: String, value: &serde_json::Value) -> Option<(String, char)> {
    use serde_json::Value;
    match value {
        Value::String(s) => forbidden_char(s, false).map(|c| (path, c)),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| first_forbidden(format!("{path}[{i}]"), v)),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let inner = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            forbidden_char(k, true).map(|c| (inner.clone(), c)).or_else(|| first_forbidden(inner, v))
        }),
        _ => None,
    }
}

/// Lower-case, accents removed, đ → d, runs of spaces and punctuation folded to one space:
/// "TÊN  SẢN-PHẨM" and "tên sản phẩm" give the same key. SQLite's own lower()/LIKE fold ASCII only.
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The text with its first letter upper-case: a sentence made to follow "Ngày …:" as a heading.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// The search key of a dossier: its product and producer, as one folded text.
pub fn dossier_search_key(product: &str, producer: &str) -> String {
    search_key(&format!("{product} {producer}"))
}

/// A sort key in Vietnamese alphabetical order: a < ă < â < b … d < đ … o < ô < ơ … u < ư …, letters
/// before tones (ngang < huyền < hỏi < ngã < sắc < nặng), case ignored. Byte order would put "Đ"
/// after "Z" and "Ă" after every plain letter.
pub fn collation_key(s: &str) -> (Vec<u32>, Vec<u8>) {
    let table = letter_table();
    let mut primary = Vec::with_capacity(s.len());
    let mut tones = Vec::with_capacity(s.len());
    for c in s.chars() {
        match table.get(&c) {
            Some(&(p, t)) => {
                primary.push(p);
                tones.push(t);
            }
            // A combining mark or a letter outside the table: the slow way, the whole text.
            None => return decomposed_key(s),
        }
    }
    (primary, tones)
}

/// The key of every precomposed Latin letter, digit, space and ASCII sign (U+0020–U+024F and the
/// Vietnamese block U+1E00–U+1EFF), computed once by `decomposed_key`: a register of 20,000
/// products sorts its names in a quarter of the time it took to decompose each of them.
fn letter_table() -> &'static std::collections::HashMap<char, (u32, u8)> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, (u32, u8)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let letters = ('\u{20}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}');
        letters
            .filter(|c| !is_combining_mark(*c))
            .filter_map(|c| match decomposed_key(c.encode_utf8(&mut [0; 4])) {
                (p, t) if p.len() == 1 && t.len() == 1 => Some((c, (p[0], t[0]))),
                _ => None,
            })
            .collect()
    })
}

/// The key by decomposing the text (NFD) and reading each base letter's marks.
fn decomposed_key(s: &str) -> (Vec<u32>, Vec<u8>) {
    const ALPHABET: &str = "abcdđeghiklmnopqrstuvxy";
    let mut primary = Vec::new();
    let mut tones = Vec::new();
    let mut chars = s.nfd().peekable();
    while let Some(c) = chars.next() {
        if is_combining_mark(c) {
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let (mut modifier, mut tone) = (0u32, 0u8);
        while let Some(&m) = chars.peek().filter(|m| is_combining_mark(**m)) {
            match m {
                '\u{0306}' => modifier = 1, // breve: ă
                '\u{0302}' => modifier = 2, // circumflex: â ê ô
                '\u{031B}' => modifier = 3, // horn: ơ ư
                '\u{0300}' => tone = 1,     // huyền
                '\u{0309}' => tone = 2,     // hỏi
                '\u{0303}' => tone = 3,     // ngã
                '\u{0301}' => tone = 4,     // sắc
                '\u{0323}' => tone = 5,     // nặng
                _ => {}
            }
            chars.next();
        }
        primary.push(match ALPHABET.chars().position(|a| a == lower) {
            Some(i) => 1000 + i as u32 * 4 + modifier,
            None if lower.is_ascii_digit() => 100 + lower as u32,
            None if lower.is_whitespace() => 1,
            None => 2000 + lower as u32,
        });
        tones.push(tone);
    }
    (primary, tones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forbidden_character_is_found_with_the_path_of_its_text() {
        assert_eq!(forbidden_char("ghi chú\n\tdòng hai", false), None, "notes may hold tabs and line breaks");
        assert_eq!(forbidden_char("a\tb", true), Some('\t'), "keys may not");
        assert_eq!(forbidden_char("Gạo\u{202E}", false), Some('\u{202E}'));
        let value = serde_json::json!({"name": "An", "guests": [{"name": "ok"}, {"name": "x\u{7}"}]});
        let found = forbidden_in("session", &value).unwrap();
        assert_eq!(found.path, "session.guests[1].name");
        assert_eq!(found.problem, crate::domain::session::Problem::ForbiddenChar(7));
        assert_eq!(forbidden_in("", &serde_json::json!({"a\u{0}": 1})).unwrap().path, "a\u{0}");
        assert!(forbidden_in("", &serde_json::json!({"a": "b"})).is_none());
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "Ga\u{0323}o ne\u{0302}\u{0301}p";
        assert_eq!(nfc(decomposed), "Gạo nếp");
        assert_eq!(nfc(decomposed).chars().count(), 7);
    }

    #[test]
    fn the_letter_table_gives_the_keys_decomposing_gives() {
        let words = ["Gạo nếp cái hoa vàng", "ĐẬU PHỘNG", "Ổi", "Nước mắm 40°N", "Chè Shan tuyết #2", "Ǆ", "ﬁ"];
        for w in words {
            assert_eq!(collation_key(w), decomposed_key(w), "{w}");
            let nfd: String = w.nfd().collect();
            assert_eq!(collation_key(&nfd), collation_key(w), "{w}: NFD typed keys as NFC");
        }
        assert!(letter_table().contains_key(&'ự') && letter_table().contains_key(&'Đ'));
    }

    #[test]
    fn a_sentence_capitalised() {
        assert_eq!(capitalised("chưa có sản phẩm"), "Chưa có sản phẩm");
        assert_eq!(capitalised("đậu"), "Đậu");
        assert_eq!(capitalised("12 products"), "12 products");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn vietnamese_alphabetical_order() {
        let mut words = vec!["Đỉnh", "Dưa", "Ăn", "An", "Ân", "Bánh", "Bún", "Ba", "ba", "bà", "bả", "bá", "Zô"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, ["An", "Ăn", "Ân", "Ba", "ba", "bà", "bả", "bá", "Bánh", "Bún", "Dưa", "Đỉnh", "Zô"]);
    }

    #[test]
    fn search_key_folds_case_accents_spacing_and_punctuation() {
        assert_eq!(search_key("Tên sản phẩm"), "ten san pham");
        assert_eq!(search_key("TEN SAN PHAM"), "ten san pham");
        assert_eq!(search_key("tên  sản-phẩm"), "ten san pham");
        assert_eq!(search_key("Đồ gỗ mỹ nghệ La Xuyên"), "do go my nghe la xuyen");
        assert_eq!(search_key("  Ấ, Ẫ; Ặ. Ỗ  "), "a a a o");
    }

    #[test]
    fn dossier_key_joins_product_and_producer() {
        assert_eq!(dossier_search_key("Gạo nếp cái hoa vàng", "HTX Đông Hòa"), "gao nep cai hoa vang htx dong hoa");
        assert_eq!(dossier_search_key("Mật ong", ""), "mat ong");
    }
}
