//! One rating entered in the register, inside `Register::enter`'s transaction: the product made or,
//! when the rating is its newest, brought up to it. A session is one rating of each of its products:
//! entered again with a corrected decision (`decision FILE` recorded anew), its rating is replaced,
//! not added beside the first.

use super::store::{Counts, Entry};
use crate::domain::register::{RegisteredProduct, identity_key};
use crate::domain::text::nfc;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};

/// Enters one rating; for a session's rating that replaced one of another decision, that decision
/// ("2/QĐ-UBND 2023-06-20"), for the audit row.
pub(super) fn enter_one(tx: &Transaction<'_>, entry: &Entry, counts: &mut Counts) -> rusqlite::Result<Option<String>> {
    let p = &entry.product;
    let identity = identity_key(&p.product, &p.producer);
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, decision_date FROM product WHERE identity = ?1")?
        .query_row([&identity], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let facts = fact_values(identity, p);
    let Some((id, newest)) = existing else {
        tx.prepare_cached(
            "INSERT INTO product (identity, product, product_group, producer, entity_type, commune, address, stars,
                 decision_number, decision_date, authority, valid_until, revoked, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(rusqlite::params_from_iter(&facts))?;
        insert_rating(tx, tx.last_insert_rowid(), entry)?;
        counts.added += 1;
        return Ok(None);
    };
    if !entry.rating.session.is_empty() {
        let earlier = session_decisions(tx, id, &entry.rating.session)?;
        let this = (text(&entry.rating.decision_number), entry.rating.decision_date.to_string());
        if earlier == [this.clone()] {
            counts.unchanged += 1;
            return Ok(None);
        }
        if !earlier.is_empty() {
            tx.prepare_cached("DELETE FROM rating WHERE product = ?1 AND session = ?2")?
                .execute(params![id, entry.rating.session])?;
            insert_rating(tx, id, entry)?;
            correct_facts(tx, id, entry, &facts, &earlier)?;
            counts.updated += 1;
            let old: Vec<String> = earlier.iter().map(|(number, date)| format!("{number} {date}")).collect();
            return Ok(Some(old.join(", ")));
        }
    }
    let inserted = insert_rating(tx, id, entry)?;
    // A newer (or same-day) decision supersedes the product's facts.
    if inserted == 1 && p.decision_date.to_string() >= newest {
        update_facts(tx, id, &facts, true)?;
        counts.updated += 1;
    } else {
        counts.unchanged += 1;
    }
    Ok(None)
}

fn text(s: &str) -> String {
    nfc(s.trim())
}

fn insert_rating(tx: &Transaction<'_>, product: i64, entry: &Entry) -> rusqlite::Result<usize> {
    let (r, p) = (&entry.rating, &entry.product);
    tx.prepare_cached(
        "INSERT INTO rating (product, session, source, date, mean, stars, decision_number, decision_date, valid_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
    )?
    .execute(params![
        product,
        r.session,
        text(&entry.source),
        r.date.to_string(),
        r.mean,
        r.stars,
        text(&r.decision_number),
        r.decision_date.to_string(),
        p.valid_until.to_string()
    ])
}

/// The decisions (number, date) the register holds this product's ratings from `session` under.
fn session_decisions(tx: &Transaction<'_>, product: i64, session: &str) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT decision_number, decision_date FROM rating WHERE product = ?1 AND session = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![product, session], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// After a session's rating was replaced: the product takes the corrected rating's facts when it is
/// (still) the newest — its revocation, a later act, stays. When another rating is newer, the
/// product keeps that one's facts; if they were the replaced rating's (the correction moved the
/// decision back), it takes the newest rating's stars, decision and validity.
fn correct_facts(
    tx: &Transaction<'_>,
    product: i64,
    entry: &Entry,
    facts: &[Value],
    replaced: &[(String, String)],
) -> rusqlite::Result<()> {
    let newest_other: Option<String> = tx
        .prepare_cached("SELECT max(decision_date) FROM rating WHERE product = ?1 AND session <> ?2")?
        .query_row(params![product, entry.rating.session], |r| r.get(0))?;
    if newest_other.is_none_or(|other| entry.product.decision_date.to_string() >= other) {
        return update_facts(tx, product, facts, false);
    }
    let current: (String, String) = tx
        .prepare_cached("SELECT decision_number, decision_date FROM product WHERE id = ?1")?
        .query_row([product], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if replaced.contains(&current) {
        tx.prepare_cached(
            "UPDATE product SET (stars, decision_number, decision_date, valid_until) =
                 (SELECT stars, decision_number, decision_date, valid_until FROM rating WHERE product = ?1
                   ORDER BY decision_date DESC, id DESC LIMIT 1)
             WHERE id = ?1",
        )?
        .execute([product])?;
    }
    Ok(())
}

/// Brings the product's row to `facts`; `revoked` too when `with_revocation` (a new rating), kept
/// otherwise (a corrected one).
fn update_facts(tx: &Transaction<'_>, product: i64, facts: &[Value], with_revocation: bool) -> rusqlite::Result<()> {
    let revoked = if with_revocation { "?13" } else { "revoked" };
    tx.prepare_cached(&format!(
        "UPDATE product SET identity = ?1, product = ?2, product_group = ?3, producer = ?4, entity_type = ?5,
             commune = ?6, address = ?7, stars = ?8, decision_number = ?9, decision_date = ?10, authority = ?11,
             valid_until = ?12, revoked = {revoked}, note = ?14 WHERE id = ?15"
    ))?
    .execute(rusqlite::params_from_iter(facts.iter().chain([&Value::Integer(product)])))?;
    Ok(())
}

/// The product row's columns in their order (identity first), as stored: trimmed, NFC.
fn fact_values(identity: String, p: &RegisteredProduct) -> Vec<Value> {
    let text = |s: &str| Value::Text(nfc(s.trim()));
    vec![
        Value::Text(identity),
        text(&p.product),
        text(&p.group),
        text(&p.producer),
        text(&p.entity_type),
        text(&p.commune),
        text(&p.address),
        Value::Integer(i64::from(p.stars)),
        text(&p.decision_number),
        Value::Text(p.decision_date.to_string()),
        text(&p.authority),
        Value::Text(p.valid_until.to_string()),
        p.revoked.as_deref().map_or(Value::Null, text),
        text(&p.note),
    ]
}
