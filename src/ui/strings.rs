//! Interface language. Vietnamese is the default; every text is written in both languages where
//! it is used, `tr(lang, "Tiếng Việt", "English")`, so no key can be missing in either.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

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
