//! One import as one transaction: dossiers added or updated and files attached, each with its
//! audit row, then the import's own row. The store takes domain values and bytes to stream; which
//! rows and files an import brings is decided above it (`crate::import`).

use super::dossiers::{sheets_at_stake, upsert_dossier};
use super::read::Reader;
use super::{NeedsReason, Result, Store, StoreError, audit};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::session::Dossier;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use std::io::{Read, Write};

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
    pub attached: usize,
    /// Score sheets discarded because their dossier's criteria sheet changed.
    pub discarded: usize,
}

/// An import in progress; dropped without `commit`, it leaves the file as it was.
pub struct ImportTx<'s> {
    tx: Transaction<'s>,
    path: String,
    actor: String,
    source: String,
    next_ord: i64,
    counts: ImportCounts,
}

impl Store {
    /// Begins an import from `source` (the file names, for the audit log). Refused once locked.
    pub fn begin_import(&mut self, actor: &str, source: &str) -> Result<ImportTx<'_>> {
        super::plain("actor", actor)?;
        super::plain("audit.reason", source)?;
        let sql = self.sql_owned();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&sql)?;
        if let Some(lock) = (Reader { conn: &tx, path: &self.shown }).lock_info()? {
            return Err(StoreError::Locked { at: lock.at });
        }
        let next_ord =
            tx.query_row("SELECT coalesce(max(ord), -1) + 1 FROM dossier", [], |r| r.get(0)).map_err(&sql)?;
        Ok(ImportTx {
            tx,
            path: self.shown.clone(),
            actor: actor.into(),
            source: source.into(),
            next_ord,
            counts: ImportCounts::default(),
        })
    }
}

