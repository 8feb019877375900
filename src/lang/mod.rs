//! Words for people: the ONE place that turns domain values into Vietnamese or English text, one
//! file per language (`vi.rs`, `en.rs`), so a screen, the command line and a document say the same
//! thing the same way, and no Vietnamese table quotes an English sentence.
//!
//! How it is used: a value that people read implements [`Say`], and `value.say(lang)` gives its text.
//! `Say` for a type is one `match lang` here that calls the function of each language file; the
//! words themselves live only in those files.
//!
//! Adding a type (an error, an audit event, …): write `pub fn thing(t: &Thing) -> String` in `vi.rs`
//! and in `en.rs` (the compiler then asks for both languages), and add
//! `impl Say for Thing { fn say(&self, lang: Lang) -> String { by_lang!(lang, thing(self)) } }` below.
//! A value whose text needs more than itself (a decision with its stars) gets a small struct that
//! holds what the sentence needs, like [`Verdict`].
//!
//! Machine forms are not here: `results --json` prints `Blocker`'s stable English `Display`
//! (design §6), which `en.rs` speaks to people too.

pub mod en;
pub mod vi;

use crate::domain::{Blocker, Decision};
use serde::{Deserialize, Serialize};

/// Interface language. Vietnamese is the default. Preferences files store it as "Vi" / "En".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A value with a text for people in each language.
pub trait Say {
    fn say(&self, lang: Lang) -> String;
}

/// Calls the same-named function of the language file of `lang`.
macro_rules! by_lang {
    ($lang:expr, $function:ident($($arg:expr),*)) => {
        match $lang {
            Lang::Vi => vi::$function($($arg),*).into(),
            Lang::En => en::$function($($arg),*).into(),
        }
    };
}

/// Why a product is pending or the session cannot be finalised.
impl Say for Blocker {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, blocker(self))
    }
}

/// A criteria set issued after the meeting it scores.
impl Say for crate::domain::legal::LaterBasis {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, later_basis(self))
    }
}

/// A fact the documents need that the session lacks.
impl Say for crate::domain::facts::MissingFact {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, missing_fact(*self))
    }
}

/// The bare word of a decision: "Công nhận", "Không đạt", …
impl Say for Decision {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, decision(*self))
    }
}

/// A decision with the stars it was reached at, as the results table writes it:
/// "Công nhận 3 sao", "Không đạt (2 sao)", "Đề nghị cấp trên (4 sao)", "Bị loại".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    pub stars: u8,
}

impl Say for Verdict {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, verdict(self))
    }
}

/// What went wrong with a session file, and what to do.
impl Say for crate::store::StoreError {
    fn say(&self, lang: Lang) -> String {
        by_lang!(lang, store_error(self))
    }
}

/// One audit row in words, without its time and actor: "Chấm tiêu chí · YY-01 · m1 · vòng 2 ·
/// tiêu chí 1.1: 3 → 2 (lý do)".
impl Say for crate::domain::audit::AuditEntry {
    fn say(&self, lang: Lang) -> String {
        let value = |v: &Option<String>| -> Option<String> {
            v.as_deref().map(|v| by_lang!(lang, audit_value(self.action, v)))
        };
        let change = match (value(&self.old), value(&self.new)) {
            (Some(o), Some(n)) => format!(": {o} → {n}"),
            (None, Some(n)) => format!(": {n}"),
            (Some(o), None) => format!(": {o} →"),
            (None, None) => String::new(),
        };
        let reason = self.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
        let action: String = by_lang!(lang, audit_action(self.action));
        let target: String = by_lang!(lang, audit_target(&self.target()));
        format!("{action} · {target}{change}{reason}")
    }
}

/// "members=9 dossiers=12" as "9 thành viên, 12 hồ sơ" with the language's `word` for each name;
/// None when the text is not such a list.
pub(crate) fn counted(text: &str, word: impl Fn(&str) -> &'static str) -> Option<String> {
    let pairs: Option<Vec<String>> = text
        .split(' ')
        .map(|pair| {
            let (name, n) = pair.split_once('=')?;
            let w = word(name);
            (!w.is_empty() && n.parse::<u64>().is_ok()).then(|| format!("{n} {w}"))
        })
        .collect();
    pairs.map(|p| p.join(", "))
}

/// Each item's text, joined by `separator`.
pub fn say_all<T: Say>(items: &[T], lang: Lang, separator: &str) -> String {
    items.iter().map(|i| i.say(lang)).collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests;
