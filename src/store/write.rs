//! Writing a whole session into a fresh file (used by `new`).

use super::{Result, Store};
use crate::domain::fingerprint::sha256_hex;
use crate::domain::session::{EntityType, Kind, Role};
use crate::domain::text::dossier_search_key;
use crate::domain::{CriteriaSet, Ruleset, Session};
use rusqlite::{TransactionBehavior, params};

pub(super) fn role_str(r: Role) -> &'static str {
    match r {
        Role::Chair => "chair",
        Role::ViceChair => "vice_chair",
        Role::Member => "member",
        Role::Secretary => "secretary",
    }
}

pub(super) fn entity_str(e: EntityType) -> &'static str {
    match e {
        EntityType::Htx => "htx",
        EntityType::Tht => "tht",
        EntityType::Dn => "dn",
        EntityType::Ho => "ho",
        EntityType::Other => "other",
    }
}

pub(super) fn kind_str(k: Kind) -> &'static str {
    match k {
        Kind::New => "new",
        Kind::Upgrade => "upgrade",
        Kind::Rerate => "rerate",
    }
}

/// A sheet's choices as stored: a JSON object, criterion code → option number.
pub(super) fn choices_json(choices: &std::collections::BTreeMap<String, u8>) -> String {
    serde_json::to_string(choices).unwrap_or_else(|_| "{}".into())
}

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
    let info = &s.session;
    let settings = s.settings();
    tx.execute(
        "INSERT INTO session (id, title, ruleset, criteria_set, authority, province, council_decision, meeting_date,
            meeting_place, spread_limit, quorum_num, quorum_den, chair_required, decimals, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
            now
        ],
    )
    .map_err(&sql_err)?;
    for (kind, id, json) in
        [("criteria", &criteria.id, criteria.to_json()), ("ruleset", &ruleset.id, ruleset.to_json())]
    {
        tx.execute(
            "INSERT INTO snapshot (kind, id, sha256, json) VALUES (?1, ?2, ?3, ?4)",
            params![kind, id, sha256_hex(json.as_bytes()), json],
        )
        .map_err(&sql_err)?;
    }
    {
        let mut stmt = tx
            .prepare("INSERT INTO member (id, ord, name, position, role, present, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .map_err(&sql_err)?;
        for (i, m) in s.members.iter().enumerate() {
            stmt.execute(params![m.id, i as i64, m.name, m.position, role_str(m.role), m.present, m.scores])
                .map_err(&sql_err)?;
        }
        let mut stmt = tx
            .prepare(
                "INSERT INTO dossier (code, ord, product, sheet, producer, entity_type, representative, address, phone,
                    kind, self_score, eliminated, current_round, search_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .map_err(&sql_err)?;
        let mut recuse = tx.prepare("INSERT INTO recusal (dossier, member) VALUES (?1, ?2)").map_err(&sql_err)?;
        for (i, d) in s.dossiers.iter().enumerate() {
            stmt.execute(params![
                d.code,
                i as i64,
                d.product,
                d.sheet,
                d.producer,
                entity_str(d.entity_type),
                d.representative,
                d.address,
                d.phone,
                kind_str(d.kind),
                d.self_score,
                d.eliminated,
                d.current_round(),
                dossier_search_key(&d.product, &d.producer),
            ])
            .map_err(&sql_err)?;
            for m in &d.recused {
                recuse.execute(params![d.code, m]).map_err(&sql_err)?;
            }
        }
        let mut sheet = tx
            .prepare(
                "INSERT INTO score_sheet (dossier, member, round, comment, submitted, choices)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(&sql_err)?;
        for sh in &s.sheets {
            let choices = choices_json(&sh.choices);
            sheet
                .execute(params![sh.dossier, sh.member, sh.round, sh.comment, !sh.draft, choices])
                .map_err(&sql_err)?;
        }
        let mut res = tx
            .prepare("INSERT INTO resolution (dossier, round, note, created_at) VALUES (?1, ?2, ?3, ?4)")
            .map_err(&sql_err)?;
        for r in &s.resolutions {
            res.execute(params![r.dossier, r.round, r.note, now]).map_err(&sql_err)?;
        }
    }
    {
        let mut history = tx
            .prepare("INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .map_err(&sql_err)?;
        for a in &s.audit {
            history.execute(params![a.at, a.actor, a.action, a.target, a.old, a.new, a.reason]).map_err(&sql_err)?;
        }
    }
    tx.execute(
        "INSERT INTO audit_log (at, actor, action, target, old, new, reason) VALUES (?1, ?2, 'create', 'session', NULL, ?3, NULL)",
        params![now, actor, format!("{} thành viên, {} hồ sơ, {} phiếu", s.members.len(), s.dossiers.len(), s.sheets.len())],
    )
    .map_err(&sql_err)?;
    tx.commit().map_err(&sql_err)
}