impl ImportTx<'_> {
    fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::sqlite(&self.path, e)
    }

    fn log(&self, action: AuditAction, target: Target, new: String) -> Result<()> {
        let event = AuditEvent::new(action, target).change(None, Some(new)).because(self.source.clone());
        audit::append(&self.tx, &self.actor, &event).map_err(self.sql())
    }

    /// How many score sheets putting `d` would invalidate (its criteria sheet changes): 0 for a new
    /// dossier or one that keeps its sheet.
    pub fn sheets_at_stake(&self, d: &Dossier) -> Result<usize> {
        sheets_at_stake(&self.tx, &d.code, d.sheet).map_err(self.sql())
    }

    /// Deletes every score sheet of `dossier` (all rounds), with an audit row naming how many and
    /// why; its round and the council's resolutions stay. Returns how many were deleted.
    pub fn discard_sheets(&mut self, dossier: &str, reason: &str) -> Result<usize> {
        super::plain("audit.reason", reason)?;
        if reason.trim().is_empty() {
            return Err(StoreError::ReasonRequired(NeedsReason::DiscardSheets));
        }
        let sheet: Option<u32> = self
            .tx
            .query_row("SELECT sheet FROM dossier WHERE code = ?1", [dossier], |r| r.get(0))
            .optional()
            .map_err(self.sql())?;
        let Some(sheet) = sheet else { return Err(StoreError::UnknownDossier { code: dossier.into() }) };
        let n = self.tx.execute("DELETE FROM score_sheet WHERE dossier = ?1", [dossier]).map_err(self.sql())?;
        if n > 0 {
            let event = AuditEvent::new(AuditAction::SheetsDiscarded, Target::dossier(dossier))
                .change(Some(format!("sheet={sheet} sheets={n}")), None)
                .because(crate::domain::text::nfc(reason.trim()));
            audit::append(&self.tx, &self.actor, &event).map_err(self.sql())?;
            self.counts.discarded += n;
        }
        Ok(n)
    }

    /// Adds a dossier after the existing ones, or updates a known one in place (its state kept).
    /// Refused when that would change the criteria sheet of a dossier that has score sheets: those
    /// are discarded first, on purpose (`discard_sheets`).
    pub fn put_dossier(&mut self, d: &Dossier) -> Result<()> {
        super::plain_value("dossier", d)?;
        let at_stake = self.sheets_at_stake(d)?;
        if at_stake > 0 {
            return Err(StoreError::SheetsWouldBeDiscarded { dossiers: vec![(d.code.clone(), at_stake)] });
        }
        let known: bool = self
            .tx
            .query_row("SELECT EXISTS (SELECT 1 FROM dossier WHERE code = ?1)", [&d.code], |r| r.get(0))
            .map_err(self.sql())?;
        upsert_dossier(&self.tx, d, self.next_ord).map_err(self.sql())?;
        let action = if known { AuditAction::DossierUpdated } else { AuditAction::DossierAdded };
        self.log(action, Target::dossier(&d.code), format!("{} — {}", d.product, d.producer))?;
        if known {
            self.counts.updated += 1;
        } else {
            self.next_ord += 1;
            self.counts.added += 1;
        }
        Ok(())
    }

    /// Streams `size` bytes from `content` into the blob table while hashing them (one read, memory
    /// independent of the size); a content already stored is kept once. `origin` names the file in
    /// errors; `progress` hears each piece's length. Returns the SHA-256.
    ///
    /// An attachment is never replaced: the same content already under this name is left as it is
    /// (not counted), another content under a taken name is kept under a numbered one
    /// ("Giấy phép (2).pdf").
    pub fn attach(
        &mut self,
        dossier: &str,
        name: &str,
        origin: &str,
        content: &mut dyn Read,
        size: u64,
        progress: &mut dyn FnMut(u64),
    ) -> Result<String> {
        super::plain("attachment.name", name)?;
        let sha = self.store_blob(origin, content, size, progress)?;
        let Some(name) = self.free_name(dossier, name, &sha)? else { return Ok(sha) };
        self.tx
            .execute("INSERT INTO attachment (dossier, name, sha256) VALUES (?1, ?2, ?3)", params![dossier, name, sha])
            .map_err(self.sql())?;
        self.log(AuditAction::Attached, Target::dossier(dossier), format!("{name} ({})", &sha[..12]))?;
        self.counts.attached += 1;
        Ok(sha)
    }

    /// The name to attach `sha` under: `name`, else the first free numbered form of it; None when
    /// the dossier already has this content under one of those names.
    fn free_name(&self, dossier: &str, name: &str, sha: &str) -> Result<Option<String>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT sha256 FROM attachment WHERE dossier = ?1 AND name = ?2")
            .map_err(self.sql())?;
        let mut candidate = name.to_string();
        // Ends: each number is tried once, and a dossier has finitely many attachments.
        for n in 2.. {
            match stmt.query_row([dossier, &candidate], |r| r.get::<_, String>(0)).optional().map_err(self.sql())? {
                None => return Ok(Some(candidate)),
                Some(stored) if stored == sha => return Ok(None),
                Some(_) => candidate = numbered(name, n),
            }
        }
        Ok(None)
    }

    fn store_blob(
        &self,
        origin: &str,
        content: &mut dyn Read,
        size: u64,
        progress: &mut dyn FnMut(u64),
    ) -> Result<String> {
        let sql = self.sql();
        let pending = format!("pending-{}", self.tx.last_insert_rowid());
        self.tx
            .execute(
                "INSERT INTO blob (sha256, size, data) VALUES (?1, ?2, zeroblob(?2))",
                params![pending, size as i64],
            )
            .map_err(&sql)?;
        let rowid = self.tx.last_insert_rowid();
        let mut blob = self.tx.blob_open(rusqlite::MAIN_DB, "blob", "data", rowid, false).map_err(&sql)?;
        let mut written = 0u64;
        let hashed = crate::domain::fingerprint::sha256_read(content, &mut |piece| {
            written += piece.len() as u64;
            if written > size {
                return Err(std::io::Error::other(Grew));
            }
            blob.write_all(piece)?;
            progress(piece.len() as u64);
            Ok(())
        });
        drop(blob);
        let sha = match hashed {
            Ok(sha) if written == size => sha,
            Ok(_) => return Err(StoreError::ChangedWhileImporting { path: origin.into() }),
            Err(e) if e.get_ref().is_some_and(|inner| inner.is::<Grew>()) => {
                return Err(StoreError::ChangedWhileImporting { path: origin.into() });
            }
            Err(e) => return Err(StoreError::io(origin, e)),
        };
        let known: bool = self
            .tx
            .query_row("SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?1)", [&sha], |r| r.get(0))
            .map_err(&sql)?;
        if known {
            self.tx.execute("DELETE FROM blob WHERE rowid = ?1", [rowid]).map_err(&sql)?;
        } else {
            self.tx.execute("UPDATE blob SET sha256 = ?1 WHERE rowid = ?2", params![sha, rowid]).map_err(&sql)?;
        }
        Ok(sha)
    }

    /// Records the import as a whole and makes it durable; returns what it did.
    pub fn commit(self) -> Result<ImportCounts> {
        let c = self.counts;
        let mut summary = format!("added={} updated={} attached={}", c.added, c.updated, c.attached);
        if c.discarded > 0 {
            summary.push_str(&format!(" discarded={}", c.discarded));
        }
        let event = AuditEvent::new(AuditAction::Import, Target::session())
            .change(None, Some(summary))
            .because(self.source.clone());
        audit::append(&self.tx, &self.actor, &event).map_err(self.sql())?;
        let path = self.path.clone();
        self.tx.commit().map_err(|e| StoreError::sqlite(&path, e))?;
        Ok(c)
    }
}

/// "Giấy tờ/Giấy phép.pdf", 2 → "Giấy tờ/Giấy phép (2).pdf": the number before the extension of
/// the last part (a name without one, or a dot file, takes it at the end).
pub fn numbered(name: &str, n: u32) -> String {
    let file_start = name.rfind('/').map_or(0, |i| i + 1);
    match name[file_start..].rfind('.') {
        Some(dot) if dot > 0 => {
            let at = file_start + dot;
            format!("{} ({n}){}", &name[..at], &name[at..])
        }
        _ => format!("{name} ({n})"),
    }
}

/// A file that grew while it was read, told apart from a real read error.
#[derive(Debug)]
struct Grew;

impl std::fmt::Display for Grew {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the file grew while it was read")
    }
}

impl std::error::Error for Grew {}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn a_number_goes_before_the_extension_of_the_file_itself() {
        assert_eq!(numbered("Giấy phép.pdf", 2), "Giấy phép (2).pdf");
        assert_eq!(numbered("Giấy tờ/GCN ATTP.pdf", 3), "Giấy tờ/GCN ATTP (3).pdf");
        assert_eq!(numbered("bản.v2/README", 2), "bản.v2/README (2)");
        assert_eq!(numbered(".ẩn", 2), ".ẩn (2)");
        assert_eq!(numbered("ảnh.tar.gz", 2), "ảnh.tar (2).gz");
    }
}
