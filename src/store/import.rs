//! One import as one transaction: dossiers added or updated and files attached, each with its
//! audit row, then the import's own row. The store takes domain values and bytes to stream; which
//! rows and files an import brings is decided above it (`crate::import`).

use super::read::Reader;
use super::{Result, Store, StoreError, audit, dossiers::upsert_dossier};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use crate::domain::session::Dossier;
use rusqlite::{Transaction, TransactionBehavior, params};
use std::io::{Read, Write};

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
    pub attached: usize,
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

    /// Adds a dossier after the existing ones, or updates a known one in place (its state kept).
    pub fn put_dossier(&mut self, d: &Dossier) -> Result<()> {
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
    pub fn attach(
        &mut self,
        dossier: &str,
        name: &str,
        origin: &str,
        content: &mut dyn Read,
        size: u64,
        progress: &mut dyn FnMut(u64),
    ) -> Result<String> {
        let sha = self.store_blob(origin, content, size, progress)?;
        self.tx
            .execute(
                "INSERT INTO attachment (dossier, name, sha256) VALUES (?1, ?2, ?3)
                 ON CONFLICT (dossier, name) DO UPDATE SET sha256 = excluded.sha256",
                params![dossier, name, sha],
            )
            .map_err(self.sql())?;
        self.log(AuditAction::Attached, Target::dossier(dossier), format!("{name} ({})", &sha[..12]))?;
        self.counts.attached += 1;
        Ok(sha)
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
        let summary = format!("added={} updated={} attached={}", c.added, c.updated, c.attached);
        let event = AuditEvent::new(AuditAction::Import, Target::session())
            .change(None, Some(summary))
            .because(self.source.clone());
        audit::append(&self.tx, &self.actor, &event).map_err(self.sql())?;
        let path = self.path.clone();
        self.tx.commit().map_err(|e| StoreError::sqlite(&path, e))?;
        Ok(c)
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
