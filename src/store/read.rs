//! Reading a whole session back out of the file, in the canonical order export uses:
//! members and dossiers as entered, sheets by dossier, round and member.

use super::{Result, Store, StoreError};
use crate::domain::ruleset::{Fraction, Quorum, Settings};
use crate::domain::session::{Dossier, Member, Resolution, SESSION_FORMAT, ScoreSheet, SessionInfo};
use crate::domain::{CriteriaSet, Ruleset, Session};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct LockInfo {
    pub at: String,
    pub by: String,
    pub fingerprint: String,
}

#[derive(Clone, Debug)]
pub struct Loaded {
    pub session: Session,
    pub criteria: std::sync::Arc<CriteriaSet>,
    pub criteria_sha256: String,
    pub ruleset: Ruleset,
    pub ruleset_sha256: String,
    pub lock: Option<LockInfo>,
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

/// Parses a stored enum column through its serde name ("vice_chair" → Role::ViceChair).
fn from_name<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

impl Store {
    fn corrupt(&self, problem: impl Into<String>) -> StoreError {
        StoreError::Corrupt { path: self.shown(), problem: problem.into() }
    }

    fn rows<T, F>(&self, sql: &str, f: F) -> Result<Vec<T>>
    where
        F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        let mut stmt = self.conn.prepare_cached(sql).map_err(self.sql_err())?;
        let rows = stmt.query_map([], f).map_err(self.sql_err())?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map_err(self.sql_err())
    }

    fn enum_col<T: serde::de::DeserializeOwned>(&self, text: &str, what: &str) -> Result<T> {
        from_name(text).ok_or_else(|| self.corrupt(format!("{what} «{text}» không hợp lệ")))
    }

