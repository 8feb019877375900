//! Domain enums as SQL values: the name a column stores is the enum's serde name (the same word the
//! exchange document uses), so there is one mapping, not a hand-written one per direction.

use crate::domain::audit::AuditAction;
use crate::domain::facts::{Honorific, SignCapacity};
use crate::domain::session::{EntityType, Kind, Role};
use crate::domain::sheet_status::SheetStatus;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// The serde name of a unit variant ("vice_chair").
pub(super) fn name_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn parse_name<T: serde::de::DeserializeOwned>(value: ValueRef<'_>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| FromSqlError::Other(Box::new(super::Damage::UnknownWord(crate::domain::session::excerpt(text)))))
}

macro_rules! sql_by_serde_name {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(name_of(self)))
            }
        }
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                parse_name(value)
            }
        }
    )*};
}

sql_by_serde_name!(Role, EntityType, Kind, AuditAction, SheetStatus, Honorific, SignCapacity);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_through_their_stored_names() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let (role, kind): (Role, Kind) = conn
            .query_row("SELECT ?1, ?2", rusqlite::params![Role::ViceChair, Kind::Rerate], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((role, kind), (Role::ViceChair, Kind::Rerate));
        let text: String = conn.query_row("SELECT ?1", [AuditAction::DossierAdded], |r| r.get(0)).unwrap();
        assert_eq!(text, "dossier_added");
        let bad = conn.query_row("SELECT 'chủ tịch'", [], |r| r.get::<_, Role>(0));
        assert!(bad.is_err());
    }
}
