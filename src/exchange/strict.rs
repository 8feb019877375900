//! The first pass over an exchange document: the JSON read into a `Value` by our own visitor, so
//! what serde_json lets through is refused here with its JSON path — a key twice in one object (the
//! last one would silently win), a key too long to be a field or a criterion code, a control
//! character or a bidi override in any text. Every string and key comes out in NFC, and two keys
//! that differ only in their Unicode spelling are the same key.

use super::ExchangeError;
use crate::domain::session::{Invalid, Problem, excerpt};
use crate::domain::text::nfc;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

/// The longest key a document may have: field names and criterion codes are a few characters.
pub const MAX_KEY_CHARS: usize = 80;
/// The longest text value: a comment of several pages fits; a ten-megabyte product name (which
/// once overflowed the documents' text measure) does not.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The document as a `Value`, or the first rule it breaks (or its syntax error).
pub fn read(text: &str) -> Result<Value, ExchangeError> {
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Node { path: String::new(), found: &found }.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    value.map_err(|e| match found.take() {
        Some(invalid) => ExchangeError::Invalid(invalid),
        None => ExchangeError::Syntax {
            line: e.line(),
            column: e.column(),
            message: super::cut_quotes(e.to_string().split(" at line").next().unwrap_or_default()),
        },
    })
}

pub use crate::domain::text::forbidden_char;

/// The path of `key` inside the object at `path`: `members[0].role`, `sheets[2].choices["1.1"]`.
fn key_path(path: &str, key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let key = excerpt(key);
    match (plain, path.is_empty()) {
        (true, true) => key,
        (true, false) => format!("{path}.{key}"),
        (false, _) => format!("{path}[\"{key}\"]"),
    }
}

/// One value of the document at `path`; the first broken rule is kept in `found`.
struct Node<'f> {
    path: String,
    found: &'f RefCell<Option<Invalid>>,
}

impl Node<'_> {
    fn refuse<E: serde::de::Error>(&self, path: String, problem: Problem) -> E {
        let message = Invalid { path: path.clone(), problem: problem.clone() }.to_string();
        self.found.borrow_mut().get_or_insert(Invalid { path, problem });
        E::custom(message)
    }

    fn text<E: serde::de::Error>(&self, path: &str, text: &str, is_key: bool) -> Result<String, E> {
        // Counted only past the byte length that could hold it: the common case costs nothing.
        if text.len() > MAX_TEXT_CHARS {
            let length = text.chars().count();
            if length > MAX_TEXT_CHARS {
                return Err(self.refuse(path.to_string(), Problem::TextTooLong { length, max: MAX_TEXT_CHARS }));
            }
        }
        match forbidden_char(text, is_key) {
            Some(c) => Err(self.refuse(path.to_string(), Problem::ForbiddenChar(u32::from(c)))),
            None => Ok(nfc(text)),
        }
    }

    fn child(&self, path: String) -> Node<'_> {
        Node { path, found: self.found }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        self.text(&self.path, v, false).map(Value::String)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child(format!("{}[{}]", self.path, items.len())))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(raw) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let path = key_path(&self.path, &raw);
            let length = raw.chars().count();
            if length > MAX_KEY_CHARS {
                return Err(self.refuse(path, Problem::KeyTooLong { length, max: MAX_KEY_CHARS }));
            }
            let key = self.text(&path, &raw, true)?;
            if object.contains_key(&key) {
                return Err(self.refuse(path, Problem::DuplicateKey(excerpt(&key))));
            }
            let value = map.next_value_seed(self.child(path))?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> String {
        read(text).unwrap_err().to_string()
    }

    #[test]
    fn a_key_twice_in_one_object_is_refused_with_its_path() {
        assert_eq!(
            refused(r#"{"sheets": [{"choices": {"1.1": 3, "1.1": 1}}]}"#),
            "sheets[0].choices[\"1.1\"]: khóa «1.1» bị lặp trong cùng một đối tượng"
        );
        assert_eq!(
            refused(r#"{"members": [{"id": "m1"}, {"role": "chair", "role": "member"}]}"#),
            "members[1].role: khóa «role» bị lặp trong cùng một đối tượng"
        );
        // The same key in two spellings (precomposed and combining) is the same key once in NFC.
        assert!(refused("{\"Đ\u{1ec1}\": 1, \"Đe\u{302}\u{300}\": 2}").contains("bị lặp"));
        assert!(read(r#"{"a": {"x": 1}, "b": {"x": 1}}"#).is_ok(), "one key in two objects is fine");
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_refused_in_texts_and_keys() {
        assert_eq!(
            refused("{\"members\": [{\"name\": \"An\u{202E}gnòh\"}]}"),
            "members[0].name: có ký tự điều khiển hoặc đổi chiều chữ U+202E, không được phép trong văn bản"
        );
        for bad in ["\\u0000", "\\u001b[2J", "\\u0085", "\\u007f", "\\u2066", "\\r"] {
            assert!(refused(&format!(r#"{{"t": "a{bad}b"}}"#)).starts_with("t: có ký tự"), "{bad}");
        }
        assert!(read(r#"{"note": "dòng một\ndòng hai\tcột"}"#).is_ok(), "notes may hold line breaks and tabs");
        assert!(refused(r#"{"a\nb": 1}"#).contains("U+000A"), "keys may not");
    }

    #[test]
    fn long_keys_and_values_are_quoted_in_part() {
        let key = "k".repeat(10_000_000);
        let e = refused(&format!(r#"{{"{key}": 1}}"#));
        assert!(e.len() < 300, "{}", e.len());
        assert!(e.contains("khóa dài 10000000 ký tự"), "{}", &e[..200]);
    }

    #[test]
    fn a_text_past_ten_thousand_characters_is_refused_and_one_at_it_kept() {
        let name = "Gạo".repeat(1_700_000);
        let e = refused(&format!(r#"{{"dossiers": [{{"product": "{name}"}}]}}"#));
        assert_eq!(e, "dossiers[0].product: văn bản dài 5100000 ký tự (tối đa 10000)");
        // 10,000 characters of 2-byte letters: past the byte test, at the limit, kept.
        assert!(read(&format!(r#"{{"note": "{}"}}"#, "ạ".repeat(MAX_TEXT_CHARS))).is_ok());
        assert!(refused(&format!(r#"{{"note": "{}"}}"#, "ạ".repeat(MAX_TEXT_CHARS + 1))).contains("10001 ký tự"));
    }

    #[test]
    fn syntax_errors_keep_their_place() {
        assert!(matches!(read("{\"a\": }"), Err(ExchangeError::Syntax { line: 1, .. })));
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(matches!(read(&deep), Err(ExchangeError::Syntax { .. })), "nesting is bounded");
    }
}