    pub(super) fn snapshot(&self, kind: &str) -> Result<(String, String)> {
        self.conn
            .query_row("SELECT json, sha256 FROM snapshot WHERE kind = ?1", [kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|_| self.corrupt(format!("thiếu bản lưu {kind}")))
    }

    /// The criteria set this session is scored with (its stored snapshot).
    pub fn criteria(&self) -> Result<std::sync::Arc<CriteriaSet>> {
        if let Some(c) = self.criteria.get() {
            return Ok(c.clone());
        }
        let (json, _) = self.snapshot("criteria")?;
        let set = CriteriaSet::from_json(&json).map_err(|e| self.corrupt(e.to_string()))?;
        Ok(self.criteria.get_or_init(|| std::sync::Arc::new(set)).clone())
    }

    pub fn lock_info(&self) -> Result<Option<LockInfo>> {
        let row: (Option<String>, Option<String>, Option<String>) = self
            .conn
            .query_row("SELECT locked_at, locked_by, lock_fingerprint FROM session WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(self.sql_err())?;
        Ok(row.0.map(|at| LockInfo { at, by: row.1.unwrap_or_default(), fingerprint: row.2.unwrap_or_default() }))
    }

    pub fn load(&self) -> Result<Loaded> {
        let session = self.read_session()?;
        let (_, criteria_sha256) = self.snapshot_hashed("criteria")?;
        let criteria = self.criteria()?;
        let (ruleset_json, ruleset_sha256) = self.snapshot_hashed("ruleset")?;
        let ruleset = Ruleset::from_json(&ruleset_json).map_err(|e| self.corrupt(e.to_string()))?;
        Ok(Loaded { session, criteria, criteria_sha256, ruleset, ruleset_sha256, lock: self.lock_info()? })
    }

    /// A snapshot's JSON and the SHA-256 of that text, computed now (the stored hash is not trusted).
    fn snapshot_hashed(&self, kind: &str) -> Result<(String, String)> {
        let (json, _) = self.snapshot(kind)?;
        let sha = crate::domain::fingerprint::sha256_hex(json.as_bytes());
        Ok((json, sha))
    }

    /// The session's fingerprint as the file holds it now (docs/formats.md).
    pub fn fingerprint(&self) -> Result<String> {
        let session = self.read_session()?;
        let (_, criteria) = self.snapshot_hashed("criteria")?;
        let (_, ruleset) = self.snapshot_hashed("ruleset")?;
        Ok(crate::domain::fingerprint::fingerprint(&session, &criteria, &ruleset, &self.attachment_hashes()?))
    }

    /// The session's own tables, without parsing the criteria snapshot.
    pub fn read_session(&self) -> Result<Session> {
        let get = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<String> { r.get(i) };
        let (mut info, meeting_date, settings) = self
            .conn
            .query_row(
                "SELECT title, ruleset, criteria_set, authority, province, council_decision, meeting_date, meeting_place,
                        spread_limit, quorum_num, quorum_den, chair_required, decimals FROM session WHERE id = 1",
                [],
                |r| {
                    let info = SessionInfo {
                        title: get(r, 0)?,
                        ruleset: get(r, 1)?,
                        criteria_set: get(r, 2)?,
                        authority: get(r, 3)?,
                        province: get(r, 4)?,
                        council_decision: get(r, 5)?,
                        meeting_date: None,
                        meeting_place: get(r, 7)?,
                        settings: None,
                    };
                    let settings = Settings {
                        spread_limit: r.get(8)?,
                        quorum: Quorum { fraction: Fraction { num: r.get(9)?, den: r.get(10)? }, chair_required: r.get(11)? },
                        decimals: r.get(12)?,
                    };
                    Ok((info, get(r, 6)?, settings))
                },
            )
            .map_err(|_| self.corrupt("thiếu thông tin phiên họp"))?;
        info.meeting_date =
            crate::domain::date::from_text(&meeting_date).map_err(|e| self.corrupt(format!("ngày họp: {e}")))?;
        info.settings = Some(settings);

        let members = self
            .rows("SELECT id, name, position, role, present, scores FROM member ORDER BY ord", |r| {
                Ok((get(r, 0)?, get(r, 1)?, get(r, 2)?, get(r, 3)?, r.get::<_, bool>(4)?, r.get::<_, bool>(5)?))
            })?
            .into_iter()
            .map(|(id, name, position, role, present, scores)| {
                Ok(Member { id, name, position, role: self.enum_col(&role, "vai trò")?, present, scores })
            })
            .collect::<Result<Vec<_>>>()?;

        let mut recused: HashMap<String, Vec<String>> = HashMap::new();
        for (d, m) in self
            .rows("SELECT r.dossier, r.member FROM recusal r JOIN member m ON m.id = r.member ORDER BY m.ord", |r| {
                Ok((get(r, 0)?, get(r, 1)?))
            })?
        {
            recused.entry(d).or_default().push(m);
        }

        type DossierRow =
            (String, String, u32, String, String, String, String, String, String, Option<u32>, Option<String>, u32);
        let dossier_rows: Vec<DossierRow> = self.rows(
            "SELECT code, product, sheet, producer, entity_type, representative, address, phone, kind, self_score,
                    eliminated, current_round FROM dossier ORDER BY ord",
            |r| {
                Ok((
                    get(r, 0)?,
                    get(r, 1)?,
                    r.get(2)?,
                    get(r, 3)?,
                    get(r, 4)?,
                    get(r, 5)?,
                    get(r, 6)?,
                    get(r, 7)?,
                    get(r, 8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            },
        )?;
        let mut dossiers = Vec::with_capacity(dossier_rows.len());
        for (
            code,
            product,
            sheet,
            producer,
            entity,
            representative,
            address,
            phone,
            kind,
            self_score,
            eliminated,
            round,
        ) in dossier_rows
        {
            dossiers.push(Dossier {
                recused: recused.remove(&code).unwrap_or_default(),
                code,
                product,
                sheet,
                producer,
                entity_type: self.enum_col(&entity, "loại hình chủ thể")?,
                representative,
                address,
                phone,
                kind: self.enum_col(&kind, "hình thức")?,
                self_score,
                eliminated,
                round: Some(round),
            });
        }

        let mut sheets: Vec<ScoreSheet> = Vec::new();
        for (dossier, member, round, comment, submitted, choices) in self.rows(
            "SELECT s.dossier, s.member, s.round, s.comment, s.submitted, s.choices FROM score_sheet s
               JOIN dossier d ON d.code = s.dossier JOIN member m ON m.id = s.member
              ORDER BY d.ord, s.round, m.ord",
            |r| Ok((get(r, 0)?, get(r, 1)?, r.get::<_, u32>(2)?, get(r, 3)?, r.get::<_, bool>(4)?, get(r, 5)?)),
        )? {
            let choices = parse_choices(&choices).ok_or_else(|| {
                self.corrupt(format!("phiếu của «{member}» cho «{dossier}» vòng {round}: lựa chọn không đọc được"))
            })?;
            sheets.push(ScoreSheet { dossier, member, round, choices, comment, draft: !submitted });
        }

        let resolutions = self.rows(
            "SELECT r.dossier, r.round, r.note FROM resolution r JOIN dossier d ON d.code = r.dossier ORDER BY d.ord, r.round",
            |r| Ok(Resolution { dossier: get(r, 0)?, round: r.get(1)?, note: get(r, 2)? }),
        )?;

        Ok(Session {
            format: SESSION_FORMAT.to_string(),
            session: info,
            members,
            dossiers,
            sheets,
            resolutions,
            audit: vec![],
        })
    }

    /// Copies an attachment's content out to `dest` (streamed), for opening it with the system viewer.
    pub fn extract_attachment(&self, sha256: &str, dest: &Path) -> Result<()> {
        use std::io::Write;
        let rowid: i64 = self
            .conn
            .query_row("SELECT rowid FROM blob WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .map_err(|_| self.corrupt(format!("thiếu nội dung tệp đính kèm {sha256}")))?;
        let io = |source| StoreError::Io { path: dest.display().to_string(), source };
        let mut blob = self.conn.blob_open(rusqlite::MAIN_DB, "blob", "data", rowid, true).map_err(self.sql_err())?;
        let mut out = std::fs::File::create(dest).map_err(io)?;
        std::io::copy(&mut blob, &mut out).map_err(io)?;
        out.flush().map_err(io)
    }

    /// Attachments as (dossier, name, sha256), for the fingerprint.
    pub fn attachment_hashes(&self) -> Result<Vec<(String, String, String)>> {
        self.rows("SELECT dossier, name, sha256 FROM attachment ORDER BY dossier, name", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
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
