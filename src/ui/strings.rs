//! Interface language. Vietnamese is the default; a screen's own labels are written in both languages
//! where they are used, `tr(lang, "Tiếng Việt", "English")`, so no key can be missing in either;
//! texts of domain values (blockers, decisions, dates) come from `crate::lang`.

pub use crate::lang::Lang;

pub fn tr(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Stars as ★ characters ("★★★"), the way councils write them.
pub fn stars(n: u8) -> String {
    "★".repeat(usize::from(n))
}
