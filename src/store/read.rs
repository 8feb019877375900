//! Reading a whole session back out of the file, in the canonical order export uses:
//! members and dossiers as entered, sheets by dossier, round and member.

use super::{Damage, Result, Store, StoreError};
use crate::domain::facts::{Guest, MeetingFacts, Signer};
use crate::domain::ruleset::{Fraction, Quorum, Settings};
use crate::domain::session::{Dossier, Member, Resolution, ScoreSheet, SessionInfo};
use crate::domain::sheet_status::SheetStatus;
use crate::domain::{CriteriaSet, Ruleset, Session};
use rusqlite::{Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use crate::domain::record::Lock as LockInfo;

#[derive(Clone, Debug)]
pub struct Loaded {
    pub session: Session,
    pub criteria: std::sync::Arc<CriteriaSet>,
    pub criteria_sha256: String,
    pub ruleset: Ruleset,
    pub ruleset_sha256: String,
    pub lock: Option<LockInfo>,
    /// Why each re-scoring round was opened (the audit log's `round` events), for the minutes.
    pub round_reasons: Vec<crate::domain::record::RoundReason>,
}

/// A sheet's stored choices (a JSON object, code → option), or None if the text is not one.
pub(super) fn parse_choices(text: &str) -> Option<BTreeMap<String, u8>> {
    serde_json::from_str::<BulkChoices>(text).ok().map(|c| c.0)
}

/// Builds the map in one bulk step from the pairs as read (already in key order when we wrote them)
/// instead of one insert per key: at province scale this is a third of a `results` call.
struct BulkChoices(BTreeMap<String, u8>);

impl<'de> serde::Deserialize<'de> for BulkChoices {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = BulkChoices;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of criterion code → option number")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<BulkChoices, A::Error> {
                let mut pairs: Vec<(String, u8)> = Vec::with_capacity(map.size_hint().unwrap_or(32));
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(BulkChoices(pairs.into_iter().collect()))
            }
        }
        d.deserialize_map(Pairs)
    }
}

/// Reads a session out of a connection: the store's own, or an open transaction's (the lock
/// computes its fingerprint inside the transaction that records it).
pub(super) struct Reader<'a> {
    pub(super) conn: &'a Connection,
    pub(super) path: &'a str,
}

