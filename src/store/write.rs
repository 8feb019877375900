//! Writing a whole session into a fresh file (used by `new`).

use super::{Result, Store, audit, dossiers::upsert_dossier, sheets::choices_json};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::fingerprint::sha256_hex;
use crate::domain::{CriteriaSet, Ruleset, Session};
use rusqlite::{Connection, TransactionBehavior, params};

pub(super) fn insert_session(
    store: &mut Store,
    s: &Session,
    criteria: &CriteriaSet,
    ruleset: &Ruleset,
    actor: &str,
) -> Result<()> {
    let sql_err = store.sql_owned();
    let now = super::now_utc();
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql_err)?;
    insert_info(&tx, s, &now).map_err(&sql_err)?;
    super::facts::write_meeting_facts(&tx, &s.session.facts).map_err(&sql_err)?;
    for (kind, id, json) in
        [("criteria", &criteria.id, criteria.to_json()), ("ruleset", &ruleset.id, ruleset.to_json())]
    {
        tx.execute(
            "INSERT INTO snapshot (kind, id, sha256, json) VALUES (?1, ?2, ?3, ?4)",
            params![kind, id, sha256_hex(json.as_bytes()), json],
        )
        .map_err(&sql_err)?;
    }
    insert_people_and_dossiers(&tx, s).map_err(&sql_err)?;
    insert_sheets(&tx, s, &now).map_err(&sql_err)?;
    for entry in &s.audit {
        audit::append_entry(&tx, entry).map_err(&sql_err)?;
    }
    let counts = format!("members={} dossiers={} sheets={}", s.members.len(), s.dossiers.len(), s.sheets.len());
    let event = AuditEvent::new(AuditAction::Create, Target::session()).change(None, Some(counts));
    audit::append(&tx, actor, &event).map_err(&sql_err)?;
    tx.commit().map_err(&sql_err)
}

fn insert_info(conn: &Connection, s: &Session, now: &str) -> rusqlite::Result<()> {
    let info = &s.session;
    let settings = s.settings();
    conn.execute(
        "INSERT INTO session (id, title, ruleset, criteria_set, authority, province, council_decision, meeting_date,
            meeting_place, spread_limit, quorum_num, quorum_den, chair_required, decimals, created_at, check_required)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            info.title,
            info.ruleset,
            info.criteria_set,
            info.authority,
            info.province,
            info.council_decision,
            crate::domain::date::to_text(info.meeting_date),
            info.meeting_place,
            settings.spread_limit,
            settings.quorum.fraction.num,
            settings.quorum.fraction.den,
            settings.quorum.chair_required,
            settings.decimals,
            now,
            settings.check_required
        ],
    )?;
    Ok(())
}

fn insert_people_and_dossiers(conn: &Connection, s: &Session) -> rusqlite::Result<()> {
    let mut member = conn.prepare(
        "INSERT INTO member (id, ord, name, position, role, present, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, m) in s.members.iter().enumerate() {
        member.execute(params![m.id, i as i64, m.name, m.position, m.role, m.present, m.scores])?;
        super::facts::write_member_facts(conn, m)?;
    }
    let mut conclusion = conn.prepare("UPDATE dossier SET conclusion = ?1 WHERE code = ?2")?;
    let mut recuse = conn.prepare("INSERT INTO recusal (dossier, member) VALUES (?1, ?2)")?;
    for (i, d) in s.dossiers.iter().enumerate() {
        upsert_dossier(conn, d, i as i64)?;
        if !d.conclusion.is_empty() {
            conclusion.execute(params![d.conclusion, d.code])?;
        }
        for m in &d.recused {
            recuse.execute(params![d.code, m])?;
        }
    }
    Ok(())
}

fn insert_sheets(conn: &Connection, s: &Session, now: &str) -> rusqlite::Result<()> {
    let mut sheet = conn.prepare(
        "INSERT INTO score_sheet (dossier, member, round, comment, submitted, choices, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for sh in &s.sheets {
        let status = sh.status();
        sheet.execute(params![
            sh.dossier,
            sh.member,
            sh.round,
            sh.comment,
            status.counts(),
            choices_json(&sh.choices),
            status
        ])?;
    }
    let mut res = conn.prepare("INSERT INTO resolution (dossier, round, note, created_at) VALUES (?1, ?2, ?3, ?4)")?;
    for r in &s.resolutions {
        res.execute(params![r.dossier, r.round, r.note, now])?;
    }
    Ok(())
}
