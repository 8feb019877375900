//! A JSON array of dossier objects (the exchange format's shape), turned into rows under the design's
//! Vietnamese headers, so that both kinds of list pass the same checks and give the same messages.

use super::{Field, Note};
use crate::table::Rows;

/// The exchange format's field for each column.
const FIELDS: [(Field, &str); 10] = [
    (Field::Code, "code"),
    (Field::Product, "product"),
    (Field::Sheet, "sheet"),
    (Field::Producer, "producer"),
    (Field::EntityType, "entity_type"),
    (Field::Representative, "representative"),
    (Field::Address, "address"),
    (Field::Phone, "phone"),
    (Field::Kind, "kind"),
    (Field::SelfScore, "self_score"),
];

/// The header row and one row per dossier object, or why the text is not such a list.
pub(super) fn json_rows(text: &str) -> Result<Rows, Note> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Note::JsonSyntax(e.to_string()))?;
    let list = value.as_array().ok_or(Note::JsonNotArray)?;
    let mut rows = vec![FIELDS.iter().map(|(f, _)| f.label().to_string()).collect::<Vec<_>>()];
    for (i, item) in list.iter().enumerate() {
        let obj = item.as_object().ok_or(Note::JsonNotObject(i))?;
        if let Some(unknown) = obj.keys().find(|k| !FIELDS.iter().any(|(_, name)| name == k)) {
            return Err(Note::JsonUnknownField { item: i, field: unknown.clone() });
        }
        rows.push(FIELDS.iter().map(|(_, name)| cell(name, obj.get(*name))).collect());
    }
    Ok(rows)
}

/// A field's value as the cell a list would have: enum values in the words the list uses.
fn cell(name: &str, value: Option<&serde_json::Value>) -> String {
    match value {
        Some(serde_json::Value::String(s)) => match name {
            "entity_type" => entity_word(s),
            "kind" => kind_word(s),
            _ => s.clone(),
        },
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn entity_word(value: &str) -> String {
    match value {
        "htx" => "HTX",
        "tht" => "THT",
        "dn" => "DN",
        "ho" => "Hộ kinh doanh",
        "other" => "Khác",
        other => other,
    }
    .into()
}

fn kind_word(value: &str) -> String {
    match value {
        "new" => "Mới",
        "upgrade" => "Nâng hạng",
        "rerate" => "Đánh giá lại",
        other => other,
    }
    .into()
}