impl Reader<'_> {
    fn corrupt(&self, problem: Damage) -> StoreError {
        StoreError::Corrupt { path: self.path.to_string(), problem }
    }

    /// A value that does not convert (an unknown role word, say) is a damaged file, not our fault.
    /// (What our own conversions found, a `Damage`, `StoreError::sqlite` recovers.)
    fn sql(&self, source: rusqlite::Error) -> StoreError {
        match source {
            rusqlite::Error::FromSqlConversionFailure(_, _, cause) if !cause.is::<Damage>() => {
                self.corrupt(Damage::Value(cause.to_string()))
            }
            other => StoreError::sqlite(self.path, other),
        }
    }

    pub(super) fn rows<T, F>(&self, sql: &str, f: F) -> Result<Vec<T>>
    where
        F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql(e))?;
        let rows = stmt.query_map([], f).map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map_err(|e| self.sql(e))
    }

    pub(super) fn snapshot(&self, kind: &'static str) -> Result<(String, String)> {
        self.conn
            .query_row("SELECT json, sha256 FROM snapshot WHERE kind = ?1", [kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|_| self.corrupt(Damage::MissingSnapshot(kind)))
    }

    /// A snapshot's JSON and the SHA-256 of that text, computed now (the stored hash is not trusted).
    pub(super) fn snapshot_hashed(&self, kind: &'static str) -> Result<(String, String)> {
        let (json, _) = self.snapshot(kind)?;
        let sha = crate::domain::fingerprint::sha256_hex(json.as_bytes());
        Ok((json, sha))
    }

    pub(super) fn lock_info(&self) -> Result<Option<LockInfo>> {
        let row: (Option<String>, Option<String>, Option<String>) = self
            .conn
            .query_row("SELECT locked_at, locked_by, lock_fingerprint FROM session WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.sql(e))?;
        Ok(row.0.map(|at| LockInfo { at, by: row.1.unwrap_or_default(), fingerprint: row.2.unwrap_or_default() }))
    }

    /// The audit log's `round` events: the dossier, the round opened (its `new` value), the reason.
    fn round_reasons(&self) -> Result<Vec<crate::domain::record::RoundReason>> {
        let sql = "SELECT dossier, new, reason FROM audit_log WHERE action = 'round' ORDER BY id";
        let rows: Vec<(Option<String>, Option<String>, Option<String>)> =
            self.rows(sql, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows
            .into_iter()
            .filter_map(|(dossier, new, reason)| {
                let round = new?.trim().parse().ok()?;
                Some(crate::domain::record::RoundReason {
                    dossier: dossier?,
                    round,
                    reason: reason.unwrap_or_default(),
                })
            })
            .collect())
    }

    /// Attachments as (dossier, name, sha256), for the fingerprint.
    pub(super) fn attachment_hashes(&self) -> Result<Vec<(String, String, String)>> {
        self.rows("SELECT dossier, name, sha256 FROM attachment ORDER BY dossier, name", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
    }

    /// The session's fingerprint as this connection sees the file now (docs/formats.md).
    pub(super) fn fingerprint(&self) -> Result<String> {
        let session = self.session()?;
        let (_, criteria) = self.snapshot_hashed("criteria")?;
        let (_, ruleset) = self.snapshot_hashed("ruleset")?;
        Ok(crate::domain::fingerprint::fingerprint(&session, &criteria, &ruleset, &self.attachment_hashes()?))
    }

    /// The session's own tables, without parsing the criteria snapshot.
    pub(super) fn session(&self) -> Result<Session> {
        let members = self.members()?;
        let dossiers = self.dossiers()?;
        let mut info = self.info()?;
        info.facts = self.facts()?;
        let mut session = Session {
            format: String::new(),
            session: info,
            members,
            dossiers,
            sheets: self.sheets()?,
            resolutions: self.resolutions()?,
            audit: vec![],
        };
        // `/1` while none of the new facts is used: an older session's fingerprint stays the same.
        session.format = session.needed_format().to_string();
        Ok(session)
    }

    /// The meeting facts of version 5 ("" columns are facts not known yet).
    fn facts(&self) -> Result<MeetingFacts> {
        type Row = (String, String, String, String, String, String, String);
        let row: Row = self
            .conn
            .query_row(
                "SELECT opened, closed, chair, secretary, signer_name, signer_title, signer_capacity
                   FROM meeting WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .unwrap_or_default();
        let (opened, closed, chair, secretary, signer_name, signer_title, capacity) = row;
        let time = |closed: bool, text: &str| match text {
            "" => Ok(None),
            t => t.parse().map(Some).map_err(|error| self.corrupt(Damage::MeetingTime { closed, error })),
        };
        let capacity = match capacity.as_str() {
            "" => None,
            word => Some(
                serde_json::from_value(word.into())
                    .map_err(|_| self.corrupt(Damage::Capacity(crate::domain::session::excerpt(word))))?,
            ),
        };
        let signer = (!signer_name.is_empty() || !signer_title.is_empty() || capacity.is_some()).then_some(Signer {
            name: signer_name,
            title: signer_title,
            capacity,
        });
        let guests = self.rows("SELECT name, position FROM guest ORDER BY ord", |r| {
            Ok(Guest { name: r.get(0)?, position: r.get(1)? })
        })?;
        let mut recipients: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (document, text) in self.rows("SELECT document, text FROM recipient ORDER BY document, ord", |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            recipients.entry(document).or_default().push(text);
        }
        Ok(MeetingFacts {
            opened: time(false, &opened)?,
            closed: time(true, &closed)?,
            chair: Some(chair).filter(|c| !c.is_empty()),
            secretary: Some(secretary).filter(|s| !s.is_empty()),
            guests,
            signer,
            recipients,
        })
    }

    fn info(&self) -> Result<SessionInfo> {
        self.conn
            .query_row(
                "SELECT title, ruleset, criteria_set, authority, province, council_decision, meeting_date, meeting_place,
                        spread_limit, quorum_num, quorum_den, chair_required, decimals, check_required FROM session WHERE id = 1",
                [],
                |r| {
                    let settings = Settings {
                        spread_limit: r.get(8)?,
                        quorum: Quorum { fraction: Fraction { num: r.get(9)?, den: r.get(10)? }, chair_required: r.get(11)? },
                        decimals: r.get(12)?,
                        check_required: r.get(13)?,
                    };
                    Ok(SessionInfo {
                        title: r.get(0)?,
                        ruleset: r.get(1)?,
                        criteria_set: r.get(2)?,
                        authority: r.get(3)?,
                        province: r.get(4)?,
                        council_decision: r.get(5)?,
                        meeting_date: meeting_date(&r.get::<_, String>(6)?)?,
                        meeting_place: r.get(7)?,
                        settings: Some(settings),
                        facts: Default::default(),
                    })
                },
            )
            .map_err(|e| match e {
                rusqlite::Error::FromSqlConversionFailure(..) => self.sql(e),
                _ => self.corrupt(Damage::MissingSession),
            })
    }

    fn members(&self) -> Result<Vec<Member>> {
        let sql = "SELECT m.id, m.name, m.position, m.role, m.present, m.scores, f.honorific, f.absence_reason
               FROM member m LEFT JOIN member_facts f ON f.member = m.id ORDER BY m.ord";
        self.rows(sql, |r| {
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
                role: r.get(3)?,
                present: r.get(4)?,
                scores: r.get(5)?,
                honorific: r.get(6)?,
                absence_reason: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            })
        })
    }

    fn dossiers(&self) -> Result<Vec<Dossier>> {
        let mut recused: HashMap<String, Vec<String>> = HashMap::new();
        for (d, m) in self
            .rows("SELECT r.dossier, r.member FROM recusal r JOIN member m ON m.id = r.member ORDER BY m.ord", |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
        {
            recused.entry(d).or_default().push(m);
        }
        let mut dossiers = self.rows(
            "SELECT code, product, sheet, producer, entity_type, representative, address, phone, kind, self_score,
                    eliminated, current_round, conclusion FROM dossier ORDER BY ord",
            |r| {
                Ok(Dossier {
                    code: r.get(0)?,
                    product: r.get(1)?,
                    sheet: r.get(2)?,
                    producer: r.get(3)?,
                    entity_type: r.get(4)?,
                    representative: r.get(5)?,
                    address: r.get(6)?,
                    phone: r.get(7)?,
                    kind: r.get(8)?,
                    self_score: r.get(9)?,
                    eliminated: r.get(10)?,
                    round: Some(r.get(11)?),
                    conclusion: r.get(12)?,
                    recused: Vec::new(),
                })
            },
        )?;
        for d in &mut dossiers {
            d.recused = recused.remove(&d.code).unwrap_or_default();
        }
        // Only raw SQL writes a round outside 1..=99; refused, so no reader loops over a file's number.
        use crate::domain::session::{MAX_ROUND, excerpt};
        if let Some(d) = dossiers.iter().find(|d| !(1..=MAX_ROUND).contains(&d.current_round())) {
            let (dossier, round) = (excerpt(&d.code), d.current_round());
            return Err(self.corrupt(Damage::Round { dossier, round }));
        }
        Ok(dossiers)
    }

    fn sheets(&self) -> Result<Vec<ScoreSheet>> {
        self.sheets_of(None)
    }

    /// Every sheet, or only one member's (`member`): a member's device is sent its own sheets only.
    fn sheets_of(&self, member: Option<&str>) -> Result<Vec<ScoreSheet>> {
        let sql = "SELECT s.dossier, s.member, s.round, s.comment, s.status, s.choices FROM score_sheet s
               JOIN dossier d ON d.code = s.dossier JOIN member m ON m.id = s.member
              WHERE ?1 IS NULL OR s.member = ?1
              ORDER BY d.ord, s.round, m.ord";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([member], |r| {
                let sheet = ScoreSheet {
                    dossier: r.get(0)?,
                    member: r.get(1)?,
                    round: r.get(2)?,
                    comment: r.get(3)?,
                    draft: !r.get::<_, SheetStatus>(4)?.counts(),
                    checked: r.get::<_, SheetStatus>(4)? == SheetStatus::Checked,
                    choices: BTreeMap::new(),
                };
                Ok((sheet, r.get::<_, String>(5)?))
            })
            .map_err(|e| self.sql(e))?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.sql(e))?;
        rows.into_iter()
            .map(|(mut sheet, choices)| {
                sheet.choices = parse_choices(&choices).ok_or_else(|| {
                    let (member, dossier, round) = (sheet.member.clone(), sheet.dossier.clone(), sheet.round);
                    self.corrupt(Damage::Choices { member, dossier, round })
                })?;
                Ok(sheet)
            })
            .collect()
    }

    fn resolutions(&self) -> Result<Vec<Resolution>> {
        self.rows(
            "SELECT r.dossier, r.round, r.note FROM resolution r JOIN dossier d ON d.code = r.dossier ORDER BY d.ord, r.round",
            |r| Ok(Resolution { dossier: r.get(0)?, round: r.get(1)?, note: r.get(2)? }),
        )
    }
}

