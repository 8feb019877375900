//! Text rules shared by every layer: Unicode NFC for storage and a folded key for Vietnamese search.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The stored form of every text: precomposed (NFC), so "ấ" is one character whatever the keyboard sent.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "Ga\u{0323}o ne\u{0302}\u{0301}p";
        assert_eq!(nfc(decomposed), "Gạo nếp");
        assert_eq!(nfc(decomposed).chars().count(), 7);
    }

    #[test]
    fn search_key_folds_case_accents_spacing_and_punctuation() {
        assert_eq!(search_key("Tên sản phẩm"), "ten san pham");
        assert_eq!(search_key("TEN SAN PHAM"), "ten san pham");
        assert_eq!(search_key("tên  sản-phẩm"), "ten san pham");
        assert_eq!(search_key("Đồ gỗ mỹ nghệ La Xuyên"), "do go my nghe la xuyen");
        assert_eq!(search_key("  Ấ, Ẫ; Ặ. Ỗ  "), "a a a o");
    }
}