/// The stored meeting date ("YYYY-MM-DD", or "" while not fixed); anything else is a damaged file.
fn meeting_date(text: &str) -> rusqlite::Result<Option<crate::domain::Date>> {
    crate::domain::date::from_text(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(Damage::MeetingDate(e)))
    })
}

impl Store {
    pub(super) fn reader(&self) -> Reader<'_> {
        Reader { conn: &self.conn, path: self.path_text() }
    }

    pub(super) fn rows<T, F>(&self, sql: &str, f: F) -> Result<Vec<T>>
    where
        F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.reader().rows(sql, f)
    }

    /// The criteria set this session is scored with (its stored snapshot).
    pub fn criteria(&self) -> Result<std::sync::Arc<CriteriaSet>> {
        if let Some(c) = self.criteria.get() {
            return Ok(c.clone());
        }
        let reader = self.reader();
        let (json, _) = reader.snapshot("criteria")?;
        let set = CriteriaSet::from_json(&json).map_err(|e| reader.corrupt(Damage::Criteria(e)))?;
        Ok(self.criteria.get_or_init(|| std::sync::Arc::new(set)).clone())
    }

    pub fn lock_info(&self) -> Result<Option<LockInfo>> {
        self.reader().lock_info()
    }

    pub fn load(&self) -> Result<Loaded> {
        let reader = self.reader();
        let session = reader.session()?;
        let (_, criteria_sha256) = reader.snapshot_hashed("criteria")?;
        let criteria = self.criteria()?;
        let (ruleset_json, ruleset_sha256) = reader.snapshot_hashed("ruleset")?;
        let ruleset = Ruleset::from_json(&ruleset_json).map_err(|e| reader.corrupt(Damage::Ruleset(e)))?;
        let round_reasons = reader.round_reasons()?;
        let lock = reader.lock_info()?;
        Ok(Loaded { session, criteria, criteria_sha256, ruleset, ruleset_sha256, lock, round_reasons })
    }

    /// The session's fingerprint as the file holds it now (docs/formats.md).
    pub fn fingerprint(&self) -> Result<String> {
        self.reader().fingerprint()
    }

    /// What one member's device is shown (src/lan): the heading, the council, the dossiers and
    /// that member's own sheets — no one else's, no resolutions, no facts. A device asks for it
    /// at every page load, so it reads no more than it sends.
    pub fn member_view(&self, member: &str) -> Result<Session> {
        let reader = self.reader();
        Ok(Session {
            format: String::new(),
            session: reader.info()?,
            members: reader.members()?,
            dossiers: reader.dossiers()?,
            sheets: reader.sheets_of(Some(member))?,
            resolutions: Vec::new(),
            audit: Vec::new(),
        })
    }

    /// The session's own tables, without parsing the criteria snapshot.
    pub fn read_session(&self) -> Result<Session> {
        self.reader().session()
    }

    /// Attachments as (dossier, name, sha256), for the fingerprint.
    pub fn attachment_hashes(&self) -> Result<Vec<(String, String, String)>> {
        self.reader().attachment_hashes()
    }

    /// Copies an attachment's content out to `dest` (streamed), for opening it with the system viewer.
    pub fn extract_attachment(&self, sha256: &str, dest: &Path) -> Result<()> {
        use std::io::Write;
        let reader = self.reader();
        let rowid: i64 = self
            .conn
            .query_row("SELECT rowid FROM blob WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .map_err(|_| reader.corrupt(Damage::MissingAttachment(sha256.to_string())))?;
        let io = |source| StoreError::io(dest.display(), source);
        let mut blob =
            self.conn.blob_open(rusqlite::MAIN_DB, "blob", "data", rowid, true).map_err(|e| reader.sql(e))?;
        let mut out = std::fs::File::create(dest).map_err(io)?;
        std::io::copy(&mut blob, &mut out).map_err(io)?;
        out.flush().map_err(io)
    }
}

/// What documents read: the session without what only the file needs (the snapshots' hashes).
impl From<Loaded> for crate::domain::record::Record {
    fn from(l: Loaded) -> Self {
        crate::domain::record::Record {
            session: l.session,
            criteria: l.criteria,
            ruleset: l.ruleset,
            lock: l.lock,
            round_reasons: l.round_reasons,
        }
    }
}

impl Loaded {
    pub fn results(&self) -> crate::domain::Results {
        crate::domain::evaluate(&self.session, &self.criteria, &self.ruleset, self.lock.is_some())
    }

    pub fn fingerprint(&self, attachments: &[(String, String, String)]) -> String {
        crate::domain::fingerprint::fingerprint(&self.session, &self.criteria_sha256, &self.ruleset_sha256, attachments)
    }
}
